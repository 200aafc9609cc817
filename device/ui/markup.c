/* Mark-up pad: a photo drawn letterboxed with the marks an inspector draws on it with a
 * finger (arrow: drag from tail to head; circle: drag from the centre outwards; box: drag
 * corner to corner; label: tap where its top-left goes). Marks are kept in the image's own
 * pixels, so the caller can burn them into the full-size photo; undo drops the last one.
 * Deliberately no pixels here (the platform draws the image) and no burning (media/). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

#define MAX_MARKS 64
#define MIN_DRAG_MM 2.0f /* shorter drags are taps: no arrow, circle or box */

typedef struct markup_data {
    int id;
    int img_w, img_h;
    fq_ui_mark_kind tool;
    char label[FQ_UI_MARK_TEXT_MAX];
    fq_ui_mark marks[MAX_MARKS];
    size_t n;
    bool dragging;
    fq_ui_mark live; /* the mark under the finger, in image pixels */
} markup_data;

/* Where the image is drawn inside the widget (contain, centred). */
static fq_rect image_rect(const fq_widget *w)
{
    const markup_data *d = w->data;
    fq_rect r = w->rect;
    if (d->img_w <= 0 || d->img_h <= 0)
        return r;
    fq_rect o = r;
    if ((int64_t)d->img_w * r.h > (int64_t)d->img_h * r.w) {
        o.h = (int)((int64_t)d->img_h * r.w / d->img_w);
        o.y += (r.h - o.h) / 2;
    } else {
        o.w = (int)((int64_t)d->img_w * r.h / d->img_h);
        o.x += (r.w - o.w) / 2;
    }
    return o;
}

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

/* screen -> image pixels, clamped to the image */
static void to_image(const fq_widget *w, int x, int y, float *ix, float *iy)
{
    const markup_data *d = w->data;
    fq_rect o = image_rect(w);
    float sx = o.w > 0 ? (float)d->img_w / (float)o.w : 1.0f;
    float sy = o.h > 0 ? (float)d->img_h / (float)o.h : 1.0f;
    *ix = clampf((float)(x - o.x) * sx, 0.0f, (float)d->img_w);
    *iy = clampf((float)(y - o.y) * sy, 0.0f, (float)d->img_h);
}

static void to_screen(const fq_widget *w, float ix, float iy, int *x, int *y)
{
    const markup_data *d = w->data;
    fq_rect o = image_rect(w);
    *x = o.x + (d->img_w > 0 ? (int)lroundf(ix * (float)o.w / (float)d->img_w) : 0);
    *y = o.y + (d->img_h > 0 ? (int)lroundf(iy * (float)o.h / (float)d->img_h) : 0);
}

static void markup_pointer(fq_widget *w, ptr_phase phase, int x, int y)
{
    markup_data *d = w->data;
    float ix, iy;
    to_image(w, x, y, &ix, &iy);
    if (phase == PTR_DOWN) {
        memset(&d->live, 0, sizeof d->live);
        d->live.kind = d->tool;
        d->live.x0 = d->live.x1 = ix;
        d->live.y0 = d->live.y1 = iy;
        snprintf(d->live.text, sizeof d->live.text, "%s", d->label);
        d->dragging = true;
        fq_widget_invalidate(w);
        return;
    }
    if (!d->dragging)
        return;
    d->live.x1 = ix;
    d->live.y1 = iy;
    fq_widget_invalidate(w);
    if (phase == PTR_MOVE)
        return;
    d->dragging = false;
    if (phase == PTR_CANCEL || d->n == MAX_MARKS)
        return;
    int sx0, sy0, sx1, sy1;
    to_screen(w, d->live.x0, d->live.y0, &sx0, &sy0);
    to_screen(w, d->live.x1, d->live.y1, &sx1, &sy1);
    float moved = hypotf((float)(sx1 - sx0), (float)(sy1 - sy0));
    bool is_text = d->live.kind == FQ_UI_MARK_TEXT;
    if (is_text ? !d->label[0] : moved < (float)fq_ui_mm(w->ui, MIN_DRAG_MM))
        return; /* a tap is no arrow; a label needs its text first */
    d->marks[d->n++] = d->live;
    fq_ui_widget_emit(w, FQ_UI_EV_CHANGE, (int)d->n, x, y);
}

static void markup_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    *out_w = avail_w;
    *out_h = fq_ui_mm(w->ui, 20.0f); /* give it grow (or a size) for more */
}

static void draw_arrow(fq_draw_list *dl, int x0, int y0, int x1, int y1, int t, fq_color c)
{
    fq_ui_dl_line(dl, x0, y0, x1, y1, t, c);
    float len = hypotf((float)(x1 - x0), (float)(y1 - y0));
    if (len < 1.0f)
        return;
    float head = fmaxf(4.0f * (float)t, len * 0.25f < 6.0f * (float)t ? len * 0.25f : 6.0f * (float)t);
    float ux = (float)(x1 - x0) / len, uy = (float)(y1 - y0) / len;
    for (int s = -1; s <= 1; s += 2) {
        float hx = (float)x1 - head * (ux * 0.866f - (float)s * uy * 0.5f);
        float hy = (float)y1 - head * (uy * 0.866f + (float)s * ux * 0.5f);
        fq_ui_dl_line(dl, x1, y1, (int)lroundf(hx), (int)lroundf(hy), t, c);
    }
}

static void draw_mark(fq_widget *w, fq_draw_list *dl, const fq_ui_mark *m)
{
    fq_ui *ui = w->ui;
    static const fq_color red = {230, 30, 30, 255};
    int t = ui->px.border * 2 > 3 ? ui->px.border * 2 : 3;
    int x0, y0, x1, y1;
    to_screen(w, m->x0, m->y0, &x0, &y0);
    to_screen(w, m->x1, m->y1, &x1, &y1);
    switch (m->kind) {
    case FQ_UI_MARK_ARROW:
        draw_arrow(dl, x0, y0, x1, y1, t, red);
        break;
    case FQ_UI_MARK_CIRCLE: {
        float r = hypotf((float)(x1 - x0), (float)(y1 - y0));
        enum { SEGS = 36 };
        for (int i = 0; i < SEGS; i++) {
            float a0 = 6.2831853f * (float)i / SEGS, a1 = 6.2831853f * (float)(i + 1) / SEGS;
            fq_ui_dl_line(dl, x0 + (int)lroundf(r * cosf(a0)), y0 + (int)lroundf(r * sinf(a0)),
                          x0 + (int)lroundf(r * cosf(a1)), y0 + (int)lroundf(r * sinf(a1)), t,
                          red);
        }
        break;
    }
    case FQ_UI_MARK_RECT: {
        fq_rect r = {x0 < x1 ? x0 : x1, y0 < y1 ? y0 : y1, abs(x1 - x0), abs(y1 - y0)};
        fq_ui_dl_rect(dl, r, (fq_color){0, 0, 0, 0}, 0, t, red);
        break;
    }
    default: {
        size_t len = strlen(m->text);
        int size = ui->px.text;
        int tw = fq_ui_text_width(ui, FQ_FONT_BOLD, size, m->text, len);
        int th = fq_ui_text_height(ui, FQ_FONT_BOLD, size);
        fq_rect box = {x0, y0, tw + 2 * ui->px.pad / 2, th + ui->px.pad / 2};
        fq_ui_dl_rect(dl, box, (fq_color){20, 20, 20, 200}, 0, 0, red);
        fq_ui_text_draw_line(ui, dl, x0 + ui->px.pad / 2, y0 + ui->px.pad / 4, m->text, len, size,
                             FQ_FONT_BOLD, red, tw + 1,
                             FQ_ALIGN_START);
        break;
    }
    }
}

static void markup_draw(fq_widget *w, fq_draw_list *dl)
{
    markup_data *d = w->data;
    fq_ui *ui = w->ui;
    fq_ui_dl_rect(dl, w->rect, ui->theme.surface_alt, 0, 0, ui->theme.border);
    fq_rect o = image_rect(w);
    if (d->id > 0)
        fq_ui_dl_image(dl, o, d->id);
    fq_ui_dl_clip_push(dl, w->rect);
    for (size_t i = 0; i < d->n; i++)
        draw_mark(w, dl, &d->marks[i]);
    if (d->dragging && d->live.kind != FQ_UI_MARK_TEXT)
        draw_mark(w, dl, &d->live);
    fq_ui_dl_clip_pop(dl);
}

static const widget_class markup_class = {
    .name = "markup",
    .measure = markup_measure,
    .draw = markup_draw,
    .pointer = markup_pointer,
};

fq_widget *fq_markup_new(fq_widget *parent, int image_id, int img_w, int img_h)
{
    fq_widget *w = fq_ui_widget_new(parent, &markup_class, sizeof(markup_data));
    markup_data *d = w->data;
    d->id = image_id;
    d->img_w = img_w;
    d->img_h = img_h;
    w->flags |= WF_CAPTURE;
    return w;
}

void fq_markup_set_tool(fq_widget *markup, fq_ui_mark_kind tool, const char *label)
{
    markup_data *d = markup->data;
    d->tool = tool;
    snprintf(d->label, sizeof d->label, "%s", label ? label : "");
}

bool fq_markup_undo(fq_widget *markup)
{
    markup_data *d = markup->data;
    if (d->n == 0)
        return false;
    d->n--;
    fq_widget_invalidate(markup);
    return true;
}

size_t fq_markup_count(const fq_widget *markup)
{
    const markup_data *d = markup->data;
    return d->n;
}

bool fq_markup_get(const fq_widget *markup, size_t idx, fq_ui_mark *out)
{
    const markup_data *d = markup->data;
    if (idx >= d->n)
        return false;
    *out = d->marks[idx];
    return true;
}
