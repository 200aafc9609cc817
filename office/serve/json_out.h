/* Private to office/serve: a growable buffer for JSON and CSV answers. */
#ifndef FQ_OFFICE_SERVE_JSON_OUT_H
#define FQ_OFFICE_SERVE_JSON_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "core/model_fields.h"

typedef struct fq_serve_buf {
    char *data;
    size_t len;
    size_t cap;
    int failed;   /* out of memory: the answer is a 500 */
} fq_serve_buf;

void fq_serve_buf_add(fq_serve_buf *b, const char *s, size_t n);
void fq_serve_buf_str(fq_serve_buf *b, const char *s);
void fq_serve_buf_printf(fq_serve_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A JSON string literal of s (escaped; invalid UTF-8 bytes become U+FFFD). */
void fq_serve_buf_json_string(fq_serve_buf *b, const char *s);
/* A record as a JSON object by its column map (meta then fields). */
void fq_serve_buf_json_record(fq_serve_buf *b, const fq_entity *e, const void *rec);
void fq_serve_buf_free(fq_serve_buf *b);

#endif
