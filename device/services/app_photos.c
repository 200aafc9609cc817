/* Photos as evidence: the Photos step's read model (a visit's photos grouped by what they
 * prove), importing a JPEG file or a camera capture onto a subject, where a stored photo's
 * file is, and the JPEG files an import folder offers. */
#include "app_internal.h"

#include "core/names.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/names.h"
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
        fq_meas_spec sp;
        fq_site_test st;
        fq_milestone ms;
        if (r->photo.subject_kind == FQ_SUBJ_MEAS_POINT &&
            fq_store_get_meas_spec(app->store, r->photo.subject_uuid, &sp) == FQ_OK)
            snprintf(r->subject_text, sizeof r->subject_text, _("Point %.30s %.200s"), sp.point,
                     sp.description);
        else if (r->photo.subject_kind == FQ_SUBJ_MILESTONE &&
                 fq_store_get(app->store, FQ_ENT_MILESTONE, r->photo.subject_uuid, &ms) == FQ_OK)
            snprintf(r->subject_text, sizeof r->subject_text, _("Milestone: %s"),
                     ms.title[0] ? ms.title : _(fq_milestone_kind_name(ms.kind)));
        else if (r->photo.subject_kind == FQ_SUBJ_SITE_TEST &&
                 fq_store_get_site_test(app->store, r->photo.subject_uuid, &st) == FQ_OK)
            snprintf(r->subject_text, sizeof r->subject_text, "%s", fq_site_test_name(st.kind));
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

/* Records a stored photo (files durable already) on a subject, in one transaction: the same
 * photo on the same subject is one record. */
static fq_err record_photo(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                           const char *subject_uuid, const fq_media_result *res, fq_photo *out,
                           bool *out_already)
{
    void *arr = NULL;
    size_t n = 0;
    fq_photo p;
    memset(&p, 0, sizeof p);
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_store_fail(
        app, fq_store_list(app->store, FQ_ENT_PHOTO, "sha256", res->sha256, NULL, &arr, &n));
    bool already = false;
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
        snprintf(p.sha256, sizeof p.sha256, "%s", res->sha256);
        snprintf(p.thumb_sha256, sizeof p.thumb_sha256, "%s", res->thumb_sha256);
        p.width = res->width;
        p.height = res->height;
        p.bytes = res->bytes;
        p.captured_utc = res->captured_utc ? res->captured_utc : fq_app_now(app);
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
    return record_photo(app, visit_uuid, subject_kind, subject_uuid, &res, out, out_already);
}

/* Records a marked-up copy of orig (its files stored as res): same visit and subject,
 * annotated_from = the original; one transaction. */
static fq_err record_copy(fq_app *app, const fq_photo *orig, const fq_media_result *res,
                          fq_photo *out)
{
    fq_photo p = *orig;
    memset(&p.meta, 0, sizeof p.meta);
    snprintf(p.sha256, sizeof p.sha256, "%s", res->sha256);
    snprintf(p.thumb_sha256, sizeof p.thumb_sha256, "%s", res->thumb_sha256);
    p.width = res->width;
    p.height = res->height;
    p.bytes = res->bytes;
    snprintf(p.annotated_from, sizeof p.annotated_from, "%s", orig->meta.uuid);
    fq_err err = fq_app_begin(app);
    if (err)
        return err;
    err = fq_app_end(app, fq_app_put(app, FQ_ENT_PHOTO, &p));
    if (!err && out)
        *out = p;
    return err;
}

/* ---- importing many on a worker ---- */

typedef struct import_item {
    char path[1400];
    fq_err err;
    char msg[256];
    fq_media_result res;
    fq_annot *annots; /* a mark-up: the marks to burn into a copy of `path` (orig's file) */
    size_t n_annots;
    fq_photo orig;
} import_item;

struct fq_app_import_job {
    pthread_t thread;
    pthread_mutex_t lock;
    int started;
    int cancel;
    int captures;      /* the files are camera captures: removed once stored */
    size_t n_done;     /* processed by the worker (under lock) */
    int percent;       /* of the file under way (under lock) */
    size_t n_recorded; /* taken up by the UI thread */
    fq_app_import_progress progress;
    char photo_dir[1100];
    char visit_uuid[FQ_UUID_LEN];
    int32_t subject_kind;
    char subject_uuid[FQ_UUID_LEN];
    import_item *items;
    size_t n;
};

static void on_progress(void *user, int percent)
{
    fq_app_import_job *j = user;
    pthread_mutex_lock(&j->lock);
    j->percent = percent;
    pthread_mutex_unlock(&j->lock);
}

static void *import_worker(void *arg)
{
    fq_app_import_job *j = arg;
    fq_media *m = NULL;
    fq_err merr = fq_media_new(&m);
    if (m)
        fq_media_set_progress(m, on_progress, j);
    for (size_t i = 0; i < j->n; i++) {
        pthread_mutex_lock(&j->lock);
        int cancel = j->cancel;
        j->percent = 0;
        pthread_mutex_unlock(&j->lock);
        if (cancel)
            break;
        import_item *it = &j->items[i];
        if (merr)
            it->err = merr;
        else if (it->annots) /* a copy at the original's size, marks burnt in */
            it->err = fq_media_set_long_edge(m, FQ_MEDIA_LONG_EDGE_ORIGINAL) ? FQ_ERR_INVALID
                      : fq_media_annotate_file(m, j->photo_dir, it->path, it->annots,
                                               it->n_annots, NULL, &it->res);
        else
            it->err = fq_media_set_long_edge(m, FQ_MEDIA_LONG_EDGE_DEFAULT) ? FQ_ERR_INVALID
                      : fq_media_process_file(m, j->photo_dir, it->path, &it->res);
        if (it->err)
            snprintf(it->msg, sizeof it->msg, "%s", m ? fq_media_errmsg(m) : "out of memory");
        if (j->captures)
            remove(it->path); /* a capture left behind would be offered again next time */
        pthread_mutex_lock(&j->lock);
        j->n_done = i + 1;
        pthread_mutex_unlock(&j->lock);
    }
    fq_media_free(m);
    return NULL;
}

static fq_err start_job(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                        const char *subject_uuid, const char *const *paths, size_t n_paths,
                        int captures, fq_annot *annots, size_t n_annots, const fq_photo *orig,
                        fq_app_import_job **out)
{
    fq_app_enter(app);
    if (n_paths == 0)
        return fq_app_fail(app, FQ_ERR_INVALID, "no photos picked");
    fq_app_import_job *j = calloc(1, sizeof *j);
    import_item *items = j ? calloc(n_paths, sizeof *items) : NULL;
    if (!items) {
        free(j);
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    }
    j->items = items;
    j->n = n_paths;
    for (size_t i = 0; i < n_paths; i++)
        snprintf(items[i].path, sizeof items[i].path, "%s", paths[i]);
    if (annots) { /* one mark-up: the job owns the marks from here on */
        items[0].annots = annots;
        items[0].n_annots = n_annots;
        items[0].orig = *orig;
    }
    snprintf(j->photo_dir, sizeof j->photo_dir, "%s", app->photo_dir);
    snprintf(j->visit_uuid, sizeof j->visit_uuid, "%s", visit_uuid);
    j->subject_kind = subject_kind;
    snprintf(j->subject_uuid, sizeof j->subject_uuid, "%s", subject_uuid ? subject_uuid : "");
    j->progress.total = (int64_t)n_paths;
    j->captures = captures; /* before the worker starts: it never changes */
    pthread_mutex_init(&j->lock, NULL);
    if (pthread_create(&j->thread, NULL, import_worker, j) != 0) {
        pthread_mutex_destroy(&j->lock);
        free(items);
        free(j);
        return fq_app_fail(app, FQ_ERR_NOMEM, "cannot start the import");
    }
    j->started = 1;
    *out = j;
    return FQ_OK;
}

fq_err fq_app_import_poll(fq_app *app, fq_app_import_job *j, fq_app_import_progress *out)
{
    fq_app_enter(app);
    pthread_mutex_lock(&j->lock);
    size_t done = j->n_done;
    int percent = j->percent;
    int cancelled = j->cancel;
    pthread_mutex_unlock(&j->lock);
    fq_err err = FQ_OK;
    fq_app_import_progress *p = &j->progress;
    /* the worker's stored files become records here, on the app's thread */
    for (; !err && j->n_recorded < done; j->n_recorded++) {
        import_item *it = &j->items[j->n_recorded];
        bool already = false;
        if (!it->err && it->annots)
            err = record_copy(app, &it->orig, &it->res, NULL);
        else if (!it->err)
            err = record_photo(app, j->visit_uuid, j->subject_kind, j->subject_uuid, &it->res,
                               NULL, &already);
        if (it->err) {
            p->failed++;
            if (app->log_hook) { /* the journal hears of every refused file */
                char line[1800];
                snprintf(line, sizeof line, "photo %s: %s", it->path, it->msg);
                app->log_hook(app->log_user, line);
            }
            if (!p->first_error[0]) {
                const char *base = strrchr(it->path, '/');
                snprintf(p->first_error, sizeof p->first_error, "%s: %s",
                         base ? base + 1 : it->path, it->msg);
            }
        } else if (!err) {
            p->imported += !already;
            p->already += already;
        }
    }
    p->done = (int64_t)j->n_recorded;
    p->percent = percent;
    p->finished = j->n_recorded == j->n || (cancelled && j->n_recorded == done);
    *out = *p;
    return err;
}

fq_err fq_app_import_start(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                           const char *subject_uuid, const char *const *paths, size_t n_paths,
                           fq_app_import_job **out)
{
    return start_job(app, visit_uuid, subject_kind, subject_uuid, paths, n_paths, 0, NULL, 0,
                     NULL, out);
}

fq_err fq_app_capture_start(fq_app *app, const char *visit_uuid, int32_t subject_kind,
                            const char *subject_uuid, const char *jpeg_path,
                            fq_app_import_job **out)
{
    return start_job(app, visit_uuid, subject_kind, subject_uuid, &jpeg_path, 1, 1, NULL, 0, NULL,
                     out);
}

void fq_app_import_cancel(fq_app_import_job *j)
{
    if (!j)
        return;
    pthread_mutex_lock(&j->lock);
    j->cancel = 1;
    pthread_mutex_unlock(&j->lock);
}

void fq_app_import_free(fq_app_import_job *j)
{
    if (!j)
        return;
    fq_app_import_cancel(j);
    if (j->started)
        pthread_join(j->thread, NULL);
    pthread_mutex_destroy(&j->lock);
    for (size_t i = 0; i < j->n; i++)
        free(j->items[i].annots);
    free(j->items);
    free(j);
}

fq_err fq_app_capture_path(fq_app *app, char *buf, size_t buf_len)
{
    fq_app_enter(app);
    /* a name of its own each time: two apps (or a capture still being stored while the
     * next is taken) never share a file */
    const char *tmp = getenv("TMPDIR");
    char id[FQ_UUID_LEN];
    if (fq_fsio_uuid(id, sizeof id) != FQ_OK)
        return fq_app_fail(app, FQ_ERR_IO, "no random name for the capture");
    int n = snprintf(buf, buf_len, "%s/fieldqc-capture-%s.jpg", tmp && *tmp ? tmp : "/tmp", id);
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

/* ---- marking up and deleting ---- */

static fq_err photo_file(fq_app *app, const fq_photo *p, char *path, size_t len)
{
    if (fq_fsio_photo_path(app->photo_dir, p->sha256, path, len) != FQ_OK ||
        access(path, R_OK) != 0)
        return fq_app_fail(app, FQ_ERR_NOTFOUND, "the file of photo %s is not on this device",
                           p->meta.uuid);
    return FQ_OK;
}

static fq_err to_annots(fq_app *app, const fq_photo *p, const fq_app_mark *marks, size_t n,
                        fq_annot *out)
{
    if (n == 0 || n > 64)
        return fq_app_fail(app, FQ_ERR_INVALID, "a mark-up needs 1 to 64 marks, not %zu", n);
    for (size_t i = 0; i < n; i++) {
        const fq_app_mark *k = &marks[i];
        fq_annot *a = &out[i];
        memset(a, 0, sizeof *a);
        bool inside = k->x0 >= 0 && k->y0 >= 0 && k->x0 <= (float)p->width &&
                      k->y0 <= (float)p->height;
        if (!inside || k->kind < 0 || k->kind >= FQ_APP_MARK_KIND_COUNT)
            return fq_app_fail(app, FQ_ERR_INVALID, "mark %zu is outside the photo", i + 1);
        a->x0 = k->x0;
        a->y0 = k->y0;
        a->x1 = k->x1;
        a->y1 = k->y1;
        switch (k->kind) {
        case FQ_APP_MARK_ARROW: a->kind = FQ_ANNOT_ARROW; break;
        case FQ_APP_MARK_RECT: a->kind = FQ_ANNOT_RECT; break;
        case FQ_APP_MARK_CIRCLE:
            a->kind = FQ_ANNOT_CIRCLE;
            a->r = hypotf(k->x1 - k->x0, k->y1 - k->y0);
            break;
        default:
            a->kind = FQ_ANNOT_TEXT;
            if (fq_app_blank(k->text))
                return fq_app_fail(app, FQ_ERR_INVALID, "a label needs a few words");
            snprintf(a->text, sizeof a->text, "%s", k->text);
            break;
        }
        if (a->kind != FQ_ANNOT_TEXT && a->kind != FQ_ANNOT_CIRCLE &&
            hypotf(a->x1 - a->x0, a->y1 - a->y0) < 1.0f)
            return fq_app_fail(app, FQ_ERR_INVALID, "mark %zu has no length", i + 1);
        if (a->kind == FQ_ANNOT_CIRCLE && a->r < 1.0f)
            return fq_app_fail(app, FQ_ERR_INVALID, "mark %zu has no size", i + 1);
    }
    return FQ_OK;
}

fq_err fq_app_photo_annotate(fq_app *app, const char *photo_uuid, const fq_app_mark *marks,
                             size_t n_marks, fq_photo *out)
{
    fq_app_enter(app);
    fq_photo orig;
    fq_err err = fq_app_get(app, FQ_ENT_PHOTO, photo_uuid, &orig);
    if (err)
        return err;
    if (orig.subject_kind == FQ_SUBJ_SIGNATURE)
        return fq_app_fail(app, FQ_ERR_INVALID, "a signature is not marked up");
    char path[1400];
    if ((err = photo_file(app, &orig, path, sizeof path)))
        return err;
    fq_annot *annots = calloc(n_marks ? n_marks : 1, sizeof *annots);
    if (!annots)
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    fq_media_result res;
    err = to_annots(app, &orig, marks, n_marks, annots);
    if (!err && fq_media_set_long_edge(app->media, FQ_MEDIA_LONG_EDGE_ORIGINAL) != FQ_OK)
        err = fq_app_fail(app, FQ_ERR_INVALID, "%s", fq_media_errmsg(app->media));
    if (!err && (err = fq_media_annotate_file(app->media, app->photo_dir, path, annots, n_marks,
                                              NULL, &res)))
        fq_app_fail(app, err, "%s", fq_media_errmsg(app->media));
    fq_media_set_long_edge(app->media, FQ_MEDIA_LONG_EDGE_DEFAULT);
    free(annots);
    if (err)
        return err;
    return record_copy(app, &orig, &res, out);
}

fq_err fq_app_annotate_start(fq_app *app, const char *photo_uuid, const fq_app_mark *marks,
                             size_t n_marks, fq_app_import_job **out)
{
    fq_app_enter(app);
    fq_photo orig;
    fq_err err = fq_app_get(app, FQ_ENT_PHOTO, photo_uuid, &orig);
    if (err)
        return err;
    if (orig.subject_kind == FQ_SUBJ_SIGNATURE)
        return fq_app_fail(app, FQ_ERR_INVALID, "a signature is not marked up");
    char path[1400];
    if ((err = photo_file(app, &orig, path, sizeof path)))
        return err;
    fq_annot *annots = calloc(n_marks ? n_marks : 1, sizeof *annots);
    if (!annots)
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    if ((err = to_annots(app, &orig, marks, n_marks, annots))) {
        free(annots);
        return err;
    }
    const char *p = path;
    fq_app_import_job *j = NULL;
    err = start_job(app, orig.visit_uuid, orig.subject_kind, orig.subject_uuid, &p, 1, 0, annots,
                    n_marks, &orig, &j);
    if (err) {
        free(annots);
        return err;
    }
    *out = j;
    return FQ_OK;
}

fq_err fq_app_photo_copies(fq_app *app, const char *photo_uuid, int64_t *out_n)
{
    fq_app_enter(app);
    return fq_app_store_fail(
        app, fq_store_count(app->store, FQ_ENT_PHOTO, "annotated_from", photo_uuid, out_n));
}

/* The files no photo record names any more go when the office never had them; those it
 * acknowledged stay until a receipt covers the delete (fq_app_sync's receipt step). */
static void drop_unsent_file(fq_app *app, const char *sha)
{
    int64_t users = 0, acked = 0;
    if (fq_store_count(app->store, FQ_ENT_PHOTO, "sha256", sha, &users) != FQ_OK || users)
        return;
    if (fq_store_count(app->store, FQ_ENT_PHOTO, "thumb_sha256", sha, &users) != FQ_OK || users)
        return;
    if (fq_store_sync_photo_acked(app->store, sha, &acked) != FQ_OK || acked)
        return;
    char path[1400];
    if (fq_fsio_photo_path(app->photo_dir, sha, path, sizeof path) == FQ_OK)
        unlink(path);
}

fq_err fq_app_photo_delete(fq_app *app, const char *photo_uuid)
{
    fq_app_enter(app);
    fq_photo p;
    int64_t copies = 0;
    fq_err err = fq_app_get(app, FQ_ENT_PHOTO, photo_uuid, &p);
    if (!err)
        err = fq_app_store_fail(
            app, fq_store_count(app->store, FQ_ENT_PHOTO, "annotated_from", photo_uuid, &copies));
    if (err)
        return err;
    if (copies)
        return fq_app_fail(app, FQ_ERR_CONFLICT,
                           "%s", fq_i18n_nget("this photo has a marked-up copy: delete it first (the "
                                             "original stays as long as a copy shows what it was)",
                                             "this photo has marked-up copies: delete them first "
                                             "(the original stays as long as a copy shows what it "
                                             "was)",
                                             (unsigned long)copies));
    if (p.subject_kind == FQ_SUBJ_SIGNATURE)
        return fq_app_fail(app, FQ_ERR_INVALID, "a signature is deleted with its sign-off");
    if ((err = fq_app_begin(app)))
        return err;
    err = fq_app_store_fail(app, fq_store_delete(app->store, FQ_ENT_PHOTO, photo_uuid));
    if (!err)
        fq_app_note_write(app, FQ_ENT_PHOTO, &p.meta);
    err = fq_app_end(app, err);
    if (err)
        return err;
    drop_unsent_file(app, p.sha256);
    drop_unsent_file(app, p.thumb_sha256);
    return FQ_OK;
}

/* ---- the import folder ---- */

typedef struct file_list {
    fq_app_import_file *v;
    size_t n, cap;
    bool nomem;
} file_list;

static bool is_jpeg(const char *name)
{
    const char *dot = strrchr(name, '.');
    return name[0] != '.' && dot && (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"));
}

/* newest first: the shot just taken is the one wanted; then by name */
static int cmp_files(const void *a, const void *b)
{
    const fq_app_import_file *x = a, *y = b;
    if (x->mtime_utc != y->mtime_utc)
        return x->mtime_utc > y->mtime_utc ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void add_file(file_list *l, const char *rel, const struct stat *st)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        fq_app_import_file *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            l->nomem = true;
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    fq_app_import_file *f = &l->v[l->n++];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", rel);
    f->mtime_utc = (int64_t)st->st_mtime;
    f->bytes = (int64_t)st->st_size;
}

/* Folders down to `depth` more levels; hidden entries (.Trashes, ._IMG) and links to
 * folders are not followed. */
static void walk(file_list *l, const char *root, const char *rel, int depth)
{
    char dir[1400];
    snprintf(dir, sizeof dir, "%s%s%s", root, rel[0] ? "/" : "", rel);
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && !l->nomem && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char sub[256], full[1700];
        int n = snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", de->d_name);
        if (n < 0 || (size_t)n >= sizeof sub)
            continue; /* a path the record cannot name */
        snprintf(full, sizeof full, "%s/%s", root, sub);
        struct stat st;
        if (lstat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && depth > 0)
            walk(l, root, sub, depth - 1);
        else if (S_ISREG(st.st_mode) && is_jpeg(de->d_name))
            add_file(l, sub, &st);
    }
    if (d)
        closedir(d);
}

fq_err fq_app_import_list(fq_app *app, const char *dir, fq_app_import_file **out, size_t *out_n)
{
    fq_app_enter(app);
    if (fq_app_blank(dir))
        return fq_app_fail(app, FQ_ERR_NOTFOUND, "no import folder");
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return fq_app_fail(app, FQ_ERR_NOTFOUND, "import folder %s is not there", dir);
    file_list l = {NULL, 0, 0, false};
    walk(&l, dir, "", 3);
    if (l.nomem) {
        free(l.v);
        return fq_app_fail(app, FQ_ERR_NOMEM, "out of memory");
    }
    if (l.n)
        qsort(l.v, l.n, sizeof *l.v, cmp_files);
    *out = l.v;
    *out_n = l.n;
    return FQ_OK;
}
