/* The device's own settings (never synced) and what the Settings screen shows: the
 * inspector's part (brightness, dim and blank timeouts, language) and the office's part behind
 * a PIN (sync folder, display, rotation, clock), the clock's plausibility, the sync folder's
 * medium (is the USB stick really mounted?) and the About facts. Part of fq_app: the same
 * handle, errors in fq_app_errmsg. */
#ifndef FQ_SERVICES_SETTINGS_H
#define FQ_SERVICES_SETTINGS_H

#include <stdbool.h>
#include <stdint.h>

#include "services/app.h"

typedef struct fq_app_settings {
    /* the inspector's */
    int32_t brightness;     /* percent, 10..100 */
    int32_t dim_after_s;    /* idle seconds before the panel dims; 0 = never */
    int32_t blank_after_s;  /* idle seconds before it goes dark; 0 = never */
    char language[16];      /* the inspector's language: "en", "zh_CN" (fq_i18n_languages);
                               stored per inspector name, else the device's */
    char device_language[16]; /* the device's, for inspectors who never chose (office) */
    /* the office's (PIN) */
    char sync_dir[1024];    /* "" = none; --sync overrides for the run */
    int32_t rotation;       /* 0, 90, 180, 270 */
    int32_t width, height;  /* UI size; 0x0 = the display's */
    int32_t dpi;            /* 0 = from the size */
} fq_app_settings;

#define FQ_APP_LANGUAGE_KEY_LEN 96

/* Defaults for a database that has none: 80 %, dim after 2 min, dark after 10 min. */
void fq_app_settings_defaults(fq_app_settings *out);

/* The stored settings (defaults for what was never set). */
fq_err fq_app_settings_get(fq_app *app, fq_app_settings *out);

/* Stores every setting that changed, after checking them all (FQ_ERR_INVALID with the reason
 * for the first bad one, nothing stored). A changed sync folder is used from the next sync
 * on, unless --sync set this run's. */
fq_err fq_app_settings_put(fq_app *app, const fq_app_settings *in);

/* ---- the office PIN (argon2id through libsodium; only the hash is stored) ---- */

bool fq_app_pin_is_set(fq_app *app);
/* FQ_OK for the right PIN (or none set); FQ_ERR_UNTRUSTED for a wrong one; after 5 wrong ones
 * in a row FQ_ERR_CONFLICT for 60 s, whatever is typed. */
fq_err fq_app_pin_check(fq_app *app, const char *pin);
/* Sets the PIN (4 to 8 digits); "" removes it. */
fq_err fq_app_pin_set(fq_app *app, const char *pin);

/* ---- the clock ---- */

typedef struct fq_app_clock_view {
    int64_t now_utc;
    int64_t office_utc;       /* the office's time in its newest file (0: none yet) */
    int64_t office_seen_utc;  /* the device's time when that file was applied */
    bool plausible;
    char reason[240];
} fq_app_clock_view;

fq_err fq_app_clock_get(fq_app *app, fq_app_clock_view *out);

/* Sets the system clock (the package's polkit rule lets the kiosk user) to utc, through
 * $FIELDQC_SET_TIME_CMD (default "env TZ=UTC timedatectl set-time") with
 * "YYYY-MM-DD HH:MM:SS" UTC. */
fq_err fq_app_clock_set(fq_app *app, int64_t utc);

/* Sets the device's time zone, an IANA name ("Asia/Shanghai"), system-wide through
 * $FIELDQC_SET_TIMEZONE_CMD (default "timedatectl set-timezone"; the polkit rule allows it),
 * and for this run at once: dates and times are drawn in it. FQ_ERR_INVALID when the zone
 * database ($TZDIR or /usr/share/zoneinfo) has no such zone. */
fq_err fq_app_zone_set(fq_app *app, const char *name);

/* ---- the sync folder's medium ---- */

typedef struct fq_app_sync_medium {
    bool set;             /* a sync folder is configured */
    bool removable;       /* meant for a USB stick: below /media, /mnt, /run/media
                           * ($FIELDQC_MEDIA_ROOTS) */
    bool present;         /* removable: a file system other than the SD card's is mounted */
    char dir[1024];       /* the sync folder */
    char mount_point[1024];
    char fstype[64];
    int64_t free_bytes;   /* -1: unknown */
    char reason[400];     /* !present: what to do */
} fq_app_sync_medium;

fq_err fq_app_sync_medium_get(fq_app *app, fq_app_sync_medium *out);

/* "Safe to remove": flushes the stick and unmounts it through $FIELDQC_EJECT_CMD (default
 * "systemd-umount") with its mount point. FQ_ERR_NOTFOUND when no stick is mounted. */
fq_err fq_app_sync_eject(fq_app *app);

/* ---- About ---- */

typedef struct fq_app_about {
    char version[32];
    char device_id[64];
    char inspector[64];
    char device_key[FQ_APP_FINGERPRINT_LEN];
    char office_key[FQ_APP_FINGERPRINT_LEN]; /* "" until the first office file */
    char db_path[1024];
    int32_t schema_version;
    int32_t format_version;
} fq_app_about;

fq_err fq_app_about_get(fq_app *app, fq_app_about *out);

#endif
