/* Table 1 (sample size code letters) and the single sampling master Tables 2-A (normal),
 * 2-B (tightened) and 2-C (reduced) of ISO 2859-1:1999 and ANSI/ASQ Z1.4-2008 (which differ
 * only in 2-C), as data, plus the walk that follows their arrows. It does not decide verdicts or switching (aql_verdict.c, aql_switch.c).
 *
 * Sources and cross-checks (see also tests/core/test_aql_tables.c, whose expectations are
 * transcribed separately as resolved "sample:Ac" cells):
 *  - Table 1: identical in three published copies (AQLSchemesCust R package "AAZ14Single.R";
 *    the "AQL Sampling Chart" / "Plan-Ilha" reproductions; GOST/ISO Table A.1 reproduction).
 *  - Tables 2-A and 2-B: the resolved tables of the AQLSchemesCust R package (MIL-STD-105E =
 *    ANSI/ASQ Z1.4 = ISO 2859-1 single plans) cross-checked against the independent text
 *    transcription of MIL-STD-105E Tables II-A/II-B (AQL 0.65..15) published as
 *    nibs.org FMOC/DPW_AC/AC-TABLE.ASC, and against aqlinspectorsrule.com notes.
 *    Disagreement: that transcription prints an UP arrow in row A, AQL 10 (normal) with no
 *    plan above it; the R package resolves the cell downwards to C (n 5, 1/2), and the AQL
 *    Inspector's Rule manual ("notes": AQL 10 + code letter A -> use letter C for normal and
 *    reduced, D for tightened) agrees. We store a DOWN arrow there.
 *    Edge cells confirmed by aqlinspectorsrule.com/below: normal R @0.015 -> P 800 0/1,
 *    tightened Q,R @0.025 -> S 3150 1/2, reduced R @0.015 -> P 315 0/1.
 *  - Table 2-C, ANSI/ASQ Z1.4-2008 (= MIL-STD-105E Table II-C): the printed table with the
 *    gap between Ac and Re, as resolved by the R package; the arrows between the three rows
 *    of sample size 2 (A, B, C) follow the diagonals of the other rows. Every resolved cell
 *    is tested against the package's values.
 *  - Table 2-C, ISO 2859-1:1999 (= GB/T 2828.1-2012). Its foreword: "reduced plans have been
 *    changed to eliminate the gap between the acceptance and rejection numbers". The 1999
 *    edition moved each gapped plan to the single-step plan between, which reproduces the
 *    published cells (GB/T 2828.1-2012 L @0.65: n 80, 2/3; M @0.65: n 125, 3/4; the ISO
 *    example of the AQL Inspector's Rule: lot 125, level III, AQL 1.0 -> J, n 32, 1/2) from
 *    the Z1.4 table cell by cell: 0/1 and every Re = Ac + 1 plan stay; 0/2 becomes a down
 *    arrow; 1/3 -> 1/2, 1/4 -> 2/3, 2/5 -> 3/4, 3/6 -> 5/6, 5/8 -> 6/7, 7/10 -> 8/9,
 *    10/13 -> 10/11, 14/17 -> 14/15, 21/24 -> 21/22; sample sizes and arrows unchanged.
 *    Our reading where the rule is silent: row B's 2/4 and 3/5 (n 2, AQL 40 and 65) become
 *    2/3 and 3/4, the plans row A has at the same n and AQL. Rows Q and R at AQL 0.025 have
 *    their 0/2 in the last row, with nothing below: one published transcription of the
 *    printed 1999 table points up to N (n 200, 0/1) there, and so do we; that rests on a
 *    single source. test_aql_tables.c checks the rule against the Z1.4 cells.
 *
 * Cell strings: one per code letter, 26 space-separated tokens for the AQL columns 0.010 ..
 * 1000: "v" = down arrow, "^" = up arrow, "Ac" = a plan with Re = Ac + 1, "Ac/Re" = a plan
 * with a gap (Z1.4 reduced only). */
#include "core/aql_internal.h"

#include <stddef.h>

const char fq_aql_row_letters[] = "ABCDEFGHJKLMNPQRS";

static const int32_t sizes_normal[17] = {2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315,
                                         500, 800, 1250, 2000, 3150};
static const int32_t sizes_reduced[16] = {2, 2, 2, 3, 5, 8, 13, 20, 32, 50, 80, 125,
                                          200, 315, 500, 800};

static const char *const table_normal[16] = {
    /* A */ "v v v v v v v v v v v v v v 0 v v 1 2 3 5 7 10 14 21 30",
    /* B */ "v v v v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 30 44",
    /* C */ "v v v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 30 44 ^",
    /* D */ "v v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 30 44 ^ ^",
    /* E */ "v v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 30 44 ^ ^ ^",
    /* F */ "v v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^",
    /* G */ "v v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^",
    /* H */ "v v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^",
    /* J */ "v v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* K */ "v v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* L */ "v v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* M */ "v v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* N */ "v v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* P */ "v 0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* Q */ "0 ^ v 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* R */ "^ ^ 1 2 3 5 7 10 14 21 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
};

static const char *const table_tightened[17] = {
    /* A */ "v v v v v v v v v v v v v v v v v v 1 2 3 5 8 12 18 27",
    /* B */ "v v v v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27 41",
    /* C */ "v v v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27 41 ^",
    /* D */ "v v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27 41 ^ ^",
    /* E */ "v v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 27 41 ^ ^ ^",
    /* F */ "v v v v v v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^",
    /* G */ "v v v v v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^",
    /* H */ "v v v v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^",
    /* J */ "v v v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* K */ "v v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* L */ "v v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* M */ "v v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* N */ "v v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* P */ "v v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* Q */ "v 0 v v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* R */ "0 ^ v 1 2 3 5 8 12 18 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* S */ "^ ^ 1 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
};

static const char *const table_reduced_iso[16] = {
    /* A */ "v v v v v v v v v v v v v v 0 v v 1 2 3 5 7 10 14 21 30",
    /* B */ "v v v v v v v v v v v v v 0 ^ v v 1 2 3 5 7 10 14 21 30",
    /* C */ "v v v v v v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 14 21 ^",
    /* D */ "v v v v v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 14 21 ^ ^",
    /* E */ "v v v v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 14 21 ^ ^ ^",
    /* F */ "v v v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^",
    /* G */ "v v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^",
    /* H */ "v v v v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^",
    /* J */ "v v v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* K */ "v v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* L */ "v v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* M */ "v v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* N */ "v v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* P */ "v 0 ^ v v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* Q */ "0 ^ ^ v 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* R */ "^ ^ ^ 1 2 3 5 6 8 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
};

static const char *const table_reduced_z14[16] = {
    /* A */ "v v v v v v v v v v v v v v 0 v v 1 2 3 5 7 10 14 21 30",
    /* B */ "v v v v v v v v v v v v v 0 ^ v 0/2 1/3 2/4 3/5 5 7 10 14 21 30",
    /* C */ "v v v v v v v v v v v v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 14/17 21/24 ^",
    /* D */ "v v v v v v v v v v v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 14/17 21/24 ^ ^",
    /* E */ "v v v v v v v v v v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 14/17 21/24 ^ ^ ^",
    /* F */ "v v v v v v v v v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^",
    /* G */ "v v v v v v v v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^",
    /* H */ "v v v v v v v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^",
    /* J */ "v v v v v v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* K */ "v v v v v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* L */ "v v v v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* M */ "v v v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* N */ "v v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* P */ "v 0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* Q */ "0 ^ v 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* R */ "^ ^ 0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
};

/* Table 1, one row per lot-size range: the upper bound and the letters for the levels in
 * fq_aql_level order (I, II, III, S-1, S-2, S-3, S-4). The last range is open. */
typedef struct lot_range {
    int64_t max_lot;
    char letters[FQ_AQL_LEVEL_COUNT + 1];
} lot_range;

static const lot_range table_1[] = {
    {8, "AABAAAA"},        {15, "ABCAAAA"},       {25, "BCDAABB"},
    {50, "CDEABBC"},       {90, "CEFBBCC"},       {150, "DFGBBCD"},
    {280, "EGHBCDE"},      {500, "FHJBCDE"},      {1200, "GJKCCEF"},
    {3200, "HKLCDEG"},     {10000, "JLMCDFG"},    {35000, "KMNCDFH"},
    {150000, "LNPDEGJ"},   {500000, "MPQDEGJ"},   {INT64_MAX, "NQRDEHK"},
};

static const int32_t aql_columns[FQ_AQL_N_COLUMNS] = {
    10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000, 1500, 2500, 4000, 6500,
    10000, 15000, 25000, 40000, 65000, 100000, 150000, 250000, 400000, 650000, 1000000,
};

int32_t fq_aql_column_milli(int idx)
{
    if (idx < 0 || idx >= FQ_AQL_N_COLUMNS)
        return -1;
    return aql_columns[idx];
}

int fq_aql_column_of(int32_t aql_milli)
{
    for (int i = 0; i < FQ_AQL_N_COLUMNS; i++)
        if (aql_columns[i] == aql_milli)
            return i;
    return -1;
}

fq_err fq_aql_code_letter(int64_t lot_size, fq_aql_level level, char *out_letter)
{
    if (lot_size < 2 || (int)level < 0 || level >= FQ_AQL_LEVEL_COUNT || !out_letter)
        return FQ_ERR_INVALID;
    size_t i = 0;
    while (lot_size > table_1[i].max_lot)
        i++;
    *out_letter = table_1[i].letters[level];
    return FQ_OK;
}

/* Normal and tightened tables are the same in both standards; reduced differs. */
static const char *const *table_of(fq_aql_standard standard, fq_aql_mode mode)
{
    if ((int)standard < 0 || standard >= FQ_AQL_STANDARD_COUNT)
        return NULL;
    switch (mode) {
    case FQ_AQL_NORMAL: return table_normal;
    case FQ_AQL_TIGHTENED: return table_tightened;
    case FQ_AQL_REDUCED:
        return standard == FQ_AQL_ANSI_Z14 ? table_reduced_z14 : table_reduced_iso;
    default: return NULL;
    }
}

int fq_aql_table_rows(fq_aql_mode mode)
{
    switch (mode) {
    case FQ_AQL_NORMAL: return 16;
    case FQ_AQL_TIGHTENED: return 17;
    case FQ_AQL_REDUCED: return 16;
    default: return 0;
    }
}

int fq_aql_table_row_of(fq_aql_mode mode, char letter)
{
    int rows = fq_aql_table_rows(mode);
    for (int r = 0; r < rows; r++)
        if (fq_aql_row_letters[r] == letter)
            return r;
    return -1;
}

int32_t fq_aql_table_row_size(fq_aql_mode mode, int row)
{
    if (row < 0 || row >= fq_aql_table_rows(mode))
        return 0;
    return mode == FQ_AQL_REDUCED ? sizes_reduced[row] : sizes_normal[row];
}

int32_t fq_aql_letter_sample_size(fq_aql_mode mode, char letter)
{
    return fq_aql_table_row_size(mode, fq_aql_table_row_of(mode, letter));
}

static int read_number(const char **pp)
{
    const char *p = *pp;
    int v = 0;
    while (*p >= '0' && *p <= '9')
        v = v * 10 + (*p++ - '0');
    *pp = p;
    return v;
}

int fq_aql_table_cell(fq_aql_standard standard, fq_aql_mode mode, int row, int col, int *out_re)
{
    const char *const *table = table_of(standard, mode);
    if (!table || row < 0 || row >= fq_aql_table_rows(mode) || col < 0 || col >= FQ_AQL_N_COLUMNS)
        return FQ_AQL_CELL_BAD;
    const char *p = table[row];
    for (int c = 0; c < col; c++) { /* skip col tokens */
        while (*p && *p != ' ')
            p++;
        while (*p == ' ')
            p++;
    }
    if (*p == 'v')
        return FQ_AQL_CELL_DOWN;
    if (*p == '^')
        return FQ_AQL_CELL_UP;
    int ac = read_number(&p);
    int re = ac + 1;
    if (*p == '/') {
        p++;
        re = read_number(&p);
    }
    if (out_re)
        *out_re = re;
    return ac;
}

int fq_aql_table_resolve(fq_aql_standard standard, fq_aql_mode mode, int row, int col,
                         int *out_row, int *out_ac, int *out_re)
{
    int rows = fq_aql_table_rows(mode);
    /* Arrows never point back, so one pass over the rows is the longest possible walk. */
    for (int steps = 0; steps <= rows && row >= 0 && row < rows; steps++) {
        int re = 0;
        int cell = fq_aql_table_cell(standard, mode, row, col, &re);
        if (cell >= 0) {
            *out_row = row;
            *out_ac = cell;
            *out_re = re;
            return 0;
        }
        if (cell == FQ_AQL_CELL_BAD)
            return -1;
        row += cell == FQ_AQL_CELL_DOWN ? 1 : -1;
    }
    return -1;
}
