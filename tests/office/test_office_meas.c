/* Measurements and on-site tests at the office (issue 20) through the real fieldqc-office
 * binary (argv[1]) on the office store's backend: sqlite, or PostgreSQL in the _pg twin
 * (FIELDQC_TEST_PG_URL). `jobs --measurements` loads the specs (the same sheet twice writes
 * nothing), the device's job pack carries them with its order (and the order's approvals),
 * the device's readings and tests come back in a bundle, and after the import the job pack
 * carries those too; the report marks the one reading out of tolerance and lists the tests;
 * `export --csv` writes measurements.csv and site_tests.csv with the same bytes on both
 * backends (the expected files below are the sqlite ones). */
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bundle/bundle.h"
#include "core/model_fields.h"
#include "services/sync.h"
#include "store/store.h"
#include "sync_fixture.h"

static const char *office_bin;

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int run(const char *fmt, ...)
{
    char args[6000], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "'%s' %s", office_bin, args);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void write_text(const char *dir, const char *name, const char *text, char *out,
                       size_t out_len)
{
    snprintf(out, out_len, "%s/%s", dir, name);
    assert_int_equal(fq_test_write_file(out, text, strlen(text)), 0);
}

/* Records of a job pack per table. */
typedef struct pack_count {
    int specs, approvals, readings, tests, orders;
} pack_count;

static int count_record(void *ctx, const fq_change *c)
{
    pack_count *n = ctx;
    n->specs += !strcmp(c->table, "meas_specs");
    n->approvals += !strcmp(c->table, "approvals");
    n->readings += !strcmp(c->table, "meas_readings");
    n->tests += !strcmp(c->table, "site_tests");
    n->orders += !strcmp(c->table, "orders");
    return 0;
}

static pack_count job_pack(const char *office_db, const char *device_id, const char *path)
{
    fq_office *o = NULL;
    if (fx_office_open(office_db, &o))
        fail_msg("office: %s", o ? fq_office_errmsg(o) : "nomem");
    int64_t n = 0;
    if (fq_office_write_jobs(o, device_id, path, &n))
        fail_msg("job pack: %s", fq_office_errmsg(o));
    fq_office_close(o);
    fq_bundle *b = NULL;
    if (fq_bundle_open(path, NULL, &b))
        fail_msg("job pack %s: %s", path, fq_bundle_errmsg(b));
    pack_count c;
    memset(&c, 0, sizeof c);
    assert_int_equal(fq_bundle_each_record(b, count_record, &c), FQ_OK);
    fq_bundle_close(b);
    return c;
}

/* The spec of the device's store for order, size and point. */
static void device_spec(fq_store *st, const char *order_uuid, const char *size, const char *point,
                        fq_meas_spec *out)
{
    char id[FQ_UUID_LEN];
    fq_meas_spec_id(order_uuid, size, point, id);
    if (fq_store_get(st, FQ_ENT_MEAS_SPEC, id, out))
        fail_msg("no spec %s/%s on the device: %s", size, point, fq_store_errmsg(st));
}

static void put_reading(fq_store *st, const char *visit_uuid, const fq_meas_spec *s,
                        int32_t unit_no, int64_t value_milli)
{
    fq_meas_reading r;
    memset(&r, 0, sizeof r);
    strcpy(r.visit_uuid, visit_uuid);
    strcpy(r.spec_uuid, s->meta.uuid);
    r.unit_no = unit_no;
    r.value_milli = value_milli;
    r.source = unit_no == 4 ? FQ_MEAS_SRC_GAUGE : FQ_MEAS_SRC_PAD;
    assert_int_equal(fq_store_put(st, FQ_ENT_MEAS_READING, &r), FQ_OK);
}

static void put_test(fq_store *st, const char *visit_uuid, int32_t kind, const char *expected,
                     int64_t n_tested, int64_t n_failed, int32_t result, const char *findings)
{
    fq_site_test t;
    memset(&t, 0, sizeof t);
    strcpy(t.visit_uuid, visit_uuid);
    t.kind = kind;
    snprintf(t.method, sizeof t.method, "%s",
             kind == FQ_SITE_DROP ? "ISTA 1A, 76 cm" : "Handheld scanner");
    snprintf(t.expected, sizeof t.expected, "%s", expected);
    t.n_tested = n_tested;
    t.n_failed = n_failed;
    t.result = result;
    snprintf(t.findings, sizeof t.findings, "%s", findings);
    assert_int_equal(fq_store_put(st, FQ_ENT_SITE_TEST, &t), FQ_OK);
}

static const char orders_csv[] =
    "po_number,buyer,supplier,factory,product,quantity,ship_date\n"
    "PO-MEAS-1,Nordic Apparel AB,Shenzhen Knitwear Co.,Longhua plant 2,Crew neck T-shirt,3000,"
    "2026-12-15\n";
static const char visits_csv[] = "po_number,visit_type,planned_date,device,inspector\n"
                                 "PO-MEAS-1,pre_shipment,2026-11-21,tab-m,Li Wei\n";
static const char meas_csv[] =
    "po_number,size,point,description,unit,nominal,tol_minus,tol_plus,units,severity\n"
    "PO-MEAS-1,M,A,\"Chest width, 1 cm below armhole\",cm,52,1,1,5,major\n"
    "PO-MEAS-1,M,B,Body length (HPS to hem),cm,70,0.5,1.5,5,minor\n"
    "PO-MEAS-1,M,T,Shoulder slope,deg,0,1,1,3,minor\n"
    "PO-MEAS-1,L,A,\"Chest width, 1 cm below armhole\",cm,55,1,1,5,major\n";

/* What `export --csv` writes (sqlite's text; PostgreSQL must write the same). */
static const char want_measurements[] =
    "\xEF\xBB\xBFpo_number,visit_uuid,size,point,description,unit,nominal,tol_minus,tol_plus,"
    "unit_no,value,tolerance,severity_if_out,entered_by\r\n"
    "PO-MEAS-1,V,L,A,\"Chest width, 1 cm below armhole\",cm,55.000,1.000,1.000,1,56.000,in,"
    "major,keypad\r\n"
    "PO-MEAS-1,V,M,A,\"Chest width, 1 cm below armhole\",cm,52.000,1.000,1.000,1,51.800,in,"
    "major,keypad\r\n"
    "PO-MEAS-1,V,M,A,\"Chest width, 1 cm below armhole\",cm,52.000,1.000,1.000,2,52.600,in,"
    "major,keypad\r\n"
    "PO-MEAS-1,V,M,A,\"Chest width, 1 cm below armhole\",cm,52.000,1.000,1.000,4,52.125,in,"
    "major,gauge\r\n"
    "PO-MEAS-1,V,M,B,Body length (HPS to hem),cm,70.000,0.500,1.500,1,70.000,in,minor,keypad\r\n"
    "PO-MEAS-1,V,M,B,Body length (HPS to hem),cm,70.000,0.500,1.500,2,69.300,below,minor,"
    "keypad\r\n"
    "PO-MEAS-1,V,M,T,Shoulder slope,deg,0.000,1.000,1.000,1,-0.500,in,minor,keypad\r\n";
static const char want_site_tests[] =
    "\xEF\xBB\xBFpo_number,visit_uuid,test,method,expected,tested,failed,result,findings,note\r\n"
    "PO-MEAS-1,V,drop,\"ISTA 1A, 76 cm\",\"10 drops, no damage\",10,1,pass,corner 3: dent,\r\n"
    "PO-MEAS-1,V,barcode_scan,Handheld scanner,4006381333931,3,1,fail,\"label 3: "
    "4006381333948\nlabel 2: unreadable\",\r\n";

/* want with every "V" field being visit_uuid. */
static char *expected_csv(const char *want, const char *visit_uuid)
{
    size_t n = 0;
    for (const char *p = strstr(want, ",V,"); p; p = strstr(p + 1, ",V,"))
        n++;
    char *out = malloc(strlen(want) + n * strlen(visit_uuid) + 1);
    assert_non_null(out);
    out[0] = '\0';
    const char *from = want;
    for (const char *p = strstr(from, ",V,"); p; p = strstr(from, ",V,")) {
        strncat(out, from, (size_t)(p - from) + 1);
        strcat(out, visit_uuid);
        from = p + 2;
    }
    strcat(out, from);
    return out;
}

static void test_measurements_at_the_office(void **state)
{
    (void)state;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", fq_test_dir("meas"));
    fx_device d;
    fx_device_create(&d, dir, "tab-m", "tab-m", 0, 0);
    char office_db[1100], orders[1100], visits[1100], meas[1100], out[1200], checklists[1200];
    fx_office_path(dir, office_db, sizeof office_db);
    write_text(dir, "orders.csv", orders_csv, orders, sizeof orders);
    write_text(dir, "visits.csv", visits_csv, visits, sizeof visits);
    write_text(dir, "meas.csv", meas_csv, meas, sizeof meas);
    snprintf(checklists, sizeof checklists, "%s/assets/checklists", getenv("FIELDQC_SOURCE_DIR"));
    snprintf(out, sizeof out, "%s/jobs.log", dir);
    assert_int_equal(run("jobs --db '%s' --orders '%s' --visits '%s' --checklists '%s'"
                         " --measurements '%s' > '%s' 2>&1",
                         office_db, orders, visits, checklists, meas, out),
                     0);
    char *log = fq_test_slurp(out);
    assert_non_null(strstr(log, ", 4 measurement points"));
    free(log);
    /* the same sheets again: stable ids, nothing written */
    fq_office *o = NULL;
    assert_int_equal(fx_office_open(office_db, &o), FQ_OK);
    int64_t n_log = fx_count(fq_office_store(o), "changelog");
    fq_office_close(o);
    assert_int_equal(run("jobs --db '%s' --orders '%s' --visits '%s' --checklists '%s'"
                         " --measurements '%s' > '%s' 2>&1",
                         office_db, orders, visits, checklists, meas, out),
                     0);
    assert_int_equal(fx_office_open(office_db, &o), FQ_OK);
    assert_int_equal(fx_count(fq_office_store(o), "changelog"), n_log);
    assert_int_equal(fx_count(fq_office_store(o), "meas_specs"), 4);
    fx_enrol(o, &d);
    fq_office_close(o);

    /* the job pack brings the order with its specs */
    char pack[1300];
    snprintf(pack, sizeof pack, "%s/inbox/jobs-tab-m.fqb", d.sync_dir);
    pack_count pc = job_pack(office_db, "tab-m", pack);
    assert_int_equal(pc.specs, 4);
    assert_int_equal(pc.readings, 0);
    fq_app_sync *dev = NULL;
    if (fq_app_sync_open(d.st, d.photo_dir, d.sync_dir, &dev))
        fail_msg("device: %s", fq_app_sync_errmsg(dev));
    fq_app_sync_inbox_result in;
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    assert_int_equal(in.n_job_packs, 1);
    assert_int_equal(in.n_rejected, 0);

    /* the device measures and tests on the planned visit */
    fq_order *ords = NULL;
    size_t n = 0;
    assert_int_equal(
        fq_store_list(d.st, FQ_ENT_ORDER, "po_number", "PO-MEAS-1", NULL, (void **)&ords, &n),
        FQ_OK);
    assert_int_equal(n, 1);
    char order_uuid[FQ_UUID_LEN], visit_uuid[FQ_UUID_LEN];
    strcpy(order_uuid, ords[0].meta.uuid);
    free(ords);
    fq_visit *vs = NULL;
    assert_int_equal(
        fq_store_list(d.st, FQ_ENT_VISIT, "order_uuid", order_uuid, NULL, (void **)&vs, &n), FQ_OK);
    assert_int_equal(n, 1);
    strcpy(visit_uuid, vs[0].meta.uuid);
    free(vs);
    fq_meas_spec ma, mb, mt, la;
    device_spec(d.st, order_uuid, "M", "A", &ma);
    device_spec(d.st, order_uuid, "M", "B", &mb);
    device_spec(d.st, order_uuid, "M", "T", &mt);
    device_spec(d.st, order_uuid, "L", "A", &la);
    assert_int_equal(mb.tol_plus_milli, 1500);
    put_reading(d.st, visit_uuid, &ma, 1, 51800);
    put_reading(d.st, visit_uuid, &ma, 2, 52600);
    put_reading(d.st, visit_uuid, &ma, 4, 52125);
    put_reading(d.st, visit_uuid, &mb, 1, 70000);
    put_reading(d.st, visit_uuid, &mb, 2, 69300); /* 0.2 cm below its limit */
    put_reading(d.st, visit_uuid, &mt, 1, -500);
    put_reading(d.st, visit_uuid, &la, 1, 56000); /* on the limit: in */
    put_test(d.st, visit_uuid, FQ_SITE_DROP, "10 drops, no damage", 10, 1, FQ_RESULT_PASS,
             "corner 3: dent");
    put_test(d.st, visit_uuid, FQ_SITE_BARCODE_SCAN, "4006381333931", 3, 1, FQ_RESULT_FAIL,
             "label 3: 4006381333948\nlabel 2: unreadable");
    fq_approval a;
    memset(&a, 0, sizeof a);
    strcpy(a.order_uuid, order_uuid);
    strcpy(a.visit_uuid, visit_uuid);
    a.kind = FQ_APPROVAL_SPEC_CHANGE;
    snprintf(a.subject, sizeof a.subject, "Chest width tolerance +1.5 cm for size L");
    snprintf(a.approver_name, sizeof a.approver_name, "Anna Schmidt");
    a.role = FQ_ROLE_BUYER;
    a.decided_utc = fq_store_now(d.st);
    assert_int_equal(fq_store_put(d.st, FQ_ENT_APPROVAL, &a), FQ_OK);
    fq_app_sync_export_result ex;
    if (fq_app_sync_export(dev, &ex))
        fail_msg("export: %s", fq_app_sync_errmsg(dev));
    fq_app_sync_close(dev);
    fq_store_close(d.st);

    assert_int_equal(fx_office_open(office_db, &o), FQ_OK);
    fq_office_import_result im;
    if (fq_office_import(o, ex.path, NULL, &im))
        fail_msg("import: %s", fq_office_errmsg(o));
    assert_int_equal(im.n_conflicts, 0);
    assert_int_equal(im.n_refused, 0);
    assert_int_equal(fx_count(fq_office_store(o), "meas_readings"), 7);
    assert_int_equal(fx_count(fq_office_store(o), "site_tests"), 2);
    fq_office_close(o);
    /* the next job pack carries the visit's readings and tests and the order's approval */
    pc = job_pack(office_db, "tab-m", pack);
    assert_int_equal(pc.specs, 4);
    assert_int_equal(pc.readings, 7);
    assert_int_equal(pc.tests, 2);
    assert_int_equal(pc.approvals, 1);

    /* the report: one cell marked, the units out of tolerance, the tests */
    assert_int_equal(run("report --db '%s' --out '%s/report' > /dev/null 2>&1", office_db, dir), 0);
    snprintf(out, sizeof out, "%s/report/visit-%s.html", dir, visit_uuid);
    char *html = fq_test_slurp(out);
    assert_non_null(strstr(html, "<h2>Measurements</h2>"));
    const char *cell = "<td class=\"num out\" title=\"below by 0.2 cm\">69.3 &#9660;</td>";
    const char *at = strstr(html, cell);
    assert_non_null(at);
    /* the only marked cell */
    assert_ptr_equal(strstr(html, "<td class=\"num out\" title="), at);
    assert_null(strstr(at + strlen(cell), "<td class=\"num out\" title="));
    assert_non_null(
        strstr(html, "Units out of tolerance: <b>1</b> (critical 0, major 0, minor 1)"));
    assert_non_null(strstr(html, "<h3>Size L</h3>"));
    assert_non_null(strstr(html, "<h2>On-site tests</h2>"));
    assert_non_null(strstr(html, "label 3: 4006381333948"));
    free(html);

    /* the CSV export */
    assert_int_equal(run("export --db '%s' --csv '%s/csv' > /dev/null 2>&1", office_db, dir), 0);
    snprintf(out, sizeof out, "%s/csv/measurements.csv", dir);
    char *got = fq_test_slurp(out);
    char *want = expected_csv(want_measurements, visit_uuid);
    assert_string_equal(got, want);
    free(got);
    free(want);
    snprintf(out, sizeof out, "%s/csv/site_tests.csv", dir);
    got = fq_test_slurp(out);
    want = expected_csv(want_site_tests, visit_uuid);
    assert_string_equal(got, want);
    free(got);
    free(want);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FIELDQC_OFFICE\n", argv[0]);
        return 2;
    }
    office_bin = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_measurements_at_the_office),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
