/* UTF-8 stepping for cursor movement, truncation and ellipsis: the ui never splits a
 * character. Deliberately no validation beyond "do not run past the buffer": bytes come from
 * our own fields and the platform's SDL text input, both already UTF-8. */
#include "ui_internal.h"

static bool is_cont(unsigned char c)
{
    return (c & 0xC0u) == 0x80u;
}

size_t fq_ui_utf8_next(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return len;
    i++;
    while (i < len && is_cont((unsigned char)s[i]))
        i++;
    return i;
}

size_t fq_ui_utf8_prev(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && is_cont((unsigned char)s[i]))
        i--;
    return i;
}

size_t fq_ui_utf8_clip(const char *s, size_t len)
{
    /* Step back over a trailing partial sequence: the lead byte says how long it should be. */
    if (len == 0)
        return 0;
    size_t i = len;
    size_t back = 0;
    while (i > 0 && back < 4) {
        unsigned char c = (unsigned char)s[i - 1];
        i--;
        back++;
        if (!is_cont(c)) {
            size_t need = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
            return need <= back ? len : i;
        }
    }
    return len;
}

uint32_t fq_ui_utf8_decode(const char *s, size_t len, size_t i)
{
    const unsigned char *p = (const unsigned char *)s;
    if (i >= len)
        return 0;
    uint32_t c = p[i];
    size_t n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : 3;
    c &= n == 0 ? 0x7Fu : n == 1 ? 0x1Fu : n == 2 ? 0x0Fu : 0x07u;
    for (size_t k = 1; k <= n && i + k < len; k++)
        c = (c << 6) | (p[i + k] & 0x3Fu);
    return c;
}
