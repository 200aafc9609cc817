/* fq_ostore: the office's store, one interface over two backends (issue 13).
 *
 * Everything the office library keeps goes through this header: the domain records (by the
 * column maps of core/model_fields.h), applying a device's change by the ownership rules,
 * lights and report queries, the import log and the photo senders, the enrolments and the
 * office's settings (its signing key), the kept conflicts, the rows of a device's job pack,
 * the flat tables of the CSV export, and the server's API tokens and the laptop's queue of
 * bundles to forward.
 *
 * Backends:
 *   - sqlite (the embedded default, `--db office.db`): lib/store, exactly as the device uses
 *     it (ostore_sqlite.c only adapts the calls);
 *   - PostgreSQL (`--db postgresql://USER@HOST/DB`): office/pg (libpq), its SQL generated from
 *     the same column maps.
 * What both must decide alike is decided once, in C, outside either backend: the ownership
 * verdict of a received change (core/ownership.h), a record write's revisions and changed
 * groups (core/model_fields.h), the traffic lights (core/lights.h), the visit's checklist
 * (ostore_generic.c for PostgreSQL, lib/store for sqlite: the same steps).
 *
 * The structs and callbacks are lib/store's (store/store.h): one set of types for both.
 * Errors: fq_err, the one-line reason on the handle (fq_ostore_errmsg), cleared at each call.
 * Not thread-safe: one handle per thread (the server keeps a pool). */
#ifndef FQ_OFFICE_OSTORE_H
#define FQ_OFFICE_OSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/change.h"
#include "core/err.h"
#include "core/lights.h"
#include "core/model.h"
#include "core/model_fields.h"
#include "store/store.h"

typedef struct fq_ostore fq_ostore;

/* True when db names a PostgreSQL database ("postgresql://..." or "postgres://..."): the
 * other backend takes everything else as a file path. */
int fq_ostore_is_url(const char *db);

/* Opens (creating the schema when missing, upgrading it when older) the office store named
 * by db. On failure *out is set when a handle could be allocated (read fq_ostore_errmsg,
 * then close it). FQ_ERR_INVALID when db is a URL and this build has no PostgreSQL. */
fq_err fq_ostore_open(const char *db, fq_ostore **out);

/* Closes; NULL allowed. */
void fq_ostore_close(fq_ostore *s);

/* The reason of the last failure ("" after success); "out of memory" for NULL. */
const char *fq_ostore_errmsg(const fq_ostore *s);

/* "sqlite" or "postgresql". */
const char *fq_ostore_backend_name(const fq_ostore *s);

/* Clock (tests install a fixed one; NULL restores time()) and the time now, UTC seconds. */
void fq_ostore_set_clock(fq_ostore *s, fq_store_clock_fn fn, void *ctx);
int64_t fq_ostore_now(fq_ostore *s);

/* Who writes: stamped on the office's own writes (fq_store_set_actor). */
fq_err fq_ostore_set_actor(fq_ostore *s, const char *device_id, const char *inspector);
const char *fq_ostore_device_id(const fq_ostore *s);

/* One write transaction (nested calls join it; rollback of an inner one makes the outer
 * commit fail). Writers are serialized on both backends (sqlite: BEGIN IMMEDIATE;
 * PostgreSQL: a transaction advisory lock), so an import sees what the last one wrote. */
fq_err fq_ostore_begin(fq_ostore *s);
fq_err fq_ostore_commit(fq_ostore *s);
void fq_ostore_rollback(fq_ostore *s);

/* fq_store_apply_change at the office (from->source FQ_STORE_FROM_DEVICE): inside a
 * transaction; *out_outcome gets FQ_STORE_APPLIED / _CONFLICT / _REFUSED bits. */
fq_err fq_ostore_apply_change(fq_ostore *s, const fq_store_sender *from, const fq_change *c,
                              int *out_outcome);

/* Records, as fq_store_put / _get / _list / _count / _create_visit (store/store.h). */
fq_err fq_ostore_put(fq_ostore *s, fq_entity_id ent, void *rec);
fq_err fq_ostore_get(fq_ostore *s, fq_entity_id ent, const char *uuid, void *out);
fq_err fq_ostore_list(fq_ostore *s, fq_entity_id ent, const char *filter_col,
                      const char *filter_val, const char *order_col, void **out, size_t *out_n);
fq_err fq_ostore_count(fq_ostore *s, fq_entity_id ent, const char *filter_col,
                       const char *filter_val, int64_t *out_n);
fq_err fq_ostore_create_visit(fq_ostore *s, fq_visit *visit);

/* A page of records for the API: those with uuid > after (after "" or NULL: from the start)
 * and, when filter_col is set, filter_col = filter_val, in uuid order, at most limit (1..1000)
 * of them. *out malloc'd (free()), NULL when none; *out_more 1 when more follow. */
fq_err fq_ostore_page(fq_ostore *s, fq_entity_id ent, const char *filter_col,
                      const char *filter_val, const char *after, size_t limit, void **out,
                      size_t *out_n, int *out_more);

/* Reports: fq_store_order_light, fq_store_order_report (the light with every reason: core's
 * fq_light_order_report on the same facts on both backends), fq_store_defect_totals. */
fq_err fq_ostore_order_light(fq_ostore *s, const char *order_uuid, fq_light_result *out);
fq_err fq_ostore_order_report(fq_ostore *s, const char *order_uuid, fq_light_report *out);
fq_err fq_ostore_defect_totals(fq_ostore *s, const char *visit_uuid,
                               int64_t out_by_severity[FQ_SEV_COUNT]);

/* Local settings (the office's signing key): fq_store_setting_get / _set / _init. */
fq_err fq_ostore_setting_get(fq_ostore *s, const char *key, char *out, size_t out_len);
fq_err fq_ostore_setting_set(fq_ostore *s, const char *key, const char *value);
fq_err fq_ostore_setting_init(fq_ostore *s, const char *key, const char *value, char *out,
                              size_t out_len);

/* The import log and the photo senders: fq_store_office_* of store/store.h. */
fq_err fq_ostore_find_import(fq_ostore *s, const char *bundle_id, fq_store_import *out);
fq_err fq_ostore_add_import(fq_ostore *s, const fq_store_import *x);
fq_err fq_ostore_each_range(fq_ostore *s, const char *device_id, fq_store_range_fn fn,
                            void *ctx);
fq_err fq_ostore_each_signed_range(fq_ostore *s, const char *device_id, const char *signer_key,
                                   fq_store_range_fn fn, void *ctx);
fq_err fq_ostore_add_import_signer(fq_ostore *s, const char *bundle_id, const char *signer_key);
fq_err fq_ostore_add_photo(fq_ostore *s, const char *sha256, const char *device_id,
                           int64_t bytes, const char *bundle_id);

/* Receipts (issue 18): fq_store_office_receipt_acked / _each_unconfirmed_photo /
 * _add_receipt / _ack_receipt. */
fq_err fq_ostore_receipt_acked(fq_ostore *s, const char *device_id, const char *signer_key,
                               int64_t *out_n);
fq_err fq_ostore_each_unconfirmed_photo(fq_ostore *s, const char *device_id, int64_t acked_n,
                                        fq_store_hash_fn fn, void *ctx);
fq_err fq_ostore_add_receipt(fq_ostore *s, const char *bundle_id, const char *device_id,
                             int64_t issued_utc);
fq_err fq_ostore_ack_receipt(fq_ostore *s, const char *device_id, const char *signer_key,
                             const char *receipt_id, int64_t at_utc);

/* Enrolments: fq_store_office_enrol / _revoke / _enrolment / _each_enrolment. */
fq_err fq_ostore_enrol(fq_ostore *s, const char *device_id, const char *public_key,
                       int64_t at_utc);
fq_err fq_ostore_revoke(fq_ostore *s, const char *device_id, int64_t at_utc);
fq_err fq_ostore_enrolment(fq_ostore *s, const char *device_id, fq_store_enrolment *out);
fq_err fq_ostore_each_enrolment(fq_ostore *s, fq_store_enrolment_fn fn, void *ctx);

/* Kept changes: fq_store_office_each_conflict / _resolve. */
fq_err fq_ostore_each_conflict(fq_ostore *s, int include_resolved, fq_store_conflict_fn fn,
                               void *ctx);
fq_err fq_ostore_resolve(fq_ostore *s, int64_t id, int keep_incoming, int64_t *out_revision);

/* A device's job pack rows: fq_store_count_open_visits / fq_store_each_device_work. */
fq_err fq_ostore_count_open_visits(fq_ostore *s, const char *device_id, int64_t *out);
fq_err fq_ostore_each_device_work(fq_ostore *s, const char *device_id, fq_change_fn fn,
                                  void *ctx);

/* The flat tables of the CSV export (fq_store_flat_tables: "findings", "defects", "counts",
 * "cartons", "measurements", "site_tests", "issues"; NULL-terminated, static) and their rows
 * (fq_store_each_flat_row: values as text, the same text on both backends). */
const char *const *fq_ostore_flat_tables(void);
fq_err fq_ostore_each_flat_row(fq_ostore *s, const char *name, fq_store_row_fn fn, void *ctx);

/* ---- API tokens (the server's; serve authenticates laptops and scripts with them) ---- */

typedef fq_store_token fq_ostore_token; /* store/store.h */

typedef fq_store_token_fn fq_ostore_token_fn;

fq_err fq_ostore_token_add(fq_ostore *s, const fq_ostore_token *t);
/* FQ_ERR_NOTFOUND when there is no token id. */
fq_err fq_ostore_token_get(fq_ostore *s, const char *id, fq_ostore_token *out);
/* FQ_ERR_NOTFOUND when no token id is in force. */
fq_err fq_ostore_token_revoke(fq_ostore *s, const char *id, int64_t at_utc);
fq_err fq_ostore_each_token(fq_ostore *s, fq_ostore_token_fn fn, void *ctx);

/* ---- the laptop's queue of imported bundles to forward to the server (push) ---- */

typedef fq_store_outbound fq_ostore_outbound; /* store/store.h */

typedef fq_store_outbound_fn fq_ostore_outbound_fn;

/* Queues an imported bundle (part of the import's transaction); the same id again: no-op. */
fq_err fq_ostore_outbound_add(fq_ostore *s, const fq_ostore_outbound *x);
/* Visits the bundles not yet confirmed, in the order they were imported. */
fq_err fq_ostore_each_outbound(fq_ostore *s, fq_ostore_outbound_fn fn, void *ctx);
/* The server confirmed bundle_id (imported, or held already). */
fq_err fq_ostore_outbound_done(fq_ostore *s, const char *bundle_id, const char *server,
                               int64_t at_utc);
/* FQ_OK with *out_queued 1 when bundle_id is in the queue (sent or not). */
fq_err fq_ostore_outbound_has(fq_ostore *s, const char *bundle_id, int *out_queued);

/* ---- the web portal (issue 14): accounts, sessions, approval requests, the dashboard ---- */

typedef fq_store_user fq_ostore_user;               /* store/store.h */
typedef fq_store_user_fn fq_ostore_user_fn;
typedef fq_store_session fq_ostore_session;
typedef fq_store_approval_request fq_ostore_request;
typedef fq_store_request_fn fq_ostore_request_fn;

/* fq_store_order_summaries: out[i] for order_uuids[i] (core's fq_order_summarize on the
 * facts of fq_ostore_order_report), in a few queries for the lot. */
fq_err fq_ostore_order_summaries(fq_ostore *s, const char *const *order_uuids, size_t n,
                                 fq_order_summary *out);

/* Accounts: fq_store_office_user_put / _get / _each_user (FQ_ERR_NOTFOUND from get). */
fq_err fq_ostore_user_put(fq_ostore *s, const fq_ostore_user *u);
fq_err fq_ostore_user_get(fq_ostore *s, const char *name, fq_ostore_user *out);
fq_err fq_ostore_each_user(fq_ostore *s, fq_ostore_user_fn fn, void *ctx);

/* Sessions: fq_store_office_session_add / _get / _sessions_end. */
fq_err fq_ostore_session_add(fq_ostore *s, const fq_ostore_session *x);
fq_err fq_ostore_session_get(fq_ostore *s, const char *id_hash, fq_ostore_session *out);
fq_err fq_ostore_sessions_end(fq_ostore *s, const char *id_hash, const char *user,
                              int64_t before_utc);

/* Requests for a buyer's decision: fq_store_office_request_add / _get / _each_request /
 * _decide (FQ_ERR_CONFLICT when decided already). */
fq_err fq_ostore_request_add(fq_ostore *s, const fq_ostore_request *r);
fq_err fq_ostore_request_get(fq_ostore *s, const char *id, fq_ostore_request *out);
fq_err fq_ostore_each_request(fq_ostore *s, const char *order_uuid, const char *status,
                              fq_ostore_request_fn fn, void *ctx);
fq_err fq_ostore_request_decide(fq_ostore *s, const fq_ostore_request *r);

/* ---- tests and benches ---- */

/* Rows of a table of the office schema (an entity table or an office_* table); FQ_ERR_INVALID
 * for any other name. For tests comparing states across backends. */
fq_err fq_ostore_count_rows(fq_ostore *s, const char *table, int64_t *out_n);

/* ---- typed wrappers ---- */
#define FQ_OSTORE_TYPED(name, type, ent)                                                       \
    static inline fq_err fq_ostore_put_##name(fq_ostore *s, type *rec)                         \
    {                                                                                          \
        return fq_ostore_put(s, ent, rec);                                                     \
    }                                                                                          \
    static inline fq_err fq_ostore_get_##name(fq_ostore *s, const char *uuid, type *out)       \
    {                                                                                          \
        return fq_ostore_get(s, ent, uuid, out);                                               \
    }

FQ_OSTORE_TYPED(order, fq_order, FQ_ENT_ORDER)
FQ_OSTORE_TYPED(milestone, fq_milestone, FQ_ENT_MILESTONE)
FQ_OSTORE_TYPED(visit, fq_visit, FQ_ENT_VISIT)
FQ_OSTORE_TYPED(checklist_item, fq_checklist_item, FQ_ENT_CHECKLIST_ITEM)
FQ_OSTORE_TYPED(finding, fq_finding, FQ_ENT_FINDING)
FQ_OSTORE_TYPED(production, fq_production, FQ_ENT_PRODUCTION)
FQ_OSTORE_TYPED(issue, fq_issue, FQ_ENT_ISSUE)
FQ_OSTORE_TYPED(meas_spec, fq_meas_spec, FQ_ENT_MEAS_SPEC)
FQ_OSTORE_TYPED(meas_reading, fq_meas_reading, FQ_ENT_MEAS_READING)
FQ_OSTORE_TYPED(site_test, fq_site_test, FQ_ENT_SITE_TEST)

#endif
