/* fieldqc-office sync [--db FILE] [--device ID] DIR: the tethered round trip against a
 * device's sync folder. Only for an enrolled device: a folder whose device is not enrolled,
 * is revoked or shows another key gets nothing imported and nothing written, and the output
 * says how to enrol it (with the fingerprint to compare). Then pull the bundles of outbox/
 * (copied into <db>.pull/ first, so a pulled cable mid-read never leaves a half bundle to
 * import; one imported before is recognised on the stick and not copied), verify + import
 * each, then write the receipt and the next job pack into inbox/ (temp + rename), both
 * signed by the office key. Progress goes to stderr. */
#include "office/commands.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "office_internal.h"

static void show_progress(void *ctx, int64_t bytes_done)
{
    fprintf(stderr, "\r  pulling %s: %.1f MB", (const char *)ctx, (double)bytes_done / 1e6);
}

/* Copies src to dst durably (fsio), showing progress; a pulled cable fails it cleanly. */
static int pull_file(const char *src, const char *dst, const char *label, char *err,
                     size_t err_len)
{
    fq_bundle_limits lim;
    fq_bundle_limits_default(&lim);
    /* a link, FIFO or device planted in the outbox is refused before it is read */
    fq_err e = fq_fsio_copy_file(src, dst, lim.max_file_bytes, show_progress, (void *)label,
                                 err, err_len);
    fprintf(stderr, "\n");
    return e ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted *.fqb names in dir; *out malloc'd array of malloc'd strings. */
static int list_bundles(const char *dir, char ***out, size_t *out_n)
{
    DIR *d = opendir(dir);
    *out = NULL;
    *out_n = 0;
    if (!d)
        return errno == ENOENT ? 0 : -1;
    size_t cap = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        size_t n = strlen(ent->d_name);
        if (ent->d_name[0] == '.' || n < 5 || strcmp(ent->d_name + n - 4, FQ_BUNDLE_EXT) != 0)
            continue;
        if (*out_n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(*out, cap * sizeof **out);
            if (!grown)
                break;
            *out = grown;
        }
        (*out)[*out_n] = strdup(ent->d_name);
        if ((*out)[*out_n])
            (*out_n)++;
    }
    closedir(d);
    if (*out_n)
        qsort(*out, *out_n, sizeof **out, by_name);
    return 0;
}

static int pull_and_import(fq_office *o, const char *dir, const char *device, int *n_ok,
                           int *n_bad)
{
    char outbox[FQ_BUNDLE_PATH_LEN + 8], pull_dir[FQ_BUNDLE_PATH_LEN + 8];
    snprintf(outbox, sizeof outbox, "%s/outbox", dir);
    snprintf(pull_dir, sizeof pull_dir, "%s.pull", o->base);
    char **names = NULL;
    size_t n = 0;
    if (list_bundles(outbox, &names, &n)) {
        fprintf(stderr, "fieldqc-office sync: cannot read %s\n", outbox);
        return 1;
    }
    fprintf(stderr, "sync %s: device %s, %zu bundle(s) in outbox\n", dir, device, n);
    for (size_t i = 0; i < n; i++) {
        char src[FQ_BUNDLE_PATH_LEN * 2], dst[FQ_BUNDLE_PATH_LEN * 2], label[300], err[512];
        snprintf(src, sizeof src, "%s/%s", outbox, names[i]);
        snprintf(dst, sizeof dst, "%s/%s", pull_dir, names[i]);
        snprintf(label, sizeof label, "[%zu/%zu] %s", i + 1, n, names[i]);
        fq_office_import_result res;
        memset(&res, 0, sizeof res);
        struct stat sb;
        /* a bundle imported before (the device drops it only once it read the receipt) is
         * recognised where it lies, from a few pages: not pulled again */
        if (lstat(src, &sb) == 0 && S_ISREG(sb.st_mode) &&
            fq_office_recognise(o, src, device, &res.info)) {
            fprintf(stderr, "%s\n  already imported: %lld records, %lld photos (not pulled)\n",
                    label, (long long)res.info.n_records, (long long)res.info.n_photos);
            (*n_ok)++;
        } else if (pull_file(src, dst, label, err, sizeof err)) {
            fprintf(stderr, "  not pulled: %s\n", err);
            (*n_bad)++;
        } else if (fq_office_import(o, dst, device, &res)) {
            fprintf(stderr, "  rejected %s: %s\n", names[i], o->errmsg);
            (*n_bad)++;
        } else {
            fprintf(stderr, "  %s: %lld records (%lld applied), %lld photos (%lld new)\n",
                    res.already ? "already imported" : "imported", (long long)res.info.n_records,
                    (long long)res.n_applied, (long long)res.info.n_photos,
                    (long long)res.n_photos_new);
            if (res.n_photos_damaged)
                fprintf(stderr, "  %lld photos damaged on the device before it sent them "
                        "(first %.12s...): not stored, not acknowledged\n",
                        (long long)res.n_photos_damaged, res.first_damaged);
            (*n_ok)++;
        }
        unlink(dst);
        free(names[i]);
    }
    free(names);
    return 0;
}

/* A forwarding laptop hands the tablet what the server wrote for it (push brought it back):
 * the tablet trusts one office key, the server's, and drops its work only when the server
 * holds it. Nothing of the laptop's own is written then. */
static int relay_down(fq_office *o, const char *dir, const char *device)
{
    char inbox[FQ_BUNDLE_PATH_LEN + 8];
    snprintf(inbox, sizeof inbox, "%s/inbox", dir);
    if (fq_fsio_mkdirs(inbox, o->errmsg, sizeof o->errmsg) ||
        fq_fsio_check_real_dir(inbox, o->errmsg, sizeof o->errmsg)) {
        fprintf(stderr, "fieldqc-office sync: %s\n", o->errmsg);
        return 1;
    }
    int n = 0;
    for (int jobs = 0; jobs < 2; jobs++) {
        char src[FQ_BUNDLE_PATH_LEN * 2], dst[FQ_BUNDLE_PATH_LEN * 2], err[512];
        fq_office_relay_path(o, device, jobs, src, sizeof src);
        snprintf(dst, sizeof dst, "%s/%s-%s%s", inbox, jobs ? "jobs" : "receipt", device,
                 FQ_BUNDLE_EXT);
        if (access(src, F_OK) != 0)
            continue;
        if (fq_fsio_copy_file(src, dst, (int64_t)1 << 32, NULL, NULL, err, sizeof err)) {
            fprintf(stderr, "fieldqc-office sync: %s\n", err);
            return 1;
        }
        fprintf(stderr, "  %s from the server\n", jobs ? "job pack" : "receipt");
        n++;
    }
    if (!n)
        fprintf(stderr, "  no receipt or job pack from the server for %s yet: run "
                        "fieldqc-office push, then sync again\n", device);
    return 0;
}

static int send_down(fq_office *o, const char *dir, const char *device)
{
    if (o->forwarding)
        return relay_down(o, dir, device);
    char receipt[FQ_BUNDLE_PATH_LEN * 2], jobs[FQ_BUNDLE_PATH_LEN * 2];
    snprintf(receipt, sizeof receipt, "%s/inbox/receipt-%s%s", dir, device, FQ_BUNDLE_EXT);
    snprintf(jobs, sizeof jobs, "%s/inbox/jobs-%s%s", dir, device, FQ_BUNDLE_EXT);
    char inbox[FQ_BUNDLE_PATH_LEN + 8];
    snprintf(inbox, sizeof inbox, "%s/inbox", dir);
    fq_bundle_info info;
    int64_t n_jobs = 0;
    /* the stick is not ours: a planted link in place of inbox/ would take the receipt
     * anywhere on this laptop */
    if (fq_fsio_mkdirs(inbox, o->errmsg, sizeof o->errmsg) ||
        fq_fsio_check_real_dir(inbox, o->errmsg, sizeof o->errmsg) ||
        fq_office_write_receipt(o, device, receipt, &info)) {
        fprintf(stderr, "fieldqc-office sync: receipt not written: %s\n", o->errmsg);
        return 1;
    }
    /* a receipt names only the photos the tablet has not confirmed (issue 18) */
    fprintf(stderr, "  receipt: office holds changes 1..%lld of %s; %lld photos named that"
            " it has not confirmed yet\n",
            (long long)info.acked_seq, device, (long long)info.n_acks);
    if (fq_office_write_jobs(o, device, jobs, &n_jobs)) {
        fprintf(stderr, "fieldqc-office sync: job pack not written: %s\n", o->errmsg);
        return 1;
    }
    fprintf(stderr, "  job pack: %lld records\n", (long long)n_jobs);
    return 0;
}

/* 0 when device is enrolled with the key its folder shows (or shows none); else says why
 * nothing happens and what to do, and returns 1. */
static int check_enrolment(fq_office *o, const char *db, const char *dir, const char *device,
                           const char *folder_key)
{
    fq_office_device d;
    char fp[FQ_BUNDLE_FINGERPRINT_LEN] = "";
    if (folder_key[0])
        fq_bundle_fingerprint(folder_key, fp);
    fq_err e = fq_office_device_get(o, device, &d);
    if (e && e != FQ_ERR_NOTFOUND) {
        fprintf(stderr, "fieldqc-office sync: %s\n", o->errmsg);
        return 1;
    }
    if (e == FQ_ERR_NOTFOUND) {
        fprintf(stderr, "fieldqc-office sync: device %s is not enrolled at this office: nothing "
                        "imported, nothing sent.\n", device);
        /* the command is not filled in with the fingerprint: it is for a person to compare */
        if (fp[0])
            fprintf(stderr, "  Its key fingerprint is %s. Check that the tablet's Sync screen "
                            "shows the same (\"This tablet's key\"), then enrol it:\n"
                            "  fieldqc-office enrol --db %s %s\n",
                    fp, db, dir);
        else
            fprintf(stderr, "  The folder has no device.pub: tap \"Export bundle\" on the "
                            "tablet's Sync screen first, then enrol it:\n"
                            "  fieldqc-office enrol --db %s %s\n", db, dir);
        return 1;
    }
    if (d.revoked_utc) {
        fprintf(stderr, "fieldqc-office sync: device %s is revoked: nothing imported, nothing "
                        "sent (fieldqc-office devices --db %s)\n", device, db);
        return 1;
    }
    if (fp[0] && strcmp(d.public_key, folder_key) != 0) {
        fprintf(stderr, "fieldqc-office sync: device %s shows key %s but is enrolled with %s: "
                        "nothing imported, nothing sent.\n"
                        "  If the tablet was reset or replaced, check that its Sync screen shows "
                        "%s, then replace the key:\n"
                        "  fieldqc-office enrol --db %s --replace %s\n",
                device, fp, d.fingerprint, fp, db, dir);
        return 1;
    }
    return 0;
}

int fq_office_cmd_sync(int argc, char **argv)
{
    static const char *const names[] = {"--device"};
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, names, 1, &args);
    if (rc)
        return rc;
    if (args.n_pos != 1) {
        fprintf(stderr, "usage: fieldqc-office sync [--db FILE] [--device ID] DIR\n");
        return 2;
    }
    const char *dir = args.pos[0];
    char device[FQ_ID_LEN], key[FQ_BUNDLE_KEY_HEX_LEN], err[FQ_BUNDLE_PATH_LEN + 64];
    if (fq_office_folder_identity(dir, args.opt[0], device, key, err, sizeof err)) {
        fprintf(stderr, "fieldqc-office sync: %s\n", err);
        return 1;
    }
    fq_office *o = NULL;
    if (fq_office_open_with(args.db, args.photos, &o)) {
        fprintf(stderr, "fieldqc-office sync: %s\n", o ? o->errmsg : "out of memory");
        fq_office_close(o);
        return 1;
    }
    int n_ok = 0, n_bad = 0;
    rc = check_enrolment(o, args.db, dir, device, key);
    if (!rc)
        rc = pull_and_import(o, dir, device, &n_ok, &n_bad);
    if (!rc)
        rc = send_down(o, dir, device);
    if (!rc) {
        char fp[FQ_BUNDLE_FINGERPRINT_LEN];
        fq_office_key_fingerprint(o, fp);
        fprintf(stderr, "sync done: %d bundle(s) imported, %d rejected; signed by office key "
                        "%s\n", n_ok, n_bad, fp);
    }
    fq_office_close(o);
    return rc ? rc : n_bad ? 1 : 0;
}
