/* fq_bundle: THE sync bundle file format, used by the device and by the office tool.
 *
 * A bundle is one SQLite database file (format in lib/bundle/FORMAT.md): records as rows, photos
 * as an SQLite Archive table (`sqlar`), a manifest, a CRC-32 per record and per photo, a
 * SHA-256 over the whole content, an Ed25519 signature over that SHA-256 by the writer's key
 * (named in the manifest) and a CRC-32 in the reserved bytes of every page. Three kinds share
 * the container: CHANGES (device -> office, signed by the device), RECEIPT (office -> device:
 * what the office holds) and JOBS (office -> device: orders, visits, checklists), both signed
 * by the office.
 *
 * Writer: temp name, flush, fsync, rename, fsync the directory: a killed writer leaves the
 * previous state or a complete bundle. Reader: every bundle is untrusted; fq_bundle_open
 * verifies ALL of it (page checksums, sqlite structure, exact schema, limits, names, every
 * CRC and SHA-256, the signature by the key it names) before returning a handle, so callers
 * apply only verified content.
 *
 * What goes into a bundle, what a received one means and WHOSE KEY is acceptable is the
 * callers' policy: the device's in device/services (sync.h: the office key it trusts), the
 * office's in office/ (enrolled devices). This module only proves "signed by this key".
 *
 * Not thread-safe: one handle per thread. Does not decode JPEGs (photos are bytes here).
 * libsodium does the cryptography (sign.c; sodium_init is called before its first use). */
#ifndef FQ_BUNDLE_BUNDLE_H
#define FQ_BUNDLE_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/change.h"
#include "core/err.h"
#include "core/model.h"

/* The format version covers the record list too (core/model_fields.h: every table and its
 * columns), because a record of a table the reader does not know cannot be applied: a
 * newer list must be refused as "newer format", not fail as corrupt. Bump it whenever
 * the record list or the container changes; tests/lib/bundle/test_bundle_format.c pins the
 * record list's fingerprint per version and fails until both move together. */
#define FQ_BUNDLE_FORMAT_VERSION 6
#define FQ_BUNDLE_EXT ".fqb"
#define FQ_BUNDLE_PATH_LEN 1024
#define FQ_BUNDLE_ERR_LEN 512
#define FQ_BUNDLE_KEY_HEX_LEN 65     /* an Ed25519 public key: 64 lowercase hex + NUL */
#define FQ_BUNDLE_SEED_HEX_LEN 65    /* the secret seed of a key pair: 64 lowercase hex + NUL */
#define FQ_BUNDLE_SIG_HEX_LEN 129    /* a detached Ed25519 signature: 128 lowercase hex + NUL */
#define FQ_BUNDLE_FINGERPRINT_LEN 20 /* "3F2A-91C0-7B44-E1D5" + NUL */

typedef enum fq_bundle_kind {
    FQ_BUNDLE_CHANGES = 0, /* device -> office: change log range + photos */
    FQ_BUNDLE_RECEIPT,     /* office -> device: acknowledged position + photo hashes */
    FQ_BUNDLE_JOBS,        /* office -> device: records to apply (job pack) */
    FQ_BUNDLE_KIND_COUNT
} fq_bundle_kind;

/* "changes" / "receipt" / "jobs"; "?" otherwise. */
const char *fq_bundle_kind_name(int32_t kind);

/* What the manifest says (all verified when it comes from fq_bundle_open). */
typedef struct fq_bundle_info {
    int32_t format_version;
    int32_t kind;                    /* fq_bundle_kind */
    char bundle_id[FQ_UUID_LEN];
    char device_id[FQ_ID_LEN];       /* CHANGES: the sender; RECEIPT/JOBS: the addressee */
    char inspector[FQ_ID_LEN];
    char office[FQ_NAME_LEN];        /* RECEIPT/JOBS: who wrote it */
    char app_version[FQ_ID_LEN];     /* the software that wrote it, "fieldqc/0.1.0" (writer:
                                      * this build's, whatever the caller sets) */
    int64_t created_utc;
    int64_t after_seq;               /* CHANGES: carries local changes after_seq < seq <= to_seq */
    int64_t to_seq;
    int64_t skipped_to_seq;          /* CHANGES: the last change left out because its log row
                                      * is damaged (0: none); the range may end there */
    int64_t acked_seq;               /* RECEIPT: office holds every change <= acked_seq */
    char acked_receipt[FQ_UUID_LEN]; /* CHANGES: bundle_id of the newest receipt the device
                                      * applied ("" none yet; always "" for RECEIPT/JOBS), so
                                      * the office's next receipt names only what is new */
    int64_t n_records;
    int64_t n_photos;
    int64_t n_acks;                  /* RECEIPT: photo hashes acknowledged */
    int64_t photo_bytes;             /* sum of photo sizes (uncompressed) */
    int64_t file_bytes;              /* size of the bundle file (reader only) */
    char content_sha256[FQ_HASH_LEN];
    char signer_key[FQ_BUNDLE_KEY_HEX_LEN];   /* public key of the writer (fq_bundle_open: the
                                                * signature is valid for it) */
    char signature[FQ_BUNDLE_SIG_HEX_LEN];    /* over the content hash (FORMAT.md) */
} fq_bundle_info;

/* Limits the reader enforces before it reads or decompresses anything. */
typedef struct fq_bundle_limits {
    int64_t max_file_bytes;   /* default 4 GiB */
    int64_t max_photo_bytes;  /* one photo, uncompressed; default 64 MiB */
    /* all photos, uncompressed: also never more than FQ_BUNDLE_MAX_EXPANSION times the file
     * plus 1 MiB (JPEGs hardly compress; a zlib bomb does); default 4 GiB */
    int64_t max_total_photo_bytes;
    int64_t max_record_bytes; /* one record's JSON; default 256 KiB */
} fq_bundle_limits;

#define FQ_BUNDLE_MAX_EXPANSION 4

/* One record's JSON, the default reader limit and what a writer accepts. */
#define FQ_BUNDLE_MAX_RECORD_BYTES ((int64_t)256 << 10)

/* The default limits into *out. */
void fq_bundle_limits_default(fq_bundle_limits *out);

/* ---- keys ------------------------------------------------------------------------------ */

/* An Ed25519 signing key pair (libsodium crypto_sign). Its owner keeps only the seed (in its
 * own database, never synced) and rebuilds the pair with fq_bundle_key_from_seed. Holds
 * secret bytes: wipe it (fq_bundle_key_wipe) when done. */
typedef struct fq_bundle_key {
    unsigned char secret[64];                /* libsodium's secret key (seed + public key) */
    char public_hex[FQ_BUNDLE_KEY_HEX_LEN];  /* what the manifest names as signer_key */
} fq_bundle_key;

/* A new random key: its seed, the secret to keep, as lowercase hex into out_seed_hex.
 * Returns FQ_OK, or FQ_ERR_UNSUPPORTED when libsodium cannot start (no random source). */
fq_err fq_bundle_key_generate(char out_seed_hex[FQ_BUNDLE_SEED_HEX_LEN]);

/* The key pair of a seed made by fq_bundle_key_generate into *out. FQ_ERR_CORRUPT when
 * seed_hex is not 64 hex digits, FQ_ERR_UNSUPPORTED when libsodium cannot start. */
fq_err fq_bundle_key_from_seed(const char *seed_hex, fq_bundle_key *out);

/* Overwrites the secret bytes of k (NULL allowed). */
void fq_bundle_key_wipe(fq_bundle_key *k);

/* Overwrites len bytes of secret material at buf (a seed in hex, ...); never optimised
 * away. NULL allowed. */
void fq_bundle_wipe(void *buf, size_t len);

/* True when s is a public key as the manifest carries it: 64 lowercase hex digits. */
int fq_bundle_public_key_valid(const char *s);

/* The short fingerprint people compare on two screens: the first 8 bytes of SHA-256 of the
 * 32 public key bytes, uppercase hex in four groups ("3F2A-91C0-7B44-E1D5"), into out.
 * FQ_ERR_INVALID (out set to "") when public_hex is not a valid key. */
fq_err fq_bundle_fingerprint(const char *public_hex, char out[FQ_BUNDLE_FINGERPRINT_LEN]);

/* True when `typed` is the fingerprint of public_hex as a person may type it: case, dashes
 * and spaces do not matter, but all 16 digits must be there. */
int fq_bundle_fingerprint_matches(const char *public_hex, const char *typed);

/* ---- writer ---------------------------------------------------------------------------- */

typedef struct fq_bundle_writer fq_bundle_writer;

/* Starts a bundle that will appear at final_path (copied) when finished. info gives kind,
 * bundle_id (empty: a new one), device_id, inspector, office, created_utc, after_seq,
 * to_seq, acked_seq, acked_receipt ("" or a uuid; CHANGES only); counts, checksums, signer_key and signature are computed. signer
 * (borrowed, copied; required: every bundle is signed) signs it. Writes to an fsio
 * temporary beside final_path. On failure *out may still be set for
 * fq_bundle_writer_errmsg; free it either way.
 * Returns FQ_OK, FQ_ERR_INVALID (bad info, no signer), FQ_ERR_IO, FQ_ERR_FULL, FQ_ERR_NOMEM. */
fq_err fq_bundle_writer_new(const char *final_path, const fq_bundle_info *info,
                            const fq_bundle_key *signer, fq_bundle_writer **out);

/* fq_bundle_writer_new, but built in build_dir (made when missing; NULL or "": beside
 * final_path) and copied whole onto final_path when finished: for a final place on a USB
 * stick, written once sequentially instead of page by page. A stale build of a killed
 * writer is an fsio temporary there (fq_fsio_sweep_tmp). */
fq_err fq_bundle_writer_new_in(const char *final_path, const char *build_dir,
                               const fq_bundle_info *info, const fq_bundle_key *signer,
                               fq_bundle_writer **out);

/* Adds one record (a change log entry). Strings are copied. A record the reader would refuse
 * (unknown type, bad id or kind, data that is not its row: invalid JSON, another uuid or
 * revision, over FQ_BUNDLE_MAX_RECORD_BYTES) is not added: FQ_ERR_CORRUPT naming it, and the
 * writer stays usable, so the caller can skip a damaged change and go on. */
fq_err fq_bundle_writer_add_record(fq_bundle_writer *w, const fq_change *change);

/* Adds one photo: data (borrowed) must hash to sha256 (64 hex), else FQ_ERR_CORRUPT.
 * Stored zlib-compressed only when that is smaller. Adding the same hash twice is a no-op. */
fq_err fq_bundle_writer_add_photo(fq_bundle_writer *w, const char *sha256,
                                  const unsigned char *data, size_t len);

/* fq_bundle_writer_add_photo for a photo the caller stores by its hash (the file's name is
 * sha256): not hashed again here. A stored copy damaged since it was named (a bad SD card)
 * still goes out under its name; the reader hashes every photo and sets such a photo
 * aside as damaged at its sender (fq_bundle_each_damaged_photo) instead of handing it out. */
fq_err fq_bundle_writer_add_stored_photo(fq_bundle_writer *w, const char *sha256,
                                         const unsigned char *data, size_t len);

/* RECEIPT: acknowledges that the office holds the photo sha256 (a receipt names what the
 * device has not confirmed yet, not every photo: FORMAT.md, "Receipt"). */
fq_err fq_bundle_writer_add_ack(fq_bundle_writer *w, const char *sha256);

/* Bytes the bundle file holds so far (its pages); the manifest and checksums add a page or
 * two at finish. For writers that split their work by size. */
int64_t fq_bundle_writer_size(const fq_bundle_writer *w);

/* CHANGES: ends the bundle's range at to_seq instead of the to_seq it was started with
 * (after_seq <= the last record's seq <= to_seq <= the started one), when the rest goes into
 * the next bundle. FQ_ERR_INVALID otherwise. */
fq_err fq_bundle_writer_end_range(fq_bundle_writer *w, int64_t to_seq);

/* CHANGES: the change at seq (after the last one added, within the range) is left out: its
 * log row is damaged (fq_bundle_writer_add_record refused it). The bundle declares it
 * (signed, skipped_to_seq), so its range may cover it and the office acknowledges past it
 * instead of every later bundle stopping there. FQ_ERR_INVALID out of order or range. */
fq_err fq_bundle_writer_skip(fq_bundle_writer *w, int64_t seq);

/* Writes the manifest and checksums, flushes, fsyncs and renames to the final path.
 * out_info (may be NULL) receives the final manifest. The writer is spent afterwards
 * (free it). */
fq_err fq_bundle_writer_finish(fq_bundle_writer *w, fq_bundle_info *out_info);

/* Frees the writer; an unfinished bundle's temp file is removed. NULL is allowed. */
void fq_bundle_writer_free(fq_bundle_writer *w);

/* Reason of the last failure ("" after success). */
const char *fq_bundle_writer_errmsg(const fq_bundle_writer *w);

/* ---- reader ---------------------------------------------------------------------------- */

typedef struct fq_bundle fq_bundle;

/* Opens and verifies the bundle at path completely (see the file comment). limits may be
 * NULL (defaults). On failure *out is set when a handle could be allocated, so the caller can
 * read fq_bundle_errmsg (a one-line reason: corrupt, truncated, unknown version, ...); it
 * must still be closed. FQ_OK means the content is intact and signed by info.signer_key;
 * whether that key may send this bundle is for the caller to decide.
 * Returns FQ_OK, FQ_ERR_CORRUPT, FQ_ERR_VERSION (newer, or older and unsigned),
 * FQ_ERR_UNTRUSTED (intact checksums but the signature does not verify: changed after it
 * was signed), FQ_ERR_NOTFOUND, FQ_ERR_IO, FQ_ERR_INVALID (over a limit), FQ_ERR_NOMEM. */
fq_err fq_bundle_open(const char *path, const fq_bundle_limits *limits, fq_bundle **out);

/* Called by fq_bundle_open_staging for each photo as the verification reaches it, in name
 * order: its bytes passed their size, CRC-32 and SHA-256 (a photo damaged at its sender is
 * not passed), but the bundle is NOT verified yet: the content hash and the signature come
 * after the last photo. So the caller may only stage the bytes where nothing reads them
 * (temporaries) and must discard them unless the open succeeds. unverified: the manifest as
 * read (its signer_key not checked yet). Returns nonzero to stop: the open then fails
 * (FQ_ERR_INVALID, "stopped"; the callback keeps its own reason). */
typedef int (*fq_bundle_stage_fn)(void *ctx, const fq_bundle_info *unverified,
                                  const char *sha256, const unsigned char *data, size_t len);

/* fq_bundle_open that hands each photo to fn during its one verification pass (a day's
 * photos read once, not once to verify and once more to iterate). Same checks, results and
 * handle; fn may be NULL (= fq_bundle_open). */
fq_err fq_bundle_open_staging(const char *path, const fq_bundle_limits *limits,
                              fq_bundle_stage_fn fn, void *ctx, fq_bundle **out);

/* Light check for "have I seen this bundle": the file header (size, page count), the
 * schema and the manifest, each page checked against its checksum as it is read (a few
 * pages: not the whole file), but not the records and photos themselves, nor the
 * signature. Fills *out_info on success. Enough to recognise a bundle already imported
 * (same id and content hash); NEVER enough to apply one: use fq_bundle_open for that. */
fq_err fq_bundle_peek(const char *path, const fq_bundle_limits *limits, fq_bundle_info *out_info);

/* Closes; NULL allowed. */
void fq_bundle_close(fq_bundle *b);

/* Reason of the last failure on b ("" after success); "out of memory" for NULL. */
const char *fq_bundle_errmsg(const fq_bundle *b);

/* The verified manifest; valid until fq_bundle_close. */
const fq_bundle_info *fq_bundle_get_info(const fq_bundle *b);

/* Visits the records in seq order (strings valid during the call). fn returns nonzero to
 * stop. Re-checks each record's CRC-32. */
fq_err fq_bundle_each_record(fq_bundle *b, fq_change_fn fn, void *ctx);

/* Called per photo with its hash and uncompressed bytes (valid during the call). */
typedef int (*fq_bundle_photo_fn)(void *ctx, const char *sha256, const unsigned char *data,
                                  size_t len);

/* Visits the photos in name order, decompressed and re-checked (size, CRC-32), except the
 * ones damaged at their sender (fq_bundle_each_damaged_photo). */
fq_err fq_bundle_each_photo(fq_bundle *b, fq_bundle_photo_fn fn, void *ctx);

/* Visits the photos whose bytes arrived intact (size, CRC-32, content hash and signature
 * all agree) but do not hash to their name: damaged on the sending device before it wrote
 * the bundle. fq_bundle_each_photo skips them; the rest of the bundle is good. fn gets each
 * hash (the name); returns nonzero to stop. */
fq_err fq_bundle_each_damaged_photo(fq_bundle *b, int (*fn)(void *ctx, const char *sha256),
                                    void *ctx);

/* How many photos fq_bundle_each_damaged_photo visits (0 for NULL). */
int64_t fq_bundle_n_damaged_photos(const fq_bundle *b);

/* Called per acknowledged photo hash of a RECEIPT. */
typedef int (*fq_bundle_ack_fn)(void *ctx, const char *sha256);

fq_err fq_bundle_each_ack(fq_bundle *b, fq_bundle_ack_fn fn, void *ctx);

/* ---- names ---- */

/* True when s is a safe device id: 1..63 of [A-Za-z0-9._-], not starting with '.' (device
 * ids name files in the sync folder). */
int fq_bundle_device_id_valid(const char *s);

#endif
