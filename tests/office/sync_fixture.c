/* Test fixtures for sync (see sync_fixture.h). */
#include "sync_fixture.h"

#include "harness.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "bundle/bundle.h"
#include "fsio/fsio.h"
#include "services/sync.h"
#include "store/store_testing.h"
#include "core/aql.h"
#include "core/model_fields.h"
#include "core/sha256.h"

static const char *const real_photos[] = {"Dragonfly_by_Bolly.jpg", "Kleiber_by_Lukas_Baubkus.jpg",
                                          "life_by_Aitzol_Berasategi.jpg"};

void fx_small_jpeg(int seed, unsigned char **out, size_t *out_len)
{
    /* noise from the seed, so every seed is a different photo; a real JPEG, since the office
     * refuses photos that do not decode */
    enum { W = 48, H = 36 };
    unsigned char rgb[W * H * 3];
    uint32_t x = 2166136261u ^ (uint32_t)seed;
    for (size_t i = 0; i < sizeof rgb; i++) {
        x = x * 1103515245u + 12345u;
        rgb[i] = (unsigned char)(x >> 16);
    }
    tjhandle tj = tjInitCompress();
    assert_non_null(tj);
    unsigned char *jpeg = NULL;
    unsigned long len = 0;
    assert_int_equal(tjCompress2(tj, rgb, W, 0, H, TJPF_RGB, &jpeg, &len, TJSAMP_420, 90, 0), 0);
    *out = malloc(len);
    assert_non_null(*out);
    memcpy(*out, jpeg, len);
    *out_len = len;
    tjFree(jpeg);
    tjDestroy(tj);
}

void fx_device_add_photo(fx_device *d, int seed, const char *path)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (path) {
        assert_int_equal(fq_test_read_file(path, &data, &len), 0);
    } else {
        fx_small_jpeg(seed, &data, &len);
    }
    char sha[65], file[1300];
    fq_core_sha256_hex(data, len, sha);
    assert_int_equal(fq_fsio_photo_path(d->photo_dir, sha, file, sizeof file), FQ_OK);
    assert_int_equal(fq_fsio_write_atomic(file, data, len, NULL, NULL, 0), FQ_OK);
    fq_photo p;
    memset(&p, 0, sizeof p);
    strcpy(p.visit_uuid, d->visit_uuid);
    p.subject_kind = FQ_SUBJ_VISIT;
    strcpy(p.subject_uuid, d->visit_uuid);
    strcpy(p.sha256, sha);
    p.width = 640;
    p.height = 480;
    p.bytes = (int64_t)len;
    snprintf(p.caption, sizeof p.caption, "photo %d <b>of</b> the lot", seed);
    assert_int_equal(fq_store_put_photo(d->st, &p), FQ_OK);
    d->n_photos++;
    free(data);
}

void fx_device_add_finding(fx_device *d, const char *text)
{
    fq_finding f;
    memset(&f, 0, sizeof f);
    strcpy(f.visit_uuid, d->visit_uuid);
    snprintf(f.section, sizeof f.section, "Free");
    snprintf(f.text, sizeof f.text, "%s", text);
    f.result = FQ_RESULT_FAIL;
    f.severity = FQ_SEV_MINOR;
    assert_int_equal(fq_store_put_finding(d->st, &f), FQ_OK);
}

static void add_checklist(fq_store *st)
{
    static const char *const items[][2] = {{"Quantity", "Finished quantity matches the order"},
                                           {"Product", "Matches the approved sample"},
                                           {"Packing", "Shipping marks are correct"}};
    for (int i = 0; i < 3; i++) {
        fq_checklist_item c;
        memset(&c, 0, sizeof c);
        c.visit_type = FQ_VISIT_PRE_SHIPMENT;
        snprintf(c.checklist, sizeof c.checklist, "Pre-shipment");
        snprintf(c.section, sizeof c.section, "%s", items[i][0]);
        snprintf(c.text, sizeof c.text, "%s", items[i][1]);
        c.position = i;
        assert_int_equal(fq_store_put_checklist_item(st, &c), FQ_OK);
    }
}

static void add_visit_records(fx_device *d)
{
    fq_finding *fs = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(d->st, FQ_ENT_FINDING, "visit_uuid", d->visit_uuid, NULL,
                                   (void **)&fs, &n), FQ_OK);
    for (size_t i = 0; i < n; i++) {
        fs[i].result = i == 1 ? FQ_RESULT_FAIL : FQ_RESULT_PASS;
        if (i == 1) {
            fs[i].severity = FQ_SEV_MAJOR;
            snprintf(fs[i].note, sizeof fs[i].note,
                     "Glaze drips on 3 mugs <script>alert('x')</script> & \"quotes\"");
        }
        assert_int_equal(fq_store_put_finding(d->st, &fs[i]), FQ_OK);
    }
    free(fs);
    fq_defect df;
    memset(&df, 0, sizeof df);
    strcpy(df.visit_uuid, d->visit_uuid);
    snprintf(df.code, sizeof df.code, "WM-03");
    snprintf(df.description, sizeof df.description, "Glaze drip");
    df.severity = FQ_SEV_MAJOR;
    df.count = 3;
    assert_int_equal(fq_store_put_defect(d->st, &df), FQ_OK);
    /* the order is a Z1.4 one: 3 majors on a reduced plan of 2/5 (L at 1.0) accept the lot
     * and return to normal inspection (issue 19) */
    fq_aql_plan ap, *aps = NULL;
    size_t n_ap = 0;
    assert_int_equal(fq_store_list(d->st, FQ_ENT_AQL_PLAN, "visit_uuid", d->visit_uuid, NULL,
                                   (void **)&aps, &n_ap), FQ_OK);
    assert_int_equal(n_ap, 1); /* the visit came with its plan */
    ap = aps[0];
    free(aps);
    snprintf(ap.supplier, sizeof ap.supplier, "Ningbo Bright Housewares");
    snprintf(ap.product, sizeof ap.product, "Ceramic mug 350 ml");
    ap.standard = FQ_AQL_ANSI_Z14;
    ap.lot_size = 5000;
    ap.level = FQ_AQL_LEVEL_II;
    ap.mode = FQ_AQL_REDUCED;
    ap.aql_milli[0] = 4000;
    ap.aql_milli[1] = 1000;
    ap.aql_milli[2] = FQ_AQL_ZERO_TOLERANCE;
    ap.sampled = 80;
    ap.lot_result = FQ_AQL_LOT_ACCEPTED;
    assert_int_equal(fq_store_put(d->st, FQ_ENT_AQL_PLAN, &ap), FQ_OK);
    fq_carton c;
    memset(&c, 0, sizeof c);
    strcpy(c.visit_uuid, d->visit_uuid);
    snprintf(c.shipping_marks, sizeof c.shipping_marks, "PO-24117 / HAMBURG / MADE IN CHINA");
    c.qty_per_carton = 24;
    c.carton_count = 209;
    c.gross_g = 9800;
    c.net_g = 8400;
    c.length_mm = 420, c.width_mm = 300, c.height_mm = 280;
    snprintf(c.barcode, sizeof c.barcode, "4006381333931");
    c.origin_label = true;
    c.drop_test = FQ_DROP_PASS;
    assert_int_equal(fq_store_put_carton(d->st, &c), FQ_OK);
    fq_issue is;
    memset(&is, 0, sizeof is);
    strcpy(is.order_uuid, d->order_uuid);
    strcpy(is.visit_uuid, d->visit_uuid);
    snprintf(is.title, sizeof is.title, "Carton labels missing destination language");
    is.severity = FQ_SEV_MINOR;
    is.opened_utc = fq_store_now(d->st);
    assert_int_equal(fq_store_put_issue(d->st, &is), FQ_OK);
    fq_signoff so;
    memset(&so, 0, sizeof so);
    strcpy(so.visit_uuid, d->visit_uuid);
    snprintf(so.subject, sizeof so.subject, "Pre-shipment inspection result");
    snprintf(so.signer_name, sizeof so.signer_name, "Li Wei");
    so.role = FQ_ROLE_INSPECTOR;
    so.signed_utc = fq_store_now(d->st);
    so.verdict = FQ_VERDICT_FAIL;
    assert_int_equal(fq_store_put_signoff(d->st, &so), FQ_OK);
}

void fx_device_create(fx_device *d, const char *dir, const char *name, const char *device_id,
                      int n_photos, int real)
{
    memset(d, 0, sizeof *d);
    snprintf(d->db_path, sizeof d->db_path, "%s/%s.db", dir, name);
    snprintf(d->photo_dir, sizeof d->photo_dir, "%s.photos", d->db_path);
    snprintf(d->sync_dir, sizeof d->sync_dir, "%s/%s-sync", dir, name);
    remove(d->db_path);
    if (fq_store_open(d->db_path, &d->st))
        fail_msg("open %s: %s", d->db_path, fq_store_errmsg(d->st));
    assert_int_equal(fq_store_set_actor(d->st, device_id, "li.wei"), FQ_OK);
    add_checklist(d->st);
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "PO-%s", device_id);
    snprintf(o.buyer, sizeof o.buyer, "Northwind Home GmbH");
    snprintf(o.supplier, sizeof o.supplier, "Ningbo Bright Housewares");
    snprintf(o.factory, sizeof o.factory, "宁波明亮家居用品 Plant 2");
    snprintf(o.product, sizeof o.product, "Ceramic mug 350 ml");
    o.quantity = 5000;
    o.aql_standard = FQ_AQL_ANSI_Z14;
    assert_int_equal(fq_store_put_order(d->st, &o), FQ_OK);
    strcpy(d->order_uuid, o.meta.uuid);
    fq_visit v;
    memset(&v, 0, sizeof v);
    strcpy(v.order_uuid, o.meta.uuid);
    v.type = FQ_VISIT_PRE_SHIPMENT;
    snprintf(v.assigned_device, sizeof v.assigned_device, "%s", device_id);
    snprintf(v.inspector_name, sizeof v.inspector_name, "Li Wei");
    assert_int_equal(fq_store_create_visit(d->st, &v), FQ_OK);
    strcpy(d->visit_uuid, v.meta.uuid);
    add_visit_records(d);
    for (int i = 0; i < n_photos; i++) {
        const char *path = real ? fq_test_photo(real_photos[i % 3]) : NULL;
        fx_device_add_photo(d, i + 1000 * (int)strlen(device_id) + device_id[0], path);
    }
}

void fx_device_public_key(fx_device *d, char out[FQ_BUNDLE_KEY_HEX_LEN])
{
    fq_bundle_key key;
    char err[256];
    if (fq_app_sync_key_load(d->st, &key, err, sizeof err))
        fail_msg("device key: %s", err);
    memcpy(out, key.public_hex, FQ_BUNDLE_KEY_HEX_LEN);
    fq_bundle_key_wipe(&key);
}

void fx_enrol(fq_office *o, fx_device *d)
{
    char pub[FQ_BUNDLE_KEY_HEX_LEN];
    fx_device_public_key(d, pub);
    int changed = 0;
    if (fq_office_enrol(o, fq_store_device_id(d->st), pub, 0, &changed))
        fail_msg("enrol %s: %s", fq_store_device_id(d->st), fq_office_errmsg(o));
}

void fx_db_digest(fq_store *st, char out[65])
{
    fq_core_sha256 sha;
    fq_core_sha256_init(&sha);
    for (int i = 0; i < FQ_ENT_COUNT; i++) {
        const fq_entity *e = fq_entity_get((fq_entity_id)i);
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY uuid", e->table);
        sqlite3_stmt *stmt = NULL;
        assert_int_equal(sqlite3_prepare_v2(fq_store_db(st), sql, -1, &stmt, NULL), SQLITE_OK);
        while (sqlite3_step(stmt) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(stmt); c++) {
                const unsigned char *t = sqlite3_column_text(stmt, c);
                fq_core_sha256_update(&sha, t ? (const char *)t : "\x01", t ? strlen((const char *)t) + 1 : 1);
            }
        sqlite3_finalize(stmt);
    }
    fq_core_sha256_final_hex(&sha, out);
}

int64_t fx_count(fq_store *st, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(fq_store_db(st), sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
}
