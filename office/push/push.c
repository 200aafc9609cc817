/* fieldqc-office push: a laptop forwards to the office server everything it imported since it
 * was set up to forward (push.h), then brings back the server's receipt and job pack of each
 * of its devices for the next tether. The only user of libcurl.
 *
 * Exactly once, end to end: a queued bundle is marked sent (and its copy removed) only after
 * the server answered 200 for it, and the server's import is idempotent (the same bundle
 * again is "already", overlapping ones apply the positions it lacks). A drop anywhere (the
 * cable, the server killed mid-upload) leaves the bundle queued: the next try sends it whole
 * again, and the server ends as if it had got it once. Order: the queue's, which is the
 * import order, so each device's bundles reach the server in the order the laptop took
 * them. Transient failures (connection, 5xx, 408, 429) are retried with a growing pause,
 * then push stops and says so: the next push resumes with what is still queued. A refusal
 * (4xx: not enrolled there, a revoked device, a bundle the server finds corrupt) is
 * reported and the bundle stays queued; the others go on. */
#include "office/push/push.h"

#include <curl/curl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsio/fsio.h"
#include "office/commands.h"
#include "office/office.h"
#include "office/progress.h"

#define ANSWER_MAX ((size_t)256 << 20)

typedef struct pusher {
    fq_office *o;
    CURL *curl;
    char server[512];
    char auth[256];
    const char *cacert;
    int tries;
    int64_t n_sent;
    int64_t n_already;
    int64_t n_refused;
    int64_t bytes_sent;
    fq_office_progress progress;
} pusher;

typedef struct answer_buf {
    char *data;
    size_t len;
    int too_big;
} answer_buf;

static size_t on_answer(char *data, size_t size, size_t n, void *ctx)
{
    answer_buf *a = ctx;
    size_t len = size * n;
    if (a->len + len > ANSWER_MAX) {
        a->too_big = 1;
        return 0;
    }
    char *grown = realloc(a->data, a->len + len + 1);
    if (!grown)
        return 0;
    memcpy(grown + a->len, data, len);
    a->data = grown;
    a->len += len;
    a->data[a->len] = '\0';
    return len;
}

/* The "message" of a JSON error answer, for the person reading push's output. */
static void error_message(const answer_buf *a, char *out, size_t out_len)
{
    const char *m = a->data ? strstr(a->data, "\"message\":\"") : NULL;
    if (!m) {
        snprintf(out, out_len, "%s", a->data && a->len < 200 ? a->data : "(no message)");
        return;
    }
    m += 11;
    size_t n = 0;
    while (m[n] && m[n] != '"' && n + 1 < out_len)
        n++;
    snprintf(out, out_len, "%.*s", (int)n, m);
}

/* One request: method, path, an optional body (file or text); the status into *out_status
 * (0 when the connection failed, with curl's reason in err). */
static void request(pusher *p, const char *method, const char *path, FILE *body_file,
                    curl_off_t body_len, const char *body_text, answer_buf *a, long *out_status,
                    char *err, size_t err_len)
{
    CURL *c = p->curl;
    char url[1024], errbuf[CURL_ERROR_SIZE] = "";
    snprintf(url, sizeof url, "%s%s", p->server, path);
    curl_easy_reset(c);
    struct curl_slist *h = curl_slist_append(NULL, p->auth);
    h = curl_slist_append(h, body_file ? "Content-Type: application/vnd.fieldqc.bundle"
                                       : "Content-Type: text/plain");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_answer);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    /* a dropped cable or a dead server: nothing moves for 30 s and the try ends */
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 30L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    if (p->cacert)
        curl_easy_setopt(c, CURLOPT_CAINFO, p->cacert);
    if (!strcmp(method, "POST")) {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_READDATA, body_file);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, body_len);
    } else if (!strcmp(method, "PUT")) {
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body_text);
    }
    CURLcode rc = curl_easy_perform(c);
    *out_status = 0;
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, out_status);
    else
        snprintf(err, err_len, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
    curl_slist_free_all(h);
}

static int transient(long status)
{
    return status == 0 || status == 408 || status == 429 || status >= 500;
}

static void pause_before(int attempt)
{
    struct timespec ts = {0, 0};
    long ms = 250L << (attempt < 5 ? attempt : 5);
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

/* ---- 1. enrolments ---- */

static int forward_enrolment(void *ctx, const fq_office_device *d)
{
    pusher *p = ctx;
    if (d->revoked_utc)
        return 0;
    char path[160], err[CURL_ERROR_SIZE], msg[256];
    snprintf(path, sizeof path, "/api/v1/devices/%s/key", d->device_id);
    for (int attempt = 0; attempt < p->tries; attempt++) {
        answer_buf a = {0};
        long status = 0;
        request(p, "PUT", path, NULL, 0, d->public_key, &a, &status, err, sizeof err);
        if (status == 200 || status == 201) {
            if (status == 201)
                fprintf(stderr, "push: device %s enrolled at the server\n", d->device_id);
            free(a.data);
            return 0;
        }
        if (!transient(status)) {
            error_message(&a, msg, sizeof msg);
            fprintf(stderr, "push: the server did not take device %s's key (%ld): %s\n",
                    d->device_id, status, msg);
            free(a.data);
            return 0;
        }
        free(a.data);
        pause_before(attempt);
    }
    return 0;
}

/* ---- 2. the queue ---- */

typedef struct queued {
    fq_ostore_outbound *items;
    size_t n;
    size_t cap;
} queued;

static int collect(void *ctx, const fq_ostore_outbound *x)
{
    queued *q = ctx;
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 64;
        fq_ostore_outbound *grown = realloc(q->items, cap * sizeof *grown);
        if (!grown)
            return 1;
        q->items = grown;
        q->cap = cap;
    }
    q->items[q->n++] = *x;
    return 0;
}

/* 0 sent (or held already), 1 refused (stays queued), -1 the server is out of reach. */
static int send_one(pusher *p, const fq_ostore_outbound *x)
{
    char file[FQ_BUNDLE_PATH_LEN * 2], err[CURL_ERROR_SIZE] = "", msg[512];
    snprintf(file, sizeof file, "%s.outgoing/%s", fq_office_base(p->o), x->file);
    struct stat st;
    if (stat(file, &st) != 0) {
        fprintf(stderr, "push: %s is queued but its copy %s is gone\n", x->bundle_id, file);
        p->n_refused++;
        return 1;
    }
    for (int attempt = 0; attempt < p->tries; attempt++) {
        FILE *f = fopen(file, "rb");
        if (!f)
            return 1;
        answer_buf a = {0};
        long status = 0;
        request(p, "POST", "/api/v1/bundles", f, (curl_off_t)st.st_size, NULL, &a, &status, err,
                 sizeof err);
        fclose(f);
        if (status == 200) {
            int already = a.data && strstr(a.data, "\"already\":true") != NULL;
            free(a.data);
            fq_ostore *s = fq_office_store(p->o);
            if (fq_ostore_outbound_done(s, x->bundle_id, p->server, fq_ostore_now(s))) {
                fprintf(stderr, "push: %s\n", fq_ostore_errmsg(s));
                return -1;
            }
            unlink(file);
            p->n_sent += !already;
            p->n_already += already;
            p->bytes_sent += (int64_t)st.st_size;
            return 0;
        }
        error_message(&a, msg, sizeof msg);
        free(a.data);
        if (!transient(status)) {
            fprintf(stderr, "\npush: the server refused %s from %s (%ld): %s\n", x->file,
                    x->device_id, status, msg);
            p->n_refused++;
            return 1;
        }
        fprintf(stderr, "\npush: %s: %s; trying again\n", x->file,
                status ? msg : err);
        pause_before(attempt);
    }
    return -1;
}

/* Copies in <base>.outgoing that no queue row names: an import killed after the copy. */
static void remove_orphans(pusher *p)
{
    char dir[FQ_BUNDLE_PATH_LEN + 16];
    snprintf(dir, sizeof dir, "%s.outgoing", fq_office_base(p->o));
    DIR *d = opendir(dir);
    struct dirent *ent;
    fq_ostore *s = fq_office_store(p->o);
    while (d && (ent = readdir(d)) != NULL) {
        size_t n = strlen(ent->d_name);
        if (ent->d_name[0] == '.' || n != 36 + 4 || strcmp(ent->d_name + 36, ".fqb"))
            continue;
        char id[FQ_UUID_LEN], path[sizeof dir + 300];
        snprintf(id, sizeof id, "%.36s", ent->d_name);
        int queued_already = 1;
        if (fq_ostore_outbound_has(s, id, &queued_already) == FQ_OK && !queued_already &&
            snprintf(path, sizeof path, "%s/%s", dir, ent->d_name) < (int)sizeof path)
            unlink(path);
    }
    if (d)
        closedir(d);
}

/* ---- 3. what the server has for each device ---- */

typedef struct fetch_ctx {
    pusher *p;
    int failed;
    int n_files;
} fetch_ctx;

static int save(pusher *p, const char *path, const answer_buf *a)
{
    char dir[FQ_BUNDLE_PATH_LEN + 16], err[256];
    snprintf(dir, sizeof dir, "%s.relay", fq_office_base(p->o));
    if (fq_fsio_mkdirs(dir, err, sizeof err) ||
        fq_fsio_write_atomic(path, a->data, a->len, NULL, err, sizeof err)) {
        fprintf(stderr, "push: %s\n", err);
        return -1;
    }
    return 0;
}

static int fetch_device(void *ctx, const fq_office_device *d)
{
    fetch_ctx *f = ctx;
    pusher *p = f->p;
    if (d->revoked_utc)
        return 0;
    for (int jobs = 0; jobs < 2; jobs++) {
        char path[160], file[FQ_BUNDLE_PATH_LEN * 2], err[CURL_ERROR_SIZE] = "", msg[256];
        snprintf(path, sizeof path, "/api/v1/devices/%s/%s", d->device_id,
                 jobs ? "jobs" : "receipt");
        fq_office_relay_path(p->o, d->device_id, jobs, file, sizeof file);
        long status = 0;
        answer_buf a = {0};
        for (int attempt = 0; attempt < p->tries; attempt++) {
            free(a.data);
            memset(&a, 0, sizeof a);
            request(p, "GET", path, NULL, 0, NULL, &a, &status, err, sizeof err);
            if (!transient(status))
                break;
            pause_before(attempt);
        }
        if (status == 200) {
            if (save(p, file, &a))
                f->failed = 1;
            else
                f->n_files++;
        } else if (status == 404 && jobs) {
            unlink(file); /* no open visit for it at the server now */
        } else if (transient(status)) {
            fprintf(stderr, "push: %s of %s: %s\n", jobs ? "job pack" : "receipt", d->device_id,
                    status ? "server error" : err);
            f->failed = 1;
        } else {
            error_message(&a, msg, sizeof msg);
            fprintf(stderr, "push: no %s for %s from the server (%ld): %s\n",
                    jobs ? "job pack" : "receipt", d->device_id, status, msg);
        }
        free(a.data);
    }
    return 0;
}

/* ---- the command ---- */

static int run(pusher *p)
{
    fq_err e = fq_office_each_device(p->o, forward_enrolment, p);
    if (e) {
        fprintf(stderr, "push: %s\n", fq_office_errmsg(p->o));
        return 1;
    }
    remove_orphans(p);
    queued q = {0};
    fq_ostore *s = fq_office_store(p->o);
    if (fq_ostore_each_outbound(s, collect, &q)) {
        fprintf(stderr, "push: %s\n", fq_ostore_errmsg(s));
        free(q.items);
        return 1;
    }
    int64_t total = 0;
    for (size_t i = 0; i < q.n; i++)
        total += q.items[i].bytes;
    fq_office_progress_start(&p->progress, "push", "bundles", (int64_t)q.n, total);
    int unreachable = 0;
    for (size_t i = 0; i < q.n && !unreachable; i++) {
        unreachable = send_one(p, &q.items[i]) < 0;
        fq_office_progress_step(&p->progress, 1, q.items[i].bytes);
    }
    fq_office_progress_end(&p->progress);
    free(q.items);
    if (unreachable) {
        fprintf(stderr, "push: the server is out of reach: %lld bundle(s) sent, the rest stay "
                        "queued for the next push\n", (long long)p->n_sent);
        return 1;
    }
    fetch_ctx f = {p, 0, 0};
    if (fq_office_each_device(p->o, fetch_device, &f)) {
        fprintf(stderr, "push: %s\n", fq_office_errmsg(p->o));
        return 1;
    }
    printf("push: %lld bundle(s) sent, %lld held by the server already, %lld refused (still "
           "queued); %d receipt(s) and job pack(s) brought back for the next tether\n",
           (long long)p->n_sent, (long long)p->n_already, (long long)p->n_refused, f.n_files);
    return f.failed || p->n_refused ? 1 : 0;
}

int fq_office_cmd_push(int argc, char **argv)
{
    static const char *const names[] = {"--server", "--token", "--cacert", "--tries"};
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, names, 4, &args);
    if (rc)
        return rc;
    int tries = args.opt[3] ? atoi(args.opt[3]) : 5;
    if (args.n_pos || (!args.opt[0] != !args.opt[1]) || tries < 1 || tries > 100) {
        fprintf(stderr, "usage: fieldqc-office push [--db FILE] [--server URL --token T] "
                        "[--cacert F] [--tries N]\n");
        return 2;
    }
    pusher p;
    memset(&p, 0, sizeof p);
    p.tries = tries;
    p.cacert = args.opt[2];
    if (fq_office_open_with(args.db, args.photos, &p.o)) {
        fprintf(stderr, "fieldqc-office push: %s\n", fq_office_errmsg(p.o));
        fq_office_close(p.o);
        return 1;
    }
    char token[200] = "";
    if (args.opt[0] && fq_office_forward_setup(p.o, args.opt[0], args.opt[1]))
        rc = 1;
    if (!rc && fq_office_forward_config(p.o, p.server, sizeof p.server, token, sizeof token))
        rc = 1;
    if (rc) {
        fprintf(stderr, "fieldqc-office push: %s\n", fq_office_errmsg(p.o));
    } else if (!p.server[0]) {
        fprintf(stderr, "fieldqc-office push: no server set up yet: push --server URL --token "
                        "T (once; this laptop then keeps what it imports for the server)\n");
        rc = 1;
    } else {
        size_t n = strlen(p.server);
        while (n && p.server[n - 1] == '/')
            p.server[--n] = '\0';
        snprintf(p.auth, sizeof p.auth, "Authorization: Bearer %s", token);
        if (curl_global_init(CURL_GLOBAL_DEFAULT) || !(p.curl = curl_easy_init())) {
            fprintf(stderr, "fieldqc-office push: libcurl does not start\n");
            rc = 1;
        } else {
            rc = run(&p);
        }
        curl_easy_cleanup(p.curl);
        curl_global_cleanup();
    }
    memset(token, 0, sizeof token);
    memset(p.auth, 0, sizeof p.auth);
    fq_office_close(p.o);
    return rc;
}
