/* Seeding: the shipped checklists (every visit type) and the demo data, whose four orders
 * must show the stages the demo promises: on track, slipping, packaging issue, sample gate. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

#define TODAY 1795219200 /* 2026-11-21 00:00 UTC */
static const char *assets;

static int64_t clock_fn(void *ctx)
{
    (void)ctx;
    return TODAY + 10 * 3600;
}

static fq_store *seeded(const char *name)
{
    char path[1024], demo[1024], lists[1024];
    fq_test_path(path, sizeof path, name);
    remove(path);
    snprintf(demo, sizeof demo, "%s/demo/demo.tsv", assets);
    snprintf(lists, sizeof lists, "%s/checklists", assets);
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    fq_store_set_clock(st, clock_fn, NULL);
    assert_int_equal(fq_store_set_actor(st, "demo-device", "Li Wei"), FQ_OK);
    if (fq_store_seed_demo(st, demo, lists, TODAY))
        fail_msg("seed: %s", fq_store_errmsg(st));
    return st;
}

static fq_light_result light_of(fq_store *st, const char *po)
{
    void *arr = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(st, FQ_ENT_ORDER, "po_number", po, NULL, &arr, &n), FQ_OK);
    assert_int_equal(n, 1);
    fq_light_result r;
    assert_int_equal(fq_store_order_light(st, ((fq_order *)arr)->meta.uuid, &r), FQ_OK);
    free(arr);
    return r;
}

static void test_checklists_for_every_visit_type(void **state)
{
    (void)state;
    fq_store *st = seeded("lists.db");
    for (int t = 0; t < FQ_VISIT_TYPE_COUNT; t++) {
        char key[8];
        int64_t n = 0;
        snprintf(key, sizeof key, "%d", t);
        assert_int_equal(fq_store_count(st, FQ_ENT_CHECKLIST_ITEM, "visit_type", key, &n), FQ_OK);
        if (n < 4)
            fail_msg("visit type %d has only %lld checklist items", t, (long long)n);
    }
    /* seeding twice adds nothing */
    int64_t before, after;
    fq_store_count(st, FQ_ENT_CHECKLIST_ITEM, NULL, NULL, &before);
    char lists[1024];
    snprintf(lists, sizeof lists, "%s/checklists", assets);
    assert_int_equal(fq_store_seed_checklists(st, lists), FQ_OK);
    fq_store_count(st, FQ_ENT_CHECKLIST_ITEM, NULL, NULL, &after);
    assert_int_equal(before, after);
    fq_store_close(st);
}

static void test_demo_orders_at_their_stages(void **state)
{
    (void)state;
    fq_store *st = seeded("demo.db");
    int64_t n = 0;
    assert_int_equal(fq_store_count(st, FQ_ENT_ORDER, NULL, NULL, &n), FQ_OK);
    assert_true(n >= 3);
    fq_light_result r = light_of(st, "PO-24117");
    assert_int_equal(r.light, FQ_LIGHT_GREEN);
    r = light_of(st, "PO-24098");
    assert_int_equal(r.light, FQ_LIGHT_YELLOW);
    assert_non_null(strstr(r.reason, "Raw material check is 2 days past due"));
    r = light_of(st, "PO-24131");
    assert_int_equal(r.light, FQ_LIGHT_RED);
    assert_non_null(strstr(r.reason, "Packing-material readiness is 6 days past due"));
    r = light_of(st, "PO-24140");
    assert_int_equal(r.light, FQ_LIGHT_RED);
    assert_non_null(strstr(r.reason, "approved sample"));
    /* an open packaging issue on the packaging order */
    assert_int_equal(fq_store_count(st, FQ_ENT_ISSUE, "closed_utc", "0", &n), FQ_OK);
    assert_true(n >= 2);
    /* today's visits are open, with their checklists instantiated */
    void *arr = NULL;
    size_t nv = 0;
    assert_int_equal(fq_store_list(st, FQ_ENT_VISIT, "assigned_device", "demo-device",
                                   "planned_utc", &arr, &nv), FQ_OK);
    assert_true(nv >= 5);
    int open_today = 0;
    for (size_t i = 0; i < nv; i++) {
        fq_visit *v = (fq_visit *)arr + i;
        if (v->finished)
            continue;
        int64_t nf = 0;
        assert_int_equal(fq_store_count(st, FQ_ENT_FINDING, "visit_uuid", v->meta.uuid, &nf),
                         FQ_OK);
        assert_true(nf >= 4);
        open_today += v->planned_utc / 86400 == TODAY / 86400;
    }
    assert_true(open_today >= 3);
    free(arr);
    /* demo goes only into an empty database */
    char demo[1024], lists[1024];
    snprintf(demo, sizeof demo, "%s/demo/demo.tsv", assets);
    snprintf(lists, sizeof lists, "%s/checklists", assets);
    assert_int_equal(fq_store_seed_demo(st, demo, lists, TODAY), FQ_ERR_CONFLICT);
    fq_store_close(st);
}

/* The batch reads (one query for many ids) give exactly what the per-id reads give, in the
 * caller's order, with duplicates, an unknown id and an id that needs JSON escaping. */
static void test_batch_reads_match_single_reads(void **state)
{
    (void)state;
    fq_store *st = seeded("batch.db");
    /* an order whose light comes from its production count alone (packaging rule) */
    fq_order po;
    memset(&po, 0, sizeof po);
    snprintf(po.po_number, sizeof po.po_number, "PO-BATCH");
    po.quantity = 1000;
    assert_int_equal(fq_store_put(st, FQ_ENT_ORDER, &po), FQ_OK);
    fq_visit v;
    memset(&v, 0, sizeof v);
    snprintf(v.order_uuid, sizeof v.order_uuid, "%s", po.meta.uuid);
    v.type = FQ_VISIT_INLINE;
    assert_int_equal(fq_store_create_visit(st, &v), FQ_OK);
    void *parr = NULL;
    size_t pn = 0;
    assert_int_equal(fq_store_list(st, FQ_ENT_PRODUCTION, "visit_uuid", v.meta.uuid, NULL, &parr,
                                   &pn), FQ_OK);
    assert_int_equal(pn, 1);
    ((fq_production *)parr)->completed = 500;
    assert_int_equal(fq_store_put(st, FQ_ENT_PRODUCTION, parr), FQ_OK);
    free(parr);
    fq_light_result packaging;
    assert_int_equal(fq_store_order_light(st, po.meta.uuid, &packaging), FQ_OK);
    assert_int_equal(packaging.light, FQ_LIGHT_RED);
    void *arr = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(st, FQ_ENT_ORDER, NULL, NULL, NULL, &arr, &n), FQ_OK);
    assert_true(n >= 4);
    const fq_order *orders = arr;
    size_t m = n * 2 + 2;
    const char **ids = calloc(m, sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        ids[i] = orders[n - 1 - i].meta.uuid; /* reversed */
        ids[n + i] = orders[i].meta.uuid;     /* and again: duplicates */
    }
    ids[2 * n] = "no-such-order";
    ids[2 * n + 1] = "x\",\"\\\n";
    fq_light_result *lights = calloc(m, sizeof *lights);
    fq_order *got = calloc(m, sizeof *got);
    bool *found = calloc(m, sizeof *found);
    assert_int_equal(fq_store_order_lights(st, ids, m, lights), FQ_OK);
    assert_int_equal(fq_store_get_many(st, FQ_ENT_ORDER, ids, m, got, found), FQ_OK);
    int colours[FQ_LIGHT_RED + 1] = {0};
    for (size_t i = 0; i < 2 * n; i++) {
        fq_light_result one;
        assert_int_equal(fq_store_order_light(st, ids[i], &one), FQ_OK);
        assert_int_equal(lights[i].light, one.light);
        assert_string_equal(lights[i].reason, one.reason);
        colours[one.light]++;
        assert_true(found[i]);
        assert_string_equal(got[i].meta.uuid, ids[i]);
        fq_order single;
        assert_int_equal(fq_store_get(st, FQ_ENT_ORDER, ids[i], &single), FQ_OK);
        assert_string_equal(got[i].po_number, single.po_number);
    }
    /* the demo has every colour, so the comparison above covers milestones and production */
    assert_true(colours[FQ_LIGHT_GREEN] > 0 && colours[FQ_LIGHT_YELLOW] > 0 &&
                colours[FQ_LIGHT_RED] > 0);
    for (size_t i = 2 * n; i < m; i++) {
        assert_false(found[i]);
        assert_int_equal(lights[i].light, fq_light_order(NULL, 0, NULL, 0).light);
    }
    free(lights);
    free(got);
    free(found);
    free(ids);
    free(arr);
    fq_store_close(st);
}

static void test_bad_demo_line_names_the_line(void **state)
{
    (void)state;
    char path[1024], tsv[1024], lists[1024];
    fq_test_path(tsv, sizeof tsv, "bad.tsv");
    const char text[] = "# comment\norder\tPO-1\tb\ts\tf\tp\t10\t5\tproduct\nvisit\tPO-1\tbogus\t0\n";
    assert_int_equal(fq_test_write_file(tsv, text, sizeof text - 1), 0);
    fq_test_path(path, sizeof path, "bad.db");
    remove(path);
    snprintf(lists, sizeof lists, "%s/checklists", assets);
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    assert_int_equal(fq_store_seed_demo(st, tsv, lists, TODAY), FQ_ERR_CORRUPT);
    assert_non_null(strstr(fq_store_errmsg(st), "bad.tsv:3: unknown visit type"));
    int64_t n = 1;
    assert_int_equal(fq_store_count(st, FQ_ENT_ORDER, NULL, NULL, &n), FQ_OK);
    assert_int_equal(n, 0); /* all or nothing */
    fq_store_close(st);
}

int main(int argc, char **argv)
{
    assets = argc > 1 ? argv[1] : "assets";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checklists_for_every_visit_type),
        cmocka_unit_test(test_demo_orders_at_their_stages),
        cmocka_unit_test(test_batch_reads_match_single_reads),
        cmocka_unit_test(test_bad_demo_line_names_the_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
