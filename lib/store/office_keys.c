/* The office's enrolled devices (issue 11): which public key each device id signs with, since
 * when, and whether it was revoked; every enrolment is kept (a replaced key stays as
 * history), the newest row per device is its state. Also which key signed each imported
 * bundle, so a device's acknowledged position counts only the bundles of its enrolled key.
 * Created with CREATE TABLE IF NOT EXISTS by fq_store_office_keys_init, like the import log
 * (office_log.c), so device databases never carry them. Deciding what is accepted is the
 * office's policy (office/). */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

static const char keys_schema[] =
    "CREATE TABLE IF NOT EXISTS office_enrolments (id INTEGER PRIMARY KEY,"
    " device_id TEXT NOT NULL, public_key TEXT NOT NULL, enrolled_utc INTEGER NOT NULL,"
    " ended_utc INTEGER NOT NULL DEFAULT 0, ended_why TEXT NOT NULL DEFAULT ''"
    " CHECK (ended_why IN ('', 'revoked', 'replaced'))) STRICT;"
    "CREATE INDEX IF NOT EXISTS office_enrolments_device ON office_enrolments(device_id, id);"
    "CREATE TABLE IF NOT EXISTS office_import_signers (bundle_id TEXT PRIMARY KEY NOT NULL,"
    " signer_key TEXT NOT NULL) STRICT;";

/* The newest enrolment of each device (or of one: ?1), by device id. */
#define LATEST_ENROLMENTS                                                                          \
    "SELECT device_id, public_key, enrolled_utc,"                                                  \
    " CASE WHEN ended_why = 'revoked' THEN ended_utc ELSE 0 END FROM office_enrolments e"          \
    " WHERE id = (SELECT max(id) FROM office_enrolments l WHERE l.device_id = e.device_id)"

static void read_enrolment(sqlite3_stmt *stmt, fq_store_enrolment *out)
{
    memset(out, 0, sizeof *out);
    const unsigned char *dev = sqlite3_column_text(stmt, 0);
    const unsigned char *key = sqlite3_column_text(stmt, 1);
    snprintf(out->device_id, sizeof out->device_id, "%s", dev ? (const char *)dev : "");
    snprintf(out->public_key, sizeof out->public_key, "%s", key ? (const char *)key : "");
    out->enrolled_utc = sqlite3_column_int64(stmt, 2);
    out->revoked_utc = sqlite3_column_int64(stmt, 3);
}

/* Ends the enrolment in force of device_id (why: 'revoked' or 'replaced'); *out_n rows. */
static fq_err end_current(fq_store *st, const char *device_id, int64_t at_utc, const char *why,
                          int *out_n)
{
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "UPDATE office_enrolments SET ended_utc = ?, ended_why = ?"
                                  " WHERE device_id = ? AND ended_why = ''",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, at_utc);
    sqlite3_bind_text(stmt, 2, why, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, device_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return fq_store_sqlite_fail(st, rc, "enrolments");
    *out_n = sqlite3_changes(st->db);
    return FQ_OK;
}

fq_err fq_store_office_keys_init(fq_store *st)
{
    fq_store_clear_error(st);
    return fq_store_exec(st, keys_schema);
}

fq_err fq_store_office_enrol(fq_store *st, const char *device_id, const char *public_key,
                             int64_t at_utc)
{
    fq_store_clear_error(st);
    fq_err err = fq_store_begin(st);
    if (err)
        return err;
    int n_ended = 0;
    sqlite3_stmt *stmt = NULL;
    err = end_current(st, device_id, at_utc, "replaced", &n_ended);
    if (!err)
        err = fq_store_prepare(st,
                               "INSERT INTO office_enrolments(device_id, public_key,"
                               " enrolled_utc) VALUES (?, ?, ?)",
                               &stmt);
    if (!err) {
        sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, public_key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 3, at_utc);
        int rc = sqlite3_step(stmt);
        if (rc != SQLITE_DONE)
            err = fq_store_sqlite_fail(st, rc, "enrolments");
    }
    sqlite3_finalize(stmt);
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    return fq_store_commit(st);
}

fq_err fq_store_office_revoke(fq_store *st, const char *device_id, int64_t at_utc)
{
    fq_store_clear_error(st);
    int n = 0;
    fq_err err = end_current(st, device_id, at_utc, "revoked", &n);
    if (!err && n == 0)
        err = fq_store_fail(st, FQ_ERR_NOTFOUND, "device %s has no enrolment in force", device_id);
    return err;
}

fq_err fq_store_office_enrolment(fq_store *st, const char *device_id, fq_store_enrolment *out)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, LATEST_ENROLMENTS " AND device_id = ?", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        read_enrolment(stmt, out);
    else
        err = rc == SQLITE_DONE ? FQ_ERR_NOTFOUND : fq_store_sqlite_fail(st, rc, "enrolments");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_each_enrolment(fq_store *st, fq_store_enrolment_fn fn, void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, LATEST_ENROLMENTS " ORDER BY device_id", &stmt);
    if (err)
        return err;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_store_enrolment e;
        read_enrolment(stmt, &e);
        if (fn(ctx, &e))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "enrolments");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_add_import_signer(fq_store *st, const char *bundle_id,
                                         const char *signer_key)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "INSERT OR IGNORE INTO office_import_signers(bundle_id,"
                                  " signer_key) VALUES (?, ?)",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, bundle_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, signer_key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? FQ_OK : fq_store_sqlite_fail(st, rc, "import signers");
}

fq_err fq_store_office_each_signed_range(fq_store *st, const char *device_id,
                                         const char *signer_key, fq_store_range_fn fn, void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "SELECT i.after_seq, i.to_seq FROM office_imports i"
                                  " JOIN office_import_signers s ON s.bundle_id = i.bundle_id"
                                  " WHERE i.device_id = ? AND s.signer_key = ?"
                                  " ORDER BY i.after_seq, i.to_seq",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, signer_key, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (fn(ctx, sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1)))
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "import log");
    sqlite3_finalize(stmt);
    return err;
}
