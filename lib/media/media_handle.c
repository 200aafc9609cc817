/* media_handle.c: the fq_media handle: creation, settings, error message, scratch buffers.
 * The pipeline itself is in jpeg_pipeline.c; this file holds no image logic. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "media/media_internal.h"

fq_err fq_media_new(fq_media **out)
{
    fq_err err = FQ_ERR_NOMEM;
    fq_media *m = calloc(1, sizeof *m);
    if (!m)
        goto fail;
    m->dec = tjInitDecompress();
    m->enc = tjInitCompress();
    if (!m->dec || !m->enc)
        goto fail;
    m->long_edge_px = FQ_MEDIA_LONG_EDGE_DEFAULT;
    m->thumb_px = FQ_MEDIA_THUMB_DEFAULT;
    m->quality = FQ_MEDIA_QUALITY_DEFAULT;
    m->max_pixels = FQ_MEDIA_MAX_PIXELS_DEFAULT;
    m->max_decode_bytes = FQ_MEDIA_MAX_DECODE_BYTES_DEFAULT;
    m->max_scans = FQ_MEDIA_MAX_SCANS_DEFAULT;
    *out = m;
    return FQ_OK;
fail:
    fq_media_free(m);
    return err;
}

void fq_media_free(fq_media *m)
{
    if (!m)
        return;
    if (m->dec)
        tjDestroy(m->dec);
    if (m->enc)
        tjDestroy(m->enc);
    fq_media_buf_release(&m->decoded);
    fq_media_buf_release(&m->main);
    fq_media_buf_release(&m->thumb);
    fq_media_buf_release(&m->scratch);
    fq_media_buf_release(&m->rgb);
    tjFree(m->jpeg_main);
    tjFree(m->jpeg_thumb);
    free(m);
}

const char *fq_media_errmsg(const fq_media *m)
{
    return m ? m->errmsg : "no media handle";
}

fq_err fq_media_set_long_edge(fq_media *m, int long_edge_px)
{
    if (long_edge_px != FQ_MEDIA_LONG_EDGE_ORIGINAL && (long_edge_px < 16 || long_edge_px > 16384))
        return fq_media_fail(m, FQ_ERR_INVALID, "long edge %d px out of range", long_edge_px);
    m->long_edge_px = long_edge_px;
    return FQ_OK;
}

fq_err fq_media_set_thumb_size(fq_media *m, int thumb_px)
{
    if (thumb_px < 16 || thumb_px > 1024)
        return fq_media_fail(m, FQ_ERR_INVALID, "thumbnail size %d px out of range", thumb_px);
    m->thumb_px = thumb_px;
    return FQ_OK;
}

fq_err fq_media_set_quality(fq_media *m, int quality)
{
    if (quality < 1 || quality > 100)
        return fq_media_fail(m, FQ_ERR_INVALID, "JPEG quality %d out of range 1..100", quality);
    m->quality = quality;
    return FQ_OK;
}

fq_err fq_media_set_max_pixels(fq_media *m, int64_t max_pixels)
{
    if (max_pixels < 1 || max_pixels > 1000000000LL)
        return fq_media_fail(m, FQ_ERR_INVALID, "pixel limit out of range");
    m->max_pixels = max_pixels;
    return FQ_OK;
}

fq_err fq_media_set_max_decode_bytes(fq_media *m, int64_t max_bytes)
{
    if (max_bytes < 16LL * 1024 * 1024 || max_bytes > 4096LL * 1024 * 1024)
        return fq_media_fail(m, FQ_ERR_INVALID, "decode memory limit out of range");
    m->max_decode_bytes = max_bytes;
    return FQ_OK;
}

fq_err fq_media_set_max_scans(fq_media *m, int max_scans)
{
    if (max_scans < 1 || max_scans > 1000)
        return fq_media_fail(m, FQ_ERR_INVALID, "scan limit %d out of range 1..1000", max_scans);
    m->max_scans = max_scans;
    return FQ_OK;
}

void fq_media_set_progress(fq_media *m, fq_media_progress_fn fn, void *user)
{
    m->progress = fn;
    m->progress_user = user;
}

void fq_media_report(fq_media *m, int percent)
{
    if (m->progress)
        m->progress(m->progress_user, percent);
}

void fq_media_set_write_fn(fq_media *m, fq_fsio_write_fn fn)
{
    m->write_fn = fn;
}

fq_err fq_media_fail(fq_media *m, fq_err err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->errmsg, sizeof m->errmsg, fmt, ap);
    va_end(ap);
    return err;
}

fq_err fq_media_decode_failed(fq_media *m, fq_err err, const char *what)
{
    /* libjpeg-turbo 2.1 leaves a decompressor that failed mid-header in its old state, and
     * the next header read continues from there (garbage dimensions). A fresh handle costs
     * microseconds and makes every photo independent of the one before. */
    fq_media_fail(m, err, "%s: %s", what, tjGetErrorStr2(m->dec));
    tjhandle fresh = tjInitDecompress();
    if (fresh) {
        tjDestroy(m->dec);
        m->dec = fresh;
    }
    return err;
}

fq_err fq_media_buf_reserve(fq_buf *b, size_t n)
{
    if (b->cap >= n)
        return FQ_OK;
    /* free first: the old contents are not needed, and this keeps the peak lower */
    free(b->p);
    b->p = malloc(n);
    b->cap = b->p ? n : 0;
    return b->p ? FQ_OK : FQ_ERR_NOMEM;
}

void fq_media_buf_release(fq_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->cap = 0;
}

fq_err fq_media_image_alloc(fq_buf *buf, int w, int h, int n_planes, fq_image *img)
{
    int cw = (w + 1) / 2;
    int ch = (h + 1) / 2;
    size_t y_len = (size_t)w * (size_t)h;
    size_t c_len = (size_t)cw * (size_t)ch;
    if (w < 1 || h < 1 || (int64_t)w * h > INT32_MAX)
        return FQ_ERR_INVALID;
    fq_err err = fq_media_buf_reserve(buf, y_len + (n_planes == 3 ? 2 * c_len : 0));
    if (err)
        return err;
    memset(img, 0, sizeof *img);
    img->w = w;
    img->h = h;
    img->n_planes = n_planes;
    img->planes[0] = (fq_plane){buf->p, w, h, w};
    if (n_planes == 3) {
        img->planes[1] = (fq_plane){buf->p + y_len, cw, ch, cw};
        img->planes[2] = (fq_plane){buf->p + y_len + c_len, cw, ch, cw};
    }
    return FQ_OK;
}
