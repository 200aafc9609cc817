/* The tethered round trip: device database -> export -> office import -> receipt -> device
 * marks acknowledged -> next export empty; a second device merges beside it; re-import
 * changes nothing; a lost bundle is carried by the next export; bundles out of order end
 * in the same state; job packs reach the device; a receipt for another device is refused;
 * receipts name only the photos the device has not confirmed (issue 18). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bundle/bundle.h"
#include "fsio/fsio.h"
#include "services/sync.h"
#include "store/store_testing.h"
#include "office/office.h"
#include "sync_fixture.h"

static fq_office *office_open(const char *dir)
{
    char path[1024];
    fx_office_path(dir, path, sizeof path);
    fq_office *o = NULL;
    if (fx_office_open(path, &o))
        fail_msg("office: %s", o ? fq_office_errmsg(o) : "nomem");
    return o;
}

static fq_app_sync *device_open(fx_device *d)
{
    fq_app_sync *dev = NULL;
    if (fq_app_sync_open(d->st, d->photo_dir, d->sync_dir, &dev))
        fail_msg("device: %s", fq_app_sync_errmsg(dev));
    return dev;
}

static void export_ok(fq_app_sync *dev, fq_app_sync_export_result *res)
{
    if (fq_app_sync_export(dev, res))
        fail_msg("export: %s", fq_app_sync_errmsg(dev));
}

static void import_ok(fq_office *o, const char *path, fq_office_import_result *res)
{
    if (fq_office_import(o, path, NULL, res))
        fail_msg("import %s: %s", path, fq_office_errmsg(o));
}

static void receipt_to(fq_office *o, fx_device *d, const char *device_id)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/inbox/receipt-%s.fqb", d->sync_dir, device_id);
    assert_int_equal(fq_office_write_receipt(o, device_id, path, NULL), FQ_OK);
}

static void test_round_trip_two_devices(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("roundtrip");
    char root[1100]; /* dir is fq_test_dir's static storage */
    snprintf(root, sizeof root, "%s", dir);
    fx_device a, b;
    fx_device_create(&a, dir, "tab-a", "tab-a", 4, 0);
    fq_app_sync *dev = device_open(&a);
    fq_office *o = office_open(dir);
    fx_enrol(o, &a);

    fq_app_sync_export_result ex;
    export_ok(dev, &ex);
    assert_int_equal(ex.written, 1);
    assert_int_equal(ex.n_photos, 4);
    assert_true(ex.n_records > 10);
    assert_int_equal(ex.after_seq, 0);

    fq_office_import_result im;
    import_ok(o, ex.path, &im);
    assert_int_equal(im.already, 0);
    assert_int_equal(im.info.n_records, ex.n_records);
    assert_int_equal(im.n_photos_new, 4);
    assert_int_equal(fx_count(fq_office_store(o), "findings"), fx_count(a.st, "findings"));
    assert_int_equal(fx_count(fq_office_store(o), "photos"), 4);
    char da[65], doff[65], doff2[65];
    fx_db_digest(a.st, da);
    fx_db_digest(fq_office_store(o), doff);
    assert_string_equal(da, doff); /* the office holds exactly the device's records */

    /* the same bundle again changes nothing */
    import_ok(o, ex.path, &im);
    assert_int_equal(im.already, 1);
    fx_db_digest(fq_office_store(o), doff2);
    assert_string_equal(doff, doff2);

    /* before the receipt nothing is acknowledged: an unchanged re-export keeps the file */
    fq_app_sync_state s;
    assert_int_equal(fq_app_sync_get_state(dev, &s), FQ_OK);
    assert_int_equal(s.pending_photos, 4);
    assert_int_equal(s.pending_records, ex.n_records);
    assert_int_equal(s.n_recent, 1);
    assert_int_equal(s.recent[0].acked, 0);
    fq_app_sync_export_result again;
    export_ok(dev, &again);
    assert_int_equal(again.unchanged, 1);
    assert_string_equal(again.bundle_id, ex.bundle_id);

    /* receipt -> device marks acknowledged, outbox emptied, next export empty */
    receipt_to(o, &a, "tab-a");
    fq_app_sync_inbox_result in;
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    assert_int_equal(in.n_receipts, 1);
    assert_int_equal(in.n_rejected, 0);
    assert_int_equal(in.acked_seq, ex.to_seq);
    assert_int_not_equal(access(ex.path, F_OK), 0);
    assert_int_equal(fq_app_sync_get_state(dev, &s), FQ_OK);
    assert_int_equal(s.pending_records, 0);
    assert_int_equal(s.pending_photos, 0);
    assert_int_equal(s.recent[0].acked, 1);
    assert_true(s.last_receipt_utc > 0);
    export_ok(dev, &again);
    assert_int_equal(again.written, 0);
    assert_int_equal(again.unchanged, 0);

    /* a second device's bundle merges beside the first */
    fx_device_create(&b, dir, "tab-b", "tab-b", 2, 0);
    fq_app_sync *devb = device_open(&b);
    fx_enrol(o, &b);
    export_ok(devb, &ex);
    import_ok(o, ex.path, &im);
    assert_int_equal(fx_count(fq_office_store(o), "visits"), 2);
    assert_int_equal(fx_count(fq_office_store(o), "photos"), 6);
    assert_int_equal(fx_count(fq_office_store(o), "findings"),
                     fx_count(a.st, "findings") + fx_count(b.st, "findings"));
    int64_t acked_b = 0, acked_a = 0;
    assert_int_equal(fq_office_acked_seq(o, "tab-b", &acked_b), FQ_OK);
    assert_int_equal(fq_office_acked_seq(o, "tab-a", &acked_a), FQ_OK);
    assert_int_equal(acked_b, ex.to_seq);

    /* a receipt for tab-b put into tab-a's inbox is refused */
    receipt_to(o, &a, "tab-b");
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    assert_int_equal(in.n_rejected, 1);
    assert_non_null(strstr(in.last_rejection, "wrong device"));
    assert_int_equal(in.acked_seq, acked_a);

    /* receipts were built beside the office's folders (<base>.build, also on PostgreSQL whose
     * --db is a URL) and nowhere else: no folder named after the URL in the working folder */
    char build[1200];
    snprintf(build, sizeof build, "%s/office.db.build", root);
    struct stat sb;
    assert_int_equal(stat(build, &sb), 0);
    assert_true(S_ISDIR(sb.st_mode));
    assert_int_not_equal(stat("postgresql:", &sb), 0);

    fq_app_sync_close(devb);
    fq_store_close(b.st);
    fq_app_sync_close(dev);
    fq_store_close(a.st);
    fq_office_close(o);
}

static void test_lost_bundle_carried_and_out_of_order(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("lost");
    fx_device a;
    fx_device_create(&a, dir, "tab-l", "tab-l", 1, 0);
    fq_app_sync *dev = device_open(&a);
    fq_office *o = office_open(dir);
    fx_enrol(o, &a);
    fq_app_sync_export_result b1, b2, b3;
    export_ok(dev, &b1);
    fq_office_import_result im;
    import_ok(o, b1.path, &im);
    receipt_to(o, &a, "tab-l");
    fq_app_sync_inbox_result in;
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);

    /* B2 is written and lost on the way */
    fx_device_add_finding(&a, "lost finding");
    fx_device_add_photo(&a, 77, NULL);
    export_ok(dev, &b2);
    assert_int_equal(b2.written, 1);
    assert_int_equal(b2.after_seq, b1.to_seq);
    char saved[1200];
    snprintf(saved, sizeof saved, "%s/b2-copy.fqb", dir);
    assert_int_equal(rename(b2.path, saved), 0);

    /* the next export carries B2's work as well */
    fx_device_add_finding(&a, "later finding");
    export_ok(dev, &b3);
    assert_int_equal(b3.written, 1);
    assert_int_equal(b3.after_seq, b1.to_seq);
    assert_true(b3.n_records > b2.n_records);
    assert_int_equal(b3.n_photos, 1);

    /* out of order: the newer bundle first, then the older copy: same state as B3 alone */
    import_ok(o, b3.path, &im);
    char d1[65], d2[65], dev_digest[65];
    fx_db_digest(fq_office_store(o), d1);
    import_ok(o, saved, &im);
    assert_int_equal(im.already, 0);
    assert_int_equal(im.n_applied, 0); /* every record of B2 is older or equal */
    fx_db_digest(fq_office_store(o), d2);
    assert_string_equal(d1, d2);
    fx_db_digest(a.st, dev_digest);
    assert_string_equal(dev_digest, d1);

    receipt_to(o, &a, "tab-l");
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    assert_int_equal(in.acked_seq, b3.to_seq);
    fq_app_sync_export_result empty;
    export_ok(dev, &empty);
    assert_int_equal(empty.written, 0);

    fq_app_sync_close(dev);
    fq_store_close(a.st);
    fq_office_close(o);
}

/* ---- receipts carry what is new (issue 18) ---- */

/* The receipt the office writes for d now (into its inbox), its manifest in *out. */
static void receipt_info(fq_office *o, fx_device *d, fq_bundle_info *out)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/inbox/receipt-%s.fqb", d->sync_dir,
             fq_store_device_id(d->st));
    if (fq_office_write_receipt(o, fq_store_device_id(d->st), path, out))
        fail_msg("receipt: %s", fq_office_errmsg(o));
}

/* What the device named as its last receipt in the bundle at path. */
static void named_receipt(const char *path, char out[FQ_UUID_LEN])
{
    fq_bundle *b = NULL;
    if (fq_bundle_open(path, NULL, &b))
        fail_msg("%s: %s", path, fq_bundle_errmsg(b));
    memcpy(out, fq_bundle_get_info(b)->acked_receipt, FQ_UUID_LEN);
    fq_bundle_close(b);
}

/* A test folder root (fq_test_dir(name), copied: its storage is static) with device d
 * (device_id, n_photos photos) open as *out_dev and enrolled at the office it returns. */
static fq_office *receipt_setup(const char *name, const char *device_id, int n_photos,
                                char root[1100], fx_device *d, fq_app_sync **out_dev)
{
    snprintf(root, 1100, "%s", fq_test_dir(name));
    fx_device_create(d, root, device_id, device_id, n_photos, 0);
    *out_dev = device_open(d);
    fq_office *o = office_open(root);
    fx_enrol(o, d);
    return o;
}

/* One tether: export, import, the office's receipt (its manifest in *r), applied. */
static void tether(fq_app_sync *dev, fq_office *o, fx_device *d, fq_app_sync_export_result *ex,
                   fq_bundle_info *r)
{
    fq_office_import_result im;
    fq_app_sync_inbox_result in;
    export_ok(dev, ex);
    import_ok(o, ex->path, &im);
    receipt_info(o, d, r);
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    assert_int_equal(in.n_rejected, 0);
}

/* Every photo and thumbnail the device holds is acknowledged, nothing is pending: what a
 * full receipt (every photo the office holds) left behind before issue 18. */
static void all_acked(fq_app_sync *dev, fx_device *d, int64_t n_expected)
{
    fq_app_sync_state s;
    assert_int_equal(fq_app_sync_get_state(dev, &s), FQ_OK);
    assert_int_equal(s.pending_photos, 0);
    assert_int_equal(fx_count(d->st, "sync_photo_acks"), n_expected);
}

/* A changes bundle signed by d's own key (what a replay or a doctored device could send):
 * an empty range at the device's acknowledged position, naming receipt_id. */
static void bundle_naming(fx_device *d, const char *path, const char *receipt_id)
{
    fq_bundle_key key;
    char err[256];
    if (fq_app_sync_key_load(d->st, &key, err, sizeof err))
        fail_msg("device key: %s", err);
    int64_t acked = 0;
    assert_int_equal(fq_store_sync_acked_seq(d->st, &acked), FQ_OK);
    fq_bundle_info info;
    memset(&info, 0, sizeof info);
    info.kind = FQ_BUNDLE_CHANGES;
    snprintf(info.device_id, sizeof info.device_id, "%s", fq_store_device_id(d->st));
    info.after_seq = info.to_seq = acked;
    snprintf(info.acked_receipt, sizeof info.acked_receipt, "%s", receipt_id);
    fq_bundle_writer *w = NULL;
    assert_int_equal(fq_bundle_writer_new(path, &info, &key, &w), FQ_OK);
    if (fq_bundle_writer_finish(w, NULL))
        fail_msg("bundle: %s", fq_bundle_writer_errmsg(w));
    fq_bundle_writer_free(w);
    fq_bundle_key_wipe(&key);
}

/* After each sync a receipt names only the photos new since the receipt the device
 * confirmed; a lost receipt's photos are named again; an office that does not know the
 * device's receipt names everything it holds; the device ends acknowledging every photo. */
static void test_receipts_name_what_is_new(void **state)
{
    (void)state;
    char root[1100];
    fx_device a;
    fq_app_sync *dev = NULL;
    fq_office *o = receipt_setup("receipts-new", "tab-r", 3, root, &a, &dev);
    char sub[1200];
    snprintf(sub, sizeof sub, "%s/other", root);
    char err[256];
    assert_int_equal(fq_fsio_mkdirs(sub, err, sizeof err), FQ_OK);
    fq_office *fresh = office_open(sub); /* a second office that never wrote to the device */
    fx_enrol(fresh, &a);

    fq_app_sync_export_result ex;
    fq_office_import_result im;
    fq_app_sync_inbox_result in;
    fq_bundle_info r1, r2, r3, r4;
    char named[FQ_UUID_LEN];
    export_ok(dev, &ex);
    named_receipt(ex.path, named);
    assert_string_equal(named, ""); /* no receipt applied yet */
    import_ok(o, ex.path, &im);
    import_ok(fresh, ex.path, &im);
    receipt_info(o, &a, &r1);
    int64_t n_all = r1.n_acks; /* photos and thumbnails */
    assert_int_equal(n_all, ex.n_photos);
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    assert_int_equal(in.n_receipts, 1);
    all_acked(dev, &a, n_all);

    /* a new photo: the next bundle names R1, the receipt names the new photo only */
    fx_device_add_photo(&a, 101, NULL);
    export_ok(dev, &ex);
    named_receipt(ex.path, named);
    assert_string_equal(named, r1.bundle_id);
    import_ok(o, ex.path, &im);
    import_ok(fresh, ex.path, &im);
    receipt_info(o, &a, &r2);
    assert_true(ex.n_photos > 0);
    assert_int_equal(r2.n_acks, ex.n_photos);
    n_all += ex.n_photos;
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    all_acked(dev, &a, n_all);

    /* the office that never wrote R1 names every photo it holds from the device */
    fq_bundle_info full;
    char fresh_path[1300];
    snprintf(fresh_path, sizeof fresh_path, "%s/receipt-fresh.fqb", root);
    assert_int_equal(fq_office_write_receipt(fresh, "tab-r", fresh_path, &full), FQ_OK);
    assert_int_equal(full.n_acks, n_all);

    /* R3 is lost on the way: its photos are named again until a receipt carrying them is
     * applied */
    fx_device_add_photo(&a, 102, NULL);
    export_ok(dev, &ex);
    int64_t n_lost = ex.n_photos;
    import_ok(o, ex.path, &im);
    receipt_info(o, &a, &r3);
    assert_int_equal(r3.n_acks, n_lost);
    char lost[1300];
    snprintf(lost, sizeof lost, "%s/inbox/receipt-tab-r.fqb", a.sync_dir);
    assert_int_equal(unlink(lost), 0);
    fx_device_add_photo(&a, 103, NULL);
    export_ok(dev, &ex);
    named_receipt(ex.path, named);
    assert_string_equal(named, r2.bundle_id);
    assert_true(ex.n_photos > n_lost);
    import_ok(o, ex.path, &im);
    receipt_info(o, &a, &r4);
    assert_int_equal(r4.n_acks, ex.n_photos);
    n_all += ex.n_photos;
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    all_acked(dev, &a, n_all);

    /* nothing new, R4 confirmed: an empty receipt */
    snprintf(lost, sizeof lost, "%s/confirm-r4.fqb", root);
    bundle_naming(&a, lost, r4.bundle_id);
    import_ok(o, lost, &im);
    receipt_info(o, &a, &r1);
    assert_int_equal(r1.n_acks, 0);
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    all_acked(dev, &a, n_all);

    fq_app_sync_close(dev);
    fq_store_close(a.st);
    fq_office_close(o);
    fq_office_close(fresh);
}

/* A bundle of the device naming an older receipt, another device's receipt or one the
 * office never wrote moves nothing: the photos the device has not confirmed are still
 * named. */
static void test_receipt_ack_never_moves_back_or_across(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("receipts-forged");
    char root[1100];
    snprintf(root, sizeof root, "%s", dir);
    fx_device a, b;
    fx_device_create(&a, root, "tab-f", "tab-f", 2, 0);
    fx_device_create(&b, root, "tab-g", "tab-g", 2, 0);
    fq_app_sync *dev = device_open(&a);
    fq_office *o = office_open(root);
    fx_enrol(o, &a);
    fx_enrol(o, &b);
    fq_app_sync_export_result ex;
    fq_office_import_result im;
    fq_bundle_info r1, r2, r3, rb, r;
    tether(dev, o, &a, &ex, &r1);
    fx_device_add_photo(&a, 201, NULL);
    tether(dev, o, &a, &ex, &r2);
    char path[1300];
    snprintf(path, sizeof path, "%s/confirm-r2.fqb", root);
    bundle_naming(&a, path, r2.bundle_id); /* confirms R2 */
    import_ok(o, path, &im);

    /* a photo named by R3, which the device has not applied (yet) */
    fx_device_add_photo(&a, 202, NULL);
    export_ok(dev, &ex);
    int64_t n_new = ex.n_photos;
    import_ok(o, ex.path, &im);
    receipt_info(o, &a, &r3);
    assert_int_equal(r3.n_acks, n_new);
    /* tab-g's receipt, written after R3 */
    fq_app_sync *dev_b = device_open(&b);
    fq_app_sync_export_result exb;
    export_ok(dev_b, &exb);
    import_ok(o, exb.path, &im);
    receipt_info(o, &b, &rb);

    const char *claims[] = {rb.bundle_id, r1.bundle_id, "55555555-5555-4555-8555-555555555555"};
    for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++) {
        snprintf(path, sizeof path, "%s/claim-%zu.fqb", root, i);
        bundle_naming(&a, path, claims[i]);
        import_ok(o, path, &im);
        assert_int_equal(im.already, 0);
        receipt_info(o, &a, &r);
        if (r.n_acks != n_new)
            fail_msg("a bundle naming %s moved the office's record: %lld photos named, "
                     "want %lld", claims[i], (long long)r.n_acks, (long long)n_new);
    }
    /* the same bundle again is a replay: nothing */
    import_ok(o, path, &im);
    assert_int_equal(im.already, 1);

    fq_app_sync_close(dev);
    fq_app_sync_close(dev_b);
    fq_store_close(a.st);
    fq_store_close(b.st);
    fq_office_close(o);
}

/* An office database from before issue 18 (no receipt log, no photo named by one) is
 * upgraded when it opens; its first receipt names every photo, as receipts did then. */
static void test_office_upgrade_names_every_photo(void **state)
{
    (void)state;
    if (fx_pg())
        skip(); /* PostgreSQL adds the column the same way (ADD COLUMN IF NOT EXISTS) */
    char root[1100];
    fx_device a;
    fq_app_sync *dev = NULL;
    fq_office *o = receipt_setup("receipts-upgrade", "tab-u", 2, root, &a, &dev);
    fq_app_sync_export_result ex;
    fq_office_import_result im;
    fq_app_sync_inbox_result in;
    fq_bundle_info r;
    tether(dev, o, &a, &ex, &r);
    int64_t n_all = r.n_acks;
    fx_device_add_photo(&a, 301, NULL);
    export_ok(dev, &ex);
    n_all += ex.n_photos;
    fq_office_close(o);

    char db_path[1200];
    snprintf(db_path, sizeof db_path, "%s/office.db", root);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, "DROP TABLE office_receipts; DROP TABLE office_receipt_acks;"
                         " ALTER TABLE office_photo_senders DROP COLUMN named_in;",
                     NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("making an old office: %s", msg);
    sqlite3_close(db);

    o = office_open(root);
    import_ok(o, ex.path, &im);
    receipt_info(o, &a, &r);
    assert_int_equal(r.n_acks, n_all);
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    all_acked(dev, &a, n_all);
    /* and from then on only what is new */
    fx_device_add_photo(&a, 302, NULL);
    export_ok(dev, &ex);
    import_ok(o, ex.path, &im);
    receipt_info(o, &a, &r);
    assert_int_equal(r.n_acks, ex.n_photos);
    fq_app_sync_close(dev);
    fq_store_close(a.st);
    fq_office_close(o);
}

/* A device restored from a backup lost acknowledgements the office saw confirmed: the photo
 * it sends again is named again, so it is not sent for ever. */
static void test_photo_sent_again_is_named_again(void **state)
{
    (void)state;
    char root[1100];
    fx_device a;
    fq_app_sync *dev = NULL;
    fq_office *o = receipt_setup("receipts-restored", "tab-b", 2, root, &a, &dev);
    fq_app_sync_export_result ex;
    fq_office_import_result im;
    fq_app_sync_inbox_result in;
    fq_bundle_info r;
    tether(dev, o, &a, &ex, &r);
    int64_t n_all = r.n_acks;
    fx_device_add_photo(&a, 401, NULL);
    tether(dev, o, &a, &ex, &r);
    n_all += r.n_acks;
    fx_device_add_finding(&a, "after the last receipt");
    export_ok(dev, &ex); /* names the last receipt: the office sees it confirmed */
    import_ok(o, ex.path, &im);
    all_acked(dev, &a, n_all);

    /* the backup from before the last receipt: its photo acknowledgement is gone */
    char *msg = NULL;
    if (sqlite3_exec(fq_store_db(a.st),
                     "DELETE FROM sync_photo_acks WHERE rowid = (SELECT max(rowid) FROM"
                     " sync_photo_acks); DELETE FROM sync_receipts WHERE rowid = (SELECT"
                     " max(rowid) FROM sync_receipts)", NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("restoring: %s", msg);
    export_ok(dev, &ex);
    assert_int_equal(ex.n_photos, 1);
    import_ok(o, ex.path, &im);
    receipt_info(o, &a, &r);
    assert_int_equal(r.n_acks, 1);
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    all_acked(dev, &a, n_all);
    fq_app_sync_close(dev);
    fq_store_close(a.st);
    fq_office_close(o);
}

static void test_job_pack_reaches_device(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("jobs");
    fx_device a;
    fx_device_create(&a, dir, "tab-j", "tab-j", 0, 0);
    fq_app_sync *dev = device_open(&a);
    fq_office *o = office_open(dir);
    fx_enrol(o, &a);
    /* the office plans a visit for tab-j */
    fq_order ord;
    memset(&ord, 0, sizeof ord);
    snprintf(ord.po_number, sizeof ord.po_number, "PO-NEW-1");
    assert_int_equal(fq_ostore_put_order(fq_office_store(o), &ord), FQ_OK);
    fq_visit v;
    memset(&v, 0, sizeof v);
    strcpy(v.order_uuid, ord.meta.uuid);
    v.type = FQ_VISIT_INLINE;
    snprintf(v.assigned_device, sizeof v.assigned_device, "tab-j");
    assert_int_equal(fq_ostore_create_visit(fq_office_store(o), &v), FQ_OK);
    char path[1200];
    snprintf(path, sizeof path, "%s/inbox/jobs-tab-j.fqb", a.sync_dir);
    int64_t n = 0;
    assert_int_equal(fq_office_write_jobs(o, "tab-j", path, &n), FQ_OK);
    assert_true(n >= 2);
    fq_app_sync_inbox_result in;
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    assert_int_equal(in.n_job_packs, 1);
    assert_int_equal(in.n_rejected, 0);
    fq_visit got;
    assert_int_equal(fq_store_get_visit(a.st, v.meta.uuid, &got), FQ_OK);
    fq_order got_order;
    assert_int_equal(fq_store_get_order(a.st, ord.meta.uuid, &got_order), FQ_OK);
    assert_string_equal(got_order.po_number, "PO-NEW-1");
    /* applied records are not exported back as local work */
    fq_app_sync_state s;
    assert_int_equal(fq_app_sync_get_state(dev, &s), FQ_OK);
    fq_app_sync_export_result ex;
    export_ok(dev, &ex);
    assert_int_equal(ex.n_records, s.pending_records);
    fq_app_sync_close(dev);
    fq_store_close(a.st);
    fq_office_close(o);
}

static void touch(const char *path, long age_s)
{
    assert_int_equal(fq_test_write_file(path, "x", 1), 0);
    struct timeval tv[2];
    gettimeofday(&tv[0], NULL);
    tv[0].tv_sec -= age_s;
    tv[1] = tv[0];
    assert_int_equal(utimes(path, tv), 0);
}

/* Temporaries of a killed import (fsio's ".tmp-<pid>-XXXXXX") are swept when the office opens once
 * their writer is gone or an hour old; in-flight and unrelated files stay. */
static void test_office_open_sweeps_stale_temporaries(void **state)
{
    (void)state;
    char dir[1024], db[1100], sub[1200], pull[1200], p[6][1400];
    snprintf(dir, sizeof dir, "%s", fq_test_dir("sweep"));
    fx_office_path(dir, db, sizeof db);
    /* the office's folders: beside the database file, or where the PostgreSQL run puts them
     * (FIELDQC_PHOTOS = <dir>/office.db.photos): the same paths */
    snprintf(sub, sizeof sub, "%s/office.db.photos/ab", dir);
    snprintf(pull, sizeof pull, "%s/office.db.pull", dir);
    char err[256];
    assert_int_equal(fq_fsio_mkdirs(sub, err, sizeof err), FQ_OK);
    assert_int_equal(fq_fsio_mkdirs(pull, NULL, 0), FQ_OK);
    /* a pid no process can have (above any pid_max); no fork: it spins under qemu-user */
    long dead = 2147483646L;
    snprintf(p[0], sizeof p[0], "%s/.tmp-%ld-a1b2c3", sub, dead);             /* killed */
    snprintf(p[1], sizeof p[1], "%s/.tmp-%ld-d4e5f6", pull, dead);            /* killed */
    snprintf(p[2], sizeof p[2], "%s/.tmp-%ld-g7h8i9", sub, (long)getppid());  /* old */
    snprintf(p[3], sizeof p[3], "%s/.tmp-%ld-j1k2l3", sub, (long)getppid());  /* live */
    snprintf(p[4], sizeof p[4], "%s/ab78.jpg", sub);
    snprintf(p[5], sizeof p[5], "%s/.tmp-notes", sub);
    touch(p[0], 10);
    touch(p[1], 10);
    touch(p[2], 7200);
    touch(p[3], 10);
    touch(p[4], 7200);
    touch(p[5], 7200);
    fq_office *o = NULL;
    assert_int_equal(fx_office_open(db, &o), FQ_OK);
    fq_office_close(o);
    for (int i = 0; i < 6; i++)
        if ((access(p[i], F_OK) == 0) != (i >= 3))
            fail_msg("%s should %s", p[i], i >= 3 ? "stay" : "be swept");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_two_devices),
        cmocka_unit_test(test_lost_bundle_carried_and_out_of_order),
        cmocka_unit_test(test_receipts_name_what_is_new),
        cmocka_unit_test(test_receipt_ack_never_moves_back_or_across),
        cmocka_unit_test(test_office_upgrade_names_every_photo),
        cmocka_unit_test(test_photo_sent_again_is_named_again),
        cmocka_unit_test(test_job_pack_reaches_device),
        cmocka_unit_test(test_office_open_sweeps_stale_temporaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
