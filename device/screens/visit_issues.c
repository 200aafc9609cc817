/* Visit step 5, issues: the order's open issues (and those closed), a new issue raised from
 * this visit, titles and descriptions edited in place, and closing with a resolution note
 * (required: a vague answer does not close an issue). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/names.h"
#include "screens/screens_internal.h"

typedef struct issue_ctx {
    fq_screens *s;
    fq_issue is;
    char resolution[FQ_NOTE_LEN];
} issue_ctx;

static void save_issue(fq_screens *s, void *ctx)
{
    issue_ctx *ic = ctx;
    if (!ic->is.meta.uuid[0] && !ic->is.title[0])
        return; /* nothing typed yet */
    bool is_new = !ic->is.meta.uuid[0];
    if (is_new)
        ic->is.opened_utc = fq_app_now(s->app);
    fq_err err = fq_app_save(s->app, FQ_ENT_ISSUE, &ic->is);
    if (scr_saved(s, err, FQ_ENT_ISSUE, &ic->is.meta) && is_new)
        scr_rebuild_later(s, true);
}

static void on_close_button(fq_widget *w, const fq_ui_event *ev, void *user)
{
    issue_ctx *ic = user;
    fq_screens *s = ic->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(s->ui, NULL);
    if (fq_widget_tag(w) == 0) {
        fq_modal_close(w);
        return;
    }
    fq_err err = fq_app_close_issue(s->app, ic->is.meta.uuid, ic->resolution);
    fq_issue now;
    if (!err)
        err = fq_app_get(s->app, FQ_ENT_ISSUE, ic->is.meta.uuid, &now);
    if (scr_saved(s, err, FQ_ENT_ISSUE, err ? NULL : &now.meta)) {
        fq_modal_close(w);
        scr_rebuild_later(s, true);
    }
}

static void on_close(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    issue_ctx *ic = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_widget *panel = fq_modal_new(ic->s->ui);
    fq_label_set_role(fq_label_new(panel, "Close issue"), FQ_TEXT_TITLE);
    fq_label_set_wrap(fq_label_new(panel, ic->is.title), 2);
    fq_label_new(panel, "Resolution note");
    fq_widget *f = fq_ui_field_new(panel, ic->resolution, sizeof ic->resolution, FQ_UI_FIELD_TEXT);
    fq_ui_field_set_placeholder(f, "What was done, who confirmed it");
    fq_widget_set_handler(f, scr_on_submit_unfocus, NULL);
    fq_widget *btns = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *c = fq_button_new(btns, "Cancel", FQ_BUTTON_NORMAL);
    fq_widget_set_grow(c, 1);
    fq_widget_set_tag(c, 0);
    fq_widget_set_handler(c, on_close_button, ic);
    fq_widget *ok = fq_button_new(btns, "Close issue", FQ_BUTTON_PRIMARY);
    fq_widget_set_grow(ok, 1);
    fq_widget_set_tag(ok, 1);
    fq_widget_set_handler(ok, on_close_button, ic);
}

static void on_severity(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    issue_ctx *ic = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    ic->is.severity = ev->index + FQ_SEV_MINOR;
    if (ic->is.meta.uuid[0])
        save_issue(ic->s, ic);
}

static void issue_card(fq_screens *s, fq_widget *body, const fq_issue *src, const char *order,
                       const char *visit, bool ro)
{
    issue_ctx *ic = scr_alloc(s, sizeof *ic);
    ic->s = s;
    if (src) {
        ic->is = *src;
    } else {
        snprintf(ic->is.order_uuid, sizeof ic->is.order_uuid, "%s", order);
        snprintf(ic->is.visit_uuid, sizeof ic->is.visit_uuid, "%s", visit);
        ic->is.severity = FQ_SEV_MAJOR;
    }
    bool closed = ic->is.closed_utc != 0;
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    if (closed) {
        char line[FQ_NOTE_LEN + 200], d[FQ_DATE_LEN];
        fq_utc_format_date(ic->is.closed_utc, d, sizeof d);
        fq_label_set_role(fq_label_new(card, ic->is.title), FQ_TEXT_STRONG);
        snprintf(line, sizeof line, "Closed %s: %s", d, ic->is.resolution_note);
        fq_label_set_wrap(fq_label_new(card, line), 3);
        return;
    }
    fq_widget *t = scr_text_field(s, card, src ? NULL : "New issue", ic->is.title,
                                  sizeof ic->is.title, "Title", save_issue, ic);
    fq_widget *d = scr_text_field(s, card, NULL, ic->is.description, sizeof ic->is.description,
                                  "Description", save_issue, ic);
    fq_widget *row = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    static const char *const sev[3] = {"Minor", "Major", "Critical"};
    fq_widget *c = fq_choice_new(row, sev, 3, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(c, 3);
    fq_choice_set_selected(c, ic->is.severity - FQ_SEV_MINOR);
    fq_widget_set_handler(c, on_severity, ic);
    if (src) {
        fq_widget *cb = fq_button_new(row, "Close...", FQ_BUTTON_NORMAL);
        fq_widget_set_grow(cb, 1);
        fq_widget_set_handler(cb, on_close, ic);
        fq_widget_set_disabled(cb, ro);
    }
    fq_widget_set_disabled(t, ro);
    fq_widget_set_disabled(d, ro);
    fq_widget_set_disabled(c, ro);
}

void tab_issues(fq_screens *s, fq_widget *body, visit_ctx *vc, bool order_only)
{
    const char *order = vc ? vc->order.meta.uuid : s->order_uuid;
    void *arr = NULL;
    size_t n = 0;
    if (fq_app_list(s->app, FQ_ENT_ISSUE, "order_uuid", order, NULL, &arr, &n) != FQ_OK) {
        scr_error(s, "Cannot read issues");
        return;
    }
    const fq_issue *is = arr;
    size_t open = 0;
    for (size_t i = 0; i < n; i++)
        open += is[i].closed_utc == 0;
    char t[80];
    snprintf(t, sizeof t, "Open issues (%zu)", open);
    scr_section_title(body, t);
    for (size_t i = 0; i < n; i++)
        if (!is[i].closed_utc)
            issue_card(s, body, &is[i], order, "", order_only || (vc && vc->ro));
    if (!order_only && vc && !vc->ro)
        issue_card(s, body, NULL, order, vc->visit.meta.uuid, false);
    if (open < n)
        scr_section_title(body, "Closed");
    for (size_t i = 0; i < n; i++)
        if (is[i].closed_utc)
            issue_card(s, body, &is[i], order, "", true);
    free(arr);
}
