/* The open's quick_check on its own thread (FQ_STORE_OPEN_WRITE_CHECK_LATER).
 *
 * quick_check reads every page: 1-2 s for a tablet with a year of work, all of it before the
 * first frame if the open waited. Reading needs no lock in WAL mode, so the check runs on
 * its own read-only connection while the screens come up; what the rule "a damaged
 * database is never written to" needs is only that nothing COMMITS before the verdict. A
 * commit hook on the store's connection holds every commit (explicit transactions and single
 * statements alike) until the check is done and turns it into a rollback when the file is
 * damaged: frames of an uncommitted transaction in the -wal are never part of the database. */
#include "store_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsio/fsio.h"

struct fq_store_late_check {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t done_cv;
    sqlite3 *db;        /* the check's own read-only connection */
    int done;           /* the thread has finished (under lock) */
    int stopping;       /* close interrupts it: no verdict anyone will read */
    fq_err verdict;     /* FQ_OK or FQ_ERR_CORRUPT, once done */
    char result[400];   /* the check's first lines */
};

static void *run(void *arg)
{
    fq_store_late_check *lc = arg;
    char result[sizeof lc->result];
    fq_err verdict;
    for (int tries = 0;; tries++) {
        verdict = fq_store_run_check(lc->db, false, result, sizeof result);
        int rc = sqlite3_errcode(lc->db) & 0xff;
        /* a lock held too long or no memory says nothing about the file: never call a sound
         * database damaged for it (three tries, then it is taken as checked) */
        if (verdict && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_NOMEM)) {
            if (tries < 2)
                continue;
            verdict = FQ_OK;
        }
        break;
    }
    pthread_mutex_lock(&lc->lock);
    if (lc->stopping)
        verdict = FQ_OK;
    lc->verdict = verdict;
    snprintf(lc->result, sizeof lc->result, "%s", result);
    lc->done = 1;
    pthread_cond_broadcast(&lc->done_cv);
    pthread_mutex_unlock(&lc->lock);
    return NULL;
}

static fq_err wait_done(fq_store_late_check *lc, char *result, size_t len)
{
    pthread_mutex_lock(&lc->lock);
    while (!lc->done)
        pthread_cond_wait(&lc->done_cv, &lc->lock);
    fq_err verdict = lc->verdict;
    if (result)
        snprintf(result, len, "%s", lc->result);
    pthread_mutex_unlock(&lc->lock);
    return verdict;
}

/* sqlite's commit hook: nonzero turns the commit into a rollback. */
static int hold_commit(void *arg)
{
    return wait_done(arg, NULL, 0) != FQ_OK;
}

fq_err fq_store_late_check_start(fq_store *st, const char *path)
{
    fq_store_late_check *lc = calloc(1, sizeof *lc);
    if (!lc)
        return fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
    char uri[FQ_FSIO_PATH_LEN + 64];
    fq_store_file_uri(path, "mode=ro", uri, sizeof uri);
    int rc = sqlite3_open_v2(uri, &lc->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                                               SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        fq_store_fail(st, FQ_ERR_IO, "%s: cannot open it for its check: %s", path,
                      lc->db ? sqlite3_errmsg(lc->db) : sqlite3_errstr(rc));
        sqlite3_close_v2(lc->db);
        free(lc);
        return FQ_ERR_IO;
    }
    /* a checkpoint of the store's connection may hold the WAL index briefly */
    sqlite3_busy_timeout(lc->db, 30000);
    pthread_mutex_init(&lc->lock, NULL);
    pthread_cond_init(&lc->done_cv, NULL);
    if (pthread_create(&lc->thread, NULL, run, lc) != 0) {
        pthread_mutex_destroy(&lc->lock);
        pthread_cond_destroy(&lc->done_cv);
        sqlite3_close_v2(lc->db);
        free(lc);
        return fq_store_fail(st, FQ_ERR_NOMEM, "cannot start the database check");
    }
    st->late = lc;
    sqlite3_commit_hook(st->db, hold_commit, lc);
    return FQ_OK;
}

fq_err fq_store_late_check_wait(fq_store *st)
{
    if (!st->late)
        return st->problem == FQ_STORE_PROBLEM_DAMAGED ? FQ_ERR_CORRUPT : FQ_OK;
    char result[sizeof st->late->result];
    if (wait_done(st->late, result, sizeof result) == FQ_OK)
        return FQ_OK;
    st->problem = FQ_STORE_PROBLEM_DAMAGED;
    return fq_store_fail(st, FQ_ERR_CORRUPT, "the database is damaged (PRAGMA quick_check: "
                                             "%.300s)", result);
}

fq_store_check_state fq_store_open_check_state(fq_store *st)
{
    if (st->problem == FQ_STORE_PROBLEM_DAMAGED)
        return FQ_STORE_CHECK_DAMAGED;
    if (!st->late)
        return FQ_STORE_CHECK_OK;
    pthread_mutex_lock(&st->late->lock);
    int done = st->late->done;
    pthread_mutex_unlock(&st->late->lock);
    if (!done)
        return FQ_STORE_CHECK_RUNNING;
    return fq_store_late_check_wait(st) == FQ_OK ? FQ_STORE_CHECK_OK : FQ_STORE_CHECK_DAMAGED;
}

void fq_store_late_check_free(fq_store *st)
{
    fq_store_late_check *lc = st->late;
    if (!lc)
        return;
    pthread_mutex_lock(&lc->lock);
    lc->stopping = 1;
    pthread_mutex_unlock(&lc->lock);
    sqlite3_interrupt(lc->db);
    pthread_join(lc->thread, NULL);
    if (st->db)
        sqlite3_commit_hook(st->db, NULL, NULL);
    sqlite3_close_v2(lc->db);
    pthread_mutex_destroy(&lc->lock);
    pthread_cond_destroy(&lc->done_cv);
    free(lc);
    st->late = NULL;
}
