/* Schema migrations: a new database, a real v1 database (tests/fixtures/store_v1.sql)
 * migrated with its data intact, checklist copies of several tablets merged (migration 4), a
 * v6 and a v7 database (issue 12's schema, before issue 20's) upgraded to this build's, a
 * failed migration rolled back whole, a database from a newer fieldqc refused without
 * damage, and a file that is not a database. */
#include "harness.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_testing.h"
#include "store_internal.h" /* fq_store_open_steps: a future migration over an old database */

static const char *fixture_path;

static int64_t user_version(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *stmt;
    int64_t v = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK) {
        if (sqlite3_step(stmt) == SQLITE_ROW)
            v = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return v;
}

static void load_fixture(const char *db_path, const char *extra_sql)
{
    unsigned char *sql;
    size_t len;
    remove(db_path);
    assert_int_equal(fq_test_read_file(fixture_path, &sql, &len), 0);
    char *text = malloc(len + 1);
    memcpy(text, sql, len);
    text[len] = '\0';
    sqlite3 *db;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, text, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("fixture: %s", msg);
    if (extra_sql)
        assert_int_equal(sqlite3_exec(db, extra_sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    free(sql);
    free(text);
}

static void test_new_database_is_current(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "new.db");
    remove(path);
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    fq_store_close(st);
    assert_int_equal(user_version(path), FQ_STORE_SCHEMA_VERSION);
    /* reopening an up-to-date database changes nothing */
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    fq_store_close(st);
    assert_int_equal(user_version(path), FQ_STORE_SCHEMA_VERSION);
}

static void test_v1_database_migrates_with_data(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "v1.db");
    load_fixture(path, NULL);
    assert_int_equal(user_version(path), 1);
    fq_store *st = NULL;
    if (fq_store_open(path, &st))
        fail_msg("open v1: %s", fq_store_errmsg(st));
    assert_int_equal(user_version(path), FQ_STORE_SCHEMA_VERSION);
    fq_order o;
    assert_int_equal(fq_store_get_order(st, "11111111-1111-4111-8111-111111111111", &o), FQ_OK);
    assert_string_equal(o.po_number, "PO-V1-77");
    assert_string_equal(o.factory, "佛山 plant");
    fq_finding f;
    assert_int_equal(fq_store_get_finding(st, "33333333-3333-4333-8333-333333333333", &f), FQ_OK);
    assert_string_equal(f.note, "4 of 50 tiles bowed");
    assert_string_equal(fq_store_device_id(st), "device-v1-fixture");
    /* v2's tables exist and the old change log is still there to export */
    sqlite3 *db = fq_store_db(st);
    /* v9: the Today list's covering indexes */
    sqlite3_stmt *ix = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE type ="
                                            " 'index' AND name IN ('visits_today', 'orders_po')",
                                        -1, &ix, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(ix), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(ix, 0), 2);
    sqlite3_finalize(ix);
    /* v10: a photo's records found through an index on its hash, not a scan */
    assert_int_equal(sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT uuid FROM photos WHERE"
                                            " sha256 = 'x'", -1, &ix, NULL),
                     SQLITE_OK);
    char plan[512] = "";
    while (sqlite3_step(ix) == SQLITE_ROW)
        snprintf(plan + strlen(plan), sizeof plan - strlen(plan), "%s; ",
                 (const char *)sqlite3_column_text(ix, 3));
    sqlite3_finalize(ix);
    if (!strstr(plan, "USING INDEX photos_sha256"))
        fail_msg("photo by hash: %s", plan);
    assert_int_equal(sqlite3_exec(db, "SELECT count(*) FROM sync_exports", NULL, NULL, NULL),
                     SQLITE_OK);
    int64_t last = 0;
    assert_int_equal(fq_store_last_seq(st, &last), FQ_OK);
    assert_true(last >= 4);
    /* v6: the orders and plans in the log to export read as whole records, ISO by default */
    assert_int_equal(o.aql_standard, 0);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*), sum(json_extract(data, "
                                        "'$.aql_standard') = 0) FROM changelog WHERE tbl = "
                                        "'orders' AND data IS NOT NULL", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_true(sqlite3_column_int(q, 0) >= 1);
    assert_int_equal(sqlite3_column_int(q, 0), sqlite3_column_int(q, 1));
    sqlite3_finalize(q);
    /* writes after the migration are logged */
    f.result = FQ_RESULT_PASS;
    assert_int_equal(fq_store_put_finding(st, &f), FQ_OK);
    int64_t after = 0;
    assert_int_equal(fq_store_last_seq(st, &after), FQ_OK);
    assert_int_equal(after, last + 1);
    /* v8: the measurement tables, empty and logged like the others (issue 20) */
    int64_t n_specs = -1;
    assert_int_equal(fq_store_count(st, FQ_ENT_MEAS_SPEC, NULL, NULL, &n_specs), FQ_OK);
    assert_int_equal(n_specs, 0);
    fq_meas_reading r;
    memset(&r, 0, sizeof r);
    snprintf(r.visit_uuid, sizeof r.visit_uuid, "%s", f.visit_uuid);
    snprintf(r.spec_uuid, sizeof r.spec_uuid, "spec-1");
    r.unit_no = 1;
    r.value_milli = 52000;
    assert_int_equal(fq_store_put_meas_reading(st, &r), FQ_OK);
    assert_int_equal(fq_store_last_seq(st, &after), FQ_OK);
    assert_int_equal(after, last + 2);
    fq_store_close(st);
}

/* A database of an earlier release, made from a current one: the photo hash index (v10)
 * goes, for v8 and older issue 18's Today indexes (v9),
 * for v7 and v6 also issue 20's tables (v8), for v6 also issue 12's (v7: the approvals and
 * the new columns). The old build's triggers stay for v7 (the dropped tables take theirs
 * along); for v6 they go (they name the dropped columns), and the upgrade makes them all
 * again anyway. */
static void downgrade(const char *path, int to)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, "DROP INDEX photos_sha256;", NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("to v9: %s", msg);
    if (to <= 8 &&
        sqlite3_exec(db, "DROP INDEX visits_today; DROP INDEX orders_po;", NULL, NULL, &msg) !=
        SQLITE_OK)
        fail_msg("to v8: %s", msg);
    if (to <= 7 &&
        sqlite3_exec(db, "DROP TABLE meas_readings; DROP TABLE site_tests; DROP TABLE meas_specs;",
                     NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("to v7: %s", msg);
    if (to == 6) {
        sqlite3_stmt *q;
        char names[64][96];
        int n = 0;
        assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type ="
                                                " 'trigger'", -1, &q, NULL), SQLITE_OK);
        while (sqlite3_step(q) == SQLITE_ROW && n < 64)
            snprintf(names[n++], sizeof names[0], "%s", (const char *)sqlite3_column_text(q, 0));
        sqlite3_finalize(q);
        for (int i = 0; i < n; i++) {
            char sql[160];
            snprintf(sql, sizeof sql, "DROP TRIGGER \"%s\"", names[i]);
            assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        }
        if (sqlite3_exec(db,
                         "DROP TABLE approvals;"
                         "ALTER TABLE orders DROP COLUMN carton_barcode;"
                         "ALTER TABLE checklist_items DROP COLUMN fail_evidence;"
                         "ALTER TABLE issues DROP COLUMN owner;"
                         "ALTER TABLE issues DROP COLUMN due_utc;"
                         "ALTER TABLE signoffs DROP COLUMN refused;"
                         "ALTER TABLE signoffs DROP COLUMN reason;"
                         "ALTER TABLE signoffs DROP COLUMN superseded_utc;"
                         "ALTER TABLE signoffs DROP COLUMN superseded_reason;",
                         NULL, NULL, &msg) != SQLITE_OK)
            fail_msg("to v6: %s", msg);
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", to);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* The approval (v7) and the reading (v8) are written and logged after the upgrade. */
static void put_approval_and_reading(fq_store *st, int64_t *logged)
{
    int64_t before = 0, after = 0;
    assert_int_equal(fq_store_last_seq(st, &before), FQ_OK);
    fq_approval a;
    memset(&a, 0, sizeof a);
    snprintf(a.order_uuid, sizeof a.order_uuid, "11111111-1111-4111-8111-111111111111");
    snprintf(a.subject, sizeof a.subject, "Glaze colour sample B");
    snprintf(a.approver_name, sizeof a.approver_name, "Sara Kim");
    a.role = FQ_ROLE_BUYER;
    if (fq_store_put_approval(st, &a))
        fail_msg("approval: %s", fq_store_errmsg(st));
    fq_meas_reading r;
    memset(&r, 0, sizeof r);
    snprintf(r.visit_uuid, sizeof r.visit_uuid, "22222222-2222-4222-8222-222222222222");
    snprintf(r.spec_uuid, sizeof r.spec_uuid, "spec-1");
    r.unit_no = 1;
    r.value_milli = 600100;
    if (fq_store_put_meas_reading(st, &r))
        fail_msg("reading: %s", fq_store_errmsg(st));
    assert_int_equal(fq_store_last_seq(st, &after), FQ_OK);
    *logged = after - before;
}

static void test_v6_to_v9_databases_upgrade(void **state)
{
    (void)state;
    for (int from = 6; from <= 9; from++) {
        char path[1024], name[32];
        snprintf(name, sizeof name, "v%d.db", from);
        fq_test_path(path, sizeof path, name);
        load_fixture(path, NULL);
        fq_store *st = NULL;
        if (fq_store_open(path, &st))
            fail_msg("open v1: %s", fq_store_errmsg(st));
        if (from >= 7) { /* an approval recorded under v7 stays (and v8's reading) */
            int64_t n = 0;
            put_approval_and_reading(st, &n);
            assert_int_equal(n, 2);
        }
        fq_store_close(st);
        downgrade(path, from);
        assert_int_equal(user_version(path), from);

        st = NULL;
        if (fq_store_open(path, &st))
            fail_msg("open v%d: %s", from, fq_store_errmsg(st));
        assert_int_equal(user_version(path), FQ_STORE_SCHEMA_VERSION);
        fq_order o;
        assert_int_equal(fq_store_get_order(st, "11111111-1111-4111-8111-111111111111", &o),
                         FQ_OK);
        assert_string_equal(o.po_number, "PO-V1-77");
        assert_string_equal(o.carton_barcode, "");
        fq_finding f;
        assert_int_equal(fq_store_get_finding(st, "33333333-3333-4333-8333-333333333333", &f),
                         FQ_OK);
        assert_string_equal(f.note, "4 of 50 tiles bowed");
        int64_t n_appr = -1, n_read = -1;
        assert_int_equal(fq_store_count(st, FQ_ENT_APPROVAL, NULL, NULL, &n_appr), FQ_OK);
        assert_int_equal(n_appr, from >= 7 ? 1 : 0);
        assert_int_equal(fq_store_count(st, FQ_ENT_MEAS_READING, NULL, NULL, &n_read), FQ_OK);
        assert_int_equal(n_read, from >= 8 ? 1 : 0);
        int64_t logged = 0;
        put_approval_and_reading(st, &logged);
        assert_int_equal(logged, 2);
        fq_store_close(st);
        /* and reopening the upgraded database changes nothing */
        assert_int_equal(fq_store_open(path, &st), FQ_OK);
        fq_store_close(st);
        assert_int_equal(user_version(path), FQ_STORE_SCHEMA_VERSION);
    }
}

typedef struct exported {
    int n;
    char json[16][2048];
    char uuid[16][FQ_UUID_LEN];
} exported;

static int keep_change(void *ctx, const fq_change *c)
{
    exported *x = ctx;
    if (x->n < 16) {
        snprintf(x->json[x->n], sizeof x->json[0], "%s", c->json ? c->json : "");
        snprintf(x->uuid[x->n], sizeof x->uuid[0], "%s", c->uuid);
        x->n++;
    }
    return 0;
}

/* Migration 4 (issue 11): the copies of one checkpoint that two tablets seeded under their
 * own ids become one item under the stable id, the findings and the change log still to be
 * exported follow it, and every old change goes out with a base. */
static void test_v1_duplicate_checklists_merge(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "v1-dups.db");
    load_fixture(path,
                 "INSERT INTO checklist_items VALUES('aaaaaaaa-0000-4000-8000-00000000000a',"
                 "'tab-a','Li',1790000000,1790000000,1,1,'In-line','Packing',0,"
                 "'Marks match the order');"
                 "INSERT INTO checklist_items VALUES('bbbbbbbb-0000-4000-8000-00000000000b',"
                 "'tab-b','Wang',1790000100,1790000100,1,1,'In-line','Packing',3,"
                 "'Marks match the order');"
                 "INSERT INTO checklist_items VALUES('cccccccc-0000-4000-8000-00000000000c',"
                 "'tab-b','Wang',1790000100,1790000100,1,1,'In-line','Product',4,'Colour');"
                 /* the fixture's v1 triggers log these, as a v1 tablet did */
                 "UPDATE findings SET item_uuid = 'bbbbbbbb-0000-4000-8000-00000000000b',"
                 " revision = 2;");
    fq_store *st = NULL;
    if (fq_store_open(path, &st))
        fail_msg("open v1: %s", fq_store_errmsg(st));
    char marks[FQ_UUID_LEN], colour[FQ_UUID_LEN];
    fq_checklist_item_id(1, "Packing", "Marks match the order", marks);
    fq_checklist_item_id(1, "Product", "Colour", colour);
    fq_checklist_item *items = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(st, FQ_ENT_CHECKLIST_ITEM, NULL, NULL, "position",
                                   (void **)&items, &n), FQ_OK);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].meta.uuid, marks);
    assert_string_equal(items[0].meta.device_id, "tab-a"); /* the oldest copy is kept */
    assert_string_equal(items[1].meta.uuid, colour);
    free(items);
    fq_finding f;
    assert_int_equal(fq_store_get_finding(st, "33333333-3333-4333-8333-333333333333", &f), FQ_OK);
    assert_string_equal(f.item_uuid, marks);
    fq_visit v;
    assert_int_equal(fq_store_get_visit(st, "22222222-2222-4222-8222-222222222222", &v), FQ_OK);
    assert_int_equal(v.result_revision, v.meta.revision);

    exported x;
    memset(&x, 0, sizeof x);
    assert_int_equal(fq_store_changes_since(st, 0, keep_change, &x), FQ_OK);
    assert_int_equal(x.n, 9);
    for (int i = 0; i < x.n; i++)
        if (!strstr(x.json[i], "\"_base\":{\"revision\":"))
            fail_msg("change %d has no base: %s", i + 1, x.json[i]);
    assert_non_null(strstr(x.json[1], "\"result_revision\":1")); /* the visit */
    assert_string_equal(x.uuid[5], marks);
    assert_string_equal(x.uuid[6], marks); /* the office keeps one of them */
    assert_string_equal(x.uuid[7], colour);
    assert_non_null(strstr(x.json[6], marks));
    assert_non_null(strstr(x.json[8], marks));
    assert_non_null(strstr(x.json[8], "\"_base\":{\"revision\":1}"));
    fq_store_close(st);
}

/* A record an old office froze by taking a device's INT64_MAX can change again. */
static void test_v1_frozen_revision_thaws(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "v1-frozen.db");
    load_fixture(path, "UPDATE orders SET revision = 9223372036854775807;");
    fq_store *st = NULL;
    if (fq_store_open(path, &st))
        fail_msg("open v1: %s", fq_store_errmsg(st));
    fq_order o;
    assert_int_equal(fq_store_get_order(st, "11111111-1111-4111-8111-111111111111", &o), FQ_OK);
    assert_int_equal(o.meta.revision, FQ_STORE_REVISION_MAX - (INT64_C(1) << 20));
    o.quantity = 13000;
    if (fq_store_put_order(st, &o))
        fail_msg("put: %s", fq_store_errmsg(st));
    assert_int_equal(o.meta.revision, FQ_STORE_REVISION_MAX - (INT64_C(1) << 20) + 1);
    fq_store_close(st);
}

/* A release adds an entity table: its change-log triggers can only be created after the
 * step that creates the table, never after each earlier step. Migration 6 adds approvals
 * (issue 12): a v1 database goes through every step and the new table's writes are logged
 * like every other. */
static void test_v1_through_a_migration_that_adds_a_table(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "v1-adds-table.db");
    load_fixture(path, "");
    fq_store *st = NULL;
    if (fq_store_open(path, &st))
        fail_msg("open v1 through an added table: %s", fq_store_errmsg(st));
    assert_int_equal(user_version(path), FQ_STORE_SCHEMA_VERSION);
    fq_order o;
    assert_int_equal(fq_store_get_order(st, "11111111-1111-4111-8111-111111111111", &o), FQ_OK);
    int64_t before = 0, after = 0;
    assert_int_equal(fq_store_last_seq(st, &before), FQ_OK);
    fq_approval a;
    memset(&a, 0, sizeof a);
    snprintf(a.order_uuid, sizeof a.order_uuid, "%s", o.meta.uuid);
    snprintf(a.subject, sizeof a.subject, "Carton marks artwork v4");
    snprintf(a.approver_name, sizeof a.approver_name, "Sara Kim");
    a.role = FQ_ROLE_BUYER;
    if (fq_store_put_approval(st, &a))
        fail_msg("approval: %s", fq_store_errmsg(st));
    assert_int_equal(fq_store_last_seq(st, &after), FQ_OK);
    assert_int_equal(after, before + 1);
    fq_store_close(st);
}

/* Migration 6 (issue 12): a Yes/No answer becomes tri-state. A stored 1 stays yes; a 0 on a
 * record somebody edited was shown as "no" and stays no; a 0 nobody touched is unanswered.
 * The entries still to be exported follow the same rule and carry the new columns; the
 * sign-offs of a visit reopened since are superseded with the reopen reason. */
static void test_v1_answers_become_tri_state(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "v1-tri-state.db");
    load_fixture(path,
                 "UPDATE production SET revision = 2, packaging_on_site = 1, completed = 10;"
                 "UPDATE visits SET reopen_reason = 'Buyer asked for a recount';"
                 "INSERT INTO signoffs VALUES('44444444-4444-4444-8444-444444444444',"
                 " 'device-v1-fixture', 'Chen Jing', 1790000000, 1790000000, 1,"
                 " '22222222-2222-4222-8222-222222222222', '', 'Visit verdict: pass',"
                 " 'Wang Fang', 1, 1790000000, 1, '');");
    fq_store *st = NULL;
    if (fq_store_open(path, &st))
        fail_msg("open: %s", fq_store_errmsg(st));
    fq_production p;
    assert_int_equal(fq_store_get_production(st, "92cc2fa6-f647-4059-bec5-509e9b07c7f9", &p),
                     FQ_OK);
    assert_int_equal(p.materials_on_site, FQ_ANSWER_NO);   /* edited, was 0: shown as no */
    assert_int_equal(p.packaging_on_site, FQ_ANSWER_YES);
    fq_signoff so;
    assert_int_equal(fq_store_get_signoff(st, "44444444-4444-4444-8444-444444444444", &so), FQ_OK);
    assert_true(so.superseded_utc > 0);
    assert_string_equal(so.superseded_reason, "Buyer asked for a recount");
    sqlite3 *db = fq_store_db(st);
    sqlite3_stmt *stmt;
    /* the insert (revision 1) was unanswered, the update (revision 2) said no */
    assert_int_equal(sqlite3_prepare_v2(db,
                         "SELECT json_extract(data, '$.materials_on_site'),"
                         " json_extract(data, '$.packaging_on_site') FROM changelog"
                         " WHERE tbl = 'production' ORDER BY seq", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(stmt, 0), FQ_ANSWER_UNSET);
    assert_int_equal(sqlite3_column_int(stmt, 1), FQ_ANSWER_UNSET);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(stmt, 0), FQ_ANSWER_NO);
    assert_int_equal(sqlite3_column_int(stmt, 1), FQ_ANSWER_YES);
    sqlite3_finalize(stmt);
    assert_int_equal(sqlite3_prepare_v2(db,
                         "SELECT json_type(data, '$.carton_barcode') FROM changelog"
                         " WHERE tbl = 'orders'", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "text");
    sqlite3_finalize(stmt);
    fq_store_close(st);
}

static void test_failed_migration_rolls_back(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "v1-broken.db");
    /* a stray table that migration 2 wants to create makes it fail half-way */
    load_fixture(path, "CREATE TABLE sync_exports(x);");
    fq_store *st = NULL;
    fq_err err = fq_store_open(path, &st);
    assert_int_not_equal(err, FQ_OK);
    assert_non_null(strstr(fq_store_errmsg(st), "sync_exports"));
    fq_store_close(st);
    assert_int_equal(user_version(path), 1);
    sqlite3 *db;
    sqlite3_open(path, &db);
    assert_int_equal(sqlite3_exec(db, "SELECT * FROM sync_receipts", NULL, NULL, NULL),
                     SQLITE_ERROR); /* the first table of v2 was rolled back too */
    sqlite3_close(db);
}

static void test_newer_schema_is_refused_untouched(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "future.db");
    remove(path);
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    sqlite3_exec(fq_store_db(st), "PRAGMA user_version = 99", NULL, NULL, NULL);
    fq_store_close(st);
    unsigned char *before, *after;
    size_t before_len, after_len;
    assert_int_equal(fq_test_read_file(path, &before, &before_len), 0);

    fq_err err = fq_store_open(path, &st);
    assert_int_equal(err, FQ_ERR_VERSION);
    assert_non_null(strstr(fq_store_errmsg(st), "newer"));
    assert_non_null(strstr(fq_store_errmsg(st), "not changed"));
    fq_store_close(st);

    assert_int_equal(fq_test_read_file(path, &after, &after_len), 0);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    assert_int_equal(user_version(path), 99);
    free(before);
    free(after);
}

static void test_not_a_database(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "photo.jpg");
    const char junk[] = "\xff\xd8\xff\xe0 this is a JPEG, not a database, padded to a page...."
                        "................................................................";
    assert_int_equal(fq_test_write_file(path, junk, sizeof junk), 0);
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_ERR_CORRUPT);
    assert_non_null(strstr(fq_store_errmsg(st), "not a fieldqc database"));
    fq_store_close(st);
    unsigned char *back;
    size_t len;
    assert_int_equal(fq_test_read_file(path, &back, &len), 0);
    assert_int_equal(len, sizeof junk);
    assert_memory_equal(back, junk, len);
    free(back);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_store_migrate tests/fixtures/store_v1.sql\n");
        return 2;
    }
    fixture_path = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_database_is_current),
        cmocka_unit_test(test_v1_database_migrates_with_data),
        cmocka_unit_test(test_v1_through_a_migration_that_adds_a_table),
        cmocka_unit_test(test_v6_to_v9_databases_upgrade),
        cmocka_unit_test(test_v1_answers_become_tri_state),
        cmocka_unit_test(test_v1_duplicate_checklists_merge),
        cmocka_unit_test(test_v1_frozen_revision_thaws),
        cmocka_unit_test(test_failed_migration_rolls_back),
        cmocka_unit_test(test_newer_schema_is_refused_untouched),
        cmocka_unit_test(test_not_a_database),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
