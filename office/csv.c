/* RFC 4180 CSV reading and writing (csv.h). One pass over the buffer: fields are copied into
 * one storage block with their terminators, rows point into it. Invalid UTF-8 is refused
 * with its position because a spreadsheet saved in a legacy code page would otherwise put
 * mojibake into reports. */
#include "csv.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"

typedef struct parser {
    const unsigned char *p, *end;
    int line, col;
    char *store;
    size_t store_len;
    size_t *offsets;     /* field start offsets of the current row */
    fq_office_csv_row *rows;
    size_t n_rows, cap_rows;
    char *err;
    size_t err_len;
} parser;

static fq_err fail(parser *ps, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static fq_err fail(parser *ps, int line, int col, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(ps->err, ps->err_len, "line %d, character %d: %s", line, col, msg);
    return FQ_ERR_INVALID;
}

/* Length of the valid UTF-8 sequence at p (1..4), 0 when invalid. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (!n || (size_t)(end - p) < n || (c >= 0xC0 && c < 0xC2) || c > 0xF4)
        return n == 1 ? 1 : 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if (n == 3 && ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0)))
        return 0;
    if (n == 4 && ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)))
        return 0;
    return n;
}

static void newline(parser *ps)
{
    if (ps->p < ps->end && *ps->p == '\r')
        ps->p++;
    if (ps->p < ps->end && *ps->p == '\n')
        ps->p++;
    ps->line++;
    ps->col = 1;
}

static int at_newline(const parser *ps)
{
    return ps->p < ps->end && (*ps->p == '\n' || *ps->p == '\r');
}

/* Copies one field into storage (NUL-terminated). */
static fq_err read_field(parser *ps, size_t field_start_col)
{
    int quoted = ps->p < ps->end && *ps->p == '"';
    int q_line = ps->line, q_col = ps->col;
    size_t start = ps->store_len;
    if (quoted) {
        ps->p++;
        ps->col++;
    }
    for (;;) {
        if (ps->p >= ps->end) {
            if (quoted)
                return fail(ps, q_line, q_col, "quoted field never closed (missing \")");
            break;
        }
        unsigned char c = *ps->p;
        if (quoted && c == '"') {
            if (ps->p + 1 < ps->end && ps->p[1] == '"') {
                ps->store[ps->store_len++] = '"';
                ps->p += 2;
                ps->col += 2;
                continue;
            }
            ps->p++;
            ps->col++;
            if (ps->p < ps->end && *ps->p != ',' && !at_newline(ps))
                return fail(ps, ps->line, ps->col, "text after a closing quote");
            break;
        }
        if (!quoted && (c == ',' || c == '\n' || c == '\r'))
            break;
        if (!quoted && c == '"')
            return fail(ps, ps->line, ps->col,
                        "quote inside an unquoted field (quote the whole field)");
        if (c == 0)
            return fail(ps, ps->line, ps->col, "NUL byte in the file");
        if (quoted && (c == '\n' || c == '\r')) {
            ps->store[ps->store_len++] = '\n';
            newline(ps);
            continue;
        }
        size_t n = utf8_len(ps->p, ps->end);
        if (!n)
            return fail(ps, ps->line, ps->col, "not UTF-8 (save the sheet as CSV UTF-8)");
        memcpy(ps->store + ps->store_len, ps->p, n);
        ps->store_len += n;
        ps->p += n;
        ps->col++;
        if (ps->store_len - start > FQ_OFFICE_CSV_MAX_FIELD_BYTES)
            return fail(ps, q_line, (int)field_start_col, "field longer than %d bytes",
                        FQ_OFFICE_CSV_MAX_FIELD_BYTES);
    }
    ps->store[ps->store_len++] = '\0';
    return FQ_OK;
}

static fq_err add_row(parser *ps, int line, size_t n_fields)
{
    if (ps->n_rows == ps->cap_rows) {
        size_t cap = ps->cap_rows ? ps->cap_rows * 2 : 64;
        fq_office_csv_row *grown = realloc(ps->rows, cap * sizeof *grown);
        if (!grown)
            return fail(ps, line, 1, "out of memory");
        ps->rows = grown;
        ps->cap_rows = cap;
    }
    fq_office_csv_row *r = &ps->rows[ps->n_rows];
    r->line = line;
    r->n_fields = (int)n_fields;
    /* offsets are turned into pointers once storage stops moving (it never moves: it is
     * allocated once at its maximum size) */
    r->fields = malloc(n_fields * sizeof *r->fields);
    if (!r->fields)
        return fail(ps, line, 1, "out of memory");
    for (size_t i = 0; i < n_fields; i++)
        r->fields[i] = ps->store + ps->offsets[i];
    ps->n_rows++;
    return FQ_OK;
}

static fq_err parse_rows(parser *ps)
{
    while (ps->p < ps->end) {
        if (at_newline(ps)) { /* empty line */
            newline(ps);
            continue;
        }
        int line = ps->line;
        size_t n = 0;
        for (;;) {
            if (n >= FQ_OFFICE_CSV_MAX_FIELDS)
                return fail(ps, ps->line, ps->col, "more than %d columns", FQ_OFFICE_CSV_MAX_FIELDS);
            ps->offsets[n++] = ps->store_len;
            fq_err e = read_field(ps, (size_t)ps->col);
            if (e)
                return e;
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                ps->col++;
                continue;
            }
            break;
        }
        fq_err e = add_row(ps, line, n);
        if (e)
            return e;
        if (at_newline(ps))
            newline(ps);
    }
    return FQ_OK;
}

void fq_office_csv_free(fq_office_csv_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_rows; i++)
        free(t->rows[i].fields);
    free(t->rows);
    free(t->storage);
    memset(t, 0, sizeof *t);
}

fq_err fq_office_csv_parse(const char *data, size_t len, fq_office_csv_table *out, char *err, size_t err_len)
{
    parser ps;
    memset(&ps, 0, sizeof ps);
    ps.p = (const unsigned char *)data;
    ps.end = ps.p + len;
    ps.line = 1;
    ps.col = 1;
    ps.err = err;
    ps.err_len = err_len;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        ps.p += 3;
    /* output never exceeds input plus one terminator per field (at most one per byte + 1) */
    ps.store = malloc(len * 2 + 2);
    ps.offsets = malloc(FQ_OFFICE_CSV_MAX_FIELDS * sizeof *ps.offsets);
    fq_err e = ps.store && ps.offsets ? parse_rows(&ps) : fail(&ps, 1, 1, "out of memory");
    free(ps.offsets);
    fq_office_csv_table t = {ps.rows, ps.n_rows, ps.store};
    if (e) {
        fq_office_csv_free(&t);
        return e;
    }
    *out = t;
    return FQ_OK;
}

int fq_office_csv_column(const fq_office_csv_table *t, const char *name)
{
    if (!t->n_rows)
        return -1;
    const fq_office_csv_row *h = &t->rows[0];
    for (int i = 0; i < h->n_fields; i++) {
        const char *f = h->fields[i];
        while (*f == ' ')
            f++;
        size_t n = strlen(f);
        while (n && f[n - 1] == ' ')
            n--;
        if (n == strlen(name) && strncasecmp(f, name, n) == 0)
            return i;
    }
    return -1;
}

void fq_office_csv_write_field(FILE *f, const char *text)
{
    if (!text)
        text = "";
    /* a cell a spreadsheet would run as a formula (=HYPERLINK(...), @SUM, -2+3) is written
     * as text: the leading ' is what Excel and LibreOffice take for "text" */
    bool formula = fq_text_is_formula(text);
    bool quote = formula || strpbrk(text, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (const char *p = text; *p; p++) {
        size_t bidi = fq_text_bidi_control_len(p);
        if (bidi) {
            p += bidi - 1;
            continue;
        }
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    if (quote)
        fputc('"', f);
}
