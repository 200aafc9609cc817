/* photo_worker.c: one function run on each photo on worker threads while the caller reads
 * the next (the office import's JPEG check and temporary write). Private to office/. */
#ifndef FQ_OFFICE_PHOTO_WORKER_H
#define FQ_OFFICE_PHOTO_WORKER_H

#include <stddef.h>

#include "bundle/bundle.h"

/* Worker threads at most (the import's decode handles are per worker). */
#define FQ_OFFICE_PHOTO_WORKERS_MAX 4

/* What is done to one photo, on worker number `worker` (0 .. n_threads - 1; two photos are
 * never run on the same number at once, in no particular order otherwise): nonzero fails
 * it, and the photos not started yet are dropped unrun. data is valid during the call only. */
typedef int (*fq_office_photo_fn)(void *ctx, int worker, const char *sha,
                                  const unsigned char *data, size_t len);

typedef struct fq_office_photo_worker fq_office_photo_worker;

/* Starts n_threads (1 .. FQ_OFFICE_PHOTO_WORKERS_MAX) worker threads; fn and ctx must live
 * until fq_office_photo_worker_finish. FQ_ERR_NOMEM when not even one thread could be made
 * (the caller then runs fn itself); fewer threads than asked for are fine. */
fq_err fq_office_photo_worker_start(fq_office_photo_fn fn, void *ctx, int n_threads,
                                    fq_office_photo_worker **out);

/* Queues a copy of the photo (sha: FQ_HASH_LEN bytes with its terminator), waiting while
 * every slot is taken. 0: queued; nonzero: fn failed on an earlier photo (nothing queued;
 * its reason is wherever fn put it) or no memory for the copy (-1). */
int fq_office_photo_worker_push(fq_office_photo_worker *w, const char *sha,
                                const unsigned char *data, size_t len);

/* Runs the photos still queued, stops the threads and frees w (NULL allowed: 0). Returns
 * nonzero when fn failed on any photo. Only after this may the caller touch what fn uses. */
int fq_office_photo_worker_finish(fq_office_photo_worker *w);

#endif
