/* Opening a database that cannot be used (issue 12), and backups. A file of 0 bytes, a
 * folder, a path under a file, a damaged header and damaged index pages are each refused
 * with their problem and left exactly as they were (never written, never replaced by a new
 * database with a new device id); a damaged database opens read-only when asked. Backups
 * are whole, checked copies made with the online backup API; a restored copy continues its
 * change log past a floor. */
#include "harness.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sha256.h"
#include "store/store.h"

static void file_hash(const char *path, char out[FQ_HASH_LEN])
{
    unsigned char *data = NULL;
    size_t len = 0;
    assert_int_equal(fq_test_read_file(path, &data, &len), 0);
    fq_core_sha256 h;
    fq_core_sha256_init(&h);
    fq_core_sha256_update(&h, data, len);
    fq_core_sha256_final_hex(&h, out);
    free(data);
}

static void fresh(const char *path)
{
    char side[1100];
    remove(path);
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", path);
    remove(side);
}

/* A database with an order, a visit and some findings, closed (its WAL checkpointed). */
static void make_db(const char *path, char device_id[FQ_ID_LEN])
{
    fresh(path);
    fq_store *st = NULL;
    if (fq_store_open(path, &st))
        fail_msg("open: %s", fq_store_errmsg(st));
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "PO-1");
    assert_int_equal(fq_store_put_order(st, &o), FQ_OK);
    fq_visit v;
    memset(&v, 0, sizeof v);
    snprintf(v.order_uuid, sizeof v.order_uuid, "%s", o.meta.uuid);
    assert_int_equal(fq_store_put_visit(st, &v), FQ_OK);
    for (int i = 0; i < 200; i++) {
        fq_finding f;
        memset(&f, 0, sizeof f);
        snprintf(f.visit_uuid, sizeof f.visit_uuid, "%s", v.meta.uuid);
        snprintf(f.text, sizeof f.text, "checkpoint %d", i);
        assert_int_equal(fq_store_put_finding(st, &f), FQ_OK);
    }
    if (device_id)
        snprintf(device_id, FQ_ID_LEN, "%s", fq_store_device_id(st));
    fq_store_close(st);
}

static void expect_refused(const char *path, fq_store_problem problem, const char *words)
{
    fq_store *st = NULL;
    fq_err err = fq_store_open(path, &st);
    assert_int_not_equal(err, FQ_OK);
    assert_int_equal(fq_store_open_problem(st), problem);
    if (words && !strstr(fq_store_errmsg(st), words))
        fail_msg("reason '%s' lacks '%s'", fq_store_errmsg(st), words);
    fq_store_close(st);
}

/* Found: a 0-byte database silently became a new empty one with a new device id. */
static void test_empty_file_is_refused_untouched(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "empty.db");
    fresh(path);
    assert_int_equal(fq_test_write_file(path, "", 0), 0);
    expect_refused(path, FQ_STORE_PROBLEM_EMPTY_FILE, "empty (0 bytes)");
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_size, 0);
    /* a missing file is a new database, made whole before it appears */
    fresh(path);
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    assert_int_equal(fq_store_open_problem(st), FQ_STORE_PROBLEM_NONE);
    fq_store_close(st);
    assert_int_equal(stat(path, &sb), 0);
    assert_true(sb.st_size > 0);
}

/* Found: an unopenable database stopped the app with the reason on stderr only. */
static void test_unopenable_paths(void **state)
{
    (void)state;
    char dir[1024], under[1100];
    fq_test_path(dir, sizeof dir, "a-folder.db");
    mkdir(dir, 0755);
    expect_refused(dir, FQ_STORE_PROBLEM_UNOPENABLE, "is a folder");
    char file[1024];
    fq_test_path(file, sizeof file, "plain-file");
    assert_int_equal(fq_test_write_file(file, "x", 1), 0);
    snprintf(under, sizeof under, "%s/fieldqc.db", file);
    expect_refused(under, FQ_STORE_PROBLEM_UNOPENABLE, NULL);
}

/* Found: a damaged header gave no screen; a damaged database is never written to. */
static void test_damaged_header_is_refused_untouched(void **state)
{
    (void)state;
    char path[1024], before[FQ_HASH_LEN], after[FQ_HASH_LEN];
    fq_test_path(path, sizeof path, "header.db");
    make_db(path, NULL);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fwrite("NOT A DATABASE AT ALL", 1, 16, f);
    fclose(f);
    file_hash(path, before);
    expect_refused(path, FQ_STORE_PROBLEM_NOT_A_DATABASE, "not a fieldqc database");
    file_hash(path, after);
    assert_string_equal(before, after);
}

/* The page number of an index's root. */
static int64_t root_page(const char *path, const char *index)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    int64_t page = -1;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT rootpage FROM sqlite_schema WHERE name = ?",
                                        -1, &stmt, NULL), SQLITE_OK);
    sqlite3_bind_text(stmt, 1, index, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        page = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return page;
}

/* Overwrites page `page` of the file with garbage (keeping nothing of its header). */
static void damage_page(const char *path, int64_t page)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    unsigned char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 37 + 11);
    assert_int_equal(fseek(f, (long)((page - 1) * 4096), SEEK_SET), 0);
    assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
    fclose(f);
}

/* Found: a database with damaged indexes was used silently. */
static void test_damaged_index_is_found_and_never_written(void **state)
{
    (void)state;
    char path[1024], before[FQ_HASH_LEN], after[FQ_HASH_LEN];
    fq_test_path(path, sizeof path, "index.db");
    make_db(path, NULL);
    int64_t page = root_page(path, "findings_visit");
    assert_true(page > 1);
    damage_page(path, page);
    file_hash(path, before);
    expect_refused(path, FQ_STORE_PROBLEM_DAMAGED, "quick_check");
    file_hash(path, after);
    assert_string_equal(before, after);
    /* read-only, on request: readable, marked damaged, and nothing can be written */
    fq_store *st = NULL;
    if (fq_store_open_ex(path, FQ_STORE_OPEN_READ_ONLY, &st))
        fail_msg("read-only: %s", fq_store_errmsg(st));
    assert_true(fq_store_read_only(st));
    assert_int_equal(fq_store_open_problem(st), FQ_STORE_PROBLEM_DAMAGED);
    int64_t n = 0;
    assert_int_equal(fq_store_count(st, FQ_ENT_ORDER, NULL, NULL, &n), FQ_OK);
    assert_int_equal(n, 1);
    fq_order o;
    memset(&o, 0, sizeof o);
    assert_int_not_equal(fq_store_put_order(st, &o), FQ_OK);
    fq_store_close(st);
    file_hash(path, after);
    assert_string_equal(before, after);
    fq_store_file_info info;
    assert_int_equal(fq_store_check_file(path, false, &info, NULL, 0), FQ_ERR_CORRUPT);
    assert_false(info.ok);
}

/* The open's check on its own thread (issue 18: it read the whole file before the first
 * frame): the open returns at once, and a damaged database is still never written to: every
 * commit, in a transaction or a single statement, waits for the verdict and is refused. */
static void test_late_check_refuses_writes_to_a_damaged_database(void **state)
{
    (void)state;
    char path[1024], before[FQ_HASH_LEN], after[FQ_HASH_LEN];
    fq_test_path(path, sizeof path, "late-index.db");
    make_db(path, NULL);
    damage_page(path, root_page(path, "findings_visit"));
    file_hash(path, before);
    fq_store *st = NULL;
    if (fq_store_open_ex(path, FQ_STORE_OPEN_WRITE_CHECK_LATER, &st))
        fail_msg("late open: %s", fq_store_errmsg(st));
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "PO-2");
    assert_int_equal(fq_store_put_order(st, &o), FQ_ERR_CORRUPT);
    if (!strstr(fq_store_errmsg(st), "quick_check"))
        fail_msg("reason '%s' lacks quick_check", fq_store_errmsg(st));
    assert_int_equal(fq_store_setting_set(st, "sync_dir", "/media/x"), FQ_ERR_CORRUPT);
    assert_int_equal(fq_store_open_check_state(st), FQ_STORE_CHECK_DAMAGED);
    assert_int_equal(fq_store_open_problem(st), FQ_STORE_PROBLEM_DAMAGED);
    fq_store_close(st);
    file_hash(path, after);
    assert_string_equal(before, after);
    /* nothing of the refused statements is in the database either */
    st = NULL;
    assert_int_equal(fq_store_open_ex(path, FQ_STORE_OPEN_READ_ONLY, &st), FQ_OK);
    int64_t n = 0;
    assert_int_equal(fq_store_count(st, FQ_ENT_ORDER, NULL, NULL, &n), FQ_OK);
    assert_int_equal(n, 1);
    char dir[64];
    assert_int_equal(fq_store_setting_get(st, "sync_dir", dir, sizeof dir), FQ_ERR_NOTFOUND);
    fq_store_close(st);
}

/* A sound database: the first write simply waits for the verdict; a close while the check
 * runs stops it (no hang, nothing leaked). */
static void test_late_check_lets_a_sound_database_write(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "late-sound.db");
    make_db(path, NULL);
    fq_store *st = NULL;
    if (fq_store_open_ex(path, FQ_STORE_OPEN_WRITE_CHECK_LATER, &st))
        fail_msg("late open: %s", fq_store_errmsg(st));
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "PO-2");
    if (fq_store_put_order(st, &o))
        fail_msg("write: %s", fq_store_errmsg(st));
    assert_int_equal(fq_store_open_check_state(st), FQ_STORE_CHECK_OK);
    assert_int_equal(fq_store_setting_set(st, "sync_dir", "/media/x"), FQ_OK);
    fq_store_close(st);
    st = NULL;
    assert_int_equal(fq_store_open_ex(path, FQ_STORE_OPEN_WRITE_CHECK_LATER, &st), FQ_OK);
    fq_store_close(st); /* the check may still run */
    st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    int64_t n = 0;
    assert_int_equal(fq_store_count(st, FQ_ENT_ORDER, NULL, NULL, &n), FQ_OK);
    assert_int_equal(n, 2);
    fq_store_close(st);
}

/* A backup through a connection of its own, while the app's connection holds a write
 * transaction open: the copy has what was committed, not what is under way. */
static void test_backup_file_beside_a_writer(void **state)
{
    (void)state;
    char path[1024], copy[1024], err[512] = "";
    fq_test_path(path, sizeof path, "beside.db");
    fq_test_path(copy, sizeof copy, "backups/beside-copy.db");
    make_db(path, NULL);
    remove(copy);
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    assert_int_equal(fq_store_begin(st), FQ_OK);
    fq_order o;
    memset(&o, 0, sizeof o);
    assert_int_equal(fq_store_put_order(st, &o), FQ_OK);
    if (fq_store_backup_file(path, copy, err, sizeof err))
        fail_msg("backup: %s", err);
    assert_int_equal(fq_store_commit(st), FQ_OK);
    fq_store_close(st);
    fq_store_file_info info;
    assert_int_equal(fq_store_check_file(copy, true, &info, NULL, 0), FQ_OK);
    assert_int_equal(info.n_visits, 1);
    st = NULL;
    assert_int_equal(fq_store_open(copy, &st), FQ_OK);
    int64_t n = 0;
    assert_int_equal(fq_store_count(st, FQ_ENT_ORDER, NULL, NULL, &n), FQ_OK);
    assert_int_equal(n, 1);
    fq_store_close(st);
    /* a source that is not there: a clear error, nothing at the destination */
    remove(copy);
    fq_test_path(path, sizeof path, "no-such.db");
    assert_int_not_equal(fq_store_backup_file(path, copy, err, sizeof err), FQ_OK);
    assert_int_not_equal(access(copy, F_OK), 0);
}

/* Backups: a checked copy made with the online backup API, usable on its own. */
static void test_backup_is_a_checked_copy(void **state)
{
    (void)state;
    char path[1024], copy[1024], device[FQ_ID_LEN];
    fq_test_path(path, sizeof path, "live.db");
    fq_test_path(copy, sizeof copy, "backups/live-copy.db");
    make_db(path, device);
    remove(copy);
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    char result[128];
    assert_int_equal(fq_store_check(st, true, result, sizeof result), FQ_OK);
    assert_string_equal(result, "ok");
    int64_t last = 0;
    assert_int_equal(fq_store_last_seq(st, &last), FQ_OK);
    if (fq_store_backup_to(st, copy))
        fail_msg("backup: %s", fq_store_errmsg(st));
    fq_store_close(st);
    fq_store_file_info info;
    assert_int_equal(fq_store_check_file(copy, true, &info, NULL, 0), FQ_OK);
    assert_true(info.ok);
    assert_int_equal(info.schema_version, FQ_STORE_SCHEMA_VERSION);
    assert_int_equal(info.last_seq, last);
    assert_int_equal(info.n_visits, 1);
    assert_string_equal(info.device_id, device);
    /* a standalone file: no -wal beside it */
    char wal[1100];
    snprintf(wal, sizeof wal, "%s-wal", copy);
    assert_int_not_equal(access(wal, F_OK), 0);
    /* opened as the database, it continues past the floor it is given */
    assert_int_equal(fq_store_open(copy, &st), FQ_OK);
    assert_string_equal(fq_store_device_id(st), device);
    assert_int_equal(fq_store_raise_seq_floor(st, last + 1000000), FQ_OK);
    fq_order o;
    memset(&o, 0, sizeof o);
    assert_int_equal(fq_store_put_order(st, &o), FQ_OK);
    int64_t now = 0;
    assert_int_equal(fq_store_last_seq(st, &now), FQ_OK);
    assert_int_equal(now, last + 1000001);
    fq_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_file_is_refused_untouched),
        cmocka_unit_test(test_unopenable_paths),
        cmocka_unit_test(test_damaged_header_is_refused_untouched),
        cmocka_unit_test(test_damaged_index_is_found_and_never_written),
        cmocka_unit_test(test_backup_is_a_checked_copy),
        cmocka_unit_test(test_late_check_refuses_writes_to_a_damaged_database),
        cmocka_unit_test(test_late_check_lets_a_sound_database_write),
        cmocka_unit_test(test_backup_file_beside_a_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
