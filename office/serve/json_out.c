/* JSON and text answers built in memory (json_out.h). Records go out by their column maps,
 * so a new record type or column appears in the API without code here. */
#include "json_out.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fq_serve_buf_add(fq_serve_buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = 1;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void fq_serve_buf_str(fq_serve_buf *b, const char *s)
{
    fq_serve_buf_add(b, s, strlen(s));
}

void fq_serve_buf_printf(fq_serve_buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    fq_serve_buf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 2 && s[0] < 0xC2)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

void fq_serve_buf_json_string(fq_serve_buf *b, const char *s)
{
    fq_serve_buf_add(b, "\"", 1);
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        if (*p == '"' || *p == '\\') {
            char esc[2] = {'\\', (char)*p};
            fq_serve_buf_add(b, esc, 2);
            p++;
        } else if (*p < 0x20) {
            char esc[8];
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            fq_serve_buf_add(b, esc, 6);
            p++;
        } else {
            size_t n = utf8_len(p);
            if (n == 0) {
                fq_serve_buf_add(b, "\\ufffd", 6);
                p++;
            } else {
                fq_serve_buf_add(b, (const char *)p, n);
                p += n;
            }
        }
    }
    fq_serve_buf_add(b, "\"", 1);
}

void fq_serve_buf_json_record(fq_serve_buf *b, const fq_entity *e, const void *rec)
{
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    const unsigned char *base = rec;
    fq_serve_buf_add(b, "{", 1);
    for (size_t i = 0; i < n_meta + e->n_fields; i++) {
        const fq_field *f = i < n_meta ? &meta[i] : &e->fields[i - n_meta];
        const void *src = base + f->offset;
        if (i)
            fq_serve_buf_add(b, ",", 1);
        fq_serve_buf_json_string(b, f->column);
        fq_serve_buf_add(b, ":", 1);
        switch (f->type) {
        case FQ_FIELD_TEXT: {
            char text[4096];
            snprintf(text, sizeof text, "%.*s", (int)f->size, (const char *)src);
            fq_serve_buf_json_string(b, text);
            break;
        }
        case FQ_FIELD_I64: {
            int64_t v;
            memcpy(&v, src, sizeof v);
            fq_serve_buf_printf(b, "%lld", (long long)v);
            break;
        }
        case FQ_FIELD_I32: {
            int32_t v;
            memcpy(&v, src, sizeof v);
            fq_serve_buf_printf(b, "%d", (int)v);
            break;
        }
        case FQ_FIELD_BOOL: {
            bool v;
            memcpy(&v, src, sizeof v);
            fq_serve_buf_str(b, v ? "true" : "false");
            break;
        }
        }
    }
    fq_serve_buf_add(b, "}", 1);
}

void fq_serve_buf_free(fq_serve_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}
