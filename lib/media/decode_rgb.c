/* Decodes a JPEG file to RGB at a bounded size for display (see media_decode.h). One
 * decompressor per call: display decoding is rare (a screen's thumbnails) and this keeps
 * the function free of shared state. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "fsio/fsio.h"
#include "media/media_decode.h"
#include "media/media_internal.h"

#define DECODE_MAX_FILE (64LL * 1024 * 1024)
#define DECODE_MAX_PIXELS 100000000LL

static fq_err read_file(const char *path, unsigned char **out, size_t *out_len)
{
    fq_err err = fq_fsio_read_file(path, (size_t)DECODE_MAX_FILE, out, out_len, NULL, 0);
    if (err == FQ_ERR_INVALID || (!err && *out_len == 0)) {
        if (!err)
            free(*out);
        return FQ_ERR_CORRUPT; /* empty or too large to be a photo */
    }
    return err;
}

fq_err fq_media_decode_rgb(const char *path, int max_edge, fq_media_rgb *out)
{
    unsigned char *jpeg = NULL;
    size_t len = 0;
    uint8_t *pix = NULL;
    tjhandle tj = NULL;
    fq_err err = read_file(path, &jpeg, &len);
    if (err)
        return err;
    tj = tjInitDecompress();
    if (!tj) {
        err = FQ_ERR_NOMEM;
        goto done;
    }
    int w = 0, h = 0, subsamp = 0, cs = 0;
    if (tjDecompressHeader3(tj, jpeg, (unsigned long)len, &w, &h, &subsamp, &cs) != 0 ||
        w <= 0 || h <= 0 || (long long)w * h > DECODE_MAX_PIXELS) {
        err = FQ_ERR_CORRUPT;
        goto done;
    }
    /* scales come largest first; keep the last one that still fits, else the smallest */
    int n = 0;
    tjscalingfactor *sf = tjGetScalingFactors(&n);
    int sw = w, sh = h;
    if (max_edge > 0 && sf && n > 0) {
        int best = -1, smallest = 0;
        for (int i = 0; i < n; i++) {
            if (sf[i].num > sf[i].denom) /* never enlarge */
                continue;
            int tw = TJSCALED(w, sf[i]), th = TJSCALED(h, sf[i]);
            int edge = tw > th ? tw : th;
            int bw = TJSCALED(w, sf[smallest]), bh = TJSCALED(h, sf[smallest]);
            if (edge < (bw > bh ? bw : bh))
                smallest = i;
            if (edge <= max_edge) {
                int pw = best >= 0 ? TJSCALED(w, sf[best]) : 0;
                if (best < 0 || tw > pw)
                    best = i;
            }
        }
        if (best < 0)
            best = smallest;
        sw = TJSCALED(w, sf[best]);
        sh = TJSCALED(h, sf[best]);
    }
    /* the same limits as the pipeline: a display decode of a hostile file must not take
     * the app's memory or seconds of a worker either */
    fq_media_markers mk;
    fq_media_read_markers(jpeg, len, &mk);
    if (mk.n_scans > FQ_MEDIA_MAX_SCANS_DEFAULT ||
        fq_media_decode_cost_bytes(&mk, (int64_t)sw * sh, 1) > FQ_MEDIA_MAX_DECODE_BYTES_DEFAULT) {
        err = FQ_ERR_CORRUPT;
        goto done;
    }
    pix = malloc((size_t)sw * (size_t)sh * 3);
    if (!pix) {
        err = FQ_ERR_NOMEM;
        goto done;
    }
    if (tjDecompress2(tj, jpeg, (unsigned long)len, pix, sw, sw * 3, sh, TJPF_RGB,
                      TJFLAG_FASTDCT) != 0 &&
        tjGetErrorCode(tj) == TJERR_FATAL) {
        err = FQ_ERR_CORRUPT;
        goto done;
    }
    out->pixels = pix;
    out->width = sw;
    out->height = sh;
    pix = NULL;
done:
    free(pix);
    if (tj)
        tjDestroy(tj);
    free(jpeg);
    return err;
}

void fq_media_rgb_free(fq_media_rgb *img)
{
    if (!img)
        return;
    free(img->pixels);
    memset(img, 0, sizeof *img);
}
