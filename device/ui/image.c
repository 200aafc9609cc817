/* Image: an id the platform registered, drawn letterboxed (aspect kept) in the widget rect.
 * Deliberately no pixels here: textures live in the platform, the ui only knows sizes. */
#include "ui_internal.h"

typedef struct image_data {
    int id;
    int img_w, img_h;
} image_data;

static void image_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    image_data *d = w->data;
    int iw = d->img_w > 0 ? d->img_w : w->ui->px.target;
    int ih = d->img_h > 0 ? d->img_h : w->ui->px.target;
    if (iw > avail_w && avail_w > 0) {
        ih = (int)((int64_t)ih * avail_w / iw);
        iw = avail_w;
    }
    *out_w = iw;
    *out_h = ih;
}

static void image_draw(fq_widget *w, fq_draw_list *dl)
{
    image_data *d = w->data;
    fq_rect r = w->rect;
    if (d->img_w <= 0 || d->img_h <= 0 || r.w <= 0 || r.h <= 0) {
        fq_ui_dl_rect(dl, r, w->ui->theme.surface_alt, 0, w->ui->px.border, w->ui->theme.border);
        return;
    }
    /* contain: scale by the tighter axis */
    fq_rect o = r;
    if ((int64_t)d->img_w * r.h > (int64_t)d->img_h * r.w) {
        o.h = (int)((int64_t)d->img_h * r.w / d->img_w);
        o.y += (r.h - o.h) / 2;
    } else {
        o.w = (int)((int64_t)d->img_w * r.h / d->img_h);
        o.x += (r.w - o.w) / 2;
    }
    fq_ui_dl_image(dl, o, d->id);
}

static const widget_class image_class = {
    .name = "image",
    .measure = image_measure,
    .draw = image_draw,
};

fq_widget *fq_image_new(fq_widget *parent, int image_id, int img_w, int img_h)
{
    fq_widget *w = fq_ui_widget_new(parent, &image_class, sizeof(image_data));
    fq_image_set(w, image_id, img_w, img_h);
    return w;
}

void fq_image_set(fq_widget *image, int image_id, int img_w, int img_h)
{
    image_data *d = image->data;
    d->id = image_id;
    d->img_w = img_w;
    d->img_h = img_h;
    fq_ui_widget_relayout(image);
}
