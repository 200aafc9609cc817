/* The Today read model paged (issue 18) on the demo database with 40 more visits: the list
 * keeps the old rules (this device's visits, open first by planned time then PO, the signed
 * off ones of the last 7 days, older ones left out) checked against a sort done here, and
 * each row read through the page cache, in any order, is the row fq_app_today_read gives. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_fixture.h"
#include "services/app.h"
#include "store/store.h"

#define NOW 1795255200 /* 2026-11-21 10:00 UTC */
#define DAY 86400
#define N_EXTRA 40
static const char *assets;

/* Open before signed off, then planned time, then PO: Today's documented order. */
static int today_cmp(const void *a, const void *b)
{
    const fq_app_visit_row *x = a, *y = b;
    if (x->visit.finished != y->visit.finished)
        return x->visit.finished ? 1 : -1;
    if (x->visit.planned_utc != y->visit.planned_utc)
        return x->visit.planned_utc < y->visit.planned_utc ? -1 : 1;
    return strcmp(x->order.po_number, y->order.po_number);
}

/* 40 orders with a visit each for this device: planned times with ties (the PO decides),
 * every fifth signed off 2 days ago, every seventh signed off 30 days ago. */
static void add_visits(fq_store *st, const char *device)
{
    for (int i = 0; i < N_EXTRA; i++) {
        fq_order o;
        memset(&o, 0, sizeof o);
        snprintf(o.po_number, sizeof o.po_number, "PO-T%02d", (i * 17) % N_EXTRA);
        snprintf(o.buyer, sizeof o.buyer, "Buyer");
        snprintf(o.supplier, sizeof o.supplier, "Supplier");
        snprintf(o.factory, sizeof o.factory, "Factory %d", i);
        snprintf(o.product, sizeof o.product, "Product %d", i);
        o.quantity = 100;
        o.ship_date_utc = NOW + 20 * DAY;
        assert_int_equal(fq_store_put(st, FQ_ENT_ORDER, &o), FQ_OK);
        fq_visit v;
        memset(&v, 0, sizeof v);
        snprintf(v.order_uuid, sizeof v.order_uuid, "%s", o.meta.uuid);
        snprintf(v.assigned_device, sizeof v.assigned_device, "%s", device);
        v.planned_utc = NOW + (int64_t)(i % 4) * 3600;
        if (i % 5 == 0 || i % 7 == 0) {
            v.started_utc = NOW - 40 * DAY;
            v.finished = true;
            v.ended_utc = NOW - (i % 5 == 0 ? 2 : 30) * DAY;
            v.verdict = FQ_VERDICT_PASS;
        }
        assert_int_equal(fq_store_put(st, FQ_ENT_VISIT, &v), FQ_OK);
    }
}

static void test_pages_match_the_whole_list(void **state)
{
    (void)state;
    char path[1024];
    fq_app *app = NULL;
    fq_store *st = NULL;
    fq_test_app_open_demo(assets, "today_paged.db", NOW, path, sizeof path, &app, &st);
    add_visits(st, fq_app_device_id(app));

    fq_app_visit_row *all = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_today_read(app, &all, &n), FQ_OK);
    /* 40 added, those signed off 30 days ago (i % 7 == 0 and not i % 5 == 0) left out */
    size_t n_old = 0;
    for (int i = 0; i < N_EXTRA; i++)
        n_old += i % 7 == 0 && i % 5 != 0;
    size_t n_bench = 0;
    for (size_t i = 0; i < n; i++) {
        n_bench += !strncmp(all[i].order.po_number, "PO-T", 4);
        assert_false(all[i].visit.finished && all[i].visit.ended_utc < NOW - 7 * DAY);
    }
    assert_int_equal(n_bench, N_EXTRA - n_old);
    assert_true(n > 2 * FQ_APP_TODAY_PAGE); /* rows on three pages at least */
    fq_app_visit_row *sorted = malloc(n * sizeof *sorted);
    memcpy(sorted, all, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, today_cmp);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(today_cmp(&sorted[i], &all[i]), 0);

    fq_app_today *t = NULL;
    assert_int_equal(fq_app_today_open(app, &t), FQ_OK);
    assert_int_equal(fq_app_today_count(t), n);
    /* rows asked for out of order (a finger scrolling both ways), across page ends */
    for (size_t k = 0; k < 3 * n; k++) {
        size_t i = (k * 7 + k / n) % n;
        const fq_app_visit_row *r = NULL;
        assert_int_equal(fq_app_today_row(app, t, i, &r), FQ_OK);
        assert_string_equal(r->visit.meta.uuid, all[i].visit.meta.uuid);
        assert_string_equal(fq_app_today_visit_uuid(t, i), all[i].visit.meta.uuid);
        assert_string_equal(fq_app_today_order_uuid(t, i), all[i].order.meta.uuid);
        assert_string_equal(r->order.po_number, all[i].order.po_number);
        assert_int_equal(r->light.light, all[i].light.light);
        assert_int_equal(r->lights.n_reasons, all[i].lights.n_reasons);
        if (r->lights.n_reasons)
            assert_string_equal(r->lights.reasons[0].reason, all[i].lights.reasons[0].reason);
    }
    const fq_app_visit_row *r = NULL;
    assert_int_equal(fq_app_today_row(app, t, n, &r), FQ_ERR_INVALID);
    fq_app_visit_row page[4];
    assert_int_equal(fq_app_today_rows(app, t, n - 2, 4, page), FQ_ERR_INVALID);
    assert_int_equal(fq_app_today_rows(app, t, n - 4, 4, page), FQ_OK);
    assert_string_equal(page[3].visit.meta.uuid, all[n - 1].visit.meta.uuid);
    fq_app_today_free(t);
    free(sorted);
    free(all);
    fq_store_close(st);
    fq_app_close(app);
}

int main(int argc, char **argv)
{
    assets = argc > 1 ? argv[1] : "assets";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages_match_the_whole_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
