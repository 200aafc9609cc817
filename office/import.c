/* Importing one device bundle into the office database. Order matters for crash safety:
 * (1) verify everything (fq_bundle_open_staging) and that the device is enrolled with the
 * key that signed it (enrol.c), (2) check every new photo decodes as a JPEG and write it
 * durably (fsio, content addressed, so a repeated or killed import is harmless; an office
 * copy that no longer matches its hash is replaced). The photos are written to temporaries
 * during the reader's one verification pass (stage_photo, only for a bundle whose manifest
 * names an enrolled device's key and is new here; checked and written on worker threads, one
 * per core, photo_worker.c, while the reader verifies the next ones), and take their names
 * (fsio batch: made durable together, renamed, the renames made durable) only after the
 * whole bundle verified; (3) apply every record and log the import in ONE
 * transaction. A kill before (3) commits leaves the database as it was; re-importing then
 * applies it exactly once: a change whose position in the device's log lies in a range
 * imported before is a replay and skipped, the others are applied by ownership and revision
 * (fq_store_apply_change, FROM_DEVICE: the manifest's device is the sender). A change the
 * device may not make, or one made concurrently with another writer's, does not stop the
 * bundle: it is kept with its reason in the office's conflicts table (`fieldqc-office
 * conflicts`) and the rest applies. When (3) fails the photo files this import created are
 * removed again: a bundle that does not apply leaves nothing behind. */
#include "office_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sha256.h"
#include "office/photo_worker.h"

typedef struct seq_range {
    int64_t after_seq;
    int64_t to_seq;
} seq_range;

typedef struct import_ctx {
    fq_office *o;
    const fq_bundle_info *info;
    int64_t n_applied;
    int64_t n_new;
    fq_err err;
    char (*shas)[FQ_HASH_LEN]; /* photos seen, logged inside the transaction */
    int64_t *sizes;
    char *created;             /* created[i]: shas[i]'s file is new from this import */
    int64_t n_shas;
    int64_t cap_shas;
    int64_t n_repaired;
    seq_range *ranges;         /* what was imported from this device before */
    size_t n_ranges;
    size_t cap_ranges;
    int64_t n_conflicts;
    int64_t n_refused;
    fq_fsio_batch *batch;      /* new photo files, temporaries until the records apply */
    const char *expect_device;
    int decided;               /* staging decided at the first photo */
    int staging;               /* photos are written during the verification pass */
    fq_office_photo_worker *worker; /* runs put_photo while the reader goes on (or NULL) */
    int push_nomem;            /* a photo could not be handed to the worker */
    /* put_photo runs on several workers at once: mu guards everything above it writes
     * (shas, counters, batch, err and the office's message); each worker decodes with its
     * own handle (media[0] is the office's) */
    pthread_mutex_t mu;
    fq_media *media[FQ_OFFICE_PHOTO_WORKERS_MAX];
    int n_media;
} import_ctx;

/* True when the file at path holds exactly the bytes of hash sha (an office copy can be
 * damaged after it was written: a disk error, a restore, someone's editor). */
static int intact(const char *path, const char *sha)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (fq_fsio_read_file(path, (size_t)FQ_OFFICE_MAX_PHOTO_BYTES, &data, &len, NULL, 0))
        return 0;
    char actual[FQ_HASH_LEN];
    fq_core_sha256_hex(data, len, actual);
    free(data);
    return strcmp(actual, sha) == 0;
}

/* Removes the photo files this import created (its records did not apply). */
static void remove_created(import_ctx *x)
{
    for (int64_t i = 0; i < x->n_shas; i++) {
        char path[FQ_BUNDLE_PATH_LEN + 80];
        if (x->created[i] &&
            fq_fsio_photo_path(x->o->photo_dir, x->shas[i], path, sizeof path) == FQ_OK)
            unlink(path);
    }
}

static int grow_shas(import_ctx *x)
{
    int64_t cap = x->cap_shas ? x->cap_shas * 2 : 64;
    char(*shas)[FQ_HASH_LEN] = realloc(x->shas, (size_t)cap * sizeof *shas);
    if (shas)
        x->shas = shas;
    int64_t *sizes = shas ? realloc(x->sizes, (size_t)cap * sizeof *sizes) : NULL;
    if (sizes)
        x->sizes = sizes;
    char *created = sizes ? realloc(x->created, (size_t)cap) : NULL;
    if (!created) {
        x->err = fq_office_fail(x->o, FQ_ERR_NOMEM, "out of memory");
        return 1;
    }
    x->created = created;
    x->cap_shas = cap;
    return 0;
}

/* The photo's place in shas (-1: no memory, on x->err). Under x->mu. */
static int64_t note_photo(import_ctx *x, const char *sha, size_t len)
{
    int64_t i = x->n_shas;
    if (i == x->cap_shas && grow_shas(x))
        return -1;
    memcpy(x->shas[i], sha, FQ_HASH_LEN);
    x->sizes[i] = (int64_t)len;
    x->created[i] = 0;
    x->n_shas++;
    return i;
}

/* Checks one photo and writes it to its temporary, on worker `worker` (any number of them
 * at once) or on the reader's thread (worker 0) when no worker could be started. */
static int put_photo(void *ctx, int worker, const char *sha, const unsigned char *data,
                     size_t len)
{
    import_ctx *x = ctx;
    char path[FQ_BUNDLE_PATH_LEN + 80];
    struct stat sb;
    int path_ok = fq_fsio_photo_path(x->o->photo_dir, sha, path, sizeof path) == FQ_OK;
    pthread_mutex_lock(&x->mu);
    int64_t i = path_ok ? note_photo(x, sha, len) : -1;
    if (!path_ok && !x->err)
        x->err = fq_office_fail(x->o, FQ_ERR_INVALID, "photo store path too long");
    pthread_mutex_unlock(&x->mu);
    if (i < 0)
        return 1;
    int exists = stat(path, &sb) == 0;
    /* content addressed: the same name and bytes is the same photo, already stored */
    if (exists && (int64_t)sb.st_size == (int64_t)len && intact(path, sha))
        return 0;
    /* a photo nobody can look at is no evidence: refuse the bundle, name the photo */
    fq_media *m = x->media[worker];
    fq_err e = fq_media_check_jpeg(m, data, len);
    pthread_mutex_lock(&x->mu);
    if (e && !x->err)
        x->err = fq_office_fail(x->o, e, "photo %.12s... is not a usable JPEG: %s", sha,
                                fq_media_errmsg(m));
    /* one writer at a time: the batch is one list, and the decode is what takes long;
     * after another worker's failure nothing more is written */
    int added = 0;
    if (!e && !x->err) {
        e = fq_fsio_batch_add(x->batch, path, data, len, x->o->errmsg, sizeof x->o->errmsg);
        added = !e;
    }
    if (e && !x->err)
        x->err = e;
    if (added && exists)
        x->n_repaired++;
    else if (added)
        x->n_new++, x->created[i] = 1;
    e = x->err;
    pthread_mutex_unlock(&x->mu);
    return e != FQ_OK;
}

static int add_range(void *ctx, int64_t after_seq, int64_t to_seq)
{
    import_ctx *x = ctx;
    if (x->n_ranges == x->cap_ranges) {
        size_t cap = x->cap_ranges ? x->cap_ranges * 2 : 16;
        seq_range *grown = realloc(x->ranges, cap * sizeof *grown);
        if (!grown) {
            x->err = fq_office_fail(x->o, FQ_ERR_NOMEM, "out of memory");
            return 1;
        }
        x->ranges = grown;
        x->cap_ranges = cap;
    }
    x->ranges[x->n_ranges].after_seq = after_seq;
    x->ranges[x->n_ranges++].to_seq = to_seq;
    return 0;
}

/* The office imported this position of the device's change log before. */
static int replayed(const import_ctx *x, int64_t seq)
{
    for (size_t i = 0; i < x->n_ranges; i++)
        if (seq > x->ranges[i].after_seq && seq <= x->ranges[i].to_seq)
            return 1;
    return 0;
}

static int apply_record(void *ctx, const fq_change *c)
{
    import_ctx *x = ctx;
    if (replayed(x, c->seq))
        return 0;
    fq_store_sender from = {FQ_STORE_FROM_DEVICE, x->info->device_id, x->info->bundle_id};
    int outcome = 0;
    x->err = fq_ostore_apply_change(x->o->db, &from, c, &outcome);
    if (x->err)
        fq_office_fail(x->o, x->err, "record %s %s: %s", c->table, c->uuid,
                       fq_ostore_errmsg(x->o->db));
    x->n_applied += (outcome & FQ_STORE_APPLIED) != 0;
    x->n_conflicts += (outcome & FQ_STORE_CONFLICT) != 0;
    x->n_refused += (outcome & FQ_STORE_REFUSED) != 0;
    return x->err != FQ_OK;
}

static int log_photo(import_ctx *x, const char *sha, int64_t len)
{
    x->err = fq_ostore_add_photo(x->o->db, sha, x->info->device_id, len,
                                       x->info->bundle_id);
    if (x->err)
        fq_office_fail(x->o, x->err, "photo log: %s", fq_ostore_errmsg(x->o->db));
    return x->err != FQ_OK;
}

static fq_err log_import(import_ctx *x, const char *path)
{
    const fq_bundle_info *in = x->info;
    fq_store_import rec;
    memset(&rec, 0, sizeof rec);
    const char *base = strrchr(path, '/');
    snprintf(rec.bundle_id, sizeof rec.bundle_id, "%s", in->bundle_id);
    snprintf(rec.device_id, sizeof rec.device_id, "%s", in->device_id);
    snprintf(rec.inspector, sizeof rec.inspector, "%s", in->inspector);
    rec.after_seq = in->after_seq;
    rec.to_seq = in->to_seq;
    rec.n_records = in->n_records;
    rec.n_applied = x->n_applied;
    rec.n_photos = in->n_photos;
    rec.bytes = in->file_bytes;
    snprintf(rec.content_sha256, sizeof rec.content_sha256, "%s", in->content_sha256);
    snprintf(rec.file, sizeof rec.file, "%s", base ? base + 1 : path);
    rec.imported_utc = fq_ostore_now(x->o->db);
    fq_err e = fq_ostore_add_import(x->o->db, &rec);
    return e ? fq_office_fail(x->o, e, "import log: %s", fq_ostore_errmsg(x->o->db)) : FQ_OK;
}

/* 1: imported before with the same content; 0: new; FQ_ERR_CONFLICT: same id, other content. */
static fq_err seen_before(fq_office *o, const fq_bundle_info *in, int *out_seen)
{
    fq_store_import prev;
    *out_seen = 0;
    fq_err e = fq_ostore_find_import(o->db, in->bundle_id, &prev);
    if (e == FQ_ERR_NOTFOUND)
        return FQ_OK;
    if (e)
        return fq_office_fail(o, e, "import log: %s", fq_ostore_errmsg(o->db));
    if (strcmp(prev.content_sha256, in->content_sha256) != 0)
        return fq_office_fail(o, FQ_ERR_CONFLICT,
                              "bundle id %s was imported before with other content",
                              in->bundle_id);
    *out_seen = 1;
    return FQ_OK;
}

/* A forwarding laptop keeps the bundle as it came, durably (fsio copy: temp, fsync, rename)
 * BEFORE the import commits, and queues it in the import's transaction: a kill between the
 * two leaves a copy without a queue row (removed by push), never an import the server does
 * not get. */
static fq_err keep_to_forward(import_ctx *x, const char *path, char *kept, size_t kept_len)
{
    fq_office *o = x->o;
    int n = snprintf(kept, kept_len, "%s.outgoing/%s%s", o->base, x->info->bundle_id,
                     FQ_BUNDLE_EXT);
    if (n < 0 || (size_t)n >= kept_len) {
        kept[0] = '\0';
        return fq_office_fail(o, FQ_ERR_INVALID, "forward folder path too long");
    }
    fq_bundle_limits lim;
    fq_bundle_limits_default(&lim);
    fq_err e = fq_fsio_copy_file(path, kept, lim.max_file_bytes, NULL, NULL, o->errmsg,
                                 sizeof o->errmsg);
    if (e) {
        kept[0] = '\0';
        return e;
    }
    fq_ostore_outbound q;
    memset(&q, 0, sizeof q);
    snprintf(q.bundle_id, sizeof q.bundle_id, "%s", x->info->bundle_id);
    snprintf(q.device_id, sizeof q.device_id, "%s", x->info->device_id);
    snprintf(q.file, sizeof q.file, "%s%s", x->info->bundle_id, FQ_BUNDLE_EXT);
    q.bytes = x->info->file_bytes;
    q.queued_utc = fq_ostore_now(o->db);
    if ((e = fq_ostore_outbound_add(o->db, &q)))
        fq_office_fail(o, e, "forward queue: %s", fq_ostore_errmsg(o->db));
    return e;
}

static fq_err apply_records(fq_office *o, fq_bundle *b, const char *path, import_ctx *x)
{
    fq_err e = fq_ostore_each_range(o->db, x->info->device_id, add_range, x);
    if (e || x->err)
        return e ? fq_office_fail(o, e, "import log: %s", fq_ostore_errmsg(o->db)) : x->err;
    if ((e = fq_ostore_begin(o->db)))
        return fq_office_fail(o, e, "%s", fq_ostore_errmsg(o->db));
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
    if (!e && (e = fq_ostore_add_import_signer(o->db, x->info->bundle_id,
                                                     x->info->signer_key)))
        fq_office_fail(o, e, "import log: %s", fq_ostore_errmsg(o->db));
    /* the receipt the device applied last: the next receipt names only what came after it
     * (the store takes only this device's receipts, and only forward) */
    if (!e && x->info->acked_receipt[0] &&
        (e = fq_ostore_ack_receipt(o->db, x->info->device_id, x->info->signer_key,
                                   x->info->acked_receipt, fq_ostore_now(o->db))))
        fq_office_fail(o, e, "receipt log: %s", fq_ostore_errmsg(o->db));
    char kept[FQ_BUNDLE_PATH_LEN + 64] = "";
    if (!e && o->forwarding)
        e = keep_to_forward(x, path, kept, sizeof kept);
    if (e) {
        fq_ostore_rollback(o->db);
        if (kept[0])
            unlink(kept);
        return e;
    }
    if ((e = fq_ostore_commit(o->db))) {
        if (kept[0])
            unlink(kept); /* not imported: nothing to forward */
        /* deferred foreign keys fail here: records pointing at what the office lacks */
        return fq_office_fail(o, e, "%s%s", fq_ostore_errmsg(o->db),
                              e == FQ_ERR_CONFLICT ? " (the bundle refers to records this office "
                                                     "does not have)" : "");
    }
    return FQ_OK;
}

/* put_photo on the calling thread, with the office's decoder. */
static int put_photo_here(void *ctx, const char *sha, const unsigned char *data, size_t len)
{
    return put_photo(ctx, 0, sha, data, len);
}

/* The photos are in temporaries already when they were staged during the verification
 * (stage_photo); otherwise they are written now. */
static fq_err apply_verified(fq_office *o, fq_bundle *b, const char *path, import_ctx *x)
{
    fq_err e = FQ_OK;
    x->info = fq_bundle_get_info(b);
    if (!x->staging && (e = fq_bundle_each_photo(b, put_photo_here, x)) == FQ_OK)
        e = x->err;
    else if (e)
        e = fq_office_fail(o, e, "%s", fq_bundle_errmsg(b));
    /* the records commit only after every photo they refer to is durable */
    if (!e && (e = fq_fsio_batch_commit(x->batch, o->errmsg, sizeof o->errmsg)) == FQ_OK)
        e = apply_records(o, b, path, x);
    if (e)
        remove_created(x);
    return e;
}

/* A decoder for each core (the decode is most of an import's time) and the workers that
 * use them; without a thread the photos are checked and written on the reader's, in turn. */
static void start_workers(import_ctx *x)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    while (x->n_media < FQ_OFFICE_PHOTO_WORKERS_MAX && x->n_media < cores &&
           fq_media_new(&x->media[x->n_media]) == FQ_OK)
        x->n_media++;
    if (fq_office_photo_worker_start(put_photo, x, x->n_media, &x->worker) != FQ_OK)
        x->worker = NULL;
}

/* The photos of a bundle that will be imported are written (as temporaries, see fsio's
 * batch) while the reader verifies them, in its one pass over the file. Only for a bundle
 * whose manifest names this device, its enrolled key and a bundle not imported yet: the
 * photos of anyone else are never decoded or written. The temporaries take their names only
 * after the whole bundle verified (signature included) and just before its records apply;
 * any failure drops them. */
static int stage_photo(void *ctx, const fq_bundle_info *unverified, const char *sha,
                       const unsigned char *data, size_t len)
{
    import_ctx *x = ctx;
    if (!x->decided) {
        int seen = 1;
        x->decided = 1;
        x->info = unverified;
        x->staging = unverified->kind == FQ_BUNDLE_CHANGES &&
                     (!x->expect_device || !strcmp(x->expect_device, unverified->device_id)) &&
                     fq_office_check_signer(x->o, unverified) == FQ_OK &&
                     seen_before(x->o, unverified, &seen) == FQ_OK && !seen;
        x->o->errmsg[0] = '\0';
        if (x->staging)
            start_workers(x);
    }
    if (!x->staging)
        return 0;
    if (!x->worker)
        return put_photo(x, 0, sha, data, len);
    int rc = fq_office_photo_worker_push(x->worker, sha, data, len);
    x->push_nomem |= rc < 0; /* x->err is the worker's until it finished */
    return rc;
}

/* Waits for the photos the worker still checks and writes; its failure is on x->err. */
static void finish_worker(import_ctx *x)
{
    fq_office_photo_worker_finish(x->worker);
    x->worker = NULL;
    if (x->push_nomem && !x->err)
        x->err = fq_office_fail(x->o, FQ_ERR_NOMEM, "out of memory for a photo");
}

static int first_damaged(void *ctx, const char *sha)
{
    memcpy(ctx, sha, FQ_HASH_LEN);
    return 1;
}

int fq_office_recognise(fq_office *o, const char *path, const char *expect_device,
                        fq_bundle_info *out_info)
{
    /* from its intact pages and manifest alone, as long as its device is still enrolled with
     * the key it names (else the full check of an import says why it is refused) */
    fq_bundle_info peek;
    int seen = 0;
    if (fq_bundle_peek(path, NULL, &peek) == FQ_OK && peek.kind == FQ_BUNDLE_CHANGES &&
        (!expect_device || strcmp(expect_device, peek.device_id) == 0) &&
        fq_office_check_signer(o, &peek) == FQ_OK && seen_before(o, &peek, &seen) == FQ_OK &&
        seen) {
        *out_info = peek;
        o->errmsg[0] = '\0';
        return 1;
    }
    o->errmsg[0] = '\0';
    return 0;
}

fq_err fq_office_import(fq_office *o, const char *path, const char *expect_device,
                        fq_office_import_result *out)
{
    fq_office_import_result res;
    memset(&res, 0, sizeof res);
    o->errmsg[0] = '\0';
    fq_bundle *b = NULL;
    int seen = 0;
    if (fq_office_recognise(o, path, expect_device, &res.info)) {
        res.already = 1;
        *out = res;
        return FQ_OK;
    }
    import_ctx x;
    memset(&x, 0, sizeof x);
    x.o = o;
    x.expect_device = expect_device;
    x.media[0] = o->media;
    x.n_media = 1;
    pthread_mutex_init(&x.mu, NULL);
    fq_err e = fq_fsio_batch_new(&x.batch);
    if (e) {
        fq_office_fail(o, e, "out of memory");
        goto out;
    }
    e = fq_bundle_open_staging(path, NULL, stage_photo, &x, &b);
    finish_worker(&x); /* before x is read: the last photos may still be checked */
    if (x.err) {
        e = x.err; /* a photo could not be staged: the reason is on o */
        goto out;
    }
    if (e == FQ_ERR_UNTRUSTED) {
        fq_office_fail(o, e, "not signed by an enrolled device: %s", fq_bundle_errmsg(b));
        goto out;
    }
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
    else if (!(e = fq_office_check_signer(o, in)) && !(e = seen_before(o, in, &seen)) && seen)
        res.already = 1;
    else if (!e) {
        e = apply_verified(o, b, path, &x);
        res.n_applied = x.n_applied;
        res.n_photos_new = x.n_new;
        res.n_photos_repaired = x.n_repaired;
        res.n_conflicts = x.n_conflicts;
        res.n_refused = x.n_refused;
        if (!e && (res.n_photos_damaged = fq_bundle_n_damaged_photos(b)) > 0)
            fq_bundle_each_damaged_photo(b, first_damaged, res.first_damaged);
    }
out:
    finish_worker(&x);
    fq_fsio_batch_free(x.batch); /* the temporaries of photos not imported */
    free(x.shas);
    free(x.sizes);
    free(x.created);
    free(x.ranges);
    for (int i = 1; i < x.n_media; i++)
        fq_media_free(x.media[i]);
    pthread_mutex_destroy(&x.mu);
    fq_bundle_close(b);
    if (!e)
        *out = res;
    return e;
}

/* Contiguous coverage of the ranges (after, to], visited by after_seq: a gap stops it. It
 * starts where the first range starts: a device exports from the position an office already
 * acknowledged to it, so its first bundle to a new enrolment (a key replaced, an office
 * upgraded from unsigned bundles) starts there, not at 0, and the device itself signed it. */
typedef struct coverage {
    int started;
    int64_t covered;
} coverage;

static int extend_coverage(void *ctx, int64_t after_seq, int64_t to_seq)
{
    coverage *c = ctx;
    if (!c->started) {
        c->started = 1;
        c->covered = after_seq;
    }
    if (after_seq > c->covered)
        return 1;
    if (to_seq > c->covered)
        c->covered = to_seq;
    return 0;
}

fq_err fq_office_acked_seq(fq_office *o, const char *device_id, int64_t *out)
{
    /* only the bundles of the enrolled key count: a device reset to a new database (and key)
     * starts again at 0, and nothing imported under another key can claim its positions */
    fq_office_device d;
    fq_err e = fq_office_device_get(o, device_id, &d);
    if (e == FQ_ERR_NOTFOUND) {
        o->errmsg[0] = '\0';
        *out = 0;
        return FQ_OK;
    }
    if (e)
        return e;
    coverage c = {0, 0};
    e = fq_ostore_each_signed_range(o->db, device_id, d.public_key, extend_coverage, &c);
    if (e)
        return fq_office_fail(o, e, "import log: %s", fq_ostore_errmsg(o->db));
    *out = c.covered;
    return FQ_OK;
}
