/* source_mjpeg.c: a recorded MJPEG camera stream as a photo source: a file of JPEG frames
 * one after the other (what `ffmpeg -f mjpeg` or `v4l2-ctl --stream-to` writes from a UVC
 * camera), handed out frame by frame through the same interface as a live camera, so the
 * preview and capture code is tested and benchmarked without a device. A frame ends at the
 * first EOI marker after its SOI (entropy-coded data stuffs 0xFF with 0x00, so FF D9 does
 * not occur inside a frame). At the end: FQ_ERR_NOTFOUND, or the first frame again when
 * opened to loop. Not here: timing (frames come as fast as they are asked for). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsio/fsio.h"
#include "media/source_internal.h"

#define MJPEG_MAX_FILE (512LL * 1024 * 1024)

typedef struct mjpeg_source {
    fq_photo_source base;
    unsigned char *data;
    size_t len;
    size_t pos;
    int loop;
    int64_t n_frames;
    char path[256];
} mjpeg_source;

static fq_err mjpeg_next(fq_photo_source *src, fq_photo_frame *out)
{
    mjpeg_source *s = (mjpeg_source *)src;
    for (int pass = 0; pass < 2; pass++) {
        size_t i = s->pos;
        while (i + 1 < s->len && !(s->data[i] == 0xFF && s->data[i + 1] == 0xD8))
            i++;
        size_t j = i + 2;
        while (j + 1 < s->len && !(s->data[j] == 0xFF && s->data[j + 1] == 0xD9))
            j++;
        if (j + 1 < s->len) {
            memset(out, 0, sizeof *out);
            out->jpeg = s->data + i;
            out->len = j + 2 - i;
            snprintf(out->name, sizeof out->name, "%s#%lld", s->path, (long long)s->n_frames);
            s->pos = j + 2;
            s->n_frames++;
            return FQ_OK;
        }
        if (!s->loop || s->n_frames == 0)
            break;
        s->pos = 0; /* play it again */
    }
    return fq_photo_source_fail(src, FQ_ERR_NOTFOUND, "end of the recorded stream %s",
                                s->path);
}

static void mjpeg_close(fq_photo_source *src)
{
    mjpeg_source *s = (mjpeg_source *)src;
    free(s->data);
    free(s);
}

static const fq_source_ops mjpeg_ops = {mjpeg_next, mjpeg_close};

fq_err fq_photo_source_open_mjpeg(const char *path, int loop, fq_photo_source **out,
                                  char *errbuf, size_t errbuf_len)
{
    mjpeg_source *s = calloc(1, sizeof *s);
    if (!s)
        return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_NOMEM, "out of memory");
    s->base.ops = &mjpeg_ops;
    s->loop = loop;
    snprintf(s->path, sizeof s->path, "%s", path);
    char why[256] = "";
    fq_err err = fq_fsio_read_file(path, (size_t)MJPEG_MAX_FILE, &s->data, &s->len, why,
                                   sizeof why);
    if (err) {
        free(s);
        return fq_photo_source_open_fail(errbuf, errbuf_len, err, "recorded stream %s: %s",
                                         path, why);
    }
    *out = &s->base;
    return FQ_OK;
}
