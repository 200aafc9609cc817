/* The device's sync bookkeeping: receipts and photo acknowledgements from the office, the
 * exports written to the outbox, and what the inbox did with each file the office sent.
 * The policy (what to export, when a file is rejected) is the services' (device/services/
 * sync_*.c); this file only keeps the records, each statement here and nowhere else. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

/* The distinct photo and thumbnail hashes the office has not acknowledged. */
#define UNACKED_PHOTOS                                                                         \
    "SELECT sha256 FROM photos WHERE length(sha256) = 64"                                     \
    " UNION SELECT thumb_sha256 FROM photos WHERE length(thumb_sha256) = 64"                  \
    " EXCEPT SELECT sha256 FROM sync_photo_acks"

#define EXPORT_COLS "bundle_id, file, from_seq, to_seq, n_records, n_photos, bytes, created_utc"

static void read_export(sqlite3_stmt *stmt, fq_store_export *x)
{
    memset(x, 0, sizeof *x);
    fq_store_text_col(stmt, 0, x->bundle_id, sizeof x->bundle_id);
    fq_store_text_col(stmt, 1, x->file, sizeof x->file);
    x->from_seq = sqlite3_column_int64(stmt, 2);
    x->to_seq = sqlite3_column_int64(stmt, 3);
    x->n_records = sqlite3_column_int64(stmt, 4);
    x->n_photos = sqlite3_column_int64(stmt, 5);
    x->bytes = sqlite3_column_int64(stmt, 6);
    x->created_utc = sqlite3_column_int64(stmt, 7);
}

/* Steps a statement that returns nothing. */
fq_err fq_store_sync_acked_seq(fq_store *st, int64_t *out)
{
    fq_store_clear_error(st);
    return fq_store_query_i64(st, "SELECT coalesce(max(acked_seq), 0) FROM sync_receipts", out);
}

fq_err fq_store_sync_pending(fq_store *st, int64_t after_seq, int64_t *out_n,
                             int64_t *out_to_seq)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "SELECT count(*), coalesce(max(seq), ?1) FROM changelog"
                                  " WHERE origin = 0 AND seq > ?1", &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, after_seq);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *out_n = sqlite3_column_int64(stmt, 0);
        *out_to_seq = sqlite3_column_int64(stmt, 1);
    } else {
        err = fq_store_sqlite_fail(st, rc, "pending changes");
    }
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_sync_each_unacked_photo(fq_store *st, fq_store_hash_fn fn, void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, UNACKED_PHOTOS " ORDER BY 1", &stmt);
    if (err)
        return err;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (fn(ctx, (const char *)sqlite3_column_text(stmt, 0)))
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "pending photos");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_sync_count_unacked_photos(fq_store *st, int64_t *out)
{
    fq_store_clear_error(st);
    return fq_store_query_i64(st, "SELECT count(*) FROM (" UNACKED_PHOTOS ")", out);
}

fq_err fq_store_sync_add_export(fq_store *st, const fq_store_export *x,
                                const char *photos_fingerprint)
{
    fq_store_clear_error(st);
    fq_err err = fq_store_begin(st);
    if (err)
        return err;
    sqlite3_stmt *stmt = NULL;
    err = fq_store_prepare(st, "INSERT OR REPLACE INTO sync_exports(" EXPORT_COLS ")"
                               " VALUES (?,?,?,?,?,?,?,?)", &stmt);
    if (!err) {
        sqlite3_bind_text(stmt, 1, x->bundle_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, x->file, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 3, x->from_seq);
        sqlite3_bind_int64(stmt, 4, x->to_seq);
        sqlite3_bind_int64(stmt, 5, x->n_records);
        sqlite3_bind_int64(stmt, 6, x->n_photos);
        sqlite3_bind_int64(stmt, 7, x->bytes);
        sqlite3_bind_int64(stmt, 8, x->created_utc);
        err = fq_store_step_done(st, stmt, "recording the export");
    }
    if (!err)
        err = fq_store_setting_set(st, "sync_last_photos", photos_fingerprint);
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    return fq_store_commit(st);
}

fq_err fq_store_sync_find_export(fq_store *st, int64_t from_seq, int64_t to_seq,
                                 int64_t n_records, const char *photos_fingerprint,
                                 fq_store_export *out)
{
    fq_store_clear_error(st);
    char last_fp[FQ_HASH_LEN];
    fq_err err = fq_store_setting_get(st, "sync_last_photos", last_fp, sizeof last_fp);
    if (err)
        return err;
    if (strcmp(last_fp, photos_fingerprint) != 0)
        return FQ_ERR_NOTFOUND;
    sqlite3_stmt *stmt = NULL;
    err = fq_store_prepare(st, "SELECT " EXPORT_COLS " FROM sync_exports WHERE from_seq = ?"
                               " AND to_seq = ? AND n_records = ?"
                               " ORDER BY created_utc DESC, rowid DESC LIMIT 1", &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, from_seq);
    sqlite3_bind_int64(stmt, 2, to_seq);
    sqlite3_bind_int64(stmt, 3, n_records);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        read_export(stmt, out);
    else
        err = rc == SQLITE_DONE ? FQ_ERR_NOTFOUND : fq_store_sqlite_fail(st, rc, "exports");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_sync_recent_exports(fq_store *st, fq_store_export *out, int max, int *out_n)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT " EXPORT_COLS " FROM sync_exports"
                                      " ORDER BY created_utc DESC, rowid DESC LIMIT ?", &stmt);
    if (err)
        return err;
    sqlite3_bind_int(stmt, 1, max);
    int n = 0, rc = SQLITE_DONE;
    while (n < max && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
        read_export(stmt, &out[n++]);
    if (n < max && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "exports");
    sqlite3_finalize(stmt);
    if (!err)
        *out_n = n;
    return err;
}

fq_err fq_store_sync_each_covered_export(fq_store *st, int64_t acked_seq, fq_store_export_fn fn,
                                         void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT " EXPORT_COLS " FROM sync_exports"
                                      " WHERE to_seq <= ? ORDER BY rowid", &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, acked_seq);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_store_export x;
        read_export(stmt, &x);
        if (fn(ctx, &x))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "exports");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_sync_add_receipt(fq_store *st, const char *bundle_id, int64_t acked_seq,
                                 const char *office)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "INSERT OR IGNORE INTO sync_receipts(bundle_id, acked_seq,"
                                      " received_utc, office) VALUES (?,?,?,?)", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, bundle_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, acked_seq);
    sqlite3_bind_int64(stmt, 3, fq_store_now(st));
    sqlite3_bind_text(stmt, 4, office, -1, SQLITE_STATIC);
    return fq_store_step_done(st, stmt, "saving the receipt");
}

fq_err fq_store_sync_photo_acked(fq_store *st, const char *sha256, int64_t *out)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT count(*) FROM sync_photo_acks WHERE sha256 = ?",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, sha256, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW)
        return fq_store_sqlite_fail(st, rc, "photo receipt lookup");
    *out = n > 0;
    return FQ_OK;
}

/* Hashes the inserts and updates of deleted photo records named, where the delete is covered
 * by the receipt, minus what a live record still names. */
#define DROPPED_PHOTOS                                                                         \
    "WITH gone AS (SELECT DISTINCT uuid FROM changelog WHERE tbl = 'photos' AND op = 'D'"      \
    "  AND seq <= ?1 AND uuid NOT IN (SELECT uuid FROM photos)),"                              \
    " named AS (SELECT json_extract(data, '$.sha256') AS h FROM changelog"                     \
    "  WHERE tbl = 'photos' AND data IS NOT NULL AND json_valid(data) AND uuid IN gone"        \
    "  UNION SELECT json_extract(data, '$.thumb_sha256') FROM changelog"                       \
    "  WHERE tbl = 'photos' AND data IS NOT NULL AND json_valid(data) AND uuid IN gone)"       \
    " SELECT h FROM named WHERE length(h) = 64"                                                \
    " EXCEPT SELECT sha256 FROM photos EXCEPT SELECT thumb_sha256 FROM photos ORDER BY 1"

fq_err fq_store_sync_each_dropped_photo(fq_store *st, int64_t acked_seq, fq_store_hash_fn fn,
                                        void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, DROPPED_PHOTOS, &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, acked_seq);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (fn(ctx, (const char *)sqlite3_column_text(stmt, 0)))
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "deleted photos");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_sync_ack_photo(fq_store *st, const char *sha256)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "INSERT OR IGNORE INTO sync_photo_acks(sha256, acked_utc)"
                                      " VALUES (?, ?)", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, fq_store_now(st));
    return fq_store_step_done(st, stmt, "saving a photo receipt");
}

fq_err fq_store_sync_last_receipt_id(fq_store *st, char *out, size_t out_len)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    /* rowid: the order of applying (the same receipt again adds no row); the device's clock
     * may have jumped between two receipts */
    fq_err err = fq_store_prepare(st, "SELECT bundle_id FROM sync_receipts"
                                      " ORDER BY rowid DESC LIMIT 1", &stmt);
    if (err)
        return err;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        fq_store_text_col(stmt, 0, out, out_len);
    else if (rc == SQLITE_DONE && out_len)
        out[0] = '\0';
    else
        err = fq_store_sqlite_fail(st, rc, "receipts");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_sync_last_receipt(fq_store *st, int64_t *out_utc, char *office,
                                  size_t office_len)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT received_utc, office FROM sync_receipts"
                                      " ORDER BY received_utc DESC, rowid DESC LIMIT 1", &stmt);
    if (err)
        return err;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *out_utc = sqlite3_column_int64(stmt, 0);
        fq_store_text_col(stmt, 1, office, office_len);
    } else if (rc == SQLITE_DONE) {
        *out_utc = 0;
        if (office_len)
            office[0] = '\0';
    } else {
        err = fq_store_sqlite_fail(st, rc, "receipts");
    }
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_sync_log_inbox(fq_store *st, const fq_store_inbox_entry *e)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "INSERT INTO sync_inbox_log(file, kind, applied, reason,"
                                      " n_records, at_utc) VALUES (?,?,?,?,?,?)", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, e->file, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, e->kind, -1, SQLITE_STATIC);
    sqlite3_bind_int(stmt, 3, e->applied ? 1 : 0);
    sqlite3_bind_text(stmt, 4, e->reason, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 5, e->n_records);
    sqlite3_bind_int64(stmt, 6, e->at_utc);
    return fq_store_step_done(st, stmt, "inbox log");
}

fq_err fq_store_sync_inbox_problems(fq_store *st, fq_store_inbox_entry *out, int max,
                                    int *out_n)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(
        st,
        "SELECT file, kind, applied, reason, n_records, at_utc FROM sync_inbox_log r"
        " WHERE applied = 0 AND id > coalesce((SELECT max(id) FROM sync_inbox_log a"
        " WHERE a.applied = 1 AND a.kind = r.kind), 0) ORDER BY id DESC LIMIT ?",
        &stmt);
    if (err)
        return err;
    sqlite3_bind_int(stmt, 1, max);
    int n = 0, rc = SQLITE_DONE;
    while (n < max && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_store_inbox_entry *e = &out[n++];
        memset(e, 0, sizeof *e);
        fq_store_text_col(stmt, 0, e->file, sizeof e->file);
        fq_store_text_col(stmt, 1, e->kind, sizeof e->kind);
        e->applied = sqlite3_column_int(stmt, 2);
        fq_store_text_col(stmt, 3, e->reason, sizeof e->reason);
        e->n_records = sqlite3_column_int64(stmt, 4);
        e->at_utc = sqlite3_column_int64(stmt, 5);
    }
    if (n < max && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "inbox log");
    sqlite3_finalize(stmt);
    if (!err)
        *out_n = n;
    return err;
}

fq_err fq_store_sync_skip(fq_store *st, int64_t seq, const char *table, const char *uuid,
                          const char *reason)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "INSERT OR IGNORE INTO sync_skipped(seq, tbl, uuid, reason,"
                                      " at_utc) VALUES (?,?,?,?,?)", &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, seq);
    sqlite3_bind_text(stmt, 2, table ? table : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, uuid ? uuid : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, reason, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 5, fq_store_now(st));
    return fq_store_step_done(st, stmt, "skipped change");
}

fq_err fq_store_sync_skipped(fq_store *st, int64_t *out_n, char *reason, size_t reason_len)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT (SELECT count(*) FROM sync_skipped),"
                                      " (SELECT reason FROM sync_skipped ORDER BY seq DESC"
                                      " LIMIT 1)", &stmt);
    if (err)
        return err;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *out_n = sqlite3_column_int64(stmt, 0);
        if (reason_len)
            fq_store_text_col(stmt, 1, reason, reason_len);
    } else {
        err = fq_store_sqlite_fail(st, rc, "skipped changes");
    }
    sqlite3_finalize(stmt);
    return err;
}
