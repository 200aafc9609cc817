/* The screens shell: creation, deferred rebuilds, per-screen memory, navigation and the
 * header / toast helpers shared by every screen. Screens themselves are in their own files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model_fields.h"
#include "screens/screens_internal.h"

struct scr_block {
    scr_block *next;
    max_align_t align[];
};

void *scr_alloc(fq_screens *s, size_t size)
{
    scr_block *b = calloc(1, sizeof *b + size);
    if (!b)
        abort(); /* ui may abort on OOM: everything entered is already committed */
    b->next = s->blocks;
    s->blocks = b;
    return b->align;
}

static void free_blocks(fq_screens *s)
{
    while (s->blocks) {
        scr_block *n = s->blocks->next;
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
}

int scr_load_image(fq_screens *s, const char *path, int *w, int *h)
{
    if (!s->host.load_image || s->n_images >= (int)(sizeof s->images / sizeof s->images[0]))
        return -1;
    int id = s->host.load_image(s->host.user, path, w, h);
    if (id > 0)
        s->images[s->n_images++] = id;
    return id;
}

bool scr_landscape(const fq_screens *s)
{
    fq_rect r = fq_widget_rect(fq_ui_root(s->ui));
    return r.w > r.h;
}

static void build(fq_screens *s)
{
    if (s->building) { /* a field's BLUR commit during the rebuild asked again: done below */
        return;
    }
    s->building = true;
    int offset = (s->keep_scroll && s->scroll) ? fq_scroll_offset(s->scroll) : 0;
    /* commit a field being edited before its widget goes away (its BLUR saves it) */
    fq_ui_focus(s->ui, NULL);
    fq_ui_clear_root(s->ui);
    free_blocks(s);
    free_images(s);
    s->scroll = NULL;
    switch (s->screen) {
    case SCR_TODAY: scr_build_today(s); break;
    case SCR_ORDER: scr_build_order(s); break;
    case SCR_VISIT: scr_build_visit(s); break;
    case SCR_SYNC: scr_build_sync(s); break;
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
    s->screen = SCR_TODAY;
    build(s);
    return s;
}

void fq_screens_free(fq_screens *s)
{
    if (!s)
        return;
    fq_ui_focus(s->ui, NULL);
    fq_ui_clear_root(s->ui);
    free_blocks(s);
    free_images(s);
    free(s);
}

bool fq_screens_update(fq_screens *s)
{
    if (!s->want_rebuild)
        return false;
    build(s);
    return true;
}

void fq_screens_refresh(fq_screens *s)
{
    s->keep_scroll = true;
    build(s);
}

/* Rebuilds at once, inside the handler: the ui allows a handler to free its own widget
 * (ui.h), and the platform's loop has no hook after input for deferred work. The handler's
 * context is freed too, so callers do this last. */
void scr_go(fq_screens *s, scr_id screen)
{
    s->screen = screen;
    s->keep_scroll = false;
    build(s);
}

void scr_rebuild_later(fq_screens *s, bool keep_scroll)
{
    s->keep_scroll = keep_scroll;
    build(s);
}

bool scr_saved(fq_screens *s, fq_err err, fq_entity_id ent, const fq_meta *meta)
{
    if (err) {
        char msg[600];
        snprintf(msg, sizeof msg, "Not saved: %s", fq_app_errmsg(s->app));
        fq_ui_toast(s->ui, msg, FQ_TOAST_ERROR, 4000);
        return false;
    }
    fq_ui_toast(s->ui, "Saved", FQ_TOAST_OK, 1200);
    if (s->host.saved && meta) {
        const fq_entity *e = fq_entity_get(ent);
        s->host.saved(s->host.user, e ? e->table : "?", meta->uuid, (long long)meta->revision);
    }
    return true;
}

void scr_error(fq_screens *s, const char *what)
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
    if (s->screen == SCR_VISIT && s->tab == TAB_PHOTOS && s->photo_subject_kind != FQ_SUBJ_VISIT) {
        s->photo_subject_kind = FQ_SUBJ_VISIT; /* back from one item's photos to all */
        scr_rebuild_later(s, false);
        return;
    }
    /* an order opened from a visit goes back to that visit */
    scr_go(s, s->screen == SCR_ORDER && s->visit_uuid[0] ? SCR_VISIT : SCR_TODAY);
}

fq_widget *scr_header(fq_screens *s, const char *title, const char *subtitle, bool back)
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

fq_widget *scr_main_scroll(fq_screens *s, fq_widget *parent)
{
    fq_widget *sc = fq_scroll_new(parent);
    fq_widget_set_grow(sc, 1);
    fq_widget_set_pad_mm(sc, 2);
    fq_widget_set_gap_mm(sc, 2);
    s->scroll = sc;
    return sc;
}

fq_widget *scr_section_title(fq_widget *parent, const char *text)
{
    fq_widget *l = fq_label_new(parent, text);
    fq_label_set_role(l, FQ_TEXT_TITLE);
    return l;
}

int scr_ui_light(fq_light light)
{
    switch (light) {
    case FQ_LIGHT_GREEN: return FQ_UI_LIGHT_GREEN;
    case FQ_LIGHT_YELLOW: return FQ_UI_LIGHT_YELLOW;
    case FQ_LIGHT_RED: return FQ_UI_LIGHT_RED;
    }
    return FQ_UI_LIGHT_GREY;
}
