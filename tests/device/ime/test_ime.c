/* fq_ime over Debian's libgooglepinyin: "zhixiang" offers 纸箱; choosing it leaves "posun",
 * whose choice completes 纸箱破损; the user dictionary learns it, so the next start ranks
 * 纸箱破损 first for "zhixiangposun" (the engine's own first guess is 只想破损); a spelling
 * that matches nothing; a second open is refused (one engine per process). */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "ime/ime.h"

FQ_IME_ASAN_OPTIONS

static char user_dict[512];

static void test_choose_and_learn(void **state)
{
    (void)state;
    fq_test_path(user_dict, sizeof user_dict, "pinyin-user.dat");
    fq_ime *ime = NULL;
    char err[256];
    assert_true(fq_ime_open(NULL, user_dict, &ime, err, sizeof err));
    fq_ime *second = NULL;
    assert_false(fq_ime_open(NULL, user_dict, &second, err, sizeof err));
    char c[FQ_IME_TEXT_MAX];
    size_t n = fq_ime_search(ime, "zhixiangposun");
    assert_true(n > 3);
    assert_true(fq_ime_candidate(ime, 0, c, sizeof c));
    assert_string_not_equal(c, "\xE7\xBA\xB8\xE7\xAE\xB1\xE7\xA0\xB4\xE6\x8D\x9F"); /* not learnt yet */
    /* the candidate 纸箱 among the first few for the first syllables */
    size_t at = n;
    for (size_t i = 0; i < n && i < 8; i++)
        if (fq_ime_candidate(ime, i, c, sizeof c) && !strcmp(c, "\xE7\xBA\xB8\xE7\xAE\xB1"))
            at = i;
    assert_true(at < 8);
    bool done = true;
    n = fq_ime_choose(ime, at, &done);
    assert_false(done);
    assert_true(n > 1);
    /* 纸箱 chosen, "posun" still letters */
    assert_string_equal(fq_ime_preedit(ime), "\xE7\xBA\xB8\xE7\xAE\xB1posun");
    /* candidate 0 is the whole sentence now */
    assert_true(fq_ime_candidate(ime, 0, c, sizeof c));
    assert_string_equal(c, "\xE7\xBA\xB8\xE7\xAE\xB1\xE7\xA0\xB4\xE6\x8D\x9F");
    n = fq_ime_choose(ime, 0, &done);
    assert_true(done);
    assert_int_equal(n, 0);
    assert_string_equal(fq_ime_result(ime), "\xE7\xBA\xB8\xE7\xAE\xB1\xE7\xA0\xB4\xE6\x8D\x9F");
    assert_int_equal(fq_ime_search(ime, "xqzv"), fq_ime_search(ime, "xqzv")); /* no crash */
    fq_ime_close(ime);
    /* learnt: first for the whole spelling after a restart */
    assert_true(fq_ime_open(NULL, user_dict, &ime, err, sizeof err));
    assert_true(fq_ime_search(ime, "zhixiangposun") > 0);
    assert_true(fq_ime_candidate(ime, 0, c, sizeof c));
    assert_string_equal(c, "\xE7\xBA\xB8\xE7\xAE\xB1\xE7\xA0\xB4\xE6\x8D\x9F");
    fq_ime_close(ime);
}

static void test_missing_dictionary(void **state)
{
    (void)state;
    fq_ime *ime = NULL;
    char err[256] = "";
    assert_false(fq_ime_open("/nonexistent/dict_pinyin.dat", NULL, &ime, err, sizeof err));
    assert_non_null(strstr(err, "no dictionary"));
    assert_null(ime);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_choose_and_learn),
        cmocka_unit_test(test_missing_dictionary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
