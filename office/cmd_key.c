/* fieldqc-office key [--db FILE] [--new]: the office key's fingerprint, which every tablet
 * shows as "Office key" on its Sync screen; --new replaces the key (a leaked office
 * database). Deliberate on both sides: each tablet then refuses this office's receipts and
 * job packs until its inspector compares the new fingerprint and trusts it. */
#include "office/commands.h"

#include <stdio.h>

#include "office_internal.h"

int fq_office_cmd_key(int argc, char **argv)
{
    static const char *const flags[] = {"--new"};
    fq_office_args args;
    int rc = fq_office_parse_args_flags(argc, argv, NULL, 0, flags, 1, &args);
    if (rc)
        return rc;
    if (args.n_pos) {
        fprintf(stderr, "usage: fieldqc-office key [--db FILE] [--new]\n");
        return 2;
    }
    fq_office *o = NULL;
    if (fq_office_open_with(args.db, args.photos, &o)) {
        fprintf(stderr, "fieldqc-office key: %s\n", o ? o->errmsg : "out of memory");
        fq_office_close(o);
        return 1;
    }
    char old_fp[FQ_BUNDLE_FINGERPRINT_LEN], fp[FQ_BUNDLE_FINGERPRINT_LEN];
    fq_office_key_fingerprint(o, old_fp);
    if (args.flag[0] && fq_office_new_key(o)) {
        fprintf(stderr, "fieldqc-office key: %s\n", o->errmsg);
        fq_office_close(o);
        return 1;
    }
    fq_office_key_fingerprint(o, fp);
    printf("office key %s\n", fp);
    if (args.flag[0])
        printf("replaced %s: every tablet refuses this office's receipts and job packs until "
               "its inspector checks that its Sync screen offers %s and trusts it\n",
               old_fp, fp);
    fq_office_close(o);
    return 0;
}
