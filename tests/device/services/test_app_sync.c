/* The device's inbox through the application services: a file from the office that this
 * device refuses is an outcome the inspector sees (result, then the Sync status until a good
 * file of its kind arrives), never a success with the reason in a message nobody reads; it
 * changes nothing and is set aside. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "fsio/fsio.h"
#include "office/commands.h"
#include "office/office.h"
#include "office/ostore.h"
#include "services/app.h"
#include "services/settings.h"
#include "services/sync.h"
#include "store/store.h"

#define NOW 1795255200 /* 2026-11-21 10:00 UTC */
static const char *data_dir;

static fq_app *open_app(const char *dir)
{
    char db[1100], sync[1100];
    snprintf(db, sizeof db, "%s/device.db", dir);
    snprintf(sync, sizeof sync, "%s/sync", dir);
    fq_app_config cfg = {db, data_dir, sync, "tablet-A", "Li Wei", 1, NOW, NULL, 0};
    fq_app *app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("open: %s", fq_app_errmsg(app));
    return app;
}

/* Starts the first visit on Today (evidence goes only into a started visit); its id to v. */
static void start_first_visit(fq_app *app, char v[FQ_UUID_LEN])
{
    fq_app_visit_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_today_read(app, &rows, &n), FQ_OK);
    assert_true(n > 0);
    snprintf(v, FQ_UUID_LEN, "%s", rows[0].visit.meta.uuid);
    free(rows);
    assert_int_equal(fq_app_visit_start(app, v), FQ_OK);
}

static char device_fp[FQ_BUNDLE_FINGERPRINT_LEN]; /* tablet-A's key, as enrolled */

/* Enrols tablet-A (the device database in dir) at office o with its key. */
static void enrol(fq_office *o, const char *dir)
{
    char db[1100], err[256];
    snprintf(db, sizeof db, "%s/device.db", dir);
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(db, &st), FQ_OK);
    fq_bundle_key key;
    if (fq_app_sync_key_load(st, &key, err, sizeof err))
        fail_msg("device key: %s", err);
    int changed = 0;
    if (fq_office_enrol(o, "tablet-A", key.public_hex, 0, &changed))
        fail_msg("enrol: %s", fq_office_errmsg(o));
    assert_int_equal(fq_bundle_fingerprint(key.public_hex, device_fp), FQ_OK);
    fq_bundle_key_wipe(&key);
    fq_store_close(st);
}

/* The office (dir/office.db, demo orders) writes a job pack for tablet-A into its inbox;
 * office_fp gets the office key's fingerprint. */
static void office_job_pack(const char *dir, char office_fp[FQ_BUNDLE_FINGERPRINT_LEN])
{
    char office_db[1200], good[1200];
    snprintf(office_db, sizeof office_db, "%s/office.db", dir);
    snprintf(good, sizeof good, "%s/sync/inbox/jobs-tablet-A.fqb", dir);
    char demo[1200], lists[1200];
    snprintf(demo, sizeof demo, "%s/demo/demo.tsv", data_dir);
    snprintf(lists, sizeof lists, "%s/checklists", data_dir);
    /* the demo orders in the office database file (as `fieldqc-office demo` makes them) */
    fq_store *ost = NULL;
    assert_int_equal(fq_store_open(office_db, &ost), FQ_OK);
    assert_int_equal(fq_store_set_actor(ost, "tablet-A", "Li Wei"), FQ_OK);
    if (fq_store_seed_demo(ost, demo, lists, NOW))
        fail_msg("office demo: %s", fq_store_errmsg(ost));
    fq_store_close(ost);
    fq_office *o = NULL;
    if (fq_office_open(office_db, &o))
        fail_msg("office: %s", fq_office_errmsg(o));
    enrol(o, dir);
    int64_t n_records = 0;
    if (fq_office_write_jobs(o, "tablet-A", good, &n_records))
        fail_msg("jobs: %s", fq_office_errmsg(o));
    assert_true(n_records > 0);
    fq_office_key_fingerprint(o, office_fp);
    fq_office_close(o);
}

static void test_refused_job_pack_is_shown_until_a_good_one(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("refused");
    fq_app *app = open_app(dir);
    char bad[1200];
    snprintf(bad, sizeof bad, "%s/sync/inbox/jobs-tablet-A.fqb", dir);
    const char junk[] = "half a job pack: the cable was pulled while the office wrote it";
    assert_int_equal(fq_fsio_write_atomic(bad, junk, sizeof junk, NULL, NULL, 0), FQ_OK);

    fq_app_inbox_result r;
    assert_int_equal(fq_app_read_inbox(app, &r), FQ_OK);
    assert_int_equal(r.n_applied, 0);
    assert_int_equal(r.n_rejected, 1);
    assert_string_equal(r.rejected_file, "jobs-tablet-A.fqb");
    assert_true(strlen(r.rejection) > 0);
    char set_aside[1300];
    snprintf(set_aside, sizeof set_aside, "%s.rejected", bad);
    assert_int_equal(access(set_aside, F_OK), 0);
    assert_int_not_equal(access(bad, F_OK), 0);

    fq_app_sync_status st;
    assert_int_equal(fq_app_sync_status_get(app, &st), FQ_OK);
    assert_int_equal(st.n_problems, 1);
    assert_string_equal(st.problems[0].kind, "jobs");
    assert_string_equal(st.problems[0].file, "jobs-tablet-A.fqb");
    assert_string_equal(st.problems[0].reason, r.rejection);
    /* reading again: nothing new, the problem stays listed */
    assert_int_equal(fq_app_read_inbox(app, &r), FQ_OK);
    assert_int_equal(r.n_rejected, 0);
    assert_int_equal(fq_app_sync_status_get(app, &st), FQ_OK);
    assert_int_equal(st.n_problems, 1);
    fq_app_close(app);

    /* the office sends a good job pack for this device: the problem is resolved */
    char office_fp[FQ_BUNDLE_FINGERPRINT_LEN];
    office_job_pack(dir, office_fp);

    app = open_app(dir);
    assert_int_equal(fq_app_sync_status_get(app, &st), FQ_OK);
    assert_string_equal(st.office_key, ""); /* not known before the first office file */
    assert_int_equal(fq_app_read_inbox(app, &r), FQ_OK);
    assert_int_equal(r.n_applied, 1);
    assert_int_equal(r.n_rejected, 0);
    assert_int_equal(fq_app_sync_status_get(app, &st), FQ_OK);
    assert_int_equal(st.n_problems, 0);
    /* the keys the Sync screen shows: this tablet's, and the office's it learnt */
    assert_string_equal(st.device_key, device_fp);
    assert_string_equal(st.office_key, office_fp);
    assert_string_equal(st.offered_key, "");
    fq_app_close(app);
}

/* A damaged change-log row: the export goes on without it, says so, and the Sync status keeps
 * saying it (with what it was) instead of every later export failing. */
static void test_damaged_change_is_reported_not_blocking(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("damaged");
    char db[1100];
    snprintf(db, sizeof db, "%s/device.db", dir);
    fq_app *app = open_app(dir);
    fq_app_close(app);
    /* damage the newest log row from outside (a bad SD card sector, say) */
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"UPDATE changelog SET data = '{broken'"
             " WHERE seq = (SELECT max(seq) FROM changelog WHERE op <> 'D')\"", db);
    assert_int_equal(system(cmd), 0);
    app = open_app(dir);
    fq_app_export_result ex;
    if (fq_app_export(app, &ex))
        fail_msg("export: %s", fq_app_errmsg(app));
    assert_int_equal(ex.n_skipped, 1);
    assert_true(ex.n_records > 0);
    fq_app_sync_status st;
    assert_int_equal(fq_app_sync_status_get(app, &st), FQ_OK);
    assert_int_equal(st.n_skipped, 1);
    assert_non_null(strstr(st.skip_reason, "damaged data"));
    fq_app_close(app);
}


/* Each export names the receipt the tablet applied last (issue 18), so the office's next
 * receipt names only what is new: none before the first; the same receipt read again (a
 * copy left on the stick) does not count as a newer one. */
static char *exported_receipt(fq_app *app, char out[FQ_UUID_LEN])
{
    fq_app_export_result x;
    if (fq_app_export(app, &x))
        fail_msg("export: %s", fq_app_errmsg(app));
    fq_bundle *b = NULL;
    if (fq_bundle_open(x.file, NULL, &b))
        fail_msg("%s: %s", x.file, fq_bundle_errmsg(b));
    memcpy(out, fq_bundle_get_info(b)->acked_receipt, FQ_UUID_LEN);
    fq_bundle_close(b);
    return x.file[0] ? out : NULL;
}

static void office_receipt(fq_office *o, fq_app *app, const char *dir, const char *copy,
                           fq_bundle_info *info)
{
    fq_app_export_result x;
    if (fq_app_export(app, &x))
        fail_msg("export: %s", fq_app_errmsg(app));
    fq_office_import_result r;
    if (x.file[0] && fq_office_import(o, x.file, NULL, &r))
        fail_msg("import: %s", fq_office_errmsg(o));
    char receipt[1200];
    snprintf(receipt, sizeof receipt, "%s/sync/inbox/receipt-tablet-A.fqb", dir);
    if (fq_office_write_receipt(o, "tablet-A", receipt, info))
        fail_msg("receipt: %s", fq_office_errmsg(o));
    if (copy) {
        char err[256];
        assert_int_equal(fq_fsio_copy_file(receipt, copy, INT64_MAX, NULL, NULL, err, sizeof err),
                         FQ_OK);
    }
    fq_app_inbox_result in;
    assert_int_equal(fq_app_read_inbox(app, &in), FQ_OK);
    assert_int_equal(in.n_rejected, 0);
    assert_int_equal(in.n_applied, 1);
}

static void test_export_names_the_receipt_applied_last(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("receipt-named");
    fq_app *app = open_app(dir);
    char office_db[1200], copy[1200], named[FQ_UUID_LEN];
    snprintf(office_db, sizeof office_db, "%s/office.db", dir);
    snprintf(copy, sizeof copy, "%s/receipt-1-copy.fqb", dir);
    fq_office *o = NULL;
    if (fq_office_open(office_db, &o))
        fail_msg("office: %s", fq_office_errmsg(o));
    enrol(o, dir);
    assert_non_null(exported_receipt(app, named));
    assert_string_equal(named, "");
    fq_bundle_info r1, r2;
    office_receipt(o, app, dir, copy, &r1);
    fq_defect d;
    char v[FQ_UUID_LEN];
    start_first_visit(app, v);
    assert_non_null(exported_receipt(app, named));
    assert_string_equal(named, r1.bundle_id);
    office_receipt(o, app, dir, NULL, &r2);
    /* R1 again, from a copy left on the stick: applied (nothing new), not the newest */
    char inbox[1300];
    snprintf(inbox, sizeof inbox, "%s/sync/inbox/receipt-tablet-A.fqb", dir);
    assert_int_equal(rename(copy, inbox), 0);
    fq_app_inbox_result in;
    assert_int_equal(fq_app_read_inbox(app, &in), FQ_OK);
    assert_int_equal(in.n_rejected, 0);
    assert_int_equal(fq_app_defect_record(app, v, "GLAZE", "Glaze drip", FQ_SEV_MAJOR, &d),
                     FQ_OK);
    assert_non_null(exported_receipt(app, named));
    assert_string_equal(named, r2.bundle_id);
    fq_office_close(o);
    fq_app_close(app);
}

/* Photos as evidence across the sync (issue 17): a marked-up copy reaches the office linked
 * to its original; a deleted photo's tombstone deletes it there; the tablet keeps the file of
 * a deleted photo the office holds until a receipt covers the delete, then drops it. */
static bool photo_file(const char *dir, const char *sha)
{
    char photos[1200], path[1400];
    snprintf(photos, sizeof photos, "%s/device.db.photos", dir);
    assert_int_equal(fq_fsio_photo_path(photos, sha, path, sizeof path), FQ_OK);
    return access(path, F_OK) == 0;
}

static void sync_round(fq_app *app, fq_office *o, const char *dir)
{
    fq_app_export_result x;
    if (fq_app_export(app, &x))
        fail_msg("export: %s", fq_app_errmsg(app));
    fq_office_import_result r;
    if (fq_office_import(o, x.file, NULL, &r))
        fail_msg("import: %s", fq_office_errmsg(o));
    char receipt[1200];
    snprintf(receipt, sizeof receipt, "%s/sync/inbox/receipt-tablet-A.fqb", dir);
    if (fq_office_write_receipt(o, "tablet-A", receipt, NULL))
        fail_msg("receipt: %s", fq_office_errmsg(o));
    fq_app_inbox_result in;
    assert_int_equal(fq_app_read_inbox(app, &in), FQ_OK);
    assert_int_equal(in.n_rejected, 0);
}

static void test_markup_and_delete_sync(void **state)
{
    (void)state;
    char pa[1200], pb[1200]; /* fq_test_photo's buffer is static: one copy each */
    const char *p = fq_test_photo("Kleiber_by_Lukas_Baubkus.jpg");
    if (!p)
        skip();
    snprintf(pa, sizeof pa, "%s", p);
    if (!(p = fq_test_photo("Dragonfly_by_Bolly.jpg")))
        skip();
    snprintf(pb, sizeof pb, "%s", p);
    const char *dir = fq_test_dir("photos-sync");
    fq_app *app = open_app(dir);
    char office_db[1200];
    snprintf(office_db, sizeof office_db, "%s/office.db", dir);
    fq_office *o = NULL;
    if (fq_office_open(office_db, &o))
        fail_msg("office: %s", fq_office_errmsg(o));
    enrol(o, dir);

    char v[FQ_UUID_LEN];
    start_first_visit(app, v);
    fq_photo orig, gone, copy;
    assert_int_equal(fq_app_photo_attach_file(app, v, FQ_SUBJ_VISIT, v, pa, &orig, NULL), FQ_OK);
    assert_int_equal(fq_app_photo_attach_file(app, v, FQ_SUBJ_VISIT, v, pb, &gone, NULL), FQ_OK);
    fq_app_mark m = {FQ_APP_MARK_ARROW, 10, 10, 200, 200, ""};
    assert_int_equal(fq_app_photo_annotate(app, orig.meta.uuid, &m, 1, &copy), FQ_OK);
    /* a photo on a defect type too: the report shows it under the defect */
    fq_defect d;
    assert_int_equal(fq_app_defect_record(app, v, "GLAZE", "Glaze drip", FQ_SEV_MAJOR, &d), FQ_OK);
    assert_int_equal(fq_app_photo_attach_file(app, v, FQ_SUBJ_DEFECT, d.meta.uuid, pa, NULL, NULL),
                     FQ_OK);
    sync_round(app, o, dir);

    /* the buyer's report: the marked-up copy said as such, the defect's photo under it */
    char out[1300], page[1400];
    snprintf(out, sizeof out, "%s/report", dir);
    char *argv[] = {"report", "--db", office_db, "--out", out, NULL};
    assert_int_equal(fq_office_cmd_report(5, argv), 0);
    snprintf(page, sizeof page, "%s/visit-%s.html", out, v);
    unsigned char *html = NULL;
    size_t html_len = 0;
    assert_int_equal(fq_test_read_file(page, &html, &html_len), 0);
    html = realloc(html, html_len + 1);
    html[html_len] = '\0';
    assert_non_null(strstr((char *)html, "Marked up by the inspector"));
    assert_non_null(strstr((char *)html, "<h2>Defect photos</h2>"));
    assert_non_null(strstr((char *)html, "Glaze drip"));
    free(html);
    if (system("command -v chromium >/dev/null 2>&1") == 0) {
        char png[1500], cmd[8192];
        snprintf(png, sizeof png, "%s/report.png", dir);
        snprintf(cmd, sizeof cmd,
                 "cd '%s' && timeout 120 chromium --headless --no-sandbox --disable-gpu "
                 "--disable-quic --no-first-run --disable-background-networking "
                 "--disable-component-update --disable-sync --user-data-dir=\"$(mktemp -d)\" "
                 "--screenshot='%s' --window-size=1200,2400 'file://%s' >/dev/null 2>&1",
                 dir, png, page);
        assert_int_equal(system(cmd), 0);
        print_message("report screenshot: %s\n", png);
    }

    fq_ostore *ost = fq_office_store(o); /* the office store (sqlite here) */
    fq_photo at;
    assert_int_equal(fq_ostore_get(ost, FQ_ENT_PHOTO, copy.meta.uuid, &at), FQ_OK);
    assert_string_equal(at.annotated_from, orig.meta.uuid);
    assert_int_equal(fq_ostore_get(ost, FQ_ENT_PHOTO, orig.meta.uuid, &at), FQ_OK);
    assert_string_equal(at.sha256, orig.sha256);
    assert_int_equal(fq_ostore_get(ost, FQ_ENT_PHOTO, gone.meta.uuid, &at), FQ_OK);

    /* deleted on the tablet: the file stays until the office confirms the delete */
    if (fq_app_photo_delete(app, gone.meta.uuid))
        fail_msg("delete: %s", fq_app_errmsg(app));
    assert_true(photo_file(dir, gone.sha256));
    assert_true(photo_file(dir, gone.thumb_sha256));
    sync_round(app, o, dir);
    assert_int_equal(fq_ostore_get(ost, FQ_ENT_PHOTO, gone.meta.uuid, &at), FQ_ERR_NOTFOUND);
    assert_false(photo_file(dir, gone.sha256));
    assert_false(photo_file(dir, gone.thumb_sha256));
    assert_true(photo_file(dir, orig.sha256)); /* the others stay */
    assert_true(photo_file(dir, copy.sha256));
    fq_office_close(o);
    fq_app_close(app);
}

/* The office's clock comes with its job pack: a device whose clock says 2026-11-21 while the
 * office wrote its file later is flagged, and About names both keys. */
static void test_office_time_flags_a_clock_behind(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("clock");
    fq_app *app = open_app(dir);
    fq_app_clock_view c;
    assert_int_equal(fq_app_clock_get(app, &c), FQ_OK);
    assert_int_equal(c.office_utc, 0);
    assert_true(c.plausible); /* nothing to compare with yet */
    fq_app_close(app);
    char office_fp[FQ_BUNDLE_FINGERPRINT_LEN];
    office_job_pack(dir, office_fp); /* written with the office machine's real clock */
    app = open_app(dir);
    fq_app_inbox_result r;
    assert_int_equal(fq_app_read_inbox(app, &r), FQ_OK);
    assert_int_equal(r.n_applied, 1);
    assert_int_equal(fq_app_clock_get(app, &c), FQ_OK);
    assert_true(c.office_utc > NOW + 3600);
    assert_int_equal(c.office_seen_utc, NOW);
    assert_false(c.plausible);
    assert_non_null(strstr(c.reason, "office's last file was written at"));
    fq_app_about a;
    assert_int_equal(fq_app_about_get(app, &a), FQ_OK);
    assert_string_equal(a.office_key, office_fp);
    assert_string_equal(a.device_key, device_fp);
    assert_string_equal(a.device_id, "tablet-A");
    assert_true(a.schema_version > 0 && a.format_version > 0);
    fq_app_close(app);
}

/* The sync folder meant for a USB stick (/media/...) that is not mounted: the export is
 * refused with what to do, and nothing is created on the device's own storage; mounted (the
 * test's mount table says so), it goes there. */
static void test_export_refused_without_the_stick(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("stick");
    char db[1100], mi[1200], media[1200], stick[1300], sync[1400];
    snprintf(db, sizeof db, "%s/device.db", dir);
    /* the test's own media root and mount table: only the SD card is mounted */
    snprintf(media, sizeof media, "%s/media", dir);
    snprintf(stick, sizeof stick, "%s/fieldqc", media);
    snprintf(sync, sizeof sync, "%s/fieldqc", stick);
    assert_int_equal(mkdir(media, 0755), 0);
    snprintf(mi, sizeof mi, "%s/mountinfo", dir);
    FILE *f = fopen(mi, "w");
    assert_non_null(f);
    fprintf(f, "1 0 1:1 / / rw - ext4 /dev/mmcblk0p2 rw\n");
    fclose(f);
    setenv("FIELDQC_MOUNTINFO", mi, 1);
    setenv("FIELDQC_MEDIA_ROOTS", media, 1);
    fq_app_config cfg = {db, data_dir, sync, "tablet-A", "Li Wei", 1, NOW, NULL, 0};
    fq_app *app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("open: %s", fq_app_errmsg(app));
    fq_app_sync_medium m;
    assert_int_equal(fq_app_sync_medium_get(app, &m), FQ_OK);
    assert_true(m.set);
    assert_true(m.removable);
    assert_false(m.present);
    assert_string_equal(m.mount_point, "/");
    assert_non_null(strstr(m.reason, "Plug in the FIELDQC stick"));
    fq_app_export_result er;
    assert_int_equal(fq_app_export(app, &er), FQ_ERR_NOTFOUND);
    assert_non_null(strstr(fq_app_errmsg(app), "No USB stick is mounted"));
    assert_int_equal(access(stick, F_OK), -1); /* nothing made on the SD card */
    assert_int_equal(fq_app_sync_eject(app), FQ_ERR_NOTFOUND);
    /* the stick arrives: a vfat file system on <media>/fieldqc */
    assert_int_equal(mkdir(stick, 0755), 0);
    f = fopen(mi, "w");
    assert_non_null(f);
    fprintf(f, "1 0 1:1 / / rw - ext4 /dev/mmcblk0p2 rw\n"
               "9 1 8:1 / %s rw - vfat /dev/sda1 rw,sync\n", stick);
    fclose(f);
    assert_int_equal(fq_app_sync_medium_get(app, &m), FQ_OK);
    assert_true(m.present);
    assert_string_equal(m.mount_point, stick);
    assert_string_equal(m.fstype, "vfat");
    assert_true(m.free_bytes > 0);
    assert_int_equal(fq_app_export(app, &er), FQ_OK);
    assert_true(er.n_records > 0);
    assert_non_null(strstr(er.file, stick));
    /* Safe to remove: the eject command gets the mount point */
    char marker[1200], cmd[1400];
    snprintf(marker, sizeof marker, "%s/ejected", dir);
    snprintf(cmd, sizeof cmd, "%s/eject.sh", dir);
    f = fopen(cmd, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\necho \"$1\" > %s\n", marker);
    fclose(f);
    assert_int_equal(chmod(cmd, 0755), 0);
    setenv("FIELDQC_EJECT_CMD", cmd, 1);
    assert_int_equal(fq_app_sync_eject(app), FQ_OK);
    f = fopen(marker, "r");
    assert_non_null(f);
    char got[1400] = "", want[1400];
    assert_non_null(fgets(got, sizeof got, f));
    fclose(f);
    snprintf(want, sizeof want, "%s\n", stick);
    assert_string_equal(got, want);
    /* a failing eject says why */
    setenv("FIELDQC_EJECT_CMD", "false", 1);
    assert_int_equal(fq_app_sync_eject(app), FQ_ERR_IO);
    assert_non_null(strstr(fq_app_errmsg(app), "still mounted: false exited with status 1"));
    unsetenv("FIELDQC_EJECT_CMD");
    unsetenv("FIELDQC_MOUNTINFO");
    unsetenv("FIELDQC_MEDIA_ROOTS");
    fq_app_close(app);
}

/* Settings are checked as a whole and kept; the sync folder setting is used when no --sync
 * was given; the office PIN is stored hashed, refuses wrong PINs and locks after five. */
static void test_settings_and_pin(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("settings");
    char db[1100];
    snprintf(db, sizeof db, "%s/device.db", dir);
    fq_app_config cfg = {db, data_dir, NULL, "tablet-A", "Li Wei", 1, NOW, NULL, 0};
    fq_app *app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("open: %s", fq_app_errmsg(app));
    fq_app_settings st;
    assert_int_equal(fq_app_settings_get(app, &st), FQ_OK);
    assert_int_equal(st.brightness, 80);
    assert_int_equal(st.dim_after_s, 120);
    assert_string_equal(st.sync_dir, "");
    st.brightness = 5;
    assert_int_equal(fq_app_settings_put(app, &st), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_errmsg(app), "brightness"));
    st.brightness = 60;
    st.rotation = 45;
    assert_int_equal(fq_app_settings_put(app, &st), FQ_ERR_INVALID);
    st.rotation = 90;
    st.width = 480;
    st.height = 800;
    snprintf(st.sync_dir, sizeof st.sync_dir, "relative/path");
    assert_int_equal(fq_app_settings_put(app, &st), FQ_ERR_INVALID);
    char sync[1200];
    snprintf(sync, sizeof sync, "%s/sync", dir);
    snprintf(st.sync_dir, sizeof st.sync_dir, "%s", sync);
    assert_int_equal(fq_app_settings_put(app, &st), FQ_OK);
    fq_app_sync_medium m;
    assert_int_equal(fq_app_sync_medium_get(app, &m), FQ_OK);
    assert_string_equal(m.dir, sync); /* used at once */
    assert_true(m.present);
    assert_false(m.removable);
    assert_false(fq_app_pin_is_set(app));
    assert_int_equal(fq_app_pin_check(app, "anything"), FQ_OK); /* no PIN: open */
    assert_int_equal(fq_app_pin_set(app, "12a4"), FQ_ERR_INVALID);
    assert_int_equal(fq_app_pin_set(app, "123"), FQ_ERR_INVALID);
    assert_int_equal(fq_app_pin_set(app, "2468"), FQ_OK);
    fq_app_close(app);
    if (fq_app_open(&cfg, &app))
        fail_msg("reopen: %s", fq_app_errmsg(app));
    fq_app_settings again;
    assert_int_equal(fq_app_settings_get(app, &again), FQ_OK);
    assert_int_equal(again.brightness, 60);
    assert_int_equal(again.rotation, 90);
    assert_int_equal(again.width, 480);
    assert_string_equal(again.sync_dir, sync);
    assert_int_equal(fq_app_sync_medium_get(app, &m), FQ_OK);
    assert_string_equal(m.dir, sync); /* the setting, without --sync */
    assert_true(fq_app_pin_is_set(app));
    assert_int_equal(fq_app_pin_check(app, "2468"), FQ_OK);
    for (int i = 0; i < 5; i++)
        assert_int_equal(fq_app_pin_check(app, "1111"), FQ_ERR_UNTRUSTED);
    /* locked: even the right PIN waits */
    assert_int_equal(fq_app_pin_check(app, "2468"), FQ_ERR_CONFLICT);
    assert_non_null(strstr(fq_app_errmsg(app), "wait"));
    fq_app_close(app);
    /* only the hash is stored */
    fq_store *s = NULL;
    assert_int_equal(fq_store_open(db, &s), FQ_OK);
    char hash[200] = "";
    assert_int_equal(fq_store_setting_get(s, "office_pin", hash, sizeof hash), FQ_OK);
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_null(strstr(hash, "2468"));
    fq_store_close(s);
}

/* Issue 16: the language is the inspector's (by name), else the device's; saving other
 * settings does not pin the device's language onto an inspector who never chose. */
static fq_app *open_as(const char *db, const char *inspector)
{
    fq_app_config cfg = {db, data_dir, NULL, "tablet-A", inspector, 1, NOW, NULL, 0};
    fq_app *app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("open: %s", fq_app_errmsg(app));
    return app;
}

static void test_language_per_inspector(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("language");
    char db[1100];
    snprintf(db, sizeof db, "%s/device.db", dir);
    fq_app *app = open_as(db, "Li Wei");
    fq_app_settings st;
    assert_int_equal(fq_app_settings_get(app, &st), FQ_OK);
    assert_string_equal(st.language, "en");
    snprintf(st.language, sizeof st.language, "fr");
    assert_int_equal(fq_app_settings_put(app, &st), FQ_ERR_INVALID); /* not a catalog */
    snprintf(st.language, sizeof st.language, "zh_CN");
    assert_int_equal(fq_app_settings_put(app, &st), FQ_OK);
    fq_app_close(app);
    /* another inspector on this tablet: the device's language */
    app = open_as(db, "Zhang Min");
    assert_int_equal(fq_app_settings_get(app, &st), FQ_OK);
    assert_string_equal(st.language, "en");
    st.brightness = 60; /* a save of something else keeps following the device */
    assert_int_equal(fq_app_settings_put(app, &st), FQ_OK);
    snprintf(st.device_language, sizeof st.device_language, "zh_CN");
    snprintf(st.language, sizeof st.language, "zh_CN");
    assert_int_equal(fq_app_settings_put(app, &st), FQ_OK);
    fq_app_close(app);
    app = open_as(db, "Zhang Min");
    assert_int_equal(fq_app_settings_get(app, &st), FQ_OK);
    assert_string_equal(st.language, "zh_CN");
    snprintf(st.device_language, sizeof st.device_language, "en"); /* follows it back */
    snprintf(st.language, sizeof st.language, "en");
    assert_int_equal(fq_app_settings_put(app, &st), FQ_OK);
    fq_app_close(app);
    app = open_as(db, "Li Wei");
    assert_int_equal(fq_app_settings_get(app, &st), FQ_OK);
    assert_string_equal(st.language, "zh_CN"); /* Li Wei's own choice stays */
    assert_string_equal(st.device_language, "en");
    fq_app_close(app);
}

/* Every export writes device.id and device.pub onto the sync folder (the office's enrol
 * reads them) only when they do not hold this device's already: an unchanged file is left
 * as it is (the same inode), a wrong one is replaced, and a FIFO planted in its place does
 * not block the export (it is replaced too). */
static void test_identity_files_written_only_when_changed(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("identity");
    fq_app *app = open_app(dir);
    char v[FQ_UUID_LEN];
    start_first_visit(app, v);
    char id[1200], pub[1200];
    snprintf(id, sizeof id, "%s/sync/device.id", dir);
    snprintf(pub, sizeof pub, "%s/sync/device.pub", dir);
    fq_app_export_result er;
    assert_int_equal(fq_app_export(app, &er), FQ_OK);
    fq_test_expect_file(id, "tablet-A\n");
    struct stat first, again;
    assert_int_equal(stat(pub, &first), 0);
    assert_int_equal(first.st_size, FQ_BUNDLE_KEY_HEX_LEN); /* 64 hex and a newline */
    /* unchanged: not rewritten */
    assert_int_equal(fq_app_export(app, &er), FQ_OK);
    assert_int_equal(stat(pub, &again), 0);
    assert_int_equal(again.st_ino, first.st_ino);
    /* damaged and planted: replaced, and the export does not hang on the FIFO */
    unsigned char *key = NULL;
    size_t key_len = 0;
    assert_int_equal(fq_test_read_file(pub, &key, &key_len), 0);
    FILE *f = fopen(pub, "w");
    assert_non_null(f);
    fputs("0000\n", f);
    fclose(f);
    assert_int_equal(unlink(id), 0);
    assert_int_equal(mkfifo(id, 0644), 0);
    assert_int_equal(fq_app_export(app, &er), FQ_OK);
    fq_test_expect_file(id, "tablet-A\n");
    unsigned char *now = NULL;
    size_t now_len = 0;
    assert_int_equal(fq_test_read_file(pub, &now, &now_len), 0);
    assert_int_equal(now_len, key_len);
    assert_memory_equal(now, key, key_len);
    free(key);
    free(now);
    fq_app_close(app);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_app_sync DATA_DIR\n");
        return 2;
    }
    data_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refused_job_pack_is_shown_until_a_good_one),
        cmocka_unit_test(test_damaged_change_is_reported_not_blocking),
        cmocka_unit_test(test_markup_and_delete_sync),
        cmocka_unit_test(test_export_names_the_receipt_applied_last),
        cmocka_unit_test(test_office_time_flags_a_clock_behind),
        cmocka_unit_test(test_export_refused_without_the_stick),
        cmocka_unit_test(test_settings_and_pin),
        cmocka_unit_test(test_language_per_inspector),
        cmocka_unit_test(test_identity_files_written_only_when_changed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
