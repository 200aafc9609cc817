/* fieldqc-office devices [--db FILE]: the office key and every enrolled device (id, key
 * fingerprint, enrolled since, revoked when); fieldqc-office revoke [--db FILE] --device ID:
 * refuse a device from now on (a lost tablet): its bundles are not imported and nothing is
 * written for it until it is enrolled again (enrol --replace). */
#include "office/commands.h"

#include <stdio.h>

#include "core/civil.h"
#include "office_internal.h"

static fq_office *open_or_say(const char *cmd, const fq_office_args *args)
{
    fq_office *o = NULL;
    if (fq_office_open_with(args->db, args->photos, &o) == FQ_OK)
        return o;
    fprintf(stderr, "fieldqc-office %s: %s\n", cmd, o ? o->errmsg : "out of memory");
    fq_office_close(o);
    return NULL;
}

static int print_device(void *ctx, const fq_office_device *d)
{
    int *n = ctx;
    char since[FQ_DATETIME_LEN], revoked[FQ_DATETIME_LEN] = "-";
    fq_utc_format(d->enrolled_utc, since, sizeof since);
    if (d->revoked_utc)
        fq_utc_format(d->revoked_utc, revoked, sizeof revoked);
    printf("%-36s  %-19s  %-20s  %s\n", d->device_id, d->fingerprint, since, revoked);
    (*n)++;
    return 0;
}

int fq_office_cmd_devices(int argc, char **argv)
{
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, NULL, 0, &args);
    if (rc)
        return rc;
    if (args.n_pos) {
        fprintf(stderr, "usage: fieldqc-office devices [--db FILE]\n");
        return 2;
    }
    fq_office *o = open_or_say(argv[0], &args);
    if (!o)
        return 1;
    char fp[FQ_BUNDLE_FINGERPRINT_LEN];
    fq_office_key_fingerprint(o, fp);
    printf("office key %s\n", fp);
    printf("%-36s  %-19s  %-20s  %s\n", "DEVICE", "KEY", "ENROLLED", "REVOKED");
    int n = 0;
    if (fq_office_each_device(o, print_device, &n)) {
        fprintf(stderr, "fieldqc-office devices: %s\n", o->errmsg);
        rc = 1;
    } else if (n == 0) {
        printf("(no device enrolled: fieldqc-office enrol DIR)\n");
    }
    fq_office_close(o);
    return rc;
}

int fq_office_cmd_revoke(int argc, char **argv)
{
    static const char *const names[] = {"--device"};
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, names, 1, &args);
    if (rc)
        return rc;
    if (args.n_pos || !args.opt[0]) {
        fprintf(stderr, "usage: fieldqc-office revoke [--db FILE] --device ID\n");
        return 2;
    }
    fq_office *o = open_or_say(argv[0], &args);
    if (!o)
        return 1;
    fq_office_device d;
    if (fq_office_revoke(o, args.opt[0]) || fq_office_device_get(o, args.opt[0], &d)) {
        fprintf(stderr, "fieldqc-office revoke: %s\n", o->errmsg);
        rc = 1;
    } else {
        printf("revoked device %s (key %s): its bundles are refused and nothing is written for "
               "it; to take it back: fieldqc-office enrol --replace DIR\n",
               d.device_id, d.fingerprint);
    }
    fq_office_close(o);
    return rc;
}
