/* HTML escaping (bidi controls dropped) and the report style sheet (html.h). The CSS prints
 * on A4 from any browser, with page numbers: no scripts, no external resources, so a report
 * folder works offline and as a PDF. */
#include "html.h"

#include "core/civil.h"
#include "core/text.h"

void fq_office_html_text(FILE *f, const char *text)
{
    if (!text)
        return;
    for (const char *p = text; *p; p++) {
        size_t bidi = fq_text_bidi_control_len(p);
        if (bidi) { /* would reorder what the buyer reads */
            p += bidi - 1;
            continue;
        }
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*p, f); break;
        }
    }
}

void fq_office_html_elem(FILE *f, const char *tag, const char *text)
{
    fprintf(f, "<%s>", tag);
    fq_office_html_text(f, text);
    fprintf(f, "</%s>", tag);
}

void fq_office_html_date(FILE *f, int64_t utc)
{
    char buf[FQ_DATE_LEN];
    fq_utc_format_date(utc, buf, sizeof buf);
    fputs(buf, f);
}

static const char css[] =
    "body{font:14px/1.45 'DejaVu Sans',Arial,sans-serif;color:#222;margin:24px auto;"
    "max-width:1050px;padding:0 16px}\n"
    "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;border-bottom:2px solid #345;"
    "padding-bottom:3px;margin-top:26px}\n"
    "table{border-collapse:collapse;width:100%;margin:6px 0}"
    "th,td{border:1px solid #bbb;padding:4px 7px;text-align:left;vertical-align:top}"
    "th{background:#eef1f4}\n"
    ".num{text-align:right}.muted{color:#666}.meta td{border:none;padding:1px 10px 1px 0}\n"
    ".verdict{display:inline-block;font-weight:bold;padding:6px 16px;border-radius:6px;"
    "font-size:18px;color:#fff}\n"
    ".pass,.accept,.green{background:#2e7d32}.fail,.reject,.red{background:#c62828}"
    ".pending,.waived,.yellow{background:#f9a825;color:#222}.na{background:#777}\n"
    ".dot{display:inline-block;width:12px;height:12px;border-radius:6px;margin-right:6px;"
    "vertical-align:-1px}\n"
    ".tag{display:inline-block;padding:1px 8px;border-radius:4px;color:#fff;font-size:12px}\n"
    /* photos whole (contain, never cropped); a click opens the full-size file */
    ".photos{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0}"
    ".photos figure{margin:0;width:240px}.photos img{width:240px;height:180px;"
    "object-fit:contain;background:#eceff1;border:1px solid #999;display:block}"
    ".photos figcaption{font-size:12px;color:#444}"
    ".photos figcaption.marked{color:#b00020;font-weight:bold}\n"
    ".sig img{height:70px;border-bottom:1px solid #333}\n"
    ".note{white-space:pre-wrap}\n"
    "td.out{background:#fde0dc;color:#b71c1c;font-weight:bold;"
    "box-shadow:inset 0 0 0 2px #c62828}\n"
    "@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}"
    "tr,figure{break-inside:avoid}a{color:inherit;text-decoration:none}"
    ".verdict,.tag,.dot,th,td.out,.photos img{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}"
    ".noprint{display:none}}\n"
    /* page numbers on every printed page (CSS margin boxes: Chromium 131 and later) */
    "@page{size:A4;margin:14mm 14mm 18mm;@bottom-right{content:'Page ' counter(page) "
    "' of ' counter(pages);font:9px 'DejaVu Sans',Arial,sans-serif;color:#555}}\n";

const char *fq_office_html_css(void)
{
    return css;
}

static void head_start(FILE *f, const char *csp, const char *title, const char *lang_tag)
{
    fputs("<!DOCTYPE html>\n<html lang=\"", f);
    fq_office_html_text(f, lang_tag ? lang_tag : "en");
    fputs("\"><head><meta charset=\"utf-8\">"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"",
          f);
    fputs(csp, f);
    fputs("\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
          f);
    fq_office_html_text(f, title);
    fputs("</title>", f);
}

void fq_office_html_head(FILE *f, const char *title, const char *lang_tag)
{
    head_start(f, "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'", title, lang_tag);
    fputs("<style>\n", f);
    fputs(css, f);
    fputs("</style></head><body>\n", f);
}

void fq_office_html_head_linked(FILE *f, const char *title, const char *css_href,
                                const char *lang_tag)
{
    head_start(f, "default-src 'none'; img-src 'self'; style-src 'self'", title, lang_tag);
    fputs("<link rel=\"stylesheet\" href=\"", f);
    fq_office_html_text(f, css_href);
    fputs("\"></head><body>\n", f);
}
