/* Test fixtures for sync: device databases with a visit's worth of records and photos,
 * and a digest of a database's domain tables to compare states. */
#ifndef FQ_TESTS_SYNC_FIXTURE_H
#define FQ_TESTS_SYNC_FIXTURE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bundle/bundle.h"
#include "office/office.h"
#include "store/store.h"

typedef struct fx_device {
    char db_path[1024];
    char photo_dir[1100];
    char sync_dir[1024];
    fq_store *st;
    char order_uuid[FQ_UUID_LEN];
    char visit_uuid[FQ_UUID_LEN];
    int n_photos;
} fx_device;

/* Creates a device database in dir/name.db (fresh) with device id `device_id`: checklist,
 * an order, a visit with findings, defects, production, carton, issue, sign-off and
 * n_photos photos (fake JPEG bytes, or real files from the shared test data when
 * real_photos). Leaves the store open in d->st. */
void fx_device_create(fx_device *d, const char *dir, const char *name, const char *device_id,
                      int n_photos, int real_photos);

/* A small real JPEG of noise from seed (each seed a different photo); *out malloc'd. */
void fx_small_jpeg(int seed, unsigned char **out, size_t *out_len);

/* Adds one photo (a small JPEG from `seed`, or a real file when path) to the visit. */
void fx_device_add_photo(fx_device *d, int seed, const char *path);

/* Adds a free finding with text. */
void fx_device_add_finding(fx_device *d, const char *text);

/* This device's public key (made on first use) into out. */
void fx_device_public_key(fx_device *d, char out[FQ_BUNDLE_KEY_HEX_LEN]);

/* Enrols the device d at office o with its key, as `fieldqc-office enrol` does. */
void fx_enrol(fq_office *o, fx_device *d);

/* SHA-256 hex over every record of every domain table (not the change log) in uuid order,
 * each field as text: the same digest for the same records in a device database (fq_store)
 * and an office store of either backend (fq_ostore). */
void fx_store_digest(fq_store *st, char out[65]);
void fx_ostore_digest(fq_ostore *st, char out[65]);
#define fx_db_digest(st, out)                                                                  \
    _Generic((st), fq_store *: fx_store_digest, fq_ostore *: fx_ostore_digest)(st, out)

/* Number of rows of table (a domain table, or an office table for fq_ostore). */
int64_t fx_store_count(fq_store *st, const char *table);
int64_t fx_ostore_count(fq_ostore *st, const char *table);
#define fx_count(st, table)                                                                    \
    _Generic((st), fq_store *: fx_store_count, fq_ostore *: fx_ostore_count)(st, table)

/* ---- the office's backend (issue 13): the suite runs on sqlite, and on PostgreSQL too
 * when FIELDQC_TEST_PG_URL names a server (the ctest fixture starts one) ---- */

/* 1 when the office tests run on PostgreSQL. */
int fx_pg(void);

/* Regular files under dir (any depth) whose name matches the find(1) pattern; 0 when dir
 * is missing, -1 when find cannot run. */
int fx_count_files(const char *dir, const char *pattern);

/* The office database of test folder dir into out: "<dir>/office.db", or on PostgreSQL the
 * URL of a database of its own for dir, created empty the first time this process asks (a
 * leftover of an earlier run is dropped). On PostgreSQL FIELDQC_PHOTOS is set to
 * "<dir>/office.db.photos", so the photos stay where the sqlite run puts them, also for the
 * fieldqc-office processes a test starts. */
void fx_office_path(const char *dir, char *out, size_t out_len);

/* Empties the office of dir: the database file (and its photos) removed, or the PostgreSQL
 * database dropped and created again (its photos removed). */
void fx_office_reset(const char *dir);

/* fq_office_open_with(db, the photo folder of the test folder db belongs to, out). */
fq_err fx_office_open(const char *db, fq_office **out);

/* Exports the device's records as a bundle and imports it into the office of dir (the device
 * enrolled first); office_db gets the office's database (a path or a PostgreSQL URL). */
void fx_device_to_office(fx_device *d, const char *dir, char *office_db, size_t len);

/* Runs a shell command made like printf; returns its exit status (-1: it did not exit). */
int fx_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- the office server (issue 13, 14) ---- */

/* Starts `office_bin serve --db db --listen 127.0.0.1:0 [extra...]` (extra NULL-terminated,
 * may be NULL) with its stderr in dir/serve.log; *out_pid gets the process, the return
 * value the port it listens on. */
int fx_serve_start(const char *office_bin, const char *db, const char *dir,
                   const char *const *extra, pid_t *out_pid);

/* Stops the server (SIGTERM, then waits). */
void fx_serve_stop(pid_t pid);

/* A TCP connection to 127.0.0.1:port (the test fails when there is none). */
int fx_http_connect(int port);

/* Sends raw bytes (then the file at `file`, when not NULL) to 127.0.0.1:port, stopping as soon
 * as the server answers, and reads the answer into out until the server closes or timeout_ms
 * passes; returns the HTTP status (0: no answer). */
int fx_http_exchange(int port, const char *raw, size_t raw_len, const char *file, char *out,
                     size_t out_len, int timeout_ms);

#endif
