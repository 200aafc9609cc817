/* Reads over many records in one statement each. A list screen asks for hundreds of orders
 * and lights; one query per row costs a prepare each (~0.1 ms), so the ids travel as one
 * JSON array bound to a json_each() join whose `key` is the caller's index. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ["id0","id1",...] with JSON escaping; ids come from the database but are not trusted. */
static fq_err json_ids(fq_store *st, const char *const *ids, size_t n, char **out)
{
    size_t cap = 3;
    for (size_t i = 0; i < n; i++)
        cap += strlen(ids[i] ? ids[i] : "") * 6 + 3;
    char *buf = malloc(cap);
    if (!buf)
        return fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
    size_t k = 0;
    buf[k++] = '[';
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf[k++] = ',';
        buf[k++] = '"';
        for (const unsigned char *c = (const unsigned char *)(ids[i] ? ids[i] : ""); *c; c++) {
            if (*c == '"' || *c == '\\') {
                buf[k++] = '\\';
                buf[k++] = (char)*c;
            } else if (*c < 0x20) {
                k += (size_t)snprintf(buf + k, cap - k, "\\u%04x", *c);
            } else {
                buf[k++] = (char)*c;
            }
        }
        buf[k++] = '"';
    }
    buf[k++] = ']';
    buf[k] = '\0';
    *out = buf;
    return FQ_OK;
}

/* Prepares `sql` (one '?' for the JSON id array) and binds the ids. */
static fq_err prepare_with_ids(fq_store *st, const char *sql, const char *const *ids, size_t n,
                               sqlite3_stmt **out)
{
    char *json = NULL;
    fq_err err = json_ids(st, ids, n, &json);
    if (err)
        return err;
    err = fq_store_prepare(st, sql, out);
    if (!err && sqlite3_bind_text(*out, 1, json, -1, free) != SQLITE_OK) {
        sqlite3_finalize(*out);
        *out = NULL;
        return fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
    }
    if (err)
        free(json);
    return err;
}

/* The caller's index from json_each's key column; -1 when out of range (cannot happen
 * unless sqlite misbehaves, but the index addresses memory). */
static long row_index(sqlite3_stmt *stmt, size_t n)
{
    sqlite3_int64 i = sqlite3_column_int64(stmt, 0);
    return i >= 0 && (size_t)i < n ? (long)i : -1;
}

fq_err fq_store_get_many(fq_store *st, fq_entity_id ent, const char *const *uuids, size_t n,
                         void *out, bool *found)
{
    fq_store_clear_error(st);
    const fq_entity *e = fq_entity_get(ent);
    if (!e)
        return fq_store_fail(st, FQ_ERR_INVALID, "unknown entity %d", (int)ent);
    memset(found, 0, n * sizeof *found);
    if (n == 0)
        return FQ_OK;
    char cols[2048], sql[2600];
    fq_store_column_list(e, "t.", cols, sizeof cols);
    snprintf(sql, sizeof sql,
             "SELECT j.key, %s FROM json_each(?) j JOIN %s t ON t.uuid = j.value", cols,
             e->table);
    sqlite3_stmt *stmt = NULL;
    fq_err err = prepare_with_ids(st, sql, uuids, n, &stmt);
    if (err)
        return err;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        long i = row_index(stmt, n);
        if (i < 0)
            continue;
        fq_store_row_to_record(e, stmt, 1, (unsigned char *)out + (size_t)i * e->record_size);
        found[i] = true;
    }
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "get many");
    sqlite3_finalize(stmt);
    return err;
}

/* All milestones of the listed orders, ordered by caller index then position; *idx gets each
 * milestone's caller index. */
static fq_err milestones_of(fq_store *st, const char *const *order_uuids, size_t n,
                            fq_milestone **out, long **idx, size_t *out_n)
{
    const fq_entity *e = fq_entity_get(FQ_ENT_MILESTONE);
    char cols[2048], sql[2600];
    fq_store_column_list(e, "m.", cols, sizeof cols);
    snprintf(sql, sizeof sql,
             "SELECT j.key, %s FROM json_each(?) j JOIN milestones m ON m.order_uuid = j.value"
             " ORDER BY j.key, m.position",
             cols);
    sqlite3_stmt *stmt = NULL;
    fq_err err = prepare_with_ids(st, sql, order_uuids, n, &stmt);
    if (err)
        return err;
    fq_milestone *ms = NULL;
    long *ix = NULL;
    size_t k = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        long i = row_index(stmt, n);
        if (i < 0)
            continue;
        if (k == cap) {
            cap = cap ? cap * 2 : 64;
            fq_milestone *g1 = realloc(ms, cap * sizeof *ms);
            if (g1)
                ms = g1;
            long *g2 = realloc(ix, cap * sizeof *ix);
            if (g2)
                ix = g2;
            if (!g1 || !g2) {
                err = fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
                break;
            }
        }
        fq_store_row_to_record(e, stmt, 1, &ms[k]);
        ix[k++] = i;
    }
    if (!err && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "milestones of orders");
    sqlite3_finalize(stmt);
    if (err) {
        free(ms);
        free(ix);
        return err;
    }
    *out = ms;
    *idx = ix;
    *out_n = k;
    return FQ_OK;
}

/* The latest production count per listed order: "latest" = the visit that happened last; a
 * count never touched (revision 1) is not a measurement. has[i] says whether order i has
 * one. The one place this rule is written (fq_store_latest_production uses it too). */
static fq_err latest_productions_of(fq_store *st, const char *const *order_uuids, size_t n,
                                    fq_production *out, bool *has)
{
    const fq_entity *e = fq_entity_get(FQ_ENT_PRODUCTION);
    char pcols[2048], cols[2048], sql[5000];
    fq_store_column_list(e, "p.", pcols, sizeof pcols);
    fq_store_column_list(e, NULL, cols, sizeof cols);
    snprintf(sql, sizeof sql,
             "SELECT k, %s FROM (SELECT j.key AS k, %s, row_number() OVER ("
             "PARTITION BY j.key ORDER BY max(v.started_utc, v.planned_utc) DESC,"
             " p.updated_utc DESC) AS rn"
             " FROM json_each(?) j JOIN visits v ON v.order_uuid = j.value"
             " JOIN production p ON p.visit_uuid = v.uuid WHERE p.revision > 1) WHERE rn = 1",
             cols, pcols);
    sqlite3_stmt *stmt = NULL;
    fq_err err = prepare_with_ids(st, sql, order_uuids, n, &stmt);
    if (err)
        return err;
    memset(has, 0, n * sizeof *has);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        long i = row_index(stmt, n);
        if (i < 0)
            continue;
        fq_store_row_to_record(e, stmt, 1, &out[i]);
        has[i] = true;
    }
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "latest production of orders");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_latest_production(fq_store *st, const char *order_uuid, fq_production *out)
{
    fq_store_clear_error(st);
    bool has = false;
    fq_production p;
    fq_err err = latest_productions_of(st, &order_uuid, 1, &p, &has);
    if (err)
        return err;
    if (!has)
        return FQ_ERR_NOTFOUND;
    *out = p;
    return FQ_OK;
}

fq_err fq_store_order_lights(fq_store *st, const char *const *order_uuids, size_t n,
                             fq_light_result *out)
{
    fq_store_clear_error(st);
    if (n == 0)
        return FQ_OK;
    fq_production *prod = calloc(n, sizeof *prod);
    bool *has = calloc(n, sizeof *has);
    if (!prod || !has) {
        free(prod);
        free(has);
        return fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
    }
    fq_milestone *ms = NULL;
    long *idx = NULL;
    size_t n_ms = 0;
    fq_err err = latest_productions_of(st, order_uuids, n, prod, has);
    if (!err)
        err = milestones_of(st, order_uuids, n, &ms, &idx, &n_ms);
    int64_t now = fq_store_now(st);
    size_t m = 0;
    for (size_t i = 0; !err && i < n; i++) {
        size_t first = m;
        while (m < n_ms && idx[m] == (long)i)
            m++;
        out[i] = fq_light_order(m > first ? &ms[first] : NULL, m - first,
                                has[i] ? &prod[i] : NULL, now);
    }
    free(ms);
    free(idx);
    free(prod);
    free(has);
    return err;
}
