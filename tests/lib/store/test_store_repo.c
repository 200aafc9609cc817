/* Every repository call of the store, on a temp database: put/get/update/conflict/delete,
 * list/count, the visit life cycle, queries, settings, the change log and applying it to a
 * second database idempotently, and the column maps against the real schema. */
#include "harness.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_testing.h"

#define DAY 86400

static int64_t fake_now = 1795219200; /* 2026-11-21 */
static int64_t clock_fn(void *ctx)
{
    (void)ctx;
    return fake_now;
}

static fq_store *open_store(const char *name)
{
    char path[1024];
    fq_store *st = NULL;
    fq_test_path(path, sizeof path, name);
    remove(path);
    fq_err err = fq_store_open(path, &st);
    if (err)
        fail_msg("open %s: %s", path, fq_store_errmsg(st));
    fq_store_set_clock(st, clock_fn, NULL);
    assert_int_equal(fq_store_set_actor(st, "dev-test-1", "Li Wei"), FQ_OK);
    return st;
}

static fq_order make_order(fq_store *st, const char *po)
{
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "%s", po);
    strcpy(o.buyer, "Northwind Home");
    strcpy(o.supplier, "Ningbo Bright Housewares");
    strcpy(o.factory, "宁波明亮家居 Factory 2");
    strcpy(o.product, "Ceramic mug 350 ml");
    o.quantity = 5000;
    o.ship_date_utc = fake_now + 30 * DAY;
    if (fq_store_put_order(st, &o))
        fail_msg("put order: %s", fq_store_errmsg(st));
    return o;
}

static void add_checklist(fq_store *st)
{
    const char *texts[] = {"Carton marks match the spec", "Glaze free of pinholes",
                           "Handle strength pull test"};
    for (int i = 0; i < 3; i++) {
        fq_checklist_item it;
        memset(&it, 0, sizeof it);
        it.visit_type = FQ_VISIT_PRE_SHIPMENT;
        strcpy(it.checklist, "Pre-shipment");
        strcpy(it.section, i ? "Workmanship" : "Packing");
        it.position = i;
        strcpy(it.text, texts[i]);
        assert_int_equal(fq_store_put_checklist_item(st, &it), FQ_OK);
    }
}

static void test_put_get_update_conflict(void **state)
{
    (void)state;
    fq_store *st = open_store("repo1.db");
    fq_order o = make_order(st, "PO-1001");
    assert_true(strlen(o.meta.uuid) == 36);
    assert_int_equal(o.meta.revision, 1);
    assert_string_equal(o.meta.device_id, "dev-test-1");
    assert_string_equal(o.meta.inspector, "Li Wei");
    assert_int_equal(o.meta.created_utc, fake_now);

    fq_order back;
    assert_int_equal(fq_store_get_order(st, o.meta.uuid, &back), FQ_OK);
    assert_memory_equal(&o.meta, &back.meta, sizeof o.meta);
    assert_string_equal(back.factory, "宁波明亮家居 Factory 2");
    assert_int_equal(back.quantity, 5000);

    fq_order stale = back;
    fake_now += 60;
    back.quantity = 5200;
    assert_int_equal(fq_store_put_order(st, &back), FQ_OK);
    assert_int_equal(back.meta.revision, 2);
    assert_int_equal(back.meta.updated_utc, fake_now);
    assert_int_equal(back.meta.created_utc, o.meta.created_utc);

    stale.quantity = 1;
    assert_int_equal(fq_store_put_order(st, &stale), FQ_ERR_CONFLICT);
    assert_non_null(strstr(fq_store_errmsg(st), "changed elsewhere"));
    assert_int_equal(stale.meta.revision, 1); /* untouched on failure */
    assert_int_equal(fq_store_get_order(st, o.meta.uuid, &back), FQ_OK);
    assert_int_equal(back.quantity, 5200);

    assert_int_equal(fq_store_get_order(st, "00000000-0000-4000-8000-000000000000", &back),
                     FQ_ERR_NOTFOUND);
    fq_store_close(st);
}

static void test_every_entity_round_trips(void **state)
{
    (void)state;
    fq_store *st = open_store("repo2.db");
    fq_order o = make_order(st, "PO-2");
    fq_visit v;
    memset(&v, 0, sizeof v);
    strcpy(v.order_uuid, o.meta.uuid);
    v.type = FQ_VISIT_INLINE;
    assert_int_equal(fq_store_create_visit(st, &v), FQ_OK);
    /* one record of each type, written then read back byte for byte */
    for (int id = 0; id < FQ_ENT_COUNT; id++) {
        const fq_entity *e = fq_entity_get((fq_entity_id)id);
        unsigned char *rec = calloc(1, e->record_size), *back = calloc(1, e->record_size);
        for (size_t i = 0; i < e->n_fields; i++) {
            const fq_field *f = &e->fields[i];
            unsigned char *p = rec + f->offset;
            if (!strcmp(f->column, "visit_uuid"))
                snprintf((char *)p, f->size, "%s", v.meta.uuid);
            else if (!strcmp(f->column, "order_uuid"))
                snprintf((char *)p, f->size, "%s", o.meta.uuid);
            else if (f->type == FQ_FIELD_TEXT)
                snprintf((char *)p, f->size, "%s-é-%zu", f->column, i);
            else if (f->type == FQ_FIELD_I64) {
                int64_t x = 1000000000000LL + (int64_t)i;
                memcpy(p, &x, sizeof x);
            } else if (f->type == FQ_FIELD_I32) {
                /* the sampling standards are 0 or 1 (CHECK) */
                int32_t x = strstr(f->column, "standard") ? 1 : (int32_t)i + 1;
                memcpy(p, &x, sizeof x);
            } else {
                bool x = true;
                memcpy(p, &x, sizeof x);
            }
        }
        if (id == FQ_ENT_VISIT) {
            fq_visit *vv = (fq_visit *)rec;
            vv->finished = false; /* a finished visit would freeze its children */
        }
        if (id == FQ_ENT_DEFECT)
            ((fq_defect *)rec)->count = 3;
        if (id == FQ_ENT_MEAS_SPEC) { /* CHECKs: 1..32 units, a severity minor..critical */
            ((fq_meas_spec *)rec)->n_units = 5;
            ((fq_meas_spec *)rec)->severity = FQ_SEV_MAJOR;
        }
        if (id == FQ_ENT_MEAS_READING)
            ((fq_meas_reading *)rec)->unit_no = 4;
        fq_err err = fq_store_put(st, (fq_entity_id)id, rec);
        if (err)
            fail_msg("put %s: %s", e->table, fq_store_errmsg(st));
        const fq_meta *m = (const fq_meta *)rec;
        assert_int_equal(fq_store_get(st, (fq_entity_id)id, m->uuid, back), FQ_OK);
        for (size_t i = 0; i < e->n_fields; i++) {
            const fq_field *f = &e->fields[i];
            if (f->type == FQ_FIELD_TEXT)
                assert_string_equal((char *)rec + f->offset, (char *)back + f->offset);
            else
                assert_memory_equal(rec + f->offset, back + f->offset, f->size);
        }
        int64_t n = 0;
        assert_int_equal(fq_store_count(st, (fq_entity_id)id, "uuid", m->uuid, &n), FQ_OK);
        assert_int_equal(n, 1);
        free(rec);
        free(back);
    }
    fq_store_close(st);
}

static void test_list_count_delete(void **state)
{
    (void)state;
    fq_store *st = open_store("repo3.db");
    fq_order o = make_order(st, "PO-3");
    fq_visit v;
    memset(&v, 0, sizeof v);
    strcpy(v.order_uuid, o.meta.uuid);
    v.type = FQ_VISIT_PRE_SHIPMENT;
    assert_int_equal(fq_store_create_visit(st, &v), FQ_OK);
    for (int i = 0; i < 5; i++) {
        fq_carton c;
        memset(&c, 0, sizeof c);
        strcpy(c.visit_uuid, v.meta.uuid);
        c.carton_count = 10 - i;
        fake_now++;
        assert_int_equal(fq_store_put_carton(st, &c), FQ_OK);
    }
    void *arr = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(st, FQ_ENT_CARTON, "visit_uuid", v.meta.uuid,
                                   "carton_count", &arr, &n), FQ_OK);
    assert_int_equal(n, 5);
    fq_carton *cs = arr;
    assert_int_equal(cs[0].carton_count, 6);
    assert_int_equal(cs[4].carton_count, 10);
    assert_int_equal(fq_store_delete(st, FQ_ENT_CARTON, cs[0].meta.uuid), FQ_OK);
    assert_int_equal(fq_store_delete(st, FQ_ENT_CARTON, cs[0].meta.uuid), FQ_ERR_NOTFOUND);
    int64_t count = 0;
    assert_int_equal(fq_store_count(st, FQ_ENT_CARTON, "visit_uuid", v.meta.uuid, &count), FQ_OK);
    assert_int_equal(count, 4);
    free(arr);
    /* columns are checked against the map: no SQL can ride in a column name */
    assert_int_equal(fq_store_list(st, FQ_ENT_CARTON, "1=1; DROP TABLE cartons; --", "x",
                                   NULL, &arr, &n), FQ_ERR_INVALID);
    assert_int_equal(fq_store_count(st, FQ_ENT_CARTON, NULL, NULL, &count), FQ_OK);
    assert_int_equal(count, 4);
    assert_int_equal(fq_store_list(st, FQ_ENT_ISSUE, NULL, NULL, NULL, &arr, &n), FQ_OK);
    assert_int_equal(n, 0);
    assert_null(arr);
    fq_store_close(st);
}

static void test_visit_life_cycle(void **state)
{
    (void)state;
    fq_store *st = open_store("repo4.db");
    add_checklist(st);
    fq_order o = make_order(st, "PO-4");
    fq_visit v;
    memset(&v, 0, sizeof v);
    strcpy(v.order_uuid, o.meta.uuid);
    v.type = FQ_VISIT_PRE_SHIPMENT;
    assert_int_equal(fq_store_create_visit(st, &v), FQ_OK);

    void *arr = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(st, FQ_ENT_FINDING, "visit_uuid", v.meta.uuid, NULL, &arr, &n),
                     FQ_OK);
    assert_int_equal(n, 3); /* one finding per checklist item of the type */
    fq_finding f = ((fq_finding *)arr)[0];
    free(arr);
    assert_int_equal(f.result, FQ_RESULT_UNSET);
    fq_aql_plan plan;
    assert_int_equal(fq_store_list(st, FQ_ENT_AQL_PLAN, "visit_uuid", v.meta.uuid, NULL, &arr, &n),
                     FQ_OK);
    assert_int_equal(n, 1);
    plan = *(fq_aql_plan *)arr;
    free(arr);
    assert_int_equal(plan.lot_size, 5000);
    assert_int_equal(plan.aql_milli[1], 2500);
    assert_string_equal(plan.supplier, "Ningbo Bright Housewares");

    f.result = FQ_RESULT_FAIL;
    f.severity = FQ_SEV_MAJOR;
    strcpy(f.note, "3 of 80 cartons with smudged marks");
    assert_int_equal(fq_store_put_finding(st, &f), FQ_OK);

    assert_int_equal(fq_store_finish_visit(st, v.meta.uuid, FQ_VERDICT_FAIL), FQ_OK);
    f.result = FQ_RESULT_PASS;
    assert_int_equal(fq_store_put_finding(st, &f), FQ_ERR_CONFLICT);
    assert_non_null(strstr(fq_store_errmsg(st), "read-only"));
    fq_defect d;
    memset(&d, 0, sizeof d);
    strcpy(d.visit_uuid, v.meta.uuid);
    assert_int_equal(fq_store_put_defect(st, &d), FQ_ERR_CONFLICT);
    assert_int_equal(fq_store_get_visit(st, v.meta.uuid, &v), FQ_OK);
    assert_true(v.finished);
    assert_int_equal(v.verdict, FQ_VERDICT_FAIL);
    v.verdict = FQ_VERDICT_PASS;
    assert_int_equal(fq_store_put_visit(st, &v), FQ_ERR_CONFLICT);
    assert_int_equal(fq_store_finish_visit(st, v.meta.uuid, FQ_VERDICT_PASS), FQ_ERR_CONFLICT);

    assert_int_equal(fq_store_reopen_visit(st, v.meta.uuid, "  "), FQ_ERR_INVALID);
    assert_int_equal(fq_store_reopen_visit(st, v.meta.uuid,
                                           "factory re-packed 80 cartons; re-check marks"),
                     FQ_OK);
    assert_int_equal(fq_store_get_visit(st, v.meta.uuid, &v), FQ_OK);
    assert_false(v.finished);
    assert_string_equal(v.reopen_reason, "factory re-packed 80 cartons; re-check marks");
    assert_int_equal(fq_store_put_finding(st, &f), FQ_OK);
    assert_int_equal(fq_store_reopen_visit(st, v.meta.uuid, "again"), FQ_ERR_INVALID);
    fq_store_close(st);
}

static void test_queries(void **state)
{
    (void)state;
    fq_store *st = open_store("repo5.db");
    fq_order o = make_order(st, "PO-5");
    fq_milestone m;
    memset(&m, 0, sizeof m);
    strcpy(m.order_uuid, o.meta.uuid);
    m.kind = FQ_MS_SAMPLE_APPROVAL;
    m.status = FQ_MSS_DONE;
    strcpy(m.approved_by, "buyer QA");
    assert_int_equal(fq_store_put_milestone(st, &m), FQ_OK);
    memset(&m, 0, sizeof m);
    strcpy(m.order_uuid, o.meta.uuid);
    m.kind = FQ_MS_RAW_MATERIAL_CHECK;
    m.position = 4;
    m.due_utc = fake_now - 2 * DAY;
    m.grace_days = 3;
    assert_int_equal(fq_store_put_milestone(st, &m), FQ_OK);
    fq_light_result light;
    assert_int_equal(fq_store_order_light(st, o.meta.uuid, &light), FQ_OK);
    assert_int_equal(light.light, FQ_LIGHT_YELLOW);

    fq_visit v;
    memset(&v, 0, sizeof v);
    strcpy(v.order_uuid, o.meta.uuid);
    v.type = FQ_VISIT_INLINE;
    v.started_utc = fake_now;
    assert_int_equal(fq_store_create_visit(st, &v), FQ_OK);
    fq_production p;
    assert_int_equal(fq_store_latest_production(st, o.meta.uuid, &p), FQ_ERR_NOTFOUND);
    void *arr;
    size_t n;
    assert_int_equal(fq_store_list(st, FQ_ENT_PRODUCTION, "visit_uuid", v.meta.uuid, NULL, &arr,
                                   &n), FQ_OK);
    p = *(fq_production *)arr;
    free(arr);
    p.completed = 2500; /* 50 %, packaging absent: yellow by the 40 % rule */
    assert_int_equal(fq_store_put_production(st, &p), FQ_OK);
    m.status = FQ_MSS_DONE;
    assert_int_equal(fq_store_put_milestone(st, &m), FQ_OK);
    assert_int_equal(fq_store_order_light(st, o.meta.uuid, &light), FQ_OK);
    assert_int_equal(light.light, FQ_LIGHT_YELLOW);
    assert_non_null(strstr(light.reason, "packaging"));

    int sevs[] = {FQ_SEV_MINOR, FQ_SEV_MAJOR, FQ_SEV_MAJOR, FQ_SEV_CRITICAL};
    int counts[] = {4, 2, 1, 1};
    for (int i = 0; i < 4; i++) {
        fq_defect d;
        memset(&d, 0, sizeof d);
        strcpy(d.visit_uuid, v.meta.uuid);
        d.severity = sevs[i];
        d.count = counts[i];
        assert_int_equal(fq_store_put_defect(st, &d), FQ_OK);
    }
    int64_t totals[FQ_SEV_COUNT];
    assert_int_equal(fq_store_defect_totals(st, v.meta.uuid, totals), FQ_OK);
    assert_int_equal(totals[FQ_SEV_MINOR], 4);
    assert_int_equal(totals[FQ_SEV_MAJOR], 3);
    assert_int_equal(totals[FQ_SEV_CRITICAL], 1);

    /* lot history for switching rules: oldest first, open lots and this visit excluded */
    assert_int_equal(fq_store_list(st, FQ_ENT_AQL_PLAN, "visit_uuid", v.meta.uuid, NULL, &arr,
                                   &n), FQ_OK);
    fq_aql_plan plan = *(fq_aql_plan *)arr;
    free(arr);
    plan.lot_result = 2;
    assert_int_equal(fq_store_put_aql_plan(st, &plan), FQ_OK);
    fq_visit v2 = v;
    memset(&v2.meta, 0, sizeof v2.meta);
    v2.started_utc = fake_now + DAY;
    assert_int_equal(fq_store_create_visit(st, &v2), FQ_OK);
    fq_store_lot *hist;
    assert_int_equal(fq_store_lot_history(st, o.supplier, o.product, v2.meta.uuid, &hist, &n),
                     FQ_OK);
    assert_int_equal(n, 1);
    assert_int_equal(hist[0].plan.lot_result, 2);
    assert_string_equal(hist[0].plan.visit_uuid, v.meta.uuid);
    assert_int_equal(hist[0].found[FQ_SEV_MINOR], 4);
    assert_int_equal(hist[0].found[FQ_SEV_MAJOR], 3);
    assert_int_equal(hist[0].found[FQ_SEV_CRITICAL], 1);
    free(hist);
    assert_int_equal(fq_store_lot_history(st, o.supplier, o.product, v.meta.uuid, &hist, &n),
                     FQ_OK);
    assert_int_equal(n, 0);
    fq_store_close(st);
}

static void test_settings_and_identity(void **state)
{
    (void)state;
    char path[1024], buf[64];
    fq_test_path(path, sizeof path, "ident.db");
    remove(path);
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    char first_id[FQ_ID_LEN];
    strcpy(first_id, fq_store_device_id(st));
    assert_int_equal(strlen(first_id), 36); /* generated once */
    assert_int_equal(fq_store_setting_get(st, "photo_long_edge", buf, sizeof buf),
                     FQ_ERR_NOTFOUND);
    assert_int_equal(fq_store_setting_set(st, "photo_long_edge", "1600"), FQ_OK);
    assert_int_equal(fq_store_setting_set(st, "photo_long_edge", "2048"), FQ_OK);
    fq_store_close(st);
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    assert_string_equal(fq_store_device_id(st), first_id); /* stable across opens */
    assert_int_equal(fq_store_setting_get(st, "photo_long_edge", buf, sizeof buf), FQ_OK);
    assert_string_equal(buf, "2048");
    fq_store_close(st);
}

struct collect {
    int n;
    char ops[64];
    int64_t last_seq;
    fq_store *dst;
    fq_store_sender from; /* who sent the changes applied to dst */
    int applied;
    int conflicts;
    int refused;
    int kept_local;
};

static int collect_change(void *ctx, const fq_change *c)
{
    struct collect *col = ctx;
    if (col->n < 63)
        col->ops[col->n] = c->op;
    col->n++;
    col->last_seq = c->seq;
    if (col->dst) {
        int outcome = 0;
        if (fq_store_apply_change(col->dst, &col->from, c, &outcome))
            fail_msg("apply: %s", fq_store_errmsg(col->dst));
        col->applied += (outcome & FQ_STORE_APPLIED) != 0;
        col->conflicts += (outcome & FQ_STORE_CONFLICT) != 0;
        col->refused += (outcome & FQ_STORE_REFUSED) != 0;
        col->kept_local += (outcome & FQ_STORE_KEPT_LOCAL) != 0;
    }
    return 0;
}

static void test_changelog_and_apply(void **state)
{
    (void)state;
    fq_store *a = open_store("log_a.db");
    fq_store *b = open_store("log_b.db");
    fq_order o = make_order(a, "PO-LOG");
    o.quantity = 6000;
    assert_int_equal(fq_store_put_order(a, &o), FQ_OK);
    fq_issue is;
    memset(&is, 0, sizeof is);
    strcpy(is.order_uuid, o.meta.uuid);
    strcpy(is.title, "Carton artwork v3 not confirmed");
    assert_int_equal(fq_store_put_issue(a, &is), FQ_OK);
    assert_int_equal(fq_store_delete(a, FQ_ENT_ISSUE, is.meta.uuid), FQ_OK);

    struct collect col = {0};
    assert_int_equal(fq_store_changes_since(a, 0, collect_change, &col), FQ_OK);
    assert_int_equal(col.n, 4);
    assert_memory_equal(col.ops, "IUID", 4);
    int64_t last;
    assert_int_equal(fq_store_last_seq(a, &last), FQ_OK);
    assert_int_equal(last, col.last_seq);
    struct collect none = {0};
    assert_int_equal(fq_store_changes_since(a, last, collect_change, &none), FQ_OK);
    assert_int_equal(none.n, 0); /* incremental: nothing after the last position */

    /* apply a's log to b twice as an office's rows: the second time changes nothing */
    for (int round = 0; round < 2; round++) {
        struct collect ap = {0};
        ap.dst = b;
        ap.from.source = FQ_STORE_FROM_OFFICE;
        assert_int_equal(fq_store_begin(b), FQ_OK);
        assert_int_equal(fq_store_changes_since(a, 0, collect_change, &ap), FQ_OK);
        assert_int_equal(fq_store_commit(b), FQ_OK);
        /* round 0: insert + newer update + issue insert + its delete */
        assert_int_equal(ap.applied, round == 0 ? 4 : 0);
    }
    fq_order ob;
    assert_int_equal(fq_store_get_order(b, o.meta.uuid, &ob), FQ_OK);
    assert_int_equal(ob.quantity, 6000);
    assert_int_equal(ob.meta.revision, 2);
    assert_string_equal(ob.meta.device_id, "dev-test-1"); /* origin kept, not restamped */
    int64_t n_issues;
    assert_int_equal(fq_store_count(b, FQ_ENT_ISSUE, NULL, NULL, &n_issues), FQ_OK);
    assert_int_equal(n_issues, 0);
    /* applied records are not b's own changes: b exports nothing */
    struct collect bl = {0};
    assert_int_equal(fq_store_changes_since(b, 0, collect_change, &bl), FQ_OK);
    assert_int_equal(bl.n, 0);

    /* bad input is refused with a reason, not half-applied */
    fq_change bad = {1, "orders", "not-a-uuid", 1, 'I', 0, "{}"};
    static const fq_store_sender office = {FQ_STORE_FROM_OFFICE, NULL, NULL};
    int applied;
    assert_int_equal(fq_store_begin(b), FQ_OK);
    assert_int_equal(fq_store_apply_change(b, &office, &bad, &applied), FQ_ERR_CORRUPT);
    bad.uuid = o.meta.uuid;
    bad.table = "sqlite_master";
    assert_int_equal(fq_store_apply_change(b, &office, &bad, &applied), FQ_ERR_CORRUPT);
    bad.table = "orders";
    bad.revision = 9;
    bad.json = "{\"uuid\": 5}"; /* missing columns: NOT NULL / STRICT refuse it */
    assert_int_not_equal(fq_store_apply_change(b, &office, &bad, &applied), FQ_OK);
    bad.json = "[1, 2]";
    assert_int_equal(fq_store_apply_change(b, &office, &bad, &applied), FQ_ERR_CORRUPT);
    fq_store_rollback(b);
    fq_store_close(a);
    fq_store_close(b);
}

static void test_maps_match_schema(void **state)
{
    (void)state;
    fq_store *st = open_store("schema.db");
    sqlite3 *db = fq_store_db(st);
    for (int id = 0; id < FQ_ENT_COUNT; id++) {
        const fq_entity *e = fq_entity_get((fq_entity_id)id);
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid",
                 e->table);
        sqlite3_stmt *stmt;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
        size_t n_meta;
        const fq_field *meta = fq_meta_fields(&n_meta);
        size_t i = 0;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            const char *col = (const char *)sqlite3_column_text(stmt, 0);
            assert_true(i < n_meta + e->n_fields);
            const char *want = i < n_meta ? meta[i].column : e->fields[i - n_meta].column;
            if (strcmp(col, want))
                fail_msg("%s column %zu is %s, map says %s", e->table, i, col, want);
            i++;
        }
        assert_int_equal(i, n_meta + e->n_fields);
        sqlite3_finalize(stmt);
        assert_ptr_equal(fq_entity_by_table(e->table), e);
    }
    assert_null(fq_entity_by_table("sqlite_master"));
    fq_store_close(st);
}

static void test_disk_full_loses_nothing(void **state)
{
    (void)state;
    fq_store *st = open_store("full.db");
    fq_order o = make_order(st, "PO-FULL");
    int64_t pages = 0;
    sqlite3 *db = fq_store_db(st);
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &stmt, NULL);
    sqlite3_step(stmt);
    pages = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", (long long)pages + 2);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    fq_err err = FQ_OK;
    int saved = 0;
    fq_issue is;
    for (int i = 0; i < 2000 && !err; i++) {
        memset(&is, 0, sizeof is);
        strcpy(is.order_uuid, o.meta.uuid);
        memset(is.description, 'x', sizeof is.description - 1);
        err = fq_store_put_issue(st, &is);
        if (!err)
            saved++;
    }
    assert_int_equal(err, FQ_ERR_FULL);
    assert_non_null(strstr(fq_store_errmsg(st), "disk is full"));
    assert_int_equal(is.meta.uuid[0], '\0'); /* the failed record was not given an id */
    int64_t n;
    assert_int_equal(fq_store_count(st, FQ_ENT_ISSUE, NULL, NULL, &n), FQ_OK);
    assert_int_equal(n, saved);
    /* space back: the store works again */
    sqlite3_exec(db, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL);
    assert_int_equal(fq_store_put_issue(st, &is), FQ_OK);
    fq_store_close(st);
}

/* sqlite's model: the reason describes the last call. A success after a failure must not
 * keep reporting the old failure, on every public call. */
static void test_errmsg_cleared_by_each_call(void **state)
{
    (void)state;
    fq_store *st = open_store("errmsg.db");
    fq_order o = make_order(st, "PO-ERR");
    fq_order stale = o;
    o.quantity = 6000;
    assert_int_equal(fq_store_put_order(st, &o), FQ_OK);
    /* each step: fail (message set), then one successful call of another kind clears it */
#define FAIL_THEN(call)                                                                        \
    do {                                                                                       \
        assert_int_equal(fq_store_put_order(st, &stale), FQ_ERR_CONFLICT);                     \
        assert_string_not_equal(fq_store_errmsg(st), "");                                      \
        assert_int_equal((call), FQ_OK);                                                       \
        if (fq_store_errmsg(st)[0])                                                            \
            fail_msg("%s kept the old reason: %s", #call, fq_store_errmsg(st));                \
    } while (0)
    fq_order got;
    int64_t n = 0, seq = 0;
    int64_t totals[FQ_SEV_COUNT];
    fq_light_result light;
    char buf[64];
    FAIL_THEN(fq_store_get_order(st, o.meta.uuid, &got));
    FAIL_THEN(fq_store_count(st, FQ_ENT_ORDER, NULL, NULL, &n));
    FAIL_THEN(fq_store_last_seq(st, &seq));
    FAIL_THEN(fq_store_defect_totals(st, "no-such-visit", totals));
    FAIL_THEN(fq_store_order_light(st, o.meta.uuid, &light));
    FAIL_THEN(fq_store_setting_set(st, "k", "v"));
    FAIL_THEN(fq_store_setting_get(st, "k", buf, sizeof buf));
    FAIL_THEN(fq_store_begin(st));
    assert_int_equal(fq_store_commit(st), FQ_OK);
#undef FAIL_THEN
    fq_store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_get_update_conflict),
        cmocka_unit_test(test_every_entity_round_trips),
        cmocka_unit_test(test_list_count_delete),
        cmocka_unit_test(test_visit_life_cycle),
        cmocka_unit_test(test_queries),
        cmocka_unit_test(test_settings_and_identity),
        cmocka_unit_test(test_changelog_and_apply),
        cmocka_unit_test(test_maps_match_schema),
        cmocka_unit_test(test_disk_full_loses_nothing),
        cmocka_unit_test(test_errmsg_cleared_by_each_call),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
