/* A small PNG writer: 8-bit RGB, filter "Sub" per row, one zlib stream in one IDAT, crc32
 * from zlib; written through fsio (temp, fsync, rename) so a crash leaves no half file.
 * Deliberately no reader, no palette, no interlace: screenshots only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "fsio/fsio.h"
#include "platform/platform.h"

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static bool write_chunk(FILE *f, const char type[4], const uint8_t *data, uint32_t len)
{
    uint8_t hdr[8];
    put32(hdr, len);
    memcpy(hdr + 4, type, 4);
    uLong crc = crc32(0L, (const Bytef *)type, 4);
    if (len)
        crc = crc32(crc, data, len);
    uint8_t tail[4];
    put32(tail, (uint32_t)crc);
    return fwrite(hdr, 1, 8, f) == 8 && (len == 0 || fwrite(data, 1, len, f) == len) &&
           fwrite(tail, 1, 4, f) == 4;
}

fq_ui_result fq_platform_png_write_rgb(const char *path, const uint8_t *rgb, int w, int h,
                                       int stride)
{
    if (w <= 0 || h <= 0 || w > 16384 || h > 16384 || stride < w * 3)
        return FQ_UI_ERR_INVALID;
    fq_ui_result rc = FQ_UI_ERR_IO;
    size_t row = (size_t)w * 3 + 1;
    size_t raw_len = row * (size_t)h;
    uLongf z_len = compressBound((uLong)raw_len);
    uint8_t *raw = malloc(raw_len);
    uint8_t *z = malloc(z_len);
    fq_fsio_stream *out_file = NULL;
    if (!raw || !z) {
        rc = FQ_UI_ERR_NOMEM;
        goto out;
    }
    for (int y = 0; y < h; y++) {
        uint8_t *dst = raw + row * (size_t)y;
        const uint8_t *src = rgb + (size_t)stride * (size_t)y;
        dst[0] = 1; /* Sub: flat UI areas become runs of zeros, which deflate well */
        for (int x = 0; x < w * 3; x++)
            dst[1 + x] = (uint8_t)(src[x] - (x >= 3 ? src[x - 3] : 0));
    }
    if (compress2(z, &z_len, raw, (uLong)raw_len, 6) != Z_OK)
        goto out;
    if (fq_fsio_stream_open(path, &out_file, NULL, 0) != FQ_OK)
        goto out;
    FILE *f = fq_fsio_stream_file(out_file);
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    uint8_t ihdr[13];
    put32(ihdr, (uint32_t)w);
    put32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 8;  /* bit depth */
    ihdr[9] = 2;  /* colour type RGB */
    ihdr[10] = 0; /* deflate */
    ihdr[11] = 0; /* adaptive filtering */
    ihdr[12] = 0; /* no interlace */
    bool ok = fwrite(sig, 1, 8, f) == 8 && write_chunk(f, "IHDR", ihdr, 13) &&
              write_chunk(f, "IDAT", z, (uint32_t)z_len) && write_chunk(f, "IEND", NULL, 0);
    if (!ok) {
        fq_fsio_stream_abort(out_file);
        goto out;
    }
    if (fq_fsio_stream_commit(out_file, NULL, 0) == FQ_OK)
        rc = FQ_UI_OK;
out:
    free(raw);
    free(z);
    return rc;
}
