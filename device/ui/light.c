/* Status light: a traffic-light dot (green on schedule, yellow at risk, red late, grey not
 * started/unknown) with a dark ring so yellow still reads on white in sunlight. Deliberately
 * colour plus position only; screens put the word next to it for colour-blind readers. */
#include "ui_internal.h"

typedef struct light_data {
    fq_ui_light_state state;
} light_data;

static void light_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    (void)avail_w;
    *out_w = *out_h = w->ui->px.light;
}

static fq_color light_color(const fq_ui *ui, fq_ui_light_state s)
{
    const fq_ui_theme *t = &ui->theme;
    switch (s) {
    case FQ_UI_LIGHT_GREEN:
        return t->pass;
    case FQ_UI_LIGHT_YELLOW:
        return t->warn;
    case FQ_UI_LIGHT_RED:
        return t->fail;
    case FQ_UI_LIGHT_GREY:
        break;
    }
    return fq_ui_color_mix(t->na, t->bg, 90);
}

static void light_draw(fq_widget *w, fq_draw_list *dl)
{
    light_data *d = w->data;
    fq_ui *ui = w->ui;
    int dia = ui->px.light;
    dia = dia > w->rect.w ? w->rect.w : dia;
    dia = dia > w->rect.h ? w->rect.h : dia;
    fq_rect box = {w->rect.x + (w->rect.w - dia) / 2, w->rect.y + (w->rect.h - dia) / 2, dia, dia};
    fq_color ring = ui->theme.bg.r > 128 ? (fq_color){0, 0, 0, 200} : (fq_color){255, 255, 255, 200};
    fq_ui_dl_circle(dl, box, light_color(ui, d->state), ui->px.border, ring);
}

static const widget_class light_class = {
    .name = "light",
    .measure = light_measure,
    .draw = light_draw,
};

fq_widget *fq_ui_light_new(fq_widget *parent, fq_ui_light_state state)
{
    fq_widget *w = fq_ui_widget_new(parent, &light_class, sizeof(light_data));
    light_data *d = w->data;
    d->state = state;
    return w;
}

void fq_ui_light_set_state(fq_widget *light, fq_ui_light_state state)
{
    light_data *d = light->data;
    if (d->state != state) {
        d->state = state;
        fq_widget_invalidate(light);
    }
}

fq_ui_light_state fq_ui_light_get_state(const fq_widget *light)
{
    const light_data *d = light->data;
    return d->state;
}
