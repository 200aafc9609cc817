/* fieldqc-office import [--db FILE] [--device ID] BUNDLE...: verify and apply device bundles,
 * one line per bundle; a rejected bundle changes nothing and says why in one line. Records
 * kept as conflicts or refused are counted on a second line (`conflicts` lists them). */
#include "office/commands.h"

#include <stdio.h>

#include "office/progress.h"
#include "office_internal.h"

int fq_office_cmd_import(int argc, char **argv)
{
    static const char *const names[] = {"--device"};
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, names, 1, &args);
    if (rc)
        return rc;
    if (args.n_pos == 0) {
        fprintf(stderr, "usage: fieldqc-office import [--db FILE] [--device ID] BUNDLE...\n");
        return 2;
    }
    fq_office *o = NULL;
    if (fq_office_open_with(args.db, args.photos, &o)) {
        fprintf(stderr, "fieldqc-office import: %s\n", o ? o->errmsg : "out of memory");
        fq_office_close(o);
        return 1;
    }
    int failed = 0;
    /* many bundles (a week of a laptop's imports): a progress line on a terminal; the result
     * lines go to stdout as before */
    fq_office_progress progress;
    fq_office_progress_start(&progress, "import", "bundles", args.n_pos > 1 ? args.n_pos : 0, 0);
    for (int i = 0; i < args.n_pos; i++) {
        fq_office_progress_step(&progress, i ? 1 : 0, 0);
        fq_office_import_result res;
        if (fq_office_import(o, args.pos[i], args.opt[0], &res)) {
            fprintf(stderr, "rejected %s: %s\n", args.pos[i], o->errmsg);
            failed = 1;
            continue;
        }
        if (res.already)
            printf("already imported %s (bundle %.8s from %s): nothing changed\n", args.pos[i],
                   res.info.bundle_id, res.info.device_id);
        else
            printf("imported %s: device %s (%s), changes %lld..%lld, %lld records (%lld "
                   "applied), %lld photos (%lld new)\n",
                   args.pos[i], res.info.device_id, res.info.app_version,
                   (long long)res.info.after_seq + 1,
                   (long long)res.info.to_seq, (long long)res.info.n_records,
                   (long long)res.n_applied, (long long)res.info.n_photos,
                   (long long)res.n_photos_new);
        if (res.n_photos_damaged)
            printf("  %lld photos damaged on the device before it sent them (first %.12s...):"
                   " not stored, not acknowledged; the device still holds them\n",
                   (long long)res.n_photos_damaged, res.first_damaged);
        if (res.n_conflicts || res.n_refused)
            printf("  %lld in conflict, %lld refused: kept with the reason; see"
                   " fieldqc-office conflicts --db %s\n",
                   (long long)res.n_conflicts, (long long)res.n_refused, args.db);
    }
    fq_office_progress_step(&progress, args.n_pos > 0 ? 1 : 0, 0);
    fq_office_progress_end(&progress);
    fq_office_close(o);
    return failed;
}
