/* fq_err: the error type of fieldqc's modules, except the ui toolkit (it never includes
 * core) and the platform that draws it: their calls return fq_ui_result, with the same values.
 * Functions that can fail return fq_err (0 = OK, negative = kind); the human-readable
 * detail stays on the handle that failed (fq_store_errmsg, fq_bundle_errmsg,
 * fq_media_errmsg, fq_app_errmsg, ...) or, for calls with no handle to keep it on (fsio,
 * fq_photo_source_open_*), into a buffer the caller passes. */
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
    FQ_ERR_UNSUPPORTED = -9, /* feature/device not available here (no camera, ...) */
    FQ_ERR_UNTRUSTED = -10   /* well formed, but its signature or its signer is not accepted */
} fq_err;

/* Short stable name of an error kind ("i/o error", "corrupt", ...); never NULL. */
const char *fq_err_name(fq_err err);

#endif
