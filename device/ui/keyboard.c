/* The on-screen keyboard widget, bound to whatever field has focus: the text layout with
 * shift (one-shot) and symbols, and numeric pads for counts and measurements. Keys commit on
 * release; sliding the finger moves the press to the key under it, as phone keyboards do,
 * which forgives a glove landing a little off. Only changed keys are repainted.
 * With an input method (fq_ui_set_ime: pinyin) the letters compose a spelling shown on a
 * candidate bar above the keys, with the engine's best candidates a page at a time; a tap on
 * one types it (or, for part of the spelling, leaves the rest to choose), space takes the
 * first, Enter types the letters as they are, and the 中/EN key goes back to English.
 * Deliberately no key repeat, no caps lock, no predictive text of our own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

#define MAX_KEYS 48
#define KEY_TEXT_MAX 32
#define SPELLING_MAX 64
#define MAX_SHOWN 12      /* candidates on the bar at once */
#define CAND_MAX 64       /* bytes of one candidate as shown */
#define MAX_PAGES 64      /* pages back (◀) remembered */
#define BAR_PREV (-2)
#define BAR_NEXT (-3)
#define BAR_NONE (-1)

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
    K_RIGHT,
    K_IME
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
    /* the input method (pinyin), when the host gave one */
    bool has_ime;
    fq_ui_ime ime;
    bool pinyin;                 /* the letter layouts compose pinyin */
    char spelling[SPELLING_MAX + 1];
    size_t n_cands;              /* candidates of the current spelling */
    size_t page_start;           /* the first one on the bar */
    size_t page_back[MAX_PAGES]; /* where the earlier pages started */
    int n_back;
    int n_shown;
    char shown[MAX_SHOWN][CAND_MAX];
    fq_rect shown_rect[MAX_SHOWN];
    fq_rect bar, preedit_rect, prev_rect, next_rect;
    bool has_next;
    int bar_pressed;             /* candidate index on the bar, BAR_PREV/NEXT, or BAR_NONE */
    char labels[4][KEY_TEXT_MAX]; /* space, enter, sym, abc as the host names them */
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
    {"ime", K_IME, "EN"},
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

static bool bar_visible(const keyboard_data *d)
{
    return d->has_ime && d->pinyin && d->layer <= L_SYMBOLS;
}

static void fill_bar(fq_widget *w);

static void compute_rects(fq_widget *w)
{
    keyboard_data *d = w->data;
    fq_ui *ui = w->ui;
    kb_layer *L = &d->layers[d->layer];
    fq_rect in = fq_ui_rect_inset(w->rect, ui->px.gap);
    int gap = key_gap(ui);
    d->bar = (fq_rect){in.x, in.y, in.w, 0};
    if (bar_visible(d)) {
        d->bar.h = ui->px.key_h;
        in.y += ui->px.key_h + gap;
    }
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
    if (bar_visible(d))
        fill_bar(w);
}

static void ensure_rects(fq_widget *w)
{
    keyboard_data *d = w->data;
    fq_rect r = w->rect;
    if (memcmp(&r, &d->laid_for, sizeof r) != 0)
        compute_rects(w);
}

/* The bar's cells: the spelling being composed, then as many candidates from page_start as
 * fit, then ◀ ▶ for the pages (a glove-sized cell each). */
static void fill_bar(fq_widget *w)
{
    keyboard_data *d = w->data;
    fq_ui *ui = w->ui;
    int gap = key_gap(ui);
    int size = ui->px.title;
    int pad = ui->px.gap;
    int arrow_w = ui->px.key_h;
    fq_rect b = d->bar;
    d->next_rect = (fq_rect){b.x + b.w - arrow_w, b.y, arrow_w, b.h};
    d->prev_rect = (fq_rect){d->next_rect.x - gap - arrow_w, b.y, arrow_w, b.h};
    int x = b.x;
    const char *pre = d->has_ime && d->spelling[0] ? d->ime.preedit(d->ime.user) : "";
    int pre_w = pre[0] ? fq_ui_text_width(ui, FQ_FONT_BOLD, ui->px.text, pre, strlen(pre)) + 2 * pad
                       : 0;
    int room = d->prev_rect.x - gap - x;
    if (pre_w > room / 3)
        pre_w = room / 3; /* a long spelling is cut; the candidates matter more */
    d->preedit_rect = (fq_rect){x, b.y, pre_w, b.h};
    x += pre_w + (pre_w ? gap : 0);
    d->n_shown = 0;
    size_t i = d->page_start;
    while (d->n_shown < MAX_SHOWN && i < d->n_cands) {
        char *c = d->shown[d->n_shown];
        if (!d->ime.candidate(d->ime.user, i, c, CAND_MAX))
            break;
        int cw = fq_ui_text_width(ui, FQ_FONT_REGULAR, size, c, strlen(c)) + 2 * pad;
        if (cw < ui->px.key_h)
            cw = ui->px.key_h; /* one character is still a thumb wide */
        if (x + cw > d->prev_rect.x - gap && d->n_shown > 0)
            break;
        if (x + cw > d->prev_rect.x - gap)
            cw = d->prev_rect.x - gap - x;
        d->shown_rect[d->n_shown++] = (fq_rect){x, b.y, cw, b.h};
        x += cw + gap;
        i++;
    }
    d->has_next = i < d->n_cands;
}

static void draw_bar(fq_widget *w, fq_draw_list *dl)
{
    keyboard_data *d = w->data;
    fq_ui *ui = w->ui;
    const fq_ui_theme *t = &ui->theme;
    int lh = fq_ui_text_height(ui, FQ_FONT_REGULAR, ui->px.title);
    if (d->preedit_rect.w > 0) {
        const char *pre = d->ime.preedit(d->ime.user);
        int ph = fq_ui_text_height(ui, FQ_FONT_BOLD, ui->px.text);
        fq_ui_text_draw_line(ui, dl, d->preedit_rect.x + ui->px.gap / 2,
                             d->preedit_rect.y + (d->preedit_rect.h - ph) / 2, pre, strlen(pre),
                             ui->px.text, FQ_FONT_BOLD, t->primary, d->preedit_rect.w - ui->px.gap,
                             FQ_ALIGN_START);
    }
    for (int i = 0; i < d->n_shown; i++) {
        fq_rect r = d->shown_rect[i];
        fq_color fill = i == d->bar_pressed ? t->pressed : t->key_bg;
        fq_ui_dl_rect(dl, r, fill, ui->px.radius, ui->px.border / 2 + 1,
                      fq_ui_color_mix(t->border, t->bg, 90));
        fq_ui_text_draw_line(ui, dl, r.x + 2, r.y + (r.h - lh) / 2, d->shown[i],
                             strlen(d->shown[i]), ui->px.title, FQ_FONT_REGULAR,
                             i == 0 && d->page_start == 0 ? t->primary : t->text, r.w - 4,
                             FQ_ALIGN_CENTER);
    }
    static const char *const arrows[2] = {"\xE2\x97\x80", "\xE2\x96\xB6"}; /* ◀ ▶ */
    bool on[2] = {d->n_back > 0, d->has_next};
    fq_rect rects[2] = {d->prev_rect, d->next_rect};
    int ids[2] = {BAR_PREV, BAR_NEXT};
    int th = fq_ui_text_height(ui, FQ_FONT_BOLD, ui->px.text);
    for (int k = 0; k < 2; k++) {
        fq_color fill = d->bar_pressed == ids[k] ? t->pressed : t->key_special_bg;
        fq_ui_dl_rect(dl, rects[k], fill, ui->px.radius, ui->px.border / 2 + 1,
                      fq_ui_color_mix(t->border, t->bg, 90));
        fq_ui_text_draw_line(ui, dl, rects[k].x + 2, rects[k].y + (rects[k].h - th) / 2,
                             arrows[k], strlen(arrows[k]), ui->px.text, FQ_FONT_BOLD,
                             on[k] ? t->text : fq_ui_color_mix(t->text, t->bg, 35),
                             rects[k].w - 4, FQ_ALIGN_CENTER);
    }
}

/* Bar cell at (x,y): a candidate's index on the bar, BAR_PREV, BAR_NEXT or BAR_NONE. */
static int bar_at(fq_widget *w, int x, int y)
{
    keyboard_data *d = w->data;
    if (!bar_visible(d) || !fq_ui_rect_contains(d->bar, x, y))
        return BAR_NONE;
    if (fq_ui_rect_contains(d->prev_rect, x, y))
        return BAR_PREV;
    if (fq_ui_rect_contains(d->next_rect, x, y))
        return BAR_NEXT;
    for (int i = 0; i < d->n_shown; i++)
        if (fq_ui_rect_contains(d->shown_rect[i], x, y))
            return i;
    return BAR_NONE;
}

static void keyboard_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    keyboard_data *d = w->data;
    fq_ui *ui = w->ui;
    int rows = d->layers[d->layer].n_rows + (bar_visible(d) ? 1 : 0);
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
    if (bar_visible(d))
        draw_bar(w, dl);
    for (int i = 0; i < L->n_keys; i++) {
        kb_key *k = &L->keys[i];
        bool special = k->action != K_CHAR && k->action != K_SPACE;
        fq_color fill = special ? t->key_special_bg : t->key_bg;
        fq_color ink = t->text;
        if (k->action == K_ENTER || (k->action == K_SHIFT && d->layer == L_UPPER) ||
            (k->action == K_IME && d->pinyin)) {
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

/* The spelling changed: search again from the first page. */
static void respell(fq_widget *w)
{
    keyboard_data *d = w->data;
    d->n_cands = d->ime.search(d->ime.user, d->spelling);
    d->page_start = 0;
    d->n_back = 0;
    d->laid_for = (fq_rect){0, 0, 0, 0};
    fq_widget_invalidate(w);
}

static void compose_clear(fq_widget *w)
{
    keyboard_data *d = w->data;
    if (!d->has_ime || !d->spelling[0])
        return;
    d->spelling[0] = '\0';
    respell(w);
}

/* Types the letters being composed as they are (Enter, a mode change, punctuation). */
static void compose_commit_letters(fq_widget *w)
{
    keyboard_data *d = w->data;
    char letters[SPELLING_MAX + 1];
    snprintf(letters, sizeof letters, "%s", d->spelling);
    compose_clear(w);
    if (letters[0] && w->ui->focus)
        fq_ui_field_insert(w->ui->focus, letters);
}

/* Candidate `abs` of the spelling chosen: typed when the spelling is all Chinese now,
 * else the bar shows the candidates for the rest. */
static void choose(fq_widget *w, size_t abs)
{
    keyboard_data *d = w->data;
    bool done = false;
    d->n_cands = d->ime.choose(d->ime.user, abs, &done);
    d->page_start = 0;
    d->n_back = 0;
    d->laid_for = (fq_rect){0, 0, 0, 0};
    fq_widget_invalidate(w);
    if (!done)
        return;
    char text[256];
    snprintf(text, sizeof text, "%s", d->ime.result(d->ime.user));
    d->spelling[0] = '\0';
    d->n_cands = 0;
    if (d->ime.flush)
        d->ime.flush(d->ime.user); /* what was learnt survives a power cut */
    if (w->ui->focus && text[0])
        fq_ui_field_insert(w->ui->focus, text); /* last: its handlers may do anything */
}

static void bar_tap(fq_widget *w, int cell)
{
    keyboard_data *d = w->data;
    if (cell == BAR_NEXT && d->has_next) {
        if (d->n_back < MAX_PAGES)
            d->page_back[d->n_back++] = d->page_start;
        d->page_start += (size_t)d->n_shown;
    } else if (cell == BAR_PREV && d->n_back > 0) {
        d->page_start = d->page_back[--d->n_back];
    } else if (cell >= 0 && cell < d->n_shown) {
        choose(w, d->page_start + (size_t)cell);
        return;
    } else {
        return;
    }
    d->laid_for = (fq_rect){0, 0, 0, 0};
    fq_widget_invalidate(w);
}

/* A key in pinyin mode; true when it was taken (the field gets nothing more). */
static bool compose_key(fq_widget *w, const kb_key *k)
{
    keyboard_data *d = w->data;
    if (!bar_visible(d))
        return false;
    size_t n = strlen(d->spelling);
    bool composing = n > 0;
    if (k->action == K_CHAR && d->layer == L_LOWER && k->text[0] >= 'a' && k->text[0] <= 'z' &&
        !k->text[1]) {
        if (n < SPELLING_MAX) {
            d->spelling[n] = k->text[0];
            d->spelling[n + 1] = '\0';
            respell(w);
        }
        return true;
    }
    if (!composing) {
        /* Chinese punctuation while writing Chinese */
        if (k->action == K_CHAR && d->layer != L_SYMBOLS && w->ui->focus &&
            (!strcmp(k->text, ",") || !strcmp(k->text, "."))) {
            fq_ui_field_insert(w->ui->focus, k->text[0] == ',' ? "\xEF\xBC\x8C" : "\xE3\x80\x82");
            return true;
        }
        return false;
    }
    switch (k->action) {
    case K_BKSP:
        d->spelling[n - 1] = '\0';
        respell(w);
        return true;
    case K_SPACE:
        if (d->n_cands > 0)
            choose(w, 0); /* the engine's best for the whole spelling */
        else
            compose_commit_letters(w);
        return true;
    case K_ENTER:
        compose_commit_letters(w); /* the letters as typed: a code, a name in pinyin */
        return true;
    case K_CHAR:
        compose_commit_letters(w);
        return false; /* then the character itself */
    default:
        return false;
    }
}

static void commit(fq_widget *w, const kb_key *k)
{
    keyboard_data *d = w->data;
    fq_ui *ui = w->ui;
    fq_widget *f = ui->focus;
    if (k->action == K_IME) {
        compose_commit_letters(w);
        fq_ui_keyboard_use_pinyin(ui, !d->pinyin);
        return;
    }
    if (k->action == K_HIDE || k->action == K_SYM || k->action == K_ABC || k->action == K_SHIFT)
        compose_commit_letters(w); /* nothing typed is lost to a mode change */
    else if (compose_key(w, k))
        return;
    f = ui->focus;
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

static void set_bar_pressed(fq_widget *w, int cell)
{
    keyboard_data *d = w->data;
    if (d->bar_pressed == cell)
        return;
    d->bar_pressed = cell;
    fq_ui_dirty_rect(w->ui, d->bar);
}

static void keyboard_pointer(fq_widget *w, ptr_phase phase, int x, int y)
{
    keyboard_data *d = w->data;
    ensure_rects(w);
    if (phase == PTR_DOWN || phase == PTR_MOVE) {
        int cell = bar_at(w, x, y);
        set_bar_pressed(w, cell);
        set_pressed_key(w, cell == BAR_NONE ? key_at(w, x, y) : -1);
        return;
    }
    int cell = d->bar_pressed;
    set_bar_pressed(w, BAR_NONE);
    if (cell != BAR_NONE) {
        if (phase == PTR_UP)
            bar_tap(w, cell);
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
    d->bar_pressed = BAR_NONE;
    w->flags |= WF_CAPTURE;
    return w;
}

/* The label of every key doing `action` on every layer. */
static void relabel(keyboard_data *d, key_action action, const char *label)
{
    for (int l = 0; l < N_LAYERS; l++)
        for (int i = 0; i < d->layers[l].n_keys; i++)
            if (d->layers[l].keys[i].action == action)
                snprintf(d->layers[l].keys[i].text, KEY_TEXT_MAX, "%s", label);
}

static void apply_labels(keyboard_data *d)
{
    static const key_action acts[4] = {K_SPACE, K_ENTER, K_SYM, K_ABC};
    for (int i = 0; i < 4; i++)
        if (d->labels[i][0])
            relabel(d, acts[i], d->labels[i]);
    relabel(d, K_IME, d->pinyin ? "\xE4\xB8\xAD" : "EN"); /* 中 */
}

void fq_ui_set_ime(fq_ui *ui, const fq_ui_ime *ime)
{
    fq_widget *w = ui->keyboard;
    keyboard_data *d = w->data;
    compose_clear(w);
    d->has_ime = ime && ime->search && ime->candidate && ime->choose && ime->preedit &&
                 ime->result;
    if (d->has_ime)
        d->ime = *ime;
    else
        d->pinyin = false;
    parse_layout(&d->layers[L_LOWER], d->has_ime ? fq_ui_kb_layout_lower_ime : fq_ui_kb_layout_lower);
    parse_layout(&d->layers[L_UPPER], d->has_ime ? fq_ui_kb_layout_upper_ime : fq_ui_kb_layout_upper);
    parse_layout(&d->layers[L_SYMBOLS],
                 d->has_ime ? fq_ui_kb_layout_symbols_ime : fq_ui_kb_layout_symbols);
    apply_labels(d);
    d->laid_for = (fq_rect){0, 0, 0, 0};
    fq_ui_widget_relayout(w);
    fq_widget_invalidate(w);
}

void fq_ui_keyboard_use_pinyin(fq_ui *ui, bool pinyin)
{
    fq_widget *w = ui->keyboard;
    keyboard_data *d = w->data;
    if (!d->has_ime || d->pinyin == pinyin)
        return;
    compose_clear(w);
    d->pinyin = pinyin;
    apply_labels(d);
    d->laid_for = (fq_rect){0, 0, 0, 0};
    fq_ui_widget_relayout(w); /* the bar comes or goes */
    fq_widget_invalidate(w);
}

bool fq_ui_keyboard_pinyin(const fq_ui *ui)
{
    const keyboard_data *d = ui->keyboard->data;
    return d->has_ime && d->pinyin;
}

void fq_ui_keyboard_set_label(fq_ui *ui, const char *key, const char *label)
{
    static const char *const names[4] = {"space", "enter", "sym", "abc"};
    keyboard_data *d = ui->keyboard->data;
    for (int i = 0; i < 4; i++)
        if (!strcmp(key, names[i])) {
            snprintf(d->labels[i], sizeof d->labels[i], "%s", label);
            apply_labels(d);
            fq_widget_invalidate(ui->keyboard);
        }
}

void fq_ui_keyboard_set_mode(fq_widget *kb, fq_ui_field_kind kind)
{
    keyboard_data *d = kb->data;
    compose_clear(kb); /* another field: what was being composed is not for it */
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
    /* "{enter}", "{space}", "{ime}"...: the key doing that, whatever its label says */
    key_action by_action = K_CHAR;
    size_t ll = strlen(label);
    if (ll > 2 && label[0] == '{' && label[ll - 1] == '}')
        for (size_t i = 0; i < sizeof SPECIALS / sizeof SPECIALS[0]; i++)
            if (strlen(SPECIALS[i].name) == ll - 2 && !strncmp(label + 1, SPECIALS[i].name, ll - 2))
                by_action = SPECIALS[i].action;
    if (!strcmp(label, "{space}"))
        by_action = K_SPACE;
    for (int i = 0; i < L->n_keys; i++) {
        if (by_action != K_CHAR ? L->keys[i].action != by_action
                                : strcmp(L->keys[i].text, label) != 0)
            continue;
        *out_x = L->keys[i].rect.x + L->keys[i].rect.w / 2;
        *out_y = L->keys[i].rect.y + L->keys[i].rect.h / 2;
        return true;
    }
    if (!bar_visible(d))
        return false;
    /* a candidate on the bar; "{next}" / "{prev}" page */
    fq_rect hit = {0, 0, 0, 0};
    if (!strcmp(label, "{next}"))
        hit = d->next_rect;
    else if (!strcmp(label, "{prev}"))
        hit = d->prev_rect;
    for (int i = 0; !hit.w && i < d->n_shown; i++)
        if (!strcmp(d->shown[i], label))
            hit = d->shown_rect[i];
    if (!hit.w)
        return false;
    *out_x = hit.x + hit.w / 2;
    *out_y = hit.y + hit.h / 2;
    return true;
}

bool fq_ui_keyboard_shows(fq_widget *kb, const char *text)
{
    keyboard_data *d = kb->data;
    if (!bar_visible(d))
        return false;
    ensure_rects(kb);
    if (d->spelling[0] && strstr(d->ime.preedit(d->ime.user), text))
        return true;
    for (int i = 0; i < d->n_shown; i++)
        if (strstr(d->shown[i], text))
            return true;
    return false;
}
