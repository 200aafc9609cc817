/* SHA-256 through libcrypto's SHA256_* functions: the same block code EVP uses (with SHA-NI /
 * ARMv8 crypto extensions chosen at run time), but with the state in the caller's struct, so
 * init cannot fail and an abandoned hash leaks nothing. OpenSSL 3 marks these deprecated in
 * favour of EVP, whose context must be allocated and freed; they remain in 3.x. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "core/sha256.h"

#include <openssl/sha.h>
#include <stdalign.h>

_Static_assert(sizeof(SHA256_CTX) <= sizeof(((fq_core_sha256 *)0)->ctx.bytes),
               "fq_core_sha256 too small for SHA256_CTX");
_Static_assert(alignof(SHA256_CTX) <= alignof(uint64_t), "SHA256_CTX alignment");

static SHA256_CTX *state(fq_core_sha256 *h)
{
    return (SHA256_CTX *)(void *)h->ctx.bytes;
}

void fq_core_sha256_init(fq_core_sha256 *ctx)
{
    SHA256_Init(state(ctx));
}

void fq_core_sha256_update(fq_core_sha256 *ctx, const void *data, size_t len)
{
    if (len)
        SHA256_Update(state(ctx), data, len);
}

void fq_core_sha256_final(fq_core_sha256 *ctx, unsigned char out[32])
{
    SHA256_Final(out, state(ctx));
}

void fq_core_sha256_final_hex(fq_core_sha256 *ctx, char out[FQ_CORE_SHA256_HEX_LEN])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char digest[32];
    fq_core_sha256_final(ctx, digest);
    for (int i = 0; i < 32; i++) {
        out[i * 2] = hex[digest[i] >> 4];
        out[i * 2 + 1] = hex[digest[i] & 15];
    }
    out[64] = '\0';
}

void fq_core_sha256_hex(const void *data, size_t len, char out[FQ_CORE_SHA256_HEX_LEN])
{
    fq_core_sha256 ctx;
    fq_core_sha256_init(&ctx);
    fq_core_sha256_update(&ctx, data, len);
    fq_core_sha256_final_hex(&ctx, out);
}

int fq_core_sha256_hex_valid(const char *s)
{
    if (!s)
        return 0;
    for (int i = 0; i < 64; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return s[64] == '\0';
}
