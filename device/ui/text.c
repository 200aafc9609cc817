/* Text through the platform's measurer: width/height, fitting a prefix, one-line drawing
 * with an ellipsis, and greedy word wrapping. All cuts fall on UTF-8 boundaries. Deliberately
 * no shaping or bidi: runs are measured as the platform's font engine sees them. */
#include <string.h>

#include "ui_internal.h"

static const char ELLIPSIS[] = "\xE2\x80\xA6"; /* U+2026 */

int fq_ui_text_width(const fq_ui *ui, fq_font_style style, int size_px, const char *s, size_t len)
{
    if (len == 0)
        return 0;
    if (ui->measurer.width)
        return ui->measurer.width(ui->measurer.user, style, size_px, s, len);
    /* No measurer yet: estimate so layout is sane (about half an em per character). */
    int n = 0;
    for (size_t i = 0; i < len; i = fq_ui_utf8_next(s, len, i))
        n++;
    return n * (size_px / 2 + 1);
}

int fq_ui_text_height(const fq_ui *ui, fq_font_style style, int size_px)
{
    if (ui->measurer.height)
        return ui->measurer.height(ui->measurer.user, style, size_px);
    return size_px + size_px / 4;
}

size_t fq_ui_text_fit(const fq_ui *ui, fq_font_style style, int size_px, const char *s, size_t len,
                      int max_w)
{
    if (max_w <= 0)
        return 0;
    if (fq_ui_text_width(ui, style, size_px, s, len) <= max_w)
        return len;
    /* Binary search on character boundaries: lo always fits, hi never does. */
    size_t lo = 0;
    size_t hi = len;
    for (;;) {
        size_t mid = fq_ui_utf8_clip(s, lo + (hi - lo) / 2);
        if (mid <= lo)
            mid = fq_ui_utf8_next(s, len, lo);
        if (mid >= hi)
            break;
        if (fq_ui_text_width(ui, style, size_px, s, mid) <= max_w)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void fq_ui_text_draw_line(fq_ui *ui, fq_draw_list *dl, int x, int y, const char *s, size_t len,
                          int size_px, fq_font_style style, fq_color c, int max_w, fq_align align)
{
    int h = fq_ui_text_height(ui, style, size_px);
    int w = fq_ui_text_width(ui, style, size_px, s, len);
    if (w <= max_w) {
        int dx = align == FQ_ALIGN_CENTER ? (max_w - w) / 2 : align == FQ_ALIGN_END ? max_w - w : 0;
        fq_ui_dl_text(dl, x + dx, y, s, len, size_px, style, c, w, h);
        return;
    }
    int ell_w = fq_ui_text_width(ui, style, size_px, ELLIPSIS, sizeof ELLIPSIS - 1);
    size_t n = fq_ui_text_fit(ui, style, size_px, s, len, max_w - ell_w);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    char buf[512];
    if (n > sizeof buf - sizeof ELLIPSIS)
        n = fq_ui_utf8_clip(s, sizeof buf - sizeof ELLIPSIS);
    memcpy(buf, s, n);
    memcpy(buf + n, ELLIPSIS, sizeof ELLIPSIS - 1);
    size_t total = n + sizeof ELLIPSIS - 1;
    fq_ui_dl_text(dl, x, y, buf, total, size_px, style, c,
                  fq_ui_text_width(ui, style, size_px, buf, total), h);
}

/* A line may break before a CJK character (Chinese has no spaces between words) unless it
 * is closing punctuation (，。、：；！？）」』 stay with the text before them), and after one. */
static bool cjk_at(const char *p, size_t i)
{
    const unsigned char *u = (const unsigned char *)p + i;
    return (u[0] >= 0xE3 && u[0] <= 0xE9) || (u[0] == 0xEF && (u[1] == 0xBC || u[1] == 0xBD));
}

static bool closing_punct(const char *p, size_t i)
{
    static const char *const CLOSE[] = {"\xEF\xBC\x8C", "\xE3\x80\x82", "\xE3\x80\x81",
                                        "\xEF\xBC\x9A", "\xEF\xBC\x9B", "\xEF\xBC\x81",
                                        "\xEF\xBC\x9F", "\xEF\xBC\x89", "\xE3\x80\x8D",
                                        "\xE3\x80\x8F", "\xE2\x80\x9D"};
    for (size_t k = 0; k < sizeof CLOSE / sizeof CLOSE[0]; k++)
        if (!strncmp(p + i, CLOSE[k], 3))
            return true;
    return false;
}

static bool cjk_break(const char *p, size_t brk)
{
    if ((((unsigned char)p[brk]) & 0xC0) == 0x80)
        return false; /* inside a character */
    if (cjk_at(p, brk) && !closing_punct(p, brk))
        return true;
    /* after a CJK character (3 bytes back) */
    return brk >= 3 && cjk_at(p, brk - 3) && p[brk] != ' ' && !closing_punct(p, brk);
}

size_t fq_ui_text_wrap_next(const fq_ui *ui, fq_font_style style, int size_px, const char *s,
                            size_t len, size_t *pos, int max_w, size_t *out_start)
{
    size_t start = *pos;
    while (start < len && s[start] == ' ')
        start++;
    *out_start = start;
    const char *p = s + start;
    size_t rest = len - start;
    const char *nl = memchr(p, '\n', rest);
    size_t seg = nl ? (size_t)(nl - p) : rest;
    size_t n = fq_ui_text_fit(ui, style, size_px, p, seg, max_w);
    if (n == seg) {
        *pos = start + seg + (nl ? 1 : 0);
        return seg;
    }
    size_t brk = n;
    while (brk > 0 && p[brk] != ' ' && !cjk_break(p, brk))
        brk--;
    if (brk > 0 && p[brk] != ' ') { /* before a CJK character: nothing to skip */
        *pos = start + brk;
        return brk;
    }
    if (brk == 0) {
        /* One word longer than the line: break inside it, at least one character. */
        brk = n > 0 ? n : fq_ui_utf8_next(p, seg, 0);
        *pos = start + brk;
        return brk;
    }
    *pos = start + brk + 1;
    return brk;
}
