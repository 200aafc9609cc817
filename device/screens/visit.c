/* Visit: the frame around the steps an inspector works through, in order (checklist,
 * production counts, measurements, AQL, cartons, on-site tests, issues, photos, sign-off)
 * as a tab bar; the banner of a visit not started yet with "Start visit" (opening a visit
 * starts nothing: the inspector starts it on site), or of a signed-off one with "Reopen" (a
 * reason of substance is required), or of one reopened with its reason; and the order's red
 * reasons (the sample gate, a failed final inspection) on every step. The steps are built
 * by their own files (visit_*.c). */
#include <stdio.h>
#include <string.h>

#include "core/names.h"
#include "screens/screens_internal.h"

static const char *const TAB_LABELS[FQ_SCREENS_TAB_COUNT] = {
    N_("Checklist"), N_("Counts"), N_("Measure"), N_("AQL"), N_("Cartons"), N_("Tests"), N_("Issues"), N_("Photos"), N_("Sign-off")};

static void on_tab(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    s->tab = ev->index + (int)fq_widget_tag(w); /* second row of a portrait tab bar */
    s->photo_subject_kind = FQ_SUBJ_VISIT;
    fq_screens_rebuild_later(s, false);
}

static void on_order(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    if (ev->type == FQ_UI_EV_CLICK)
        fq_screens_go(user, FQ_SCREENS_ORDER);
}

typedef struct reopen_ctx {
    fq_screens *s;
    char reason[FQ_TEXT_LEN];
    fq_widget *msg;
} reopen_ctx;

static void on_start(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    if (fq_app_visit_start(s->app, s->visit_uuid) != FQ_OK) {
        fq_screens_error(s, _("The visit was not started"));
        return;
    }
    fq_ui_toast(s->ui, _("Visit started"), FQ_TOAST_OK, 1500);
    fq_screens_rebuild_later(s, true);
}

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
    if (fq_app_visit_reopen(s->app, s->visit_uuid, rc->reason) != FQ_OK) {
        /* said in the dialog, where the reason is typed */
        fq_label_set_text(rc->msg, fq_app_errmsg(s->app));
        fq_widget_set_hidden(rc->msg, false);
        return;
    }
    fq_ui_toast(s->ui, _("Reopened: the sign-off is kept as superseded"), FQ_TOAST_OK, 2500);
    fq_screens_signing_clear(&s->signing); /* a new sign-off, prefilled from the old one */
    fq_modal_close(w);
    fq_screens_rebuild_later(s, true);
}

static void on_reopen(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    reopen_ctx *rc = fq_screens_alloc(s, sizeof *rc);
    rc->s = s;
    fq_widget *panel = fq_modal_new(s->ui);
    fq_label_set_role(fq_label_new(panel, _("Reopen signed-off visit")), FQ_TEXT_TITLE);
    fq_label_set_wrap(fq_label_new(panel, _("The reason is recorded with the visit; its sign-off "
                                          "is kept, marked as superseded.")), 2);
    fq_widget *f = fq_ui_field_new(panel, rc->reason, sizeof rc->reason, FQ_UI_FIELD_TEXT);
    fq_ui_field_set_placeholder(f, _("Reason"));
    fq_widget_set_handler(f, fq_screens_on_submit_unfocus, NULL);
    rc->msg = fq_label_new(panel, "");
    fq_label_set_wrap(rc->msg, 3);
    fq_label_set_color(rc->msg, fq_ui_theme_current(s->ui)->fail);
    fq_widget_set_hidden(rc->msg, true);
    fq_widget *btns = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *c = fq_button_new(btns, _("Cancel"), FQ_BUTTON_NORMAL);
    fq_widget_set_grow(c, 1);
    fq_widget_set_tag(c, 0);
    fq_widget_set_handler(c, on_reopen_button, rc);
    fq_widget *ok = fq_button_new(btns, _("Reopen visit"), FQ_BUTTON_PRIMARY);
    fq_widget_set_grow(ok, 1);
    fq_widget_set_tag(ok, 1);
    fq_widget_set_handler(ok, on_reopen_button, rc);
}

void fq_screens_build_visit(fq_screens *s)
{
    fq_app_visit_view *vv = fq_screens_alloc(s, sizeof *vv);
    if (fq_app_visit_read(s->app, s->visit_uuid, vv) != FQ_OK) {
        fq_screens_header(s, _("Visit"), _("not found"), true);
        fq_screens_error(s, _("Cannot read the visit"));
        return;
    }
    snprintf(s->order_uuid, sizeof s->order_uuid, "%s", vv->visit.order_uuid);
    char title[300], sub[400];
    snprintf(title, sizeof title, "%s  %s", vv->order.po_number,
             _(fq_visit_type_name(vv->visit.type)));
    snprintf(sub, sizeof sub, "%s - %s", vv->order.product, vv->order.factory);
    fq_widget *hdr = fq_screens_header(s, title, sub, true);
    fq_widget *ob = fq_button_new(hdr, _("Order"), FQ_BUTTON_NORMAL);
    fq_widget_set_handler(ob, on_order, s);

    /* landscape: one row of 9 tabs; portrait: two rows (5 + 4); each tab is as wide as its
     * label and a share of the rest, so labels stay whole */
    int n_tabs = FQ_SCREENS_TAB_COUNT;
    int split = fq_screens_landscape(s) ? n_tabs : 5;
    for (int first = 0; first < n_tabs; first += split) {
        int n = n_tabs - first < split ? n_tabs - first : split;
        fq_widget *tabs = fq_tabbar_new(fq_ui_root(s->ui), fq_screens_tr_list(s, TAB_LABELS + first, n), n);
        fq_widget_set_tag(tabs, first);
        fq_choice_set_selected(tabs, s->tab >= first && s->tab < first + n ? s->tab - first : -1);
        fq_widget_set_handler(tabs, on_tab, s);
    }

    bool writable_db = !fq_app_read_only_reason(s->app)[0];
    if (vv->state == FQ_APP_VISIT_SIGNED_OFF) {
        fq_widget *ban = fq_box_new(fq_ui_root(s->ui), FQ_BOX_ROW_DIR, FQ_BOX_CARD);
        char msg[200];
        snprintf(msg, sizeof msg, _("Signed off (%s): read-only"), _(fq_verdict_name(vv->visit.verdict)));
        fq_widget *l = fq_label_new(ban, msg);
        fq_label_set_role(l, FQ_TEXT_STRONG);
        fq_widget_set_grow(l, 1);
        fq_widget *rb = fq_button_new(ban, _("Reopen"), FQ_BUTTON_DANGER);
        fq_widget_set_handler(rb, on_reopen, s);
        fq_widget_set_disabled(rb, !writable_db);
    } else if (vv->state == FQ_APP_VISIT_NOT_STARTED) {
        fq_widget *ban = fq_box_new(fq_ui_root(s->ui), FQ_BOX_ROW_DIR, FQ_BOX_CARD);
        fq_widget *l = fq_label_new(ban, _("Not started: start it when you are at the factory"));
        fq_label_set_role(l, FQ_TEXT_STRONG);
        fq_label_set_wrap(l, 2);
        fq_widget_set_grow(l, 1);
        fq_widget *sb = fq_button_new(ban, _("Start visit"), FQ_BUTTON_PRIMARY);
        fq_widget_set_handler(sb, on_start, s);
        fq_widget_set_disabled(sb, !writable_db);
    } else if (vv->visit.reopen_reason[0]) {
        fq_widget *ban = fq_box_new(fq_ui_root(s->ui), FQ_BOX_ROW_DIR, FQ_BOX_CARD);
        char msg[FQ_TEXT_LEN + 40];
        snprintf(msg, sizeof msg, _("Reopened: %s"), vv->visit.reopen_reason);
        fq_widget *l = fq_label_new(ban, msg);
        fq_label_set_wrap(l, 2);
        fq_widget_set_grow(l, 1);
    }
    fq_widget *body = fq_screens_main_scroll(s, fq_ui_root(s->ui));
    /* the order's red reasons stay in sight on every step: the sample gate, a failed final
     * inspection (the first-article visit of a gated order must say so) */
    for (int i = 0; i < vv->order_lights.n_reasons; i++) {
        const fq_light_result *r = &vv->order_lights.reasons[i];
        if (r->light != FQ_LIGHT_RED)
            continue;
        fq_widget *warn = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_CARD);
        fq_ui_light_new(warn, FQ_UI_LIGHT_RED);
        char msg[FQ_LIGHT_REASON_LEN + 16];
        snprintf(msg, sizeof msg, _("Order: %s"), r->reason);
        fq_widget *l = fq_label_new(warn, msg);
        fq_label_set_wrap(l, 2);
        fq_label_set_role(l, FQ_TEXT_STRONG);
        fq_widget_set_grow(l, 1);
    }
    switch (s->tab) {
    case FQ_SCREENS_TAB_CHECKLIST: fq_screens_build_checklist(s, body, vv); break;
    case FQ_SCREENS_TAB_COUNTS: fq_screens_build_counts(s, body, vv); break;
    case FQ_SCREENS_TAB_MEAS: fq_screens_build_meas(s, body, vv); break;
    case FQ_SCREENS_TAB_AQL: fq_screens_build_aql(s, body, vv); break;
    case FQ_SCREENS_TAB_CARTONS: fq_screens_build_cartons(s, body, vv); break;
    case FQ_SCREENS_TAB_TESTS: fq_screens_build_tests(s, body, vv); break;
    case FQ_SCREENS_TAB_ISSUES: fq_screens_build_issues(s, body, vv); break;
    case FQ_SCREENS_TAB_PHOTOS: fq_screens_build_photos(s, body, vv); break;
    case FQ_SCREENS_TAB_SIGNOFF: fq_screens_build_signoff(s, body, vv); break;
    default: break;
    }
}

void fq_screens_show_photos(fq_screens *s, int32_t kind, const char *uuid, const char *title)
{
    s->tab = FQ_SCREENS_TAB_PHOTOS;
    s->photo_subject_kind = kind;
    snprintf(s->photo_subject_uuid, sizeof s->photo_subject_uuid, "%s", uuid);
    snprintf(s->photo_subject_title, sizeof s->photo_subject_title, "%s", title);
    fq_screens_rebuild_later(s, false);
}
