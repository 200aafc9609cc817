/* Visit step 2, production counts: ordered, completed, packed, cartons, materials and
 * packaging on site, a note; each sent to fq_app_production_save when committed. Shows the
 * 40 % packaging warning the app reads with the counts. */
#include <stdio.h>
#include <string.h>

#include "screens/screens_internal.h"

typedef struct counts_ctx {
    fq_screens *s;
    char visit_uuid[FQ_UUID_LEN];
    fq_production p; /* what the fields edit */
} counts_ctx;

static void save_counts(fq_screens *s, void *ctx)
{
    counts_ctx *cc = ctx;
    fq_screens_saved(s, fq_app_production_save(s->app, cc->visit_uuid, &cc->p, NULL));
    /* the packaging warning follows the counts; a refused count shows what is stored */
    fq_screens_rebuild_later(s, true);
}

static void on_yesno(fq_widget *w, const fq_ui_event *ev, void *user)
{
    counts_ctx *cc = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    bool yes = ev->index == 0;
    if (fq_widget_tag(w) == 0)
        cc->p.materials_on_site = yes;
    else
        cc->p.packaging_on_site = yes;
    save_counts(cc->s, cc);
}

void fq_screens_build_counts(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv)
{
    counts_ctx *cc = fq_screens_alloc(s, sizeof *cc);
    cc->s = s;
    snprintf(cc->visit_uuid, sizeof cc->visit_uuid, "%s", vv->visit.meta.uuid);
    fq_app_production_view pv;
    if (fq_app_production_read(s->app, cc->visit_uuid, &pv) != FQ_OK) {
        fq_screens_error(s, "Cannot read the production counts");
        return;
    }
    cc->p = pv.production;
    if (pv.packaging.light != FQ_LIGHT_GREEN) {
        fq_widget *warn = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_CARD);
        fq_ui_light_new(warn, fq_screens_ui_light(pv.packaging.light));
        fq_widget *l = fq_label_new(warn, pv.packaging.reason);
        fq_label_set_wrap(l, 3);
        fq_label_set_role(l, FQ_TEXT_STRONG);
        fq_widget_set_grow(l, 1);
    }
    if (cc->p.ordered > 0) {
        char prog[160];
        snprintf(prog, sizeof prog, "%lld %% complete, %lld %% packed, %lld remaining",
                 (long long)(cc->p.completed * 100 / cc->p.ordered),
                 (long long)(cc->p.packed * 100 / cc->p.ordered),
                 (long long)(cc->p.ordered - cc->p.completed));
        fq_label_set_role(fq_label_new(body, prog), FQ_TEXT_MUTED);
    }
    fq_widget *f[5];
    f[0] = fq_screens_number_field(s, body, "Ordered", &cc->p.ordered, 0, save_counts, cc);
    f[1] = fq_screens_number_field(s, body, "Completed", &cc->p.completed, 0, save_counts, cc);
    f[2] = fq_screens_number_field(s, body, "Packed", &cc->p.packed, 0, save_counts, cc);
    f[3] = fq_screens_number_field(s, body, "Cartons", &cc->p.cartons, 0, save_counts, cc);
    static const char *const yn[2] = {"Yes", "No"};
    static const char *const what[2] = {"Materials on site", "Packaging on site"};
    for (int i = 0; i < 2; i++) {
        fq_widget *row = fq_screens_labelled_row(s, body, what[i]);
        fq_widget *c = fq_choice_new(row, yn, 2, FQ_CHOICE_SEGMENTED);
        fq_widget_set_grow(c, 1);
        bool v = i == 0 ? cc->p.materials_on_site : cc->p.packaging_on_site;
        fq_choice_set_selected(c, pv.recorded ? (v ? 0 : 1) : -1);
        fq_widget_set_tag(c, i);
        fq_widget_set_handler(c, on_yesno, cc);
        if (vv->read_only)
            fq_widget_set_disabled(c, true);
    }
    f[4] = fq_screens_text_field(s, body, "Note", cc->p.note, sizeof cc->p.note, "Note",
                                 save_counts, cc);
    for (int i = 0; vv->read_only && i < 5; i++)
        fq_widget_set_disabled(f[i], true);
}
