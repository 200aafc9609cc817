/* frame.c: raw camera frames to JPEG, honouring the driver's line stride (bytesperline):
 * YUYV (packed 4:2:2) and NV12 (a Y plane, then interleaved CbCr at half size) become
 * planar YUV for TurboJPEG, which encodes them without a colour conversion. A camera that
 * pads its lines (a width that is not a multiple of 16 or 32) would come out sheared if the
 * stride were taken as the width times the pixel size.
 * Not here: devices (source_v4l2.c), MJPEG (passed on as it is by the sources). */
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "media/media.h"

static fq_err encode(const unsigned char **planes, int *strides, int w, int h,
                     int subsamp, int quality, unsigned char **out, size_t *out_len)
{
    tjhandle tj = tjInitCompress();
    if (!tj)
        return FQ_ERR_NOMEM;
    unsigned char *jpeg = NULL;
    unsigned long size = 0;
    fq_err err = FQ_OK;
    if (tjCompressFromYUVPlanes(tj, planes, w, strides, h, subsamp, &jpeg, &size, quality, 0))
        err = FQ_ERR_NOMEM;
    unsigned char *copy = err ? NULL : malloc(size);
    if (!err && !copy)
        err = FQ_ERR_NOMEM;
    if (copy)
        memcpy(copy, jpeg, size);
    tjFree(jpeg);
    tjDestroy(tj);
    if (err)
        return err;
    *out = copy;
    *out_len = size;
    return FQ_OK;
}

fq_err fq_media_frame_to_jpeg(const unsigned char *data, size_t len, fq_media_frame_format fmt,
                              int width, int height, int bytes_per_line, int quality,
                              unsigned char **out, size_t *out_len)
{
    if (!data || width < 2 || height < 2 || width > 16384 || height > 16384 || quality < 1 ||
        quality > 100 || (fmt != FQ_MEDIA_FRAME_YUYV && fmt != FQ_MEDIA_FRAME_NV12) ||
        (fmt == FQ_MEDIA_FRAME_YUYV && width % 2)) /* YUYV pairs pixels: widths are even */
        return FQ_ERR_INVALID;
    size_t w = (size_t)width, h = (size_t)height, cw = (w + 1) / 2, ch = (h + 1) / 2;
    size_t min_line = fmt == FQ_MEDIA_FRAME_YUYV ? w * 2 : w;
    size_t line = bytes_per_line > 0 ? (size_t)bytes_per_line : min_line;
    size_t need = fmt == FQ_MEDIA_FRAME_YUYV ? line * (h - 1) + min_line
                                             : line * h + line * (ch - 1) + cw * 2;
    if (line < min_line)
        return FQ_ERR_INVALID;
    if (len < need)
        return FQ_ERR_CORRUPT; /* a short frame: the camera was unplugged mid-frame */
    if (fmt == FQ_MEDIA_FRAME_NV12) {
        /* TurboJPEG wants separate Cb and Cr planes; Y is used in place, with its stride */
        unsigned char *cb = malloc(cw * ch * 2);
        if (!cb)
            return FQ_ERR_NOMEM;
        unsigned char *cr = cb + cw * ch;
        const unsigned char *uv = data + line * h;
        for (size_t r = 0; r < ch; r++)
            for (size_t x = 0; x < cw; x++) {
                cb[r * cw + x] = uv[r * line + 2 * x];
                cr[r * cw + x] = uv[r * line + 2 * x + 1];
            }
        const unsigned char *planes[3] = {data, cb, cr};
        int strides[3] = {(int)line, (int)cw, (int)cw};
        fq_err err = encode(planes, strides, width, height, TJSAMP_420, quality, out, out_len);
        free(cb);
        return err;
    }
    unsigned char *y = malloc(w * h + 2 * cw * h);
    if (!y)
        return FQ_ERR_NOMEM;
    unsigned char *u = y + w * h, *v = u + cw * h;
    for (size_t r = 0; r < h; r++) {
        const unsigned char *s = data + r * line;
        for (size_t x = 0; x < w; x += 2) { /* Y0 Cb Y1 Cr */
            y[r * w + x] = s[x * 2];
            u[r * cw + x / 2] = s[x * 2 + 1];
            y[r * w + x + 1] = s[x * 2 + 2];
            v[r * cw + x / 2] = s[x * 2 + 3];
        }
    }
    const unsigned char *planes[3] = {y, u, v};
    int strides[3] = {(int)w, (int)cw, (int)cw};
    fq_err err = encode(planes, strides, width, height, TJSAMP_422, quality, out, out_len);
    free(y);
    return err;
}
