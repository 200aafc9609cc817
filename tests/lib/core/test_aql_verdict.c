/* Verdicts per severity and per visit, zero tolerance at the visit's largest sample, and the
 * published worked examples per inspection mode (each cited where it is used). */
#include "harness.h"

#include <string.h>

#include "core/aql.h"

static fq_aql_sampling plan_for(int64_t lot, fq_aql_level level, fq_aql_mode mode, int32_t aql)
{
    fq_aql_sampling s;
    assert_int_equal(fq_aql_plan_for_lot(FQ_AQL_ISO_2859_1, lot, level, mode, aql, &s), FQ_OK);
    return s;
}

/* aqlrule.com AQL Inspection Manual, "Examples", Example 1: normal, batch 1000, AQL 1.5,
 * level II -> code letter J, sample 80, Ac 3, Re 4. Example 2 ("arrows in the Ac-Re box"):
 * normal, batch 20, AQL 1.5, level I -> B, arrow to C, arrow to D: sample 8, Ac 0, Re 1. */
static void test_example_normal_aqlrule(void **state)
{
    (void)state;
    fq_aql_sampling s = plan_for(1000, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, 1500);
    assert_int_equal(s.code_letter, 'J');
    assert_int_equal(s.plan_letter, 'J');
    assert_int_equal(s.sample_size, 80);
    assert_int_equal(s.ac, 3);
    assert_int_equal(s.re, 4);
    s = plan_for(20, FQ_AQL_LEVEL_I, FQ_AQL_NORMAL, 1500);
    assert_int_equal(s.code_letter, 'B');
    assert_int_equal(s.plan_letter, 'D');
    assert_int_equal(s.table_sample_size, 8); /* the arrow's plan, not B's 3 */
    assert_int_equal(s.sample_size, 8);
    assert_int_equal(s.ac, 0);
    assert_int_equal(s.re, 1);
}

/* Jenkins, Peck, Fernando (PLOS figshare 22583454, 2023), OC curves from ISO 2859-1:1999,
 * lot 35 001..150 000, normal: 0.65 S-4 80 1/2; 0.65 S-3 20 0/1; 0.40 S-4 125 1/2;
 * 0.40 S-3 32 0/1; 0.25 S-4 50 0/1; 0.15 S-4 80 0/1. */
static void test_example_normal_special_levels(void **state)
{
    (void)state;
    static const struct {
        fq_aql_level level;
        int32_t aql;
        int n, ac, re;
    } ex[] = {
        {FQ_AQL_LEVEL_S4, 650, 80, 1, 2},  {FQ_AQL_LEVEL_S3, 650, 20, 0, 1},
        {FQ_AQL_LEVEL_S4, 400, 125, 1, 2}, {FQ_AQL_LEVEL_S3, 400, 32, 0, 1},
        {FQ_AQL_LEVEL_S4, 250, 50, 0, 1},  {FQ_AQL_LEVEL_S4, 150, 80, 0, 1},
    };
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        fq_aql_sampling s = plan_for(100000, ex[i].level, FQ_AQL_NORMAL, ex[i].aql);
        assert_int_equal(s.sample_size, ex[i].n);
        assert_int_equal(s.ac, ex[i].ac);
        assert_int_equal(s.re, ex[i].re);
    }
}

/* aqlinspectorsrule.com "AQLs below 0.065": tightened, AQL 0.025, code letters Q and R ->
 * sample 3150, Ac 1, Re 2 (row S of Table 2-B). Also the manual's notes: tightened, AQL 10,
 * code letter A -> use code letter D (8, 1/2). */
static void test_example_tightened(void **state)
{
    (void)state;
    fq_aql_sampling s;
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ISO_2859_1, FQ_AQL_TIGHTENED, 'Q', 25, &s), FQ_OK);
    assert_int_equal(s.plan_letter, 'S');
    assert_int_equal(s.sample_size, 3150);
    assert_int_equal(s.ac, 1);
    assert_int_equal(s.re, 2);
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ISO_2859_1, FQ_AQL_TIGHTENED, 'R', 25, &s), FQ_OK);
    assert_int_equal(s.sample_size, 3150);
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ISO_2859_1, FQ_AQL_TIGHTENED, 'A', 10000, &s), FQ_OK);
    assert_int_equal(s.plan_letter, 'D');
    assert_int_equal(s.sample_size, 8);
    assert_int_equal(s.ac, 1);
    /* lot 500001+ level II (Q), tightened 0.025 via the lot entry point */
    s = plan_for(600000, FQ_AQL_LEVEL_II, FQ_AQL_TIGHTENED, 25);
    assert_int_equal(s.code_letter, 'Q');
    assert_int_equal(s.sample_size, 3150);
}

/* aqlinspectorsrule.com Example 3, "Differences between ANSI and ISO versions", ISO version:
 * reduced, AQL 1.0, batch 125, level III -> G, arrows to H then J: sample 32, Ac 1, Re 2
 * (the Z1.4 table would give H, 20, Ac 0, Re 2). And "AQLs below 0.065": reduced, AQL
 * 0.015, code letter R -> P, 315, 0/1. */
static void test_example_reduced_iso1999(void **state)
{
    (void)state;
    fq_aql_sampling s = plan_for(125, FQ_AQL_LEVEL_III, FQ_AQL_REDUCED, 1000);
    assert_int_equal(s.code_letter, 'G');
    assert_int_equal(s.plan_letter, 'J');
    assert_int_equal(s.sample_size, 32);
    assert_int_equal(s.ac, 1);
    assert_int_equal(s.re, 2);
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ISO_2859_1, FQ_AQL_REDUCED, 'R', 15, &s), FQ_OK);
    assert_int_equal(s.plan_letter, 'P');
    assert_int_equal(s.sample_size, 315);
    assert_int_equal(s.ac, 0);
    assert_int_equal(s.re, 1);
}

static void test_judge_and_margins(void **state)
{
    (void)state;
    fq_aql_sampling s = plan_for(1000, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, 2500); /* J 80 5/6 */
    fq_aql_severity_result r;
    assert_int_equal(s.ac, 5);
    assert_int_equal(fq_aql_judge(&s, 0, &r), FQ_OK);
    assert_int_equal(r.outcome, FQ_AQL_OUTCOME_ACCEPT);
    assert_int_equal(r.defects_until_reject, 6);
    assert_int_equal(fq_aql_judge(&s, 5, &r), FQ_OK); /* found == Ac: accept, one more rejects */
    assert_int_equal(r.outcome, FQ_AQL_OUTCOME_ACCEPT);
    assert_int_equal(r.defects_until_reject, 1);
    assert_int_equal(fq_aql_judge(&s, 6, &r), FQ_OK); /* found == Re: reject */
    assert_int_equal(r.outcome, FQ_AQL_OUTCOME_REJECT);
    assert_int_equal(r.defects_until_reject, 0);
    assert_int_equal(r.defects_over_ac, 1);
    assert_int_equal(fq_aql_judge(&s, -1, &r), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_judge(&s, 81, &r), FQ_ERR_INVALID); /* more than inspected */
}

/* Typical consumer goods: minor 4.0, major 2.5, critical zero tolerance, level II. */
static void test_visit_typical(void **state)
{
    (void)state;
    const int32_t aql[3] = {4000, 2500, FQ_AQL_ZERO_TOLERANCE};
    const int32_t found[3] = {7, 6, 0};
    fq_aql_visit_result v;
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 1000, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, aql, found, &v),
                     FQ_OK);
    assert_int_equal(v.sev[0].plan.ac, 7); /* J 80, 4.0 -> 7/8 */
    assert_int_equal(v.sev[0].outcome, FQ_AQL_OUTCOME_ACCEPT);
    assert_int_equal(v.sev[0].defects_until_reject, 1);
    assert_int_equal(v.sev[1].plan.ac, 5); /* 2.5 -> 5/6 */
    assert_int_equal(v.sev[1].outcome, FQ_AQL_OUTCOME_REJECT);
    assert_true(v.sev[2].zero_tolerance);
    assert_int_equal(v.sev[2].plan.sample_size, 80);
    assert_int_equal(v.sev[2].plan.ac, 0);
    assert_int_equal(v.sev[2].plan.re, 1);
    assert_int_equal(v.sev[2].outcome, FQ_AQL_OUTCOME_ACCEPT);
    assert_int_equal(v.overall, FQ_AQL_OUTCOME_REJECT);
    assert_int_equal(v.largest_sample, 80);
}

/* Zero tolerance uses the LARGEST sample of the visit, which an arrow may have enlarged:
 * lot 1000 level II (J): 0.065 -> down to L, 200, 0/1; 4.0 -> J 80. */
static void test_zero_tolerance_largest_sample(void **state)
{
    (void)state;
    const int32_t aql[3] = {4000, 65, FQ_AQL_ZERO_TOLERANCE};
    const int32_t found[3] = {0, 0, 1};
    fq_aql_visit_result v;
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 1000, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, aql, found, &v),
                     FQ_OK);
    assert_int_equal(v.sev[1].plan.plan_letter, 'L');
    assert_int_equal(v.largest_sample, 200);
    assert_int_equal(v.largest_letter, 'L');
    assert_int_equal(v.sev[2].plan.sample_size, 200);
    assert_int_equal(v.sev[2].outcome, FQ_AQL_OUTCOME_REJECT);
    assert_int_equal(v.overall, FQ_AQL_OUTCOME_REJECT);
    const char *text = fq_aql_zero_tolerance_text();
    assert_non_null(strstr(text, "not an ISO 2859-1 AQL"));
    assert_non_null(strstr(text, "largest sample"));
}

static void test_visit_edge_cases(void **state)
{
    (void)state;
    fq_aql_visit_result v;
    const int32_t only_zt[3] = {FQ_AQL_NOT_INSPECTED, FQ_AQL_NOT_INSPECTED, FQ_AQL_ZERO_TOLERANCE};
    /* only zero tolerance: the code letter's own sample (J 80) */
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 1000, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, only_zt, NULL, &v),
                     FQ_OK);
    assert_int_equal(v.sev[0].outcome, FQ_AQL_OUTCOME_NOT_INSPECTED);
    assert_int_equal(v.sev[2].plan.sample_size, 80);
    assert_int_equal(v.overall, FQ_AQL_OUTCOME_ACCEPT);
    /* small lot: zero tolerance capped at the lot (full inspection) */
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 5, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, only_zt, NULL, &v),
                     FQ_OK);
    assert_int_equal(v.sev[2].plan.sample_size, 2); /* A: 2 < 5 */
    const int32_t small[3] = {650, FQ_AQL_NOT_INSPECTED, FQ_AQL_ZERO_TOLERANCE};
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 10, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, small, NULL, &v),
                     FQ_OK);
    assert_true(v.sev[0].plan.full_inspection);
    assert_int_equal(v.sev[2].plan.sample_size, 10);
    assert_true(v.sev[2].plan.full_inspection);
    const int32_t none[3] = {FQ_AQL_NOT_INSPECTED, FQ_AQL_NOT_INSPECTED, FQ_AQL_NOT_INSPECTED};
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 1000, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, none, NULL, &v),
                     FQ_ERR_INVALID);
    const int32_t bad[3] = {3000, FQ_AQL_NOT_INSPECTED, FQ_AQL_NOT_INSPECTED};
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 1000, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, bad, NULL, &v),
                     FQ_ERR_INVALID);
    const int32_t ok[3] = {2500, FQ_AQL_NOT_INSPECTED, FQ_AQL_NOT_INSPECTED};
    const int32_t neg[3] = {-1, 0, 0};
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 1000, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, ok, neg, &v),
                     FQ_ERR_INVALID);
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 1000, FQ_AQL_LEVEL_II, FQ_AQL_DISCONTINUED, ok, NULL,
                                           &v), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 1, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, ok, NULL, &v),
                     FQ_ERR_INVALID);
}

/* Z1.4 reduced: a count strictly between Ac and Re accepts the lot and says normal
 * inspection returns; the same counts under ISO 1999 are plain accept or reject. */
static void test_z14_gap_verdict(void **state)
{
    (void)state;
    fq_aql_sampling s;
    fq_aql_severity_result r;
    /* letter L, AQL 0.65, reduced: n 80, Ac 1, Re 4 */
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ANSI_Z14, FQ_AQL_REDUCED, 'L', 650, &s), FQ_OK);
    static const struct { int32_t found; fq_aql_outcome outcome; bool reinstate; int32_t until; } z[] = {
        {0, FQ_AQL_OUTCOME_ACCEPT, false, 4}, {1, FQ_AQL_OUTCOME_ACCEPT, false, 3},
        {2, FQ_AQL_OUTCOME_ACCEPT, true, 2},  {3, FQ_AQL_OUTCOME_ACCEPT, true, 1},
        {4, FQ_AQL_OUTCOME_REJECT, false, 0}, {9, FQ_AQL_OUTCOME_REJECT, false, 0},
    };
    for (size_t i = 0; i < sizeof z / sizeof z[0]; i++) {
        assert_int_equal(fq_aql_judge(&s, z[i].found, &r), FQ_OK);
        assert_int_equal(r.outcome, z[i].outcome);
        assert_int_equal(r.reinstate_normal, z[i].reinstate);
        assert_int_equal(r.defects_until_reject, z[i].until);
    }
    /* a gapped plan that claims to be ISO is not a plan of any ISO table */
    s.standard = FQ_AQL_ISO_2859_1;
    assert_int_equal(fq_aql_judge(&s, 2, &r), FQ_ERR_INVALID);
    s.standard = FQ_AQL_ANSI_Z14;
    s.re = s.ac;
    assert_int_equal(fq_aql_judge(&s, 0, &r), FQ_ERR_INVALID);

    /* the whole visit: lot 2000, level III (L), reduced; minor 0.65, major 0.65, critical
     * zero tolerance. Minor 2 (gap), nothing else: accepted, normal returns. */
    const int32_t aql[3] = {650, 650, FQ_AQL_ZERO_TOLERANCE};
    int32_t found[3] = {2, 0, 0};
    fq_aql_visit_result v;
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ANSI_Z14, 2000, FQ_AQL_LEVEL_III, FQ_AQL_REDUCED,
                                           aql, found, &v), FQ_OK);
    assert_int_equal(v.standard, FQ_AQL_ANSI_Z14);
    assert_int_equal(v.overall, FQ_AQL_OUTCOME_ACCEPT);
    assert_true(v.reinstate_normal);
    assert_true(v.sev[0].reinstate_normal);
    assert_int_equal(v.sev[2].plan.standard, FQ_AQL_ANSI_Z14);
    /* ... and a critical rejects the lot: no "return to normal" story then */
    found[2] = 1;
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ANSI_Z14, 2000, FQ_AQL_LEVEL_III, FQ_AQL_REDUCED,
                                           aql, found, &v), FQ_OK);
    assert_int_equal(v.overall, FQ_AQL_OUTCOME_REJECT);
    assert_false(v.reinstate_normal);
    /* ISO 1999, same counts: L reduced 0.65 is 2/3; minor 2 accepts plainly, 3 rejects */
    found[2] = 0;
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 2000, FQ_AQL_LEVEL_III,
                                           FQ_AQL_REDUCED, aql, found, &v), FQ_OK);
    assert_int_equal(v.overall, FQ_AQL_OUTCOME_ACCEPT);
    assert_false(v.reinstate_normal);
    found[0] = 3;
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_ISO_2859_1, 2000, FQ_AQL_LEVEL_III,
                                           FQ_AQL_REDUCED, aql, found, &v), FQ_OK);
    assert_int_equal(v.overall, FQ_AQL_OUTCOME_REJECT);
    assert_int_equal(fq_aql_evaluate_visit(FQ_AQL_STANDARD_COUNT, 2000, FQ_AQL_LEVEL_III,
                                           FQ_AQL_REDUCED, aql, found, &v), FQ_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_normal_aqlrule),
        cmocka_unit_test(test_example_normal_special_levels),
        cmocka_unit_test(test_example_tightened),
        cmocka_unit_test(test_example_reduced_iso1999),
        cmocka_unit_test(test_judge_and_margins),
        cmocka_unit_test(test_visit_typical),
        cmocka_unit_test(test_zero_tolerance_largest_sample),
        cmocka_unit_test(test_visit_edge_cases),
        cmocka_unit_test(test_z14_gap_verdict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
