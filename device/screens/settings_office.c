/* Office settings, behind the office PIN: the sync folder (and whether its USB stick is there),
 * the display (rotation, size, DPI: applied when the app restarts, which the kiosk service
 * does at once), the clock, and the PIN itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "screens/screens_internal.h"
#include "services/settings.h"

static const int rotations[] = {0, 90, 180, 270};
static const char *const rotation_labels[] = {"0", "90", "180", "270"};
/* the panels fieldqc is laid out for; "Auto" is the display's own size */
static const int sizes[][2] = {{0, 0}, {800, 480}, {480, 800}, {720, 1280}};
static const char *const size_labels[] = {N_("Auto"), "800x480", "480x800", "720x1280"};

/* pixels per inch of the panel: how big a millimetre of the layout is (Auto: from the size) */
static const int dpis[] = {0, 120, 160, 200, 240};
static const char *const dpi_labels[] = {N_("Auto"), "120", "160", "200", "240"};


/* What the screen edits (lives until the rebuild). */
typedef struct office_ctx {
    fq_screens *s;
    fq_app_settings st;
    char clock[32];   /* "YYYY-MM-DD HH:MM" in the device's zone */
    char zone[72];    /* an IANA zone name */
    char pin[16];
} office_ctx;

static void save(office_ctx *o, bool display)
{
    if (!fq_screens_saved(o->s, fq_app_settings_put(o->s->app, &o->st)))
        return;
    if (display)
        fq_ui_toast(o->s->ui, _("Saved: the display changes when the app restarts"),
                    FQ_TOAST_OK, 4000);
    fq_screens_rebuild_later(o->s, true);
}

static void on_sync_dir(fq_screens *s, void *user)
{
    (void)s;
    save(user, false);
}

static void on_rotation(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    office_ctx *o = user;
    if (ev->type != FQ_UI_EV_CHANGE || ev->index < 0)
        return;
    o->st.rotation = rotations[ev->index];
    save(o, true);
}

static void on_size(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    office_ctx *o = user;
    if (ev->type != FQ_UI_EV_CHANGE || ev->index < 0)
        return;
    o->st.width = sizes[ev->index][0];
    o->st.height = sizes[ev->index][1];
    save(o, true);
}

/* The device's language, for inspectors who never chose theirs: at once for them. */
static void on_device_language(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    office_ctx *o = user;
    size_t n = 0;
    const char *const *codes = fq_i18n_languages(&n);
    if (ev->type != FQ_UI_EV_CHANGE || ev->index < 0 || (size_t)ev->index >= n)
        return;
    char own[FQ_I18N_LANG_LEN];
    snprintf(own, sizeof own, "%s", o->st.language);
    bool followed = !strcmp(o->st.language, o->st.device_language);
    snprintf(o->st.device_language, sizeof o->st.device_language, "%s", codes[ev->index]);
    if (followed) /* this inspector never chose: they follow the device */
        snprintf(o->st.language, sizeof o->st.language, "%s", codes[ev->index]);
    if (fq_screens_saved(o->s, fq_app_settings_put(o->s->app, &o->st)))
        fq_screens_use_language(o->s, o->st.language);
    else
        fq_screens_use_language(o->s, own);
    fq_screens_rebuild_later(o->s, true);
}

static void on_dpi(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    office_ctx *o = user;
    if (ev->type != FQ_UI_EV_CHANGE || ev->index < 0)
        return;
    o->st.dpi = dpis[ev->index];
    save(o, true);
}

static void on_restart(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type == FQ_UI_EV_CLICK && s->host.restart)
        s->host.restart(s->host.user);
}

static void on_set_zone(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    office_ctx *o = user;
    if (ev->type != FQ_UI_EV_CLICK && ev->type != FQ_UI_EV_SUBMIT)
        return;
    if (fq_app_zone_set(o->s->app, o->zone + strspn(o->zone, " ")) != FQ_OK) {
        fq_screens_error(o->s, _("Time zone not set"));
        return;
    }
    fq_ui_toast(o->s->ui, _("Time zone set"), FQ_TOAST_OK, 3000);
    fq_screens_rebuild_later(o->s, true);
}

static void on_set_clock(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    office_ctx *o = user;
    if (ev->type != FQ_UI_EV_CLICK && ev->type != FQ_UI_EV_SUBMIT)
        return;
    /* typed in the device's zone: the time on the factory's wall clock */
    int64_t t = fq_i18n_parse_local(o->clock + strspn(o->clock, " "));
    if (t < 0) {
        fq_ui_toast(o->s->ui, _("Type the time as 2026-12-01 09:30"), FQ_TOAST_ERROR, 4000);
        return;
    }
    if (fq_app_clock_set(o->s->app, t) != FQ_OK) {
        fq_screens_error(o->s, _("Clock not set"));
        return;
    }
    fq_ui_toast(o->s->ui, _("Clock set"), FQ_TOAST_OK, 3000);
    fq_screens_rebuild_later(o->s, true);
}

static void on_pin(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    office_ctx *o = user;
    if (ev->type != FQ_UI_EV_CLICK && ev->type != FQ_UI_EV_SUBMIT)
        return;
    fq_err err = fq_app_pin_set(o->s->app, o->pin);
    bool removed = o->pin[0] == '\0';
    o->pin[0] = '\0';
    if (err) {
        fq_screens_error(o->s, _("PIN not changed"));
        return;
    }
    fq_ui_toast(o->s->ui, removed ? _("PIN removed") : _("PIN set"), FQ_TOAST_OK, 3000);
    fq_screens_rebuild_later(o->s, false);
}

static int index_of_size(const fq_app_settings *st)
{
    for (int i = 0; i < N_OF(sizes); i++)
        if (sizes[i][0] == st->width && sizes[i][1] == st->height)
            return i;
    return -1;
}

void fq_screens_build_office(fq_screens *s)
{
    fq_screens_header(s, _("Office settings"), _("for the office only"), true);
    fq_widget *body = fq_screens_main_scroll(s, fq_ui_root(s->ui));
    office_ctx *o = fq_screens_alloc(s, sizeof *o);
    o->s = s;
    fq_app_settings_get(s->app, &o->st);

    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_set_role(fq_label_new(card, _("Sync folder")), FQ_TEXT_TITLE);
    fq_screens_text_field(s, card, "office.sync_dir", _("Folder"), o->st.sync_dir, sizeof o->st.sync_dir,
                          "/media/fieldqc/fieldqc", on_sync_dir, o);
    fq_app_sync_medium m;
    if (fq_app_sync_medium_get(s->app, &m) == FQ_OK && m.set && strcmp(m.dir, o->st.sync_dir)) {
        char line[1200];
        snprintf(line, sizeof line, _("This run uses %s (started with --sync)."), m.dir);
        fq_widget *l = fq_label_new(card, line);
        fq_label_set_role(l, FQ_TEXT_SMALL);
        fq_label_set_wrap(l, 2);
    }
    fq_screens_medium_card(s, card, false);

    card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_set_role(fq_label_new(card, _("Display")), FQ_TEXT_TITLE);
    fq_widget *row = fq_screens_labelled_row(s, card, _("Rotation"));
    fq_widget *c = fq_choice_new(row, rotation_labels, N_OF(rotations), FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(c, 1);
    int ri = 0;
    for (int i = 0; i < N_OF(rotations); i++)
        if (rotations[i] == o->st.rotation)
            ri = i;
    fq_choice_set_selected(c, ri);
    fq_widget_set_handler(c, on_rotation, o);
    row = fq_screens_labelled_row(s, card, _("Screen size"));
    c = fq_choice_new(row, fq_screens_tr_list(s, size_labels, N_OF(sizes)), N_OF(sizes), FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(c, 1);
    fq_choice_set_selected(c, index_of_size(&o->st));
    fq_widget_set_handler(c, on_size, o);
    row = fq_screens_labelled_row(s, card, _("DPI"));
    c = fq_choice_new(row, fq_screens_tr_list(s, dpi_labels, N_OF(dpis)), N_OF(dpis), FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(c, 1);
    int di = -1;
    for (int i = 0; i < N_OF(dpis); i++)
        if (dpis[i] == o->st.dpi)
            di = i;
    fq_choice_set_selected(c, di);
    fq_widget_set_handler(c, on_dpi, o);
    fq_widget *hint = fq_label_new(card, _("A portrait size on a landscape panel needs rotation "
                                         "90 or 270. Changes apply when the app restarts."));
    fq_label_set_role(hint, FQ_TEXT_SMALL);
    fq_label_set_wrap(hint, 2);
    size_t n_lang = 0;
    const char *const *codes = fq_i18n_languages(&n_lang);
    const char *names[8];
    int at = 0;
    for (size_t i = 0; i < n_lang && i < N_OF(names); i++) {
        names[i] = fq_i18n_language_name(codes[i]);
        if (!strcmp(codes[i], o->st.device_language))
            at = (int)i;
    }
    row = fq_screens_labelled_row(s, card, _("Device language"));
    c = fq_choice_new(row, names, (int)n_lang, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(c, 1);
    fq_choice_set_selected(c, at);
    fq_widget_set_handler(c, on_device_language, o);
    hint = fq_label_new(card, _("For inspectors who did not choose a language in Settings."));
    fq_label_set_role(hint, FQ_TEXT_SMALL);
    fq_label_set_wrap(hint, 2);
    if (s->host.restart)
        fq_widget_set_handler(fq_button_new(card, _("Restart the app now"), FQ_BUTTON_NORMAL),
                              on_restart, s);

    fq_screens_clock_card(s, body, true);
    char zone[72], offset[16], title[160];
    fq_i18n_zone(zone, sizeof zone, offset, sizeof offset);
    card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_set_role(fq_label_new(card, _("Time zone")), FQ_TEXT_TITLE);
    snprintf(o->zone, sizeof o->zone, "%s", zone);
    row = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *z = fq_ui_field_new(row, o->zone, sizeof o->zone, FQ_UI_FIELD_TEXT);
    fq_widget_set_grow(z, 1);
    fq_widget_set_handler(z, on_set_zone, o);
    fq_widget_set_handler(fq_button_new(row, _("Set zone"), FQ_BUTTON_NORMAL), on_set_zone, o);
    snprintf(title, sizeof title, _("Now %s; China is Asia/Shanghai"), offset);
    fq_label_set_role(fq_label_new(card, title), FQ_TEXT_SMALL);

    card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    snprintf(title, sizeof title, _("Set the clock (%s)"), zone);
    fq_label_set_role(fq_label_new(card, title), FQ_TEXT_TITLE);
    fq_i18n_local_entry(fq_app_now(s->app), o->clock, sizeof o->clock);
    row = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *f = fq_ui_field_new(row, o->clock, sizeof o->clock, FQ_UI_FIELD_TEXT);
    fq_widget_set_grow(f, 1);
    fq_widget_set_handler(f, on_set_clock, o);
    fq_widget_set_handler(fq_button_new(row, _("Set clock"), FQ_BUTTON_NORMAL), on_set_clock, o);

    card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_set_role(fq_label_new(card, _("Office PIN")), FQ_TEXT_TITLE);
    row = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    f = fq_ui_field_new(row, o->pin, sizeof o->pin, FQ_UI_FIELD_INTEGER);
    fq_ui_field_set_placeholder(f, _("New PIN, 4 to 8 digits"));
    fq_widget_set_grow(f, 1);
    fq_widget_set_handler(f, on_pin, o);
    fq_widget_set_handler(fq_button_new(row, _("Set PIN"), FQ_BUTTON_NORMAL), on_pin, o);
    hint = fq_label_new(card, _("An empty PIN removes it."));
    fq_label_set_role(hint, FQ_TEXT_SMALL);
}
