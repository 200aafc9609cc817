/* The switching rules of ISO 2859-1:1999 clause 9 and ANSI/ASQ Z1.4-2008 section 8, run
 * over a supplier's lot history (oldest first) to propose the severity for the next lot,
 * with a reason the inspector can read that cites the standard in use. Both editions share
 * the rules (the switching score included) except one: under Z1.4 a reduced lot accepted
 * with a count between Ac and Re reinstates normal inspection (8.3.4 b, 10.1.4); ISO's 1999
 * reduced plans have no such gap. Per ISO 9.2 the rules run per class of nonconformity; the
 * caller passes the history of the class it switches on. It does not store history. */
#include "core/aql.h"
#include "core/tr.h"

#include <stdio.h>
#include <string.h>

#include "core/aql_internal.h"

#define NORMAL_WINDOW 5 /* 9.3.1: "2 out of 5 or fewer consecutive lots" */

/* The clauses the reasons cite, numbered per standard. */
typedef enum clause { C_START, C_TIGHTEN, C_UNTIGHTEN, C_REDUCE, C_SCORE, C_UNREDUCE,
                      C_DISCONTINUE, C_COUNT } clause;

static const char *const iso_clauses[C_COUNT] = {"9.1", "9.3.1", "9.3.2", "9.3.3", "9.3.3.2",
                                                 "9.3.4", "9.4"};
static const char *const z14_clauses[C_COUNT] = {"8.1", "8.3.1", "8.3.2", "8.3.3", "8.3.3",
                                                 "8.3.4", "8.4"};

/* "ISO 2859-1:1999 9.3.1": the standard's name and its clause, in a static buffer per
 * clause (the reasons use at most two at a time, never the same one twice). */
static const char *cite(const fq_aql_switch *st, clause c)
{
    static _Thread_local char buf[C_COUNT][48];
    bool z14 = st->standard == FQ_AQL_ANSI_Z14;
    snprintf(buf[c], sizeof buf[c], "%s %s", fq_aql_standard_name((fq_aql_standard)st->standard),
             (z14 ? z14_clauses : iso_clauses)[c]);
    return buf[c];
}

/* The clause number alone, for references inside a sentence that already named the standard. */
static const char *num(const fq_aql_switch *st, clause c)
{
    return (st->standard == FQ_AQL_ANSI_Z14 ? z14_clauses : iso_clauses)[c];
}

static int count_bits(uint32_t v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

static void enter_normal(fq_aql_switch *st)
{
    st->mode = FQ_AQL_NORMAL;
    /* 9.3.3.2: the score starts at zero at the start of normal inspection; the 9.3.1 window
     * counts consecutive lots on normal inspection, so it restarts too. */
    st->switching_score = 0;
    st->normal_history = 0;
    st->normal_lots = 0;
}

static void enter_tightened(fq_aql_switch *st)
{
    st->mode = FQ_AQL_TIGHTENED;
    st->tightened_accepted_run = 0;
    st->tightened_not_accepted = 0;
}

void fq_aql_switch_init(fq_aql_switch *st, fq_aql_standard standard)
{
    memset(st, 0, sizeof *st);
    st->standard = standard == FQ_AQL_ANSI_Z14 ? FQ_AQL_ANSI_Z14 : FQ_AQL_ISO_2859_1;
    enter_normal(st);
    snprintf(st->reason, sizeof st->reason, FQ_TR("Start with normal inspection (%s); switching score 0."),
             cite(st, C_START));
}

/* 9.3.3.2 a): single sampling. Ac >= 2: +3 when the lot would have been accepted with the
 * AQL one step tighter, else reset; Ac 0 or 1: +2 when the lot is accepted, else reset. */
static void update_score(fq_aql_switch *st, const fq_aql_lot *lot)
{
    if (lot->ac >= 2)
        st->switching_score = lot->accepted && lot->accepted_one_step_tighter
                                  ? st->switching_score + 3 : 0;
    else
        st->switching_score = lot->accepted ? st->switching_score + 2 : 0;
}

static void step_normal(fq_aql_switch *st, const fq_aql_lot *lot)
{
    update_score(st, lot);
    st->normal_history = ((st->normal_history << 1) | (lot->accepted ? 0u : 1u)) & 0x1Fu;
    if (st->normal_lots < NORMAL_WINDOW)
        st->normal_lots++;
    int rejected = count_bits(st->normal_history);
    if (rejected >= 2) {
        enter_tightened(st);
        snprintf(st->reason, sizeof st->reason,
                 FQ_TR("Lot %d: %d of the last %d lots on normal inspection were not accepted, so "
                 "tightened inspection starts (%s)."),
                 st->n_lots, rejected, st->normal_lots, cite(st, C_TIGHTEN));
        return;
    }
    if (st->switching_score >= 30) {
        if (lot->production_steady && lot->reduced_approved) {
            st->mode = FQ_AQL_REDUCED;
            snprintf(st->reason, sizeof st->reason,
                     FQ_TR("Lot %d: switching score %d >= 30, production steady and reduced "
                     "inspection approved by the responsible authority, so reduced "
                     "inspection starts (%s)."),
                     st->n_lots, (int)st->switching_score, cite(st, C_REDUCE));
        } else {
            snprintf(st->reason, sizeof st->reason,
                     FQ_TR("Lot %d: switching score %d >= 30 but %s, so normal inspection continues "
                     "(%s b, c)."),
                     st->n_lots, (int)st->switching_score,
                     !lot->production_steady ? FQ_TR("production is not steady")
                                             : FQ_TR("the responsible authority has not approved "
                                               "reduced inspection"),
                     cite(st, C_REDUCE));
        }
        return;
    }
    snprintf(st->reason, sizeof st->reason,
             FQ_TR("Lot %d %s: normal inspection continues; switching score %d (30 needed for "
             "reduced, %s), %d of the last %d lots not accepted (2 switch to "
             "tightened, %s)."),
             st->n_lots, lot->accepted ? FQ_TR("accepted") : FQ_TR("not accepted"),
             (int)st->switching_score, cite(st, C_SCORE), rejected, st->normal_lots,
             num(st, C_TIGHTEN));
}

static void step_tightened(fq_aql_switch *st, const fq_aql_lot *lot)
{
    if (lot->accepted) {
        st->tightened_accepted_run++;
    } else {
        st->tightened_accepted_run = 0;
        st->tightened_not_accepted++;
    }
    if (st->tightened_not_accepted >= 5) {
        st->mode = FQ_AQL_DISCONTINUED;
        snprintf(st->reason, sizeof st->reason,
                 FQ_TR("Lot %d: %d lots not accepted on tightened inspection, so acceptance "
                 "inspection is discontinued until the supplier has improved quality and "
                 "the responsible authority agrees (%s)."),
                 st->n_lots, (int)st->tightened_not_accepted, cite(st, C_DISCONTINUE));
        return;
    }
    if (st->tightened_accepted_run >= 5) {
        enter_normal(st);
        snprintf(st->reason, sizeof st->reason,
                 FQ_TR("Lot %d: 5 consecutive lots accepted on tightened inspection, so normal "
                 "inspection resumes with switching score 0 (%s)."),
                 st->n_lots, cite(st, C_UNTIGHTEN));
        return;
    }
    snprintf(st->reason, sizeof st->reason,
             FQ_TR("Lot %d %s: tightened inspection continues; %d consecutive accepted (5 return "
             "to normal, %s), %d not accepted on tightened (5 discontinue, %s)."),
             st->n_lots, lot->accepted ? FQ_TR("accepted") : FQ_TR("not accepted"),
             (int)st->tightened_accepted_run, cite(st, C_UNTIGHTEN),
             (int)st->tightened_not_accepted, num(st, C_DISCONTINUE));
}

static void step_reduced(fq_aql_switch *st, const fq_aql_lot *lot)
{
    bool z14 = st->standard == FQ_AQL_ANSI_Z14;
    const char *why = NULL;
    char cond = 0;
    if (!lot->accepted) {
        why = FQ_TR("a lot was not accepted");
        cond = 'a';
    } else if (z14 && lot->reinstate_normal) {
        why = FQ_TR("a lot was accepted with more defects than Ac but fewer than Re");
        cond = 'b';
    } else if (lot->production_irregular) {
        why = FQ_TR("production became irregular or delayed");
        cond = z14 ? 'c' : 'b';
    } else if (lot->other_conditions) {
        why = FQ_TR("other conditions warrant normal inspection");
        cond = z14 ? 'd' : 'c';
    }
    if (why) {
        enter_normal(st);
        snprintf(st->reason, sizeof st->reason,
                 FQ_TR("Lot %d: %s, so normal inspection resumes with switching score 0 (%s %c)."),
                 st->n_lots, why, cite(st, C_UNREDUCE), cond);
        return;
    }
    snprintf(st->reason, sizeof st->reason, FQ_TR("Lot %d accepted: reduced inspection continues (%s)."),
             st->n_lots, cite(st, C_UNREDUCE));
}

fq_err fq_aql_switch_step(fq_aql_switch *st, const fq_aql_lot *lot)
{
    if (!st || !lot || lot->ac < 0)
        return FQ_ERR_INVALID;
    st->n_lots++;
    if (st->mode == FQ_AQL_DISCONTINUED) {
        if (!lot->corrective_action) {
            snprintf(st->reason, sizeof st->reason,
                     FQ_TR("Lot %d: inspection stays discontinued until corrective action is "
                     "taken and agreed (%s); the lot is not judged under the switching rules."),
                     st->n_lots, cite(st, C_DISCONTINUE));
            return FQ_OK;
        }
        /* 9.4: "Tightened inspection shall then be used as if 9.3.1 had been invoked." */
        enter_tightened(st);
    }
    switch (st->mode) {
    case FQ_AQL_NORMAL: step_normal(st, lot); break;
    case FQ_AQL_TIGHTENED: step_tightened(st, lot); break;
    case FQ_AQL_REDUCED: step_reduced(st, lot); break;
    default: return FQ_ERR_INVALID;
    }
    return FQ_OK;
}

fq_err fq_aql_switch_replay(fq_aql_standard standard, const fq_aql_lot *lots, size_t n_lots,
                            fq_aql_switch *out)
{
    fq_aql_switch st;
    if (!out || (n_lots > 0 && !lots))
        return FQ_ERR_INVALID;
    fq_aql_switch_init(&st, standard);
    for (size_t i = 0; i < n_lots; i++)
        if (fq_aql_switch_step(&st, &lots[i]) != FQ_OK)
            return FQ_ERR_INVALID;
    *out = st;
    return FQ_OK;
}

fq_err fq_aql_lot_from_count(fq_aql_standard standard, fq_aql_mode mode, char code_letter,
                             int32_t aql_milli, int32_t found, fq_aql_lot *out)
{
    fq_aql_sampling plan;
    fq_aql_lot lot;
    if (!out || found < 0 ||
        fq_aql_plan_for_letter(standard, mode, code_letter, aql_milli, &plan) != FQ_OK)
        return FQ_ERR_INVALID;
    memset(&lot, 0, sizeof lot);
    lot.ac = plan.ac;
    lot.accepted = found < plan.re;
    lot.reinstate_normal = found > plan.ac && found < plan.re;
    /* 9.3.3.2: "one step tighter" = the next smaller AQL column at the same sample size,
     * i.e. the cell left of the plan in the plan's own row. For Ac >= 2 that cell is
     * always a plan (tested); elsewhere the rule for Ac 0/1 does not need it. */
    int col = fq_aql_column_of(aql_milli);
    int row = fq_aql_table_row_of(mode, plan.plan_letter);
    int tighter = fq_aql_table_cell(standard, mode, row, col - 1, NULL);
    lot.accepted_one_step_tighter = tighter >= 0 ? found <= tighter : false;
    *out = lot;
    return FQ_OK;
}
