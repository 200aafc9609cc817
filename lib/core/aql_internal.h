/* Private to the AQL engine (aql_*.c): raw master-table cells and the walk over arrows.
 * Never included outside lib/core. */
#ifndef FQ_CORE_AQL_INTERNAL_H
#define FQ_CORE_AQL_INTERNAL_H

#include <stdint.h>

#include "core/aql.h"

/* A raw cell of a master table as printed: a plan or an arrow. */
#define FQ_AQL_CELL_DOWN (-1) /* use the first sampling plan below the arrow */
#define FQ_AQL_CELL_UP (-2)   /* use the first sampling plan above the arrow */
#define FQ_AQL_CELL_BAD (-3)  /* no such standard, row or column */

/* Letters of the master-table rows in order; tightened has the extra row 'S'. */
extern const char fq_aql_row_letters[];

/* Number of rows of the master table of mode (16, or 17 for tightened); 0 if no table. */
int fq_aql_table_rows(fq_aql_mode mode);

/* Row index of letter in mode's table, or -1. */
int fq_aql_table_row_of(fq_aql_mode mode, char letter);

/* Sample size of a row of mode's table, or 0. */
int32_t fq_aql_table_row_size(fq_aql_mode mode, int row);

/* Raw cell of `standard`'s table for mode: Ac (>= 0) of the printed plan, with its Re in
 * *out_re when out_re is non-NULL, or FQ_AQL_CELL_DOWN / UP / BAD. */
int fq_aql_table_cell(fq_aql_standard standard, fq_aql_mode mode, int row, int col, int *out_re);

/* Follows arrows from (row, col) to the plan used; writes its row, Ac and Re. Returns 0, or
 * -1 when the walk leaves the table (never for the shipped tables; tested). */
int fq_aql_table_resolve(fq_aql_standard standard, fq_aql_mode mode, int row, int col,
                         int *out_row, int *out_ac, int *out_re);

#endif
