/* Requests for a buyer's written decision (seed 002: approval requests with clear deadlines;
 * DOMAIN.md: nothing moves without written approval). A coordinator asks on the order page
 * (a sample, a spec change or a shipment release, what exactly, by which day); a buyer of
 * the order's company approves or rejects it with a comment. The decision, in one
 * transaction:
 *   - an approvals record (who, in which role, when, what, the comment): kind approval (or
 *     spec change) when approved, rejected when not. The office's job pack carries an
 *     order's approvals to every tablet with a visit of it, so the device's sample gate turns
 *     green only after the buyer approved (core/lights.h counts an approval of the sample
 *     milestone; a rejection approves nothing);
 *   - the milestone it decides keeps the decision in its approval fields (a sample approved:
 *     done; a sample rejected: blocked), so the chain says it where it is read;
 *   - the request is marked decided, once: a second decision is refused (409).
 * The pending requests are listed with their deadlines (this page, the dashboard). */
#include "portal_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "fsio/fsio.h"
#include "core/names.h"
#include "office/html.h"

static const char *kind_label(const fq_office_lang *l, const char *kind)
{
    return !strcmp(kind, "sample")        ? L_(l, "Sample")
           : !strcmp(kind, "spec_change") ? L_(l, "Spec change")
                                          : L_(l, "Shipment release");
}

/* A request's status as a person reads it (the stored word is the key). */
static const char *status_label(const fq_office_lang *l, const char *status)
{
    return !strcmp(status, "pending")    ? L_(l, "pending")
           : !strcmp(status, "approved") ? L_(l, "approved")
                                         : L_(l, "rejected");
}

static int kind_ok(const char *kind)
{
    return kind && (!strcmp(kind, "sample") || !strcmp(kind, "spec_change") ||
                    !strcmp(kind, "shipment_release"));
}

/* The milestone a request of kind decides on order o ("" when none). */
static void milestone_for(fq_portal_ctx *c, const fq_order *o, const char *kind,
                          char out[FQ_UUID_LEN])
{
    out[0] = '\0';
    int32_t a = -1, b = -1;
    if (!strcmp(kind, "sample"))
        a = FQ_MS_SAMPLE_APPROVAL, b = FQ_MS_PKG_SAMPLE_VERSION;
    else if (!strcmp(kind, "shipment_release"))
        a = FQ_MS_SHIPMENT_DOCUMENTS, b = FQ_MS_PKG_RELEASE_DECISION;
    else
        return;
    void *ms = NULL;
    size_t n = 0;
    if (fq_ostore_list(c->s, FQ_ENT_MILESTONE, "order_uuid", o->meta.uuid, "position", &ms, &n))
        return;
    for (size_t i = 0; i < n && !out[0]; i++) {
        const fq_milestone *m = (const fq_milestone *)ms + i;
        if (m->kind == a || m->kind == b)
            snprintf(out, FQ_UUID_LEN, "%s", m->meta.uuid);
    }
    free(ms);
}

/* ---- showing ---- */

typedef struct section {
    fq_portal_ctx *c;
    FILE *f;
    int n;
    const fq_order *order; /* NULL: every order (the approvals page) */
} section;

static void decide_form(fq_portal_ctx *c, FILE *f, const fq_ostore_request *r)
{
    fprintf(f, "<form method=post action=\"/requests/%s/decide\" class=decide>", r->id);
    fq_portal_csrf_field(c, f);
    fputs(L_(c->lang,
             "<label>Comment <textarea name=comment rows=2 maxlength=500 "
             "placeholder=\"What you approve, or why not\"></textarea></label>"
             "<button type=submit name=decision value=approve class=approve>Approve</button> "
             "<button type=submit name=decision value=reject class=reject>Reject</button></form>"),
          f);
}

static int request_item(void *ctx, const fq_ostore_request *r)
{
    section *x = ctx;
    fq_portal_ctx *c = x->c;
    FILE *f = x->f;
    fq_order o;
    if (x->order)
        o = *x->order;
    else if (!fq_portal_load_order(x->c, r->order_uuid, &o))
        return 0;
    x->n++;
    int pending = !strcmp(r->status, "pending");
    fprintf(f, "<li class=\"request st-%s\"><div><span class=\"tag %s\">%s</span> <b>%s</b>: ",
            r->status,
            pending                          ? "pending"
            : !strcmp(r->status, "approved") ? "accept"
                                             : "reject",
            status_label(c->lang, r->status), kind_label(c->lang, r->kind));
    fq_office_html_text(f, r->subject);
    if (!x->order) {
        fprintf(f, L_(c->lang, " <span class=muted>order</span> <a href=\"/orders/%s#requests\">"),
                o.meta.uuid);
        fq_office_html_text(f, o.po_number);
        fputs("</a>", f);
    }
    fputs(L_(c->lang, "</div><div class=muted>asked by "), f);
    fq_office_html_text(f, r->requested_by);
    fputs(L_(c->lang, " on "), f);
    fq_office_html_date(f, r->requested_utc);
    if (r->due_utc) {
        fputs(pending && r->due_utc < x->c->now
                  ? L_(c->lang, "; <span class=late>decision was due ")
                  : L_(c->lang, "; decision due "),
              f);
        fq_office_html_date(f, r->due_utc);
        fputs(pending && r->due_utc < x->c->now ? "</span>" : "", f);
    }
    fputs("</div>", f);
    if (!pending) {
        fputs("<div>", f);
        fq_office_html_text(f, status_label(c->lang, r->status));
        fputs(L_(c->lang, " by "), f);
        fq_office_html_text(f, r->decided_by);
        fputs(L_(c->lang, " on "), f);
        fq_office_html_date(f, r->decided_utc);
        if (r->comment[0]) {
            fputs(": <span class=note>", f);
            fq_office_html_text(f, r->comment);
            fputs("</span>", f);
        }
        fputs("</div>", f);
    } else if (x->c->role == FQ_PORTAL_BUYER) {
        decide_form(x->c, f, r);
    }
    fputs("</li>", f);
    return 0;
}

static void ask_form(fq_portal_ctx *c, FILE *f, const fq_order *o)
{
    fprintf(f,
            L_(c->lang, "<details class=ask><summary>Ask the buyer for a decision</summary>"
                        "<form method=post action=\"/orders/%s/requests\">"),
            o->meta.uuid);
    fq_portal_csrf_field(c, f);
    fputs(L_(c->lang, "<label>What <select name=kind><option value=sample>Sample</option>"
                      "<option value=spec_change>Spec change</option>"
                      "<option value=shipment_release>Shipment release</option></select></label>"
                      "<label>Subject <input name=subject required maxlength=500></label>"
                      "<label>Decision needed by <input type=date name=due></label>"
                      "<button type=submit>Ask</button></form></details>"),
          f);
}

void fq_portal_requests_section(fq_portal_ctx *c, FILE *f, const fq_order *o)
{
    fputs(L_(c->lang, "<h2 id=requests>Decisions asked of the buyer</h2>"), f);
    section x = {c, f, 0, o};
    fputs("<ul class=requests>", f);
    fq_ostore_each_request(c->s, o->meta.uuid, NULL, request_item, &x);
    fputs("</ul>", f);
    if (!x.n)
        fputs(L_(c->lang, "<p class=muted>None asked.</p>"), f);
    if (c->role == FQ_PORTAL_COORDINATOR)
        ask_form(c, f, o);
}

void fq_portal_approvals_page(fq_portal_ctx *c)
{
    fq_portal_page pg;
    if (fq_portal_page_open(c, &pg, L_(c->lang, "Approvals")))
        return;
    FILE *f = pg.f;
    const char *const states[][2] = {{"pending", L_(c->lang, "Waiting for a decision")},
                                     {"approved", L_(c->lang, "Approved")},
                                     {"rejected", L_(c->lang, "Rejected")}};
    fputs(L_(c->lang, "<h1>Approvals</h1>"), f);
    for (int i = 0; i < 3; i++) {
        fprintf(f, "<h2>%s</h2><ul class=requests>", states[i][1]);
        section x = {c, f, 0, NULL};
        fq_ostore_each_request(c->s, NULL, states[i][0], request_item, &x);
        fputs("</ul>", f);
        if (!x.n)
            fputs(L_(c->lang, "<p class=muted>None.</p>"), f);
    }
    fq_portal_page_send(c, &pg, 200);
}

/* ---- asking ---- */

/* "YYYY-MM-DD" into the day's 00:00 UTC; "" is 0; -1 for anything else. */
static int64_t parse_day(const char *s)
{
    if (!s || !*s)
        return 0;
    int64_t utc = 0;
    if (strlen(s) != 10 || fq_utc_parse(s, &utc))
        return -1;
    return utc;
}

void fq_portal_request_post(fq_portal_ctx *c, const char *order_uuid)
{
    fq_order o;
    if (!fq_portal_load_order(c, order_uuid, &o)) {
        fq_portal_not_found(c);
        return;
    }
    if (c->role != FQ_PORTAL_COORDINATOR) {
        fq_portal_error(c, 403, L_(c->lang, "Only a coordinator asks for a decision"));
        return;
    }
    const char *kind = fq_portal_field(c, "kind");
    const char *subject = fq_portal_field(c, "subject");
    int64_t due = parse_day(fq_portal_field(c, "due"));
    if (!kind_ok(kind) || !subject || !*subject || strlen(subject) >= FQ_TEXT_LEN || due < 0) {
        fq_portal_error(c, 400,
                        L_(c->lang, "Say what is to be decided (a subject of up to 500 characters) "
                                    "and, if there is one, the day it is needed by"));
        return;
    }
    fq_ostore_request r;
    memset(&r, 0, sizeof r);
    if (fq_fsio_uuid(r.id, sizeof r.id)) {
        fq_portal_error(c, 503, L_(c->lang, "No random numbers: try again"));
        return;
    }
    snprintf(r.order_uuid, sizeof r.order_uuid, "%s", o.meta.uuid);
    milestone_for(c, &o, kind, r.milestone_uuid);
    snprintf(r.kind, sizeof r.kind, "%s", kind);
    snprintf(r.subject, sizeof r.subject, "%s", subject);
    snprintf(r.requested_by, sizeof r.requested_by, "%s", c->user.name);
    r.requested_utc = c->now;
    r.due_utc = due;
    if (fq_ostore_request_add(c->s, &r)) {
        fq_portal_error(c, 503, L_(c->lang, "The request could not be stored: try again"));
        return;
    }
    char to[80];
    snprintf(to, sizeof to, "/orders/%s#requests", o.meta.uuid);
    fq_portal_redirect(c, to);
}

/* ---- deciding ---- */

/* The milestone's approval fields after the decision. */
static fq_err mark_milestone(fq_portal_ctx *c, const fq_ostore_request *r, int approve,
                             const char *comment)
{
    if (!r->milestone_uuid[0])
        return FQ_OK;
    fq_milestone m;
    fq_err err = fq_ostore_get(c->s, FQ_ENT_MILESTONE, r->milestone_uuid, &m);
    if (err)
        return err == FQ_ERR_NOTFOUND ? FQ_OK : err;
    const char *who = c->user.display[0] ? c->user.display : c->user.name;
    int sample = !strcmp(r->kind, "sample");
    if (approve) {
        snprintf(m.approved_by, sizeof m.approved_by, "%s", who);
        snprintf(m.approved_role, sizeof m.approved_role, "buyer");
        m.approved_utc = c->now;
        snprintf(m.approval_note, sizeof m.approval_note, "%s", comment);
        if (sample) {
            m.status = FQ_MSS_DONE;
            m.completed_utc = c->now;
        }
    } else {
        snprintf(m.approval_note, sizeof m.approval_note, "rejected by %s: %s", who, comment);
        if (sample)
            m.status = FQ_MSS_BLOCKED;
    }
    return fq_ostore_put(c->s, FQ_ENT_MILESTONE, &m);
}

/* The decision as records, in one transaction; FQ_ERR_CONFLICT when decided already. */
static fq_err record_decision(fq_portal_ctx *c, fq_ostore_request *r, int approve,
                              const char *comment)
{
    fq_err err = fq_ostore_begin(c->s);
    if (err)
        return err;
    fq_approval a;
    memset(&a, 0, sizeof a);
    snprintf(a.order_uuid, sizeof a.order_uuid, "%s", r->order_uuid);
    snprintf(a.milestone_uuid, sizeof a.milestone_uuid, "%s", r->milestone_uuid);
    a.kind = !approve ? FQ_APPROVAL_REJECTED
             : !strcmp(r->kind, "spec_change") ? FQ_APPROVAL_SPEC_CHANGE
                                               : FQ_APPROVAL_APPROVAL;
    snprintf(a.subject, sizeof a.subject, "%s", r->subject);
    snprintf(a.approver_name, sizeof a.approver_name, "%s",
             c->user.display[0] ? c->user.display : c->user.name);
    a.role = FQ_ROLE_BUYER;
    a.decided_utc = c->now;
    snprintf(a.note, sizeof a.note, "%s", comment);
    err = fq_ostore_put(c->s, FQ_ENT_APPROVAL, &a);
    if (!err)
        err = mark_milestone(c, r, approve, comment);
    if (!err) {
        snprintf(r->status, sizeof r->status, "%s", approve ? "approved" : "rejected");
        snprintf(r->decided_by, sizeof r->decided_by, "%s", c->user.name);
        r->decided_utc = c->now;
        snprintf(r->comment, sizeof r->comment, "%s", comment);
        snprintf(r->approval_uuid, sizeof r->approval_uuid, "%s", a.meta.uuid);
        err = fq_ostore_request_decide(c->s, r);
    }
    if (err) {
        fq_ostore_rollback(c->s);
        return err;
    }
    return fq_ostore_commit(c->s);
}

void fq_portal_decide_post(fq_portal_ctx *c, const char *request_id)
{
    fq_ostore_request r;
    fq_order o;
    if (fq_ostore_request_get(c->s, request_id, &r) ||
        !fq_portal_load_order(c, r.order_uuid, &o)) {
        fq_portal_not_found(c);
        return;
    }
    if (c->role != FQ_PORTAL_BUYER) {
        fq_portal_error(c, 403, L_(c->lang, "Only the buyer decides"));
        return;
    }
    const char *decision = fq_portal_field(c, "decision");
    const char *comment = fq_portal_field(c, "comment");
    int approve = decision && !strcmp(decision, "approve");
    if (!decision || (!approve && strcmp(decision, "reject"))) {
        fq_portal_error(c, 400, L_(c->lang, "Approve or reject"));
        return;
    }
    if (!comment)
        comment = "";
    if (strlen(comment) >= FQ_TEXT_LEN) {
        fq_portal_error(c, 400, L_(c->lang, "A comment of up to 500 characters"));
        return;
    }
    if (!approve && !comment[0]) {
        fq_portal_error(c, 400,
                        L_(c->lang, "Say why the request is rejected: the factory acts on it"));
        return;
    }
    fq_err err = record_decision(c, &r, approve, comment);
    if (err == FQ_ERR_CONFLICT) {
        fq_portal_error(c, 409, L_(c->lang, "This request was decided already"));
        return;
    }
    if (err) {
        fq_portal_error(c, 503, L_(c->lang, "The decision could not be stored: try again"));
        return;
    }
    char to[80];
    snprintf(to, sizeof to, "/orders/%s#requests", o.meta.uuid);
    fq_portal_redirect(c, to);
}
