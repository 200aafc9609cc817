/* jpeg_markers.c: what a JPEG will cost to decode, read from its markers before libjpeg
 * allocates anything: the frame type (baseline, progressive, lossless, arithmetic), the
 * components' sampling factors, and the number of scans. libjpeg-turbo keeps a whole-image
 * coefficient buffer (2 bytes per sample of every component) for progressive and multi-scan
 * files, which no API can avoid, and decodes every scan of it again: a 3.3 MB progressive
 * file can need 595 MB, a 499-scan file 11 s. The pipeline refuses such files up front
 * (fq_media_check_cost) instead of letting a 1 GB Pi run out of memory.
 * The walk skips entropy-coded data by looking for the next marker (0xFF followed by a byte
 * that is neither 0x00 nor a restart marker), as libjpeg's own marker reader does.
 * Untrusted input: every length is checked against the buffer; nothing is allocated. */
#include <string.h>

#include "media/media_internal.h"

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* Offset of the next marker at or after `pos` inside entropy-coded data, or len. */
static size_t next_marker(const unsigned char *jpeg, size_t len, size_t pos)
{
    while (pos + 1 < len) {
        const unsigned char *ff = memchr(jpeg + pos, 0xFF, len - pos - 1);
        if (!ff)
            return len;
        size_t at = (size_t)(ff - jpeg);
        unsigned char m = jpeg[at + 1];
        if (m != 0x00 && m != 0xFF && !(m >= 0xD0 && m <= 0xD7))
            return at;
        pos = at + 1;
    }
    return len;
}

static void read_frame(const unsigned char *seg, unsigned seg_len, unsigned char marker,
                       fq_media_markers *out)
{
    if (seg_len < 6)
        return;
    out->has_frame = 1;
    out->frame_marker = marker;
    out->height = (int)be16(seg + 1);
    out->width = (int)be16(seg + 3);
    int n = seg[5];
    if (n > FQ_MEDIA_MAX_COMPONENTS || seg_len < 6u + 3u * (unsigned)n)
        n = 0; /* libjpeg refuses these itself; the cost estimate must not read past them */
    out->n_components = n;
    for (int i = 0; i < n; i++) {
        out->h_samp[i] = seg[6 + 3 * i + 1] >> 4;
        out->v_samp[i] = seg[6 + 3 * i + 1] & 15;
    }
}

void fq_media_read_markers(const unsigned char *jpeg, size_t len, fq_media_markers *out)
{
    memset(out, 0, sizeof *out);
    if (len < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        return;
    size_t pos = 2;
    while (pos + 4 <= len) {
        if (jpeg[pos] != 0xFF) { /* garbage between segments: libjpeg skips it too */
            pos = next_marker(jpeg, len, pos);
            continue;
        }
        unsigned char m = jpeg[pos + 1];
        if (m == 0xFF) { /* fill byte */
            pos++;
            continue;
        }
        if (m == 0xD9) /* EOI */
            break;
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* no length field */
            pos += 2;
            continue;
        }
        unsigned seg_len = be16(jpeg + pos + 2);
        if (seg_len < 2 || pos + 2 + seg_len > len)
            break; /* cut inside a segment: the decoder reports it */
        const unsigned char *seg = jpeg + pos + 4;
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC && !out->has_frame)
            read_frame(seg, seg_len - 2, m, out);
        pos += 2 + seg_len;
        if (m == 0xDA) { /* SOS: count it, then skip its entropy-coded data */
            if (out->n_scans == 0 && seg_len >= 3)
                out->first_scan_components = seg[0];
            out->n_scans++;
            pos = next_marker(jpeg, len, pos);
        }
    }
}

/* Bytes of libjpeg's whole-image coefficient buffer: every component's blocks, padded to
 * whole MCUs, 64 coefficients of 2 bytes each. */
static int64_t coefficient_bytes(const fq_media_markers *mk)
{
    int hmax = 1;
    int vmax = 1;
    for (int i = 0; i < mk->n_components; i++) {
        hmax = mk->h_samp[i] > hmax ? mk->h_samp[i] : hmax;
        vmax = mk->v_samp[i] > vmax ? mk->v_samp[i] : vmax;
    }
    int64_t mcus_x = ((int64_t)mk->width + 8 * hmax - 1) / (8 * hmax);
    int64_t mcus_y = ((int64_t)mk->height + 8 * vmax - 1) / (8 * vmax);
    int64_t total = 0;
    for (int i = 0; i < mk->n_components; i++)
        total += mcus_x * mk->h_samp[i] * mcus_y * mk->v_samp[i] * 64 * 2;
    return total;
}

int64_t fq_media_decode_cost_bytes(const fq_media_markers *mk, int64_t out_pixels, int packed)
{
    int progressive = mk->frame_marker == 0xC2 || mk->frame_marker == 0xC6 ||
                      mk->frame_marker == 0xCA || mk->frame_marker == 0xCE;
    int multi_scan = mk->n_components > 0 && mk->first_scan_components < mk->n_components;
    int64_t cost = 0;
    if (progressive || multi_scan)
        cost += coefficient_bytes(mk);
    /* the scaled output: planes (about 2 bytes a pixel for 4:2:0, 3 for 4:4:4), or packed
     * pixels and the 4:4:4 planes made from them */
    cost += out_pixels * (packed ? 7 : 3);
    return cost;
}
