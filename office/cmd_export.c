/* fieldqc-office export [--db FILE] --csv DIR: findings, defects, counts (production),
 * cartons and issues as RFC 4180 CSV with a header row and the PO number and visit on every
 * line, for spreadsheets. Each file is written to a temp name and renamed. */
#include "office/commands.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "office_internal.h"

typedef struct csv_file {
    const char *name;
    const char *sql; /* columns become CSV columns; names from the query */
} csv_file;

#define VISIT_JOIN " JOIN visits v ON v.uuid = x.visit_uuid JOIN orders o ON o.uuid = v.order_uuid"

static const csv_file files[] = {
    {"findings.csv",
     "SELECT o.po_number, x.visit_uuid, x.section, x.text AS checkpoint,"
     " CASE x.result WHEN 1 THEN 'pass' WHEN 2 THEN 'fail' WHEN 3 THEN 'n/a' ELSE '' END AS result,"
     " CASE x.severity WHEN 1 THEN 'minor' WHEN 2 THEN 'major' WHEN 3 THEN 'critical' ELSE '' END"
     " AS severity, x.note, x.inspector, datetime(x.updated_utc, 'unixepoch') AS updated"
     " FROM findings x" VISIT_JOIN " ORDER BY o.po_number, x.visit_uuid, x.created_utc"},
    {"defects.csv",
     "SELECT o.po_number, x.visit_uuid, x.code, x.description,"
     " CASE x.severity WHEN 1 THEN 'minor' WHEN 2 THEN 'major' WHEN 3 THEN 'critical' ELSE '' END"
     " AS severity, x.count FROM defects x" VISIT_JOIN " ORDER BY o.po_number, x.visit_uuid"},
    {"counts.csv",
     "SELECT o.po_number, x.visit_uuid, x.ordered, x.completed, x.packed, x.cartons,"
     " x.materials_on_site, x.packaging_on_site, x.note FROM production x" VISIT_JOIN
     " ORDER BY o.po_number, x.visit_uuid"},
    {"cartons.csv",
     "SELECT o.po_number, x.visit_uuid, x.shipping_marks, x.qty_per_carton, x.carton_count,"
     " x.gross_g, x.net_g, x.length_mm, x.width_mm, x.height_mm, x.barcode, x.origin_label,"
     " x.drop_test FROM cartons x" VISIT_JOIN " ORDER BY o.po_number, x.visit_uuid"},
    {"issues.csv",
     "SELECT o.po_number, x.visit_uuid, x.title, x.description,"
     " CASE x.severity WHEN 1 THEN 'minor' WHEN 2 THEN 'major' WHEN 3 THEN 'critical' ELSE '' END"
     " AS severity, date(x.opened_utc, 'unixepoch') AS opened,"
     " CASE WHEN x.closed_utc > 0 THEN date(x.closed_utc, 'unixepoch') ELSE '' END AS closed,"
     " x.resolution_note FROM issues x JOIN orders o ON o.uuid = x.order_uuid"
     " ORDER BY o.po_number, x.opened_utc"},
};

static int write_csv(fq_office *o, const char *dir, const csv_file *cf, int *out_rows)
{
    char path[FQ_BUNDLE_PATH_LEN + 32], why[FQ_BUNDLE_ERR_LEN];
    snprintf(path, sizeof path, "%s/%s", dir, cf->name);
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(o->db, cf->sql, -1, &stmt, NULL) != SQLITE_OK) {
        fprintf(stderr, "fieldqc-office export: %s: %s\n", cf->name, sqlite3_errmsg(o->db));
        return -1;
    }
    fq_fsio_stream *out = NULL;
    if (fq_fsio_stream_open(path, &out, why, sizeof why)) {
        sqlite3_finalize(stmt);
        fprintf(stderr, "fieldqc-office export: %s\n", why);
        return -1;
    }
    FILE *f = fq_fsio_stream_file(out);
    int n_cols = sqlite3_column_count(stmt);
    for (int c = 0; c < n_cols; c++) {
        const char *name = sqlite3_column_name(stmt, c);
        fprintf(f, "%s", c ? "," : "");
        fq_office_csv_write_field(f, name && strncmp(name, "x.", 2) == 0 ? name + 2 : name);
    }
    fputs("\r\n", f);
    int n = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        for (int c = 0; c < n_cols; c++) {
            fprintf(f, "%s", c ? "," : "");
            fq_office_csv_write_field(f, (const char *)sqlite3_column_text(stmt, c));
        }
        fputs("\r\n", f);
        n++;
    }
    sqlite3_finalize(stmt);
    if (fq_fsio_stream_commit(out, why, sizeof why)) {
        fprintf(stderr, "fieldqc-office export: %s\n", why);
        return -1;
    }
    *out_rows = n;
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
    if (fq_office_open(args.db, &o)) {
        fprintf(stderr, "fieldqc-office export: %s\n", o ? o->errmsg : "out of memory");
        fq_office_close(o);
        return 1;
    }
    if (fq_fsio_mkdirs(args.opt[0], o->errmsg, sizeof o->errmsg)) {
        fprintf(stderr, "fieldqc-office export: %s\n", o->errmsg);
        rc = 1;
    }
    for (size_t i = 0; !rc && i < sizeof files / sizeof files[0]; i++) {
        int n = 0;
        if (write_csv(o, args.opt[0], &files[i], &n))
            rc = 1;
        else
            printf("%s/%s: %d rows\n", args.opt[0], files[i].name, n);
    }
    fq_office_close(o);
    return rc;
}
