/* fq_ui: the retained widget toolkit screens are built with (LVGL's model, microui's
 * platform contract).
 *
 * A screen creates widgets into a tree (parent owns children; fq_widget_free frees a whole
 * subtree), sets sizes in millimetres, and attaches one handler per widget. The platform
 * feeds fq_input events and a clock in, sets the text measurer, and paints the draw list
 * that fq_ui_render() emits when something is dirty.
 *
 * Deliberately NOT here: SDL, fonts, textures, files, domain records or SQL. The ui is not
 * thread-safe (one thread owns a fq_ui, like LVGL). Out of memory aborts (ARCHITECTURE.md:
 * ui/platform may abort on OOM, because everything entered is already committed by store).
 *
 * Quick tour for screen authors:
 *   fq_widget *root = fq_ui_root(ui);                      // column filling the screen
 *   fq_widget *hdr  = fq_box_new(root, FQ_BOX_ROW_DIR, FQ_BOX_HEADER);
 *   fq_label_new(hdr, "Visit 12 - Ningbo Textiles");
 *   fq_widget *list = fq_scroll_new(root); fq_widget_set_grow(list, 1);
 *   fq_widget *row  = fq_box_new(list, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
 *   fq_widget_set_clickable(row, true); fq_widget_set_handler(row, on_row, ctx);
 *   fq_ui_light_new(row, FQ_UI_LIGHT_GREEN); fq_widget_set_grow(fq_label_new(row, "PO 4411"), 1);
 *   fq_widget *btns = fq_box_new(root, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
 *   fq_widget_set_grow(fq_button_new(btns, "Back", FQ_BUTTON_NORMAL), 1);
 */
#ifndef FQ_UI_UI_H
#define FQ_UI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/draw.h"
#include "ui/input.h"
#include "ui/types.h"

typedef struct fq_ui fq_ui;         /* the toolkit context: tree, focus, gestures, theme */
typedef struct fq_widget fq_widget; /* opaque; owned by its parent (roots by the fq_ui) */

/* ---------------------------------------------------------------- text measuring ----- */

/* Text measuring callbacks the platform sets (microui's text_width/text_height pattern).
 * width: advance width in px of `len` bytes of UTF-8 `text` (not nul-terminated) at
 * `size_px` in `style`. height: line height in px. `user` is passed back untouched. */
typedef struct fq_ui_text_measurer {
    int (*width)(void *user, fq_font_style style, int size_px, const char *text, size_t len);
    int (*height)(void *user, fq_font_style style, int size_px);
    void *user;
} fq_ui_text_measurer;

/* ---------------------------------------------------------------- theme -------------- */

typedef enum fq_ui_theme_id {
    FQ_THEME_LIGHT = 0, /* high contrast for bright factory floors (default) */
    FQ_THEME_DARK = 1
} fq_ui_theme_id;

/* Theme values: colours plus sizes in millimetres (converted to px with the panel's DPI). */
typedef struct fq_ui_theme {
    fq_color bg, surface, surface_alt, text, text_muted, border, pressed, focus;
    fq_color primary, on_primary, danger, on_danger;
    fq_color pass, fail, na, warn, on_status; /* verdicts and lights; on_status = text on them */
    fq_color header_bg, header_text, overlay, key_bg, key_special_bg;
    float text_mm, title_mm, small_mm; /* font pixel size (em) in mm */
    float target_mm;                    /* minimum touch target edge (>= 10) */
    float pad_mm, gap_mm, radius_mm, border_mm, focus_mm;
    float light_mm;                     /* status light diameter */
    float key_h_mm;                     /* on-screen keyboard key height */
    float scroll_threshold_mm;          /* finger travel before a press becomes a scroll */
    int long_press_ms;
    int settle_ms;                      /* typing pause before FQ_UI_EV_SETTLE */
} fq_ui_theme;

/* Returns the built-in theme `id` (a copy; never fails). */
fq_ui_theme fq_ui_theme_get(fq_ui_theme_id id);

/* ---------------------------------------------------------------- context ------------ */

typedef struct fq_ui_config {
    int width_px;   /* logical frame size, e.g. 800x480, 480x800, 720x1280 */
    int height_px;
    float dpi;      /* panel dots per inch (logical px); 0 -> 133 (7" 800x480 Pi panel) */
    fq_ui_theme_id theme;
    bool osk;       /* show the on-screen keyboard when a field takes focus */
} fq_ui_config;

/* Creates a ui context. `cfg` is read, not kept; `measurer` may be NULL (a crude built-in
 * estimate is used until fq_ui_set_text_measurer). Never returns NULL (aborts on OOM). */
fq_ui *fq_ui_new(const fq_ui_config *cfg, const fq_ui_text_measurer *measurer);

/* Frees the context, every widget, the draw list. NULL is fine. */
void fq_ui_free(fq_ui *ui);

/* Replaces the text measurer (copied) and relayouts. */
void fq_ui_set_text_measurer(fq_ui *ui, const fq_ui_text_measurer *measurer);

/* Switches theme (light/dark) and marks everything dirty. */
void fq_ui_set_theme(fq_ui *ui, fq_ui_theme_id id);

/* Replaces the theme with a custom one (copied); sizes are re-derived from mm. */
void fq_ui_set_theme_values(fq_ui *ui, const fq_ui_theme *theme);

/* Current theme (borrowed, valid until the next set_theme). */
const fq_ui_theme *fq_ui_theme_current(const fq_ui *ui);

/* Changes the logical frame size (rotation) and relayouts. */
void fq_ui_resize(fq_ui *ui, int width_px, int height_px);

/* Millimetres to logical pixels at this panel's DPI (rounded, at least 1 for mm > 0). */
int fq_ui_mm(const fq_ui *ui, float mm);

/* The screen root: a column container filling the frame (the keyboard overlays its lower
 * part; the focused field is scrolled, or the screen panned, to stay above it).
 * Screens fill it; fq_ui_clear_root() frees all its children (closing a screen). */
fq_widget *fq_ui_root(fq_ui *ui);
void fq_ui_clear_root(fq_ui *ui);

/* ---------------------------------------------------------------- input & time ------- */

/* Delivers one input event. Gestures act on release: a tap fires FQ_UI_EV_CLICK on the
 * widget under the finger when the finger lifts inside it; sliding off cancels; moving more
 * than the scroll threshold inside a scroll container scrolls it instead. Text and keys go to
 * the focused field. Handlers run inside this call. */
void fq_ui_handle_input(fq_ui *ui, const fq_input *in);

/* Advances timers (long press, scroll momentum, toast expiry) to `now_ms`. */
void fq_ui_tick(fq_ui *ui, int64_t now_ms);

/* While ms > 0 the ui asks to be ticked at least every ms milliseconds (fq_ui_timeout_ms),
 * so the host's loop wakes for a live picture (the camera's viewfinder); 0 stops it, and an
 * idle screen blocks again. */
void fq_ui_set_frame_interval(fq_ui *ui, int ms);

/* Milliseconds until the ui next needs fq_ui_tick, or -1 when nothing is pending (then the
 * platform may block on input indefinitely: idle costs nothing). */
int fq_ui_timeout_ms(const fq_ui *ui, int64_t now_ms);

/* ---------------------------------------------------------------- drawing ------------ */

/* True when some part of the frame must be repainted. */
bool fq_ui_needs_redraw(const fq_ui *ui);

/* Marks the whole frame dirty (e.g. after the window was exposed). */
void fq_ui_invalidate_all(fq_ui *ui);

/* Lays out if needed and emits the draw list for the dirty area, then clears the dirty
 * state. Returns a borrowed list valid until the next fq_ui_render or fq_ui_free. Call it
 * only when fq_ui_needs_redraw (it still works otherwise and returns an empty list). */
const fq_draw_list *fq_ui_render(fq_ui *ui);

/* Lays out now if the tree changed (normally done by render and input); lets a screen read
 * fq_widget_rect() right after building. */
void fq_ui_layout(fq_ui *ui);

/* Deepest visible widget at (x,y) (modal and keyboard layers first), or NULL. */
fq_widget *fq_ui_hit_test(fq_ui *ui, int x, int y);

/* ---------------------------------------------------------------- events ------------- */

typedef enum fq_ui_event_type {
    FQ_UI_EV_CLICK,      /* tap released inside a clickable widget (button, row, choice) */
    FQ_UI_EV_LONG_PRESS, /* held still for theme.long_press_ms (only if enabled on widget) */
    FQ_UI_EV_CHANGE,     /* value changed: choice index, field text edited, canvas stroke ended */
    FQ_UI_EV_SUBMIT,     /* Enter in a field (keyboard, on-screen key, barcode scanner) */
    FQ_UI_EV_FOCUS,      /* a field took focus */
    FQ_UI_EV_BLUR,       /* a field lost focus */
    FQ_UI_EV_SETTLE      /* a focused field's text unchanged for theme.settle_ms after an edit:
                          * save now, so a typed note survives a kill without Enter or blur */
} fq_ui_event_type;

typedef struct fq_ui_event {
    fq_ui_event_type type;
    int index;  /* CHANGE on choice/tabbar: the selected index; CLICK in a dialog: button index */
    int x, y;   /* CLICK/LONG_PRESS: pointer, widget-local px */
} fq_ui_event;

/* One handler per widget. `w` is the widget the event is about, `user` what was set. The
 * handler may free widgets, including `w` itself and its ancestors (the ui defers nothing
 * it still needs), and may open or close modals. */
typedef void (*fq_ui_handler)(fq_widget *w, const fq_ui_event *ev, void *user);

/* ---------------------------------------------------------------- widget tree -------- */

/* Frees `w` and its subtree and unlinks it from its parent. NULL is fine. Never free the
 * root (use fq_ui_clear_root). */
void fq_widget_free(fq_widget *w);

/* Frees all children of `w`. */
void fq_widget_clear(fq_widget *w);

fq_widget *fq_widget_parent(const fq_widget *w);
fq_ui *fq_widget_ui(const fq_widget *w);
/* Child navigation in creation order; NULL past the end. */
fq_widget *fq_widget_first_child(const fq_widget *w);
fq_widget *fq_widget_next_sibling(const fq_widget *w);

/* Handler and opaque user pointer (not owned). */
void fq_widget_set_handler(fq_widget *w, fq_ui_handler handler, void *user);
void *fq_widget_user(const fq_widget *w);
/* A free integer the screen can use to tell rows apart (record index, ...). */
void fq_widget_set_tag(fq_widget *w, int64_t tag);
int64_t fq_widget_tag(const fq_widget *w);

/* Hidden widgets take no space and no input. Disabled ones draw muted and take no input. */
void fq_widget_set_hidden(fq_widget *w, bool hidden);
void fq_widget_set_disabled(fq_widget *w, bool disabled);
bool fq_widget_hidden(const fq_widget *w);

/* Makes any widget (typically a list row box) pressable: pressed highlight, CLICK on release. */
void fq_widget_set_clickable(fq_widget *w, bool clickable);
/* Enables FQ_UI_EV_LONG_PRESS for `w`; a long press then suppresses the CLICK. */
void fq_widget_set_long_press(fq_widget *w, bool enabled);

/* Current absolute rectangle (valid after layout; see fq_ui_layout). */
fq_rect fq_widget_rect(const fq_widget *w);
/* True while a finger is down on it (pressed state shows at once). */
bool fq_widget_pressed(const fq_widget *w);

/* Marks `w` for repaint (call after changing something you draw from, e.g. a bound buffer). */
void fq_widget_invalidate(fq_widget *w);

/* ---------------------------------------------------------------- layout ------------- */

/* Layout model (a small flexbox): a box stacks its children along its direction, with
 * padding around and a gap between. Along the main axis a child gets its fixed size if set,
 * else its content size; leftover space goes to children with grow > 0 in proportion. Across,
 * children stretch unless they have a fixed size (then they are centred). */
void fq_widget_set_size_mm(fq_widget *w, float width_mm, float height_mm); /* 0 = auto */
void fq_widget_set_size_px(fq_widget *w, int width_px, int height_px);     /* 0 = auto */
void fq_widget_set_grow(fq_widget *w, int weight);
void fq_widget_set_pad_mm(fq_widget *w, float pad_mm);
void fq_widget_set_gap_mm(fq_widget *w, float gap_mm);

/* ---------------------------------------------------------------- containers --------- */

typedef enum fq_box_dir {
    FQ_BOX_COLUMN = 0, /* vertical stack */
    FQ_BOX_ROW_DIR = 1 /* horizontal stack */
} fq_box_dir;

typedef enum fq_box_style {
    FQ_BOX_PLAIN,  /* no background, no padding, theme gap */
    FQ_BOX_CARD,   /* surface background, border, rounded, padded */
    FQ_BOX_HEADER, /* header bar: header colours, padded, min height = touch target */
    FQ_BOX_ROW,    /* list row: padded, divider below, min height = touch target */
    FQ_BOX_PANEL   /* dialog panel */
} fq_box_style;

/* A stack container. */
fq_widget *fq_box_new(fq_widget *parent, fq_box_dir dir, fq_box_style style);

/* A vertical scroll container with clipping; give it grow or a fixed height. Children stack
 * as in a column; the finger scrolls it past the threshold, with momentum after release. */
fq_widget *fq_scroll_new(fq_widget *parent);
void fq_scroll_set_offset(fq_widget *scroll, int offset_px);
int fq_scroll_offset(const fq_widget *scroll);
/* Scrolls so that descendant `child` is fully visible. */
void fq_scroll_to_child(fq_widget *scroll, fq_widget *child);

/* A virtual list: a scroll container (as fq_scroll_new) of n_rows rows of which only those
 * in view exist. Each layout builds the rows coming into view with build(list, index, user),
 * which adds exactly one child to list (the row) and returns it, and frees rows that left;
 * a row is therefore rebuilt when it comes back and must keep no state of its own (handlers
 * find their row by fq_widget_tag or similar). Children added to the list outside build
 * stack above the rows (a banner). free_user(user) runs when the list is freed (may be
 * NULL). Rows never built count as the average height of those built. */
typedef fq_widget *(*fq_vlist_build_fn)(fq_widget *list, size_t index, void *user);
fq_widget *fq_vlist_new(fq_widget *parent, size_t n_rows, fq_vlist_build_fn build, void *user,
                        void (*free_user)(void *user));
/* Rows of the list (0 when w is not a virtual list). */
size_t fq_vlist_count(const fq_widget *w);
/* Rows that exist as widgets now (after a layout). */
size_t fq_vlist_n_built(const fq_widget *w);
/* Row index's widget when it exists now, else NULL. */
fq_widget *fq_vlist_row(const fq_widget *w, size_t index);

/* ---------------------------------------------------------------- label -------------- */

typedef enum fq_text_role {
    FQ_TEXT_BODY,   /* regular body text */
    FQ_TEXT_STRONG, /* bold body */
    FQ_TEXT_TITLE,  /* bold, larger */
    FQ_TEXT_SMALL,  /* secondary info */
    FQ_TEXT_MUTED   /* body size, muted colour */
} fq_text_role;

typedef enum fq_align {
    FQ_ALIGN_START,
    FQ_ALIGN_CENTER,
    FQ_ALIGN_END
} fq_align;

/* A text label; `text` (UTF-8, NULL = "") is copied. One line with an ellipsis when too long,
 * unless wrapping is on. */
fq_widget *fq_label_new(fq_widget *parent, const char *text);
void fq_label_set_text(fq_widget *label, const char *text);
const char *fq_label_text(const fq_widget *label);
void fq_label_set_role(fq_widget *label, fq_text_role role);
void fq_label_set_align(fq_widget *label, fq_align align);
/* Wraps at spaces (long words break anywhere) into at most max_lines (0 = unlimited); the
 * last line gets the ellipsis if text remains. */
void fq_label_set_wrap(fq_widget *label, int max_lines);
/* Overrides the role's colour (alpha 0 = back to the role's colour). */
void fq_label_set_color(fq_widget *label, fq_color color);

/* ---------------------------------------------------------------- button ------------- */

typedef enum fq_button_variant {
    FQ_BUTTON_NORMAL,
    FQ_BUTTON_PRIMARY,
    FQ_BUTTON_DANGER,
    FQ_BUTTON_PASS, /* verdict toggle styles: outlined, filled when checked */
    FQ_BUTTON_FAIL,
    FQ_BUTTON_NA
} fq_button_variant;

/* A button with a text (copied); CLICK on release. Height at least the touch target. */
fq_widget *fq_button_new(fq_widget *parent, const char *text, fq_button_variant variant);
void fq_button_set_text(fq_widget *button, const char *text);
void fq_button_set_variant(fq_widget *button, fq_button_variant variant);
/* Toggle state (draws filled for PASS/FAIL/NA, highlighted otherwise); not changed by taps. */
void fq_button_set_checked(fq_widget *button, bool checked);
bool fq_button_checked(const fq_widget *button);

/* ---------------------------------------------------------------- choice / tabs ------ */

typedef enum fq_choice_style {
    FQ_CHOICE_SEGMENTED, /* joined buttons, selected one filled with primary */
    FQ_CHOICE_VERDICT,   /* pass / fail / N/A: segment i coloured by fq_choice_set_variant */
    FQ_CHOICE_TABS       /* tab bar: selected tab underlined, bold */
} fq_choice_style;

/* A row of `n` mutually exclusive segments (labels copied, 1..16). Tapping a segment selects
 * it and fires CHANGE with ev->index when the selection changed. */
fq_widget *fq_choice_new(fq_widget *parent, const char *const *labels, int n,
                         fq_choice_style style);
/* Pass/fail/N/A convenience: a VERDICT choice with those three labels and colours. */
fq_widget *fq_choice_new_verdict(fq_widget *parent, const char *pass_label,
                                 const char *fail_label, const char *na_label);
/* A tab bar: a TABS choice; put it above (or below) the content it switches. */
fq_widget *fq_tabbar_new(fq_widget *parent, const char *const *labels, int n);
void fq_choice_set_selected(fq_widget *choice, int index); /* -1 = none; no CHANGE event */
int fq_choice_selected(const fq_widget *choice);
void fq_choice_set_variant(fq_widget *choice, int index, fq_button_variant variant);

/* ---------------------------------------------------------------- fields ------------- */

typedef enum fq_ui_field_kind {
    FQ_UI_FIELD_TEXT,    /* free text, full on-screen keyboard */
    FQ_UI_FIELD_INTEGER, /* digits (counts): numeric pad */
    FQ_UI_FIELD_DECIMAL  /* digits, one '.' and a leading '-' (weights, dimensions): numeric pad */
} fq_ui_field_kind;

/* A one-line text field editing the CALLER's buffer `buf` of `buf_size` bytes (microui's
 * textbox pattern): the buffer must stay valid until the field is freed and always holds a
 * nul-terminated UTF-8 string; input that does not fit is cut at a character boundary.
 * Tap focuses it (and shows the on-screen keyboard); CHANGE after each edit, SUBMIT on Enter. */
fq_widget *fq_ui_field_new(fq_widget *parent, char *buf, size_t buf_size, fq_ui_field_kind kind);
/* Grey hint shown while empty (copied). */
void fq_ui_field_set_placeholder(fq_widget *field, const char *text);
/* Call after changing the bound buffer yourself: clamps the cursor, repaints. */
void fq_ui_field_sync(fq_widget *field);
/* Cursor byte offset (always at a UTF-8 character boundary). */
size_t fq_ui_field_cursor(const fq_widget *field);

/* Focus (one field at a time). NULL clears focus (and hides the keyboard). */
void fq_ui_focus(fq_ui *ui, fq_widget *field);
fq_widget *fq_ui_focused(const fq_ui *ui);
/* The field that takes text arriving from a keyboard device (a USB/Bluetooth caliper, scale
 * or scanner typing as a keyboard) while no field is focused: it is focused first, then gets
 * the text. NULL: such text is dropped (the default). Forgotten when the field is freed. */
void fq_ui_set_default_field(fq_ui *ui, fq_widget *field);
/* True when text reached `field` from a keyboard device (FQ_INPUT_TEXT: a physical keyboard,
 * a gauge or a scanner), not from the on-screen keyboard, since it was last focused. */
bool fq_ui_field_typed(const fq_widget *field);
/* Moves focus to the next/previous visible field in tree order (Tab / Shift-Tab). */
void fq_ui_focus_next(fq_ui *ui, bool backwards);

/* Moves focus to the next visible, enabled field after the focused one in tree order (a
 * form's "next"): true when it moved; false at the last field (focus unchanged). */
bool fq_ui_focus_forward(fq_ui *ui);

/* ---------------------------------------------------------------- barcode scanner ---- */

/* A USB barcode scanner types like a keyboard: one character per text event, milliseconds
 * apart, then Enter. The ui tells that from a person (at least FQ_UI_SCAN_MIN_CHARS single
 * characters, each within FQ_UI_SCAN_GAP_MS of the last, and Enter within it too) and hands
 * the whole code to the scan handler first: it returns true when it took the code (then
 * whatever the burst typed into a focused field is undone). Otherwise a focused field's text
 * is REPLACED by the code (a scan never appends to what was there) and the field gets SUBMIT;
 * with no field focused the code goes nowhere but the handler. */
#define FQ_UI_SCAN_MIN_CHARS 6
#define FQ_UI_SCAN_GAP_MS 40
#define FQ_UI_SCAN_MAX 64      /* bytes of a code kept, incl. nul */
#define FQ_UI_SCAN_SNAPSHOT 2048
typedef bool (*fq_ui_scan_fn)(void *user, const char *code);
/* Installs the scan handler (fn NULL: none). */
void fq_ui_set_scan_handler(fq_ui *ui, fq_ui_scan_fn fn, void *user);

/* ---------------------------------------------------------------- on-screen keyboard - */

/* The ui owns one on-screen keyboard, docked at the bottom while a field is focused (when
 * cfg.osk): the text layout (letters, shift, symbols) for FQ_UI_FIELD_TEXT, the numeric pad for
 * the numeric kinds. The focused field is scrolled (or the screen panned) above it.
 * Layouts are compiled-in data (keyboard_layouts.c), see there for the format. */
void fq_ui_set_osk(fq_ui *ui, bool enabled);
bool fq_ui_osk_visible(const fq_ui *ui);

/* An input method for the on-screen keyboard (pinyin), given by the host; the ui calls it from
 * its own thread only. search replaces the spelling being composed and returns the number of
 * candidates; candidate writes candidate i as UTF-8 (false: none); choose takes candidate i
 * and says whether the whole spelling is converted (then result is the text to type);
 * preedit is what is being composed (chosen part + letters left); flush keeps what was learnt. */
typedef struct fq_ui_ime {
    void *user;
    size_t (*search)(void *user, const char *spelling);
    bool (*candidate)(void *user, size_t i, char *buf, size_t len);
    size_t (*choose)(void *user, size_t i, bool *out_done);
    const char *(*preedit)(void *user);
    const char *(*result)(void *user);
    void (*flush)(void *user);
} fq_ui_ime;

/* Gives the keyboard an input method (copied; NULL removes it). With one, the letter layouts
 * get a 中/EN key: pinyin (letters compose, a candidate bar above the keys with paging: tap a
 * candidate, space takes the first, Enter types the letters as they are) or English; "123"
 * is the numbers and symbols, as before: each one tap away. */
void fq_ui_set_ime(fq_ui *ui, const fq_ui_ime *ime);
/* Pinyin (true) or English (false) on the letter layouts; ignored without an input method. */
void fq_ui_keyboard_use_pinyin(fq_ui *ui, bool pinyin);
bool fq_ui_keyboard_pinyin(const fq_ui *ui);
/* The label the keyboard draws on a special key, for the drawn language: key is "space",
 * "enter", "sym" or "abc"; label is copied (at most 31 bytes). */
void fq_ui_keyboard_set_label(fq_ui *ui, const char *key, const char *label);

/* ---------------------------------------------------------------- status light ------- */

typedef enum fq_ui_light_state {
    FQ_UI_LIGHT_GREY,
    FQ_UI_LIGHT_GREEN,
    FQ_UI_LIGHT_YELLOW,
    FQ_UI_LIGHT_RED
} fq_ui_light_state;

/* A traffic-light dot (theme.light_mm), with a dark ring so it reads on any background. */
fq_widget *fq_ui_light_new(fq_widget *parent, fq_ui_light_state state);
void fq_ui_light_set_state(fq_widget *light, fq_ui_light_state state);
fq_ui_light_state fq_ui_light_get_state(const fq_widget *light);

/* ---------------------------------------------------------------- image -------------- */

/* An image the platform registered (fq_platform_register_image gives the id), drawn with its
 * aspect kept inside the widget (give it a size). img_w/img_h: the image's pixel size. */
fq_widget *fq_image_new(fq_widget *parent, int image_id, int img_w, int img_h);
void fq_image_set(fq_widget *image, int image_id, int img_w, int img_h);

/* ---------------------------------------------------------------- canvas ------------- */

/* A signature pad: the finger draws strokes (never scrolls or cancels); each stroke is a list
 * of widget-local points. CHANGE fires when a stroke ends. Give it a size. */
fq_widget *fq_canvas_new(fq_widget *parent);
void fq_canvas_clear(fq_widget *canvas);
size_t fq_canvas_stroke_count(const fq_widget *canvas);
/* Points of stroke `idx` (borrowed, valid until the canvas changes); returns the count. */
size_t fq_canvas_stroke(const fq_widget *canvas, size_t idx, const fq_point **out_points);

/* ---------------------------------------------------------------- markup ------------- */

/* A mark-up pad over a registered image (drawn letterboxed): the finger draws the current
 * tool's mark (arrow: tail to head; circle: centre outwards; box: corner to corner; label:
 * a tap puts the label's top-left corner there). Marks are in the image's pixels (img_w x
 * img_h). CHANGE fires when a mark is added (index = the count). Give it a size. */
typedef enum fq_ui_mark_kind {
    FQ_UI_MARK_ARROW = 0,
    FQ_UI_MARK_CIRCLE,
    FQ_UI_MARK_RECT,
    FQ_UI_MARK_TEXT
} fq_ui_mark_kind;

#define FQ_UI_MARK_TEXT_MAX 33

typedef struct fq_ui_mark {
    int kind; /* fq_ui_mark_kind */
    float x0, y0, x1, y1; /* image pixels: start and end of the drag (a label: x0, y0) */
    char text[FQ_UI_MARK_TEXT_MAX];
} fq_ui_mark;

fq_widget *fq_markup_new(fq_widget *parent, int image_id, int img_w, int img_h);
/* The tool for the next marks; label (copied, may be NULL) is the text a label tool puts. */
void fq_markup_set_tool(fq_widget *markup, fq_ui_mark_kind tool, const char *label);
/* Drops the last mark; false when there is none. */
bool fq_markup_undo(fq_widget *markup);
size_t fq_markup_count(const fq_widget *markup);
/* Mark idx (copied into *out); false past the end. */
bool fq_markup_get(const fq_widget *markup, size_t idx, fq_ui_mark *out);

/* ---------------------------------------------------------------- viewer ------------- */

/* A full-screen photo: double tap zooms in around the point (2.5x) or back out, two fingers
 * pinch the zoom (1x..8x, FQ_INPUT_PINCH), a drag pans
 * the zoomed photo, a sideways swipe of the unzoomed photo emits CHANGE with index +1 (next)
 * or -1 (previous); a zoom change emits CHANGE with index 0. Give it a size. */
fq_widget *fq_viewer_new(fq_widget *parent, int image_id, int img_w, int img_h);
float fq_viewer_zoom(const fq_widget *viewer); /* 1 = whole photo */

/* ---------------------------------------------------------------- modal & toast ------ */

/* Opens a modal layer over the screen (dimmed) and returns its panel (a padded column) to
 * fill. Input outside the panel is swallowed. Modals stack; the top one gets input. */
fq_widget *fq_modal_new(fq_ui *ui);
/* Closes (frees) the modal containing `w` (any widget inside it, or the panel). */
void fq_modal_close(fq_widget *w);
bool fq_ui_modal_open(const fq_ui *ui);

/* Convenience dialog: title, wrapped message, a row of buttons (labels copied, 1..4; the
 * last one drawn as primary). Tapping a button closes the dialog, then calls `handler` with a
 * CLICK event whose index is the button index and w == NULL. */
void fq_dialog_open(fq_ui *ui, const char *title, const char *message,
                    const char *const *buttons, int n_buttons,
                    fq_ui_handler handler, void *user);

typedef enum fq_toast_kind {
    FQ_TOAST_INFO,
    FQ_TOAST_OK,
    FQ_TOAST_ERROR
} fq_toast_kind;

/* Shows a one-line status toast at the bottom for duration_ms (0 = until replaced or a tap
 * on it). Text copied. Replaces the previous toast. */
void fq_ui_toast(fq_ui *ui, const char *text, fq_toast_kind kind, int duration_ms);

/* ---------------------------------------------------------------- tests & scripts ---- */

/* True if some visible label, button, choice segment or field shows `text` (substring); the
 * rows of a virtual list count also out of view (it is paged through and put back). */
bool fq_ui_find_text(fq_ui *ui, const char *text);

#endif
