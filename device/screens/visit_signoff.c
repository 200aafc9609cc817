/* Visit step 7, sign-off: the verdict (suggested by the app from the AQL lot result), the
 * inspector's and the factory representative's signatures drawn with a finger, then
 * fq_app_visit_sign_off. The canvas strokes are rasterised here into grayscale images (0 ink,
 * 255 paper) with thick round lines, so a gloved finger's signature stays legible in the
 * report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "screens/screens_internal.h"

#define INK_RADIUS 3 /* px: lines 7 px thick */

typedef struct sign_ctx {
    fq_screens *s;
    fq_widget *verdict;
    fq_widget *canvas[2];
    char names[2][FQ_NAME_LEN];
    int verdict_index;
} sign_ctx;

static const fq_verdict VERDICTS[4] = {FQ_VERDICT_PASS, FQ_VERDICT_FAIL, FQ_VERDICT_PENDING,
                                       FQ_VERDICT_WAIVED};

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

static void on_verdict(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    sign_ctx *sc = user;
    if (ev->type == FQ_UI_EV_CHANGE)
        sc->verdict_index = ev->index;
}

static void on_clear(fq_widget *w, const fq_ui_event *ev, void *user)
{
    sign_ctx *sc = user;
    if (ev->type == FQ_UI_EV_CLICK)
        fq_canvas_clear(sc->canvas[fq_widget_tag(w)]);
}

static void noop_commit(fq_screens *s, void *ctx)
{
    (void)s;
    (void)ctx; /* names are part of the sign-off record, written when signing */
}

static void on_sign(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    sign_ctx *sc = user;
    fq_screens *s = sc->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(s->ui, NULL);
    if (sc->verdict_index < 0) {
        fq_ui_toast(s->ui, "Choose a verdict first", FQ_TOAST_ERROR, 3000);
        return;
    }
    fq_app_signature sig[2];
    unsigned char *gray[2] = {NULL, NULL};
    static const int32_t roles[2] = {FQ_ROLE_INSPECTOR, FQ_ROLE_FACTORY_REP};
    for (int i = 0; i < 2; i++) {
        int gw = 0, gh = 0;
        gray[i] = rasterise(sc->canvas[i], &gw, &gh);
        sig[i].signer_name = sc->names[i];
        sig[i].role = roles[i];
        sig[i].gray = gray[i];
        sig[i].width = gw;
        sig[i].height = gh;
    }
    if (!gray[0]) {
        fq_ui_toast(s->ui, "The inspector must sign", FQ_TOAST_ERROR, 3000);
        goto out;
    }
    fq_err err = fq_app_visit_sign_off(s->app, s->visit_uuid, VERDICTS[sc->verdict_index], sig,
                                       2);
    if (fq_screens_saved(s, err)) {
        fq_ui_toast(s->ui, "Signed off and saved", FQ_TOAST_OK, 2500);
        fq_screens_rebuild_later(s, false);
    }
out:
    free(gray[0]);
    free(gray[1]);
}

static void list_signoffs(fq_screens *s, fq_widget *body, const fq_app_signoff_view *v)
{
    for (size_t i = 0; i < v->n_signoffs; i++) {
        const fq_signoff *so = &v->signoffs[i].signoff;
        const fq_photo *ph = &v->signoffs[i].signature;
        char line[400], path[1200];
        snprintf(line, sizeof line, "Signed by %s (%s): %s", so->signer_name,
                 fq_role_name(so->role), fq_verdict_name(so->verdict));
        fq_label_set_wrap(fq_label_new(body, line), 2);
        /* the signature itself, as stored: what the report will show */
        int iw = 0, ih = 0, id = -1;
        if (ph->meta.uuid[0] && fq_app_photo_path(s->app, ph, 0, path, sizeof path) == FQ_OK)
            id = fq_screens_load_image(s, path, &iw, &ih);
        if (id > 0 && iw > 0) {
            fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
            fq_widget *img = fq_image_new(card, id, iw, ih);
            float w_mm = 60.0f;
            fq_widget_set_size_mm(img, w_mm, w_mm * (float)ih / (float)iw);
        }
    }
}

static int verdict_index(fq_verdict verdict)
{
    for (int i = 0; i < 4; i++)
        if (VERDICTS[i] == verdict)
            return i;
    return -1;
}

void fq_screens_build_signoff(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv)
{
    fq_app_signoff_view v;
    if (fq_app_signoff_read(s->app, vv->visit.meta.uuid, &v) != FQ_OK) {
        fq_screens_error(s, "Cannot read the sign-off");
        return;
    }
    if (vv->read_only) {
        fq_screens_section_title(body, "Signed off");
        list_signoffs(s, body, &v);
        fq_app_signoff_view_free(&v);
        return;
    }
    sign_ctx *sc = fq_screens_alloc(s, sizeof *sc);
    sc->s = s;
    sc->verdict_index = v.verdict_suggested ? verdict_index(v.suggested_verdict) : -1;
    snprintf(sc->names[0], sizeof sc->names[0], "%s", v.inspector_name);
    fq_app_signoff_view_free(&v);

    fq_screens_section_title(body, "Verdict");
    static const char *const labels[4] = {"Pass", "Fail", "Pending", "Waived"};
    sc->verdict = fq_choice_new(body, labels, 4, FQ_CHOICE_SEGMENTED);
    fq_choice_set_selected(sc->verdict, sc->verdict_index);
    fq_widget_set_handler(sc->verdict, on_verdict, sc);

    bool wide = fq_screens_landscape(s);
    fq_widget *pads = fq_box_new(body, wide ? FQ_BOX_ROW_DIR : FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    static const char *const who[2] = {"Inspector", "Factory representative"};
    for (int i = 0; i < 2; i++) {
        fq_widget *col = fq_box_new(pads, FQ_BOX_COLUMN, FQ_BOX_CARD);
        fq_widget_set_grow(col, 1);
        fq_widget *top = fq_box_new(col, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
        fq_widget *l = fq_label_new(top, who[i]);
        fq_label_set_role(l, FQ_TEXT_STRONG);
        fq_widget_set_grow(l, 1);
        fq_widget *cl = fq_button_new(top, "Clear", FQ_BUTTON_NORMAL);
        fq_widget_set_tag(cl, i);
        fq_widget_set_handler(cl, on_clear, sc);
        fq_screens_text_field(s, col, NULL, sc->names[i], sizeof sc->names[i], "Name",
                              noop_commit, sc);
        sc->canvas[i] = fq_canvas_new(col);
        fq_widget_set_size_mm(sc->canvas[i], 0, 30);
    }
    fq_widget *sign = fq_button_new(body, "Sign off visit", FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(sign, on_sign, sc);
}
