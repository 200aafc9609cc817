/* The office schema on PostgreSQL follows the column maps (office/pg/pg_schema.c): a database
 * made before a column was added to a map (orders.aql_standard and aql_plans.standard, sqlite
 * schema v6, issue 19) gets it on the next open, with sqlite's default and check, its rows
 * kept; a database made before a record type was added (meas_specs, meas_readings,
 * site_tests, issue 20) gets its table with its references and checks; every reference
 * between record tables of the sqlite schema (lib/store/schema.c) is one on PostgreSQL
 * (pg_schema.c's hand-kept `refs`); a database of a newer schema version is refused and left
 * as it is. Runs only with the PostgreSQL fixture (FIELDQC_TEST_PG_URL). */
#include "harness.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model_fields.h"
#include "office/office.h"
#include "office/ostore.h"
#include "office/pg/pg.h"

static char url[1024];

/* Runs sql on the test database with libpq, as an older fieldqc or a person would. */
static void psql(const char *sql)
{
    PGconn *c = PQconnectdb(url);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
}

static fq_office *open_office(void)
{
    char photos[1100];
    snprintf(photos, sizeof photos, "%s/photos", fq_test_dir(NULL));
    fq_office *o = NULL;
    if (fq_office_open_with(url, photos, &o))
        fail_msg("open: %s", o ? fq_office_errmsg(o) : "out of memory");
    return o;
}

static void test_older_database_gets_new_columns(void **state)
{
    (void)state;
    char err[512];
    if (fq_pg_create_database(getenv("FIELDQC_TEST_PG_URL"), "fqt_pg_schema", 1, url,
                              sizeof url, err, sizeof err))
        fail_msg("create database: %s", err);
    fq_office *o = open_office();
    fq_ostore *s = fq_office_store(o);
    fq_order ord;
    memset(&ord, 0, sizeof ord);
    snprintf(ord.po_number, sizeof ord.po_number, "PO-OLD");
    ord.quantity = 500;
    assert_int_equal(fq_ostore_put(s, FQ_ENT_ORDER, &ord), FQ_OK);
    fq_office_close(o);

    /* the database as a build before schema v6 left it */
    psql("ALTER TABLE orders DROP COLUMN aql_standard;"
         "ALTER TABLE aql_plans DROP COLUMN standard;"
         "UPDATE fq_schema SET maps = 'before-v6'");

    o = open_office();
    s = fq_office_store(o);
    fq_order got;
    assert_int_equal(fq_ostore_get(s, FQ_ENT_ORDER, ord.meta.uuid, &got), FQ_OK);
    assert_string_equal(got.po_number, "PO-OLD");
    assert_int_equal(got.quantity, 500);
    assert_int_equal(got.aql_standard, 0); /* ISO 2859-1, as sqlite's migration */
    got.aql_standard = 1;
    assert_int_equal(fq_ostore_put(s, FQ_ENT_ORDER, &got), FQ_OK);
    /* the check came with the column */
    got.aql_standard = 7;
    assert_int_not_equal(fq_ostore_put(s, FQ_ENT_ORDER, &got), FQ_OK);
    assert_int_equal(fq_ostore_get(s, FQ_ENT_ORDER, ord.meta.uuid, &got), FQ_OK);
    assert_int_equal(got.aql_standard, 1);
    int64_t n = 0;
    assert_int_equal(fq_ostore_count(s, FQ_ENT_AQL_PLAN, NULL, NULL, &n), FQ_OK);
    assert_int_equal(n, 0);
    fq_office_close(o);

    /* opening again with the same maps changes nothing (one check, not two) */
    o = open_office();
    fq_office_close(o);
    PGconn *c = PQconnectdb(url);
    PGresult *r = PQexec(c, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass"
                            " AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%aql_standard%'");
    assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
    assert_string_equal(PQgetvalue(r, 0, 0), "1");
    PQclear(r);
    PQfinish(c);
}

/* "table.column>target " per reference between record tables, sorted. */
static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void joined(char **refs, size_t n, char *out, size_t out_len)
{
    qsort(refs, n, sizeof *refs, by_text);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        snprintf(out + strlen(out), out_len - strlen(out), "%s ", refs[i]);
        free(refs[i]);
    }
}

static char *ref_text(const char *table, const char *column, const char *target)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s.%s>%s", table, column, target);
    return strdup(buf);
}

static void sqlite_refs(char *out, size_t out_len)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/refs.db", fq_test_dir(NULL));
    remove(path);
    fq_ostore *st = NULL;
    if (fq_ostore_open(path, &st))
        fail_msg("sqlite office: %s", fq_ostore_errmsg(st));
    fq_ostore_close(st);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char *refs[128];
    size_t n = 0;
    for (int i = 0; i < FQ_ENT_COUNT; i++) {
        const char *table = fq_entity_get((fq_entity_id)i)->table;
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list('%s')",
                 table);
        sqlite3_stmt *stmt = NULL;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
        while (sqlite3_step(stmt) == SQLITE_ROW && n < 128)
            refs[n++] = ref_text(table, (const char *)sqlite3_column_text(stmt, 0),
                                 (const char *)sqlite3_column_text(stmt, 1));
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    joined(refs, n, out, out_len);
}

static void pg_refs(const char *db_url, char *out, size_t out_len)
{
    PGconn *c = PQconnectdb(db_url);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, "SELECT t.relname::text, a.attname::text, f.relname::text"
                            " FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid"
                            " JOIN pg_class f ON f.oid = k.confrelid"
                            " JOIN pg_attribute a ON a.attrelid = k.conrelid"
                            " AND a.attnum = k.conkey[1] WHERE k.contype = 'f'");
    assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
    char *refs[128];
    size_t n = 0;
    for (int i = 0; i < PQntuples(r) && n < 128; i++)
        if (fq_entity_by_table(PQgetvalue(r, i, 0)))
            refs[n++] = ref_text(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), PQgetvalue(r, i, 2));
    PQclear(r);
    PQfinish(c);
    joined(refs, n, out, out_len);
}

static void test_references_as_sqlite(void **state)
{
    (void)state;
    char err[512], db_url[1024];
    if (fq_pg_create_database(getenv("FIELDQC_TEST_PG_URL"), "fqt_pg_refs", 1, db_url,
                              sizeof db_url, err, sizeof err))
        fail_msg("create database: %s", err);
    snprintf(url, sizeof url, "%s", db_url);
    fq_office_close(open_office());
    char want[8192], got[8192];
    sqlite_refs(want, sizeof want);
    pg_refs(db_url, got, sizeof got);
    assert_non_null(strstr(want, "meas_specs.order_uuid>orders "));
    assert_string_equal(got, want);

    /* a database made before issue 20 gets the new tables, with their references */
    psql("DROP TABLE meas_specs, meas_readings, site_tests;"
         "UPDATE fq_schema SET maps = 'before-v8'");
    fq_office *o = open_office();
    fq_ostore *s = fq_office_store(o);
    fq_meas_reading rd;
    memset(&rd, 0, sizeof rd);
    snprintf(rd.visit_uuid, sizeof rd.visit_uuid, "no-such-visit");
    snprintf(rd.spec_uuid, sizeof rd.spec_uuid, "no-such-spec");
    rd.unit_no = 1;
    assert_int_equal(fq_ostore_begin(s), FQ_OK);
    assert_int_equal(fq_ostore_put(s, FQ_ENT_MEAS_READING, &rd), FQ_OK);
    assert_int_not_equal(fq_ostore_commit(s), FQ_OK); /* deferred to the commit, as sqlite's */
    int64_t n = -1;
    assert_int_equal(fq_ostore_count(s, FQ_ENT_MEAS_READING, NULL, NULL, &n), FQ_OK);
    assert_int_equal(n, 0);
    /* and with sqlite's checks */
    fq_meas_spec sp;
    memset(&sp, 0, sizeof sp);
    snprintf(sp.point, sizeof sp.point, "A");
    snprintf(sp.unit, sizeof sp.unit, "cm");
    sp.severity = FQ_SEV_MAJOR;
    sp.n_units = 33;
    assert_int_not_equal(fq_ostore_put(s, FQ_ENT_MEAS_SPEC, &sp), FQ_OK);
    assert_non_null(strstr(fq_ostore_errmsg(s), "n_units"));
    fq_office_close(o);
    pg_refs(db_url, got, sizeof got);
    assert_string_equal(got, want);
}

/* The portal finds a photo's visits by its hash for each photo a page shows: an index on
 * PostgreSQL as on sqlite (schema v10), made on an older database at its next open. */
static void test_photo_hash_index(void **state)
{
    (void)state;
    /* as a database an earlier fieldqc made: no index, its schema fingerprint */
    psql("DROP INDEX IF EXISTS photos_sha256; UPDATE fq_schema SET maps = 'earlier'");
    fq_office_close(open_office());
    PGconn *c = PQconnectdb(url);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, "SELECT indexdef FROM pg_indexes WHERE tablename = 'photos'"
                            " AND indexname = 'photos_sha256'");
    assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
    assert_int_equal(PQntuples(r), 1);
    assert_non_null(strstr(PQgetvalue(r, 0, 0), "(sha256)"));
    PQclear(r);
    PQfinish(c);
}

static void test_newer_database_is_refused_untouched(void **state)
{
    (void)state;
    psql("UPDATE fq_schema SET version = 99, maps = 'from-the-future'");
    char photos[1100];
    snprintf(photos, sizeof photos, "%s/photos", fq_test_dir(NULL));
    fq_office *o = NULL;
    assert_int_not_equal(fq_office_open_with(url, photos, &o), FQ_OK);
    assert_non_null(o);
    assert_non_null(strstr(fq_office_errmsg(o), "newer"));
    fq_office_close(o);
    PGconn *c = PQconnectdb(url);
    PGresult *r = PQexec(c, "SELECT version, maps FROM fq_schema");
    assert_string_equal(PQgetvalue(r, 0, 0), "99");
    assert_string_equal(PQgetvalue(r, 0, 1), "from-the-future");
    PQclear(r);
    PQfinish(c);
}

int main(void)
{
    if (!getenv("FIELDQC_TEST_PG_URL") || !*getenv("FIELDQC_TEST_PG_URL")) {
        fprintf(stderr, "test_pg_schema: no FIELDQC_TEST_PG_URL (run through ctest)\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_references_as_sqlite),
        cmocka_unit_test(test_older_database_gets_new_columns),
        cmocka_unit_test(test_photo_hash_index),
        cmocka_unit_test(test_newer_database_is_refused_untouched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
