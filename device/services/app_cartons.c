/* The Cartons step: the cartons measured on a visit, adding one (marks and count started
 * from the order and the production count), saving what was measured, setting a barcode
 * only when it checks out (core/barcode.h), and deleting one entered by mistake. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/barcode.h"

fq_err fq_app_cartons_read(fq_app *app, const char *visit_uuid, fq_app_carton_row **out,
                           size_t *out_n)
{
    fq_app_enter(app);
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_list_of_visit(app, FQ_ENT_CARTON, visit_uuid, &arr, &n);
    if (err)
        return err;
    fq_app_carton_row *rows = n ? calloc(n, sizeof *rows) : NULL;
    if (n && !rows)
        err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !err && i < n; i++) {
        rows[i].carton = ((const fq_carton *)arr)[i];
        rows[i].net_above_gross =
            rows[i].carton.gross_g > 0 && rows[i].carton.net_g > rows[i].carton.gross_g;
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

fq_err fq_app_carton_set_barcode(fq_app *app, const char *carton_uuid, const char *text,
                                 fq_carton *out)
{
    fq_app_enter(app);
    char digits[FQ_SHORT_LEN] = "";
    if (!fq_app_blank(text)) {
        fq_barcode_check r;
        if (fq_barcode_validate(text, &r) != FQ_OK)
            return fq_app_fail(app, FQ_ERR_INVALID, "%s", r.message);
        /* the digits only: a scanner may add spaces or CR */
        size_t k = 0;
        for (const char *p = text; *p && k + 1 < sizeof digits; p++)
            if (*p >= '0' && *p <= '9')
                digits[k++] = *p;
        digits[k] = '\0';
    }
    fq_carton c;
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_get(app, FQ_ENT_CARTON, carton_uuid, &c);
    if (!err && strcmp(c.barcode, digits) != 0) {
        snprintf(c.barcode, sizeof c.barcode, "%s", digits);
        err = fq_app_put(app, FQ_ENT_CARTON, &c);
    }
    err = fq_app_end(app, err);
    if (!err && out)
        *out = c;
    return err;
}

fq_err fq_app_carton_delete(fq_app *app, const char *carton_uuid)
{
    fq_app_enter(app);
    return fq_app_store_fail(app, fq_store_delete(app->store, FQ_ENT_CARTON, carton_uuid));
}
