/* Generic repository calls: put, get, delete, list and count of any record type, by the
 * column maps of core/model_fields.h. Each call is one transaction unless the caller holds
 * one (fq_store_begin). */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_LEN 4096

static const fq_entity *entity(fq_store *st, fq_entity_id id)
{
    const fq_entity *e = fq_entity_get(id);
    if (!e)
        fq_store_fail(st, FQ_ERR_INVALID, "unknown record type %d", (int)id);
    return e;
}

/* The text of field `col` inside rec, or NULL when the entity has no such text field. */
static const char *text_field(const fq_entity *e, const void *rec, const char *col)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (e->fields[i].type == FQ_FIELD_TEXT && !strcmp(e->fields[i].column, col))
            return (const char *)rec + e->fields[i].offset;
    return NULL;
}

fq_err fq_store_check_visit_open(fq_store *st, const char *visit_uuid)
{
    if (!visit_uuid || !*visit_uuid)
        return FQ_OK;
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT finished FROM visits WHERE uuid = ?", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, visit_uuid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && sqlite3_column_int(stmt, 0))
        err = fq_store_fail(st, FQ_ERR_CONFLICT,
                            "this visit is signed off and read-only; reopen it with a reason "
                            "to change it");
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "visit lookup");
    sqlite3_finalize(stmt);
    return err;
}

/* Records of a signed-off visit are frozen; open issues are the order's and stay editable. */
static fq_err check_writable(fq_store *st, const fq_entity *e, const void *rec, int is_update)
{
    if (e->id == FQ_ENT_VISIT) {
        const fq_visit *v = rec;
        if (!is_update)
            return FQ_OK;
        return fq_store_check_visit_open(st, v->meta.uuid);
    }
    if (e->id == FQ_ENT_ISSUE)
        return FQ_OK;
    return fq_store_check_visit_open(st, text_field(e, rec, "visit_uuid"));
}

static fq_err stored_revision(fq_store *st, const fq_entity *e, const char *uuid, int64_t *out)
{
    char sql[256];
    sqlite3_stmt *stmt = NULL;
    snprintf(sql, sizeof sql, "SELECT revision FROM %s WHERE uuid = ?", e->table);
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, uuid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(stmt, 0);
    else if (rc == SQLITE_DONE)
        err = FQ_ERR_NOTFOUND;
    else
        err = fq_store_sqlite_fail(st, rc, "revision lookup");
    sqlite3_finalize(stmt);
    return err;
}

static fq_err write_row(fq_store *st, const fq_entity *e, const void *rec, int is_update,
                        int64_t old_revision)
{
    char cols[2048], sql[SQL_LEN];
    size_t n_meta;
    fq_meta_fields(&n_meta);
    size_t n_cols = n_meta + e->n_fields;
    fq_store_column_list(e, NULL, cols, sizeof cols);
    if (is_update) {
        /* UPDATE t SET (a, b, ...) = (?, ?, ...) WHERE uuid = ? AND revision = ? */
        size_t pos = (size_t)snprintf(sql, sizeof sql, "UPDATE %s SET (%s) = (", e->table, cols);
        for (size_t i = 0; i < n_cols; i++)
            pos += (size_t)snprintf(sql + pos, sizeof sql - pos, "%s?", i ? "," : "");
        snprintf(sql + pos, sizeof sql - pos, ") WHERE uuid = ? AND revision = ?");
    } else {
        size_t pos = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s (%s) VALUES (", e->table,
                                      cols);
        for (size_t i = 0; i < n_cols; i++)
            pos += (size_t)snprintf(sql + pos, sizeof sql - pos, "%s?", i ? "," : "");
        snprintf(sql + pos, sizeof sql - pos, ")");
    }
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    err = fq_store_bind_record(st, e, stmt, 1, rec);
    if (!err && is_update) {
        const fq_meta *m = rec;
        sqlite3_bind_text(stmt, (int)n_cols + 1, m->uuid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, (int)n_cols + 2, old_revision);
    }
    if (!err) {
        int rc = sqlite3_step(stmt);
        if (rc != SQLITE_DONE)
            err = fq_store_sqlite_fail(st, rc, is_update ? "update" : "insert");
        else if (is_update && sqlite3_changes(st->db) != 1)
            err = fq_store_fail(st, FQ_ERR_CONFLICT, "record changed while saving");
    }
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_put(fq_store *st, fq_entity_id id, void *rec)
{
    fq_store_clear_error(st);
    const fq_entity *e = entity(st, id);
    if (!e || !rec)
        return e ? fq_store_fail(st, FQ_ERR_INVALID, "no record") : FQ_ERR_INVALID;
    fq_meta next = *(fq_meta *)rec;
    int64_t now = fq_store_now(st);
    int64_t old_revision = 0;
    int is_update = 0;
    fq_err err = fq_store_begin(st);
    if (err)
        return err;
    if (!next.uuid[0]) {
        err = fq_store_new_uuid(st, next.uuid);
    } else {
        err = stored_revision(st, e, next.uuid, &old_revision);
        if (err == FQ_ERR_NOTFOUND) {
            err = FQ_OK; /* caller-chosen uuid (job packs, demo data): a new record */
        } else if (!err) {
            is_update = 1;
            if (old_revision != next.revision)
                err = fq_store_fail(st, FQ_ERR_CONFLICT,
                                    "%s %s was changed elsewhere (revision %lld, you had "
                                    "%lld); reload it",
                                    e->table, next.uuid, (long long)old_revision,
                                    (long long)next.revision);
        }
    }
    if (!err)
        err = check_writable(st, e, rec, is_update);
    if (err)
        goto fail;
    if (!is_update)
        next.created_utc = now;
    next.updated_utc = now;
    next.revision = is_update ? old_revision + 1 : 1;
    snprintf(next.device_id, sizeof next.device_id, "%s", st->device_id);
    snprintf(next.inspector, sizeof next.inspector, "%s", st->inspector);
    {
        /* write a copy so rec is untouched when the write fails */
        unsigned char *copy = malloc(e->record_size);
        if (!copy) {
            err = fq_store_fail(st, FQ_ERR_NOMEM, "out of memory saving %s", e->table);
            goto fail;
        }
        memcpy(copy, rec, e->record_size);
        memcpy(copy, &next, sizeof next);
        err = write_row(st, e, copy, is_update, old_revision);
        free(copy);
    }
    if (err)
        goto fail;
    err = fq_store_commit(st);
    if (!err)
        memcpy(rec, &next, sizeof next);
    return err;
fail:
    fq_store_rollback(st);
    return err;
}

fq_err fq_store_get(fq_store *st, fq_entity_id id, const char *uuid, void *out)
{
    fq_store_clear_error(st);
    const fq_entity *e = entity(st, id);
    if (!e)
        return FQ_ERR_INVALID;
    char cols[2048], sql[SQL_LEN];
    fq_store_column_list(e, NULL, cols, sizeof cols);
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE uuid = ?", cols, e->table);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, uuid ? uuid : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        fq_store_row_to_record(e, stmt, 0, out);
    else if (rc == SQLITE_DONE)
        err = fq_store_fail(st, FQ_ERR_NOTFOUND, "no %s record %s", e->table,
                            uuid ? uuid : "(null)");
    else
        err = fq_store_sqlite_fail(st, rc, "read");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_delete(fq_store *st, fq_entity_id id, const char *uuid)
{
    fq_store_clear_error(st);
    const fq_entity *e = entity(st, id);
    if (!e)
        return FQ_ERR_INVALID;
    unsigned char *rec = malloc(e->record_size);
    if (!rec)
        return fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
    fq_err err = fq_store_begin(st);
    if (err)
        goto out;
    err = fq_store_get(st, id, uuid, rec);
    if (!err)
        err = check_writable(st, e, rec, 1);
    if (!err) {
        char sql[256];
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE uuid = ?", e->table);
        sqlite3_stmt *stmt = NULL;
        err = fq_store_prepare(st, sql, &stmt);
        if (!err) {
            sqlite3_bind_text(stmt, 1, uuid, -1, SQLITE_STATIC);
            int rc = sqlite3_step(stmt);
            if (rc != SQLITE_DONE)
                err = fq_store_sqlite_fail(st, rc, "delete");
            sqlite3_finalize(stmt);
        }
    }
    if (err)
        fq_store_rollback(st);
    else
        err = fq_store_commit(st);
out:
    free(rec);
    return err;
}

static fq_err where_clause(fq_store *st, const fq_entity *e, const char *filter_col,
                           const char *order_col, char *buf, size_t buf_len, int with_order)
{
    if (filter_col && !fq_store_has_column(e, filter_col))
        return fq_store_fail(st, FQ_ERR_INVALID, "%s has no column %s", e->table, filter_col);
    if (order_col && !fq_store_has_column(e, order_col))
        return fq_store_fail(st, FQ_ERR_INVALID, "%s has no column %s", e->table, order_col);
    int n = snprintf(buf, buf_len, "%s%s%s", filter_col ? " WHERE " : "",
                     filter_col ? filter_col : "", filter_col ? " = ?" : "");
    if (with_order)
        /* rowid last: records written in the same second keep their insertion order */
        snprintf(buf + n, buf_len - (size_t)n, " ORDER BY %s%s", order_col ? order_col : "created_utc",
                 ", created_utc, rowid");
    return FQ_OK;
}

fq_err fq_store_list(fq_store *st, fq_entity_id id, const char *filter_col,
                     const char *filter_val, const char *order_col, void **out, size_t *out_n)
{
    fq_store_clear_error(st);
    const fq_entity *e = entity(st, id);
    if (!e)
        return FQ_ERR_INVALID;
    char cols[2048], where[256], sql[SQL_LEN];
    fq_err err = where_clause(st, e, filter_col, order_col, where, sizeof where, 1);
    if (err)
        return err;
    fq_store_column_list(e, NULL, cols, sizeof cols);
    snprintf(sql, sizeof sql, "SELECT %s FROM %s%s", cols, e->table, where);
    sqlite3_stmt *stmt = NULL;
    err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    if (filter_col)
        sqlite3_bind_text(stmt, 1, filter_val ? filter_val : "", -1, SQLITE_STATIC);
    unsigned char *arr = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (n == cap) {
            size_t new_cap = cap ? cap * 2 : 16;
            unsigned char *grown = NULL;
            if (new_cap <= SIZE_MAX / e->record_size)
                grown = realloc(arr, new_cap * e->record_size);
            if (!grown) {
                err = fq_store_fail(st, FQ_ERR_NOMEM, "out of memory listing %s", e->table);
                break;
            }
            arr = grown;
            cap = new_cap;
        }
        fq_store_row_to_record(e, stmt, 0, arr + n * e->record_size);
        n++;
    }
    if (!err && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "list");
    sqlite3_finalize(stmt);
    if (err) {
        free(arr);
        return err;
    }
    *out = arr;
    *out_n = n;
    return FQ_OK;
}

fq_err fq_store_count(fq_store *st, fq_entity_id id, const char *filter_col,
                      const char *filter_val, int64_t *out_n)
{
    fq_store_clear_error(st);
    const fq_entity *e = entity(st, id);
    if (!e)
        return FQ_ERR_INVALID;
    char where[256], sql[512];
    fq_err err = where_clause(st, e, filter_col, NULL, where, sizeof where, 0);
    if (err)
        return err;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s%s", e->table, where);
    sqlite3_stmt *stmt = NULL;
    err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    if (filter_col)
        sqlite3_bind_text(stmt, 1, filter_val ? filter_val : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out_n = sqlite3_column_int64(stmt, 0);
    else
        err = fq_store_sqlite_fail(st, rc, "count");
    sqlite3_finalize(stmt);
    return err;
}
