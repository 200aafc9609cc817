/* The Measurements step and the on-site tests (issue 20). A visit's grid is its order's
 * measurement specs (office-owned, from the job pack) x sample units; each reading is judged
 * by core/meas.h and the units out of tolerance are kept in the AQL tally as defects of
 * code FQ_APP_MEAS_DEFECT_CODE, one row per severity, in the same transaction as the reading
 * (and removed when corrected). The on-site tests are records of the visit with their
 * method, counts, result and findings; the barcode scan test counts each scanned label. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"

/* The order's specs in sheet order and the visit's readings. */
static fq_err load(fq_app *app, const char *visit_uuid, fq_visit *v, fq_meas_spec **specs,
                   size_t *n_specs, fq_meas_reading **readings, size_t *n_readings)
{
    *specs = NULL;
    *readings = NULL;
    *n_specs = *n_readings = 0;
    fq_err err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, v);
    void *a = NULL;
    if (!err)
        err = fq_app_store_fail(app, fq_store_list(app->store, FQ_ENT_MEAS_SPEC, "order_uuid",
                                                   v->order_uuid, "position", &a, n_specs));
    *specs = a;
    a = NULL;
    if (!err)
        err = fq_app_list_of_visit(app, FQ_ENT_MEAS_READING, visit_uuid, &a, n_readings);
    *readings = a;
    if (err) {
        free(*specs);
        free(*readings);
        *specs = NULL;
        *readings = NULL;
    }
    return err;
}

fq_err fq_app_meas_read(fq_app *app, const char *visit_uuid, int size_index,
                        fq_app_meas_view *out)
{
    fq_app_enter(app);
    fq_visit v;
    fq_meas_spec *specs;
    fq_meas_reading *rd;
    size_t n_specs, n_rd;
    fq_err err = load(app, visit_uuid, &v, &specs, &n_specs, &rd, &n_rd);
    if (err)
        return err;
    fq_app_meas_view view;
    memset(&view, 0, sizeof view);
    for (size_t i = 0; i < n_specs; i++) {
        int known = 0;
        for (int k = 0; k < view.n_sizes && !known; k++)
            known = !strcmp(view.sizes[k], specs[i].size);
        if (!known && view.n_sizes < FQ_APP_MEAS_SIZES_MAX)
            snprintf(view.sizes[view.n_sizes++], FQ_SHORT_LEN, "%s", specs[i].size);
    }
    view.size_index = size_index < 0 ? 0 : size_index >= view.n_sizes ? view.n_sizes - 1
                                                                      : size_index;
    if (view.size_index < 0)
        view.size_index = 0;
    fq_meas_defectives(specs, n_specs, rd, n_rd, view.units_out);
    view.n_readings = (int32_t)n_rd;
    void *ph_arr = NULL;
    size_t n_ph = 0;
    err = fq_app_list_of_visit(app, FQ_ENT_PHOTO, visit_uuid, &ph_arr, &n_ph);
    const fq_photo *ph = ph_arr;
    view.points = !err && n_specs ? calloc(n_specs, sizeof *view.points) : NULL;
    if (!err && n_specs && !view.points)
        err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !err && i < n_specs; i++) {
        if (strcmp(specs[i].size, view.sizes[view.size_index]))
            continue;
        fq_app_meas_point *p = &view.points[view.n_points++];
        p->spec = specs[i];
        int64_t values[FQ_MEAS_UNITS_MAX];
        size_t n_values = 0;
        for (size_t k = 0; k < n_rd; k++) {
            int32_t u = rd[k].unit_no;
            if (strcmp(rd[k].spec_uuid, specs[i].meta.uuid) || u < 1 || u > specs[i].n_units)
                continue;
            p->cells[u - 1].reading = rd[k];
            p->cells[u - 1].judgement = fq_meas_judge(&specs[i], rd[k].value_milli);
            values[n_values++] = rd[k].value_milli;
        }
        fq_meas_point_stats(&specs[i], values, n_values, &p->stats);
        for (size_t k = 0; k < n_ph; k++)
            p->n_photos += ph[k].subject_kind == FQ_SUBJ_MEAS_POINT &&
                           !strcmp(ph[k].subject_uuid, specs[i].meta.uuid);
    }
    free(ph_arr);
    free(specs);
    free(rd);
    if (err) {
        free(view.points);
        return err;
    }
    if (!view.n_points) {
        free(view.points);
        view.points = NULL;
    }
    *out = view;
    return FQ_OK;
}

void fq_app_meas_view_free(fq_app_meas_view *view)
{
    if (!view)
        return;
    free(view->points);
    memset(view, 0, sizeof *view);
}

/* In the command's transaction: the MEAS defect rows equal to the defective units now;
 * *out_changed when a row was written or removed. */
static fq_err sync_defects(fq_app *app, const char *visit_uuid, bool *out_changed)
{
    fq_visit v;
    fq_meas_spec *specs;
    fq_meas_reading *rd;
    size_t n_specs, n_rd;
    fq_err err = load(app, visit_uuid, &v, &specs, &n_specs, &rd, &n_rd);
    if (err)
        return err;
    int32_t units[FQ_SEV_COUNT];
    fq_meas_defectives(specs, n_specs, rd, n_rd, units);
    free(specs);
    free(rd);
    void *arr = NULL;
    size_t n = 0;
    err = fq_app_list_of_visit(app, FQ_ENT_DEFECT, visit_uuid, &arr, &n);
    for (int32_t sev = FQ_SEV_MINOR; !err && sev <= FQ_SEV_CRITICAL; sev++) {
        fq_defect d;
        memset(&d, 0, sizeof d);
        for (size_t i = 0; i < n; i++) {
            const fq_defect *x = (const fq_defect *)arr + i;
            if (x->severity == sev && !strcmp(x->code, FQ_APP_MEAS_DEFECT_CODE))
                d = *x;
        }
        if (units[sev] == 0 && d.meta.uuid[0]) {
            err = fq_app_store_fail(app, fq_store_delete(app->store, FQ_ENT_DEFECT, d.meta.uuid));
            if (!err)
                fq_app_note_write(app, FQ_ENT_DEFECT, &d.meta);
            *out_changed = true;
        } else if (units[sev] > 0 && d.count != units[sev]) {
            snprintf(d.visit_uuid, sizeof d.visit_uuid, "%s", visit_uuid);
            snprintf(d.code, sizeof d.code, "%s", FQ_APP_MEAS_DEFECT_CODE);
            snprintf(d.description, sizeof d.description, "Measurement out of tolerance");
            d.severity = sev;
            d.count = units[sev];
            err = fq_app_put(app, FQ_ENT_DEFECT, &d);
            *out_changed = true;
        }
    }
    free(arr);
    return err;
}

/* The reading of (visit, spec, unit) into *out; FQ_ERR_NOTFOUND (no reason) when empty. */
static fq_err find_reading(fq_app *app, const char *visit_uuid, const char *spec_uuid,
                           int32_t unit_no, fq_meas_reading *out)
{
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_list_of_visit(app, FQ_ENT_MEAS_READING, visit_uuid, &arr, &n);
    if (err)
        return err;
    err = FQ_ERR_NOTFOUND;
    for (size_t i = 0; i < n; i++) {
        const fq_meas_reading *r = (const fq_meas_reading *)arr + i;
        if (r->unit_no == unit_no && !strcmp(r->spec_uuid, spec_uuid)) {
            *out = *r;
            err = FQ_OK;
            break;
        }
    }
    free(arr);
    return err;
}

static fq_err set_reading(fq_app *app, const fq_visit *v, const fq_meas_spec *spec,
                          int32_t unit_no, const char *text, fq_meas_source source,
                          fq_app_meas_cell *cell)
{
    fq_meas_reading r;
    memset(&r, 0, sizeof r);
    fq_err err = find_reading(app, v->meta.uuid, spec->meta.uuid, unit_no, &r);
    bool held = err == FQ_OK;
    if (err && err != FQ_ERR_NOTFOUND)
        return err;
    memset(cell, 0, sizeof *cell);
    if (fq_app_blank(text)) {
        if (!held)
            return FQ_OK;
        err = fq_app_store_fail(app, fq_store_delete(app->store, FQ_ENT_MEAS_READING,
                                                     r.meta.uuid));
        if (!err)
            fq_app_note_write(app, FQ_ENT_MEAS_READING, &r.meta);
        return err;
    }
    int64_t value;
    char msg[FQ_MEAS_MSG_LEN];
    if (fq_meas_parse(text, spec->unit, &value, msg, sizeof msg))
        return fq_app_fail(app, FQ_ERR_INVALID, "%s", msg);
    if (!held) {
        snprintf(r.visit_uuid, sizeof r.visit_uuid, "%s", v->meta.uuid);
        snprintf(r.spec_uuid, sizeof r.spec_uuid, "%s", spec->meta.uuid);
        r.unit_no = unit_no;
    }
    r.value_milli = value;
    r.source = (int32_t)source;
    err = fq_app_put(app, FQ_ENT_MEAS_READING, &r);
    if (!err) {
        cell->reading = r;
        cell->judgement = fq_meas_judge(spec, value);
    }
    return err;
}

fq_err fq_app_meas_set(fq_app *app, const char *visit_uuid, const char *spec_uuid,
                       int32_t unit_no, const char *text, fq_meas_source source,
                       fq_app_meas_cell *out_cell)
{
    fq_app_enter(app);
    fq_visit v;
    fq_meas_spec spec;
    fq_err err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err)
        err = fq_app_get(app, FQ_ENT_MEAS_SPEC, spec_uuid, &spec);
    if (err)
        return err;
    if (strcmp(spec.order_uuid, v.order_uuid))
        return fq_app_fail(app, FQ_ERR_NOTFOUND, "point %s is not one of this order's", spec.point);
    if (unit_no < 1 || unit_no > spec.n_units)
        return fq_app_fail(app, FQ_ERR_INVALID, "point %s is measured on units 1 to %d",
                           spec.point, (int)spec.n_units);
    if (v.finished)
        return fq_app_fail(app, FQ_ERR_CONFLICT, "the visit is signed off: reopen it first");
    err = fq_app_begin(app);
    if (err)
        return err;
    fq_aql_plan plan;
    fq_app_meas_cell cell;
    bool defects_changed = false;
    err = fq_app_aql_plan_of(app, visit_uuid, &plan, NULL);
    if (!err)
        err = set_reading(app, &v, &spec, unit_no, text, source, &cell);
    if (!err)
        err = sync_defects(app, visit_uuid, &defects_changed);
    if (!err && (defects_changed || plan.meta.uuid[0]))
        err = fq_app_aql_store_plan(app, &plan);
    err = fq_app_end(app, err);
    if (!err && out_cell)
        *out_cell = cell;
    return err;
}

/* ---- on-site tests ---- */

fq_err fq_app_site_tests_read(fq_app *app, const char *visit_uuid, fq_site_test **out,
                              size_t *out_n)
{
    fq_app_enter(app);
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_list_of_visit(app, FQ_ENT_SITE_TEST, visit_uuid, &arr, &n);
    if (err)
        return err;
    *out = arr;
    *out_n = n;
    return FQ_OK;
}

static const char *const DEFAULT_METHOD[FQ_SITE_KIND_COUNT] = {
    "ISTA 1A: 10 drops from 76 cm (1 corner, 3 edges, 6 faces)",
    "Scale and tape on the cartons drawn",
    "Every carton label scanned",
    "Each function operated for 1 minute",
    "Compared with the approved sample under D65 light at 1 m",
};

fq_err fq_app_site_test_add(fq_app *app, const char *visit_uuid, int32_t kind,
                            fq_site_test *out)
{
    fq_app_enter(app);
    if (kind < 0 || kind >= FQ_SITE_KIND_COUNT)
        return fq_app_fail(app, FQ_ERR_INVALID, "unknown test");
    fq_site_test t;
    memset(&t, 0, sizeof t);
    fq_visit v;
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err) {
        snprintf(t.visit_uuid, sizeof t.visit_uuid, "%s", visit_uuid);
        t.kind = kind;
        snprintf(t.method, sizeof t.method, "%s", DEFAULT_METHOD[kind]);
        fq_carton c;
        if (kind == FQ_SITE_BARCODE_SCAN &&
            fq_app_one_of_visit(app, FQ_ENT_CARTON, visit_uuid, &c) == FQ_OK)
            snprintf(t.expected, sizeof t.expected, "%s", c.barcode);
        err = fq_app_put(app, FQ_ENT_SITE_TEST, &t);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = t;
    return err;
}

fq_err fq_app_site_test_save(fq_app *app, const fq_site_test *test, fq_site_test *out)
{
    fq_app_enter(app);
    if (!test)
        return fq_app_fail(app, FQ_ERR_INVALID, "no test");
    if (test->n_tested < 0 || test->n_failed < 0)
        return fq_app_fail(app, FQ_ERR_INVALID, "counts cannot be negative");
    if (test->n_failed > test->n_tested)
        return fq_app_fail(app, FQ_ERR_INVALID, "more failed (%lld) than tested (%lld)",
                           (long long)test->n_failed, (long long)test->n_tested);
    if (test->result < FQ_RESULT_UNSET || test->result > FQ_RESULT_NA)
        return fq_app_fail(app, FQ_ERR_INVALID, "unknown result");
    fq_site_test t;
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_SITE_TEST, test->meta.uuid, &t);
    if (!err) {
        snprintf(t.method, sizeof t.method, "%s", test->method);
        snprintf(t.expected, sizeof t.expected, "%s", test->expected);
        t.n_tested = test->n_tested;
        t.n_failed = test->n_failed;
        t.result = test->result;
        snprintf(t.findings, sizeof t.findings, "%s", test->findings);
        snprintf(t.note, sizeof t.note, "%s", test->note);
        err = fq_app_put(app, FQ_ENT_SITE_TEST, &t);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = t;
    return err;
}

/* text without surrounding blanks into out */
static void trimmed(const char *text, char *out, size_t out_len)
{
    const char *p = text ? text + strspn(text, " \t\r\n") : "";
    size_t n = strlen(p);
    while (n > 0 && strchr(" \t\r\n", p[n - 1]))
        n--;
    if (n >= out_len)
        n = out_len - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

fq_err fq_app_site_test_scan(fq_app *app, const char *test_uuid, const char *code,
                             fq_site_test *out, bool *out_match)
{
    fq_app_enter(app);
    char scanned[FQ_SHORT_LEN + 16];
    trimmed(code, scanned, sizeof scanned);
    if (!scanned[0])
        return fq_app_fail(app, FQ_ERR_INVALID, "nothing scanned");
    fq_site_test t;
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_SITE_TEST, test_uuid, &t);
    char expected[FQ_TEXT_LEN];
    bool match = false;
    if (!err) {
        trimmed(t.expected, expected, sizeof expected);
        match = !strcmp(expected, scanned);
        t.n_tested++;
        if (!match) {
            t.n_failed++;
            size_t len = strlen(t.findings);
            char line[FQ_SHORT_LEN + 64];
            snprintf(line, sizeof line, "%slabel %lld: %s", len ? "\n" : "",
                     (long long)t.n_tested, scanned);
            if (len + strlen(line) < sizeof t.findings)
                memcpy(t.findings + len, line, strlen(line) + 1);
        }
        t.result = t.n_failed ? FQ_RESULT_FAIL : FQ_RESULT_PASS;
        err = fq_app_put(app, FQ_ENT_SITE_TEST, &t);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = t;
    if (!err && out_match)
        *out_match = match;
    return err;
}

fq_err fq_app_site_test_delete(fq_app *app, const char *test_uuid)
{
    fq_app_enter(app);
    return fq_app_store_fail(app, fq_store_delete(app->store, FQ_ENT_SITE_TEST, test_uuid));
}
