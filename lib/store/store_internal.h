/* Private to lib/store: the handle and helpers shared by the store's files. */
#ifndef FQ_STORE_STORE_INTERNAL_H
#define FQ_STORE_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"

typedef struct fq_store_stmt_cache fq_store_stmt_cache;
typedef struct fq_store_late_check fq_store_late_check;
typedef struct fq_store_checkpointer fq_store_checkpointer;

struct fq_store {
    sqlite3 *db;
    char errmsg[512];
    char device_id[FQ_ID_LEN];
    char inspector[FQ_ID_LEN];
    fq_store_clock_fn clock;
    void *clock_ctx;
    int tx_depth;      /* nesting of fq_store_begin */
    int tx_failed;     /* an inner step failed: the outer commit must roll back */
    int read_only;     /* opened FQ_STORE_OPEN_READ_ONLY: every write is refused */
    fq_store_problem problem; /* why the last open failed (or what a read-only open saw) */
    int applying;      /* store_state.applying is 1 in this transaction (apply.c) */
    fq_store_stmt_cache *stmts; /* statements kept prepared (stmt_cache.c); NULL: none yet */
    fq_store_late_check *late;  /* the open's check running on its thread (late_check.c) */
    fq_store_checkpointer *ckpt; /* WAL checkpoints on their thread (checkpointer.c) or NULL */
};

/* Every public call starts here (sqlite's model): the reason then always describes the last
 * call, and a success never reports an old failure. */
static inline void fq_store_clear_error(fq_store *st)
{
    st->errmsg[0] = '\0';
}

/* Records the failure reason on the handle and returns err. printf-style. */
fq_err fq_store_fail(fq_store *st, fq_err err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Maps an sqlite result code to fq_err and records sqlite's message with `what`. */
fq_err fq_store_sqlite_fail(fq_store *st, int rc, const char *what);

/* Runs SQL with no result rows. */
fq_err fq_store_exec(fq_store *st, const char *sql);

/* Runs SQL ignoring errors (rollback on a failure path). */
void fq_store_exec_quiet(fq_store *st, const char *sql);

/* Runs a query returning one integer. */
fq_err fq_store_query_i64(fq_store *st, const char *sql, int64_t *out);

/* Prepares sql; on failure records the error. */
fq_err fq_store_prepare(fq_store *st, const char *sql, sqlite3_stmt **out);

/* Like fq_store_prepare, but the statement is kept prepared for the next call with the same
 * SQL text (applying a bundle runs the same few statements per record type thousands of
 * times; preparing is most of their cost). Hand it back with fq_store_release, never
 * sqlite3_finalize. */
fq_err fq_store_prepare_cached(fq_store *st, const char *sql, sqlite3_stmt **out);

/* Hands back a statement of fq_store_prepare_cached: reset and kept, or finalized when the
 * cache had no room for it. NULL is fine. */
void fq_store_release(fq_store *st, sqlite3_stmt *stmt);

/* Finalizes every kept statement (before the connection closes or is replaced). */
void fq_store_stmt_cache_free(fq_store *st);

/* Ends the received-change marking of this transaction (store_state.applying = 0) when
 * fq_store_apply_change set it: what is written next is this database's own work. */
fq_err fq_store_applying_end(fq_store *st);

/* One check pragma (quick_check, or integrity_check when full) on db: result gets its first
 * lines "; "-joined; FQ_OK when it says "ok", FQ_ERR_CORRUPT otherwise (also when the check
 * itself cannot run: damage that bad). */
fq_err fq_store_run_check(sqlite3 *db, bool full, char *result, size_t len);

/* "file:<path>?<params>" with the path %-escaped by URI rules. */
void fq_store_file_uri(const char *path, const char *params, char *buf, size_t len);

/* Starts the open's quick_check on its own thread and read-only connection to path; until it
 * says "ok", every commit on st waits for it, and a damaged verdict refuses the commit. */
fq_err fq_store_late_check_start(fq_store *st, const char *path);

/* Waits for the late check (when there is one): FQ_OK, or FQ_ERR_CORRUPT with st's reason
 * and problem set. */
fq_err fq_store_late_check_wait(fq_store *st);

/* Stops the checkpoint thread (at close, before the connection closes) and frees it. */
void fq_store_checkpointer_free(fq_store *st);

/* Stops a running check (at close) and frees it. */
void fq_store_late_check_free(fq_store *st);

/* Column col of the current row as text into out (cut to out_len - 1; "" for NULL). */
void fq_store_text_col(sqlite3_stmt *stmt, int col, char *out, size_t out_len);

/* Steps a statement that returns no rows and finalizes it; FQ_OK or the failure named
 * what. */
fq_err fq_store_step_done(fq_store *st, sqlite3_stmt *stmt, const char *what);

/* Migrates the open database through steps[0..n_steps) (step v takes user_version v to
 * v + 1), all in one transaction with the change-log triggers created after the last step.
 * A database newer than n_steps is refused untouched (FQ_ERR_VERSION). */
fq_err fq_store_migrate(fq_store *st, const char *const *steps, int n_steps);

/* This build's migration steps (FQ_STORE_SCHEMA_VERSION of them). */
const char *const *fq_store_migrations(int *out_n);

/* fq_store_open through the given migration steps instead of this build's: tests use it to
 * run a future migration (one that adds a table) over an old database. */
fq_err fq_store_open_steps(const char *path, const char *const *steps, int n_steps,
                           fq_store **out);

/* fq_store_open_steps with a mode (fq_store_open_ex). */
fq_err fq_store_open_mode_steps(const char *path, fq_store_open_mode mode,
                                const char *const *steps, int n_steps, fq_store **out);

/* Builds a new uuid into out (size FQ_UUID_LEN). */
fq_err fq_store_new_uuid(fq_store *st, char *out);

/* Reads the row of `e` at the current statement position (columns in map order: meta
 * first, then fields) into rec. */
void fq_store_row_to_record(const fq_entity *e, sqlite3_stmt *stmt, int first_col, void *rec);

/* Binds rec's columns (meta, then fields) starting at parameter `first_param`. */
fq_err fq_store_bind_record(fq_store *st, const fq_entity *e, sqlite3_stmt *stmt,
                            int first_param, const void *rec);

/* json_object('col', <prefix>col, ...) over every column of e (meta first) into buf: the
 * row JSON the change-log triggers write (prefix "NEW.") and job packs send (prefix ""). */
fq_err fq_store_json_object_sql(fq_store *st, const fq_entity *e, const char *prefix,
                                char *buf, size_t buf_len);

/* Comma-separated column list of e (meta then fields) into buf. */
void fq_store_column_list(const fq_entity *e, const char *prefix, char *buf, size_t buf_len);

/* True when col is a column of e. */
int fq_store_has_column(const fq_entity *e, const char *col);

/* True when field f holds the same value in records a and b (texts up to their capacity). */
int fq_store_field_equal(const fq_field *f, const void *a, const void *b);

/* The revision of group g (e->groups[g]) in rec, and setting it. */
int64_t fq_store_group_revision(const fq_entity *e, size_t g, const void *rec);
void fq_store_set_group_revision(const fq_entity *e, size_t g, void *rec, int64_t revision);

/* The groups (bit g for e->groups[g]) in which rec differs from old, revisions not counted. */
unsigned fq_store_changed_groups(const fq_entity *e, const void *old, const void *rec);

/* Inserts a row of e from its JSON object (the column names of the store). */
fq_err fq_store_insert_json(fq_store *st, const fq_entity *e, const char *json);

/* Fails with FQ_ERR_CONFLICT when the visit is signed off (finished). Missing visit: ok. */
fq_err fq_store_check_visit_open(fq_store *st, const char *visit_uuid);

#endif
