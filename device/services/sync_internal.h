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

#endif
