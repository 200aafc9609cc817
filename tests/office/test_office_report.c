/* The visit report as evidence (issue 12), through the real fieldqc-office binary (argv[1]):
 * a reopened visit says why, its old sign-off is listed after the one in force and marked
 * superseded with the reason, a representative's refusal shows with its reason, unanswered
 * Yes/No answers read "not answered" (never "no"), approvals recorded on site and issue
 * owners and due dates are there, and the order's light lists every reason. The device's
 * records reach the office as a bundle (export, enrol, import), so the report reads the
 * office's store: sqlite, or PostgreSQL in the _pg twin (FIELDQC_TEST_PG_URL).
 * Issue 16: `report --lang zh_CN` writes the labels, the library's defect names, verdicts,
 * visit types and answers in Chinese and keeps the inspector's text (a Chinese note with
 * markup, the Chinese factory name) exactly as written, escaped; an unknown language is
 * refused with a usage line and writes nothing. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

#define ZH_NOTE "\xE7\xBA\xB8\xE7\xAE\xB1\xE7\xA0\xB4\xE6\x8D\x9F" /* 纸箱破损 */

static void test_report_in_chinese(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("report-zh");
    fx_device d;
    fx_device_create(&d, dir, "dev", "tab-z", 0, 0);
    fq_visit v;
    assert_int_equal(fq_store_get(d.st, FQ_ENT_VISIT, d.visit_uuid, &v), FQ_OK);
    snprintf(v.summary, sizeof v.summary, "%s <i>3</i> & 'x' \"y\"", ZH_NOTE);
    v.verdict = FQ_VERDICT_FAIL;
    assert_int_equal(fq_store_put(d.st, FQ_ENT_VISIT, &v), FQ_OK);
    fq_defect df;
    memset(&df, 0, sizeof df);
    strcpy(df.visit_uuid, d.visit_uuid);
    snprintf(df.code, sizeof df.code, "WM-01");
    snprintf(df.description, sizeof df.description, "Scratch or scuff"); /* the library's */
    df.severity = FQ_SEV_MINOR;
    df.count = 2;
    assert_int_equal(fq_store_put_defect(d.st, &df), FQ_OK);
    char office_db[1024];
    fx_device_to_office(&d, dir, office_db, sizeof office_db);
    fq_store_close(d.st);

    char path[1200];
    /* an unknown language: refused, nothing written */
    assert_int_equal(fx_run("'%s' report --db '%s' --out '%s/bad' --lang fr > '%s/bad.txt' 2>&1",
                            office_bin, office_db, dir, dir),
                     2);
    snprintf(path, sizeof path, "%s/bad.txt", dir);
    char *said = fq_test_slurp(path);
    assert_non_null(strstr(said, "unknown language 'fr'"));
    assert_non_null(strstr(said, "--lang en|zh_CN"));
    free(said);
    snprintf(path, sizeof path, "%s/bad", dir);
    assert_int_not_equal(access(path, F_OK), 0);

    assert_int_equal(fx_run("'%s' report --db '%s' --out '%s/zh' --lang zh_CN > /dev/null",
                            office_bin, office_db, dir),
                     0);
    snprintf(path, sizeof path, "%s/zh/visit-%s.html", dir, d.visit_uuid);
    char *html = fq_test_slurp(path);
    assert_non_null(strstr(html, "<html lang=\"zh-CN\">"));
    assert_non_null(strstr(html, ZH_NOTE " &lt;i&gt;3&lt;/i&gt; &amp; &#39;x&#39; &quot;y&quot;"));
    assert_non_null(
        strstr(html, "\xE5\xAE\x81\xE6\xB3\xA2\xE6\x98\x8E\xE4\xBA\xAE")); /* 宁波明亮 */
    assert_non_null(strstr(
        html,
        "<td>\xE5\x88\x92\xE7\x97\x95\xE6\x88\x96\xE6\x93\xA6\xE4\xBC\xA4</td>")); /* 划痕或擦伤 */
    /* the verdict and the visit type from the device's catalog */
    assert_non_null(strstr(
        html,
        "<span class=\"verdict fail\">\xE4\xB8\x8D\xE5\x90\x88\xE6\xA0\xBC</span>")); /* 不合格 */
    assert_non_null(strstr(
        html,
        "<h1>\xE5\x87\xBA\xE8\xB4\xA7\xE5\x89\x8D\xE6\xA3\x80\xE9\xAA\x8C: ")); /* 出货前检验 */
    assert_non_null(strstr(html, "<h2>\xE7\xAD\xBE\xE6\xA0\xB8</h2>"));         /* 签核 */
    assert_null(strstr(html, "<h2>Sign-offs</h2>"));
    assert_null(strstr(html, "Scratch or scuff"));
    free(html);
    snprintf(path, sizeof path, "%s/zh/index.html", dir);
    html = fq_test_slurp(path);
    assert_non_null(strstr(html, "<html lang=\"zh-CN\">"));
    assert_non_null(strstr(
        html,
        "<h1>\xE8\xAE\xA2\xE5\x8D\x95\xE4\xB8\x8E\xE9\xAA\x8C\xE8\xB4\xA7</h1>")); /* 订单与验货 */
    free(html);
    /* English, the default: the same note as written, the library's English name */
    assert_int_equal(
        fx_run("'%s' report --db '%s' --out '%s/en' > /dev/null", office_bin, office_db, dir), 0);
    snprintf(path, sizeof path, "%s/en/visit-%s.html", dir, d.visit_uuid);
    html = fq_test_slurp(path);
    assert_non_null(strstr(html, "<html lang=\"en\">"));
    assert_non_null(strstr(html, "<td>Scratch or scuff</td>"));
    assert_non_null(strstr(html, ZH_NOTE " &lt;i&gt;3&lt;/i&gt;"));
    assert_non_null(strstr(html, "<h2>Sign-offs</h2>"));
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
        cmocka_unit_test(test_report_in_chinese),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
