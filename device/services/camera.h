/* fq_app_camera: the viewfinder's worker. A thread reads frames from a photo source (a V4L2
 * camera, or a recorded MJPEG stream for tests and demos), keeps the newest one as JPEG (what
 * "Take" stores) and decodes it for the screen (fq_media_preview, at the largest 1/2^n scale
 * that fits); the UI thread never waits on the camera: it picks up the newest decoded frame
 * when it likes (fq_app_camera_latest, a short lock) and frames it did not pick up are
 * dropped. Not here: SDL, textures (the host turns pixels into images), the store (the taken
 * JPEG is attached by fq_app_photo_attach_capture). */
#ifndef FQ_SERVICES_CAMERA_H
#define FQ_SERVICES_CAMERA_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef struct fq_app_camera fq_app_camera;

/* Starts the worker on `device` (a /dev/video* or /dev/v4l/by-id path; a path ending in
 * ".mjpeg" is a recorded stream, played in a loop) decoding for a max_w x max_h screen.
 * FQ_ERR_UNSUPPORTED with a message for the inspector in msg (msg_len bytes) when there is
 * no camera; FQ_ERR_NOMEM, FQ_ERR_IO. *out set on success; close with fq_app_camera_close. */
fq_err fq_app_camera_open(const char *device, int max_w, int max_h, fq_app_camera **out,
                          char *msg, size_t msg_len);

/* The newest decoded frame, copied into the caller's buffer `rgb` (rgb_cap bytes, RGB8
 * rows of width*3) when it is newer than *seq: returns 1 and sets *w, *h, *seq; 0 when
 * nothing new; -1 when the worker stopped (the camera is gone: *msg says why). */
int fq_app_camera_latest(fq_app_camera *cam, uint8_t *rgb, size_t rgb_cap, int *w, int *h,
                         uint64_t *seq, char *msg, size_t msg_len);

/* Writes the newest full-size frame (JPEG) to `path` atomically. FQ_ERR_NOTFOUND when no
 * frame came yet; FQ_ERR_IO, FQ_ERR_FULL, FQ_ERR_NOMEM. */
fq_err fq_app_camera_take(fq_app_camera *cam, const char *path, char *msg, size_t msg_len);

/* Frames decoded so far (for tests and the status line). */
uint64_t fq_app_camera_frames(fq_app_camera *cam);

/* Stops the worker (joins it) and frees everything. NULL is fine. */
void fq_app_camera_close(fq_app_camera *cam);

#endif
