/* The store when memory runs out: sqlite's allocator fails at the Nth allocation of a write
 * (for every N until the write needs no more), and each time the call returns an error or
 * FQ_OK without crashing; afterwards, with memory back, the record is there exactly when the
 * call said FQ_OK (a created visit brings its findings, count and plan, or nothing), the
 * database passes integrity_check and the next write works. */
#include "harness.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

static sqlite3_mem_methods real;
static int fail_at;   /* 0: never; else the allocation number that fails */
static bool fail_once; /* only that one, or that one and all after (memory stays short) */
static int n_allocs;

static bool should_fail(void)
{
    if (!fail_at)
        return false;
    ++n_allocs;
    return fail_once ? n_allocs == fail_at : n_allocs >= fail_at;
}

static void *failing_malloc(int n)
{
    return should_fail() ? NULL : real.xMalloc(n);
}

static void *failing_realloc(void *p, int n)
{
    return should_fail() ? NULL : real.xRealloc(p, n);
}

static void arm(int at)
{
    n_allocs = 0;
    fail_at = at;
}

static int64_t count_where(fq_store *st, fq_entity_id ent, const char *col, const char *val)
{
    int64_t n = -1;
    assert_int_equal(fq_store_count(st, ent, col, val, &n), FQ_OK);
    return n;
}

static void check_integrity(const char *path)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "ok");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

static void create_visits_failing(bool once)
{
    fail_once = once;
    char path[1024];
    fq_test_path(path, sizeof path, once ? "nomem-once.db" : "nomem.db");
    remove(path);
    fq_store *st = NULL;
    int allocs = 0;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    assert_int_equal(fq_store_set_actor(st, "dev-nomem", "Li Wei"), FQ_OK);
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "PO-NOMEM");
    snprintf(o.supplier, sizeof o.supplier, "Supplier");
    o.quantity = 1000;
    assert_int_equal(fq_store_put(st, FQ_ENT_ORDER, &o), FQ_OK);
    for (int i = 0; i < 3; i++) {
        fq_checklist_item it;
        memset(&it, 0, sizeof it);
        it.visit_type = FQ_VISIT_INLINE;
        it.position = i;
        snprintf(it.text, sizeof it.text, "Check %d", i);
        assert_int_equal(fq_store_put(st, FQ_ENT_CHECKLIST_ITEM, &it), FQ_OK);
    }
    {
        fq_visit v;
        memset(&v, 0, sizeof v);
        snprintf(v.order_uuid, sizeof v.order_uuid, "%s", o.meta.uuid);
        v.type = FQ_VISIT_INLINE;
        arm(1 << 30);
        assert_int_equal(fq_store_create_visit(st, &v), FQ_OK);
        allocs = n_allocs;
        arm(0);
    }
    int64_t before = count_where(st, FQ_ENT_VISIT, "order_uuid", o.meta.uuid);
    int64_t findings_before = count_where(st, FQ_ENT_FINDING, NULL, NULL);
    int n_failed = 0, n_ok = 0;
    /* every allocation point of the write, then on until three writes got through (the
     * count varies a little as the tables grow) */
    for (int at = 1; at < 4 * allocs && (at <= allocs || n_ok < 3); at++) {
        fq_visit v;
        memset(&v, 0, sizeof v);
        snprintf(v.order_uuid, sizeof v.order_uuid, "%s", o.meta.uuid);
        v.type = FQ_VISIT_INLINE;
        arm(at);
        fq_err err = fq_store_create_visit(st, &v);
        arm(0);
        int64_t visits = count_where(st, FQ_ENT_VISIT, "order_uuid", o.meta.uuid);
        if (err == FQ_OK) {
            n_ok++;
            assert_int_equal(count_where(st, FQ_ENT_FINDING, "visit_uuid", v.meta.uuid), 3);
            assert_int_equal(count_where(st, FQ_ENT_PRODUCTION, "visit_uuid", v.meta.uuid), 1);
            assert_int_equal(count_where(st, FQ_ENT_AQL_PLAN, "visit_uuid", v.meta.uuid), 1);
        } else {
            n_failed++;
            /* all or nothing: no visit beyond the ones reported created */
            if (visits != before + n_ok)
                fail_msg("allocation %d failed (%s) but %lld visits exist, %d reported",
                         at, fq_store_errmsg(st), (long long)(visits - before), n_ok);
            assert_int_equal(count_where(st, FQ_ENT_FINDING, NULL, NULL),
                             findings_before + 3 * n_ok);
        }
    }
    print_message("create visit (%d allocations), %s: %d failed cleanly, %d wrote all\n", allocs,
                  once ? "one allocation fails" : "memory stays short", n_failed, n_ok);
    assert_true(n_failed > 10); /* the failures really landed inside the write */
    assert_true(n_ok >= 3);
    fq_store_close(st);
    check_integrity(path);
}

static void test_create_visit_memory_stays_short(void **state)
{
    (void)state;
    create_visits_failing(false);
}

static void test_create_visit_one_allocation_fails(void **state)
{
    (void)state;
    create_visits_failing(true);
}

int main(void)
{
    /* must precede sqlite3_initialize (the first sqlite call) */
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real);
    sqlite3_mem_methods m = real;
    m.xMalloc = failing_malloc;
    m.xRealloc = failing_realloc;
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK) {
        fprintf(stderr, "cannot install the failing allocator\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_visit_memory_stays_short),
        cmocka_unit_test(test_create_visit_one_allocation_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
