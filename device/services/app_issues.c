/* Open issues: an order's issues (open ones first), raising one from a visit, editing an
 * open one, and closing it with a resolution note. Issues are the order's: they stay open and
 * visible across visits until someone closes them with a reason (DOMAIN.md). */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

fq_err fq_app_issues_read(fq_app *app, const char *order_uuid, fq_issue **out, size_t *out_n,
                          size_t *out_n_open)
{
    fq_app_enter(app);
    void *arr = NULL;
    size_t n = 0, n_open = 0;
    fq_err err =
        fq_app_store_fail(app, fq_store_list(app->store, FQ_ENT_ISSUE, "order_uuid",
                                             order_uuid ? order_uuid : "", NULL, &arr, &n));
    if (err)
        return err;
    const fq_issue *all = arr;
    fq_issue *rows = n ? calloc(n, sizeof *rows) : NULL;
    if (n && !rows) {
        free(arr);
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    }
    /* a stable split: open ones, then closed ones, each in the order they were raised */
    for (size_t i = 0; i < n; i++)
        if (!all[i].closed_utc)
            rows[n_open++] = all[i];
    size_t k = n_open;
    for (size_t i = 0; i < n; i++)
        if (all[i].closed_utc)
            rows[k++] = all[i];
    free(arr);
    *out = rows;
    *out_n = n;
    if (out_n_open)
        *out_n_open = n_open;
    return FQ_OK;
}

static fq_err check_issue(fq_app *app, const char *title, fq_severity severity)
{
    if (fq_app_blank(title))
        return fq_app_fail(app, FQ_ERR_INVALID, "give the issue a title");
    if (severity < FQ_SEV_MINOR || severity > FQ_SEV_CRITICAL)
        return fq_app_fail(app, FQ_ERR_INVALID, "an issue is minor, major or critical");
    return FQ_OK;
}

fq_err fq_app_issue_add(fq_app *app, const char *visit_uuid, const char *title,
                        const char *description, fq_severity severity, fq_issue *out)
{
    fq_app_enter(app);
    fq_err err = check_issue(app, title, severity);
    if (err)
        return err;
    fq_visit v;
    fq_issue is;
    memset(&is, 0, sizeof is);
    err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err) {
        snprintf(is.order_uuid, sizeof is.order_uuid, "%s", v.order_uuid);
        snprintf(is.visit_uuid, sizeof is.visit_uuid, "%s", v.meta.uuid);
        snprintf(is.title, sizeof is.title, "%s", title);
        snprintf(is.description, sizeof is.description, "%s", description ? description : "");
        is.severity = (int32_t)severity;
        is.opened_utc = fq_app_now(app);
        err = fq_app_put(app, FQ_ENT_ISSUE, &is);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = is;
    return err;
}

fq_err fq_app_issue_edit(fq_app *app, const char *issue_uuid, const char *title,
                         const char *description, fq_severity severity, fq_issue *out)
{
    fq_app_enter(app);
    fq_err err = check_issue(app, title, severity);
    if (err)
        return err;
    fq_issue is;
    err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_ISSUE, issue_uuid, &is);
    if (!err && is.closed_utc)
        err = fq_app_fail(app, FQ_ERR_CONFLICT, "the issue is closed");
    const char *d = description ? description : "";
    if (!err && (strcmp(is.title, title) || strcmp(is.description, d) ||
                 is.severity != (int32_t)severity)) {
        snprintf(is.title, sizeof is.title, "%s", title);
        snprintf(is.description, sizeof is.description, "%s", d);
        is.severity = (int32_t)severity;
        err = fq_app_put(app, FQ_ENT_ISSUE, &is);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = is;
    return err;
}

fq_err fq_app_issue_assign(fq_app *app, const char *issue_uuid, const char *owner,
                           int64_t due_utc, fq_issue *out)
{
    fq_app_enter(app);
    if (due_utc < 0)
        return fq_app_fail(app, FQ_ERR_INVALID, "no such due date");
    /* due dates are days: 00:00 UTC of the day */
    int64_t day = due_utc - due_utc % 86400;
    fq_issue is;
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_ISSUE, issue_uuid, &is);
    if (!err && is.closed_utc)
        err = fq_app_fail(app, FQ_ERR_CONFLICT, "the issue is closed");
    const char *o = owner ? owner + strspn(owner, " ") : "";
    if (!err && (strcmp(is.owner, o) || is.due_utc != day)) {
        snprintf(is.owner, sizeof is.owner, "%s", o);
        is.due_utc = day;
        err = fq_app_put(app, FQ_ENT_ISSUE, &is);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = is;
    return err;
}

fq_err fq_app_issue_close(fq_app *app, const char *issue_uuid, const char *resolution_note,
                          fq_issue *out)
{
    fq_app_enter(app);
    char why[FQ_EVIDENCE_MSG_LEN];
    if (!fq_text_has_substance(resolution_note, why, sizeof why))
        return fq_app_fail(app, FQ_ERR_INVALID,
                           "the resolution does not close the issue: %s", why);
    fq_issue is;
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_ISSUE, issue_uuid, &is);
    if (!err && is.closed_utc)
        err = fq_app_fail(app, FQ_ERR_CONFLICT, "issue is already closed");
    if (!err) {
        is.closed_utc = fq_app_now(app);
        snprintf(is.resolution_note, sizeof is.resolution_note, "%s", resolution_note);
        err = fq_app_put(app, FQ_ENT_ISSUE, &is);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = is;
    return err;
}
