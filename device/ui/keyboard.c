/* The on-screen keyboard widget, bound to whatever field has focus: the text layout with
 * shift (one-shot) and symbols, and numeric pads for counts and measurements. Keys commit on
 * release; sliding the finger moves the press to the key under it, as phone keyboards do,
 * which forgives a glove landing a little off. Only changed keys are repainted.
 * Deliberately no key repeat, no caps lock, no predictive text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

#define MAX_KEYS 48
#define KEY_TEXT_MAX 32

typedef enum key_action {
    K_CHAR,
    K_SHIFT,
    K_BKSP,
    K_SYM,
    K_ABC,
    K_SPACE,
    K_ENTER,
    K_HIDE,
    K_LEFT,
    K_RIGHT
} key_action;

typedef struct kb_key {
    key_action action;
    char text[KEY_TEXT_MAX];
    int row;
    float units;
    fq_rect rect; /* absolute, computed at draw/hit time */
} kb_key;

typedef struct kb_layer {
    kb_key keys[MAX_KEYS];
    int n_keys;
    int n_rows;
    float max_units;
} kb_layer;

enum { L_LOWER, L_UPPER, L_SYMBOLS, L_INTEGER, L_DECIMAL, N_LAYERS };

typedef struct keyboard_data {
    kb_layer layers[N_LAYERS];
    int layer;
    int pressed; /* key index, -1 none */
    fq_rect laid_for; /* widget rect the key rects were computed for */
} keyboard_data;

static const struct {
    const char *name;
    key_action action;
    const char *label;
} SPECIALS[] = {
    {"shift", K_SHIFT, "\xE2\x87\xA7"},    /* ⇧ */
    {"bksp", K_BKSP, "\xE2\x8C\xAB"},      /* ⌫ */
    {"sym", K_SYM, "123"},
    {"abc", K_ABC, "abc"},
    {"space", K_SPACE, "space"},
    {"enter", K_ENTER, "Enter"},
    {"hide", K_HIDE, "\xE2\x96\xBC"},       /* ▼ */
    {"left", K_LEFT, "\xE2\x97\x80"},       /* ◀ */
    {"right", K_RIGHT, "\xE2\x96\xB6"},     /* ▶ */
};

/* Parses one layout (format in keyboard_layouts.c). Unknown specials become inert keys. */
static void parse_layout(kb_layer *L, const char *src)
{
    memset(L, 0, sizeof *L);
    int row = 0;
    float row_units = 0;
    const char *p = src;
    while (*p) {
        if (*p == '\n' || *p == ' ') {
            if (*p == '\n') {
                L->max_units = row_units > L->max_units ? row_units : L->max_units;
                row_units = 0;
                row++;
            }
            p++;
            continue;
        }
        const char *end = p;
        while (*end && *end != ' ' && *end != '\n')
            end++;
        char tok[32];
        size_t n = (size_t)(end - p) < sizeof tok - 1 ? (size_t)(end - p) : sizeof tok - 1;
        memcpy(tok, p, n);
        tok[n] = '\0';
        p = end;
        if (L->n_keys == MAX_KEYS)
            continue;
        kb_key *k = &L->keys[L->n_keys++];
        k->row = row;
        k->units = 1.0f;
        k->action = K_CHAR;
        char *body = tok;
        if (tok[0] == '{' && n > 2 && tok[n - 1] == '}') {
            tok[n - 1] = '\0';
            body = tok + 1;
        }
        char *colon = strrchr(body, ':');
        if (colon && colon > body && colon[1] >= '0' && colon[1] <= '9') {
            *colon = '\0';
            k->units = strtof(colon + 1, NULL);
        }
        snprintf(k->text, sizeof k->text, "%s", body);
        if (body != tok) {
            for (size_t i = 0; i < sizeof SPECIALS / sizeof SPECIALS[0]; i++)
                if (strcmp(body, SPECIALS[i].name) == 0) {
                    k->action = SPECIALS[i].action;
                    snprintf(k->text, sizeof k->text, "%s", SPECIALS[i].label);
                }
        }
        row_units += k->units;
    }
    L->max_units = row_units > L->max_units ? row_units : L->max_units;
    L->n_rows = row + 1;
}

static int key_gap(const fq_ui *ui)
{
    return ui->px.gap / 2 > 2 ? ui->px.gap / 2 : 2;
}

static void compute_rects(fq_widget *w)
{
    keyboard_data *d = w->data;
    fq_ui *ui = w->ui;
    kb_layer *L = &d->layers[d->layer];
    fq_rect in = fq_ui_rect_inset(w->rect, ui->px.gap);
    int gap = key_gap(ui);
    float unit = (float)(in.w + gap) / L->max_units;
    /* Numeric pads on a wide panel: cap key width so the pad stays thumb-sized. */
    float max_unit = (float)fq_ui_mm(ui, 22.0f);
    if (d->layer >= L_INTEGER && unit > max_unit)
        unit = max_unit;
    int row_y = in.y;
    for (int r = 0; r < L->n_rows; r++) {
        float units = 0;
        for (int i = 0; i < L->n_keys; i++)
            if (L->keys[i].row == r)
                units += L->keys[i].units;
        float x = (float)in.x + ((float)(in.w + gap) - units * unit) / 2.0f;
        for (int i = 0; i < L->n_keys; i++) {
            kb_key *k = &L->keys[i];
            if (k->row != r)
                continue;
            int x0 = (int)x;
            x += k->units * unit;
            k->rect = (fq_rect){x0, row_y, (int)x - x0 - gap, ui->px.key_h};
        }
        row_y += ui->px.key_h + gap;
    }
    d->laid_for = w->rect;
}

static void ensure_rects(fq_widget *w)
{
    keyboard_data *d = w->data;
    fq_rect r = w->rect;
    if (memcmp(&r, &d->laid_for, sizeof r) != 0)
        compute_rects(w);
}

static void keyboard_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    keyboard_data *d = w->data;
    fq_ui *ui = w->ui;
    int rows = d->layers[d->layer].n_rows;
    *out_w = avail_w;
    *out_h = rows * ui->px.key_h + (rows - 1) * key_gap(ui) + 2 * ui->px.gap;
}

static void keyboard_draw(fq_widget *w, fq_draw_list *dl)
{
    keyboard_data *d = w->data;
    fq_ui *ui = w->ui;
    const fq_ui_theme *t = &ui->theme;
    ensure_rects(w);
    fq_ui_dl_rect(dl, w->rect, t->surface_alt, 0, 0, t->border);
    fq_rect top = {w->rect.x, w->rect.y, w->rect.w, ui->px.border};
    fq_ui_dl_rect(dl, top, t->border, 0, 0, t->border);
    kb_layer *L = &d->layers[d->layer];
    for (int i = 0; i < L->n_keys; i++) {
        kb_key *k = &L->keys[i];
        bool special = k->action != K_CHAR && k->action != K_SPACE;
        fq_color fill = special ? t->key_special_bg : t->key_bg;
        fq_color ink = t->text;
        if (k->action == K_ENTER || (k->action == K_SHIFT && d->layer == L_UPPER)) {
            fill = t->primary;
            ink = t->on_primary;
        }
        if (i == d->pressed)
            fill = t->pressed;
        fq_ui_dl_rect(dl, k->rect, fill, ui->px.radius, ui->px.border / 2 + 1,
                      fq_ui_color_mix(t->border, t->bg, 90));
        int size = k->action == K_CHAR ? ui->px.title : ui->px.text;
        fq_font_style style = k->action == K_CHAR ? FQ_FONT_REGULAR : FQ_FONT_BOLD;
        int lh = fq_ui_text_height(ui, style, size);
        fq_ui_text_draw_line(ui, dl, k->rect.x + 2, k->rect.y + (k->rect.h - lh) / 2, k->text,
                             strlen(k->text), size, style, ink, k->rect.w - 4, FQ_ALIGN_CENTER);
    }
}

static int key_at(fq_widget *w, int x, int y)
{
    keyboard_data *d = w->data;
    ensure_rects(w);
    kb_layer *L = &d->layers[d->layer];
    int gap = key_gap(w->ui);
    /* Gaps belong to the nearest key: a glove between two keys still hits one. */
    for (int i = 0; i < L->n_keys; i++) {
        fq_rect r = L->keys[i].rect;
        fq_rect grown = {r.x - gap / 2 - 1, r.y - gap / 2 - 1, r.w + gap + 2, r.h + gap + 2};
        if (fq_ui_rect_contains(grown, x, y))
            return i;
    }
    return -1;
}

static void set_pressed_key(fq_widget *w, int idx)
{
    keyboard_data *d = w->data;
    if (d->pressed == idx)
        return;
    kb_layer *L = &d->layers[d->layer];
    if (d->pressed >= 0)
        fq_ui_dirty_rect(w->ui, L->keys[d->pressed].rect);
    d->pressed = idx;
    if (idx >= 0)
        fq_ui_dirty_rect(w->ui, L->keys[idx].rect);
}

static void switch_layer(fq_widget *w, int layer)
{
    keyboard_data *d = w->data;
    if (d->layer == layer)
        return;
    int rows_before = d->layers[d->layer].n_rows;
    d->layer = layer;
    d->laid_for = (fq_rect){0, 0, 0, 0};
    if (d->layers[layer].n_rows != rows_before)
        fq_ui_widget_relayout(w);
    fq_widget_invalidate(w);
}

static void commit(fq_widget *w, const kb_key *k)
{
    keyboard_data *d = w->data;
    fq_ui *ui = w->ui;
    fq_widget *f = ui->focus;
    switch (k->action) {
    case K_SHIFT:
        switch_layer(w, d->layer == L_UPPER ? L_LOWER : L_UPPER);
        return;
    case K_SYM:
        switch_layer(w, L_SYMBOLS);
        return;
    case K_ABC:
        switch_layer(w, L_LOWER);
        return;
    case K_HIDE:
        fq_ui_focus(ui, NULL);
        return;
    default:
        break;
    }
    if (!f)
        return;
    if (k->action == K_CHAR && d->layer == L_UPPER)
        switch_layer(w, L_LOWER); /* one-shot shift */
    /* Field calls come last: their CHANGE/SUBMIT handlers may do anything. */
    switch (k->action) {
    case K_CHAR: fq_ui_field_insert(f, k->text); break;
    case K_SPACE: fq_ui_field_insert(f, " "); break;
    case K_BKSP: fq_ui_field_key(f, FQ_KEY_BACKSPACE, 0); break;
    case K_ENTER: fq_ui_field_key(f, FQ_KEY_ENTER, 0); break;
    case K_LEFT: fq_ui_field_key(f, FQ_KEY_LEFT, 0); break;
    case K_RIGHT: fq_ui_field_key(f, FQ_KEY_RIGHT, 0); break;
    default:
        break;
    }
}

static void keyboard_pointer(fq_widget *w, ptr_phase phase, int x, int y)
{
    keyboard_data *d = w->data;
    if (phase == PTR_DOWN || phase == PTR_MOVE) {
        set_pressed_key(w, key_at(w, x, y));
        return;
    }
    int idx = d->pressed;
    set_pressed_key(w, -1);
    if (phase == PTR_UP && idx >= 0) {
        kb_key k = d->layers[d->layer].keys[idx]; /* copy: commit may switch layers */
        commit(w, &k);
    }
}

static const widget_class keyboard_class = {
    .name = "keyboard",
    .measure = keyboard_measure,
    .draw = keyboard_draw,
    .pointer = keyboard_pointer,
};

fq_widget *fq_ui_keyboard_new(fq_ui *ui, fq_widget *dock)
{
    (void)ui;
    fq_widget *w = fq_ui_widget_new(dock, &keyboard_class, sizeof(keyboard_data));
    keyboard_data *d = w->data;
    parse_layout(&d->layers[L_LOWER], fq_ui_kb_layout_lower);
    parse_layout(&d->layers[L_UPPER], fq_ui_kb_layout_upper);
    parse_layout(&d->layers[L_SYMBOLS], fq_ui_kb_layout_symbols);
    parse_layout(&d->layers[L_INTEGER], fq_ui_kb_layout_integer);
    parse_layout(&d->layers[L_DECIMAL], fq_ui_kb_layout_decimal);
    d->pressed = -1;
    w->flags |= WF_CAPTURE;
    return w;
}

void fq_ui_keyboard_set_mode(fq_widget *kb, fq_ui_field_kind kind)
{
    keyboard_data *d = kb->data;
    if (kind == FQ_UI_FIELD_INTEGER)
        switch_layer(kb, L_INTEGER);
    else if (kind == FQ_UI_FIELD_DECIMAL)
        switch_layer(kb, L_DECIMAL);
    else if (d->layer >= L_INTEGER)
        switch_layer(kb, L_LOWER);
}

bool fq_ui_keyboard_key_center(fq_widget *kb, const char *label, int *out_x, int *out_y)
{
    keyboard_data *d = kb->data;
    ensure_rects(kb);
    kb_layer *L = &d->layers[d->layer];
    for (int i = 0; i < L->n_keys; i++) {
        if (strcmp(L->keys[i].text, label) != 0)
            continue;
        *out_x = L->keys[i].rect.x + L->keys[i].rect.w / 2;
        *out_y = L->keys[i].rect.y + L->keys[i].rect.h / 2;
        return true;
    }
    return false;
}
