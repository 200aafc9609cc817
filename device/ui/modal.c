/* Modals: a dimmed backdrop layer over the screen holding one centred panel, stacked (the
 * top one gets all input; taps outside its panel are swallowed), plus a ready-made dialog
 * with title, message and a row of buttons. Deliberately no animation. */
#include <stdlib.h>

#include "ui_internal.h"

#define DIALOG_MAX_BUTTONS 4
#define PANEL_MAX_W_MM 150.0f

typedef struct dialog_ctx {
    fq_ui_handler handler;
    void *user;
} dialog_ctx;

static void backdrop_destroy(fq_widget *w)
{
    (void)w; /* data (a dialog_ctx or NULL) is freed by the tree like any widget data */
}

static const widget_class backdrop_class = {.name = "modal", .destroy = backdrop_destroy};

void fq_ui_modal_place(fq_widget *backdrop, fq_rect area)
{
    fq_ui *ui = backdrop->ui;
    backdrop->rect = area;
    fq_widget *panel = backdrop->first;
    if (!panel)
        return;
    int margin = ui->px.pad * 2;
    int max_w = fq_ui_mm(ui, PANEL_MAX_W_MM);
    int pw = area.w - 2 * margin;
    pw = pw > max_w ? max_w : pw;
    if (panel->fixed_w_px && panel->fixed_w_px < pw)
        pw = panel->fixed_w_px;
    int pw_measured;
    int ph;
    fq_ui_layout_measure(panel, pw, &pw_measured, &ph);
    if (ph > area.h - 2 * margin)
        ph = area.h - 2 * margin;
    fq_rect r = {area.x + (area.w - pw) / 2, area.y + (area.h - ph) / 2, pw, ph};
    fq_ui_layout_place(panel, r);
}

fq_widget *fq_modal_new(fq_ui *ui)
{
    if (ui->n_modals == MAX_MODALS) /* a stack this deep is a screen bug */
        abort();
    fq_widget *backdrop = fq_ui_widget_new_layer(ui, &backdrop_class);
    ui->modals[ui->n_modals++] = backdrop;
    fq_widget *panel = fq_box_new(backdrop, FQ_BOX_COLUMN, FQ_BOX_PANEL);
    /* Cancel any press on the screen below: it can no longer be released onto. */
    fq_ui_gesture_forget(ui, ui->root);
    ui->need_layout = true;
    fq_ui_dirty_all(ui);
    return panel;
}

void fq_modal_close(fq_widget *w)
{
    fq_ui *ui = w->ui;
    fq_widget *layer = fq_ui_widget_layer_of(w);
    int idx = -1;
    for (int i = 0; i < ui->n_modals; i++)
        if (ui->modals[i] == layer)
            idx = i;
    if (idx < 0)
        return;
    for (int i = idx; i < ui->n_modals - 1; i++)
        ui->modals[i] = ui->modals[i + 1];
    ui->n_modals--;
    fq_ui_widget_destroy(layer);
    ui->need_layout = true;
    fq_ui_dirty_all(ui);
}

bool fq_ui_modal_open(const fq_ui *ui)
{
    return ui->n_modals > 0;
}

static void dialog_button(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_widget *layer = fq_ui_widget_layer_of(w);
    dialog_ctx ctx = *(dialog_ctx *)layer->data;
    fq_ui *ui = w->ui;
    fq_ui_event out = {FQ_UI_EV_CLICK, (int)fq_widget_tag(w), 0, 0};
    fq_modal_close(w);
    (void)ui;
    if (ctx.handler)
        ctx.handler(NULL, &out, ctx.user);
}

void fq_dialog_open(fq_ui *ui, const char *title, const char *message,
                    const char *const *buttons, int n_buttons, fq_ui_handler handler,
                    void *user)
{
    fq_widget *panel = fq_modal_new(ui);
    fq_widget *layer = fq_ui_widget_layer_of(panel);
    dialog_ctx *ctx = fq_ui_xcalloc(1, sizeof *ctx);
    ctx->handler = handler;
    ctx->user = user;
    layer->data = ctx;
    fq_widget_set_gap_mm(panel, 3.0f);
    if (title) {
        fq_widget *t = fq_label_new(panel, title);
        fq_label_set_role(t, FQ_TEXT_TITLE);
        fq_label_set_wrap(t, 2);
    }
    if (message) {
        fq_widget *m = fq_label_new(panel, message);
        fq_label_set_wrap(m, 0);
    }
    fq_widget *row = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    n_buttons = n_buttons < 1 ? 0 : (n_buttons > DIALOG_MAX_BUTTONS ? DIALOG_MAX_BUTTONS : n_buttons);
    for (int i = 0; i < n_buttons; i++) {
        fq_widget *b = fq_button_new(row, buttons[i],
                                     i == n_buttons - 1 ? FQ_BUTTON_PRIMARY : FQ_BUTTON_NORMAL);
        fq_widget_set_grow(b, 1);
        fq_widget_set_tag(b, i);
        fq_widget_set_handler(b, dialog_button, NULL);
    }
}
