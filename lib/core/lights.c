/* Traffic-light rules of lights.h. Reasons are written for the inspector and the buyer's
 * report, so they name the milestone and the number of days. */
#include "core/lights.h"

#include <stdio.h>
#include <string.h>

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

/* Due dates are days (stored as 00:00 UTC of the day): a milestone due today is on time
 * all day, and one full day later it is 1 day late. */
static int64_t days_late(int64_t due_utc, int64_t now_utc)
{
    return (now_utc - due_utc) / DAY_S;
}

fq_light_result fq_light_milestone(const fq_milestone *m, int64_t now_utc)
{
    const char *name = m->title[0] ? m->title : fq_milestone_kind_name(m->kind);
    fq_light_result r;
    if (is_closed(m))
        return green(m->status == FQ_MSS_WAIVED ? "waived in writing" : "done");
    int64_t late = m->due_utc > 0 && now_utc > m->due_utc ? days_late(m->due_utc, now_utc) : 0;
    if (late <= 0)
        return green("on schedule");
    r.light = late > m->grace_days ? FQ_LIGHT_RED : FQ_LIGHT_YELLOW;
    snprintf(r.reason, sizeof r.reason, "%s is %lld day%s past due%s", name, (long long)late,
             late == 1 ? "" : "s",
             r.light == FQ_LIGHT_RED ? " (beyond its grace period): tell the buyer" : "");
    return r;
}

bool fq_sample_approved(const fq_milestone *ms, size_t n_ms)
{
    /* packaging orders approve their sample as the "sample version" log item */
    for (size_t i = 0; i < n_ms; i++)
        if ((ms[i].kind == FQ_MS_SAMPLE_APPROVAL || ms[i].kind == FQ_MS_PKG_SAMPLE_VERSION) &&
            ms[i].status == FQ_MSS_DONE && ms[i].approved_by[0])
            return true;
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

fq_light_result fq_light_packaging(const fq_production *p)
{
    fq_light_result r;
    if (p->packaging_on_site || p->ordered <= 0)
        return green("packaging on site");
    /* integer percent, rounded down: 40 % means completed*100 >= 40*ordered */
    if (p->completed * 100 < (int64_t)FQ_PACKAGING_WARN_PERCENT * p->ordered)
        return green("packaging not needed yet");
    r.light = FQ_LIGHT_YELLOW;
    snprintf(r.reason, sizeof r.reason,
             "packaging materials not on site with %lld %% of the product complete: packaging "
             "errors become likely",
             (long long)(p->completed * 100 / p->ordered));
    return r;
}

static void take_worse(fq_light_result *worst, fq_light_result candidate)
{
    if (candidate.light > worst->light)
        *worst = candidate;
}

fq_light_result fq_light_order(const fq_milestone *ms, size_t n_ms,
                               const fq_production *latest_production, int64_t now_utc)
{
    fq_light_result worst = green("on schedule");
    for (size_t i = 0; i < n_ms; i++)
        take_worse(&worst, fq_light_milestone(&ms[i], now_utc));
    if (latest_production)
        take_worse(&worst, fq_light_packaging(latest_production));
    if (fq_production_started(ms, n_ms, latest_production) && !fq_sample_approved(ms, n_ms)) {
        fq_light_result gate;
        gate.light = FQ_LIGHT_RED;
        snprintf(gate.reason, sizeof gate.reason,
                 "production started without an approved sample (hard gate)");
        /* The gate outranks a late milestone of the same colour: it is the graver risk. */
        if (worst.light < FQ_LIGHT_RED || strstr(worst.reason, "past due"))
            worst = gate;
    }
    return worst;
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
