/* Column maps of the domain records: which struct field is stored in which column, and who
 * owns it (the office, the devices, or both).
 *
 * The store builds its SQL from these maps and the bundle ships records by the same names,
 * so a field added to a record is added in one place. The ownership groups decide what a
 * received change may touch (FORMAT.md, "Ownership and conflicts"). Pure data: no SQL, no
 * I/O. The store's tests check that every map matches the schema's columns exactly. */
#ifndef FQ_CORE_MODEL_FIELDS_H
#define FQ_CORE_MODEL_FIELDS_H

#include <stddef.h>

#include "core/model.h"

typedef enum fq_field_type {
    FQ_FIELD_TEXT = 0, /* char[size], NUL-terminated UTF-8 */
    FQ_FIELD_I64,      /* int64_t */
    FQ_FIELD_I32,      /* int32_t */
    FQ_FIELD_BOOL      /* bool, stored 0/1 */
} fq_field_type;

typedef struct fq_field {
    const char *column;
    fq_field_type type;
    size_t offset;
    size_t size;       /* capacity for TEXT; sizeof the value otherwise */
    int group;         /* index into the entity's groups (0 for most) */
} fq_field;

/* Who may change a group of columns (lib/bundle/FORMAT.md, "Ownership and conflicts"). */
typedef enum fq_owner {
    FQ_OWNER_OFFICE = 0, /* orders, milestones, checklist templates, a visit's plan */
    FQ_OWNER_DEVICE,     /* what a visit records; the visit's assigned device writes it */
    FQ_OWNER_SHARED      /* office and devices (issues): concurrent edits are conflicts */
} fq_owner;

/* Columns with one owner and one revision counter: a change touches one or more groups,
 * and each group's revision says which version of that group the change was made on. */
typedef struct fq_group {
    const char *name;            /* "record", or "plan" / "result" for a visit */
    fq_owner owner;
    const char *revision_column; /* "revision" (fq_meta) or an I64 field of the record */
} fq_group;

typedef enum fq_entity_id {
    FQ_ENT_ORDER = 0,
    FQ_ENT_MILESTONE,
    FQ_ENT_VISIT,
    FQ_ENT_CHECKLIST_ITEM,
    FQ_ENT_FINDING,
    FQ_ENT_DEFECT,
    FQ_ENT_PRODUCTION,
    FQ_ENT_AQL_PLAN,
    FQ_ENT_CARTON,
    FQ_ENT_ISSUE,
    FQ_ENT_SIGNOFF,
    FQ_ENT_PHOTO,
    FQ_ENT_APPROVAL,
    FQ_ENT_MEAS_SPEC,     /* schema v8 */
    FQ_ENT_MEAS_READING,
    FQ_ENT_SITE_TEST,
    FQ_ENT_COUNT
} fq_entity_id;

typedef struct fq_entity {
    fq_entity_id id;
    const char *table;        /* table name, also the record kind in bundles */
    size_t record_size;       /* sizeof the struct; fq_meta sits at offset 0 */
    const fq_field *fields;   /* the record's own fields, without fq_meta */
    size_t n_fields;
    const fq_group *groups;   /* groups[0] is versioned by meta.revision */
    size_t n_groups;
    int visit_scoped;         /* has a visit_uuid: the visit's assigned device writes it */
} fq_entity;

/* The entity of `id`; NULL when id is out of range. Static storage. */
const fq_entity *fq_entity_get(fq_entity_id id);

/* The entity stored in `table`; NULL when unknown. Static storage. */
const fq_entity *fq_entity_by_table(const char *table);

/* The fields of fq_meta, shared by every entity (uuid first). Sets *out_n. Static storage. */
const fq_field *fq_meta_fields(size_t *out_n);

/* True when `column` is the revision counter of one of e's groups. */
int fq_entity_is_revision_column(const fq_entity *e, const char *column);

/* The stable id of a checklist template item: derived from its visit type, section and text
 * (SHA-256, shaped as a UUID with version 8), so the office, the demo and every tablet that
 * load the same checkpoint give it the same id and no checkpoint is ever stored twice.
 * out gets FQ_UUID_LEN bytes. */
void fq_checklist_item_id(int32_t visit_type, const char *section, const char *text,
                          char out[FQ_UUID_LEN]);

/* The stable id of a measurement spec: derived from its order, size and point as
 * fq_checklist_item_id is, so a sheet loaded twice (or by two offices) is one spec. */
void fq_meas_spec_id(const char *order_uuid, const char *size, const char *point,
                     char out[FQ_UUID_LEN]);

#endif
