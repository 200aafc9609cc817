/* What the office sends down the cable: the receipt (how far the office holds a device's
 * change log, and the photos it holds from that device that the device has not confirmed)
 * and the job pack (the device's open visits with their orders, milestones, issues and
 * per-visit records, plus the checklists). Both are bundles signed by the office key, for
 * enrolled devices only; the device verifies and applies them (its services' sync_inbox.c).
 * Which rows a device's work consists of is the store's query. */
#include "office_internal.h"

#include <string.h>

typedef struct pack_ctx {
    fq_office *o;
    fq_bundle_writer *w;
    int64_t n;
    fq_err err;
} pack_ctx;

static int add_record(void *ctx, const fq_change *c)
{
    pack_ctx *p = ctx;
    p->err = fq_bundle_writer_add_record(p->w, c);
    if (p->err)
        fq_office_fail(p->o, p->err, "job pack: %s", fq_bundle_writer_errmsg(p->w));
    p->n += p->err == FQ_OK;
    return p->err != FQ_OK;
}

typedef struct ack_ctx {
    fq_office *o;
    fq_bundle_writer *w;
    fq_err err;
} ack_ctx;

static int add_ack(void *ctx, const char *sha)
{
    ack_ctx *a = ctx;
    a->err = fq_bundle_writer_add_ack(a->w, sha);
    if (a->err)
        fq_office_fail(a->o, a->err, "%s", fq_bundle_writer_errmsg(a->w));
    return a->err != FQ_OK;
}

/* Receipts and job packs go into a tablet's inbox, often on its USB stick: they are built
 * beside the office's other folders ("<base>.build": "<db>.build" for a database file; for
 * PostgreSQL, whose --db is a URL, beside the photo folder) and copied there whole. */
static void build_dir(const fq_office *o, char *out, size_t len)
{
    snprintf(out, len, "%s.build", o->base);
}

static void base_info(fq_office *o, const char *device_id, fq_bundle_kind kind,
                      fq_bundle_info *info)
{
    memset(info, 0, sizeof *info);
    info->kind = kind;
    info->created_utc = fq_ostore_now(o->db);
    snprintf(info->device_id, sizeof info->device_id, "%s", device_id);
    snprintf(info->office, sizeof info->office, "%s", o->name);
}

fq_err fq_office_write_jobs(fq_office *o, const char *device_id, const char *path,
                            int64_t *out_n_records)
{
    o->errmsg[0] = '\0';
    fq_err e = fq_office_require_enrolled(o, device_id, "no job pack", NULL);
    if (e)
        return e;
    /* no open visit for this device: no job pack (checklists alone are not a job) */
    int64_t n_visits = 0;
    e = fq_ostore_count_open_visits(o->db, device_id, &n_visits);
    if (e)
        return fq_office_fail(o, e, "job pack: %s", fq_ostore_errmsg(o->db));
    if (n_visits == 0) {
        *out_n_records = 0;
        return FQ_OK;
    }
    fq_bundle_info info;
    base_info(o, device_id, FQ_BUNDLE_JOBS, &info);
    pack_ctx p = {o, NULL, 0, FQ_OK};
    char build[FQ_BUNDLE_PATH_LEN + 8];
    build_dir(o, build, sizeof build);
    e = fq_bundle_writer_new_in(path, build, &info, &o->key, &p.w);
    if (e) {
        fq_office_fail(o, e, "%s", fq_bundle_writer_errmsg(p.w));
        goto out;
    }
    e = fq_ostore_each_device_work(o->db, device_id, add_record, &p);
    if (e) {
        fq_office_fail(o, e, "job pack: %s", fq_ostore_errmsg(o->db));
        goto out;
    }
    if ((e = p.err))
        goto out;
    /* the manifest range covers the synthetic positions 1..n of the job pack */
    if ((e = fq_bundle_writer_finish(p.w, &info)))
        fq_office_fail(o, e, "%s", fq_bundle_writer_errmsg(p.w));
out:
    fq_bundle_writer_free(p.w);
    if (!e)
        *out_n_records = p.n;
    return e;
}

/* A receipt names the photos of the device that no receipt it confirmed named (issue 18):
 * listing them, logging the receipt and marking them named by it is one transaction, so no
 * photo imported meanwhile counts as named. It commits before the file is finished: a
 * receipt that never reaches the device is never confirmed, so what it named is named again
 * by the next one. */
static fq_err name_photos(fq_office *o, const fq_office_device *d, const fq_bundle_info *info,
                          ack_ctx *a)
{
    int64_t confirmed = 0;
    fq_err e = fq_ostore_begin(o->db);
    if (e)
        return fq_office_fail(o, e, "receipt: %s", fq_ostore_errmsg(o->db));
    e = fq_ostore_receipt_acked(o->db, d->device_id, d->public_key, &confirmed);
    if (!e)
        e = fq_ostore_each_unconfirmed_photo(o->db, d->device_id, confirmed, add_ack, a);
    if (!e && !a->err)
        e = fq_ostore_add_receipt(o->db, info->bundle_id, d->device_id, info->created_utc);
    if (!e && !a->err)
        e = fq_ostore_commit(o->db);
    else
        fq_ostore_rollback(o->db);
    if (e)
        return fq_office_fail(o, e, "receipt: %s", fq_ostore_errmsg(o->db));
    return a->err;
}

fq_err fq_office_write_receipt(fq_office *o, const char *device_id, const char *path,
                               fq_bundle_info *out_info)
{
    o->errmsg[0] = '\0';
    fq_bundle_info info;
    base_info(o, device_id, FQ_BUNDLE_RECEIPT, &info);
    fq_office_device d;
    fq_err e = fq_office_require_enrolled(o, device_id, "no receipt", &d);
    if (!e)
        e = fq_office_acked_seq(o, device_id, &info.acked_seq);
    if (e)
        return e;
    if (fq_fsio_uuid(info.bundle_id, sizeof info.bundle_id))
        return fq_office_fail(o, FQ_ERR_IO, "receipt: no random source for its id");
    ack_ctx a = {o, NULL, FQ_OK};
    char build[FQ_BUNDLE_PATH_LEN + 8];
    build_dir(o, build, sizeof build);
    e = fq_bundle_writer_new_in(path, build, &info, &o->key, &a.w);
    if (e) {
        fq_office_fail(o, e, "%s", fq_bundle_writer_errmsg(a.w));
        goto out;
    }
    if ((e = name_photos(o, &d, &info, &a)))
        goto out;
    if ((e = fq_bundle_writer_finish(a.w, &info)))
        fq_office_fail(o, e, "%s", fq_bundle_writer_errmsg(a.w));
out:
    fq_bundle_writer_free(a.w);
    if (!e && out_info)
        *out_info = info;
    return e;
}
