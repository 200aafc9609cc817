/* The visit report (report_html.h): one visit's evidence as HTML, for the static report
 * folder (`fieldqc-office report`), the portal's report page and its PDF (issue 14): the
 * same sections everywhere, only how photos are linked differs (a callback). Every user
 * string is escaped (html.c). Reads the office store; writes nothing but the HTML. */
#include "office/report_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/aql.h"
#include "core/civil.h"
#include "core/defect_library.h"
#include "core/lights.h"
#include "core/meas.h"
#include "core/names.h"
#include "html.h"
#include "lang.h"
#include "office_internal.h"

typedef struct report {
    fq_office *o;
    const fq_office_lang *lang;
    int64_t now;
    const fq_office_report_links *links;
    int n_missing_photos;
} report;

static void *list_of(fq_office *o, fq_entity_id ent, const char *col, const char *val,
                     const char *order, size_t *n)
{
    void *out = NULL;
    if (fq_ostore_list(o->db, ent, col, val, order, &out, n))
        *n = 0;
    return out;
}

/* Writes the photo's <img> (in a link to its full size when asked); a photo the office
 * lacks is said. */
static void photo_img(report *r, FILE *f, const char *sha, const char *alt)
{
    char src[FQ_BUNDLE_PATH_LEN + 128];
    if (r->links->photo_src(r->links->ctx, sha, src, sizeof src)) {
        r->n_missing_photos++;
        fputs(L_(r->lang, "<span class=\"muted\">(photo not at the office yet)</span>"), f);
        return;
    }
    if (r->links->full_size_links) {
        fputs("<a class=full href=\"", f);
        fq_office_html_text(f, src);
        fprintf(f, "\" title=\"%s\">", L_(r->lang, "full size"));
    }
    fputs("<img src=\"", f);
    fq_office_html_text(f, src);
    fputs("\" alt=\"", f);
    fq_office_html_text(f, alt);
    fputs("\">", f);
    if (r->links->full_size_links)
        fputs("</a>", f);
}

static void photos_of(report *r, FILE *f, const fq_photo *ph, size_t n_ph, const char *subject)
{
    int opened = 0;
    for (size_t i = 0; i < n_ph; i++) {
        if (strcmp(ph[i].subject_uuid, subject) != 0 || ph[i].subject_kind == FQ_SUBJ_SIGNATURE)
            continue;
        if (!opened++)
            fputs("<div class=\"photos\">", f);
        fputs("<figure>", f);
        photo_img(r, f, ph[i].sha256, ph[i].caption);
        if (ph[i].annotated_from[0]) /* the inspector's marks; the untouched original is here too */
            fputs(L_(r->lang,
                     "<figcaption class=marked>Marked up by the inspector (the original photo is "
                     "also shown)</figcaption>"),
                  f);
        fq_office_html_elem(f, "figcaption", ph[i].caption);
        fputs("</figure>", f);
    }
    if (opened)
        fputs("</div>", f);
}

static int has_photos(const fq_photo *ph, size_t n_ph, const char *subject)
{
    for (size_t i = 0; i < n_ph; i++)
        if (!strcmp(ph[i].subject_uuid, subject) && ph[i].subject_kind != FQ_SUBJ_SIGNATURE)
            return 1;
    return 0;
}

/* A library defect by its name in the report's language; one the inspector named, as typed. */
static const char *defect_name(const report *r, const fq_defect *d)
{
    const fq_defect_preset *p = fq_defect_preset_of(d->code, d->description);
    if (p)
        return L_(r->lang, p->name);
    return d->description[0] ? d->description : d->code;
}

/* Photos of each defect type the inspector photographed (the AQL tally's rows). */
static void section_defect_photos(report *r, FILE *f, const fq_visit *v, const fq_photo *ph,
                                  size_t n_ph)
{
    size_t n = 0;
    fq_defect *d = list_of(r->o, FQ_ENT_DEFECT, "visit_uuid", v->meta.uuid, NULL, &n);
    int opened = 0;
    for (size_t i = 0; i < n; i++) {
        if (!has_photos(ph, n_ph, d[i].meta.uuid))
            continue;
        if (!opened++)
            fputs(L_(r->lang, "<h2>Defect photos</h2>"), f);
        fputs("<h3>", f);
        fq_office_html_text(f, defect_name(r, &d[i]));
        fprintf(f, L_(r->lang, " <span class=muted>(%s, %lld found)</span></h3>"),
                L_(r->lang, fq_severity_name(d[i].severity)), (long long)d[i].count);
        photos_of(r, f, ph, n_ph, d[i].meta.uuid);
    }
    free(d);
}

/* A Yes/No answer as recorded: unanswered is not "no" (issue 12). */
static const char *answer_text(const report *r, int32_t a)
{
    return a == FQ_ANSWER_YES  ? L_(r->lang, "yes")
           : a == FQ_ANSWER_NO ? L_(r->lang, "no")
                               : L_(r->lang, "not answered");
}

/* core's fq_approval_kind_name, in its order, marked for the office's catalog */
static const char *const APPROVAL_KINDS[] = {LN_("approval"), LN_("spec change"),
                                             LN_("rejected")};

const char *fq_office_approval_kind(const fq_office_lang *lang, int32_t kind)
{
    const char *name = fq_approval_kind_name(kind);
    for (size_t i = 0; i < sizeof APPROVAL_KINDS / sizeof APPROVAL_KINDS[0]; i++)
        if (!strcmp(name, APPROVAL_KINDS[i]))
            return L_(lang, APPROVAL_KINDS[i]);
    return name; /* a kind this build does not know: its key */
}

const char *fq_office_verdict_class(int32_t v)
{
    return v == FQ_VERDICT_PASS ? "pass" : v == FQ_VERDICT_FAIL ? "fail"
                                         : v == FQ_VERDICT_WAIVED ? "waived" : "pending";
}

static void section_aql(report *r, FILE *f, const fq_visit *v)
{
    fq_aql_plan *plans = NULL;
    size_t n = 0;
    plans = list_of(r->o, FQ_ENT_AQL_PLAN, "visit_uuid", v->meta.uuid, NULL, &n);
    fprintf(f, L_(r->lang, "<h2>AQL sampling (%s)</h2>"),
            n ? fq_aql_standard_name((fq_aql_standard)plans[0].standard)
              : "ISO 2859-1 / ANSI Z1.4");
    int64_t totals[FQ_SEV_COUNT] = {0};
    fq_ostore_defect_totals(r->o->db, v->meta.uuid, totals);
    int32_t found[FQ_AQL_SEVERITIES] = {(int32_t)totals[FQ_SEV_MINOR], (int32_t)totals[FQ_SEV_MAJOR],
                                        (int32_t)totals[FQ_SEV_CRITICAL]};
    fq_aql_visit_result res;
    if (!n || fq_aql_evaluate_visit((fq_aql_standard)plans[0].standard, plans[0].lot_size,
                                    (fq_aql_level)plans[0].level, (fq_aql_mode)plans[0].mode,
                                    plans[0].aql_milli, found, &res)) {
        fprintf(f,
                L_(r->lang,
                   "<p class=\"muted\">No complete AQL plan recorded. Defects found: critical "
                   "%lld, major %lld, minor %lld.</p>"),
                (long long)totals[FQ_SEV_CRITICAL], (long long)totals[FQ_SEV_MAJOR],
                (long long)totals[FQ_SEV_MINOR]);
        free(plans);
        return;
    }
    fprintf(f,
            L_(r->lang,
               "<p>Sampling standard %s. Lot size %lld, inspection level %s, %s inspection; "
               "sample drawn %lld (code letter %c).</p>"),
            fq_aql_standard_name((fq_aql_standard)plans[0].standard), (long long)plans[0].lot_size,
            L_(r->lang, fq_aql_level_name((fq_aql_level)plans[0].level)),
            L_(r->lang, fq_aql_mode_name((fq_aql_mode)plans[0].mode)),
            (long long)res.largest_sample, res.largest_letter ? res.largest_letter : '-');
    fputs(L_(r->lang, "<table><tr><th>Severity</th><th>AQL</th><th class=num>Sample</th>"
                      "<th class=num>Ac</th><th class=num>Re</th><th "
                      "class=num>Found</th><th>Result</th></tr>"),
          f);
    /* no unit inspected and no defect: the plan stands, but nothing was judged on it */
    int nothing = plans[0].sampled == 0 && found[0] == 0 && found[1] == 0 && found[2] == 0;
    static const int32_t sev_order[] = {2, 1, 0};
    for (int k = 0; k < 3; k++) {
        int i = sev_order[k];
        const fq_aql_severity_result *s = &res.sev[i];
        char aql[32];
        fprintf(f, "<tr><td>%s</td>", L_(r->lang, fq_severity_name(i + 1)));
        if (s->outcome == FQ_AQL_OUTCOME_NOT_INSPECTED) {
            fputs(L_(r->lang, "<td colspan=6 class=muted>not inspected</td></tr>"), f);
            continue;
        }
        if (nothing) {
            fprintf(f,
                    L_(r->lang, "<td>%s</td><td class=num>%lld</td><td class=num>%d</td>"
                                "<td class=num>%d</td><td class=num>-</td>"
                                "<td><span class=\"tag na\">nothing sampled</span></td></tr>"),
                    s->zero_tolerance ? L_(r->lang, "zero tolerance")
                                      : fq_aql_format_aql(s->aql_milli, aql, sizeof aql),
                    (long long)s->plan.sample_size, s->plan.ac, s->plan.re);
            continue;
        }
        fprintf(f,
                "<td>%s</td><td class=num>%lld</td><td class=num>%d</td><td class=num>%d</td>"
                "<td class=num>%d</td><td><span class=\"tag %s\">%s</span></td></tr>",
                s->zero_tolerance ? L_(r->lang, "zero tolerance")
                                  : fq_aql_format_aql(s->aql_milli, aql, sizeof aql),
                (long long)s->plan.sample_size, s->plan.ac, s->plan.re, s->found,
                s->outcome == FQ_AQL_OUTCOME_ACCEPT ? "accept" : "reject",
                s->outcome == FQ_AQL_OUTCOME_REJECT ? L_(r->lang, "reject")
                : s->reinstate_normal ? L_(r->lang, "accept, return to normal inspection")
                                      : L_(r->lang, "accept"));
    }
    if (nothing) {
        fputs(L_(r->lang,
                 "</table><p>Overall: <span class=\"tag na\">nothing sampled</span> no unit of the "
                 "sample has been inspected: no verdict on the lot yet.</p>"),
              f);
        free(plans);
        return;
    }
    fprintf(f, L_(r->lang, "</table><p>Overall: <span class=\"tag %s\">%s</span></p>"),
            res.overall == FQ_AQL_OUTCOME_REJECT ? "reject" : "accept",
            res.overall == FQ_AQL_OUTCOME_REJECT ? L_(r->lang, "lot rejected")
            : res.reinstate_normal
                ? L_(r->lang, "lot accepted, return to normal inspection (more defects "
                              "than Ac but fewer than Re on a reduced plan, Z1.4 10.1.4)")
                : L_(r->lang, "lot accepted"));
    free(plans);
}

static void section_progress(report *r, FILE *f, const fq_visit *v)
{
    size_t n = 0;
    fq_production *p = list_of(r->o, FQ_ENT_PRODUCTION, "visit_uuid", v->meta.uuid, NULL, &n);
    fputs(L_(r->lang, "<h2>Production progress</h2>"), f);
    if (!n) {
        fputs(L_(r->lang, "<p class=muted>No count recorded.</p>"), f);
        return;
    }
    const fq_production *x = &p[n - 1];
    double pct = x->ordered > 0 ? 100.0 * (double)x->completed / (double)x->ordered : 0.0;
    fprintf(f,
            L_(r->lang,
               "<table><tr><th>Ordered</th><th>Completed</th><th>Packed</th><th>Remaining</th>"
               "<th>Cartons</th><th>Materials on site</th><th>Packaging on site</th></tr>"
               "<tr><td class=num>%lld</td><td class=num>%lld (%.0f %%)</td><td class=num>%lld</td>"
               "<td class=num>%lld</td><td class=num>%lld</td><td>%s</td><td>%s</td></tr></table>"),
            (long long)x->ordered, (long long)x->completed, pct, (long long)x->packed,
            (long long)(x->ordered - x->completed), (long long)x->cartons,
            answer_text(r, x->materials_on_site), answer_text(r, x->packaging_on_site));
    fq_light_result pl = fq_light_packaging(x);
    if (pl.light != FQ_LIGHT_GREEN) {
        fprintf(f, "<p><span class=\"dot %s\"></span>", fq_light_name(pl.light));
        fq_office_html_text(f, L_(r->lang, pl.reason));
        fputs("</p>", f);
    }
    if (x->note[0]) {
        fputs("<p class=note>", f);
        fq_office_html_text(f, x->note);
        fputs("</p>", f);
    }
    free(p);
}

static void section_milestones(report *r, FILE *f, const fq_order *ord)
{
    size_t n = 0;
    fq_milestone *ms = list_of(r->o, FQ_ENT_MILESTONE, "order_uuid", ord->meta.uuid, "position", &n);
    fputs(L_(r->lang, "<h2>Milestones</h2>"), f);
    if (!n) {
        fputs(L_(r->lang, "<p class=muted>No milestones recorded for this order.</p>"), f);
        return;
    }
    fputs(L_(r->lang, "<table><tr><th>Milestone</th><th>Due</th><th>Status</th><th>Owner</th>"
                      "<th>Approval</th><th>Light</th></tr>"),
          f);
    for (size_t i = 0; i < n; i++) {
        fq_light_result l = fq_light_milestone(&ms[i], r->now);
        fputs("<tr>", f);
        fq_office_html_elem(f, "td",
                            ms[i].title[0] ? ms[i].title
                                           : L_(r->lang, fq_milestone_kind_name(ms[i].kind)));
        fputs("<td>", f);
        fq_office_html_date(f, ms[i].due_utc);
        fputs("</td>", f);
        fq_office_html_elem(f, "td", L_(r->lang, fq_milestone_status_name(ms[i].status)));
        fq_office_html_elem(f, "td", ms[i].owner);
        fputs("<td>", f);
        fq_office_html_text(f, ms[i].approved_by);
        if (ms[i].approved_utc) {
            fputs(" ", f);
            fq_office_html_date(f, ms[i].approved_utc);
        }
        fprintf(f, "</td><td><span class=\"dot %s\"></span>", fq_light_name(l.light));
        /* a reason is core's English sentence: one that is a catalog message as a whole
         * ("done", "on schedule") reads in the report's language, a formatted one stays
         * English (core formats it through the process's catalog; README "Languages") */
        fq_office_html_text(f, L_(r->lang, l.reason));
        fputs("</td></tr>", f);
    }
    fputs("</table>", f);
    free(ms);
}

static void section_findings(report *r, FILE *f, const fq_visit *v, const fq_photo *ph,
                             size_t n_ph)
{
    size_t n = 0;
    fq_finding *fs = list_of(r->o, FQ_ENT_FINDING, "visit_uuid", v->meta.uuid, NULL, &n);
    fputs(L_(r->lang,
             "<h2>Findings</h2><table><tr><th>Section</th><th>Checkpoint</th><th>Result</th>"
             "<th>Severity</th><th>Note and photos</th></tr>"),
          f);
    for (size_t i = 0; i < n; i++) {
        const char *res = L_(r->lang, fq_result_name(fs[i].result));
        fputs("<tr>", f);
        /* the checklist's words through the catalog, as the tablet draws them; a free
         * finding's text has no entry and stays as typed, like every note */
        fq_office_html_elem(f, "td", L_(r->lang, fs[i].section));
        fq_office_html_elem(f, "td", L_(r->lang, fs[i].text));
        fprintf(f, "<td><span class=\"tag %s\">", fs[i].result == FQ_RESULT_PASS ? "pass"
                                                  : fs[i].result == FQ_RESULT_FAIL ? "fail" : "na");
        fq_office_html_text(f, res);
        fputs("</span></td>", f);
        fq_office_html_elem(f, "td",
                            fs[i].severity ? L_(r->lang, fq_severity_name(fs[i].severity)) : "");
        fputs("<td><div class=note>", f);
        fq_office_html_text(f, fs[i].note);
        fputs("</div>", f);
        photos_of(r, f, ph, n_ph, fs[i].meta.uuid);
        fputs("</td></tr>", f);
    }
    fputs("</table>", f);
    free(fs);
    size_t n_d = 0;
    fq_defect *d = list_of(r->o, FQ_ENT_DEFECT, "visit_uuid", v->meta.uuid, NULL, &n_d);
    if (n_d) {
        fputs(L_(r->lang,
                 "<h2>Defects</h2><table><tr><th>Code</th><th>Description</th><th>Severity</th>"
                 "<th class=num>Count</th></tr>"),
              f);
        for (size_t i = 0; i < n_d; i++) {
            fputs("<tr>", f);
            fq_office_html_elem(f, "td", d[i].code);
            fq_office_html_elem(f, "td", defect_name(r, &d[i]));
            fq_office_html_elem(f, "td", L_(r->lang, fq_severity_name(d[i].severity)));
            fprintf(f, "<td class=num>%d</td></tr>", d[i].count);
        }
        fputs("</table>", f);
    }
    free(d);
}

static void section_cartons(report *r, FILE *f, const fq_visit *v, const fq_photo *ph,
                            size_t n_ph)
{
    size_t n = 0;
    fq_carton *c = list_of(r->o, FQ_ENT_CARTON, "visit_uuid", v->meta.uuid, NULL, &n);
    if (!n)
        return;
    fputs(L_(r->lang,
             "<h2>Cartons</h2><table><tr><th>Shipping marks</th><th class=num>Qty/carton</th>"
             "<th class=num>Cartons</th><th class=num>Gross / net kg</th><th>L x W x H mm</th>"
             "<th>Barcode</th><th>Origin label</th><th>Drop test</th></tr>"),
          f);
    for (size_t i = 0; i < n; i++) {
        fputs("<tr>", f);
        fq_office_html_elem(f, "td", c[i].shipping_marks);
        fprintf(f, "<td class=num>%lld</td><td class=num>%lld</td><td class=num>%.2f / %.2f</td>"
                   "<td>%lld x %lld x %lld</td>",
                (long long)c[i].qty_per_carton, (long long)c[i].carton_count,
                (double)c[i].gross_g / 1000.0, (double)c[i].net_g / 1000.0,
                (long long)c[i].length_mm, (long long)c[i].width_mm, (long long)c[i].height_mm);
        fq_office_html_elem(f, "td", c[i].barcode);
        fq_office_html_elem(f, "td", answer_text(r, c[i].origin_label));
        fq_office_html_elem(f, "td", L_(r->lang, fq_drop_test_name(c[i].drop_test)));
        fputs("</tr>", f);
        if (has_photos(ph, n_ph, c[i].meta.uuid)) {
            fputs("<tr><td colspan=8>", f);
            photos_of(r, f, ph, n_ph, c[i].meta.uuid);
            fputs("</td></tr>", f);
        }
    }
    fputs("</table>", f);
    free(c);
}

static const fq_meas_reading *reading_at(const fq_meas_reading *rd, size_t n, const char *spec,
                                         int32_t unit_no)
{
    for (size_t i = 0; i < n; i++)
        if (rd[i].unit_no == unit_no && !strcmp(rd[i].spec_uuid, spec))
            return &rd[i];
    return NULL;
}

/* One size's table: a row per point, a column per sample unit, then min / max / mean. */
static void meas_table(const report *r, FILE *f, const fq_meas_spec *sp, size_t n_sp,
                       const char *size, const fq_meas_reading *rd, size_t n_rd)
{
    int32_t n_units = 0;
    for (size_t i = 0; i < n_sp; i++)
        if (!strcmp(sp[i].size, size) && sp[i].n_units > n_units)
            n_units = sp[i].n_units;
    if (size[0]) {
        fputs(L_(r->lang, "<h3>Size "), f);
        fq_office_html_text(f, size);
        fputs("</h3>", f);
    }
    fputs(L_(r->lang, "<table class=meas><tr><th>Point</th><th>Description</th><th>Spec</th>"), f);
    for (int32_t u = 1; u <= n_units; u++)
        fprintf(f, "<th class=num>#%d</th>", (int)u);
    fputs(L_(r->lang, "<th class=num>Min</th><th class=num>Max</th><th class=num>Mean</th>"
                      "<th class=num>Out</th></tr>"),
          f);
    for (size_t i = 0; i < n_sp; i++) {
        const fq_meas_spec *s = &sp[i];
        if (strcmp(s->size, size))
            continue;
        char buf[96];
        fputs("<tr>", f);
        fq_office_html_elem(f, "td", s->point);
        fq_office_html_elem(f, "td", s->description);
        fq_meas_format_spec(s, buf, sizeof buf);
        fq_office_html_elem(f, "td", buf);
        int64_t values[FQ_MEAS_UNITS_MAX];
        size_t n_values = 0;
        for (int32_t u = 1; u <= n_units; u++) {
            const fq_meas_reading *x = u <= s->n_units ? reading_at(rd, n_rd, s->meta.uuid, u)
                                                        : NULL;
            if (!x) {
                fputs(u <= s->n_units ? "<td class=num></td>" : "<td class=muted></td>", f);
                continue;
            }
            values[n_values++] = x->value_milli;
            fq_meas_judgement j = fq_meas_judge(s, x->value_milli);
            fq_meas_format(x->value_milli, buf, sizeof buf);
            if (j.status == FQ_MEAS_IN) {
                fprintf(f, "<td class=num>%s</td>", buf);
            } else {
                char by[32];
                fq_meas_format(j.outside_milli, by, sizeof by);
                fprintf(f, "<td class=\"num out\" title=\"%s by %s ",
                        j.status == FQ_MEAS_ABOVE ? L_(r->lang, "above") : L_(r->lang, "below"),
                        by);
                fq_office_html_text(f, s->unit);
                fprintf(f, "\">%s %s</td>", buf, j.status == FQ_MEAS_ABOVE ? "&#9650;" : "&#9660;");
            }
        }
        fq_meas_stats st;
        fq_meas_point_stats(s, values, n_values, &st);
        if (st.n) {
            char mn[32], mx[32], me[32];
            fq_meas_format(st.min_milli, mn, sizeof mn);
            fq_meas_format(st.max_milli, mx, sizeof mx);
            fq_meas_format(st.mean_milli, me, sizeof me);
            fprintf(f, "<td class=num>%s</td><td class=num>%s</td><td class=num>%s</td>", mn, mx,
                    me);
        } else {
            fputs("<td></td><td></td><td></td>", f);
        }
        fprintf(f, "<td class=\"num%s\">%d</td></tr>", st.n_out ? " out" : "", (int)st.n_out);
    }
    fputs("</table>", f);
}

static void section_measurements(report *r, FILE *f, const fq_visit *v, const fq_photo *ph,
                                 size_t n_ph)
{
    size_t n_sp = 0, n_rd = 0;
    fq_meas_spec *sp = list_of(r->o, FQ_ENT_MEAS_SPEC, "order_uuid", v->order_uuid,
                               "position", &n_sp);
    fq_meas_reading *rd = list_of(r->o, FQ_ENT_MEAS_READING, "visit_uuid", v->meta.uuid, NULL,
                                  &n_rd);
    if (n_sp) {
        fputs(L_(r->lang, "<h2>Measurements</h2>"), f);
        int32_t units[FQ_SEV_COUNT];
        fq_meas_defectives(sp, n_sp, rd, n_rd, units);
        int32_t n_out = units[FQ_SEV_MINOR] + units[FQ_SEV_MAJOR] + units[FQ_SEV_CRITICAL];
        fprintf(f,
                L_(r->lang,
                   "<p>%zu readings. Units out of tolerance: <b>%d</b> (critical %d, major %d, "
                   "minor %d); each counts as a defective unit of its worst point's severity in "
                   "the AQL table. Marked cells (&#9650; above, &#9660; below) are outside the "
                   "limits, which are inclusive.</p>"),
                n_rd, (int)n_out, (int)units[FQ_SEV_CRITICAL], (int)units[FQ_SEV_MAJOR],
                (int)units[FQ_SEV_MINOR]);
        for (size_t i = 0; i < n_sp; i++) {
            int first = 1;
            for (size_t k = 0; k < i; k++)
                first &= strcmp(sp[k].size, sp[i].size) != 0;
            if (first)
                meas_table(r, f, sp, n_sp, sp[i].size, rd, n_rd);
        }
        for (size_t i = 0; i < n_sp; i++) {
            int has = 0;
            for (size_t k = 0; k < n_ph; k++)
                has |= ph[k].subject_kind == FQ_SUBJ_MEAS_POINT &&
                       !strcmp(ph[k].subject_uuid, sp[i].meta.uuid);
            if (!has)
                continue;
            fputs("<p><b>", f);
            fq_office_html_text(f, sp[i].point);
            fputs("</b> ", f);
            fq_office_html_text(f, sp[i].description);
            fputs("</p>", f);
            photos_of(r, f, ph, n_ph, sp[i].meta.uuid);
        }
    }
    free(sp);
    free(rd);
}

static void section_site_tests(report *r, FILE *f, const fq_visit *v, const fq_photo *ph,
                               size_t n_ph)
{
    size_t n = 0;
    fq_site_test *t = list_of(r->o, FQ_ENT_SITE_TEST, "visit_uuid", v->meta.uuid, NULL, &n);
    if (!n)
        return;
    fputs(L_(r->lang,
             "<h2>On-site tests</h2><table><tr><th>Test</th><th>Method</th><th>Expected</th>"
             "<th class=num>Tested</th><th class=num>Failed</th><th>Result</th><th>Findings</th>"
             "</tr>"),
          f);
    for (size_t i = 0; i < n; i++) {
        fputs("<tr>", f);
        fq_office_html_elem(f, "td", L_(r->lang, fq_site_test_name(t[i].kind)));
        fq_office_html_elem(f, "td", t[i].method);
        fq_office_html_elem(f, "td", t[i].expected);
        fprintf(f, "<td class=num>%lld</td><td class=\"num%s\">%lld</td>",
                (long long)t[i].n_tested, t[i].n_failed ? " out" : "", (long long)t[i].n_failed);
        const char *res = L_(r->lang, fq_result_name(t[i].result));
        fprintf(f, "<td><span class=\"tag %s\">", t[i].result == FQ_RESULT_PASS   ? "pass"
                                                 : t[i].result == FQ_RESULT_FAIL ? "fail"
                                                                                 : "na");
        fq_office_html_text(f, res);
        fputs("</span></td><td class=note>", f);
        fq_office_html_text(f, t[i].findings);
        if (t[i].note[0]) {
            fputs("\n", f);
            fq_office_html_text(f, t[i].note);
        }
        fputs("</td></tr>", f);
    }
    fputs("</table>", f);
    for (size_t i = 0; i < n; i++)
        photos_of(r, f, ph, n_ph, t[i].meta.uuid);
    free(t);
}

static void section_issues(report *r, FILE *f, const fq_order *ord, const fq_photo *ph,
                           size_t n_ph)
{
    size_t n = 0;
    fq_issue *is = list_of(r->o, FQ_ENT_ISSUE, "order_uuid", ord->meta.uuid, NULL, &n);
    fputs(L_(r->lang, "<h2>Open issues</h2>"), f);
    int open = 0;
    for (size_t i = 0; i < n; i++) {
        if (is[i].closed_utc)
            continue;
        if (!open++)
            fputs(L_(r->lang,
                     "<table><tr><th>Opened</th><th>Severity</th><th>Owner</th><th>Due</th>"
                     "<th>Issue</th></tr>"),
                  f);
        fputs("<tr><td>", f);
        fq_office_html_date(f, is[i].opened_utc);
        fputs("</td>", f);
        fq_office_html_elem(f, "td", L_(r->lang, fq_severity_name(is[i].severity)));
        fq_office_html_elem(f, "td", is[i].owner[0] ? is[i].owner : L_(r->lang, "nobody named"));
        fputs("<td>", f);
        if (is[i].due_utc)
            fq_office_html_date(f, is[i].due_utc);
        fputs("</td>", f);
        fputs("<td><b>", f);
        fq_office_html_text(f, is[i].title);
        fputs("</b><div class=note>", f);
        fq_office_html_text(f, is[i].description);
        fputs("</div>", f);
        photos_of(r, f, ph, n_ph, is[i].meta.uuid);
        fputs("</td></tr>", f);
    }
    fputs(open ? "</table>" : L_(r->lang, "<p class=muted>None.</p>"), f);
    free(is);
}

static void signoff_row(FILE *f, const fq_signoff *so, const fq_photo *ph, size_t n_ph,
                        report *r)
{
    fputs(so->superseded_utc ? "<tr class=superseded>" : "<tr>", f);
    fq_office_html_elem(f, "td", so->signer_name[0] ? so->signer_name : L_(r->lang, "(not named)"));
    fq_office_html_elem(f, "td", L_(r->lang, fq_role_name(so->role)));
    fputs("<td>", f);
    fq_office_html_date(f, so->signed_utc);
    fputs("</td>", f);
    fq_office_html_elem(f, "td", so->subject);
    fq_office_html_elem(f, "td", L_(r->lang, fq_verdict_name(so->verdict)));
    fputs("<td class=sig>", f);
    if (so->refused) {
        fputs(L_(r->lang, "<b>REFUSED to sign:</b> "), f);
        fq_office_html_text(f, so->reason);
    } else {
        for (size_t k = 0; k < n_ph; k++)
            if (so->signature_photo_uuid[0] &&
                strcmp(ph[k].meta.uuid, so->signature_photo_uuid) == 0)
                photo_img(r, f, ph[k].sha256, L_(r->lang, "signature"));
        if (so->reason[0]) {
            fputs(L_(r->lang, "<div class=note>Passed with unanswered checklist items: "), f);
            fq_office_html_text(f, so->reason);
            fputs("</div>", f);
        }
    }
    if (so->superseded_utc) {
        fputs(L_(r->lang, "<div><b>SUPERSEDED</b> "), f);
        fq_office_html_date(f, so->superseded_utc);
        fputs(L_(r->lang, ": reopened because "), f);
        fq_office_html_text(f, so->superseded_reason);
        fputs("</div>", f);
    }
    fputs("</td></tr>", f);
}

/* The sign-offs in force first, then those a reopen superseded, each marked with the
 * reopen's reason: an old signature must never read as the current one. */
static void section_signoffs(report *r, FILE *f, const fq_visit *v, const fq_photo *ph,
                             size_t n_ph)
{
    size_t n = 0;
    fq_signoff *s = list_of(r->o, FQ_ENT_SIGNOFF, "visit_uuid", v->meta.uuid, NULL, &n);
    fputs(L_(r->lang, "<h2>Sign-offs</h2>"), f);
    if (v->reopen_reason[0]) {
        fputs(L_(r->lang, "<p><b>Reopened after a sign-off:</b> "), f);
        fq_office_html_text(f, v->reopen_reason);
        fputs("</p>", f);
    }
    if (!n)
        fputs(L_(r->lang, "<p class=muted>Not signed yet.</p>"), f);
    else
        fputs(L_(r->lang, "<table><tr><th>Signed by</th><th>Role</th><th>When</th><th>Subject</th>"
                          "<th>Verdict</th><th>Signature</th></tr>"),
              f);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++)
            if ((s[i].superseded_utc != 0) == (pass == 1))
                signoff_row(f, &s[i], ph, n_ph, r);
    if (n)
        fputs("</table>", f);
    free(s);
}

/* Written approvals and spec changes recorded on site for the order. */
static void section_approvals(report *r, FILE *f, const fq_order *ord)
{
    size_t n = 0;
    fq_approval *a = list_of(r->o, FQ_ENT_APPROVAL, "order_uuid", ord->meta.uuid, NULL, &n);
    if (!n)
        return;
    fputs(L_(r->lang, "<h2>Written approvals and spec changes</h2><table><tr><th>When</th>"
                      "<th>Kind</th><th>What</th><th>By</th><th>Role</th><th>Note</th></tr>"),
          f);
    for (size_t i = 0; i < n; i++) {
        fputs("<tr><td>", f);
        fq_office_html_date(f, a[i].decided_utc);
        fputs("</td>", f);
        fq_office_html_elem(f, "td", fq_office_approval_kind(r->lang, a[i].kind));
        fq_office_html_elem(f, "td", a[i].subject);
        fq_office_html_elem(f, "td", a[i].approver_name);
        fq_office_html_elem(f, "td", L_(r->lang, fq_role_name(a[i].role)));
        fq_office_html_elem(f, "td", a[i].note);
        fputs("</tr>", f);
    }
    fputs("</table>", f);
    free(a);
}

/* The order's light with every reason, not only the worst. */
static void section_order_light(report *r, FILE *f, const fq_order *ord)
{
    fq_light_report lr;
    if (fq_ostore_order_report(r->o->db, ord->meta.uuid, &lr) != FQ_OK)
        return;
    fprintf(f, L_(r->lang, "<h2>Order status</h2><p><span class=\"dot %s\"></span><b>%s</b>%s</p>"),
            fq_light_name(lr.light), L_(r->lang, fq_light_name(lr.light)),
            lr.n_reasons ? "" : L_(r->lang, ": on schedule"));
    if (!lr.n_reasons)
        return;
    fputs("<ul>", f);
    for (int i = 0; i < lr.n_reasons; i++) {
        fprintf(f, "<li><span class=\"dot %s\"></span>", fq_light_name(lr.reasons[i].light));
        fq_office_html_text(f, L_(r->lang, lr.reasons[i].reason));
        fputs("</li>", f);
    }
    fputs("</ul>", f);
}

void fq_office_report_number(const fq_visit *v, char out[FQ_OFFICE_REPORT_NUMBER_LEN])
{
    char day[FQ_DATE_LEN];
    fq_utc_format_date(v->started_utc ? v->started_utc : v->planned_utc, day, sizeof day);
    char compact[9];
    size_t k = 0;
    for (const char *c = day; *c && k < 8; c++)
        if (*c >= '0' && *c <= '9')
            compact[k++] = *c;
    compact[k] = '\0';
    char id[9];
    for (k = 0; k < 8 && v->meta.uuid[k]; k++) {
        char c = v->meta.uuid[k];
        id[k] = c >= 'a' && c <= 'f' ? (char)(c - 'a' + 'A') : c;
    }
    id[k] = '\0';
    snprintf(out, FQ_OFFICE_REPORT_NUMBER_LEN, "FQ-%s-%s", compact[0] ? compact : "00000000", id);
}

void fq_office_report_print_style(FILE *f, const fq_office_lang *lang, const char *number)
{
    /* the catalogs are ours, not user text; a CJK font after DejaVu for Chinese words */
    static const char font[] =
        "font:9px 'DejaVu Sans','WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif;color:#555";
    fputs("<style>@page{", f);
    if (number)
        fprintf(f, "@bottom-left{content:'%s %s';%s}", L_(lang, "Inspection report"), number, font);
    /* TRANSLATORS: CSS content: keep the quotes and both counter()s */
    fprintf(f, "@bottom-right{content:%s;%s}}</style>\n",
            L_(lang, "'Page ' counter(page) ' of ' counter(pages)"), font);
}

void fq_office_report_title(fq_office *o, const fq_office_lang *lang, const fq_visit *v, char *out,
                            size_t out_len)
{
    fq_order ord;
    memset(&ord, 0, sizeof ord);
    fq_ostore_get(o->db, FQ_ENT_ORDER, v->order_uuid, &ord);
    snprintf(out, out_len, "%s - %s", ord.po_number, L_(lang, fq_visit_type_name(v->type)));
}

void fq_office_report_visit(fq_office *o, FILE *f, const fq_visit *v, int64_t now_utc,
                            const fq_office_report_links *links, int *out_missing_photos)
{
    report rep = {o, links->lang, now_utc, links, 0};
    report *r = &rep;
    fq_order ord;
    memset(&ord, 0, sizeof ord);
    fq_ostore_get(o->db, FQ_ENT_ORDER, v->order_uuid, &ord);
    size_t n_ph = 0;
    fq_photo *ph = list_of(r->o, FQ_ENT_PHOTO, "visit_uuid", v->meta.uuid, NULL, &n_ph);
    if (links->back_href && links->back_href[0]) {
        fputs("<p class=noprint><a href=\"", f);
        fq_office_html_text(f, links->back_href);
        fputs("\">&larr; ", f);
        fq_office_html_text(f, links->back_text);
        fputs("</a></p>", f);
    }
    char number[FQ_OFFICE_REPORT_NUMBER_LEN];
    fq_office_report_number(v, number);
    fputs("<h1>", f);
    fq_office_html_text(f, L_(r->lang, fq_visit_type_name(v->type)));
    fputs(": ", f);
    fq_office_html_text(f, ord.po_number);
    fputs(L_(r->lang, "</h1><table class=meta><tr><td>Buyer</td><td>"), f);
    fq_office_html_text(f, ord.buyer);
    fputs(L_(r->lang, "</td><td>Supplier</td><td>"), f);
    fq_office_html_text(f, ord.supplier);
    fputs(L_(r->lang, "</td></tr><tr><td>Factory</td><td>"), f);
    fq_office_html_text(f, ord.factory);
    fputs(L_(r->lang, "</td><td>Product</td><td>"), f);
    fq_office_html_text(f, ord.product);
    fputs(L_(r->lang, "</td></tr><tr><td>Inspector</td><td>"), f);
    fq_office_html_text(f, v->inspector_name[0] ? v->inspector_name : v->meta.inspector);
    fputs(L_(r->lang, "</td><td>Visit</td><td>"), f);
    fq_office_html_date(f, v->started_utc ? v->started_utc : v->planned_utc);
    fprintf(f,
            L_(r->lang, "</td></tr><tr><td>Order quantity</td><td>%lld</td><td>Ship date</td><td>"),
            (long long)ord.quantity);
    fq_office_html_date(f, ord.ship_date_utc);
    fprintf(f,
            L_(r->lang,
               "</td></tr><tr><td>Report number</td><td class=repno>%s</td><td>Generated</td>"
               "<td>"),
            number);
    fq_office_html_date(f, now_utc);
    fprintf(f, L_(r->lang, "</td></tr></table><p>Verdict: <span class=\"verdict %s\">"),
            fq_office_verdict_class(v->verdict));
    fq_office_html_text(f, L_(r->lang, fq_verdict_name(v->verdict)));
    fputs("</span></p>", f);
    if (v->summary[0]) {
        fputs("<p class=note>", f);
        fq_office_html_text(f, v->summary);
        fputs("</p>", f);
    }
    section_order_light(r, f, &ord);
    section_aql(r, f, v);
    section_defect_photos(r, f, v, ph, n_ph);
    section_progress(r, f, v);
    section_milestones(r, f, &ord);
    section_approvals(r, f, &ord);
    section_findings(r, f, v, ph, n_ph);
    int has_general = 0;
    for (size_t i = 0; i < n_ph; i++)
        has_general |= strcmp(ph[i].subject_uuid, v->meta.uuid) == 0 || !ph[i].subject_uuid[0];
    if (has_general) {
        fputs(L_(r->lang, "<h2>Photos</h2>"), f);
        photos_of(r, f, ph, n_ph, v->meta.uuid);
    }
    section_measurements(r, f, v, ph, n_ph);
    section_site_tests(r, f, v, ph, n_ph);
    section_cartons(r, f, v, ph, n_ph);
    section_issues(r, f, &ord, ph, n_ph);
    section_signoffs(r, f, v, ph, n_ph);
    fprintf(f,
            L_(r->lang, "<p class=muted>Report %s, generated by fieldqc-office from records synced "
                        "from the inspection device.</p>\n"),
            number);
    free(ph);
    if (out_missing_photos)
        *out_missing_photos = r->n_missing_photos;
}
