/* The column maps of model_fields.h, one table per record type, and who owns each group of
 * columns (lib/bundle/FORMAT.md, "Ownership and conflicts"). */
#include "core/model_fields.h"

#include <stdio.h>
#include <string.h>

#include "core/sha256.h"

#define T(type, col, member) {#col, FQ_FIELD_TEXT, offsetof(type, member), sizeof(((type *)0)->member), 0}
#define I64(type, col, member) {#col, FQ_FIELD_I64, offsetof(type, member), sizeof(int64_t), 0}
#define I32(type, col, member) {#col, FQ_FIELD_I32, offsetof(type, member), sizeof(int32_t), 0}
#define B(type, col, member) {#col, FQ_FIELD_BOOL, offsetof(type, member), sizeof(bool), 0}
/* the same, for a field of the record's second group (a visit's results) */
#define T2(type, col, member) {#col, FQ_FIELD_TEXT, offsetof(type, member), sizeof(((type *)0)->member), 1}
#define I64_2(type, col, member) {#col, FQ_FIELD_I64, offsetof(type, member), sizeof(int64_t), 1}
#define I32_2(type, col, member) {#col, FQ_FIELD_I32, offsetof(type, member), sizeof(int32_t), 1}
#define B2(type, col, member) {#col, FQ_FIELD_BOOL, offsetof(type, member), sizeof(bool), 1}
#define N(arr) (sizeof(arr) / sizeof((arr)[0]))

/* One owner for the whole record, versioned by meta.revision. */
static const fq_group office_record[] = {{"record", FQ_OWNER_OFFICE, "revision"}};
static const fq_group device_record[] = {{"record", FQ_OWNER_DEVICE, "revision"}};
static const fq_group shared_record[] = {{"record", FQ_OWNER_SHARED, "revision"}};
/* The visit: the office's plan and the device's results, each with its own revision. */
static const fq_group visit_groups[] = {{"plan", FQ_OWNER_OFFICE, "revision"},
                                        {"result", FQ_OWNER_DEVICE, "result_revision"}};

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
    I32(fq_order, aql_standard, aql_standard),     /* schema v6 */
    T(fq_order, carton_barcode, carton_barcode), /* schema v7 */
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

/* result_revision last: migration 4 added it to the table (ALTER TABLE ... ADD COLUMN). */
static const fq_field visit_fields[] = {
    T(fq_visit, order_uuid, order_uuid), I32(fq_visit, type, type),
    T(fq_visit, assigned_device, assigned_device), T(fq_visit, inspector_name, inspector_name),
    I64(fq_visit, planned_utc, planned_utc), I64_2(fq_visit, started_utc, started_utc),
    I64_2(fq_visit, ended_utc, ended_utc), I32_2(fq_visit, verdict, verdict),
    B2(fq_visit, finished, finished), T2(fq_visit, reopen_reason, reopen_reason),
    T2(fq_visit, summary, summary), I64_2(fq_visit, result_revision, result_revision),
};

static const fq_field checklist_item_fields[] = {
    I32(fq_checklist_item, visit_type, visit_type), T(fq_checklist_item, checklist, checklist),
    T(fq_checklist_item, section, section), I32(fq_checklist_item, position, position),
    T(fq_checklist_item, text, text), I32(fq_checklist_item, fail_evidence, fail_evidence),
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
    I64(fq_production, cartons, cartons), I32(fq_production, materials_on_site, materials_on_site),
    I32(fq_production, packaging_on_site, packaging_on_site), T(fq_production, note, note),
};

static const fq_field aql_plan_fields[] = {
    T(fq_aql_plan, visit_uuid, visit_uuid), T(fq_aql_plan, supplier, supplier),
    T(fq_aql_plan, product, product), I64(fq_aql_plan, lot_size, lot_size),
    I32(fq_aql_plan, level, level), I32(fq_aql_plan, mode, mode),
    I32(fq_aql_plan, aql_minor_milli, aql_milli[0]),
    I32(fq_aql_plan, aql_major_milli, aql_milli[1]),
    I32(fq_aql_plan, aql_critical_milli, aql_milli[2]),
    I64(fq_aql_plan, sampled, sampled), I32(fq_aql_plan, lot_result, lot_result),
    I32(fq_aql_plan, standard, standard), /* schema v6 */
};

static const fq_field carton_fields[] = {
    T(fq_carton, visit_uuid, visit_uuid), T(fq_carton, shipping_marks, shipping_marks),
    I64(fq_carton, qty_per_carton, qty_per_carton), I64(fq_carton, carton_count, carton_count),
    I64(fq_carton, gross_g, gross_g), I64(fq_carton, net_g, net_g),
    I64(fq_carton, length_mm, length_mm), I64(fq_carton, width_mm, width_mm),
    I64(fq_carton, height_mm, height_mm), T(fq_carton, barcode, barcode),
    I32(fq_carton, origin_label, origin_label), I32(fq_carton, drop_test, drop_test),
    T(fq_carton, note, note),
};

static const fq_field issue_fields[] = {
    T(fq_issue, order_uuid, order_uuid), T(fq_issue, visit_uuid, visit_uuid),
    T(fq_issue, title, title), T(fq_issue, description, description),
    I32(fq_issue, severity, severity), I64(fq_issue, opened_utc, opened_utc),
    I64(fq_issue, closed_utc, closed_utc), T(fq_issue, resolution_note, resolution_note),
    T(fq_issue, owner, owner), I64(fq_issue, due_utc, due_utc),
};

static const fq_field signoff_fields[] = {
    T(fq_signoff, visit_uuid, visit_uuid), T(fq_signoff, milestone_uuid, milestone_uuid),
    T(fq_signoff, subject, subject), T(fq_signoff, signer_name, signer_name),
    I32(fq_signoff, role, role), I64(fq_signoff, signed_utc, signed_utc),
    I32(fq_signoff, verdict, verdict),
    T(fq_signoff, signature_photo_uuid, signature_photo_uuid), I32(fq_signoff, refused, refused),
    T(fq_signoff, reason, reason), I64(fq_signoff, superseded_utc, superseded_utc),
    T(fq_signoff, superseded_reason, superseded_reason),
};

static const fq_field approval_fields[] = {
    T(fq_approval, order_uuid, order_uuid), T(fq_approval, milestone_uuid, milestone_uuid),
    T(fq_approval, visit_uuid, visit_uuid), I32(fq_approval, kind, kind),
    T(fq_approval, subject, subject), T(fq_approval, approver_name, approver_name),
    I32(fq_approval, role, role), I64(fq_approval, decided_utc, decided_utc),
    T(fq_approval, signature_photo_uuid, signature_photo_uuid), T(fq_approval, note, note),
};

static const fq_field photo_fields[] = {
    T(fq_photo, visit_uuid, visit_uuid), I32(fq_photo, subject_kind, subject_kind),
    T(fq_photo, subject_uuid, subject_uuid), T(fq_photo, sha256, sha256),
    T(fq_photo, thumb_sha256, thumb_sha256), I32(fq_photo, width, width),
    I32(fq_photo, height, height), I64(fq_photo, bytes, bytes),
    I64(fq_photo, captured_utc, captured_utc), T(fq_photo, caption, caption),
    T(fq_photo, annotated_from, annotated_from),
};

static const fq_field meas_spec_fields[] = {
    T(fq_meas_spec, order_uuid, order_uuid), T(fq_meas_spec, size, size),
    T(fq_meas_spec, point, point), T(fq_meas_spec, description, description),
    T(fq_meas_spec, unit, unit), I64(fq_meas_spec, nominal_milli, nominal_milli),
    I64(fq_meas_spec, tol_minus_milli, tol_minus_milli),
    I64(fq_meas_spec, tol_plus_milli, tol_plus_milli), I32(fq_meas_spec, n_units, n_units),
    I32(fq_meas_spec, severity, severity), I32(fq_meas_spec, position, position),
};

static const fq_field meas_reading_fields[] = {
    T(fq_meas_reading, visit_uuid, visit_uuid), T(fq_meas_reading, spec_uuid, spec_uuid),
    I32(fq_meas_reading, unit_no, unit_no), I64(fq_meas_reading, value_milli, value_milli),
    I32(fq_meas_reading, source, source),
};

static const fq_field site_test_fields[] = {
    T(fq_site_test, visit_uuid, visit_uuid), I32(fq_site_test, kind, kind),
    T(fq_site_test, method, method), T(fq_site_test, expected, expected),
    I64(fq_site_test, n_tested, n_tested), I64(fq_site_test, n_failed, n_failed),
    I32(fq_site_test, result, result), T(fq_site_test, findings, findings),
    T(fq_site_test, note, note),
};

#define ENT(id, table, type, fields, groups, scoped)                                         \
    {id, #table, sizeof(type), fields, N(fields), groups, N(groups), scoped}

/* Who owns what (issue 11): the office plans (orders, milestones, templates, the visit's
 * plan); the device records (a visit's results and everything hanging off the visit);
 * issues are the order's and both may edit and close them. A visit's own records are
 * written by its assigned device (visit_scoped), not by any tablet.
 * Issue 12: an order's expected carton barcode and a checklist item's fail-evidence setting
 * are the office's (their records are); an issue's owner and due date are the issue's,
 * shared like the rest of it; a sign-off's refusal, reason and supersession are the
 * device's record; approvals and spec changes recorded on site are the device's records
 * (of the visit they were recorded on, any device's when none), evidence the office keeps
 * but never edits. */
static const fq_entity entities[FQ_ENT_COUNT] = {
    ENT(FQ_ENT_ORDER, orders, fq_order, order_fields, office_record, 0),
    ENT(FQ_ENT_MILESTONE, milestones, fq_milestone, milestone_fields, office_record, 0),
    ENT(FQ_ENT_VISIT, visits, fq_visit, visit_fields, visit_groups, 1),
    ENT(FQ_ENT_CHECKLIST_ITEM, checklist_items, fq_checklist_item, checklist_item_fields,
        office_record, 0),
    ENT(FQ_ENT_FINDING, findings, fq_finding, finding_fields, device_record, 1),
    ENT(FQ_ENT_DEFECT, defects, fq_defect, defect_fields, device_record, 1),
    ENT(FQ_ENT_PRODUCTION, production, fq_production, production_fields, device_record, 1),
    ENT(FQ_ENT_AQL_PLAN, aql_plans, fq_aql_plan, aql_plan_fields, device_record, 1),
    ENT(FQ_ENT_CARTON, cartons, fq_carton, carton_fields, device_record, 1),
    ENT(FQ_ENT_ISSUE, issues, fq_issue, issue_fields, shared_record, 0),
    ENT(FQ_ENT_SIGNOFF, signoffs, fq_signoff, signoff_fields, device_record, 1),
    ENT(FQ_ENT_PHOTO, photos, fq_photo, photo_fields, device_record, 1),
    ENT(FQ_ENT_APPROVAL, approvals, fq_approval, approval_fields, device_record, 1),
    /* measurements (issue 20): the specs are the order's (office), the readings and the
     * on-site tests the visit's (its device) */
    ENT(FQ_ENT_MEAS_SPEC, meas_specs, fq_meas_spec, meas_spec_fields, office_record, 0),
    ENT(FQ_ENT_MEAS_READING, meas_readings, fq_meas_reading, meas_reading_fields,
        device_record, 1),
    ENT(FQ_ENT_SITE_TEST, site_tests, fq_site_test, site_test_fields, device_record, 1),
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

int fq_entity_is_revision_column(const fq_entity *e, const char *column)
{
    for (size_t g = 0; g < e->n_groups; g++)
        if (!strcmp(e->groups[g].revision_column, column))
            return 1;
    return 0;
}

/* SHA-256 of the NUL-separated parts under a domain tag, shaped as a version 8 UUID. */
static void derived_id(const char *tag, const char *const *parts, size_t n_parts,
                       char out[FQ_UUID_LEN])
{
    fq_core_sha256 h;
    unsigned char d[32];
    fq_core_sha256_init(&h);
    fq_core_sha256_update(&h, tag, strlen(tag) + 1);
    for (size_t i = 0; i < n_parts; i++)
        fq_core_sha256_update(&h, parts[i] ? parts[i] : "", strlen(parts[i] ? parts[i] : "") + 1);
    fq_core_sha256_final(&h, d);
    d[6] = (unsigned char)((d[6] & 0x0f) | 0x80);
    d[8] = (unsigned char)((d[8] & 0x3f) | 0x80);
    static const char hex[] = "0123456789abcdef";
    size_t pos = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[pos++] = '-';
        out[pos++] = hex[d[i] >> 4];
        out[pos++] = hex[d[i] & 15];
    }
    out[pos] = '\0';
}

void fq_meas_spec_id(const char *order_uuid, const char *size, const char *point,
                     char out[FQ_UUID_LEN])
{
    const char *parts[3] = {order_uuid, size, point};
    derived_id("fieldqc measurement spec", parts, 3, out);
}

void fq_checklist_item_id(int32_t visit_type, const char *section, const char *text,
                          char out[FQ_UUID_LEN])
{
    fq_core_sha256 h;
    unsigned char d[32];
    char type[16];
    int n = snprintf(type, sizeof type, "%d", (int)visit_type);
    /* NUL-separated, so "a" + "bc" and "ab" + "c" differ */
    fq_core_sha256_init(&h);
    fq_core_sha256_update(&h, "fieldqc checklist item", 23);
    fq_core_sha256_update(&h, type, (size_t)n + 1);
    fq_core_sha256_update(&h, section ? section : "", strlen(section ? section : "") + 1);
    fq_core_sha256_update(&h, text ? text : "", strlen(text ? text : "") + 1);
    fq_core_sha256_final(&h, d);
    d[6] = (unsigned char)((d[6] & 0x0f) | 0x80); /* version 8: application-defined */
    d[8] = (unsigned char)((d[8] & 0x3f) | 0x80); /* RFC 9562 variant */
    static const char hex[] = "0123456789abcdef";
    size_t pos = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[pos++] = '-';
        out[pos++] = hex[d[i] >> 4];
        out[pos++] = hex[d[i] & 15];
    }
    out[pos] = '\0';
}
