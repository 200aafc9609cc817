/* The signature pad: a modal with a large canvas, Clear, Cancel and Done. It lives in a modal,
 * not in a scrolling list, so a finger dragging a list to scroll never draws a stroke (issue
 * 12), and the pad is as large as the screen allows for a gloved finger. The strokes are
 * rasterised here into a grayscale image (0 ink, 255 paper) with thick round lines, so the
 * signature stays legible in the report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/screens_internal.h"

#define INK_RADIUS 3 /* px: lines 7 px thick */

typedef struct pad_ctx {
    fq_screens *s;
    fq_widget *canvas;
    fq_screens_signed_fn done;
    void *ctx;
} pad_ctx;

static void stamp(unsigned char *g, int w, int h, int cx, int cy)
{
    for (int y = cy - INK_RADIUS; y <= cy + INK_RADIUS; y++)
        for (int x = cx - INK_RADIUS; x <= cx + INK_RADIUS; x++)
            if (x >= 0 && y >= 0 && x < w && y < h &&
                (x - cx) * (x - cx) + (y - cy) * (y - cy) <= INK_RADIUS * INK_RADIUS)
                g[(size_t)y * (size_t)w + (size_t)x] = 0;
}

/* Rasterises the canvas strokes; NULL when nothing was drawn. */
static unsigned char *rasterise(fq_widget *canvas, int *out_w, int *out_h)
{
    size_t n = fq_canvas_stroke_count(canvas);
    fq_rect r = fq_widget_rect(canvas);
    if (n == 0 || r.w <= 0 || r.h <= 0)
        return NULL;
    unsigned char *g = malloc((size_t)r.w * (size_t)r.h);
    if (!g)
        abort();
    memset(g, 255, (size_t)r.w * (size_t)r.h);
    for (size_t i = 0; i < n; i++) {
        const fq_point *p = NULL;
        size_t np = fq_canvas_stroke(canvas, i, &p);
        for (size_t k = 0; k < np; k++) {
            int x0 = p[k].x, y0 = p[k].y;
            int x1 = k + 1 < np ? p[k + 1].x : x0, y1 = k + 1 < np ? p[k + 1].y : y0;
            int dx = abs(x1 - x0), dy = abs(y1 - y0);
            int steps = (dx > dy ? dx : dy) + 1;
            for (int t = 0; t <= steps; t++)
                stamp(g, r.w, r.h, x0 + (x1 - x0) * t / steps, y0 + (y1 - y0) * t / steps);
        }
    }
    *out_w = r.w;
    *out_h = r.h;
    return g;
}

static void on_pad_button(fq_widget *w, const fq_ui_event *ev, void *user)
{
    pad_ctx *pc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    int what = (int)fq_widget_tag(w);
    if (what == 0) { /* clear */
        fq_canvas_clear(pc->canvas);
        return;
    }
    if (what == 1) { /* cancel */
        fq_modal_close(w);
        return;
    }
    int gw = 0, gh = 0;
    unsigned char *gray = rasterise(pc->canvas, &gw, &gh);
    if (!gray) {
        fq_ui_toast(pc->s->ui, _("Nothing signed yet: sign in the box, or Cancel"), FQ_TOAST_ERROR,
                    3000);
        return;
    }
    fq_modal_close(w);
    pc->done(pc->s, pc->ctx, gray, gw, gh); /* it owns gray now */
}

void fq_screens_pad_open(fq_screens *s, const char *title, const char *intro,
                         fq_screens_signed_fn done, void *ctx)
{
    fq_ui_focus(s->ui, NULL);
    pad_ctx *pc = fq_screens_alloc(s, sizeof *pc);
    pc->s = s;
    pc->done = done;
    pc->ctx = ctx;
    fq_widget *panel = fq_modal_new(s->ui);
    fq_label_set_role(fq_label_new(panel, title), FQ_TEXT_TITLE);
    if (intro && *intro)
        fq_label_set_wrap(fq_label_new(panel, intro), 3);
    pc->canvas = fq_canvas_new(panel);
    fq_rect root = fq_widget_rect(fq_ui_root(s->ui));
    bool wide = root.w > root.h;
    fq_widget_set_size_mm(pc->canvas, 0, wide ? 32 : 45);
    fq_widget *btns = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    static const char *const labels[3] = {N_("Clear"), N_("Cancel"), N_("Done")};
    for (int i = 0; i < 3; i++) {
        fq_widget *b = fq_button_new(btns, _(labels[i]), i == 2 ? FQ_BUTTON_PRIMARY : FQ_BUTTON_NORMAL);
        fq_widget_set_grow(b, 1);
        fq_widget_set_tag(b, i);
        fq_widget_set_handler(b, on_pad_button, pc);
    }
}
