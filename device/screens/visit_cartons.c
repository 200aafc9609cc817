/* Visit step 4, cartons: the cartons measured on this visit, each edited in place and saved
 * when a field is committed (fq_app_carton_save): shipping marks, quantity per carton, carton
 * count, gross and net weight (shown in kg, stored in g), dimensions (shown in cm, stored in
 * mm), the country-of-origin label (yes / no / not answered) and the drop test; the barcode
 * (typed, or scanned: a scan replaces the field, and a scan anywhere on this tab goes to a
 * carton's barcode, shell.c) goes to fq_app_carton_set_barcode, which stores a wrong one as
 * scanned and records it as a finding (expected vs scanned): the card says which. A carton
 * entered by mistake is deleted after a confirmation.
 * Not here: photos of the carton (photos tab, opened from the carton's "Photos" button). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/screens_internal.h"

typedef struct carton_ctx {
    fq_screens *s;
    fq_carton c;                     /* as stored; the fields edit the measures */
    char barcode[FQ_SHORT_LEN + 16]; /* what the field shows */
    char stored_barcode[FQ_SHORT_LEN];
    fq_widget *barcode_msg;
    char title[64];
} carton_ctx;

static void save_carton(fq_screens *s, void *ctx)
{
    carton_ctx *cc = ctx;
    fq_carton stored;
    fq_err err = fq_app_carton_save(s->app, &cc->c, &stored);
    if (fq_screens_saved(s, err))
        cc->c = stored;
    else
        fq_screens_rebuild_later(s, true); /* show what is stored, not the refused figure */
}

/* The barcode's verdict under the field: green when it checks and is the order's, red with
 * what is wrong (and that it was recorded as a finding) otherwise. */
static void show_barcode(carton_ctx *cc, bool ok, const char *message, bool finding)
{
    const fq_ui_theme *th = fq_ui_theme_current(cc->s->ui);
    char msg[300];
    snprintf(msg, sizeof msg, "%s%s", message, !ok && finding ? _(": recorded as a finding") : "");
    fq_label_set_text(cc->barcode_msg, msg);
    fq_label_set_color(cc->barcode_msg, ok ? th->pass : th->fail);
    fq_widget_set_hidden(cc->barcode_msg, false);
}

static void commit_barcode(carton_ctx *cc)
{
    /* nothing typed since the card was built: nothing to store (a scan taken by the tab
     * puts the field back as it was) */
    if (!strcmp(cc->barcode, cc->stored_barcode))
        return;
    fq_carton stored;
    fq_app_barcode_result res;
    fq_err err = fq_app_carton_set_barcode(cc->s->app, cc->c.meta.uuid, cc->barcode, &stored,
                                           &res);
    if (!fq_screens_saved(cc->s, err))
        return;
    cc->c = stored;
    snprintf(cc->barcode, sizeof cc->barcode, "%s", stored.barcode);
    snprintf(cc->stored_barcode, sizeof cc->stored_barcode, "%s", stored.barcode);
    if (stored.barcode[0])
        show_barcode(cc, res.matches, res.message, res.finding_recorded);
    else
        fq_widget_set_hidden(cc->barcode_msg, true);
    if (res.finding_recorded)
        fq_screens_rebuild_later(cc->s, true);
}

static void on_barcode(fq_widget *w, const fq_ui_event *ev, void *user)
{
    carton_ctx *cc = user;
    if (ev->type == FQ_UI_EV_SUBMIT) {
        commit_barcode(cc); /* a scan ends with Enter: stored at once, the focus stays */
        fq_ui_field_sync(w);
    } else if (ev->type == FQ_UI_EV_BLUR || ev->type == FQ_UI_EV_SETTLE) {
        commit_barcode(cc);
        fq_ui_field_sync(w);
    }
}

static void on_choice(fq_widget *w, const fq_ui_event *ev, void *user)
{
    carton_ctx *cc = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    if (fq_widget_tag(w) == 0)
        cc->c.origin_label = ev->index == 0 ? FQ_ANSWER_YES : FQ_ANSWER_NO;
    else
        cc->c.drop_test = ev->index;
    save_carton(cc->s, cc);
}

static void on_delete_answer(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    carton_ctx *cc = user;
    fq_screens *s = cc->s;
    if (ev->type != FQ_UI_EV_CLICK || ev->index != 1)
        return;
    if (fq_app_carton_delete(s->app, cc->c.meta.uuid) != FQ_OK) {
        fq_screens_error(s, _("Carton not deleted"));
        return;
    }
    fq_ui_toast(s->ui, _("Carton deleted"), FQ_TOAST_OK, 1500);
    fq_screens_rebuild_later(s, true);
}

static void on_delete(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    carton_ctx *cc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(cc->s->ui, NULL);
    static const char *const btns[2] = {N_("Keep"), N_("Delete")};
    char msg[FQ_TEXT_LEN + 80];
    snprintf(msg, sizeof msg, _("%s will be removed from this visit. Only for a carton entered by mistake."),
             cc->title);
    fq_dialog_open(cc->s->ui, _("Delete carton?"), msg, fq_screens_tr_list(cc->s, btns, 2), 2, on_delete_answer, cc);
}

static void on_photos(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    carton_ctx *cc = user;
    if (ev->type == FQ_UI_EV_CLICK)
        fq_screens_show_photos(cc->s, FQ_SUBJ_CARTON, cc->c.meta.uuid, cc->title);
}

static void on_add(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    if (fq_screens_saved(s, fq_app_carton_add(s->app, s->visit_uuid, NULL)))
        fq_screens_rebuild_later(s, true);
}

static void carton_card(fq_screens *s, fq_widget *body, const fq_app_carton_row *src,
                        size_t idx, bool ro)
{
    carton_ctx *cc = fq_screens_alloc(s, sizeof *cc);
    cc->s = s;
    cc->c = src->carton;
    snprintf(cc->barcode, sizeof cc->barcode, "%s", cc->c.barcode);
    snprintf(cc->stored_barcode, sizeof cc->stored_barcode, "%s", cc->c.barcode);
    char key[FQ_SCREENS_KEY_LEN];
#define KEY(what) (snprintf(key, sizeof key, "carton.%s." what, cc->c.meta.uuid), key)
    snprintf(cc->title, sizeof cc->title, _("Carton %zu"), idx + 1);
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_widget *top = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *t = fq_label_new(top, cc->title);
    fq_label_set_role(t, FQ_TEXT_TITLE);
    fq_widget_set_grow(t, 1);
    fq_widget_set_handler(fq_button_new(top, _("Photos"), FQ_BUTTON_NORMAL), on_photos, cc);
    fq_widget *del = fq_button_new(top, _("Delete"), FQ_BUTTON_DANGER);
    fq_widget_set_handler(del, on_delete, cc);
    fq_widget_set_disabled(del, ro);

    fq_widget *f[16]; /* every input of the card, to disable them on a signed-off visit */
    int n = 0;
    f[n++] = fq_screens_note_field(s, card, KEY("marks"), _("Shipping marks"), cc->c.shipping_marks,
                                   sizeof cc->c.shipping_marks, _("PO, destination, marks"),
                                   save_carton, cc);
    f[n++] = fq_screens_number_field(s, card, KEY("qty"), _("Qty per carton"), &cc->c.qty_per_carton,
                                     0, save_carton, cc);
    f[n++] = fq_screens_number_field(s, card, KEY("count"), _("Carton count"), &cc->c.carton_count, 0,
                                     save_carton, cc);
    f[n++] = fq_screens_number_field(s, card, KEY("gross"), _("Gross weight (kg)"), &cc->c.gross_g, 3,
                                     save_carton, cc);
    f[n++] = fq_screens_number_field(s, card, KEY("net"), _("Net weight (kg)"), &cc->c.net_g, 3,
                                     save_carton, cc);
    if (src->net_above_gross) {
        fq_widget *wl = fq_label_new(card, _("Net weight is above gross weight: check both"));
        fq_label_set_color(wl, fq_ui_theme_current(s->ui)->fail);
    }
    fq_widget *dims = fq_screens_labelled_row(s, card, _("L x W x H (cm)"));
    fq_widget *drow = fq_box_new(dims, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget_set_grow(drow, 1);
    f[n++] = fq_screens_number_field(s, drow, KEY("length"), NULL, &cc->c.length_mm, 1,
                                     save_carton, cc);
    f[n++] = fq_screens_number_field(s, drow, KEY("width"), NULL, &cc->c.width_mm, 1, save_carton,
                                     cc);
    f[n++] = fq_screens_number_field(s, drow, KEY("height"), NULL, &cc->c.height_mm, 1,
                                     save_carton, cc);

    fq_widget *brow = fq_screens_labelled_row(s, card, _("Barcode"));
    fq_widget *bf = fq_ui_field_new(brow, cc->barcode, sizeof cc->barcode, FQ_UI_FIELD_TEXT);
    fq_widget_set_grow(bf, 1);
    fq_ui_field_set_placeholder(bf, _("Scan, or type EAN-13 / UPC-A / ITF-14"));
    fq_widget_set_handler(bf, on_barcode, cc);
    fq_screens_field_key(s, bf, KEY("barcode"));
    f[n++] = bf;
    if (src->expected_barcode[0]) {
        char exp[FQ_SHORT_LEN + 40];
        snprintf(exp, sizeof exp, _("The order's carton barcode: %s"), src->expected_barcode);
        fq_label_set_role(fq_label_new(card, exp), FQ_TEXT_SMALL);
    }
    cc->barcode_msg = fq_label_new(card, "");
    fq_label_set_role(cc->barcode_msg, FQ_TEXT_STRONG);
    fq_label_set_wrap(cc->barcode_msg, 2);
    if (cc->c.barcode[0])
        show_barcode(cc, src->barcode_ok, src->barcode_message, !src->barcode_ok);
    else
        fq_widget_set_hidden(cc->barcode_msg, true);
#undef KEY

    static const char *const yn[2] = {N_("Yes"), N_("No")};
    static const char *const drop[3] = {N_("Not done"), N_("Pass"), N_("Fail")};
    fq_widget *row = fq_screens_labelled_row(s, card, _("Origin label"));
    fq_widget *oc = fq_choice_new(row, fq_screens_tr_list(s, yn, 2), 2, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(oc, 1);
    fq_choice_set_selected(oc, cc->c.origin_label == FQ_ANSWER_YES  ? 0
                               : cc->c.origin_label == FQ_ANSWER_NO ? 1
                                                                    : -1);
    fq_widget_set_tag(oc, 0);
    fq_widget_set_handler(oc, on_choice, cc);
    f[n++] = oc;
    if (cc->c.origin_label == FQ_ANSWER_UNSET)
        fq_label_set_role(fq_label_new(row, _("not answered")), FQ_TEXT_MUTED);
    row = fq_screens_labelled_row(s, card, _("Drop test"));
    fq_widget *dc = fq_choice_new(row, fq_screens_tr_list(s, drop, 3), 3, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(dc, 1);
    fq_choice_set_selected(dc, cc->c.drop_test);
    fq_widget_set_tag(dc, 1);
    fq_widget_set_handler(dc, on_choice, cc);
    f[n++] = dc;
    for (int i = 0; ro && i < n; i++)
        fq_widget_set_disabled(f[i], true);
}

void fq_screens_build_cartons(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv)
{
    fq_app_carton_row *rows = NULL;
    size_t n = 0;
    if (fq_app_cartons_read(s->app, vv->visit.meta.uuid, &rows, &n) != FQ_OK) {
        fq_screens_error(s, _("Cannot read cartons"));
        return;
    }
    char t[80];
    snprintf(t, sizeof t, _("Cartons measured (%zu)"), n);
    fq_screens_section_title(body, t);
    if (n == 0)
        fq_label_set_role(fq_label_new(body, _("No carton measured on this visit yet.")),
                          FQ_TEXT_MUTED);
    for (size_t i = 0; i < n; i++)
        carton_card(s, body, &rows[i], i, vv->read_only);
    free(rows);
    if (vv->read_only)
        return;
    fq_widget *add = fq_button_new(body, _("Add carton"), FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(add, on_add, s);
}
