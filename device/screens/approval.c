/* Record a written approval or a spec change on site (issue 12): what (required), who and in
 * which role, the milestone it approves (or the order as a whole), a note, and the approver's
 * signature in the pad; then fq_app_approval_add. Photos of the document are added to the
 * record on the Order screen afterwards. What is typed lives in s->approving until saved or
 * left, so a rebuild loses nothing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "screens/screens_internal.h"

static const int32_t ROLES[4] = {FQ_ROLE_BUYER, FQ_ROLE_FACTORY_REP, FQ_ROLE_COORDINATOR,
                                 FQ_ROLE_INSPECTOR};
static const char *const ROLE_LABELS[4] = {N_("Buyer"), N_("Factory"), N_("Coordinator"), N_("Inspector")};

static void keep(fq_screens *s, void *ctx)
{
    (void)s;
    (void)ctx; /* written when the record is saved */
}

static void on_role(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type == FQ_UI_EV_CHANGE && ev->index >= 0 && ev->index < 4)
        s->approving.role = ROLES[ev->index];
}

typedef struct ms_ctx {
    fq_screens *s;
    char uuid[FQ_UUID_LEN];
} ms_ctx;

static void on_milestone(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    ms_ctx *mc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    snprintf(mc->s->approving.milestone_uuid, sizeof mc->s->approving.milestone_uuid, "%s",
             mc->uuid);
    fq_screens_rebuild_later(mc->s, true);
}

static void signed_it(fq_screens *s, void *ctx, unsigned char *gray, int32_t w, int32_t h)
{
    (void)ctx;
    free(s->approving.gray);
    s->approving.gray = gray;
    s->approving.width = w;
    s->approving.height = h;
    fq_screens_rebuild_later(s, true);
}

static void on_sign(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    char intro[FQ_NAME_LEN + FQ_TEXT_LEN + 20];
    snprintf(intro, sizeof intro, "%s: %s", s->approving.approver, s->approving.subject);
    fq_screens_pad_open(s, _("Approver: sign below"), intro, signed_it, NULL);
}

static void on_save(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(s->ui, NULL);
    fq_screens_approving *ap = &s->approving;
    fq_app_approval_input in;
    memset(&in, 0, sizeof in);
    in.kind = (fq_approval_kind)ap->kind;
    in.milestone_uuid = ap->milestone_uuid;
    in.visit_uuid = s->visit_uuid;
    in.subject = ap->subject;
    in.approver_name = ap->approver;
    in.role = ap->role;
    in.note = ap->note;
    in.signature = (fq_app_signature){ap->approver, ap->role, ap->gray, ap->width, ap->height};
    if (fq_app_approval_add(s->app, s->order_uuid, &in, NULL) != FQ_OK) {
        fq_screens_error(s, _("Not recorded"));
        return;
    }
    fq_ui_toast(s->ui, ap->kind == FQ_APPROVAL_SPEC_CHANGE ? _("Spec change recorded")
                                                           : _("Approval recorded"),
                FQ_TOAST_OK, 2500);
    fq_screens_approving_clear(ap);
    fq_screens_go(s, FQ_SCREENS_ORDER);
}

void fq_screens_build_approval(fq_screens *s)
{
    fq_screens_approving *ap = &s->approving;
    fq_app_order_view ov;
    if (fq_app_order_read(s->app, s->order_uuid, &ov) != FQ_OK) {
        fq_screens_header(s, _("Approval"), _("order not found"), true);
        fq_screens_error(s, _("Cannot read the order"));
        return;
    }
    bool spec = ap->kind == FQ_APPROVAL_SPEC_CHANGE;
    char sub[300];
    snprintf(sub, sizeof sub, "%s - %s", ov.order.po_number, ov.order.product);
    fq_screens_header(s, spec ? _("Record a spec change") : _("Record a written approval"), sub, true);
    fq_widget *body = fq_screens_main_scroll(s, fq_ui_root(s->ui));
    fq_screens_text_field(s, body, "approval.subject", spec ? _("What changed") : _("What is approved"),
                          ap->subject, sizeof ap->subject,
                          spec ? _("Old and new spec, e.g. foil colour gold to silver")
                               : _("e.g. Sample rev C for mass production"),
                          keep, NULL);
    fq_screens_text_field(s, body, "approval.approver", _("Approved by"), ap->approver,
                          sizeof ap->approver, _("Name"), keep, NULL);
    fq_widget *row = fq_screens_labelled_row(s, body, _("Role"));
    fq_widget *rc = fq_choice_new(row, fq_screens_tr_list(s, ROLE_LABELS, 4), 4, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(rc, 1);
    int sel = -1;
    for (int i = 0; i < 4; i++)
        if (ROLES[i] == ap->role)
            sel = i;
    fq_choice_set_selected(rc, sel);
    fq_widget_set_handler(rc, on_role, s);
    fq_screens_text_field(s, body, "approval.note", _("Note"), ap->note, sizeof ap->note,
                          _("Conditions, document reference"), keep, NULL);

    fq_screens_section_title(body, _("For milestone"));
    fq_widget *list = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    for (size_t i = 0; i <= ov.n_milestones; i++) {
        ms_ctx *mc = fq_screens_alloc(s, sizeof *mc);
        mc->s = s;
        const char *title = _("The order as a whole");
        if (i < ov.n_milestones) {
            const fq_milestone *m = &ov.milestones[i].milestone;
            snprintf(mc->uuid, sizeof mc->uuid, "%s", m->meta.uuid);
            title = m->title[0] ? m->title : _(fq_milestone_kind_name(m->kind));
        }
        bool chosen = !strcmp(mc->uuid, ap->milestone_uuid);
        fq_widget *b = fq_button_new(list, title, chosen ? FQ_BUTTON_PRIMARY : FQ_BUTTON_NORMAL);
        fq_button_set_checked(b, chosen);
        fq_widget_set_handler(b, on_milestone, mc);
    }
    fq_app_order_view_free(&ov);

    fq_widget *card = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_CARD);
    fq_widget *st = fq_label_new(card, ap->gray ? _("Signed by the approver") : _("Not signed yet"));
    fq_label_set_role(st, FQ_TEXT_STRONG);
    fq_label_set_color(st, ap->gray ? fq_ui_theme_current(s->ui)->pass
                                    : fq_ui_theme_current(s->ui)->fail);
    fq_widget_set_grow(st, 1);
    fq_widget_set_handler(fq_button_new(card, _("Approver signs"), FQ_BUTTON_NORMAL), on_sign, s);
    fq_widget *save = fq_button_new(body, spec ? _("Record spec change") : _("Record approval"),
                                    FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(save, on_save, s);
}
