/* WAL checkpoints on their own thread and connection, for a store that takes many large
 * transactions in a row (the office imports every device's days).
 *
 * sqlite's automatic checkpoint runs inside the commit that takes the -wal past 1,000 pages:
 * that commit then copies every page in the -wal into the database file and fsyncs it. In
 * an office with a year of work a day's records touch leaves all over its indexes (ids are
 * random), every third import paid ~20 ms for it and a year-old office imported a day 1.4x
 * slower than an empty one. Here the commit only signals; a PASSIVE checkpoint on a second
 * connection copies the pages while the next bundle is verified (WAL: neither waits for the
 * other; a checkpoint never copies an uncommitted frame). Should the thread fall far behind,
 * the committing connection checkpoints itself as sqlite would. The close's own checkpoint
 * still happens, after this connection is gone. */
#include "store_internal.h"

#include <pthread.h>
#include <stdlib.h>

/* -wal pages that wake the thread (sqlite's own default threshold), and that the commit
 * checkpoints itself when the thread fell this far behind */
#define WAKE_PAGES 1000
#define INLINE_PAGES 16000

struct fq_store_checkpointer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    sqlite3 *db;     /* the thread's own connection */
    int wanted;      /* a commit took the -wal past WAKE_PAGES (under lock) */
    int stopping;
    int64_t done;    /* checkpoints run (under lock) */
};

static void *run(void *arg)
{
    fq_store_checkpointer *ck = arg;
    pthread_mutex_lock(&ck->lock);
    for (;;) {
        while (!ck->wanted && !ck->stopping)
            pthread_cond_wait(&ck->wake, &ck->lock);
        if (ck->stopping)
            break;
        ck->wanted = 0;
        pthread_mutex_unlock(&ck->lock);
        /* PASSIVE: copies what no reader still needs, never waits for anyone; a busy result
         * (another checkpoint under way) is retried at the next wake */
        int rc = sqlite3_wal_checkpoint_v2(ck->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        pthread_mutex_lock(&ck->lock);
        ck->done += rc == SQLITE_OK;
    }
    pthread_mutex_unlock(&ck->lock);
    return NULL;
}

/* sqlite's WAL hook, after each commit of the store's connection (its write lock released). */
static int on_commit(void *arg, sqlite3 *db, const char *name, int pages)
{
    fq_store_checkpointer *ck = arg;
    if (pages >= WAKE_PAGES) {
        pthread_mutex_lock(&ck->lock);
        ck->wanted = 1;
        pthread_cond_signal(&ck->wake);
        pthread_mutex_unlock(&ck->lock);
    }
    if (pages >= INLINE_PAGES)
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    return SQLITE_OK;
}

fq_err fq_store_checkpoint_in_background(fq_store *st)
{
    fq_store_clear_error(st);
    const char *path = sqlite3_db_filename(st->db, "main");
    if (st->ckpt || st->read_only || !path || !*path)
        return FQ_OK; /* in memory or read-only: nothing to checkpoint */
    fq_store_checkpointer *ck = calloc(1, sizeof *ck);
    if (!ck)
        return fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
    int rc = sqlite3_open_v2(path, &ck->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(ck->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        fq_store_fail(st, FQ_ERR_IO, "%s: cannot open it for its checkpoints: %s", path,
                      ck->db ? sqlite3_errmsg(ck->db) : sqlite3_errstr(rc));
        sqlite3_close_v2(ck->db);
        free(ck);
        return FQ_ERR_IO;
    }
    pthread_mutex_init(&ck->lock, NULL);
    pthread_cond_init(&ck->wake, NULL);
    if (pthread_create(&ck->thread, NULL, run, ck) != 0) {
        pthread_mutex_destroy(&ck->lock);
        pthread_cond_destroy(&ck->wake);
        sqlite3_close_v2(ck->db);
        free(ck);
        return fq_store_fail(st, FQ_ERR_NOMEM, "cannot start the checkpoint thread");
    }
    st->ckpt = ck;
    sqlite3_wal_hook(st->db, on_commit, ck); /* replaces sqlite's automatic checkpoint */
    return FQ_OK;
}

int64_t fq_store_background_checkpoints(fq_store *st)
{
    if (!st->ckpt)
        return 0;
    pthread_mutex_lock(&st->ckpt->lock);
    int64_t done = st->ckpt->done;
    pthread_mutex_unlock(&st->ckpt->lock);
    return done;
}

void fq_store_checkpointer_free(fq_store *st)
{
    fq_store_checkpointer *ck = st->ckpt;
    if (!ck)
        return;
    sqlite3_wal_hook(st->db, NULL, NULL);
    sqlite3_wal_autocheckpoint(st->db, WAKE_PAGES);
    pthread_mutex_lock(&ck->lock);
    ck->stopping = 1;
    pthread_cond_signal(&ck->wake);
    pthread_mutex_unlock(&ck->lock);
    pthread_join(ck->thread, NULL);
    sqlite3_close_v2(ck->db);
    pthread_cond_destroy(&ck->wake);
    pthread_mutex_destroy(&ck->lock);
    free(ck);
    st->ckpt = NULL;
}
