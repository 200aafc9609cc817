/* The change log: reading local changes for export. Each change goes out with what the
 * receiver needs to judge it (FORMAT.md, "Ownership and conflicts"): the row as JSON plus
 * "_base" (the revision of each group it was made on) and "_changed" (the columns it
 * changed). Applying received changes is apply.c. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

fq_err fq_store_changes_since(fq_store *st, int64_t after_seq, fq_change_fn fn, void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st,
                                  /* a damaged row goes out as it is (not through json_set,
                                   * which would fail the whole walk): the exporter leaves it
                                   * out and records it */
                                  "SELECT seq, tbl, uuid, revision, op, at_utc,"
                                  " CASE WHEN data IS NULL THEN NULL"
                                  " WHEN NOT json_valid(data) OR NOT json_valid(base) THEN data"
                                  " ELSE json_set(data, '$._base', json(base), '$._changed',"
                                  " changed) END"
                                  " FROM changelog WHERE origin = 0 AND seq > ? ORDER BY seq",
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

