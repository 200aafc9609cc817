/* Visit step 1, the checklist: the visit type's checklist items by section, each with big
 * pass / fail / N/A buttons, a note and its photos. Answers and notes go to fq_app as they
 * are made (fq_app_finding_set_result / _set_note); the app records the item's finding. A
 * Fail without the note or photo its checklist asks for says so on its card (the sign-off
 * waits for it). Findings of no checklist item (a carton's wrong barcode) follow the list. */
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
    char visit_uuid[FQ_UUID_LEN];
    char item_uuid[FQ_UUID_LEN];
    char text[FQ_TEXT_LEN];
    fq_finding f;      /* as stored (meta.uuid empty until recorded); note edited in place */
    progress *pg;
    fq_widget *need;   /* "a Fail needs a note or a photo" under the card */
    int32_t fail_evidence;
    int32_t n_photos;
} item_ctx;

static void show_need(item_ctx *ic)
{
    fq_widget_set_hidden(ic->need, !fq_finding_lacks_evidence(&ic->f, ic->fail_evidence,
                                                              ic->n_photos));
}

static void show_progress(progress *pg)
{
    char prog[80];
    snprintf(prog, sizeof prog, _("%d of %zu items checked"), pg->done, pg->total);
    fq_label_set_text(pg->label, prog);
}

static void save_note(fq_screens *s, void *ctx)
{
    item_ctx *ic = ctx;
    fq_finding stored;
    fq_err err = fq_app_finding_set_note(s->app, ic->visit_uuid, ic->item_uuid, ic->f.note,
                                         &stored);
    if (fq_screens_saved(s, err))
        ic->f = stored;
    show_need(ic);
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
    static const fq_result map[3] = {FQ_RESULT_PASS, FQ_RESULT_FAIL, FQ_RESULT_NA};
    int32_t before = ic->f.result;
    fq_finding stored;
    fq_err err = fq_app_finding_set_result(ic->s->app, ic->visit_uuid, ic->item_uuid,
                                           map[ev->index < 0 || ev->index > 2 ? 0 : ev->index],
                                           &stored);
    if (!fq_screens_saved(ic->s, err)) {
        /* the buttons show what is stored, never an unsaved answer */
        fq_choice_set_selected(w, choice_of(before));
        return;
    }
    /* keep the note being typed: it is saved by its own field */
    char note[FQ_NOTE_LEN];
    snprintf(note, sizeof note, "%s", ic->f.note);
    ic->f = stored;
    snprintf(ic->f.note, sizeof ic->f.note, "%s", note);
    if (before == FQ_RESULT_UNSET) {
        ic->pg->done++;
        show_progress(ic->pg);
    }
    show_need(ic);
}

static void on_rest_na(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    int32_t n = 0;
    if (fq_screens_saved(s, fq_app_checklist_rest_na(s->app, s->visit_uuid, &n)))
        fq_screens_rebuild_later(s, true);
}

/* Findings that belong to no checklist item (a carton's wrong barcode): evidence too. */
static void other_findings(fq_screens *s, fq_widget *body, const char *visit_uuid)
{
    fq_finding *f = NULL;
    size_t n = 0;
    if (fq_app_other_findings_read(s->app, visit_uuid, &f, &n) != FQ_OK || n == 0) {
        free(f);
        return;
    }
    fq_screens_section_title(body, _("Other findings"));
    const fq_ui_theme *th = fq_ui_theme_current(s->ui);
    for (size_t i = 0; i < n; i++) {
        fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
        char line[FQ_TEXT_LEN + 40], title[FQ_TEXT_LEN];
        fq_app_finding_title(&f[i], title, sizeof title);
        snprintf(line, sizeof line, "%s: %s", title,
                 f[i].result == FQ_RESULT_FAIL ? _("FAIL") : f[i].result == FQ_RESULT_PASS ? _("pass")
                                                                                       : _("n/a"));
        fq_widget *t = fq_label_new(card, line);
        fq_label_set_role(t, FQ_TEXT_STRONG);
        if (f[i].result == FQ_RESULT_FAIL)
            fq_label_set_color(t, th->fail);
        fq_label_set_wrap(fq_label_new(card, f[i].note), 3);
    }
    free(f);
}

static void on_photos(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    item_ctx *ic = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    /* photos prove the item's finding: the app makes sure it is recorded */
    fq_finding f;
    fq_err err = fq_app_finding_ensure(ic->s->app, ic->visit_uuid, ic->item_uuid, &f);
    if (err) {
        fq_screens_saved(ic->s, err);
        return;
    }
    fq_screens_show_photos(ic->s, FQ_SUBJ_FINDING, f.meta.uuid, ic->text);
}

void fq_screens_build_checklist(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv)
{
    fq_app_checklist_row *rows = NULL;
    size_t n = 0;
    if (fq_app_checklist_read(s->app, vv->visit.meta.uuid, &rows, &n) != FQ_OK) {
        fq_screens_error(s, _("Cannot read the checklist"));
        return;
    }
    if (n == 0)
        fq_label_new(body, _("No checklist for this visit type."));
    bool wide = fq_screens_landscape(s);
    const char *section = NULL;
    progress *pg = fq_screens_alloc(s, sizeof *pg);
    for (size_t i = 0; i < n; i++)
        pg->done += rows[i].finding.result != FQ_RESULT_UNSET;
    pg->total = n;
    fq_widget *top = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    pg->label = fq_label_new(top, "");
    fq_label_set_role(pg->label, FQ_TEXT_MUTED);
    fq_widget_set_grow(pg->label, 1);
    show_progress(pg);
    if (!vv->read_only && pg->done < (int)n) {
        fq_widget *na = fq_button_new(top, _("Mark the rest N/A"), FQ_BUTTON_NORMAL);
        fq_widget_set_handler(na, on_rest_na, s);
    }
    for (size_t i = 0; i < n; i++) {
        const fq_checklist_item *it = &rows[i].item;
        if (!section || strcmp(section, it->section) != 0) {
            section = it->section;
            fq_screens_section_title(body, _(section)); /* template text: catalog */
        }
        item_ctx *ic = fq_screens_alloc(s, sizeof *ic);
        ic->s = s;
        ic->pg = pg;
        ic->f = rows[i].finding;
        ic->fail_evidence = it->fail_evidence;
        ic->n_photos = rows[i].n_photos;
        snprintf(ic->visit_uuid, sizeof ic->visit_uuid, "%s", vv->visit.meta.uuid);
        snprintf(ic->item_uuid, sizeof ic->item_uuid, "%s", it->meta.uuid);
        snprintf(ic->text, sizeof ic->text, "%s", _(it->text));
        fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
        fq_widget_set_tag(card, (int64_t)i);
        fq_widget *txt = fq_label_new(card, ic->text);
        fq_label_set_wrap(txt, 3);
        fq_label_set_role(txt, FQ_TEXT_STRONG);
        fq_widget *row = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
        fq_widget *vch = fq_choice_new_verdict(row, _("Pass"), _("Fail"), _("N/A"));
        fq_widget_set_grow(vch, 3);
        fq_choice_set_selected(vch, choice_of(ic->f.result));
        fq_widget_set_handler(vch, on_verdict, ic);
        char pl[40];
        int np = rows[i].n_photos;
        snprintf(pl, sizeof pl, np ? _("Photos %d") : _("Photo"), np);
        fq_widget *pb = fq_button_new(row, pl, FQ_BUTTON_NORMAL);
        fq_widget_set_grow(pb, 1);
        fq_widget_set_handler(pb, on_photos, ic);
        char key[FQ_SCREENS_KEY_LEN];
        snprintf(key, sizeof key, "item.%s.note", it->meta.uuid);
        fq_widget *nf = fq_screens_note_field(s, wide ? row : card, key, NULL, ic->f.note,
                                              sizeof ic->f.note, _("Note"), save_note, ic);
        if (wide)
            fq_widget_set_grow(nf, 3);
        ic->need = fq_label_new(card, _("A Fail needs a note or a photo as evidence"));
        fq_label_set_role(ic->need, FQ_TEXT_STRONG);
        fq_label_set_color(ic->need, fq_ui_theme_current(s->ui)->fail);
        show_need(ic);
        if (vv->read_only) {
            fq_widget_set_disabled(vch, true);
            fq_widget_set_disabled(nf, true);
        }
    }
    free(rows);
    other_findings(s, body, vv->visit.meta.uuid);
}
