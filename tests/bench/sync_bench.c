/* Sync bench (figures, no assertions): a day of a device, 2,000 records and 200 photos,
 * twice: camera originals (the test photos as they are, 1-4 MB) and a realistic day of
 * stored photos (the same photos through the media pipeline at the stored size, as the
 * device keeps them). Each day is exported (signed) and imported into a new office (verify,
 * signature included, + apply) FQ_BENCH_RUNS times (default 3), each time next to `cp` of
 * the same bundle plus `sync` of the copy (the floor, measured in the same run on the same
 * disk); printed are the medians and the median of the ratios ours / cp, so a loaded
 * machine shifts both sides alike. Beside the import, the CPU time of its JPEG check alone
 * (issue 11: every photo received must decode), one core, and what that is at best spread
 * over every core, against cp: a floor no import that checks can go under. Then an
 * unchanged re-export, a no-op re-import and SHA-256 throughput. Without PHOTO_DIR (or
 * without JPEGs in it) only synthetic bytes are possible, which the office refuses as
 * photos: the bench then says so and stops.
 * Usage: sync_bench TMPDIR PHOTO_DIR. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "fsio/fsio.h"
#include "services/sync.h"
#include "core/sha256.h"
#include "media/media.h"
#include "office/office.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "sync_bench: %s: %s\n", what, msg);
    exit(1);
}

/* Photo i: a test photo (as the camera gave it, or at the stored size) marked with i (so
 * 200 distinct hashes). */
static unsigned char *photo_bytes(int i, const char *photo_dir, char **names, int n_names,
                                  fq_media *stored, size_t *len)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", photo_dir, names[i % n_names]);
    unsigned char *data = read_all(path, len);
    if (!data)
        die("photo", path);
    if (stored) {
        fq_media_output out;
        if (fq_media_compress(stored, data, *len, &out))
            die("stored size", fq_media_errmsg(stored));
        free(data);
        data = malloc(out.jpeg_len);
        memcpy(data, out.jpeg, out.jpeg_len);
        *len = out.jpeg_len;
    }
    /* a comment segment after the start marker: still a valid JPEG, another hash */
    unsigned char *marked = malloc(*len + 6);
    memcpy(marked, data, 2);
    const unsigned char com[6] = {0xFF, 0xFE, 0x00, 0x04, (unsigned char)(i >> 8),
                                  (unsigned char)i};
    memcpy(marked + 2, com, sizeof com);
    memcpy(marked + 8, data + 2, *len - 2);
    free(data);
    *len += 6;
    return marked;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void run(const char *cmd)
{
    if (system(cmd))
        die("command", cmd);
}

/* cp of the bundle and sync of the copy (its data and metadata on disk, as our files). */
static double time_cp(const char *src, const char *dir)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s/copy.fqb' && sync '%s/copy.fqb' '%s'", src, dir, dir,
             dir);
    double t0 = now_s();
    run(cmd);
    double t = now_s() - t0;
    snprintf(cmd, sizeof cmd, "rm -f '%s/copy.fqb'", dir);
    run(cmd);
    return t;
}

#define MAX_RUNS 15

typedef struct day_figures {
    double exp[MAX_RUNS], imp[MAX_RUNS], cp[MAX_RUNS], exp_ratio[MAX_RUNS], imp_ratio[MAX_RUNS];
    int n;
    fq_app_sync_export_result ex;
    int64_t photo_bytes;
    double check_cpu;  /* seconds the day's JPEG checks take on one core */
} day_figures;

/* A device database with the day's records and photos under dir; df gets the photos' bytes
 * and the seconds their JPEG checks take on this thread (checker's). */
static fq_store *make_device(const char *dir, const char *photo_dir, char **names,
                             int n_names, fq_media *stored, fq_media *checker, day_figures *df)
{
    char db[1024], photos[1100];
    snprintf(db, sizeof db, "%s/device.db", dir);
    snprintf(photos, sizeof photos, "%s.photos", db);
    fq_store *st = NULL;
    if (fq_store_open(db, &st))
        die("store", fq_store_errmsg(st));
    fq_store_set_actor(st, "tab-bench", "bench");
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "PO-BENCH");
    fq_store_put_order(st, &o);
    fq_visit v;
    memset(&v, 0, sizeof v);
    strcpy(v.order_uuid, o.meta.uuid);
    fq_store_create_visit(st, &v);
    fq_store_begin(st);
    for (int i = 0; i < 1800; i++) {
        fq_finding f;
        memset(&f, 0, sizeof f);
        strcpy(f.visit_uuid, v.meta.uuid);
        snprintf(f.text, sizeof f.text, "Checkpoint %d: carton marks, labels and barcode", i);
        snprintf(f.note, sizeof f.note, "Observed on line %d; two units reworked.", i % 7);
        f.result = 1 + i % 3;
        fq_store_put_finding(st, &f);
    }
    int64_t photo_total = 0;
    for (int i = 0; i < 200; i++) {
        size_t len = 0;
        unsigned char *data = photo_bytes(i, photo_dir, names, n_names, stored, &len);
        char sha[65], path[1300];
        fq_core_sha256_hex(data, len, sha);
        fq_fsio_photo_path(photos, sha, path, sizeof path);
        if (fq_fsio_write_atomic(path, data, len, NULL, NULL, 0))
            die("photo", path);
        fq_photo p;
        memset(&p, 0, sizeof p);
        strcpy(p.visit_uuid, v.meta.uuid);
        strcpy(p.sha256, sha);
        p.bytes = (int64_t)len;
        fq_store_put_photo(st, &p);
        photo_total += (int64_t)len;
        double t0 = now_s();
        if (fq_media_check_jpeg(checker, data, len))
            die("check", fq_media_errmsg(checker));
        df->check_cpu += now_s() - t0;
        free(data);
    }
    if (fq_store_commit(st))
        die("commit", fq_store_errmsg(st));
    df->photo_bytes = photo_total;
    return st;
}

/* One export + cp + import into a new office; the export is written anew each time (the
 * outbox emptied first). */
static void one_run(const char *dir, fq_store *st, fq_app_sync *dev, day_figures *df)
{
    char cmd[4096], office[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s/sync/outbox'/* '%s/office'* && sync", dir, dir);
    run(cmd);
    double t0 = now_s();
    if (fq_app_sync_export(dev, &df->ex))
        die("export", fq_app_sync_errmsg(dev));
    double t_export = now_s() - t0;
    if (df->ex.n_bundles != 1)
        die("export", "more than one bundle");
    double t_cp = time_cp(df->ex.path, dir);

    snprintf(office, sizeof office, "%s/office.db", dir);
    fq_office *off = NULL;
    if (fq_office_open(office, &off))
        die("office", fq_office_errmsg(off));
    /* the tablet is enrolled first, as at its first tether */
    fq_bundle_key key;
    char err[256];
    int changed = 0;
    if (fq_app_sync_key_load(st, &key, err, sizeof err))
        die("device key", err);
    if (fq_office_enrol(off, "tab-bench", key.public_hex, 0, &changed))
        die("enrol", fq_office_errmsg(off));
    fq_bundle_key_wipe(&key);
    fq_office_import_result im;
    t0 = now_s();
    if (fq_office_import(off, df->ex.path, NULL, &im))
        die("import", fq_office_errmsg(off));
    double t_import = now_s() - t0;
    fq_office_close(off);
    int n = df->n++;
    df->exp[n] = t_export, df->imp[n] = t_import, df->cp[n] = t_cp;
    df->exp_ratio[n] = t_export / t_cp, df->imp_ratio[n] = t_import / t_cp;
}

static void print_day(const char *what, day_figures *df)
{
    int n = df->n;
    printf("%s: %lld records, %lld photos (%.1f MB), bundle %.1f MB, %d runs (medians)\n", what,
           (long long)df->ex.n_records, (long long)df->ex.n_photos,
           (double)df->photo_bytes / 1e6, (double)df->ex.bytes / 1e6, n);
    double cp = median(df->cp, n);
    printf("  export               %7.3f s  (%.2f x cp)\n", median(df->exp, n),
           median(df->exp_ratio, n));
    printf("  import (verify+apply)%7.3f s  (%.2f x cp)\n", median(df->imp, n),
           median(df->imp_ratio, n));
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cores = cores < 1 ? 1 : cores;
    printf("  of which JPEG checks %7.3f s of CPU; over %ld cores at best %.3f s (%.2f x cp)\n",
           df->check_cpu, cores, df->check_cpu / (double)cores,
           df->check_cpu / (double)cores / cp);
    printf("  cp + sync same bytes %7.3f s\n", cp);
}


int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    char cmd[4096], dir[1100], sync[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", argv[1], argv[1]);
    run(cmd);
    char *names[64];
    int n_names = 0;
    DIR *d = opendir(argv[2]);
    struct dirent *ent;
    while (d && (ent = readdir(d)) && n_names < 64)
        if (strstr(ent->d_name, ".jpg"))
            names[n_names++] = strdup(ent->d_name);
    if (d)
        closedir(d);
    if (!n_names)
        die(argv[2], "no test photos (*.jpg): the office imports only photos that decode");
    const char *runs_env = getenv("FQ_BENCH_RUNS");
    int runs = runs_env ? atoi(runs_env) : 3;
    runs = runs < 1 ? 1 : runs > MAX_RUNS ? MAX_RUNS : runs;
    fq_media *media = NULL;
    if (fq_media_new(&media))
        die("media", "no handle");

    static day_figures days[2];
    const char *day_names[2] = {"camera-original day", "stored-photo day"};
    fq_store *stores[2];
    fq_app_sync *devs[2];
    for (int k = 0; k < 2; k++) {
        char photos[1300];
        snprintf(dir, sizeof dir, "%s/day%d", argv[1], k);
        snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
        run(cmd);
        stores[k] = make_device(dir, argv[2], names, n_names, k ? media : NULL, media,
                                &days[k]);
        snprintf(photos, sizeof photos, "%s/device.db.photos", dir);
        snprintf(sync, sizeof sync, "%s/sync", dir);
        if (fq_app_sync_open(stores[k], photos, sync, &devs[k]))
            die("device", fq_app_sync_errmsg(devs[k]));
    }
    /* the days alternate, so a burst of load elsewhere hits both */
    for (int r = 0; r < runs; r++)
        for (int k = 0; k < 2; k++) {
            snprintf(dir, sizeof dir, "%s/day%d", argv[1], k);
            one_run(dir, stores[k], devs[k], &days[k]);
        }
    for (int k = 0; k < 2; k++)
        print_day(day_names[k], &days[k]);

    /* an unchanged re-export and a re-import of what the office holds (stored-photo day) */
    fq_app_sync_export_result again;
    double t0 = now_s();
    if (fq_app_sync_export(devs[1], &again))
        die("re-export", fq_app_sync_errmsg(devs[1]));
    double t_reexport = now_s() - t0;
    char office[1300];
    snprintf(office, sizeof office, "%s/day1/office.db", argv[1]);
    fq_office *off = NULL;
    if (fq_office_open(office, &off))
        die("office", fq_office_errmsg(off));
    fq_office_import_result im;
    t0 = now_s();
    if (fq_office_import(off, days[1].ex.path, NULL, &im))
        die("re-import", fq_office_errmsg(off));
    double t_reimport = now_s() - t0;
    fq_office_close(off);

    /* SHA-256 throughput over the bundle's bytes in memory, against coreutils' sha256sum on
     * the same file from the page cache (its own portable C) */
    size_t blen = 0;
    unsigned char *bbytes = read_all(days[0].ex.path, &blen);
    if (!bbytes)
        die("read", days[0].ex.path);
    double t_hash = 1e9, t_sum = 1e9;
    for (int r = 0; r < 3; r++) {
        char hex[65];
        t0 = now_s();
        fq_core_sha256_hex(bbytes, blen, hex);
        double t = now_s() - t0;
        t_hash = t < t_hash ? t : t_hash;
        snprintf(cmd, sizeof cmd, "sha256sum '%s' >/dev/null", days[0].ex.path);
        t0 = now_s();
        run(cmd);
        t = now_s() - t0;
        t_sum = t < t_sum ? t : t_sum;
    }
    free(bbytes);
    printf("  unchanged re-export  %7.4f s  (%s)\n", t_reexport,
           again.unchanged ? "kept the existing bundle" : "rewritten");
    printf("  re-import (no-op)    %7.4f s  (%s)\n", t_reimport,
           im.already ? "recognised as imported" : "imported again");
    printf("  SHA-256              %7.0f MB/s (%.2f x coreutils sha256sum at %.0f MB/s)\n",
           (double)blen / 1e6 / t_hash, t_sum / t_hash, (double)blen / 1e6 / t_sum);
    for (int k = 0; k < 2; k++) {
        fq_app_sync_close(devs[k]);
        fq_store_close(stores[k]);
    }
    fq_media_free(media);
    for (int i = 0; i < n_names; i++)
        free(names[i]);
    return 0;
}
