/* test_media_caption.c: what a burnt-in caption looks like, checked on the decoded pixels of
 * annotated copies of flat grey photos: letters with descenders (g j p q y) reach below the
 * baseline inside the dark band, and a long caption on a narrow photo is drawn to its last
 * word. Both were wrong once and only showed when someone looked at an annotated photo.
 * It does not test arrows and circles (test_media_photos.c does, on a real photo). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "harness.h"
#include "media/media.h"
#include "media_test_util.h"

#define INK 200  /* luma of caption text (white on a dark band) */
#define BAND 100 /* luma under the band: grey 128 darkened by the translucent black */

/* Stores a flat grey w x h photo in `store`; writes its stored path into path. */
static void store_grey(fq_media *m, const char *store, int w, int h, char *path, size_t path_len)
{
    size_t n = (size_t)w * (size_t)h * 3;
    unsigned char *rgb = malloc(n);
    assert_non_null(rgb);
    memset(rgb, 128, n);
    size_t len;
    unsigned char *jpeg = tu_encode(rgb, w, h, TJSAMP_420, 95, 0, &len);
    fq_media_result r;
    assert_int_equal(fq_media_process_memory(m, store, jpeg, len, &r), FQ_OK);
    assert_int_equal(fq_fsio_photo_path(store, r.sha256, path, path_len), FQ_OK);
    free(jpeg);
    free(rgb);
}

/* Annotates src with only a caption; returns the decoded luma of the copy (malloc'd). */
static unsigned char *caption_luma(fq_media *m, const char *store, const char *src,
                                   const char *caption, int *w, int *h)
{
    fq_media_result r;
    assert_int_equal(fq_media_annotate_file(m, store, src, NULL, 0, caption, &r), FQ_OK);
    char path[4096];
    assert_int_equal(fq_fsio_photo_path(store, r.sha256, path, sizeof path), FQ_OK);
    unsigned char *jpeg;
    size_t len;
    assert_int_equal(fq_test_read_file(path, &jpeg, &len), 0);
    unsigned char *luma = tu_decode_luma(jpeg, len, w, h);
    assert_non_null(luma);
    free(jpeg);
    return luma;
}

/* Lowest row holding caption ink, or -1. */
static int lowest_ink_row(const unsigned char *luma, int w, int h)
{
    for (int y = h - 1; y >= 0; y--)
        for (int x = 0; x < w; x++)
            if (luma[(size_t)y * (size_t)w + (size_t)x] > INK)
                return y;
    return -1;
}

static void test_caption_descenders(void **state)
{
    (void)state;
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    const char *store = fq_test_dir("caption-desc");
    char src[4096];
    store_grey(m, store, 480, 360, src, sizeof src);
    int w;
    int h;
    unsigned char *flat = caption_luma(m, store, src, "aceo", &w, &h);
    unsigned char *desc = caption_luma(m, store, src, "gjpqy", &w, &h);
    int base = lowest_ink_row(flat, w, h);
    int low = lowest_ink_row(desc, w, h);
    fprintf(stderr, "  %dx%d: baseline row %d, descenders down to row %d\n", w, h, base, low);
    assert_true(base > h / 2);
    /* at this size a glyph pixel is 2 px: descenders go 2 glyph rows below the baseline */
    assert_true(low >= base + 3);
    /* and stay inside the dark band, with a margin above the photo's bottom edge */
    assert_true(low <= h - 4);
    for (int y = low + 1; y < h; y++)
        assert_true(desc[(size_t)y * (size_t)w + (size_t)w / 2] < BAND);
    free(flat);
    free(desc);
    fq_media_free(m);
}

static void test_caption_fits_narrow_photo(void **state)
{
    (void)state;
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    const char *store = fq_test_dir("caption-narrow");
    char src[4096];
    store_grey(m, store, 240, 320, src, sizeof src);
    /* 100 bytes: more than 4 lines at the default glyph size for a 240 px wide photo */
    const char *a = "Crack 40 mm long in the concrete slab near the pillar, seen from the "
                    "south side; repair it. MMMM";
    const char *b = "Crack 40 mm long in the concrete slab near the pillar, seen from the "
                    "south side; repair it. ....";
    int w;
    int h;
    unsigned char *la = caption_luma(m, store, src, a, &w, &h);
    unsigned char *lb = caption_luma(m, store, src, b, &w, &h);
    /* the last word is drawn: the two copies differ */
    size_t n_diff = 0;
    for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
        n_diff += abs(la[i] - lb[i]) > 60;
    fprintf(stderr, "  %dx%d: %zu pixels differ in the last word\n", w, h, n_diff);
    assert_true(n_diff > 20);
    free(la);
    free(lb);
    fq_media_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caption_descenders),
        cmocka_unit_test(test_caption_fits_narrow_photo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
