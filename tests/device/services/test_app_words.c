/* What the app writes by itself is stored in English (the buyer's report) and drawn in the
 * inspector's language: a carton's wrong-barcode finding. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "services/app.h"

static fq_finding finding(const char *section, const char *text)
{
    fq_finding f;
    memset(&f, 0, sizeof f);
    snprintf(f.section, sizeof f.section, "%s", section);
    snprintf(f.text, sizeof f.text, "%s", text);
    return f;
}

static void test_carton_title(void **state)
{
    (void)state;
    char out[FQ_TEXT_LEN];
    const char *dir = getenv("FIELDQC_LOCALEDIR");
    assert_true(fq_i18n_open(dir));
    fq_finding f = finding("Cartons", "Carton 3 barcode");
    fq_i18n_use("en");
    fq_app_finding_title(&f, out, sizeof out);
    assert_string_equal(out, "Carton 3 barcode");
    assert_true(fq_i18n_use("zh_CN"));
    fq_app_finding_title(&f, out, sizeof out);
    assert_string_equal(out, "\xE5\xA4\x96\xE7\xAE\xB1 3 \xE6\x9D\xA1\xE7\xA0\x81"); /* 外箱 3 条码 */
    /* typed text that merely looks alike stays as typed */
    f = finding("Cartons", "Carton 3 barcode smudged");
    fq_app_finding_title(&f, out, sizeof out);
    assert_string_equal(out, "Carton 3 barcode smudged");
    f = finding("Packing", "Carton 3 barcode");
    fq_app_finding_title(&f, out, sizeof out);
    assert_string_equal(out, "Carton 3 barcode");
    fq_i18n_use("en");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_carton_title),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
