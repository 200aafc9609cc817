/* The web portal (issue 14) through the real `fieldqc-office serve` (argv[1]) over plain HTTP
 * on 127.0.0.1, on sqlite and, as test_portal_pg, on PostgreSQL. Two tablets' visits reach
 * the office as bundles (one order of Northwind Home, one of Harbor Outdoor, each with
 * photos); accounts are made with `fieldqc-office user`. Checked:
 *   - pages need a session; the session cookie is HttpOnly, Secure, SameSite=Strict; every
 *     answer carries the strict Content-Security-Policy;
 *   - a wrong password is refused, and after 5 failures the account is locked out for the
 *     window even with the right password (429);
 *   - a buyer asking for another company's order, visit, report, PDF or photo by URL gets
 *     404, the same page as for what does not exist; an inspector sees only their visits;
 *   - every form posted without its CSRF token, or with another one, is refused (403) and
 *     changes nothing; the login form too;
 *   - a script in user text (a finding note, a product name, a request's subject, a login
 *     name) stays text on every page;
 *   - the dashboard: worst first, counts per light, filters by factory, buyer, light, due
 *     day and inspector, the next milestone;
 *   - a buyer's approval of a sample: a record (who, when, what, the comment) that the next
 *     tether brings to the tablet, whose sample gate is red before and green after; deciding
 *     twice is refused (409); a rejection needs a reason;
 *   - the report page (report number, full-size photo links) and its PDF (chromium);
 *   - `user reset` ends the account's sessions, `user disable` refuses its login;
 *   - languages (issue 16): English by default, Chinese by Accept-Language or the fq_lang
 *     cookie /lang sets (a hostile code or a back link to another site refused), every page
 *     with its <html lang>; the Chinese report keeps the inspector's Chinese note and the
 *     Chinese factory name as written, escaped, and its PDF's text holds them (a CJK font
 *     embedded, not boxes); two threads asking in two languages at once each get theirs. */
#include "harness.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/lights.h"
#include "services/sync.h"
#include "store/store.h"
#include "sync_fixture.h"

#define BIG (1 << 20)

static const char *office_bin;
static char dir[1024];
static char db[1400];
static int port;
static pid_t server_pid;
static fx_device dev_a, dev_b;   /* Northwind's order (tab-pa), Harbor's (tab-hbr) */
static char photo_a[65], photo_b[65];
static char sample_ms[FQ_UUID_LEN];
static char *res;                /* the last answer */

/* ---- HTTP ---- */

/* method path with the cookies and a form body (NULL: none); the answer in res. */
static int http(const char *method, const char *path, const char *cookies, const char *form)
{
    char req[8192];
    int n = snprintf(req, sizeof req,
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%s%s%s%zu\r\n"
                     "Connection: close\r\n\r\n%s",
                     method, path, cookies ? "Cookie: " : "", cookies ? cookies : "",
                     cookies ? "\r\n" : "",
                     form ? "Content-Type: application/x-www-form-urlencoded\r\n"
                            "Content-Length: "
                          : "X-Body: ",
                     form ? strlen(form) : (size_t)0, form ? form : "");
    assert_true(n > 0 && n < (int)sizeof req);
    return fx_http_exchange(port, req, (size_t)n, NULL, res, BIG, 60000);
}

static int get(const char *path, const char *session)
{
    char cookie[128];
    snprintf(cookie, sizeof cookie, "fq_session=%s", session ? session : "");
    return http("GET", path, session ? cookie : NULL, NULL);
}

static const char *body(void)
{
    const char *b = strstr(res, "\r\n\r\n");
    return b ? b + 4 : "";
}

/* The value of a cookie the answer sets ("" when none) into out. */
static void set_cookie_value(const char *name, char *out, size_t out_len)
{
    char key[64];
    snprintf(key, sizeof key, "Set-Cookie: %s=", name);
    const char *p = strstr(res, key);
    out[0] = '\0';
    if (!p)
        return;
    p += strlen(key);
    size_t n = strcspn(p, ";\r\n");
    snprintf(out, out_len, "%.*s", (int)(n < out_len ? n : out_len - 1), p);
}

/* The csrf field of the page in res into out. */
static void csrf_of_page(char out[65])
{
    const char *p = strstr(body(), "name=csrf value=\"");
    assert_non_null(p);
    snprintf(out, 65, "%.64s", p + 17);
}

/* Logs in; the session's secret into session and its CSRF token into csrf. Returns the
 * status of the login's POST. */
static int login_as(const char *name, const char *password, char session[65], char csrf[65])
{
    assert_int_equal(http("GET", "/login", NULL, NULL), 200);
    char token[65], cookie[128], form[512];
    set_cookie_value("fq_login", token, sizeof token);
    assert_int_equal(strlen(token), 64);
    snprintf(cookie, sizeof cookie, "fq_login=%s", token);
    snprintf(form, sizeof form, "csrf=%s&name=%s&password=%s", token, name, password);
    int st = http("POST", "/login", cookie, form);
    if (st != 303)
        return st;
    set_cookie_value("fq_session", session, 65);
    assert_int_equal(strlen(session), 64);
    assert_int_equal(get("/dashboard", session), 200);
    csrf_of_page(csrf);
    return st;
}

static void login(const char *name, const char *password, char session[65], char csrf[65])
{
    assert_int_equal(login_as(name, password, session, csrf), 303);
}

/* GET path with a Cookie header (NULL: none) and an Accept-Language (NULL: none) into out,
 * the caller's buffer (the language tests run it from two threads). */
static int get_in(char *out, size_t out_len, const char *path, const char *cookies,
                  const char *accept)
{
    char req[2048];
    int n = snprintf(req, sizeof req,
                     "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%s%s%s%s%sConnection: close\r\n\r\n",
                     path, cookies ? "Cookie: " : "", cookies ? cookies : "", cookies ? "\r\n" : "",
                     accept ? "Accept-Language: " : "", accept ? accept : "", accept ? "\r\n" : "");
    if (n <= 0 || n >= (int)sizeof req)
        return 0;
    return fx_http_exchange(port, req, (size_t)n, NULL, out, out_len, 60000);
}

static int post(const char *path, const char *session, const char *form)
{
    char cookie[128];
    snprintf(cookie, sizeof cookie, "fq_session=%s", session);
    return http("POST", path, cookie, form);
}

/* ---- the office ---- */

static void add_user(const char *name, const char *role, const char *company,
                     const char *display, const char *password)
{
    assert_int_equal(fx_run("printf '%%s\\n' '%s' | '%s' user --db '%s' add %s --role %s "
                         "--company '%s' --display '%s' > /dev/null 2>> '%s/user.log'",
                         password, office_bin, db, name, role, company, display, dir),
                     0);
}

static void first_photo(fx_device *d, char out[65])
{
    void *ph = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(d->st, FQ_ENT_PHOTO, "visit_uuid", d->visit_uuid, NULL, &ph,
                                   &n), FQ_OK);
    assert_true(n >= 1);
    snprintf(out, 65, "%s", ((fq_photo *)ph)[0].sha256);
    free(ph);
}

/* Order A's chain: sample approval not approved while the first article runs (the gate is
 * broken: red), the raw material check 10 days late. */
static void add_milestones(void)
{
    fq_office *o = NULL;
    if (fx_office_open(db, &o))
        fail_msg("office: %s", fq_office_errmsg(o));
    fq_ostore *s = fq_office_store(o);
    int64_t now = fq_ostore_now(s), day = 86400, today = now - now % day;
    const struct {
        int32_t kind, status;
        int64_t due;
    } chain[] = {{FQ_MS_SAMPLE_APPROVAL, FQ_MSS_IN_PROGRESS, today + 3 * day},
                 {FQ_MS_RAW_MATERIAL_CHECK, FQ_MSS_PENDING, today - 10 * day},
                 {FQ_MS_FIRST_ARTICLE, FQ_MSS_IN_PROGRESS, today + 20 * day}};
    for (int i = 0; i < 3; i++) {
        fq_milestone m;
        memset(&m, 0, sizeof m);
        strcpy(m.order_uuid, dev_a.order_uuid);
        m.kind = chain[i].kind;
        m.position = i + 1;
        m.status = chain[i].status;
        m.due_utc = chain[i].due;
        m.grace_days = 3;
        snprintf(m.owner, sizeof m.owner, "Mark Rivera");
        assert_int_equal(fq_ostore_put(s, FQ_ENT_MILESTONE, &m), FQ_OK);
        if (i == 0)
            strcpy(sample_ms, m.meta.uuid);
    }
    fq_office_close(o);
}

/* The inspector's note on order A's visit in Chinese, with markup that must stay text. */
#define ZH_NOTE "\xE7\xBA\xB8\xE7\xAE\xB1\xE7\xA0\xB4\xE6\x8D\x9F"    /* 纸箱破损 */
#define ZH_FACTORY "\xE5\xAE\x81\xE6\xB3\xA2\xE6\x98\x8E\xE4\xBA\xAE" /* 宁波明亮 */

/* tab-hbr's order is another buyer's (the office's to say: orders and a visit's plan are
 * the office's records), with a script in its product, and Chen Jun's visit; order A's
 * visit gets the inspector's Chinese note (as the tablet would have sent it). */
static void office_records(void)
{
    fq_office *o = NULL;
    if (fx_office_open(db, &o))
        fail_msg("office: %s", fq_office_errmsg(o));
    fq_ostore *s = fq_office_store(o);
    fq_order ob;
    assert_int_equal(fq_ostore_get(s, FQ_ENT_ORDER, dev_b.order_uuid, &ob), FQ_OK);
    snprintf(ob.buyer, sizeof ob.buyer, "Harbor Outdoor Inc.");
    snprintf(ob.factory, sizeof ob.factory, "Xiamen Outdoor Works");
    snprintf(ob.product, sizeof ob.product, "Camp chair <script>alert(1)</script>");
    assert_int_equal(fq_ostore_put(s, FQ_ENT_ORDER, &ob), FQ_OK);
    fq_visit v;
    assert_int_equal(fq_ostore_get(s, FQ_ENT_VISIT, dev_b.visit_uuid, &v), FQ_OK);
    snprintf(v.inspector_name, sizeof v.inspector_name, "Chen Jun");
    assert_int_equal(fq_ostore_put(s, FQ_ENT_VISIT, &v), FQ_OK);
    assert_int_equal(fq_ostore_get(s, FQ_ENT_VISIT, dev_a.visit_uuid, &v), FQ_OK);
    snprintf(v.summary, sizeof v.summary, "%s 3 <b>&</b>", ZH_NOTE);
    assert_int_equal(fq_ostore_put(s, FQ_ENT_VISIT, &v), FQ_OK);
    fq_office_close(o);
}

static int setup(void **state)
{
    (void)state;
    res = malloc(BIG);
    snprintf(dir, sizeof dir, "%s", fq_test_dir("portal"));
    fx_device_create(&dev_a, dir, "pa", "tab-pa", 2, 0);
    fx_device_create(&dev_b, dir, "pb", "tab-hbr", 1, 0);
    first_photo(&dev_a, photo_a);
    first_photo(&dev_b, photo_b);
    fx_device_to_office(&dev_a, dir, db, sizeof db);
    fx_device_to_office(&dev_b, dir, db, sizeof db);
    office_records();
    add_milestones();
    add_user("coord", "coordinator", "", "Mei Chen", "coord-secret-1");
    add_user("anna", "buyer", "Northwind Home GmbH", "Anna Berg", "anna-secret-1");
    add_user("hugo", "buyer", "Harbor Outdoor Inc.", "Hugo Dahl", "hugo-secret-1");
    add_user("li", "inspector", "Li Wei", "Li Wei", "li-secret-123");
    add_user("locked", "buyer", "Northwind Home GmbH", "Lock Test", "locked-secret");
    add_user("temp", "coordinator", "", "Temp", "temp-secret-1");
    port = fx_serve_start(office_bin, db, dir, NULL, &server_pid);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fx_serve_stop(server_pid);
    fq_store_close(dev_a.st);
    fq_store_close(dev_b.st);
    free(res);
    return 0;
}

/* ---- the tests ---- */

static void test_login_session_and_headers(void **state)
{
    (void)state;
    assert_int_equal(get("/dashboard", NULL), 303);
    assert_non_null(strstr(res, "Location: /login"));
    assert_int_equal(get("/orders/00000000-0000-4000-8000-000000000000", NULL), 303);
    assert_int_equal(http("GET", "/login", NULL, NULL), 200);
    assert_non_null(strstr(res, "Content-Security-Policy: default-src 'none'; style-src 'self'; "
                                "img-src 'self'; form-action 'self'; frame-ancestors 'none'"));
    assert_null(strstr(body(), "<script"));
    assert_null(strstr(body(), "style="));
    char s[65], csrf[65];
    login("coord", "coord-secret-1", s, csrf);
    assert_int_equal(login_as("coord", "coord-secret-1", s, csrf), 303);
    assert_int_equal(get("/static/portal.css", NULL), 200);
    assert_non_null(strstr(res, "Content-Type: text/css"));
    /* a wrong password, an unknown account */
    char s2[65], c2[65];
    assert_int_equal(login_as("coord", "wrong-password", s2, c2), 401);
    assert_non_null(strstr(body(), "Wrong account name or password."));
    assert_int_equal(login_as("nobody", "coord-secret-1", s2, c2), 401);
    /* a made-up session is no session */
    assert_int_equal(get("/dashboard", "0000000000000000000000000000000000000000000000000000000000000000"), 303);
    /* logout ends it */
    char form[128];
    snprintf(form, sizeof form, "csrf=%s", csrf);
    assert_int_equal(post("/logout", s, form), 303);
    assert_int_equal(get("/dashboard", s), 303);
}

static void test_session_cookie_attributes(void **state)
{
    (void)state;
    assert_int_equal(http("GET", "/login", NULL, NULL), 200);
    char token[65], cookie[128], form[256];
    set_cookie_value("fq_login", token, sizeof token);
    snprintf(cookie, sizeof cookie, "fq_login=%s", token);
    snprintf(form, sizeof form, "csrf=%s&name=anna&password=anna-secret-1", token);
    assert_int_equal(http("POST", "/login", cookie, form), 303);
    const char *c = strstr(res, "Set-Cookie: fq_session=");
    assert_non_null(c);
    char line[256];
    snprintf(line, sizeof line, "%.*s", (int)strcspn(c, "\r\n"), c);
    assert_non_null(strstr(line, "; HttpOnly"));
    assert_non_null(strstr(line, "; Secure"));
    assert_non_null(strstr(line, "; SameSite=Strict"));
    assert_non_null(strstr(line, "; Path=/"));
}

static void test_login_rate_limit(void **state)
{
    (void)state;
    char s[65], c[65];
    for (int i = 0; i < 5; i++)
        assert_int_equal(login_as("locked", "not-the-password", s, c), 401);
    /* locked out now, even with the right password, with a Retry-After */
    assert_int_equal(login_as("locked", "locked-secret", s, c), 429);
    assert_non_null(strstr(res, "Retry-After: "));
    assert_non_null(strstr(body(), "Too many failed logins"));
    /* another account is not */
    login("hugo", "hugo-secret-1", s, c);
}

static void test_login_form_needs_its_token(void **state)
{
    (void)state;
    assert_int_equal(http("GET", "/login", NULL, NULL), 200);
    char token[65], cookie[128], form[256];
    set_cookie_value("fq_login", token, sizeof token);
    snprintf(cookie, sizeof cookie, "fq_login=%s", token);
    /* no token in the form; another token; no cookie */
    assert_int_equal(http("POST", "/login", cookie, "name=coord&password=coord-secret-1"), 403);
    assert_null(strstr(res, "fq_session="));
    snprintf(form, sizeof form, "csrf=%064d&name=coord&password=coord-secret-1", 7);
    assert_int_equal(http("POST", "/login", cookie, form), 403);
    snprintf(form, sizeof form, "csrf=%s&name=coord&password=coord-secret-1", token);
    assert_int_equal(http("POST", "/login", NULL, form), 403);
    assert_null(strstr(res, "fq_session="));
}

/* The 404 page for a path, its body only. */
static char *not_found_body(const char *path, const char *session)
{
    assert_int_equal(get(path, session), 404);
    return strdup(body());
}

static void test_buyer_sees_only_their_company(void **state)
{
    (void)state;
    char s[65], c[65], path[256];
    login("anna", "anna-secret-1", s, c);
    assert_non_null(strstr(body(), "PO-tab-pa"));
    assert_null(strstr(body(), "PO-tab-hbr"));
    snprintf(path, sizeof path, "/orders/%s", dev_a.order_uuid);
    assert_int_equal(get(path, s), 200);
    snprintf(path, sizeof path, "/visits/%s", dev_a.visit_uuid);
    assert_int_equal(get(path, s), 200);
    snprintf(path, sizeof path, "/photos/%s.jpg", photo_a);
    assert_int_equal(get(path, s), 200);
    assert_non_null(strstr(res, "Content-Type: image/jpeg"));
    /* the other company's: exactly as what does not exist */
    char *none = not_found_body("/orders/00000000-0000-4000-8000-000000000000", s);
    const char *other[5];
    char p0[128], p1[128], p2[128], p3[128], p4[128];
    snprintf(p0, sizeof p0, "/orders/%s", dev_b.order_uuid);
    snprintf(p1, sizeof p1, "/visits/%s", dev_b.visit_uuid);
    snprintf(p2, sizeof p2, "/visits/%s/report.pdf", dev_b.visit_uuid);
    snprintf(p3, sizeof p3, "/photos/%s.jpg", photo_b);
    snprintf(p4, sizeof p4, "/dashboard?buyer=Harbor+Outdoor+Inc.");
    other[0] = p0, other[1] = p1, other[2] = p2, other[3] = p3, other[4] = p4;
    for (int i = 0; i < 4; i++) {
        char *b = not_found_body(other[i], s);
        assert_string_equal(b, none);
        free(b);
    }
    /* a filter naming the other buyer shows nothing of theirs */
    assert_int_equal(get(other[4], s), 200);
    assert_null(strstr(body(), "PO-tab-hbr"));
    free(none);
    /* the API's photo URL needs a token, not a session */
    snprintf(path, sizeof path, "/api/v1/photos/%s.jpg", photo_b);
    assert_int_equal(get(path, s), 401);
    /* and the other buyer sees theirs and not Northwind's */
    login("hugo", "hugo-secret-1", s, c);
    assert_non_null(strstr(body(), "PO-tab-hbr"));
    assert_null(strstr(body(), "PO-tab-pa"));
    snprintf(path, sizeof path, "/photos/%s.jpg", photo_a);
    assert_int_equal(get(path, s), 404);
}

static void test_inspector_sees_own_visits(void **state)
{
    (void)state;
    char s[65], c[65], path[256];
    login("li", "li-secret-123", s, c);
    assert_non_null(strstr(body(), "PO-tab-pa"));
    assert_null(strstr(body(), "PO-tab-hbr")); /* Chen Jun's visit */
    snprintf(path, sizeof path, "/visits/%s", dev_a.visit_uuid);
    assert_int_equal(get(path, s), 200);
    snprintf(path, sizeof path, "/visits/%s", dev_b.visit_uuid);
    assert_int_equal(get(path, s), 404);
    snprintf(path, sizeof path, "/orders/%s", dev_b.order_uuid);
    assert_int_equal(get(path, s), 404);
    /* read only: no form to ask or decide */
    snprintf(path, sizeof path, "/orders/%s", dev_a.order_uuid);
    assert_int_equal(get(path, s), 200);
    assert_null(strstr(body(), "/requests\""));
    assert_null(strstr(body(), "/decide\""));
}

static int64_t office_count(const char *table)
{
    fq_office *o = NULL;
    if (fx_office_open(db, &o))
        fail_msg("office: %s", fq_office_errmsg(o));
    int64_t n = fx_count(fq_office_store(o), table);
    fq_office_close(o);
    return n;
}

static void test_forms_without_csrf_are_refused(void **state)
{
    (void)state;
    char s[65], c[65], path[256], form[1024];
    login("coord", "coord-secret-1", s, c);
    int64_t before = office_count("office_requests");
    snprintf(path, sizeof path, "/orders/%s/requests", dev_a.order_uuid);
    assert_int_equal(post(path, s, "kind=sample&subject=Sample+v2"), 403);
    snprintf(form, sizeof form, "csrf=%064d&kind=sample&subject=Sample+v2", 1);
    assert_int_equal(post(path, s, form), 403);
    /* a token of another session is not this one's */
    char s2[65], c2[65];
    login("temp", "temp-secret-1", s2, c2);
    snprintf(form, sizeof form, "csrf=%s&kind=sample&subject=Sample+v2", c2);
    assert_int_equal(post(path, s, form), 403);
    assert_int_equal(office_count("office_requests"), before);
    /* logout without the token keeps the session */
    assert_int_equal(post("/logout", s, "x=1"), 403);
    assert_int_equal(get("/dashboard", s), 200);
    /* a decision without the token changes nothing (the buyer's) */
    char sb[65], cb[65];
    login("anna", "anna-secret-1", sb, cb);
    assert_int_equal(post("/requests/00000000-0000-4000-8000-000000000000/decide", sb,
                          "decision=approve"), 403);
    int64_t approvals = office_count("approvals");
    assert_int_equal(office_count("approvals"), approvals);
}

static void test_script_in_user_text_stays_text(void **state)
{
    (void)state;
    char s[65], c[65], path[256], form[1024];
    login("coord", "coord-secret-1", s, c);
    /* a request whose subject is a script */
    snprintf(path, sizeof path, "/orders/%s/requests", dev_b.order_uuid);
    snprintf(form, sizeof form,
             "csrf=%s&kind=spec_change&subject=%%3Cscript%%3Ealert(2)%%3C%%2Fscript%%3E"
             "%%22%%3E%%3Cimg+src%%3Dx+onerror%%3Dalert(3)%%3E&due=",
             c);
    assert_int_equal(post(path, s, form), 303);
    const char *pages[4];
    char p0[128], p1[128], p2[128];
    snprintf(p0, sizeof p0, "/orders/%s", dev_b.order_uuid);
    snprintf(p1, sizeof p1, "/visits/%s", dev_a.visit_uuid); /* the finding note's script */
    snprintf(p2, sizeof p2, "/approvals");
    pages[0] = "/dashboard", pages[1] = p0, pages[2] = p1, pages[3] = p2;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(get(pages[i], s), 200);
        assert_null(strstr(body(), "<script"));
        assert_null(strstr(body(), "<img src=x"));
    }
    assert_int_equal(get(p0, s), 200);
    assert_non_null(strstr(body(), "&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert_non_null(strstr(body(), "Camp chair &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_int_equal(get(p1, s), 200);
    assert_non_null(strstr(body(), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    /* a login name is shown back escaped */
    assert_int_equal(http("GET", "/login", NULL, NULL), 200);
    char token[65], cookie[128];
    set_cookie_value("fq_login", token, sizeof token);
    snprintf(cookie, sizeof cookie, "fq_login=%s", token);
    snprintf(form, sizeof form, "csrf=%s&name=%%22%%3E%%3Cscript%%3E&password=x", token);
    http("POST", "/login", cookie, form);
    assert_null(strstr(body(), "<script"));
}

/* The dashboard's table of the page in res ("" when it has none). */
static const char *orders_table(void)
{
    const char *t = strstr(body(), "<table class=orders>");
    return t ? t : "";
}

static void test_dashboard_worst_first_counts_and_filters(void **state)
{
    (void)state;
    char s[65], c[65];
    login("coord", "coord-secret-1", s, c);
    const char *b = strstr(body(), "<table class=orders>");
    assert_non_null(b);
    /* order A is red (the sample gate, a late milestone) and comes first */
    const char *a = strstr(b, "PO-tab-pa"), *pb = strstr(b, "PO-tab-hbr");
    assert_non_null(a);
    assert_non_null(pb);
    assert_true(a < pb);
    assert_non_null(strstr(b, "production started without an approved sample (hard gate)"));
    assert_non_null(strstr(b, "Raw material check is 10 days past due"));
    assert_non_null(strstr(body(), "<b>1</b> red"));
    /* its next milestone is the sample approval, due in 3 days */
    assert_non_null(strstr(a, "Sample approval"));
    assert_int_equal(get("/dashboard?light=red", s), 200);
    assert_non_null(strstr(orders_table(), "PO-tab-pa"));
    assert_null(strstr(orders_table(), "PO-tab-hbr"));
    assert_int_equal(get("/dashboard?factory=Xiamen+Outdoor+Works", s), 200);
    assert_null(strstr(orders_table(), "PO-tab-pa"));
    assert_non_null(strstr(orders_table(), "PO-tab-hbr"));
    assert_int_equal(get("/dashboard?buyer=Northwind+Home+GmbH", s), 200);
    assert_non_null(strstr(orders_table(), "PO-tab-pa"));
    assert_null(strstr(orders_table(), "PO-tab-hbr"));
    assert_int_equal(get("/dashboard?inspector=Chen+Jun", s), 200);
    assert_null(strstr(orders_table(), "PO-tab-pa"));
    assert_non_null(strstr(orders_table(), "PO-tab-hbr"));
    /* due within 7 days: A's sample approval; overdue: none (its next one is not late) */
    assert_int_equal(get("/dashboard?due=7", s), 200);
    assert_non_null(strstr(orders_table(), "PO-tab-pa"));
    assert_null(strstr(orders_table(), "PO-tab-hbr"));
    assert_int_equal(get("/dashboard?due=overdue", s), 200);
    assert_null(strstr(orders_table(), "PO-tab-pa"));
    /* a phone reads it: the viewport, one card per order (the style sheet) */
    assert_non_null(strstr(body(), "width=device-width"));
    assert_int_equal(get("/static/portal.css", NULL), 200);
    assert_non_null(strstr(body(), "@media (max-width:700px)"));
}

/* One tether of tab-pa: `fieldqc-office sync` writes its receipt and job pack, the tablet
 * reads its inbox. */
static void tether_a(void)
{
    assert_int_equal(fx_run("'%s' sync --db '%s' '%s' > /dev/null 2>> '%s/sync.log'", office_bin, db,
                         dev_a.sync_dir, dir),
                     0);
    fq_app_sync *sync = NULL;
    if (fq_app_sync_open(dev_a.st, dev_a.photo_dir, dev_a.sync_dir, &sync))
        fail_msg("device: %s", fq_app_sync_errmsg(sync));
    fq_app_sync_inbox_result in;
    assert_int_equal(fq_app_sync_read_inbox(sync, &in), FQ_OK);
    assert_int_equal(in.n_rejected, 0);
    assert_int_equal(in.n_job_packs, 1);
    fq_app_sync_close(sync);
}

static bool gate_broken_on_tablet(void)
{
    fq_store_order_facts_data f;
    assert_int_equal(fq_store_order_facts(dev_a.st, dev_a.order_uuid, &f), FQ_OK);
    bool broken = fq_sample_gate_broken(&f.facts);
    fq_store_order_facts_free(&f);
    return broken;
}

/* The id of the first pending request of the page in res. */
static void request_id(char out[37])
{
    const char *p = strstr(body(), "action=\"/requests/");
    assert_non_null(p);
    snprintf(out, 37, "%.36s", p + 18);
}

static void test_buyer_approves_sample_and_the_tablet_gets_it(void **state)
{
    (void)state;
    /* before: the tablet has the chain and its gate is red */
    tether_a();
    assert_true(gate_broken_on_tablet());
    char s[65], c[65], path[256], form[1024];
    login("coord", "coord-secret-1", s, c);
    snprintf(path, sizeof path, "/orders/%s/requests", dev_a.order_uuid);
    snprintf(form, sizeof form, "csrf=%s&kind=sample&subject=Pre-production+sample+v2+(blue)"
                                "&due=2030-01-15", c);
    assert_int_equal(post(path, s, form), 303);
    /* the buyer sees it pending with its deadline, and decides */
    char sb[65], cb[65], id[37];
    login("anna", "anna-secret-1", sb, cb);
    assert_non_null(strstr(body(), "Waiting for a decision"));
    assert_non_null(strstr(body(), "Pre-production sample v2 (blue)"));
    snprintf(path, sizeof path, "/orders/%s", dev_a.order_uuid);
    assert_int_equal(get(path, sb), 200);
    assert_non_null(strstr(body(), "decision due 2030-01-15"));
    request_id(id);
    /* a rejection needs its reason */
    snprintf(path, sizeof path, "/requests/%s/decide", id);
    snprintf(form, sizeof form, "csrf=%s&decision=reject&comment=", cb);
    assert_int_equal(post(path, sb, form), 400);
    /* another buyer cannot even see it */
    char sh[65], ch[65];
    login("hugo", "hugo-secret-1", sh, ch);
    snprintf(form, sizeof form, "csrf=%s&decision=approve&comment=fine", ch);
    assert_int_equal(post(path, sh, form), 404);
    /* the coordinator does not decide for the buyer */
    snprintf(form, sizeof form, "csrf=%s&decision=approve&comment=fine", c);
    assert_int_equal(post(path, s, form), 403);
    snprintf(form, sizeof form, "csrf=%s&decision=approve&comment=Colour+matches+Pantone+2935",
             cb);
    assert_int_equal(post(path, sb, form), 303);
    assert_int_equal(post(path, sb, form), 409);
    /* the record: who, when, what */
    fq_office *o = NULL;
    if (fx_office_open(db, &o))
        fail_msg("office: %s", fq_office_errmsg(o));
    void *ap = NULL;
    size_t n = 0;
    assert_int_equal(fq_ostore_list(fq_office_store(o), FQ_ENT_APPROVAL, "order_uuid",
                                    dev_a.order_uuid, NULL, &ap, &n), FQ_OK);
    assert_int_equal(n, 1);
    const fq_approval *a = ap;
    assert_string_equal(a->approver_name, "Anna Berg");
    assert_int_equal(a->role, FQ_ROLE_BUYER);
    assert_int_equal(a->kind, FQ_APPROVAL_APPROVAL);
    assert_string_equal(a->milestone_uuid, sample_ms);
    assert_string_equal(a->subject, "Pre-production sample v2 (blue)");
    assert_string_equal(a->note, "Colour matches Pantone 2935");
    assert_true(a->decided_utc > 0);
    free(ap);
    fq_milestone m;
    assert_int_equal(fq_ostore_get(fq_office_store(o), FQ_ENT_MILESTONE, sample_ms, &m), FQ_OK);
    assert_int_equal(m.status, FQ_MSS_DONE);
    assert_string_equal(m.approved_by, "Anna Berg");
    fq_office_close(o);
    snprintf(path, sizeof path, "/orders/%s", dev_a.order_uuid);
    assert_int_equal(get(path, sb), 200);
    assert_non_null(strstr(body(), "approved by anna"));
    /* the next tether brings it to the tablet: its gate is green */
    tether_a();
    assert_false(gate_broken_on_tablet());
    void *dap = NULL;
    assert_int_equal(fq_store_list(dev_a.st, FQ_ENT_APPROVAL, "order_uuid", dev_a.order_uuid,
                                   NULL, &dap, &n), FQ_OK);
    assert_int_equal(n, 1);
    assert_string_equal(((fq_approval *)dap)[0].approver_name, "Anna Berg");
    free(dap);
    /* and the dashboard no longer names the gate */
    assert_int_equal(get("/dashboard", sb), 200);
    assert_null(strstr(body(), "hard gate"));
}

static void test_report_page_and_pdf(void **state)
{
    (void)state;
    char s[65], c[65], path[256];
    login("anna", "anna-secret-1", s, c);
    snprintf(path, sizeof path, "/visits/%s", dev_a.visit_uuid);
    assert_int_equal(get(path, s), 200);
    const char *b = body();
    assert_non_null(strstr(b, "Report number</td><td class=repno>FQ-"));
    char full[200];
    snprintf(full, sizeof full, "<a class=full href=\"/photos/%s.jpg\"", photo_a);
    assert_non_null(strstr(b, full));
    assert_non_null(strstr(b, "<h2>AQL sampling"));
    assert_non_null(strstr(b, "Sign-offs"));
    snprintf(path, sizeof path, "/visits/%s/report.pdf", dev_a.visit_uuid);
    int have = access("/usr/bin/chromium", X_OK) == 0;
    const char *ci = getenv("CI");
    if (!have && !(ci && !strcmp(ci, "true"))) {
        fprintf(stderr, "chromium not installed: the PDF is not checked\n");
        return;
    }
    assert_int_equal(get(path, s), 200);
    assert_non_null(strstr(res, "Content-Type: application/pdf"));
    assert_non_null(strstr(res, "filename=\"FQ-"));
    assert_true(!strncmp(body(), "%PDF-", 5));
}

static void test_language_default_choice_and_refusals(void **state)
{
    (void)state;
    /* English by default, a link to Chinese back to this page */
    assert_int_equal(get_in(res, BIG, "/login", NULL, NULL), 200);
    assert_non_null(strstr(body(), "<html lang=\"en\">"));
    assert_non_null(strstr(body(), ">Log in</button>"));
    assert_non_null(strstr(body(), "href=\"/lang?to=zh_CN&amp;back=%2Flogin\""));
    /* a browser asking for Chinese first */
    assert_int_equal(get_in(res, BIG, "/login", NULL, "zh-CN,zh;q=0.9,en;q=0.5"), 200);
    assert_non_null(strstr(body(), "<html lang=\"zh-CN\">"));
    assert_non_null(strstr(body(), ">\xE7\x99\xBB\xE5\xBD\x95</button>")); /* 登录 */
    assert_null(strstr(body(), ">Log in</button>"));
    /* the cookie wins over the header; a hostile or unknown one is English */
    assert_int_equal(get_in(res, BIG, "/login", "fq_lang=zh_CN", "en"), 200);
    assert_non_null(strstr(body(), "<html lang=\"zh-CN\">"));
    assert_int_equal(get_in(res, BIG, "/login", "fq_lang=%3Cscript%3E", NULL), 200);
    assert_non_null(strstr(body(), "<html lang=\"en\">"));
    assert_null(strstr(body(), "<script"));
    assert_int_equal(get_in(res, BIG, "/login", "fq_lang=de", NULL), 200);
    assert_non_null(strstr(body(), "<html lang=\"en\">"));
    /* /lang remembers the choice and goes back, with the page's query */
    assert_int_equal(
        get_in(res, BIG, "/lang?to=zh_CN&back=/dashboard%3Ffactory%3DX%26light%3Dred", NULL, NULL),
        303);
    assert_non_null(strstr(res, "Location: /dashboard?factory=X&light=red\r\n"));
    char v[64];
    set_cookie_value("fq_lang", v, sizeof v);
    assert_string_equal(v, "zh_CN");
    assert_non_null(strstr(res, "fq_lang=zh_CN; Path=/; Max-Age="));
    assert_non_null(strstr(res, "; HttpOnly; Secure; SameSite=Strict"));
    /* an unknown language: a clear 400 in the page's language, no cookie */
    assert_int_equal(get_in(res, BIG, "/lang?to=fr&back=/dashboard", NULL, NULL), 400);
    assert_null(strstr(res, "fq_lang="));
    assert_non_null(strstr(body(), "Unknown language"));
    assert_int_equal(get_in(res, BIG, "/lang?back=/dashboard", NULL, NULL), 400);
    /* never back to another site */
    static const char *const away[] = {"//evil.example/x",
                                       "https://evil.example/",
                                       "/%5Cevil.example",
                                       "/dashboard%0D%0ASet-Cookie:%20x=1",
                                       "",
                                       "evil"};
    for (size_t i = 0; i < sizeof away / sizeof away[0]; i++) {
        char path[200];
        snprintf(path, sizeof path, "/lang?to=en&back=%s", away[i]);
        assert_int_equal(get_in(res, BIG, path, NULL, NULL), 303);
        if (!strstr(res, "Location: /\r\n"))
            fail_msg("back=%s went elsewhere:\n%.400s", away[i], res);
    }
    /* a POST to /lang is not a way in */
    assert_int_equal(http("POST", "/lang?to=zh_CN", NULL, "x=1"), 405);
}

static void test_chinese_pages_report_and_pdf(void **state)
{
    (void)state;
    char s[65], c[65], cookie[200], path[256];
    login("anna", "anna-secret-1", s, c);
    snprintf(cookie, sizeof cookie, "fq_session=%s; fq_lang=zh_CN", s);
    assert_int_equal(get_in(res, BIG, "/dashboard", cookie, NULL), 200);
    const char *b = body();
    assert_non_null(strstr(b, "<html lang=\"zh-CN\">"));
    assert_non_null(strstr(b, "<h1>\xE8\xAE\xA2\xE5\x8D\x95</h1>")); /* 订单 */
    assert_non_null(strstr(b, ZH_FACTORY));                          /* as written */
    assert_non_null(strstr(b, "id=\"lang-en\" href=\"/lang?to=en&amp;back=%2Fdashboard\""));
    assert_null(strstr(b, "<h1>Orders</h1>"));
    /* a light's reason core formats, in the page's language: "... 已逾期 10 天（已超过宽限期）：
     * 请告知买方", never the English sentence */
    assert_non_null(strstr(b, "\xE5\xB7\xB2\xE9\x80\xBE\xE6\x9C\x9F 10 \xE5\xA4\xA9"));
    assert_null(strstr(b, "past due"));
    /* the next request on the server's threads in English is English again */
    snprintf(cookie, sizeof cookie, "fq_session=%s; fq_lang=en", s);
    assert_int_equal(get_in(res, BIG, "/dashboard", cookie, NULL), 200);
    assert_non_null(strstr(body(), "10 days past due"));
    snprintf(cookie, sizeof cookie, "fq_session=%s; fq_lang=zh_CN", s);
    /* the report: Chinese labels, the inspector's words as written (escaped), the names
     * core marks from the device's catalog */
    snprintf(path, sizeof path, "/visits/%s", dev_a.visit_uuid);
    assert_int_equal(get_in(res, BIG, path, cookie, NULL), 200);
    b = body();
    assert_non_null(strstr(b, "<html lang=\"zh-CN\">"));
    assert_non_null(strstr(b, "<h2>\xE7\xAD\xBE\xE6\xA0\xB8</h2>")); /* 签核 */
    assert_non_null(strstr(b, ZH_NOTE " 3 &lt;b&gt;&amp;&lt;/b&gt;"));
    assert_non_null(strstr(b, ZH_FACTORY));
    assert_non_null(strstr(b, "Glaze drips on 3 mugs &lt;script&gt;")); /* English note */
    assert_non_null(strstr(b, "<td>\xE4\xB8\xA5\xE9\x87\x8D</td>"));    /* 严重: major */
    /* a light's reason that is a catalog message as a whole: on schedule */
    assert_non_null(
        strstr(b, "</span>\xE6\x8C\x89\xE8\xAE\xA1\xE5\x88\x92\xE8\xBF\x9B\xE8\xA1\x8C</td></tr>"));
    assert_null(strstr(b, "<h2>Sign-offs</h2>"));
    assert_null(strstr(b, "<script"));
    /* an approval record's kind is the office's word, in Chinese too: 批准 */
    assert_non_null(strstr(b, "<td>\xE6\x89\xB9\xE5\x87\x86</td>"));
    assert_null(strstr(b, "<td>approval</td>"));
    /* and in English the same report has the English labels */
    snprintf(cookie, sizeof cookie, "fq_session=%s; fq_lang=en", s);
    assert_int_equal(get_in(res, BIG, path, cookie, "zh-CN"), 200);
    assert_non_null(strstr(body(), "<h2>Sign-offs</h2>"));
    assert_non_null(strstr(body(), ZH_NOTE " 3 &lt;b&gt;&amp;&lt;/b&gt;"));
    /* the PDF: its text holds the Chinese words (a CJK font embedded, not boxes) */
    int have = access("/usr/bin/chromium", X_OK) == 0 && access("/usr/bin/pdftotext", X_OK) == 0;
    const char *ci = getenv("CI");
    if (!have && !(ci && !strcmp(ci, "true"))) {
        fprintf(stderr, "chromium or pdftotext not installed: the Chinese PDF is not checked\n");
        return;
    }
    snprintf(cookie, sizeof cookie, "fq_session=%s; fq_lang=zh_CN", s);
    snprintf(path, sizeof path, "/visits/%s/report.pdf", dev_a.visit_uuid);
    assert_int_equal(get_in(res, BIG, path, cookie, NULL), 200);
    const char *cl = strstr(res, "Content-Length: ");
    assert_non_null(cl);
    size_t len = (size_t)strtoul(cl + 16, NULL, 10);
    assert_true(len > 1000 && len < BIG - 1024);
    char pdf[1200], txt[1200];
    snprintf(pdf, sizeof pdf, "%s/zh.pdf", dir);
    snprintf(txt, sizeof txt, "%s/zh.txt", dir);
    assert_int_equal(fq_test_write_file(pdf, strstr(res, "\r\n\r\n") + 4, len), 0);
    assert_int_equal(fx_run("pdftotext -enc UTF-8 '%s' '%s'", pdf, txt), 0);
    char *text = fq_test_slurp(txt);
    assert_non_null(strstr(text, ZH_NOTE));
    assert_non_null(strstr(text, ZH_FACTORY));
    assert_non_null(
        strstr(text, "\xE9\xAA\x8C\xE8\xB4\xA7\xE6\x8A\xA5\xE5\x91\x8A")); /* 验货报告 */
    free(text);
}

typedef struct lang_worker {
    const char *cookie;
    const char *want_html, *want_h1;
    int n_wrong, n_failed;
    char *buf;
} lang_worker;

static void *dashboards(void *arg)
{
    lang_worker *w = arg;
    for (int i = 0; i < 40; i++) {
        if (get_in(w->buf, 256 * 1024, "/dashboard", w->cookie, NULL) != 200) {
            w->n_failed++;
            continue;
        }
        if (!strstr(w->buf, w->want_html) || !strstr(w->buf, w->want_h1))
            w->n_wrong++;
    }
    return NULL;
}

/* The server answers on a thread per connection: two clients asking in two languages at
 * the same time each get every page in theirs (the language is the request's, not the
 * process's). */
static void test_two_languages_at_once(void **state)
{
    (void)state;
    char s[65], c[65], zh[200], en[200];
    login("coord", "coord-secret-1", s, c);
    snprintf(zh, sizeof zh, "fq_session=%s; fq_lang=zh_CN", s);
    snprintf(en, sizeof en, "fq_session=%s; fq_lang=en", s);
    lang_worker w[2] = {{zh, "<html lang=\"zh-CN\">", "<h1>\xE8\xAE\xA2\xE5\x8D\x95</h1>", 0, 0,
                         malloc(256 * 1024)},
                        {en, "<html lang=\"en\">", "<h1>Orders</h1>", 0, 0, malloc(256 * 1024)}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        assert_non_null(w[i].buf);
        assert_int_equal(pthread_create(&t[i], NULL, dashboards, &w[i]), 0);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
        free(w[i].buf);
        assert_int_equal(w[i].n_failed, 0);
        assert_int_equal(w[i].n_wrong, 0);
    }
}

static void test_reset_and_disable_end_sessions(void **state)
{
    (void)state;
    char s[65], c[65];
    login("temp", "temp-secret-1", s, c);
    assert_int_equal(fx_run("printf '%%s\\n' 'temp-secret-2' | '%s' user --db '%s' reset temp "
                         "> /dev/null 2>&1", office_bin, db), 0);
    assert_int_equal(get("/dashboard", s), 303);
    login("temp", "temp-secret-2", s, c);
    assert_int_equal(fx_run("'%s' user --db '%s' disable temp > /dev/null 2>&1", office_bin, db), 0);
    assert_int_equal(get("/dashboard", s), 303);
    assert_int_equal(login_as("temp", "temp-secret-2", s, c), 401);
    /* a short password is refused */
    assert_int_equal(fx_run("printf 'short\\n' | '%s' user --db '%s' add shorty --role coordinator "
                         "> /dev/null 2>&1", office_bin, db), 1);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_portal FIELDQC_OFFICE\n");
        return 2;
    }
    office_bin = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_login_session_and_headers),
        cmocka_unit_test(test_session_cookie_attributes),
        cmocka_unit_test(test_login_rate_limit),
        cmocka_unit_test(test_login_form_needs_its_token),
        cmocka_unit_test(test_buyer_sees_only_their_company),
        cmocka_unit_test(test_inspector_sees_own_visits),
        cmocka_unit_test(test_forms_without_csrf_are_refused),
        cmocka_unit_test(test_script_in_user_text_stays_text),
        cmocka_unit_test(test_dashboard_worst_first_counts_and_filters),
        cmocka_unit_test(test_buyer_approves_sample_and_the_tablet_gets_it),
        cmocka_unit_test(test_report_page_and_pdf),
        cmocka_unit_test(test_language_default_choice_and_refusals),
        cmocka_unit_test(test_chinese_pages_report_and_pdf),
        cmocka_unit_test(test_two_languages_at_once),
        cmocka_unit_test(test_reset_and_disable_end_sessions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
