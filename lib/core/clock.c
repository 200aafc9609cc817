/* Clock plausibility rules (clock.h). */
#include <stddef.h>
#include <stdio.h>

#include "core/civil.h"
#include "core/tr.h"
#include "core/clock.h"

#define THIRTY_YEARS_S (30LL * 366 * 86400)

/* "2026-12-01 09:00 UTC" (the clock of a Pi without RTC may be exactly 0: 1970-01-01) */
static void when(int64_t utc, char *out, size_t len)
{
    char iso[32];
    if (utc == 0)
        snprintf(iso, sizeof iso, "1970-01-01T00:00:00Z");
    else
        fq_utc_format(utc, iso, sizeof iso);
    snprintf(out, len, FQ_TR("%.10s %.5s UTC"), iso, iso + 11);
}

fq_clock_verdict fq_clock_judge(const fq_clock_facts *f)
{
    fq_clock_verdict v = {true, ""};
    char now[40], then[40];
    when(f->now_utc, now, sizeof now);
    if (f->build_utc > 0 && f->now_utc < f->build_utc - 86400) {
        fq_utc_format_date(f->build_utc, then, sizeof then);
        snprintf(v.reason, sizeof v.reason,
                 FQ_TR("The clock says %s, before this app was made (%s). Set the date and time."),
                 now, then);
        v.plausible = false;
    } else if (f->build_utc > 0 && f->now_utc > f->build_utc + THIRTY_YEARS_S) {
        snprintf(v.reason, sizeof v.reason,
                 FQ_TR("The clock says %s, decades ahead. Set the date and time."), now);
        v.plausible = false;
    } else if (f->office_utc > 0 && f->now_utc < f->office_utc - FQ_CLOCK_SLACK_S) {
        when(f->office_utc, then, sizeof then);
        snprintf(v.reason, sizeof v.reason,
                 FQ_TR("The clock says %s, but the office's last file was written at %s. Set the "
                 "date and time."), now, then);
        v.plausible = false;
    } else if (f->office_seen_utc > 0 && f->now_utc < f->office_seen_utc - FQ_CLOCK_SLACK_S) {
        when(f->office_seen_utc, then, sizeof then);
        snprintf(v.reason, sizeof v.reason,
                 FQ_TR("The clock went back: it says %s, but the office's last file arrived at %s. "
                 "Set the date and time."), now, then);
        v.plausible = false;
    }
    return v;
}
