/* Calendar arithmetic, date parsing and UUID text. */
#include "harness.h"

#include <string.h>

#include "core/civil.h"
#include "core/names.h"

static void test_format_known_dates(void **state)
{
    (void)state;
    char buf[FQ_DATETIME_LEN];
    fq_utc_format(0, buf, sizeof buf);
    assert_string_equal(buf, "-");
    fq_utc_format(951782400, buf, sizeof buf); /* leap day 2000 */
    assert_string_equal(buf, "2000-02-29T00:00:00Z");
    fq_utc_format(1795273445, buf, sizeof buf);
    assert_string_equal(buf, "2026-11-21T15:04:05Z");
    fq_utc_format_date(-86400, buf, sizeof buf);
    assert_string_equal(buf, "1969-12-31");
}

static void test_parse_round_trip(void **state)
{
    (void)state;
    int64_t t;
    assert_int_equal(fq_utc_parse("2026-11-21T15:04:05Z", &t), FQ_OK);
    assert_int_equal(t, 1795273445);
    assert_int_equal(fq_utc_parse("2026-11-21", &t), FQ_OK);
    assert_int_equal(t, 1795219200);
    assert_int_equal(fq_utc_parse("2026-11-21 15:04", &t), FQ_OK);
    assert_int_equal(t, 1795273440);
    for (int64_t x = -1000000000; x < 4000000000; x += 86399 * 37) {
        char buf[FQ_DATETIME_LEN];
        fq_utc_format(x, buf, sizeof buf);
        int64_t back;
        assert_int_equal(fq_utc_parse(buf, &back), FQ_OK);
        assert_int_equal(back, x);
    }
}

static void test_parse_rejects_bad_dates(void **state)
{
    (void)state;
    int64_t t = 42;
    const char *bad[] = {"", "2026-02-30", "2025-02-29", "2026-13-01", "2026-1-01", "26-11-21",
                         "2026-11-21T25:00", "2026-11-21x", "2026/11/21", "2026-11-21T10:61"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(fq_utc_parse(bad[i], &t), FQ_ERR_INVALID);
    assert_int_equal(t, 42); /* out-param untouched on failure */
    assert_int_equal(fq_utc_parse("2024-02-29", &t), FQ_OK);
}

static void test_uuid(void **state)
{
    (void)state;
    uint8_t b[16];
    memset(b, 0xff, sizeof b);
    char s[FQ_UUID_LEN];
    fq_uuid_format(b, s, sizeof s);
    assert_string_equal(s, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    assert_true(fq_uuid_valid(s));
    assert_false(fq_uuid_valid("ffffffff-ffff-4fff-bfff-fffffffffff"));
    assert_false(fq_uuid_valid("FFFFFFFF-ffff-4fff-bfff-ffffffffffff"));
    assert_false(fq_uuid_valid("../../etc/passwd-xxxxxxxxxxxxxxxxxxx"));
}

static void test_names_parse(void **state)
{
    (void)state;
    int32_t v = -1;
    assert_int_equal(fq_visit_type_parse("pre_shipment", &v), FQ_OK);
    assert_int_equal(v, FQ_VISIT_PRE_SHIPMENT);
    assert_int_equal(fq_visit_type_parse("In-line inspection", &v), FQ_OK);
    assert_int_equal(v, FQ_VISIT_INLINE);
    assert_int_equal(fq_milestone_kind_parse("SAMPLE_APPROVAL", &v), FQ_OK);
    assert_int_equal(v, FQ_MS_SAMPLE_APPROVAL);
    assert_int_equal(fq_severity_parse("critical", &v), FQ_OK);
    assert_int_equal(v, FQ_SEV_CRITICAL);
    assert_int_equal(fq_verdict_parse("maybe", &v), FQ_ERR_INVALID);
    assert_string_equal(fq_visit_type_name(99), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_known_dates), cmocka_unit_test(test_parse_round_trip),
        cmocka_unit_test(test_parse_rejects_bad_dates), cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_names_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
