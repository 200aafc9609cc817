/* Applying a device's change at the office on PostgreSQL: the facts (what the change says,
 * read in C with core/json_read.h; the held row, replays, open conflicts, tombstones, the
 * visit's device, by query) are gathered here and judged by core/ownership.h, the same
 * verdicts lib/store/apply.c reaches on sqlite. Only FROM_DEVICE: a job pack is applied on a
 * device, never at the office. */
#include "pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/json_read.h"
#include "core/ownership.h"

typedef struct incoming {
    const fq_entity *e;
    const fq_change *c;
    fq_json_value root;
    fq_own_incoming f;
} incoming;

/* What read_held learns besides the held row, in the same round trip (an import is a few
 * round trips per record; each costs more than the work it asks for): whether the record was
 * deleted at or after the change's revision, and the device of the visit the record belongs
 * to (the held row's visit, or the incoming one's when the office has no row). */
typedef struct lookups {
    int deleted;
    char visit_device[FQ_ID_LEN];
} lookups;

/* A member's text: a string unescaped, anything else as written ("" when absent/null). */
static void member_text(fq_json_value obj, const char *key, char *out, size_t out_len)
{
    fq_json_value v = fq_json_member(obj, key);
    out[0] = '\0';
    if (v.type == FQ_JSON_STRING)
        fq_json_string(v, out, out_len);
    else if (v.type != FQ_JSON_NONE && v.type != FQ_JSON_NULL)
        snprintf(out, out_len, "%.*s", (int)v.len, v.start);
}

static fq_err read_incoming(fq_pg *pg, const fq_entity *e, const fq_change *c, incoming *in)
{
    memset(in, 0, sizeof *in);
    in->e = e;
    in->c = c;
    in->f.op = c->op;
    if (c->op == 'D') {
        in->f.has_base = 1;
        in->f.base[0] = c->revision > 0 ? c->revision - 1 : -1;
        in->f.rev[0] = c->revision;
        in->f.rev_ok[0] = 1;
        return FQ_OK;
    }
    in->root = fq_json_root(c->json, strlen(c->json));
    if (in->root.type != FQ_JSON_OBJECT)
        return fq_pg_fail(pg, FQ_ERR_CORRUPT, "record %s of %s is not a JSON object", c->uuid,
                          e->table);
    fq_json_value base = fq_json_member(in->root, "_base");
    fq_json_value changed = fq_json_member(in->root, "_changed");
    in->f.has_base = base.type == FQ_JSON_OBJECT;
    in->f.whole_row = changed.type == FQ_JSON_NONE || changed.type == FQ_JSON_NULL;
    if (!in->f.whole_row) {
        if (changed.type != FQ_JSON_STRING) {
            in->f.bad_changed = 1;
        } else {
            char list[2048];
            long n = fq_json_string(changed, list, sizeof list);
            if (n < 0 || (size_t)n >= sizeof list)
                in->f.bad_changed = 1;
            else
                fq_own_parse_changed(e, &in->f, list);
        }
    }
    if (e->id != FQ_ENT_VISIT && fq_entity_has_column(e, "visit_uuid"))
        member_text(in->root, "visit_uuid", in->f.visit_uuid, sizeof in->f.visit_uuid);
    if (e->id == FQ_ENT_VISIT)
        member_text(in->root, "assigned_device", in->f.assigned_device,
                    sizeof in->f.assigned_device);
    for (size_t g = 0; g < e->n_groups; g++) {
        const char *rc = e->groups[g].revision_column;
        fq_json_value b = fq_json_member(base, rc);
        fq_json_value r = fq_json_member(in->root, rc);
        if (b.type != FQ_JSON_INTEGER)
            in->f.has_base = 0;
        in->f.base[g] = b.type == FQ_JSON_INTEGER ? b.i : 0;
        in->f.rev_ok[g] = r.type == FQ_JSON_INTEGER;
        in->f.rev[g] = r.type == FQ_JSON_INTEGER ? r.i : 0;
    }
    return FQ_OK;
}

/* The received value of field f equals the held text (sqlite's `col IS json_extract(...)`). */
static int same_value(const fq_field *f, fq_json_value v, const char *held)
{
    if (f->type == FQ_FIELD_TEXT) {
        if (v.type != FQ_JSON_STRING)
            return 0;
        size_t len = strlen(held);
        char *buf = malloc(len + 2);
        if (!buf)
            return 0;
        long n = fq_json_string(v, buf, len + 2);
        int eq = n >= 0 && (size_t)n == len && !memcmp(buf, held, len);
        free(buf);
        return eq;
    }
    int64_t x;
    if (v.type == FQ_JSON_INTEGER)
        x = v.i;
    else if (v.type == FQ_JSON_TRUE || v.type == FQ_JSON_FALSE)
        x = v.type == FQ_JSON_TRUE;
    else
        return 0;
    return x == (int64_t)strtoll(held, NULL, 10);
}

static fq_err read_held(fq_pg *pg, const incoming *in, fq_own_held *h, lookups *lk)
{
    const fq_entity *e = in->e;
    memset(h, 0, sizeof *h);
    memset(lk, 0, sizeof *lk);
    int has_visit = fq_entity_has_column(e, "visit_uuid") && e->id != FQ_ENT_VISIT;
    char sql[FQ_PG_SQL_LEN];
    /* (SELECT 1) LEFT JOIN: one row whether or not the office holds the record */
    size_t pos = (size_t)snprintf(
        sql, sizeof sql,
        "SELECT (h.uuid IS NOT NULL)::int,"
        " (SELECT count(*) FROM changelog WHERE uuid = $1 AND op = 'D' AND tbl = $2"
        " AND revision >= $3::bigint),"
        " %s, %s, %s",
        has_visit ? "(SELECT v.assigned_device FROM visits v WHERE v.uuid ="
                    " CASE WHEN h.uuid IS NULL THEN $4 ELSE h.visit_uuid END)"
                  : "$4::text",
        fq_entity_has_column(e, "visit_uuid") ? "h.visit_uuid" : "''",
        e->id == FQ_ENT_VISIT ? "h.assigned_device" : "''");
    for (size_t g = 0; g < e->n_groups && pos < sizeof sql; g++)
        pos += (size_t)snprintf(sql + pos, sizeof sql - pos, ", h.%s",
                                e->groups[g].revision_column);
    for (size_t i = 0; i < e->n_fields && pos < sizeof sql; i++)
        pos += (size_t)snprintf(sql + pos, sizeof sql - pos, ", h.%s", e->fields[i].column);
    if (pos < sizeof sql)
        snprintf(sql + pos, sizeof sql - pos, " FROM (SELECT 1) one LEFT JOIN %s h ON h.uuid = $1",
                 e->table);
    char rev[24];
    const char *p[] = {in->c->uuid, in->c->table, fq_pg_i64(in->c->revision, rev),
                       in->f.visit_uuid};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "read held record", sql, 4, p, &res);
    if (err)
        return err;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return fq_pg_fail(pg, FQ_ERR_IO, "read held record: no answer row");
    }
    lk->deleted = fq_pg_get_i64(res, 0, 1) != 0;
    if (has_visit)
        fq_pg_get_text(res, 0, 2, lk->visit_device, sizeof lk->visit_device);
    if (fq_pg_get_i64(res, 0, 0)) {
        h->exists = 1;
        fq_pg_get_text(res, 0, 3, h->visit_uuid, sizeof h->visit_uuid);
        fq_pg_get_text(res, 0, 4, h->assigned_device, sizeof h->assigned_device);
        int k = 5;
        for (size_t g = 0; g < e->n_groups; g++)
            h->rev[g] = fq_pg_get_i64(res, 0, k++);
        for (size_t i = 0; i < e->n_fields; i++, k++) {
            fq_json_value v = in->c->json ? fq_json_member(in->root, e->fields[i].column)
                                          : (fq_json_value){0};
            if (same_value(&e->fields[i], v, PQgetvalue(res, 0, k)))
                h->equal |= UINT64_C(1) << i;
        }
    }
    PQclear(res);
    return FQ_OK;
}

static fq_err flag(fq_pg *pg, const char *what, const char *sql, int n, const char *const *p,
                   int *out)
{
    int64_t v = 0;
    fq_err err = fq_pg_query_i64(pg, what, sql, n, p, &v);
    if (!err)
        *out = v != 0;
    return err;
}

static fq_err open_conflict(fq_pg *pg, const incoming *in, size_t g, const char *writer,
                            int *out)
{
    const char *p[] = {in->c->table, in->c->uuid, in->e->groups[g].name, writer};
    return flag(pg, "lookup",
                "SELECT count(*) FROM office_conflicts WHERE tbl = $1 AND uuid = $2 AND grp = $3"
                " AND writer = $4 AND status = 'open' AND kind = 'conflict'",
                4, p, out);
}

static fq_err seen_before(fq_pg *pg, const incoming *in, size_t g, const char *writer, int *out)
{
    char sql[1024], rev[24], seq[24];
    snprintf(sql, sizeof sql,
             "SELECT (EXISTS (SELECT 1 FROM changelog WHERE uuid = $1 AND tbl = $2 AND origin = 1"
             " AND op <> 'D' AND data->>'device_id' = $3 AND data->'%s' = to_jsonb($4::bigint))"
             " OR EXISTS (SELECT 1 FROM office_conflicts WHERE tbl = $2 AND uuid = $1"
             " AND grp = $5 AND writer = $3 AND seq = $6::bigint AND revision = $4::bigint"
             " AND data IS NOT DISTINCT FROM $7))::int",
             in->e->groups[g].revision_column);
    const char *p[] = {in->c->uuid, in->c->table, writer, fq_pg_i64(in->f.rev[g], rev),
                       in->e->groups[g].name, fq_pg_i64(in->c->seq, seq), in->c->json};
    return flag(pg, "replay lookup", sql, 7, p, out);
}

/* The device the record's visit is assigned to (sqlite's visit lookup), from the lookups. */
static void visit_device(const incoming *in, const fq_own_held *h, const lookups *lk,
                         char *out, size_t out_len)
{
    if (in->e->id == FQ_ENT_VISIT)
        snprintf(out, out_len, "%s", h->exists ? h->assigned_device : in->f.assigned_device);
    else
        snprintf(out, out_len, "%s", lk->visit_device);
}

static fq_err keep_aside(fq_pg *pg, const fq_store_sender *from, const incoming *in,
                         const fq_own_held *h, size_t g, uint64_t cols, const char *kind,
                         const char *reason)
{
    char changed[1024], seq[24], base[24], rev[24], held_rev[24], at[24];
    if (in->c->op == 'D')
        snprintf(changed, sizeof changed, "(delete)");
    else
        fq_own_column_list(in->e, cols, changed, sizeof changed);
    char op[2] = {in->c->op, '\0'};
    const char *p[] = {kind,
                       in->e->table,
                       in->c->uuid,
                       in->e->groups[g].name,
                       from->device_id ? from->device_id : "",
                       from->bundle_id ? from->bundle_id : "",
                       fq_pg_i64(in->c->seq, seq),
                       op,
                       fq_pg_i64(in->f.has_base ? in->f.base[g] : 0, base),
                       fq_pg_i64(in->f.rev[g], rev),
                       fq_pg_i64(h->exists ? h->rev[g] : 0, held_rev),
                       changed,
                       in->c->json,
                       reason,
                       fq_pg_i64(fq_pg_now(pg), at)};
    return fq_pg_query(pg, "conflicts table",
                       "INSERT INTO office_conflicts(kind, tbl, uuid, grp, writer, bundle_id, seq,"
                       " op, base, revision, held_revision, changed, data, reason, at_utc)"
                       " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)",
                       15, p, NULL);
}

static fq_err update_row(fq_pg *pg, const incoming *in, uint64_t cols, unsigned take,
                         const int64_t *revs)
{
    const fq_entity *e = in->e;
    char sql[FQ_PG_SQL_LEN], rb[FQ_OWN_MAX_GROUPS][24];
    const char *p[2 + FQ_OWN_MAX_GROUPS] = {in->c->json, in->c->uuid};
    int n = 2;
    size_t pos = (size_t)snprintf(sql, sizeof sql,
                                  "UPDATE %s t SET updated_utc = j.updated_utc,"
                                  " device_id = j.device_id, inspector = j.inspector",
                                  e->table);
    for (size_t i = 0; i < e->n_fields && pos < sizeof sql; i++)
        if (cols & (UINT64_C(1) << i))
            pos += (size_t)snprintf(sql + pos, sizeof sql - pos, ", %s = j.%s",
                                    e->fields[i].column, e->fields[i].column);
    for (size_t g = 0; g < e->n_groups && pos < sizeof sql; g++)
        if (take & (1u << g)) {
            p[n] = fq_pg_i64(revs[g], rb[g]);
            n++;
            pos += (size_t)snprintf(sql + pos, sizeof sql - pos, ", %s = $%d::bigint",
                                    e->groups[g].revision_column, n);
        }
    if (pos < sizeof sql)
        snprintf(sql + pos, sizeof sql - pos,
                 " FROM jsonb_populate_record(NULL::%s, $1::jsonb) j WHERE t.uuid = $2", e->table);
    return fq_pg_query(pg, "apply record", sql, n, p, NULL);
}

static fq_err delete_row(fq_pg *pg, const incoming *in)
{
    char sql[256];
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE uuid = $1", in->e->table);
    const char *p[] = {in->c->uuid};
    return fq_pg_query(pg, "apply delete", sql, 1, p, NULL);
}

static fq_err from_device_new(fq_pg *pg, const fq_store_sender *from, const incoming *in,
                              const fq_own_held *h, const lookups *lk, int *outcome)
{
    fq_err err = FQ_OK;
    if (lk->deleted || in->c->op == 'D')
        return FQ_OK;
    const char *writer = from->device_id ? from->device_id : "";
    char why[256] = "", device[FQ_ID_LEN] = "";
    if (in->c->op == 'I')
        visit_device(in, h, lk, device, sizeof device);
    fq_own_new_record_problem(in->e, &in->f, device, writer, why, sizeof why);
    int seen = 0;
    if (why[0] && !(err = seen_before(pg, in, 0, writer, &seen)) && !seen) {
        *outcome |= FQ_STORE_REFUSED;
        return keep_aside(pg, from, in, h, 0, fq_own_group_fields(in->e, 0), "refused", why);
    }
    if (err || why[0])
        return err;
    err = fq_pg_insert_json(pg, in->e, in->c->json);
    if (!err)
        *outcome |= FQ_STORE_APPLIED;
    return err;
}

static fq_err from_device(fq_pg *pg, const fq_store_sender *from, const incoming *in,
                          int *outcome)
{
    fq_own_held h;
    lookups lk;
    fq_err err = read_held(pg, in, &h, &lk);
    if (err)
        return err;
    const char *writer = from->device_id ? from->device_id : "";
    uint64_t cols[FQ_OWN_MAX_GROUPS];
    unsigned touched = fq_own_touched_groups(in->e, &in->f, cols);
    char why[256];
    fq_own_revision_problem(in->e, &in->f, touched, why, sizeof why);
    if (why[0]) {
        int seen = 0;
        if ((err = seen_before(pg, in, 0, writer, &seen)) || seen)
            return err;
        *outcome |= FQ_STORE_REFUSED;
        return keep_aside(pg, from, in, &h, 0, cols[0], "refused", why);
    }
    if (!h.exists)
        return from_device_new(pg, from, in, &h, &lk, outcome);
    char device[FQ_ID_LEN];
    visit_device(in, &h, &lk, device, sizeof device);
    unsigned take = 0;
    uint64_t take_cols = 0;
    int64_t revs[FQ_OWN_MAX_GROUPS] = {0};
    for (size_t g = 0; g < in->e->n_groups; g++) {
        if (!(touched & (1u << g)))
            continue;
        int seen = 0, open = 0;
        if ((err = seen_before(pg, in, g, writer, &seen)))
            return err;
        if (!seen && (err = open_conflict(pg, in, g, writer, &open)))
            return err;
        fq_own_verdict v = fq_own_judge(in->e, &in->f, &h, g, cols[g], device, writer, seen,
                                        open, why, sizeof why);
        if (v == FQ_OWN_TAKE) {
            take |= 1u << g;
            take_cols |= cols[g];
            revs[g] = h.rev[g] + 1;
        } else if (v != FQ_OWN_KEEP) {
            *outcome |= v == FQ_OWN_CONFLICT ? FQ_STORE_CONFLICT : FQ_STORE_REFUSED;
            err = keep_aside(pg, from, in, &h, g, cols[g],
                             v == FQ_OWN_CONFLICT ? "conflict" : "refused", why);
            if (err)
                return err;
        }
    }
    if (!take)
        return FQ_OK;
    err = in->c->op == 'D' ? delete_row(pg, in) : update_row(pg, in, take_cols, take, revs);
    if (!err)
        *outcome |= FQ_STORE_APPLIED;
    return err;
}

fq_err fq_pg_apply_change(void *h, const fq_store_sender *from, const fq_change *c,
                          int *out_outcome)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    if (pg->tx_depth <= 0)
        return fq_pg_fail(pg, FQ_ERR_INVALID, "apply_change outside a transaction");
    if (!from || from->source != FQ_STORE_FROM_DEVICE)
        return fq_pg_fail(pg, FQ_ERR_INVALID, "the office applies devices' changes only");
    const fq_entity *e = fq_entity_by_table(c->table);
    if (!e)
        return fq_pg_fail(pg, FQ_ERR_CORRUPT, "unknown record type '%s'", c->table);
    if (e->n_groups > FQ_OWN_MAX_GROUPS || e->n_fields > 64)
        return fq_pg_fail(pg, FQ_ERR_INVALID, "%s has too many columns to apply", e->table);
    if (!c->uuid || !fq_uuid_valid(c->uuid))
        return fq_pg_fail(pg, FQ_ERR_CORRUPT, "record with an invalid id in %s", e->table);
    if (c->op != 'D' && c->op != 'I' && c->op != 'U')
        return fq_pg_fail(pg, FQ_ERR_CORRUPT, "unknown change kind '%c'", c->op);
    if (c->op != 'D' && !c->json)
        return fq_pg_fail(pg, FQ_ERR_CORRUPT, "record %s has no data", c->uuid);
    incoming in;
    fq_err err = read_incoming(pg, e, c, &in);
    if (!err)
        err = fq_pg_set_applying(pg, 1);
    int outcome = 0;
    if (!err)
        err = from_device(pg, from, &in, &outcome);
    if (!err)
        *out_outcome = outcome;
    return err;
}
