/* Enum names for display and for parsing job packs. Tables indexed by enum value. */
#include "core/names.h"
#include "core/tr.h"

#include <stddef.h>
#include <strings.h>

#define N(arr) (sizeof(arr) / sizeof((arr)[0]))

static const char *const ms_names[FQ_MS_KIND_COUNT] = {
    FQ_N_("Requirement intake"), FQ_N_("Supplier shortlist"), FQ_N_("RFQ and negotiation"), FQ_N_("Sample approval"),
    FQ_N_("Raw material check"), FQ_N_("First article inspection"), FQ_N_("Mid-production (in-line) check"),
    FQ_N_("Final pre-shipment inspection"), FQ_N_("Packing and labelling review"), FQ_N_("Shipment and documents"),
    FQ_N_("Sample version and approved changes"), FQ_N_("Deposit status"), FQ_N_("Production start"),
    FQ_N_("Packing-material readiness"), FQ_N_("Inspection or release decision"), FQ_N_("Carton data"),
    FQ_N_("Handover documents"),
};
static const char *const ms_keys[FQ_MS_KIND_COUNT] = {
    "requirement_intake", "supplier_shortlist", "rfq_negotiation", "sample_approval",
    "raw_material_check", "first_article", "inline_check", "pre_shipment", "packing_review",
    "shipment_documents", "pkg_sample_version", "pkg_deposit", "pkg_production_start",
    "pkg_material_readiness", "pkg_release_decision", "pkg_carton_data", "pkg_handover_docs",
};
static const char *const mss_names[FQ_MSS_COUNT] = {FQ_N_("pending"), FQ_N_("in progress"), FQ_N_("done"), FQ_N_("waived"),
                                                    FQ_N_("blocked")};
static const char *const vt_names[FQ_VISIT_TYPE_COUNT] = {
    FQ_N_("First article inspection"), FQ_N_("In-line inspection"), FQ_N_("Pre-shipment inspection"),
    FQ_N_("Packing review"), FQ_N_("Follow-up visit")};
static const char *const vt_keys[FQ_VISIT_TYPE_COUNT] = {"first_article", "inline",
                                                         "pre_shipment", "packing_review",
                                                         "follow_up"};
static const char *const verdict_names[FQ_VERDICT_COUNT] = {FQ_N_("pending"), FQ_N_("pass"), FQ_N_("fail"), FQ_N_("waived")};
static const char *const result_names[] = {"-", FQ_N_("pass"), FQ_N_("fail"), FQ_N_("n/a")};
static const char *const sev_names[FQ_SEV_COUNT] = {FQ_N_("none"), FQ_N_("minor"), FQ_N_("major"), FQ_N_("critical")};
static const char *const role_names[FQ_ROLE_COUNT] = {FQ_N_("inspector"), FQ_N_("factory representative"),
                                                      FQ_N_("buyer"), FQ_N_("coordinator")};
/* the office's words for an approval record (reports, the portal): not drawn on a device */
static const char *const approval_names[] = {"approval", "spec change", "rejected"};
static const char *const drop_names[] = {FQ_N_("not done"), FQ_N_("pass"), FQ_N_("fail")};
static const char *const site_names[FQ_SITE_KIND_COUNT] = {
    FQ_N_("Carton drop test"), FQ_N_("Carton weight and dimensions"), FQ_N_("Barcode scan test"), FQ_N_("Function test"),
    FQ_N_("Colour and appearance")};
static const char *const site_keys[FQ_SITE_KIND_COUNT] = {"drop", "carton_spec", "barcode_scan",
                                                          "function", "appearance"};

static const char *pick(const char *const *names, size_t n, int32_t v)
{
    if (v < 0 || (size_t)v >= n)
        return "?";
    return names[v];
}

const char *fq_milestone_kind_name(int32_t kind) { return pick(ms_names, N(ms_names), kind); }
const char *fq_milestone_kind_key(int32_t kind) { return pick(ms_keys, N(ms_keys), kind); }
const char *fq_milestone_status_name(int32_t s) { return pick(mss_names, N(mss_names), s); }
const char *fq_visit_type_name(int32_t t) { return pick(vt_names, N(vt_names), t); }
const char *fq_visit_type_key(int32_t t) { return pick(vt_keys, N(vt_keys), t); }
const char *fq_verdict_name(int32_t v) { return pick(verdict_names, N(verdict_names), v); }
const char *fq_result_name(int32_t r) { return pick(result_names, N(result_names), r); }
const char *fq_severity_name(int32_t s) { return pick(sev_names, N(sev_names), s); }
const char *fq_role_name(int32_t r) { return pick(role_names, N(role_names), r); }
const char *fq_approval_kind_name(int32_t k)
{
    return pick(approval_names, N(approval_names), k);
}
const char *fq_drop_test_name(int32_t d) { return pick(drop_names, N(drop_names), d); }
const char *fq_site_test_name(int32_t k) { return pick(site_names, N(site_names), k); }
const char *fq_site_test_key(int32_t k) { return pick(site_keys, N(site_keys), k); }

static fq_err parse2(const char *s, const char *const *a, const char *const *b, size_t n,
                     int32_t *out)
{
    if (!s)
        return FQ_ERR_INVALID;
    for (size_t i = 0; i < n; i++)
        if ((a && !strcasecmp(s, a[i])) || (b && !strcasecmp(s, b[i]))) {
            *out = (int32_t)i;
            return FQ_OK;
        }
    return FQ_ERR_INVALID;
}

fq_err fq_visit_type_parse(const char *s, int32_t *out)
{
    return parse2(s, vt_keys, vt_names, N(vt_keys), out);
}
fq_err fq_milestone_kind_parse(const char *s, int32_t *out)
{
    return parse2(s, ms_keys, ms_names, N(ms_keys), out);
}
fq_err fq_milestone_status_parse(const char *s, int32_t *out)
{
    static const char *const keys[FQ_MSS_COUNT] = {"pending", "in_progress", "done", "waived",
                                                   "blocked"};
    return parse2(s, keys, mss_names, N(keys), out);
}
fq_err fq_verdict_parse(const char *s, int32_t *out)
{
    return parse2(s, verdict_names, NULL, N(verdict_names), out);
}
fq_err fq_severity_parse(const char *s, int32_t *out)
{
    return parse2(s, sev_names, NULL, N(sev_names), out);
}

fq_err fq_site_test_parse(const char *s, int32_t *out)
{
    return parse2(s, site_keys, site_names, N(site_keys), out);
}
