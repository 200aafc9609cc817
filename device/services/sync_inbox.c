/* Device inbox: receipts and job packs from the office. Each file is verified completely
 * (fq_bundle_open), must be addressed to this device, and is applied in one transaction;
 * only then is it removed. A bad or foreign file is renamed *.rejected so it is neither
 * applied nor retried forever, and the reason is kept for the Sync screen. */
#include "sync_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct apply_ctx {
    fq_app_sync *d;
    int64_t n_applied;
    fq_err err;
} apply_ctx;

static int apply_record(void *ctx, const fq_change *c)
{
    apply_ctx *a = ctx;
    int applied = 0;
    a->err = fq_store_apply_change(a->d->st, c, &applied);
    a->n_applied += applied;
    return a->err != FQ_OK;
}

static int apply_ack(void *ctx, const char *sha)
{
    apply_ctx *a = ctx;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(a->d->db,
                                "INSERT OR IGNORE INTO sync_photo_acks(sha256, acked_utc)"
                                " VALUES (?, ?)", -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, sha, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 2, fq_store_now(a->d->st));
        rc = sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        a->err = fq_app_sync_fail(a->d, FQ_ERR_IO, "saving a photo receipt: %s",
                                       sqlite3_errmsg(a->d->db));
    return a->err != FQ_OK;
}

static fq_err save_receipt(fq_app_sync *d, const fq_bundle_info *in)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(d->db,
                                "INSERT OR IGNORE INTO sync_receipts(bundle_id, acked_seq,"
                                " received_utc, office) VALUES (?,?,?,?)", -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, in->bundle_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 2, in->acked_seq);
        sqlite3_bind_int64(stmt, 3, fq_store_now(d->st));
        sqlite3_bind_text(stmt, 4, in->office, -1, SQLITE_STATIC);
        rc = sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? FQ_OK
                             : fq_app_sync_fail(d, FQ_ERR_IO, "saving the receipt: %s",
                                                     sqlite3_errmsg(d->db));
}

/* Removes outbox files of exports the office now holds completely. */
static void remove_acked_exports(fq_app_sync *d, int64_t acked)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(d->db, "SELECT file FROM sync_exports WHERE to_seq <= ?", -1, &stmt,
                           NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(stmt, 1, acked);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *file = (const char *)sqlite3_column_text(stmt, 0);
        if (!file || strchr(file, '/'))
            continue;
        char path[FQ_BUNDLE_PATH_LEN * 2];
        snprintf(path, sizeof path, "%s/%s", d->outbox, file);
        unlink(path);
    }
    sqlite3_finalize(stmt);
}

/* Applies one verified bundle in one transaction. */
static fq_err apply_bundle(fq_app_sync *d, fq_bundle *b, fq_app_sync_inbox_result *res)
{
    const fq_bundle_info *in = fq_bundle_get_info(b);
    int64_t last = 0;
    fq_err e = fq_store_last_seq(d->st, &last);
    if (e)
        return fq_app_sync_fail(d, e, "%s", fq_store_errmsg(d->st));
    if (in->kind == FQ_BUNDLE_RECEIPT && in->acked_seq > last)
        return fq_app_sync_fail(d, FQ_ERR_CONFLICT,
                                     "receipt acknowledges changes up to %lld but this device "
                                     "has only %lld: not from this database",
                                     (long long)in->acked_seq, (long long)last);
    apply_ctx a = {d, 0, FQ_OK};
    if ((e = fq_store_begin(d->st)))
        return fq_app_sync_fail(d, e, "%s", fq_store_errmsg(d->st));
    if (in->kind == FQ_BUNDLE_RECEIPT) {
        e = save_receipt(d, in);
        if (!e && !(e = fq_bundle_each_ack(b, apply_ack, &a)))
            e = a.err;
    } else {
        if (!(e = fq_bundle_each_record(b, apply_record, &a)) && a.err)
            e = fq_app_sync_fail(d, a.err, "job pack: %s", fq_store_errmsg(d->st));
    }
    if (e) {
        if (!d->errmsg[0])
            fq_app_sync_fail(d, e, "%s", fq_bundle_errmsg(b));
        fq_store_rollback(d->st);
        return e;
    }
    if ((e = fq_store_commit(d->st)))
        return fq_app_sync_fail(d, e, "%s", fq_store_errmsg(d->st));
    if (in->kind == FQ_BUNDLE_RECEIPT) {
        res->n_receipts++;
        int64_t acked = 0;
        if (fq_app_sync_acked_seq(d, &acked) == FQ_OK)
            remove_acked_exports(d, acked);
    } else {
        res->n_job_packs++;
        res->n_records_applied += a.n_applied;
    }
    return FQ_OK;
}

static fq_err read_one(fq_app_sync *d, const char *path, fq_app_sync_inbox_result *res)
{
    fq_bundle *b = NULL;
    d->errmsg[0] = '\0';
    fq_err e = fq_bundle_open(path, NULL, &b);
    if (e) {
        fq_app_sync_fail(d, e, "%s", fq_bundle_errmsg(b));
    } else {
        const fq_bundle_info *in = fq_bundle_get_info(b);
        if (in->kind == FQ_BUNDLE_CHANGES)
            e = fq_app_sync_fail(d, FQ_ERR_INVALID, "a device bundle in the inbox");
        else if (strcmp(in->device_id, fq_store_device_id(d->st)) != 0)
            e = fq_app_sync_fail(d, FQ_ERR_CONFLICT,
                                      "wrong device: %s is for device %s, this is %s",
                                      fq_bundle_kind_name(in->kind), in->device_id,
                                      fq_store_device_id(d->st));
        else
            e = apply_bundle(d, b, res);
    }
    fq_bundle_close(b);
    if (e == FQ_ERR_NOMEM || e == FQ_ERR_FULL || e == FQ_ERR_IO)
        return e; /* a problem here, not in the file: keep it for the next try */
    if (e) {
        char rejected[FQ_BUNDLE_PATH_LEN * 2 + 16];
        snprintf(rejected, sizeof rejected, "%s.rejected", path);
        rename(path, rejected);
        res->n_rejected++;
        snprintf(res->last_rejection, sizeof res->last_rejection, "%s", d->errmsg);
        return FQ_OK;
    }
    unlink(path);
    return FQ_OK;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

fq_err fq_app_sync_read_inbox(fq_app_sync *d, fq_app_sync_inbox_result *out)
{
    fq_app_sync_inbox_result res;
    memset(&res, 0, sizeof res);
    DIR *dir = opendir(d->inbox);
    if (!dir)
        return fq_app_sync_fail(d, FQ_ERR_IO, "cannot read %s", d->inbox);
    char **names = NULL;
    size_t n = 0, cap = 0;
    fq_err e = FQ_OK;
    struct dirent *ent;
    while (!e && (ent = readdir(dir)) != NULL) {
        size_t len = strlen(ent->d_name);
        if (ent->d_name[0] == '.' || len < 5 || strcmp(ent->d_name + len - 4, FQ_BUNDLE_EXT))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown) {
                e = FQ_ERR_NOMEM;
                break;
            }
            names = grown;
        }
        if (!(names[n] = strdup(ent->d_name)))
            e = FQ_ERR_NOMEM;
        else
            n++;
    }
    closedir(dir);
    /* receipts sort before jobs ("jobs-" < "receipt-" is false: order by kind does not
     * matter: both are idempotent), name order keeps it deterministic */
    if (n)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; !e && i < n; i++) {
        char path[FQ_BUNDLE_PATH_LEN * 2];
        snprintf(path, sizeof path, "%s/%s", d->inbox, names[i]);
        e = read_one(d, path, &res);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (e)
        return e == FQ_ERR_NOMEM && !d->errmsg[0]
                   ? fq_app_sync_fail(d, e, "out of memory reading the inbox")
                   : e;
    e = fq_app_sync_acked_seq(d, &res.acked_seq);
    if (!e)
        *out = res;
    return e;
}
