/* One order: its light with every reason, the milestone chain (light, status, due day,
 * owner, deliverable, approval, evidence photos), the requests for a decision (a buyer
 * decides here; a coordinator asks here), the written approvals, the open and closed issues
 * with their resolutions and times, and every visit the user may see with its report. */
#include "portal_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "office/html.h"
#include "office/report_html.h"

static void *list_of(fq_portal_ctx *c, fq_entity_id ent, const char *col, const char *val,
                     const char *order, size_t *n)
{
    void *out = NULL;
    if (fq_ostore_list(c->s, ent, col, val, order, &out, n))
        *n = 0;
    return out;
}

/* The photos of the visits the user may see (the order's evidence). */
typedef struct photos {
    fq_photo *v;
    size_t n;
} photos;

static void collect_photos(fq_portal_ctx *c, const fq_order *o, const fq_visit *vs, size_t n_vs,
                           photos *out)
{
    out->v = NULL;
    out->n = 0;
    for (size_t i = 0; i < n_vs; i++) {
        if (!fq_portal_may_see_visit(c, o, &vs[i]))
            continue;
        size_t n = 0;
        fq_photo *ph = list_of(c, FQ_ENT_PHOTO, "visit_uuid", vs[i].meta.uuid, NULL, &n);
        fq_photo *g = n ? realloc(out->v, (out->n + n) * sizeof *g) : out->v;
        if (g) {
            memcpy(g + out->n, ph, n * sizeof *g);
            out->v = g;
            out->n += n;
        }
        free(ph);
    }
}

static void thumbs(fq_portal_ctx *c, FILE *f, const photos *ph, int kind, const char *subject)
{
    int opened = 0;
    for (size_t i = 0; i < ph->n; i++) {
        const fq_photo *p = &ph->v[i];
        if (p->subject_kind != kind || strcmp(p->subject_uuid, subject))
            continue;
        if (!opened++)
            fputs("<div class=photos>", f);
        fprintf(f, "<figure><a class=full href=\"/photos/%s.jpg\"><img src=\"/photos/%s.jpg\" "
                   "alt=\"", p->sha256, p->sha256);
        fq_office_html_text(f, p->caption);
        fputs("\"></a>", f);
        fq_office_html_elem(f, "figcaption", p->caption);
        fputs("</figure>", f);
    }
    if (opened)
        fputs("</div>", f);
    (void)c;
}

static void header(fq_portal_ctx *c, FILE *f, const fq_order *o, const fq_order_summary *s)
{
    fputs(
        L_(c->lang, "<p class=noprint><a href=\"/dashboard\">&larr; all orders</a></p><h1>Order "),
        f);
    fq_office_html_text(f, o->po_number);
    fputs(L_(c->lang, "</h1><table class=meta><tr><td>Buyer</td><td>"), f);
    fq_office_html_text(f, o->buyer);
    fputs(L_(c->lang, "</td><td>Supplier</td><td>"), f);
    fq_office_html_text(f, o->supplier);
    fputs(L_(c->lang, "</td></tr><tr><td>Factory</td><td>"), f);
    fq_office_html_text(f, o->factory);
    fputs(L_(c->lang, "</td><td>Product</td><td>"), f);
    fq_office_html_text(f, o->product);
    fprintf(f, L_(c->lang, "</td></tr><tr><td>Quantity</td><td>%lld</td><td>Ships</td><td>"),
            (long long)o->quantity);
    fq_office_html_date(f, o->ship_date_utc);
    fputs(L_(c->lang, "</td></tr></table><h2>Status</h2><p class=status>"), f);
    fq_portal_light(c, f, s->report.light);
    fputs(s->report.n_reasons ? "</p><ul class=reasons>" : L_(c->lang, " on schedule</p>"), f);
    for (int i = 0; i < s->report.n_reasons; i++) {
        fprintf(f, "<li class=lr-%s><span class=\"dot %s\"></span>",
                fq_light_name(s->report.reasons[i].light),
                fq_light_name(s->report.reasons[i].light));
        fq_office_html_text(f, L_(c->lang, s->report.reasons[i].reason));
        fputs("</li>", f);
    }
    if (s->report.n_reasons)
        fputs("</ul>", f);
}

static void milestones(fq_portal_ctx *c, FILE *f, const fq_order *o, const fq_order_summary *s,
                       const photos *ph)
{
    size_t n = 0;
    fq_milestone *ms = list_of(c, FQ_ENT_MILESTONE, "order_uuid", o->meta.uuid, "position", &n);
    fputs(L_(c->lang, "<h2>Milestones</h2>"), f);
    if (!n)
        fputs(L_(c->lang, "<p class=muted>No milestones recorded for this order.</p>"), f);
    else
        fputs("<ol class=chain>", f);
    for (size_t i = 0; i < n; i++) {
        const fq_milestone *m = &ms[i];
        fq_light_result l = fq_light_milestone_gated(m, s->sample_gate_broken, c->now);
        fprintf(f, "<li class=\"ms l-%s\" id=\"m-%s\"><div class=mhead><span class=\"dot %s\">"
                   "</span><b>", fq_light_name(l.light), m->meta.uuid, fq_light_name(l.light));
        fq_office_html_text(f,
                            m->title[0] ? m->title : L_(c->lang, fq_milestone_kind_name(m->kind)));
        fputs("</b> <span class=\"tag st\">", f);
        fq_office_html_text(f, L_(c->lang, fq_milestone_status_name(m->status)));
        fputs(L_(c->lang, "</span></div><div class=mbody><span>due "), f);
        fq_office_html_date(f, m->due_utc);
        fputs("</span>", f);
        if (m->owner[0]) {
            fputs(L_(c->lang, "<span>owner "), f);
            fq_office_html_text(f, m->owner);
            fputs("</span>", f);
        }
        if (l.light != FQ_LIGHT_GREEN) {
            fputs("<span class=reason>", f);
            fq_office_html_text(f, L_(c->lang, l.reason));
            fputs("</span>", f);
        }
        fputs("</div>", f);
        if (m->evidence[0]) {
            fputs(L_(c->lang, "<div>Deliverable: "), f);
            fq_office_html_text(f, m->evidence);
            fputs("</div>", f);
        }
        if (m->approved_by[0]) {
            fputs(L_(c->lang, "<div class=approved>Approved by "), f);
            fq_office_html_text(f, m->approved_by);
            if (m->approved_role[0]) {
                fputs(" (", f);
                fq_office_html_text(f, m->approved_role);
                fputs(")", f);
            }
            fputs(L_(c->lang, " on "), f);
            fq_office_html_date(f, m->approved_utc);
            if (m->approval_note[0]) {
                fputs(": <span class=note>", f);
                fq_office_html_text(f, m->approval_note);
                fputs("</span>", f);
            }
            fputs("</div>", f);
        }
        thumbs(c, f, ph, FQ_SUBJ_MILESTONE, m->meta.uuid);
        fputs("</li>", f);
    }
    if (n)
        fputs("</ol>", f);
    free(ms);
}

static void approvals(fq_portal_ctx *c, FILE *f, const fq_order *o, const photos *ph)
{
    size_t n = 0;
    fq_approval *a = list_of(c, FQ_ENT_APPROVAL, "order_uuid", o->meta.uuid, "decided_utc", &n);
    fputs(L_(c->lang, "<h2>Written approvals and spec changes</h2>"), f);
    if (!n) {
        fputs(L_(c->lang, "<p class=muted>None recorded.</p>"), f);
        return;
    }
    fputs(L_(c->lang,
             "<table><tr><th>When</th><th>Kind</th><th>What</th><th>By</th><th>Note</th></tr>"),
          f);
    for (size_t i = 0; i < n; i++) {
        fputs("<tr><td>", f);
        fq_office_html_date(f, a[i].decided_utc);
        fprintf(f, "</td><td><span class=\"tag %s\">%s</span></td>",
                a[i].kind == FQ_APPROVAL_REJECTED ? "reject" : "accept",
                fq_office_approval_kind(c->lang, a[i].kind));
        fq_office_html_elem(f, "td", a[i].subject);
        fputs("<td>", f);
        fq_office_html_text(f, a[i].approver_name);
        fputs(" <span class=muted>(", f);
        fq_office_html_text(f, L_(c->lang, fq_role_name(a[i].role)));
        fputs(")</span></td><td><div class=note>", f);
        fq_office_html_text(f, a[i].note);
        fputs("</div>", f);
        thumbs(c, f, ph, FQ_SUBJ_APPROVAL, a[i].meta.uuid);
        fputs("</td></tr>", f);
    }
    fputs("</table>", f);
    free(a);
}

static void issue_row(fq_portal_ctx *c, FILE *f, const fq_issue *is, const photos *ph)
{
    fputs("<tr><td>", f);
    fq_office_html_date(f, is->opened_utc);
    fputs("</td>", f);
    fq_office_html_elem(f, "td", L_(c->lang, fq_severity_name(is->severity)));
    fq_office_html_elem(f, "td", is->owner[0] ? is->owner : L_(c->lang, "nobody named"));
    fputs("<td>", f);
    if (is->due_utc)
        fq_office_html_date(f, is->due_utc);
    fputs("</td><td><b>", f);
    fq_office_html_text(f, is->title);
    fputs("</b><div class=note>", f);
    fq_office_html_text(f, is->description);
    fputs("</div>", f);
    thumbs(c, f, ph, FQ_SUBJ_ISSUE, is->meta.uuid);
    fputs("</td><td>", f);
    if (is->closed_utc) {
        fputs(L_(c->lang, "closed "), f);
        fq_office_html_date(f, is->closed_utc);
        fputs("<div class=note>", f);
        fq_office_html_text(f, is->resolution_note);
        fputs("</div>", f);
    } else {
        fputs(L_(c->lang, "<span class=\"tag pending\">open</span>"), f);
    }
    fputs("</td></tr>", f);
}

static void issues(fq_portal_ctx *c, FILE *f, const fq_order *o, const photos *ph)
{
    size_t n = 0;
    fq_issue *is = list_of(c, FQ_ENT_ISSUE, "order_uuid", o->meta.uuid, "opened_utc", &n);
    fputs(L_(c->lang, "<h2>Issues</h2>"), f);
    if (!n) {
        fputs(L_(c->lang, "<p class=muted>None.</p>"), f);
        return;
    }
    fputs(L_(c->lang,
             "<table><tr><th>Opened</th><th>Severity</th><th>Owner</th><th>Due</th><th>Issue</th>"
             "<th>Resolution</th></tr>"),
          f);
    for (int closed = 0; closed < 2; closed++)
        for (size_t i = 0; i < n; i++)
            if ((is[i].closed_utc != 0) == closed)
                issue_row(c, f, &is[i], ph);
    fputs("</table>", f);
    free(is);
}

static void visits(fq_portal_ctx *c, FILE *f, const fq_order *o, const fq_visit *vs, size_t n)
{
    fputs(L_(c->lang, "<h2>Visits</h2>"), f);
    int shown = 0;
    for (size_t i = 0; i < n; i++) {
        const fq_visit *v = &vs[i];
        if (!fq_portal_may_see_visit(c, o, v))
            continue;
        if (!shown++)
            fputs(L_(c->lang,
                     "<table><tr><th>Visit</th><th>Day</th><th>Inspector</th><th>Verdict</th>"
                     "<th>Report</th></tr>"),
                  f);
        char number[FQ_OFFICE_REPORT_NUMBER_LEN];
        fq_office_report_number(v, number);
        fputs("<tr>", f);
        fq_office_html_elem(f, "td", L_(c->lang, fq_visit_type_name(v->type)));
        fputs("<td>", f);
        fq_office_html_date(f, v->started_utc ? v->started_utc : v->planned_utc);
        fputs("</td>", f);
        fq_office_html_elem(f, "td", v->inspector_name);
        fprintf(f, "<td><span class=\"tag %s\">%s</span>%s</td>",
                fq_office_verdict_class(v->verdict), L_(c->lang, fq_verdict_name(v->verdict)),
                v->finished      ? L_(c->lang, " signed off")
                : v->started_utc ? L_(c->lang, " in progress")
                                 : L_(c->lang, " planned"));
        fprintf(f,
                L_(c->lang,
                   "<td><a href=\"/visits/%s\">%s</a> &middot; <a href=\"/visits/%s/report.pdf\">"
                   "PDF</a></td></tr>"),
                v->meta.uuid, number, v->meta.uuid);
    }
    fputs(shown ? "</table>" : L_(c->lang, "<p class=muted>No visits yet.</p>"), f);
}

void fq_portal_order_page(fq_portal_ctx *c, const char *uuid)
{
    fq_order o;
    if (!fq_portal_load_order(c, uuid, &o)) {
        fq_portal_not_found(c);
        return;
    }
    fq_order_summary s;
    const char *ids[1] = {o.meta.uuid};
    if (fq_ostore_order_summaries(c->s, ids, 1, &s)) {
        fq_portal_error(c, 503, L_(c->lang, "The order could not be read: try again"));
        return;
    }
    size_t n_vs = 0;
    fq_visit *vs = list_of(c, FQ_ENT_VISIT, "order_uuid", o.meta.uuid, "planned_utc", &n_vs);
    photos ph;
    collect_photos(c, &o, vs, n_vs, &ph);
    char title[FQ_SHORT_LEN + 16];
    snprintf(title, sizeof title, L_(c->lang, "Order %s"), o.po_number);
    fq_portal_page pg;
    if (fq_portal_page_open(c, &pg, title) == 0) {
        header(c, pg.f, &o, &s);
        milestones(c, pg.f, &o, &s, &ph);
        fq_portal_requests_section(c, pg.f, &o);
        approvals(c, pg.f, &o, &ph);
        issues(c, pg.f, &o, &ph);
        visits(c, pg.f, &o, vs, n_vs);
        fq_portal_page_send(c, &pg, 200);
    }
    free(ph.v);
    free(vs);
}
