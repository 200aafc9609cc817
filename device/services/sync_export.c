/* Device export: everything in the change log after the acknowledged position plus the
 * photos the office has not acknowledged, as bundles in outbox/. Marks nothing synced: only
 * a receipt does (sync_inbox.c). Because every export restarts from the acknowledged
 * position, a lost bundle is carried again by the next export, and older unacknowledged
 * bundles in outbox/ are superseded once the new ones are durable.
 *
 * The work is split into parts no larger than the handle's bundle size: consecutive ranges
 * of the change log, then the photos (photo-only parts carry an empty range). A change whose
 * log row is damaged is recorded and left out instead of making every bundle unreadable. */
#include "sync_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/civil.h"
#include "fsio/fsio.h"

/* bytes a record adds to a bundle besides its JSON (row, index, checksum) */
#define RECORD_OVERHEAD 160
/* what finishing a bundle adds (manifest, its index, the last pages) */
#define FINISH_MARGIN ((int64_t)16 << 10)

typedef struct skipped {
    int64_t seq;
    char table[32];
    char uuid[FQ_UUID_LEN];
    char reason[FQ_BUNDLE_ERR_LEN];
} skipped;

/* One export: the parts written so far and the one being written. */
typedef struct exporter {
    fq_app_sync *d;
    fq_bundle_info base;     /* kind, device, inspector, created: the same for every part */
    char stamp[FQ_DATETIME_LEN];
    int64_t cap;             /* estimated bytes a part may hold */
    fq_bundle_writer *w;     /* the open part (NULL between parts) */
    char w_name[FQ_ID_LEN + 80];
    int64_t n_items;         /* records (added or skipped) and photos in the open part */
    int64_t last;            /* the last change-log position the open part covers */
    int64_t after;           /* the open part's range */
    int64_t to;
    char (*names)[FQ_ID_LEN + 80]; /* every part's file name, for superseding */
    int n_parts;
    int cap_parts;
    char fingerprint[FQ_HASH_LEN];
    skipped *skips;
    size_t n_skips;
    fq_err err;
    fq_app_sync_export_result *res;
} exporter;

/* Where bundles are built before they go onto the sync folder: beside the photos on the
 * device's own storage ("<db>.photos" -> "<db>.outgoing"). */
static fq_err staging_dir(const fq_app_sync *d, char *out, size_t len)
{
    size_t n = strlen(d->photo_dir);
    const char *suffix = ".photos";
    size_t sl = strlen(suffix);
    int w = n > sl && strcmp(d->photo_dir + n - sl, suffix) == 0
                ? snprintf(out, len, "%.*s.outgoing", (int)(n - sl), d->photo_dir)
                : snprintf(out, len, "%s.outgoing", d->photo_dir);
    return w < 0 || (size_t)w >= len ? FQ_ERR_INVALID : FQ_OK;
}

/* True when the outbox is on the file system of the device's photos (its own disk). */
static int own_disk(const fq_app_sync *d)
{
    struct stat out, own;
    return stat(d->outbox, &out) == 0 && stat(d->photo_dir, &own) == 0 &&
           out.st_dev == own.st_dev;
}

static fq_err part_open(exporter *x, int64_t after, int64_t to)
{
    fq_app_sync *d = x->d;
    if (x->n_parts == x->cap_parts) {
        int cap = x->cap_parts ? x->cap_parts * 2 : 4;
        void *grown = realloc(x->names, (size_t)cap * sizeof *x->names);
        if (!grown)
            return fq_app_sync_fail(d, FQ_ERR_NOMEM, "out of memory");
        x->names = grown;
        x->cap_parts = cap;
    }
    fq_bundle_info info = x->base;
    info.after_seq = after;
    info.to_seq = to;
    if (fq_fsio_uuid(info.bundle_id, sizeof info.bundle_id))
        return fq_app_sync_fail(d, FQ_ERR_IO, "no random source for the bundle id");
    /* the part number in the name keeps the office's name-order import in range order */
    snprintf(x->w_name, sizeof x->w_name, "%s-%s-%02d-%.8s%s", info.device_id, x->stamp,
             x->n_parts + 1, info.bundle_id, FQ_BUNDLE_EXT);
    /* a sync folder on another file system (a USB stick) gets each part built on the
     * device's own storage and copied over whole: one sequential write instead of SQLite's
     * scattered pages; one on the device's own disk gets it built in place (no copy) */
    char path[FQ_BUNDLE_PATH_LEN * 2], staged[FQ_BUNDLE_PATH_LEN * 2];
    snprintf(path, sizeof path, "%s/%s", d->outbox, x->w_name);
    if (staging_dir(d, staged, sizeof staged) != FQ_OK)
        return fq_app_sync_fail(d, FQ_ERR_INVALID, "staging path too long");
    fq_err e = fq_bundle_writer_new_in(path, own_disk(d) ? NULL : staged, &info, &d->key,
                                       &x->w);
    if (e) {
        fq_app_sync_fail(d, e, "%s", fq_bundle_writer_errmsg(x->w));
        fq_bundle_writer_free(x->w);
        x->w = NULL;
        return e;
    }
    if (x->n_parts == 0)
        snprintf(x->res->path, sizeof x->res->path, "%s", path);
    x->n_items = 0;
    x->last = after;
    x->after = after;
    x->to = to;
    return FQ_OK;
}

/* True when adding `size` more bytes would take the open part over the cap (never for its
 * first item: one record or photo always goes somewhere). */
static int part_full(const exporter *x, int64_t size)
{
    return x->n_items > 0 && fq_bundle_writer_size(x->w) + size + FINISH_MARGIN > x->cap;
}

/* Finishes the open part durably (on the sync folder) and records it. */
static fq_err part_close(exporter *x)
{
    fq_app_sync *d = x->d;
    fq_bundle_info info;
    fq_err e = fq_bundle_writer_finish(x->w, &info);
    if (e)
        fq_app_sync_fail(d, e, "%s", fq_bundle_writer_errmsg(x->w));
    fq_bundle_writer_free(x->w);
    x->w = NULL;
    if (e)
        return e;
    fq_store_export rec;
    memset(&rec, 0, sizeof rec);
    snprintf(rec.bundle_id, sizeof rec.bundle_id, "%s", info.bundle_id);
    snprintf(rec.file, sizeof rec.file, "%s", x->w_name);
    rec.from_seq = info.after_seq;
    rec.to_seq = info.to_seq;
    rec.n_records = info.n_records;
    rec.n_photos = info.n_photos;
    rec.bytes = info.file_bytes;
    rec.created_utc = info.created_utc;
    if ((e = fq_store_sync_add_export(d->st, &rec, x->fingerprint)))
        return fq_app_sync_store_fail(d, e);
    memcpy(x->names[x->n_parts++], x->w_name, sizeof x->w_name);
    if (x->n_parts == 1)
        snprintf(x->res->bundle_id, sizeof x->res->bundle_id, "%s", info.bundle_id);
    x->res->n_records += info.n_records;
    x->res->bytes += info.file_bytes;
    return FQ_OK;
}

/* ---- records ---- */

static int add_change(void *ctx, const fq_change *c)
{
    exporter *x = ctx;
    if (c->seq > x->to)
        return 1;
    int64_t size = (c->json ? (int64_t)strlen(c->json) : 0) + RECORD_OVERHEAD;
    fq_err e = FQ_OK;
    if (part_full(x, size)) { /* this part ends here; the rest of the range goes on */
        int64_t end = x->last, to = x->to;
        if ((e = fq_bundle_writer_end_range(x->w, end)))
            e = fq_app_sync_fail(x->d, e, "%s", fq_bundle_writer_errmsg(x->w));
        if (!e)
            e = part_close(x);
        if (!e)
            e = part_open(x, end, to);
        if (e) {
            x->err = e;
            return 1;
        }
    }
    x->n_items++;
    x->last = c->seq;
    e = fq_bundle_writer_add_record(x->w, c);
    if (e == FQ_ERR_CORRUPT) { /* a damaged log row: recorded, left out, the rest goes */
        fq_err se = fq_bundle_writer_skip(x->w, c->seq);
        if (se) {
            x->err = fq_app_sync_fail(x->d, se, "%s", fq_bundle_writer_errmsg(x->w));
            return 1;
        }
        skipped *grown = realloc(x->skips, (x->n_skips + 1) * sizeof *grown);
        if (!grown) {
            x->err = fq_app_sync_fail(x->d, FQ_ERR_NOMEM, "out of memory");
            return 1;
        }
        x->skips = grown;
        skipped *s = &x->skips[x->n_skips++];
        s->seq = c->seq;
        snprintf(s->table, sizeof s->table, "%s", c->table ? c->table : "");
        snprintf(s->uuid, sizeof s->uuid, "%s", c->uuid ? c->uuid : "");
        snprintf(s->reason, sizeof s->reason, "%s", fq_bundle_writer_errmsg(x->w));
        return 0;
    }
    if (e) {
        x->err = fq_app_sync_fail(x->d, e, "%s", fq_bundle_writer_errmsg(x->w));
        return 1;
    }
    return 0;
}

/* ---- photos ---- */

/* Walks the unacknowledged photos: with an exporter, adds the ones present here (a new
 * photo-only part when the open one is full); counts the missing ones; hashes the
 * list of the present ones, the fingerprint of "the same pending photos". */
typedef struct photo_walk {
    fq_app_sync *d;
    exporter *x;             /* NULL: only fingerprint and count */
    fq_core_sha256 fp;
    int64_t n_present;
    int64_t n_missing;
    fq_err err;
} photo_walk;

static fq_err add_photo(photo_walk *p, const char *sha, const char *path)
{
    exporter *x = p->x;
    unsigned char *data = NULL;
    size_t len = 0;
    if (fq_fsio_read_file(path, FQ_APP_SYNC_MAX_PHOTO_BYTES, &data, &len, NULL, 0)) {
        p->n_missing++;
        return FQ_OK;
    }
    fq_err e = FQ_OK;
    if (part_full(x, (int64_t)len)) { /* a photo-only part follows, with an empty range */
        int64_t to = x->to;
        if (!(e = part_close(x)))
            e = part_open(x, to, to);
    }
    /* stored under its hash: not hashed again here; a copy damaged on this device goes out
     * under its name and the office, which hashes every photo it reads, sets it aside as
     * damaged at the sender (never acknowledged, so it stays here) */
    if (!e)
        e = fq_bundle_writer_add_stored_photo(x->w, sha, data, len);
    free(data);
    if (e)
        return x->w ? fq_app_sync_fail(p->d, e, "%s", fq_bundle_writer_errmsg(x->w)) : e;
    x->n_items++;
    return FQ_OK;
}

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
    if (p->x) {
        int64_t missing = p->n_missing;
        if ((p->err = add_photo(p, sha, path)))
            return 1;
        if (p->n_missing != missing)
            return 0;
    }
    fq_core_sha256_update(&p->fp, sha, 64);
    p->n_present++;
    return 0;
}

static fq_err walk_photos(fq_app_sync *d, exporter *x, photo_walk *out,
                          char fingerprint[FQ_HASH_LEN])
{
    memset(out, 0, sizeof *out);
    out->d = d;
    out->x = x;
    fq_core_sha256_init(&out->fp);
    /* the format is part of "the same export": after an upgrade the old version's bundle in
     * the outbox (which the office now refuses) is written again, not kept as unchanged */
    char version[32];
    int n = snprintf(version, sizeof version, "fieldqc-bundle/%d", FQ_BUNDLE_FORMAT_VERSION);
    fq_core_sha256_update(&out->fp, version, (size_t)n);
    fq_err e = fq_store_sync_each_unacked_photo(d->st, walk_photo, out);
    if (e)
        return fq_app_sync_store_fail(d, e);
    if (out->err)
        return out->err;
    fq_core_sha256_final_hex(&out->fp, fingerprint);
    return FQ_OK;
}

/* ---- the outbox ---- */

/* Removes the other bundles of this device from outbox/: the new parts carry all of them. */
static void remove_superseded(fq_app_sync *d, const exporter *x)
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
            strcmp(ent->d_name + n - 4, FQ_BUNDLE_EXT) != 0)
            continue;
        int keep = 0;
        for (int i = 0; i < x->n_parts && !keep; i++)
            keep = strcmp(ent->d_name, x->names[i]) == 0;
        if (keep)
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
    out->n_bundles = 1;
    out->n_photos = x.n_photos;
    out->bytes = x.bytes;
    return 1;
}

/* Writes the parts: the records in range order, then the photos, each part closed when the
 * next item would take it over the cap, every part recorded. */
static fq_err write_parts(exporter *x, int64_t after, int64_t to)
{
    fq_app_sync *d = x->d;
    fq_err e = part_open(x, after, to);
    if (e)
        return e;
    x->err = FQ_OK;
    e = fq_store_changes_since(d->st, after, add_change, x);
    if (e)
        return fq_app_sync_store_fail(d, e);
    if (x->err)
        return x->err;
    photo_walk photos;
    if ((e = walk_photos(d, x, &photos, x->fingerprint)))
        return e;
    if ((e = part_close(x)))
        return e;
    x->res->n_photos = photos.n_present;
    x->res->n_missing_photos = photos.n_missing;
    return FQ_OK;
}

/* Writes text to path durably unless it holds exactly that already (every export calls
 * this: two atomic writes were four fsyncs each time for the same bytes). */
static fq_err write_if_changed(fq_app_sync *d, const char *path, const char *text, size_t len)
{
    unsigned char *held = NULL;
    size_t held_len = 0;
    struct stat sb; /* a plain file only: a FIFO planted on a stick would block the read */
    int same = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && (size_t)sb.st_size == len &&
               fq_fsio_read_file(path, 4096, &held, &held_len, NULL, 0) == FQ_OK &&
               held_len == len && memcmp(held, text, len) == 0;
    free(held);
    return same ? FQ_OK
                : fq_fsio_write_atomic(path, text, len, NULL, d->errmsg, sizeof d->errmsg);
}

/* device.id in the sync folder tells the office tool whose folder this is, even when the
 * outbox is empty; device.pub next to it is the public key the office enrols (it compares
 * its fingerprint with this device's Sync screen, so a planted file gains nothing). */
fq_err fq_app_sync_write_identity(fq_app_sync *d)
{
    char path[FQ_BUNDLE_PATH_LEN + 16], text[FQ_ID_LEN + FQ_BUNDLE_KEY_HEX_LEN + 2];
    snprintf(path, sizeof path, "%s/device.id", d->sync_dir);
    int n = snprintf(text, sizeof text, "%s\n", fq_store_device_id(d->st));
    fq_err e = write_if_changed(d, path, text, (size_t)n);
    if (e)
        return e;
    snprintf(path, sizeof path, "%s/device.pub", d->sync_dir);
    n = snprintf(text, sizeof text, "%s\n", d->key.public_hex);
    return write_if_changed(d, path, text, (size_t)n);
}

static fq_err export_all(fq_app_sync *d, int64_t after, int64_t to, const char *fingerprint,
                         fq_app_sync_export_result *res)
{
    exporter x;
    memset(&x, 0, sizeof x);
    x.d = d;
    x.res = res;
    x.cap = d->max_bundle_bytes;
    memcpy(x.fingerprint, fingerprint, FQ_HASH_LEN);
    x.base.kind = FQ_BUNDLE_CHANGES;
    x.base.created_utc = fq_store_now(d->st);
    snprintf(x.base.device_id, sizeof x.base.device_id, "%s", fq_store_device_id(d->st));
    /* the office's next receipt names only what this one did not (issue 18) */
    fq_err ae = fq_store_sync_last_receipt_id(d->st, x.base.acked_receipt,
                                              sizeof x.base.acked_receipt);
    if (ae)
        return fq_app_sync_store_fail(d, ae);
    if (!fq_uuid_valid(x.base.acked_receipt))
        x.base.acked_receipt[0] = '\0'; /* not an office's (a hand-made row): name none, safe */
    char inspector[FQ_ID_LEN] = "";
    fq_store_setting_get(d->st, "inspector", inspector, sizeof inspector);
    snprintf(x.base.inspector, sizeof x.base.inspector, "%s", inspector);
    /* "2026-11-21T15:04:05Z" -> "20261121T150405Z" for a portable file name */
    char stamp[FQ_DATETIME_LEN];
    fq_utc_format(x.base.created_utc, stamp, sizeof stamp);
    size_t o = 0;
    for (const char *p = stamp; *p && o + 1 < sizeof x.stamp; p++)
        if (*p != '-' && *p != ':')
            x.stamp[o++] = *p;
    x.stamp[o] = '\0';
    fq_err e = write_parts(&x, after, to);
    if (x.w) { /* a failed part: its temporary goes, the finished ones stay superseded later */
        fq_bundle_writer_free(x.w);
        x.w = NULL;
    }
    for (size_t i = 0; !e && i < x.n_skips; i++) {
        fq_err se = fq_store_sync_skip(d->st, x.skips[i].seq, x.skips[i].table,
                                       x.skips[i].uuid, x.skips[i].reason);
        if (se)
            e = fq_app_sync_store_fail(d, se);
    }
    if (!e) {
        remove_superseded(d, &x);
        res->written = 1;
        res->n_bundles = x.n_parts;
        res->n_skipped = (int64_t)x.n_skips;
    }
    free(x.names);
    free(x.skips);
    return e;
}

/* A bundle left in the staging folder by a killed export is never copied any more (names
 * carry a fresh bundle id): removed before the next export builds its own. */
static void clear_staging(const fq_app_sync *d)
{
    char dir[FQ_BUNDLE_PATH_LEN * 2];
    if (staging_dir(d, dir, sizeof dir) != FQ_OK)
        return;
    DIR *dh = opendir(dir);
    struct dirent *ent;
    while (dh && (ent = readdir(dh)) != NULL) {
        size_t n = strlen(ent->d_name), el = strlen(FQ_BUNDLE_EXT);
        if (n > el && strcmp(ent->d_name + n - el, FQ_BUNDLE_EXT) == 0) {
            char path[FQ_BUNDLE_PATH_LEN * 3];
            snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
            unlink(path);
        }
    }
    if (dh)
        closedir(dh);
    fq_fsio_sweep_tmp(dir, 0);
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
    if (n_records == 0 && present.n_present == 0) {
        *out = res;
        return FQ_OK;
    }
    if (same_as_last(d, after, to, n_records, fingerprint, &res)) {
        res.unchanged = 1;
        res.n_records = n_records;
        res.n_missing_photos = present.n_missing;
        *out = res;
        return FQ_OK;
    }
    clear_staging(d);
    e = export_all(d, after, to, fingerprint, &res);
    if (!e)
        *out = res;
    return e;
}
