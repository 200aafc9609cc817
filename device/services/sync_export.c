/* Device export: everything in the change log after the acknowledged position plus the
 * photos the office has not acknowledged, as one bundle in outbox/. Marks nothing synced:
 * only a receipt does (sync_inbox.c). Because every export restarts from the acknowledged
 * position, a lost bundle is carried again by the next one, and older unacknowledged
 * bundles in outbox/ are superseded once the new one is durable. */
#include "sync_internal.h"

#include <dirent.h>
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

/* Walks the unacknowledged photos: adds the ones present here to the writer (when set),
 * counts the missing or damaged ones, and hashes the list of the present ones: the
 * fingerprint of "the same pending photos". */
typedef struct photo_walk {
    fq_app_sync *d;
    fq_bundle_writer *w; /* NULL: only fingerprint and count */
    fq_core_sha256 fp;
    int64_t n_present;
    int64_t n_missing;
    fq_err err;
} photo_walk;

static int walk_photo(void *ctx, const char *sha)
{
    photo_walk *p = ctx;
    char path[FQ_FSIO_PATH_LEN];
    if (!fq_core_sha256_hex_valid(sha) ||
        fq_fsio_photo_path(p->d->photo_dir, sha, path, sizeof path) != FQ_OK ||
        access(path, R_OK) != 0) {
        p->n_missing++;
        return 0;
    }
    if (p->w) {
        unsigned char *data = NULL;
        size_t len = 0;
        if (fq_fsio_read_file(path, FQ_APP_SYNC_MAX_PHOTO_BYTES, &data, &len, NULL, 0)) {
            p->n_missing++;
            return 0;
        }
        fq_err e = fq_bundle_writer_add_photo(p->w, sha, data, len);
        free(data);
        if (e == FQ_ERR_CORRUPT) { /* damaged on this device: cannot be proven, not sent */
            p->n_missing++;
            return 0;
        }
        if (e) {
            p->err = fq_app_sync_fail(p->d, e, "%s", fq_bundle_writer_errmsg(p->w));
            return 1;
        }
    }
    fq_core_sha256_update(&p->fp, sha, 64);
    p->n_present++;
    return 0;
}

static fq_err walk_photos(fq_app_sync *d, fq_bundle_writer *w, photo_walk *out,
                          char fingerprint[FQ_HASH_LEN])
{
    memset(out, 0, sizeof *out);
    out->d = d;
    out->w = w;
    fq_core_sha256_init(&out->fp);
    fq_err e = fq_store_sync_each_unacked_photo(d->st, walk_photo, out);
    if (e)
        return fq_app_sync_store_fail(d, e);
    if (out->err)
        return out->err;
    fq_core_sha256_final_hex(&out->fp, fingerprint);
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

/* True when the last export carries exactly this pending work and is still in outbox/. */
static int same_as_last(fq_app_sync *d, int64_t after, int64_t to, int64_t n_records,
                        const char *fingerprint, fq_app_sync_export_result *out)
{
    fq_store_export x;
    if (fq_store_sync_find_export(d->st, after, to, n_records, fingerprint, &x) != FQ_OK ||
        strchr(x.file, '/'))
        return 0;
    struct stat sb;
    snprintf(out->path, sizeof out->path, "%s/%s", d->outbox, x.file);
    if (stat(out->path, &sb) != 0 || (int64_t)sb.st_size != x.bytes) {
        out->path[0] = '\0';
        return 0;
    }
    snprintf(out->bundle_id, sizeof out->bundle_id, "%s", x.bundle_id);
    out->n_photos = x.n_photos;
    out->bytes = x.bytes;
    return 1;
}

/* "<device>-20261121T150405Z-<id8>.fqb": sorts by time, portable on any file system. */
static void bundle_name(const fq_bundle_info *info, char *out, size_t out_len)
{
    char stamp[FQ_DATETIME_LEN], compact[FQ_DATETIME_LEN];
    fq_utc_format(info->created_utc, stamp, sizeof stamp);
    size_t o = 0;
    for (const char *p = stamp; *p && o + 1 < sizeof compact; p++)
        if (*p != '-' && *p != ':')
            compact[o++] = *p;
    compact[o] = '\0';
    snprintf(out, out_len, "%s-%s-%.8s%s", info->device_id, compact, info->bundle_id,
             FQ_BUNDLE_EXT);
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
    char name[FQ_ID_LEN + 64], path[FQ_BUNDLE_PATH_LEN * 2];
    bundle_name(&info, name, sizeof name);
    snprintf(path, sizeof path, "%s/%s", d->outbox, name);

    fq_bundle_writer *w = NULL;
    char fingerprint[FQ_HASH_LEN];
    photo_walk photos;
    export_ctx x = {d, NULL, to, FQ_OK};
    fq_err e = fq_bundle_writer_new(path, &info, &d->key, &w);
    if (e) {
        fq_app_sync_fail(d, e, "%s", fq_bundle_writer_errmsg(w));
        goto out;
    }
    x.w = w;
    e = fq_store_changes_since(d->st, after, add_change, &x);
    if (e || x.err) {
        e = e ? fq_app_sync_store_fail(d, e)
              : fq_app_sync_fail(d, x.err, "%s", fq_bundle_writer_errmsg(w));
        goto out;
    }
    if ((e = walk_photos(d, w, &photos, fingerprint)))
        goto out;
    if ((e = fq_bundle_writer_finish(w, &info))) {
        fq_app_sync_fail(d, e, "%s", fq_bundle_writer_errmsg(w));
        goto out;
    }
    fq_store_export rec;
    memset(&rec, 0, sizeof rec);
    snprintf(rec.bundle_id, sizeof rec.bundle_id, "%s", info.bundle_id);
    snprintf(rec.file, sizeof rec.file, "%s", name);
    rec.from_seq = info.after_seq;
    rec.to_seq = info.to_seq;
    rec.n_records = info.n_records;
    rec.n_photos = info.n_photos;
    rec.bytes = info.file_bytes;
    rec.created_utc = info.created_utc;
    if ((e = fq_store_sync_add_export(d->st, &rec, fingerprint))) {
        fq_app_sync_store_fail(d, e);
        goto out;
    }
    remove_superseded(d, name);
    out->written = 1;
    snprintf(out->bundle_id, sizeof out->bundle_id, "%s", info.bundle_id);
    snprintf(out->path, sizeof out->path, "%s", path);
    out->n_records = info.n_records;
    out->n_photos = photos.n_present;
    out->n_missing_photos = photos.n_missing;
    out->bytes = info.file_bytes;
out:
    fq_bundle_writer_free(w);
    return e;
}

/* device.id in the sync folder tells the office tool whose folder this is, even when the
 * outbox is empty; device.pub next to it is the public key the office enrols (it compares
 * its fingerprint with this device's Sync screen, so a planted file gains nothing). */
fq_err fq_app_sync_write_identity(fq_app_sync *d)
{
    char path[FQ_BUNDLE_PATH_LEN + 16], text[FQ_ID_LEN + FQ_BUNDLE_KEY_HEX_LEN + 2];
    snprintf(path, sizeof path, "%s/device.id", d->sync_dir);
    int n = snprintf(text, sizeof text, "%s\n", fq_store_device_id(d->st));
    fq_err e = fq_fsio_write_atomic(path, text, (size_t)n, NULL, d->errmsg, sizeof d->errmsg);
    if (e)
        return e;
    snprintf(path, sizeof path, "%s/device.pub", d->sync_dir);
    n = snprintf(text, sizeof text, "%s\n", d->key.public_hex);
    return fq_fsio_write_atomic(path, text, (size_t)n, NULL, d->errmsg, sizeof d->errmsg);
}

fq_err fq_app_sync_export(fq_app_sync *d, fq_app_sync_export_result *out)
{
    fq_app_sync_export_result res;
    memset(&res, 0, sizeof res);
    d->errmsg[0] = '\0';
    int64_t after = 0, to = 0, n_records = 0;
    char fingerprint[FQ_HASH_LEN];
    photo_walk present;
    fq_err e = fq_app_sync_write_identity(d);
    if (e)
        return e;
    if ((e = fq_store_sync_acked_seq(d->st, &after)) ||
        (e = fq_store_sync_pending(d->st, after, &n_records, &to)))
        return fq_app_sync_store_fail(d, e);
    if ((e = walk_photos(d, NULL, &present, fingerprint)))
        return e;
    res.after_seq = after;
    res.to_seq = to;
    res.n_records = n_records;
    if (n_records == 0 && present.n_present == 0) {
        *out = res;
        return FQ_OK;
    }
    if (same_as_last(d, after, to, n_records, fingerprint, &res)) {
        res.unchanged = 1;
        res.n_missing_photos = present.n_missing;
        *out = res;
        return FQ_OK;
    }
    e = write_bundle(d, after, to, &res);
    if (!e)
        *out = res;
    return e;
}
