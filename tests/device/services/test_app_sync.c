/* The device's inbox through the application services: a file from the office that this
 * device refuses is an outcome the inspector sees (result, then the Sync status until a good
 * file of its kind arrives), never a success with the reason in a message nobody reads; it
 * changes nothing and is set aside. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsio/fsio.h"
#include "office/office.h"
#include "services/app.h"
#include "services/sync.h"
#include "store/store.h"

#define NOW 1795255200 /* 2026-11-21 10:00 UTC */
static const char *data_dir;

static fq_app *open_app(const char *dir)
{
    char db[1100], sync[1100];
    snprintf(db, sizeof db, "%s/device.db", dir);
    snprintf(sync, sizeof sync, "%s/sync", dir);
    fq_app_config cfg = {db, data_dir, sync, "tablet-A", "Li Wei", 1, NOW};
    fq_app *app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("open: %s", fq_app_errmsg(app));
    return app;
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
    char office_fp[FQ_BUNDLE_FINGERPRINT_LEN];
    fq_office_key_fingerprint(o, office_fp);
    fq_office_close(o);

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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
