/* portal_fixture DIR FIELDQC_OFFICE: the office the browser test (portal_browser.py) serves.
 * Four tablets' visits reach DIR/office.db as bundles (tablet databases DIR/<name>.db with
 * their sync folders, real photos from the shared test data); the office then gives each
 * order its buyer, factory and milestone chain (one red: the sample gate and a late raw
 * material check; one yellow; two green), and makes the accounts coord, anna (Northwind
 * Home), hugo (Harbor Outdoor) and li (inspector Li Wei), each with the password
 * "<name>-portal-pw". Prints key=value lines: the orders, visits and a photo the test opens,
 * and tablet A's database and sync folder. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync_fixture.h"

#define DAY 86400

typedef struct order_spec {
    const char *device, *name, *buyer, *factory, *product, *inspector;
    int n_photos;
    int64_t ship_in_days;
} order_spec;

static const order_spec specs[] = {
    {"tab-sz1", "sz1", "Northwind Home GmbH", "宁波明亮家居用品 Plant 2",
     "Ceramic mug 350 ml, reactive glaze", "Li Wei", 3, 40},
    {"tab-xm22", "xm22", "Harbor Outdoor Inc.", "Xiamen Outdoor Works",
     "Folding camp chair, steel frame", "Chen Jun", 1, 55},
    {"tab-dg333", "dg333", "Brightline Lighting Ltd.", "深圳流明电子 Bao'an",
     "USB desk lamp, 5 W LED", "Li Wei", 0, 25},
    {"tab-nb4444", "nb4444", "Northwind Home GmbH", "Xiamen Huacai Packaging",
     "Gift box, rigid board", "Chen Jun", 0, 70},
};

typedef struct ms_spec {
    int32_t kind, status;
    int64_t due_in_days;
    int approved;
} ms_spec;

/* The chains: A red (gate, raw material 10 days late), B green, C yellow, D green. */
static const ms_spec chains[4][4] = {
    {{FQ_MS_SUPPLIER_SHORTLIST, FQ_MSS_DONE, -30, 0},
     {FQ_MS_SAMPLE_APPROVAL, FQ_MSS_IN_PROGRESS, 3, 0},
     {FQ_MS_RAW_MATERIAL_CHECK, FQ_MSS_PENDING, -10, 0},
     {FQ_MS_FIRST_ARTICLE, FQ_MSS_IN_PROGRESS, 20, 0}},
    {{FQ_MS_SAMPLE_APPROVAL, FQ_MSS_DONE, -12, 1},
     {FQ_MS_RAW_MATERIAL_CHECK, FQ_MSS_PENDING, 5, 0},
     {FQ_MS_INLINE_CHECK, FQ_MSS_PENDING, 25, 0},
     {FQ_MS_PRE_SHIPMENT, FQ_MSS_PENDING, 45, 0}},
    {{FQ_MS_SAMPLE_APPROVAL, FQ_MSS_DONE, -20, 1},
     {FQ_MS_RAW_MATERIAL_CHECK, FQ_MSS_IN_PROGRESS, -2, 0},
     {FQ_MS_FIRST_ARTICLE, FQ_MSS_PENDING, 9, 0},
     {FQ_MS_PRE_SHIPMENT, FQ_MSS_PENDING, 20, 0}},
    {{FQ_MS_PKG_SAMPLE_VERSION, FQ_MSS_DONE, -8, 1},
     {FQ_MS_PKG_DEPOSIT, FQ_MSS_DONE, -5, 0},
     {FQ_MS_PKG_MATERIAL_READINESS, FQ_MSS_PENDING, 14, 0},
     {FQ_MS_PKG_RELEASE_DECISION, FQ_MSS_PENDING, 60, 0}},
};

static void shape_order(fq_ostore *s, const fx_device *d, int k)
{
    const order_spec *sp = &specs[k];
    int64_t now = fq_ostore_now(s), today = now - now % DAY;
    fq_order o;
    assert_int_equal(fq_ostore_get(s, FQ_ENT_ORDER, d->order_uuid, &o), FQ_OK);
    snprintf(o.po_number, sizeof o.po_number, "PO-%d", 24200 + 17 * k);
    snprintf(o.buyer, sizeof o.buyer, "%s", sp->buyer);
    snprintf(o.factory, sizeof o.factory, "%s", sp->factory);
    snprintf(o.product, sizeof o.product, "%s", sp->product);
    o.ship_date_utc = today + sp->ship_in_days * DAY;
    if (k == 3)
        o.kind = FQ_ORDER_PACKAGING;
    assert_int_equal(fq_ostore_put(s, FQ_ENT_ORDER, &o), FQ_OK);
    fq_visit v;
    assert_int_equal(fq_ostore_get(s, FQ_ENT_VISIT, d->visit_uuid, &v), FQ_OK);
    snprintf(v.inspector_name, sizeof v.inspector_name, "%s", sp->inspector);
    v.planned_utc = today + DAY;
    if (k == 0) /* the inspector's note as typed, in Chinese (issue 16: shown as written) */
        snprintf(v.summary, sizeof v.summary, "纸箱破损 3 箱，釉面滴落已拍照。<b>&</b>");
    assert_int_equal(fq_ostore_put(s, FQ_ENT_VISIT, &v), FQ_OK);
    for (int i = 0; i < 4; i++) {
        const ms_spec *c = &chains[k][i];
        fq_milestone m;
        memset(&m, 0, sizeof m);
        strcpy(m.order_uuid, d->order_uuid);
        m.kind = c->kind;
        m.position = i + 1;
        m.status = c->status;
        m.due_utc = today + c->due_in_days * DAY;
        m.grace_days = 3;
        snprintf(m.owner, sizeof m.owner, "%s", i % 2 ? "Factory QC Wu" : "Mark Rivera");
        if (c->approved) {
            snprintf(m.approved_by, sizeof m.approved_by, "Anna Berg");
            snprintf(m.approved_role, sizeof m.approved_role, "buyer");
            m.approved_utc = m.due_utc;
            m.completed_utc = m.due_utc;
            snprintf(m.evidence, sizeof m.evidence, "Approved sample rev B, signed sheet");
        }
        assert_int_equal(fq_ostore_put(s, FQ_ENT_MILESTONE, &m), FQ_OK);
    }
}

static void add_user(const char *office_bin, const char *db, const char *dir, const char *name,
                     const char *role, const char *company, const char *display)
{
    assert_int_equal(fx_run("printf '%%s\\n' '%s-portal-pw' | '%s' user --db '%s' add %s --role %s"
                            " --company '%s' --display '%s' > /dev/null 2>> '%s/user.log'",
                            name, office_bin, db, name, role, company, display, dir),
                     0);
}

static void make(const char *dir, const char *office_bin)
{
    char db[1400];
    fx_device d[4];
    for (int k = 0; k < 4; k++) {
        fx_device_create(&d[k], dir, specs[k].name, specs[k].device, specs[k].n_photos, 1);
        fx_device_to_office(&d[k], dir, db, sizeof db);
    }
    fq_office *o = NULL;
    if (fx_office_open(db, &o))
        fail_msg("office: %s", fq_office_errmsg(o));
    for (int k = 0; k < 4; k++)
        shape_order(fq_office_store(o), &d[k], k);
    fq_office_close(o);
    add_user(office_bin, db, dir, "coord", "coordinator", "", "Mei Chen");
    add_user(office_bin, db, dir, "anna", "buyer", "Northwind Home GmbH", "Anna Berg");
    add_user(office_bin, db, dir, "hugo", "buyer", "Harbor Outdoor Inc.", "Hugo Dahl");
    add_user(office_bin, db, dir, "li", "inspector", "Li Wei", "Li Wei");
    void *ph = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(d[0].st, FQ_ENT_PHOTO, "visit_uuid", d[0].visit_uuid, NULL,
                                   &ph, &n), FQ_OK);
    assert_true(n >= 1);
    printf("db=%s\n", db);
    printf("order_a=%s\nvisit_a=%s\nphoto_a=%s\n", d[0].order_uuid, d[0].visit_uuid,
           ((fq_photo *)ph)[0].sha256);
    printf("order_b=%s\nvisit_b=%s\n", d[1].order_uuid, d[1].visit_uuid);
    printf("tablet_a_db=%s\ntablet_a_sync=%s\n", d[0].db_path, d[0].sync_dir);
    free(ph);
    for (int k = 0; k < 4; k++)
        fq_store_close(d[k].st);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: portal_fixture DIR FIELDQC_OFFICE\n");
        return 2;
    }
    make(argv[1], argv[2]);
    return 0;
}
