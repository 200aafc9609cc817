/* core/text.h: the bidirectional controls that reorder what a reader sees, and the cells a
 * spreadsheet would run as formulas. */
#include "harness.h"

#include <string.h>

#include "core/text.h"

static void test_bidi_controls(void **state)
{
    (void)state;
    assert_int_equal(fq_text_bidi_control_len("\xE2\x80\xAE" "gpj.exe"), 3); /* RLO */
    assert_int_equal(fq_text_bidi_control_len("\xE2\x80\xAA"), 3);           /* LRE */
    assert_int_equal(fq_text_bidi_control_len("\xE2\x81\xA6"), 3);           /* LRI */
    assert_int_equal(fq_text_bidi_control_len("\xE2\x81\xA9"), 3);           /* PDI */
    assert_int_equal(fq_text_bidi_control_len("\xE2\x80\x8F"), 3);           /* RLM */
    assert_int_equal(fq_text_bidi_control_len("\xD8\x9C"), 2);               /* ALM */
    assert_int_equal(fq_text_bidi_control_len("a"), 0);
    assert_int_equal(fq_text_bidi_control_len("\xE2\x80\x94"), 0);           /* em dash */
    assert_int_equal(fq_text_bidi_control_len("\xE5\xAE\x81"), 0);           /* 宁 */
    assert_int_equal(fq_text_bidi_control_len(""), 0);
}

static void test_formula_cells(void **state)
{
    (void)state;
    assert_true(fq_text_is_formula("=HYPERLINK(\"http://x\",\"click\")"));
    assert_true(fq_text_is_formula("@SUM(A1)"));
    assert_true(fq_text_is_formula("+cmd|' /C calc'!A0"));
    assert_true(fq_text_is_formula("-2+3"));
    assert_true(fq_text_is_formula("\t=1"));
    assert_true(fq_text_is_formula("\r=1"));
    assert_false(fq_text_is_formula("-12"));
    assert_false(fq_text_is_formula("+3.5"));
    assert_false(fq_text_is_formula("4500"));
    assert_false(fq_text_is_formula("Handle glue gap"));
    assert_false(fq_text_is_formula(""));
    assert_false(fq_text_is_formula(NULL));
    assert_true(fq_text_is_formula("-"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bidi_controls),
        cmocka_unit_test(test_formula_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
