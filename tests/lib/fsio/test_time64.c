/* Time after 2038-01-19 on every build, the 32-bit armhf one included (run under qemu-arm
 * there): time_t, file times and timestamps in records and bundles are 64-bit. With a 32-bit
 * time_t the clock wraps negative on that day and every bundle written after it is refused. */
#include "harness.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/civil.h"
#include "fsio/fsio.h"

/* 2040-06-01 12:00:00 UTC, after the 32-bit wrap (2038-01-19 03:14:07) */
#define AFTER_2038 INT64_C(2222164800)

static void test_time_t_is_64_bit(void **state)
{
    (void)state;
    assert_int_equal(sizeof(time_t), 8);
    time_t now = time(NULL);
    assert_true((int64_t)now > INT64_C(1767225600)); /* after 2026-01-01: not wrapped */
}

static void test_file_times_after_2038(void **state)
{
    (void)state;
    char path[1100];
    snprintf(path, sizeof path, "%s/late.txt", fq_test_dir("time64"));
    assert_int_equal(fq_fsio_write_atomic(path, "x", 1, NULL, NULL, 0), FQ_OK);
    struct timeval tv[2] = {{(time_t)AFTER_2038, 0}, {(time_t)AFTER_2038, 0}};
    assert_int_equal(utimes(path, tv), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true((int64_t)st.st_mtime == AFTER_2038);
    /* the sweep's age arithmetic does not wrap either: a file from the future is not old */
    char tmp[1200];
    snprintf(tmp, sizeof tmp, "%s/.tmp-%ld-future", fq_test_dir(NULL), (long)getppid());
    assert_int_equal(fq_test_write_file(tmp, "x", 1), 0);
    assert_int_equal(utimes(tmp, tv), 0);
    assert_int_equal(fq_fsio_sweep_tmp(fq_test_dir(NULL), 0), 0);
}

static void test_civil_dates_after_2038(void **state)
{
    (void)state;
    char buf[FQ_DATETIME_LEN];
    fq_utc_format(AFTER_2038, buf, sizeof buf);
    assert_string_equal(buf, "2040-06-01T12:00:00Z");
    int64_t back = 0;
    assert_int_equal(fq_utc_parse("2040-06-01T12:00:00Z", &back), FQ_OK);
    assert_true(back == AFTER_2038);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_t_is_64_bit),
        cmocka_unit_test(test_file_times_after_2038),
        cmocka_unit_test(test_civil_dates_after_2038),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
