/* Traffic lights: green / yellow / red status of milestones and orders, each with a
 * human-readable reason (DOMAIN.md "Status is a traffic light", "Early warning").
 *
 * Rules:
 *  - a milestone not done/waived and past its due date is yellow; past due by more than its
 *    grace days it is red (due dates are days: late counts in whole days after the due day);
 *  - production started without an approved sample is red (sample approval is a hard gate);
 *  - packaging materials not confirmed on site when 40 % or more of the product is complete
 *    is yellow;
 *  - the last signed-off final (pre-shipment) inspection failed, or rejected its lot: red;
 *    another visit signed off as failed: yellow;
 *  - an open issue past its due date is yellow;
 *  - an order shows its worst light, and every reason that is not green, worst first.
 * Pure functions of their inputs and `now_utc`: no clock, no I/O. */
#ifndef FQ_CORE_LIGHTS_H
#define FQ_CORE_LIGHTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

typedef enum fq_light { FQ_LIGHT_GREEN = 0, FQ_LIGHT_YELLOW, FQ_LIGHT_RED } fq_light;

#define FQ_LIGHT_REASON_LEN 256
/* Packaging must be on site by the time this share of the product is complete. */
#define FQ_PACKAGING_WARN_PERCENT 40

typedef struct fq_light_result {
    fq_light light;
    char reason[FQ_LIGHT_REASON_LEN];
} fq_light_result;

/* Light of one milestone at now_utc (its dates only). `m` must not be NULL. */
fq_light_result fq_light_milestone(const fq_milestone *m, int64_t now_utc);

/* What a visit of the order came to, for the order's light. */
typedef struct fq_visit_outcome {
    int32_t type;        /* fq_visit_type */
    bool finished;       /* signed off */
    int32_t verdict;     /* fq_verdict */
    int32_t lot_result;  /* fq_aql_lot_result of its AQL plan (0 when none) */
    int64_t ended_utc;   /* when it was signed off */
    char inspector[FQ_NAME_LEN]; /* the visit's inspector_name ("" : not named) */
} fq_visit_outcome;

/* Everything an order's light is decided on. Arrays may be NULL when their count is 0. */
typedef struct fq_order_facts {
    const fq_milestone *milestones;
    size_t n_milestones;
    const fq_production *latest_production; /* may be NULL: no count yet */
    const fq_visit_outcome *visits;
    size_t n_visits;
    const fq_approval *approvals;           /* written approvals recorded on site */
    size_t n_approvals;
    const fq_issue *issues;
    size_t n_issues;
} fq_order_facts;

#define FQ_LIGHT_REASONS_MAX 8

/* An order's light and every reason behind it that is not green, worst first (the first is
 * the light's own reason; "on schedule" when none). */
typedef struct fq_light_report {
    fq_light light;
    int n_reasons;
    fq_light_result reasons[FQ_LIGHT_REASONS_MAX];
} fq_light_report;

/* The order's report at now_utc. `f` and `out` must not be NULL. */
void fq_light_order_report(const fq_order_facts *f, int64_t now_utc, fq_light_report *out);

/* The light of milestone `m` of the order `f` describes: its dates, and for the sample
 * approval the hard gate (red when production started without an approved sample). */
fq_light_result fq_light_milestone_in(const fq_milestone *m, const fq_order_facts *f,
                                      int64_t now_utc);

/* fq_light_milestone_in when the gate's state is known already (gate_broken: what
 * fq_sample_gate_broken says of the order). */
fq_light_result fq_light_milestone_gated(const fq_milestone *m, bool gate_broken,
                                         int64_t now_utc);

/* True when production started without an approved sample (the hard gate is broken). */
bool fq_sample_gate_broken(const fq_order_facts *f);

/* The first reason of a report (its light and reason), as fq_light_order gives it. */
fq_light_result fq_light_report_worst(const fq_light_report *r);

/* True when production has started according to the order's milestones or the latest
 * production count (completed > 0). `production` may be NULL. */
bool fq_production_started(const fq_milestone *ms, size_t n_ms, const fq_production *production);

/* True when the chain holds an approved sample: sample approval (or, on a packaging order,
 * the sample version item) DONE with an approver. */
bool fq_sample_approved(const fq_milestone *ms, size_t n_ms);

/* fq_sample_approved, or a written approval recorded on site for that milestone. */
bool fq_sample_approved_in(const fq_order_facts *f);

/* The 40 % packaging warning: yellow with a reason when packaging is not confirmed on site
 * (answered no, or not answered) and completed / ordered >= 40 %; green otherwise. `p` must
 * not be NULL. */
fq_light_result fq_light_packaging(const fq_production *p);

/* Light of an order from its milestones and latest count only: the worst of its
 * milestones, the sample gate and the packaging rule (fq_light_order_report with no visits,
 * approvals or issues). `ms` may be NULL when n_ms is 0; `latest_production` may be NULL. */
fq_light_result fq_light_order(const fq_milestone *ms, size_t n_ms,
                               const fq_production *latest_production, int64_t now_utc);

/* The facts of many orders read as flat lists (a store's batch queries): each list sorted
 * by the caller's order index, idx[k] the index of element k. production[i] is order i's
 * latest count when has_production[i]. Arrays may be NULL when their count is 0. */
typedef struct fq_order_fact_lists {
    const fq_milestone *milestones;
    const long *milestone_idx;
    size_t n_milestones;
    const fq_approval *approvals;
    const long *approval_idx;
    size_t n_approvals;
    const fq_issue *issues;
    const long *issue_idx;
    size_t n_issues;
    const fq_visit_outcome *visits;
    const long *visit_idx;
    size_t n_visits;
    const fq_production *production;
    const int *has_production;
} fq_order_fact_lists;

typedef void (*fq_order_facts_fn)(void *ctx, size_t i, const fq_order_facts *f);

/* Calls fn with the facts of each order 0..n_orders-1 in turn (pointing into l's arrays,
 * valid during the call). */
void fq_order_facts_each(const fq_order_fact_lists *l, size_t n_orders, fq_order_facts_fn fn,
                         void *ctx);

/* Where fq_order_facts_collect puts what it decides of order i: reports[i] and summaries[i]
 * (either may be NULL), at now_utc. */
typedef struct fq_order_facts_out {
    fq_light_report *reports;
    struct fq_order_summary *summaries;
    int64_t now_utc;
} fq_order_facts_out;

/* An fq_order_facts_fn for fq_order_facts_each with an fq_order_facts_out as ctx. */
void fq_order_facts_collect(void *ctx, size_t i, const fq_order_facts *f);

/* ---- an order at a glance (the portal's dashboard, issue 14) ---- */

#define FQ_ORDER_INSPECTORS_MAX 4

typedef struct fq_order_summary {
    fq_light_report report;        /* the light with every reason */
    int has_next;                  /* a milestone of the chain is not done or waived */
    int32_t next_kind;             /* fq_milestone_kind of the next one */
    char next_title[FQ_TEXT_LEN];  /* its title ("" : the kind's name applies) */
    int64_t next_due_utc;          /* its due day (0 : none) */
    fq_light next_light;           /* its own light (fq_light_milestone_in) */
    bool sample_gate_broken;       /* fq_sample_gate_broken */
    int32_t n_visits;
    int32_t n_open_issues;
    int32_t n_inspectors;          /* distinct inspector names of its visits, first seen first */
    char inspectors[FQ_ORDER_INSPECTORS_MAX][FQ_NAME_LEN];
} fq_order_summary;

/* The next milestone of the chain: the first (in the order given: chain position) that is
 * neither done nor waived; -1 when all are. `ms` may be NULL when n_ms is 0. */
long fq_order_next_milestone(const fq_milestone *ms, size_t n_ms);

/* An order's summary from its facts at now_utc: the report of fq_light_order_report, the
 * next milestone and its light, counts, the inspectors. `f` and `out` must not be NULL. */
void fq_order_summarize(const fq_order_facts *f, int64_t now_utc, fq_order_summary *out);

/* 1 when the summary names inspector (exactly, after trimming nothing). */
int fq_order_summary_has_inspector(const fq_order_summary *s, const char *inspector);

/* "green" / "yellow" / "red". */
const char *fq_light_name(fq_light light);

#endif
