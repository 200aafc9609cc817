/* fq_app: the application services of the device app. Owns the store, the photo pipeline
 * and the sync folder; the only writer. Screens read through it (one read model per screen)
 * and send it typed commands (one per user action); they never see SQL, files or SDL, and
 * never decide a domain rule themselves (a default plan, a lot result, which barcode may be
 * stored): the commands do.
 *
 * Every command is one store transaction, committed before the call returns FQ_OK, so a
 * screen may show "saved" on FQ_OK; a command that changes nothing writes nothing. On
 * failure the reason is in fq_app_errmsg() (cleared when a call starts). Reads never write.
 * Out-parameters are set only on success; "may be NULL" is said where it is allowed.
 * Arrays a read returns are malloc'd: free them with free(), or with the view's _free
 * function where a view owns arrays. */
#ifndef FQ_SERVICES_APP_H
#define FQ_SERVICES_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/aql.h"
#include "core/err.h"
#include "core/evidence.h"
#include "core/lights.h"
#include "core/meas.h"
#include "core/model.h"

typedef struct fq_app fq_app;

typedef struct fq_app_config {
    const char *db_path;      /* device database (created when missing) */
    const char *data_dir;   /* checklists, demo data, fonts */
    const char *sync_dir;     /* sync folder with outbox/ and inbox/ (may be NULL) */
    const char *device_id;    /* NULL: keep the database's own */
    const char *inspector;    /* NULL: keep the database's own */
    int demo;                 /* load the demo data when the database has no orders */
    int64_t now_utc;          /* fixed clock for scripted runs and tests; 0 = system clock */
    const char *backup_dir;   /* backups when there is no sync folder (NULL: <db>.backups) */
    int read_only;            /* open the database read-only: nothing can be changed */
} fq_app_config;

/* Opens the app's services. On failure *out is still set when possible, for errmsg and
 * fq_app_db_problem_get (then close it). */
fq_err fq_app_open(const fq_app_config *cfg, fq_app **out);
void fq_app_close(fq_app *app);
const char *fq_app_errmsg(const fq_app *app);

/* ---- when the database cannot be used (issue 12): the error screen's read model ---- */

/* A backup of a device database found in one of the backup places, checked. */
typedef struct fq_app_backup {
    char path[1024];
    char name[256];
    char where[32];            /* "sync stick" or "backup folder" */
    char device_id[FQ_ID_LEN]; /* the tablet it is from */
    int64_t made_utc;          /* when it was made (from its name) */
    int64_t bytes;
    int64_t n_visits;
    bool ok;                   /* passed its check */
} fq_app_backup;

#define FQ_APP_BACKUPS_MAX 8
#define FQ_APP_BACKUPS_KEPT 7  /* backups kept per place, the oldest removed */

/* Why the database cannot be used and what the inspector can do: the error screen shows it
 * instead of a black panel. */
typedef struct fq_app_db_problem {
    int kind;                  /* fq_store_problem (store.h), FQ_STORE_PROBLEM_NONE when none */
    char title[128];           /* "The database is damaged" */
    char reason[512];          /* the store's reason, with the path */
    char advice[512];          /* what to do, in the inspector's words */
    bool can_read_only;        /* it opens read-only (to look, export nothing, change nothing) */
    bool can_start_new;        /* a new empty database may be started (the file kept aside) */
    int n_backups;             /* checked backups that could be restored, newest first */
    fq_app_backup backups[FQ_APP_BACKUPS_MAX];
} fq_app_db_problem;

/* After a failed fq_app_open (or for a read-only one): what went wrong with the database,
 * what to do, and the backups found in the backup places (sync folder, backup folder). */
void fq_app_db_problem_get(fq_app *app, fq_app_db_problem *out);

/* Restores `backup_path` (checked again first) as cfg->db_path: the file there, if any, is
 * kept aside as "<db>.damaged-<utc>" with its -wal and -shm, the backup is copied into place
 * durably, and its change log continues past every position this device may have used, so
 * the office never takes a new change for an old one. Then fq_app_open as usual. err gets
 * the reason (err_len bytes). */
fq_err fq_app_restore_backup(const fq_app_config *cfg, const char *backup_path, char *err,
                             size_t err_len);

/* Keeps the file at cfg->db_path aside ("<db>.damaged-<utc>") so the next open starts a new
 * empty database (a new device id: the office must enrol the tablet again). */
fq_err fq_app_set_aside(const fq_app_config *cfg, char *err, size_t err_len);

/* "" when the database is writable, else why it is open read-only (every command then
 * fails with the reason). */
const char *fq_app_read_only_reason(fq_app *app);

/* ---- backups (after each sign-off and daily, to the sync stick or a second folder) ---- */

typedef struct fq_app_backup_status {
    char dir[1024];            /* where backups go now */
    char where[32];            /* "sync stick" or "backup folder" */
    int n_kept;                /* backups of this device there */
    int64_t last_utc;          /* the newest one (0: none yet) */
    char last_name[256];
    char problem[512];         /* the last backup that failed, and why ("" when none) */
} fq_app_backup_status;

fq_err fq_app_backup_status_get(fq_app *app, fq_app_backup_status *out);

/* Between batches of events: FQ_ERR_CORRUPT once the open's check (it runs beside the first
 * frame) found the database damaged: nothing was or will be written to it; close the app and
 * show the error screen (fq_app_db_problem_get describes it). Also starts and collects the
 * daily backup, made on a thread of its own. */
fq_err fq_app_tick(fq_app *app);

/* True while the open's damage check still runs. */
bool fq_app_checking(fq_app *app);

/* Makes a backup now (why: "signoff", "daily", "manual") with sqlite's online backup API into
 * the backup place, checked, keeping FQ_APP_BACKUPS_KEPT; *out (may be NULL) describes it. */
fq_err fq_app_backup_now(fq_app *app, const char *why, fq_app_backup *out);

/* PRAGMA integrity_check (full) or quick_check on the database, on demand: result gets its
 * first lines ("ok"); FQ_ERR_CORRUPT when damaged. */
fq_err fq_app_db_check(fq_app *app, bool full, char *result, size_t result_len);

/* ---- where the inspector was (local, never synced): the app reopens there ---- */

/* Saves / loads the screen location as the screens write it ("visit <uuid> <tab>", ...). */
fq_err fq_app_ui_location_save(fq_app *app, const char *location);
fq_err fq_app_ui_location_load(fq_app *app, char *buf, size_t buf_len);

/* Current UTC seconds (the app's clock). */
int64_t fq_app_now(fq_app *app);
const char *fq_app_device_id(fq_app *app);
const char *fq_app_inspector(fq_app *app);

/* Called after a command committed, once per record it wrote: the record's table, uuid and
 * new revision (fieldqc --script prints them; the kill tests look each one up after a
 * SIGKILL). Strings are valid during the call only. */
typedef void (*fq_app_commit_fn)(void *user, const char *table, const char *uuid,
                                 int64_t revision);

/* Installs the commit hook (fn NULL: none). `user` is passed back untouched. */
void fq_app_set_commit_hook(fq_app *app, fq_app_commit_fn fn, void *user);

/* Called with one line for each failure of an export, an inbox read, a photo import or
 * capture, and each office file refused: the device app sends them to stderr (the journal),
 * where the office looks when a tablet "did not sync". fn NULL: none. */
typedef void (*fq_app_log_fn)(void *user, const char *line);
void fq_app_set_log_hook(fq_app *app, fq_app_log_fn fn, void *user);

/* ---- Today and Order ---- */

/* A visit for the Today list: the visit, its order and the order's light with every
 * reason (light = the worst one). */
typedef struct fq_app_visit_row {
    fq_visit visit;
    fq_order order;
    fq_light_result light;
    fq_light_report lights;
} fq_app_visit_row;

/* Visits assigned to this device, open ones first by planned time, then the signed-off ones
 * of the last 7 days. *out is malloc'd (free()); NULL when none. Reads every row's details
 * and lights: a screen pages with fq_app_today_open instead. */
fq_err fq_app_today_read(fq_app *app, fq_app_visit_row **out, size_t *out_n);

/* The Today list paged (issue 18): the order and the ids of every row, read once (small);
 * each row's visit, order and lights are read when asked for, a page at a time. */
typedef struct fq_app_today fq_app_today;

/* Reads the list's rows (same rows and order as fq_app_today_read) into *out, which the
 * caller frees with fq_app_today_free. FQ_ERR_NOTFOUND when a visit's order is missing. */
fq_err fq_app_today_open(fq_app *app, fq_app_today **out);

/* Rows in the list (t not NULL). */
size_t fq_app_today_count(const fq_app_today *t);

/* The visit and order ids of row i (< count); the strings live as long as t. */
const char *fq_app_today_visit_uuid(const fq_app_today *t, size_t i);
const char *fq_app_today_order_uuid(const fq_app_today *t, size_t i);

/* Rows first .. first+n-1 (within count) with their details and lights, into the caller's
 * out[n], in a few queries whatever n is. FQ_ERR_NOTFOUND when a record went missing since
 * the list was opened (then out is unspecified). */
fq_err fq_app_today_rows(fq_app *app, const fq_app_today *t, size_t first, size_t n,
                         fq_app_visit_row *out);

/* Row i (< count) through t's page cache: its page of FQ_APP_TODAY_PAGE rows is read when
 * not held (two pages are held, so a screen showing rows across a page boundary reads each
 * once). *out points into t, valid until the next call on t. */
#define FQ_APP_TODAY_PAGE 16
fq_err fq_app_today_row(fq_app *app, fq_app_today *t, size_t i, const fq_app_visit_row **out);

/* Frees t (NULL is fine). */
void fq_app_today_free(fq_app_today *t);

typedef struct fq_app_milestone_row {
    fq_milestone milestone;
    fq_light_result light;
    int32_t n_photos; /* its evidence photos on this tablet (taken in a visit of the order) */
} fq_app_milestone_row;

/* The Order screen: an order, its light with every reason, its milestone chain with each
 * checkpoint's light (the sample approval's shows the hard gate), and the written approvals
 * and spec changes recorded on site. Owns its arrays: fq_app_order_view_free. */
typedef struct fq_app_approval_row {
    fq_approval approval;
    fq_photo signature;                /* signature.meta.uuid empty when not on this tablet */
    int32_t n_photos;                  /* photos of the document */
    char milestone_title[FQ_TEXT_LEN]; /* "" : the order as a whole */
} fq_app_approval_row;

typedef struct fq_app_order_view {
    fq_order order;
    fq_light_result light;
    fq_light_report lights;
    fq_app_milestone_row *milestones; /* chain order; NULL when none */
    size_t n_milestones;
    fq_app_approval_row *approvals;   /* oldest first; NULL when none */
    size_t n_approvals;
    /* the order's visit started and not signed off on this tablet (the newest), where
     * milestone photos are taken; "" when none */
    char open_visit_uuid[FQ_UUID_LEN];
} fq_app_order_view;

/* Reads the Order screen of `order_uuid` into *out. FQ_ERR_NOTFOUND for an unknown order. */
fq_err fq_app_order_read(fq_app *app, const char *order_uuid, fq_app_order_view *out);

/* Frees what a view owns (not the view itself) and clears it. NULL is fine. */
void fq_app_order_view_free(fq_app_order_view *view);

/* ---- a visit ---- */

/* Where a visit stands: not started (the inspector starts it when on site), open, or signed
 * off (read-only until reopened with a reason). */
typedef enum fq_app_visit_state {
    FQ_APP_VISIT_NOT_STARTED = 0,
    FQ_APP_VISIT_OPEN,
    FQ_APP_VISIT_SIGNED_OFF
} fq_app_visit_state;

/* The frame of the Visit screen. */
typedef struct fq_app_visit_view {
    fq_visit visit;
    fq_order order;
    fq_app_visit_state state;
    bool read_only;   /* nothing may change: not started, signed off, or the database is
                       * read-only (fq_app_read_only_reason) */
    fq_light_report order_lights; /* the order's light and reasons (the sample gate ...) */
} fq_app_visit_view;

/* Reads a visit and its order. FQ_ERR_NOTFOUND when either is missing. */
fq_err fq_app_visit_read(fq_app *app, const char *visit_uuid, fq_app_visit_view *out);

/* The inspector starts the visit (on site): started now. Opening a visit starts nothing;
 * nothing of a visit can be recorded before it is started (FQ_ERR_CONFLICT, "start the
 * visit"). Nothing when it is started already or signed off. */
fq_err fq_app_visit_start(fq_app *app, const char *visit_uuid);

/* An ad-hoc visit: a visit of `type` for an order, made on this tablet (assigned to it, by
 * its inspector, planned and started now) with the checklist of its type. The office takes
 * it as new work; its plan is the office's from then on. *out (may be NULL) gets it. */
fq_err fq_app_visit_create_adhoc(fq_app *app, const char *order_uuid, fq_visit_type type,
                                 fq_visit *out);

/* Reopens a signed-off visit with a reason of substance (core/evidence.h): the visit's
 * sign-offs are kept, marked superseded by this reopen with its reason. */
fq_err fq_app_visit_reopen(fq_app *app, const char *visit_uuid, const char *reason);

/* A drawn signature: a grayscale image w x h (0 = ink, 255 = paper), stored as a photo. */
typedef struct fq_app_signature {
    const char *signer_name;
    int32_t role;                 /* fq_signer_role */
    const unsigned char *gray;    /* w*h bytes, row-major; NULL: not signed */
    int32_t width;
    int32_t height;
} fq_app_signature;

/* What the Sign-off step collected. */
typedef struct fq_app_signoff_request {
    fq_verdict verdict;
    fq_app_signature inspector;     /* role FQ_ROLE_INSPECTOR */
    fq_app_signature rep;           /* the factory representative, role FQ_ROLE_FACTORY_REP */
    bool rep_refused;               /* the representative refused to sign ... */
    const char *refusal_reason;     /* ... and why (required then) */
    const char *override_reason;    /* why "pass" with unanswered items (may be NULL) */
} fq_app_signoff_request;

/* The sign-off rules (core: fq_signoff_rules) on what the screen collected and the visit as
 * it stands, without writing: *out lists every problem. FQ_OK when it may be signed. */
fq_err fq_app_signoff_check(fq_app *app, const char *visit_uuid,
                            const fq_app_signoff_request *req, fq_signoff_check *out);

/* Signs off a visit when the rules allow (FQ_ERR_INVALID with every problem in errmsg
 * otherwise): the signatures are stored as photos (durable first), then in one transaction
 * the inspector's sign-off record (with the override reason when used), the representative's
 * (signed, or refused with the reason), and the visit finished with the verdict. Then a
 * backup is made (a failed backup does not undo the sign-off; the backup status says it). */
fq_err fq_app_visit_sign_off(fq_app *app, const char *visit_uuid,
                             const fq_app_signoff_request *req);

typedef struct fq_app_signoff_row {
    fq_signoff signoff;   /* superseded_utc != 0: from before a reopen, not in force */
    fq_photo signature;   /* the drawn signature; signature.meta.uuid empty when none */
} fq_app_signoff_row;

#define FQ_APP_KEY_FINDINGS_MAX 6

/* The Sign-off step, and the one-screen summary the factory representative reads before
 * signing. Owns `signoffs`: fq_app_signoff_view_free. */
typedef struct fq_app_signoff_view {
    fq_app_signoff_row *signoffs;      /* in force first, then superseded, each in signing
                                        * order; may be NULL */
    size_t n_signoffs;
    size_t n_in_force;                 /* the first n_in_force are in force */
    char inspector_name[FQ_NAME_LEN];  /* who signs as inspector: the visit's, else ours */
    char last_rep_name[FQ_NAME_LEN];   /* the representative of a superseded sign-off */
    bool verdict_suggested;            /* the AQL sample decided the lot: */
    fq_verdict suggested_verdict;      /* accepted -> pass, rejected -> fail */
    char reopen_reason[FQ_TEXT_LEN];   /* the visit's last reopen reason ("" : never) */
    /* the summary */
    int32_t n_items, n_answered, n_unanswered, n_na, n_passed, n_failed, n_lacking_evidence;
    int32_t n_key_findings;            /* failed items (and other findings) with their note */
    char key_findings[FQ_APP_KEY_FINDINGS_MAX][FQ_TEXT_LEN];
    bool aql_ok;                       /* the AQL plan is computed: */
    fq_aql_assessment aql;             /* sample, per-severity results, the lot's result */
    int64_t defects[FQ_SEV_COUNT];     /* found, by severity */
    int32_t n_open_issues;
    bool counts_recorded;
    char progress[200];                /* the production count's progress line */
} fq_app_signoff_view;

fq_err fq_app_signoff_read(fq_app *app, const char *visit_uuid, fq_app_signoff_view *out);
void fq_app_signoff_view_free(fq_app_signoff_view *view);

/* ---- checklist ---- */

/* One checklist item of the visit's type with this visit's finding on it. */
typedef struct fq_app_checklist_row {
    fq_checklist_item item;
    fq_finding finding;   /* finding.meta.uuid is empty while none is recorded (unset result) */
    int32_t n_photos;     /* photos of the finding */
    bool lacks_evidence;  /* a Fail without the note or photo its item asks for */
} fq_app_checklist_row;

/* The checklist of a visit in template order. *out malloc'd (free()); NULL when none. */
fq_err fq_app_checklist_read(fq_app *app, const char *visit_uuid, fq_app_checklist_row **out,
                             size_t *out_n);

/* The inspector's answer on checklist item `item_uuid` of a visit (pass, fail, N/A): the
 * item's finding is created on first use. *out (may be NULL) gets the stored finding.
 * FQ_ERR_INVALID for another result, FQ_ERR_NOTFOUND for an unknown visit or item,
 * FQ_ERR_CONFLICT on a signed-off visit. */
fq_err fq_app_finding_set_result(fq_app *app, const char *visit_uuid, const char *item_uuid,
                                 fq_result result, fq_finding *out);

/* The note on a checklist item (NULL or "" clears it), as set_result. */
fq_err fq_app_finding_set_note(fq_app *app, const char *visit_uuid, const char *item_uuid,
                               const char *note, fq_finding *out);

/* The item's finding, created (unanswered) when there is none yet: what its photos prove. */
fq_err fq_app_finding_ensure(fq_app *app, const char *visit_uuid, const char *item_uuid,
                             fq_finding *out);

/* Marks every unanswered checklist item of the visit N/A (one transaction); *out_n (may be
 * NULL) gets how many. */
fq_err fq_app_checklist_rest_na(fq_app *app, const char *visit_uuid, int32_t *out_n);

/* A finding's title as drawn: a title the app generated (a carton's barcode) in the drawn
 * language, a checkpoint through the catalog, anything typed as typed. What is stored stays
 * English for the report. */
void fq_app_finding_title(const fq_finding *f, char *out, size_t out_len);

/* The visit's findings that belong to no checklist item (a carton's wrong barcode, ...).
 * *out malloc'd (free()); NULL when none. */
fq_err fq_app_other_findings_read(fq_app *app, const char *visit_uuid, fq_finding **out,
                                  size_t *out_n);

/* ---- production counts ---- */

typedef struct fq_app_production_view {
    fq_production production; /* the recorded count, or a new one: meta.uuid empty and
                               * ordered = the order's quantity */
    bool recorded;
    fq_light_result packaging; /* the 40 % packaging rule on these counts */
    char progress[200];        /* fq_production_progress_text */
} fq_app_production_view;

fq_err fq_app_production_read(fq_app *app, const char *visit_uuid,
                              fq_app_production_view *out);

/* Records the counts seen on a visit: ordered, completed, packed, cartons, materials and
 * packaging on site (fq_answer) and the note of `counts` (its meta and visit_uuid are
 * ignored); creates the visit's record or updates it. *out (may be NULL) gets the stored
 * record. The counts must pass core's fq_production_check: FQ_ERR_INVALID otherwise, with
 * the problem in *out_check (may be NULL; always filled) and errmsg; counts over the order
 * are stored only when over_confirmed and the note says why. */
fq_err fq_app_production_save(fq_app *app, const char *visit_uuid, const fq_production *counts,
                              bool over_confirmed, fq_production *out,
                              fq_count_check *out_check);

/* ---- AQL sampling ---- */

/* The AQL step. Owns `tally`: fq_app_aql_view_free. */
typedef struct fq_app_aql_view {
    fq_aql_plan plan;              /* the recorded plan; without one the default plan
                                    * (plan.meta.uuid empty), at the proposed severity, which
                                    * the first AQL command records */
    fq_aql_switch proposal;        /* the switching rules over earlier lots of the supplier
                                    * and product (core/aql.h fq_aql_propose) */
    fq_aql_assessment assessment;  /* plans, verdicts, progress and the lot's result */
    fq_defect *tally;              /* defect types to count, minor then major then critical:
                                    * the common ones (count 0, meta.uuid empty until
                                    * counted), then the types recorded on this visit */
    size_t n_tally;
} fq_app_aql_view;

fq_err fq_app_aql_read(fq_app *app, const char *visit_uuid, fq_app_aql_view *out);
void fq_app_aql_view_free(fq_app_aql_view *view);

/* What the inspector chooses for the lot. */
typedef struct fq_app_aql_settings {
    int64_t lot_size;                      /* units in the lot (>= 0; below 2: no plan yet) */
    fq_aql_level level;
    fq_aql_mode mode;
    int32_t aql_milli[FQ_AQL_SEVERITIES];  /* table AQL, zero tolerance or not inspected */
} fq_app_aql_settings;

/* Sets the visit's lot and plan parameters (recording the plan when it is new); the units
 * sampled are kept within the lot and the lot result follows. *out (may be NULL) gets the
 * stored plan. FQ_ERR_INVALID for a negative lot, unknown level or mode, or an AQL that is
 * neither a table value nor zero tolerance nor "not inspected". */
fq_err fq_app_aql_set_plan(fq_app *app, const char *visit_uuid,
                           const fq_app_aql_settings *settings, fq_aql_plan *out);

/* Sets the units sampled so far: within 0 .. the plan's sample (core: fq_sample_check),
 * else FQ_ERR_INVALID with the reason and nothing stored; once the sample is complete the
 * lot's result (core: fq_aql_assess) is recorded with it. *out may be NULL. */
fq_err fq_app_aql_set_sampled(fq_app *app, const char *visit_uuid, int64_t sampled,
                              fq_aql_plan *out);

/* Adds delta to the tally of defect type `code` with `severity` on a visit; the row is
 * created on the first +1 and a count never goes below 0. FQ_ERR_INVALID for the code
 * FQ_APP_MEAS_DEFECT_CODE: those rows follow the readings (fq_app_meas_set). The plan is
 * recorded (the default one when new) and the lot result follows, in the same transaction. */
fq_err fq_app_defect_tally(fq_app *app, const char *visit_uuid, const char *code,
                           const char *description, fq_severity severity, int32_t delta);

/* The name drawn for a tallied defect type: the library's name in the drawn language for the
 * common types (WM-01 ...) and the out-of-tolerance row, else its description as the
 * inspector typed it (the code when none). Records keep the English name. Never NULL. */
const char *fq_app_defect_name(const fq_defect *d);

/* The defect record of type (code, severity) on a visit, made with a count of 0 when the
 * tally has none yet: what its photos prove (as fq_app_checklist's finding for an item). */
fq_err fq_app_defect_record(fq_app *app, const char *visit_uuid, const char *code,
                            const char *description, fq_severity severity, fq_defect *out);

/* A defect type the inspector found that the tally does not list: its description (non-
 * blank) says what it is, its code is the visit's next free "CU-nn" (never a cut-off
 * description), and the first one is counted at once. As fq_app_defect_tally. */
fq_err fq_app_defect_add(fq_app *app, const char *visit_uuid, const char *description,
                         fq_severity severity);

/* ---- cartons ---- */

typedef struct fq_app_carton_row {
    fq_carton carton;
    bool net_above_gross;   /* net weight above gross weight: one of them is wrong */
    bool barcode_ok;        /* the stored barcode checks and matches the order's (if given) */
    char barcode_message[160]; /* "EAN-13 ok, matches the order", or what is wrong with it */
    char expected_barcode[FQ_SHORT_LEN]; /* the order's carton barcode ("" : not given) */
} fq_app_carton_row;

/* The cartons measured on a visit, oldest first. *out malloc'd (free()); NULL when none. */
fq_err fq_app_cartons_read(fq_app *app, const char *visit_uuid, fq_app_carton_row **out,
                           size_t *out_n);

/* Adds a carton to a visit, its shipping marks started with the PO number and its carton
 * count with the visit's production count. *out (may be NULL) gets it. */
fq_err fq_app_carton_add(fq_app *app, const char *visit_uuid, fq_carton *out);

/* Saves what was measured on a carton (marks, quantity, count, weights, dimensions, origin
 * label, drop test, note of `carton`, found by its uuid); its visit and barcode are kept:
 * the barcode changes only through fq_app_carton_set_barcode. *out may be NULL. */
fq_err fq_app_carton_save(fq_app *app, const fq_carton *carton, fq_carton *out);

/* What a scanned or typed carton barcode turned out to be. */
typedef struct fq_app_barcode_result {
    bool valid;             /* a valid EAN-13 / UPC-A / ITF-14 (core/barcode.h) */
    bool matches;           /* ... and the order's carton barcode (or the order gives none) */
    bool finding_recorded;  /* a wrong one: recorded as a finding of the visit */
    char message[160];
} fq_app_barcode_result;

/* Sets a carton's barcode from what was typed or scanned (it replaces the old one; blank
 * clears it). A code that does not check, or does not match the order's carton barcode, is
 * the very defect to record: it is stored as scanned (printable characters, up to 31) and
 * recorded as a finding of the visit (expected vs scanned), updated by a later scan of the
 * same carton. *out and *out_result may be NULL. FQ_ERR_INVALID only for text that is no
 * barcode at all (control characters, too long). */
fq_err fq_app_carton_set_barcode(fq_app *app, const char *carton_uuid, const char *text,
                                 fq_carton *out, fq_app_barcode_result *out_result);

/* Removes a carton entered by mistake. */
fq_err fq_app_carton_delete(fq_app *app, const char *carton_uuid);

/* ---- issues ---- */

/* The issues of an order: the open ones, then the closed ones, each group in the order they
 * were raised. *out malloc'd (free()); NULL when none. *out_n_open: how many are open. */
fq_err fq_app_issues_read(fq_app *app, const char *order_uuid, fq_issue **out, size_t *out_n,
                          size_t *out_n_open);

/* Raises an issue from a visit on the visit's order, opened now. The title is required
 * (non-blank); description may be NULL; severity minor..critical. *out may be NULL. */
fq_err fq_app_issue_add(fq_app *app, const char *visit_uuid, const char *title,
                        const char *description, fq_severity severity, fq_issue *out);

/* Edits an open issue's title (required), description and severity. FQ_ERR_CONFLICT when
 * it is closed. *out may be NULL. */
fq_err fq_app_issue_edit(fq_app *app, const char *issue_uuid, const char *title,
                         const char *description, fq_severity severity, fq_issue *out);

/* Names who must act on an open issue and the day it must be closed by (00:00 UTC; 0: no
 * date). FQ_ERR_CONFLICT when closed. *out may be NULL. */
fq_err fq_app_issue_assign(fq_app *app, const char *issue_uuid, const char *owner,
                           int64_t due_utc, fq_issue *out);

/* Closes an open issue now with a resolution note of substance (core: a vague answer such
 * as "." or "ok" does not close an issue; FQ_ERR_INVALID with the reason). FQ_ERR_CONFLICT
 * when already closed. *out may be NULL. */
fq_err fq_app_issue_close(fq_app *app, const char *issue_uuid, const char *resolution_note,
                          fq_issue *out);

/* ---- written approvals and spec changes recorded on site ---- */

typedef struct fq_app_approval_input {
    fq_approval_kind kind;
    const char *milestone_uuid;  /* the milestone approved (NULL or "": the order) */
    const char *visit_uuid;      /* the visit it was recorded on (NULL or "": none) */
    const char *subject;         /* what was approved / what changed: required */
    const char *approver_name;   /* who: required */
    int32_t role;                /* fq_signer_role */
    const char *note;            /* may be NULL */
    fq_app_signature signature;  /* required: the approver's signature */
} fq_app_approval_input;

/* Records a written approval or a spec change for an order: who, role, what, when (now), the
 * signature (stored as a photo, durable first). FQ_ERR_INVALID naming what is missing.
 * *out (may be NULL) gets the record. */
fq_err fq_app_approval_add(fq_app *app, const char *order_uuid, const fq_app_approval_input *in,
                           fq_approval *out);

/* A photo of the approved document or sample, attached to an approval. */
fq_err fq_app_approval_attach_photo(fq_app *app, const char *approval_uuid,
                                    const char *jpeg_path, fq_photo *out);

/* ---- photos ---- */

typedef struct fq_app_photo_row {
    fq_photo photo;
    char subject_text[FQ_TEXT_LEN]; /* a finding's photo: the checklist item's text; else "" */
    bool group_first;               /* the first photo of its subject */
    int32_t group_size;             /* photos of its subject */
} fq_app_photo_row;

/* Photos of a visit grouped by what they prove: the visit's own first, then by subject kind
 * and subject (all signatures are one group), oldest first within a group. subject_uuid
 * NULL: all photos of the visit; else only those of (subject_kind, subject_uuid).
 * *out malloc'd (free()); NULL when none. */
fq_err fq_app_photos_read(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                          const char *subject_uuid, fq_app_photo_row **out, size_t *out_n);

/* Imports a JPEG file as evidence for a subject (finding, carton, ...) of a visit: compress,
 * store durably, then record. *out (may be NULL) receives the record. Same photo twice on the
 * same subject is stored and recorded once (FQ_OK, existing record, *out_already true;
 * out_already may be NULL). */
fq_err fq_app_photo_attach_file(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                                const char *subject_uuid, const char *jpeg_path,
                                fq_photo *out, bool *out_already);

/* Imports many files on a worker thread (decode, resample, encode and the durable files
 * there; the records here, when polled), so the screen never waits on a photo. */
typedef struct fq_app_import_job fq_app_import_job;

typedef struct fq_app_import_progress {
    int64_t total;
    int64_t done;      /* files finished (imported, already there or refused) */
    int64_t imported;  /* new records */
    int64_t already;   /* the same photo already on this subject */
    int64_t failed;    /* refused (not a JPEG, broken, over the limits) */
    int percent;       /* of the file under way (the pipeline's stages) */
    bool finished;     /* every file done, or cancelled and stopped */
    char first_error[320]; /* "NAME: reason" of the first refused file */
} fq_app_import_progress;

/* Starts importing `paths` (copied) onto a subject. *out: free with fq_app_import_free. */
fq_err fq_app_import_start(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                           const char *subject_uuid, const char *const *paths, size_t n_paths,
                           fq_app_import_job **out);

/* fq_app_import_start for one camera capture at `jpeg_path`, whose file is removed once
 * stored (or refused). */
fq_err fq_app_capture_start(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                            const char *subject_uuid, const char *jpeg_path,
                            fq_app_import_job **out);

/* Records what the worker finished since the last poll (one transaction per photo) and says
 * how far it is. Call from the app's thread, as often as the screen likes; returns a store
 * error (the import goes on). */
fq_err fq_app_import_poll(fq_app *app, fq_app_import_job *job, fq_app_import_progress *out);

/* Asks the worker to stop after the file under way (poll until finished to record it). */
void fq_app_import_cancel(fq_app_import_job *job);

/* Cancels, waits for the worker, frees. Files it stored but nobody polled stay unrecorded
 * (the next start sweeps nothing: they are valid photos, found again by their hash).
 * NULL is fine. */
void fq_app_import_free(fq_app_import_job *job);

/* Where a camera capture is written before fq_app_photo_attach_capture takes it. */
fq_err fq_app_capture_path(fq_app *app, char *buf, size_t buf_len);

/* fq_app_photo_attach_file for a camera capture at `jpeg_path`, whose file is removed
 * afterwards whatever the outcome (the stored photo is a copy). */
fq_err fq_app_photo_attach_capture(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                                   const char *subject_uuid, const char *jpeg_path,
                                   fq_photo *out, bool *out_already);

/* Path of a stored photo (or its thumbnail) file, for display. */
fq_err fq_app_photo_path(fq_app *app, const fq_photo *photo, int thumbnail, char *buf,
                         size_t buf_len);

/* The camera chosen on this tablet (a /dev/v4l/by-id path; a device-local setting, never
 * synced): "" when none was chosen (the first camera found is used). */
const char *fq_app_camera_choice(fq_app *app);

/* Chooses the camera (path, non-blank, under 512 bytes); one write. */
fq_err fq_app_set_camera_choice(fq_app *app, const char *path);

/* Folder the app imports photos from (USB stick DCIM, SD card); "" when not set. */
const char *fq_app_import_dir(fq_app *app);

/* A JPEG file offered for import. */
typedef struct fq_app_import_file {
    char name[256];     /* path inside the import folder ("DCIM/100CANON/IMG_0001.JPG") */
    int64_t mtime_utc;  /* file modification time: a camera's capture time on the card */
    int64_t bytes;
} fq_app_import_file;

/* The JPEG files (.jpg / .jpeg, not hidden) in `dir` and its folders down to 3 levels (a
 * camera's DCIM/100XXXXX/ layout, a stick's folders), newest first (then by name), any
 * number. *out malloc'd (free()); NULL when none. FQ_ERR_NOTFOUND when the folder is not
 * there. */
fq_err fq_app_import_list(fq_app *app, const char *dir, fq_app_import_file **out,
                          size_t *out_n);

/* One mark drawn on a photo, in pixels of the stored (upright) photo. */
typedef enum fq_app_mark_kind {
    FQ_APP_MARK_ARROW = 0, /* tail (x0,y0), head (x1,y1) */
    FQ_APP_MARK_CIRCLE,    /* the circle through (x1,y1) around (x0,y0) */
    FQ_APP_MARK_RECT,      /* corners (x0,y0), (x1,y1) */
    FQ_APP_MARK_TEXT,      /* `text` with its top-left corner at (x0,y0) */
    FQ_APP_MARK_KIND_COUNT
} fq_app_mark_kind;

#define FQ_APP_MARK_TEXT_MAX 33 /* bytes incl. nul (media's label limit) */

typedef struct fq_app_mark {
    int32_t kind; /* fq_app_mark_kind */
    float x0, y0, x1, y1;
    char text[FQ_APP_MARK_TEXT_MAX];
} fq_app_mark;

/* Marks up a stored photo: the marks are burnt into a new photo (same visit and subject,
 * annotated_from = the original's uuid) and the original record and file stay untouched,
 * as evidence. n_marks 1..64. *out (may be NULL) receives the new record.
 * FQ_ERR_NOTFOUND (no such photo, or its file is not on this device), FQ_ERR_INVALID (no
 * marks, an empty label, a mark outside the photo), the pipeline's errors. */
fq_err fq_app_photo_annotate(fq_app *app, const char *photo_uuid, const fq_app_mark *marks,
                             size_t n_marks, fq_photo *out);

/* fq_app_photo_annotate on the import worker (fq_app_import_poll records the copy; the
 * marks are checked here, before it starts, with the same errors). */
fq_err fq_app_annotate_start(fq_app *app, const char *photo_uuid, const fq_app_mark *marks,
                             size_t n_marks, fq_app_import_job **out);

/* Deletes a photo record: the change log's delete is the tombstone that syncs. The file
 * stays until the office confirms the delete (a receipt covering it); a photo the office
 * never received goes at once. An original with marked-up copies is refused
 * (FQ_ERR_CONFLICT: delete the copies first; the evidence chain stays whole);
 * FQ_ERR_NOTFOUND when there is no such photo. */
fq_err fq_app_photo_delete(fq_app *app, const char *photo_uuid);

/* Photos marked up from `photo_uuid` (their annotated_from). */
fq_err fq_app_photo_copies(fq_app *app, const char *photo_uuid, int64_t *out_n);

/* ---- sync ---- */

/* A file from the office this device refused (a job pack or receipt): the inspector must
 * tell the office, because only the office can send a good one. */
typedef struct fq_app_inbox_problem {
    char file[256];
    char kind[16];             /* "jobs", "receipt", "?" */
    char reason[512];          /* one line */
    int64_t at_utc;
} fq_app_inbox_problem;

#define FQ_APP_INBOX_PROBLEMS_MAX 4
#define FQ_APP_FINGERPRINT_LEN 20  /* "3F2A-91C0-7B44-E1D5" + NUL (lib/bundle's) */

typedef struct fq_app_sync_status {
    int64_t pending_records;   /* changes not yet acknowledged by the office */
    int64_t pending_photos;
    int64_t last_export_utc;   /* 0: never */
    char last_export_file[256];
    int64_t last_receipt_utc;  /* 0: never */
    int64_t acked_seq;
    /* refused files no good file of the same kind has replaced since, newest first */
    int n_problems;
    fq_app_inbox_problem problems[FQ_APP_INBOX_PROBLEMS_MAX];
    /* changes this device could not send (their log row is damaged), newest reason */
    int64_t n_skipped;
    char skip_reason[512];
    /* key fingerprints ("3F2A-91C0-7B44-E1D5") people compare with the office's screen:
     * this device's (enrolment), the office key it trusts ("" until the first office file)
     * and an office key it refused, which the inspector may trust ("" when none) */
    char device_key[FQ_APP_FINGERPRINT_LEN];
    char office_key[FQ_APP_FINGERPRINT_LEN];
    int64_t office_key_since_utc;
    char offered_key[FQ_APP_FINGERPRINT_LEN];
    int64_t offered_key_utc;
} fq_app_sync_status;

fq_err fq_app_sync_status_get(fq_app *app, fq_app_sync_status *out);

typedef struct fq_app_export_result {
    char file[1024];          /* the (first) bundle in the outbox */
    int n_files;              /* bundles the work was split into (each at most 512 MB) */
    int64_t n_skipped;        /* damaged changes left out this time (kept on the device) */
    int unchanged;            /* 1: the same work was already exported and is still there */
    int64_t n_records;
    int64_t n_photo_files;    /* photos and thumbnails */
    int64_t n_missing_photos; /* recorded photos whose file is not on this device */
    int64_t bytes;
} fq_app_export_result;

/* Writes a bundle of everything pending into <sync_dir>/outbox; *out (may be NULL) says
 * what went in. FQ_ERR_NOTFOUND when nothing is pending. */
fq_err fq_app_export(fq_app *app, fq_app_export_result *out);

typedef struct fq_app_inbox_result {
    int n_applied;             /* receipts and job packs applied */
    int n_rejected;            /* files refused (kept as *.rejected, listed by the status) */
    int64_t n_records;         /* records the job packs changed here */
    char rejected_file[256];   /* the newest refused file and why */
    char rejection[512];
} fq_app_inbox_result;

/* Reads receipts and job packs from <sync_dir>/inbox and applies the good ones. A refused
 * file is an outcome, not a failure: FQ_OK with n_rejected > 0 and the reason in *out, and
 * fq_app_sync_status_get lists it until a good file of its kind arrives. Fails (nothing
 * read further, the file kept for the next try) only for this device's own trouble: no sync
 * folder, full disk, out of memory. */
fq_err fq_app_read_inbox(fq_app *app, fq_app_inbox_result *out);

/* The inspector trusts the new office key the Sync status offers (offered_key), after
 * comparing it with the office's screen; `fingerprint` is the one the screen showed
 * (FQ_ERR_CONFLICT when another key is offered by now). Then the office's files refused
 * because of it are read again: *out (may be NULL) as fq_app_read_inbox. */
fq_err fq_app_trust_office_key(fq_app *app, const char *fingerprint, fq_app_inbox_result *out);

/* ---- measurements (issue 20) ---- */

/* The defect code out-of-tolerance units are tallied under in the AQL step, one row per
 * severity, kept equal to what the readings show by every measurement command. */
#define FQ_APP_MEAS_DEFECT_CODE "MEAS"

/* One cell of the grid: a point x a sample unit. */
typedef struct fq_app_meas_cell {
    fq_meas_reading reading;     /* reading.meta.uuid empty while the cell is empty */
    fq_meas_judgement judgement; /* status FQ_MEAS_EMPTY while empty */
} fq_app_meas_cell;

typedef struct fq_app_meas_point {
    fq_meas_spec spec;
    fq_app_meas_cell cells[FQ_MEAS_UNITS_MAX]; /* index unit_no - 1, spec.n_units of them */
    fq_meas_stats stats;
    int32_t n_photos;            /* photos of this point on this visit */
} fq_app_meas_point;

#define FQ_APP_MEAS_SIZES_MAX 16

/* The Measurements step of a visit: the order's points of one size (from the job pack), each
 * with its readings judged. Owns `points`: fq_app_meas_view_free. */
typedef struct fq_app_meas_view {
    char sizes[FQ_APP_MEAS_SIZES_MAX][FQ_SHORT_LEN]; /* the order's sizes ("" = no size set) */
    int n_sizes;
    int size_index;              /* the size shown */
    fq_app_meas_point *points;   /* sheet order; NULL when the order has no spec */
    size_t n_points;
    int32_t units_out[FQ_SEV_COUNT]; /* defective units of the visit, all sizes (core rule) */
    int32_t n_readings;          /* of the visit, all sizes */
} fq_app_meas_view;

/* Reads the grid of size `size_index` (clamped to the sizes there are). */
fq_err fq_app_meas_read(fq_app *app, const char *visit_uuid, int size_index,
                        fq_app_meas_view *out);
void fq_app_meas_view_free(fq_app_meas_view *view);

/* Enters (or corrects) the reading of point `spec_uuid` on sample unit `unit_no` from `text`
 * as typed (core/meas.h fq_meas_parse: a decimal in the spec's unit, or with another unit
 * of its dimension); blank text clears the cell. `source` says whether a person typed it
 * or a gauge did. In the same transaction the visit's measurement defects (code
 * FQ_APP_MEAS_DEFECT_CODE, one row per severity, removed at 0) and its AQL plan follow.
 * *out_cell (may be NULL) gets the cell as stored. FQ_ERR_INVALID with the reason for text
 * that is not a reading or a unit outside the spec's; FQ_ERR_NOTFOUND for a spec that is
 * not the visit's order's; FQ_ERR_CONFLICT on a signed-off visit. */
fq_err fq_app_meas_set(fq_app *app, const char *visit_uuid, const char *spec_uuid,
                       int32_t unit_no, const char *text, fq_meas_source source,
                       fq_app_meas_cell *out_cell);

/* ---- on-site tests (issue 20) ---- */

/* The visit's on-site tests, oldest first. *out malloc'd (free()); NULL when none. */
fq_err fq_app_site_tests_read(fq_app *app, const char *visit_uuid, fq_site_test **out,
                              size_t *out_n);

/* Adds a test of `kind` (fq_site_test_kind) with its usual method filled in (a drop test:
 * ISTA 1A's 10 drops; the barcode scan test: the barcode of the visit's first carton as the
 * expected code). *out may be NULL. */
fq_err fq_app_site_test_add(fq_app *app, const char *visit_uuid, int32_t kind,
                            fq_site_test *out);

/* Saves method, expected, counts, result, findings and note of `test` (found by its uuid).
 * FQ_ERR_INVALID for negative counts or more failed than tested. *out may be NULL. */
fq_err fq_app_site_test_save(fq_app *app, const fq_site_test *test, fq_site_test *out);

/* The barcode scan test: one carton label scanned (or typed). It counts as tested; a code
 * other than the expected one counts as failed and is listed in the findings with its
 * number; the result follows (fail on any mismatch, else pass). *out_match (may be NULL):
 * whether it matched. */
fq_err fq_app_site_test_scan(fq_app *app, const char *test_uuid, const char *code,
                             fq_site_test *out, bool *out_match);

/* Removes a test entered by mistake. */
fq_err fq_app_site_test_delete(fq_app *app, const char *test_uuid);

#endif
