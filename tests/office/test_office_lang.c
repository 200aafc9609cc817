/* The office's languages (office/lang.h, issue 16) on the catalogs the build compiled
 * (po/office and po/ into <build>/share/locale): a word of the office's catalog and one of
 * the device's (a severity) in Chinese, English as is; plurals; the language a browser asks
 * for; hostile codes; a missing catalog (English, said) and damaged ones (refused, never
 * read past their end); and many threads looking up two languages at once, each getting
 * its own words (the lookup takes the language as a parameter: no process locale). */
#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/langs.h"
#include "office/lang.h"

#define ZH_ORDERS "\xE8\xAE\xA2\xE5\x8D\x95"   /* 订单 */
#define ZH_CRITICAL "\xE8\x87\xB4\xE5\x91\xBD" /* 致命 */

static fq_office_lang *load(const char *code)
{
    fq_office_lang *l = NULL;
    assert_int_equal(fq_office_lang_load(code, FQ_TEST_LOCALEDIR, &l), FQ_OK);
    return l;
}

static void test_words(void **state)
{
    (void)state;
    fq_office_lang *zh = load("zh_CN");
    fq_office_lang *en = load("en");
    assert_true(fq_office_lang_complete(zh));
    assert_string_equal(fq_office_lang_text(zh, "Orders"), ZH_ORDERS);
    assert_string_equal(fq_office_lang_text(zh, "critical"), ZH_CRITICAL); /* fieldqc.mo */
    assert_string_equal(fq_office_lang_text(zh, "no such words"), "no such words");
    assert_string_equal(fq_office_lang_text(zh, ""), "");
    assert_string_equal(fq_office_lang_text(en, "Orders"), "Orders");
    assert_string_equal(fq_office_lang_text(NULL, "Orders"), "Orders");
    assert_string_equal(fq_office_lang_tag(zh), "zh-CN");
    assert_string_equal(fq_office_lang_tag(NULL), "en");
    assert_string_equal(fq_office_lang_code(zh), "zh_CN");
    /* Chinese has one plural form; English two */
    const char *one = "Too many failed logins: try again in %d minute.";
    const char *many = "Too many failed logins: try again in %d minutes.";
    assert_string_equal(fq_office_lang_ntext(zh, one, many, 1),
                        fq_office_lang_ntext(zh, one, many, 5));
    assert_non_null(
        strstr(fq_office_lang_ntext(zh, one, many, 5), "\xE5\x88\x86\xE9\x92\x9F")); /* 分钟 */
    assert_string_equal(fq_office_lang_ntext(en, one, many, 1), one);
    assert_string_equal(fq_office_lang_ntext(en, one, many, 2), many);
    assert_string_equal(fq_office_lang_ntext(NULL, one, many, 0), many);
    fq_office_lang_free(zh);
    fq_office_lang_free(en);
    fq_office_lang_free(NULL);
}

static void test_codes_and_accept_language(void **state)
{
    (void)state;
    assert_string_equal(fq_lang_known("zh_CN"), "zh_CN");
    assert_null(fq_lang_known("zh_cn"));
    assert_null(fq_lang_known("zh_CN\"><script>"));
    assert_null(fq_lang_known(""));
    assert_null(fq_lang_known(NULL));
    fq_office_lang *l = NULL;
    assert_int_equal(fq_office_lang_load("de", FQ_TEST_LOCALEDIR, &l), FQ_ERR_INVALID);
    assert_int_equal(fq_office_lang_load("../../etc", FQ_TEST_LOCALEDIR, &l), FQ_ERR_INVALID);
    assert_null(l);
    static const struct {
        const char *header, *want;
    } cases[] = {{NULL, "en"},
                 {"", "en"},
                 {"zh-CN,zh;q=0.9,en;q=0.8", "zh_CN"},
                 {"en-US,en;q=0.9,zh;q=0.8", "en"},
                 {"fr-FR, zh;q=0.5", "zh_CN"},
                 {"zh-Hans-CN", "zh_CN"},
                 {"zh;q=0, en;q=0.1", "en"},
                 {"de, fr;q=0.8", "en"},
                 {"zhx, zh-", "zh_CN"},
                 {"\xff\xfe;;;,,q=,q=9", "en"},
                 {"en;q=0.2, zh;q=0.7", "zh_CN"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = fq_office_lang_from_accept(cases[i].header);
        if (strcmp(got, cases[i].want))
            fail_msg("Accept-Language '%s': %s, not %s",
                     cases[i].header ? cases[i].header : "(none)", got, cases[i].want);
    }
}

static void write_mo(const char *dir, const char *code, const char *domain,
                     const unsigned char *bytes, size_t len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, code);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/LC_MESSAGES", dir, code);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", dir, code, domain);
    assert_int_equal(fq_test_write_file(path, bytes, len), 0);
}

static void test_missing_and_damaged_catalogs(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("catalogs");
    /* no catalog: English, and the caller is told */
    fq_office_lang *l = NULL;
    assert_int_equal(fq_office_lang_load("zh_CN", dir, &l), FQ_OK);
    assert_false(fq_office_lang_complete(l));
    assert_string_equal(fq_office_lang_text(l, "Orders"), "Orders");
    fq_office_lang_free(l);
    /* a real catalog cut short: refused */
    char real[1024];
    snprintf(real, sizeof real, "%s/zh_CN/LC_MESSAGES/fieldqc-office.mo", FQ_TEST_LOCALEDIR);
    unsigned char *mo = NULL;
    size_t mo_len = 0;
    assert_int_equal(fq_test_read_file(real, &mo, &mo_len), 0);
    assert_true(mo_len > 1000);
    write_mo(dir, "zh_CN", "fieldqc-office", mo, mo_len / 2);
    l = NULL;
    assert_int_equal(fq_office_lang_load("zh_CN", dir, &l), FQ_ERR_CORRUPT);
    assert_null(l);
    /* an entry pointing past the end of the file: refused */
    unsigned char *bad = malloc(mo_len);
    assert_non_null(bad);
    memcpy(bad, mo, mo_len);
    uint32_t trans = (uint32_t)bad[16] | (uint32_t)bad[17] << 8 | (uint32_t)bad[18] << 16 |
                     (uint32_t)bad[19] << 24;
    bad[trans + 8 + 4] = 0xff; /* entry 1's offset */
    bad[trans + 8 + 7] = 0x7f;
    write_mo(dir, "zh_CN", "fieldqc-office", bad, mo_len);
    assert_int_equal(fq_office_lang_load("zh_CN", dir, &l), FQ_ERR_CORRUPT);
    /* not a catalog at all */
    write_mo(dir, "zh_CN", "fieldqc-office", (const unsigned char *)"hello, world, hello", 19);
    assert_int_equal(fq_office_lang_load("zh_CN", dir, &l), FQ_ERR_CORRUPT);
    /* the whole catalog again: loads */
    write_mo(dir, "zh_CN", "fieldqc-office", mo, mo_len);
    assert_int_equal(fq_office_lang_load("zh_CN", dir, &l), FQ_OK);
    assert_string_equal(fq_office_lang_text(l, "Orders"), ZH_ORDERS);
    assert_false(fq_office_lang_complete(l)); /* fieldqc.mo is still missing there */
    fq_office_lang_free(l);
    free(bad);
    free(mo);
}

typedef struct worker {
    const fq_office_lang *lang;
    const char *want_orders, *want_critical;
    int wrong;
} worker;

static void *look_up(void *arg)
{
    worker *w = arg;
    for (int i = 0; i < 200000; i++) {
        if (strcmp(fq_office_lang_text(w->lang, "Orders"), w->want_orders) ||
            strcmp(fq_office_lang_text(w->lang, "critical"), w->want_critical))
            w->wrong++;
    }
    return NULL;
}

/* Two languages at the same time on four threads: each lookup answers in its own. */
static void test_threads_each_their_language(void **state)
{
    (void)state;
    fq_office_lang *zh = load("zh_CN");
    fq_office_lang *en = load("en");
    worker w[4] = {{zh, ZH_ORDERS, ZH_CRITICAL, 0},
                   {en, "Orders", "critical", 0},
                   {zh, ZH_ORDERS, ZH_CRITICAL, 0},
                   {en, "Orders", "critical", 0}};
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, look_up, &w[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].wrong, 0);
    }
    fq_office_lang_free(zh);
    fq_office_lang_free(en);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_codes_and_accept_language),
        cmocka_unit_test(test_missing_and_damaged_catalogs),
        cmocka_unit_test(test_threads_each_their_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
