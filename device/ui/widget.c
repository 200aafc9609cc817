/* The widget tree: creation, ownership (parent owns children; freeing a subtree frees all),
 * the common setters every widget has, and event emission. Also the two container classes
 * (box and scroll), which have no behaviour beyond what layout.c and render.c give them.
 * Deliberately no drawing and no layout arithmetic here. */
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

static void box_draw(fq_widget *w, fq_draw_list *dl);

const widget_class fq_ui_box_class = {.name = "box", .draw = box_draw};
const widget_class fq_ui_scroll_class = {.name = "scroll", .draw = box_draw};

static void init_common(fq_widget *w, fq_ui *ui, const widget_class *cls, size_t data_size)
{
    w->ui = ui;
    w->cls = cls;
    w->pad_px = -1;
    w->gap_px = -1;
    w->box_style = FQ_BOX_PLAIN;
    if (data_size)
        w->data = fq_ui_xcalloc(1, data_size);
}

fq_widget *fq_ui_widget_new(fq_widget *parent, const widget_class *cls, size_t data_size)
{
    fq_widget *w = fq_ui_xcalloc(1, sizeof *w);
    init_common(w, parent->ui, cls, data_size);
    w->parent = parent;
    w->prev = parent->last;
    if (parent->last)
        parent->last->next = w;
    else
        parent->first = w;
    parent->last = w;
    parent->ui->need_layout = true;
    return w;
}

fq_widget *fq_ui_widget_new_layer(fq_ui *ui, const widget_class *cls)
{
    fq_widget *w = fq_ui_xcalloc(1, sizeof *w);
    init_common(w, ui, cls, 0);
    w->flags |= WF_LAYER;
    ui->need_layout = true;
    return w;
}

static void destroy_subtree(fq_widget *w)
{
    fq_widget *c = w->first;
    while (c) {
        fq_widget *next = c->next;
        destroy_subtree(c);
        c = next;
    }
    if (w->cls->destroy)
        w->cls->destroy(w);
    free(w->data);
    free(w);
}

static void unlink_from_parent(fq_widget *w)
{
    fq_widget *p = w->parent;
    if (!p)
        return;
    if (w->prev)
        w->prev->next = w->next;
    else
        p->first = w->next;
    if (w->next)
        w->next->prev = w->prev;
    else
        p->last = w->prev;
    w->parent = w->prev = w->next = NULL;
}

void fq_ui_widget_destroy(fq_widget *w)
{
    if (!w)
        return;
    fq_ui *ui = w->ui;
    fq_ui_widget_forget(ui, w);
    fq_ui_dirty_rect(ui, w->rect);
    unlink_from_parent(w);
    destroy_subtree(w);
    ui->need_layout = true;
}

void fq_widget_free(fq_widget *w)
{
    if (!w)
        return;
    if (w->flags & WF_LAYER) {
        if (w == w->ui->root)
            fq_ui_clear_root(w->ui);
        else
            fq_modal_close(w);
        return;
    }
    fq_ui_widget_destroy(w);
}

void fq_widget_clear(fq_widget *w)
{
    while (w->first)
        fq_ui_widget_destroy(w->first);
    fq_ui_dirty_rect(w->ui, w->rect);
}

bool fq_ui_widget_is_descendant(const fq_widget *w, const fq_widget *ancestor)
{
    for (; w; w = w->parent)
        if (w == ancestor)
            return true;
    return false;
}

void fq_ui_widget_forget(fq_ui *ui, fq_widget *w)
{
    if (ui->focus && fq_ui_widget_is_descendant(ui->focus, w)) {
        ui->focus = NULL;
        fq_ui_osk_update(ui);
    }
    if (ui->settle && fq_ui_widget_is_descendant(ui->settle, w))
        ui->settle = NULL;
    if (ui->default_field && fq_ui_widget_is_descendant(ui->default_field, w))
        ui->default_field = NULL;
    if (ui->scan_field && fq_ui_widget_is_descendant(ui->scan_field, w))
        ui->scan_field = NULL;
    fq_ui_gesture_forget(ui, w);
}

fq_widget *fq_ui_widget_layer_of(fq_widget *w)
{
    while (w->parent)
        w = w->parent;
    return w;
}

void fq_ui_widget_emit(fq_widget *w, fq_ui_event_type type, int index, int x, int y)
{
    if (!w->handler)
        return;
    fq_ui_event ev = {type, index, x - w->rect.x, y - w->rect.y};
    w->handler(w, &ev, w->user);
}

void fq_ui_widget_relayout(fq_widget *w)
{
    w->ui->need_layout = true;
    fq_ui_dirty_rect(w->ui, w->rect);
}

bool fq_ui_widget_visible(const fq_widget *w)
{
    for (; w; w = w->parent)
        if (w->flags & WF_HIDDEN)
            return false;
    return true;
}

bool fq_ui_widget_enabled(const fq_widget *w)
{
    for (; w; w = w->parent)
        if (w->flags & (WF_DISABLED | WF_HIDDEN))
            return false;
    return true;
}

fq_widget *fq_ui_widget_scroll_ancestor(fq_widget *w)
{
    for (; w; w = w->parent)
        if (w->flags & WF_SCROLL)
            return w;
    return NULL;
}

static void box_draw(fq_widget *w, fq_draw_list *dl)
{
    fq_ui *ui = w->ui;
    const fq_ui_theme *t = &ui->theme;
    fq_rect r = w->rect;
    bool pressed = (w->flags & WF_PRESSED) != 0;
    switch (w->box_style) {
    case FQ_BOX_PLAIN:
        if (pressed)
            fq_ui_dl_rect(dl, r, t->pressed, 0, 0, t->border);
        break;
    case FQ_BOX_CARD:
        fq_ui_dl_rect(dl, r, pressed ? t->pressed : t->surface, ui->px.radius, ui->px.border,
                      t->border);
        break;
    case FQ_BOX_HEADER: fq_ui_dl_rect(dl, r, t->header_bg, 0, 0, t->border); break;
    case FQ_BOX_ROW: {
        if (pressed)
            fq_ui_dl_rect(dl, r, t->pressed, 0, 0, t->border);
        fq_rect line = {r.x, r.y + r.h - ui->px.border / 2 - 1, r.w, ui->px.border / 2 + 1};
        fq_ui_dl_rect(dl, line,
                      t->surface_alt.r > 128 ? fq_ui_color_mix(t->border, t->bg, 140) : t->border,
                      0, 0, t->border);
        break;
    }
    case FQ_BOX_PANEL:
        fq_ui_dl_rect(dl, r, t->surface, ui->px.radius, ui->px.border, t->border);
        break;
    }
}

/* ---------------------------------------------------------------- public ------------- */

fq_widget *fq_box_new(fq_widget *parent, fq_box_dir dir, fq_box_style style)
{
    fq_widget *w = fq_ui_widget_new(parent, &fq_ui_box_class, 0);
    w->dir = dir;
    w->box_style = style;
    return w;
}

fq_widget *fq_scroll_new(fq_widget *parent)
{
    fq_widget *w = fq_ui_widget_new(parent, &fq_ui_scroll_class, 0);
    w->dir = FQ_BOX_COLUMN;
    w->flags |= WF_SCROLL;
    return w;
}

fq_widget *fq_widget_parent(const fq_widget *w)
{
    return w->parent;
}

fq_ui *fq_widget_ui(const fq_widget *w)
{
    return w->ui;
}

fq_widget *fq_widget_first_child(const fq_widget *w)
{
    return w->first;
}

fq_widget *fq_widget_next_sibling(const fq_widget *w)
{
    return w->next;
}

void fq_widget_set_handler(fq_widget *w, fq_ui_handler handler, void *user)
{
    w->handler = handler;
    w->user = user;
}

void *fq_widget_user(const fq_widget *w)
{
    return w->user;
}

void fq_widget_set_tag(fq_widget *w, int64_t tag)
{
    w->tag = tag;
}

int64_t fq_widget_tag(const fq_widget *w)
{
    return w->tag;
}

static void set_flag(fq_widget *w, unsigned flag, bool on)
{
    unsigned before = w->flags;
    w->flags = on ? (w->flags | flag) : (w->flags & ~flag);
    if (before != w->flags)
        fq_ui_dirty_rect(w->ui, w->rect);
}

void fq_widget_set_hidden(fq_widget *w, bool hidden)
{
    if (hidden == ((w->flags & WF_HIDDEN) != 0))
        return;
    if (hidden)
        fq_ui_widget_forget(w->ui, w);
    set_flag(w, WF_HIDDEN, hidden);
    fq_ui_widget_relayout(w);
}

void fq_widget_set_disabled(fq_widget *w, bool disabled)
{
    if (disabled)
        fq_ui_widget_forget(w->ui, w);
    set_flag(w, WF_DISABLED, disabled);
}

bool fq_widget_hidden(const fq_widget *w)
{
    return (w->flags & WF_HIDDEN) != 0;
}

void fq_widget_set_clickable(fq_widget *w, bool clickable)
{
    set_flag(w, WF_CLICKABLE, clickable);
}

void fq_widget_set_long_press(fq_widget *w, bool enabled)
{
    set_flag(w, WF_LONG_PRESS, enabled);
}

fq_rect fq_widget_rect(const fq_widget *w)
{
    return w->rect;
}

bool fq_widget_pressed(const fq_widget *w)
{
    return (w->flags & WF_PRESSED) != 0;
}

void fq_widget_invalidate(fq_widget *w)
{
    fq_ui_dirty_rect(w->ui, w->rect);
}

void fq_widget_set_size_mm(fq_widget *w, float width_mm, float height_mm)
{
    fq_widget_set_size_px(w, fq_ui_mm(w->ui, width_mm), fq_ui_mm(w->ui, height_mm));
}

void fq_widget_set_size_px(fq_widget *w, int width_px, int height_px)
{
    w->fixed_w_px = width_px > 0 ? width_px : 0;
    w->fixed_h_px = height_px > 0 ? height_px : 0;
    fq_ui_widget_relayout(w);
}

void fq_widget_set_grow(fq_widget *w, int weight)
{
    w->grow = weight > 0 ? weight : 0;
    fq_ui_widget_relayout(w);
}

void fq_widget_set_pad_mm(fq_widget *w, float pad_mm)
{
    w->pad_px = pad_mm < 0 ? -1 : (pad_mm == 0 ? 0 : fq_ui_mm(w->ui, pad_mm));
    fq_ui_widget_relayout(w);
}

void fq_widget_set_gap_mm(fq_widget *w, float gap_mm)
{
    w->gap_px = gap_mm < 0 ? -1 : (gap_mm == 0 ? 0 : fq_ui_mm(w->ui, gap_mm));
    fq_ui_widget_relayout(w);
}
