/* API tokens (issue 13): "fqt_<id>_<secret>", 8 random bytes of id and 32 of secret, hex.
 * The office keeps the id, a name, a role and BLAKE2b-256 of the secret keyed with a key of
 * its own (settings "token_key", made on first use): the secret is shown once and never
 * stored, a copy of the tokens table alone cannot be turned into a token, and checking a
 * token costs one hash (a password hash like argon2id is for guessable secrets; these are
 * 256 random bits). `fieldqc-office token` makes, lists and revokes them. */
#include "serve_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "fsio/fsio.h"
#include "office/commands.h"

#define TOKEN_KEY_SETTING "token_key"

fq_err fq_serve_token_key(fq_office *o, unsigned char key[32])
{
    fq_ostore *s = fq_office_store(o);
    char hex[65], fresh[65];
    unsigned char raw[32];
    fq_err e = fq_ostore_setting_get(s, TOKEN_KEY_SETTING, hex, sizeof hex);
    if (e == FQ_ERR_NOTFOUND) {
        if ((e = fq_fsio_random(raw, sizeof raw)))
            return e;
        sodium_bin2hex(fresh, sizeof fresh, raw, sizeof raw);
        e = fq_ostore_setting_init(s, TOKEN_KEY_SETTING, fresh, hex, sizeof hex);
    }
    if (e)
        return e;
    size_t n = 0;
    if (sodium_hex2bin(key, 32, hex, strlen(hex), NULL, &n, NULL) || n != 32)
        return FQ_ERR_CORRUPT;
    return FQ_OK;
}

void fq_serve_token_hash(const unsigned char key[32], const char *secret, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)secret, strlen(secret), key, 32);
    sodium_bin2hex(out, 65, h, sizeof h);
}

int fq_serve_token_check(const fq_store_token *t, const unsigned char key[32], const char *secret)
{
    char h[65];
    fq_serve_token_hash(key, secret, h);
    return t->revoked_utc == 0 && sodium_memcmp(h, t->hash, 64) == 0;
}

static int list_token(void *ctx, const fq_store_token *t)
{
    (void)ctx;
    char since[FQ_DATETIME_LEN], revoked[FQ_DATETIME_LEN] = "-";
    fq_utc_format(t->created_utc, since, sizeof since);
    if (t->revoked_utc)
        fq_utc_format(t->revoked_utc, revoked, sizeof revoked);
    printf("%-16s  %-6s  %-20s  %-20s  %s\n", t->id, t->role, since, revoked, t->name);
    return 0;
}

int fq_office_cmd_token(int argc, char **argv)
{
    static const char *const names[] = {"--new", "--role", "--revoke"};
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, names, 3, &args);
    if (rc)
        return rc;
    const char *role = args.opt[1] ? args.opt[1] : "laptop";
    if (args.n_pos || (args.opt[0] && args.opt[2]) ||
        (strcmp(role, "laptop") && strcmp(role, "read"))) {
        fprintf(stderr, "usage: fieldqc-office token [--db DB] [--new NAME [--role laptop|read]]"
                        " [--revoke ID]\n");
        return 2;
    }
    fq_office *o = NULL;
    if (fq_office_open_with(args.db, args.photos, &o)) {
        fprintf(stderr, "fieldqc-office token: %s\n", fq_office_errmsg(o));
        fq_office_close(o);
        return 1;
    }
    fq_ostore *s = fq_office_store(o);
    if (args.opt[0]) {
        unsigned char key[32], id_raw[8], secret_raw[32];
        fq_store_token t;
        memset(&t, 0, sizeof t);
        char secret[65];
        if (fq_serve_token_key(o, key) || fq_fsio_random(id_raw, sizeof id_raw) ||
            fq_fsio_random(secret_raw, sizeof secret_raw)) {
            fprintf(stderr, "fieldqc-office token: %s\n", fq_ostore_errmsg(s));
            rc = 1;
        } else {
            sodium_bin2hex(t.id, sizeof t.id, id_raw, sizeof id_raw);
            sodium_bin2hex(secret, sizeof secret, secret_raw, sizeof secret_raw);
            snprintf(t.name, sizeof t.name, "%s", args.opt[0]);
            snprintf(t.role, sizeof t.role, "%s", role);
            fq_serve_token_hash(key, secret, t.hash);
            t.created_utc = fq_ostore_now(s);
            if (fq_ostore_token_add(s, &t)) {
                fprintf(stderr, "fieldqc-office token: %s\n", fq_ostore_errmsg(s));
                rc = 1;
            } else {
                /* the only time the secret is shown */
                printf("fqt_%s_%s\n", t.id, secret);
                fprintf(stderr, "token %s (%s) for %s: keep it secret; it is not shown again\n",
                        t.id, t.role, t.name);
            }
            sodium_memzero(secret, sizeof secret);
            sodium_memzero(key, sizeof key);
        }
    } else if (args.opt[2]) {
        if (fq_ostore_token_revoke(s, args.opt[2], fq_ostore_now(s))) {
            fprintf(stderr, "fieldqc-office token: %s\n", fq_ostore_errmsg(s));
            rc = 1;
        } else {
            printf("token %s revoked\n", args.opt[2]);
        }
    } else {
        printf("%-16s  %-6s  %-20s  %-20s  %s\n", "id", "role", "created", "revoked", "name");
        if (fq_ostore_each_token(s, list_token, NULL)) {
            fprintf(stderr, "fieldqc-office token: %s\n", fq_ostore_errmsg(s));
            rc = 1;
        }
    }
    fq_office_close(o);
    return rc;
}
