/* source_v4l2.c: a V4L2 camera as a photo source (USB UVC cameras, the Raspberry Pi camera
 * through its V4L2 interface). Prefers MJPEG at the largest frame size the camera offers and
 * hands those frames over as they are; YUYV or NV12 cameras get their frames encoded to JPEG
 * (q92) by fq_media_frame_to_jpeg, with the driver's line stride (bytesperline: padded lines
 * would otherwise come out sheared). Streaming I/O with 4 mmap'ed buffers; the first frames after start
 * are dropped because auto exposure needs them.
 * No camera (no device, not a capture device, a build without <linux/videodev2.h>) is
 * FQ_ERR_UNSUPPORTED with a readable message, never a crash. It does not set exposure,
 * focus or controls, and does not run a preview. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "media/source_internal.h"

#if defined(__linux__)
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/videodev2.h>

#define N_BUFFERS 4
#define WARMUP_FRAMES 3
#define FRAME_TIMEOUT_MS 3000
#define YUYV_QUALITY 92

typedef struct v4l2_source {
    fq_photo_source base;
    int fd;
    int streaming;
    uint32_t pixfmt;
    uint32_t width;
    uint32_t height;
    uint32_t bytes_per_line;
    void *maps[N_BUFFERS];
    size_t map_len[N_BUFFERS];
    unsigned n_maps;
    unsigned warmup_left;
    unsigned char *frame;
    size_t frame_cap;
    char device[128];
} v4l2_source;

static fq_err cam_next(fq_photo_source *src, fq_photo_frame *out);
static void cam_close(fq_photo_source *src);

static const fq_source_ops cam_ops = {cam_next, cam_close};

static int xioctl(int fd, unsigned long req, void *arg)
{
    int rc;
    do
        rc = ioctl(fd, req, arg);
    while (rc < 0 && errno == EINTR);
    return rc;
}

/* MJPEG if offered, else YUYV, else NV12; 0 when none of them. */
static uint32_t pick_format(int fd)
{
    uint32_t found = 0;
    struct v4l2_fmtdesc d;
    memset(&d, 0, sizeof d);
    d.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    for (d.index = 0; xioctl(fd, VIDIOC_ENUM_FMT, &d) == 0; d.index++) {
        if (d.pixelformat == V4L2_PIX_FMT_MJPEG || d.pixelformat == V4L2_PIX_FMT_JPEG)
            return d.pixelformat;
        if (d.pixelformat == V4L2_PIX_FMT_YUYV)
            found = d.pixelformat;
        else if (d.pixelformat == V4L2_PIX_FMT_NV12 && !found)
            found = d.pixelformat;
    }
    return found;
}

/* Largest discrete frame size for the format; keeps 0x0 when the driver lists none. */
static void pick_size(int fd, uint32_t pixfmt, uint32_t *w, uint32_t *h)
{
    struct v4l2_frmsizeenum fs;
    memset(&fs, 0, sizeof fs);
    fs.pixel_format = pixfmt;
    for (fs.index = 0; xioctl(fd, VIDIOC_ENUM_FRAMESIZES, &fs) == 0; fs.index++) {
        uint32_t fw = fs.type == V4L2_FRMSIZE_TYPE_DISCRETE ? fs.discrete.width : fs.stepwise.max_width;
        uint32_t fh = fs.type == V4L2_FRMSIZE_TYPE_DISCRETE ? fs.discrete.height : fs.stepwise.max_height;
        if ((uint64_t)fw * fh > (uint64_t)*w * *h) {
            *w = fw;
            *h = fh;
        }
        if (fs.type != V4L2_FRMSIZE_TYPE_DISCRETE)
            break;
    }
}

static fq_err start(v4l2_source *c, char *errbuf, size_t errbuf_len)
{
    struct v4l2_format fmt;
    memset(&fmt, 0, sizeof fmt);
    fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    fmt.fmt.pix.pixelformat = c->pixfmt;
    fmt.fmt.pix.width = c->width;
    fmt.fmt.pix.height = c->height;
    fmt.fmt.pix.field = V4L2_FIELD_NONE;
    if (xioctl(c->fd, VIDIOC_S_FMT, &fmt) != 0)
        return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_IO,
                                         "camera %s refused the format: %s", c->device,
                                         strerror(errno));
    c->pixfmt = fmt.fmt.pix.pixelformat;
    c->width = fmt.fmt.pix.width;
    c->height = fmt.fmt.pix.height;
    c->bytes_per_line = fmt.fmt.pix.bytesperline;
    if (c->width == 0 || c->height == 0 || c->width > 16384 || c->height > 16384)
        return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_IO, "camera %s: bad frame size",
                                         c->device);
    struct v4l2_requestbuffers req;
    memset(&req, 0, sizeof req);
    req.count = N_BUFFERS;
    req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    req.memory = V4L2_MEMORY_MMAP;
    if (xioctl(c->fd, VIDIOC_REQBUFS, &req) != 0 || req.count < 1)
        return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_IO, "camera %s: no buffers: %s",
                                         c->device, strerror(errno));
    for (unsigned i = 0; i < req.count && i < N_BUFFERS; i++) {
        struct v4l2_buffer b;
        memset(&b, 0, sizeof b);
        b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        b.memory = V4L2_MEMORY_MMAP;
        b.index = i;
        if (xioctl(c->fd, VIDIOC_QUERYBUF, &b) != 0)
            return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_IO,
                                             "camera %s: QUERYBUF failed", c->device);
        void *p = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, b.m.offset);
        if (p == MAP_FAILED)
            return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_IO,
                                             "camera %s: mmap failed", c->device);
        c->maps[i] = p;
        c->map_len[i] = b.length;
        c->n_maps = i + 1;
        if (xioctl(c->fd, VIDIOC_QBUF, &b) != 0)
            return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_IO,
                                             "camera %s: QBUF failed", c->device);
    }
    enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(c->fd, VIDIOC_STREAMON, &type) != 0)
        return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_IO,
                                         "camera %s: cannot start: %s", c->device, strerror(errno));
    c->streaming = 1;
    c->warmup_left = WARMUP_FRAMES;
    return FQ_OK;
}

fq_err fq_photo_source_open_v4l2(const char *device, fq_photo_source **out, char *errbuf,
                                 size_t errbuf_len)
{
    fq_err err = FQ_OK;
    if (!device)
        device = "/dev/video0";
    v4l2_source *c = calloc(1, sizeof *c);
    if (!c)
        return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_NOMEM, "out of memory");
    c->base.ops = &cam_ops;
    snprintf(c->device, sizeof c->device, "%s", device);
    c->fd = open(device, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (c->fd < 0) {
        err = fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_UNSUPPORTED,
                                        "no camera: %s cannot be opened (%s)", device,
                                        strerror(errno));
        goto out;
    }
    struct v4l2_capability cap;
    memset(&cap, 0, sizeof cap);
    if (xioctl(c->fd, VIDIOC_QUERYCAP, &cap) != 0) {
        err = fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_UNSUPPORTED,
                                        "no camera: %s is not a V4L2 device", device);
        goto out;
    }
    uint32_t caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
    if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING)) {
        err = fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_UNSUPPORTED,
                                        "no camera: %s cannot capture video frames", device);
        goto out;
    }
    c->pixfmt = pick_format(c->fd);
    if (!c->pixfmt) {
        err = fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_UNSUPPORTED,
                                        "camera %s offers no MJPEG, YUYV or NV12 frames (a Pi "
                                        "CSI camera needs libcamera: see the README)", device);
        goto out;
    }
    pick_size(c->fd, c->pixfmt, &c->width, &c->height);
    err = start(c, errbuf, errbuf_len);
out:
    if (err) {
        cam_close(&c->base);
        return err;
    }
    *out = &c->base;
    return FQ_OK;
}

/* A raw frame -> JPEG in c->frame (fq_media_frame_to_jpeg, with the driver's stride). */
static fq_err encode_raw(v4l2_source *c, const unsigned char *p, size_t len, size_t *out_len)
{
    fq_media_frame_format f =
        c->pixfmt == V4L2_PIX_FMT_NV12 ? FQ_MEDIA_FRAME_NV12 : FQ_MEDIA_FRAME_YUYV;
    unsigned char *jpeg = NULL;
    size_t size = 0;
    fq_err err = fq_media_frame_to_jpeg(p, len, f, (int)c->width, (int)c->height,
                                        (int)c->bytes_per_line, YUYV_QUALITY, &jpeg, &size);
    if (err == FQ_ERR_CORRUPT)
        return fq_photo_source_fail(&c->base, FQ_ERR_IO, "camera %s: short frame", c->device);
    if (err)
        return fq_photo_source_fail(&c->base, err, "camera %s: encoding failed", c->device);
    free(c->frame);
    c->frame = jpeg;
    c->frame_cap = size;
    *out_len = size;
    return FQ_OK;
}

static fq_err dequeue(v4l2_source *c, struct v4l2_buffer *b)
{
    struct pollfd pfd = {c->fd, POLLIN, 0};
    int rc = poll(&pfd, 1, FRAME_TIMEOUT_MS);
    if (rc == 0)
        return fq_photo_source_fail(&c->base, FQ_ERR_IO, "camera %s sent no frame in %d s",
                                    c->device, FRAME_TIMEOUT_MS / 1000);
    if (rc < 0 || (pfd.revents & (POLLERR | POLLHUP)))
        return fq_photo_source_fail(&c->base, FQ_ERR_IO, "camera %s is gone", c->device);
    memset(b, 0, sizeof *b);
    b->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    b->memory = V4L2_MEMORY_MMAP;
    if (xioctl(c->fd, VIDIOC_DQBUF, b) != 0 || b->index >= c->n_maps)
        return fq_photo_source_fail(&c->base, FQ_ERR_IO, "camera %s: cannot take a frame: %s",
                                    c->device, strerror(errno));
    return FQ_OK;
}

static fq_err cam_next(fq_photo_source *src, fq_photo_frame *out)
{
    v4l2_source *c = (v4l2_source *)src;
    struct v4l2_buffer b;
    fq_err err;
    for (;;) {
        err = dequeue(c, &b);
        if (err)
            return err;
        if (c->warmup_left == 0 && b.bytesused > 0 && !(b.flags & V4L2_BUF_FLAG_ERROR))
            break;
        if (c->warmup_left > 0)
            c->warmup_left--;
        if (xioctl(c->fd, VIDIOC_QBUF, &b) != 0)
            return fq_photo_source_fail(src, FQ_ERR_IO, "camera %s: QBUF failed", c->device);
    }
    const unsigned char *p = c->maps[b.index];
    size_t len = b.bytesused < c->map_len[b.index] ? b.bytesused : c->map_len[b.index];
    size_t out_len = len;
    if (c->pixfmt == V4L2_PIX_FMT_YUYV || c->pixfmt == V4L2_PIX_FMT_NV12) {
        err = encode_raw(c, p, len, &out_len);
    } else {
        if (c->frame_cap < len) {
            free(c->frame);
            c->frame = malloc(len);
            c->frame_cap = c->frame ? len : 0;
        }
        if (c->frame)
            memcpy(c->frame, p, len);
        else
            err = fq_photo_source_fail(src, FQ_ERR_NOMEM, "out of memory");
    }
    if (xioctl(c->fd, VIDIOC_QBUF, &b) != 0 && !err)
        err = fq_photo_source_fail(src, FQ_ERR_IO, "camera %s: QBUF failed", c->device);
    if (err)
        return err;
    memset(out, 0, sizeof *out);
    out->jpeg = c->frame;
    out->len = out_len;
    out->taken_utc = (int64_t)time(NULL);
    snprintf(out->name, sizeof out->name, "%s", c->device);
    return FQ_OK;
}

static void cam_close(fq_photo_source *src)
{
    v4l2_source *c = (v4l2_source *)src;
    if (c->streaming) {
        enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        xioctl(c->fd, VIDIOC_STREAMOFF, &type);
    }
    for (unsigned i = 0; i < c->n_maps; i++)
        munmap(c->maps[i], c->map_len[i]);
    if (c->fd >= 0)
        close(c->fd);
    free(c->frame);
    free(c);
}

#else /* no V4L2 on this platform */

fq_err fq_photo_source_open_v4l2(const char *device, fq_photo_source **out, char *errbuf,
                                 size_t errbuf_len)
{
    (void)out;
    return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_UNSUPPORTED,
                                     "no camera: %s (built without V4L2)", device ? device : "");
}

#endif
