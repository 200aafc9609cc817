/* Reading the manifest of an untrusted bundle: every key known, present once, well formed
 * and consistent with the bundle's kind. Unknown keys are refused: a new key means a new
 * format version. */
#include "reader_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"

enum { K_FORMAT, K_VERSION, K_KIND, K_ID, K_DEVICE, K_INSPECTOR, K_OFFICE, K_CREATED,
       K_AFTER, K_TO, K_ACKED, K_NREC, K_NPHOTO, K_NACK, K_PBYTES, K_SHA, K_SIGNER, K_SIG,
       K_SKIPPED, K_APP, K_ACKED_RECEIPT, K_COUNT };

static const char *const keys[K_COUNT] = {
    "format", "format_version", "kind", "bundle_id", "device_id", "inspector", "office",
    "created_utc", "after_seq", "to_seq", "acked_seq", "n_records", "n_photos", "n_acks",
    "photo_bytes", "content_sha256", "signer_key", "signature", "skipped_to_seq",
    "app_version", "acked_receipt"};

int fq_bundle_device_id_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n >= FQ_ID_LEN || s[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return 0;
    }
    return 1;
}

static int key_index(const char *key)
{
    for (int i = 0; i < K_COUNT; i++)
        if (strcmp(keys[i], key) == 0)
            return i;
    return -1;
}

static fq_err parse_number(fq_bundle *b, int k, const char *v, int64_t *out)
{
    if (!fq_bundle_parse_i64(v, out) || *out < 0)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: bad %s '%.40s'",
                                     keys[k], v);
    return FQ_OK;
}

static fq_err store_value(fq_bundle *b, int k, const char *v)
{
    fq_bundle_info *in = &b->info;
    int64_t num = 0;
    switch (k) {
    case K_FORMAT:
        return strcmp(v, FQ_BUNDLE_FORMAT_NAME) == 0
                   ? FQ_OK
                   : fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "not a fieldqc bundle (format)");
    case K_VERSION:
        if (!fq_bundle_parse_i64(v, &num) || num != FQ_BUNDLE_FORMAT_VERSION)
            return fq_bundle_reader_fail(b, FQ_ERR_VERSION,
                                         "unknown bundle format version '%.20s'", v);
        in->format_version = (int32_t)num;
        return FQ_OK;
    case K_KIND:
        for (int32_t i = 0; i < FQ_BUNDLE_KIND_COUNT; i++)
            if (strcmp(v, fq_bundle_kind_name(i)) == 0) {
                in->kind = i;
                return FQ_OK;
            }
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "unknown bundle kind '%.20s'", v);
    case K_ID:
        if (!fq_uuid_valid(v))
            return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: bad bundle id");
        snprintf(in->bundle_id, sizeof in->bundle_id, "%s", v);
        return FQ_OK;
    case K_DEVICE:
        if (!fq_bundle_device_id_valid(v))
            return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: bad device id");
        snprintf(in->device_id, sizeof in->device_id, "%s", v);
        return FQ_OK;
    case K_INSPECTOR:
    case K_OFFICE:
        if (strlen(v) >= (k == K_OFFICE ? sizeof in->office : sizeof in->inspector))
            return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: %s too long",
                                         keys[k]);
        snprintf(k == K_OFFICE ? in->office : in->inspector,
                 k == K_OFFICE ? sizeof in->office : sizeof in->inspector, "%s", v);
        return FQ_OK;
    case K_APP:
        /* printable ASCII, no spaces: it is shown and logged as it is */
        if (!*v || strlen(v) >= sizeof in->app_version)
            return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: bad app_version");
        for (const char *c = v; *c; c++)
            if (*c <= ' ' || *c > '~')
                return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                             "bundle manifest: bad app_version");
        snprintf(in->app_version, sizeof in->app_version, "%s", v);
        return FQ_OK;
    case K_ACKED_RECEIPT:
        /* "" (no receipt applied yet) or the id of one; only a device names one */
        if (*v && !fq_uuid_valid(v))
            return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                         "bundle manifest: bad acked_receipt");
        snprintf(in->acked_receipt, sizeof in->acked_receipt, "%s", v);
        return FQ_OK;
    case K_SHA:
        if (!fq_core_sha256_hex_valid(v))
            return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: bad checksum");
        snprintf(in->content_sha256, sizeof in->content_sha256, "%s", v);
        return FQ_OK;
    case K_SIGNER:
        if (!fq_bundle_public_key_valid(v))
            return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: bad signer key");
        snprintf(in->signer_key, sizeof in->signer_key, "%s", v);
        return FQ_OK;
    case K_SIG:
        if (!fq_bundle_signature_hex_valid(v))
            return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: bad signature");
        snprintf(in->signature, sizeof in->signature, "%s", v);
        return FQ_OK;
    default:
        break;
    }
    fq_err e = parse_number(b, k, v, &num);
    if (e)
        return e;
    int64_t *const slots[K_COUNT] = {
        [K_CREATED] = &in->created_utc, [K_AFTER] = &in->after_seq, [K_TO] = &in->to_seq,
        [K_ACKED] = &in->acked_seq,     [K_NREC] = &in->n_records,  [K_NPHOTO] = &in->n_photos,
        [K_NACK] = &in->n_acks,         [K_PBYTES] = &in->photo_bytes,
        [K_SKIPPED] = &in->skipped_to_seq};
    *slots[k] = num;
    return FQ_OK;
}

static fq_err check_consistency(fq_bundle *b)
{
    const fq_bundle_info *in = &b->info;
    if (in->to_seq < in->after_seq)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: empty seq range");
    if (in->skipped_to_seq != 0 &&
        (in->kind != FQ_BUNDLE_CHANGES || in->skipped_to_seq <= in->after_seq ||
         in->skipped_to_seq > in->to_seq))
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT,
                                     "bundle manifest: left-out change outside its range");
    if (in->kind == FQ_BUNDLE_RECEIPT && (in->n_records || in->n_photos))
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "receipt carries records");
    if (in->kind != FQ_BUNDLE_CHANGES && in->acked_receipt[0])
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "%s bundle names an acked receipt",
                                     fq_bundle_kind_name(in->kind));
    if (in->kind != FQ_BUNDLE_RECEIPT && in->n_acks)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "%s bundle carries receipts",
                                     fq_bundle_kind_name(in->kind));
    if (in->n_records > in->file_bytes || in->n_photos > in->file_bytes ||
        in->n_acks > in->file_bytes)
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: impossible counts");
    return FQ_OK;
}

fq_err fq_bundle_read_manifest(fq_bundle *b)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(b->db, "SELECT key, value FROM manifest", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return fq_bundle_reader_sqlite_fail(b, rc, "manifest");
    int seen[K_COUNT] = {0};
    fq_err e = FQ_OK;
    while (!e && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(stmt, 0);
        const char *value = (const char *)sqlite3_column_text(stmt, 1);
        int k = key ? key_index(key) : -1;
        if (k < 0 || !value || sqlite3_column_bytes(stmt, 1) > 1000)
            e = fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: unexpected entry "
                                      "'%.40s'", key ? key : "?");
        else if (seen[k]++)
            e = fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: %s twice", keys[k]);
        else
            e = store_value(b, k, value);
    }
    sqlite3_finalize(stmt);
    if (e)
        return e;
    if (rc != SQLITE_DONE)
        return fq_bundle_reader_sqlite_fail(b, rc, "manifest");
    /* the version decides how to read the rest: report it before anything missing */
    if (!seen[K_VERSION])
        return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: no format version");
    for (int k = 0; k < K_COUNT; k++)
        if (!seen[k])
            return fq_bundle_reader_fail(b, FQ_ERR_CORRUPT, "bundle manifest: %s missing",
                                         keys[k]);
    return check_consistency(b);
}
