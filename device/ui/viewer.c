/* Photo viewer: a registered image drawn letterboxed, with a double tap zooming in (2.5x
 * around the tapped point) or back out, two fingers pinching the zoom (1x to 8x around their
 * centre), a drag panning the zoomed image, and a sideways swipe on the whole image asking
 * for the next or previous photo (CHANGE, index +1 / -1). Deliberately no pixels (the
 * platform draws the image). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

#define ZOOM_IN 2.5f
#define ZOOM_MAX 8.0f /* a 1600 px photo at 8x on 800 px: each photo pixel about 4 screen px */
#define DOUBLE_TAP_MS 350
#define TAP_SLOP_MM 3.0f
#define SWIPE_FRACTION 0.15f /* of the widget's width */

typedef struct viewer_data {
    int id;
    int img_w, img_h;
    float zoom;            /* 1: the whole image fits */
    float off_x, off_y;    /* pan of the zoomed image's centre, px */
    bool down;
    int sx, sy;            /* where the finger went down */
    float soff_x, soff_y;  /* pan when it went down */
    int64_t last_tap_ms;
    int last_tap_x, last_tap_y;
} viewer_data;

static fq_rect fit_rect(const fq_widget *w)
{
    const viewer_data *d = w->data;
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

/* The zoomed image may not leave a gap where it could cover the widget. */
static void clamp_pan(fq_widget *w)
{
    viewer_data *d = w->data;
    fq_rect o = fit_rect(w);
    float zw = (float)o.w * d->zoom, zh = (float)o.h * d->zoom;
    float mx = fmaxf(0.0f, (zw - (float)w->rect.w) / 2.0f);
    float my = fmaxf(0.0f, (zh - (float)w->rect.h) / 2.0f);
    d->off_x = fminf(mx, fmaxf(-mx, d->off_x));
    d->off_y = fminf(my, fmaxf(-my, d->off_y));
}

static fq_rect shown_rect(const fq_widget *w)
{
    const viewer_data *d = w->data;
    fq_rect o = fit_rect(w);
    float zw = (float)o.w * d->zoom, zh = (float)o.h * d->zoom;
    float cx = (float)w->rect.x + (float)w->rect.w / 2.0f + d->off_x;
    float cy = (float)w->rect.y + (float)w->rect.h / 2.0f + d->off_y;
    return (fq_rect){(int)lroundf(cx - zw / 2.0f), (int)lroundf(cy - zh / 2.0f),
                     (int)lroundf(zw), (int)lroundf(zh)};
}

static void zoom_at(fq_widget *w, float zoom, int x, int y)
{
    viewer_data *d = w->data;
    /* the point under the finger stays under it */
    float cx = (float)w->rect.x + (float)w->rect.w / 2.0f;
    float cy = (float)w->rect.y + (float)w->rect.h / 2.0f;
    float k = zoom / d->zoom;
    d->off_x = ((float)x - cx) - ((float)x - cx - d->off_x) * k;
    d->off_y = ((float)y - cy) - ((float)y - cy - d->off_y) * k;
    d->zoom = zoom;
    clamp_pan(w);
    fq_widget_invalidate(w);
}

static void viewer_pointer(fq_widget *w, ptr_phase phase, int x, int y)
{
    viewer_data *d = w->data;
    int slop = fq_ui_mm(w->ui, TAP_SLOP_MM);
    if (phase == PTR_DOWN) {
        d->down = true;
        d->sx = x;
        d->sy = y;
        d->soff_x = d->off_x;
        d->soff_y = d->off_y;
        return;
    }
    if (!d->down)
        return;
    int dx = x - d->sx, dy = y - d->sy;
    if (d->zoom > 1.0f && (phase == PTR_MOVE || phase == PTR_UP)) {
        d->off_x = d->soff_x + (float)dx;
        d->off_y = d->soff_y + (float)dy;
        clamp_pan(w);
        fq_widget_invalidate(w);
    }
    if (phase == PTR_MOVE)
        return;
    d->down = false;
    if (phase == PTR_CANCEL)
        return;
    int64_t now = w->ui->now_ms;
    if (abs(dx) <= slop && abs(dy) <= slop) {
        bool second = d->last_tap_ms && now - d->last_tap_ms <= DOUBLE_TAP_MS &&
                      abs(x - d->last_tap_x) <= 3 * slop && abs(y - d->last_tap_y) <= 3 * slop;
        if (second) {
            d->last_tap_ms = 0;
            zoom_at(w, d->zoom > 1.0f ? 1.0f : ZOOM_IN, x, y);
            fq_ui_widget_emit(w, FQ_UI_EV_CHANGE, 0, x, y);
        } else {
            d->last_tap_ms = now;
            d->last_tap_x = x;
            d->last_tap_y = y;
        }
        return;
    }
    if (d->zoom <= 1.0f && abs(dx) > abs(dy) &&
        (float)abs(dx) > (float)w->rect.w * SWIPE_FRACTION)
        fq_ui_widget_emit(w, FQ_UI_EV_CHANGE, dx < 0 ? 1 : -1, x, y);
}

static void viewer_pinch(fq_widget *w, float scale, int x, int y)
{
    viewer_data *d = w->data;
    float z = fminf(ZOOM_MAX, fmaxf(1.0f, d->zoom * scale));
    if (z == d->zoom)
        return;
    zoom_at(w, z, x, y);
    d->last_tap_ms = 0; /* a pinch is no first tap of a double tap */
    fq_ui_widget_emit(w, FQ_UI_EV_CHANGE, 0, x, y);
}

static void viewer_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    *out_w = avail_w;
    *out_h = fq_ui_mm(w->ui, 20.0f); /* give it grow (or a size) for more */
}

static void viewer_draw(fq_widget *w, fq_draw_list *dl)
{
    viewer_data *d = w->data;
    fq_ui_dl_rect(dl, w->rect, (fq_color){16, 16, 16, 255}, 0, 0, w->ui->theme.border);
    if (d->id <= 0)
        return;
    fq_ui_dl_clip_push(dl, w->rect);
    fq_ui_dl_image(dl, shown_rect(w), d->id);
    fq_ui_dl_clip_pop(dl);
}

static const widget_class viewer_class = {
    .name = "viewer",
    .measure = viewer_measure,
    .draw = viewer_draw,
    .pointer = viewer_pointer,
    .pinch = viewer_pinch,
};

fq_widget *fq_viewer_new(fq_widget *parent, int image_id, int img_w, int img_h)
{
    fq_widget *w = fq_ui_widget_new(parent, &viewer_class, sizeof(viewer_data));
    viewer_data *d = w->data;
    d->id = image_id;
    d->img_w = img_w;
    d->img_h = img_h;
    d->zoom = 1.0f;
    w->flags |= WF_CAPTURE;
    return w;
}

float fq_viewer_zoom(const fq_widget *viewer)
{
    const viewer_data *d = viewer->data;
    return d->zoom;
}
