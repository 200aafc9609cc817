/* The error screen (issue 12): shown full screen instead of the app when the database cannot
 * be used (a kiosk used to show a black panel and write the reason to stderr). It needs no
 * fq_app: the problem (fq_app_db_problem) says what is wrong, the reason, what to do, and
 * the ways out: try again, open read-only, restore one of the checked backups found, or keep
 * the file aside and start a new database. The choice is the host's to carry out
 * (fq_screens_error_choice_take); a restore or a new database asks first. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "screens/screens_internal.h"

typedef struct choice_ctx {
    fq_screens *s;
    int choice;
    int backup; /* index into the problem's backups, for RESTORE */
} choice_ctx;

static void choose(fq_screens *s, int choice, int backup)
{
    s->error->choice = choice;
    if (choice == FQ_SCREENS_ERROR_RESTORE && backup >= 0 &&
        backup < s->error->problem.n_backups)
        snprintf(s->error->backup_path, sizeof s->error->backup_path, "%s",
                 s->error->problem.backups[backup].path);
}

static void on_confirm(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    choice_ctx *cc = user;
    if (ev->type == FQ_UI_EV_CLICK && ev->index == 1)
        choose(cc->s, cc->choice, cc->backup);
}

static void on_choice(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    choice_ctx *cc = user;
    fq_screens *s = cc->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    static const char *const btns[2] = {N_("Cancel"), N_("Yes")};
    char msg[1500];
    if (cc->choice == FQ_SCREENS_ERROR_RESTORE) {
        const fq_app_backup *b = &s->error->problem.backups[cc->backup];
        char when[FQ_I18N_WHEN_LEN];
        fq_i18n_moment(b->made_utc, when, sizeof when);
        snprintf(msg, sizeof msg, _("The database is replaced by the backup of %s (%s). The "
                                  "file there now is kept aside. Work recorded after the "
                                  "backup must be recorded again."), when, b->where);
        fq_dialog_open(s->ui, _("Restore this backup?"), msg, fq_screens_tr_list(s, btns, 2), 2, on_confirm, cc);
    } else if (cc->choice == FQ_SCREENS_ERROR_START_NEW) {
        snprintf(msg, sizeof msg, _("The file there now is kept aside and an empty database is "
                                  "started. The tablet gets a new device id: the office must "
                                  "enrol it again."));
        fq_dialog_open(s->ui, _("Start a new database?"), msg, fq_screens_tr_list(s, btns, 2), 2, on_confirm, cc);
    } else {
        choose(s, cc->choice, -1);
    }
}

static void button(fq_screens *s, fq_widget *parent, const char *label, int choice, int backup,
                   fq_button_variant variant)
{
    choice_ctx *cc = fq_screens_alloc(s, sizeof *cc);
    cc->s = s;
    cc->choice = choice;
    cc->backup = backup;
    fq_widget *b = fq_button_new(parent, label, variant);
    fq_widget_set_handler(b, on_choice, cc);
}

void fq_screens_build_error(fq_screens *s)
{
    const fq_app_db_problem *p = &s->error->problem;
    const fq_ui_theme *th = fq_ui_theme_current(s->ui);
    fq_screens_header(s, _("fieldqc cannot open its database"), _("Nothing was changed"), false);
    fq_widget *body = fq_screens_main_scroll(s, fq_ui_root(s->ui));
    fq_widget *card = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_CARD);
    fq_ui_light_new(card, FQ_UI_LIGHT_RED);
    fq_widget *col = fq_box_new(card, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_grow(col, 1);
    fq_widget *t = fq_label_new(col, p->title);
    fq_label_set_role(t, FQ_TEXT_TITLE);
    fq_label_set_color(t, th->fail);
    fq_label_set_wrap(t, 2);
    fq_widget *why = fq_label_new(col, p->reason);
    fq_label_set_wrap(why, 4);
    fq_label_set_role(why, FQ_TEXT_SMALL);
    fq_widget *adv = fq_label_new(body, p->advice);
    fq_label_set_wrap(adv, 5);
    fq_label_set_role(adv, FQ_TEXT_STRONG);

    fq_widget *row = fq_box_new(body, fq_screens_landscape(s) ? FQ_BOX_ROW_DIR : FQ_BOX_COLUMN,
                                FQ_BOX_PLAIN);
    button(s, row, _("Try again"), FQ_SCREENS_ERROR_RETRY, -1, FQ_BUTTON_NORMAL);
    if (p->can_read_only)
        button(s, row, _("Open read-only"), FQ_SCREENS_ERROR_READ_ONLY, -1, FQ_BUTTON_NORMAL);
    if (p->can_start_new)
        button(s, row, _("Start a new database"), FQ_SCREENS_ERROR_START_NEW, -1, FQ_BUTTON_DANGER);

    fq_screens_section_title(body, _("Backups"));
    if (p->n_backups == 0)
        fq_label_set_wrap(fq_label_new(body, _("No backup found on the sync stick or in the backup "
                                             "folder. Call the office.")), 3);
    /* the newest is the one to restore: one plain button a stressed inspector finds, what
     * it is under it; older ones after */
    for (int i = 0; i < p->n_backups; i++) {
        const fq_app_backup *b = &p->backups[i];
        char when[FQ_I18N_WHEN_LEN], label[200], dev[12];
        fq_i18n_moment(b->made_utc, when, sizeof when);
        snprintf(dev, sizeof dev, "%.8s", b->device_id);
        if (i == 0) {
            button(s, body, _("Restore the newest backup"), FQ_SCREENS_ERROR_RESTORE, 0,
                   FQ_BUTTON_PRIMARY);
            snprintf(label, sizeof label, _("Newest: %s on the %s, %lld visits, tablet %s"),
                     when, b->where, (long long)b->n_visits, dev);
            fq_widget *l = fq_label_new(body, label);
            fq_label_set_role(l, FQ_TEXT_SMALL);
            fq_label_set_wrap(l, 2);
            if (p->n_backups > 1)
                fq_screens_section_title(body, _("Older backups"));
            continue;
        }
        snprintf(label, sizeof label, _("Restore %s (%s, %lld visits, tablet %s)"), when,
                 b->where, (long long)b->n_visits, dev);
        button(s, body, label, FQ_SCREENS_ERROR_RESTORE, i, FQ_BUTTON_NORMAL);
    }
}
