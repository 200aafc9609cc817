/* WAL checkpoints on their own thread (checkpointer.c, issue 18): commits that take the -wal
 * past 1,000 pages wake the thread, which checkpoints on its own connection; everything
 * committed is there after the close, and the reopened file passes the open's check. A store
 * in memory gets no thread. */
#include "harness.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store.h"

static int64_t count_findings(const char *path)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM findings", -1, &stmt, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

static void test_checkpoints_run_on_their_thread(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "ckpt.db");
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    assert_int_equal(fq_store_checkpoint_in_background(st), FQ_OK);
    fq_store_set_actor(st, "tab-ckpt", "tester");
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "PO-CKPT");
    assert_int_equal(fq_store_put_order(st, &o), FQ_OK);
    fq_visit v;
    memset(&v, 0, sizeof v);
    strcpy(v.order_uuid, o.meta.uuid);
    assert_int_equal(fq_store_create_visit(st, &v), FQ_OK);
    /* 20 transactions of 400 findings with long notes: several thousand -wal pages */
    for (int t = 0; t < 20; t++) {
        assert_int_equal(fq_store_begin(st), FQ_OK);
        for (int i = 0; i < 400; i++) {
            fq_finding f;
            memset(&f, 0, sizeof f);
            strcpy(f.visit_uuid, v.meta.uuid);
            snprintf(f.text, sizeof f.text, "Checkpoint %d.%d", t, i);
            memset(f.note, 'n', sizeof f.note - 1);
            f.result = 1;
            assert_int_equal(fq_store_put_finding(st, &f), FQ_OK);
        }
        assert_int_equal(fq_store_commit(st), FQ_OK);
    }
    /* the thread runs when woken: give it up to 10 s on a loaded machine */
    for (int i = 0; i < 1000 && fq_store_background_checkpoints(st) == 0; i++)
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    assert_true(fq_store_background_checkpoints(st) > 0);
    fq_store_close(st);
    assert_int_equal(count_findings(path), 20 * 400);
    assert_int_equal(fq_store_open(path, &st), FQ_OK); /* its quick_check passes */
    fq_store_close(st);
}

static void test_memory_store_has_no_thread(void **state)
{
    (void)state;
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(":memory:", &st), FQ_OK);
    assert_int_equal(fq_store_checkpoint_in_background(st), FQ_OK);
    assert_int_equal(fq_store_background_checkpoints(st), 0);
    fq_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checkpoints_run_on_their_thread),
        cmocka_unit_test(test_memory_store_has_no_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
