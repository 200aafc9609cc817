/* Visit step 5, issues: the order's open issues (and those closed), a new issue raised from
 * this visit, titles, descriptions and severities edited in place, who must act and by when
 * (owner, due date), and closing with a resolution note of substance (the app refuses a
 * vague answer such as "." or "ok": a vague answer does not close an issue). A title typed
 * on the new card is saved when typing pauses, and the card it becomes keeps the focus. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/names.h"
#include "screens/screens_internal.h"

typedef struct issue_ctx {
    fq_screens *s;
    char visit_uuid[FQ_UUID_LEN]; /* a new issue is raised from this visit */
    fq_issue is;                  /* as stored (meta.uuid empty: the new-issue card) */
    char resolution[FQ_NOTE_LEN];
    char due[16];                 /* YYYY-MM-DD as typed */
    fq_widget *close_msg;
} issue_ctx;

static bool blank(const char *text)
{
    return !text[strspn(text, " \t\r\n")];
}

static void save_issue(fq_screens *s, void *ctx)
{
    issue_ctx *ic = ctx;
    fq_issue stored;
    fq_severity sev = (fq_severity)ic->is.severity;
    if (ic->is.meta.uuid[0]) {
        fq_err err = fq_app_issue_edit(s->app, ic->is.meta.uuid, ic->is.title,
                                       ic->is.description, sev, &stored);
        if (fq_screens_saved(s, err))
            ic->is = stored;
        else
            fq_screens_rebuild_later(s, true); /* show the issue as stored */
        return;
    }
    if (blank(ic->is.title) && blank(ic->is.description))
        return; /* the new-issue card, untouched */
    fq_err err = fq_app_issue_add(s->app, ic->visit_uuid, ic->is.title, ic->is.description,
                                  sev, &stored);
    if (fq_screens_saved(s, err)) {
        /* this card is the issue now: the BLUR the rebuild sends it edits (nothing changed)
         * instead of adding the issue a second time */
        ic->is = stored;
        /* the issue joins the list; a new card below; the field being typed in is now the
         * issue's own */
        char key[FQ_SCREENS_KEY_LEN];
        const char *was = fq_screens_key_of(s, fq_ui_focused(s->ui));
        snprintf(key, sizeof key, "issue.%s.%s", stored.meta.uuid,
                 strstr(was, ".description") ? "description" : "title");
        /* nothing focused: the inspector put the keyboard away, it stays away */
        if (was[0])
            fq_screens_refocus(s, key);
        fq_screens_rebuild_later(s, true);
    }
}

static void save_assignment(fq_screens *s, void *ctx)
{
    issue_ctx *ic = ctx;
    int64_t due = 0;
    char key[FQ_SCREENS_KEY_LEN];
    snprintf(key, sizeof key, "issue.%s.due", ic->is.meta.uuid);
    const char *d = ic->due + strspn(ic->due, " ");
    if (d[0] && (strlen(d) != 10 || fq_utc_parse(d, &due) != FQ_OK)) {
        if (strlen(d) < 10)
            return; /* still being typed */
        fq_screens_field_error(s, key, _("a due date is a day: YYYY-MM-DD"));
        fq_screens_rebuild_later(s, true);
        return;
    }
    fq_issue stored;
    if (fq_screens_saved(s, fq_app_issue_assign(s->app, ic->is.meta.uuid, ic->is.owner, due,
                                                &stored)))
        ic->is = stored;
}

static void on_close_button(fq_widget *w, const fq_ui_event *ev, void *user)
{
    issue_ctx *ic = user;
    fq_screens *s = ic->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(s->ui, NULL);
    if (fq_widget_tag(w) == 0) {
        fq_modal_close(w);
        return;
    }
    if (fq_app_issue_close(s->app, ic->is.meta.uuid, ic->resolution, NULL) != FQ_OK) {
        /* said where the resolution is typed */
        fq_label_set_text(ic->close_msg, fq_app_errmsg(s->app));
        fq_widget_set_hidden(ic->close_msg, false);
        return;
    }
    fq_ui_toast(s->ui, _("Issue closed"), FQ_TOAST_OK, 1500);
    fq_modal_close(w);
    fq_screens_rebuild_later(s, true);
}

static void on_close(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    issue_ctx *ic = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_widget *panel = fq_modal_new(ic->s->ui);
    fq_label_set_role(fq_label_new(panel, _("Close issue")), FQ_TEXT_TITLE);
    fq_label_set_wrap(fq_label_new(panel, ic->is.title), 2);
    fq_label_new(panel, _("Resolution note"));
    fq_widget *f = fq_ui_field_new(panel, ic->resolution, sizeof ic->resolution, FQ_UI_FIELD_TEXT);
    fq_ui_field_set_placeholder(f, _("What was done, who confirmed it"));
    fq_widget_set_handler(f, fq_screens_on_submit_unfocus, NULL);
    ic->close_msg = fq_label_new(panel, "");
    fq_label_set_wrap(ic->close_msg, 3);
    fq_label_set_color(ic->close_msg, fq_ui_theme_current(ic->s->ui)->fail);
    fq_widget_set_hidden(ic->close_msg, true);
    fq_widget *btns = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *c = fq_button_new(btns, _("Cancel"), FQ_BUTTON_NORMAL);
    fq_widget_set_grow(c, 1);
    fq_widget_set_tag(c, 0);
    fq_widget_set_handler(c, on_close_button, ic);
    fq_widget *ok = fq_button_new(btns, _("Close issue"), FQ_BUTTON_PRIMARY);
    fq_widget_set_grow(ok, 1);
    fq_widget_set_tag(ok, 1);
    fq_widget_set_handler(ok, on_close_button, ic);
}

static void on_issue_photos(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    issue_ctx *ic = user;
    char title[FQ_TEXT_LEN + 16];
    snprintf(title, sizeof title, _("Issue: %s"), ic->is.title);
    if (ev->type == FQ_UI_EV_CLICK)
        fq_screens_show_photos(ic->s, FQ_SUBJ_ISSUE, ic->is.meta.uuid, title);
}

static void on_severity(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    issue_ctx *ic = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    ic->is.severity = ev->index + FQ_SEV_MINOR;
    if (ic->is.meta.uuid[0]) /* the new card's severity goes with its title */
        save_issue(ic->s, ic);
}

static void closed_card(fq_widget *body, const fq_issue *is)
{
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    char line[FQ_NOTE_LEN + 200], d[FQ_I18N_WHEN_LEN];
    fq_i18n_moment_date(is->closed_utc, d, sizeof d);
    fq_label_set_role(fq_label_new(card, is->title), FQ_TEXT_STRONG);
    snprintf(line, sizeof line, _("Closed %s: %s%s%s"), d, is->resolution_note,
             is->owner[0] ? _(" (owner ") : "", is->owner);
    if (is->owner[0] && strlen(line) + 1 < sizeof line)
        strcat(line, ")");
    fq_label_set_wrap(fq_label_new(card, line), 3);
}

/* An open issue (src) or the new-issue card (src NULL), editable unless ro. */
static void open_card(fq_screens *s, fq_widget *body, const fq_issue *src,
                      const char *visit_uuid, bool ro)
{
    issue_ctx *ic = fq_screens_alloc(s, sizeof *ic);
    ic->s = s;
    snprintf(ic->visit_uuid, sizeof ic->visit_uuid, "%s", visit_uuid);
    if (src)
        ic->is = *src;
    else
        ic->is.severity = FQ_SEV_MAJOR;
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    char key[FQ_SCREENS_KEY_LEN];
    const char *id = src ? ic->is.meta.uuid : "new";
    snprintf(key, sizeof key, "issue.%s.title", id);
    fq_widget *t = fq_screens_text_field(s, card, key, src ? NULL : _("New issue"), ic->is.title,
                                         sizeof ic->is.title, _("Title"), save_issue, ic);
    snprintf(key, sizeof key, "issue.%s.description", id);
    fq_widget *d = fq_screens_text_field(s, card, key, NULL, ic->is.description,
                                         sizeof ic->is.description, _("Description"), save_issue,
                                         ic);
    if (src) {
        /* who must act, and by when */
        if (ic->is.due_utc)
            fq_utc_format_date(ic->is.due_utc, ic->due, sizeof ic->due);
        fq_widget *who = fq_box_new(card, fq_screens_landscape(s) ? FQ_BOX_ROW_DIR
                                                                  : FQ_BOX_COLUMN,
                                    FQ_BOX_PLAIN);
        snprintf(key, sizeof key, "issue.%s.owner", id);
        fq_widget *o = fq_screens_text_field(s, who, key, NULL, ic->is.owner,
                                             sizeof ic->is.owner, _("Owner (who acts)"),
                                             save_assignment, ic);
        snprintf(key, sizeof key, "issue.%s.due", id);
        fq_widget *du = fq_screens_text_field(s, who, key, NULL, ic->due, sizeof ic->due,
                                              _("Due YYYY-MM-DD"), save_assignment, ic);
        fq_widget_set_disabled(o, ro);
        fq_widget_set_disabled(du, ro);
        int64_t now = fq_app_now(s->app);
        if (ic->is.due_utc && now > ic->is.due_utc + 86400) {
            char late[80];
            snprintf(late, sizeof late, _("%lld days past due"),
                     (long long)((now - ic->is.due_utc) / 86400));
            fq_widget *l = fq_label_new(card, late);
            fq_label_set_color(l, fq_ui_theme_current(s->ui)->fail);
            fq_label_set_role(l, FQ_TEXT_STRONG);
        }
    }
    fq_widget *row = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    static const char *const sev[3] = {N_("Minor"), N_("Major"), N_("Critical")};
    fq_widget *c = fq_choice_new(row, fq_screens_tr_list(s, sev, 3), 3, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(c, 3);
    fq_choice_set_selected(c, ic->is.severity - FQ_SEV_MINOR);
    fq_widget_set_handler(c, on_severity, ic);
    if (src) {
        fq_widget *cb = fq_button_new(row, _("Close..."), FQ_BUTTON_NORMAL);
        fq_widget_set_grow(cb, 1);
        fq_widget_set_handler(cb, on_close, ic);
        fq_widget_set_disabled(cb, ro);
        fq_widget *pb = fq_button_new(row, _("Photos"), FQ_BUTTON_NORMAL);
        fq_widget_set_grow(pb, 1);
        fq_widget_set_handler(pb, on_issue_photos, ic);
    }
    fq_widget_set_disabled(t, ro);
    fq_widget_set_disabled(d, ro);
    fq_widget_set_disabled(c, ro);
}

void fq_screens_build_issues(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv)
{
    fq_issue *is = NULL;
    size_t n = 0, n_open = 0;
    if (fq_app_issues_read(s->app, vv->order.meta.uuid, &is, &n, &n_open) != FQ_OK) {
        fq_screens_error(s, _("Cannot read issues"));
        return;
    }
    char t[80];
    snprintf(t, sizeof t, _("Open issues (%zu)"), n_open);
    fq_screens_section_title(body, t);
    for (size_t i = 0; i < n_open; i++)
        open_card(s, body, &is[i], vv->visit.meta.uuid, vv->read_only);
    if (!vv->read_only)
        open_card(s, body, NULL, vv->visit.meta.uuid, false);
    if (n_open < n)
        fq_screens_section_title(body, _("Closed"));
    for (size_t i = n_open; i < n; i++)
        closed_card(body, &is[i]);
    free(is);
}
