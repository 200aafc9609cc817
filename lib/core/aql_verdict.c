/* Verdicts: accept / reject per severity and per visit (ISO 2859-1:1999 clause 11.1.1:
 * accept when the number found <= Ac, not accept when >= Re; ANSI/ASQ Z1.4-2008 10.1.4:
 * on a reduced plan a count between Ac and Re accepts the lot but reinstates normal
 * inspection), the margin shown to the inspector, and the zero-tolerance convention for
 * critical defects. No I/O. */
#include "core/aql.h"

#include <string.h>

static const char zero_tolerance_text[] =
    "Zero tolerance is not an ISO 2859-1 AQL. It is judged as Ac 0 / Re 1 on the largest "
    "sample drawn for this visit: one defect of this class rejects the lot.";

const char *fq_aql_zero_tolerance_text(void)
{
    return zero_tolerance_text;
}

fq_err fq_aql_judge(const fq_aql_sampling *plan, int32_t found, fq_aql_severity_result *out)
{
    if (!plan || !out || found < 0 || plan->ac < 0 || plan->re <= plan->ac ||
        (int64_t)found > plan->sample_size)
        return FQ_ERR_INVALID;
    /* only Z1.4's reduced table has a gap; a gapped ISO plan is a corrupt plan */
    if (plan->re != plan->ac + 1 && plan->standard != FQ_AQL_ANSI_Z14)
        return FQ_ERR_INVALID;
    out->plan = *plan;
    out->found = found;
    out->reinstate_normal = false;
    if (found < plan->re) {
        out->outcome = FQ_AQL_OUTCOME_ACCEPT;
        out->reinstate_normal = found > plan->ac;
        out->defects_until_reject = plan->re - found;
        out->defects_over_ac = 0;
    } else {
        out->outcome = FQ_AQL_OUTCOME_REJECT;
        out->defects_until_reject = 0;
        out->defects_over_ac = found - plan->ac;
    }
    return FQ_OK;
}

fq_err fq_aql_evaluate_visit(fq_aql_standard standard, int64_t lot_size, fq_aql_level level,
                             fq_aql_mode mode, const int32_t aql_milli[FQ_AQL_SEVERITIES],
                             const int32_t *found, fq_aql_visit_result *out)
{
    fq_aql_visit_result r;
    char letter = 0;
    bool any = false;
    bool any_table = false;
    int i;
    memset(&r, 0, sizeof r);
    r.standard = standard;
    if (!aql_milli || !out || (int)standard < 0 || standard >= FQ_AQL_STANDARD_COUNT || fq_aql_code_letter(lot_size, level, &letter) != FQ_OK ||
        (mode != FQ_AQL_NORMAL && mode != FQ_AQL_TIGHTENED && mode != FQ_AQL_REDUCED))
        return FQ_ERR_INVALID;
    /* Pass 1: table AQLs get their own plans; find the largest sample among them. */
    for (i = 0; i < FQ_AQL_SEVERITIES; i++) {
        int32_t a = aql_milli[i];
        r.sev[i].aql_milli = a;
        if (a == FQ_AQL_NOT_INSPECTED)
            continue;
        any = true;
        if (a == FQ_AQL_ZERO_TOLERANCE) {
            r.sev[i].zero_tolerance = true;
            continue;
        }
        if (fq_aql_plan_for_lot(standard, lot_size, level, mode, a, &r.sev[i].plan) != FQ_OK)
            return FQ_ERR_INVALID;
        any_table = true;
        if (r.sev[i].plan.sample_size > r.largest_sample) {
            r.largest_sample = r.sev[i].plan.sample_size;
            r.largest_letter = r.sev[i].plan.plan_letter;
        }
    }
    if (!any)
        return FQ_ERR_INVALID;
    if (!any_table) {
        /* Only zero tolerance: no table plan sets a sample, so draw the code letter's own. */
        int64_t n = fq_aql_letter_sample_size(mode, letter);
        r.largest_sample = n < lot_size ? n : lot_size;
        r.largest_letter = letter;
    }
    /* Pass 2: zero tolerance at the visit's largest sample, then the verdicts. */
    r.overall = FQ_AQL_OUTCOME_ACCEPT;
    for (i = 0; i < FQ_AQL_SEVERITIES; i++) {
        fq_aql_severity_result *s = &r.sev[i];
        if (s->aql_milli == FQ_AQL_NOT_INSPECTED)
            continue;
        if (s->zero_tolerance) {
            s->plan.standard = standard;
            s->plan.code_letter = letter;
            s->plan.plan_letter = r.largest_letter;
            s->plan.sample_size = r.largest_sample;
            s->plan.table_sample_size = (int32_t)r.largest_sample;
            s->plan.ac = 0;
            s->plan.re = 1;
            s->plan.full_inspection = r.largest_sample >= lot_size;
        }
        fq_aql_sampling plan = s->plan;
        int32_t aql = s->aql_milli;
        bool zt = s->zero_tolerance;
        if (fq_aql_judge(&plan, found ? found[i] : 0, s) != FQ_OK)
            return FQ_ERR_INVALID;
        s->aql_milli = aql;
        s->zero_tolerance = zt;
        if (s->outcome == FQ_AQL_OUTCOME_REJECT)
            r.overall = FQ_AQL_OUTCOME_REJECT;
        if (s->reinstate_normal)
            r.reinstate_normal = true;
    }
    /* a rejected lot returns to normal anyway; the flag tells an accepted lot's story */
    if (r.overall == FQ_AQL_OUTCOME_REJECT)
        r.reinstate_normal = false;
    *out = r;
    return FQ_OK;
}
