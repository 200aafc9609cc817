/* Today: the visits assigned to this device, each with its order's traffic light and every
 * reason behind it, open visits first. Tapping a visit opens it (it starts only when the
 * inspector says so, on the visit); the Order button opens the order's milestone chain.
 * Does not edit anything itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/names.h"
#include "screens/screens_internal.h"

/* The list's state, freed with the list: rows are built (and rebuilt) as they come into
 * view, so a row's handlers find their visit by the row's index (its tag). */
typedef struct today_list {
    fq_screens *s;
    fq_app_today *today;
    bool wide;
} today_list;

static void open_order(today_list *l, size_t i)
{
    snprintf(l->s->order_uuid, sizeof l->s->order_uuid, "%s",
             fq_app_today_order_uuid(l->today, i));
    l->s->visit_uuid[0] = '\0';
    fq_screens_go(l->s, FQ_SCREENS_ORDER);
}

static void on_visit(fq_widget *w, const fq_ui_event *ev, void *user)
{
    today_list *l = user;
    size_t i = (size_t)fq_widget_tag(w);
    if (ev->type == FQ_UI_EV_LONG_PRESS) { /* long press on a row: its order */
        open_order(l, i);
        return;
    }
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_screens_open_visit(l->s, fq_app_today_visit_uuid(l->today, i),
                          fq_app_today_order_uuid(l->today, i), FQ_SCREENS_TAB_CHECKLIST);
}

static void on_order(fq_widget *w, const fq_ui_event *ev, void *user)
{
    if (ev->type == FQ_UI_EV_CLICK)
        open_order(user, (size_t)fq_widget_tag(w));
}

static void on_settings(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    if (ev->type == FQ_UI_EV_CLICK)
        fq_screens_go(user, FQ_SCREENS_SETTINGS);
}

static void on_sync(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    if (ev->type == FQ_UI_EV_CLICK)
        fq_screens_go(user, FQ_SCREENS_SYNC);
}

static void free_list(void *user)
{
    today_list *l = user;
    fq_app_today_free(l->today);
    free(l);
}

/* Row i of the list, built when it comes into view: its details and lights are read then
 * (a page at a time, fq_app_today_row). */
static fq_widget *build_row(fq_widget *list, size_t i, void *user)
{
    today_list *l = user;
    fq_screens *s = l->s;
    fq_widget *row = fq_box_new(list, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
    const fq_app_visit_row *vr = NULL;
    if (fq_app_today_row(s->app, l->today, i, &vr) != FQ_OK) {
        fq_label_new(row, _("Cannot read today's visits"));
        return row;
    }
    fq_widget_set_tag(row, (int64_t)i);
    fq_widget_set_clickable(row, true);
    fq_widget_set_long_press(row, true);
    fq_widget_set_handler(row, on_visit, l);
    fq_ui_light_new(row, fq_screens_ui_light(vr->light.light));
    fq_widget *col = fq_box_new(row, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_grow(col, 1);
    fq_widget_set_gap_mm(col, 0.5f);
    char line[400], pd[FQ_I18N_WHEN_LEN];
    snprintf(line, sizeof line, "%s  %s", vr->order.po_number, vr->order.product);
    fq_label_set_role(fq_label_new(col, line), FQ_TEXT_STRONG);
    fq_i18n_day(vr->visit.planned_utc, pd, sizeof pd);
    if (vr->visit.finished)
        snprintf(line, sizeof line, _("%s - signed off: %s"), _(fq_visit_type_name(vr->visit.type)),
                 _(fq_verdict_name(vr->visit.verdict)));
    else
        snprintf(line, sizeof line, "%s - %s%s", _(fq_visit_type_name(vr->visit.type)), pd,
                 vr->visit.started_utc ? _(" - started") : "");
    fq_label_new(col, line);
    fq_label_set_role(fq_label_new(col, vr->order.factory), FQ_TEXT_SMALL);
    /* every reason, worst first: the order's light is never one reason deep */
    for (int k = 0; k < vr->lights.n_reasons || k == 0; k++) {
        const char *why = vr->lights.n_reasons ? vr->lights.reasons[k].reason : _("on schedule");
        fq_widget *reason = fq_label_new(col, why);
        fq_label_set_role(reason, FQ_TEXT_SMALL);
        fq_label_set_wrap(reason, l->wide ? 1 : 2);
        if (vr->lights.n_reasons && vr->lights.reasons[k].light == FQ_LIGHT_RED)
            fq_label_set_color(reason, fq_ui_theme_current(s->ui)->fail);
    }
    fq_widget *ob = fq_button_new(row, _("Order"), FQ_BUTTON_NORMAL);
    fq_widget_set_tag(ob, (int64_t)i);
    fq_widget_set_handler(ob, on_order, l);
    return row;
}

void fq_screens_build_today(fq_screens *s)
{
    char date[FQ_I18N_WHEN_LEN], sub[200];
    fq_i18n_moment_date(fq_app_now(s->app), date, sizeof date);
    snprintf(sub, sizeof sub, "%s - %s", date, fq_app_inspector(s->app));
    fq_widget *hdr = fq_screens_header(s, _("Today"), sub, false);
    fq_widget *sync = fq_button_new(hdr, _("Sync"), FQ_BUTTON_NORMAL);
    fq_widget_set_handler(sync, on_sync, s);
    fq_widget_set_handler(fq_button_new(hdr, _("Settings"), FQ_BUTTON_NORMAL), on_settings, s);

    today_list *l = calloc(1, sizeof *l);
    if (!l)
        abort(); /* ui may abort on OOM: everything entered is already committed */
    l->s = s;
    l->wide = fq_screens_landscape(s);
    bool ok = fq_app_today_open(s->app, &l->today) == FQ_OK;
    size_t n = ok ? fq_app_today_count(l->today) : 0;
    /* only the rows in view exist: thousands of visits cost what a screenful does */
    fq_widget *list = fq_vlist_new(fq_ui_root(s->ui), n, build_row, l, free_list);
    fq_widget_set_grow(list, 1);
    fq_widget_set_pad_mm(list, 0);
    fq_widget_set_gap_mm(list, 0);
    s->scroll = list;
    if (!ok) {
        fq_screens_error(s, _("Cannot read today's visits"));
        return;
    }
    fq_screens_clock_banner(s, list); /* every record made today carries the clock */
    if (n == 0)
        fq_label_new(list, _("No visits assigned to this device. Sync to receive the next visits."));
}
