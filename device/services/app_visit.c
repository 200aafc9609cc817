/* A visit's life cycle (read, start, sign off with drawn signatures, reopen with a reason)
 * and the read model of the Sign-off step. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "media/media_gray.h"

fq_err fq_app_visit_read(fq_app *app, const char *visit_uuid, fq_app_visit_view *out)
{
    fq_app_enter(app);
    fq_app_visit_view v;
    memset(&v, 0, sizeof v);
    fq_err err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v.visit);
    if (!err)
        err = fq_app_get(app, FQ_ENT_ORDER, v.visit.order_uuid, &v.order);
    if (err)
        return err;
    v.read_only = v.visit.finished;
    *out = v;
    return FQ_OK;
}

fq_err fq_app_visit_start(fq_app *app, const char *visit_uuid)
{
    fq_app_enter(app);
    fq_visit v;
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err && !v.started_utc && !v.finished) {
        v.started_utc = fq_app_now(app);
        err = fq_app_put(app, FQ_ENT_VISIT, &v);
    }
    return fq_app_end(app, err);
}

/* The store writes the visit itself (finish, reopen): tell the hook its new revision. */
static fq_err note_visit(fq_app *app, const char *visit_uuid)
{
    fq_visit v;
    fq_err err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err)
        fq_app_note_write(app, FQ_ENT_VISIT, &v.meta);
    return err;
}

fq_err fq_app_visit_reopen(fq_app *app, const char *visit_uuid, const char *reason)
{
    fq_app_enter(app);
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_store_fail(app, fq_store_reopen_visit(app->store, visit_uuid, reason));
    if (!err)
        err = note_visit(app, visit_uuid);
    return fq_app_end(app, err);
}

static fq_err store_signature(fq_app *app, const char *visit_uuid, const fq_app_signature *sig,
                              fq_photo *out)
{
    memset(out, 0, sizeof *out);
    int64_t bytes = 0;
    fq_err err = fq_media_store_gray(app->media, app->photo_dir, sig->gray, sig->width, sig->height,
                                     out->sha256, &bytes);
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

static fq_err record_signoff(fq_app *app, const char *visit_uuid, fq_verdict verdict,
                             const fq_app_signature *sig, fq_photo *photo)
{
    fq_signoff so;
    memset(&so, 0, sizeof so);
    fq_err err = FQ_OK;
    if (photo->sha256[0]) {
        err = fq_app_put(app, FQ_ENT_PHOTO, photo);
        snprintf(so.signature_photo_uuid, sizeof so.signature_photo_uuid, "%s", photo->meta.uuid);
    }
    snprintf(so.visit_uuid, sizeof so.visit_uuid, "%s", visit_uuid);
    snprintf(so.signer_name, sizeof so.signer_name, "%s", sig->signer_name);
    snprintf(so.subject, sizeof so.subject, "Visit verdict: %s",
             verdict == FQ_VERDICT_PASS     ? "pass"
             : verdict == FQ_VERDICT_FAIL   ? "fail"
             : verdict == FQ_VERDICT_WAIVED ? "waived"
                                            : "pending");
    so.role = sig->role;
    so.verdict = verdict;
    so.signed_utc = fq_app_now(app);
    if (!err)
        err = fq_app_put(app, FQ_ENT_SIGNOFF, &so);
    return err;
}

fq_err fq_app_visit_sign_off(fq_app *app, const char *visit_uuid, fq_verdict verdict,
                             const fq_app_signature *signatures, size_t n_signatures)
{
    fq_app_enter(app);
    if ((int)verdict < 0 || verdict >= FQ_VERDICT_COUNT)
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
        err = fq_app_begin(app);
    if (!err) {
        for (size_t i = 0; !err && i < n_signatures; i++)
            err = record_signoff(app, visit_uuid, verdict, &signatures[i], &photos[i]);
        if (!err)
            err = fq_app_store_fail(
                app, fq_store_finish_visit(app->store, visit_uuid, (int32_t)verdict));
        if (!err)
            err = note_visit(app, visit_uuid);
        err = fq_app_end(app, err);
    }
    free(photos);
    return err;
}

/* The verdict the AQL sample suggests: only a decided lot suggests one. */
static void suggest_verdict(fq_app *app, const char *visit_uuid, fq_app_signoff_view *v)
{
    fq_aql_plan plan;
    int32_t found[FQ_AQL_SEVERITIES];
    fq_aql_assessment a;
    if (fq_app_one_of_visit(app, FQ_ENT_AQL_PLAN, visit_uuid, &plan) != FQ_OK ||
        fq_app_aql_found(app, visit_uuid, found) != FQ_OK ||
        fq_aql_assess(&plan, found, &a) != FQ_OK)
        return; /* no suggestion is a fine answer: the inspector chooses */
    v->verdict_suggested = a.lot_result != FQ_AQL_LOT_OPEN;
    v->suggested_verdict = a.lot_result == FQ_AQL_LOT_ACCEPTED   ? FQ_VERDICT_PASS
                           : a.lot_result == FQ_AQL_LOT_REJECTED ? FQ_VERDICT_FAIL
                                                                 : FQ_VERDICT_PENDING;
}

fq_err fq_app_signoff_read(fq_app *app, const char *visit_uuid, fq_app_signoff_view *out)
{
    fq_app_enter(app);
    fq_app_signoff_view v;
    memset(&v, 0, sizeof v);
    fq_visit visit;
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &visit);
    if (!err)
        err = fq_app_list_of_visit(app, FQ_ENT_SIGNOFF, visit_uuid, &arr, &n);
    if (!err && n) {
        v.signoffs = calloc(n, sizeof *v.signoffs);
        if (!v.signoffs)
            err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; !err && i < n; i++) {
        fq_app_signoff_row *r = &v.signoffs[i];
        r->signoff = ((const fq_signoff *)arr)[i];
        /* a signature whose record is gone shows as not drawn, not as a failed screen */
        if (r->signoff.signature_photo_uuid[0] &&
            fq_store_get(app->store, FQ_ENT_PHOTO, r->signoff.signature_photo_uuid,
                         &r->signature) != FQ_OK)
            memset(&r->signature, 0, sizeof r->signature);
    }
    v.n_signoffs = n;
    free(arr);
    if (err) {
        fq_app_signoff_view_free(&v);
        return err;
    }
    snprintf(v.inspector_name, sizeof v.inspector_name, "%s",
             visit.inspector_name[0] ? visit.inspector_name : fq_app_inspector(app));
    suggest_verdict(app, visit_uuid, &v);
    app->errmsg[0] = '\0'; /* a missing suggestion is no failure of this read */
    *out = v;
    return FQ_OK;
}

void fq_app_signoff_view_free(fq_app_signoff_view *view)
{
    if (!view)
        return;
    free(view->signoffs);
    memset(view, 0, sizeof *view);
}
