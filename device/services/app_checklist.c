/* The Checklist step: the read model (items of the visit's type with this visit's findings
 * and their photo counts) and the commands on one item's finding: its result, its note, and
 * making sure it exists before photos are attached to it. A finding is keyed by visit and
 * checklist item, and created on first use when the visit has none for the item. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int32_t photos_of(const fq_photo *ph, size_t n, const char *finding_uuid)
{
    int32_t c = 0;
    for (size_t i = 0; finding_uuid[0] && i < n; i++)
        if (ph[i].subject_kind == FQ_SUBJ_FINDING && !strcmp(ph[i].subject_uuid, finding_uuid))
            c++;
    return c;
}

fq_err fq_app_checklist_read(fq_app *app, const char *visit_uuid, fq_app_checklist_row **out,
                             size_t *out_n)
{
    fq_app_enter(app);
    fq_visit v;
    void *items = NULL, *finds = NULL, *photos = NULL;
    size_t n_items = 0, n_finds = 0, n_photos = 0;
    fq_app_checklist_row *rows = NULL;
    char type[16];
    fq_err err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err)
        snprintf(type, sizeof type, "%d", (int)v.type);
    if (!err)
        err = fq_app_store_fail(app, fq_store_list(app->store, FQ_ENT_CHECKLIST_ITEM, "visit_type",
                                                   type, "position", &items, &n_items));
    if (!err)
        err = fq_app_list_of_visit(app, FQ_ENT_FINDING, visit_uuid, &finds, &n_finds);
    if (!err)
        err = fq_app_list_of_visit(app, FQ_ENT_PHOTO, visit_uuid, &photos, &n_photos);
    if (!err && n_items) {
        rows = calloc(n_items, sizeof *rows);
        if (!rows)
            err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; !err && i < n_items; i++) {
        fq_app_checklist_row *r = &rows[i];
        r->item = ((const fq_checklist_item *)items)[i];
        for (size_t k = 0; k < n_finds; k++)
            if (!strcmp(((const fq_finding *)finds)[k].item_uuid, r->item.meta.uuid))
                r->finding = ((const fq_finding *)finds)[k];
        r->n_photos = photos_of(photos, n_photos, r->finding.meta.uuid);
        r->lacks_evidence =
            fq_finding_lacks_evidence(&r->finding, r->item.fail_evidence, r->n_photos);
    }
    free(items);
    free(finds);
    free(photos);
    if (err) {
        free(rows);
        return err;
    }
    *out = rows;
    *out_n = n_items;
    return FQ_OK;
}

/* The visit's finding on the item, or a new one (not yet stored) made from the item. */
static fq_err finding_of(fq_app *app, const char *visit_uuid, const char *item_uuid,
                         fq_finding *out)
{
    fq_checklist_item it;
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_get(app, FQ_ENT_CHECKLIST_ITEM, item_uuid ? item_uuid : "", &it);
    if (!err)
        err = fq_app_list_of_visit(app, FQ_ENT_FINDING, visit_uuid, &arr, &n);
    if (err)
        return err;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(((const fq_finding *)arr)[i].item_uuid, it.meta.uuid))
            *out = ((const fq_finding *)arr)[i];
    free(arr);
    if (!out->meta.uuid[0]) {
        /* the item's words are copied, so reports survive later template edits */
        snprintf(out->visit_uuid, sizeof out->visit_uuid, "%s", visit_uuid);
        snprintf(out->item_uuid, sizeof out->item_uuid, "%s", it.meta.uuid);
        snprintf(out->section, sizeof out->section, "%s", it.section);
        snprintf(out->text, sizeof out->text, "%s", it.text);
    }
    return FQ_OK;
}

typedef enum change { SET_RESULT, SET_NOTE, ENSURE } change;

/* One transaction: load (or make) the finding, apply the change, store it if it changed. */
static fq_err update(fq_app *app, const char *visit_uuid, const char *item_uuid, change what,
                     fq_result result, const char *note, fq_finding *out)
{
    fq_visit v;
    fq_finding f;
    fq_err err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid ? visit_uuid : "", &v);
    if (!err)
        err = fq_app_begin(app);
    if (err)
        return err;
    err = finding_of(app, visit_uuid, item_uuid, &f);
    bool changed = !f.meta.uuid[0];
    if (!err && what == SET_RESULT) {
        changed = changed || f.result != (int32_t)result;
        f.result = (int32_t)result;
    } else if (!err && what == SET_NOTE) {
        const char *text = note ? note : "";
        /* an empty note on an item nobody answered yet is nothing to record */
        changed = strcmp(f.note, text) != 0;
        snprintf(f.note, sizeof f.note, "%s", text);
    }
    if (!err && changed)
        err = fq_app_put(app, FQ_ENT_FINDING, &f);
    err = fq_app_end(app, err);
    if (!err && out)
        *out = f;
    return err;
}

fq_err fq_app_finding_set_result(fq_app *app, const char *visit_uuid, const char *item_uuid,
                                 fq_result result, fq_finding *out)
{
    fq_app_enter(app);
    if (result != FQ_RESULT_PASS && result != FQ_RESULT_FAIL && result != FQ_RESULT_NA)
        return fq_app_fail(app, FQ_ERR_INVALID, "a checklist answer is pass, fail or N/A");
    return update(app, visit_uuid, item_uuid, SET_RESULT, result, NULL, out);
}

fq_err fq_app_finding_set_note(fq_app *app, const char *visit_uuid, const char *item_uuid,
                               const char *note, fq_finding *out)
{
    fq_app_enter(app);
    return update(app, visit_uuid, item_uuid, SET_NOTE, FQ_RESULT_UNSET, note, out);
}

fq_err fq_app_finding_ensure(fq_app *app, const char *visit_uuid, const char *item_uuid,
                             fq_finding *out)
{
    fq_app_enter(app);
    return update(app, visit_uuid, item_uuid, ENSURE, FQ_RESULT_UNSET, NULL, out);
}

fq_err fq_app_checklist_rest_na(fq_app *app, const char *visit_uuid, int32_t *out_n)
{
    fq_app_enter(app);
    fq_app_checklist_row *rows = NULL;
    size_t n = 0;
    int32_t marked = 0;
    fq_err err = fq_app_checklist_read(app, visit_uuid, &rows, &n);
    if (!err)
        err = fq_app_begin(app);
    if (err) {
        free(rows);
        return err;
    }
    for (size_t i = 0; !err && i < n; i++) {
        if (rows[i].finding.result != FQ_RESULT_UNSET)
            continue;
        fq_finding f;
        err = finding_of(app, visit_uuid, rows[i].item.meta.uuid, &f);
        if (!err) {
            f.result = FQ_RESULT_NA;
            err = fq_app_put(app, FQ_ENT_FINDING, &f);
            marked++;
        }
    }
    free(rows);
    err = fq_app_end(app, err);
    if (!err && out_n)
        *out_n = marked;
    return err;
}

fq_err fq_app_other_findings_read(fq_app *app, const char *visit_uuid, fq_finding **out,
                                  size_t *out_n)
{
    fq_app_enter(app);
    fq_visit v;
    void *items = NULL, *finds = NULL;
    size_t n_items = 0, n_finds = 0, k = 0;
    char type[16];
    fq_err err = fq_app_get(app, FQ_ENT_VISIT, visit_uuid, &v);
    if (!err) {
        snprintf(type, sizeof type, "%d", (int)v.type);
        err = fq_app_store_fail(app, fq_store_list(app->store, FQ_ENT_CHECKLIST_ITEM, "visit_type",
                                                   type, NULL, &items, &n_items));
    }
    if (!err)
        err = fq_app_list_of_visit(app, FQ_ENT_FINDING, visit_uuid, &finds, &n_finds);
    fq_finding *all = finds;
    /* a free finding names no item, or the record it is about (a carton) */
    for (size_t i = 0; !err && i < n_finds; i++) {
        bool of_item = false;
        for (size_t j = 0; !of_item && j < n_items; j++)
            of_item = !strcmp(all[i].item_uuid,
                              ((const fq_checklist_item *)items)[j].meta.uuid);
        if (!of_item)
            all[k++] = all[i];
    }
    free(items);
    if (err || !k) {
        free(finds);
        finds = NULL;
    }
    if (!err) {
        *out = finds;
        *out_n = k;
    }
    return err;
}
