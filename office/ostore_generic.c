/* The office store's steps that need no SQL of their own: a new visit with its checklist
 * (one finding per distinct checkpoint of its visit type), an empty production count and
 * the default AQL plan, in one transaction. The same steps as lib/store's visit.c (the
 * sqlite backend uses that one), written once more against office/ostore.h for the
 * PostgreSQL backend. */
#include "office/ostore_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/aql.h"

/* An earlier item of the list is the same checkpoint (section and text). */
static int seen_before(const fq_checklist_item *items, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (!strcmp(items[k].section, items[i].section) && !strcmp(items[k].text, items[i].text))
            return 1;
    return 0;
}

static fq_err instantiate_checklist(fq_ostore *s, const fq_visit *v)
{
    char type_key[16];
    snprintf(type_key, sizeof type_key, "%d", (int)v->type);
    void *items = NULL;
    size_t n = 0;
    fq_err err = fq_ostore_list(s, FQ_ENT_CHECKLIST_ITEM, "visit_type", type_key, "position",
                                &items, &n);
    for (size_t i = 0; !err && i < n; i++) {
        const fq_checklist_item *it = (const fq_checklist_item *)items + i;
        if (seen_before(items, i))
            continue;
        fq_finding f;
        memset(&f, 0, sizeof f);
        snprintf(f.visit_uuid, sizeof f.visit_uuid, "%s", v->meta.uuid);
        snprintf(f.item_uuid, sizeof f.item_uuid, "%s", it->meta.uuid);
        snprintf(f.section, sizeof f.section, "%s", it->section);
        snprintf(f.text, sizeof f.text, "%s", it->text);
        err = fq_ostore_put(s, FQ_ENT_FINDING, &f);
    }
    free(items);
    return err;
}

static fq_err add_plan_and_count(fq_ostore *s, const fq_visit *v)
{
    fq_order order;
    fq_err err = fq_ostore_get(s, FQ_ENT_ORDER, v->order_uuid, &order);
    if (err)
        return err;
    fq_production p;
    memset(&p, 0, sizeof p);
    snprintf(p.visit_uuid, sizeof p.visit_uuid, "%s", v->meta.uuid);
    p.ordered = order.quantity;
    err = fq_ostore_put(s, FQ_ENT_PRODUCTION, &p);
    if (err)
        return err;
    fq_aql_plan a;
    memset(&a, 0, sizeof a);
    snprintf(a.visit_uuid, sizeof a.visit_uuid, "%s", v->meta.uuid);
    snprintf(a.supplier, sizeof a.supplier, "%s", order.supplier);
    snprintf(a.product, sizeof a.product, "%s", order.product);
    a.lot_size = order.quantity;
    /* the typical consumer-goods plan: level II, critical 0, major 2.5, minor 4.0 */
    a.level = 1;
    a.mode = 0;
    a.aql_milli[0] = 4000;
    a.aql_milli[1] = 2500;
    a.aql_milli[2] = FQ_AQL_ZERO_TOLERANCE;
    return fq_ostore_put(s, FQ_ENT_AQL_PLAN, &a);
}

fq_err fq_ostore_generic_create_visit(fq_ostore *s, fq_visit *visit)
{
    if (!visit->order_uuid[0] || visit->type < 0 || visit->type >= FQ_VISIT_TYPE_COUNT)
        return FQ_ERR_INVALID;
    fq_visit v = *visit;
    fq_err err = fq_ostore_begin(s);
    if (err)
        return err;
    err = fq_ostore_put(s, FQ_ENT_VISIT, &v);
    if (!err)
        err = instantiate_checklist(s, &v);
    if (!err)
        err = add_plan_and_count(s, &v);
    if (err) {
        fq_ostore_rollback(s);
        return err;
    }
    err = fq_ostore_commit(s);
    if (!err)
        *visit = v;
    return err;
}
