/* Private to office/: the office handle's body and what the cmd_*.c files share (option
 * parsing, failure helper). Never included outside office/. */
#ifndef FQ_OFFICE_OFFICE_INTERNAL_H
#define FQ_OFFICE_OFFICE_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "fsio/fsio.h"
#include "media/media.h"
#include "office/office.h"

struct fq_office {
    fq_store *st;
    fq_media *media;                    /* checks that received photos decode */
    char db_path[FQ_BUNDLE_PATH_LEN];
    char photo_dir[FQ_BUNDLE_PATH_LEN]; /* <db>.photos */
    char name[FQ_NAME_LEN];             /* office name written into receipts */
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

/* Option parsing shared by the commands: --db FILE (default office.db) and the rest. */
typedef struct fq_office_args {
    const char *db;
    const char *opt[8];   /* values of the command's own options, by index */
    const char *pos[256]; /* positional arguments */
    int n_pos;
} fq_office_args;

/* Parses argv[1..]: names lists the command's options ("--device", ...); returns 0, or 2
 * after printing a usage error naming the command. */
int fq_office_parse_args(int argc, char **argv, const char *const *names, int n_names,
                         fq_office_args *out);

#endif
