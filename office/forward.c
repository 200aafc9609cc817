/* A laptop that forwards to the office server (issue 13). What it keeps: the server's URL
 * and its token (local settings, like the signing key), every bundle it imports from then
 * on, verbatim, in <base>.outgoing/<bundle id>.fqb with a row in the forward queue written
 * in the import's own transaction (import.c), and the server's latest receipt and job pack
 * per device in <base>.relay (written by push, handed to tablets by sync). The device's
 * signed bundle travels unchanged: the server checks the device's signature itself, and the
 * laptop cannot change what the tablet wrote. */
#include "office_internal.h"

#include <stdio.h>
#include <string.h>

fq_err fq_office_forward_setup(fq_office *o, const char *server, const char *token)
{
    o->errmsg[0] = '\0';
    if (!server || strncmp(server, "http", 4) || !token || !*token)
        return fq_office_fail(o, FQ_ERR_INVALID, "push needs --server http(s)://... and --token");
    char dir[FQ_BUNDLE_PATH_LEN + 16];
    snprintf(dir, sizeof dir, "%s.outgoing", o->base);
    if (fq_fsio_mkdirs(dir, o->errmsg, sizeof o->errmsg))
        return FQ_ERR_IO;
    fq_err e = fq_ostore_setting_set(o->db, FQ_OFFICE_SETTING_PUSH_SERVER, server);
    if (!e)
        e = fq_ostore_setting_set(o->db, FQ_OFFICE_SETTING_PUSH_TOKEN, token);
    if (e)
        return fq_office_fail(o, e, "push settings: %s", fq_ostore_errmsg(o->db));
    o->forwarding = 1;
    return FQ_OK;
}

fq_err fq_office_forward_config(fq_office *o, char *server, size_t server_len, char *token,
                                size_t token_len)
{
    o->errmsg[0] = '\0';
    server[0] = token[0] = '\0';
    fq_err e = fq_ostore_setting_get(o->db, FQ_OFFICE_SETTING_PUSH_SERVER, server, server_len);
    if (!e)
        e = fq_ostore_setting_get(o->db, FQ_OFFICE_SETTING_PUSH_TOKEN, token, token_len);
    if (e == FQ_ERR_NOTFOUND) {
        server[0] = token[0] = '\0';
        return FQ_OK;
    }
    return e ? fq_office_fail(o, e, "push settings: %s", fq_ostore_errmsg(o->db)) : FQ_OK;
}

void fq_office_relay_path(const fq_office *o, const char *device_id, int jobs, char *out,
                          size_t out_len)
{
    snprintf(out, out_len, "%s.relay/%s-%s%s", o->base, jobs ? "jobs" : "receipt", device_id,
             FQ_BUNDLE_EXT);
}
