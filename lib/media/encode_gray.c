/* fq_media_store_gray: encode app-drawn grayscale pixels and store them. */
#include "media/media_gray.h"

#include <turbojpeg.h>

#include "media_internal.h"

fq_err fq_media_store_gray(fq_media *m, const char *store_dir, const unsigned char *gray,
                           int32_t width, int32_t height, char *out_sha256, int64_t *out_bytes)
{
    if (!gray || width <= 0 || height <= 0 || width > 4096 || height > 4096)
        return fq_media_fail(m, FQ_ERR_INVALID, "signature image must be 1..4096 px a side");
    tjhandle tj = tjInitCompress();
    if (!tj)
        return fq_media_fail(m, FQ_ERR_NOMEM, "cannot start the JPEG encoder");
    unsigned char *jpeg = NULL;
    unsigned long jpeg_len = 0;
    fq_err err = FQ_OK;
    if (tjCompress2(tj, gray, width, 0, height, TJPF_GRAY, &jpeg, &jpeg_len, TJSAMP_GRAY, 90,
                    TJFLAG_ACCURATEDCT) != 0)
        err = fq_media_fail(m, FQ_ERR_NOMEM, "signature encode: %s", tjGetErrorStr2(tj));
    if (!err)
        err = fq_media_store_put(m, store_dir, jpeg, (size_t)jpeg_len, out_sha256);
    if (!err)
        *out_bytes = (int64_t)jpeg_len;
    tjFree(jpeg);
    tjDestroy(tj);
    return err;
}
