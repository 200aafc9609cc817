/* Core's sentences through the catalog a thread was given (fq_tr_use): a light's reason in
 * that catalog's words, plurals chosen by it, other threads and a reset back to libc's
 * catalog (English in the C locale) untouched. */
#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/lights.h"
#include "core/tr.h"

/* a catalog that marks what it translated: "<<msgid>>" (the sentence formats stay valid) */
static _Thread_local char marked[8][512];
static _Thread_local int next;

static const char *mark(const void *ctx, const char *msgid)
{
    (void)ctx;
    char *out = marked[next++ % 8];
    snprintf(out, sizeof marked[0], "<<%s>>", msgid);
    return out;
}

static const char *mark_n(const void *ctx, const char *one, const char *many, unsigned long n)
{
    return mark(ctx, n == 1 ? one : many);
}

static const fq_tr_catalog MARKING = {mark, mark_n, NULL};

static fq_light_result late_sample(void)
{
    fq_milestone m;
    memset(&m, 0, sizeof m);
    m.kind = FQ_MS_SAMPLE_APPROVAL;
    m.due_utc = 1764547200;                         /* 2025-12-01 */
    return fq_light_milestone(&m, 1764547200 + 10 * 86400); /* ten days later */
}

static void *english_thread(void *arg)
{
    fq_light_result *r = arg;
    *r = late_sample();
    return NULL;
}

static void test_reason_in_the_threads_catalog(void **state)
{
    (void)state;
    fq_light_result en = late_sample();
    assert_null(strstr(en.reason, "<<"));
    assert_non_null(strstr(en.reason, "10 days past due"));
    fq_tr_use(&MARKING);
    fq_light_result marked_r = late_sample();
    /* the sentence and the milestone's name both from the catalog */
    assert_non_null(strstr(marked_r.reason, "<<<<Sample approval>> is 10 days past due"));
    /* another thread at the same time still has libc's catalog */
    pthread_t t;
    fq_light_result other;
    assert_int_equal(pthread_create(&t, NULL, english_thread, &other), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_string_equal(other.reason, en.reason);
    fq_tr_use(NULL);
    fq_light_result again = late_sample();
    assert_string_equal(again.reason, en.reason);
}

static void test_plural_goes_through_the_catalog(void **state)
{
    (void)state;
    fq_tr_use(&MARKING);
    assert_string_equal(FQ_TRN("%lld day", "%lld days", 1), "<<%lld day>>");
    assert_string_equal(FQ_TRN("%lld day", "%lld days", 3), "<<%lld days>>");
    assert_string_equal(FQ_TR("done"), "<<done>>");
    fq_tr_use(NULL);
    assert_string_equal(FQ_TR("done"), "done");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reason_in_the_threads_catalog),
        cmocka_unit_test(test_plural_goes_through_the_catalog),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
