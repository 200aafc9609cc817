/* Moving records between structs and sqlite statements by their column maps. */
#include "store_internal.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void read_field(const fq_field *f, sqlite3_stmt *stmt, int col, unsigned char *base)
{
    void *dst = base + f->offset;
    switch (f->type) {
    case FQ_FIELD_TEXT: {
        const unsigned char *txt = sqlite3_column_text(stmt, col);
        snprintf((char *)dst, f->size, "%s", txt ? (const char *)txt : "");
        break;
    }
    case FQ_FIELD_I64: {
        int64_t v = sqlite3_column_int64(stmt, col);
        memcpy(dst, &v, sizeof v);
        break;
    }
    case FQ_FIELD_I32: {
        int32_t v = (int32_t)sqlite3_column_int64(stmt, col);
        memcpy(dst, &v, sizeof v);
        break;
    }
    case FQ_FIELD_BOOL: {
        bool v = sqlite3_column_int64(stmt, col) != 0;
        memcpy(dst, &v, sizeof v);
        break;
    }
    }
}

void fq_store_row_to_record(const fq_entity *e, sqlite3_stmt *stmt, int first_col, void *rec)
{
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    unsigned char *base = rec;
    memset(rec, 0, e->record_size);
    for (size_t i = 0; i < n_meta; i++)
        read_field(&meta[i], stmt, first_col + (int)i, base);
    for (size_t i = 0; i < e->n_fields; i++)
        read_field(&e->fields[i], stmt, first_col + (int)(n_meta + i), base);
}

static int bind_field(const fq_field *f, sqlite3_stmt *stmt, int param, const unsigned char *base)
{
    const void *src = base + f->offset;
    switch (f->type) {
    case FQ_FIELD_TEXT: {
        /* bounded: a field without NUL (caller bug) is cut at its capacity */
        const char *s = src;
        size_t len = strnlen(s, f->size);
        return sqlite3_bind_text(stmt, param, s, (int)len, SQLITE_TRANSIENT);
    }
    case FQ_FIELD_I64: {
        int64_t v;
        memcpy(&v, src, sizeof v);
        return sqlite3_bind_int64(stmt, param, v);
    }
    case FQ_FIELD_I32: {
        int32_t v;
        memcpy(&v, src, sizeof v);
        return sqlite3_bind_int64(stmt, param, v);
    }
    case FQ_FIELD_BOOL: {
        bool v;
        memcpy(&v, src, sizeof v);
        return sqlite3_bind_int64(stmt, param, v ? 1 : 0);
    }
    }
    return SQLITE_MISUSE;
}

fq_err fq_store_bind_record(fq_store *st, const fq_entity *e, sqlite3_stmt *stmt,
                            int first_param, const void *rec)
{
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    const unsigned char *base = rec;
    for (size_t i = 0; i < n_meta + e->n_fields; i++) {
        const fq_field *f = i < n_meta ? &meta[i] : &e->fields[i - n_meta];
        int rc = bind_field(f, stmt, first_param + (int)i, base);
        if (rc != SQLITE_OK)
            return fq_store_sqlite_fail(st, rc, "bind");
    }
    return FQ_OK;
}

void fq_store_column_list(const fq_entity *e, const char *prefix, char *buf, size_t buf_len)
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

int fq_store_has_column(const fq_entity *e, const char *col)
{
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    for (size_t i = 0; i < n_meta; i++)
        if (!strcmp(meta[i].column, col))
            return 1;
    for (size_t i = 0; i < e->n_fields; i++)
        if (!strcmp(e->fields[i].column, col))
            return 1;
    return 0;
}

int fq_store_field_equal(const fq_field *f, const void *a, const void *b)
{
    const unsigned char *pa = (const unsigned char *)a + f->offset;
    const unsigned char *pb = (const unsigned char *)b + f->offset;
    if (f->type == FQ_FIELD_TEXT)
        return strncmp((const char *)pa, (const char *)pb, f->size) == 0;
    if (f->type == FQ_FIELD_BOOL) {
        bool va, vb;
        memcpy(&va, pa, sizeof va);
        memcpy(&vb, pb, sizeof vb);
        return va == vb;
    }
    return memcmp(pa, pb, f->size) == 0;
}

/* The I64 field holding group g's revision, or NULL for meta.revision. */
static const fq_field *revision_field(const fq_entity *e, size_t g)
{
    const char *col = e->groups[g].revision_column;
    if (!strcmp(col, "revision"))
        return NULL;
    for (size_t i = 0; i < e->n_fields; i++)
        if (!strcmp(e->fields[i].column, col))
            return &e->fields[i];
    return NULL;
}

int64_t fq_store_group_revision(const fq_entity *e, size_t g, const void *rec)
{
    const fq_field *f = revision_field(e, g);
    int64_t v;
    if (!f)
        return ((const fq_meta *)rec)->revision;
    memcpy(&v, (const unsigned char *)rec + f->offset, sizeof v);
    return v;
}

void fq_store_set_group_revision(const fq_entity *e, size_t g, void *rec, int64_t revision)
{
    const fq_field *f = revision_field(e, g);
    if (!f)
        ((fq_meta *)rec)->revision = revision;
    else
        memcpy((unsigned char *)rec + f->offset, &revision, sizeof revision);
}

unsigned fq_store_changed_groups(const fq_entity *e, const void *old, const void *rec)
{
    unsigned mask = 0;
    for (size_t i = 0; i < e->n_fields; i++)
        if (!fq_entity_is_revision_column(e, e->fields[i].column) &&
            !fq_store_field_equal(&e->fields[i], old, rec))
            mask |= 1u << e->fields[i].group;
    return mask;
}
