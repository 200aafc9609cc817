/* Button: a text (copied) in a variant colour, at least one touch target tall and wide,
 * CLICK on release. Also the shared painter for choice segments so a pass/fail/N/A choice
 * and a verdict button look the same. Deliberately no icons yet (text reads with gloves
 * and in any language; icons would come as image ids, issue 5). */
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

typedef struct button_data {
    char *text;
    fq_button_variant variant;
} button_data;

static fq_color status_color(const fq_ui_theme *t, fq_button_variant v)
{
    return v == FQ_BUTTON_PASS ? t->pass : v == FQ_BUTTON_FAIL ? t->fail : t->na;
}

void fq_ui_button_paint(fq_ui *ui, fq_draw_list *dl, fq_rect r, const char *text,
                        fq_button_variant variant, bool pressed, bool checked, bool disabled,
                        int radius_px)
{
    const fq_ui_theme *t = &ui->theme;
    fq_color fill = t->surface_alt;
    fq_color ink = t->text;
    fq_color edge = t->border;
    int border = ui->px.border;
    fq_font_style style = FQ_FONT_BOLD;
    switch (variant) {
    case FQ_BUTTON_NORMAL:
        if (checked) {
            fill = t->primary;
            ink = t->on_primary;
            edge = t->primary;
        }
        break;
    case FQ_BUTTON_PRIMARY:
        fill = edge = t->primary;
        ink = t->on_primary;
        break;
    case FQ_BUTTON_DANGER:
        fill = edge = t->danger;
        ink = t->on_danger;
        break;
    case FQ_BUTTON_PASS:
    case FQ_BUTTON_FAIL:
    case FQ_BUTTON_NA:
        edge = status_color(t, variant);
        border = ui->px.border * 2;
        if (checked) {
            fill = edge;
            ink = t->on_status;
        } else {
            fill = t->surface;
            ink = variant == FQ_BUTTON_NA ? t->text : edge;
        }
        break;
    }
    if (pressed) {
        fq_color dark = {0, 0, 0, 255};
        fill =
            variant == FQ_BUTTON_NORMAL && !checked ? t->pressed : fq_ui_color_mix(fill, dark, 70);
    }
    if (disabled) {
        fill = fq_ui_color_mix(fill, t->bg, 150);
        ink = fq_ui_color_mix(ink, t->bg, 140);
        edge = fq_ui_color_mix(edge, t->bg, 150);
    }
    fq_ui_dl_rect(dl, r, fill, radius_px, border, edge);
    int size = ui->px.text;
    int lh = fq_ui_text_height(ui, style, size);
    int pad = ui->px.pad;
    fq_ui_text_draw_line(ui, dl, r.x + pad, r.y + (r.h - lh) / 2, text, strlen(text), size, style,
                         ink, r.w - 2 * pad, FQ_ALIGN_CENTER);
}

static void button_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    (void)avail_w;
    button_data *d = w->data;
    fq_ui *ui = w->ui;
    int tw = fq_ui_text_width(ui, FQ_FONT_BOLD, ui->px.text, d->text, strlen(d->text));
    int bw = tw + 3 * ui->px.pad;
    int lh = fq_ui_text_height(ui, FQ_FONT_BOLD, ui->px.text);
    *out_w = bw > ui->px.target ? bw : ui->px.target;
    *out_h = lh + 2 * ui->px.pad > ui->px.target ? lh + 2 * ui->px.pad : ui->px.target;
}

static void button_draw(fq_widget *w, fq_draw_list *dl)
{
    button_data *d = w->data;
    fq_ui_button_paint(w->ui, dl, w->rect, d->text, d->variant, (w->flags & WF_PRESSED) != 0,
                       (w->flags & WF_CHECKED) != 0, !fq_ui_widget_enabled(w), w->ui->px.radius);
}

static int button_texts(const fq_widget *w, const char **out, int n)
{
    const button_data *d = w->data;
    if (n < 1)
        return 0;
    out[0] = d->text;
    return 1;
}

static void button_destroy(fq_widget *w)
{
    button_data *d = w->data;
    free(d->text);
}

static const widget_class button_class = {
    .name = "button",
    .measure = button_measure,
    .draw = button_draw,
    .texts = button_texts,
    .destroy = button_destroy,
};

fq_widget *fq_button_new(fq_widget *parent, const char *text, fq_button_variant variant)
{
    fq_widget *w = fq_ui_widget_new(parent, &button_class, sizeof(button_data));
    button_data *d = w->data;
    d->text = fq_ui_xstrdup(text);
    d->variant = variant;
    w->flags |= WF_CLICKABLE;
    return w;
}

void fq_button_set_text(fq_widget *button, const char *text)
{
    button_data *d = button->data;
    free(d->text);
    d->text = fq_ui_xstrdup(text);
    fq_ui_widget_relayout(button);
}

void fq_button_set_variant(fq_widget *button, fq_button_variant variant)
{
    button_data *d = button->data;
    d->variant = variant;
    fq_widget_invalidate(button);
}

void fq_button_set_checked(fq_widget *button, bool checked)
{
    unsigned before = button->flags;
    button->flags = checked ? (button->flags | WF_CHECKED) : (button->flags & ~WF_CHECKED);
    if (before != button->flags)
        fq_widget_invalidate(button);
}

bool fq_button_checked(const fq_widget *button)
{
    return (button->flags & WF_CHECKED) != 0;
}
