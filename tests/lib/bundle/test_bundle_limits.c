/* The reader's limits before it inflates anything: a bundle of a few kilobytes whose photos
 * are zeros that inflate to tens of megabytes (a zlib bomb) is refused as over its limit;
 * an honest bundle of JPEG-like bytes is read; a peek reads only the pages it needs. And the
 * writer on a full disk: a clear error, nothing left behind. */
#include "harness.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "core/sha256.h"

static fq_bundle_key key;

static fq_bundle_writer *start(const char *path)
{
    if (!key.public_hex[0]) {
        char seed[FQ_BUNDLE_SEED_HEX_LEN];
        assert_int_equal(fq_bundle_key_generate(seed), FQ_OK);
        assert_int_equal(fq_bundle_key_from_seed(seed, &key), FQ_OK);
    }
    fq_bundle_info info;
    memset(&info, 0, sizeof info);
    info.kind = FQ_BUNDLE_CHANGES;
    snprintf(info.device_id, sizeof info.device_id, "tablet-9");
    info.created_utc = 1795219200;
    fq_bundle_writer *w = NULL;
    if (fq_bundle_writer_new(path, &info, &key, &w))
        fail_msg("writer: %s", fq_bundle_writer_errmsg(w));
    return w;
}

static void add_photo(fq_bundle_writer *w, const unsigned char *data, size_t len)
{
    char sha[FQ_HASH_LEN];
    fq_core_sha256_hex(data, len, sha);
    if (fq_bundle_writer_add_photo(w, sha, data, len))
        fail_msg("photo: %s", fq_bundle_writer_errmsg(w));
}

/* A 300 KB photo of noise from seed: like JPEG data, it does not compress. */
static void add_noise_photo(fq_bundle_writer *w, uint32_t seed)
{
    size_t len = 300000;
    unsigned char *noise = malloc(len);
    assert_non_null(noise);
    uint32_t x = seed;
    for (size_t i = 0; i < len; i++) {
        x = x * 1103515245u + 12345u;
        noise[i] = (unsigned char)(x >> 16);
    }
    add_photo(w, noise, len);
    free(noise);
}

static void test_photo_bomb_is_refused_before_inflating(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "bomb.fqb");
    fq_bundle_writer *w = start(path);
    size_t len = (size_t)20 << 20;
    unsigned char *zeros = calloc(len, 1);
    assert_non_null(zeros);
    for (int i = 0; i < 3; i++) {
        zeros[len - 1] = (unsigned char)i; /* three different photos */
        add_photo(w, zeros, len);
    }
    free(zeros);
    fq_bundle_info info;
    assert_int_equal(fq_bundle_writer_finish(w, &info), FQ_OK);
    fq_bundle_writer_free(w);
    assert_true(info.file_bytes < (int64_t)1 << 20); /* 60 MiB of photos in under 1 MiB */
    fq_bundle *b = NULL;
    assert_int_equal(fq_bundle_open(path, NULL, &b), FQ_ERR_INVALID);
    if (!strstr(fq_bundle_errmsg(b), "would inflate"))
        fail_msg("reason: %s", fq_bundle_errmsg(b));
    fq_bundle_close(b);
}

static void test_honest_photos_are_read(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "honest.fqb");
    fq_bundle_writer *w = start(path);
    add_noise_photo(w, 12345);
    assert_int_equal(fq_bundle_writer_finish(w, NULL), FQ_OK);
    fq_bundle_writer_free(w);
    fq_bundle *b = NULL;
    if (fq_bundle_open(path, NULL, &b))
        fail_msg("honest bundle: %s", fq_bundle_errmsg(b));
    fq_bundle_close(b);
}

static void flip_byte(const char *path, long off)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, off, SEEK_SET), 0);
    int c = fgetc(f);
    assert_int_equal(fseek(f, off, SEEK_SET), 0);
    fputc(c ^ 0x5a, f);
    fclose(f);
}

/* fq_bundle_peek (recognising a bundle imported before, issue 18) reads the header, the
 * schema and the manifest, each page checked as it is read, not the whole file: a damaged
 * photo page does not stop it (fq_bundle_open still refuses that file), a damaged first
 * page does, and so does a file cut short. */
static void test_peek_reads_only_its_pages(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "peek.fqb");
    fq_bundle_writer *w = start(path);
    add_noise_photo(w, 777);
    fq_bundle_info written;
    assert_int_equal(fq_bundle_writer_finish(w, &written), FQ_OK);
    fq_bundle_writer_free(w);
    fq_bundle_info peeked;
    assert_int_equal(fq_bundle_peek(path, NULL, &peeked), FQ_OK);
    assert_string_equal(peeked.bundle_id, written.bundle_id);
    /* a byte in the middle of the photo */
    flip_byte(path, (long)(written.file_bytes / 2));
    memset(&peeked, 0, sizeof peeked);
    assert_int_equal(fq_bundle_peek(path, NULL, &peeked), FQ_OK);
    assert_string_equal(peeked.content_sha256, written.content_sha256);
    fq_bundle *b = NULL;
    assert_int_equal(fq_bundle_open(path, NULL, &b), FQ_ERR_CORRUPT);
    fq_bundle_close(b);
    flip_byte(path, (long)(written.file_bytes / 2));
    /* a byte of the first page (the schema) */
    flip_byte(path, 3000);
    assert_int_equal(fq_bundle_peek(path, NULL, &peeked), FQ_ERR_CORRUPT);
    flip_byte(path, 3000);
    assert_int_equal(fq_bundle_peek(path, NULL, &peeked), FQ_OK);
    /* cut short by one page */
    assert_int_equal(truncate(path, (off_t)(written.file_bytes - 4096)), 0);
    assert_int_equal(fq_bundle_peek(path, NULL, &peeked), FQ_ERR_CORRUPT);
}

static int count_entries(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *ent;
    while (d && (ent = readdir(d)))
        n += strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

/* A bundle that does not fit on its disk (a 256 KB tmpfs; root only): the writer's pages
 * go out gathered and late (vfs.c), yet the failure is reported as a full disk, by the add
 * or at the latest by the finish, and neither the bundle nor a temporary is left there. */
static void test_full_disk_is_reported_and_leaves_nothing(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("full");
    if (geteuid() != 0 || mount("tmpfs", dir, "tmpfs", 0, "size=256k") != 0) {
        fprintf(stderr, "skipped: cannot mount a 256 KB tmpfs (%s)\n", strerror(errno));
        skip();
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/full.fqb", dir);
    fq_bundle_writer *w = start(path);
    size_t len = 300000;
    unsigned char *noise = malloc(len);
    assert_non_null(noise);
    fq_err e = FQ_OK;
    for (uint32_t seed = 1; seed <= 4 && !e; seed++) {
        uint32_t x = seed;
        for (size_t i = 0; i < len; i++) {
            x = x * 1103515245u + 12345u;
            noise[i] = (unsigned char)(x >> 16);
        }
        char sha[FQ_HASH_LEN];
        fq_core_sha256_hex(noise, len, sha);
        e = fq_bundle_writer_add_photo(w, sha, noise, len);
    }
    free(noise);
    if (!e)
        e = fq_bundle_writer_finish(w, NULL);
    fprintf(stderr, "  full disk: %s: %s\n", fq_err_name(e), fq_bundle_writer_errmsg(w));
    assert_int_equal(e, FQ_ERR_FULL);
    assert_non_null(strstr(fq_bundle_writer_errmsg(w), "disk is full"));
    fq_bundle_writer_free(w);
    assert_int_equal(count_entries(dir), 0);
    assert_int_equal(umount(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_photo_bomb_is_refused_before_inflating),
        cmocka_unit_test(test_honest_photos_are_read),
        cmocka_unit_test(test_peek_reads_only_its_pages),
        cmocka_unit_test(test_full_disk_is_reported_and_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
