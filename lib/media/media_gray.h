/* Storing images the app drew itself (finger-drawn signatures): grayscale pixels encoded as
 * a JPEG and put in the content-addressed photo store like any photo. */
#ifndef FQ_MEDIA_MEDIA_GRAY_H
#define FQ_MEDIA_MEDIA_GRAY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "media/media.h"

/* Encodes gray (w*h bytes, row-major, 0 = black) as a grayscale JPEG at quality 90 and stores
 * it in store_dir. out_sha256 (FQ_HASH_LEN) receives its name, *out_bytes its size.
 * FQ_ERR_INVALID for an empty or oversized image (more than 4096 px a side). */
fq_err fq_media_store_gray(fq_media *m, const char *store_dir, const unsigned char *gray,
                           int32_t width, int32_t height, char *out_sha256, int64_t *out_bytes);

#endif
