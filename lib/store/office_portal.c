/* The web portal's tables on sqlite (issue 14): accounts (their argon2id hashes only),
 * sessions (the hash of the cookie's secret) and requests for a buyer's written decision.
 * Created with CREATE TABLE IF NOT EXISTS by fq_store_office_portal_init, like the tokens,
 * so device databases never carry them. The PostgreSQL backend (office/pg/pg_portal.c)
 * keeps the same tables with the same queries. Deliberately no decision here on who may see
 * or decide what: that is office/portal's. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char portal_schema[] =
    "CREATE TABLE IF NOT EXISTS office_users (name TEXT PRIMARY KEY NOT NULL,"
    " display TEXT NOT NULL, role TEXT NOT NULL"
    " CHECK (role IN ('coordinator', 'buyer', 'inspector')),"
    " company TEXT NOT NULL, pw_hash TEXT NOT NULL, created_utc INTEGER NOT NULL,"
    " updated_utc INTEGER NOT NULL, disabled_utc INTEGER NOT NULL DEFAULT 0) STRICT;"
    "CREATE TABLE IF NOT EXISTS office_sessions (id_hash TEXT PRIMARY KEY NOT NULL,"
    " username TEXT NOT NULL, csrf TEXT NOT NULL, created_utc INTEGER NOT NULL,"
    " expires_utc INTEGER NOT NULL) STRICT;"
    "CREATE INDEX IF NOT EXISTS office_sessions_user ON office_sessions(username);"
    "CREATE TABLE IF NOT EXISTS office_requests (id TEXT PRIMARY KEY NOT NULL,"
    " order_uuid TEXT NOT NULL, milestone_uuid TEXT NOT NULL, kind TEXT NOT NULL"
    " CHECK (kind IN ('sample', 'spec_change', 'shipment_release')),"
    " subject TEXT NOT NULL, requested_by TEXT NOT NULL, requested_utc INTEGER NOT NULL,"
    " due_utc INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending'"
    " CHECK (status IN ('pending', 'approved', 'rejected')),"
    " decided_by TEXT NOT NULL DEFAULT '', decided_utc INTEGER NOT NULL DEFAULT 0,"
    " comment TEXT NOT NULL DEFAULT '', approval_uuid TEXT NOT NULL DEFAULT '') STRICT;"
    "CREATE INDEX IF NOT EXISTS office_requests_order ON office_requests(order_uuid);";

static void bind_text(sqlite3_stmt *stmt, int i, const char *v)
{
    sqlite3_bind_text(stmt, i, v ? v : "", -1, SQLITE_STATIC);
}

fq_err fq_store_office_portal_init(fq_store *st)
{
    fq_store_clear_error(st);
    return fq_store_exec(st, portal_schema);
}

/* ---- accounts ---- */

#define USER_COLS                                                                             \
    "SELECT name, display, role, company, pw_hash, created_utc, updated_utc, disabled_utc"    \
    " FROM office_users"

static void read_user(sqlite3_stmt *stmt, fq_store_user *u)
{
    memset(u, 0, sizeof *u);
    fq_store_text_col(stmt, 0, u->name, sizeof u->name);
    fq_store_text_col(stmt, 1, u->display, sizeof u->display);
    fq_store_text_col(stmt, 2, u->role, sizeof u->role);
    fq_store_text_col(stmt, 3, u->company, sizeof u->company);
    fq_store_text_col(stmt, 4, u->pw_hash, sizeof u->pw_hash);
    u->created_utc = sqlite3_column_int64(stmt, 5);
    u->updated_utc = sqlite3_column_int64(stmt, 6);
    u->disabled_utc = sqlite3_column_int64(stmt, 7);
}

fq_err fq_store_office_user_put(fq_store *st, const fq_store_user *u)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(
        st,
        "INSERT INTO office_users(name, display, role, company, pw_hash, created_utc,"
        " updated_utc, disabled_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        " ON CONFLICT(name) DO UPDATE SET display = ?2, role = ?3, company = ?4,"
        " pw_hash = ?5, updated_utc = ?7, disabled_utc = ?8",
        &stmt);
    if (err)
        return err;
    bind_text(stmt, 1, u->name);
    bind_text(stmt, 2, u->display);
    bind_text(stmt, 3, u->role);
    bind_text(stmt, 4, u->company);
    bind_text(stmt, 5, u->pw_hash);
    sqlite3_bind_int64(stmt, 6, u->created_utc);
    sqlite3_bind_int64(stmt, 7, u->updated_utc);
    sqlite3_bind_int64(stmt, 8, u->disabled_utc);
    return fq_store_step_done(st, stmt, "accounts");
}

fq_err fq_store_office_user_get(fq_store *st, const char *name, fq_store_user *out)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, USER_COLS " WHERE name = ?", &stmt);
    if (err)
        return err;
    bind_text(stmt, 1, name);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        read_user(stmt, out);
    else
        err = rc == SQLITE_DONE ? FQ_ERR_NOTFOUND : fq_store_sqlite_fail(st, rc, "accounts");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_each_user(fq_store *st, fq_store_user_fn fn, void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, USER_COLS " ORDER BY name", &stmt);
    if (err)
        return err;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_store_user u;
        read_user(stmt, &u);
        if (fn(ctx, &u))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "accounts");
    sqlite3_finalize(stmt);
    return err;
}

/* ---- sessions ---- */

fq_err fq_store_office_session_add(fq_store *st, const fq_store_session *s)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "INSERT INTO office_sessions(id_hash, username, csrf, created_utc,"
                                  " expires_utc) VALUES (?, ?, ?, ?, ?)",
                                  &stmt);
    if (err)
        return err;
    bind_text(stmt, 1, s->id_hash);
    bind_text(stmt, 2, s->user);
    bind_text(stmt, 3, s->csrf);
    sqlite3_bind_int64(stmt, 4, s->created_utc);
    sqlite3_bind_int64(stmt, 5, s->expires_utc);
    return fq_store_step_done(st, stmt, "sessions");
}

fq_err fq_store_office_session_get(fq_store *st, const char *id_hash, fq_store_session *out)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "SELECT id_hash, username, csrf, created_utc, expires_utc"
                                  " FROM office_sessions WHERE id_hash = ?",
                                  &stmt);
    if (err)
        return err;
    bind_text(stmt, 1, id_hash);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        fq_store_text_col(stmt, 0, out->id_hash, sizeof out->id_hash);
        fq_store_text_col(stmt, 1, out->user, sizeof out->user);
        fq_store_text_col(stmt, 2, out->csrf, sizeof out->csrf);
        out->created_utc = sqlite3_column_int64(stmt, 3);
        out->expires_utc = sqlite3_column_int64(stmt, 4);
    } else {
        err = rc == SQLITE_DONE ? FQ_ERR_NOTFOUND : fq_store_sqlite_fail(st, rc, "sessions");
    }
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_sessions_end(fq_store *st, const char *id_hash, const char *user,
                                    int64_t before_utc)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "DELETE FROM office_sessions WHERE id_hash = ?1 OR username = ?2"
                                  " OR expires_utc < ?3",
                                  &stmt);
    if (err)
        return err;
    /* NULL binds SQL NULL: "= NULL" matches nothing */
    if (id_hash)
        bind_text(stmt, 1, id_hash);
    if (user)
        bind_text(stmt, 2, user);
    sqlite3_bind_int64(stmt, 3, before_utc);
    return fq_store_step_done(st, stmt, "sessions");
}

/* ---- approval requests ---- */

#define REQUEST_COLS                                                                          \
    "SELECT id, order_uuid, milestone_uuid, kind, subject, requested_by, requested_utc,"      \
    " due_utc, status, decided_by, decided_utc, comment, approval_uuid FROM office_requests"

static void read_request(sqlite3_stmt *stmt, fq_store_approval_request *r)
{
    memset(r, 0, sizeof *r);
    fq_store_text_col(stmt, 0, r->id, sizeof r->id);
    fq_store_text_col(stmt, 1, r->order_uuid, sizeof r->order_uuid);
    fq_store_text_col(stmt, 2, r->milestone_uuid, sizeof r->milestone_uuid);
    fq_store_text_col(stmt, 3, r->kind, sizeof r->kind);
    fq_store_text_col(stmt, 4, r->subject, sizeof r->subject);
    fq_store_text_col(stmt, 5, r->requested_by, sizeof r->requested_by);
    r->requested_utc = sqlite3_column_int64(stmt, 6);
    r->due_utc = sqlite3_column_int64(stmt, 7);
    fq_store_text_col(stmt, 8, r->status, sizeof r->status);
    fq_store_text_col(stmt, 9, r->decided_by, sizeof r->decided_by);
    r->decided_utc = sqlite3_column_int64(stmt, 10);
    fq_store_text_col(stmt, 11, r->comment, sizeof r->comment);
    fq_store_text_col(stmt, 12, r->approval_uuid, sizeof r->approval_uuid);
}

fq_err fq_store_office_request_add(fq_store *st, const fq_store_approval_request *r)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "INSERT INTO office_requests(id, order_uuid, milestone_uuid,"
                                  " kind, subject, requested_by, requested_utc, due_utc)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                  &stmt);
    if (err)
        return err;
    bind_text(stmt, 1, r->id);
    bind_text(stmt, 2, r->order_uuid);
    bind_text(stmt, 3, r->milestone_uuid);
    bind_text(stmt, 4, r->kind);
    bind_text(stmt, 5, r->subject);
    bind_text(stmt, 6, r->requested_by);
    sqlite3_bind_int64(stmt, 7, r->requested_utc);
    sqlite3_bind_int64(stmt, 8, r->due_utc);
    return fq_store_step_done(st, stmt, "approval requests");
}

fq_err fq_store_office_request_get(fq_store *st, const char *id,
                                   fq_store_approval_request *out)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, REQUEST_COLS " WHERE id = ?", &stmt);
    if (err)
        return err;
    bind_text(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        read_request(stmt, out);
    else
        err = rc == SQLITE_DONE ? FQ_ERR_NOTFOUND
                                : fq_store_sqlite_fail(st, rc, "approval requests");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_each_request(fq_store *st, const char *order_uuid, const char *status,
                                    fq_store_request_fn fn, void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  REQUEST_COLS " WHERE (?1 IS NULL OR order_uuid = ?1)"
                                  " AND (?2 IS NULL OR status = ?2)"
                                  " ORDER BY due_utc = 0, due_utc, requested_utc, id",
                                  &stmt);
    if (err)
        return err;
    if (order_uuid)
        bind_text(stmt, 1, order_uuid);
    if (status)
        bind_text(stmt, 2, status);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_store_approval_request r;
        read_request(stmt, &r);
        if (fn(ctx, &r))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "approval requests");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_request_decide(fq_store *st, const fq_store_approval_request *r)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "UPDATE office_requests SET status = ?, decided_by = ?,"
                                  " decided_utc = ?, comment = ?, approval_uuid = ?"
                                  " WHERE id = ? AND status = 'pending'",
                                  &stmt);
    if (err)
        return err;
    bind_text(stmt, 1, r->status);
    bind_text(stmt, 2, r->decided_by);
    sqlite3_bind_int64(stmt, 3, r->decided_utc);
    bind_text(stmt, 4, r->comment);
    bind_text(stmt, 5, r->approval_uuid);
    bind_text(stmt, 6, r->id);
    if ((err = fq_store_step_done(st, stmt, "approval requests")))
        return err;
    return sqlite3_changes(st->db) == 1
               ? FQ_OK
               : fq_store_fail(st, FQ_ERR_CONFLICT, "request %s is not pending", r->id);
}
