/* Read models of the Today and Order screens: the visits of this device with their orders'
 * lights, and one order's light and milestone chain. Reads only. */
#include "app_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400

#define N_PAGES 2

/* A page of rows read with their details and lights (first == SIZE_MAX: empty). */
typedef struct today_page {
    size_t first, n;
    uint64_t used; /* when last asked for, to replace the older page */
    fq_app_visit_row rows[FQ_APP_TODAY_PAGE];
} today_page;

struct fq_app_today {
    fq_store_today_key *keys;
    size_t n;
    today_page pages[N_PAGES];
    uint64_t clock;
};

fq_err fq_app_today_open(fq_app *app, fq_app_today **out)
{
    fq_app_enter(app);
    fq_app_today *t = calloc(1, sizeof *t);
    if (!t)
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    int64_t week_ago = fq_app_now(app) - 7 * DAY;
    fq_err err = fq_app_store_fail(app, fq_store_today_keys(app->store, fq_app_device_id(app),
                                                            week_ago, &t->keys, &t->n));
    for (size_t i = 0; !err && i < t->n; i++)
        if (!t->keys[i].order_found)
            err = fq_app_fail(app, FQ_ERR_NOTFOUND, "visit %s: order %s not found",
                              t->keys[i].visit_uuid, t->keys[i].order_uuid);
    if (err) {
        fq_app_today_free(t);
        return err;
    }
    for (int k = 0; k < N_PAGES; k++)
        t->pages[k].first = SIZE_MAX;
    *out = t;
    return FQ_OK;
}

fq_err fq_app_today_row(fq_app *app, fq_app_today *t, size_t i, const fq_app_visit_row **out)
{
    fq_app_enter(app);
    if (i >= t->n)
        return fq_app_fail(app, FQ_ERR_INVALID, "row %zu of %zu", i, t->n);
    size_t first = i - i % FQ_APP_TODAY_PAGE;
    today_page *pg = NULL;
    for (int k = 0; k < N_PAGES && !pg; k++)
        if (t->pages[k].first == first)
            pg = &t->pages[k];
    if (!pg) {
        pg = &t->pages[t->pages[0].used <= t->pages[1].used ? 0 : 1];
        pg->first = SIZE_MAX;
        size_t n = t->n - first < FQ_APP_TODAY_PAGE ? t->n - first : FQ_APP_TODAY_PAGE;
        fq_err err = fq_app_today_rows(app, t, first, n, pg->rows);
        if (err)
            return err;
        pg->first = first;
        pg->n = n;
    }
    pg->used = ++t->clock;
    *out = &pg->rows[i - first];
    return FQ_OK;
}

size_t fq_app_today_count(const fq_app_today *t)
{
    return t->n;
}

const char *fq_app_today_visit_uuid(const fq_app_today *t, size_t i)
{
    return i < t->n ? t->keys[i].visit_uuid : "";
}

const char *fq_app_today_order_uuid(const fq_app_today *t, size_t i)
{
    return i < t->n ? t->keys[i].order_uuid : "";
}

void fq_app_today_free(fq_app_today *t)
{
    if (!t)
        return;
    free(t->keys);
    free(t);
}

/* Which of the n records asked for is missing; n when none is. */
static size_t first_missing(const bool *found, size_t n)
{
    size_t i = 0;
    while (i < n && found[i])
        i++;
    return i;
}

fq_err fq_app_today_rows(fq_app *app, const fq_app_today *t, size_t first, size_t n,
                         fq_app_visit_row *out)
{
    fq_app_enter(app);
    if (first > t->n || n > t->n - first)
        return fq_app_fail(app, FQ_ERR_INVALID, "rows %zu..%zu of %zu", first, first + n, t->n);
    if (n == 0)
        return FQ_OK;
    const char **visit_ids = calloc(n, sizeof *visit_ids);
    const char **order_ids = calloc(n, sizeof *order_ids);
    fq_visit *visits = calloc(n, sizeof *visits);
    fq_order *orders = calloc(n, sizeof *orders);
    fq_light_report *lights = calloc(n, sizeof *lights);
    bool *found = calloc(n, sizeof *found);
    fq_err err = FQ_OK;
    if (!visit_ids || !order_ids || !visits || !orders || !lights || !found)
        err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !err && i < n; i++) {
        visit_ids[i] = t->keys[first + i].visit_uuid;
        order_ids[i] = t->keys[first + i].order_uuid;
    }
    /* three queries for the page whatever its size: one per row costs a prepare each */
    if (!err)
        err = fq_app_store_fail(
            app, fq_store_get_many(app->store, FQ_ENT_VISIT, visit_ids, n, visits, found));
    size_t miss = err ? n : first_missing(found, n);
    if (!err && miss < n)
        err = fq_app_fail(app, FQ_ERR_NOTFOUND, "visit %s not found", visit_ids[miss]);
    if (!err)
        err = fq_app_store_fail(
            app, fq_store_get_many(app->store, FQ_ENT_ORDER, order_ids, n, orders, found));
    miss = err ? n : first_missing(found, n);
    if (!err && miss < n)
        err = fq_app_fail(app, FQ_ERR_NOTFOUND, "visit %s: order %s not found",
                          visit_ids[miss], order_ids[miss]);
    if (!err)
        err = fq_app_store_fail(app, fq_store_order_reports(app->store, order_ids, n, lights));
    for (size_t i = 0; !err && i < n; i++) {
        out[i].visit = visits[i];
        out[i].order = orders[i];
        out[i].lights = lights[i];
        out[i].light = fq_light_report_worst(&lights[i]);
    }
    free(visit_ids);
    free(order_ids);
    free(visits);
    free(orders);
    free(lights);
    free(found);
    return err;
}

fq_err fq_app_today_read(fq_app *app, fq_app_visit_row **out, size_t *out_n)
{
    fq_app_today *t = NULL;
    fq_err err = fq_app_today_open(app, &t);
    if (err)
        return err;
    fq_app_visit_row *rows = t->n ? calloc(t->n, sizeof *rows) : NULL;
    if (t->n && !rows)
        err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    if (!err)
        err = fq_app_today_rows(app, t, 0, t->n, rows);
    size_t n = t->n;
    fq_app_today_free(t);
    if (err) {
        free(rows);
        return err;
    }
    *out = rows;
    *out_n = n;
    return FQ_OK;
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
