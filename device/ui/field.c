/* Text and numeric fields bound to a caller buffer (microui's textbox pattern): the screen
 * owns the bytes, the field edits them in place, always nul-terminated, never splitting a
 * UTF-8 character, never past buf_size. Numeric kinds filter input so a count can't hold
 * letters. Deliberately no selection, no clipboard, no multi-line: inspectors type short
 * values with gloves; notes get a wrapped label + a dedicated screen later (issue 5). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

typedef struct field_data {
    char *buf;
    size_t size;
    size_t cursor;
    fq_ui_field_kind kind;
    char *placeholder;
    bool typed; /* text came from a keyboard device since the field was focused */
} field_data;

static fq_rect inner_rect(const fq_widget *w)
{
    return fq_ui_rect_inset(w->rect, w->ui->px.pad);
}

/* Cursor x offset from the text start and the horizontal scroll that keeps it visible. */
static int scroll_x(const fq_widget *w, int inner_w, int *out_cursor_x)
{
    const field_data *d = w->data;
    int cx = fq_ui_text_width(w->ui, FQ_FONT_REGULAR, w->ui->px.text, d->buf, d->cursor);
    int sx = cx > inner_w - 2 ? cx - (inner_w - 2) : 0;
    *out_cursor_x = cx;
    return sx;
}

static void field_measure(fq_widget *w, int avail_w, int *out_w, int *out_h)
{
    fq_ui *ui = w->ui;
    int lh = fq_ui_text_height(ui, FQ_FONT_REGULAR, ui->px.text);
    int min_w = fq_ui_mm(ui, 25.0f);
    *out_w = avail_w > min_w ? avail_w : min_w;
    *out_h = lh + 2 * ui->px.pad > ui->px.target ? lh + 2 * ui->px.pad : ui->px.target;
}

static void field_draw(fq_widget *w, fq_draw_list *dl)
{
    field_data *d = w->data;
    fq_ui *ui = w->ui;
    const fq_ui_theme *t = &ui->theme;
    bool focused = ui->focus == w;
    bool disabled = !fq_ui_widget_enabled(w);
    fq_color fill = disabled ? t->surface_alt : t->surface;
    fq_color edge = focused ? t->focus : t->border;
    int border = focused ? ui->px.focus : ui->px.border;
    fq_ui_dl_rect(dl, w->rect, (w->flags & WF_PRESSED) ? t->pressed : fill, ui->px.radius, border,
                  edge);
    fq_rect in = inner_rect(w);
    int size = ui->px.text;
    int lh = fq_ui_text_height(ui, FQ_FONT_REGULAR, size);
    int y = in.y + (in.h - lh) / 2;
    size_t len = strlen(d->buf);
    if (len == 0 && d->placeholder && !focused) {
        fq_ui_text_draw_line(ui, dl, in.x, y, d->placeholder, strlen(d->placeholder), size,
                             FQ_FONT_REGULAR, t->text_muted, in.w, FQ_ALIGN_START);
        return;
    }
    int cursor_x;
    int sx = scroll_x(w, in.w, &cursor_x);
    fq_ui_dl_clip_push(dl, in);
    fq_ui_dl_text(dl, in.x - sx, y, d->buf, len, size, FQ_FONT_REGULAR,
                  disabled ? t->text_muted : t->text,
                  fq_ui_text_width(ui, FQ_FONT_REGULAR, size, d->buf, len), lh);
    if (focused) {
        int cw = ui->px.border > 2 ? ui->px.border : 2;
        fq_rect caret = {in.x - sx + cursor_x, y, cw, lh};
        fq_ui_dl_rect(dl, caret, t->focus, 0, 0, t->focus);
    }
    fq_ui_dl_clip_pop(dl);
}

static bool field_click(fq_widget *w, int x, int y)
{
    (void)y;
    field_data *d = w->data;
    fq_ui *ui = w->ui;
    fq_ui_focus(ui, w);
    if (ui->focus != w)
        return true;
    /* Put the cursor where the finger lifted (nearest character boundary). */
    fq_rect in = inner_rect(w);
    int cursor_x;
    int sx = scroll_x(w, in.w, &cursor_x);
    int target = x - in.x + sx;
    size_t len = strlen(d->buf);
    size_t best = 0;
    int best_dist = abs(target);
    for (size_t i = fq_ui_utf8_next(d->buf, len, 0); i <= len && i > 0;
         i = fq_ui_utf8_next(d->buf, len, i)) {
        int dist = abs(fq_ui_text_width(ui, FQ_FONT_REGULAR, ui->px.text, d->buf, i) - target);
        if (dist < best_dist) {
            best_dist = dist;
            best = i;
        }
        if (i == len)
            break;
    }
    d->cursor = best;
    fq_widget_invalidate(w);
    return true;
}

static int field_texts(const fq_widget *w, const char **out, int n)
{
    const field_data *d = w->data;
    if (n < 1)
        return 0;
    out[0] = d->buf;
    return 1;
}

static void field_destroy(fq_widget *w)
{
    field_data *d = w->data;
    free(d->placeholder);
}

static const widget_class field_class = {
    .name = "field",
    .measure = field_measure,
    .draw = field_draw,
    .click = field_click,
    .texts = field_texts,
    .destroy = field_destroy,
};

bool fq_ui_field_is(const fq_widget *w)
{
    return w->cls == &field_class;
}

fq_ui_field_kind fq_ui_field_get_kind(const fq_widget *w)
{
    const field_data *d = w->data;
    return d->kind;
}

/* Keeps only what the kind accepts; returns the filtered length. */
static size_t filter(const field_data *d, const char *in, char *out, size_t out_size)
{
    size_t n = 0;
    size_t len = strlen(in);
    bool has_dot = strchr(d->buf, '.') != NULL;
    for (size_t i = 0; i < len && n + 1 < out_size; i++) {
        char c = in[i];
        if (d->kind == FQ_UI_FIELD_TEXT) {
            if ((unsigned char)c < 0x20 || c == 0x7F)
                continue;
            out[n++] = c;
            continue;
        }
        if (c >= '0' && c <= '9') {
            out[n++] = c;
        } else if (d->kind == FQ_UI_FIELD_DECIMAL && (c == '.' || c == ',') && !has_dot) {
            out[n++] = '.';
            has_dot = true;
        } else if (d->kind == FQ_UI_FIELD_DECIMAL && c == '-' && d->cursor == 0 && n == 0 &&
                   d->buf[0] != '-') {
            out[n++] = c;
        }
    }
    out[n] = '\0';
    return n;
}

void fq_ui_field_set_typed(fq_widget *w, bool typed)
{
    ((field_data *)w->data)->typed = typed;
}

bool fq_ui_field_typed(const fq_widget *field)
{
    return field && fq_ui_field_is(field) && ((const field_data *)field->data)->typed;
}

void fq_ui_field_insert(fq_widget *w, const char *utf8)
{
    field_data *d = w->data;
    char add[FQ_INPUT_TEXT_MAX * 2];
    size_t n = filter(d, utf8, add, sizeof add);
    size_t len = strlen(d->buf);
    size_t room = d->size - 1 - len;
    if (n > room)
        n = fq_ui_utf8_clip(add, room);
    if (n == 0)
        return;
    memmove(d->buf + d->cursor + n, d->buf + d->cursor, len - d->cursor + 1);
    memcpy(d->buf + d->cursor, add, n);
    d->cursor += n;
    fq_widget_invalidate(w);
    fq_ui_field_edited(w);
    fq_ui_widget_emit(w, FQ_UI_EV_CHANGE, 0, w->rect.x, w->rect.y);
}

static void delete_range(fq_widget *w, size_t from, size_t to)
{
    field_data *d = w->data;
    size_t len = strlen(d->buf);
    if (from >= to || to > len)
        return;
    memmove(d->buf + from, d->buf + to, len - to + 1);
    d->cursor = from;
    fq_widget_invalidate(w);
    fq_ui_field_edited(w);
    fq_ui_widget_emit(w, FQ_UI_EV_CHANGE, 0, w->rect.x, w->rect.y);
}

void fq_ui_field_key(fq_widget *w, fq_key key, unsigned mods)
{
    field_data *d = w->data;
    fq_ui *ui = w->ui;
    size_t len = strlen(d->buf);
    switch (key) {
    case FQ_KEY_BACKSPACE: delete_range(w, fq_ui_utf8_prev(d->buf, d->cursor), d->cursor); return;
    case FQ_KEY_DELETE: delete_range(w, d->cursor, fq_ui_utf8_next(d->buf, len, d->cursor)); return;
    case FQ_KEY_LEFT: d->cursor = fq_ui_utf8_prev(d->buf, d->cursor); break;
    case FQ_KEY_RIGHT: d->cursor = fq_ui_utf8_next(d->buf, len, d->cursor); break;
    case FQ_KEY_HOME:
    case FQ_KEY_UP:
        d->cursor = 0;
        break;
    case FQ_KEY_END:
    case FQ_KEY_DOWN:
        d->cursor = len;
        break;
    case FQ_KEY_ENTER: fq_ui_widget_emit(w, FQ_UI_EV_SUBMIT, 0, w->rect.x, w->rect.y); return;
    case FQ_KEY_TAB:
        fq_ui_focus_next(ui, (mods & FQ_MOD_SHIFT) != 0);
        return;
    case FQ_KEY_ESCAPE:
        fq_ui_focus(ui, NULL);
        return;
    case FQ_KEY_NONE:
        return;
    }
    fq_widget_invalidate(w);
}

fq_widget *fq_ui_field_new(fq_widget *parent, char *buf, size_t buf_size, fq_ui_field_kind kind)
{
    assert(buf && buf_size > 0); /* a field needs room for at least the nul */
    fq_widget *w = fq_ui_widget_new(parent, &field_class, sizeof(field_data));
    field_data *d = w->data;
    d->buf = buf;
    d->size = buf_size;
    d->kind = kind;
    /* The contract says buf holds a string; make sure of it rather than read past it. */
    buf[buf_size - 1] = '\0';
    d->cursor = strlen(buf);
    w->flags |= WF_FOCUSABLE;
    return w;
}

void fq_ui_field_set_placeholder(fq_widget *field, const char *text)
{
    field_data *d = field->data;
    free(d->placeholder);
    d->placeholder = fq_ui_xstrdup(text);
    fq_widget_invalidate(field);
}

void fq_ui_field_sync(fq_widget *field)
{
    field_data *d = field->data;
    size_t len = strlen(d->buf);
    if (d->cursor > len)
        d->cursor = len;
    d->cursor = fq_ui_utf8_clip(d->buf, d->cursor);
    fq_widget_invalidate(field);
}

size_t fq_ui_field_cursor(const fq_widget *field)
{
    const field_data *d = field->data;
    return d->cursor;
}

void fq_ui_field_snapshot(const fq_widget *field, char *buf, size_t len, size_t *cursor)
{
    const field_data *d = field->data;
    snprintf(buf, len, "%s", d->buf);
    *cursor = d->cursor;
}

void fq_ui_field_restore(fq_widget *field, const char *text, size_t cursor)
{
    field_data *d = field->data;
    snprintf(d->buf, d->size, "%s", text);
    d->cursor = cursor;
    fq_ui_field_sync(field);
}

void fq_ui_field_replace(fq_widget *field, const char *utf8)
{
    field_data *d = field->data;
    d->buf[0] = '\0';
    d->cursor = 0;
    fq_widget_invalidate(field);
    fq_ui_field_insert(field, utf8);
}
