/* The Counts step: a visit's production count (ordered, completed, packed, cartons,
 * materials and packaging on site, note) with the 40 % packaging rule, and recording it. */
#include "app_internal.h"

#include <stdio.h>
#include <string.h>

static bool same_counts(const fq_production *a, const fq_production *b)
{
    return a->ordered == b->ordered && a->completed == b->completed && a->packed == b->packed &&
           a->cartons == b->cartons && a->materials_on_site == b->materials_on_site &&
           a->packaging_on_site == b->packaging_on_site && !strcmp(a->note, b->note);
}

/* The visit's count, or a new one started with the order's quantity. */
static fq_err production_of(fq_app *app, const char *visit_uuid, fq_production *out,
                            bool *out_recorded)
{
    fq_err err = fq_app_one_of_visit(app, FQ_ENT_PRODUCTION, visit_uuid, out);
    *out_recorded = err == FQ_OK;
    if (err != FQ_ERR_NOTFOUND)
        return err;
    fq_visit v;
    fq_order o;
    err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err)
        err = fq_app_get(app, FQ_ENT_ORDER, v.order_uuid, &o);
    if (err)
        return err;
    memset(out, 0, sizeof *out);
    snprintf(out->visit_uuid, sizeof out->visit_uuid, "%s", v.meta.uuid);
    out->ordered = o.quantity;
    return FQ_OK;
}

fq_err fq_app_production_read(fq_app *app, const char *visit_uuid, fq_app_production_view *out)
{
    fq_app_enter(app);
    fq_app_production_view v;
    memset(&v, 0, sizeof v);
    fq_err err = production_of(app, visit_uuid, &v.production, &v.recorded);
    if (err)
        return err;
    v.packaging = fq_light_packaging(&v.production);
    fq_production_progress_text(&v.production, v.progress, sizeof v.progress);
    *out = v;
    return FQ_OK;
}

static bool valid_answer(int32_t a)
{
    return a == FQ_ANSWER_UNSET || a == FQ_ANSWER_YES || a == FQ_ANSWER_NO;
}

fq_err fq_app_production_save(fq_app *app, const char *visit_uuid, const fq_production *counts,
                              bool over_confirmed, fq_production *out,
                              fq_count_check *out_check)
{
    fq_app_enter(app);
    fq_count_check check;
    if (!counts)
        return fq_app_fail(app, FQ_ERR_INVALID, "no counts");
    fq_production_check(counts, over_confirmed, &check);
    if (out_check)
        *out_check = check;
    if (!check.ok)
        return fq_app_fail(app, FQ_ERR_INVALID, "%s", check.message);
    if (!valid_answer(counts->materials_on_site) || !valid_answer(counts->packaging_on_site))
        return fq_app_fail(app, FQ_ERR_INVALID, "an answer is yes, no or not answered");
    fq_production p;
    bool recorded = false;
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = production_of(app, visit_uuid, &p, &recorded);
    if (!err) {
        fq_production before = p;
        p.ordered = counts->ordered;
        p.completed = counts->completed;
        p.packed = counts->packed;
        p.cartons = counts->cartons;
        p.materials_on_site = counts->materials_on_site;
        p.packaging_on_site = counts->packaging_on_site;
        snprintf(p.note, sizeof p.note, "%s", counts->note);
        if (!recorded || !same_counts(&before, &p))
            err = fq_app_put(app, FQ_ENT_PRODUCTION, &p);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = p;
    return err;
}
