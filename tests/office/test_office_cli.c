/* fieldqc-office end to end through the command line: `sync DIR` against a device's sync
 * folder (pull, import, receipt, job pack) then the device reads its inbox; `jobs` from CSV
 * including errors that name line and column; `report` (a note holding <script> stays
 * text) rendered by headless Chromium to a PNG when chromium is installed; `export --csv`.
 * argv[1] is the fieldqc-office binary. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "fsio/fsio.h"
#include "services/sync.h"
#include "sync_fixture.h"

static const char *office_bin;
static char dir[1024];

static int run(const char *fmt, const char *a, const char *b)
{
    char cmd[8192];
    #pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(cmd, sizeof cmd, fmt, office_bin, a, b);
#pragma GCC diagnostic pop
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static char *slurp(const char *path)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (fq_test_read_file(path, &data, &len))
        fail_msg("cannot read %s", path);
    char *s = realloc(data, len + 1);
    s[len] = '\0';
    return s;
}

static void test_sync_command_round_trip_and_report(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s", fq_test_dir("cli"));
    fx_device a;
    fx_device_create(&a, dir, "tab-r", "tab-r", 3, fq_test_photo("Dragonfly_by_Bolly.jpg") != NULL);
    fq_app_sync *dev = NULL;
    assert_int_equal(fq_app_sync_open(a.st, a.photo_dir, a.sync_dir, &dev), FQ_OK);
    fq_app_sync_export_result ex;
    assert_int_equal(fq_app_sync_export(dev, &ex), FQ_OK);
    char db[1100];
    snprintf(db, sizeof db, "%s/office.db", dir);
    assert_int_equal(run("'%s' sync --db '%s' '%s' 2>&1", db, a.sync_dir), 0);
    /* the device reads the receipt (and a job pack: its visit is open and assigned to it) */
    fq_app_sync_inbox_result in;
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    assert_int_equal(in.n_receipts, 1);
    assert_int_equal(in.n_job_packs, 1);
    assert_int_equal(in.n_rejected, 0);
    assert_int_equal(in.acked_seq, ex.to_seq);
    fq_app_sync_export_result next;
    assert_int_equal(fq_app_sync_export(dev, &next), FQ_OK);
    assert_int_equal(next.written, 0);
    /* syncing again imports nothing new and still succeeds */
    assert_int_equal(run("'%s' sync --db '%s' '%s' 2>&1", db, a.sync_dir), 0);

    char out[1200], page[1400];
    snprintf(out, sizeof out, "%s/report", dir);
    assert_int_equal(run("'%s' report --db '%s' --out '%s'", db, out), 0);
    snprintf(page, sizeof page, "%s/visit-%s.html", out, a.visit_uuid);
    char *html = slurp(page);
    assert_null(strstr(html, "<script>alert"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert_non_null(strstr(html, "photos/"));
    assert_non_null(strstr(html, "AQL"));
    free(html);
    char index[1400];
    snprintf(index, sizeof index, "%s/index.html", out);
    html = slurp(index);
    assert_non_null(strstr(html, "PO-tab-r"));
    free(html);

    char csv_dir[1200];
    snprintf(csv_dir, sizeof csv_dir, "%s/csv", dir);
    assert_int_equal(run("'%s' export --db '%s' --csv '%s'", db, csv_dir), 0);
    char findings[1300];
    snprintf(findings, sizeof findings, "%s/findings.csv", csv_dir);
    char *csv = slurp(findings);
    assert_non_null(strstr(csv, "\"Glaze drips on 3 mugs <script>alert('x')</script> & \"\"quotes\"\"\""));
    free(csv);

    if (system("command -v chromium >/dev/null 2>&1") == 0) {
        char png[1300], cmd[8192];
        snprintf(png, sizeof png, "%s/report.png", dir);
        snprintf(cmd, sizeof cmd,
                 "cd '%s' && timeout 120 chromium --headless --no-sandbox --disable-gpu "
                 "--disable-quic --no-first-run --disable-background-networking "
                 "--disable-component-update --disable-sync --user-data-dir=\"$(mktemp -d)\" "
                 "--screenshot='%s' --window-size=1200,1600 'file://%s' >/dev/null 2>&1",
                 dir, png, page);
        assert_int_equal(system(cmd), 0);
        struct stat sb;
        assert_int_equal(stat(png, &sb), 0);
        assert_true(sb.st_size > 20000);
        print_message("report screenshot: %s (%lld bytes)\n", png, (long long)sb.st_size);
    } else {
        print_message("chromium not installed: screenshot skipped\n");
    }
    fq_app_sync_close(dev);
    fq_store_close(a.st);
}

static void test_jobs_csv_errors_name_line_and_column(void **state)
{
    (void)state;
    char db[1100], orders[1100], visits[1100], bad[1100];
    snprintf(dir, sizeof dir, "%s", fq_test_dir("jobs"));
    snprintf(db, sizeof db, "%s/office.db", dir);
    snprintf(orders, sizeof orders, "%s/orders.csv", dir);
    snprintf(visits, sizeof visits, "%s/visits.csv", dir);
    snprintf(bad, sizeof bad, "%s/bad.csv", dir);
    const char *o = "\xEF\xBB\xBFpo_number,buyer,factory,quantity,ship_date\r\n"
                    "PO-1,\"Northwind, GmbH\",\"Plant 2\nYinzhou\",5000,2026-12-20\r\n";
    assert_int_equal(fq_test_write_file(orders, o, strlen(o)), 0);
    const char *v = "po_number,visit_type,planned_date,device,inspector\n"
                    "PO-1,pre_shipment,2026-11-25,tab-01,Li Wei\n";
    assert_int_equal(fq_test_write_file(visits, v, strlen(v)), 0);
    char checklists[1200];
    snprintf(checklists, sizeof checklists, "%s/assets/checklists", getenv("FIELDQC_SOURCE_DIR"));
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' jobs --db '%s' --orders '%s' --visits '%s' --checklists '%s'",
             office_bin, db, orders, visits, checklists);
    assert_int_equal(system(cmd), 0);
    const char *b = "po_number,visit_type,planned_date,device\n"
                    "PO-1,preshipment,2026-11-25,tab-01\n"
                    "PO-1,inline,2026-02-30,tab 01\n";
    assert_int_equal(fq_test_write_file(bad, b, strlen(b)), 0);
    char errfile[1200];
    snprintf(errfile, sizeof errfile, "%s/err.txt", dir);
    snprintf(cmd, sizeof cmd, "'%s' jobs --db '%s' --orders '%s' --visits '%s' 2>'%s'",
             office_bin, db, orders, bad, errfile);
    assert_int_not_equal(system(cmd), 0);
    char *err = slurp(errfile);
    assert_non_null(strstr(err, "bad.csv: line 2, column 2: unknown visit type 'preshipment'"));
    assert_non_null(strstr(err, "line 3, column 3"));
    assert_non_null(strstr(err, "line 3, column 4"));
    assert_non_null(strstr(err, "nothing was changed"));
    free(err);
    const char *q = "po_number,visit_type\nPO-1,\"inline\"x\n";
    assert_int_equal(fq_test_write_file(bad, q, strlen(q)), 0);
    assert_int_not_equal(system(cmd), 0);
    err = slurp(errfile);
    assert_non_null(strstr(err, "bad.csv: line 2, character 14: text after a closing quote"));
    free(err);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_office_cli FIELDQC-OFFICE\n");
        return 2;
    }
    office_bin = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sync_command_round_trip_and_report),
        cmocka_unit_test(test_jobs_csv_errors_name_line_and_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
