/* Test fixtures for sync: device databases with a visit's worth of records and photos,
 * and a digest of a database's domain tables to compare states. */
#ifndef FQ_TESTS_SYNC_FIXTURE_H
#define FQ_TESTS_SYNC_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

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

/* SHA-256 hex over every row of every domain table (not the change log) in uuid order. */
void fx_db_digest(fq_store *st, char out[65]);

/* Number of rows of table. */
int64_t fx_count(fq_store *st, const char *table);

#endif
