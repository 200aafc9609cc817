/* The visit report as evidence (issue 12), through the real fieldqc-office binary (argv[1]):
 * a reopened visit says why, its old sign-off is listed after the one in force and marked
 * superseded with the reason, a representative's refusal shows with its reason, unanswered
 * Yes/No answers read "not answered" (never "no"), approvals recorded on site and issue
 * owners and due dates are there, and the order's light lists every reason. The device's
 * records reach the office as a bundle (export, enrol, import), so the report reads the
 * office's store: sqlite, or PostgreSQL in the _pg twin (FIELDQC_TEST_PG_URL). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "services/sync.h"
#include "store/store.h"
#include "sync_fixture.h"

static const char *office_bin;

static void put_signoff(fx_device *d, const char *name, int32_t role, int32_t verdict,
                        int refused, const char *reason, int64_t superseded,
                        const char *superseded_reason)
{
    fq_signoff so;
    memset(&so, 0, sizeof so);
    strcpy(so.visit_uuid, d->visit_uuid);
    snprintf(so.subject, sizeof so.subject, "Pre-shipment inspection result");
    snprintf(so.signer_name, sizeof so.signer_name, "%s", name);
    so.role = role;
    so.signed_utc = fq_store_now(d->st) - (superseded ? 7200 : 0);
    so.verdict = verdict;
    so.refused = refused;
    snprintf(so.reason, sizeof so.reason, "%s", reason);
    so.superseded_utc = superseded;
    snprintf(so.superseded_reason, sizeof so.superseded_reason, "%s", superseded_reason);
    assert_int_equal(fq_store_put_signoff(d->st, &so), FQ_OK);
}

static void test_report_holds_the_evidence(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("report-evidence");
    fx_device d;
    fx_device_create(&d, dir, "dev", "tab-e", 0, 0);
    int64_t now = fq_store_now(d.st);
    /* reopened once: the first sign-off (pass, the representative signed) superseded */
    fq_visit v;
    assert_int_equal(fq_store_get(d.st, FQ_ENT_VISIT, d.visit_uuid, &v), FQ_OK);
    snprintf(v.reopen_reason, sizeof v.reopen_reason, "Buyer asked for a recount");
    assert_int_equal(fq_store_put(d.st, FQ_ENT_VISIT, &v), FQ_OK);
    put_signoff(&d, "Wang Fang", FQ_ROLE_FACTORY_REP, FQ_VERDICT_PASS, 0, "", now - 3600,
                "Buyer asked for a recount");
    put_signoff(&d, "", FQ_ROLE_FACTORY_REP, FQ_VERDICT_FAIL, 1,
                "Factory manager absent, QC lead declined to sign", 0, "");
    /* Yes/No never answered */
    void *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(d.st, FQ_ENT_PRODUCTION, "visit_uuid", d.visit_uuid, NULL,
                                   &rows, &n), FQ_OK);
    assert_true(n >= 1);
    fq_production p = ((fq_production *)rows)[0];
    free(rows);
    p.materials_on_site = FQ_ANSWER_UNSET;
    p.packaging_on_site = FQ_ANSWER_NO;
    assert_int_equal(fq_store_put(d.st, FQ_ENT_PRODUCTION, &p), FQ_OK);
    /* an approval recorded on site; an issue with its owner and due date */
    fq_approval a;
    memset(&a, 0, sizeof a);
    strcpy(a.order_uuid, d.order_uuid);
    strcpy(a.visit_uuid, d.visit_uuid);
    a.kind = FQ_APPROVAL_SPEC_CHANGE;
    snprintf(a.subject, sizeof a.subject, "Glaze colour from Pantone 7541 to 7543");
    snprintf(a.approver_name, sizeof a.approver_name, "Anna Schmidt");
    a.role = FQ_ROLE_BUYER;
    a.decided_utc = now;
    assert_int_equal(fq_store_put(d.st, FQ_ENT_APPROVAL, &a), FQ_OK);
    fq_issue is;
    memset(&is, 0, sizeof is);
    strcpy(is.order_uuid, d.order_uuid);
    strcpy(is.visit_uuid, d.visit_uuid);
    snprintf(is.title, sizeof is.title, "Handle glaze drips");
    snprintf(is.owner, sizeof is.owner, "Factory QC Wu");
    is.due_utc = 1795478400; /* 2026-11-24 */
    is.severity = FQ_SEV_MAJOR;
    is.opened_utc = now;
    assert_int_equal(fq_store_put_issue(d.st, &is), FQ_OK);
    char office_db[1024];
    fx_device_to_office(&d, dir, office_db, sizeof office_db);
    fq_store_close(d.st);

    char cmd[4096], path[1200];
    snprintf(cmd, sizeof cmd, "'%s' report --db '%s' --out '%s/report' > /dev/null 2>&1",
             office_bin, office_db, dir);
    int rc = system(cmd);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
    snprintf(path, sizeof path, "%s/report/visit-%s.html", dir, d.visit_uuid);
    char *html = fq_test_slurp(path);
    assert_non_null(strstr(html, "Reopened after a sign-off:</b> Buyer asked for a recount"));
    const char *sup = strstr(html, "<b>SUPERSEDED</b>");
    assert_non_null(sup);
    assert_non_null(strstr(sup, "reopened because Buyer asked for a recount"));
    /* the refusal (in force) is listed before the superseded signature */
    const char *refusal = strstr(html, "REFUSED to sign:</b> Factory manager absent");
    assert_non_null(refusal);
    assert_true(refusal < sup);
    assert_true(strstr(html, "Wang Fang") > refusal);
    assert_non_null(strstr(html, "<td>not answered</td><td>no</td>"));
    assert_non_null(strstr(html, "Glaze colour from Pantone 7541 to 7543"));
    assert_non_null(strstr(html, "<td>Factory QC Wu</td><td>2026-11-24</td>"));
    assert_non_null(strstr(html, "<h2>Order status</h2>"));
    free(html);
    snprintf(path, sizeof path, "%s/report/index.html", dir);
    html = fq_test_slurp(path);
    assert_non_null(strstr(html, "PO-tab-e"));
    free(html);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FIELDQC_OFFICE\n", argv[0]);
        return 2;
    }
    office_bin = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_holds_the_evidence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
