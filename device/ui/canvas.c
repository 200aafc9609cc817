/* Signature canvas: captures the finger (no scroll, no slide-off cancel) and records each
 * stroke as widget-local points; the screen reads them to export (e.g. to an SVG path or a
 * PNG via the platform). Points closer than 1 px to the previous are dropped. Deliberately no
 * smoothing: the record is what the finger did, which is what a sign-off should keep. */
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

typedef struct stroke {
    fq_point *pts;
    size_t n, cap;
} stroke;

typedef struct canvas_data {
    stroke *strokes;
    size_t n, cap;
    bool drawing;
} canvas_data;

static void add_point(fq_widget *w, int x, int y)
{
    canvas_data *d = w->data;
    stroke *s = &d->strokes[d->n - 1];
    x -= w->rect.x;
    y -= w->rect.y;
    x = x < 0 ? 0 : (x >= w->rect.w ? w->rect.w - 1 : x);
    y = y < 0 ? 0 : (y >= w->rect.h ? w->rect.h - 1 : y);
    if (s->n && s->pts[s->n - 1].x == x && s->pts[s->n - 1].y == y)
        return;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->pts = fq_ui_xrealloc(s->pts, s->cap, sizeof *s->pts);
    }
    s->pts[s->n++] = (fq_point){(int16_t)x, (int16_t)y};
    /* repaint only the new segment */
    int t = w->ui->px.border * 2 + 2;
    fq_point a = s->n > 1 ? s->pts[s->n - 2] : s->pts[s->n - 1];
    int x0 = (a.x < x ? a.x : x) + w->rect.x - t;
    int y0 = (a.y < y ? a.y : y) + w->rect.y - t;
    fq_rect r = {x0, y0, abs(a.x - x) + 2 * t, abs(a.y - y) + 2 * t};
    fq_ui_dirty_rect(w->ui, r);
}

static void canvas_pointer(fq_widget *w, ptr_phase phase, int x, int y)
{
    canvas_data *d = w->data;
    if (phase == PTR_DOWN) {
        if (d->n == d->cap) {
            d->cap = d->cap ? d->cap * 2 : 8;
            d->strokes = fq_ui_xrealloc(d->strokes, d->cap, sizeof *d->strokes);
        }
        memset(&d->strokes[d->n++], 0, sizeof(stroke));
        d->drawing = true;
        add_point(w, x, y);
        return;
    }
    if (!d->drawing)
        return;
    add_point(w, x, y);
    if (phase == PTR_UP || phase == PTR_CANCEL) {
        d->drawing = false;
        fq_ui_widget_emit(w, FQ_UI_EV_CHANGE, (int)d->n, x, y);
    }
}

static void canvas_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    *out_w = avail_w;
    *out_h = fq_ui_mm(w->ui, 35.0f);
}

static void canvas_draw(fq_widget *w, fq_draw_list *dl)
{
    canvas_data *d = w->data;
    fq_ui *ui = w->ui;
    const fq_ui_theme *t = &ui->theme;
    fq_ui_dl_rect(dl, w->rect, t->surface, ui->px.radius, ui->px.border, t->border);
    /* signing line, as on paper */
    int ly = w->rect.y + w->rect.h * 3 / 4;
    fq_ui_dl_line(dl, w->rect.x + ui->px.pad * 2, ly, w->rect.x + w->rect.w - ui->px.pad * 2, ly, 1,
                  t->text_muted);
    fq_ui_dl_clip_push(dl, w->rect);
    int thick = ui->px.border * 2 > 3 ? ui->px.border * 2 : 3;
    for (size_t i = 0; i < d->n; i++) {
        stroke *s = &d->strokes[i];
        for (size_t k = 0; k < s->n; k++) {
            fq_point a = s->pts[k ? k - 1 : 0];
            fq_point b = s->pts[k];
            fq_ui_dl_line(dl, w->rect.x + a.x, w->rect.y + a.y, w->rect.x + b.x, w->rect.y + b.y,
                          thick, t->text);
        }
    }
    fq_ui_dl_clip_pop(dl);
}

static void canvas_destroy(fq_widget *w)
{
    canvas_data *d = w->data;
    for (size_t i = 0; i < d->n; i++)
        free(d->strokes[i].pts);
    free(d->strokes);
}

static const widget_class canvas_class = {
    .name = "canvas",
    .measure = canvas_measure,
    .draw = canvas_draw,
    .pointer = canvas_pointer,
    .destroy = canvas_destroy,
};

fq_widget *fq_canvas_new(fq_widget *parent)
{
    fq_widget *w = fq_ui_widget_new(parent, &canvas_class, sizeof(canvas_data));
    w->flags |= WF_CAPTURE;
    return w;
}

void fq_canvas_clear(fq_widget *canvas)
{
    canvas_data *d = canvas->data;
    for (size_t i = 0; i < d->n; i++)
        free(d->strokes[i].pts);
    d->n = 0;
    d->drawing = false;
    fq_widget_invalidate(canvas);
}

size_t fq_canvas_stroke_count(const fq_widget *canvas)
{
    const canvas_data *d = canvas->data;
    return d->n;
}

size_t fq_canvas_stroke(const fq_widget *canvas, size_t idx, const fq_point **out_points)
{
    const canvas_data *d = canvas->data;
    if (idx >= d->n) {
        *out_points = NULL;
        return 0;
    }
    *out_points = d->strokes[idx].pts;
    return d->strokes[idx].n;
}
