/* The office store's backend contract (office/ostore.h): what a backend provides, as one
 * table of functions. Included only by office/ostore*.c and the backends (office/pg). Each
 * function takes the backend's own handle h (from open) and behaves as its fq_ostore_*
 * namesake documented in office/ostore.h; create_visit may be NULL (then ostore_generic.c
 * makes the visit through put/get/list, the same steps as lib/store's). */
#ifndef FQ_OFFICE_OSTORE_BACKEND_H
#define FQ_OFFICE_OSTORE_BACKEND_H

#include "office/ostore.h"

typedef struct fq_ostore_backend {
    const char *name;
    /* Opens db; *out_h gets the handle even on failure when one was allocated (errmsg reads
     * it, close frees it). */
    fq_err (*open)(const char *db, void **out_h);
    void (*close)(void *h);
    const char *(*errmsg)(const void *h);
    void (*set_clock)(void *h, fq_store_clock_fn fn, void *ctx);
    int64_t (*now)(void *h);
    fq_err (*set_actor)(void *h, const char *device_id, const char *inspector);
    const char *(*device_id)(const void *h);
    fq_err (*begin)(void *h);
    fq_err (*commit)(void *h);
    void (*rollback)(void *h);
    fq_err (*apply_change)(void *h, const fq_store_sender *from, const fq_change *c, int *out_outcome);
    fq_err (*put)(void *h, fq_entity_id ent, void *rec);
    fq_err (*get)(void *h, fq_entity_id ent, const char *uuid, void *out);
    fq_err (*list)(void *h, fq_entity_id ent, const char *filter_col, const char *filter_val, const char *order_col, void **out, size_t *out_n);
    fq_err (*count)(void *h, fq_entity_id ent, const char *filter_col, const char *filter_val, int64_t *out_n);
    fq_err (*create_visit)(void *h, fq_visit *visit); /* may be NULL */
    fq_err (*page)(void *h, fq_entity_id ent, const char *filter_col, const char *filter_val, const char *after, size_t limit, void **out, size_t *out_n, int *out_more);
    fq_err (*order_light)(void *h, const char *order_uuid, fq_light_result *out);
    fq_err (*order_report)(void *h, const char *order_uuid, fq_light_report *out);
    fq_err (*defect_totals)(void *h, const char *visit_uuid, int64_t out_by_severity[FQ_SEV_COUNT]);
    fq_err (*setting_get)(void *h, const char *key, char *out, size_t out_len);
    fq_err (*setting_set)(void *h, const char *key, const char *value);
    fq_err (*setting_init)(void *h, const char *key, const char *value, char *out, size_t out_len);
    fq_err (*find_import)(void *h, const char *bundle_id, fq_store_import *out);
    fq_err (*add_import)(void *h, const fq_store_import *x);
    fq_err (*each_range)(void *h, const char *device_id, fq_store_range_fn fn, void *ctx);
    fq_err (*each_signed_range)(void *h, const char *device_id, const char *signer_key, fq_store_range_fn fn, void *ctx);
    fq_err (*add_import_signer)(void *h, const char *bundle_id, const char *signer_key);
    fq_err (*add_photo)(void *h, const char *sha256, const char *device_id, int64_t bytes, const char *bundle_id);
    fq_err (*receipt_acked)(void *h, const char *device_id, const char *signer_key, int64_t *out_n);
    fq_err (*each_unconfirmed_photo)(void *h, const char *device_id, int64_t acked_n, fq_store_hash_fn fn, void *ctx);
    fq_err (*add_receipt)(void *h, const char *bundle_id, const char *device_id, int64_t issued_utc);
    fq_err (*ack_receipt)(void *h, const char *device_id, const char *signer_key, const char *receipt_id, int64_t at_utc);
    fq_err (*enrol)(void *h, const char *device_id, const char *public_key, int64_t at_utc);
    fq_err (*revoke)(void *h, const char *device_id, int64_t at_utc);
    fq_err (*enrolment)(void *h, const char *device_id, fq_store_enrolment *out);
    fq_err (*each_enrolment)(void *h, fq_store_enrolment_fn fn, void *ctx);
    fq_err (*each_conflict)(void *h, int include_resolved, fq_store_conflict_fn fn, void *ctx);
    fq_err (*resolve)(void *h, int64_t id, int keep_incoming, int64_t *out_revision);
    fq_err (*count_open_visits)(void *h, const char *device_id, int64_t *out);
    fq_err (*each_device_work)(void *h, const char *device_id, fq_change_fn fn, void *ctx);
    fq_err (*each_flat_row)(void *h, const char *name, fq_store_row_fn fn, void *ctx);
    fq_err (*token_add)(void *h, const fq_ostore_token *t);
    fq_err (*token_get)(void *h, const char *id, fq_ostore_token *out);
    fq_err (*token_revoke)(void *h, const char *id, int64_t at_utc);
    fq_err (*each_token)(void *h, fq_ostore_token_fn fn, void *ctx);
    fq_err (*outbound_add)(void *h, const fq_ostore_outbound *x);
    fq_err (*each_outbound)(void *h, fq_ostore_outbound_fn fn, void *ctx);
    fq_err (*outbound_done)(void *h, const char *bundle_id, const char *server, int64_t at_utc);
    fq_err (*outbound_has)(void *h, const char *bundle_id, int *out_queued);
    fq_err (*count_rows)(void *h, const char *table, int64_t *out_n);
    fq_err (*order_summaries)(void *h, const char *const *order_uuids, size_t n, fq_order_summary *out);
    fq_err (*user_put)(void *h, const fq_ostore_user *u);
    fq_err (*user_get)(void *h, const char *name, fq_ostore_user *out);
    fq_err (*each_user)(void *h, fq_ostore_user_fn fn, void *ctx);
    fq_err (*session_add)(void *h, const fq_ostore_session *x);
    fq_err (*session_get)(void *h, const char *id_hash, fq_ostore_session *out);
    fq_err (*sessions_end)(void *h, const char *id_hash, const char *user, int64_t before_utc);
    fq_err (*request_add)(void *h, const fq_ostore_request *r);
    fq_err (*request_get)(void *h, const char *id, fq_ostore_request *out);
    fq_err (*each_request)(void *h, const char *order_uuid, const char *status, fq_ostore_request_fn fn, void *ctx);
    fq_err (*request_decide)(void *h, const fq_ostore_request *r);
} fq_ostore_backend;

/* The sqlite backend (ostore_sqlite.c, lib/store). */
const fq_ostore_backend *fq_ostore_sqlite_backend(void);

/* ostore_generic.c: a visit with its checklist, production count and AQL plan, through the
 * interface's own calls (for a backend without create_visit). */
fq_err fq_ostore_generic_create_visit(fq_ostore *s, fq_visit *visit);

#endif
