/* Accounts, sessions and forms that cannot be forged.
 *
 * Passwords: argon2id (libsodium's crypto_pwhash_str, its interactive limits); an unknown
 * account is checked against a dummy hash, so the time does not tell which names exist.
 * Sessions: 32 random bytes in the fq_session cookie (HttpOnly, Secure, SameSite=Strict,
 * Path=/), the office keeps BLAKE2b-256 of them and a CSRF token of 32 random bytes; a
 * session ends at logout, at its lifetime, when its account is reset or disabled.
 * The login form has no session yet: its token is double-submitted (the fq_login cookie and
 * a hidden field must match). Failed logins are limited per account and per address within
 * a window (in memory: a restart forgets them; one server process is the design). */
#include "portal_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "office/html.h"

#define SESSION_COOKIE "fq_session"
#define LOGIN_COOKIE "fq_login"
/* an address may fail this many times the account limit (an office behind one NAT) */
#define ADDRESS_FACTOR 4

static void random_hex(char *out, size_t bytes)
{
    unsigned char raw[32];
    randombytes_buf(raw, bytes);
    sodium_bin2hex(out, bytes * 2 + 1, raw, bytes);
    sodium_memzero(raw, sizeof raw);
}

static void secret_hash(const char *secret, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)secret, strlen(secret), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

int fq_portal_role_parse(const char *role)
{
    if (!role)
        return -1;
    if (!strcmp(role, "coordinator"))
        return FQ_PORTAL_COORDINATOR;
    if (!strcmp(role, "buyer"))
        return FQ_PORTAL_BUYER;
    if (!strcmp(role, "inspector"))
        return FQ_PORTAL_INSPECTOR;
    return -1;
}

int fq_portal_password_hash(const char *password, char out[FQ_STORE_PW_HASH_LEN])
{
    return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

/* ---- sessions ---- */

void fq_portal_auth_session(fq_portal_ctx *c)
{
    c->logged_in = 0;
    const char *cookie = c->req->cookie_session;
    if (!cookie || strlen(cookie) != 64)
        return;
    char id_hash[65];
    secret_hash(cookie, id_hash);
    if (fq_ostore_session_get(c->s, id_hash, &c->session) || c->session.expires_utc <= c->now)
        return;
    if (fq_ostore_user_get(c->s, c->session.user, &c->user) || c->user.disabled_utc)
        return;
    int role = fq_portal_role_parse(c->user.role);
    if (role < 0)
        return;
    c->role = (fq_portal_role)role;
    c->logged_in = 1;
}

int fq_portal_auth_csrf_ok(const fq_portal_ctx *c)
{
    const char *got = fq_portal_field(c, "csrf");
    return c->logged_in && got && strlen(got) == 64 && strlen(c->session.csrf) == 64 &&
           sodium_memcmp(got, c->session.csrf, 64) == 0;
}

void fq_portal_set_cookie(fq_portal_ctx *c, const char *name, const char *value, int64_t max_age)
{
    fq_portal_response *r = c->res;
    if (r->n_cookies >= FQ_PORTAL_MAX_COOKIES)
        return;
    snprintf(r->cookies[r->n_cookies++], sizeof r->cookies[0],
             "%s=%s; Path=/; Max-Age=%lld; HttpOnly; Secure; SameSite=Strict", name, value,
             (long long)max_age);
}

/* ---- the login limit ---- */

static int64_t mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec;
}

/* The slot of key (a free or the oldest one when new); under p->mu. */
static fq_portal_limit_slot *slot_of(fq_portal *p, const char *key, int64_t now)
{
    fq_portal_limit_slot *oldest = &p->slots[0];
    for (int i = 0; i < FQ_PORTAL_LIMIT_SLOTS; i++) {
        fq_portal_limit_slot *s = &p->slots[i];
        if (!strcmp(s->key, key)) {
            if (now - s->since >= p->cfg.login_window_s) {
                s->since = now;
                s->failures = 0;
            }
            return s;
        }
        if (!s->key[0] || s->since < oldest->since)
            oldest = s;
    }
    memset(oldest, 0, sizeof *oldest);
    snprintf(oldest->key, sizeof oldest->key, "%s", key);
    oldest->since = now;
    return oldest;
}

static void limit_keys(const fq_portal_ctx *c, const char *user, char k_user[96], char k_addr[96])
{
    snprintf(k_user, 96, "u:%.80s", user);
    snprintf(k_addr, 96, "a:%.80s", c->req->client ? c->req->client : "?");
}

/* Seconds until the account or the address may try again; 0 when it may now. */
static int limited(fq_portal_ctx *c, const char *user)
{
    char ku[96], ka[96];
    limit_keys(c, user, ku, ka);
    fq_portal *p = c->p;
    int64_t now = mono_s();
    pthread_mutex_lock(&p->mu);
    fq_portal_limit_slot *su = slot_of(p, ku, now);
    int64_t wait = su->failures >= p->cfg.login_failures ? su->since + p->cfg.login_window_s - now
                                                         : 0;
    fq_portal_limit_slot *sa = slot_of(p, ka, now);
    if (sa->failures >= p->cfg.login_failures * ADDRESS_FACTOR) {
        int64_t w = sa->since + p->cfg.login_window_s - now;
        wait = w > wait ? w : wait;
    }
    pthread_mutex_unlock(&p->mu);
    return wait > 0 ? (int)wait : 0;
}

static void count_failure(fq_portal_ctx *c, const char *user)
{
    char ku[96], ka[96];
    limit_keys(c, user, ku, ka);
    fq_portal *p = c->p;
    int64_t now = mono_s();
    pthread_mutex_lock(&p->mu);
    slot_of(p, ku, now)->failures++;
    slot_of(p, ka, now)->failures++;
    pthread_mutex_unlock(&p->mu);
}

static void forget_failures(fq_portal_ctx *c, const char *user)
{
    char ku[96], ka[96];
    limit_keys(c, user, ku, ka);
    fq_portal *p = c->p;
    pthread_mutex_lock(&p->mu);
    slot_of(p, ku, mono_s())->failures = 0;
    pthread_mutex_unlock(&p->mu);
}

/* ---- login and logout ---- */

static void login_form(fq_portal_ctx *c, unsigned status, const char *message, const char *name)
{
    char token[65];
    const char *have = c->req->cookie_login;
    if (have && strlen(have) == 64 && strspn(have, "0123456789abcdef") == 64)
        snprintf(token, sizeof token, "%s", have);
    else
        random_hex(token, 32);
    fq_portal_set_cookie(c, LOGIN_COOKIE, token, 3600);
    fq_portal_page pg;
    if (fq_portal_page_open(c, &pg, L_(c->lang, "Log in")))
        return;
    FILE *f = pg.f;
    fputs(L_(c->lang,
             "<section class=login><h1>fieldqc</h1><p class=muted>Orders, inspection reports and "
             "approvals</p>"),
          f);
    if (message) {
        fputs("<p class=error role=alert>", f);
        fq_office_html_text(f, message);
        fputs("</p>", f);
    }
    fputs("<form method=post action=\"/login\"><input type=hidden name=csrf value=\"", f);
    fputs(token, f);
    fputs(L_(c->lang,
             "\"><label>Account <input name=name autocomplete=username required maxlength=63 "
             "value=\""),
          f);
    fq_office_html_text(f, name);
    fputs(L_(c->lang, "\"></label><label>Password <input type=password name=password "
                      "autocomplete=current-password required maxlength=200></label>"
                      "<button type=submit>Log in</button></form></section>\n"),
          f);
    fq_portal_page_send(c, &pg, status);
}

void fq_portal_login_page(fq_portal_ctx *c)
{
    if (c->logged_in) {
        fq_portal_redirect(c, "/dashboard");
        return;
    }
    login_form(c, 200, NULL, "");
}

/* Lower case into out; "" when it is not an account name. */
static void normal_name(const char *in, char *out, size_t out_len)
{
    size_t k = 0;
    for (const char *p = in ? in : ""; *p && k + 1 < out_len; p++)
        out[k++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
    out[k] = '\0';
    if (!fq_portal_user_name_ok(out))
        out[0] = '\0';
}

/* A hash no password matches in practice, made once: an unknown account costs a check. */
static char dummy_hash[FQ_STORE_PW_HASH_LEN];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
    char secret[65];
    random_hex(secret, 32);
    if (fq_portal_password_hash(secret, dummy_hash))
        dummy_hash[0] = '\0';
}

/* Verifies password against the account's hash, or against the dummy when there is none;
 * at most FQ_PORTAL_HASHING_MAX at once (the others wait their turn). */
static int password_ok(fq_portal *p, const fq_ostore_user *u, int found, const char *password)
{
    pthread_mutex_lock(&p->hash_mu);
    while (p->n_hashing >= FQ_PORTAL_HASHING_MAX)
        pthread_cond_wait(&p->hash_cv, &p->hash_mu);
    p->n_hashing++;
    pthread_mutex_unlock(&p->hash_mu);
    int ok = 0;
    if (!found || u->disabled_utc) {
        /* the same work as a real check, whatever it says */
        pthread_once(&dummy_once, make_dummy);
        if (dummy_hash[0] && crypto_pwhash_str_verify(dummy_hash, password, strlen(password)))
            ok = 0;
    } else {
        ok = crypto_pwhash_str_verify(u->pw_hash, password, strlen(password)) == 0;
    }
    pthread_mutex_lock(&p->hash_mu);
    p->n_hashing--;
    pthread_cond_signal(&p->hash_cv);
    pthread_mutex_unlock(&p->hash_mu);
    return ok;
}

void fq_portal_login_post(fq_portal_ctx *c)
{
    const char *token = fq_portal_field(c, "csrf");
    const char *have = c->req->cookie_login;
    if (!token || !have || strlen(token) != 64 || strlen(have) != 64 ||
        sodium_memcmp(token, have, 64) != 0) {
        login_form(c, 403, L_(c->lang, "The login form expired: try again."), "");
        return;
    }
    char name[FQ_STORE_USER_NAME_LEN];
    normal_name(fq_portal_field(c, "name"), name, sizeof name);
    const char *password = fq_portal_field(c, "password");
    if (!password)
        password = "";
    int wait = limited(c, name);
    if (wait) {
        char msg[160];
        int minutes = (wait + 59) / 60;
        snprintf(msg, sizeof msg,
                 fq_office_lang_ntext(c->lang, "Too many failed logins: try again in %d minute.",
                                      "Too many failed logins: try again in %d minutes.",
                                      (unsigned long)minutes),
                 minutes);
        c->res->retry_after_s = wait;
        login_form(c, 429, msg, name);
        return;
    }
    fq_ostore_user u;
    int found = name[0] && fq_ostore_user_get(c->s, name, &u) == FQ_OK;
    if (!password_ok(c->p, &u, found, password) || fq_portal_role_parse(u.role) < 0) {
        count_failure(c, name);
        login_form(c, 401, L_(c->lang, "Wrong account name or password."), name);
        return;
    }
    forget_failures(c, name);
    char secret[65];
    fq_ostore_session x;
    memset(&x, 0, sizeof x);
    random_hex(secret, 32);
    secret_hash(secret, x.id_hash);
    random_hex(x.csrf, 32);
    snprintf(x.user, sizeof x.user, "%s", name);
    x.created_utc = c->now;
    x.expires_utc = c->now + c->p->cfg.session_s;
    /* expired sessions of everyone go at each login: the table stays small */
    fq_ostore_sessions_end(c->s, NULL, NULL, c->now);
    if (fq_ostore_session_add(c->s, &x)) {
        sodium_memzero(secret, sizeof secret);
        fq_portal_error(c, 503, L_(c->lang, "The session could not be stored: try again"));
        return;
    }
    fq_portal_set_cookie(c, SESSION_COOKIE, secret, c->p->cfg.session_s);
    fq_portal_set_cookie(c, LOGIN_COOKIE, "", 0);
    sodium_memzero(secret, sizeof secret);
    fq_portal_redirect(c, "/dashboard");
}

void fq_portal_logout(fq_portal_ctx *c)
{
    fq_ostore_sessions_end(c->s, c->session.id_hash, NULL, 0);
    fq_portal_set_cookie(c, SESSION_COOKIE, "", 0);
    fq_portal_redirect(c, "/login");
}
