/* libFuzzer target for the office CSV reader (RFC 4180, UTF-8 check, line/column errors) and
 * its writer (quoting, formula neutralising, bidi controls dropped). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
