/* The web portal's tables on PostgreSQL (issue 14): accounts, sessions and requests for a
 * buyer's decision. The same tables, queries and results as lib/store/office_portal.c. */
#include "pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- accounts ---- */

#define USER_COLS                                                                             \
    "SELECT name, display, role, company, pw_hash, created_utc, updated_utc, disabled_utc"    \
    " FROM office_users"

static void read_user(const PGresult *res, int r, fq_store_user *u)
{
    memset(u, 0, sizeof *u);
    fq_pg_get_text(res, r, 0, u->name, sizeof u->name);
    fq_pg_get_text(res, r, 1, u->display, sizeof u->display);
    fq_pg_get_text(res, r, 2, u->role, sizeof u->role);
    fq_pg_get_text(res, r, 3, u->company, sizeof u->company);
    fq_pg_get_text(res, r, 4, u->pw_hash, sizeof u->pw_hash);
    u->created_utc = fq_pg_get_i64(res, r, 5);
    u->updated_utc = fq_pg_get_i64(res, r, 6);
    u->disabled_utc = fq_pg_get_i64(res, r, 7);
}

fq_err fq_pg_user_put(void *h, const fq_store_user *u)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char b[3][24];
    const char *p[] = {u->name, u->display, u->role, u->company, u->pw_hash,
                       fq_pg_i64(u->created_utc, b[0]), fq_pg_i64(u->updated_utc, b[1]),
                       fq_pg_i64(u->disabled_utc, b[2])};
    return fq_pg_query(pg, "accounts",
                       "INSERT INTO office_users(name, display, role, company, pw_hash,"
                       " created_utc, updated_utc, disabled_utc)"
                       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                       " ON CONFLICT (name) DO UPDATE SET display = $2, role = $3,"
                       " company = $4, pw_hash = $5, updated_utc = $7, disabled_utc = $8",
                       8, p, NULL);
}

fq_err fq_pg_user_get(void *h, const char *name, fq_store_user *out)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {name};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "accounts", USER_COLS " WHERE name = $1", 1, p, &res);
    if (err)
        return err;
    if (PQntuples(res) == 1)
        read_user(res, 0, out);
    else
        err = FQ_ERR_NOTFOUND;
    PQclear(res);
    return err;
}

fq_err fq_pg_each_user(void *h, fq_store_user_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "accounts", USER_COLS " ORDER BY name", 0, NULL, &res);
    if (err)
        return err;
    for (int r = 0; r < PQntuples(res); r++) {
        fq_store_user u;
        read_user(res, r, &u);
        if (fn(ctx, &u))
            break;
    }
    PQclear(res);
    return FQ_OK;
}

/* ---- sessions ---- */

fq_err fq_pg_session_add(void *h, const fq_store_session *x)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char b[2][24];
    const char *p[] = {x->id_hash, x->user, x->csrf, fq_pg_i64(x->created_utc, b[0]),
                       fq_pg_i64(x->expires_utc, b[1])};
    return fq_pg_query(pg, "sessions",
                       "INSERT INTO office_sessions(id_hash, username, csrf, created_utc,"
                       " expires_utc) VALUES ($1, $2, $3, $4, $5)",
                       5, p, NULL);
}

fq_err fq_pg_session_get(void *h, const char *id_hash, fq_store_session *out)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {id_hash};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "sessions",
                             "SELECT id_hash, username, csrf, created_utc, expires_utc"
                             " FROM office_sessions WHERE id_hash = $1",
                             1, p, &res);
    if (err)
        return err;
    if (PQntuples(res) == 1) {
        memset(out, 0, sizeof *out);
        fq_pg_get_text(res, 0, 0, out->id_hash, sizeof out->id_hash);
        fq_pg_get_text(res, 0, 1, out->user, sizeof out->user);
        fq_pg_get_text(res, 0, 2, out->csrf, sizeof out->csrf);
        out->created_utc = fq_pg_get_i64(res, 0, 3);
        out->expires_utc = fq_pg_get_i64(res, 0, 4);
    } else {
        err = FQ_ERR_NOTFOUND;
    }
    PQclear(res);
    return err;
}

fq_err fq_pg_sessions_end(void *h, const char *id_hash, const char *user, int64_t before_utc)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char b[24];
    /* NULL is SQL NULL: "= NULL" matches nothing, as on sqlite */
    const char *p[] = {id_hash, user, fq_pg_i64(before_utc, b)};
    return fq_pg_query(pg, "sessions",
                       "DELETE FROM office_sessions WHERE id_hash = $1 OR username = $2"
                       " OR expires_utc < $3::bigint",
                       3, p, NULL);
}

/* ---- approval requests ---- */

#define REQUEST_COLS                                                                          \
    "SELECT id, order_uuid, milestone_uuid, kind, subject, requested_by, requested_utc,"      \
    " due_utc, status, decided_by, decided_utc, comment, approval_uuid FROM office_requests"

static void read_request(const PGresult *res, int r, fq_store_approval_request *x)
{
    memset(x, 0, sizeof *x);
    fq_pg_get_text(res, r, 0, x->id, sizeof x->id);
    fq_pg_get_text(res, r, 1, x->order_uuid, sizeof x->order_uuid);
    fq_pg_get_text(res, r, 2, x->milestone_uuid, sizeof x->milestone_uuid);
    fq_pg_get_text(res, r, 3, x->kind, sizeof x->kind);
    fq_pg_get_text(res, r, 4, x->subject, sizeof x->subject);
    fq_pg_get_text(res, r, 5, x->requested_by, sizeof x->requested_by);
    x->requested_utc = fq_pg_get_i64(res, r, 6);
    x->due_utc = fq_pg_get_i64(res, r, 7);
    fq_pg_get_text(res, r, 8, x->status, sizeof x->status);
    fq_pg_get_text(res, r, 9, x->decided_by, sizeof x->decided_by);
    x->decided_utc = fq_pg_get_i64(res, r, 10);
    fq_pg_get_text(res, r, 11, x->comment, sizeof x->comment);
    fq_pg_get_text(res, r, 12, x->approval_uuid, sizeof x->approval_uuid);
}

fq_err fq_pg_request_add(void *h, const fq_store_approval_request *r)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char b[2][24];
    const char *p[] = {r->id,      r->order_uuid, r->milestone_uuid,
                       r->kind,    r->subject,    r->requested_by,
                       fq_pg_i64(r->requested_utc, b[0]), fq_pg_i64(r->due_utc, b[1])};
    return fq_pg_query(pg, "approval requests",
                       "INSERT INTO office_requests(id, order_uuid, milestone_uuid, kind,"
                       " subject, requested_by, requested_utc, due_utc)"
                       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                       8, p, NULL);
}

fq_err fq_pg_request_get(void *h, const char *id, fq_store_approval_request *out)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {id};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "approval requests", REQUEST_COLS " WHERE id = $1", 1, p, &res);
    if (err)
        return err;
    if (PQntuples(res) == 1)
        read_request(res, 0, out);
    else
        err = FQ_ERR_NOTFOUND;
    PQclear(res);
    return err;
}

fq_err fq_pg_each_request(void *h, const char *order_uuid, const char *status,
                          fq_store_request_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {order_uuid, status};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "approval requests",
                             REQUEST_COLS " WHERE ($1::text IS NULL OR order_uuid = $1)"
                             " AND ($2::text IS NULL OR status = $2)"
                             " ORDER BY due_utc = 0, due_utc, requested_utc, id",
                             2, p, &res);
    if (err)
        return err;
    for (int r = 0; r < PQntuples(res); r++) {
        fq_store_approval_request x;
        read_request(res, r, &x);
        if (fn(ctx, &x))
            break;
    }
    PQclear(res);
    return FQ_OK;
}

fq_err fq_pg_request_decide(void *h, const fq_store_approval_request *r)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char b[24];
    const char *p[] = {r->status, r->decided_by, fq_pg_i64(r->decided_utc, b), r->comment,
                       r->approval_uuid, r->id};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "approval requests",
                             "UPDATE office_requests SET status = $1, decided_by = $2,"
                             " decided_utc = $3, comment = $4, approval_uuid = $5"
                             " WHERE id = $6 AND status = 'pending'",
                             6, p, &res);
    if (err)
        return err;
    int n = atoi(PQcmdTuples(res));
    PQclear(res);
    return n == 1 ? FQ_OK
                  : fq_pg_fail(pg, FQ_ERR_CONFLICT, "request %s is not pending", r->id);
}
