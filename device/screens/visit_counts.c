/* Visit step 2, production counts: ordered, completed, packed, cartons, materials and
 * packaging on site (yes / no / not answered), a note; each sent to fq_app_production_save
 * when committed. A count the rules refuse (packed above completed) is said under its field;
 * a count above the order is stored only once the inspector confirms it and says why (a
 * dialog asks). Shows the progress line (honest past the order) and the 40 % packaging
 * warning the app reads with the counts. */
#include <stdio.h>
#include <string.h>

#include "screens/screens_internal.h"

typedef struct counts_ctx {
    fq_screens *s;
    char visit_uuid[FQ_UUID_LEN];
    fq_production p;       /* what the fields edit */
    char over_reason[FQ_TEXT_LEN];
    fq_widget *over_msg;
} counts_ctx;

static const char *key_of(fq_count_field f)
{
    switch (f) {
    case FQ_COUNT_ORDERED: return "counts.ordered";
    case FQ_COUNT_COMPLETED: return "counts.completed";
    case FQ_COUNT_PACKED: return "counts.packed";
    case FQ_COUNT_CARTONS: return "counts.cartons";
    case FQ_COUNT_NONE: break;
    }
    return "counts.note";
}

static void on_over_button(fq_widget *w, const fq_ui_event *ev, void *user)
{
    counts_ctx *cc = user;
    fq_screens *s = cc->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(s->ui, NULL);
    if (fq_widget_tag(w) == 0) { /* correct it: the stored counts are shown again */
        fq_modal_close(w);
        fq_screens_rebuild_later(s, true);
        return;
    }
    /* the reason goes in front of the count's note: the report carries it */
    fq_production p = cc->p;
    char note[FQ_NOTE_LEN];
    const char *reason = cc->over_reason + strspn(cc->over_reason, " ");
    snprintf(note, sizeof note, "%s%s%s%s", reason[0] ? _("Over the order: ") : "", reason,
             reason[0] && cc->p.note[0] ? ". " : "", cc->p.note);
    snprintf(p.note, sizeof p.note, "%s", note);
    fq_count_check check;
    fq_err err = fq_app_production_save(s->app, cc->visit_uuid, &p, true, NULL, &check);
    if (err) {
        fq_label_set_text(cc->over_msg, fq_app_errmsg(s->app));
        fq_widget_set_hidden(cc->over_msg, false);
        return;
    }
    fq_screens_saved(s, err);
    fq_modal_close(w);
    fq_screens_rebuild_later(s, true);
}

/* More than ordered: confirmed only with a reason. */
static void ask_over(counts_ctx *cc, const fq_count_check *check)
{
    fq_screens *s = cc->s;
    fq_ui_focus(s->ui, NULL);
    cc->over_reason[0] = '\0';
    fq_widget *panel = fq_modal_new(s->ui);
    fq_label_set_role(fq_label_new(panel, _("More than ordered")), FQ_TEXT_TITLE);
    fq_label_set_wrap(fq_label_new(panel, check->message), 3);
    fq_widget *f = fq_ui_field_new(panel, cc->over_reason, sizeof cc->over_reason,
                                   FQ_UI_FIELD_TEXT);
    fq_ui_field_set_placeholder(f, _("Why: spares, overproduction, wrong order quantity"));
    fq_widget_set_handler(f, fq_screens_on_submit_unfocus, NULL);
    cc->over_msg = fq_label_new(panel, "");
    fq_label_set_wrap(cc->over_msg, 3);
    fq_label_set_color(cc->over_msg, fq_ui_theme_current(s->ui)->fail);
    fq_widget_set_hidden(cc->over_msg, true);
    fq_widget *btns = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *c = fq_button_new(btns, _("Correct the count"), FQ_BUTTON_NORMAL);
    fq_widget_set_grow(c, 1);
    fq_widget_set_tag(c, 0);
    fq_widget_set_handler(c, on_over_button, cc);
    fq_widget *ok = fq_button_new(btns, _("Confirm"), FQ_BUTTON_PRIMARY);
    fq_widget_set_grow(ok, 1);
    fq_widget_set_tag(ok, 1);
    fq_widget_set_handler(ok, on_over_button, cc);
}

static void save_counts(fq_screens *s, void *ctx)
{
    counts_ctx *cc = ctx;
    fq_count_check check;
    fq_err err = fq_app_production_save(s->app, cc->visit_uuid, &cc->p, false, NULL, &check);
    if (err == FQ_ERR_INVALID && check.needs_confirmation) {
        ask_over(cc, &check);
        return;
    }
    if (err == FQ_ERR_INVALID && !check.ok)
        fq_screens_field_error(s, key_of(check.field), check.message);
    else
        fq_screens_saved(s, err);
    /* the packaging warning follows the counts; a refused count shows what is stored */
    fq_screens_rebuild_later(s, true);
}

static void on_answer(fq_widget *w, const fq_ui_event *ev, void *user)
{
    counts_ctx *cc = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    int32_t a = ev->index == 0 ? FQ_ANSWER_YES : FQ_ANSWER_NO;
    if (fq_widget_tag(w) == 0)
        cc->p.materials_on_site = a;
    else
        cc->p.packaging_on_site = a;
    save_counts(cc->s, cc);
}

void fq_screens_build_counts(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv)
{
    counts_ctx *cc = fq_screens_alloc(s, sizeof *cc);
    cc->s = s;
    snprintf(cc->visit_uuid, sizeof cc->visit_uuid, "%s", vv->visit.meta.uuid);
    fq_app_production_view pv;
    if (fq_app_production_read(s->app, cc->visit_uuid, &pv) != FQ_OK) {
        fq_screens_error(s, _("Cannot read the production counts"));
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
    if (pv.progress[0]) {
        fq_widget *l = fq_label_new(body, pv.progress);
        fq_label_set_role(l, FQ_TEXT_MUTED);
        fq_label_set_wrap(l, 2);
    }
    fq_widget *f[5];
    f[0] = fq_screens_number_field(s, body, "counts.ordered", _("Ordered"), &cc->p.ordered, 0,
                                   save_counts, cc);
    f[1] = fq_screens_number_field(s, body, "counts.completed", _("Completed"), &cc->p.completed, 0,
                                   save_counts, cc);
    f[2] = fq_screens_number_field(s, body, "counts.packed", _("Packed"), &cc->p.packed, 0,
                                   save_counts, cc);
    f[3] = fq_screens_number_field(s, body, "counts.cartons", _("Cartons"), &cc->p.cartons, 0,
                                   save_counts, cc);
    /* not answered is neither yes nor no: no segment chosen, and said */
    static const char *const yn[2] = {N_("Yes"), N_("No")};
    static const char *const what[2] = {N_("Materials on site"), N_("Packaging on site")};
    for (int i = 0; i < 2; i++) {
        fq_widget *row = fq_screens_labelled_row(s, body, what[i]);
        fq_widget *c = fq_choice_new(row, fq_screens_tr_list(s, yn, 2), 2, FQ_CHOICE_SEGMENTED);
        fq_widget_set_grow(c, 1);
        int32_t a = i == 0 ? cc->p.materials_on_site : cc->p.packaging_on_site;
        fq_choice_set_selected(c, a == FQ_ANSWER_YES ? 0 : a == FQ_ANSWER_NO ? 1 : -1);
        fq_widget_set_tag(c, i);
        fq_widget_set_handler(c, on_answer, cc);
        if (vv->read_only)
            fq_widget_set_disabled(c, true);
        if (a == FQ_ANSWER_UNSET)
            fq_label_set_role(fq_label_new(row, _("not answered")), FQ_TEXT_MUTED);
    }
    f[4] = fq_screens_text_field(s, body, "counts.note", _("Note"), cc->p.note, sizeof cc->p.note,
                                 _("Note"), save_counts, cc);
    for (int i = 0; vv->read_only && i < 5; i++)
        fq_widget_set_disabled(f[i], true);
}
