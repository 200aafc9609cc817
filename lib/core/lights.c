/* Traffic-light rules of lights.h. Reasons are written for the inspector and the buyer's
 * report, so they name the milestone and the number of days. */
#include "core/lights.h"
#include "core/tr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/names.h"

#define DAY_S 86400

static bool is_closed(const fq_milestone *m)
{
    return m->status == FQ_MSS_DONE || m->status == FQ_MSS_WAIVED;
}

static fq_light_result green(const char *reason)
{
    fq_light_result r;
    r.light = FQ_LIGHT_GREEN;
    snprintf(r.reason, sizeof r.reason, "%s", reason);
    return r;
}

static bool is_sample_milestone(const fq_milestone *m)
{
    return m->kind == FQ_MS_SAMPLE_APPROVAL || m->kind == FQ_MS_PKG_SAMPLE_VERSION;
}

/* Due dates are days (stored as 00:00 UTC of the day): a milestone due today is on time
 * all day, and one full day later it is 1 day late. */
static int64_t days_late(int64_t due_utc, int64_t now_utc)
{
    return (now_utc - due_utc) / DAY_S;
}

fq_light_result fq_light_milestone(const fq_milestone *m, int64_t now_utc)
{
    const char *name = m->title[0] ? m->title : FQ_TR(fq_milestone_kind_name(m->kind));
    fq_light_result r;
    if (is_closed(m))
        return green(m->status == FQ_MSS_WAIVED ? FQ_TR("waived in writing") : FQ_TR("done"));
    int64_t late = m->due_utc > 0 && now_utc > m->due_utc ? days_late(m->due_utc, now_utc) : 0;
    if (late <= 0)
        return green(FQ_TR("on schedule"));
    r.light = late > m->grace_days ? FQ_LIGHT_RED : FQ_LIGHT_YELLOW;
    snprintf(r.reason, sizeof r.reason,
             FQ_TRN("%s is %lld day past due%s", "%s is %lld days past due%s", late), name,
             (long long)late,
             r.light == FQ_LIGHT_RED ? FQ_TR(" (beyond its grace period): tell the buyer") : "");
    return r;
}

bool fq_sample_approved(const fq_milestone *ms, size_t n_ms)
{
    /* packaging orders approve their sample as the "sample version" log item */
    for (size_t i = 0; i < n_ms; i++)
        if (is_sample_milestone(&ms[i]) && ms[i].status == FQ_MSS_DONE && ms[i].approved_by[0])
            return true;
    return false;
}

bool fq_sample_approved_in(const fq_order_facts *f)
{
    if (fq_sample_approved(f->milestones, f->n_milestones))
        return true;
    /* a written approval recorded on site for the sample milestone counts as well */
    for (size_t a = 0; a < f->n_approvals; a++) {
        const fq_approval *ap = &f->approvals[a];
        if (ap->kind != FQ_APPROVAL_APPROVAL || !ap->milestone_uuid[0] || !ap->approver_name[0])
            continue;
        for (size_t i = 0; i < f->n_milestones; i++)
            if (is_sample_milestone(&f->milestones[i]) &&
                !strcmp(f->milestones[i].meta.uuid, ap->milestone_uuid))
                return true;
    }
    return false;
}

bool fq_production_started(const fq_milestone *ms, size_t n_ms, const fq_production *production)
{
    if (production && production->completed > 0)
        return true;
    for (size_t i = 0; i < n_ms; i++) {
        const fq_milestone *m = &ms[i];
        bool active = m->status == FQ_MSS_IN_PROGRESS || m->status == FQ_MSS_DONE;
        if (!active)
            continue;
        if (m->kind == FQ_MS_PKG_PRODUCTION_START || m->kind == FQ_MS_FIRST_ARTICLE ||
            m->kind == FQ_MS_INLINE_CHECK || m->kind == FQ_MS_PRE_SHIPMENT)
            return true;
    }
    return false;
}

bool fq_sample_gate_broken(const fq_order_facts *f)
{
    return fq_production_started(f->milestones, f->n_milestones, f->latest_production) &&
           !fq_sample_approved_in(f);
}

fq_light_result fq_light_packaging(const fq_production *p)
{
    fq_light_result r;
    if (p->packaging_on_site == FQ_ANSWER_YES || p->ordered <= 0)
        return green(FQ_TR("packaging on site"));
    /* integer percent, rounded down: 40 % means completed*100 >= 40*ordered */
    if (p->completed * 100 < (int64_t)FQ_PACKAGING_WARN_PERCENT * p->ordered)
        return green(FQ_TR("packaging not needed yet"));
    r.light = FQ_LIGHT_YELLOW;
    snprintf(r.reason, sizeof r.reason,
             FQ_TR("packaging materials %s with %lld %% of the product complete: packaging "
             "errors become likely"),
             p->packaging_on_site == FQ_ANSWER_NO ? FQ_TR("not on site") : FQ_TR("not confirmed on site"),
             (long long)(p->completed * 100 / p->ordered));
    return r;
}

static const char *gate_reason(void)
{
    return FQ_TR("production started without an approved sample (hard gate)");
}

fq_light_result fq_light_milestone_in(const fq_milestone *m, const fq_order_facts *f,
                                      int64_t now_utc)
{
    return fq_light_milestone_gated(m, is_sample_milestone(m) && fq_sample_gate_broken(f),
                                    now_utc);
}

fq_light_result fq_light_milestone_gated(const fq_milestone *m, bool gate_broken,
                                         int64_t now_utc)
{
    fq_light_result r = fq_light_milestone(m, now_utc);
    if (is_sample_milestone(m) && gate_broken) {
        r.light = FQ_LIGHT_RED;
        snprintf(r.reason, sizeof r.reason, "%s", gate_reason());
    }
    return r;
}

static void add(fq_light_report *out, fq_light light, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Adds a reason, kept worst first (stable among equals); past the cap the mildest go. */
static void add(fq_light_report *out, fq_light light, const char *fmt, ...)
{
    fq_light_result r;
    r.light = light;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r.reason, sizeof r.reason, fmt, ap);
    va_end(ap);
    int at = out->n_reasons;
    while (at > 0 && out->reasons[at - 1].light < light)
        at--;
    if (at >= FQ_LIGHT_REASONS_MAX)
        return;
    int last = out->n_reasons < FQ_LIGHT_REASONS_MAX ? out->n_reasons : FQ_LIGHT_REASONS_MAX - 1;
    for (int i = last; i > at; i--)
        out->reasons[i] = out->reasons[i - 1];
    out->reasons[at] = r;
    if (out->n_reasons < FQ_LIGHT_REASONS_MAX)
        out->n_reasons++;
}

static void visit_reasons(const fq_order_facts *f, fq_light_report *out)
{
    /* the final inspection that counts is the last one signed off (a re-inspection after a
     * failed one decides again) */
    const fq_visit_outcome *final = NULL;
    for (size_t i = 0; i < f->n_visits; i++) {
        const fq_visit_outcome *v = &f->visits[i];
        if (!v->finished)
            continue;
        if (v->type == FQ_VISIT_PRE_SHIPMENT) {
            if (!final || v->ended_utc >= final->ended_utc)
                final = v;
        } else if (v->verdict == FQ_VERDICT_FAIL) {
            char d[FQ_DATE_LEN];
            fq_utc_format_date(v->ended_utc, d, sizeof d);
            add(out, FQ_LIGHT_YELLOW, FQ_TR("%s signed off as failed on %s: corrective action needed"),
                FQ_TR(fq_visit_type_name(v->type)), d);
        }
    }
    if (!final)
        return;
    char d[FQ_DATE_LEN];
    fq_utc_format_date(final->ended_utc, d, sizeof d);
    if (final->verdict == FQ_VERDICT_FAIL)
        add(out, FQ_LIGHT_RED, FQ_TR("final inspection failed (signed off %s): tell the buyer, the "
                               "lot must not ship"), d);
    if (final->lot_result == FQ_AQL_LOT_REJECTED)
        add(out, FQ_LIGHT_RED, FQ_TR("lot rejected by the AQL sample of the final inspection (%s)"), d);
}

static void issue_reasons(const fq_order_facts *f, int64_t now_utc, fq_light_report *out)
{
    for (size_t i = 0; i < f->n_issues; i++) {
        const fq_issue *is = &f->issues[i];
        if (is->closed_utc || !is->due_utc || now_utc <= is->due_utc)
            continue;
        int64_t late = days_late(is->due_utc, now_utc);
        if (late <= 0)
            continue;
        char owner[FQ_NAME_LEN + 16] = "";
        if (is->owner[0])
            snprintf(owner, sizeof owner, FQ_TR(" (owner %s)"), is->owner);
        add(out, FQ_LIGHT_YELLOW,
            FQ_TRN("issue \"%.80s\" is %lld day past due%s",
                   "issue \"%.80s\" is %lld days past due%s", late),
            is->title, (long long)late, owner);
    }
}

void fq_light_order_report(const fq_order_facts *f, int64_t now_utc, fq_light_report *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < f->n_milestones; i++) {
        fq_light_result r = fq_light_milestone(&f->milestones[i], now_utc);
        if (r.light != FQ_LIGHT_GREEN)
            add(out, r.light, "%s", r.reason);
    }
    /* the gate first: of all reds it is the graver risk */
    if (fq_sample_gate_broken(f)) {
        add(out, FQ_LIGHT_RED, "%s", gate_reason());
        for (int i = 1; i < out->n_reasons; i++)
            if (!strcmp(out->reasons[i].reason, gate_reason())) {
                fq_light_result g = out->reasons[i];
                memmove(&out->reasons[1], &out->reasons[0], (size_t)i * sizeof g);
                out->reasons[0] = g;
                break;
            }
    }
    visit_reasons(f, out);
    if (f->latest_production) {
        fq_light_result p = fq_light_packaging(f->latest_production);
        if (p.light != FQ_LIGHT_GREEN)
            add(out, p.light, "%s", p.reason);
    }
    issue_reasons(f, now_utc, out);
    out->light = out->n_reasons ? out->reasons[0].light : FQ_LIGHT_GREEN;
}

fq_light_result fq_light_report_worst(const fq_light_report *r)
{
    return r->n_reasons ? r->reasons[0] : green(FQ_TR("on schedule"));
}

fq_light_result fq_light_order(const fq_milestone *ms, size_t n_ms,
                               const fq_production *latest_production, int64_t now_utc)
{
    fq_order_facts f;
    memset(&f, 0, sizeof f);
    f.milestones = ms;
    f.n_milestones = n_ms;
    f.latest_production = latest_production;
    fq_light_report r;
    fq_light_order_report(&f, now_utc, &r);
    return fq_light_report_worst(&r);
}

/* [first, end) of order i in a list sorted by order index; moves *at past it. */
static size_t take(const long *idx, size_t n, size_t *at, size_t i, size_t *first)
{
    *first = *at;
    while (*at < n && idx[*at] == (long)i)
        (*at)++;
    return *at - *first;
}

void fq_order_facts_each(const fq_order_fact_lists *l, size_t n_orders, fq_order_facts_fn fn,
                         void *ctx)
{
    size_t at_ms = 0, at_ap = 0, at_is = 0, at_vo = 0, first;
    for (size_t i = 0; i < n_orders; i++) {
        fq_order_facts f;
        memset(&f, 0, sizeof f);
        f.n_milestones = take(l->milestone_idx, l->n_milestones, &at_ms, i, &first);
        f.milestones = f.n_milestones ? l->milestones + first : NULL;
        f.n_approvals = take(l->approval_idx, l->n_approvals, &at_ap, i, &first);
        f.approvals = f.n_approvals ? l->approvals + first : NULL;
        f.n_issues = take(l->issue_idx, l->n_issues, &at_is, i, &first);
        f.issues = f.n_issues ? l->issues + first : NULL;
        f.n_visits = take(l->visit_idx, l->n_visits, &at_vo, i, &first);
        f.visits = f.n_visits ? l->visits + first : NULL;
        f.latest_production = l->has_production[i] ? &l->production[i] : NULL;
        fn(ctx, i, &f);
    }
}

void fq_order_facts_collect(void *ctx, size_t i, const fq_order_facts *f)
{
    const fq_order_facts_out *out = ctx;
    if (out->reports)
        fq_light_order_report(f, out->now_utc, &out->reports[i]);
    if (out->summaries)
        fq_order_summarize(f, out->now_utc, &out->summaries[i]);
}

long fq_order_next_milestone(const fq_milestone *ms, size_t n_ms)
{
    for (size_t i = 0; i < n_ms; i++)
        if (!is_closed(&ms[i]))
            return (long)i;
    return -1;
}

static void add_inspector(fq_order_summary *out, const char *name)
{
    if (!name[0] || fq_order_summary_has_inspector(out, name) ||
        out->n_inspectors >= FQ_ORDER_INSPECTORS_MAX)
        return;
    snprintf(out->inspectors[out->n_inspectors++], FQ_NAME_LEN, "%s", name);
}

void fq_order_summarize(const fq_order_facts *f, int64_t now_utc, fq_order_summary *out)
{
    memset(out, 0, sizeof *out);
    fq_light_order_report(f, now_utc, &out->report);
    out->sample_gate_broken = fq_sample_gate_broken(f);
    long next = fq_order_next_milestone(f->milestones, f->n_milestones);
    if (next >= 0) {
        const fq_milestone *m = &f->milestones[next];
        out->has_next = 1;
        out->next_kind = m->kind;
        snprintf(out->next_title, sizeof out->next_title, "%s", m->title);
        out->next_due_utc = m->due_utc;
        out->next_light = fq_light_milestone_in(m, f, now_utc).light;
    }
    out->n_visits = (int32_t)f->n_visits;
    for (size_t i = 0; i < f->n_visits; i++)
        add_inspector(out, f->visits[i].inspector);
    for (size_t i = 0; i < f->n_issues; i++)
        out->n_open_issues += f->issues[i].closed_utc == 0;
}

int fq_order_summary_has_inspector(const fq_order_summary *s, const char *inspector)
{
    for (int32_t i = 0; i < s->n_inspectors; i++)
        if (!strcmp(s->inspectors[i], inspector))
            return 1;
    return 0;
}

const char *fq_light_name(fq_light light)
{
    switch (light) {
    case FQ_LIGHT_GREEN: return "green";
    case FQ_LIGHT_YELLOW: return "yellow";
    case FQ_LIGHT_RED: return "red";
    }
    return "green";
}
