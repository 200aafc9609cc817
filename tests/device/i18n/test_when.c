/* fq_i18n when: moments are drawn in the device's zone, days never move, the drawn language
 * chooses the format (the zh_CN catalog from the build tree), the clock is typed in local
 * time, and the zone's name comes from TZ. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n/i18n.h"
#include "i18n/when.h"

/* 2026-12-01T09:30:00Z and 2026-12-05T00:00:00Z (a due day) */
#define MOMENT 1796117400
#define DUE_DAY 1796428800

static void use_zone(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

static void test_moment_in_zone(void **state)
{
    (void)state;
    char out[FQ_I18N_WHEN_LEN + 32];
    fq_i18n_use("en");
    use_zone("Asia/Shanghai");
    fq_i18n_moment(MOMENT, out, sizeof out);
    assert_string_equal(out, "2026-12-01 17:30");
    fq_i18n_moment_zone(MOMENT, out, sizeof out);
    assert_string_equal(out, "2026-12-01 17:30 CST (UTC+08:00)");
    fq_i18n_moment_short(MOMENT, out, sizeof out);
    assert_string_equal(out, "12-01 17:30");
    use_zone("UTC");
    fq_i18n_moment(MOMENT, out, sizeof out);
    assert_string_equal(out, "2026-12-01 09:30");
    fq_i18n_moment(0, out, sizeof out);
    assert_string_equal(out, "-");
}

static void test_day_never_moves(void **state)
{
    (void)state;
    char day[FQ_I18N_WHEN_LEN], moment_date[FQ_I18N_WHEN_LEN];
    fq_i18n_use("en");
    /* west of Greenwich midnight UTC is the evening before: the due day stays the 5th */
    use_zone("America/New_York");
    fq_i18n_day(DUE_DAY, day, sizeof day);
    fq_i18n_moment_date(DUE_DAY, moment_date, sizeof moment_date);
    assert_string_equal(day, "2026-12-05");
    assert_string_equal(moment_date, "2026-12-04");
    use_zone("Asia/Shanghai");
    fq_i18n_day(DUE_DAY, day, sizeof day);
    assert_string_equal(day, "2026-12-05");
}

static void test_chinese_format(void **state)
{
    (void)state;
    char out[FQ_I18N_WHEN_LEN];
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", getenv("FIELDQC_LOCALEDIR") ? getenv("FIELDQC_LOCALEDIR") : "");
    assert_true(fq_i18n_open(dir[0] ? dir : NULL));
    assert_true(fq_i18n_use("zh_CN"));
    assert_true(fq_i18n_catalog_found());
    use_zone("Asia/Shanghai");
    fq_i18n_moment(MOMENT, out, sizeof out);
    assert_string_equal(out, "2026\xE5\xB9\xB4" "12\xE6\x9C\x88" "1\xE6\x97\xA5 17:30"); /* 2026年12月1日 */
    fq_i18n_day(DUE_DAY, out, sizeof out);
    assert_string_equal(out, "2026\xE5\xB9\xB4" "12\xE6\x9C\x88" "5\xE6\x97\xA5");
    /* what the office types stays one format in every language */
    fq_i18n_local_entry(MOMENT, out, sizeof out);
    assert_string_equal(out, "2026-12-01 17:30");
    fq_i18n_use("en");
}

static void test_parse_local(void **state)
{
    (void)state;
    use_zone("Asia/Shanghai");
    assert_int_equal(fq_i18n_parse_local("2026-12-01 17:30"), MOMENT);
    use_zone("UTC");
    assert_int_equal(fq_i18n_parse_local("2026-12-01 09:30"), MOMENT);
    assert_int_equal(fq_i18n_parse_local("2026-02-30 10:00"), -1);
    assert_int_equal(fq_i18n_parse_local("2026-12-01 25:00"), -1);
    assert_int_equal(fq_i18n_parse_local("2026-12-01"), -1);
    assert_int_equal(fq_i18n_parse_local("2026-12-01 09:30 junk"), -1);
    assert_int_equal(fq_i18n_parse_local(""), -1);
}

static void test_zone_name(void **state)
{
    (void)state;
    char name[80], off[16];
    use_zone(":Asia/Shanghai");
    fq_i18n_zone(name, sizeof name, off, sizeof off);
    assert_string_equal(name, "Asia/Shanghai");
    assert_string_equal(off, "UTC+08:00");
    use_zone("/usr/share/zoneinfo/Asia/Kolkata");
    fq_i18n_zone(name, sizeof name, off, sizeof off);
    assert_string_equal(name, "Asia/Kolkata");
    assert_string_equal(off, "UTC+05:30");
    fq_i18n_zone_use("America/Sao_Paulo");
    fq_i18n_zone(name, sizeof name, off, sizeof off);
    assert_string_equal(name, "America/Sao_Paulo");
    assert_string_equal(off, "UTC-03:00");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_moment_in_zone),
        cmocka_unit_test(test_day_never_moves),
        cmocka_unit_test(test_chinese_format),
        cmocka_unit_test(test_parse_local),
        cmocka_unit_test(test_zone_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
