/* Schema migrations, applied in order by PRAGMA user_version, each in one transaction.
 * A migration is never edited once released: change the schema by appending one.
 * Column lists must match core/model_fields.c (test_store_schema checks it). */
#include "store_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define META_COLS                                                                              \
    "uuid TEXT PRIMARY KEY NOT NULL, device_id TEXT NOT NULL, inspector TEXT NOT NULL, "     \
    "created_utc INTEGER NOT NULL, updated_utc INTEGER NOT NULL, "                            \
    "revision INTEGER NOT NULL CHECK (revision >= 1), "

/* v1: the domain model and the change log. */
static const char schema_v1[] =
    "CREATE TABLE orders (" META_COLS
    " po_number TEXT NOT NULL, buyer TEXT NOT NULL, supplier TEXT NOT NULL,"
    " factory TEXT NOT NULL, product TEXT NOT NULL, quantity INTEGER NOT NULL,"
    " ship_date_utc INTEGER NOT NULL, kind INTEGER NOT NULL, note TEXT NOT NULL) STRICT;"
    "CREATE TABLE milestones (" META_COLS
    " order_uuid TEXT NOT NULL REFERENCES orders(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " kind INTEGER NOT NULL, position INTEGER NOT NULL, title TEXT NOT NULL, owner TEXT NOT NULL,"
    " due_utc INTEGER NOT NULL, grace_days INTEGER NOT NULL, status INTEGER NOT NULL,"
    " completed_utc INTEGER NOT NULL, evidence TEXT NOT NULL, approved_by TEXT NOT NULL,"
    " approved_role TEXT NOT NULL, approved_utc INTEGER NOT NULL, approval_note TEXT NOT NULL) STRICT;"
    "CREATE INDEX milestones_order ON milestones(order_uuid, position);"
    "CREATE TABLE visits (" META_COLS
    " order_uuid TEXT NOT NULL REFERENCES orders(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " type INTEGER NOT NULL, assigned_device TEXT NOT NULL, inspector_name TEXT NOT NULL,"
    " planned_utc INTEGER NOT NULL, started_utc INTEGER NOT NULL, ended_utc INTEGER NOT NULL,"
    " verdict INTEGER NOT NULL, finished INTEGER NOT NULL, reopen_reason TEXT NOT NULL,"
    " summary TEXT NOT NULL) STRICT;"
    "CREATE INDEX visits_order ON visits(order_uuid);"
    "CREATE INDEX visits_device ON visits(assigned_device, planned_utc);"
    "CREATE TABLE checklist_items (" META_COLS
    " visit_type INTEGER NOT NULL, checklist TEXT NOT NULL, section TEXT NOT NULL,"
    " position INTEGER NOT NULL, text TEXT NOT NULL) STRICT;"
    "CREATE INDEX checklist_items_type ON checklist_items(visit_type, position);"
    "CREATE TABLE findings (" META_COLS
    " visit_uuid TEXT NOT NULL REFERENCES visits(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " item_uuid TEXT NOT NULL, section TEXT NOT NULL, text TEXT NOT NULL,"
    " result INTEGER NOT NULL, severity INTEGER NOT NULL, note TEXT NOT NULL) STRICT;"
    "CREATE INDEX findings_visit ON findings(visit_uuid);"
    "CREATE TABLE defects (" META_COLS
    " visit_uuid TEXT NOT NULL REFERENCES visits(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " code TEXT NOT NULL, description TEXT NOT NULL, severity INTEGER NOT NULL,"
    " count INTEGER NOT NULL CHECK (count >= 0)) STRICT;"
    "CREATE INDEX defects_visit ON defects(visit_uuid);"
    "CREATE TABLE production (" META_COLS
    " visit_uuid TEXT NOT NULL REFERENCES visits(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " ordered INTEGER NOT NULL, completed INTEGER NOT NULL, packed INTEGER NOT NULL,"
    " cartons INTEGER NOT NULL, materials_on_site INTEGER NOT NULL,"
    " packaging_on_site INTEGER NOT NULL, note TEXT NOT NULL) STRICT;"
    "CREATE INDEX production_visit ON production(visit_uuid);"
    "CREATE TABLE aql_plans (" META_COLS
    " visit_uuid TEXT NOT NULL REFERENCES visits(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " supplier TEXT NOT NULL, product TEXT NOT NULL, lot_size INTEGER NOT NULL,"
    " level INTEGER NOT NULL, mode INTEGER NOT NULL, aql_minor_milli INTEGER NOT NULL,"
    " aql_major_milli INTEGER NOT NULL, aql_critical_milli INTEGER NOT NULL,"
    " sampled INTEGER NOT NULL, lot_result INTEGER NOT NULL) STRICT;"
    "CREATE INDEX aql_plans_visit ON aql_plans(visit_uuid);"
    "CREATE INDEX aql_plans_lot ON aql_plans(supplier, product);"
    "CREATE TABLE cartons (" META_COLS
    " visit_uuid TEXT NOT NULL REFERENCES visits(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " shipping_marks TEXT NOT NULL, qty_per_carton INTEGER NOT NULL,"
    " carton_count INTEGER NOT NULL, gross_g INTEGER NOT NULL, net_g INTEGER NOT NULL,"
    " length_mm INTEGER NOT NULL, width_mm INTEGER NOT NULL, height_mm INTEGER NOT NULL,"
    " barcode TEXT NOT NULL, origin_label INTEGER NOT NULL, drop_test INTEGER NOT NULL,"
    " note TEXT NOT NULL) STRICT;"
    "CREATE INDEX cartons_visit ON cartons(visit_uuid);"
    "CREATE TABLE issues (" META_COLS
    " order_uuid TEXT NOT NULL REFERENCES orders(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " visit_uuid TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,"
    " severity INTEGER NOT NULL, opened_utc INTEGER NOT NULL, closed_utc INTEGER NOT NULL,"
    " resolution_note TEXT NOT NULL) STRICT;"
    "CREATE INDEX issues_order ON issues(order_uuid);"
    "CREATE TABLE signoffs (" META_COLS
    " visit_uuid TEXT NOT NULL, milestone_uuid TEXT NOT NULL, subject TEXT NOT NULL,"
    " signer_name TEXT NOT NULL, role INTEGER NOT NULL, signed_utc INTEGER NOT NULL,"
    " verdict INTEGER NOT NULL, signature_photo_uuid TEXT NOT NULL) STRICT;"
    "CREATE INDEX signoffs_visit ON signoffs(visit_uuid);"
    "CREATE TABLE photos (" META_COLS
    " visit_uuid TEXT NOT NULL, subject_kind INTEGER NOT NULL, subject_uuid TEXT NOT NULL,"
    " sha256 TEXT NOT NULL, thumb_sha256 TEXT NOT NULL, width INTEGER NOT NULL,"
    " height INTEGER NOT NULL, bytes INTEGER NOT NULL, captured_utc INTEGER NOT NULL,"
    " caption TEXT NOT NULL, annotated_from TEXT NOT NULL) STRICT;"
    "CREATE INDEX photos_visit ON photos(visit_uuid);"
    "CREATE INDEX photos_subject ON photos(subject_uuid);"
    /* origin 0 = written here, 1 = applied from a bundle (not exported again) */
    "CREATE TABLE changelog (seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL,"
    " uuid TEXT NOT NULL, revision INTEGER NOT NULL, op TEXT NOT NULL CHECK (op IN ('I','U','D')),"
    " at_utc INTEGER NOT NULL, origin INTEGER NOT NULL, data TEXT);"
    "CREATE INDEX changelog_origin ON changelog(origin, seq);"
    /* deletes in the log are the tombstones that stop a replayed insert resurrecting a row */
    "CREATE INDEX changelog_record ON changelog(uuid, op);"
    "CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;"
    "CREATE TABLE store_state (id INTEGER PRIMARY KEY CHECK (id = 1),"
    " applying INTEGER NOT NULL DEFAULT 0);"
    "INSERT INTO store_state(id, applying) VALUES (1, 0);";

/* v2: sync bookkeeping (issue 6). Receipts from the office and the photos it holds. */
static const char schema_v2[] =
    "CREATE TABLE sync_receipts (bundle_id TEXT PRIMARY KEY NOT NULL,"
    " acked_seq INTEGER NOT NULL, received_utc INTEGER NOT NULL, office TEXT NOT NULL) STRICT;"
    "CREATE TABLE sync_photo_acks (sha256 TEXT PRIMARY KEY NOT NULL,"
    " acked_utc INTEGER NOT NULL) STRICT;"
    "CREATE TABLE sync_exports (bundle_id TEXT PRIMARY KEY NOT NULL, file TEXT NOT NULL,"
    " from_seq INTEGER NOT NULL, to_seq INTEGER NOT NULL, n_records INTEGER NOT NULL,"
    " n_photos INTEGER NOT NULL, bytes INTEGER NOT NULL, created_utc INTEGER NOT NULL) STRICT;";

/* v3: what the inbox did with each file the office sent (applied, or rejected with the
 * reason): the Sync screen shows the inspector a rejected job pack or receipt. */
static const char schema_v3[] =
    "CREATE TABLE sync_inbox_log (id INTEGER PRIMARY KEY, file TEXT NOT NULL,"
    " kind TEXT NOT NULL, applied INTEGER NOT NULL CHECK (applied IN (0, 1)),"
    " reason TEXT NOT NULL, n_records INTEGER NOT NULL, at_utc INTEGER NOT NULL) STRICT;";

/* v4: ownership (issue 11; lib/bundle/FORMAT.md, "Ownership and conflicts").
 * - visits.result_revision: the device's results get their own revision beside the office's
 *   plan (meta.revision), so neither writer's revision can bury the other's changes. Existing
 *   visits start it at their revision.
 * - changelog.base and .changed: which revision of each group a change was made on (JSON,
 *   e.g. {"revision":3} or {"revision":3,"result_revision":7}) and which columns it changed
 *   (comma-separated). Entries logged before this version get base = revision - 1 (0 for an
 *   insert) and changed NULL: the whole row.
 * - checklist templates get their stable ids (fq_checklist_item_id: derived from visit type,
 *   section and text). Copies of one checkpoint that several tablets seeded with their own ids
 *   become one item (the oldest row here, under the stable id); findings and the entries of
 *   the change log still to be exported follow it, so no checkpoint is counted twice on a new
 *   visit and a tablet's old bundle cannot bring a copy back. */
static const char schema_v4[] =
    "ALTER TABLE visits ADD COLUMN result_revision INTEGER NOT NULL DEFAULT 1"
    " CHECK (result_revision >= 1);"
    "UPDATE visits SET result_revision = revision;"
    "ALTER TABLE changelog ADD COLUMN base TEXT;"
    "ALTER TABLE changelog ADD COLUMN changed TEXT;"
    "UPDATE changelog SET base = CASE WHEN tbl = 'visits'"
    " THEN json_object('revision', CASE op WHEN 'I' THEN 0 ELSE revision - 1 END,"
    "  'result_revision', CASE op WHEN 'I' THEN 0 ELSE revision - 1 END)"
    " ELSE json_object('revision', CASE op WHEN 'I' THEN 0 ELSE revision - 1 END) END;"
    "UPDATE changelog SET data = json_set(data, '$.result_revision', revision)"
    " WHERE tbl = 'visits' AND data IS NOT NULL;"
    "CREATE TEMP TABLE m4_items AS SELECT uuid AS old,"
    " fq_checklist_item_id(visit_type, section, text) AS new FROM checklist_items;"
    "INSERT INTO m4_items SELECT uuid, fq_checklist_item_id(json_extract(data, '$.visit_type'),"
    " json_extract(data, '$.section'), json_extract(data, '$.text')) FROM changelog"
    " WHERE tbl = 'checklist_items' AND data IS NOT NULL"
    " AND uuid NOT IN (SELECT old FROM m4_items) GROUP BY uuid;"
    "UPDATE findings SET item_uuid = (SELECT new FROM m4_items WHERE old = item_uuid)"
    " WHERE item_uuid IN (SELECT old FROM m4_items);"
    "DELETE FROM checklist_items WHERE rowid NOT IN (SELECT min(rowid) FROM checklist_items"
    " GROUP BY visit_type, section, text);"
    "UPDATE checklist_items SET uuid = fq_checklist_item_id(visit_type, section, text);"
    "UPDATE changelog SET uuid = (SELECT new FROM m4_items WHERE old = changelog.uuid),"
    " data = CASE WHEN data IS NULL THEN NULL ELSE json_set(data, '$.uuid',"
    " (SELECT new FROM m4_items WHERE old = changelog.uuid)) END"
    " WHERE tbl = 'checklist_items' AND uuid IN (SELECT old FROM m4_items);"
    "UPDATE changelog SET data = json_set(data, '$.item_uuid',"
    " (SELECT new FROM m4_items WHERE old = json_extract(changelog.data, '$.item_uuid')))"
    " WHERE tbl = 'findings' AND data IS NOT NULL"
    " AND json_extract(data, '$.item_uuid') IN (SELECT old FROM m4_items);"
    "DROP TABLE m4_items;";

/* v5: changes the export could not send because their log row is damaged: kept here (and
 * shown) instead of making every later bundle unreadable for the office. */
static const char schema_v5[] =
    "CREATE TABLE sync_skipped (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, uuid TEXT NOT NULL,"
    " reason TEXT NOT NULL, at_utc INTEGER NOT NULL) STRICT;";

/* v6: the sampling standard (issue 19): the buyer's per order, and the one each AQL plan was
 * judged under (0 ISO 2859-1:1999, the only one before; 1 ANSI/ASQ Z1.4-2008). Change-log
 * entries not yet exported get the column too, so they still read as complete records. */
static const char schema_v6[] =
    "ALTER TABLE orders ADD COLUMN aql_standard INTEGER NOT NULL DEFAULT 0"
    " CHECK (aql_standard IN (0, 1));"
    "ALTER TABLE aql_plans ADD COLUMN standard INTEGER NOT NULL DEFAULT 0"
    " CHECK (standard IN (0, 1));"
    "UPDATE changelog SET data = json_set(data, '$.aql_standard', 0)"
    " WHERE tbl = 'orders' AND data IS NOT NULL AND json_valid(data);"
    "UPDATE changelog SET data = json_set(data, '$.standard', 0)"
    " WHERE tbl = 'aql_plans' AND data IS NOT NULL AND json_valid(data);";

/* v7: a visit record that holds up as evidence (issue 12).
 * - orders.carton_barcode (the GTIN the cartons must carry), checklist_items.fail_evidence
 *   (0: a Fail needs a note or a photo), issues.owner and .due_utc, signoffs.refused,
 *   .reason, .superseded_utc and .superseded_reason; approvals: written approvals and spec
 *   changes recorded on site.
 * - Yes/No answers become tri-state (0 unanswered, 1 yes, 2 no): a stored 1 stays yes; a
 *   stored 0 was shown and kept as "no" once the record was edited (revision > 1) and is
 *   unanswered on a record nobody touched (the empty count a new visit makes).
 * - Sign-offs of a visit reopened since are superseded by the reopen (its reason): on an
 *   open visit all of them, on one signed off again those before the last signing.
 * - Entries of the change log not exported yet get the new columns (their defaults, the
 *   tri-state rule on the entry's own revision), so they apply at an office of this
 *   version as the rows here read. */
#define TRI(col, rev) "CASE WHEN " col " = 1 THEN 1 WHEN " rev " > 1 THEN 2 ELSE 0 END"
#define TRI_JSON(col) TRI("json_extract(data, '$." col "')", "revision")
static const char schema_v7[] =
    "ALTER TABLE orders ADD COLUMN carton_barcode TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE checklist_items ADD COLUMN fail_evidence INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE issues ADD COLUMN owner TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE issues ADD COLUMN due_utc INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE signoffs ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE signoffs ADD COLUMN reason TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE signoffs ADD COLUMN superseded_utc INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE signoffs ADD COLUMN superseded_reason TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE approvals (" META_COLS
    " order_uuid TEXT NOT NULL REFERENCES orders(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " milestone_uuid TEXT NOT NULL, visit_uuid TEXT NOT NULL, kind INTEGER NOT NULL,"
    " subject TEXT NOT NULL, approver_name TEXT NOT NULL, role INTEGER NOT NULL,"
    " decided_utc INTEGER NOT NULL, signature_photo_uuid TEXT NOT NULL, note TEXT NOT NULL)"
    " STRICT;"
    "CREATE INDEX approvals_order ON approvals(order_uuid);"
    "UPDATE production SET materials_on_site = " TRI("materials_on_site", "revision") ","
    " packaging_on_site = " TRI("packaging_on_site", "revision") ";"
    "UPDATE cartons SET origin_label = " TRI("origin_label", "revision") ";"
    "UPDATE signoffs SET superseded_utc = (SELECT v.updated_utc FROM visits v"
    "  WHERE v.uuid = signoffs.visit_uuid),"
    " superseded_reason = (SELECT v.reopen_reason FROM visits v WHERE v.uuid = signoffs.visit_uuid)"
    " WHERE visit_uuid IN (SELECT uuid FROM visits WHERE reopen_reason <> '')"
    " AND (visit_uuid IN (SELECT uuid FROM visits WHERE finished = 0)"
    "  OR signed_utc < (SELECT max(s2.signed_utc) FROM signoffs s2"
    "   WHERE s2.visit_uuid = signoffs.visit_uuid));"
    "UPDATE changelog SET data = json_set(data, '$.materials_on_site', " TRI_JSON("materials_on_site")
    ", '$.packaging_on_site', " TRI_JSON("packaging_on_site") ")"
    " WHERE tbl = 'production' AND data IS NOT NULL AND json_valid(data);"
    "UPDATE changelog SET data = json_set(data, '$.origin_label', " TRI_JSON("origin_label") ")"
    " WHERE tbl = 'cartons' AND data IS NOT NULL AND json_valid(data);"
    "UPDATE changelog SET data = json_insert(data, '$.carton_barcode', '')"
    " WHERE tbl = 'orders' AND data IS NOT NULL AND json_valid(data);"
    "UPDATE changelog SET data = json_insert(data, '$.fail_evidence', 0)"
    " WHERE tbl = 'checklist_items' AND data IS NOT NULL AND json_valid(data);"
    "UPDATE changelog SET data = json_insert(data, '$.owner', '', '$.due_utc', 0)"
    " WHERE tbl = 'issues' AND data IS NOT NULL AND json_valid(data);"
    "UPDATE changelog SET data = json_insert(data, '$.refused', 0, '$.reason', '',"
    " '$.superseded_utc', 0, '$.superseded_reason', '')"
    " WHERE tbl = 'signoffs' AND data IS NOT NULL AND json_valid(data);";
#undef TRI_JSON
#undef TRI
/* v8: measurements and on-site tests (issue 20). The specs are the order's (office-owned,
 * ids stable per order, size and point); the readings and the tests are a visit's. */
static const char schema_v8[] =
    "CREATE TABLE meas_specs (" META_COLS
    " order_uuid TEXT NOT NULL REFERENCES orders(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " size TEXT NOT NULL, point TEXT NOT NULL, description TEXT NOT NULL, unit TEXT NOT NULL,"
    " nominal_milli INTEGER NOT NULL, tol_minus_milli INTEGER NOT NULL CHECK (tol_minus_milli >= 0),"
    " tol_plus_milli INTEGER NOT NULL CHECK (tol_plus_milli >= 0),"
    " n_units INTEGER NOT NULL CHECK (n_units BETWEEN 1 AND 32),"
    " severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),"
    " position INTEGER NOT NULL) STRICT;"
    "CREATE INDEX meas_specs_order ON meas_specs(order_uuid, size, position);"
    "CREATE TABLE meas_readings (" META_COLS
    " visit_uuid TEXT NOT NULL REFERENCES visits(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " spec_uuid TEXT NOT NULL, unit_no INTEGER NOT NULL CHECK (unit_no BETWEEN 1 AND 32),"
    " value_milli INTEGER NOT NULL, source INTEGER NOT NULL) STRICT;"
    "CREATE INDEX meas_readings_visit ON meas_readings(visit_uuid, spec_uuid, unit_no);"
    "CREATE TABLE site_tests (" META_COLS
    " visit_uuid TEXT NOT NULL REFERENCES visits(uuid) DEFERRABLE INITIALLY DEFERRED,"
    " kind INTEGER NOT NULL, method TEXT NOT NULL, expected TEXT NOT NULL,"
    " n_tested INTEGER NOT NULL CHECK (n_tested >= 0), n_failed INTEGER NOT NULL"
    " CHECK (n_failed >= 0), result INTEGER NOT NULL, findings TEXT NOT NULL,"
    " note TEXT NOT NULL) STRICT;"
    "CREATE INDEX site_tests_visit ON site_tests(visit_uuid);";

/* v9: the Today list's ids from two covering indexes (issue 18). At 5,000 orders the visit
 * and order rows lie scattered among half a million findings: reading them costs a page
 * each, the indexes hold what the list needs in a few hundred pages. */
static const char schema_v9[] =
    "CREATE INDEX visits_today ON visits(assigned_device, finished, planned_utc, order_uuid,"
    " ended_utc, created_utc, uuid);"
    "CREATE INDEX orders_po ON orders(uuid, po_number);";

/* v10: a photo found by its hash (the office's portal asks, for each photo a page shows,
 * which visits hold it: a scan of every photo record of every device before). */
static const char schema_v10[] = "CREATE INDEX photos_sha256 ON photos(sha256);";

static const char *const migrations[] = {schema_v1, schema_v2, schema_v3, schema_v4, schema_v5,
                                         schema_v6, schema_v7, schema_v8, schema_v9,
                                         schema_v10};

/* A release that bumps the schema version without its migration (or the reverse) must not
 * build. */
_Static_assert(sizeof migrations / sizeof migrations[0] == FQ_STORE_SCHEMA_VERSION,
               "one migration per schema version: append the step and bump "
               "FQ_STORE_SCHEMA_VERSION together");

const char *const *fq_store_migrations(int *out_n)
{
    *out_n = (int)(sizeof migrations / sizeof migrations[0]);
    return migrations;
}

/* Builds the change-log triggers of one entity from its column map, so a new column is
 * logged without anyone remembering to. */
fq_err fq_store_json_object_sql(fq_store *st, const fq_entity *e, const char *prefix,
                                char *buf, size_t buf_len)
{
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    size_t pos = (size_t)snprintf(buf, buf_len, "json_object(");
    for (size_t i = 0; i < n_meta + e->n_fields && pos < buf_len; i++) {
        const char *col = i < n_meta ? meta[i].column : e->fields[i - n_meta].column;
        pos += (size_t)snprintf(buf + pos, buf_len - pos, "%s'%s', %s%s", i ? ", " : "", col,
                                prefix, col);
    }
    if (pos < buf_len)
        pos += (size_t)snprintf(buf + pos, buf_len - pos, ")");
    if (pos >= buf_len)
        return fq_store_fail(st, FQ_ERR_INVALID, "row JSON too long for %s", e->table);
    return FQ_OK;
}

/* Appends printf output to buf at *pos; fails when it does not fit. */
static int append(char *buf, size_t buf_len, size_t *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int append(char *buf, size_t buf_len, size_t *pos, const char *fmt, ...)
{
    if (*pos >= buf_len)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *pos, buf_len - *pos, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= buf_len - *pos) {
        *pos = buf_len;
        return -1;
    }
    *pos += (size_t)n;
    return 0;
}

/* json_object('revision', <prefix>revision[, 'result_revision', ...]): the base of a change,
 * one revision per group ("0" instead of a column: an insert, made on nothing). */
static int base_sql(const fq_entity *e, const char *prefix, char *buf, size_t buf_len)
{
    size_t pos = 0;
    int bad = append(buf, buf_len, &pos, "json_object(");
    for (size_t g = 0; !bad && g < e->n_groups; g++) {
        const char *col = e->groups[g].revision_column;
        bad = prefix ? append(buf, buf_len, &pos, "%s'%s', %s%s", g ? ", " : "", col, prefix, col)
                     : append(buf, buf_len, &pos, "%s'%s', 0", g ? ", " : "", col);
    }
    return bad ? -1 : append(buf, buf_len, &pos, ")");
}

/* The columns an update changed, comma-separated: rtrim(CASE WHEN OLD.c IS NOT NEW.c THEN
 * 'c,' ELSE '' END || ..., ','); for an insert (old == 0) every column. Revision columns are
 * not listed: they say which version, not what changed. */
static int changed_sql(const fq_entity *e, int update, char *buf, size_t buf_len)
{
    size_t pos = 0;
    int bad = append(buf, buf_len, &pos, update ? "rtrim(" : "'");
    int first = 1;
    for (size_t i = 0; !bad && i < e->n_fields; i++) {
        const char *col = e->fields[i].column;
        if (fq_entity_is_revision_column(e, col))
            continue;
        bad = update ? append(buf, buf_len, &pos,
                              "%sCASE WHEN OLD.%s IS NOT NEW.%s THEN '%s,' ELSE '' END",
                              first ? "" : " || ", col, col, col)
                     : append(buf, buf_len, &pos, "%s%s", first ? "" : ",", col);
        first = 0;
    }
    return bad ? -1 : append(buf, buf_len, &pos, update ? ", ',')" : "'");
}

static fq_err create_triggers(fq_store *st, const fq_entity *e)
{
    char json[4096], base_new[256], base_old[256], changed_i[2048], changed_u[8192];
    fq_err err = fq_store_json_object_sql(st, e, "NEW.", json, sizeof json);
    if (err)
        return err;
    if (base_sql(e, NULL, base_new, sizeof base_new) ||
        base_sql(e, "OLD.", base_old, sizeof base_old) ||
        changed_sql(e, 0, changed_i, sizeof changed_i) ||
        changed_sql(e, 1, changed_u, sizeof changed_u))
        return fq_store_fail(st, FQ_ERR_INVALID, "trigger SQL too long for %s", e->table);

    char sql[24576];
    static const char origin[] = "(SELECT applying FROM store_state WHERE id = 1)";
    int n = snprintf(
        sql, sizeof sql,
        "CREATE TRIGGER %1$s_log_i AFTER INSERT ON %1$s BEGIN INSERT INTO changelog(tbl, uuid,"
        " revision, op, at_utc, origin, data, base, changed) VALUES ('%1$s', NEW.uuid,"
        " NEW.revision, 'I', NEW.updated_utc, %2$s, %3$s, %4$s, %5$s); END;"
        "CREATE TRIGGER %1$s_log_u AFTER UPDATE ON %1$s BEGIN INSERT INTO changelog(tbl, uuid,"
        " revision, op, at_utc, origin, data, base, changed) VALUES ('%1$s', NEW.uuid,"
        " NEW.revision, 'U', NEW.updated_utc, %2$s, %3$s, %6$s, %7$s); END;"
        "CREATE TRIGGER %1$s_log_d AFTER DELETE ON %1$s BEGIN INSERT INTO changelog(tbl, uuid,"
        " revision, op, at_utc, origin, data, base, changed) VALUES ('%1$s', OLD.uuid,"
        " OLD.revision + 1, 'D', CAST(strftime('%%s','now') AS INTEGER), %2$s, NULL, %6$s,"
        " NULL); END;",
        e->table, origin, json, base_new, changed_i, base_old, changed_u);
    if (n < 0 || (size_t)n >= sizeof sql)
        return fq_store_fail(st, FQ_ERR_INVALID, "trigger SQL too long for %s", e->table);
    return fq_store_exec(st, sql);
}

/* The old build's triggers go before any step runs: a step that moves data must not log
 * it as new local changes, and a step that rebuilds a table must not meet stale ones. */
static fq_err drop_triggers(fq_store *st)
{
    for (int i = 0; i < FQ_ENT_COUNT; i++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "DROP TRIGGER IF EXISTS %1$s_log_i; DROP TRIGGER IF EXISTS %1$s_log_u;"
                 " DROP TRIGGER IF EXISTS %1$s_log_d;",
                 fq_entity_get((fq_entity_id)i)->table);
        fq_err err = fq_store_exec(st, sql);
        if (err)
            return err;
    }
    return FQ_OK;
}

/* A revision above FQ_STORE_REVISION_MAX came from a sender that picked its own (before
 * format 2) and froze the record: every upgrade brings it back to the limit - 2^20 on every
 * database alike, so the record can change again. Run after the last step, when every table
 * exists, and before the triggers, so it is not logged as a change. */
static fq_err thaw_revisions(fq_store *st)
{
    for (int i = 0; i < FQ_ENT_COUNT; i++) {
        const fq_entity *e = fq_entity_get((fq_entity_id)i);
        for (size_t g = 0; g < e->n_groups; g++) {
            char sql[256];
            snprintf(sql, sizeof sql, "UPDATE %1$s SET %2$s = %3$lld WHERE %2$s > %4$lld",
                     e->table, e->groups[g].revision_column,
                     (long long)(FQ_STORE_REVISION_MAX - (INT64_C(1) << 20)),
                     (long long)FQ_STORE_REVISION_MAX);
            fq_err err = fq_store_exec(st, sql);
            if (err)
                return err;
        }
    }
    return FQ_OK;
}

static fq_err create_all_triggers(fq_store *st)
{
    for (int i = 0; i < FQ_ENT_COUNT; i++) {
        fq_err err = create_triggers(st, fq_entity_get((fq_entity_id)i));
        if (err)
            return err;
    }
    return FQ_OK;
}

fq_err fq_store_migrate(fq_store *st, const char *const *steps, int n_steps)
{
    int64_t version = 0;
    fq_err err = fq_store_query_i64(st, "PRAGMA user_version", &version);
    if (err)
        return err;
    if (version > n_steps)
        return fq_store_fail(st, FQ_ERR_VERSION,
                             "database schema version %lld is newer than this fieldqc "
                             "understands (%d): update fieldqc; the database was not changed",
                             (long long)version, n_steps);
    if (version < 0)
        return fq_store_fail(st, FQ_ERR_CORRUPT, "database has invalid schema version %lld",
                             (long long)version);
    if (version == n_steps)
        return FQ_OK;
    /* One transaction for the whole upgrade, triggers last: they are generated from this
     * build's column maps, which describe the final schema only (a table a later step
     * creates does not exist yet at an earlier one), and a killed upgrade leaves the
     * database exactly as it was. */
    err = fq_store_begin(st);
    if (err)
        return err;
    err = drop_triggers(st);
    for (int64_t v = version; !err && v < n_steps; v++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %lld", (long long)(v + 1));
        err = fq_store_exec(st, steps[v]);
        if (!err)
            err = fq_store_exec(st, bump);
    }
    if (!err)
        err = thaw_revisions(st);
    if (!err)
        err = create_all_triggers(st);
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    return fq_store_commit(st);
}
