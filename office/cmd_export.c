/* fieldqc-office export [--db FILE] --csv DIR: findings, defects, counts (production),
 * cartons, measurements, on-site tests and issues (fq_ostore_flat_tables) as RFC 4180 CSV
 * with a header row and the PO number and visit on every line, for spreadsheets. Each file is
 * written to a temp name and renamed. */
#include "office/commands.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "office_internal.h"

typedef struct csv_ctx {
    FILE *f;
    int n_rows;
} csv_ctx;

/* The header row (values NULL), then one line per row; RFC 4180 line ends. */
static int put_row(void *ctx, int n_cols, const char *const *names, const char *const *values)
{
    csv_ctx *c = ctx;
    for (int i = 0; i < n_cols; i++) {
        fputs(i ? "," : "", c->f);
        fq_office_csv_write_field(c->f, values ? values[i] : names[i]);
    }
    fputs("\r\n", c->f);
    c->n_rows += values != NULL;
    return 0;
}

static int write_csv(fq_office *o, const char *dir, const char *table, int *out_rows)
{
    char path[FQ_BUNDLE_PATH_LEN + 32], why[FQ_BUNDLE_ERR_LEN];
    snprintf(path, sizeof path, "%s/%s.csv", dir, table);
    fq_fsio_stream *out = NULL;
    if (fq_fsio_stream_open(path, &out, why, sizeof why)) {
        fprintf(stderr, "fieldqc-office export: %s\n", why);
        return -1;
    }
    csv_ctx c = {fq_fsio_stream_file(out), 0};
    /* UTF-8 byte order mark: Excel reads the file as UTF-8 (Chinese names and notes) */
    fputs("\xEF\xBB\xBF", c.f);
    if (fq_ostore_each_flat_row(o->db, table, put_row, &c)) {
        fprintf(stderr, "fieldqc-office export: %s: %s\n", table, fq_ostore_errmsg(o->db));
        fq_fsio_stream_abort(out);
        return -1;
    }
    if (fq_fsio_stream_commit(out, why, sizeof why)) {
        fprintf(stderr, "fieldqc-office export: %s\n", why);
        return -1;
    }
    *out_rows = c.n_rows;
    return 0;
}

int fq_office_cmd_export(int argc, char **argv)
{
    static const char *const names[] = {"--csv"};
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, names, 1, &args);
    if (rc)
        return rc;
    if (!args.opt[0] || args.n_pos) {
        fprintf(stderr, "usage: fieldqc-office export [--db FILE] --csv DIR\n");
        return 2;
    }
    fq_office *o = NULL;
    if (fq_office_open_with(args.db, args.photos, &o)) {
        fprintf(stderr, "fieldqc-office export: %s\n", o ? o->errmsg : "out of memory");
        fq_office_close(o);
        return 1;
    }
    if (fq_fsio_mkdirs(args.opt[0], o->errmsg, sizeof o->errmsg)) {
        fprintf(stderr, "fieldqc-office export: %s\n", o->errmsg);
        rc = 1;
    }
    for (const char *const *t = fq_ostore_flat_tables(); !rc && *t; t++) {
        int n = 0;
        if (write_csv(o, args.opt[0], *t, &n))
            rc = 1;
        else
            printf("%s/%s.csv: %d rows\n", args.opt[0], *t, n);
    }
    fq_office_close(o);
    return rc;
}
