/* Private to office/portal: what its files share. */
#ifndef FQ_OFFICE_PORTAL_PORTAL_INTERNAL_H
#define FQ_OFFICE_PORTAL_PORTAL_INTERNAL_H

#include <pthread.h>
#include <stdio.h>

#include "office/lang.h"
#include "office/ostore.h"
#include "office/portal/portal.h"

#define FQ_PORTAL_LIMIT_SLOTS 512
#define FQ_PORTAL_LANGS 2 /* en, zh_CN (office/lang.h) */

/* One key's failed logins in the current window. */
typedef struct fq_portal_limit_slot {
    char key[96];        /* "u:<name>" or "a:<address>" */
    int64_t since;       /* the window's start (monotonic seconds) */
    int failures;
} fq_portal_limit_slot;

struct fq_portal {
    fq_portal_config cfg;
    fq_office_lang *langs[FQ_PORTAL_LANGS]; /* read once, shared read-only */
    char pdf_engine[256];
    pthread_mutex_t mu;                                   /* the login limit */
    fq_portal_limit_slot slots[FQ_PORTAL_LIMIT_SLOTS];
    pthread_mutex_t pdf_mu;                               /* one chromium at a time */
    pthread_mutex_t hash_mu;                              /* password checks running: */
    pthread_cond_t hash_cv;                               /* each takes 64 MB (argon2id) */
    int n_hashing;
};

/* Password checks at once: 64 MB each, so a burst of logins cannot exhaust the memory. */
#define FQ_PORTAL_HASHING_MAX 4

typedef enum fq_portal_role {
    FQ_PORTAL_COORDINATOR = 0,
    FQ_PORTAL_BUYER,
    FQ_PORTAL_INSPECTOR
} fq_portal_role;

/* One request being answered. */
typedef struct fq_portal_ctx {
    fq_portal *p;
    fq_office *o;
    fq_ostore *s;
    const fq_portal_request *req;
    fq_portal_response *res;
    const fq_office_lang *lang; /* the request's language: its cookie, else Accept-Language */
    int error_page;             /* an error page: its language links go back to "/" (a 404
                                 * must be the same page whatever was asked for) */
    int logged_in;
    fq_ostore_user user;
    fq_portal_role role;
    fq_ostore_session session;
    fq_portal_arg form[FQ_PORTAL_MAX_ARGS];   /* a POST's fields */
    size_t n_form;
    char form_buf[FQ_PORTAL_MAX_BODY + 1];
    int64_t now;
} fq_portal_ctx;

/* ---- pages (portal.c) ---- */

/* A page being written: FILE on memory, and what frames it. */
typedef struct fq_portal_page {
    FILE *f;
    char *data;
    size_t len;
} fq_portal_page;

/* Opens a page with the portal's head (title escaped) and, when logged in, its navigation;
 * 0 on success, -1 out of memory (the response is a 500). */
int fq_portal_page_open(fq_portal_ctx *c, fq_portal_page *pg, const char *title);

/* Closes the page and makes it the response with status. */
void fq_portal_page_send(fq_portal_ctx *c, fq_portal_page *pg, unsigned status);

/* An error page with status and a one-line message. */
void fq_portal_error(fq_portal_ctx *c, unsigned status, const char *message);

/* 404, the same for what does not exist and what the user may not see. */
void fq_portal_not_found(fq_portal_ctx *c);

/* A 303 redirect to location. */
void fq_portal_redirect(fq_portal_ctx *c, const char *location);

/* The query argument name, or NULL. */
const char *fq_portal_query(const fq_portal_ctx *c, const char *name);

/* The form field name of a POST, or NULL. */
const char *fq_portal_field(const fq_portal_ctx *c, const char *name);

/* Adds a Set-Cookie (HttpOnly, Secure, SameSite=Strict, Path=/) to the response. */
void fq_portal_set_cookie(fq_portal_ctx *c, const char *name, const char *value, int64_t max_age);

/* value percent-encoded for a link's query (then safe in an attribute too; form.c). */
void fq_portal_url_value(FILE *f, const char *value);

/* A hidden field with the session's CSRF token. */
void fq_portal_csrf_field(fq_portal_ctx *c, FILE *f);

/* The light's dot and its name in the request's language. */
void fq_portal_light(fq_portal_ctx *c, FILE *f, int light);

/* The name of a light in lang ("green", "yellow", "red" in English). */
const char *fq_portal_light_word(const fq_office_lang *lang, int light);

/* GET /lang?to=CODE&back=PATH: remembers the language in the fq_lang cookie and goes back
 * (lang_page.c). */
void fq_portal_lang_choose(fq_portal_ctx *c);

/* The links to the other languages, each named in its own language, back to this page. */
void fq_portal_lang_links(fq_portal_ctx *c, FILE *f);

/* The request's language: the fq_lang cookie when it names one offered, else the first of
 * Accept-Language offered, else English. */
const fq_office_lang *fq_portal_lang_of(const fq_portal *p, const fq_portal_request *req);

/* ---- auth.c ---- */

/* Reads the session cookie into c (logged_in, user, role, session); expired, unknown or
 * disabled: not logged in. */
void fq_portal_auth_session(fq_portal_ctx *c);

/* 1 when the POST's csrf field is the session's token (constant time). */
int fq_portal_auth_csrf_ok(const fq_portal_ctx *c);

/* GET and POST /login, POST /logout. */
void fq_portal_login_page(fq_portal_ctx *c);
void fq_portal_login_post(fq_portal_ctx *c);
void fq_portal_logout(fq_portal_ctx *c);

/* The role of a stored role name; -1 for another. */
int fq_portal_role_parse(const char *role);

/* argon2id hash of password into out (crypto_pwhash_str); -1 out of memory. */
int fq_portal_password_hash(const char *password, char out[FQ_STORE_PW_HASH_LEN]);

/* ---- access.c: who may see what (404 otherwise) ---- */

/* 1 when the user may see the order. */
int fq_portal_may_see_order(fq_portal_ctx *c, const fq_order *o);

/* 1 when the user may see the visit (and its order, given). */
int fq_portal_may_see_visit(fq_portal_ctx *c, const fq_order *o, const fq_visit *v);

/* Loads order uuid into *out when it exists and the user may see it; else 0. */
int fq_portal_load_order(fq_portal_ctx *c, const char *uuid, fq_order *out);

/* Loads visit uuid and its order when the user may see them; else 0. */
int fq_portal_load_visit(fq_portal_ctx *c, const char *uuid, fq_visit *out_v, fq_order *out_o);

/* 1 when the user may see a photo with this sha256 (one of its visits is visible). */
int fq_portal_may_see_photo(fq_portal_ctx *c, const char *sha256);

/* ---- the pages ---- */
void fq_portal_dashboard(fq_portal_ctx *c);                      /* dashboard.c */
void fq_portal_order_page(fq_portal_ctx *c, const char *uuid);   /* order_page.c */
void fq_portal_visit_page(fq_portal_ctx *c, const char *uuid);   /* visit_page.c */
void fq_portal_visit_pdf(fq_portal_ctx *c, const char *uuid);    /* visit_page.c */
void fq_portal_photo(fq_portal_ctx *c, const char *sha256);      /* visit_page.c */
void fq_portal_approvals_page(fq_portal_ctx *c);                 /* approvals.c */
void fq_portal_request_post(fq_portal_ctx *c, const char *order_uuid); /* approvals.c */
void fq_portal_decide_post(fq_portal_ctx *c, const char *request_id);  /* approvals.c */

/* The requests of an order (order_page.c shows them; approvals.c decides them). */
void fq_portal_requests_section(fq_portal_ctx *c, FILE *f, const fq_order *o);

/* The portal's style sheet (style.c): the report's and the portal's own. */
const char *fq_portal_css(void);

#endif
