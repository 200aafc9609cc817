/* The device's sync policy (part of the services module): incremental export of the change
 * log and the unacknowledged photos to <sync>/outbox/, reading receipts and job packs from
 * <sync>/inbox/, and the state the Sync screen shows. The file format is lib/bundle's; this
 * decides what goes in and what a receipt lets the device forget.
 *
 * fq_app (app.h) drives it for the screens; tests and benches use it directly on a store.
 * Not thread-safe: one handle per thread. */
#ifndef FQ_SERVICES_SYNC_H
#define FQ_SERVICES_SYNC_H

#include <stdint.h>

#include "bundle/bundle.h"
#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

typedef struct fq_app_sync fq_app_sync;

/* Binds a device database (borrowed; outlives the handle), its photo directory and the sync
 * folder (outbox/ and inbox/ are created when missing). *out set on success (and on failure
 * when allocated, for the message). */
fq_err fq_app_sync_open(fq_store *st, const char *photo_dir, const char *sync_dir,
                             fq_app_sync **out);
void fq_app_sync_close(fq_app_sync *d);
const char *fq_app_sync_errmsg(const fq_app_sync *d);

typedef struct fq_app_sync_export_result {
    int written;                   /* 1: a new bundle was written; 0: nothing new to send */
    int unchanged;                 /* 1: the pending work equals the last export, still there */
    char bundle_id[FQ_UUID_LEN];
    char path[FQ_BUNDLE_PATH_LEN]; /* of the bundle in outbox/ ("" when none) */
    int64_t after_seq;
    int64_t to_seq;
    int64_t n_records;
    int64_t n_photos;
    int64_t n_missing_photos;      /* photo rows whose file is not on this device */
    int64_t bytes;
} fq_app_sync_export_result;

/* Exports everything after the last acknowledged position plus the photos the office has not
 * acknowledged into outbox/<device>-<utc>-<id>.fqb. Marks nothing as synced: older unacked
 * bundles are superseded (removed) only after the new one is durable. When nothing is pending
 * nothing is written; when the pending work equals the last export and that file still
 * exists, it is kept (unchanged = 1). */
fq_err fq_app_sync_export(fq_app_sync *d, fq_app_sync_export_result *out);

typedef struct fq_app_sync_inbox_result {
    int64_t n_receipts;            /* receipts applied */
    int64_t n_job_packs;           /* job packs applied */
    int64_t n_records_applied;     /* job-pack records that changed the database */
    int64_t n_rejected;            /* files rejected (left in inbox/, renamed *.rejected) */
    int64_t acked_seq;             /* highest acknowledged position after reading */
    char last_rejected_file[256];  /* the newest rejection: file name and one-line reason */
    char last_rejection[FQ_BUNDLE_ERR_LEN];
} fq_app_sync_inbox_result;

/* Reads inbox/: verifies every *.fqb, applies receipts (acknowledged position, photo acks;
 * removes outbox bundles that are fully acknowledged) first, then job packs (the office's
 * rows, by ownership: the office's plan is taken, the device's unacknowledged work kept;
 * lib/bundle/FORMAT.md) each in one transaction, then removes the applied file. A bundle for
 * another device, or a bad one, is renamed *.rejected, counted and logged with its reason
 * (fq_app_sync_get_state lists it until a good file of its kind arrives), not applied.
 * Returns FQ_OK when every file was read, whether applied or rejected: a rejection is an
 * outcome the caller must show (n_rejected), not a failure of the reading; a failure here
 * (full disk, out of memory) leaves the file for the next try. */
fq_err fq_app_sync_read_inbox(fq_app_sync *d, fq_app_sync_inbox_result *out);

#define FQ_APP_SYNC_RECENT_MAX 8

typedef struct fq_app_sync_export_entry {
    char bundle_id[FQ_UUID_LEN];
    char file[FQ_BUNDLE_PATH_LEN];
    int64_t to_seq;
    int64_t n_records;
    int64_t n_photos;
    int64_t bytes;
    int64_t created_utc;
    int acked;                     /* 1 when a receipt covers it */
} fq_app_sync_export_entry;

#define FQ_APP_SYNC_PROBLEMS_MAX 4

typedef struct fq_app_sync_state {
    int64_t pending_records;       /* local changes after the acknowledged position */
    int64_t pending_photos;        /* photos the office has not acknowledged */
    int64_t acked_seq;
    int64_t last_export_utc;       /* 0: never */
    int64_t last_receipt_utc;      /* 0: never */
    char last_receipt_office[FQ_NAME_LEN];
    int n_recent;
    fq_app_sync_export_entry recent[FQ_APP_SYNC_RECENT_MAX]; /* newest first */
    /* office files this device rejected and nothing good of the same kind came since:
     * what the inspector must tell the office (newest first) */
    int n_problems;
    fq_store_inbox_entry problems[FQ_APP_SYNC_PROBLEMS_MAX];
} fq_app_sync_state;

/* What the Sync screen shows. Reads only. */
fq_err fq_app_sync_get_state(fq_app_sync *d, fq_app_sync_state *out);

#endif
