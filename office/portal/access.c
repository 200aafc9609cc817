/* Who may see what. A coordinator sees everything; a buyer the orders whose buyer is their
 * company (exactly as written on the order) and everything of those orders; an inspector
 * the visits they made (the visit's inspector name is their account's name on visits) and
 * the orders of those visits, but not the other visits of such an order. What a user may not
 * see is answered as if it did not exist (404), never 403: a URL does not tell whether an
 * order, a visit, a photo or a report exists. */
#include "portal_internal.h"

#include <stdlib.h>
#include <string.h>

int fq_portal_may_see_order(fq_portal_ctx *c, const fq_order *o)
{
    switch (c->role) {
    case FQ_PORTAL_COORDINATOR:
        return 1;
    case FQ_PORTAL_BUYER:
        return c->user.company[0] && !strcmp(o->buyer, c->user.company);
    case FQ_PORTAL_INSPECTOR: {
        if (!c->user.company[0])
            return 0;
        void *vs = NULL;
        size_t n = 0;
        int seen = 0;
        if (fq_ostore_list(c->s, FQ_ENT_VISIT, "order_uuid", o->meta.uuid, NULL, &vs, &n))
            return 0;
        for (size_t i = 0; i < n && !seen; i++)
            seen = !strcmp(((fq_visit *)vs)[i].inspector_name, c->user.company);
        free(vs);
        return seen;
    }
    }
    return 0;
}

int fq_portal_may_see_visit(fq_portal_ctx *c, const fq_order *o, const fq_visit *v)
{
    if (strcmp(v->order_uuid, o->meta.uuid))
        return 0;
    if (c->role == FQ_PORTAL_INSPECTOR)
        return c->user.company[0] && !strcmp(v->inspector_name, c->user.company);
    return fq_portal_may_see_order(c, o);
}

int fq_portal_load_order(fq_portal_ctx *c, const char *uuid, fq_order *out)
{
    return fq_ostore_get(c->s, FQ_ENT_ORDER, uuid, out) == FQ_OK &&
           fq_portal_may_see_order(c, out);
}

int fq_portal_load_visit(fq_portal_ctx *c, const char *uuid, fq_visit *out_v, fq_order *out_o)
{
    return fq_ostore_get(c->s, FQ_ENT_VISIT, uuid, out_v) == FQ_OK &&
           fq_ostore_get(c->s, FQ_ENT_ORDER, out_v->order_uuid, out_o) == FQ_OK &&
           fq_portal_may_see_visit(c, out_o, out_v);
}

int fq_portal_may_see_photo(fq_portal_ctx *c, const char *sha256)
{
    void *ph = NULL;
    size_t n = 0;
    if (fq_ostore_list(c->s, FQ_ENT_PHOTO, "sha256", sha256, NULL, &ph, &n))
        return 0;
    int ok = 0;
    for (size_t i = 0; i < n && !ok; i++) {
        fq_visit v;
        fq_order o;
        ok = fq_portal_load_visit(c, ((fq_photo *)ph)[i].visit_uuid, &v, &o);
    }
    free(ph);
    return ok;
}
