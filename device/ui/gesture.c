/* The gesture recogniser (LVGL's touch rules, tuned for gloves):
 *  - pressed state shows at once on DOWN;
 *  - action on release: CLICK only if the finger lifts inside the widget it went down on;
 *  - sliding off the pressed widget cancels the press for good (no re-press on return);
 *  - inside a scroll box, travel beyond the threshold turns the press into a scroll, and
 *    the release hands the finger's velocity to a decaying momentum;
 *  - holding still for long_press_ms fires LONG_PRESS (only on widgets that enabled it);
 *  - capture widgets (signature canvas, keyboard) get the raw finger instead.
 * Single-pointer otherwise (gloves make multi-touch unreliable): a second finger only makes a
 * pinch, for capture widgets that zoom (the photo viewer). */
#include <math.h>
#include <stdlib.h>

#include "ui_internal.h"

#define FLING_MIN_V 0.08f       /* px/ms below which a release does not fling */
#define FLING_STOP_V 0.02f      /* px/ms at which momentum ends */
#define FLING_TAU_MS 325.0f     /* decay time constant (iOS-like feel) */
#define FLING_FRAME_MS 16       /* tick interval while flinging */
#define VELOCITY_STALE_MS 100   /* a pause this long before release means "no fling" */

static fq_widget *find_up(fq_widget *w, unsigned flags)
{
    for (; w; w = w->parent)
        if (w->flags & flags)
            return fq_ui_widget_enabled(w) ? w : NULL;
    return NULL;
}

/* The target rect grown by half a gap: the same tolerance the press got (see on_down). */
static bool inside(const fq_ui *ui, fq_rect r, int x, int y)
{
    int d = ui->px.gap / 2 + 1;
    fq_rect grown = {r.x - d, r.y - d, r.w + 2 * d, r.h + 2 * d};
    return fq_ui_rect_contains(grown, x, y);
}

static void set_pressed(fq_widget *w, bool on)
{
    if (!w)
        return;
    unsigned before = w->flags;
    w->flags = on ? (w->flags | WF_PRESSED) : (w->flags & ~WF_PRESSED);
    if (before != w->flags)
        fq_ui_dirty_rect(w->ui, w->rect);
}

static int max_scroll(const fq_widget *s)
{
    int m = s->content_h_px - s->rect.h;
    return m > 0 ? m : 0;
}

/* Returns false when the position was clamped (hit an end). */
static bool scroll_to(fq_widget *s, int px)
{
    int m = max_scroll(s);
    bool clamped = px < 0 || px > m;
    px = px < 0 ? 0 : (px > m ? m : px);
    if (px != s->scroll_px) {
        int dy = s->scroll_px - px;
        s->scroll_px = px;
        fq_ui_layout_shift(s, 0, dy);
        fq_ui_dirty_rect(s->ui, s->rect);
        if (s->flags & WF_VIRTUAL) /* rows come into view: the next layout builds them */
            s->ui->need_layout = true;
    }
    return !clamped;
}

static void cancel_press(gesture_state *g)
{
    set_pressed(g->target, false);
    g->target = NULL;
}

static void on_down(fq_ui *ui, const fq_input *in)
{
    gesture_state *g = &ui->g;
    fq_widget *was_flinging = g->fling;
    g->fling = NULL;
    g->down = true;
    g->scrolling = false;
    g->long_fired = false;
    g->moved = false;
    g->pinching = false;
    g->start_x = g->last_x = in->x;
    g->start_y = g->last_y = in->y;
    g->down_ms = g->last_ms = in->time_ms;
    g->velocity = 0.0f;
    g->target = g->capture = g->scroll = NULL;
    fq_widget *hit = fq_ui_hit_test(ui, in->x, in->y);
    if (!hit)
        return;
    g->capture = find_up(hit, WF_CAPTURE);
    if (g->capture) {
        if (g->capture->cls->pointer)
            g->capture->cls->pointer(g->capture, PTR_DOWN, in->x, in->y);
        return;
    }
    g->scroll = fq_ui_widget_scroll_ancestor(hit);
    if (g->scroll && g->scroll == was_flinging)
        return; /* a touch that stops momentum is not a tap */
    g->target = find_up(hit, WF_CLICKABLE | WF_FOCUSABLE);
    /* A glove landing in the gap between two rows or buttons still presses the nearer one. */
    int d = ui->px.gap / 2 + 1;
    static const int dirs[4][2] = {{0, -1}, {0, 1}, {-1, 0}, {1, 0}};
    for (int i = 0; i < 4 && !g->target; i++) {
        fq_widget *near = fq_ui_hit_test(ui, in->x + dirs[i][0] * d, in->y + dirs[i][1] * d);
        if (near && fq_ui_widget_layer_of(near) == fq_ui_widget_layer_of(hit))
            g->target = find_up(near, WF_CLICKABLE | WF_FOCUSABLE);
    }
    set_pressed(g->target, true);
}

static void on_move(fq_ui *ui, const fq_input *in)
{
    gesture_state *g = &ui->g;
    if (!g->down)
        return;
    if (g->capture) {
        if (!g->pinching && g->capture->cls->pointer)
            g->capture->cls->pointer(g->capture, PTR_MOVE, in->x, in->y);
        return;
    }
    int dx = in->x - g->start_x;
    int dy = in->y - g->start_y;
    int thr = ui->px.scroll_threshold;
    if (!g->scrolling && g->scroll && abs(dy) > thr && abs(dy) >= abs(dx)) {
        g->scrolling = true;
        g->scroll_start_px = g->scroll->scroll_px;
        g->start_y = in->y; /* start from here: no jump by the threshold */
        cancel_press(g);
    }
    if (g->scrolling) {
        int64_t dt = in->time_ms - g->last_ms;
        if (dt > 0) {
            float inst = (float)(g->last_y - in->y) / (float)dt;
            g->velocity = 0.7f * inst + 0.3f * g->velocity;
        }
        scroll_to(g->scroll, g->scroll_start_px + (g->start_y - in->y));
    } else if (g->target && !inside(ui, g->target->rect, in->x, in->y)) {
        cancel_press(g); /* slid off: never fires */
    } else if (abs(dx) > thr || abs(dy) > thr) {
        g->moved = true; /* travelled: no long press any more */
    }
    g->last_x = in->x;
    g->last_y = in->y;
    g->last_ms = in->time_ms;
}

static void on_up(fq_ui *ui, const fq_input *in)
{
    gesture_state *g = &ui->g;
    if (!g->down)
        return;
    g->down = false;
    if (g->capture) {
        fq_widget *c = g->capture;
        g->capture = NULL;
        if (!g->pinching && c->cls->pointer)
            c->cls->pointer(c, PTR_UP, in->x, in->y);
        return;
    }
    if (g->scrolling) {
        g->scrolling = false;
        if (in->time_ms - g->last_ms > VELOCITY_STALE_MS)
            g->velocity = 0.0f;
        if (fabsf(g->velocity) >= FLING_MIN_V) {
            g->fling = g->scroll;
            g->fling_v = g->velocity;
            g->fling_pos = (float)g->scroll->scroll_px;
            g->fling_ms = in->time_ms;
        }
        return;
    }
    fq_widget *t = g->target;
    if (!t)
        return;
    cancel_press(g);
    if (!inside(ui, t->rect, in->x, in->y) || g->long_fired)
        return;
    /* Last thing we do: the hook or handler may free t and anything else. */
    if (t->cls->click && t->cls->click(t, in->x, in->y))
        return;
    fq_ui_widget_emit(t, FQ_UI_EV_CLICK, 0, in->x, in->y);
}

/* The first PINCH ends the capture widget's one-finger gesture (PTR_CANCEL); the rest of the
 * touch goes to its pinch hook. Elsewhere two fingers only cancel the press: no click. */
static void on_pinch(fq_ui *ui, const fq_input *in)
{
    gesture_state *g = &ui->g;
    fq_widget *c = g->capture;
    if (!g->down)
        return;
    if (!c) {
        g->pinching = true;
        cancel_press(g);
        return;
    }
    if (!g->pinching) {
        g->pinching = true;
        if (c->cls->pointer)
            c->cls->pointer(c, PTR_CANCEL, in->x, in->y);
        if (g->capture != c) /* the cancel closed it */
            return;
    }
    if (c->cls->pinch && in->scale > 0.0f)
        c->cls->pinch(c, in->scale, in->x, in->y);
}

void fq_ui_gesture_input(fq_ui *ui, const fq_input *in)
{
    if (in->time_ms > ui->now_ms)
        ui->now_ms = in->time_ms;
    switch (in->type) {
    case FQ_INPUT_POINTER_DOWN:
        on_down(ui, in);
        break;
    case FQ_INPUT_POINTER_MOVE:
        on_move(ui, in);
        break;
    case FQ_INPUT_POINTER_UP:
        on_up(ui, in);
        break;
    case FQ_INPUT_PINCH:
        on_pinch(ui, in);
        break;
    default:
        break;
    }
}

static void tick_fling(fq_ui *ui, int64_t now_ms)
{
    gesture_state *g = &ui->g;
    while (g->fling && g->fling_ms < now_ms) {
        int64_t step = now_ms - g->fling_ms;
        if (step > FLING_FRAME_MS)
            step = FLING_FRAME_MS;
        g->fling_ms += step;
        g->fling_pos += g->fling_v * (float)step;
        g->fling_v *= expf(-(float)step / FLING_TAU_MS);
        bool free_run = scroll_to(g->fling, (int)lroundf(g->fling_pos));
        if (!free_run || fabsf(g->fling_v) < FLING_STOP_V)
            g->fling = NULL;
    }
}

void fq_ui_gesture_tick(fq_ui *ui, int64_t now_ms)
{
    gesture_state *g = &ui->g;
    tick_fling(ui, now_ms);
    if (g->down && g->target && !g->long_fired && !g->moved &&
        (g->target->flags & WF_LONG_PRESS) && now_ms - g->down_ms >= ui->theme.long_press_ms) {
        g->long_fired = true;
        fq_widget *t = g->target;
        set_pressed(t, false);
        g->target = t; /* keep it so release knows the click is consumed */
        fq_ui_widget_emit(t, FQ_UI_EV_LONG_PRESS, 0, g->last_x, g->last_y);
    }
}

int fq_ui_gesture_timeout(const fq_ui *ui, int64_t now_ms)
{
    const gesture_state *g = &ui->g;
    int t = -1;
    if (g->fling)
        t = FLING_FRAME_MS;
    if (g->down && g->target && !g->long_fired && !g->moved &&
        (g->target->flags & WF_LONG_PRESS)) {
        int64_t left = g->down_ms + ui->theme.long_press_ms - now_ms;
        int l = left < 0 ? 0 : (int)left;
        t = t < 0 || l < t ? l : t;
    }
    return t;
}

void fq_ui_gesture_forget(fq_ui *ui, fq_widget *w)
{
    gesture_state *g = &ui->g;
    if (g->target && fq_ui_widget_is_descendant(g->target, w))
        g->target = NULL;
    if (g->capture && fq_ui_widget_is_descendant(g->capture, w))
        g->capture = NULL;
    if (g->scroll && fq_ui_widget_is_descendant(g->scroll, w)) {
        g->scroll = NULL;
        g->scrolling = false;
    }
    if (g->fling && fq_ui_widget_is_descendant(g->fling, w))
        g->fling = NULL;
}

void fq_scroll_set_offset(fq_widget *scroll, int offset_px)
{
    scroll_to(scroll, offset_px);
}

int fq_scroll_offset(const fq_widget *scroll)
{
    return scroll->scroll_px;
}

void fq_scroll_to_child(fq_widget *scroll, fq_widget *child)
{
    fq_ui_layout(scroll->ui);
    int top = child->rect.y - scroll->rect.y;
    int bottom = top + child->rect.h;
    if (top < 0)
        scroll_to(scroll, scroll->scroll_px + top);
    else if (bottom > scroll->rect.h)
        scroll_to(scroll, scroll->scroll_px + bottom - scroll->rect.h);
}
