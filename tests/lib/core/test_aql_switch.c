/* Switching-rule scenarios of ISO 2859-1:1999 clause 9 and ANSI/ASQ Z1.4-2008 section 8:
 * sequences of accepted (A) and not accepted (R) lots and the mode proposed after each lot,
 * plus the switching score; the one rule the standards do not share (a Z1.4 reduced lot
 * accepted between Ac and Re reinstates normal inspection). */
#include "harness.h"

#include <string.h>

#include "core/aql.h"

/* Runs `seq` (A = accepted, R = not accepted) from `st`, every lot with Ac `ac`, accepted at
 * one step tighter when accepted, production steady and reduced approved unless told, and
 * checks the modes after each lot: N normal, T tightened, R reduced, D discontinued. */
static void run(fq_aql_switch *st, const char *seq, int32_t ac, bool approve, const char *modes)
{
    static const char mode_char[] = "NTRD";
    assert_int_equal(strlen(seq), strlen(modes));
    for (size_t i = 0; seq[i]; i++) {
        fq_aql_lot lot;
        memset(&lot, 0, sizeof lot);
        lot.accepted = seq[i] == 'A';
        lot.ac = ac;
        lot.accepted_one_step_tighter = lot.accepted;
        lot.production_steady = true;
        lot.reduced_approved = approve;
        assert_int_equal(fq_aql_switch_step(st, &lot), FQ_OK);
        if (mode_char[st->mode] != modes[i])
            fail_msg("lot %zu of \"%s\": mode %c, want %c (%s)", i + 1, seq,
                     mode_char[st->mode], modes[i], st->reason);
    }
}

static void test_normal_to_tightened_2_of_5(void **state)
{
    (void)state;
    fq_aql_switch st;
    fq_aql_switch_init(&st, FQ_AQL_ISO_2859_1);
    run(&st, "ARAR", 1, false, "NNNT");
    assert_non_null(strstr(st.reason, "9.3.1"));
    fq_aql_switch_init(&st, FQ_AQL_ISO_2859_1);
    run(&st, "RR", 1, false, "NT"); /* 2 of 2 */
    fq_aql_switch_init(&st, FQ_AQL_ISO_2859_1);
    run(&st, "RAAAR", 1, false, "NNNNT"); /* 2 of 5 */
    fq_aql_switch_init(&st, FQ_AQL_ISO_2859_1);
    run(&st, "RAAAAR", 1, false, "NNNNNN"); /* 6 apart: never 2 within 5 consecutive */
    run(&st, "AAR", 1, false, "NNT");        /* ... but lots 6 and 9 are */
}

static void test_tightened_to_normal_5_accepted(void **state)
{
    (void)state;
    fq_aql_switch st;
    fq_aql_switch_init(&st, FQ_AQL_ISO_2859_1);
    run(&st, "RR" "AAAA" "R" "AAAAA", 1, false, "NT" "TTTT" "T" "TTTTN");
    assert_non_null(strstr(st.reason, "9.3.2"));
    assert_int_equal(st.switching_score, 0); /* score restarts with normal inspection */
}

static void test_tightened_discontinue_after_5_not_accepted(void **state)
{
    (void)state;
    fq_aql_switch st;
    fq_aql_switch_init(&st, FQ_AQL_ISO_2859_1);
    /* not accepted lots on tightened count cumulatively while it lasts (9.4) */
    run(&st, "RR" "RARARAAR" "R", 1, false, "NT" "TTTTTTTT" "D");
    assert_non_null(strstr(st.reason, "9.4"));
    /* discontinued: lots without corrective action do not move it */
    run(&st, "AA", 1, false, "DD");
    fq_aql_lot lot;
    memset(&lot, 0, sizeof lot);
    lot.accepted = true;
    lot.corrective_action = true;
    assert_int_equal(fq_aql_switch_step(&st, &lot), FQ_OK);
    assert_int_equal(st.mode, FQ_AQL_TIGHTENED); /* "as if 9.3.1 had been invoked" */
    run(&st, "AAAA", 1, false, "TTTN");
}

static void test_switching_score_ac_0_1(void **state)
{
    (void)state;
    fq_aql_switch st;
    fq_aql_switch_init(&st, FQ_AQL_ISO_2859_1);
    /* Ac 0 or 1: +2 per accepted lot; 15 lots -> 30 */
    run(&st, "AAAAAAAAAAAAAA", 0, true, "NNNNNNNNNNNNNN");
    assert_int_equal(st.switching_score, 28);
    run(&st, "A", 0, true, "R");
    assert_non_null(strstr(st.reason, "9.3.3"));
    /* reduced -> normal on a lot not accepted (9.3.4 a), score back to 0 */
    run(&st, "AAR", 0, true, "RRN");
    assert_int_equal(st.switching_score, 0);
}

static void test_switching_score_ac_2_plus(void **state)
{
    (void)state;
    fq_aql_switch st;
    fq_aql_lot lot;
    fq_aql_switch_init(&st, FQ_AQL_ISO_2859_1);
    /* Ac >= 2: +3 when accepted at one step tighter; 10 lots -> 30 */
    run(&st, "AAAAAAAAA", 5, true, "NNNNNNNNN");
    assert_int_equal(st.switching_score, 27);
    /* accepted, but not at one step tighter: reset to 0 */
    memset(&lot, 0, sizeof lot);
    lot.accepted = true;
    lot.ac = 5;
    lot.accepted_one_step_tighter = false;
    assert_int_equal(fq_aql_switch_step(&st, &lot), FQ_OK);
    assert_int_equal(st.switching_score, 0);
    assert_int_equal(st.mode, FQ_AQL_NORMAL);
    run(&st, "AAAAAAAAAA", 5, true, "NNNNNNNNNR");
    /* a lot not accepted resets the score too (and one R is not 2 of 5) */
    fq_aql_switch_init(&st, FQ_AQL_ISO_2859_1);
    run(&st, "AAAAR", 2, true, "NNNNN");
    assert_int_equal(st.switching_score, 0);
}

static void test_score_reached_but_conditions_missing(void **state)
{
    (void)state;
    fq_aql_switch st;
    fq_aql_switch_init(&st, FQ_AQL_ISO_2859_1);
    run(&st, "AAAAAAAAAAAA", 5, false, "NNNNNNNNNNNN");
    assert_true(st.switching_score >= 30);
    assert_int_equal(st.mode, FQ_AQL_NORMAL);
    assert_non_null(strstr(st.reason, "not approved"));
    /* approval arrives with the next lot */
    run(&st, "A", 5, true, "R");
    /* production irregular while on reduced -> normal (9.3.4 b) */
    fq_aql_lot lot;
    memset(&lot, 0, sizeof lot);
    lot.accepted = true;
    lot.production_irregular = true;
    assert_int_equal(fq_aql_switch_step(&st, &lot), FQ_OK);
    assert_int_equal(st.mode, FQ_AQL_NORMAL);
    assert_non_null(strstr(st.reason, "9.3.4 b"));
}

static void test_replay_history(void **state)
{
    (void)state;
    fq_aql_lot lots[3];
    fq_aql_switch st;
    memset(lots, 0, sizeof lots);
    lots[0].accepted = false;
    lots[1].accepted = true;
    lots[2].accepted = false;
    assert_int_equal(fq_aql_switch_replay(FQ_AQL_ISO_2859_1, lots, 3, &st), FQ_OK);
    assert_int_equal(st.mode, FQ_AQL_TIGHTENED);
    assert_int_equal(st.n_lots, 3);
    assert_int_equal(fq_aql_switch_replay(FQ_AQL_ISO_2859_1, NULL, 0, &st), FQ_OK);
    assert_int_equal(st.mode, FQ_AQL_NORMAL);
    assert_true(strlen(st.reason) > 0);
    assert_int_equal(fq_aql_switch_replay(FQ_AQL_ISO_2859_1, NULL, 2, &st), FQ_ERR_INVALID);
}

/* lot_from_count: J, 2.5 normal is 5/6 and one step tighter (1.5) is 3/4 at the same 80. */
static void test_lot_from_count(void **state)
{
    (void)state;
    fq_aql_lot lot;
    assert_int_equal(fq_aql_lot_from_count(FQ_AQL_ISO_2859_1, FQ_AQL_NORMAL, 'J', 2500, 3, &lot), FQ_OK);
    assert_int_equal(lot.ac, 5);
    assert_true(lot.accepted);
    assert_true(lot.accepted_one_step_tighter);
    assert_int_equal(fq_aql_lot_from_count(FQ_AQL_ISO_2859_1, FQ_AQL_NORMAL, 'J', 2500, 4, &lot), FQ_OK);
    assert_true(lot.accepted);
    assert_false(lot.accepted_one_step_tighter);
    assert_int_equal(fq_aql_lot_from_count(FQ_AQL_ISO_2859_1, FQ_AQL_NORMAL, 'J', 2500, 6, &lot), FQ_OK);
    assert_false(lot.accepted);
    assert_int_equal(fq_aql_lot_from_count(FQ_AQL_ISO_2859_1, FQ_AQL_NORMAL, 'J', 2500, -1, &lot), FQ_ERR_INVALID);
}

/* 9.3.3.2 needs "one step tighter" only for Ac >= 2; every such normal plan must have a
 * real plan (not an arrow) one column to the left at the same sample size, with Ac one
 * step down the series. Checked over all of Table 2-A. */
static void test_one_step_tighter_always_a_plan(void **state)
{
    (void)state;
    static const char letters[] = "ABCDEFGHJKLMNPQR";
    for (int r = 0; letters[r]; r++) {
        for (int c = 1; c < FQ_AQL_N_COLUMNS; c++) {
            fq_aql_sampling s;
            fq_aql_sampling left;
            assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ISO_2859_1, FQ_AQL_NORMAL, letters[r],
                                                    fq_aql_column_milli(c), &s), FQ_OK);
            if (s.ac < 2 || s.plan_letter != letters[r])
                continue;
            assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ISO_2859_1, FQ_AQL_NORMAL, letters[r],
                                                    fq_aql_column_milli(c - 1), &left), FQ_OK);
            assert_int_equal(left.plan_letter, letters[r]);
            assert_true(left.ac < s.ac);
        }
    }
}

/* Lot of 1000 at level II (code J, 80 units): minor 4.0 (Ac 7), major 1.5 (Ac 3), critical
 * zero tolerance; `major` and `critical` defects found. */
static fq_aql_lot_record recorded(int64_t major, int64_t critical, bool accepted)
{
    fq_aql_lot_record r;
    memset(&r, 0, sizeof r);
    r.lot_size = 1000;
    r.level = FQ_AQL_LEVEL_II;
    r.mode = FQ_AQL_NORMAL;
    r.aql_milli[0] = 4000;
    r.aql_milli[1] = 1500;
    r.aql_milli[2] = FQ_AQL_ZERO_TOLERANCE;
    r.found[1] = major;
    r.found[2] = critical;
    r.accepted = accepted;
    return r;
}

static void test_propose_from_recorded_lots(void **state)
{
    (void)state;
    fq_aql_lot_record lots[10];
    fq_aql_switch sw;
    /* ten clean lots: +3 each for both classes (Ac >= 2, accepted one step tighter) */
    for (int i = 0; i < 10; i++)
        lots[i] = recorded(0, 0, true);
    assert_int_equal(fq_aql_propose(FQ_AQL_ISO_2859_1, lots, 10, &sw), FQ_OK);
    assert_int_equal(sw.mode, FQ_AQL_NORMAL);
    assert_int_equal(sw.switching_score, 30);
    assert_non_null(strstr(sw.reason, "has not approved reduced inspection"));
    /* 3 majors in lot 6: accepted (Ac 3) but not at AQL 1.0 (Ac 2): major's score restarts
     * and major is the class holding reduced back */
    lots[5] = recorded(3, 0, true);
    assert_int_equal(fq_aql_propose(FQ_AQL_ISO_2859_1, lots, 10, &sw), FQ_OK);
    assert_int_equal(sw.mode, FQ_AQL_NORMAL);
    assert_int_equal(sw.switching_score, 12);
    assert_non_null(strstr(sw.reason, "Major: "));
    /* two of five lots rejected for a critical only: not accepted for every class */
    for (int i = 0; i < 5; i++)
        lots[i] = recorded(0, i % 2, i % 2 == 0);
    assert_int_equal(fq_aql_propose(FQ_AQL_ISO_2859_1, lots, 5, &sw), FQ_OK);
    assert_int_equal(sw.mode, FQ_AQL_TIGHTENED);
    assert_non_null(strstr(sw.reason, "tightened inspection continues")); /* since lot 4 */
    /* only zero-tolerance classes, or no lots: start state */
    lots[0].aql_milli[0] = lots[0].aql_milli[1] = FQ_AQL_NOT_INSPECTED;
    assert_int_equal(fq_aql_propose(FQ_AQL_ISO_2859_1, lots, 1, &sw), FQ_OK);
    assert_int_equal(sw.mode, FQ_AQL_NORMAL);
    assert_int_equal(sw.n_lots, 0);
    assert_int_equal(fq_aql_propose(FQ_AQL_ISO_2859_1, NULL, 0, &sw), FQ_OK);
    assert_int_equal(fq_aql_propose(FQ_AQL_ISO_2859_1, NULL, 3, &sw), FQ_ERR_INVALID);
}

/* The rules both standards share give the same modes; only the clauses cited differ. */
static void test_z14_shares_the_rules(void **state)
{
    (void)state;
    static const struct { const char *seq; int32_t ac; bool approve; const char *modes; } cases[] = {
        {"ARAR", 1, false, "NNNT"},
        {"RR" "AAAA" "R" "AAAAA", 1, false, "NT" "TTTT" "T" "TTTTN"},
        {"RR" "RARARAR" "R", 1, false, "NT" "TTTTTTT" "D"},
        {"AAAAAAAAAAAAAAA", 1, true, "NNNNNNNNNNNNNNR"},
        {"AAAAAAAAAA" "R", 3, true, "NNNNNNNNNR" "N"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fq_aql_switch iso, z14;
        fq_aql_switch_init(&iso, FQ_AQL_ISO_2859_1);
        fq_aql_switch_init(&z14, FQ_AQL_ANSI_Z14);
        run(&iso, cases[i].seq, cases[i].ac, cases[i].approve, cases[i].modes);
        run(&z14, cases[i].seq, cases[i].ac, cases[i].approve, cases[i].modes);
        assert_int_equal(iso.switching_score, z14.switching_score);
        assert_non_null(strstr(iso.reason, "ISO 2859-1:1999 9."));
        assert_non_null(strstr(z14.reason, "ANSI/ASQ Z1.4-2008 8."));
        assert_null(strstr(z14.reason, "ISO"));
    }
}

/* Z1.4 8.3.4 b: on reduced inspection a lot accepted with Ac < found < Re returns the next
 * lot to normal inspection. ISO's reduced plans have no gap: lot_from_count never sets the
 * flag there, and a flag set anyway does not move an ISO history. */
static void test_z14_reduced_gap_reinstates_normal(void **state)
{
    (void)state;
    fq_aql_lot lot;
    /* letter L at AQL 0.65, reduced: Z1.4 n 80, Ac 1, Re 4 */
    for (int32_t found = 0; found <= 5; found++) {
        assert_int_equal(fq_aql_lot_from_count(FQ_AQL_ANSI_Z14, FQ_AQL_REDUCED, 'L', 650, found,
                                               &lot), FQ_OK);
        assert_int_equal(lot.ac, 1);
        assert_int_equal(lot.accepted, found < 4);
        assert_int_equal(lot.reinstate_normal, found == 2 || found == 3);
        /* ISO 1999: n 80, 2/3, no gap */
        assert_int_equal(fq_aql_lot_from_count(FQ_AQL_ISO_2859_1, FQ_AQL_REDUCED, 'L', 650, found,
                                               &lot), FQ_OK);
        assert_int_equal(lot.ac, 2);
        assert_int_equal(lot.accepted, found <= 2);
        assert_false(lot.reinstate_normal);
    }
    /* on normal inspection Z1.4 has no gap either: n 200, 3/4 */
    assert_int_equal(fq_aql_lot_from_count(FQ_AQL_ANSI_Z14, FQ_AQL_NORMAL, 'L', 650, 4, &lot),
                     FQ_OK);
    assert_false(lot.accepted);
    assert_false(lot.reinstate_normal);

    fq_aql_switch st;
    fq_aql_switch_init(&st, FQ_AQL_ANSI_Z14);
    st.mode = FQ_AQL_REDUCED;
    assert_int_equal(fq_aql_lot_from_count(FQ_AQL_ANSI_Z14, FQ_AQL_REDUCED, 'L', 650, 1, &lot),
                     FQ_OK);
    assert_int_equal(fq_aql_switch_step(&st, &lot), FQ_OK);
    assert_int_equal(st.mode, FQ_AQL_REDUCED);
    assert_int_equal(fq_aql_lot_from_count(FQ_AQL_ANSI_Z14, FQ_AQL_REDUCED, 'L', 650, 3, &lot),
                     FQ_OK);
    assert_int_equal(fq_aql_switch_step(&st, &lot), FQ_OK);
    assert_int_equal(st.mode, FQ_AQL_NORMAL);
    assert_int_equal(st.switching_score, 0);
    assert_non_null(strstr(st.reason, "more defects than Ac but fewer than Re"));
    assert_non_null(strstr(st.reason, "ANSI/ASQ Z1.4-2008 8.3.4 b"));
    /* the Z1.4 conditions after b) are lettered one on */
    fq_aql_switch_init(&st, FQ_AQL_ANSI_Z14);
    st.mode = FQ_AQL_REDUCED;
    memset(&lot, 0, sizeof lot);
    lot.accepted = true;
    lot.production_irregular = true;
    assert_int_equal(fq_aql_switch_step(&st, &lot), FQ_OK);
    assert_non_null(strstr(st.reason, "8.3.4 c"));

    fq_aql_switch_init(&st, FQ_AQL_ISO_2859_1);
    st.mode = FQ_AQL_REDUCED;
    memset(&lot, 0, sizeof lot);
    lot.accepted = true;
    lot.reinstate_normal = true;
    assert_int_equal(fq_aql_switch_step(&st, &lot), FQ_OK);
    assert_int_equal(st.mode, FQ_AQL_REDUCED);
    lot.production_irregular = true;
    assert_int_equal(fq_aql_switch_step(&st, &lot), FQ_OK);
    assert_non_null(strstr(st.reason, "ISO 2859-1:1999 9.3.4 b"));
}

/* A Z1.4 history: a lot recorded on reduced inspection and accepted in the gap makes the
 * proposal for the next lot normal inspection. */
static void test_propose_z14_gap(void **state)
{
    (void)state;
    fq_aql_lot_record lots[2];
    fq_aql_switch sw;
    for (int i = 0; i < 2; i++) {
        lots[i] = recorded(0, 0, true);
        lots[i].standard = FQ_AQL_ANSI_Z14;
        lots[i].mode = FQ_AQL_REDUCED;
        lots[i].lot_size = 2000;
        lots[i].level = FQ_AQL_LEVEL_III; /* L */
        lots[i].aql_milli[0] = FQ_AQL_NOT_INSPECTED;
        lots[i].aql_milli[1] = 650;
    }
    /* Z1.4's own rules from the start state never move to reduced (no approval recorded),
     * so the reduced lots run from normal: both accepted */
    lots[1].found[1] = 2; /* accepted: between Ac 1 and Re 4 */
    assert_int_equal(fq_aql_propose(FQ_AQL_ANSI_Z14, lots, 2, &sw), FQ_OK);
    assert_int_equal(sw.mode, FQ_AQL_NORMAL);
    assert_non_null(strstr(sw.reason, "ANSI/ASQ Z1.4-2008"));
    /* a bad standard on a record skips the record */
    lots[0].standard = 7;
    lots[1].standard = 7;
    assert_int_equal(fq_aql_propose(FQ_AQL_ANSI_Z14, lots, 2, &sw), FQ_OK);
    assert_int_equal(sw.n_lots, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normal_to_tightened_2_of_5),
        cmocka_unit_test(test_tightened_to_normal_5_accepted),
        cmocka_unit_test(test_tightened_discontinue_after_5_not_accepted),
        cmocka_unit_test(test_switching_score_ac_0_1),
        cmocka_unit_test(test_switching_score_ac_2_plus),
        cmocka_unit_test(test_score_reached_but_conditions_missing),
        cmocka_unit_test(test_replay_history),
        cmocka_unit_test(test_lot_from_count),
        cmocka_unit_test(test_one_step_tighter_always_a_plan),
        cmocka_unit_test(test_propose_from_recorded_lots),
        cmocka_unit_test(test_z14_shares_the_rules),
        cmocka_unit_test(test_z14_reduced_gap_reinstates_normal),
        cmocka_unit_test(test_propose_z14_gap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
