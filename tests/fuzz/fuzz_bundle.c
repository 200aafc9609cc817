/* libFuzzer target for the bundle reader: the input is written to a file and opened with
 * fq_bundle_open (full verification), then every record, photo and ack is iterated. Built
 * with FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, which skips only the page checksums, the
 * content hash and the signature so mutations reach sqlite and the structural checks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bundle/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_record(void *ctx, const fq_change *c)
{
    (void)ctx;
    return c->uuid == NULL;
}

static int on_photo(void *ctx, const char *sha, const unsigned char *d, size_t len)
{
    (void)ctx;
    (void)sha;
    return len > 0 && d[0] == 0 && d[len - 1] == 1;
}

static int on_ack(void *ctx, const char *sha)
{
    (void)ctx;
    return sha == NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/fq-fuzz-bundle-%ld.fqb", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    fq_bundle_limits lim;
    fq_bundle_limits_default(&lim);
    lim.max_photo_bytes = 1 << 20;
    fq_bundle *b = NULL;
    if (fq_bundle_open(path, &lim, &b) == FQ_OK) {
        fq_bundle_each_record(b, on_record, NULL);
        fq_bundle_each_photo(b, on_photo, NULL);
        fq_bundle_each_ack(b, on_ack, NULL);
    }
    fq_bundle_close(b);
    return 0;
}
