/* The ownership rules of a device's change at the office (lib/bundle/FORMAT.md, "Ownership
 * and conflicts"), as pure decisions over what the change says and what the office holds.
 * Both office store backends gather these facts with their own queries (lib/store/apply.c
 * on sqlite, office/pg on PostgreSQL) and let this file decide, so a change is applied,
 * kept as a conflict or refused alike on both. No SQL, no I/O. */
#ifndef FQ_CORE_OWNERSHIP_H
#define FQ_CORE_OWNERSHIP_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/model_fields.h"

#define FQ_OWN_MAX_GROUPS 4

/* No revision goes above this (2^53; the same as FQ_STORE_REVISION_MAX). */
#define FQ_OWN_REVISION_MAX (INT64_C(1) << 53)

/* What a received change says about itself. */
typedef struct fq_own_incoming {
    char op;                             /* 'I', 'U', 'D' */
    int has_base;                        /* "_base" present with an integer per group */
    int whole_row;                       /* "_changed" absent or null: every column */
    int64_t base[FQ_OWN_MAX_GROUPS];
    int64_t rev[FQ_OWN_MAX_GROUPS];      /* the row's revisions */
    int rev_ok[FQ_OWN_MAX_GROUPS];       /* the row holds an integer revision for the group */
    uint64_t changed;                    /* bit i: e->fields[i] changed */
    int bad_changed;                     /* "_changed" names a column the record lacks */
    char visit_uuid[FQ_UUID_LEN];        /* a visit-scoped record's visit */
    char assigned_device[FQ_ID_LEN];     /* a visit's assigned device */
} fq_own_incoming;

/* The row the office holds. */
typedef struct fq_own_held {
    int exists;
    int64_t rev[FQ_OWN_MAX_GROUPS];
    uint64_t equal;                      /* bit i: e->fields[i] equals the received value */
    char visit_uuid[FQ_UUID_LEN];
    char assigned_device[FQ_ID_LEN];
} fq_own_held;

/* What happens to one group of a change. */
typedef enum fq_own_verdict {
    FQ_OWN_KEEP = 0,  /* nothing to do: a replay, or the office holds it already */
    FQ_OWN_TAKE,      /* apply: the group's revision becomes held + 1 */
    FQ_OWN_CONFLICT,  /* another writer changed the group since the change's base */
    FQ_OWN_REFUSE     /* not the sender's, or a revision that does not follow */
} fq_own_verdict;

/* Bits of e->fields in group g, revision columns not counted. */
uint64_t fq_own_group_fields(const fq_entity *e, size_t g);

/* "a,b,c" (the change's "_changed") into in->changed; a name e lacks sets in->bad_changed. */
void fq_own_parse_changed(const fq_entity *e, fq_own_incoming *in, const char *list);

/* The groups the change touches (bit g) and their columns into cols[g]. A delete is judged
 * on the record's first group (its owner's). */
unsigned fq_own_touched_groups(const fq_entity *e, const fq_own_incoming *in, uint64_t *cols);

/* Why the change's revisions cannot be taken as they are ("" when they can). */
void fq_own_revision_problem(const fq_entity *e, const fq_own_incoming *in, unsigned touched,
                             char *why, size_t why_len);

/* The verdict on group g of a change to a held record. seen: the office has this change
 * already (applied or kept); open: the writer has an open conflict on the group;
 * device_of_visit: the device the record's visit is assigned to ("" when none). The reason
 * of a CONFLICT or REFUSE into why. */
fq_own_verdict fq_own_judge(const fq_entity *e, const fq_own_incoming *in, const fq_own_held *h,
                            size_t g, uint64_t cols, const char *device_of_visit,
                            const char *writer, int seen, int open, char *why, size_t why_len);

/* Why a record the office does not hold may not be taken from writer ("" when it may: an
 * insert whose device-owned groups are the writer's). */
void fq_own_new_record_problem(const fq_entity *e, const fq_own_incoming *in,
                               const char *device_of_visit, const char *writer, char *why,
                               size_t why_len);

/* "col,col" of the bits in mask into out. */
void fq_own_column_list(const fq_entity *e, uint64_t mask, char *out, size_t out_len);

/* ---- record helpers both backends' writes use ---- */

/* True when field f holds the same value in records a and b (texts up to their capacity). */
int fq_entity_field_equal(const fq_field *f, const void *a, const void *b);

/* The revision of group g in rec, and setting it. */
int64_t fq_entity_group_revision(const fq_entity *e, size_t g, const void *rec);
void fq_entity_set_group_revision(const fq_entity *e, size_t g, void *rec, int64_t revision);

/* The groups (bit g) in which rec differs from old, revisions not counted. */
unsigned fq_entity_changed_groups(const fq_entity *e, const void *old, const void *rec);

/* True when col is a column of e (meta or field). */
int fq_entity_has_column(const fq_entity *e, const char *col);

#endif
