/* The bundle format (lib/bundle/FORMAT.md): exact schema, the canonical encoding
 * behind the per-record CRC-32 and the whole-content SHA-256, and photo entry names.
 * Shared by writer and reader so both compute the same bytes. No file I/O here. */
#include "bundle_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQLAR_SQL "CREATE TABLE sqlar(name TEXT PRIMARY KEY, mode INT, mtime INT, sz INT, data BLOB)"
#define MANIFEST_SQL "CREATE TABLE manifest(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"
#define RECORDS_SQL                                                                            \
    "CREATE TABLE records(seq INTEGER PRIMARY KEY NOT NULL, tbl TEXT NOT NULL,"               \
    " uuid TEXT NOT NULL, revision INTEGER NOT NULL, op TEXT NOT NULL,"                      \
    " at_utc INTEGER NOT NULL, data TEXT, crc32 INTEGER NOT NULL)"
#define PHOTO_INDEX_SQL                                                                        \
    "CREATE TABLE photo_index(name TEXT PRIMARY KEY NOT NULL, sha256 TEXT NOT NULL,"          \
    " sz INTEGER NOT NULL, crc32 INTEGER NOT NULL)"
#define ACKS_SQL "CREATE TABLE acks(sha256 TEXT PRIMARY KEY NOT NULL)"

const char fq_bundle_schema_sql[] = MANIFEST_SQL ";" RECORDS_SQL ";" SQLAR_SQL ";"
                                    PHOTO_INDEX_SQL ";" ACKS_SQL ";";

/* Sorted by name, as the reader's query returns them. */
static const bundle_schema_row schema_rows[] = {
    {"table", "acks", "acks", ACKS_SQL},
    {"table", "manifest", "manifest", MANIFEST_SQL},
    {"table", "photo_index", "photo_index", PHOTO_INDEX_SQL},
    {"table", "records", "records", RECORDS_SQL},
    {"table", "sqlar", "sqlar", SQLAR_SQL},
    {"index", "sqlite_autoindex_acks_1", "acks", NULL},
    {"index", "sqlite_autoindex_manifest_1", "manifest", NULL},
    {"index", "sqlite_autoindex_photo_index_1", "photo_index", NULL},
    {"index", "sqlite_autoindex_sqlar_1", "sqlar", NULL},
};

const bundle_schema_row *fq_bundle_schema(size_t *out_n)
{
    *out_n = sizeof schema_rows / sizeof schema_rows[0];
    return schema_rows;
}

const char *fq_bundle_kind_name(int32_t kind)
{
    static const char *const names[] = {"changes", "receipt", "jobs"};
    return kind >= 0 && kind < FQ_BUNDLE_KIND_COUNT ? names[kind] : "?";
}

void fq_bundle_limits_default(fq_bundle_limits *out)
{
    out->max_file_bytes = (int64_t)4 << 30;
    out->max_photo_bytes = (int64_t)64 << 20;
    out->max_total_photo_bytes = (int64_t)4 << 30;
    out->max_record_bytes = FQ_BUNDLE_MAX_RECORD_BYTES;
}

void fq_bundle_sink_bytes(bundle_sink *s, const void *data, size_t len)
{
    if (s->sha)
        fq_core_sha256_update(s->sha, data, len);
    if (s->use_crc && len)
        s->crc = crc32(s->crc, data, (uInt)len);
}

void fq_bundle_sink_text(bundle_sink *s, const char *text)
{
    char prefix[32];
    if (!text) {
        fq_bundle_sink_bytes(s, "n;", 2);
        return;
    }
    size_t len = strlen(text);
    int n = snprintf(prefix, sizeof prefix, "t%zu:", len);
    fq_bundle_sink_bytes(s, prefix, (size_t)n);
    fq_bundle_sink_bytes(s, text, len);
}

void fq_bundle_sink_i64(bundle_sink *s, int64_t v)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "i%lld;", (long long)v);
    fq_bundle_sink_bytes(s, buf, (size_t)n);
}

uint32_t fq_bundle_record_crc(const char *tbl, const char *uuid, int64_t revision, char op,
                              int64_t at_utc, const char *data)
{
    bundle_sink s = {NULL, crc32(0L, Z_NULL, 0), 1};
    char op_text[2] = {op, '\0'};
    fq_bundle_sink_text(&s, tbl);
    fq_bundle_sink_text(&s, uuid);
    fq_bundle_sink_i64(&s, revision);
    fq_bundle_sink_text(&s, op_text);
    fq_bundle_sink_i64(&s, at_utc);
    fq_bundle_sink_text(&s, data);
    return (uint32_t)s.crc;
}

/* Hashes every column of every row of one query, tagged with `tag`. */
static fq_err hash_query(sqlite3 *db, bundle_sink *s, const char *tag, const char *sql,
                         char *err, size_t err_len)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_fsio_fail(err, err_len, FQ_ERR_CORRUPT, "bundle is corrupt: %s",
                              sqlite3_errmsg(db));
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        fq_bundle_sink_text(s, tag);
        int n = sqlite3_column_count(stmt);
        for (int i = 0; i < n; i++) {
            if (sqlite3_column_type(stmt, i) == SQLITE_INTEGER)
                fq_bundle_sink_i64(s, sqlite3_column_int64(stmt, i));
            else
                fq_bundle_sink_text(s, (const char *)sqlite3_column_text(stmt, i));
        }
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return fq_fsio_fail(err, err_len, FQ_ERR_CORRUPT, "bundle is corrupt: %s",
                              sqlite3_errstr(rc));
    return FQ_OK;
}

fq_err fq_bundle_content_hash(sqlite3 *db, char out[FQ_HASH_LEN], char *err, size_t err_len)
{
    fq_core_sha256 sha;
    fq_core_sha256_init(&sha);
    bundle_sink s = {&sha, 0, 0};
    char name[32];
    snprintf(name, sizeof name, FQ_BUNDLE_FORMAT_NAME "/%d", FQ_BUNDLE_FORMAT_VERSION);
    fq_bundle_sink_text(&s, name);
    static const struct {
        const char *tag;
        const char *sql;
    } parts[] = {
        /* the signature signs this hash, so it cannot be part of it */
        {"M", "SELECT key, value FROM manifest WHERE key NOT IN ('content_sha256', 'signature')"
              " ORDER BY key"},
        {"R", "SELECT seq, tbl, uuid, revision, op, at_utc, data, crc32 FROM records ORDER BY seq"},
        {"P", "SELECT name, sha256, sz, crc32 FROM photo_index ORDER BY name"},
        {"S", "SELECT name, mode, mtime, sz, length(data) FROM sqlar ORDER BY name"},
        {"A", "SELECT sha256 FROM acks ORDER BY sha256"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        fq_err e = hash_query(db, &s, parts[i].tag, parts[i].sql, err, err_len);
        if (e)
            return e;
    }
    fq_core_sha256_final_hex(&sha, out);
    return FQ_OK;
}

void fq_bundle_photo_name(const char *sha256, char out[FQ_BUNDLE_PHOTO_NAME_LEN])
{
    snprintf(out, FQ_BUNDLE_PHOTO_NAME_LEN, "photos/%.2s/%s.jpg", sha256, sha256);
}

int fq_bundle_photo_name_parse(const char *name, char out_sha[FQ_HASH_LEN])
{
    /* exactly "photos/" + 2 + "/" + 64 + ".jpg" */
    if (!name || strlen(name) != 7 + 2 + 1 + 64 + 4 || strncmp(name, "photos/", 7) != 0 ||
        name[9] != '/' || strcmp(name + 74, ".jpg") != 0)
        return 0;
    char sha[FQ_HASH_LEN];
    memcpy(sha, name + 10, 64);
    sha[64] = '\0';
    if (!fq_core_sha256_hex_valid(sha) || name[7] != sha[0] || name[8] != sha[1])
        return 0;
    memcpy(out_sha, sha, FQ_HASH_LEN);
    return 1;
}

int fq_bundle_parse_i64(const char *s, int64_t *out)
{
    if (!s || !*s || strlen(s) > 20)
        return 0;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || (s[0] != '-' && (s[0] < '0' || s[0] > '9')))
        return 0;
    *out = (int64_t)v;
    return 1;
}
