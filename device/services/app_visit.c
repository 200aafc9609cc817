/* Visit commands and the read models of the Today and Order screens. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "media/media_gray.h"

#define DAY 86400

static int visit_row_cmp(const void *a, const void *b)
{
    const fq_app_visit_row *x = a, *y = b;
    if (x->visit.finished != y->visit.finished)
        return x->visit.finished ? 1 : -1;
    if (x->visit.planned_utc != y->visit.planned_utc)
        return x->visit.planned_utc < y->visit.planned_utc ? -1 : 1;
    return strcmp(x->order.po_number, y->order.po_number);
}

fq_err fq_app_today(fq_app *app, fq_app_visit_row **out, size_t *out_n)
{
    void *visits = NULL;
    size_t n = 0, kept = 0;
    fq_err err = fq_app_list(app, FQ_ENT_VISIT, "assigned_device", fq_app_device_id(app),
                             "planned_utc", &visits, &n);
    if (err)
        return err;
    fq_app_visit_row *rows = n ? calloc(n, sizeof *rows) : NULL;
    const char **order_ids = n ? calloc(n, sizeof *order_ids) : NULL;
    fq_order *orders = n ? calloc(n, sizeof *orders) : NULL;
    fq_light_result *lights = n ? calloc(n, sizeof *lights) : NULL;
    bool *found = n ? calloc(n, sizeof *found) : NULL;
    if (n && (!rows || !order_ids || !orders || !lights || !found))
        err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    int64_t week_ago = fq_app_now(app) - 7 * DAY;
    for (size_t i = 0; !err && i < n; i++) {
        const fq_visit *v = (const fq_visit *)visits + i;
        if (v->finished && v->ended_utc < week_ago)
            continue;
        rows[kept].visit = *v;
        order_ids[kept] = rows[kept].visit.order_uuid;
        kept++;
    }
    /* two queries for all rows: a per-row lookup costs a prepare each (500 rows: ~100 ms) */
    if (!err && kept)
        err = fq_app_store_fail(app, fq_store_get_many(app->store, FQ_ENT_ORDER, order_ids,
                                                       kept, orders, found));
    if (!err && kept)
        err = fq_app_store_fail(app, fq_store_order_lights(app->store, order_ids, kept,
                                                           lights));
    for (size_t i = 0; !err && i < kept; i++) {
        if (!found[i])
            err = fq_app_fail(app, FQ_ERR_NOTFOUND, "visit %s: order %s not found",
                              rows[i].visit.meta.uuid, rows[i].visit.order_uuid);
        rows[i].order = orders[i];
        rows[i].light = lights[i];
    }
    free(visits);
    free(order_ids);
    free(orders);
    free(lights);
    free(found);
    if (err) {
        free(rows);
        return err;
    }
    if (kept)
        qsort(rows, kept, sizeof *rows, visit_row_cmp);
    *out = kept ? rows : NULL;
    if (!kept)
        free(rows);
    *out_n = kept;
    return FQ_OK;
}

fq_err fq_app_orders(fq_app *app, fq_app_order_row **out, size_t *out_n)
{
    void *orders = NULL;
    size_t n = 0;
    fq_err err = fq_app_list(app, FQ_ENT_ORDER, NULL, NULL, "po_number", &orders, &n);
    if (err)
        return err;
    fq_app_order_row *rows = n ? calloc(n, sizeof *rows) : NULL;
    const char **ids = n ? calloc(n, sizeof *ids) : NULL;
    fq_light_result *lights = n ? calloc(n, sizeof *lights) : NULL;
    if (n && (!rows || !ids || !lights))
        err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !err && i < n; i++) {
        rows[i].order = ((fq_order *)orders)[i];
        ids[i] = rows[i].order.meta.uuid;
    }
    if (!err && n)
        err = fq_app_store_fail(app, fq_store_order_lights(app->store, ids, n, lights));
    for (size_t i = 0; !err && i < n; i++)
        rows[i].light = lights[i];
    free(orders);
    free(ids);
    free(lights);
    if (err) {
        free(rows);
        return err;
    }
    *out = rows;
    *out_n = n;
    return FQ_OK;
}

fq_err fq_app_milestones(fq_app *app, const char *order_uuid, fq_milestone **out_ms,
                         fq_light_result **out_lights, size_t *out_n)
{
    void *ms = NULL;
    size_t n = 0;
    fq_err err = fq_app_list(app, FQ_ENT_MILESTONE, "order_uuid", order_uuid, "position", &ms, &n);
    if (err)
        return err;
    fq_light_result *lights = n ? calloc(n, sizeof *lights) : NULL;
    if (n && !lights) {
        free(ms);
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    }
    int64_t now = fq_app_now(app);
    for (size_t i = 0; i < n; i++)
        lights[i] = fq_light_milestone((fq_milestone *)ms + i, now);
    *out_ms = ms;
    *out_lights = lights;
    *out_n = n;
    return FQ_OK;
}

fq_err fq_app_start_visit(fq_app *app, const char *visit_uuid)
{
    fq_visit v;
    fq_err err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
    if (err || v.started_utc || v.finished)
        return err;
    v.started_utc = fq_app_now(app);
    return fq_app_save(app, FQ_ENT_VISIT, &v);
}

fq_err fq_app_tally_defect(fq_app *app, const char *visit_uuid, const char *code,
                           const char *description, int32_t severity, int32_t delta)
{
    if (severity < FQ_SEV_MINOR || severity > FQ_SEV_CRITICAL || !code || !*code)
        return fq_app_fail(app, FQ_ERR_INVALID, "a defect needs a code and a severity");
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_list(app, FQ_ENT_DEFECT, "visit_uuid", visit_uuid, NULL, &arr, &n);
    if (err)
        return err;
    fq_defect d;
    memset(&d, 0, sizeof d);
    for (size_t i = 0; i < n; i++) {
        const fq_defect *x = (const fq_defect *)arr + i;
        if (!strcmp(x->code, code) && x->severity == severity)
            d = *x;
    }
    free(arr);
    if (!d.meta.uuid[0]) {
        if (delta <= 0)
            return FQ_OK; /* nothing to take away */
        snprintf(d.visit_uuid, sizeof d.visit_uuid, "%s", visit_uuid);
        snprintf(d.code, sizeof d.code, "%s", code);
        snprintf(d.description, sizeof d.description, "%s", description ? description : "");
        d.severity = severity;
    }
    int64_t next = (int64_t)d.count + delta;
    d.count = next < 0 ? 0 : (int32_t)next;
    return fq_app_save(app, FQ_ENT_DEFECT, &d);
}

fq_err fq_app_close_issue(fq_app *app, const char *issue_uuid, const char *resolution_note)
{
    if (!resolution_note || !resolution_note[strspn(resolution_note, " \t\r\n")])
        return fq_app_fail(app, FQ_ERR_INVALID,
                           "closing an issue needs a resolution note (a vague answer does not "
                           "close it)");
    fq_issue is;
    fq_err err = fq_app_get(app, FQ_ENT_ISSUE, issue_uuid, &is);
    if (err)
        return err;
    if (is.closed_utc)
        return fq_app_fail(app, FQ_ERR_CONFLICT, "issue is already closed");
    is.closed_utc = fq_app_now(app);
    snprintf(is.resolution_note, sizeof is.resolution_note, "%s", resolution_note);
    return fq_app_save(app, FQ_ENT_ISSUE, &is);
}

static fq_err store_signature(fq_app *app, const char *visit_uuid, const fq_app_signature *sig,
                              fq_photo *out)
{
    memset(out, 0, sizeof *out);
    int64_t bytes = 0;
    fq_err err = fq_media_store_gray(app->media, app->photo_dir, sig->gray, sig->width,
                                     sig->height, out->sha256, &bytes);
    if (err)
        return fq_app_fail(app, err, "signature: %s", fq_media_errmsg(app->media));
    snprintf(out->thumb_sha256, sizeof out->thumb_sha256, "%s", out->sha256);
    snprintf(out->visit_uuid, sizeof out->visit_uuid, "%s", visit_uuid);
    snprintf(out->caption, sizeof out->caption, "Signature: %s", sig->signer_name);
    out->subject_kind = FQ_SUBJ_SIGNATURE;
    out->width = sig->width;
    out->height = sig->height;
    out->bytes = bytes;
    out->captured_utc = fq_app_now(app);
    return FQ_OK;
}

fq_err fq_app_sign_off(fq_app *app, const char *visit_uuid, int32_t verdict,
                       const fq_app_signature *signatures, size_t n_signatures)
{
    if (verdict < 0 || verdict >= FQ_VERDICT_COUNT)
        return fq_app_fail(app, FQ_ERR_INVALID, "choose a verdict");
    fq_photo *photos = n_signatures ? calloc(n_signatures, sizeof *photos) : NULL;
    if (n_signatures && !photos)
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    fq_err err = FQ_OK;
    /* files first, durable, then the records in one transaction */
    for (size_t i = 0; !err && i < n_signatures; i++)
        if (signatures[i].gray)
            err = store_signature(app, visit_uuid, &signatures[i], &photos[i]);
    if (!err)
        err = fq_app_store_fail(app, fq_store_begin(app->store));
    if (err) {
        free(photos);
        return err;
    }
    for (size_t i = 0; !err && i < n_signatures; i++) {
        fq_signoff so;
        memset(&so, 0, sizeof so);
        if (photos[i].sha256[0]) {
            err = fq_app_save(app, FQ_ENT_PHOTO, &photos[i]);
            snprintf(so.signature_photo_uuid, sizeof so.signature_photo_uuid, "%s",
                     photos[i].meta.uuid);
        }
        snprintf(so.visit_uuid, sizeof so.visit_uuid, "%s", visit_uuid);
        snprintf(so.signer_name, sizeof so.signer_name, "%s", signatures[i].signer_name);
        snprintf(so.subject, sizeof so.subject, "Visit verdict: %s",
                 verdict == FQ_VERDICT_PASS ? "pass" : verdict == FQ_VERDICT_FAIL ? "fail"
                 : verdict == FQ_VERDICT_WAIVED ? "waived" : "pending");
        so.role = signatures[i].role;
        so.verdict = verdict;
        so.signed_utc = fq_app_now(app);
        if (!err)
            err = fq_app_save(app, FQ_ENT_SIGNOFF, &so);
    }
    if (!err)
        err = fq_app_store_fail(app, fq_store_finish_visit(app->store, visit_uuid, verdict));
    if (err)
        fq_store_rollback(app->store);
    else
        err = fq_app_store_fail(app, fq_store_commit(app->store));
    free(photos);
    return err;
}

fq_err fq_app_reopen_visit(fq_app *app, const char *visit_uuid, const char *reason)
{
    return fq_app_store_fail(app, fq_store_reopen_visit(app->store, visit_uuid, reason));
}

fq_err fq_app_attach_photo_file(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                                const char *subject_uuid, const char *jpeg_path, fq_photo *out,
                                bool *out_already)
{
    if (out_already)
        *out_already = false;
    fq_media_result res;
    fq_err err = fq_media_process_file(app->media, app->photo_dir, jpeg_path, &res);
    if (err)
        return fq_app_fail(app, err, "%s", fq_media_errmsg(app->media));
    /* the same photo on the same subject is one record */
    void *arr = NULL;
    size_t n = 0;
    err = fq_app_list(app, FQ_ENT_PHOTO, "sha256", res.sha256, NULL, &arr, &n);
    if (err)
        return err;
    for (size_t i = 0; i < n; i++) {
        const fq_photo *p = (const fq_photo *)arr + i;
        if (!strcmp(p->subject_uuid, subject_uuid ? subject_uuid : "") &&
            p->subject_kind == subject_kind) {
            if (out)
                *out = *p;
            if (out_already)
                *out_already = true;
            free(arr);
            return FQ_OK;
        }
    }
    free(arr);
    fq_photo p;
    memset(&p, 0, sizeof p);
    snprintf(p.visit_uuid, sizeof p.visit_uuid, "%s", visit_uuid);
    snprintf(p.subject_uuid, sizeof p.subject_uuid, "%s", subject_uuid ? subject_uuid : "");
    p.subject_kind = subject_kind;
    snprintf(p.sha256, sizeof p.sha256, "%s", res.sha256);
    snprintf(p.thumb_sha256, sizeof p.thumb_sha256, "%s", res.thumb_sha256);
    p.width = res.width;
    p.height = res.height;
    p.bytes = res.bytes;
    p.captured_utc = res.captured_utc ? res.captured_utc : fq_app_now(app);
    err = fq_app_save(app, FQ_ENT_PHOTO, &p);
    if (!err && out)
        *out = p;
    return err;
}

fq_err fq_app_photo_path(fq_app *app, const fq_photo *photo, int thumbnail, char *buf,
                         size_t buf_len)
{
    fq_err err = fq_fsio_photo_path(app->photo_dir,
                                     thumbnail ? photo->thumb_sha256 : photo->sha256, buf, buf_len);
    if (err)
        return fq_app_fail(app, err, "photo %s has no valid file name", photo->meta.uuid);
    return FQ_OK;
}
