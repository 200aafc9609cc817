/* media.h: the photo pipeline of fieldqc (public API of fq_media).
 *
 * What it does: takes a JPEG (camera frame, imported file), reads its EXIF orientation and
 * capture time, decodes it once with DCT scaling, resamples to the stored size and to a
 * thumbnail, turns the pixels upright, encodes both with TurboJPEG and writes them into a
 * content-addressed photo store (<dir>/ab/abcdef...jpg, name = SHA-256 of the bytes) with
 * temp file + fsync + rename. It also burns annotations (arrows, circles, a caption) into a
 * copy of a stored photo, and offers photo sources (a folder of JPEGs, a V4L2 camera).
 *
 * What it does not do: no database (the caller records an fq_photo row from fq_media_result
 * after the files are durable), no SDL, no threads (one fq_media per thread), no EXIF
 * output (stored JPEGs carry no EXIF at all: no GPS, no maker notes).
 *
 * Errors: functions return fq_err; the human-readable reason is on the handle
 * (fq_media_errmsg, fq_photo_source_errmsg). Out-parameters are set only on success. */
#ifndef FQ_MEDIA_MEDIA_H
#define FQ_MEDIA_MEDIA_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/err.h"
#include "core/model.h"
#include "fsio/fsio.h"

/* ---- settings ------------------------------------------------------------------------ */

#define FQ_MEDIA_LONG_EDGE_DEFAULT 1600 /* stored photo: long edge in pixels */
#define FQ_MEDIA_LONG_EDGE_ORIGINAL 0   /* keep the decoded size (only turned upright) */
#define FQ_MEDIA_THUMB_DEFAULT 256      /* thumbnail long edge in pixels */
#define FQ_MEDIA_QUALITY_DEFAULT 80     /* JPEG quality 1..100 */
#define FQ_MEDIA_MAX_PIXELS_DEFAULT 100000000LL /* refuse headers claiming more (100 MP) */
#define FQ_MEDIA_MAX_DECODE_BYTES_DEFAULT (256LL * 1024 * 1024) /* memory one decode may need */
#define FQ_MEDIA_MAX_SCANS_DEFAULT 64 /* progressive scans (libjpeg's own script has 10) */
#define FQ_MEDIA_CAPTION_MAX 120        /* bytes of caption text burnt into a photo */

/* ---- results ------------------------------------------------------------------------- */

/* What the caller needs to record an fq_photo row. Dimensions are of the upright image. */
typedef struct fq_media_result {
    char sha256[FQ_HASH_LEN];       /* stored JPEG, lowercase hex; its file name in the store */
    char thumb_sha256[FQ_HASH_LEN]; /* thumbnail JPEG */
    int32_t width;
    int32_t height;
    int64_t bytes;
    int32_t thumb_width;
    int32_t thumb_height;
    int64_t thumb_bytes;
    int64_t captured_utc; /* EXIF DateTimeOriginal as UTC seconds, 0 when the file has none */
    int32_t orientation;  /* EXIF orientation that was applied, 1..8 (1 when absent) */
} fq_media_result;

/* Encoded outputs held by the handle (see fq_media_compress). */
typedef struct fq_media_output {
    const unsigned char *jpeg; /* stored-size JPEG, owned by the handle */
    size_t jpeg_len;
    const unsigned char *thumb; /* thumbnail JPEG, owned by the handle */
    size_t thumb_len;
    int32_t width;
    int32_t height;
    int32_t thumb_width;
    int32_t thumb_height;
    int64_t captured_utc;
    int32_t orientation;
} fq_media_output;

/* ---- the handle ---------------------------------------------------------------------- */

typedef struct fq_media fq_media;

/* Creates a pipeline handle with default settings (1600 px, 256 px thumbnail, q80,
 * 100 MP limit). *out is set on success; free with fq_media_free.
 * Returns FQ_OK or FQ_ERR_NOMEM. */
fq_err fq_media_new(fq_media **out);

/* Frees the handle and its scratch buffers. Accepts NULL. */
void fq_media_free(fq_media *m);

/* Last error message of the handle; never NULL ("" when none). Valid until the next call. */
const char *fq_media_errmsg(const fq_media *m);

/* Stored size: long edge in pixels (1024, 1600, 2048, ... 16..16384) or
 * FQ_MEDIA_LONG_EDGE_ORIGINAL. Images are never enlarged. Returns FQ_ERR_INVALID if out of range. */
fq_err fq_media_set_long_edge(fq_media *m, int long_edge_px);

/* Thumbnail long edge in pixels, 16..1024. Returns FQ_ERR_INVALID if out of range. */
fq_err fq_media_set_thumb_size(fq_media *m, int thumb_px);

/* JPEG quality for both outputs, 1..100. Returns FQ_ERR_INVALID if out of range. */
fq_err fq_media_set_quality(fq_media *m, int quality);

/* Largest width*height accepted from a JPEG header (1 .. 1e9). Returns FQ_ERR_INVALID. */
fq_err fq_media_set_max_pixels(fq_media *m, int64_t max_pixels);

/* Largest memory one decode may need (16 MB .. 4 GB): libjpeg's whole-image coefficient
 * buffer of a progressive or multi-scan JPEG plus the decoded planes, estimated from the
 * markers before anything is allocated. Returns FQ_ERR_INVALID if out of range. */
fq_err fq_media_set_max_decode_bytes(fq_media *m, int64_t max_bytes);

/* Most scans (SOS segments) accepted in one JPEG, 1..1000: each scan of a progressive file
 * is decoded over the whole image again. Returns FQ_ERR_INVALID if out of range. */
fq_err fq_media_set_max_scans(fq_media *m, int max_scans);

/* Progress of the calls below, in percent (0..100) at each stage: header read, decoded,
 * resampled, encoded, stored. TurboJPEG 2.1 reports nothing inside one decode, so a stage
 * is the finest step. fn runs on the calling thread; NULL turns it off. */
typedef void (*fq_media_progress_fn)(void *user, int percent);
void fq_media_set_progress(fq_media *m, fq_media_progress_fn fn, void *user);

/* Write function used for every file the handle writes; NULL restores write(2).
 * It exists for fault-injection tests (disk full, I/O error), as sqlite's test VFS does. */
void fq_media_set_write_fn(fq_media *m, fq_fsio_write_fn fn);

/* Decodes `jpeg` (len bytes, borrowed, untrusted) once and encodes the stored-size image
 * and the thumbnail, upright, without EXIF. *out points into the handle and stays valid
 * until the next call on m. Writes no file.
 * Returns FQ_OK; FQ_ERR_CORRUPT (empty, not a JPEG, truncated, corrupt data),
 * FQ_ERR_INVALID (over the pixel, memory or scan limit: the reason says which),
 * FQ_ERR_NOMEM. */
fq_err fq_media_compress(fq_media *m, const unsigned char *jpeg, size_t len,
                         fq_media_output *out);

/* fq_media_compress, then stores both JPEGs in the photo store `store_dir` (created if
 * missing). Storing a photo whose output already exists is a no-op returning the same
 * hash. On any error nothing new is left in the store (no temp file, no partial file).
 * Returns the fq_media_compress codes plus FQ_ERR_FULL (disk full), FQ_ERR_IO. */
fq_err fq_media_process_memory(fq_media *m, const char *store_dir, const unsigned char *jpeg,
                               size_t len, fq_media_result *out);

/* Same as fq_media_process_memory for a JPEG file at `path`. Reads it into a buffer it
 * frees before resampling, which keeps peak memory low. Also FQ_ERR_NOTFOUND. */
fq_err fq_media_process_file(fq_media *m, const char *store_dir, const char *path,
                             fq_media_result *out);

/* Checks that untrusted bytes decode as a JPEG within the pixel limit (every block, at the
 * smallest scale; nothing is written, no pixels kept). FQ_OK, FQ_ERR_CORRUPT (not a JPEG,
 * truncated, corrupt), FQ_ERR_INVALID (over the pixel limit), FQ_ERR_NOMEM; the reason is
 * fq_media_errmsg. */
fq_err fq_media_check_jpeg(fq_media *m, const unsigned char *jpeg, size_t len);

/* ---- the photo store (content addressed files, fsio's layout: fq_fsio_photo_path) ----- */

/* Stores `data` under its SHA-256 in `store_dir`: temp file, write, fsync, rename, fsync
 * the directory. No-op when the file already exists with the same size.
 * out_sha256 (FQ_HASH_LEN bytes) receives the hex hash on success.
 * Returns FQ_OK, FQ_ERR_FULL, FQ_ERR_IO, FQ_ERR_INVALID. */
fq_err fq_media_store_put(fq_media *m, const char *store_dir, const unsigned char *data,
                          size_t len, char *out_sha256);

/* ---- EXIF ---------------------------------------------------------------------------- */

typedef struct fq_media_exif {
    int32_t orientation;  /* 1..8; 1 when absent or invalid */
    int64_t captured_utc; /* DateTimeOriginal (else DateTime) in UTC seconds; 0 when absent */
    int32_t has_offset;   /* 1 when OffsetTimeOriginal gave the zone (true UTC) */
} fq_media_exif;

/* Reads orientation and capture time from the APP1 Exif segment of a JPEG in memory
 * (untrusted, borrowed). The capture time has no zone in EXIF 2.2: without an
 * OffsetTimeOriginal tag it is taken as UTC (the camera's local time, stored naive), so
 * reports show the time the inspector saw on the camera. Never fails: a JPEG without (or
 * with broken) EXIF gives orientation 1 and time 0. */
void fq_media_parse_exif(const unsigned char *jpeg, size_t len, fq_media_exif *out);

/* Photo hashes are core/sha256.h (fq_core_sha256_*), shared with the bundle library. */

/* ---- annotations --------------------------------------------------------------------- */

typedef enum fq_annot_kind {
    FQ_ANNOT_ARROW = 0,  /* from (x0,y0) to the head at (x1,y1) */
    FQ_ANNOT_CIRCLE = 1, /* centre (x0,y0), radius r */
    FQ_ANNOT_RECT = 2,   /* corners (x0,y0) and (x1,y1) */
    FQ_ANNOT_TEXT = 3    /* `text` in a dark box whose top-left corner is (x0,y0) */
} fq_annot_kind;

#define FQ_MEDIA_LABEL_MAX 33 /* bytes of a label incl. nul: a few words, ASCII */

/* One mark in pixel coordinates of the upright stored photo. */
typedef struct fq_annot {
    int32_t kind; /* fq_annot_kind */
    float x0;
    float y0;
    float x1;
    float y1;
    float r;
    float width_px;      /* line width; 0 picks one from the image size */
    uint8_t rgb[3];      /* colour; all 0 picks red */
    char text[FQ_MEDIA_LABEL_MAX]; /* FQ_ANNOT_TEXT: nul-terminated, not empty; other bytes
                                    * than ASCII draw as '?' */
} fq_annot;

/* Burns `n_annots` marks and a caption (ASCII, NULL or "" for none; other bytes draw as
 * '?', at most FQ_MEDIA_CAPTION_MAX bytes) into a copy of the JPEG at `src_path` (a stored
 * photo) and stores the copy and its thumbnail in `store_dir`. The original is untouched.
 * Returns the fq_media_process_file codes; FQ_ERR_INVALID for a bad annotation. */
fq_err fq_media_annotate_file(fq_media *m, const char *store_dir, const char *src_path,
                              const fq_annot *annots, size_t n_annots, const char *caption,
                              fq_media_result *out);

/* ---- camera frames ------------------------------------------------------------------ */

typedef enum fq_media_frame_format {
    FQ_MEDIA_FRAME_MJPEG = 0, /* a JPEG per frame: used as it is */
    FQ_MEDIA_FRAME_YUYV,      /* packed 4:2:2, Y0 Cb Y1 Cr (even widths) */
    FQ_MEDIA_FRAME_NV12       /* Y plane, then interleaved Cb Cr at half width and height */
} fq_media_frame_format;

/* Encodes a raw YUYV or NV12 frame (untrusted length: a short frame is FQ_ERR_CORRUPT) of
 * width x height whose lines are bytes_per_line apart (the driver's bytesperline; 0: packed)
 * as a JPEG of `quality` 1..100. *out malloc'd (free()), *out_len its length.
 * FQ_ERR_INVALID (format, size, a stride shorter than a line), FQ_ERR_NOMEM. */
fq_err fq_media_frame_to_jpeg(const unsigned char *data, size_t len, fq_media_frame_format fmt,
                              int width, int height, int bytes_per_line, int quality,
                              unsigned char **out, size_t *out_len);

/* A viewfinder decoder: frames (JPEG) decoded to RGB at the largest DCT scale that fits a
 * max_w x max_h screen, with one handle and one buffer reused (no allocation per frame once
 * warm). One per thread. */
typedef struct fq_media_preview fq_media_preview;
fq_err fq_media_preview_new(fq_media_preview **out);
void fq_media_preview_free(fq_media_preview *p); /* NULL is fine */
/* *out points into p (valid until the next call on p). FQ_ERR_CORRUPT (not a baseline JPEG
 * frame, over 100 MP), FQ_ERR_NOMEM. */
struct fq_media_rgb;
fq_err fq_media_preview_decode(fq_media_preview *p, const unsigned char *jpeg, size_t len,
                               int max_w, int max_h, const struct fq_media_rgb **out);

/* ---- photo sources ------------------------------------------------------------------- */

typedef struct fq_photo_source fq_photo_source;

/* One photo from a source. Bytes are a JPEG owned by the source, valid until the next call. */
typedef struct fq_photo_frame {
    const unsigned char *jpeg;
    size_t len;
    int64_t taken_utc; /* file mtime (folder) or wall clock at capture (camera) */
    char name[256];    /* file name (folder) or device path (camera) */
} fq_photo_frame;

/* Opens a folder of JPEG files (e.g. a DCIM folder on a USB drive), searched recursively
 * two levels deep, files in name order. On failure writes a message into errbuf (may be
 * NULL) and returns FQ_ERR_NOTFOUND, FQ_ERR_IO or FQ_ERR_NOMEM. Close with fq_photo_source_close. */
fq_err fq_photo_source_open_folder(const char *dir, fq_photo_source **out, char *errbuf,
                                   size_t errbuf_len);

/* Opens a V4L2 capture device ("/dev/video0"), preferring MJPEG frames at the largest
 * size offered (YUYV frames are encoded to JPEG when MJPEG is not offered).
 * Returns FQ_ERR_UNSUPPORTED ("no camera": missing device, not a capture device, built
 * without V4L2), FQ_ERR_IO, FQ_ERR_NOMEM; the reason goes into errbuf. */
fq_err fq_photo_source_open_v4l2(const char *device, fq_photo_source **out, char *errbuf,
                                 size_t errbuf_len);

/* Opens a recorded MJPEG stream (JPEG frames back to back in one file, as a UVC camera
 * sends them) as a camera that plays it: each next gives the following frame; at the end
 * FQ_ERR_NOTFOUND, or the first frame again when `loop`. For tests and benchmarks of the
 * preview and capture path without a device. FQ_ERR_NOTFOUND, FQ_ERR_IO, FQ_ERR_NOMEM. */
fq_err fq_photo_source_open_mjpeg(const char *path, int loop, fq_photo_source **out,
                                  char *errbuf, size_t errbuf_len);

/* Next photo: the next file of a folder, or a fresh capture from a camera.
 * Returns FQ_OK, FQ_ERR_NOTFOUND at the end of a folder, FQ_ERR_IO (read failed, camera
 * gone, timeout), FQ_ERR_CORRUPT (a file too large to be a photo), FQ_ERR_NOMEM. */
fq_err fq_photo_source_next(fq_photo_source *src, fq_photo_frame *out);

/* Last error message of the source; never NULL. */
const char *fq_photo_source_errmsg(const fq_photo_source *src);

/* Closes the source (stops streaming, frees buffers). Accepts NULL. */
void fq_photo_source_close(fq_photo_source *src);

#endif
