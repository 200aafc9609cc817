/* The device sync handle: binds the store, the photo directory, the sync folder and this
 * device's signing key (made on first use and kept in its database, never synced). */
#include "sync_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsio/fsio.h"
#include "i18n/i18n.h"

fq_err fq_app_sync_fail(fq_app_sync *d, fq_err e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->errmsg, sizeof d->errmsg, _(fmt), ap); /* drawn on the Sync screen */
    va_end(ap);
    return e;
}

fq_err fq_app_sync_open(fq_store *st, const char *photo_dir, const char *sync_dir,
                             fq_app_sync **out)
{
    fq_app_sync *d = calloc(1, sizeof *d);
    if (!d)
        return FQ_ERR_NOMEM;
    *out = d;
    d->st = st;
    d->max_bundle_bytes = FQ_APP_SYNC_MAX_BUNDLE_BYTES;
    int n1 = snprintf(d->photo_dir, sizeof d->photo_dir, "%s", photo_dir);
    int n2 = snprintf(d->sync_dir, sizeof d->sync_dir, "%s", sync_dir);
    int n3 = snprintf(d->outbox, sizeof d->outbox, "%s/outbox", sync_dir);
    int n4 = snprintf(d->inbox, sizeof d->inbox, "%s/inbox", sync_dir);
    if (n1 < 0 || n2 < 0 || n3 < 0 || n4 < 0 || (size_t)n1 >= sizeof d->photo_dir ||
        (size_t)n3 >= sizeof d->outbox || (size_t)n4 >= sizeof d->inbox)
        return fq_app_sync_fail(d, FQ_ERR_INVALID, "sync folder path too long");
    if (!fq_bundle_device_id_valid(fq_store_device_id(st)))
        return fq_app_sync_fail(d, FQ_ERR_INVALID,
                                     "device id '%s' cannot name a bundle (use letters, digits,"
                                     " '-', '_', '.')", fq_store_device_id(st));
    /* the sync folder is a USB stick anyone may have prepared: bundles are written into
     * outbox/ and files removed from both, never through a planted link */
    fq_err e = fq_app_sync_key_load(st, &d->key, d->errmsg, sizeof d->errmsg);
    if (!e)
        e = fq_fsio_mkdirs(d->outbox, d->errmsg, sizeof d->errmsg);
    if (!e)
        e = fq_fsio_mkdirs(d->inbox, d->errmsg, sizeof d->errmsg);
    if (!e)
        e = fq_fsio_check_real_dir(d->outbox, d->errmsg, sizeof d->errmsg);
    if (!e)
        e = fq_fsio_check_real_dir(d->inbox, d->errmsg, sizeof d->errmsg);
    /* temporaries an export killed mid-write left on the stick (pulled out too early) */
    if (!e)
        fq_fsio_sweep_tmp(d->outbox, 0);
    return e;
}

void fq_app_sync_set_max_bundle_bytes(fq_app_sync *d, int64_t bytes)
{
    d->max_bundle_bytes = bytes < ((int64_t)64 << 10) ? ((int64_t)64 << 10) : bytes;
}

fq_err fq_app_sync_key_load(fq_store *st, fq_bundle_key *out, char *errmsg, size_t errmsg_len)
{
    char seed[FQ_BUNDLE_SEED_HEX_LEN], fresh[FQ_BUNDLE_SEED_HEX_LEN];
    fq_err e = fq_store_setting_get(st, FQ_STORE_SETTING_SIGN_SEED, seed, sizeof seed);
    if (e == FQ_ERR_NOTFOUND) {
        /* first start: make one; setting_init keeps a key another process saved meanwhile */
        e = fq_bundle_key_generate(fresh);
        if (e) {
            snprintf(errmsg, errmsg_len, "cannot make this device's signing key (libsodium)");
            return e;
        }
        e = fq_store_setting_init(st, FQ_STORE_SETTING_SIGN_SEED, fresh, seed, sizeof seed);
        fq_bundle_wipe(fresh, sizeof fresh);
    }
    if (e) {
        snprintf(errmsg, errmsg_len, "signing key: %s", fq_store_errmsg(st));
        return e;
    }
    e = fq_bundle_key_from_seed(seed, out);
    fq_bundle_wipe(seed, sizeof seed);
    if (e)
        snprintf(errmsg, errmsg_len, "this device's signing key in its database is damaged");
    return e;
}

void fq_app_sync_close(fq_app_sync *d)
{
    if (d)
        fq_bundle_key_wipe(&d->key);
    free(d);
}

const char *fq_app_sync_errmsg(const fq_app_sync *d)
{
    return d ? d->errmsg : "out of memory";
}

fq_err fq_app_sync_store_fail(fq_app_sync *d, fq_err e)
{
    return fq_app_sync_fail(d, e, "%s", fq_store_errmsg(d->st));
}
