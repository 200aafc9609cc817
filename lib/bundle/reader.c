/* The bundle reader's open + verify: every bundle is untrusted. In order: size limit, page
 * checksums (any changed byte), a read-only immutable sqlite open with defensive settings
 * and length limits, quick_check, application id and format version, the exact schema (no
 * triggers, views or extra tables), the manifest, every record (CRC-32, JSON, ranges),
 * every photo (name, size limits before inflating, CRC-32, SHA-256), the content hash and
 * the signature over it by the key the manifest names. Only then does fq_bundle_open return
 * a handle. Whether that key may send the bundle is the caller's policy. Iterating is in
 * reader_iter.c. */
#include "reader_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/civil.h"
#include "core/model_fields.h"

fq_err fq_bundle_reader_fail(fq_bundle *b, fq_err e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->errmsg, sizeof b->errmsg, fmt, ap);
    va_end(ap);
    return e;
}

/* sqlite errors while reading an untrusted file mean a damaged file, except memory. */
fq_err fq_bundle_reader_sqlite_fail(fq_bundle *b, int rc, const char *what)
{
    if ((rc & 0xff) == SQLITE_NOMEM)
        return fq_bundle_reader_fail(b, FQ_ERR_NOMEM, "out of memory reading %s", what);
    return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle is corrupt (%s): %s", what,
                                 b->db ? sqlite3_errmsg(b->db) : sqlite3_errstr(rc));
}

/* "file:" URI with the characters that mean something in a URI escaped. */
static int build_uri(const char *path, char *out, size_t out_len)
{
    size_t o = 0;
    const char *prefix = "file:";
    for (const char *p = prefix; *p; p++)
        out[o++] = *p;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (o + 4 >= out_len)
            return -1;
        if (*p == '?' || *p == '#' || *p == '%' || *p < 0x21 || *p >= 0x7f)
            o += (size_t)snprintf(out + o, out_len - o, "%%%02X", *p);
        else
            out[o++] = (char)*p;
    }
    const char *suffix = "?immutable=1";
    if (o + strlen(suffix) + 1 > out_len)
        return -1;
    strcpy(out + o, suffix);
    return 0;
}

/* vfs: NULL, the default (every page checked before), or FQ_BUNDLE_VFS (each page
 * checked as sqlite reads it). */
static fq_err open_db(fq_bundle *b, const char *path, const char *vfs)
{
    char uri[FQ_BUNDLE_PATH_LEN * 3 + 32];
    if (build_uri(path, uri, sizeof uri))
        return fq_bundle_reader_fail(b, FQ_ERR_INVALID, "bundle path too long");
    int rc = sqlite3_open_v2(uri, &b->db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, vfs);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "open");
    int off = 0, on = 1;
    sqlite3_db_config(b->db, SQLITE_DBCONFIG_DEFENSIVE, on, NULL);
    sqlite3_db_config(b->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, off, NULL);
    sqlite3_db_config(b->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, off, NULL);
    sqlite3_db_config(b->db, SQLITE_DBCONFIG_ENABLE_VIEW, off, NULL);
    sqlite3_db_config(b->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, off, NULL);
    /* a blob may hold one compressed photo; nothing else is large */
    int64_t max_len = b->limits.max_photo_bytes > b->limits.max_record_bytes
                          ? b->limits.max_photo_bytes
                          : b->limits.max_record_bytes;
    sqlite3_limit(b->db, SQLITE_LIMIT_LENGTH, (int)(max_len + 1024 > 1000000000 ? 1000000000
                                                                               : max_len + 1024));
    sqlite3_limit(b->db, SQLITE_LIMIT_SQL_LENGTH, 100000);
    sqlite3_limit(b->db, SQLITE_LIMIT_COLUMN, 100);
    sqlite3_limit(b->db, SQLITE_LIMIT_EXPR_DEPTH, 100);
    sqlite3_limit(b->db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(b->db, SQLITE_LIMIT_TRIGGER_DEPTH, 1);
    char *msg = NULL;
    rc = sqlite3_exec(b->db, "PRAGMA cell_size_check=ON; PRAGMA mmap_size=0;", NULL, NULL, &msg);
    sqlite3_free(msg);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "settings");
    return FQ_OK;
}

static fq_err query_i64(fq_bundle *b, const char *sql, int64_t *out)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(b->db, sql, -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, sql);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? FQ_OK : fq_bundle_reader_sqlite_fail(b, rc, sql);
}

static fq_err check_structure(fq_bundle *b)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(b->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "structure");
    rc = sqlite3_step(stmt);
    const char *res = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : NULL;
    fq_err e = FQ_OK;
    if (!res)
        e = fq_bundle_reader_sqlite_fail(b, rc, "structure");
    else if (strcmp(res, "ok") != 0)
        e = fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle is corrupt: %.200s", res);
    sqlite3_finalize(stmt);
    if (e)
        return e;
    int64_t app_id = 0, version = 0;
    if ((e = query_i64(b, "PRAGMA application_id", &app_id)) ||
        (e = query_i64(b, "PRAGMA user_version", &version)))
        return e;
    if (app_id != FQ_BUNDLE_APP_ID)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "not a fieldqc bundle (application id)");
    if (version > FQ_BUNDLE_FORMAT_VERSION)
        return fq_bundle_reader_fail(b, FQ_ERR_VERSION,
                                     "bundle format version %lld is newer than this fieldqc "
                                     "reads (%d): update fieldqc; nothing was applied",
                                     (long long)version, FQ_BUNDLE_FORMAT_VERSION);
    /* whoever wrote it runs an old fieldqc (version 1 had no signatures at all); once updated,
     * that side writes its unacknowledged work again in this version */
    if (version >= 1 && version < FQ_BUNDLE_FORMAT_VERSION)
        return fq_bundle_reader_fail(b, FQ_ERR_VERSION,
                                     "bundle format version %lld is older than this fieldqc "
                                     "reads (%d)%s: update fieldqc where it was written; "
                                     "nothing was applied",
                                     (long long)version, FQ_BUNDLE_FORMAT_VERSION,
                                     version == 1 ? " and not signed" : "");
    if (version != FQ_BUNDLE_FORMAT_VERSION)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle has invalid format version %lld",
                                     (long long)version);
    return FQ_OK;
}

static int same_text(const unsigned char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp((const char *)a, b) == 0);
}

static fq_err check_schema(fq_bundle *b)
{
    size_t n_expected;
    const bundle_schema_row *expected = fq_bundle_schema(&n_expected);
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(b->db,
                                "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name",
                                -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "schema");
    size_t i = 0;
    fq_err e = FQ_OK;
    while (!e && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const unsigned char *name = sqlite3_column_text(stmt, 1);
        if (i >= n_expected || !same_text(sqlite3_column_text(stmt, 0), expected[i].type) ||
            !same_text(name, expected[i].name) ||
            !same_text(sqlite3_column_text(stmt, 2), expected[i].tbl_name) ||
            !same_text(sqlite3_column_text(stmt, 3), expected[i].sql))
            e = fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                      "bundle has an unexpected schema object '%.60s'",
                                      name ? (const char *)name : "?");
        i++;
    }
    sqlite3_finalize(stmt);
    if (e)
        return e;
    if (rc != SQLITE_DONE)
        return fq_bundle_reader_sqlite_fail(b, rc, "schema");
    if (i != n_expected)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle schema is incomplete");
    return FQ_OK;
}

/* The signature over the (verified) content hash by the key the manifest names. Page
 * checksums and the content hash hold, so a mismatch here is not damage: the content was
 * changed and re-sealed by someone without the key. */
static fq_err check_signature(fq_bundle *b)
{
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
    /* fuzz builds only, like the checksums above: mutations must reach deeper code */
    (void)b;
    return FQ_OK;
#else
    if (fq_bundle_verify_hash(b->info.signer_key, b->info.content_sha256, b->info.signature))
        return FQ_OK;
    return fq_bundle_reader_fail(b, FQ_ERR_UNTRUSTED,
                                 "bundle signature does not match its content: it was changed "
                                 "after it was signed (forged)");
#endif
}

/* Steps up to the manifest; full = 0 stops there (peek). */
static fq_err open_checked(fq_bundle *b, const char *path, int full)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fq_bundle_reader_fail(b, errno == ENOENT ? FQ_ERR_NOTFOUND : FQ_ERR_IO,
                                     "cannot open bundle %s: %s", path, strerror(errno));
    struct stat sb;
    fq_err e = FQ_OK;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
        e = fq_bundle_reader_fail(b, FQ_ERR_INVALID, "%s is not a regular file", path);
    else if ((int64_t)sb.st_size > b->limits.max_file_bytes)
        e = fq_bundle_reader_fail(b, FQ_ERR_INVALID,
                                  "bundle is too large (%lld bytes, limit %lld)",
                                  (long long)sb.st_size, (long long)b->limits.max_file_bytes);
    else if (full)
        e = fq_bundle_pages_verify(fd, (int64_t)sb.st_size, b->errmsg, sizeof b->errmsg);
    /* peek: the header now, each page sqlite reads (schema, manifest) as it reads it */
    else if (!(e = fq_bundle_pages_header(fd, (int64_t)sb.st_size, b->errmsg, sizeof b->errmsg)) &&
             (e = fq_bundle_vfs_init()))
        fq_bundle_reader_fail(b, e, "no sqlite file system to read bundles with");
    close(fd);
    if (e)
        return e;
    b->info.file_bytes = (int64_t)sb.st_size;
    if ((e = open_db(b, path, full ? NULL : FQ_BUNDLE_VFS)) ||
        (!full ? 0 : (e = check_structure(b))) ||
        (e = check_schema(b)) || (e = fq_bundle_read_manifest(b)))
        return e;
    if (!full)
        return FQ_OK;
    if ((e = fq_bundle_verify_records(b)) || (e = fq_bundle_verify_photos(b)) ||
        (e = fq_bundle_verify_acks(b)))
        return e;
    char actual[FQ_HASH_LEN];
    e = fq_bundle_content_hash(b->db, actual, b->errmsg, sizeof b->errmsg);
    if (e)
        return e;
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
    /* fuzz builds only: mutated content reaches the iterators and their own checks */
    memcpy(actual, b->info.content_sha256, FQ_HASH_LEN);
#endif
    if (strcmp(actual, b->info.content_sha256) != 0)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                     "bundle is corrupt: content checksum mismatch");
    return check_signature(b);
}

fq_err fq_bundle_peek(const char *path, const fq_bundle_limits *limits, fq_bundle_info *out_info)
{
    fq_bundle b;
    memset(&b, 0, sizeof b);
    if (limits)
        b.limits = *limits;
    else
        fq_bundle_limits_default(&b.limits);
    fq_err e = open_checked(&b, path, 0);
    sqlite3_close(b.db);
    if (!e)
        *out_info = b.info;
    return e;
}

fq_err fq_bundle_open(const char *path, const fq_bundle_limits *limits, fq_bundle **out)
{
    return fq_bundle_open_staging(path, limits, NULL, NULL, out);
}

fq_err fq_bundle_open_staging(const char *path, const fq_bundle_limits *limits,
                              fq_bundle_stage_fn fn, void *ctx, fq_bundle **out)
{
    fq_bundle *b = calloc(1, sizeof *b);
    if (!b)
        return FQ_ERR_NOMEM;
    *out = b;
    if (limits)
        b->limits = *limits;
    else
        fq_bundle_limits_default(&b->limits);
    b->stage = fn;
    b->stage_ctx = ctx;
    fq_err e = open_checked(b, path, 1);
    b->stage = NULL;
    if (e)
        return e;
    b->verified = 1;
    b->errmsg[0] = '\0';
    return FQ_OK;
}

void fq_bundle_close(fq_bundle *b)
{
    if (!b)
        return;
    sqlite3_close(b->db);
    free(b->damaged);
    free(b);
}

const char *fq_bundle_errmsg(const fq_bundle *b)
{
    return b ? b->errmsg : "out of memory";
}

const fq_bundle_info *fq_bundle_get_info(const fq_bundle *b)
{
    return &b->info;
}
