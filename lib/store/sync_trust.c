/* Signing keys and trust of a database (issue 11), kept as local settings (never synced):
 * its own key seed (a device's or the office's), and on a device the office key it trusts
 * and a validly signed office key it refused (offered to the inspector, never trusted by
 * itself). Also the highest position this device ever exported: a receipt cannot honestly
 * acknowledge more. The keys are hex made and checked by lib/bundle; the policy (what is
 * accepted, when a key is trusted) is the services' (device/services/sync_*.c). */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OFFICE_KEY "sync_office_key"
#define OFFICE_KEY_SINCE "sync_office_key_since"
#define OFFICE_KEY_OFFERED "sync_office_key_offered"
#define OFFICE_KEY_OFFERED_AT "sync_office_key_offered_utc"

/* A setting read as text, "" when absent. */
static fq_err get_or_empty(fq_store *st, const char *key, char *out, size_t out_len)
{
    fq_err err = fq_store_setting_get(st, key, out, out_len);
    if (err == FQ_ERR_NOTFOUND) {
        out[0] = '\0';
        fq_store_clear_error(st);
        return FQ_OK;
    }
    return err;
}

static fq_err get_i64(fq_store *st, const char *key, int64_t *out)
{
    char buf[32];
    fq_err err = get_or_empty(st, key, buf, sizeof buf);
    if (!err)
        *out = buf[0] ? strtoll(buf, NULL, 10) : 0;
    return err;
}

static fq_err set_i64(fq_store *st, const char *key, int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    return fq_store_setting_set(st, key, buf);
}

fq_err fq_store_setting_init(fq_store *st, const char *key, const char *value, char *out,
                             size_t out_len)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "INSERT INTO settings(key, value) VALUES (?, ?)"
                                  " ON CONFLICT(key) DO NOTHING",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return fq_store_sqlite_fail(st, rc, "save setting");
    return fq_store_setting_get(st, key, out, out_len);
}

fq_err fq_store_setting_delete(fq_store *st, const char *key)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "DELETE FROM settings WHERE key = ?", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? FQ_OK : fq_store_sqlite_fail(st, rc, "delete setting");
}

fq_err fq_store_sync_office_trust(fq_store *st, fq_store_office_trust *out)
{
    fq_store_clear_error(st);
    fq_store_office_trust t;
    memset(&t, 0, sizeof t);
    fq_err err = get_or_empty(st, OFFICE_KEY, t.key, sizeof t.key);
    if (!err)
        err = get_i64(st, OFFICE_KEY_SINCE, &t.since_utc);
    if (!err)
        err = get_or_empty(st, OFFICE_KEY_OFFERED, t.offered, sizeof t.offered);
    if (!err)
        err = get_i64(st, OFFICE_KEY_OFFERED_AT, &t.offered_utc);
    if (!err)
        *out = t;
    return err;
}

fq_err fq_store_sync_trust_office_key(fq_store *st, const char *key, int64_t since_utc)
{
    fq_store_clear_error(st);
    fq_err err = fq_store_begin(st);
    if (err)
        return err;
    err = fq_store_setting_set(st, OFFICE_KEY, key);
    if (!err)
        err = set_i64(st, OFFICE_KEY_SINCE, since_utc);
    if (!err)
        err = fq_store_setting_delete(st, OFFICE_KEY_OFFERED);
    if (!err)
        err = fq_store_setting_delete(st, OFFICE_KEY_OFFERED_AT);
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    return fq_store_commit(st);
}

fq_err fq_store_sync_offer_office_key(fq_store *st, const char *key, int64_t at_utc)
{
    fq_store_clear_error(st);
    fq_err err = fq_store_begin(st);
    if (err)
        return err;
    err = fq_store_setting_set(st, OFFICE_KEY_OFFERED, key);
    if (!err)
        err = set_i64(st, OFFICE_KEY_OFFERED_AT, at_utc);
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    return fq_store_commit(st);
}

fq_err fq_store_sync_exported_seq(fq_store *st, int64_t *out)
{
    fq_store_clear_error(st);
    return fq_store_query_i64(st, "SELECT coalesce(max(to_seq), 0) FROM sync_exports", out);
}
