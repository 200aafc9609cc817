/* fieldqc-office report [--db FILE] --out DIR [VISIT...]: static HTML for the buyer. One page
 * per visit (the visit report of report_html.c, the portal's too) and index.html listing all
 * orders across factories with their lights. Photos are copied into DIR/photos so the
 * folder is self-contained; a click on one opens it whole; print CSS makes the browser's
 * "print to PDF" the PDF export, with page numbers. Every user string is escaped (html.c).
 * --lang zh_CN writes the pages in Chinese (lang.h); the inspector's text stays as written. */
#include "office/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/langs.h"
#include "core/lights.h"
#include "core/names.h"
#include "html.h"
#include "lang.h"
#include "office/report_html.h"
#include "office/progress.h"
#include "office_internal.h"

typedef struct report {
    fq_office *o;
    const char *out_dir;
    const fq_office_lang *lang;
    int64_t now;
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

/* The static folder's photos: copied into DIR/photos, linked relatively. */
static int copy_photo(void *ctx, const char *sha, char *out, size_t out_len)
{
    report *r = ctx;
    char src[FQ_BUNDLE_PATH_LEN + 80], dst[FQ_BUNDLE_PATH_LEN + 80];
    if (fq_fsio_photo_path(r->o->photo_dir, sha, src, sizeof src))
        return -1;
    snprintf(dst, sizeof dst, "%s/photos/%s.jpg", r->out_dir, sha);
    if (fq_fsio_copy_file(src, dst, FQ_OFFICE_MAX_PHOTO_BYTES, NULL, NULL, NULL, 0) != FQ_OK)
        return -1;
    snprintf(out, out_len, "photos/%s.jpg", sha);
    return 0;
}

static int write_visit(report *r, const fq_visit *v)
{
    char path[FQ_BUNDLE_PATH_LEN + 64], why[FQ_BUNDLE_ERR_LEN];
    snprintf(path, sizeof path, "%s/visit-%s.html", r->out_dir, v->meta.uuid);
    fq_fsio_stream *out = NULL;
    if (fq_fsio_stream_open(path, &out, why, sizeof why)) {
        fprintf(stderr, "fieldqc-office report: %s\n", why);
        return -1;
    }
    FILE *f = fq_fsio_stream_file(out);
    char title[FQ_SHORT_LEN + 80];
    fq_office_report_title(r->o, r->lang, v, title, sizeof title);
    fq_office_html_head(f, title, fq_office_lang_tag(r->lang));
    char number[FQ_OFFICE_REPORT_NUMBER_LEN];
    fq_office_report_number(v, number);
    fq_office_report_print_style(f, r->lang, number);
    fq_office_report_links links = {copy_photo, r, 1, "index.html", L_(r->lang, "all orders"),
                                    r->lang};
    int missing = 0;
    fq_office_report_visit(r->o, f, v, r->now, &links, &missing);
    r->n_missing_photos += missing;
    fputs("</body></html>\n", f);
    if (fq_fsio_stream_commit(out, why, sizeof why)) {
        fprintf(stderr, "fieldqc-office report: %s\n", why);
        return -1;
    }
    return 0;
}

static int write_index(report *r, const fq_visit *visits, size_t n_visits)
{
    char path[FQ_BUNDLE_PATH_LEN + 16];
    snprintf(path, sizeof path, "%s/index.html", r->out_dir);
    char why[FQ_BUNDLE_ERR_LEN];
    fq_fsio_stream *out = NULL;
    if (fq_fsio_stream_open(path, &out, why, sizeof why)) {
        fprintf(stderr, "fieldqc-office report: %s\n", why);
        return -1;
    }
    FILE *f = fq_fsio_stream_file(out);
    fq_office_html_head(f, L_(r->lang, "Orders and inspections"), fq_office_lang_tag(r->lang));
    fputs(L_(r->lang, "<h1>Orders and inspections</h1><table><tr><th>Status</th><th>PO</th>"
                      "<th>Factory</th><th>Supplier</th><th>Product</th><th class=num>Qty</th>"
                      "<th>Ship date</th><th>Visits</th></tr>"),
          f);
    size_t n = 0;
    fq_order *ord = list_of(r->o, FQ_ENT_ORDER, NULL, NULL, "factory", &n);
    for (size_t i = 0; i < n; i++) {
        /* every reason, worst first: the coordinator decides where to look from here */
        fq_light_report lr;
        if (fq_ostore_order_report(r->o->db, ord[i].meta.uuid, &lr) != FQ_OK) {
            memset(&lr, 0, sizeof lr);
            lr.light = FQ_LIGHT_YELLOW;
            lr.n_reasons = 1;
            lr.reasons[0].light = FQ_LIGHT_YELLOW;
            snprintf(lr.reasons[0].reason, sizeof lr.reasons[0].reason, "%s",
                     L_(r->lang, "status unknown"));
        }
        fprintf(f, "<tr><td><span class=\"dot %s\"></span>", fq_light_name(lr.light));
        for (int k = 0; k < lr.n_reasons; k++) {
            if (k)
                fputs("<br>", f);
            fq_office_html_text(f, L_(r->lang, lr.reasons[k].reason));
        }
        fputs("</td>", f);
        fq_office_html_elem(f, "td", ord[i].po_number);
        fq_office_html_elem(f, "td", ord[i].factory);
        fq_office_html_elem(f, "td", ord[i].supplier);
        fq_office_html_elem(f, "td", ord[i].product);
        fprintf(f, "<td class=num>%lld</td><td>", (long long)ord[i].quantity);
        fq_office_html_date(f, ord[i].ship_date_utc);
        fputs("</td><td>", f);
        for (size_t k = 0; k < n_visits; k++) {
            if (strcmp(visits[k].order_uuid, ord[i].meta.uuid) != 0)
                continue;
            fprintf(f, "<a href=\"visit-%s.html\">", visits[k].meta.uuid);
            fq_office_html_text(f, L_(r->lang, fq_visit_type_name(visits[k].type)));
            fprintf(f, "</a> <span class=\"tag %s\">%s</span><br>",
                    fq_office_verdict_class(visits[k].verdict),
                    L_(r->lang, fq_verdict_name(visits[k].verdict)));
        }
        fputs("</td></tr>", f);
    }
    fputs("</table></body></html>\n", f);
    free(ord);
    if (fq_fsio_stream_commit(out, why, sizeof why)) {
        fprintf(stderr, "fieldqc-office report: %s\n", why);
        return -1;
    }
    return 0;
}

int fq_office_cmd_report(int argc, char **argv)
{
    static const char *const names[] = {"--out", "--lang"};
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, names, 2, &args);
    if (rc)
        return rc;
    const char *code = args.opt[1] ? args.opt[1] : "en";
    if (!args.opt[0] || !fq_lang_known(code)) {
        if (args.opt[0])
            fprintf(stderr, "fieldqc-office report: unknown language '%s' (en or zh_CN)\n", code);
        fprintf(stderr, "usage: fieldqc-office report [--db FILE] --out DIR [--lang en|zh_CN] "
                        "[VISIT...]\n");
        return 2;
    }
    fq_office_lang *lang = NULL;
    fq_err le = fq_office_lang_load(code, NULL, &lang);
    if (le) {
        fprintf(stderr, "fieldqc-office report: the %s catalogs cannot be read (%s)\n", code,
                fq_err_name(le));
        return 1;
    }
    if (!fq_office_lang_complete(lang))
        fprintf(stderr,
                "fieldqc-office report: no %s catalog found: words without one stay "
                "English\n",
                code);
    fq_office *o = NULL;
    if (fq_office_open_with(args.db, args.photos, &o)) {
        fprintf(stderr, "fieldqc-office report: %s\n", o ? o->errmsg : "out of memory");
        fq_office_close(o);
        fq_office_lang_free(lang);
        return 1;
    }
    report r = {o, args.opt[0], lang, fq_ostore_now(o->db), 0};
    fq_tr_use(fq_office_lang_core(lang)); /* core's sentences (a light's reasons) in it too */
    char photos[FQ_BUNDLE_PATH_LEN + 16];
    snprintf(photos, sizeof photos, "%s/photos", r.out_dir);
    size_t n = 0;
    fq_visit *visits = list_of(o, FQ_ENT_VISIT, NULL, NULL, NULL, &n);
    int n_written = 0;
    if (fq_fsio_mkdirs(photos, o->errmsg, sizeof o->errmsg)) {
        fprintf(stderr, "fieldqc-office report: %s\n", o->errmsg);
        rc = 1;
    }
    for (int p = 0; !rc && p < args.n_pos; p++) {
        size_t k = 0;
        while (k < n && strncmp(visits[k].meta.uuid, args.pos[p], strlen(args.pos[p])) != 0)
            k++;
        if (k == n) {
            fprintf(stderr, "fieldqc-office report: no visit '%s'\n", args.pos[p]);
            rc = 1;
        }
    }
    fq_office_progress progress;
    fq_office_progress_start(&progress, "report", "visits", args.n_pos ? args.n_pos : (int64_t)n,
                             0);
    for (size_t k = 0; !rc && k < n; k++) {
        int wanted = args.n_pos == 0;
        for (int p = 0; p < args.n_pos; p++)
            wanted |= strncmp(visits[k].meta.uuid, args.pos[p], strlen(args.pos[p])) == 0;
        if (wanted && write_visit(&r, &visits[k]))
            rc = 1;
        n_written += wanted;
        if (wanted)
            fq_office_progress_step(&progress, 1, 0);
    }
    fq_office_progress_end(&progress);
    if (!rc && write_index(&r, visits, n))
        rc = 1;
    if (!rc)
        printf("report: %d visit page(s) and index.html in %s%s\n", n_written, r.out_dir,
               r.n_missing_photos ? " (some photos are not at the office yet)" : "");
    fq_tr_use(NULL);
    free(visits);
    fq_office_close(o);
    fq_office_lang_free(lang);
    return rc;
}
