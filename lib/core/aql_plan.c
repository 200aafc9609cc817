/* Plan lookup: standard + code letter + AQL -> the single sampling plan actually used (ISO
 * 2859-1:1999 clause 10.3 and the arrow notes of Tables 2-A..2-C), and the full-inspection rule for a lot.
 * It does not judge defects (aql_verdict.c). */
#include "core/aql.h"

#include <string.h>

#include "core/aql_internal.h"

fq_err fq_aql_plan_for_letter(fq_aql_standard standard, fq_aql_mode mode, char code_letter,
                              int32_t aql_milli, fq_aql_sampling *out)
{
    int col = fq_aql_column_of(aql_milli);
    int row = fq_aql_table_row_of(mode, code_letter);
    /* 'S' is a row of Table 2-B that arrows lead to, never a letter Table 1 gives. */
    if (!out || col < 0 || row < 0 || code_letter == 'S')
        return FQ_ERR_INVALID;
    int plan_row = 0;
    int ac = 0;
    int re = 0;
    if (fq_aql_table_resolve(standard, mode, row, col, &plan_row, &ac, &re) != 0)
        return FQ_ERR_INVALID;
    fq_aql_sampling s;
    memset(&s, 0, sizeof s);
    s.standard = standard;
    s.code_letter = code_letter;
    s.plan_letter = fq_aql_row_letters[plan_row];
    /* The arrow changes the sample size too: it is the size of the plan's own row. */
    s.table_sample_size = fq_aql_table_row_size(mode, plan_row);
    s.sample_size = s.table_sample_size;
    s.ac = ac;
    s.re = re;
    s.full_inspection = false;
    *out = s;
    return FQ_OK;
}

fq_err fq_aql_plan_for_lot(fq_aql_standard standard, int64_t lot_size, fq_aql_level level,
                           fq_aql_mode mode, int32_t aql_milli, fq_aql_sampling *out)
{
    char letter = 0;
    fq_aql_sampling s;
    fq_err err = fq_aql_code_letter(lot_size, level, &letter);
    if (err != FQ_OK || !out)
        return FQ_ERR_INVALID;
    err = fq_aql_plan_for_letter(standard, mode, letter, aql_milli, &s);
    if (err != FQ_OK)
        return err;
    /* Note to Tables 2-A..2-C: sample size equal to or above the lot size -> 100 %. */
    if ((int64_t)s.table_sample_size >= lot_size) {
        s.full_inspection = true;
        s.sample_size = lot_size;
    }
    *out = s;
    return FQ_OK;
}
