/* preview.c: camera frames (MJPEG) decoded for the viewfinder, many times a second: one
 * TurboJPEG handle and one pixel buffer reused frame after frame, DCT scaling to the
 * largest of 1/1, 1/2, 1/4, 1/8 that fits the screen (a 1280x720 frame for an 800x480
 * panel is decoded at 1/2: a quarter of the work), the fast integer IDCT. A frame that fails to decode is
 * reported and skipped by the caller; the next one comes 1/30 s later.
 * Not here: threads (the caller's worker owns a preview), stored photos (the pipeline). */
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "media/media.h"
#include "media/media_decode.h"
#include "media_internal.h"

struct fq_media_preview {
    tjhandle tj;
    uint8_t *pixels;
    size_t cap;
    fq_media_rgb frame;
};

fq_err fq_media_preview_new(fq_media_preview **out)
{
    fq_media_preview *p = calloc(1, sizeof *p);
    if (!p || !(p->tj = tjInitDecompress())) {
        free(p);
        return FQ_ERR_NOMEM;
    }
    *out = p;
    return FQ_OK;
}

void fq_media_preview_free(fq_media_preview *p)
{
    if (!p)
        return;
    tjDestroy(p->tj);
    free(p->pixels);
    free(p);
}

/* the largest of 1/1, 1/2, 1/4, 1/8 at which w x h fits in max_w x max_h, else 1/8: the
 * scales whose reduced IDCT is cheap (5/8 would fit 1280x720 to 800x450 at about twice the
 * cost of 1/2; the GPU stretches the rest) */
static tjscalingfactor fit(int w, int h, int max_w, int max_h)
{
    int n = 0;
    tjscalingfactor *sf = tjGetScalingFactors(&n);
    tjscalingfactor best = {1, 8};
    int best_w = 0;
    for (int i = 0; sf && i < n; i++) {
        if (sf[i].num != 1 || (sf[i].denom & (sf[i].denom - 1)))
            continue;
        int tw = TJSCALED(w, sf[i]), th = TJSCALED(h, sf[i]);
        if (tw <= max_w && th <= max_h && tw > best_w) {
            best = sf[i];
            best_w = tw;
        }
    }
    return best;
}

fq_err fq_media_preview_decode(fq_media_preview *p, const unsigned char *jpeg, size_t len,
                               int max_w, int max_h, const fq_media_rgb **out)
{
    int w = 0, h = 0, subsamp = 0, cs = 0;
    if (!jpeg || len < 4 || max_w < 16 || max_h < 16 ||
        tjDecompressHeader3(p->tj, jpeg, (unsigned long)len, &w, &h, &subsamp, &cs) != 0 ||
        w <= 0 || h <= 0 || (int64_t)w * h > FQ_MEDIA_MAX_PIXELS_DEFAULT)
        return FQ_ERR_CORRUPT;
    fq_media_markers mk;
    fq_media_read_markers(jpeg, len, &mk);
    if (mk.n_scans > 1) /* cameras send baseline frames; a progressive one is no frame */
        return FQ_ERR_CORRUPT;
    tjscalingfactor sf = fit(w, h, max_w, max_h);
    int sw = TJSCALED(w, sf), sh = TJSCALED(h, sf);
    size_t need = (size_t)sw * (size_t)sh * 3;
    if (need > p->cap) {
        uint8_t *px = realloc(p->pixels, need);
        if (!px)
            return FQ_ERR_NOMEM;
        p->pixels = px;
        p->cap = need;
    }
    if (tjDecompress2(p->tj, jpeg, (unsigned long)len, p->pixels, sw, sw * 3, sh, TJPF_RGB,
                      TJFLAG_FASTDCT) != 0 &&
        tjGetErrorCode(p->tj) == TJERR_FATAL)
        return FQ_ERR_CORRUPT;
    p->frame.pixels = p->pixels;
    p->frame.width = sw;
    p->frame.height = sh;
    *out = &p->frame;
    return FQ_OK;
}
