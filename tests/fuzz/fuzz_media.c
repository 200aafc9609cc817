/* fuzz_media.c: libFuzzer target for the untrusted-input path of fq_media: the EXIF reader
 * and the whole decode -> resample -> orient -> encode pipeline on arbitrary bytes. Files
 * are not written (fq_media_compress). The pixel limit is lowered to 4 MP and the output
 * sizes kept small so each input runs in milliseconds; the code paths are the same. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "media/media.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static fq_media *m;
    if (!m) {
        if (fq_media_new(&m) != FQ_OK)
            abort();
        fq_media_set_max_pixels(m, 4000000);
        fq_media_set_long_edge(m, 320);
        fq_media_set_thumb_size(m, 64);
    }
    fq_media_exif ex;
    fq_media_parse_exif(data, size, &ex);
    if (ex.orientation < 1 || ex.orientation > 8)
        abort();
    fq_media_output out;
    if (fq_media_compress(m, data, size, &out) == FQ_OK) {
        if (out.width < 1 || out.height < 1 || out.width > 320 || out.height > 320 ||
            out.jpeg_len == 0 || out.thumb_len == 0)
            abort();
    }
    return 0;
}
