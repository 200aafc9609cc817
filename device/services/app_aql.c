/* The AQL step: the read model (the visit's plan or its default, the switching proposal, the
 * assessment core makes of plan and tally, and the tally rows) and the plan commands. Every
 * AQL command records the plan with the lot result core decides for it (fq_aql_assess), in
 * the command's own transaction: building the screen never writes, and a lot's result is
 * stored once its sample is complete, so later lots of the supplier and product get their
 * switching history. Defect counting is app_defects.c. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fq_err fq_app_aql_found(fq_app *app, const char *visit_uuid, int32_t out_found[FQ_AQL_SEVERITIES])
{
    int64_t totals[FQ_SEV_COUNT] = {0};
    fq_err err = fq_app_store_fail(app, fq_store_defect_totals(app->store, visit_uuid, totals));
    if (err)
        return err;
    for (int i = 0; i < FQ_AQL_SEVERITIES; i++) {
        int64_t t = totals[FQ_SEV_MINOR + i];
        out_found[i] = t > INT32_MAX ? INT32_MAX : t < 0 ? 0 : (int32_t)t;
    }
    return FQ_OK;
}

/* The switching rules' proposal for this lot from the finished lots of the same supplier
 * and product (this visit excluded), oldest first. */
static fq_err propose(fq_app *app, const fq_aql_plan *plan, fq_aql_switch *out)
{
    fq_store_lot *hist = NULL;
    size_t n = 0;
    fq_err err =
        fq_app_store_fail(app, fq_store_lot_history(app->store, plan->supplier, plan->product,
                                                    plan->visit_uuid, &hist, &n));
    if (err)
        return err;
    fq_aql_lot_record *lots = n ? calloc(n, sizeof *lots) : NULL;
    if (n && !lots)
        err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !err && i < n; i++) {
        const fq_aql_plan *p = &hist[i].plan;
        lots[i].standard = p->standard;
        lots[i].lot_size = p->lot_size;
        lots[i].level = p->level;
        lots[i].mode = p->mode;
        for (int k = 0; k < FQ_AQL_SEVERITIES; k++) {
            lots[i].aql_milli[k] = p->aql_milli[k];
            lots[i].found[k] = hist[i].found[FQ_SEV_MINOR + k];
        }
        lots[i].accepted = p->lot_result == FQ_AQL_LOT_ACCEPTED;
    }
    if (!err && fq_aql_propose((fq_aql_standard)plan->standard, lots, n, out) != FQ_OK)
        err = fq_app_fail(app, FQ_ERR_CORRUPT, "the lot history is not usable");
    free(lots);
    free(hist);
    return err;
}

fq_err fq_app_aql_plan_of(fq_app *app, const char *visit_uuid, fq_aql_plan *out,
                          fq_aql_switch *out_proposal)
{
    fq_aql_plan plan;
    fq_aql_switch proposal;
    fq_visit v;
    fq_order o;
    fq_err err = fq_app_one_of_visit(app, FQ_ENT_AQL_PLAN, visit_uuid, &plan);
    bool recorded = err == FQ_OK;
    if (err == FQ_OK || err == FQ_ERR_NOTFOUND) {
        err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
        if (!err)
            err = fq_app_get(app, FQ_ENT_ORDER, v.order_uuid, &o);
    }
    if (!err && !recorded)
        fq_aql_plan_default(v.meta.uuid, &o, &plan);
    /* The buyer's standard is the order's: an open lot follows it (the office may change it
     * in a job pack before the sample is done); a decided lot keeps the standard it was
     * judged under, as evidence. The next AQL command stores it. */
    if (!err && plan.lot_result == FQ_AQL_LOT_OPEN)
        plan.standard = o.aql_standard;
    if (!err)
        err = propose(app, &plan, &proposal);
    if (err)
        return err;
    /* a new lot starts at the severity its history asks for (tightened after rejections) */
    if (!recorded && (proposal.mode == FQ_AQL_TIGHTENED || proposal.mode == FQ_AQL_REDUCED))
        plan.mode = proposal.mode;
    *out = plan;
    if (out_proposal)
        *out_proposal = proposal;
    return FQ_OK;
}

static bool same_plan(const fq_aql_plan *a, const fq_aql_plan *b)
{
    return a->standard == b->standard && a->lot_size == b->lot_size && a->level == b->level && a->mode == b->mode &&
           a->aql_milli[0] == b->aql_milli[0] && a->aql_milli[1] == b->aql_milli[1] &&
           a->aql_milli[2] == b->aql_milli[2] && a->sampled == b->sampled &&
           a->lot_result == b->lot_result && !strcmp(a->supplier, b->supplier) &&
           !strcmp(a->product, b->product);
}

fq_err fq_app_aql_store_plan(fq_app *app, fq_aql_plan *plan)
{
    if (plan->sampled < 0)
        plan->sampled = 0;
    if (plan->lot_size > 0 && plan->sampled > plan->lot_size)
        plan->sampled = plan->lot_size;
    int32_t found[FQ_AQL_SEVERITIES];
    fq_aql_assessment a;
    fq_err err = fq_app_aql_found(app, plan->visit_uuid, found);
    if (err)
        return err;
    fq_aql_assess(plan, found, &a);
    /* a plan changed under a drawn sample (a smaller lot) keeps the sample within the plan */
    if (a.status == FQ_AQL_STATUS_OK && plan->sampled > a.result.largest_sample) {
        plan->sampled = a.result.largest_sample;
        fq_aql_assess(plan, found, &a);
    }
    plan->lot_result = (int32_t)a.lot_result;
    fq_aql_plan stored;
    if (plan->meta.uuid[0] &&
        fq_store_get(app->store, FQ_ENT_AQL_PLAN, plan->meta.uuid, &stored) == FQ_OK &&
        same_plan(&stored, plan))
        return FQ_OK;
    return fq_app_put(app, FQ_ENT_AQL_PLAN, plan);
}

fq_err fq_app_aql_read(fq_app *app, const char *visit_uuid, fq_app_aql_view *out)
{
    fq_app_enter(app);
    fq_app_aql_view v;
    memset(&v, 0, sizeof v);
    int32_t found[FQ_AQL_SEVERITIES];
    fq_err err = fq_app_aql_plan_of(app, visit_uuid, &v.plan, &v.proposal);
    if (!err)
        err = fq_app_aql_found(app, visit_uuid, found);
    if (!err)
        err = fq_aql_assess(&v.plan, found, &v.assessment);
    if (!err)
        err = fq_app_tally_rows(app, visit_uuid, &v.tally, &v.n_tally);
    if (err)
        return err;
    *out = v;
    return FQ_OK;
}

void fq_app_aql_view_free(fq_app_aql_view *view)
{
    if (!view)
        return;
    free(view->tally);
    memset(view, 0, sizeof *view);
}

static bool valid_aql(int32_t aql_milli)
{
    return aql_milli == FQ_AQL_NOT_INSPECTED || aql_milli == FQ_AQL_ZERO_TOLERANCE ||
           fq_aql_column_of(aql_milli) >= 0;
}

static fq_err check_settings(fq_app *app, const fq_app_aql_settings *s)
{
    if (!s)
        return fq_app_fail(app, FQ_ERR_INVALID, "no AQL settings");
    if (s->lot_size < 0)
        return fq_app_fail(app, FQ_ERR_INVALID, "a lot cannot have fewer than 0 units");
    if ((int)s->level < 0 || s->level >= FQ_AQL_LEVEL_COUNT)
        return fq_app_fail(app, FQ_ERR_INVALID, "unknown inspection level %d", (int)s->level);
    if ((int)s->mode < 0 || s->mode >= FQ_AQL_MODE_COUNT)
        return fq_app_fail(app, FQ_ERR_INVALID, "unknown severity of inspection %d", (int)s->mode);
    for (int i = 0; i < FQ_AQL_SEVERITIES; i++)
        if (!valid_aql(s->aql_milli[i]))
            return fq_app_fail(app, FQ_ERR_INVALID, "%d is not a table AQL (thousandths)",
                               (int)s->aql_milli[i]);
    return FQ_OK;
}

fq_err fq_app_aql_set_plan(fq_app *app, const char *visit_uuid, const fq_app_aql_settings *settings,
                           fq_aql_plan *out)
{
    fq_app_enter(app);
    fq_err err = check_settings(app, settings);
    if (!err)
        err = fq_app_begin(app);
    if (err)
        return err;
    fq_aql_plan plan;
    err = fq_app_aql_plan_of(app, visit_uuid, &plan, NULL);
    if (!err) {
        plan.lot_size = settings->lot_size;
        plan.level = (int32_t)settings->level;
        plan.mode = (int32_t)settings->mode;
        memcpy(plan.aql_milli, settings->aql_milli, sizeof plan.aql_milli);
        err = fq_app_aql_store_plan(app, &plan);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = plan;
    return err;
}

fq_err fq_app_aql_set_sampled(fq_app *app, const char *visit_uuid, int64_t sampled,
                              fq_aql_plan *out)
{
    fq_app_enter(app);
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    fq_aql_plan plan;
    int32_t found[FQ_AQL_SEVERITIES];
    fq_aql_assessment a;
    err = fq_app_aql_plan_of(app, visit_uuid, &plan, NULL);
    if (!err)
        err = fq_app_aql_found(app, visit_uuid, found);
    if (!err) {
        /* within the plan's sample: "300 of 125 sampled" is no complete sample */
        fq_aql_assess(&plan, found, &a);
        char why[FQ_EVIDENCE_MSG_LEN];
        if (fq_sample_check(sampled, a.status == FQ_AQL_STATUS_OK ? a.result.largest_sample : 0,
                            plan.lot_size, why, sizeof why) != FQ_OK)
            err = fq_app_fail(app, FQ_ERR_INVALID, "%s", why);
    }
    if (!err) {
        plan.sampled = sampled;
        err = fq_app_aql_store_plan(app, &plan);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = plan;
    return err;
}
