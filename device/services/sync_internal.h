/* Private to the sync_*.c files of services: the device sync handle and the small SQL
 * helpers over the store's sync tables. */
#ifndef FQ_SERVICES_SYNC_INTERNAL_H
#define FQ_SERVICES_SYNC_INTERNAL_H

#include <sqlite3.h>

#include "core/sha256.h"
#include "services/sync.h"

/* A photo file larger than this is not a photo of ours: not sent (the bundle reader's
 * default limit per photo). */
#define FQ_APP_SYNC_MAX_PHOTO_BYTES ((size_t)64 << 20)

struct fq_app_sync {
    fq_store *st;
    sqlite3 *db; /* the store's handle, for the sync_* tables only */
    char photo_dir[FQ_BUNDLE_PATH_LEN];
    char sync_dir[FQ_BUNDLE_PATH_LEN];
    char outbox[FQ_BUNDLE_PATH_LEN];
    char inbox[FQ_BUNDLE_PATH_LEN];
    char errmsg[FQ_BUNDLE_ERR_LEN];
};

fq_err fq_app_sync_fail(fq_app_sync *d, fq_err e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* One integer from a query with up to one int64 parameter (bound when has_param). */
fq_err fq_app_sync_i64(fq_app_sync *d, const char *sql, int has_param, int64_t param,
                            int64_t *out);

/* The highest position the office acknowledged (0 when none). */
fq_err fq_app_sync_acked_seq(fq_app_sync *d, int64_t *out);

/* SQL selecting the distinct photo hashes of this database the office has not acknowledged. */
extern const char fq_app_sync_pending_photos_sql[];

#endif
