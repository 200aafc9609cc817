/* Big and damaged exports: a device's pending work is split into bundles no larger than the
 * set size (consecutive ranges, photos after the records), and the office imports the parts
 * to exactly the device's state, acknowledging all of it; a damaged change-log row is
 * recorded and left out instead of making every later bundle unreadable for the office. */
#include "harness.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bundle/bundle.h"
#include "office/office.h"
#include "services/sync.h"
#include "store/store_testing.h"
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

/* Imports every bundle of the outbox in name order (what `fieldqc-office sync` does). */
static int import_outbox(fq_office *o, const char *sync_dir, int64_t max_bytes)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "ls '%s/outbox/' | sort", sync_dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char name[512];
    int n = 0;
    while (fgets(name, sizeof name, p)) {
        name[strcspn(name, "\n")] = '\0';
        char path[1800];
        snprintf(path, sizeof path, "%s/outbox/%s", sync_dir, name);
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        if ((int64_t)st.st_size > max_bytes)
            fail_msg("%s is %lld bytes, over the %lld set", name, (long long)st.st_size,
                     (long long)max_bytes);
        fq_office_import_result r;
        if (fq_office_import(o, path, NULL, &r))
            fail_msg("import %s: %s", name, fq_office_errmsg(o));
        n++;
    }
    pclose(p);
    return n;
}

static void test_export_is_split_and_imports_whole(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("split");
    fx_device a;
    fx_device_create(&a, dir, "a", "tab-big", 12, 0);
    for (int i = 0; i < 600; i++) {
        char text[300];
        snprintf(text, sizeof text, "Finding %d: glaze thickness measured at the rim, the handle "
                 "joint and the base; within the approved sample's range", i);
        fx_device_add_finding(&a, text);
    }
    fq_app_sync *dev = NULL;
    assert_int_equal(fq_app_sync_open(a.st, a.photo_dir, a.sync_dir, &dev), FQ_OK);
    const int64_t cap = (int64_t)96 << 10;
    fq_app_sync_set_max_bundle_bytes(dev, cap);
    fq_app_sync_export_result ex;
    if (fq_app_sync_export(dev, &ex))
        fail_msg("export: %s", fq_app_sync_errmsg(dev));
    assert_true(ex.n_bundles >= 3);
    assert_int_equal(ex.n_photos, 12);
    assert_int_equal(ex.n_skipped, 0);
    fq_office *o = office_open(dir);
    fx_enrol(o, &a);
    assert_int_equal(import_outbox(o, a.sync_dir, cap), ex.n_bundles);
    char dev_digest[65], off_digest[65];
    fx_db_digest(a.st, dev_digest);
    fx_db_digest(fq_office_store(o), off_digest);
    assert_string_equal(dev_digest, off_digest);
    int64_t acked = 0;
    assert_int_equal(fq_office_acked_seq(o, "tab-big", &acked), FQ_OK);
    assert_int_equal(acked, ex.to_seq);
    fq_office_close(o);
    fq_app_sync_close(dev);
    fq_store_close(a.st);
}

static void test_damaged_log_row_is_skipped_not_blocking(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("damaged-row");
    fx_device a;
    fx_device_create(&a, dir, "a", "tab-dmg", 1, 0);
    fx_device_add_finding(&a, "A finding whose log row will be damaged");
    int64_t bad = 0;
    assert_int_equal(fq_store_last_seq(a.st, &bad), FQ_OK);
    fx_device_add_finding(&a, "A later finding, recorded after the damage");
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE changelog SET data = '{\"uuid\": \"tru' WHERE seq = %lld",
             (long long)bad);
    assert_int_equal(sqlite3_exec(fq_store_db(a.st), sql, NULL, NULL, NULL), SQLITE_OK);
    fq_app_sync *dev = NULL;
    assert_int_equal(fq_app_sync_open(a.st, a.photo_dir, a.sync_dir, &dev), FQ_OK);
    fq_app_sync_export_result ex;
    if (fq_app_sync_export(dev, &ex))
        fail_msg("export: %s", fq_app_sync_errmsg(dev));
    assert_int_equal(ex.n_skipped, 1);
    fq_office *o = office_open(dir);
    fx_enrol(o, &a);
    fq_office_import_result r;
    if (fq_office_import(o, ex.path, NULL, &r))
        fail_msg("the office refused the bundle: %s", fq_office_errmsg(o));
    /* the later finding arrived; the office holds the whole range, the damaged row included */
    assert_int_equal(fx_count(fq_office_store(o), "findings"), fx_count(a.st, "findings") - 1);
    int64_t acked = 0;
    assert_int_equal(fq_office_acked_seq(o, "tab-dmg", &acked), FQ_OK);
    assert_int_equal(acked, ex.to_seq);
    /* recorded on the device, with the reason, once */
    int64_t n = 0;
    char reason[300];
    assert_int_equal(fq_store_sync_skipped(a.st, &n, reason, sizeof reason), FQ_OK);
    assert_int_equal(n, 1);
    assert_non_null(strstr(reason, "damaged data"));
    fq_office_close(o);
    fq_app_sync_close(dev);
    fq_store_close(a.st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_is_split_and_imports_whole),
        cmocka_unit_test(test_damaged_log_row_is_skipped_not_blocking),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
