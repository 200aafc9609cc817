/* Dirty tracking and rectangle arithmetic. The ui keeps ONE dirty rectangle (the union of
 * everything invalidated since the last render): cheap, and for a press or a keystroke it is
 * the widget's own rect, so the platform repaints only that. Deliberately no region lists:
 * two far-apart changes repaint the box between them, which is still correct. */
#include "ui_internal.h"

bool fq_ui_rect_empty(fq_rect r)
{
    return r.w <= 0 || r.h <= 0;
}

fq_rect fq_ui_rect_intersect(fq_rect a, fq_rect b)
{
    int x0 = a.x > b.x ? a.x : b.x;
    int y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    fq_rect r = {x0, y0, x1 - x0, y1 - y0};
    if (fq_ui_rect_empty(r))
        r.w = r.h = 0;
    return r;
}

fq_rect fq_ui_rect_union(fq_rect a, fq_rect b)
{
    if (fq_ui_rect_empty(a))
        return b;
    if (fq_ui_rect_empty(b))
        return a;
    int x0 = a.x < b.x ? a.x : b.x;
    int y0 = a.y < b.y ? a.y : b.y;
    int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    fq_rect r = {x0, y0, x1 - x0, y1 - y0};
    return r;
}

bool fq_ui_rect_contains(fq_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

fq_rect fq_ui_rect_inset(fq_rect r, int d)
{
    fq_rect o = {r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d};
    if (o.w < 0)
        o.w = 0;
    if (o.h < 0)
        o.h = 0;
    return o;
}

void fq_ui_dirty_rect(fq_ui *ui, fq_rect r)
{
    fq_rect screen = {0, 0, ui->cfg.width_px, ui->cfg.height_px};
    r = fq_ui_rect_intersect(r, screen);
    if (fq_ui_rect_empty(r))
        return;
    ui->dirty_rect = ui->dirty ? fq_ui_rect_union(ui->dirty_rect, r) : r;
    ui->dirty = true;
}

void fq_ui_dirty_all(fq_ui *ui)
{
    fq_rect screen = {0, 0, ui->cfg.width_px, ui->cfg.height_px};
    ui->dirty_rect = screen;
    ui->dirty = true;
}
