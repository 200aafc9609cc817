/* The portal's pure parsing (issue 14): form bodies (application/x-www-form-urlencoded:
 * '+' and %XX decoded, a bad escape or a NUL refused, at most max fields, empty pieces
 * skipped) and account names. The same functions are fuzzed (tests/fuzz/fuzz_serve.c). */
#include "harness.h"

#include <string.h>

#include "office/portal/portal.h"

static int parse(const char *body, fq_portal_arg *args, size_t max, char *buf)
{
    size_t len = strlen(body);
    memcpy(buf, body, len + 1);
    return fq_portal_form_parse(buf, len, args, max);
}

static void test_form_fields_are_decoded(void **state)
{
    (void)state;
    char buf[256];
    fq_portal_arg a[8];
    int n = parse("csrf=00ff&name=anna&comment=a+b%2Bc%3Cscript%3E&&flag&empty=", a, 8, buf);
    assert_int_equal(n, 5);
    assert_string_equal(fq_portal_arg_get(a, 5, "csrf"), "00ff");
    assert_string_equal(fq_portal_arg_get(a, 5, "name"), "anna");
    assert_string_equal(fq_portal_arg_get(a, 5, "comment"), "a b+c<script>");
    assert_string_equal(fq_portal_arg_get(a, 5, "flag"), "");
    assert_string_equal(fq_portal_arg_get(a, 5, "empty"), "");
    assert_null(fq_portal_arg_get(a, 5, "missing"));
    /* the first of a repeated name */
    n = parse("a=1&a=2", a, 8, buf);
    assert_int_equal(n, 2);
    assert_string_equal(fq_portal_arg_get(a, 2, "a"), "1");
    /* UTF-8 passes as bytes */
    n = parse("s=%E5%AE%81%E6%B3%A2", a, 8, buf);
    assert_int_equal(n, 1);
    assert_string_equal(a[0].value, "\xE5\xAE\x81\xE6\xB3\xA2");
    assert_int_equal(parse("", a, 8, buf), 0);
}

static void test_malformed_forms_are_refused(void **state)
{
    (void)state;
    char buf[256];
    fq_portal_arg a[2];
    assert_int_equal(parse("a=%zz", a, 2, buf), -1);
    assert_int_equal(parse("a=%4", a, 2, buf), -1);
    assert_int_equal(parse("a=%", a, 2, buf), -1);
    assert_int_equal(parse("a=%00b", a, 2, buf), -1);   /* no NUL smuggled into a value */
    assert_int_equal(parse("a=1&b=2&c=3", a, 2, buf), -1); /* more fields than taken */
    /* a NUL byte in the body itself */
    memcpy(buf, "a=1\0b=2", 8);
    assert_int_equal(fq_portal_form_parse(buf, 7, a, 2), -1);
}

static void test_account_names(void **state)
{
    (void)state;
    assert_true(fq_portal_user_name_ok("anna"));
    assert_true(fq_portal_user_name_ok("anna.berg@northwind-home.de"));
    assert_true(fq_portal_user_name_ok("li_wei2"));
    assert_false(fq_portal_user_name_ok(""));
    assert_false(fq_portal_user_name_ok(NULL));
    assert_false(fq_portal_user_name_ok("Anna"));      /* lower case only (login lowers it) */
    assert_false(fq_portal_user_name_ok(".hidden"));
    assert_false(fq_portal_user_name_ok("-x"));
    assert_false(fq_portal_user_name_ok("a b"));
    assert_false(fq_portal_user_name_ok("a'b"));
    char long_name[80];
    memset(long_name, 'a', 64);
    long_name[64] = '\0';
    assert_false(fq_portal_user_name_ok(long_name));
    long_name[63] = '\0';
    assert_true(fq_portal_user_name_ok(long_name));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_form_fields_are_decoded),
        cmocka_unit_test(test_malformed_forms_are_refused),
        cmocka_unit_test(test_account_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
