/* The PostgreSQL office store: the connection, errors, prepared statements, transactions,
 * identity and clock, settings, and the backend table (office/ostore_backend.h). */
#include "pg_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fsio/fsio.h"

/* The writers' lock (sqlite's one writer): every write transaction holds it. */
#define WRITER_LOCK "4651420013"

fq_err fq_pg_fail(fq_pg *pg, fq_err err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pg->errmsg, sizeof pg->errmsg, fmt, ap);
    va_end(ap);
    return err;
}

static fq_err map_state(const char *state)
{
    if (!state)
        return FQ_ERR_IO;
    if (!strncmp(state, "23", 2) || !strcmp(state, "40001") || !strcmp(state, "40P01"))
        return FQ_ERR_CONFLICT;
    if (!strcmp(state, "53100"))
        return FQ_ERR_FULL;
    if (!strcmp(state, "53200"))
        return FQ_ERR_NOMEM;
    if (!strncmp(state, "22", 2))
        return FQ_ERR_CORRUPT;
    return FQ_ERR_IO;
}

/* The server's message without its trailing newline. */
static void server_message(fq_pg *pg, const PGresult *res, char *out, size_t out_len)
{
    const char *m = res ? PQresultErrorMessage(res) : NULL;
    if (!m || !*m)
        m = PQerrorMessage(pg->conn);
    snprintf(out, out_len, "%s", m ? m : "no answer from the database server");
    size_t n = strlen(out);
    while (n && (out[n - 1] == '\n' || out[n - 1] == ' '))
        out[--n] = '\0';
}

static fq_err result_fail(fq_pg *pg, const PGresult *res, const char *what)
{
    char msg[400];
    server_message(pg, res, msg, sizeof msg);
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    fq_err err = PQstatus(pg->conn) == CONNECTION_BAD ? FQ_ERR_IO : map_state(state);
    if (err == FQ_ERR_FULL)
        return fq_pg_fail(pg, err, "%s: the database server's disk is full; nothing was saved "
                                   "by this action", what);
    return fq_pg_fail(pg, err, "%s: %s", what, msg);
}

static uint64_t hash_sql(const char *sql)
{
    uint64_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

/* A connection lost between transactions (a server restart) is opened again once. */
static void reconnect_if_lost(fq_pg *pg)
{
    if (PQstatus(pg->conn) != CONNECTION_BAD || pg->tx_depth > 0)
        return;
    PQreset(pg->conn);
    pg->n_stmts = 0;
}

/* The name of sql's prepared statement on this connection (prepared now when new), or NULL
 * when the cache is full (the statement then runs unprepared). */
static fq_err prepared(fq_pg *pg, const char *what, const char *sql, int n_params,
                       const char **out_name)
{
    uint64_t h = hash_sql(sql);
    for (int i = 0; i < pg->n_stmts; i++)
        if (pg->stmts[i].hash == h) {
            *out_name = pg->stmts[i].name;
            return FQ_OK;
        }
    *out_name = NULL;
    if (pg->n_stmts == FQ_PG_MAX_STMTS)
        return FQ_OK;
    fq_pg_stmt *s = &pg->stmts[pg->n_stmts];
    snprintf(s->name, sizeof s->name, "fq%d", pg->n_stmts);
    PGresult *res = PQprepare(pg->conn, s->name, sql, n_params, NULL);
    fq_err err = FQ_OK;
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        err = result_fail(pg, res, what);
    PQclear(res);
    if (err)
        return err;
    s->hash = h;
    pg->n_stmts++;
    *out_name = s->name;
    return FQ_OK;
}

fq_err fq_pg_query(fq_pg *pg, const char *what, const char *sql, int n_params,
                   const char *const *params, PGresult **out)
{
    reconnect_if_lost(pg);
    const char *name = NULL;
    fq_err err = prepared(pg, what, sql, n_params, &name);
    if (err)
        return err;
    PGresult *res = name ? PQexecPrepared(pg->conn, name, n_params, params, NULL, NULL, 0)
                         : PQexecParams(pg->conn, sql, n_params, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        err = result_fail(pg, res, what);
        PQclear(res);
        return err;
    }
    if (out)
        *out = res;
    else
        PQclear(res);
    return FQ_OK;
}

fq_err fq_pg_exec(fq_pg *pg, const char *what, const char *sql)
{
    reconnect_if_lost(pg);
    PGresult *res = PQexec(pg->conn, sql);
    ExecStatusType st = PQresultStatus(res);
    fq_err err = FQ_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        err = result_fail(pg, res, what);
    PQclear(res);
    return err;
}

fq_err fq_pg_query_i64(fq_pg *pg, const char *what, const char *sql, int n_params,
                       const char *const *params, int64_t *out)
{
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, what, sql, n_params, params, &res);
    if (err)
        return err;
    *out = PQntuples(res) > 0 ? fq_pg_get_i64(res, 0, 0) : 0;
    PQclear(res);
    return FQ_OK;
}

const char *fq_pg_i64(int64_t v, char *buf)
{
    snprintf(buf, 24, "%lld", (long long)v);
    return buf;
}

int64_t fq_pg_get_i64(const PGresult *res, int r, int c)
{
    if (PQgetisnull(res, r, c))
        return 0;
    return (int64_t)strtoll(PQgetvalue(res, r, c), NULL, 10);
}

void fq_pg_get_text(const PGresult *res, int r, int c, char *out, size_t out_len)
{
    snprintf(out, out_len, "%s", PQgetisnull(res, r, c) ? "" : PQgetvalue(res, r, c));
}

/* ---- transactions ---- */

fq_err fq_pg_begin(void *h)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    if (pg->tx_depth > 0) {
        pg->tx_depth++;
        return FQ_OK;
    }
    fq_err err = fq_pg_exec(pg, "begin", "BEGIN; SELECT pg_advisory_xact_lock(" WRITER_LOCK ")");
    if (err) {
        fq_pg_exec(pg, "rollback", "ROLLBACK");
        return err;
    }
    pg->tx_depth = 1;
    pg->tx_failed = 0;
    pg->applying = 0;
    return FQ_OK;
}

fq_err fq_pg_commit(void *h)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    if (pg->tx_depth <= 0)
        return fq_pg_fail(pg, FQ_ERR_INVALID, "commit without begin");
    if (--pg->tx_depth > 0)
        return FQ_OK;
    pg->applying = 0;
    if (pg->tx_failed) {
        fq_pg_exec(pg, "rollback", "ROLLBACK");
        return fq_pg_fail(pg, FQ_ERR_INVALID, "a step of this action failed; rolled back");
    }
    /* a deferred foreign key fails here, as on sqlite */
    PGresult *res = PQexec(pg->conn, "COMMIT");
    fq_err err = FQ_OK;
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        err = result_fail(pg, res, "commit");
    else if (!strcmp(PQcmdStatus(res), "ROLLBACK"))
        err = fq_pg_fail(pg, FQ_ERR_INVALID, "a step of this action failed; rolled back");
    PQclear(res);
    if (err)
        fq_pg_exec(pg, "rollback", "ROLLBACK");
    return err;
}

void fq_pg_rollback(void *h)
{
    fq_pg *pg = h;
    if (pg->tx_depth <= 0)
        return;
    if (--pg->tx_depth > 0) {
        pg->tx_failed = 1;
        return;
    }
    pg->applying = 0;
    PQclear(PQexec(pg->conn, "ROLLBACK"));
}

fq_err fq_pg_set_applying(fq_pg *pg, int applying)
{
    if (pg->applying == applying)
        return FQ_OK;
    const char *p[] = {applying ? "1" : "0"};
    fq_err err = fq_pg_query(pg, "change log", "SELECT set_config('fieldqc.applying', $1, true)",
                             1, p, NULL);
    if (!err)
        pg->applying = applying;
    return err;
}

/* ---- clock and identity ---- */

static int64_t system_clock(void *ctx)
{
    (void)ctx;
    return (int64_t)time(NULL);
}

static void pg_set_clock(void *h, fq_store_clock_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->clock = fn ? fn : system_clock;
    pg->clock_ctx = ctx;
}

int64_t fq_pg_now(void *h)
{
    fq_pg *pg = h;
    return pg->clock(pg->clock_ctx);
}

static fq_err pg_set_actor(void *h, const char *device_id, const char *inspector)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    fq_err err = FQ_OK;
    if (device_id && *device_id) {
        err = fq_pg_setting_set(pg, "device_id", device_id);
        if (!err)
            snprintf(pg->device_id, sizeof pg->device_id, "%s", device_id);
    }
    if (!err && inspector && *inspector) {
        err = fq_pg_setting_set(pg, "inspector", inspector);
        if (!err)
            snprintf(pg->inspector, sizeof pg->inspector, "%s", inspector);
    }
    return err;
}

static const char *pg_device_id(const void *h)
{
    return ((const fq_pg *)h)->device_id;
}

static fq_err load_identity(fq_pg *pg)
{
    char buf[FQ_ID_LEN], uuid[FQ_UUID_LEN];
    if (fq_fsio_uuid(uuid, sizeof uuid))
        return fq_pg_fail(pg, FQ_ERR_IO, "no random source for ids: %s", strerror(errno));
    /* the first process keeps its id: setting_init */
    fq_err err = fq_pg_setting_init(pg, "device_id", uuid, buf, sizeof buf);
    if (err)
        return err;
    snprintf(pg->device_id, sizeof pg->device_id, "%s", buf);
    if (fq_pg_setting_get(pg, "inspector", buf, sizeof buf) == FQ_OK)
        snprintf(pg->inspector, sizeof pg->inspector, "%s", buf);
    pg->errmsg[0] = '\0';
    return FQ_OK;
}

/* ---- settings ---- */

fq_err fq_pg_setting_get(void *h, const char *key, char *out, size_t out_len)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    PGresult *res = NULL;
    const char *p[] = {key};
    fq_err err = fq_pg_query(pg, "setting", "SELECT value FROM settings WHERE key = $1", 1, p,
                             &res);
    if (err)
        return err;
    if (PQntuples(res) == 1)
        fq_pg_get_text(res, 0, 0, out, out_len);
    else
        err = FQ_ERR_NOTFOUND;
    PQclear(res);
    return err;
}

fq_err fq_pg_setting_set(void *h, const char *key, const char *value)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {key, value};
    return fq_pg_query(pg, "save setting",
                       "INSERT INTO settings(key, value) VALUES ($1, $2)"
                       " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       2, p, NULL);
}

fq_err fq_pg_setting_init(void *h, const char *key, const char *value, char *out,
                          size_t out_len)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {key, value};
    fq_err err = fq_pg_query(pg, "save setting",
                             "INSERT INTO settings(key, value) VALUES ($1, $2)"
                             " ON CONFLICT (key) DO NOTHING",
                             2, p, NULL);
    return err ? err : fq_pg_setting_get(pg, key, out, out_len);
}

/* ---- open, close ---- */

/* Server notices ("does not exist, skipping") are not for the user. */
static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static fq_err pg_open(const char *db, void **out_h)
{
    fq_pg *pg = calloc(1, sizeof *pg);
    *out_h = pg;
    if (!pg)
        return FQ_ERR_NOMEM;
    pg->clock = system_clock;
    snprintf(pg->inspector, sizeof pg->inspector, "unknown");
    pg->conn = PQconnectdb(db);
    if (!pg->conn)
        return fq_pg_fail(pg, FQ_ERR_NOMEM, "out of memory");
    PQsetNoticeProcessor(pg->conn, quiet, NULL);
    if (PQstatus(pg->conn) != CONNECTION_OK) {
        char msg[400];
        server_message(pg, NULL, msg, sizeof msg);
        return fq_pg_fail(pg, FQ_ERR_IO, "cannot connect to PostgreSQL: %s", msg);
    }
    /* notices (CREATE ... IF NOT EXISTS "already exists") are not for the user */
    fq_err err = fq_pg_exec(pg, "session", "SET client_min_messages = warning;"
                                           " SET TIME ZONE 'UTC'");
    if (!err)
        err = fq_pg_schema(pg);
    if (!err)
        err = load_identity(pg);
    return err;
}

static void pg_close(void *h)
{
    fq_pg *pg = h;
    if (!pg)
        return;
    if (pg->conn)
        PQfinish(pg->conn);
    free(pg);
}

static const char *pg_errmsg(const void *h)
{
    return ((const fq_pg *)h)->errmsg;
}

fq_err fq_pg_create_database(const char *server_url, const char *name, int drop_first,
                             char *out, size_t out_len, char *err, size_t err_len)
{
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) {
            snprintf(err, err_len, "database name %s: use a-z, 0-9, _", name);
            return FQ_ERR_INVALID;
        }
    PGconn *conn = PQconnectdb(server_url);
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        snprintf(err, err_len, "cannot connect to PostgreSQL: %s",
                 conn ? PQerrorMessage(conn) : "out of memory");
        PQfinish(conn);
        return FQ_ERR_IO;
    }
    PQsetNoticeProcessor(conn, quiet, NULL);
    char sql[256];
    fq_err e = FQ_OK;
    for (int step = drop_first ? 0 : 1; step < 2 && !e; step++) {
        if (step == 0)
            snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
        else
            snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'"
                                      " LC_COLLATE 'C' LC_CTYPE 'C'", name);
        PGresult *res = PQexec(conn, sql);
        if (PQresultStatus(res) != PGRES_COMMAND_OK) {
            snprintf(err, err_len, "%s: %s", sql, PQresultErrorMessage(res));
            e = FQ_ERR_IO;
        }
        PQclear(res);
    }
    /* the new database's URL: the server's connection, another database name */
    if (!e) {
        const char *host = PQhost(conn), *port = PQport(conn), *user = PQuser(conn);
        int n = snprintf(out, out_len, "postgresql://%s@/%s?host=%s&port=%s", user ? user : "",
                         name, host ? host : "", port ? port : "5432");
        if (n < 0 || (size_t)n >= out_len) {
            snprintf(err, err_len, "database URL too long");
            e = FQ_ERR_INVALID;
        }
    }
    PQfinish(conn);
    return e;
}

static const fq_ostore_backend backend = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .errmsg = pg_errmsg,
    .set_clock = pg_set_clock,
    .now = fq_pg_now,
    .set_actor = pg_set_actor,
    .device_id = pg_device_id,
    .begin = fq_pg_begin,
    .commit = fq_pg_commit,
    .rollback = fq_pg_rollback,
    .apply_change = fq_pg_apply_change,
    .put = fq_pg_put,
    .get = fq_pg_get,
    .list = fq_pg_list,
    .count = fq_pg_count,
    .create_visit = NULL, /* ostore_generic.c */
    .page = fq_pg_page,
    .order_light = fq_pg_order_light,
    .order_report = fq_pg_order_report,
    .defect_totals = fq_pg_defect_totals,
    .setting_get = fq_pg_setting_get,
    .setting_set = fq_pg_setting_set,
    .setting_init = fq_pg_setting_init,
    .find_import = fq_pg_find_import,
    .add_import = fq_pg_add_import,
    .each_range = fq_pg_each_range,
    .each_signed_range = fq_pg_each_signed_range,
    .add_import_signer = fq_pg_add_import_signer,
    .add_photo = fq_pg_add_photo,
    .receipt_acked = fq_pg_receipt_acked,
    .each_unconfirmed_photo = fq_pg_each_unconfirmed_photo,
    .add_receipt = fq_pg_add_receipt,
    .ack_receipt = fq_pg_ack_receipt,
    .enrol = fq_pg_enrol,
    .revoke = fq_pg_revoke,
    .enrolment = fq_pg_enrolment,
    .each_enrolment = fq_pg_each_enrolment,
    .each_conflict = fq_pg_each_conflict,
    .resolve = fq_pg_resolve,
    .count_open_visits = fq_pg_count_open_visits,
    .each_device_work = fq_pg_each_device_work,
    .each_flat_row = fq_pg_each_flat_row,
    .token_add = fq_pg_token_add,
    .token_get = fq_pg_token_get,
    .token_revoke = fq_pg_token_revoke,
    .each_token = fq_pg_each_token,
    .outbound_add = fq_pg_outbound_add,
    .each_outbound = fq_pg_each_outbound,
    .outbound_done = fq_pg_outbound_done,
    .outbound_has = fq_pg_outbound_has,
    .count_rows = fq_pg_count_rows,
    .order_summaries = fq_pg_order_summaries,
    .user_put = fq_pg_user_put,
    .user_get = fq_pg_user_get,
    .each_user = fq_pg_each_user,
    .session_add = fq_pg_session_add,
    .session_get = fq_pg_session_get,
    .sessions_end = fq_pg_sessions_end,
    .request_add = fq_pg_request_add,
    .request_get = fq_pg_request_get,
    .each_request = fq_pg_each_request,
    .request_decide = fq_pg_request_decide,
};

const fq_ostore_backend *fq_pg_backend(void)
{
    return &backend;
}
