/* Sync commands of the device: the sync folder (outbox/, inbox/) through sync.h, and the
 * inspector's trust in a new office key. */
#include "app_internal.h"

#include <stdio.h>
#include <string.h>

#include "services/sync.h"

_Static_assert(FQ_APP_FINGERPRINT_LEN == FQ_BUNDLE_FINGERPRINT_LEN,
               "the Sync status carries lib/bundle's fingerprints");

static fq_err open_device(fq_app *app, fq_app_sync **out)
{
    if (!app->sync_dir[0])
        return fq_app_fail(app, FQ_ERR_UNSUPPORTED,
                           "no sync folder set: plug in the USB drive or start with --sync DIR");
    /* opening makes outbox/ and inbox/: on an unmounted stick's folder they, and the export,
     * would land on the SD card and the stick would leave empty */
    fq_err err = fq_app_sync_medium_check(app);
    if (err)
        return err;
    fq_app_sync *d = NULL;
    err = fq_app_sync_open(app->store, app->photo_dir, app->sync_dir, &d);
    if (err) {
        fq_app_fail(app, err, "sync folder %s: %s", app->sync_dir,
                    d ? fq_app_sync_errmsg(d) : "out of memory");
        fq_app_sync_close(d);
        return err;
    }
    *out = d;
    return FQ_OK;
}

fq_err fq_app_sync_status_get(fq_app *app, fq_app_sync_status *out)
{
    fq_app_sync *d = NULL;
    fq_err err = open_device(app, &d);
    if (err)
        return err;
    fq_app_sync_state s;
    err = fq_app_sync_get_state(d, &s);
    if (err) {
        fq_app_fail(app, err, "%s", fq_app_sync_errmsg(d));
    } else {
        memset(out, 0, sizeof *out);
        out->pending_records = s.pending_records;
        out->pending_photos = s.pending_photos;
        out->last_export_utc = s.last_export_utc;
        out->last_receipt_utc = s.last_receipt_utc;
        out->acked_seq = s.acked_seq;
        if (s.n_recent > 0)
            snprintf(out->last_export_file, sizeof out->last_export_file, "%s",
                     s.recent[0].file);
        for (int i = 0; i < s.n_problems && i < FQ_APP_INBOX_PROBLEMS_MAX; i++) {
            fq_app_inbox_problem *p = &out->problems[out->n_problems++];
            snprintf(p->file, sizeof p->file, "%s", s.problems[i].file);
            snprintf(p->kind, sizeof p->kind, "%s", s.problems[i].kind);
            snprintf(p->reason, sizeof p->reason, "%s", s.problems[i].reason);
            p->at_utc = s.problems[i].at_utc;
        }
        out->n_skipped = s.n_skipped;
        snprintf(out->skip_reason, sizeof out->skip_reason, "%s", s.skip_reason);
        snprintf(out->device_key, sizeof out->device_key, "%s", s.device_fingerprint);
        snprintf(out->office_key, sizeof out->office_key, "%s", s.office_fingerprint);
        out->office_key_since_utc = s.office_key_since_utc;
        snprintf(out->offered_key, sizeof out->offered_key, "%s", s.offered_fingerprint);
        out->offered_key_utc = s.offered_utc;
    }
    fq_app_sync_close(d);
    return err;
}

fq_err fq_app_export(fq_app *app, fq_app_export_result *out)
{
    fq_app_sync *d = NULL;
    fq_err err = open_device(app, &d);
    if (err)
        return fq_app_log_failure(app, err, "export");
    fq_app_sync_export_result r;
    err = fq_app_sync_export(d, &r);
    if (err)
        fq_app_log_failure(app, fq_app_fail(app, err, "export: %s", fq_app_sync_errmsg(d)),
                           "export");
    else if (!r.written && !r.unchanged)
        err = fq_app_fail(app, FQ_ERR_NOTFOUND, "nothing new to send");
    else if (out) {
        memset(out, 0, sizeof *out);
        snprintf(out->file, sizeof out->file, "%s", r.path);
        out->unchanged = r.unchanged;
        out->n_files = r.n_bundles;
        out->n_skipped = r.n_skipped;
        out->n_records = r.n_records;
        out->n_photo_files = r.n_photos;
        out->n_missing_photos = r.n_missing_photos;
        out->bytes = r.bytes;
    }
    fq_app_sync_close(d);
    return err;
}

static void inbox_result(const fq_app_sync_inbox_result *r, fq_app_inbox_result *out)
{
    fq_app_inbox_result res;
    memset(&res, 0, sizeof res);
    res.n_applied = (int)(r->n_receipts + r->n_job_packs);
    res.n_rejected = (int)r->n_rejected;
    res.n_records = r->n_records_applied;
    snprintf(res.rejected_file, sizeof res.rejected_file, "%s", r->last_rejected_file);
    snprintf(res.rejection, sizeof res.rejection, "%s", r->last_rejection);
    if (out)
        *out = res;
}

fq_err fq_app_read_inbox(fq_app *app, fq_app_inbox_result *out)
{
    fq_app_sync *d = NULL;
    fq_err err = open_device(app, &d);
    if (err)
        return fq_app_log_failure(app, err, "inbox");
    fq_app_sync_inbox_result r;
    err = fq_app_sync_read_inbox(d, &r);
    if (err) {
        fq_app_log_failure(app, fq_app_fail(app, err, "inbox: %s", fq_app_sync_errmsg(d)),
                           "inbox");
    } else {
        app->errmsg[0] = '\0';
        inbox_result(&r, out);
        if (r.n_rejected > 0 && app->log_hook) {
            char line[900];
            snprintf(line, sizeof line, "inbox: %lld office file(s) refused, last %s: %s",
                     (long long)r.n_rejected, r.last_rejected_file, r.last_rejection);
            app->log_hook(app->log_user, line);
        }
    }
    fq_app_sync_close(d);
    return err;
}

fq_err fq_app_trust_office_key(fq_app *app, const char *fingerprint, fq_app_inbox_result *out)
{
    fq_app_enter(app);
    fq_app_sync *d = NULL;
    fq_err err = open_device(app, &d);
    if (err)
        return err;
    fq_app_sync_inbox_result r;
    err = fq_app_sync_trust_offered_key(d, fingerprint, &r);
    if (err)
        fq_app_fail(app, err, "%s", fq_app_sync_errmsg(d));
    else
        inbox_result(&r, out);
    fq_app_sync_close(d);
    return err;
}
