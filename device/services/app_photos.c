/* Photos as evidence: the Photos step's read model (a visit's photos grouped by what they
 * prove), importing a JPEG file or a camera capture onto a subject, where a stored photo's
 * file is, and the JPEG files an import folder offers. */
#include "app_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fsio/fsio.h"

/* ---- read model ---- */

typedef struct group_key {
    const fq_photo *ph;
    size_t i;
} group_key;

/* All signatures are one group: they prove one thing, the sign-off. */
static const char *group_uuid(const fq_photo *p)
{
    return p->subject_kind == FQ_SUBJ_SIGNATURE ? "" : p->subject_uuid;
}

/* the visit's own photos first (FQ_SUBJ_VISIT is 0), then by kind and subject, then in
 * creation order */
static int cmp_group(const void *a, const void *b)
{
    const group_key *x = a, *y = b;
    if (x->ph->subject_kind != y->ph->subject_kind)
        return x->ph->subject_kind < y->ph->subject_kind ? -1 : 1;
    int c = strcmp(group_uuid(x->ph), group_uuid(y->ph));
    if (c)
        return c;
    return x->i < y->i ? -1 : x->i > y->i;
}

static bool same_group(const fq_photo *a, const fq_photo *b)
{
    return a->subject_kind == b->subject_kind && !strcmp(group_uuid(a), group_uuid(b));
}

static void subject_text(const fq_photo *p, const fq_finding *f, size_t nf, char *buf, size_t len)
{
    buf[0] = '\0';
    for (size_t i = 0; p->subject_kind == FQ_SUBJ_FINDING && i < nf; i++)
        if (!strcmp(f[i].meta.uuid, p->subject_uuid))
            snprintf(buf, len, "%s", f[i].text);
}

fq_err fq_app_photos_read(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                          const char *subject_uuid, fq_app_photo_row **out, size_t *out_n)
{
    fq_app_enter(app);
    void *ph_v = NULL, *f_v = NULL;
    size_t n = 0, nf = 0, m = 0;
    fq_err err = fq_app_list_of_visit(app, FQ_ENT_PHOTO, visit_uuid, &ph_v, &n);
    if (!err)
        err = fq_app_list_of_visit(app, FQ_ENT_FINDING, visit_uuid, &f_v, &nf);
    const fq_photo *ph = ph_v;
    group_key *keys = n ? calloc(n, sizeof *keys) : NULL;
    fq_app_photo_row *rows = n ? calloc(n, sizeof *rows) : NULL;
    if (!err && n && (!keys || !rows))
        err = fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !err && i < n; i++)
        if (!subject_uuid ||
            (ph[i].subject_kind == subject_kind && !strcmp(ph[i].subject_uuid, subject_uuid))) {
            keys[m].ph = &ph[i];
            keys[m].i = i;
            m++;
        }
    if (!err && m)
        qsort(keys, m, sizeof *keys, cmp_group);
    for (size_t k = 0; !err && k < m; k++) {
        fq_app_photo_row *r = &rows[k];
        r->photo = *keys[k].ph;
        subject_text(&r->photo, f_v, nf, r->subject_text, sizeof r->subject_text);
        r->group_first = k == 0 || !same_group(keys[k].ph, keys[k - 1].ph);
        for (size_t j = k; r->group_first && j < m && same_group(keys[j].ph, keys[k].ph); j++)
            r->group_size++;
        if (!r->group_first)
            r->group_size = rows[k - 1].group_size;
    }
    free(keys);
    free(ph_v);
    free(f_v);
    if (err || !m) {
        free(rows);
        rows = NULL;
    }
    if (err)
        return err;
    *out = rows;
    *out_n = m;
    return FQ_OK;
}

/* ---- attaching ---- */

fq_err fq_app_photo_attach_file(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                                const char *subject_uuid, const char *jpeg_path, fq_photo *out,
                                bool *out_already)
{
    fq_app_enter(app);
    fq_media_result res;
    fq_err err = fq_media_process_file(app->media, app->photo_dir, jpeg_path, &res);
    if (err) {
        char what[1100];
        snprintf(what, sizeof what, "photo %s", jpeg_path);
        return fq_app_log_failure(app, fq_app_fail(app, err, "%s", fq_media_errmsg(app->media)),
                                  what);
    }
    /* the file is durable now; the record follows in one transaction */
    void *arr = NULL;
    size_t n = 0;
    fq_photo p;
    memset(&p, 0, sizeof p);
    err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_store_fail(
        app, fq_store_list(app->store, FQ_ENT_PHOTO, "sha256", res.sha256, NULL, &arr, &n));
    bool already = false;
    /* the same photo on the same subject is one record */
    for (size_t i = 0; !err && i < n && !already; i++) {
        const fq_photo *x = (const fq_photo *)arr + i;
        if (!strcmp(x->subject_uuid, subject_uuid ? subject_uuid : "") &&
            x->subject_kind == subject_kind) {
            p = *x;
            already = true;
        }
    }
    free(arr);
    if (!err && !already) {
        snprintf(p.visit_uuid, sizeof p.visit_uuid, "%s", visit_uuid);
        snprintf(p.subject_uuid, sizeof p.subject_uuid, "%s", subject_uuid ? subject_uuid : "");
        p.subject_kind = subject_kind;
        snprintf(p.sha256, sizeof p.sha256, "%s", res.sha256);
        snprintf(p.thumb_sha256, sizeof p.thumb_sha256, "%s", res.thumb_sha256);
        p.width = res.width;
        p.height = res.height;
        p.bytes = res.bytes;
        p.captured_utc = res.captured_utc ? res.captured_utc : fq_app_now(app);
        err = fq_app_put(app, FQ_ENT_PHOTO, &p);
    }
    err = fq_app_end(app, err);
    if (err)
        return err;
    if (out)
        *out = p;
    if (out_already)
        *out_already = already;
    return FQ_OK;
}

fq_err fq_app_capture_path(fq_app *app, char *buf, size_t buf_len)
{
    fq_app_enter(app);
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(buf, buf_len, "%s/fieldqc-capture.jpg", tmp && *tmp ? tmp : "/tmp");
    if (n < 0 || (size_t)n >= buf_len)
        return fq_app_fail(app, FQ_ERR_INVALID, "the capture path does not fit");
    return FQ_OK;
}

fq_err fq_app_photo_attach_capture(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                                   const char *subject_uuid, const char *jpeg_path, fq_photo *out,
                                   bool *out_already)
{
    fq_err err = fq_app_photo_attach_file(app, visit_uuid, subject_kind, subject_uuid, jpeg_path,
                                          out, out_already);
    remove(jpeg_path); /* a capture left behind would be offered again next time */
    return err;
}

fq_err fq_app_photo_path(fq_app *app, const fq_photo *photo, int thumbnail, char *buf,
                         size_t buf_len)
{
    fq_app_enter(app);
    fq_err err = fq_fsio_photo_path(app->photo_dir, thumbnail ? photo->thumb_sha256 : photo->sha256,
                                    buf, buf_len);
    if (err)
        return fq_app_fail(app, err, "photo %s has no valid file name", photo->meta.uuid);
    return FQ_OK;
}

/* ---- the import folder ---- */

static bool is_jpeg(const char *name)
{
    const char *dot = strrchr(name, '.');
    return name[0] != '.' && dot && (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"));
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(((const fq_app_import_file *)a)->name, ((const fq_app_import_file *)b)->name);
}

fq_err fq_app_import_list(fq_app *app, const char *dir, fq_app_import_file **out, size_t *out_n)
{
    fq_app_enter(app);
    if (fq_app_blank(dir))
        return fq_app_fail(app, FQ_ERR_NOTFOUND, "no import folder");
    DIR *d = opendir(dir);
    if (!d)
        return fq_app_fail(app, fq_fsio_errno_err(errno), "import folder %s is not there", dir);
    fq_app_import_file *files = calloc(FQ_APP_IMPORT_MAX, sizeof *files);
    size_t n = 0;
    struct dirent *de;
    while (files && n < FQ_APP_IMPORT_MAX && (de = readdir(d)) != NULL)
        if (is_jpeg(de->d_name) && strlen(de->d_name) < sizeof files[0].name)
            snprintf(files[n++].name, sizeof files[0].name, "%s", de->d_name);
    closedir(d);
    if (!files)
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    if (n)
        qsort(files, n, sizeof *files, cmp_names);
    if (!n) {
        free(files);
        files = NULL;
    }
    *out = files;
    *out_n = n;
    return FQ_OK;
}
