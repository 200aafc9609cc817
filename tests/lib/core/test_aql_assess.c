/* A visit's AQL plan in core: the default plan, and the assessment that decides the lot's
 * final result (open until the sample is complete, then accepted or rejected), with every
 * reason a plan can have no verdict. The stored values of the lot result are a contract
 * with existing databases and office reports. */
#include "harness.h"

#include <string.h>

#include "core/aql.h"

/* PO-24117 of the demo: 5000 mugs, level II normal -> code L, sample 200; major 2.5 is
 * Ac 10 Re 11, minor 4.0 Ac 14 Re 15, critical zero tolerance Ac 0 Re 1 at 200. */
static fq_aql_plan demo_plan(void)
{
    fq_order o;
    memset(&o, 0, sizeof o);
    strcpy(o.supplier, "Jingdezhen Ceramics");
    strcpy(o.product, "Ceramic mug 350 ml");
    o.quantity = 5000;
    fq_aql_plan p;
    fq_aql_plan_default("visit-1", &o, &p);
    return p;
}

static void test_lot_result_values_are_stored_values(void **state)
{
    (void)state;
    /* lib/store lot history selects lot_result IN (1, 2); old databases hold 0/1/2 */
    assert_int_equal(FQ_AQL_LOT_OPEN, 0);
    assert_int_equal(FQ_AQL_LOT_ACCEPTED, 1);
    assert_int_equal(FQ_AQL_LOT_REJECTED, 2);
}

static void test_default_plan(void **state)
{
    (void)state;
    fq_aql_plan p = demo_plan();
    assert_string_equal(p.visit_uuid, "visit-1");
    assert_string_equal(p.supplier, "Jingdezhen Ceramics");
    assert_string_equal(p.product, "Ceramic mug 350 ml");
    assert_int_equal(p.lot_size, 5000);
    assert_int_equal(p.level, FQ_AQL_LEVEL_II);
    assert_int_equal(p.mode, FQ_AQL_NORMAL);
    assert_int_equal(p.aql_milli[0], 4000);
    assert_int_equal(p.aql_milli[1], 2500);
    assert_int_equal(p.aql_milli[2], FQ_AQL_ZERO_TOLERANCE);
    assert_int_equal(p.sampled, 0);
    assert_int_equal(p.lot_result, FQ_AQL_LOT_OPEN);
    assert_string_equal(p.meta.uuid, ""); /* not a stored record */
}

static void test_open_until_the_sample_is_complete(void **state)
{
    (void)state;
    fq_aql_plan p = demo_plan();
    int32_t found[3] = {0, 3, 0};
    fq_aql_assessment a;
    p.sampled = 25;
    assert_int_equal(fq_aql_assess(&p, found, &a), FQ_OK);
    assert_int_equal(a.status, FQ_AQL_STATUS_OK);
    assert_int_equal(a.result.largest_sample, 200);
    assert_int_equal(a.result.sev[1].plan.ac, 10);
    assert_int_equal(a.result.sev[1].defects_until_reject, 8);
    assert_int_equal(a.sampled, 25);
    assert_int_equal(a.to_sample, 175);
    assert_false(a.sample_complete);
    assert_int_equal(a.lot_result, FQ_AQL_LOT_OPEN);

    p.sampled = 200;
    assert_int_equal(fq_aql_assess(&p, found, &a), FQ_OK);
    assert_true(a.sample_complete);
    assert_int_equal(a.to_sample, 0);
    assert_int_equal(a.lot_result, FQ_AQL_LOT_ACCEPTED);

    p.sampled = 300; /* more than the plan asks: still complete */
    assert_int_equal(fq_aql_assess(&p, found, &a), FQ_OK);
    assert_true(a.sample_complete);
    assert_int_equal(a.to_sample, 0);
    assert_int_equal(a.lot_result, FQ_AQL_LOT_ACCEPTED);
}

/* A critical defect rejects at once on screen, but the lot's final result waits for the
 * whole sample: a recount before then may still change it. */
static void test_early_reject_is_final_only_when_complete(void **state)
{
    (void)state;
    fq_aql_plan p = demo_plan();
    int32_t found[3] = {0, 0, 1};
    fq_aql_assessment a;
    p.sampled = 50;
    assert_int_equal(fq_aql_assess(&p, found, &a), FQ_OK);
    assert_int_equal(a.result.overall, FQ_AQL_OUTCOME_REJECT);
    assert_int_equal(a.result.sev[2].defects_over_ac, 1);
    assert_int_equal(a.lot_result, FQ_AQL_LOT_OPEN);
    p.sampled = 200;
    assert_int_equal(fq_aql_assess(&p, found, &a), FQ_OK);
    assert_int_equal(a.lot_result, FQ_AQL_LOT_REJECTED);
    /* the same count with no found array at all is a clean accept */
    assert_int_equal(fq_aql_assess(&p, NULL, &a), FQ_OK);
    assert_int_equal(a.lot_result, FQ_AQL_LOT_ACCEPTED);
}

static void expect_no_verdict(const fq_aql_plan *p, const int32_t *found, fq_aql_status why)
{
    fq_aql_assessment a;
    memset(&a, 0x5a, sizeof a);
    assert_int_equal(fq_aql_assess(p, found, &a), FQ_OK);
    assert_int_equal(a.status, why);
    assert_false(a.sample_complete);
    assert_int_equal(a.to_sample, 0);
    assert_int_equal(a.result.largest_sample, 0);
    assert_int_equal(a.lot_result, FQ_AQL_LOT_OPEN);
}

static void test_no_verdict_reasons(void **state)
{
    (void)state;
    fq_aql_plan p = demo_plan();
    p.sampled = 5000; /* a complete-looking sample never decides a lot without a verdict */
    fq_aql_plan q = p;
    q.lot_size = 1;
    expect_no_verdict(&q, NULL, FQ_AQL_STATUS_NO_LOT_SIZE);
    q.lot_size = 0;
    expect_no_verdict(&q, NULL, FQ_AQL_STATUS_NO_LOT_SIZE);
    q = p;
    q.mode = FQ_AQL_DISCONTINUED;
    expect_no_verdict(&q, NULL, FQ_AQL_STATUS_DISCONTINUED);
    q = p;
    q.aql_milli[0] = q.aql_milli[1] = q.aql_milli[2] = FQ_AQL_NOT_INSPECTED;
    expect_no_verdict(&q, NULL, FQ_AQL_STATUS_NO_AQL);
    q = p;
    q.aql_milli[1] = 2400; /* not a table AQL */
    expect_no_verdict(&q, NULL, FQ_AQL_STATUS_NO_AQL);
    q = p;
    q.level = FQ_AQL_LEVEL_COUNT;
    expect_no_verdict(&q, NULL, FQ_AQL_STATUS_NO_AQL);
    int32_t too_many[3] = {0, 201, 0};
    expect_no_verdict(&p, too_many, FQ_AQL_STATUS_TOO_MANY_DEFECTS);
}

static void test_null_arguments(void **state)
{
    (void)state;
    fq_aql_plan p = demo_plan();
    fq_aql_assessment a;
    assert_int_equal(fq_aql_assess(NULL, NULL, &a), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_assess(&p, NULL, NULL), FQ_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lot_result_values_are_stored_values),
        cmocka_unit_test(test_default_plan),
        cmocka_unit_test(test_open_until_the_sample_is_complete),
        cmocka_unit_test(test_early_reject_is_final_only_when_complete),
        cmocka_unit_test(test_no_verdict_reasons),
        cmocka_unit_test(test_null_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
