/* What makes a visit record hold up as evidence (issue 12): plausible counts, samples within
 * their plan, resolutions and reasons of substance, a Fail with its evidence, and a sign-off
 * both parties made (or the factory representative's refusal, with its reason).
 *
 * Each check fills a result with messages written for the inspector, at the field they are
 * about, and says whether the value may be stored. The services apply them before every
 * write; the screens show the messages. Pure functions: no I/O, no clock, no allocation. */
#ifndef FQ_CORE_EVIDENCE_H
#define FQ_CORE_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/model.h"

#define FQ_EVIDENCE_MSG_LEN 240

/* ---- text of substance ---- */

/* True when `text` says something: at least FQ_EVIDENCE_MIN_WEIGHT letters and digits (an
 * ideograph counts 3: Chinese says more per character) and not only a stock answer ("ok",
 * "done", "fixed", "will do", ...). A vague answer does not close an issue (DOMAIN.md), nor
 * override a rule. On false, why (why_len bytes, may be NULL) gets the reason. */
#define FQ_EVIDENCE_MIN_WEIGHT 12
bool fq_text_has_substance(const char *text, char *why, size_t why_len);

/* ---- production counts ---- */

/* The field a count problem is about. */
typedef enum fq_count_field {
    FQ_COUNT_NONE = 0,
    FQ_COUNT_ORDERED,
    FQ_COUNT_COMPLETED,
    FQ_COUNT_PACKED,
    FQ_COUNT_CARTONS
} fq_count_field;

typedef struct fq_count_check {
    bool ok;                         /* may be stored as it is */
    bool needs_confirmation;         /* over the order: stored only when confirmed with a note */
    fq_count_field field;            /* the field the message is about (NONE when ok) */
    char message[FQ_EVIDENCE_MSG_LEN];
} fq_count_check;

/* Checks a production count: no negative figure; packed not above completed; completed or
 * packed above the ordered quantity only when `over_confirmed` and the count's note says why
 * (needs_confirmation tells the screen to ask). Always fills *out. */
void fq_production_check(const fq_production *p, bool over_confirmed, fq_count_check *out);

/* The progress line of a count, honest past the order: "84 % complete, 36 % packed, 800
 * remaining" or "7000 completed of 5000 ordered: 2000 over the order". "" when nothing is
 * ordered. */
void fq_production_progress_text(const fq_production *p, char *buf, size_t len);

/* ---- AQL sample ---- */

/* Units sampled must lie within 0 .. sample_size (the largest sample the plan draws; 0 when
 * no plan is computed yet: then within the lot, lot_size). FQ_OK, or FQ_ERR_INVALID with
 * the reason in why. */
fq_err fq_sample_check(int64_t sampled, int64_t sample_size, int64_t lot_size, char *why,
                       size_t why_len);

/* ---- checklist findings ---- */

/* True when a finding still lacks the evidence its checklist item asks for: a Fail on an
 * item whose fail_evidence is REQUIRED with neither a note (not blank) nor a photo. */
bool fq_finding_lacks_evidence(const fq_finding *f, int32_t fail_evidence, int32_t n_photos);

/* ---- sign-off ---- */

/* What a sign-off is made of, as the screen collected it and the visit stands. */
typedef struct fq_signoff_facts {
    int32_t verdict;                 /* fq_verdict */
    int32_t n_items;                 /* checklist items of the visit */
    int32_t n_unanswered;            /* ... with no answer (N/A is an answer) */
    int32_t n_lacking_evidence;      /* Fails without the note or photo their item needs */
    const char *override_reason;     /* why "pass" with unanswered items (may be NULL) */
    const char *inspector_name;
    bool inspector_signed;
    const char *rep_name;            /* the factory representative */
    bool rep_signed;
    bool rep_refused;                /* the representative refused to sign ... */
    const char *refusal_reason;      /* ... and said (or was seen to say) why */
} fq_signoff_facts;

#define FQ_SIGNOFF_PROBLEMS_MAX 8

typedef struct fq_signoff_check {
    int n_problems;                  /* 0: the sign-off may be recorded */
    char problems[FQ_SIGNOFF_PROBLEMS_MAX][FQ_EVIDENCE_MSG_LEN];
    bool override_used;              /* "pass" with unanswered items, on the given reason */
} fq_signoff_check;

/* The sign-off rules: the inspector named and signed; the factory representative named and
 * signed, or the refusal recorded with a reason of substance (not both); "pass" with
 * unanswered items only with an override reason of substance; no sign-off while a Fail
 * lacks its evidence. Fills *out with every problem; FQ_OK when there is none, else
 * FQ_ERR_INVALID. */
fq_err fq_signoff_rules(const fq_signoff_facts *f, fq_signoff_check *out);

#endif
