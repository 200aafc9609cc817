/* The office database: an fq_store database (same schema and apply path as the device) plus
 * the office's bookkeeping tables (fq_store_office_init: the import log the receipts are
 * computed from, and which device sent which photo; fq_store_office_keys_init: enrolled
 * devices) and its signing key. Photos live in <db>.photos (fsio's layout). Also the option
 * parsing the commands share. */
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

fq_err fq_office_open(const char *db_path, fq_office **out)
{
    fq_office *o = calloc(1, sizeof *o);
    if (!o)
        return FQ_ERR_NOMEM;
    *out = o;
    snprintf(o->db_path, sizeof o->db_path, "%s", db_path);
    if (fq_fsio_photo_dir_for_db(db_path, o->photo_dir, sizeof o->photo_dir))
        return fq_office_fail(o, FQ_ERR_INVALID, "database path too long");
    const char *name = getenv("FIELDQC_OFFICE_NAME");
    snprintf(o->name, sizeof o->name, "%s", name && *name ? name : "fieldqc-office");
    fq_err e = fq_media_new(&o->media);
    if (e)
        return fq_office_fail(o, e, "out of memory");
    e = fq_store_open(db_path, &o->st);
    if (e)
        return fq_office_fail(o, e, "%s: %s", db_path, fq_store_errmsg(o->st));
    /* photo files and pulled bundles half-written by a killed run */
    char pull[sizeof o->db_path + 8];
    snprintf(pull, sizeof pull, "%s.pull", db_path);
    fq_fsio_sweep_tmp(o->photo_dir, 1);
    fq_fsio_sweep_tmp(pull, 0);
    if ((e = fq_store_office_init(o->st)) || (e = fq_store_office_keys_init(o->st)))
        return fq_office_fail(o, e, "%s: office tables: %s", db_path, fq_store_errmsg(o->st));
    return fq_office_load_key(o);
}

const char *fq_office_errmsg(const fq_office *o)
{
    return o ? o->errmsg : "out of memory";
}

fq_store *fq_office_store(fq_office *o)
{
    return o->st;
}

void fq_office_close(fq_office *o)
{
    if (!o)
        return;
    fq_store_close(o->st);
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
