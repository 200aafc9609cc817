/* The two built-in themes and the mm -> px conversion. Light is the default: black on white
 * with saturated status colours reads in direct sun on a factory floor; dark is for dim
 * warehouses. Sizes are in millimetres so a 10+ mm glove target stays 10 mm on a 7" 800x480
 * panel and on a 5.5" 720x1280 handheld alike. Deliberately no per-widget style overrides. */
#include <math.h>

#include "ui_internal.h"

static fq_color rgb(unsigned v)
{
    fq_color c = {(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v, 255};
    return c;
}

static void set_sizes(fq_ui_theme *t)
{
    t->text_mm = 3.4f;
    t->title_mm = 4.2f;
    t->small_mm = 2.9f;
    t->target_mm = 11.0f;
    t->pad_mm = 2.0f;
    t->gap_mm = 1.5f;
    t->radius_mm = 1.5f;
    t->border_mm = 0.4f;
    t->focus_mm = 0.8f;
    t->light_mm = 5.0f;
    t->key_h_mm = 10.5f;
    t->scroll_threshold_mm = 2.5f;
    t->long_press_ms = 600;
    t->settle_ms = 1500; /* longer than a pause between two keys on the on-screen keyboard */
}

fq_ui_theme fq_ui_theme_get(fq_ui_theme_id id)
{
    fq_ui_theme t;
    set_sizes(&t);
    if (id == FQ_THEME_DARK) {
        t.bg = rgb(0x121212);
        t.surface = rgb(0x1E1E1E);
        t.surface_alt = rgb(0x2C2C2C);
        t.text = rgb(0xFFFFFF);
        t.text_muted = rgb(0xC4C4C4);
        t.border = rgb(0x9A9A9A);
        t.pressed = rgb(0x3D5A80);
        t.focus = rgb(0x7CB8FF);
        t.primary = rgb(0x2F6FE0);
        t.on_primary = rgb(0xFFFFFF);
        t.danger = rgb(0xE53935);
        t.on_danger = rgb(0xFFFFFF);
        t.pass = rgb(0x2E9E44);
        t.fail = rgb(0xE53935);
        t.na = rgb(0x7A7A7A);
        t.warn = rgb(0xFFD54F);
        t.on_status = rgb(0xFFFFFF);
        t.header_bg = rgb(0x000000);
        t.header_text = rgb(0xFFFFFF);
        t.key_bg = rgb(0x2C2C2C);
        t.key_special_bg = rgb(0x454545);
    } else {
        t.bg = rgb(0xFFFFFF);
        t.surface = rgb(0xFFFFFF);
        t.surface_alt = rgb(0xE9EDF1);
        t.text = rgb(0x000000);
        t.text_muted = rgb(0x454545);
        t.border = rgb(0x4A4A4A);
        t.pressed = rgb(0xB9CCE6);
        t.focus = rgb(0x0050C8);
        t.primary = rgb(0x0047AB);
        t.on_primary = rgb(0xFFFFFF);
        t.danger = rgb(0xB00020);
        t.on_danger = rgb(0xFFFFFF);
        t.pass = rgb(0x1B7F2A);
        t.fail = rgb(0xC62828);
        t.na = rgb(0x5F5F5F);
        t.warn = rgb(0xF2B600);
        t.on_status = rgb(0xFFFFFF);
        t.header_bg = rgb(0x102A43);
        t.header_text = rgb(0xFFFFFF);
        t.key_bg = rgb(0xFFFFFF);
        t.key_special_bg = rgb(0xCFD8E2);
    }
    t.overlay = (fq_color){0, 0, 0, 150};
    return t;
}

int fq_ui_mm(const fq_ui *ui, float mm)
{
    if (mm <= 0.0f)
        return 0;
    int px = (int)lroundf(mm * ui->px_per_mm);
    return px < 1 ? 1 : px;
}

void fq_ui_theme_apply(fq_ui *ui)
{
    float dpi = ui->cfg.dpi > 0.0f ? ui->cfg.dpi : 133.0f;
    ui->px_per_mm = dpi / 25.4f;
    const fq_ui_theme *t = &ui->theme;
    theme_px *p = &ui->px;
    p->text = fq_ui_mm(ui, t->text_mm);
    p->title = fq_ui_mm(ui, t->title_mm);
    p->small = fq_ui_mm(ui, t->small_mm);
    p->target = fq_ui_mm(ui, t->target_mm);
    p->pad = fq_ui_mm(ui, t->pad_mm);
    p->gap = fq_ui_mm(ui, t->gap_mm);
    p->radius = fq_ui_mm(ui, t->radius_mm);
    p->border = fq_ui_mm(ui, t->border_mm);
    p->focus = fq_ui_mm(ui, t->focus_mm);
    p->light = fq_ui_mm(ui, t->light_mm);
    p->key_h = fq_ui_mm(ui, t->key_h_mm);
    p->scroll_threshold = fq_ui_mm(ui, t->scroll_threshold_mm);
}

fq_color fq_ui_color_mix(fq_color a, fq_color b, int amount_255)
{
    fq_color c;
    c.r = (uint8_t)((a.r * (255 - amount_255) + b.r * amount_255) / 255);
    c.g = (uint8_t)((a.g * (255 - amount_255) + b.g * amount_255) / 255);
    c.b = (uint8_t)((a.b * (255 - amount_255) + b.b * amount_255) / 255);
    c.a = (uint8_t)((a.a * (255 - amount_255) + b.a * amount_255) / 255);
    return c;
}

void fq_ui_role_font(const fq_ui *ui, fq_text_role role, int *size_px, fq_font_style *style,
                     fq_color *color)
{
    *size_px = ui->px.text;
    *style = FQ_FONT_REGULAR;
    *color = ui->theme.text;
    switch (role) {
    case FQ_TEXT_BODY:
        break;
    case FQ_TEXT_STRONG:
        *style = FQ_FONT_BOLD;
        break;
    case FQ_TEXT_TITLE:
        *size_px = ui->px.title;
        *style = FQ_FONT_BOLD;
        break;
    case FQ_TEXT_SMALL:
        *size_px = ui->px.small;
        *color = ui->theme.text_muted;
        break;
    case FQ_TEXT_MUTED:
        *color = ui->theme.text_muted;
        break;
    }
}
