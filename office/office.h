/* fq_office: the office side of the evidence chain, as a library. fieldqc-office's commands
 * (commands.h) and the tests drive it: import device bundles exactly once (verified first),
 * write receipts and job packs for a device, and read the office database for reports.
 *
 * The office database is an fq_store database (the same schema and apply path as a device)
 * plus the office's own bookkeeping; photos live in "<db>.photos" (fsio's layout).
 * Not thread-safe: one handle per thread. */
#ifndef FQ_OFFICE_OFFICE_H
#define FQ_OFFICE_OFFICE_H

#include <stdint.h>

#include "bundle/bundle.h"
#include "core/err.h"
#include "store/store.h"

#define FQ_OFFICE_DEFAULT_DB "office.db"

typedef struct fq_office fq_office;

/* Opens (creating) the office database at db_path and its office tables, and sweeps the
 * temporaries a killed run left. On failure *out is set when allocated (for
 * fq_office_errmsg); close it either way. */
fq_err fq_office_open(const char *db_path, fq_office **out);

/* Closes; NULL allowed. */
void fq_office_close(fq_office *o);

/* The one-line reason of the last failure ("" after success); "out of memory" for NULL. */
const char *fq_office_errmsg(const fq_office *o);

/* The office database (owned by o) for reading records and lights. */
fq_store *fq_office_store(fq_office *o);

typedef struct fq_office_import_result {
    fq_bundle_info info;
    int already;             /* the same bundle was imported before: nothing changed */
    int64_t n_applied;       /* records that changed the office database */
    int64_t n_photos_new;    /* photo files written */
    int64_t n_conflicts;     /* records kept as conflicts (another writer changed them) */
    int64_t n_refused;       /* records kept as refused (not the device's to change, or a
                              * revision that does not follow its base) */
} fq_office_import_result;

/* Verifies the bundle at path completely, then applies it: photos durable first, then all
 * records and the import log in one transaction. expect_device may be NULL. Idempotent.
 * Records are applied by ownership and revision (lib/bundle/FORMAT.md, "Ownership and
 * conflicts"): conflicts and refusals do not reject the bundle, they are kept with their
 * reason for fq_office_each_conflict / `fieldqc-office conflicts`.
 * The one-line reason of a rejection is fq_office_errmsg(o). */
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

#endif
