/* Barcode check digits: real published EAN-13, UPC-A and ITF-14 codes accepted with their
 * format; wrong lengths, non-digits and bad check digits refused with the reason. */
#include "harness.h"

#include <string.h>

#include "core/barcode.h"

static void expect_ok(const char *code, fq_barcode_format fmt, const char *msg)
{
    fq_barcode_check r;
    assert_int_equal(fq_barcode_validate(code, &r), FQ_OK);
    assert_int_equal(r.format, fmt);
    assert_int_equal(r.problem, FQ_BARCODE_OK);
    assert_string_equal(r.message, msg);
}

static void test_published_codes(void **state)
{
    (void)state;
    expect_ok("4006381333931", FQ_BARCODE_EAN13, "EAN-13 ok"); /* Stabilo pen, GS1 example */
    expect_ok("5901234123457", FQ_BARCODE_EAN13, "EAN-13 ok"); /* GS1 / Wikipedia example */
    expect_ok("9780306406157", FQ_BARCODE_EAN13, "EAN-13 ok"); /* ISBN-13 */
    expect_ok("036000291452", FQ_BARCODE_UPCA, "UPC-A ok");    /* Wikipedia UPC-A example */
    expect_ok("012345678905", FQ_BARCODE_UPCA, "UPC-A ok");
    expect_ok("10012345000017", FQ_BARCODE_ITF14, "ITF-14 ok");
    expect_ok("00012345600012", FQ_BARCODE_ITF14, "ITF-14 ok");
    expect_ok("15400141288763", FQ_BARCODE_ITF14, "ITF-14 ok"); /* GS1 GTIN-14 example */
}

static void test_scanner_whitespace(void **state)
{
    (void)state;
    expect_ok("  4006381333931\r\n", FQ_BARCODE_EAN13, "EAN-13 ok");
    expect_ok("\t036000291452 ", FQ_BARCODE_UPCA, "UPC-A ok");
}

static void test_bad_check_digit(void **state)
{
    (void)state;
    fq_barcode_check r;
    assert_int_equal(fq_barcode_validate("4006381333932", &r), FQ_ERR_INVALID);
    assert_int_equal(r.problem, FQ_BARCODE_BAD_CHECK);
    assert_int_equal(r.format, FQ_BARCODE_EAN13);
    assert_int_equal(r.expected_digit, 1);
    assert_int_equal(r.found_digit, 2);
    assert_string_equal(r.message, "EAN-13 bad check digit: ends in 2, expected 1");
    assert_int_equal(fq_barcode_validate("036000291453", &r), FQ_ERR_INVALID);
    assert_int_equal(r.format, FQ_BARCODE_UPCA);
    assert_int_equal(r.expected_digit, 2);
    assert_int_equal(fq_barcode_validate("10012345000018", &r), FQ_ERR_INVALID);
    assert_int_equal(r.format, FQ_BARCODE_ITF14);
    assert_int_equal(r.expected_digit, 7);
    /* two swapped adjacent digits (a typical typing slip) are caught */
    assert_int_equal(fq_barcode_validate("4006383133931", &r), FQ_ERR_INVALID);
    assert_int_equal(r.problem, FQ_BARCODE_BAD_CHECK);
}

static void test_wrong_length_and_non_digit(void **state)
{
    (void)state;
    fq_barcode_check r;
    /* an EAN-13 with a digit dropped reads as a 12-digit UPC-A, whose check then fails */
    assert_int_equal(fq_barcode_validate("400638133393", &r), FQ_ERR_INVALID);
    assert_int_equal(r.format, FQ_BARCODE_UPCA);
    assert_int_equal(r.problem, FQ_BARCODE_BAD_CHECK);
    assert_int_equal(fq_barcode_validate("40063813339", &r), FQ_ERR_INVALID);
    assert_int_equal(r.problem, FQ_BARCODE_WRONG_LENGTH);
    assert_int_equal(r.n_digits, 11);
    assert_int_equal(r.format, FQ_BARCODE_NONE);
    assert_non_null(strstr(r.message, "wrong length: 11 digits"));
    assert_int_equal(fq_barcode_validate("400638133393100", &r), FQ_ERR_INVALID);
    assert_int_equal(r.problem, FQ_BARCODE_WRONG_LENGTH);
    assert_int_equal(fq_barcode_validate("40063813A3931", &r), FQ_ERR_INVALID);
    assert_int_equal(r.problem, FQ_BARCODE_NON_DIGIT);
    assert_int_equal(r.position, 9);
    assert_string_equal(r.message, "not a digit: 'A' at position 9");
    assert_int_equal(fq_barcode_validate("4006 381333931", &r), FQ_ERR_INVALID);
    assert_int_equal(r.problem, FQ_BARCODE_NON_DIGIT);
    assert_int_equal(fq_barcode_validate("   ", &r), FQ_ERR_INVALID);
    assert_int_equal(r.problem, FQ_BARCODE_EMPTY);
    assert_int_equal(fq_barcode_validate(NULL, &r), FQ_ERR_INVALID);
    assert_int_equal(fq_barcode_validate("4006381333931", NULL), FQ_ERR_INVALID);
}

static void test_check_digit_function(void **state)
{
    (void)state;
    assert_int_equal(fq_barcode_gs1_check_digit("400638133393", 12), 1);
    assert_int_equal(fq_barcode_gs1_check_digit("03600029145", 11), 2);
    assert_int_equal(fq_barcode_gs1_check_digit("1001234500001", 13), 7);
    assert_int_equal(fq_barcode_gs1_check_digit("12a", 3), -1);
    assert_int_equal(fq_barcode_gs1_check_digit("1", 0), -1);
    assert_string_equal(fq_barcode_format_name(FQ_BARCODE_NONE), "none");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_published_codes),
        cmocka_unit_test(test_scanner_whitespace),
        cmocka_unit_test(test_bad_check_digit),
        cmocka_unit_test(test_wrong_length_and_non_digit),
        cmocka_unit_test(test_check_digit_function),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
