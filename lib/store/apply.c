/* Applying a change received from another database, by ownership and revision (issue 11;
 * lib/bundle/FORMAT.md, "Ownership and conflicts").
 *
 * A record's columns fall into groups (core/model_fields.h), each with one owner and its own
 * revision: the office owns orders, milestones, templates and a visit's plan; the device a
 * visit's results and records; issues are shared. A revision moves by one per change of its
 * group, and a change says which revision of each group it was made on (its base), so:
 *
 * - at the office (FROM_DEVICE), a device's change applies to a group when its base is the
 *   revision held here: the new revision is held + 1, never a number the sender picked. A
 *   base below the held revision means another writer changed the group meanwhile: a
 *   conflict, kept beside the held row for a person (office_conflicts), never dropped. A
 *   base above it, a revision that is not base + 1, or a group the sender does not own is
 *   refused, also kept with the reason. A writer with an open conflict on a group stays in
 *   conflict there (its next change is based on its own side, whatever its number says).
 * - on a device (FROM_OFFICE), a job pack row is the office's state: each group newer than
 *   the one held is taken, except where the device has work of its own on the record that
 *   the office has not acknowledged yet: the office sees that work first and decides.
 *
 * A replay (the same change again: a bundle imported twice, overlapping bundles) changes
 * nothing and keeps nothing twice: the office's log shows the group at that revision from
 * that writer, or the change is kept aside already (the office's import also skips the
 * positions of a device's log it imported before). Deliberately no field-level merge of concurrent edits: revision numbers
 * cannot say which merged version a writer later builds on without version vectors, so two
 * writers editing one record concurrently is always a conflict a person resolves. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/ownership.h"

#define MAX_GROUPS FQ_OWN_MAX_GROUPS
#define SQL_LEN 8192

/* What the received change says about itself (the facts core/ownership.h judges). */
typedef struct incoming {
    const fq_entity *e;
    const fq_change *c;
    fq_own_incoming f;
} incoming;

/* The row held here. */
typedef fq_own_held held;

static fq_err read_incoming(fq_store *st, const fq_entity *e, const fq_change *c, incoming *in)
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
    char sql[SQL_LEN];
    size_t pos = (size_t)snprintf(sql, sizeof sql,
                                  "SELECT json_valid(?1) AND json_type(?1) = 'object',"
                                  " json_type(?1, '$._base'), json_type(?1, '$._changed'),"
                                  " json_extract(?1, '$._changed'), json_extract(?1, '$.%s'),"
                                  " json_extract(?1, '$.%s')",
                                  fq_store_has_column(e, "visit_uuid") ? "visit_uuid" : "uuid",
                                  e->id == FQ_ENT_VISIT ? "assigned_device" : "uuid");
    for (size_t g = 0; g < e->n_groups && pos < sizeof sql; g++) {
        const char *rc = e->groups[g].revision_column;
        pos += (size_t)snprintf(sql + pos, sizeof sql - pos,
                                ", json_type(?1, '$._base.%s'), json_extract(?1, '$._base.%s'),"
                                " json_type(?1, '$.%s'), json_extract(?1, '$.%s')",
                                rc, rc, rc, rc);
    }
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare_cached(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, c->json, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        err = fq_store_sqlite_fail(st, rc, "read record");
    } else if (!sqlite3_column_int(stmt, 0)) {
        err = fq_store_fail(st, FQ_ERR_CORRUPT, "record %s of %s is not a JSON object", c->uuid,
                            e->table);
    } else {
        const unsigned char *base_type = sqlite3_column_text(stmt, 1);
        const unsigned char *changed_type = sqlite3_column_text(stmt, 2);
        in->f.has_base = base_type && !strcmp((const char *)base_type, "object");
        in->f.whole_row = !changed_type || !strcmp((const char *)changed_type, "null");
        if (!in->f.whole_row) {
            if (strcmp((const char *)changed_type, "text"))
                in->f.bad_changed = 1;
            else
                fq_own_parse_changed(e, &in->f, (const char *)sqlite3_column_text(stmt, 3));
        }
        if (e->id != FQ_ENT_VISIT && fq_store_has_column(e, "visit_uuid"))
            fq_store_text_col(stmt, 4, in->f.visit_uuid, sizeof in->f.visit_uuid);
        if (e->id == FQ_ENT_VISIT)
            fq_store_text_col(stmt, 5, in->f.assigned_device, sizeof in->f.assigned_device);
        for (size_t g = 0; g < e->n_groups; g++) {
            int k = 6 + (int)g * 4;
            const unsigned char *bt = sqlite3_column_text(stmt, k);
            const unsigned char *rt = sqlite3_column_text(stmt, k + 2);
            if (!bt || strcmp((const char *)bt, "integer"))
                in->f.has_base = 0;
            in->f.base[g] = sqlite3_column_int64(stmt, k + 1);
            in->f.rev_ok[g] = rt && !strcmp((const char *)rt, "integer");
            in->f.rev[g] = sqlite3_column_int64(stmt, k + 3);
        }
    }
    fq_store_release(st, stmt);
    return err;
}

static fq_err read_held(fq_store *st, const incoming *in, held *h)
{
    const fq_entity *e = in->e;
    memset(h, 0, sizeof *h);
    char sql[SQL_LEN];
    size_t pos = (size_t)snprintf(sql, sizeof sql, "SELECT %s, %s",
                                  fq_store_has_column(e, "visit_uuid") ? "visit_uuid" : "''",
                                  e->id == FQ_ENT_VISIT ? "assigned_device" : "''");
    for (size_t g = 0; g < e->n_groups && pos < sizeof sql; g++)
        pos += (size_t)snprintf(sql + pos, sizeof sql - pos, ", %s",
                                e->groups[g].revision_column);
    for (size_t i = 0; i < e->n_fields && pos < sizeof sql; i++)
        pos += (size_t)snprintf(sql + pos, sizeof sql - pos, ", %s IS json_extract(?1, '$.%s')",
                                e->fields[i].column, e->fields[i].column);
    if (pos < sizeof sql)
        snprintf(sql + pos, sizeof sql - pos, " FROM %s WHERE uuid = ?2", e->table);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare_cached(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, in->c->json ? in->c->json : "{}", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, in->c->uuid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        h->exists = 1;
        fq_store_text_col(stmt, 0, h->visit_uuid, sizeof h->visit_uuid);
        fq_store_text_col(stmt, 1, h->assigned_device, sizeof h->assigned_device);
        int k = 2;
        for (size_t g = 0; g < e->n_groups; g++)
            h->rev[g] = sqlite3_column_int64(stmt, k++);
        for (size_t i = 0; i < e->n_fields; i++, k++)
            if (sqlite3_column_int(stmt, k))
                h->equal |= UINT64_C(1) << i;
    } else if (rc != SQLITE_DONE) {
        err = fq_store_sqlite_fail(st, rc, "read held record");
    }
    fq_store_release(st, stmt);
    return err;
}

/* True when the log holds a delete of uuid at or after `revision`: a later delete wins over
 * an older insert or update arriving again. */
static fq_err deleted_since(fq_store *st, const fq_change *c, int *out_deleted)
{
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare_cached(st,
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
    fq_store_release(st, stmt);
    return err;
}

/* One query returning one integer (0 when no row), with up to four text parameters. */
static fq_err query_flag(fq_store *st, const char *sql, const char *const *args, int n_args,
                         int *out)
{
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare_cached(st, sql, &stmt);
    if (err)
        return err;
    for (int i = 0; i < n_args; i++)
        sqlite3_bind_text(stmt, i + 1, args[i], -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(stmt, 0);
    else if (rc == SQLITE_DONE)
        *out = 0;
    else
        err = fq_store_sqlite_fail(st, rc, "lookup");
    fq_store_release(st, stmt);
    return err;
}

/* The device has changed this record itself and the office has not acknowledged it yet. */
static fq_err pending_here(fq_store *st, const fq_change *c, int *out)
{
    const char *args[] = {c->uuid, c->table};
    return query_flag(st,
                      "SELECT EXISTS (SELECT 1 FROM changelog WHERE uuid = ?1 AND tbl = ?2"
                      " AND origin = 0 AND seq > (SELECT coalesce(max(acked_seq), 0)"
                      " FROM sync_receipts))",
                      args, 2, out);
}

/* The writer has an unresolved conflict on this group of the record. */
static fq_err open_conflict(fq_store *st, const incoming *in, size_t g, const char *writer,
                            int *out)
{
    const char *args[] = {in->c->table, in->c->uuid, in->e->groups[g].name, writer};
    return query_flag(st,
                      "SELECT EXISTS (SELECT 1 FROM office_conflicts WHERE tbl = ?1"
                      " AND uuid = ?2 AND grp = ?3 AND writer = ?4 AND status = 'open'"
                      " AND kind = 'conflict')",
                      args, 4, out);
}

/* The office has this change already: applied (its log holds the group at this revision
 * written by this writer: a writer never numbers two of its changes alike) or kept aside
 * (the same change, at the same position of the writer's change log). */
static fq_err seen_before(fq_store *st, const incoming *in, size_t g, const char *writer,
                          int *out)
{
    char sql[768];
    snprintf(sql, sizeof sql,
             "SELECT EXISTS (SELECT 1 FROM changelog WHERE uuid = ?1 AND tbl = ?2 AND origin = 1"
             " AND op <> 'D' AND json_extract(data, '$.device_id') = ?3"
             " AND json_extract(data, '$.%s') = ?4)"
             " OR EXISTS (SELECT 1 FROM office_conflicts WHERE tbl = ?2 AND uuid = ?1"
             " AND grp = ?5 AND writer = ?3 AND seq = ?6 AND revision = ?4 AND data IS ?7)",
             in->e->groups[g].revision_column);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare_cached(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, in->c->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, in->c->table, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, writer, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, in->f.rev[g]);
    sqlite3_bind_text(stmt, 5, in->e->groups[g].name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 6, in->c->seq);
    if (in->c->json)
        sqlite3_bind_text(stmt, 7, in->c->json, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, 7);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(stmt, 0);
    else
        err = fq_store_sqlite_fail(st, rc, "replay lookup");
    fq_store_release(st, stmt);
    return err;
}

/* The device a record's visit is assigned to ("" when none, or the visit is unknown). */
static fq_err visit_device(fq_store *st, const incoming *in, const held *h, char *out,
                           size_t out_len)
{
    out[0] = '\0';
    if (in->e->id == FQ_ENT_VISIT) {
        snprintf(out, out_len, "%s", h->exists ? h->assigned_device : in->f.assigned_device);
        return FQ_OK;
    }
    const char *visit = h->exists ? h->visit_uuid : in->f.visit_uuid;
    if (!visit[0])
        return FQ_OK;
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare_cached(st, "SELECT assigned_device FROM visits WHERE uuid = ?",
                                  &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, visit, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        fq_store_text_col(stmt, 0, out, out_len);
    else if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "visit lookup");
    fq_store_release(st, stmt);
    return err;
}

/* Keeps a change the office did not apply: a conflict or a refusal, with its writer, base,
 * row and reason (office_log.c lists and resolves them). */
static fq_err keep_aside(fq_store *st, const fq_store_sender *from, const incoming *in,
                         const held *h, size_t g, uint64_t cols, const char *kind,
                         const char *reason)
{
    char changed[1024];
    if (in->c->op == 'D')
        snprintf(changed, sizeof changed, "(delete)");
    else
        fq_own_column_list(in->e, cols, changed, sizeof changed);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare_cached(st,
                                  "INSERT INTO office_conflicts(kind, tbl, uuid, grp, writer,"
                                  " bundle_id, seq, op, base, revision, held_revision, changed,"
                                  " data, reason, at_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                  &stmt);
    if (err)
        return err;
    char op[2] = {in->c->op, '\0'};
    sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, in->e->table, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, in->c->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, in->e->groups[g].name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, from->device_id ? from->device_id : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, from->bundle_id ? from->bundle_id : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 7, in->c->seq);
    sqlite3_bind_text(stmt, 8, op, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 9, in->f.has_base ? in->f.base[g] : 0);
    sqlite3_bind_int64(stmt, 10, in->f.rev[g]);
    sqlite3_bind_int64(stmt, 11, h->exists ? h->rev[g] : 0);
    sqlite3_bind_text(stmt, 12, changed, -1, SQLITE_TRANSIENT);
    if (in->c->json)
        sqlite3_bind_text(stmt, 13, in->c->json, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, 13);
    sqlite3_bind_text(stmt, 14, reason, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 15, fq_store_now(st));
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "conflicts table (is this the office database?)");
    fq_store_release(st, stmt);
    return err;
}

static fq_err insert_row(fq_store *st, const incoming *in)
{
    return fq_store_insert_json(st, in->e, in->c->json);
}

fq_err fq_store_insert_json(fq_store *st, const fq_entity *e, const char *json)
{
    char cols[2048], vals[4096], sql[SQL_LEN];
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    size_t pv = 0;
    fq_store_column_list(e, NULL, cols, sizeof cols);
    for (size_t i = 0; i < n_meta + e->n_fields && pv < sizeof vals; i++) {
        const char *col = i < n_meta ? meta[i].column : e->fields[i - n_meta].column;
        pv += (size_t)snprintf(vals + pv, sizeof vals - pv, "%sjson_extract(?1, '$.%s')",
                               i ? "," : "", col);
    }
    snprintf(sql, sizeof sql, "INSERT INTO %s (%s) VALUES (%s)", e->table, cols, vals);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare_cached(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, json, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "apply record");
    fq_store_release(st, stmt);
    return err;
}

/* UPDATE of the columns in `cols` from the received row, each taken group's revision set to
 * revs[g] (take: bit g), and the row's writer and time from the received row. */
static fq_err update_row(fq_store *st, const incoming *in, uint64_t cols, unsigned take,
                         const int64_t *revs)
{
    const fq_entity *e = in->e;
    char sql[SQL_LEN];
    size_t pos = (size_t)snprintf(sql, sizeof sql,
                                  "UPDATE %s SET updated_utc = json_extract(?1, '$.updated_utc'),"
                                  " device_id = json_extract(?1, '$.device_id'),"
                                  " inspector = json_extract(?1, '$.inspector')",
                                  e->table);
    for (size_t i = 0; i < e->n_fields && pos < sizeof sql; i++)
        if (cols & (UINT64_C(1) << i))
            pos += (size_t)snprintf(sql + pos, sizeof sql - pos, ", %s = json_extract(?1, '$.%s')",
                                    e->fields[i].column, e->fields[i].column);
    for (size_t g = 0; g < e->n_groups && pos < sizeof sql; g++)
        if (take & (1u << g))
            pos += (size_t)snprintf(sql + pos, sizeof sql - pos, ", %s = %lld",
                                    e->groups[g].revision_column, (long long)revs[g]);
    if (pos < sizeof sql)
        snprintf(sql + pos, sizeof sql - pos, " WHERE uuid = ?2");
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare_cached(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, in->c->json, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, in->c->uuid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "apply record");
    fq_store_release(st, stmt);
    return err;
}

static fq_err delete_row(fq_store *st, const incoming *in)
{
    char sql[256];
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE uuid = ?", in->e->table);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare_cached(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, in->c->uuid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "apply delete");
    fq_store_release(st, stmt);
    return err;
}

/* ---- at the office: a device's change ---- */

static fq_own_verdict judge_group(fq_store *st, const fq_store_sender *from, const incoming *in,
                                  const held *h, size_t g, uint64_t cols,
                                  const char *device_of_visit, char *why, size_t why_len,
                                  fq_err *err)
{
    const char *writer = from->device_id ? from->device_id : "";
    int seen = 0, open = 0;
    if ((*err = seen_before(st, in, g, writer, &seen)) || seen)
        return FQ_OWN_KEEP; /* a replay: this change is here already */
    if ((*err = open_conflict(st, in, g, writer, &open)))
        return FQ_OWN_KEEP;
    return fq_own_judge(in->e, &in->f, h, g, cols, device_of_visit, writer, 0, open, why,
                        why_len);
}

static fq_err from_device_new(fq_store *st, const fq_store_sender *from, const incoming *in,
                              const held *h, int *outcome)
{
    int deleted = 0;
    fq_err err = deleted_since(st, in->c, &deleted);
    if (err || deleted || in->c->op == 'D')
        return err; /* deleted here later, or a delete of what the office never had */
    char why[256] = "", device[FQ_ID_LEN] = "";
    if (in->c->op == 'I' && (err = visit_device(st, in, h, device, sizeof device)))
        return err;
    fq_own_new_record_problem(in->e, &in->f, device, from->device_id ? from->device_id : "",
                              why, sizeof why);
    int seen = 0;
    if (why[0] && !(err = seen_before(st, in, 0, from->device_id ? from->device_id : "", &seen))
        && !seen) {
        *outcome |= FQ_STORE_REFUSED;
        return keep_aside(st, from, in, h, 0, fq_own_group_fields(in->e, 0), "refused", why);
    }
    if (err || why[0])
        return err;
    /* a record the office does not hold yet is taken in whole (new work, the demo's orders);
     * from then on each group belongs to its owner */
    err = insert_row(st, in);
    if (!err)
        *outcome |= FQ_STORE_APPLIED;
    return err;
}

static fq_err from_device(fq_store *st, const fq_store_sender *from, const incoming *in,
                          int *outcome)
{
    held h;
    fq_err err = read_held(st, in, &h);
    if (err)
        return err;
    uint64_t cols[MAX_GROUPS];
    unsigned touched = fq_own_touched_groups(in->e, &in->f, cols);
    char why[256];
    fq_own_revision_problem(in->e, &in->f, touched, why, sizeof why);
    if (why[0]) {
        int seen = 0;
        if ((err = seen_before(st, in, 0, from->device_id ? from->device_id : "", &seen)) ||
            seen)
            return err;
        *outcome |= FQ_STORE_REFUSED;
        return keep_aside(st, from, in, &h, 0, cols[0], "refused", why);
    }
    if (!h.exists)
        return from_device_new(st, from, in, &h, outcome);
    char device[FQ_ID_LEN];
    if ((err = visit_device(st, in, &h, device, sizeof device)))
        return err;
    unsigned take = 0;
    uint64_t take_cols = 0;
    int64_t revs[MAX_GROUPS] = {0};
    for (size_t g = 0; g < in->e->n_groups; g++) {
        if (!(touched & (1u << g)))
            continue;
        fq_own_verdict v = judge_group(st, from, in, &h, g, cols[g], device, why, sizeof why, &err);
        if (err)
            return err;
        if (v == FQ_OWN_TAKE) {
            take |= 1u << g;
            take_cols |= cols[g];
            revs[g] = h.rev[g] + 1;
        } else if (v != FQ_OWN_KEEP) {
            *outcome |= v == FQ_OWN_CONFLICT ? FQ_STORE_CONFLICT : FQ_STORE_REFUSED;
            err = keep_aside(st, from, in, &h, g, cols[g],
                             v == FQ_OWN_CONFLICT ? "conflict" : "refused", why);
            if (err)
                return err;
        }
    }
    if (!take)
        return FQ_OK;
    if (in->c->op == 'D')
        err = delete_row(st, in);
    else
        err = update_row(st, in, take_cols, take, revs);
    if (!err)
        *outcome |= FQ_STORE_APPLIED;
    return err;
}

/* ---- on a device: a row of the office's job pack ---- */

static fq_err from_office(fq_store *st, const incoming *in, int *outcome)
{
    for (size_t g = 0; g < in->e->n_groups; g++)
        if (!in->f.rev_ok[g] || in->f.rev[g] < 1 || in->f.rev[g] > FQ_STORE_REVISION_MAX)
            return fq_store_fail(st, FQ_ERR_CORRUPT, "%s %s: %s %lld is out of range",
                                 in->e->table, in->c->uuid, in->e->groups[g].revision_column,
                                 (long long)in->f.rev[g]);
    held h;
    fq_err err = read_held(st, in, &h);
    if (err)
        return err;
    int pending = 0;
    if (!h.exists) {
        int deleted = 0;
        err = deleted_since(st, in->c, &deleted);
        if (!err && !deleted && in->c->op != 'D' && !(err = insert_row(st, in)))
            *outcome |= FQ_STORE_APPLIED;
        return err;
    }
    if ((err = pending_here(st, in->c, &pending)))
        return err;
    unsigned take = 0;
    uint64_t cols = 0;
    for (size_t g = 0; g < in->e->n_groups; g++) {
        if (in->f.rev[g] <= h.rev[g])
            continue; /* held already, or the device's own newer work */
        if (in->e->groups[g].owner != FQ_OWNER_OFFICE && pending) {
            *outcome |= FQ_STORE_KEPT_LOCAL;
            continue;
        }
        take |= 1u << g;
        cols |= fq_own_group_fields(in->e, g);
    }
    if (!take)
        return FQ_OK;
    if (in->c->op == 'D')
        err = delete_row(st, in);
    else
        err = update_row(st, in, cols, take, in->f.rev);
    if (!err)
        *outcome |= FQ_STORE_APPLIED;
    return err;
}

fq_err fq_store_apply_change(fq_store *st, const fq_store_sender *from, const fq_change *c,
                             int *out_outcome)
{
    fq_store_clear_error(st);
    if (st->tx_depth <= 0)
        return fq_store_fail(st, FQ_ERR_INVALID, "apply_change outside a transaction");
    const fq_entity *e = fq_entity_by_table(c->table);
    if (!e)
        return fq_store_fail(st, FQ_ERR_CORRUPT, "unknown record type '%s'", c->table);
    if (e->n_groups > MAX_GROUPS || e->n_fields > 64)
        return fq_store_fail(st, FQ_ERR_INVALID, "%s has too many columns to apply", e->table);
    if (!c->uuid || !fq_uuid_valid(c->uuid))
        return fq_store_fail(st, FQ_ERR_CORRUPT, "record with an invalid id in %s", e->table);
    if (c->op != 'D' && c->op != 'I' && c->op != 'U')
        return fq_store_fail(st, FQ_ERR_CORRUPT, "unknown change kind '%c'", c->op);
    if (c->op != 'D' && !c->json)
        return fq_store_fail(st, FQ_ERR_CORRUPT, "record %s has no data", c->uuid);
    incoming in;
    fq_err err = read_incoming(st, e, c, &in);
    if (err)
        return err;
    /* the change log marks what this transaction writes from here on as received (origin
     * 1), once per transaction: fq_store_commit (or a local action's fq_store_begin) ends it */
    if (!st->applying) {
        if ((err = fq_store_exec(st, "UPDATE store_state SET applying = 1 WHERE id = 1")))
            return err;
        st->applying = 1;
    }
    int outcome = 0;
    if (from && from->source == FQ_STORE_FROM_DEVICE)
        err = from_device(st, from, &in, &outcome);
    else
        err = from_office(st, &in, &outcome);
    if (!err)
        *out_outcome = outcome;
    return err;
}

fq_err fq_store_applying_end(fq_store *st)
{
    if (!st->applying)
        return FQ_OK;
    fq_err err = fq_store_exec(st, "UPDATE store_state SET applying = 0 WHERE id = 1");
    if (!err)
        st->applying = 0;
    return err;
}
