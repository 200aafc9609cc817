/* Form bodies (application/x-www-form-urlencoded) and account names: pure functions over
 * strings, fuzzed with the server's request parsing (tests/fuzz/fuzz_serve.c); and the
 * other way, a value percent-encoded for a link's query. */
#include "portal_internal.h"

#include <string.h>

void fq_portal_url_value(FILE *f, const char *value)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~')
            fputc(*p, f);
        else
            fprintf(f, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..n) in place ('+' is a space, %XX a byte); NUL-terminates. -1 for a bad
 * escape or a NUL byte. */
static int decode(char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi = i + 2 < n ? hex_value(s[i + 1]) : -1;
            int lo = i + 2 < n ? hex_value(s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return -1;
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        if (c == '\0')
            return -1;
        s[k++] = c;
    }
    s[k] = '\0';
    return 0;
}

int fq_portal_form_parse(char *buf, size_t len, fq_portal_arg *args, size_t max)
{
    buf[len] = '\0';
    if (memchr(buf, '\0', len))
        return -1;
    size_t n = 0, at = 0;
    while (at < len) {
        size_t end = at;
        while (end < len && buf[end] != '&')
            end++;
        if (end > at) { /* "a=1&&b=2": empty pieces are skipped */
            if (n == max)
                return -1;
            char *piece = buf + at;
            size_t plen = end - at;
            char *eq = memchr(piece, '=', plen);
            size_t nlen = eq ? (size_t)(eq - piece) : plen;
            char *value = eq ? eq + 1 : piece + plen;
            size_t vlen = eq ? plen - nlen - 1 : 0;
            buf[end < len ? end : len] = '\0';
            if (decode(piece, nlen) || decode(value, vlen))
                return -1;
            args[n].name = piece;
            args[n].value = value;
            n++;
        }
        at = end + 1;
    }
    return (int)n;
}

const char *fq_portal_arg_get(const fq_portal_arg *args, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (args[i].name && !strcmp(args[i].name, name))
            return args[i].value;
    return NULL;
}

int fq_portal_user_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n < 1 || n > 63 || name[0] == '.' || name[0] == '-')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '@' || c == '-'))
            return 0;
    }
    return 1;
}
