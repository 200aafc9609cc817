/* Building the draw list: append commands, keep text runs in an arena, and fix up the text
 * pointers once at the end (the arena may move while it grows). Deliberately no culling or
 * merging here; render.c decides what to emit. */
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

static fq_draw_cmd *push(fq_draw_list *dl, fq_draw_kind kind)
{
    if (dl->n_cmds == dl->cap_cmds) {
        dl->cap_cmds = dl->cap_cmds ? dl->cap_cmds * 2 : 256;
        dl->cmds = fq_ui_xrealloc(dl->cmds, dl->cap_cmds, sizeof *dl->cmds);
    }
    fq_draw_cmd *c = &dl->cmds[dl->n_cmds++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    return c;
}

void fq_ui_dl_reset(fq_draw_list *dl, fq_rect area, bool full)
{
    dl->n_cmds = 0;
    dl->text_len = 0;
    dl->area = area;
    dl->full = full ? 1 : 0;
}

void fq_ui_dl_free(fq_draw_list *dl)
{
    free(dl->cmds);
    free(dl->text_buf);
    memset(dl, 0, sizeof *dl);
}

void fq_ui_dl_rect(fq_draw_list *dl, fq_rect r, fq_color fill, int radius_px, int border_px,
                   fq_color border)
{
    if (fq_ui_rect_empty(r))
        return;
    fq_draw_cmd *c = push(dl, FQ_DRAW_RECT);
    c->rect = r;
    c->color = fill;
    c->radius_px = radius_px;
    c->border_px = border_px;
    c->border_color = border;
}

void fq_ui_dl_circle(fq_draw_list *dl, fq_rect box, fq_color fill, int border_px, fq_color border)
{
    fq_draw_cmd *c = push(dl, FQ_DRAW_CIRCLE);
    c->rect = box;
    c->color = fill;
    c->border_px = border_px;
    c->border_color = border;
}

void fq_ui_dl_line(fq_draw_list *dl, int x0, int y0, int x1, int y1, int thickness_px, fq_color col)
{
    fq_draw_cmd *c = push(dl, FQ_DRAW_LINE);
    c->x0 = x0;
    c->y0 = y0;
    c->x1 = x1;
    c->y1 = y1;
    c->thickness_px = thickness_px;
    c->color = col;
    int t = thickness_px / 2 + 1;
    int minx = x0 < x1 ? x0 : x1;
    int miny = y0 < y1 ? y0 : y1;
    c->rect = (fq_rect){minx - t, miny - t, abs(x1 - x0) + 2 * t, abs(y1 - y0) + 2 * t};
}

void fq_ui_dl_text(fq_draw_list *dl, int x, int y, const char *text, size_t len, int size_px,
                   fq_font_style style, fq_color col, int w, int h)
{
    if (len == 0)
        return;
    if (dl->text_len + len > dl->text_cap) {
        size_t cap = dl->text_cap ? dl->text_cap : 4096;
        while (cap < dl->text_len + len)
            cap *= 2;
        dl->text_buf = fq_ui_xrealloc(dl->text_buf, cap, 1);
        dl->text_cap = cap;
    }
    memcpy(dl->text_buf + dl->text_len, text, len);
    fq_draw_cmd *c = push(dl, FQ_DRAW_TEXT);
    /* offset for now; fq_ui_dl_finish turns it into a pointer */
    c->x0 = (int)dl->text_len;
    dl->text_len += len;
    c->text_len = len;
    c->rect = (fq_rect){x, y, w, h};
    c->size_px = size_px;
    c->style = style;
    c->color = col;
}

void fq_ui_dl_image(fq_draw_list *dl, fq_rect r, int image_id)
{
    fq_draw_cmd *c = push(dl, FQ_DRAW_IMAGE);
    c->rect = r;
    c->image_id = image_id;
}

void fq_ui_dl_clip_push(fq_draw_list *dl, fq_rect r)
{
    push(dl, FQ_DRAW_CLIP_PUSH)->rect = r;
}

void fq_ui_dl_clip_pop(fq_draw_list *dl)
{
    push(dl, FQ_DRAW_CLIP_POP);
}

void fq_ui_dl_finish(fq_draw_list *dl)
{
    for (size_t i = 0; i < dl->n_cmds; i++) {
        fq_draw_cmd *c = &dl->cmds[i];
        if (c->kind == FQ_DRAW_TEXT) {
            c->text = dl->text_buf + c->x0;
            c->x0 = 0;
        }
    }
}
