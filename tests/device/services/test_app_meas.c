/* Measurements and on-site tests in the app services (issue 20) on the demo database: the
 * grid of an order's specs judged at once; units out of tolerance kept as MEAS defects in
 * the AQL tally (one unit once, at its worst severity) and removed when corrected; a
 * caliper's reading in another unit converted; refused input stores nothing and says why;
 * sizes; nothing changes on a signed-off visit; the on-site tests and the barcode scan test's
 * count of mismatches. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model_fields.h"
#include "app_fixture.h"
#include "services/app.h"
#include "store/store.h"

#define NOW 1795255200 /* 2026-11-21 10:00 UTC */
static const char *assets;

typedef struct fixture {
    char path[1024];
    fq_app *app;
    fq_store *st;
    fq_app_visit_row visit;
} fixture;

static void open_demo(fixture *fx, const char *name)
{
    fq_test_app_open_demo(assets, name, NOW, fx->path, sizeof fx->path, &fx->app, &fx->st);
    fq_app_visit_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_today_read(fx->app, &rows, &n), FQ_OK);
    memset(&fx->visit, 0, sizeof fx->visit);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].order.po_number, "PO-24117") &&
            rows[i].visit.type == FQ_VISIT_PRE_SHIPMENT)
            fx->visit = rows[i];
    free(rows);
    assert_true(fx->visit.visit.meta.uuid[0] != '\0');
    /* readings and tests are evidence: recorded in a started visit (issue 12) */
    if (fq_app_visit_start(fx->app, fx->visit.visit.meta.uuid) != FQ_OK)
        fail_msg("start: %s", fq_app_errmsg(fx->app));
    /* the demo's own points of the mug order out of the way: each test brings its own */
    void *arr = NULL;
    assert_int_equal(fq_store_list(fx->st, FQ_ENT_MEAS_SPEC, NULL, NULL, NULL, &arr, &n), FQ_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(fq_store_delete(fx->st, FQ_ENT_MEAS_SPEC,
                                         ((const fq_meas_spec *)arr)[i].meta.uuid),
                         FQ_OK);
    free(arr);
}

/* The demo brings the mug order's points of measure (assets/demo/demo.tsv). */
static void test_demo_points(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "meas_demo.db");
    remove(path);
    fq_app_config cfg = {path, assets, NULL, "device-A", "Li Wei", 1, NOW, NULL, 0};
    fq_app *app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("open: %s", fq_app_errmsg(app));
    fq_app_visit_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_today_read(app, &rows, &n), FQ_OK);
    int seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].order.po_number, "PO-24117") ||
            rows[i].visit.type != FQ_VISIT_PRE_SHIPMENT)
            continue;
        fq_app_meas_view mv;
        assert_int_equal(fq_app_meas_read(app, rows[i].visit.meta.uuid, 0, &mv), FQ_OK);
        assert_int_equal(mv.n_points, 3);
        assert_string_equal(mv.points[0].spec.description, "Height");
        assert_int_equal(mv.points[1].spec.tol_minus_milli, 500);
        assert_string_equal(mv.points[2].spec.unit, "g");
        fq_app_meas_view_free(&mv);
        seen++;
    }
    free(rows);
    assert_int_equal(seen, 1);
    fq_app_close(app);
}

static void close_demo(fixture *fx)
{
    fq_store_close(fx->st);
    fq_app_close(fx->app);
}

static int64_t last_seq(fixture *fx)
{
    int64_t seq = -1;
    assert_int_equal(fq_store_last_seq(fx->st, &seq), FQ_OK);
    return seq;
}

/* A spec of the visit's order, as the office's job pack brings it. */
static fq_meas_spec add_spec(fixture *fx, const char *order_uuid, const char *size,
                             const char *point, const char *unit, int64_t nominal, int64_t minus,
                             int64_t plus, int32_t severity, int32_t position)
{
    fq_meas_spec s;
    memset(&s, 0, sizeof s);
    snprintf(s.order_uuid, sizeof s.order_uuid, "%s", order_uuid);
    snprintf(s.size, sizeof s.size, "%s", size);
    snprintf(s.point, sizeof s.point, "%s", point);
    snprintf(s.description, sizeof s.description, "point %s", point);
    snprintf(s.unit, sizeof s.unit, "%s", unit);
    s.nominal_milli = nominal;
    s.tol_minus_milli = minus;
    s.tol_plus_milli = plus;
    s.n_units = 5;
    s.severity = severity;
    s.position = position;
    fq_meas_spec_id(order_uuid, size, point, s.meta.uuid);
    assert_int_equal(fq_store_put_meas_spec(fx->st, &s), FQ_OK);
    return s;
}

/* The MEAS rows of the tally, as "severity:count" joined by spaces. */
static void meas_defects(fixture *fx, char *out, size_t len)
{
    void *arr = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(fx->st, FQ_ENT_DEFECT, "visit_uuid",
                                   fx->visit.visit.meta.uuid, "severity", &arr, &n),
                     FQ_OK);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const fq_defect *d = (const fq_defect *)arr + i;
        if (strcmp(d->code, FQ_APP_MEAS_DEFECT_CODE))
            continue;
        size_t used = strlen(out);
        snprintf(out + used, len - used, "%s%d:%d", used ? " " : "", (int)d->severity,
                 (int)d->count);
    }
    free(arr);
}

static void test_grid_judged_and_tallied(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "meas.db");
    const char *v = fx.visit.visit.meta.uuid;
    const char *o = fx.visit.order.meta.uuid;
    fq_meas_spec a = add_spec(&fx, o, "", "A", "cm", 52000, 1000, 1000, FQ_SEV_MAJOR, 1);
    fq_meas_spec b = add_spec(&fx, o, "", "B", "cm", 70000, 500, 1500, FQ_SEV_MINOR, 2);
    fq_app_meas_view mv;
    assert_int_equal(fq_app_meas_read(fx.app, v, 0, &mv), FQ_OK);
    assert_int_equal(mv.n_sizes, 1);
    assert_int_equal(mv.n_points, 2);
    assert_string_equal(mv.points[0].spec.point, "A");
    assert_int_equal(mv.points[0].cells[0].judgement.status, FQ_MEAS_EMPTY);
    fq_app_meas_view_free(&mv);

    fq_app_meas_cell c;
    assert_int_equal(fq_app_meas_set(fx.app, v, a.meta.uuid, 1, "52.1", FQ_MEAS_SRC_PAD, &c),
                     FQ_OK);
    assert_int_equal(c.judgement.status, FQ_MEAS_IN);
    assert_int_equal(c.reading.value_milli, 52100);
    char md[64];
    meas_defects(&fx, md, sizeof md);
    assert_string_equal(md, "");
    /* 54.2: 1.2 above 53, a major defective unit in the tally, the plan recorded with it */
    assert_int_equal(fq_app_meas_set(fx.app, v, a.meta.uuid, 3, "54.2", FQ_MEAS_SRC_PAD, &c),
                     FQ_OK);
    assert_int_equal(c.judgement.status, FQ_MEAS_ABOVE);
    assert_int_equal(c.judgement.outside_milli, 1200);
    meas_defects(&fx, md, sizeof md);
    assert_string_equal(md, "2:1");
    fq_app_aql_view av;
    assert_int_equal(fq_app_aql_read(fx.app, v, &av), FQ_OK);
    assert_true(av.plan.meta.uuid[0] != '\0');
    int found_meas = 0;
    for (size_t i = 0; i < av.n_tally; i++)
        found_meas += !strcmp(av.tally[i].code, FQ_APP_MEAS_DEFECT_CODE);
    assert_int_equal(found_meas, 1);
    fq_app_aql_view_free(&av);
    /* not counted by hand */
    int64_t before = last_seq(&fx);
    assert_int_equal(fq_app_defect_tally(fx.app, v, FQ_APP_MEAS_DEFECT_CODE, "x", FQ_SEV_MAJOR,
                                         1),
                     FQ_ERR_INVALID);
    assert_int_equal(last_seq(&fx), before);
    /* the same unit also out on a minor point: still one unit, the major */
    assert_int_equal(fq_app_meas_set(fx.app, v, b.meta.uuid, 3, "60", FQ_MEAS_SRC_PAD, NULL),
                     FQ_OK);
    meas_defects(&fx, md, sizeof md);
    assert_string_equal(md, "2:1");
    /* corrected: the major row goes, the minor one appears */
    assert_int_equal(fq_app_meas_set(fx.app, v, a.meta.uuid, 3, "52.6", FQ_MEAS_SRC_PAD, &c),
                     FQ_OK);
    assert_int_equal(c.judgement.status, FQ_MEAS_IN);
    meas_defects(&fx, md, sizeof md);
    assert_string_equal(md, "1:1");
    /* cleared: the reading and the last MEAS row go */
    assert_int_equal(fq_app_meas_set(fx.app, v, b.meta.uuid, 3, "  ", FQ_MEAS_SRC_PAD, &c),
                     FQ_OK);
    assert_int_equal(c.judgement.status, FQ_MEAS_EMPTY);
    meas_defects(&fx, md, sizeof md);
    assert_string_equal(md, "");
    /* a caliper in mm on a cm spec; on the upper limit exactly: in */
    assert_int_equal(fq_app_meas_set(fx.app, v, a.meta.uuid, 2, "530.0 mm", FQ_MEAS_SRC_GAUGE,
                                     &c),
                     FQ_OK);
    assert_int_equal(c.reading.value_milli, 53000);
    assert_int_equal(c.reading.source, FQ_MEAS_SRC_GAUGE);
    assert_int_equal(c.judgement.status, FQ_MEAS_IN);
    /* the same value again writes nothing */
    int64_t seq = last_seq(&fx);
    assert_int_equal(fq_app_meas_set(fx.app, v, a.meta.uuid, 2, "53", FQ_MEAS_SRC_GAUGE, NULL),
                     FQ_OK);
    assert_int_equal(last_seq(&fx), seq);
    /* refused: nothing stored, the reason said */
    assert_int_equal(fq_app_meas_set(fx.app, v, a.meta.uuid, 4, "abc", FQ_MEAS_SRC_PAD, NULL),
                     FQ_ERR_INVALID);
    assert_string_equal(fq_app_errmsg(fx.app), "not a number");
    assert_int_equal(fq_app_meas_set(fx.app, v, a.meta.uuid, 4, "52 kg", FQ_MEAS_SRC_PAD, NULL),
                     FQ_ERR_INVALID);
    assert_int_equal(fq_app_meas_set(fx.app, v, a.meta.uuid, 6, "52", FQ_MEAS_SRC_PAD, NULL),
                     FQ_ERR_INVALID);
    assert_int_equal(last_seq(&fx), seq);
    /* a spec of another order is not this visit's */
    void *orders = NULL;
    size_t n_orders = 0;
    assert_int_equal(fq_store_list(fx.st, FQ_ENT_ORDER, NULL, NULL, NULL, &orders, &n_orders),
                     FQ_OK);
    const fq_order *ord = orders;
    size_t k = 0;
    while (k < n_orders && !strcmp(ord[k].meta.uuid, o))
        k++;
    assert_true(k < n_orders);
    fq_meas_spec other =
        add_spec(&fx, ord[k].meta.uuid, "", "Z", "mm", 1000, 0, 0, FQ_SEV_MAJOR, 1);
    free(orders);
    seq = last_seq(&fx);
    assert_int_equal(fq_app_meas_set(fx.app, v, other.meta.uuid, 1, "1", FQ_MEAS_SRC_PAD, NULL),
                     FQ_ERR_NOTFOUND);
    assert_int_equal(last_seq(&fx), seq);
    assert_int_equal(fq_app_meas_read(fx.app, v, 0, &mv), FQ_OK);
    assert_int_equal(mv.n_readings, 3);
    assert_int_equal(mv.points[0].stats.n, 3);
    assert_int_equal(mv.points[0].stats.min_milli, 52100);
    assert_int_equal(mv.points[0].stats.max_milli, 53000);
    fq_app_meas_view_free(&mv);
    /* signed off (issue 12's rules are test_app_services' subject: the flag is set here):
     * read-only */
    fq_visit done;
    assert_int_equal(fq_store_get_visit(fx.st, v, &done), FQ_OK);
    done.finished = 1;
    done.verdict = FQ_VERDICT_PASS;
    assert_int_equal(fq_store_put_visit(fx.st, &done), FQ_OK);
    assert_int_equal(fq_app_meas_set(fx.app, v, a.meta.uuid, 4, "52", FQ_MEAS_SRC_PAD, NULL),
                     FQ_ERR_CONFLICT);
    close_demo(&fx);
}

static void test_sizes(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "meas_sizes.db");
    const char *v = fx.visit.visit.meta.uuid;
    const char *o = fx.visit.order.meta.uuid;
    add_spec(&fx, o, "M", "A", "cm", 52000, 1000, 1000, FQ_SEV_MAJOR, 1);
    add_spec(&fx, o, "M", "B", "cm", 70000, 500, 1500, FQ_SEV_MINOR, 2);
    fq_meas_spec la = add_spec(&fx, o, "L", "A", "cm", 55000, 1000, 1000, FQ_SEV_CRITICAL, 3);
    /* unit 1 of size L is another unit than unit 1 of size M */
    fq_app_meas_view mv;
    assert_int_equal(fq_app_meas_read(fx.app, v, 1, &mv), FQ_OK);
    assert_int_equal(mv.n_sizes, 2);
    assert_string_equal(mv.sizes[1], "L");
    assert_int_equal(mv.n_points, 1);
    assert_string_equal(mv.points[0].spec.meta.uuid, la.meta.uuid);
    fq_app_meas_view_free(&mv);
    assert_int_equal(fq_app_meas_set(fx.app, v, la.meta.uuid, 1, "50", FQ_MEAS_SRC_PAD, NULL),
                     FQ_OK);
    assert_int_equal(fq_app_meas_read(fx.app, v, 7, &mv), FQ_OK); /* clamped */
    assert_int_equal(mv.size_index, 1);
    assert_int_equal(mv.units_out[FQ_SEV_CRITICAL], 1);
    fq_app_meas_view_free(&mv);
    close_demo(&fx);
}

static void test_site_tests(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "site.db");
    const char *v = fx.visit.visit.meta.uuid;
    fq_site_test t;
    assert_int_equal(fq_app_site_test_add(fx.app, v, FQ_SITE_DROP, &t), FQ_OK);
    assert_true(strstr(t.method, "ISTA 1A") != NULL);
    assert_int_equal(fq_app_site_test_add(fx.app, v, FQ_SITE_KIND_COUNT, NULL), FQ_ERR_INVALID);
    t.n_tested = 10;
    t.n_failed = 11;
    int64_t seq = last_seq(&fx);
    assert_int_equal(fq_app_site_test_save(fx.app, &t, NULL), FQ_ERR_INVALID);
    assert_int_equal(last_seq(&fx), seq);
    t.n_failed = 1;
    t.result = FQ_RESULT_FAIL;
    snprintf(t.findings, sizeof t.findings, "Corner 2-3-5 crushed");
    fq_site_test stored;
    assert_int_equal(fq_app_site_test_save(fx.app, &t, &stored), FQ_OK);
    assert_int_equal(stored.n_failed, 1);
    assert_string_equal(stored.findings, "Corner 2-3-5 crushed");

    fq_site_test scan;
    assert_int_equal(fq_app_site_test_add(fx.app, v, FQ_SITE_BARCODE_SCAN, &scan), FQ_OK);
    snprintf(scan.expected, sizeof scan.expected, "4006381333931");
    assert_int_equal(fq_app_site_test_save(fx.app, &scan, NULL), FQ_OK);
    bool match = false;
    assert_int_equal(fq_app_site_test_scan(fx.app, scan.meta.uuid, " 4006381333931\r\n", &stored,
                                           &match),
                     FQ_OK);
    assert_true(match);
    assert_int_equal(stored.result, FQ_RESULT_PASS);
    assert_int_equal(fq_app_site_test_scan(fx.app, scan.meta.uuid, "5901234123457", &stored,
                                           &match),
                     FQ_OK);
    assert_false(match);
    assert_int_equal(stored.n_tested, 2);
    assert_int_equal(stored.n_failed, 1);
    assert_int_equal(stored.result, FQ_RESULT_FAIL);
    assert_string_equal(stored.findings, "label 2: 5901234123457");
    assert_int_equal(fq_app_site_test_scan(fx.app, scan.meta.uuid, "  ", NULL, NULL),
                     FQ_ERR_INVALID);
    fq_site_test *all = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_site_tests_read(fx.app, v, &all, &n), FQ_OK);
    assert_int_equal(n, 2);
    assert_int_equal(all[0].kind, FQ_SITE_DROP);
    free(all);
    assert_int_equal(fq_app_site_test_delete(fx.app, t.meta.uuid), FQ_OK);
    assert_int_equal(fq_app_site_tests_read(fx.app, v, &all, &n), FQ_OK);
    assert_int_equal(n, 1);
    free(all);
    close_demo(&fx);
}

int main(int argc, char **argv)
{
    assets = argc > 1 ? argv[1] : "assets";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_points),
        cmocka_unit_test(test_grid_judged_and_tallied),
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_site_tests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
