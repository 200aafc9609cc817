/* Locating widgets by their text (see locate.h). Walks the same layers as fq_ui_hit_test.
 * Does not synthesise input: callers tap the returned point like a finger would. */
#include <string.h>

#include "ui/locate.h"
#include "ui_internal.h"

typedef struct locate_hit {
    const char *text;
    int nth;
    fq_widget *w;
    int segment; /* index among the widget's texts */
    int n_texts;
} locate_hit;

static bool walk(fq_widget *w, locate_hit *h)
{
    if (w->flags & WF_HIDDEN)
        return false;
    if (w->cls->texts) {
        const char *texts[16];
        int n = w->cls->texts(w, texts, 16);
        for (int i = 0; i < n; i++) {
            if (texts[i] && strcmp(texts[i], h->text) == 0) {
                if (h->nth-- == 0) {
                    h->w = w;
                    h->segment = i;
                    h->n_texts = n;
                    return true;
                }
            }
        }
    }
    for (fq_widget *c = w->first; c; c = c->next)
        if (walk(c, h))
            return true;
    return false;
}

static bool walk_from(fq_widget *layer, const char *text, int nth, locate_hit *h)
{
    memset(h, 0, sizeof *h);
    h->text = text;
    h->nth = nth;
    return walk(layer, h);
}

typedef struct walk_ctx {
    fq_widget *layer;
    const char *text;
    int nth;
    locate_hit *h;
} walk_ctx;

static bool walk_found(void *ctx)
{
    walk_ctx *c = ctx;
    return walk_from(c->layer, c->text, c->nth, c->h);
}

/* A row of a virtual list exists only in view: the list is scrolled a screen at a time, as a
 * finger would, until the text shows. There, nth counts among the rows built where a match
 * shows. */
static bool walk_virtual(fq_widget *layer, const char *text, int nth, locate_hit *h)
{
    fq_widget *v = fq_ui_vlist_under(layer);
    walk_ctx c = {layer, text, nth, h};
    return v && fq_ui_vlist_page_until(v, walk_found, &c, true);
}

static bool locate(fq_ui *ui, const char *text, int nth, locate_hit *h)
{
    fq_ui_layout(ui);
    fq_widget *layer = ui->n_modals > 0 ? ui->modals[ui->n_modals - 1] : ui->root;
    if (!walk_from(layer, text, nth, h) && !walk_virtual(layer, text, nth, h))
        return false;
    fq_widget *s = fq_ui_widget_scroll_ancestor(h->w);
    if (s) {
        fq_scroll_to_child(s, h->w);
        fq_ui_layout(ui);
    }
    return true;
}

fq_widget *fq_ui_locate_widget(fq_ui *ui, const char *text, int nth)
{
    locate_hit h;
    return locate(ui, text, nth, &h) ? h.w : NULL;
}

bool fq_ui_locate_text(fq_ui *ui, const char *text, int nth, int *out_x, int *out_y)
{
    locate_hit h;
    if (!locate(ui, text, nth, &h))
        return false;
    fq_rect r = h.w->rect;
    int x = r.x + r.w / 2;
    if (strcmp(h.w->cls->name, "choice") == 0 && h.n_texts > 0) {
        fq_rect seg = fq_ui_choice_segment_rect(h.w, h.segment);
        x = seg.x + seg.w / 2;
    }
    *out_x = x;
    *out_y = r.y + r.h / 2;
    return true;
}

/* First visible widget of class `cls` (NULL: a field) after `from` in tree order. */
static fq_widget *next_of(fq_widget *from, const char *cls)
{
    fq_widget *w = from;
    for (;;) {
        if (w->first && !(w->flags & WF_HIDDEN))
            w = w->first;
        else {
            while (w && !w->next)
                w = w->parent;
            if (!w)
                return NULL;
            w = w->next;
        }
        if (!(w->flags & WF_HIDDEN) && (cls ? !strcmp(w->cls->name, cls) : fq_ui_field_is(w)))
            return w;
    }
}

bool fq_ui_locate_field_after(fq_ui *ui, const char *text, int nth, int *out_x, int *out_y)
{
    fq_rect r;
    if (!fq_ui_locate_after(ui, text, nth, NULL, &r))
        return false;
    *out_x = r.x + r.w / 2;
    *out_y = r.y + r.h / 2;
    return true;
}

bool fq_ui_locate_after(fq_ui *ui, const char *text, int nth, const char *class_name,
                        fq_rect *out)
{
    locate_hit h;
    if (!locate(ui, text, nth, &h))
        return false;
    fq_widget *f = next_of(h.w, class_name);
    if (!f)
        return false;
    fq_widget *s = fq_ui_widget_scroll_ancestor(f);
    if (s) {
        fq_scroll_to_child(s, f);
        fq_ui_layout(ui);
    }
    *out = f->rect;
    return true;
}

bool fq_ui_locate_key(fq_ui *ui, const char *label, int *out_x, int *out_y)
{
    fq_ui_layout(ui);
    if (!ui->keyboard || !fq_ui_osk_visible(ui))
        return false;
    return fq_ui_keyboard_key_center(ui->keyboard, label, out_x, out_y);
}
