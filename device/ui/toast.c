/* Toast: one status line above the bottom edge (info / ok / error colours), replaced by the
 * next one, gone after its duration or when tapped. Deliberately a single slot: a queue of
 * messages would only delay the one that matters now. A timed toast ("Saved") is as wide as
 * its text and lets taps through to the buttons under it: an inspector tapping +1 twice in
 * a row must not lose the second tap to the confirmation of the first. Only a sticky toast
 * (duration 0) takes a tap, to dismiss it. */
#include "ui_internal.h"

typedef struct toast_data {
    fq_toast_kind kind;
} toast_data;

static void toast_draw(fq_widget *w, fq_draw_list *dl)
{
    toast_data *d = w->data;
    const fq_ui_theme *t = &w->ui->theme;
    fq_color fill = d->kind == FQ_TOAST_ERROR ? t->fail : d->kind == FQ_TOAST_OK ? t->pass
                                                                               : t->header_bg;
    fq_ui_dl_rect(dl, w->rect, fill, w->ui->px.radius, 0, fill);
}

static bool toast_click(fq_widget *w, int x, int y)
{
    (void)x;
    (void)y;
    fq_ui *ui = w->ui;
    ui->toast_until_ms = 0;
    fq_ui_dirty_rect(ui, w->rect);
    ui->toast->flags |= WF_HIDDEN;
    return true;
}

static const widget_class toast_class = {
    .name = "toast",
    .draw = toast_draw,
    .click = toast_click,
};

void fq_ui_toast_place(fq_ui *ui, fq_rect area)
{
    if (!ui->toast || (ui->toast->flags & WF_HIDDEN))
        return;
    int margin = ui->px.pad * 2;
    int w = area.w - 2 * margin;
    int mw;
    int h;
    fq_ui_layout_measure(ui->toast, w, &mw, &h);
    if (mw > 0 && mw < w)
        w = mw;
    fq_rect r = {area.x + (area.w - w) / 2, area.y + area.h - margin - h, w, h};
    fq_ui_layout_place(ui->toast, r);
}

bool fq_ui_toast_takes_taps(const fq_ui *ui)
{
    return ui->toast && !(ui->toast->flags & WF_HIDDEN) && ui->toast_until_ms == 0;
}

void fq_ui_toast_tick(fq_ui *ui, int64_t now_ms)
{
    if (ui->toast && ui->toast_until_ms > 0 && now_ms >= ui->toast_until_ms) {
        ui->toast_until_ms = 0;
        fq_ui_dirty_rect(ui, ui->toast->rect);
        ui->toast->flags |= WF_HIDDEN;
    }
}

void fq_ui_toast_free_layer(fq_ui *ui)
{
    if (ui->toast)
        fq_ui_widget_destroy(ui->toast);
    ui->toast = NULL;
}

void fq_ui_toast(fq_ui *ui, const char *text, fq_toast_kind kind, int duration_ms)
{
    if (!ui->toast) {
        ui->toast = fq_ui_widget_new_layer(ui, &toast_class);
        ui->toast->data = fq_ui_xcalloc(1, sizeof(toast_data));
        ui->toast->box_style = FQ_BOX_CARD; /* padding */
        ui->toast->flags |= WF_CLICKABLE;
        fq_widget *label = fq_label_new(ui->toast, text);
        fq_label_set_role(label, FQ_TEXT_STRONG);
    }
    toast_data *d = ui->toast->data;
    d->kind = kind;
    fq_label_set_text(ui->toast->first, text);
    fq_label_set_color(ui->toast->first, ui->theme.on_status);
    if (ui->toast->flags & WF_HIDDEN)
        ui->toast->flags &= ~WF_HIDDEN;
    ui->toast_until_ms = duration_ms > 0 ? ui->now_ms + duration_ms : 0;
    ui->need_layout = true;
    fq_ui_dirty_rect(ui, ui->toast->rect);
}
