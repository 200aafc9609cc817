/* Traffic-light rules: milestone lateness, grace, sample gate, 40 % packaging rule, worst of
 * an order, and the reasons a person reads. */
#include "harness.h"

#include <string.h>

#include "core/lights.h"

#define DAY 86400
#define NOW (1000 * DAY)

static fq_milestone ms(int32_t kind, int64_t due, int32_t grace, int32_t status)
{
    fq_milestone m;
    memset(&m, 0, sizeof m);
    m.kind = kind;
    m.due_utc = due;
    m.grace_days = grace;
    m.status = status;
    return m;
}

static void test_milestone_on_time_is_green(void **state)
{
    (void)state;
    fq_milestone m = ms(FQ_MS_RAW_MATERIAL_CHECK, NOW + DAY, 2, FQ_MSS_PENDING);
    fq_light_result r = fq_light_milestone(&m, NOW);
    assert_int_equal(r.light, FQ_LIGHT_GREEN);
    m.due_utc = NOW; /* due today, not yet past */
    assert_int_equal(fq_light_milestone(&m, NOW).light, FQ_LIGHT_GREEN);
}

static void test_milestone_past_due_yellow_then_red(void **state)
{
    (void)state;
    /* DOMAIN.md: materials due day 5, not there on day 7 */
    fq_milestone m = ms(FQ_MS_RAW_MATERIAL_CHECK, 5 * DAY, 3, FQ_MSS_PENDING);
    fq_light_result r = fq_light_milestone(&m, 7 * DAY);
    assert_int_equal(r.light, FQ_LIGHT_YELLOW);
    assert_non_null(strstr(r.reason, "Raw material check is 2 days past due"));
    assert_int_equal(fq_light_milestone(&m, 8 * DAY + 3600).light, FQ_LIGHT_YELLOW); /* 3 = grace */
    r = fq_light_milestone(&m, 9 * DAY);                                  /* 4 > grace */
    assert_int_equal(r.light, FQ_LIGHT_RED);
    assert_non_null(strstr(r.reason, "4 days past due"));
    assert_non_null(strstr(r.reason, "tell the buyer"));
    /* the whole due day is on time; the next day is 1 day late */
    assert_int_equal(fq_light_milestone(&m, 5 * DAY + 86399).light, FQ_LIGHT_GREEN);
    r = fq_light_milestone(&m, 6 * DAY);
    assert_int_equal(r.light, FQ_LIGHT_YELLOW);
    assert_non_null(strstr(r.reason, "1 day past due"));
}

static void test_milestone_done_or_waived_is_green(void **state)
{
    (void)state;
    fq_milestone m = ms(FQ_MS_FIRST_ARTICLE, DAY, 0, FQ_MSS_DONE);
    assert_int_equal(fq_light_milestone(&m, NOW).light, FQ_LIGHT_GREEN);
    m.status = FQ_MSS_WAIVED;
    fq_light_result r = fq_light_milestone(&m, NOW);
    assert_int_equal(r.light, FQ_LIGHT_GREEN);
    assert_string_equal(r.reason, "waived in writing");
    m.status = FQ_MSS_BLOCKED; /* blocked is not closed: lateness still counts */
    assert_int_equal(fq_light_milestone(&m, NOW).light, FQ_LIGHT_RED);
}

static void test_title_used_in_reason(void **state)
{
    (void)state;
    fq_milestone m = ms(FQ_MS_PKG_DEPOSIT, NOW - DAY, 5, FQ_MSS_IN_PROGRESS);
    strcpy(m.title, "30 % deposit");
    fq_light_result r = fq_light_milestone(&m, NOW);
    assert_non_null(strstr(r.reason, "30 % deposit is 1 day past due"));
}

static void test_sample_gate(void **state)
{
    (void)state;
    fq_milestone chain[2] = {ms(FQ_MS_SAMPLE_APPROVAL, NOW + 10 * DAY, 2, FQ_MSS_PENDING),
                             ms(FQ_MS_FIRST_ARTICLE, NOW + 20 * DAY, 2, FQ_MSS_IN_PROGRESS)};
    fq_light_result r = fq_light_order(chain, 2, NULL, NOW);
    assert_int_equal(r.light, FQ_LIGHT_RED);
    assert_non_null(strstr(r.reason, "without an approved sample"));
    /* done without an approver is not an approval */
    chain[0].status = FQ_MSS_DONE;
    assert_int_equal(fq_light_order(chain, 2, NULL, NOW).light, FQ_LIGHT_RED);
    strcpy(chain[0].approved_by, "J. Miller (buyer)");
    assert_int_equal(fq_light_order(chain, 2, NULL, NOW).light, FQ_LIGHT_GREEN);
    /* waiving the sample does not open the gate */
    chain[0].status = FQ_MSS_WAIVED;
    assert_int_equal(fq_light_order(chain, 2, NULL, NOW).light, FQ_LIGHT_RED);
}

static void test_packaging_sample_version_opens_the_gate(void **state)
{
    (void)state;
    fq_milestone chain[2] = {ms(FQ_MS_PKG_SAMPLE_VERSION, NOW - 9 * DAY, 2, FQ_MSS_DONE),
                             ms(FQ_MS_PKG_PRODUCTION_START, NOW + DAY, 2, FQ_MSS_IN_PROGRESS)};
    assert_int_equal(fq_light_order(chain, 2, NULL, NOW).light, FQ_LIGHT_RED); /* no approver */
    strcpy(chain[0].approved_by, "Sara Kim");
    assert_int_equal(fq_light_order(chain, 2, NULL, NOW).light, FQ_LIGHT_GREEN);
}

static void test_production_count_starts_production(void **state)
{
    (void)state;
    fq_milestone chain[1] = {ms(FQ_MS_SAMPLE_APPROVAL, NOW + DAY, 2, FQ_MSS_PENDING)};
    fq_production p;
    memset(&p, 0, sizeof p);
    p.ordered = 1000;
    p.packaging_on_site = true;
    assert_false(fq_production_started(chain, 1, &p));
    p.completed = 1;
    assert_true(fq_production_started(chain, 1, &p));
    assert_int_equal(fq_light_order(chain, 1, &p, NOW).light, FQ_LIGHT_RED);
}

static void test_packaging_rule_at_40_percent(void **state)
{
    (void)state;
    fq_production p;
    memset(&p, 0, sizeof p);
    p.ordered = 1000;
    p.completed = 399;
    assert_int_equal(fq_light_packaging(&p).light, FQ_LIGHT_GREEN);
    p.completed = 400;
    fq_light_result r = fq_light_packaging(&p);
    assert_int_equal(r.light, FQ_LIGHT_YELLOW);
    assert_non_null(strstr(r.reason, "40 %"));
    p.packaging_on_site = true;
    assert_int_equal(fq_light_packaging(&p).light, FQ_LIGHT_GREEN);
    p.packaging_on_site = false;
    p.ordered = 0; /* unknown order size: no basis for the rule */
    assert_int_equal(fq_light_packaging(&p).light, FQ_LIGHT_GREEN);
}

static void test_order_shows_worst(void **state)
{
    (void)state;
    fq_milestone chain[3] = {
        ms(FQ_MS_SAMPLE_APPROVAL, NOW - 30 * DAY, 2, FQ_MSS_DONE),
        ms(FQ_MS_RAW_MATERIAL_CHECK, NOW - 2 * DAY, 5, FQ_MSS_PENDING), /* yellow */
        ms(FQ_MS_FIRST_ARTICLE, NOW - 9 * DAY, 3, FQ_MSS_PENDING),      /* red */
    };
    strcpy(chain[0].approved_by, "buyer");
    fq_light_result r = fq_light_order(chain, 3, NULL, NOW);
    assert_int_equal(r.light, FQ_LIGHT_RED);
    assert_non_null(strstr(r.reason, "First article inspection is 9 days past due"));
    chain[2].status = FQ_MSS_DONE;
    r = fq_light_order(chain, 3, NULL, NOW);
    assert_int_equal(r.light, FQ_LIGHT_YELLOW);
    assert_non_null(strstr(r.reason, "Raw material check"));
    assert_int_equal(fq_light_order(NULL, 0, NULL, NOW).light, FQ_LIGHT_GREEN);
    assert_string_equal(fq_light_name(FQ_LIGHT_YELLOW), "yellow");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_milestone_on_time_is_green),
        cmocka_unit_test(test_milestone_past_due_yellow_then_red),
        cmocka_unit_test(test_milestone_done_or_waived_is_green),
        cmocka_unit_test(test_title_used_in_reason),
        cmocka_unit_test(test_sample_gate),
        cmocka_unit_test(test_packaging_sample_version_opens_the_gate),
        cmocka_unit_test(test_production_count_starts_production),
        cmocka_unit_test(test_packaging_rule_at_40_percent),
        cmocka_unit_test(test_order_shows_worst),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
