/* Visit life cycle: create with its checklist, sign off (read-only), reopen with a reason. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* True when an earlier item of the list is the same checkpoint (section and text): copies
 * several tablets once seeded with their own ids count once (migration 4 merges them). */
static int seen_before(const fq_checklist_item *items, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (!strcmp(items[k].section, items[i].section) && !strcmp(items[k].text, items[i].text))
            return 1;
    return 0;
}

static fq_err instantiate_checklist(fq_store *st, const fq_visit *v)
{
    char type_key[16];
    snprintf(type_key, sizeof type_key, "%d", (int)v->type);
    void *items = NULL;
    size_t n = 0;
    fq_err err = fq_store_list(st, FQ_ENT_CHECKLIST_ITEM, "visit_type", type_key, "position",
                               &items, &n);
    for (size_t i = 0; !err && i < n; i++) {
        const fq_checklist_item *it = (const fq_checklist_item *)items + i;
        if (seen_before(items, i))
            continue;
        fq_finding f;
        memset(&f, 0, sizeof f);
        snprintf(f.visit_uuid, sizeof f.visit_uuid, "%s", v->meta.uuid);
        snprintf(f.item_uuid, sizeof f.item_uuid, "%s", it->meta.uuid);
        snprintf(f.section, sizeof f.section, "%s", it->section);
        snprintf(f.text, sizeof f.text, "%s", it->text);
        err = fq_store_put(st, FQ_ENT_FINDING, &f);
    }
    free(items);
    return err;
}

static fq_err add_plan_and_count(fq_store *st, const fq_visit *v)
{
    fq_order order;
    fq_err err = fq_store_get(st, FQ_ENT_ORDER, v->order_uuid, &order);
    if (err)
        return err;
    fq_production p;
    memset(&p, 0, sizeof p);
    snprintf(p.visit_uuid, sizeof p.visit_uuid, "%s", v->meta.uuid);
    p.ordered = order.quantity;
    err = fq_store_put(st, FQ_ENT_PRODUCTION, &p);
    if (err)
        return err;
    fq_aql_plan a;
    memset(&a, 0, sizeof a);
    snprintf(a.visit_uuid, sizeof a.visit_uuid, "%s", v->meta.uuid);
    snprintf(a.supplier, sizeof a.supplier, "%s", order.supplier);
    snprintf(a.product, sizeof a.product, "%s", order.product);
    a.lot_size = order.quantity;
    /* the typical consumer-goods plan: level II, critical 0, major 2.5, minor 4.0 */
    a.level = 1;
    a.mode = 0;
    a.aql_milli[0] = 4000;
    a.aql_milli[1] = 2500;
    a.aql_milli[2] = FQ_AQL_ZERO_TOLERANCE;
    return fq_store_put(st, FQ_ENT_AQL_PLAN, &a);
}

fq_err fq_store_create_visit(fq_store *st, fq_visit *visit)
{
    fq_store_clear_error(st);
    if (!visit->order_uuid[0] || visit->type < 0 || visit->type >= FQ_VISIT_TYPE_COUNT)
        return fq_store_fail(st, FQ_ERR_INVALID, "a visit needs an order and a visit type");
    fq_visit v = *visit;
    fq_err err = fq_store_begin(st);
    if (err)
        return err;
    err = fq_store_put(st, FQ_ENT_VISIT, &v);
    if (!err)
        err = instantiate_checklist(st, &v);
    if (!err)
        err = add_plan_and_count(st, &v);
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    err = fq_store_commit(st);
    if (!err)
        *visit = v;
    return err;
}

fq_err fq_store_finish_visit(fq_store *st, const char *visit_uuid, int32_t verdict)
{
    fq_store_clear_error(st);
    if (verdict < 0 || verdict >= FQ_VERDICT_COUNT)
        return fq_store_fail(st, FQ_ERR_INVALID, "unknown verdict %d", (int)verdict);
    fq_visit v;
    fq_err err = fq_store_begin(st);
    if (err)
        return err;
    err = fq_store_get(st, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err && v.finished)
        err = fq_store_fail(st, FQ_ERR_CONFLICT, "visit is already signed off");
    if (!err) {
        v.verdict = verdict;
        v.ended_utc = fq_store_now(st);
        if (!v.started_utc)
            v.started_utc = v.ended_utc;
        v.finished = true;
        err = fq_store_put(st, FQ_ENT_VISIT, &v);
    }
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    return fq_store_commit(st);
}

fq_err fq_store_reopen_visit(fq_store *st, const char *visit_uuid, const char *reason)
{
    fq_store_clear_error(st);
    if (!reason || !reason[strspn(reason, " \t\r\n")])
        return fq_store_fail(st, FQ_ERR_INVALID, "reopening a signed-off visit needs a reason");
    fq_visit v;
    fq_err err = fq_store_begin(st);
    if (err)
        return err;
    err = fq_store_get(st, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err && !v.finished)
        err = fq_store_fail(st, FQ_ERR_INVALID, "visit is not signed off");
    if (!err) {
        /* The only write allowed on a finished visit: the change log keeps the reason. A
         * change of the results: their revision moves, the office's plan revision does not. */
        char sql[] = "UPDATE visits SET finished = 0, reopen_reason = ?,"
                     " result_revision = result_revision + 1,"
                     " updated_utc = ?, device_id = ?, inspector = ? WHERE uuid = ?"
                     " AND result_revision < ?";
        sqlite3_stmt *stmt = NULL;
        err = fq_store_prepare(st, sql, &stmt);
        if (!err) {
            sqlite3_bind_text(stmt, 1, reason, -1, SQLITE_STATIC);
            sqlite3_bind_int64(stmt, 2, fq_store_now(st));
            sqlite3_bind_text(stmt, 3, st->device_id, -1, SQLITE_STATIC);
            sqlite3_bind_text(stmt, 4, st->inspector, -1, SQLITE_STATIC);
            sqlite3_bind_text(stmt, 5, visit_uuid, -1, SQLITE_STATIC);
            sqlite3_bind_int64(stmt, 6, FQ_STORE_REVISION_MAX);
            int rc = sqlite3_step(stmt);
            if (rc != SQLITE_DONE)
                err = fq_store_sqlite_fail(st, rc, "reopen");
            else if (sqlite3_changes(st->db) != 1)
                err = fq_store_fail(st, FQ_ERR_INVALID, "the visit has reached the highest "
                                                        "revision and cannot change");
            sqlite3_finalize(stmt);
        }
    }
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    return fq_store_commit(st);
}
