/* Visit: the frame around the steps an inspector works through, in order (checklist,
 * production counts, AQL, cartons, issues, photos, sign-off) as a tab bar, plus the
 * read-only banner of a signed-off visit with "Reopen" (a reason is required). The steps
 * are built by their own files (visit_*.c). */
#include <stdio.h>
#include <string.h>

#include "core/names.h"
#include "screens/screens_internal.h"

static const char *const TAB_LABELS[TAB_COUNT] = {"Checklist", "Counts", "AQL", "Cartons",
                                                  "Issues", "Photos", "Sign-off"};

static void on_tab(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    s->tab = ev->index + (int)fq_widget_tag(w); /* second row of a portrait tab bar */
    s->photo_subject_kind = FQ_SUBJ_VISIT;
    scr_rebuild_later(s, false);
}

static void on_order(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    if (ev->type == FQ_UI_EV_CLICK)
        scr_go(user, SCR_ORDER);
}

typedef struct reopen_ctx {
    fq_screens *s;
    char reason[FQ_TEXT_LEN];
} reopen_ctx;

static void on_reopen_button(fq_widget *w, const fq_ui_event *ev, void *user)
{
    reopen_ctx *rc = user;
    fq_screens *s = rc->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    if (fq_widget_tag(w) == 0) { /* cancel */
        fq_ui_focus(s->ui, NULL);
        fq_modal_close(w);
        return;
    }
    fq_ui_focus(s->ui, NULL);
    if (!rc->reason[strspn(rc->reason, " ")]) {
        fq_ui_toast(s->ui, "Give a reason to reopen", FQ_TOAST_ERROR, 3000);
        return;
    }
    fq_err err = fq_app_reopen_visit(s->app, s->visit_uuid, rc->reason);
    fq_visit v;
    if (!err)
        err = fq_app_get(s->app, FQ_ENT_VISIT, s->visit_uuid, &v);
    if (scr_saved(s, err, FQ_ENT_VISIT, err ? NULL : &v.meta)) {
        fq_modal_close(w);
        scr_rebuild_later(s, true);
    }
}

static void on_reopen(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    reopen_ctx *rc = scr_alloc(s, sizeof *rc);
    rc->s = s;
    fq_widget *panel = fq_modal_new(s->ui);
    fq_label_set_role(fq_label_new(panel, "Reopen signed-off visit"), FQ_TEXT_TITLE);
    fq_label_set_wrap(fq_label_new(panel, "The reason is recorded with the visit."), 2);
    fq_widget *f = fq_ui_field_new(panel, rc->reason, sizeof rc->reason, FQ_UI_FIELD_TEXT);
    fq_ui_field_set_placeholder(f, "Reason");
    fq_widget_set_handler(f, scr_on_submit_unfocus, NULL);
    fq_widget *btns = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *c = fq_button_new(btns, "Cancel", FQ_BUTTON_NORMAL);
    fq_widget_set_grow(c, 1);
    fq_widget_set_tag(c, 0);
    fq_widget_set_handler(c, on_reopen_button, rc);
    fq_widget *ok = fq_button_new(btns, "Reopen visit", FQ_BUTTON_PRIMARY);
    fq_widget_set_grow(ok, 1);
    fq_widget_set_tag(ok, 1);
    fq_widget_set_handler(ok, on_reopen_button, rc);
}

void scr_build_visit(fq_screens *s)
{
    visit_ctx *vc = scr_alloc(s, sizeof *vc);
    if (fq_app_get(s->app, FQ_ENT_VISIT, s->visit_uuid, &vc->visit) != FQ_OK ||
        fq_app_get(s->app, FQ_ENT_ORDER, vc->visit.order_uuid, &vc->order) != FQ_OK) {
        scr_header(s, "Visit", "not found", true);
        scr_error(s, "Cannot read the visit");
        return;
    }
    snprintf(s->order_uuid, sizeof s->order_uuid, "%s", vc->visit.order_uuid);
    vc->ro = vc->visit.finished;
    char title[300], sub[400];
    snprintf(title, sizeof title, "%s  %s", vc->order.po_number,
             fq_visit_type_name(vc->visit.type));
    snprintf(sub, sizeof sub, "%s - %s", vc->order.product, vc->order.factory);
    fq_widget *hdr = scr_header(s, title, sub, true);
    fq_widget *ob = fq_button_new(hdr, "Order", FQ_BUTTON_NORMAL);
    fq_widget_set_handler(ob, on_order, s);

    /* landscape: one row of 7 tabs; portrait: two rows (4 + 3) so labels stay whole */
    int split = scr_landscape(s) ? TAB_COUNT : 4;
    for (int first = 0; first < TAB_COUNT; first += split) {
        int n = TAB_COUNT - first < split ? TAB_COUNT - first : split;
        fq_widget *tabs = fq_tabbar_new(fq_ui_root(s->ui), TAB_LABELS + first, n);
        fq_widget_set_tag(tabs, first);
        fq_choice_set_selected(tabs, s->tab >= first && s->tab < first + n ? s->tab - first : -1);
        fq_widget_set_handler(tabs, on_tab, s);
    }

    if (vc->ro) {
        fq_widget *ban = fq_box_new(fq_ui_root(s->ui), FQ_BOX_ROW_DIR, FQ_BOX_CARD);
        char msg[200];
        snprintf(msg, sizeof msg, "Signed off (%s): read-only", fq_verdict_name(vc->visit.verdict));
        fq_widget *l = fq_label_new(ban, msg);
        fq_label_set_role(l, FQ_TEXT_STRONG);
        fq_widget_set_grow(l, 1);
        fq_widget *rb = fq_button_new(ban, "Reopen", FQ_BUTTON_DANGER);
        fq_widget_set_handler(rb, on_reopen, s);
    }
    fq_widget *body = scr_main_scroll(s, fq_ui_root(s->ui));
    switch (s->tab) {
    case TAB_CHECKLIST: tab_checklist(s, body, vc); break;
    case TAB_COUNTS: tab_counts(s, body, vc); break;
    case TAB_AQL: tab_aql(s, body, vc); break;
    case TAB_CARTONS: tab_cartons(s, body, vc); break;
    case TAB_ISSUES: tab_issues(s, body, vc, false); break;
    case TAB_PHOTOS: tab_photos(s, body, vc); break;
    case TAB_SIGNOFF: tab_signoff(s, body, vc); break;
    default: break;
    }
}

void scr_show_photos(fq_screens *s, int32_t kind, const char *uuid, const char *title)
{
    s->tab = TAB_PHOTOS;
    s->photo_subject_kind = kind;
    snprintf(s->photo_subject_uuid, sizeof s->photo_subject_uuid, "%s", uuid);
    snprintf(s->photo_subject_title, sizeof s->photo_subject_title, "%s", title);
    scr_rebuild_later(s, false);
}
