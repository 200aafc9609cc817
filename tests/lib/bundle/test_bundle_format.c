/* The bundle format version and what it covers. A reader refuses records of tables it does
 * not know, so the record list (every entity table and its columns, in order, with types) is
 * part of the format: its fingerprint is pinned here per version, and changing the list
 * without bumping FQ_BUNDLE_FORMAT_VERSION (and pinning the new fingerprint) fails. A bundle
 * of a newer version is refused as newer, with a message that says so. */
#include "harness.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "bundle_internal.h" /* fq_bundle_pages_stamp: re-seal an edited bundle */
#include "core/model_fields.h"
#include "core/sha256.h"

/* Fingerprint of the record list of format version N, in version order. Append a line when
 * the list changes, together with FQ_BUNDLE_FORMAT_VERSION + 1. */
static const char *const pinned[] = {
    /* 1 */ "e1cb65683e61f5377a37b6e3bd67471f594f2bf7b5732473987d6a51af082acb",
    /* 2: signatures (signer_key, signature, skipped_to_seq); visits.result_revision; I/U
     * records carry "_base" and "_changed" (issue 11) */
    /* 2 */ "c1a0cba446815fe5a3dd326507ea74c48191d7607c1ce379ab09aaec31d005df",
    /* 3: orders.aql_standard, aql_plans.standard (issue 19) */
    /* 3 */ "29879058c05d1817ca02c6f74c22f140db2d1876abe14a9d3c84b69346dc3a28",
    /* 4: evidence (issue 12): orders.carton_barcode, checklist_items.fail_evidence,
     * issues.owner and due_utc, signoffs.refused, reason, superseded_utc and
     * superseded_reason, the approvals table; Yes/No answers tri-state (schema v7) */
    /* 4 */ "0a57d2162d7da4508a425904a40060716d2789fa475a2ed1a8006b0ad7916cb4",
    /* 5: meas_specs, meas_readings, site_tests (issue 20, schema v8) */
    /* 5 */ "c697dd8585e982d7b22415532e1d37aaa809362959f6732177a7b56c136b5dab",
    /* 6: the record list did not change; the manifest's acked_receipt (issue 18) */
    /* 6 */ "c697dd8585e982d7b22415532e1d37aaa809362959f6732177a7b56c136b5dab",
};

static void record_list_fingerprint(char out[FQ_HASH_LEN])
{
    fq_core_sha256 h;
    fq_core_sha256_init(&h);
    size_t n_meta = 0;
    const fq_field *meta = fq_meta_fields(&n_meta);
    char line[256];
    for (int i = 0; i < FQ_ENT_COUNT; i++) {
        const fq_entity *e = fq_entity_get((fq_entity_id)i);
        int n = snprintf(line, sizeof line, "table %s\n", e->table);
        fq_core_sha256_update(&h, line, (size_t)n);
        for (size_t k = 0; k < n_meta + e->n_fields; k++) {
            const fq_field *f = k < n_meta ? &meta[k] : &e->fields[k - n_meta];
            n = snprintf(line, sizeof line, "  %s %d\n", f->column, (int)f->type);
            fq_core_sha256_update(&h, line, (size_t)n);
        }
    }
    fq_core_sha256_final_hex(&h, out);
}

static void test_record_list_is_pinned_to_the_version(void **state)
{
    (void)state;
    char now[FQ_HASH_LEN];
    record_list_fingerprint(now);
    int n_pinned = (int)(sizeof pinned / sizeof pinned[0]);
    if (n_pinned != FQ_BUNDLE_FORMAT_VERSION)
        fail_msg("FQ_BUNDLE_FORMAT_VERSION is %d but %d record lists are pinned: pin the "
                 "record list of the new version (%s)", FQ_BUNDLE_FORMAT_VERSION, n_pinned, now);
    if (strcmp(pinned[FQ_BUNDLE_FORMAT_VERSION - 1], now) != 0)
        fail_msg("the record list changed (fingerprint %s) but the bundle format version is "
                 "still %d: bump FQ_BUNDLE_FORMAT_VERSION in lib/bundle/bundle.h and pin this "
                 "fingerprint as the next version here", now, FQ_BUNDLE_FORMAT_VERSION);
}

static void write_bundle(const char *path)
{
    fq_bundle_info info;
    memset(&info, 0, sizeof info);
    info.kind = FQ_BUNDLE_CHANGES;
    snprintf(info.device_id, sizeof info.device_id, "tablet-7");
    info.after_seq = 0;
    info.to_seq = 1;
    info.created_utc = 1795219200;
    char seed[FQ_BUNDLE_SEED_HEX_LEN];
    fq_bundle_key key;
    assert_int_equal(fq_bundle_key_generate(seed), FQ_OK);
    assert_int_equal(fq_bundle_key_from_seed(seed, &key), FQ_OK);
    fq_bundle_writer *w = NULL;
    assert_int_equal(fq_bundle_writer_new(path, &info, &key, &w), FQ_OK);
    fq_bundle_key_wipe(&key);
    fq_change c = {1, "orders", "11111111-1111-4111-8111-111111111111", 1, 'I', 1795219200,
                   "{\"uuid\":\"11111111-1111-4111-8111-111111111111\",\"revision\":1}"};
    if (fq_bundle_writer_add_record(w, &c))
        fail_msg("add: %s", fq_bundle_writer_errmsg(w));
    if (fq_bundle_writer_finish(w, NULL))
        fail_msg("finish: %s", fq_bundle_writer_errmsg(w));
    fq_bundle_writer_free(w);
}

/* Makes the bundle claim format version v in the header and the manifest, re-sealed. */
static void claim_version(const char *path, int v)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char sql[160];
    snprintf(sql, sizeof sql,
             "PRAGMA user_version = %d; UPDATE manifest SET value = '%d'"
             " WHERE key = 'format_version';", v, v);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    char err[256];
    assert_int_equal(fq_bundle_pages_stamp(fd, err, sizeof err), FQ_OK);
    close(fd);
}

static void test_newer_format_is_refused_as_newer(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "newer.fqb");
    write_bundle(path);
    fq_bundle *b = NULL;
    if (fq_bundle_open(path, NULL, &b) != FQ_OK) /* as written: fine */
        fail_msg("fresh bundle: %s", fq_bundle_errmsg(b));
    fq_bundle_close(b);
    claim_version(path, FQ_BUNDLE_FORMAT_VERSION + 1);
    b = NULL;
    assert_int_equal(fq_bundle_open(path, NULL, &b), FQ_ERR_VERSION);
    const char *msg = fq_bundle_errmsg(b);
    if (!strstr(msg, "newer") || !strstr(msg, "update fieldqc"))
        fail_msg("a newer bundle should say so: '%s'", msg);
    fq_bundle_close(b);
    fq_bundle_info info;
    assert_int_equal(fq_bundle_peek(path, NULL, &info), FQ_ERR_VERSION);
}

/* Version 1 bundles carry no signature: refused as older, telling where to update. */
static void test_unsigned_older_format_is_refused_as_older(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "older.fqb");
    write_bundle(path);
    claim_version(path, 1);
    fq_bundle *b = NULL;
    assert_int_equal(fq_bundle_open(path, NULL, &b), FQ_ERR_VERSION);
    const char *msg = fq_bundle_errmsg(b);
    if (!strstr(msg, "older") || !strstr(msg, "not signed"))
        fail_msg("an unsigned version 1 bundle should say so: '%s'", msg);
    fq_bundle_close(b);
}

/* Version 2 bundles are signed but carry the older record list: refused as older, without
 * claiming they are unsigned. */
static void test_signed_older_format_is_refused_as_older(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "older2.fqb");
    write_bundle(path);
    claim_version(path, 2);
    fq_bundle *b = NULL;
    assert_int_equal(fq_bundle_open(path, NULL, &b), FQ_ERR_VERSION);
    const char *msg = fq_bundle_errmsg(b);
    if (!strstr(msg, "older") || strstr(msg, "not signed") || !strstr(msg, "update fieldqc"))
        fail_msg("a version 2 bundle should be refused as older: '%s'", msg);
    fq_bundle_close(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_list_is_pinned_to_the_version),
        cmocka_unit_test(test_newer_format_is_refused_as_newer),
        cmocka_unit_test(test_unsigned_older_format_is_refused_as_older),
        cmocka_unit_test(test_signed_older_format_is_refused_as_older),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
