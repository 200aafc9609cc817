/* Sync: what is waiting for the office (records, photos), the last export and the last
 * receipt, and the two actions of the end of the day: "Export bundle" (write everything
 * pending into the sync folder's outbox) and "Read inbox" (apply receipts and job packs).
 * Without a sync folder it says so and how to set one. Office files this device refused are
 * listed with their reason until a good one arrives. The keys people compare with the
 * office's screen: this tablet's (at enrolment) and the office's (after its first file);
 * when a file came signed by another office key, that key is offered and trusted only
 * after the inspector confirms its fingerprint. The policy is the services'. */
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "screens/screens_internal.h"
#include "services/settings.h"

static void on_export(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_app_export_result r;
    fq_err err = fq_app_export(s->app, &r);
    if (err == FQ_ERR_NOTFOUND) {
        fq_ui_toast(s->ui, _("Nothing to export: the office has everything"), FQ_TOAST_INFO, 3000);
        return;
    }
    if (err) {
        fq_screens_error(s, _("Export failed"));
        return;
    }
    /* what went in, in the inspector's terms; a missing photo file is said, never hidden */
    char msg[300];
    int n = snprintf(msg, sizeof msg, _("%s: %lld changes, %lld photo files, %.1f MB"),
                     r.unchanged ? _("Already in the outbox") : _("Bundle in the outbox"),
                     (long long)r.n_records, (long long)r.n_photo_files,
                     (double)r.bytes / 1e6);
    if (r.n_files > 1 && n > 0 && (size_t)n < sizeof msg)
        n += snprintf(msg + n, sizeof msg - (size_t)n, _(" in %d files"), r.n_files);
    if (r.n_missing_photos > 0 && n > 0 && (size_t)n < sizeof msg)
        n += snprintf(msg + n, sizeof msg - (size_t)n, _("; %lld photo files missing on this device"),
                      (long long)r.n_missing_photos);
    if (r.n_skipped > 0 && n > 0 && (size_t)n < sizeof msg)
        snprintf(msg + n, sizeof msg - (size_t)n, _("; %lld damaged changes not sent"),
                 (long long)r.n_skipped);
    fq_screens_rebuild_later(s, true);
    bool trouble = r.n_missing_photos > 0 || r.n_skipped > 0;
    fq_ui_toast(s->ui, msg, trouble ? FQ_TOAST_ERROR : FQ_TOAST_OK, trouble ? 0 : 4000);
}

static void on_inbox(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_app_inbox_result r;
    if (fq_app_read_inbox(s->app, &r) != FQ_OK) {
        fq_screens_error(s, _("Reading the inbox failed"));
        return;
    }
    char msg[700];
    /* a refusal is listed at the top: show it rather than keep the scroll position */
    fq_screens_rebuild_later(s, r.n_rejected == 0);
    if (r.n_rejected > 0) {
        /* sticky: a refused job pack means visits are missing, and only the office can
         * send a good one; the card below keeps the reason after the toast */
        snprintf(msg, sizeof msg, _("%d file%s from the office not applied: %s"),
                 r.n_rejected, r.n_rejected == 1 ? "" : "s", r.rejection);
        fq_ui_toast(s->ui, msg, FQ_TOAST_ERROR, 0);
        return;
    }
    if (r.n_applied == 0)
        snprintf(msg, sizeof msg, _("Inbox: nothing new"));
    else
        snprintf(msg, sizeof msg, _("Inbox: %d file%s applied"), r.n_applied,
                 r.n_applied == 1 ? "" : "s");
    fq_ui_toast(s->ui, msg, FQ_TOAST_OK, 3000);
}

/* The offered office key the screen showed, for its confirmation (lives until rebuild). */
typedef struct trust_ctx {
    fq_screens *s;
    char fingerprint[FQ_APP_FINGERPRINT_LEN];
} trust_ctx;

static void on_trust_answer(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    trust_ctx *t = user;
    fq_screens *s = t->s;
    if (ev->type != FQ_UI_EV_CLICK || ev->index != 1)
        return;
    fq_app_inbox_result r;
    if (fq_app_trust_office_key(s->app, t->fingerprint, &r) != FQ_OK) {
        fq_screens_error(s, _("Office key not changed"));
        return;
    }
    char msg[200];
    snprintf(msg, sizeof msg, _("Office key %s trusted; %d file%s from the office applied"),
             t->fingerprint, r.n_applied, r.n_applied == 1 ? "" : "s");
    fq_screens_rebuild_later(s, true);
    fq_ui_toast(s->ui, msg, r.n_rejected ? FQ_TOAST_ERROR : FQ_TOAST_OK, 4000);
}

static void on_trust(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    trust_ctx *t = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    static const char *const btns[2] = {N_("Cancel"), N_("Trust")};
    char msg[300];
    snprintf(msg, sizeof msg, _("Only if the office's screen shows %s as its key. Files signed "
                              "by the old office key are refused from then on."),
             t->fingerprint);
    fq_dialog_open(t->s->ui, _("Trust the new office key?"), msg, fq_screens_tr_list(t->s, btns, 2), 2, on_trust_answer, t);
}

/* Office files this device refused: what, why, and what to do about it. */
static void problems_card(fq_widget *body, const fq_app_sync_status *st)
{
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_set_role(fq_label_new(card, _("From the office, not applied")), FQ_TEXT_TITLE);
    for (int i = 0; i < st->n_problems; i++) {
        const fq_app_inbox_problem *p = &st->problems[i];
        char line[700];
        snprintf(line, sizeof line, "%s: %s",
                 strcmp(p->kind, "jobs") == 0      ? _("Job pack (next visits)")
                 : strcmp(p->kind, "receipt") == 0 ? _("Receipt")
                                                   : _("File"),
                 p->reason);
        fq_label_set_wrap(fq_label_new(card, line), 4);
        fq_label_set_role(fq_label_new(card, p->file), FQ_TEXT_SMALL);
    }
    fq_label_set_wrap(fq_label_new(card, _("Nothing on this device was changed by it. Tell the "
                                         "office, so they send it again for this device.")),
                      3);
}

/* The keys compared with the office's screen: this tablet's when the office enrols it, the
 * office's after its first receipt or job pack. */
static void keys_card(fq_widget *body, const fq_app_sync_status *st)
{
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_widget_set_gap_mm(card, 0);
    fq_label_set_role(fq_label_new(card, _("Keys to compare with the office")), FQ_TEXT_TITLE);
    fq_screens_fact(card, _("This tablet's key"), st->device_key[0] ? st->device_key : _("none"));
    fq_screens_fact(card, _("Office key"), st->office_key[0] ? st->office_key : _("not known yet"));
    char d[FQ_I18N_WHEN_LEN], line[200];
    if (st->office_key[0]) {
        fq_i18n_moment_date(st->office_key_since_utc, d, sizeof d);
        snprintf(line, sizeof line, _("Trusted since %s: files signed by any other key are "
                                    "refused"), d);
    } else {
        snprintf(line, sizeof line, _("The office key is learnt from the office's first receipt "
                                    "or job pack"));
    }
    fq_widget *since = fq_label_new(card, line);
    fq_label_set_role(since, FQ_TEXT_SMALL);
    fq_label_set_wrap(since, 2);
}

/* A file came signed by another office key: the inspector may move to it, deliberately. */
static void offered_card(fq_screens *s, fq_widget *body, const fq_app_sync_status *st)
{
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_set_role(fq_label_new(card, _("New office key offered")), FQ_TEXT_TITLE);
    char line[400];
    snprintf(line, sizeof line, _("Files from the office are signed with key %s; this tablet "
                                "trusts %s. Trust the new key only if the office's screen "
                                "shows it (fieldqc-office key)."),
             st->offered_key, st->office_key);
    fq_label_set_wrap(fq_label_new(card, line), 4);
    trust_ctx *t = fq_screens_alloc(s, sizeof *t);
    t->s = s;
    snprintf(t->fingerprint, sizeof t->fingerprint, "%s", st->offered_key);
    snprintf(line, sizeof line, _("Trust %s"), st->offered_key);
    fq_widget_set_handler(fq_button_new(card, line, FQ_BUTTON_NORMAL), on_trust, t);
}

static void on_backup(fq_widget *w, const fq_ui_event *ev, void *user)
{
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    if (fq_widget_tag(w) == 1) { /* the full check, on demand */
        char result[400];
        if (fq_app_db_check(s->app, true, result, sizeof result) != FQ_OK) {
            fq_screens_error(s, _("Database check"));
            return;
        }
        fq_ui_toast(s->ui, _("Database checked (integrity_check): ok"), FQ_TOAST_OK, 3000);
        return;
    }
    fq_app_backup b;
    if (fq_app_backup_now(s->app, "manual", &b) != FQ_OK) {
        fq_screens_error(s, _("Backup failed"));
        fq_screens_rebuild_later(s, true);
        return;
    }
    char msg[400];
    snprintf(msg, sizeof msg, _("Backed up and checked: %s (%s)"), b.name, b.where);
    fq_ui_toast(s->ui, msg, FQ_TOAST_OK, 3000);
    fq_screens_rebuild_later(s, true);
}

/* Backups: where they go (the sync stick when it is in, else the backup folder), the newest,
 * how many are kept, a failure; "Back up now" and the full database check. */
static void backup_card(fq_screens *s, fq_widget *body)
{
    fq_app_backup_status bs;
    if (fq_app_backup_status_get(s->app, &bs) != FQ_OK)
        return;
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_set_role(fq_label_new(card, _("Backups")), FQ_TEXT_TITLE);
    char line[1400], d[FQ_I18N_WHEN_LEN];
    if (bs.last_utc) {
        fq_i18n_moment(bs.last_utc, d, sizeof d);
        snprintf(line, sizeof line, _("Last backup %s on the %s, %d kept"), d, bs.where,
                 bs.n_kept);
    } else {
        snprintf(line, sizeof line, _("No backup yet on the %s"), bs.where);
    }
    fq_label_set_wrap(fq_label_new(card, line), 2);
    fq_widget *dir = fq_label_new(card, bs.dir);
    fq_label_set_role(dir, FQ_TEXT_SMALL);
    fq_label_set_wrap(dir, 2);
    if (bs.problem[0]) {
        snprintf(line, sizeof line, _("The last backup failed: %s"), bs.problem);
        fq_widget *p = fq_label_new(card, line);
        fq_label_set_wrap(p, 3);
        fq_label_set_color(p, fq_ui_theme_current(s->ui)->fail);
    }
    fq_widget *row = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    static const char *const labels[2] = {N_("Back up now"), N_("Check database")};
    for (int i = 0; i < 2; i++) {
        fq_widget *b = fq_button_new(row, _(labels[i]), FQ_BUTTON_NORMAL);
        fq_widget_set_grow(b, 1);
        fq_widget_set_tag(b, i);
        fq_widget_set_handler(b, on_backup, s);
        fq_widget_set_disabled(b, i == 0 && fq_app_read_only_reason(s->app)[0]);
    }
}

void fq_screens_build_sync(fq_screens *s)
{
    char sub[200];
    snprintf(sub, sizeof sub, _("%s - device %.8s"), fq_app_inspector(s->app),
             fq_app_device_id(s->app));
    fq_screens_header(s, _("Sync"), sub, true);
    fq_widget *body = fq_screens_main_scroll(s, fq_ui_root(s->ui));
    if (!fq_screens_medium_card(s, body, true))
        return; /* the stick is not there: nothing to read or export */
    fq_app_sync_status st;
    fq_err err = fq_app_sync_status_get(s->app, &st);
    /* backups first only when one failed: otherwise the day's sync comes first */
    fq_app_backup_status bs;
    bool backup_trouble = fq_app_backup_status_get(s->app, &bs) == FQ_OK && bs.problem[0];
    if (backup_trouble || err)
        backup_card(s, body);
    if (err == FQ_ERR_UNSUPPORTED) {
        fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
        fq_label_set_role(fq_label_new(card, _("No sync folder")), FQ_TEXT_TITLE);
        fq_label_set_wrap(fq_label_new(card, _("The office sets where bundles go in Settings > "
                                             "Office settings (a USB stick, or a folder the "
                                             "laptop reaches over the cable). Everything you "
                                             "record stays safe on this device until then.")),
                          4);
        return;
    }
    if (err) {
        fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
        fq_label_set_role(fq_label_new(card, _("Sync folder not usable")), FQ_TEXT_TITLE);
        fq_label_set_wrap(fq_label_new(card, fq_app_errmsg(s->app)), 4);
        return;
    }
    if (!backup_trouble)
        backup_card(s, body);
    /* first what the inspector must act on: nothing from the office is applied until then */
    if (st.offered_key[0] && st.office_key[0])
        offered_card(s, body, &st);
    if (st.n_problems > 0)
        problems_card(body, &st);
    char v[400], d[FQ_I18N_WHEN_LEN];
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_widget_set_gap_mm(card, 0);
    /* "not confirmed", not "waiting": after an export the changes stay counted until the
     * office's receipt comes back, and the inspector must not think they were lost */
    snprintf(v, sizeof v, "%lld", (long long)st.pending_records);
    fq_screens_fact(card, _("Changes the office has not confirmed"), v);
    snprintf(v, sizeof v, "%lld", (long long)st.pending_photos);
    fq_screens_fact(card, _("Photo files not confirmed (with thumbnails)"), v);
    if (st.last_export_utc) {
        /* date and time only: the file name is long and means nothing on the floor */
        fq_i18n_moment(st.last_export_utc, v, sizeof v);
    } else {
        snprintf(v, sizeof v, "%s", _("never"));
    }
    fq_screens_fact(card, _("Last export"), v);
    if (st.last_export_utc) {
        const char *base = strrchr(st.last_export_file, '/');
        fq_widget *fl = fq_label_new(card, base ? base + 1 : st.last_export_file);
        fq_label_set_role(fl, FQ_TEXT_SMALL);
    }
    if (st.last_receipt_utc)
        fq_i18n_moment_date(st.last_receipt_utc, d, sizeof d);
    fq_screens_fact(card, _("Last receipt from the office"), st.last_receipt_utc ? d : _("never"));
    if (st.last_receipt_utc) {
        snprintf(v, sizeof v, _("The office holds every change up to number %lld"),
                 (long long)st.acked_seq);
        fq_label_set_role(fq_label_new(card, v), FQ_TEXT_SMALL);
    }

    if (st.n_skipped > 0) {
        /* rare (a damaged SD card): said, with what it was, instead of blocking every export */
        fq_widget *sk = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
        snprintf(v, sizeof v, _("%lld change%s could not be sent (damaged on this device)"),
                 (long long)st.n_skipped, st.n_skipped == 1 ? "" : "s");
        fq_label_set_role(fq_label_new(sk, v), FQ_TEXT_TITLE);
        fq_label_set_wrap(fq_label_new(sk, st.skip_reason), 3);
        fq_label_set_wrap(fq_label_new(sk, _("Everything else was exported. Tell the office.")), 2);
    }

    fq_widget *btns = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *eb = fq_button_new(btns, _("Export bundle"), FQ_BUTTON_PRIMARY);
    fq_widget_set_grow(eb, 1);
    fq_widget_set_handler(eb, on_export, s);
    fq_widget *ib = fq_button_new(btns, _("Read inbox"), FQ_BUTTON_NORMAL);
    fq_widget_set_grow(ib, 1);
    fq_widget_set_handler(ib, on_inbox, s);
    fq_widget *hint = fq_label_new(body, _("Export writes everything pending to the outbox; the "
                                         "office's receipt in the inbox marks it delivered. "
                                         "Exporting twice is safe."));
    fq_label_set_role(hint, FQ_TEXT_SMALL);
    fq_label_set_wrap(hint, 3);
    keys_card(body, &st);
}
