/* The screens' contracts, headless (the real app and ui, no platform): a handler never
 * rebuilds the widget tree it runs in (the rebuild waits for fq_screens_update), and building
 * a screen writes nothing, the AQL step included, even for a visit whose plan is missing
 * (the first AQL command records it). Run under ASan, a handler touching a freed tree fails
 * here. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_fixture.h"
#include "screens/bridge.h"
#include "screens/screens.h"
#include "ui/locate.h"
#include "store/store.h"

#define NOW 1795255200 /* 2026-11-21 10:00 UTC */
#define MUG_ROW "PO-24117  Ceramic mug 350 ml, reactive glaze"
static const char *assets;

typedef struct fixture {
    char path[1024];
    fq_app *app;
    fq_store *st; /* a second connection: the test's view of the change log */
    fq_ui *ui;
    fq_screens *s;
    int64_t clock_ms;
} fixture;

static void open_fixture(fixture *fx, const char *name)
{
    fq_test_app_open_demo(assets, name, NOW, fx->path, sizeof fx->path, &fx->app, &fx->st);
    fq_ui_config ucfg = {800, 480, 0, FQ_THEME_LIGHT, true};
    fx->ui = fq_ui_new(&ucfg, NULL);
    fx->s = fq_screens_new(fx->ui, fx->app, NULL);
    fx->clock_ms = 1000;
}

static void close_fixture(fixture *fx)
{
    fq_screens_free(fx->s);
    fq_ui_free(fx->ui);
    fq_store_close(fx->st);
    fq_app_close(fx->app);
}

static int64_t last_seq(fixture *fx)
{
    int64_t seq = -1;
    assert_int_equal(fq_store_last_seq(fx->st, &seq), FQ_OK);
    return seq;
}

static void input(fixture *fx, fq_input in)
{
    in.time_ms = fx->clock_ms;
    fx->clock_ms += 50;
    fq_ui_handle_input(fx->ui, &in);
}

/* A finger tap at x, y: handlers run; no fq_screens_update. */
static void tap_at(fixture *fx, int x, int y)
{
    fq_input in;
    memset(&in, 0, sizeof in);
    in.x = x;
    in.y = y;
    in.type = FQ_INPUT_POINTER_DOWN;
    input(fx, in);
    in.type = FQ_INPUT_POINTER_UP;
    input(fx, in);
}

static void tap_text(fixture *fx, const char *text, int nth)
{
    int x = 0, y = 0;
    if (!fq_ui_locate_text(fx->ui, text, nth, &x, &y))
        fail_msg("nothing shows \"%s\" (#%d)", text, nth);
    tap_at(fx, x, y);
}

static void key(fixture *fx, fq_key k)
{
    fq_input in;
    memset(&in, 0, sizeof in);
    in.type = FQ_INPUT_KEY;
    in.key = k;
    input(fx, in);
}

static void type(fixture *fx, const char *text)
{
    fq_input in;
    memset(&in, 0, sizeof in);
    in.type = FQ_INPUT_TEXT;
    snprintf(in.text, sizeof in.text, "%s", text);
    input(fx, in);
}

/* Taps and then lets the screens do what the handlers asked, as the host does. */
static void tap_and_update(fixture *fx, const char *text, int nth)
{
    tap_text(fx, text, nth);
    fq_screens_update(fx->s);
}

static fq_app_visit_row mug_visit(fixture *fx)
{
    fq_app_visit_row *rows = NULL, found;
    size_t n = 0;
    memset(&found, 0, sizeof found);
    assert_int_equal(fq_app_today_read(fx->app, &rows, &n), FQ_OK);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].order.po_number, "PO-24117") &&
            rows[i].visit.type == FQ_VISIT_PRE_SHIPMENT)
            found = rows[i];
    free(rows);
    assert_true(found.visit.meta.uuid[0] != '\0');
    return found;
}

static const char *order_of(fixture *fx, const char *po)
{
    static char uuid[FQ_UUID_LEN];
    fq_app_visit_row *rows = NULL;
    size_t n = 0;
    uuid[0] = '\0';
    assert_int_equal(fq_app_today_read(fx->app, &rows, &n), FQ_OK);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].order.po_number, po))
            snprintf(uuid, sizeof uuid, "%s", rows[i].order.meta.uuid);
    free(rows);
    assert_true(uuid[0] != '\0');
    return uuid;
}

static int64_t plans_of(fixture *fx, const char *visit_uuid)
{
    int64_t n = -1;
    assert_int_equal(fq_store_count(fx->st, FQ_ENT_AQL_PLAN, "visit_uuid", visit_uuid, &n), FQ_OK);
    return n;
}

/* A tap that changes screens leaves the tree alone until fq_screens_update: the handler's
 * widget and context outlive the handler. */
static void test_handlers_do_not_rebuild(void **state)
{
    (void)state;
    fixture fx;
    open_fixture(&fx, "deferred.db");
    assert_false(fq_screens_update(fx.s)); /* nothing asked for */
    fq_widget *sync = fq_ui_locate_widget(fx.ui, "Sync", 0);
    assert_non_null(sync);
    tap_text(&fx, "Sync", 0);
    assert_true(fq_ui_find_text(fx.ui, MUG_ROW)); /* still Today */
    assert_ptr_equal(fq_ui_locate_widget(fx.ui, "Sync", 0), sync);
    assert_true(fq_screens_update(fx.s));
    assert_false(fq_ui_find_text(fx.ui, MUG_ROW)); /* the Sync screen now */
    assert_true(fq_ui_find_text(fx.ui, "No sync folder"));
    assert_false(fq_screens_update(fx.s)); /* once */

    /* Back, then a visit: the same for a row's handler that also sends a command */
    tap_and_update(&fx, "Back", 0);
    assert_true(fq_ui_find_text(fx.ui, MUG_ROW));
    tap_text(&fx, MUG_ROW, 0);
    assert_true(fq_ui_find_text(fx.ui, MUG_ROW));
    assert_true(fq_screens_update(fx.s));
    assert_true(fq_ui_find_text(fx.ui, "items checked"));
    close_fixture(&fx);
}

/* A field committed with Enter rebuilds from its BLUR handler's request, after the ui's
 * focus change returned; the typed value is what the rebuilt step shows. */
static void test_field_commit_rebuilds_after_the_handler(void **state)
{
    (void)state;
    fixture fx;
    open_fixture(&fx, "field.db");
    tap_and_update(&fx, MUG_ROW, 0);
    tap_and_update(&fx, "Start visit", 0);
    tap_and_update(&fx, "AQL", 0);
    assert_true(fq_ui_find_text(fx.ui, "Code L: sample 200, Ac 10 Re 11"));
    int x = 0, y = 0;
    assert_true(fq_ui_locate_field_after(fx.ui, "Lot size (units)", 0, &x, &y));
    tap_at(&fx, x, y);
    fq_screens_update(fx.s);
    for (int i = 0; i < 4; i++)
        key(&fx, FQ_KEY_BACKSPACE);
    type(&fx, "3200");
    key(&fx, FQ_KEY_ENTER);
    assert_true(fq_ui_find_text(fx.ui, "Code L: sample 200")); /* not rebuilt yet */
    assert_true(fq_screens_update(fx.s));
    assert_true(fq_ui_find_text(fx.ui, "Code K: sample 125"));
    close_fixture(&fx);
}

/* Building the AQL step (and rebuilding it) writes nothing, also for a visit that has no
 * plan yet: the step shows the default plan, and the first count records it. */
static void test_building_aql_writes_nothing(void **state)
{
    (void)state;
    fixture fx;
    open_fixture(&fx, "aqlbuild.db");
    fq_app_visit_row v = mug_visit(&fx);
    void *plans = NULL;
    size_t n = 0;
    assert_int_equal(
        fq_store_list(fx.st, FQ_ENT_AQL_PLAN, "visit_uuid", v.visit.meta.uuid, NULL, &plans, &n),
        FQ_OK);
    assert_int_equal(n, 1);
    assert_int_equal(fq_store_delete(fx.st, FQ_ENT_AQL_PLAN, ((fq_aql_plan *)plans)->meta.uuid),
                     FQ_OK);
    free(plans);

    tap_and_update(&fx, MUG_ROW, 0);
    tap_and_update(&fx, "Start visit", 0); /* the inspector starts it: a write of its own */
    int64_t before = last_seq(&fx);
    tap_and_update(&fx, "AQL", 0);
    assert_true(fq_ui_find_text(fx.ui, "Code L: sample 200, Ac 10 Re 11"));
    assert_true(fq_ui_find_text(fx.ui, "Accept so far: 200 more units to sample"));
    fq_screens_refresh(fx.s);
    tap_and_update(&fx, "Checklist", 0);
    tap_and_update(&fx, "AQL", 0);
    assert_int_equal(last_seq(&fx), before);
    assert_int_equal(plans_of(&fx, v.visit.meta.uuid), 0);

    tap_and_update(&fx, "+", 2); /* one major defect: the plan is recorded with the count */
    assert_true(fq_ui_find_text(fx.ui, "Major: 1 found"));
    assert_int_equal(plans_of(&fx, v.visit.meta.uuid), 1);
    close_fixture(&fx);
}

/* A lot result out of step with the stored sample (an older device wrote the sample, not the
 * result): building shows the verdict and leaves the record alone. */
static void test_building_aql_leaves_the_lot_result_alone(void **state)
{
    (void)state;
    fixture fx;
    open_fixture(&fx, "aqllot.db");
    fq_app_visit_row v = mug_visit(&fx);
    void *plans = NULL;
    size_t n = 0;
    assert_int_equal(
        fq_store_list(fx.st, FQ_ENT_AQL_PLAN, "visit_uuid", v.visit.meta.uuid, NULL, &plans, &n),
        FQ_OK);
    fq_aql_plan p = *(fq_aql_plan *)plans;
    free(plans);
    p.sampled = 200;
    p.lot_result = FQ_AQL_LOT_OPEN;
    assert_int_equal(fq_store_put(fx.st, FQ_ENT_AQL_PLAN, &p), FQ_OK);

    /* opening a visit (issue 12) writes nothing either: it is started by the inspector */
    int64_t before = last_seq(&fx);
    tap_and_update(&fx, MUG_ROW, 0);
    assert_true(fq_ui_find_text(fx.ui, "Not started"));
    tap_and_update(&fx, "AQL", 0);
    assert_true(fq_ui_find_text(fx.ui, "Lot ACCEPTED (200 units sampled)"));
    tap_and_update(&fx, "Sign-off", 0);
    assert_int_equal(last_seq(&fx), before);
    close_fixture(&fx);
}

static void tap_field_after(fixture *fx, const char *text)
{
    int x = 0, y = 0;
    if (!fq_ui_locate_field_after(fx->ui, text, 0, &x, &y))
        fail_msg("no field after \"%s\"", text);
    tap_at(fx, x, y);
}

/* A rebuild asked for while a modal is open waits until it closes: the modal's handlers use
 * the screen's memory. Here the new-issue title is committed (a rebuild) by moving focus into
 * the "Close issue" dialog of another issue, which must still close that issue. */
static void test_rebuild_waits_for_the_open_modal(void **state)
{
    (void)state;
    fixture fx;
    open_fixture(&fx, "modal.db");
    tap_and_update(&fx, "PO-24098  Folding camping chair, steel frame", 0);
    tap_and_update(&fx, "Start visit", 0);
    tap_and_update(&fx, "Issues", 0);
    assert_true(fq_ui_find_text(fx.ui, "Open issues (1)"));
    tap_field_after(&fx, "New issue");
    fq_screens_update(fx.s);
    type(&fx, "Carton crushed");
    tap_text(&fx, "Close...", 0);
    fq_screens_update(fx.s);
    assert_true(fq_ui_modal_open(fx.ui));
    tap_field_after(&fx, "Resolution note"); /* the title's BLUR records the new issue */
    fq_screens_update(fx.s);
    assert_true(fq_ui_modal_open(fx.ui));
    type(&fx, "Tubes on site, note seen");
    key(&fx, FQ_KEY_ENTER);          /* the keyboard goes, uncovering the buttons */
    tap_text(&fx, "Close issue", 1); /* 0 is the dialog's title */
    assert_false(fq_ui_modal_open(fx.ui));
    assert_true(fq_screens_update(fx.s));
    assert_true(fq_ui_find_text(fx.ui, "Open issues (1)")); /* the new one */
    assert_true(fq_ui_find_text(fx.ui, "Closed"));
    assert_true(fq_ui_find_text(fx.ui, "Tubes on site, note seen"));
    fq_issue *is = NULL;
    size_t n = 0, n_open = 0;
    assert_int_equal(fq_app_issues_read(fx.app, order_of(&fx, "PO-24098"), &is, &n, &n_open),
                     FQ_OK);
    assert_int_equal(n, 2);
    assert_int_equal(n_open, 1);
    assert_string_equal(is[0].title, "Carton crushed");
    assert_string_equal(is[1].resolution_note, "Tubes on site, note seen");
    free(is);
    close_fixture(&fx);
}

int main(int argc, char **argv)
{
    assets = argc > 1 ? argv[1] : "assets";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handlers_do_not_rebuild),
        cmocka_unit_test(test_field_commit_rebuilds_after_the_handler),
        cmocka_unit_test(test_building_aql_writes_nothing),
        cmocka_unit_test(test_building_aql_leaves_the_lot_result_alone),
        cmocka_unit_test(test_rebuild_waits_for_the_open_modal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
