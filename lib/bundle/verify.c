/* Verification of a bundle's records, photos and receipt acks against the manifest and their
 * own checksums. Limits are checked on lengths sqlite reports before any blob is read or
 * inflated. Called by fq_bundle_open; the iterators re-use fq_bundle_load_photo. */
#include "reader_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/model_fields.h"

const char fq_bundle_photo_query[] =
    "SELECT p.name, p.sha256, p.sz, p.crc32, s.mode, s.sz, length(s.data), s.data"
    " FROM photo_index p LEFT JOIN sqlar s ON s.name = p.name ORDER BY p.name";

static const char record_query[] =
    "SELECT seq, tbl, uuid, revision, op, at_utc, data, crc32, length(data),"
    " typeof(revision), typeof(at_utc), typeof(crc32),"
    " CASE WHEN data IS NULL THEN NULL WHEN json_valid(data) AND json_type(data) = 'object'"
    " THEN json_extract(data, '$.uuid') = uuid AND json_extract(data, '$.revision') = revision"
    " ELSE 0 END"
    " FROM records ORDER BY seq";

static fq_err check_record(fq_bundle *b, sqlite3_stmt *stmt)
{
    int64_t seq = sqlite3_column_int64(stmt, 0);
    const char *tbl = (const char *)sqlite3_column_text(stmt, 1);
    const char *uuid = (const char *)sqlite3_column_text(stmt, 2);
    const char *op = (const char *)sqlite3_column_text(stmt, 4);
    const char *data = (const char *)sqlite3_column_text(stmt, 6);
    const fq_bundle_info *in = &b->info;
    if (in->kind == FQ_BUNDLE_CHANGES && (seq <= in->after_seq || seq > in->to_seq))
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                     "bundle record %lld is outside its range %lld..%lld",
                                     (long long)seq, (long long)in->after_seq,
                                     (long long)in->to_seq);
    if (!tbl || !fq_entity_by_table(tbl) || !uuid || !fq_uuid_valid(uuid))
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle record %lld: unknown kind or id",
                                     (long long)seq);
    for (int i = 9; i <= 11; i++)
        if (strcmp((const char *)sqlite3_column_text(stmt, i), "integer") != 0)
            return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle record %lld: bad column",
                                         (long long)seq);
    if (!op || strlen(op) != 1 || !strchr("IUD", op[0]))
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle record %lld: bad change kind",
                                     (long long)seq);
    if (sqlite3_column_int64(stmt, 8) > b->limits.max_record_bytes)
        return fq_bundle_reader_fail(b, FQ_ERR_INVALID, "bundle record %lld is too large",
                                     (long long)seq);
    if ((op[0] == 'D') != (data == NULL) ||
        (data && sqlite3_column_int(stmt, 12) != 1))
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle record %lld: bad data",
                                     (long long)seq);
    uint32_t crc = fq_bundle_record_crc(tbl, uuid, sqlite3_column_int64(stmt, 3), op[0],
                                        sqlite3_column_int64(stmt, 5), data);
    if ((int64_t)crc != sqlite3_column_int64(stmt, 7))
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                     "bundle is corrupt: CRC-32 mismatch in record %lld",
                                     (long long)seq);
    return FQ_OK;
}

fq_err fq_bundle_verify_records(fq_bundle *b)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(b->db, record_query, -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "records");
    int64_t n = 0, last_seq = b->info.after_seq;
    fq_err e = FQ_OK;
    while (!e && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        e = check_record(b, stmt);
        last_seq = sqlite3_column_int64(stmt, 0); /* in seq order */
        n++;
    }
    sqlite3_finalize(stmt);
    if (e)
        return e;
    if (rc != SQLITE_DONE)
        return fq_bundle_reader_sqlite_fail(b, rc, "records");
    if (n != b->info.n_records)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                     "bundle holds %lld records, its manifest says %lld",
                                     (long long)n, (long long)b->info.n_records);
    /* a range claims what the bundle carries, no more: the office acknowledges up to to_seq,
     * so a range running past the last record would acknowledge changes nobody sent */
    if (b->info.skipped_to_seq > last_seq) /* a damaged change the device declared left out */
        last_seq = b->info.skipped_to_seq;
    if (b->info.kind == FQ_BUNDLE_CHANGES && b->info.to_seq != last_seq)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                     "bundle range ends at %lld but its last change is %lld",
                                     (long long)b->info.to_seq, (long long)last_seq);
    return FQ_OK;
}

fq_err fq_bundle_load_photo(fq_bundle *b, sqlite3_stmt *stmt, int *out_sha_ok,
                            char out_sha[FQ_HASH_LEN], unsigned char **out_data,
                            size_t *out_len)
{
    const char *name = (const char *)sqlite3_column_text(stmt, 0);
    const char *sha = (const char *)sqlite3_column_text(stmt, 1);
    int64_t sz = sqlite3_column_int64(stmt, 2);
    char name_sha[FQ_HASH_LEN];
    if (!fq_bundle_photo_name_parse(name, name_sha) || !sha || strcmp(sha, name_sha) != 0)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle has a bad photo name '%.80s'",
                                     name ? name : "?");
    if (sz < 0 || sz > b->limits.max_photo_bytes)
        return fq_bundle_reader_fail(b, FQ_ERR_INVALID, "photo %.12s... is too large (%lld bytes)",
                                     sha, (long long)sz);
    int64_t stored = sqlite3_column_int64(stmt, 6);
    if (sqlite3_column_type(stmt, 5) != SQLITE_INTEGER || sqlite3_column_int64(stmt, 5) != sz ||
        sqlite3_column_int64(stmt, 4) != FQ_BUNDLE_PHOTO_MODE || stored > sz ||
        (sqlite3_column_type(stmt, 7) != SQLITE_BLOB && sz > 0))
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle is corrupt: photo %.12s... "
                                     "archive entry is damaged", sha);
    unsigned char *buf = malloc(sz > 0 ? (size_t)sz : 1);
    if (!buf)
        return fq_bundle_reader_fail(b, FQ_ERR_NOMEM, "out of memory for a photo");
    const unsigned char *blob = sqlite3_column_blob(stmt, 7);
    fq_err e = FQ_OK;
    if (stored == sz) {
        if (sz)
            memcpy(buf, blob, (size_t)sz);
    } else {
        uLongf got = (uLongf)sz;
        if (!blob || uncompress(buf, &got, blob, (uLong)stored) != Z_OK || got != (uLongf)sz)
            e = fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                      "bundle is corrupt: photo %.12s... does not inflate", sha);
    }
    if (!e && (int64_t)crc32(crc32(0L, Z_NULL, 0), buf, (uInt)sz) != sqlite3_column_int64(stmt, 3))
        e = fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                  "bundle is corrupt: CRC-32 mismatch in photo %.12s...", sha);
    if (!e && out_sha_ok) {
        char actual[FQ_HASH_LEN];
        fq_core_sha256_hex(buf, (size_t)sz, actual);
        *out_sha_ok = strcmp(actual, sha) == 0;
    }
    if (e) {
        free(buf);
        return e;
    }
    memcpy(out_sha, sha, FQ_HASH_LEN);
    *out_data = buf;
    *out_len = (size_t)sz;
    return FQ_OK;
}

static fq_err count_rows(fq_bundle *b, const char *sql, int64_t *out)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(b->db, sql, -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "count");
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? FQ_OK : fq_bundle_reader_sqlite_fail(b, rc, "count");
}

static fq_err note_damaged(fq_bundle *b, const char *sha)
{
    char(*grown)[FQ_HASH_LEN] = realloc(b->damaged, (size_t)(b->n_damaged + 1) * sizeof *grown);
    if (!grown)
        return fq_bundle_reader_fail(b, FQ_ERR_NOMEM, "out of memory");
    b->damaged = grown;
    memcpy(b->damaged[b->n_damaged++], sha, FQ_HASH_LEN);
    return FQ_OK;
}

int fq_bundle_photo_damaged(const fq_bundle *b, const char *sha)
{
    for (int64_t i = 0; i < b->n_damaged; i++)
        if (!strcmp(b->damaged[i], sha))
            return 1;
    return 0;
}

fq_err fq_bundle_verify_photos(fq_bundle *b)
{
    int64_t n_archive = 0, total = 0;
    fq_err e = count_rows(b, "SELECT count(*) FROM sqlar", &n_archive);
    if (e)
        return e;
    if (n_archive != b->info.n_photos)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                     "bundle holds %lld photos, its manifest says %lld",
                                     (long long)n_archive, (long long)b->info.n_photos);
    /* what the photos would take once inflated, from their declared sizes, before any of them
     * is inflated: a few KB of zeros must not become gigabytes on the office disk */
    int64_t declared = 0;
    if ((e = count_rows(b, "SELECT coalesce(sum(max(sz, 0)), 0) FROM sqlar", &declared)))
        return e;
    int64_t cap = b->info.file_bytes * FQ_BUNDLE_MAX_EXPANSION + ((int64_t)1 << 20);
    if (cap > b->limits.max_total_photo_bytes)
        cap = b->limits.max_total_photo_bytes;
    if (declared > cap)
        return fq_bundle_reader_fail(b, FQ_ERR_INVALID,
                                     "bundle photos would inflate to %lld bytes from a %lld-byte "
                                     "file (at most %lld): refused",
                                     (long long)declared, (long long)b->info.file_bytes,
                                     (long long)cap);
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(b->db, fq_bundle_photo_query, -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "photos");
    int64_t n = 0;
    while (!e && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char sha[FQ_HASH_LEN];
        unsigned char *data = NULL;
        size_t len = 0;
        int sha_ok = 1;
        e = fq_bundle_load_photo(b, stmt, &sha_ok, sha, &data, &len);
        if (!e && sha_ok && b->stage && b->stage(b->stage_ctx, &b->info, sha, data, len))
            e = fq_bundle_reader_fail(b, FQ_ERR_INVALID, "stopped at photo %.12s...", sha);
        free(data);
        /* the bytes are what the writer wrote (CRC-32 here, content hash and signature
         * later), but not the photo they are named after: damaged on the sender before it
         * wrote them (the device does not hash its stored photos again to export them) */
        if (!e && !sha_ok)
            e = note_damaged(b, sha);
        total += (int64_t)len;
        n++;
    }
    sqlite3_finalize(stmt);
    if (e)
        return e;
    if (rc != SQLITE_DONE)
        return fq_bundle_reader_sqlite_fail(b, rc, "photos");
    if (n != b->info.n_photos || total != b->info.photo_bytes)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                     "bundle photo index does not match its manifest");
    return FQ_OK;
}

fq_err fq_bundle_verify_acks(fq_bundle *b)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(b->db, "SELECT sha256 FROM acks", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "acks");
    int64_t n = 0;
    fq_err e = FQ_OK;
    while (!e && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!fq_core_sha256_hex_valid((const char *)sqlite3_column_text(stmt, 0)))
            e = fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "receipt holds a bad photo hash");
        n++;
    }
    sqlite3_finalize(stmt);
    if (e)
        return e;
    if (rc != SQLITE_DONE)
        return fq_bundle_reader_sqlite_fail(b, rc, "acks");
    if (n != b->info.n_acks)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                     "receipt holds %lld photo acks, its manifest says %lld",
                                     (long long)n, (long long)b->info.n_acks);
    return FQ_OK;
}
