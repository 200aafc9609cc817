/* The office's server-side bookkeeping on sqlite (issue 13): API tokens (their hashes only),
 * a laptop's queue of imported bundles to forward to the server, a page of records for the
 * API, and row counts for tests. Created with CREATE TABLE IF NOT EXISTS by
 * fq_store_office_server_init, like the import log, so device databases never carry them.
 * The PostgreSQL backend (office/pg) keeps the same tables. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char server_schema[] =
    "CREATE TABLE IF NOT EXISTS office_tokens (id TEXT PRIMARY KEY NOT NULL,"
    " name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('laptop', 'read')),"
    " hash TEXT NOT NULL, created_utc INTEGER NOT NULL,"
    " revoked_utc INTEGER NOT NULL DEFAULT 0) STRICT;"
    "CREATE TABLE IF NOT EXISTS office_outbound (bundle_id TEXT PRIMARY KEY NOT NULL,"
    " device_id TEXT NOT NULL, file TEXT NOT NULL, bytes INTEGER NOT NULL,"
    " queued_utc INTEGER NOT NULL, sent_utc INTEGER NOT NULL DEFAULT 0,"
    " server TEXT NOT NULL DEFAULT '', n INTEGER NOT NULL) STRICT;";

fq_err fq_store_office_server_init(fq_store *st)
{
    fq_store_clear_error(st);
    return fq_store_exec(st, server_schema);
}

fq_err fq_store_office_token_add(fq_store *st, const fq_store_token *t)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "INSERT INTO office_tokens(id, name, role, hash, created_utc)"
                                  " VALUES (?, ?, ?, ?, ?)",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, t->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, t->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, t->role, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, t->hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 5, t->created_utc);
    return fq_store_step_done(st, stmt, "tokens");
}

static void read_token(sqlite3_stmt *stmt, fq_store_token *t)
{
    memset(t, 0, sizeof *t);
    fq_store_text_col(stmt, 0, t->id, sizeof t->id);
    fq_store_text_col(stmt, 1, t->name, sizeof t->name);
    fq_store_text_col(stmt, 2, t->role, sizeof t->role);
    fq_store_text_col(stmt, 3, t->hash, sizeof t->hash);
    t->created_utc = sqlite3_column_int64(stmt, 4);
    t->revoked_utc = sqlite3_column_int64(stmt, 5);
}

#define TOKEN_COLS "SELECT id, name, role, hash, created_utc, revoked_utc FROM office_tokens"

fq_err fq_store_office_token_get(fq_store *st, const char *id, fq_store_token *out)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, TOKEN_COLS " WHERE id = ?", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        read_token(stmt, out);
    else
        err = rc == SQLITE_DONE ? FQ_ERR_NOTFOUND : fq_store_sqlite_fail(st, rc, "tokens");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_token_revoke(fq_store *st, const char *id, int64_t at_utc)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "UPDATE office_tokens SET revoked_utc = ? WHERE id = ?"
                                      " AND revoked_utc = 0", &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, at_utc);
    sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
    if ((err = fq_store_step_done(st, stmt, "tokens")))
        return err;
    return sqlite3_changes(st->db) == 1
               ? FQ_OK
               : fq_store_fail(st, FQ_ERR_NOTFOUND, "no token %s in force", id);
}

fq_err fq_store_office_each_token(fq_store *st, fq_store_token_fn fn, void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, TOKEN_COLS " ORDER BY created_utc, id", &stmt);
    if (err)
        return err;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_store_token t;
        read_token(stmt, &t);
        if (fn(ctx, &t))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "tokens");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_outbound_add(fq_store *st, const fq_store_outbound *x)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "INSERT OR IGNORE INTO office_outbound(bundle_id, device_id,"
                                  " file, bytes, queued_utc, n) VALUES (?, ?, ?, ?, ?,"
                                  " (SELECT coalesce(max(n), 0) + 1 FROM office_outbound))",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, x->bundle_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, x->device_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, x->file, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, x->bytes);
    sqlite3_bind_int64(stmt, 5, x->queued_utc);
    return fq_store_step_done(st, stmt, "forward queue");
}

fq_err fq_store_office_each_outbound(fq_store *st, fq_store_outbound_fn fn, void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "SELECT bundle_id, device_id, file, bytes, queued_utc,"
                                  " sent_utc, server FROM office_outbound WHERE sent_utc = 0"
                                  " ORDER BY n",
                                  &stmt);
    if (err)
        return err;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_store_outbound x;
        memset(&x, 0, sizeof x);
        fq_store_text_col(stmt, 0, x.bundle_id, sizeof x.bundle_id);
        fq_store_text_col(stmt, 1, x.device_id, sizeof x.device_id);
        fq_store_text_col(stmt, 2, x.file, sizeof x.file);
        x.bytes = sqlite3_column_int64(stmt, 3);
        x.queued_utc = sqlite3_column_int64(stmt, 4);
        x.sent_utc = sqlite3_column_int64(stmt, 5);
        fq_store_text_col(stmt, 6, x.server, sizeof x.server);
        if (fn(ctx, &x))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "forward queue");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_outbound_done(fq_store *st, const char *bundle_id, const char *server,
                                     int64_t at_utc)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "UPDATE office_outbound SET sent_utc = ?, server = ?"
                                      " WHERE bundle_id = ? AND sent_utc = 0", &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, at_utc);
    sqlite3_bind_text(stmt, 2, server, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, bundle_id, -1, SQLITE_STATIC);
    return fq_store_step_done(st, stmt, "forward queue");
}

fq_err fq_store_office_outbound_has(fq_store *st, const char *bundle_id, int *out_queued)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT count(*) FROM office_outbound WHERE bundle_id = ?",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, bundle_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out_queued = sqlite3_column_int(stmt, 0) > 0;
    else
        err = fq_store_sqlite_fail(st, rc, "forward queue");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_page(fq_store *st, fq_entity_id id, const char *filter_col,
                     const char *filter_val, const char *after, size_t limit, void **out,
                     size_t *out_n, int *out_more)
{
    fq_store_clear_error(st);
    const fq_entity *e = fq_entity_get(id);
    if (!e)
        return fq_store_fail(st, FQ_ERR_INVALID, "unknown record type");
    if (limit < 1 || limit > 1000)
        return fq_store_fail(st, FQ_ERR_INVALID, "a page holds 1 to 1000 records");
    if (filter_col && !fq_store_has_column(e, filter_col))
        return fq_store_fail(st, FQ_ERR_INVALID, "%s has no column %s", e->table, filter_col);
    char cols[2048], sql[3000];
    fq_store_column_list(e, NULL, cols, sizeof cols);
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE uuid > ?1%s%s%s ORDER BY uuid LIMIT ?3",
             cols, e->table, filter_col ? " AND " : "", filter_col ? filter_col : "",
             filter_col ? " = ?2" : "");
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, after ? after : "", -1, SQLITE_STATIC);
    if (filter_col)
        sqlite3_bind_text(stmt, 2, filter_val ? filter_val : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, (sqlite3_int64)limit + 1);
    unsigned char *arr = calloc(limit, e->record_size);
    size_t n = 0;
    int more = 0, rc;
    if (!arr) {
        sqlite3_finalize(stmt);
        return fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
    }
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (n == limit) {
            more = 1;
            break;
        }
        fq_store_row_to_record(e, stmt, 0, arr + n * e->record_size);
        n++;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "page");
    sqlite3_finalize(stmt);
    if (err || n == 0) {
        free(arr);
        arr = NULL;
    }
    if (!err) {
        *out = arr;
        *out_n = n;
        *out_more = more;
    }
    return err;
}

/* The tables a count may name: the entities and the office's own. */
static int countable(const char *table)
{
    static const char *const office[] = {"office_imports", "office_photo_senders",
                                         "office_conflicts", "office_enrolments",
                                         "office_import_signers", "office_tokens",
                                         "office_outbound", "office_users", "office_sessions",
                                         "office_requests", "office_receipts",
                                         "office_receipt_acks", "changelog", NULL};
    if (fq_entity_by_table(table))
        return 1;
    for (size_t i = 0; office[i]; i++)
        if (!strcmp(office[i], table))
            return 1;
    return 0;
}

fq_err fq_store_count_rows(fq_store *st, const char *table, int64_t *out_n)
{
    fq_store_clear_error(st);
    if (!table || !countable(table))
        return fq_store_fail(st, FQ_ERR_INVALID, "not a table of the office: %s",
                             table ? table : "(null)");
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return fq_store_query_i64(st, sql, out_n);
}
