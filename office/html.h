/* HTML output helpers for reports: every piece of user text goes through fq_office_html_text, which
 * escapes & < > " ' so a note holding "<script>" stays text. No file handling here. */
#ifndef FQ_OFFICE_HTML_H
#define FQ_OFFICE_HTML_H

#include <stdint.h>
#include <stdio.h>

/* Writes text escaped for element content and attribute values. NULL writes nothing. */
void fq_office_html_text(FILE *f, const char *text);

/* Writes "<tag>escaped text</tag>". */
void fq_office_html_elem(FILE *f, const char *tag, const char *text);

/* Writes a date (YYYY-MM-DD) or "-" for 0. */
void fq_office_html_date(FILE *f, int64_t utc);

/* The shared <head> with screen + print CSS inline; title is escaped; lang_tag is the
 * page's <html lang> ("en", "zh-CN"; NULL: "en"). */
void fq_office_html_head(FILE *f, const char *title, const char *lang_tag);

/* The <head> of a page served with a strict Content-Security-Policy (no inline style): the
 * style sheet is linked from css_href (escaped). */
void fq_office_html_head_linked(FILE *f, const char *title, const char *css_href,
                                const char *lang_tag);

/* The report's style sheet (screen, print with page numbers), static. */
const char *fq_office_html_css(void);

#endif
