/* A visit's life cycle (read, start when the inspector says so, an ad-hoc visit, sign off
 * under the rules with both parties' signatures or the representative's refusal, reopen with
 * a reason that supersedes the old sign-off) and the read model of the Sign-off step with
 * the summary the factory representative reads before signing. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "media/media_gray.h"

fq_err fq_app_visit_read(fq_app *app, const char *visit_uuid, fq_app_visit_view *out)
{
    fq_app_enter(app);
    fq_app_visit_view *v = calloc(1, sizeof *v);
    if (!v)
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    fq_err err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v->visit);
    if (!err)
        err = fq_app_get(app, FQ_ENT_ORDER, v->visit.order_uuid, &v->order);
    if (!err)
        err = fq_app_store_fail(app, fq_store_order_report(app->store, v->order.meta.uuid,
                                                           &v->order_lights));
    if (!err) {
        v->state = v->visit.finished      ? FQ_APP_VISIT_SIGNED_OFF
                   : v->visit.started_utc ? FQ_APP_VISIT_OPEN
                                          : FQ_APP_VISIT_NOT_STARTED;
        v->read_only = v->state != FQ_APP_VISIT_OPEN || app->read_only;
        *out = *v;
    }
    free(v);
    return err;
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

fq_err fq_app_visit_create_adhoc(fq_app *app, const char *order_uuid, fq_visit_type type,
                                 fq_visit *out)
{
    fq_app_enter(app);
    if ((int)type < 0 || type >= FQ_VISIT_TYPE_COUNT)
        return fq_app_fail(app, FQ_ERR_INVALID, "choose the kind of visit");
    fq_order o;
    fq_visit v;
    memset(&v, 0, sizeof v);
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_ORDER, order_uuid ? order_uuid : "", &o);
    if (!err) {
        snprintf(v.order_uuid, sizeof v.order_uuid, "%s", o.meta.uuid);
        v.type = (int32_t)type;
        snprintf(v.assigned_device, sizeof v.assigned_device, "%s", fq_app_device_id(app));
        snprintf(v.inspector_name, sizeof v.inspector_name, "%s", fq_app_inspector(app));
        v.planned_utc = fq_app_now(app);
        v.started_utc = v.planned_utc; /* started by the inspector's own action */
        /* the visit with its checklist, count and plan, joining this transaction */
        err = fq_app_store_fail(app, fq_store_create_visit(app->store, &v));
        if (!err)
            fq_app_note_write(app, FQ_ENT_VISIT, &v.meta);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = v;
    return err;
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
    char why[FQ_EVIDENCE_MSG_LEN];
    if (!fq_text_has_substance(reason, why, sizeof why))
        return fq_app_fail(app, FQ_ERR_INVALID, "the reason to reopen: %s", why);
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_store_fail(app, fq_store_reopen_visit(app->store, visit_uuid, reason));
    if (!err)
        err = note_visit(app, visit_uuid);
    /* the old sign-off stays as evidence, marked as no longer in force and why */
    if (!err)
        err = fq_app_list_of_visit(app, FQ_ENT_SIGNOFF, visit_uuid, &arr, &n);
    for (size_t i = 0; !err && i < n; i++) {
        fq_signoff *so = (fq_signoff *)arr + i;
        if (so->superseded_utc)
            continue;
        so->superseded_utc = fq_app_now(app);
        snprintf(so->superseded_reason, sizeof so->superseded_reason, "%s", reason);
        err = fq_app_put(app, FQ_ENT_SIGNOFF, so);
    }
    free(arr);
    return fq_app_end(app, err);
}

fq_err fq_app_store_signature(fq_app *app, const char *visit_uuid, const fq_app_signature *sig,
                              fq_photo *out)
{
    memset(out, 0, sizeof *out);
    int64_t bytes = 0;
    fq_err err = fq_media_store_gray(app->media, app->photo_dir, sig->gray, sig->width, sig->height,
                                     out->sha256, &bytes);
    if (err)
        return fq_app_fail(app, err, "signature: %s", fq_media_errmsg(app->media));
    snprintf(out->thumb_sha256, sizeof out->thumb_sha256, "%s", out->sha256);
    snprintf(out->visit_uuid, sizeof out->visit_uuid, "%s", visit_uuid ? visit_uuid : "");
    snprintf(out->caption, sizeof out->caption, "Signature: %s", sig->signer_name);
    out->subject_kind = FQ_SUBJ_SIGNATURE;
    out->width = sig->width;
    out->height = sig->height;
    out->bytes = bytes;
    out->captured_utc = fq_app_now(app);
    return FQ_OK;
}

static const char *verdict_word(fq_verdict verdict)
{
    return verdict == FQ_VERDICT_PASS     ? "pass"
           : verdict == FQ_VERDICT_FAIL   ? "fail"
           : verdict == FQ_VERDICT_WAIVED ? "waived"
                                          : "pending";
}

/* One sign-off record: signed (photo with sha256), or refused with the reason. */
static fq_err record_signoff(fq_app *app, const char *visit_uuid, fq_verdict verdict,
                             const fq_app_signature *sig, int32_t role, fq_photo *photo,
                             bool refused, const char *reason)
{
    fq_signoff so;
    memset(&so, 0, sizeof so);
    fq_err err = FQ_OK;
    if (photo->sha256[0]) {
        err = fq_app_put(app, FQ_ENT_PHOTO, photo);
        snprintf(so.signature_photo_uuid, sizeof so.signature_photo_uuid, "%s", photo->meta.uuid);
    }
    snprintf(so.visit_uuid, sizeof so.visit_uuid, "%s", visit_uuid);
    snprintf(so.signer_name, sizeof so.signer_name, "%s", sig->signer_name ? sig->signer_name : "");
    snprintf(so.subject, sizeof so.subject, "%sVisit verdict: %s",
             refused ? "Refused to sign: " : "", verdict_word(verdict));
    so.role = role;
    so.verdict = verdict;
    so.signed_utc = fq_app_now(app);
    so.refused = refused;
    snprintf(so.reason, sizeof so.reason, "%s", reason ? reason : "");
    if (!err)
        err = fq_app_put(app, FQ_ENT_SIGNOFF, &so);
    return err;
}

/* The checklist as it stands: items, unanswered, N/A, pass, fail, fails lacking evidence;
 * the key findings (fails, then other findings) into v when not NULL. */
static fq_err checklist_facts(fq_app *app, const char *visit_uuid, fq_app_signoff_view *v)
{
    fq_app_checklist_row *rows = NULL;
    size_t n = 0;
    char keep[sizeof app->errmsg];
    fq_err err = fq_app_checklist_read(app, visit_uuid, &rows, &n);
    if (err)
        return err;
    for (size_t i = 0; i < n; i++) {
        const fq_finding *f = &rows[i].finding;
        v->n_items++;
        v->n_unanswered += f->result == FQ_RESULT_UNSET;
        v->n_na += f->result == FQ_RESULT_NA;
        v->n_passed += f->result == FQ_RESULT_PASS;
        v->n_failed += f->result == FQ_RESULT_FAIL;
        v->n_lacking_evidence += rows[i].lacks_evidence;
        if (f->result == FQ_RESULT_FAIL && v->n_key_findings < FQ_APP_KEY_FINDINGS_MAX)
            snprintf(v->key_findings[v->n_key_findings++], FQ_TEXT_LEN, _("Fail: %.200s%s%.200s"),
                     _(rows[i].item.text), f->note[0] ? " - " : "", f->note);
    }
    v->n_answered = v->n_items - v->n_unanswered;
    free(rows);
    fq_finding *other = NULL;
    size_t n_other = 0;
    snprintf(keep, sizeof keep, "%s", app->errmsg);
    if (fq_app_other_findings_read(app, visit_uuid, &other, &n_other) == FQ_OK)
        for (size_t i = 0; i < n_other && v->n_key_findings < FQ_APP_KEY_FINDINGS_MAX; i++)
            if (other[i].result == FQ_RESULT_FAIL) {
                char title[FQ_TEXT_LEN];
                fq_app_finding_title(&other[i], title, sizeof title);
                snprintf(v->key_findings[v->n_key_findings++], FQ_TEXT_LEN, "%.200s: %.250s",
                         title, other[i].note);
            }
    free(other);
    snprintf(app->errmsg, sizeof app->errmsg, "%s", keep);
    return FQ_OK;
}

static void facts_of(const fq_app_signoff_view *v, const fq_app_signoff_request *req,
                     fq_signoff_facts *f)
{
    memset(f, 0, sizeof *f);
    f->verdict = (int32_t)req->verdict;
    f->n_items = v->n_items;
    f->n_unanswered = v->n_unanswered;
    f->n_lacking_evidence = v->n_lacking_evidence;
    f->override_reason = req->override_reason;
    f->inspector_name = req->inspector.signer_name;
    f->inspector_signed = req->inspector.gray != NULL;
    f->rep_name = req->rep.signer_name;
    f->rep_signed = req->rep.gray != NULL;
    f->rep_refused = req->rep_refused;
    f->refusal_reason = req->refusal_reason;
}

fq_err fq_app_signoff_check(fq_app *app, const char *visit_uuid,
                            const fq_app_signoff_request *req, fq_signoff_check *out)
{
    fq_app_enter(app);
    fq_app_signoff_view *v = calloc(1, sizeof *v);
    if (!v)
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    fq_err err = checklist_facts(app, visit_uuid, v);
    if (!err) {
        fq_signoff_facts f;
        facts_of(v, req, &f);
        err = fq_signoff_rules(&f, out);
        if (err)
            fq_app_fail(app, err, "%s", out->problems[0]);
    }
    free(v);
    return err;
}

/* "a; b; c" of every problem into errmsg. */
static fq_err say_problems(fq_app *app, const fq_signoff_check *c)
{
    size_t pos = (size_t)snprintf(app->errmsg, sizeof app->errmsg, "%s", _("not signed off: "));
    for (int i = 0; i < c->n_problems && pos < sizeof app->errmsg; i++)
        pos += (size_t)snprintf(app->errmsg + pos, sizeof app->errmsg - pos, "%s%s",
                                i ? "; " : "", c->problems[i]);
    return FQ_ERR_INVALID;
}

fq_err fq_app_visit_sign_off(fq_app *app, const char *visit_uuid,
                             const fq_app_signoff_request *req)
{
    fq_app_enter(app);
    if (!req)
        return fq_app_fail(app, FQ_ERR_INVALID, "nothing to sign");
    fq_signoff_check check;
    fq_err err = fq_app_signoff_check(app, visit_uuid, req, &check);
    if (err == FQ_ERR_INVALID)
        return say_problems(app, &check);
    if (err)
        return err;
    fq_app_enter(app);
    fq_photo photos[2];
    memset(photos, 0, sizeof photos);
    /* files first, durable, then the records in one transaction */
    err = fq_app_store_signature(app, visit_uuid, &req->inspector, &photos[0]);
    if (!err && req->rep.gray && !req->rep_refused)
        err = fq_app_store_signature(app, visit_uuid, &req->rep, &photos[1]);
    if (!err)
        err = fq_app_begin(app);
    if (err)
        return err;
    err = record_signoff(app, visit_uuid, req->verdict, &req->inspector, FQ_ROLE_INSPECTOR,
                         &photos[0], false, check.override_used ? req->override_reason : NULL);
    if (!err)
        err = record_signoff(app, visit_uuid, req->verdict, &req->rep, FQ_ROLE_FACTORY_REP,
                             &photos[1], req->rep_refused,
                             req->rep_refused ? req->refusal_reason : NULL);
    if (!err)
        err = fq_app_store_fail(app,
                                fq_store_finish_visit(app->store, visit_uuid, (int32_t)req->verdict));
    if (!err)
        err = note_visit(app, visit_uuid);
    err = fq_app_end(app, err);
    if (!err) {
        /* a backup after every sign-off; its failure is the backup status's, not the
         * sign-off's (that is committed) */
        char keep[sizeof app->errmsg];
        snprintf(keep, sizeof keep, "%s", app->errmsg);
        fq_app_backup_now(app, "signoff", NULL);
        snprintf(app->errmsg, sizeof app->errmsg, "%s", keep);
    }
    return err;
}

/* The verdict the AQL sample suggests (only a decided lot suggests one), and the summary's
 * AQL part. */
static void aql_summary(fq_app *app, const char *visit_uuid, fq_app_signoff_view *v)
{
    fq_aql_plan plan;
    int32_t found[FQ_AQL_SEVERITIES];
    if (fq_app_aql_plan_of(app, visit_uuid, &plan, NULL) != FQ_OK ||
        fq_app_aql_found(app, visit_uuid, found) != FQ_OK ||
        fq_aql_assess(&plan, found, &v->aql) != FQ_OK)
        return; /* no suggestion is a fine answer: the inspector chooses */
    v->aql_ok = v->aql.status == FQ_AQL_STATUS_OK;
    v->verdict_suggested = v->aql.lot_result != FQ_AQL_LOT_OPEN;
    v->suggested_verdict = v->aql.lot_result == FQ_AQL_LOT_ACCEPTED   ? FQ_VERDICT_PASS
                           : v->aql.lot_result == FQ_AQL_LOT_REJECTED ? FQ_VERDICT_FAIL
                                                                      : FQ_VERDICT_PENDING;
}

static void other_summary(fq_app *app, const fq_visit *visit, fq_app_signoff_view *v)
{
    fq_store_defect_totals(app->store, visit->meta.uuid, v->defects);
    fq_production p;
    if (fq_app_one_of_visit(app, FQ_ENT_PRODUCTION, visit->meta.uuid, &p) == FQ_OK &&
        p.meta.revision > 1) {
        v->counts_recorded = true;
        fq_production_progress_text(&p, v->progress, sizeof v->progress);
    }
    fq_issue *is = NULL;
    size_t n = 0, n_open = 0;
    if (fq_app_issues_read(app, visit->order_uuid, &is, &n, &n_open) == FQ_OK)
        v->n_open_issues = (int32_t)n_open;
    free(is);
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
    /* in force first, then superseded: what counts now is what the inspector reads first */
    size_t k = 0;
    for (int pass = 0; !err && pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            const fq_signoff *so = (const fq_signoff *)arr + i;
            if ((so->superseded_utc != 0) != (pass == 1))
                continue;
            fq_app_signoff_row *r = &v.signoffs[k++];
            r->signoff = *so;
            /* a signature whose record is gone shows as not drawn, not as a failed screen */
            if (so->signature_photo_uuid[0] &&
                fq_store_get(app->store, FQ_ENT_PHOTO, so->signature_photo_uuid,
                             &r->signature) != FQ_OK)
                memset(&r->signature, 0, sizeof r->signature);
            if (pass == 0)
                v.n_in_force++;
            else if (so->role == FQ_ROLE_FACTORY_REP && so->signer_name[0])
                snprintf(v.last_rep_name, sizeof v.last_rep_name, "%s", so->signer_name);
        }
    v.n_signoffs = n;
    free(arr);
    if (!err)
        err = checklist_facts(app, visit_uuid, &v);
    if (err) {
        fq_app_signoff_view_free(&v);
        return err;
    }
    snprintf(v.inspector_name, sizeof v.inspector_name, "%s",
             visit.inspector_name[0] ? visit.inspector_name : fq_app_inspector(app));
    snprintf(v.reopen_reason, sizeof v.reopen_reason, "%s", visit.reopen_reason);
    aql_summary(app, visit_uuid, &v);
    other_summary(app, &visit, &v);
    app->errmsg[0] = '\0'; /* a missing part of the summary is no failure of this read */
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
