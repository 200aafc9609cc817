/* A sync chain nobody can forge (issue 11). Every forgery here is made the way an attacker
 * with the USB drive and the stock sqlite3 tool would: edit the bundle, recompute every
 * record CRC, the content hash and the page checksums, and sign with a key of their own.
 * - a forged device bundle (a sign-off flipped and one deleted) is refused by the office with
 *   "not signed by an enrolled device", and so is one from an unknown or revoked device;
 * - a forged receipt and a forged job pack are refused by the device and change nothing;
 * - a range that runs past what a bundle carries, a signed receipt that acknowledges more
 *   than the device ever sent, and a device reset to a new key under the same id never lock
 *   a device out of its receipts;
 * - the device learns the office key from the first office file, shows its fingerprint, and
 *   moves to a new office key only when the inspector trusts the fingerprint it was shown. */
#include "harness.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle_internal.h" /* what a forger recomputes: CRCs, content hash, page checksums */
#include "fsio/fsio.h"
#include "office/office.h"
#include "services/sync.h"
#include "store/store_testing.h"
#include "sync_fixture.h"

typedef struct world {
    char dir[1024];
    fx_device a;
    fq_app_sync *dev;
    fq_office *o;
} world;

static void world_open(world *w, const char *name)
{
    snprintf(w->dir, sizeof w->dir, "%s", fq_test_dir(name));
    fx_device_create(&w->a, w->dir, "tab-a", "tab-a", 2, 0);
    if (fq_app_sync_open(w->a.st, w->a.photo_dir, w->a.sync_dir, &w->dev))
        fail_msg("device: %s", fq_app_sync_errmsg(w->dev));
    char path[1200];
    fx_office_path(w->dir, path, sizeof path);
    if (fx_office_open(path, &w->o))
        fail_msg("office: %s", fq_office_errmsg(w->o));
    fx_enrol(w->o, &w->a);
}

static void world_close(world *w)
{
    fq_app_sync_close(w->dev);
    fq_store_close(w->a.st);
    fq_office_close(w->o);
}

static void export_ok(world *w, fq_app_sync_export_result *ex)
{
    if (fq_app_sync_export(w->dev, ex))
        fail_msg("export: %s", fq_app_sync_errmsg(w->dev));
    assert_int_equal(ex->written, 1);
}

static void import_ok(fq_office *o, const char *path)
{
    fq_office_import_result im;
    if (fq_office_import(o, path, NULL, &im))
        fail_msg("import %s: %s", path, fq_office_errmsg(o));
}

static void receipt_to(world *w)
{
    char path[1300];
    snprintf(path, sizeof path, "%s/inbox/receipt-tab-a.fqb", w->a.sync_dir);
    if (fq_office_write_receipt(w->o, "tab-a", path, NULL))
        fail_msg("receipt: %s", fq_office_errmsg(w->o));
}

static void read_inbox(world *w, fq_app_sync_inbox_result *in)
{
    if (fq_app_sync_read_inbox(w->dev, in))
        fail_msg("inbox: %s", fq_app_sync_errmsg(w->dev));
}

static void copy_file(const char *from, const char *to)
{
    unsigned char *data = NULL;
    size_t len = 0;
    assert_int_equal(fq_test_read_file(from, &data, &len), 0);
    assert_int_equal(fq_test_write_file(to, data, len), 0);
    free(data);
}

static void make_key(fq_bundle_key *out)
{
    char seed[FQ_BUNDLE_SEED_HEX_LEN];
    assert_int_equal(fq_bundle_key_generate(seed), FQ_OK);
    assert_int_equal(fq_bundle_key_from_seed(seed, out), FQ_OK);
}

/* Runs sql on the bundle at path, then redoes every checksum a forger can: record CRCs, the
 * content hash, the page checksums; with as, also signer_key and the signature by as. */
static void forge(const char *path, const char *sql, const fq_bundle_key *as)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("forge sql: %s", msg);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT seq, tbl, uuid, revision, op, at_utc, data"
                                        " FROM records",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        uint32_t crc = fq_bundle_record_crc(
            (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
            sqlite3_column_int64(st, 3), (char)sqlite3_column_text(st, 4)[0],
            sqlite3_column_int64(st, 5), (const char *)sqlite3_column_text(st, 6));
        char upd[160];
        snprintf(upd, sizeof upd, "UPDATE records SET crc32 = %lu WHERE seq = %lld",
                 (unsigned long)crc, (long long)sqlite3_column_int64(st, 0));
        assert_int_equal(sqlite3_exec(db, upd, NULL, NULL, NULL), SQLITE_OK);
    }
    sqlite3_finalize(st);
    char upd[400], hash[FQ_HASH_LEN], err[256];
    if (as) {
        snprintf(upd, sizeof upd, "UPDATE manifest SET value = '%s' WHERE key = 'signer_key'",
                 as->public_hex);
        assert_int_equal(sqlite3_exec(db, upd, NULL, NULL, NULL), SQLITE_OK);
    }
    assert_int_equal(fq_bundle_content_hash(db, hash, err, sizeof err), FQ_OK);
    snprintf(upd, sizeof upd, "UPDATE manifest SET value = '%s' WHERE key = 'content_sha256'",
             hash);
    assert_int_equal(sqlite3_exec(db, upd, NULL, NULL, NULL), SQLITE_OK);
    if (as) {
        char sig[FQ_BUNDLE_SIG_HEX_LEN];
        assert_int_equal(fq_bundle_sign_hash(as, hash, sig), FQ_OK);
        snprintf(upd, sizeof upd, "UPDATE manifest SET value = '%s' WHERE key = 'signature'", sig);
        assert_int_equal(sqlite3_exec(db, upd, NULL, NULL, NULL), SQLITE_OK);
    }
    sqlite3_close(db);
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(fq_bundle_pages_stamp(fd, err, sizeof err), FQ_OK);
    close(fd);
}

/* The office's state that a refused bundle must not move. */
typedef struct office_state {
    char digest[65];
    int64_t n_imports;
} office_state;

static void office_state_get(fq_office *o, office_state *out)
{
    fx_db_digest(fq_office_store(o), out->digest);
    out->n_imports = fx_count(fq_office_store(o), "office_imports");
}

/* Files (photos or temporaries) under the office's photo folder. */
static int office_photo_files(const char *dir)
{
    char photos[1200];
    snprintf(photos, sizeof photos, "%s/office.db.photos", dir);
    return fx_count_files(photos, "*");
}

static void expect_refused(fq_office *o, const char *path, const char *needle)
{
    office_state before, after;
    office_state_get(o, &before);
    fq_office_import_result im;
    fq_err e = fq_office_import(o, path, NULL, &im);
    if (e == FQ_OK)
        fail_msg("%s was imported", path);
    assert_int_equal(e, FQ_ERR_UNTRUSTED);
    if (!strstr(fq_office_errmsg(o), "not signed by an enrolled device") ||
        !strstr(fq_office_errmsg(o), needle))
        fail_msg("expected 'not signed by an enrolled device' and '%s' in '%s'", needle,
                 fq_office_errmsg(o));
    office_state_get(o, &after);
    assert_string_equal(before.digest, after.digest);
    assert_int_equal(before.n_imports, after.n_imports);
}

static void test_forged_device_bundle_is_refused(void **state)
{
    (void)state;
    world w;
    world_open(&w, "forged-bundle");
    fq_app_sync_export_result ex;
    export_ok(&w, &ex);
    char forged[1200];
    snprintf(forged, sizeof forged, "%s/forged.fqb", w.dir);

    /* the visit's verdict flipped to fail and the sign-off deleted, every checksum redone */
    static const char flip[] =
        "UPDATE records SET data = json_set(data, '$.verdict', 2) WHERE tbl = 'visits';"
        "UPDATE records SET op = 'D', data = NULL WHERE tbl = 'signoffs'";
    copy_file(ex.path, forged);
    forge(forged, flip, NULL);
    expect_refused(w.o, forged, "signature");
    /* its photos were written to temporaries while the signature was still unchecked (the
     * manifest names tab-a's enrolled key): none of them stays, under any name */
    assert_int_equal(office_photo_files(w.dir), 0);

    /* the same signed by the forger's own key: a key tab-a is not enrolled with */
    fq_bundle_key mallory;
    make_key(&mallory);
    copy_file(ex.path, forged);
    forge(forged, flip, &mallory);
    expect_refused(w.o, forged, "tab-a is enrolled with key");

    /* a device nobody enrolled, however well signed */
    copy_file(ex.path, forged);
    forge(forged, "UPDATE manifest SET value = 'tab-z' WHERE key = 'device_id'", &mallory);
    expect_refused(w.o, forged, "tab-z is not enrolled");

    assert_int_equal(office_photo_files(w.dir), 0);
    /* the real bundle still imports, its photos with it */
    import_ok(w.o, ex.path);
    assert_int_equal(office_photo_files(w.dir), 2);
    fq_bundle_key_wipe(&mallory);
    world_close(&w);
}

static void test_revoked_device_is_refused(void **state)
{
    (void)state;
    world w;
    world_open(&w, "revoked");
    fq_app_sync_export_result ex1, ex2;
    export_ok(&w, &ex1);
    import_ok(w.o, ex1.path);
    char saved[1200];
    snprintf(saved, sizeof saved, "%s/first.fqb", w.dir);
    copy_file(ex1.path, saved);

    assert_int_equal(fq_office_revoke(w.o, "tab-a"), FQ_OK);
    fx_device_add_finding(&w.a, "after the tablet was lost");
    export_ok(&w, &ex2);
    expect_refused(w.o, ex2.path, "revoked");
    expect_refused(w.o, saved, "revoked"); /* even one imported before */
    /* nothing is written for a revoked device */
    char path[1300];
    snprintf(path, sizeof path, "%s/inbox/receipt-tab-a.fqb", w.a.sync_dir);
    assert_int_equal(fq_office_write_receipt(w.o, "tab-a", path, NULL), FQ_ERR_UNTRUSTED);
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_equal(fq_office_revoke(w.o, "tab-a"), FQ_ERR_NOTFOUND);

    /* taking it back is explicit */
    char pub[FQ_BUNDLE_KEY_HEX_LEN];
    fx_device_public_key(&w.a, pub);
    int changed = 0;
    assert_int_equal(fq_office_enrol(w.o, "tab-a", pub, 0, &changed), FQ_ERR_CONFLICT);
    assert_non_null(strstr(fq_office_errmsg(w.o), "revoked"));
    assert_int_equal(fq_office_enrol(w.o, "tab-a", pub, 1, &changed), FQ_OK);
    assert_int_equal(changed, 1);
    import_ok(w.o, ex2.path);
    world_close(&w);
}

/* What the device must not move when it refuses an office file. */
typedef struct device_state {
    char digest[65];
    int64_t acked_seq;
    int64_t pending_records;
    int64_t pending_photos;
    int64_t n_receipts;
} device_state;

static void device_state_get(world *w, device_state *out)
{
    fx_db_digest(w->a.st, out->digest);
    fq_app_sync_state s;
    assert_int_equal(fq_app_sync_get_state(w->dev, &s), FQ_OK);
    out->acked_seq = s.acked_seq;
    out->pending_records = s.pending_records;
    out->pending_photos = s.pending_photos;
    out->n_receipts = fx_count(w->a.st, "sync_receipts");
}

static void expect_device_unchanged(const device_state *before, world *w)
{
    device_state after;
    device_state_get(w, &after);
    assert_string_equal(before->digest, after.digest);
    assert_int_equal(before->acked_seq, after.acked_seq);
    assert_int_equal(before->pending_records, after.pending_records);
    assert_int_equal(before->pending_photos, after.pending_photos);
    assert_int_equal(before->n_receipts, after.n_receipts);
}

/* A first real round trip: the device learns the office key. */
static void first_round_trip(world *w)
{
    fq_app_sync_export_result ex;
    export_ok(w, &ex);
    import_ok(w->o, ex.path);
    receipt_to(w);
    fq_app_sync_inbox_result in;
    read_inbox(w, &in);
    assert_int_equal(in.n_receipts, 1);
    assert_int_equal(in.n_rejected, 0);
}

/* An office file written by someone else's key for tab-a. */
static void write_office_file(const char *path, fq_bundle_kind kind, int64_t acked_seq,
                              const fq_change *rec, const char *ack, const fq_bundle_key *key)
{
    fq_bundle_info info;
    memset(&info, 0, sizeof info);
    info.kind = kind;
    snprintf(info.device_id, sizeof info.device_id, "tab-a");
    snprintf(info.office, sizeof info.office, "fieldqc-office");
    info.acked_seq = acked_seq;
    fq_bundle_writer *wr = NULL;
    assert_int_equal(fq_bundle_writer_new(path, &info, key, &wr), FQ_OK);
    if (rec)
        assert_int_equal(fq_bundle_writer_add_record(wr, rec), FQ_OK);
    if (ack)
        assert_int_equal(fq_bundle_writer_add_ack(wr, ack), FQ_OK);
    if (fq_bundle_writer_finish(wr, NULL))
        fail_msg("write: %s", fq_bundle_writer_errmsg(wr));
    fq_bundle_writer_free(wr);
}

static int first_hash(void *ctx, const char *sha)
{
    snprintf(ctx, FQ_HASH_LEN, "%s", sha);
    return 1;
}

static void test_forged_receipt_and_job_pack_change_nothing(void **state)
{
    (void)state;
    world w;
    world_open(&w, "forged-office");
    first_round_trip(&w);
    /* unsent work: a finding and a photo, exported but not yet at the office */
    fx_device_add_finding(&w.a, "unsent finding");
    fx_device_add_photo(&w.a, 4242, NULL);
    fq_app_sync_export_result ex;
    export_ok(&w, &ex);
    char unsent_uuid[FQ_UUID_LEN], photo[FQ_HASH_LEN] = "";
    {
        sqlite3_stmt *q = NULL;
        assert_int_equal(sqlite3_prepare_v2(fq_store_db(w.a.st),
                                            "SELECT uuid FROM findings"
                                            " WHERE text = 'unsent finding'",
                                            -1, &q, NULL),
                         SQLITE_OK);
        assert_int_equal(sqlite3_step(q), SQLITE_ROW);
        snprintf(unsent_uuid, sizeof unsent_uuid, "%s", sqlite3_column_text(q, 0));
        sqlite3_finalize(q);
    }
    assert_int_equal(fq_store_sync_each_unacked_photo(w.a.st, first_hash, photo), FQ_OK);
    device_state before;
    device_state_get(&w, &before);

    /* a receipt saying the office holds it all, and a job pack deleting the unsent finding,
     * both signed by a key of the forger's */
    fq_bundle_key mallory;
    make_key(&mallory);
    char receipt[1300], jobs[1300];
    snprintf(receipt, sizeof receipt, "%s/inbox/receipt-tab-a.fqb", w.a.sync_dir);
    snprintf(jobs, sizeof jobs, "%s/inbox/jobs-tab-a.fqb", w.a.sync_dir);
    write_office_file(receipt, FQ_BUNDLE_RECEIPT, ex.to_seq, NULL, photo, &mallory);
    fq_change del = {1, "findings", unsent_uuid, 99, 'D', 1, NULL};
    write_office_file(jobs, FQ_BUNDLE_JOBS, 0, &del, NULL, &mallory);
    fq_app_sync_inbox_result in;
    read_inbox(&w, &in);
    assert_int_equal(in.n_receipts + in.n_job_packs, 0);
    assert_int_equal(in.n_rejected, 2);
    assert_non_null(strstr(in.last_rejection, "not signed by this device's office"));
    expect_device_unchanged(&before, &w);
    assert_int_equal(access(ex.path, F_OK), 0); /* the unsent bundle is still in the outbox */

    /* the real office's receipt, edited to acknowledge more and re-sealed without its key */
    import_ok(w.o, ex.path);
    receipt_to(&w);
    forge(receipt, "UPDATE manifest SET value = value + 1 WHERE key = 'acked_seq'", NULL);
    read_inbox(&w, &in);
    assert_int_equal(in.n_rejected, 1);
    assert_non_null(strstr(in.last_rejection, "signature"));
    expect_device_unchanged(&before, &w);

    /* the Sync status lists the refusals for the inspector, and offers the forger's key
     * (only offered: the inspector would compare it with the office's screen) */
    fq_app_sync_state s;
    char mallory_fp[FQ_BUNDLE_FINGERPRINT_LEN];
    assert_int_equal(fq_bundle_fingerprint(mallory.public_hex, mallory_fp), FQ_OK);
    assert_int_equal(fq_app_sync_get_state(w.dev, &s), FQ_OK);
    assert_true(s.n_problems >= 1);
    assert_string_equal(s.offered_fingerprint, mallory_fp);
    /* the office's real receipt is applied, and the offer goes: the office key did not change */
    receipt_to(&w);
    read_inbox(&w, &in);
    assert_int_equal(in.n_receipts, 1);
    assert_int_equal(in.acked_seq, ex.to_seq);
    assert_int_equal(fq_app_sync_get_state(w.dev, &s), FQ_OK);
    assert_string_equal(s.offered_fingerprint, "");
    assert_int_equal(access(ex.path, F_OK), -1); /* delivered now: removed from the outbox */
    fq_bundle_key_wipe(&mallory);
    world_close(&w);
}

/* The office key as the office database keeps it: a test writes what a buggy office would. */
static void office_key(fq_office *o, fq_bundle_key *out)
{
    char seed[FQ_BUNDLE_SEED_HEX_LEN];
    assert_int_equal(
        fq_ostore_setting_get(fq_office_store(o), FQ_STORE_SETTING_SIGN_SEED, seed, sizeof seed),
        FQ_OK);
    assert_int_equal(fq_bundle_key_from_seed(seed, out), FQ_OK);
}

static void test_wrong_ranges_cannot_lock_a_device_out(void **state)
{
    (void)state;
    world w;
    world_open(&w, "ranges");
    first_round_trip(&w);
    fx_device_add_finding(&w.a, "next day");
    fq_app_sync_export_result ex;
    export_ok(&w, &ex);

    /* the range forged to 1000000. Running past the last record it carries, it is refused
     * as it stands; with its last change moved to 1000000 too, the signature no longer
     * verifies; signed by a key of the forger's, that is not the key tab-a is enrolled with */
    char forged[1200];
    snprintf(forged, sizeof forged, "%s/range.fqb", w.dir);
    copy_file(ex.path, forged);
    forge(forged, "UPDATE manifest SET value = '1000000' WHERE key = 'to_seq'", NULL);
    fq_office_import_result im;
    assert_int_equal(fq_office_import(w.o, forged, NULL, &im), FQ_ERR_CORRUPT);
    assert_non_null(strstr(fq_office_errmsg(w.o), "range ends at 1000000"));
    static const char far[] =
        "UPDATE records SET seq = 1000000 WHERE seq = (SELECT max(seq) FROM records);"
        "UPDATE manifest SET value = '1000000' WHERE key = 'to_seq'";
    copy_file(ex.path, forged);
    forge(forged, far, NULL);
    expect_refused(w.o, forged, "signature");
    fq_bundle_key mallory;
    make_key(&mallory);
    copy_file(ex.path, forged);
    forge(forged, far, &mallory);
    expect_refused(w.o, forged, "tab-a is enrolled with key");
    fq_bundle_key_wipe(&mallory);
    import_ok(w.o, ex.path);
    int64_t acked = 0;
    assert_int_equal(fq_office_acked_seq(w.o, "tab-a", &acked), FQ_OK);
    assert_int_equal(acked, ex.to_seq);

    /* a receipt signed by the office key itself that acknowledges a change the device made
     * but never sent (an office restored from the wrong backup, a bug): refused, nothing
     * kept, or that change would never be exported */
    fx_device_add_finding(&w.a, "recorded after the export");
    device_state before;
    device_state_get(&w, &before);
    fq_bundle_key okey;
    office_key(w.o, &okey);
    char receipt[1300];
    snprintf(receipt, sizeof receipt, "%s/inbox/receipt-tab-a.fqb", w.a.sync_dir);
    write_office_file(receipt, FQ_BUNDLE_RECEIPT, ex.to_seq + 1, NULL, NULL, &okey);
    fq_app_sync_inbox_result in;
    read_inbox(&w, &in);
    assert_int_equal(in.n_rejected, 1);
    assert_non_null(strstr(in.last_rejection, "only ever sent changes up to"));
    expect_device_unchanged(&before, &w);
    /* and the next correct receipt is applied as usual */
    receipt_to(&w);
    read_inbox(&w, &in);
    assert_int_equal(in.n_receipts, 1);
    assert_int_equal(in.acked_seq, ex.to_seq);
    fq_app_sync_state s;
    assert_int_equal(fq_app_sync_get_state(w.dev, &s), FQ_OK);
    assert_int_equal(s.pending_records, 1); /* the unsent finding is still to be sent */
    fq_bundle_key_wipe(&okey);

    /* the tablet is reset: a new database, a new key, the same device id. Its log starts at
     * 1 again; what the old key's bundles covered must not make every receipt too large */
    fq_app_sync_close(w.dev);
    fq_store_close(w.a.st);
    fx_device_create(&w.a, w.dir, "tab-a", "tab-a", 1, 0);
    assert_int_equal(fq_app_sync_open(w.a.st, w.a.photo_dir, w.a.sync_dir, &w.dev), FQ_OK);
    fq_app_sync_export_result fresh;
    export_ok(&w, &fresh);
    assert_true(fresh.to_seq < ex.to_seq);
    char pub[FQ_BUNDLE_KEY_HEX_LEN];
    fx_device_public_key(&w.a, pub);
    int changed = 0;
    assert_int_equal(fq_office_enrol(w.o, "tab-a", pub, 0, &changed), FQ_ERR_CONFLICT);
    assert_int_equal(fq_office_enrol(w.o, "tab-a", pub, 1, &changed), FQ_OK);
    import_ok(w.o, fresh.path);
    assert_int_equal(fq_office_acked_seq(w.o, "tab-a", &acked), FQ_OK);
    assert_int_equal(acked, fresh.to_seq);
    receipt_to(&w);
    read_inbox(&w, &in);
    assert_int_equal(in.n_rejected, 0);
    assert_int_equal(in.n_receipts, 1);
    assert_int_equal(in.acked_seq, fresh.to_seq);
    world_close(&w);
}

static void test_office_key_is_learnt_then_changed_deliberately(void **state)
{
    (void)state;
    world w;
    world_open(&w, "office-key");
    fq_app_sync_state s;
    assert_int_equal(fq_app_sync_get_state(w.dev, &s), FQ_OK);
    char pub[FQ_BUNDLE_KEY_HEX_LEN], fp[FQ_BUNDLE_FINGERPRINT_LEN];
    fx_device_public_key(&w.a, pub);
    assert_int_equal(fq_bundle_fingerprint(pub, fp), FQ_OK);
    assert_string_equal(s.device_fingerprint, fp); /* what the office compares at enrolment */
    assert_string_equal(s.office_fingerprint, "");

    /* the first office file teaches the key; the screen shows the office's fingerprint */
    first_round_trip(&w);
    char office_fp[FQ_BUNDLE_FINGERPRINT_LEN];
    fq_office_key_fingerprint(w.o, office_fp);
    assert_int_equal(fq_app_sync_get_state(w.dev, &s), FQ_OK);
    assert_string_equal(s.office_fingerprint, office_fp);
    assert_true(s.office_key_since_utc > 0);
    assert_string_equal(s.offered_fingerprint, "");

    /* the office replaces its key: the device refuses, says both keys, offers the new one */
    fx_device_add_finding(&w.a, "after the key change");
    fq_app_sync_export_result ex;
    export_ok(&w, &ex);
    import_ok(w.o, ex.path);
    assert_int_equal(fq_office_new_key(w.o), FQ_OK);
    char new_fp[FQ_BUNDLE_FINGERPRINT_LEN];
    fq_office_key_fingerprint(w.o, new_fp);
    assert_string_not_equal(new_fp, office_fp);
    receipt_to(&w);
    device_state before;
    device_state_get(&w, &before);
    fq_app_sync_inbox_result in;
    read_inbox(&w, &in);
    assert_int_equal(in.n_rejected, 1);
    assert_non_null(strstr(in.last_rejection, new_fp));
    assert_non_null(strstr(in.last_rejection, office_fp));
    expect_device_unchanged(&before, &w);
    assert_int_equal(fq_app_sync_get_state(w.dev, &s), FQ_OK);
    assert_string_equal(s.office_fingerprint, office_fp); /* never moved by itself */
    assert_string_equal(s.offered_fingerprint, new_fp);
    /* reading again does not change that */
    read_inbox(&w, &in);
    assert_int_equal(fq_app_sync_get_state(w.dev, &s), FQ_OK);
    assert_string_equal(s.office_fingerprint, office_fp);

    /* the inspector must confirm the key that is offered, not some other one */
    assert_int_equal(fq_app_sync_trust_offered_key(w.dev, office_fp, &in), FQ_ERR_CONFLICT);
    expect_device_unchanged(&before, &w);
    /* confirmed: the receipt set aside because of the key is read again and applied */
    if (fq_app_sync_trust_offered_key(w.dev, new_fp, &in))
        fail_msg("trust: %s", fq_app_sync_errmsg(w.dev));
    assert_int_equal(in.n_receipts, 1);
    assert_int_equal(in.n_rejected, 0);
    assert_int_equal(in.acked_seq, ex.to_seq);
    assert_int_equal(fq_app_sync_get_state(w.dev, &s), FQ_OK);
    assert_string_equal(s.office_fingerprint, new_fp);
    assert_string_equal(s.offered_fingerprint, "");
    assert_int_equal(s.n_problems, 0);
    assert_int_equal(fq_app_sync_trust_offered_key(w.dev, new_fp, &in), FQ_ERR_NOTFOUND);
    world_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forged_device_bundle_is_refused),
        cmocka_unit_test(test_revoked_device_is_refused),
        cmocka_unit_test(test_forged_receipt_and_job_pack_change_nothing),
        cmocka_unit_test(test_wrong_ranges_cannot_lock_a_device_out),
        cmocka_unit_test(test_office_key_is_learnt_then_changed_deliberately),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
