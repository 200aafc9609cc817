/* Helpers behind harness.h. Test-only code: aborts on impossible environment failures. */
#include "harness.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char test_dir[1024];

static void rm_rf(const char *path)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "harness: could not clean %s\n", path);
}

static void mkdir_p(const char *path)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
    if (system(cmd) != 0) {
        fprintf(stderr, "harness: cannot create %s\n", path);
        abort();
    }
}

const char *fq_test_dir(const char *sub)
{
    static char with_sub[1200];
    if (!test_dir[0]) {
        const char *env = getenv("FIELDQC_TEST_TMP");
        if (env && *env)
            snprintf(test_dir, sizeof test_dir, "%s", env);
        else
            snprintf(test_dir, sizeof test_dir, "/tmp/fq-test-%ld", (long)getpid());
        rm_rf(test_dir);
        mkdir_p(test_dir);
    }
    if (!sub)
        return test_dir;
    snprintf(with_sub, sizeof with_sub, "%s/%s", test_dir, sub);
    rm_rf(with_sub);
    mkdir_p(with_sub);
    return with_sub;
}

char *fq_test_path(char *buf, size_t buf_len, const char *name)
{
    snprintf(buf, buf_len, "%s/%s", fq_test_dir(NULL), name);
    return buf;
}

const char *fq_test_photo(const char *name)
{
    static char path[1200];
    const char *root = getenv("FIELDQC_TESTDATA");
    struct stat st;
    snprintf(path, sizeof path, "%s/photos/%s", root ? root : "../shared/testdata", name);
    if (stat(path, &st) != 0) {
        fprintf(stderr, "harness: test photo %s missing (%s)\n", path, strerror(errno));
        return NULL;
    }
    return path;
}

int fq_test_read_file(const char *path, unsigned char **out, size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return -1;
    }
    long n = ftell(f);
    rewind(f);
    unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    *out = buf;
    *out_len = (size_t)n;
    return 0;
}

char *fq_test_slurp(const char *path)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (fq_test_read_file(path, &data, &len))
        fail_msg("cannot read %s", path);
    char *s = realloc(data, len + 1);
    assert_non_null(s);
    s[len] = '\0';
    return s;
}

void fq_test_expect_file(const char *path, const char *text)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (fq_test_read_file(path, &data, &len))
        fail_msg("cannot read %s", path);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(data, text, len);
    free(data);
}

int fq_test_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = len ? fwrite(data, 1, len, f) : 0;
    int rc = fclose(f);
    return (w == len && rc == 0) ? 0 : -1;
}
