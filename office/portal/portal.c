/* The portal's requests: routing, the page frame (head, navigation), errors and redirects,
 * form and query access. Routes (a uuid segment is checked before anything is read):
 *   GET  /                      -> /dashboard or /login
 *   GET  /login, POST /login, POST /logout
 *   GET  /dashboard             orders across factories (filters in the query)
 *   GET  /approvals             requests for a decision: pending with deadlines, decided
 *   GET  /orders/<uuid>         one order
 *   POST /orders/<uuid>/requests  a coordinator asks for a decision
 *   POST /requests/<id>/decide  a buyer approves or rejects
 *   GET  /visits/<uuid>         the visit report; /visits/<uuid>/report.pdf its PDF
 *   GET  /photos/<sha256>.jpg   a photo (full size)
 *   GET  /static/portal.css     the style sheet
 *   GET  /lang?to=zh_CN&back=/x the language (a cookie), logged in or not
 * Everything else, and everything the user may not see, is 404. */
#include "portal_internal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/lights.h"
#include "core/text.h"
#include "office/html.h"

static const char CSP[] = "default-src 'none'; style-src 'self'; img-src 'self'; "
                          "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const char *fq_portal_csp(void)
{
    return CSP;
}

int fq_portal_owns(const char *path)
{
    return path && strncmp(path, "/api/", 5) != 0 && strcmp(path, "/api") != 0;
}

fq_err fq_portal_new(const fq_portal_config *cfg, fq_portal **out)
{
    if (sodium_init() < 0)
        return FQ_ERR_INVALID;
    fq_portal *p = calloc(1, sizeof *p);
    if (!p)
        return FQ_ERR_NOMEM;
    p->cfg = *cfg;
    if (p->cfg.session_s <= 0)
        p->cfg.session_s = 12 * 3600;
    if (p->cfg.login_failures <= 0)
        p->cfg.login_failures = 5;
    if (p->cfg.login_window_s <= 0)
        p->cfg.login_window_s = 15 * 60;
    if (p->cfg.pdf_timeout_s <= 0)
        p->cfg.pdf_timeout_s = 90;
    const char *engine = cfg->pdf_engine ? cfg->pdf_engine : getenv("FIELDQC_CHROMIUM");
    snprintf(p->pdf_engine, sizeof p->pdf_engine, "%s", engine && *engine ? engine : "chromium");
    static const char *const codes[FQ_PORTAL_LANGS] = {"en", "zh_CN"};
    for (int i = 0; i < FQ_PORTAL_LANGS; i++) {
        fq_err e = fq_office_lang_load(codes[i], cfg->locale_dir, &p->langs[i]);
        if (e) {
            for (int k = 0; k < i; k++)
                fq_office_lang_free(p->langs[k]);
            free(p);
            return e;
        }
        if (!fq_office_lang_complete(p->langs[i]))
            fprintf(stderr,
                    "fieldqc-office serve: no %s catalog found: the portal stays "
                    "English in that language\n",
                    codes[i]);
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_mutex_init(&p->pdf_mu, NULL);
    pthread_mutex_init(&p->hash_mu, NULL);
    pthread_cond_init(&p->hash_cv, NULL);
    *out = p;
    return FQ_OK;
}

void fq_portal_free(fq_portal *p)
{
    if (!p)
        return;
    pthread_mutex_destroy(&p->mu);
    pthread_mutex_destroy(&p->pdf_mu);
    pthread_mutex_destroy(&p->hash_mu);
    pthread_cond_destroy(&p->hash_cv);
    for (int i = 0; i < FQ_PORTAL_LANGS; i++)
        fq_office_lang_free(p->langs[i]);
    free(p);
}

void fq_portal_response_free(fq_portal_response *r)
{
    if (!r)
        return;
    free(r->body);
    r->body = NULL;
    r->body_len = 0;
}

const char *fq_portal_query(const fq_portal_ctx *c, const char *name)
{
    return fq_portal_arg_get(c->req->query, c->req->n_query, name);
}

const char *fq_portal_field(const fq_portal_ctx *c, const char *name)
{
    return fq_portal_arg_get(c->form, c->n_form, name);
}

/* ---- pages ---- */

/* A logged-out page's bar: only the language links. */
static void frame_bare(fq_portal_ctx *c, FILE *f)
{
    fputs("<header class=bar><nav><span class=brand>fieldqc</span></nav><div class=who>", f);
    fq_portal_lang_links(c, f);
    fputs("</div></header>\n", f);
}

static void nav(fq_portal_ctx *c, FILE *f)
{
    const fq_office_lang *l = c->lang;
    const char *const roles[] = {L_(l, "coordinator"), L_(l, "buyer"), L_(l, "inspector")};
    fputs("<header class=bar><nav><a class=brand href=\"/dashboard\">fieldqc</a>", f);
    fputs(L_(l, "<a href=\"/dashboard\">Orders</a><a href=\"/approvals\">Approvals</a>"), f);
    fputs("</nav><div class=who>", f);
    fq_portal_lang_links(c, f);
    fq_office_html_text(f, c->user.display[0] ? c->user.display : c->user.name);
    fprintf(f, " <span class=muted>(%s", roles[c->role]);
    if (c->role == FQ_PORTAL_BUYER) {
        fputs(", ", f);
        fq_office_html_text(f, c->user.company);
    }
    fputs(")</span><form method=post action=\"/logout\" class=inline>", f);
    fq_portal_csrf_field(c, f);
    fputs(L_(l, "<button type=submit class=link>Log out</button>"), f);
    fputs("</form></div></header>\n", f);
}

int fq_portal_page_open(fq_portal_ctx *c, fq_portal_page *pg, const char *title)
{
    memset(pg, 0, sizeof *pg);
    pg->f = open_memstream(&pg->data, &pg->len);
    if (!pg->f) {
        fq_portal_error(c, 500, L_(c->lang, "Out of memory"));
        return -1;
    }
    char full[300];
    snprintf(full, sizeof full, "%s - fieldqc", title);
    fq_office_html_head_linked(pg->f, full, "/static/portal.css", fq_office_lang_tag(c->lang));
    if (c->logged_in)
        nav(c, pg->f);
    else
        frame_bare(c, pg->f);
    fputs("<main>\n", pg->f);
    return 0;
}

void fq_portal_page_send(fq_portal_ctx *c, fq_portal_page *pg, unsigned status)
{
    fputs("</main></body></html>\n", pg->f);
    int bad = ferror(pg->f);
    fclose(pg->f);
    fq_portal_response *r = c->res;
    free(r->body);
    r->body = NULL;
    r->body_len = 0;
    if (bad) {
        free(pg->data);
        r->status = 500;
        r->content_type = "text/plain; charset=utf-8";
        r->body = strdup("out of memory\n");
        r->body_len = r->body ? strlen(r->body) : 0;
        return;
    }
    r->status = status;
    r->content_type = "text/html; charset=utf-8";
    r->body = pg->data;
    r->body_len = pg->len;
}

void fq_portal_error(fq_portal_ctx *c, unsigned status, const char *message)
{
    fq_portal_response *r = c->res;
    fq_portal_page pg;
    memset(&pg, 0, sizeof pg);
    c->error_page = 1;
    pg.f = open_memstream(&pg.data, &pg.len);
    if (!pg.f) {
        r->status = status;
        r->content_type = "text/plain; charset=utf-8";
        return;
    }
    fq_office_html_head_linked(pg.f, "fieldqc", "/static/portal.css", fq_office_lang_tag(c->lang));
    if (c->logged_in)
        nav(c, pg.f);
    else
        frame_bare(c, pg.f);
    fputs("<main><h1>", pg.f);
    fq_office_html_text(pg.f, message);
    fputs("</h1><p>", pg.f);
    fputs(L_(c->lang, "<a href=\"/dashboard\">Back to the orders</a>"), pg.f);
    fputs("</p>\n", pg.f);
    fq_portal_page_send(c, &pg, status);
}

void fq_portal_not_found(fq_portal_ctx *c)
{
    fq_portal_error(c, 404, L_(c->lang, "Not found"));
}

void fq_portal_redirect(fq_portal_ctx *c, const char *location)
{
    fq_portal_response *r = c->res;
    r->status = 303;
    r->content_type = "text/plain; charset=utf-8";
    snprintf(r->location, sizeof r->location, "%s", location);
}

void fq_portal_csrf_field(fq_portal_ctx *c, FILE *f)
{
    fputs("<input type=hidden name=csrf value=\"", f);
    fq_office_html_text(f, c->session.csrf);
    fputs("\">", f);
}

const char *fq_portal_light_word(const fq_office_lang *lang, int light)
{
    switch ((fq_light)light) {
    case FQ_LIGHT_YELLOW: return L_(lang, "yellow");
    case FQ_LIGHT_RED: return L_(lang, "red");
    case FQ_LIGHT_GREEN: break;
    }
    return L_(lang, "green");
}

void fq_portal_light(fq_portal_ctx *c, FILE *f, int light)
{
    fprintf(f, "<span class=\"dot %s\"></span><span class=lname>%s</span>",
            fq_light_name((fq_light)light), fq_portal_light_word(c->lang, light));
}

/* ---- routing ---- */

static int is_uuid(const char *s, size_t n)
{
    if (n != 36)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (ch != '-')
                return 0;
        } else if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
            return 0;
        }
    }
    return 1;
}

static int is_sha(const char *s, size_t n)
{
    if (n != 64)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* "/<prefix>/<uuid><suffix>" with a valid uuid: the uuid into out. */
static int match_uuid(const char *path, const char *prefix, const char *suffix, char out[37])
{
    size_t lp = strlen(prefix), ls = strlen(suffix), n = strlen(path);
    if (n != lp + 36 + ls || strncmp(path, prefix, lp) || strcmp(path + lp + 36, suffix) ||
        !is_uuid(path + lp, 36))
        return 0;
    memcpy(out, path + lp, 36);
    out[36] = '\0';
    return 1;
}

static void style_sheet(fq_portal_ctx *c)
{
    const char *a = fq_office_html_css(), *b = fq_portal_css();
    size_t la = strlen(a), lb = strlen(b);
    char *body = malloc(la + lb + 1);
    if (!body) {
        c->res->status = 500;
        return;
    }
    memcpy(body, a, la);
    memcpy(body + la, b, lb + 1);
    c->res->status = 200;
    c->res->content_type = "text/css; charset=utf-8";
    c->res->body = body;
    c->res->body_len = la + lb;
    c->res->cacheable = 1;
}

typedef enum route_kind {
    R_NONE = 0,
    R_ROOT,
    R_LOGIN,
    R_LOGOUT,
    R_DASHBOARD,
    R_APPROVALS,
    R_ORDER,
    R_ORDER_REQUESTS,
    R_DECIDE,
    R_VISIT,
    R_VISIT_PDF,
    R_PHOTO,
    R_CSS,
    R_LANG
} route_kind;

typedef struct route {
    route_kind kind;
    char id[65]; /* the uuid or sha256 of the path */
} route;

/* What the path names; every segment checked (R_NONE for anything else). */
static route route_of(const char *path)
{
    route r;
    memset(&r, 0, sizeof r);
    size_t n = strlen(path);
    static const struct {
        const char *path;
        route_kind kind;
    } fixed[] = {{"/", R_ROOT},
                 {"/login", R_LOGIN},
                 {"/logout", R_LOGOUT},
                 {"/dashboard", R_DASHBOARD},
                 {"/approvals", R_APPROVALS},
                 {"/static/portal.css", R_CSS},
                 {"/lang", R_LANG}};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (!strcmp(path, fixed[i].path))
            r.kind = fixed[i].kind;
    if (r.kind)
        return r;
    if (match_uuid(path, "/orders/", "", r.id))
        r.kind = R_ORDER;
    else if (match_uuid(path, "/orders/", "/requests", r.id))
        r.kind = R_ORDER_REQUESTS;
    else if (match_uuid(path, "/requests/", "/decide", r.id))
        r.kind = R_DECIDE;
    else if (match_uuid(path, "/visits/", "", r.id))
        r.kind = R_VISIT;
    else if (match_uuid(path, "/visits/", "/report.pdf", r.id))
        r.kind = R_VISIT_PDF;
    else if (!strncmp(path, "/photos/", 8) && n == 8 + 64 + 4 && !strcmp(path + n - 4, ".jpg") &&
             is_sha(path + 8, 64)) {
        memcpy(r.id, path + 8, 64);
        r.id[64] = '\0';
        r.kind = R_PHOTO;
    }
    return r;
}

/* 1 when the route takes POST (the others take GET and HEAD). */
static int is_form(route_kind k)
{
    return k == R_LOGOUT || k == R_ORDER_REQUESTS || k == R_DECIDE;
}

/* A logged-in user's request, its method checked. */
static void dispatch(fq_portal_ctx *c, const route *r)
{
    if (is_form(r->kind) && !fq_portal_auth_csrf_ok(c)) {
        fq_portal_error(c, 403,
                        L_(c->lang, "This form has expired or did not come from this "
                                    "site: reload the page and try again"));
        return;
    }
    switch (r->kind) {
    case R_ROOT: fq_portal_redirect(c, "/dashboard"); break;
    case R_DASHBOARD: fq_portal_dashboard(c); break;
    case R_APPROVALS: fq_portal_approvals_page(c); break;
    case R_ORDER: fq_portal_order_page(c, r->id); break;
    case R_VISIT: fq_portal_visit_page(c, r->id); break;
    case R_VISIT_PDF: fq_portal_visit_pdf(c, r->id); break;
    case R_PHOTO: fq_portal_photo(c, r->id); break;
    case R_LOGOUT: fq_portal_logout(c); break;
    case R_ORDER_REQUESTS: fq_portal_request_post(c, r->id); break;
    case R_DECIDE: fq_portal_decide_post(c, r->id); break;
    default: fq_portal_not_found(c); break;
    }
}

void fq_portal_handle(fq_portal *p, fq_office *o, const fq_portal_request *req,
                      fq_portal_response *out)
{
    memset(out, 0, sizeof *out);
    out->status = 500;
    out->content_type = "text/plain; charset=utf-8";
    fq_portal_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return;
    c->p = p;
    c->o = o;
    c->s = fq_office_store(o);
    c->req = req;
    c->res = out;
    c->now = fq_ostore_now(c->s);
    c->lang = fq_portal_lang_of(p, req);
    const char *path = req->path ? req->path : "/";
    int get = req->method && (!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD"));
    int post = req->method && !strcmp(req->method, "POST");
    if (post) {
        size_t len = req->body_len < FQ_PORTAL_MAX_BODY ? req->body_len : FQ_PORTAL_MAX_BODY;
        memcpy(c->form_buf, req->body ? req->body : "", len);
        int n = fq_portal_form_parse(c->form_buf, len, c->form, FQ_PORTAL_MAX_ARGS);
        if (n < 0 || req->body_len > FQ_PORTAL_MAX_BODY) {
            fq_portal_error(c, 400, L_(c->lang, "Malformed form"));
            free(c);
            return;
        }
        c->n_form = (size_t)n;
    }
    /* core's sentences (a light's reasons) in this request's language, on this thread only */
    fq_tr_use(fq_office_lang_core(c->lang));
    route r = route_of(path);
    int want_post = is_form(r.kind) || (r.kind == R_LOGIN && post);
    if (r.kind == R_NONE) {
        fq_portal_auth_session(c); /* the page's bar for a logged-in user */
        fq_portal_not_found(c);
    } else if (want_post ? !post : !get) {
        fq_portal_error(c, 405, L_(c->lang, "Method not allowed"));
    } else if (r.kind == R_CSS) {
        style_sheet(c);
    } else if (r.kind == R_LANG) {
        fq_portal_auth_session(c); /* an error page's bar */
        fq_portal_lang_choose(c);
    } else {
        fq_portal_auth_session(c);
        if (r.kind == R_LOGIN && get)
            fq_portal_login_page(c);
        else if (r.kind == R_LOGIN)
            fq_portal_login_post(c);
        else if (!c->logged_in && get)
            fq_portal_redirect(c, "/login"); /* a page needs a session */
        else if (!c->logged_in)
            fq_portal_error(c, 403, L_(c->lang, "Log in first"));
        else
            dispatch(c, &r);
    }
    fq_tr_use(NULL); /* the thread answers other requests next */
    sodium_memzero(c->form_buf, sizeof c->form_buf);
    free(c);
}
