/* Settings, the office PIN, the clock, the sync folder's medium and About (settings.h).
 * Settings are rows of the store's local settings table, one key each, never synced. */
#include "app_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "core/civil.h"
#include "core/clock.h"
#include "fsio/fsio.h"
#include "i18n/when.h"
#include "services/settings.h"
#include "services/sync.h"
#include "system/system.h"

#ifndef FQ_VERSION
#define FQ_VERSION "unknown"
#endif
#ifndef FQ_BUILD_UTC
#define FQ_BUILD_UTC 0
#endif

#define PIN_TRIES 5
#define PIN_LOCK_S 60

void fq_app_settings_defaults(fq_app_settings *out)
{
    memset(out, 0, sizeof *out);
    out->brightness = 80;
    out->dim_after_s = 120;
    out->blank_after_s = 600;
    snprintf(out->language, sizeof out->language, "en");
    snprintf(out->device_language, sizeof out->device_language, "en");
}

static void get_int(fq_app *app, const char *key, int32_t *v)
{
    char buf[32];
    if (fq_store_setting_get(app->store, key, buf, sizeof buf) == FQ_OK) {
        char *end = NULL;
        long n = strtol(buf, &end, 10);
        if (end != buf && *end == '\0' && n >= INT32_MIN && n <= INT32_MAX)
            *v = (int32_t)n;
    }
}

static void get_i64(fq_app *app, const char *key, int64_t *v)
{
    char buf[32];
    *v = 0;
    if (fq_store_setting_get(app->store, key, buf, sizeof buf) == FQ_OK)
        *v = strtoll(buf, NULL, 10);
}

/* The inspector's own language is kept by name: a tablet shared by two inspectors draws
 * each one's screens in their language. */
static void language_key(fq_app *app, char *key, size_t len)
{
    snprintf(key, len, "language.%s", fq_app_inspector(app));
}

static bool known_language(const char *code)
{
    size_t n = 0;
    const char *const *codes = fq_i18n_languages(&n);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(code, codes[i]))
            return true;
    return false;
}

fq_err fq_app_settings_get(fq_app *app, fq_app_settings *out)
{
    fq_app_enter(app);
    fq_app_settings_defaults(out);
    get_int(app, "brightness", &out->brightness);
    get_int(app, "dim_after_s", &out->dim_after_s);
    get_int(app, "blank_after_s", &out->blank_after_s);
    get_int(app, "rotation", &out->rotation);
    get_int(app, "ui_width", &out->width);
    get_int(app, "ui_height", &out->height);
    get_int(app, "dpi", &out->dpi);
    char buf[1024];
    if (fq_store_setting_get(app->store, "language", buf, sizeof buf) == FQ_OK && buf[0])
        snprintf(out->language, sizeof out->language, "%s", buf);
    snprintf(out->device_language, sizeof out->device_language, "%s", out->language);
    /* the inspector's own choice wins over the device's */
    char key[FQ_APP_LANGUAGE_KEY_LEN];
    language_key(app, key, sizeof key);
    if (fq_store_setting_get(app->store, key, buf, sizeof buf) == FQ_OK && buf[0])
        snprintf(out->language, sizeof out->language, "%s", buf);
    if (fq_store_setting_get(app->store, "sync_dir", buf, sizeof buf) == FQ_OK)
        snprintf(out->sync_dir, sizeof out->sync_dir, "%s", buf);
    return FQ_OK;
}

static fq_err check(fq_app *app, const fq_app_settings *in)
{
    if (in->brightness < 10 || in->brightness > 100)
        return fq_app_fail(app, FQ_ERR_INVALID, "brightness is 10 to 100 %%");
    if (in->dim_after_s < 0 || in->dim_after_s > 24 * 3600 || in->blank_after_s < 0 ||
        in->blank_after_s > 24 * 3600)
        return fq_app_fail(app, FQ_ERR_INVALID, "timeouts are 0 (never) to 24 hours");
    if (in->rotation != 0 && in->rotation != 90 && in->rotation != 180 && in->rotation != 270)
        return fq_app_fail(app, FQ_ERR_INVALID, "rotation is 0, 90, 180 or 270");
    bool no_size = in->width == 0 && in->height == 0;
    if (!no_size && (in->width < 200 || in->height < 200 || in->width > 4096 ||
                     in->height > 4096))
        return fq_app_fail(app, FQ_ERR_INVALID, "size %dx%d: 200 to 4096 pixels a side",
                           (int)in->width, (int)in->height);
    if (in->dpi != 0 && (in->dpi < 50 || in->dpi > 800))
        return fq_app_fail(app, FQ_ERR_INVALID, "DPI is 50 to 800 (0: from the size)");
    if (in->sync_dir[0] && in->sync_dir[0] != '/')
        return fq_app_fail(app, FQ_ERR_INVALID, "the sync folder must be a full path (/...)");
    if (!known_language(in->language) || !known_language(in->device_language))
        return fq_app_fail(app, FQ_ERR_INVALID, "bad language code");
    return FQ_OK;
}

static fq_err put_int(fq_app *app, const char *key, int32_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%d", (int)v);
    return fq_store_setting_set(app->store, key, buf);
}

fq_err fq_app_settings_put(fq_app *app, const fq_app_settings *in)
{
    fq_app_enter(app);
    fq_err err = check(app, in);
    if (err)
        return err;
    if ((err = fq_app_begin(app)))
        return err;
    if (!err) err = put_int(app, "brightness", in->brightness);
    if (!err) err = put_int(app, "dim_after_s", in->dim_after_s);
    if (!err) err = put_int(app, "blank_after_s", in->blank_after_s);
    if (!err) err = put_int(app, "rotation", in->rotation);
    if (!err) err = put_int(app, "ui_width", in->width);
    if (!err) err = put_int(app, "ui_height", in->height);
    if (!err) err = put_int(app, "dpi", in->dpi);
    /* the inspector's own language only once it differs from the device's (or was chosen
     * before): saving brightness must not pin the device's default onto the inspector */
    char key[FQ_APP_LANGUAGE_KEY_LEN];
    char own[32];
    language_key(app, key, sizeof key);
    bool chosen = fq_store_setting_get(app->store, key, own, sizeof own) == FQ_OK && own[0];
    if (!err && (chosen || strcmp(in->language, in->device_language) != 0))
        err = fq_store_setting_set(app->store, key, in->language);
    if (!err) err = fq_store_setting_set(app->store, "language", in->device_language);
    if (!err) err = fq_store_setting_set(app->store, "sync_dir", in->sync_dir);
    if (err)
        fq_app_store_fail(app, err);
    err = fq_app_end(app, err);
    if (!err && !app->sync_dir_fixed)
        snprintf(app->sync_dir, sizeof app->sync_dir, "%s", in->sync_dir);
    return err;
}

/* ---- PIN ---- */

bool fq_app_pin_is_set(fq_app *app)
{
    char hash[crypto_pwhash_STRBYTES];
    return fq_store_setting_get(app->store, "office_pin", hash, sizeof hash) == FQ_OK &&
           hash[0];
}

fq_err fq_app_pin_check(fq_app *app, const char *pin)
{
    fq_app_enter(app);
    char hash[crypto_pwhash_STRBYTES];
    if (fq_store_setting_get(app->store, "office_pin", hash, sizeof hash) != FQ_OK || !hash[0])
        return FQ_OK;
    /* the device's monotonic-enough clock: the lock only has to hold off a guessing hand */
    int64_t now = fq_app_now(app);
    if (app->pin_fails >= PIN_TRIES && now < app->pin_locked_until)
        return fq_app_fail(app, FQ_ERR_CONFLICT, "too many wrong PINs: wait %lld s",
                           (long long)(app->pin_locked_until - now));
    if (sodium_init() < 0)
        return fq_app_fail(app, FQ_ERR_UNSUPPORTED, "libsodium cannot start");
    if (pin && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0) {
        app->pin_fails = 0;
        return FQ_OK;
    }
    if (++app->pin_fails >= PIN_TRIES)
        app->pin_locked_until = now + PIN_LOCK_S;
    return fq_app_fail(app, FQ_ERR_UNTRUSTED, "wrong PIN");
}

fq_err fq_app_pin_set(fq_app *app, const char *pin)
{
    fq_app_enter(app);
    size_t n = strlen(pin);
    if (n != 0 && (n < 4 || n > 8 || strspn(pin, "0123456789") != n))
        return fq_app_fail(app, FQ_ERR_INVALID, "the PIN is 4 to 8 digits");
    char hash[crypto_pwhash_STRBYTES] = "";
    if (n) {
        if (sodium_init() < 0)
            return fq_app_fail(app, FQ_ERR_UNSUPPORTED, "libsodium cannot start");
        /* interactive limits: a second on a Pi 3, and the PIN only keeps hands out */
        if (crypto_pwhash_str(hash, pin, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            return fq_app_fail(app, FQ_ERR_NOMEM, "not enough memory to hash the PIN");
    }
    fq_err err = fq_store_setting_set(app->store, "office_pin", hash);
    sodium_memzero(hash, sizeof hash);
    return fq_app_store_fail(app, err);
}

/* ---- clock ---- */

fq_err fq_app_clock_get(fq_app *app, fq_app_clock_view *out)
{
    fq_app_enter(app);
    memset(out, 0, sizeof *out);
    out->now_utc = fq_app_now(app);
    get_i64(app, "office_time_utc", &out->office_utc);
    get_i64(app, "office_time_seen_utc", &out->office_seen_utc);
    /* a fixed clock (--now: demos, scripted tests) is deliberately in the past */
    fq_clock_facts f = {out->now_utc, app->fixed_now ? 0 : (int64_t)FQ_BUILD_UTC,
                        out->office_utc, out->office_seen_utc};
    fq_clock_verdict v = fq_clock_judge(&f);
    out->plausible = v.plausible;
    snprintf(out->reason, sizeof out->reason, "%s", v.reason);
    return FQ_OK;
}

fq_err fq_app_clock_set(fq_app *app, int64_t utc)
{
    fq_app_enter(app);
    if (utc < (int64_t)FQ_BUILD_UTC - 86400)
        return fq_app_fail(app, FQ_ERR_INVALID, "that date is before this app was made");
    char when[40], msg[300] = "";
    fq_utc_format(utc, when, sizeof when);
    /* "YYYY-MM-DDTHH:MM:SSZ" -> "YYYY-MM-DD HH:MM:SS" in UTC, which timedatectl reads in its
     * own TZ: UTC for the child only, the app keeps drawing local times */
    if (strlen(when) >= 19) {
        when[10] = ' ';
        when[19] = '\0';
    }
    fq_err err = fq_system_run("FIELDQC_SET_TIME_CMD", "env TZ=UTC timedatectl set-time", when,
                               msg, sizeof msg);
    if (err)
        return fq_app_fail(app, err, "the clock was not set: %s", msg);
    return FQ_OK;
}

/* An IANA zone name the zone database holds: letters, digits, "_+-" and "/" between parts,
 * never ".." or a leading "/", so it cannot name any other file. */
static bool zone_known(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 64 || name[0] == '/' || strstr(name, "..") || strstr(name, "//"))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '+' || c == '-' || c == '/'))
            return false;
    }
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

fq_err fq_app_zone_set(fq_app *app, const char *name)
{
    fq_app_enter(app);
    if (!zone_known(name))
        return fq_app_fail(app, FQ_ERR_INVALID, "no time zone is called \"%s\" (for example Asia/Shanghai)",
                           name);
    char msg[300] = "";
    fq_err err = fq_system_run("FIELDQC_SET_TIMEZONE_CMD", "timedatectl set-timezone", name,
                               msg, sizeof msg);
    if (err)
        return fq_app_fail(app, err, "the time zone was not set: %s", msg);
    fq_i18n_zone_use(name);
    return FQ_OK;
}

/* ---- the sync folder's medium ---- */

/* The folders USB sticks are mounted below: /media, /mnt and /run/media, or the
 * colon-separated list in $FIELDQC_MEDIA_ROOTS (tests, other layouts). The root's length
 * (without the slash) when dir is below one, else 0. */
static size_t removable_root(const char *dir)
{
    const char *env = getenv("FIELDQC_MEDIA_ROOTS");
    const char *list = env && *env ? env : "/media:/mnt:/run/media";
    while (*list) {
        size_t n = strcspn(list, ":");
        if (n > 0 && strncmp(dir, list, n) == 0 && dir[n] == '/' && dir[n + 1] != '\0')
            return n;
        list += n;
        if (*list == ':')
            list++;
    }
    return 0;
}

bool fq_app_sync_dir_usable(const char *sync_dir)
{
    size_t rl = removable_root(sync_dir);
    if (rl == 0)
        return true; /* a plain folder (a share, a test): no stick to wait for */
    fq_fsio_mount m;
    if (fq_fsio_mount_of(sync_dir, &m, NULL, 0) != FQ_OK)
        return false;
    return strncmp(m.point, sync_dir, rl) == 0 && m.point[rl] == '/' && m.point[rl + 1] != '\0';
}

fq_err fq_app_sync_medium_get(fq_app *app, fq_app_sync_medium *out)
{
    fq_app_enter(app);
    memset(out, 0, sizeof *out);
    out->free_bytes = -1;
    snprintf(out->dir, sizeof out->dir, "%s", app->sync_dir);
    out->set = app->sync_dir[0] != '\0';
    if (!out->set) {
        snprintf(out->reason, sizeof out->reason, "%s",
                 _("No sync folder is set: the office sets it in Settings."));
        return FQ_OK;
    }
    size_t rl = removable_root(app->sync_dir);
    out->removable = rl > 0;
    fq_fsio_mount m;
    char why[300];
    fq_err err = fq_fsio_mount_of(app->sync_dir, &m, why, sizeof why);
    if (err)
        return fq_app_fail(app, err, "cannot tell where %s is: %s", app->sync_dir, why);
    snprintf(out->mount_point, sizeof out->mount_point, "%s", m.point);
    snprintf(out->fstype, sizeof out->fstype, "%s", m.fstype);
    /* a stick is mounted on a folder below the root (/media/fieldqc), never on /media itself */
    out->present = rl == 0 || (strncmp(m.point, app->sync_dir, rl) == 0 && m.point[rl] == '/' &&
                               m.point[rl + 1] != '\0');
    if (!out->present) {
        snprintf(out->reason, sizeof out->reason,
                 _("No USB stick is mounted for %s (it is on %s, the device's own storage). "
                   "Plug in the FIELDQC stick."),
                 app->sync_dir, m.point);
        return FQ_OK;
    }
    if (fq_fsio_free_bytes(m.point, &out->free_bytes) != FQ_OK)
        out->free_bytes = -1;
    return FQ_OK;
}

fq_err fq_app_sync_medium_check(fq_app *app)
{
    fq_app_sync_medium m;
    fq_err err = fq_app_sync_medium_get(app, &m);
    if (err)
        return err;
    if (m.set && !m.present)
        return fq_app_fail(app, FQ_ERR_NOTFOUND, "%s", m.reason);
    return FQ_OK;
}

fq_err fq_app_sync_eject(fq_app *app)
{
    fq_app_sync_medium m;
    fq_err err = fq_app_sync_medium_get(app, &m);
    if (err)
        return err;
    if (!m.removable || !m.present)
        return fq_app_fail(app, FQ_ERR_NOTFOUND, "no USB stick is mounted for the sync folder");
    /* the daily backup, made on its own thread, may be copying onto the stick: it finishes
     * first, or it would go on into the bare mount point on the device's own disk */
    fq_app_backup_job_end(app);
    char msg[300] = "";
    /* what is written is already fsynced; sync() also flushes what others wrote */
    sync();
    err = fq_system_run("FIELDQC_EJECT_CMD", "systemd-umount", m.mount_point, msg, sizeof msg);
    if (err)
        return fq_app_fail(app, err, "the stick is still mounted: %s", msg);
    return FQ_OK;
}

/* ---- about ---- */

fq_err fq_app_about_get(fq_app *app, fq_app_about *out)
{
    fq_app_enter(app);
    memset(out, 0, sizeof *out);
    snprintf(out->version, sizeof out->version, "%s", FQ_VERSION);
    snprintf(out->device_id, sizeof out->device_id, "%s", fq_app_device_id(app));
    snprintf(out->inspector, sizeof out->inspector, "%s", fq_app_inspector(app));
    snprintf(out->db_path, sizeof out->db_path, "%s", app->db_path);
    out->schema_version = FQ_STORE_SCHEMA_VERSION;
    out->format_version = FQ_BUNDLE_FORMAT_VERSION;
    fq_bundle_key key;
    char why[256];
    if (fq_app_sync_key_load(app->store, &key, why, sizeof why) == FQ_OK)
        fq_bundle_fingerprint(key.public_hex, out->device_key);
    fq_bundle_key_wipe(&key);
    fq_store_office_trust t;
    if (fq_store_sync_office_trust(app->store, &t) == FQ_OK && t.key[0])
        fq_bundle_fingerprint(t.key, out->office_key);
    return FQ_OK;
}
