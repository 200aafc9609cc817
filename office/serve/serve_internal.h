/* Private to office/serve: what its files share. */
#ifndef FQ_OFFICE_SERVE_SERVE_INTERNAL_H
#define FQ_OFFICE_SERVE_SERVE_INTERNAL_H

#include "office/office.h"
#include "office/serve/serve.h"

/* The office's key for token hashes (made on first use) into key. */
fq_err fq_serve_token_key(fq_office *o, unsigned char key[32]);

/* BLAKE2b-256 of secret keyed with key, hex, into out. */
void fq_serve_token_hash(const unsigned char key[32], const char *secret, char out[65]);

/* 1 when t is in force and secret is its secret (compared in constant time). */
int fq_serve_token_check(const fq_store_token *t, const unsigned char key[32], const char *secret);

#endif
