/* fieldqc-office end to end through the command line: `sync DIR` against a device's sync
 * folder (pull, import, receipt, job pack) then the device reads its inbox; enrolment
 * (`sync` refuses a tablet that is not enrolled and names its fingerprint, `enrol` only with
 * the right fingerprint, `devices`, `revoke`, `enrol --replace`, `key`, `import` refusing
 * "not signed by an enrolled device"); `jobs` from CSV (orders, visits, measurement specs)
 * including errors that name line and column; `report` (a note holding <script> stays text) rendered by headless Chromium to a
 * PNG when chromium is installed; `export --csv`. argv[1] is the fieldqc-office binary. */
#include "harness.h"

#include <stdarg.h>
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

/* What a coordinator does at the first tether: enrol with the fingerprint the tablet shows. */
static void enrol_by_cli(const char *db, fx_device *d)
{
    char pub[FQ_BUNDLE_KEY_HEX_LEN], fp[FQ_BUNDLE_FINGERPRINT_LEN], cmd[4096];
    fx_device_public_key(d, pub);
    assert_int_equal(fq_bundle_fingerprint(pub, fp), FQ_OK);
    snprintf(cmd, sizeof cmd, "'%s' enrol --db '%s' --fingerprint %s '%s' >/dev/null </dev/null",
             office_bin, db, fp, d->sync_dir);
    assert_int_equal(system(cmd), 0);
}

/* The bundle is still on the stick (the device drops it once it read the receipt): a sync
 * recognises it there and does not pull it again (a file where the pull folder goes would
 * fail any copy). Changed on the stick, it is not recognised, pulled, refused whole, and the
 * office keeps what it imported. */
static void sync_again_before_the_receipt(const char *db, fx_device *a, const char *bundle)
{
    char pull[1200], log[1200], cmd[4096];
    snprintf(pull, sizeof pull, "%s/office.db.pull", dir);
    snprintf(log, sizeof log, "%s/sync-again.txt", dir);
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && echo not-a-folder > '%s'", pull, pull);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "'%s' sync --db '%s' '%s' >'%s' 2>&1", office_bin, db,
             a->sync_dir, log);
    assert_int_equal(system(cmd), 0);
    char *out = fq_test_slurp(log);
    assert_non_null(strstr(out, "already imported"));
    assert_non_null(strstr(out, "(not pulled)"));
    assert_null(strstr(out, "not pulled:"));
    free(out);
    snprintf(cmd, sizeof cmd, "rm -f '%s'", pull);
    assert_int_equal(system(cmd), 0);

    /* one byte of its first page changed on the stick: the manifest cannot be trusted */
    FILE *f = fopen(bundle, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, 3000, SEEK_SET), 0);
    int was = fgetc(f);
    assert_int_equal(fseek(f, 3000, SEEK_SET), 0);
    fputc(was ^ 0x5a, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "'%s' sync --db '%s' '%s' >'%s' 2>&1", office_bin, db,
             a->sync_dir, log);
    assert_int_not_equal(system(cmd), 0); /* a bundle was rejected */
    out = fq_test_slurp(log);
    assert_non_null(strstr(out, "checksum mismatch in page 1"));
    free(out);
    f = fopen(bundle, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, 3000, SEEK_SET), 0);
    fputc(was, f);
    fclose(f);
    /* what it imported before is all there: the next sync recognises the bundle again */
    assert_int_equal(system(cmd), 0);
    out = fq_test_slurp(log);
    assert_non_null(strstr(out, "already imported"));
    free(out);
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
    fx_office_path(dir, db, sizeof db);
    enrol_by_cli(db, &a);
    assert_int_equal(run("'%s' sync --db '%s' '%s' 2>&1", db, a.sync_dir), 0);
    sync_again_before_the_receipt(db, &a, ex.path);
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
    char *html = fq_test_slurp(page);
    assert_null(strstr(html, "<script>alert"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert_non_null(strstr(html, "photos/"));
    assert_non_null(strstr(html, "AQL sampling (ANSI/ASQ Z1.4-2008)"));
    assert_non_null(strstr(html, "accept, return to normal inspection"));
    assert_non_null(strstr(html, "lot accepted, return to normal inspection"));
    free(html);
    char index[1400];
    snprintf(index, sizeof index, "%s/index.html", out);
    html = fq_test_slurp(index);
    assert_non_null(strstr(html, "PO-tab-r"));
    free(html);

    char csv_dir[1200];
    snprintf(csv_dir, sizeof csv_dir, "%s/csv", dir);
    assert_int_equal(run("'%s' export --db '%s' --csv '%s'", db, csv_dir), 0);
    char findings[1300];
    snprintf(findings, sizeof findings, "%s/findings.csv", csv_dir);
    char *csv = fq_test_slurp(findings);
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

/* Runs the office binary with args (a format with one %s for the binary), output into
 * dir/out.txt; returns the exit code and the output (free it). */
static int run_out(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int run_out(char **out, const char *fmt, ...)
{
    char args[4096], cmd[8192], file[1100];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(file, sizeof file, "%s/out.txt", dir);
    snprintf(cmd, sizeof cmd, "'%s' %s </dev/null >'%s' 2>&1", office_bin, args, file);
    int rc = system(cmd);
    *out = fq_test_slurp(file);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void expect_output(int rc, int want_rc, char *out, const char *needle)
{
    if (rc != want_rc || !strstr(out, needle))
        fail_msg("expected exit %d and '%s', got exit %d:\n%s", want_rc, needle, rc, out);
    free(out);
}

static void test_enrol_devices_revoke(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s", fq_test_dir("enrol"));
    fx_device a;
    fx_device_create(&a, dir, "tab-e", "tab-e", 1, 0);
    fq_app_sync *dev = NULL;
    assert_int_equal(fq_app_sync_open(a.st, a.photo_dir, a.sync_dir, &dev), FQ_OK);
    fq_app_sync_export_result ex;
    assert_int_equal(fq_app_sync_export(dev, &ex), FQ_OK);
    char db[1100], pub[FQ_BUNDLE_KEY_HEX_LEN], fp[FQ_BUNDLE_FINGERPRINT_LEN], receipt[1300];
    fx_office_path(dir, db, sizeof db);
    snprintf(receipt, sizeof receipt, "%s/inbox/receipt-tab-e.fqb", a.sync_dir);
    fx_device_public_key(&a, pub);
    assert_int_equal(fq_bundle_fingerprint(pub, fp), FQ_OK);
    char *out = NULL;

    /* not enrolled: nothing imported, nothing written, the fingerprint and the command */
    int rc = run_out(&out, "sync --db '%s' '%s'", db, a.sync_dir);
    assert_non_null(strstr(out, fp));
    assert_non_null(strstr(out, "fieldqc-office enrol"));
    expect_output(rc, 1, out, "not enrolled");
    assert_int_not_equal(access(receipt, F_OK), 0);
    rc = run_out(&out, "import --db '%s' '%s'", db, ex.path);
    expect_output(rc, 1, out, "not signed by an enrolled device");
    rc = run_out(&out, "devices --db '%s'", db);
    expect_output(rc, 0, out, "no device enrolled");

    /* enrol only with the fingerprint the tablet shows */
    rc = run_out(&out, "enrol --db '%s' --fingerprint 0000-0000-0000-0000 '%s'", db, a.sync_dir);
    expect_output(rc, 1, out, "does not match");
    rc = run_out(&out, "enrol --db '%s' '%s'", db, a.sync_dir); /* no terminal, no FP */
    assert_non_null(strstr(out, fp));
    expect_output(rc, 1, out, "nothing enrolled");
    rc = run_out(&out, "devices --db '%s'", db);
    expect_output(rc, 0, out, "no device enrolled");
    char typed[32]; /* as a person may type it: lower case, no dashes */
    snprintf(typed, sizeof typed, "%.4s%.4s%.4s%.4s", fp, fp + 5, fp + 10, fp + 15);
    for (char *p = typed; *p; p++)
        if (*p >= 'A' && *p <= 'F')
            *p = (char)(*p - 'A' + 'a');
    rc = run_out(&out, "enrol --db '%s' --fingerprint %s '%s'", db, typed, a.sync_dir);
    expect_output(rc, 0, out, "enrolled device tab-e");
    rc = run_out(&out, "enrol --db '%s' --fingerprint %s '%s'", db, fp, a.sync_dir);
    expect_output(rc, 0, out, "already enrolled");
    rc = run_out(&out, "devices --db '%s'", db);
    assert_non_null(strstr(out, "office key "));
    expect_output(rc, 0, out, fp);
    rc = run_out(&out, "sync --db '%s' '%s'", db, a.sync_dir);
    expect_output(rc, 0, out, "sync done: 1 bundle(s) imported");
    assert_int_equal(access(receipt, F_OK), 0);

    /* the office key the tablet will show is the one `key` prints */
    fq_app_sync_inbox_result in;
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    assert_int_equal(in.n_rejected, 0);
    fq_app_sync_state st;
    assert_int_equal(fq_app_sync_get_state(dev, &st), FQ_OK);
    rc = run_out(&out, "key --db '%s'", db);
    expect_output(rc, 0, out, st.office_fingerprint);

    /* revoked: refused by import and sync, listed with the date, back only explicitly */
    rc = run_out(&out, "revoke --db '%s' --device tab-e", db);
    expect_output(rc, 0, out, "revoked device tab-e");
    rc = run_out(&out, "revoke --db '%s' --device tab-e", db);
    expect_output(rc, 1, out, "no enrolment in force");
    fx_device_add_finding(&a, "after the revocation");
    assert_int_equal(fq_app_sync_export(dev, &ex), FQ_OK);
    rc = run_out(&out, "import --db '%s' '%s'", db, ex.path);
    assert_non_null(strstr(out, "revoked"));
    expect_output(rc, 1, out, "not signed by an enrolled device");
    rc = run_out(&out, "sync --db '%s' '%s'", db, a.sync_dir);
    expect_output(rc, 1, out, "is revoked");
    rc = run_out(&out, "devices --db '%s'", db);
    const char *row = strstr(out, "tab-e ");
    assert_non_null(row);
    size_t row_len = strcspn(row, "\n");
    assert_true(row_len > 3 && strncmp(row + row_len - 3, "  -", 3) != 0); /* a revoked date */
    expect_output(rc, 0, out, "tab-e");
    rc = run_out(&out, "enrol --db '%s' --fingerprint %s '%s'", db, fp, a.sync_dir);
    expect_output(rc, 1, out, "--replace");
    rc = run_out(&out, "enrol --db '%s' --replace --fingerprint %s '%s'", db, fp, a.sync_dir);
    expect_output(rc, 0, out, "enrolled device tab-e");
    rc = run_out(&out, "import --db '%s' '%s'", db, ex.path);
    expect_output(rc, 0, out, "imported");

    /* the tablet reset: a new key under the same id is refused until replaced explicitly */
    fq_app_sync_close(dev);
    fq_store_close(a.st);
    fx_device_create(&a, dir, "tab-e", "tab-e", 1, 0);
    assert_int_equal(fq_app_sync_open(a.st, a.photo_dir, a.sync_dir, &dev), FQ_OK);
    assert_int_equal(fq_app_sync_export(dev, &ex), FQ_OK);
    fx_device_public_key(&a, pub);
    assert_int_equal(fq_bundle_fingerprint(pub, fp), FQ_OK);
    rc = run_out(&out, "sync --db '%s' '%s'", db, a.sync_dir);
    assert_non_null(strstr(out, fp));
    expect_output(rc, 1, out, "but is enrolled with");

    /* a new office key is printed, replacing the old one */
    rc = run_out(&out, "key --db '%s' --new", db);
    assert_non_null(strstr(out, st.office_fingerprint)); /* "replaced <old>" */
    expect_output(rc, 0, out, "every tablet refuses");
    fq_app_sync_close(dev);
    fq_store_close(a.st);
}

/* Every record of ent in the office db in order_col's order, read back through the office
 * store (the same on sqlite and PostgreSQL); free() it. */
static void *office_list(const char *db, fq_entity_id ent, const char *order_col, size_t *out_n)
{
    fq_office *off = NULL;
    assert_int_equal(fx_office_open(db, &off), FQ_OK);
    void *recs = NULL;
    assert_int_equal(fq_ostore_list(fq_office_store(off), ent, NULL, NULL, order_col, &recs,
                                    out_n), FQ_OK);
    fq_office_close(off);
    return recs;
}

static void test_jobs_csv_errors_name_line_and_column(void **state)
{
    (void)state;
    char db[1100], orders[1100], visits[1100], bad[1100];
    snprintf(dir, sizeof dir, "%s", fq_test_dir("jobs"));
    fx_office_path(dir, db, sizeof db);
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
    char *err = fq_test_slurp(errfile);
    assert_non_null(strstr(err, "bad.csv: line 2, column 2: unknown visit type 'preshipment'"));
    assert_non_null(strstr(err, "line 3, column 3"));
    assert_non_null(strstr(err, "line 3, column 4"));
    assert_non_null(strstr(err, "nothing was changed"));
    free(err);
    const char *q = "po_number,visit_type\nPO-1,\"inline\"x\n";
    assert_int_equal(fq_test_write_file(bad, q, strlen(q)), 0);
    assert_int_not_equal(system(cmd), 0);
    err = fq_test_slurp(errfile);
    assert_non_null(strstr(err, "bad.csv: line 2, character 14: text after a closing quote"));
    /* the sheets read before the bad one are freed too (the ASan build's leak check) */
    assert_null(strstr(err, "LeakSanitizer"));
    free(err);

    /* the buyer's sampling standard per order (issue 19): z14 / gb accepted, others named */
    const char *os = "po_number,aql_standard\nPO-1,z14\nPO-2,gb\n";
    assert_int_equal(fq_test_write_file(orders, os, strlen(os)), 0);
    snprintf(cmd, sizeof cmd, "'%s' jobs --db '%s' --orders '%s' --visits '%s' 2>'%s'",
             office_bin, db, orders, visits, errfile);
    assert_int_equal(system(cmd), 0);
    {
        size_t n_ords = 0;
        fq_order *ords = office_list(db, FQ_ENT_ORDER, "po_number", &n_ords);
        char got[256] = "";
        for (size_t i = 0; i < n_ords; i++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s=%d", i ? "," : "",
                     ords[i].po_number, (int)ords[i].aql_standard);
        free(ords);
        assert_string_equal(got, "PO-1=1,PO-2=0");
    }
    os = "po_number,aql_standard\nPO-1,mil-std\n";
    assert_int_equal(fq_test_write_file(orders, os, strlen(os)), 0);
    snprintf(cmd, sizeof cmd, "'%s' jobs --db '%s' --orders '%s' --visits '%s' 2>'%s'",
             office_bin, db, orders, visits, errfile);
    assert_int_not_equal(system(cmd), 0);
    err = fq_test_slurp(errfile);
    assert_non_null(strstr(err, "line 2, column 2: aql_standard 'mil-std' is not iso"));
    free(err);

    /* measurement specs (issue 20): every bad cell named, nothing written; then loaded */
    os = "po_number,product\nPO-1,T-shirt\n";
    assert_int_equal(fq_test_write_file(orders, os, strlen(os)), 0);
    char meas[1100];
    snprintf(meas, sizeof meas, "%s/meas.csv", dir);
    const char *m = "po_number,size,point,unit,nominal,tol_minus,tol_plus,units,severity\n"
                    "PO-1,M,A,yard,52,1,1,5,major\n"
                    "PO-1,M,B,cm,52,-1,1,5,major\n"
                    "PO-1,M,C,cm,5x2,1,1,5,major\n"
                    "PO-9,M,D,cm,52,1,1,5,major\n"
                    "PO-1,M,E,cm,52,1,1,40,major\n"
                    "PO-1,M,F,cm,52,1,1,5,fatal\n";
    assert_int_equal(fq_test_write_file(meas, m, strlen(m)), 0);
    snprintf(cmd, sizeof cmd, "'%s' jobs --db '%s' --orders '%s' --visits '%s' --measurements '%s'"
             " 2>'%s'", office_bin, db, orders, visits, meas, errfile);
    assert_int_not_equal(system(cmd), 0);
    err = fq_test_slurp(errfile);
    assert_non_null(strstr(err, "meas.csv: line 2, column 4: unknown unit 'yard'"));
    assert_non_null(strstr(err, "line 3, column 3: point 'B': a tolerance is a distance from "
                                "nominal: give it without a sign"));
    assert_non_null(strstr(err, "line 4, column 5: '5x2': not a number in cm"));
    assert_non_null(strstr(err, "line 5, column 1: unknown PO number 'PO-9'"));
    assert_non_null(strstr(err, "line 6, column 3: point 'E': units to measure must be 1 to 32"));
    assert_non_null(strstr(err, "line 7, column 9: unknown severity 'fatal'"));
    assert_non_null(strstr(err, "nothing was changed"));
    free(err);
    m = "po_number,size,point,description,unit,nominal,tol_minus,tol_plus\n"
        "PO-1,M,A,Chest width,cm,52,1,1.5\n"
        "PO-1,L,A,Chest width,in,21.5,0.25,0.5\n";
    assert_int_equal(fq_test_write_file(meas, m, strlen(m)), 0);
    assert_int_equal(system(cmd), 0);
    {
        size_t n_specs = 0;
        fq_meas_spec *specs = office_list(db, FQ_ENT_MEAS_SPEC, "position", &n_specs);
        char got[256] = "";
        for (size_t i = 0; i < n_specs; i++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s%s:%s%lld-%lld+%lldx%d/%d",
                     i ? " " : "", specs[i].size, specs[i].point, specs[i].unit,
                     (long long)specs[i].nominal_milli, (long long)specs[i].tol_minus_milli,
                     (long long)specs[i].tol_plus_milli, (int)specs[i].n_units,
                     (int)specs[i].severity);
        free(specs);
        assert_string_equal(got, "MA:cm52000-1000+1500x5/2 LA:in21500-250+500x5/2");
    }
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
        cmocka_unit_test(test_enrol_devices_revoke),
        cmocka_unit_test(test_jobs_csv_errors_name_line_and_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
