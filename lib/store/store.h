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
#define FQ_STORE_SCHEMA_VERSION 10

/* No revision goes above this (2^53: every JSON reader still holds it exactly). A write
 * that would pass it is refused instead of overflowing, and a received revision above it is
 * refused: a sender cannot freeze a record by jumping its revision to the end. */
#define FQ_STORE_REVISION_MAX (INT64_C(1) << 53)

typedef struct fq_store fq_store;

/* Clock for timestamps: returns UTC seconds. Tests install a fixed clock. */
typedef int64_t (*fq_store_clock_fn)(void *ctx);

/* Opens (creating if needed) the database at path (":memory:" works) and migrates it to
 * FQ_STORE_SCHEMA_VERSION: fq_store_open_ex(path, FQ_STORE_OPEN_WRITE, out). */
fq_err fq_store_open(const char *path, fq_store **out);

typedef enum fq_store_open_mode {
    FQ_STORE_OPEN_WRITE = 0, /* read and write; a missing file is created; migrations run */
    FQ_STORE_OPEN_READ_ONLY, /* nothing is ever written, not even a pragma: no create, no
                              * migration (an older schema is refused), a damaged database
                              * is opened all the same (fq_store_problem says so) */
    FQ_STORE_OPEN_WRITE_CHECK_LATER /* as WRITE, but the quick_check of an up-to-date database
                              * runs on its own thread after the open returns (it reads the
                              * whole file: seconds on a big one, before the first frame);
                              * every commit waits for its verdict and a damaged database
                              * refuses it, so a damaged database is still never written to.
                              * An upgrade (it writes) is still checked first. */
} fq_store_open_mode;

/* Why a database could not be opened for writing (fq_store_open_problem). */
typedef enum fq_store_problem {
    FQ_STORE_PROBLEM_NONE = 0,
    FQ_STORE_PROBLEM_UNOPENABLE,     /* cannot be opened at all: a missing or unwritable
                                      * folder, a folder where the file should be, no access */
    FQ_STORE_PROBLEM_WRITE_PROTECTED,/* can be read, not written (file or folder) */
    FQ_STORE_PROBLEM_FULL,           /* the disk is full */
    FQ_STORE_PROBLEM_EMPTY_FILE,     /* the file is 0 bytes: truncated, never a database of ours
                                      * (a new database appears complete, by rename) */
    FQ_STORE_PROBLEM_NOT_A_DATABASE, /* the header is damaged, or it is another kind of file */
    FQ_STORE_PROBLEM_DAMAGED,        /* PRAGMA quick_check found damage (pages, indexes) */
    FQ_STORE_PROBLEM_NEWER           /* written by a newer fieldqc */
} fq_store_problem;

/* Opens the database at path in `mode`. In FQ_STORE_OPEN_WRITE mode a missing file is made
 * complete under a temporary name and linked into place (so a file of 0 bytes is never one
 * of ours and is refused, never silently made a new database with a new device id); an
 * existing file must pass PRAGMA quick_check before anything writes to it: a damaged
 * database is never written to. Errors: FQ_ERR_CORRUPT (empty, not a database, damaged),
 * FQ_ERR_VERSION (newer), FQ_ERR_FULL, FQ_ERR_IO (cannot open or write); the kind is
 * fq_store_open_problem(), the reason fq_store_errmsg(). On failure *out is set to a handle
 * anyway when one could be allocated (close it). FQ_ERR_NOMEM when not even that. */
fq_err fq_store_open_ex(const char *path, fq_store_open_mode mode, fq_store **out);

/* The problem the last open of st met (FQ_STORE_PROBLEM_NONE after a clean open; a
 * read-only open of a damaged database keeps DAMAGED). */
fq_store_problem fq_store_open_problem(const fq_store *st);

/* The verdict of the open's check: FQ_STORE_CHECK_RUNNING while a late check
 * (FQ_STORE_OPEN_WRITE_CHECK_LATER) reads the file, then OK or DAMAGED (fq_store_errmsg and
 * fq_store_open_problem say what it found); OK for a database checked at the open. */
typedef enum fq_store_check_state {
    FQ_STORE_CHECK_OK = 0,
    FQ_STORE_CHECK_RUNNING,
    FQ_STORE_CHECK_DAMAGED
} fq_store_check_state;
fq_store_check_state fq_store_open_check_state(fq_store *st);

/* True when st was opened read-only: every write fails with FQ_ERR_CONFLICT. */
bool fq_store_read_only(const fq_store *st);

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

/* Inserts rec (when rec->meta.uuid is empty: a new uuid, revision 1; a checklist item gets
 * its stable id, fq_checklist_item_id) or updates it: the revision of each group whose
 * fields changed goes up by one (a visit's plan: meta.revision; its results:
 * result_revision). An update that changes nothing writes nothing (no revision moves, no
 * change is logged). FQ_ERR_CONFLICT when a stored revision is not the one in rec (someone
 * else changed it), FQ_ERR_INVALID when a revision would pass FQ_STORE_REVISION_MAX.
 * Fills rec (meta and revisions) on success. `rec` points to the struct of `ent`. Writes to
 * a record of a signed-off visit (or to its results) fail with FQ_ERR_CONFLICT; its plan
 * stays the office's to change. */
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

/* ---- backups and checks (issue 12) ---- */

/* Copies the open database to dst_path with sqlite's online backup API (a consistent
 * snapshot of what is committed) into a temporary beside it, verifies the copy (quick_check,
 * same schema version), then renames it into place: dst_path is a whole, checked database
 * or absent. The copy is a standalone rollback-journal file. FQ_ERR_FULL, FQ_ERR_IO,
 * FQ_ERR_CORRUPT (the copy failed its check) with the reason. */
fq_err fq_store_backup_to(fq_store *st, const char *dst_path);

/* The same from the database file at src_path through a read-only connection of its own: a
 * backup on another thread while the app's connection goes on (WAL: readers never wait for
 * the writer). err (err_len bytes, may be NULL) gets the reason. */
fq_err fq_store_backup_file(const char *src_path, const char *dst_path, char *err,
                            size_t err_len);

/* What a database file holds, read without writing anything (immutable, read-only). */
typedef struct fq_store_file_info {
    bool ok;                     /* the check passed */
    char check[400];             /* the check's first lines ("ok") */
    int64_t schema_version;
    int64_t last_seq;            /* highest change-log position */
    int64_t n_visits;
    char device_id[FQ_ID_LEN];
} fq_store_file_info;

/* Checks the database file at path (quick_check, or integrity_check when full) and reads
 * what it is into *out (filled as far as readable, also on failure). FQ_ERR_CORRUPT with the
 * reason in err (err_len bytes, may be NULL) when damaged or not a fieldqc database. */
fq_err fq_store_check_file(const char *path, bool full, fq_store_file_info *out, char *err,
                           size_t err_len);

/* PRAGMA quick_check (full: integrity_check, which also compares every index with its
 * table) on the open database: result gets its first lines; FQ_ERR_CORRUPT when not "ok". */
fq_err fq_store_check(fq_store *st, bool full, char *result, size_t result_len);

/* Makes the change log continue after floor_seq (nothing when it is past it already): after
 * a restore, so no new change takes a position an office may hold from before. */
fq_err fq_store_raise_seq_floor(fq_store *st, int64_t floor_seq);

/* ---- queries for screens and reports ---- */

/* Sum of defect counts per severity for a visit: out_by_severity[FQ_SEV_COUNT]. */
fq_err fq_store_defect_totals(fq_store *st, const char *visit_uuid,
                              int64_t out_by_severity[FQ_SEV_COUNT]);

/* The production count of the order's most recent visit that has one; FQ_ERR_NOTFOUND when
 * none has been recorded yet. */
fq_err fq_store_latest_production(fq_store *st, const char *order_uuid, fq_production *out);

/* Traffic light of an order now (core/lights.h rules on the stored milestones, latest
 * production count, visits, approvals and issues): its worst reason. */
fq_err fq_store_order_light(fq_store *st, const char *order_uuid, fq_light_result *out);

/* The order's light with every reason (fq_light_order_report on the stored facts). */
fq_err fq_store_order_report(fq_store *st, const char *order_uuid, fq_light_report *out);

/* fq_store_order_report for many orders in a few queries: out[i] for order_uuids[i]. */
fq_err fq_store_order_reports(fq_store *st, const char *const *order_uuids, size_t n,
                              fq_light_report *out);

/* An order at a glance for the portal's dashboard (core's fq_order_summarize on the same
 * facts as fq_store_order_reports): out[i] for order_uuids[i]. */
fq_err fq_store_order_summaries(fq_store *st, const char *const *order_uuids, size_t n,
                                fq_order_summary *out);

/* The facts an order's light is decided on, owned: facts points into the arrays here. */
typedef struct fq_store_order_facts_data {
    fq_order_facts facts;
    fq_production production;     /* the latest count (facts.latest_production) */
    fq_milestone *milestones;     /* chain order */
    fq_approval *approvals;
    fq_issue *issues;
    fq_visit_outcome *visits;
} fq_store_order_facts_data;

/* Reads the facts of an order into *out (free with fq_store_order_facts_free). */
fq_err fq_store_order_facts(fq_store *st, const char *order_uuid, fq_store_order_facts_data *out);
void fq_store_order_facts_free(fq_store_order_facts_data *d);

/* One row of the Today list: a visit assigned to the device and its order (order_found
 * false when that order is not in the store). */
typedef struct fq_store_today_key {
    char visit_uuid[FQ_UUID_LEN];
    char order_uuid[FQ_UUID_LEN];
    bool order_found;
} fq_store_today_key;

/* The visits assigned to device_id in Today's order (open first, then planned time, then PO
 * number), leaving out those finished and ended before finished_since_utc. *out is malloc'd
 * (free()), NULL when n is 0. */
fq_err fq_store_today_keys(fq_store *st, const char *device_id, int64_t finished_since_utc,
                           fq_store_today_key **out, size_t *out_n);

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

/* Where a received change comes from: the rules differ (lib/bundle/FORMAT.md, "Ownership
 * and conflicts"). */
typedef enum fq_store_source {
    FQ_STORE_FROM_DEVICE = 0, /* at the office: a change of a device's bundle */
    FQ_STORE_FROM_OFFICE = 1  /* on a device: a row of the office's job pack */
} fq_store_source;

typedef struct fq_store_sender {
    fq_store_source source;
    const char *device_id;    /* FROM_DEVICE: the sending device (the bundle's manifest) */
    const char *bundle_id;    /* FROM_DEVICE: kept with a conflict or a refusal */
} fq_store_sender;

/* What applying one change did: a set of these bits; 0 when this database held it already
 * (a replay, an older change, the same values). */
#define FQ_STORE_APPLIED 1    /* it changed this database */
#define FQ_STORE_CONFLICT 2   /* office: made concurrently with another writer's edit of the
                               * same record: the held row stays, the change is kept in the
                               * conflicts table for a person to decide */
#define FQ_STORE_REFUSED 4    /* office: the sender may not change it (not its owner, not the
                               * visit's device) or its revision does not follow its base: kept
                               * in the conflicts table with the reason */
#define FQ_STORE_KEPT_LOCAL 8 /* device: the device's own work the office has not confirmed
                               * yet stays; the office decides when it gets it */

/* Applies a change received from another database, by ownership and revision:
 * FROM_DEVICE (the office importing a device's bundle): the change must carry its base
 * ("_base" and "_changed" in its JSON, as fq_store_changes_since writes them); each group
 * it touches must be the sender's to change (devices: a visit's results and records, as the
 * visit's assigned device, and issues; a record the office does not hold yet is taken in
 * whole), and is applied when its base is the revision held here (the new revision is
 * held + 1), is a conflict when another writer changed the group since its base, and is
 * refused when its revision is not base + 1 or its base is newer than what is held.
 * Conflicts and refusals go into the office's conflicts table (fq_store_office_init).
 * FROM_OFFICE (a device reading a job pack): rows are the office's state; each group newer
 * than the one held is taken, except a group of the device's own (results, records, issues)
 * that has changes the office has not acknowledged yet (FQ_STORE_KEPT_LOCAL). A revision
 * outside 1..FQ_STORE_REVISION_MAX refuses the pack (FQ_ERR_CORRUPT).
 * Never logged as a local change. Must run inside fq_store_begin/commit. *out_outcome gets
 * the FQ_STORE_* bits. FQ_ERR_CORRUPT for a malformed record. */
fq_err fq_store_apply_change(fq_store *st, const fq_store_sender *from, const fq_change *change,
                             int *out_outcome);

/* ---- sync bookkeeping of a device: what the office confirmed, what went out ---- */

/* Called per photo hash; return nonzero to stop. */
typedef int (*fq_store_hash_fn)(void *ctx, const char *sha256);

/* The highest change-log position a receipt from the office acknowledged (0: none). */
fq_err fq_store_sync_acked_seq(fq_store *st, int64_t *out);

/* The local changes after after_seq: how many (*out_n) and the highest position (*out_to_seq,
 * after_seq when there are none). */
fq_err fq_store_sync_pending(fq_store *st, int64_t after_seq, int64_t *out_n,
                             int64_t *out_to_seq);

/* Visits the distinct photo hashes (photos and thumbnails) of this database the office has
 * not acknowledged, in hash order. */
fq_err fq_store_sync_each_unacked_photo(fq_store *st, fq_store_hash_fn fn, void *ctx);

/* How many photo hashes the office has not acknowledged. */
fq_err fq_store_sync_count_unacked_photos(fq_store *st, int64_t *out);

/* One export of the change log into the sync folder's outbox. */
typedef struct fq_store_export {
    char bundle_id[FQ_UUID_LEN];
    char file[256];               /* name in outbox/ */
    int64_t from_seq;             /* carries changes from_seq < seq <= to_seq */
    int64_t to_seq;
    int64_t n_records;
    int64_t n_photos;
    int64_t bytes;
    int64_t created_utc;
} fq_store_export;

/* Records a durable export and the fingerprint of the photos it carried, in one
 * transaction. The same bundle id again replaces its row. */
fq_err fq_store_sync_add_export(fq_store *st, const fq_store_export *x,
                                const char *photos_fingerprint);

/* The newest export of exactly this range and record count whose photos had the
 * fingerprint photos_fingerprint (the last export's), into *out; FQ_ERR_NOTFOUND. */
fq_err fq_store_sync_find_export(fq_store *st, int64_t from_seq, int64_t to_seq,
                                 int64_t n_records, const char *photos_fingerprint,
                                 fq_store_export *out);

/* The newest exports, newest first: up to max of them into out, the count in *out_n. */
fq_err fq_store_sync_recent_exports(fq_store *st, fq_store_export *out, int max, int *out_n);

/* Visits the exports whose whole range is acknowledged (to_seq <= acked_seq). */
typedef int (*fq_store_export_fn)(void *ctx, const fq_store_export *x);
fq_err fq_store_sync_each_covered_export(fq_store *st, int64_t acked_seq, fq_store_export_fn fn,
                                         void *ctx);

/* A receipt from the office: it holds every change up to acked_seq. Part of the caller's
 * transaction (with the photo acks of the same receipt). The same receipt again is a no-op. */
fq_err fq_store_sync_add_receipt(fq_store *st, const char *bundle_id, int64_t acked_seq,
                                 const char *office);

/* The office holds the photo sha256 (part of the receipt's transaction). */
fq_err fq_store_sync_ack_photo(fq_store *st, const char *sha256);

/* *out = 1 when a receipt said the office holds the photo file sha256, else 0. */
fq_err fq_store_sync_photo_acked(fq_store *st, const char *sha256, int64_t *out);

/* Calls fn for each photo file (stored JPEG and thumbnail) of a photo record whose delete
 * the office acknowledged (a delete in the change log at or before acked_seq) and that no
 * photo record names any more: files the device may remove now. fn returns non-zero to
 * stop. */
fq_err fq_store_sync_each_dropped_photo(fq_store *st, int64_t acked_seq, fq_store_hash_fn fn,
                                        void *ctx);

/* The bundle id of the receipt this device applied last (in the order it applied them) into
 * out (FQ_UUID_LEN), "" when none yet: what its next export names as acked_receipt. */
fq_err fq_store_sync_last_receipt_id(fq_store *st, char *out, size_t out_len);

/* When the last receipt arrived (*out_utc, 0: never) and which office wrote it. */
fq_err fq_store_sync_last_receipt(fq_store *st, int64_t *out_utc, char *office,
                                  size_t office_len);

/* What the device did with one file the office sent (a receipt or a job pack). */
typedef struct fq_store_inbox_entry {
    char file[256];
    char kind[16];                /* "receipt", "jobs", "?" */
    int applied;                  /* 1 applied, 0 rejected */
    char reason[512];             /* why it was rejected ("" when applied) */
    int64_t n_records;            /* records that changed this database */
    int64_t at_utc;
} fq_store_inbox_entry;

/* Logs one inbox outcome (its own transaction). */
fq_err fq_store_sync_log_inbox(fq_store *st, const fq_store_inbox_entry *e);

/* The rejections the inspector still has to know about: rejected files newer than the last
 * file of the same kind that was applied, newest first, up to max into out (*out_n). */
fq_err fq_store_sync_inbox_problems(fq_store *st, fq_store_inbox_entry *out, int max,
                                    int *out_n);

/* A change the export could not send (its log row is damaged): recorded once with the
 * reason; the same seq again is a no-op. */
fq_err fq_store_sync_skip(fq_store *st, int64_t seq, const char *table, const char *uuid,
                          const char *reason);

/* How many changes were skipped (*out_n) and the newest one's reason (reason, may be "") */
fq_err fq_store_sync_skipped(fq_store *st, int64_t *out_n, char *reason, size_t reason_len);

/* From now on WAL checkpoints run on a thread with its own connection, woken by the commit
 * that takes the -wal past 1,000 pages, instead of inside that commit (checkpointer.c): for
 * a store that takes many large transactions in a row. Nothing for a read-only or in-memory
 * store. FQ_ERR_IO, FQ_ERR_NOMEM. */
fq_err fq_store_checkpoint_in_background(fq_store *st);

/* How many checkpoints the thread has run so far (0 without one). */
int64_t fq_store_background_checkpoints(fq_store *st);

/* ---- office bookkeeping: the import log and the photos each device sent ---- */

/* Creates the office's own tables when missing (device databases never carry them). */
fq_err fq_store_office_init(fq_store *st);

/* One imported device bundle: the exactly-once log receipts are computed from. */
typedef struct fq_store_import {
    char bundle_id[FQ_UUID_LEN];
    char device_id[FQ_ID_LEN];
    char inspector[FQ_ID_LEN];
    int64_t after_seq;            /* carried changes after_seq < seq <= to_seq */
    int64_t to_seq;
    int64_t n_records;
    int64_t n_applied;            /* records that changed the office database */
    int64_t n_photos;
    int64_t bytes;
    char content_sha256[FQ_HASH_LEN];
    char file[256];
    int64_t imported_utc;
} fq_store_import;

/* The import of bundle_id into *out; FQ_ERR_NOTFOUND when never imported. */
fq_err fq_store_office_find_import(fq_store *st, const char *bundle_id, fq_store_import *out);

/* Logs an import; part of the caller's transaction (with the records it applied). */
fq_err fq_store_office_add_import(fq_store *st, const fq_store_import *x);

/* Visits the ranges (after_seq, to_seq] imported from device_id, by after_seq then to_seq.
 * fn returns nonzero to stop. */
typedef int (*fq_store_range_fn)(void *ctx, int64_t after_seq, int64_t to_seq);
fq_err fq_store_office_each_range(fq_store *st, const char *device_id, fq_store_range_fn fn,
                                  void *ctx);

/* The office holds photo sha256, sent by device_id in bundle_id (a photo two devices sent is
 * recorded for each, so each gets it acknowledged); part of the import's transaction. Sent
 * again, it counts as named by no receipt: the next receipt names it (issue 18). */
fq_err fq_store_office_add_photo(fq_store *st, const char *sha256, const char *device_id,
                                 int64_t bytes, const char *bundle_id);


/* ---- office: receipts (issue 18, office_receipts.c) ---- */

/* The order number of the newest receipt device_id, under signer_key, said it applied
 * (fq_store_office_ack_receipt) into *out_n; 0 when none. */
fq_err fq_store_office_receipt_acked(fq_store *st, const char *device_id,
                                     const char *signer_key, int64_t *out_n);

/* Visits, in hash order, the photos the office holds from device_id that no receipt up to
 * acked_n named: never named, or first named by a receipt after it. What a receipt names. */
fq_err fq_store_office_each_unconfirmed_photo(fq_store *st, const char *device_id,
                                              int64_t acked_n, fq_store_hash_fn fn, void *ctx);

/* Logs the receipt bundle_id written to device_id (the next order number) and marks the
 * photos of device_id no receipt named yet as first named by it. Inside the transaction that
 * listed them (fq_store_office_each_unconfirmed_photo), so no photo arrives in between.
 * FQ_ERR_CONFLICT when bundle_id was logged before. */
fq_err fq_store_office_add_receipt(fq_store *st, const char *bundle_id, const char *device_id,
                                   int64_t issued_utc);

/* device_id, signing with signer_key, says it applied receipt receipt_id: recorded when that
 * is a receipt written to device_id and newer than the one recorded; anything else (another
 * device's receipt, one this office never wrote, an older one) changes nothing. */
fq_err fq_store_office_ack_receipt(fq_store *st, const char *device_id, const char *signer_key,
                                   const char *receipt_id, int64_t at_utc);

/* ---- office: changes it did not apply (conflicts and refusals), for a person ---- */

#define FQ_STORE_CONFLICT_COLS 16

/* One column of a kept change: the value the office holds now and the one that came. */
typedef struct fq_store_conflict_column {
    char name[32];
    char held[256];               /* "" also when the office does not hold the record */
    char incoming[256];
} fq_store_conflict_column;

/* A change the office kept beside its records instead of applying it (fq_store_apply_change,
 * FROM_DEVICE): a conflict (another writer changed the record since the change's base) or
 * a refusal (not the sender's to change, or a revision that does not follow its base). */
typedef struct fq_store_conflict {
    int64_t id;
    char kind[16];                /* "conflict" or "refused" */
    char table[32];
    char uuid[FQ_UUID_LEN];
    char group[16];               /* the record's group: "record", or a visit's "plan"/"result" */
    char writer[FQ_ID_LEN];       /* the device that sent it */
    char bundle_id[FQ_UUID_LEN];
    int64_t seq;                  /* its position in the device's change log */
    char op;                      /* 'I', 'U', 'D' */
    int64_t base;                 /* the revision it was made on */
    int64_t revision;             /* the revision the device gave it */
    int64_t held_revision;        /* the office's revision when it arrived */
    char changed[1024];           /* its columns, comma-separated ("(delete)" for a delete) */
    char reason[256];
    int64_t at_utc;               /* when it arrived */
    int open;                     /* 1 until a person resolves it */
    char resolution[16];          /* "held", "incoming", or "superseded" (another entry on the
                                   * same record was resolved); "" while open */
    int64_t resolved_revision;
    int64_t resolved_utc;
    int n_columns;                /* the changed columns with both values (up to 16) */
    fq_store_conflict_column columns[FQ_STORE_CONFLICT_COLS];
} fq_store_conflict;

/* Called per kept change (valid during the call); return nonzero to stop. */
typedef int (*fq_store_conflict_fn)(void *ctx, const fq_store_conflict *c);

/* Visits the kept changes, oldest first: the open ones, or all when include_resolved. */
fq_err fq_store_office_each_conflict(fq_store *st, int include_resolved, fq_store_conflict_fn fn,
                                     void *ctx);

/* A person resolves kept change `id`: keep_incoming 0 keeps what the office holds, 1 takes
 * the kept change's values (for a delete: deletes the record). Either way the record's group
 * gets a revision above both sides' (the held one and every open kept change's on the same
 * record and group, plus one) as this office's own change, so the next job pack carries the
 * decision to every device that holds either side; every open entry of that record and group
 * is closed with it. One transaction. FQ_ERR_NOTFOUND: no such id; FQ_ERR_INVALID: resolved
 * already. *out_revision (may be NULL) gets the new revision. */
fq_err fq_store_office_resolve(fq_store *st, int64_t id, int keep_incoming,
                               int64_t *out_revision);

/* ---- what a device needs for its work (the office's job pack) ---- */

/* How many unfinished visits are assigned to device_id. */
fq_err fq_store_count_open_visits(fq_store *st, const char *device_id, int64_t *out);

/* Visits, as change records (op 'I', the whole row as JSON, seq 1..n in this call), every
 * record device_id needs for its unfinished visits: the checklists, the visits' orders with
 * their milestones, issues and measurement specs, the visits and their findings, defects,
 * counts, AQL plans, cartons and sign-offs, the orders' approvals, and the visits'
 * measurement readings and on-site tests, in that order (parents before children). */
fq_err fq_store_each_device_work(fq_store *st, const char *device_id, fq_change_fn fn,
                                 void *ctx);

/* ---- flat tables for spreadsheets ---- */

/* Called per row of a flat table: n_cols values (NULL for SQL NULL) under their names. */
typedef int (*fq_store_row_fn)(void *ctx, int n_cols, const char *const *names,
                               const char *const *values);

/* The flat tables the office exports, with the PO number and visit on every row:
 * "findings", "defects", "counts", "cartons", "measurements", "site_tests", "issues".
 * NULL-terminated, static. */
const char *const *fq_store_flat_tables(void);

/* Visits the rows of flat table `name` (fq_store_flat_tables); fn is also called once
 * before the first row with values NULL, so a header is written even for no rows.
 * FQ_ERR_INVALID for an unknown name. */
fq_err fq_store_each_flat_row(fq_store *st, const char *name, fq_store_row_fn fn, void *ctx);

/* ---- seeding from assets ---- */

/* A checklist line that sets whether a Fail needs a note or a photo for the items after
 * it: "#! fail_evidence optional" or "#! fail_evidence required" (the default). */
#define FQ_STORE_FAIL_EVIDENCE_DIRECTIVE "#! fail_evidence"

/* Loads the default checklists `<dir>/<visit type key>.tsv` (lines "section<TAB>text", '#'
 * comments, FQ_STORE_FAIL_EVIDENCE_DIRECTIVE) for every visit type that has no checklist items yet, each item under its stable
 * id (fq_checklist_item_id). One transaction. For the office and the demo: a tablet takes its
 * checklists from the job pack. */
fq_err fq_store_seed_checklists(fq_store *st, const char *dir);

/* Loads the demo orders, milestones, visits and issues of `demo_tsv` (assets/demo/demo.tsv;
 * days in it are relative to today_utc), plus the checklists of `checklist_dir`, in one
 * transaction. Visits are assigned to this database's device. FQ_ERR_CONFLICT when the
 * database already holds orders; FQ_ERR_CORRUPT naming the line for a bad line. */
fq_err fq_store_seed_demo(fq_store *st, const char *demo_tsv, const char *checklist_dir,
                          int64_t today_utc);

/* ---- signing keys and trust (issue 11): local settings, never synced ---- */

/* The setting holding this database's own signing key seed (hex, made by lib/bundle): the
 * device's key on a device, the office's key in an office database. */
#define FQ_STORE_SETTING_SIGN_SEED "sign_seed"

/* Saves value under key unless key already has a value, in one statement, so two processes
 * making a key at once keep the same one; the value kept (the old one or value) into out. */
fq_err fq_store_setting_init(fq_store *st, const char *key, const char *value, char *out,
                             size_t out_len);

/* Removes the setting key; FQ_OK when it was not there either. */
fq_err fq_store_setting_delete(fq_store *st, const char *key);

/* What a device trusts from the office: the office public key (hex, "" until the first
 * office file is accepted) and since when, and a validly signed office key it refused,
 * offered to the inspector ("" when none) and when. */
typedef struct fq_store_office_trust {
    char key[65];
    int64_t since_utc;
    char offered[65];
    int64_t offered_utc;
} fq_store_office_trust;

fq_err fq_store_sync_office_trust(fq_store *st, fq_store_office_trust *out);

/* Trusts key from since_utc on and forgets any offered key; one transaction (joins the
 * caller's, e.g. the first office file applied). */
fq_err fq_store_sync_trust_office_key(fq_store *st, const char *key, int64_t since_utc);

/* Remembers key as offered (the newest refused office key), at at_utc ("" and 0: nothing
 * offered any more); one transaction (joins the caller's). */
fq_err fq_store_sync_offer_office_key(fq_store *st, const char *key, int64_t at_utc);

/* The highest change-log position this device ever exported (0: never): no receipt can
 * honestly acknowledge more. */
fq_err fq_store_sync_exported_seq(fq_store *st, int64_t *out);

/* ---- office: enrolled devices and the key behind each import (issue 11) ---- */

/* Creates the enrolment tables when missing (like fq_store_office_init). */
fq_err fq_store_office_keys_init(fq_store *st);

/* A device's newest enrolment: its key since enrolled_utc, revoked at revoked_utc (0: in
 * force). */
typedef struct fq_store_enrolment {
    char device_id[FQ_ID_LEN];
    char public_key[65];
    int64_t enrolled_utc;
    int64_t revoked_utc;
} fq_store_enrolment;

/* Enrols device_id with public_key at at_utc; an enrolment in force is ended as replaced
 * (kept as history). One transaction. */
fq_err fq_store_office_enrol(fq_store *st, const char *device_id, const char *public_key,
                             int64_t at_utc);

/* Revokes the enrolment in force of device_id at at_utc; FQ_ERR_NOTFOUND when none. */
fq_err fq_store_office_revoke(fq_store *st, const char *device_id, int64_t at_utc);

/* The newest enrolment of device_id into *out (revoked or not); FQ_ERR_NOTFOUND. */
fq_err fq_store_office_enrolment(fq_store *st, const char *device_id, fq_store_enrolment *out);

/* Visits the newest enrolment of every device, by device id; fn returns nonzero to stop. */
typedef int (*fq_store_enrolment_fn)(void *ctx, const fq_store_enrolment *e);
fq_err fq_store_office_each_enrolment(fq_store *st, fq_store_enrolment_fn fn, void *ctx);

/* The key that signed an imported bundle; part of the import's transaction. */
fq_err fq_store_office_add_import_signer(fq_store *st, const char *bundle_id,
                                         const char *signer_key);

/* fq_store_office_each_range restricted to the bundles signed by signer_key. */
fq_err fq_store_office_each_signed_range(fq_store *st, const char *device_id,
                                         const char *signer_key, fq_store_range_fn fn,
                                         void *ctx);

/* ---- office: the server's API tokens and a laptop's queue to forward (issue 13) ---- */

/* Creates the tables of office_server.c when missing (like fq_store_office_init). */
fq_err fq_store_office_server_init(fq_store *st);

/* An API token: the public id, who it is for, its role and the hash of its secret half. */
typedef struct fq_store_token {
    char id[17];          /* 16 hex: the public half, how a token is found */
    char name[64];        /* who it is for ("laptop Shenzhen") */
    char role[16];        /* "laptop" (push, forward enrolments, read) or "read" */
    char hash[65];        /* BLAKE2b-256 of the secret half, hex: the secret is never kept */
    int64_t created_utc;
    int64_t revoked_utc;  /* 0: in force */
} fq_store_token;

typedef int (*fq_store_token_fn)(void *ctx, const fq_store_token *t);

fq_err fq_store_office_token_add(fq_store *st, const fq_store_token *t);
/* FQ_ERR_NOTFOUND when there is no token id. */
fq_err fq_store_office_token_get(fq_store *st, const char *id, fq_store_token *out);
/* FQ_ERR_NOTFOUND when no token id is in force. */
fq_err fq_store_office_token_revoke(fq_store *st, const char *id, int64_t at_utc);
fq_err fq_store_office_each_token(fq_store *st, fq_store_token_fn fn, void *ctx);

/* An imported bundle a laptop keeps until the server confirms it holds it. */
typedef struct fq_store_outbound {
    char bundle_id[FQ_UUID_LEN];
    char device_id[FQ_ID_LEN];
    char file[256];          /* the kept copy's name in <base>.outgoing/ */
    int64_t bytes;
    int64_t queued_utc;
    int64_t sent_utc;        /* 0: not yet confirmed by the server */
    char server[256];        /* which server confirmed it */
} fq_store_outbound;

typedef int (*fq_store_outbound_fn)(void *ctx, const fq_store_outbound *x);

/* Queues x (part of the import's transaction); the same bundle id again is a no-op. */
fq_err fq_store_office_outbound_add(fq_store *st, const fq_store_outbound *x);
/* Visits the queued bundles the server has not confirmed, in the order they were queued. */
fq_err fq_store_office_each_outbound(fq_store *st, fq_store_outbound_fn fn, void *ctx);
/* The server confirmed bundle_id. */
fq_err fq_store_office_outbound_done(fq_store *st, const char *bundle_id, const char *server,
                                     int64_t at_utc);
/* *out_queued 1 when bundle_id is in the queue (confirmed or not). */
fq_err fq_store_office_outbound_has(fq_store *st, const char *bundle_id, int *out_queued);

/* ---- office: the web portal's accounts, sessions and approval requests (issue 14) ----
 * Office tables like the tokens (created by fq_store_office_portal_init, never on a device,
 * never synced); office/pg keeps the same tables. */

/* Creates the tables of office_portal.c when missing. */
fq_err fq_store_office_portal_init(fq_store *st);

#define FQ_STORE_USER_NAME_LEN 64
#define FQ_STORE_PW_HASH_LEN 128 /* crypto_pwhash_STRBYTES */

/* A portal account. */
typedef struct fq_store_user {
    char name[FQ_STORE_USER_NAME_LEN]; /* the login name */
    char display[FQ_NAME_LEN];         /* shown, and written into the approvals it gives */
    char role[16];                     /* "coordinator", "buyer" or "inspector" */
    char company[FQ_NAME_LEN];         /* a buyer's company (orders.buyer); an inspector's
                                        * name on visits (visits.inspector_name) */
    char pw_hash[FQ_STORE_PW_HASH_LEN]; /* argon2id, libsodium's crypto_pwhash_str */
    int64_t created_utc;
    int64_t updated_utc;
    int64_t disabled_utc;              /* 0: may log in */
} fq_store_user;

typedef int (*fq_store_user_fn)(void *ctx, const fq_store_user *u);

/* Adds u, or replaces the account of that name (its created_utc stays). */
fq_err fq_store_office_user_put(fq_store *st, const fq_store_user *u);
/* FQ_ERR_NOTFOUND when there is no account name. */
fq_err fq_store_office_user_get(fq_store *st, const char *name, fq_store_user *out);
/* Every account by name. */
fq_err fq_store_office_each_user(fq_store *st, fq_store_user_fn fn, void *ctx);

/* A logged-in session: the cookie holds a random secret, the office its hash only. */
typedef struct fq_store_session {
    char id_hash[65];                  /* BLAKE2b-256 of the cookie's secret, hex */
    char user[FQ_STORE_USER_NAME_LEN];
    char csrf[65];                     /* the session's form token */
    int64_t created_utc;
    int64_t expires_utc;
} fq_store_session;

fq_err fq_store_office_session_add(fq_store *st, const fq_store_session *s);
/* FQ_ERR_NOTFOUND when there is no session id_hash (expired ones are returned: the caller
 * compares expires_utc). */
fq_err fq_store_office_session_get(fq_store *st, const char *id_hash, fq_store_session *out);
/* Ends sessions: the one of id_hash (NULL: none), every one of user (NULL: none), and every
 * one that expired before before_utc (0: none). */
fq_err fq_store_office_sessions_end(fq_store *st, const char *id_hash, const char *user,
                                    int64_t before_utc);

/* A request for a buyer's written decision: a sample, a spec change or a shipment release. */
typedef struct fq_store_approval_request {
    char id[FQ_UUID_LEN];
    char order_uuid[FQ_UUID_LEN];
    char milestone_uuid[FQ_UUID_LEN];  /* the milestone it decides ("" : the order) */
    char kind[24];                     /* "sample", "spec_change", "shipment_release" */
    char subject[FQ_TEXT_LEN];         /* what is to be approved */
    char requested_by[FQ_STORE_USER_NAME_LEN];
    int64_t requested_utc;
    int64_t due_utc;                   /* the decision is needed by this day (0 : none) */
    char status[16];                   /* "pending", "approved", "rejected" */
    char decided_by[FQ_STORE_USER_NAME_LEN];
    int64_t decided_utc;
    char comment[FQ_NOTE_LEN];
    char approval_uuid[FQ_UUID_LEN];   /* the approvals record the decision wrote */
} fq_store_approval_request;

typedef int (*fq_store_request_fn)(void *ctx, const fq_store_approval_request *r);

fq_err fq_store_office_request_add(fq_store *st, const fq_store_approval_request *r);
/* FQ_ERR_NOTFOUND when there is no request id. */
fq_err fq_store_office_request_get(fq_store *st, const char *id,
                                   fq_store_approval_request *out);
/* The requests of order_uuid (NULL: all) in status (NULL: any), by due day (none last),
 * then when requested. */
fq_err fq_store_office_each_request(fq_store *st, const char *order_uuid, const char *status,
                                    fq_store_request_fn fn, void *ctx);
/* Records the decision of a pending request (r->id: status, decided_by, decided_utc,
 * comment, approval_uuid); FQ_ERR_CONFLICT when it is not pending (decided already). */
fq_err fq_store_office_request_decide(fq_store *st, const fq_store_approval_request *r);

/* A page of records of ent for an API: uuid > after ("" or NULL: from the start), optionally
 * filter_col = filter_val, uuid order, at most limit (1..1000). *out malloc'd (free()), NULL
 * when none; *out_more 1 when more rows follow. */
fq_err fq_store_page(fq_store *st, fq_entity_id ent, const char *filter_col,
                     const char *filter_val, const char *after, size_t limit, void **out,
                     size_t *out_n, int *out_more);

/* Rows of a table of this database (entity tables and office_* tables only; FQ_ERR_INVALID
 * for another name): for tests comparing states. */
fq_err fq_store_count_rows(fq_store *st, const char *table, int64_t *out_n);

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
FQ_STORE_TYPED(approval, fq_approval, FQ_ENT_APPROVAL)
FQ_STORE_TYPED(meas_spec, fq_meas_spec, FQ_ENT_MEAS_SPEC)
FQ_STORE_TYPED(meas_reading, fq_meas_reading, FQ_ENT_MEAS_READING)
FQ_STORE_TYPED(site_test, fq_site_test, FQ_ENT_SITE_TEST)

#endif
