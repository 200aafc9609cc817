/* Opening and closing the database, pragmas, errors, transactions, clock and identity. */
#include "store_internal.h"
#include "store/store_testing.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/civil.h"
#include "fsio/fsio.h"

fq_err fq_store_fail(fq_store *st, fq_err err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->errmsg, sizeof st->errmsg, fmt, ap);
    va_end(ap);
    return err;
}

fq_err fq_store_sqlite_fail(fq_store *st, int rc, const char *what)
{
    fq_err err;
    switch (rc & 0xff) {
    case SQLITE_NOMEM: err = FQ_ERR_NOMEM; break;
    case SQLITE_FULL: err = FQ_ERR_FULL; break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: err = FQ_ERR_CORRUPT; break;
    case SQLITE_CONSTRAINT: err = FQ_ERR_CONFLICT; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: err = FQ_ERR_CONFLICT; break;
    default: err = FQ_ERR_IO; break;
    }
    if ((rc & 0xff) == SQLITE_FULL)
        return fq_store_fail(st, err, "%s: the disk is full; nothing was saved by this action",
                             what);
    return fq_store_fail(st, err, "%s: %s", what,
                         st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
}

fq_err fq_store_exec(fq_store *st, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK)
        return FQ_OK;
    fq_err err = fq_store_sqlite_fail(st, rc, "database");
    if (msg && (rc & 0xff) != SQLITE_FULL)
        fq_store_fail(st, err, "database: %s", msg);
    sqlite3_free(msg);
    return err;
}

void fq_store_exec_quiet(fq_store *st, const char *sql)
{
    sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

/* An action's transaction is open only between fq_store_begin and its commit or rollback.
 * One open at depth 0 is what a ROLLBACK that failed for lack of memory leaves behind: undo
 * it before anything reads (it would see the half-done action) or writes (BEGIN would fail
 * for good: "cannot start a transaction within a transaction"). */
static fq_err undo_orphan_transaction(fq_store *st)
{
    if (st->tx_depth > 0 || sqlite3_get_autocommit(st->db))
        return FQ_OK;
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    if (sqlite3_get_autocommit(st->db))
        return FQ_OK;
    return fq_store_fail(st, FQ_ERR_NOMEM,
                         "out of memory: the last change is not saved and could not be undone "
                         "yet; try again");
}

fq_err fq_store_prepare(fq_store *st, const char *sql, sqlite3_stmt **out)
{
    fq_err err = undo_orphan_transaction(st);
    if (err)
        return err;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);
    if (rc != SQLITE_OK)
        return fq_store_sqlite_fail(st, rc, "prepare");
    return FQ_OK;
}

fq_err fq_store_query_i64(fq_store *st, const char *sql, int64_t *out)
{
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(stmt, 0);
    else if (rc == SQLITE_DONE)
        *out = 0;
    else
        err = fq_store_sqlite_fail(st, rc, "query");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_new_uuid(fq_store *st, char *out)
{
    if (fq_fsio_uuid(out, FQ_UUID_LEN) != FQ_OK)
        return fq_store_fail(st, FQ_ERR_IO, "no random source for record ids: %s",
                             strerror(errno));
    return FQ_OK;
}

static int64_t system_clock(void *ctx)
{
    (void)ctx;
    return (int64_t)time(NULL);
}

static fq_err load_identity(fq_store *st)
{
    char buf[FQ_ID_LEN];
    fq_err err = fq_store_setting_get(st, "device_id", buf, sizeof buf);
    if (err == FQ_ERR_NOTFOUND) {
        char uuid[FQ_UUID_LEN];
        err = fq_store_new_uuid(st, uuid);
        if (!err)
            err = fq_store_setting_set(st, "device_id", uuid);
        snprintf(buf, sizeof buf, "%s", uuid);
    }
    if (err)
        return err;
    snprintf(st->device_id, sizeof st->device_id, "%s", buf);
    if (fq_store_setting_get(st, "inspector", buf, sizeof buf) == FQ_OK)
        snprintf(st->inspector, sizeof st->inspector, "%s", buf);
    return FQ_OK;
}

/* fq_checklist_item_id(visit_type, section, text) in SQL: migration 4 gives the checklist
 * templates their stable ids with it. */
static void sql_checklist_item_id(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    char id[FQ_UUID_LEN];
    fq_checklist_item_id((int32_t)sqlite3_value_int64(argv[0]),
                         (const char *)sqlite3_value_text(argv[1]),
                         (const char *)sqlite3_value_text(argv[2]), id);
    sqlite3_result_text(ctx, id, -1, SQLITE_TRANSIENT);
}

static fq_err configure(fq_store *st, const char *const *steps, int n_steps)
{
    /* The header check first: a non-database file must fail before any pragma writes. */
    int64_t ignored;
    fq_err err = fq_store_query_i64(st, "SELECT count(*) FROM sqlite_schema", &ignored);
    if (err)
        return err == FQ_ERR_CORRUPT
                   ? fq_store_fail(st, err, "not a fieldqc database (or damaged): %s",
                                   sqlite3_errmsg(st->db))
                   : err;
    int64_t version = 0;
    err = fq_store_query_i64(st, "PRAGMA user_version", &version);
    if (err)
        return err;
    if (version > n_steps)
        return fq_store_migrate(st, steps, n_steps); /* FQ_ERR_VERSION, writes nothing */
    sqlite3_busy_timeout(st->db, 5000);
    /* trusted_schema stays on: our own change-log triggers call json_object(); untrusted
     * databases (bundles) are opened by lib/bundle with defensive settings instead. */
    err = fq_store_exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                            "PRAGMA foreign_keys=ON;");
    if (!err)
        err = fq_store_migrate(st, steps, n_steps);
    if (!err)
        err = load_identity(st);
    return err;
}

fq_err fq_store_open(const char *path, fq_store **out)
{
    int n_steps = 0;
    const char *const *steps = fq_store_migrations(&n_steps);
    return fq_store_open_steps(path, steps, n_steps, out);
}

fq_err fq_store_open_steps(const char *path, const char *const *steps, int n_steps,
                           fq_store **out)
{
    fq_store *st = calloc(1, sizeof *st);
    if (!st)
        return FQ_ERR_NOMEM;
    st->clock = system_clock;
    snprintf(st->inspector, sizeof st->inspector, "unknown");
    *out = st;
    int rc = sqlite3_open_v2(path, &st->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK)
        return fq_store_sqlite_fail(st, rc, path);
    sqlite3_extended_result_codes(st->db, 1);
    rc = sqlite3_create_function(st->db, "fq_checklist_item_id", 3,
                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                 sql_checklist_item_id, NULL, NULL);
    if (rc != SQLITE_OK)
        return fq_store_sqlite_fail(st, rc, path);
    return configure(st, steps, n_steps);
}

void fq_store_close(fq_store *st)
{
    if (!st)
        return;
    sqlite3_close_v2(st->db);
    free(st);
}

const char *fq_store_errmsg(const fq_store *st)
{
    return st ? st->errmsg : "out of memory";
}

fq_err fq_store_set_actor(fq_store *st, const char *device_id, const char *inspector)
{
    fq_store_clear_error(st);
    fq_err err = FQ_OK;
    if (device_id && *device_id) {
        err = fq_store_setting_set(st, "device_id", device_id);
        if (!err)
            snprintf(st->device_id, sizeof st->device_id, "%s", device_id);
    }
    if (!err && inspector && *inspector) {
        err = fq_store_setting_set(st, "inspector", inspector);
        if (!err)
            snprintf(st->inspector, sizeof st->inspector, "%s", inspector);
    }
    return err;
}

const char *fq_store_device_id(const fq_store *st)
{
    return st->device_id;
}

void fq_store_set_clock(fq_store *st, fq_store_clock_fn fn, void *ctx)
{
    st->clock = fn ? fn : system_clock;
    st->clock_ctx = ctx;
}

int64_t fq_store_now(fq_store *st)
{
    return st->clock(st->clock_ctx);
}

fq_err fq_store_begin(fq_store *st)
{
    fq_store_clear_error(st);
    if (st->tx_depth > 0) {
        st->tx_depth++;
        return FQ_OK;
    }
    fq_err err = undo_orphan_transaction(st);
    if (err)
        return err;
    st->tx_depth = 1;
    st->tx_failed = 0;
    err = fq_store_exec(st, "BEGIN IMMEDIATE");
    if (err)
        st->tx_depth = 0;
    return err;
}

fq_err fq_store_commit(fq_store *st)
{
    fq_store_clear_error(st);
    if (st->tx_depth <= 0)
        return fq_store_fail(st, FQ_ERR_INVALID, "commit without begin");
    if (--st->tx_depth > 0)
        return FQ_OK;
    if (st->tx_failed) {
        fq_store_exec_quiet(st, "ROLLBACK");
        return fq_store_fail(st, FQ_ERR_INVALID, "a step of this action failed; rolled back");
    }
    fq_err err = fq_store_exec(st, "COMMIT");
    if (err)
        fq_store_exec_quiet(st, "ROLLBACK");
    return err;
}

void fq_store_rollback(fq_store *st)
{
    if (st->tx_depth <= 0)
        return;
    if (--st->tx_depth > 0) {
        st->tx_failed = 1; /* the outermost commit will roll back */
        return;
    }
    fq_store_exec_quiet(st, "ROLLBACK");
}

sqlite3 *fq_store_db(fq_store *st)
{
    return st->db;
}
