/* Importing one device bundle into the office database. Order matters for crash safety:
 * (1) verify everything (fq_bundle_open), (2) write the photos durably (temp + fsync +
 * rename, content addressed, so a repeated or killed import is harmless), (3) apply every
 * record and log the import in ONE transaction. A kill before (3) commits leaves the
 * database as it was; re-importing then applies it exactly once (LWW by revision, tombstones
 * win, primary keys by uuid). */
#include "office_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct import_ctx {
    fq_office *o;
    const fq_bundle_info *info;
    int64_t n_applied;
    int64_t n_new;
    fq_err err;
    char (*shas)[FQ_HASH_LEN]; /* photos seen, logged inside the transaction */
    int64_t *sizes;
    int64_t n_shas;
} import_ctx;

static int put_photo(void *ctx, const char *sha, const unsigned char *data, size_t len)
{
    import_ctx *x = ctx;
    char path[FQ_BUNDLE_PATH_LEN + 80];
    struct stat sb;
    if (fq_fsio_photo_path(x->o->photo_dir, sha, path, sizeof path)) {
        x->err = fq_office_fail(x->o, FQ_ERR_INVALID, "photo store path too long");
        return 1;
    }
    if (x->n_shas < x->info->n_photos) {
        memcpy(x->shas[x->n_shas], sha, FQ_HASH_LEN);
        x->sizes[x->n_shas++] = (int64_t)len;
    }
    if (stat(path, &sb) == 0 && (int64_t)sb.st_size == (int64_t)len)
        return 0; /* content addressed: same name and size is the same photo */
    x->err = fq_fsio_write_atomic(path, data, len, NULL, x->o->errmsg, sizeof x->o->errmsg);
    x->n_new += x->err == FQ_OK;
    return x->err != FQ_OK;
}

static int apply_record(void *ctx, const fq_change *c)
{
    import_ctx *x = ctx;
    int applied = 0;
    x->err = fq_store_apply_change(x->o->st, c, &applied);
    if (x->err)
        fq_office_fail(x->o, x->err, "record %s %s: %s", c->table, c->uuid,
                       fq_store_errmsg(x->o->st));
    x->n_applied += applied;
    return x->err != FQ_OK;
}

static int log_photo(import_ctx *x, const char *sha, int64_t len)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(x->o->db,
                                "INSERT OR IGNORE INTO office_photos(sha256, device_id, bytes,"
                                " bundle_id) VALUES (?,?,?,?)", -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, sha, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, x->info->device_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 3, (sqlite3_int64)len);
        sqlite3_bind_text(stmt, 4, x->info->bundle_id, -1, SQLITE_STATIC);
        rc = sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        x->err = fq_office_fail(x->o, FQ_ERR_IO, "photo log: %s", sqlite3_errmsg(x->o->db));
    return x->err != FQ_OK;
}

static fq_err log_import(import_ctx *x, const char *path)
{
    const fq_bundle_info *in = x->info;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(x->o->db,
                                "INSERT INTO office_imports(bundle_id, device_id, inspector,"
                                " after_seq, to_seq, n_records, n_applied, n_photos, bytes,"
                                " content_sha256, file, imported_utc)"
                                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        const char *base = strrchr(path, '/');
        sqlite3_bind_text(stmt, 1, in->bundle_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, in->device_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 3, in->inspector, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 4, in->after_seq);
        sqlite3_bind_int64(stmt, 5, in->to_seq);
        sqlite3_bind_int64(stmt, 6, in->n_records);
        sqlite3_bind_int64(stmt, 7, x->n_applied);
        sqlite3_bind_int64(stmt, 8, in->n_photos);
        sqlite3_bind_int64(stmt, 9, in->file_bytes);
        sqlite3_bind_text(stmt, 10, in->content_sha256, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 11, base ? base + 1 : path, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 12, fq_store_now(x->o->st));
        rc = sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? FQ_OK
                             : fq_office_fail(x->o, FQ_ERR_IO, "import log: %s",
                                              sqlite3_errmsg(x->o->db));
}

/* 1: imported before with the same content; 0: new; FQ_ERR_CONFLICT: same id, other content. */
static fq_err seen_before(fq_office *o, const fq_bundle_info *in, int *out_seen)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(o->db,
                                "SELECT content_sha256 FROM office_imports WHERE bundle_id = ?",
                                -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_office_fail(o, FQ_ERR_IO, "import log: %s", sqlite3_errmsg(o->db));
    sqlite3_bind_text(stmt, 1, in->bundle_id, -1, SQLITE_STATIC);
    fq_err e = FQ_OK;
    *out_seen = 0;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        if (strcmp((const char *)sqlite3_column_text(stmt, 0), in->content_sha256) == 0)
            *out_seen = 1;
        else
            e = fq_office_fail(o, FQ_ERR_CONFLICT,
                               "bundle id %s was imported before with other content", in->bundle_id);
    }
    sqlite3_finalize(stmt);
    return e;
}

static fq_err apply_verified(fq_office *o, fq_bundle *b, const char *path, import_ctx *x)
{
    fq_err e = fq_bundle_each_photo(b, put_photo, x);
    if (e || x->err)
        return e ? fq_office_fail(o, e, "%s", fq_bundle_errmsg(b)) : x->err;
    if ((e = fq_store_begin(o->st)))
        return fq_office_fail(o, e, "%s", fq_store_errmsg(o->st));
    e = fq_bundle_each_record(b, apply_record, x);
    if (e)
        fq_office_fail(o, e, "%s", fq_bundle_errmsg(b));
    else if (x->err)
        e = x->err;
    for (int64_t i = 0; !e && i < x->n_shas; i++)
        if (log_photo(x, x->shas[i], x->sizes[i]))
            e = x->err;
    if (!e)
        e = log_import(x, path);
    if (e) {
        fq_store_rollback(o->st);
        return e;
    }
    if ((e = fq_store_commit(o->st))) {
        /* deferred foreign keys fail here: records pointing at what the office lacks */
        return fq_office_fail(o, e, "%s%s", fq_store_errmsg(o->st),
                              e == FQ_ERR_CONFLICT ? " (the bundle refers to records this office "
                                                     "does not have)" : "");
    }
    return FQ_OK;
}

fq_err fq_office_import(fq_office *o, const char *path, const char *expect_device,
                        fq_office_import_result *out)
{
    fq_office_import_result res;
    memset(&res, 0, sizeof res);
    o->errmsg[0] = '\0';
    fq_bundle *b = NULL;
    int seen = 0;
    /* a bundle imported before is recognised from its intact pages and manifest alone */
    fq_bundle_info peek;
    if (fq_bundle_peek(path, NULL, &peek) == FQ_OK && peek.kind == FQ_BUNDLE_CHANGES &&
        (!expect_device || strcmp(expect_device, peek.device_id) == 0) &&
        seen_before(o, &peek, &seen) == FQ_OK && seen) {
        res.info = peek;
        res.already = 1;
        *out = res;
        return FQ_OK;
    }
    fq_err e = fq_bundle_open(path, NULL, &b);
    if (e) {
        fq_office_fail(o, e, "%s", fq_bundle_errmsg(b));
        goto out;
    }
    const fq_bundle_info *in = fq_bundle_get_info(b);
    res.info = *in;
    if (in->kind != FQ_BUNDLE_CHANGES)
        e = fq_office_fail(o, FQ_ERR_INVALID, "not a device bundle (it is a %s)",
                           fq_bundle_kind_name(in->kind));
    else if (expect_device && strcmp(expect_device, in->device_id) != 0)
        e = fq_office_fail(o, FQ_ERR_CONFLICT, "wrong device: bundle is from %s, expected %s",
                           in->device_id, expect_device);
    else if (!(e = seen_before(o, in, &seen)) && seen)
        res.already = 1;
    else if (!e) {
        import_ctx x = {o, in, 0, 0, FQ_OK, NULL, NULL, 0};
        size_t n = in->n_photos > 0 ? (size_t)in->n_photos : 1;
        x.shas = calloc(n, sizeof *x.shas);
        x.sizes = calloc(n, sizeof *x.sizes);
        e = x.shas && x.sizes ? apply_verified(o, b, path, &x)
                              : fq_office_fail(o, FQ_ERR_NOMEM, "out of memory");
        free(x.shas);
        free(x.sizes);
        res.n_applied = x.n_applied;
        res.n_photos_new = x.n_new;
    }
out:
    fq_bundle_close(b);
    if (!e)
        *out = res;
    return e;
}

fq_err fq_office_acked_seq(fq_office *o, const char *device_id, int64_t *out)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(o->db,
                                "SELECT after_seq, to_seq FROM office_imports WHERE device_id = ?"
                                " ORDER BY after_seq, to_seq", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_office_fail(o, FQ_ERR_IO, "import log: %s", sqlite3_errmsg(o->db));
    sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
    int64_t covered = 0;
    /* ranges (after, to]; a gap stops the contiguous coverage */
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        int64_t after = sqlite3_column_int64(stmt, 0), to = sqlite3_column_int64(stmt, 1);
        if (after > covered)
            break;
        if (to > covered)
            covered = to;
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fq_office_fail(o, FQ_ERR_IO, "import log: %s", sqlite3_errstr(rc));
    *out = covered;
    return FQ_OK;
}
