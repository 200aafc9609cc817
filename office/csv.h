/* RFC 4180 CSV for the office tool: quoted fields with "" escapes, commas and newlines inside
 * quotes, CRLF or LF line ends, a UTF-8 BOM tolerated, invalid UTF-8 refused. Errors name the
 * line and column (1-based) where the input goes wrong. Reads a buffer; no file I/O. */
#ifndef FQ_OFFICE_CSV_H
#define FQ_OFFICE_CSV_H

#include <stddef.h>

#include <stdio.h>

#include "core/err.h"

#define FQ_OFFICE_CSV_MAX_FIELDS 256
#define FQ_OFFICE_CSV_MAX_FIELD_BYTES 65536

typedef struct fq_office_csv_row {
    int line;        /* line where the row starts */
    int n_fields;
    char **fields;   /* NUL-terminated UTF-8, point into the table's storage */
} fq_office_csv_row;

typedef struct fq_office_csv_table {
    fq_office_csv_row *rows;
    size_t n_rows;
    char *storage;   /* all field bytes */
} fq_office_csv_table;

/* Parses data (len bytes, untrusted). Empty lines are skipped. On error err gets
 * "line L, character C: reason" (C counts UTF-8 characters) and *out is untouched. Free with fq_office_csv_free. */
fq_err fq_office_csv_parse(const char *data, size_t len, fq_office_csv_table *out, char *err, size_t err_len);

void fq_office_csv_free(fq_office_csv_table *t);

/* Index of the header column named `name` (case-insensitive, trimmed) in row 0; -1 if none. */
int fq_office_csv_column(const fq_office_csv_table *t, const char *name);

/* Writes one CSV field to f, quoted when it holds a comma, quote, CR or LF; a cell a
 * spreadsheet would run as a formula gets a leading ' (text), and bidi controls are
 * dropped. */
void fq_office_csv_write_field(FILE *f, const char *text);

#endif
