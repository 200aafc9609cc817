/* The proposal for the next lot from recorded lots: turns each visit's plan and defect
 * counts into per-class switching histories (ISO 2859-1:1999 9.2, 9.3.3.2; Z1.4 alike) and keeps the
 * strictest outcome. Pure: the store supplies the records, the screens show the result. */
#include "core/aql.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const class_names[FQ_AQL_SEVERITIES] = {"Minor", "Major", "Critical"};

/* Higher is stricter; reduced is the most lenient. */
static int strictness(int32_t mode)
{
    switch (mode) {
    case FQ_AQL_DISCONTINUED: return 3;
    case FQ_AQL_TIGHTENED: return 2;
    case FQ_AQL_NORMAL: return 1;
    default: return 0;
    }
}

/* The switching record of lot `r` for class `cls`; false when that class had no table plan
 * (zero tolerance, not inspected) or the record is unusable. */
static bool lot_for_class(const fq_aql_lot_record *r, int cls, fq_aql_lot *out)
{
    int32_t aql = r->aql_milli[cls];
    char letter;
    if (fq_aql_column_of(aql) < 0 || r->mode < FQ_AQL_NORMAL || r->mode > FQ_AQL_REDUCED ||
        r->standard < 0 || r->standard >= FQ_AQL_STANDARD_COUNT ||
        r->level < 0 || r->level >= FQ_AQL_LEVEL_COUNT ||
        fq_aql_code_letter(r->lot_size, (fq_aql_level)r->level, &letter) != FQ_OK)
        return false;
    int64_t found = r->found[cls] < 0 ? 0 : r->found[cls];
    if (found > INT32_MAX)
        found = INT32_MAX;
    if (fq_aql_lot_from_count((fq_aql_standard)r->standard, (fq_aql_mode)r->mode, letter, aql,
                              (int32_t)found, out) != FQ_OK)
        return false;
    /* a lot rejected for any class was not accepted, whichever class we switch on */
    out->accepted = r->accepted && out->accepted;
    if (!out->accepted)
        out->reinstate_normal = false;
    out->production_steady = true;
    out->reduced_approved = false;
    return true;
}

fq_err fq_aql_propose(fq_aql_standard standard, const fq_aql_lot_record *lots, size_t n_lots,
                      fq_aql_switch *out)
{
    if (!out || (n_lots > 0 && !lots))
        return FQ_ERR_INVALID;
    fq_aql_switch best;
    fq_aql_switch_init(&best, standard);
    int best_cls = -1;
    for (int cls = 0; cls < FQ_AQL_SEVERITIES; cls++) {
        fq_aql_switch st;
        fq_aql_switch_init(&st, standard);
        int used = 0;
        for (size_t i = 0; i < n_lots; i++) {
            fq_aql_lot lot;
            if (lot_for_class(&lots[i], cls, &lot) && fq_aql_switch_step(&st, &lot) == FQ_OK)
                used++;
        }
        if (used == 0)
            continue;
        /* strictest wins; on a tie the lowest switching score, the class holding back */
        if (best_cls < 0 || strictness(st.mode) > strictness(best.mode) ||
            (strictness(st.mode) == strictness(best.mode) &&
             st.switching_score < best.switching_score)) {
            best = st;
            best_cls = cls;
        }
    }
    if (best_cls >= 0) {
        char reason[FQ_AQL_REASON_LEN];
        snprintf(reason, sizeof reason, "%s: %s", class_names[best_cls], best.reason);
        memcpy(best.reason, reason, sizeof best.reason);
    }
    *out = best;
    return FQ_OK;
}
