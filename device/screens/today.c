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

typedef struct row_ctx {
    fq_screens *s;
    char visit_uuid[FQ_UUID_LEN];
    char order_uuid[FQ_UUID_LEN];
} row_ctx;

static void open_order(row_ctx *r)
{
    snprintf(r->s->order_uuid, sizeof r->s->order_uuid, "%s", r->order_uuid);
    r->s->visit_uuid[0] = '\0';
    fq_screens_go(r->s, FQ_SCREENS_ORDER);
}

static void on_visit(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    row_ctx *r = user;
    if (ev->type == FQ_UI_EV_LONG_PRESS) { /* long press on a row: its order */
        open_order(r);
        return;
    }
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_screens_open_visit(r->s, r->visit_uuid, r->order_uuid, FQ_SCREENS_TAB_CHECKLIST);
}

static void on_order(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    row_ctx *r = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    open_order(r);
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

void fq_screens_build_today(fq_screens *s)
{
    char date[FQ_I18N_WHEN_LEN], sub[200];
    fq_i18n_moment_date(fq_app_now(s->app), date, sizeof date);
    snprintf(sub, sizeof sub, "%s - %s", date, fq_app_inspector(s->app));
    fq_widget *hdr = fq_screens_header(s, _("Today"), sub, false);
    fq_widget *sync = fq_button_new(hdr, _("Sync"), FQ_BUTTON_NORMAL);
    fq_widget_set_handler(sync, on_sync, s);
    fq_widget_set_handler(fq_button_new(hdr, _("Settings"), FQ_BUTTON_NORMAL), on_settings, s);

    fq_widget *list = fq_screens_main_scroll(s, fq_ui_root(s->ui));
    fq_widget_set_pad_mm(list, 0);
    fq_widget_set_gap_mm(list, 0);
    fq_app_visit_row *rows = NULL;
    size_t n = 0;
    if (fq_app_today_read(s->app, &rows, &n) != FQ_OK) {
        fq_screens_error(s, _("Cannot read today's visits"));
        return;
    }
    fq_screens_clock_banner(s, list); /* every record made today carries the clock */
    if (n == 0)
        fq_label_new(list, _("No visits assigned to this device. Sync to receive the next visits."));
    bool wide = fq_screens_landscape(s);
    for (size_t i = 0; i < n; i++) {
        const fq_app_visit_row *vr = &rows[i];
        row_ctx *rc = fq_screens_alloc(s, sizeof *rc);
        rc->s = s;
        snprintf(rc->visit_uuid, sizeof rc->visit_uuid, "%s", vr->visit.meta.uuid);
        snprintf(rc->order_uuid, sizeof rc->order_uuid, "%s", vr->order.meta.uuid);

        fq_widget *row = fq_box_new(list, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
        fq_widget_set_clickable(row, true);
        fq_widget_set_long_press(row, true);
        fq_widget_set_handler(row, on_visit, rc);
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
            fq_label_set_wrap(reason, wide ? 1 : 2);
            if (vr->lights.n_reasons && vr->lights.reasons[k].light == FQ_LIGHT_RED)
                fq_label_set_color(reason, fq_ui_theme_current(s->ui)->fail);
        }
        fq_widget *ob = fq_button_new(row, _("Order"), FQ_BUTTON_NORMAL);
        fq_widget_set_handler(ob, on_order, rc);
    }
    free(rows);
}
