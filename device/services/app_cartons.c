/* The Cartons step: the cartons measured on a visit, adding one (marks and count started
 * from the order and the production count), saving what was measured, setting a barcode
 * only when it checks out (core/barcode.h), and deleting one entered by mistake. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/barcode.h"

/* What the stored barcode is: checks, and matches the order's (when it gives one). In
 * English for a record (drawn false), in the drawn language for the screen. */
static bool judge_barcode(const char *barcode, const char *expected, bool drawn, char *msg,
                          size_t len)
{
    fq_barcode_check r;
    bool valid = fq_barcode_validate(barcode, &r) == FQ_OK;
    char what[FQ_BARCODE_MSG_LEN];
    fq_barcode_describe(&r, drawn, what, sizeof what);
    if (!valid) {
        snprintf(msg, len, "%s", what);
        return false;
    }
    if (expected[0] && strcmp(barcode, expected) != 0) {
        snprintf(msg, len, drawn ? _("%s but not the order's %s") : "%s but not the order's %s",
                 what, expected);
        return false;
    }
    snprintf(msg, len, "%s%s", what,
             !expected[0] ? "" : drawn ? _(", matches the order") : ", matches the order");
    return true;
}

fq_err fq_app_cartons_read(fq_app *app, const char *visit_uuid, fq_app_carton_row **out,
                           size_t *out_n)
{
    fq_app_enter(app);
    void *arr = NULL;
    size_t n = 0;
    fq_visit v;
    fq_order o;
    fq_err err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err)
        err = fq_app_get(app, FQ_ENT_ORDER, v.order_uuid, &o);
    if (!err)
        err = fq_app_list_of_visit(app, FQ_ENT_CARTON, visit_uuid, &arr, &n);
    if (err)
        return err;
    fq_app_carton_row *rows = n ? calloc(n, sizeof *rows) : NULL;
    if (n && !rows)
        err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !err && i < n; i++) {
        rows[i].carton = ((const fq_carton *)arr)[i];
        rows[i].net_above_gross =
            rows[i].carton.gross_g > 0 && rows[i].carton.net_g > rows[i].carton.gross_g;
        snprintf(rows[i].expected_barcode, sizeof rows[i].expected_barcode, "%s",
                 o.carton_barcode);
        if (rows[i].carton.barcode[0])
            rows[i].barcode_ok = judge_barcode(rows[i].carton.barcode, o.carton_barcode, true,
                                               rows[i].barcode_message,
                                               sizeof rows[i].barcode_message);
    }
    free(arr);
    if (err)
        return err;
    *out = rows;
    *out_n = n;
    return FQ_OK;
}

fq_err fq_app_carton_add(fq_app *app, const char *visit_uuid, fq_carton *out)
{
    fq_app_enter(app);
    fq_visit v;
    fq_order o;
    fq_production p;
    fq_carton c;
    memset(&c, 0, sizeof c);
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err)
        err = fq_app_get(app, FQ_ENT_ORDER, v.order_uuid, &o);
    if (!err) {
        snprintf(c.visit_uuid, sizeof c.visit_uuid, "%s", v.meta.uuid);
        /* the marks start with what every carton of the order carries */
        snprintf(c.shipping_marks, sizeof c.shipping_marks, "%s", o.po_number);
        if (fq_app_one_of_visit(app, FQ_ENT_PRODUCTION, v.meta.uuid, &p) == FQ_OK)
            c.carton_count = p.cartons;
        err = fq_app_put(app, FQ_ENT_CARTON, &c);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = c;
    return err;
}

static bool same_measures(const fq_carton *a, const fq_carton *b)
{
    return !strcmp(a->shipping_marks, b->shipping_marks) &&
           a->qty_per_carton == b->qty_per_carton && a->carton_count == b->carton_count &&
           a->gross_g == b->gross_g && a->net_g == b->net_g && a->length_mm == b->length_mm &&
           a->width_mm == b->width_mm && a->height_mm == b->height_mm &&
           a->origin_label == b->origin_label && a->drop_test == b->drop_test &&
           !strcmp(a->note, b->note);
}

fq_err fq_app_carton_save(fq_app *app, const fq_carton *carton, fq_carton *out)
{
    fq_app_enter(app);
    if (!carton)
        return fq_app_fail(app, FQ_ERR_INVALID, "no carton");
    if (carton->qty_per_carton < 0 || carton->carton_count < 0 || carton->gross_g < 0 ||
        carton->net_g < 0 || carton->length_mm < 0 || carton->width_mm < 0 || carton->height_mm < 0)
        return fq_app_fail(app, FQ_ERR_INVALID, "carton figures cannot be negative");
    if (carton->drop_test < FQ_DROP_NOT_DONE || carton->drop_test > FQ_DROP_FAIL)
        return fq_app_fail(app, FQ_ERR_INVALID, "unknown drop test result");
    fq_carton c;
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_CARTON, carton->meta.uuid, &c);
    if (!err) {
        fq_carton before = c;
        snprintf(c.shipping_marks, sizeof c.shipping_marks, "%s", carton->shipping_marks);
        c.qty_per_carton = carton->qty_per_carton;
        c.carton_count = carton->carton_count;
        c.gross_g = carton->gross_g;
        c.net_g = carton->net_g;
        c.length_mm = carton->length_mm;
        c.width_mm = carton->width_mm;
        c.height_mm = carton->height_mm;
        c.origin_label = carton->origin_label;
        c.drop_test = carton->drop_test;
        snprintf(c.note, sizeof c.note, "%s", carton->note);
        if (!same_measures(&before, &c))
            err = fq_app_put(app, FQ_ENT_CARTON, &c);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = c;
    return err;
}

/* The finding a wrong barcode of this carton was recorded as (its item_uuid names the
 * carton), into *out; FQ_ERR_NOTFOUND when there is none yet. */
static fq_err barcode_finding(fq_app *app, const fq_carton *c, fq_finding *out)
{
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_list_of_visit(app, FQ_ENT_FINDING, c->visit_uuid, &arr, &n);
    if (err)
        return err;
    err = FQ_ERR_NOTFOUND;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(((const fq_finding *)arr)[i].item_uuid, c->meta.uuid)) {
            *out = ((const fq_finding *)arr)[i];
            err = FQ_OK;
        }
    free(arr);
    return err;
}

/* The carton's number on the visit (1-based, by creation), for the inspector's words. */
static int carton_number(fq_app *app, const fq_carton *c)
{
    void *arr = NULL;
    size_t n = 0;
    int k = 0;
    if (fq_app_list_of_visit(app, FQ_ENT_CARTON, c->visit_uuid, &arr, &n) == FQ_OK)
        for (size_t i = 0; i < n; i++)
            if (!strcmp(((const fq_carton *)arr)[i].meta.uuid, c->meta.uuid))
                k = (int)i + 1;
    free(arr);
    return k;
}

/* The stored words of a wrong barcode's finding: English, the report's language. The same
 * pattern writes them (printf) and recognises them to draw them translated (sscanf). */
#define CARTON_SECTION "Cartons"
#define CARTON_BARCODE "Carton %d barcode"

void fq_app_finding_title(const fq_finding *f, char *out, size_t out_len)
{
    int n = 0, end = 0;
    if (!strcmp(f->section, CARTON_SECTION) &&
        sscanf(f->text, CARTON_BARCODE "%n", &n, &end) == 1 && f->text[end] == '\0') {
        snprintf(out, out_len, _("Carton %d barcode"), n);
        return;
    }
    snprintf(out, out_len, "%s", _(f->text));
}

/* Records (or updates) the finding for a wrong barcode; a later good scan of the same
 * carton turns it into a pass that keeps what was seen first. */
static fq_err record_barcode_finding(fq_app *app, const fq_carton *c, const char *expected,
                                     bool good, const char *message, bool *out_recorded)
{
    fq_finding f;
    fq_err err = barcode_finding(app, c, &f);
    if (err == FQ_ERR_NOTFOUND) {
        if (good)
            return FQ_OK; /* nothing wrong was ever seen on this carton */
        memset(&f, 0, sizeof f);
        snprintf(f.visit_uuid, sizeof f.visit_uuid, "%s", c->visit_uuid);
        snprintf(f.item_uuid, sizeof f.item_uuid, "%s", c->meta.uuid);
        snprintf(f.section, sizeof f.section, "%s", CARTON_SECTION);
        snprintf(f.text, sizeof f.text, CARTON_BARCODE, carton_number(app, c));
        f.severity = FQ_SEV_MAJOR;
        err = FQ_OK;
    }
    if (err)
        return err;
    char note[FQ_NOTE_LEN];
    if (good)
        snprintf(note, sizeof note, "%.900s; scanned again: %s (%s)", f.note, c->barcode, message);
    else
        snprintf(note, sizeof note, "expected %s, scanned %s: %s",
                 expected[0] ? expected : "a valid EAN-13 / UPC-A / ITF-14", c->barcode, message);
    f.result = good ? FQ_RESULT_PASS : FQ_RESULT_FAIL;
    snprintf(f.note, sizeof f.note, "%s", note);
    if (out_recorded)
        *out_recorded = !good;
    return fq_app_put(app, FQ_ENT_FINDING, &f);
}

fq_err fq_app_carton_set_barcode(fq_app *app, const char *carton_uuid, const char *text,
                                 fq_carton *out, fq_app_barcode_result *out_result)
{
    fq_app_enter(app);
    fq_app_barcode_result res;
    memset(&res, 0, sizeof res);
    /* what was scanned, trimmed (a scanner may add spaces, CR or LF) */
    char code[FQ_SHORT_LEN] = "";
    const char *p = text ? text + strspn(text, " \t\r\n") : "";
    size_t len = strlen(p);
    while (len && strchr(" \t\r\n", p[len - 1]))
        len--;
    if (len >= sizeof code)
        return fq_app_fail(app, FQ_ERR_INVALID, "%zu characters is no carton barcode", len);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
            return fq_app_fail(app, FQ_ERR_INVALID, "the barcode holds a control character");
    memcpy(code, p, len);
    code[len] = '\0';
    /* the digits of a valid code, else the code as scanned: the wrong label is evidence */
    fq_barcode_check r;
    res.valid = code[0] && fq_barcode_validate(code, &r) == FQ_OK;
    if (res.valid) {
        size_t k = 0;
        for (size_t i = 0; code[i]; i++)
            if (code[i] >= '0' && code[i] <= '9')
                code[k++] = code[i];
        code[k] = '\0';
    }
    fq_carton c;
    fq_visit v;
    fq_order o;
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_CARTON, carton_uuid, &c);
    if (!err)
        err = fq_app_get(app, FQ_ENT_VISIT, c.visit_uuid, &v);
    if (!err)
        err = fq_app_get(app, FQ_ENT_ORDER, v.order_uuid, &o);
    if (!err && strcmp(c.barcode, code) != 0) {
        snprintf(c.barcode, sizeof c.barcode, "%s", code);
        err = fq_app_put(app, FQ_ENT_CARTON, &c);
    }
    if (!err && code[0]) {
        char english[sizeof res.message];
        res.matches = judge_barcode(code, o.carton_barcode, false, english, sizeof english);
        judge_barcode(code, o.carton_barcode, true, res.message, sizeof res.message);
        err = record_barcode_finding(app, &c, o.carton_barcode, res.matches, english,
                                     &res.finding_recorded);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = c;
    if (!err && out_result)
        *out_result = res;
    return err;
}

fq_err fq_app_carton_delete(fq_app *app, const char *carton_uuid)
{
    fq_app_enter(app);
    return fq_app_store_fail(app, fq_store_delete(app->store, FQ_ENT_CARTON, carton_uuid));
}
