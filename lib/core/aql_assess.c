/* A visit's AQL plan as the inspector works it: the default plan of a visit without one,
 * and the assessment (plans, verdicts, sample progress) that decides the lot's final result.
 * Deliberately not here: the tables (aql_tables.c), the verdict arithmetic (aql_verdict.c),
 * storing the result (the device's services do, when the inspector changes the plan or the
 * tally). */
#include "core/aql.h"

#include <stdio.h>
#include <string.h>

void fq_aql_plan_default(const char *visit_uuid, const fq_order *order, fq_aql_plan *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->visit_uuid, sizeof out->visit_uuid, "%s", visit_uuid ? visit_uuid : "");
    snprintf(out->supplier, sizeof out->supplier, "%s", order->supplier);
    snprintf(out->product, sizeof out->product, "%s", order->product);
    out->standard = order->aql_standard;
    out->lot_size = order->quantity;
    out->level = FQ_AQL_LEVEL_II;
    out->mode = FQ_AQL_NORMAL;
    out->aql_milli[FQ_SEV_MINOR - 1] = 4000;
    out->aql_milli[FQ_SEV_MAJOR - 1] = 2500;
    out->aql_milli[FQ_SEV_CRITICAL - 1] = FQ_AQL_ZERO_TOLERANCE;
    out->lot_result = FQ_AQL_LOT_OPEN;
}

/* Why the plan has no verdict, told apart the way the inspector can act on it: first the
 * lot and the mode, then whether the AQLs make plans at all, then the counts. */
static fq_aql_status evaluate(const fq_aql_plan *plan, const int32_t *found,
                              fq_aql_visit_result *out)
{
    if (plan->lot_size < 2)
        return FQ_AQL_STATUS_NO_LOT_SIZE;
    if (plan->mode == FQ_AQL_DISCONTINUED)
        return FQ_AQL_STATUS_DISCONTINUED;
    fq_aql_level level = (fq_aql_level)plan->level;
    fq_aql_mode mode = (fq_aql_mode)plan->mode;
    fq_aql_standard std = (fq_aql_standard)plan->standard;
    if (fq_aql_evaluate_visit(std, plan->lot_size, level, mode, plan->aql_milli, found, out) ==
        FQ_OK)
        return FQ_AQL_STATUS_OK;
    /* the same plan with nothing counted yet: if that works, the counts were the problem */
    if (found && fq_aql_evaluate_visit(std, plan->lot_size, level, mode, plan->aql_milli, NULL,
                                       out) == FQ_OK)
        return FQ_AQL_STATUS_TOO_MANY_DEFECTS;
    return FQ_AQL_STATUS_NO_AQL;
}

fq_err fq_aql_assess(const fq_aql_plan *plan, const int32_t *found, fq_aql_assessment *out)
{
    if (!plan || !out)
        return FQ_ERR_INVALID;
    fq_aql_assessment a;
    memset(&a, 0, sizeof a);
    a.sampled = plan->sampled;
    a.status = evaluate(plan, found, &a.result);
    if (a.status != FQ_AQL_STATUS_OK) {
        memset(&a.result, 0, sizeof a.result);
    } else if (a.result.largest_sample > 0) {
        int64_t left = a.result.largest_sample - plan->sampled;
        a.to_sample = left > 0 ? left : 0;
        a.sample_complete = left <= 0;
    }
    if (a.sample_complete)
        a.lot_result = a.result.overall == FQ_AQL_OUTCOME_REJECT   ? FQ_AQL_LOT_REJECTED
                       : a.result.overall == FQ_AQL_OUTCOME_ACCEPT ? FQ_AQL_LOT_ACCEPTED
                                                                   : FQ_AQL_LOT_OPEN;
    *out = a;
    return FQ_OK;
}
