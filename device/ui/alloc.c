/* Allocation for the ui: abort on out-of-memory (ARCHITECTURE.md allows it for ui/platform:
 * everything the user entered is already committed by store, and a half-built widget tree is
 * worse than a restart). Deliberately the only place the ui calls malloc/realloc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_internal.h"

static void die_oom(size_t n, size_t size)
{
    fprintf(stderr, "fq_ui: out of memory (%zu x %zu bytes)\n", n, size);
    abort();
}

void *fq_ui_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die_oom(n, size);
    return p;
}

void *fq_ui_xrealloc(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        die_oom(n, size);
    size_t bytes = n * size;
    void *q = realloc(p, bytes > 0 ? bytes : 1);
    if (!q)
        die_oom(n, size);
    return q;
}

char *fq_ui_xstrdup(const char *s)
{
    if (!s)
        s = "";
    size_t len = strlen(s);
    char *copy = fq_ui_xcalloc(len + 1, 1);
    memcpy(copy, s, len);
    return copy;
}
