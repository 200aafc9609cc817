/* Private to sync/office: the office handle (an fq_store database plus its photo store and
 * office-only tables), import, receipts, job packs, CSV and HTML helpers shared by the
 * cmd_*.c files. Tests include it too (they test the office as a library). */
#ifndef FQ_OFFICE_OFFICE_INTERNAL_H
#define FQ_OFFICE_OFFICE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "bundle/bundle.h"
#include "core/err.h"
#include "store/store.h"

#define FQ_OFFICE_DEFAULT_DB "office.db"

typedef struct fq_office {
    fq_store *st;
    sqlite3 *db;                        /* the store's handle: office_* tables only */
    char db_path[FQ_BUNDLE_PATH_LEN];
    char photo_dir[FQ_BUNDLE_PATH_LEN]; /* <db>.photos */
    char name[FQ_NAME_LEN];             /* office name written into receipts */
    char errmsg[FQ_BUNDLE_ERR_LEN];
} fq_office;

/* Opens (creating) the office database and its office tables. On failure *out is set when
 * allocated (for the message). Close with fq_office_close. */
fq_err fq_office_open(const char *db_path, fq_office **out);
void fq_office_close(fq_office *o);
fq_err fq_office_fail(fq_office *o, fq_err e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

typedef struct fq_office_import_result {
    fq_bundle_info info;
    int already;             /* the same bundle was imported before: nothing changed */
    int64_t n_applied;       /* records that changed the office database */
    int64_t n_photos_new;    /* photo files written */
} fq_office_import_result;

/* Verifies the bundle at path completely, then applies it: photos durable first, then all
 * records and the import log in one transaction. expect_device may be NULL. Idempotent.
 * The one-line reason of a rejection is in o->errmsg. */
fq_err fq_office_import(fq_office *o, const char *path, const char *expect_device,
                        fq_office_import_result *out);

/* Highest position up to which the office holds every change of device_id (contiguous). */
fq_err fq_office_acked_seq(fq_office *o, const char *device_id, int64_t *out);

/* Writes a receipt for device_id (acked position + every photo held from it) to path. */
fq_err fq_office_write_receipt(fq_office *o, const char *device_id, const char *path,
                               fq_bundle_info *out_info);

/* Writes the job pack of device_id (its open visits, their orders, milestones and records,
 * and the checklists) to path. *out_n_records gets the count; nothing is written when 0. */
fq_err fq_office_write_jobs(fq_office *o, const char *device_id, const char *path,
                            int64_t *out_n_records);

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
