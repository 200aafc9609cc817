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
 *  - Table 2-C of ANSI/ASQ Z1.4-2008: every cell as "sample size:Ac/Re" from the same R
 *    package (its Table II-C, with the gap between Ac and Re).
 *  - Table 2-C of ISO 2859-1:1999: no printed copy was found. Its expectations are checked
 *    two ways: cell by cell against the Z1.4 cells above by the published translation (the
 *    rule in aql_tables.c, re-implemented here on the resolved cells: a different walk than
 *    the engine's printed arrows), and against the cells published for the 1999 table
 *    (GB/T 2828.1-2012 and the AQL Inspector's Rule example).
 *  - Invariants: Re = Ac + 1 (except Z1.4 reduced), arrows end on a real plan, sample sizes
 *    grow with the letter. */
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

/* ANSI/ASQ Z1.4-2008 Table II-C as the R package resolves it: "sample:Ac/Re". */
static const char *const expect_2c_z14[16] = {
    /* A */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 2:0/1 2:0/1 2:0/2 2:0/2 2:1/2 2:2/3 2:3/4 2:5/6 2:7/8 2:10/11 2:14/15 2:21/22 2:30/31",
    /* B */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 2:0/1 2:0/1 2:0/2 2:0/2 2:1/3 2:2/4 2:3/5 2:5/6 2:7/8 2:10/11 2:14/15 2:21/22 2:30/31",
    /* C */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 2:0/1 3:0/2 2:0/2 2:1/3 2:1/4 2:2/5 2:3/6 2:5/8 2:7/10 2:10/13 2:14/17 2:21/24 2:30/31",
    /* D */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 5:0/2 3:0/2 3:1/3 3:1/4 3:2/5 3:3/6 3:5/8 3:7/10 3:10/13 3:14/17 3:21/24 2:21/24 2:30/31",
    /* E */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 8:0/2 5:0/2 5:1/3 5:1/4 5:2/5 5:3/6 5:5/8 5:7/10 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
    /* F */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 13:0/2 8:0/2 8:1/3 8:1/4 8:2/5 8:3/6 8:5/8 8:7/10 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
    /* G */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 20:0/2 13:0/2 13:1/3 13:1/4 13:2/5 13:3/6 13:5/8 13:7/10 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
    /* H */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 32:0/2 20:0/2 20:1/3 20:1/4 20:2/5 20:3/6 20:5/8 20:7/10 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
    /* J */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 50:0/2 32:0/2 32:1/3 32:1/4 32:2/5 32:3/6 32:5/8 32:7/10 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
    /* K */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 80:0/2 50:0/2 50:1/3 50:1/4 50:2/5 50:3/6 50:5/8 50:7/10 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
    /* L */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 125:0/2 80:0/2 80:1/3 80:1/4 80:2/5 80:3/6 80:5/8 80:7/10 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
    /* M */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 200:0/2 125:0/2 125:1/3 125:1/4 125:2/5 125:3/6 125:5/8 125:7/10 125:10/13 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
    /* N */ "500:0/1 315:0/1 200:0/1 125:0/1 315:0/2 200:0/2 200:1/3 200:1/4 200:2/5 200:3/6 200:5/8 200:7/10 200:10/13 125:10/13 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
    /* P */ "500:0/1 315:0/1 200:0/1 500:0/2 315:0/2 315:1/3 315:1/4 315:2/5 315:3/6 315:5/8 315:7/10 315:10/13 200:10/13 125:10/13 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
    /* Q */ "500:0/1 315:0/1 800:0/2 500:0/2 500:1/3 500:1/4 500:2/5 500:3/6 500:5/8 500:7/10 500:10/13 315:10/13 200:10/13 125:10/13 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
    /* R */ "500:0/1 315:0/1 800:0/2 800:1/3 800:1/4 800:2/5 800:3/6 800:5/8 800:7/10 800:10/13 500:10/13 315:10/13 200:10/13 125:10/13 80:10/13 50:10/13 32:10/13 20:10/13 13:10/13 8:10/13 5:10/13 5:14/17 5:21/24 3:21/24 2:21/24 2:30/31",
};

/* ISO 2859-1:1999 Table 2-C, resolved: "sample:Ac/Re". Derived (no printed copy was found):
 * test_2c_iso_is_z14_by_the_rule checks it against the Z1.4 cells above by the translation
 * of lib/core/aql_tables.c, and test_2c_published the cells published for the 1999 table. */
static const char *const expect_2c_iso[16] = {
    /* A */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 2:0/1 2:0/1 3:1/2 2:1/2 2:1/2 2:2/3 2:3/4 2:5/6 2:7/8 2:10/11 2:14/15 2:21/22 2:30/31",
    /* B */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 2:0/1 2:0/1 3:1/2 2:1/2 2:1/2 2:2/3 2:3/4 2:5/6 2:7/8 2:10/11 2:14/15 2:21/22 2:30/31",
    /* C */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 2:0/1 5:1/2 3:1/2 2:1/2 2:2/3 2:3/4 2:5/6 2:6/7 2:8/9 2:10/11 2:14/15 2:21/22 2:30/31",
    /* D */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 2:0/1 8:1/2 5:1/2 3:1/2 3:2/3 3:3/4 3:5/6 3:6/7 3:8/9 3:10/11 3:14/15 3:21/22 2:21/22 2:30/31",
    /* E */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 3:0/1 13:1/2 8:1/2 5:1/2 5:2/3 5:3/4 5:5/6 5:6/7 5:8/9 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
    /* F */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 5:0/1 20:1/2 13:1/2 8:1/2 8:2/3 8:3/4 8:5/6 8:6/7 8:8/9 8:10/11 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
    /* G */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 8:0/1 32:1/2 20:1/2 13:1/2 13:2/3 13:3/4 13:5/6 13:6/7 13:8/9 13:10/11 8:10/11 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
    /* H */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 13:0/1 50:1/2 32:1/2 20:1/2 20:2/3 20:3/4 20:5/6 20:6/7 20:8/9 20:10/11 13:10/11 8:10/11 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
    /* J */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 20:0/1 80:1/2 50:1/2 32:1/2 32:2/3 32:3/4 32:5/6 32:6/7 32:8/9 32:10/11 20:10/11 13:10/11 8:10/11 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
    /* K */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 32:0/1 125:1/2 80:1/2 50:1/2 50:2/3 50:3/4 50:5/6 50:6/7 50:8/9 50:10/11 32:10/11 20:10/11 13:10/11 8:10/11 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
    /* L */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 50:0/1 200:1/2 125:1/2 80:1/2 80:2/3 80:3/4 80:5/6 80:6/7 80:8/9 80:10/11 50:10/11 32:10/11 20:10/11 13:10/11 8:10/11 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
    /* M */ "500:0/1 315:0/1 200:0/1 125:0/1 80:0/1 315:1/2 200:1/2 125:1/2 125:2/3 125:3/4 125:5/6 125:6/7 125:8/9 125:10/11 80:10/11 50:10/11 32:10/11 20:10/11 13:10/11 8:10/11 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
    /* N */ "500:0/1 315:0/1 200:0/1 125:0/1 500:1/2 315:1/2 200:1/2 200:2/3 200:3/4 200:5/6 200:6/7 200:8/9 200:10/11 125:10/11 80:10/11 50:10/11 32:10/11 20:10/11 13:10/11 8:10/11 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
    /* P */ "500:0/1 315:0/1 200:0/1 800:1/2 500:1/2 315:1/2 315:2/3 315:3/4 315:5/6 315:6/7 315:8/9 315:10/11 200:10/11 125:10/11 80:10/11 50:10/11 32:10/11 20:10/11 13:10/11 8:10/11 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
    /* Q */ "500:0/1 315:0/1 200:0/1 800:1/2 500:1/2 500:2/3 500:3/4 500:5/6 500:6/7 500:8/9 500:10/11 315:10/11 200:10/11 125:10/11 80:10/11 50:10/11 32:10/11 20:10/11 13:10/11 8:10/11 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
    /* R */ "500:0/1 315:0/1 200:0/1 800:1/2 800:2/3 800:3/4 800:5/6 800:6/7 800:8/9 800:10/11 500:10/11 315:10/11 200:10/11 125:10/11 80:10/11 50:10/11 32:10/11 20:10/11 13:10/11 8:10/11 5:10/11 5:14/15 5:21/22 3:21/22 2:21/22 2:30/31",
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

/* "n:ac" or "n:ac/re" -> n, ac, re (re = ac + 1 when not given). */
static void parse_cell(const char *tok, int *n, int *ac, int *re)
{
    int k = sscanf(tok, "%d:%d/%d", n, ac, re);
    assert_true(k == 2 || k == 3);
    if (k == 2)
        *re = *ac + 1;
}

static void check_master(fq_aql_standard std, fq_aql_mode mode, const char *const expect[16])
{
    char tok[32];
    for (int row = 0; row < 16; row++) {
        const char *p = expect[row];
        for (int col = 0; col < FQ_AQL_N_COLUMNS; col++) {
            int n = 0;
            int ac = 0;
            int re = 0;
            fq_aql_sampling s;
            next_token(&p, tok, sizeof tok);
            parse_cell(tok, &n, &ac, &re);
            assert_int_equal(fq_aql_plan_for_letter(std, mode, table1_letters[row],
                                                    fq_aql_column_milli(col), &s), FQ_OK);
            if (s.table_sample_size != n || s.ac != ac || s.re != re)
                fail_msg("%s %s %c col %d: want %d:%d/%d got %d:%d/%d (plan %c)",
                         fq_aql_standard_key(std), fq_aql_mode_name(mode), table1_letters[row],
                         col, n, ac, re, (int)s.table_sample_size, (int)s.ac, (int)s.re,
                         s.plan_letter);
            /* invariants: Re = Ac + 1 but in Z1.4's reduced table; the plan letter's own
             * sample size; arrows end on a real plan, i.e. looking up the plan letter itself
             * needs no arrow */
            if (std != FQ_AQL_ANSI_Z14 || mode != FQ_AQL_REDUCED)
                assert_int_equal(s.re, s.ac + 1);
            assert_true(s.re > s.ac);
            assert_int_equal(s.standard, std);
            assert_int_equal(s.code_letter, table1_letters[row]);
            assert_int_equal(s.table_sample_size, fq_aql_letter_sample_size(mode, s.plan_letter));
            assert_false(s.full_inspection);
            if (s.plan_letter != 'S') {
                fq_aql_sampling again;
                assert_int_equal(fq_aql_plan_for_letter(std, mode, s.plan_letter,
                                                        fq_aql_column_milli(col), &again), FQ_OK);
                assert_int_equal(again.plan_letter, s.plan_letter);
                assert_int_equal(again.ac, s.ac);
                assert_int_equal(again.re, s.re);
            }
        }
    }
}

static void test_table_2a_every_cell(void **state)
{
    (void)state;
    check_master(FQ_AQL_ISO_2859_1, FQ_AQL_NORMAL, expect_2a);
    check_master(FQ_AQL_ANSI_Z14, FQ_AQL_NORMAL, expect_2a);
}

static void test_table_2b_every_cell(void **state)
{
    (void)state;
    check_master(FQ_AQL_ISO_2859_1, FQ_AQL_TIGHTENED, expect_2b);
    check_master(FQ_AQL_ANSI_Z14, FQ_AQL_TIGHTENED, expect_2b);
}

static void test_table_2c_z14_every_cell(void **state)
{
    (void)state;
    check_master(FQ_AQL_ANSI_Z14, FQ_AQL_REDUCED, expect_2c_z14);
}

static void test_table_2c_iso_every_cell(void **state)
{
    (void)state;
    check_master(FQ_AQL_ISO_2859_1, FQ_AQL_REDUCED, expect_2c_iso);
}

/* The 1999 translation of a gapped Z1.4 plan (Ac, Re) to the single-step plan between;
 * Re = Ac + 1 plans stay. Returns the new Ac (Re = Ac + 1). */
static int iso_ac_of(int ac, int re)
{
    static const int map[][3] = {{1, 3, 1},  {1, 4, 2},  {2, 5, 3},   {3, 6, 5},   {5, 8, 6},
                                 {7, 10, 8}, {10, 13, 10}, {14, 17, 14}, {21, 24, 21},
                                 /* row B (n 2): the plans of row A at the same AQL */
                                 {2, 4, 2},  {3, 5, 3}};
    if (re == ac + 1)
        return ac;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i][0] == ac && map[i][1] == re)
            return map[i][2];
    fail_msg("no translation for %d/%d", ac, re);
    return -1;
}

/* Cell `col` of row `row` of a resolved expectation table. */
static void cell_of(const char *const table[16], int row, int col, int *n, int *ac, int *re)
{
    char tok[32];
    const char *p = table[row];
    for (int c = 0; c <= col; c++)
        next_token(&p, tok, sizeof tok);
    parse_cell(tok, n, ac, re);
}

/* Every ISO cell from the Z1.4 cell by the rule: an 0/2 plan moves down the column past the
 * rows that resolve to that same 0/2 plan to the next plan, translated; where none lies below
 * (Q, R at 0.025) the 1999 table points up to N: n 200, 0/1. */
static void test_2c_iso_is_z14_by_the_rule(void **state)
{
    (void)state;
    for (int row = 0; row < 16; row++) {
        for (int col = 0; col < FQ_AQL_N_COLUMNS; col++) {
            int n, ac, re, want_n, want_ac;
            cell_of(expect_2c_z14, row, col, &n, &ac, &re);
            if (ac == 0 && re == 2) {
                int r = row + 1;
                int n2 = 0, ac2 = 0, re2 = 0;
                for (; r < 16; r++) {
                    cell_of(expect_2c_z14, r, col, &n2, &ac2, &re2);
                    if (n2 != n || ac2 != ac || re2 != re)
                        break;
                }
                if (r == 16) {
                    assert_int_equal(col, 2);
                    want_n = 200;
                    want_ac = 0;
                } else {
                    want_n = n2;
                    want_ac = iso_ac_of(ac2, re2);
                }
            } else {
                want_n = n;
                want_ac = iso_ac_of(ac, re);
            }
            int got_n, got_ac, got_re;
            cell_of(expect_2c_iso, row, col, &got_n, &got_ac, &got_re);
            if (got_n != want_n || got_ac != want_ac || got_re != want_ac + 1)
                fail_msg("%c col %d: Z1.4 %d:%d/%d -> want %d:%d/%d, table has %d:%d/%d",
                         table1_letters[row], col, n, ac, re, want_n, want_ac, want_ac + 1,
                         got_n, got_ac, got_re);
        }
    }
}

/* Cells published for the 1999 table, and the same cells under Z1.4. */
static void test_2c_published(void **state)
{
    (void)state;
    fq_aql_sampling s;
    /* GB/T 2828.1-2012 Table 2-C: L @0.65 -> n 80, 2/3; M @0.65 -> n 125, 3/4 */
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ISO_2859_1, FQ_AQL_REDUCED, 'L', 650, &s), FQ_OK);
    assert_int_equal(s.table_sample_size, 80);
    assert_int_equal(s.ac, 2);
    assert_int_equal(s.re, 3);
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ISO_2859_1, FQ_AQL_REDUCED, 'M', 650, &s), FQ_OK);
    assert_int_equal(s.table_sample_size, 125);
    assert_int_equal(s.ac, 3);
    assert_int_equal(s.re, 4);
    /* Z1.4 keeps the gap there: L 1/4, M 2/5 */
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ANSI_Z14, FQ_AQL_REDUCED, 'L', 650, &s), FQ_OK);
    assert_int_equal(s.table_sample_size, 80);
    assert_int_equal(s.ac, 1);
    assert_int_equal(s.re, 4);
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ANSI_Z14, FQ_AQL_REDUCED, 'M', 650, &s), FQ_OK);
    assert_int_equal(s.ac, 2);
    assert_int_equal(s.re, 5);
    /* AQL Inspector's Rule: lot 125, level III, AQL 1.0, reduced -> G; ISO arrows to J
     * (n 32, 1/2), Z1.4 to H (n 20, 0/2) */
    assert_int_equal(fq_aql_plan_for_lot(FQ_AQL_ISO_2859_1, 125, FQ_AQL_LEVEL_III, FQ_AQL_REDUCED,
                                         1000, &s), FQ_OK);
    assert_int_equal(s.code_letter, 'G');
    assert_int_equal(s.plan_letter, 'J');
    assert_int_equal(s.sample_size, 32);
    assert_int_equal(s.ac, 1);
    assert_int_equal(s.re, 2);
    assert_int_equal(fq_aql_plan_for_lot(FQ_AQL_ANSI_Z14, 125, FQ_AQL_LEVEL_III, FQ_AQL_REDUCED,
                                         1000, &s), FQ_OK);
    assert_int_equal(s.plan_letter, 'H');
    assert_int_equal(s.sample_size, 20);
    assert_int_equal(s.ac, 0);
    assert_int_equal(s.re, 2);
    /* one source: Q and R at 0.025 point up to N, n 200, 0/1 */
    for (char letter = 'Q'; letter <= 'R'; letter++) {
        assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ISO_2859_1, FQ_AQL_REDUCED, letter, 25, &s),
                         FQ_OK);
        assert_int_equal(s.plan_letter, 'N');
        assert_int_equal(s.table_sample_size, 200);
        assert_int_equal(s.ac, 0);
        assert_int_equal(s.re, 1);
    }
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
            assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_ISO_2859_1, mode, letter,
                                                    fq_aql_column_milli(col), &s), FQ_OK);
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
    const fq_aql_standard iso = FQ_AQL_ISO_2859_1;
    assert_int_equal(fq_aql_plan_for_letter(iso, FQ_AQL_NORMAL, 'J', 2000, &s), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_letter(iso, FQ_AQL_NORMAL, 'I', 2500, &s), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_letter(iso, FQ_AQL_TIGHTENED, 'S', 25, &s), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_letter(iso, FQ_AQL_DISCONTINUED, 'J', 2500, &s),
                     FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_letter(iso, FQ_AQL_NORMAL, 'J', 2500, NULL), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_letter(FQ_AQL_STANDARD_COUNT, FQ_AQL_NORMAL, 'J', 2500, &s),
                     FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_letter((fq_aql_standard)-1, FQ_AQL_REDUCED, 'J', 2500, &s),
                     FQ_ERR_INVALID);
    assert_int_equal(fq_aql_plan_for_lot(iso, 1, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, 2500, &s),
                     FQ_ERR_INVALID);
}

static void test_full_inspection(void **state)
{
    (void)state;
    fq_aql_sampling s;
    /* lot 10, level II -> B; 0.65 -> arrows down to F (20, 0/1): 20 >= 10, inspect all */
    assert_int_equal(fq_aql_plan_for_lot(FQ_AQL_ISO_2859_1, 10, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, 650, &s), FQ_OK);
    assert_int_equal(s.code_letter, 'B');
    assert_int_equal(s.plan_letter, 'F');
    assert_int_equal(s.table_sample_size, 20);
    assert_true(s.full_inspection);
    assert_int_equal(s.sample_size, 10);
    /* equal counts as full: lot 20 at the same plan */
    assert_int_equal(fq_aql_plan_for_lot(FQ_AQL_ISO_2859_1, 20, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, 650, &s), FQ_OK);
    assert_true(s.full_inspection);
    assert_int_equal(s.sample_size, 20);
    /* lot 21 is letter C (16..25): still 20 < 21, sampled */
    assert_int_equal(fq_aql_plan_for_lot(FQ_AQL_ISO_2859_1, 21, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, 650, &s), FQ_OK);
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
    fq_aql_standard std;
    assert_int_equal(fq_aql_parse_standard("Z14", &std), FQ_OK);
    assert_int_equal(std, FQ_AQL_ANSI_Z14);
    assert_int_equal(fq_aql_parse_standard("gb", &std), FQ_OK);
    assert_int_equal(std, FQ_AQL_ISO_2859_1);
    assert_int_equal(fq_aql_parse_standard("mil", &std), FQ_ERR_INVALID);
    assert_int_equal(fq_aql_parse_standard(NULL, &std), FQ_ERR_INVALID);
    for (int k = 0; k < FQ_AQL_STANDARD_COUNT; k++) {
        assert_int_equal(fq_aql_parse_standard(fq_aql_standard_key((fq_aql_standard)k), &std), FQ_OK);
        assert_int_equal(std, k);
    }
    assert_string_equal(fq_aql_standard_name(FQ_AQL_ISO_2859_1), "ISO 2859-1:1999");
    assert_string_equal(fq_aql_standard_name(FQ_AQL_ANSI_Z14), "ANSI/ASQ Z1.4-2008");
    assert_string_equal(fq_aql_standard_name(FQ_AQL_STANDARD_COUNT), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table1_every_boundary),
        cmocka_unit_test(test_table_2a_every_cell),
        cmocka_unit_test(test_table_2b_every_cell),
        cmocka_unit_test(test_table_2c_z14_every_cell),
        cmocka_unit_test(test_table_2c_iso_every_cell),
        cmocka_unit_test(test_2c_iso_is_z14_by_the_rule),
        cmocka_unit_test(test_2c_published),
        cmocka_unit_test(test_second_copy_nibs),
        cmocka_unit_test(test_sample_size_monotonic_in_letter),
        cmocka_unit_test(test_bad_lookups),
        cmocka_unit_test(test_full_inspection),
        cmocka_unit_test(test_parse_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
