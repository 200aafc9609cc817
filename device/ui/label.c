/* Label: a copied UTF-8 text in a role (body, strong, title, small, muted). One line with an
 * ellipsis when it does not fit, or greedy word wrap up to max_lines with the ellipsis on
 * the last line. Deliberately no rich text: a screen wanting two styles uses two labels. */
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

typedef struct label_data {
    char *text;
    fq_text_role role;
    fq_align align;
    bool wrap;
    int max_lines;
    fq_color color; /* a == 0: role colour */
} label_data;

static void font_of(const fq_widget *w, int *size, fq_font_style *style, fq_color *color)
{
    const label_data *d = w->data;
    fq_ui_role_font(w->ui, d->role, size, style, color);
    if (d->color.a)
        *color = d->color;
    /* Inside a header bar the role colour would vanish on the dark bar. */
    for (const fq_widget *p = w->parent; p; p = p->parent)
        if (p->cls == &fq_ui_box_class && p->box_style == FQ_BOX_HEADER && !d->color.a) {
            *color = w->ui->theme.header_text;
            break;
        }
    if (!fq_ui_widget_enabled(w))
        *color = fq_ui_color_mix(*color, w->ui->theme.bg, 120);
}

static int count_lines(const fq_widget *w, int max_w, int size, fq_font_style style)
{
    const label_data *d = w->data;
    size_t len = strlen(d->text);
    size_t pos = 0;
    int n = 0;
    while (pos < len) {
        size_t start;
        fq_ui_text_wrap_next(w->ui, style, size, d->text, len, &pos, max_w, &start);
        n++;
        if (d->max_lines && n >= d->max_lines)
            break;
    }
    return n ? n : 1;
}

static void label_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    label_data *d = w->data;
    int size;
    fq_font_style style;
    fq_color color;
    font_of(w, &size, &style, &color);
    int lh = fq_ui_text_height(w->ui, style, size);
    int tw = fq_ui_text_width(w->ui, style, size, d->text, strlen(d->text));
    if (d->wrap && tw > avail_w && avail_w > 0) {
        *out_w = avail_w;
        *out_h = lh * count_lines(w, avail_w, size, style);
    } else {
        *out_w = tw;
        *out_h = lh;
    }
}

static void label_draw(fq_widget *w, fq_draw_list *dl)
{
    label_data *d = w->data;
    int size;
    fq_font_style style;
    fq_color color;
    font_of(w, &size, &style, &color);
    int lh = fq_ui_text_height(w->ui, style, size);
    size_t len = strlen(d->text);
    fq_rect r = w->rect;
    if (!d->wrap) {
        int y = r.y + (r.h - lh) / 2;
        fq_ui_text_draw_line(w->ui, dl, r.x, y, d->text, len, size, style, color, r.w, d->align);
        return;
    }
    int n_lines = count_lines(w, r.w, size, style);
    int y = r.y + (r.h - n_lines * lh) / 2;
    size_t pos = 0;
    for (int i = 0; i < n_lines && pos < len; i++) {
        size_t start;
        size_t n = fq_ui_text_wrap_next(w->ui, style, size, d->text, len, &pos, r.w, &start);
        if (i == n_lines - 1 && pos < len)
            n = len - start; /* last allowed line: the rest, ellipsised */
        fq_ui_text_draw_line(w->ui, dl, r.x, y, d->text + start, n, size, style, color, r.w,
                             d->align);
        y += lh;
    }
}

static int label_texts(const fq_widget *w, const char **out, int n)
{
    const label_data *d = w->data;
    if (n < 1)
        return 0;
    out[0] = d->text;
    return 1;
}

static void label_destroy(fq_widget *w)
{
    label_data *d = w->data;
    free(d->text);
}

static const widget_class label_class = {
    .name = "label",
    .measure = label_measure,
    .draw = label_draw,
    .texts = label_texts,
    .destroy = label_destroy,
};

fq_widget *fq_label_new(fq_widget *parent, const char *text)
{
    fq_widget *w = fq_ui_widget_new(parent, &label_class, sizeof(label_data));
    label_data *d = w->data;
    d->text = fq_ui_xstrdup(text);
    return w;
}

void fq_label_set_text(fq_widget *label, const char *text)
{
    label_data *d = label->data;
    if (strcmp(d->text, text ? text : "") == 0)
        return;
    free(d->text);
    d->text = fq_ui_xstrdup(text);
    fq_ui_widget_relayout(label);
}

const char *fq_label_text(const fq_widget *label)
{
    const label_data *d = label->data;
    return d->text;
}

void fq_label_set_role(fq_widget *label, fq_text_role role)
{
    label_data *d = label->data;
    d->role = role;
    fq_ui_widget_relayout(label);
}

void fq_label_set_align(fq_widget *label, fq_align align)
{
    label_data *d = label->data;
    d->align = align;
    fq_widget_invalidate(label);
}

void fq_label_set_wrap(fq_widget *label, int max_lines)
{
    label_data *d = label->data;
    d->wrap = true;
    d->max_lines = max_lines > 0 ? max_lines : 0;
    fq_ui_widget_relayout(label);
}

void fq_label_set_color(fq_widget *label, fq_color color)
{
    label_data *d = label->data;
    d->color = color;
    fq_widget_invalidate(label);
}
