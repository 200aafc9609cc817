/* Private to the sync_*.c files of services: the device sync handle. The bookkeeping
 * itself (receipts, exports, inbox log) is the store's (fq_store_sync_*). */
#ifndef FQ_SERVICES_SYNC_INTERNAL_H
#define FQ_SERVICES_SYNC_INTERNAL_H

#include "core/sha256.h"
#include "services/sync.h"

/* A photo file larger than this is not a photo of ours: not sent (the bundle reader's
 * default limit per photo). */
#define FQ_APP_SYNC_MAX_PHOTO_BYTES ((size_t)64 << 20)

struct fq_app_sync {
    fq_store *st;
    fq_bundle_key key;             /* this device's signing key (wiped on close) */
    char photo_dir[FQ_BUNDLE_PATH_LEN];
    char sync_dir[FQ_BUNDLE_PATH_LEN];
    char outbox[FQ_BUNDLE_PATH_LEN];
    char inbox[FQ_BUNDLE_PATH_LEN];
    char errmsg[FQ_BUNDLE_ERR_LEN];
    int64_t max_bundle_bytes;
};

/* Records the reason on the handle; returns e. */
fq_err fq_app_sync_fail(fq_app_sync *d, fq_err e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Copies the store's reason for e onto the handle; returns e. */
fq_err fq_app_sync_store_fail(fq_app_sync *d, fq_err e);

/* sync_export.c: device.id and device.pub (this device's public key) into the sync folder,
 * so the office knows whose folder it is and which key to enrol. */
fq_err fq_app_sync_write_identity(fq_app_sync *d);

/* What applying an accepted office file does to the office key, in the same transaction. */
typedef enum fq_app_sync_key_step {
    FQ_APP_SYNC_KEY_KEEP = 0,   /* signed by the trusted key, nothing offered */
    FQ_APP_SYNC_KEY_PIN,        /* no key trusted yet: this file's signer becomes it */
    FQ_APP_SYNC_KEY_DROP_OFFER  /* signed by the trusted key: an offered key is stale */
} fq_app_sync_key_step;

/* sync_trust.c: whether the office key that signed the verified office file `in` is the one
 * this device trusts. FQ_OK when it is, or when no office key is trusted yet (trust on first
 * use), with what the caller does inside the transaction that applies the file in *out_step.
 * FQ_ERR_UNTRUSTED for any other key: the reason is on d and the key is offered to the
 * inspector (fq_app_sync_trust_offered_key), never trusted by itself. */
fq_err fq_app_sync_check_office_key(fq_app_sync *d, const fq_bundle_info *in,
                                    fq_app_sync_key_step *out_step);

/* sync_inbox.c: reads one inbox file (path) into res; see fq_app_sync_read_inbox. */
fq_err fq_app_sync_read_file(fq_app_sync *d, const char *path, fq_app_sync_inbox_result *res);

#endif
