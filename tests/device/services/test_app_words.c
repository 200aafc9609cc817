/* What the app writes by itself is stored in English (the buyer's report) and drawn in the
 * inspector's language: a carton's wrong-barcode finding. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "app_fixture.h"
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

/* A failure below the services (the store, sqlite, errno: English) is drawn with its meaning
 * in the inspector's language first, the detail after it for the office. */
static void test_store_failure_words(void **state)
{
    const char *assets = *(const char **)*state;
    char path[1200];
    fq_app *app = NULL;
    fq_store *st = NULL;
    fq_test_app_open_demo(assets, "words.db", 1764590400, path, sizeof path, &app, &st);
    fq_app_order_view ov;
    assert_true(fq_i18n_open(getenv("FIELDQC_LOCALEDIR")));
    fq_i18n_use("en");
    assert_int_equal(fq_app_order_read(app, "00000000-0000-4000-8000-000000000000", &ov),
                     FQ_ERR_NOTFOUND);
    char english[600];
    snprintf(english, sizeof english, "%s", fq_app_errmsg(app));
    assert_true(english[0] != '\0');
    assert_true(fq_i18n_use("zh_CN"));
    assert_int_equal(fq_app_order_read(app, "00000000-0000-4000-8000-000000000000", &ov),
                     FQ_ERR_NOTFOUND);
    char want[700];
    snprintf(want, sizeof want, "\xE6\x9C\xAA\xE6\x89\xBE\xE5\x88\xB0 (%s)", english); /* 未找到 */
    assert_string_equal(fq_app_errmsg(app), want);
    fq_i18n_use("en");
    fq_app_close(app);
    fq_store_close(st);
}

int main(int argc, char **argv)
{
    static const char *assets;
    if (argc < 2)
        return 2; /* the assets folder */
    assets = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_carton_title),
        cmocka_unit_test_prestate(test_store_failure_words, &assets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
