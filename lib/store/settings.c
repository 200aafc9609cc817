/* Device-local settings (device id, inspector, photo size, theme): never synced. */
#include "store_internal.h"

#include <stdio.h>

fq_err fq_store_setting_get(fq_store *st, const char *key, char *out, size_t out_len)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT value FROM settings WHERE key = ?", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        snprintf(out, out_len, "%s", (const char *)sqlite3_column_text(stmt, 0));
    else if (rc == SQLITE_DONE)
        err = FQ_ERR_NOTFOUND;
    else
        err = fq_store_sqlite_fail(st, rc, "setting");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_setting_set(fq_store *st, const char *key, const char *value)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(
        st, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "save setting");
    sqlite3_finalize(stmt);
    return err;
}
