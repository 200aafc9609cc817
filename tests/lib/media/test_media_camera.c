/* The camera path without a device (issue 17): raw YUYV and NV12 frames with padded lines
 * (the driver's bytesperline) come out unsheared; short and malformed frames are refused; a
 * recorded MJPEG stream plays frame by frame (and loops) through the photo source
 * interface; the viewfinder decoder scales a 1280x720 frame to fit an 800x480 panel and
 * reuses its buffer; no camera is a clear FQ_ERR_UNSUPPORTED. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "media/media.h"
#include "media/media_decode.h"
#include "media_test_util.h"

#define W 36  /* not a multiple of 16: drivers pad such lines */
#define H 20
#define DARK 40
#define BRIGHT 220

/* Luma of the test pattern at x, y: a vertical edge at W/2 that moves one pixel per row,
 * so a wrong stride (a shear) moves it by many. */
static unsigned char pattern(int x, int y)
{
    return x < W / 2 + y / 4 ? DARK : BRIGHT;
}

/* Every row's edge is where the pattern put it (within the JPEG's blur). */
static void assert_unsheared(const unsigned char *jpeg, size_t len)
{
    int w = 0, h = 0;
    unsigned char *luma = tu_decode_luma(jpeg, len, &w, &h);
    assert_non_null(luma);
    assert_int_equal(w, W);
    assert_int_equal(h, H);
    for (int y = 0; y < H; y++) {
        int edge = W / 2 + y / 4;
        assert_true(luma[y * W + edge - 4] < 90);
        assert_true(luma[y * W + edge + 3] > 170);
    }
    free(luma);
}

static void test_yuyv_with_padded_lines(void **state)
{
    (void)state;
    int stride = W * 2 + 24;
    unsigned char *f = malloc((size_t)stride * H);
    memset(f, 0xEE, (size_t)stride * H); /* the padding is garbage */
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            f[y * stride + x * 2] = pattern(x, y);
            f[y * stride + x * 2 + 1] = 128;
        }
    unsigned char *jpeg = NULL;
    size_t len = 0;
    assert_int_equal(fq_media_frame_to_jpeg(f, (size_t)stride * H, FQ_MEDIA_FRAME_YUYV, W, H,
                                            stride, 90, &jpeg, &len), FQ_OK);
    assert_unsheared(jpeg, len);
    free(jpeg);
    /* short, a stride shorter than a line, an odd YUYV width, an unknown format */
    /* the last line needs its pixels, not its padding */
    size_t need = (size_t)stride * (H - 1) + W * 2;
    assert_int_equal(fq_media_frame_to_jpeg(f, need, FQ_MEDIA_FRAME_YUYV, W, H, stride, 90,
                                            &jpeg, &len), FQ_OK);
    free(jpeg);
    assert_int_equal(fq_media_frame_to_jpeg(f, need - 1, FQ_MEDIA_FRAME_YUYV, W, H, stride, 90,
                                            &jpeg, &len), FQ_ERR_CORRUPT);
    assert_int_equal(fq_media_frame_to_jpeg(f, (size_t)stride * H, FQ_MEDIA_FRAME_YUYV, W, H,
                                            W, 90, &jpeg, &len), FQ_ERR_INVALID);
    assert_int_equal(fq_media_frame_to_jpeg(f, (size_t)stride * H, FQ_MEDIA_FRAME_YUYV, W - 1,
                                            H, stride, 90, &jpeg, &len), FQ_ERR_INVALID);
    assert_int_equal(fq_media_frame_to_jpeg(f, (size_t)stride * H, FQ_MEDIA_FRAME_MJPEG, W, H,
                                            stride, 90, &jpeg, &len), FQ_ERR_INVALID);
    free(f);
}

static void test_nv12_with_padded_lines(void **state)
{
    (void)state;
    int stride = W + 28;
    size_t size = (size_t)stride * H + (size_t)stride * (H / 2);
    unsigned char *f = malloc(size);
    memset(f, 0x11, size);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            f[y * stride + x] = pattern(x, y);
    for (int y = 0; y < H / 2; y++)
        for (int x = 0; x < W; x++)
            f[(size_t)stride * H + (size_t)(y * stride + x)] = 128;
    unsigned char *jpeg = NULL;
    size_t len = 0;
    assert_int_equal(fq_media_frame_to_jpeg(f, size, FQ_MEDIA_FRAME_NV12, W, H, stride, 90,
                                            &jpeg, &len), FQ_OK);
    assert_unsheared(jpeg, len);
    free(jpeg);
    size_t need = (size_t)stride * H + (size_t)stride * (H / 2 - 1) + W;
    assert_int_equal(fq_media_frame_to_jpeg(f, need - 1, FQ_MEDIA_FRAME_NV12, W, H, stride, 90,
                                            &jpeg, &len), FQ_ERR_CORRUPT);
    free(f);
}

/* Three frames of a 1280x720 camera back to back, and junk a cut recording leaves. */
static void write_stream(const char *path, int n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (int i = 0; i < n; i++) {
        unsigned char *card = tu_test_card(1280, 720);
        card[i * 3] = (unsigned char)(i * 50); /* each frame its own bytes */
        size_t len = 0;
        unsigned char *jpeg = tu_encode(card, 1280, 720, TJSAMP_422, 80, 0, &len);
        assert_int_equal(fwrite(jpeg, 1, len, f), len);
        free(jpeg);
        free(card);
    }
    fputs("\xff\xd8 cut", f);
    fclose(f);
}

static void test_recorded_stream_and_preview(void **state)
{
    (void)state;
    char path[1024], err[256];
    fq_test_path(path, sizeof path, "camera.mjpeg");
    write_stream(path, 3);
    fq_photo_source *src = NULL;
    assert_int_equal(fq_photo_source_open_mjpeg(path, 0, &src, err, sizeof err), FQ_OK);
    fq_media_preview *pv = NULL;
    assert_int_equal(fq_media_preview_new(&pv), FQ_OK);
    fq_photo_frame fr;
    const uint8_t *first_pixels = NULL;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(fq_photo_source_next(src, &fr), FQ_OK);
        assert_true(fr.len > 1000);
        assert_int_equal(fr.jpeg[0], 0xFF);
        assert_int_equal(fr.jpeg[fr.len - 1], 0xD9);
        const fq_media_rgb *img = NULL;
        assert_int_equal(fq_media_preview_decode(pv, fr.jpeg, fr.len, 800, 480, &img), FQ_OK);
        assert_int_equal(img->width, 640); /* 1/2: the largest scale that fits 800x480 */
        assert_int_equal(img->height, 360);
        if (!first_pixels)
            first_pixels = img->pixels;
        assert_ptr_equal(img->pixels, first_pixels); /* one buffer, reused */
        /* a stored photo from a frame goes through the same pipeline as an import */
        if (i == 0) {
            fq_media *m = NULL;
            fq_media_output out;
            assert_int_equal(fq_media_new(&m), FQ_OK);
            assert_int_equal(fq_media_compress(m, fr.jpeg, fr.len, &out), FQ_OK);
            assert_int_equal(out.width, 1280);
            fq_media_free(m);
        }
    }
    assert_int_equal(fq_photo_source_next(src, &fr), FQ_ERR_NOTFOUND);
    assert_non_null(strstr(fq_photo_source_errmsg(src), "end of the recorded stream"));
    fq_photo_source_close(src);
    /* looping: a viewfinder test can run as long as it likes */
    assert_int_equal(fq_photo_source_open_mjpeg(path, 1, &src, err, sizeof err), FQ_OK);
    for (int i = 0; i < 7; i++)
        assert_int_equal(fq_photo_source_next(src, &fr), FQ_OK);
    fq_photo_source_close(src);
    /* a frame that is no baseline JPEG is refused, the next is fine */
    const fq_media_rgb *img = NULL;
    static const unsigned char junk[] = {0xFF, 0xD8, 0xFF, 0xD9};
    assert_int_equal(fq_media_preview_decode(pv, junk, sizeof junk, 800, 480, &img),
                     FQ_ERR_CORRUPT);
    fq_media_preview_free(pv);
    assert_int_equal(fq_photo_source_open_mjpeg("/nonexistent.mjpeg", 0, &src, err, sizeof err),
                     FQ_ERR_NOTFOUND);
}

static void test_no_camera_is_a_clear_message(void **state)
{
    (void)state;
    fq_photo_source *src = NULL;
    char err[256] = "";
    assert_int_equal(fq_photo_source_open_v4l2("/dev/fieldqc-no-such-camera", &src, err,
                                               sizeof err), FQ_ERR_UNSUPPORTED);
    assert_non_null(strstr(err, "no camera"));
    assert_null(src);
    /* not a video device at all */
    assert_int_equal(fq_photo_source_open_v4l2("/dev/null", &src, err, sizeof err),
                     FQ_ERR_UNSUPPORTED);
    assert_non_null(strstr(err, "no camera"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yuyv_with_padded_lines),
        cmocka_unit_test(test_nv12_with_padded_lines),
        cmocka_unit_test(test_recorded_stream_and_preview),
        cmocka_unit_test(test_no_camera_is_a_clear_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
