/* The office's bookkeeping on its store: one row per imported device bundle (the
 * exactly-once log the receipts are computed from), which device sent which photo, and the
 * changes it kept instead of applying (conflicts and refusals, conflicts.c).
 * Created here with CREATE TABLE IF NOT EXISTS by fq_store_office_init, so device databases
 * never carry them. The policy (what a receipt says) is the office's (office/). */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

static const char office_schema[] =
    "CREATE TABLE IF NOT EXISTS office_imports (bundle_id TEXT PRIMARY KEY NOT NULL,"
    " device_id TEXT NOT NULL, inspector TEXT NOT NULL, after_seq INTEGER NOT NULL,"
    " to_seq INTEGER NOT NULL, n_records INTEGER NOT NULL, n_applied INTEGER NOT NULL,"
    " n_photos INTEGER NOT NULL, bytes INTEGER NOT NULL, content_sha256 TEXT NOT NULL,"
    " file TEXT NOT NULL, imported_utc INTEGER NOT NULL) STRICT;"
    "CREATE INDEX IF NOT EXISTS office_imports_device ON office_imports(device_id, after_seq);"
    /* one row per photo AND sender: two tablets sending the same photo both get it
     * acknowledged (keyed by hash alone, the second one re-sent it for ever) */
    "CREATE TABLE IF NOT EXISTS office_photo_senders (sha256 TEXT NOT NULL,"
    " device_id TEXT NOT NULL, bytes INTEGER NOT NULL, bundle_id TEXT NOT NULL,"
    " named_in INTEGER, PRIMARY KEY (sha256, device_id)) STRICT;"
    "CREATE INDEX IF NOT EXISTS office_photo_senders_device"
    " ON office_photo_senders(device_id, sha256);"
    /* changes the office kept instead of applying (apply.c): conflicts between writers and
     * refusals, with the writer, base, row and reason, until a person resolves them
     * (conflicts.c) */
    "CREATE TABLE IF NOT EXISTS office_conflicts (id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL CHECK (kind IN ('conflict', 'refused')), tbl TEXT NOT NULL,"
    " uuid TEXT NOT NULL, grp TEXT NOT NULL, writer TEXT NOT NULL, bundle_id TEXT NOT NULL,"
    " seq INTEGER NOT NULL, op TEXT NOT NULL, base INTEGER NOT NULL, revision INTEGER NOT NULL,"
    " held_revision INTEGER NOT NULL, changed TEXT NOT NULL, data TEXT, reason TEXT NOT NULL,"
    " at_utc INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'open'"
    " CHECK (status IN ('open', 'resolved')), resolution TEXT NOT NULL DEFAULT '',"
    " resolved_revision INTEGER NOT NULL DEFAULT 0, resolved_utc INTEGER NOT NULL DEFAULT 0)"
    " STRICT;"
    "CREATE INDEX IF NOT EXISTS office_conflicts_record ON office_conflicts(tbl, uuid, grp,"
    " status);"
    /* receipts (issue 18, office_receipts.c): each one written, in order (n), and per device
     * and key the newest of them the device says it applied; office_photo_senders.named_in
     * is the receipt that first named the photo (NULL: none yet) */
    "CREATE TABLE IF NOT EXISTS office_receipts (n INTEGER PRIMARY KEY,"
    " bundle_id TEXT NOT NULL UNIQUE, device_id TEXT NOT NULL, issued_utc INTEGER NOT NULL)"
    " STRICT;"
    "CREATE TABLE IF NOT EXISTS office_receipt_acks (device_id TEXT NOT NULL,"
    " signer_key TEXT NOT NULL, receipt_n INTEGER NOT NULL, acked_utc INTEGER NOT NULL,"
    " PRIMARY KEY (device_id, signer_key)) STRICT;";

/* Office databases from before office_photo_senders kept one sender per photo. */
static const char upgrade_photos[] =
    "INSERT OR IGNORE INTO office_photo_senders(sha256, device_id, bytes, bundle_id)"
    " SELECT sha256, device_id, bytes, bundle_id FROM office_photos;"
    "DROP TABLE office_photos;";

/* Office databases from before issue 18: no photo named by a receipt yet, so the next
 * receipt names every photo (as receipts did then). */
static const char upgrade_named[] = "ALTER TABLE office_photo_senders ADD COLUMN named_in INTEGER;";

fq_err fq_store_office_init(fq_store *st)
{
    fq_store_clear_error(st);
    fq_err err = fq_store_begin(st);
    if (err)
        return err;
    int64_t old = 0, named = 0;
    err = fq_store_exec(st, office_schema);
    if (!err)
        err = fq_store_query_i64(st, "SELECT count(*) FROM pragma_table_info("
                                     "'office_photo_senders') WHERE name = 'named_in'", &named);
    if (!err && !named)
        err = fq_store_exec(st, upgrade_named);
    if (!err)
        err = fq_store_query_i64(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                     " AND name = 'office_photos'", &old);
    if (!err && old)
        err = fq_store_exec(st, upgrade_photos);
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    err = fq_store_commit(st);
    /* the office's tables grow by every device's every day: with sqlite's default 2 MB page
     * cache a year's indexes no longer stay in memory between one bundle's records and the
     * next; 64 MB keeps them (a laptop's or server's memory, filled only as pages are read) */
    if (!err)
        err = fq_store_exec(st, "PRAGMA cache_size=-65536");
    /* one import applies thousands of statements in one transaction; each keeps a statement
     * journal of the pages it changes, and once one of those outgrew 64 KiB sqlite wrote
     * every later one through a temporary file in /var/tmp (22k syscalls, 47 MB per day's
     * import). In memory they live only as long as one statement. */
    if (!err)
        err = fq_store_exec(st, "PRAGMA temp_store=MEMORY");
    return err;
}

fq_err fq_store_office_find_import(fq_store *st, const char *bundle_id, fq_store_import *out)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "SELECT bundle_id, device_id, inspector, after_seq, to_seq,"
                                  " n_records, n_applied, n_photos, bytes, content_sha256, file,"
                                  " imported_utc FROM office_imports WHERE bundle_id = ?", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, bundle_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        fq_store_import x;
        memset(&x, 0, sizeof x);
        fq_store_text_col(stmt, 0, x.bundle_id, sizeof x.bundle_id);
        fq_store_text_col(stmt, 1, x.device_id, sizeof x.device_id);
        fq_store_text_col(stmt, 2, x.inspector, sizeof x.inspector);
        x.after_seq = sqlite3_column_int64(stmt, 3);
        x.to_seq = sqlite3_column_int64(stmt, 4);
        x.n_records = sqlite3_column_int64(stmt, 5);
        x.n_applied = sqlite3_column_int64(stmt, 6);
        x.n_photos = sqlite3_column_int64(stmt, 7);
        x.bytes = sqlite3_column_int64(stmt, 8);
        fq_store_text_col(stmt, 9, x.content_sha256, sizeof x.content_sha256);
        fq_store_text_col(stmt, 10, x.file, sizeof x.file);
        x.imported_utc = sqlite3_column_int64(stmt, 11);
        *out = x;
    } else {
        err = rc == SQLITE_DONE ? FQ_ERR_NOTFOUND : fq_store_sqlite_fail(st, rc, "import log");
    }
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_add_import(fq_store *st, const fq_store_import *x)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "INSERT INTO office_imports(bundle_id, device_id, inspector,"
                                  " after_seq, to_seq, n_records, n_applied, n_photos, bytes,"
                                  " content_sha256, file, imported_utc)"
                                  " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, x->bundle_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, x->device_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, x->inspector, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, x->after_seq);
    sqlite3_bind_int64(stmt, 5, x->to_seq);
    sqlite3_bind_int64(stmt, 6, x->n_records);
    sqlite3_bind_int64(stmt, 7, x->n_applied);
    sqlite3_bind_int64(stmt, 8, x->n_photos);
    sqlite3_bind_int64(stmt, 9, x->bytes);
    sqlite3_bind_text(stmt, 10, x->content_sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 11, x->file, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 12, x->imported_utc);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "import log");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_each_range(fq_store *st, const char *device_id, fq_store_range_fn fn,
                                  void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT after_seq, to_seq FROM office_imports"
                                      " WHERE device_id = ? ORDER BY after_seq, to_seq", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (fn(ctx, sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1)))
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "import log");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_add_photo(fq_store *st, const char *sha256, const char *device_id,
                                 int64_t bytes, const char *bundle_id)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    /* a photo sent again is named again by the next receipt (issue 18): the device does not
     * hold its acknowledgement (a lost receipt, a database restored from a backup) */
    fq_err err = fq_store_prepare(st, "INSERT INTO office_photo_senders(sha256, device_id,"
                                      " bytes, bundle_id) VALUES (?,?,?,?)"
                                      " ON CONFLICT (sha256, device_id) DO UPDATE"
                                      " SET named_in = NULL", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, device_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, bytes);
    sqlite3_bind_text(stmt, 4, bundle_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "photo log");
    sqlite3_finalize(stmt);
    return err;
}
