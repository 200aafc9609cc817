/* fq_app: the application services of the device app. Owns the store, the photo pipeline
 * and the sync folder; the only writer. Screens read through it and send it commands; they
 * never see SQL, files or SDL.
 *
 * Every command is one store transaction, committed before the call returns FQ_OK, so a
 * screen may show "saved" on FQ_OK. On failure the reason is in fq_app_errmsg(). */
#ifndef FQ_SERVICES_APP_H
#define FQ_SERVICES_APP_H

#include <stddef.h>
#include <stdint.h>

#include "core/aql.h"
#include "core/err.h"
#include "core/lights.h"
#include "core/model.h"
#include "core/model_fields.h"

typedef struct fq_app fq_app;

typedef struct fq_app_config {
    const char *db_path;      /* device database (created when missing) */
    const char *data_dir;   /* checklists, demo data, fonts */
    const char *sync_dir;     /* sync folder with outbox/ and inbox/ (may be NULL) */
    const char *device_id;    /* NULL: keep the database's own */
    const char *inspector;    /* NULL: keep the database's own */
    int demo;                 /* load the demo data when the database has no orders */
    int64_t now_utc;          /* fixed clock for scripted runs and tests; 0 = system clock */
} fq_app_config;

/* Opens the app's services. On failure *out is still set when possible, for errmsg. */
fq_err fq_app_open(const fq_app_config *cfg, fq_app **out);
void fq_app_close(fq_app *app);
const char *fq_app_errmsg(const fq_app *app);

/* Current UTC seconds (the app's clock). */
int64_t fq_app_now(fq_app *app);
const char *fq_app_device_id(fq_app *app);
const char *fq_app_inspector(fq_app *app);

/* ---- reading ---- */

/* A visit for the Today list: the visit, its order and the order's light. */
typedef struct fq_app_visit_row {
    fq_visit visit;
    fq_order order;
    fq_light_result light;
} fq_app_visit_row;

/* Visits assigned to this device, open ones first by planned time, then the signed-off ones
 * of the last 7 days. *out is malloc'd (free()); NULL when none. */
fq_err fq_app_today(fq_app *app, fq_app_visit_row **out, size_t *out_n);

/* All orders with their lights (the office overview on the device). */
typedef struct fq_app_order_row {
    fq_order order;
    fq_light_result light;
} fq_app_order_row;
fq_err fq_app_orders(fq_app *app, fq_app_order_row **out, size_t *out_n);

/* Lights of the milestones of an order, in chain order: ms[i] and lights[i]. Both malloc'd. */
fq_err fq_app_milestones(fq_app *app, const char *order_uuid, fq_milestone **out_ms,
                         fq_light_result **out_lights, size_t *out_n);

/* Generic reads, as in the store: records of `ent` whose `filter_col` equals `filter_val`
 * (NULL/NULL: all), ordered by `order_col` (NULL: creation). *out malloc'd (free()). */
fq_err fq_app_list(fq_app *app, fq_entity_id ent, const char *filter_col,
                   const char *filter_val, const char *order_col, void **out, size_t *out_n);
fq_err fq_app_get(fq_app *app, fq_entity_id ent, const char *uuid, void *out);

/* The one record of `ent` belonging to a visit (production count, AQL plan). */
fq_err fq_app_visit_record(fq_app *app, fq_entity_id ent, const char *visit_uuid, void *out);

/* Sum of defects per severity for a visit. */
fq_err fq_app_defect_totals(fq_app *app, const char *visit_uuid,
                            int64_t out_by_severity[FQ_SEV_COUNT]);

/* The AQL switching proposal for this visit's lot: the clause 9 rules over the finished lots
 * of the same supplier and product (plans and defect counts, oldest first, this visit
 * excluded); core/aql.h fq_aql_propose says how. */
fq_err fq_app_aql_proposal(fq_app *app, const char *visit_uuid, fq_aql_switch *out);

/* ---- writing: one user action each ---- */

/* Saves a record (insert when meta.uuid is empty, else update); rec->meta is refreshed. */
fq_err fq_app_save(fq_app *app, fq_entity_id ent, void *rec);

/* Deletes a record (a carton or defect entered by mistake). */
fq_err fq_app_delete(fq_app *app, fq_entity_id ent, const char *uuid);

/* Marks a visit started now (once). */
fq_err fq_app_start_visit(fq_app *app, const char *visit_uuid);

/* Adds delta (+1 / -1) to the tally of defect `code` with `severity` on a visit; the row is
 * created on the first +1. The count never goes below 0. */
fq_err fq_app_tally_defect(fq_app *app, const char *visit_uuid, const char *code,
                           const char *description, int32_t severity, int32_t delta);

/* Closes an open issue with a resolution note (required, non-blank). */
fq_err fq_app_close_issue(fq_app *app, const char *issue_uuid, const char *resolution_note);

/* Signs off a visit: stores the inspector's and the factory representative's signatures
 * (grayscale images w x h, 0 = ink, 255 = paper; may be NULL when not drawn) as photos,
 * writes the sign-off records, then finishes the visit with `verdict`. One transaction for
 * the records; the signature files are durable before it. */
typedef struct fq_app_signature {
    const char *signer_name;
    int32_t role;                 /* fq_signer_role */
    const unsigned char *gray;    /* w*h bytes, row-major; NULL: not signed */
    int32_t width;
    int32_t height;
} fq_app_signature;
fq_err fq_app_sign_off(fq_app *app, const char *visit_uuid, int32_t verdict,
                       const fq_app_signature *signatures, size_t n_signatures);

/* Reopens a signed-off visit with a reason (logged). */
fq_err fq_app_reopen_visit(fq_app *app, const char *visit_uuid, const char *reason);

/* Imports a JPEG file as evidence for a subject (finding, carton, ...) of a visit: compress,
 * store durably, then record. *out (may be NULL) receives the record. Same photo twice on the
 * same subject is stored and recorded once (FQ_OK, existing record, *out_already true;
 * out_already may be NULL). */
fq_err fq_app_attach_photo_file(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                                const char *subject_uuid, const char *jpeg_path,
                                fq_photo *out, bool *out_already);

/* Path of a stored photo (or its thumbnail) file, for display. */
fq_err fq_app_photo_path(fq_app *app, const fq_photo *photo, int thumbnail, char *buf,
                         size_t buf_len);

/* Folder the app imports photos from (USB stick DCIM, SD card); "" when not set. */
const char *fq_app_import_dir(fq_app *app);

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
} fq_app_sync_status;

fq_err fq_app_sync_status_get(fq_app *app, fq_app_sync_status *out);

typedef struct fq_app_export_result {
    char file[1024];          /* the bundle in the outbox */
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

#endif
