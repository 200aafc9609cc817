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

/* Records of a signed-off visit are frozen; open issues are the order's and stay editable.
 * A visit's plan is the office's and stays editable (groups: the bits of the groups the
 * write changes); its results are frozen with it. */
static fq_err check_writable(fq_store *st, const fq_entity *e, const void *rec, int is_update,
                             unsigned groups)
{
    if (e->id == FQ_ENT_VISIT) {
        const fq_visit *v = rec;
        if (!is_update || !(groups & ~1u))
            return FQ_OK;
        return fq_store_check_visit_open(st, v->meta.uuid);
    }
    if (e->id == FQ_ENT_ISSUE)
        return FQ_OK;
    return fq_store_check_visit_open(st, text_field(e, rec, "visit_uuid"));
}

/* The stored record with uuid into out; FQ_ERR_NOTFOUND (no message) when absent. */
static fq_err stored_record(fq_store *st, const fq_entity *e, const char *uuid, void *out)
{
    char cols[2048], sql[SQL_LEN];
    fq_store_column_list(e, NULL, cols, sizeof cols);
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE uuid = ?", cols, e->table);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, uuid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        fq_store_row_to_record(e, stmt, 0, out);
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

/* The stored copy differs from rec in a revision: someone else changed it since rec was read. */
static fq_err check_revisions(fq_store *st, const fq_entity *e, const void *stored,
                              const void *rec)
{
    for (size_t g = 0; g < e->n_groups; g++) {
        int64_t have = fq_store_group_revision(e, g, stored);
        int64_t had = fq_store_group_revision(e, g, rec);
        if (have != had)
            return fq_store_fail(st, FQ_ERR_CONFLICT,
                                 "%s %s was changed elsewhere (%s %lld, you had %lld); reload it",
                                 e->table, ((const fq_meta *)rec)->uuid,
                                 e->groups[g].revision_column, (long long)have, (long long)had);
    }
    return FQ_OK;
}

/* Each changed group's revision + 1, refused before it could overflow. */
static fq_err next_revisions(fq_store *st, const fq_entity *e, unsigned groups, void *next)
{
    for (size_t g = 0; g < e->n_groups; g++) {
        if (!(groups & (1u << g)))
            continue;
        int64_t r = fq_store_group_revision(e, g, next);
        if (r >= FQ_STORE_REVISION_MAX)
            return fq_store_fail(st, FQ_ERR_INVALID,
                                 "%s %s has reached the highest revision and cannot change",
                                 e->table, ((const fq_meta *)next)->uuid);
        fq_store_set_group_revision(e, g, next, r + 1);
    }
    return FQ_OK;
}

/* A template written without an id gets its stable one (fq_checklist_item_id): the same
 * checkpoint has the same id in every database. */
static void template_id(const fq_entity *e, const void *rec, char *uuid)
{
    const fq_checklist_item *it = rec;
    if (e->id == FQ_ENT_CHECKLIST_ITEM)
        fq_checklist_item_id(it->visit_type, it->section, it->text, uuid);
}

/* Reads what rec is about to replace: *out_update and *out_groups (the groups rec changes;
 * all of them for a new record). A template without an id gets its stable one first. */
static fq_err compare_stored(fq_store *st, const fq_entity *e, const void *rec,
                             unsigned char *next, unsigned char *stored, int *out_update,
                             unsigned *out_groups)
{
    fq_meta *m = (fq_meta *)next;
    int derived = 0;
    fq_err err = FQ_OK;
    if (!m->uuid[0]) {
        template_id(e, rec, m->uuid);
        derived = m->uuid[0] != '\0';
        if (!derived)
            err = fq_store_new_uuid(st, m->uuid);
    }
    if (!err)
        err = stored_record(st, e, m->uuid, stored);
    if (err == FQ_ERR_NOTFOUND) {
        *out_update = 0; /* new, or a caller-chosen uuid (job packs, demo data) */
        *out_groups = (1u << e->n_groups) - 1;
        return FQ_OK;
    }
    if (err)
        return err;
    *out_update = 1;
    *out_groups = fq_store_changed_groups(e, stored, next);
    if (derived && *out_groups)
        return fq_store_fail(st, FQ_ERR_CONFLICT,
                             "checklist item '%s' already exists with other details",
                             ((const fq_checklist_item *)rec)->text);
    return derived ? FQ_OK : check_revisions(st, e, stored, next);
}

fq_err fq_store_put(fq_store *st, fq_entity_id id, void *rec)
{
    fq_store_clear_error(st);
    const fq_entity *e = entity(st, id);
    if (!e || !rec)
        return e ? fq_store_fail(st, FQ_ERR_INVALID, "no record") : FQ_ERR_INVALID;
    int64_t now = fq_store_now(st);
    int is_update = 0;
    int in_tx = 0;
    unsigned groups = 0;
    /* next: what gets written (rec stays untouched when the write fails); stored: the row
     * as it is */
    unsigned char *next = malloc(e->record_size);
    unsigned char *stored = malloc(e->record_size);
    fq_meta *m = (fq_meta *)next;
    fq_err err = next && stored ? fq_store_begin(st)
                                : fq_store_fail(st, FQ_ERR_NOMEM, "out of memory saving %s",
                                                e->table);
    in_tx = !err;
    if (!err) {
        memcpy(next, rec, e->record_size);
        err = compare_stored(st, e, rec, next, stored, &is_update, &groups);
    }
    if (!err && !groups) {
        /* nothing changed: nothing is written, no revision moves, nothing is logged */
        in_tx = 0;
        err = fq_store_commit(st);
        if (!err)
            memcpy(rec, stored, e->record_size);
        goto out;
    }
    if (!err)
        err = check_writable(st, e, next, is_update, groups);
    if (!err && is_update)
        err = next_revisions(st, e, groups, next);
    if (!err) {
        if (!is_update) {
            m->created_utc = now;
            for (size_t g = 0; g < e->n_groups; g++)
                fq_store_set_group_revision(e, g, next, 1);
        }
        m->updated_utc = now;
        snprintf(m->device_id, sizeof m->device_id, "%s", st->device_id);
        snprintf(m->inspector, sizeof m->inspector, "%s", st->inspector);
        err = write_row(st, e, next, is_update, is_update ? ((fq_meta *)stored)->revision : 0);
    }
    if (!err) {
        in_tx = 0;
        err = fq_store_commit(st);
        if (!err)
            memcpy(rec, next, e->record_size);
    }
out:
    if (err && in_tx)
        fq_store_rollback(st);
    free(next);
    free(stored);
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
        err = check_writable(st, e, rec, 1, ~0u);
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
