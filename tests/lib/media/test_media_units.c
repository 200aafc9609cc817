/* test_media_units.c: fq_media parts that need no real photos: SHA-256 known vectors,
 * the EXIF reader on hand-built segments (both byte orders, broken offsets), synthetic
 * JPEGs of every sampling and colour space, every kind of bad input (nothing written),
 * disk full (write hook and a real 64 KB tmpfs), the folder source and the absent camera. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <turbojpeg.h>
#include <unistd.h>

#include "harness.h"
#include "core/sha256.h"
#include "media/media.h"
#include "media_test_util.h"

/* ---- SHA-256 ---------------------------------------------------------------------- */

static void test_sha256_vectors(void **state)
{
    (void)state;
    char hex[FQ_HASH_LEN];
    fq_core_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    fq_core_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    fq_core_sha256_hex(m448, strlen(m448), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    fq_core_sha256_hex(m896, strlen(m896), hex);
    assert_string_equal(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    /* one million 'a', fed in uneven pieces to exercise the block buffering */
    char *a = malloc(1000000);
    memset(a, 'a', 1000000);
    fq_core_sha256 ctx;
    unsigned char d[32];
    fq_core_sha256_init(&ctx);
    size_t pos = 0;
    size_t step = 1;
    while (pos < 1000000) {
        size_t n = step < 1000000 - pos ? step : 1000000 - pos;
        fq_core_sha256_update(&ctx, a + pos, n);
        pos += n;
        step = step * 3 % 997 + 1;
    }
    fq_core_sha256_final(&ctx, d);
    static const unsigned char want[32] = {
        0xcd, 0xc7, 0x6e, 0x5c, 0x99, 0x14, 0xfb, 0x92, 0x81, 0xa1, 0xc7, 0xe2, 0x84, 0xd7, 0x3e, 0x67,
        0xf1, 0x80, 0x9a, 0x48, 0xa4, 0x97, 0x20, 0x0e, 0x04, 0x6d, 0x39, 0xcc, 0xc7, 0x11, 0x2c, 0xd0};
    assert_memory_equal(d, want, 32);
    /* lengths around the 55/56/64-byte padding edges agree with the one-shot path */
    for (size_t n = 50; n < 130; n++) {
        char h1[FQ_HASH_LEN];
        char h2[FQ_HASH_LEN];
        fq_core_sha256_hex(a, n, h1);
        fq_core_sha256_init(&ctx);
        fq_core_sha256_update(&ctx, a, n / 2);
        fq_core_sha256_update(&ctx, a + n / 2, n - n / 2);
        fq_core_sha256_final(&ctx, d);
        for (int i = 0; i < 32; i++)
            snprintf(h2 + i * 2, 3, "%02x", d[i]);
        assert_string_equal(h1, h2);
    }
    free(a);
}

/* ---- EXIF ---------------------------------------------------------------------------- */

static void put16(unsigned char *p, int be, unsigned v)
{
    p[be ? 0 : 1] = (unsigned char)(v >> 8);
    p[be ? 1 : 0] = (unsigned char)v;
}

static void put32(unsigned char *p, int be, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[be ? i : 3 - i] = (unsigned char)(v >> (24 - 8 * i));
}

/* SOI + APP1 Exif with IFD0 {Orientation, ExifIFD} and Exif IFD {DateTimeOriginal,
 * OffsetTimeOriginal (when offset)} + EOI. */
static size_t make_exif_jpeg(unsigned char *buf, int be, int orientation, const char *when,
                             const char *offset)
{
    unsigned char t[256];
    memset(t, 0, sizeof t);
    t[0] = t[1] = be ? 'M' : 'I';
    put16(t + 2, be, 42);
    put32(t + 4, be, 8);
    put16(t + 8, be, 2); /* IFD0 at 8: 2 entries, next IFD 0 */
    put16(t + 10, be, 0x0112);
    put16(t + 12, be, 3);
    put32(t + 14, be, 1);
    put16(t + 18, be, (unsigned)orientation);
    put16(t + 22, be, 0x8769);
    put16(t + 24, be, 4);
    put32(t + 26, be, 1);
    put32(t + 30, be, 38);
    put32(t + 34, be, 0);
    int n_exif = offset ? 2 : 1; /* Exif IFD at 38 */
    put16(t + 38, be, (unsigned)n_exif);
    put16(t + 40, be, 0x9003);
    put16(t + 42, be, 2);
    put32(t + 44, be, 20);
    put32(t + 48, be, 100);
    if (offset) {
        put16(t + 52, be, 0x9011);
        put16(t + 54, be, 2);
        put32(t + 56, be, 7);
        put32(t + 60, be, 130);
        memcpy(t + 130, offset, 7);
    }
    memcpy(t + 100, when, 20);
    size_t tiff_len = 140;
    size_t n = 0;
    buf[n++] = 0xFF;
    buf[n++] = 0xD8;
    buf[n++] = 0xFF;
    buf[n++] = 0xE1;
    size_t seg = tiff_len + 8;
    buf[n++] = (unsigned char)(seg >> 8);
    buf[n++] = (unsigned char)seg;
    memcpy(buf + n, "Exif\0\0", 6);
    n += 6;
    memcpy(buf + n, t, tiff_len);
    n += tiff_len;
    buf[n++] = 0xFF;
    buf[n++] = 0xD9;
    return n;
}

static void test_exif_fields(void **state)
{
    (void)state;
    unsigned char buf[512];
    fq_media_exif ex;
    for (int be = 0; be <= 1; be++) {
        for (int o = 1; o <= 8; o++) {
            size_t n = make_exif_jpeg(buf, be, o, "2024:03:05 14:30:15", NULL);
            fq_media_parse_exif(buf, n, &ex);
            assert_int_equal(ex.orientation, o);
            assert_int_equal(ex.captured_utc, 1709649015); /* naive time taken as UTC */
            assert_int_equal(ex.has_offset, 0);
        }
        size_t n = make_exif_jpeg(buf, be, 6, "2024:03:05 14:30:15", "+02:00");
        fq_media_parse_exif(buf, n, &ex);
        assert_int_equal(ex.captured_utc, 1709649015 - 7200);
        assert_int_equal(ex.has_offset, 1);
        /* invalid orientation and a never-set camera clock */
        n = make_exif_jpeg(buf, be, 9, "0000:00:00 00:00:00", NULL);
        fq_media_parse_exif(buf, n, &ex);
        assert_int_equal(ex.orientation, 1);
        assert_int_equal(ex.captured_utc, 0);
    }
}

static void test_exif_hostile(void **state)
{
    (void)state;
    unsigned char buf[512];
    fq_media_exif ex;
    size_t n = make_exif_jpeg(buf, 0, 6, "2024:03:05 14:30:15", NULL);
    /* every truncation of the segment: never reads out of bounds (ASan), never crashes */
    for (size_t cut = 0; cut <= n; cut++) {
        unsigned char *copy = malloc(cut ? cut : 1);
        memcpy(copy, buf, cut);
        fq_media_parse_exif(copy, cut, &ex);
        assert_true(ex.orientation >= 1 && ex.orientation <= 8);
        free(copy);
    }
    /* IFD offset far outside, entry count huge, date offset outside */
    n = make_exif_jpeg(buf, 0, 6, "2024:03:05 14:30:15", NULL);
    put32(buf + 10 + 4, 0, 0x7FFFFFF0);
    fq_media_parse_exif(buf, n, &ex);
    assert_int_equal(ex.orientation, 1);
    n = make_exif_jpeg(buf, 0, 6, "2024:03:05 14:30:15", NULL);
    put16(buf + 10 + 8, 0, 0xFFFF);
    fq_media_parse_exif(buf, n, &ex);
    assert_true(ex.orientation >= 1 && ex.orientation <= 8);
    n = make_exif_jpeg(buf, 0, 6, "2024:03:05 14:30:15", NULL);
    put32(buf + 10 + 48, 0, 0xFFFFFFF0);
    fq_media_parse_exif(buf, n, &ex);
    assert_int_equal(ex.orientation, 6);
    assert_int_equal(ex.captured_utc, 0);
    /* not a JPEG at all */
    fq_media_parse_exif((const unsigned char *)"hello", 5, &ex);
    assert_int_equal(ex.orientation, 1);
}

/* ---- synthetic JPEGs through the pipeline -------------------------------------------- */

static void test_samplings_and_colourspaces(void **state)
{
    (void)state;
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    assert_int_equal(fq_media_set_long_edge(m, 512), FQ_OK);
    int w = 1000;
    int h = 700;
    unsigned char *card = tu_test_card(w, h);
    const char *store = fq_test_dir("samplings");
    unsigned char *ref = NULL;
    int rw = 0;
    int rh = 0;
    const int samps[] = {TJSAMP_444, TJSAMP_422, TJSAMP_420, TJSAMP_440, TJSAMP_411, TJSAMP_GRAY};
    for (size_t i = 0; i < sizeof samps / sizeof samps[0]; i++) {
        size_t len;
        unsigned char *jpeg = tu_encode(card, w, h, samps[i], 95, 0, &len);
        assert_non_null(jpeg);
        for (int progressive = 0; progressive <= 1; progressive++) {
            unsigned char *in = jpeg;
            size_t in_len = len;
            if (progressive) {
                in = tu_transform(jpeg, len, TJXOP_NONE, TJXOPT_PROGRESSIVE, 0, 0, &in_len);
                assert_non_null(in);
            }
            fq_media_result r;
            fq_err err = fq_media_process_memory(m, store, in, in_len, &r);
            if (err)
                fprintf(stderr, "samp %d: %s\n", samps[i], fq_media_errmsg(m));
            assert_int_equal(err, FQ_OK);
            assert_int_equal(r.width, 512);
            assert_int_equal(r.height, 358);
            assert_int_equal(r.thumb_width, 256);
            assert_int_equal(r.thumb_height, 179);
            char path[4096];
            assert_int_equal(fq_fsio_photo_path(store, r.sha256, path, sizeof path), FQ_OK);
            unsigned char *out;
            size_t out_len;
            assert_int_equal(fq_test_read_file(path, &out, &out_len), 0);
            assert_int_equal((int64_t)out_len, r.bytes);
            int ow;
            int oh;
            unsigned char *luma = tu_decode_luma(out, out_len, &ow, &oh);
            assert_non_null(luma);
            if (!ref) {
                ref = luma;
                rw = ow;
                rh = oh;
            } else {
                assert_int_equal(ow, rw);
                assert_int_equal(oh, rh);
                double mad = tu_mad(ref, luma, (size_t)ow * (size_t)oh);
                fprintf(stderr, "  sampling %d progressive %d: luma MAD %.2f\n", samps[i], progressive, mad);
                assert_true(mad < 2.5); /* same picture whatever the sampling */
                free(luma);
            }
            free(out);
            if (progressive)
                free(in);
        }
        free(jpeg);
    }
    /* Adobe CMYK: inverted values, K = 255 means no black: should show the same picture */
    unsigned char *cmyk = malloc((size_t)w * (size_t)h * 4);
    for (size_t i = 0; i < (size_t)w * (size_t)h; i++) {
        memcpy(cmyk + i * 4, card + i * 3, 3);
        cmyk[i * 4 + 3] = 255;
    }
    size_t len;
    unsigned char *jpeg = tu_encode(cmyk, w, h, TJSAMP_444, 95, 1, &len);
    assert_non_null(jpeg);
    fq_media_output o;
    assert_int_equal(fq_media_compress(m, jpeg, len, &o), FQ_OK);
    int ow;
    int oh;
    unsigned char *luma = tu_decode_luma(o.jpeg, o.jpeg_len, &ow, &oh);
    assert_int_equal(ow, rw);
    assert_true(tu_mad(ref, luma, (size_t)ow * (size_t)oh) < 2.5);
    free(luma);
    free(jpeg);
    free(cmyk);
    free(ref);
    free(card);
    fq_media_free(m);
}

static void test_small_images_and_settings(void **state)
{
    (void)state;
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    const char *store = fq_test_dir("small");
    unsigned char *card = tu_test_card(40, 3);
    size_t len;
    unsigned char *jpeg = tu_encode(card, 40, 3, TJSAMP_420, 90, 0, &len);
    fq_media_result r;
    assert_int_equal(fq_media_process_memory(m, store, jpeg, len, &r), FQ_OK);
    assert_int_equal(r.width, 40); /* never enlarged */
    assert_int_equal(r.height, 3);
    assert_int_equal(r.thumb_width, 40);
    free(jpeg);
    free(card);
    card = tu_test_card(1, 1);
    jpeg = tu_encode(card, 1, 1, TJSAMP_444, 90, 0, &len);
    assert_int_equal(fq_media_process_memory(m, store, jpeg, len, &r), FQ_OK);
    assert_int_equal(r.width, 1);
    free(jpeg);
    free(card);
    /* settings out of range are refused with a message, and change nothing */
    assert_int_equal(fq_media_set_long_edge(m, 5), FQ_ERR_INVALID);
    assert_true(strlen(fq_media_errmsg(m)) > 0);
    assert_int_equal(fq_media_set_quality(m, 0), FQ_ERR_INVALID);
    assert_int_equal(fq_media_set_quality(m, 101), FQ_ERR_INVALID);
    assert_int_equal(fq_media_set_thumb_size(m, 5000), FQ_ERR_INVALID);
    assert_int_equal(fq_media_set_max_pixels(m, 0), FQ_ERR_INVALID);
    /* very thin: 3000 x 2 -> 1600 x 1 */
    card = tu_test_card(3000, 2);
    jpeg = tu_encode(card, 3000, 2, TJSAMP_420, 90, 0, &len);
    assert_int_equal(fq_media_process_memory(m, store, jpeg, len, &r), FQ_OK);
    assert_int_equal(r.width, 1600);
    assert_int_equal(r.height, 1);
    assert_int_equal(r.thumb_width, 256);
    assert_int_equal(r.thumb_height, 1);
    free(jpeg);
    free(card);
    fq_media_free(m);
}

/* ---- bad input: a clear error, nothing written ----------------------------------------- */

static void expect_rejected(fq_media *m, const char *store, const unsigned char *data, size_t len,
                            fq_err want)
{
    fq_media_result r;
    fq_err err = fq_media_process_memory(m, store, data, len, &r);
    fprintf(stderr, "  %zu bytes rejected as %s: %s\n", len, fq_err_name(err), fq_media_errmsg(m));
    assert_int_equal(err, want);
    assert_true(strlen(fq_media_errmsg(m)) > 5);
    assert_int_equal(tu_count_files(store, NULL), 0);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    const char *store = fq_test_dir("bad");
    unsigned char *card = tu_test_card(800, 600);
    size_t len;
    unsigned char *jpeg = tu_encode(card, 800, 600, TJSAMP_420, 90, 0, &len);
    expect_rejected(m, store, (const unsigned char *)"", 0, FQ_ERR_CORRUPT);
    const char *text = "this is a text file, not a photo\n";
    expect_rejected(m, store, (const unsigned char *)text, strlen(text), FQ_ERR_CORRUPT);
    expect_rejected(m, store, jpeg, 2, FQ_ERR_CORRUPT);
    expect_rejected(m, store, jpeg, 300, FQ_ERR_CORRUPT);     /* header cut */
    expect_rejected(m, store, jpeg, len / 2, FQ_ERR_CORRUPT); /* truncated scan */
    expect_rejected(m, store, jpeg, len - 2, FQ_ERR_CORRUPT); /* EOI missing */
    /* corrupt entropy data */
    unsigned char *bad = malloc(len);
    memcpy(bad, jpeg, len);
    srand(7);
    for (size_t i = len / 3; i < len / 3 + 2000; i++)
        bad[i] = (unsigned char)rand();
    expect_rejected(m, store, bad, len, FQ_ERR_CORRUPT);
    /* a header claiming 60000 x 60000: SOF0 height/width patched */
    memcpy(bad, jpeg, len);
    size_t pos = 2;
    while (pos + 9 < len && !(bad[pos] == 0xFF && bad[pos + 1] == 0xC0))
        pos += 2 + ((size_t)bad[pos + 2] << 8 | bad[pos + 3]);
    assert_true(pos + 9 < len);
    bad[pos + 5] = 0xEA;
    bad[pos + 6] = 0x60;
    bad[pos + 7] = 0xEA;
    bad[pos + 8] = 0x60;
    expect_rejected(m, store, bad, len, FQ_ERR_INVALID);
    /* a lower limit applies to ordinary photos too */
    assert_int_equal(fq_media_set_max_pixels(m, 100000), FQ_OK);
    expect_rejected(m, store, jpeg, len, FQ_ERR_INVALID);
    /* files: missing, empty, a directory */
    fq_media_result r;
    assert_int_equal(fq_media_process_file(m, store, "/nonexistent/x.jpg", &r), FQ_ERR_NOTFOUND);
    char path[4096];
    fq_test_path(path, sizeof path, "empty.jpg");
    assert_int_equal(fq_test_write_file(path, "", 0), 0);
    assert_int_equal(fq_media_process_file(m, store, path, &r), FQ_ERR_CORRUPT);
    assert_int_equal(fq_media_process_file(m, store, "/tmp", &r), FQ_ERR_IO);
    assert_int_equal(tu_count_files(store, NULL), 0);
    free(bad);
    free(jpeg);
    free(card);
    fq_media_free(m);
}

/* ---- dedup and the store ------------------------------------------------------------- */

static void test_store_dedup(void **state)
{
    (void)state;
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    const char *store = fq_test_dir("dedup");
    unsigned char *card = tu_test_card(2000, 1500);
    size_t len;
    unsigned char *jpeg = tu_encode(card, 2000, 1500, TJSAMP_420, 90, 0, &len);
    fq_media_result a;
    fq_media_result b;
    assert_int_equal(fq_media_process_memory(m, store, jpeg, len, &a), FQ_OK);
    assert_int_equal(tu_count_files(store, NULL), 2);
    char path[4096];
    assert_int_equal(fq_fsio_photo_path(store, a.sha256, path, sizeof path), FQ_OK);
    struct stat st1;
    assert_int_equal(stat(path, &st1), 0);
    assert_int_equal(fq_media_process_memory(m, store, jpeg, len, &b), FQ_OK);
    assert_string_equal(a.sha256, b.sha256);
    assert_string_equal(a.thumb_sha256, b.thumb_sha256);
    assert_int_equal(tu_count_files(store, NULL), 2);
    struct stat st2;
    assert_int_equal(stat(path, &st2), 0);
    assert_int_equal(st1.st_ino, st2.st_ino); /* not rewritten */
    /* the file name is the hash of the content, in <dir>/ab/ */
    unsigned char *data;
    size_t data_len;
    assert_int_equal(fq_test_read_file(path, &data, &data_len), 0);
    char hex[FQ_HASH_LEN];
    fq_core_sha256_hex(data, data_len, hex);
    assert_string_equal(hex, a.sha256);
    assert_non_null(strstr(path, "/"));
    char sub[8];
    snprintf(sub, sizeof sub, "/%.2s/", a.sha256);
    assert_non_null(strstr(path, sub));
    assert_false(tu_has_app1(data, data_len));
    free(data);
    assert_int_equal(fq_fsio_photo_path(store, "nothex", path, sizeof path), FQ_ERR_INVALID);
    free(jpeg);
    free(card);
    fq_media_free(m);
}

/* ---- disk full ------------------------------------------------------------------------ */

static int fail_after_calls;
static ssize_t full_write(int fd, const void *buf, size_t len)
{
    if (fail_after_calls-- <= 0) {
        errno = ENOSPC;
        return -1;
    }
    /* a short write first, as a filling disk does */
    return write(fd, buf, len > 1000 ? len / 2 : len);
}

static void test_disk_full_hook(void **state)
{
    (void)state;
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    const char *store = fq_test_dir("full");
    unsigned char *card = tu_test_card(2000, 1500);
    size_t len;
    unsigned char *jpeg = tu_encode(card, 2000, 1500, TJSAMP_420, 90, 0, &len);
    fq_media_set_write_fn(m, full_write);
    for (int after = 0; after < 12; after++) {
        fail_after_calls = after;
        fq_media_result r;
        fq_err err = fq_media_process_memory(m, store, jpeg, len, &r);
        int n_tmp = 0;
        int n_files = tu_count_files(store, &n_tmp);
        assert_int_equal(n_tmp, 0);
        if (err == FQ_OK) { /* enough calls to write both files */
            assert_int_equal(n_files, 2);
            break;
        }
        assert_int_equal(err, FQ_ERR_FULL);
        assert_non_null(strstr(fq_media_errmsg(m), "full"));
        assert_int_equal(n_files, 0); /* all or nothing, also when the thumbnail failed */
    }
    fq_media_set_write_fn(m, NULL);
    free(jpeg);
    free(card);
    fq_media_free(m);
}

static void test_disk_full_tmpfs(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("tmpfs");
    if (geteuid() != 0 || mount("tmpfs", dir, "tmpfs", 0, "size=64k") != 0) {
        fprintf(stderr, "skipped: cannot mount a 64 KB tmpfs (%s); the write hook test covers ENOSPC\n",
                strerror(errno));
        skip();
    }
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    unsigned char *card = tu_test_card(3000, 2000);
    size_t len;
    unsigned char *jpeg = tu_encode(card, 3000, 2000, TJSAMP_444, 98, 0, &len);
    assert_int_equal(fq_media_set_long_edge(m, FQ_MEDIA_LONG_EDGE_ORIGINAL), FQ_OK);
    assert_int_equal(fq_media_set_quality(m, 98), FQ_OK);
    fq_media_result r;
    char store[4096];
    snprintf(store, sizeof store, "%s/photos", dir);
    fq_err err = fq_media_process_memory(m, store, jpeg, len, &r);
    fprintf(stderr, "  tmpfs: %s: %s\n", fq_err_name(err), fq_media_errmsg(m));
    assert_int_equal(err, FQ_ERR_FULL);
    int n_tmp = 0;
    assert_int_equal(tu_count_files(dir, &n_tmp), 0);
    assert_int_equal(n_tmp, 0);
    /* a small photo still fits afterwards: the failure left no garbage behind */
    assert_int_equal(fq_media_set_long_edge(m, 400), FQ_OK);
    assert_int_equal(fq_media_set_quality(m, 80), FQ_OK);
    assert_int_equal(fq_media_process_memory(m, store, jpeg, len, &r), FQ_OK);
    assert_int_equal(tu_count_files(dir, NULL), 2);
    assert_int_equal(umount(dir), 0);
    free(jpeg);
    free(card);
    fq_media_free(m);
}

/* ---- sources -------------------------------------------------------------------------- */

static void test_folder_source(void **state)
{
    (void)state;
    const char *root = fq_test_dir("card");
    char path[4096];
    snprintf(path, sizeof path, "%s/DCIM", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/DCIM/100TEST", root);
    mkdir(path, 0755);
    unsigned char *card = tu_test_card(640, 480);
    size_t len;
    unsigned char *jpeg = tu_encode(card, 640, 480, TJSAMP_420, 85, 0, &len);
    const char *names[] = {"DCIM/100TEST/IMG_0002.JPG", "DCIM/100TEST/IMG_0001.jpg",
                           "DCIM/100TEST/._IMG_0001.jpg", "DCIM/100TEST/notes.txt",
                           "DCIM/100TEST/IMG_0003.jpeg"};
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", root, names[i]);
        assert_int_equal(fq_test_write_file(path, jpeg, len), 0);
    }
    fq_photo_source *src;
    char err[256] = "";
    assert_int_equal(fq_photo_source_open_folder(root, &src, err, sizeof err), FQ_OK);
    fq_media *m;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    const char *want[] = {"IMG_0001.jpg", "IMG_0002.JPG", "IMG_0003.jpeg"};
    for (int i = 0; i < 3; i++) {
        fq_photo_frame f;
        assert_int_equal(fq_photo_source_next(src, &f), FQ_OK);
        assert_string_equal(f.name, want[i]);
        assert_int_equal(f.len, len);
        assert_true(f.taken_utc > 1600000000);
        fq_media_result r;
        assert_int_equal(fq_media_process_memory(m, fq_test_dir("card-store"), f.jpeg, f.len, &r),
                         FQ_OK);
        assert_int_equal(r.width, 640);
    }
    fq_photo_frame f;
    assert_int_equal(fq_photo_source_next(src, &f), FQ_ERR_NOTFOUND);
    fq_photo_source_close(src);
    fq_photo_source_close(NULL);
    assert_int_equal(fq_photo_source_open_folder("/nonexistent/DCIM", &src, err, sizeof err),
                     FQ_ERR_NOTFOUND);
    assert_non_null(strstr(err, "not found"));
    fq_media_free(m);
    free(jpeg);
    free(card);
}

static void test_camera_absent(void **state)
{
    (void)state;
    fq_photo_source *src = NULL;
    char err[256] = "";
    assert_int_equal(fq_photo_source_open_v4l2("/dev/video-fieldqc-none", &src, err, sizeof err),
                     FQ_ERR_UNSUPPORTED);
    assert_null(src);
    assert_non_null(strstr(err, "no camera"));
    fprintf(stderr, "  %s\n", err);
    /* a device node that is not a camera */
    assert_int_equal(fq_photo_source_open_v4l2("/dev/null", &src, err, sizeof err),
                     FQ_ERR_UNSUPPORTED);
    assert_non_null(strstr(err, "no camera"));
    assert_int_equal(fq_photo_source_open_v4l2("/dev/null", &src, NULL, 0), FQ_ERR_UNSUPPORTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_vectors),
        cmocka_unit_test(test_exif_fields),
        cmocka_unit_test(test_exif_hostile),
        cmocka_unit_test(test_samplings_and_colourspaces),
        cmocka_unit_test(test_small_images_and_settings),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_store_dedup),
        cmocka_unit_test(test_disk_full_hook),
        cmocka_unit_test(test_disk_full_tmpfs),
        cmocka_unit_test(test_folder_source),
        cmocka_unit_test(test_camera_absent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
