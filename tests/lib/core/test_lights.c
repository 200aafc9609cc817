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
    p.packaging_on_site = FQ_ANSWER_YES;
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
    p.packaging_on_site = FQ_ANSWER_YES;
    assert_int_equal(fq_light_packaging(&p).light, FQ_LIGHT_GREEN);
    p.packaging_on_site = FQ_ANSWER_NO;
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


/* Issue 12 found: a pre-shipment visit signed off as fail with the lot rejected left the
 * order green "on schedule". */
static void test_failed_final_inspection_turns_order_red(void **state)
{
    (void)state;
    fq_milestone chain[1] = {ms(FQ_MS_SAMPLE_APPROVAL, NOW - 30 * DAY, 2, FQ_MSS_DONE)};
    strcpy(chain[0].approved_by, "buyer");
    fq_visit_outcome v = {FQ_VISIT_PRE_SHIPMENT, true, FQ_VERDICT_FAIL, FQ_AQL_LOT_REJECTED,
                          NOW - DAY, "Li Wei"};
    fq_order_facts f;
    memset(&f, 0, sizeof f);
    f.milestones = chain;
    f.n_milestones = 1;
    f.visits = &v;
    f.n_visits = 1;
    fq_light_report r;
    fq_light_order_report(&f, NOW, &r);
    assert_int_equal(r.light, FQ_LIGHT_RED);
    assert_int_equal(r.n_reasons, 2);
    assert_non_null(strstr(r.reasons[0].reason, "final inspection failed"));
    assert_non_null(strstr(r.reasons[1].reason, "lot rejected"));
    /* a lot rejected alone (verdict waived by the buyer) still says so */
    v.verdict = FQ_VERDICT_WAIVED;
    fq_light_order_report(&f, NOW, &r);
    assert_int_equal(r.light, FQ_LIGHT_RED);
    assert_non_null(strstr(r.reasons[0].reason, "lot rejected"));
    /* a re-inspection signed off later as pass decides again */
    fq_visit_outcome two[2] = {v, {FQ_VISIT_PRE_SHIPMENT, true, FQ_VERDICT_PASS,
                                   FQ_AQL_LOT_ACCEPTED, NOW, "Ana"}};
    two[0].verdict = FQ_VERDICT_FAIL;
    f.visits = two;
    f.n_visits = 2;
    fq_light_order_report(&f, NOW, &r);
    assert_int_equal(r.light, FQ_LIGHT_GREEN);
    /* an unfinished visit decides nothing yet */
    two[1].finished = false;
    fq_light_order_report(&f, NOW, &r);
    assert_int_equal(r.light, FQ_LIGHT_RED);
    /* a failed in-line check is a warning */
    fq_visit_outcome inl = {FQ_VISIT_INLINE, true, FQ_VERDICT_FAIL, 0, NOW, ""};
    f.visits = &inl;
    f.n_visits = 1;
    fq_light_order_report(&f, NOW, &r);
    assert_int_equal(r.light, FQ_LIGHT_YELLOW);
    assert_non_null(strstr(r.reasons[0].reason, "signed off as failed"));
}

/* Issue 12 found: the sample gate was red on Today but no milestone row was red. */
static void test_sample_gate_shows_on_its_milestone(void **state)
{
    (void)state;
    fq_milestone chain[2] = {ms(FQ_MS_SAMPLE_APPROVAL, NOW + 5 * DAY, 2, FQ_MSS_IN_PROGRESS),
                             ms(FQ_MS_FIRST_ARTICLE, NOW + 3 * DAY, 2, FQ_MSS_IN_PROGRESS)};
    strcpy(chain[0].meta.uuid, "sample");
    fq_order_facts f;
    memset(&f, 0, sizeof f);
    f.milestones = chain;
    f.n_milestones = 2;
    assert_true(fq_sample_gate_broken(&f));
    /* by its dates alone the sample milestone is on schedule: the gate makes it red */
    assert_int_equal(fq_light_milestone(&chain[0], NOW).light, FQ_LIGHT_GREEN);
    fq_light_result r = fq_light_milestone_in(&chain[0], &f, NOW);
    assert_int_equal(r.light, FQ_LIGHT_RED);
    assert_non_null(strstr(r.reason, "without an approved sample"));
    assert_int_equal(fq_light_milestone_in(&chain[1], &f, NOW).light, FQ_LIGHT_GREEN);
    /* a written approval of that milestone recorded on site opens the gate */
    fq_approval a;
    memset(&a, 0, sizeof a);
    a.kind = FQ_APPROVAL_APPROVAL;
    strcpy(a.milestone_uuid, "sample");
    strcpy(a.approver_name, "Mark Rivera");
    f.approvals = &a;
    f.n_approvals = 1;
    assert_false(fq_sample_gate_broken(&f));
    assert_int_equal(fq_light_milestone_in(&chain[0], &f, NOW).light, FQ_LIGHT_GREEN);
    a.kind = FQ_APPROVAL_SPEC_CHANGE; /* a spec change approves no sample */
    assert_true(fq_sample_gate_broken(&f));
}

/* Issue 12 found: only one reason was shown per order. */
static void test_every_reason_listed_worst_first(void **state)
{
    (void)state;
    fq_milestone chain[3] = {
        ms(FQ_MS_SAMPLE_APPROVAL, NOW + DAY, 2, FQ_MSS_PENDING),
        ms(FQ_MS_RAW_MATERIAL_CHECK, NOW - 2 * DAY, 5, FQ_MSS_PENDING), /* yellow */
        ms(FQ_MS_FIRST_ARTICLE, NOW - 9 * DAY, 3, FQ_MSS_IN_PROGRESS),  /* red */
    };
    fq_production p;
    memset(&p, 0, sizeof p);
    p.ordered = 1000;
    p.completed = 500; /* packaging not answered: yellow */
    fq_issue is;
    memset(&is, 0, sizeof is);
    strcpy(is.title, "Carton marks");
    strcpy(is.owner, "Zhang Min");
    is.due_utc = NOW - 3 * DAY;
    fq_order_facts f;
    memset(&f, 0, sizeof f);
    f.milestones = chain;
    f.n_milestones = 3;
    f.latest_production = &p;
    f.issues = &is;
    f.n_issues = 1;
    fq_light_report r;
    fq_light_order_report(&f, NOW, &r);
    assert_int_equal(r.light, FQ_LIGHT_RED);
    assert_int_equal(r.n_reasons, 5);
    assert_non_null(strstr(r.reasons[0].reason, "without an approved sample"));
    assert_int_equal(r.reasons[1].light, FQ_LIGHT_RED);
    assert_non_null(strstr(r.reasons[1].reason, "First article inspection is 9 days"));
    for (int i = 2; i < 5; i++)
        assert_int_equal(r.reasons[i].light, FQ_LIGHT_YELLOW);
    assert_non_null(strstr(r.reasons[3].reason, "not confirmed on site"));
    assert_non_null(strstr(r.reasons[4].reason, "\"Carton marks\" is 3 days past due (owner Zhang Min)"));
    /* closed issues and those not yet due say nothing */
    is.closed_utc = NOW;
    fq_light_order_report(&f, NOW, &r);
    assert_int_equal(r.n_reasons, 4);
    assert_int_equal(fq_light_order(chain, 3, &p, NOW).light, FQ_LIGHT_RED);
    /* nothing wrong: green "on schedule" and no reasons */
    memset(&f, 0, sizeof f);
    fq_light_order_report(&f, NOW, &r);
    assert_int_equal(r.light, FQ_LIGHT_GREEN);
    assert_int_equal(r.n_reasons, 0);
    assert_string_equal(fq_light_report_worst(&r).reason, "on schedule");
}

/* Issue 14: the dashboard's row: the next milestone is the first of the chain not closed,
 * with its own light (the sample gate on the sample milestone), inspectors named once. */
static void test_order_summary_next_milestone_and_inspectors(void **state)
{
    (void)state;
    fq_milestone chain[3] = {ms(FQ_MS_RFQ_NEGOTIATION, NOW - 20 * DAY, 2, FQ_MSS_DONE),
                             ms(FQ_MS_SAMPLE_APPROVAL, NOW + 3 * DAY, 2, FQ_MSS_PENDING),
                             ms(FQ_MS_FIRST_ARTICLE, NOW - 10 * DAY, 2, FQ_MSS_IN_PROGRESS)};
    fq_visit_outcome v[3] = {{FQ_VISIT_FIRST_ARTICLE, false, 0, 0, 0, "Li Wei"},
                             {FQ_VISIT_INLINE, false, 0, 0, 0, ""},
                             {FQ_VISIT_INLINE, false, 0, 0, 0, "Li Wei"}};
    fq_issue is[2];
    memset(is, 0, sizeof is);
    is[1].closed_utc = NOW;
    fq_order_facts f;
    memset(&f, 0, sizeof f);
    f.milestones = chain;
    f.n_milestones = 3;
    f.visits = v;
    f.n_visits = 3;
    f.issues = is;
    f.n_issues = 2;
    fq_order_summary s;
    fq_order_summarize(&f, NOW, &s);
    assert_int_equal(s.report.light, FQ_LIGHT_RED);
    assert_true(s.has_next);
    assert_int_equal(s.next_kind, FQ_MS_SAMPLE_APPROVAL);
    assert_int_equal(s.next_due_utc, NOW + 3 * DAY);
    /* due in 3 days, but production started without it: the gate */
    assert_int_equal(s.next_light, FQ_LIGHT_RED);
    assert_int_equal(s.n_visits, 3);
    assert_int_equal(s.n_open_issues, 1);
    assert_int_equal(s.n_inspectors, 1);
    assert_true(fq_order_summary_has_inspector(&s, "Li Wei"));
    assert_false(fq_order_summary_has_inspector(&s, "Li"));
    /* all closed: no next milestone */
    for (int i = 0; i < 3; i++)
        chain[i].status = FQ_MSS_DONE;
    strcpy(chain[1].approved_by, "buyer");
    fq_order_summarize(&f, NOW, &s);
    assert_false(s.has_next);
    assert_int_equal(fq_order_next_milestone(chain, 3), -1);
    assert_int_equal(fq_order_next_milestone(NULL, 0), -1);
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
        cmocka_unit_test(test_failed_final_inspection_turns_order_red),
        cmocka_unit_test(test_sample_gate_shows_on_its_milestone),
        cmocka_unit_test(test_every_reason_listed_worst_first),
        cmocka_unit_test(test_order_summary_next_milestone_and_inspectors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
