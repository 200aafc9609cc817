/* fq_bundle: THE sync bundle library, used by the device and by the office tool.
 *
 * A bundle is one SQLite database file (format in sync/FORMAT.md): records as rows, photos
 * as an SQLite Archive table (`sqlar`), a manifest, a CRC-32 per record and per photo, a
 * SHA-256 over the whole content and a CRC-32 in the reserved bytes of every page. Three
 * kinds share the container: CHANGES (device -> office), RECEIPT (office -> device: what
 * the office holds) and JOBS (office -> device: orders, visits, checklists).
 *
 * Writer: temp name, flush, fsync, rename, fsync the directory: a killed writer leaves the
 * previous state or a complete bundle. Reader: every bundle is untrusted; fq_bundle_open
 * verifies ALL of it (page checksums, sqlite structure, exact schema, limits, names, every
 * CRC and SHA-256) before returning a handle, so callers apply only verified content.
 *
 * Device side (fq_bundle_device): incremental export to <sync>/outbox/, reading receipts
 * and job packs from <sync>/inbox/, and the status the Sync screen shows.
 *
 * Not thread-safe: one handle per thread. Does not decode JPEGs (photos are bytes here). */
#ifndef FQ_BUNDLE_BUNDLE_H
#define FQ_BUNDLE_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

#define FQ_BUNDLE_FORMAT_VERSION 1
#define FQ_BUNDLE_EXT ".fqb"
#define FQ_BUNDLE_PATH_LEN 1024
#define FQ_BUNDLE_ERR_LEN 512

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
    int64_t created_utc;
    int64_t after_seq;               /* CHANGES: carries local changes after_seq < seq <= to_seq */
    int64_t to_seq;
    int64_t acked_seq;               /* RECEIPT: office holds every change <= acked_seq */
    int64_t n_records;
    int64_t n_photos;
    int64_t n_acks;                  /* RECEIPT: photo hashes acknowledged */
    int64_t photo_bytes;             /* sum of photo sizes (uncompressed) */
    int64_t file_bytes;              /* size of the bundle file (reader only) */
    char content_sha256[FQ_HASH_LEN];
} fq_bundle_info;

/* Limits the reader enforces before it reads or decompresses anything. */
typedef struct fq_bundle_limits {
    int64_t max_file_bytes;   /* default 4 GiB */
    int64_t max_photo_bytes;  /* one photo, uncompressed; default 64 MiB */
    int64_t max_record_bytes; /* one record's JSON; default 256 KiB */
} fq_bundle_limits;

/* The default limits into *out. */
void fq_bundle_limits_default(fq_bundle_limits *out);

/* ---- writer ---------------------------------------------------------------------------- */

typedef struct fq_bundle_writer fq_bundle_writer;

/* Starts a bundle that will appear at final_path (copied) when finished. info gives kind,
 * bundle_id (empty: a new one), device_id, inspector, office, created_utc, after_seq,
 * to_seq, acked_seq; counts and checksums are computed. Writes to final_path + ".tmp".
 * On failure *out may still be set for fq_bundle_writer_errmsg; free it either way.
 * Returns FQ_OK, FQ_ERR_INVALID (bad info), FQ_ERR_IO, FQ_ERR_FULL, FQ_ERR_NOMEM. */
fq_err fq_bundle_writer_new(const char *final_path, const fq_bundle_info *info,
                            fq_bundle_writer **out);

/* Adds one record (a change log entry). Strings are copied. */
fq_err fq_bundle_writer_add_record(fq_bundle_writer *w, const fq_change *change);

/* Adds one photo: data (borrowed) must hash to sha256 (64 hex), else FQ_ERR_CORRUPT.
 * Stored zlib-compressed only when that is smaller. Adding the same hash twice is a no-op. */
fq_err fq_bundle_writer_add_photo(fq_bundle_writer *w, const char *sha256,
                                  const unsigned char *data, size_t len);

/* RECEIPT: acknowledges that the office holds the photo sha256. */
fq_err fq_bundle_writer_add_ack(fq_bundle_writer *w, const char *sha256);

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
 * must still be closed. Returns FQ_OK, FQ_ERR_CORRUPT, FQ_ERR_VERSION, FQ_ERR_NOTFOUND,
 * FQ_ERR_IO, FQ_ERR_INVALID (over a limit), FQ_ERR_NOMEM. */
fq_err fq_bundle_open(const char *path, const fq_bundle_limits *limits, fq_bundle **out);

/* Light check for "have I seen this bundle": page checksums (every byte of the file),
 * sqlite structure, schema and manifest, but not the records and photos themselves. Fills
 * *out_info on success. Enough to recognise a bundle already imported (same id and content
 * hash); NEVER enough to apply one: use fq_bundle_open for that. */
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

/* Visits the photos in name order, decompressed and re-checked (size, CRC-32). */
fq_err fq_bundle_each_photo(fq_bundle *b, fq_bundle_photo_fn fn, void *ctx);

/* Called per acknowledged photo hash of a RECEIPT. */
typedef int (*fq_bundle_ack_fn)(void *ctx, const char *sha256);

fq_err fq_bundle_each_ack(fq_bundle *b, fq_bundle_ack_fn fn, void *ctx);

/* ---- photo store layout (shared with media/: <dir>/ab/<sha256>.jpg) --------------------- */

/* "<dir>/ab/<sha>.jpg" into buf. FQ_ERR_INVALID for a bad hash or a too small buffer. */
fq_err fq_bundle_photo_path(const char *dir, const char *sha256, char *buf, size_t buf_len);

/* The device's photo directory next to its database: "<db_path>.photos". */
fq_err fq_bundle_photo_dir_for_db(const char *db_path, char *buf, size_t buf_len);

/* Writes data to path durably: temp name in the same directory (created if missing),
 * write, fsync, rename, fsync the directory. errbuf (may be NULL) gets the reason. */
fq_err fq_bundle_write_file_atomic(const char *path, const unsigned char *data, size_t len,
                                   char *errbuf, size_t errbuf_len);

/* Removes the temporaries fq_bundle_write_file_atomic leaves when its process is killed
 * ("NAME.tmp<pid>") under dir and, with depth 1, its subdirectories, once their writer is
 * gone (no such process) or they are older than an hour. Best effort: returns how many
 * were removed; a missing dir is 0. */
int fq_bundle_sweep_stale_tmp(const char *dir, int depth);

/* mkdir -p of dir (mode 0755); errbuf (may be NULL) gets the reason. */
fq_err fq_bundle_mkdirs(const char *dir, char *errbuf, size_t errbuf_len);

/* True when s is a safe device id: 1..63 of [A-Za-z0-9._-], not starting with '.' (device
 * ids name files in the sync folder). */
int fq_bundle_device_id_valid(const char *s);

/* ---- device side ------------------------------------------------------------------------ */

typedef struct fq_bundle_device fq_bundle_device;

/* Binds a device database (borrowed; outlives the handle), its photo directory and the sync
 * folder (outbox/ and inbox/ are created when missing). *out set on success (and on failure
 * when allocated, for the message). */
fq_err fq_bundle_device_open(fq_store *st, const char *photo_dir, const char *sync_dir,
                             fq_bundle_device **out);
void fq_bundle_device_close(fq_bundle_device *d);
const char *fq_bundle_device_errmsg(const fq_bundle_device *d);

typedef struct fq_bundle_export_result {
    int written;                   /* 1: a new bundle was written; 0: nothing new to send */
    int unchanged;                 /* 1: the pending work equals the last export, still there */
    char bundle_id[FQ_UUID_LEN];
    char path[FQ_BUNDLE_PATH_LEN]; /* of the bundle in outbox/ ("" when none) */
    int64_t after_seq;
    int64_t to_seq;
    int64_t n_records;
    int64_t n_photos;
    int64_t n_missing_photos;      /* photo rows whose file is not on this device */
    int64_t bytes;
} fq_bundle_export_result;

/* Exports everything after the last acknowledged position plus the photos the office has not
 * acknowledged into outbox/<device>-<utc>-<id>.fqb. Marks nothing as synced: older unacked
 * bundles are superseded (removed) only after the new one is durable. When nothing is pending
 * nothing is written; when the pending work equals the last export and that file still
 * exists, it is kept (unchanged = 1). */
fq_err fq_bundle_export(fq_bundle_device *d, fq_bundle_export_result *out);

typedef struct fq_bundle_inbox_result {
    int64_t n_receipts;            /* receipts applied */
    int64_t n_job_packs;           /* job packs applied */
    int64_t n_records_applied;     /* job-pack records that changed the database */
    int64_t n_rejected;            /* files rejected (left in inbox/, renamed *.rejected) */
    int64_t acked_seq;             /* highest acknowledged position after reading */
    char last_rejection[FQ_BUNDLE_ERR_LEN];
} fq_bundle_inbox_result;

/* Reads inbox/: verifies every *.fqb, applies receipts (acknowledged position, photo acks;
 * removes outbox bundles that are fully acknowledged) and job packs (records, last-writer-
 * wins by revision) each in one transaction, then removes the applied file. A bundle for
 * another device, or a bad one, is renamed *.rejected and counted, not applied. */
fq_err fq_bundle_read_inbox(fq_bundle_device *d, fq_bundle_inbox_result *out);

#define FQ_BUNDLE_RECENT_MAX 8

typedef struct fq_bundle_export_entry {
    char bundle_id[FQ_UUID_LEN];
    char file[FQ_BUNDLE_PATH_LEN];
    int64_t to_seq;
    int64_t n_records;
    int64_t n_photos;
    int64_t bytes;
    int64_t created_utc;
    int acked;                     /* 1 when a receipt covers it */
} fq_bundle_export_entry;

typedef struct fq_bundle_status {
    int64_t pending_records;       /* local changes after the acknowledged position */
    int64_t pending_photos;        /* photos the office has not acknowledged */
    int64_t acked_seq;
    int64_t last_export_utc;       /* 0: never */
    int64_t last_receipt_utc;      /* 0: never */
    char last_receipt_office[FQ_NAME_LEN];
    int n_recent;
    fq_bundle_export_entry recent[FQ_BUNDLE_RECENT_MAX]; /* newest first */
} fq_bundle_status;

/* What the Sync screen shows. Reads only. */
fq_err fq_bundle_sync_status(fq_bundle_device *d, fq_bundle_status *out);

#endif
