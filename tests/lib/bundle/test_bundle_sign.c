/* Bundle signatures (FORMAT.md "Signatures"): a bundle verifies only with the signature of
 * the key it names over its content hash. Edited content with every checksum recomputed
 * (page checksums, record CRC, content hash) is refused as not trusted; a bundle re-signed
 * by another key opens and names that key (accepting it is the caller's policy); the
 * signature and signer fields are required; a range may not run past its last record;
 * fingerprints are stable and typed loosely; a writer without a key writes nothing. */
#include "harness.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "bundle_internal.h" /* page stamps, content hash, signing: to forge like an attacker */

static void make_key(fq_bundle_key *out)
{
    char seed[FQ_BUNDLE_SEED_HEX_LEN];
    assert_int_equal(fq_bundle_key_generate(seed), FQ_OK);
    assert_int_equal(fq_bundle_key_from_seed(seed, out), FQ_OK);
}

static void write_changes(const char *path, const fq_bundle_key *key, int64_t to_seq,
                          fq_bundle_info *out_info)
{
    fq_bundle_info info;
    memset(&info, 0, sizeof info);
    info.kind = FQ_BUNDLE_CHANGES;
    snprintf(info.device_id, sizeof info.device_id, "tablet-9");
    info.to_seq = to_seq;
    info.created_utc = 1795219200;
    fq_bundle_writer *w = NULL;
    assert_int_equal(fq_bundle_writer_new(path, &info, key, &w), FQ_OK);
    fq_change c = {2,
                   "signoffs",
                   "22222222-2222-4222-8222-222222222222",
                   3,
                   'U',
                   1795219200,
                   "{\"uuid\":\"22222222-2222-4222-8222-222222222222\",\"revision\":3,"
                   "\"verdict\":1}"};
    assert_int_equal(fq_bundle_writer_add_record(w, &c), FQ_OK);
    fq_err e = fq_bundle_writer_finish(w, out_info);
    if (e)
        fail_msg("finish: %s", fq_bundle_writer_errmsg(w));
    fq_bundle_writer_free(w);
}

/* Runs sql on the bundle, then recomputes the record CRCs, the content hash (and, with
 * resign, the signature by `as` and its signer_key) and the page checksums: everything a
 * forger without the original key can redo. */
static void forge(const char *path, const char *sql, const fq_bundle_key *as)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("forge sql: %s", msg);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT seq, tbl, uuid, revision, op, at_utc, data"
                                        " FROM records",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        uint32_t crc = fq_bundle_record_crc(
            (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
            sqlite3_column_int64(st, 3), (char)sqlite3_column_text(st, 4)[0],
            sqlite3_column_int64(st, 5), (const char *)sqlite3_column_text(st, 6));
        char upd[160];
        snprintf(upd, sizeof upd, "UPDATE records SET crc32 = %lu WHERE seq = %lld",
                 (unsigned long)crc, (long long)sqlite3_column_int64(st, 0));
        assert_int_equal(sqlite3_exec(db, upd, NULL, NULL, NULL), SQLITE_OK);
    }
    sqlite3_finalize(st);
    char upd[400], hash[FQ_HASH_LEN], err[256];
    if (as) {
        snprintf(upd, sizeof upd, "UPDATE manifest SET value = '%s' WHERE key = 'signer_key'",
                 as->public_hex);
        assert_int_equal(sqlite3_exec(db, upd, NULL, NULL, NULL), SQLITE_OK);
    }
    assert_int_equal(fq_bundle_content_hash(db, hash, err, sizeof err), FQ_OK);
    snprintf(upd, sizeof upd, "UPDATE manifest SET value = '%s' WHERE key = 'content_sha256'",
             hash);
    assert_int_equal(sqlite3_exec(db, upd, NULL, NULL, NULL), SQLITE_OK);
    if (as) {
        char sig[FQ_BUNDLE_SIG_HEX_LEN];
        assert_int_equal(fq_bundle_sign_hash(as, hash, sig), FQ_OK);
        snprintf(upd, sizeof upd, "UPDATE manifest SET value = '%s' WHERE key = 'signature'", sig);
        assert_int_equal(sqlite3_exec(db, upd, NULL, NULL, NULL), SQLITE_OK);
    }
    sqlite3_close(db);
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(fq_bundle_pages_stamp(fd, err, sizeof err), FQ_OK);
    close(fd);
}

static fq_err open_status(const char *path, char *msg, size_t msg_len, fq_bundle_info *out)
{
    fq_bundle *b = NULL;
    fq_err e = fq_bundle_open(path, NULL, &b);
    snprintf(msg, msg_len, "%s", fq_bundle_errmsg(b));
    if (!e && out)
        *out = *fq_bundle_get_info(b);
    fq_bundle_close(b);
    return e;
}

static void test_signed_bundle_names_its_signer(void **state)
{
    (void)state;
    fq_bundle_key key;
    make_key(&key);
    char path[1024], msg[FQ_BUNDLE_ERR_LEN];
    fq_test_path(path, sizeof path, "signed.fqb");
    fq_bundle_info written, read;
    write_changes(path, &key, 2, &written);
    assert_string_equal(written.signer_key, key.public_hex);
    assert_int_equal(strlen(written.signature), 128);
    if (open_status(path, msg, sizeof msg, &read))
        fail_msg("signed bundle: %s", msg);
    assert_string_equal(read.signer_key, key.public_hex);
    assert_string_equal(read.signature, written.signature);
    assert_string_equal(read.content_sha256, written.content_sha256);
    /* the software that wrote it is named (and signed): fieldqc/<project version> */
    assert_int_equal(strncmp(read.app_version, "fieldqc/", 8), 0);
    assert_true(strlen(read.app_version) > 8);
    assert_string_equal(read.app_version, written.app_version);
    fq_bundle_key_wipe(&key);
}

static void test_forged_content_is_not_trusted(void **state)
{
    (void)state;
    fq_bundle_key key, other;
    make_key(&key);
    make_key(&other);
    char path[1024], msg[FQ_BUNDLE_ERR_LEN];
    fq_test_path(path, sizeof path, "forged.fqb");
    fq_bundle_info info;

    /* the verdict flipped, every checksum recomputed, the old signature kept */
    write_changes(path, &key, 2, NULL);
    forge(path, "UPDATE records SET data = json_set(data, '$.verdict', 2)", NULL);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_UNTRUSTED);
    assert_non_null(strstr(msg, "signature"));
    fq_bundle_info peeked;
    assert_int_equal(fq_bundle_peek(path, NULL, &peeked), FQ_OK); /* peek never applies */

    /* the same, claiming another device: the device id is in the signed content */
    write_changes(path, &key, 2, NULL);
    forge(path, "UPDATE manifest SET value = 'tablet-1' WHERE key = 'device_id'", NULL);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_UNTRUSTED);

    /* re-signed by the forger's own key: intact, and it says whose key signed it */
    write_changes(path, &key, 2, NULL);
    forge(path, "UPDATE records SET data = json_set(data, '$.verdict', 2)", &other);
    if (open_status(path, msg, sizeof msg, &info))
        fail_msg("re-signed bundle should open: %s", msg);
    assert_string_equal(info.signer_key, other.public_hex);
    assert_string_not_equal(info.signer_key, key.public_hex);

    /* another key named, the original signature kept */
    write_changes(path, &key, 2, NULL);
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE manifest SET value = '%s' WHERE key = 'signer_key'",
             other.public_hex);
    forge(path, sql, NULL);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_UNTRUSTED);

    /* the app version is signed content too; an unreadable one is refused even re-signed */
    write_changes(path, &key, 2, NULL);
    forge(path, "UPDATE manifest SET value = 'fieldqc/9.9.9' WHERE key = 'app_version'", NULL);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_UNTRUSTED);
    write_changes(path, &key, 2, NULL);
    forge(path, "UPDATE manifest SET value = 'fieldqc 1' WHERE key = 'app_version'", &key);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_CORRUPT);
    assert_non_null(strstr(msg, "bad app_version"));
    write_changes(path, &key, 2, NULL);
    forge(path, "DELETE FROM manifest WHERE key = 'app_version'", &key);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_CORRUPT);
    assert_non_null(strstr(msg, "app_version missing"));

    /* no signature at all */
    write_changes(path, &key, 2, NULL);
    forge(path, "DELETE FROM manifest WHERE key = 'signature'", NULL);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_CORRUPT);
    assert_non_null(strstr(msg, "signature missing"));
    fq_bundle_key_wipe(&key);
    fq_bundle_key_wipe(&other);
}

/* A changes bundle names the newest receipt its device applied (issue 18): signed content,
 * a uuid or "" (none yet), never on a receipt or job pack, and required like every key. */
static void test_acked_receipt_is_signed_and_checked(void **state)
{
    (void)state;
    fq_bundle_key key;
    make_key(&key);
    char path[1024], msg[FQ_BUNDLE_ERR_LEN];
    fq_test_path(path, sizeof path, "acked.fqb");
    static const char rid[] = "33333333-3333-4333-8333-333333333333";
    fq_bundle_info info, read;
    memset(&info, 0, sizeof info);
    info.kind = FQ_BUNDLE_CHANGES;
    snprintf(info.device_id, sizeof info.device_id, "tablet-9");
    snprintf(info.acked_receipt, sizeof info.acked_receipt, "%s", rid);
    fq_bundle_writer *w = NULL;
    assert_int_equal(fq_bundle_writer_new(path, &info, &key, &w), FQ_OK);
    assert_int_equal(fq_bundle_writer_finish(w, NULL), FQ_OK);
    fq_bundle_writer_free(w);
    if (open_status(path, msg, sizeof msg, &read))
        fail_msg("bundle naming a receipt: %s", msg);
    assert_string_equal(read.acked_receipt, rid);

    /* none yet: "" */
    write_changes(path, &key, 2, NULL);
    assert_int_equal(open_status(path, msg, sizeof msg, &read), FQ_OK);
    assert_string_equal(read.acked_receipt, "");

    /* another receipt named, the device's signature kept */
    write_changes(path, &key, 2, NULL);
    forge(path, "UPDATE manifest SET value = '44444444-4444-4444-8444-444444444444'"
                " WHERE key = 'acked_receipt'", NULL);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_UNTRUSTED);
    /* not a uuid, missing, or on a receipt: refused even re-signed */
    write_changes(path, &key, 2, NULL);
    forge(path, "UPDATE manifest SET value = 'x' WHERE key = 'acked_receipt'", &key);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_CORRUPT);
    assert_non_null(strstr(msg, "bad acked_receipt"));
    write_changes(path, &key, 2, NULL);
    forge(path, "DELETE FROM manifest WHERE key = 'acked_receipt'", &key);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_CORRUPT);
    assert_non_null(strstr(msg, "acked_receipt missing"));
    memset(&info, 0, sizeof info);
    info.kind = FQ_BUNDLE_RECEIPT;
    snprintf(info.device_id, sizeof info.device_id, "tablet-9");
    assert_int_equal(fq_bundle_writer_new(path, &info, &key, &w), FQ_OK);
    assert_int_equal(fq_bundle_writer_finish(w, NULL), FQ_OK);
    fq_bundle_writer_free(w);
    forge(path, "UPDATE manifest SET value = '33333333-3333-4333-8333-333333333333'"
                " WHERE key = 'acked_receipt'", &key);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_CORRUPT);
    assert_non_null(strstr(msg, "names an acked receipt"));
    /* and the writer will not write one */
    snprintf(info.acked_receipt, sizeof info.acked_receipt, "%s", rid);
    w = NULL;
    assert_int_equal(fq_bundle_writer_new(path, &info, &key, &w), FQ_ERR_INVALID);
    fq_bundle_writer_free(w);
    fq_bundle_key_wipe(&key);
}

/* A range is what the bundle carries: one running past its last change (the range that
 * locked a device out of receipts) is refused, even with a valid signature. */
static void test_range_past_last_record_is_refused(void **state)
{
    (void)state;
    fq_bundle_key key;
    make_key(&key);
    char path[1024], msg[FQ_BUNDLE_ERR_LEN];
    fq_test_path(path, sizeof path, "range.fqb");
    write_changes(path, &key, 2, NULL);
    forge(path, "UPDATE manifest SET value = '1000000' WHERE key = 'to_seq'", &key);
    assert_int_equal(open_status(path, msg, sizeof msg, NULL), FQ_ERR_CORRUPT);
    assert_non_null(strstr(msg, "range ends at 1000000"));
    /* and the writer refuses to write one */
    fq_bundle_info info;
    memset(&info, 0, sizeof info);
    info.kind = FQ_BUNDLE_CHANGES;
    snprintf(info.device_id, sizeof info.device_id, "tablet-9");
    info.to_seq = 1000000;
    fq_bundle_writer *w = NULL;
    assert_int_equal(fq_bundle_writer_new(path, &info, &key, &w), FQ_OK);
    assert_int_equal(fq_bundle_writer_finish(w, NULL), FQ_ERR_INVALID);
    fq_bundle_writer_free(w);
    fq_bundle_key_wipe(&key);
}

static void test_unsigned_writer_is_refused(void **state)
{
    (void)state;
    char path[1024];
    fq_test_path(path, sizeof path, "nokey.fqb");
    fq_bundle_info info;
    memset(&info, 0, sizeof info);
    info.kind = FQ_BUNDLE_RECEIPT;
    snprintf(info.device_id, sizeof info.device_id, "tablet-9");
    fq_bundle_writer *w = NULL;
    assert_int_equal(fq_bundle_writer_new(path, &info, NULL, &w), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_bundle_writer_errmsg(w), "signed"));
    fq_bundle_writer_free(w);
    assert_int_not_equal(access(path, F_OK), 0);
}

static void test_fingerprints(void **state)
{
    (void)state;
    /* the seed of all zero bytes gives a fixed key: its fingerprint is pinned here */
    char zero[FQ_BUNDLE_SEED_HEX_LEN];
    memset(zero, '0', 64);
    zero[64] = '\0';
    fq_bundle_key key;
    assert_int_equal(fq_bundle_key_from_seed(zero, &key), FQ_OK);
    assert_string_equal(key.public_hex,
                        "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29");
    char fp[FQ_BUNDLE_FINGERPRINT_LEN];
    assert_int_equal(fq_bundle_fingerprint(key.public_hex, fp), FQ_OK);
    assert_string_equal(fp, "139E-3940-E64B-5491"); /* FORMAT.md's example computation */
    assert_true(fq_bundle_fingerprint_matches(key.public_hex, fp));
    char typed[40];
    snprintf(typed, sizeof typed, "%.4s %.4s%.4s-%.4s", fp, fp + 5, fp + 10, fp + 15);
    for (char *p = typed; *p; p++)
        if (*p >= 'A' && *p <= 'F')
            *p = (char)(*p - 'A' + 'a');
    assert_true(fq_bundle_fingerprint_matches(key.public_hex, typed));
    typed[strlen(typed) - 1] = '\0';
    assert_false(fq_bundle_fingerprint_matches(key.public_hex, typed)); /* a digit short */
    assert_false(fq_bundle_fingerprint_matches(key.public_hex, ""));
    assert_int_equal(fq_bundle_fingerprint("not a key", fp), FQ_ERR_INVALID);
    assert_string_equal(fp, "");
    assert_int_equal(fq_bundle_key_from_seed("00", &key), FQ_ERR_CORRUPT);
    fq_bundle_key_wipe(&key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signed_bundle_names_its_signer),
        cmocka_unit_test(test_forged_content_is_not_trusted),
        cmocka_unit_test(test_acked_receipt_is_signed_and_checked),
        cmocka_unit_test(test_range_past_last_record_is_refused),
        cmocka_unit_test(test_unsigned_writer_is_refused),
        cmocka_unit_test(test_fingerprints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
