/* fq_change: one entry of a change log, the unit sync carries (the store writes and applies
 * them, the bundle format stores them). A plain value type; the strings are borrowed. */
#ifndef FQ_CORE_CHANGE_H
#define FQ_CORE_CHANGE_H

#include <stdint.h>

typedef struct fq_change {
    int64_t seq;        /* strictly increasing position in the log */
    const char *table;  /* entity table */
    const char *uuid;
    int64_t revision;
    char op;            /* 'I' insert, 'U' update, 'D' delete */
    int64_t at_utc;
    const char *json;   /* the whole row after the change as a JSON object; NULL for 'D' */
} fq_change;

/* Called for each change; strings are valid during the call only. Return nonzero to stop. */
typedef int (*fq_change_fn)(void *ctx, const fq_change *change);

#endif
