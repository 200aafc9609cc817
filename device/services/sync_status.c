/* What the Sync screen shows: pending records and photos, the last export and receipt, the
 * recent exports with whether a receipt covers them, the office files this device
 * rejected, and the key fingerprints people compare (this device's, the office key it
 * trusts, an office key it refused). Reads only. */
#include "sync_internal.h"

#include <stdio.h>
#include <string.h>

static fq_err recent_exports(fq_app_sync *d, fq_app_sync_state *s)
{
    fq_store_export rows[FQ_APP_SYNC_RECENT_MAX];
    int n = 0;
    fq_err e = fq_store_sync_recent_exports(d->st, rows, FQ_APP_SYNC_RECENT_MAX, &n);
    if (e)
        return fq_app_sync_store_fail(d, e);
    for (int i = 0; i < n; i++) {
        fq_app_sync_export_entry *x = &s->recent[s->n_recent++];
        snprintf(x->bundle_id, sizeof x->bundle_id, "%s", rows[i].bundle_id);
        snprintf(x->file, sizeof x->file, "%s", rows[i].file);
        x->to_seq = rows[i].to_seq;
        x->n_records = rows[i].n_records;
        x->n_photos = rows[i].n_photos;
        x->bytes = rows[i].bytes;
        x->created_utc = rows[i].created_utc;
        /* covered when the office holds every change up to its end; an export that carried
         * only photos is covered once those photos are acknowledged */
        x->acked = x->to_seq <= s->acked_seq && (x->n_records > 0 || s->pending_photos == 0);
    }
    if (n > 0)
        s->last_export_utc = rows[0].created_utc;
    return FQ_OK;
}

static fq_err key_fingerprints(fq_app_sync *d, fq_app_sync_state *s)
{
    fq_store_office_trust t;
    fq_err e = fq_store_sync_office_trust(d->st, &t);
    if (e)
        return fq_app_sync_store_fail(d, e);
    /* an invalid stored key shows as "" (fingerprint fails): never as someone else's */
    fq_bundle_fingerprint(d->key.public_hex, s->device_fingerprint);
    if (t.key[0]) {
        fq_bundle_fingerprint(t.key, s->office_fingerprint);
        s->office_key_since_utc = t.since_utc;
    }
    if (t.offered[0]) {
        fq_bundle_fingerprint(t.offered, s->offered_fingerprint);
        s->offered_utc = t.offered_utc;
    }
    return FQ_OK;
}

fq_err fq_app_sync_get_state(fq_app_sync *d, fq_app_sync_state *out)
{
    fq_app_sync_state s;
    memset(&s, 0, sizeof s);
    d->errmsg[0] = '\0';
    int64_t to = 0;
    fq_err e = fq_store_sync_acked_seq(d->st, &s.acked_seq);
    if (!e)
        e = fq_store_sync_pending(d->st, s.acked_seq, &s.pending_records, &to);
    if (!e)
        e = fq_store_sync_count_unacked_photos(d->st, &s.pending_photos);
    if (!e)
        e = fq_store_sync_last_receipt(d->st, &s.last_receipt_utc, s.last_receipt_office,
                                       sizeof s.last_receipt_office);
    if (!e)
        e = fq_store_sync_inbox_problems(d->st, s.problems, FQ_APP_SYNC_PROBLEMS_MAX,
                                         &s.n_problems);
    if (!e)
        e = fq_store_sync_skipped(d->st, &s.n_skipped, s.skip_reason, sizeof s.skip_reason);
    if (e)
        return fq_app_sync_store_fail(d, e);
    e = recent_exports(d, &s);
    if (!e)
        e = key_fingerprints(d, &s);
    if (!e)
        *out = s;
    return e;
}
