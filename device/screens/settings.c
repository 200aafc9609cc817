/* Settings, the inspector's part: brightness and when the panel dims and goes dark (applied at
 * once through the host), the clock (flagged when implausible: every record carries it), About
 * (version, device, keys, database) and the way into the office's part behind its PIN.
 * Nothing an inspector needs requires a command-line flag. */
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "screens/screens_internal.h"
#include "services/settings.h"

static const int brightness_steps[] = {20, 40, 60, 80, 100};
static const char *const brightness_labels[] = {"20%", "40%", "60%", "80%", "100%"};
static const int dim_steps[] = {0, 60, 120, 300, 600};
static const char *const dim_labels[] = {N_("Never"), N_("1 min"), N_("2 min"), N_("5 min"), N_("10 min")};
static const int blank_steps[] = {0, 300, 600, 1800};
static const char *const blank_labels[] = {N_("Never"), N_("5 min"), N_("10 min"), N_("30 min")};


/* Index of the step nearest to v. */
static int nearest(const int *steps, int n, int v)
{
    int best = 0;
    for (int i = 1; i < n; i++) {
        int d = steps[i] - v, db = steps[best] - v;
        if ((d < 0 ? -d : d) < (db < 0 ? -db : db))
            best = i;
    }
    return best;
}

typedef struct pin_ctx {
    fq_screens *s;
    char pin[16];
} pin_ctx;

static void store(fq_screens *s, const fq_app_settings *st)
{
    if (fq_screens_saved(s, fq_app_settings_put(s->app, st)) && s->host.apply_display)
        s->host.apply_display(s->host.user, st->brightness, st->dim_after_s,
                              st->blank_after_s);
}

typedef enum choice_kind { CHOICE_BRIGHTNESS, CHOICE_DIM, CHOICE_BLANK, CHOICE_LANGUAGE } choice_kind;

typedef struct choice_ctx {
    fq_screens *s;
    choice_kind kind;
} choice_ctx;

static void on_choice(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    choice_ctx *c = user;
    if (ev->type != FQ_UI_EV_CHANGE || ev->index < 0)
        return;
    fq_app_settings st;
    fq_app_settings_get(c->s->app, &st);
    if (c->kind == CHOICE_LANGUAGE) {
        /* at once: the inspector's choice is stored under their name and every screen is
         * drawn again in it (records and notes keep what was typed) */
        size_t n = 0;
        const char *const *codes = fq_i18n_languages(&n);
        if ((size_t)ev->index >= n)
            return;
        char was[FQ_I18N_LANG_LEN];
        snprintf(was, sizeof was, "%s", fq_i18n_current());
        snprintf(st.language, sizeof st.language, "%s", codes[ev->index]);
        fq_screens_use_language(c->s, st.language);
        if (!fq_screens_saved(c->s, fq_app_settings_put(c->s->app, &st)))
            fq_screens_use_language(c->s, was);
        fq_screens_rebuild_later(c->s, true);
        return;
    }
    if (c->kind == CHOICE_BRIGHTNESS)
        st.brightness = brightness_steps[ev->index];
    else if (c->kind == CHOICE_DIM)
        st.dim_after_s = dim_steps[ev->index];
    else
        st.blank_after_s = blank_steps[ev->index];
    store(c->s, &st);
}

static void choice_row(fq_screens *s, fq_widget *card, const char *label, choice_kind kind,
                       const char *const *labels, int n, int selected)
{
    fq_widget *row = fq_screens_labelled_row(s, card, label);
    fq_widget *c = fq_choice_new(row, fq_screens_tr_list(s, labels, n), n, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(c, 1);
    fq_choice_set_selected(c, selected);
    choice_ctx *ctx = fq_screens_alloc(s, sizeof *ctx);
    ctx->s = s;
    ctx->kind = kind;
    fq_widget_set_handler(c, on_choice, ctx);
}

static void on_office(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    pin_ctx *p = user;
    if (ev->type != FQ_UI_EV_CLICK && ev->type != FQ_UI_EV_SUBMIT)
        return;
    fq_err err = fq_app_pin_check(p->s->app, p->pin);
    p->pin[0] = '\0';
    if (err) {
        fq_screens_error(p->s, _("Office settings"));
        fq_screens_rebuild_later(p->s, true);
        return;
    }
    fq_screens_go(p->s, FQ_SCREENS_OFFICE);
}

void fq_screens_clock_card(fq_screens *s, fq_widget *body, bool always)
{
    fq_app_clock_view c;
    if (fq_app_clock_get(s->app, &c) != FQ_OK || (c.plausible && !always))
        return;
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_widget_set_gap_mm(card, 0.5f);
    char v[FQ_I18N_WHEN_LEN + 32];
    fq_i18n_moment_zone(c.now_utc, v, sizeof v);
    fq_widget *t = fq_label_new(card, c.plausible ? _("Date and time") : _("The clock is wrong"));
    fq_label_set_role(t, FQ_TEXT_TITLE);
    if (!c.plausible)
        fq_label_set_color(t, fq_ui_theme_current(s->ui)->danger);
    fq_screens_fact(card, _("This device"), v);
    if (c.office_utc) {
        fq_i18n_moment_zone(c.office_utc, v, sizeof v);
        fq_screens_fact(card, _("The office's last file"), v);
    }
    if (!c.plausible) {
        fq_label_set_wrap(fq_label_new(card, c.reason), 3);
        fq_label_set_wrap(fq_label_new(card, _("Every finding and photo carries this time. The "
                                             "office sets the clock in Office settings.")),
                          2);
    }
}

static void on_clock_banner(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    if (ev->type == FQ_UI_EV_CLICK)
        fq_screens_go(user, FQ_SCREENS_SETTINGS);
}

void fq_screens_clock_banner(fq_screens *s, fq_widget *parent)
{
    fq_app_clock_view c;
    if (fq_app_clock_get(s->app, &c) != FQ_OK || c.plausible)
        return;
    fq_widget *row = fq_box_new(parent, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
    fq_widget_set_clickable(row, true);
    fq_widget_set_handler(row, on_clock_banner, s);
    fq_widget *l = fq_label_new(row, c.reason);
    fq_label_set_color(l, fq_ui_theme_current(s->ui)->danger);
    fq_label_set_wrap(l, 2);
    fq_widget_set_grow(l, 1);
}

static void about_card(fq_screens *s, fq_widget *body)
{
    fq_app_about a;
    if (fq_app_about_get(s->app, &a) != FQ_OK)
        return;
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_widget_set_gap_mm(card, 0);
    fq_label_set_role(fq_label_new(card, _("About")), FQ_TEXT_TITLE);
    char v[1100];
    snprintf(v, sizeof v, _("fieldqc %s"), a.version);
    fq_screens_fact(card, _("Version"), v);
    fq_screens_fact(card, _("Device"), a.device_id);
    fq_screens_fact(card, _("Inspector"), a.inspector);
    fq_screens_fact(card, _("This tablet's key"), a.device_key[0] ? a.device_key : _("none"));
    fq_screens_fact(card, _("Office key"), a.office_key[0] ? a.office_key : _("not known yet"));
    snprintf(v, sizeof v, _("schema %d, bundles format %d"), (int)a.schema_version,
             (int)a.format_version);
    fq_screens_fact(card, _("Data"), v);
    fq_widget *db = fq_label_new(card, a.db_path);
    fq_label_set_role(db, FQ_TEXT_SMALL);
    fq_label_set_wrap(db, 2);
}

void fq_screens_build_settings(fq_screens *s)
{
    fq_screens_header(s, _("Settings"), fq_app_inspector(s->app), true);
    fq_widget *body = fq_screens_main_scroll(s, fq_ui_root(s->ui));
    fq_screens_clock_card(s, body, false); /* a wrong clock first: it spoils every record */
    fq_app_settings st;
    fq_app_settings_get(s->app, &st);
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_set_role(fq_label_new(card, _("Screen")), FQ_TEXT_TITLE);
    size_t n_lang = 0;
    const char *const *codes = fq_i18n_languages(&n_lang);
    const char *names[8];
    int lang_at = 0;
    for (size_t i = 0; i < n_lang && i < N_OF(names); i++) {
        names[i] = fq_i18n_language_name(codes[i]);
        if (!strcmp(codes[i], fq_i18n_current()))
            lang_at = (int)i;
    }
    /* each language by its own name, so an inspector can find theirs in any language */
    choice_row(s, card, _("Language"), CHOICE_LANGUAGE, names, (int)n_lang, lang_at);
    choice_row(s, card, _("Brightness"), CHOICE_BRIGHTNESS, brightness_labels, N_OF(brightness_steps),
               nearest(brightness_steps, N_OF(brightness_steps), st.brightness));
    choice_row(s, card, _("Dim after"), CHOICE_DIM, dim_labels, N_OF(dim_steps),
               nearest(dim_steps, N_OF(dim_steps), st.dim_after_s));
    choice_row(s, card, _("Dark after"), CHOICE_BLANK, blank_labels, N_OF(blank_steps),
               nearest(blank_steps, N_OF(blank_steps), st.blank_after_s));
    fq_widget *hint = fq_label_new(card, _("A touch on a dark screen only wakes it."));
    fq_label_set_role(hint, FQ_TEXT_SMALL);

    fq_screens_clock_card(s, body, true);

    fq_widget *oc = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_set_role(fq_label_new(oc, _("Office settings")), FQ_TEXT_TITLE);
    fq_label_set_wrap(fq_label_new(oc, _("Sync folder, display, rotation, clock and PIN: for the "
                                       "office.")),
                      2);
    pin_ctx *p = fq_screens_alloc(s, sizeof *p);
    p->s = s;
    fq_widget *row = fq_box_new(oc, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    if (fq_app_pin_is_set(s->app)) {
        fq_widget *f = fq_ui_field_new(row, p->pin, sizeof p->pin, FQ_UI_FIELD_INTEGER);
        fq_ui_field_set_placeholder(f, _("Office PIN"));
        fq_widget_set_grow(f, 1);
        fq_widget_set_handler(f, on_office, p);
    } else {
        fq_widget *warn = fq_label_new(row, _("No office PIN set: anyone can open them."));
        fq_widget_set_grow(warn, 1);
        fq_label_set_wrap(warn, 2);
    }
    fq_widget_set_handler(fq_button_new(row, _("Open"), FQ_BUTTON_NORMAL), on_office, p);
    about_card(s, body);
}
