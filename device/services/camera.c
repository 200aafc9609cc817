/* The viewfinder's worker thread (camera.h). Two mutex-guarded slots: the newest JPEG frame
 * (for Take) and the newest decoded preview; the worker fills them at camera rate, the UI
 * thread copies out of them when it paints. A recorded stream is paced at 30 frames per
 * second, as a camera would send it. */
#include "services/camera.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fsio/fsio.h"
#include "i18n/i18n.h"
#include "media/media.h"
#include "media/media_decode.h"

#define STREAM_FRAME_NS 33333333L

struct fq_app_camera {
    pthread_t thread;
    pthread_mutex_t lock;
    int started;
    int stop;          /* set by close */
    int failed;        /* the worker stopped on an error: msg says why */
    int recorded;      /* a recorded stream: paced */
    int max_w, max_h;
    fq_photo_source *src;
    fq_media_preview *pv;
    unsigned char *jpeg; /* newest frame, under lock */
    size_t jpeg_len, jpeg_cap;
    uint8_t *rgb;        /* newest preview, under lock */
    size_t rgb_cap;
    int w, h;
    uint64_t seq;
    char msg[256];
};

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

/* Copies into a slot that grows; 0 or -1 (out of memory). */
static int keep(unsigned char **buf, size_t *cap, const void *data, size_t len)
{
    if (len > *cap) {
        unsigned char *p = realloc(*buf, len);
        if (!p)
            return -1;
        *buf = p;
        *cap = len;
    }
    memcpy(*buf, data, len);
    return 0;
}

static void *worker(void *arg)
{
    fq_app_camera *c = arg;
    for (;;) {
        pthread_mutex_lock(&c->lock);
        int stop = c->stop;
        pthread_mutex_unlock(&c->lock);
        if (stop)
            break;
        fq_photo_frame fr;
        fq_err err = fq_photo_source_next(c->src, &fr);
        const fq_media_rgb *img = NULL;
        if (!err && fq_media_preview_decode(c->pv, fr.jpeg, fr.len, c->max_w, c->max_h, &img))
            continue; /* a damaged frame: the next one comes in 1/30 s */
        pthread_mutex_lock(&c->lock);
        if (err) {
            c->failed = 1;
            snprintf(c->msg, sizeof c->msg, "%s", fq_photo_source_errmsg(c->src));
        } else if (keep(&c->jpeg, &c->jpeg_cap, fr.jpeg, fr.len) ||
                   keep(&c->rgb, &c->rgb_cap, img->pixels,
                        (size_t)img->width * (size_t)img->height * 3)) {
            c->failed = 1;
            snprintf(c->msg, sizeof c->msg, "%s", _("out of memory"));
        } else {
            c->jpeg_len = fr.len;
            c->w = img->width;
            c->h = img->height;
            c->seq++;
        }
        int failed = c->failed;
        pthread_mutex_unlock(&c->lock);
        if (failed)
            break;
        if (c->recorded) {
            struct timespec t = {0, STREAM_FRAME_NS};
            nanosleep(&t, NULL);
        }
    }
    return NULL;
}

fq_err fq_app_camera_open(const char *device, int max_w, int max_h, fq_app_camera **out,
                          char *msg, size_t msg_len)
{
    fq_app_camera *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(msg, msg_len, "%s", _("out of memory"));
        return FQ_ERR_NOMEM;
    }
    pthread_mutex_init(&c->lock, NULL);
    c->max_w = max_w;
    c->max_h = max_h;
    /* a /dev/v4l/by-id-style link may name a recording too (the screen tests' cameras) */
    char real[4096];
    const char *target = device && realpath(device, real) ? real : device;
    c->recorded = target && ends_with(target, ".mjpeg");
    fq_err err = c->recorded ? fq_photo_source_open_mjpeg(target, 1, &c->src, msg, msg_len)
                             : fq_photo_source_open_v4l2(device, &c->src, msg, msg_len);
    if (!err && fq_media_preview_new(&c->pv) != FQ_OK) {
        err = FQ_ERR_NOMEM;
        snprintf(msg, msg_len, "%s", _("out of memory"));
    }
    if (!err && pthread_create(&c->thread, NULL, worker, c) != 0) {
        err = FQ_ERR_NOMEM;
        snprintf(msg, msg_len, "%s", _("cannot start the camera thread"));
    }
    if (err) {
        fq_app_camera_close(c);
        return err;
    }
    c->started = 1;
    *out = c;
    return FQ_OK;
}

int fq_app_camera_latest(fq_app_camera *cam, uint8_t *rgb, size_t rgb_cap, int *w, int *h,
                         uint64_t *seq, char *msg, size_t msg_len)
{
    int rc = 0;
    pthread_mutex_lock(&cam->lock);
    if (cam->seq > *seq && (size_t)cam->w * (size_t)cam->h * 3 <= rgb_cap) {
        memcpy(rgb, cam->rgb, (size_t)cam->w * (size_t)cam->h * 3);
        *w = cam->w;
        *h = cam->h;
        *seq = cam->seq;
        rc = 1;
    } else if (cam->failed) {
        snprintf(msg, msg_len, "%s", cam->msg);
        rc = -1;
    }
    pthread_mutex_unlock(&cam->lock);
    return rc;
}

fq_err fq_app_camera_take(fq_app_camera *cam, const char *path, char *msg, size_t msg_len)
{
    unsigned char *copy = NULL;
    size_t len = 0;
    pthread_mutex_lock(&cam->lock);
    if (cam->jpeg_len && (copy = malloc(cam->jpeg_len)) != NULL) {
        memcpy(copy, cam->jpeg, cam->jpeg_len);
        len = cam->jpeg_len;
    }
    int none = cam->jpeg_len == 0;
    pthread_mutex_unlock(&cam->lock);
    if (none) {
        snprintf(msg, msg_len, "%s", _("no picture from the camera yet"));
        return FQ_ERR_NOTFOUND;
    }
    if (!copy) {
        snprintf(msg, msg_len, "%s", _("out of memory"));
        return FQ_ERR_NOMEM;
    }
    /* the disk is written outside the lock: the viewfinder keeps running */
    fq_err err = fq_fsio_write_atomic(path, copy, len, NULL, msg, msg_len);
    free(copy);
    return err;
}

uint64_t fq_app_camera_frames(fq_app_camera *cam)
{
    pthread_mutex_lock(&cam->lock);
    uint64_t n = cam->seq;
    pthread_mutex_unlock(&cam->lock);
    return n;
}

void fq_app_camera_close(fq_app_camera *cam)
{
    if (!cam)
        return;
    if (cam->started) {
        pthread_mutex_lock(&cam->lock);
        cam->stop = 1;
        pthread_mutex_unlock(&cam->lock);
        pthread_join(cam->thread, NULL);
    }
    fq_photo_source_close(cam->src);
    fq_media_preview_free(cam->pv);
    pthread_mutex_destroy(&cam->lock);
    free(cam->jpeg);
    free(cam->rgb);
    free(cam);
}
