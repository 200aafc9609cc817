/* fq_portal: the office's web portal (issue 14), served by `fieldqc-office serve` beside the
 * API on the same office store. Coordinators see every order, buyers only their company's,
 * inspectors only their own visits (read only). Pages are HTML written on the server, every
 * user text escaped, under a strict Content-Security-Policy (no inline style, no script at
 * all): a dashboard across factories (lights with their reasons, worst first, filters,
 * counts per light, next milestone and its due day), an order page (milestone chain,
 * evidence photos, approvals, issues, visits), the visit report (office/report_html.h) with
 * full-size photos and its PDF (Debian's chromium, page numbers), and requests for a
 * buyer's written decision (a sample, a spec change, a shipment release) that become
 * approval records in the next job pack.
 *
 * Security: accounts with argon2id password hashes (libsodium crypto_pwhash_str); sessions
 * as a random secret in an HttpOnly, Secure, SameSite=Strict cookie (the office keeps its
 * hash only) with an absolute lifetime; a CSRF token on every form (the session's, or for
 * the login form a double-submitted cookie); failed logins limited per account and per
 * address; whatever a user may not see answers 404, exactly as what does not exist.
 *
 * This module does not speak HTTP: serve.c (the only user of libmicrohttpd) hands it a
 * parsed request and sends the response it fills. Thread-safe: one fq_portal for the
 * server; each call gets the caller's office handle (one per thread). */
#ifndef FQ_OFFICE_PORTAL_PORTAL_H
#define FQ_OFFICE_PORTAL_PORTAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "office/office.h"

typedef struct fq_portal fq_portal;

typedef struct fq_portal_config {
    int64_t session_s;          /* a session's lifetime (0: 12 hours) */
    int login_failures;         /* failed logins allowed per account and window (0: 5) */
    int login_window_s;         /* the window (0: 15 minutes) */
    const char *spool;          /* a folder for temporaries (the PDF's HTML, chromium's
                                 * profile); must exist */
    const char *pdf_engine;     /* chromium (NULL: $FIELDQC_CHROMIUM, else "chromium") */
    int pdf_timeout_s;          /* 0: 90 */
    const char *locale_dir;     /* the catalogs (NULL: $FIELDQC_LOCALEDIR, else beside the
                                 * data folder; office/lang.h) */
} fq_portal_config;

/* Makes the portal; cfg is copied (its strings must outlive the portal). FQ_ERR_NOMEM;
 * FQ_ERR_CORRUPT for a damaged catalog (a missing one leaves its language English). */
fq_err fq_portal_new(const fq_portal_config *cfg, fq_portal **out);

/* Frees; NULL allowed. */
void fq_portal_free(fq_portal *p);

typedef struct fq_portal_arg {
    const char *name;
    const char *value;
} fq_portal_arg;

#define FQ_PORTAL_MAX_ARGS 24
#define FQ_PORTAL_MAX_BODY (16 * 1024)

/* A request as the server parsed it. Strings may be NULL when absent. */
typedef struct fq_portal_request {
    const char *method;         /* "GET", "HEAD", "POST" */
    const char *path;           /* without the query */
    fq_portal_arg query[FQ_PORTAL_MAX_ARGS]; /* decoded query arguments */
    size_t n_query;
    const char *body;           /* a POST's body (application/x-www-form-urlencoded) */
    size_t body_len;
    const char *cookie_session; /* the fq_session cookie */
    const char *cookie_login;   /* the fq_login cookie (the login form's token) */
    const char *cookie_lang;    /* the fq_lang cookie (the chosen language) */
    const char *accept_language; /* the Accept-Language header */
    const char *client;         /* the client's address, for the login limit */
    int https;                  /* served over TLS */
} fq_portal_request;

#define FQ_PORTAL_MAX_COOKIES 2

typedef struct fq_portal_response {
    unsigned status;
    const char *content_type;   /* static */
    char *body;                 /* malloc'd (fq_portal_response_free), may be NULL */
    size_t body_len;
    char file[1200];            /* send this file instead of body ("" : none) */
    int file_is_temp;           /* remove file once it is open */
    char location[512];         /* a redirect's target ("" : none) */
    char filename[96];          /* a download's name (Content-Disposition; "" : none) */
    char cookies[FQ_PORTAL_MAX_COOKIES][256]; /* Set-Cookie values */
    int n_cookies;
    int cacheable;              /* a style sheet or a photo: may be cached privately */
    int retry_after_s;          /* 429: when to try again (0 : not said) */
} fq_portal_response;

/* 1 when path is the portal's (everything but /api/...). */
int fq_portal_owns(const char *path);

/* Answers req into *out (always filled: an error is a page with its status). o is the
 * caller's office handle. */
void fq_portal_handle(fq_portal *p, fq_office *o, const fq_portal_request *req,
                      fq_portal_response *out);

/* Frees the response's body; NULL allowed. */
void fq_portal_response_free(fq_portal_response *r);

/* The Content-Security-Policy every portal answer carries. */
const char *fq_portal_csp(void);

/* fieldqc-office user [--db DB] add NAME --role coordinator|buyer|inspector [--company C]
 * [--display D] | reset NAME | disable NAME | enable NAME | list: the portal's accounts; a
 * password is read from standard input (twice without echo on a terminal). */
int fq_office_cmd_user(int argc, char **argv);

/* ---- pure parts, tested and fuzzed on their own ---- */

/* Parses an application/x-www-form-urlencoded body into args (names and values decoded in
 * place in buf, which must hold len + 1 bytes: the body is copied there first). Returns
 * the number of arguments (at most max), or -1 for a malformed body (a bad %-escape, a NUL,
 * more than max arguments). */
int fq_portal_form_parse(char *buf, size_t len, fq_portal_arg *args, size_t max);

/* The value of name among args (the first), or NULL. */
const char *fq_portal_arg_get(const fq_portal_arg *args, size_t n, const char *name);

/* 1 when name is an account name: 1-63 of [a-z0-9._@-], not starting with '.' or '-'. */
int fq_portal_user_name_ok(const char *name);

#endif
