/* Visit step 4, cartons: the cartons measured on this visit, each edited in place and saved
 * when a field is committed: shipping marks, quantity per carton, carton count, gross and
 * net weight (shown in kg, stored in g), dimensions (shown in cm, stored in mm), the barcode
 * (typed, or scanned: a scanner types the digits and Enter) checked with core/barcode.h, the
 * country-of-origin label and the drop test. An invalid barcode is shown with its reason and
 * NOT saved. A carton entered by mistake is deleted after a confirmation.
 * Not here: photos of the carton (photos tab, opened from the carton's "Photos" button). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/barcode.h"
#include "screens/screens_internal.h"

typedef struct carton_ctx {
    fq_screens *s;
    fq_carton c;
    char barcode[FQ_SHORT_LEN + 16]; /* what the field shows; copied to c.barcode when valid */
    fq_widget *barcode_msg;
    char title[64];
} carton_ctx;

static void save_carton(fq_screens *s, void *ctx)
{
    carton_ctx *cc = ctx;
    fq_err err = fq_app_save(s->app, FQ_ENT_CARTON, &cc->c);
    scr_saved(s, err, FQ_ENT_CARTON, &cc->c.meta);
}

/* Shows the barcode check under the field: green "EAN-13 ok" or the reason in red. */
static void show_barcode_check(carton_ctx *cc, const fq_barcode_check *r, bool ok)
{
    const fq_ui_theme *th = fq_ui_theme_current(cc->s->ui);
    char msg[FQ_BARCODE_MSG_LEN + 40];
    if (ok)
        snprintf(msg, sizeof msg, "%s", r->message);
    else
        snprintf(msg, sizeof msg, "Not saved: %s", r->message);
    fq_label_set_text(cc->barcode_msg, msg);
    fq_label_set_color(cc->barcode_msg, ok ? th->pass : th->fail);
    fq_widget_set_hidden(cc->barcode_msg, false);
}

static void commit_barcode(carton_ctx *cc)
{
    fq_barcode_check r;
    const char *t = cc->barcode + strspn(cc->barcode, " \t\r\n");
    if (!*t) { /* cleared: no barcode on this carton */
        fq_widget_set_hidden(cc->barcode_msg, true);
        if (cc->c.barcode[0]) {
            cc->c.barcode[0] = '\0';
            save_carton(cc->s, cc);
        }
        return;
    }
    if (fq_barcode_validate(cc->barcode, &r) != FQ_OK) {
        show_barcode_check(cc, &r, false);
        fq_ui_toast(cc->s->ui, "Barcode not saved: check the digits", FQ_TOAST_ERROR, 3000);
        return;
    }
    show_barcode_check(cc, &r, true);
    /* store the digits only (a scanner may add spaces or CR) */
    size_t k = 0;
    for (const char *p = t; *p && k + 1 < sizeof cc->c.barcode; p++)
        if (*p >= '0' && *p <= '9')
            cc->c.barcode[k++] = *p;
    cc->c.barcode[k] = '\0';
    snprintf(cc->barcode, sizeof cc->barcode, "%s", cc->c.barcode);
    save_carton(cc->s, cc);
}

static void on_barcode(fq_widget *w, const fq_ui_event *ev, void *user)
{
    carton_ctx *cc = user;
    if (ev->type == FQ_UI_EV_SUBMIT) {
        fq_ui_focus(cc->s->ui, NULL); /* its BLUR checks and saves */
    } else if (ev->type == FQ_UI_EV_BLUR) {
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
        cc->c.origin_label = ev->index == 0;
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
    if (fq_app_delete(s->app, FQ_ENT_CARTON, cc->c.meta.uuid) != FQ_OK) {
        scr_error(s, "Carton not deleted");
        return;
    }
    fq_ui_toast(s->ui, "Carton deleted", FQ_TOAST_OK, 1500);
    scr_rebuild_later(s, true);
}

static void on_delete(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    carton_ctx *cc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(cc->s->ui, NULL);
    static const char *const btns[2] = {"Keep", "Delete"};
    char msg[FQ_TEXT_LEN + 80];
    snprintf(msg, sizeof msg, "%s will be removed from this visit. Only for a carton entered by mistake.",
             cc->title);
    fq_dialog_open(cc->s->ui, "Delete carton?", msg, btns, 2, on_delete_answer, cc);
}

static void on_photos(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    carton_ctx *cc = user;
    if (ev->type == FQ_UI_EV_CLICK)
        scr_show_photos(cc->s, FQ_SUBJ_CARTON, cc->c.meta.uuid, cc->title);
}

typedef struct add_ctx {
    fq_screens *s;
    const visit_ctx *vc;
    int64_t cartons_counted; /* from production counts, a sensible default */
} add_ctx;

static void on_add(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    add_ctx *ad = user;
    fq_screens *s = ad->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_carton c;
    memset(&c, 0, sizeof c);
    snprintf(c.visit_uuid, sizeof c.visit_uuid, "%s", ad->vc->visit.meta.uuid);
    snprintf(c.shipping_marks, sizeof c.shipping_marks, "%s", ad->vc->order.po_number);
    c.carton_count = ad->cartons_counted;
    fq_err err = fq_app_save(s->app, FQ_ENT_CARTON, &c);
    if (scr_saved(s, err, FQ_ENT_CARTON, &c.meta))
        scr_rebuild_later(s, true);
}

static void carton_card(fq_screens *s, fq_widget *body, const fq_carton *src, size_t idx, bool ro)
{
    carton_ctx *cc = scr_alloc(s, sizeof *cc);
    cc->s = s;
    cc->c = *src;
    snprintf(cc->barcode, sizeof cc->barcode, "%s", cc->c.barcode);
    snprintf(cc->title, sizeof cc->title, "Carton %zu", idx + 1);
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_widget *top = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *t = fq_label_new(top, cc->title);
    fq_label_set_role(t, FQ_TEXT_TITLE);
    fq_widget_set_grow(t, 1);
    fq_widget_set_handler(fq_button_new(top, "Photos", FQ_BUTTON_NORMAL), on_photos, cc);
    fq_widget *del = fq_button_new(top, "Delete", FQ_BUTTON_DANGER);
    fq_widget_set_handler(del, on_delete, cc);
    fq_widget_set_disabled(del, ro);

    fq_widget *f[16]; /* every input of the card, to disable them on a signed-off visit */
    int n = 0;
    f[n++] = scr_note_field(s, card, "Shipping marks", cc->c.shipping_marks,
                            sizeof cc->c.shipping_marks, "PO, destination, marks", save_carton, cc);
    f[n++] = scr_number_field(s, card, "Qty per carton", &cc->c.qty_per_carton, 0, save_carton, cc);
    f[n++] = scr_number_field(s, card, "Carton count", &cc->c.carton_count, 0, save_carton, cc);
    f[n++] = scr_number_field(s, card, "Gross weight (kg)", &cc->c.gross_g, 3, save_carton, cc);
    f[n++] = scr_number_field(s, card, "Net weight (kg)", &cc->c.net_g, 3, save_carton, cc);
    if (cc->c.net_g > cc->c.gross_g && cc->c.gross_g > 0) {
        fq_widget *wl = fq_label_new(card, "Net weight is above gross weight: check both");
        fq_label_set_color(wl, fq_ui_theme_current(s->ui)->fail);
    }
    fq_widget *dims = scr_labelled_row(s, card, "L x W x H (cm)");
    fq_widget *drow = fq_box_new(dims, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget_set_grow(drow, 1);
    f[n++] = scr_number_field(s, drow, NULL, &cc->c.length_mm, 1, save_carton, cc);
    f[n++] = scr_number_field(s, drow, NULL, &cc->c.width_mm, 1, save_carton, cc);
    f[n++] = scr_number_field(s, drow, NULL, &cc->c.height_mm, 1, save_carton, cc);

    fq_widget *brow = scr_labelled_row(s, card, "Barcode");
    fq_widget *bf = fq_ui_field_new(brow, cc->barcode, sizeof cc->barcode, FQ_UI_FIELD_TEXT);
    fq_widget_set_grow(bf, 1);
    fq_ui_field_set_placeholder(bf, "Type or scan EAN-13 / UPC-A / ITF-14");
    fq_widget_set_handler(bf, on_barcode, cc);
    f[n++] = bf;
    cc->barcode_msg = fq_label_new(card, "");
    fq_label_set_role(cc->barcode_msg, FQ_TEXT_STRONG);
    fq_label_set_wrap(cc->barcode_msg, 2);
    fq_barcode_check r;
    if (cc->c.barcode[0])
        show_barcode_check(cc, &r, fq_barcode_validate(cc->c.barcode, &r) == FQ_OK);
    else
        fq_widget_set_hidden(cc->barcode_msg, true);

    static const char *const yn[2] = {"Yes", "No"};
    static const char *const drop[3] = {"Not done", "Pass", "Fail"};
    fq_widget *row = scr_labelled_row(s, card, "Origin label");
    fq_widget *oc = fq_choice_new(row, yn, 2, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(oc, 1);
    fq_choice_set_selected(oc, cc->c.origin_label ? 0 : 1);
    fq_widget_set_tag(oc, 0);
    fq_widget_set_handler(oc, on_choice, cc);
    f[n++] = oc;
    row = scr_labelled_row(s, card, "Drop test");
    fq_widget *dc = fq_choice_new(row, drop, 3, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(dc, 1);
    fq_choice_set_selected(dc, cc->c.drop_test);
    fq_widget_set_tag(dc, 1);
    fq_widget_set_handler(dc, on_choice, cc);
    f[n++] = dc;
    for (int i = 0; ro && i < n; i++)
        fq_widget_set_disabled(f[i], true);
}

void tab_cartons(fq_screens *s, fq_widget *body, visit_ctx *vc)
{
    void *arr = NULL;
    size_t n = 0;
    if (fq_app_list(s->app, FQ_ENT_CARTON, "visit_uuid", vc->visit.meta.uuid, NULL, &arr, &n) !=
        FQ_OK) {
        scr_error(s, "Cannot read cartons");
        return;
    }
    const fq_carton *c = arr;
    char t[80];
    snprintf(t, sizeof t, "Cartons measured (%zu)", n);
    scr_section_title(body, t);
    if (n == 0)
        fq_label_set_role(fq_label_new(body, "No carton measured on this visit yet."),
                          FQ_TEXT_MUTED);
    for (size_t i = 0; i < n; i++)
        carton_card(s, body, &c[i], i, vc->ro);
    free(arr);
    if (vc->ro)
        return;
    add_ctx *ad = scr_alloc(s, sizeof *ad);
    ad->s = s;
    ad->vc = vc;
    fq_production p;
    if (fq_app_visit_record(s->app, FQ_ENT_PRODUCTION, vc->visit.meta.uuid, &p) == FQ_OK)
        ad->cartons_counted = p.cartons;
    fq_widget *add = fq_button_new(body, "Add carton", FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(add, on_add, ad);
}
