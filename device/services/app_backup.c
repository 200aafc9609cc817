/* The device's backup policy and what the error screen needs when the database cannot be
 * used (issue 12).
 *
 * Backups: after each sign-off and once a day, sqlite's online backup API (lib/store) copies
 * the database into the backup folder (--backup, else <db>.backups) and the checked file is
 * copied whole onto the sync stick (<sync>/backups) when it is mounted, as
 * "fieldqc-backup-<device id>-<YYYYMMDDTHHMMSSZ>-<why>.db", checked before it counts, the
 * newest FQ_APP_BACKUPS_KEPT of this device kept. Photos are not copied: they live in
 * <db>.photos, content-addressed, and a damaged database does not damage them.
 *
 * Restore (from the error screen): the backup is checked, the file in the way is kept aside
 * as <db>.damaged-<utc>, the backup is copied into place durably and its change log continues
 * past a floor above every position this device may have used since the backup, so the
 * office never mistakes a new change for a replay of an old one. */
#include "app_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/civil.h"

#define DAY_S 86400
#define BACKUP_PREFIX "fieldqc-backup-"
#define BACKUP_SUFFIX ".db"
/* A restored database skips this many change-log positions past the highest it knows: more
 * changes than a tablet makes between two backups (they are daily and at each sign-off). */
#define RESTORE_SEQ_GAP (INT64_C(1) << 20)

typedef struct place {
    char dir[1024];
    const char *where;
} place;

/* The places backups may be, in the order they are used: the sync stick, the configured
 * folder, the folder beside the database. n_out: how many (2 or 3). */
static int places(const char *db_path, const char *sync_dir, const char *backup_dir,
                  place out[3])
{
    int n = 0;
    /* the stick only while it is mounted: never a "backups" folder on the SD card under an
     * empty mount point */
    if (sync_dir && sync_dir[0] && fq_fsio_check_real_dir(sync_dir, NULL, 0) == FQ_OK &&
        fq_app_sync_dir_usable(sync_dir)) {
        snprintf(out[n].dir, sizeof out[n].dir, "%s/backups", sync_dir);
        out[n++].where = "sync stick";
    }
    if (backup_dir && backup_dir[0]) {
        snprintf(out[n].dir, sizeof out[n].dir, "%s", backup_dir);
        out[n++].where = "backup folder";
    }
    snprintf(out[n].dir, sizeof out[n].dir, "%s.backups", db_path);
    out[n++].where = "backup folder";
    return n;
}

/* "<...>-20250602T090000Z-<why>.db" -> UTC seconds; 0 when the name has no time. */
static int64_t time_of(const char *name)
{
    const char *z = strstr(name, "Z-");
    if (!z || z - name < 15)
        return 0;
    const char *t = z - 15;
    int y, mo, d, h, mi, se;
    if (sscanf(t, "%4d%2d%2dT%2d%2d%2d", &y, &mo, &d, &h, &mi, &se) != 6)
        return 0;
    return fq_days_from_civil(y, mo, d) * DAY_S + h * 3600 + mi * 60 + se;
}

/* The device id between the prefix and the time. */
static void device_of(const char *name, char *out, size_t len)
{
    const char *start = name + strlen(BACKUP_PREFIX);
    const char *z = strstr(name, "Z-");
    size_t n = z && z - start > 16 ? (size_t)(z - start - 16) : 0;
    if (n >= len)
        n = len - 1;
    memcpy(out, start, n);
    out[n] = '\0';
}

static void backup_name(const char *device_id, int64_t utc, const char *why, char *out,
                        size_t len)
{
    int64_t days = utc >= 0 ? utc / DAY_S : (utc - DAY_S + 1) / DAY_S;
    int64_t secs = utc - days * DAY_S;
    char date[FQ_DATE_LEN];
    fq_utc_format_date(utc, date, sizeof date); /* YYYY-MM-DD */
    snprintf(out, len, BACKUP_PREFIX "%s-%.4s%.2s%.2sT%02d%02d%02dZ-%s" BACKUP_SUFFIX, device_id,
             date, date + 5, date + 8, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60),
             why);
}

/* The backups of device_id in dir, by name (oldest first). */
static fq_err own_backups(const char *device_id, const char *dir, fq_fsio_name **out,
                          size_t *out_n)
{
    char prefix[FQ_ID_LEN + 32];
    snprintf(prefix, sizeof prefix, BACKUP_PREFIX "%s-", device_id);
    fq_err err = fq_fsio_list(dir, prefix, BACKUP_SUFFIX, 10000, out, out_n, NULL, 0);
    if (err == FQ_ERR_NOTFOUND) {
        *out = NULL;
        *out_n = 0;
        return FQ_OK;
    }
    return err;
}

/* Kept N deep: the oldest backups of device_id in dir go. */
static void keep_newest(const char *device_id, const char *dir)
{
    fq_fsio_name *names = NULL;
    size_t n = 0;
    if (own_backups(device_id, dir, &names, &n) == FQ_OK)
        for (size_t i = 0; i + FQ_APP_BACKUPS_KEPT < n; i++) {
            char old[1300];
            snprintf(old, sizeof old, "%s/%s", dir, names[i].name);
            unlink(old);
        }
    free(names);
    fq_fsio_fsync_dir(dir, NULL, 0);
}

fq_err fq_app_backup_status_get(fq_app *app, fq_app_backup_status *out)
{
    fq_app_enter(app);
    memset(out, 0, sizeof *out);
    place pl[3];
    places(app->db_path, app->sync_dir, app->backup_dir_cfg, pl);
    snprintf(out->dir, sizeof out->dir, "%s", pl[0].dir);
    snprintf(out->where, sizeof out->where, "%s", pl[0].where);
    snprintf(out->problem, sizeof out->problem, "%s", app->backup_problem);
    fq_fsio_name *names = NULL;
    size_t n = 0;
    fq_err err = own_backups(fq_store_device_id(app->store), pl[0].dir, &names, &n);
    if (err)
        return fq_app_fail(app, err, "backups in %s cannot be listed", pl[0].dir);
    out->n_kept = (int)n;
    if (n) {
        snprintf(out->last_name, sizeof out->last_name, "%s", names[n - 1].name);
        out->last_utc = time_of(names[n - 1].name);
    }
    free(names);
    return FQ_OK;
}

/* One backup, decided on the app's thread and made by plain file and store-file calls, so
 * the daily one can be made on a thread of its own while the inspector works. */
typedef struct backup_plan {
    char db_path[1024];
    char device_id[FQ_ID_LEN];
    char name[256];
    place local;              /* built and checked here first */
    place stick;              /* then copied whole onto the stick (dir "": none) */
    int64_t now;
} backup_plan;

/* Where a backup failed: the app words it on its own thread (the catalog's formats). */
typedef enum backup_stage { AT_LOCAL_DIR, AT_COPY, AT_STICK } backup_stage;

typedef struct backup_made {
    fq_err err;
    backup_stage stage;
    char why[512];      /* the lower layer's detail */
    char path[1300];
    const char *where;
} backup_made;

struct fq_app_backup_job {
    pthread_t thread;
    atomic_int done;
    backup_plan plan;
    backup_made made;
};

static void plan_backup(fq_app *app, const char *why, backup_plan *pb)
{
    memset(pb, 0, sizeof *pb);
    place pl[3];
    int n_pl = places(app->db_path, app->sync_dir, app->backup_dir_cfg, pl);
    /* built on the device's own disk first (sqlite's page writes onto a FAT stick through
     * FUSE leave unreadable files, and a 'sync' mount is slow), checked there, then copied
     * onto the stick whole (temporary, fsync, rename): the stick is the second place */
    bool on_stick = n_pl > 1 && !strcmp(pl[0].where, "sync stick");
    pb->local = pl[on_stick ? 1 : 0];
    if (on_stick)
        pb->stick = pl[0];
    snprintf(pb->db_path, sizeof pb->db_path, "%s", app->db_path);
    snprintf(pb->device_id, sizeof pb->device_id, "%s", fq_store_device_id(app->store));
    pb->now = fq_app_now(app);
    backup_name(pb->device_id, pb->now, why ? why : "manual", pb->name, sizeof pb->name);
}

/* Touches nothing of the app: safe on another thread. */
static void make_backup(const backup_plan *pb, backup_made *m)
{
    memset(m, 0, sizeof *m);
    snprintf(m->path, sizeof m->path, "%s/%s", pb->local.dir, pb->name);
    m->where = pb->local.where;
    m->stage = AT_LOCAL_DIR;
    m->err = fq_fsio_mkdirs(pb->local.dir, m->why, sizeof m->why);
    if (m->err)
        return;
    m->stage = AT_COPY;
    m->err = fq_store_backup_file(pb->db_path, m->path, m->why, sizeof m->why);
    if (m->err)
        return;
    keep_newest(pb->device_id, pb->local.dir);
    if (!pb->stick.dir[0])
        return;
    char onto[1300];
    snprintf(onto, sizeof onto, "%s/%s", pb->stick.dir, pb->name);
    m->stage = AT_STICK;
    m->err = fq_fsio_mkdirs(pb->stick.dir, m->why, sizeof m->why);
    if (!m->err)
        m->err = fq_fsio_copy_file(m->path, onto, INT64_MAX, NULL, NULL, m->why, sizeof m->why);
    if (m->err)
        return;
    keep_newest(pb->device_id, pb->stick.dir);
    snprintf(m->path, sizeof m->path, "%s", onto);
    m->where = pb->stick.where;
}

/* What a made backup means to the app (on its thread). */
static fq_err backup_record(fq_app *app, const backup_plan *pb, const backup_made *m,
                            fq_app_backup *out)
{
    if (m->err) {
        if (m->stage == AT_LOCAL_DIR)
            fq_app_fail(app, m->err, "backup: %s", m->why);
        else if (m->stage == AT_COPY)
            fq_app_detail_fail(app, m->err, m->why);
        else
            fq_app_fail(app, m->err, "backup made on this device, not copied onto the sync "
                                     "stick: %s", m->why);
        snprintf(app->backup_problem, sizeof app->backup_problem, "%s", app->errmsg);
        return m->err;
    }
    app->backup_problem[0] = '\0';
    app->last_backup_utc = pb->now;
    if (out) {
        memset(out, 0, sizeof *out);
        snprintf(out->path, sizeof out->path, "%s", m->path);
        snprintf(out->name, sizeof out->name, "%s", pb->name);
        snprintf(out->where, sizeof out->where, "%s", m->where);
        snprintf(out->device_id, sizeof out->device_id, "%s", pb->device_id);
        out->made_utc = pb->now;
        out->ok = true;
    }
    return FQ_OK;
}

static void *backup_thread(void *arg)
{
    fq_app_backup_job *job = arg;
    make_backup(&job->plan, &job->made);
    atomic_store(&job->done, 1);
    return NULL;
}

/* Collects the daily backup made on its thread (wait: even if it is still running); true
 * when there is none any more. */
static bool backup_job_collect(fq_app *app, bool wait)
{
    fq_app_backup_job *job = app->backup_job;
    if (!job)
        return true;
    if (!wait && !atomic_load(&job->done))
        return false;
    pthread_join(job->thread, NULL);
    char keep[sizeof app->errmsg];
    snprintf(keep, sizeof keep, "%s", app->errmsg);
    if (backup_record(app, &job->plan, &job->made, NULL) != FQ_OK)
        app->last_backup_utc = -job->plan.now; /* when it was tried */
    snprintf(app->errmsg, sizeof app->errmsg, "%s", keep);
    free(job);
    app->backup_job = NULL;
    return true;
}

void fq_app_backup_job_end(fq_app *app)
{
    backup_job_collect(app, true);
}

fq_err fq_app_backup_now(fq_app *app, const char *why, fq_app_backup *out)
{
    fq_app_enter(app);
    if (app->read_only)
        return fq_app_fail(app, FQ_ERR_CONFLICT, "the database is open read-only: %s",
                           app->read_only_reason);
    backup_job_collect(app, true); /* one backup at a time: the daily one may be under way */
    backup_plan pb;
    backup_made m;
    plan_backup(app, why, &pb);
    make_backup(&pb, &m);
    return backup_record(app, &pb, &m, out);
}

void fq_app_backup_if_due(fq_app *app)
{
    if (!app->store || app->read_only || !backup_job_collect(app, false))
        return;
    /* not before the open's check said the file is sound: a damaged file makes no backup
     * and the check and the copy would read the disk at the same time */
    if (fq_store_open_check_state(app->store) != FQ_STORE_CHECK_OK)
        return;
    int64_t now = fq_app_now(app);
    if (!app->last_backup_utc) {
        fq_app_backup_status st;
        char keep[sizeof app->errmsg];
        snprintf(keep, sizeof keep, "%s", app->errmsg);
        if (fq_app_backup_status_get(app, &st) == FQ_OK)
            app->last_backup_utc = st.last_utc ? st.last_utc : -1;
        snprintf(app->errmsg, sizeof app->errmsg, "%s", keep);
    }
    if (app->last_backup_utc > 0 && now - app->last_backup_utc < DAY_S)
        return;
    /* a failing place is tried again an hour later, not after every tap */
    if (app->backup_problem[0] && app->last_backup_utc < 0 && now + app->last_backup_utc < 3600)
        return;
    /* a copy of the whole file: seconds on a big database, made beside the inspector's work
     * (WAL: its own read connection sees the last commit and holds up no write) */
    fq_app_backup_job *job = calloc(1, sizeof *job);
    if (!job)
        return;
    plan_backup(app, "daily", &job->plan);
    atomic_init(&job->done, 0);
    if (pthread_create(&job->thread, NULL, backup_thread, job) != 0) {
        free(job);
        app->last_backup_utc = -now;
        return;
    }
    app->backup_job = job;
}

fq_err fq_app_db_check(fq_app *app, bool full, char *result, size_t result_len)
{
    fq_app_enter(app);
    return fq_app_store_fail(app, fq_store_check(app->store, full, result, result_len));
}

/* ---- the error screen ---- */

static int newest_first(const void *a, const void *b)
{
    const fq_app_backup *x = a, *y = b;
    return x->made_utc != y->made_utc ? (x->made_utc > y->made_utc ? -1 : 1)
                                      : strcmp(y->name, x->name);
}

/* Every backup in the backup places that passes its check, newest first. */
static void find_backups(const char *db_path, const char *sync_dir, const char *backup_dir,
                         fq_app_db_problem *out)
{
    place pl[3];
    int n_pl = places(db_path, sync_dir, backup_dir, pl);
    fq_app_backup found[3 * 16];
    int n = 0;
    for (int p = 0; p < n_pl; p++) {
        fq_fsio_name *names = NULL;
        size_t k = 0;
        if (fq_fsio_list(pl[p].dir, BACKUP_PREFIX, BACKUP_SUFFIX, 1000, &names, &k, NULL, 0))
            continue;
        /* the newest few of each place: they are the ones anyone restores */
        for (size_t i = k > 16 ? k - 16 : 0; i < k && n < (int)(sizeof found / sizeof found[0]);
             i++) {
            fq_app_backup *b = &found[n];
            memset(b, 0, sizeof *b);
            snprintf(b->path, sizeof b->path, "%s/%s", pl[p].dir, names[i].name);
            snprintf(b->name, sizeof b->name, "%s", names[i].name);
            snprintf(b->where, sizeof b->where, "%s", pl[p].where);
            b->made_utc = time_of(names[i].name);
            b->bytes = names[i].bytes;
            device_of(names[i].name, b->device_id, sizeof b->device_id);
            fq_store_file_info info;
            b->ok = fq_store_check_file(b->path, false, &info, NULL, 0) == FQ_OK;
            b->n_visits = info.n_visits;
            bool dup = false; /* the same folder named twice (--backup <db>.backups) */
            for (int j = 0; j < n; j++)
                dup |= !strcmp(found[j].path, b->path);
            if (b->ok && !dup)
                n++;
        }
        free(names);
    }
    qsort(found, (size_t)n, sizeof found[0], newest_first);
    out->n_backups = n < FQ_APP_BACKUPS_MAX ? n : FQ_APP_BACKUPS_MAX;
    memcpy(out->backups, found, (size_t)out->n_backups * sizeof found[0]);
}

static void describe(fq_app_db_problem *out, const char *db_path)
{
    const char *title = _("The database cannot be opened");
    const char *advice = "";
    switch ((fq_store_problem)out->kind) {
    case FQ_STORE_PROBLEM_NONE:
        title = _("The database is open read-only");
        advice = _("Nothing can be recorded or changed.");
        break;
    case FQ_STORE_PROBLEM_UNOPENABLE:
        advice = _("Check that the storage is in place and its folder exists and can be written, "
                 "then tap Try again. If it keeps failing, restore a backup or call the office.");
        break;
    case FQ_STORE_PROBLEM_WRITE_PROTECTED:
        title = _("The database cannot be written");
        advice = _("The storage is write-protected or failing. Open it read-only to look at your "
                 "visits; nothing new can be recorded until the storage is fixed. Call the "
                 "office.");
        break;
    case FQ_STORE_PROBLEM_FULL:
        title = _("The disk is full");
        advice = _("Nothing can be saved. Export on the Sync screen and ask the office to free "
                 "space; open read-only meanwhile to look at your visits.");
        break;
    case FQ_STORE_PROBLEM_EMPTY_FILE:
        title = _("The database file is empty");
        advice = _("It was cut to nothing (a failed copy, a full disk). Restore the newest backup "
                 "below: the empty file is kept aside. A new database would get a new device "
                 "id and must be enrolled at the office again.");
        break;
    case FQ_STORE_PROBLEM_NOT_A_DATABASE:
        title = _("The database file is damaged");
        advice = _("Its header is damaged, or it is not a fieldqc database. Restore the newest "
                 "backup below; the damaged file is kept aside for the office.");
        break;
    case FQ_STORE_PROBLEM_DAMAGED:
        title = _("The database is damaged");
        advice = _("It is not written to. Restore the newest backup below (work recorded after "
                 "it must be recorded again), or open it read-only to look. Tell the office.");
        break;
    case FQ_STORE_PROBLEM_NEWER:
        title = _("The database is from a newer fieldqc");
        advice = _("Update fieldqc on this tablet; the database was not changed.");
        break;
    }
    snprintf(out->title, sizeof out->title, "%s", title);
    snprintf(out->advice, sizeof out->advice, "%s", advice);
    (void)db_path;
}

void fq_app_db_problem_get(fq_app *app, fq_app_db_problem *out)
{
    memset(out, 0, sizeof *out);
    out->kind = app->problem;
    describe(out, app->db_path);
    snprintf(out->reason, sizeof out->reason, "%s",
             app->open_reason[0] ? app->open_reason : app->read_only_reason);
    fq_store_problem k = (fq_store_problem)out->kind;
    if (app->read_only) {
        out->can_read_only = true;
    } else if (k != FQ_STORE_PROBLEM_EMPTY_FILE && k != FQ_STORE_PROBLEM_NOT_A_DATABASE &&
               k != FQ_STORE_PROBLEM_NEWER && k != FQ_STORE_PROBLEM_NONE) {
        fq_store *ro = NULL;
        out->can_read_only = fq_store_open_ex(app->db_path, FQ_STORE_OPEN_READ_ONLY, &ro) == FQ_OK;
        fq_store_close(ro);
    }
    out->can_start_new = k == FQ_STORE_PROBLEM_EMPTY_FILE ||
                         k == FQ_STORE_PROBLEM_NOT_A_DATABASE || k == FQ_STORE_PROBLEM_DAMAGED;
    if (k != FQ_STORE_PROBLEM_NONE)
        find_backups(app->db_path, app->sync_dir, app->backup_dir_cfg, out);
}

/* Moves path (and its -wal and -shm) aside as <path>.damaged-<utc>; FQ_OK when nothing is
 * there. */
static fq_err set_aside(const char *path, int64_t now, char *err, size_t err_len)
{
    static const char *const ext[3] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char from[1100], to[1200];
        snprintf(from, sizeof from, "%s%s", path, ext[i]);
        snprintf(to, sizeof to, "%s.damaged-%lld%s", path, (long long)now, ext[i]);
        if (access(from, F_OK) != 0)
            continue;
        fq_err e = fq_fsio_move(from, to, err, err_len);
        if (e)
            return e;
    }
    return FQ_OK;
}

static int64_t clock_of(const fq_app_config *cfg)
{
    return cfg->now_utc ? cfg->now_utc : (int64_t)time(NULL);
}

fq_err fq_app_set_aside(const fq_app_config *cfg, char *err, size_t err_len)
{
    return set_aside(cfg->db_path, clock_of(cfg), err, err_len);
}

fq_err fq_app_restore_backup(const fq_app_config *cfg, const char *backup_path, char *err,
                             size_t err_len)
{
    fq_store_file_info info, old;
    char why[600];
    fq_err e = fq_store_check_file(backup_path, false, &info, why, sizeof why);
    if (e)
        return fq_fsio_fail(err, err_len, e, "the backup cannot be used: %s", why);
    /* every position this device may have used: the backup's, the damaged file's if it can
     * still be read, and a gap for what was recorded after the backup */
    int64_t floor = info.last_seq;
    fq_store_check_file(cfg->db_path, false, &old, NULL, 0);
    if (old.last_seq > floor)
        floor = old.last_seq;
    floor += RESTORE_SEQ_GAP;
    e = set_aside(cfg->db_path, clock_of(cfg), why, sizeof why);
    if (e)
        return fq_fsio_fail(err, err_len, e, "the old database cannot be kept aside: %s", why);
    e = fq_fsio_copy_file(backup_path, cfg->db_path, INT64_MAX, NULL, NULL, why, sizeof why);
    if (e)
        return fq_fsio_fail(err, err_len, e, "restoring: %s", why);
    fq_store *st = NULL;
    e = fq_store_open(cfg->db_path, &st);
    if (!e)
        e = fq_store_raise_seq_floor(st, floor);
    if (e)
        fq_fsio_fail(err, err_len, e, "the restored database: %s",
                     st ? fq_store_errmsg(st) : "out of memory");
    fq_store_close(st);
    return e;
}
