/* The column maps of model_fields.h, one table per record type. */
#include "core/model_fields.h"

#include <string.h>

#define T(type, col, member) {#col, FQ_FIELD_TEXT, offsetof(type, member), sizeof(((type *)0)->member)}
#define I64(type, col, member) {#col, FQ_FIELD_I64, offsetof(type, member), sizeof(int64_t)}
#define I32(type, col, member) {#col, FQ_FIELD_I32, offsetof(type, member), sizeof(int32_t)}
#define B(type, col, member) {#col, FQ_FIELD_BOOL, offsetof(type, member), sizeof(bool)}
#define N(arr) (sizeof(arr) / sizeof((arr)[0]))

static const fq_field meta_fields[] = {
    T(fq_meta, uuid, uuid),
    T(fq_meta, device_id, device_id),
    T(fq_meta, inspector, inspector),
    I64(fq_meta, created_utc, created_utc),
    I64(fq_meta, updated_utc, updated_utc),
    I64(fq_meta, revision, revision),
};

static const fq_field order_fields[] = {
    T(fq_order, po_number, po_number), T(fq_order, buyer, buyer),
    T(fq_order, supplier, supplier),   T(fq_order, factory, factory),
    T(fq_order, product, product),     I64(fq_order, quantity, quantity),
    I64(fq_order, ship_date_utc, ship_date_utc), I32(fq_order, kind, kind),
    T(fq_order, note, note),
};

static const fq_field milestone_fields[] = {
    T(fq_milestone, order_uuid, order_uuid), I32(fq_milestone, kind, kind),
    I32(fq_milestone, position, position),   T(fq_milestone, title, title),
    T(fq_milestone, owner, owner),           I64(fq_milestone, due_utc, due_utc),
    I32(fq_milestone, grace_days, grace_days), I32(fq_milestone, status, status),
    I64(fq_milestone, completed_utc, completed_utc), T(fq_milestone, evidence, evidence),
    T(fq_milestone, approved_by, approved_by), T(fq_milestone, approved_role, approved_role),
    I64(fq_milestone, approved_utc, approved_utc), T(fq_milestone, approval_note, approval_note),
};

static const fq_field visit_fields[] = {
    T(fq_visit, order_uuid, order_uuid), I32(fq_visit, type, type),
    T(fq_visit, assigned_device, assigned_device), T(fq_visit, inspector_name, inspector_name),
    I64(fq_visit, planned_utc, planned_utc), I64(fq_visit, started_utc, started_utc),
    I64(fq_visit, ended_utc, ended_utc), I32(fq_visit, verdict, verdict),
    B(fq_visit, finished, finished), T(fq_visit, reopen_reason, reopen_reason),
    T(fq_visit, summary, summary),
};

static const fq_field checklist_item_fields[] = {
    I32(fq_checklist_item, visit_type, visit_type), T(fq_checklist_item, checklist, checklist),
    T(fq_checklist_item, section, section), I32(fq_checklist_item, position, position),
    T(fq_checklist_item, text, text),
};

static const fq_field finding_fields[] = {
    T(fq_finding, visit_uuid, visit_uuid), T(fq_finding, item_uuid, item_uuid),
    T(fq_finding, section, section), T(fq_finding, text, text),
    I32(fq_finding, result, result), I32(fq_finding, severity, severity),
    T(fq_finding, note, note),
};

static const fq_field defect_fields[] = {
    T(fq_defect, visit_uuid, visit_uuid), T(fq_defect, code, code),
    T(fq_defect, description, description), I32(fq_defect, severity, severity),
    I32(fq_defect, count, count),
};

static const fq_field production_fields[] = {
    T(fq_production, visit_uuid, visit_uuid), I64(fq_production, ordered, ordered),
    I64(fq_production, completed, completed), I64(fq_production, packed, packed),
    I64(fq_production, cartons, cartons), B(fq_production, materials_on_site, materials_on_site),
    B(fq_production, packaging_on_site, packaging_on_site), T(fq_production, note, note),
};

static const fq_field aql_plan_fields[] = {
    T(fq_aql_plan, visit_uuid, visit_uuid), T(fq_aql_plan, supplier, supplier),
    T(fq_aql_plan, product, product), I64(fq_aql_plan, lot_size, lot_size),
    I32(fq_aql_plan, level, level), I32(fq_aql_plan, mode, mode),
    I32(fq_aql_plan, aql_minor_milli, aql_milli[0]),
    I32(fq_aql_plan, aql_major_milli, aql_milli[1]),
    I32(fq_aql_plan, aql_critical_milli, aql_milli[2]),
    I64(fq_aql_plan, sampled, sampled), I32(fq_aql_plan, lot_result, lot_result),
};

static const fq_field carton_fields[] = {
    T(fq_carton, visit_uuid, visit_uuid), T(fq_carton, shipping_marks, shipping_marks),
    I64(fq_carton, qty_per_carton, qty_per_carton), I64(fq_carton, carton_count, carton_count),
    I64(fq_carton, gross_g, gross_g), I64(fq_carton, net_g, net_g),
    I64(fq_carton, length_mm, length_mm), I64(fq_carton, width_mm, width_mm),
    I64(fq_carton, height_mm, height_mm), T(fq_carton, barcode, barcode),
    B(fq_carton, origin_label, origin_label), I32(fq_carton, drop_test, drop_test),
    T(fq_carton, note, note),
};

static const fq_field issue_fields[] = {
    T(fq_issue, order_uuid, order_uuid), T(fq_issue, visit_uuid, visit_uuid),
    T(fq_issue, title, title), T(fq_issue, description, description),
    I32(fq_issue, severity, severity), I64(fq_issue, opened_utc, opened_utc),
    I64(fq_issue, closed_utc, closed_utc), T(fq_issue, resolution_note, resolution_note),
};

static const fq_field signoff_fields[] = {
    T(fq_signoff, visit_uuid, visit_uuid), T(fq_signoff, milestone_uuid, milestone_uuid),
    T(fq_signoff, subject, subject), T(fq_signoff, signer_name, signer_name),
    I32(fq_signoff, role, role), I64(fq_signoff, signed_utc, signed_utc),
    I32(fq_signoff, verdict, verdict),
    T(fq_signoff, signature_photo_uuid, signature_photo_uuid),
};

static const fq_field photo_fields[] = {
    T(fq_photo, visit_uuid, visit_uuid), I32(fq_photo, subject_kind, subject_kind),
    T(fq_photo, subject_uuid, subject_uuid), T(fq_photo, sha256, sha256),
    T(fq_photo, thumb_sha256, thumb_sha256), I32(fq_photo, width, width),
    I32(fq_photo, height, height), I64(fq_photo, bytes, bytes),
    I64(fq_photo, captured_utc, captured_utc), T(fq_photo, caption, caption),
    T(fq_photo, annotated_from, annotated_from),
};

#define ENT(id, table, type, fields) {id, #table, sizeof(type), fields, N(fields)}

static const fq_entity entities[FQ_ENT_COUNT] = {
    ENT(FQ_ENT_ORDER, orders, fq_order, order_fields),
    ENT(FQ_ENT_MILESTONE, milestones, fq_milestone, milestone_fields),
    ENT(FQ_ENT_VISIT, visits, fq_visit, visit_fields),
    ENT(FQ_ENT_CHECKLIST_ITEM, checklist_items, fq_checklist_item, checklist_item_fields),
    ENT(FQ_ENT_FINDING, findings, fq_finding, finding_fields),
    ENT(FQ_ENT_DEFECT, defects, fq_defect, defect_fields),
    ENT(FQ_ENT_PRODUCTION, production, fq_production, production_fields),
    ENT(FQ_ENT_AQL_PLAN, aql_plans, fq_aql_plan, aql_plan_fields),
    ENT(FQ_ENT_CARTON, cartons, fq_carton, carton_fields),
    ENT(FQ_ENT_ISSUE, issues, fq_issue, issue_fields),
    ENT(FQ_ENT_SIGNOFF, signoffs, fq_signoff, signoff_fields),
    ENT(FQ_ENT_PHOTO, photos, fq_photo, photo_fields),
};

const fq_entity *fq_entity_get(fq_entity_id id)
{
    if ((int)id < 0 || id >= FQ_ENT_COUNT)
        return NULL;
    return &entities[id];
}

const fq_entity *fq_entity_by_table(const char *table)
{
    if (!table)
        return NULL;
    for (size_t i = 0; i < FQ_ENT_COUNT; i++)
        if (!strcmp(entities[i].table, table))
            return &entities[i];
    return NULL;
}

const fq_field *fq_meta_fields(size_t *out_n)
{
    *out_n = N(meta_fields);
    return meta_fields;
}
