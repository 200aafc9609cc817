/* fq_clock_judge: a clock before the build, decades ahead, behind the office's last file by
 * more than the slack, or gone back since that file arrived is flagged with a reason; within
 * the slack it is believed. */
#include "harness.h"

#include <string.h>

#include "core/civil.h"
#include "core/clock.h"

static int64_t at(const char *s)
{
    int64_t t = 0;
    assert_int_equal(fq_utc_parse(s, &t), 0);
    return t;
}

static void test_clock_rules(void **state)
{
    (void)state;
    fq_clock_facts f = {at("2026-12-01T09:00:00Z"), at("2026-11-30T00:00:00Z"), 0, 0};
    fq_clock_verdict v = fq_clock_judge(&f);
    assert_true(v.plausible);
    assert_string_equal(v.reason, "");
    /* a Pi without a real-time clock, booted offline */
    f.now_utc = 0;
    v = fq_clock_judge(&f);
    assert_false(v.plausible);
    assert_non_null(strstr(v.reason, "1970-01-01"));
    assert_non_null(strstr(v.reason, "before this app was made (2026-11-30)"));
    f.now_utc = at("2070-01-01T00:00:00Z");
    assert_false(fq_clock_judge(&f).plausible);
    /* the office wrote its job pack at 10:00; the device says 09:00 */
    f.now_utc = at("2026-12-01T09:00:00Z");
    f.office_utc = at("2026-12-01T10:00:00Z");
    v = fq_clock_judge(&f);
    assert_false(v.plausible);
    assert_non_null(strstr(v.reason, "office's last file was written at 2026-12-01"));
    /* within the slack (laptop clocks are a few minutes off) */
    f.now_utc = f.office_utc - FQ_CLOCK_SLACK_S;
    assert_true(fq_clock_judge(&f).plausible);
    f.now_utc = f.office_utc - FQ_CLOCK_SLACK_S - 1;
    assert_false(fq_clock_judge(&f).plausible);
    /* applied at 12:00 device time, now the device says 11:00: it went back */
    f.office_utc = at("2026-12-01T08:00:00Z");
    f.office_seen_utc = at("2026-12-01T12:00:00Z");
    f.now_utc = at("2026-12-01T11:00:00Z");
    v = fq_clock_judge(&f);
    assert_false(v.plausible);
    assert_non_null(strstr(v.reason, "went back"));
    f.now_utc = at("2026-12-02T08:00:00Z");
    assert_true(fq_clock_judge(&f).plausible);
    /* nothing known: believed */
    fq_clock_facts none = {at("2001-01-01T00:00:00Z"), 0, 0, 0};
    assert_true(fq_clock_judge(&none).plausible);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clock_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
