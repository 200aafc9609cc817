/* libFuzzer target for the office CSV reader (RFC 4180, UTF-8 check, line/column errors) and
 * its writer (quoting, formula neutralising, bidi controls dropped), and for the measurement
 * cells of `jobs --measurements` (core/meas.h: units and decimal readings, issue 20): every
 * cell is read as a unit and as a reading in three units; a reading that parses formats
 * back to text that parses to the same value. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/meas.h"
#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void measure_cell(const char *cell)
{
    static const char *const units[] = {"mm", "in", "kg"};
    fq_meas_unit u;
    if (fq_meas_unit_parse(cell, &u) == FQ_OK && (!u.name || u.base <= 0))
        abort();
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        int64_t v = 0;
        int64_t back = 0;
        char msg[FQ_MEAS_MSG_LEN];
        char text[48];
        if (fq_meas_parse(cell, units[i], &v, msg, sizeof msg) != FQ_OK) {
            if (!memchr(msg, '\0', sizeof msg))
                abort();
            continue;
        }
        fq_meas_format(v, text, sizeof text);
        if (fq_meas_parse(text, units[i], &back, NULL, 0) != FQ_OK || back != v)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fq_office_csv_table t;
    char err[256];
    if (fq_office_csv_parse((const char *)data, size, &t, err, sizeof err) == FQ_OK) {
        /* the writer too: every parsed cell written back (neutralised, bidi dropped) */
        char *out = NULL;
        size_t out_len = 0;
        FILE *f = open_memstream(&out, &out_len);
        for (size_t r = 0; r < t.n_rows; r++)
            for (int c = 0; c < t.rows[r].n_fields; c++) {
                if (strlen(t.rows[r].fields[c]) > size)
                    abort();
                if (f)
                    fq_office_csv_write_field(f, t.rows[r].fields[c]);
                measure_cell(t.rows[r].fields[c]);
            }
        if (f)
            fclose(f);
        free(out);
        (void)fq_office_csv_column(&t, "po_number");
        fq_office_csv_free(&t);
    } else if (!memchr(err, '\0', sizeof err)) {
        abort();
    }
    return 0;
}
