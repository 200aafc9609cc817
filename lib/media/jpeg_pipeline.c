/* jpeg_pipeline.c: one decode -> stored-size JPEG + thumbnail, upright, without EXIF.
 *
 * Steps: validate the header (pixel limit), read EXIF, decode with DCT scaling straight to
 * the smallest TurboJPEG scale at or above 1.2x the target size (see pick_scale), into YUV
 * planes (no colour conversion, no chroma upsampling), free the input when we own it,
 * resample each plane to the exact size while turning it upright (Lanczos-3 for luma, a
 * triangle filter for chroma), derive the thumbnail from those planes, and encode both as
 * 4:2:0 (or gray) JPEGs.
 * Peak memory for a 20 MP baseline photo is the compressed input plus the scaled planes
 * (about 10 MB), never a full-size RGB image. Progressive JPEGs need libjpeg's whole
 * coefficient buffer (2 bytes per sample), which no API can avoid.
 * Untrusted input: TJFLAG_STOPONWARNING turns truncated or corrupt data into an error
 * (libjpeg would otherwise fill the missing part with grey and report a warning), and
 * TJFLAG_LIMITSCANS stops progressive files with absurd scan counts.
 * It does not write files (photo_store.c) and does not parse EXIF itself (exif.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsio/fsio.h"
#include "media/media_internal.h"

fq_err fq_media_read_header(fq_media *m, const unsigned char *jpeg, size_t len,
                            fq_media_header *hd)
{
    if (len == 0)
        return fq_media_fail(m, FQ_ERR_CORRUPT, "empty file: not a photo");
    if (len < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        return fq_media_fail(m, FQ_ERR_CORRUPT, "not a JPEG file");
    if (len > (size_t)0x7FFFFFFF)
        return fq_media_fail(m, FQ_ERR_INVALID, "JPEG file larger than 2 GB");
    /* libjpeg-turbo 2.1 returns success WITHOUT setting any value when the data ends before
     * the frame header (its memory source fakes an EOI, which reads as a tables-only file):
     * the values start invalid and every one is checked after the call */
    fq_media_header h = {-1, -1, -1, -1};
    if (tjDecompressHeader3(m->dec, jpeg, (unsigned long)len, &h.w, &h.h, &h.subsamp,
                            &h.colorspace) != 0)
        return fq_media_decode_failed(m, FQ_ERR_CORRUPT, "broken JPEG header");
    if (h.w < 1 || h.h < 1)
        return fq_media_fail(m, FQ_ERR_CORRUPT, "JPEG cut inside its header: no frame size");
    if (h.subsamp < 0 || h.subsamp >= TJ_NUMSAMP || h.colorspace < 0 || h.colorspace >= TJ_NUMCS)
        return fq_media_fail(m, FQ_ERR_CORRUPT, "JPEG header has an unknown sampling or colour "
                                                "space");
    if ((int64_t)h.w * h.h > m->max_pixels)
        return fq_media_fail(m, FQ_ERR_INVALID,
                             "JPEG claims %dx%d pixels, more than the limit of %lld", h.w,
                             h.h, (long long)m->max_pixels);
    *hd = h;
    return FQ_OK;
}

fq_err fq_media_check_cost(fq_media *m, const unsigned char *jpeg, size_t len,
                           int64_t out_pixels, int packed)
{
    fq_media_markers mk;
    fq_media_read_markers(jpeg, len, &mk);
    if (mk.n_scans > m->max_scans)
        return fq_media_fail(m, FQ_ERR_INVALID,
                             "JPEG has %d scans, more than the limit of %d (it would take "
                             "too long to decode)", mk.n_scans, m->max_scans);
    int64_t cost = fq_media_decode_cost_bytes(&mk, out_pixels, packed);
    if (cost > m->max_decode_bytes)
        return fq_media_fail(m, FQ_ERR_INVALID,
                             "JPEG needs %lld MB to decode, more than the limit of %lld MB",
                             (long long)((cost + (1 << 20) - 1) >> 20),
                             (long long)(m->max_decode_bytes >> 20));
    return FQ_OK;
}

/* Smallest DCT scaling factor (<= 1) that keeps both dimensions >= the target times
 * SCALE_MARGIN. DCT scaling is a block shrink that leaves aliasing a real low-pass filter
 * would remove; a final Lanczos step of at least 1.2x removes it (measured: a 8 MP photo
 * decoded at 1/2 to 1632 px then resampled by only 1.02x lost 0.013 SSIM against a
 * full-decode Lanczos reference; at 5/8 and 1.28x it matches vipsthumbnail). libvips keeps
 * a similar margin for the same reason. A larger scale than this one does not pay, although
 * only 1/8, 1/4, 1/2 and 1/1 have SIMD IDCTs (the others are C). Measured on the shared
 * photos: where 5/8 is picked (6.3 MP), 1/1 makes the whole job slower (2.6x the pixels to
 * resample) and needs 18 MB; where 3/8 is picked (16-20 MP), 1/2 is slower too (the 3x3
 * IDCT is cheap) and needs 16 MB for 20 MP 4:2:2. */
#define SCALE_MARGIN_NUM 6
#define SCALE_MARGIN_DEN 5
static tjscalingfactor pick_scale(int w, int h, int target_w, int target_h)
{
    int64_t need_w = ((int64_t)target_w * SCALE_MARGIN_NUM + SCALE_MARGIN_DEN - 1) / SCALE_MARGIN_DEN;
    int64_t need_h = ((int64_t)target_h * SCALE_MARGIN_NUM + SCALE_MARGIN_DEN - 1) / SCALE_MARGIN_DEN;
    if (target_w == w && target_h == h)
        return (tjscalingfactor){1, 1};
    tjscalingfactor best = {1, 1};
    int n = 0;
    tjscalingfactor *sf = tjGetScalingFactors(&n);
    for (int i = 0; sf && i < n; i++) {
        if (sf[i].num > sf[i].denom)
            continue;
        if (TJSCALED(w, sf[i]) < need_w || TJSCALED(h, sf[i]) < need_h)
            continue;
        if ((int64_t)sf[i].num * best.denom < (int64_t)best.num * sf[i].denom)
            best = sf[i];
    }
    return best;
}

static fq_err decode_yuv(fq_media *m, const unsigned char *jpeg, size_t len, const fq_media_header *hd,
                         int sw, int sh, fq_image *img)
{
    int n_planes = hd->subsamp == TJSAMP_GRAY ? 1 : 3;
    size_t total = 0;
    memset(img, 0, sizeof *img);
    for (int i = 0; i < n_planes; i++) {
        int pw = tjPlaneWidth(i, sw, hd->subsamp);
        int ph = tjPlaneHeight(i, sh, hd->subsamp);
        if (pw < 1 || ph < 1)
            return fq_media_fail(m, FQ_ERR_CORRUPT, "unsupported JPEG sampling");
        /* TurboJPEG pads plane sizes to whole chroma blocks; the picture itself covers
         * ceil(size / subsampling factor) samples, and resampling must see only those. */
        int fx = i == 0 ? 1 : tjMCUWidth[hd->subsamp] / 8;
        int fy = i == 0 ? 1 : tjMCUHeight[hd->subsamp] / 8;
        img->planes[i] = (fq_plane){NULL, (sw + fx - 1) / fx, (sh + fy - 1) / fy, pw};
        total += (size_t)pw * (size_t)ph;
    }
    if (fq_media_buf_reserve(&m->decoded, total))
        return fq_media_fail(m, FQ_ERR_NOMEM, "out of memory decoding %dx%d", sw, sh);
    unsigned char *planes[3] = {NULL, NULL, NULL};
    int strides[3] = {0, 0, 0};
    size_t off = 0;
    for (int i = 0; i < n_planes; i++) {
        img->planes[i].px = planes[i] = m->decoded.p + off;
        strides[i] = img->planes[i].stride;
        off += (size_t)tjPlaneWidth(i, sw, hd->subsamp) * (size_t)tjPlaneHeight(i, sh, hd->subsamp);
    }
    img->n_planes = n_planes;
    img->w = sw;
    img->h = sh;
    if (tjDecompressToYUVPlanes(m->dec, jpeg, (unsigned long)len, planes, sw, strides, sh,
                                FQ_MEDIA_DECODE_FLAGS) != 0)
        return fq_media_decode_failed(m, FQ_ERR_CORRUPT, "corrupt or truncated JPEG");
    return FQ_OK;
}

static unsigned char clamp255(int v)
{
    return (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* RGB / CMYK / odd-sampling JPEGs: decode to packed pixels, convert to 4:4:4 YCbCr planes
 * (JFIF equations, 16-bit fixed point). Rare for cameras, so simple beats fast here. */
static fq_err decode_packed(fq_media *m, const unsigned char *jpeg, size_t len,
                            const fq_media_header *hd, int sw, int sh, fq_image *img)
{
    int cmyk = hd->colorspace == TJCS_CMYK || hd->colorspace == TJCS_YCCK;
    int bpp = cmyk ? 4 : 3;
    size_t n_px = (size_t)sw * (size_t)sh;
    if (fq_media_buf_reserve(&m->rgb, n_px * (size_t)bpp) ||
        fq_media_buf_reserve(&m->decoded, n_px * 3))
        return fq_media_fail(m, FQ_ERR_NOMEM, "out of memory decoding %dx%d", sw, sh);
    if (tjDecompress2(m->dec, jpeg, (unsigned long)len, m->rgb.p, sw, 0, sh,
                      cmyk ? TJPF_CMYK : TJPF_RGB, FQ_MEDIA_DECODE_FLAGS) != 0)
        return fq_media_decode_failed(m, FQ_ERR_CORRUPT, "corrupt or truncated JPEG");
    memset(img, 0, sizeof *img);
    img->n_planes = 3;
    img->w = sw;
    img->h = sh;
    for (int i = 0; i < 3; i++)
        img->planes[i] = (fq_plane){m->decoded.p + n_px * (size_t)i, sw, sh, sw};
    for (size_t i = 0; i < n_px; i++) {
        const unsigned char *p = m->rgb.p + i * (size_t)bpp;
        int r = p[0];
        int g = p[1];
        int b = p[2];
        if (cmyk) { /* Adobe CMYK is stored inverted: value 255 = no ink */
            r = p[0] * p[3] / 255;
            g = p[1] * p[3] / 255;
            b = p[2] * p[3] / 255;
        }
        img->planes[0].px[i] = clamp255((19595 * r + 38470 * g + 7471 * b + 32768) >> 16);
        img->planes[1].px[i] =
            clamp255(((-11059 * r - 21709 * g + 32768 * b + 32768) >> 16) + 128);
        img->planes[2].px[i] =
            clamp255(((32768 * r - 27439 * g - 5329 * b + 32768) >> 16) + 128);
    }
    return FQ_OK;
}

/* Resamples every plane of `src` into a fresh 4:2:0 (or gray) image of dw x dh held in buf. */
static fq_err resample_image(fq_media *m, const fq_image *src, fq_buf *buf, int dw, int dh,
                             int orientation, int luma_filter, fq_image *dst)
{
    fq_err err = fq_media_image_alloc(buf, dw, dh, src->n_planes, dst);
    if (err)
        return fq_media_fail(m, err, "out of memory for a %dx%d image", dw, dh);
    for (int i = 0; i < src->n_planes; i++) {
        err = fq_media_resample(&m->scratch, &src->planes[i], &dst->planes[i], orientation,
                                i == 0 ? luma_filter : FQ_FILTER_TRIANGLE);
        if (err)
            return fq_media_fail(m, err, "cannot resample plane %d", i);
    }
    return FQ_OK;
}

static fq_err run(fq_media *m, const unsigned char *jpeg, size_t len, unsigned char **owned,
                  fq_media_output *out)
{
    fq_media_header hd;
    fq_media_exif ex;
    fq_image dec;
    m->errmsg[0] = '\0';
    fq_media_report(m, 0);
    fq_err err = fq_media_read_header(m, jpeg, len, &hd);
    if (err)
        return err;
    fq_media_parse_exif(jpeg, len, &ex);
    int uw;
    int uh;
    fq_media_fit(hd.w, hd.h, m->long_edge_px, &uw, &uh);
    tjscalingfactor sf = pick_scale(hd.w, hd.h, uw, uh);
    int sw = TJSCALED(hd.w, sf);
    int sh = TJSCALED(hd.h, sf);
    int planar = (hd.colorspace == TJCS_YCbCr || hd.colorspace == TJCS_GRAY) &&
                 hd.subsamp >= 0 && hd.subsamp < TJ_NUMSAMP;
    err = fq_media_check_cost(m, jpeg, len, (int64_t)sw * sh, !planar);
    if (err)
        return err;
    fq_media_report(m, 10);
    if (planar)
        err = decode_yuv(m, jpeg, len, &hd, sw, sh, &dec);
    else
        err = decode_packed(m, jpeg, len, &hd, sw, sh, &dec);
    if (err)
        return err;
    if (owned) { /* the compressed bytes are no longer needed: lower the peak */
        free(*owned);
        *owned = NULL;
    }
    fq_media_report(m, 60);
    int transposed = ex.orientation >= 5;
    err = resample_image(m, &dec, &m->main, transposed ? uh : uw, transposed ? uw : uh,
                         ex.orientation, FQ_FILTER_LANCZOS3, &m->main_img);
    if (err)
        return err;
    fq_media_report(m, 80);
    err = fq_media_encode_outputs(m, out);
    if (err)
        return err;
    out->captured_utc = ex.captured_utc;
    out->orientation = ex.orientation;
    return FQ_OK;
}

static fq_err encode(fq_media *m, const fq_image *img, unsigned char **buf, unsigned long *cap,
                     size_t *out_len)
{
    int subsamp = img->n_planes == 1 ? TJSAMP_GRAY : TJSAMP_420;
    unsigned long need = tjBufSize(img->w, img->h, subsamp);
    if (need == (unsigned long)-1)
        return fq_media_fail(m, FQ_ERR_INVALID, "image too large to encode");
    if (*cap < need) {
        tjFree(*buf);
        *buf = tjAlloc((int)need);
        *cap = *buf ? need : 0;
        if (!*buf)
            return fq_media_fail(m, FQ_ERR_NOMEM, "out of memory for the JPEG output");
    }
    const unsigned char *planes[3] = {img->planes[0].px, img->planes[1].px, img->planes[2].px};
    int strides[3] = {img->planes[0].stride, img->planes[1].stride, img->planes[2].stride};
    unsigned long size = *cap;
    if (tjCompressFromYUVPlanes(m->enc, planes, img->w, strides, img->h, subsamp, buf, &size,
                                m->quality, TJFLAG_NOREALLOC) != 0)
        return fq_media_fail(m, FQ_ERR_NOMEM, "JPEG encoding failed: %s", tjGetErrorStr2(m->enc));
    *out_len = size;
    return FQ_OK;
}

fq_err fq_media_encode_outputs(fq_media *m, fq_media_output *out)
{
    fq_image thumb;
    int tw;
    int th;
    fq_media_fit(m->main_img.w, m->main_img.h, m->thumb_px, &tw, &th);
    fq_err err = resample_image(m, &m->main_img, &m->thumb, tw, th, 1, FQ_FILTER_LANCZOS3, &thumb);
    if (err)
        return err;
    fq_media_output o;
    memset(&o, 0, sizeof o);
    err = encode(m, &m->main_img, &m->jpeg_main, &m->jpeg_main_cap, &o.jpeg_len);
    if (err)
        return err;
    err = encode(m, &thumb, &m->jpeg_thumb, &m->jpeg_thumb_cap, &o.thumb_len);
    if (err)
        return err;
    o.jpeg = m->jpeg_main;
    o.thumb = m->jpeg_thumb;
    o.width = m->main_img.w;
    o.height = m->main_img.h;
    o.thumb_width = tw;
    o.thumb_height = th;
    o.orientation = 1;
    *out = o;
    return FQ_OK;
}

fq_err fq_media_compress(fq_media *m, const unsigned char *jpeg, size_t len,
                         fq_media_output *out)
{
    return run(m, jpeg, len, NULL, out);
}

fq_err fq_media_process_memory(fq_media *m, const char *store_dir, const unsigned char *jpeg,
                               size_t len, fq_media_result *out)
{
    fq_media_output o;
    fq_err err = run(m, jpeg, len, NULL, &o);
    if (err)
        return err;
    err = fq_media_store_outputs(m, store_dir, &o, out);
    if (!err)
        fq_media_report(m, 100);
    return err;
}

fq_err fq_media_process_file(fq_media *m, const char *store_dir, const char *path,
                             fq_media_result *out)
{
    unsigned char *data = NULL;
    size_t len = 0;
    fq_media_output o;
    fq_err err = fq_media_read_file(m, path, &data, &len);
    if (err)
        goto out;
    err = run(m, data, len, &data, &o);
    if (err)
        goto out;
    err = fq_media_store_outputs(m, store_dir, &o, out);
    if (!err)
        fq_media_report(m, 100);
out:
    free(data);
    return err;
}

fq_err fq_media_read_file(fq_media *m, const char *path, unsigned char **out, size_t *out_len)
{
    char why[512];
    /* a photo over 2 GiB is not one of ours; the cap is checked before allocating */
    fq_err err = fq_fsio_read_file(path, (size_t)0x7FFFFFFF, out, out_len, why, sizeof why);
    return err ? fq_media_fail(m, err, "%s", why) : FQ_OK;
}
