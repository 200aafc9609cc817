/* Walking the tree into the draw list: parents before children, scroll boxes clip their
 * children and skip the ones outside the viewport, and anything outside the dirty area is
 * not emitted at all (so a press repaints one row, not the screen). Deliberately no caching
 * of commands between frames: emitting is cheap next to rasterising. */
#include "ui_internal.h"

static void draw_scrollbar(fq_widget *w, fq_draw_list *dl)
{
    if (w->content_h_px <= w->rect.h || w->rect.h <= 0)
        return;
    fq_ui *ui = w->ui;
    int bar_w = ui->px.gap > 3 ? ui->px.gap : 3;
    int track = w->rect.h;
    int thumb = (int)((int64_t)track * w->rect.h / w->content_h_px);
    if (thumb < ui->px.target / 2)
        thumb = ui->px.target / 2;
    int max_scroll = w->content_h_px - w->rect.h;
    int y = w->rect.y + (int)((int64_t)(track - thumb) * w->scroll_px / max_scroll);
    fq_rect r = {w->rect.x + w->rect.w - bar_w - 1, y, bar_w, thumb};
    fq_ui_dl_rect(dl, r, fq_ui_color_mix(ui->theme.text_muted, ui->theme.bg, 60), bar_w / 2, 0,
                  ui->theme.border);
}

void fq_ui_render_widget(fq_widget *w, fq_draw_list *dl, fq_rect clip)
{
    if (w->flags & WF_HIDDEN)
        return;
    fq_rect vis = fq_ui_rect_intersect(w->rect, clip);
    if (fq_ui_rect_empty(vis) && !(w->flags & WF_LAYER))
        return;
    if (w->cls->draw)
        w->cls->draw(w, dl);
    if (!w->first)
        return;
    bool scroll = (w->flags & WF_SCROLL) != 0;
    fq_rect child_clip = clip;
    if (scroll) {
        child_clip = vis;
        fq_ui_dl_clip_push(dl, w->rect);
    }
    for (fq_widget *c = w->first; c; c = c->next) {
        if (scroll && (c->rect.y >= w->rect.y + w->rect.h || c->rect.y + c->rect.h <= w->rect.y))
            continue;
        fq_ui_render_widget(c, dl, child_clip);
    }
    if (scroll) {
        draw_scrollbar(w, dl);
        fq_ui_dl_clip_pop(dl);
    }
}
