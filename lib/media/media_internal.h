/* media_internal.h: declarations shared by the files of fq_media; never included outside
 * lib/media. Holds the handle body, the plane type the pipeline works on, and the entry
 * points of the resampler, drawing, font and store helpers. */
#ifndef FQ_MEDIA_MEDIA_INTERNAL_H
#define FQ_MEDIA_MEDIA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <turbojpeg.h>

#include "media/media.h"

#define FQ_MEDIA_ERRMSG_LEN 256

/* One 8-bit image plane (Y, Cb, Cr, or gray). px is borrowed. */
typedef struct fq_plane {
    unsigned char *px;
    int w;
    int h;
    int stride;
} fq_plane;

/* A growable scratch buffer owned by the handle and reused across photos. */
typedef struct fq_buf {
    unsigned char *p;
    size_t cap;
} fq_buf;

/* A decoded or resampled image: 1 plane (gray) or 3 (Y, Cb, Cr in 4:2:0 for our outputs). */
typedef struct fq_image {
    fq_plane planes[3];
    int n_planes;
    int w;
    int h;
} fq_image;

struct fq_media {
    tjhandle dec;
    tjhandle enc;
    int long_edge_px;
    int thumb_px;
    int quality;
    int64_t max_pixels;
    fq_fsio_write_fn write_fn;
    char errmsg[FQ_MEDIA_ERRMSG_LEN];
    fq_buf decoded;  /* DCT-scaled decode, planes */
    fq_buf main;     /* stored-size planes, upright */
    fq_buf thumb;    /* thumbnail planes */
    fq_buf scratch;  /* resampler weights and row ring */
    fq_buf rgb;      /* annotation canvas / RGB fallback decode */
    unsigned char *jpeg_main; /* TurboJPEG-allocated output buffers, reused */
    unsigned long jpeg_main_cap;
    unsigned char *jpeg_thumb;
    unsigned long jpeg_thumb_cap;
    fq_image main_img;
    int64_t max_decode_bytes;
    int max_scans;
    fq_media_progress_fn progress;
    void *progress_user;
};

/* Reports a stage of the pipeline to the handle's progress hook (if any). */
void fq_media_report(fq_media *m, int percent);

/* Sets the handle's message (printf-style) and returns err, for "return fail(m, ...)". */
fq_err fq_media_fail(fq_media *m, fq_err err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records a TurboJPEG decode failure ("what: tj message") and replaces the decompressor,
 * which libjpeg-turbo 2.1 leaves in an unusable state. Returns err. */
fq_err fq_media_decode_failed(fq_media *m, fq_err err, const char *what);

/* Untrusted input: TJFLAG_STOPONWARNING turns truncated or corrupt data into an error
 * (libjpeg would fill the missing part with grey and warn), TJFLAG_LIMITSCANS stops
 * progressive files with absurd scan counts. */
#define FQ_MEDIA_DECODE_FLAGS (TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS)

/* What a JPEG's header says. */
typedef struct fq_media_header {
    int w;
    int h;
    int subsamp;
    int colorspace;
} fq_media_header;

/* What a JPEG's markers say before decoding (jpeg_markers.c). */
#define FQ_MEDIA_MAX_COMPONENTS 4
typedef struct fq_media_markers {
    int has_frame;            /* a SOF segment was found */
    unsigned char frame_marker; /* 0xC0 baseline, 0xC2 progressive, ... */
    int width;
    int height;
    int n_components;
    int h_samp[FQ_MEDIA_MAX_COMPONENTS];
    int v_samp[FQ_MEDIA_MAX_COMPONENTS];
    int n_scans;              /* SOS segments */
    int first_scan_components; /* components of the first scan (fewer: multi-scan file) */
} fq_media_markers;

/* Walks the markers of untrusted JPEG bytes (never fails; unknown parts left 0). */
void fq_media_read_markers(const unsigned char *jpeg, size_t len, fq_media_markers *out);

/* Bytes libjpeg and the pipeline need to decode to out_pixels (scaled) pixels: the whole
 * coefficient buffer of a progressive or multi-scan file plus the output planes (packed:
 * the RGB/CMYK fallback). An estimate within a few percent, used to refuse in advance. */
int64_t fq_media_decode_cost_bytes(const fq_media_markers *mk, int64_t out_pixels, int packed);

/* Refuses a JPEG over the handle's scan or memory limit for a decode to out_pixels:
 * FQ_ERR_INVALID with the reason (the counts and the limit) on m. */
fq_err fq_media_check_cost(fq_media *m, const unsigned char *jpeg, size_t len,
                           int64_t out_pixels, int packed);

/* Reads and checks the header of untrusted JPEG bytes: a JPEG at all, pixels within the
 * handle's limit. FQ_ERR_CORRUPT / FQ_ERR_INVALID with the reason on m. */
fq_err fq_media_read_header(fq_media *m, const unsigned char *jpeg, size_t len,
                            fq_media_header *hd);

/* Makes b hold at least n bytes (contents not kept). FQ_ERR_NOMEM on failure. */
fq_err fq_media_buf_reserve(fq_buf *b, size_t n);
void fq_media_buf_release(fq_buf *b);

/* Filters for fq_media_resample. Lanczos-3 is sharp: luma of the stored photo and of the
 * thumbnail (with the triangle filter the 256 px thumbnail measured 0.004-0.025 SSIM below
 * vips's; with Lanczos-3 it is level or above, media_bench). The triangle filter
 * (area-like when shrinking) costs a third and is used for chroma, where the eye cannot
 * tell the difference. */
#define FQ_FILTER_LANCZOS3 0
#define FQ_FILTER_TRIANGLE 1

/* Resamples src into dst with `filter` (separable, single-precision float), writing
 * the result turned by EXIF orientation 1..8: dst->w x dst->h are the upright dimensions
 * (swapped relative to the resampled size for orientations 5..8). scratch is reused. */
fq_err fq_media_resample(fq_buf *scratch, const fq_plane *src, const fq_plane *dst,
                         int orientation, int filter);

/* Long edge scaled to `long_edge_px` keeping the aspect ratio (never enlarging; 0 = keep). */
void fq_media_fit(int w, int h, int long_edge_px, int *out_w, int *out_h);

/* Lays out a 3-plane 4:2:0 (or 1-plane gray) image of w x h in buf and fills img. */
fq_err fq_media_image_alloc(fq_buf *buf, int w, int h, int n_planes, fq_image *img);

/* Reads a whole file (at most 2 GB) into a malloc'd buffer the caller frees. */
fq_err fq_media_read_file(fq_media *m, const char *path, unsigned char **out, size_t *out_len);

/* Back half of the pipeline: m->main_img (upright) -> thumbnail -> both JPEGs. */
fq_err fq_media_encode_outputs(fq_media *m, fq_media_output *out);

/* Stores both outputs; on failure removes what this call created. */
fq_err fq_media_store_outputs(fq_media *m, const char *store_dir, const fq_media_output *o,
                              fq_media_result *out);

/* Atomic content-addressed write; *out_created tells whether a new file appeared. */
fq_err fq_media_store_put2(fq_media *m, const char *store_dir, const unsigned char *data,
                           size_t len, char *out_sha256, int *out_created);

/* 5x7 ASCII font with descenders: the FQ_FONT_ROWS rows of a glyph (bit 4 = left
 * column); rows FQ_FONT_H.. are below the baseline. '?' for other bytes. */
const uint8_t *fq_media_font_glyph(unsigned char c);
#define FQ_FONT_W 5
#define FQ_FONT_H 7    /* cap height: rows down to the baseline */
#define FQ_FONT_ROWS 9 /* with the descender rows */

/* Anti-aliased drawing on an RGB canvas (3 bytes per pixel, stride w*3). */
typedef struct fq_canvas {
    unsigned char *px;
    int w;
    int h;
} fq_canvas;
void fq_media_draw_segment(fq_canvas *c, float x0, float y0, float x1, float y1, float width,
                           const uint8_t rgb[3]);
void fq_media_draw_ring(fq_canvas *c, float cx, float cy, float r, float width,
                        const uint8_t rgb[3]);
void fq_media_draw_rect(fq_canvas *c, int x0, int y0, int x1, int y1, const uint8_t rgb[3],
                        int alpha);
void fq_media_draw_text(fq_canvas *c, int x, int y, int scale, const char *text, size_t len,
                        const uint8_t rgb[3]);

#endif
