/* Layout: a small flexbox. A box stacks visible children along its direction with padding
 * and gaps; the main-axis size of a child is fixed, else its content size, plus a share of
 * the leftover for grow > 0; across, children stretch unless fixed (then centred). When
 * content does not fit a row, content-sized children shrink in proportion so nothing leaves
 * the screen (labels then ellipsise). Scroll boxes give children their content height and
 * offset them by the scroll position. Deliberately no wrapping rows, no grid, no absolute
 * positions: screens compose stacks. */
#include <stdlib.h>

#include "ui_internal.h"

#define MAX_CHILDREN_FAST 64

int fq_ui_layout_pad(const fq_widget *w)
{
    if (w->pad_px >= 0)
        return w->pad_px;
    switch (w->box_style) {
    case FQ_BOX_PLAIN:
        return 0;
    case FQ_BOX_ROW:
        return w->ui->px.pad;
    case FQ_BOX_HEADER:
    case FQ_BOX_CARD:
    case FQ_BOX_PANEL:
        return w->ui->px.pad + (w->box_style == FQ_BOX_PANEL ? w->ui->px.pad : 0);
    }
    return 0;
}

int fq_ui_layout_gap(const fq_widget *w)
{
    if (w->gap_px >= 0)
        return w->gap_px;
    return w->box_style == FQ_BOX_ROW ? w->ui->px.pad : w->ui->px.gap;
}

static int min_height(const fq_widget *w)
{
    if (w->min_h_px)
        return w->min_h_px;
    if (w->cls == &fq_ui_box_class && (w->box_style == FQ_BOX_ROW || w->box_style == FQ_BOX_HEADER))
        return w->ui->px.target;
    return 0;
}

static int count_visible(const fq_widget *w)
{
    int n = 0;
    for (const fq_widget *c = w->first; c; c = c->next)
        if (!(c->flags & WF_HIDDEN))
            n++;
    return n;
}

/* Main-axis widths of a row's visible children for an inner width; writes into widths[]
 * (one per visible child, in order). */
static void row_widths(fq_widget *w, int inner_w, int *widths, int n)
{
    int gap = fq_ui_layout_gap(w);
    int used = gap * (n > 0 ? n - 1 : 0);
    int grow_total = 0;
    int shrinkable = 0;
    int i = 0;
    for (fq_widget *c = w->first; c; c = c->next) {
        if (c->flags & WF_HIDDEN)
            continue;
        int cw = 0;
        if (c->fixed_w_px) {
            cw = c->fixed_w_px;
        } else if (c->grow) {
            grow_total += c->grow;
        } else {
            int ch;
            fq_ui_layout_measure(c, inner_w, &cw, &ch);
            shrinkable += cw;
        }
        widths[i++] = cw;
        used += cw;
    }
    int left = inner_w - used;
    if (left > 0 && grow_total > 0) {
        /* Cumulative shares spread the rounding remainder one px at a time. */
        i = 0;
        int cum = 0;
        for (fq_widget *c = w->first; c; c = c->next) {
            if (c->flags & WF_HIDDEN)
                continue;
            if (!c->fixed_w_px && c->grow) {
                int before = left * cum / grow_total;
                cum += c->grow;
                widths[i] += left * cum / grow_total - before;
            }
            i++;
        }
    } else if (left < 0 && shrinkable > 0) {
        int cut = -left < shrinkable ? -left : shrinkable;
        i = 0;
        for (fq_widget *c = w->first; c; c = c->next) {
            if (c->flags & WF_HIDDEN)
                continue;
            if (!c->fixed_w_px && !c->grow)
                widths[i] -= (int)((int64_t)widths[i] * cut / shrinkable) + 1;
            if (widths[i] < 0)
                widths[i] = 0;
            i++;
        }
    }
}

static int *widths_buf(int n, int *stack_buf)
{
    return n <= MAX_CHILDREN_FAST ? stack_buf : fq_ui_xcalloc((size_t)n, sizeof(int));
}

static void box_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    int pad = fq_ui_layout_pad(w);
    int gap = fq_ui_layout_gap(w);
    int inner = avail_w - 2 * pad;
    int n = count_visible(w);
    int mw = 0;
    int mh = 0;
    if (w->dir == FQ_BOX_COLUMN) {
        for (fq_widget *c = w->first; c; c = c->next) {
            if (c->flags & WF_HIDDEN)
                continue;
            int cw;
            int ch;
            fq_ui_layout_measure(c, c->fixed_w_px ? c->fixed_w_px : inner, &cw, &ch);
            mw = cw > mw ? cw : mw;
            mh += ch;
        }
        mh += gap * (n > 0 ? n - 1 : 0);
    } else {
        int stack_buf[MAX_CHILDREN_FAST];
        int *widths = widths_buf(n, stack_buf);
        row_widths(w, inner, widths, n);
        int i = 0;
        for (fq_widget *c = w->first; c; c = c->next) {
            if (c->flags & WF_HIDDEN)
                continue;
            int cw;
            int ch;
            fq_ui_layout_measure(c, widths[i], &cw, &ch);
            mw += c->grow || c->fixed_w_px ? widths[i] : cw;
            mh = ch > mh ? ch : mh;
            i++;
        }
        mw += gap * (n > 0 ? n - 1 : 0);
        if (widths != stack_buf)
            free(widths);
    }
    *out_w = mw + 2 * pad;
    *out_h = mh + 2 * pad;
}

void fq_ui_layout_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    int mw = 0;
    int mh = 0;
    if (w->flags & WF_HIDDEN) {
        *out_w = *out_h = 0;
        return;
    }
    if (w->fixed_w_px)
        avail_w = w->fixed_w_px;
    if (w->cls->measure)
        w->cls->measure(w, avail_w, &mw, &mh);
    else
        box_measure(w, avail_w, &mw, &mh);
    if (w->fixed_w_px)
        mw = w->fixed_w_px;
    /* A scroll box asks for little: its content scrolls. Give it grow or a fixed height. */
    if ((w->flags & WF_SCROLL) && mh > 2 * w->ui->px.target)
        mh = 2 * w->ui->px.target;
    if (w->fixed_h_px)
        mh = w->fixed_h_px;
    else if (mh < min_height(w))
        mh = min_height(w);
    *out_w = mw;
    *out_h = mh;
}

void fq_ui_layout_shift(fq_widget *w, int dx, int dy)
{
    for (fq_widget *c = w->first; c; c = c->next) {
        c->rect.x += dx;
        c->rect.y += dy;
        fq_ui_layout_shift(c, dx, dy);
    }
}

static void place_column(fq_widget *w, fq_rect inner, int gap, int n)
{
    bool scroll = (w->flags & WF_SCROLL) != 0;
    int stack_buf[MAX_CHILDREN_FAST];
    int *heights = widths_buf(n, stack_buf);
    int used = gap * (n > 0 ? n - 1 : 0);
    int grow_total = 0;
    int i = 0;
    for (fq_widget *c = w->first; c; c = c->next) {
        if (c->flags & WF_HIDDEN)
            continue;
        int cw;
        int ch;
        fq_ui_layout_measure(c, c->fixed_w_px ? c->fixed_w_px : inner.w, &cw, &ch);
        heights[i++] = ch;
        used += ch;
        if (!scroll && c->grow && !c->fixed_h_px)
            grow_total += c->grow;
    }
    int left = inner.h - used;
    if (scroll) {
        w->content_h_px = used + 2 * (inner.y - w->rect.y);
        int max_scroll = w->content_h_px - w->rect.h;
        if (max_scroll < 0)
            max_scroll = 0;
        if (w->scroll_px > max_scroll)
            w->scroll_px = max_scroll;
        if (w->scroll_px < 0)
            w->scroll_px = 0;
    }
    if (left > 0 && grow_total > 0) {
        int cum = 0;
        i = 0;
        for (fq_widget *c = w->first; c; c = c->next) {
            if (c->flags & WF_HIDDEN)
                continue;
            if (c->grow && !c->fixed_h_px) {
                int before = left * cum / grow_total;
                cum += c->grow;
                heights[i] += left * cum / grow_total - before;
            }
            i++;
        }
    }
    int y = inner.y - (scroll ? w->scroll_px : 0);
    i = 0;
    for (fq_widget *c = w->first; c; c = c->next) {
        if (c->flags & WF_HIDDEN)
            continue;
        int ch = heights[i++];
        int cw = c->fixed_w_px ? c->fixed_w_px : inner.w;
        int cx = inner.x + (c->fixed_w_px ? (inner.w - cw) / 2 : 0);
        fq_rect r = {cx, y, cw, ch};
        fq_ui_layout_place(c, r);
        y += ch + gap;
    }
    if (heights != stack_buf)
        free(heights);
}

static void place_row(fq_widget *w, fq_rect inner, int gap, int n)
{
    int stack_buf[MAX_CHILDREN_FAST];
    int *widths = widths_buf(n, stack_buf);
    row_widths(w, inner.w, widths, n);
    int x = inner.x;
    int i = 0;
    for (fq_widget *c = w->first; c; c = c->next) {
        if (c->flags & WF_HIDDEN)
            continue;
        int cw = widths[i++];
        int ch = c->fixed_h_px ? c->fixed_h_px : inner.h;
        int cy = inner.y + (inner.h - ch) / 2;
        fq_rect r = {x, cy, cw, ch};
        fq_ui_layout_place(c, r);
        x += cw + gap;
    }
    if (widths != stack_buf)
        free(widths);
}

void fq_ui_layout_place(fq_widget *w, fq_rect rect)
{
    w->rect = rect;
    if (w->flags & WF_HIDDEN)
        return;
    if (w->cls->place) {
        w->cls->place(w);
        return;
    }
    if (!w->first)
        return;
    int pad = fq_ui_layout_pad(w);
    fq_rect inner = fq_ui_rect_inset(rect, pad);
    int n = count_visible(w);
    if (w->dir == FQ_BOX_COLUMN)
        place_column(w, inner, fq_ui_layout_gap(w), n);
    else
        place_row(w, inner, fq_ui_layout_gap(w), n);
}
