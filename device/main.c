/* fieldqc: the device app. Wiring only: parses options, opens the app services, the SDL
 * platform and the ui, builds the screens and runs the loop, or replays an input script
 * (--script) with screenshots (--screenshot) for tests and the README through the ui's one
 * script runner (fq_platform_run_script; the commands, including those resolved against the
 * live screen such as tap-text and field-after, are listed in ui/script.h).
 * When the database cannot be used the screens show the error screen instead (no fq_app
 * behind it) and this file carries out the way out the inspector chooses there: try again,
 * open read-only, restore a backup, or start a new database.
 * Every committed change prints "saved TABLE UUID REV" on stdout (flushed) in script mode. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/civil.h"
#include "fsio/fsio.h"
#include "i18n/i18n.h"
#ifdef FQ_HAVE_PINYIN
#include "ime/ime.h"
#endif
#include "media/media.h"
#include "media/media_decode.h"
#include "platform/platform.h"
#include "screens/screens.h"
#include "services/app.h"
#include "services/camera.h"
#include "services/settings.h"
#include "system/system.h"
#include "ui/ui.h"


typedef struct options {
    const char *db, *assets, *sync, *script, *shot_dir, *now, *import, *backup;
    int w, h;
    int rotate;
    float dpi;
    bool demo, fullscreen, exit_after_script, read_only;
    fq_ui_theme_id theme;
} options;

#ifndef FQ_VERSION
#define FQ_VERSION "unknown"
#endif

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fieldqc [--db FILE] [--demo] [--data DIR] [--sync DIR] [--import DIR]\n"
            "               [--backup DIR] [--read-only]\n"
            "               [--size 800x480|480x800|720x1280] [--rotate 0|90|180|270]\n"
            "               [--dpi N] [--fullscreen]\n"
            "               [--theme light|dark] [--now YYYY-MM-DD] [--script FILE]\n"
            "               [--screenshot DIR] [--exit-after-script] [--version] [--help]\n");
}

static int parse_args(int argc, char **argv, options *o, char *dbbuf, size_t dblen)
{
    memset(o, 0, sizeof *o);
    o->w = 0; /* not given: the settings', else the display's */
    o->h = 0;
    o->rotate = -1;
    o->assets = NULL; /* --data, else fq_fsio_data_dir */
    o->import = getenv("FIELDQC_IMPORT");
    o->backup = getenv("FIELDQC_BACKUP");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV()                                                                         \
    do {                                                                                \
        if (!v) {                                                                       \
            fprintf(stderr, "fieldqc: %s needs a value\n", a);                          \
            return -1;                                                                  \
        }                                                                               \
        i++;                                                                            \
    } while (0)
        if (!strcmp(a, "--db")) { NEEDV(); o->db = v; }
        else if (!strcmp(a, "--demo")) o->demo = true;
        else if (!strcmp(a, "--data")) { NEEDV(); o->assets = v; }
        else if (!strcmp(a, "--sync")) { NEEDV(); o->sync = v; }
        else if (!strcmp(a, "--import")) { NEEDV(); o->import = v; }
        else if (!strcmp(a, "--backup")) { NEEDV(); o->backup = v; }
        else if (!strcmp(a, "--read-only")) o->read_only = true;
        else if (!strcmp(a, "--size")) {
            NEEDV();
            if (sscanf(v, "%dx%d", &o->w, &o->h) != 2 || o->w < 200 || o->h < 200 ||
                o->w > 4096 || o->h > 4096) {
                fprintf(stderr, "fieldqc: bad --size %s (e.g. 800x480)\n", v);
                return -1;
            }
        } else if (!strcmp(a, "--dpi")) {
            NEEDV();
            o->dpi = (float)atof(v);
            if (o->dpi < 50 || o->dpi > 800) {
                fprintf(stderr, "fieldqc: bad --dpi %s\n", v);
                return -1;
            }
        } else if (!strcmp(a, "--rotate")) {
            NEEDV();
            o->rotate = atoi(v);
            if (o->rotate != 0 && o->rotate != 90 && o->rotate != 180 && o->rotate != 270) {
                fprintf(stderr, "fieldqc: bad --rotate %s (0, 90, 180 or 270)\n", v);
                return -1;
            }
        } else if (!strcmp(a, "--fullscreen")) o->fullscreen = true;
        else if (!strcmp(a, "--theme")) {
            NEEDV();
            if (!strcmp(v, "dark")) o->theme = FQ_THEME_DARK;
            else if (!strcmp(v, "light")) o->theme = FQ_THEME_LIGHT;
            else { fprintf(stderr, "fieldqc: --theme is light or dark\n"); return -1; }
        } else if (!strcmp(a, "--now")) { NEEDV(); o->now = v; }
        else if (!strcmp(a, "--script")) { NEEDV(); o->script = v; }
        else if (!strcmp(a, "--screenshot")) { NEEDV(); o->shot_dir = v; }
        else if (!strcmp(a, "--exit-after-script")) o->exit_after_script = true;
        else if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage(stdout); exit(0); }
        else if (!strcmp(a, "--version")) { printf("fieldqc %s\n", FQ_VERSION); exit(0); }
        else { fprintf(stderr, "fieldqc: unknown option %s\n", a); usage(stderr); return -1; }
#undef NEEDV
    }
    if (!o->db) {
        const char *xdg = getenv("XDG_DATA_HOME");
        const char *home = getenv("HOME");
        char dir[1024], why[512];
        if (xdg && *xdg)
            snprintf(dir, sizeof dir, "%s/fieldqc", xdg);
        else
            snprintf(dir, sizeof dir, "%s/.local/share/fieldqc", home ? home : ".");
        snprintf(dbbuf, dblen, "%s/fieldqc.db", dir);
        /* a folder that cannot be made is the error screen's to say, not only stderr's */
        if (fq_fsio_mkdirs(dir, why, sizeof why) != FQ_OK)
            fprintf(stderr, "fieldqc: cannot create the database folder: %s\n", why);
        o->db = dbbuf;
    }
    return 0;
}

/* ---- host services for the screens ---- */

/* What the host services share: the platform, the panel's backlight and the idle policy. */
typedef struct host_ctx {
    fq_platform *p;
    fq_backlight *backlight;
    int brightness, dim_after_s, blank_after_s;
    int level;            /* 0 on, 1 dimmed, 2 dark */
    bool restart;         /* Office settings asked for a restart (new display settings) */
} host_ctx;

static void apply_display(void *user, int brightness, int dim_after_s, int blank_after_s)
{
    host_ctx *h = user;
    h->brightness = brightness;
    h->dim_after_s = dim_after_s;
    h->blank_after_s = blank_after_s;
    h->level = 0;
    if (fq_backlight_set(h->backlight, brightness) != FQ_OK)
        fprintf(stderr, "fieldqc: cannot set the backlight (is the user in the video group?)\n");
}

#ifdef FQ_HAVE_PINYIN
FQ_IME_ASAN_OPTIONS

/* The on-screen keyboard's pinyin: fq_ime behind the ui's input-method calls. */
static size_t ime_search(void *u, const char *spelling) { return fq_ime_search(u, spelling); }
static bool ime_candidate(void *u, size_t i, char *buf, size_t len)
{
    return fq_ime_candidate(u, i, buf, len);
}
static size_t ime_choose(void *u, size_t i, bool *done) { return fq_ime_choose(u, i, done); }
static const char *ime_preedit(void *u) { return fq_ime_preedit(u); }
static const char *ime_result(void *u) { return fq_ime_result(u); }
static void ime_flush(void *u) { fq_ime_flush(u); }

/* Opens pinyin with its user dictionary beside the database (what the inspectors chose is
 * learnt there); NULL, said on stderr, when the engine or its dictionary is missing. */
static fq_ime *pinyin_open(fq_ui *ui, const char *db)
{
    char user_dict[1100];
    snprintf(user_dict, sizeof user_dict, "%s-pinyin.dict", db);
    fq_ime *ime = NULL;
    char err[300];
    if (!fq_ime_open(NULL, user_dict, &ime, err, sizeof err)) {
        fprintf(stderr, "fieldqc: %s: the keyboard types English only\n", err);
        return NULL;
    }
    fq_ui_ime ops = {ime, ime_search, ime_candidate, ime_choose, ime_preedit, ime_result,
                     ime_flush};
    fq_ui_set_ime(ui, &ops);
    return ime;
}
#endif

static void restart(void *user)
{
    host_ctx *h = user;
    h->restart = true;
}

/* Dims the panel after dim_after_s without input and darkens it after blank_after_s; any
 * input brings it back (the platform swallows the touch that wakes a dark panel). */
static void idle_power(host_ctx *h)
{
    int64_t idle_s = (fq_platform_now_ms() - fq_platform_last_input_ms(h->p)) / 1000;
    int level = fq_idle_level(idle_s, h->dim_after_s, h->blank_after_s);
    if (level == h->level)
        return;
    h->level = level;
    fq_backlight_set(h->backlight, fq_idle_percent(level, h->brightness));
    fq_platform_set_asleep(h->p, level == 2);
}

static void on_saved(void *user, const char *table, const char *uuid, int64_t rev)
{
    (void)user;
    printf("saved %s %s %lld\n", table, uuid, (long long)rev);
    fflush(stdout);
}

/* What runs: the app and its screens, or the error screen when the database cannot be
 * used. The ui and the platform outlive both. */
typedef struct session {
    fq_app_config cfg;
    fq_ui *ui;
    fq_screens_host host;
    fq_app *app;
    fq_screens *screens;
    bool script;
    bool checking;       /* the open's check still runs: the loop wakes for its verdict */
    const char *db;
} session;

static void log_error(void *user, const char *msg);

/* Shows the app (err FQ_OK: its screens) or, when `app` could not be opened, the error screen
 * with the reason (also on stderr, for the log); the session takes `app`. extra: a reason to
 * add (a restore that failed); may be NULL. */
static void vf_set_app(fq_app *app);

static void session_show(session *se, fq_app *app, fq_err err, const char *extra)
{
    se->app = app;
    vf_set_app(err ? NULL : app);
    if (!err) {
        fq_app_set_log_hook(se->app, log_error, NULL);
        if (se->script)
            fq_app_set_commit_hook(se->app, on_saved, NULL);
        se->screens = fq_screens_new(se->ui, se->app, &se->host);
        return;
    }
    fq_app_db_problem problem;
    if (se->app) {
        fq_app_db_problem_get(se->app, &problem);
    } else {
        memset(&problem, 0, sizeof problem);
        snprintf(problem.title, sizeof problem.title, "Out of memory");
    }
    if (extra && *extra) {
        char both[sizeof problem.reason];
        snprintf(both, sizeof both, "%s (%s)", extra, problem.reason);
        snprintf(problem.reason, sizeof problem.reason, "%s", both);
    }
    fprintf(stderr, "fieldqc: cannot open %s: %s: %s\n", se->db, problem.title, problem.reason);
    fq_app_close(se->app);
    se->app = NULL;
    se->screens = fq_screens_new_error(se->ui, &problem, &se->host);
}

/* Closes what runs and opens the database again (after the error screen's choice). */
static void session_open(session *se, const char *extra)
{
    fq_screens_free(se->screens);
    se->screens = NULL;
    fq_app_close(se->app);
    se->app = NULL;
    fq_app *app = NULL;
    fq_err err = fq_app_open(&se->cfg, &app);
    session_show(se, app, err, extra);
}

/* The way out the inspector chose on the error screen. */
static void session_choice(session *se)
{
    char path[1024], why[600] = "";
    fq_screens_error_choice c = fq_screens_error_choice_take(se->screens, path, sizeof path);
    if (c == FQ_SCREENS_ERROR_NONE)
        return;
    se->cfg.read_only = c == FQ_SCREENS_ERROR_READ_ONLY;
    if (c == FQ_SCREENS_ERROR_RESTORE &&
        fq_app_restore_backup(&se->cfg, path, why, sizeof why) != FQ_OK) {
        session_open(se, why);
        return;
    }
    if (c == FQ_SCREENS_ERROR_START_NEW && fq_app_set_aside(&se->cfg, why, sizeof why) != FQ_OK) {
        session_open(se, why);
        return;
    }
    session_open(se, NULL);
}

/* After each batch of events: the rebuilds the screens' handlers asked for, and on the error
 * screen the way out once one is chosen. */
static void screens_settle(void *user)
{
    session *se = user;
    /* the open's damage check runs beside the first frames: damage found closes the app
     * before anything is written and shows the error screen */
    if (se->app && fq_app_tick(se->app) == FQ_ERR_CORRUPT) {
        fq_screens_free(se->screens);
        se->screens = NULL;
        session_show(se, se->app, FQ_ERR_CORRUPT, NULL);
    }
    /* woken every 200 ms while the check runs, so its verdict is seen without a touch */
    bool checking = se->app && fq_app_checking(se->app);
    if (checking != se->checking)
        fq_ui_set_frame_interval(se->ui, checking ? 200 : 0);
    se->checking = checking;
    fq_screens_update(se->screens);
    if (!se->app)
        session_choice(se);
}

/* Photos for display: decoded here (TurboJPEG through media/) at most at the frame's size,
 * registered with the platform; the screens only see image ids. */
static int load_image(void *user, const char *path, int *out_w, int *out_h)
{
    fq_platform *p = ((host_ctx *)user)->p;
    fq_media_rgb img;
    if (fq_media_decode_rgb(path, 1024, &img) != FQ_OK)
        return -1;
    int id = -1;
    if (fq_platform_register_image(p, img.pixels, img.width, img.height, img.width * 3, false,
                                   &id) != FQ_UI_OK)
        id = -1;
    else {
        *out_w = img.width;
        *out_h = img.height;
    }
    fq_media_rgb_free(&img);
    return id;
}

static int register_rgb(void *user, const unsigned char *rgb, int w, int h)
{
    int id = -1;
    if (fq_platform_register_image(((host_ctx *)user)->p, rgb, w, h, w * 3, false, &id) !=
        FQ_UI_OK)
        return -1;
    return id;
}

static void free_image(void *user, int image_id)
{
    fq_platform_release_image(((host_ctx *)user)->p, image_id);
}

static void log_error(void *user, const char *msg)
{
    (void)user;
    fprintf(stderr, "fieldqc: %s\n", msg); /* the journal, under the kiosk service */
}

/* ---- the viewfinder: fq_app_camera's worker, its newest preview as a texture ---- */

typedef struct viewfinder {
    fq_platform *p;
    fq_app *app;
    fq_app_camera *cam;
    int w, h;            /* the screen: frames are decoded to fit it */
    int image;           /* the preview's texture id, 0 when none */
    uint64_t seq;
    uint8_t *rgb;        /* copy of the newest preview */
    size_t rgb_cap;
} viewfinder;

static viewfinder vf;

static void vf_set_app(fq_app *app)
{
    vf.app = app;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The cameras /dev/v4l/by-id lists (stable names across replugging; $FIELDQC_V4L_DIR
 * instead, for tests), their picture nodes only (index0), sorted. */
static int camera_list(void *user, char (*names)[256], int max)
{
    (void)user;
    const char *dir = getenv("FIELDQC_V4L_DIR");
    if (!dir || !*dir)
        dir = "/dev/v4l/by-id";
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && n < max && (e = readdir(d)) != NULL)
        if (strstr(e->d_name, "video-index0"))
            snprintf(names[n++], 256, "%.*s/%.*s", 120, dir, 120, e->d_name);
    if (d)
        closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_names);
    return n;
}

/* The camera: $FIELDQC_CAMERA (a device, a by-id name or a recorded .mjpeg), else the one
 * chosen on this tablet while it is there, else the first one listed, else /dev/video0. */
static void camera_device(char *buf, size_t len)
{
    const char *env = getenv("FIELDQC_CAMERA");
    const char *chosen = fq_app_camera_choice(vf.app);
    char names[8][256];
    int n = camera_list(NULL, names, 8);
    if (env && *env)
        snprintf(buf, len, "%s", env);
    else if (chosen[0] && access(chosen, F_OK) == 0)
        snprintf(buf, len, "%s", chosen);
    else
        snprintf(buf, len, "%s", n ? names[0] : "/dev/video0");
}

static int camera_open(void *user, char *msg, int msg_len)
{
    (void)user;
    char dev[512];
    camera_device(dev, sizeof dev);
    fq_app_camera_close(vf.cam);
    vf.cam = NULL;
    vf.seq = 0;
    if (fq_app_camera_open(dev, vf.w, vf.h, &vf.cam, msg, (size_t)msg_len) != FQ_OK) {
        fprintf(stderr, "fieldqc: camera %s: %s\n", dev, msg);
        return -1;
    }
    return 0;
}

static int camera_poll(void *user, int *image_id, int *w, int *h, char *msg, int msg_len)
{
    (void)user;
    if (!vf.cam)
        return -1;
    size_t need = (size_t)vf.w * (size_t)vf.h * 3;
    if (vf.rgb_cap < need) {
        free(vf.rgb);
        vf.rgb = malloc(need);
        vf.rgb_cap = vf.rgb ? need : 0;
    }
    int fw = 0, fh = 0;
    int rc = fq_app_camera_latest(vf.cam, vf.rgb, vf.rgb_cap, &fw, &fh, &vf.seq, msg,
                                  (size_t)msg_len);
    if (rc <= 0)
        return rc;
    if (vf.image)
        fq_platform_release_image(vf.p, vf.image);
    vf.image = 0;
    if (fq_platform_register_image(vf.p, vf.rgb, fw, fh, fw * 3, false, &vf.image) != FQ_UI_OK)
        return 0;
    *image_id = vf.image;
    *w = fw;
    *h = fh;
    return 1;
}

static int camera_take(void *user, const char *path, char *msg, int msg_len)
{
    (void)user;
    if (!vf.cam)
        return -1;
    return fq_app_camera_take(vf.cam, path, msg, (size_t)msg_len) == FQ_OK ? 0 : -1;
}

static void camera_close(void *user)
{
    (void)user;
    fq_app_camera_close(vf.cam);
    vf.cam = NULL;
    if (vf.image)
        fq_platform_release_image(vf.p, vf.image);
    vf.image = 0;
    free(vf.rgb);
    vf.rgb = NULL;
    vf.rgb_cap = 0;
}

int main(int argc, char **argv)
{
    options o;
    char dbbuf[1024], lc_msg[512];
    /* first, before any thread or file: it may restart the program under libcamera */
    fq_system_libcamera_preload(argv, lc_msg, sizeof lc_msg);
    if (lc_msg[0])
        fprintf(stderr, "fieldqc: %s\n", lc_msg);
    if (parse_args(argc, argv, &o, dbbuf, sizeof dbbuf) != 0)
        return 2;
    char data[1024], why[512];
    if (!o.assets) {
        if (fq_fsio_data_dir(data, sizeof data, why, sizeof why) != FQ_OK) {
            fprintf(stderr, "fieldqc: %s\n", why);
            return 1;
        }
        o.assets = data;
    }
    /* the catalogs beside the data folder: build/share/locale next to build/share/fieldqc,
     * /usr/share/locale next to /usr/share/fieldqc ($FIELDQC_LOCALEDIR wins) */
    char locale_dir[1100];
    char exe_data[1024];
    snprintf(locale_dir, sizeof locale_dir, "%s/../locale",
             fq_fsio_data_dir(exe_data, sizeof exe_data, why, sizeof why) == FQ_OK ? exe_data
                                                                                  : o.assets);
    if (!fq_i18n_open(locale_dir))
        fprintf(stderr, "fieldqc: no message locale (C.UTF-8): the screens stay English\n");
    fq_app_config acfg;
    memset(&acfg, 0, sizeof acfg);
    acfg.db_path = o.db;
    acfg.data_dir = o.assets;
    acfg.sync_dir = o.sync;
    acfg.demo = o.demo;
    if (o.now) {
        if (fq_utc_parse(o.now, &acfg.now_utc) != FQ_OK) {
            fprintf(stderr, "fieldqc: bad --now %s (YYYY-MM-DD)\n", o.now);
            return 2;
        }
        if (strlen(o.now) == 10)
            acfg.now_utc += 9 * 3600; /* a fixed morning, for reproducible screenshots */
    }
    acfg.backup_dir = o.backup;
    acfg.read_only = o.read_only;
    /* a database that cannot be opened is the error screen's to show (below), not a black
     * panel: only its display settings are missing then */
    fq_app *app = NULL;
    fq_err open_err = fq_app_open(&acfg, &app);
    /* the office's display settings, unless this run's flags say otherwise */
    fq_app_settings settings;
    memset(&settings, 0, sizeof settings);
    settings.brightness = 100;
    if (!open_err)
        fq_app_settings_get(app, &settings);
    if (o.w == 0) {
        o.w = settings.width;
        o.h = settings.height;
    }
    if (o.rotate < 0)
        o.rotate = settings.rotation > 0 ? settings.rotation : 0;
    if (o.dpi == 0 && settings.dpi > 0)
        o.dpi = (float)settings.dpi;
    char font_dir[1100];
    snprintf(font_dir, sizeof font_dir, "%s/fonts", o.assets);
    fq_platform_config pcfg = {o.w, o.h, o.fullscreen, "fieldqc", font_dir, NULL, o.rotate};
    fq_platform *p = NULL;
    char perr[300];
    if (fq_platform_open(&pcfg, &p, perr, sizeof perr) != FQ_UI_OK) {
        fprintf(stderr, "fieldqc: cannot open the display: %s\n", perr);
        fq_app_close(app);
        return 1;
    }
    /* a kiosk on a driver that shows nothing would run for ever with a black panel */
    if (fq_platform_headless(p) && !o.script) {
        fprintf(stderr, "fieldqc: SDL_VIDEODRIVER=%s shows nothing; it is for scripted tests "
                        "(--script). Use kmsdrm on a Pi console, x11 or wayland on a desktop.\n",
                getenv("SDL_VIDEODRIVER") ? getenv("SDL_VIDEODRIVER") : "(dummy)");
        fq_platform_close(p);
        fq_app_close(app);
        return 1;
    }
    fq_platform_size(p, &o.w, &o.h);
    fq_ui_config ucfg = {o.w, o.h, o.dpi, o.theme, true};
    fq_ui_text_measurer m = fq_platform_text_measurer(p);
    fq_ui *ui = fq_ui_new(&ucfg, &m);
    fq_platform_attach(p, ui);
#ifdef FQ_HAVE_PINYIN
    fq_ime *ime = pinyin_open(ui, o.db);
#endif
    host_ctx hc;
    memset(&hc, 0, sizeof hc);
    hc.p = p;
    /* scripts leave the panel alone, unless a test names its own backlight */
    hc.backlight = !o.script || getenv("FIELDQC_BACKLIGHT_DIR") ? fq_backlight_open() : NULL;
    session se;
    memset(&se, 0, sizeof se);
    se.cfg = acfg;
    se.ui = ui;
    se.script = o.script != NULL;
    se.db = o.db;
    se.host.load_image = load_image;
    se.host.free_image = free_image;
    se.host.register_rgb = register_rgb;
    vf.p = p;
    vf.w = o.w;
    vf.h = o.h;
    se.host.camera_open = camera_open;
    se.host.camera_poll = camera_poll;
    se.host.camera_take = camera_take;
    se.host.camera_close = camera_close;
    se.host.camera_list = camera_list;
    se.host.import_dir = o.import;
    se.host.apply_display = apply_display;
    se.host.restart = restart;
    se.host.user = &hc;
    apply_display(&hc, settings.brightness, settings.dim_after_s, settings.blank_after_s);
    /* the app, or the error screen: the inspector always sees why and what to do */
    session_show(&se, app, open_err, NULL);
    int rc = 0;
    if (o.script &&
        fq_platform_run_script(p, ui, o.script, o.shot_dir, screens_settle, &se) != FQ_UI_OK) {
        fprintf(stderr, "fieldqc: script %s: %s\n", o.script, fq_platform_errmsg(p));
        rc = 1;
    }
    /* the screens rebuild after each batch of events, never inside a handler; the next step
     * paints the new tree before it waits */
    if (!o.script || (rc == 0 && !o.exit_after_script)) {
        uint64_t mounts = 0;
        fq_fsio_mounts_stamp(&mounts);
        int64_t checked = fq_platform_now_ms();
        while (!hc.restart && fq_platform_step(p, ui)) {
            screens_settle(&se);
            idle_power(&hc);
            /* a USB stick plugged in or pulled: seen within 2 s (the loop wakes at least
             * every 5 s when idle, and at every touch) */
            if (fq_platform_now_ms() - checked >= 2000) {
                uint64_t now_mounts = 0;
                checked = fq_platform_now_ms();
                if (fq_fsio_mounts_stamp(&now_mounts) == FQ_OK && now_mounts != mounts) {
                    mounts = now_mounts;
                    if (se.app)
                        fq_screens_media_changed(se.screens);
                }
            }
        }
    }
    fq_backlight_set(hc.backlight, hc.brightness); /* never leave the panel dark */
    fq_backlight_close(hc.backlight);
    fq_screens_free(se.screens);
    camera_close(NULL);
    fq_ui_free(ui);
#ifdef FQ_HAVE_PINYIN
    fq_ime_close(ime);
#endif
    fq_platform_close(p);
    fq_app_close(se.app);
    return rc;
}
