/* fq_system: the backlight writes brightness in the panel's own steps (never 0 for "on"),
 * switches off through bl_power where the driver has it and through brightness 0 where not;
 * the idle policy dims, then darkens; helper commands get their argument without a shell and
 * report why they failed. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "system/system.h"

static void put(const char *dir, const char *name, const char *v)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(v, f);
    fclose(f);
}

static long get(const char *dir, const char *name)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    long v = -1;
    assert_int_equal(fscanf(f, "%ld", &v), 1);
    fclose(f);
    return v;
}

static void test_backlight(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("backlight");
    put(dir, "max_brightness", "31\n");
    put(dir, "brightness", "31\n");
    setenv("FIELDQC_BACKLIGHT_DIR", dir, 1);
    fq_backlight *b = fq_backlight_open();
    assert_non_null(b);
    assert_int_equal(fq_backlight_set(b, 50), FQ_OK);
    assert_int_equal(get(dir, "brightness"), 16); /* 15.5 rounded */
    assert_int_equal(fq_backlight_set(b, 1), FQ_OK);
    assert_int_equal(get(dir, "brightness"), 1); /* on is never 0 */
    assert_int_equal(fq_backlight_set(b, 0), FQ_OK);
    assert_int_equal(get(dir, "brightness"), 0); /* no bl_power: dark by brightness */
    put(dir, "bl_power", "0\n");
    assert_int_equal(fq_backlight_set(b, 80), FQ_OK);
    assert_int_equal(get(dir, "brightness"), 25);
    assert_int_equal(fq_backlight_set(b, 0), FQ_OK);
    assert_int_equal(get(dir, "bl_power"), 4);
    assert_int_equal(get(dir, "brightness"), 25); /* kept for the wake */
    assert_int_equal(fq_backlight_set(b, 80), FQ_OK);
    assert_int_equal(get(dir, "bl_power"), 0);
    /* a read-only brightness (no video group) is an error, not a silent no-op */
    char path[600];
    snprintf(path, sizeof path, "%s/brightness", dir);
    if (getuid() != 0) {
        chmod(path, 0444);
        assert_int_equal(fq_backlight_set(b, 30), FQ_ERR_IO);
    }
    fq_backlight_close(b);
    assert_int_equal(fq_backlight_set(NULL, 30), FQ_OK); /* no panel backlight: nothing */
    setenv("FIELDQC_BACKLIGHT_DIR", "/no/such/backlight", 1);
    assert_null(fq_backlight_open());
    unsetenv("FIELDQC_BACKLIGHT_DIR");
}

static void test_idle_policy(void **state)
{
    (void)state;
    assert_int_equal(fq_idle_level(0, 120, 600), 0);
    assert_int_equal(fq_idle_level(119, 120, 600), 0);
    assert_int_equal(fq_idle_level(120, 120, 600), 1);
    assert_int_equal(fq_idle_level(600, 120, 600), 2);
    assert_int_equal(fq_idle_level(100000, 0, 0), 0); /* never */
    assert_int_equal(fq_idle_level(700, 0, 600), 2);
    assert_int_equal(fq_idle_percent(0, 80), 80);
    assert_int_equal(fq_idle_percent(1, 80), 20);
    assert_int_equal(fq_idle_percent(1, 10), 5);
    assert_int_equal(fq_idle_percent(2, 80), 0);
}

static void test_run(void **state)
{
    (void)state;
    char msg[300] = "";
    const char *dir = fq_test_dir("run");
    char out[600], cmd[700];
    snprintf(out, sizeof out, "%s/args", dir);
    snprintf(cmd, sizeof cmd, "%s/cmd.sh", dir);
    FILE *f = fopen(cmd, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\nprintf '%%s|' \"$@\" > %s\n", out);
    fclose(f);
    chmod(cmd, 0755);
    char line[800];
    snprintf(line, sizeof line, "%s set-time", cmd);
    setenv("FQ_TEST_CMD", line, 1);
    /* the argument is one word, whatever it holds: no shell sees it */
    assert_int_equal(fq_system_run("FQ_TEST_CMD", "false", "2027-01-15 10:30:00; rm -rf /",
                                   msg, sizeof msg), FQ_OK);
    f = fopen(out, "r");
    assert_non_null(f);
    char got[200] = "";
    assert_non_null(fgets(got, sizeof got, f));
    fclose(f);
    assert_string_equal(got, "set-time|2027-01-15 10:30:00; rm -rf /|");
    unsetenv("FQ_TEST_CMD");
    assert_int_equal(fq_system_run(NULL, "false", "x", msg, sizeof msg), FQ_ERR_IO);
    assert_string_equal(msg, "false exited with status 1");
    assert_int_equal(fq_system_run(NULL, "/no/such/program", "x", msg, sizeof msg), FQ_ERR_IO);
    assert_non_null(strstr(msg, "cannot run /no/such/program"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backlight),
        cmocka_unit_test(test_idle_policy),
        cmocka_unit_test(test_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
