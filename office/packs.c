/* What the office sends down the cable: the receipt (how far the office holds a device's
 * change log, and every photo it holds from that device) and the job pack (the device's
 * open visits with their orders, milestones, issues and per-visit records, plus the
 * checklists). Both are bundles; the device verifies and applies them (inbox.c). */
#include "office_internal.h"

#include <string.h>

#include "core/model_fields.h"

#define DEVICE_VISITS "SELECT uuid FROM visits WHERE assigned_device = ?1 AND finished = 0"
#define DEVICE_ORDERS "SELECT order_uuid FROM visits WHERE assigned_device = ?1 AND finished = 0"

typedef struct pack_part {
    fq_entity_id ent;
    const char *where;
} pack_part;

static const pack_part parts[] = {
    {FQ_ENT_CHECKLIST_ITEM, "?1 IS NOT NULL"},
    {FQ_ENT_ORDER, "uuid IN (" DEVICE_ORDERS ")"},
    {FQ_ENT_MILESTONE, "order_uuid IN (" DEVICE_ORDERS ")"},
    {FQ_ENT_ISSUE, "order_uuid IN (" DEVICE_ORDERS ")"},
    {FQ_ENT_VISIT, "uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_FINDING, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_DEFECT, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_PRODUCTION, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_AQL_PLAN, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_CARTON, "visit_uuid IN (" DEVICE_VISITS ")"},
    {FQ_ENT_SIGNOFF, "visit_uuid IN (" DEVICE_VISITS ")"},
};

/* json_object('col', col, ...) over every column of e: the same row JSON the change-log
 * triggers write, so the device applies job-pack rows exactly like synced changes. */
static void row_json_sql(const fq_entity *e, char *buf, size_t buf_len)
{
    size_t n_meta, pos = 0;
    const fq_field *meta = fq_meta_fields(&n_meta);
    pos += (size_t)snprintf(buf + pos, buf_len - pos, "json_object(");
    for (size_t i = 0; i < n_meta + e->n_fields && pos < buf_len; i++) {
        const char *col = i < n_meta ? meta[i].column : e->fields[i - n_meta].column;
        pos += (size_t)snprintf(buf + pos, buf_len - pos, "%s'%s', %s", i ? ", " : "", col, col);
    }
    if (pos < buf_len)
        snprintf(buf + pos, buf_len - pos, ")");
}

static fq_err add_part(fq_office *o, fq_bundle_writer *w, const pack_part *p,
                       const char *device_id, int64_t *seq, int64_t *n_visits)
{
    const fq_entity *e = fq_entity_get(p->ent);
    char json[4096], sql[8192];
    row_json_sql(e, json, sizeof json);
    snprintf(sql, sizeof sql,
             "SELECT uuid, revision, updated_utc, %s FROM %s WHERE %s ORDER BY created_utc, uuid",
             json, e->table, p->where);
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(o->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return fq_office_fail(o, FQ_ERR_IO, "job pack: %s", sqlite3_errmsg(o->db));
    sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
    fq_err err = FQ_OK;
    int rc;
    while (!err && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_change c;
        c.seq = ++*seq;
        c.table = e->table;
        c.uuid = (const char *)sqlite3_column_text(stmt, 0);
        c.revision = sqlite3_column_int64(stmt, 1);
        c.op = 'I';
        c.at_utc = sqlite3_column_int64(stmt, 2);
        c.json = (const char *)sqlite3_column_text(stmt, 3);
        err = fq_bundle_writer_add_record(w, &c);
        if (err)
            fq_office_fail(o, err, "job pack: %s", fq_bundle_writer_errmsg(w));
        *n_visits += p->ent == FQ_ENT_VISIT;
    }
    sqlite3_finalize(stmt);
    return err;
}

static void base_info(fq_office *o, const char *device_id, fq_bundle_kind kind,
                      fq_bundle_info *info)
{
    memset(info, 0, sizeof *info);
    info->kind = kind;
    info->created_utc = fq_store_now(o->st);
    snprintf(info->device_id, sizeof info->device_id, "%s", device_id);
    snprintf(info->office, sizeof info->office, "%s", o->name);
}

fq_err fq_office_write_jobs(fq_office *o, const char *device_id, const char *path,
                            int64_t *out_n_records)
{
    int64_t n_visits = 0;
    fq_err e = FQ_OK;
    {
        /* no open visit for this device: no job pack (checklists alone are not a job) */
        sqlite3_stmt *stmt = NULL;
        if (sqlite3_prepare_v2(o->db, "SELECT count(*) FROM (" DEVICE_VISITS ")", -1, &stmt,
                               NULL) != SQLITE_OK)
            return fq_office_fail(o, FQ_ERR_IO, "job pack: %s", sqlite3_errmsg(o->db));
        sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            n_visits = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
    }
    if (n_visits == 0) {
        *out_n_records = 0;
        return FQ_OK;
    }
    fq_bundle_info info;
    base_info(o, device_id, FQ_BUNDLE_JOBS, &info);
    fq_bundle_writer *w = NULL;
    int64_t seq = 0;
    n_visits = 0;
    e = fq_bundle_writer_new(path, &info, &w);
    if (e)
        fq_office_fail(o, e, "%s", fq_bundle_writer_errmsg(w));
    for (size_t i = 0; !e && i < sizeof parts / sizeof parts[0]; i++)
        e = add_part(o, w, &parts[i], device_id, &seq, &n_visits);
    if (!e) {
        /* the manifest range covers the synthetic positions 1..n of the job pack */
        e = fq_bundle_writer_finish(w, &info);
        if (e)
            fq_office_fail(o, e, "%s", fq_bundle_writer_errmsg(w));
    }
    fq_bundle_writer_free(w);
    if (!e)
        *out_n_records = seq;
    return e;
}

fq_err fq_office_write_receipt(fq_office *o, const char *device_id, const char *path,
                               fq_bundle_info *out_info)
{
    fq_bundle_info info;
    base_info(o, device_id, FQ_BUNDLE_RECEIPT, &info);
    fq_err e = fq_office_acked_seq(o, device_id, &info.acked_seq);
    if (e)
        return e;
    fq_bundle_writer *w = NULL;
    sqlite3_stmt *stmt = NULL;
    e = fq_bundle_writer_new(path, &info, &w);
    if (e) {
        fq_office_fail(o, e, "%s", fq_bundle_writer_errmsg(w));
        goto out;
    }
    if (sqlite3_prepare_v2(o->db, "SELECT sha256 FROM office_photos WHERE device_id = ?"
                                  " ORDER BY sha256", -1, &stmt, NULL) != SQLITE_OK) {
        e = fq_office_fail(o, FQ_ERR_IO, "receipt: %s", sqlite3_errmsg(o->db));
        goto out;
    }
    sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
    while (!e && sqlite3_step(stmt) == SQLITE_ROW)
        if ((e = fq_bundle_writer_add_ack(w, (const char *)sqlite3_column_text(stmt, 0))))
            fq_office_fail(o, e, "%s", fq_bundle_writer_errmsg(w));
    if (!e && (e = fq_bundle_writer_finish(w, &info)))
        fq_office_fail(o, e, "%s", fq_bundle_writer_errmsg(w));
out:
    sqlite3_finalize(stmt);
    fq_bundle_writer_free(w);
    if (!e && out_info)
        *out_info = info;
    return e;
}
