/* The bundle writer: builds a bundle in an fsio temporary beside the final name with sqlite
 * (journal off: the temp file is thrown away on any failure; the bundle VFS stamps each
 * page's checksum as it is written, vfs.c), then writes the manifest, the content hash and
 * the signature over it, fsyncs, renames to the final name and fsyncs the directory. A
 * crash at any moment leaves at most a temporary that readers never look at.
 * With a build folder (fq_bundle_writer_new_in) the bundle is built there, on the writer's own
 * disk, and copied whole onto final_path at the end (temporary, fsync, rename; the build is
 * never fsynced, it is scratch): for a final place on a USB stick, where SQLite's scattered
 * page writes are slow on a "sync" mount and not reliable through every FAT driver.
 * Does not read the device database (export.c does) and does not verify (reader.c). */
#include "bundle_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/civil.h"
#include "core/model_fields.h"
#include "fsio/fsio.h"

/* The statements used per record and per photo, prepared once per bundle (preparing them
 * for each of a day's 2,000 records was most of the time spent on records). */
enum { ST_CHECK, ST_RECORD, ST_SQLAR, ST_INDEX, ST_COUNT };

static const char *const statement_sql[ST_COUNT] = {
    "SELECT json_valid(?1) AND json_type(?1) = 'object' AND json_extract(?1, '$.uuid') = ?2"
    " AND json_extract(?1, '$.revision') = ?3",
    "INSERT INTO records(seq, tbl, uuid, revision, op, at_utc, data, crc32)"
    " VALUES (?,?,?,?,?,?,?,?)",
    "INSERT OR IGNORE INTO sqlar(name, mode, mtime, sz, data) VALUES (?,?,?,?,?)",
    "INSERT OR IGNORE INTO photo_index(name, sha256, sz, crc32) VALUES (?,?,?,?)",
};

/* Building in place, the file's writeback is started every so many bytes of photos, so the
 * fsync at the end finds most of a camera day on the disk already. */
#define WRITEBACK_STEP ((int64_t)2 << 20)

struct fq_bundle_writer {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    int wb_fd;              /* building in place: the temporary, for its writeback (or -1) */
    int64_t wb_pending;     /* photo bytes added since the last writeback start */
    char final_path[FQ_BUNDLE_PATH_LEN];
    char tmp_path[FQ_BUNDLE_PATH_LEN + 8];
    char built_path[FQ_BUNDLE_PATH_LEN * 2]; /* with a build folder: the finished build */
    fq_bundle_info info;
    fq_bundle_key key;      /* the signer's (copied; wiped on free) */
    int64_t last_seq;
    int finished;
    char errmsg[FQ_BUNDLE_ERR_LEN];
};

static fq_err fail(fq_bundle_writer *w, fq_err e, const char *what)
{
    int rc = sqlite3_errcode(w->db);
    if ((rc & 0xff) == SQLITE_FULL)
        e = FQ_ERR_FULL;
    snprintf(w->errmsg, sizeof w->errmsg, "writing bundle %s: %s: %s", w->final_path, what,
             e == FQ_ERR_FULL ? "the disk is full" : sqlite3_errmsg(w->db));
    return e;
}

/* Statement `which`, prepared at its first use, reset and unbound for this one (NULL on
 * failure, the reason on w->db). */
static sqlite3_stmt *statement(fq_bundle_writer *w, int which)
{
    sqlite3_stmt *stmt = w->st[which];
    if (!stmt) {
        if (sqlite3_prepare_v3(w->db, statement_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                               &w->st[which], NULL) != SQLITE_OK)
            return NULL;
        return w->st[which];
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return stmt;
}

static void finalize_statements(fq_bundle_writer *w)
{
    for (int i = 0; i < ST_COUNT; i++) {
        sqlite3_finalize(w->st[i]);
        w->st[i] = NULL;
    }
}

static fq_err exec(fq_bundle_writer *w, const char *sql)
{
    if (sqlite3_exec(w->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail(w, FQ_ERR_IO, "setup");
    return FQ_OK;
}

static fq_err check_info(fq_bundle_writer *w, const fq_bundle_info *info)
{
    if (info->kind < 0 || info->kind >= FQ_BUNDLE_KIND_COUNT || !info->device_id[0] ||
        info->after_seq < 0 || info->to_seq < info->after_seq || info->acked_seq < 0 ||
        (info->acked_receipt[0] &&
         (info->kind != FQ_BUNDLE_CHANGES || !fq_uuid_valid(info->acked_receipt)))) {
        snprintf(w->errmsg, sizeof w->errmsg, "bundle header is invalid (kind %d, device '%s')",
                 (int)info->kind, info->device_id);
        return FQ_ERR_INVALID;
    }
    return FQ_OK;
}

fq_err fq_bundle_writer_new(const char *final_path, const fq_bundle_info *info,
                            const fq_bundle_key *signer, fq_bundle_writer **out)
{
    return fq_bundle_writer_new_in(final_path, NULL, info, signer, out);
}

fq_err fq_bundle_writer_new_in(const char *final_path, const char *build_dir,
                               const fq_bundle_info *info, const fq_bundle_key *signer,
                               fq_bundle_writer **out)
{
    fq_bundle_writer *w = calloc(1, sizeof *w);
    if (!w)
        return FQ_ERR_NOMEM;
    *out = w;
    w->wb_fd = -1;
    int n = snprintf(w->final_path, sizeof w->final_path, "%s", final_path);
    if (n < 0 || (size_t)n >= sizeof w->final_path) {
        snprintf(w->errmsg, sizeof w->errmsg, "bundle path too long");
        return FQ_ERR_INVALID;
    }
    w->info = *info;
    fq_err e = check_info(w, info);
    if (e)
        return e;
    if (!signer || !fq_bundle_public_key_valid(signer->public_hex)) {
        snprintf(w->errmsg, sizeof w->errmsg, "a bundle must be signed: no signing key");
        return FQ_ERR_INVALID;
    }
    w->key = *signer;
    snprintf(w->info.signer_key, sizeof w->info.signer_key, "%s", signer->public_hex);
    w->info.signature[0] = '\0';
    if (!w->info.bundle_id[0] && fq_fsio_uuid(w->info.bundle_id, sizeof w->info.bundle_id)) {
        snprintf(w->errmsg, sizeof w->errmsg, "no random source for the bundle id");
        return FQ_ERR_IO;
    }
    /* sqlite builds the bundle in an empty fsio temporary (a valid empty database), beside
     * the final name or in the build folder under the final name's base name */
    const char *build_as = final_path;
    if (build_dir && *build_dir) {
        const char *base = strrchr(final_path, '/');
        base = base ? base + 1 : final_path;
        n = snprintf(w->built_path, sizeof w->built_path, "%s/%s", build_dir, base);
        if (n < 0 || (size_t)n >= sizeof w->built_path) {
            snprintf(w->errmsg, sizeof w->errmsg, "build path too long");
            return FQ_ERR_INVALID;
        }
        if ((e = fq_fsio_mkdirs(build_dir, w->errmsg, sizeof w->errmsg)))
            return e;
        build_as = w->built_path;
    }
    if ((e = fq_bundle_vfs_init())) {
        snprintf(w->errmsg, sizeof w->errmsg, "no sqlite file system to write bundles with");
        return e;
    }
    int fd = -1;
    e = fq_fsio_temp_create(build_as, w->tmp_path, sizeof w->tmp_path, &fd, w->errmsg,
                            sizeof w->errmsg);
    if (e)
        return e;
    if (build_as == final_path)
        w->wb_fd = fd; /* kept for its writeback; sqlite writes through its own */
    else
        close(fd);
    int rc = sqlite3_open_v2(w->tmp_path, &w->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             FQ_BUNDLE_VFS);
    if (rc != SQLITE_OK)
        return fail(w, rc == SQLITE_FULL ? FQ_ERR_FULL : FQ_ERR_IO, "create");
    /* reserve the page-checksum bytes before the first page exists (the VFS stamps them) */
    int reserve = FQ_BUNDLE_RESERVE;
    sqlite3_file_control(w->db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
    /* synchronous NORMAL: the commit calls the VFS's xSync, which writes out the pages it
     * gathered, so a full disk fails the COMMIT (the file's fsync is fsio's, at the end) */
    char pragmas[256];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA page_size=4096; PRAGMA journal_mode=OFF; PRAGMA synchronous=NORMAL;"
             "PRAGMA application_id=%d; PRAGMA user_version=%d;",
             FQ_BUNDLE_APP_ID, FQ_BUNDLE_FORMAT_VERSION);
    e = exec(w, pragmas);
    if (!e)
        e = exec(w, fq_bundle_schema_sql);
    if (!e)
        e = exec(w, "BEGIN");
    return e;
}

/* The reader's rules for one record (verify.c), applied before it goes in: a record the office
 * would refuse must not make the whole bundle unreadable. */
static fq_err check_record(fq_bundle_writer *w, const fq_change *c)
{
    const char *why = NULL;
    if (!fq_entity_by_table(c->table))
        why = "unknown record type";
    else if (!fq_uuid_valid(c->uuid))
        why = "invalid id";
    else if (c->op != 'I' && c->op != 'U' && c->op != 'D')
        why = "unknown change kind";
    else if ((c->op == 'D') != (c->json == NULL))
        why = "data does not match the change kind";
    else if (c->json && (int64_t)strlen(c->json) > FQ_BUNDLE_MAX_RECORD_BYTES)
        why = "record too large";
    if (!why && c->json) {
        sqlite3_stmt *stmt = statement(w, ST_CHECK);
        int ok = 0;
        if (!stmt)
            return fail(w, FQ_ERR_IO, "record check");
        sqlite3_bind_text(stmt, 1, c->json, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, c->uuid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 3, c->revision);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            ok = sqlite3_column_int(stmt, 0) == 1;
        sqlite3_reset(stmt);
        if (!ok)
            why = "damaged data";
    }
    if (!why)
        return FQ_OK;
    snprintf(w->errmsg, sizeof w->errmsg, "change %lld (%s %.36s): %s", (long long)c->seq,
             c->table, c->uuid, why);
    return FQ_ERR_CORRUPT;
}

fq_err fq_bundle_writer_add_record(fq_bundle_writer *w, const fq_change *c)
{
    if (c->seq <= w->last_seq || !c->table || !c->uuid) {
        snprintf(w->errmsg, sizeof w->errmsg, "records must come in increasing seq order");
        return FQ_ERR_INVALID;
    }
    fq_err e = check_record(w, c);
    if (e)
        return e;
    sqlite3_stmt *stmt = statement(w, ST_RECORD);
    if (!stmt)
        return fail(w, FQ_ERR_IO, "record");
    char op[2] = {c->op, '\0'};
    sqlite3_bind_int64(stmt, 1, c->seq);
    sqlite3_bind_text(stmt, 2, c->table, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, c->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, c->revision);
    sqlite3_bind_text(stmt, 5, op, 1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 6, c->at_utc);
    if (c->json)
        sqlite3_bind_text(stmt, 7, c->json, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 8, fq_bundle_record_crc(c->table, c->uuid, c->revision, c->op,
                                                     c->at_utc, c->json));
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE)
        return fail(w, FQ_ERR_IO, "record");
    w->last_seq = c->seq;
    w->info.n_records++;
    return FQ_OK;
}

/* JPEGs do not deflate (under 1 % gain for a full compression pass), so they are stored raw
 * without trying; anything else is compressed when that makes it smaller. */
static int worth_compressing(const unsigned char *data, size_t len)
{
    return !(len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF);
}

static fq_err put_photo(fq_bundle_writer *w, const char *sha256, const unsigned char *data,
                        size_t len);

fq_err fq_bundle_writer_add_photo(fq_bundle_writer *w, const char *sha256,
                                  const unsigned char *data, size_t len)
{
    char actual[FQ_HASH_LEN];
    if (!fq_core_sha256_hex_valid(sha256)) {
        snprintf(w->errmsg, sizeof w->errmsg, "invalid photo hash");
        return FQ_ERR_INVALID;
    }
    fq_core_sha256_hex(data, len, actual);
    if (strcmp(actual, sha256) != 0) {
        snprintf(w->errmsg, sizeof w->errmsg,
                 "photo %.12s... on this device is damaged (its content hashes to %.12s...)",
                 sha256, actual);
        return FQ_ERR_CORRUPT;
    }
    return put_photo(w, sha256, data, len);
}

fq_err fq_bundle_writer_add_stored_photo(fq_bundle_writer *w, const char *sha256,
                                         const unsigned char *data, size_t len)
{
    if (!fq_core_sha256_hex_valid(sha256)) {
        snprintf(w->errmsg, sizeof w->errmsg, "invalid photo hash");
        return FQ_ERR_INVALID;
    }
    return put_photo(w, sha256, data, len);
}

static fq_err put_photo(fq_bundle_writer *w, const char *sha256, const unsigned char *data,
                        size_t len)
{
    char name[FQ_BUNDLE_PHOTO_NAME_LEN];
    fq_bundle_photo_name(sha256, name);
    unsigned char *packed = NULL;
    uLongf packed_len = 0;
    if (worth_compressing(data, len) && len < ((size_t)1 << 30)) {
        packed_len = compressBound((uLong)len);
        packed = malloc(packed_len);
        if (!packed || compress2(packed, &packed_len, data, (uLong)len, 6) != Z_OK ||
            packed_len >= len) {
            free(packed);
            packed = NULL;
        }
    }
    sqlite3_stmt *ins = statement(w, ST_SQLAR), *idx = ins ? statement(w, ST_INDEX) : NULL;
    fq_err e = FQ_OK;
    if (!ins || !idx) {
        e = fail(w, FQ_ERR_IO, "photo");
        goto out;
    }
    sqlite3_bind_text(ins, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(ins, 2, FQ_BUNDLE_PHOTO_MODE);
    sqlite3_bind_int64(ins, 3, w->info.created_utc);
    sqlite3_bind_int64(ins, 4, (sqlite3_int64)len);
    if (packed)
        sqlite3_bind_blob64(ins, 5, packed, packed_len, SQLITE_STATIC);
    else
        sqlite3_bind_blob64(ins, 5, data, len, SQLITE_STATIC);
    if (sqlite3_step(ins) != SQLITE_DONE) {
        e = fail(w, FQ_ERR_IO, "photo");
        goto out;
    }
    if (sqlite3_changes(w->db) == 0)
        goto out; /* already in this bundle */
    sqlite3_bind_text(idx, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(idx, 2, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(idx, 3, (sqlite3_int64)len);
    sqlite3_bind_int64(idx, 4, (sqlite3_int64)crc32(crc32(0L, Z_NULL, 0), data, (uInt)len));
    if (sqlite3_step(idx) != SQLITE_DONE) {
        e = fail(w, FQ_ERR_IO, "photo index");
        goto out;
    }
    w->info.n_photos++;
    w->info.photo_bytes += (int64_t)len;
    if (w->wb_fd >= 0 && (w->wb_pending += (int64_t)len) >= WRITEBACK_STEP) {
        w->wb_pending = 0;
        fq_fsio_start_writeback(w->wb_fd);
    }
out:
    if (ins)
        sqlite3_reset(ins);
    if (idx)
        sqlite3_reset(idx);
    free(packed);
    return e;
}

fq_err fq_bundle_writer_add_ack(fq_bundle_writer *w, const char *sha256)
{
    if (!fq_core_sha256_hex_valid(sha256)) {
        snprintf(w->errmsg, sizeof w->errmsg, "invalid photo hash in receipt");
        return FQ_ERR_INVALID;
    }
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(w->db, "INSERT OR IGNORE INTO acks(sha256) VALUES (?)", -1, &stmt,
                           NULL) != SQLITE_OK)
        return fail(w, FQ_ERR_IO, "ack");
    sqlite3_bind_text(stmt, 1, sha256, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    int changed = sqlite3_changes(w->db);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return fail(w, FQ_ERR_IO, "ack");
    w->info.n_acks += changed;
    return FQ_OK;
}

static fq_err put_manifest(fq_bundle_writer *w, sqlite3_stmt *stmt, const char *key,
                           const char *value)
{
    sqlite3_reset(stmt);
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, value, -1, SQLITE_TRANSIENT);
    return sqlite3_step(stmt) == SQLITE_DONE ? FQ_OK : fail(w, FQ_ERR_IO, "manifest");
}

static fq_err write_manifest(fq_bundle_writer *w)
{
    const fq_bundle_info *in = &w->info;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(w->db, "INSERT INTO manifest(key, value) VALUES (?,?)", -1, &stmt,
                           NULL) != SQLITE_OK)
        return fail(w, FQ_ERR_IO, "manifest");
    char num[12][24];
    const int64_t nums[] = {FQ_BUNDLE_FORMAT_VERSION, in->created_utc, in->after_seq,
                            in->to_seq, in->acked_seq, in->n_records, in->n_photos,
                            in->n_acks, in->photo_bytes, in->skipped_to_seq};
    const char *num_keys[] = {"format_version", "created_utc", "after_seq", "to_seq",
                              "acked_seq", "n_records", "n_photos", "n_acks", "photo_bytes",
                              "skipped_to_seq"};
    fq_err e = put_manifest(w, stmt, "format", FQ_BUNDLE_FORMAT_NAME);
    for (size_t i = 0; !e && i < sizeof nums / sizeof nums[0]; i++) {
        snprintf(num[i], sizeof num[i], "%lld", (long long)nums[i]);
        e = put_manifest(w, stmt, num_keys[i], num[i]);
    }
    if (!e)
        e = put_manifest(w, stmt, "kind", fq_bundle_kind_name(in->kind));
    if (!e)
        e = put_manifest(w, stmt, "bundle_id", in->bundle_id);
    if (!e)
        e = put_manifest(w, stmt, "device_id", in->device_id);
    if (!e)
        e = put_manifest(w, stmt, "acked_receipt", in->acked_receipt);
    if (!e)
        e = put_manifest(w, stmt, "inspector", in->inspector);
    if (!e)
        e = put_manifest(w, stmt, "office", in->office);
    if (!e)
        e = put_manifest(w, stmt, "app_version", FQ_BUNDLE_APP_VERSION);
    if (!e)
        e = put_manifest(w, stmt, "signer_key", in->signer_key);
    if (!e)
        e = fq_bundle_content_hash(w->db, w->info.content_sha256, w->errmsg, sizeof w->errmsg);
    if (!e)
        e = put_manifest(w, stmt, "content_sha256", w->info.content_sha256);
    if (!e && fq_bundle_sign_hash(&w->key, w->info.content_sha256, w->info.signature)) {
        snprintf(w->errmsg, sizeof w->errmsg, "cannot sign the bundle: libsodium did not start");
        e = FQ_ERR_UNSUPPORTED;
    }
    if (!e)
        e = put_manifest(w, stmt, "signature", w->info.signature);
    sqlite3_finalize(stmt);
    return e;
}

/* The finished temporary's size. */
static fq_err measure(fq_bundle_writer *w)
{
    struct stat sb;
    if (stat(w->tmp_path, &sb) != 0) {
        snprintf(w->errmsg, sizeof w->errmsg, "%s: %s", w->tmp_path, strerror(errno));
        return FQ_ERR_IO;
    }
    w->info.file_bytes = (int64_t)sb.st_size;
    return FQ_OK;
}

/* Built on our own disk: copied onto the final place (one read of the build, one sequential
 * write there, one fsync), then the build goes. The build itself is never fsynced: it is a
 * scratch file, thrown away on any outcome. */
static fq_err copy_built(fq_bundle_writer *w)
{
    char why[FQ_BUNDLE_ERR_LEN - 64];
    fq_err e = fq_fsio_copy_file(w->tmp_path, w->final_path, INT64_MAX, NULL, NULL, why,
                                 sizeof why);
    unlink(w->tmp_path);
    if (e)
        snprintf(w->errmsg, sizeof w->errmsg, "copying the bundle to %s: %s", w->final_path,
                 why);
    return e;
}

fq_err fq_bundle_writer_finish(fq_bundle_writer *w, fq_bundle_info *out_info)
{
    if (!w->db || w->finished) {
        snprintf(w->errmsg, sizeof w->errmsg, "bundle writer already finished or failed");
        return FQ_ERR_INVALID;
    }
    /* the reader holds a changes bundle to this (verify.c); refuse our own bug early */
    /* the last change carried or declared left out; the range start when there is none */
    int64_t last = w->last_seq > w->info.after_seq ? w->last_seq : w->info.after_seq;
    if (w->info.kind == FQ_BUNDLE_CHANGES && w->info.to_seq != last) {
        snprintf(w->errmsg, sizeof w->errmsg, "bundle range ends at %lld, its last change is %lld",
                 (long long)w->info.to_seq, (long long)w->last_seq);
        return FQ_ERR_INVALID;
    }
    finalize_statements(w);
    fq_err e = write_manifest(w);
    if (!e)
        e = exec(w, "COMMIT");
    if (e)
        return e;
    if (sqlite3_close(w->db) != SQLITE_OK) {
        snprintf(w->errmsg, sizeof w->errmsg, "closing bundle: %s", sqlite3_errmsg(w->db));
        return FQ_ERR_IO;
    }
    w->db = NULL;
    if ((e = measure(w)))
        return e;
    if (w->built_path[0])
        e = copy_built(w);
    else
        e = fq_fsio_commit_temp(w->tmp_path, w->final_path, w->errmsg, sizeof w->errmsg);
    if (e)
        return e;
    w->finished = 1;
    w->info.format_version = FQ_BUNDLE_FORMAT_VERSION;
    snprintf(w->info.app_version, sizeof w->info.app_version, "%s", FQ_BUNDLE_APP_VERSION);
    if (out_info)
        *out_info = w->info;
    w->errmsg[0] = '\0';
    return FQ_OK;
}

int64_t fq_bundle_writer_size(const fq_bundle_writer *w)
{
    sqlite3_stmt *stmt = NULL;
    int64_t pages = 0;
    if (w->db && sqlite3_prepare_v2(w->db, "PRAGMA page_count", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        pages = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return pages * 4096;
}

fq_err fq_bundle_writer_end_range(fq_bundle_writer *w, int64_t to_seq)
{
    if (w->info.kind != FQ_BUNDLE_CHANGES || w->finished || to_seq < w->info.after_seq ||
        to_seq < w->last_seq || to_seq > w->info.to_seq) {
        snprintf(w->errmsg, sizeof w->errmsg, "range end %lld outside %lld..%lld",
                 (long long)to_seq, (long long)w->info.after_seq, (long long)w->info.to_seq);
        return FQ_ERR_INVALID;
    }
    w->info.to_seq = to_seq;
    return FQ_OK;
}

fq_err fq_bundle_writer_skip(fq_bundle_writer *w, int64_t seq)
{
    if (w->info.kind != FQ_BUNDLE_CHANGES || w->finished || seq <= w->last_seq ||
        seq <= w->info.after_seq || seq > w->info.to_seq) {
        snprintf(w->errmsg, sizeof w->errmsg, "change %lld cannot be left out here",
                 (long long)seq);
        return FQ_ERR_INVALID;
    }
    w->last_seq = seq;
    w->info.skipped_to_seq = seq;
    return FQ_OK;
}

void fq_bundle_writer_free(fq_bundle_writer *w)
{
    if (!w)
        return;
    finalize_statements(w);
    if (w->db)
        sqlite3_close(w->db);
    if (w->wb_fd >= 0)
        close(w->wb_fd);
    if (!w->finished && w->tmp_path[0])
        unlink(w->tmp_path);
    fq_bundle_key_wipe(&w->key);
    free(w);
}

const char *fq_bundle_writer_errmsg(const fq_bundle_writer *w)
{
    return w ? w->errmsg : "out of memory";
}
