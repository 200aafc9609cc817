/* The office's kept changes (office_conflicts, created by fq_store_office_init): listing them
 * with both values of every column they touch, and a person's resolution. A resolution is
 * the office's own write of the record with a revision above both sides', so it reaches the
 * devices in the next job pack like any other office change (FORMAT.md, "Ownership and
 * conflicts"). Kept changes are never deleted: a resolved one stays as the record of the
 * decision. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int group_index(const fq_entity *e, const char *name)
{
    for (size_t g = 0; g < e->n_groups; g++)
        if (!strcmp(e->groups[g].name, name))
            return (int)g;
    return -1;
}

/* A column of e (not fq_meta) named by the first len bytes of s, or NULL. */
static const fq_field *field_named(const fq_entity *e, const char *s, size_t len)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (strlen(e->fields[i].column) == len && !strncmp(e->fields[i].column, s, len))
            return &e->fields[i];
    return NULL;
}

/* The value held now and the one that came, of one column, as text. */
static fq_err column_values(fq_store *st, const fq_entity *e, const char *uuid,
                            const char *data, fq_store_conflict_column *col)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT (SELECT CAST(%1$s AS TEXT) FROM %2$s WHERE uuid = ?1),"
             " CAST(json_extract(?2, '$.%1$s') AS TEXT)",
             col->name, e->table);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, uuid, -1, SQLITE_STATIC);
    if (data)
        sqlite3_bind_text(stmt, 2, data, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, 2);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        fq_store_text_col(stmt, 0, col->held, sizeof col->held);
        fq_store_text_col(stmt, 1, col->incoming, sizeof col->incoming);
    } else {
        err = fq_store_sqlite_fail(st, rc, "conflict values");
    }
    sqlite3_finalize(stmt);
    return err;
}

static fq_err fill_columns(fq_store *st, fq_store_conflict *c, const char *data)
{
    const fq_entity *e = fq_entity_by_table(c->table);
    c->n_columns = 0;
    const char *p = c->changed;
    while (e && p && *p && c->n_columns < FQ_STORE_CONFLICT_COLS) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const fq_field *f = field_named(e, p, len);
        if (f) {
            fq_store_conflict_column *col = &c->columns[c->n_columns++];
            snprintf(col->name, sizeof col->name, "%s", f->column);
            fq_err err = column_values(st, e, c->uuid, data, col);
            if (err)
                return err;
        }
        p = comma ? comma + 1 : NULL;
    }
    return FQ_OK;
}

fq_err fq_store_office_each_conflict(fq_store *st, int include_resolved, fq_store_conflict_fn fn,
                                     void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "SELECT id, kind, tbl, uuid, grp, writer, bundle_id, seq, op,"
                                  " base, revision, held_revision, changed, reason, at_utc,"
                                  " status = 'open', resolution, resolved_revision,"
                                  " resolved_utc, data FROM office_conflicts"
                                  " WHERE ?1 OR status = 'open' ORDER BY id",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_int(stmt, 1, include_resolved != 0);
    fq_store_conflict *c = malloc(sizeof *c);
    if (!c) {
        sqlite3_finalize(stmt);
        return fq_store_fail(st, FQ_ERR_NOMEM, "out of memory listing conflicts");
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        memset(c, 0, sizeof *c);
        c->id = sqlite3_column_int64(stmt, 0);
        fq_store_text_col(stmt, 1, c->kind, sizeof c->kind);
        fq_store_text_col(stmt, 2, c->table, sizeof c->table);
        fq_store_text_col(stmt, 3, c->uuid, sizeof c->uuid);
        fq_store_text_col(stmt, 4, c->group, sizeof c->group);
        fq_store_text_col(stmt, 5, c->writer, sizeof c->writer);
        fq_store_text_col(stmt, 6, c->bundle_id, sizeof c->bundle_id);
        c->seq = sqlite3_column_int64(stmt, 7);
        const unsigned char *op = sqlite3_column_text(stmt, 8);
        c->op = op ? (char)op[0] : '?';
        c->base = sqlite3_column_int64(stmt, 9);
        c->revision = sqlite3_column_int64(stmt, 10);
        c->held_revision = sqlite3_column_int64(stmt, 11);
        fq_store_text_col(stmt, 12, c->changed, sizeof c->changed);
        fq_store_text_col(stmt, 13, c->reason, sizeof c->reason);
        c->at_utc = sqlite3_column_int64(stmt, 14);
        c->open = sqlite3_column_int(stmt, 15);
        fq_store_text_col(stmt, 16, c->resolution, sizeof c->resolution);
        c->resolved_revision = sqlite3_column_int64(stmt, 17);
        c->resolved_utc = sqlite3_column_int64(stmt, 18);
        err = fill_columns(st, c, (const char *)sqlite3_column_text(stmt, 19));
        if (err || fn(ctx, c))
            break;
    }
    if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "conflicts");
    free(c);
    sqlite3_finalize(stmt);
    return err;
}

/* ---- resolution ---- */

typedef struct kept {
    const fq_entity *e;
    int group;
    char table[32];
    char uuid[FQ_UUID_LEN];
    char grp[16];
    char op;
    char *data;
    char changed[1024];
    int open;
} kept;

static fq_err load_kept(fq_store *st, int64_t id, kept *k)
{
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "SELECT tbl, uuid, grp, op, data, changed, status = 'open'"
                                  " FROM office_conflicts WHERE id = ?",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        fq_store_text_col(stmt, 0, k->table, sizeof k->table);
        fq_store_text_col(stmt, 1, k->uuid, sizeof k->uuid);
        fq_store_text_col(stmt, 2, k->grp, sizeof k->grp);
        const unsigned char *op = sqlite3_column_text(stmt, 3);
        k->op = op ? (char)op[0] : '?';
        const unsigned char *data = sqlite3_column_text(stmt, 4);
        k->data = data ? strdup((const char *)data) : NULL;
        if (data && !k->data)
            err = fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
        fq_store_text_col(stmt, 5, k->changed, sizeof k->changed);
        k->open = sqlite3_column_int(stmt, 6);
    } else if (rc == SQLITE_DONE) {
        err = fq_store_fail(st, FQ_ERR_NOTFOUND, "no conflict #%lld", (long long)id);
    } else {
        err = fq_store_sqlite_fail(st, rc, "conflicts");
    }
    sqlite3_finalize(stmt);
    if (!err) {
        k->e = fq_entity_by_table(k->table);
        k->group = k->e ? group_index(k->e, k->grp) : -1;
        if (k->group < 0)
            err = fq_store_fail(st, FQ_ERR_CORRUPT, "conflict #%lld names an unknown record",
                                (long long)id);
        else if (!k->open)
            err = fq_store_fail(st, FQ_ERR_INVALID, "conflict #%lld is resolved already",
                                (long long)id);
    }
    return err;
}

/* The revision that follows both sides: above the held one and every open kept change's
 * (those past FQ_STORE_REVISION_MAX were refused and never held anywhere). */
static fq_err next_revision(fq_store *st, const kept *k, int *out_exists, int64_t *out)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT (SELECT %s FROM %s WHERE uuid = ?1),"
             " (SELECT max(revision) FROM office_conflicts WHERE tbl = ?2 AND uuid = ?1"
             " AND grp = ?3 AND status = 'open' AND revision BETWEEN 1 AND ?4)",
             k->e->groups[k->group].revision_column, k->e->table);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, k->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, k->table, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, k->grp, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, FQ_STORE_REVISION_MAX);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *out_exists = sqlite3_column_type(stmt, 0) != SQLITE_NULL;
        int64_t held = sqlite3_column_int64(stmt, 0);
        int64_t kept_max = sqlite3_column_int64(stmt, 1);
        int64_t top = held > kept_max ? held : kept_max;
        if (top >= FQ_STORE_REVISION_MAX)
            err = fq_store_fail(st, FQ_ERR_INVALID, "%s %s has reached the highest revision",
                                k->table, k->uuid);
        else
            *out = top + 1;
    } else {
        err = fq_store_sqlite_fail(st, rc, "revision lookup");
    }
    sqlite3_finalize(stmt);
    return err;
}

/* UPDATE of the group's revision (and, taking the kept change, its columns) as this office's
 * own write. */
static fq_err write_decision(fq_store *st, const kept *k, int take, int64_t revision)
{
    const fq_entity *e = k->e;
    char sql[8192];
    size_t pos = (size_t)snprintf(sql, sizeof sql,
                                  "UPDATE %s SET %s = ?1, updated_utc = ?2, device_id = ?3,"
                                  " inspector = ?4",
                                  e->table, e->groups[k->group].revision_column);
    const char *p = take ? k->changed : NULL;
    while (p && *p && pos < sizeof sql) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const fq_field *f = field_named(e, p, len);
        if (f && f->group == k->group && !fq_entity_is_revision_column(e, f->column))
            pos += (size_t)snprintf(sql + pos, sizeof sql - pos,
                                    ", %s = json_extract(?6, '$.%s')", f->column, f->column);
        p = comma ? comma + 1 : NULL;
    }
    if (pos < sizeof sql)
        snprintf(sql + pos, sizeof sql - pos, " WHERE uuid = ?5");
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, revision);
    sqlite3_bind_int64(stmt, 2, fq_store_now(st));
    sqlite3_bind_text(stmt, 3, st->device_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, st->inspector, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, k->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, k->data ? k->data : "{}", -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "resolve");
    sqlite3_finalize(stmt);
    return err;
}

static fq_err delete_record(fq_store *st, const kept *k)
{
    char sql[256];
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE uuid = ?", k->e->table);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, k->uuid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "resolve");
    sqlite3_finalize(stmt);
    return err;
}

/* The kept change's row taken in whole: the office did not hold the record. */
static fq_err insert_record(fq_store *st, const kept *k, int64_t revision)
{
    if (!k->data)
        return fq_store_fail(st, FQ_ERR_INVALID, "the kept change holds no row to take");
    fq_err err = fq_store_insert_json(st, k->e, k->data);
    for (size_t g = 0; !err && g < k->e->n_groups; g++) {
        char sql[256];
        snprintf(sql, sizeof sql, "UPDATE %s SET %s = ? WHERE uuid = ?", k->e->table,
                 k->e->groups[g].revision_column);
        sqlite3_stmt *stmt = NULL;
        err = fq_store_prepare(st, sql, &stmt);
        if (err)
            break;
        sqlite3_bind_int64(stmt, 1, revision);
        sqlite3_bind_text(stmt, 2, k->uuid, -1, SQLITE_STATIC);
        int rc = sqlite3_step(stmt);
        if (rc != SQLITE_DONE)
            err = fq_store_sqlite_fail(st, rc, "resolve");
        sqlite3_finalize(stmt);
    }
    return err;
}

static fq_err close_entries(fq_store *st, int64_t id, const kept *k, int take, int64_t revision)
{
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  "UPDATE office_conflicts SET status = 'resolved',"
                                  " resolution = CASE WHEN id = ?1 THEN ?2 ELSE 'superseded' END,"
                                  " resolved_revision = ?3, resolved_utc = ?4"
                                  " WHERE tbl = ?5 AND uuid = ?6 AND grp = ?7 AND status = 'open'",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_text(stmt, 2, take ? "incoming" : "held", -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, revision);
    sqlite3_bind_int64(stmt, 4, fq_store_now(st));
    sqlite3_bind_text(stmt, 5, k->table, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, k->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 7, k->grp, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "resolve");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_resolve(fq_store *st, int64_t id, int keep_incoming,
                               int64_t *out_revision)
{
    fq_store_clear_error(st);
    kept k;
    memset(&k, 0, sizeof k);
    int exists = 0;
    int64_t revision = 0;
    fq_err err = fq_store_begin(st);
    if (err)
        return err;
    err = load_kept(st, id, &k);
    if (!err)
        err = next_revision(st, &k, &exists, &revision);
    if (!err && keep_incoming && k.op == 'D')
        err = exists ? delete_record(st, &k) : FQ_OK;
    else if (!err && exists)
        err = write_decision(st, &k, keep_incoming, revision);
    else if (!err && keep_incoming)
        err = insert_record(st, &k, revision);
    if (!err)
        err = close_entries(st, id, &k, keep_incoming, revision);
    free(k.data);
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    err = fq_store_commit(st);
    if (!err && out_revision)
        *out_revision = revision;
    return err;
}
