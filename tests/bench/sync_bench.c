/* Sync bench (figures, no assertions): a device database with 2,000 records and 200 photos
 * (real test photos when available, else 150-250 KB of JPEG-like bytes), timed: export
 * (signed), office import (verify, signature included, + apply), `cp` of the same bundle on
 * the same disk (the floor: ratio = ours / cp), and an unchanged re-export. Usage:
 * sync_bench TMPDIR [PHOTO_DIR]. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bundle/bundle.h"
#include "fsio/fsio.h"
#include "services/sync.h"
#include "core/sha256.h"
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

/* Photo i: a real photo with its last bytes varied (so 200 distinct hashes), or synthetic. */
static unsigned char *photo_bytes(int i, const char *photo_dir, char **names, int n_names,
                                  size_t *len)
{
    unsigned char *data = NULL;
    if (n_names) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", photo_dir, names[i % n_names]);
        data = read_all(path, len);
    }
    if (!data) {
        *len = 150000 + (size_t)(i % 5) * 25000;
        data = malloc(*len);
        uint32_t x = 2463534242u + (uint32_t)i;
        for (size_t k = 0; k < *len; k++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            data[k] = (unsigned char)x;
        }
        data[0] = 0xFF, data[1] = 0xD8, data[2] = 0xFF;
    }
    data[*len - 3] = (unsigned char)i, data[*len - 4] = (unsigned char)(i >> 8);
    return data;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    char cmd[4096], db[1024], photos[1100], sync[1024], office[1024];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", argv[1], argv[1]);
    if (system(cmd))
        return 1;
    snprintf(db, sizeof db, "%s/device.db", argv[1]);
    snprintf(photos, sizeof photos, "%s.photos", db);
    snprintf(sync, sizeof sync, "%s/sync", argv[1]);
    snprintf(office, sizeof office, "%s/office.db", argv[1]);
    char *names[64];
    int n_names = 0;
    DIR *d = argc > 2 ? opendir(argv[2]) : NULL;
    struct dirent *ent;
    while (d && (ent = readdir(d)) && n_names < 64)
        if (strstr(ent->d_name, ".jpg"))
            names[n_names++] = strdup(ent->d_name);
    if (d)
        closedir(d);

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
        unsigned char *data = photo_bytes(i, argc > 2 ? argv[2] : "", names, n_names, &len);
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
        free(data);
    }
    if (fq_store_commit(st))
        die("commit", fq_store_errmsg(st));

    fq_app_sync *dev = NULL;
    if (fq_app_sync_open(st, photos, sync, &dev))
        die("device", fq_app_sync_errmsg(dev));
    fq_app_sync_export_result ex, again;
    double t0 = now_s();
    if (fq_app_sync_export(dev, &ex))
        die("export", fq_app_sync_errmsg(dev));
    double t_export = now_s() - t0;
    t0 = now_s();
    if (fq_app_sync_export(dev, &again))
        die("re-export", fq_app_sync_errmsg(dev));
    double t_reexport = now_s() - t0;

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
    if (fq_office_import(off, ex.path, NULL, &im))
        die("import", fq_office_errmsg(off));
    double t_import = now_s() - t0;
    t0 = now_s();
    if (fq_office_import(off, ex.path, NULL, &im))
        die("re-import", fq_office_errmsg(off));
    double t_reimport = now_s() - t0;
    fq_office_close(off);

    snprintf(cmd, sizeof cmd, "cp '%s' '%s/copy.fqb' && sync", ex.path, argv[1]);
    t0 = now_s();
    if (system(cmd))
        die("cp", "failed");
    double t_cp = now_s() - t0;

    /* SHA-256 throughput over the bundle's bytes in memory, against coreutils' sha256sum on
     * the same file from the page cache (its own portable C) */
    size_t blen = 0;
    char bpath[1300];
    snprintf(bpath, sizeof bpath, "%s/copy.fqb", argv[1]);
    unsigned char *bbytes = read_all(bpath, &blen);
    if (!bbytes)
        die("read", bpath);
    double t_hash = 1e9, t_sum = 1e9;
    for (int r = 0; r < 3; r++) {
        char hex[65];
        t0 = now_s();
        fq_core_sha256_hex(bbytes, blen, hex);
        double t = now_s() - t0;
        t_hash = t < t_hash ? t : t_hash;
        snprintf(cmd, sizeof cmd, "sha256sum '%s' >/dev/null", bpath);
        t0 = now_s();
        if (system(cmd))
            die("sha256sum", "failed");
        t = now_s() - t0;
        t_sum = t < t_sum ? t : t_sum;
    }
    free(bbytes);

    printf("sync bench: %lld records, %lld photos (%.1f MB of photos%s), bundle %.1f MB\n",
           (long long)ex.n_records, (long long)ex.n_photos, (double)photo_total / 1e6,
           n_names ? ", real JPEGs" : ", synthetic", (double)ex.bytes / 1e6);
    printf("  export              %8.3f s  (%.2f x cp)\n", t_export, t_export / t_cp);
    printf("  import (verify+apply)%7.3f s  (%.2f x cp)\n", t_import, t_import / t_cp);
    printf("  cp + sync same bytes %7.3f s\n", t_cp);
    printf("  unchanged re-export %8.4f s  (%s)\n", t_reexport,
           again.unchanged ? "kept the existing bundle" : "rewritten");
    printf("  re-import (no-op)   %8.3f s  (verify only)\n", t_reimport);
    printf("  SHA-256             %8.0f MB/s (%.2f x coreutils sha256sum at %.0f MB/s)\n",
           (double)blen / 1e6 / t_hash, t_sum / t_hash, (double)blen / 1e6 / t_sum);
    fq_app_sync_close(dev);
    fq_store_close(st);
    for (int i = 0; i < n_names; i++)
        free(names[i]);
    return 0;
}
