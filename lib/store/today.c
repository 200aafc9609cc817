/* The Today list's keys: which visits of this device are on it, in its order, as small keys
 * only. A list of thousands is paged by its screen: details and lights are read for the rows
 * on show (fq_store_get_many, fq_store_order_reports), so this one query stays the only cost
 * that grows with the list. Knows nothing of lights or layout. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Open visits first, then by plan time and PO; created/rowid keep ties stable. The LEFT
 * JOIN keeps a visit whose order is missing, so the caller can say which one it is. Both
 * tables are read from covering indexes (schema v9): the planner picks visits_today itself
 * but prefers the primary key for orders, whose rows are scattered pages at scale. */
static const char today_sql[] =
    "SELECT v.uuid, v.order_uuid, o.uuid IS NOT NULL FROM visits v"
    " LEFT JOIN orders o INDEXED BY orders_po ON o.uuid = v.order_uuid"
    " WHERE v.assigned_device = ?1 AND NOT (v.finished <> 0 AND v.ended_utc < ?2)"
    " ORDER BY v.finished <> 0, v.planned_utc, o.po_number, v.created_utc, v.rowid";

static void copy_text(sqlite3_stmt *stmt, int col, char *out, size_t out_len)
{
    const unsigned char *t = sqlite3_column_text(stmt, col);
    snprintf(out, out_len, "%s", t ? (const char *)t : "");
}

fq_err fq_store_today_keys(fq_store *st, const char *device_id, int64_t finished_since_utc,
                           fq_store_today_key **out, size_t *out_n)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, today_sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, device_id ? device_id : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, finished_since_utc);
    fq_store_today_key *keys = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (n == cap) {
            size_t new_cap = cap ? cap * 2 : 64;
            fq_store_today_key *grown = NULL;
            if (new_cap <= SIZE_MAX / sizeof *keys)
                grown = realloc(keys, new_cap * sizeof *keys);
            if (!grown) {
                err = fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
                break;
            }
            keys = grown;
            cap = new_cap;
        }
        copy_text(stmt, 0, keys[n].visit_uuid, sizeof keys[n].visit_uuid);
        copy_text(stmt, 1, keys[n].order_uuid, sizeof keys[n].order_uuid);
        keys[n].order_found = sqlite3_column_int(stmt, 2) != 0;
        n++;
    }
    if (!err && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "today");
    sqlite3_finalize(stmt);
    if (err) {
        free(keys);
        return err;
    }
    *out = keys;
    *out_n = n;
    return FQ_OK;
}
