/* Traffic lights: green / yellow / red status of milestones and orders, each with a
 * human-readable reason (DOMAIN.md "Status is a traffic light", "Early warning").
 *
 * Rules:
 *  - a milestone not done/waived and past its due date is yellow; past due by more than its
 *    grace days it is red (due dates are days: late counts in whole days after the due day);
 *  - production started without an approved sample is red (sample approval is a hard gate);
 *  - packaging materials not on site when 40 % or more of the product is complete is yellow;
 *  - an order shows its worst light; the reason is the worst rule's reason.
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

/* Light of one milestone at now_utc. `m` must not be NULL. */
fq_light_result fq_light_milestone(const fq_milestone *m, int64_t now_utc);

/* True when production has started according to the order's milestones or the latest
 * production count (completed > 0). `production` may be NULL. */
bool fq_production_started(const fq_milestone *ms, size_t n_ms, const fq_production *production);

/* True when the chain holds an approved sample: sample approval (or, on a packaging order,
 * the sample version item) DONE with an approver. */
bool fq_sample_approved(const fq_milestone *ms, size_t n_ms);

/* The 40 % packaging warning: yellow with a reason when packaging is not on site and
 * completed / ordered >= 40 %; green otherwise. `p` must not be NULL. */
fq_light_result fq_light_packaging(const fq_production *p);

/* Light of an order: the worst of its milestones, the sample gate and the packaging rule.
 * `ms` may be NULL when n_ms is 0; `latest_production` may be NULL (no count yet). */
fq_light_result fq_light_order(const fq_milestone *ms, size_t n_ms,
                               const fq_production *latest_production, int64_t now_utc);

/* "green" / "yellow" / "red". */
const char *fq_light_name(fq_light light);

#endif
