/* Order: one purchase order's milestone chain as a timeline (light, status, due date, the
 * light's reason, owner, evidence and written approval per checkpoint) and its open issues.
 * Reached from a visit's header, a Today row's Order button or a long press on the row.
 * Read-only: milestones are edited in the office, issues on the visit's Issues step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/names.h"
#include "screens/screens_internal.h"

static void date_or(int64_t utc, const char *none, char *buf, size_t len)
{
    if (utc)
        fq_utc_format_date(utc, buf, len);
    else
        snprintf(buf, len, "%s", none);
}

static void milestone_row(fq_widget *list, const fq_app_milestone_row *mr)
{
    const fq_milestone *m = &mr->milestone;
    const fq_light_result *lr = &mr->light;
    fq_widget *row = fq_box_new(list, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
    /* timeline rail: the light over the checkpoint's number in the chain */
    fq_widget *rail = fq_box_new(row, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    bool closed = m->status == FQ_MSS_DONE || m->status == FQ_MSS_WAIVED;
    fq_ui_light_new(rail, closed && lr->light == FQ_LIGHT_GREEN ? FQ_UI_LIGHT_GREEN
                                                              : fq_screens_ui_light(lr->light));
    char num[8];
    snprintf(num, sizeof num, "%d", (int)m->position + 1);
    fq_widget *nl = fq_label_new(rail, num);
    fq_label_set_role(nl, FQ_TEXT_SMALL);
    fq_label_set_align(nl, FQ_ALIGN_CENTER);

    fq_widget *col = fq_box_new(row, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_grow(col, 1);
    fq_widget_set_gap_mm(col, 0.5f);
    char line[700], due[FQ_DATE_LEN], done[FQ_DATE_LEN];
    fq_widget *top = fq_box_new(col, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *t = fq_label_new(top, m->title[0] ? m->title : fq_milestone_kind_name(m->kind));
    fq_label_set_role(t, FQ_TEXT_STRONG);
    fq_widget_set_grow(t, 1);
    fq_label_set_role(fq_label_new(top, fq_milestone_status_name(m->status)), FQ_TEXT_STRONG);

    date_or(m->due_utc, "no due date", due, sizeof due);
    date_or(m->completed_utc, "", done, sizeof done);
    if (closed && done[0])
        snprintf(line, sizeof line, "Due %s - completed %s%s%s", due, done,
                 m->owner[0] ? " - owner " : "", m->owner);
    else
        snprintf(line, sizeof line, "Due %s%s%s", due, m->owner[0] ? " - owner " : "",
                 m->owner);
    fq_label_new(col, line);
    if (lr->reason[0] && !(closed && lr->light == FQ_LIGHT_GREEN)) {
        fq_widget *r = fq_label_new(col, lr->reason);
        fq_label_set_wrap(r, 2);
        if (lr->light != FQ_LIGHT_GREEN)
            fq_label_set_role(r, FQ_TEXT_STRONG);
    }
    if (m->evidence[0]) {
        snprintf(line, sizeof line, "Evidence: %s", m->evidence);
        fq_widget *e = fq_label_new(col, line);
        fq_label_set_role(e, FQ_TEXT_SMALL);
        fq_label_set_wrap(e, 2);
    }
    if (m->approved_by[0]) {
        char ad[FQ_DATE_LEN];
        date_or(m->approved_utc, "?", ad, sizeof ad);
        snprintf(line, sizeof line, "Approved by %s%s%s%s on %s%s%s", m->approved_by,
                 m->approved_role[0] ? " (" : "", m->approved_role,
                 m->approved_role[0] ? ")" : "", ad, m->approval_note[0] ? ": " : "",
                 m->approval_note);
        fq_widget *a = fq_label_new(col, line);
        fq_label_set_role(a, FQ_TEXT_SMALL);
        fq_label_set_wrap(a, 2);
    } else if (m->kind == FQ_MS_SAMPLE_APPROVAL && !closed) {
        fq_widget *a = fq_label_new(col, "No written approval yet: production must not start");
        fq_label_set_role(a, FQ_TEXT_SMALL);
    }
}

static void open_issues(fq_screens *s, fq_widget *body)
{
    fq_screens_section_title(body, "Open issues");
    fq_issue *is = NULL;
    size_t n = 0, n_open = 0;
    if (fq_app_issues_read(s->app, s->order_uuid, &is, &n, &n_open) != FQ_OK) {
        fq_screens_error(s, "Cannot read issues");
        return;
    }
    for (size_t i = 0; i < n_open; i++) {
        char line[FQ_NOTE_LEN + 100], od[FQ_DATE_LEN];
        fq_widget *row = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_ROW);
        date_or(is[i].opened_utc, "?", od, sizeof od);
        snprintf(line, sizeof line, "%s (%s)", is[i].title, fq_severity_name(is[i].severity));
        fq_label_set_role(fq_label_new(row, line), FQ_TEXT_STRONG);
        snprintf(line, sizeof line, "Open since %s%s%s", od, is[i].description[0] ? " - " : "",
                 is[i].description);
        fq_widget *d = fq_label_new(row, line);
        fq_label_set_role(d, FQ_TEXT_SMALL);
        fq_label_set_wrap(d, 2);
    }
    if (n_open == 0)
        fq_label_new(body, "No open issues.");
    free(is);
}

void fq_screens_build_order(fq_screens *s)
{
    fq_app_order_view ov;
    if (!s->order_uuid[0] || fq_app_order_read(s->app, s->order_uuid, &ov) != FQ_OK) {
        fq_screens_header(s, "Order", "not found", true);
        fq_screens_error(s, "Cannot read the order");
        return;
    }
    const fq_order *o = &ov.order;
    char title[300], sub[400], ship[FQ_DATE_LEN];
    snprintf(title, sizeof title, "Order %s", o->po_number);
    snprintf(sub, sizeof sub, "%s - %s", o->product, o->factory);
    fq_screens_header(s, title, sub, true);
    fq_widget *body = fq_screens_main_scroll(s, fq_ui_root(s->ui));

    /* summary: the order's light is its worst milestone's (the rows say which) */
    fq_widget *card = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_CARD);
    fq_ui_light_new(card, fq_screens_ui_light(ov.light.light));
    fq_widget *cc = fq_box_new(card, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_grow(cc, 1);
    fq_widget_set_gap_mm(cc, 0.5f);
    fq_widget *wl = fq_label_new(cc, ov.light.reason[0] ? ov.light.reason
                                                        : "All checkpoints on schedule");
    fq_label_set_role(wl, FQ_TEXT_STRONG);
    fq_label_set_wrap(wl, 2);
    date_or(o->ship_date_utc, "not set", ship, sizeof ship);
    char line[600];
    snprintf(line, sizeof line, "Buyer %s - supplier %s - %lld units - ship %s", o->buyer,
             o->supplier, (long long)o->quantity, ship);
    fq_widget *fl = fq_label_new(cc, line);
    fq_label_set_role(fl, FQ_TEXT_SMALL);
    fq_label_set_wrap(fl, 2);

    fq_screens_section_title(body, "Milestones");
    fq_widget *list = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_gap_mm(list, 0);
    if (ov.n_milestones == 0)
        fq_label_new(list, "No milestones recorded for this order.");
    for (size_t i = 0; i < ov.n_milestones; i++)
        milestone_row(list, &ov.milestones[i]);
    fq_app_order_view_free(&ov);
    open_issues(s, body);
}
