/* Private to lib/bundle: the format constants, the canonical encoding behind the
 * checksums, page checksums and small helpers shared by the writer, reader and device
 * files. Never included outside lib/bundle. */
#ifndef FQ_BUNDLE_BUNDLE_INTERNAL_H
#define FQ_BUNDLE_BUNDLE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include <zlib.h>

#include "bundle/bundle.h"
#include "core/sha256.h"
#include "fsio/fsio.h" /* fq_fsio_fail: the reason into the caller's buffer */

#define FQ_BUNDLE_APP_ID 0x46514231     /* "FQB1" in PRAGMA application_id */
#define FQ_BUNDLE_FORMAT_NAME "fieldqc-bundle"
#define FQ_BUNDLE_RESERVE 8             /* bytes reserved per page for the page checksum */
#define FQ_BUNDLE_PAGE_MAGIC "FQB1"
#define FQ_BUNDLE_PHOTO_MODE 0100644
#define FQ_BUNDLE_PHOTO_NAME_LEN 80     /* "photos/ab/<64>.jpg" + NUL */
/* What a signature signs: this prefix, then the 64 hex digits of content_sha256. The prefix
 * keeps a bundle signature from meaning anything else a key might ever sign. */
#define FQ_BUNDLE_SIG_DOMAIN "fieldqc-bundle-signature/1 content_sha256="

/* One row of the expected sqlite_schema (sql NULL for automatic indexes). */
typedef struct bundle_schema_row {
    const char *type;
    const char *name;
    const char *tbl_name;
    const char *sql;
} bundle_schema_row;

/* The exact schema of the current format version, sorted by name; n rows in *out_n. */
const bundle_schema_row *fq_bundle_schema(size_t *out_n);

/* SQL creating the schema (writer). */
extern const char fq_bundle_schema_sql[];

/* The canonical encoding feeds a SHA-256 and/or a CRC-32 with length-prefixed values, so no
 * two different contents encode alike. */
typedef struct bundle_sink {
    fq_core_sha256 *sha; /* may be NULL */
    uLong crc;
    int use_crc;
} bundle_sink;

void fq_bundle_sink_bytes(bundle_sink *s, const void *data, size_t len);
void fq_bundle_sink_text(bundle_sink *s, const char *text); /* NULL encodes as null */
void fq_bundle_sink_i64(bundle_sink *s, int64_t v);

/* CRC-32 of one record's canonical encoding (what records.crc32 holds). */
uint32_t fq_bundle_record_crc(const char *tbl, const char *uuid, int64_t revision, char op,
                              int64_t at_utc, const char *data);

/* SHA-256 (hex) over the whole content of an open bundle database (manifest without
 * content_sha256 and signature, records, photo index, sqlar metadata, acks; each in key
 * order). */
fq_err fq_bundle_content_hash(sqlite3 *db, char out[FQ_HASH_LEN], char *err, size_t err_len);

/* "photos/ab/<sha>.jpg" for a valid hash into out (FQ_BUNDLE_PHOTO_NAME_LEN). */
void fq_bundle_photo_name(const char *sha256, char out[FQ_BUNDLE_PHOTO_NAME_LEN]);

/* True when name is exactly "photos/ab/<sha>.jpg" with ab = sha's first two chars; copies
 * the hash to out_sha (FQ_HASH_LEN). Rejects "..", absolute paths and anything else. */
int fq_bundle_photo_name_parse(const char *name, char out_sha[FQ_HASH_LEN]);

/* Page checksums in the reserved bytes of every page (CRC-32 of page number + page, then
 * the magic "FQB1"). The writer stamps each page as sqlite writes it (vfs.c); stamping a
 * closed file whole is for tests that edit a bundle and seal it again; verify before sqlite
 * opens it. */
fq_err fq_bundle_pages_stamp(int fd, char *err, size_t err_len);
fq_err fq_bundle_pages_verify(int fd, int64_t file_bytes, char *err, size_t err_len);

/* Stamps page pgno (ps bytes, in memory). */
void fq_bundle_page_stamp(unsigned char *page, uint32_t ps, uint32_t pgno);

/* The header checks of fq_bundle_pages_verify alone (SQLite header, page size, reserved
 * bytes, journal mode, whole pages, page count = file size), no page walk. */
fq_err fq_bundle_pages_header(int fd, int64_t file_bytes, char *err, size_t err_len);

/* Page size from a 100-byte header, 0 when invalid. */
uint32_t fq_bundle_header_page_size(const unsigned char *h);

/* True when page pgno (ps bytes) carries its right checksum. */
int fq_bundle_page_ok(const unsigned char *page, uint32_t ps, uint32_t pgno);

/* vfs.c: the VFS that checks each page's checksum as sqlite reads a bundle (opened
 * read-only) and stamps each as the writer's sqlite writes one (read-write), registered once
 * under this name (FQ_ERR_UNSUPPORTED when sqlite has no default VFS). */
#define FQ_BUNDLE_VFS "fq-bundle"
fq_err fq_bundle_vfs_init(void);

/* sign.c: the detached signature of a content hash by key, as hex into out_sig_hex;
 * FQ_ERR_UNSUPPORTED when libsodium cannot start. */
fq_err fq_bundle_sign_hash(const fq_bundle_key *key, const char *content_sha256,
                           char out_sig_hex[FQ_BUNDLE_SIG_HEX_LEN]);

/* True when sig_hex is a valid signature of content_sha256 by public_hex. */
int fq_bundle_verify_hash(const char *public_hex, const char *content_sha256,
                          const char *sig_hex);

/* True when s is a signature as the manifest carries it: 128 lowercase hex digits. */
int fq_bundle_signature_hex_valid(const char *s);

/* Strict decimal parse of a whole string into *out. */
int fq_bundle_parse_i64(const char *s, int64_t *out);

#endif
