/* The device's sync policy (part of the services module): incremental export of the change
 * log and the unacknowledged photos to <sync>/outbox/, signed with this device's key;
 * reading receipts and job packs from <sync>/inbox/, accepted only when signed by the office
 * key this device trusts; and the state the Sync screen shows. The file format is
 * lib/bundle's; this decides what goes in, whose signature counts and what a receipt lets
 * the device forget.
 *
 * Office key: the first office file accepted teaches it (trust on first use; the Sync screen
 * shows its fingerprint to compare with the office's screen). Afterwards a file signed by
 * any other key is refused and that key only offered: the inspector moves to it
 * deliberately (fq_app_sync_trust_offered_key), never the device by itself.
 *
 * fq_app (app.h) drives it for the screens; tests and benches use it directly on a store.
 * Not thread-safe: one handle per thread. */
#ifndef FQ_SERVICES_SYNC_H
#define FQ_SERVICES_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "bundle/bundle.h"
#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

typedef struct fq_app_sync fq_app_sync;

/* Binds a device database (borrowed; outlives the handle), its photo directory and the sync
 * folder (outbox/ and inbox/ are created when missing), and loads this device's signing key
 * (made the first time: fq_app_sync_key_load). *out set on success (and on failure when
 * allocated, for the message). */
fq_err fq_app_sync_open(fq_store *st, const char *photo_dir, const char *sync_dir,
                             fq_app_sync **out);
void fq_app_sync_close(fq_app_sync *d);
const char *fq_app_sync_errmsg(const fq_app_sync *d);

/* This device's signing key into *out (wipe it with fq_bundle_key_wipe): read from the
 * database, or made (Ed25519, random) and saved there the first time; local, never synced.
 * On failure the reason goes into errmsg (errmsg_len bytes). */
fq_err fq_app_sync_key_load(fq_store *st, fq_bundle_key *out, char *errmsg, size_t errmsg_len);

typedef struct fq_app_sync_export_result {
    int written;                   /* 1: a new bundle was written; 0: nothing new to send */
    int unchanged;                 /* 1: the pending work equals the last export, still there */
    char bundle_id[FQ_UUID_LEN];
    char path[FQ_BUNDLE_PATH_LEN]; /* of the first bundle in outbox/ ("" when none) */
    int n_bundles;                 /* how many files the work was split into */
    int64_t after_seq;
    int64_t to_seq;
    int64_t n_records;
    int64_t n_photos;
    int64_t n_missing_photos;      /* photo rows whose file is not on this device */
    int64_t n_skipped;             /* damaged change-log rows not sent (recorded) */
    int64_t bytes;                 /* all files */
} fq_app_sync_export_result;

/* Writes device.id and device.pub (this device's public key, for enrolment at the office)
 * into the sync folder, then exports everything after the last acknowledged position plus
 * the photos the office has not acknowledged into outbox/<device>-<utc>-<NN>-<id>.fqb,
 * signed, split into parts of at most the handle's bundle size (consecutive ranges, photos
 * after the records; NN orders them). Marks nothing as synced: older unacked bundles are
 * superseded (removed) only after the new ones are durable. A change whose log row is
 * damaged is not sent: it is recorded (see fq_store_sync_skipped) and the export goes on, so
 * one bad row never blocks every later bundle. When nothing is pending nothing is written;
 * when the pending work equals the last export and that file still exists, it is kept
 * (unchanged = 1). */
fq_err fq_app_sync_export(fq_app_sync *d, fq_app_sync_export_result *out);

/* The largest bundle file an export writes (default FQ_APP_SYNC_MAX_BUNDLE_BYTES; at least
 * 64 KiB): a FAT32 stick takes no file over 4 GiB, and a smaller part is a shorter retry
 * after a pulled cable. */
#define FQ_APP_SYNC_MAX_BUNDLE_BYTES ((int64_t)512 << 20)
void fq_app_sync_set_max_bundle_bytes(fq_app_sync *d, int64_t bytes);

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
 * another device, one not signed by the trusted office key, a receipt acknowledging more
 * than this device ever exported, or a bad file is renamed *.rejected, counted and logged
 * with its reason (fq_app_sync_get_state lists it until a good file of its kind arrives),
 * not applied.
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
    /* changes never sent because their log row is damaged, and the newest one's reason */
    int64_t n_skipped;
    char skip_reason[FQ_BUNDLE_ERR_LEN];
    /* keys: this device's (the office compares it at enrolment), the office key it trusts
     * ("" until the first office file is accepted) and an office key it refused ("": none) */
    char device_fingerprint[FQ_BUNDLE_FINGERPRINT_LEN];
    char office_fingerprint[FQ_BUNDLE_FINGERPRINT_LEN];
    int64_t office_key_since_utc;
    char offered_fingerprint[FQ_BUNDLE_FINGERPRINT_LEN];
    int64_t offered_utc;
} fq_app_sync_state;

/* What the Sync screen shows. Reads only. */
fq_err fq_app_sync_get_state(fq_app_sync *d, fq_app_sync_state *out);

/* The inspector's deliberate move to a new office key, after comparing its fingerprint with
 * the office's screen: trusts the office key now offered (fq_app_sync_state), which must
 * have the fingerprint `fingerprint` (what the screen showed; FQ_ERR_CONFLICT and nothing
 * changes when another key was offered meanwhile, FQ_ERR_NOTFOUND when none is). Files set
 * aside because of that key are then read again into *out (as fq_app_sync_read_inbox). */
fq_err fq_app_sync_trust_offered_key(fq_app_sync *d, const char *fingerprint,
                                     fq_app_sync_inbox_result *out);

#endif
