/* Private to the reader files of lib/bundle (reader.c, manifest.c, verify.c,
 * reader_iter.c): the reader handle and the verification steps. */
#ifndef FQ_BUNDLE_READER_INTERNAL_H
#define FQ_BUNDLE_READER_INTERNAL_H

#include <stdarg.h>

#include "bundle_internal.h"

struct fq_bundle {
    sqlite3 *db;
    fq_bundle_limits limits;
    fq_bundle_info info;
    int verified;
    char errmsg[FQ_BUNDLE_ERR_LEN];
    char (*damaged)[FQ_HASH_LEN]; /* photos damaged at their sender (verify.c), malloc'd */
    fq_bundle_stage_fn stage;     /* fq_bundle_open_staging's callback, during verify */
    void *stage_ctx;
    int64_t n_damaged;
};

fq_err fq_bundle_reader_fail(fq_bundle *b, fq_err e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
fq_err fq_bundle_reader_sqlite_fail(fq_bundle *b, int rc, const char *what);

/* manifest.c: reads and checks the manifest into b->info. */
fq_err fq_bundle_read_manifest(fq_bundle *b);

/* verify.c: every record, photo and ack against the manifest and their checksums. */
fq_err fq_bundle_verify_records(fq_bundle *b);
fq_err fq_bundle_verify_photos(fq_bundle *b);
fq_err fq_bundle_verify_acks(fq_bundle *b);

/* The query over photos used by verify and iterate; columns: name, sha256, sz, crc32,
 * sqlar.mode, sqlar.sz, length(sqlar.data), sqlar.data. */
extern const char fq_bundle_photo_query[];

/* Checks one row of fq_bundle_photo_query and inflates it into *out_data (malloc'd, caller
 * frees) of *out_len bytes; with out_sha_ok it also recomputes the SHA-256 and says whether
 * it is the photo's name (a mismatch is not an error here: verify.c decides). */
fq_err fq_bundle_load_photo(fq_bundle *b, sqlite3_stmt *stmt, int *out_sha_ok,
                            char out_sha[FQ_HASH_LEN], unsigned char **out_data,
                            size_t *out_len);

/* True when verify.c found photo sha damaged at its sender. */
int fq_bundle_photo_damaged(const fq_bundle *b, const char *sha);

#endif
