/* The change log: reading local changes for export and applying records received from
 * another database (job packs on the device, bundles at the office). Applying is
 * idempotent: a record is written only when its revision is higher than the stored one, so
 * the same bundle twice, overlapping bundles and bundles out of order end the same. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"

fq_err fq_store_changes_since(fq_store *st, int64_t after_seq, fq_change_fn fn, void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "SELECT seq, tbl, uuid, revision, op, at_utc, data FROM changelog"
                                  " WHERE origin = 0 AND seq > ? ORDER BY seq",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, after_seq);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_change c;
        const unsigned char *op = sqlite3_column_text(stmt, 4);
        c.seq = sqlite3_column_int64(stmt, 0);
        c.table = (const char *)sqlite3_column_text(stmt, 1);
        c.uuid = (const char *)sqlite3_column_text(stmt, 2);
        c.revision = sqlite3_column_int64(stmt, 3);
        c.op = op ? (char)op[0] : '?';
        c.at_utc = sqlite3_column_int64(stmt, 5);
        c.json = (const char *)sqlite3_column_text(stmt, 6);
        if (fn(ctx, &c))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "change log");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_last_seq(fq_store *st, int64_t *out)
{
    fq_store_clear_error(st);
    return fq_store_query_i64(st, "SELECT coalesce(max(seq), 0) FROM changelog", out);
}

/* True when the log holds a delete of uuid at or after `revision`. */
static fq_err deleted_since(fq_store *st, const fq_change *c, int *out_deleted)
{
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "SELECT 1 FROM changelog WHERE uuid = ? AND op = 'D'"
                                  " AND tbl = ? AND revision >= ? LIMIT 1",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, c->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, c->table, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, c->revision);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        *out_deleted = rc == SQLITE_ROW;
    else
        err = fq_store_sqlite_fail(st, rc, "tombstone lookup");
    sqlite3_finalize(stmt);
    return err;
}

static fq_err upsert(fq_store *st, const fq_entity *e, const fq_change *c, int *out_applied)
{
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    char cols[2048], vals[4096], sets[4096], sql[12288];
    size_t pc = 0, pv = 0, ps = 0;
    for (size_t i = 0; i < n_meta + e->n_fields; i++) {
        const char *col = i < n_meta ? meta[i].column : e->fields[i - n_meta].column;
        pc += (size_t)snprintf(cols + pc, sizeof cols - pc, "%s%s", i ? "," : "", col);
        pv += (size_t)snprintf(vals + pv, sizeof vals - pv, "%sjson_extract(?1, '$.%s')",
                               i ? "," : "", col);
        if (i)
            ps += (size_t)snprintf(sets + ps, sizeof sets - ps, "%s%s = excluded.%s",
                                   i > 1 ? "," : "", col, col);
    }
    /* WHERE json_valid(): a malformed record is an error, not a row of NULLs. */
    snprintf(sql, sizeof sql,
             "INSERT INTO %s (%s) SELECT %s WHERE json_valid(?1) AND json_type(?1) = 'object'"
             " ON CONFLICT(uuid) DO UPDATE SET %s WHERE excluded.revision > %s.revision",
             e->table, cols, vals, sets, e->table);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, c->json, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "apply record");
    else
        *out_applied = sqlite3_changes(st->db) > 0;
    sqlite3_finalize(stmt);
    return err;
}

static fq_err remove_row(fq_store *st, const fq_entity *e, const fq_change *c, int *out_applied)
{
    char sql[256];
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE uuid = ? AND revision < ?", e->table);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, c->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, c->revision);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "apply delete");
    else
        *out_applied = sqlite3_changes(st->db) > 0;
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_apply_change(fq_store *st, const fq_change *c, int *out_applied)
{
    fq_store_clear_error(st);
    if (st->tx_depth <= 0)
        return fq_store_fail(st, FQ_ERR_INVALID, "apply_change outside a transaction");
    const fq_entity *e = fq_entity_by_table(c->table);
    if (!e)
        return fq_store_fail(st, FQ_ERR_CORRUPT, "unknown record type '%s'", c->table);
    if (!c->uuid || !fq_uuid_valid(c->uuid))
        return fq_store_fail(st, FQ_ERR_CORRUPT, "record with an invalid id in %s", e->table);
    if (c->op != 'D' && !c->json)
        return fq_store_fail(st, FQ_ERR_CORRUPT, "record %s has no data", c->uuid);
    fq_err err = fq_store_exec(st, "UPDATE store_state SET applying = 1 WHERE id = 1");
    if (err)
        return err;
    int applied = 0;
    int deleted = 0;
    if (c->op != 'D' && c->op != 'I' && c->op != 'U')
        err = fq_store_fail(st, FQ_ERR_CORRUPT, "unknown change kind '%c'", c->op);
    else if (c->op == 'D')
        err = remove_row(st, e, c, &applied);
    else if (!(err = deleted_since(st, c, &deleted)) && !deleted) /* a later delete wins */
        err = upsert(st, e, c, &applied);
    fq_err reset = fq_store_exec(st, "UPDATE store_state SET applying = 0 WHERE id = 1");
    if (!err)
        err = reset;
    if (!err)
        *out_applied = applied;
    return err;
}
