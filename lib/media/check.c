/* check.c: does a photo someone sent really decode as a JPEG? Decodes it whole at the
 * smallest DCT scale into gray, which walks every entropy-coded block (a truncated or
 * corrupt file fails) at a fraction of a full decode's time and memory, and discards the
 * pixels. For the office, which stores photos it did not make itself. */
#include <stdlib.h>

#include "media/media_internal.h"

fq_err fq_media_check_jpeg(fq_media *m, const unsigned char *jpeg, size_t len)
{
    fq_media_header hd;
    fq_err err = fq_media_read_header(m, jpeg, len, &hd);
    if (err)
        return err;
    int n_factors = 0;
    tjscalingfactor *f = tjGetScalingFactors(&n_factors);
    tjscalingfactor best = {1, 1};
    for (int i = 0; f && i < n_factors; i++) /* the smallest factor TurboJPEG offers */
        if ((int64_t)f[i].num * best.denom < (int64_t)best.num * f[i].denom)
            best = f[i];
    int w = TJSCALED(hd.w, best);
    int h = TJSCALED(hd.h, best);
    err = fq_media_check_cost(m, jpeg, len, (int64_t)w * h, 0);
    if (err)
        return err;
    unsigned char *gray = malloc((size_t)w * (size_t)h);
    if (!gray)
        return fq_media_fail(m, FQ_ERR_NOMEM, "out of memory checking a photo");
    if (tjDecompress2(m->dec, jpeg, (unsigned long)len, gray, w, 0, h, TJPF_GRAY,
                      FQ_MEDIA_DECODE_FLAGS) != 0)
        err = fq_media_decode_failed(m, FQ_ERR_CORRUPT, "photo does not decode");
    free(gray);
    return err;
}
