/* Iterating a verified bundle: records, photos, receipt acks. Each item is re-checked by its
 * CRC-32 as it is handed out (cheap), so a file changed after verification is not applied
 * silently. Verification itself is in reader.c/verify.c. */
#include "reader_internal.h"

#include <stdlib.h>
#include <string.h>

static fq_err require_verified(fq_bundle *b)
{
    return b->verified ? FQ_OK
                       : fq_bundle_reader_fail(b, FQ_ERR_INVALID, "bundle was not verified");
}

fq_err fq_bundle_each_record(fq_bundle *b, fq_change_fn fn, void *ctx)
{
    fq_err e = require_verified(b);
    if (e)
        return e;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(b->db,
                                "SELECT seq, tbl, uuid, revision, op, at_utc, data, crc32"
                                " FROM records ORDER BY seq", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "records");
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_change c;
        const char *op = (const char *)sqlite3_column_text(stmt, 4);
        c.seq = sqlite3_column_int64(stmt, 0);
        c.table = (const char *)sqlite3_column_text(stmt, 1);
        c.uuid = (const char *)sqlite3_column_text(stmt, 2);
        c.revision = sqlite3_column_int64(stmt, 3);
        c.op = op ? op[0] : '?';
        c.at_utc = sqlite3_column_int64(stmt, 5);
        c.json = (const char *)sqlite3_column_text(stmt, 6);
        if (!c.table || !c.uuid ||
            (int64_t)fq_bundle_record_crc(c.table, c.uuid, c.revision, c.op, c.at_utc, c.json) !=
                sqlite3_column_int64(stmt, 7)) {
            e = fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                      "bundle changed while reading (record %lld)",
                                      (long long)c.seq);
            break;
        }
        if (fn(ctx, &c))
            break;
    }
    if (!e && rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = fq_bundle_reader_sqlite_fail(b, rc, "records");
    sqlite3_finalize(stmt);
    return e;
}

fq_err fq_bundle_each_photo(fq_bundle *b, fq_bundle_photo_fn fn, void *ctx)
{
    fq_err e = require_verified(b);
    if (e)
        return e;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(b->db, fq_bundle_photo_query, -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "photos");
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char sha[FQ_HASH_LEN];
        unsigned char *data = NULL;
        size_t len = 0;
        e = fq_bundle_load_photo(b, stmt, NULL, sha, &data, &len);
        int stop = e ? 1 : fq_bundle_photo_damaged(b, sha) ? 0 : fn(ctx, sha, data, len);
        free(data);
        if (stop)
            break;
    }
    if (!e && rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = fq_bundle_reader_sqlite_fail(b, rc, "photos");
    sqlite3_finalize(stmt);
    return e;
}

fq_err fq_bundle_each_damaged_photo(fq_bundle *b, int (*fn)(void *ctx, const char *sha256),
                                    void *ctx)
{
    fq_err e = require_verified(b);
    for (int64_t i = 0; !e && i < b->n_damaged; i++)
        if (fn(ctx, b->damaged[i]))
            break;
    return e;
}

int64_t fq_bundle_n_damaged_photos(const fq_bundle *b)
{
    return b ? b->n_damaged : 0;
}

fq_err fq_bundle_each_ack(fq_bundle *b, fq_bundle_ack_fn fn, void *ctx)
{
    fq_err e = require_verified(b);
    if (e)
        return e;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(b->db, "SELECT sha256 FROM acks ORDER BY sha256", -1, &stmt,
                                NULL);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "acks");
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (fn(ctx, (const char *)sqlite3_column_text(stmt, 0)))
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        e = fq_bundle_reader_sqlite_fail(b, rc, "acks");
    sqlite3_finalize(stmt);
    return e;
}
