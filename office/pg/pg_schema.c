/* The office schema on PostgreSQL, generated from the column maps (core/model_fields.h) so a
 * new record type or column needs no SQL here: every entity is a table of its meta and
 * field columns (TEXT COLLATE "C": bytewise order, as sqlite's; every integer BIGINT, as
 * sqlite's INTEGER), a hidden _row serial keeps insertion order (sqlite's rowid), and one
 * trigger function logs every insert, update and delete into the change log as the row's
 * JSON. The office's bookkeeping tables are written out below; the references and checks of
 * the sqlite schema (lib/store/schema.c) are the one list that is hand-kept here (`refs`,
 * `checks`): a new record type with a reference adds a line (tests/office/test_pg_schema.c
 * fails while the references differ from sqlite's).
 *
 * Version: fq_schema.version; a database newer than this build is refused untouched. */
#include "pg_internal.h"

#include <stdio.h>
#include <string.h>

#define PG_SCHEMA_VERSION 1
#define SCHEMA_LOCK "4651420014"

/* The references of lib/store's schema (all deferred to the commit, as there). */
static const struct ref {
    const char *table, *column, *target;
} refs[] = {
    {"milestones", "order_uuid", "orders"}, {"visits", "order_uuid", "orders"},
    {"findings", "visit_uuid", "visits"},   {"defects", "visit_uuid", "visits"},
    {"production", "visit_uuid", "visits"}, {"aql_plans", "visit_uuid", "visits"},
    {"cartons", "visit_uuid", "visits"},    {"issues", "order_uuid", "orders"},
    {"approvals", "order_uuid", "orders"}, /* sqlite schema v7 (issue 12) */
    /* sqlite schema v8 (issue 20); meas_readings.spec_uuid is no reference there either */
    {"meas_specs", "order_uuid", "orders"},
    {"meas_readings", "visit_uuid", "visits"},
    {"site_tests", "visit_uuid", "visits"},
};

/* Its checks beyond NOT NULL (revision columns are checked for every entity), by column: a
 * column added to an older database gets its check with it. */
static const struct check {
    const char *table, *column, *expr;
} checks[] = {
    {"defects", "count", "count >= 0"},
    {"orders", "aql_standard", "aql_standard IN (0, 1)"}, /* sqlite schema v6 (issue 19) */
    {"aql_plans", "standard", "standard IN (0, 1)"},
    /* sqlite schema v8 (issue 20) */
    {"meas_specs", "tol_minus_milli", "tol_minus_milli >= 0"},
    {"meas_specs", "tol_plus_milli", "tol_plus_milli >= 0"},
    {"meas_specs", "n_units", "n_units BETWEEN 1 AND 32"},
    {"meas_specs", "severity", "severity BETWEEN 1 AND 3"},
    {"meas_readings", "unit_no", "unit_no BETWEEN 1 AND 32"},
    {"site_tests", "n_tested", "n_tested >= 0"},
    {"site_tests", "n_failed", "n_failed >= 0"},
};

static const char *check_of(const fq_entity *e, const char *column)
{
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        if (!strcmp(checks[i].table, e->table) && !strcmp(checks[i].column, column))
            return checks[i].expr;
    return NULL;
}

/* The columns e's table has now into have (bit i: e->fields[i]); *out_exists 0 when there is
 * no such table yet. */
static fq_err existing_columns(fq_pg *pg, const fq_entity *e, int *out_exists, uint64_t *have)
{
    const char *p[] = {e->table};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "schema",
                             "SELECT column_name::text FROM information_schema.columns"
                             " WHERE table_schema = current_schema() AND table_name = $1",
                             1, p, &res);
    if (err)
        return err;
    *out_exists = PQntuples(res) > 0;
    *have = 0;
    for (int r = 0; r < PQntuples(res); r++)
        for (size_t i = 0; i < e->n_fields && i < 64; i++)
            if (!strcmp(PQgetvalue(res, r, 0), e->fields[i].column))
                *have |= UINT64_C(1) << i;
    PQclear(res);
    return FQ_OK;
}

static const char office_tables[] =
    "CREATE TABLE IF NOT EXISTS settings (key TEXT COLLATE \"C\" PRIMARY KEY,"
    " value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS changelog (seq BIGSERIAL PRIMARY KEY, tbl TEXT NOT NULL,"
    " uuid TEXT NOT NULL, revision BIGINT NOT NULL, op TEXT NOT NULL, at_utc BIGINT NOT NULL,"
    " origin INTEGER NOT NULL, data JSONB);"
    "CREATE INDEX IF NOT EXISTS changelog_record ON changelog(uuid, op);"
    "CREATE TABLE IF NOT EXISTS office_imports (bundle_id TEXT PRIMARY KEY,"
    " device_id TEXT NOT NULL, inspector TEXT NOT NULL, after_seq BIGINT NOT NULL,"
    " to_seq BIGINT NOT NULL, n_records BIGINT NOT NULL, n_applied BIGINT NOT NULL,"
    " n_photos BIGINT NOT NULL, bytes BIGINT NOT NULL, content_sha256 TEXT NOT NULL,"
    " file TEXT NOT NULL, imported_utc BIGINT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS office_imports_device ON office_imports(device_id, after_seq);"
    "CREATE TABLE IF NOT EXISTS office_photo_senders (sha256 TEXT COLLATE \"C\" NOT NULL,"
    " device_id TEXT NOT NULL, bytes BIGINT NOT NULL, bundle_id TEXT NOT NULL,"
    " PRIMARY KEY (sha256, device_id));"
    "CREATE INDEX IF NOT EXISTS office_photo_senders_device"
    " ON office_photo_senders(device_id, sha256);"
    /* receipts (issue 18), as lib/store's office_log.c: the photo's first receipt (an older
     * database gets the column: NULL, so its next receipt names every photo) */
    "ALTER TABLE office_photo_senders ADD COLUMN IF NOT EXISTS named_in BIGINT;"
    "CREATE TABLE IF NOT EXISTS office_receipts (n BIGSERIAL PRIMARY KEY,"
    " bundle_id TEXT NOT NULL UNIQUE, device_id TEXT NOT NULL, issued_utc BIGINT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS office_receipt_acks (device_id TEXT NOT NULL,"
    " signer_key TEXT NOT NULL, receipt_n BIGINT NOT NULL, acked_utc BIGINT NOT NULL,"
    " PRIMARY KEY (device_id, signer_key));"
    "CREATE TABLE IF NOT EXISTS office_conflicts (id BIGSERIAL PRIMARY KEY,"
    " kind TEXT NOT NULL CHECK (kind IN ('conflict', 'refused')), tbl TEXT NOT NULL,"
    " uuid TEXT NOT NULL, grp TEXT NOT NULL, writer TEXT NOT NULL, bundle_id TEXT NOT NULL,"
    " seq BIGINT NOT NULL, op TEXT NOT NULL, base BIGINT NOT NULL, revision BIGINT NOT NULL,"
    " held_revision BIGINT NOT NULL, changed TEXT NOT NULL, data TEXT, reason TEXT NOT NULL,"
    " at_utc BIGINT NOT NULL, status TEXT NOT NULL DEFAULT 'open'"
    " CHECK (status IN ('open', 'resolved')), resolution TEXT NOT NULL DEFAULT '',"
    " resolved_revision BIGINT NOT NULL DEFAULT 0, resolved_utc BIGINT NOT NULL DEFAULT 0);"
    "CREATE INDEX IF NOT EXISTS office_conflicts_record ON office_conflicts(tbl, uuid, grp,"
    " status);"
    "CREATE TABLE IF NOT EXISTS office_enrolments (id BIGSERIAL PRIMARY KEY,"
    " device_id TEXT COLLATE \"C\" NOT NULL, public_key TEXT NOT NULL,"
    " enrolled_utc BIGINT NOT NULL, ended_utc BIGINT NOT NULL DEFAULT 0,"
    " ended_why TEXT NOT NULL DEFAULT '' CHECK (ended_why IN ('', 'revoked', 'replaced')));"
    "CREATE INDEX IF NOT EXISTS office_enrolments_device ON office_enrolments(device_id, id);"
    "CREATE TABLE IF NOT EXISTS office_import_signers (bundle_id TEXT PRIMARY KEY,"
    " signer_key TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS office_tokens (id TEXT COLLATE \"C\" PRIMARY KEY,"
    " name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('laptop', 'read')),"
    " hash TEXT NOT NULL, created_utc BIGINT NOT NULL, revoked_utc BIGINT NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS office_outbound (bundle_id TEXT PRIMARY KEY,"
    " device_id TEXT NOT NULL, file TEXT NOT NULL, bytes BIGINT NOT NULL,"
    " queued_utc BIGINT NOT NULL, sent_utc BIGINT NOT NULL DEFAULT 0,"
    " server TEXT NOT NULL DEFAULT '', n BIGSERIAL);"
    /* the web portal (issue 14): lib/store/office_portal.c's tables */
    "CREATE TABLE IF NOT EXISTS office_users (name TEXT COLLATE \"C\" PRIMARY KEY,"
    " display TEXT NOT NULL, role TEXT NOT NULL"
    " CHECK (role IN ('coordinator', 'buyer', 'inspector')),"
    " company TEXT NOT NULL, pw_hash TEXT NOT NULL, created_utc BIGINT NOT NULL,"
    " updated_utc BIGINT NOT NULL, disabled_utc BIGINT NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS office_sessions (id_hash TEXT PRIMARY KEY,"
    " username TEXT NOT NULL, csrf TEXT NOT NULL, created_utc BIGINT NOT NULL,"
    " expires_utc BIGINT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS office_sessions_user ON office_sessions(username);"
    "CREATE TABLE IF NOT EXISTS office_requests (id TEXT COLLATE \"C\" PRIMARY KEY,"
    " order_uuid TEXT NOT NULL, milestone_uuid TEXT NOT NULL, kind TEXT NOT NULL"
    " CHECK (kind IN ('sample', 'spec_change', 'shipment_release')),"
    " subject TEXT NOT NULL, requested_by TEXT NOT NULL, requested_utc BIGINT NOT NULL,"
    " due_utc BIGINT NOT NULL, status TEXT NOT NULL DEFAULT 'pending'"
    " CHECK (status IN ('pending', 'approved', 'rejected')),"
    " decided_by TEXT NOT NULL DEFAULT '', decided_utc BIGINT NOT NULL DEFAULT 0,"
    " comment TEXT NOT NULL DEFAULT '', approval_uuid TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX IF NOT EXISTS office_requests_order ON office_requests(order_uuid);"
    /* the change log's origin: 1 while a device's change is applied (fieldqc.applying, set
     * per transaction), 0 for the office's own writes; a delete is logged at revision + 1 */
    "CREATE OR REPLACE FUNCTION fq_log() RETURNS trigger LANGUAGE plpgsql AS $$"
    " DECLARE origin integer := coalesce(nullif(current_setting('fieldqc.applying', true), ''),"
    " '0')::integer;"
    " BEGIN"
    "  IF TG_OP = 'DELETE' THEN"
    "   INSERT INTO changelog(tbl, uuid, revision, op, at_utc, origin, data) VALUES"
    "    (TG_TABLE_NAME, OLD.uuid, OLD.revision + 1, 'D', extract(epoch FROM now())::bigint,"
    "     origin, NULL);"
    "   RETURN OLD;"
    "  END IF;"
    "  INSERT INTO changelog(tbl, uuid, revision, op, at_utc, origin, data) VALUES"
    "   (TG_TABLE_NAME, NEW.uuid, NEW.revision, left(TG_OP, 1), NEW.updated_utc, origin,"
    "    to_jsonb(NEW) - '_row');"
    "  RETURN NEW;"
    " END $$;";

/* Appends printf output; returns -1 once it no longer fits. */
static int add(char *buf, size_t len, size_t *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#include <stdarg.h>

static int add(char *buf, size_t len, size_t *pos, const char *fmt, ...)
{
    if (*pos >= len)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= len - *pos) {
        *pos = len;
        return -1;
    }
    *pos += (size_t)n;
    return 0;
}

static const char *pg_type(const fq_field *f)
{
    return f->type == FQ_FIELD_TEXT ? "TEXT COLLATE \"C\"" : "BIGINT";
}

static fq_err entity_table(fq_pg *pg, const fq_entity *e)
{
    char sql[FQ_PG_SQL_LEN];
    size_t pos = 0, n_meta;
    int exists = 0;
    uint64_t have = 0;
    fq_err err = existing_columns(pg, e, &exists, &have);
    if (err)
        return err;
    const fq_field *meta = fq_meta_fields(&n_meta);
    int bad = add(sql, sizeof sql, &pos, "CREATE TABLE IF NOT EXISTS %s (_row BIGSERIAL",
                  e->table);
    for (size_t i = 0; i < n_meta + e->n_fields; i++) {
        const fq_field *f = i < n_meta ? &meta[i] : &e->fields[i - n_meta];
        bad |= add(sql, sizeof sql, &pos, ", %s %s NOT NULL%s", f->column, pg_type(f),
                   fq_entity_is_revision_column(e, f->column) ? " CHECK (" : "");
        if (fq_entity_is_revision_column(e, f->column))
            bad |= add(sql, sizeof sql, &pos, "%s >= 1)", f->column);
    }
    bad |= add(sql, sizeof sql, &pos, ", PRIMARY KEY (uuid)");
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (!strcmp(refs[i].table, e->table))
            bad |= add(sql, sizeof sql, &pos,
                       ", FOREIGN KEY (%s) REFERENCES %s(uuid) DEFERRABLE INITIALLY DEFERRED",
                       refs[i].column, refs[i].target);
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        if (!strcmp(checks[i].table, e->table))
            bad |= add(sql, sizeof sql, &pos, ", CHECK (%s)", checks[i].expr);
    bad |= add(sql, sizeof sql, &pos, ");");
    /* a column added to a map since the table was made (sqlite: a migration step), with its
     * default and its check */
    for (size_t i = 0; exists && i < e->n_fields; i++) {
        const fq_field *f = &e->fields[i];
        if (i < 64 && (have & (UINT64_C(1) << i)))
            continue;
        const char *check = check_of(e, f->column);
        bad |= add(sql, sizeof sql, &pos, "ALTER TABLE %s ADD COLUMN %s %s NOT NULL DEFAULT %s%s%s%s;",
                   e->table, f->column, pg_type(f),
                   f->type == FQ_FIELD_TEXT ? "''"
                   : fq_entity_is_revision_column(e, f->column) ? "1" : "0",
                   check ? " CHECK (" : "", check ? check : "", check ? ")" : "");
    }
    if (fq_entity_has_column(e, "visit_uuid"))
        bad |= add(sql, sizeof sql, &pos,
                   "CREATE INDEX IF NOT EXISTS %1$s_visit ON %1$s(visit_uuid);", e->table);
    if (fq_entity_has_column(e, "order_uuid"))
        bad |= add(sql, sizeof sql, &pos,
                   "CREATE INDEX IF NOT EXISTS %1$s_order ON %1$s(order_uuid);", e->table);
    if (fq_entity_has_column(e, "sha256")) /* the portal finds a photo's visits by it */
        bad |= add(sql, sizeof sql, &pos,
                   "CREATE INDEX IF NOT EXISTS %1$s_sha256 ON %1$s(sha256);", e->table);
    if (fq_entity_has_column(e, "assigned_device"))
        bad |= add(sql, sizeof sql, &pos,
                   "CREATE INDEX IF NOT EXISTS %1$s_device ON %1$s(assigned_device);", e->table);
    bad |= add(sql, sizeof sql, &pos,
               "CREATE INDEX IF NOT EXISTS %1$s_created ON %1$s(created_utc, _row);"
               "DROP TRIGGER IF EXISTS %1$s_log ON %1$s;"
               "CREATE TRIGGER %1$s_log AFTER INSERT OR UPDATE OR DELETE ON %1$s"
               " FOR EACH ROW EXECUTE FUNCTION fq_log();",
               e->table);
    if (bad)
        return fq_pg_fail(pg, FQ_ERR_INVALID, "schema SQL too long for %s", e->table);
    return fq_pg_exec(pg, "schema", sql);
}

/* The office's own tables and the record tables' indexes change without the maps: bump this
 * when office_tables or an index does, so an existing database gets them at its next open.
 * 2: the portal's tables (issue 14); 3: photos by hash (issue 18). */
#define OFFICE_TABLES_REVISION "3"

/* A fingerprint of the column maps and the office tables' revision: the schema is
 * (re)generated when it changes. */
static void maps_fingerprint(char out[24])
{
    uint64_t h = 1469598103934665603u;
    for (const char *c = OFFICE_TABLES_REVISION; *c; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211u;
    for (int i = 0; i < FQ_ENT_COUNT; i++) {
        const fq_entity *e = fq_entity_get((fq_entity_id)i);
        for (size_t k = 0; k <= e->n_fields; k++) {
            const char *name = k ? e->fields[k - 1].column : e->table;
            for (const unsigned char *p = (const unsigned char *)name; *p; p++)
                h = (h ^ *p) * 1099511628211u;
            h = (h ^ (k ? (uint64_t)e->fields[k - 1].type + 1 : 0)) * 1099511628211u;
        }
    }
    snprintf(out, 24, "%016llx", (unsigned long long)h);
}

fq_err fq_pg_schema(fq_pg *pg)
{
    char fp[24];
    maps_fingerprint(fp);
    const char *p[] = {fp};
    int64_t current = 0;
    /* the usual open: the schema is there, made from these maps */
    if (fq_pg_query_i64(pg, "schema",
                        "SELECT count(*) FROM pg_tables t WHERE t.tablename = 'fq_schema' AND"
                        " t.schemaname = current_schema() AND EXISTS (SELECT 1 FROM fq_schema"
                        " s WHERE s.version = 1 AND s.maps = $1)",
                        1, p, &current) == FQ_OK &&
        current == 1)
        return FQ_OK;
    pg->errmsg[0] = '\0';
    pg->n_stmts = 0; /* the statements prepared so far may name tables being remade */
    PQclear(PQexec(pg->conn, "DEALLOCATE ALL"));
    fq_err err = fq_pg_exec(pg, "schema", "SELECT pg_advisory_lock(" SCHEMA_LOCK ");"
                                          "CREATE TABLE IF NOT EXISTS fq_schema"
                                          " (version INTEGER NOT NULL, maps TEXT NOT NULL)");
    int64_t version = 0;
    if (!err)
        err = fq_pg_query_i64(pg, "schema", "SELECT coalesce(max(version), 0) FROM fq_schema", 0,
                              NULL, &version);
    if (!err && version > PG_SCHEMA_VERSION)
        err = fq_pg_fail(pg, FQ_ERR_VERSION,
                         "database schema version %lld is newer than this fieldqc understands "
                         "(%d): update fieldqc; the database was not changed",
                         (long long)version, PG_SCHEMA_VERSION);
    /* the tables are created IF NOT EXISTS every time: a record type added since (a new
     * column needs a version step) is created on the next open */
    if (!err)
        err = fq_pg_exec(pg, "schema", "BEGIN");
    if (!err)
        err = fq_pg_exec(pg, "schema", office_tables);
    for (int i = 0; !err && i < FQ_ENT_COUNT; i++)
        err = entity_table(pg, fq_entity_get((fq_entity_id)i));
    if (!err)
        err = fq_pg_exec(pg, "schema", "DELETE FROM fq_schema");
    if (!err)
        err = fq_pg_query(pg, "schema", "INSERT INTO fq_schema(version, maps) VALUES (1, $1)", 1,
                          p, NULL);
    if (!err)
        err = fq_pg_exec(pg, "schema", "COMMIT");
    else
        PQclear(PQexec(pg->conn, "ROLLBACK"));
    PQclear(PQexec(pg->conn, "SELECT pg_advisory_unlock(" SCHEMA_LOCK ")"));
    return err;
}
