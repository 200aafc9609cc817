/* Writes seed bundles for fuzz_bundle into DIR: a changes bundle with records and two photos
 * (one compressed) and a receipt, signed like every bundle (by a key made for the run: the
 * fuzz build skips the signature check, as it skips the checksums). */
#include <stdio.h>
#include <string.h>

#include "bundle/bundle.h"
#include "core/sha256.h"

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    char path[1024], seed[FQ_BUNDLE_SEED_HEX_LEN];
    fq_bundle_key key;
    if (fq_bundle_key_generate(seed) || fq_bundle_key_from_seed(seed, &key))
        return 1;
    fq_bundle_info info;
    memset(&info, 0, sizeof info);
    snprintf(info.device_id, sizeof info.device_id, "tab-seed");
    info.to_seq = 3;
    snprintf(info.acked_receipt, sizeof info.acked_receipt,
             "33333333-3333-4333-8333-333333333333");
    snprintf(path, sizeof path, "%s/changes.fqb", argv[1]);
    fq_bundle_writer *w = NULL;
    if (fq_bundle_writer_new(path, &info, &key, &w))
        return 1;
    const char *json = "{\"uuid\":\"11111111-1111-4111-8111-111111111111\",\"revision\":1,"
                       "\"po_number\":\"PO-1\"}";
    fq_change c = {1, "orders", "11111111-1111-4111-8111-111111111111", 1, 'I', 5, json};
    fq_bundle_writer_add_record(w, &c);
    fq_change d = {3, "orders", "11111111-1111-4111-8111-111111111111", 2, 'D', 6, NULL};
    fq_bundle_writer_add_record(w, &d);
    unsigned char jpeg[300], text[400];
    for (size_t i = 0; i < sizeof jpeg; i++)
        jpeg[i] = (unsigned char)(i * 7);
    jpeg[0] = 0xFF, jpeg[1] = 0xD8, jpeg[2] = 0xFF;
    memset(text, 'a', sizeof text);
    char sha[65];
    fq_core_sha256_hex(jpeg, sizeof jpeg, sha);
    fq_bundle_writer_add_photo(w, sha, jpeg, sizeof jpeg);
    fq_core_sha256_hex(text, sizeof text, sha);
    fq_bundle_writer_add_photo(w, sha, text, sizeof text);
    if (fq_bundle_writer_finish(w, NULL))
        return 1;
    fq_bundle_writer_free(w);
    info.kind = FQ_BUNDLE_RECEIPT;
    info.acked_receipt[0] = '\0'; /* a device's statement only */
    info.to_seq = 0;
    info.acked_seq = 3;
    snprintf(path, sizeof path, "%s/receipt.fqb", argv[1]);
    if (fq_bundle_writer_new(path, &info, &key, &w))
        return 1;
    fq_bundle_writer_add_ack(w, sha);
    if (fq_bundle_writer_finish(w, NULL))
        return 1;
    fq_bundle_writer_free(w);
    fq_bundle_key_wipe(&key);
    return 0;
}
