/* Opening the app's services, who and when, and the helpers every command uses: errors on
 * the handle, one transaction per command, and the commit hook told what a command wrote.
 * The commands and read models themselves live in app_<screen>.c. */
#include "app_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "services/sync.h"

fq_err fq_app_fail(fq_app *app, fq_err err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->errmsg, sizeof app->errmsg, _(fmt), ap); /* the screens draw it */
    va_end(ap);
    return err;
}

/* What a failure of the store means, in words an inspector reads; the store's own detail
 * (sqlite's, the C library's: English) follows for the office. */
static const char *kind_words(fq_err err)
{
    switch (err) {
    case FQ_ERR_FULL: return _("the storage is full");
    case FQ_ERR_IO: return _("the storage could not be read or written");
    case FQ_ERR_CORRUPT: return _("stored data is damaged");
    case FQ_ERR_NOMEM: return _("out of memory");
    case FQ_ERR_VERSION: return _("written by a newer fieldqc");
    case FQ_ERR_CONFLICT: return _("changed in the meantime or not allowed now");
    case FQ_ERR_NOTFOUND: return _("not found");
    case FQ_ERR_UNTRUSTED: return _("not signed by a trusted key");
    case FQ_ERR_UNSUPPORTED: return _("not available on this device");
    default: return _("refused");
    }
}

fq_err fq_app_detail_fail(fq_app *app, fq_err err, const char *detail)
{
    if (!err)
        return err;
    /* in English the detail says it already; in another language it would be all English */
    if (strcmp(fq_i18n_current(), "en") != 0)
        snprintf(app->errmsg, sizeof app->errmsg, "%s (%s)", kind_words(err), detail);
    else
        snprintf(app->errmsg, sizeof app->errmsg, "%s", detail);
    return err;
}

fq_err fq_app_store_fail(fq_app *app, fq_err err)
{
    return fq_app_detail_fail(app, err, fq_store_errmsg(app->store));
}

void fq_app_enter(fq_app *app)
{
    app->errmsg[0] = '\0';
    app->n_writes = 0;
}

fq_err fq_app_begin(fq_app *app)
{
    return fq_app_store_fail(app, fq_store_begin(app->store));
}

fq_err fq_app_end(fq_app *app, fq_err err)
{
    if (err) {
        fq_store_rollback(app->store);
        app->n_writes = 0;
        return err;
    }
    err = fq_app_store_fail(app, fq_store_commit(app->store));
    /* told only after the commit: what the hook hears is durable */
    for (size_t i = 0; !err && app->commit_hook && i < app->n_writes; i++)
        app->commit_hook(app->commit_user, app->writes[i].table, app->writes[i].uuid,
                         app->writes[i].revision);
    app->n_writes = 0;
    if (!err)
        fq_app_backup_if_due(app);
    return err;
}

void fq_app_note_write(fq_app *app, fq_entity_id ent, const fq_meta *meta)
{
    const fq_entity *e = fq_entity_get(ent);
    /* a longer command is reported in part: the hook only ever hears of durable records */
    if (!e || app->n_writes >= FQ_APP_MAX_WRITES)
        return;
    fq_app_write *w = &app->writes[app->n_writes++];
    w->table = e->table;
    snprintf(w->uuid, sizeof w->uuid, "%s", meta->uuid);
    w->revision = meta->revision;
}

/* The visit_uuid of a visit-scoped record, or NULL. */
static const char *visit_of(const fq_entity *e, const void *rec)
{
    for (size_t i = 0; e->visit_scoped && e->id != FQ_ENT_VISIT && i < e->n_fields; i++)
        if (!strcmp(e->fields[i].column, "visit_uuid"))
            return (const char *)rec + e->fields[i].offset;
    return NULL;
}

fq_err fq_app_check_started(fq_app *app, const char *visit_uuid)
{
    if (!visit_uuid || !visit_uuid[0])
        return FQ_OK;
    fq_visit v;
    if (fq_store_get(app->store, FQ_ENT_VISIT, visit_uuid, &v) != FQ_OK)
        return FQ_OK;
    if (!v.started_utc && !v.finished)
        return fq_app_fail(app, FQ_ERR_CONFLICT,
                           "the visit is not started: tap \"Start visit\" when you are at the "
                           "factory, then record");
    return FQ_OK;
}

fq_err fq_app_put(fq_app *app, fq_entity_id ent, void *rec)
{
    /* nothing is recorded on a visit before the inspector starts it (approvals are the
     * order's, recorded wherever they are given) */
    const fq_entity *e = fq_entity_get(ent);
    if (e && ent != FQ_ENT_APPROVAL) {
        fq_err started = fq_app_check_started(app, visit_of(e, rec));
        if (started)
            return started;
    }
    fq_err err = fq_app_store_fail(app, fq_store_put(app->store, ent, rec));
    if (!err)
        fq_app_note_write(app, ent, (const fq_meta *)rec);
    return err;
}

fq_err fq_app_get(fq_app *app, fq_entity_id ent, const char *uuid, void *out)
{
    return fq_app_store_fail(app, fq_store_get(app->store, ent, uuid, out));
}

fq_err fq_app_list_of_visit(fq_app *app, fq_entity_id ent, const char *visit_uuid, void **out,
                            size_t *out_n)
{
    return fq_app_store_fail(app, fq_store_list(app->store, ent, "visit_uuid", visit_uuid, NULL,
                                                out, out_n));
}

fq_err fq_app_one_of_visit(fq_app *app, fq_entity_id ent, const char *visit_uuid, void *out)
{
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_app_list_of_visit(app, ent, visit_uuid, &arr, &n);
    if (!err && n == 0)
        err = FQ_ERR_NOTFOUND;
    if (!err)
        memcpy(out, arr, fq_entity_get(ent)->record_size);
    free(arr);
    return err;
}

bool fq_app_blank(const char *text)
{
    return !text || !text[strspn(text, " \t\r\n")];
}

void fq_app_set_commit_hook(fq_app *app, fq_app_commit_fn fn, void *user)
{
    app->commit_hook = fn;
    app->commit_user = user;
}

void fq_app_set_log_hook(fq_app *app, fq_app_log_fn fn, void *user)
{
    app->log_hook = fn;
    app->log_user = user;
}

fq_err fq_app_log_failure(fq_app *app, fq_err err, const char *what)
{
    if (err && app->log_hook) {
        char line[700];
        snprintf(line, sizeof line, "%s: %s", what, app->errmsg[0] ? app->errmsg : "failed");
        app->log_hook(app->log_user, line);
    }
    return err;
}

static int64_t fixed_clock(void *ctx)
{
    return ((fq_app *)ctx)->fixed_now;
}

int64_t fq_app_now(fq_app *app)
{
    return fq_store_now(app->store);
}

static fq_err load_demo(fq_app *app)
{
    int64_t n = 0;
    fq_err err = fq_store_count(app->store, FQ_ENT_ORDER, NULL, NULL, &n);
    if (err || n > 0)
        return fq_app_store_fail(app, err);
    char demo[1100], lists[1100];
    /* the demo's visits belong to its inspector unless the device already has one */
    if (fq_store_setting_get(app->store, "inspector", demo, sizeof demo) == FQ_ERR_NOTFOUND) {
        err = fq_app_store_fail(app, fq_store_set_actor(app->store, NULL, "Li Wei"));
        if (err)
            return err;
    }
    snprintf(demo, sizeof demo, "%s/demo/demo.tsv", app->data_dir);
    snprintf(lists, sizeof lists, "%s/checklists", app->data_dir);
    return fq_app_store_fail(app, fq_store_seed_demo(app->store, demo, lists, fq_app_now(app)));
}

/* The device's signing key is made on its first start, so the Sync screen can show its
 * fingerprint for enrolment before anything was exported. */
static fq_err make_device_key(fq_app *app)
{
    fq_bundle_key key;
    fq_err err = fq_app_sync_key_load(app->store, &key, app->errmsg, sizeof app->errmsg);
    fq_bundle_key_wipe(&key);
    return err;
}

fq_err fq_app_open(const fq_app_config *cfg, fq_app **out)
{
    fq_app *app = calloc(1, sizeof *app);
    if (!app)
        return FQ_ERR_NOMEM;
    *out = app;
    snprintf(app->db_path, sizeof app->db_path, "%s", cfg->db_path);
    /* photos live beside the database: <db>.photos/ab/<sha256>.jpg */
    snprintf(app->photo_dir, sizeof app->photo_dir, "%s.photos", cfg->db_path);
    snprintf(app->data_dir, sizeof app->data_dir, "%s", cfg->data_dir ? cfg->data_dir : "assets");
    snprintf(app->sync_dir, sizeof app->sync_dir, "%s", cfg->sync_dir ? cfg->sync_dir : "");
    app->sync_dir_fixed = app->sync_dir[0] != '\0';
    snprintf(app->backup_dir_cfg, sizeof app->backup_dir_cfg, "%s",
             cfg->backup_dir ? cfg->backup_dir : "");
    app->fixed_now = cfg->now_utc;
    /* the damage check of a big database reads for seconds: it runs beside the first frame
     * and holds every write until it says the file is sound (fq_app_tick reports damage) */
    fq_err err = fq_store_open_ex(cfg->db_path,
                                  cfg->read_only ? FQ_STORE_OPEN_READ_ONLY
                                                 : FQ_STORE_OPEN_WRITE_CHECK_LATER,
                                  &app->store);
    app->problem = app->store ? (int)fq_store_open_problem(app->store)
                              : (int)FQ_STORE_PROBLEM_UNOPENABLE;
    if (err) {
        snprintf(app->open_reason, sizeof app->open_reason, "%s",
                 app->store ? fq_store_errmsg(app->store) : "out of memory");
        return fq_app_fail(app, err, "%s", app->open_reason);
    }
    if (cfg->now_utc)
        fq_store_set_clock(app->store, fixed_clock, app);
    if (cfg->read_only) {
        app->read_only = true;
        fq_app_db_problem p;
        fq_app_db_problem_get(app, &p);
        snprintf(app->read_only_reason, sizeof app->read_only_reason, "%s",
                 app->problem ? p.title : "opened read-only");
        if (fq_store_setting_get(app->store, "import_dir", app->import_dir,
                                 sizeof app->import_dir) != FQ_OK)
            app->import_dir[0] = '\0';
        if (!app->sync_dir_fixed && fq_store_setting_get(app->store, "sync_dir", app->sync_dir,
                                                         sizeof app->sync_dir) != FQ_OK)
            app->sync_dir[0] = '\0';
        err = fq_media_new(&app->media);
        return err ? fq_app_fail(app, err, "photo pipeline: out of memory") : FQ_OK;
    }
    err = fq_app_store_fail(app, fq_store_set_actor(app->store, cfg->device_id, cfg->inspector));
    if (!err)
        err = make_device_key(app);
    /* without --sync, the office's setting (Settings > Office) */
    if (!err && !app->sync_dir_fixed &&
        fq_store_setting_get(app->store, "sync_dir", app->sync_dir, sizeof app->sync_dir) != FQ_OK)
        app->sync_dir[0] = '\0';
    if (!err && fq_store_setting_get(app->store, "import_dir", app->import_dir,
                                     sizeof app->import_dir) != FQ_OK)
        app->import_dir[0] = '\0';
    if (!err) {
        fq_fsio_sweep_tmp(app->photo_dir, 1); /* orphans of a killed photo write */
        err = fq_media_new(&app->media);
        if (err)
            fq_app_fail(app, err, "photo pipeline: out of memory");
    }
    /* Checklists come from the office's job pack (or the demo), with the office's stable
     * ids: a tablet seeding its own would put every checkpoint twice on the office's next
     * visits (issue 11). */
    if (!err && cfg->demo)
        err = load_demo(app);
    if (!err)
        fq_app_backup_if_due(app);
    return err;
}

void fq_app_close(fq_app *app)
{
    if (!app)
        return;
    fq_app_backup_job_end(app);
    fq_media_free(app->media);
    fq_store_close(app->store);
    free(app);
}

const char *fq_app_errmsg(const fq_app *app)
{
    return app ? app->errmsg : "out of memory";
}

const char *fq_app_device_id(fq_app *app)
{
    return fq_store_device_id(app->store);
}

const char *fq_app_inspector(fq_app *app)
{
    if (fq_store_setting_get(app->store, "inspector", app->inspector, sizeof app->inspector))
        snprintf(app->inspector, sizeof app->inspector, "inspector");
    return app->inspector;
}

const char *fq_app_camera_choice(fq_app *app)
{
    if (fq_store_setting_get(app->store, "camera", app->camera, sizeof app->camera) != FQ_OK)
        app->camera[0] = '\0';
    return app->camera;
}

fq_err fq_app_set_camera_choice(fq_app *app, const char *path)
{
    fq_app_enter(app);
    if (fq_app_blank(path) || strlen(path) >= sizeof app->camera)
        return fq_app_fail(app, FQ_ERR_INVALID, "no camera named");
    fq_err err = fq_app_begin(app);
    if (!err)
        err = fq_app_store_fail(app, fq_store_setting_set(app->store, "camera", path));
    return fq_app_end(app, err);
}

const char *fq_app_read_only_reason(fq_app *app)
{
    return app->read_only ? app->read_only_reason : "";
}

fq_err fq_app_ui_location_save(fq_app *app, const char *location)
{
    fq_app_enter(app);
    if (app->read_only)
        return FQ_OK; /* a read-only database keeps no place */
    char now[512];
    if (fq_store_setting_get(app->store, "ui_location", now, sizeof now) == FQ_OK &&
        !strcmp(now, location ? location : "")) {
        app->pending_location[0] = '\0';
        return FQ_OK;
    }
    /* while the open's check runs a write would wait for it: the screens' first frame must
     * not, so the place is kept by fq_app_tick once the check said ok */
    if (fq_store_open_check_state(app->store) == FQ_STORE_CHECK_RUNNING) {
        snprintf(app->pending_location, sizeof app->pending_location, "%s",
                 location ? location : "");
        return FQ_OK;
    }
    app->pending_location[0] = '\0';
    return fq_app_store_fail(app, fq_store_setting_set(app->store, "ui_location",
                                                       location ? location : ""));
}

bool fq_app_checking(fq_app *app)
{
    return app && app->store && !app->read_only &&
           fq_store_open_check_state(app->store) == FQ_STORE_CHECK_RUNNING;
}

fq_err fq_app_tick(fq_app *app)
{
    if (!app || !app->store || app->read_only)
        return FQ_OK;
    if (fq_store_open_check_state(app->store) == FQ_STORE_CHECK_DAMAGED) {
        app->problem = (int)FQ_STORE_PROBLEM_DAMAGED;
        snprintf(app->open_reason, sizeof app->open_reason, "%s", fq_store_errmsg(app->store));
        return fq_app_fail(app, FQ_ERR_CORRUPT, "%s", app->open_reason);
    }
    if (app->pending_location[0] &&
        fq_store_open_check_state(app->store) == FQ_STORE_CHECK_OK) {
        char loc[sizeof app->pending_location];
        snprintf(loc, sizeof loc, "%s", app->pending_location);
        fq_app_ui_location_save(app, loc);
    }
    fq_app_backup_if_due(app);
    return FQ_OK;
}

fq_err fq_app_ui_location_load(fq_app *app, char *buf, size_t buf_len)
{
    fq_app_enter(app);
    fq_err err = fq_store_setting_get(app->store, "ui_location", buf, buf_len);
    if (err)
        buf[0] = '\0';
    return err == FQ_ERR_NOTFOUND ? FQ_OK : fq_app_store_fail(app, err);
}

const char *fq_app_import_dir(fq_app *app)
{
    return app->import_dir;
}

