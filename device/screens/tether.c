/* The sync folder's medium, on the Sync screen and in Office settings: whether the USB stick
 * is mounted (noticed while the app runs: the host refreshes the screen when the machine's
 * mounts change), how much room it has, and "Safe to remove". Without the stick the Sync
 * screen says what to do and offers no export: it would land on the device's own storage. */
#include <stdio.h>

#include "screens/screens_internal.h"
#include "services/settings.h"

static void on_eject(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    if (fq_app_sync_eject(s->app) != FQ_OK) {
        fq_screens_error(s, _("Do not remove the stick yet"));
        return;
    }
    fq_ui_toast(s->ui, _("Safe to remove the USB stick"), FQ_TOAST_OK, 5000);
    fq_screens_rebuild_later(s, true);
}

bool fq_screens_medium_card(fq_screens *s, fq_widget *parent, bool own_card)
{
    fq_app_sync_medium m;
    if (fq_app_sync_medium_get(s->app, &m) != FQ_OK) {
        fq_label_set_wrap(fq_label_new(parent, fq_app_errmsg(s->app)), 3);
        return false;
    }
    if (!m.set || !m.removable)
        return true;
    fq_widget *card = own_card ? fq_box_new(parent, FQ_BOX_COLUMN, FQ_BOX_CARD) : parent;
    fq_widget_set_gap_mm(card, 0.5f);
    char line[1300];
    if (!m.present) {
        fq_widget *t = fq_label_new(card, _("No USB stick"));
        fq_label_set_role(t, FQ_TEXT_TITLE);
        fq_label_set_color(t, fq_ui_theme_current(s->ui)->danger);
        fq_label_set_wrap(fq_label_new(card, m.reason), 6);
        fq_label_set_wrap(fq_label_new(card, _("Everything you record stays safe on this device "
                                             "until then.")),
                          2);
        return false;
    }
    if (m.free_bytes >= 0)
        snprintf(line, sizeof line, _("USB stick at %s (%s), %.1f GB free"), m.mount_point,
                 m.fstype, (double)m.free_bytes / 1e9);
    else
        snprintf(line, sizeof line, _("USB stick at %s (%s)"), m.mount_point, m.fstype);
    fq_widget *row = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *l = fq_label_new(row, line);
    fq_widget_set_grow(l, 1);
    fq_label_set_wrap(l, 2);
    fq_widget_set_handler(fq_button_new(row, _("Safe to remove"), FQ_BUTTON_NORMAL), on_eject, s);
    return true;
}
