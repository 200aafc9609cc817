/* Is the device's clock believable? Every record, photo and signature carries the device's
 * time: a Pi without a real-time clock that boots offline starts from its last shutdown (or
 * 1970), and a buyer reading "inspected on 1970-01-01" — or a date before the job pack that
 * assigned the visit — stops trusting the report. The facts are the app's build time and the
 * office's clock as it came with the last receipt or job pack. */
#ifndef FQ_CORE_CLOCK_H
#define FQ_CORE_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct fq_clock_facts {
    int64_t now_utc;          /* the device's clock */
    int64_t build_utc;        /* when this app was built (0: unknown) */
    int64_t office_utc;       /* the office's time written into its newest file (0: none) */
    int64_t office_seen_utc;  /* the device's clock when that file was applied (0: none) */
} fq_clock_facts;

/* Tolerance for clocks that are only roughly set (the office laptop, the device). */
#define FQ_CLOCK_SLACK_S (10 * 60)

typedef struct fq_clock_verdict {
    bool plausible;
    char reason[240]; /* why not, in the inspector's words; "" when plausible */
} fq_clock_verdict;

/* The clock is implausible when it is before the app was built, far beyond it (more than
 * 30 years), behind the office's newest file by more than the slack, or behind the moment that
 * file was applied (it went back). */
fq_clock_verdict fq_clock_judge(const fq_clock_facts *facts);

#endif
