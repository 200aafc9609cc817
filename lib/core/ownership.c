/* The ownership verdicts of ownership.h: the decisions of lib/store/apply.c's office path
 * (issue 11), moved here so the sqlite and PostgreSQL backends decide alike (issue 13). */
#include "core/ownership.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int field_index(const fq_entity *e, const char *col, size_t len)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (strlen(e->fields[i].column) == len && !strncmp(e->fields[i].column, col, len))
            return (int)i;
    return -1;
}

uint64_t fq_own_group_fields(const fq_entity *e, size_t g)
{
    uint64_t mask = 0;
    for (size_t i = 0; i < e->n_fields; i++)
        if ((size_t)e->fields[i].group == g &&
            !fq_entity_is_revision_column(e, e->fields[i].column))
            mask |= UINT64_C(1) << i;
    return mask;
}

void fq_own_parse_changed(const fq_entity *e, fq_own_incoming *in, const char *list)
{
    const char *p = list;
    while (p && *p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        int i = field_index(e, p, len);
        if (i < 0 || fq_entity_is_revision_column(e, e->fields[i].column))
            in->bad_changed = 1;
        else
            in->changed |= UINT64_C(1) << i;
        p = comma ? comma + 1 : NULL;
    }
}

unsigned fq_own_touched_groups(const fq_entity *e, const fq_own_incoming *in, uint64_t *cols)
{
    unsigned touched = 0;
    for (size_t g = 0; g < e->n_groups; g++) {
        cols[g] = fq_own_group_fields(e, g);
        if (in->op == 'D') {
            if (g > 0)
                cols[g] = 0;
        } else if (!in->whole_row && in->op != 'I') {
            cols[g] &= in->changed;
        }
        if (cols[g] || (in->op == 'D' && g == 0))
            touched |= 1u << g;
    }
    return touched;
}

void fq_own_revision_problem(const fq_entity *e, const fq_own_incoming *in, unsigned touched,
                             char *why, size_t why_len)
{
    why[0] = '\0';
    if (!in->has_base) {
        snprintf(why, why_len, "the change does not say which revision it was made on (no"
                               " base: written by an older fieldqc?)");
        return;
    }
    if (in->bad_changed) {
        snprintf(why, why_len, "the change lists a column %s does not have", e->table);
        return;
    }
    for (size_t g = 0; g < e->n_groups; g++) {
        if (!(touched & (1u << g)))
            continue;
        const char *rc = e->groups[g].revision_column;
        if (!in->rev_ok[g] || in->rev[g] < 1 || in->rev[g] > FQ_OWN_REVISION_MAX ||
            in->base[g] < 0 || in->base[g] >= FQ_OWN_REVISION_MAX)
            snprintf(why, why_len, "%s %lld is out of range", rc, (long long)in->rev[g]);
        else if (in->rev[g] != in->base[g] + 1)
            snprintf(why, why_len, "%s %lld does not follow its base %lld", rc,
                     (long long)in->rev[g], (long long)in->base[g]);
        else if (in->op == 'I' && in->base[g] != 0)
            snprintf(why, why_len, "an insert made on %s %lld", rc, (long long)in->base[g]);
        if (why[0])
            return;
    }
}

fq_own_verdict fq_own_judge(const fq_entity *e, const fq_own_incoming *in, const fq_own_held *h,
                            size_t g, uint64_t cols, const char *device_of_visit,
                            const char *writer, int seen, int open, char *why, size_t why_len)
{
    const fq_group *grp = &e->groups[g];
    uint64_t whole = fq_own_group_fields(e, g);
    if (seen)
        return FQ_OWN_KEEP; /* a replay: this change is here already */
    int same = (h->equal & cols) == cols;
    int same_group = (h->equal & whole) == whole;
    if (grp->owner == FQ_OWNER_OFFICE) {
        if (in->op != 'D' && same)
            return FQ_OWN_KEEP;
        if (e->n_groups > 1)
            snprintf(why, why_len, "the %s of %s is owned by the office: a device may not "
                                   "change it", grp->name, e->table);
        else
            snprintf(why, why_len, "%s are owned by the office: a device may not change them",
                     e->table);
        return FQ_OWN_REFUSE;
    }
    if (grp->owner == FQ_OWNER_DEVICE && e->visit_scoped && device_of_visit[0] &&
        strcmp(device_of_visit, writer) != 0) {
        snprintf(why, why_len, "the visit is assigned to %s, not to %s", device_of_visit, writer);
        return FQ_OWN_REFUSE;
    }
    if (in->base[g] > h->rev[g]) {
        snprintf(why, why_len, "made on %s %lld but the office holds %lld", grp->revision_column,
                 (long long)in->base[g], (long long)h->rev[g]);
        return FQ_OWN_REFUSE;
    }
    if (in->base[g] == h->rev[g] && !open)
        return FQ_OWN_TAKE;
    if (!open && in->op != 'D' && same_group)
        return FQ_OWN_KEEP; /* another writer got the group to the same state first */
    if (open)
        snprintf(why, why_len, "%s already has an open conflict on this record", writer);
    else
        snprintf(why, why_len, "changed here since %s %lld (the office holds %lld)",
                 grp->revision_column, (long long)in->base[g], (long long)h->rev[g]);
    return FQ_OWN_CONFLICT;
}

void fq_own_new_record_problem(const fq_entity *e, const fq_own_incoming *in,
                               const char *device_of_visit, const char *writer, char *why,
                               size_t why_len)
{
    why[0] = '\0';
    if (in->op != 'I') {
        snprintf(why, why_len, "the office does not hold this record");
        return;
    }
    for (size_t g = 0; !why[0] && g < e->n_groups; g++)
        if (e->groups[g].owner == FQ_OWNER_DEVICE && e->visit_scoped && device_of_visit[0] &&
            strcmp(device_of_visit, writer))
            snprintf(why, why_len, "the visit is assigned to %s, not to %s", device_of_visit,
                     writer);
}

void fq_own_column_list(const fq_entity *e, uint64_t mask, char *out, size_t out_len)
{
    size_t pos = 0;
    out[0] = '\0';
    for (size_t i = 0; i < e->n_fields && pos < out_len; i++)
        if (mask & (UINT64_C(1) << i))
            pos += (size_t)snprintf(out + pos, out_len - pos, "%s%s", pos ? "," : "",
                                    e->fields[i].column);
}

int fq_entity_field_equal(const fq_field *f, const void *a, const void *b)
{
    const unsigned char *pa = (const unsigned char *)a + f->offset;
    const unsigned char *pb = (const unsigned char *)b + f->offset;
    if (f->type == FQ_FIELD_TEXT)
        return strncmp((const char *)pa, (const char *)pb, f->size) == 0;
    if (f->type == FQ_FIELD_BOOL) {
        bool va, vb;
        memcpy(&va, pa, sizeof va);
        memcpy(&vb, pb, sizeof vb);
        return va == vb;
    }
    return memcmp(pa, pb, f->size) == 0;
}

/* The I64 field holding group g's revision, or NULL for meta.revision. */
static const fq_field *revision_field(const fq_entity *e, size_t g)
{
    const char *col = e->groups[g].revision_column;
    if (!strcmp(col, "revision"))
        return NULL;
    for (size_t i = 0; i < e->n_fields; i++)
        if (!strcmp(e->fields[i].column, col))
            return &e->fields[i];
    return NULL;
}

int64_t fq_entity_group_revision(const fq_entity *e, size_t g, const void *rec)
{
    const fq_field *f = revision_field(e, g);
    int64_t v;
    if (!f)
        return ((const fq_meta *)rec)->revision;
    memcpy(&v, (const unsigned char *)rec + f->offset, sizeof v);
    return v;
}

void fq_entity_set_group_revision(const fq_entity *e, size_t g, void *rec, int64_t revision)
{
    const fq_field *f = revision_field(e, g);
    if (!f)
        ((fq_meta *)rec)->revision = revision;
    else
        memcpy((unsigned char *)rec + f->offset, &revision, sizeof revision);
}

unsigned fq_entity_changed_groups(const fq_entity *e, const void *old, const void *rec)
{
    unsigned mask = 0;
    for (size_t i = 0; i < e->n_fields; i++)
        if (!fq_entity_is_revision_column(e, e->fields[i].column) &&
            !fq_entity_field_equal(&e->fields[i], old, rec))
            mask |= 1u << e->fields[i].group;
    return mask;
}

int fq_entity_has_column(const fq_entity *e, const char *col)
{
    size_t n_meta;
    const fq_field *meta = fq_meta_fields(&n_meta);
    for (size_t i = 0; i < n_meta; i++)
        if (!strcmp(meta[i].column, col))
            return 1;
    for (size_t i = 0; i < e->n_fields; i++)
        if (!strcmp(e->fields[i].column, col))
            return 1;
    return 0;
}
