/* fq_app_thumbs: thumbnails of the files an import offers, made on a worker thread (each file
 * decoded at its smallest DCT scale that still covers the edge asked for), picked up by the
 * UI thread as they come, in the list's order (newest first: what shows at the top first).
 * Not here: textures (the host), the store. */
#ifndef FQ_SERVICES_THUMBS_H
#define FQ_SERVICES_THUMBS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef struct fq_app_thumbs fq_app_thumbs;

/* Starts making thumbnails (long edge about edge_px) of dir/names[i] for i < n (copied).
 * *out: free with fq_app_thumbs_free. FQ_ERR_NOMEM. */
fq_err fq_app_thumbs_start(const char *dir, const char *const *names, size_t n, int edge_px,
                           fq_app_thumbs **out);

/* The next finished thumbnail not taken yet: 1 with *idx (its index in names), *rgb (RGB8
 * rows of w*3 bytes, malloc'd: free()), *w, *h; 0 when none is ready; -1 when every one was
 * taken. A file that does not decode is skipped (its index never comes). */
int fq_app_thumbs_take(fq_app_thumbs *t, size_t *idx, uint8_t **rgb, int *w, int *h);

/* Stops the worker (after the file under way), frees what was not taken. NULL is fine. */
void fq_app_thumbs_free(fq_app_thumbs *t);

#endif
