/* The fq_ui context: layers (screen root, modals, docked keyboard, toast), routing input to
 * gestures or the focused field, timers, layout scheduling, and producing the draw list.
 * Deliberately no widget behaviour here: that lives in one file per widget. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

static const widget_class root_class = {.name = "root"};

fq_ui *fq_ui_new(const fq_ui_config *cfg, const fq_ui_text_measurer *measurer)
{
    fq_ui *ui = fq_ui_xcalloc(1, sizeof *ui);
    ui->cfg = *cfg;
    if (ui->cfg.width_px <= 0)
        ui->cfg.width_px = 800;
    if (ui->cfg.height_px <= 0)
        ui->cfg.height_px = 480;
    if (measurer)
        ui->measurer = *measurer;
    ui->theme = fq_ui_theme_get(cfg->theme);
    fq_ui_theme_apply(ui);
    ui->root = fq_ui_widget_new_layer(ui, &root_class);
    ui->root->dir = FQ_BOX_COLUMN;
    ui->root->gap_px = 0;
    ui->kb_dock = fq_ui_widget_new_layer(ui, &root_class);
    ui->kb_dock->flags |= WF_HIDDEN;
    ui->keyboard = fq_ui_keyboard_new(ui, ui->kb_dock);
    ui->need_layout = true;
    fq_ui_dirty_all(ui);
    return ui;
}

void fq_ui_free(fq_ui *ui)
{
    if (!ui)
        return;
    ui->focus = NULL;
    while (ui->n_modals > 0)
        fq_ui_widget_destroy(ui->modals[--ui->n_modals]);
    fq_ui_toast_free_layer(ui);
    fq_ui_widget_destroy(ui->kb_dock);
    fq_ui_widget_destroy(ui->root);
    fq_ui_dl_free(&ui->dl);
    free(ui);
}

void fq_ui_set_text_measurer(fq_ui *ui, const fq_ui_text_measurer *measurer)
{
    memset(&ui->measurer, 0, sizeof ui->measurer);
    if (measurer)
        ui->measurer = *measurer;
    ui->need_layout = true;
    fq_ui_dirty_all(ui);
}

void fq_ui_set_theme(fq_ui *ui, fq_ui_theme_id id)
{
    fq_ui_theme t = fq_ui_theme_get(id);
    fq_ui_set_theme_values(ui, &t);
}

void fq_ui_set_theme_values(fq_ui *ui, const fq_ui_theme *theme)
{
    ui->theme = *theme;
    fq_ui_theme_apply(ui);
    ui->need_layout = true;
    fq_ui_dirty_all(ui);
}

const fq_ui_theme *fq_ui_theme_current(const fq_ui *ui)
{
    return &ui->theme;
}

void fq_ui_resize(fq_ui *ui, int width_px, int height_px)
{
    ui->cfg.width_px = width_px;
    ui->cfg.height_px = height_px;
    ui->need_layout = true;
    fq_ui_dirty_all(ui);
}

fq_widget *fq_ui_root(fq_ui *ui)
{
    return ui->root;
}

void fq_ui_clear_root(fq_ui *ui)
{
    fq_widget_clear(ui->root);
    ui->root->scroll_px = 0;
    ui->need_layout = true;
    fq_ui_dirty_all(ui);
}

/* ---------------------------------------------------------------- layout ------------- */

/* Keeps the focused field visible above the keyboard: first by scrolling its scroll box
 * (whose lower part the keyboard covers), then, if it is still covered, by panning the whole
 * screen up (Android's adjustPan). Shrinking the screen instead would squeeze a landscape
 * 800x480 layout to ~230 px and push its button row under the keyboard. */
static void reveal_focus(fq_ui *ui, int kb_top)
{
    fq_widget *f = ui->focus;
    if (!f || fq_ui_widget_layer_of(f) != ui->root)
        return;
    int margin = ui->px.gap;
    fq_widget *s = fq_ui_widget_scroll_ancestor(f);
    if (s) {
        int view_top = s->rect.y;
        int view_bottom = s->rect.y + s->rect.h < kb_top ? s->rect.y + s->rect.h : kb_top;
        int delta = 0;
        if (f->rect.y + f->rect.h + margin > view_bottom)
            delta = f->rect.y + f->rect.h + margin - view_bottom;
        if (f->rect.y - delta < view_top)
            delta = f->rect.y - view_top;
        if (delta)
            fq_scroll_set_offset(s, s->scroll_px + delta);
    }
    int over = f->rect.y + f->rect.h + margin - kb_top;
    if (over > 0) {
        ui->root->rect.y -= over;
        fq_ui_layout_shift(ui->root, 0, -over);
    }
}

void fq_ui_layout_all(fq_ui *ui)
{
    int W = ui->cfg.width_px;
    int H = ui->cfg.height_px;
    int kb_h = 0;
    if (!(ui->kb_dock->flags & WF_HIDDEN)) {
        int kw;
        fq_ui_layout_measure(ui->kb_dock->first, W, &kw, &kb_h);
        fq_rect kr = {0, H - kb_h, W, kb_h};
        fq_ui_layout_place(ui->kb_dock, kr);
    }
    fq_rect full = {0, 0, W, H};
    fq_ui_layout_place(ui->root, full);
    ui->need_layout = false;
    if (kb_h)
        reveal_focus(ui, H - kb_h);
    fq_rect area = {0, 0, W, H - kb_h};
    for (int i = 0; i < ui->n_modals; i++)
        fq_ui_modal_place(ui->modals[i], area);
    fq_ui_toast_place(ui, area);
    fq_ui_dirty_all(ui);
}

void fq_ui_layout(fq_ui *ui)
{
    if (ui->need_layout)
        fq_ui_layout_all(ui);
}

/* ---------------------------------------------------------------- input -------------- */

void fq_ui_set_scan_handler(fq_ui *ui, fq_ui_scan_fn fn, void *user)
{
    ui->scan_fn = fn;
    ui->scan_user = user;
}

static void scan_reset(fq_ui *ui)
{
    ui->scan_len = 0;
    ui->scan_chars = 0;
    ui->scan_broken = false;
    ui->scan_field = NULL;
    ui->scan_buf[0] = '\0';
}

/* A text event: part of a scanner's burst while each comes alone and fast. */
static void scan_text(fq_ui *ui, const fq_input *in)
{
    size_t len = strlen(in->text);
    bool one_char = len > 0 && fq_ui_utf8_next(in->text, len, 0) == len;
    bool continues = ui->scan_chars > 0 && in->time_ms - ui->scan_last_ms <= FQ_UI_SCAN_GAP_MS;
    if (!continues) {
        scan_reset(ui);
        /* what the focused field held before the burst, to undo it if the handler takes it */
        if (ui->focus) {
            ui->scan_field = ui->focus;
            fq_ui_field_snapshot(ui->focus, ui->scan_field_text, sizeof ui->scan_field_text,
                                 &ui->scan_field_cursor);
        }
    }
    if (!one_char)
        ui->scan_broken = true;
    if (ui->scan_len + len < sizeof ui->scan_buf) {
        memcpy(ui->scan_buf + ui->scan_len, in->text, len + 1);
        ui->scan_len += len;
    } else {
        ui->scan_broken = true;
    }
    ui->scan_chars++;
    ui->scan_last_ms = in->time_ms;
}

/* Enter: true when it ends a scan (then the scan was delivered). */
static bool scan_enter(fq_ui *ui, const fq_input *in)
{
    bool scan = !ui->scan_broken && ui->scan_chars >= FQ_UI_SCAN_MIN_CHARS &&
                in->time_ms - ui->scan_last_ms <= FQ_UI_SCAN_GAP_MS;
    if (!scan) {
        scan_reset(ui);
        return false;
    }
    char code[FQ_UI_SCAN_MAX];
    snprintf(code, sizeof code, "%s", ui->scan_buf);
    fq_widget *field = ui->focus == ui->scan_field ? ui->scan_field : NULL;
    bool taken = ui->scan_fn && ui->scan_fn(ui->scan_user, code);
    if (taken) {
        /* the handler may have moved focus or rebuilt: undo the burst only in a live field */
        if (field && ui->focus == field)
            fq_ui_field_restore(field, ui->scan_field_text, ui->scan_field_cursor);
    } else if (ui->focus) {
        fq_widget *f = ui->focus;
        fq_ui_field_replace(f, code);
        if (ui->focus == f)
            fq_ui_widget_emit(f, FQ_UI_EV_SUBMIT, 0, f->rect.x, f->rect.y);
    }
    scan_reset(ui);
    return true;
}

void fq_ui_handle_input(fq_ui *ui, const fq_input *in)
{
    fq_ui_layout(ui);
    if (in->time_ms > ui->now_ms)
        ui->now_ms = in->time_ms;
    switch (in->type) {
    case FQ_INPUT_POINTER_DOWN:
    case FQ_INPUT_POINTER_MOVE:
    case FQ_INPUT_POINTER_UP:
    case FQ_INPUT_PINCH: fq_ui_gesture_input(ui, in); break;
    case FQ_INPUT_TEXT:
        /* a gauge or scanner typing with nothing focused: the screen's default field (before
         * the scan's snapshot, so a scan the screen takes leaves that field as it was) */
        if (!ui->focus && ui->default_field && !ui->n_modals)
            fq_ui_focus(ui, ui->default_field);
        scan_text(ui, in);
        if (ui->focus) {
            fq_ui_field_set_typed(ui->focus, true);
            fq_ui_field_insert(ui->focus, in->text);
        }
        break;
    case FQ_INPUT_KEY:
        if (in->key == FQ_KEY_ENTER && scan_enter(ui, in))
            break;
        if (in->key != FQ_KEY_ENTER)
            scan_reset(ui);
        if (ui->focus) {
            fq_ui_field_key(ui->focus, in->key, in->mods);
        } else if (in->key == FQ_KEY_TAB) {
            fq_ui_focus_next(ui, (in->mods & FQ_MOD_SHIFT) != 0);
        }
        break;
    }
}

void fq_ui_tick(fq_ui *ui, int64_t now_ms)
{
    fq_ui_layout(ui);
    if (now_ms > ui->now_ms)
        ui->now_ms = now_ms;
    fq_ui_gesture_tick(ui, now_ms);
    fq_ui_toast_tick(ui, now_ms);
    if (ui->settle && now_ms >= ui->settle_at_ms) {
        fq_widget *w = ui->settle;
        ui->settle = NULL;
        fq_ui_widget_emit(w, FQ_UI_EV_SETTLE, 0, w->rect.x, w->rect.y);
    }
}

void fq_ui_set_frame_interval(fq_ui *ui, int ms)
{
    ui->frame_ms = ms > 0 ? ms : 0;
}

void fq_ui_field_edited(fq_widget *w)
{
    fq_ui *ui = w->ui;
    ui->settle = w;
    ui->settle_at_ms = ui->now_ms + ui->theme.settle_ms;
}

/* The sooner of timeout t (-1: none) and the deadline at_ms, as a timeout from now_ms. */
static int sooner(int t, int64_t at_ms, int64_t now_ms)
{
    int64_t left = at_ms - now_ms;
    int l = left < 0 ? 0 : (left > 1000000 ? 1000000 : (int)left);
    return t < 0 || l < t ? l : t;
}

int fq_ui_timeout_ms(const fq_ui *ui, int64_t now_ms)
{
    int t = fq_ui_gesture_timeout(ui, now_ms);
    if (ui->toast_until_ms > 0)
        t = sooner(t, ui->toast_until_ms, now_ms);
    if (ui->frame_ms > 0)
        t = sooner(t, ui->now_ms + ui->frame_ms, now_ms);
    if (ui->settle)
        t = sooner(t, ui->settle_at_ms, now_ms);
    return t;
}

/* ---------------------------------------------------------------- drawing ------------ */

bool fq_ui_needs_redraw(const fq_ui *ui)
{
    return ui->dirty || ui->need_layout;
}

void fq_ui_invalidate_all(fq_ui *ui)
{
    fq_ui_dirty_all(ui);
}

static void backdrop_paint(fq_ui *ui, fq_widget *layer, fq_draw_list *dl, fq_rect clip)
{
    fq_rect r = fq_ui_rect_intersect(layer->rect, clip);
    fq_ui_dl_rect(dl, r, ui->theme.overlay, 0, 0, ui->theme.border);
    fq_ui_render_widget(layer, dl, clip);
}

const fq_draw_list *fq_ui_render(fq_ui *ui)
{
    fq_ui_layout(ui);
    fq_rect screen = {0, 0, ui->cfg.width_px, ui->cfg.height_px};
    fq_rect area = ui->dirty ? fq_ui_rect_intersect(ui->dirty_rect, screen) : (fq_rect){0, 0, 0, 0};
    bool full = area.x == 0 && area.y == 0 && area.w == screen.w && area.h == screen.h;
    fq_ui_dl_reset(&ui->dl, area, full);
    if (!fq_ui_rect_empty(area)) {
        fq_ui_dl_clip_push(&ui->dl, area);
        fq_ui_dl_rect(&ui->dl, area, ui->theme.bg, 0, 0, ui->theme.border);
        fq_ui_render_widget(ui->root, &ui->dl, area);
        for (int i = 0; i < ui->n_modals; i++)
            backdrop_paint(ui, ui->modals[i], &ui->dl, area);
        fq_ui_render_widget(ui->kb_dock, &ui->dl, area);
        if (ui->toast)
            fq_ui_render_widget(ui->toast, &ui->dl, area);
        fq_ui_dl_clip_pop(&ui->dl);
    }
    fq_ui_dl_finish(&ui->dl);
    ui->dirty = false;
    return &ui->dl;
}

static fq_widget *hit_in(fq_widget *w, int x, int y)
{
    if (w->flags & WF_HIDDEN || !fq_ui_rect_contains(w->rect, x, y))
        return NULL;
    /* Later children paint on top: search them first. */
    for (fq_widget *c = w->last; c; c = c->prev) {
        fq_widget *h = hit_in(c, x, y);
        if (h)
            return h;
    }
    return w;
}

fq_widget *fq_ui_hit_test(fq_ui *ui, int x, int y)
{
    fq_ui_layout(ui);
    fq_widget *h = NULL;
    if (fq_ui_toast_takes_taps(ui) && (h = hit_in(ui->toast, x, y)) != NULL)
        return h;
    if ((h = hit_in(ui->kb_dock, x, y)) != NULL)
        return h;
    if (ui->n_modals > 0) {
        h = hit_in(ui->modals[ui->n_modals - 1], x, y);
        return h ? h : ui->modals[ui->n_modals - 1];
    }
    return hit_in(ui->root, x, y);
}

/* ---------------------------------------------------------------- find text ---------- */

static bool find_in(const fq_widget *w, const char *text)
{
    if (w->flags & WF_HIDDEN)
        return false;
    if (w->cls->texts) {
        const char *texts[16];
        int n = w->cls->texts(w, texts, 16);
        for (int i = 0; i < n; i++)
            if (texts[i] && strstr(texts[i], text))
                return true;
    }
    for (const fq_widget *c = w->first; c; c = c->next)
        if (find_in(c, text))
            return true;
    return false;
}

typedef struct find_ctx {
    const fq_widget *root;
    const char *text;
} find_ctx;

static bool find_found(void *ctx)
{
    const find_ctx *c = ctx;
    return find_in(c->root, c->text);
}

bool fq_ui_find_text(fq_ui *ui, const char *text)
{
    if (find_in(ui->root, text))
        return true;
    /* rows of a virtual list out of view do not exist: look a screen at a time */
    fq_widget *v = fq_ui_vlist_under(ui->root);
    find_ctx c = {ui->root, text};
    if (v && fq_ui_vlist_page_until(v, find_found, &c, false))
        return true;
    for (int i = 0; i < ui->n_modals; i++)
        if (find_in(ui->modals[i], text))
            return true;
    if (ui->keyboard && fq_ui_osk_visible(ui) && fq_ui_keyboard_shows(ui->keyboard, text))
        return true;
    return ui->toast && find_in(ui->toast, text);
}

/* ---------------------------------------------------------------- focus & keyboard --- */

void fq_ui_osk_update(fq_ui *ui)
{
    bool show = ui->cfg.osk && ui->focus != NULL;
    bool shown = !(ui->kb_dock->flags & WF_HIDDEN);
    if (show)
        fq_ui_keyboard_set_mode(ui->keyboard, fq_ui_field_get_kind(ui->focus));
    if (show != shown) {
        ui->kb_dock->flags = show ? (ui->kb_dock->flags & ~WF_HIDDEN)
                                  : (ui->kb_dock->flags | WF_HIDDEN);
        ui->need_layout = true;
        fq_ui_dirty_all(ui);
    }
}

void fq_ui_focus(fq_ui *ui, fq_widget *field)
{
    if (field && (!fq_ui_field_is(field) || !fq_ui_widget_enabled(field)))
        return;
    if (field == ui->focus)
        return;
    fq_widget *old = ui->focus;
    ui->focus = field;
    if (field)
        fq_ui_field_set_typed(field, false);
    if (ui->settle == old)
        ui->settle = NULL; /* its BLUR is the save */
    if (old)
        fq_ui_dirty_rect(ui, old->rect);
    if (field)
        fq_ui_dirty_rect(ui, field->rect);
    fq_ui_osk_update(ui);
    if (field && ui->cfg.osk)
        ui->need_layout = true; /* fq_ui_layout_all reveals the field above the keyboard */
    else if (field) {
        fq_widget *s = fq_ui_widget_scroll_ancestor(field);
        if (s)
            fq_scroll_to_child(s, field);
    }
    /* Events last: handlers may change focus again or free widgets. */
    if (old && ui->focus == field)
        fq_ui_widget_emit(old, FQ_UI_EV_BLUR, 0, old->rect.x, old->rect.y);
    if (field && ui->focus == field)
        fq_ui_widget_emit(field, FQ_UI_EV_FOCUS, 0, field->rect.x, field->rect.y);
}

void fq_ui_set_default_field(fq_ui *ui, fq_widget *field)
{
    ui->default_field = field && fq_ui_field_is(field) ? field : NULL;
}

fq_widget *fq_ui_focused(const fq_ui *ui)
{
    return ui->focus;
}

static void collect_fields(fq_widget *w, fq_widget **out, int *n, int max)
{
    if (w->flags & (WF_HIDDEN | WF_DISABLED))
        return;
    if (fq_ui_field_is(w) && *n < max)
        out[(*n)++] = w;
    for (fq_widget *c = w->first; c; c = c->next)
        collect_fields(c, out, n, max);
}

void fq_ui_focus_next(fq_ui *ui, bool backwards)
{
    fq_widget *fields[128];
    int n = 0;
    fq_widget *layer = ui->n_modals ? ui->modals[ui->n_modals - 1] : ui->root;
    collect_fields(layer, fields, &n, 128);
    if (n == 0)
        return;
    int cur = -1;
    for (int i = 0; i < n; i++)
        if (fields[i] == ui->focus)
            cur = i;
    int next = cur < 0 ? (backwards ? n - 1 : 0) : (cur + (backwards ? n - 1 : 1)) % n;
    fq_ui_focus(ui, fields[next]);
}

bool fq_ui_focus_forward(fq_ui *ui)
{
    fq_widget *fields[256];
    int n = 0;
    fq_widget *layer = ui->n_modals ? ui->modals[ui->n_modals - 1] : ui->root;
    collect_fields(layer, fields, &n, 256);
    for (int i = 0; i + 1 < n; i++)
        if (fields[i] == ui->focus) {
            fq_ui_focus(ui, fields[i + 1]);
            return ui->focus == fields[i + 1];
        }
    return false;
}

void fq_ui_set_osk(fq_ui *ui, bool enabled)
{
    ui->cfg.osk = enabled;
    fq_ui_osk_update(ui);
}

bool fq_ui_osk_visible(const fq_ui *ui)
{
    return !(ui->kb_dock->flags & WF_HIDDEN);
}
