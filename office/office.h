/* fq_office: the office side of the evidence chain, as a library. fieldqc-office's commands
 * (commands.h) and the tests drive it: enrol devices (their signing keys), import device
 * bundles exactly once (verified first, and only from a device signed by its enrolled key),
 * write receipts and job packs for an enrolled device signed by the office's key, and read
 * the office database for reports.
 *
 * The office keeps everything in its store (office/ostore.h): a sqlite file (the same schema
 * and apply path as a device, lib/store) or a PostgreSQL database (office/pg), plus the
 * office's own bookkeeping and its signing key (made on first use, local, never synced);
 * photos live in a content-addressed folder ("<db>.photos" beside a file, or --photos).
 * Not thread-safe: one handle per thread. */
#ifndef FQ_OFFICE_OFFICE_H
#define FQ_OFFICE_OFFICE_H

#include <stdint.h>

#include "bundle/bundle.h"
#include "core/err.h"
#include "office/ostore.h"
#include "store/store.h"

#define FQ_OFFICE_DEFAULT_DB "office.db"

typedef struct fq_office fq_office;

/* Opens (creating) the office store db (a file path, or postgresql://USER@HOST/DB) and its
 * office tables, loads the office's signing key (made the first time), and sweeps the
 * temporaries a killed run left. Photos go to photo_dir (NULL: $FIELDQC_PHOTOS, else
 * "<db>.photos" beside a file, "<database name>.photos" in the current folder for a URL).
 * On failure *out is set when allocated (for fq_office_errmsg); close it either way. */
fq_err fq_office_open_with(const char *db, const char *photo_dir, fq_office **out);

/* fq_office_open_with(db_path, NULL, out). */
fq_err fq_office_open(const char *db_path, fq_office **out);

/* Closes; NULL allowed. */
void fq_office_close(fq_office *o);

/* The one-line reason of the last failure ("" after success); "out of memory" for NULL. */
const char *fq_office_errmsg(const fq_office *o);

/* The office store (owned by o) for reading records and lights. */
fq_ostore *fq_office_store(fq_office *o);

/* The photo folder (content addressed, fsio's layout). */
const char *fq_office_photo_dir(const fq_office *o);

/* The base path of the office's other folders: <base>.pull (bundles pulled from a sync
 * folder), <base>.outgoing (bundles kept to forward), <base>.relay (the server's receipts
 * and job packs), <base>.spool (uploads a server receives). */
const char *fq_office_base(const fq_office *o);

typedef struct fq_office_import_result {
    fq_bundle_info info;
    int already;             /* the same bundle was imported before: nothing changed */
    int64_t n_applied;       /* records that changed the office database */
    int64_t n_photos_new;    /* photo files written */
    int64_t n_photos_repaired; /* damaged office copies replaced by the bundle's */
    int64_t n_photos_damaged;  /* photos damaged on the device before it sent them: not
                                * stored, not acknowledged (the device keeps them) */
    char first_damaged[FQ_HASH_LEN]; /* the first of them ("" when none) */
    int64_t n_conflicts;     /* records kept as conflicts (another writer changed them) */
    int64_t n_refused;       /* records kept as refused (not the device's to change, or a
                              * revision that does not follow its base) */
} fq_office_import_result;

/* 1 when the bundle at path is one this office imported before (the same id and content),
 * from a peek at its first pages (each checked against its page checksum), its device
 * enrolled with the key it names and, when expect_device is not NULL, from that device; its
 * manifest into *out_info then. 0 otherwise (not one, damaged, unreadable: the full check
 * of fq_office_import gives the reason). Applies and changes nothing. */
int fq_office_recognise(fq_office *o, const char *path, const char *expect_device,
                        fq_bundle_info *out_info);

/* Verifies the bundle at path completely, then applies it: photos durable first, then all
 * records and the import log in one transaction. expect_device may be NULL. Idempotent.
 * A bundle whose device is not enrolled, is revoked or is enrolled with another key, or
 * whose signature does not verify, is refused with FQ_ERR_UNTRUSTED and a reason starting
 * "not signed by an enrolled device". Records are applied by ownership and revision
 * (lib/bundle/FORMAT.md, "Ownership and conflicts"): conflicts and refusals do not reject
 * the bundle, they are kept with their reason for fq_office_each_conflict /
 * `fieldqc-office conflicts`. The one-line reason of a rejection is fq_office_errmsg(o). */
fq_err fq_office_import(fq_office *o, const char *path, const char *expect_device,
                        fq_office_import_result *out);

/* Highest position up to which the office holds every change of device_id (contiguous),
 * counting only the bundles signed by its enrolled key (0 when not enrolled). */
fq_err fq_office_acked_seq(fq_office *o, const char *device_id, int64_t *out);

/* Writes a receipt for device_id (acked position + every photo held from it) to path,
 * signed by the office key. FQ_ERR_UNTRUSTED (nothing written) when device_id is not
 * enrolled or is revoked. */
fq_err fq_office_write_receipt(fq_office *o, const char *device_id, const char *path,
                               fq_bundle_info *out_info);

/* Writes the job pack of device_id (its open visits, their orders, milestones and records,
 * and the checklists) to path, signed by the office key. *out_n_records gets the count;
 * nothing is written when 0. FQ_ERR_UNTRUSTED (nothing written) when device_id is not
 * enrolled or is revoked: a job pack is for a known device only. */
fq_err fq_office_write_jobs(fq_office *o, const char *device_id, const char *path,
                            int64_t *out_n_records);

/* ---- forwarding to the office server (forward.c, issue 13) ---- */

/* The settings of `fieldqc-office push`: the server's URL and the laptop's API token. */
#define FQ_OFFICE_SETTING_PUSH_SERVER "push_server"
#define FQ_OFFICE_SETTING_PUSH_TOKEN "push_token"

/* Makes this office (a laptop) forward to server with token: both are kept in its store's
 * local settings; from now on every bundle it imports is kept in <base>.outgoing and queued
 * (fq_ostore_each_outbound) until the server confirms it, and `sync` hands tablets the
 * server's receipts and job packs (<base>.relay) instead of its own. */
fq_err fq_office_forward_setup(fq_office *o, const char *server, const char *token);

/* The push server and token set up (both "" when this office does not forward). */
fq_err fq_office_forward_config(fq_office *o, char *server, size_t server_len, char *token,
                                size_t token_len);

/* The path of the server's receipt (jobs 0) or job pack (jobs 1) for device_id kept in
 * <base>.relay, into out. */
void fq_office_relay_path(const fq_office *o, const char *device_id, int jobs, char *out,
                          size_t out_len);

/* ---- keys and enrolment (enrol.c) ---- */

/* The office key's fingerprint (tablets show it as their office key) into out. */
void fq_office_key_fingerprint(fq_office *o, char out[FQ_BUNDLE_FINGERPRINT_LEN]);

/* Replaces the office's signing key by a new random one. Deliberate and rare (a leaked
 * database): every tablet then refuses the office's files until its inspector compares the
 * new fingerprint and trusts it on the Sync screen. */
fq_err fq_office_new_key(fq_office *o);

/* A device as enrolled at this office. */
typedef struct fq_office_device {
    char device_id[FQ_ID_LEN];
    char public_key[FQ_BUNDLE_KEY_HEX_LEN];
    char fingerprint[FQ_BUNDLE_FINGERPRINT_LEN];
    int64_t enrolled_utc;
    int64_t revoked_utc;     /* 0: in force */
} fq_office_device;

/* The newest enrolment of device_id into *out; FQ_ERR_NOTFOUND when never enrolled. */
fq_err fq_office_device_get(fq_office *o, const char *device_id, fq_office_device *out);

/* Enrols device_id with public_key (64 hex). The same key already in force changes nothing
 * (*out_changed = 0). A device enrolled with another key, or revoked, is enrolled again only
 * when replace is set (FQ_ERR_CONFLICT otherwise, nothing changed): replacing a key is
 * always explicit. FQ_ERR_INVALID for a bad id or key. */
fq_err fq_office_enrol(fq_office *o, const char *device_id, const char *public_key, int replace,
                       int *out_changed);

/* Revokes device_id: its bundles are refused and nothing is written for it from now on.
 * FQ_ERR_NOTFOUND when it has no enrolment in force. */
fq_err fq_office_revoke(fq_office *o, const char *device_id);

/* Visits every enrolled device (newest enrolment, revoked ones too) by id; fn returns
 * nonzero to stop. */
typedef int (*fq_office_device_fn)(void *ctx, const fq_office_device *d);
fq_err fq_office_each_device(fq_office *o, fq_office_device_fn fn, void *ctx);

#endif
