/* The office handle: its store (office/ostore.h: a sqlite file or PostgreSQL, with the
 * office's bookkeeping tables), its signing key and its folders (photos in <base>.photos,
 * fsio's layout; pulled bundles in <base>.pull; bundles kept to forward in <base>.outgoing).
 * Also the option parsing the commands share. */
#include "office_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

fq_err fq_office_fail(fq_office *o, fq_err e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->errmsg, sizeof o->errmsg, fmt, ap);
    va_end(ap);
    return e;
}

/* The database's name in a URL (".../fieldqc?host=..." -> "fieldqc"), for the default photo
 * folder of a PostgreSQL office. */
static void url_db_name(const char *url, char *out, size_t out_len)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    const char *slash = strchr(p, '/');
    const char *name = slash ? slash + 1 : "";
    size_t len = strcspn(name, "?#");
    if (len == 0) {
        name = "fieldqc";
        len = strlen(name);
    }
    snprintf(out, out_len, "%.*s", (int)len, name);
}

/* The photo folder: photos (--photos), else $FIELDQC_PHOTOS, else "<db>.photos" beside a
 * database file or "<database name>.photos" in the current folder for a URL. The folder's
 * path without ".photos" is the base of the office's other folders (.pull, .outgoing). */
static fq_err place_files(fq_office *o, const char *db, const char *photos)
{
    const char *env = getenv("FIELDQC_PHOTOS");
    int n;
    if (photos && *photos) {
        n = snprintf(o->photo_dir, sizeof o->photo_dir, "%s", photos);
    } else if (env && *env) {
        n = snprintf(o->photo_dir, sizeof o->photo_dir, "%s", env);
    } else if (fq_ostore_is_url(db)) {
        char name[128];
        url_db_name(db, name, sizeof name);
        n = snprintf(o->photo_dir, sizeof o->photo_dir, "%s.photos", name);
    } else {
        n = fq_fsio_photo_dir_for_db(db, o->photo_dir, sizeof o->photo_dir) ? -1 : 0;
    }
    if (n < 0 || (size_t)n >= sizeof o->photo_dir)
        return fq_office_fail(o, FQ_ERR_INVALID, "database or photo folder path too long");
    size_t len = strlen(o->photo_dir);
    while (len > 1 && o->photo_dir[len - 1] == '/')
        o->photo_dir[--len] = '\0';
    if (len > 7 && !strcmp(o->photo_dir + len - 7, ".photos"))
        len -= 7;
    snprintf(o->base, sizeof o->base, "%.*s", (int)len, o->photo_dir);
    return FQ_OK;
}

fq_err fq_office_open(const char *db_path, fq_office **out)
{
    return fq_office_open_with(db_path, NULL, out);
}

fq_err fq_office_open_with(const char *db_path, const char *photo_dir, fq_office **out)
{
    fq_office *o = calloc(1, sizeof *o);
    if (!o)
        return FQ_ERR_NOMEM;
    *out = o;
    snprintf(o->db_path, sizeof o->db_path, "%s", db_path);
    fq_err e = place_files(o, db_path, photo_dir);
    if (e)
        return e;
    const char *name = getenv("FIELDQC_OFFICE_NAME");
    snprintf(o->name, sizeof o->name, "%s", name && *name ? name : "fieldqc-office");
    e = fq_media_new(&o->media);
    if (e)
        return fq_office_fail(o, e, "out of memory");
    e = fq_ostore_open(db_path, &o->db);
    if (e)
        return fq_office_fail(o, e, "%s: %s", fq_ostore_is_url(db_path) ? "database" : db_path,
                              fq_ostore_errmsg(o->db));
    /* photo files, pulled and forwarded bundles half-written by a killed run */
    char pull[sizeof o->base + 16];
    snprintf(pull, sizeof pull, "%s.pull", o->base);
    fq_fsio_sweep_tmp(o->photo_dir, 1);
    fq_fsio_sweep_tmp(pull, 0);
    snprintf(pull, sizeof pull, "%s.outgoing", o->base);
    fq_fsio_sweep_tmp(pull, 0);
    char server[8];
    o->forwarding = fq_ostore_setting_get(o->db, FQ_OFFICE_SETTING_PUSH_SERVER, server,
                                          sizeof server) == FQ_OK;
    o->errmsg[0] = '\0';
    return fq_office_load_key(o);
}

const char *fq_office_errmsg(const fq_office *o)
{
    return o ? o->errmsg : "out of memory";
}

fq_ostore *fq_office_store(fq_office *o)
{
    return o->db;
}

const char *fq_office_photo_dir(const fq_office *o)
{
    return o->photo_dir;
}

const char *fq_office_base(const fq_office *o)
{
    return o->base;
}

void fq_office_close(fq_office *o)
{
    if (!o)
        return;
    fq_ostore_close(o->db);
    fq_media_free(o->media);
    fq_bundle_key_wipe(&o->key);
    free(o);
}

fq_err fq_office_data_dir(char *out, size_t out_len, const char *sub)
{
    char dir[FQ_BUNDLE_PATH_LEN], why[FQ_BUNDLE_ERR_LEN];
    fq_err e = fq_fsio_data_dir(dir, sizeof dir, why, sizeof why);
    if (e) {
        fprintf(stderr, "fieldqc-office: %s\n", why);
        return e;
    }
    int n = snprintf(out, out_len, "%s%s%s", dir, sub ? "/" : "", sub ? sub : "");
    return n < 0 || (size_t)n >= out_len ? FQ_ERR_INVALID : FQ_OK;
}

int fq_office_parse_args(int argc, char **argv, const char *const *names, int n_names,
                         fq_office_args *out)
{
    return fq_office_parse_args_flags(argc, argv, names, n_names, NULL, 0, out);
}

int fq_office_parse_args_flags(int argc, char **argv, const char *const *names, int n_names,
                               const char *const *flags, int n_flags, fq_office_args *out)
{
    memset(out, 0, sizeof *out);
    out->db = FQ_OFFICE_DEFAULT_DB;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int matched = 0;
        if (strcmp(a, "--db") == 0 && i + 1 < argc) {
            out->db = argv[++i];
            continue;
        }
        if (strcmp(a, "--photos") == 0 && i + 1 < argc) {
            out->photos = argv[++i];
            continue;
        }
        for (int k = 0; k < n_flags && k < 8; k++)
            if (strcmp(a, flags[k]) == 0)
                out->flag[k] = matched = 1;
        if (matched)
            continue;
        for (int k = 0; k < n_names && k < 8; k++)
            if (strcmp(a, names[k]) == 0) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "fieldqc-office %s: %s needs a value\n", argv[0], a);
                    return 2;
                }
                out->opt[k] = argv[++i];
                matched = 1;
            }
        if (matched)
            continue;
        if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "fieldqc-office %s: unknown option %s\n", argv[0], a);
            return 2;
        }
        if (out->n_pos >= 256) {
            fprintf(stderr, "fieldqc-office %s: too many arguments\n", argv[0]);
            return 2;
        }
        out->pos[out->n_pos++] = a;
    }
    return 0;
}
