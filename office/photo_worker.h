/* photo_worker.c: one function run on each photo on a worker thread, in order, while the
 * caller reads the next (the office import's JPEG check and temporary write). Private to
 * office/. */
#ifndef FQ_OFFICE_PHOTO_WORKER_H
#define FQ_OFFICE_PHOTO_WORKER_H

#include <stddef.h>

#include "bundle/bundle.h"

/* What is done to one photo (on the worker): nonzero fails it, and the photos after it are
 * dropped unrun. data is valid during the call only. */
typedef int (*fq_office_photo_fn)(void *ctx, const char *sha, const unsigned char *data,
                                  size_t len);

typedef struct fq_office_photo_worker fq_office_photo_worker;

/* Starts the worker thread; fn and ctx must live until fq_office_photo_worker_finish.
 * FQ_ERR_NOMEM when no thread could be made (the caller then runs fn itself). */
fq_err fq_office_photo_worker_start(fq_office_photo_fn fn, void *ctx,
                                    fq_office_photo_worker **out);

/* Queues a copy of the photo (sha: FQ_HASH_LEN bytes with its terminator), waiting while
 * the queue is full. 0: queued; nonzero: fn failed on an earlier photo (nothing queued; its
 * reason is wherever fn put it) or no memory for the copy (-1). */
int fq_office_photo_worker_push(fq_office_photo_worker *w, const char *sha,
                                const unsigned char *data, size_t len);

/* Runs the photos still queued, stops the thread and frees w (NULL allowed: 0). Returns
 * nonzero when fn failed on any photo. Only after this may the caller touch what fn uses. */
int fq_office_photo_worker_finish(fq_office_photo_worker *w);

#endif
