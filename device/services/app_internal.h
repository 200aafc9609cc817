/* Private to app/services: the handle, and the helpers every command uses (errors on the
 * handle, one transaction per command, the commit hook's list of written records). */
#ifndef FQ_SERVICES_APP_INTERNAL_H
#define FQ_SERVICES_APP_INTERNAL_H

#include "media/media.h"
#include "services/app.h"
#include "core/names.h"
#include "i18n/i18n.h"
#include "store/store.h"

/* Records one command may write (sign-off: 2 photos, 2 sign-offs, the visit). */
#define FQ_APP_MAX_WRITES 16

typedef struct fq_app_backup_job fq_app_backup_job;

typedef struct fq_app_write {
    const char *table;      /* static: the entity's table name */
    char uuid[FQ_UUID_LEN];
    int64_t revision;
} fq_app_write;

struct fq_app {
    fq_store *store;
    fq_media *media;
    char errmsg[512];
    char db_path[1024];
    char photo_dir[1100];
    char data_dir[1024];
    char sync_dir[1024];
    bool sync_dir_fixed;       /* --sync given: the setting does not move this run's */
    char import_dir[1024];
    char camera[512];
    char inspector[FQ_ID_LEN];
    char backup_dir_cfg[1024];   /* --backup / FIELDQC_BACKUP ("": <db>.backups) */
    char backup_problem[512];    /* the last backup that failed ("" when none) */
    int64_t last_backup_utc;     /* newest backup of this device in the backup place */
    fq_app_backup_job *backup_job; /* the daily backup under way on its thread, or NULL */
    char pending_location[128];  /* where the inspector is, to keep once the open's check
                                  * said ok ("": nothing pending) */
    bool read_only;
    char read_only_reason[512];
    int problem;                 /* fq_store_problem of the open */
    char open_reason[512];       /* the store's reason when the open failed */
    int64_t fixed_now;
    fq_app_commit_fn commit_hook;
    void *commit_user;
    fq_app_write writes[FQ_APP_MAX_WRITES]; /* written by the command under way */
    size_t n_writes;
    fq_app_log_fn log_hook;
    void *log_user;
    int pin_fails;             /* wrong office PINs in a row */
    int64_t pin_locked_until;
};

/* Records a failure reason; returns err. */
fq_err fq_app_fail(fq_app *app, fq_err err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sends "<what>: <the app's reason>" to the log hook; returns err. */
fq_err fq_app_log_failure(fq_app *app, fq_err err, const char *what);

/* A lower layer's English detail of err on the app, after its meaning in the inspector's
 * language; returns err. */
fq_err fq_app_detail_fail(fq_app *app, fq_err err, const char *detail);

/* Copies the store's reason for err onto the app; returns err. */
fq_err fq_app_store_fail(fq_app *app, fq_err err);

/* Starts a public call: clears the reason and the list of written records. */
void fq_app_enter(fq_app *app);

/* One transaction per command: fq_app_begin, the writes, then fq_app_end(app, err), which
 * commits when err is FQ_OK (and then tells the commit hook what was written) or rolls back
 * otherwise. Returns the command's outcome. */
fq_err fq_app_begin(fq_app *app);
fq_err fq_app_end(fq_app *app, fq_err err);

/* Inserts or updates a record (fq_store_put) and remembers it for the commit hook. */
fq_err fq_app_put(fq_app *app, fq_entity_id ent, void *rec);

/* Remembers a record the store wrote on the command's behalf (finish, reopen). */
void fq_app_note_write(fq_app *app, fq_entity_id ent, const fq_meta *meta);

/* Reads a record by uuid (fq_store_get) with the store's reason on failure. */
fq_err fq_app_get(fq_app *app, fq_entity_id ent, const char *uuid, void *out);

/* Records of `ent` belonging to a visit (their visit_uuid), in creation order. *out malloc'd
 * (free()); NULL when none. */
fq_err fq_app_list_of_visit(fq_app *app, fq_entity_id ent, const char *visit_uuid, void **out,
                            size_t *out_n);

/* The one record of `ent` of a visit (production count, AQL plan): FQ_ERR_NOTFOUND, with no
 * reason set, when the visit has none. */
fq_err fq_app_one_of_visit(fq_app *app, fq_entity_id ent, const char *visit_uuid, void *out);

/* The visit's AQL plan, or the default plan (not recorded, meta.uuid empty) for its order at
 * the severity the switching rules propose; *out_proposal (may be NULL) gets the proposal. */
fq_err fq_app_aql_plan_of(fq_app *app, const char *visit_uuid, fq_aql_plan *out,
                          fq_aql_switch *out_proposal);

/* Defects found per severity on a visit (minor, major, critical), clamped to int32. */
fq_err fq_app_aql_found(fq_app *app, const char *visit_uuid,
                        int32_t out_found[FQ_AQL_SEVERITIES]);

/* Inside a command: records `plan` (inserting it when new) with the units sampled kept in
 * the lot and the lot result core gives for the visit's tally now. Writes nothing when
 * nothing changed. plan is updated to what is stored. */
fq_err fq_app_aql_store_plan(fq_app *app, fq_aql_plan *plan);

/* The tally rows of the AQL view (fq_app_aql_view.tally): the common defect types, then the
 * types recorded on the visit, by severity. *out malloc'd (free()); NULL when none. */
fq_err fq_app_tally_rows(fq_app *app, const char *visit_uuid, fq_defect **out, size_t *out_n);

/* FQ_OK unless the sync folder is meant to be on a USB stick that is not mounted
 * (FQ_ERR_NOTFOUND with what to do): an export must not land on the SD card. */
fq_err fq_app_sync_medium_check(fq_app *app);

/* True for a blank string (NULL, or only spaces, tabs and line ends). */
bool fq_app_blank(const char *text);

/* Inside a command: FQ_ERR_CONFLICT with the reason unless the visit is started (the
 * inspector starts it on site; nothing is recorded on a visit before). Missing visit or
 * empty uuid: FQ_OK (the caller's lookup says not found). */
fq_err fq_app_check_started(fq_app *app, const char *visit_uuid);

/* Stores a drawn signature as a photo file (durable) and fills *out (not recorded yet). */
fq_err fq_app_store_signature(fq_app *app, const char *visit_uuid, const fq_app_signature *sig,
                              fq_photo *out);

/* The approvals of an order for the Order screen (ms: the order's milestones, for titles).
 * *out malloc'd (free()); NULL when none. */
fq_err fq_app_approvals_of(fq_app *app, const char *order_uuid, const fq_milestone *ms,
                           size_t n_ms, fq_app_approval_row **out, size_t *out_n);

/* A daily backup when the newest is a day old or more (after commands and at open): best
 * effort, a failure is kept in backup_problem. */
void fq_app_backup_if_due(fq_app *app);

/* Waits for a daily backup under way (before the store closes). */
void fq_app_backup_job_end(fq_app *app);

/* app_settings.c: the sync folder may be written now (a folder below /media, /mnt or
 * /run/media only while a stick is mounted there: nothing is made on the device's own
 * storage). Used by the backups too. */
bool fq_app_sync_dir_usable(const char *sync_dir);

#endif
