/* Keys and signatures of bundles (FORMAT.md "Signatures"): Ed25519 key pairs from a saved
 * seed, the short fingerprint people compare, and the detached signature over a bundle's
 * content hash with its domain prefix. All cryptography is libsodium's; this file only
 * encodes (hex) and frames the signed message. Which key is acceptable is not decided here:
 * that is the device's and the office's policy. */
#include "bundle_internal.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* libsodium must be initialised before use; sodium_init is idempotent and thread-safe, so
 * every entry point asks for it instead of a global "done" flag. */
static int sodium_ready(void)
{
    return sodium_init() >= 0;
}

/* Exactly n lowercase hex digits (what we write; anything else is refused). */
static int lower_hex(const char *s, size_t n)
{
    if (!s || strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

static int from_hex(const char *hex, unsigned char *out, size_t out_len)
{
    size_t got = 0;
    return lower_hex(hex, out_len * 2) &&
           sodium_hex2bin(out, out_len, hex, out_len * 2, NULL, &got, NULL) == 0 && got == out_len;
}

fq_err fq_bundle_key_generate(char out_seed_hex[FQ_BUNDLE_SEED_HEX_LEN])
{
    if (!sodium_ready())
        return FQ_ERR_UNSUPPORTED;
    unsigned char seed[crypto_sign_SEEDBYTES];
    randombytes_buf(seed, sizeof seed);
    sodium_bin2hex(out_seed_hex, FQ_BUNDLE_SEED_HEX_LEN, seed, sizeof seed);
    sodium_memzero(seed, sizeof seed);
    return FQ_OK;
}

fq_err fq_bundle_key_from_seed(const char *seed_hex, fq_bundle_key *out)
{
    if (!sodium_ready())
        return FQ_ERR_UNSUPPORTED;
    unsigned char seed[crypto_sign_SEEDBYTES], pk[crypto_sign_PUBLICKEYBYTES];
    fq_bundle_key k;
    fq_err e = FQ_OK;
    if (!from_hex(seed_hex, seed, sizeof seed) ||
        crypto_sign_seed_keypair(pk, k.secret, seed) != 0) {
        e = FQ_ERR_CORRUPT;
        goto out;
    }
    sodium_bin2hex(k.public_hex, sizeof k.public_hex, pk, sizeof pk);
    *out = k;
out:
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(&k, sizeof k);
    return e;
}

void fq_bundle_key_wipe(fq_bundle_key *k)
{
    if (k)
        sodium_memzero(k, sizeof *k);
}

void fq_bundle_wipe(void *buf, size_t len)
{
    if (buf)
        sodium_memzero(buf, len);
}

int fq_bundle_public_key_valid(const char *s)
{
    return lower_hex(s, 2 * crypto_sign_PUBLICKEYBYTES);
}

fq_err fq_bundle_fingerprint(const char *public_hex, char out[FQ_BUNDLE_FINGERPRINT_LEN])
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], digest[crypto_hash_sha256_BYTES];
    out[0] = '\0';
    if (!sodium_ready() || !from_hex(public_hex, pk, sizeof pk))
        return FQ_ERR_INVALID;
    crypto_hash_sha256(digest, pk, sizeof pk);
    snprintf(out, FQ_BUNDLE_FINGERPRINT_LEN, "%02X%02X-%02X%02X-%02X%02X-%02X%02X", digest[0],
             digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7]);
    return FQ_OK;
}

int fq_bundle_fingerprint_matches(const char *public_hex, const char *typed)
{
    char fp[FQ_BUNDLE_FINGERPRINT_LEN];
    if (!typed || fq_bundle_fingerprint(public_hex, fp) != FQ_OK)
        return 0;
    size_t k = 0;
    for (const char *p = typed; *p; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        while (fp[k] == '-')
            k++;
        if (!fp[k] || toupper((unsigned char)*p) != fp[k])
            return 0;
        k++;
    }
    return fp[k] == '\0';
}

/* The signed message: a domain prefix that names the format version, then the content hash
 * (which covers the whole manifest but the signature, so kind, device and ranges too). */
static size_t signed_message(const char *content_sha256, char out[128])
{
    return (size_t)snprintf(out, 128, FQ_BUNDLE_SIG_DOMAIN "%s", content_sha256);
}

fq_err fq_bundle_sign_hash(const fq_bundle_key *key, const char *content_sha256,
                           char out_sig_hex[FQ_BUNDLE_SIG_HEX_LEN])
{
    if (!sodium_ready())
        return FQ_ERR_UNSUPPORTED;
    char msg[128];
    size_t len = signed_message(content_sha256, msg);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, NULL, (const unsigned char *)msg, len, key->secret);
    sodium_bin2hex(out_sig_hex, FQ_BUNDLE_SIG_HEX_LEN, sig, sizeof sig);
    return FQ_OK;
}

int fq_bundle_signature_hex_valid(const char *s)
{
    return lower_hex(s, 2 * crypto_sign_BYTES);
}

int fq_bundle_verify_hash(const char *public_hex, const char *content_sha256, const char *sig_hex)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
    if (!sodium_ready() || !from_hex(public_hex, pk, sizeof pk) ||
        !from_hex(sig_hex, sig, sizeof sig))
        return 0;
    char msg[128];
    size_t len = signed_message(content_sha256, msg);
    return crypto_sign_verify_detached(sig, (const unsigned char *)msg, len, pk) == 0;
}
