/* Visit step "Tests" (issue 20): on-site tests as structured records, each edited in place
 * and saved when a field is committed (fq_app_site_test_save): its method, what was expected
 * (the code on the label, the carton spec, the approved sample), how many were tested and
 * failed, the result, the findings (damage found, mismatches, failures) and a note. The
 * barcode scan test has a scan field: every label scanned (a scanner types the code and
 * Enter, also with nothing focused) is counted and a mismatch listed by
 * fq_app_site_test_scan. Photos per test open the
 * photos step for it; a test entered by mistake is deleted after a confirmation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "screens/screens_internal.h"

typedef struct test_ctx {
    fq_screens *s;
    fq_site_test t;
    char scan[FQ_SHORT_LEN + 16];
    char title[80];
} test_ctx;

typedef struct add_ctx {
    fq_screens *s;
    int32_t kind;
} add_ctx;

static void save_test(fq_screens *s, void *ctx)
{
    test_ctx *tc = ctx;
    fq_site_test stored;
    if (fq_screens_saved(s, fq_app_site_test_save(s->app, &tc->t, &stored)))
        tc->t = stored;
    else
        fq_screens_rebuild_later(s, true);
}

static void on_result(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    test_ctx *tc = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    tc->t.result = ev->index + 1; /* pass, fail, n/a */
    save_test(tc->s, tc);
}

static void on_scan(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    test_ctx *tc = user;
    if (ev->type != FQ_UI_EV_SUBMIT || !tc->scan[strspn(tc->scan, " ")])
        return;
    bool match = false;
    fq_site_test stored;
    if (fq_app_site_test_scan(tc->s->app, tc->t.meta.uuid, tc->scan, &stored, &match) != FQ_OK) {
        fq_screens_error(tc->s, _("Scan not saved"));
        return;
    }
    char msg[FQ_SHORT_LEN + 64];
    snprintf(msg, sizeof msg, match ? _("Label %lld: matches") : _("Label %lld: MISMATCH %s"),
             (long long)stored.n_tested, tc->scan);
    fq_ui_toast(tc->s->ui, msg, match ? FQ_TOAST_OK : FQ_TOAST_ERROR, 2500);
    fq_screens_rebuild_later(tc->s, true);
}

static void on_delete_answer(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    test_ctx *tc = user;
    if (ev->type != FQ_UI_EV_CLICK || ev->index != 1)
        return;
    if (fq_app_site_test_delete(tc->s->app, tc->t.meta.uuid) != FQ_OK) {
        fq_screens_error(tc->s, _("Test not deleted"));
        return;
    }
    fq_ui_toast(tc->s->ui, _("Test deleted"), FQ_TOAST_OK, 1500);
    fq_screens_rebuild_later(tc->s, true);
}

static void on_delete(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    test_ctx *tc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(tc->s->ui, NULL);
    static const char *const btns[2] = {N_("Keep"), N_("Delete")};
    fq_dialog_open(tc->s->ui, _("Delete test?"), _("Only for a test entered by mistake."), fq_screens_tr_list(tc->s, btns, 2), 2,
                   on_delete_answer, tc);
}

static void on_photos(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    test_ctx *tc = user;
    if (ev->type == FQ_UI_EV_CLICK)
        fq_screens_show_photos(tc->s, FQ_SUBJ_SITE_TEST, tc->t.meta.uuid, tc->title);
}

static void on_add(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    add_ctx *ac = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    if (fq_screens_saved(ac->s, fq_app_site_test_add(ac->s->app, ac->s->visit_uuid, ac->kind,
                                                     NULL)))
        fq_screens_rebuild_later(ac->s, true);
}

/* What "tested" and "failed" count for each kind. */
static const char *const TESTED[FQ_SITE_KIND_COUNT] = {N_("Drops"), N_("Cartons"), N_("Labels scanned"),
                                                       N_("Units tested"), N_("Units compared")};
static const char *const FAILED[FQ_SITE_KIND_COUNT] = {N_("Drops with damage"), N_("Out of spec"),
                                                       N_("Mismatches"), N_("Failures"), N_("Deviations")};
static const char *const FINDINGS[FQ_SITE_KIND_COUNT] = {
    N_("Damage found"), N_("Weights and sizes found"), N_("Mismatched codes"), N_("Failures found"),
    N_("Differences from the sample")};

static void test_card(fq_screens *s, fq_widget *body, const fq_site_test *src, bool ro)
{
    test_ctx *tc = fq_screens_alloc(s, sizeof *tc);
    tc->s = s;
    tc->t = *src;
    int kind = src->kind >= 0 && src->kind < FQ_SITE_KIND_COUNT ? src->kind : 0;
    snprintf(tc->title, sizeof tc->title, "%s", _(fq_site_test_name(kind)));
    char key[FQ_SCREENS_KEY_LEN];
#define KEY(what) (snprintf(key, sizeof key, "test.%s." what, tc->t.meta.uuid), key)
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_widget *top = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *t = fq_label_new(top, tc->title);
    fq_label_set_role(t, FQ_TEXT_TITLE);
    fq_widget_set_grow(t, 1);
    fq_widget_set_handler(fq_button_new(top, _("Photos"), FQ_BUTTON_NORMAL), on_photos, tc);
    fq_widget *del = fq_button_new(top, _("Delete"), FQ_BUTTON_DANGER);
    fq_widget_set_handler(del, on_delete, tc);
    fq_widget_set_disabled(del, ro);
    fq_widget *f[12];
    int n = 0;
    f[n++] = fq_screens_note_field(s, card, KEY("method"), _("Method"), tc->t.method, sizeof tc->t.method, NULL,
                                   save_test, tc);
    f[n++] = fq_screens_note_field(s, card, KEY("expected"), _("Expected"), tc->t.expected, sizeof tc->t.expected,
                                   kind == FQ_SITE_BARCODE_SCAN ? _("Code on the label") : _("Spec"),
                                   save_test, tc);
    if (kind == FQ_SITE_BARCODE_SCAN) {
        fq_widget *row = fq_screens_labelled_row(s, card, _("Scan label"));
        fq_widget *sf = fq_ui_field_new(row, tc->scan, sizeof tc->scan, FQ_UI_FIELD_TEXT);
        fq_widget_set_grow(sf, 1);
        fq_ui_field_set_placeholder(sf, _("Scan or type each carton's code"));
        fq_widget_set_handler(sf, on_scan, tc);
        /* the scanner's next label goes here without a tap (the screen rebuilds after each) */
        if (!ro)
            fq_ui_set_default_field(s->ui, sf);
        f[n++] = sf;
    }
    f[n++] = fq_screens_number_field(s, card, KEY("tested"), _(TESTED[kind]), &tc->t.n_tested, 0, save_test, tc);
    f[n++] = fq_screens_number_field(s, card, KEY("failed"), _(FAILED[kind]), &tc->t.n_failed, 0, save_test, tc);
    static const char *const res[3] = {N_("Pass"), N_("Fail"), N_("N/A")};
    fq_widget *row = fq_screens_labelled_row(s, card, _("Result"));
    fq_widget *rc = fq_choice_new(row, fq_screens_tr_list(s, res, 3), 3, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(rc, 1);
    fq_choice_set_selected(rc, tc->t.result - 1);
    fq_widget_set_handler(rc, on_result, tc);
    f[n++] = rc;
    f[n++] = fq_screens_note_field(s, card, KEY("findings"), _(FINDINGS[kind]), tc->t.findings,
                                   sizeof tc->t.findings, NULL, save_test, tc);
    f[n++] = fq_screens_note_field(s, card, KEY("note"), _("Note"), tc->t.note, sizeof tc->t.note, NULL,
                                   save_test, tc);
    for (int i = 0; ro && i < n; i++)
        fq_widget_set_disabled(f[i], true);
#undef KEY
}

void fq_screens_build_tests(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv)
{
    fq_site_test *tests = NULL;
    size_t n = 0;
    if (fq_app_site_tests_read(s->app, vv->visit.meta.uuid, &tests, &n) != FQ_OK) {
        fq_screens_error(s, _("Cannot read the tests"));
        return;
    }
    char t[80];
    snprintf(t, sizeof t, _("On-site tests (%zu)"), n);
    fq_screens_section_title(body, t);
    if (n == 0)
        fq_label_set_role(fq_label_new(body, _("No test recorded on this visit yet.")),
                          FQ_TEXT_MUTED);
    for (size_t i = 0; i < n; i++)
        test_card(s, body, &tests[i], vv->read_only);
    free(tests);
    if (vv->read_only)
        return;
    fq_screens_section_title(body, _("Add a test"));
    static const char *const labels[FQ_SITE_KIND_COUNT] = {
        N_("Add drop test"), N_("Add carton weight and size"), N_("Add barcode scan test"),
        N_("Add function test"), N_("Add appearance check")};
    bool wide = fq_screens_landscape(s);
    fq_widget *row = NULL;
    for (int32_t k = 0; k < FQ_SITE_KIND_COUNT; k++) {
        if (!row || !wide || k == 3)
            row = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
        add_ctx *ac = fq_screens_alloc(s, sizeof *ac);
        ac->s = s;
        ac->kind = k;
        fq_widget *b = fq_button_new(row, _(labels[k]), FQ_BUTTON_NORMAL);
        fq_widget_set_grow(b, 1);
        fq_widget_set_handler(b, on_add, ac);
    }
}
