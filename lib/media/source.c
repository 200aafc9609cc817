/* source.c: the one small interface in front of the photo sources (folder import, V4L2
 * camera): dispatch and error messages. The backends live in source_folder.c and
 * source_v4l2.c; nothing here knows about files or devices. */
#include <stdarg.h>
#include <stdio.h>

#include "media/source_internal.h"

fq_err fq_photo_source_next(fq_photo_source *src, fq_photo_frame *out)
{
    src->errmsg[0] = '\0';
    return src->ops->next(src, out);
}

const char *fq_photo_source_errmsg(const fq_photo_source *src)
{
    return src ? src->errmsg : "no photo source";
}

void fq_photo_source_close(fq_photo_source *src)
{
    if (src)
        src->ops->close(src);
}

fq_err fq_photo_source_fail(fq_photo_source *src, fq_err err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(src->errmsg, sizeof src->errmsg, fmt, ap);
    va_end(ap);
    return err;
}

fq_err fq_photo_source_open_fail(char *errbuf, size_t errbuf_len, fq_err err, const char *fmt, ...)
{
    if (errbuf && errbuf_len > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(errbuf, errbuf_len, fmt, ap);
        va_end(ap);
    }
    return err;
}
