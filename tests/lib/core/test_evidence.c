/* The evidence rules of issue 12 (core/evidence.h): counts past the order, samples past the
 * plan, resolutions and reasons of substance, a Fail without its evidence, and a sign-off by
 * both parties or the representative's refusal with its reason. */
#include "harness.h"

#include <string.h>

#include "core/evidence.h"

static fq_production counts(int64_t ordered, int64_t completed, int64_t packed)
{
    fq_production p;
    memset(&p, 0, sizeof p);
    p.ordered = ordered;
    p.completed = completed;
    p.packed = packed;
    return p;
}

/* Found: completed 7000 of 5000 ordered gave "140 % complete, -2000 remaining". */
static void test_count_over_the_order_needs_confirmation_and_note(void **state)
{
    (void)state;
    fq_count_check c;
    fq_production p = counts(5000, 4200, 1800);
    fq_production_check(&p, false, &c);
    assert_true(c.ok);
    p.completed = 7000;
    fq_production_check(&p, false, &c);
    assert_false(c.ok);
    assert_true(c.needs_confirmation);
    assert_int_equal(c.field, FQ_COUNT_COMPLETED);
    assert_non_null(strstr(c.message, "7000 is more than the 5000 ordered (2000 over)"));
    fq_production_check(&p, true, &c); /* confirmed, but no note */
    assert_false(c.ok);
    assert_non_null(strstr(c.message, "note must say why"));
    strcpy(p.note, "2000 spares for the buyer's service stock");
    fq_production_check(&p, true, &c);
    assert_true(c.ok);
    char line[200];
    fq_production_progress_text(&p, line, sizeof line);
    assert_string_equal(line, "7000 completed of 5000 ordered: 2000 over the order, 1800 packed");
    assert_null(strstr(line, "-"));
    p = counts(5000, 4200, 1800);
    fq_production_progress_text(&p, line, sizeof line);
    assert_string_equal(line, "84 % complete, 36 % packed, 800 remaining");
    /* packed above completed is a mistake in one of them, not something to confirm */
    p = counts(5000, 4200, 4500);
    fq_production_check(&p, true, &c);
    assert_false(c.ok);
    assert_false(c.needs_confirmation);
    assert_int_equal(c.field, FQ_COUNT_PACKED);
    p = counts(5000, -1, 0);
    fq_production_check(&p, false, &c);
    assert_false(c.ok);
}

/* Found: "300 of 125 sampled: sample complete". */
static void test_sample_within_the_plan(void **state)
{
    (void)state;
    char why[FQ_EVIDENCE_MSG_LEN];
    assert_int_equal(fq_sample_check(125, 125, 3200, why, sizeof why), FQ_OK);
    assert_int_equal(fq_sample_check(300, 125, 3200, why, sizeof why), FQ_ERR_INVALID);
    assert_non_null(strstr(why, "the plan samples 125 units"));
    assert_int_equal(fq_sample_check(-1, 125, 3200, why, sizeof why), FQ_ERR_INVALID);
    /* no plan computed yet: within the lot */
    assert_int_equal(fq_sample_check(40, 0, 30, why, sizeof why), FQ_ERR_INVALID);
    assert_int_equal(fq_sample_check(30, 0, 30, why, sizeof why), FQ_OK);
}

/* Found: "." closed an issue. */
static void test_resolution_needs_substance(void **state)
{
    (void)state;
    char why[FQ_EVIDENCE_MSG_LEN];
    assert_false(fq_text_has_substance(".", why, sizeof why));
    assert_false(fq_text_has_substance("", why, sizeof why));
    assert_false(fq_text_has_substance(NULL, why, sizeof why));
    assert_false(fq_text_has_substance("  OK!! ", why, sizeof why));
    assert_non_null(strstr(why, "says nothing"));
    assert_false(fq_text_has_substance("Fixed.", why, sizeof why));
    assert_false(fq_text_has_substance("will do", why, sizeof why));
    assert_false(fq_text_has_substance("abc", why, sizeof why));
    assert_true(fq_text_has_substance("Line 3 re-glazed 40 units, checked by QC lead", NULL, 0));
    assert_true(fq_text_has_substance("已返工40件，质检确认", NULL, 0));
    assert_false(fq_text_has_substance("好的", why, sizeof why));
}

/* Found: a Fail needed no note or photo. */
static void test_fail_needs_note_or_photo(void **state)
{
    (void)state;
    fq_finding f;
    memset(&f, 0, sizeof f);
    f.result = FQ_RESULT_FAIL;
    assert_true(fq_finding_lacks_evidence(&f, FQ_FAIL_EVIDENCE_REQUIRED, 0));
    assert_false(fq_finding_lacks_evidence(&f, FQ_FAIL_EVIDENCE_REQUIRED, 1));
    assert_false(fq_finding_lacks_evidence(&f, FQ_FAIL_EVIDENCE_OPTIONAL, 0));
    strcpy(f.note, "   ");
    assert_true(fq_finding_lacks_evidence(&f, FQ_FAIL_EVIDENCE_REQUIRED, 0));
    strcpy(f.note, "12 cartons short");
    assert_false(fq_finding_lacks_evidence(&f, FQ_FAIL_EVIDENCE_REQUIRED, 0));
    f.result = FQ_RESULT_PASS;
    f.note[0] = '\0';
    assert_false(fq_finding_lacks_evidence(&f, FQ_FAIL_EVIDENCE_REQUIRED, 0));
}

static fq_signoff_facts complete(void)
{
    fq_signoff_facts f;
    memset(&f, 0, sizeof f);
    f.verdict = FQ_VERDICT_PASS;
    f.n_items = 9;
    f.inspector_name = "Li Wei";
    f.inspector_signed = true;
    f.rep_name = "Wang Fang";
    f.rep_signed = true;
    return f;
}

static bool has_problem(const fq_signoff_check *c, const char *text)
{
    for (int i = 0; i < c->n_problems; i++)
        if (strstr(c->problems[i], text))
            return true;
    return false;
}

/* Found: "pass" signed with only the inspector's pad; sign-off with 0 of 9 answered; after
 * reopen the rep name was blank and accepted. */
static void test_signoff_rules(void **state)
{
    (void)state;
    fq_signoff_check c;
    fq_signoff_facts f = complete();
    assert_int_equal(fq_signoff_rules(&f, &c), FQ_OK);
    assert_int_equal(c.n_problems, 0);

    f.rep_signed = false; /* only the inspector's pad */
    f.rep_name = "";
    assert_int_equal(fq_signoff_rules(&f, &c), FQ_ERR_INVALID);
    assert_true(has_problem(&c, "factory representative must be named"));
    assert_true(has_problem(&c, "factory representative must sign"));

    f.rep_refused = true; /* refused: with a reason of substance only */
    f.refusal_reason = "no";
    assert_int_equal(fq_signoff_rules(&f, &c), FQ_ERR_INVALID);
    assert_true(has_problem(&c, "refusal needs its reason"));
    f.refusal_reason = "Disagrees with the AQL result, wants the buyer to decide";
    assert_int_equal(fq_signoff_rules(&f, &c), FQ_OK);
    f.rep_signed = true;
    assert_int_equal(fq_signoff_rules(&f, &c), FQ_ERR_INVALID);
    assert_true(has_problem(&c, "signed and refused"));

    f = complete();
    f.n_unanswered = 9; /* 0 of 9 answered */
    assert_int_equal(fq_signoff_rules(&f, &c), FQ_ERR_INVALID);
    assert_true(has_problem(&c, "9 of 9 checklist items are unanswered"));
    f.override_reason = "ok";
    assert_int_equal(fq_signoff_rules(&f, &c), FQ_ERR_INVALID);
    f.override_reason = "Buyer accepted the lot by phone, checklist to follow";
    assert_int_equal(fq_signoff_rules(&f, &c), FQ_OK);
    assert_true(c.override_used);
    f.verdict = FQ_VERDICT_FAIL; /* unanswered items do not block a fail */
    f.override_reason = NULL;
    assert_int_equal(fq_signoff_rules(&f, &c), FQ_OK);
    assert_false(c.override_used);

    f = complete();
    f.n_lacking_evidence = 2;
    assert_int_equal(fq_signoff_rules(&f, &c), FQ_ERR_INVALID);
    assert_true(has_problem(&c, "2 failed items need a note or a photo"));

    f = complete();
    f.inspector_signed = false;
    f.inspector_name = " ";
    f.verdict = -1;
    assert_int_equal(fq_signoff_rules(&f, &c), FQ_ERR_INVALID);
    assert_int_equal(c.n_problems, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_over_the_order_needs_confirmation_and_note),
        cmocka_unit_test(test_sample_within_the_plan),
        cmocka_unit_test(test_resolution_needs_substance),
        cmocka_unit_test(test_fail_needs_note_or_photo),
        cmocka_unit_test(test_signoff_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
