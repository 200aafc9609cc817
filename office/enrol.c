/* The office's keys and its trust in devices: the office's own signing key (made on first
 * use, kept in its database), and which key each device id is enrolled with. A bundle is
 * accepted only from a device enrolled with the key that signed it; receipts and job packs
 * are written only for an enrolled device. Enrolment itself is a person's decision at the
 * tether (the fingerprints on both screens compared), made through `fieldqc-office enrol`;
 * this file only keeps it and applies it. */
#include "office_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"

fq_err fq_office_load_key(fq_office *o)
{
    char seed[FQ_BUNDLE_SEED_HEX_LEN], fresh[FQ_BUNDLE_SEED_HEX_LEN];
    fq_err e = fq_ostore_setting_get(o->db, FQ_STORE_SETTING_SIGN_SEED, seed, sizeof seed);
    if (e == FQ_ERR_NOTFOUND) {
        /* first use; setting_init keeps a key another fieldqc-office saved meanwhile */
        if ((e = fq_bundle_key_generate(fresh)))
            return fq_office_fail(o, e, "cannot make the office's signing key (libsodium)");
        e = fq_ostore_setting_init(o->db, FQ_STORE_SETTING_SIGN_SEED, fresh, seed, sizeof seed);
        fq_bundle_wipe(fresh, sizeof fresh);
    }
    if (e)
        return fq_office_fail(o, e, "office signing key: %s", fq_ostore_errmsg(o->db));
    e = fq_bundle_key_from_seed(seed, &o->key);
    fq_bundle_wipe(seed, sizeof seed);
    return e ? fq_office_fail(o, e, "the office's signing key in %s is damaged", o->db_path)
             : FQ_OK;
}

void fq_office_key_fingerprint(fq_office *o, char out[FQ_BUNDLE_FINGERPRINT_LEN])
{
    fq_bundle_fingerprint(o->key.public_hex, out);
}

fq_err fq_office_new_key(fq_office *o)
{
    o->errmsg[0] = '\0';
    char seed[FQ_BUNDLE_SEED_HEX_LEN];
    fq_bundle_key key;
    fq_err e = fq_bundle_key_generate(seed);
    if (e)
        return fq_office_fail(o, e, "cannot make a signing key (libsodium)");
    if (!(e = fq_bundle_key_from_seed(seed, &key)) &&
        (e = fq_ostore_setting_set(o->db, FQ_STORE_SETTING_SIGN_SEED, seed)))
        fq_office_fail(o, e, "office signing key: %s", fq_ostore_errmsg(o->db));
    if (!e)
        o->key = key;
    fq_bundle_wipe(seed, sizeof seed);
    fq_bundle_key_wipe(&key);
    return e;
}

static void to_device(const fq_store_enrolment *e, fq_office_device *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->device_id, sizeof out->device_id, "%s", e->device_id);
    snprintf(out->public_key, sizeof out->public_key, "%s", e->public_key);
    fq_bundle_fingerprint(e->public_key, out->fingerprint);
    out->enrolled_utc = e->enrolled_utc;
    out->revoked_utc = e->revoked_utc;
}

fq_err fq_office_device_get(fq_office *o, const char *device_id, fq_office_device *out)
{
    o->errmsg[0] = '\0';
    fq_store_enrolment e;
    fq_err err = fq_ostore_enrolment(o->db, device_id, &e);
    if (err == FQ_ERR_NOTFOUND)
        return fq_office_fail(o, err, "device %s is not enrolled at this office", device_id);
    if (err)
        return fq_office_fail(o, err, "enrolments: %s", fq_ostore_errmsg(o->db));
    to_device(&e, out);
    return FQ_OK;
}

fq_err fq_office_enrol(fq_office *o, const char *device_id, const char *public_key, int replace,
                       int *out_changed)
{
    o->errmsg[0] = '\0';
    if (!fq_bundle_device_id_valid(device_id))
        return fq_office_fail(o, FQ_ERR_INVALID, "'%s' is not a valid device id", device_id);
    if (!fq_bundle_public_key_valid(public_key))
        return fq_office_fail(o, FQ_ERR_INVALID, "not a device public key (64 hex digits)");
    fq_office_device cur;
    fq_err err = fq_office_device_get(o, device_id, &cur);
    if (err && err != FQ_ERR_NOTFOUND)
        return err;
    int known = err == FQ_OK;
    if (known && !cur.revoked_utc && strcmp(cur.public_key, public_key) == 0) {
        *out_changed = 0;
        o->errmsg[0] = '\0';
        return FQ_OK;
    }
    if (known && !replace) {
        char since[FQ_DATETIME_LEN];
        fq_utc_format(cur.revoked_utc ? cur.revoked_utc : cur.enrolled_utc, since, sizeof since);
        return fq_office_fail(o, FQ_ERR_CONFLICT,
                              cur.revoked_utc ? "device %s was revoked on %.10s (key %s): "
                                                "enrolling it again must be explicit (--replace)"
                                              : "device %s is enrolled with another key since "
                                                "%.10s (%s): replacing it must be explicit "
                                                "(--replace)",
                              device_id, since, cur.fingerprint);
    }
    err = fq_ostore_enrol(o->db, device_id, public_key, fq_ostore_now(o->db));
    if (err)
        return fq_office_fail(o, err, "enrolment: %s", fq_ostore_errmsg(o->db));
    o->errmsg[0] = '\0';
    *out_changed = 1;
    return FQ_OK;
}

fq_err fq_office_revoke(fq_office *o, const char *device_id)
{
    o->errmsg[0] = '\0';
    fq_err err = fq_ostore_revoke(o->db, device_id, fq_ostore_now(o->db));
    if (err == FQ_ERR_NOTFOUND)
        return fq_office_fail(o, err, "device %s has no enrolment in force", device_id);
    return err ? fq_office_fail(o, err, "revoke: %s", fq_ostore_errmsg(o->db)) : FQ_OK;
}

typedef struct each_ctx {
    fq_office_device_fn fn;
    void *ctx;
} each_ctx;

static int visit_enrolment(void *ctx, const fq_store_enrolment *e)
{
    each_ctx *x = ctx;
    fq_office_device d;
    to_device(e, &d);
    return x->fn(x->ctx, &d);
}

fq_err fq_office_each_device(fq_office *o, fq_office_device_fn fn, void *ctx)
{
    o->errmsg[0] = '\0';
    each_ctx x = {fn, ctx};
    fq_err err = fq_ostore_each_enrolment(o->db, visit_enrolment, &x);
    return err ? fq_office_fail(o, err, "enrolments: %s", fq_ostore_errmsg(o->db)) : FQ_OK;
}

fq_err fq_office_require_enrolled(fq_office *o, const char *device_id, const char *what,
                                  fq_office_device *out)
{
    fq_office_device d;
    fq_err err = fq_office_device_get(o, device_id, &d);
    if (err == FQ_ERR_NOTFOUND)
        return fq_office_fail(o, FQ_ERR_UNTRUSTED,
                              "%s: device %s is not enrolled at this office (enrol it first: "
                              "fieldqc-office enrol)",
                              what, device_id);
    if (err)
        return err;
    if (d.revoked_utc) {
        char when[FQ_DATETIME_LEN];
        fq_utc_format(d.revoked_utc, when, sizeof when);
        return fq_office_fail(o, FQ_ERR_UNTRUSTED, "%s: device %s was revoked on %.10s", what,
                              device_id, when);
    }
    if (out)
        *out = d;
    return FQ_OK;
}

fq_err fq_office_check_signer(fq_office *o, const fq_bundle_info *in)
{
    fq_office_device d;
    fq_err err =
        fq_office_require_enrolled(o, in->device_id, "not signed by an enrolled device", &d);
    if (err)
        return err;
    if (strcmp(d.public_key, in->signer_key) != 0) {
        char got[FQ_BUNDLE_FINGERPRINT_LEN];
        fq_bundle_fingerprint(in->signer_key, got);
        return fq_office_fail(o, FQ_ERR_UNTRUSTED,
                              "not signed by an enrolled device: %s is enrolled with key %s, "
                              "this bundle is signed by %s",
                              in->device_id, d.fingerprint, got);
    }
    return FQ_OK;
}
