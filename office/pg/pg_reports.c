/* Queries for reports, exports and job packs on PostgreSQL: an order's light (core/lights.h
 * on its milestones and latest count), defect totals, a device's open visits and job pack
 * rows, and the flat tables of the CSV export: the same rows, in the same order, with the
 * same text as lib/store's (device_work.c, flat_tables.c, queries.c). */
#include "pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fq_err fq_pg_defect_totals(void *h, const char *visit_uuid, int64_t out_by_severity[FQ_SEV_COUNT])
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {visit_uuid};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "defect totals",
                             "SELECT severity, sum(count) FROM defects WHERE visit_uuid = $1"
                             " GROUP BY severity",
                             1, p, &res);
    if (err)
        return err;
    int64_t totals[FQ_SEV_COUNT] = {0};
    for (int r = 0; r < PQntuples(res); r++) {
        int64_t sev = fq_pg_get_i64(res, r, 0);
        if (sev >= 0 && sev < FQ_SEV_COUNT)
            totals[sev] += fq_pg_get_i64(res, r, 1);
    }
    PQclear(res);
    memcpy(out_by_severity, totals, sizeof totals);
    return FQ_OK;
}

/* The listed ids as a PostgreSQL text array literal {"a","b"} (quotes and backslashes
 * escaped: the ids come from the database, but are not trusted); malloc'd. */
static char *id_array(const char *const *ids, size_t n)
{
    size_t cap = 3;
    for (size_t i = 0; i < n; i++)
        cap += 2 * strlen(ids[i] ? ids[i] : "") + 3;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    size_t k = 0;
    buf[k++] = '{';
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf[k++] = ',';
        buf[k++] = '"';
        for (const char *c = ids[i] ? ids[i] : ""; *c; c++) {
            if (*c == '"' || *c == '\\')
                buf[k++] = '\\';
            buf[k++] = *c;
        }
        buf[k++] = '"';
    }
    buf[k++] = '}';
    buf[k] = '\0';
    return buf;
}

/* The ids joined with their caller index (0-based) as k. */
#define IDS "unnest($1::text[]) WITH ORDINALITY AS j(id, k)"

/* The caller's index of row r (column 0), -1 when out of range. */
static long row_index(const PGresult *res, int r, size_t n)
{
    int64_t i = fq_pg_get_i64(res, r, 0) - 1;
    return i >= 0 && (size_t)i < n ? (long)i : -1;
}

/* Fills one record of size rec_size from row r of res (column 0 is the caller index). */
typedef void (*row_fill_fn)(const PGresult *res, int r, void *rec, const void *ctx);

/* Each row of res whose caller index (column 0) is in range, filled by fill into an array
 * of rec_size records; *out_idx gets each one's caller index. Both malloc'd (NULL when
 * none). */
static fq_err per_order_rows(fq_pg *pg, const PGresult *res, size_t n, size_t rec_size,
                             row_fill_fn fill, const void *ctx, void **out, long **out_idx,
                             size_t *out_n)
{
    size_t rows = (size_t)PQntuples(res);
    unsigned char *recs = rows ? calloc(rows, rec_size) : NULL;
    long *idx = rows ? calloc(rows, sizeof *idx) : NULL;
    if (rows && (!recs || !idx)) {
        free(recs);
        free(idx);
        return fq_pg_fail(pg, FQ_ERR_NOMEM, "out of memory");
    }
    size_t k = 0;
    for (size_t r = 0; r < rows; r++) {
        long i = row_index(res, (int)r, n);
        if (i < 0)
            continue;
        fill(res, (int)r, recs + k * rec_size, ctx);
        idx[k++] = i;
    }
    *out = recs;
    *out_idx = idx;
    *out_n = k;
    return FQ_OK;
}

static void fill_record(const PGresult *res, int r, void *rec, const void *ctx)
{
    fq_pg_row_to_record(ctx, res, r, 1, rec);
}

static void fill_outcome(const PGresult *res, int r, void *rec, const void *ctx)
{
    (void)ctx;
    fq_visit_outcome *vo = rec;
    vo->type = (int32_t)fq_pg_get_i64(res, r, 1);
    vo->finished = fq_pg_get_i64(res, r, 2) != 0;
    vo->verdict = (int32_t)fq_pg_get_i64(res, r, 3);
    vo->ended_utc = fq_pg_get_i64(res, r, 4);
    vo->lot_result = (int32_t)fq_pg_get_i64(res, r, 5);
    fq_pg_get_text(res, r, 6, vo->inspector, sizeof vo->inspector);
}

/* The records of ent whose order_uuid is one of the ids, by caller index then order_by;
 * *out_idx gets each record's caller index. Both malloc'd (NULL when none). */
static fq_err records_of(fq_pg *pg, fq_entity_id ent, const char *order_by, const char *ids,
                         size_t n, void **out, long **out_idx, size_t *out_n)
{
    const fq_entity *e = fq_entity_get(ent);
    char cols[2048], sql[3000];
    fq_pg_columns(e, "m.", cols, sizeof cols);
    snprintf(sql, sizeof sql,
             "SELECT j.k, %s FROM " IDS " JOIN %s m ON m.order_uuid = j.id"
             " ORDER BY j.k, m.%s, m._row",
             cols, e->table, order_by);
    const char *p[] = {ids};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, e->table, sql, 1, p, &res);
    if (err)
        return err;
    err = per_order_rows(pg, res, n, e->record_size, fill_record, e, out, out_idx, out_n);
    PQclear(res);
    return err;
}

/* What every visit of the listed orders came to (type, signed off, verdict, its AQL lot
 * result, inspector), in the order they were written: lib/store/batch.c's outcomes_of. */
static fq_err outcomes_of(fq_pg *pg, const char *ids, size_t n, fq_visit_outcome **out,
                          long **out_idx, size_t *out_n)
{
    const char *p[] = {ids};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(
        pg, "visits of orders",
        "SELECT j.k, v.type, v.finished, v.verdict, v.ended_utc,"
        " coalesce((SELECT max(a.lot_result) FROM aql_plans a WHERE a.visit_uuid = v.uuid), 0),"
        " v.inspector_name FROM " IDS " JOIN visits v ON v.order_uuid = j.id"
        " ORDER BY j.k, v._row",
        1, p, &res);
    if (err)
        return err;
    err = per_order_rows(pg, res, n, sizeof(fq_visit_outcome), fill_outcome, NULL,
                         (void **)out, out_idx, out_n);
    PQclear(res);
    return err;
}

/* The latest count per listed order: the visit that happened last; a count never touched
 * (revision 1) is not a measurement (lib/store/batch.c). has[i] says whether order i has
 * one. */
static fq_err latest_productions_of(fq_pg *pg, const char *ids, size_t n, fq_production *out,
                                    int *has)
{
    const fq_entity *e = fq_entity_get(FQ_ENT_PRODUCTION);
    char cols[2048], sql[3000];
    fq_pg_columns(e, "p.", cols, sizeof cols);
    snprintf(sql, sizeof sql,
             "SELECT DISTINCT ON (j.k) j.k, %s FROM " IDS
             " JOIN visits v ON v.order_uuid = j.id JOIN production p ON p.visit_uuid = v.uuid"
             " WHERE p.revision > 1"
             " ORDER BY j.k, greatest(v.started_utc, v.planned_utc) DESC, p.updated_utc DESC",
             cols);
    const char *p[] = {ids};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "latest production", sql, 1, p, &res);
    if (err)
        return err;
    for (int r = 0; r < PQntuples(res); r++) {
        long i = row_index(res, r, n);
        if (i < 0)
            continue;
        fq_pg_row_to_record(e, res, r, 1, &out[i]);
        has[i] = 1;
    }
    PQclear(res);
    return FQ_OK;
}

/* The facts of the listed orders as lib/store/batch.c gathers them (milestones, latest
 * count, visit outcomes, approvals, issues), in five queries, and what core decides of each
 * into out (fq_order_facts_collect). */
static fq_err each_facts(fq_pg *pg, const char *const *order_uuids, size_t n,
                         fq_order_facts_out *out)
{
    char *ids = id_array(order_uuids, n);
    fq_production *prod = calloc(n, sizeof *prod);
    int *has = calloc(n, sizeof *has);
    void *ms = NULL, *ap = NULL, *is = NULL;
    fq_visit_outcome *vo = NULL;
    long *ms_ix = NULL, *ap_ix = NULL, *is_ix = NULL, *vo_ix = NULL;
    size_t n_ms = 0, n_ap = 0, n_is = 0, n_vo = 0;
    fq_err err = ids && prod && has ? FQ_OK : fq_pg_fail(pg, FQ_ERR_NOMEM, "out of memory");
    if (!err)
        err = latest_productions_of(pg, ids, n, prod, has);
    if (!err)
        err = records_of(pg, FQ_ENT_MILESTONE, "position", ids, n, &ms, &ms_ix, &n_ms);
    if (!err)
        err = records_of(pg, FQ_ENT_APPROVAL, "created_utc", ids, n, &ap, &ap_ix, &n_ap);
    if (!err)
        err = records_of(pg, FQ_ENT_ISSUE, "created_utc", ids, n, &is, &is_ix, &n_is);
    if (!err)
        err = outcomes_of(pg, ids, n, &vo, &vo_ix, &n_vo);
    if (!err) {
        out->now_utc = fq_pg_now(pg);
        fq_order_fact_lists l = {ms, ms_ix, n_ms, ap, ap_ix, n_ap, is, is_ix, n_is,
                                 vo, vo_ix, n_vo, prod, has};
        fq_order_facts_each(&l, n, fq_order_facts_collect, out);
    }
    free(ids);
    free(prod);
    free(has);
    free(ms);
    free(ms_ix);
    free(ap);
    free(ap_ix);
    free(is);
    free(is_ix);
    free(vo);
    free(vo_ix);
    return err;
}

fq_err fq_pg_order_report(void *h, const char *order_uuid, fq_light_report *out)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    fq_order_facts_out k = {out, NULL, 0};
    return each_facts(pg, &order_uuid, 1, &k);
}

fq_err fq_pg_order_summaries(void *h, const char *const *order_uuids, size_t n,
                             fq_order_summary *out)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    fq_order_facts_out k = {NULL, out, 0};
    return n ? each_facts(pg, order_uuids, n, &k) : FQ_OK;
}

fq_err fq_pg_order_light(void *h, const char *order_uuid, fq_light_result *out)
{
    fq_light_report r;
    fq_err err = fq_pg_order_report(h, order_uuid, &r);
    if (!err)
        *out = fq_light_report_worst(&r);
    return err;
}

#define DEVICE_VISITS "SELECT uuid FROM visits WHERE assigned_device = $1 AND finished = 0"
#define DEVICE_ORDERS "SELECT order_uuid FROM visits WHERE assigned_device = $1 AND finished = 0"

static const struct work_part {
    fq_entity_id ent;
    const char *where;
} parts[] = {
    {FQ_ENT_CHECKLIST_ITEM, "$1::text IS NOT NULL"},
    {FQ_ENT_ORDER, "uuid IN (" DEVICE_ORDERS ")"},
    {FQ_ENT_MILESTONE, "order_uuid IN (" DEVICE_ORDERS ")"},
    {FQ_ENT_ISSUE, "order_uuid IN (" DEVICE_ORDERS ")"},
    {FQ_ENT_MEAS_SPEC, "order_uuid IN (" DEVICE_ORDERS ")"},
    {FQ_ENT_VISIT, "uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_FINDING, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_DEFECT, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_PRODUCTION, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_AQL_PLAN, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_CARTON, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_SIGNOFF, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_APPROVAL, "order_uuid IN (" DEVICE_ORDERS ")"},
    {FQ_ENT_MEAS_READING, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_SITE_TEST, "visit_uuid IN (" DEVICE_VISITS ")"},
};

fq_err fq_pg_count_open_visits(void *h, const char *device_id, int64_t *out)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {device_id};
    return fq_pg_query_i64(pg, "open visits", "SELECT count(*) FROM (" DEVICE_VISITS ") v", 1,
                           p, out);
}

fq_err fq_pg_each_device_work(void *h, const char *device_id, fq_change_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    int64_t seq = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        const fq_entity *e = fq_entity_get(parts[i].ent);
        char sql[1024];
        snprintf(sql, sizeof sql,
                 "SELECT uuid, revision, updated_utc, (to_jsonb(t) - '_row')::text FROM %s t"
                 " WHERE %s ORDER BY created_utc, uuid",
                 e->table, parts[i].where);
        const char *p[] = {device_id};
        PGresult *res = NULL;
        fq_err err = fq_pg_query(pg, "device work", sql, 1, p, &res);
        if (err)
            return err;
        int stop = 0;
        for (int r = 0; r < PQntuples(res) && !stop; r++) {
            fq_change c;
            c.seq = ++seq;
            c.table = e->table;
            c.uuid = PQgetvalue(res, r, 0);
            c.revision = fq_pg_get_i64(res, r, 1);
            c.op = 'I';
            c.at_utc = fq_pg_get_i64(res, r, 2);
            c.json = PQgetvalue(res, r, 3);
            stop = fn(ctx, &c);
        }
        PQclear(res);
        if (stop)
            break;
    }
    return FQ_OK;
}

/* lib/store/flat_tables.c in PostgreSQL's words (datetime(x, 'unixepoch') is to_char of
 * the UTC time, printf('%.3f') a numeric rounded to three places), the same columns, order
 * and text. */
#define VISIT_JOIN " JOIN visits v ON v.uuid = x.visit_uuid JOIN orders o ON o.uuid = v.order_uuid"
#define SEVERITY(col)                                                                          \
    " CASE " col " WHEN 1 THEN 'minor' WHEN 2 THEN 'major' WHEN 3 THEN 'critical' ELSE '' END"
#define DATETIME(col) "to_char(to_timestamp(" col ") AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
#define DATE(col) "to_char(to_timestamp(" col ") AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
/* printf('%.3f', col / 1000.0): thousandths as a decimal with three places */
#define MILLI(col) "round(" col " / 1000.0, 3)::text"

static const struct flat_table {
    const char *name;
    const char *sql;
} tables[] = {
    {"findings",
     "SELECT o.po_number, x.visit_uuid, x.section, x.text AS checkpoint,"
     " CASE x.result WHEN 1 THEN 'pass' WHEN 2 THEN 'fail' WHEN 3 THEN 'n/a' ELSE '' END AS result,"
     SEVERITY("x.severity") " AS severity, x.note, x.inspector, " DATETIME("x.updated_utc")
     " AS updated FROM findings x" VISIT_JOIN
     " ORDER BY o.po_number, x.visit_uuid, x.created_utc, x._row"},
    {"defects",
     "SELECT o.po_number, x.visit_uuid, x.code, x.description," SEVERITY("x.severity")
     " AS severity, x.count FROM defects x" VISIT_JOIN
     " ORDER BY o.po_number, x.visit_uuid, x._row"},
    {"counts",
     "SELECT o.po_number, x.visit_uuid, x.ordered, x.completed, x.packed, x.cartons,"
     " x.materials_on_site, x.packaging_on_site, x.note FROM production x" VISIT_JOIN
     " ORDER BY o.po_number, x.visit_uuid, x._row"},
    {"cartons",
     "SELECT o.po_number, x.visit_uuid, x.shipping_marks, x.qty_per_carton, x.carton_count,"
     " x.gross_g, x.net_g, x.length_mm, x.width_mm, x.height_mm, x.barcode, x.origin_label,"
     " x.drop_test FROM cartons x" VISIT_JOIN " ORDER BY o.po_number, x.visit_uuid, x._row"},
    {"measurements",
     "SELECT o.po_number, x.visit_uuid, s.size, s.point, s.description, s.unit,"
     " " MILLI("s.nominal_milli") " AS nominal, " MILLI("s.tol_minus_milli") " AS tol_minus,"
     " " MILLI("s.tol_plus_milli") " AS tol_plus, x.unit_no, " MILLI("x.value_milli") " AS value,"
     " CASE WHEN x.value_milli < s.nominal_milli - s.tol_minus_milli THEN 'below'"
     " WHEN x.value_milli > s.nominal_milli + s.tol_plus_milli THEN 'above' ELSE 'in' END"
     " AS tolerance," SEVERITY("s.severity") " AS severity_if_out,"
     " CASE x.source WHEN 1 THEN 'gauge' ELSE 'keypad' END AS entered_by"
     " FROM meas_readings x JOIN meas_specs s ON s.uuid = x.spec_uuid" VISIT_JOIN
     " ORDER BY o.po_number, x.visit_uuid, s.size, s.position, x.unit_no, x._row"},
    {"site_tests",
     "SELECT o.po_number, x.visit_uuid,"
     " CASE x.kind WHEN 0 THEN 'drop' WHEN 1 THEN 'carton_spec' WHEN 2 THEN 'barcode_scan'"
     " WHEN 3 THEN 'function' WHEN 4 THEN 'appearance' ELSE '' END AS test,"
     " x.method, x.expected, x.n_tested AS tested, x.n_failed AS failed,"
     " CASE x.result WHEN 1 THEN 'pass' WHEN 2 THEN 'fail' WHEN 3 THEN 'n/a' ELSE '' END AS result,"
     " x.findings, x.note FROM site_tests x" VISIT_JOIN
     " ORDER BY o.po_number, x.visit_uuid, x.created_utc, x._row"},
    {"issues",
     "SELECT o.po_number, x.visit_uuid, x.title, x.description," SEVERITY("x.severity")
     " AS severity, " DATE("x.opened_utc") " AS opened,"
     " CASE WHEN x.closed_utc > 0 THEN " DATE("x.closed_utc") " ELSE '' END AS closed,"
     " x.resolution_note FROM issues x JOIN orders o ON o.uuid = x.order_uuid"
     " ORDER BY o.po_number, x.opened_utc, x._row"},
};

#define MAX_COLS 16

fq_err fq_pg_each_flat_row(void *h, const char *name, fq_store_row_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const struct flat_table *t = NULL;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (!strcmp(tables[i].name, name))
            t = &tables[i];
    if (!t)
        return fq_pg_fail(pg, FQ_ERR_INVALID, "no flat table '%s'", name);
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, name, t->sql, 0, NULL, &res);
    if (err)
        return err;
    int n_cols = PQnfields(res);
    if (n_cols > MAX_COLS)
        n_cols = MAX_COLS;
    const char *names[MAX_COLS], *values[MAX_COLS];
    for (int c = 0; c < n_cols; c++)
        names[c] = PQfname(res, c);
    int stop = fn(ctx, n_cols, names, NULL);
    for (int r = 0; !stop && r < PQntuples(res); r++) {
        for (int c = 0; c < n_cols; c++)
            values[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
        stop = fn(ctx, n_cols, names, values);
    }
    PQclear(res);
    return FQ_OK;
}
