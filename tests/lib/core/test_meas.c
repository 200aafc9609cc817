/* Measurement rules (issue 20): a reading on either limit passes (inclusive), one thousandth
 * past fails; asymmetric and one-sided tolerances; units parsed, converted exactly (inch to
 * mm, lb to kg) and refused across dimensions; readings as a pad or a caliper types them;
 * spec checks; defective units counted once at their worst severity; point statistics. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "core/meas.h"
#include "core/model_fields.h"

static fq_meas_spec spec(const char *uuid, const char *size, const char *unit, int64_t nominal,
                         int64_t minus, int64_t plus, int32_t severity)
{
    fq_meas_spec s;
    memset(&s, 0, sizeof s);
    snprintf(s.meta.uuid, sizeof s.meta.uuid, "%s", uuid);
    snprintf(s.size, sizeof s.size, "%s", size);
    snprintf(s.point, sizeof s.point, "%s", uuid);
    snprintf(s.unit, sizeof s.unit, "%s", unit);
    s.nominal_milli = nominal;
    s.tol_minus_milli = minus;
    s.tol_plus_milli = plus;
    s.n_units = 5;
    s.severity = severity;
    return s;
}

static void test_inclusive_limits(void **state)
{
    (void)state;
    fq_meas_spec s = spec("A", "", "cm", 52000, 1000, 1000, FQ_SEV_MAJOR); /* 52 +-1 cm */
    assert_int_equal(fq_meas_judge(&s, 51000).status, FQ_MEAS_IN);
    assert_int_equal(fq_meas_judge(&s, 53000).status, FQ_MEAS_IN);
    assert_int_equal(fq_meas_judge(&s, 52000).status, FQ_MEAS_IN);
    fq_meas_judgement j = fq_meas_judge(&s, 50999);
    assert_int_equal(j.status, FQ_MEAS_BELOW);
    assert_int_equal(j.outside_milli, 1);
    assert_int_equal(j.deviation_milli, -1001);
    j = fq_meas_judge(&s, 53001);
    assert_int_equal(j.status, FQ_MEAS_ABOVE);
    assert_int_equal(j.outside_milli, 1);
    assert_int_equal(j.deviation_milli, 1001);
    /* zero tolerance: only the nominal passes */
    fq_meas_spec z = spec("Z", "", "mm", 10000, 0, 0, FQ_SEV_CRITICAL);
    assert_int_equal(fq_meas_judge(&z, 10000).status, FQ_MEAS_IN);
    assert_int_equal(fq_meas_judge(&z, 10001).status, FQ_MEAS_ABOVE);
    assert_int_equal(fq_meas_judge(&z, 9999).status, FQ_MEAS_BELOW);
}

static void test_asymmetric_tolerances(void **state)
{
    (void)state;
    /* 70 -0.5 / +1.5 cm: 69.5 .. 71.5 */
    fq_meas_spec s = spec("B", "", "cm", 70000, 500, 1500, FQ_SEV_MINOR);
    int64_t lo, hi;
    fq_meas_limits(&s, &lo, &hi);
    assert_int_equal(lo, 69500);
    assert_int_equal(hi, 71500);
    assert_int_equal(fq_meas_judge(&s, 71400).status, FQ_MEAS_IN);  /* +1.4: in */
    assert_int_equal(fq_meas_judge(&s, 69400).status, FQ_MEAS_BELOW); /* -0.6: out */
    assert_int_equal(fq_meas_judge(&s, 69400).outside_milli, 100);
    assert_int_equal(fq_meas_judge(&s, 71600).outside_milli, 100);
    /* one-sided: a minimum (no minus tolerance, wide plus) */
    fq_meas_spec m = spec("C", "", "g", 250000, 0, 1000000, FQ_SEV_MAJOR);
    assert_int_equal(fq_meas_judge(&m, 249999).status, FQ_MEAS_BELOW);
    assert_int_equal(fq_meas_judge(&m, 1250000).status, FQ_MEAS_IN);
    /* negative nominal (a flatness offset) */
    fq_meas_spec n = spec("D", "", "mm", -200, 100, 300, FQ_SEV_MAJOR);
    assert_int_equal(fq_meas_judge(&n, -300).status, FQ_MEAS_IN);
    assert_int_equal(fq_meas_judge(&n, 100).status, FQ_MEAS_IN);
    assert_int_equal(fq_meas_judge(&n, -301).status, FQ_MEAS_BELOW);
    char buf[64];
    fq_meas_format_spec(&s, buf, sizeof buf);
    assert_string_equal(buf, "70 -0.5 / +1.5 cm");
    s.tol_plus_milli = 500;
    fq_meas_format_spec(&s, buf, sizeof buf);
    assert_string_equal(buf, "70 \xc2\xb1" "0.5 cm");
}

static void test_units(void **state)
{
    (void)state;
    fq_meas_unit mm, cm, in, g, kg, lb, oz, deg;
    assert_int_equal(fq_meas_unit_parse("mm", &mm), FQ_OK);
    assert_int_equal(fq_meas_unit_parse(" CM ", &cm), FQ_OK);
    assert_string_equal(cm.name, "cm");
    assert_int_equal(fq_meas_unit_parse("inch", &in), FQ_OK);
    assert_string_equal(in.name, "in");
    assert_int_equal(fq_meas_unit_parse("g", &g), FQ_OK);
    assert_int_equal(fq_meas_unit_parse("kg", &kg), FQ_OK);
    assert_int_equal(fq_meas_unit_parse("lb", &lb), FQ_OK);
    assert_int_equal(fq_meas_unit_parse("oz", &oz), FQ_OK);
    assert_int_equal(fq_meas_unit_parse("\xc2\xb0", &deg), FQ_OK);
    assert_string_equal(deg.name, "deg");
    fq_meas_unit x;
    assert_int_equal(fq_meas_unit_parse("furlong", &x), FQ_ERR_INVALID);
    assert_int_equal(fq_meas_unit_parse("", &x), FQ_ERR_INVALID);
    int64_t v;
    assert_int_equal(fq_meas_convert(1000, &in, &mm, &v), FQ_OK); /* 1 in = 25.4 mm exactly */
    assert_int_equal(v, 25400);
    assert_int_equal(fq_meas_convert(523500, &mm, &cm, &v), FQ_OK);
    assert_int_equal(v, 52350);
    assert_int_equal(fq_meas_convert(1000, &mm, &in, &v), FQ_OK); /* 0.03937 in -> 0.039 */
    assert_int_equal(v, 39);
    assert_int_equal(fq_meas_convert(-1000, &mm, &in, &v), FQ_OK); /* halves away from zero */
    assert_int_equal(v, -39);
    assert_int_equal(fq_meas_convert(1000, &lb, &kg, &v), FQ_OK);  /* 0.45359237 kg */
    assert_int_equal(v, 454);
    assert_int_equal(fq_meas_convert(16000, &oz, &lb, &v), FQ_OK); /* 16 oz = 1 lb */
    assert_int_equal(v, 1000);
    assert_int_equal(fq_meas_convert(1000, &mm, &g, &v), FQ_ERR_INVALID);
    assert_int_equal(fq_meas_convert(INT64_MAX / 2, &kg, &g, &v), FQ_ERR_INVALID);
}

static void test_parse_readings(void **state)
{
    (void)state;
    int64_t v = 0;
    char msg[FQ_MEAS_MSG_LEN];
    assert_int_equal(fq_meas_parse("52.35", "cm", &v, msg, sizeof msg), FQ_OK);
    assert_int_equal(v, 52350);
    assert_int_equal(fq_meas_parse("  52,35\r\n", "cm", &v, msg, sizeof msg), FQ_OK);
    assert_int_equal(v, 52350);
    assert_int_equal(fq_meas_parse("-0.5", "mm", &v, msg, sizeof msg), FQ_OK);
    assert_int_equal(v, -500);
    assert_int_equal(fq_meas_parse("12", "mm", &v, msg, sizeof msg), FQ_OK);
    assert_int_equal(v, 12000);
    assert_int_equal(fq_meas_parse(".5", "mm", &v, msg, sizeof msg), FQ_OK);
    assert_int_equal(v, 500);
    /* more than three decimals rounded, halves away from zero */
    assert_int_equal(fq_meas_parse("0.5005", "in", &v, msg, sizeof msg), FQ_OK);
    assert_int_equal(v, 501);
    assert_int_equal(fq_meas_parse("-0.5005", "in", &v, msg, sizeof msg), FQ_OK);
    assert_int_equal(v, -501);
    /* a caliper in mm against a spec in cm; in inches against mm */
    assert_int_equal(fq_meas_parse("523.5 mm", "cm", &v, msg, sizeof msg), FQ_OK);
    assert_int_equal(v, 52350);
    assert_int_equal(fq_meas_parse("20.62in", "mm", &v, msg, sizeof msg), FQ_OK);
    assert_int_equal(v, 523748);
    assert_int_equal(fq_meas_parse("1.25 kg", "g", &v, msg, sizeof msg), FQ_OK);
    assert_int_equal(v, 1250000);
    /* refused, with the reason */
    assert_int_equal(fq_meas_parse("", "mm", &v, msg, sizeof msg), FQ_ERR_INVALID);
    assert_string_equal(msg, "not a number");
    assert_int_equal(fq_meas_parse("abc", "mm", &v, msg, sizeof msg), FQ_ERR_INVALID);
    assert_int_equal(fq_meas_parse("1.2.3", "mm", &v, msg, sizeof msg), FQ_ERR_INVALID);
    assert_int_equal(fq_meas_parse("12 kg", "mm", &v, msg, sizeof msg), FQ_ERR_INVALID);
    assert_string_equal(msg, "kg is not a unit of the spec's mm");
    assert_int_equal(fq_meas_parse("12", "parsec", &v, msg, sizeof msg), FQ_ERR_INVALID);
    assert_int_equal(fq_meas_parse("99999999999999999999", "mm", &v, msg, sizeof msg),
                     FQ_ERR_INVALID);
    assert_int_equal(fq_meas_parse(NULL, "mm", &v, NULL, 0), FQ_ERR_INVALID);
    /* the limit holds after a conversion too (fuzz_csv): 1.1e12 cm would be 1.1e13 mm,
     * which does not read back typed in mm */
    assert_int_equal(fq_meas_parse("1111111111111cm", "mm", &v, msg, sizeof msg),
                     FQ_ERR_INVALID);
    assert_string_equal(msg, "the number is too large");
    assert_int_equal(fq_meas_parse("1000000000000", "mm", &v, msg, sizeof msg), FQ_OK);
    assert_int_equal(fq_meas_parse("-1000000000001", "mm", &v, msg, sizeof msg),
                     FQ_ERR_INVALID);
    char buf[32];
    fq_meas_format(52500, buf, sizeof buf);
    assert_string_equal(buf, "52.5");
    fq_meas_format(52000, buf, sizeof buf);
    assert_string_equal(buf, "52");
    fq_meas_format(-500, buf, sizeof buf);
    assert_string_equal(buf, "-0.5");
    fq_meas_format(1, buf, sizeof buf);
    assert_string_equal(buf, "0.001");
}

static void test_spec_check(void **state)
{
    (void)state;
    char msg[FQ_MEAS_MSG_LEN];
    fq_meas_spec s = spec("A", "M", "cm", 52000, 1000, 1500, FQ_SEV_MAJOR);
    assert_int_equal(fq_meas_spec_check(&s, msg, sizeof msg), FQ_OK);
    fq_meas_spec b = s;
    b.tol_minus_milli = -1000;
    assert_int_equal(fq_meas_spec_check(&b, msg, sizeof msg), FQ_ERR_INVALID);
    b = s;
    snprintf(b.unit, sizeof b.unit, "yd");
    assert_int_equal(fq_meas_spec_check(&b, msg, sizeof msg), FQ_ERR_INVALID);
    b = s;
    b.n_units = 0;
    assert_int_equal(fq_meas_spec_check(&b, msg, sizeof msg), FQ_ERR_INVALID);
    b.n_units = FQ_MEAS_UNITS_MAX + 1;
    assert_int_equal(fq_meas_spec_check(&b, msg, sizeof msg), FQ_ERR_INVALID);
    b = s;
    b.severity = FQ_SEV_NONE;
    assert_int_equal(fq_meas_spec_check(&b, msg, sizeof msg), FQ_ERR_INVALID);
    b = s;
    b.point[0] = '\0';
    assert_int_equal(fq_meas_spec_check(&b, msg, sizeof msg), FQ_ERR_INVALID);
    /* the stable id: same order, size and point give the same id; the size tells them apart */
    char a[FQ_UUID_LEN], a2[FQ_UUID_LEN], c[FQ_UUID_LEN];
    fq_meas_spec_id("order-1", "M", "A", a);
    fq_meas_spec_id("order-1", "M", "A", a2);
    fq_meas_spec_id("order-1", "L", "A", c);
    assert_string_equal(a, a2);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 36);
    assert_int_equal(a[14], '8');
}

static fq_meas_reading reading(const char *spec_uuid, int32_t unit_no, int64_t value)
{
    fq_meas_reading r;
    memset(&r, 0, sizeof r);
    snprintf(r.spec_uuid, sizeof r.spec_uuid, "%s", spec_uuid);
    r.unit_no = unit_no;
    r.value_milli = value;
    return r;
}

static void test_defective_units(void **state)
{
    (void)state;
    fq_meas_spec specs[3] = {
        spec("A", "M", "cm", 52000, 1000, 1000, FQ_SEV_MAJOR),
        spec("B", "M", "cm", 70000, 500, 1500, FQ_SEV_MINOR),
        spec("C", "L", "cm", 56000, 1000, 1000, FQ_SEV_MAJOR),
    };
    int32_t units[FQ_SEV_COUNT];
    fq_meas_reading r[8];
    size_t n = 0;
    r[n++] = reading("A", 1, 52000);
    r[n++] = reading("B", 1, 70000);
    fq_meas_defectives(specs, 3, r, n, units);
    assert_int_equal(units[FQ_SEV_MINOR] + units[FQ_SEV_MAJOR] + units[FQ_SEV_CRITICAL], 0);
    r[n++] = reading("A", 2, 54000); /* unit 2: A out (major) and B out (minor): one major */
    r[n++] = reading("B", 2, 60000);
    r[n++] = reading("B", 3, 72000); /* unit 3: B out: one minor */
    r[n++] = reading("C", 2, 60000); /* unit 2 of size L is another unit: one major */
    r[n++] = reading("X", 4, 0);     /* no such spec: ignored */
    fq_meas_defectives(specs, 3, r, n, units);
    assert_int_equal(units[FQ_SEV_MAJOR], 2);
    assert_int_equal(units[FQ_SEV_MINOR], 1);
    assert_int_equal(units[FQ_SEV_CRITICAL], 0);
    /* corrected: unit 2's A back in tolerance leaves its minor B */
    r[2].value_milli = 52500;
    fq_meas_defectives(specs, 3, r, n, units);
    assert_int_equal(units[FQ_SEV_MAJOR], 1);
    assert_int_equal(units[FQ_SEV_MINOR], 2);
}

static void test_point_stats(void **state)
{
    (void)state;
    fq_meas_spec s = spec("A", "", "cm", 52000, 1000, 1000, FQ_SEV_MAJOR);
    int64_t v[5] = {52000, 52500, 51500, 54000, 52001};
    fq_meas_stats st;
    fq_meas_point_stats(&s, v, 5, &st);
    assert_int_equal(st.n, 5);
    assert_int_equal(st.n_out, 1);
    assert_int_equal(st.min_milli, 51500);
    assert_int_equal(st.max_milli, 54000);
    assert_int_equal(st.mean_milli, 52400); /* 262001 / 5 = 52400.2 */
    int64_t w[2] = {-1, -2};                 /* -1.5 rounds away from zero */
    fq_meas_point_stats(&s, w, 2, &st);
    assert_int_equal(st.mean_milli, -2);
    fq_meas_point_stats(&s, NULL, 0, &st);
    assert_int_equal(st.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inclusive_limits), cmocka_unit_test(test_asymmetric_tolerances),
        cmocka_unit_test(test_units),            cmocka_unit_test(test_parse_readings),
        cmocka_unit_test(test_spec_check),       cmocka_unit_test(test_defective_units),
        cmocka_unit_test(test_point_stats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
