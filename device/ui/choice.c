/* Choice: a row of mutually exclusive segments drawn as one widget (segmented control,
 * pass/fail/N/A verdict, or tab bar). One widget rather than N buttons so selection, equal
 * widths and the joined look stay consistent. Deliberately not scrollable: 16 segments max,
 * screens with more choices use a list. */
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

#define MAX_SEGMENTS 16

typedef struct choice_data {
    char *labels[MAX_SEGMENTS];
    fq_button_variant variants[MAX_SEGMENTS];
    int n;
    int selected;
    fq_choice_style style;
} choice_data;

/* A tab bar gives each tab its label's width plus an equal share of what is left, so nine
 * tabs fit a 800 px panel with every label whole; the other styles are equal segments. */
static int tab_label_w(const fq_widget *w, int i, int pad)
{
    const choice_data *d = w->data;
    fq_ui *ui = w->ui;
    return fq_ui_text_width(ui, FQ_FONT_BOLD, ui->px.text, d->labels[i], strlen(d->labels[i])) +
           pad;
}

static fq_rect tab_rect(const fq_widget *w, int i)
{
    const choice_data *d = w->data;
    /* padding on both sides of a label while it fits, else half of that, else proportional */
    int pad = 2 * w->ui->px.pad;
    int total = 0;
    for (int tries = 0; tries < 2; tries++, pad /= 2) {
        total = 0;
        for (int k = 0; k < d->n; k++)
            total += tab_label_w(w, k, pad);
        if (total <= w->rect.w)
            break;
    }
    int before = 0;
    for (int k = 0; k < i; k++)
        before += tab_label_w(w, k, pad);
    int extra = w->rect.w - total;
    if (extra < 0) { /* too narrow even so: widths in proportion to the labels */
        int x0 = w->rect.x + (int)((int64_t)before * w->rect.w / total);
        int x1 = w->rect.x +
                 (int)((int64_t)(before + tab_label_w(w, i, pad)) * w->rect.w / total);
        return (fq_rect){x0, w->rect.y, x1 - x0, w->rect.h};
    }
    int x0 = w->rect.x + before + extra * i / d->n;
    int x1 = w->rect.x + before + tab_label_w(w, i, pad) + extra * (i + 1) / d->n;
    return (fq_rect){x0, w->rect.y, x1 - x0, w->rect.h};
}

fq_rect fq_ui_choice_segment_rect(const fq_widget *w, int i)
{
    const choice_data *d = w->data;
    if (d->style == FQ_CHOICE_TABS)
        return tab_rect(w, i);
    int gap = d->style == FQ_CHOICE_VERDICT ? w->ui->px.gap : 0;
    int x0 = w->rect.x + (w->rect.w + gap) * i / d->n;
    int x1 = w->rect.x + (w->rect.w + gap) * (i + 1) / d->n - gap;
    fq_rect r = {x0, w->rect.y, x1 - x0, w->rect.h};
    return r;
}

static int segment_at(const fq_widget *w, int x)
{
    const choice_data *d = w->data;
    for (int i = 0; i < d->n; i++) {
        fq_rect r = fq_ui_choice_segment_rect(w, i);
        if (x >= r.x && x < r.x + r.w)
            return i;
    }
    return -1;
}

static void choice_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    choice_data *d = w->data;
    fq_ui *ui = w->ui;
    int widest = 0;
    for (int i = 0; i < d->n; i++) {
        int tw =
            fq_ui_text_width(ui, FQ_FONT_BOLD, ui->px.text, d->labels[i], strlen(d->labels[i]));
        widest = tw > widest ? tw : widest;
    }
    int seg = widest + 3 * ui->px.pad;
    seg = seg > ui->px.target ? seg : ui->px.target;
    int want = seg * d->n;
    *out_w = avail_w > want ? avail_w : want;
    *out_h = ui->px.target;
}

static void draw_tab(fq_widget *w, fq_draw_list *dl, int i, int pressed)
{
    choice_data *d = w->data;
    fq_ui *ui = w->ui;
    const fq_ui_theme *t = &ui->theme;
    fq_rect r = fq_ui_choice_segment_rect(w, i);
    bool sel = i == d->selected;
    fq_ui_dl_rect(dl, r, i == pressed ? t->pressed : t->surface_alt, 0, 0, t->border);
    int size = ui->px.text;
    fq_font_style style = sel ? FQ_FONT_BOLD : FQ_FONT_REGULAR;
    int lh = fq_ui_text_height(ui, style, size);
    fq_ui_text_draw_line(ui, dl, r.x + 2, r.y + (r.h - lh) / 2, d->labels[i],
                         strlen(d->labels[i]), size, style, sel ? t->primary : t->text_muted,
                         r.w - 4, FQ_ALIGN_CENTER);
    int bar = sel ? ui->px.focus : ui->px.border / 2 + 1;
    fq_rect under = {r.x, r.y + r.h - bar, r.w, bar};
    fq_ui_dl_rect(dl, under, sel ? t->primary : t->border, 0, 0, t->border);
}

static void choice_draw(fq_widget *w, fq_draw_list *dl)
{
    choice_data *d = w->data;
    fq_ui *ui = w->ui;
    bool disabled = !fq_ui_widget_enabled(w);
    int pressed = (w->flags & WF_PRESSED) ? segment_at(w, ui->g.start_x) : -1;
    for (int i = 0; i < d->n; i++) {
        if (d->style == FQ_CHOICE_TABS) {
            draw_tab(w, dl, i, pressed);
            continue;
        }
        fq_button_variant v = d->variants[i];
        int radius = d->style == FQ_CHOICE_VERDICT ? ui->px.radius : 0;
        fq_ui_button_paint(ui, dl, fq_ui_choice_segment_rect(w, i), d->labels[i], v, i == pressed,
                           i == d->selected, disabled, radius);
    }
    if (d->style == FQ_CHOICE_SEGMENTED) /* one frame around the joined segments */
        fq_ui_dl_rect(dl, w->rect, (fq_color){0, 0, 0, 0}, 0, ui->px.border, ui->theme.border);
}

/* Tap on release, like a button; the segment must be the one the finger went down on. */
static bool choice_click(fq_widget *w, int x, int y)
{
    choice_data *d = w->data;
    int seg = segment_at(w, x);
    if (seg < 0 || seg != segment_at(w, w->ui->g.start_x) || seg == d->selected)
        return true;
    d->selected = seg;
    fq_widget_invalidate(w);
    fq_ui_widget_emit(w, FQ_UI_EV_CHANGE, seg, x, y);
    return true;
}

static int choice_texts(const fq_widget *w, const char **out, int n)
{
    const choice_data *d = w->data;
    int k = 0;
    for (int i = 0; i < d->n && k < n; i++)
        out[k++] = d->labels[i];
    return k;
}

static void choice_destroy(fq_widget *w)
{
    choice_data *d = w->data;
    for (int i = 0; i < d->n; i++)
        free(d->labels[i]);
}

static const widget_class choice_class = {
    .name = "choice",
    .measure = choice_measure,
    .draw = choice_draw,
    .click = choice_click,
    .texts = choice_texts,
    .destroy = choice_destroy,
};

fq_widget *fq_choice_new(fq_widget *parent, const char *const *labels, int n,
                         fq_choice_style style)
{
    fq_widget *w = fq_ui_widget_new(parent, &choice_class, sizeof(choice_data));
    choice_data *d = w->data;
    n = n < 1 ? 1 : (n > MAX_SEGMENTS ? MAX_SEGMENTS : n);
    for (int i = 0; i < n; i++) {
        d->labels[i] = fq_ui_xstrdup(labels ? labels[i] : "");
        d->variants[i] = FQ_BUTTON_NORMAL;
    }
    d->n = n;
    d->selected = -1;
    d->style = style;
    w->flags |= WF_CLICKABLE;
    return w;
}

fq_widget *fq_choice_new_verdict(fq_widget *parent, const char *pass_label,
                                 const char *fail_label, const char *na_label)
{
    const char *labels[3] = {pass_label, fail_label, na_label};
    fq_widget *w = fq_choice_new(parent, labels, 3, FQ_CHOICE_VERDICT);
    fq_choice_set_variant(w, 0, FQ_BUTTON_PASS);
    fq_choice_set_variant(w, 1, FQ_BUTTON_FAIL);
    fq_choice_set_variant(w, 2, FQ_BUTTON_NA);
    return w;
}

fq_widget *fq_tabbar_new(fq_widget *parent, const char *const *labels, int n)
{
    return fq_choice_new(parent, labels, n, FQ_CHOICE_TABS);
}

void fq_choice_set_selected(fq_widget *choice, int index)
{
    choice_data *d = choice->data;
    d->selected = index >= 0 && index < d->n ? index : -1;
    fq_widget_invalidate(choice);
}

int fq_choice_selected(const fq_widget *choice)
{
    const choice_data *d = choice->data;
    return d->selected;
}

void fq_choice_set_variant(fq_widget *choice, int index, fq_button_variant variant)
{
    choice_data *d = choice->data;
    if (index >= 0 && index < d->n)
        d->variants[index] = variant;
    fq_widget_invalidate(choice);
}
