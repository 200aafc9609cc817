/* The domain model of fieldqc: every record a visit or an order produces (DOMAIN.md).
 *
 * Records are plain structs with fixed-size UTF-8 text fields, so they copy by value and
 * never need freeing. Every record starts with fq_meta (identity, origin and revision);
 * the store fills fq_meta. Amounts are integers in explicit units: weights in grams,
 * dimensions in millimetres, times in UTC seconds (0 = not set).
 *
 * This header holds types and limits only; the rules (traffic lights, AQL) live in their own
 * headers. Deliberately no I/O and no SQL: the column mapping is data (model_fields.h). */
#ifndef FQ_CORE_MODEL_H
#define FQ_CORE_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#define FQ_UUID_LEN 37    /* 36 chars + NUL: 8-4-4-4-12 lowercase hex */
#define FQ_ID_LEN 64      /* device id, inspector id */
#define FQ_NAME_LEN 128   /* people, factories, products */
#define FQ_SHORT_LEN 32   /* PO numbers, codes, barcodes */
#define FQ_TEXT_LEN 512   /* titles, marks, evidence */
#define FQ_NOTE_LEN 2048  /* free notes */
#define FQ_HASH_LEN 65    /* SHA-256 hex + NUL */

/* Identity and history of every record. */
typedef struct fq_meta {
    char uuid[FQ_UUID_LEN];
    char device_id[FQ_ID_LEN];  /* device that last wrote the record */
    char inspector[FQ_ID_LEN];  /* person who last wrote it */
    int64_t created_utc;
    int64_t updated_utc;
    int64_t revision;           /* 1 on insert, +1 per update (a visit: per change of its plan);
                                 * sync applies a change only on the revision it was made on */
} fq_meta;

/* ---- orders and milestones ---- */

typedef enum fq_order_kind { FQ_ORDER_PRODUCT = 0, FQ_ORDER_PACKAGING = 1 } fq_order_kind;

typedef struct fq_order {
    fq_meta meta;
    char po_number[FQ_SHORT_LEN];
    char buyer[FQ_NAME_LEN];
    char supplier[FQ_NAME_LEN];
    char factory[FQ_NAME_LEN];
    char product[FQ_NAME_LEN];
    int64_t quantity;          /* units ordered */
    int64_t ship_date_utc;
    int32_t kind;              /* fq_order_kind */
    char note[FQ_NOTE_LEN];
    int32_t aql_standard;      /* fq_aql_standard (aql.h): the buyer's sampling standard,
                                * copied onto each visit's AQL plan */
    char carton_barcode[FQ_SHORT_LEN]; /* the GTIN every carton must carry; "" : not given */
} fq_order;

/* The ten-step chain, then the items packaging orders add (DOMAIN.md). */
typedef enum fq_milestone_kind {
    FQ_MS_REQUIREMENT_INTAKE = 0,
    FQ_MS_SUPPLIER_SHORTLIST,
    FQ_MS_RFQ_NEGOTIATION,
    FQ_MS_SAMPLE_APPROVAL,      /* hard gate: no production start without it */
    FQ_MS_RAW_MATERIAL_CHECK,
    FQ_MS_FIRST_ARTICLE,
    FQ_MS_INLINE_CHECK,
    FQ_MS_PRE_SHIPMENT,
    FQ_MS_PACKING_REVIEW,
    FQ_MS_SHIPMENT_DOCUMENTS,
    /* packaging-order log items */
    FQ_MS_PKG_SAMPLE_VERSION,
    FQ_MS_PKG_DEPOSIT,
    FQ_MS_PKG_PRODUCTION_START,
    FQ_MS_PKG_MATERIAL_READINESS,
    FQ_MS_PKG_RELEASE_DECISION, /* inspection done, or waived in writing */
    FQ_MS_PKG_CARTON_DATA,
    FQ_MS_PKG_HANDOVER_DOCS,
    FQ_MS_KIND_COUNT
} fq_milestone_kind;

typedef enum fq_milestone_status {
    FQ_MSS_PENDING = 0,
    FQ_MSS_IN_PROGRESS,
    FQ_MSS_DONE,        /* completed and approved */
    FQ_MSS_WAIVED,      /* skipped with a written approval */
    FQ_MSS_BLOCKED,
    FQ_MSS_COUNT
} fq_milestone_status;

typedef struct fq_milestone {
    fq_meta meta;
    char order_uuid[FQ_UUID_LEN];
    int32_t kind;               /* fq_milestone_kind */
    int32_t position;           /* order in the chain */
    char title[FQ_TEXT_LEN];
    char owner[FQ_NAME_LEN];
    int64_t due_utc;
    int32_t grace_days;         /* past due by more than this turns red */
    int32_t status;             /* fq_milestone_status */
    int64_t completed_utc;
    char evidence[FQ_TEXT_LEN]; /* deliverable: document name, photo set, ... */
    char approved_by[FQ_NAME_LEN];
    char approved_role[FQ_NAME_LEN];
    int64_t approved_utc;
    char approval_note[FQ_TEXT_LEN];
} fq_milestone;

/* ---- visits ---- */

typedef enum fq_visit_type {
    FQ_VISIT_FIRST_ARTICLE = 0,
    FQ_VISIT_INLINE,
    FQ_VISIT_PRE_SHIPMENT,
    FQ_VISIT_PACKING_REVIEW,
    FQ_VISIT_FOLLOW_UP,
    FQ_VISIT_TYPE_COUNT
} fq_visit_type;

typedef enum fq_verdict {
    FQ_VERDICT_PENDING = 0,
    FQ_VERDICT_PASS,
    FQ_VERDICT_FAIL,
    FQ_VERDICT_WAIVED,
    FQ_VERDICT_COUNT
} fq_verdict;

/* A visit mixes two owners (model_fields.h): the office plans it (order, type, device,
 * inspector, date; versioned by meta.revision), the assigned device records its results
 * (started/ended, verdict, finished, reopen reason, summary; versioned by result_revision).
 * Each part has its own revision so neither writer can overwrite the other's. */
typedef struct fq_visit {
    fq_meta meta;
    char order_uuid[FQ_UUID_LEN];
    int32_t type;               /* fq_visit_type */
    char assigned_device[FQ_ID_LEN];
    char inspector_name[FQ_NAME_LEN];
    int64_t planned_utc;
    int64_t started_utc;
    int64_t ended_utc;
    int32_t verdict;            /* fq_verdict */
    bool finished;              /* signed off: read-only until reopened */
    char reopen_reason[FQ_TEXT_LEN]; /* last reason given to reopen */
    char summary[FQ_NOTE_LEN];
    int64_t result_revision;    /* 1 on insert, +1 per change of the results; the store fills it */
} fq_visit;

/* ---- checklists and findings ---- */

/* One line of a checklist template, per visit type (from assets or a job pack). */
typedef struct fq_checklist_item {
    fq_meta meta;
    int32_t visit_type;         /* fq_visit_type */
    char checklist[FQ_NAME_LEN];/* checklist name, e.g. "Pre-shipment (consumer goods)" */
    char section[FQ_NAME_LEN];
    int32_t position;
    char text[FQ_TEXT_LEN];
    int32_t fail_evidence;      /* fq_fail_evidence: what a Fail on this item needs */
} fq_checklist_item;

/* Whether a Fail on a checklist item must come with a note or a photo (a setting of the
 * checklist, per item; the office's). 0 is the default: evidence is required. */
typedef enum fq_fail_evidence {
    FQ_FAIL_EVIDENCE_REQUIRED = 0,
    FQ_FAIL_EVIDENCE_OPTIONAL = 1
} fq_fail_evidence;

typedef enum fq_result { FQ_RESULT_UNSET = 0, FQ_RESULT_PASS, FQ_RESULT_FAIL, FQ_RESULT_NA } fq_result;

typedef enum fq_severity {
    FQ_SEV_NONE = 0,
    FQ_SEV_MINOR,
    FQ_SEV_MAJOR,
    FQ_SEV_CRITICAL,
    FQ_SEV_COUNT
} fq_severity;

/* The inspector's result on one checklist item of one visit. */
typedef struct fq_finding {
    fq_meta meta;
    char visit_uuid[FQ_UUID_LEN];
    char item_uuid[FQ_UUID_LEN]; /* empty for a free finding */
    char section[FQ_NAME_LEN];   /* copied from the item so reports survive template edits */
    char text[FQ_TEXT_LEN];
    int32_t result;              /* fq_result */
    int32_t severity;            /* fq_severity */
    char note[FQ_NOTE_LEN];
} fq_finding;

/* Defects counted in the AQL sample, per defect type and severity. */
typedef struct fq_defect {
    fq_meta meta;
    char visit_uuid[FQ_UUID_LEN];
    char code[FQ_SHORT_LEN];     /* defect type code, e.g. "WM-03" */
    char description[FQ_TEXT_LEN];
    int32_t severity;            /* fq_severity, MINOR..CRITICAL */
    int32_t count;
} fq_defect;

/* A yes / no question the inspector answers: unanswered is not "no" (stored 0 / 1 / 2;
 * 1 was "true" before schema 7, so old yeses stay yeses). */
typedef enum fq_answer { FQ_ANSWER_UNSET = 0, FQ_ANSWER_YES = 1, FQ_ANSWER_NO = 2 } fq_answer;

/* Production progress seen on a visit. */
typedef struct fq_production {
    fq_meta meta;
    char visit_uuid[FQ_UUID_LEN];
    int64_t ordered;
    int64_t completed;
    int64_t packed;
    int64_t cartons;
    int32_t materials_on_site;   /* fq_answer */
    int32_t packaging_on_site;   /* fq_answer */
    char note[FQ_NOTE_LEN];
} fq_production;

/* ---- AQL (ISO 2859-1); the engine is in aql.h ---- */

/* AQL values are stored in thousandths (0.010 -> 10, 2.5 -> 2500, 1000 -> 1000000);
 * FQ_AQL_ZERO_TOLERANCE means Ac 0 / Re 1 at the largest sample drawn for the visit;
 * FQ_AQL_NOT_INSPECTED means that severity is not judged. */
#define FQ_AQL_ZERO_TOLERANCE 0
#define FQ_AQL_NOT_INSPECTED (-1)

/* The final result of a lot, stored in fq_aql_plan.lot_result. The values are stored in
 * databases, bundles and office reports (0 open, 1 accepted, 2 rejected): never renumber.
 * core/aql.h fq_aql_assess decides it; the lot history of the switching rules counts only
 * accepted and rejected lots. */
typedef enum fq_aql_lot_result {
    FQ_AQL_LOT_OPEN = 0,     /* no final result yet: sample not complete, or no verdict */
    FQ_AQL_LOT_ACCEPTED = 1,
    FQ_AQL_LOT_REJECTED = 2
} fq_aql_lot_result;

typedef struct fq_aql_plan {
    fq_meta meta;
    char visit_uuid[FQ_UUID_LEN];
    char supplier[FQ_NAME_LEN]; /* switching rules run per supplier + product */
    char product[FQ_NAME_LEN];
    int32_t standard;            /* fq_aql_standard (aql.h), from the order */
    int64_t lot_size;
    int32_t level;               /* fq_aql_level (aql.h) */
    int32_t mode;                /* fq_aql_mode (aql.h) */
    int32_t aql_milli[3];        /* index fq_severity - 1: minor, major, critical */
    int64_t sampled;             /* units inspected so far */
    int32_t lot_result;          /* fq_aql_lot_result: the lot's final result */
} fq_aql_plan;

/* ---- cartons ---- */

typedef enum fq_drop_test { FQ_DROP_NOT_DONE = 0, FQ_DROP_PASS, FQ_DROP_FAIL } fq_drop_test;

typedef struct fq_carton {
    fq_meta meta;
    char visit_uuid[FQ_UUID_LEN];
    char shipping_marks[FQ_TEXT_LEN];
    int64_t qty_per_carton;
    int64_t carton_count;
    int64_t gross_g;
    int64_t net_g;
    int64_t length_mm;
    int64_t width_mm;
    int64_t height_mm;
    char barcode[FQ_SHORT_LEN];
    int32_t origin_label;        /* fq_answer: country-of-origin label present */
    int32_t drop_test;           /* fq_drop_test */
    char note[FQ_NOTE_LEN];
} fq_carton;

/* ---- open issues ---- */

typedef struct fq_issue {
    fq_meta meta;
    char order_uuid[FQ_UUID_LEN];
    char visit_uuid[FQ_UUID_LEN]; /* visit that raised it; may be empty */
    char title[FQ_TEXT_LEN];
    char description[FQ_NOTE_LEN];
    int32_t severity;            /* fq_severity */
    int64_t opened_utc;
    int64_t closed_utc;          /* 0 while open */
    char resolution_note[FQ_NOTE_LEN];
    char owner[FQ_NAME_LEN];     /* who must act on it ("" : nobody named yet) */
    int64_t due_utc;             /* the day it must be closed by (00:00 UTC; 0 : none) */
} fq_issue;

/* ---- sign-offs and written approvals ---- */

typedef enum fq_signer_role {
    FQ_ROLE_INSPECTOR = 0,
    FQ_ROLE_FACTORY_REP,
    FQ_ROLE_BUYER,
    FQ_ROLE_COORDINATOR,
    FQ_ROLE_COUNT
} fq_signer_role;

typedef struct fq_signoff {
    fq_meta meta;
    char visit_uuid[FQ_UUID_LEN];     /* what was signed: a visit ... */
    char milestone_uuid[FQ_UUID_LEN]; /* ... or a milestone approval / spec change */
    char subject[FQ_TEXT_LEN];        /* what exactly was approved */
    char signer_name[FQ_NAME_LEN];
    int32_t role;                     /* fq_signer_role */
    int64_t signed_utc;
    int32_t verdict;                  /* fq_verdict at the time of signing */
    char signature_photo_uuid[FQ_UUID_LEN]; /* the drawn signature, stored as a photo */
    int32_t refused;                  /* 1: the signer refused to sign (reason says why) */
    char reason[FQ_TEXT_LEN];         /* a refusal's reason; the inspector's: why "pass"
                                       * with unanswered checklist items */
    int64_t superseded_utc;           /* the visit was reopened then: no longer in force */
    char superseded_reason[FQ_TEXT_LEN]; /* the reopen reason */
} fq_signoff;

/* A written approval or a spec change recorded on site (DOMAIN.md: "nothing moves without
 * written approval"): who, in which role, what, when, signed; photos of the document hang
 * off it (FQ_SUBJ_APPROVAL). The device records it; the office's milestone keeps its own
 * approval fields. */
typedef enum fq_approval_kind {
    FQ_APPROVAL_APPROVAL = 0,   /* a milestone, sample or decision approved in writing */
    FQ_APPROVAL_SPEC_CHANGE = 1, /* a change of the specification agreed in writing */
    FQ_APPROVAL_REJECTED = 2     /* a request (sample, spec change, shipment release) refused
                                  * in writing, with the reason in note (issue 14: a buyer
                                  * decides in the portal); it approves nothing */
} fq_approval_kind;

typedef struct fq_approval {
    fq_meta meta;
    char order_uuid[FQ_UUID_LEN];
    char milestone_uuid[FQ_UUID_LEN]; /* the milestone it approves; "" : the order */
    char visit_uuid[FQ_UUID_LEN];     /* the visit it was recorded on; "" : none */
    int32_t kind;                     /* fq_approval_kind */
    char subject[FQ_TEXT_LEN];        /* what was approved, or what changed */
    char approver_name[FQ_NAME_LEN];
    int32_t role;                     /* fq_signer_role */
    int64_t decided_utc;
    char signature_photo_uuid[FQ_UUID_LEN];
    char note[FQ_NOTE_LEN];
} fq_approval;

/* ---- photos (the pipeline is media/) ---- */

typedef enum fq_photo_subject {
    FQ_SUBJ_VISIT = 0,
    FQ_SUBJ_FINDING,
    FQ_SUBJ_DEFECT,
    FQ_SUBJ_CARTON,
    FQ_SUBJ_ISSUE,
    FQ_SUBJ_MILESTONE,
    FQ_SUBJ_SIGNATURE,
    FQ_SUBJ_APPROVAL,
    FQ_SUBJ_MEAS_POINT,               /* a point of measure (subject: its spec) on a visit */
    FQ_SUBJ_SITE_TEST,                /* an on-site test */
    FQ_SUBJ_COUNT
} fq_photo_subject;

typedef struct fq_photo {
    fq_meta meta;
    char visit_uuid[FQ_UUID_LEN];
    int32_t subject_kind;             /* fq_photo_subject */
    char subject_uuid[FQ_UUID_LEN];
    char sha256[FQ_HASH_LEN];         /* of the stored JPEG: the file name in the photo store */
    char thumb_sha256[FQ_HASH_LEN];
    int32_t width;
    int32_t height;
    int64_t bytes;
    int64_t captured_utc;             /* EXIF capture time or camera clock */
    char caption[FQ_TEXT_LEN];
    char annotated_from[FQ_UUID_LEN]; /* original photo when this is an annotated copy */
} fq_photo;

/* ---- measurements (issue 20; the rules are in core/meas.h) ---- */

/* Measured values and tolerances are integers in thousandths of the spec's unit
 * (52.5 cm -> 52500 in unit "cm"). */
#define FQ_MEAS_UNIT_LEN 8
#define FQ_MEAS_UNITS_MAX 32         /* sample units per point of measure */

/* One point of measure of an order (and of a size of its size set), written by the office:
 * the limits are nominal - tol_minus .. nominal + tol_plus, both inclusive. Its id is stable
 * (fq_meas_spec_id: order, size, point), so loading the same sheet twice changes nothing. */
typedef struct fq_meas_spec {
    fq_meta meta;
    char order_uuid[FQ_UUID_LEN];
    char size[FQ_SHORT_LEN];     /* size or variant ("M", "EU 42"); "" when the product has none */
    char point[FQ_SHORT_LEN];    /* point of measure code, e.g. "A" */
    char description[FQ_TEXT_LEN];
    char unit[FQ_MEAS_UNIT_LEN]; /* "mm", "cm", "m", "in", "g", "kg", "lb", "oz", "deg", "%" */
    int64_t nominal_milli;
    int64_t tol_minus_milli;     /* >= 0: how far below nominal still passes */
    int64_t tol_plus_milli;      /* >= 0: how far above */
    int32_t n_units;             /* sample units to measure, 1 .. FQ_MEAS_UNITS_MAX */
    int32_t severity;            /* fq_severity of a unit out of tolerance, MINOR..CRITICAL */
    int32_t position;            /* order on the sheet */
} fq_meas_spec;

typedef enum fq_meas_source { FQ_MEAS_SRC_PAD = 0, FQ_MEAS_SRC_GAUGE = 1 } fq_meas_source;

/* One measured value: point (spec) x sample unit on a visit, written by the device. A cleared
 * cell is a deleted reading. */
typedef struct fq_meas_reading {
    fq_meta meta;
    char visit_uuid[FQ_UUID_LEN];
    char spec_uuid[FQ_UUID_LEN];
    int32_t unit_no;             /* sample unit, 1 .. spec n_units */
    int64_t value_milli;         /* in the spec's unit */
    int32_t source;              /* fq_meas_source: numeric pad, or a gauge typing as a keyboard */
} fq_meas_reading;

/* ---- on-site tests (issue 20) ---- */

typedef enum fq_site_test_kind {
    FQ_SITE_DROP = 0,       /* carton drop test: drops by corner / edge / face, damage found */
    FQ_SITE_CARTON_SPEC,    /* carton weight and dimensions against the spec */
    FQ_SITE_BARCODE_SCAN,   /* every carton label scanned against the expected code */
    FQ_SITE_FUNCTION,       /* units tested, failures */
    FQ_SITE_APPEARANCE,     /* colour / appearance against the approved sample */
    FQ_SITE_KIND_COUNT
} fq_site_test_kind;

typedef struct fq_site_test {
    fq_meta meta;
    char visit_uuid[FQ_UUID_LEN];
    int32_t kind;                /* fq_site_test_kind */
    char method[FQ_TEXT_LEN];    /* how it was done: standard, height, sequence, equipment */
    char expected[FQ_TEXT_LEN];  /* the spec: the code on the label, weight and size, sample */
    int64_t n_tested;            /* drops / cartons / labels scanned / units tested / compared */
    int64_t n_failed;            /* with damage / out of spec / mismatches / failures */
    int32_t result;              /* fq_result */
    char findings[FQ_NOTE_LEN];  /* damage found, mismatches listed (one per line), failures */
    char note[FQ_NOTE_LEN];
} fq_site_test;

#endif
