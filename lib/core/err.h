/* fq_err: the one error type of fieldqc.
 * Functions that can fail return fq_err (0 = OK, negative = kind); the human-readable
 * detail stays on the handle that failed (fq_store_errmsg, fq_bundle_errmsg, ...). */
#ifndef FQ_CORE_ERR_H
#define FQ_CORE_ERR_H

typedef enum fq_err {
    FQ_OK = 0,
    FQ_ERR_NOMEM = -1,    /* allocation failed */
    FQ_ERR_IO = -2,       /* read/write/fsync failed, device gone */
    FQ_ERR_FULL = -3,     /* disk or database full */
    FQ_ERR_CORRUPT = -4,  /* data on disk or in a file fails validation */
    FQ_ERR_INVALID = -5,  /* caller passed something outside the contract / bad user input */
    FQ_ERR_NOTFOUND = -6, /* no such record or file */
    FQ_ERR_CONFLICT = -7, /* record changed underneath, duplicate, read-only visit */
    FQ_ERR_VERSION = -8,  /* written by a newer (or unknown) format/schema version */
    FQ_ERR_UNSUPPORTED = -9 /* feature/device not available here (no camera, ...) */
} fq_err;

/* Short stable name of an error kind ("io", "corrupt", ...); never NULL. */
const char *fq_err_name(fq_err err);

#endif
