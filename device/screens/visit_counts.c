/* Visit step 2, production counts: ordered, completed, packed, cartons, materials and
 * packaging on site, a note; each saved when committed. Shows the 40 % packaging warning
 * (core/lights.h fq_light_packaging) when packaging is not on site late in production. */
#include <stdio.h>
#include <string.h>

#include "screens/screens_internal.h"

typedef struct counts_ctx {
    fq_screens *s;
    fq_production p;
} counts_ctx;

static void save_counts(fq_screens *s, void *ctx)
{
    counts_ctx *cc = ctx;
    fq_err err = fq_app_save(s->app, FQ_ENT_PRODUCTION, &cc->p);
    if (scr_saved(s, err, FQ_ENT_PRODUCTION, &cc->p.meta))
        scr_rebuild_later(s, true); /* the packaging warning depends on the counts */
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

void tab_counts(fq_screens *s, fq_widget *body, visit_ctx *vc)
{
    counts_ctx *cc = scr_alloc(s, sizeof *cc);
    cc->s = s;
    if (fq_app_visit_record(s->app, FQ_ENT_PRODUCTION, vc->visit.meta.uuid, &cc->p) != FQ_OK) {
        memset(&cc->p, 0, sizeof cc->p);
        snprintf(cc->p.visit_uuid, sizeof cc->p.visit_uuid, "%s", vc->visit.meta.uuid);
        cc->p.ordered = vc->order.quantity;
    }
    fq_light_result pk = fq_light_packaging(&cc->p);
    if (pk.light != FQ_LIGHT_GREEN) {
        fq_widget *warn = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_CARD);
        fq_ui_light_new(warn, (fq_ui_light_state)scr_ui_light(pk.light));
        fq_widget *l = fq_label_new(warn, pk.reason);
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
    f[0] = scr_number_field(s, body, "Ordered", &cc->p.ordered, 0, save_counts, cc);
    f[1] = scr_number_field(s, body, "Completed", &cc->p.completed, 0, save_counts, cc);
    f[2] = scr_number_field(s, body, "Packed", &cc->p.packed, 0, save_counts, cc);
    f[3] = scr_number_field(s, body, "Cartons", &cc->p.cartons, 0, save_counts, cc);
    static const char *const yn[2] = {"Yes", "No"};
    static const char *const what[2] = {"Materials on site", "Packaging on site"};
    for (int i = 0; i < 2; i++) {
        fq_widget *row = scr_labelled_row(s, body, what[i]);
        fq_widget *c = fq_choice_new(row, yn, 2, FQ_CHOICE_SEGMENTED);
        fq_widget_set_grow(c, 1);
        bool v = i == 0 ? cc->p.materials_on_site : cc->p.packaging_on_site;
        fq_choice_set_selected(c, cc->p.meta.uuid[0] ? (v ? 0 : 1) : -1);
        fq_widget_set_tag(c, i);
        fq_widget_set_handler(c, on_yesno, cc);
        if (vc->ro)
            fq_widget_set_disabled(c, true);
    }
    f[4] = scr_text_field(s, body, "Note", cc->p.note, sizeof cc->p.note, "Note", save_counts, cc);
    for (int i = 0; vc->ro && i < 5; i++)
        fq_widget_set_disabled(f[i], true);
}
