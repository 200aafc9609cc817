/* Visit step 1, the checklist: the visit type's checklist items by section, each with big
 * pass / fail / N/A buttons, a note and its photos. A finding record is written on the
 * first toggle or note of an item and updated on every change after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/screens_internal.h"

/* "n of m items checked" at the top, kept current as items are answered */
typedef struct progress {
    fq_widget *label;
    int done;
    size_t total;
} progress;

typedef struct item_ctx {
    fq_screens *s;
    fq_finding f;
    progress *pg;
} item_ctx;

static void show_progress(progress *pg)
{
    char prog[80];
    snprintf(prog, sizeof prog, "%d of %zu items checked", pg->done, pg->total);
    fq_label_set_text(pg->label, prog);
}

static bool save_item(fq_screens *s, item_ctx *ic)
{
    fq_err err = fq_app_save(s->app, FQ_ENT_FINDING, &ic->f);
    return scr_saved(s, err, FQ_ENT_FINDING, &ic->f.meta);
}

static void save_finding(fq_screens *s, void *ctx)
{
    save_item(s, ctx);
}

static int choice_of(int32_t result)
{
    return result == FQ_RESULT_PASS ? 0 : result == FQ_RESULT_FAIL ? 1
         : result == FQ_RESULT_NA   ? 2 : -1;
}

static void on_verdict(fq_widget *w, const fq_ui_event *ev, void *user)
{
    item_ctx *ic = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    static const int32_t map[3] = {FQ_RESULT_PASS, FQ_RESULT_FAIL, FQ_RESULT_NA};
    int32_t before = ic->f.result;
    ic->f.result = map[ev->index < 0 || ev->index > 2 ? 0 : ev->index];
    if (!save_item(ic->s, ic)) {
        ic->f.result = before; /* the buttons show what is stored, never an unsaved answer */
        fq_choice_set_selected(w, choice_of(before));
        return;
    }
    if (before == FQ_RESULT_UNSET) {
        ic->pg->done++;
        show_progress(ic->pg);
    }
}

static void on_photos(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    item_ctx *ic = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    if (!ic->f.meta.uuid[0]) { /* photos hang off the finding: create it first */
        fq_err err = fq_app_save(ic->s->app, FQ_ENT_FINDING, &ic->f);
        if (!scr_saved(ic->s, err, FQ_ENT_FINDING, &ic->f.meta))
            return;
    }
    scr_show_photos(ic->s, FQ_SUBJ_FINDING, ic->f.meta.uuid, ic->f.text);
}

static int count_photos(const fq_photo *ph, size_t n, const char *uuid)
{
    int c = 0;
    for (size_t i = 0; uuid[0] && i < n; i++)
        if (!strcmp(ph[i].subject_uuid, uuid))
            c++;
    return c;
}

void tab_checklist(fq_screens *s, fq_widget *body, visit_ctx *vc)
{
    char type[16];
    snprintf(type, sizeof type, "%d", (int)vc->visit.type);
    void *items_v = NULL, *finds_v = NULL, *photos_v = NULL;
    size_t n_items = 0, n_finds = 0, n_photos = 0;
    if (fq_app_list(s->app, FQ_ENT_CHECKLIST_ITEM, "visit_type", type, "position", &items_v,
                    &n_items) != FQ_OK ||
        fq_app_list(s->app, FQ_ENT_FINDING, "visit_uuid", vc->visit.meta.uuid, NULL, &finds_v,
                    &n_finds) != FQ_OK ||
        fq_app_list(s->app, FQ_ENT_PHOTO, "visit_uuid", vc->visit.meta.uuid, NULL, &photos_v,
                    &n_photos) != FQ_OK) {
        scr_error(s, "Cannot read the checklist");
        goto out;
    }
    const fq_checklist_item *items = items_v;
    const fq_finding *finds = finds_v;
    const fq_photo *photos = photos_v;
    if (n_items == 0)
        fq_label_new(body, "No checklist for this visit type.");
    bool wide = scr_landscape(s);
    const char *section = NULL;
    int done = 0;
    for (size_t i = 0; i < n_items; i++)
        for (size_t k = 0; k < n_finds; k++)
            if (!strcmp(finds[k].item_uuid, items[i].meta.uuid) && finds[k].result)
                done++;
    progress *pg = scr_alloc(s, sizeof *pg);
    pg->done = done;
    pg->total = n_items;
    pg->label = fq_label_new(body, "");
    fq_label_set_role(pg->label, FQ_TEXT_MUTED);
    show_progress(pg);
    for (size_t i = 0; i < n_items; i++) {
        const fq_checklist_item *it = &items[i];
        if (!section || strcmp(section, it->section) != 0) {
            section = it->section;
            scr_section_title(body, section);
        }
        item_ctx *ic = scr_alloc(s, sizeof *ic);
        ic->s = s;
        ic->pg = pg;
        for (size_t k = 0; k < n_finds; k++)
            if (!strcmp(finds[k].item_uuid, it->meta.uuid))
                ic->f = finds[k];
        if (!ic->f.meta.uuid[0]) {
            snprintf(ic->f.visit_uuid, sizeof ic->f.visit_uuid, "%s", vc->visit.meta.uuid);
            snprintf(ic->f.item_uuid, sizeof ic->f.item_uuid, "%s", it->meta.uuid);
            snprintf(ic->f.section, sizeof ic->f.section, "%s", it->section);
            snprintf(ic->f.text, sizeof ic->f.text, "%s", it->text);
        }
        fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
        fq_widget_set_tag(card, (int64_t)i);
        fq_widget *txt = fq_label_new(card, it->text);
        fq_label_set_wrap(txt, 3);
        fq_label_set_role(txt, FQ_TEXT_STRONG);
        fq_widget *row = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
        fq_widget *vch = fq_choice_new_verdict(row, "Pass", "Fail", "N/A");
        fq_widget_set_grow(vch, 3);
        fq_choice_set_selected(vch, choice_of(ic->f.result));
        fq_widget_set_handler(vch, on_verdict, ic);
        char pl[40];
        int np = count_photos(photos, n_photos, ic->f.meta.uuid);
        snprintf(pl, sizeof pl, np ? "Photos %d" : "Photo", np);
        fq_widget *pb = fq_button_new(row, pl, FQ_BUTTON_NORMAL);
        fq_widget_set_grow(pb, 1);
        fq_widget_set_handler(pb, on_photos, ic);
        fq_widget *nf = scr_note_field(s, wide ? row : card, NULL, ic->f.note, sizeof ic->f.note,
                                       "Note", save_finding, ic);
        if (wide)
            fq_widget_set_grow(nf, 3);
        if (vc->ro) {
            fq_widget_set_disabled(vch, true);
            fq_widget_set_disabled(nf, true);
        }
    }
out:
    free(items_v);
    free(finds_v);
    free(photos_v);
}
