/* Reading members of a flat JSON object without allocating: the change records of a bundle
 * ({"uuid":"...","revision":3,...,"_base":{"revision":2},"_changed":"a,b"}). Used where no
 * database's JSON functions do it (the office's PostgreSQL backend judges a change in C).
 * Reads like sqlite's json_extract: the first member of a name counts, an "integer" is a
 * number without fraction or exponent that fits int64. Every input is untrusted: a
 * malformed text gives FQ_JSON_NONE, never a read outside [json, json + len). */
#ifndef FQ_CORE_JSON_READ_H
#define FQ_CORE_JSON_READ_H

#include <stddef.h>
#include <stdint.h>

typedef enum fq_json_type {
    FQ_JSON_NONE = 0, /* no such member, or not a JSON object */
    FQ_JSON_NULL,
    FQ_JSON_TRUE,
    FQ_JSON_FALSE,
    FQ_JSON_INTEGER,  /* fits int64, no fraction or exponent */
    FQ_JSON_REAL,     /* any other number */
    FQ_JSON_STRING,
    FQ_JSON_ARRAY,
    FQ_JSON_OBJECT
} fq_json_type;

/* One value inside the text: its type and its bytes (a string with its quotes). */
typedef struct fq_json_value {
    fq_json_type type;
    const char *start;
    size_t len;
    int64_t i;        /* FQ_JSON_INTEGER: the value */
} fq_json_value;

/* The member `key` of the object `obj` (a value of type FQ_JSON_OBJECT, or the whole text:
 * fq_json_root). type FQ_JSON_NONE when absent or malformed. */
fq_json_value fq_json_member(fq_json_value obj, const char *key);

/* The whole text as a value (FQ_JSON_OBJECT when it is one, else FQ_JSON_NONE). */
fq_json_value fq_json_root(const char *json, size_t len);

/* The unescaped UTF-8 of a string value into out (NUL-terminated, cut to out_len - 1 bytes;
 * \u0000 ends it). Returns the full unescaped length (may exceed out_len - 1), or -1 when v
 * is not a string or its escapes are malformed. */
long fq_json_string(fq_json_value v, char *out, size_t out_len);

#endif
