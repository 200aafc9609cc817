/* source_internal.h: the photo source interface shared by source.c and its backends
 * (source_folder.c, source_v4l2.c). Never included outside lib/media. */
#ifndef FQ_MEDIA_SOURCE_INTERNAL_H
#define FQ_MEDIA_SOURCE_INTERNAL_H

#include <stddef.h>

#include "media/media.h"

#define FQ_SOURCE_ERRMSG_LEN 256

typedef struct fq_source_ops {
    fq_err (*next)(fq_photo_source *src, fq_photo_frame *out);
    void (*close)(fq_photo_source *src);
} fq_source_ops;

/* Every backend struct starts with this. */
struct fq_photo_source {
    const fq_source_ops *ops;
    char errmsg[FQ_SOURCE_ERRMSG_LEN];
};

/* Sets the source's message (printf-style) and returns err. */
fq_err fq_photo_source_fail(fq_photo_source *src, fq_err err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes a message into a caller's error buffer (may be NULL) and returns err. */
fq_err fq_photo_source_open_fail(char *errbuf, size_t errbuf_len, fq_err err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
