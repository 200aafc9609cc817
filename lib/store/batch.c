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

/* All records of `ent` whose column `col` is one of the listed orders, ordered by caller
 * index then `order_by`; *idx gets each record's caller index. */
static fq_err records_of(fq_store *st, fq_entity_id ent, const char *col, const char *order_by,
                         const char *const *order_uuids, size_t n, void **out, long **idx,
                         size_t *out_n)
{
    const fq_entity *e = fq_entity_get(ent);
    char cols[2048], sql[2600];
    fq_store_column_list(e, "m.", cols, sizeof cols);
    snprintf(sql, sizeof sql,
             "SELECT j.key, %s FROM json_each(?) j JOIN %s m ON m.%s = j.value"
             " ORDER BY j.key, m.%s, m.rowid",
             cols, e->table, col, order_by);
    sqlite3_stmt *stmt = NULL;
    fq_err err = prepare_with_ids(st, sql, order_uuids, n, &stmt);
    if (err)
        return err;
    unsigned char *recs = NULL;
    long *ix = NULL;
    size_t k = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        long i = row_index(stmt, n);
        if (i < 0)
            continue;
        if (k == cap) {
            cap = cap ? cap * 2 : 64;
            unsigned char *g1 = realloc(recs, cap * e->record_size);
            if (g1)
                recs = g1;
            long *g2 = realloc(ix, cap * sizeof *ix);
            if (g2)
                ix = g2;
            if (!g1 || !g2) {
                err = fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
                break;
            }
        }
        fq_store_row_to_record(e, stmt, 1, recs + k * e->record_size);
        ix[k++] = i;
    }
    if (!err && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "records of orders");
    sqlite3_finalize(stmt);
    if (err) {
        free(recs);
        free(ix);
        return err;
    }
    *out = recs;
    *idx = ix;
    *out_n = k;
    return FQ_OK;
}

/* What every visit of the listed orders came to (type, signed off, verdict, its AQL lot
 * result), by caller index. */
static fq_err outcomes_of(fq_store *st, const char *const *order_uuids, size_t n,
                          fq_visit_outcome **out, long **idx, size_t *out_n)
{
    static const char sql[] =
        "SELECT j.key, v.type, v.finished, v.verdict, v.ended_utc,"
        " coalesce((SELECT max(a.lot_result) FROM aql_plans a WHERE a.visit_uuid = v.uuid), 0),"
        " v.inspector_name FROM json_each(?) j JOIN visits v ON v.order_uuid = j.value ORDER BY j.key, v.rowid";
    sqlite3_stmt *stmt = NULL;
    fq_err err = prepare_with_ids(st, sql, order_uuids, n, &stmt);
    if (err)
        return err;
    fq_visit_outcome *recs = NULL;
    long *ix = NULL;
    size_t k = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        long i = row_index(stmt, n);
        if (i < 0)
            continue;
        if (k == cap) {
            cap = cap ? cap * 2 : 64;
            fq_visit_outcome *g1 = realloc(recs, cap * sizeof *recs);
            if (g1)
                recs = g1;
            long *g2 = realloc(ix, cap * sizeof *ix);
            if (g2)
                ix = g2;
            if (!g1 || !g2) {
                err = fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
                break;
            }
        }
        fq_visit_outcome *o = &recs[k];
        o->type = sqlite3_column_int(stmt, 1);
        o->finished = sqlite3_column_int(stmt, 2) != 0;
        o->verdict = sqlite3_column_int(stmt, 3);
        o->ended_utc = sqlite3_column_int64(stmt, 4);
        o->lot_result = sqlite3_column_int(stmt, 5);
        const unsigned char *who = sqlite3_column_text(stmt, 6);
        snprintf(o->inspector, sizeof o->inspector, "%s", who ? (const char *)who : "");
        ix[k++] = i;
    }
    if (!err && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "visits of orders");
    sqlite3_finalize(stmt);
    if (err) {
        free(recs);
        free(ix);
        return err;
    }
    *out = recs;
    *idx = ix;
    *out_n = k;
    return FQ_OK;
}

/* The latest production count per listed order: "latest" = the visit that happened last; a
 * count never touched (revision 1) is not a measurement. has[i] says whether order i has
 * one. The one place this rule is written (fq_store_latest_production uses it too). */
static fq_err latest_productions_of(fq_store *st, const char *const *order_uuids, size_t n,
                                    fq_production *out, int *has)
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
        has[i] = 1;
    }
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "latest production of orders");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_latest_production(fq_store *st, const char *order_uuid, fq_production *out)
{
    fq_store_clear_error(st);
    int has = 0;
    fq_production p;
    fq_err err = latest_productions_of(st, &order_uuid, 1, &p, &has);
    if (err)
        return err;
    if (!has)
        return FQ_ERR_NOTFOUND;
    *out = p;
    return FQ_OK;
}

/* Gathers the facts of the listed orders in five queries and puts what core decides of
 * each into out (fq_order_facts_collect). */
static fq_err each_facts(fq_store *st, const char *const *order_uuids, size_t n,
                         fq_order_facts_out *out)
{
    fq_production *prod = calloc(n, sizeof *prod);
    int *has = calloc(n, sizeof *has);
    if (!prod || !has) {
        free(prod);
        free(has);
        return fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
    }
    void *ms = NULL, *ap = NULL, *is = NULL;
    fq_visit_outcome *vo = NULL;
    long *ms_ix = NULL, *ap_ix = NULL, *is_ix = NULL, *vo_ix = NULL;
    size_t n_ms = 0, n_ap = 0, n_is = 0, n_vo = 0;
    fq_err err = latest_productions_of(st, order_uuids, n, prod, has);
    if (!err)
        err = records_of(st, FQ_ENT_MILESTONE, "order_uuid", "position", order_uuids, n, &ms,
                         &ms_ix, &n_ms);
    if (!err)
        err = records_of(st, FQ_ENT_APPROVAL, "order_uuid", "created_utc", order_uuids, n, &ap,
                         &ap_ix, &n_ap);
    if (!err)
        err = records_of(st, FQ_ENT_ISSUE, "order_uuid", "created_utc", order_uuids, n, &is,
                         &is_ix, &n_is);
    if (!err)
        err = outcomes_of(st, order_uuids, n, &vo, &vo_ix, &n_vo);
    if (!err) {
        out->now_utc = fq_store_now(st);
        fq_order_fact_lists l = {ms, ms_ix, n_ms, ap, ap_ix, n_ap, is, is_ix, n_is,
                                 vo, vo_ix, n_vo, prod, has};
        fq_order_facts_each(&l, n, fq_order_facts_collect, out);
    }
    free(ms);
    free(ms_ix);
    free(ap);
    free(ap_ix);
    free(is);
    free(is_ix);
    free(vo);
    free(vo_ix);
    free(prod);
    free(has);
    return err;
}

fq_err fq_store_order_reports(fq_store *st, const char *const *order_uuids, size_t n,
                              fq_light_report *out)
{
    fq_store_clear_error(st);
    fq_order_facts_out k = {out, NULL, 0};
    return n ? each_facts(st, order_uuids, n, &k) : FQ_OK;
}

fq_err fq_store_order_summaries(fq_store *st, const char *const *order_uuids, size_t n,
                                fq_order_summary *out)
{
    fq_store_clear_error(st);
    fq_order_facts_out k = {NULL, out, 0};
    return n ? each_facts(st, order_uuids, n, &k) : FQ_OK;
}

fq_err fq_store_order_lights(fq_store *st, const char *const *order_uuids, size_t n,
                             fq_light_result *out)
{
    fq_store_clear_error(st);
    if (n == 0)
        return FQ_OK;
    fq_light_report *r = calloc(n, sizeof *r);
    if (!r)
        return fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
    fq_err err = fq_store_order_reports(st, order_uuids, n, r);
    for (size_t i = 0; !err && i < n; i++)
        out[i] = fq_light_report_worst(&r[i]);
    free(r);
    return err;
}

fq_err fq_store_order_report(fq_store *st, const char *order_uuid, fq_light_report *out)
{
    return fq_store_order_reports(st, &order_uuid, 1, out);
}

fq_err fq_store_order_facts(fq_store *st, const char *order_uuid, fq_store_order_facts_data *out)
{
    fq_store_clear_error(st);
    memset(out, 0, sizeof *out);
    long *ix[4] = {NULL, NULL, NULL, NULL};
    void *ms = NULL, *ap = NULL, *is = NULL;
    fq_visit_outcome *vo = NULL;
    size_t n_ms = 0, n_ap = 0, n_is = 0, n_vo = 0;
    int has = 0;
    fq_err err = latest_productions_of(st, &order_uuid, 1, &out->production, &has);
    if (!err)
        err = records_of(st, FQ_ENT_MILESTONE, "order_uuid", "position", &order_uuid, 1, &ms,
                         &ix[0], &n_ms);
    if (!err)
        err = records_of(st, FQ_ENT_APPROVAL, "order_uuid", "created_utc", &order_uuid, 1, &ap,
                         &ix[1], &n_ap);
    if (!err)
        err = records_of(st, FQ_ENT_ISSUE, "order_uuid", "created_utc", &order_uuid, 1, &is,
                         &ix[2], &n_is);
    if (!err)
        err = outcomes_of(st, &order_uuid, 1, &vo, &ix[3], &n_vo);
    for (int k = 0; k < 4; k++)
        free(ix[k]);
    if (err) {
        free(ms);
        free(ap);
        free(is);
        free(vo);
        return err;
    }
    out->milestones = ms;
    out->approvals = ap;
    out->issues = is;
    out->visits = vo;
    out->facts.milestones = ms;
    out->facts.n_milestones = n_ms;
    out->facts.approvals = ap;
    out->facts.n_approvals = n_ap;
    out->facts.issues = is;
    out->facts.n_issues = n_is;
    out->facts.visits = vo;
    out->facts.n_visits = n_vo;
    out->facts.latest_production = has ? &out->production : NULL;
    return FQ_OK;
}

void fq_store_order_facts_free(fq_store_order_facts_data *d)
{
    if (!d)
        return;
    free(d->milestones);
    free(d->approvals);
    free(d->issues);
    free(d->visits);
    memset(d, 0, sizeof *d);
}
