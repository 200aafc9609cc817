/* Visit step 7, sign-off (issue 12): what the checklist and the rules still ask for, the
 * verdict (suggested by the app from the AQL lot result), the override reason when "pass"
 * leaves items unanswered, the inspector's and the factory representative's names and
 * signatures (each drawn in the pad, a modal), the representative's one-screen summary before
 * signing or their refusal with its reason, then fq_app_visit_sign_off, which applies the
 * rules again. Below: the sign-offs in force, then those a reopen superseded, marked, with
 * the reopen reason. What is collected lives in s->signing until signed or another visit
 * is opened, so a rebuild loses no signature. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/names.h"
#include "screens/screens_internal.h"

static const fq_verdict VERDICTS[4] = {FQ_VERDICT_PASS, FQ_VERDICT_FAIL, FQ_VERDICT_PENDING,
                                       FQ_VERDICT_WAIVED};
static const char *const VERDICT_LABELS[4] = {N_("Pass"), N_("Fail"), N_("Pending"), N_("Waived")};

typedef struct sign_ctx {
    fq_screens *s;
    fq_app_signoff_view *view; /* the read model, for the summary (freed at rebuild) */
} sign_ctx;

static fq_app_signoff_request request_of(fq_screens *s)
{
    fq_screens_signing *sg = &s->signing;
    fq_app_signoff_request req;
    memset(&req, 0, sizeof req);
    req.verdict = sg->verdict_index >= 0 ? VERDICTS[sg->verdict_index] : (fq_verdict)-1;
    req.inspector = (fq_app_signature){sg->names[0], FQ_ROLE_INSPECTOR, sg->gray[0],
                                       sg->width[0], sg->height[0]};
    req.rep = (fq_app_signature){sg->names[1], FQ_ROLE_FACTORY_REP, sg->gray[1], sg->width[1],
                                 sg->height[1]};
    req.rep_refused = sg->refused;
    req.refusal_reason = sg->refusal_reason;
    req.override_reason = sg->override_reason;
    return req;
}

static void on_verdict(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    s->signing.verdict_index = ev->index;
    fq_screens_rebuild_later(s, true); /* the rules follow the verdict */
}

static void noop_commit(fq_screens *s, void *ctx)
{
    (void)ctx; /* names and reasons are part of the sign-off, written when signing; the
                * rules shown follow them */
    fq_screens_rebuild_later(s, true);
}

static void signed_by(fq_screens *s, void *ctx, unsigned char *gray, int32_t w, int32_t h)
{
    int who = (int)(intptr_t)ctx;
    fq_screens_signing *sg = &s->signing;
    free(sg->gray[who]);
    sg->gray[who] = gray;
    sg->width[who] = w;
    sg->height[who] = h;
    if (who == 1)
        sg->refused = false;
    fq_screens_rebuild_later(s, true);
}

static void on_sign_inspector(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    char title[FQ_NAME_LEN + 40];
    snprintf(title, sizeof title, _("Inspector: sign below"));
    fq_screens_pad_open(s, title, s->signing.names[0], signed_by, (void *)(intptr_t)0);
}

/* The verdict line of the summary, e.g. "Verdict: fail - lot REJECTED (200 sampled)". */
static void verdict_line(const fq_screens *s, const fq_app_signoff_view *v, char *buf, size_t len)
{
    const char *verdict = s->signing.verdict_index >= 0 ? _(VERDICT_LABELS[s->signing.verdict_index])
                                                        : _("not chosen");
    char lot[120] = "";
    if (v->aql_ok && v->aql.lot_result == FQ_AQL_LOT_REJECTED)
        snprintf(lot, sizeof lot, _(" - AQL: lot REJECTED (%lld sampled)"), (long long)v->aql.sampled);
    else if (v->aql_ok && v->aql.lot_result == FQ_AQL_LOT_ACCEPTED)
        snprintf(lot, sizeof lot, _(" - AQL: lot accepted (%lld sampled)"), (long long)v->aql.sampled);
    else if (v->aql_ok)
        snprintf(lot, sizeof lot, _(" - AQL: %lld of %lld sampled, no lot result"),
                 (long long)v->aql.sampled, (long long)v->aql.result.largest_sample);
    snprintf(buf, len, _("Verdict: %s%s"), verdict, lot);
}

static void on_summary_button(fq_widget *w, const fq_ui_event *ev, void *user)
{
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    bool sign = fq_widget_tag(w) == 1;
    fq_modal_close(w);
    if (!sign)
        return;
    char title[FQ_NAME_LEN + 60];
    snprintf(title, sizeof title, _("Factory representative: sign below"));
    char intro[FQ_NAME_LEN + 60];
    snprintf(intro, sizeof intro, _("%s, for the factory"), s->signing.names[1]);
    fq_screens_pad_open(s, title, intro, signed_by, (void *)(intptr_t)1);
}

/* The one-screen summary the representative reads before signing: verdict, AQL, answers,
 * key findings, defects, open issues, counts. */
static void on_summary(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    sign_ctx *sc = user;
    fq_screens *s = sc->s;
    const fq_app_signoff_view *v = sc->view;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(s->ui, NULL);
    if (s->signing.verdict_index < 0) {
        fq_ui_toast(s->ui, _("Choose the verdict first: the representative signs what it says"),
                    FQ_TOAST_ERROR, 3000);
        return;
    }
    fq_widget *panel = fq_modal_new(s->ui);
    fq_widget *title = fq_label_new(panel, _("Summary for the factory representative"));
    fq_label_set_role(title, FQ_TEXT_TITLE);
    fq_label_set_wrap(title, 2); /* a portrait screen is too narrow for it on one line */
    char line[700];
    verdict_line(s, v, line, sizeof line);
    fq_widget *l = fq_label_new(panel, line);
    fq_label_set_role(l, FQ_TEXT_STRONG);
    fq_label_set_wrap(l, 2);
    snprintf(line, sizeof line,
             _("Checklist: %d of %d answered (%d pass, %d fail, %d N/A). Defects: %lld critical, "
             "%lld major, %lld minor. Open issues: %d.%s%s"),
             (int)v->n_answered, (int)v->n_items, (int)v->n_passed, (int)v->n_failed,
             (int)v->n_na, (long long)v->defects[FQ_SEV_CRITICAL],
             (long long)v->defects[FQ_SEV_MAJOR], (long long)v->defects[FQ_SEV_MINOR],
             (int)v->n_open_issues, v->counts_recorded ? _(" Production: ") : "",
             v->counts_recorded ? v->progress : "");
    fq_label_set_wrap(fq_label_new(panel, line), 4);
    if (v->n_key_findings == 0)
        fq_label_set_role(fq_label_new(panel, _("No failed items.")), FQ_TEXT_MUTED);
    for (int i = 0; i < v->n_key_findings; i++) {
        fq_widget *k = fq_label_new(panel, v->key_findings[i]);
        fq_label_set_wrap(k, 2);
        fq_label_set_role(k, FQ_TEXT_SMALL);
    }
    fq_widget *btns = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *back = fq_button_new(btns, _("Back"), FQ_BUTTON_NORMAL);
    fq_widget_set_grow(back, 1);
    fq_widget_set_tag(back, 0);
    fq_widget_set_handler(back, on_summary_button, s);
    fq_widget *sign = fq_button_new(btns, _("Agree and sign"), FQ_BUTTON_PRIMARY);
    fq_widget_set_grow(sign, 1);
    fq_widget_set_tag(sign, 1);
    fq_widget_set_handler(sign, on_summary_button, s);
}

static void on_refusal_button(fq_widget *w, const fq_ui_event *ev, void *user)
{
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(s->ui, NULL);
    if (fq_widget_tag(w) == 1) {
        fq_screens_signing *sg = &s->signing;
        sg->refused = true;
        free(sg->gray[1]);
        sg->gray[1] = NULL;
    } else if (fq_widget_tag(w) == 2) {
        s->signing.refused = false;
        s->signing.refusal_reason[0] = '\0';
    }
    fq_modal_close(w);
    fq_screens_rebuild_later(s, true);
}

static void on_refuse(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(s->ui, NULL);
    fq_widget *panel = fq_modal_new(s->ui);
    fq_label_set_role(fq_label_new(panel, _("The representative refuses to sign")), FQ_TEXT_TITLE);
    fq_label_set_wrap(fq_label_new(panel, _("Record why, in their words or what you saw. The "
                                          "refusal is part of the sign-off.")), 2);
    fq_widget *f = fq_ui_field_new(panel, s->signing.refusal_reason,
                                   sizeof s->signing.refusal_reason, FQ_UI_FIELD_TEXT);
    fq_ui_field_set_placeholder(f, _("Reason for refusing"));
    fq_widget_set_handler(f, fq_screens_on_submit_unfocus, NULL);
    fq_widget *btns = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    static const char *const labels[3] = {N_("Cancel"), N_("Record refusal"), N_("Withdraw refusal")};
    for (int i = 0; i < (s->signing.refused ? 3 : 2); i++) {
        fq_widget *b = fq_button_new(btns, _(labels[i]), i == 1 ? FQ_BUTTON_PRIMARY : FQ_BUTTON_NORMAL);
        fq_widget_set_grow(b, 1);
        fq_widget_set_tag(b, i);
        fq_widget_set_handler(b, on_refusal_button, s);
    }
}

static void on_rest_na(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    int32_t n = 0;
    if (fq_screens_saved(s, fq_app_checklist_rest_na(s->app, s->visit_uuid, &n))) {
        char msg[80];
        snprintf(msg, sizeof msg, _("%d unanswered items marked N/A"), (int)n);
        fq_ui_toast(s->ui, msg, FQ_TOAST_OK, 2500);
        fq_screens_rebuild_later(s, true);
    }
}

static void on_sign(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(s->ui, NULL);
    fq_app_signoff_request req = request_of(s);
    fq_err err = fq_app_visit_sign_off(s->app, s->visit_uuid, &req);
    if (err) {
        /* the message starts "not signed off: " and lists every reason */
        char msg[700];
        snprintf(msg, sizeof msg, "%s", fq_app_errmsg(s->app));
        if (msg[0] >= 'a' && msg[0] <= 'z')
            msg[0] = (char)(msg[0] - 'a' + 'A');
        fq_ui_toast(s->ui, msg, FQ_TOAST_ERROR, 5000);
        fq_screens_rebuild_later(s, true);
        return;
    }
    fq_screens_signing_clear(&s->signing);
    fq_app_backup_status bs;
    if (fq_app_backup_status_get(s->app, &bs) == FQ_OK && bs.problem[0]) {
        char msg[700];
        snprintf(msg, sizeof msg, _("Signed off and saved; the backup failed: %s"), bs.problem);
        fq_ui_toast(s->ui, msg, FQ_TOAST_ERROR, 0);
    } else {
        fq_ui_toast(s->ui, _("Signed off, saved and backed up"), FQ_TOAST_OK, 2500);
    }
    fq_screens_rebuild_later(s, false);
}

static void list_signoffs(fq_screens *s, fq_widget *body, const fq_app_signoff_view *v)
{
    for (size_t i = 0; i < v->n_signoffs; i++) {
        const fq_signoff *so = &v->signoffs[i].signoff;
        const fq_photo *ph = &v->signoffs[i].signature;
        if (i == v->n_in_force)
            fq_screens_section_title(body, _("Superseded sign-offs"));
        fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
        char line[FQ_TEXT_LEN + 400], d[FQ_I18N_WHEN_LEN];
        const char *who = so->signer_name[0] ? so->signer_name : _("(no name)");
        if (so->refused && !so->signer_name[0]) /* a refusal may come without a name */
            snprintf(line, sizeof line, _("The %s REFUSED to sign (%s): %s"),
                     _(fq_role_name(so->role)), _(fq_verdict_name(so->verdict)), so->reason);
        else if (so->refused)
            snprintf(line, sizeof line, _("%s (%s) REFUSED to sign (%s): %s"), who,
                     _(fq_role_name(so->role)), _(fq_verdict_name(so->verdict)), so->reason);
        else
            snprintf(line, sizeof line, _("Signed by %s (%s): %s"), who, _(fq_role_name(so->role)),
                     _(fq_verdict_name(so->verdict)));
        fq_widget *l = fq_label_new(card, line);
        fq_label_set_wrap(l, 3);
        fq_label_set_role(l, FQ_TEXT_STRONG);
        if (!so->refused && so->reason[0]) {
            snprintf(line, sizeof line, _("Passed with unanswered items: %s"), so->reason);
            fq_label_set_wrap(fq_label_new(card, line), 3);
        }
        if (so->superseded_utc) {
            fq_i18n_moment_date(so->superseded_utc, d, sizeof d);
            snprintf(line, sizeof line, _("SUPERSEDED %s: reopened because %s"), d,
                     so->superseded_reason);
            fq_widget *sl = fq_label_new(card, line);
            fq_label_set_wrap(sl, 3);
            fq_label_set_color(sl, fq_ui_theme_current(s->ui)->fail);
        }
        /* the signature itself, as stored: what the report will show */
        char path[1200];
        int iw = 0, ih = 0, id = -1;
        if (ph->meta.uuid[0] && fq_app_photo_path(s->app, ph, 0, path, sizeof path) == FQ_OK)
            id = fq_screens_load_image(s, path, &iw, &ih);
        if (id > 0 && iw > 0) {
            fq_widget *img = fq_image_new(card, id, iw, ih);
            float w_mm = 50.0f;
            fq_widget_set_size_mm(img, w_mm, w_mm * (float)ih / (float)iw);
        }
    }
}

static int verdict_index(fq_verdict verdict)
{
    for (int i = 0; i < 4; i++)
        if (VERDICTS[i] == verdict)
            return i;
    return -1;
}

/* "Signed", "Not signed", "Refused: ..." under a party's name. */
static void party_status(fq_screens *s, fq_widget *col, bool is_signed, bool refused,
                         const char *reason)
{
    const fq_ui_theme *th = fq_ui_theme_current(s->ui);
    char msg[FQ_TEXT_LEN + 40];
    if (refused)
        snprintf(msg, sizeof msg, _("Refuses to sign: %s"), reason[0] ? reason : _("(no reason yet)"));
    else
        snprintf(msg, sizeof msg, "%s", is_signed ? _("Signed") : _("Not signed"));
    fq_widget *l = fq_label_new(col, msg);
    fq_label_set_role(l, FQ_TEXT_STRONG);
    fq_label_set_wrap(l, 2);
    fq_label_set_color(l, is_signed ? th->pass : refused ? th->warn : th->fail);
}

static void build_form(fq_screens *s, fq_widget *body, sign_ctx *sc)
{
    fq_screens_signing *sg = &s->signing;
    const fq_app_signoff_view *v = sc->view;
    const fq_ui_theme *th = fq_ui_theme_current(s->ui);

    /* what the checklist stands at, and what the rules still ask for */
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    char line[400];
    snprintf(line, sizeof line, _("Checklist: %d of %d answered (%d N/A), %d failed"),
             (int)v->n_answered, (int)v->n_items, (int)v->n_na, (int)v->n_failed);
    fq_widget *cl = fq_label_new(card, line);
    fq_label_set_role(cl, FQ_TEXT_STRONG);
    fq_label_set_wrap(cl, 2);
    if (v->n_unanswered > 0) {
        snprintf(line, sizeof line, _("Mark the %d unanswered N/A"), (int)v->n_unanswered);
        fq_widget_set_handler(fq_button_new(card, line, FQ_BUTTON_NORMAL), on_rest_na, s);
    }
    fq_app_signoff_request req = request_of(s);
    fq_signoff_check check;
    if (fq_app_signoff_check(s->app, s->visit_uuid, &req, &check) != FQ_OK) {
        for (int i = 0; i < check.n_problems; i++) {
            fq_widget *p = fq_label_new(card, check.problems[i]);
            fq_label_set_wrap(p, 3);
            fq_label_set_color(p, th->fail);
        }
    } else {
        fq_widget *ok = fq_label_new(card, _("Ready to sign off"));
        fq_label_set_color(ok, th->pass);
        fq_label_set_role(ok, FQ_TEXT_STRONG);
    }

    fq_screens_section_title(body, _("Verdict"));
    fq_widget *vc = fq_choice_new(body, fq_screens_tr_list(s, VERDICT_LABELS, 4), 4, FQ_CHOICE_SEGMENTED);
    fq_choice_set_selected(vc, sg->verdict_index);
    fq_widget_set_handler(vc, on_verdict, s);
    if (sg->verdict_index == 0 && v->n_unanswered > 0)
        fq_screens_text_field(s, body, "signoff.override", _("Reason to pass anyway"),
                              sg->override_reason, sizeof sg->override_reason,
                              _("Why pass with unanswered items"), noop_commit, NULL);

    bool wide = fq_screens_landscape(s);
    fq_widget *pads = fq_box_new(body, wide ? FQ_BOX_ROW_DIR : FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    /* the inspector */
    fq_widget *col = fq_box_new(pads, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_widget_set_grow(col, 1);
    fq_label_set_role(fq_label_new(col, _("Inspector")), FQ_TEXT_STRONG);
    fq_screens_text_field(s, col, "signoff.inspector", NULL, sg->names[0], sizeof sg->names[0],
                          _("Name"), noop_commit, NULL);
    party_status(s, col, sg->gray[0] != NULL, false, "");
    fq_widget *b = fq_button_new(col, sg->gray[0] ? _("Sign again") : _("Sign as inspector"),
                                 FQ_BUTTON_NORMAL);
    fq_widget_set_handler(b, on_sign_inspector, s);
    /* the factory representative: reads the summary, then signs, or refuses */
    col = fq_box_new(pads, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_widget_set_grow(col, 1);
    fq_label_set_role(fq_label_new(col, _("Factory representative")), FQ_TEXT_STRONG);
    fq_screens_text_field(s, col, "signoff.rep", NULL, sg->names[1], sizeof sg->names[1],
                          _("Name"), noop_commit, NULL);
    party_status(s, col, sg->gray[1] != NULL, sg->refused, sg->refusal_reason);
    fq_widget *row = fq_box_new(col, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    b = fq_button_new(row, _("Summary, sign"), FQ_BUTTON_NORMAL);
    fq_widget_set_grow(b, 2);
    fq_widget_set_handler(b, on_summary, sc);
    b = fq_button_new(row, _("Refuses..."), FQ_BUTTON_NORMAL);
    fq_widget_set_grow(b, 1);
    fq_widget_set_handler(b, on_refuse, s);

    fq_widget *sign = fq_button_new(body, _("Sign off visit"), FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(sign, on_sign, s);
}

void fq_screens_build_signoff(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv)
{
    sign_ctx *sc = fq_screens_alloc(s, sizeof *sc);
    sc->s = s;
    sc->view = fq_screens_alloc(s, sizeof *sc->view);
    fq_app_signoff_view *v = sc->view;
    if (fq_app_signoff_read(s->app, vv->visit.meta.uuid, v) != FQ_OK) {
        fq_screens_error(s, _("Cannot read the sign-off"));
        return;
    }
    fq_screens_signing *sg = &s->signing;
    if (vv->state == FQ_APP_VISIT_OPEN && strcmp(sg->visit_uuid, vv->visit.meta.uuid) != 0) {
        /* a new sign-off: the suggested verdict, the inspector's name, the representative
         * who signed the last (superseded) one */
        fq_screens_signing_clear(sg);
        snprintf(sg->visit_uuid, sizeof sg->visit_uuid, "%s", vv->visit.meta.uuid);
        sg->verdict_index = v->verdict_suggested ? verdict_index(v->suggested_verdict) : -1;
        snprintf(sg->names[0], sizeof sg->names[0], "%s", v->inspector_name);
        snprintf(sg->names[1], sizeof sg->names[1], "%s", v->last_rep_name);
    }
    if (vv->state == FQ_APP_VISIT_OPEN)
        build_form(s, body, sc);
    else if (vv->state == FQ_APP_VISIT_NOT_STARTED)
        fq_label_new(body, _("Start the visit to record and sign it off."));
    if (v->n_signoffs && v->n_in_force)
        fq_screens_section_title(body, _("Signed off"));
    list_signoffs(s, body, v);
    /* the summary stays for the representative's modal; the rows are done with */
    free(v->signoffs);
    v->signoffs = NULL;
    v->n_signoffs = 0;
}
