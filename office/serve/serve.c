/* fieldqc-office serve: the HTTP(S) API (serve.h) on libmicrohttpd.
 *
 * One thread per connection (an import blocks only its own client), at most --max-conn
 * connections and 64 per address, an idle timeout (--timeout, slow clients are dropped),
 * 32 KiB for a request's headers, and --max-body for a body, checked against Content-Length
 * before anything is read and again while it streams. An uploaded bundle streams into
 * <base>.spool (fsio temporary, never held in memory), is committed when complete and then
 * imported by fq_office_import exactly as a file on disk; the temporary of a killed server
 * is swept at the next start. Each request borrows an office handle from a small pool (one
 * database connection each; writers are serialized by the store). libmicrohttpd parses
 * HTTP; route.c is the only parsing of ours. */
#include "serve_internal.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/ownership.h"
#include "fsio/fsio.h"
#include "json_out.h"
#include "office/commands.h"
#include "office/csv.h"
#include "office/portal/portal.h"

#define POOL_MAX 32
#define PAGE_DEFAULT 100
#define PAGE_MAX 1000
#define HEADER_BYTES (32 * 1024)
#define DISCARD_MAX (64LL << 20)

typedef struct server {
    const char *db;
    const char *photos;
    long long max_body;
    char spool[FQ_BUNDLE_PATH_LEN + 16];
    char photo_dir[FQ_BUNDLE_PATH_LEN];
    unsigned char token_key[32];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    fq_office *idle[POOL_MAX];
    int n_idle;
    int n_open;
    int pool_max;
    int https;
    fq_portal *portal;      /* the web portal: every path but /api/... */
} server;

typedef enum method { M_OTHER = 0, M_GET, M_HEAD, M_POST, M_PUT } method;

typedef struct request {
    fq_serve_route route;
    method m;
    fq_store_token token;
    int answered;            /* an answer was queued before the body ended */
    int too_large;           /* the body passed the limit while it streamed: 413 at its end */
    int spool_failed;        /* the upload could not be written: 507 at its end */
    fq_fsio_stream *upload;  /* POST /bundles: the body, streaming to the spool */
    char upload_path[FQ_BUNDLE_PATH_LEN + 64];
    long long received;
    fq_serve_buf body;       /* PUT, and a portal form: the (small) body */
    int portal;              /* a portal page (not /api/...) */
    char path[1024];         /* the portal's path */
} request;

/* ---- the office handle pool ---- */

static fq_office *borrow(server *s, char *err, size_t err_len)
{
    pthread_mutex_lock(&s->mu);
    while (s->n_idle == 0 && s->n_open >= s->pool_max)
        pthread_cond_wait(&s->cv, &s->mu);
    if (s->n_idle > 0) {
        fq_office *o = s->idle[--s->n_idle];
        pthread_mutex_unlock(&s->mu);
        return o;
    }
    s->n_open++;
    pthread_mutex_unlock(&s->mu);
    fq_office *o = NULL;
    if (fq_office_open_with(s->db, s->photos, &o)) {
        snprintf(err, err_len, "%s", fq_office_errmsg(o));
        fq_office_close(o);
        pthread_mutex_lock(&s->mu);
        s->n_open--;
        pthread_cond_signal(&s->cv);
        pthread_mutex_unlock(&s->mu);
        return NULL;
    }
    return o;
}

static void give_back(server *s, fq_office *o)
{
    pthread_mutex_lock(&s->mu);
    s->idle[s->n_idle++] = o;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* ---- answers ---- */

static enum MHD_Result answer(struct MHD_Connection *c, unsigned status, const char *type,
                              fq_serve_buf *b)
{
    if (b->failed) {
        fq_serve_buf_free(b);
        static const char oom[] = "{\"error\":{\"status\":500,\"code\":\"internal\","
                                  "\"message\":\"out of memory\"}}";
        fq_serve_buf_str(b, oom);
        status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        type = "application/json";
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(b->len, b->data ? b->data : (void *)"",
                                                             b->data ? MHD_RESPMEM_MUST_FREE
                                                                     : MHD_RESPMEM_PERSISTENT);
    b->data = NULL;
    b->len = b->cap = 0;
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (status == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"fieldqc\"");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result fail(struct MHD_Connection *c, unsigned status, const char *code,
                            const char *message)
{
    fq_serve_buf b = {0};
    fq_serve_buf_printf(&b, "{\"error\":{\"status\":%u,\"code\":", status);
    fq_serve_buf_json_string(&b, code);
    fq_serve_buf_str(&b, ",\"message\":");
    fq_serve_buf_json_string(&b, message);
    fq_serve_buf_str(&b, "}}\n");
    return answer(c, status, "application/json", &b);
}

/* The status of an office failure. */
static unsigned status_of(fq_err e)
{
    switch (e) {
    case FQ_ERR_UNTRUSTED: return MHD_HTTP_FORBIDDEN;
    case FQ_ERR_NOTFOUND: return MHD_HTTP_NOT_FOUND;
    case FQ_ERR_CONFLICT: return MHD_HTTP_CONFLICT;
    case FQ_ERR_CORRUPT:
    case FQ_ERR_VERSION:
    case FQ_ERR_INVALID: return MHD_HTTP_UNPROCESSABLE_CONTENT;
    case FQ_ERR_FULL: return MHD_HTTP_INSUFFICIENT_STORAGE;
    default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

static const char *code_of(fq_err e)
{
    switch (e) {
    case FQ_ERR_UNTRUSTED: return "untrusted";
    case FQ_ERR_NOTFOUND: return "not_found";
    case FQ_ERR_CONFLICT: return "conflict";
    case FQ_ERR_CORRUPT: return "corrupt";
    case FQ_ERR_VERSION: return "version";
    case FQ_ERR_INVALID: return "invalid";
    case FQ_ERR_FULL: return "disk_full";
    default: return "internal";
    }
}

/* A file as the answer (a photo, a receipt): read from its descriptor. */
static enum MHD_Result answer_file(struct MHD_Connection *c, const char *path, const char *type)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        return fail(c, MHD_HTTP_NOT_FOUND, "not_found", "no such file at this office");
    }
    struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
    if (!r) {
        close(fd);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

/* ---- authentication ---- */

/* 0 when the request carries a token in force (into r->token); else the answer is queued. */
static int authenticate(server *s, struct MHD_Connection *c, request *r, enum MHD_Result *ret)
{
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    char id[17], secret[65];
    if (fq_serve_parse_bearer(h, id, secret)) {
        *ret = fail(c, MHD_HTTP_UNAUTHORIZED, "unauthorized",
                    h ? "malformed token (Authorization: Bearer fqt_<id>_<secret>)"
                      : "an API token is required (fieldqc-office token --new NAME)");
        return -1;
    }
    char err[FQ_BUNDLE_ERR_LEN];
    fq_office *o = borrow(s, err, sizeof err);
    if (!o) {
        *ret = fail(c, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable", err);
        return -1;
    }
    fq_err e = fq_ostore_token_get(fq_office_store(o), id, &r->token);
    give_back(s, o);
    int ok = e == FQ_OK && fq_serve_token_check(&r->token, s->token_key, secret);
    sodium_memzero(secret, sizeof secret);
    if (e && e != FQ_ERR_NOTFOUND) {
        *ret = fail(c, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable", "token lookup failed");
        return -1;
    }
    if (!ok) {
        *ret = fail(c, MHD_HTTP_UNAUTHORIZED, "unauthorized", "unknown or revoked token");
        return -1;
    }
    return 0;
}

/* ---- GET endpoints ---- */

typedef struct query_ctx {
    const fq_entity *e;
    const char *after;
    long long limit;
    const char *filter_col;
    const char *filter_val;
    char bad[128];
} query_ctx;

/* Friendly names for the filters scripts use most. */
static const char *filter_column(const fq_entity *e, const char *key)
{
    if (!strcmp(key, "order"))
        key = "order_uuid";
    else if (!strcmp(key, "visit"))
        key = "visit_uuid";
    else if (!strcmp(key, "device"))
        key = "assigned_device";
    return fq_entity_has_column(e, key) ? key : NULL;
}

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    (void)kind;
    query_ctx *q = cls;
    if (q->bad[0])
        return MHD_NO;
    if (!value)
        value = "";
    if (!strcmp(key, "limit")) {
        if (fq_serve_parse_count(value, 1, PAGE_MAX, &q->limit))
            snprintf(q->bad, sizeof q->bad, "limit must be 1 to %d", PAGE_MAX);
    } else if (!strcmp(key, "after")) {
        if (strlen(value) > 64)
            snprintf(q->bad, sizeof q->bad, "after: not a record id");
        q->after = value;
    } else if (filter_column(q->e, key) && !q->filter_col && strlen(value) < 256) {
        q->filter_col = filter_column(q->e, key);
        q->filter_val = value;
    } else {
        snprintf(q->bad, sizeof q->bad, "unknown or repeated parameter '%.60s'", key);
    }
    return q->bad[0] ? MHD_NO : MHD_YES;
}

static enum MHD_Result get_records(server *s, struct MHD_Connection *c, const request *r)
{
    query_ctx q;
    memset(&q, 0, sizeof q);
    q.e = fq_entity_by_table(r->route.arg);
    q.limit = PAGE_DEFAULT;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_arg, &q);
    if (q.bad[0])
        return fail(c, MHD_HTTP_BAD_REQUEST, "bad_request", q.bad);
    char err[FQ_BUNDLE_ERR_LEN];
    fq_office *o = borrow(s, err, sizeof err);
    if (!o)
        return fail(c, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable", err);
    void *recs = NULL;
    size_t n = 0;
    int more = 0;
    fq_err e = fq_ostore_page(fq_office_store(o), q.e->id, q.filter_col, q.filter_val, q.after,
                              (size_t)q.limit, &recs, &n, &more);
    if (e) {
        enum MHD_Result ret = fail(c, status_of(e), code_of(e), fq_ostore_errmsg(fq_office_store(o)));
        give_back(s, o);
        return ret;
    }
    give_back(s, o);
    fq_serve_buf b = {0};
    fq_serve_buf_str(&b, "{\"items\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            fq_serve_buf_add(&b, ",", 1);
        fq_serve_buf_json_record(&b, q.e, (const char *)recs + i * q.e->record_size);
    }
    fq_serve_buf_str(&b, "],\"next\":");
    if (more && n)
        fq_serve_buf_json_string(&b, ((const fq_meta *)((const char *)recs +
                                                        (n - 1) * q.e->record_size))->uuid);
    else
        fq_serve_buf_str(&b, "null");
    fq_serve_buf_str(&b, "}\n");
    free(recs);
    return answer(c, MHD_HTTP_OK, "application/json", &b);
}

typedef struct csv_ctx {
    FILE *f;
} csv_ctx;

static int csv_row(void *ctx, int n_cols, const char *const *names, const char *const *values)
{
    csv_ctx *x = ctx;
    for (int i = 0; i < n_cols; i++) {
        fputs(i ? "," : "", x->f);
        fq_office_csv_write_field(x->f, values ? values[i] : names[i]);
    }
    fputs("\r\n", x->f);
    return 0;
}

static enum MHD_Result get_export(server *s, struct MHD_Connection *c, const request *r)
{
    char err[FQ_BUNDLE_ERR_LEN];
    fq_office *o = borrow(s, err, sizeof err);
    if (!o)
        return fail(c, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable", err);
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    fq_err e = f ? FQ_OK : FQ_ERR_NOMEM;
    if (f) {
        fputs("\xEF\xBB\xBF", f); /* as the export command: Excel reads UTF-8 */
        csv_ctx x = {f};
        e = fq_ostore_each_flat_row(fq_office_store(o), r->route.arg, csv_row, &x);
        fclose(f);
    }
    enum MHD_Result ret;
    if (e) {
        free(data);
        ret = fail(c, status_of(e), code_of(e), f ? fq_ostore_errmsg(fq_office_store(o))
                                                  : "out of memory");
    } else {
        fq_serve_buf b = {data, len, len + 1, 0};
        ret = answer(c, MHD_HTTP_OK, "text/csv; charset=utf-8", &b);
    }
    give_back(s, o);
    return ret;
}

static enum MHD_Result get_photo(server *s, struct MHD_Connection *c, const request *r)
{
    char path[FQ_BUNDLE_PATH_LEN + 80];
    if (fq_fsio_photo_path(s->photo_dir, r->route.arg, path, sizeof path))
        return fail(c, MHD_HTTP_NOT_FOUND, "not_found", "no such photo");
    return answer_file(c, path, "image/jpeg");
}

/* A spool file name of our own (random), with ext. */
static int spool_path(server *s, const char *ext, char *out, size_t out_len)
{
    unsigned char raw[12];
    char hex[25];
    if (fq_fsio_random(raw, sizeof raw))
        return -1;
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    int n = snprintf(out, out_len, "%s/%s%s", s->spool, hex, ext);
    return n < 0 || (size_t)n >= out_len ? -1 : 0;
}

/* The device's receipt or job pack written into the spool; "" in path when there is no job
 * pack (no open visit). */
static fq_err device_file(server *s, fq_office *o, const char *device, int jobs, char *path,
                          size_t path_len)
{
    if (spool_path(s, jobs ? ".jobs.fqb" : ".receipt.fqb", path, path_len))
        return FQ_ERR_IO;
    if (!jobs)
        return fq_office_write_receipt(o, device, path, NULL);
    int64_t n = 0;
    fq_err e = fq_office_write_jobs(o, device, path, &n);
    if (!e && n == 0)
        path[0] = '\0';
    return e;
}

static enum MHD_Result get_device_file(server *s, struct MHD_Connection *c, const request *r,
                                       int jobs)
{
    char err[FQ_BUNDLE_ERR_LEN], path[FQ_BUNDLE_PATH_LEN + 64];
    fq_office *o = borrow(s, err, sizeof err);
    if (!o)
        return fail(c, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable", err);
    fq_err e = device_file(s, o, r->route.arg, jobs, path, sizeof path);
    enum MHD_Result ret;
    if (e)
        ret = fail(c, status_of(e), code_of(e), fq_office_errmsg(o));
    else if (!path[0])
        ret = fail(c, MHD_HTTP_NOT_FOUND, "no_jobs", "no open visit for this device");
    else
        ret = answer_file(c, path, "application/vnd.fieldqc.bundle");
    if (!e && path[0])
        unlink(path); /* the answer holds the open file */
    give_back(s, o);
    return ret;
}

/* ---- PUT /devices/<id>/key: a laptop forwards an enrolment ---- */

static enum MHD_Result put_key(server *s, struct MHD_Connection *c, request *r)
{
    char key[65];
    size_t n = r->body.len;
    while (n && (r->body.data[n - 1] == '\n' || r->body.data[n - 1] == '\r'))
        n--;
    if (n != 64)
        return fail(c, MHD_HTTP_BAD_REQUEST, "bad_request", "the body must be the 64-hex key");
    memcpy(key, r->body.data, 64);
    key[64] = '\0';
    char err[FQ_BUNDLE_ERR_LEN];
    fq_office *o = borrow(s, err, sizeof err);
    if (!o)
        return fail(c, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable", err);
    int changed = 0;
    /* never a replacement nor a revoked device again: those are the server's decisions */
    fq_err e = fq_office_enrol(o, r->route.arg, key, 0, &changed);
    enum MHD_Result ret;
    if (e) {
        ret = fail(c, status_of(e), code_of(e), fq_office_errmsg(o));
    } else {
        fq_serve_buf b = {0};
        fq_serve_buf_str(&b, "{\"device_id\":");
        fq_serve_buf_json_string(&b, r->route.arg);
        fq_serve_buf_printf(&b, ",\"enrolled\":%s}\n", changed ? "true" : "false");
        ret = answer(c, changed ? MHD_HTTP_CREATED : MHD_HTTP_OK, "application/json", &b);
    }
    give_back(s, o);
    return ret;
}

/* ---- POST /bundles ---- */

static void add_base64_file(fq_serve_buf *b, const char *path)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (!path[0] || fq_fsio_read_file(path, (size_t)1 << 30, &data, &len, NULL, 0)) {
        fq_serve_buf_str(b, "null");
        return;
    }
    size_t b64_len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(b64_len);
    if (!b64) {
        b->failed = 1;
    } else {
        sodium_bin2base64(b64, b64_len, data, len, sodium_base64_VARIANT_ORIGINAL);
        fq_serve_buf_add(b, "\"", 1);
        fq_serve_buf_str(b, b64);
        fq_serve_buf_add(b, "\"", 1);
    }
    free(b64);
    free(data);
}

static enum MHD_Result post_bundle(server *s, struct MHD_Connection *c, request *r)
{
    char why[FQ_BUNDLE_ERR_LEN];
    fq_err e = fq_fsio_stream_commit(r->upload, why, sizeof why);
    r->upload = NULL;
    if (e)
        return fail(c, MHD_HTTP_INSUFFICIENT_STORAGE, "disk_full", why);
    fq_office *o = borrow(s, why, sizeof why);
    if (!o)
        return fail(c, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable", why);
    fq_office_import_result res;
    e = fq_office_import(o, r->upload_path, NULL, &res);
    enum MHD_Result ret;
    if (e) {
        ret = fail(c, status_of(e), code_of(e), fq_office_errmsg(o));
    } else {
        char receipt[FQ_BUNDLE_PATH_LEN + 64] = "", jobs[FQ_BUNDLE_PATH_LEN + 64] = "";
        fq_err re = device_file(s, o, res.info.device_id, 0, receipt, sizeof receipt);
        fq_err je = re ? re : device_file(s, o, res.info.device_id, 1, jobs, sizeof jobs);
        fq_serve_buf b = {0};
        fq_serve_buf_str(&b, "{\"bundle_id\":");
        fq_serve_buf_json_string(&b, res.info.bundle_id);
        fq_serve_buf_str(&b, ",\"device_id\":");
        fq_serve_buf_json_string(&b, res.info.device_id);
        fq_serve_buf_printf(&b,
                            ",\"already\":%s,\"after_seq\":%lld,\"to_seq\":%lld,\"records\":%lld,"
                            "\"applied\":%lld,\"photos\":%lld,\"photos_new\":%lld,"
                            "\"conflicts\":%lld,\"refused\":%lld,\"receipt\":",
                            res.already ? "true" : "false", (long long)res.info.after_seq,
                            (long long)res.info.to_seq, (long long)res.info.n_records,
                            (long long)res.n_applied, (long long)res.info.n_photos,
                            (long long)res.n_photos_new, (long long)res.n_conflicts,
                            (long long)res.n_refused);
        /* the import holds either way; a receipt that could not be written is null */
        add_base64_file(&b, re ? "" : receipt);
        fq_serve_buf_str(&b, ",\"jobs\":");
        add_base64_file(&b, je ? "" : jobs);
        fq_serve_buf_str(&b, "}\n");
        if (receipt[0])
            unlink(receipt);
        if (jobs[0])
            unlink(jobs);
        ret = answer(c, MHD_HTTP_OK, "application/json", &b);
    }
    give_back(s, o);
    unlink(r->upload_path);
    return ret;
}

/* ---- the web portal (office/portal): its request in, its response out ---- */

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    fq_portal_request *q = cls;
    if (q->n_query < FQ_PORTAL_MAX_ARGS) {
        q->query[q->n_query].name = key;
        q->query[q->n_query].value = value ? value : "";
        q->n_query++;
    }
    return MHD_YES;
}

static void client_address(struct MHD_Connection *c, char *out, size_t out_len)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, out_len, "?");
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out,
                  (socklen_t)out_len);
}

/* The headers every portal answer carries, and the response's own. */
static void portal_headers(server *s, struct MHD_Response *mr, const fq_portal_response *pr)
{
    MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, pr->content_type);
    MHD_add_response_header(mr, "Content-Security-Policy", fq_portal_csp());
    MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(mr, "X-Frame-Options", "DENY");
    MHD_add_response_header(mr, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(mr, MHD_HTTP_HEADER_CACHE_CONTROL,
                            pr->cacheable ? "private, max-age=600" : "no-store");
    if (s->https)
        MHD_add_response_header(mr, "Strict-Transport-Security", "max-age=31536000");
    if (pr->location[0])
        MHD_add_response_header(mr, MHD_HTTP_HEADER_LOCATION, pr->location);
    for (int i = 0; i < pr->n_cookies; i++)
        MHD_add_response_header(mr, MHD_HTTP_HEADER_SET_COOKIE, pr->cookies[i]);
    if (pr->retry_after_s) {
        char v[24];
        snprintf(v, sizeof v, "%d", pr->retry_after_s);
        MHD_add_response_header(mr, MHD_HTTP_HEADER_RETRY_AFTER, v);
    }
    if (pr->filename[0]) {
        char v[160];
        snprintf(v, sizeof v, "inline; filename=\"%s\"", pr->filename);
        MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_DISPOSITION, v);
    }
}

static enum MHD_Result portal_send(server *s, struct MHD_Connection *c, fq_portal_response *pr)
{
    struct MHD_Response *mr = NULL;
    if (pr->file[0]) {
        int fd = open(pr->file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        struct stat st;
        if (pr->file_is_temp)
            unlink(pr->file); /* the open descriptor keeps it until sent */
        if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
            if (fd >= 0)
                close(fd);
            return fail(c, MHD_HTTP_NOT_FOUND, "not_found", "no such file at this office");
        }
        mr = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
        if (!mr)
            close(fd);
    } else {
        mr = MHD_create_response_from_buffer(pr->body_len, pr->body ? pr->body : (void *)"",
                                             pr->body ? MHD_RESPMEM_MUST_FREE
                                                      : MHD_RESPMEM_PERSISTENT);
        if (mr)
            pr->body = NULL; /* libmicrohttpd frees it */
    }
    if (!mr)
        return MHD_NO;
    portal_headers(s, mr, pr);
    enum MHD_Result ret = MHD_queue_response(c, pr->status, mr);
    MHD_destroy_response(mr);
    return ret;
}

static enum MHD_Result portal_answer(server *s, struct MHD_Connection *c, request *r,
                                     const char *verb)
{
    fq_portal_request q;
    memset(&q, 0, sizeof q);
    char client[INET_ADDRSTRLEN + 1];
    client_address(c, client, sizeof client);
    q.method = verb;
    q.path = r->path;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &q);
    q.body = r->body.data;
    q.body_len = r->body.len;
    q.cookie_session = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "fq_session");
    q.cookie_login = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "fq_login");
    q.cookie_lang = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "fq_lang");
    q.accept_language =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
    q.client = client;
    q.https = s->https;
    char err[FQ_BUNDLE_ERR_LEN];
    fq_office *o = borrow(s, err, sizeof err);
    if (!o)
        return fail(c, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable", err);
    fq_portal_response pr;
    fq_portal_handle(s->portal, o, &q, &pr);
    give_back(s, o);
    enum MHD_Result ret = portal_send(s, c, &pr);
    fq_portal_response_free(&pr);
    return ret;
}

/* ---- the request cycle ---- */

static method method_of(const char *m)
{
    return !strcmp(m, "GET") ? M_GET : !strcmp(m, "HEAD") ? M_HEAD : !strcmp(m, "POST") ? M_POST
           : !strcmp(m, "PUT") ? M_PUT : M_OTHER;
}

/* The method the route takes, or M_OTHER for a route that takes none. */
static method method_for(fq_serve_route_kind k)
{
    switch (k) {
    case FQ_SERVE_BUNDLES: return M_POST;
    case FQ_SERVE_DEVICE_KEY: return M_PUT;
    case FQ_SERVE_NOT_FOUND: return M_OTHER;
    default: return M_GET;
    }
}

/* First call of a request (headers complete): everything that can be refused before the
 * body is read is refused here. */
static enum MHD_Result start(server *s, struct MHD_Connection *c, request *r, const char *url,
                             const char *m)
{
    enum MHD_Result ret = MHD_YES;
    r->m = method_of(m);
    if (fq_portal_owns(url)) {
        r->portal = 1;
        if (strlen(url) >= sizeof r->path) {
            r->answered = 1;
            return fail(c, MHD_HTTP_URI_TOO_LONG, "too_long", "the path is too long");
        }
        snprintf(r->path, sizeof r->path, "%s", url);
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        long long declared = 0;
        if (cl && (fq_serve_parse_count(cl, 0, (long long)1 << 50, &declared) ||
                   declared > FQ_PORTAL_MAX_BODY)) {
            r->answered = 1;
            return fail(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "the form is too large");
        }
        return MHD_YES;
    }
    r->route = fq_serve_route_path(url);
    if (r->route.kind == FQ_SERVE_NOT_FOUND) {
        r->answered = 1;
        return fail(c, MHD_HTTP_NOT_FOUND, "not_found", "no such endpoint (see /api/v1/...)");
    }
    method want = method_for(r->route.kind);
    if (r->m != want && !(r->m == M_HEAD && want == M_GET)) {
        r->answered = 1;
        return fail(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                    want == M_POST ? "use POST" : want == M_PUT ? "use PUT" : "use GET");
    }
    if (r->route.kind == FQ_SERVE_HEALTH)
        return MHD_YES;
    if (authenticate(s, c, r, &ret)) {
        r->answered = 1;
        return ret;
    }
    if ((want == M_POST || want == M_PUT) && strcmp(r->token.role, "laptop")) {
        r->answered = 1;
        return fail(c, MHD_HTTP_FORBIDDEN, "forbidden", "this token may only read");
    }
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                 MHD_HTTP_HEADER_CONTENT_LENGTH);
    long long limit = want == M_PUT ? 1024 : s->max_body, declared = 0;
    if (cl && (fq_serve_parse_count(cl, 0, (long long)1 << 50, &declared) || declared > limit)) {
        r->answered = 1;
        return fail(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
                    "the body is larger than this server takes");
    }
    if (want == M_POST) {
        char why[FQ_BUNDLE_ERR_LEN];
        if (spool_path(s, ".fqb", r->upload_path, sizeof r->upload_path) ||
            fq_fsio_stream_open(r->upload_path, &r->upload, why, sizeof why)) {
            r->answered = 1;
            return fail(c, MHD_HTTP_INSUFFICIENT_STORAGE, "disk_full", "cannot spool the upload");
        }
    }
    return MHD_YES;
}

static enum MHD_Result on_body(server *s, request *r, const char *data, size_t *size)
{
    size_t n = *size;
    *size = 0;
    if (r->answered)
        return MHD_YES; /* an early answer is queued: the rest is discarded */
    long long limit = r->portal ? FQ_PORTAL_MAX_BODY : r->m == M_PUT ? 1024 : s->max_body;
    r->received += (long long)n;
    if (r->received > limit) {
        /* libmicrohttpd answers only before or after a body: the rest is read and thrown
         * away (up to DISCARD_MAX more, then the connection is cut without an answer) */
        r->too_large = 1;
        if (r->upload) {
            fq_fsio_stream_abort(r->upload);
            r->upload = NULL;
        }
        return r->received - limit > DISCARD_MAX ? MHD_NO : MHD_YES;
    }
    if (r->upload) {
        if (fwrite(data, 1, n, fq_fsio_stream_file(r->upload)) != n) {
            fq_fsio_stream_abort(r->upload);
            r->upload = NULL;
            r->spool_failed = 1;
        }
    } else if (r->m == M_PUT || r->portal) {
        fq_serve_buf_add(&r->body, data, n);
    }
    return MHD_YES;
}

static enum MHD_Result finish(server *s, struct MHD_Connection *c, request *r)
{
    switch (r->route.kind) {
    case FQ_SERVE_HEALTH: {
        fq_serve_buf b = {0};
        fq_serve_buf_printf(&b, "{\"ok\":true,\"backend\":\"%s\"}\n",
                            fq_ostore_is_url(s->db) ? "postgresql" : "sqlite");
        return answer(c, MHD_HTTP_OK, "application/json", &b);
    }
    case FQ_SERVE_RECORDS: return get_records(s, c, r);
    case FQ_SERVE_EXPORT: return get_export(s, c, r);
    case FQ_SERVE_PHOTO: return get_photo(s, c, r);
    case FQ_SERVE_RECEIPT: return get_device_file(s, c, r, 0);
    case FQ_SERVE_JOBS: return get_device_file(s, c, r, 1);
    case FQ_SERVE_DEVICE_KEY: return put_key(s, c, r);
    case FQ_SERVE_BUNDLES: return post_bundle(s, c, r);
    default: return fail(c, MHD_HTTP_NOT_FOUND, "not_found", "no such endpoint");
    }
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *m, const char *version, const char *data,
                              size_t *size, void **con_cls)
{
    (void)version;
    server *s = cls;
    request *r = *con_cls;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        *con_cls = r;
        return start(s, c, r, url, m);
    }
    if (*size)
        return on_body(s, r, data, size);
    if (r->answered)
        return MHD_YES;
    r->answered = 1;
    if (r->too_large)
        return fail(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
                    "the body is larger than this server takes");
    if (r->spool_failed)
        return fail(c, MHD_HTTP_INSUFFICIENT_STORAGE, "disk_full", "cannot spool the upload");
    if (r->portal)
        return portal_answer(s, c, r, m);
    return finish(s, c, r);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)c;
    (void)why;
    request *r = *con_cls;
    if (!r)
        return;
    if (r->upload)
        fq_fsio_stream_abort(r->upload); /* a dropped upload leaves nothing */
    fq_serve_buf_free(&r->body);
    free(r);
    *con_cls = NULL;
}

/* ---- the command ---- */

static int parse_listen(const char *spec, struct sockaddr_in *out)
{
    char host[64];
    const char *colon = spec ? strrchr(spec, ':') : NULL;
    long long port = 0;
    if (!colon || (size_t)(colon - spec) >= sizeof host ||
        fq_serve_parse_count(colon + 1, 0, 65535, &port))
        return -1;
    memcpy(host, spec, (size_t)(colon - spec));
    host[colon - spec] = '\0';
    memset(out, 0, sizeof *out);
    out->sin_family = AF_INET;
    out->sin_port = htons((uint16_t)port);
    if (!strcmp(host, "localhost"))
        snprintf(host, sizeof host, "127.0.0.1");
    return inet_pton(AF_INET, host, &out->sin_addr) == 1 ? 0 : -1;
}

static char *slurp(const char *path)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (fq_fsio_read_file(path, 1 << 20, &data, &len, NULL, 0))
        return NULL;
    char *text = realloc(data, len + 1);
    if (!text) {
        free(data);
        return NULL;
    }
    text[len] = '\0';
    return text;
}

/* Opens the first office handle (creates the schema, the keys) and prepares the folders. */
static int prepare(server *s)
{
    char err[FQ_BUNDLE_ERR_LEN];
    fq_office *o = borrow(s, err, sizeof err);
    if (!o) {
        fprintf(stderr, "fieldqc-office serve: %s\n", err);
        return -1;
    }
    snprintf(s->photo_dir, sizeof s->photo_dir, "%s", fq_office_photo_dir(o));
    snprintf(s->spool, sizeof s->spool, "%s.spool", fq_office_base(o));
    int rc = 0;
    if (fq_fsio_mkdirs(s->spool, err, sizeof err) || fq_fsio_mkdirs(s->photo_dir, err, sizeof err)) {
        fprintf(stderr, "fieldqc-office serve: %s\n", err);
        rc = -1;
    } else if (fq_serve_token_key(o, s->token_key)) {
        fprintf(stderr, "fieldqc-office serve: token key: %s\n",
                fq_ostore_errmsg(fq_office_store(o)));
        rc = -1;
    }
    /* uploads a killed server left: temporaries and committed ones never imported (the
     * client sends them again) */
    fq_fsio_sweep_tmp(s->spool, 0);
    DIR *dir = opendir(s->spool);
    struct dirent *ent;
    while (dir && (ent = readdir(dir)) != NULL) {
        size_t n = strlen(ent->d_name);
        char path[sizeof s->spool + 300];
        int report = !strncmp(ent->d_name, "report-", 7); /* a PDF's temporaries */
        if (((n > 4 && !strcmp(ent->d_name + n - 4, ".fqb")) || report) &&
            ent->d_name[0] != '.' &&
            snprintf(path, sizeof path, "%s/%s", s->spool, ent->d_name) < (int)sizeof path)
            unlink(path);
    }
    if (dir)
        closedir(dir);
    give_back(s, o);
    return rc;
}

int fq_office_cmd_serve(int argc, char **argv)
{
    static const char *const names[] = {"--listen", "--tls-cert", "--tls-key", "--max-body",
                                        "--timeout", "--pool", "--max-conn"};
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, names, 7, &args);
    if (rc)
        return rc;
    struct sockaddr_in addr;
    long long max_body = 600LL << 20, timeout = 30, pool = 8, max_conn = 256;
    if (args.n_pos || !args.opt[0] || parse_listen(args.opt[0], &addr) ||
        (!args.opt[1] != !args.opt[2]) ||
        (args.opt[3] && fq_serve_parse_count(args.opt[3], 1024, 1LL << 40, &max_body)) ||
        (args.opt[4] && fq_serve_parse_count(args.opt[4], 1, 3600, &timeout)) ||
        (args.opt[5] && fq_serve_parse_count(args.opt[5], 1, POOL_MAX, &pool)) ||
        (args.opt[6] && fq_serve_parse_count(args.opt[6], 1, 10000, &max_conn))) {
        fprintf(stderr, "usage: fieldqc-office serve --db DB --listen ADDR:PORT [--tls-cert F "
                        "--tls-key F] [--photos DIR] [--max-body BYTES] [--timeout S] "
                        "[--pool N] [--max-conn N]\n");
        return 2;
    }
    if (sodium_init() < 0) {
        fprintf(stderr, "fieldqc-office serve: libsodium does not start\n");
        return 1;
    }
    server s;
    memset(&s, 0, sizeof s);
    s.db = args.db;
    s.photos = args.photos;
    s.max_body = max_body;
    s.pool_max = (int)pool;
    pthread_mutex_init(&s.mu, NULL);
    pthread_cond_init(&s.cv, NULL);
    char *cert = NULL, *key = NULL;
    if (args.opt[1] && (!(cert = slurp(args.opt[1])) || !(key = slurp(args.opt[2])))) {
        fprintf(stderr, "fieldqc-office serve: cannot read the TLS certificate or key\n");
        rc = 1;
    }
    if (!rc && prepare(&s))
        rc = 1;
    s.https = cert != NULL;
    fq_portal_config pcfg;
    memset(&pcfg, 0, sizeof pcfg);
    pcfg.spool = s.spool;
    if (!rc && fq_portal_new(&pcfg, &s.portal)) {
        fprintf(stderr, "fieldqc-office serve: the portal does not start\n");
        rc = 1;
    }
    /* the signals that stop the server are taken by this thread alone (sigwait) */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct MHD_Daemon *d = NULL;
    if (!rc) {
        unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                         MHD_USE_POLL | MHD_USE_ERROR_LOG | (cert ? MHD_USE_TLS : 0);
        struct MHD_OptionItem tls[] = {
            {MHD_OPTION_HTTPS_MEM_CERT, 0, cert},
            {MHD_OPTION_HTTPS_MEM_KEY, 0, key},
            {MHD_OPTION_END, 0, NULL},
        };
        d = MHD_start_daemon(flags, 0, NULL, NULL, handle, &s,
                             MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                             MHD_OPTION_CONNECTION_LIMIT, (unsigned)max_conn,
                             MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(max_conn / 2 + 1),
                             MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)timeout,
                             MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HEADER_BYTES,
                             MHD_OPTION_NOTIFY_COMPLETED, completed, &s,
                             MHD_OPTION_ARRAY, cert ? tls : tls + 2,
                             MHD_OPTION_END);
        if (!d) {
            fprintf(stderr, "fieldqc-office serve: cannot listen on %s: %s\n", args.opt[0],
                    strerror(errno));
            rc = 1;
        }
    }
    if (!rc) {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        char ip[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &addr.sin_addr, ip, sizeof ip);
        printf("fieldqc-office serve: listening on %s://%s:%u (%s)\n", cert ? "https" : "http",
               ip, info ? (unsigned)info->port : (unsigned)ntohs(addr.sin_port),
               fq_ostore_is_url(s.db) ? "postgresql" : "sqlite");
        fflush(stdout);
        int sig = 0;
        sigwait(&stop, &sig);
        fprintf(stderr, "fieldqc-office serve: stopping (signal %d)\n", sig);
        MHD_stop_daemon(d);
    }
    for (int i = 0; i < s.n_idle; i++)
        fq_office_close(s.idle[i]);
    fq_portal_free(s.portal);
    sodium_memzero(s.token_key, sizeof s.token_key);
    if (key)
        sodium_memzero(key, strlen(key));
    free(cert);
    free(key);
    pthread_mutex_destroy(&s.mu);
    pthread_cond_destroy(&s.cv);
    return rc;
}
