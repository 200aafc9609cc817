/* Read-only queries that screens and reports need beyond plain lists. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fq_err fq_store_defect_totals(fq_store *st, const char *visit_uuid,
                              int64_t out_by_severity[FQ_SEV_COUNT])
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(
        st, "SELECT severity, sum(count) FROM defects WHERE visit_uuid = ? GROUP BY severity",
        &stmt);
    if (err)
        return err;
    int64_t totals[FQ_SEV_COUNT] = {0};
    sqlite3_bind_text(stmt, 1, visit_uuid, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int sev = sqlite3_column_int(stmt, 0);
        if (sev >= 0 && sev < FQ_SEV_COUNT)
            totals[sev] += sqlite3_column_int64(stmt, 1);
    }
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "defect totals");
    sqlite3_finalize(stmt);
    if (!err)
        memcpy(out_by_severity, totals, sizeof totals);
    return err;
}

fq_err fq_store_order_light(fq_store *st, const char *order_uuid, fq_light_result *out)
{
    fq_light_report r;
    fq_err err = fq_store_order_report(st, order_uuid, &r);
    if (!err)
        *out = fq_light_report_worst(&r);
    return err;
}

fq_err fq_store_lot_history(fq_store *st, const char *supplier, const char *product,
                            const char *exclude_visit_uuid, fq_store_lot **out, size_t *out_n)
{
    fq_store_clear_error(st);
    const fq_entity *e = fq_entity_get(FQ_ENT_AQL_PLAN);
    char cols[2048], sql[3000];
    fq_store_column_list(e, "a.", cols, sizeof cols);
    /* defects per severity ride along: the switching score (9.3.3.2) needs the counts */
    snprintf(sql, sizeof sql,
             "SELECT %s,"
             " (SELECT coalesce(sum(count), 0) FROM defects d"
             "   WHERE d.visit_uuid = a.visit_uuid AND d.severity = %d),"
             " (SELECT coalesce(sum(count), 0) FROM defects d"
             "   WHERE d.visit_uuid = a.visit_uuid AND d.severity = %d),"
             " (SELECT coalesce(sum(count), 0) FROM defects d"
             "   WHERE d.visit_uuid = a.visit_uuid AND d.severity = %d)"
             " FROM aql_plans a JOIN visits v ON v.uuid = a.visit_uuid"
             " WHERE a.supplier = ? AND a.product = ? AND a.lot_result IN (1, 2)"
             " AND a.visit_uuid <> ?"
             " ORDER BY max(v.ended_utc, v.started_utc, v.planned_utc), a.created_utc",
             cols, FQ_SEV_MINOR, FQ_SEV_MAJOR, FQ_SEV_CRITICAL);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, supplier, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, product, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, exclude_visit_uuid ? exclude_visit_uuid : "", -1, SQLITE_STATIC);
    int ncols = sqlite3_column_count(stmt);
    fq_store_lot *arr = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (n == cap) {
            size_t new_cap = cap ? cap * 2 : 16;
            fq_store_lot *grown = realloc(arr, new_cap * sizeof *arr);
            if (!grown) {
                err = fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
                break;
            }
            arr = grown;
            cap = new_cap;
        }
        memset(&arr[n], 0, sizeof arr[n]);
        fq_store_row_to_record(e, stmt, 0, &arr[n].plan);
        for (int k = 0; k < 3; k++)
            arr[n].found[FQ_SEV_MINOR + k] = sqlite3_column_int64(stmt, ncols - 3 + k);
        n++;
    }
    if (!err && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "lot history");
    sqlite3_finalize(stmt);
    if (err) {
        free(arr);
        return err;
    }
    *out = arr;
    *out_n = n;
    return FQ_OK;
}
