/* Read models of the Today and Order screens: the visits of this device with their orders'
 * lights, and one order's light and milestone chain. Reads only. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400

static int visit_row_cmp(const void *a, const void *b)
{
    const fq_app_visit_row *x = a, *y = b;
    if (x->visit.finished != y->visit.finished)
        return x->visit.finished ? 1 : -1;
    if (x->visit.planned_utc != y->visit.planned_utc)
        return x->visit.planned_utc < y->visit.planned_utc ? -1 : 1;
    return strcmp(x->order.po_number, y->order.po_number);
}

fq_err fq_app_today_read(fq_app *app, fq_app_visit_row **out, size_t *out_n)
{
    fq_app_enter(app);
    void *visits = NULL;
    size_t n = 0, kept = 0;
    fq_err err =
        fq_app_store_fail(app, fq_store_list(app->store, FQ_ENT_VISIT, "assigned_device",
                                             fq_app_device_id(app), "planned_utc", &visits, &n));
    if (err)
        return err;
    fq_app_visit_row *rows = n ? calloc(n, sizeof *rows) : NULL;
    const char **order_ids = n ? calloc(n, sizeof *order_ids) : NULL;
    fq_order *orders = n ? calloc(n, sizeof *orders) : NULL;
    fq_light_report *lights = n ? calloc(n, sizeof *lights) : NULL;
    bool *found = n ? calloc(n, sizeof *found) : NULL;
    if (n && (!rows || !order_ids || !orders || !lights || !found))
        err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    int64_t week_ago = fq_app_now(app) - 7 * DAY;
    for (size_t i = 0; !err && i < n; i++) {
        const fq_visit *v = (const fq_visit *)visits + i;
        if (v->finished && v->ended_utc < week_ago)
            continue;
        rows[kept].visit = *v;
        order_ids[kept] = rows[kept].visit.order_uuid;
        kept++;
    }
    /* two queries for all rows: a per-row lookup costs a prepare each (500 rows: ~100 ms) */
    if (!err && kept)
        err = fq_app_store_fail(
            app, fq_store_get_many(app->store, FQ_ENT_ORDER, order_ids, kept, orders, found));
    if (!err && kept)
        err = fq_app_store_fail(app, fq_store_order_reports(app->store, order_ids, kept, lights));
    for (size_t i = 0; !err && i < kept; i++) {
        if (!found[i])
            err = fq_app_fail(app, FQ_ERR_NOTFOUND, "visit %s: order %s not found",
                              rows[i].visit.meta.uuid, rows[i].visit.order_uuid);
        rows[i].order = orders[i];
        rows[i].lights = lights[i];
        rows[i].light = fq_light_report_worst(&lights[i]);
    }
    free(visits);
    free(order_ids);
    free(orders);
    free(lights);
    free(found);
    if (err || !kept) {
        free(rows);
        rows = NULL;
    }
    if (!err) {
        if (kept)
            qsort(rows, kept, sizeof *rows, visit_row_cmp);
        *out = rows;
        *out_n = kept;
    }
    return err;
}

/* The order's newest visit that is started and not signed off, into out ("" when none). */
static fq_err open_visit_of(fq_app *app, const char *order_uuid, char out[FQ_UUID_LEN])
{
    void *arr = NULL;
    size_t n = 0;
    out[0] = '\0';
    fq_err err = fq_app_store_fail(app, fq_store_list(app->store, FQ_ENT_VISIT, "order_uuid",
                                                      order_uuid, NULL, &arr, &n));
    const fq_visit *vs = arr;
    int64_t newest = 0;
    for (size_t i = 0; !err && i < n; i++)
        if (vs[i].started_utc && !vs[i].finished && vs[i].started_utc >= newest) {
            newest = vs[i].started_utc;
            snprintf(out, FQ_UUID_LEN, "%s", vs[i].meta.uuid);
        }
    free(arr);
    return err;
}

fq_err fq_app_order_read(fq_app *app, const char *order_uuid, fq_app_order_view *out)
{
    fq_app_enter(app);
    fq_app_order_view v;
    memset(&v, 0, sizeof v);
    fq_store_order_facts_data facts;
    memset(&facts, 0, sizeof facts);
    fq_err err = fq_app_get(app, FQ_ENT_ORDER, order_uuid ? order_uuid : "", &v.order);
    if (!err)
        err = fq_app_store_fail(app, fq_store_order_facts(app->store, v.order.meta.uuid, &facts));
    int64_t now = fq_app_now(app);
    if (!err) {
        fq_light_order_report(&facts.facts, now, &v.lights);
        v.light = fq_light_report_worst(&v.lights);
    }
    size_t n = facts.facts.n_milestones;
    if (!err && n) {
        v.milestones = calloc(n, sizeof *v.milestones);
        if (!v.milestones)
            err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    }
    /* each checkpoint's light in the order's light: the sample approval shows the gate */
    for (size_t i = 0; !err && i < n; i++) {
        v.milestones[i].milestone = facts.milestones[i];
        v.milestones[i].light = fq_light_milestone_in(&facts.milestones[i], &facts.facts, now);
        int64_t np = 0;
        err = fq_app_store_fail(app, fq_store_count(app->store, FQ_ENT_PHOTO, "subject_uuid",
                                                    facts.milestones[i].meta.uuid, &np));
        v.milestones[i].n_photos = (int32_t)np;
    }
    v.n_milestones = n;
    if (!err)
        err = open_visit_of(app, v.order.meta.uuid, v.open_visit_uuid);
    if (!err)
        err = fq_app_approvals_of(app, v.order.meta.uuid, facts.milestones, n, &v.approvals,
                                  &v.n_approvals);
    fq_store_order_facts_free(&facts);
    if (err)
        fq_app_order_view_free(&v);
    else
        *out = v;
    return err;
}

void fq_app_order_view_free(fq_app_order_view *view)
{
    if (!view)
        return;
    free(view->milestones);
    free(view->approvals);
    memset(view, 0, sizeof *view);
}
