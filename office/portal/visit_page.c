/* The visit report in the portal: the same report as `fieldqc-office report` writes
 * (office/report_html.h), its photos served by the portal (whole, a click opens the full-size
 * file), and its PDF: the report's HTML with its print style sheet (A4, page numbers, the
 * report number in the footer) printed by Debian's chromium in headless mode, one at a time,
 * with a time limit. The PDF's temporaries live in the server's spool folder. */
#include "portal_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fsio/fsio.h"
#include "office/html.h"
#include "office/report_html.h"

extern char **environ;

/* ---- photos ---- */

void fq_portal_photo(fq_portal_ctx *c, const char *sha256)
{
    char path[sizeof c->res->file];
    struct stat st;
    if (!fq_portal_may_see_photo(c, sha256) ||
        fq_fsio_photo_path(fq_office_photo_dir(c->o), sha256, path, sizeof path) ||
        stat(path, &st) || !S_ISREG(st.st_mode)) {
        fq_portal_not_found(c);
        return;
    }
    c->res->status = 200;
    c->res->content_type = "image/jpeg";
    c->res->cacheable = 1;
    snprintf(c->res->file, sizeof c->res->file, "%s", path);
}

/* The page's photos: served by the portal when the office holds the file. */
static int served_photo(void *ctx, const char *sha, char *out, size_t out_len)
{
    fq_portal_ctx *c = ctx;
    char path[1200];
    if (fq_fsio_photo_path(fq_office_photo_dir(c->o), sha, path, sizeof path) ||
        access(path, R_OK))
        return -1;
    snprintf(out, out_len, "/photos/%s.jpg", sha);
    return 0;
}

/* ---- the page ---- */

void fq_portal_visit_page(fq_portal_ctx *c, const char *uuid)
{
    fq_visit v;
    fq_order o;
    if (!fq_portal_load_visit(c, uuid, &v, &o)) {
        fq_portal_not_found(c);
        return;
    }
    char title[FQ_SHORT_LEN + 80], back[64];
    fq_office_report_title(c->o, c->lang, &v, title, sizeof title);
    fq_portal_page pg;
    if (fq_portal_page_open(c, &pg, title))
        return;
    fprintf(pg.f, "<p class=\"actions noprint\"><a class=button href=\"/visits/%s/report.pdf\">",
            v.meta.uuid);
    fputs(L_(c->lang, "Download PDF"), pg.f);
    fputs("</a></p>", pg.f);
    snprintf(back, sizeof back, "/orders/%s", o.meta.uuid);
    fq_office_report_links links = {served_photo, c, 1, back, L_(c->lang, "the order"), c->lang};
    fputs("<article class=report>", pg.f);
    fq_office_report_visit(c->o, pg.f, &v, c->now, &links, NULL);
    fputs("</article>", pg.f);
    fq_portal_page_send(c, &pg, 200);
}

/* ---- the PDF ---- */

typedef struct pdf_photos {
    fq_portal_ctx *c;
    char dir[1024]; /* the photo folder, absolute */
} pdf_photos;

static int file_photo(void *ctx, const char *sha, char *out, size_t out_len)
{
    pdf_photos *x = ctx;
    char path[1200];
    if (fq_fsio_photo_path(x->dir, sha, path, sizeof path) || access(path, R_OK))
        return -1;
    int n = snprintf(out, out_len, "file://%s", path);
    return n < 0 || (size_t)n >= out_len ? -1 : 0;
}

/* Runs argv, waiting at most timeout_s; 0 when it exited with 0. */
static int run_bounded(char *const *argv, int timeout_s)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    /* its own process group: a timeout ends chromium's helpers too */
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&at, 0);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, argv[0], &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    if (rc)
        return -1;
    struct timespec tick = {0, 50 * 1000 * 1000};
    int status = 0;
    for (long waited_ms = 0;; waited_ms += 50) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR)
            return -1;
        if (waited_ms >= (long)timeout_s * 1000) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        nanosleep(&tick, NULL);
    }
    kill(-pid, SIGKILL); /* helpers a finished chromium left behind */
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* Writes the report's HTML for printing into path. */
static int write_print_html(fq_portal_ctx *c, const fq_visit *v, const char *path)
{
    char why[256];
    fq_fsio_stream *out = NULL;
    if (fq_fsio_stream_open(path, &out, why, sizeof why))
        return -1;
    FILE *f = fq_fsio_stream_file(out);
    char title[FQ_SHORT_LEN + 80], number[FQ_OFFICE_REPORT_NUMBER_LEN];
    fq_office_report_title(c->o, c->lang, v, title, sizeof title);
    fq_office_report_number(v, number);
    pdf_photos x = {c, ""};
    if (!realpath(fq_office_photo_dir(c->o), x.dir))
        x.dir[0] = '\0';
    /* the report's own head and style sheet, and its number in every page's footer */
    fq_office_html_head(f, title, fq_office_lang_tag(c->lang));
    fq_office_report_print_style(f, c->lang, number);
    fq_office_report_links links = {file_photo, &x, 0, "", "", c->lang};
    fq_office_report_visit(c->o, f, v, c->now, &links, NULL);
    fputs("</body></html>\n", f);
    return fq_fsio_stream_commit(out, why, sizeof why) ? -1 : 0;
}

void fq_portal_visit_pdf(fq_portal_ctx *c, const char *uuid)
{
    fq_visit v;
    fq_order o;
    if (!fq_portal_load_visit(c, uuid, &v, &o)) {
        fq_portal_not_found(c);
        return;
    }
    fq_portal *p = c->p;
    char spool[1024], html[1100], pdf[1100], profile[1100], url[1200], out_arg[1200],
        profile_arg[1200], id[25];
    unsigned char raw[12];
    fq_fsio_random(raw, sizeof raw);
    for (int i = 0; i < 12; i++)
        snprintf(id + 2 * i, 3, "%02x", raw[i]);
    if (!p->cfg.spool || !realpath(p->cfg.spool, spool)) {
        fq_portal_error(c, 503, L_(c->lang, "No folder for the PDF's temporaries"));
        return;
    }
    snprintf(html, sizeof html, "%s/report-%s.html", spool, id);
    snprintf(pdf, sizeof pdf, "%s/report-%s.pdf", spool, id);
    snprintf(profile, sizeof profile, "%s/chromium-profile", spool);
    snprintf(url, sizeof url, "file://%s", html);
    snprintf(out_arg, sizeof out_arg, "--print-to-pdf=%s", pdf);
    snprintf(profile_arg, sizeof profile_arg, "--user-data-dir=%s", profile);
    char *argv[16];
    int k = 0;
    argv[k++] = p->pdf_engine;
    argv[k++] = "--headless";
    if (geteuid() == 0)
        argv[k++] = "--no-sandbox"; /* chromium refuses to run as root with its sandbox */
    argv[k++] = "--disable-gpu";
    argv[k++] = "--no-first-run";
    argv[k++] = "--disable-extensions";
    argv[k++] = "--no-pdf-header-footer";
    argv[k++] = profile_arg;
    argv[k++] = out_arg;
    argv[k++] = url;
    argv[k] = NULL;
    pthread_mutex_lock(&p->pdf_mu);
    int ok = write_print_html(c, &v, html) == 0 && run_bounded(argv, p->cfg.pdf_timeout_s) == 0;
    pthread_mutex_unlock(&p->pdf_mu);
    unlink(html);
    struct stat st;
    if (!ok || stat(pdf, &st) || st.st_size < 5) {
        unlink(pdf);
        fq_portal_error(c, 503,
                        L_(c->lang,
                           "The PDF could not be made (is chromium installed?): the report "
                           "page prints with the same layout"));
        return;
    }
    char number[FQ_OFFICE_REPORT_NUMBER_LEN];
    fq_office_report_number(&v, number);
    c->res->status = 200;
    c->res->content_type = "application/pdf";
    snprintf(c->res->file, sizeof c->res->file, "%s", pdf);
    c->res->file_is_temp = 1;
    snprintf(c->res->filename, sizeof c->res->filename, "%s.pdf", number);
}
