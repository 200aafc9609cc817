/* Worker threads that run one function on each photo handed to them while the thread that
 * hands them over goes on: the import checks each new photo decodes as a JPEG and writes it
 * to its temporary here while the bundle reader inflates, checks and hashes the next ones.
 * The decode is the largest cost of an import, so it runs on as many threads as there are
 * cores (each with its own decoder: the function gets its worker number). A photo waits in
 * one of a few slots (bounded memory: two more than there are threads); after the function
 * fails once the photos not started are dropped and every later push says so. Knows
 * nothing about bundles, JPEGs or files: what is done to a photo, and with which handles,
 * is the function's business; it must not share them with the pushing thread until
 * fq_office_photo_worker_finish. */
#include "office/photo_worker.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS (FQ_OFFICE_PHOTO_WORKERS_MAX + 2)

enum { SLOT_FREE, SLOT_READY, SLOT_BUSY };

/* A slot keeps its buffer from photo to photo: a fresh allocation per photo cost the
 * kernel a page fault per 4 KB of every photo (a camera day: 330 MB, ~0.9 s of system time) */
typedef struct queued {
    char sha[FQ_HASH_LEN];
    unsigned char *data;
    size_t len;
    size_t cap;
    int state;
    uint64_t order; /* the oldest ready photo goes first: its memory is held longest */
} queued;

typedef struct thread_arg {
    struct fq_office_photo_worker *w;
    int index;
    pthread_t thread;
} thread_arg;

struct fq_office_photo_worker {
    fq_office_photo_fn fn;
    void *ctx;
    thread_arg threads[FQ_OFFICE_PHOTO_WORKERS_MAX];
    int n_threads;
    int n_slots;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    queued q[SLOTS];
    uint64_t pushed;
    int closing;
    int failed;
};

/* The oldest ready slot, or NULL. Under mu. */
static queued *next_ready(fq_office_photo_worker *w)
{
    queued *best = NULL;
    for (int i = 0; i < w->n_slots; i++)
        if (w->q[i].state == SLOT_READY && (!best || w->q[i].order < best->order))
            best = &w->q[i];
    return best;
}

static void *run(void *arg)
{
    thread_arg *t = arg;
    fq_office_photo_worker *w = t->w;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        queued *item;
        while (!(item = next_ready(w)) && !w->closing)
            pthread_cond_wait(&w->changed, &w->mu);
        if (!item)
            break;
        /* busy until fn is done with it: the pusher fills only free slots */
        item->state = SLOT_BUSY;
        int skip = w->failed;
        pthread_mutex_unlock(&w->mu);
        int rc = skip ? 0 : w->fn(w->ctx, t->index, item->sha, item->data, item->len);
        pthread_mutex_lock(&w->mu);
        item->state = SLOT_FREE;
        w->failed |= rc != 0;
        pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static void release(fq_office_photo_worker *w)
{
    for (int i = 0; i < SLOTS; i++)
        free(w->q[i].data);
    pthread_cond_destroy(&w->changed);
    pthread_mutex_destroy(&w->mu);
    free(w);
}

fq_err fq_office_photo_worker_start(fq_office_photo_fn fn, void *ctx, int n_threads,
                                    fq_office_photo_worker **out)
{
    fq_office_photo_worker *w = calloc(1, sizeof *w);
    if (!w)
        return FQ_ERR_NOMEM;
    w->fn = fn;
    w->ctx = ctx;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->changed, NULL);
    if (n_threads < 1)
        n_threads = 1;
    if (n_threads > FQ_OFFICE_PHOTO_WORKERS_MAX)
        n_threads = FQ_OFFICE_PHOTO_WORKERS_MAX;
    for (int i = 0; i < n_threads; i++) {
        thread_arg *t = &w->threads[w->n_threads];
        t->w = w;
        t->index = w->n_threads;
        if (pthread_create(&t->thread, NULL, run, t) != 0)
            break;
        w->n_threads++;
    }
    if (!w->n_threads) {
        release(w);
        return FQ_ERR_NOMEM;
    }
    w->n_slots = w->n_threads + 2;
    *out = w;
    return FQ_OK;
}

int fq_office_photo_worker_push(fq_office_photo_worker *w, const char *sha,
                                const unsigned char *data, size_t len)
{
    queued *slot = NULL;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        for (int i = 0; i < w->n_slots && !slot; i++)
            if (w->q[i].state == SLOT_FREE)
                slot = &w->q[i];
        if (slot || w->failed)
            break;
        pthread_cond_wait(&w->changed, &w->mu);
    }
    int failed = w->failed;
    pthread_mutex_unlock(&w->mu);
    if (failed)
        return 1;
    /* a free slot: only this thread makes a free slot ready, no worker looks at it */
    if (slot->cap < len || !slot->data) {
        unsigned char *grown = realloc(slot->data, len ? len : 1);
        if (!grown)
            return -1;
        slot->data = grown;
        slot->cap = len ? len : 1;
    }
    memcpy(slot->data, data, len);
    memcpy(slot->sha, sha, FQ_HASH_LEN);
    slot->len = len;
    pthread_mutex_lock(&w->mu);
    slot->order = w->pushed++;
    slot->state = SLOT_READY;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->mu);
    return 0;
}

int fq_office_photo_worker_finish(fq_office_photo_worker *w)
{
    if (!w)
        return 0;
    pthread_mutex_lock(&w->mu);
    w->closing = 1;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->mu);
    for (int i = 0; i < w->n_threads; i++)
        pthread_join(w->threads[i].thread, NULL);
    int failed = w->failed;
    release(w);
    return failed;
}
