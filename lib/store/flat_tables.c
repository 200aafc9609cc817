/* Flat tables for spreadsheets: findings, defects, counts, cartons, measurements, on-site
 * tests and issues with the PO number and the visit on every row and the coded values spelled
 * out. Rows that tie on the order keep their insertion order (rowid), so both office backends
 * write the same file (office/pg/pg_reports.c holds the PostgreSQL words). The office writes
 * them as CSV (office/cmd_export.c); the SQL lives here. */
#include "store_internal.h"

#include <string.h>

typedef struct flat_table {
    const char *name;
    const char *sql; /* its columns become the CSV columns, named by the query */
} flat_table;

#define VISIT_JOIN " JOIN visits v ON v.uuid = x.visit_uuid JOIN orders o ON o.uuid = v.order_uuid"
#define SEVERITY(col)                                                                          \
    " CASE " col " WHEN 1 THEN 'minor' WHEN 2 THEN 'major' WHEN 3 THEN 'critical' ELSE '' END"

static const flat_table tables[] = {
    {"findings",
     "SELECT o.po_number, x.visit_uuid, x.section, x.text AS checkpoint,"
     " CASE x.result WHEN 1 THEN 'pass' WHEN 2 THEN 'fail' WHEN 3 THEN 'n/a' ELSE '' END AS result,"
     SEVERITY("x.severity") " AS severity, x.note, x.inspector,"
     " datetime(x.updated_utc, 'unixepoch') AS updated"
     " FROM findings x" VISIT_JOIN " ORDER BY o.po_number, x.visit_uuid, x.created_utc, x.rowid"},
    {"defects",
     "SELECT o.po_number, x.visit_uuid, x.code, x.description," SEVERITY("x.severity")
     " AS severity, x.count FROM defects x" VISIT_JOIN " ORDER BY o.po_number, x.visit_uuid, x.rowid"},
    {"counts",
     "SELECT o.po_number, x.visit_uuid, x.ordered, x.completed, x.packed, x.cartons,"
     " x.materials_on_site, x.packaging_on_site, x.note FROM production x" VISIT_JOIN
     " ORDER BY o.po_number, x.visit_uuid, x.rowid"},
    {"cartons",
     "SELECT o.po_number, x.visit_uuid, x.shipping_marks, x.qty_per_carton, x.carton_count,"
     " x.gross_g, x.net_g, x.length_mm, x.width_mm, x.height_mm, x.barcode, x.origin_label,"
     " x.drop_test FROM cartons x" VISIT_JOIN " ORDER BY o.po_number, x.visit_uuid, x.rowid"},
    /* issue 20: one row per reading with its spec and whether it is in tolerance (the
     * limits nominal - tol_minus .. nominal + tol_plus are inclusive, core/meas.h) */
    {"measurements",
     "SELECT o.po_number, x.visit_uuid, s.size, s.point, s.description, s.unit,"
     " printf('%.3f', s.nominal_milli / 1000.0) AS nominal,"
     " printf('%.3f', s.tol_minus_milli / 1000.0) AS tol_minus,"
     " printf('%.3f', s.tol_plus_milli / 1000.0) AS tol_plus, x.unit_no,"
     " printf('%.3f', x.value_milli / 1000.0) AS value,"
     " CASE WHEN x.value_milli < s.nominal_milli - s.tol_minus_milli THEN 'below'"
     " WHEN x.value_milli > s.nominal_milli + s.tol_plus_milli THEN 'above' ELSE 'in' END"
     " AS tolerance," SEVERITY("s.severity") " AS severity_if_out,"
     " CASE x.source WHEN 1 THEN 'gauge' ELSE 'keypad' END AS entered_by"
     " FROM meas_readings x JOIN meas_specs s ON s.uuid = x.spec_uuid" VISIT_JOIN
     " ORDER BY o.po_number, x.visit_uuid, s.size, s.position, x.unit_no, x.rowid"},
    {"site_tests",
     "SELECT o.po_number, x.visit_uuid,"
     " CASE x.kind WHEN 0 THEN 'drop' WHEN 1 THEN 'carton_spec' WHEN 2 THEN 'barcode_scan'"
     " WHEN 3 THEN 'function' WHEN 4 THEN 'appearance' ELSE '' END AS test,"
     " x.method, x.expected, x.n_tested AS tested, x.n_failed AS failed,"
     " CASE x.result WHEN 1 THEN 'pass' WHEN 2 THEN 'fail' WHEN 3 THEN 'n/a' ELSE '' END AS result,"
     " x.findings, x.note FROM site_tests x" VISIT_JOIN
     " ORDER BY o.po_number, x.visit_uuid, x.created_utc, x.rowid"},
    {"issues",
     "SELECT o.po_number, x.visit_uuid, x.title, x.description," SEVERITY("x.severity")
     " AS severity, date(x.opened_utc, 'unixepoch') AS opened,"
     " CASE WHEN x.closed_utc > 0 THEN date(x.closed_utc, 'unixepoch') ELSE '' END AS closed,"
     " x.resolution_note FROM issues x JOIN orders o ON o.uuid = x.order_uuid"
     " ORDER BY o.po_number, x.opened_utc, x.rowid"},
};

#define N_TABLES (sizeof tables / sizeof tables[0])
#define MAX_COLS 16

const char *const *fq_store_flat_tables(void)
{
    static const char *const names[N_TABLES + 1] = {"findings",     "defects",    "counts",
                                                    "cartons",      "measurements", "site_tests",
                                                    "issues",       NULL};
    return names;
}

fq_err fq_store_each_flat_row(fq_store *st, const char *name, fq_store_row_fn fn, void *ctx)
{
    fq_store_clear_error(st);
    const flat_table *t = NULL;
    for (size_t i = 0; i < N_TABLES; i++)
        if (strcmp(tables[i].name, name) == 0)
            t = &tables[i];
    if (!t)
        return fq_store_fail(st, FQ_ERR_INVALID, "no flat table '%s'", name);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, t->sql, &stmt);
    if (err)
        return err;
    int n_cols = sqlite3_column_count(stmt);
    if (n_cols > MAX_COLS)
        n_cols = MAX_COLS;
    const char *names[MAX_COLS];
    const char *values[MAX_COLS];
    for (int c = 0; c < n_cols; c++) {
        const char *col = sqlite3_column_name(stmt, c);
        names[c] = col && strncmp(col, "x.", 2) == 0 ? col + 2 : col;
    }
    int stop = fn(ctx, n_cols, names, NULL);
    int rc = SQLITE_DONE;
    while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        for (int c = 0; c < n_cols; c++)
            values[c] = (const char *)sqlite3_column_text(stmt, c);
        stop = fn(ctx, n_cols, names, values);
    }
    if (!stop && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, name);
    sqlite3_finalize(stmt);
    return err;
}
