/* Order: one purchase order's light with every reason, its milestone chain as a timeline
 * (light, status, due date, the light's reason, owner, evidence and written approval per
 * checkpoint; the sample approval shows the hard gate), the written approvals and spec
 * changes recorded on site (who, role, what, signature, photos), and its open issues.
 * A milestone's evidence photos are taken in the order's open visit (its Photos step).
 * Reached from a visit's header, a Today row's Order button or a long press on the row.
 * Milestones are the office's; on the device an approval or a spec change is recorded here
 * (the approval screen) and an ad-hoc visit started. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/names.h"
#include "screens/screens_internal.h"

/* A day (due, ship) as its date, or `none`. */
static void day_or(int64_t utc, const char *none, char *buf, size_t len)
{
    if (utc)
        fq_i18n_day(utc, buf, len);
    else
        snprintf(buf, len, "%s", none);
}

/* A moment's local date (completed, approved, opened), or `none`. */
static void moment_date_or(int64_t utc, const char *none, char *buf, size_t len)
{
    if (utc)
        fq_i18n_moment_date(utc, buf, len);
    else
        snprintf(buf, len, "%s", none);
}

/* The written approval recorded on site for milestone m (the newest), or NULL. */
static const fq_approval *approved_on_site(const fq_app_order_view *ov, const fq_milestone *m)
{
    const fq_approval *found = NULL;
    for (size_t i = 0; i < ov->n_approvals; i++) {
        const fq_approval *a = &ov->approvals[i].approval;
        if (a->kind == FQ_APPROVAL_APPROVAL && !strcmp(a->milestone_uuid, m->meta.uuid))
            found = a;
    }
    return found;
}

typedef struct milestone_ctx {
    fq_screens *s;
    char visit_uuid[FQ_UUID_LEN], order_uuid[FQ_UUID_LEN], uuid[FQ_UUID_LEN];
    char title[FQ_TEXT_LEN + 16];
} milestone_ctx;

/* A milestone's evidence photos are taken in the order's open visit: its Photos step, for
 * this milestone (camera, import, view, mark up, delete as for any photo). */
static void on_milestone_photos(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    milestone_ctx *mc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_screens_open_visit(mc->s, mc->visit_uuid, mc->order_uuid, FQ_SCREENS_TAB_PHOTOS);
    fq_screens_show_photos(mc->s, FQ_SUBJ_MILESTONE, mc->uuid, mc->title);
}

static void milestone_photos(fq_screens *s, fq_widget *col, const fq_app_order_view *ov,
                             const fq_app_milestone_row *mr)
{
    const fq_milestone *m = &mr->milestone;
    char line[64];
    if (!ov->open_visit_uuid[0]) {
        if (mr->n_photos) {
            snprintf(line, sizeof line,
                     fq_i18n_nget("%d evidence photo", "%d evidence photos",
                                  (unsigned long)mr->n_photos),
                     (int)mr->n_photos);
            fq_label_set_role(fq_label_new(col, line), FQ_TEXT_SMALL);
        }
        return;
    }
    milestone_ctx *mc = fq_screens_alloc(s, sizeof *mc);
    mc->s = s;
    snprintf(mc->visit_uuid, sizeof mc->visit_uuid, "%s", ov->open_visit_uuid);
    snprintf(mc->order_uuid, sizeof mc->order_uuid, "%s", ov->order.meta.uuid);
    snprintf(mc->uuid, sizeof mc->uuid, "%s", m->meta.uuid);
    snprintf(mc->title, sizeof mc->title, _("Milestone: %s"),
             m->title[0] ? m->title : _(fq_milestone_kind_name(m->kind)));
    snprintf(line, sizeof line, _("Evidence photos (%d)"), (int)mr->n_photos);
    fq_widget *row = fq_box_new(col, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *b = fq_button_new(row, line, FQ_BUTTON_NORMAL);
    fq_widget_set_handler(b, on_milestone_photos, mc);
}

static void milestone_row(fq_screens *s, fq_widget *list, const fq_app_order_view *ov,
                          const fq_app_milestone_row *mr)
{
    const fq_milestone *m = &mr->milestone;
    const fq_light_result *lr = &mr->light;
    fq_widget *row = fq_box_new(list, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
    /* timeline rail: the light over the checkpoint's number in the chain */
    fq_widget *rail = fq_box_new(row, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    bool closed = m->status == FQ_MSS_DONE || m->status == FQ_MSS_WAIVED;
    fq_ui_light_new(rail, closed && lr->light == FQ_LIGHT_GREEN ? FQ_UI_LIGHT_GREEN
                                                              : fq_screens_ui_light(lr->light));
    char num[8];
    snprintf(num, sizeof num, "%d", (int)m->position + 1);
    fq_widget *nl = fq_label_new(rail, num);
    fq_label_set_role(nl, FQ_TEXT_SMALL);
    fq_label_set_align(nl, FQ_ALIGN_CENTER);

    fq_widget *col = fq_box_new(row, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_grow(col, 1);
    fq_widget_set_gap_mm(col, 0.5f);
    char line[700], due[FQ_I18N_WHEN_LEN], done[FQ_I18N_WHEN_LEN];
    fq_widget *top = fq_box_new(col, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *t = fq_label_new(top, m->title[0] ? m->title : _(fq_milestone_kind_name(m->kind)));
    fq_label_set_role(t, FQ_TEXT_STRONG);
    fq_widget_set_grow(t, 1);
    fq_label_set_role(fq_label_new(top, _(fq_milestone_status_name(m->status))), FQ_TEXT_STRONG);

    day_or(m->due_utc, _("no due date"), due, sizeof due);
    moment_date_or(m->completed_utc, "", done, sizeof done);
    if (closed && done[0])
        snprintf(line, sizeof line, _("Due %s - completed %s%s%s"), due, done,
                 m->owner[0] ? _(" - owner ") : "", m->owner);
    else
        snprintf(line, sizeof line, _("Due %s%s%s"), due, m->owner[0] ? _(" - owner ") : "",
                 m->owner);
    fq_label_new(col, line);
    if (lr->reason[0] && !(closed && lr->light == FQ_LIGHT_GREEN)) {
        fq_widget *r = fq_label_new(col, lr->reason);
        fq_label_set_wrap(r, 2);
        if (lr->light != FQ_LIGHT_GREEN)
            fq_label_set_role(r, FQ_TEXT_STRONG);
    }
    if (m->evidence[0]) {
        snprintf(line, sizeof line, _("Evidence: %s"), m->evidence);
        fq_widget *e = fq_label_new(col, line);
        fq_label_set_role(e, FQ_TEXT_SMALL);
        fq_label_set_wrap(e, 2);
    }
    if (m->approved_by[0]) {
        char ad[FQ_I18N_WHEN_LEN];
        moment_date_or(m->approved_utc, "?", ad, sizeof ad);
        snprintf(line, sizeof line, _("Approved by %s%s%s%s on %s%s%s"), m->approved_by,
                 m->approved_role[0] ? " (" : "", m->approved_role,
                 m->approved_role[0] ? ")" : "", ad, m->approval_note[0] ? ": " : "",
                 m->approval_note);
        fq_widget *a = fq_label_new(col, line);
        fq_label_set_role(a, FQ_TEXT_SMALL);
        fq_label_set_wrap(a, 2);
    } else if (approved_on_site(ov, m)) {
        /* the office has not confirmed it yet, but the paper is signed: say so at the row */
        const fq_approval *ap = approved_on_site(ov, m);
        char ad[FQ_I18N_WHEN_LEN];
        moment_date_or(ap->decided_utc, "?", ad, sizeof ad);
        snprintf(line, sizeof line, _("Approved on site by %s (%s) on %s: %s"), ap->approver_name,
                 _(fq_role_name(ap->role)), ad, ap->subject);
        fq_widget *a = fq_label_new(col, line);
        fq_label_set_role(a, FQ_TEXT_SMALL);
        fq_label_set_wrap(a, 2);
    } else if (m->kind == FQ_MS_SAMPLE_APPROVAL && !closed) {
        fq_widget *a = fq_label_new(col, _("No written approval yet: production must not start"));
        fq_label_set_role(a, FQ_TEXT_SMALL);
    }
    milestone_photos(s, col, ov, mr);
}

typedef struct approval_ctx {
    fq_screens *s;
    char uuid[FQ_UUID_LEN];
    fq_app_import_file *files;
    size_t n_files;
} approval_ctx;

static void on_import_file(fq_widget *w, const fq_ui_event *ev, void *user)
{
    approval_ctx *ac = user;
    fq_screens *s = ac->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    size_t i = (size_t)fq_widget_tag(w);
    fq_modal_close(w);
    if (i >= ac->n_files)
        return;
    const char *dir = s->host.import_dir && s->host.import_dir[0] ? s->host.import_dir
                                                                  : fq_app_import_dir(s->app);
    char path[1400];
    snprintf(path, sizeof path, "%s/%s", dir, ac->files[i].name);
    if (fq_screens_saved(s, fq_app_approval_attach_photo(s->app, ac->uuid, path, NULL)))
        fq_screens_rebuild_later(s, true);
}

/* A photo of the approved document: one of the import folder's JPEGs. */
static void on_approval_photo(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    approval_ctx *ac = user;
    fq_screens *s = ac->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    const char *dir = s->host.import_dir && s->host.import_dir[0] ? s->host.import_dir
                                                                  : fq_app_import_dir(s->app);
    fq_app_import_file *files = NULL;
    size_t n = 0;
    if (fq_app_import_list(s->app, dir, &files, &n) != FQ_OK || n == 0) {
        free(files);
        fq_ui_toast(s->ui, _("No photos to import: put the USB stick or SD card in"), FQ_TOAST_ERROR,
                    3000);
        return;
    }
    ac->files = fq_screens_alloc(s, n * sizeof *files);
    memcpy(ac->files, files, n * sizeof *files);
    ac->n_files = n;
    free(files);
    fq_widget *panel = fq_modal_new(s->ui);
    fq_label_set_role(fq_label_new(panel, _("Photo of the approved document")), FQ_TEXT_TITLE);
    for (size_t i = 0; i < n && i < 8; i++) {
        fq_widget *b = fq_button_new(panel, ac->files[i].name, FQ_BUTTON_NORMAL);
        fq_widget_set_tag(b, (int64_t)i);
        fq_widget_set_handler(b, on_import_file, ac);
    }
    fq_widget *c = fq_button_new(panel, _("Cancel"), FQ_BUTTON_NORMAL);
    fq_widget_set_tag(c, (int64_t)n + 100);
    fq_widget_set_handler(c, on_import_file, ac);
}

static void approvals(fq_screens *s, fq_widget *body, const fq_app_order_view *ov)
{
    fq_screens_section_title(body, _("Approvals and spec changes recorded on site"));
    if (ov->n_approvals == 0)
        fq_label_set_role(fq_label_new(body, _("None recorded on this tablet.")), FQ_TEXT_MUTED);
    for (size_t i = 0; i < ov->n_approvals; i++) {
        const fq_app_approval_row *r = &ov->approvals[i];
        const fq_approval *a = &r->approval;
        fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
        char line[FQ_TEXT_LEN + FQ_NAME_LEN + 200], d[FQ_I18N_WHEN_LEN];
        fq_i18n_moment_date(a->decided_utc, d, sizeof d);
        snprintf(line, sizeof line, "%s: %s", a->kind == FQ_APPROVAL_SPEC_CHANGE ? _("Spec change")
                                              : a->kind == FQ_APPROVAL_REJECTED ? _("Rejected")
                                                                                : _("Approved"),
                 a->subject);
        fq_widget *t = fq_label_new(card, line);
        fq_label_set_role(t, FQ_TEXT_STRONG);
        fq_label_set_wrap(t, 3);
        snprintf(line, sizeof line, _("By %s (%s) on %s%s%s - %d photo%s"), a->approver_name,
                 _(fq_role_name(a->role)), d, r->milestone_title[0] ? " - " : "",
                 r->milestone_title, (int)r->n_photos, r->n_photos == 1 ? "" : "s");
        fq_label_set_wrap(fq_label_new(card, line), 2);
        if (a->note[0])
            fq_label_set_wrap(fq_label_new(card, a->note), 3);
        char path[1200];
        int iw = 0, ih = 0, id = -1;
        if (r->signature.meta.uuid[0] &&
            fq_app_photo_path(s->app, &r->signature, 0, path, sizeof path) == FQ_OK)
            id = fq_screens_load_image(s, path, &iw, &ih);
        if (id > 0 && iw > 0) {
            fq_widget *img = fq_image_new(card, id, iw, ih);
            fq_widget_set_size_mm(img, 40.0f, 40.0f * (float)ih / (float)iw);
        }
        approval_ctx *ac = fq_screens_alloc(s, sizeof *ac);
        ac->s = s;
        snprintf(ac->uuid, sizeof ac->uuid, "%s", a->meta.uuid);
        fq_widget *pb = fq_button_new(card, _("Add photo of the document"), FQ_BUTTON_NORMAL);
        fq_widget_set_handler(pb, on_approval_photo, ac);
        fq_widget_set_disabled(pb, fq_app_read_only_reason(s->app)[0] != '\0');
    }
}

static void on_record(fq_widget *w, const fq_ui_event *ev, void *user)
{
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_screens_approving_clear(&s->approving);
    s->approving.kind = (int)fq_widget_tag(w);
    s->approving.role = FQ_ROLE_BUYER;
    fq_screens_go(s, FQ_SCREENS_APPROVAL);
}

static void on_visit_type(fq_widget *w, const fq_ui_event *ev, void *user)
{
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    int type = (int)fq_widget_tag(w);
    fq_modal_close(w);
    if (type < 0)
        return;
    fq_visit v;
    if (!fq_screens_saved(s, fq_app_visit_create_adhoc(s->app, s->order_uuid, (fq_visit_type)type,
                                                       &v)))
        return;
    fq_screens_open_visit(s, v.meta.uuid, v.order_uuid, FQ_SCREENS_TAB_CHECKLIST);
}

/* An ad-hoc visit: its kind, then it is made, started and opened. */
static void on_adhoc(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_widget *panel = fq_modal_new(s->ui);
    fq_label_set_role(fq_label_new(panel, _("Start a visit now")), FQ_TEXT_TITLE);
    fq_label_set_wrap(fq_label_new(panel, _("A visit the office did not plan: it is assigned to "
                                          "this tablet and started now.")), 2);
    for (int t = 0; t < FQ_VISIT_TYPE_COUNT; t++) {
        fq_widget *b = fq_button_new(panel, _(fq_visit_type_name(t)), FQ_BUTTON_NORMAL);
        fq_widget_set_tag(b, t);
        fq_widget_set_handler(b, on_visit_type, s);
    }
    fq_widget *c = fq_button_new(panel, _("Cancel"), FQ_BUTTON_NORMAL);
    fq_widget_set_tag(c, -1);
    fq_widget_set_handler(c, on_visit_type, s);
}

static void actions(fq_screens *s, fq_widget *body)
{
    bool ro = fq_app_read_only_reason(s->app)[0] != '\0';
    fq_widget *row = fq_box_new(body, fq_screens_landscape(s) ? FQ_BOX_ROW_DIR : FQ_BOX_COLUMN,
                                FQ_BOX_PLAIN);
    static const char *const labels[2] = {N_("Record approval"), N_("Record spec change")};
    for (int k = 0; k < 2; k++) {
        fq_widget *b = fq_button_new(row, _(labels[k]), FQ_BUTTON_NORMAL);
        fq_widget_set_grow(b, 1);
        fq_widget_set_tag(b, k == 0 ? FQ_APPROVAL_APPROVAL : FQ_APPROVAL_SPEC_CHANGE);
        fq_widget_set_handler(b, on_record, s);
        fq_widget_set_disabled(b, ro);
    }
    fq_widget *b = fq_button_new(row, _("Start a visit"), FQ_BUTTON_NORMAL);
    fq_widget_set_grow(b, 1);
    fq_widget_set_handler(b, on_adhoc, s);
    fq_widget_set_disabled(b, ro);
}

static void open_issues(fq_screens *s, fq_widget *body)
{
    fq_screens_section_title(body, _("Open issues"));
    fq_issue *is = NULL;
    size_t n = 0, n_open = 0;
    if (fq_app_issues_read(s->app, s->order_uuid, &is, &n, &n_open) != FQ_OK) {
        fq_screens_error(s, _("Cannot read issues"));
        return;
    }
    for (size_t i = 0; i < n_open; i++) {
        char line[FQ_NOTE_LEN + 100], od[FQ_I18N_WHEN_LEN];
        fq_widget *row = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_ROW);
        moment_date_or(is[i].opened_utc, "?", od, sizeof od);
        snprintf(line, sizeof line, "%s (%s)", is[i].title, _(fq_severity_name(is[i].severity)));
        fq_label_set_role(fq_label_new(row, line), FQ_TEXT_STRONG);
        char due[FQ_I18N_WHEN_LEN + 40] = "";
        if (is[i].due_utc) {
            char dd[FQ_I18N_WHEN_LEN];
            fq_i18n_day(is[i].due_utc, dd, sizeof dd);
            snprintf(due, sizeof due, _(", due %s"), dd);
        }
        snprintf(line, sizeof line, _("Open since %s%s%s%s%s%s"), od, is[i].owner[0] ? _(", owner ") : "",
                 is[i].owner, due, is[i].description[0] ? " - " : "", is[i].description);
        fq_widget *d = fq_label_new(row, line);
        fq_label_set_role(d, FQ_TEXT_SMALL);
        fq_label_set_wrap(d, 2);
    }
    if (n_open == 0)
        fq_label_new(body, _("No open issues."));
    free(is);
}

void fq_screens_build_order(fq_screens *s)
{
    fq_app_order_view ov;
    if (!s->order_uuid[0] || fq_app_order_read(s->app, s->order_uuid, &ov) != FQ_OK) {
        fq_screens_header(s, _("Order"), _("not found"), true);
        fq_screens_error(s, _("Cannot read the order"));
        return;
    }
    const fq_order *o = &ov.order;
    char title[300], sub[400], ship[FQ_I18N_WHEN_LEN];
    snprintf(title, sizeof title, _("Order %s"), o->po_number);
    snprintf(sub, sizeof sub, "%s - %s", o->product, o->factory);
    fq_screens_header(s, title, sub, true);
    fq_widget *body = fq_screens_main_scroll(s, fq_ui_root(s->ui));

    /* summary: the order's light and every reason behind it, worst first */
    fq_widget *card = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_CARD);
    fq_ui_light_new(card, fq_screens_ui_light(ov.light.light));
    fq_widget *cc = fq_box_new(card, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_grow(cc, 1);
    fq_widget_set_gap_mm(cc, 0.5f);
    if (ov.lights.n_reasons == 0)
        fq_label_set_role(fq_label_new(cc, _("All checkpoints on schedule")), FQ_TEXT_STRONG);
    for (int k = 0; k < ov.lights.n_reasons; k++) {
        fq_widget *wl = fq_label_new(cc, ov.lights.reasons[k].reason);
        fq_label_set_role(wl, FQ_TEXT_STRONG);
        fq_label_set_wrap(wl, 2);
        if (ov.lights.reasons[k].light == FQ_LIGHT_RED)
            fq_label_set_color(wl, fq_ui_theme_current(s->ui)->fail);
    }
    day_or(o->ship_date_utc, _("not set"), ship, sizeof ship);
    char line[600];
    snprintf(line, sizeof line, _("Buyer %s - supplier %s - %lld units - ship %s"), o->buyer,
             o->supplier, (long long)o->quantity, ship);
    fq_widget *fl = fq_label_new(cc, line);
    fq_label_set_role(fl, FQ_TEXT_SMALL);
    fq_label_set_wrap(fl, 2);

    fq_screens_section_title(body, _("Milestones"));
    fq_widget *list = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_gap_mm(list, 0);
    if (ov.n_milestones == 0)
        fq_label_new(list, _("No milestones recorded for this order."));
    for (size_t i = 0; i < ov.n_milestones; i++)
        milestone_row(s, list, &ov, &ov.milestones[i]);
    actions(s, body);
    approvals(s, body, &ov);
    fq_app_order_view_free(&ov);
    open_issues(s, body);
}
