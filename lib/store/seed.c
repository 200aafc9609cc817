/* Seeding a database from asset files: the default checklists and the demo data.
 * Goes through the repository calls, so seeded records are logged like any other. Checklist
 * items get their stable ids (fq_checklist_item_id), so the demo on a tablet and the
 * office's `jobs` give the same checkpoint the same id; outside the demo a tablet takes its
 * checklists from the office's job pack and never seeds its own. */
#include "store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/aql.h"
#include "core/meas.h"
#include "core/model_fields.h"
#include "core/names.h"

#define MAX_COLS 12
#define DAY 86400

typedef struct tsv_line {
    char buf[4096];
    char *col[MAX_COLS];
    int n;
} tsv_line;

/* Splits a line in place on tabs; strips the newline. */
static void split(tsv_line *l)
{
    l->buf[strcspn(l->buf, "\r\n")] = '\0';
    l->n = 0;
    char *p = l->buf;
    while (l->n < MAX_COLS) {
        l->col[l->n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
}

static const char *col(const tsv_line *l, int i)
{
    return i < l->n ? l->col[i] : "";
}

static fq_err seed_one_checklist(fq_store *st, const char *dir, int32_t type)
{
    int64_t have = 0;
    char key[16], path[1024];
    snprintf(key, sizeof key, "%d", (int)type);
    fq_err err = fq_store_count(st, FQ_ENT_CHECKLIST_ITEM, "visit_type", key, &have);
    if (err || have > 0)
        return err;
    snprintf(path, sizeof path, "%s/%s.tsv", dir, fq_visit_type_key(type));
    FILE *f = fopen(path, "r");
    if (!f)
        return fq_store_fail(st, FQ_ERR_NOTFOUND, "checklist %s: %s", path, strerror(errno));
    tsv_line l;
    int32_t pos = 0;
    int line_no = 0;
    int32_t fail_evidence = FQ_FAIL_EVIDENCE_REQUIRED;
    while (!err && fgets(l.buf, sizeof l.buf, f)) {
        line_no++;
        /* "#! fail_evidence optional" (or "required"): the checklist's setting for the lines
         * after it; a Fail needs a note or a photo unless the checklist says otherwise */
        if (!strncmp(l.buf, FQ_STORE_FAIL_EVIDENCE_DIRECTIVE,
                     strlen(FQ_STORE_FAIL_EVIDENCE_DIRECTIVE)))
            fail_evidence = strstr(l.buf, "optional") ? FQ_FAIL_EVIDENCE_OPTIONAL
                                                      : FQ_FAIL_EVIDENCE_REQUIRED;
        if (l.buf[0] == '#' || l.buf[0] == '\n')
            continue;
        split(&l);
        if (l.n < 2 || !*col(&l, 1)) {
            err = fq_store_fail(st, FQ_ERR_CORRUPT, "%s:%d: expected section<TAB>checkpoint",
                                path, line_no);
            break;
        }
        fq_checklist_item it;
        memset(&it, 0, sizeof it);
        it.visit_type = type;
        snprintf(it.checklist, sizeof it.checklist, "%s", fq_visit_type_name(type));
        snprintf(it.section, sizeof it.section, "%s", col(&l, 0));
        snprintf(it.text, sizeof it.text, "%s", col(&l, 1));
        it.position = pos++;
        it.fail_evidence = fail_evidence;
        /* the stable id (fq_checklist_item_id): the office and every tablet that load this
         * checkpoint share it; a line repeated in the file is the same checkpoint */
        fq_checklist_item held;
        char id[FQ_UUID_LEN];
        fq_checklist_item_id(type, it.section, it.text, id);
        if (fq_store_get(st, FQ_ENT_CHECKLIST_ITEM, id, &held) == FQ_OK)
            continue;
        err = fq_store_put(st, FQ_ENT_CHECKLIST_ITEM, &it);
    }
    fclose(f);
    return err;
}

fq_err fq_store_seed_checklists(fq_store *st, const char *dir)
{
    fq_store_clear_error(st);
    fq_err err = fq_store_begin(st);
    for (int32_t t = 0; !err && t < FQ_VISIT_TYPE_COUNT; t++)
        err = seed_one_checklist(st, dir, t);
    if (err) {
        fq_store_rollback(st);
        return err;
    }
    return fq_store_commit(st);
}

/* ---- demo data ---- */

typedef struct demo_ctx {
    fq_store *st;
    int64_t today;
    const char *path;
    int line_no;
    int32_t n_meas; /* measurement specs so far: their sheet position */
} demo_ctx;

static fq_err bad(demo_ctx *d, const char *what)
{
    return fq_store_fail(d->st, FQ_ERR_CORRUPT, "%s:%d: %s", d->path, d->line_no, what);
}

static fq_err find_order(demo_ctx *d, const char *po, fq_order *out)
{
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_store_list(d->st, FQ_ENT_ORDER, "po_number", po, NULL, &arr, &n);
    if (!err && n == 0)
        err = bad(d, "unknown order (orders come before their milestones and visits)");
    if (!err)
        *out = *(fq_order *)arr;
    free(arr);
    return err;
}

static int64_t days(demo_ctx *d, const char *s)
{
    return d->today + strtoll(s, NULL, 10) * DAY;
}

static fq_err demo_order(demo_ctx *d, const tsv_line *l)
{
    if (l->n < 9)
        return bad(d, "order needs 8 fields");
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "%s", col(l, 1));
    snprintf(o.buyer, sizeof o.buyer, "%s", col(l, 2));
    snprintf(o.supplier, sizeof o.supplier, "%s", col(l, 3));
    snprintf(o.factory, sizeof o.factory, "%s", col(l, 4));
    snprintf(o.product, sizeof o.product, "%s", col(l, 5));
    o.quantity = strtoll(col(l, 6), NULL, 10);
    o.ship_date_utc = days(d, col(l, 7));
    o.kind = !strcmp(col(l, 8), "packaging") ? FQ_ORDER_PACKAGING : FQ_ORDER_PRODUCT;
    fq_aql_standard std = FQ_AQL_ISO_2859_1;
    if (l->n > 9 && *col(l, 9) && fq_aql_parse_standard(col(l, 9), &std) != FQ_OK)
        return bad(d, "unknown AQL standard (iso or z14)");
    o.aql_standard = (int32_t)std;
    snprintf(o.carton_barcode, sizeof o.carton_barcode, "%s", col(l, 10));
    return fq_store_put(d->st, FQ_ENT_ORDER, &o);
}

static fq_err demo_milestone(demo_ctx *d, const tsv_line *l)
{
    fq_order o;
    fq_milestone m;
    memset(&m, 0, sizeof m);
    if (l->n < 6)
        return bad(d, "milestone needs at least 5 fields");
    fq_err err = find_order(d, col(l, 1), &o);
    if (err)
        return err;
    if (fq_milestone_kind_parse(col(l, 2), &m.kind) ||
        fq_milestone_status_parse(col(l, 5), &m.status))
        return bad(d, "unknown milestone kind or status");
    snprintf(m.order_uuid, sizeof m.order_uuid, "%s", o.meta.uuid);
    m.position = m.kind;
    m.due_utc = days(d, col(l, 3));
    m.grace_days = (int32_t)strtol(col(l, 4), NULL, 10);
    snprintf(m.owner, sizeof m.owner, "%s", col(l, 6));
    snprintf(m.evidence, sizeof m.evidence, "%s", col(l, 7));
    snprintf(m.approved_by, sizeof m.approved_by, "%s", col(l, 8));
    snprintf(m.approved_role, sizeof m.approved_role, "%s", col(l, 9));
    if (m.status == FQ_MSS_DONE) {
        m.completed_utc = m.due_utc - DAY;
        m.approved_utc = m.completed_utc;
    }
    return fq_store_put(d->st, FQ_ENT_MILESTONE, &m);
}

/* "1" yes, "0" no, anything else (an empty column) unanswered */
static int32_t answer(const char *text)
{
    return !strcmp(text, "1") ? FQ_ANSWER_YES : !strcmp(text, "0") ? FQ_ANSWER_NO : FQ_ANSWER_UNSET;
}

static fq_err demo_count(demo_ctx *d, const fq_visit *v, const tsv_line *l)
{
    void *arr = NULL;
    size_t n = 0;
    fq_err err = fq_store_list(d->st, FQ_ENT_PRODUCTION, "visit_uuid", v->meta.uuid, NULL, &arr,
                               &n);
    if (!err && n == 1) {
        fq_production *p = arr;
        p->completed = strtoll(col(l, 5), NULL, 10);
        p->packed = strtoll(col(l, 6), NULL, 10);
        p->cartons = strtoll(col(l, 7), NULL, 10);
        p->materials_on_site = answer(col(l, 8));
        p->packaging_on_site = answer(col(l, 9));
        err = fq_store_put(d->st, FQ_ENT_PRODUCTION, p);
    }
    free(arr);
    return err;
}

static fq_err demo_visit(demo_ctx *d, const tsv_line *l)
{
    fq_order o;
    fq_visit v;
    memset(&v, 0, sizeof v);
    if (l->n < 4)
        return bad(d, "visit needs at least 3 fields");
    fq_err err = find_order(d, col(l, 1), &o);
    if (err)
        return err;
    if (fq_visit_type_parse(col(l, 2), &v.type))
        return bad(d, "unknown visit type");
    snprintf(v.order_uuid, sizeof v.order_uuid, "%s", o.meta.uuid);
    snprintf(v.assigned_device, sizeof v.assigned_device, "%s", d->st->device_id);
    snprintf(v.inspector_name, sizeof v.inspector_name, "%s", d->st->inspector);
    v.planned_utc = days(d, col(l, 3)) + 9 * 3600; /* visits start at 09:00 */
    err = fq_store_create_visit(d->st, &v);
    if (err || l->n < 5)
        return err;
    if (l->n >= 10)
        err = demo_count(d, &v, l);
    int32_t verdict;
    if (!err && fq_verdict_parse(col(l, 4), &verdict))
        return bad(d, "unknown verdict");
    if (!err) {
        err = fq_store_get(d->st, FQ_ENT_VISIT, v.meta.uuid, &v);
        v.started_utc = v.planned_utc;
        if (!err)
            err = fq_store_put(d->st, FQ_ENT_VISIT, &v);
    }
    if (!err)
        err = fq_store_finish_visit(d->st, v.meta.uuid, verdict);
    return err;
}

static fq_err demo_issue(demo_ctx *d, const tsv_line *l)
{
    fq_order o;
    fq_issue is;
    memset(&is, 0, sizeof is);
    if (l->n < 6)
        return bad(d, "issue needs 5 fields");
    fq_err err = find_order(d, col(l, 1), &o);
    if (err)
        return err;
    if (fq_severity_parse(col(l, 3), &is.severity))
        return bad(d, "unknown severity");
    snprintf(is.order_uuid, sizeof is.order_uuid, "%s", o.meta.uuid);
    is.opened_utc = d->today - strtoll(col(l, 2), NULL, 10) * DAY;
    snprintf(is.title, sizeof is.title, "%s", col(l, 4));
    snprintf(is.description, sizeof is.description, "%s", col(l, 5));
    snprintf(is.owner, sizeof is.owner, "%s", col(l, 6));
    if (*col(l, 7))
        is.due_utc = days(d, col(l, 7));
    return fq_store_put(d->st, FQ_ENT_ISSUE, &is);
}

/* meas PO size point description unit nominal tol_minus tol_plus units severity */
static fq_err demo_meas(demo_ctx *d, const tsv_line *l)
{
    fq_order o;
    fq_meas_spec m;
    memset(&m, 0, sizeof m);
    if (l->n < 11)
        return bad(d, "meas needs 10 fields");
    fq_err err = find_order(d, col(l, 1), &o);
    if (err)
        return err;
    snprintf(m.order_uuid, sizeof m.order_uuid, "%s", o.meta.uuid);
    snprintf(m.size, sizeof m.size, "%s", col(l, 2));
    snprintf(m.point, sizeof m.point, "%s", col(l, 3));
    snprintf(m.description, sizeof m.description, "%s", col(l, 4));
    snprintf(m.unit, sizeof m.unit, "%s", col(l, 5));
    m.n_units = (int32_t)strtol(col(l, 9), NULL, 10);
    m.position = ++d->n_meas;
    if (fq_meas_parse(col(l, 6), m.unit, &m.nominal_milli, NULL, 0) ||
        fq_meas_parse(col(l, 7), m.unit, &m.tol_minus_milli, NULL, 0) ||
        fq_meas_parse(col(l, 8), m.unit, &m.tol_plus_milli, NULL, 0) ||
        fq_severity_parse(col(l, 10), &m.severity) || fq_meas_spec_check(&m, NULL, 0))
        return bad(d, "bad measurement spec");
    fq_meas_spec_id(o.meta.uuid, m.size, m.point, m.meta.uuid);
    return fq_store_put(d->st, FQ_ENT_MEAS_SPEC, &m);
}

static fq_err demo_line(demo_ctx *d, tsv_line *l)
{
    split(l);
    const char *kind = col(l, 0);
    if (!strcmp(kind, "order"))
        return demo_order(d, l);
    if (!strcmp(kind, "milestone"))
        return demo_milestone(d, l);
    if (!strcmp(kind, "visit"))
        return demo_visit(d, l);
    if (!strcmp(kind, "issue"))
        return demo_issue(d, l);
    if (!strcmp(kind, "meas"))
        return demo_meas(d, l);
    return bad(d, "unknown record kind (order, milestone, visit, issue, meas)");
}

fq_err fq_store_seed_demo(fq_store *st, const char *demo_tsv, const char *checklist_dir,
                          int64_t today_utc)
{
    fq_store_clear_error(st);
    int64_t n_orders = 0;
    fq_err err = fq_store_count(st, FQ_ENT_ORDER, NULL, NULL, &n_orders);
    if (err)
        return err;
    if (n_orders > 0)
        return fq_store_fail(st, FQ_ERR_CONFLICT, "database already holds orders; demo data "
                                                  "goes into a new database");
    FILE *f = fopen(demo_tsv, "r");
    if (!f)
        return fq_store_fail(st, FQ_ERR_NOTFOUND, "demo data %s: %s", demo_tsv, strerror(errno));
    demo_ctx d = {st, today_utc - today_utc % DAY, demo_tsv, 0, 0};
    tsv_line *l = malloc(sizeof *l);
    err = l ? fq_store_begin(st) : fq_store_fail(st, FQ_ERR_NOMEM, "out of memory");
    if (!err)
        err = fq_store_seed_checklists(st, checklist_dir);
    while (!err && fgets(l->buf, sizeof l->buf, f)) {
        d.line_no++;
        if (l->buf[0] == '#' || l->buf[0] == '\n' || l->buf[0] == '\r')
            continue;
        err = demo_line(&d, l);
    }
    fclose(f);
    free(l);
    if (err) {
        if (st->tx_depth > 0)
            fq_store_rollback(st);
        return err;
    }
    return fq_store_commit(st);
}
