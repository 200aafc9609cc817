/* Headless tests of the virtual list (device/ui/vlist.c, issue 18): only the rows in view
 * exist, scrolling to the end shows the last row, a row tapped after scrolling is the one the
 * finger is on, locating a text finds a row out of view, rows of different heights end
 * where the list ends, static children stack above the rows, the owner's data is freed with
 * the list. Fake text measurer as in test_ui.c: size/2 px per character. */
#include "harness.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ui/locate.h"
#include "ui/ui.h"

#define N_ROWS 5000

static int fake_width(void *user, fq_font_style style, int size_px, const char *text, size_t len)
{
    (void)user;
    (void)style;
    (void)text;
    return (int)len * (size_px / 2);
}

static int fake_height(void *user, fq_font_style style, int size_px)
{
    (void)user;
    (void)style;
    return size_px * 5 / 4;
}

static const fq_ui_text_measurer FAKE = {fake_width, fake_height, NULL};

typedef struct rows_ctx {
    int n_builds;
    int n_freed;
    int64_t tapped;        /* tag of the row tapped last, -1: none */
    bool tall_every_third; /* every third row has two more lines */
} rows_ctx;

static void on_row(fq_widget *w, const fq_ui_event *ev, void *user)
{
    rows_ctx *c = user;
    if (ev->type == FQ_UI_EV_CLICK)
        c->tapped = fq_widget_tag(w);
}

static fq_widget *build(fq_widget *list, size_t i, void *user)
{
    rows_ctx *c = user;
    c->n_builds++;
    fq_widget *row = fq_box_new(list, FQ_BOX_COLUMN, FQ_BOX_ROW);
    fq_widget_set_tag(row, (int64_t)i);
    fq_widget_set_clickable(row, true);
    fq_widget_set_handler(row, on_row, c);
    char text[40];
    snprintf(text, sizeof text, "Row %zu", i);
    fq_label_new(row, text);
    if (c->tall_every_third && i % 3 == 0) {
        fq_label_new(row, "second line");
        fq_label_new(row, "third line");
    }
    return row;
}

static void freed(void *user)
{
    ((rows_ctx *)user)->n_freed++;
}

typedef struct fixture {
    fq_ui *ui;
    fq_widget *list;
    rows_ctx rows;
} fixture;

static void open_fixture(fixture *fx, bool tall)
{
    memset(fx, 0, sizeof *fx);
    fq_ui_config cfg = {
        .width_px = 800, .height_px = 480, .dpi = 133.0f, .theme = FQ_THEME_LIGHT, .osk = true};
    fx->ui = fq_ui_new(&cfg, &FAKE);
    fx->rows.tapped = -1;
    fx->rows.tall_every_third = tall;
    fq_widget *root = fq_ui_root(fx->ui);
    fq_label_new(fq_box_new(root, FQ_BOX_ROW_DIR, FQ_BOX_HEADER), "Header");
    fx->list = fq_vlist_new(root, N_ROWS, build, &fx->rows, freed);
    fq_widget_set_grow(fx->list, 1);
    fq_ui_layout(fx->ui);
}

static void close_fixture(fixture *fx)
{
    fq_ui_free(fx->ui);
    assert_int_equal(fx->rows.n_freed, 1);
}

static int64_t now_ms = 1000;

static void tap(fq_ui *ui, int x, int y)
{
    fq_input in;
    memset(&in, 0, sizeof in);
    in.type = FQ_INPUT_POINTER_DOWN;
    in.x = x;
    in.y = y;
    in.time_ms = now_ms += 40;
    fq_ui_handle_input(ui, &in);
    in.type = FQ_INPUT_POINTER_UP;
    in.time_ms = now_ms += 40;
    fq_ui_handle_input(ui, &in);
}

/* Rows built now are those in view: a few dozen at most of 5,000, all inside the list. */
static void assert_only_rows_in_view(fixture *fx)
{
    size_t n = fq_vlist_n_built(fx->list);
    assert_true(n > 0 && n < 40);
    fq_rect lr = fq_widget_rect(fx->list);
    size_t seen = 0;
    for (size_t i = 0; i < N_ROWS; i++) {
        fq_widget *row = fq_vlist_row(fx->list, i);
        if (!row)
            continue;
        seen++;
        fq_rect r = fq_widget_rect(row);
        assert_true(r.y < lr.y + lr.h && r.y + r.h > lr.y);
    }
    assert_int_equal(seen, n);
}

static void test_builds_only_rows_in_view(void **state)
{
    (void)state;
    fixture fx;
    open_fixture(&fx, false);
    assert_int_equal(fq_vlist_count(fx.list), N_ROWS);
    assert_non_null(fq_vlist_row(fx.list, 0));
    assert_only_rows_in_view(&fx);
    assert_true(fx.rows.n_builds < 40);
    assert_true(fq_ui_find_text(fx.ui, "Row 0"));
    close_fixture(&fx);
}

static void test_scroll_to_end_shows_last_row(void **state)
{
    (void)state;
    fixture fx;
    open_fixture(&fx, true);
    fq_scroll_set_offset(fx.list, INT_MAX);
    fq_ui_layout(fx.ui);
    fq_widget *last = fq_vlist_row(fx.list, N_ROWS - 1);
    assert_non_null(last);
    assert_null(fq_vlist_row(fx.list, 0));
    assert_only_rows_in_view(&fx);
    /* the last row ends where the list does: the heights learnt on the way add up */
    fq_rect lr = fq_widget_rect(fx.list), r = fq_widget_rect(last);
    assert_int_equal(r.y + r.h, lr.y + lr.h);
    /* and building it did not build the rows between */
    assert_true(fx.rows.n_builds < 80);
    close_fixture(&fx);
}

static void test_tap_after_scrolling_hits_that_row(void **state)
{
    (void)state;
    fixture fx;
    open_fixture(&fx, true);
    /* a finger drag up the list, then a tap on a row now in view */
    fq_rect lr = fq_widget_rect(fx.list);
    fq_input in;
    memset(&in, 0, sizeof in);
    in.type = FQ_INPUT_POINTER_DOWN;
    in.x = lr.x + lr.w / 2;
    in.y = lr.y + lr.h - 10;
    in.time_ms = now_ms += 40;
    fq_ui_handle_input(fx.ui, &in);
    for (int k = 1; k <= 10; k++) {
        in.type = FQ_INPUT_POINTER_MOVE;
        in.y = lr.y + lr.h - 10 - k * 30;
        in.time_ms = now_ms += 200; /* slow: no fling */
        fq_ui_handle_input(fx.ui, &in);
    }
    in.type = FQ_INPUT_POINTER_UP;
    in.time_ms = now_ms += 200;
    fq_ui_handle_input(fx.ui, &in);
    fq_ui_tick(fx.ui, now_ms += 2000);
    fq_ui_layout(fx.ui);
    assert_true(fq_scroll_offset(fx.list) > 0);
    assert_null(fq_vlist_row(fx.list, 0));
    for (size_t i = 0; i < N_ROWS; i++) {
        fq_widget *row = fq_vlist_row(fx.list, i);
        fq_rect r = row ? fq_widget_rect(row) : lr;
        if (!row || r.y < lr.y || r.y + r.h > lr.y + lr.h)
            continue; /* a row wholly in view */
        char text[40];
        snprintf(text, sizeof text, "Row %zu", i);
        int x = 0, y = 0;
        assert_true(fq_ui_locate_text(fx.ui, text, 0, &x, &y));
        tap(fx.ui, x, y);
        assert_int_equal(fx.rows.tapped, (int64_t)i);
        break;
    }
    assert_true(fx.rows.tapped > 0);
    close_fixture(&fx);
}

static void test_locate_finds_a_row_out_of_view(void **state)
{
    (void)state;
    fixture fx;
    open_fixture(&fx, false);
    assert_null(fq_vlist_row(fx.list, 4321));
    int x = 0, y = 0;
    assert_true(fq_ui_locate_text(fx.ui, "Row 4321", 0, &x, &y));
    assert_non_null(fq_vlist_row(fx.list, 4321));
    assert_only_rows_in_view(&fx);
    tap(fx.ui, x, y);
    assert_int_equal(fx.rows.tapped, 4321);
    /* a text shown nowhere leaves the list where it was */
    int before = fq_scroll_offset(fx.list);
    assert_false(fq_ui_locate_text(fx.ui, "Row 5000", 0, &x, &y));
    assert_int_equal(fq_scroll_offset(fx.list), before);
    /* finding text out of view does not move the list */
    fq_scroll_set_offset(fx.list, 0);
    fq_ui_layout(fx.ui);
    assert_true(fq_ui_find_text(fx.ui, "Row 4999"));
    assert_int_equal(fq_scroll_offset(fx.list), 0);
    assert_non_null(fq_vlist_row(fx.list, 0));
    close_fixture(&fx);
}

static void test_static_children_above_rows(void **state)
{
    (void)state;
    fixture fx;
    open_fixture(&fx, false);
    fq_widget *banner = fq_label_new(fx.list, "Banner above the rows");
    fq_ui_layout(fx.ui);
    fq_rect b = fq_widget_rect(banner), r0 = fq_widget_rect(fq_vlist_row(fx.list, 0));
    assert_int_equal(b.y, fq_widget_rect(fx.list).y);
    assert_true(r0.y >= b.y + b.h);
    /* scrolled away and back, the banner stays and row 0 is built again under it */
    fq_scroll_set_offset(fx.list, 100000);
    fq_ui_layout(fx.ui);
    assert_null(fq_vlist_row(fx.list, 0));
    fq_scroll_set_offset(fx.list, 0);
    fq_ui_layout(fx.ui);
    assert_int_equal(fq_widget_rect(banner).y, b.y);
    assert_int_equal(fq_widget_rect(fq_vlist_row(fx.list, 0)).y, r0.y);
    close_fixture(&fx);
}

static void test_empty_list(void **state)
{
    (void)state;
    fq_ui_config cfg = {
        .width_px = 480, .height_px = 800, .dpi = 133.0f, .theme = FQ_THEME_LIGHT, .osk = true};
    fq_ui *ui = fq_ui_new(&cfg, &FAKE);
    rows_ctx c = {0, 0, -1, false};
    fq_widget *list = fq_vlist_new(fq_ui_root(ui), 0, build, &c, freed);
    fq_widget_set_grow(list, 1);
    fq_label_new(list, "Nothing here");
    fq_ui_layout(ui);
    assert_int_equal(fq_vlist_n_built(list), 0);
    assert_true(fq_ui_find_text(ui, "Nothing here"));
    fq_widget_free(list);
    assert_int_equal(c.n_freed, 1);
    assert_int_equal(c.n_builds, 0);
    fq_ui_free(ui);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builds_only_rows_in_view),
        cmocka_unit_test(test_scroll_to_end_shows_last_row),
        cmocka_unit_test(test_tap_after_scrolling_hits_that_row),
        cmocka_unit_test(test_locate_finds_a_row_out_of_view),
        cmocka_unit_test(test_static_children_above_rows),
        cmocka_unit_test(test_empty_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
