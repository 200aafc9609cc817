/* The AQL engine: single sampling plans of ISO 2859-1:1999 (= GB/T 2828.1-2012) and of
 * ANSI/ASQ Z1.4-2008, the buyer's choice per order. Both share Table 1 and the normal and
 * tightened tables; they differ in reduced inspection: ISO's 1999 edition closed the gap
 * between Ac and Re, Z1.4 kept it (a count between Ac and Re accepts the lot but reinstates
 * normal inspection).
 *
 * What it does: Table 1 (lot size + inspection level -> sample size code letter), Tables
 * 2-A / 2-B / 2-C (code letter + AQL -> sample size, Ac, Re, following the arrows of the
 * master tables to the plan actually used), the verdict per severity and per visit, and the
 * switching rules (ISO clause 9, Z1.4 section 8: normal / tightened / reduced /
 * discontinued).
 * What it does not do: any I/O, double or multiple sampling, fractional acceptance numbers
 * (Tables 11-x), or remembering lot history (the store supplies it, oldest lot first).
 *
 * AQL values are integers in thousandths of a percent-unit, as in model.h: 0.010 -> 10,
 * 2.5 -> 2500, 1000 -> 1000000. FQ_AQL_ZERO_TOLERANCE (0) and FQ_AQL_NOT_INSPECTED (-1)
 * come from model.h. All functions are pure and thread-safe; none allocates. */
#ifndef FQ_CORE_AQL_H
#define FQ_CORE_AQL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/model.h"

/* The sampling standard a lot is inspected under. Stored in databases and bundles: never
 * renumber. */
typedef enum fq_aql_standard {
    FQ_AQL_ISO_2859_1 = 0, /* ISO 2859-1:1999 = GB/T 2828.1-2012: the default */
    FQ_AQL_ANSI_Z14 = 1,   /* ANSI/ASQ Z1.4-2008 */
    FQ_AQL_STANDARD_COUNT
} fq_aql_standard;

typedef enum fq_aql_level {
    FQ_AQL_LEVEL_I = 0,
    FQ_AQL_LEVEL_II,
    FQ_AQL_LEVEL_III,
    FQ_AQL_LEVEL_S1,
    FQ_AQL_LEVEL_S2,
    FQ_AQL_LEVEL_S3,
    FQ_AQL_LEVEL_S4,
    FQ_AQL_LEVEL_COUNT
} fq_aql_level;

/* Severity of inspection (clause 9). DISCONTINUED is only a switching result (9.4): no
 * plan exists for it and plan lookups refuse it. */
typedef enum fq_aql_mode {
    FQ_AQL_NORMAL = 0,
    FQ_AQL_TIGHTENED,
    FQ_AQL_REDUCED,
    FQ_AQL_DISCONTINUED,
    FQ_AQL_MODE_COUNT
} fq_aql_mode;

/* The 26 AQL columns of Tables 2-A..2-C, 0.010 .. 1000. */
#define FQ_AQL_N_COLUMNS 26
#define FQ_AQL_REASON_LEN 320
#define FQ_AQL_SEVERITIES 3 /* index fq_severity - 1: minor, major, critical */

/* One single sampling plan, resolved. */
typedef struct fq_aql_sampling {
    int32_t standard;          /* fq_aql_standard whose table gave the plan */
    char code_letter;          /* from Table 1 (or as given) */
    char plan_letter;          /* letter of the plan used after following arrows ('S' only in 2-B) */
    int32_t table_sample_size; /* the sample size of the plan used */
    int64_t sample_size;       /* units to inspect: table size, or the lot size when full_inspection */
    int32_t ac;                /* acceptance number */
    int32_t re;                /* rejection number: ac + 1, except Z1.4 reduced plans (gap) */
    bool full_inspection;      /* sample size >= lot size: inspect the whole lot (Table 2 note) */
} fq_aql_sampling;

typedef enum fq_aql_outcome {
    FQ_AQL_OUTCOME_NOT_INSPECTED = 0,
    FQ_AQL_OUTCOME_ACCEPT,
    FQ_AQL_OUTCOME_REJECT
} fq_aql_outcome;

typedef struct fq_aql_severity_result {
    int32_t aql_milli;          /* as given: a table AQL, ZERO_TOLERANCE or NOT_INSPECTED */
    bool zero_tolerance;        /* Ac 0 / Re 1 at the visit's largest sample (not a table AQL) */
    fq_aql_sampling plan;       /* zeroed when not inspected */
    int32_t found;              /* defects found in the sample */
    fq_aql_outcome outcome;
    bool reinstate_normal;        /* accepted with Ac < found < Re (Z1.4 reduced only): the lot
                                   * is accepted but normal inspection returns (Z1.4 10.1.4) */
    int32_t defects_until_reject; /* accepted: how many more defects make it a reject (re - found) */
    int32_t defects_over_ac;      /* rejected: how many defects above Ac (found - ac) */
} fq_aql_severity_result;

typedef struct fq_aql_visit_result {
    fq_aql_severity_result sev[FQ_AQL_SEVERITIES]; /* minor, major, critical */
    int32_t standard;         /* fq_aql_standard */
    fq_aql_outcome overall;   /* REJECT if any severity rejects, ACCEPT if all inspected accept */
    bool reinstate_normal;    /* accepted, but a severity's count fell in a Z1.4 gap */
    int64_t largest_sample;   /* units to draw for the visit: the largest sample of its plans */
    char largest_letter;      /* plan letter of that largest sample */
} fq_aql_visit_result;

/* One lot of the history the switching rules run over (per supplier + product). */
typedef struct fq_aql_lot {
    bool accepted;                 /* result on original inspection (resubmissions ignored) */
    bool reinstate_normal;         /* accepted between Ac and Re on a Z1.4 reduced plan */
    int32_t ac;                    /* Ac of the single sampling plan used (for 9.3.3.2) */
    bool accepted_one_step_tighter;/* would also be accepted with the AQL one step tighter */
    bool production_steady;        /* 9.3.3 b) for a switch to reduced */
    bool reduced_approved;         /* 9.3.3 c) responsible authority wants reduced inspection */
    bool production_irregular;     /* 9.3.4 b) production irregular or delayed */
    bool other_conditions;         /* 9.3.4 c) other conditions warrant normal inspection */
    bool corrective_action;        /* 9.4: supplier improved and authority agreed: resume */
} fq_aql_lot;

/* Switching state after a sequence of lots. A plain value: copy it freely. */
typedef struct fq_aql_switch {
    int32_t standard;              /* fq_aql_standard whose rules run (and whose clauses are cited) */
    int32_t mode;                  /* fq_aql_mode proposed for the next lot */
    int32_t switching_score;       /* 9.3.3.2, counts only while on normal inspection */
    int32_t n_lots;                /* lots processed so far */
    uint32_t normal_history;       /* bit i set: lot i back on normal was not accepted (last 5) */
    int32_t normal_lots;           /* lots on normal since normal (re)started, capped at 5 */
    int32_t tightened_accepted_run;/* consecutive accepted lots on tightened (9.3.2) */
    int32_t tightened_not_accepted;/* lots not accepted since tightened started (9.4) */
    char reason[FQ_AQL_REASON_LEN];/* why mode is what it is, for the inspector */
} fq_aql_switch;

/* ---- tables ---- */

/* AQL of column idx (0..25) in thousandths; -1 when idx is out of range. */
int32_t fq_aql_column_milli(int idx);

/* Column index of a table AQL in thousandths, or -1 when it is not one of the 26 values. */
int fq_aql_column_of(int32_t aql_milli);

/* Table 1: the sample size code letter for lot_size (>= 2) at `level`. Writes the letter
 * ('A'..'R') to *out_letter (non-NULL) on success. FQ_ERR_INVALID for lot_size < 2 or an
 * unknown level. */
fq_err fq_aql_code_letter(int64_t lot_size, fq_aql_level level, char *out_letter);

/* Sample size of code letter `letter` in the master table of `mode` (before any arrow);
 * 0 for an unknown letter or mode. 'S' (3150) exists only for tightened inspection. */
int32_t fq_aql_letter_sample_size(fq_aql_mode mode, char letter);

/* Tables 2-A/2-B/2-C of `standard`: the plan for `code_letter` and a table AQL (thousandths),
 * following arrows to the first plan below or above; the sample size is that plan's. No lot
 * size is known here, so full_inspection is false and sample_size is the table size. out is
 * non-NULL, set only on success. FQ_ERR_INVALID: unknown standard/mode/letter or not a table
 * AQL. */
fq_err fq_aql_plan_for_letter(fq_aql_standard standard, fq_aql_mode mode, char code_letter,
                              int32_t aql_milli, fq_aql_sampling *out);

/* Table 1 then Table 2-x for a lot; sets full_inspection and sample_size = lot_size when
 * the plan's sample size is at least the lot size. Same errors as above plus bad lot size. */
fq_err fq_aql_plan_for_lot(fq_aql_standard standard, int64_t lot_size, fq_aql_level level,
                           fq_aql_mode mode, int32_t aql_milli, fq_aql_sampling *out);

/* ---- verdicts ---- */

/* Plans and verdicts for one visit: every severity i (0 minor, 1 major, 2 critical) with a
 * table AQL gets its own plan; ZERO_TOLERANCE severities get Ac 0 / Re 1 at the largest
 * sample size among the visit's table plans (the code letter's own sample when no severity
 * has a table AQL); NOT_INSPECTED severities are skipped. found (may be NULL = none yet)
 * gives defects per severity. out (non-NULL) set only on success. FQ_ERR_INVALID for bad
 * lot size, level, mode, AQL, negative or too large counts (above the units inspected),
 * or when no severity is inspected. */
fq_err fq_aql_evaluate_visit(fq_aql_standard standard, int64_t lot_size, fq_aql_level level,
                             fq_aql_mode mode, const int32_t aql_milli[FQ_AQL_SEVERITIES],
                             const int32_t *found, fq_aql_visit_result *out);

/* Verdict of one plan for `found` defects into *out (non-NULL, plan non-NULL): accept when
 * found <= Ac, reject when found >= Re, and in a Z1.4 gap accept with reinstate_normal. */
fq_err fq_aql_judge(const fq_aql_sampling *plan, int32_t found, fq_aql_severity_result *out);

/* Text shown in the UI and the report wherever a zero-tolerance severity appears: it says
 * that this is not a table AQL and how it is judged. Static storage, never NULL. */
const char *fq_aql_zero_tolerance_text(void);

/* ---- a visit's plan: default, assessment, lot result ---- */

/* The plan of a visit that has none recorded yet: the order's quantity as the lot, general
 * level II, normal inspection, minor 4.0, major 2.5, critical zero tolerance (DOMAIN.md:
 * typical consumer goods), nothing sampled, lot result open. Writes *out (non-NULL) whole;
 * visit_uuid and order (non-NULL) give the visit, supplier and product. */
void fq_aql_plan_default(const char *visit_uuid, const fq_order *order, fq_aql_plan *out);

/* Why a plan has no verdict (FQ_AQL_STATUS_OK: it has one). */
typedef enum fq_aql_status {
    FQ_AQL_STATUS_OK = 0,
    FQ_AQL_STATUS_NO_LOT_SIZE,      /* lot size below 2: Table 1 has no row */
    FQ_AQL_STATUS_DISCONTINUED,     /* inspection discontinued (9.4): no plan exists */
    FQ_AQL_STATUS_NO_AQL,           /* no severity inspected (or a level/AQL no table has) */
    FQ_AQL_STATUS_TOO_MANY_DEFECTS  /* more defects counted than units in a sample */
} fq_aql_status;

/* Where a visit's AQL sample stands: plans and verdicts, progress, and the lot's result. */
typedef struct fq_aql_assessment {
    fq_aql_status status;
    fq_aql_visit_result result;    /* plans and verdicts; meaningful only when status is OK */
    int64_t sampled;               /* units sampled, as recorded on the plan */
    int64_t to_sample;             /* units still to draw (0 once complete or without verdict) */
    bool sample_complete;          /* status OK and sampled >= result.largest_sample */
    fq_aql_lot_result lot_result;  /* accepted / rejected once the sample is complete (a reject
                                    * found early is final only then: a recount may change it);
                                    * open otherwise */
} fq_aql_assessment;

/* Assesses `plan` (non-NULL) with the defects found per severity (found[i]: minor, major,
 * critical; may be NULL = none yet). A plan without a verdict is not an error: status says
 * why. Writes *out (non-NULL) on success; FQ_ERR_INVALID only for NULL plan or out. */
fq_err fq_aql_assess(const fq_aql_plan *plan, const int32_t *found, fq_aql_assessment *out);

/* ---- switching rules (clause 9) ---- */

/* Start state under `standard`'s rules: normal inspection, switching score 0 (ISO 9.1,
 * 9.3.3.2). st non-NULL; an unknown standard is taken as ISO. */
void fq_aql_switch_init(fq_aql_switch *st, fq_aql_standard standard);

/* Applies one lot (inspected under st->mode) and updates mode, counters and reason.
 * FQ_ERR_INVALID when st or lot is NULL. */
fq_err fq_aql_switch_step(fq_aql_switch *st, const fq_aql_lot *lot);

/* Runs the whole history (oldest first; n_lots may be 0, lots may then be NULL) from the
 * start state of `standard` and writes the final state, whose mode is the proposal for the
 * next lot. */
fq_err fq_aql_switch_replay(fq_aql_standard standard, const fq_aql_lot *lots, size_t n_lots,
                            fq_aql_switch *out);

/* Fills the plan-derived fields of a lot record (accepted, reinstate_normal, ac,
 * accepted_one_step_tighter) from the defects found under `standard` and `mode` for code
 * letter + table AQL; the other fields are cleared (caller sets the conditions). out
 * non-NULL, set only on success. */
fq_err fq_aql_lot_from_count(fq_aql_standard standard, fq_aql_mode mode, char code_letter,
                             int32_t aql_milli, int32_t found, fq_aql_lot *out);

/* A finished lot as recorded on a visit: what the proposal for the next lot is made from. */
typedef struct fq_aql_lot_record {
    int32_t standard;                       /* fq_aql_standard the lot was inspected under */
    int64_t lot_size;
    int32_t level;                          /* fq_aql_level */
    int32_t mode;                           /* fq_aql_mode the lot was inspected under */
    int32_t aql_milli[FQ_AQL_SEVERITIES];   /* minor, major, critical */
    int64_t found[FQ_AQL_SEVERITIES];       /* defects found per severity */
    bool accepted;                          /* the lot's final result */
} fq_aql_lot_record;

/* The severity proposed for the next lot of a supplier + product from its recorded lots
 * (oldest first), under the switching rules of `standard` (the order's; each lot's plan and
 * verdict come from its own record's standard). Per ISO 9.2 the rules run per class: every severity with a table AQL gets its
 * own replay (Ac and the one-step-tighter test from its own count), and the strictest
 * proposal wins (discontinued > tightened > normal > reduced), its reason prefixed with the
 * class. A lot not accepted counts as not accepted for every class. Production is taken as
 * steady and reduced inspection as not approved by the responsible authority (9.3.3 b, c):
 * nothing recorded says either, so reduced is never proposed on its own; the reason says
 * when the score would allow it. Records with a bad lot size, level or mode are skipped.
 * out non-NULL; FQ_ERR_INVALID when lots is NULL with n_lots > 0. */
fq_err fq_aql_propose(fq_aql_standard standard, const fq_aql_lot_record *lots, size_t n_lots,
                      fq_aql_switch *out);

/* ---- names and parsing ---- */

/* "ISO 2859-1:1999", "ANSI/ASQ Z1.4-2008"; "?" for an unknown standard. Never NULL. */
const char *fq_aql_standard_name(fq_aql_standard standard);

/* The short key of a standard for command lines and files: "iso", "z14"; "?" otherwise. */
const char *fq_aql_standard_key(fq_aql_standard standard);

/* Parses "iso" / "z14" (case-insensitive; "gb", "iso2859", "ansi" and "z1.4" too). */
fq_err fq_aql_parse_standard(const char *text, fq_aql_standard *out);

/* "I", "II", "III", "S-1".."S-4"; "?" for an unknown level. Never NULL. */
const char *fq_aql_level_name(fq_aql_level level);

/* Parses a level name as above (case-insensitive, "S1" accepted too). */
fq_err fq_aql_parse_level(const char *text, fq_aql_level *out);

/* "normal", "tightened", "reduced", "discontinued"; "?" otherwise. Never NULL. */
const char *fq_aql_mode_name(fq_aql_mode mode);

/* Parses "normal" / "tightened" / "reduced" (the modes a plan exists for). */
fq_err fq_aql_parse_mode(const char *text, fq_aql_mode *out);

/* Parses a decimal AQL ("0.65", "2.5", "1000", "0.010") that must be one of the 26 table
 * values; writes thousandths. FQ_ERR_INVALID otherwise (text may be NULL). */
fq_err fq_aql_parse_aql(const char *text, int32_t *out_milli);

/* Writes the table spelling of an AQL ("0.010", "0.65", "10") into buf (NUL-terminated,
 * truncated to buf_len). Non-table values are printed as a plain decimal. Returns buf. */
char *fq_aql_format_aql(int32_t aql_milli, char *buf, size_t buf_len);

#endif
