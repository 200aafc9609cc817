/* SIGKILL of an office import at random moments (FIELDQC_CRASH_ROUNDS, default 200), then a clean
 * import: the office database passes integrity_check after every kill, holds either all of
 * the bundle or none of it (never a part), no photo is left half-written under its final
 * name, and after the clean import every record is there exactly once. */
#include "harness.h"

#include <dirent.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/sha256.h"
#include "fsio/fsio.h"
#include "office/office.h"
#include "services/sync.h"
#include "sync_fixture.h"

static char office_db[1200];
static char bundle_path[1200];
static char device_key[FQ_BUNDLE_KEY_HEX_LEN]; /* enrolled by every import run */
static int64_t n_bundle_records;

static char test_dir[1024];

/* Rows of an office table; on PostgreSQL through the office store (which creates the schema
 * of an emptied database, so a count there is 0). */
static int64_t count_rows(const char *table)
{
    if (fx_pg()) {
        fq_ostore *s = NULL;
        int64_t n = -1;
        if (fq_ostore_open(office_db, &s) || fq_ostore_count_rows(s, table, &n))
            fail_msg("count %s: %s", table, fq_ostore_errmsg(s));
        fq_ostore_close(s);
        return n;
    }
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(office_db, &db), SQLITE_OK);
    sqlite3_stmt *stmt = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

/* sqlite's own check of the file (PostgreSQL: its transactions are its own business). */
static void check_integrity(void)
{
    if (fx_pg())
        return;
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(office_db, &db), SQLITE_OK);
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "ok");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

/* Every *.jpg under the photo store hashes to its name (temp files have other names). */
static int check_photo_store(const char *dir)
{
    int n = 0;
    DIR *top = opendir(dir);
    if (!top)
        return 0;
    struct dirent *sub;
    while ((sub = readdir(top)) != NULL) {
        if (sub->d_name[0] == '.')
            continue;
        char subdir[1500];
        snprintf(subdir, sizeof subdir, "%s/%s", dir, sub->d_name);
        DIR *d = opendir(subdir);
        if (!d)
            continue;
        struct dirent *f;
        while ((f = readdir(d)) != NULL) {
            size_t len = strlen(f->d_name);
            if (len != 68 || strcmp(f->d_name + 64, ".jpg") != 0)
                continue;
            char path[1800], sha[65];
            snprintf(path, sizeof path, "%s/%s", subdir, f->d_name);
            unsigned char *data = NULL;
            size_t n_bytes = 0;
            assert_int_equal(fq_test_read_file(path, &data, &n_bytes), 0);
            fq_core_sha256_hex(data, n_bytes, sha);
            free(data);
            if (strncmp(sha, f->d_name, 64) != 0)
                fail_msg("photo %s is damaged under its final name", path);
            n++;
        }
        closedir(d);
    }
    closedir(top);
    return n;
}

static void reset_office(void)
{
    fx_office_reset(test_dir);
}

static void child_import(void)
{
    fq_office *o = NULL;
    fq_office_import_result res;
    int changed = 0;
    if (fx_office_open(office_db, &o) || fq_office_enrol(o, "tab-k", device_key, 0, &changed) ||
        fq_office_import(o, bundle_path, NULL, &res))
        _exit(3);
    fq_office_close(o);
    _exit(0);
}

static void test_sigkill_import(void **state)
{
    (void)state;
    const char *env = getenv("FIELDQC_CRASH_ROUNDS");
    /* PostgreSQL: each reset creates a database (about a second): fewer rounds */
    int rounds = env ? atoi(env) : fx_pg() ? 30 : 200;
    const char *dir = fq_test_dir("crash");
    char dir_copy[1024];
    snprintf(dir_copy, sizeof dir_copy, "%s", dir);
    fx_device a;
    fx_device_create(&a, dir_copy, "tab-k", "tab-k", 12, 0);
    for (int i = 0; i < 300; i++) {
        char text[64];
        snprintf(text, sizeof text, "finding %d", i);
        fx_device_add_finding(&a, text);
    }
    fq_app_sync *dev = NULL;
    assert_int_equal(fq_app_sync_open(a.st, a.photo_dir, a.sync_dir, &dev), FQ_OK);
    fq_app_sync_export_result ex;
    assert_int_equal(fq_app_sync_export(dev, &ex), FQ_OK);
    snprintf(bundle_path, sizeof bundle_path, "%s", ex.path);
    fx_device_public_key(&a, device_key);
    n_bundle_records = fx_count(a.st, "findings");
    snprintf(test_dir, sizeof test_dir, "%s", dir_copy);
    fx_office_path(dir_copy, office_db, sizeof office_db);
    char photo_dir[1300];
    snprintf(photo_dir, sizeof photo_dir, "%s/office.db.photos", dir_copy);

    /* time one import to spread the kills over it */
    struct timespec t0, t1;
    reset_office();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0)
        child_import();
    int status = 0;
    waitpid(pid, &status, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* time_t is 64 bits on armhf too (_TIME_BITS=64), long is not: a span fits in long */
    long span_us = (long)((t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000);
    print_message("one import: %ld us; %d kills follow\n", span_us, rounds);

    srand((unsigned)time(NULL));
    int n_partial_state = 0, n_complete = 0, n_empty = 0, done = 0;
    /* bounded in time as well as count: under ASan on a busy machine one import takes 10 s
     * and 200 rounds would outlast ctest's timeout; at least 30 rounds always run */
    const char *benv = getenv("FIELDQC_CRASH_BUDGET_S");
    long budget_s = benv ? atol(benv) : 300;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int r = 0; r < rounds; r++, done++) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (r >= 30 && (long)(now.tv_sec - start.tv_sec) > budget_s)
            break;
        if (rand() % 4 != 0)
            reset_office(); /* mostly from scratch so kills land inside the first import */
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            child_import();
        usleep((useconds_t)(rand() % (span_us + span_us / 5 + 1)));
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        if (!fx_pg() && access(office_db, F_OK) != 0) {
            n_empty++;
            continue;
        }
        check_integrity();
        int64_t logged = count_rows("office_imports");
        int64_t findings = count_rows("findings");
        if (logged == 1 && findings == n_bundle_records)
            n_complete++;
        else if (logged <= 0 && findings <= 0)
            n_empty++;
        else
            n_partial_state++;
        check_photo_store(photo_dir);
    }
    assert_int_equal(n_partial_state, 0);
    print_message("after %d kills: %d complete, %d empty, 0 partial\n", done, n_complete,
                  n_empty);

    /* the clean import: everything exactly once */
    fq_office *o = NULL;
    fq_office_import_result res;
    int changed = 0;
    assert_int_equal(fx_office_open(office_db, &o), FQ_OK);
    assert_int_equal(fq_office_enrol(o, "tab-k", device_key, 0, &changed), FQ_OK);
    if (fq_office_import(o, bundle_path, NULL, &res))
        fail_msg("clean import: %s", fq_office_errmsg(o));
    char dev_digest[65], off_digest[65];
    fx_db_digest(a.st, dev_digest);
    fx_db_digest(fq_office_store(o), off_digest);
    assert_string_equal(dev_digest, off_digest);
    assert_int_equal(fx_count(fq_office_store(o), "findings"), n_bundle_records);
    assert_int_equal(fx_count(fq_office_store(o), "office_imports"), 1);
    fq_office_close(o);
    check_integrity();
    assert_int_equal(check_photo_store(photo_dir), 12);
    fq_app_sync_close(dev);
    fq_store_close(a.st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigkill_import),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
