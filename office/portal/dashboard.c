/* The dashboard: every order the user may see across factories, worst light first, each with
 * every reason of its light, its next milestone and that milestone's due day; filters by
 * factory, buyer, light, due day and inspector (a GET form: links can be shared), counts per
 * light over the other filters, the pending approvals on top. Orders are read in pages of
 * ORDER_PAGE and summarised in one batch per page (fq_ostore_order_summaries), so 10,000
 * orders cost a few dozen queries. Only what sorts and filters is kept of each (a row of a
 * few hundred bytes, names interned: a full summary is 3 KB), and the ROWS_PER_PAGE rows
 * shown are summarised again for their reasons. On a phone the table becomes one card per
 * order (style.c). */
#include "portal_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/names.h"
#include "office/html.h"

#define ORDER_PAGE 1000
#define ROWS_PER_PAGE 100
#define DAY_S 86400

/* The names of one request, each kept once: buyers, factories and inspectors repeat across
 * thousands of orders. */
typedef struct pool {
    char **slot;
    size_t cap, n;
} pool;

static uint32_t hash_of(const char *s)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

/* The pool's copy of s; NULL out of memory. */
static const char *intern(pool *p, const char *s)
{
    if (2 * (p->n + 1) > p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 256;
        char **slot = calloc(cap, sizeof *slot);
        if (!slot)
            return NULL;
        for (size_t i = 0; i < p->cap; i++) {
            if (!p->slot[i])
                continue;
            size_t at = hash_of(p->slot[i]) & (cap - 1);
            while (slot[at])
                at = (at + 1) & (cap - 1);
            slot[at] = p->slot[i];
        }
        free(p->slot);
        p->slot = slot;
        p->cap = cap;
    }
    size_t at = hash_of(s) & (p->cap - 1);
    while (p->slot[at] && strcmp(p->slot[at], s))
        at = (at + 1) & (p->cap - 1);
    if (!p->slot[at]) {
        if (!(p->slot[at] = strdup(s)))
            return NULL;
        p->n++;
    }
    return p->slot[at];
}

static void pool_free(pool *p)
{
    for (size_t i = 0; i < p->cap; i++)
        free(p->slot[i]);
    free(p->slot);
}

/* What sorts, filters and shows an order. */
typedef struct row {
    char uuid[FQ_UUID_LEN];
    char po[FQ_SHORT_LEN];
    char product[FQ_NAME_LEN];
    const char *buyer;                                 /* interned */
    const char *factory;
    const char *inspectors[FQ_ORDER_INSPECTORS_MAX];
    int32_t n_inspectors;
    int32_t light;                                     /* fq_light */
    int has_next;
    int64_t next_due_utc;
    int64_t ship_utc;
} row;

typedef struct rows {
    row *v;
    size_t n, cap;
    pool names;
    fq_order_summary *chunk;                           /* ORDER_PAGE summaries, reused */
} rows;

typedef struct filters {
    const char *factory, *buyer, *light, *due, *inspector;
    long page;
} filters;

/* ---- reading ---- */

/* Room for `more` rows. */
static fq_err reserve(rows *rs, size_t more)
{
    if (rs->n + more <= rs->cap)
        return FQ_OK;
    size_t cap = rs->cap ? rs->cap : 256;
    while (cap < rs->n + more)
        cap *= 2;
    row *v = realloc(rs->v, cap * sizeof *v);
    if (!v)
        return FQ_ERR_NOMEM;
    rs->v = v;
    rs->cap = cap;
    return FQ_OK;
}

static void rows_free(rows *rs)
{
    free(rs->v);
    free(rs->chunk);
    pool_free(&rs->names);
}

/* One order and its summary into row r. */
static fq_err fill_row(rows *rs, row *r, const fq_order *o, const fq_order_summary *s)
{
    snprintf(r->uuid, sizeof r->uuid, "%s", o->meta.uuid);
    snprintf(r->po, sizeof r->po, "%s", o->po_number);
    snprintf(r->product, sizeof r->product, "%s", o->product);
    r->buyer = intern(&rs->names, o->buyer);
    r->factory = intern(&rs->names, o->factory);
    r->n_inspectors = s->n_inspectors;
    int ok = r->buyer && r->factory;
    for (int32_t k = 0; k < s->n_inspectors; k++)
        ok &= (r->inspectors[k] = intern(&rs->names, s->inspectors[k])) != NULL;
    r->light = (int32_t)s->report.light;
    r->has_next = s->has_next;
    r->next_due_utc = s->next_due_utc;
    r->ship_utc = o->ship_date_utc;
    return ok ? FQ_OK : FQ_ERR_NOMEM;
}

/* Summarises orders[0..n) (n <= ORDER_PAGE) into rows. */
static fq_err add_orders(fq_portal_ctx *c, const fq_order *orders, size_t n, rows *rs)
{
    const char *ids[ORDER_PAGE];
    if (!rs->chunk && !(rs->chunk = calloc(ORDER_PAGE, sizeof *rs->chunk)))
        return FQ_ERR_NOMEM;
    fq_err err = n <= ORDER_PAGE ? reserve(rs, n) : FQ_ERR_INVALID;
    for (size_t i = 0; !err && i < n; i++)
        ids[i] = orders[i].meta.uuid;
    if (!err)
        err = fq_ostore_order_summaries(c->s, ids, n, rs->chunk);
    for (size_t i = 0; !err && i < n; i++)
        err = fill_row(rs, &rs->v[rs->n + i], &orders[i], &rs->chunk[i]);
    if (!err)
        rs->n += n;
    return err;
}

/* Every order a coordinator or a buyer sees, page by page. */
static fq_err read_paged(fq_portal_ctx *c, rows *rs)
{
    const char *col = c->role == FQ_PORTAL_BUYER ? "buyer" : NULL;
    const char *val = c->role == FQ_PORTAL_BUYER ? c->user.company : NULL;
    char after[FQ_UUID_LEN] = "";
    int64_t total = 0;
    fq_err err = fq_ostore_count(c->s, FQ_ENT_ORDER, col, val, &total);
    if (!err && total > 0)
        err = reserve(rs, (size_t)total);
    if (err)
        return err;
    for (;;) {
        void *page = NULL;
        size_t n = 0;
        int more = 0;
        err = fq_ostore_page(c->s, FQ_ENT_ORDER, col, val, after, ORDER_PAGE, &page, &n, &more);
        if (!err && n) {
            err = add_orders(c, page, n, rs);
            snprintf(after, sizeof after, "%s", ((fq_order *)page)[n - 1].meta.uuid);
        }
        free(page);
        if (err || !more || !n)
            return err;
    }
}

/* The orders of an inspector's own visits. */
static fq_err read_inspector(fq_portal_ctx *c, rows *rs)
{
    void *vs = NULL;
    size_t n = 0;
    fq_err err = fq_ostore_list(c->s, FQ_ENT_VISIT, "inspector_name", c->user.company,
                                "order_uuid", &vs, &n);
    fq_order *orders = err ? NULL : calloc(n ? n : 1, sizeof *orders);
    size_t k = 0;
    if (!err && !orders)
        err = FQ_ERR_NOMEM;
    for (size_t i = 0; !err && i < n; i++) {
        const fq_visit *v = (const fq_visit *)vs + i;
        if (i && !strcmp(v->order_uuid, ((const fq_visit *)vs)[i - 1].order_uuid))
            continue;
        if (fq_ostore_get(c->s, FQ_ENT_ORDER, v->order_uuid, &orders[k]) == FQ_OK)
            k++;
    }
    for (size_t at = 0; !err && c->user.company[0] && at < k; at += ORDER_PAGE)
        err = add_orders(c, orders + at, k - at < ORDER_PAGE ? k - at : ORDER_PAGE, rs);
    free(orders);
    free(vs);
    return err;
}

/* ---- filtering and order ---- */

static int due_matches(const row *r, const char *due, int64_t now)
{
    if (!due || !*due)
        return 1;
    if (!r->has_next || !r->next_due_utc)
        return 0;
    int64_t today = now - now % DAY_S;
    if (!strcmp(due, "overdue"))
        return r->next_due_utc < today;
    long days = !strcmp(due, "7") ? 7 : !strcmp(due, "30") ? 30 : -1;
    return days >= 0 && r->next_due_utc <= today + days * DAY_S;
}

static int has_inspector(const row *r, const char *name)
{
    for (int32_t k = 0; k < r->n_inspectors; k++)
        if (!strcmp(r->inspectors[k], name))
            return 1;
    return 0;
}

/* Matches every filter but the light's. */
static int base_match(const row *r, const filters *flt, int64_t now)
{
    if (flt->factory && *flt->factory && strcmp(r->factory, flt->factory))
        return 0;
    if (flt->buyer && *flt->buyer && strcmp(r->buyer, flt->buyer))
        return 0;
    if (flt->inspector && *flt->inspector && !has_inspector(r, flt->inspector))
        return 0;
    return due_matches(r, flt->due, now);
}

static int light_of_name(const char *s)
{
    if (!s || !*s)
        return -1;
    return !strcmp(s, "red") ? FQ_LIGHT_RED : !strcmp(s, "yellow") ? FQ_LIGHT_YELLOW
                                                : !strcmp(s, "green")  ? FQ_LIGHT_GREEN : -2;
}

/* Worst light first; then the next milestone due soonest (none last); then PO. */
static int by_urgency(const void *a, const void *b)
{
    const row *x = *(const row *const *)a, *y = *(const row *const *)b;
    if (x->light != y->light)
        return x->light > y->light ? -1 : 1;
    int64_t dx = x->has_next && x->next_due_utc ? x->next_due_utc : INT64_MAX;
    int64_t dy = y->has_next && y->next_due_utc ? y->next_due_utc : INT64_MAX;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return strcmp(x->po, y->po);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- writing ---- */

/* "/dashboard?..." with the filters, light replaced by `light` and page by `page`. */
static void dashboard_href(FILE *f, const filters *flt, const char *light, long page)
{
    const char *names[] = {"factory", "buyer", "light", "due", "inspector"};
    const char *values[] = {flt->factory, flt->buyer, light, flt->due, flt->inspector};
    fputs("/dashboard", f);
    char sep = '?';
    for (int i = 0; i < 5; i++) {
        if (!values[i] || !*values[i])
            continue;
        fprintf(f, "%c%s=", sep, names[i]);
        fq_portal_url_value(f, values[i]);
        sep = '&';
    }
    if (page > 1)
        fprintf(f, "%cpage=%ld", sep, page);
}

/* The distinct non-empty strings of vals[0..n) moved to its front, sorted; their count. A
 * hash set first: 10,000 orders hold a few dozen factories. */
static size_t distinct_sorted(const char **vals, size_t n)
{
    size_t cap = 64, k = 0;
    while (cap < 2 * n)
        cap *= 2;
    const char **set = calloc(cap, sizeof *set);
    for (size_t i = 0; i < n; i++) {
        if (!*vals[i])
            continue;
        if (!set) { /* out of memory: sorted, then the repeats dropped below */
            vals[k++] = vals[i];
            continue;
        }
        uint32_t h = 2166136261u;
        for (const unsigned char *p = (const unsigned char *)vals[i]; *p; p++)
            h = (h ^ *p) * 16777619u;
        size_t at = h & (cap - 1);
        while (set[at] && strcmp(set[at], vals[i]))
            at = (at + 1) & (cap - 1);
        if (!set[at])
            set[at] = vals[k++] = vals[i];
    }
    free(set);
    qsort(vals, k, sizeof *vals, by_string);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (!u || strcmp(vals[i], vals[u - 1]))
            vals[u++] = vals[i];
    return u;
}

/* A <select> of the distinct values among vals. */
static void select_of(const fq_office_lang *lang, FILE *f, const char *label, const char *name,
                      const char **vals, size_t n, const char *chosen)
{
    n = distinct_sorted(vals, n);
    fprintf(f, L_(lang, "<label>%s <select name=%s><option value=\"\">all</option>"), label, name);
    for (size_t i = 0; i < n; i++) {
        fputs("<option value=\"", f);
        fq_office_html_text(f, vals[i]);
        fputs(chosen && !strcmp(chosen, vals[i]) ? "\" selected>" : "\">", f);
        fq_office_html_text(f, vals[i]);
        fputs("</option>", f);
    }
    fputs("</select></label>", f);
}

static void filter_form(fq_portal_ctx *c, FILE *f, const rows *rs, const filters *flt)
{
    const char **vals = malloc((rs->n * FQ_ORDER_INSPECTORS_MAX + 1) * sizeof *vals);
    if (!vals)
        return;
    fputs("<form method=get action=\"/dashboard\" class=filters>", f);
    size_t n = 0;
    for (size_t i = 0; i < rs->n; i++)
        vals[n++] = rs->v[i].factory;
    select_of(c->lang, f, L_(c->lang, "Factory"), "factory", vals, n, flt->factory);
    if (c->role != FQ_PORTAL_BUYER) {
        n = 0;
        for (size_t i = 0; i < rs->n; i++)
            vals[n++] = rs->v[i].buyer;
        select_of(c->lang, f, L_(c->lang, "Buyer"), "buyer", vals, n, flt->buyer);
    }
    fputs(L_(c->lang, "<label>Light <select name=light><option value=\"\">all</option>"), f);
    static const int lights[] = {FQ_LIGHT_RED, FQ_LIGHT_YELLOW, FQ_LIGHT_GREEN};
    for (int i = 0; i < 3; i++) {
        const char *key = fq_light_name((fq_light)lights[i]);
        fprintf(f, "<option value=%s%s>%s</option>", key,
                flt->light && !strcmp(flt->light, key) ? " selected" : "",
                fq_portal_light_word(c->lang, lights[i]));
    }
    fputs(L_(c->lang, "</select></label><label>Next due <select name=due><option value=\"\">any day"
                      "</option>"),
          f);
    const char *const dues[][2] = {{"overdue", L_(c->lang, "overdue")},
                                   {"7", L_(c->lang, "within 7 days")},
                                   {"30", L_(c->lang, "within 30 days")}};
    for (int i = 0; i < 3; i++)
        fprintf(f, "<option value=%s%s>%s</option>", dues[i][0],
                flt->due && !strcmp(flt->due, dues[i][0]) ? " selected" : "", dues[i][1]);
    fputs("</select></label>", f);
    n = 0;
    for (size_t i = 0; i < rs->n; i++)
        for (int32_t k = 0; k < rs->v[i].n_inspectors; k++)
            vals[n++] = rs->v[i].inspectors[k];
    select_of(c->lang, f, L_(c->lang, "Inspector"), "inspector", vals, n, flt->inspector);
    fputs(L_(c->lang,
             "<button type=submit>Filter</button> <a href=\"/dashboard\">Clear</a></form>\n"),
          f);
    free(vals);
}

static void counts(const fq_office_lang *lang, FILE *f, const size_t n_light[3], const filters *flt)
{
    static const int order[] = {FQ_LIGHT_RED, FQ_LIGHT_YELLOW, FQ_LIGHT_GREEN};
    fputs("<p class=counts>", f);
    for (int i = 0; i < 3; i++) {
        const char *name = fq_light_name((fq_light)order[i]);
        int on = flt->light && !strcmp(flt->light, name);
        fputs(on ? "<a class=\"count on\" href=\"" : "<a class=count href=\"", f);
        dashboard_href(f, flt, on ? "" : name, 1);
        fprintf(f, "\"><span class=\"dot %s\"></span><b>%zu</b> %s</a>", name, n_light[order[i]],
                fq_portal_light_word(lang, order[i]));
    }
    fputs("</p>\n", f);
}

static void order_row(fq_portal_ctx *c, FILE *f, const row *r, const fq_order_summary *s,
                      int64_t now)
{
    fprintf(f, "<tr class=\"l-%s\"><td data-label=\"%s\">", fq_light_name(s->report.light),
            L_(c->lang, "Light"));
    fq_portal_light(c, f, s->report.light);
    if (s->report.n_reasons) {
        fputs("<ul class=reasons>", f);
        for (int k = 0; k < s->report.n_reasons; k++) {
            fprintf(f, "<li class=lr-%s>", fq_light_name(s->report.reasons[k].light));
            fq_office_html_text(f, L_(c->lang, s->report.reasons[k].reason));
            fputs("</li>", f);
        }
        fputs("</ul>", f);
    }
    fprintf(f, "</td><td data-label=\"%s\"><a href=\"/orders/%s\"><b>", L_(c->lang, "Order"),
            r->uuid);
    fq_office_html_text(f, r->po);
    fputs("</b></a><div class=muted>", f);
    fq_office_html_text(f, r->product);
    fprintf(f, "</div></td><td data-label=\"%s\">", L_(c->lang, "Buyer"));
    fq_office_html_text(f, r->buyer);
    fprintf(f, "</td><td data-label=\"%s\">", L_(c->lang, "Factory"));
    fq_office_html_text(f, r->factory);
    fprintf(f, "</td><td data-label=\"%s\">", L_(c->lang, "Next milestone"));
    if (s->has_next) {
        fprintf(f, "<span class=\"dot %s\"></span>", fq_light_name(s->next_light));
        fq_office_html_text(f, s->next_title[0]
                                   ? s->next_title
                                   : L_(c->lang, fq_milestone_kind_name(s->next_kind)));
        if (s->next_due_utc) {
            int64_t today = now - now % DAY_S;
            fputs(s->next_due_utc < today ? L_(c->lang, "<div class=late>due ")
                                          : L_(c->lang, "<div class=muted>due "),
                  f);
            fq_office_html_date(f, s->next_due_utc);
            fputs("</div>", f);
        }
    } else {
        fputs(L_(c->lang, "<span class=muted>chain complete</span>"), f);
    }
    fprintf(f, "</td><td data-label=\"%s\">", L_(c->lang, "Inspectors"));
    for (int32_t k = 0; k < s->n_inspectors; k++) {
        if (k)
            fputs(", ", f);
        fq_office_html_text(f, s->inspectors[k]);
    }
    fprintf(f, "</td><td data-label=\"%s\">", L_(c->lang, "Ships"));
    fq_office_html_date(f, r->ship_utc);
    fputs("</td></tr>\n", f);
}

/* The table of rows[first..last): their summaries read again for every reason. */
static int table(fq_portal_ctx *c, FILE *f, const row *const *shown, size_t first, size_t last)
{
    size_t n = last - first;
    const char *ids[ROWS_PER_PAGE];
    fq_order_summary *sums = calloc(n ? n : 1, sizeof *sums);
    for (size_t i = 0; i < n; i++)
        ids[i] = shown[first + i]->uuid;
    if (!sums || fq_ostore_order_summaries(c->s, ids, n, sums)) {
        free(sums);
        return -1;
    }
    fputs(L_(c->lang, "<table class=orders><thead><tr><th>Light and reasons</th><th>Order</th>"
                      "<th>Buyer</th><th>Factory</th><th>Next milestone</th><th>Inspectors</th>"
                      "<th>Ships</th></tr></thead><tbody>\n"),
          f);
    for (size_t i = 0; i < n; i++)
        order_row(c, f, shown[first + i], &sums[i], c->now);
    fputs("</tbody></table>\n", f);
    free(sums);
    return 0;
}

/* The pending requests the user may decide or follow (a few, soonest due first). */
typedef struct pending {
    fq_portal_ctx *c;
    FILE *f;
    int n;
} pending;

static int pending_row(void *ctx, const fq_ostore_request *r)
{
    pending *x = ctx;
    fq_portal_ctx *c = x->c;
    fq_order o;
    if (!fq_portal_load_order(x->c, r->order_uuid, &o))
        return 0;
    if (x->n++ == 0)
        fputs(L_(c->lang, "<section class=waiting><h2>Waiting for a decision</h2><ul>"), x->f);
    if (x->n > 10)
        return 0;
    fprintf(x->f, "<li><a href=\"/orders/%s#requests\">", o.meta.uuid);
    fq_office_html_text(x->f, o.po_number);
    fputs("</a>: ", x->f);
    fq_office_html_text(x->f, r->subject);
    if (r->due_utc) {
        fputs(r->due_utc < x->c->now ? L_(c->lang, " <span class=late>due ")
                                     : L_(c->lang, " <span class=muted>due "),
              x->f);
        fq_office_html_date(x->f, r->due_utc);
        fputs("</span>", x->f);
    }
    fputs("</li>", x->f);
    return 0;
}

void fq_portal_dashboard(fq_portal_ctx *c)
{
    filters flt = {fq_portal_query(c, "factory"), fq_portal_query(c, "buyer"),
                   fq_portal_query(c, "light"), fq_portal_query(c, "due"),
                   fq_portal_query(c, "inspector"), 1};
    const char *page_arg = fq_portal_query(c, "page");
    if (page_arg) {
        char *end = NULL;
        flt.page = strtol(page_arg, &end, 10);
        if (!*page_arg || *end || flt.page < 1 || flt.page > 100000)
            flt.page = 1;
    }
    int want_light = light_of_name(flt.light);
    if (want_light == -2)
        want_light = -1, flt.light = NULL;
    rows rs;
    memset(&rs, 0, sizeof rs);
    fq_err err = c->role == FQ_PORTAL_INSPECTOR ? read_inspector(c, &rs) : read_paged(c, &rs);
    const row **shown = err ? NULL : malloc((rs.n ? rs.n : 1) * sizeof *shown);
    if (err || !shown) {
        free(shown);
        rows_free(&rs);
        fq_portal_error(c, 503, L_(c->lang, "The orders could not be read: try again"));
        return;
    }
    size_t n_light[3] = {0, 0, 0}, n_shown = 0;
    for (size_t i = 0; i < rs.n; i++) {
        const row *r = &rs.v[i];
        if (!base_match(r, &flt, c->now))
            continue;
        n_light[r->light]++;
        if (want_light < 0 || r->light == want_light)
            shown[n_shown++] = r;
    }
    qsort(shown, n_shown, sizeof *shown, by_urgency);
    fq_portal_page pg;
    if (fq_portal_page_open(c, &pg, L_(c->lang, "Orders"))) {
        free(shown);
        rows_free(&rs);
        return;
    }
    FILE *f = pg.f;
    fputs(L_(c->lang, "<h1>Orders</h1>"), f);
    pending pend = {c, f, 0};
    fq_ostore_each_request(c->s, NULL, "pending", pending_row, &pend);
    if (pend.n)
        fprintf(f, "</ul>%s</section>\n",
                pend.n > 10 ? L_(c->lang, "<p><a href=\"/approvals\">All pending requests</a></p>")
                            : "");
    counts(c->lang, f, n_light, &flt);
    filter_form(c, f, &rs, &flt);
    size_t first = (size_t)(flt.page - 1) * ROWS_PER_PAGE;
    if (first >= n_shown)
        first = 0;
    size_t last = first + ROWS_PER_PAGE < n_shown ? first + ROWS_PER_PAGE : n_shown;
    fprintf(f,
            fq_office_lang_ntext(c->lang, "<p class=muted>%zu order of %zu%s</p>",
                                 "<p class=muted>%zu orders of %zu%s</p>", n_shown),
            n_shown, rs.n, n_shown > ROWS_PER_PAGE ? L_(c->lang, ", worst first") : "");
    if (n_shown && table(c, f, shown, first, last))
        fputs(L_(c->lang,
                 "<p class=error>The orders' reasons could not be read: reload the page.</p>"),
              f);
    if (n_shown > ROWS_PER_PAGE) {
        long pages = (long)((n_shown + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE);
        long at = (long)(first / ROWS_PER_PAGE) + 1;
        fprintf(f, L_(c->lang, "<nav class=pages>Page %ld of %ld "), at, pages);
        if (at > 1) {
            fputs("<a href=\"", f);
            dashboard_href(f, &flt, flt.light, at - 1);
            fputs(L_(c->lang, "\">previous</a> "), f);
        }
        if (at < pages) {
            fputs("<a href=\"", f);
            dashboard_href(f, &flt, flt.light, at + 1);
            fputs(L_(c->lang, "\">next</a>"), f);
        }
        fputs("</nav>", f);
    }
    free(shown);
    rows_free(&rs);
    fq_portal_page_send(c, &pg, 200);
}
