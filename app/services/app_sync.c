/* Sync commands of the device: the sync folder (outbox/, inbox/) through sync/bundle. */
#include "app_internal.h"

#include <stdio.h>
#include <string.h>

#include "bundle/bundle.h"

static fq_err open_device(fq_app *app, fq_bundle_device **out)
{
    if (!app->sync_dir[0])
        return fq_app_fail(app, FQ_ERR_UNSUPPORTED,
                           "no sync folder set: plug in the USB drive or start with --sync DIR");
    fq_bundle_device *d = NULL;
    fq_err err = fq_bundle_device_open(app->store, app->photo_dir, app->sync_dir, &d);
    if (err) {
        fq_app_fail(app, err, "sync folder %s: %s", app->sync_dir,
                    d ? fq_bundle_device_errmsg(d) : "out of memory");
        fq_bundle_device_close(d);
        return err;
    }
    *out = d;
    return FQ_OK;
}

fq_err fq_app_sync_status_get(fq_app *app, fq_app_sync_status *out)
{
    fq_bundle_device *d = NULL;
    fq_err err = open_device(app, &d);
    if (err)
        return err;
    fq_bundle_status s;
    err = fq_bundle_sync_status(d, &s);
    if (err) {
        fq_app_fail(app, err, "%s", fq_bundle_device_errmsg(d));
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
    }
    fq_bundle_device_close(d);
    return err;
}

fq_err fq_app_export(fq_app *app, fq_app_export_result *out)
{
    fq_bundle_device *d = NULL;
    fq_err err = open_device(app, &d);
    if (err)
        return err;
    fq_bundle_export_result r;
    err = fq_bundle_export(d, &r);
    if (err)
        fq_app_fail(app, err, "export: %s", fq_bundle_device_errmsg(d));
    else if (!r.written && !r.unchanged)
        err = fq_app_fail(app, FQ_ERR_NOTFOUND, "nothing new to send");
    else if (out) {
        memset(out, 0, sizeof *out);
        snprintf(out->file, sizeof out->file, "%s", r.path);
        out->unchanged = r.unchanged;
        out->n_records = r.n_records;
        out->n_photo_files = r.n_photos;
        out->n_missing_photos = r.n_missing_photos;
        out->bytes = r.bytes;
    }
    fq_bundle_device_close(d);
    return err;
}

fq_err fq_app_read_inbox(fq_app *app, int *out_applied)
{
    fq_bundle_device *d = NULL;
    fq_err err = open_device(app, &d);
    if (err)
        return err;
    fq_bundle_inbox_result r;
    err = fq_bundle_read_inbox(d, &r);
    if (err)
        fq_app_fail(app, err, "inbox: %s", fq_bundle_device_errmsg(d));
    else if (r.n_rejected > 0)
        fq_app_fail(app, FQ_OK, "%lld file(s) rejected: %s", (long long)r.n_rejected,
                    r.last_rejection);
    if (!err && out_applied)
        *out_applied = (int)(r.n_receipts + r.n_job_packs);
    fq_bundle_device_close(d);
    return err;
}
