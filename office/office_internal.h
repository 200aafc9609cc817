/* Private to office/: the office handle's body and what the cmd_*.c files share (option
 * parsing, failure helper). Never included outside office/. */
#ifndef FQ_OFFICE_OFFICE_INTERNAL_H
#define FQ_OFFICE_OFFICE_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "fsio/fsio.h"
#include "media/media.h"
#include "office/office.h"
#include "office/commands.h"
#include "office/ostore.h"

struct fq_office {
    fq_ostore *db;                      /* the office store: sqlite or PostgreSQL */
    fq_media *media;                    /* checks that received photos decode */
    char db_path[FQ_BUNDLE_PATH_LEN];   /* as given to --db (a file or a URL) */
    char photo_dir[FQ_BUNDLE_PATH_LEN]; /* <base>.photos, or --photos / FIELDQC_PHOTOS */
    char base[FQ_BUNDLE_PATH_LEN];      /* <base>.pull, <base>.outgoing, <base>.relay */
    int forwarding;                     /* a push server is set: imports are kept to forward */
    char name[FQ_NAME_LEN];             /* office name written into receipts */
    fq_bundle_key key;                  /* signs receipts and job packs (wiped on close) */
    char errmsg[FQ_BUNDLE_ERR_LEN];
};

fq_err fq_office_fail(fq_office *o, fq_err e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A photo file larger than this is not a photo of ours (the bundle reader's own limit). */
#define FQ_OFFICE_MAX_PHOTO_BYTES ((int64_t)64 << 20)

/* The data folder (fq_fsio_data_dir: $FIELDQC_DATA, else ../share/fieldqc next to the
 * program), with "/sub" appended when sub is not NULL, into out. On failure the reason is
 * printed to stderr (commands report and exit). */
fq_err fq_office_data_dir(char *out, size_t out_len, const char *sub);

/* enrol.c: loads the office key (o->key), making and saving it the first time. */
fq_err fq_office_load_key(fq_office *o);

/* enrol.c: FQ_OK when the verified bundle `in` comes from its device's enrolled key in
 * force; else FQ_ERR_UNTRUSTED with "not signed by an enrolled device: <why>" on o. */
fq_err fq_office_check_signer(fq_office *o, const fq_bundle_info *in);

/* enrol.c: FQ_OK when device_id is enrolled and not revoked, with its enrolment in *out
 * (may be NULL); else FQ_ERR_UNTRUSTED with the reason on o ("what" names what is refused). */
fq_err fq_office_require_enrolled(fq_office *o, const char *device_id, const char *what,
                                  fq_office_device *out);


/* sync_folder.c: whose sync folder dir is: the device id (given_id, else dir/device.id) and
 * the public key it left in dir/device.pub ("" when there is none). Returns 0, or -1 with a
 * one-line reason in err. */
int fq_office_folder_identity(const char *dir, const char *given_id, char device_id[FQ_ID_LEN],
                              char public_key[FQ_BUNDLE_KEY_HEX_LEN], char *err, size_t err_len);

#endif
