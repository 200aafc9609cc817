/* The portal's language (issue 16): English by default, Chinese selectable on every page.
 * The choice is a cookie (fq_lang), not the account's: it works on the login page, before
 * anyone is known, and a shared office PC keeps what its user picked. A browser that asks
 * for Chinese first (Accept-Language: zh...) gets Chinese until someone chooses. The
 * language never changes what is stored; each request carries its own catalog pointer
 * (office/lang.h), so two requests in two languages can run at the same time. */
#include "portal_internal.h"

#include <string.h>

#include "core/langs.h"
#include "office/html.h"

#define LANG_COOKIE_S (365LL * 24 * 3600)
#define BACK_MAX 400

const fq_office_lang *fq_portal_lang_of(const fq_portal *p, const fq_portal_request *req)
{
    const char *code = fq_lang_known(req->cookie_lang);
    if (!code)
        code = fq_office_lang_from_accept(req->accept_language);
    for (int i = 0; i < FQ_PORTAL_LANGS; i++)
        if (!strcmp(fq_office_lang_code(p->langs[i]), code))
            return p->langs[i];
    return p->langs[0];
}

/* 1 when back is a path of this site: "/..." without a scheme or host ("//evil" and "/\evil"
 * are other sites to a browser), no control character. */
static int local_path(const char *back)
{
    if (!back || back[0] != '/' || back[1] == '/' || back[1] == '\\' || strlen(back) > BACK_MAX)
        return 0;
    for (const unsigned char *s = (const unsigned char *)back; *s; s++)
        if (*s < 0x20 || *s == 0x7f || *s == '\\')
            return 0;
    return 1;
}

void fq_portal_lang_choose(fq_portal_ctx *c)
{
    const char *code = fq_lang_known(fq_portal_query(c, "to"));
    if (!code) {
        fq_portal_error(c, 400,
                        L_(c->lang, "Unknown language: the portal speaks English (en) "
                                    "and Chinese (zh_CN)"));
        return;
    }
    const char *back = fq_portal_query(c, "back");
    fq_portal_set_cookie(c, "fq_lang", code, LANG_COOKIE_S);
    fq_portal_redirect(c, local_path(back) ? back : "/");
}

/* This page's path and query, URL-encoded as the back argument (a POST's answer and an
 * error page go back to "/": neither is a page to return to). */
static void back_arg(fq_portal_ctx *c, FILE *f)
{
    const fq_portal_request *r = c->req;
    int get = r->method && strcmp(r->method, "POST") != 0;
    if (!get || c->error_page || !local_path(r->path)) {
        fq_portal_url_value(f, "/");
        return;
    }
    fq_portal_url_value(f, r->path);
    for (size_t i = 0; i < r->n_query; i++) {
        fq_portal_url_value(f, i ? "&" : "?");
        fq_portal_url_value(f, r->query[i].name ? r->query[i].name : "");
        fq_portal_url_value(f, "=");
        fq_portal_url_value(f, r->query[i].value ? r->query[i].value : "");
    }
}

void fq_portal_lang_links(fq_portal_ctx *c, FILE *f)
{
    size_t n = 0;
    const char *const *codes = fq_lang_codes(&n);
    fputs("<span class=langs>", f);
    for (size_t i = 0; i < n; i++) {
        const char *name = fq_lang_own_name(codes[i]);
        if (!strcmp(codes[i], fq_office_lang_code(c->lang))) {
            fputs("<b>", f);
            fq_office_html_text(f, name);
            fputs("</b> ", f);
            continue;
        }
        fprintf(f, "<a id=\"lang-%s\" href=\"/lang?to=%s&amp;back=", codes[i], codes[i]);
        /* the encoded back holds only [A-Za-z0-9-_.~%]: nothing to escape for HTML */
        back_arg(c, f);
        fputs("\">", f);
        fq_office_html_text(f, name);
        fputs("</a> ", f);
    }
    fputs("</span>", f);
}
