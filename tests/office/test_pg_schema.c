/* The office schema on PostgreSQL follows the column maps (office/pg/pg_schema.c): a database
 * made before a column was added to a map (orders.aql_standard and aql_plans.standard, sqlite
 * schema v6, issue 19) gets it on the next open, with sqlite's default and check, its rows
 * kept; a database of a newer schema version is refused and left as it is. Runs only with the
 * PostgreSQL fixture (FIELDQC_TEST_PG_URL). */
#include "harness.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        cmocka_unit_test(test_older_database_gets_new_columns),
        cmocka_unit_test(test_newer_database_is_refused_untouched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
