/* Written approvals and spec changes recorded on site (issue 12): who, in which role, what,
 * when, the approver's signature, and photos of the document. The device records them; they
 * hang off the order (and the milestone they approve), so the Order screen lists them and
 * the sample gate counts an approval of the sample. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fq_err fq_app_approval_add(fq_app *app, const char *order_uuid, const fq_app_approval_input *in,
                           fq_approval *out)
{
    fq_app_enter(app);
    if (!in)
        return fq_app_fail(app, FQ_ERR_INVALID, "nothing to record");
    const char *what = in->kind == FQ_APPROVAL_SPEC_CHANGE ? "spec change" : "approval";
    if (in->kind != FQ_APPROVAL_APPROVAL && in->kind != FQ_APPROVAL_SPEC_CHANGE)
        return fq_app_fail(app, FQ_ERR_INVALID, "an approval or a spec change");
    if (fq_app_blank(in->subject))
        return fq_app_fail(app, FQ_ERR_INVALID, "say what the %s is about", what);
    if (fq_app_blank(in->approver_name))
        return fq_app_fail(app, FQ_ERR_INVALID, "name who gave the %s", what);
    if (in->role < 0 || in->role >= FQ_ROLE_COUNT)
        return fq_app_fail(app, FQ_ERR_INVALID, "choose the approver's role");
    if (!in->signature.gray)
        return fq_app_fail(app, FQ_ERR_INVALID, "a written %s needs the approver's signature",
                           what);
    fq_order o;
    fq_milestone m;
    fq_err err = fq_app_get(app, FQ_ENT_ORDER, order_uuid ? order_uuid : "", &o);
    if (!err && in->milestone_uuid && in->milestone_uuid[0]) {
        err = fq_app_get(app, FQ_ENT_MILESTONE, in->milestone_uuid, &m);
        if (!err && strcmp(m.order_uuid, o.meta.uuid) != 0)
            err = fq_app_fail(app, FQ_ERR_INVALID, "the milestone is another order's");
    }
    if (err)
        return err;
    fq_app_signature sig = in->signature;
    sig.signer_name = in->approver_name;
    fq_photo photo;
    /* the signature file first, durable; the records in one transaction */
    err = fq_app_store_signature(app, NULL, &sig, &photo);
    if (!err)
        err = fq_app_begin(app);
    if (err)
        return err;
    fq_approval a;
    memset(&a, 0, sizeof a);
    err = fq_app_put(app, FQ_ENT_PHOTO, &photo);
    if (!err) {
        snprintf(a.order_uuid, sizeof a.order_uuid, "%s", o.meta.uuid);
        snprintf(a.milestone_uuid, sizeof a.milestone_uuid, "%s",
                 in->milestone_uuid ? in->milestone_uuid : "");
        snprintf(a.visit_uuid, sizeof a.visit_uuid, "%s", in->visit_uuid ? in->visit_uuid : "");
        a.kind = (int32_t)in->kind;
        snprintf(a.subject, sizeof a.subject, "%s", in->subject);
        snprintf(a.approver_name, sizeof a.approver_name, "%s",
                 in->approver_name + strspn(in->approver_name, " "));
        a.role = in->role;
        a.decided_utc = fq_app_now(app);
        snprintf(a.signature_photo_uuid, sizeof a.signature_photo_uuid, "%s", photo.meta.uuid);
        snprintf(a.note, sizeof a.note, "%s", in->note ? in->note : "");
        err = fq_app_put(app, FQ_ENT_APPROVAL, &a);
    }
    if (!err) {
        /* the signature photo names what it signs */
        snprintf(photo.subject_uuid, sizeof photo.subject_uuid, "%s", a.meta.uuid);
        err = fq_app_put(app, FQ_ENT_PHOTO, &photo);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = a;
    return err;
}

fq_err fq_app_approval_attach_photo(fq_app *app, const char *approval_uuid,
                                    const char *jpeg_path, fq_photo *out)
{
    fq_app_enter(app);
    fq_approval a;
    fq_err err = fq_app_get(app, FQ_ENT_APPROVAL, approval_uuid ? approval_uuid : "", &a);
    if (err)
        return err;
    /* an approval's photos are the order's, like the approval: no visit to start */
    return fq_app_photo_attach_file(app, "", FQ_SUBJ_APPROVAL, a.meta.uuid, jpeg_path, out, NULL);
}

/* The Order screen's approvals: each with its signature (when on this tablet), its number of
 * photos and the title of the milestone it approves. */
fq_err fq_app_approvals_of(fq_app *app, const char *order_uuid, const fq_milestone *ms,
                           size_t n_ms, fq_app_approval_row **out, size_t *out_n)
{
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_store_fail(app, fq_store_list(app->store, FQ_ENT_APPROVAL, "order_uuid",
                                                      order_uuid, NULL, &arr, &n));
    if (err)
        return err;
    fq_app_approval_row *rows = n ? calloc(n, sizeof *rows) : NULL;
    if (n && !rows) {
        free(arr);
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        fq_app_approval_row *r = &rows[i];
        r->approval = ((const fq_approval *)arr)[i];
        if (r->approval.signature_photo_uuid[0] &&
            fq_store_get(app->store, FQ_ENT_PHOTO, r->approval.signature_photo_uuid,
                         &r->signature) != FQ_OK)
            memset(&r->signature, 0, sizeof r->signature);
        int64_t np = 0;
        fq_store_count(app->store, FQ_ENT_PHOTO, "subject_uuid", r->approval.meta.uuid, &np);
        /* the signature is one of them */
        r->n_photos = (int32_t)(np > 0 && r->signature.meta.uuid[0] ? np - 1 : np);
        for (size_t k = 0; k < n_ms; k++)
            if (!strcmp(ms[k].meta.uuid, r->approval.milestone_uuid))
                snprintf(r->milestone_title, sizeof r->milestone_title, "%s",
                         ms[k].title[0] ? ms[k].title : fq_milestone_kind_name(ms[k].kind));
    }
    free(arr);
    *out = rows;
    *out_n = n;
    return FQ_OK;
}
