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

static void build(fq_screens *s)
{
    if (s->building) /* only update / refresh / new build, and none of them from a handler */
        return;
    s->building = true;
    int offset = (s->keep_scroll && s->scroll) ? fq_scroll_offset(s->scroll) : 0;
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
    switch (s->screen) {
    case FQ_SCREENS_TODAY: fq_screens_build_today(s); break;
    case FQ_SCREENS_ORDER: fq_screens_build_order(s); break;
    case FQ_SCREENS_VISIT: fq_screens_build_visit(s); break;
    case FQ_SCREENS_SYNC: fq_screens_build_sync(s); break;
    case FQ_SCREENS_SETTINGS: fq_screens_build_settings(s); break;
    case FQ_SCREENS_OFFICE: fq_screens_build_office(s); break;
    }
    if (s->scroll && offset) {
        fq_ui_layout(s->ui);
        fq_scroll_set_offset(s->scroll, offset);
    }
    s->want_rebuild = false;
    s->keep_scroll = false;
    s->building = false;
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
    build(s);
    return s;
}

void fq_screens_free(fq_screens *s)
{
    if (!s)
        return;
    fq_ui_focus(s->ui, NULL);
    if (s->camera_image && s->host.camera_close) /* quit with the viewfinder open */
        s->host.camera_close(s->host.user);
    fq_app_import_free(s->import_job); /* quit while importing: the worker stops */
    fq_screens_thumbs_stop(s);
    fq_ui_clear_root(s->ui);
    free_blocks(s);
    free_images(s);
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
        snprintf(msg, sizeof msg, "Not saved: %s", fq_app_errmsg(s->app));
        fq_ui_toast(s->ui, msg, FQ_TOAST_ERROR, 4000);
        return false;
    }
    fq_ui_toast(s->ui, "Saved", FQ_TOAST_OK, 1200);
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
    if (s->screen == FQ_SCREENS_OFFICE) {
        fq_screens_go(s, FQ_SCREENS_SETTINGS);
        return;
    }
    /* an order opened from a visit goes back to that visit */
    fq_screens_go(s, s->screen == FQ_SCREENS_ORDER && s->visit_uuid[0] ? FQ_SCREENS_VISIT
                                                                      : FQ_SCREENS_TODAY);
}

fq_widget *fq_screens_header(fq_screens *s, const char *title, const char *subtitle, bool back)
{
    fq_widget *hdr = fq_box_new(fq_ui_root(s->ui), FQ_BOX_ROW_DIR, FQ_BOX_HEADER);
    if (back) {
        fq_widget *b = fq_button_new(hdr, "Back", FQ_BUTTON_NORMAL);
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
