/* The virtual list: a scroll container of n rows of which only those in view exist as
 * widgets. A list of thousands would otherwise build, measure and keep every row (issue 18:
 * 5,000 visits, seconds and a hundred MB). Each layout finds the rows the scroll position
 * shows, keeps those already built, asks the screen's build function for the new ones and
 * frees the rest. Heights are learnt as rows are built (kept per row, a few bytes each);
 * rows never built count as the average of the first screenful built. Children the screen
 * adds itself (a banner, a note) are static: they stack above the rows and scroll with them.
 * Does not know what a row shows, and does not read data: the build function does. */
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

#define MAX_STATIC 16

typedef struct vlist {
    size_t n_rows;
    fq_vlist_build_fn build;
    void *user;
    void (*free_user)(void *user);
    int *heights;      /* per row, 0 = never built at this width */
    int width_px;      /* inner width the heights belong to */
    int64_t known_sum; /* sum of the known heights */
    size_t n_known;
    int estimate;  /* height counted for rows never built (0: none built yet) */
    size_t lo, hi; /* rows [lo, hi) exist: rows[0 .. hi-lo) */
    fq_widget **rows;
} vlist;

static void vlist_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    *out_w = avail_w;
    *out_h = 2 * w->ui->px.target; /* a scroll box asks for little: give it grow */
}

static bool is_row(const vlist *v, const fq_widget *c)
{
    for (size_t i = 0; i < v->hi - v->lo; i++)
        if (v->rows[i] == c)
            return true;
    return false;
}

/* Moves child c to the end of its parent's children. */
static void relink_last(fq_widget *c)
{
    fq_widget *p = c->parent;
    if (p->last == c)
        return;
    if (c->prev)
        c->prev->next = c->next;
    else
        p->first = c->next;
    c->next->prev = c->prev;
    c->prev = p->last;
    c->next = NULL;
    p->last->next = c;
    p->last = c;
}

static int row_height(const vlist *v, size_t i, int estimate)
{
    return v->heights[i] ? v->heights[i] : estimate;
}

static void learn(vlist *v, size_t i, int h)
{
    if (h < 1)
        h = 1;
    if (v->heights[i]) {
        v->known_sum -= v->heights[i];
        v->n_known--;
    }
    v->heights[i] = h;
    v->known_sum += h;
    v->n_known++;
}

/* Row i built by the screen (an empty box when the build added nothing). */
static fq_widget *build_row(fq_widget *w, vlist *v, size_t i)
{
    fq_widget *before = w->last;
    fq_widget *row = v->build ? v->build(w, i, v->user) : NULL;
    if (!row || row->parent != w)
        row = w->last != before ? w->last : fq_box_new(w, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    return row;
}

/* The height of a row never built: the average of the first rows built, then fixed, so a
 * row built later moves only the rows below it, never the whole list above the view. */
static int estimate_of(vlist *v, const fq_ui *ui)
{
    if (!v->estimate && v->n_known)
        v->estimate = (int)(v->known_sum / (int64_t)v->n_known);
    return v->estimate ? v->estimate : 2 * ui->px.target;
}

/* Content height of the inner area: statics_h (with their gaps) and every row. */
static int content_of(const vlist *v, int statics_h, int gap, int estimate)
{
    int64_t total = statics_h;
    for (size_t i = 0; i < v->n_rows; i++)
        total += row_height(v, i, estimate) + gap;
    if (total > 0)
        total -= gap; /* no gap after the last child */
    return total > INT32_MAX / 2 ? INT32_MAX / 2 : (int)total;
}

/* The rows in view of content rows [top, bottom) (inner coordinates, rows start at
 * rows_top) into *out (built or kept, measured), their first index and the y of the first. */
static size_t find_window(fq_widget *w, vlist *v, int rows_top, int top, int bottom, int inner_w,
                          fq_widget ***out, size_t *out_n, int *out_y)
{
    int gap = fq_ui_layout_gap(w);
    int estimate = estimate_of(v, w->ui);
    size_t lo = 0;
    int y = rows_top;
    while (lo < v->n_rows && y + row_height(v, lo, estimate) <= top) {
        y += row_height(v, lo, estimate) + gap;
        lo++;
    }
    *out_y = y;
    fq_widget **rows = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = lo; i < v->n_rows && y < bottom; i++) {
        fq_widget *r = i >= v->lo && i < v->hi ? v->rows[i - v->lo] : NULL;
        if (!r)
            r = build_row(w, v, i);
        if (!v->heights[i]) {
            int cw = 0, ch = 0;
            fq_ui_layout_measure(r, inner_w, &cw, &ch);
            learn(v, i, ch);
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            rows = fq_ui_xrealloc(rows, cap, sizeof *rows);
        }
        rows[n++] = r;
        y += v->heights[i] + gap;
    }
    *out = rows;
    *out_n = n;
    return lo;
}

/* Frees the built rows outside [lo, lo+n) and makes rows the built window, in order after
 * the static children. */
static void keep_window(vlist *v, size_t lo, fq_widget **rows, size_t n)
{
    for (size_t k = 0; k < v->hi - v->lo; k++) {
        size_t i = v->lo + k;
        if (i < lo || i >= lo + n)
            fq_ui_widget_destroy(v->rows[k]);
    }
    for (size_t k = 0; k < n; k++)
        relink_last(rows[k]);
    free(v->rows);
    v->rows = rows;
    v->lo = lo;
    v->hi = lo + n;
}

static void vlist_place(fq_widget *w)
{
    vlist *v = w->data;
    int pad = fq_ui_layout_pad(w);
    int gap = fq_ui_layout_gap(w);
    fq_rect inner = fq_ui_rect_inset(w->rect, pad);
    if (inner.w != v->width_px) { /* wrapped text changes height with the width */
        if (v->n_rows)
            memset(v->heights, 0, v->n_rows * sizeof *v->heights);
        v->known_sum = 0;
        v->n_known = 0;
        v->estimate = 0;
        v->width_px = inner.w;
    }
    fq_widget *statics[MAX_STATIC];
    int static_h[MAX_STATIC];
    int n_static = 0;
    int rows_top = 0; /* content position from the top of inner */
    for (fq_widget *c = w->first; c && n_static < MAX_STATIC; c = c->next) {
        if ((c->flags & WF_HIDDEN) || is_row(v, c))
            continue;
        int cw = 0;
        fq_ui_layout_measure(c, inner.w, &cw, &static_h[n_static]);
        statics[n_static] = c;
        rows_top += static_h[n_static++] + gap;
    }
    /* a list scrolled to its end stays there as heights are learnt */
    bool at_end = w->scroll_px > 0 && w->scroll_px >= w->content_h_px - w->rect.h;
    /* twice at most: heights learnt at the end can shorten the content under the position */
    size_t lo = 0, n = 0;
    int y_lo = 0;
    for (int pass = 0; pass < 2; pass++) {
        w->content_h_px = content_of(v, rows_top, gap, estimate_of(v, w->ui)) + 2 * pad;
        int max_scroll = w->content_h_px - w->rect.h;
        if (w->scroll_px > max_scroll || at_end)
            w->scroll_px = max_scroll;
        if (w->scroll_px < 0)
            w->scroll_px = 0;
        int top = w->scroll_px - pad;
        fq_widget **rows = NULL;
        lo = find_window(w, v, rows_top, top, top + w->rect.h, inner.w, &rows, &n, &y_lo);
        keep_window(v, lo, rows, n);
        int now = content_of(v, rows_top, gap, estimate_of(v, w->ui)) + 2 * pad;
        if (at_end ? w->scroll_px == now - w->rect.h
                   : w->scroll_px <= (now - w->rect.h > 0 ? now - w->rect.h : 0)) {
            w->content_h_px = now;
            break;
        }
    }
    /* rows above the window at the estimate the content height was computed with (it may
     * have been set by this layout's first rows): the last row ends where the content does */
    w->content_h_px = content_of(v, rows_top, gap, estimate_of(v, w->ui)) + 2 * pad;
    int estimate = estimate_of(v, w->ui);
    y_lo = rows_top;
    for (size_t i = 0; i < v->lo; i++)
        y_lo += row_height(v, i, estimate) + gap;
    int base = inner.y - w->scroll_px;
    for (int k = 0, sy = 0; k < n_static; k++) {
        fq_rect r = {inner.x, base + sy, inner.w, static_h[k]};
        fq_ui_layout_place(statics[k], r);
        sy += static_h[k] + gap;
    }
    int ry = base + y_lo;
    for (size_t i = v->lo; i < v->hi; i++) {
        fq_rect r = {inner.x, ry, inner.w, v->heights[i]};
        fq_ui_layout_place(v->rows[i - v->lo], r);
        ry += v->heights[i] + gap;
    }
}

static void vlist_destroy(fq_widget *w)
{
    vlist *v = w->data;
    if (v->free_user)
        v->free_user(v->user);
    free(v->heights);
    free(v->rows);
}

const widget_class fq_ui_vlist_class = {
    .name = "vlist", .measure = vlist_measure, .place = vlist_place, .destroy = vlist_destroy};

fq_widget *fq_vlist_new(fq_widget *parent, size_t n_rows, fq_vlist_build_fn build, void *user,
                        void (*free_user)(void *user))
{
    fq_widget *w = fq_ui_widget_new(parent, &fq_ui_vlist_class, sizeof(vlist));
    w->dir = FQ_BOX_COLUMN;
    w->flags |= WF_SCROLL | WF_VIRTUAL;
    vlist *v = w->data;
    v->n_rows = n_rows;
    v->build = build;
    v->user = user;
    v->free_user = free_user;
    v->heights = n_rows ? fq_ui_xcalloc(n_rows, sizeof *v->heights) : NULL;
    return w;
}

size_t fq_vlist_count(const fq_widget *w)
{
    return w->cls == &fq_ui_vlist_class ? ((const vlist *)w->data)->n_rows : 0;
}

size_t fq_vlist_n_built(const fq_widget *w)
{
    if (w->cls != &fq_ui_vlist_class)
        return 0;
    const vlist *v = w->data;
    return v->hi - v->lo;
}

fq_widget *fq_vlist_row(const fq_widget *w, size_t index)
{
    if (w->cls != &fq_ui_vlist_class)
        return NULL;
    const vlist *v = w->data;
    return index >= v->lo && index < v->hi ? v->rows[index - v->lo] : NULL;
}

fq_widget *fq_ui_vlist_under(fq_widget *w)
{
    if (w->flags & WF_HIDDEN)
        return NULL;
    if (w->flags & WF_VIRTUAL)
        return w;
    for (fq_widget *c = w->first; c; c = c->next) {
        fq_widget *v = fq_ui_vlist_under(c);
        if (v)
            return v;
    }
    return NULL;
}

bool fq_ui_vlist_page_until(fq_widget *list, bool (*found)(void *ctx), void *ctx, bool stay)
{
    fq_ui *ui = list->ui;
    fq_ui_layout(ui);
    if (list->rect.h <= 0)
        return false;
    int was = list->scroll_px;
    bool hit = false;
    for (int at = 0; !hit; at += list->rect.h) {
        fq_scroll_set_offset(list, at);
        fq_ui_layout(ui);
        hit = found(ctx);
        if (at >= list->content_h_px - list->rect.h)
            break;
    }
    if (!hit || !stay) {
        fq_scroll_set_offset(list, was);
        fq_ui_layout(ui);
    }
    return hit;
}
