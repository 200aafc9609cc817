/* ISO 2859-1:1999 Table 1 (sample size code letters) and the single sampling master
 * Tables 2-A (normal), 2-B (tightened) and 2-C (reduced), as data, plus the walk that follows
 * their arrows. It does not decide verdicts or switching (aql_verdict.c, aql_switch.c).
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
 *  - Table 2-C follows the 1999 edition, whose foreword says "reduced plans have been changed
 *    to eliminate the gap between the acceptance and rejection numbers". No published copy of
 *    the 1999 Table 2-C was found, so it is derived from the Z1.4 Table II-C (R package) by
 *    that rule: Re = Ac + 1 everywhere; the former 0/2 plans become DOWN arrows (the published
 *    ISO-version example of the AQL Inspector's Rule: reduced, letter G, AQL 1.0 -> arrows
 *    to H then J: n 32, Ac 1, Re 2; an 0/1 there would duplicate the row's own 0/1 plan),
 *    except in the last row R where nothing lies below and 0/1 is kept. Keeping Ac and
 *    lowering Re is the conservative reading (it never accepts what Z1.4 rejected).
 *
 * Cell strings: one per code letter, 26 space-separated tokens for the AQL columns 0.010 ..
 * 1000: "v" = down arrow, "^" = up arrow, a number = Ac of the plan printed there (Re = Ac+1:
 * every single sampling plan of the 1999 edition has Re = Ac + 1). */
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

static const char *const table_reduced[16] = {
    /* A */ "v v v v v v v v v v v v 0 0 0 v v 1 2 3 5 7 10 14 21 30",
    /* B */ "v v v v v v v v v v v v 0 0 0 v v 1 2 3 5 7 10 14 21 30",
    /* C */ "v v v v v v v v v v v v 0 0 v v 1 1 2 3 5 7 10 14 21 30",
    /* D */ "v v v v v v v v v v v 0 ^ v v 1 1 2 3 5 7 10 14 21 ^ ^",
    /* E */ "v v v v v v v v v v 0 ^ v v 1 1 2 3 5 7 10 14 21 ^ ^ ^",
    /* F */ "v v v v v v v v v 0 ^ v v 1 1 2 3 5 7 10 ^ ^ ^ ^ ^ ^",
    /* G */ "v v v v v v v v 0 ^ v v 1 1 2 3 5 7 10 ^ ^ ^ ^ ^ ^ ^",
    /* H */ "v v v v v v v 0 ^ v v 1 1 2 3 5 7 10 ^ ^ ^ ^ ^ ^ ^ ^",
    /* J */ "v v v v v v 0 ^ v v 1 1 2 3 5 7 10 ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* K */ "v v v v v 0 ^ v v 1 1 2 3 5 7 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* L */ "v v v v 0 ^ v v 1 1 2 3 5 7 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* M */ "v v v 0 ^ v v 1 1 2 3 5 7 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* N */ "v v 0 ^ v v 1 1 2 3 5 7 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* P */ "v 0 ^ v v 1 1 2 3 5 7 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* Q */ "0 ^ v v 1 1 2 3 5 7 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
    /* R */ "^ ^ 0 1 1 2 3 5 7 10 ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^",
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

static const char *const *table_of(fq_aql_mode mode)
{
    switch (mode) {
    case FQ_AQL_NORMAL: return table_normal;
    case FQ_AQL_TIGHTENED: return table_tightened;
    case FQ_AQL_REDUCED: return table_reduced;
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

int fq_aql_table_cell(fq_aql_mode mode, int row, int col)
{
    const char *const *table = table_of(mode);
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
    int ac = 0;
    while (*p >= '0' && *p <= '9')
        ac = ac * 10 + (*p++ - '0');
    return ac;
}

int fq_aql_table_resolve(fq_aql_mode mode, int row, int col, int *out_row, int *out_ac)
{
    int rows = fq_aql_table_rows(mode);
    /* Arrows never point back, so one pass over the rows is the longest possible walk. */
    for (int steps = 0; steps <= rows && row >= 0 && row < rows; steps++) {
        int cell = fq_aql_table_cell(mode, row, col);
        if (cell >= 0) {
            *out_row = row;
            *out_ac = cell;
            return 0;
        }
        if (cell == FQ_AQL_CELL_BAD)
            return -1;
        row += cell == FQ_AQL_CELL_DOWN ? 1 : -1;
    }
    return -1;
}
