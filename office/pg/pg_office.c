/* The office's bookkeeping on PostgreSQL: the import log and the key behind each import, the
 * photos each device sent, the enrolments, the API tokens, the forward queue, and row counts
 * for tests. The same tables and queries as lib/store's office_log.c, office_keys.c and
 * office_server.c. */
#include "pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static fq_err each_range_query(fq_pg *pg, const char *sql, int n, const char *const *p,
                               fq_store_range_fn fn, void *ctx)
{
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "import log", sql, n, p, &res);
    if (err)
        return err;
    for (int r = 0; r < PQntuples(res); r++)
        if (fn(ctx, fq_pg_get_i64(res, r, 0), fq_pg_get_i64(res, r, 1)))
            break;
    PQclear(res);
    return FQ_OK;
}

fq_err fq_pg_find_import(void *h, const char *bundle_id, fq_store_import *out)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {bundle_id};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "import log",
                             "SELECT bundle_id, device_id, inspector, after_seq, to_seq,"
                             " n_records, n_applied, n_photos, bytes, content_sha256, file,"
                             " imported_utc FROM office_imports WHERE bundle_id = $1",
                             1, p, &res);
    if (err)
        return err;
    if (PQntuples(res) == 1) {
        fq_store_import x;
        memset(&x, 0, sizeof x);
        fq_pg_get_text(res, 0, 0, x.bundle_id, sizeof x.bundle_id);
        fq_pg_get_text(res, 0, 1, x.device_id, sizeof x.device_id);
        fq_pg_get_text(res, 0, 2, x.inspector, sizeof x.inspector);
        x.after_seq = fq_pg_get_i64(res, 0, 3);
        x.to_seq = fq_pg_get_i64(res, 0, 4);
        x.n_records = fq_pg_get_i64(res, 0, 5);
        x.n_applied = fq_pg_get_i64(res, 0, 6);
        x.n_photos = fq_pg_get_i64(res, 0, 7);
        x.bytes = fq_pg_get_i64(res, 0, 8);
        fq_pg_get_text(res, 0, 9, x.content_sha256, sizeof x.content_sha256);
        fq_pg_get_text(res, 0, 10, x.file, sizeof x.file);
        x.imported_utc = fq_pg_get_i64(res, 0, 11);
        *out = x;
    } else {
        err = FQ_ERR_NOTFOUND;
    }
    PQclear(res);
    return err;
}

fq_err fq_pg_add_import(void *h, const fq_store_import *x)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char b[8][24];
    const char *p[] = {x->bundle_id, x->device_id, x->inspector, fq_pg_i64(x->after_seq, b[0]),
                       fq_pg_i64(x->to_seq, b[1]), fq_pg_i64(x->n_records, b[2]),
                       fq_pg_i64(x->n_applied, b[3]), fq_pg_i64(x->n_photos, b[4]),
                       fq_pg_i64(x->bytes, b[5]), x->content_sha256, x->file,
                       fq_pg_i64(x->imported_utc, b[6])};
    return fq_pg_query(pg, "import log",
                       "INSERT INTO office_imports(bundle_id, device_id, inspector, after_seq,"
                       " to_seq, n_records, n_applied, n_photos, bytes, content_sha256, file,"
                       " imported_utc) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)",
                       12, p, NULL);
}

fq_err fq_pg_each_range(void *h, const char *device_id, fq_store_range_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {device_id};
    return each_range_query(pg, "SELECT after_seq, to_seq FROM office_imports WHERE"
                                " device_id = $1 ORDER BY after_seq, to_seq",
                            1, p, fn, ctx);
}

fq_err fq_pg_each_signed_range(void *h, const char *device_id, const char *signer_key,
                               fq_store_range_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {device_id, signer_key};
    return each_range_query(pg, "SELECT i.after_seq, i.to_seq FROM office_imports i"
                                " JOIN office_import_signers s ON s.bundle_id = i.bundle_id"
                                " WHERE i.device_id = $1 AND s.signer_key = $2"
                                " ORDER BY i.after_seq, i.to_seq",
                            2, p, fn, ctx);
}

fq_err fq_pg_add_import_signer(void *h, const char *bundle_id, const char *signer_key)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {bundle_id, signer_key};
    return fq_pg_query(pg, "import signers",
                       "INSERT INTO office_import_signers(bundle_id, signer_key) VALUES ($1, $2)"
                       " ON CONFLICT DO NOTHING",
                       2, p, NULL);
}

fq_err fq_pg_add_photo(void *h, const char *sha256, const char *device_id, int64_t bytes,
                       const char *bundle_id)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char b[24];
    const char *p[] = {sha256, device_id, fq_pg_i64(bytes, b), bundle_id};
    return fq_pg_query(pg, "photo log",
                       "INSERT INTO office_photo_senders(sha256, device_id, bytes, bundle_id)"
                       " VALUES ($1, $2, $3, $4) ON CONFLICT (sha256, device_id) DO UPDATE"
                       " SET named_in = NULL",
                       4, p, NULL);
}

/* ---- enrolments ---- */

#define LATEST_ENROLMENTS                                                                      \
    "SELECT device_id, public_key, enrolled_utc,"                                              \
    " CASE WHEN ended_why = 'revoked' THEN ended_utc ELSE 0 END FROM office_enrolments e"      \
    " WHERE id = (SELECT max(id) FROM office_enrolments l WHERE l.device_id = e.device_id)"

static void read_enrolment(const PGresult *res, int r, fq_store_enrolment *out)
{
    memset(out, 0, sizeof *out);
    fq_pg_get_text(res, r, 0, out->device_id, sizeof out->device_id);
    fq_pg_get_text(res, r, 1, out->public_key, sizeof out->public_key);
    out->enrolled_utc = fq_pg_get_i64(res, r, 2);
    out->revoked_utc = fq_pg_get_i64(res, r, 3);
}

static fq_err end_current(fq_pg *pg, const char *device_id, int64_t at_utc, const char *why,
                          int *out_n)
{
    char at[24];
    const char *p[] = {fq_pg_i64(at_utc, at), why, device_id};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "enrolments",
                             "UPDATE office_enrolments SET ended_utc = $1, ended_why = $2"
                             " WHERE device_id = $3 AND ended_why = ''",
                             3, p, &res);
    if (err)
        return err;
    *out_n = atoi(PQcmdTuples(res));
    PQclear(res);
    return FQ_OK;
}

fq_err fq_pg_enrol(void *h, const char *device_id, const char *public_key, int64_t at_utc)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    fq_err err = fq_pg_begin(pg);
    if (err)
        return err;
    int n = 0;
    char at[24];
    const char *p[] = {device_id, public_key, fq_pg_i64(at_utc, at)};
    err = end_current(pg, device_id, at_utc, "replaced", &n);
    if (!err)
        err = fq_pg_query(pg, "enrolments",
                          "INSERT INTO office_enrolments(device_id, public_key, enrolled_utc)"
                          " VALUES ($1, $2, $3)",
                          3, p, NULL);
    if (err) {
        fq_pg_rollback(pg);
        return err;
    }
    return fq_pg_commit(pg);
}

fq_err fq_pg_revoke(void *h, const char *device_id, int64_t at_utc)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    int n = 0;
    fq_err err = end_current(pg, device_id, at_utc, "revoked", &n);
    if (!err && n == 0)
        err = fq_pg_fail(pg, FQ_ERR_NOTFOUND, "device %s has no enrolment in force", device_id);
    return err;
}

fq_err fq_pg_enrolment(void *h, const char *device_id, fq_store_enrolment *out)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {device_id};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "enrolments", LATEST_ENROLMENTS " AND device_id = $1", 1, p,
                             &res);
    if (err)
        return err;
    if (PQntuples(res) == 1)
        read_enrolment(res, 0, out);
    else
        err = FQ_ERR_NOTFOUND;
    PQclear(res);
    return err;
}

fq_err fq_pg_each_enrolment(void *h, fq_store_enrolment_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "enrolments", LATEST_ENROLMENTS " ORDER BY device_id", 0, NULL,
                             &res);
    if (err)
        return err;
    for (int r = 0; r < PQntuples(res); r++) {
        fq_store_enrolment e;
        read_enrolment(res, r, &e);
        if (fn(ctx, &e))
            break;
    }
    PQclear(res);
    return FQ_OK;
}

/* ---- tokens ---- */

#define TOKEN_COLS "SELECT id, name, role, hash, created_utc, revoked_utc FROM office_tokens"

static void read_token(const PGresult *res, int r, fq_store_token *t)
{
    memset(t, 0, sizeof *t);
    fq_pg_get_text(res, r, 0, t->id, sizeof t->id);
    fq_pg_get_text(res, r, 1, t->name, sizeof t->name);
    fq_pg_get_text(res, r, 2, t->role, sizeof t->role);
    fq_pg_get_text(res, r, 3, t->hash, sizeof t->hash);
    t->created_utc = fq_pg_get_i64(res, r, 4);
    t->revoked_utc = fq_pg_get_i64(res, r, 5);
}

fq_err fq_pg_token_add(void *h, const fq_store_token *t)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char at[24];
    const char *p[] = {t->id, t->name, t->role, t->hash, fq_pg_i64(t->created_utc, at)};
    return fq_pg_query(pg, "tokens",
                       "INSERT INTO office_tokens(id, name, role, hash, created_utc)"
                       " VALUES ($1, $2, $3, $4, $5)",
                       5, p, NULL);
}

fq_err fq_pg_token_get(void *h, const char *id, fq_store_token *out)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {id};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "tokens", TOKEN_COLS " WHERE id = $1", 1, p, &res);
    if (err)
        return err;
    if (PQntuples(res) == 1)
        read_token(res, 0, out);
    else
        err = FQ_ERR_NOTFOUND;
    PQclear(res);
    return err;
}

fq_err fq_pg_token_revoke(void *h, const char *id, int64_t at_utc)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char at[24];
    const char *p[] = {fq_pg_i64(at_utc, at), id};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "tokens",
                             "UPDATE office_tokens SET revoked_utc = $1 WHERE id = $2"
                             " AND revoked_utc = 0",
                             2, p, &res);
    if (err)
        return err;
    int n = atoi(PQcmdTuples(res));
    PQclear(res);
    return n == 1 ? FQ_OK : fq_pg_fail(pg, FQ_ERR_NOTFOUND, "no token %s in force", id);
}

fq_err fq_pg_each_token(void *h, fq_store_token_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "tokens", TOKEN_COLS " ORDER BY created_utc, id", 0, NULL, &res);
    if (err)
        return err;
    for (int r = 0; r < PQntuples(res); r++) {
        fq_store_token t;
        read_token(res, r, &t);
        if (fn(ctx, &t))
            break;
    }
    PQclear(res);
    return FQ_OK;
}

/* ---- the forward queue ---- */

fq_err fq_pg_outbound_add(void *h, const fq_store_outbound *x)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char b[2][24];
    const char *p[] = {x->bundle_id, x->device_id, x->file, fq_pg_i64(x->bytes, b[0]),
                       fq_pg_i64(x->queued_utc, b[1])};
    return fq_pg_query(pg, "forward queue",
                       "INSERT INTO office_outbound(bundle_id, device_id, file, bytes, queued_utc)"
                       " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                       5, p, NULL);
}

fq_err fq_pg_each_outbound(void *h, fq_store_outbound_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "forward queue",
                             "SELECT bundle_id, device_id, file, bytes, queued_utc, sent_utc, server"
                             " FROM office_outbound WHERE sent_utc = 0 ORDER BY n",
                             0, NULL, &res);
    if (err)
        return err;
    for (int r = 0; r < PQntuples(res); r++) {
        fq_store_outbound x;
        memset(&x, 0, sizeof x);
        fq_pg_get_text(res, r, 0, x.bundle_id, sizeof x.bundle_id);
        fq_pg_get_text(res, r, 1, x.device_id, sizeof x.device_id);
        fq_pg_get_text(res, r, 2, x.file, sizeof x.file);
        x.bytes = fq_pg_get_i64(res, r, 3);
        x.queued_utc = fq_pg_get_i64(res, r, 4);
        x.sent_utc = fq_pg_get_i64(res, r, 5);
        fq_pg_get_text(res, r, 6, x.server, sizeof x.server);
        if (fn(ctx, &x))
            break;
    }
    PQclear(res);
    return FQ_OK;
}

fq_err fq_pg_outbound_done(void *h, const char *bundle_id, const char *server, int64_t at_utc)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char at[24];
    const char *p[] = {fq_pg_i64(at_utc, at), server, bundle_id};
    return fq_pg_query(pg, "forward queue",
                       "UPDATE office_outbound SET sent_utc = $1, server = $2 WHERE bundle_id = $3"
                       " AND sent_utc = 0",
                       3, p, NULL);
}

fq_err fq_pg_outbound_has(void *h, const char *bundle_id, int *out_queued)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {bundle_id};
    int64_t n = 0;
    fq_err err = fq_pg_query_i64(pg, "forward queue",
                                 "SELECT count(*) FROM office_outbound WHERE bundle_id = $1", 1, p,
                                 &n);
    if (!err)
        *out_queued = n > 0;
    return err;
}

fq_err fq_pg_count_rows(void *h, const char *table, int64_t *out_n)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    static const char *const office[] = {"office_imports", "office_photo_senders",
                                         "office_conflicts", "office_enrolments",
                                         "office_import_signers", "office_tokens",
                                         "office_outbound", "office_users", "office_sessions",
                                         "office_requests", "office_receipts",
                                         "office_receipt_acks", "changelog", NULL};
    int ok = table && fq_entity_by_table(table) != NULL;
    for (size_t i = 0; table && !ok && office[i]; i++)
        ok = !strcmp(office[i], table);
    if (!ok)
        return fq_pg_fail(pg, FQ_ERR_INVALID, "not a table of the office: %s",
                          table ? table : "(null)");
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return fq_pg_query_i64(pg, "count", sql, 0, NULL, out_n);
}
