/* test_media_limits.c: hostile-but-valid JPEGs are refused before they cost anything, with a
 * reason a person can read: a file cut inside its header (libjpeg-turbo 2.1 says "success"
 * and leaves the size unset), too many progressive scans, more decode memory than allowed;
 * every annotation kind and the progress stages. Synthetic files only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "harness.h"
#include "media/media.h"
#include "media_test_util.h"

static unsigned char *encode_flags(int w, int h, int subsamp, int flags, size_t *out_len)
{
    unsigned char *card = tu_test_card(w, h);
    tjhandle tj = tjInitCompress();
    unsigned char *jpeg = NULL;
    unsigned long len = 0;
    assert_int_equal(tjCompress2(tj, card, w, 0, h, TJPF_RGB, &jpeg, &len, subsamp, 85, flags), 0);
    unsigned char *copy = malloc(len);
    memcpy(copy, jpeg, len);
    tjFree(jpeg);
    tjDestroy(tj);
    free(card);
    *out_len = len;
    return copy;
}

/* Offset of the first SOS marker: every cut before it ends inside the header. */
static size_t sos_offset(const unsigned char *j, size_t len)
{
    for (size_t i = 2; i + 1 < len; i++)
        if (j[i] == 0xFF && j[i + 1] == 0xDA)
            return i;
    return len;
}

static void test_cut_inside_header(void **state)
{
    (void)state;
    size_t len = 0;
    unsigned char *jpeg = encode_flags(64, 48, TJSAMP_420, 0, &len);
    size_t sos = sos_offset(jpeg, len);
    assert_true(sos > 100 && sos < len);
    fq_media *m = NULL;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    for (size_t cut = 4; cut <= sos; cut++) {
        fq_media_output out;
        /* garbage where the header values would be: a missing check shows as a random size */
        unsigned char *part = malloc(cut);
        memcpy(part, jpeg, cut);
        fq_err err = fq_media_compress(m, part, cut, &out);
        if (err != FQ_ERR_CORRUPT)
            fail_msg("cut at %zu of %zu: err %d (%s)", cut, sos, err, fq_media_errmsg(m));
        assert_null(strstr(fq_media_errmsg(m), "claims"));
        assert_int_equal(fq_media_check_jpeg(m, part, cut), FQ_ERR_CORRUPT);
        free(part);
    }
    fq_media_free(m);
    free(jpeg);
}

static void test_scan_limit(void **state)
{
    (void)state;
    size_t len = 0;
    unsigned char *prog = encode_flags(320, 240, TJSAMP_420, TJFLAG_PROGRESSIVE, &len);
    fq_media *m = NULL;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    fq_media_output out;
    assert_int_equal(fq_media_compress(m, prog, len, &out), FQ_OK); /* 10 scans: fine */
    assert_int_equal(fq_media_set_max_scans(m, 5), FQ_OK);
    assert_int_equal(fq_media_compress(m, prog, len, &out), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_media_errmsg(m), "scans, more than the limit of 5"));
    assert_int_equal(fq_media_check_jpeg(m, prog, len), FQ_ERR_INVALID);
    assert_int_equal(fq_media_set_max_scans(m, 0), FQ_ERR_INVALID);
    assert_int_equal(fq_media_set_max_scans(m, 1001), FQ_ERR_INVALID);
    fq_media_free(m);
    free(prog);
}

static void test_memory_limit(void **state)
{
    (void)state;
    /* 3000x2000 4:4:4 progressive: libjpeg's coefficient buffer alone is 36 MB */
    size_t plen = 0;
    size_t blen = 0;
    unsigned char *prog = encode_flags(3000, 2000, TJSAMP_444, TJFLAG_PROGRESSIVE, &plen);
    unsigned char *base = encode_flags(3000, 2000, TJSAMP_444, 0, &blen);
    fq_media *m = NULL;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    assert_int_equal(fq_media_set_max_decode_bytes(m, 1024 * 1024), FQ_ERR_INVALID);
    assert_int_equal(fq_media_set_max_decode_bytes(m, 32LL * 1024 * 1024), FQ_OK);
    fq_media_output out;
    assert_int_equal(fq_media_compress(m, prog, plen, &out), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_media_errmsg(m), "MB to decode, more than the limit of 32 MB"));
    /* the same picture as one baseline scan streams through a few MB of planes */
    assert_int_equal(fq_media_compress(m, base, blen, &out), FQ_OK);
    assert_int_equal(out.width, 1600);
    /* with the default limit the progressive one is fine too */
    assert_int_equal(fq_media_set_max_decode_bytes(m, FQ_MEDIA_MAX_DECODE_BYTES_DEFAULT), FQ_OK);
    assert_int_equal(fq_media_compress(m, prog, plen, &out), FQ_OK);
    fq_media_free(m);
    free(prog);
    free(base);
}

typedef struct progress_log {
    int n;
    int pct[16];
} progress_log;

static void on_progress(void *user, int percent)
{
    progress_log *l = user;
    if (l->n < 16)
        l->pct[l->n++] = percent;
}

static void test_progress_stages(void **state)
{
    (void)state;
    size_t len = 0;
    unsigned char *jpeg = encode_flags(640, 480, TJSAMP_422, 0, &len);
    fq_media *m = NULL;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    progress_log log = {0, {0}};
    fq_media_set_progress(m, on_progress, &log);
    fq_media_result res;
    assert_int_equal(fq_media_process_memory(m, fq_test_dir("progress"), jpeg, len, &res), FQ_OK);
    assert_true(log.n >= 4);
    assert_int_equal(log.pct[0], 0);
    assert_int_equal(log.pct[log.n - 1], 100);
    for (int i = 1; i < log.n; i++)
        assert_true(log.pct[i] > log.pct[i - 1]);
    /* a refused file never reports 100 */
    log.n = 0;
    assert_int_not_equal(fq_media_process_memory(m, fq_test_dir("progress"), jpeg, 100, &res),
                         FQ_OK);
    for (int i = 0; i < log.n; i++)
        assert_true(log.pct[i] < 100);
    fq_media_free(m);
    free(jpeg);
}

static void test_rect_and_label(void **state)
{
    (void)state;
    size_t len = 0;
    unsigned char *jpeg = encode_flags(400, 300, TJSAMP_420, 0, &len);
    const char *dir = fq_test_dir("annot");
    fq_media *m = NULL;
    assert_int_equal(fq_media_new(&m), FQ_OK);
    fq_media_result orig;
    assert_int_equal(fq_media_process_memory(m, dir, jpeg, len, &orig), FQ_OK);
    char src[1024];
    snprintf(src, sizeof src, "%s/%.2s/%s.jpg", dir, orig.sha256, orig.sha256);
    fq_annot a[2];
    memset(a, 0, sizeof a);
    a[0].kind = FQ_ANNOT_RECT;
    a[0].x0 = 40;
    a[0].y0 = 40;
    a[0].x1 = 200;
    a[0].y1 = 150;
    a[0].rgb[1] = 255; /* green */
    a[1].kind = FQ_ANNOT_TEXT;
    a[1].x0 = 390; /* sticks out: moved inside */
    a[1].y0 = 290;
    snprintf(a[1].text, sizeof a[1].text, "LOOSE THREAD");
    fq_media_result res;
    assert_int_equal(fq_media_annotate_file(m, dir, src, a, 2, NULL, &res), FQ_OK);
    assert_string_not_equal(res.sha256, orig.sha256);
    char path[1024];
    snprintf(path, sizeof path, "%s/%.2s/%s.jpg", dir, res.sha256, res.sha256);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static unsigned char buf[200000];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    int w = 0;
    int h = 0;
    unsigned char *rgb = tu_decode_rgb(buf, n, &w, &h);
    assert_int_equal(w, 400);
    /* the rectangle's top edge is green, its inside the card's own colours */
    const unsigned char *edge = rgb + ((size_t)40 * 400 + 120) * 3;
    assert_true(edge[1] > 180 && edge[0] < 90);
    /* the label's box is dark at the bottom-right corner */
    const unsigned char *box = rgb + ((size_t)297 * 400 + 397) * 3;
    assert_true(box[0] < 110 && box[1] < 110 && box[2] < 110);
    free(rgb);
    /* an empty label is refused, nothing stored */
    a[1].text[0] = '\0';
    assert_int_equal(fq_media_annotate_file(m, dir, src, a, 2, NULL, &res), FQ_ERR_INVALID);
    fq_media_free(m);
    free(jpeg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cut_inside_header),
        cmocka_unit_test(test_scan_limit),
        cmocka_unit_test(test_memory_limit),
        cmocka_unit_test(test_progress_stages),
        cmocka_unit_test(test_rect_and_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
