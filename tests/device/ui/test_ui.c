/* Headless tests of fq_ui: layout, hit-test, gestures (tap on release, slide-off cancel,
 * scroll threshold + momentum, long press), fields edited through the on-screen keyboard,
 * dirty tracking, modals, the script parser and runner (its clock, the commands resolved
 * against the screen). A fixed-width fake text measurer stands in for the platform: every
 * character is size/2 px wide, lines are size*5/4 tall. No SDL. */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/locate.h"
#include "ui/script.h"
#include "ui/ui.h"

static int fake_width(void *user, fq_font_style style, int size_px, const char *text, size_t len)
{
    (void)user;
    (void)style;
    int n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            n++;
    return n * (size_px / 2);
}

static int fake_height(void *user, fq_font_style style, int size_px)
{
    (void)user;
    (void)style;
    return size_px * 5 / 4;
}

static const fq_ui_text_measurer FAKE = {fake_width, fake_height, NULL};

static fq_ui *make_ui(int w, int h)
{
    fq_ui_config cfg = {.width_px = w, .height_px = h, .dpi = 133.0f, .theme = FQ_THEME_LIGHT,
                        .osk = true};
    return fq_ui_new(&cfg, &FAKE);
}

typedef struct counts {
    int click, long_press, change, submit, settle, last_index;
    fq_widget *last;
} counts;

static void count_handler(fq_widget *w, const fq_ui_event *ev, void *user)
{
    counts *c = user;
    c->last = w;
    c->last_index = ev->index;
    switch (ev->type) {
    case FQ_UI_EV_CLICK:
        c->click++;
        break;
    case FQ_UI_EV_LONG_PRESS:
        c->long_press++;
        break;
    case FQ_UI_EV_CHANGE:
        c->change++;
        break;
    case FQ_UI_EV_SUBMIT:
        c->submit++;
        break;
    case FQ_UI_EV_SETTLE:
        c->settle++;
        break;
    default:
        break;
    }
}

static int64_t now_ms;

static void send(fq_ui *ui, fq_input_type type, int x, int y)
{
    fq_input in;
    memset(&in, 0, sizeof in);
    in.type = type;
    in.x = x;
    in.y = y;
    in.time_ms = now_ms;
    fq_ui_handle_input(ui, &in);
}

static void tap(fq_ui *ui, int x, int y)
{
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    now_ms += 40;
    send(ui, FQ_INPUT_POINTER_UP, x, y);
    now_ms += 40;
}

static void cx_cy(fq_rect r, int *x, int *y)
{
    *x = r.x + r.w / 2;
    *y = r.y + r.h / 2;
}

static void tap_widget(fq_ui *ui, fq_widget *w)
{
    int x;
    int y;
    fq_ui_layout(ui);
    cx_cy(fq_widget_rect(w), &x, &y);
    tap(ui, x, y);
}

/* Finds the text command whose text equals `label` in a fresh full render. */
static bool find_text_cmd(fq_ui *ui, const char *label, fq_rect *out)
{
    fq_ui_invalidate_all(ui);
    const fq_draw_list *dl = fq_ui_render(ui);
    for (size_t i = 0; i < dl->n_cmds; i++) {
        const fq_draw_cmd *c = &dl->cmds[i];
        if (c->kind == FQ_DRAW_TEXT && c->text_len == strlen(label) &&
            memcmp(c->text, label, c->text_len) == 0) {
            *out = c->rect;
            return true;
        }
    }
    return false;
}

static void tap_key(fq_ui *ui, const char *label)
{
    fq_rect r = {0, 0, 0, 0};
    assert_true(find_text_cmd(ui, label, &r));
    int x;
    int y;
    cx_cy(r, &x, &y);
    tap(ui, x, y);
}

/* A typical screen: header, scroll list of rows, button row. */
typedef struct screen {
    fq_widget *header, *list, *buttons, *rows[50], *btn[3];
} screen;

static void build_screen(fq_ui *ui, screen *s, counts *c)
{
    fq_widget *root = fq_ui_root(ui);
    s->header = fq_box_new(root, FQ_BOX_ROW_DIR, FQ_BOX_HEADER);
    fq_label_new(s->header, "Visit 12");
    s->list = fq_scroll_new(root);
    fq_widget_set_grow(s->list, 1);
    for (int i = 0; i < 50; i++) {
        char txt[32];
        snprintf(txt, sizeof txt, "PO %d", 4400 + i);
        s->rows[i] = fq_box_new(s->list, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
        fq_widget_set_clickable(s->rows[i], true);
        fq_widget_set_handler(s->rows[i], count_handler, c);
        fq_widget_set_tag(s->rows[i], i);
        fq_ui_light_new(s->rows[i], FQ_UI_LIGHT_GREEN);
        fq_widget_set_grow(fq_label_new(s->rows[i], txt), 1);
    }
    s->buttons = fq_box_new(root, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget_set_pad_mm(s->buttons, 2.0f);
    const char *names[3] = {"Back", "Photo", "Save"};
    for (int i = 0; i < 3; i++) {
        s->btn[i] = fq_button_new(s->buttons, names[i], i == 2 ? FQ_BUTTON_PRIMARY : FQ_BUTTON_NORMAL);
        fq_widget_set_grow(s->btn[i], 1);
        fq_widget_set_handler(s->btn[i], count_handler, c);
    }
    fq_ui_layout(ui);
}

static void test_layout(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    screen s;
    build_screen(ui, &s, &c);
    int target = fq_ui_mm(ui, 11.0f);
    fq_rect h = fq_widget_rect(s.header);
    assert_int_equal(h.x, 0);
    assert_int_equal(h.y, 0);
    assert_int_equal(h.w, 800);
    assert_true(h.h >= target);
    fq_rect b = fq_widget_rect(s.buttons);
    assert_int_equal(b.y + b.h, 480);
    fq_rect l = fq_widget_rect(s.list);
    assert_int_equal(l.y, h.y + h.h);
    assert_int_equal(l.y + l.h, b.y);
    /* three grow buttons share the row equally (+-1 px rounding) and are >= 10 mm */
    fq_rect b0 = fq_widget_rect(s.btn[0]);
    fq_rect b2 = fq_widget_rect(s.btn[2]);
    assert_true(abs(b0.w - b2.w) <= 1);
    assert_true(b0.h >= fq_ui_mm(ui, 10.0f));
    assert_true(b2.x + b2.w <= 800);
    /* rows are at least a touch target tall, stacked */
    fq_rect r0 = fq_widget_rect(s.rows[0]);
    fq_rect r1 = fq_widget_rect(s.rows[1]);
    assert_true(r0.h >= target);
    assert_true(r1.y >= r0.y + r0.h);
    /* portrait relayout */
    fq_ui_resize(ui, 480, 800);
    fq_ui_layout(ui);
    assert_int_equal(fq_widget_rect(s.header).w, 480);
    assert_int_equal(fq_widget_rect(s.buttons).y + fq_widget_rect(s.buttons).h, 800);
    fq_ui_free(ui);
}

static void test_hit_test(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    screen s;
    build_screen(ui, &s, &c);
    int x;
    int y;
    cx_cy(fq_widget_rect(s.btn[1]), &x, &y);
    assert_ptr_equal(fq_ui_hit_test(ui, x, y), s.btn[1]);
    /* a point in a row hits the row or one of its children */
    cx_cy(fq_widget_rect(s.rows[2]), &x, &y);
    fq_widget *hit = fq_ui_hit_test(ui, x, y);
    assert_true(hit == s.rows[2] || fq_widget_parent(hit) == s.rows[2]);
    /* rows scrolled out of the viewport are not hit: the row rect is below the list */
    fq_rect l = fq_widget_rect(s.list);
    fq_rect r40 = fq_widget_rect(s.rows[40]);
    assert_true(r40.y > l.y + l.h);
    assert_null(fq_ui_hit_test(ui, 5000, 5000));
    fq_ui_free(ui);
}

static void test_tap_on_release(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    screen s;
    build_screen(ui, &s, &c);
    int x;
    int y;
    cx_cy(fq_widget_rect(s.btn[2]), &x, &y);
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    assert_true(fq_widget_pressed(s.btn[2])); /* pressed state at once */
    assert_int_equal(c.click, 0);             /* nothing on press */
    send(ui, FQ_INPUT_POINTER_MOVE, x + 3, y + 2); /* jitter inside */
    send(ui, FQ_INPUT_POINTER_UP, x + 3, y + 2);
    assert_int_equal(c.click, 1);
    assert_ptr_equal(c.last, s.btn[2]);
    assert_false(fq_widget_pressed(s.btn[2]));
    /* tap on a label inside a clickable row clicks the row */
    tap_widget(ui, fq_widget_next_sibling(fq_widget_first_child(s.rows[1])));
    assert_int_equal(c.click, 2);
    assert_ptr_equal(c.last, s.rows[1]);
    /* a tap in the gap between two rows still presses one of them (gloves) */
    fq_rect r2 = fq_widget_rect(s.rows[2]);
    fq_rect r3 = fq_widget_rect(s.rows[3]);
    assert_true(r3.y > r2.y + r2.h); /* there is a gap */
    tap(ui, r2.x + 50, (r2.y + r2.h + r3.y) / 2);
    assert_int_equal(c.click, 3);
    assert_true(c.last == s.rows[2] || c.last == s.rows[3]);
    fq_ui_free(ui);
}

static void test_slide_off_cancels(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    screen s;
    build_screen(ui, &s, &c);
    int x;
    int y;
    fq_rect b = fq_widget_rect(s.btn[0]);
    cx_cy(b, &x, &y);
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    send(ui, FQ_INPUT_POINTER_MOVE, b.x + b.w + 20, y); /* off, onto the next button */
    assert_false(fq_widget_pressed(s.btn[0]));
    assert_false(fq_widget_pressed(s.btn[1]));
    send(ui, FQ_INPUT_POINTER_MOVE, x, y); /* back: stays cancelled */
    send(ui, FQ_INPUT_POINTER_UP, x, y);
    assert_int_equal(c.click, 0);
    fq_ui_free(ui);
}

static void test_scroll_threshold_and_momentum(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    screen s;
    build_screen(ui, &s, &c);
    int thr = fq_ui_mm(ui, 2.5f);
    int x;
    int y;
    cx_cy(fq_widget_rect(s.rows[3]), &x, &y);
    now_ms = 1000;
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    assert_true(fq_widget_pressed(s.rows[3]));
    now_ms += 10;
    send(ui, FQ_INPUT_POINTER_MOVE, x, y - (thr - 1)); /* below the threshold: still a press */
    assert_true(fq_widget_pressed(s.rows[3]));
    assert_int_equal(fq_scroll_offset(s.list), 0);
    now_ms += 10;
    send(ui, FQ_INPUT_POINTER_MOVE, x, y - thr - 2); /* past it: a scroll, press cancelled */
    assert_false(fq_widget_pressed(s.rows[3]));
    int before = fq_scroll_offset(s.list);
    for (int i = 1; i <= 5; i++) {
        now_ms += 10;
        send(ui, FQ_INPUT_POINTER_MOVE, x, y - thr - 2 - 20 * i);
    }
    /* content follows the finger exactly: 100 px after the threshold point */
    assert_int_equal(fq_scroll_offset(s.list), before + 100);
    send(ui, FQ_INPUT_POINTER_UP, x, y - thr - 2 - 100);
    assert_int_equal(c.click, 0);
    /* released at 2 px/ms: momentum carries on, with timers pending */
    int after_release = fq_scroll_offset(s.list);
    assert_int_equal(fq_ui_timeout_ms(ui, now_ms), 16);
    now_ms += 100;
    fq_ui_tick(ui, now_ms);
    int during = fq_scroll_offset(s.list);
    assert_true(during > after_release + 50);
    now_ms += 5000;
    fq_ui_tick(ui, now_ms);
    assert_int_equal(fq_ui_timeout_ms(ui, now_ms), -1); /* settled: idle again */
    int final = fq_scroll_offset(s.list);
    assert_true(final >= during);
    /* a slow drag released after a pause does not fling */
    cx_cy(fq_widget_rect(s.list), &x, &y);
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    now_ms += 10;
    send(ui, FQ_INPUT_POINTER_MOVE, x, y + 60);
    now_ms += 300;
    send(ui, FQ_INPUT_POINTER_UP, x, y + 60);
    assert_int_equal(fq_ui_timeout_ms(ui, now_ms), -1);
    fq_ui_free(ui);
}

static void test_long_press(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    screen s;
    build_screen(ui, &s, &c);
    fq_widget_set_long_press(s.rows[0], true);
    int x;
    int y;
    cx_cy(fq_widget_rect(s.rows[0]), &x, &y);
    now_ms = 5000;
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    int t = fq_ui_timeout_ms(ui, now_ms);
    assert_true(t > 0 && t <= 600);
    now_ms += 300;
    fq_ui_tick(ui, now_ms);
    assert_int_equal(c.long_press, 0);
    now_ms += 400;
    fq_ui_tick(ui, now_ms);
    assert_int_equal(c.long_press, 1);
    send(ui, FQ_INPUT_POINTER_UP, x, y);
    assert_int_equal(c.click, 0); /* the long press consumed the click */
    /* a widget without long press still clicks after a slow glove tap */
    cx_cy(fq_widget_rect(s.btn[0]), &x, &y);
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    now_ms += 1500;
    fq_ui_tick(ui, now_ms);
    send(ui, FQ_INPUT_POINTER_UP, x, y);
    assert_int_equal(c.click, 1);
    assert_int_equal(c.long_press, 1);
    fq_ui_free(ui);
}

static void test_field_with_keyboard(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    char name[16] = "";
    char count[8] = "";
    fq_widget *root = fq_ui_root(ui);
    fq_widget *f = fq_ui_field_new(root, name, sizeof name, FQ_UI_FIELD_TEXT);
    fq_widget *n = fq_ui_field_new(root, count, sizeof count, FQ_UI_FIELD_INTEGER);
    fq_widget_set_handler(f, count_handler, &c);
    assert_false(fq_ui_osk_visible(ui));
    tap_widget(ui, f);
    assert_ptr_equal(fq_ui_focused(ui), f);
    assert_true(fq_ui_osk_visible(ui));
    tap_key(ui, "\xE2\x87\xA7"); /* shift */
    tap_key(ui, "A");
    tap_key(ui, "b"); /* one-shot shift: back to lower case */
    tap_key(ui, "c");
    assert_string_equal(name, "Abc");
    tap_key(ui, "\xE2\x8C\xAB"); /* backspace */
    assert_string_equal(name, "Ab");
    tap_key(ui, "123");
    tap_key(ui, "4");
    tap_key(ui, "abc");
    tap_key(ui, "space");
    tap_key(ui, "x");
    assert_string_equal(name, "Ab4 x");
    assert_int_equal(c.change, 7);
    tap_key(ui, "Enter");
    assert_int_equal(c.submit, 1);
    /* scanner: text + Enter arrives on the focused field */
    fq_input in = {.type = FQ_INPUT_TEXT, .time_ms = now_ms};
    snprintf(in.text, sizeof in.text, "-9");
    fq_ui_handle_input(ui, &in);
    assert_string_equal(name, "Ab4 x-9");
    /* arrows + delete edit at the cursor */
    fq_input k = {.type = FQ_INPUT_KEY, .key = FQ_KEY_HOME};
    fq_ui_handle_input(ui, &k);
    k.key = FQ_KEY_DELETE;
    fq_ui_handle_input(ui, &k);
    assert_string_equal(name, "b4 x-9");
    assert_int_equal(fq_ui_field_cursor(f), 0);
    /* Tab moves to the numeric field, which gets the numeric pad and rejects letters */
    k.key = FQ_KEY_TAB;
    fq_ui_handle_input(ui, &k);
    assert_ptr_equal(fq_ui_focused(ui), n);
    snprintf(in.text, sizeof in.text, "1a2.3");
    fq_ui_handle_input(ui, &in);
    assert_string_equal(count, "123");
    tap_key(ui, "7");
    assert_string_equal(count, "1237");
    fq_rect r;
    assert_false(find_text_cmd(ui, "q", &r)); /* the letter layout is gone */
    /* full buffer: input is cut, still terminated */
    snprintf(in.text, sizeof in.text, "99999");
    fq_ui_handle_input(ui, &in);
    assert_string_equal(count, "1237999");
    /* hide key drops focus and the keyboard */
    tap_key(ui, "\xE2\x96\xBC");
    assert_null(fq_ui_focused(ui));
    assert_false(fq_ui_osk_visible(ui));
    fq_ui_free(ui);
}

/* A pause in typing settles the field once (the screens save then); further typing
 * re-arms it; leaving the field first cancels it (its BLUR is the save). */
static void test_field_settles_after_typing_pause(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    char a[32] = "", b[32] = "";
    fq_widget *fa = fq_ui_field_new(fq_ui_root(ui), a, sizeof a, FQ_UI_FIELD_TEXT);
    fq_widget *fb = fq_ui_field_new(fq_ui_root(ui), b, sizeof b, FQ_UI_FIELD_TEXT);
    fq_widget_set_handler(fa, count_handler, &c);
    int settle = fq_ui_theme_current(ui)->settle_ms;
    int64_t t = 1000;
    fq_ui_tick(ui, t);
    fq_ui_focus(ui, fa);
    assert_int_equal(fq_ui_timeout_ms(ui, t), -1); /* nothing typed: nothing pending */
    fq_input in = {.type = FQ_INPUT_TEXT, .time_ms = t};
    snprintf(in.text, sizeof in.text, "12 cartons");
    fq_ui_handle_input(ui, &in);
    assert_int_equal(fq_ui_timeout_ms(ui, t), settle);
    fq_ui_tick(ui, t + settle - 1);
    assert_int_equal(c.settle, 0);
    fq_ui_tick(ui, t + settle);
    assert_int_equal(c.settle, 1);
    fq_ui_tick(ui, t + 10 * settle);
    assert_int_equal(c.settle, 1); /* once per pause */
    t += 10 * settle;
    in.time_ms = t;
    snprintf(in.text, sizeof in.text, " short");
    fq_ui_handle_input(ui, &in);
    fq_ui_focus(ui, fb); /* left before the pause ended */
    fq_ui_tick(ui, t + 2 * settle);
    assert_int_equal(c.settle, 1);
    assert_string_equal(a, "12 cartons short");
    fq_ui_free(ui);
}

static void test_field_utf8_truncation(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    char buf[8] = "";
    fq_widget *f = fq_ui_field_new(fq_ui_root(ui), buf, sizeof buf, FQ_UI_FIELD_TEXT);
    fq_ui_focus(ui, f);
    fq_input in = {.type = FQ_INPUT_TEXT};
    snprintf(in.text, sizeof in.text, "h\xC3\xA9llo \xE5\xAE\x81");
    fq_ui_handle_input(ui, &in);
    /* 7 bytes fit: "héllo " is 7 bytes, the 3-byte 宁 does not fit and is dropped whole */
    assert_string_equal(buf, "h\xC3\xA9llo ");
    fq_input k = {.type = FQ_INPUT_KEY, .key = FQ_KEY_LEFT};
    for (int i = 0; i < 5; i++)
        fq_ui_handle_input(ui, &k);
    assert_int_equal(fq_ui_field_cursor(f), 1);
    k.key = FQ_KEY_DELETE;
    fq_ui_handle_input(ui, &k); /* deletes the 2-byte é */
    assert_string_equal(buf, "hllo ");
    fq_ui_free(ui);
}

static void test_dirty_tracking(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    screen s;
    build_screen(ui, &s, &c);
    assert_true(fq_ui_needs_redraw(ui));
    const fq_draw_list *dl = fq_ui_render(ui);
    assert_true(dl->full);
    assert_true(dl->n_cmds > 10);
    assert_false(fq_ui_needs_redraw(ui));
    /* idle: ticks and timeouts cost nothing */
    fq_ui_tick(ui, now_ms + 1000);
    assert_false(fq_ui_needs_redraw(ui));
    assert_int_equal(fq_ui_timeout_ms(ui, now_ms), -1);
    /* press: only the button's rect is repainted */
    int x;
    int y;
    fq_rect b = fq_widget_rect(s.btn[1]);
    cx_cy(b, &x, &y);
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    assert_true(fq_ui_needs_redraw(ui));
    dl = fq_ui_render(ui);
    assert_false(dl->full);
    assert_memory_equal(&dl->area, &b, sizeof b);
    send(ui, FQ_INPUT_POINTER_UP, x, y);
    /* a light change repaints just the light */
    fq_ui_render(ui);
    fq_widget *light = fq_widget_first_child(s.rows[0]);
    fq_ui_light_set_state(light, FQ_UI_LIGHT_RED);
    dl = fq_ui_render(ui);
    fq_rect lr = fq_widget_rect(light);
    assert_memory_equal(&dl->area, &lr, sizeof lr);
    fq_ui_light_set_state(light, FQ_UI_LIGHT_RED); /* same state: nothing dirty */
    assert_false(fq_ui_needs_redraw(ui));
    fq_ui_free(ui);
}

static void test_label_ellipsis_utf8(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    fq_widget *row = fq_box_new(fq_ui_root(ui), FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *l = fq_label_new(row, "\xE5\xAE\x81\xE6\xB3\xA2\xE7\xBA\xBA\xE7\xBB\x87 Ningbo Textile Manufacturing Co Ltd");
    fq_widget_set_size_px(l, 200, 0);
    fq_widget *wrap = fq_label_new(fq_ui_root(ui), "one two three four five six seven eight nine ten eleven twelve");
    fq_label_set_wrap(wrap, 0);
    fq_widget_set_size_px(wrap, 200, 0);
    const fq_draw_list *dl = fq_ui_render(ui);
    int ellipsised = 0;
    int wrap_lines = 0;
    for (size_t i = 0; i < dl->n_cmds; i++) {
        const fq_draw_cmd *c = &dl->cmds[i];
        if (c->kind != FQ_DRAW_TEXT)
            continue;
        if (c->text_len >= 3 && memcmp(c->text + c->text_len - 3, "\xE2\x80\xA6", 3) == 0) {
            ellipsised++;
            assert_true(c->rect.w <= 200);
            assert_memory_equal(c->text, "\xE5\xAE\x81", 3); /* starts with whole 宁 */
        }
        if (c->rect.x == fq_widget_rect(wrap).x && c->rect.y >= fq_widget_rect(wrap).y) {
            wrap_lines++;
            assert_true(c->rect.w <= 200);
            assert_true(c->text[0] != ' ');
        }
    }
    assert_int_equal(ellipsised, 1);
    assert_true(wrap_lines >= 3);
    assert_true(fq_ui_find_text(ui, "Ningbo"));
    fq_ui_free(ui);
}

/* Chinese has no spaces: a line breaks between characters (after "A 1" the next line does
 * not wait for a space), and never puts "，" or "。" at the start of a line. */
static void test_wrap_cjk(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    /* A 1 纸箱破损，纸箱破损。纸箱破损纸箱破损 */
    fq_widget *l = fq_label_new(fq_ui_root(ui),
        "A 1 \xE7\xBA\xB8\xE7\xAE\xB1\xE7\xA0\xB4\xE6\x8D\x9F\xEF\xBC\x8C"
        "\xE7\xBA\xB8\xE7\xAE\xB1\xE7\xA0\xB4\xE6\x8D\x9F\xE3\x80\x82"
        "\xE7\xBA\xB8\xE7\xAE\xB1\xE7\xA0\xB4\xE6\x8D\x9F\xE7\xBA\xB8\xE7\xAE\xB1\xE7\xA0\xB4\xE6\x8D\x9F");
    fq_label_set_wrap(l, 0);
    fq_widget_set_size_px(l, 70, 0);
    const fq_draw_list *dl = fq_ui_render(ui);
    int lines = 0;
    size_t total = 0;
    for (size_t i = 0; i < dl->n_cmds; i++) {
        const fq_draw_cmd *c = &dl->cmds[i];
        if (c->kind != FQ_DRAW_TEXT || c->rect.x != fq_widget_rect(l).x)
            continue;
        lines++;
        total += c->text_len;
        assert_true(c->rect.w <= 70);
        assert_false(c->text_len >= 3 && (!memcmp(c->text, "\xEF\xBC\x8C", 3) ||
                                          !memcmp(c->text, "\xE3\x80\x82", 3)));
        if (lines == 1) /* "A 1 " and as many characters as fit after it */
            assert_true(c->text_len > 4);
    }
    assert_true(lines >= 3);
    fq_ui_free(ui);
}

static void test_choice_and_tabs(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    fq_widget *v = fq_choice_new_verdict(fq_ui_root(ui), "Pass", "Fail", "N/A");
    fq_widget_set_handler(v, count_handler, &c);
    fq_ui_layout(ui);
    fq_rect r = fq_widget_rect(v);
    assert_int_equal(fq_choice_selected(v), -1);
    tap(ui, r.x + r.w / 2, r.y + r.h / 2); /* middle = Fail */
    assert_int_equal(c.change, 1);
    assert_int_equal(c.last_index, 1);
    assert_int_equal(fq_choice_selected(v), 1);
    tap(ui, r.x + r.w / 2, r.y + r.h / 2); /* same again: no change */
    assert_int_equal(c.change, 1);
    /* down on Pass, slide to N/A, release: cancelled */
    send(ui, FQ_INPUT_POINTER_DOWN, r.x + 5, r.y + 5);
    send(ui, FQ_INPUT_POINTER_UP, r.x + r.w - 5, r.y + 5);
    assert_int_equal(fq_choice_selected(v), 1);
    assert_int_equal(c.click, 0);
    fq_ui_free(ui);
}

/* A tab bar gives a long label more room than a short one, so every label fits. */
static void test_tabs_sized_by_label(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    static const char *const labels[3] = {"AQL", "Measurements", "Tests"};
    fq_widget *t = fq_tabbar_new(fq_ui_root(ui), labels, 3);
    fq_widget_set_handler(t, count_handler, &c);
    fq_ui_layout(ui);
    int x0, y0, x1, y1, x2, y2;
    assert_true(fq_ui_locate_text(ui, "AQL", 0, &x0, &y0));
    assert_true(fq_ui_locate_text(ui, "Measurements", 0, &x1, &y1));
    assert_true(fq_ui_locate_text(ui, "Tests", 0, &x2, &y2));
    /* the long label's tab is wider: its centre is further from both neighbours' */
    assert_true(x1 - x0 > 800 / 3);
    assert_true(x2 - x1 > 800 / 3);
    tap(ui, x1, y1);
    assert_int_equal(c.last_index, 1);
    tap(ui, x2, y2);
    assert_int_equal(c.last_index, 2);
    fq_ui_free(ui);
}

/* A gauge or scanner typing while nothing is focused: the default field takes the text; text
 * from a keyboard device marks the field as typed, the on-screen keyboard does not. */
static void test_default_field_and_typed(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    char a[16] = "";
    char b[16] = "";
    fq_widget *fa = fq_ui_field_new(fq_ui_root(ui), a, sizeof a, FQ_UI_FIELD_DECIMAL);
    fq_widget *fb = fq_ui_field_new(fq_ui_root(ui), b, sizeof b, FQ_UI_FIELD_DECIMAL);
    fq_widget_set_handler(fb, count_handler, &c);
    fq_ui_layout(ui);
    fq_input in = {.type = FQ_INPUT_TEXT, .time_ms = now_ms};
    snprintf(in.text, sizeof in.text, "12.5");
    fq_ui_handle_input(ui, &in); /* no default field: dropped */
    assert_string_equal(a, "");
    assert_string_equal(b, "");
    fq_ui_set_default_field(ui, fb);
    fq_ui_handle_input(ui, &in);
    assert_ptr_equal(fq_ui_focused(ui), fb);
    assert_string_equal(b, "12.5");
    assert_true(fq_ui_field_typed(fb));
    fq_input k = {.type = FQ_INPUT_KEY, .key = FQ_KEY_ENTER};
    fq_ui_handle_input(ui, &k);
    assert_int_equal(c.submit, 1);
    /* the on-screen pad on the other field: not typed */
    tap_widget(ui, fa);
    assert_false(fq_ui_field_typed(fa));
    tap_key(ui, "7");
    assert_string_equal(a, "7");
    assert_false(fq_ui_field_typed(fa));
    /* a freed default field is forgotten */
    fq_widget_free(fb);
    fq_ui_focus(ui, NULL);
    fq_ui_handle_input(ui, &in);
    assert_null(fq_ui_focused(ui));
    assert_false(fq_ui_field_typed(NULL));
    fq_ui_free(ui);
}

static void dialog_handler(fq_widget *w, const fq_ui_event *ev, void *user)
{
    assert_null(w);
    int *chosen = user;
    *chosen = ev->index;
}

static void test_modal(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    screen s;
    build_screen(ui, &s, &c);
    int chosen = -1;
    const char *buttons[2] = {"Cancel", "Delete"};
    fq_dialog_open(ui, "Delete photo?", "The photo will be removed from this finding.", buttons,
                   2, dialog_handler, &chosen);
    assert_true(fq_ui_modal_open(ui));
    assert_true(fq_ui_find_text(ui, "Delete photo?"));
    tap_widget(ui, s.btn[0]); /* underneath: swallowed */
    assert_int_equal(c.click, 0);
    fq_rect r = {0, 0, 0, 0};
    assert_true(find_text_cmd(ui, "Delete", &r));
    tap(ui, r.x + r.w / 2, r.y + r.h / 2);
    assert_int_equal(chosen, 1);
    assert_false(fq_ui_modal_open(ui));
    tap_widget(ui, s.btn[0]);
    assert_int_equal(c.click, 1);
    fq_ui_free(ui);
}

static void free_self(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)ev;
    int *n = user;
    (*n)++;
    fq_widget_free(fq_widget_parent(w)); /* frees the row holding this button */
}

static void test_handler_frees_widget(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    int n = 0;
    fq_widget *row = fq_box_new(fq_ui_root(ui), FQ_BOX_ROW_DIR, FQ_BOX_ROW);
    fq_widget *b = fq_button_new(row, "Remove", FQ_BUTTON_DANGER);
    fq_widget_set_handler(b, free_self, &n);
    tap_widget(ui, b);
    assert_int_equal(n, 1);
    assert_null(fq_widget_first_child(fq_ui_root(ui)));
    fq_ui_render(ui);
    fq_ui_free(ui);
}

static void test_canvas_and_toast(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    fq_widget *scroll = fq_scroll_new(fq_ui_root(ui));
    fq_widget_set_grow(scroll, 1);
    fq_widget *cv = fq_canvas_new(scroll);
    fq_widget_set_handler(cv, count_handler, &c);
    for (int i = 0; i < 30; i++)
        fq_label_new(scroll, "filler");
    fq_ui_layout(ui);
    fq_rect r = fq_widget_rect(cv);
    send(ui, FQ_INPUT_POINTER_DOWN, r.x + 10, r.y + 10);
    for (int i = 1; i <= 10; i++)
        send(ui, FQ_INPUT_POINTER_MOVE, r.x + 10 + 20 * i, r.y + 10 + 8 * i);
    send(ui, FQ_INPUT_POINTER_UP, r.x + 210, r.y + 90);
    assert_int_equal(fq_scroll_offset(scroll), 0); /* signing never scrolls */
    assert_int_equal(fq_canvas_stroke_count(cv), 1);
    const fq_point *pts;
    size_t n = fq_canvas_stroke(cv, 0, &pts);
    assert_int_equal(n, 11);
    assert_int_equal(pts[0].x, 10);
    assert_int_equal(pts[10].y, 90);
    assert_int_equal(c.change, 1);
    fq_canvas_clear(cv);
    assert_int_equal(fq_canvas_stroke_count(cv), 0);
    fq_ui_toast(ui, "Saved", FQ_TOAST_OK, 2000);
    assert_true(fq_ui_find_text(ui, "Saved"));
    assert_true(fq_ui_timeout_ms(ui, now_ms) > 0);
    fq_ui_tick(ui, now_ms + 2500);
    assert_false(fq_ui_find_text(ui, "Saved"));
    assert_int_equal(fq_ui_timeout_ms(ui, now_ms + 2500), -1);
    fq_ui_free(ui);
}

/* A timed toast over a button lets the tap through (a second +1 is never lost to the
 * "Saved" of the first); a sticky toast takes the tap and goes away. */
static void test_toast_lets_taps_through(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    fq_widget *col = fq_box_new(fq_ui_root(ui), FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_grow(col, 1);
    fq_widget_set_grow(fq_label_new(col, "top"), 1);
    fq_widget *btn = fq_button_new(col, "+1", FQ_BUTTON_NORMAL);
    fq_widget_set_handler(btn, count_handler, &c);
    fq_ui_toast(ui, "Saved", FQ_TOAST_OK, 1200);
    fq_ui_layout(ui);
    fq_rect b = fq_widget_rect(btn);
    int x = b.x + b.w / 2, y = b.y + b.h / 2;
    assert_true(fq_ui_find_text(ui, "Saved"));
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    send(ui, FQ_INPUT_POINTER_UP, x, y);
    assert_int_equal(c.click, 1);
    assert_true(fq_ui_find_text(ui, "Saved")); /* still showing, just not in the way */
    fq_ui_toast(ui, "Disk full: not saved", FQ_TOAST_ERROR, 0);
    fq_ui_layout(ui);
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    send(ui, FQ_INPUT_POINTER_UP, x, y);
    assert_int_equal(c.click, 1); /* the tap dismissed the error instead */
    assert_false(fq_ui_find_text(ui, "Disk full"));
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    send(ui, FQ_INPUT_POINTER_UP, x, y);
    assert_int_equal(c.click, 2);
    fq_ui_free(ui);
}

static void test_script_parse(void **state)
{
    (void)state;
    const char *src = "# demo\n"
                      "tap 10 20\n"
                      "\n"
                      "drag 100 300 100 100 200   # scroll\n"
                      "text \"PO-4411 \\\"A\\\"\"\n"
                      "key enter\n"
                      "wait 700\n"
                      "shot after_save\n"
                      "expect-text \"Saved\"\n"
                      "tap-text \"Pass\" 3\n"
                      "field-after \"Note\"   # comment\n"
                      "sleep 150\n"
                      "pinch-after \"3 of 9\" 40 60 250 1\n";
    fq_ui_script *s = NULL;
    char err[64];
    assert_int_equal(fq_ui_script_parse(src, strlen(src), &s, err, sizeof err), FQ_UI_OK);
    assert_int_equal(fq_ui_script_count(s), 11);
    assert_int_equal(fq_ui_script_get(s, 10)->op, FQ_UI_SCRIPT_PINCH_AFTER);
    assert_int_equal(fq_ui_script_get(s, 10)->x, 40);
    assert_int_equal(fq_ui_script_get(s, 10)->y, 60);
    assert_int_equal(fq_ui_script_get(s, 10)->x1, 250);
    assert_int_equal(fq_ui_script_get(s, 10)->nth, 1);
    assert_int_equal(fq_ui_script_get(s, 7)->op, FQ_UI_SCRIPT_TAP_TEXT);
    assert_string_equal(fq_ui_script_get(s, 7)->arg, "Pass");
    assert_int_equal(fq_ui_script_get(s, 7)->nth, 3);
    assert_int_equal(fq_ui_script_get(s, 8)->op, FQ_UI_SCRIPT_FIELD_AFTER);
    assert_int_equal(fq_ui_script_get(s, 8)->nth, 0);
    assert_int_equal(fq_ui_script_get(s, 9)->op, FQ_UI_SCRIPT_SLEEP);
    assert_int_equal(fq_ui_script_get(s, 9)->ms, 150);
    const fq_ui_script_cmd *c = fq_ui_script_get(s, 2);
    assert_int_equal(c->op, FQ_UI_SCRIPT_TEXT);
    assert_string_equal(c->arg, "PO-4411 \"A\"");
    assert_int_equal(fq_ui_script_get(s, 3)->key, FQ_KEY_ENTER);
    assert_string_equal(fq_ui_script_get(s, 5)->arg, "after_save");
    fq_input ev[16];
    int64_t clock = 0;
    assert_int_equal(fq_ui_script_events(fq_ui_script_get(s, 0), &clock, ev, 16), 2);
    assert_int_equal(ev[1].type, FQ_INPUT_POINTER_UP);
    assert_int_equal(fq_ui_script_events(fq_ui_script_get(s, 1), &clock, ev, 16), 12);
    assert_int_equal(ev[11].y, 100);
    assert_int_equal(clock, 250);
    fq_ui_script_free(s);

    const char *bad[] = {"tap 10\n", "tap 1 2\nfly 3 4\n", "shot ../x\n", "text \"open\n",
                         "key hyper\n", "wait -5\n", "tap 1 2 3\n", "tap-text Pass\n",
                         "draw-after \"Sign\" -1\n", "tap-image \"A\" 1 2\n", "sleep\n",
                         "pinch-after \"A\" 50 50 5\n", "pinch-after \"A\" 50 50\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        s = NULL;
        assert_int_equal(fq_ui_script_parse(bad[i], strlen(bad[i]), &s, err, sizeof err),
                         FQ_UI_ERR_INVALID);
        assert_null(s);
        assert_true(strncmp(err, "line ", 5) == 0);
    }
    fq_ui_script_parse(bad[1], strlen(bad[1]), &s, err, sizeof err);
    assert_string_equal(err, "line 2: unknown command");
}

/* Host hooks that record what the runner asked for. */
typedef struct rec_host {
    int renders, sleeps, sleep_ms;
    char shots[64];
    bool dirty_at_shot;
    fq_ui *ui;
} rec_host;

static fq_ui_result rec_render(void *user, fq_ui *ui, char *msg, size_t msg_len)
{
    (void)msg;
    (void)msg_len;
    rec_host *h = user;
    h->renders++;
    fq_ui_render(ui); /* clears the dirty state, as a platform's paint does */
    return FQ_UI_OK;
}

static fq_ui_result rec_shot(void *user, const char *name, char *msg, size_t msg_len)
{
    rec_host *h = user;
    h->dirty_at_shot = fq_ui_needs_redraw(h->ui);
    if (!strcmp(name, "full")) {
        snprintf(msg, msg_len, "disk full");
        return FQ_UI_ERR_IO;
    }
    strncat(h->shots, name, sizeof h->shots - strlen(h->shots) - 2);
    strcat(h->shots, " ");
    return FQ_UI_OK;
}

static void rec_sleep(void *user, int ms)
{
    rec_host *h = user;
    h->sleeps++;
    h->sleep_ms += ms;
}

static fq_ui_result run_src(fq_ui *ui, const char *src, rec_host *h, char *err, size_t err_len)
{
    fq_ui_script *s = NULL;
    fq_ui_result rc = fq_ui_script_parse(src, strlen(src), &s, err, err_len);
    if (rc != FQ_UI_OK)
        return rc;
    fq_ui_script_host host = {
        .render = rec_render, .shot = rec_shot, .sleep = rec_sleep, .user = h};
    rc = fq_ui_script_run(ui, s, h ? &host : NULL, err, err_len);
    fq_ui_script_free(s);
    return rc;
}

static void on_save(fq_widget *w, const fq_ui_event *ev, void *user)
{
    count_handler(w, ev, user);
    if (ev->type == FQ_UI_EV_CLICK)
        fq_ui_toast(fq_widget_ui(w), "Saved", FQ_TOAST_OK, 1200);
}

static void test_script_located_commands(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    counts fc = {0};
    counts cc = {0};
    fq_widget *scroll = fq_scroll_new(fq_ui_root(ui));
    fq_widget_set_grow(scroll, 1);
    fq_widget *save = fq_button_new(scroll, "Save", FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(save, on_save, &c);
    fq_widget *save2 = fq_button_new(scroll, "Save", FQ_BUTTON_NORMAL);
    fq_widget_set_handler(save2, count_handler, &fc);
    fq_label_new(scroll, "Note");
    char note[32] = "";
    fq_widget *field = fq_ui_field_new(scroll, note, sizeof note, FQ_UI_FIELD_TEXT);
    fq_widget_set_handler(field, count_handler, &fc);
    for (int i = 0; i < 30; i++)
        fq_label_new(scroll, "filler");
    fq_label_new(scroll, "Signature");
    fq_widget *cv = fq_canvas_new(scroll); /* far below the fold: scrolled to */
    fq_widget_set_handler(cv, count_handler, &cc);
    rec_host h = {.ui = ui};
    char err[128];
    /* a located tap is followed by a person's pace: the 1.2 s "Saved" toast is gone */
    assert_int_equal(run_src(ui, "tap-text \"Save\"\n", &h, err, sizeof err), FQ_UI_OK);
    assert_int_equal(c.click, 1);
    assert_false(fq_ui_find_text(ui, "Saved"));
    const char *src = "tap-text \"Save\" 1\n"
                      "field-after \"Note\"\n"
                      "text \"glaze\"\n"
                      "wait 1499\n"
                      "shot typed\n"
                      "wait 1\n"
                      "sleep 250\n"
                      "key escape\n" /* put the keyboard away before signing */
                      "draw-after \"Signature\"\n"
                      "shot signed\n"
                      "expect-text \"glaze\"\n";
    fq_ui_result rc = run_src(ui, src, &h, err, sizeof err);
    if (rc != FQ_UI_OK)
        fprintf(stderr, "script: %s\n", err);
    assert_int_equal(rc, FQ_UI_OK);
    assert_int_equal(c.click, 1);
    assert_int_equal(fc.click, 1); /* the second "Save" got the second tap */
    assert_string_equal(note, "glaze");
    assert_int_equal(fc.settle, 1); /* 1.5 s of script time after the typing */
    assert_int_equal(fq_canvas_stroke_count(cv), 1);
    assert_int_equal(cc.change, 1);
    assert_true(fq_scroll_offset(scroll) > 0);
    assert_string_equal(h.shots, "typed signed ");
    assert_false(h.dirty_at_shot); /* painted before each shot */
    assert_true(h.renders >= 3);
    assert_int_equal(h.sleeps, 1);
    assert_int_equal(h.sleep_ms, 250);

    /* failures name the line; a located command that finds nothing stops the run */
    assert_int_equal(run_src(ui, "wait 1\ntap-text \"Nowhere\"\ntap-text \"Save\"\n", &h,
                             err, sizeof err),
                     FQ_UI_ERR_INVALID);
    assert_string_equal(err, "line 2: nothing shows \"Nowhere\" (#0)");
    assert_int_equal(c.click, 1);
    assert_int_equal(run_src(ui, "tap-image \"Note\"\n", &h, err, sizeof err),
                     FQ_UI_ERR_INVALID);
    assert_string_equal(err, "line 1: no image after \"Note\" (#0)");
    assert_int_equal(run_src(ui, "expect-text \"nope\"\n", &h, err, sizeof err),
                     FQ_UI_ERR_INVALID);
    assert_string_equal(err, "line 1: expected text \"nope\" is not shown");
    assert_int_equal(run_src(ui, "\nshot full\n", &h, err, sizeof err), FQ_UI_ERR_IO);
    assert_string_equal(err, "line 2: shot full: disk full");
    /* pad: the on-screen keyboard's keys, Enter for \n; none shown without a focused field */
    memset(note, 0, sizeof note);
    fq_ui_field_sync(field);
    assert_int_equal(run_src(ui, "pad \"x\"\n", &h, err, sizeof err), FQ_UI_ERR_INVALID);
    assert_string_equal(err, "line 1: no on-screen key \"x\" shown");
    int submits = fc.submit;
    assert_int_equal(run_src(ui, "field-after \"Note\"\npad \"ab\\n\"\n", &h, err, sizeof err),
                     FQ_UI_OK);
    assert_string_equal(note, "ab");
    assert_int_equal(fc.submit, submits + 1);
    assert_false(fq_ui_field_typed(field)); /* the pad is not a keyboard device */
    assert_int_equal(run_src(ui, "shot x\n", NULL, err, sizeof err), FQ_UI_ERR_UNSUPPORTED);
    fq_ui_free(ui);
}

/* The script clock: timers fire at their deadlines inside a wait (a long press during a held
 * finger), a toast lasts exactly its time, sleep does not move the clock. */
static void test_script_clock(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    screen s;
    build_screen(ui, &s, &c);
    fq_widget_set_long_press(s.rows[0], true);
    int x;
    int y;
    cx_cy(fq_widget_rect(s.rows[0]), &x, &y);
    char src[256];
    char err[128];
    snprintf(src, sizeof src, "down %d %d\nwait 1000\nup %d %d\n", x, y, x, y);
    assert_int_equal(run_src(ui, src, NULL, err, sizeof err), FQ_UI_OK);
    assert_int_equal(c.long_press, 1);
    assert_int_equal(c.click, 0);
    fq_ui_toast(ui, "Saved", FQ_TOAST_OK, 1000);
    assert_int_equal(run_src(ui, "sleep 5000\nwait 999\nexpect-text \"Saved\"\n", NULL, err,
                             sizeof err),
                     FQ_UI_OK);
    assert_int_equal(run_src(ui, "wait 1\nexpect-text \"Saved\"\n", NULL, err, sizeof err),
                     FQ_UI_ERR_INVALID);
    fq_ui_free(ui);
}

/* A scanner's burst: single characters milliseconds apart, then Enter. */
static void scanner(fq_ui *ui, const char *code, int64_t *t, int gap_ms)
{
    for (const char *p = code; *p; p++) {
        fq_input in = {.type = FQ_INPUT_TEXT, .time_ms = *t};
        in.text[0] = *p;
        fq_ui_handle_input(ui, &in);
        *t += gap_ms;
    }
    fq_input enter = {.type = FQ_INPUT_KEY, .key = FQ_KEY_ENTER, .time_ms = *t};
    fq_ui_handle_input(ui, &enter);
    *t += 1000;
}

typedef struct scan_seen {
    int n;
    bool take;
    char code[FQ_UI_SCAN_MAX];
} scan_seen;

static bool on_scan(void *user, const char *code)
{
    scan_seen *s = user;
    s->n++;
    snprintf(s->code, sizeof s->code, "%s", code);
    return s->take;
}

/* Issue 12 found: re-scanning a filled barcode field appended (24 digits); a scan with no
 * field focused was dropped silently. */
static void test_scan_replaces_and_reaches_the_handler(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    char a[40] = "", qty[16] = "";
    fq_widget *fa = fq_ui_field_new(fq_ui_root(ui), a, sizeof a, FQ_UI_FIELD_TEXT);
    fq_widget *fq = fq_ui_field_new(fq_ui_root(ui), qty, sizeof qty, FQ_UI_FIELD_INTEGER);
    fq_widget_set_handler(fa, count_handler, &c);
    int64_t t = 1000;
    fq_ui_tick(ui, t);
    fq_ui_focus(ui, fa);
    scanner(ui, "400638133393", &t, 8);
    scanner(ui, "4006381333931", &t, 8);
    assert_string_equal(a, "4006381333931"); /* replaced, not 25 digits */
    assert_int_equal(c.submit, 2);
    /* a person typing (one event with all of it, or slow keys) is typing, not a scan */
    fq_input in = {.type = FQ_INPUT_TEXT, .time_ms = t};
    snprintf(in.text, sizeof in.text, "4500");
    fq_ui_handle_input(ui, &in);
    fq_input enter = {.type = FQ_INPUT_KEY, .key = FQ_KEY_ENTER, .time_ms = t};
    fq_ui_handle_input(ui, &enter);
    assert_string_equal(a, "40063813339314500");
    /* the handler sees every scan first; what it takes is undone in the focused field */
    scan_seen seen = {0, true, ""};
    fq_ui_set_scan_handler(ui, on_scan, &seen);
    fq_ui_focus(ui, fq);
    snprintf(qty, sizeof qty, "24");
    fq_ui_field_sync(fq);
    scanner(ui, "5901234123457", &t, 8);
    assert_int_equal(seen.n, 1);
    assert_string_equal(seen.code, "5901234123457");
    assert_string_equal(qty, "24");
    /* no field focused: the handler still gets it */
    fq_ui_focus(ui, NULL);
    scanner(ui, "4006381333931", &t, 8);
    assert_int_equal(seen.n, 2);
    /* slow keys are a person */
    scanner(ui, "4006381333931", &t, 200);
    assert_int_equal(seen.n, 2);
    fq_ui_free(ui);
}

/* Issue 12 found: Enter closed the keyboard and the list shifted under the next tap. Enter's
 * "next field" keeps the keyboard up and the screen where it is. */
static void test_focus_forward(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    char a[8] = "", b[8] = "", c[8] = "";
    fq_widget *sc = fq_scroll_new(fq_ui_root(ui));
    fq_widget_set_grow(sc, 1);
    for (int i = 0; i < 8; i++)
        fq_label_new(sc, "spacer");
    fq_widget *fa = fq_ui_field_new(sc, a, sizeof a, FQ_UI_FIELD_INTEGER);
    fq_widget *fb = fq_ui_field_new(sc, b, sizeof b, FQ_UI_FIELD_INTEGER);
    fq_widget *fc = fq_ui_field_new(sc, c, sizeof c, FQ_UI_FIELD_INTEGER);
    fq_widget_set_disabled(fc, true);
    fq_ui_focus(ui, fa);
    fq_ui_layout(ui);
    assert_true(fq_ui_osk_visible(ui));
    assert_true(fq_ui_focus_forward(ui));
    assert_ptr_equal(fq_ui_focused(ui), fb);
    assert_true(fq_ui_osk_visible(ui));
    assert_false(fq_ui_focus_forward(ui)); /* the last enabled field */
    assert_ptr_equal(fq_ui_focused(ui), fb);
    fq_ui_free(ui);
}

static void pinch_by(fq_ui *ui, int x, int y, float scale)
{
    fq_input in;
    memset(&in, 0, sizeof in);
    in.type = FQ_INPUT_PINCH;
    in.x = x;
    in.y = y;
    in.scale = scale;
    in.time_ms = now_ms += 16;
    fq_ui_handle_input(ui, &in);
}

/* Two fingers zoom the photo viewer around their centre, within 1x..8x, and the first finger
 * neither pans nor taps; elsewhere a second finger only cancels the press. */
static void test_viewer_pinch(void **state)
{
    (void)state;
    fq_ui *ui = make_ui(800, 480);
    counts c = {0};
    fq_widget *root = fq_ui_root(ui);
    fq_widget *v = fq_viewer_new(root, 1, 1600, 1200);
    fq_widget_set_grow(v, 1);
    fq_widget_set_handler(v, count_handler, &c);
    fq_widget *btn = fq_button_new(root, "Save", FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(btn, count_handler, &c);
    fq_ui_layout(ui);
    int x;
    int y;
    cx_cy(fq_widget_rect(v), &x, &y);
    send(ui, FQ_INPUT_POINTER_DOWN, x - 40, y);
    pinch_by(ui, x, y, 1.0f);
    pinch_by(ui, x, y, 1.5f);
    pinch_by(ui, x, y, 2.0f);
    assert_true(fabsf(fq_viewer_zoom(v) - 3.0f) < 0.01f);
    assert_int_equal(c.change, 2); /* each zoom change; the first (1x) changes nothing */
    assert_int_equal(c.last_index, 0);
    send(ui, FQ_INPUT_POINTER_MOVE, x + 200, y); /* after a pinch: no pan, no swipe */
    send(ui, FQ_INPUT_POINTER_UP, x + 200, y);
    assert_true(fabsf(fq_viewer_zoom(v) - 3.0f) < 0.01f);
    assert_int_equal(c.change, 2);
    /* clamped: 8x at most, 1x at least */
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    pinch_by(ui, x, y, 1.0f);
    pinch_by(ui, x, y, 10.0f);
    assert_true(fabsf(fq_viewer_zoom(v) - 8.0f) < 0.01f);
    pinch_by(ui, x, y, 0.01f);
    assert_true(fabsf(fq_viewer_zoom(v) - 1.0f) < 0.01f);
    send(ui, FQ_INPUT_POINTER_UP, x, y);
    /* tap, pinch, tap within the double-tap time: the pinch ended the double tap */
    tap(ui, x, y);
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    pinch_by(ui, x, y, 1.0f);
    pinch_by(ui, x, y, 2.0f);
    send(ui, FQ_INPUT_POINTER_UP, x, y);
    tap(ui, x, y);
    assert_true(fabsf(fq_viewer_zoom(v) - 2.0f) < 0.01f);
    /* two fingers on a button: no click */
    int clicks = c.click;
    cx_cy(fq_widget_rect(btn), &x, &y);
    send(ui, FQ_INPUT_POINTER_DOWN, x, y);
    pinch_by(ui, x, y, 1.0f);
    pinch_by(ui, x, y, 1.3f);
    send(ui, FQ_INPUT_POINTER_UP, x, y);
    assert_int_equal(c.click, clicks);
    assert_false(fq_widget_pressed(btn));
    tap(ui, x, y);
    assert_int_equal(c.click, clicks + 1);
    fq_ui_free(ui);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_hit_test),
        cmocka_unit_test(test_tap_on_release),
        cmocka_unit_test(test_slide_off_cancels),
        cmocka_unit_test(test_scroll_threshold_and_momentum),
        cmocka_unit_test(test_long_press),
        cmocka_unit_test(test_field_with_keyboard),
        cmocka_unit_test(test_field_utf8_truncation),
        cmocka_unit_test(test_dirty_tracking),
        cmocka_unit_test(test_label_ellipsis_utf8),
        cmocka_unit_test(test_wrap_cjk),
        cmocka_unit_test(test_choice_and_tabs),
        cmocka_unit_test(test_tabs_sized_by_label),
        cmocka_unit_test(test_default_field_and_typed),
        cmocka_unit_test(test_modal),
        cmocka_unit_test(test_handler_frees_widget),
        cmocka_unit_test(test_canvas_and_toast),
        cmocka_unit_test(test_toast_lets_taps_through),
        cmocka_unit_test(test_field_settles_after_typing_pause),
        cmocka_unit_test(test_script_parse),
        cmocka_unit_test(test_script_located_commands),
        cmocka_unit_test(test_script_clock),
        cmocka_unit_test(test_scan_replaces_and_reaches_the_handler),
        cmocka_unit_test(test_focus_forward),
        cmocka_unit_test(test_viewer_pinch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
