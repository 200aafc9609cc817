/* Counting defects in the AQL sample: the tally rows the AQL step shows (the defect types
 * every consumer-goods inspection meets, then those the inspector added), +1 / -1 on a type,
 * and adding a type the list lacks. Each count also records the visit's plan with the lot
 * result that follows from it (app_aql.c), in the same transaction. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/defect_library.h"

/* The common defect types (core/defect_library.h) are listed before anything is counted, so
 * the inspector taps instead of typing (gloves). */
static bool is_preset(const fq_defect *d)
{
    size_t n = 0;
    const fq_defect_preset *p = fq_defect_presets(&n);
    for (size_t k = 0; k < n; k++)
        if ((int32_t)p[k].severity == d->severity && !strcmp(p[k].code, d->code))
            return true;
    return false;
}

const char *fq_app_defect_name(const fq_defect *d)
{
    if (!strcmp(d->code, FQ_APP_MEAS_DEFECT_CODE))
        return _("Measurement out of tolerance");
    const fq_defect_preset *p = fq_defect_preset_of(d->code, d->description);
    if (p)
        return _(p->name);
    return d->description[0] ? d->description : d->code; /* as the inspector typed it */
}

fq_err fq_app_tally_rows(fq_app *app, const char *visit_uuid, fq_defect **out, size_t *out_n)
{
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_list_of_visit(app, FQ_ENT_DEFECT, visit_uuid, &arr, &n);
    if (err)
        return err;
    const fq_defect *recorded = arr;
    size_t n_presets = 0;
    const fq_defect_preset *presets = fq_defect_presets(&n_presets);
    fq_defect *rows = calloc(n_presets + n, sizeof *rows);
    size_t m = 0;
    if (!rows)
        err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    for (int32_t sev = FQ_SEV_MINOR; !err && sev <= FQ_SEV_CRITICAL; sev++) {
        for (size_t k = 0; k < n_presets; k++) {
            if ((int32_t)presets[k].severity != sev)
                continue;
            fq_defect *r = &rows[m++];
            snprintf(r->visit_uuid, sizeof r->visit_uuid, "%s", visit_uuid);
            snprintf(r->code, sizeof r->code, "%s", presets[k].code);
            snprintf(r->description, sizeof r->description, "%s", presets[k].name);
            r->severity = sev;
            for (size_t d = 0; d < n; d++)
                if (recorded[d].severity == sev && !strcmp(recorded[d].code, r->code))
                    *r = recorded[d];
        }
        for (size_t d = 0; d < n; d++)
            if (recorded[d].severity == sev && !is_preset(&recorded[d]))
                rows[m++] = recorded[d];
    }
    free(arr);
    if (err) {
        free(rows);
        return err;
    }
    *out = rows;
    *out_n = m;
    return FQ_OK;
}

/* In the command's transaction: the defect row of (code, severity), changed by delta. */
static fq_err count(fq_app *app, const char *visit_uuid, const char *code, const char *description,
                    fq_severity severity, int32_t delta, fq_defect *out)
{
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_list_of_visit(app, FQ_ENT_DEFECT, visit_uuid, &arr, &n);
    if (err)
        return err;
    fq_defect d;
    memset(&d, 0, sizeof d);
    for (size_t i = 0; i < n; i++) {
        const fq_defect *x = (const fq_defect *)arr + i;
        if (!strcmp(x->code, code) && x->severity == (int32_t)severity)
            d = *x;
    }
    free(arr);
    if (!d.meta.uuid[0]) {
        if (delta < 0 || (delta == 0 && !out))
            return FQ_OK; /* nothing to take away */
        snprintf(d.visit_uuid, sizeof d.visit_uuid, "%s", visit_uuid);
        snprintf(d.code, sizeof d.code, "%s", code);
        snprintf(d.description, sizeof d.description, "%s", description ? description : "");
        d.severity = (int32_t)severity;
    }
    int64_t next = (int64_t)d.count + delta;
    next = next < 0 ? 0 : next > INT32_MAX ? INT32_MAX : next;
    fq_err err2 = FQ_OK;
    if (!d.meta.uuid[0] || next != d.count) {
        d.count = (int32_t)next;
        err2 = fq_app_put(app, FQ_ENT_DEFECT, &d);
    }
    if (!err2 && out)
        *out = d;
    return err2;
}

static fq_err tally(fq_app *app, const char *visit_uuid, const char *code, const char *description,
                    fq_severity severity, int32_t delta, fq_defect *out)
{
    if (severity < FQ_SEV_MINOR || severity > FQ_SEV_CRITICAL || fq_app_blank(code))
        return fq_app_fail(app, FQ_ERR_INVALID, "a defect needs a code and a severity");
    if (!strcmp(code, FQ_APP_MEAS_DEFECT_CODE)) /* app_meas.c keeps it equal to the readings */
        return fq_app_fail(app, FQ_ERR_INVALID, "units out of tolerance are counted from the "
                           "measurements: correct the reading instead");
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    fq_aql_plan plan;
    /* the plan first: it checks the visit, and the lot history finds defects through it */
    err = fq_app_aql_plan_of(app, visit_uuid, &plan, NULL);
    size_t before = app->n_writes;
    if (!err)
        err = count(app, visit_uuid, code, description, severity, delta, out);
    if (!err && app->n_writes > before)
        err = fq_app_aql_store_plan(app, &plan);
    return fq_app_end(app, err);
}

fq_err fq_app_defect_tally(fq_app *app, const char *visit_uuid, const char *code,
                           const char *description, fq_severity severity, int32_t delta)
{
    fq_app_enter(app);
    return tally(app, visit_uuid, code, description, severity, delta, NULL);
}

fq_err fq_app_defect_record(fq_app *app, const char *visit_uuid, const char *code,
                            const char *description, fq_severity severity, fq_defect *out)
{
    fq_app_enter(app);
    fq_defect d;
    fq_err err = tally(app, visit_uuid, code, description, severity, 0, &d);
    if (!err)
        *out = d;
    return err;
}

fq_err fq_app_defect_add(fq_app *app, const char *visit_uuid, const char *description,
                         fq_severity severity)
{
    fq_app_enter(app);
    if (fq_app_blank(description))
        return fq_app_fail(app, FQ_ERR_INVALID, "describe the defect first");
    const char *d = description + strspn(description, " \t\r\n");
    /* the same description again counts on its type; a new one gets the visit's next free
     * "CU-nn" code: a description cut to the code's length is no code (two defects that
     * start alike would share it) */
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_list_of_visit(app, FQ_ENT_DEFECT, visit_uuid, &arr, &n);
    if (err)
        return err;
    char code[FQ_SHORT_LEN] = "";
    int next = 1;
    for (size_t i = 0; i < n; i++) {
        const fq_defect *x = (const fq_defect *)arr + i;
        int num = 0;
        if (sscanf(x->code, "CU-%d", &num) == 1 && num >= next)
            next = num + 1;
        if (!strcmp(x->description, d) && x->severity == (int32_t)severity)
            snprintf(code, sizeof code, "%s", x->code);
    }
    free(arr);
    if (!code[0])
        snprintf(code, sizeof code, "CU-%02d", next);
    return tally(app, visit_uuid, code, d, severity, 1, NULL);
}
