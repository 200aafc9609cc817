/* A minimal JSON reader over one text (json_read.h): skips values by their grammar to find
 * an object's members; no allocation, no recursion deeper than the nesting it walks (capped).
 * Deliberately not a general parser: the office reads a few members of a change record. */
#include "core/json_read.h"

#include <string.h>

#define MAX_DEPTH 64

typedef struct cursor {
    const char *p;
    const char *end;
} cursor;

static void skip_ws(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

/* Skips a string starting at its opening quote; 0 on success. */
static int skip_string(cursor *c)
{
    if (c->p >= c->end || *c->p != '"')
        return -1;
    c->p++;
    while (c->p < c->end) {
        unsigned char ch = (unsigned char)*c->p;
        if (ch == '"') {
            c->p++;
            return 0;
        }
        if (ch < 0x20)
            return -1;
        if (ch == '\\') {
            c->p++;
            if (c->p >= c->end)
                return -1;
            if (*c->p == 'u') {
                for (int k = 0; k < 4; k++) {
                    c->p++;
                    if (c->p >= c->end || !strchr("0123456789abcdefABCDEF", *c->p) || !*c->p)
                        return -1;
                }
            } else if (!strchr("\"\\/bfnrt", *c->p) || !*c->p) {
                return -1;
            }
        }
        c->p++;
    }
    return -1;
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* A number: its type (INTEGER when it fits int64 without fraction or exponent). */
static fq_json_type skip_number(cursor *c, int64_t *out)
{
    const char *s = c->p;
    int neg = 0, integer = 1, overflow = 0;
    uint64_t acc = 0;
    if (c->p < c->end && *c->p == '-') {
        neg = 1;
        c->p++;
    }
    if (c->p >= c->end || !is_digit(*c->p))
        return FQ_JSON_NONE;
    if (*c->p == '0' && c->p + 1 < c->end && is_digit(c->p[1]))
        return FQ_JSON_NONE;
    while (c->p < c->end && is_digit(*c->p)) {
        unsigned d = (unsigned)(*c->p - '0');
        if (acc > (UINT64_MAX - d) / 10)
            overflow = 1;
        else
            acc = acc * 10 + d;
        c->p++;
    }
    if (c->p < c->end && *c->p == '.') {
        integer = 0;
        c->p++;
        if (c->p >= c->end || !is_digit(*c->p))
            return FQ_JSON_NONE;
        while (c->p < c->end && is_digit(*c->p))
            c->p++;
    }
    if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
        integer = 0;
        c->p++;
        if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
            c->p++;
        if (c->p >= c->end || !is_digit(*c->p))
            return FQ_JSON_NONE;
        while (c->p < c->end && is_digit(*c->p))
            c->p++;
    }
    (void)s;
    if (!integer || overflow || acc > (uint64_t)INT64_MAX + (neg ? 1u : 0u))
        return FQ_JSON_REAL;
    *out = neg ? (acc == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)acc) : (int64_t)acc;
    return FQ_JSON_INTEGER;
}

static int skip_value(cursor *c, int depth, fq_json_value *out);

static int skip_container(cursor *c, int depth, char close, int object)
{
    if (depth > MAX_DEPTH)
        return -1;
    c->p++;
    skip_ws(c);
    if (c->p < c->end && *c->p == close) {
        c->p++;
        return 0;
    }
    for (;;) {
        fq_json_value v;
        skip_ws(c);
        if (object) {
            if (skip_string(c))
                return -1;
            skip_ws(c);
            if (c->p >= c->end || *c->p != ':')
                return -1;
            c->p++;
        }
        if (skip_value(c, depth + 1, &v))
            return -1;
        skip_ws(c);
        if (c->p >= c->end)
            return -1;
        if (*c->p == close) {
            c->p++;
            return 0;
        }
        if (*c->p != ',')
            return -1;
        c->p++;
    }
}

static int literal(cursor *c, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n))
        return -1;
    c->p += n;
    return 0;
}

static int skip_value(cursor *c, int depth, fq_json_value *out)
{
    skip_ws(c);
    memset(out, 0, sizeof *out);
    out->start = c->p;
    if (c->p >= c->end)
        return -1;
    int bad = 0;
    switch (*c->p) {
    case '{': out->type = FQ_JSON_OBJECT; bad = skip_container(c, depth, '}', 1); break;
    case '[': out->type = FQ_JSON_ARRAY; bad = skip_container(c, depth, ']', 0); break;
    case '"': out->type = FQ_JSON_STRING; bad = skip_string(c); break;
    case 't': out->type = FQ_JSON_TRUE; bad = literal(c, "true"); break;
    case 'f': out->type = FQ_JSON_FALSE; bad = literal(c, "false"); break;
    case 'n': out->type = FQ_JSON_NULL; bad = literal(c, "null"); break;
    default:
        out->type = skip_number(c, &out->i);
        bad = out->type == FQ_JSON_NONE;
        break;
    }
    out->len = (size_t)(c->p - out->start);
    return bad ? -1 : 0;
}

fq_json_value fq_json_root(const char *json, size_t len)
{
    fq_json_value v;
    memset(&v, 0, sizeof v);
    if (!json)
        return v;
    cursor c = {json, json + len};
    if (skip_value(&c, 0, &v) || v.type != FQ_JSON_OBJECT) {
        memset(&v, 0, sizeof v);
        return v;
    }
    skip_ws(&c);
    if (c.p != c.end)
        memset(&v, 0, sizeof v); /* trailing bytes: not one JSON text */
    return v;
}

/* True when the raw string token (with quotes) equals key without escapes. */
static int key_equals(const char *tok, size_t tok_len, const char *key)
{
    size_t n = strlen(key);
    return tok_len == n + 2 && !memcmp(tok + 1, key, n) && !memchr(tok + 1, '\\', n);
}

fq_json_value fq_json_member(fq_json_value obj, const char *key)
{
    fq_json_value none;
    memset(&none, 0, sizeof none);
    if (obj.type != FQ_JSON_OBJECT || obj.len < 2)
        return none;
    cursor c = {obj.start + 1, obj.start + obj.len - 1};
    for (;;) {
        skip_ws(&c);
        if (c.p >= c.end)
            return none;
        const char *k = c.p;
        if (skip_string(&c))
            return none;
        size_t k_len = (size_t)(c.p - k);
        skip_ws(&c);
        if (c.p >= c.end || *c.p != ':')
            return none;
        c.p++;
        fq_json_value v;
        if (skip_value(&c, 1, &v))
            return none;
        if (key_equals(k, k_len, key))
            return v;
        skip_ws(&c);
        if (c.p >= c.end || *c.p != ',')
            return none;
        c.p++;
    }
}

static int hex_val(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

static unsigned read_hex4(const char *p)
{
    unsigned u = 0;
    for (int k = 0; k < 4; k++)
        u = u * 16 + (unsigned)hex_val(p[k]);
    return u;
}

/* Appends the UTF-8 of code point cp. */
static void put_utf8(char *out, size_t out_len, size_t *n, unsigned cp)
{
    unsigned char b[4];
    size_t k;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        k = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        k = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        k = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        k = 4;
    }
    for (size_t i = 0; i < k; i++, (*n)++)
        if (*n + 1 < out_len)
            out[*n] = (char)b[i];
}

long fq_json_string(fq_json_value v, char *out, size_t out_len)
{
    if (v.type != FQ_JSON_STRING || v.len < 2)
        return -1;
    const char *p = v.start + 1, *end = v.start + v.len - 1;
    size_t n = 0;
    while (p < end) {
        if (*p != '\\') {
            if (n + 1 < out_len)
                out[n] = *p;
            n++;
            p++;
            continue;
        }
        p++;
        if (p >= end)
            return -1;
        char ch = *p++;
        unsigned cp;
        switch (ch) {
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u':
            if (end - p < 4)
                return -1;
            cp = read_hex4(p);
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                unsigned lo = read_hex4(p + 2);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
            }
            if (cp == 0) {
                if (out_len)
                    out[n < out_len ? n : out_len - 1] = '\0';
                return (long)n;
            }
            break;
        default: cp = (unsigned char)ch; break;
        }
        put_utf8(out, out_len, &n, cp);
    }
    if (out_len)
        out[n < out_len ? n : out_len - 1] = '\0';
    return (long)n;
}
