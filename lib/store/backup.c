/* Backups and checks: a copy of the open database made with sqlite's online backup API into
 * a file that appears complete or not at all (fsio), verified before it counts; a check of
 * any database file without writing to it; the integrity check on demand; and the change
 * log's floor after a restore. Where backups go and how many are kept is the device's
 * policy (device/services/app_backup.c). */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsio/fsio.h"

fq_err fq_store_run_check(sqlite3 *db, bool full, char *result, size_t len)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, full ? "PRAGMA integrity_check(5)" : "PRAGMA quick_check(5)",
                                -1, &stmt, NULL);
    if (rc != SQLITE_OK) {
        snprintf(result, len, "%s", sqlite3_errmsg(db));
        return FQ_ERR_CORRUPT;
    }
    size_t pos = 0;
    int rows = 0;
    result[0] = '\0';
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(stmt, 0);
        if (pos < len)
            pos += (size_t)snprintf(result + pos, len - pos, "%s%s", rows ? "; " : "",
                                    line ? line : "");
        rows++;
    }
    if (rc != SQLITE_DONE)
        snprintf(result, len, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE && !strcmp(result, "ok") ? FQ_OK : FQ_ERR_CORRUPT;
}

void fq_store_file_uri(const char *path, const char *params, char *buf, size_t len)
{
    size_t k = (size_t)snprintf(buf, len, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p && k + 4 < len; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21)
            k += (size_t)snprintf(buf + k, len - k, "%%%02X", *p);
        else
            buf[k++] = (char)*p;
    }
    buf[k < len ? k : len - 1] = '\0';
    snprintf(buf + strlen(buf), len - strlen(buf), "?%s", params);
}

static int64_t one_i64(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

fq_err fq_store_check(fq_store *st, bool full, char *result, size_t result_len)
{
    fq_store_clear_error(st);
    fq_err err = fq_store_run_check(st->db, full, result, result_len);
    if (err)
        fq_store_fail(st, err, "the database is damaged (%s): %.300s",
                      full ? "integrity_check" : "quick_check", result);
    return err;
}

fq_err fq_store_check_file(const char *path, bool full, fq_store_file_info *out, char *err,
                           size_t err_len)
{
    memset(out, 0, sizeof *out);
    if (access(path, R_OK) != 0)
        return fq_fsio_fail(err, err_len, FQ_ERR_NOTFOUND, "%s: cannot be read", path);
    sqlite3 *db = NULL;
    /* immutable: nothing is written, not even a -wal or -shm beside a backup on a stick */
    char uri[FQ_FSIO_PATH_LEN + 64];
    fq_store_file_uri(path, "mode=ro&immutable=1", uri, sizeof uri);
    int rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    fq_err e = FQ_OK;
    if (rc != SQLITE_OK) {
        e = fq_fsio_fail(err, err_len, FQ_ERR_CORRUPT, "%s: %s", path,
                         db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    } else {
        if (fq_store_run_check(db, full, out->check, sizeof out->check) != FQ_OK)
            e = fq_fsio_fail(err, err_len, FQ_ERR_CORRUPT, "%s is damaged: %.300s", path,
                             out->check);
        out->schema_version = one_i64(db, "PRAGMA user_version");
        out->last_seq = one_i64(db, "SELECT coalesce(max(seq), 0) FROM changelog");
        out->n_visits = one_i64(db, "SELECT count(*) FROM visits");
        sqlite3_stmt *stmt = NULL;
        if (sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = 'device_id'", -1,
                               &stmt, NULL) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            snprintf(out->device_id, sizeof out->device_id, "%s",
                     (const char *)sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        if (!e && (out->schema_version < 1 || out->last_seq < 0))
            e = fq_fsio_fail(err, err_len, FQ_ERR_CORRUPT, "%s is not a fieldqc database",
                             path);
        out->ok = e == FQ_OK;
    }
    sqlite3_close_v2(db);
    return e;
}

/* src copied into a checked standalone file at dst_path (see fq_store_backup_to); the
 * reason of a failure into err. */
static fq_err backup_db(sqlite3 *src, const char *dst_path, char *err_out, size_t err_len)
{
    char tmp[FQ_FSIO_PATH_LEN], why[512];
    int fd = -1;
    fq_err err = fq_fsio_temp_create(dst_path, tmp, sizeof tmp, &fd, why, sizeof why);
    if (err)
        return fq_fsio_fail(err_out, err_len, err, "backup: %s", why);
    close(fd);
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
    sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(dst, "main", src, "main") : NULL;
    if (b) {
        /* all pages in one step: a consistent snapshot of the committed state (the source
         * stays readable; nothing else writes through this connection meanwhile) */
        rc = sqlite3_backup_step(b, -1);
        int fin = sqlite3_backup_finish(b);
        if (rc == SQLITE_DONE)
            rc = fin;
    } else if (rc == SQLITE_OK) {
        rc = sqlite3_errcode(dst);
    }
    /* the copy is a standalone file: rollback journal, not WAL (a WAL header would need its
     * -wal and -shm beside it wherever the backup is read) */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        err = fq_fsio_fail(err_out, err_len, (rc & 0xff) == SQLITE_FULL ? FQ_ERR_FULL : FQ_ERR_IO,
                           "backup to %s: %s", dst_path,
                           (rc & 0xff) == SQLITE_FULL ? "the disk is full"
                           : dst                      ? sqlite3_errmsg(dst)
                                                      : sqlite3_errstr(rc));
    sqlite3_close_v2(dst);
    /* verified before it counts: a backup nobody can restore is worse than none */
    fq_store_file_info info;
    if (!err && fq_store_check_file(tmp, false, &info, why, sizeof why) != FQ_OK)
        err = fq_fsio_fail(err_out, err_len, FQ_ERR_CORRUPT,
                           "backup to %s failed its check: %s", dst_path, why);
    int64_t version = err ? 0 : one_i64(src, "PRAGMA user_version");
    if (!err && info.schema_version != version)
        err = fq_fsio_fail(err_out, err_len, FQ_ERR_CORRUPT, "backup to %s: schema %lld, not %lld",
                           dst_path, (long long)info.schema_version, (long long)version);
    if (!err) {
        err = fq_fsio_commit_temp(tmp, dst_path, why, sizeof why);
        if (err)
            fq_fsio_fail(err_out, err_len, err, "backup: %s", why);
        return err;
    }
    unlink(tmp);
    return err;
}

fq_err fq_store_backup_to(fq_store *st, const char *dst_path)
{
    fq_store_clear_error(st);
    return backup_db(st->db, dst_path, st->errmsg, sizeof st->errmsg);
}

fq_err fq_store_backup_file(const char *src_path, const char *dst_path, char *err, size_t err_len)
{
    char uri[FQ_FSIO_PATH_LEN + 64];
    fq_store_file_uri(src_path, "mode=ro", uri, sizeof uri);
    sqlite3 *src = NULL;
    int rc = sqlite3_open_v2(uri, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    fq_err e;
    if (rc != SQLITE_OK) {
        e = fq_fsio_fail(err, err_len, FQ_ERR_IO, "backup: %s cannot be read: %s", src_path,
                         src ? sqlite3_errmsg(src) : sqlite3_errstr(rc));
    } else {
        /* the app's connection may be committing: wait for it rather than fail */
        sqlite3_busy_timeout(src, 30000);
        e = backup_db(src, dst_path, err, err_len);
    }
    sqlite3_close_v2(src);
    return e;
}

fq_err fq_store_raise_seq_floor(fq_store *st, int64_t floor_seq)
{
    fq_store_clear_error(st);
    int64_t last = 0;
    fq_err err = fq_store_last_seq(st, &last);
    if (err || last >= floor_seq)
        return err;
    err = fq_store_begin(st);
    if (err)
        return err;
    /* AUTOINCREMENT keeps its high-water mark in sqlite_sequence: the next change gets
     * floor_seq + 1, never a position an office may hold from before */
    char sql[200];
    snprintf(sql, sizeof sql,
             "INSERT OR REPLACE INTO sqlite_sequence(name, seq) VALUES ('changelog', %lld)",
             (long long)floor_seq);
    fq_store_exec_quiet(st, "DELETE FROM sqlite_sequence WHERE name = 'changelog'");
    err = fq_store_exec(st, sql);
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    return fq_store_commit(st);
}
