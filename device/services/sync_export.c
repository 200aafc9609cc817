/* Device export: everything in the change log after the acknowledged position plus the
 * photos the office has not acknowledged, as one bundle in outbox/. Marks nothing synced:
 * only a receipt does (inbox.c). Because every export restarts from the acknowledged
 * position, a lost bundle is carried again by the next one, and older unacknowledged
 * bundles in outbox/ are superseded once the new one is durable. */
#include "sync_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/civil.h"
#include "fsio/fsio.h"

typedef struct export_ctx {
    fq_app_sync *d;
    fq_bundle_writer *w;
    int64_t to_seq;
    fq_err err;
} export_ctx;

static int add_change(void *ctx, const fq_change *c)
{
    export_ctx *x = ctx;
    if (c->seq > x->to_seq)
        return 1;
    x->err = fq_bundle_writer_add_record(x->w, c);
    return x->err != FQ_OK;
}

/* Adds every pending photo found on disk; counts the ones missing or damaged here. Also
 * hashes the list of hashes, the fingerprint of "the same pending photos". */
static fq_err add_photos(fq_app_sync *d, fq_bundle_writer *w, int64_t *n_added,
                         int64_t *n_missing, char fingerprint[FQ_HASH_LEN])
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(d->db, fq_app_sync_pending_photos_sql, -1, &stmt, NULL) != SQLITE_OK)
        return fq_app_sync_fail(d, FQ_ERR_IO, "pending photos: %s", sqlite3_errmsg(d->db));
    fq_core_sha256 fp;
    fq_core_sha256_init(&fp);
    fq_err e = FQ_OK;
    int rc;
    while (!e && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *sha = (const char *)sqlite3_column_text(stmt, 0);
        char path[FQ_BUNDLE_PATH_LEN];
        unsigned char *data = NULL;
        size_t len = 0;
        if (!fq_core_sha256_hex_valid(sha) ||
            fq_fsio_photo_path(d->photo_dir, sha, path, sizeof path) ||
            fq_fsio_read_file(path, FQ_APP_SYNC_MAX_PHOTO_BYTES, &data, &len, NULL, 0)) {
            (*n_missing)++;
            continue;
        }
        fq_core_sha256_update(&fp, sha, 64);
        e = fq_bundle_writer_add_photo(w, sha, data, len);
        free(data);
        if (e == FQ_ERR_CORRUPT) { /* damaged on this device: cannot be proven, not sent */
            (*n_missing)++;
            e = FQ_OK;
        } else if (!e) {
            (*n_added)++;
        }
    }
    sqlite3_finalize(stmt);
    if (e)
        return fq_app_sync_fail(d, e, "%s", fq_bundle_writer_errmsg(w));
    fq_core_sha256_final_hex(&fp, fingerprint);
    return FQ_OK;
}

/* Removes the other bundles of this device from outbox/: the new one carries all of them. */
static void remove_superseded(fq_app_sync *d, const char *keep_name)
{
    DIR *dir = opendir(d->outbox);
    if (!dir)
        return;
    char prefix[FQ_ID_LEN + 2];
    snprintf(prefix, sizeof prefix, "%s-", fq_store_device_id(d->st));
    struct dirent *ent;
    while ((ent = readdir(dir)) != NULL) {
        size_t n = strlen(ent->d_name);
        if (strncmp(ent->d_name, prefix, strlen(prefix)) != 0 || n < 4 ||
            strcmp(ent->d_name + n - 4, FQ_BUNDLE_EXT) != 0 || strcmp(ent->d_name, keep_name) == 0)
            continue;
        char path[FQ_BUNDLE_PATH_LEN * 2];
        snprintf(path, sizeof path, "%s/%s", d->outbox, ent->d_name);
        unlink(path);
    }
    closedir(dir);
}

static fq_err record_export(fq_app_sync *d, const fq_bundle_info *info, const char *name,
                            const char *fingerprint)
{
    fq_err e = fq_store_begin(d->st);
    if (e)
        return fq_app_sync_fail(d, e, "%s", fq_store_errmsg(d->st));
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(d->db,
                                "INSERT OR REPLACE INTO sync_exports(bundle_id, file, from_seq,"
                                " to_seq, n_records, n_photos, bytes, created_utc)"
                                " VALUES (?,?,?,?,?,?,?,?)", -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, info->bundle_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 3, info->after_seq);
        sqlite3_bind_int64(stmt, 4, info->to_seq);
        sqlite3_bind_int64(stmt, 5, info->n_records);
        sqlite3_bind_int64(stmt, 6, info->n_photos);
        sqlite3_bind_int64(stmt, 7, info->file_bytes);
        sqlite3_bind_int64(stmt, 8, info->created_utc);
        rc = sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
        fq_store_rollback(d->st);
        return fq_app_sync_fail(d, FQ_ERR_IO, "recording the export: %s",
                                     sqlite3_errmsg(d->db));
    }
    e = fq_store_setting_set(d->st, "sync_last_photos", fingerprint);
    if (e) {
        fq_store_rollback(d->st);
        return fq_app_sync_fail(d, e, "%s", fq_store_errmsg(d->st));
    }
    e = fq_store_commit(d->st);
    return e ? fq_app_sync_fail(d, e, "%s", fq_store_errmsg(d->st)) : FQ_OK;
}

/* True when the last export carries exactly this pending work and is still in outbox/. */
static int same_as_last(fq_app_sync *d, int64_t after, int64_t to, int64_t n_records,
                        const char *fingerprint, fq_app_sync_export_result *out)
{
    char last_fp[FQ_HASH_LEN];
    if (fq_store_setting_get(d->st, "sync_last_photos", last_fp, sizeof last_fp) ||
        strcmp(last_fp, fingerprint) != 0)
        return 0;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT bundle_id, file, n_photos, bytes FROM sync_exports WHERE"
                           " from_seq = ? AND to_seq = ? AND n_records = ?"
                           " ORDER BY created_utc DESC, rowid DESC LIMIT 1", -1, &stmt,
                           NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(stmt, 1, after);
    sqlite3_bind_int64(stmt, 2, to);
    sqlite3_bind_int64(stmt, 3, n_records);
    int same = 0;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        struct stat sb;
        snprintf(out->path, sizeof out->path, "%s/%s", d->outbox,
                 (const char *)sqlite3_column_text(stmt, 1));
        if (stat(out->path, &sb) == 0 && (int64_t)sb.st_size == sqlite3_column_int64(stmt, 3)) {
            same = 1;
            snprintf(out->bundle_id, sizeof out->bundle_id, "%s",
                     (const char *)sqlite3_column_text(stmt, 0));
            out->n_photos = sqlite3_column_int64(stmt, 2);
            out->bytes = sqlite3_column_int64(stmt, 3);
        }
    }
    sqlite3_finalize(stmt);
    return same;
}

/* Fingerprint of the pending photos that are present, without writing anything. */
static fq_err pending_fingerprint(fq_app_sync *d, char out[FQ_HASH_LEN], int64_t *n_present)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(d->db, fq_app_sync_pending_photos_sql, -1, &stmt, NULL) != SQLITE_OK)
        return fq_app_sync_fail(d, FQ_ERR_IO, "pending photos: %s", sqlite3_errmsg(d->db));
    fq_core_sha256 fp;
    fq_core_sha256_init(&fp);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *sha = (const char *)sqlite3_column_text(stmt, 0);
        char path[FQ_BUNDLE_PATH_LEN];
        if (fq_fsio_photo_path(d->photo_dir, sha, path, sizeof path) == FQ_OK &&
            access(path, R_OK) == 0) {
            fq_core_sha256_update(&fp, sha, 64);
            (*n_present)++;
        }
    }
    sqlite3_finalize(stmt);
    fq_core_sha256_final_hex(&fp, out);
    return FQ_OK;
}

static fq_err write_bundle(fq_app_sync *d, int64_t after, int64_t to,
                           fq_app_sync_export_result *out)
{
    fq_bundle_info info;
    memset(&info, 0, sizeof info);
    info.kind = FQ_BUNDLE_CHANGES;
    info.after_seq = after;
    info.to_seq = to;
    info.created_utc = fq_store_now(d->st);
    snprintf(info.device_id, sizeof info.device_id, "%s", fq_store_device_id(d->st));
    char inspector[FQ_ID_LEN] = "";
    fq_store_setting_get(d->st, "inspector", inspector, sizeof inspector);
    snprintf(info.inspector, sizeof info.inspector, "%s", inspector);
    if (fq_fsio_uuid(info.bundle_id, sizeof info.bundle_id))
        return fq_app_sync_fail(d, FQ_ERR_IO, "no random source for the bundle id");
    char stamp[FQ_DATETIME_LEN], name[FQ_ID_LEN + 64], path[FQ_BUNDLE_PATH_LEN * 2];
    fq_utc_format(info.created_utc, stamp, sizeof stamp);
    /* "2026-11-21T15:04:05Z" -> "20261121T150405Z" for a portable file name */
    char compact[FQ_DATETIME_LEN];
    size_t o = 0;
    for (const char *p = stamp; *p; p++)
        if (*p != '-' && *p != ':')
            compact[o++] = *p;
    compact[o] = '\0';
    snprintf(name, sizeof name, "%s-%s-%.8s%s", info.device_id, compact, info.bundle_id,
             FQ_BUNDLE_EXT);
    snprintf(path, sizeof path, "%s/%s", d->outbox, name);

    fq_bundle_writer *w = NULL;
    char fingerprint[FQ_HASH_LEN];
    export_ctx x = {d, NULL, to, FQ_OK};
    fq_err e = fq_bundle_writer_new(path, &info, &w);
    if (e) {
        fq_app_sync_fail(d, e, "%s", fq_bundle_writer_errmsg(w));
        goto out;
    }
    x.w = w;
    e = fq_store_changes_since(d->st, after, add_change, &x);
    if (e || x.err) {
        e = e ? fq_app_sync_fail(d, e, "%s", fq_store_errmsg(d->st))
              : fq_app_sync_fail(d, x.err, "%s", fq_bundle_writer_errmsg(w));
        goto out;
    }
    if ((e = add_photos(d, w, &out->n_photos, &out->n_missing_photos, fingerprint)))
        goto out;
    if ((e = fq_bundle_writer_finish(w, &info))) {
        fq_app_sync_fail(d, e, "%s", fq_bundle_writer_errmsg(w));
        goto out;
    }
    if ((e = record_export(d, &info, name, fingerprint)))
        goto out;
    remove_superseded(d, name);
    out->written = 1;
    snprintf(out->bundle_id, sizeof out->bundle_id, "%s", info.bundle_id);
    snprintf(out->path, sizeof out->path, "%s", path);
    out->n_records = info.n_records;
    out->bytes = info.file_bytes;
out:
    fq_bundle_writer_free(w);
    return e;
}

/* device.id in the sync folder tells the office tool whose folder this is, even when the
 * outbox is empty. */
static fq_err write_identity(fq_app_sync *d)
{
    char path[FQ_BUNDLE_PATH_LEN + 16], text[FQ_ID_LEN + 2];
    snprintf(path, sizeof path, "%s/device.id", d->sync_dir);
    int n = snprintf(text, sizeof text, "%s\n", fq_store_device_id(d->st));
    return fq_fsio_write_atomic(path, (const unsigned char *)text, (size_t)n, NULL, d->errmsg,
                                       sizeof d->errmsg);
}

fq_err fq_app_sync_export(fq_app_sync *d, fq_app_sync_export_result *out)
{
    fq_app_sync_export_result res;
    memset(&res, 0, sizeof res);
    int64_t after = 0, to = 0, n_records = 0, n_present = 0;
    char fingerprint[FQ_HASH_LEN];
    fq_err e = write_identity(d);
    if (!e)
        e = fq_app_sync_acked_seq(d, &after);
    if (!e)
        e = fq_app_sync_i64(d, "SELECT count(*) FROM changelog WHERE origin = 0 AND seq > ?",
                                 1, after, &n_records);
    if (!e)
        e = fq_app_sync_i64(d, "SELECT coalesce(max(seq), 0) FROM changelog"
                                    " WHERE origin = 0 AND seq > ?", 1, after, &to);
    if (!e)
        e = pending_fingerprint(d, fingerprint, &n_present);
    if (e)
        return e;
    if (to < after)
        to = after;
    res.after_seq = after;
    res.to_seq = to;
    res.n_records = n_records;
    if (n_records == 0 && n_present == 0) {
        *out = res;
        return FQ_OK;
    }
    if (same_as_last(d, after, to, n_records, fingerprint, &res)) {
        res.unchanged = 1;
        *out = res;
        return FQ_OK;
    }
    res.path[0] = '\0';
    e = write_bundle(d, after, to, &res);
    if (!e)
        *out = res;
    return e;
}
