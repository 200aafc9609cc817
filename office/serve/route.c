/* Request paths and headers into what the server does: pure functions over strings, so the
 * fuzzer (tests/fuzz/fuzz_serve.c) and the tests reach them without a socket. libmicrohttpd
 * parses HTTP itself; this is the only parsing of our own. */
#include "office/serve/serve.h"

#include <stdio.h>
#include <string.h>

#include "core/model_fields.h"
#include "office/ostore.h"

#define PREFIX "/api/v1/"

static int is_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

static int device_id_ok(const char *s, size_t n)
{
    if (n < 1 || n > 63)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return !(n <= 2 && s[0] == '.'); /* "." and ".." name no device */
}

static fq_serve_route found(fq_serve_route_kind kind, const char *arg, size_t n)
{
    fq_serve_route r;
    memset(&r, 0, sizeof r);
    r.kind = kind;
    if (n >= sizeof r.arg)
        r.kind = FQ_SERVE_NOT_FOUND;
    else
        memcpy(r.arg, arg, n);
    return r;
}

fq_serve_route fq_serve_route_path(const char *path)
{
    fq_serve_route none;
    memset(&none, 0, sizeof none);
    if (!path || strncmp(path, PREFIX, strlen(PREFIX)))
        return none;
    const char *p = path + strlen(PREFIX);
    size_t n = strlen(p);
    if (!strcmp(p, "health"))
        return found(FQ_SERVE_HEALTH, "", 0);
    if (!strcmp(p, "bundles"))
        return found(FQ_SERVE_BUNDLES, "", 0);
    if (!strncmp(p, "photos/", 7) && n == 7 + 64 + 4 && !strcmp(p + n - 4, ".jpg") &&
        is_hex(p + 7, 64))
        return found(FQ_SERVE_PHOTO, p + 7, 64);
    if (!strncmp(p, "export/", 7) && n > 11 && !strcmp(p + n - 4, ".csv")) {
        const char *t = p + 7;
        size_t len = n - 11;
        for (const char *const *f = fq_ostore_flat_tables(); *f; f++)
            if (strlen(*f) == len && !strncmp(*f, t, len))
                return found(FQ_SERVE_EXPORT, t, len);
        return none;
    }
    if (!strncmp(p, "devices/", 8)) {
        const char *id = p + 8;
        const char *slash = strchr(id, '/');
        if (!slash || !device_id_ok(id, (size_t)(slash - id)))
            return none;
        size_t len = (size_t)(slash - id);
        if (!strcmp(slash, "/receipt"))
            return found(FQ_SERVE_RECEIPT, id, len);
        if (!strcmp(slash, "/jobs"))
            return found(FQ_SERVE_JOBS, id, len);
        if (!strcmp(slash, "/key"))
            return found(FQ_SERVE_DEVICE_KEY, id, len);
        return none;
    }
    if (strchr(p, '/'))
        return none;
    if (fq_entity_by_table(p))
        return found(FQ_SERVE_RECORDS, p, n);
    return none;
}

int fq_serve_parse_bearer(const char *header, char id[17], char secret[65])
{
    static const char pre[] = "Bearer fqt_";
    if (!header || strncmp(header, pre, sizeof pre - 1))
        return -1;
    const char *t = header + sizeof pre - 1;
    if (strlen(t) != 16 + 1 + 64 || t[16] != '_' || !is_hex(t, 16) || !is_hex(t + 17, 64))
        return -1;
    memcpy(id, t, 16);
    id[16] = '\0';
    memcpy(secret, t + 17, 64);
    secret[64] = '\0';
    return 0;
}

int fq_serve_parse_count(const char *s, long long min, long long max, long long *out)
{
    if (!s || !*s || strlen(s) > 18)
        return -1;
    long long v = 0;
    for (const char *c = s; *c; c++) {
        if (*c < '0' || *c > '9')
            return -1;
        v = v * 10 + (*c - '0');
    }
    if (v < min || v > max)
        return -1;
    *out = v;
    return 0;
}
