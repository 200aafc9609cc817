/* The screens shell: creation, deferred rebuilds, per-screen memory, navigation and the
 * header / toast helpers shared by every screen. Screens themselves are in their own files.
 *
 * Why rebuilds wait: a screen is rebuilt by clearing the ui root, which frees every widget
 * and every handler context (fq_screens_alloc) of the screen. Done inside a handler, that
 * frees the widget the ui is dispatching to and the context the handler is still using;
 * the ui tolerates its own part today, but one line after the call in any handler, or one
 * step the ui adds after an event later, would read freed memory. So handlers only set
 * want_rebuild, and the rebuild runs from fq_screens_update, after the ui returned (and
 * after any open modal closed: its handlers use the screen's memory too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/screens_internal.h"
#include "services/settings.h"

struct fq_screens_block {
    fq_screens_block *next;
    max_align_t align[];
};

void *fq_screens_alloc(fq_screens *s, size_t size)
{
    fq_screens_block *b = calloc(1, sizeof *b + size);
    if (!b)
        abort(); /* ui may abort on OOM: everything entered is already committed */
    b->next = s->blocks;
    s->blocks = b;
    return b->align;
}

void fq_screens_use_language(fq_screens *s, const char *code)
{
    fq_i18n_use(code);
    /* writing Chinese starts in pinyin (one tap on 中/EN for English) */
    fq_ui_keyboard_use_pinyin(s->ui, !strcmp(fq_i18n_current(), "zh_CN"));
    fq_ui_keyboard_set_label(s->ui, "space", _("space"));
    fq_ui_keyboard_set_label(s->ui, "enter", _("Enter"));
}

const char *const *fq_screens_tr_list(fq_screens *s, const char *const *labels, int n)
{
    const char **out = fq_screens_alloc(s, (size_t)(n > 0 ? n : 1) * sizeof *out);
    for (int i = 0; i < n; i++)
        out[i] = labels[i] ? _(labels[i]) : NULL;
    return out;
}

static void free_blocks(fq_screens *s)
{
    while (s->blocks) {
        fq_screens_block *n = s->blocks->next;
        free(s->blocks);
        s->blocks = n;
    }
}

static void free_images(fq_screens *s)
{
    for (int i = 0; i < s->n_images; i++)
        if (s->host.free_image)
            s->host.free_image(s->host.user, s->images[i]);
    s->n_images = 0;
    if (s->view_image > 0 && s->host.free_image)
        s->host.free_image(s->host.user, s->view_image);
    s->view_image = 0;
}

int fq_screens_load_image(fq_screens *s, const char *path, int *w, int *h)
{
    if (!s->host.load_image || s->n_images >= (int)(sizeof s->images / sizeof s->images[0]))
        return -1;
    int id = s->host.load_image(s->host.user, path, w, h);
    if (id > 0)
        s->images[s->n_images++] = id;
    return id;
}

int fq_screens_load_view_image(fq_screens *s, const char *path, int *w, int *h)
{
    if (s->view_image > 0 && s->host.free_image)
        s->host.free_image(s->host.user, s->view_image);
    s->view_image = 0;
    if (!s->host.load_image)
        return -1;
    int id = s->host.load_image(s->host.user, path, w, h);
    if (id > 0)
        s->view_image = id;
    return id;
}

bool fq_screens_landscape(const fq_screens *s)
{
    fq_rect r = fq_widget_rect(fq_ui_root(s->ui));
    return r.w > r.h;
}

/* Where the inspector is, as the app keeps it between runs: "visit <uuid> <tab>",
 * "order <uuid>", "sync", "today". */
static void save_location(fq_screens *s)
{
    if (!s->app)
        return;
    char loc[128];
    switch (s->screen) {
    case FQ_SCREENS_VISIT: snprintf(loc, sizeof loc, "visit %s %d", s->visit_uuid, s->tab); break;
    case FQ_SCREENS_ORDER:
    case FQ_SCREENS_APPROVAL: snprintf(loc, sizeof loc, "order %s", s->order_uuid); break;
    case FQ_SCREENS_SYNC: snprintf(loc, sizeof loc, "sync"); break;
    default: snprintf(loc, sizeof loc, "today"); break;
    }
    fq_app_ui_location_save(s->app, loc); /* a place not kept is no failure of the screen */
}

/* Back where the app last was, when that visit or order is still there. */
static void restore_location(fq_screens *s)
{
    char loc[128], uuid[FQ_UUID_LEN];
    int tab = 0;
    if (fq_app_ui_location_load(s->app, loc, sizeof loc) != FQ_OK)
        return;
    fq_app_visit_view vv;
    fq_app_order_view ov;
    if (sscanf(loc, "visit %36s %d", uuid, &tab) == 2 &&
        fq_app_visit_read(s->app, uuid, &vv) == FQ_OK) {
        snprintf(s->visit_uuid, sizeof s->visit_uuid, "%s", uuid);
        snprintf(s->order_uuid, sizeof s->order_uuid, "%s", vv.visit.order_uuid);
        s->tab = tab >= 0 && tab < FQ_SCREENS_TAB_COUNT ? tab : 0;
        s->screen = FQ_SCREENS_VISIT;
    } else if (sscanf(loc, "order %36s", uuid) == 1 &&
               fq_app_order_read(s->app, uuid, &ov) == FQ_OK) {
        fq_app_order_view_free(&ov);
        snprintf(s->order_uuid, sizeof s->order_uuid, "%s", uuid);
        s->screen = FQ_SCREENS_ORDER;
    } else if (!strcmp(loc, "sync")) {
        s->screen = FQ_SCREENS_SYNC;
    }
}

void fq_screens_field_key(fq_screens *s, fq_widget *w, const char *key)
{
    if (!key || !*key || s->n_keys >= FQ_SCREENS_MAX_KEYS)
        return;
    s->keys[s->n_keys].field = w;
    snprintf(s->keys[s->n_keys].key, sizeof s->keys[0].key, "%s", key);
    s->n_keys++;
}

const char *fq_screens_key_of(const fq_screens *s, const fq_widget *w)
{
    for (int i = 0; w && i < s->n_keys; i++)
        if (s->keys[i].field == w)
            return s->keys[i].key;
    return "";
}

fq_widget *fq_screens_field_by_key(const fq_screens *s, const char *key)
{
    for (int i = 0; key && *key && i < s->n_keys; i++)
        if (!strcmp(s->keys[i].key, key))
            return s->keys[i].field;
    return NULL;
}

void fq_screens_field_error(fq_screens *s, const char *key, const char *msg)
{
    snprintf(s->error_key, sizeof s->error_key, "%s", key ? key : "");
    snprintf(s->error_msg, sizeof s->error_msg, "%s", msg ? msg : "");
    char toast[600];
    snprintf(toast, sizeof toast, _("Not saved: %s"), s->error_msg);
    fq_ui_toast(s->ui, toast, FQ_TOAST_ERROR, 4000);
}

void fq_screens_refocus(fq_screens *s, const char *key)
{
    snprintf(s->refocus_key, sizeof s->refocus_key, "%s", key ? key : "");
}

static void build(fq_screens *s)
{
    if (s->building) /* only update / refresh / new build, and none of them from a handler */
        return;
    s->building = true;
    int offset = (s->keep_scroll && s->scroll) ? fq_scroll_offset(s->scroll) : 0;
    /* the field being edited is focused again in the new tree (a rebuild after its commit
     * must not close the keyboard and move the screen under the inspector's next tap),
     * unless a handler named another or the screen changed */
    char focus_key[FQ_SCREENS_KEY_LEN];
    snprintf(focus_key, sizeof focus_key, "%s",
             s->refocus_key[0] ? s->refocus_key : fq_screens_key_of(s, fq_ui_focused(s->ui)));
    if (!s->keep_scroll && !s->refocus_key[0])
        focus_key[0] = '\0';
    s->refocus_key[0] = '\0';
    /* commit a field being edited before its widget goes away (its BLUR saves it); a
     * rebuild its commit asks for is this one: the tree is built after the commit */
    fq_ui_focus(s->ui, NULL);
    if (s->camera_image && s->host.camera_close) /* quit with the viewfinder open */
        s->host.camera_close(s->host.user);
    fq_app_import_free(s->import_job); /* quit while importing: the worker stops */
    fq_screens_thumbs_stop(s);
    fq_ui_clear_root(s->ui);
    free_blocks(s);
    free_images(s);
    s->scroll = NULL;
    s->n_keys = 0;
    switch (s->screen) {
    case FQ_SCREENS_TODAY: fq_screens_build_today(s); break;
    case FQ_SCREENS_ORDER: fq_screens_build_order(s); break;
    case FQ_SCREENS_VISIT: fq_screens_build_visit(s); break;
    case FQ_SCREENS_SYNC: fq_screens_build_sync(s); break;
    case FQ_SCREENS_SETTINGS: fq_screens_build_settings(s); break;
    case FQ_SCREENS_OFFICE: fq_screens_build_office(s); break;
    case FQ_SCREENS_APPROVAL: fq_screens_build_approval(s); break;
    case FQ_SCREENS_ERROR: fq_screens_build_error(s); break;
    }
    /* a message is shown once, under its field */
    s->error_key[0] = '\0';
    if (s->scroll && offset) {
        fq_ui_layout(s->ui);
        fq_scroll_set_offset(s->scroll, offset);
    }
    fq_widget *again = fq_screens_field_by_key(s, focus_key);
    if (again)
        fq_ui_focus(s->ui, again);
    s->want_rebuild = false;
    s->keep_scroll = false;
    s->building = false;
    save_location(s);
}

/* The Cartons tab takes a scan for a carton's barcode: the carton whose field is focused,
 * else the last one (a new one when there is none). */
static bool scan_to_carton(fq_screens *s, const char *code)
{
    char carton[FQ_UUID_LEN] = "";
    const char *key = fq_screens_key_of(s, fq_ui_focused(s->ui));
    if (!strncmp(key, "carton.", 7))
        sscanf(key + 7, "%36[^.]", carton);
    fq_app_carton_row *rows = NULL;
    size_t n = 0;
    if (!carton[0] && fq_app_cartons_read(s->app, s->visit_uuid, &rows, &n) == FQ_OK && n)
        snprintf(carton, sizeof carton, "%s", rows[n - 1].carton.meta.uuid);
    free(rows);
    fq_carton added;
    if (!carton[0]) {
        if (fq_app_carton_add(s->app, s->visit_uuid, &added) != FQ_OK) {
            fq_screens_error(s, _("Scan not recorded"));
            return true;
        }
        snprintf(carton, sizeof carton, "%s", added.meta.uuid);
    }
    fq_app_barcode_result res;
    if (fq_app_carton_set_barcode(s->app, carton, code, NULL, &res) != FQ_OK) {
        fq_screens_error(s, _("Scan not recorded"));
        return true;
    }
    char msg[300];
    snprintf(msg, sizeof msg, _("Scanned %s: %s%s"), code, res.message,
             res.finding_recorded ? _(" (recorded as a finding)") : "");
    fq_ui_toast(s->ui, msg, res.matches ? FQ_TOAST_OK : FQ_TOAST_ERROR, 4000);
    /* the ui puts a focused field back as it was before the burst; its commit then finds
     * nothing changed */
    fq_screens_rebuild_later(s, true);
    return true;
}

static bool on_scan(void *user, const char *code)
{
    fq_screens *s = user;
    if (s->screen == FQ_SCREENS_VISIT && s->tab == FQ_SCREENS_TAB_CARTONS && s->app) {
        fq_app_visit_view vv;
        if (fq_app_visit_read(s->app, s->visit_uuid, &vv) == FQ_OK && !vv.read_only)
            return scan_to_carton(s, code);
    }
    if (fq_ui_focused(s->ui))
        return false; /* the focused field takes it (replaced, not appended) */
    /* never dropped silently: say where a scan goes */
    char msg[300];
    snprintf(msg, sizeof msg, _("Scanned %s: nothing to put it in here (scan on a visit's Cartons tab)"), code);
    fq_ui_toast(s->ui, msg, FQ_TOAST_INFO, 5000);
    return true;
}

fq_screens *fq_screens_new(fq_ui *ui, fq_app *app, const fq_screens_host *host)
{
    fq_screens *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->ui = ui;
    s->app = app;
    if (host)
        s->host = *host;
    s->screen = FQ_SCREENS_TODAY;
    s->signing.verdict_index = -1;
    fq_app_settings st;
    if (fq_app_settings_get(app, &st) == FQ_OK)
        fq_screens_use_language(s, st.language); /* this inspector's, else the device's */
    fq_ui_set_scan_handler(ui, on_scan, s);
    restore_location(s);
    build(s);
    return s;
}

fq_screens *fq_screens_new_error(fq_ui *ui, const fq_app_db_problem *problem,
                                 const fq_screens_host *host)
{
    fq_screens *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->error = calloc(1, sizeof *s->error);
    if (!s->error)
        abort();
    s->ui = ui;
    if (host)
        s->host = *host;
    s->error->problem = *problem;
    s->screen = FQ_SCREENS_ERROR;
    build(s);
    return s;
}

fq_screens_error_choice fq_screens_error_choice_take(fq_screens *s, char *path, size_t len)
{
    if (!s->error)
        return FQ_SCREENS_ERROR_NONE;
    fq_screens_error_choice c = (fq_screens_error_choice)s->error->choice;
    if (c == FQ_SCREENS_ERROR_RESTORE && path)
        snprintf(path, len, "%s", s->error->backup_path);
    s->error->choice = FQ_SCREENS_ERROR_NONE;
    return c;
}

void fq_screens_free(fq_screens *s)
{
    if (!s)
        return;
    fq_ui_set_scan_handler(s->ui, NULL, NULL);
    fq_ui_focus(s->ui, NULL);
    if (s->camera_image && s->host.camera_close) /* quit with the viewfinder open */
        s->host.camera_close(s->host.user);
    fq_app_import_free(s->import_job); /* quit while importing: the worker stops */
    fq_screens_thumbs_stop(s);
    fq_ui_clear_root(s->ui);
    free_blocks(s);
    free_images(s);
    fq_screens_signing_clear(&s->signing);
    fq_screens_approving_clear(&s->approving);
    free(s->error);
    free(s);
}

/* A modal (a dialog, the import list, "Close issue") is built from the screen's memory and
 * outlives a rebuild of the root, so the rebuild waits until it is closed; the handler that
 * closes it has usually asked for one anyway. */
bool fq_screens_update(fq_screens *s)
{
    if (s->camera_image) /* a live picture: its newest frame, whatever else waits */
        fq_screens_camera_poll(s);
    if (s->import_job)
        fq_screens_import_poll(s);
    if (s->thumbs)
        fq_screens_thumbs_poll(s);
    if (!s->want_rebuild || fq_ui_modal_open(s->ui))
        return false;
    build(s);
    return true;
}

void fq_screens_media_changed(fq_screens *s)
{
    /* only the screens that show the stick; elsewhere a rebuild would drop a field's focus */
    if (s->screen == FQ_SCREENS_SYNC || s->screen == FQ_SCREENS_OFFICE)
        fq_screens_refresh(s);
}

void fq_screens_refresh(fq_screens *s)
{
    fq_screens_rebuild_later(s, true);
    fq_screens_update(s);
}

void fq_screens_go(fq_screens *s, fq_screens_id screen)
{
    s->screen = screen;
    s->keep_scroll = false; /* another screen: its own top */
    s->want_rebuild = true;
}

void fq_screens_open_visit(fq_screens *s, const char *visit_uuid, const char *order_uuid, int tab)
{
    if (strcmp(s->signing.visit_uuid, visit_uuid) != 0)
        fq_screens_signing_clear(&s->signing);
    snprintf(s->visit_uuid, sizeof s->visit_uuid, "%s", visit_uuid);
    snprintf(s->order_uuid, sizeof s->order_uuid, "%s", order_uuid ? order_uuid : "");
    s->tab = tab;
    s->photo_subject_kind = FQ_SUBJ_VISIT;
    fq_screens_go(s, FQ_SCREENS_VISIT);
}

void fq_screens_signing_clear(fq_screens_signing *sg)
{
    free(sg->gray[0]);
    free(sg->gray[1]);
    memset(sg, 0, sizeof *sg);
    sg->verdict_index = -1;
}

void fq_screens_approving_clear(fq_screens_approving *ap)
{
    free(ap->gray);
    memset(ap, 0, sizeof *ap);
}

void fq_screens_rebuild_later(fq_screens *s, bool keep_scroll)
{
    /* two requests before one update: keep the scroll only if both would */
    s->keep_scroll = s->want_rebuild ? (s->keep_scroll && keep_scroll) : keep_scroll;
    s->want_rebuild = true;
}

bool fq_screens_saved(fq_screens *s, fq_err err)
{
    if (err) {
        char msg[600];
        snprintf(msg, sizeof msg, _("Not saved: %s"), fq_app_errmsg(s->app));
        fq_ui_toast(s->ui, msg, FQ_TOAST_ERROR, 4000);
        return false;
    }
    fq_ui_toast(s->ui, _("Saved"), FQ_TOAST_OK, 1200);
    return true;
}

void fq_screens_error(fq_screens *s, const char *what)
{
    char msg[700];
    snprintf(msg, sizeof msg, "%s: %s", what, fq_app_errmsg(s->app));
    fq_ui_toast(s->ui, msg, FQ_TOAST_ERROR, 4000);
}

static void on_back(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    if (s->screen == FQ_SCREENS_VISIT && s->tab == FQ_SCREENS_TAB_PHOTOS &&
        s->photo_subject_kind != FQ_SUBJ_VISIT) {
        s->photo_subject_kind = FQ_SUBJ_VISIT; /* back from one item's photos to all */
        fq_screens_rebuild_later(s, false);
        return;
    }
    /* an approval being recorded goes back to its order; an order opened from a visit goes
     * back to that visit */
    if (s->screen == FQ_SCREENS_APPROVAL) {
        fq_screens_approving_clear(&s->approving);
        fq_screens_go(s, FQ_SCREENS_ORDER);
        return;
    }
    if (s->screen == FQ_SCREENS_OFFICE) {
        fq_screens_go(s, FQ_SCREENS_SETTINGS);
        return;
    }
    /* an order opened from a visit goes back to that visit */
    fq_screens_go(s, s->screen == FQ_SCREENS_ORDER && s->visit_uuid[0] ? FQ_SCREENS_VISIT
                                                                      : FQ_SCREENS_TODAY);
}

/* A database open read-only says so on every screen: nothing can be recorded. */
static void read_only_banner(fq_screens *s)
{
    const char *why = s->app ? fq_app_read_only_reason(s->app) : "";
    if (!why[0])
        return;
    fq_widget *ban = fq_box_new(fq_ui_root(s->ui), FQ_BOX_ROW_DIR, FQ_BOX_CARD);
    fq_ui_light_new(ban, FQ_UI_LIGHT_RED);
    char msg[700];
    snprintf(msg, sizeof msg, _("Read-only: %s. Nothing can be recorded or changed."), why);
    fq_widget *l = fq_label_new(ban, msg);
    fq_label_set_role(l, FQ_TEXT_STRONG);
    fq_label_set_wrap(l, 2);
    fq_widget_set_grow(l, 1);
}

fq_widget *fq_screens_header(fq_screens *s, const char *title, const char *subtitle, bool back)
{
    fq_widget *hdr = fq_box_new(fq_ui_root(s->ui), FQ_BOX_ROW_DIR, FQ_BOX_HEADER);
    if (back) {
        fq_widget *b = fq_button_new(hdr, _("Back"), FQ_BUTTON_NORMAL);
        fq_widget_set_size_mm(b, 20, 0);
        fq_widget_set_handler(b, on_back, s);
    }
    fq_widget *col = fq_box_new(hdr, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_grow(col, 1);
    fq_widget_set_gap_mm(col, 0.5f);
    fq_widget *t = fq_label_new(col, title);
    fq_label_set_role(t, FQ_TEXT_TITLE);
    fq_label_set_color(t, fq_ui_theme_current(s->ui)->header_text);
    if (subtitle && *subtitle) {
        fq_widget *st = fq_label_new(col, subtitle);
        fq_label_set_role(st, FQ_TEXT_SMALL);
        fq_label_set_color(st, fq_ui_theme_current(s->ui)->header_text);
    }
    read_only_banner(s);
    return hdr;
}

fq_widget *fq_screens_main_scroll(fq_screens *s, fq_widget *parent)
{
    fq_widget *sc = fq_scroll_new(parent);
    fq_widget_set_grow(sc, 1);
    fq_widget_set_pad_mm(sc, 2);
    fq_widget_set_gap_mm(sc, 2);
    s->scroll = sc;
    return sc;
}

fq_widget *fq_screens_section_title(fq_widget *parent, const char *text)
{
    fq_widget *l = fq_label_new(parent, text);
    fq_label_set_role(l, FQ_TEXT_TITLE);
    return l;
}

fq_ui_light_state fq_screens_ui_light(fq_light light)
{
    switch (light) {
    case FQ_LIGHT_GREEN: return FQ_UI_LIGHT_GREEN;
    case FQ_LIGHT_YELLOW: return FQ_UI_LIGHT_YELLOW;
    case FQ_LIGHT_RED: return FQ_UI_LIGHT_RED;
    }
    return FQ_UI_LIGHT_GREY;
}

void fq_screens_fact(fq_widget *parent, const char *label, const char *value)
{
    fq_widget *row = fq_box_new(parent, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
    fq_widget *l = fq_label_new(row, label);
    fq_widget_set_grow(l, 1);
    fq_label_set_role(fq_label_new(row, value), FQ_TEXT_STRONG);
}
