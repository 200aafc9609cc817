/* fieldqc-office enrol [--db FILE] [--device ID] [--fingerprint FP] [--replace] DIR: trust a
 * tablet's key, read from its sync folder (device.pub), for its device id. The folder file
 * proves nothing by itself, so a person compares the key's fingerprint with the tablet's
 * Sync screen: given with --fingerprint (it must match), or confirmed y/N on a terminal;
 * without either nothing is enrolled. A device already enrolled with another key, or
 * revoked, is enrolled again only with --replace. Prints the office key's fingerprint, which
 * the tablet shows after its next Read inbox. */
#include "office/commands.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "office_internal.h"

/* Asks on the terminal; 1 for yes. */
static int confirm(const char *fp)
{
    fprintf(stderr, "Does the tablet's Sync screen show \"This tablet's key\" %s? [y/N] ", fp);
    fflush(stderr);
    char answer[16] = "";
    if (!fgets(answer, sizeof answer, stdin))
        return 0;
    return answer[0] == 'y' || answer[0] == 'Y';
}

/* 0 when a person vouched for fp (typed or confirmed); else says why, returns 1. */
static int compared(const char *key, const char *fp, const char *typed)
{
    if (typed) {
        if (fq_bundle_fingerprint_matches(key, typed))
            return 0;
        fprintf(stderr,
                "fieldqc-office enrol: fingerprint %s does not match the key in the "
                "folder (%s): nothing enrolled. Check the tablet and the folder.\n",
                typed, fp);
        return 1;
    }
    if (isatty(STDIN_FILENO)) {
        if (confirm(fp))
            return 0;
        fprintf(stderr, "fieldqc-office enrol: not confirmed: nothing enrolled\n");
        return 1;
    }
    fprintf(stderr,
            "fieldqc-office enrol: key fingerprint %s: compare it with the tablet's "
            "Sync screen and pass --fingerprint %s (or run on a terminal to confirm): "
            "nothing enrolled\n",
            fp, fp);
    return 1;
}

int fq_office_cmd_enrol(int argc, char **argv)
{
    static const char *const names[] = {"--device", "--fingerprint"};
    static const char *const flags[] = {"--replace"};
    fq_office_args args;
    int rc = fq_office_parse_args_flags(argc, argv, names, 2, flags, 1, &args);
    if (rc)
        return rc;
    if (args.n_pos != 1) {
        fprintf(stderr, "usage: fieldqc-office enrol [--db FILE] [--device ID] "
                        "[--fingerprint FP] [--replace] DIR\n");
        return 2;
    }
    const char *dir = args.pos[0];
    char device[FQ_ID_LEN], key[FQ_BUNDLE_KEY_HEX_LEN], err[FQ_BUNDLE_PATH_LEN + 64];
    if (fq_office_folder_identity(dir, args.opt[0], device, key, err, sizeof err)) {
        fprintf(stderr, "fieldqc-office enrol: %s\n", err);
        return 1;
    }
    if (!key[0]) {
        fprintf(stderr,
                "fieldqc-office enrol: %s has no device.pub: tap \"Export bundle\" on "
                "the tablet's Sync screen first\n",
                dir);
        return 1;
    }
    char fp[FQ_BUNDLE_FINGERPRINT_LEN], office_fp[FQ_BUNDLE_FINGERPRINT_LEN];
    fq_bundle_fingerprint(key, fp);
    printf("device %s, key fingerprint %s\n", device, fp);
    fflush(stdout);
    if (compared(key, fp, args.opt[1]))
        return 1;
    fq_office *o = NULL;
    if (fq_office_open_with(args.db, args.photos, &o)) {
        fprintf(stderr, "fieldqc-office enrol: %s\n", o ? o->errmsg : "out of memory");
        fq_office_close(o);
        return 1;
    }
    int changed = 0;
    if (fq_office_enrol(o, device, key, args.flag[0], &changed)) {
        fprintf(stderr, "fieldqc-office enrol: %s: nothing enrolled\n", o->errmsg);
        fq_office_close(o);
        return 1;
    }
    fq_office_key_fingerprint(o, office_fp);
    printf("%s device %s with key %s\n", changed ? "enrolled" : "already enrolled:", device, fp);
    printf("this office signs with key %s: after the next sync the tablet's Sync screen shows "
           "it as \"Office key\" (check it)\n",
           office_fp);
    printf("next: fieldqc-office sync --db %s %s\n", args.db, dir);
    fq_office_close(o);
    return 0;
}
