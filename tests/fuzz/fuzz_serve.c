/* libFuzzer target (issue 13): the server's own parsing (office/serve/route.c: request paths,
 * bearer tokens, counts), the portal's form bodies and account names (office/portal/form.c,
 * issue 14) and core's JSON member reader (core/json_read.c, what the PostgreSQL backend
 * reads a change with). libmicrohttpd parses HTTP itself. The input is split at the first
 * NUL: a path/header/form text, then a JSON text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_read.h"
#include "office/portal/portal.h"
#include "office/serve/serve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    size_t first = strlen(text);
    fq_serve_route r = fq_serve_route_path(text);
    if (r.kind != FQ_SERVE_NOT_FOUND && strlen(r.arg) >= sizeof r.arg)
        abort();
    char id[17], secret[65];
    if (fq_serve_parse_bearer(text, id, secret) == 0 && (strlen(id) != 16 || strlen(secret) != 64))
        abort();
    long long n = 0;
    fq_serve_parse_count(text, 0, 1000, &n);
    /* the text as a form body: every name and value inside the copy, NUL-terminated */
    char *form = malloc(first + 1);
    if (form) {
        memcpy(form, text, first + 1);
        fq_portal_arg args[FQ_PORTAL_MAX_ARGS];
        int n_args = fq_portal_form_parse(form, first, args, FQ_PORTAL_MAX_ARGS);
        if (n_args > FQ_PORTAL_MAX_ARGS)
            abort();
        for (int i = 0; i < n_args; i++)
            if (args[i].name < form || args[i].name > form + first || args[i].value < form ||
                args[i].value > form + first || strlen(args[i].value) > first)
                abort();
        fq_portal_arg_get(args, n_args > 0 ? (size_t)n_args : 0, "csrf");
        free(form);
    }
    fq_portal_user_name_ok(text);
    /* the rest as a JSON object: every member a change record is read by */
    const char *json = first < size ? text + first + 1 : text;
    size_t json_len = first < size ? size - first - 1 : first;
    fq_json_value root = fq_json_root(json, json_len);
    static const char *const keys[] = {"uuid", "revision", "_base", "_changed", "visit_uuid",
                                       "result_revision", "note", ""};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        fq_json_value v = fq_json_member(root, keys[k]);
        if (v.type != FQ_JSON_NONE && (v.start < json || v.start + v.len > json + json_len))
            abort();
        char out[64];
        fq_json_string(v, out, sizeof out);
        fq_json_value inner = fq_json_member(v, "revision");
        (void)inner;
    }
    free(text);
    return 0;
}
