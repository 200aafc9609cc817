/* Test fixtures for sync (see sync_fixture.h). */
#include "sync_fixture.h"

#include "harness.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <turbojpeg.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "fsio/fsio.h"
#include "services/sync.h"
#include "office/pg/pg.h"
#include "store/store_testing.h"
#include "core/aql.h"
#include "core/model_fields.h"
#include "core/sha256.h"

static const char *const real_photos[] = {"Dragonfly_by_Bolly.jpg", "Kleiber_by_Lukas_Baubkus.jpg",
                                          "life_by_Aitzol_Berasategi.jpg"};

void fx_small_jpeg(int seed, unsigned char **out, size_t *out_len)
{
    /* noise from the seed, so every seed is a different photo; a real JPEG, since the office
     * refuses photos that do not decode */
    enum { W = 48, H = 36 };
    unsigned char rgb[W * H * 3];
    uint32_t x = 2166136261u ^ (uint32_t)seed;
    for (size_t i = 0; i < sizeof rgb; i++) {
        x = x * 1103515245u + 12345u;
        rgb[i] = (unsigned char)(x >> 16);
    }
    tjhandle tj = tjInitCompress();
    assert_non_null(tj);
    unsigned char *jpeg = NULL;
    unsigned long len = 0;
    assert_int_equal(tjCompress2(tj, rgb, W, 0, H, TJPF_RGB, &jpeg, &len, TJSAMP_420, 90, 0), 0);
    *out = malloc(len);
    assert_non_null(*out);
    memcpy(*out, jpeg, len);
    *out_len = len;
    tjFree(jpeg);
    tjDestroy(tj);
}

void fx_device_add_photo(fx_device *d, int seed, const char *path)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (path) {
        assert_int_equal(fq_test_read_file(path, &data, &len), 0);
    } else {
        fx_small_jpeg(seed, &data, &len);
    }
    char sha[65], file[1300];
    fq_core_sha256_hex(data, len, sha);
    assert_int_equal(fq_fsio_photo_path(d->photo_dir, sha, file, sizeof file), FQ_OK);
    assert_int_equal(fq_fsio_write_atomic(file, data, len, NULL, NULL, 0), FQ_OK);
    fq_photo p;
    memset(&p, 0, sizeof p);
    strcpy(p.visit_uuid, d->visit_uuid);
    p.subject_kind = FQ_SUBJ_VISIT;
    strcpy(p.subject_uuid, d->visit_uuid);
    strcpy(p.sha256, sha);
    p.width = 640;
    p.height = 480;
    p.bytes = (int64_t)len;
    snprintf(p.caption, sizeof p.caption, "photo %d <b>of</b> the lot", seed);
    assert_int_equal(fq_store_put_photo(d->st, &p), FQ_OK);
    d->n_photos++;
    free(data);
}

void fx_device_add_finding(fx_device *d, const char *text)
{
    fq_finding f;
    memset(&f, 0, sizeof f);
    strcpy(f.visit_uuid, d->visit_uuid);
    snprintf(f.section, sizeof f.section, "Free");
    snprintf(f.text, sizeof f.text, "%s", text);
    f.result = FQ_RESULT_FAIL;
    f.severity = FQ_SEV_MINOR;
    assert_int_equal(fq_store_put_finding(d->st, &f), FQ_OK);
}

static void add_checklist(fq_store *st)
{
    static const char *const items[][2] = {{"Quantity", "Finished quantity matches the order"},
                                           {"Product", "Matches the approved sample"},
                                           {"Packing", "Shipping marks are correct"}};
    for (int i = 0; i < 3; i++) {
        fq_checklist_item c;
        memset(&c, 0, sizeof c);
        c.visit_type = FQ_VISIT_PRE_SHIPMENT;
        snprintf(c.checklist, sizeof c.checklist, "Pre-shipment");
        snprintf(c.section, sizeof c.section, "%s", items[i][0]);
        snprintf(c.text, sizeof c.text, "%s", items[i][1]);
        c.position = i;
        assert_int_equal(fq_store_put_checklist_item(st, &c), FQ_OK);
    }
}

static void add_visit_records(fx_device *d)
{
    fq_finding *fs = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(d->st, FQ_ENT_FINDING, "visit_uuid", d->visit_uuid, NULL,
                                   (void **)&fs, &n), FQ_OK);
    for (size_t i = 0; i < n; i++) {
        fs[i].result = i == 1 ? FQ_RESULT_FAIL : FQ_RESULT_PASS;
        if (i == 1) {
            fs[i].severity = FQ_SEV_MAJOR;
            snprintf(fs[i].note, sizeof fs[i].note,
                     "Glaze drips on 3 mugs <script>alert('x')</script> & \"quotes\"");
        }
        assert_int_equal(fq_store_put_finding(d->st, &fs[i]), FQ_OK);
    }
    free(fs);
    fq_defect df;
    memset(&df, 0, sizeof df);
    strcpy(df.visit_uuid, d->visit_uuid);
    snprintf(df.code, sizeof df.code, "WM-03");
    snprintf(df.description, sizeof df.description, "Glaze drip");
    df.severity = FQ_SEV_MAJOR;
    df.count = 3;
    assert_int_equal(fq_store_put_defect(d->st, &df), FQ_OK);
    /* the order is a Z1.4 one: 3 majors on a reduced plan of 2/5 (L at 1.0) accept the lot
     * and return to normal inspection (issue 19) */
    fq_aql_plan ap, *aps = NULL;
    size_t n_ap = 0;
    assert_int_equal(fq_store_list(d->st, FQ_ENT_AQL_PLAN, "visit_uuid", d->visit_uuid, NULL,
                                   (void **)&aps, &n_ap), FQ_OK);
    assert_int_equal(n_ap, 1); /* the visit came with its plan */
    ap = aps[0];
    free(aps);
    snprintf(ap.supplier, sizeof ap.supplier, "Ningbo Bright Housewares");
    snprintf(ap.product, sizeof ap.product, "Ceramic mug 350 ml");
    ap.standard = FQ_AQL_ANSI_Z14;
    ap.lot_size = 5000;
    ap.level = FQ_AQL_LEVEL_II;
    ap.mode = FQ_AQL_REDUCED;
    ap.aql_milli[0] = 4000;
    ap.aql_milli[1] = 1000;
    ap.aql_milli[2] = FQ_AQL_ZERO_TOLERANCE;
    ap.sampled = 80;
    ap.lot_result = FQ_AQL_LOT_ACCEPTED;
    assert_int_equal(fq_store_put(d->st, FQ_ENT_AQL_PLAN, &ap), FQ_OK);
    fq_carton c;
    memset(&c, 0, sizeof c);
    strcpy(c.visit_uuid, d->visit_uuid);
    snprintf(c.shipping_marks, sizeof c.shipping_marks, "PO-24117 / HAMBURG / MADE IN CHINA");
    c.qty_per_carton = 24;
    c.carton_count = 209;
    c.gross_g = 9800;
    c.net_g = 8400;
    c.length_mm = 420, c.width_mm = 300, c.height_mm = 280;
    snprintf(c.barcode, sizeof c.barcode, "4006381333931");
    c.origin_label = true;
    c.drop_test = FQ_DROP_PASS;
    assert_int_equal(fq_store_put_carton(d->st, &c), FQ_OK);
    fq_issue is;
    memset(&is, 0, sizeof is);
    strcpy(is.order_uuid, d->order_uuid);
    strcpy(is.visit_uuid, d->visit_uuid);
    snprintf(is.title, sizeof is.title, "Carton labels missing destination language");
    is.severity = FQ_SEV_MINOR;
    is.opened_utc = fq_store_now(d->st);
    assert_int_equal(fq_store_put_issue(d->st, &is), FQ_OK);
    fq_signoff so;
    memset(&so, 0, sizeof so);
    strcpy(so.visit_uuid, d->visit_uuid);
    snprintf(so.subject, sizeof so.subject, "Pre-shipment inspection result");
    snprintf(so.signer_name, sizeof so.signer_name, "Li Wei");
    so.role = FQ_ROLE_INSPECTOR;
    so.signed_utc = fq_store_now(d->st);
    so.verdict = FQ_VERDICT_FAIL;
    assert_int_equal(fq_store_put_signoff(d->st, &so), FQ_OK);
}

void fx_device_create(fx_device *d, const char *dir, const char *name, const char *device_id,
                      int n_photos, int real)
{
    memset(d, 0, sizeof *d);
    snprintf(d->db_path, sizeof d->db_path, "%s/%s.db", dir, name);
    snprintf(d->photo_dir, sizeof d->photo_dir, "%s.photos", d->db_path);
    snprintf(d->sync_dir, sizeof d->sync_dir, "%s/%s-sync", dir, name);
    remove(d->db_path);
    if (fq_store_open(d->db_path, &d->st))
        fail_msg("open %s: %s", d->db_path, fq_store_errmsg(d->st));
    assert_int_equal(fq_store_set_actor(d->st, device_id, "li.wei"), FQ_OK);
    add_checklist(d->st);
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "PO-%s", device_id);
    snprintf(o.buyer, sizeof o.buyer, "Northwind Home GmbH");
    snprintf(o.supplier, sizeof o.supplier, "Ningbo Bright Housewares");
    snprintf(o.factory, sizeof o.factory, "宁波明亮家居用品 Plant 2");
    snprintf(o.product, sizeof o.product, "Ceramic mug 350 ml");
    o.quantity = 5000;
    o.aql_standard = FQ_AQL_ANSI_Z14;
    assert_int_equal(fq_store_put_order(d->st, &o), FQ_OK);
    strcpy(d->order_uuid, o.meta.uuid);
    fq_visit v;
    memset(&v, 0, sizeof v);
    strcpy(v.order_uuid, o.meta.uuid);
    v.type = FQ_VISIT_PRE_SHIPMENT;
    snprintf(v.assigned_device, sizeof v.assigned_device, "%s", device_id);
    snprintf(v.inspector_name, sizeof v.inspector_name, "Li Wei");
    assert_int_equal(fq_store_create_visit(d->st, &v), FQ_OK);
    strcpy(d->visit_uuid, v.meta.uuid);
    add_visit_records(d);
    for (int i = 0; i < n_photos; i++) {
        const char *path = real ? fq_test_photo(real_photos[i % 3]) : NULL;
        fx_device_add_photo(d, i + 1000 * (int)strlen(device_id) + device_id[0], path);
    }
}

void fx_device_public_key(fx_device *d, char out[FQ_BUNDLE_KEY_HEX_LEN])
{
    fq_bundle_key key;
    char err[256];
    if (fq_app_sync_key_load(d->st, &key, err, sizeof err))
        fail_msg("device key: %s", err);
    memcpy(out, key.public_hex, FQ_BUNDLE_KEY_HEX_LEN);
    fq_bundle_key_wipe(&key);
}

void fx_enrol(fq_office *o, fx_device *d)
{
    char pub[FQ_BUNDLE_KEY_HEX_LEN];
    fx_device_public_key(d, pub);
    int changed = 0;
    if (fq_office_enrol(o, fq_store_device_id(d->st), pub, 0, &changed))
        fail_msg("enrol %s: %s", fq_store_device_id(d->st), fq_office_errmsg(o));
}

/* Each field of a record as text, NUL-terminated, into the digest. */
static void hash_record(fq_core_sha256 *sha, const fq_entity *e, const unsigned char *rec)
{
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    for (size_t i = 0; i < n_meta + e->n_fields; i++) {
        const fq_field *f = i < n_meta ? &meta[i] : &e->fields[i - n_meta];
        const unsigned char *p = rec + f->offset;
        char buf[64];
        const char *text = buf;
        int64_t v64;
        int32_t v32;
        bool b;
        switch (f->type) {
        case FQ_FIELD_TEXT: text = (const char *)p; break;
        case FQ_FIELD_I64: memcpy(&v64, p, sizeof v64); snprintf(buf, sizeof buf, "%lld", (long long)v64); break;
        case FQ_FIELD_I32: memcpy(&v32, p, sizeof v32); snprintf(buf, sizeof buf, "%d", (int)v32); break;
        case FQ_FIELD_BOOL: memcpy(&b, p, sizeof b); snprintf(buf, sizeof buf, "%d", b ? 1 : 0); break;
        }
        fq_core_sha256_update(sha, text, strnlen(text, f->type == FQ_FIELD_TEXT ? f->size : sizeof buf) + 1);
    }
}

static int by_uuid(const void *a, const void *b)
{
    return strcmp(((const fq_meta *)a)->uuid, ((const fq_meta *)b)->uuid);
}

typedef fq_err (*list_fn)(void *st, fq_entity_id ent, void **out, size_t *out_n);

static fq_err list_store(void *st, fq_entity_id ent, void **out, size_t *out_n)
{
    return fq_store_list(st, ent, NULL, NULL, NULL, out, out_n);
}

static fq_err list_ostore(void *st, fq_entity_id ent, void **out, size_t *out_n)
{
    return fq_ostore_list(st, ent, NULL, NULL, NULL, out, out_n);
}

static void digest(void *st, list_fn list, char out[65])
{
    fq_core_sha256 sha;
    fq_core_sha256_init(&sha);
    for (int i = 0; i < FQ_ENT_COUNT; i++) {
        const fq_entity *e = fq_entity_get((fq_entity_id)i);
        void *recs = NULL;
        size_t n = 0;
        assert_int_equal(list(st, (fq_entity_id)i, &recs, &n), FQ_OK);
        if (n)
            qsort(recs, n, e->record_size, by_uuid);
        for (size_t k = 0; k < n; k++)
            hash_record(&sha, e, (const unsigned char *)recs + k * e->record_size);
        free(recs);
    }
    fq_core_sha256_final_hex(&sha, out);
}

void fx_store_digest(fq_store *st, char out[65])
{
    digest(st, list_store, out);
}

void fx_ostore_digest(fq_ostore *st, char out[65])
{
    digest(st, list_ostore, out);
}

int64_t fx_store_count(fq_store *st, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(fq_store_db(st), sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
}

int64_t fx_ostore_count(fq_ostore *st, const char *table)
{
    int64_t n = -1;
    if (fq_ostore_count_rows(st, table, &n))
        fail_msg("count %s: %s", table, fq_ostore_errmsg(st));
    return n;
}

/* ---- the office's backend ---- */

#define FX_MAX_OFFICES 64

static struct {
    char dir[1024];
    char url[1400];
} offices[FX_MAX_OFFICES];
static int n_offices;

int fx_pg(void)
{
    const char *url = getenv("FIELDQC_TEST_PG_URL");
    return url && *url;
}

/* A database name of its own for dir: the test's folder hashed (names are at most 63 bytes). */
static void db_name_for(const char *dir, char out[32])
{
    char sha[65];
    fq_core_sha256_hex(dir, strlen(dir), sha);
    snprintf(out, 32, "fqt_%.24s", sha);
}

static void pg_create(const char *dir, char *url, size_t url_len)
{
    char name[32], err[512];
    db_name_for(dir, name);
#ifdef FQ_HAVE_PG
    if (fq_pg_create_database(getenv("FIELDQC_TEST_PG_URL"), name, 1, url, url_len, err,
                              sizeof err))
        fail_msg("PostgreSQL test database %s: %s", name, err);
#else
    /* an office built without libpq (the ARM cross builds): no _pg twins are registered */
    (void)url;
    (void)url_len;
    (void)err;
    fail_msg("PostgreSQL test database %s: fieldqc-office was built without libpq", name);
#endif
}

static void photos_of(const char *dir, char *out, size_t out_len)
{
    snprintf(out, out_len, "%s/office.db.photos", dir);
}

void fx_office_path(const char *dir, char *out, size_t out_len)
{
    if (!fx_pg()) {
        snprintf(out, out_len, "%s/office.db", dir);
        return;
    }
    char photos[1100];
    photos_of(dir, photos, sizeof photos);
    setenv("FIELDQC_PHOTOS", photos, 1);
    for (int i = 0; i < n_offices; i++)
        if (!strcmp(offices[i].dir, dir)) {
            snprintf(out, out_len, "%s", offices[i].url);
            return;
        }
    assert_true(n_offices < FX_MAX_OFFICES);
    snprintf(offices[n_offices].dir, sizeof offices[n_offices].dir, "%s", dir);
    pg_create(dir, offices[n_offices].url, sizeof offices[n_offices].url);
    snprintf(out, out_len, "%s", offices[n_offices].url);
    n_offices++;
}

void fx_office_reset(const char *dir)
{
    char cmd[3400], db[1400];
    fx_office_path(dir, db, sizeof db);
    if (fx_pg()) {
        pg_create(dir, db, sizeof db);
        snprintf(cmd, sizeof cmd, "rm -rf '%s/office.db.photos'", dir);
    } else {
        snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s-wal' '%s-shm' '%s.photos'", db, db, db, db);
    }
    assert_int_equal(system(cmd), 0);
}

fq_err fx_office_open(const char *db, fq_office **out)
{
    for (int i = 0; i < n_offices; i++)
        if (!strcmp(offices[i].url, db)) {
            char photos[1100];
            photos_of(offices[i].dir, photos, sizeof photos);
            return fq_office_open_with(db, photos, out);
        }
    return fq_office_open(db, out);
}

void fx_device_to_office(fx_device *d, const char *dir, char *office_db, size_t len)
{
    fq_app_sync *dev = NULL;
    if (fq_app_sync_open(d->st, d->photo_dir, d->sync_dir, &dev))
        fail_msg("device: %s", fq_app_sync_errmsg(dev));
    fq_app_sync_export_result ex;
    if (fq_app_sync_export(dev, &ex))
        fail_msg("export: %s", fq_app_sync_errmsg(dev));
    fq_app_sync_close(dev);
    fx_office_path(dir, office_db, len);
    fq_office *o = NULL;
    if (fx_office_open(office_db, &o))
        fail_msg("office: %s", o ? fq_office_errmsg(o) : "nomem");
    fx_enrol(o, d);
    fq_office_import_result r;
    if (fq_office_import(o, ex.path, NULL, &r))
        fail_msg("import: %s", fq_office_errmsg(o));
    fq_office_close(o);
}

int fx_run(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

int fx_serve_start(const char *office_bin, const char *db, const char *dir,
                   const char *const *extra, pid_t *out_pid)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        char log[1200];
        snprintf(log, sizeof log, "%s/serve.log", dir);
        if (!freopen(log, "a", stderr))
            _exit(126);
        const char *argv[32] = {office_bin, "serve", "--db", db, "--listen", "127.0.0.1:0"};
        int k = 6;
        for (int i = 0; extra && extra[i] && k < 31; i++)
            argv[k++] = extra[i];
        argv[k] = NULL;
        execv(office_bin, (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    char line[512];
    FILE *f = fdopen(fds[0], "r");
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    const char *p = strstr(line, "127.0.0.1:");
    assert_non_null(p);
    *out_pid = pid;
    return atoi(p + 10);
}

void fx_serve_stop(pid_t pid)
{
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
}

int fx_http_connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

int fx_http_exchange(int port, const char *raw, size_t raw_len, const char *file, char *out,
                     size_t out_len, int timeout_ms)
{
    int fd = fx_http_connect(port);
    size_t sent = 0;
    /* in slices, stopping as soon as the server answers (an early 413 closes the connection:
     * sending on would only reset it before the answer is read) */
    struct pollfd early = {fd, POLLIN, 0};
    int answered = 0;
    while (sent < raw_len && !answered) {
        size_t slice = raw_len - sent < 16384 ? raw_len - sent : 16384;
        ssize_t n = send(fd, raw + sent, slice, MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += (size_t)n;
        answered = poll(&early, 1, 0) > 0;
    }
    if (file && !answered) {
        FILE *f = fopen(file, "rb");
        char buf[16384];
        size_t n;
        while (f && !answered && (n = fread(buf, 1, sizeof buf, f)) > 0) {
            if (send(fd, buf, n, MSG_NOSIGNAL) < 0)
                break;
            answered = poll(&early, 1, 0) > 0;
        }
        if (f)
            fclose(f);
    }
    if (!answered)
        shutdown(fd, SHUT_WR);
    size_t got = 0;
    out[0] = '\0';
    struct pollfd p = {fd, POLLIN, 0};
    while (got + 1 < out_len && poll(&p, 1, timeout_ms) > 0) {
        ssize_t n = recv(fd, out + got, out_len - got - 1, 0);
        if (n <= 0)
            break;
        got += (size_t)n;
        out[got] = '\0';
    }
    close(fd);
    int status = 0;
    if (sscanf(out, "HTTP/1.%*d %d", &status) != 1)
        status = 0;
    return status;
}

int fx_count_files(const char *dir, const char *pattern)
{
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "find '%s' -type f -name '%s' 2>/dev/null | wc -l", dir, pattern);
    FILE *p = popen(cmd, "r");
    int n = -1;
    if (p) {
        if (fscanf(p, "%d", &n) != 1)
            n = -1;
        pclose(p);
    }
    return n;
}
