/* Private to the device-side files of sync/bundle (device.c, export.c, inbox.c,
 * status.c): the device handle and the small SQL helpers over the store's sync tables. */
#ifndef FQ_BUNDLE_DEVICE_INTERNAL_H
#define FQ_BUNDLE_DEVICE_INTERNAL_H

#include "bundle_internal.h"

struct fq_bundle_device {
    fq_store *st;
    sqlite3 *db; /* the store's handle, for the sync_* tables only */
    char photo_dir[FQ_BUNDLE_PATH_LEN];
    char sync_dir[FQ_BUNDLE_PATH_LEN];
    char outbox[FQ_BUNDLE_PATH_LEN];
    char inbox[FQ_BUNDLE_PATH_LEN];
    char errmsg[FQ_BUNDLE_ERR_LEN];
};

fq_err fq_bundle_device_fail(fq_bundle_device *d, fq_err e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* One integer from a query with up to one int64 parameter (bound when has_param). */
fq_err fq_bundle_device_i64(fq_bundle_device *d, const char *sql, int has_param, int64_t param,
                            int64_t *out);

/* The highest position the office acknowledged (0 when none). */
fq_err fq_bundle_device_acked_seq(fq_bundle_device *d, int64_t *out);

/* SQL selecting the distinct photo hashes of this database the office has not acknowledged. */
extern const char fq_bundle_pending_photos_sql[];

/* A new random bundle id. */
fq_err fq_bundle_new_id(char out[FQ_UUID_LEN]);

#endif
