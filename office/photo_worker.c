/* A worker thread that runs one function on each photo handed to it, in order, while the
 * thread that hands them over goes on: the import checks each new photo decodes as a JPEG
 * and writes it to its temporary here while the bundle reader inflates, checks and hashes
 * the next one (the decode is the largest cost of an import and one core is idle
 * otherwise). At most a few photos wait (bounded memory); after the function fails once
 * the rest are dropped and every later push says so. Knows nothing about bundles, JPEGs or
 * files: what is done to a photo, and with which handles, is the function's business; it
 * must not share them with the pushing thread until fq_office_photo_worker_finish. */
#include "office/photo_worker.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* photos waiting at most: one being read, these queued, one being checked */
#define QUEUE_LEN 2

/* A slot keeps its buffer from photo to photo: a fresh allocation per photo cost the
 * kernel a page fault per 4 KB of every photo (a camera day: 330 MB, ~0.9 s of system time) */
typedef struct queued {
    char sha[FQ_HASH_LEN];
    unsigned char *data;
    size_t len;
    size_t cap;
} queued;

struct fq_office_photo_worker {
    fq_office_photo_fn fn;
    void *ctx;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    queued q[QUEUE_LEN];
    size_t head;
    size_t n;
    int closing;
    int failed;
};

static void *run(void *arg)
{
    fq_office_photo_worker *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->n && !w->closing)
            pthread_cond_wait(&w->changed, &w->mu);
        if (!w->n)
            break;
        /* the slot stays taken (n) until fn is done with it: the pusher fills only free ones */
        const queued *item = &w->q[w->head];
        int skip = w->failed;
        pthread_mutex_unlock(&w->mu);
        int rc = skip ? 0 : w->fn(w->ctx, item->sha, item->data, item->len);
        pthread_mutex_lock(&w->mu);
        w->head = (w->head + 1) % QUEUE_LEN;
        w->n--;
        w->failed |= rc != 0;
        pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

fq_err fq_office_photo_worker_start(fq_office_photo_fn fn, void *ctx,
                                    fq_office_photo_worker **out)
{
    fq_office_photo_worker *w = calloc(1, sizeof *w);
    if (!w)
        return FQ_ERR_NOMEM;
    w->fn = fn;
    w->ctx = ctx;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->changed, NULL);
    if (pthread_create(&w->thread, NULL, run, w) != 0) {
        pthread_cond_destroy(&w->changed);
        pthread_mutex_destroy(&w->mu);
        free(w);
        return FQ_ERR_NOMEM;
    }
    *out = w;
    return FQ_OK;
}

int fq_office_photo_worker_push(fq_office_photo_worker *w, const char *sha,
                                const unsigned char *data, size_t len)
{
    pthread_mutex_lock(&w->mu);
    while (w->n == QUEUE_LEN && !w->failed)
        pthread_cond_wait(&w->changed, &w->mu);
    int failed = w->failed;
    queued *slot = &w->q[(w->head + w->n) % QUEUE_LEN];
    pthread_mutex_unlock(&w->mu);
    if (failed)
        return 1;
    /* a free slot: the worker does not look at it until n counts it */
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
    w->n++;
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
    pthread_join(w->thread, NULL);
    int failed = w->failed;
    for (size_t i = 0; i < QUEUE_LEN; i++)
        free(w->q[i].data);
    pthread_cond_destroy(&w->changed);
    pthread_mutex_destroy(&w->mu);
    free(w);
    return failed;
}
