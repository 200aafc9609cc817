/* media_decode.h: decodes a JPEG file to RGB pixels for display (thumbnails and the
 * full-screen photo view of the device app). Uses TurboJPEG's DCT scaling so a large photo
 * is decoded at the smallest scale that still covers the requested size.
 *
 * Not here: EXIF orientation (stored photos are already upright), resampling beyond the
 * 1/8..1 DCT scales, any file other than the one read. */
#ifndef FQ_MEDIA_DECODE_H
#define FQ_MEDIA_DECODE_H

#include <stdint.h>

#include "core/err.h"

/* Decoded RGB8 pixels, rows of width*3 bytes; free with fq_media_rgb_free. */
typedef struct fq_media_rgb {
    uint8_t *pixels;
    int32_t width;
    int32_t height;
} fq_media_rgb;

/* Reads the JPEG at `path` and decodes it at the largest DCT scale whose long edge is not
 * above `max_edge` (or the smallest scale when none is; max_edge <= 0: full size).
 * Returns FQ_OK, FQ_ERR_NOTFOUND, FQ_ERR_IO, FQ_ERR_CORRUPT (not a JPEG, over 64 MB or
 * 100 MP), FQ_ERR_NOMEM. `out` is set only on success. */
fq_err fq_media_decode_rgb(const char *path, int max_edge, fq_media_rgb *out);

/* Frees the pixels of `img` (fields zeroed). NULL is fine. */
void fq_media_rgb_free(fq_media_rgb *img);

#endif
