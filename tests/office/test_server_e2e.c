/* The office server end to end (issue 13): device -> sync folder -> laptop (sqlite office,
 * set up to forward) -> push over HTTPS to `fieldqc-office serve` on PostgreSQL -> the
 * server's receipt and job pack back through the laptop to the device. On the way a proxy
 * between laptop and server drops the first upload's connection, and the server is killed
 * with SIGKILL in the middle of another upload and started again: at the end the server
 * holds every change and photo exactly once (its records digest equals the device's), the
 * laptop's queue is empty, and the device takes the server's receipt (everything it
 * exported is acknowledged) and job pack.
 * Needs PostgreSQL (FIELDQC_TEST_PG_URL, the ctest fixture) and openssl for a certificate;
 * skipped otherwise. The server listens on 127.0.0.1 only. */
#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "services/sync.h"
#include "sync_fixture.h"

static const char *office_bin;
static char dir[1024];

/* ---- processes ---- */

typedef struct server_proc {
    pid_t pid;
    int port;
} server_proc;

/* Starts `fieldqc-office serve` on the server database (HTTPS) and reads its port. */
static server_proc server_start(const char *db, const char *photos)
{
    char cert[1200], key[1200];
    snprintf(cert, sizeof cert, "%s/cert.pem", dir);
    snprintf(key, sizeof key, "%s/key.pem", dir);
    const char *const extra[] = {"--photos", photos, "--tls-cert", cert, "--tls-key", key,
                                 "--timeout", "10", NULL};
    server_proc s;
    s.port = fx_serve_start(office_bin, db, dir, extra, &s.pid);
    return s;
}

static void server_kill(server_proc *s, int sig)
{
    kill(s->pid, sig);
    int status = 0;
    waitpid(s->pid, &status, 0);
    s->pid = 0;
}

/* ---- a proxy between laptop and server that can drop a connection ---- */

typedef struct proxy {
    int listen_fd;
    int port;
    volatile int target_port;     /* the server's, changed when it is restarted */
    volatile int drop_next_after; /* >0: cut the next connection after this many bytes up */
    volatile long long up_bytes;  /* bytes relayed client -> server, all connections */
    volatile int n_dropped;
    pthread_t thread;
} proxy;

typedef struct link_ctx {
    proxy *px;
    int client;
} link_ctx;

static void *relay(void *arg)
{
    link_ctx *l = arg;
    proxy *px = l->px;
    int drop_after = px->drop_next_after;
    px->drop_next_after = 0;
    int server = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)px->target_port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(server, (struct sockaddr *)&a, sizeof a) != 0) {
        close(server);
        close(l->client);
        free(l);
        return NULL;
    }
    long long up = 0;
    struct pollfd p[2] = {{l->client, POLLIN, 0}, {server, POLLIN, 0}};
    char buf[16384];
    for (;;) {
        if (poll(p, 2, 60000) <= 0)
            break;
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = read(l->client, buf, sizeof buf);
            if (n <= 0 || write(server, buf, (size_t)n) != n)
                break;
            up += n;
            px->up_bytes += n;
            if (drop_after && up > drop_after) {
                px->n_dropped++;
                break; /* the cable is pulled mid-upload */
            }
        }
        if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = read(server, buf, sizeof buf);
            if (n <= 0 || write(l->client, buf, (size_t)n) != n)
                break;
        }
    }
    shutdown(server, SHUT_RDWR);
    shutdown(l->client, SHUT_RDWR);
    close(server);
    close(l->client);
    free(l);
    return NULL;
}

static void *accept_loop(void *arg)
{
    proxy *px = arg;
    for (;;) {
        int c = accept(px->listen_fd, NULL, NULL);
        if (c < 0)
            return NULL;
        link_ctx *l = malloc(sizeof *l);
        l->px = px;
        l->client = c;
        pthread_t t;
        pthread_create(&t, NULL, relay, l);
        pthread_detach(t);
    }
}

static void proxy_start(proxy *px, int target_port)
{
    memset(px, 0, sizeof *px);
    px->target_port = target_port;
    px->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(px->listen_fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(px->listen_fd, 64), 0);
    socklen_t len = sizeof a;
    getsockname(px->listen_fd, (struct sockaddr *)&a, &len);
    px->port = ntohs(a.sin_port);
    pthread_create(&px->thread, NULL, accept_loop, px);
}

/* ---- the steps ---- */

static void export_ok(fq_app_sync *dev, fq_app_sync_export_result *res)
{
    if (fq_app_sync_export(dev, res))
        fail_msg("export: %s", fq_app_sync_errmsg(dev));
}

static int64_t count_in(const char *db, const char *photos, const char *table)
{
    fq_office *o = NULL;
    if (fq_office_open_with(db, photos, &o))
        fail_msg("office %s: %s", db, fq_office_errmsg(o));
    int64_t n = fx_count(fq_office_store(o), table);
    fq_office_close(o);
    return n;
}

static void digest_of(const char *db, const char *photos, char out[65])
{
    fq_office *o = NULL;
    if (fq_office_open_with(db, photos, &o))
        fail_msg("office %s: %s", db, fq_office_errmsg(o));
    fx_db_digest(fq_office_store(o), out);
    fq_office_close(o);
}

static void test_device_laptop_server_round_trip(void **state)
{
    (void)state;
    if (!fx_pg() || system("command -v openssl >/dev/null 2>&1") != 0)
        skip();
    snprintf(dir, sizeof dir, "%s", fq_test_dir("e2e"));
    assert_int_equal(fx_run("openssl req -x509 -newkey rsa:2048 -nodes -keyout '%s/key.pem' -out"
                         " '%s/cert.pem' -days 2 -subj /CN=127.0.0.1 -addext"
                         " subjectAltName=IP:127.0.0.1 >/dev/null 2>&1", dir, dir), 0);
    /* the server: PostgreSQL, its own photo folder, a token for the laptop */
    char server_db[1400], server_photos[1200], laptop_db[1200], token[256], tok_file[1200];
    char srv_dir[1100];
    snprintf(srv_dir, sizeof srv_dir, "%s/server", dir);
    fx_office_path(srv_dir, server_db, sizeof server_db);
    snprintf(server_photos, sizeof server_photos, "%s/server.photos", dir);
    snprintf(laptop_db, sizeof laptop_db, "%s/laptop.db", dir);
    snprintf(tok_file, sizeof tok_file, "%s/token.txt", dir);
    unsetenv("FIELDQC_PHOTOS"); /* each office here names its photos itself */
    assert_int_equal(fx_run("'%s' token --db '%s' --photos '%s' --new laptop > '%s' 2>/dev/null",
                         office_bin, server_db, server_photos, tok_file), 0);
    FILE *tf = fopen(tok_file, "r");
    assert_non_null(tf);
    assert_non_null(fgets(token, sizeof token, tf));
    fclose(tf);
    token[strcspn(token, "\n")] = '\0';
    server_proc srv = server_start(server_db, server_photos);
    proxy px;
    proxy_start(&px, srv.port);

    /* the tablet: a visit with 40 photos, exported to its sync folder */
    fx_device d;
    fx_device_create(&d, dir, "tablet", "tab-e", 40, 0);
    fq_app_sync *dev = NULL;
    assert_int_equal(fq_app_sync_open(d.st, d.photo_dir, d.sync_dir, &dev), FQ_OK);
    fq_app_sync_export_result ex1;
    export_ok(dev, &ex1);

    /* the laptop: set up to forward (before its first tether), enrols the tablet, syncs */
    char pub[FQ_BUNDLE_KEY_HEX_LEN], fp[FQ_BUNDLE_FINGERPRINT_LEN];
    fx_device_public_key(&d, pub);
    assert_int_equal(fq_bundle_fingerprint(pub, fp), FQ_OK);
    /* the first push has nothing queued yet; it sets the server up and forwards nothing */
    assert_int_equal(fx_run("'%s' push --db '%s' --server https://127.0.0.1:%d --token %s --cacert"
                         " '%s/cert.pem' >>'%s/push.log' 2>&1",
                         office_bin, laptop_db, px.port, token, dir, dir), 0);
    assert_int_equal(fx_run("'%s' enrol --db '%s' --fingerprint %s '%s' >/dev/null </dev/null",
                         office_bin, laptop_db, fp, d.sync_dir), 0);
    assert_int_equal(fx_run("'%s' sync --db '%s' '%s' >>'%s/sync.log' 2>&1", office_bin, laptop_db,
                         d.sync_dir, dir), 0);
    /* nothing of the laptop's own goes to the tablet: it waits for the server's receipt */
    fq_app_sync_inbox_result in;
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    assert_int_equal(in.n_receipts, 0);

    /* push 1: the proxy drops the upload's connection after 64 KiB; push tries again */
    px.drop_next_after = 64 * 1024; /* the key PUT is small: this cuts the POST */
    assert_int_equal(fx_run("'%s' push --db '%s' --cacert '%s/cert.pem' >>'%s/push.log' 2>&1",
                         office_bin, laptop_db, dir, dir), 0);
    assert_true(px.n_dropped >= 1);

    /* more work on the tablet, synced to the laptop */
    for (int i = 0; i < 30; i++)
        fx_device_add_photo(&d, 1000 + i, NULL);
    for (int i = 0; i < 50; i++) {
        char text[64];
        snprintf(text, sizeof text, "after the first push %d", i);
        fx_device_add_finding(&d, text);
    }
    fq_app_sync_export_result ex2;
    export_ok(dev, &ex2);
    assert_int_equal(fx_run("'%s' sync --db '%s' '%s' >>'%s/sync.log' 2>&1", office_bin, laptop_db,
                         d.sync_dir, dir), 0);

    /* push 2: the server is killed (SIGKILL) while the upload is under way; push gives up
     * after its tries and keeps the bundle queued */
    pid_t pusher = fork();
    assert_true(pusher >= 0);
    if (pusher == 0) {
        char cmd[4096];
        snprintf(cmd, sizeof cmd, "'%s' push --db '%s' --cacert '%s/cert.pem' --tries 2"
                                  " >>'%s/push.log' 2>&1",
                 office_bin, laptop_db, dir, dir);
        _exit(system(cmd) == 0 ? 0 : 1);
    }
    long long start = px.up_bytes;
    for (int i = 0; i < 2000 && px.up_bytes < start + 32 * 1024; i++)
        usleep(1000);
    server_kill(&srv, SIGKILL);
    int status = 0;
    waitpid(pusher, &status, 0);
    print_message("push while the server was killed: exit %d\n", WEXITSTATUS(status));
    /* the server again (same database, same photos); push resumes with what is queued */
    srv = server_start(server_db, server_photos);
    px.target_port = srv.port;
    assert_int_equal(fx_run("'%s' push --db '%s' --cacert '%s/cert.pem' >>'%s/push.log' 2>&1",
                         office_bin, laptop_db, dir, dir), 0);
    /* a push with nothing queued sends nothing and changes nothing at the server */
    char before_digest[65], after_digest[65];
    digest_of(server_db, server_photos, before_digest);
    int64_t imports = count_in(server_db, server_photos, "office_imports");
    assert_int_equal(fx_run("'%s' push --db '%s' --cacert '%s/cert.pem' >>'%s/push.log' 2>&1",
                         office_bin, laptop_db, dir, dir), 0);
    digest_of(server_db, server_photos, after_digest);
    assert_string_equal(before_digest, after_digest);
    assert_int_equal(count_in(server_db, server_photos, "office_imports"), imports);

    /* exactly once: the server holds what the device holds, each bundle logged once */
    char dev_digest[65], laptop_digest[65];
    fx_db_digest(d.st, dev_digest);
    digest_of(laptop_db, NULL, laptop_digest);
    assert_string_equal(dev_digest, laptop_digest);
    assert_string_equal(dev_digest, after_digest);
    assert_int_equal(imports, count_in(laptop_db, NULL, "office_imports"));
    assert_int_equal(count_in(server_db, server_photos, "photos"), fx_count(d.st, "photos"));
    assert_int_equal(count_in(server_db, server_photos, "office_photo_senders"),
                     count_in(laptop_db, NULL, "office_photo_senders"));
    assert_int_equal(count_in(server_db, server_photos, "office_conflicts"), 0);

    /* the next tether: the laptop hands the tablet the server's receipt and job pack */
    assert_int_equal(fx_run("'%s' sync --db '%s' '%s' >>'%s/sync.log' 2>&1", office_bin, laptop_db,
                         d.sync_dir, dir), 0);
    assert_int_equal(fq_app_sync_read_inbox(dev, &in), FQ_OK);
    assert_int_equal(in.n_rejected, 0);
    assert_int_equal(in.n_receipts, 1);
    assert_int_equal(in.n_job_packs, 1);
    assert_int_equal(in.acked_seq, ex2.to_seq);
    /* nothing left to send: the tablet's next export is empty */
    fq_app_sync_export_result ex3;
    export_ok(dev, &ex3);
    assert_int_equal(ex3.n_records, 0);
    assert_int_equal(ex3.n_photos, 0);

    server_kill(&srv, SIGTERM);
    shutdown(px.listen_fd, SHUT_RDWR);
    close(px.listen_fd);
    pthread_join(px.thread, NULL);
    fq_app_sync_close(dev);
    fq_store_close(d.st);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FIELDQC_OFFICE\n", argv[0]);
        return 2;
    }
    office_bin = argv[1];
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_device_laptop_server_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
