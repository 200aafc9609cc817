/* Opening and closing the database, pragmas, errors, transactions, clock and identity. */
#include "store_internal.h"
#include "store/store_testing.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    /* a commit the open's late check refused: say what it found */
    if (rc == SQLITE_CONSTRAINT_COMMITHOOK && st->late && fq_store_late_check_wait(st))
        return FQ_ERR_CORRUPT;
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

void fq_store_text_col(sqlite3_stmt *stmt, int col, char *out, size_t out_len)
{
    const unsigned char *t = sqlite3_column_text(stmt, col);
    snprintf(out, out_len, "%s", t ? (const char *)t : "");
}

fq_err fq_store_step_done(fq_store *st, sqlite3_stmt *stmt, const char *what)
{
    int rc = sqlite3_step(stmt);
    /* the reason is read before finalize resets it */
    fq_err err = rc == SQLITE_DONE ? FQ_OK : fq_store_sqlite_fail(st, rc, what);
    sqlite3_finalize(stmt);
    return err;
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

/* The problem an sqlite failure at open means. */
static fq_store_problem problem_of(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_FULL: return FQ_STORE_PROBLEM_FULL;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: return FQ_STORE_PROBLEM_NOT_A_DATABASE;
    case SQLITE_READONLY: return FQ_STORE_PROBLEM_WRITE_PROTECTED;
    default: return FQ_STORE_PROBLEM_UNOPENABLE;
    }
}

static fq_err open_fail(fq_store *st, fq_store_problem problem, fq_err err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static fq_err open_fail(fq_store *st, fq_store_problem problem, fq_err err, const char *fmt, ...)
{
    st->problem = problem;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->errmsg, sizeof st->errmsg, fmt, ap);
    va_end(ap);
    return err;
}

/* *check_later (may be NULL) says the quick_check was left to a late check. */
static fq_err configure(fq_store *st, fq_store_open_mode mode, const char *const *steps,
                        int n_steps, bool *check_later_out)
{
    /* The header check first: a non-database file must fail before any pragma writes. */
    int64_t ignored;
    fq_err err = fq_store_query_i64(st, "SELECT count(*) FROM sqlite_schema", &ignored);
    if (err) {
        int rc = sqlite3_extended_errcode(st->db);
        return open_fail(st, problem_of(rc), err == FQ_ERR_CORRUPT ? err : FQ_ERR_IO,
                         err == FQ_ERR_CORRUPT ? "not a fieldqc database (or its header is "
                                                 "damaged): %s"
                                               : "cannot read the database: %s",
                         sqlite3_errmsg(st->db));
    }
    int64_t version = 0;
    err = fq_store_query_i64(st, "PRAGMA user_version", &version);
    if (err)
        return open_fail(st, FQ_STORE_PROBLEM_UNOPENABLE, err, "%s", st->errmsg);
    if (version > n_steps) {
        err = fq_store_migrate(st, steps, n_steps); /* FQ_ERR_VERSION, writes nothing */
        st->problem = FQ_STORE_PROBLEM_NEWER;
        return err;
    }
    /* damage is found before anything writes: a damaged database is never written to (a
     * late check holds every commit until its verdict instead; an upgrade writes at once) */
    bool check_later = mode == FQ_STORE_OPEN_WRITE_CHECK_LATER && version == n_steps;
    if (check_later_out)
        *check_later_out = check_later;
    char check[400];
    if (!check_later && fq_store_run_check(st->db, false, check, sizeof check) != FQ_OK) {
        st->problem = FQ_STORE_PROBLEM_DAMAGED;
        snprintf(st->errmsg, sizeof st->errmsg, "the database is damaged (PRAGMA quick_check: "
                                                "%.300s)", check);
        if (mode != FQ_STORE_OPEN_READ_ONLY)
            return FQ_ERR_CORRUPT;
    }
    sqlite3_busy_timeout(st->db, 5000);
    if (mode == FQ_STORE_OPEN_READ_ONLY) {
        if (version != n_steps)
            return open_fail(st, FQ_STORE_PROBLEM_UNOPENABLE, FQ_ERR_VERSION,
                             "the database (schema %lld) needs an upgrade to %d, which writes: "
                             "it cannot be opened read-only", (long long)version, n_steps);
        fq_store_exec_quiet(st, "PRAGMA query_only=ON");
        char buf[FQ_ID_LEN];
        if (fq_store_setting_get(st, "device_id", buf, sizeof buf) == FQ_OK)
            snprintf(st->device_id, sizeof st->device_id, "%s", buf);
        if (fq_store_setting_get(st, "inspector", buf, sizeof buf) == FQ_OK)
            snprintf(st->inspector, sizeof st->inspector, "%s", buf);
        st->errmsg[0] = '\0';
        return FQ_OK;
    }
    /* trusted_schema stays on: our own change-log triggers call json_object(); untrusted
     * databases (bundles) are opened by lib/bundle with defensive settings instead. */
    err = fq_store_exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                            "PRAGMA foreign_keys=ON;");
    if (!err)
        err = fq_store_migrate(st, steps, n_steps);
    if (!err)
        err = load_identity(st);
    if (err && st->problem == FQ_STORE_PROBLEM_NONE)
        st->problem = err == FQ_ERR_FULL ? FQ_STORE_PROBLEM_FULL
                      : sqlite3_db_readonly(st->db, "main") == 1
                          ? FQ_STORE_PROBLEM_WRITE_PROTECTED
                          : FQ_STORE_PROBLEM_UNOPENABLE;
    return err;
}

fq_err fq_store_open(const char *path, fq_store **out)
{
    return fq_store_open_ex(path, FQ_STORE_OPEN_WRITE, out);
}

fq_err fq_store_open_ex(const char *path, fq_store_open_mode mode, fq_store **out)
{
    int n_steps = 0;
    const char *const *steps = fq_store_migrations(&n_steps);
    return fq_store_open_mode_steps(path, mode, steps, n_steps, out);
}

fq_err fq_store_open_steps(const char *path, const char *const *steps, int n_steps,
                           fq_store **out)
{
    return fq_store_open_mode_steps(path, FQ_STORE_OPEN_WRITE, steps, n_steps, out);
}

static fq_err open_handle(fq_store *st, const char *path, int flags)
{
    int rc = sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return open_fail(st, problem_of(rc), fq_store_sqlite_fail(st, rc, path), "%s: %s", path,
                         st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
    sqlite3_extended_result_codes(st->db, 1);
    rc = sqlite3_create_function(st->db, "fq_checklist_item_id", 3,
                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                 sql_checklist_item_id, NULL, NULL);
    if (rc != SQLITE_OK)
        return fq_store_sqlite_fail(st, rc, path);
    return FQ_OK;
}

/* A new database: built complete under a temporary name in the same folder (schema, device
 * id, in rollback-journal mode so it is one file), then linked into place. A kill leaves no
 * database or a whole one; a file of 0 bytes at path is therefore never ours. */
static fq_err create_new(fq_store *st, const char *path, const char *const *steps, int n_steps)
{
    char tmp[FQ_FSIO_PATH_LEN], why[512];
    int fd = -1;
    fq_err err = fq_fsio_temp_create(path, tmp, sizeof tmp, &fd, why, sizeof why);
    if (err)
        return open_fail(st, err == FQ_ERR_FULL ? FQ_STORE_PROBLEM_FULL
                                                : FQ_STORE_PROBLEM_UNOPENABLE,
                         err, "cannot create the database: %s", why);
    close(fd);
    fq_store *t = calloc(1, sizeof *t);
    if (!t) {
        unlink(tmp);
        return fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
    }
    t->clock = st->clock;
    t->clock_ctx = st->clock_ctx;
    snprintf(t->inspector, sizeof t->inspector, "unknown");
    err = open_handle(t, tmp, SQLITE_OPEN_READWRITE);
    if (!err)
        err = fq_store_exec(t, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    if (!err)
        err = fq_store_migrate(t, steps, n_steps);
    if (!err)
        err = load_identity(t);
    if (err)
        open_fail(st, err == FQ_ERR_FULL ? FQ_STORE_PROBLEM_FULL : FQ_STORE_PROBLEM_UNOPENABLE,
                  err, "cannot create the database: %s", t->errmsg);
    fq_store_close(t);
    if (!err) {
        err = fq_fsio_commit_temp_new(tmp, path, why, sizeof why);
        if (err == FQ_ERR_CONFLICT) /* another process made it first: use theirs */
            err = FQ_OK;
        else if (err)
            open_fail(st, err == FQ_ERR_FULL ? FQ_STORE_PROBLEM_FULL
                                             : FQ_STORE_PROBLEM_UNOPENABLE,
                      err, "cannot create the database: %s", why);
    } else {
        unlink(tmp);
    }
    return err;
}

/* What is at path before sqlite opens it: FQ_ERR_NOTFOUND when nothing (a new database). */
static fq_err look_at(fq_store *st, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno == ENOENT)
            return FQ_ERR_NOTFOUND;
        return open_fail(st, FQ_STORE_PROBLEM_UNOPENABLE, FQ_ERR_IO, "%s: %s", path,
                         strerror(errno));
    }
    if (S_ISDIR(sb.st_mode))
        return open_fail(st, FQ_STORE_PROBLEM_UNOPENABLE, FQ_ERR_IO,
                         "%s is a folder, not a database file", path);
    if (!S_ISREG(sb.st_mode))
        return open_fail(st, FQ_STORE_PROBLEM_UNOPENABLE, FQ_ERR_IO,
                         "%s is not a regular file", path);
    if (sb.st_size == 0)
        return open_fail(st, FQ_STORE_PROBLEM_EMPTY_FILE, FQ_ERR_CORRUPT,
                         "the database file %s is empty (0 bytes): it was cut short (a full "
                         "disk, a failed copy); it is not a new database", path);
    return FQ_OK;
}

fq_err fq_store_open_mode_steps(const char *path, fq_store_open_mode mode,
                                const char *const *steps, int n_steps, fq_store **out)
{
    fq_store *st = calloc(1, sizeof *st);
    if (!st)
        return FQ_ERR_NOMEM;
    st->clock = system_clock;
    snprintf(st->inspector, sizeof st->inspector, "unknown");
    *out = st;
    bool plain_file = strcmp(path, ":memory:") != 0 && strncmp(path, "file:", 5) != 0;
    fq_err err = plain_file ? look_at(st, path) : FQ_ERR_NOTFOUND;
    if (err == FQ_ERR_NOTFOUND && plain_file) {
        if (mode == FQ_STORE_OPEN_READ_ONLY)
            return open_fail(st, FQ_STORE_PROBLEM_UNOPENABLE, FQ_ERR_NOTFOUND,
                             "%s: no database there", path);
        err = create_new(st, path, steps, n_steps);
        if (err)
            return err;
    } else if (err && err != FQ_ERR_NOTFOUND) {
        return err;
    }
    if (mode == FQ_STORE_OPEN_READ_ONLY) {
        st->read_only = 1;
        err = open_handle(st, path, SQLITE_OPEN_READONLY);
        if (!err) {
            fq_store_problem seen = FQ_STORE_PROBLEM_NONE;
            err = configure(st, mode, steps, n_steps, NULL);
            seen = st->problem;
            if (err && seen != FQ_STORE_PROBLEM_NEWER) {
                /* a WAL database in a folder we may not write: read the file as it is */
                char uri[FQ_FSIO_PATH_LEN + 64];
                fq_store_file_uri(path, "mode=ro&immutable=1", uri, sizeof uri);
                fq_store_stmt_cache_free(st);
                sqlite3_close_v2(st->db);
                st->db = NULL;
                st->problem = FQ_STORE_PROBLEM_NONE;
                err = open_handle(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
                if (!err)
                    err = configure(st, mode, steps, n_steps, NULL);
            }
        }
        return err;
    }
    err = open_handle(st, path, SQLITE_OPEN_READWRITE | (plain_file ? 0 : SQLITE_OPEN_CREATE));
    if (err)
        return err;
    if (sqlite3_db_readonly(st->db, "main") == 1)
        return open_fail(st, FQ_STORE_PROBLEM_WRITE_PROTECTED, FQ_ERR_IO,
                         "%s is write-protected: it can only be read", path);
    /* the late check opens the file by its path: a URI or :memory: is checked at once */
    bool check_later = false;
    err = configure(st, plain_file ? mode : FQ_STORE_OPEN_WRITE, steps, n_steps, &check_later);
    if (!err && check_later)
        err = fq_store_late_check_start(st, path);
    return err;
}

fq_store_problem fq_store_open_problem(const fq_store *st)
{
    return st ? st->problem : FQ_STORE_PROBLEM_UNOPENABLE;
}

bool fq_store_read_only(const fq_store *st)
{
    return st && st->read_only;
}

void fq_store_close(fq_store *st)
{
    if (!st)
        return;
    fq_store_late_check_free(st);
    fq_store_checkpointer_free(st);
    fq_store_stmt_cache_free(st);
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
    if (st->read_only)
        return fq_store_fail(st, FQ_ERR_CONFLICT, "the database is open read-only: nothing "
                                                  "can be changed");
    if (st->tx_depth > 0) {
        /* an action of this database's own inside a transaction that applied received
         * changes: its writes are local work, logged as such */
        fq_err e = fq_store_applying_end(st);
        if (!e)
            st->tx_depth++;
        return e;
    }
    /* a damaged database is never written to: the open's late check has the last word */
    fq_err err = fq_store_late_check_wait(st);
    if (!err)
        err = undo_orphan_transaction(st);
    if (err)
        return err;
    st->tx_depth = 1;
    st->tx_failed = 0;
    st->applying = 0;
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
        st->applying = 0;
        fq_store_exec_quiet(st, "ROLLBACK");
        return fq_store_fail(st, FQ_ERR_INVALID, "a step of this action failed; rolled back");
    }
    /* the marking of received changes ends with their transaction (fq_store_apply_change) */
    fq_err err = fq_store_applying_end(st);
    if (err) {
        fq_store_exec_quiet(st, "ROLLBACK");
        st->applying = 0;
        return err;
    }
    err = fq_store_exec(st, "COMMIT");
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
    st->applying = 0; /* rolled back with the rest */
    fq_store_exec_quiet(st, "ROLLBACK");
}

sqlite3 *fq_store_db(fq_store *st)
{
    return st->db;
}
