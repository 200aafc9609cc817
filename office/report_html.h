/* The visit report as HTML (report_html.c): the one report of a visit, written by
 * `fieldqc-office report` into a static folder and by the portal as a page and a PDF
 * (issue 14). Summary verdict first, order status with every reason, AQL table per severity,
 * production counts with the 40 % packaging flag, milestones, written approvals, findings
 * with their photos, measurements, on-site tests, cartons, open issues, sign-offs with
 * signatures and the reopen history. Every user string escaped (html.h). */
#ifndef FQ_OFFICE_REPORT_HTML_H
#define FQ_OFFICE_REPORT_HTML_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/model.h"
#include "office/lang.h"
#include "office/office.h"

/* How a report links what is not in its HTML. */
typedef struct fq_office_report_links {
    /* The src of photo sha256 into out; nonzero when the photo is not available (the report
     * says so). Called once per photo shown. */
    int (*photo_src)(void *ctx, const char *sha256, char *out, size_t out_len);
    void *ctx;
    int full_size_links;    /* each photo is a link to its full-size file */
    const char *back_href;  /* a link above the title ("" or NULL: none) */
    const char *back_text;  /* its text */
    const fq_office_lang *lang; /* the report's language (NULL: English); what the
                                 * inspector typed is shown as written in every language */
} fq_office_report_links;

#define FQ_OFFICE_REPORT_NUMBER_LEN 32

/* The visit's report number: "FQ-<YYYYMMDD of its start, else its plan>-<first 8 hex of its
 * id, upper case>", the same in every copy of the report (page, PDF, static folder). */
void fq_office_report_number(const fq_visit *v, char out[FQ_OFFICE_REPORT_NUMBER_LEN]);

/* A <style> for printing the report: each page's footer in lang (NULL: English), "Page n
 * of m" and, when number is not NULL, "Inspection report <number>". The head of the
 * printed page must allow an inline style (fq_office_html_head's does). */
void fq_office_report_print_style(FILE *f, const fq_office_lang *lang, const char *number);

/* The title of the visit's page ("PO - visit type", the type in lang; NULL: English). */
void fq_office_report_title(fq_office *o, const fq_office_lang *lang, const fq_visit *v, char *out,
                            size_t out_len);

/* Writes the report of visit v at now_utc into f: the body's content only (the caller
 * writes the head, fq_office_html_head or its own, and "</body></html>"). links must not be
 * NULL. *out_missing_photos (may be NULL) gets the photos the office lacks. */
void fq_office_report_visit(fq_office *o, FILE *f, const fq_visit *v, int64_t now_utc,
                            const fq_office_report_links *links, int *out_missing_photos);

/* An approval record's kind (approval, spec change, rejected) in lang's words: the office's
 * words, never drawn on a device, so they are marked here and not in core. */
const char *fq_office_approval_kind(const fq_office_lang *lang, int32_t kind);

/* The CSS class of a verdict's tag: "pass", "fail", "waived" or "pending". */
const char *fq_office_verdict_class(int32_t verdict);

#endif
