/* Records on PostgreSQL by the column maps: rows to structs and back, put (the revision and
 * group rules of lib/store's repo.c, decided by core's model_fields/ownership helpers), get,
 * list (ordered as sqlite lists: the order column, then creation time, then insertion
 * order), count, and the API's pages (uuid order). */
#include "pg_internal.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/ownership.h"
#include "fsio/fsio.h"

void fq_pg_columns(const fq_entity *e, const char *prefix, char *buf, size_t buf_len)
{
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    size_t pos = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n_meta + e->n_fields && pos < buf_len; i++) {
        const char *col = i < n_meta ? meta[i].column : e->fields[i - n_meta].column;
        pos += (size_t)snprintf(buf + pos, buf_len - pos, "%s%s%s", i ? ", " : "",
                                prefix ? prefix : "", col);
    }
}

static void read_field(const fq_field *f, const PGresult *res, int r, int c, unsigned char *base)
{
    void *dst = base + f->offset;
    const char *v = PQgetisnull(res, r, c) ? "" : PQgetvalue(res, r, c);
    switch (f->type) {
    case FQ_FIELD_TEXT:
        snprintf((char *)dst, f->size, "%s", v);
        break;
    case FQ_FIELD_I64: {
        int64_t x = (int64_t)strtoll(v, NULL, 10);
        memcpy(dst, &x, sizeof x);
        break;
    }
    case FQ_FIELD_I32: {
        int32_t x = (int32_t)strtoll(v, NULL, 10);
        memcpy(dst, &x, sizeof x);
        break;
    }
    case FQ_FIELD_BOOL: {
        bool x = strtoll(v, NULL, 10) != 0;
        memcpy(dst, &x, sizeof x);
        break;
    }
    }
}

void fq_pg_row_to_record(const fq_entity *e, const PGresult *res, int r, int first_col,
                         void *rec)
{
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    memset(rec, 0, e->record_size);
    for (size_t i = 0; i < n_meta; i++)
        read_field(&meta[i], res, r, first_col + (int)i, rec);
    for (size_t i = 0; i < e->n_fields; i++)
        read_field(&e->fields[i], res, r, first_col + (int)(n_meta + i), rec);
}

void fq_pg_record_params(const fq_entity *e, const void *rec, char (*bufs)[24],
                         const char **vals)
{
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    const unsigned char *base = rec;
    for (size_t i = 0; i < n_meta + e->n_fields; i++) {
        const fq_field *f = i < n_meta ? &meta[i] : &e->fields[i - n_meta];
        const void *src = base + f->offset;
        switch (f->type) {
        case FQ_FIELD_TEXT:
            vals[i] = src; /* NUL-terminated within its capacity: the records are ours */
            break;
        case FQ_FIELD_I64: {
            int64_t v;
            memcpy(&v, src, sizeof v);
            vals[i] = fq_pg_i64(v, bufs[i]);
            break;
        }
        case FQ_FIELD_I32: {
            int32_t v;
            memcpy(&v, src, sizeof v);
            vals[i] = fq_pg_i64(v, bufs[i]);
            break;
        }
        case FQ_FIELD_BOOL: {
            bool v;
            memcpy(&v, src, sizeof v);
            vals[i] = v ? "1" : "0";
            break;
        }
        }
    }
}

static const fq_entity *entity(fq_pg *pg, fq_entity_id id)
{
    const fq_entity *e = fq_entity_get(id);
    if (!e)
        fq_pg_fail(pg, FQ_ERR_INVALID, "unknown record type %d", (int)id);
    return e;
}

/* The stored row of uuid into out; FQ_ERR_NOTFOUND (no message) when absent. */
static fq_err stored(fq_pg *pg, const fq_entity *e, const char *uuid, void *out)
{
    char cols[2048], sql[3000];
    fq_pg_columns(e, NULL, cols, sizeof cols);
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE uuid = $1", cols, e->table);
    PGresult *res = NULL;
    const char *p[] = {uuid ? uuid : ""};
    fq_err err = fq_pg_query(pg, "read", sql, 1, p, &res);
    if (err)
        return err;
    if (PQntuples(res) == 1)
        fq_pg_row_to_record(e, res, 0, 0, out);
    else
        err = FQ_ERR_NOTFOUND;
    PQclear(res);
    return err;
}

fq_err fq_pg_get(void *h, fq_entity_id id, const char *uuid, void *out)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const fq_entity *e = entity(pg, id);
    if (!e)
        return FQ_ERR_INVALID;
    fq_err err = stored(pg, e, uuid, out);
    if (err == FQ_ERR_NOTFOUND)
        fq_pg_fail(pg, err, "no %s record %s", e->table, uuid ? uuid : "(null)");
    return err;
}

static const char *text_field(const fq_entity *e, const void *rec, const char *col)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (e->fields[i].type == FQ_FIELD_TEXT && !strcmp(e->fields[i].column, col))
            return (const char *)rec + e->fields[i].offset;
    return NULL;
}

static fq_err check_visit_open(fq_pg *pg, const char *visit_uuid)
{
    if (!visit_uuid || !*visit_uuid)
        return FQ_OK;
    int64_t finished = 0;
    const char *p[] = {visit_uuid};
    fq_err err = fq_pg_query_i64(pg, "visit lookup", "SELECT finished FROM visits WHERE uuid = $1",
                                 1, p, &finished);
    if (!err && finished)
        err = fq_pg_fail(pg, FQ_ERR_CONFLICT,
                         "this visit is signed off and read-only; reopen it with a reason to "
                         "change it");
    return err;
}

/* lib/store's check_writable: records of a signed-off visit are frozen, a visit's plan and
 * an order's issues stay writable. */
static fq_err check_writable(fq_pg *pg, const fq_entity *e, const void *rec, int is_update,
                             unsigned groups)
{
    if (e->id == FQ_ENT_VISIT) {
        const fq_visit *v = rec;
        if (!is_update || !(groups & ~1u))
            return FQ_OK;
        return check_visit_open(pg, v->meta.uuid);
    }
    if (e->id == FQ_ENT_ISSUE)
        return FQ_OK;
    return check_visit_open(pg, text_field(e, rec, "visit_uuid"));
}

static fq_err write_row(fq_pg *pg, const fq_entity *e, const void *rec, int is_update,
                        int64_t old_revision)
{
    char cols[2048], sql[FQ_PG_SQL_LEN];
    size_t n_meta;
    fq_meta_fields(&n_meta);
    size_t n = n_meta + e->n_fields;
    fq_pg_columns(e, NULL, cols, sizeof cols);
    size_t pos = (size_t)snprintf(sql, sizeof sql,
                                  is_update ? "UPDATE %s SET (%s) = ROW(" : "INSERT INTO %s (%s)"
                                                                            " VALUES (",
                                  e->table, cols);
    for (size_t i = 0; i < n; i++)
        pos += (size_t)snprintf(sql + pos, sizeof sql - pos, "%s$%zu", i ? "," : "", i + 1);
    if (is_update)
        snprintf(sql + pos, sizeof sql - pos, ") WHERE uuid = $%zu AND revision = $%zu", n + 1,
                 n + 2);
    else
        snprintf(sql + pos, sizeof sql - pos, ")");
    char bufs[64][24];
    const char *vals[66];
    if (n > 64)
        return fq_pg_fail(pg, FQ_ERR_INVALID, "%s has too many columns", e->table);
    fq_pg_record_params(e, rec, bufs, vals);
    char rev[24];
    vals[n] = ((const fq_meta *)rec)->uuid;
    vals[n + 1] = fq_pg_i64(old_revision, rev);
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, is_update ? "update" : "insert", sql,
                             (int)(is_update ? n + 2 : n), vals, &res);
    if (!err && is_update && strcmp(PQcmdTuples(res), "1") != 0)
        err = fq_pg_fail(pg, FQ_ERR_CONFLICT, "record changed while saving");
    PQclear(res);
    return err;
}

static fq_err check_revisions(fq_pg *pg, const fq_entity *e, const void *have, const void *rec)
{
    for (size_t g = 0; g < e->n_groups; g++) {
        int64_t a = fq_entity_group_revision(e, g, have);
        int64_t b = fq_entity_group_revision(e, g, rec);
        if (a != b)
            return fq_pg_fail(pg, FQ_ERR_CONFLICT,
                              "%s %s was changed elsewhere (%s %lld, you had %lld); reload it",
                              e->table, ((const fq_meta *)rec)->uuid,
                              e->groups[g].revision_column, (long long)a, (long long)b);
    }
    return FQ_OK;
}

static fq_err next_revisions(fq_pg *pg, const fq_entity *e, unsigned groups, void *next)
{
    for (size_t g = 0; g < e->n_groups; g++) {
        if (!(groups & (1u << g)))
            continue;
        int64_t r = fq_entity_group_revision(e, g, next);
        if (r >= FQ_STORE_REVISION_MAX)
            return fq_pg_fail(pg, FQ_ERR_INVALID,
                              "%s %s has reached the highest revision and cannot change",
                              e->table, ((const fq_meta *)next)->uuid);
        fq_entity_set_group_revision(e, g, next, r + 1);
    }
    return FQ_OK;
}

static fq_err compare_stored(fq_pg *pg, const fq_entity *e, const void *rec,
                             unsigned char *next, unsigned char *have, int *out_update,
                             unsigned *out_groups)
{
    fq_meta *m = (fq_meta *)next;
    int derived = 0;
    fq_err err = FQ_OK;
    if (!m->uuid[0]) {
        if (e->id == FQ_ENT_CHECKLIST_ITEM) {
            const fq_checklist_item *it = rec;
            fq_checklist_item_id(it->visit_type, it->section, it->text, m->uuid);
            derived = 1;
        } else if (fq_fsio_uuid(m->uuid, FQ_UUID_LEN)) {
            err = fq_pg_fail(pg, FQ_ERR_IO, "no random source for record ids: %s",
                             strerror(errno));
        }
    }
    if (!err)
        err = stored(pg, e, m->uuid, have);
    if (err == FQ_ERR_NOTFOUND) {
        *out_update = 0;
        *out_groups = (1u << e->n_groups) - 1;
        return FQ_OK;
    }
    if (err)
        return err;
    *out_update = 1;
    *out_groups = fq_entity_changed_groups(e, have, next);
    if (derived && *out_groups)
        return fq_pg_fail(pg, FQ_ERR_CONFLICT,
                          "checklist item '%s' already exists with other details",
                          ((const fq_checklist_item *)rec)->text);
    return derived ? FQ_OK : check_revisions(pg, e, have, next);
}

fq_err fq_pg_put(void *h, fq_entity_id id, void *rec)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const fq_entity *e = entity(pg, id);
    if (!e || !rec)
        return e ? fq_pg_fail(pg, FQ_ERR_INVALID, "no record") : FQ_ERR_INVALID;
    int64_t now = fq_pg_now(pg);
    int is_update = 0, in_tx = 0;
    unsigned groups = 0;
    unsigned char *next = malloc(e->record_size);
    unsigned char *have = malloc(e->record_size);
    fq_meta *m = (fq_meta *)next;
    fq_err err = next && have ? fq_pg_begin(pg)
                              : fq_pg_fail(pg, FQ_ERR_NOMEM, "out of memory saving %s",
                                           e->table);
    in_tx = !err;
    if (!err)
        err = fq_pg_set_applying(pg, 0);
    if (!err) {
        memcpy(next, rec, e->record_size);
        err = compare_stored(pg, e, rec, next, have, &is_update, &groups);
    }
    if (!err && !groups) {
        in_tx = 0;
        err = fq_pg_commit(pg);
        if (!err)
            memcpy(rec, have, e->record_size);
        goto out;
    }
    if (!err)
        err = check_writable(pg, e, next, is_update, groups);
    if (!err && is_update)
        err = next_revisions(pg, e, groups, next);
    if (!err) {
        if (!is_update) {
            m->created_utc = now;
            for (size_t g = 0; g < e->n_groups; g++)
                fq_entity_set_group_revision(e, g, next, 1);
        }
        m->updated_utc = now;
        snprintf(m->device_id, sizeof m->device_id, "%s", pg->device_id);
        snprintf(m->inspector, sizeof m->inspector, "%s", pg->inspector);
        err = write_row(pg, e, next, is_update, is_update ? ((fq_meta *)have)->revision : 0);
    }
    if (!err) {
        in_tx = 0;
        err = fq_pg_commit(pg);
        if (!err)
            memcpy(rec, next, e->record_size);
    }
out:
    if (err && in_tx)
        fq_pg_rollback(pg);
    free(next);
    free(have);
    return err;
}

static fq_err check_column(fq_pg *pg, const fq_entity *e, const char *col)
{
    if (col && !fq_entity_has_column(e, col))
        return fq_pg_fail(pg, FQ_ERR_INVALID, "%s has no column %s", e->table, col);
    return FQ_OK;
}

/* Rows of res into a malloc'd array of records. */
static fq_err records_of(fq_pg *pg, const fq_entity *e, const PGresult *res, int max_rows,
                         void **out, size_t *out_n)
{
    int n = PQntuples(res);
    if (max_rows >= 0 && n > max_rows)
        n = max_rows;
    unsigned char *arr = NULL;
    if (n > 0) {
        arr = calloc((size_t)n, e->record_size);
        if (!arr)
            return fq_pg_fail(pg, FQ_ERR_NOMEM, "out of memory listing %s", e->table);
        for (int r = 0; r < n; r++)
            fq_pg_row_to_record(e, res, r, 0, arr + (size_t)r * e->record_size);
    }
    *out = arr;
    *out_n = (size_t)n;
    return FQ_OK;
}

fq_err fq_pg_list(void *h, fq_entity_id id, const char *filter_col, const char *filter_val,
                  const char *order_col, void **out, size_t *out_n)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const fq_entity *e = entity(pg, id);
    if (!e)
        return FQ_ERR_INVALID;
    fq_err err = check_column(pg, e, filter_col);
    if (!err)
        err = check_column(pg, e, order_col);
    if (err)
        return err;
    char cols[2048], sql[3000];
    fq_pg_columns(e, NULL, cols, sizeof cols);
    snprintf(sql, sizeof sql, "SELECT %s FROM %s%s%s%s ORDER BY %s, created_utc, _row", cols,
             e->table, filter_col ? " WHERE " : "", filter_col ? filter_col : "",
             filter_col ? " = $1" : "", order_col ? order_col : "created_utc");
    const char *p[] = {filter_val ? filter_val : ""};
    PGresult *res = NULL;
    err = fq_pg_query(pg, "list", sql, filter_col ? 1 : 0, p, &res);
    if (err)
        return err;
    err = records_of(pg, e, res, -1, out, out_n);
    PQclear(res);
    return err;
}

fq_err fq_pg_count(void *h, fq_entity_id id, const char *filter_col, const char *filter_val,
                   int64_t *out_n)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const fq_entity *e = entity(pg, id);
    if (!e)
        return FQ_ERR_INVALID;
    fq_err err = check_column(pg, e, filter_col);
    if (err)
        return err;
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s%s%s%s", e->table,
             filter_col ? " WHERE " : "", filter_col ? filter_col : "", filter_col ? " = $1" : "");
    const char *p[] = {filter_val ? filter_val : ""};
    return fq_pg_query_i64(pg, "count", sql, filter_col ? 1 : 0, p, out_n);
}

fq_err fq_pg_page(void *h, fq_entity_id id, const char *filter_col, const char *filter_val,
                  const char *after, size_t limit, void **out, size_t *out_n, int *out_more)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const fq_entity *e = entity(pg, id);
    if (!e)
        return FQ_ERR_INVALID;
    if (limit < 1 || limit > 1000)
        return fq_pg_fail(pg, FQ_ERR_INVALID, "a page holds 1 to 1000 records");
    fq_err err = check_column(pg, e, filter_col);
    if (err)
        return err;
    char cols[2048], sql[3000], lim[24];
    fq_pg_columns(e, NULL, cols, sizeof cols);
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE uuid > $1%s%s%s ORDER BY uuid LIMIT $3",
             cols, e->table, filter_col ? " AND " : "", filter_col ? filter_col : "",
             filter_col ? " = $2" : " AND $2::text IS NOT NULL");
    const char *p[] = {after ? after : "", filter_val ? filter_val : "",
                       fq_pg_i64((int64_t)limit + 1, lim)};
    PGresult *res = NULL;
    err = fq_pg_query(pg, "page", sql, 3, p, &res);
    if (err)
        return err;
    int more = PQntuples(res) > (int)limit;
    err = records_of(pg, e, res, (int)limit, out, out_n);
    PQclear(res);
    if (!err)
        *out_more = more;
    return err;
}

fq_err fq_pg_insert_json(fq_pg *pg, const fq_entity *e, const char *json)
{
    char cols[2048], sql[5000];
    fq_pg_columns(e, NULL, cols, sizeof cols);
    snprintf(sql, sizeof sql,
             "INSERT INTO %s (%s) SELECT %s FROM jsonb_populate_record(NULL::%s, $1::jsonb)",
             e->table, cols, cols, e->table);
    const char *p[] = {json};
    return fq_pg_query(pg, "apply record", sql, 1, p, NULL);
}
