/* Which office key this device accepts receipts and job packs from. The first office file
 * that verifies and is addressed to this device teaches the key (trust on first use: the
 * Sync screen shows its fingerprint, to compare with `fieldqc-office key` or the enrolment
 * output at the office). After that any other key is refused, however valid its signature:
 * a receipt signed by it would make the device forget unsent work, a job pack could
 * overwrite or delete records. The refused key is only offered; moving to it is the
 * inspector's deliberate act after comparing fingerprints (fq_app_sync_trust_offered_key),
 * because an office changing its key and someone planting files on the USB drive look the
 * same from here. An offer is dropped when the trusted key signs again: the office did not
 * change its key, so the offered one was someone else's. */
#include "sync_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fq_err fq_app_sync_check_office_key(fq_app_sync *d, const fq_bundle_info *in,
                                    fq_app_sync_key_step *out_step)
{
    fq_store_office_trust t;
    fq_err e = fq_store_sync_office_trust(d->st, &t);
    if (e)
        return fq_app_sync_store_fail(d, e);
    if (!t.key[0]) {
        *out_step = FQ_APP_SYNC_KEY_PIN;
        return FQ_OK;
    }
    /* the trusted office still signs: a key offered meanwhile was not the office's */
    if (strcmp(t.key, in->signer_key) == 0) {
        *out_step = t.offered[0] ? FQ_APP_SYNC_KEY_DROP_OFFER : FQ_APP_SYNC_KEY_KEEP;
        return FQ_OK;
    }
    char got[FQ_BUNDLE_FINGERPRINT_LEN], want[FQ_BUNDLE_FINGERPRINT_LEN];
    fq_bundle_fingerprint(in->signer_key, got);
    fq_bundle_fingerprint(t.key, want);
    /* offered only when it differs from what is already offered: the newest wins */
    if (strcmp(t.offered, in->signer_key) != 0 &&
        (e = fq_store_sync_offer_office_key(d->st, in->signer_key, fq_store_now(d->st))))
        return fq_app_sync_store_fail(d, e);
    return fq_app_sync_fail(d, FQ_ERR_UNTRUSTED,
                            "not signed by this device's office: signed by office key %s, "
                            "this device trusts %s",
                            got, want);
}

/* Files set aside (*.rejected) whose manifest names `key` as signer go back into the inbox
 * under their own name; the full verification runs again when they are read. */
static void requeue_set_aside(fq_app_sync *d, const char *key)
{
    DIR *dir = opendir(d->inbox);
    if (!dir)
        return;
    static const char suffix[] = FQ_BUNDLE_EXT ".rejected";
    struct dirent *ent;
    while ((ent = readdir(dir)) != NULL) {
        size_t n = strlen(ent->d_name), n_suffix = sizeof suffix - 1;
        if (ent->d_name[0] == '.' || n <= n_suffix ||
            strcmp(ent->d_name + n - n_suffix, suffix) != 0)
            continue;
        char from[FQ_BUNDLE_PATH_LEN * 2], to[FQ_BUNDLE_PATH_LEN * 2];
        snprintf(from, sizeof from, "%s/%s", d->inbox, ent->d_name);
        snprintf(to, sizeof to, "%s/%.*s", d->inbox, (int)(n - sizeof ".rejected" + 1),
                 ent->d_name);
        fq_bundle_info info;
        if (fq_bundle_peek(from, NULL, &info) == FQ_OK && strcmp(info.signer_key, key) == 0)
            rename(from, to);
    }
    closedir(dir);
}

fq_err fq_app_sync_trust_offered_key(fq_app_sync *d, const char *fingerprint,
                                     fq_app_sync_inbox_result *out)
{
    d->errmsg[0] = '\0';
    fq_store_office_trust t;
    fq_err e = fq_store_sync_office_trust(d->st, &t);
    if (e)
        return fq_app_sync_store_fail(d, e);
    if (!t.offered[0])
        return fq_app_sync_fail(d, FQ_ERR_NOTFOUND, "no new office key was offered");
    char offered[FQ_BUNDLE_FINGERPRINT_LEN];
    if (fq_bundle_fingerprint(t.offered, offered) != FQ_OK ||
        !fq_bundle_fingerprint_matches(t.offered, fingerprint))
        return fq_app_sync_fail(d, FQ_ERR_CONFLICT,
                                "the office key offered now is %s, not %s: compare again", offered,
                                fingerprint ? fingerprint : "?");
    if ((e = fq_store_sync_trust_office_key(d->st, t.offered, fq_store_now(d->st))))
        return fq_app_sync_store_fail(d, e);
    requeue_set_aside(d, t.offered);
    return fq_app_sync_read_inbox(d, out);
}
