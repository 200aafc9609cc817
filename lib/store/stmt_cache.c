/* Statements kept prepared per connection, found by their SQL text. Applying a bundle runs
 * the same few statements per record type (one text per table and column set) for every
 * record; sqlite3_prepare_v2 was a third of an import's CPU. Deliberately small: a fixed
 * number of slots, a statement in use is never evicted, and when every slot is in use the
 * statement is simply not kept (fq_store_release finalizes it). */
#include "store_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define N_SLOTS 128

typedef struct slot {
    uint64_t hash;
    char *sql;
    sqlite3_stmt *stmt;
    int busy; /* handed out, not released yet */
} slot;

struct fq_store_stmt_cache {
    slot slots[N_SLOTS];
    size_t next_evict;
};

static uint64_t hash_sql(const char *sql)
{
    uint64_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

static slot *find(fq_store_stmt_cache *c, uint64_t h, const char *sql)
{
    for (size_t i = 0; i < N_SLOTS; i++)
        if (c->slots[i].stmt && c->slots[i].hash == h && !strcmp(c->slots[i].sql, sql))
            return &c->slots[i];
    return NULL;
}

/* An empty slot, else the next one not in use (round robin), emptied; NULL when all busy. */
static slot *free_slot(fq_store_stmt_cache *c)
{
    for (size_t i = 0; i < N_SLOTS; i++)
        if (!c->slots[i].stmt)
            return &c->slots[i];
    for (size_t k = 0; k < N_SLOTS; k++) {
        slot *s = &c->slots[(c->next_evict + k) % N_SLOTS];
        if (s->busy)
            continue;
        c->next_evict = (c->next_evict + k + 1) % N_SLOTS;
        sqlite3_finalize(s->stmt);
        free(s->sql);
        memset(s, 0, sizeof *s);
        return s;
    }
    return NULL;
}

fq_err fq_store_prepare_cached(fq_store *st, const char *sql, sqlite3_stmt **out)
{
    if (!st->stmts)
        st->stmts = calloc(1, sizeof *st->stmts);
    uint64_t h = hash_sql(sql);
    slot *s = st->stmts ? find(st->stmts, h, sql) : NULL;
    if (s && !s->busy) {
        s->busy = 1;
        *out = s->stmt;
        return FQ_OK;
    }
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, sql, &stmt);
    if (err)
        return err;
    s = st->stmts && !s ? free_slot(st->stmts) : NULL;
    char *copy = s ? strdup(sql) : NULL;
    if (copy) {
        s->hash = h;
        s->sql = copy;
        s->stmt = stmt;
        s->busy = 1;
    }
    *out = stmt;
    return FQ_OK;
}

void fq_store_release(fq_store *st, sqlite3_stmt *stmt)
{
    if (!stmt)
        return;
    for (size_t i = 0; st->stmts && i < N_SLOTS; i++) {
        slot *s = &st->stmts->slots[i];
        if (s->stmt == stmt) {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            s->busy = 0;
            return;
        }
    }
    sqlite3_finalize(stmt);
}

void fq_store_stmt_cache_free(fq_store *st)
{
    if (!st->stmts)
        return;
    for (size_t i = 0; i < N_SLOTS; i++) {
        sqlite3_finalize(st->stmts->slots[i].stmt);
        free(st->stmts->slots[i].sql);
    }
    free(st->stmts);
    st->stmts = NULL;
}
