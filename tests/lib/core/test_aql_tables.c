/* Table-driven tests of ISO 2859-1:1999 Table 1 and Tables 2-A, 2-B, 2-C against expectations
 * transcribed here independently of the engine's own table strings:
 *  - Table 1 in the printed column order S-1 S-2 S-3 S-4 I II III (the engine stores another
 *    order), every boundary of every range for every level.
 *  - Tables 2-A and 2-B: every one of the 16 x 26 cells as "sample size:Ac" after following the
 *    arrows, transcribed from the resolved tables of the AQLSchemesCust R package
 *    (R/AAZ14Single.R, MIL-STD-105E / ANSI/ASQ Z1.4 single plans). A second published copy,
 *    the MIL-STD-105E text transcription at nibs.org (FMOC/DPW_AC/AC-TABLE.ASC: Re or arrow
 *    per cell, AQL 0.65..15), is checked cell by cell below. One disagreement: that copy prints
 *    an up arrow in 2-A row A, AQL 10, where nothing lies above; the R package and the AQL
 *    Inspector's Rule manual (notes: "AQL of 10 and Code Letter A ... use Code Letter C")
 *    resolve it downwards to C. We follow them (see also lib/core/aql_tables.c).
 *  - Table 2-C: 1999 edition (Re = Ac + 1). Derived from Z1.4 II-C as described in
 *    aql_tables.c (no published 1999 copy found), checked against the published ISO-version
 *    example and edge cells in test_aql_verdict.c. These expectations are NOT independent.
 *  - Invariants: Re = Ac + 1, arrows end on a real plan, sample sizes grow with the letter. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/aql.h"

static const char table1_letters[] = "ABCDEFGHJKLMNPQR";

/* Table 1: lower bound of each lot-size range, then letters for S-1 S-2 S-3 S-4 I II III. */
static const struct {
    int64_t lo;
    const char *letters;
} table1[15] = {
    {2, "AAAAAAB"},      {9, "AAAAABC"},      {16, "AABBBCD"},     {26, "ABBCCDE"},
    {51, "BBCCCEF"},     {91, "BBCDDFG"},     {151, "BCDEEGH"},    {281, "BCDEFHJ"},
    {501, "CCEFGJK"},    {1201, "CDEGHKL"},   {3201, "CDFGJLM"},   {10001, "CDFHKMN"},
    {35001, "DEGJLNP"},  {150001, "DEGJMPQ"}, {500001, "DEHKNQR"},
};
static const fq_aql_level printed_order[7] = {FQ_AQL_LEVEL_S1, FQ_AQL_LEVEL_S2, FQ_AQL_LEVEL_S3,
                                              FQ_AQL_LEVEL_S4, FQ_AQL_LEVEL_I, FQ_AQL_LEVEL_II,
                                              FQ_AQL_LEVEL_III};

static const char *const expect_2a[16] = {
    /* A */ "1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 2:0 5:1 3:1 2:1 2:2 2:3 2:5 2:7 2:10 2:14 2:21 2:30",
    /* B */ "1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 2:0 5:1 3:1 3:2 3:3 3:5 3:7 3:10 3:14 3:21 3:30 3:44",
    /* C */ "1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 8:1 5:1 5:2 5:3 5:5 5:7 5:10 5:14 5:21 5:30 5:44 3:44",
    /* D */ "1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 13:1 8:1 8:2 8:3 8:5 8:7 8:10 8:14 8:21 8:30 8:44 5:44 3:44",
    /* E */ "1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 20:1 13:1 13:2 13:3 13:5 13:7 13:10 13:14 13:21 13:30 13:44 8:44 5:44 3:44",
    /* F */ "1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 32:1 20:1 20:2 20:3 20:5 20:7 20:10 20:14 20:21 13:21 13:30 13:44 8:44 5:44 3:44",
    /* G */ "1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 50:1 32:1 32:2 32:3 32:5 32:7 32:10 32:14 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44",
    /* H */ "1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 80:1 50:1 50:2 50:3 50:5 50:7 50:10 50:14 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44",
    /* J */ "1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 125:1 80:1 80:2 80:3 80:5 80:7 80:10 80:14 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44",
    /* K */ "1250:0 800:0 500:0 315:0 200:0 125:0 80:0 200:1 125:1 125:2 125:3 125:5 125:7 125:10 125:14 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44",
    /* L */ "1250:0 800:0 500:0 315:0 200:0 125:0 315:1 200:1 200:2 200:3 200:5 200:7 200:10 200:14 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44",
    /* M */ "1250:0 800:0 500:0 315:0 200:0 500:1 315:1 315:2 315:3 315:5 315:7 315:10 315:14 315:21 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44",
    /* N */ "1250:0 800:0 500:0 315:0 800:1 500:1 500:2 500:3 500:5 500:7 500:10 500:14 500:21 315:21 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44",
    /* P */ "1250:0 800:0 500:0 1250:1 800:1 800:2 800:3 800:5 800:7 800:10 800:14 800:21 500:21 315:21 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44",
    /* Q */ "1250:0 800:0 2000:1 1250:1 1250:2 1250:3 1250:5 1250:7 1250:10 1250:14 1250:21 800:21 500:21 315:21 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44",
    /* R */ "1250:0 800:0 2000:1 2000:2 2000:3 2000:5 2000:7 2000:10 2000:14 2000:21 1250:21 800:21 500:21 315:21 200:21 125:21 80:21 50:21 32:21 20:21 13:21 13:30 13:44 8:44 5:44 3:44",
};

static const char *const expect_2b[16] = {
    /* A */ "2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 8:1 5:1 3:1 2:1 2:2 2:3 2:5 2:8 2:12 2:18 2:27",
    /* B */ "2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 8:1 5:1 3:1 3:2 3:3 3:5 3:8 3:12 3:18 3:27 3:41",
    /* C */ "2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 13:1 8:1 5:1 5:2 5:3 5:5 5:8 5:12 5:18 5:27 5:41 3:41",
    /* D */ "2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 20:1 13:1 8:1 8:2 8:3 8:5 8:8 8:12 8:18 8:27 8:41 5:41 3:41",
    /* E */ "2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 32:1 20:1 13:1 13:2 13:3 13:5 13:8 13:12 13:18 13:27 13:41 8:41 5:41 3:41",
    /* F */ "2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 50:1 32:1 20:1 20:2 20:3 20:5 20:8 20:12 20:18 13:18 13:27 13:41 8:41 5:41 3:41",
    /* G */ "2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 32:0 80:1 50:1 32:1 32:2 32:3 32:5 32:8 32:12 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41",
    /* H */ "2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 50:0 125:1 80:1 50:1 50:2 50:3 50:5 50:8 50:12 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41",
    /* J */ "2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 80:0 200:1 125:1 80:1 80:2 80:3 80:5 80:8 80:12 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41",
    /* K */ "2000:0 1250:0 800:0 500:0 315:0 200:0 125:0 315:1 200:1 125:1 125:2 125:3 125:5 125:8 125:12 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41",
    /* L */ "2000:0 1250:0 800:0 500:0 315:0 200:0 500:1 315:1 200:1 200:2 200:3 200:5 200:8 200:12 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41",
    /* M */ "2000:0 1250:0 800:0 500:0 315:0 800:1 500:1 315:1 315:2 315:3 315:5 315:8 315:12 315:18 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41",
    /* N */ "2000:0 1250:0 800:0 500:0 1250:1 800:1 500:1 500:2 500:3 500:5 500:8 500:12 500:18 315:18 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41",
    /* P */ "2000:0 1250:0 800:0 2000:1 1250:1 800:1 800:2 800:3 800:5 800:8 800:12 800:18 500:18 315:18 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41",
    /* Q */ "2000:0 1250:0 3150:1 2000:1 1250:1 1250:2 1250:3 1250:5 1250:8 1250:12 1250:18 800:18 500:18 315:18 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41",
    /* R */ "2000:0 1250:0 3150:1 2000:1 2000:2 2000:3 2000:5 2000:8 2000:12 2000:18 1250:18 800:18 500:18 315:18 200:18 125:18 80:18 50:18 32:18 20:18 13:18 13:27 13:41 8:41 5:41 3:41",
};

static const char *const expect_2c[16] = {
    /* A */ "500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 2:0 2:0 2:0 3:1 2:1 2:1 2:2 2:3 2:5 2:7 2:10 2:14 2:21 2:30",
    /* B */ "500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 2:0 2:0 2:0 3:1 2:1 2:1 2:2 2:3 2:5 2:7 2:10 2:14 2:21 2:30",
    /* C */ "500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 2:0 2:0 5:1 3:1 2:1 2:1 2:2 2:3 2:5 2:7 2:10 2:14 2:21 2:30",
    /* D */ "500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 2:0 8:1 5:1 3:1 3:1 3:2 3:3 3:5 3:7 3:10 3:14 3:21 2:21 2:30",
    /* E */ "500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 3:0 13:1 8:1 5:1 5:1 5:2 5:3 5:5 5:7 5:10 5:14 5:21 3:21 2:21 2:30",
    /* F */ "500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 5:0 20:1 13:1 8:1 8:1 8:2 8:3 8:5 8:7 8:10 5:10 5:14 5:21 3:21 2:21 2:30",
    /* G */ "500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 8:0 32:1 20:1 13:1 13:1 13:2 13:3 13:5 13:7 13:10 8:10 5:10 5:14 5:21 3:21 2:21 2:30",
    /* H */ "500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 13:0 50:1 32:1 20:1 20:1 20:2 20:3 20:5 20:7 20:10 13:10 8:10 5:10 5:14 5:21 3:21 2:21 2:30",
    /* J */ "500:0 315:0 200:0 125:0 80:0 50:0 32:0 20:0 80:1 50:1 32:1 32:1 32:2 32:3 32:5 32:7 32:10 20:10 13:10 8:10 5:10 5:14 5:21 3:21 2:21 2:30",
    /* K */ "500:0 315:0 200:0 125:0 80:0 50:0 32:0 125:1 80:1 50:1 50:1 50:2 50:3 50:5 50:7 50:10 32:10 20:10 13:10 8:10 5:10 5:14 5:21 3:21 2:21 2:30",
    /* L */ "500:0 315:0 200:0 125:0 80:0 50:0 200:1 125:1 80:1 80:1 80:2 80:3 80:5 80:7 80:10 50:10 32:10 20:10 13:10 8:10 5:10 5:14 5:21 3:21 2:21 2:30",
    /* M */ "500:0 315:0 200:0 125:0 80:0 315:1 200:1 125:1 125:1 125:2 125:3 125:5 125:7 125:10 80:10 50:10 32:10 20:10 13:10 8:10 5:10 5:14 5:21 3:21 2:21 2:30",
    /* N */ "500:0 315:0 200:0 125:0 500:1 315:1 200:1 200:1 200:2 200:3 200:5 200:7 200:10 125:10 80:10 50:10 32:10 20:10 13:10 8:10 5:10 5:14 5:21 3:21 2:21 2:30",
    /* P */ "500:0 315:0 200:0 800:1 500:1 315:1 315:1 315:2 315:3 315:5 315:7 315:10 200:10 125:10 80:10 50:10 32:10 20:10 13:10 8:10 5:10 5:14 5:21 3:21 2:21 2:30",
    /* Q */ "500:0 315:0 800:0 800:1 500:1 500:1 500:2 500:3 500:5 500:7 500:10 315:10 200:10 125:10 80:10 50:10 32:10 20:10 13:10 8:10 5:10 5:14 5:21 3:21 2:21 2:30",
    /* R */ "500:0 315:0 800:0 800:1 800:1 800:2 800:3 800:5 800:7 800:10 500:10 315:10 200:10 125:10 80:10 50:10 32:10 20:10 13:10 8:10 5:10 5:14 5:21 3:21 2:21 2:30",
};

/* nibs.org transcription of MIL-STD-105E, AQL 0.65 1.0 1.5 2.5 4.0 6.5 10 15: Re of the
 * printed plan, or the arrow ("v", "^"; an arrow shaft "||" takes its head's direction). */
static const char *const nibs_2a[15] = {
    /* A */ "v v v v v 1 ^ v", /* B */ "v v v v 1 ^ v 2", /* C */ "v v v 1 ^ v 2 3",
    /* D */ "v v 1 ^ v 2 3 4", /* E */ "v 1 ^ v 2 3 4 6", /* F */ "1 ^ v 2 3 4 6 8",
    /* G */ "^ v 2 3 4 6 8 11", /* H */ "v 2 3 4 6 8 11 15", /* J */ "2 3 4 6 8 11 15 22",
    /* K */ "3 4 6 8 11 15 22 ^", /* L */ "4 6 8 11 15 22 ^ ^", /* M */ "6 8 11 15 22 ^ ^ ^",
    /* N */ "8 11 15 22 ^ ^ ^ ^", /* P */ "11 15 22 ^ ^ ^ ^ ^", /* Q */ "15 22 ^ ^ ^ ^ ^ ^",
};
static const char *const nibs_2b[11] = {
    /* A */ "v v v v v v v v", /* B */ "v v v v v 1 v v", /* C */ "v v v v 1 v v 2",
    /* D */ "v v v 1 v v 2 3", /* E */ "v v 1 v v 2 3 4", /* F */ "v 1 v v 2 3 4 6",
    /* G */ "1 v v 2 3 4 6 9", /* H */ "v v 2 3 4 6 9 13", /* J */ "v 2 3 4 6 9 13 19",
    /* K */ "2 3 4 6 9 13 19 ^", /* L */ "3 4 6 9 13 19 ^ ^",
};

/* Next whitespace-separated token of *p into buf; advances *p. */
static void next_token(const char **p, char *buf, size_t len)
{
    size_t n = 0;
    while (**p == ' ')
        (*p)++;
    while (**p && **p != ' ') {
        if (n + 1 < len)
            buf[n++] = **p;
        (*p)++;
    }
    buf[n] = '\0';
}

static void test_table1_every_boundary(void **state)
{
    (void)state;
    char letter = 0;
    for (int r = 0; r < 15; r++) {
        int64_t lo = table1[r].lo;
        int64_t hi = r + 1 < 15 ? table1[r + 1].lo - 1 : INT64_MAX;
        for (int l = 0; l < 7; l++) {
            char want = table1[r].letters[l];
            assert_int_equal(fq_aql_code_letter(lo, printed_order[l], &letter), FQ_OK);
            assert_int_equal(letter, want);
            assert_int_equal(fq_aql_code_letter(hi, printed_order[l], &letter), FQ_OK);
            assert_int_equal(letter, want);
            if (r + 1 < 15) { /* first lot of the next range gets the next row's letter */
                assert_int_equal(fq_aql_code_letter(hi + 1, printed_order[l], &letter), FQ_OK);
                assert_int_equal(letter, table1[r + 1].letters[l]);
            }
        }
    }
    assert_int_equal(fq_aql_code_letter(1, FQ_AQL_LEVEL_II, &letter), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_code_letter(0, FQ_AQL_LEVEL_II, &letter), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_code_letter(100, FQ_AQL_LEVEL_COUNT, &letter), FQ_ERR_INVALID);
}

static void check_master(fq_aql_mode mode, const char *const expect[16])
{
    char tok[32];
    for (int row = 0; row < 16; row++) {
        const char *p = expect[row];
        for (int col = 0; col < FQ_AQL_N_COLUMNS; col++) {
            int n = 0;
            int ac = 0;
            fq_aql_sampling s;
            next_token(&p, tok, sizeof tok);
            assert_int_equal(sscanf(tok, "%d:%d", &n, &ac), 2);
            assert_int_equal(fq_aql_plan_for_letter(mode, table1_letters[row],
                                                    fq_aql_column_milli(col), &s), FQ_OK);
            if (s.table_sample_size != n || s.ac != ac)
                fail_msg("%s %c col %d: want %d:%d got %d:%d (plan %c)", fq_aql_mode_name(mode),
                         table1_letters[row], col, n, ac, (int)s.table_sample_size, (int)s.ac,
                         s.plan_letter);
            /* invariants: Re = Ac + 1; the plan letter's own sample size; arrows end on a
             * real plan, i.e. looking up the plan letter itself needs no arrow */
            assert_int_equal(s.re, s.ac + 1);
            assert_int_equal(s.code_letter, table1_letters[row]);
            assert_int_equal(s.table_sample_size, fq_aql_letter_sample_size(mode, s.plan_letter));
            assert_false(s.full_inspection);
            if (s.plan_letter != 'S') {
                fq_aql_sampling again;
                assert_int_equal(fq_aql_plan_for_letter(mode, s.plan_letter,
                                                        fq_aql_column_milli(col), &again), FQ_OK);
                assert_int_equal(again.plan_letter, s.plan_letter);
                assert_int_equal(again.ac, s.ac);
            }
        }
    }
}

static void test_table_2a_every_cell(void **state)
{
    (void)state;
    check_master(FQ_AQL_NORMAL, expect_2a);
}

static void test_table_2b_every_cell(void **state)
{
    (void)state;
    check_master(FQ_AQL_TIGHTENED, expect_2b);
}

static void test_table_2c_every_cell(void **state)
{
    (void)state;
    check_master(FQ_AQL_REDUCED, expect_2c);
}

/* The second published copy: plan cells must be the code letter's own plan with that Re;
 * arrow cells must lead to another letter in the arrow's direction. */
static void check_printed(fq_aql_mode mode, const char *const *rows, int n_rows)
{
    char tok[16];
    for (int row = 0; row < n_rows; row++) {
        const char *p = rows[row];
        for (int k = 0; k < 8; k++) {
            int col = 9 + k; /* 0.65 is column 9 */
            fq_aql_sampling s;
            char letter = table1_letters[row];
            next_token(&p, tok, sizeof tok);
            assert_int_equal(fq_aql_plan_for_letter(mode, letter, fq_aql_column_milli(col), &s),
                             FQ_OK);
            if (mode == FQ_AQL_NORMAL && letter == 'A' && col == 15) {
                /* the documented disagreement: printed "^" with no plan above; resolved down */
                assert_string_equal(tok, "^");
                assert_int_equal(s.plan_letter, 'C');
                continue;
            }
            if (tok[0] == 'v') {
                assert_true(s.plan_letter > letter);
            } else if (tok[0] == '^') {
                assert_true(s.plan_letter < letter);
            } else {
                assert_int_equal(s.plan_letter, letter);
                assert_int_equal(s.re, atoi(tok));
            }
        }
    }
}

static void test_second_copy_nibs(void **state)
{
    (void)state;
    check_printed(FQ_AQL_NORMAL, nibs_2a, 15);
    check_printed(FQ_AQL_TIGHTENED, nibs_2b, 11);
}

static void test_sample_size_monotonic_in_letter(void **state)
{
    (void)state;
    for (int m = FQ_AQL_NORMAL; m <= FQ_AQL_REDUCED; m++) {
        int32_t prev = 0;
        for (int row = 0; row < 16; row++) {
            int32_t n = fq_aql_letter_sample_size((fq_aql_mode)m, table1_letters[row]);
            assert_true(n >= prev);
            assert_true(n > 0);
            prev = n;
        }
    }
    assert_int_equal(fq_aql_letter_sample_size(FQ_AQL_TIGHTENED, 'S'), 3150);
    assert_int_equal(fq_aql_letter_sample_size(FQ_AQL_NORMAL, 'S'), 0);
    assert_int_equal(fq_aql_letter_sample_size(FQ_AQL_NORMAL, 'I'), 0);
}

static void test_bad_lookups(void **state)
{
    (void)state;
    fq_aql_sampling s;
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_NORMAL, 'J', 2000, &s), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_NORMAL, 'I', 2500, &s), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_TIGHTENED, 'S', 25, &s), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_DISCONTINUED, 'J', 2500, &s), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_NORMAL, 'J', 2500, NULL), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_lot(1, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, 2500, &s),
                     FQ_ERR_INVALID);
}

static void test_full_inspection(void **state)
{
    (void)state;
    fq_aql_sampling s;
    /* lot 10, level II -> B; 0.65 -> arrows down to F (20, 0/1): 20 >= 10, inspect all */
    assert_int_equal(fq_aql_plan_for_lot(10, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, 650, &s), FQ_OK);
    assert_int_equal(s.code_letter, 'B');
    assert_int_equal(s.plan_letter, 'F');
    assert_int_equal(s.table_sample_size, 20);
    assert_true(s.full_inspection);
    assert_int_equal(s.sample_size, 10);
    /* equal counts as full: lot 20 at the same plan */
    assert_int_equal(fq_aql_plan_for_lot(20, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, 650, &s), FQ_OK);
    assert_true(s.full_inspection);
    assert_int_equal(s.sample_size, 20);
    /* lot 21 is letter C (16..25): still 20 < 21, sampled */
    assert_int_equal(fq_aql_plan_for_lot(21, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, 650, &s), FQ_OK);
    assert_false(s.full_inspection);
    assert_int_equal(s.sample_size, 20);
}

static void test_parse_format(void **state)
{
    (void)state;
    int32_t milli = 0;
    fq_aql_level level;
    fq_aql_mode mode;
    char buf[16];
    assert_int_equal(fq_aql_parse_aql("0.65", &milli), FQ_OK);
    assert_int_equal(milli, 650);
    assert_int_equal(fq_aql_parse_aql("2.5", &milli), FQ_OK);
    assert_int_equal(milli, 2500);
    assert_int_equal(fq_aql_parse_aql("1000", &milli), FQ_OK);
    assert_int_equal(milli, 1000000);
    assert_int_equal(fq_aql_parse_aql("0.010", &milli), FQ_OK);
    assert_int_equal(milli, 10);
    assert_int_equal(fq_aql_parse_aql("0.01", &milli), FQ_OK);
    assert_int_equal(milli, 10);
    assert_int_equal(fq_aql_parse_aql("10.0", &milli), FQ_OK);
    assert_int_equal(milli, 10000);
    const char *bad[] = {"", "2", "2.0.5", "abc", "-2.5", "0.0105", "2.", ".", "1e3", "99999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(fq_aql_parse_aql(bad[i], &milli), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_parse_aql(NULL, &milli), FQ_ERR_INVALID);
    for (int c = 0; c < FQ_AQL_N_COLUMNS; c++) { /* format and parse round trip */
        assert_int_equal(fq_aql_parse_aql(fq_aql_format_aql(fq_aql_column_milli(c), buf,
                                                            sizeof buf), &milli), FQ_OK);
        assert_int_equal(milli, fq_aql_column_milli(c));
    }
    assert_string_equal(fq_aql_format_aql(10, buf, sizeof buf), "0.010");
    assert_string_equal(fq_aql_format_aql(1000000, buf, sizeof buf), "1000");
    assert_int_equal(fq_aql_parse_level("S-3", &level), FQ_OK);
    assert_int_equal(level, FQ_AQL_LEVEL_S3);
    assert_int_equal(fq_aql_parse_level("ii", &level), FQ_OK);
    assert_int_equal(level, FQ_AQL_LEVEL_II);
    assert_int_equal(fq_aql_parse_level("IV", &level), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_parse_level("S-5", &level), FQ_ERR_INVALID);
    for (int l = 0; l < FQ_AQL_LEVEL_COUNT; l++) {
        assert_int_equal(fq_aql_parse_level(fq_aql_level_name((fq_aql_level)l), &level), FQ_OK);
        assert_int_equal(level, l);
    }
    assert_int_equal(fq_aql_parse_mode("tightened", &mode), FQ_OK);
    assert_int_equal(mode, FQ_AQL_TIGHTENED);
    assert_int_equal(fq_aql_parse_mode("discontinued", &mode), FQ_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table1_every_boundary),
        cmocka_unit_test(test_table_2a_every_cell),
        cmocka_unit_test(test_table_2b_every_cell),
        cmocka_unit_test(test_table_2c_every_cell),
        cmocka_unit_test(test_second_copy_nibs),
        cmocka_unit_test(test_sample_size_monotonic_in_letter),
        cmocka_unit_test(test_bad_lookups),
        cmocka_unit_test(test_full_inspection),
        cmocka_unit_test(test_parse_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
