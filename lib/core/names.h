/* Display names of the model's enums, and parsing them back (CSV job packs, CLI). English,
 * lowercase-insensitive parsing; names are stable because job packs and reports use them. */
#ifndef FQ_CORE_NAMES_H
#define FQ_CORE_NAMES_H

#include "core/err.h"
#include "core/model.h"

const char *fq_milestone_kind_name(int32_t kind);   /* "Sample approval" */
const char *fq_milestone_kind_key(int32_t kind);    /* "sample_approval" */
const char *fq_milestone_status_name(int32_t status);
const char *fq_visit_type_name(int32_t type);       /* "Pre-shipment inspection" */
const char *fq_visit_type_key(int32_t type);        /* "pre_shipment" */
const char *fq_verdict_name(int32_t verdict);       /* "pass" */
const char *fq_result_name(int32_t result);         /* "pass" / "fail" / "n/a" / "-" */
const char *fq_severity_name(int32_t severity);     /* "critical" */
const char *fq_role_name(int32_t role);             /* "factory representative" */
const char *fq_approval_kind_name(int32_t kind); /* "approval" / "spec change" / "rejected" */
const char *fq_drop_test_name(int32_t drop);
const char *fq_site_test_name(int32_t kind);        /* "Carton drop test" */
const char *fq_site_test_key(int32_t kind);         /* "drop" */

/* Parse a key or display name (case-insensitive). FQ_ERR_INVALID when unknown. */
fq_err fq_visit_type_parse(const char *s, int32_t *out);
fq_err fq_milestone_kind_parse(const char *s, int32_t *out);
fq_err fq_milestone_status_parse(const char *s, int32_t *out);
fq_err fq_verdict_parse(const char *s, int32_t *out);
fq_err fq_severity_parse(const char *s, int32_t *out);
fq_err fq_site_test_parse(const char *s, int32_t *out);

#endif
