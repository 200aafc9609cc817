/* Private declarations of fq_ui shared between its .c files: the widget struct, the widget
 * class vtable, the context struct, and helpers (alloc, utf8, drawing, text). Never included
 * outside device/ui. */
#ifndef FQ_UI_INTERNAL_H
#define FQ_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/ui.h"

/* Widget flags */
#define WF_HIDDEN 0x001u
#define WF_DISABLED 0x002u
#define WF_CLICKABLE 0x004u
#define WF_FOCUSABLE 0x008u
#define WF_SCROLL 0x010u
#define WF_CAPTURE 0x020u /* gets raw pointer down/move/up (canvas, keyboard) */
#define WF_PRESSED 0x040u
#define WF_LONG_PRESS 0x080u
#define WF_CHECKED 0x100u
#define WF_LAYER 0x200u /* a layer root (screen root, modal backdrop, keyboard dock) */
#define WF_VIRTUAL 0x400u /* a virtual list: scrolling changes which rows exist (vlist.c) */

typedef enum ptr_phase {
    PTR_DOWN,
    PTR_MOVE,
    PTR_UP,
    PTR_CANCEL
} ptr_phase;

/* Per-kind behaviour. Every hook may be NULL. */
typedef struct widget_class {
    const char *name;
    /* Content size given the width the parent can offer (avail_w). */
    void (*measure)(fq_widget *w, int avail_w, int *out_w, int *out_h);
    /* Places the children inside w->rect (default: the box stack of layout.c). */
    void (*place)(fq_widget *w);
    /* Paints the widget itself; children are painted after by the tree walk. */
    void (*draw)(fq_widget *w, fq_draw_list *dl);
    /* Tap released inside (x,y absolute). Return true to suppress the handler's CLICK. */
    bool (*click)(fq_widget *w, int x, int y);
    /* Raw pointer for WF_CAPTURE widgets (x,y absolute). */
    void (*pointer)(fq_widget *w, ptr_phase phase, int x, int y);
    /* Two fingers on a WF_CAPTURE widget moved apart (scale > 1) or together around x,y; its
     * pointer got PTR_CANCEL at the pinch's start. */
    void (*pinch)(fq_widget *w, float scale, int x, int y);
    void (*text)(fq_widget *w, const char *utf8);
    void (*key)(fq_widget *w, fq_key key, unsigned mods);
    /* Text shown, for fq_ui_find_text. Return the count of texts written to out (max n). */
    int (*texts)(const fq_widget *w, const char **out, int n);
    void (*destroy)(fq_widget *w);
} widget_class;

struct fq_widget {
    fq_ui *ui;
    const widget_class *cls;
    fq_widget *parent, *first, *last, *next, *prev;
    unsigned flags;
    fq_rect rect; /* absolute, set by layout */
    /* layout */
    fq_box_dir dir;
    int pad_px, gap_px, grow;
    int fixed_w_px, fixed_h_px;
    int min_h_px; /* e.g. touch target for buttons/rows */
    /* scroll (WF_SCROLL) */
    int scroll_px, content_h_px;
    fq_box_style box_style;
    fq_ui_handler handler;
    void *user;
    int64_t tag;
    void *data; /* class-specific, freed by cls->destroy */
};

/* Theme converted to pixels for this panel. */
typedef struct theme_px {
    int text, title, small;
    int target, pad, gap, radius, border, focus, light, key_h, scroll_threshold;
} theme_px;

typedef struct gesture_state {
    bool down;
    fq_widget *target;   /* clickable widget pressed (NULL when cancelled) */
    fq_widget *capture;  /* WF_CAPTURE widget getting raw events */
    fq_widget *scroll;   /* nearest scroll ancestor of the hit, candidate for dragging */
    bool scrolling;
    bool long_fired;
    bool moved; /* beyond the threshold since DOWN: no long press */
    bool pinching; /* a second finger joined: the rest of this touch is a pinch */
    int start_x, start_y, last_x, last_y;
    int scroll_start_px;
    int64_t down_ms, last_ms;
    float velocity; /* px per ms, scroll direction (positive = content moves up) */
    /* momentum after release */
    fq_widget *fling;
    float fling_v;
    float fling_pos;
    int64_t fling_ms;
} gesture_state;

#define MAX_MODALS 4

struct fq_ui {
    fq_ui_config cfg;
    fq_ui_text_measurer measurer;
    fq_ui_theme theme;
    theme_px px;
    float px_per_mm;
    fq_widget *root;
    fq_widget *modals[MAX_MODALS]; /* backdrops, bottom to top */
    int n_modals;
    fq_widget *kb_dock;     /* keyboard layer (a column holding the keyboard widget) */
    fq_widget *keyboard;
    fq_widget *toast;       /* toast layer */
    int64_t toast_until_ms; /* 0 = no expiry */
    int frame_ms;           /* > 0: tick at least this often (a live picture on show) */
    fq_widget *focus;
    fq_widget *default_field; /* takes keyboard-device text while nothing is focused */
    fq_widget *settle;      /* field edited and not yet settled (FQ_UI_EV_SETTLE pending) */
    int64_t settle_at_ms;
    gesture_state g;
    int64_t now_ms;
    bool need_layout;
    bool dirty;
    fq_rect dirty_rect;
    fq_draw_list dl;
    /* dialog callback plumbing */
    int dispatch_depth;
    /* barcode scanner recognition (ui.c): one character per text event, fast, then Enter */
    char scan_buf[FQ_UI_SCAN_MAX];
    size_t scan_len;
    int scan_chars;
    int64_t scan_last_ms;
    bool scan_broken;            /* this burst cannot be a scan (a multi-character event) */
    fq_widget *scan_field;       /* the field focused when the burst began, and its text */
    char scan_field_text[FQ_UI_SCAN_SNAPSHOT];
    size_t scan_field_cursor;
    fq_ui_scan_fn scan_fn;
    void *scan_user;
};

/* alloc.c: abort on OOM (ARCHITECTURE.md allows it in ui) */
void *fq_ui_xcalloc(size_t n, size_t size);
void *fq_ui_xrealloc(void *p, size_t n, size_t size);
char *fq_ui_xstrdup(const char *s);

/* widget.c */
fq_widget *fq_ui_widget_new(fq_widget *parent, const widget_class *cls, size_t data_size);
fq_widget *fq_ui_widget_new_layer(fq_ui *ui, const widget_class *cls);
void fq_ui_widget_emit(fq_widget *w, fq_ui_event_type type, int index, int x, int y);
void fq_ui_widget_relayout(fq_widget *w); /* size may have changed */
bool fq_ui_widget_visible(const fq_widget *w);
bool fq_ui_widget_enabled(const fq_widget *w);
fq_widget *fq_ui_widget_scroll_ancestor(fq_widget *w);
bool fq_ui_widget_is_descendant(const fq_widget *w, const fq_widget *ancestor);
fq_widget *fq_ui_widget_layer_of(fq_widget *w);
void fq_ui_widget_forget(fq_ui *ui, fq_widget *w); /* drop ui pointers into a dying subtree */
void fq_ui_widget_destroy(fq_widget *w);           /* unlink + free subtree, no layer logic */
extern const widget_class fq_ui_box_class;
extern const widget_class fq_ui_scroll_class;

/* vlist.c: the first virtual list under w in tree order (NULL: none); scrolling a list a
 * screen at a time from its top until found(ctx) (rows out of view do not exist), left
 * there when stay, else (and when never found) back where it was */
fq_widget *fq_ui_vlist_under(fq_widget *w);
bool fq_ui_vlist_page_until(fq_widget *list, bool (*found)(void *ctx), void *ctx, bool stay);

/* layout.c */
void fq_ui_layout_measure(fq_widget *w, int avail_w, int *out_w, int *out_h);
void fq_ui_layout_place(fq_widget *w, fq_rect rect);
void fq_ui_layout_all(fq_ui *ui);
void fq_ui_layout_shift(fq_widget *w, int dx, int dy);
int fq_ui_layout_pad(const fq_widget *w);
int fq_ui_layout_gap(const fq_widget *w);

/* dirty.c */
void fq_ui_dirty_rect(fq_ui *ui, fq_rect r);
void fq_ui_dirty_all(fq_ui *ui);
fq_rect fq_ui_rect_intersect(fq_rect a, fq_rect b);
fq_rect fq_ui_rect_union(fq_rect a, fq_rect b);
bool fq_ui_rect_contains(fq_rect r, int x, int y);
bool fq_ui_rect_empty(fq_rect r);
fq_rect fq_ui_rect_inset(fq_rect r, int d);

/* drawlist.c */
void fq_ui_dl_reset(fq_draw_list *dl, fq_rect area, bool full);
void fq_ui_dl_free(fq_draw_list *dl);
void fq_ui_dl_rect(fq_draw_list *dl, fq_rect r, fq_color fill, int radius_px, int border_px,
                   fq_color border);
void fq_ui_dl_circle(fq_draw_list *dl, fq_rect box, fq_color fill, int border_px, fq_color border);
void fq_ui_dl_line(fq_draw_list *dl, int x0, int y0, int x1, int y1, int thickness_px, fq_color c);
void fq_ui_dl_text(fq_draw_list *dl, int x, int y, const char *text, size_t len, int size_px,
                   fq_font_style style, fq_color c, int w, int h);
void fq_ui_dl_image(fq_draw_list *dl, fq_rect r, int image_id);
void fq_ui_dl_clip_push(fq_draw_list *dl, fq_rect r);
void fq_ui_dl_clip_pop(fq_draw_list *dl);
void fq_ui_dl_finish(fq_draw_list *dl);

/* render.c */
void fq_ui_render_widget(fq_widget *w, fq_draw_list *dl, fq_rect clip);

/* text.c: measuring, ellipsis, wrapping */
int fq_ui_text_width(const fq_ui *ui, fq_font_style style, int size_px, const char *s, size_t len);
int fq_ui_text_height(const fq_ui *ui, fq_font_style style, int size_px);
/* Bytes of s[0..len) that fit in max_w px, at a UTF-8 boundary. */
size_t fq_ui_text_fit(const fq_ui *ui, fq_font_style style, int size_px, const char *s, size_t len,
                      int max_w);
/* Draws one line at (x,y) clipped with an ellipsis to max_w. */
void fq_ui_text_draw_line(fq_ui *ui, fq_draw_list *dl, int x, int y, const char *s, size_t len,
                          int size_px, fq_font_style style, fq_color c, int max_w, fq_align align);
/* Next wrapped line of s at or after *pos within max_w: sets *out_start to where the line
 * starts (leading spaces skipped), returns its byte length, moves *pos past it. */
size_t fq_ui_text_wrap_next(const fq_ui *ui, fq_font_style style, int size_px, const char *s,
                            size_t len, size_t *pos, int max_w, size_t *out_start);

/* utf8.c */
size_t fq_ui_utf8_next(const char *s, size_t len, size_t i); /* index after the char at i */
size_t fq_ui_utf8_prev(const char *s, size_t i);             /* index of the char before i */
size_t fq_ui_utf8_clip(const char *s, size_t len); /* longest valid-boundary prefix <= len */
uint32_t fq_ui_utf8_decode(const char *s, size_t len, size_t i);

/* theme.c */
void fq_ui_theme_apply(fq_ui *ui);
fq_color fq_ui_color_mix(fq_color a, fq_color b, int amount_255);
void fq_ui_role_font(const fq_ui *ui, fq_text_role role, int *size_px, fq_font_style *style,
                     fq_color *color);

/* gesture.c */
void fq_ui_gesture_input(fq_ui *ui, const fq_input *in);
void fq_ui_gesture_tick(fq_ui *ui, int64_t now_ms);
int fq_ui_gesture_timeout(const fq_ui *ui, int64_t now_ms);
void fq_ui_gesture_forget(fq_ui *ui, fq_widget *w);

/* field.c: text reached the field from a keyboard device (not the on-screen keyboard) since
 * it was focused: a gauge or a scanner typing as a keyboard */
void fq_ui_field_set_typed(fq_widget *field, bool typed);

/* choice.c: the rectangle of segment i (absolute) */
fq_rect fq_ui_choice_segment_rect(const fq_widget *w, int i);

/* keyboard.c: the centre of the key showing `label` on the keyboard's current layer */
bool fq_ui_keyboard_key_center(fq_widget *kb, const char *label, int *out_x, int *out_y);
/* keyboard.c: text (a substring) is on the pinyin bar: being composed, or a candidate shown */
bool fq_ui_keyboard_shows(fq_widget *kb, const char *text);

/* focus / keyboard */
void fq_ui_field_insert(fq_widget *field, const char *utf8);
/* The field's text and cursor into buf (a snapshot), and putting them back (no events). */
void fq_ui_field_snapshot(const fq_widget *field, char *buf, size_t len, size_t *cursor);
void fq_ui_field_restore(fq_widget *field, const char *text, size_t cursor);
/* Replaces the field's text (filtered by its kind, cursor at the end; CHANGE is emitted). */
void fq_ui_field_replace(fq_widget *field, const char *utf8);
void fq_ui_field_key(fq_widget *field, fq_key key, unsigned mods);
bool fq_ui_field_is(const fq_widget *w);
fq_ui_field_kind fq_ui_field_get_kind(const fq_widget *w);
fq_widget *fq_ui_keyboard_new(fq_ui *ui, fq_widget *dock);
void fq_ui_keyboard_set_mode(fq_widget *kb, fq_ui_field_kind kind);
void fq_ui_osk_update(fq_ui *ui);
extern const char *const fq_ui_kb_layout_lower;
extern const char *const fq_ui_kb_layout_upper;
extern const char *const fq_ui_kb_layout_symbols;
extern const char *const fq_ui_kb_layout_integer;
extern const char *const fq_ui_kb_layout_decimal;
extern const char *const fq_ui_kb_layout_lower_ime;
extern const char *const fq_ui_kb_layout_upper_ime;
extern const char *const fq_ui_kb_layout_symbols_ime;

/* modal.c / toast.c */
void fq_ui_modal_place(fq_widget *backdrop, fq_rect area);
void fq_ui_toast_place(fq_ui *ui, fq_rect area);
void fq_ui_toast_tick(fq_ui *ui, int64_t now_ms);
void fq_ui_field_edited(fq_widget *w); /* field.c: schedules FQ_UI_EV_SETTLE */
bool fq_ui_toast_takes_taps(const fq_ui *ui);
void fq_ui_toast_free_layer(fq_ui *ui);

/* button.c: shared look for buttons and choice segments */
void fq_ui_button_paint(fq_ui *ui, fq_draw_list *dl, fq_rect r, const char *text,
                        fq_button_variant variant, bool pressed, bool checked, bool disabled,
                        int radius_px);

#endif
