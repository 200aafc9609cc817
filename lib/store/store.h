/* fq_store: the device's (and the office's) offline database.
 *
 * sqlite in WAL mode, synchronous=FULL, foreign keys on, schema migrations by
 * PRAGMA user_version. Every public write is one transaction, committed (durable) before the
 * call returns FQ_OK, so the UI may say "saved" as soon as it gets FQ_OK. Every insert,
 * update and delete of a record is appended to the change log (by triggers, so no write
 * path can forget it); sync exports the log incrementally.
 *
 * Records are the structs of core/model.h, addressed generically by fq_entity_id with the
 * column maps of core/model_fields.h; typed wrappers follow at the end.
 *
 * Not thread-safe: one fq_store per thread. Does not touch photo files (media/ writes them;
 * the store records a photo only after its file is durable). */
#ifndef FQ_STORE_STORE_H
#define FQ_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/change.h"
#include "core/err.h"
#include "core/lights.h"
#include "core/model.h"
#include "core/model_fields.h"

/* Newest schema version this build understands. */
#define FQ_STORE_SCHEMA_VERSION 3

typedef struct fq_store fq_store;

/* Clock for timestamps: returns UTC seconds. Tests install a fixed clock. */
typedef int64_t (*fq_store_clock_fn)(void *ctx);

/* Opens (creating if needed) the database at path (":memory:" works) and migrates it to
 * FQ_STORE_SCHEMA_VERSION. A database written by a newer schema is not touched and gives
 * FQ_ERR_VERSION; a file that is not a database gives FQ_ERR_CORRUPT.
 * On failure *out is set to a handle anyway when one could be allocated, so the caller can
 * read fq_store_errmsg(); it must still be closed. Returns FQ_ERR_NOMEM when not even that. */
fq_err fq_store_open(const char *path, fq_store **out);

/* Closes the database; NULL is allowed. */
void fq_store_close(fq_store *st);

/* Reason for the last failure on this handle ("" after success). Valid until the next call. */
const char *fq_store_errmsg(const fq_store *st);

/* Who writes: stamped on every record written from now on. Both strings are copied
 * (truncated to FQ_ID_LEN - 1). The device id is also saved as the setting "device_id". */
fq_err fq_store_set_actor(fq_store *st, const char *device_id, const char *inspector);

/* The device id of this database (generated once at creation); static until the next
 * set_actor. */
const char *fq_store_device_id(const fq_store *st);

/* Replaces the clock (NULL restores time()). */
void fq_store_set_clock(fq_store *st, fq_store_clock_fn fn, void *ctx);

/* Current UTC seconds by the store's clock. */
int64_t fq_store_now(fq_store *st);

/* Groups several writes into one user action: begin ... commit. Nested calls join the
 * outer transaction. rollback undoes the whole action. */
fq_err fq_store_begin(fq_store *st);
fq_err fq_store_commit(fq_store *st);
void fq_store_rollback(fq_store *st);

/* Inserts rec (when rec->meta.uuid is empty: a new uuid, revision 1) or updates it
 * (revision + 1; FQ_ERR_CONFLICT when the stored revision is not rec->meta.revision, i.e.
 * someone else changed it). Fills rec->meta on success. `rec` points to the struct of `ent`.
 * Writes to a record of a signed-off visit fail with FQ_ERR_CONFLICT. */
fq_err fq_store_put(fq_store *st, fq_entity_id ent, void *rec);

/* Reads the record with uuid into out (the struct of `ent`). FQ_ERR_NOTFOUND when absent. */
fq_err fq_store_get(fq_store *st, fq_entity_id ent, const char *uuid, void *out);

/* Deletes the record (the change log keeps a tombstone). FQ_ERR_NOTFOUND when absent. */
fq_err fq_store_delete(fq_store *st, fq_entity_id ent, const char *uuid);

/* Lists the records of `ent` whose column `filter_col` equals `filter_val` (both NULL: all
 * records), ordered by `order_col` (NULL: creation time, then insertion order). Columns must be columns of the
 * entity, else FQ_ERR_INVALID. *out is a malloc'd array of n structs (free with free());
 * it is NULL when n is 0. */
fq_err fq_store_list(fq_store *st, fq_entity_id ent, const char *filter_col,
                     const char *filter_val, const char *order_col, void **out, size_t *out_n);

/* Counts the records of ent (filtered as in fq_store_list). */
fq_err fq_store_count(fq_store *st, fq_entity_id ent, const char *filter_col,
                      const char *filter_val, int64_t *out_n);

/* ---- visit life cycle ---- */

/* Creates a visit of `type` for an order with its checklist: one finding (result unset) per
 * checklist item of that visit type, an empty production count and AQL plan, all in one
 * transaction. visit->order_uuid and visit->type must be set; visit->meta is filled. */
fq_err fq_store_create_visit(fq_store *st, fq_visit *visit);

/* Signs off: sets verdict, ended time and finished; afterwards the visit and its records are
 * read-only. */
fq_err fq_store_finish_visit(fq_store *st, const char *visit_uuid, int32_t verdict);

/* Reopens a finished visit; reason must be non-empty and is logged with the visit. */
fq_err fq_store_reopen_visit(fq_store *st, const char *visit_uuid, const char *reason);

/* ---- queries for screens and reports ---- */

/* Sum of defect counts per severity for a visit: out_by_severity[FQ_SEV_COUNT]. */
fq_err fq_store_defect_totals(fq_store *st, const char *visit_uuid,
                              int64_t out_by_severity[FQ_SEV_COUNT]);

/* The production count of the order's most recent visit that has one; FQ_ERR_NOTFOUND when
 * none has been recorded yet. */
fq_err fq_store_latest_production(fq_store *st, const char *order_uuid, fq_production *out);

/* Traffic light of an order now (core/lights.h rules on the stored milestones and latest
 * production count). */
fq_err fq_store_order_light(fq_store *st, const char *order_uuid, fq_light_result *out);

/* The records of `ent` for many uuids in one query: out (an array of n records) gets
 * out[i] for uuids[i] and found[i] says whether it exists. Duplicates are allowed. */
fq_err fq_store_get_many(fq_store *st, fq_entity_id ent, const char *const *uuids, size_t n,
                         void *out, bool *found);

/* fq_store_order_light for many orders in two queries: out[i] for order_uuids[i] (an
 * unknown order gets the light of no milestones). */
fq_err fq_store_order_lights(fq_store *st, const char *const *order_uuids, size_t n,
                             fq_light_result *out);

/* One finished lot for the AQL switching rules: its plan (mode, level, AQLs, lot_result 1
 * accepted / 2 rejected) and the defects found per severity (index fq_severity). */
typedef struct fq_store_lot {
    fq_aql_plan plan;
    int64_t found[FQ_SEV_COUNT];
} fq_store_lot;

/* The finished lots (lot_result 1 or 2) of supplier + product, oldest first, excluding the
 * visit `exclude_visit_uuid` (may be NULL). *out is malloc'd (free()), NULL when n is 0. */
fq_err fq_store_lot_history(fq_store *st, const char *supplier, const char *product,
                            const char *exclude_visit_uuid, fq_store_lot **out, size_t *out_n);

/* ---- settings (local to this database, never synced) ---- */

fq_err fq_store_setting_get(fq_store *st, const char *key, char *out, size_t out_len);
fq_err fq_store_setting_set(fq_store *st, const char *key, const char *value);

/* ---- change log (what sync carries) ---- */

/* Visits the local changes (origin this database, not applied from a bundle) with
 * seq > after_seq in seq order. */
fq_err fq_store_changes_since(fq_store *st, int64_t after_seq, fq_change_fn fn, void *ctx);

/* Highest change log position (0 when empty). */
fq_err fq_store_last_seq(fq_store *st, int64_t *out);

/* Applies a record received from another database: insert, or update when `revision` is
 * higher than the stored one (ties keep the stored row), or delete for op 'D'. Does not log
 * it as a local change. Must run inside fq_store_begin/commit. Returns FQ_OK also when the
 * record was older (nothing to do); *out_applied says whether it changed anything. */
fq_err fq_store_apply_change(fq_store *st, const fq_change *change, int *out_applied);

/* The raw sqlite handle, for the bundle library and tests only (sync/bundle reads the
 * schema through it); the UI never calls this. */
struct sqlite3 *fq_store_db(fq_store *st);

/* ---- seeding from assets ---- */

/* Loads the default checklists `<dir>/<visit type key>.tsv` (lines "section<TAB>text", '#'
 * comments) for every visit type that has no checklist items yet. One transaction. */
fq_err fq_store_seed_checklists(fq_store *st, const char *dir);

/* Loads the demo orders, milestones, visits and issues of `demo_tsv` (assets/demo/demo.tsv;
 * days in it are relative to today_utc), plus the checklists of `checklist_dir`, in one
 * transaction. Visits are assigned to this database's device. FQ_ERR_CONFLICT when the
 * database already holds orders; FQ_ERR_CORRUPT naming the line for a bad line. */
fq_err fq_store_seed_demo(fq_store *st, const char *demo_tsv, const char *checklist_dir,
                          int64_t today_utc);

/* ---- typed wrappers ---- */
#define FQ_STORE_TYPED(name, type, ent)                                                        \
    static inline fq_err fq_store_put_##name(fq_store *st, type *rec)                          \
    {                                                                                          \
        return fq_store_put(st, ent, rec);                                                     \
    }                                                                                          \
    static inline fq_err fq_store_get_##name(fq_store *st, const char *uuid, type *out)        \
    {                                                                                          \
        return fq_store_get(st, ent, uuid, out);                                               \
    }

FQ_STORE_TYPED(order, fq_order, FQ_ENT_ORDER)
FQ_STORE_TYPED(milestone, fq_milestone, FQ_ENT_MILESTONE)
FQ_STORE_TYPED(visit, fq_visit, FQ_ENT_VISIT)
FQ_STORE_TYPED(checklist_item, fq_checklist_item, FQ_ENT_CHECKLIST_ITEM)
FQ_STORE_TYPED(finding, fq_finding, FQ_ENT_FINDING)
FQ_STORE_TYPED(defect, fq_defect, FQ_ENT_DEFECT)
FQ_STORE_TYPED(production, fq_production, FQ_ENT_PRODUCTION)
FQ_STORE_TYPED(aql_plan, fq_aql_plan, FQ_ENT_AQL_PLAN)
FQ_STORE_TYPED(carton, fq_carton, FQ_ENT_CARTON)
FQ_STORE_TYPED(issue, fq_issue, FQ_ENT_ISSUE)
FQ_STORE_TYPED(signoff, fq_signoff, FQ_ENT_SIGNOFF)
FQ_STORE_TYPED(photo, fq_photo, FQ_ENT_PHOTO)

#endif
