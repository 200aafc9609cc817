/* Device inbox: receipts and job packs from the office. Each file is verified completely
 * (fq_bundle_open: intact and signed by the key it names), must be addressed to this device
 * and signed by the office key it trusts (sync_trust.c), and is applied in one transaction;
 * only then is it removed. A receipt may not acknowledge more than this device ever
 * exported. A bad, foreign or forged file is renamed *.rejected so it is neither applied nor
 * retried forever, and its reason is logged for the Sync screen: a rejected job pack means
 * the inspector lacks the next visits, and only the office can fix that. */
#include "sync_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsio/fsio.h"

typedef struct apply_ctx {
    fq_app_sync *d;
    int64_t n_applied;
    fq_err err;
} apply_ctx;

/* A job pack row is the office's state: the store takes what the office owns and keeps
 * the device's own work the office has not confirmed yet (FQ_STORE_KEPT_LOCAL). */
static int apply_record(void *ctx, const fq_change *c)
{
    apply_ctx *a = ctx;
    static const fq_store_sender office = {FQ_STORE_FROM_OFFICE, NULL, NULL};
    int outcome = 0;
    a->err = fq_store_apply_change(a->d->st, &office, c, &outcome);
    a->n_applied += (outcome & FQ_STORE_APPLIED) != 0;
    return a->err != FQ_OK;
}

static int apply_ack(void *ctx, const char *sha)
{
    apply_ctx *a = ctx;
    a->err = fq_store_sync_ack_photo(a->d->st, sha);
    if (a->err)
        fq_app_sync_store_fail(a->d, a->err);
    return a->err != FQ_OK;
}

static int remove_export_file(void *ctx, const fq_store_export *x)
{
    fq_app_sync *d = ctx;
    if (!strchr(x->file, '/')) {
        char path[FQ_BUNDLE_PATH_LEN * 2];
        snprintf(path, sizeof path, "%s/%s", d->outbox, x->file);
        unlink(path);
    }
    return 0;
}

/* A deleted photo's file, once a receipt covers the delete (content addressed: the name is
 * the hash, checked by fsio). */
static int remove_photo_file(void *ctx, const char *sha)
{
    fq_app_sync *d = ctx;
    char path[FQ_BUNDLE_PATH_LEN * 2];
    if (fq_fsio_photo_path(d->photo_dir, sha, path, sizeof path) == FQ_OK)
        unlink(path);
    return 0;
}

/* The office key step of an accepted file (sync_trust.c), inside its transaction: a file
 * that fails to apply teaches nothing and drops nothing. */
static fq_err key_step(fq_app_sync *d, const fq_bundle_info *in, fq_app_sync_key_step step)
{
    fq_err e = FQ_OK;
    if (step == FQ_APP_SYNC_KEY_PIN)
        e = fq_store_sync_trust_office_key(d->st, in->signer_key, fq_store_now(d->st));
    else if (step == FQ_APP_SYNC_KEY_DROP_OFFER)
        e = fq_store_sync_offer_office_key(d->st, "", 0);
    return e ? fq_app_sync_store_fail(d, e) : FQ_OK;
}

/* The office's clock arrives with each of its files: the device keeps the newest, and its own
 * time when it came, to flag a clock that is behind or went back (Settings). */
static fq_err note_office_time(fq_app_sync *d, int64_t created_utc)
{
    char buf[32];
    int64_t known = 0;
    if (fq_store_setting_get(d->st, "office_time_utc", buf, sizeof buf) == FQ_OK)
        known = strtoll(buf, NULL, 10);
    if (created_utc <= known)
        return FQ_OK;
    snprintf(buf, sizeof buf, "%lld", (long long)created_utc);
    fq_err e = fq_store_setting_set(d->st, "office_time_utc", buf);
    snprintf(buf, sizeof buf, "%lld", (long long)fq_store_now(d->st));
    if (!e)
        e = fq_store_setting_set(d->st, "office_time_seen_utc", buf);
    return e ? fq_app_sync_store_fail(d, e) : FQ_OK;
}

/* Applies one verified bundle in one transaction; *out_n_records: records that changed. */
static fq_err apply_bundle(fq_app_sync *d, fq_bundle *b, fq_app_sync_key_step step,
                           fq_app_sync_inbox_result *res, int64_t *out_n_records)
{
    const fq_bundle_info *in = fq_bundle_get_info(b);
    /* the office can hold only what this device sent: a receipt claiming more (a wrong range,
     * even a signed one) would mark changes delivered that never left, so nothing of it is
     * kept, and the next correct receipt is applied as usual */
    int64_t exported = 0;
    fq_err e = fq_store_sync_exported_seq(d->st, &exported);
    if (e)
        return fq_app_sync_store_fail(d, e);
    if (in->kind == FQ_BUNDLE_RECEIPT && in->acked_seq > exported)
        return fq_app_sync_fail(d, FQ_ERR_CONFLICT,
                                "receipt acknowledges changes up to %lld but this device "
                                "only ever sent changes up to %lld: not applied",
                                (long long)in->acked_seq, (long long)exported);
    apply_ctx a = {d, 0, FQ_OK};
    if ((e = fq_store_begin(d->st)))
        return fq_app_sync_store_fail(d, e);
    e = key_step(d, in, step);
    if (!e)
        e = note_office_time(d, in->created_utc);
    if (!e && in->kind == FQ_BUNDLE_RECEIPT) {
        e = fq_store_sync_add_receipt(d->st, in->bundle_id, in->acked_seq, in->office);
        if (e)
            fq_app_sync_store_fail(d, e);
        else if (!(e = fq_bundle_each_ack(b, apply_ack, &a)))
            e = a.err;
    } else if (!e) {
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
        return fq_app_sync_store_fail(d, e);
    if (in->kind == FQ_BUNDLE_RECEIPT) {
        res->n_receipts++;
        int64_t acked = 0;
        if (fq_store_sync_acked_seq(d->st, &acked) == FQ_OK) {
            fq_store_sync_each_covered_export(d->st, acked, remove_export_file, d);
            fq_store_sync_each_dropped_photo(d->st, acked, remove_photo_file, d);
        }
    } else {
        res->n_job_packs++;
        res->n_records_applied += a.n_applied;
    }
    *out_n_records = a.n_applied;
    return FQ_OK;
}

/* The outcome of one file, for the Sync screen. A failure to log is not a reason to undo the
 * apply (it is committed); the rejection itself is still returned to the caller. */
static void log_outcome(fq_app_sync *d, const char *path, const char *kind, int applied,
                        const char *reason, int64_t n_records)
{
    fq_store_inbox_entry e;
    memset(&e, 0, sizeof e);
    const char *base = strrchr(path, '/');
    snprintf(e.file, sizeof e.file, "%s", base ? base + 1 : path);
    snprintf(e.kind, sizeof e.kind, "%s", kind);
    e.applied = applied;
    snprintf(e.reason, sizeof e.reason, "%s", reason);
    e.n_records = n_records;
    e.at_utc = fq_store_now(d->st);
    fq_store_sync_log_inbox(d->st, &e);
}

/* The kind a file claims by its name ("receipt-..." / "jobs-..."), for files too broken to
 * tell by their manifest. */
static const char *kind_by_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strncmp(base, "receipt-", 8) == 0)
        return fq_bundle_kind_name(FQ_BUNDLE_RECEIPT);
    if (strncmp(base, "jobs-", 5) == 0)
        return fq_bundle_kind_name(FQ_BUNDLE_JOBS);
    return "?";
}

fq_err fq_app_sync_read_file(fq_app_sync *d, const char *path, fq_app_sync_inbox_result *res)
{
    fq_bundle *b = NULL;
    d->errmsg[0] = '\0';
    const char *kind = kind_by_name(path);
    int64_t n_records = 0;
    fq_app_sync_key_step step = FQ_APP_SYNC_KEY_KEEP;
    fq_err e = fq_bundle_open(path, NULL, &b);
    if (e) {
        fq_app_sync_fail(d, e, "%s", fq_bundle_errmsg(b));
    } else {
        const fq_bundle_info *in = fq_bundle_get_info(b);
        kind = fq_bundle_kind_name(in->kind);
        if (in->kind == FQ_BUNDLE_CHANGES)
            e = fq_app_sync_fail(d, FQ_ERR_INVALID, "a device bundle in the inbox");
        else if (strcmp(in->device_id, fq_store_device_id(d->st)) != 0)
            e = fq_app_sync_fail(d, FQ_ERR_CONFLICT,
                                 "wrong device: %s is for device %s, this is %s",
                                 fq_bundle_kind_name(in->kind), in->device_id,
                                 fq_store_device_id(d->st));
        else if (!(e = fq_app_sync_check_office_key(d, in, &step)))
            e = apply_bundle(d, b, step, res, &n_records);
    }
    fq_bundle_close(b);
    if (e == FQ_ERR_NOMEM || e == FQ_ERR_FULL || e == FQ_ERR_IO)
        return e; /* a problem here, not in the file: keep it for the next try */
    if (e) {
        char rejected[FQ_BUNDLE_PATH_LEN * 2 + 16];
        snprintf(rejected, sizeof rejected, "%s.rejected", path);
        rename(path, rejected);
        res->n_rejected++;
        const char *base = strrchr(path, '/');
        snprintf(res->last_rejected_file, sizeof res->last_rejected_file, "%s",
                 base ? base + 1 : path);
        snprintf(res->last_rejection, sizeof res->last_rejection, "%s", d->errmsg);
        log_outcome(d, path, kind, 0, d->errmsg, 0);
        return FQ_OK;
    }
    log_outcome(d, path, kind, 1, "", n_records);
    unlink(path);
    return FQ_OK;
}

/* Receipts first, then by name: a job pack keeps the device's work the office has not
 * acknowledged, so the receipt written in the same sync must count first. */
static int by_name(const void *a, const void *b)
{
    const char *na = *(char *const *)a, *nb = *(char *const *)b;
    int ra = strncmp(na, "receipt-", 8) == 0, rb = strncmp(nb, "receipt-", 8) == 0;
    if (ra != rb)
        return rb - ra;
    return strcmp(na, nb);
}

fq_err fq_app_sync_read_inbox(fq_app_sync *d, fq_app_sync_inbox_result *out)
{
    fq_app_sync_inbox_result res;
    memset(&res, 0, sizeof res);
    d->errmsg[0] = '\0';
    /* the office may be reading this folder to enrol this device: keep its key there */
    fq_err e = fq_app_sync_write_identity(d);
    if (e)
        return e;
    DIR *dir = opendir(d->inbox);
    if (!dir)
        return fq_app_sync_fail(d, FQ_ERR_IO, "cannot read %s", d->inbox);
    char **names = NULL;
    size_t n = 0, cap = 0;
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
    /* receipts, then name order: deterministic, and a job pack sees what the receipt of the
     * same sync acknowledged */
    if (n)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; !e && i < n; i++) {
        char path[FQ_BUNDLE_PATH_LEN * 2];
        snprintf(path, sizeof path, "%s/%s", d->inbox, names[i]);
        e = fq_app_sync_read_file(d, path, &res);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (e)
        return e == FQ_ERR_NOMEM && !d->errmsg[0]
                   ? fq_app_sync_fail(d, e, "out of memory reading the inbox")
                   : e;
    e = fq_store_sync_acked_seq(d->st, &res.acked_seq);
    if (e)
        return fq_app_sync_store_fail(d, e);
    *out = res;
    return FQ_OK;
}
