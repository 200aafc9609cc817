/* The office's kept changes on PostgreSQL: listed with both values of each column they
 * touch, and resolved by a person (lib/store/conflicts.c's rules: the group gets a revision
 * above both sides', as the office's own write; every open entry of that record and group
 * is closed with it). */
#include "pg_internal.h"

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

static const fq_field *field_named(const fq_entity *e, const char *s, size_t len)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (strlen(e->fields[i].column) == len && !strncmp(e->fields[i].column, s, len))
            return &e->fields[i];
    return NULL;
}

/* The held and the incoming value of one column, as text. */
static fq_err column_values(fq_pg *pg, const fq_entity *e, const char *uuid, const char *data,
                            fq_store_conflict_column *col)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT (SELECT %1$s::text FROM %2$s WHERE uuid = $1), ($2::jsonb)->>'%1$s'",
             col->name, e->table);
    const char *p[] = {uuid, data};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "conflict values", sql, 2, p, &res);
    if (err)
        return err;
    if (PQntuples(res) == 1) {
        fq_pg_get_text(res, 0, 0, col->held, sizeof col->held);
        fq_pg_get_text(res, 0, 1, col->incoming, sizeof col->incoming);
    }
    PQclear(res);
    return FQ_OK;
}

static fq_err fill_columns(fq_pg *pg, fq_store_conflict *c, const char *data)
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
            fq_err err = column_values(pg, e, c->uuid, data, col);
            if (err)
                return err;
        }
        p = comma ? comma + 1 : NULL;
    }
    return FQ_OK;
}

fq_err fq_pg_each_conflict(void *h, int include_resolved, fq_store_conflict_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {include_resolved ? "1" : "0"};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "conflicts",
                             "SELECT id, kind, tbl, uuid, grp, writer, bundle_id, seq, op, base,"
                             " revision, held_revision, changed, reason, at_utc,"
                             " (status = 'open')::int, resolution, resolved_revision,"
                             " resolved_utc, data FROM office_conflicts"
                             " WHERE $1::int = 1 OR status = 'open' ORDER BY id",
                             1, p, &res);
    if (err)
        return err;
    fq_store_conflict *c = malloc(sizeof *c);
    if (!c) {
        PQclear(res);
        return fq_pg_fail(pg, FQ_ERR_NOMEM, "out of memory listing conflicts");
    }
    for (int r = 0; r < PQntuples(res); r++) {
        memset(c, 0, sizeof *c);
        c->id = fq_pg_get_i64(res, r, 0);
        fq_pg_get_text(res, r, 1, c->kind, sizeof c->kind);
        fq_pg_get_text(res, r, 2, c->table, sizeof c->table);
        fq_pg_get_text(res, r, 3, c->uuid, sizeof c->uuid);
        fq_pg_get_text(res, r, 4, c->group, sizeof c->group);
        fq_pg_get_text(res, r, 5, c->writer, sizeof c->writer);
        fq_pg_get_text(res, r, 6, c->bundle_id, sizeof c->bundle_id);
        c->seq = fq_pg_get_i64(res, r, 7);
        c->op = PQgetisnull(res, r, 8) ? '?' : PQgetvalue(res, r, 8)[0];
        c->base = fq_pg_get_i64(res, r, 9);
        c->revision = fq_pg_get_i64(res, r, 10);
        c->held_revision = fq_pg_get_i64(res, r, 11);
        fq_pg_get_text(res, r, 12, c->changed, sizeof c->changed);
        fq_pg_get_text(res, r, 13, c->reason, sizeof c->reason);
        c->at_utc = fq_pg_get_i64(res, r, 14);
        c->open = (int)fq_pg_get_i64(res, r, 15);
        fq_pg_get_text(res, r, 16, c->resolution, sizeof c->resolution);
        c->resolved_revision = fq_pg_get_i64(res, r, 17);
        c->resolved_utc = fq_pg_get_i64(res, r, 18);
        err = fill_columns(pg, c, PQgetisnull(res, r, 19) ? NULL : PQgetvalue(res, r, 19));
        if (err || fn(ctx, c))
            break;
    }
    free(c);
    PQclear(res);
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

static fq_err load_kept(fq_pg *pg, int64_t id, kept *k)
{
    char idb[24];
    const char *p[] = {fq_pg_i64(id, idb)};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "conflicts",
                             "SELECT tbl, uuid, grp, op, data, changed, (status = 'open')::int"
                             " FROM office_conflicts WHERE id = $1::bigint",
                             1, p, &res);
    if (err)
        return err;
    if (PQntuples(res) == 1) {
        fq_pg_get_text(res, 0, 0, k->table, sizeof k->table);
        fq_pg_get_text(res, 0, 1, k->uuid, sizeof k->uuid);
        fq_pg_get_text(res, 0, 2, k->grp, sizeof k->grp);
        k->op = PQgetvalue(res, 0, 3)[0];
        if (!PQgetisnull(res, 0, 4)) {
            k->data = strdup(PQgetvalue(res, 0, 4));
            if (!k->data)
                err = fq_pg_fail(pg, FQ_ERR_NOMEM, "out of memory");
        }
        fq_pg_get_text(res, 0, 5, k->changed, sizeof k->changed);
        k->open = (int)fq_pg_get_i64(res, 0, 6);
    } else {
        err = fq_pg_fail(pg, FQ_ERR_NOTFOUND, "no conflict #%lld", (long long)id);
    }
    PQclear(res);
    if (!err) {
        k->e = fq_entity_by_table(k->table);
        k->group = k->e ? group_index(k->e, k->grp) : -1;
        if (k->group < 0)
            err = fq_pg_fail(pg, FQ_ERR_CORRUPT, "conflict #%lld names an unknown record",
                             (long long)id);
        else if (!k->open)
            err = fq_pg_fail(pg, FQ_ERR_INVALID, "conflict #%lld is resolved already",
                             (long long)id);
    }
    return err;
}

static fq_err next_revision(fq_pg *pg, const kept *k, int *out_exists, int64_t *out)
{
    char sql[512], max[24];
    snprintf(sql, sizeof sql,
             "SELECT (SELECT %s FROM %s WHERE uuid = $1),"
             " (SELECT max(revision) FROM office_conflicts WHERE tbl = $2 AND uuid = $1"
             " AND grp = $3 AND status = 'open' AND revision BETWEEN 1 AND $4::bigint)",
             k->e->groups[k->group].revision_column, k->e->table);
    const char *p[] = {k->uuid, k->table, k->grp, fq_pg_i64(FQ_STORE_REVISION_MAX, max)};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "revision lookup", sql, 4, p, &res);
    if (err)
        return err;
    *out_exists = !PQgetisnull(res, 0, 0);
    int64_t held = fq_pg_get_i64(res, 0, 0), kept_max = fq_pg_get_i64(res, 0, 1);
    PQclear(res);
    int64_t top = held > kept_max ? held : kept_max;
    if (top >= FQ_STORE_REVISION_MAX)
        return fq_pg_fail(pg, FQ_ERR_INVALID, "%s %s has reached the highest revision", k->table,
                          k->uuid);
    *out = top + 1;
    return FQ_OK;
}

static fq_err write_decision(fq_pg *pg, const kept *k, int take, int64_t revision)
{
    const fq_entity *e = k->e;
    char sql[FQ_PG_SQL_LEN], rev[24], now[24];
    size_t pos = (size_t)snprintf(sql, sizeof sql,
                                  "UPDATE %s t SET %s = $1::bigint, updated_utc = $2::bigint,"
                                  " device_id = $3, inspector = $4",
                                  e->table, e->groups[k->group].revision_column);
    const char *p = take ? k->changed : NULL;
    while (p && *p && pos < sizeof sql) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const fq_field *f = field_named(e, p, len);
        if (f && f->group == k->group && !fq_entity_is_revision_column(e, f->column))
            pos += (size_t)snprintf(sql + pos, sizeof sql - pos, ", %s = j.%s", f->column,
                                    f->column);
        p = comma ? comma + 1 : NULL;
    }
    if (pos < sizeof sql)
        snprintf(sql + pos, sizeof sql - pos,
                 " FROM jsonb_populate_record(NULL::%s, $6::jsonb) j WHERE t.uuid = $5",
                 e->table);
    const char *v[] = {fq_pg_i64(revision, rev), fq_pg_i64(fq_pg_now(pg), now), pg->device_id,
                       pg->inspector, k->uuid, k->data ? k->data : "{}"};
    return fq_pg_query(pg, "resolve", sql, 6, v, NULL);
}

static fq_err insert_record(fq_pg *pg, const kept *k, int64_t revision)
{
    if (!k->data)
        return fq_pg_fail(pg, FQ_ERR_INVALID, "the kept change holds no row to take");
    fq_err err = fq_pg_insert_json(pg, k->e, k->data);
    for (size_t g = 0; !err && g < k->e->n_groups; g++) {
        char sql[256], rev[24];
        snprintf(sql, sizeof sql, "UPDATE %s SET %s = $1::bigint WHERE uuid = $2", k->e->table,
                 k->e->groups[g].revision_column);
        const char *p[] = {fq_pg_i64(revision, rev), k->uuid};
        err = fq_pg_query(pg, "resolve", sql, 2, p, NULL);
    }
    return err;
}

static fq_err close_entries(fq_pg *pg, int64_t id, const kept *k, int take, int64_t revision)
{
    char idb[24], rev[24], now[24];
    const char *p[] = {fq_pg_i64(id, idb), take ? "incoming" : "held", fq_pg_i64(revision, rev),
                       fq_pg_i64(fq_pg_now(pg), now), k->table, k->uuid, k->grp};
    return fq_pg_query(pg, "resolve",
                       "UPDATE office_conflicts SET status = 'resolved',"
                       " resolution = CASE WHEN id = $1::bigint THEN $2 ELSE 'superseded' END,"
                       " resolved_revision = $3::bigint, resolved_utc = $4::bigint"
                       " WHERE tbl = $5 AND uuid = $6 AND grp = $7 AND status = 'open'",
                       7, p, NULL);
}

fq_err fq_pg_resolve(void *h, int64_t id, int keep_incoming, int64_t *out_revision)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    kept k;
    memset(&k, 0, sizeof k);
    int exists = 0;
    int64_t revision = 0;
    fq_err err = fq_pg_begin(pg);
    if (err)
        return err;
    err = fq_pg_set_applying(pg, 0);
    if (!err)
        err = load_kept(pg, id, &k);
    if (!err)
        err = next_revision(pg, &k, &exists, &revision);
    if (!err && keep_incoming && k.op == 'D') {
        if (exists) {
            char sql[256];
            snprintf(sql, sizeof sql, "DELETE FROM %s WHERE uuid = $1", k.e->table);
            const char *p[] = {k.uuid};
            err = fq_pg_query(pg, "resolve", sql, 1, p, NULL);
        }
    } else if (!err && exists) {
        err = write_decision(pg, &k, keep_incoming, revision);
    } else if (!err && keep_incoming) {
        err = insert_record(pg, &k, revision);
    }
    if (!err)
        err = close_entries(pg, id, &k, keep_incoming, revision);
    free(k.data);
    if (err) {
        fq_pg_rollback(pg);
        return err;
    }
    err = fq_pg_commit(pg);
    if (!err && out_revision)
        *out_revision = revision;
    return err;
}
