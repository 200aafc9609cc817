/* What a device needs for its unfinished visits, as change records: the rows of the
 * office's job pack. The office decides when to send a pack (office/packs.c); which rows a
 * device's work consists of is this query. Rows go out as the same JSON the change-log
 * triggers write (without a change envelope: they are the office's state), and the device
 * applies them group by group (apply.c, FROM_OFFICE). */
#include "store_internal.h"

#include <stdio.h>

#define DEVICE_VISITS "SELECT uuid FROM visits WHERE assigned_device = ?1 AND finished = 0"
#define DEVICE_ORDERS "SELECT order_uuid FROM visits WHERE assigned_device = ?1 AND finished = 0"

typedef struct work_part {
    fq_entity_id ent;
    const char *where;
} work_part;

/* parents before children, so foreign keys hold at every step of the apply */
static const work_part parts[] = {
    {FQ_ENT_CHECKLIST_ITEM, "?1 IS NOT NULL"},
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
    /* written approvals recorded on site for these orders, from any tablet: the sample
     * gate and the Order screen count them everywhere */
    {FQ_ENT_APPROVAL, "order_uuid IN (" DEVICE_ORDERS ")"},
    {FQ_ENT_MEAS_READING, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_SITE_TEST, "visit_uuid IN (" DEVICE_VISITS ")"},
};

fq_err fq_store_count_open_visits(fq_store *st, const char *device_id, int64_t *out)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT count(*) FROM (" DEVICE_VISITS ")", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(stmt, 0);
    else
        err = fq_store_sqlite_fail(st, rc, "open visits");
    sqlite3_finalize(stmt);
    return err;
}

/* Emits one part; returns nonzero in *out_stop when fn asked to stop. */
static fq_err each_part(fq_store *st, const work_part *p, const char *device_id, int64_t *seq,
                        fq_change_fn fn, void *ctx, int *out_stop)
{
    const fq_entity *e = fq_entity_get(p->ent);
    char json[4096], sql[8192];
    fq_err err = fq_store_json_object_sql(st, e, "", json, sizeof json);
    if (err)
        return err;
    snprintf(sql, sizeof sql,
             "SELECT uuid, revision, updated_utc, %s FROM %s WHERE %s ORDER BY created_utc, uuid",
             json, e->table, p->where);
    sqlite3_stmt *stmt = NULL;
    if ((err = fq_store_prepare(st, sql, &stmt)))
        return err;
    sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_change c;
        c.seq = ++*seq;
        c.table = e->table;
        c.uuid = (const char *)sqlite3_column_text(stmt, 0);
        c.revision = sqlite3_column_int64(stmt, 1);
        c.op = 'I';
        c.at_utc = sqlite3_column_int64(stmt, 2);
        c.json = (const char *)sqlite3_column_text(stmt, 3);
        if (fn(ctx, &c)) {
            *out_stop = 1;
            break;
        }
    }
    if (!*out_stop && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "device work");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_each_device_work(fq_store *st, const char *device_id, fq_change_fn fn,
                                 void *ctx)
{
    fq_store_clear_error(st);
    int64_t seq = 0;
    int stop = 0;
    fq_err err = FQ_OK;
    for (size_t i = 0; !err && !stop && i < sizeof parts / sizeof parts[0]; i++)
        err = each_part(st, &parts[i], device_id, &seq, fn, ctx, &stop);
    return err;
}
