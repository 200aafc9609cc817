/* SHA-256 (FIPS 180-4) as a pure function of bytes, for identities and checksums that more
 * than one module needs: the sync bundle names and verifies photos by it, media names its
 * files by it, core derives stable ids from it. One implementation for every program:
 * OpenSSL's libcrypto, whose assembly uses the CPU's SHA extensions (x86 SHA-NI, ARMv8 crypto)
 * where present; photos are hashed on every import and export, so this is on the sync path.
 * No I/O, no allocation, not constant-time (it hashes photos, never secrets). */
#ifndef FQ_CORE_SHA256_H
#define FQ_CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define FQ_CORE_SHA256_HEX_LEN 65 /* 64 hex chars + NUL */

/* Room for libcrypto's SHA256_CTX (112 bytes in OpenSSL 3; sha256.c checks it fits), kept
 * opaque so callers hold a hash on the stack without OpenSSL's headers or an allocation. */
typedef struct fq_core_sha256 {
    union {
        uint64_t align;
        unsigned char bytes[128];
    } ctx;
} fq_core_sha256;

/* Starts a hash in ctx (non-NULL). */
void fq_core_sha256_init(fq_core_sha256 *ctx);

/* Adds len bytes (data may be NULL when len is 0). */
void fq_core_sha256_update(fq_core_sha256 *ctx, const void *data, size_t len);

/* Finishes the hash: writes 32 bytes to out. ctx must be re-initialised before reuse. */
void fq_core_sha256_final(fq_core_sha256 *ctx, unsigned char out[32]);

/* Finishes the hash as 64 lowercase hex chars + NUL into out (FQ_CORE_SHA256_HEX_LEN). */
void fq_core_sha256_final_hex(fq_core_sha256 *ctx, char out[FQ_CORE_SHA256_HEX_LEN]);

/* One-shot: hex SHA-256 of data into out. */
void fq_core_sha256_hex(const void *data, size_t len, char out[FQ_CORE_SHA256_HEX_LEN]);

/* True when s is exactly 64 lowercase hex chars. s may be NULL (false). */
int fq_core_sha256_hex_valid(const char *s);

#endif
