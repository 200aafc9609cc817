/* Ownership and revisions in the store (issue 11; FORMAT.md, "Ownership and conflicts"):
 * - a put that changes nothing writes nothing; a revision never overflows;
 * - a visit's plan and results move their own revisions; a signed-off visit keeps its
 *   results frozen while the office may still re-plan it;
 * - the change log says what each change was made on ("_base") and what it changed;
 * - at the office (FROM_DEVICE): a change on the held revision applies at held + 1; a
 *   replay or an older identical change changes nothing; INT64_MAX, jumped revisions, no
 *   base, an order or milestone from a device, a visit of another device are refused and
 *   kept with the reason; concurrent edits of an issue are a conflict, a writer in conflict
 *   stays in conflict, a resolution follows both sides;
 * - on a device (FROM_OFFICE): the office's plan is taken, the device's unacknowledged
 *   results are kept, revisions past the limit refuse the pack;
 * - checklist templates have stable ids and a visit copies each checkpoint once. */
#include "harness.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_testing.h"

static int64_t fake_now = 1795219200; /* 2026-11-21 */
static int64_t clock_fn(void *ctx)
{
    (void)ctx;
    return fake_now;
}

static fq_store *open_store(const char *name, const char *device)
{
    char path[1024];
    fq_store *st = NULL;
    fq_test_path(path, sizeof path, name);
    remove(path);
    if (fq_store_open(path, &st))
        fail_msg("open %s: %s", path, fq_store_errmsg(st));
    fq_store_set_clock(st, clock_fn, NULL);
    assert_int_equal(fq_store_set_actor(st, device, "Li Wei"), FQ_OK);
    return st;
}

static fq_store *open_office(const char *name)
{
    fq_store *st = open_store(name, "office-1");
    assert_int_equal(fq_store_office_init(st), FQ_OK);
    return st;
}

static int64_t last_seq(fq_store *st)
{
    int64_t seq = 0;
    assert_int_equal(fq_store_last_seq(st, &seq), FQ_OK);
    return seq;
}

static int64_t query_i64(fq_store *st, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(fq_store_db(st), sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

/* ---- a changes log, copied so it outlives the iteration ---- */

#define MAX_CHANGES 64

typedef struct change_copy {
    fq_change c;
    char table[32];
    char uuid[FQ_UUID_LEN];
    char *json;
} change_copy;

typedef struct change_list {
    change_copy items[MAX_CHANGES];
    int n;
} change_list;

static int copy_change(void *ctx, const fq_change *c)
{
    change_list *l = ctx;
    assert_true(l->n < MAX_CHANGES);
    change_copy *k = &l->items[l->n++];
    k->c = *c;
    snprintf(k->table, sizeof k->table, "%s", c->table);
    snprintf(k->uuid, sizeof k->uuid, "%s", c->uuid);
    k->json = c->json ? strdup(c->json) : NULL;
    k->c.table = k->table;
    k->c.uuid = k->uuid;
    k->c.json = k->json;
    return 0;
}

static void changes_after(fq_store *st, int64_t after, change_list *out)
{
    memset(out, 0, sizeof *out);
    assert_int_equal(fq_store_changes_since(st, after, copy_change, out), FQ_OK);
}

static void free_changes(change_list *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->items[i].json);
    l->n = 0;
}

/* Applies the changes of l in one transaction; returns the OR of the outcomes. */
static int apply_all(fq_store *dst, fq_store_source source, const char *device,
                     const change_list *l)
{
    fq_store_sender from = {source, device, "bundle-under-test"};
    int all = 0;
    assert_int_equal(fq_store_begin(dst), FQ_OK);
    for (int i = 0; i < l->n; i++) {
        int outcome = 0;
        if (fq_store_apply_change(dst, &from, &l->items[i].c, &outcome))
            fail_msg("apply %s: %s", l->items[i].c.table, fq_store_errmsg(dst));
        all |= outcome;
    }
    if (fq_store_commit(dst))
        fail_msg("commit: %s", fq_store_errmsg(dst));
    return all;
}

/* One change with its JSON edited by SQL (json_set arguments), applied alone. */
static int apply_edited(fq_store *dst, fq_store_source source, const char *device,
                        const change_copy *k, int64_t revision, const char *json_set_args)
{
    sqlite3_stmt *stmt = NULL;
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT json_set(?1, %s)", json_set_args);
    assert_int_equal(sqlite3_prepare_v2(fq_store_db(dst), sql, -1, &stmt, NULL), SQLITE_OK);
    sqlite3_bind_text(stmt, 1, k->json, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    change_list one;
    memset(&one, 0, sizeof one);
    fq_change c = k->c;
    c.revision = revision;
    c.json = (const char *)sqlite3_column_text(stmt, 0);
    copy_change(&one, &c);
    sqlite3_finalize(stmt);
    int outcome = apply_all(dst, source, device, &one);
    free_changes(&one);
    return outcome;
}

/* ---- a small world: the office plans an order with a visit for tab-1 ---- */

typedef struct world {
    fq_store *office;
    fq_store *tab;
    fq_order order;
    fq_milestone ms;
    fq_visit visit;
    fq_issue issue;
} world;

static void office_plans(world *w, const char *name)
{
    char path[64];
    snprintf(path, sizeof path, "%s-office.db", name);
    w->office = open_office(path);
    snprintf(path, sizeof path, "%s-tab.db", name);
    w->tab = open_store(path, "tab-1");
    memset(&w->order, 0, sizeof w->order);
    snprintf(w->order.po_number, sizeof w->order.po_number, "PO-OWN");
    w->order.quantity = 5000;
    assert_int_equal(fq_store_put_order(w->office, &w->order), FQ_OK);
    memset(&w->ms, 0, sizeof w->ms);
    snprintf(w->ms.order_uuid, sizeof w->ms.order_uuid, "%s", w->order.meta.uuid);
    w->ms.kind = FQ_MS_SAMPLE_APPROVAL;
    w->ms.status = FQ_MSS_DONE;
    assert_int_equal(fq_store_put_milestone(w->office, &w->ms), FQ_OK);
    fq_checklist_item it;
    memset(&it, 0, sizeof it);
    it.visit_type = FQ_VISIT_INLINE;
    snprintf(it.section, sizeof it.section, "Packing");
    snprintf(it.text, sizeof it.text, "Shipping marks match the order");
    assert_int_equal(fq_store_put_checklist_item(w->office, &it), FQ_OK);
    memset(&w->visit, 0, sizeof w->visit);
    snprintf(w->visit.order_uuid, sizeof w->visit.order_uuid, "%s", w->order.meta.uuid);
    w->visit.type = FQ_VISIT_INLINE;
    snprintf(w->visit.assigned_device, sizeof w->visit.assigned_device, "tab-1");
    assert_int_equal(fq_store_create_visit(w->office, &w->visit), FQ_OK);
    memset(&w->issue, 0, sizeof w->issue);
    snprintf(w->issue.order_uuid, sizeof w->issue.order_uuid, "%s", w->order.meta.uuid);
    snprintf(w->issue.title, sizeof w->issue.title, "Artwork v3 not confirmed");
    assert_int_equal(fq_store_put_issue(w->office, &w->issue), FQ_OK);
    /* the job pack: the office's rows, applied on the tablet */
    change_list l;
    changes_after(w->office, 0, &l);
    int outcome = apply_all(w->tab, FQ_STORE_FROM_OFFICE, NULL, &l);
    assert_true(outcome & FQ_STORE_APPLIED);
    free_changes(&l);
}

static void close_world(world *w)
{
    fq_store_close(w->office);
    fq_store_close(w->tab);
}

/* The tablet's changes after `after`, applied at the office as tab-1's bundle. */
static int tablet_to_office(world *w, int64_t after)
{
    change_list l;
    changes_after(w->tab, after, &l);
    int outcome = apply_all(w->office, FQ_STORE_FROM_DEVICE, "tab-1", &l);
    free_changes(&l);
    return outcome;
}

/* ---- put ---- */

static void test_put_without_change_writes_nothing(void **state)
{
    (void)state;
    fq_store *st = open_store("noop.db", "office-1");
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "PO-1");
    assert_int_equal(fq_store_put_order(st, &o), FQ_OK);
    int64_t seq = last_seq(st);
    for (int i = 0; i < 10; i++) {
        fq_order again = o;
        fake_now += 60;
        assert_int_equal(fq_store_put_order(st, &again), FQ_OK);
        assert_int_equal(again.meta.revision, 1);
        assert_int_equal(again.meta.updated_utc, o.meta.updated_utc);
    }
    assert_int_equal(last_seq(st), seq);
    o.quantity = 7;
    assert_int_equal(fq_store_put_order(st, &o), FQ_OK);
    assert_int_equal(o.meta.revision, 2);
    assert_int_equal(last_seq(st), seq + 1);
    fq_store_close(st);
}

static void test_revision_never_overflows(void **state)
{
    (void)state;
    fq_store *st = open_store("overflow.db", "office-1");
    fq_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.po_number, sizeof o.po_number, "PO-MAX");
    assert_int_equal(fq_store_put_order(st, &o), FQ_OK);
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE orders SET revision = %lld WHERE uuid = '%s'",
             (long long)FQ_STORE_REVISION_MAX, o.meta.uuid);
    assert_int_equal(sqlite3_exec(fq_store_db(st), sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(fq_store_get_order(st, o.meta.uuid, &o), FQ_OK);
    o.quantity = 1;
    assert_int_equal(fq_store_put_order(st, &o), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_store_errmsg(st), "highest revision"));
    fq_order back;
    assert_int_equal(fq_store_get_order(st, o.meta.uuid, &back), FQ_OK);
    assert_int_equal(back.meta.revision, FQ_STORE_REVISION_MAX);
    assert_int_equal(back.quantity, 0);
    fq_store_close(st);
}

static void test_visit_plan_and_results_have_own_revisions(void **state)
{
    (void)state;
    world w;
    office_plans(&w, "groups");
    fq_visit v;
    assert_int_equal(fq_store_get_visit(w.tab, w.visit.meta.uuid, &v), FQ_OK);
    assert_int_equal(v.meta.revision, 1);
    assert_int_equal(v.result_revision, 1);
    v.started_utc = fake_now;
    assert_int_equal(fq_store_put_visit(w.tab, &v), FQ_OK);
    assert_int_equal(v.meta.revision, 1); /* the plan did not change */
    assert_int_equal(v.result_revision, 2);
    assert_int_equal(fq_store_finish_visit(w.tab, v.meta.uuid, FQ_VERDICT_PASS), FQ_OK);
    assert_int_equal(fq_store_get_visit(w.tab, v.meta.uuid, &v), FQ_OK);
    assert_int_equal(v.result_revision, 3);
    /* signed off: the results are frozen, the plan is still the office's to change */
    fq_visit plan = v;
    snprintf(plan.inspector_name, sizeof plan.inspector_name, "Wang Fang");
    assert_int_equal(fq_store_put_visit(w.tab, &plan), FQ_OK);
    assert_int_equal(plan.meta.revision, 2);
    assert_int_equal(plan.result_revision, 3);
    plan.verdict = FQ_VERDICT_FAIL;
    assert_int_equal(fq_store_put_visit(w.tab, &plan), FQ_ERR_CONFLICT);
    assert_int_equal(fq_store_reopen_visit(w.tab, v.meta.uuid, "recount"), FQ_OK);
    assert_int_equal(fq_store_get_visit(w.tab, v.meta.uuid, &v), FQ_OK);
    assert_int_equal(v.meta.revision, 2);
    assert_int_equal(v.result_revision, 4);
    close_world(&w);
}

/* ---- the change log ---- */

static void test_change_log_says_base_and_columns(void **state)
{
    (void)state;
    world w;
    office_plans(&w, "envelope");
    int64_t after = last_seq(w.tab);
    fq_issue is;
    assert_int_equal(fq_store_get_issue(w.tab, w.issue.meta.uuid, &is), FQ_OK);
    snprintf(is.resolution_note, sizeof is.resolution_note, "confirmed");
    is.closed_utc = fake_now;
    assert_int_equal(fq_store_put_issue(w.tab, &is), FQ_OK);
    assert_int_equal(fq_store_finish_visit(w.tab, w.visit.meta.uuid, FQ_VERDICT_PASS), FQ_OK);
    change_list l;
    changes_after(w.tab, after, &l);
    assert_int_equal(l.n, 2);
    assert_non_null(strstr(l.items[0].json, "\"_base\":{\"revision\":1}"));
    assert_non_null(strstr(l.items[0].json, "\"_changed\":\"closed_utc,resolution_note\""));
    assert_non_null(strstr(l.items[1].json,
                           "\"_base\":{\"revision\":1,\"result_revision\":1}"));
    assert_non_null(strstr(l.items[1].json, "\"_changed\":\"started_utc,ended_utc,verdict,"
                                            "finished\""));
    assert_non_null(strstr(l.items[1].json, "\"result_revision\":2"));
    free_changes(&l);
    close_world(&w);
}

/* ---- at the office ---- */

static int64_t open_kept(fq_store *office, const char *kind)
{
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM office_conflicts WHERE status = 'open' AND kind = '%s'", kind);
    return query_i64(office, sql);
}

static void test_office_applies_on_the_held_revision(void **state)
{
    (void)state;
    world w;
    office_plans(&w, "apply");
    int64_t after = last_seq(w.tab);
    fq_finding *fs = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(w.tab, FQ_ENT_FINDING, "visit_uuid", w.visit.meta.uuid, NULL,
                                   (void **)&fs, &n), FQ_OK);
    fq_finding f;
    memset(&f, 0, sizeof f);
    snprintf(f.visit_uuid, sizeof f.visit_uuid, "%s", w.visit.meta.uuid);
    snprintf(f.text, sizeof f.text, "free finding");
    assert_int_equal(fq_store_put_finding(w.tab, &f), FQ_OK);
    f.result = FQ_RESULT_FAIL;
    assert_int_equal(fq_store_put_finding(w.tab, &f), FQ_OK);
    free(fs);
    /* meanwhile the office re-plans the visit: no conflict with the device's results */
    fq_visit plan;
    assert_int_equal(fq_store_get_visit(w.office, w.visit.meta.uuid, &plan), FQ_OK);
    snprintf(plan.inspector_name, sizeof plan.inspector_name, "Wang Fang");
    assert_int_equal(fq_store_put_visit(w.office, &plan), FQ_OK);
    assert_int_equal(fq_store_finish_visit(w.tab, w.visit.meta.uuid, FQ_VERDICT_PASS), FQ_OK);

    assert_int_equal(tablet_to_office(&w, after), FQ_STORE_APPLIED);
    fq_visit at;
    assert_int_equal(fq_store_get_visit(w.office, w.visit.meta.uuid, &at), FQ_OK);
    assert_true(at.finished);
    assert_int_equal(at.verdict, FQ_VERDICT_PASS);
    assert_string_equal(at.inspector_name, "Wang Fang"); /* the office's plan stays */
    assert_int_equal(at.meta.revision, 2);
    assert_int_equal(at.result_revision, 2);
    fq_finding got;
    assert_int_equal(fq_store_get_finding(w.office, f.meta.uuid, &got), FQ_OK);
    assert_int_equal(got.result, FQ_RESULT_FAIL);
    assert_int_equal(got.meta.revision, 2);
    /* the same changes again change nothing and keep nothing aside */
    assert_int_equal(tablet_to_office(&w, after), 0);
    assert_int_equal(query_i64(w.office, "SELECT count(*) FROM office_conflicts"), 0);
    close_world(&w);
}

static void test_office_refuses_what_is_not_the_devices(void **state)
{
    (void)state;
    world w;
    office_plans(&w, "refuse");
    int64_t after = last_seq(w.tab);
    fq_order o;
    assert_int_equal(fq_store_get_order(w.tab, w.order.meta.uuid, &o), FQ_OK);
    o.quantity = 1;
    assert_int_equal(fq_store_put_order(w.tab, &o), FQ_OK);
    fq_milestone m;
    assert_int_equal(fq_store_get_milestone(w.tab, w.ms.meta.uuid, &m), FQ_OK);
    m.status = FQ_MSS_BLOCKED;
    assert_int_equal(fq_store_put_milestone(w.tab, &m), FQ_OK);
    fq_visit v;
    assert_int_equal(fq_store_get_visit(w.tab, w.visit.meta.uuid, &v), FQ_OK);
    snprintf(v.assigned_device, sizeof v.assigned_device, "tab-9");
    v.summary[0] = 'x';
    assert_int_equal(fq_store_put_visit(w.tab, &v), FQ_OK);

    int outcome = tablet_to_office(&w, after);
    assert_true(outcome & FQ_STORE_REFUSED);
    assert_true(outcome & FQ_STORE_APPLIED); /* the visit's summary is the device's */
    fq_order at;
    assert_int_equal(fq_store_get_order(w.office, w.order.meta.uuid, &at), FQ_OK);
    assert_int_equal(at.quantity, 5000);
    assert_int_equal(at.meta.revision, 1);
    fq_milestone atm;
    assert_int_equal(fq_store_get_milestone(w.office, w.ms.meta.uuid, &atm), FQ_OK);
    assert_int_equal(atm.status, FQ_MSS_DONE);
    fq_visit atv;
    assert_int_equal(fq_store_get_visit(w.office, w.visit.meta.uuid, &atv), FQ_OK);
    assert_string_equal(atv.assigned_device, "tab-1");
    assert_string_equal(atv.summary, "x");
    assert_int_equal(open_kept(w.office, "refused"), 3);
    assert_int_equal(query_i64(w.office, "SELECT count(*) FROM office_conflicts WHERE"
                                         " reason LIKE '%owned by the office%'"),
                     3);

    /* another tablet may not record on tab-1's visit */
    change_list l;
    fq_finding f;
    memset(&f, 0, sizeof f);
    snprintf(f.visit_uuid, sizeof f.visit_uuid, "%s", w.visit.meta.uuid);
    snprintf(f.text, sizeof f.text, "from the wrong tablet");
    after = last_seq(w.tab);
    assert_int_equal(fq_store_put_finding(w.tab, &f), FQ_OK);
    changes_after(w.tab, after, &l);
    assert_int_equal(apply_all(w.office, FQ_STORE_FROM_DEVICE, "tab-9", &l), FQ_STORE_REFUSED);
    free_changes(&l);
    assert_int_equal(fq_store_get_finding(w.office, f.meta.uuid, &f), FQ_ERR_NOTFOUND);
    assert_int_equal(query_i64(w.office, "SELECT count(*) FROM office_conflicts WHERE"
                                         " reason LIKE '%assigned to tab-1, not to tab-9%'"),
                     1);
    close_world(&w);
}

static void test_office_refuses_revisions_that_do_not_follow(void **state)
{
    (void)state;
    world w;
    office_plans(&w, "jumps");
    int64_t after = last_seq(w.tab);
    fq_issue is;
    assert_int_equal(fq_store_get_issue(w.tab, w.issue.meta.uuid, &is), FQ_OK);
    snprintf(is.resolution_note, sizeof is.resolution_note, "honest");
    assert_int_equal(fq_store_put_issue(w.tab, &is), FQ_OK);
    change_list l;
    changes_after(w.tab, after, &l);
    assert_int_equal(l.n, 1);
    const change_copy *k = &l.items[0];
    assert_int_equal(apply_edited(w.office, FQ_STORE_FROM_DEVICE, "tab-1", k, INT64_MAX,
                                  "'$.revision', 9223372036854775807, '$._base.revision',"
                                  " 9223372036854775806"),
                     FQ_STORE_REFUSED);
    assert_int_equal(apply_edited(w.office, FQ_STORE_FROM_DEVICE, "tab-1", k, 9,
                                  "'$.revision', 9, '$._base.revision', 8"),
                     FQ_STORE_REFUSED);
    assert_int_equal(apply_edited(w.office, FQ_STORE_FROM_DEVICE, "tab-1", k, 5,
                                  "'$.revision', 5"),
                     FQ_STORE_REFUSED);
    assert_int_equal(apply_edited(w.office, FQ_STORE_FROM_DEVICE, "tab-1", k, 2,
                                  "'$._base', null"),
                     FQ_STORE_REFUSED);
    assert_int_equal(apply_edited(w.office, FQ_STORE_FROM_DEVICE, "tab-1", k, 5,
                                  "'$.revision', 5, '$._base.revision', 9223372036854775807"),
                     FQ_STORE_REFUSED);
    assert_int_equal(apply_edited(w.office, FQ_STORE_FROM_DEVICE, "tab-1", k, 2,
                                  "'$._changed', 'title,no_such_column'"),
                     FQ_STORE_REFUSED);
    fq_issue at;
    assert_int_equal(fq_store_get_issue(w.office, w.issue.meta.uuid, &at), FQ_OK);
    assert_int_equal(at.meta.revision, 1);
    assert_string_equal(at.resolution_note, "");
    assert_int_equal(open_kept(w.office, "refused"), 6);
    /* the honest change still applies on top */
    assert_int_equal(apply_all(w.office, FQ_STORE_FROM_DEVICE, "tab-1", &l), FQ_STORE_APPLIED);
    assert_int_equal(fq_store_get_issue(w.office, w.issue.meta.uuid, &at), FQ_OK);
    assert_int_equal(at.meta.revision, 2);
    assert_string_equal(at.resolution_note, "honest");
    free_changes(&l);

    /* a job pack with a revision past the limit is refused whole on the device */
    change_list pack;
    changes_after(w.office, 0, &pack);
    assert_true(pack.n > 0);
    fq_store_sender office = {FQ_STORE_FROM_OFFICE, NULL, NULL};
    fq_change big = pack.items[0].c;
    char json[4096];
    snprintf(json, sizeof json, "%s", pack.items[0].json);
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(fq_store_db(w.tab),
                                        "SELECT json_set(?1, '$.revision', 9223372036854775807)",
                                        -1, &stmt, NULL), SQLITE_OK);
    sqlite3_bind_text(stmt, 1, json, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    snprintf(json, sizeof json, "%s", (const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    big.json = json;
    big.revision = INT64_MAX;
    int outcome = 0;
    assert_int_equal(fq_store_begin(w.tab), FQ_OK);
    assert_int_equal(fq_store_apply_change(w.tab, &office, &big, &outcome), FQ_ERR_CORRUPT);
    assert_non_null(strstr(fq_store_errmsg(w.tab), "out of range"));
    fq_store_rollback(w.tab);
    free_changes(&pack);
    close_world(&w);
}

typedef struct listed {
    int n;
    fq_store_conflict first;
} listed;

static int list_one(void *ctx, const fq_store_conflict *c)
{
    listed *l = ctx;
    if (l->n++ == 0)
        l->first = *c;
    return 0;
}

static void test_concurrent_issue_edits_conflict_and_resolve(void **state)
{
    (void)state;
    world w;
    office_plans(&w, "conflict");
    int64_t after = last_seq(w.tab);
    /* the office closes the issue; the tablet, not knowing, closes it otherwise */
    fq_issue mine;
    assert_int_equal(fq_store_get_issue(w.office, w.issue.meta.uuid, &mine), FQ_OK);
    snprintf(mine.resolution_note, sizeof mine.resolution_note, "office: waived by buyer");
    assert_int_equal(fq_store_put_issue(w.office, &mine), FQ_OK);
    fq_issue theirs;
    assert_int_equal(fq_store_get_issue(w.tab, w.issue.meta.uuid, &theirs), FQ_OK);
    snprintf(theirs.resolution_note, sizeof theirs.resolution_note, "tablet: relabelled");
    assert_int_equal(fq_store_put_issue(w.tab, &theirs), FQ_OK);
    assert_int_equal(tablet_to_office(&w, after), FQ_STORE_CONFLICT);
    fq_issue at;
    assert_int_equal(fq_store_get_issue(w.office, w.issue.meta.uuid, &at), FQ_OK);
    assert_string_equal(at.resolution_note, "office: waived by buyer");
    assert_int_equal(open_kept(w.office, "conflict"), 1);

    /* the tablet edits again on its own revision 2, which numbers like the office's 2: still
     * its own side, so still a conflict, never applied over the office's */
    after = last_seq(w.tab);
    snprintf(theirs.description, sizeof theirs.description, "tablet: photos attached");
    assert_int_equal(fq_store_put_issue(w.tab, &theirs), FQ_OK);
    assert_int_equal(theirs.meta.revision, 3);
    assert_int_equal(tablet_to_office(&w, after), FQ_STORE_CONFLICT);
    assert_int_equal(fq_store_get_issue(w.office, w.issue.meta.uuid, &at), FQ_OK);
    assert_string_equal(at.description, "");
    assert_int_equal(open_kept(w.office, "conflict"), 2);

    /* the list shows each kept change with both values */
    listed ls;
    memset(&ls, 0, sizeof ls);
    assert_int_equal(fq_store_office_each_conflict(w.office, 0, list_one, &ls), FQ_OK);
    assert_int_equal(ls.n, 2);
    assert_string_equal(ls.first.kind, "conflict");
    assert_string_equal(ls.first.writer, "tab-1");
    assert_int_equal(ls.first.base, 1);
    assert_int_equal(ls.first.revision, 2);
    assert_int_equal(ls.first.held_revision, 2);
    assert_int_equal(ls.first.n_columns, 1);
    assert_string_equal(ls.first.columns[0].name, "resolution_note");
    assert_string_equal(ls.first.columns[0].held, "office: waived by buyer");
    assert_string_equal(ls.first.columns[0].incoming, "tablet: relabelled");

    /* a person takes the tablet's note: the revision follows both sides (office 2, tablet 3) */
    int64_t revision = 0;
    assert_int_equal(fq_store_office_resolve(w.office, ls.first.id, 1, &revision), FQ_OK);
    assert_int_equal(revision, 4);
    assert_int_equal(fq_store_get_issue(w.office, w.issue.meta.uuid, &at), FQ_OK);
    assert_string_equal(at.resolution_note, "tablet: relabelled");
    assert_int_equal(at.meta.revision, 4);
    assert_int_equal(open_kept(w.office, "conflict"), 0); /* the later one is superseded */
    assert_int_equal(fq_store_office_resolve(w.office, ls.first.id, 0, NULL), FQ_ERR_INVALID);
    assert_int_equal(fq_store_office_resolve(w.office, 999, 0, NULL), FQ_ERR_NOTFOUND);
    memset(&ls, 0, sizeof ls);
    assert_int_equal(fq_store_office_each_conflict(w.office, 1, list_one, &ls), FQ_OK);
    assert_int_equal(ls.n, 2);
    assert_string_equal(ls.first.resolution, "incoming");

    /* the decision reaches the tablet (its work is acknowledged) and follows its revision 3 */
    assert_int_equal(fq_store_begin(w.tab), FQ_OK);
    assert_int_equal(fq_store_sync_add_receipt(w.tab, "receipt-1", last_seq(w.tab), "office"),
                     FQ_OK);
    assert_int_equal(fq_store_commit(w.tab), FQ_OK);
    change_list pack;
    changes_after(w.office, 0, &pack);
    assert_true(apply_all(w.tab, FQ_STORE_FROM_OFFICE, NULL, &pack) & FQ_STORE_APPLIED);
    free_changes(&pack);
    fq_issue back;
    assert_int_equal(fq_store_get_issue(w.tab, w.issue.meta.uuid, &back), FQ_OK);
    assert_string_equal(back.resolution_note, "tablet: relabelled");
    assert_string_equal(back.description, "");
    assert_int_equal(back.meta.revision, 4);
    /* and the tablet's next edit, on revision 4, applies at the office */
    after = last_seq(w.tab);
    snprintf(back.description, sizeof back.description, "labels checked");
    assert_int_equal(fq_store_put_issue(w.tab, &back), FQ_OK);
    assert_int_equal(tablet_to_office(&w, after), FQ_STORE_APPLIED);
    assert_int_equal(fq_store_get_issue(w.office, w.issue.meta.uuid, &at), FQ_OK);
    assert_string_equal(at.description, "labels checked");
    assert_int_equal(at.meta.revision, 5);
    close_world(&w);
}

/* ---- on the device ---- */

static void test_job_pack_keeps_the_devices_work(void **state)
{
    (void)state;
    world w;
    office_plans(&w, "pack");
    /* the tablet signs off; the office, not knowing, re-plans the visit */
    assert_int_equal(fq_store_finish_visit(w.tab, w.visit.meta.uuid, FQ_VERDICT_FAIL), FQ_OK);
    int64_t office_after = last_seq(w.office);
    fq_visit plan;
    assert_int_equal(fq_store_get_visit(w.office, w.visit.meta.uuid, &plan), FQ_OK);
    snprintf(plan.inspector_name, sizeof plan.inspector_name, "Wang Fang");
    plan.summary[0] = '\0';
    assert_int_equal(fq_store_put_visit(w.office, &plan), FQ_OK);
    change_list pack;
    changes_after(w.office, office_after, &pack);
    assert_int_equal(pack.n, 1);
    int outcome = apply_all(w.tab, FQ_STORE_FROM_OFFICE, NULL, &pack);
    assert_int_equal(outcome, FQ_STORE_APPLIED);
    fq_visit v;
    assert_int_equal(fq_store_get_visit(w.tab, w.visit.meta.uuid, &v), FQ_OK);
    assert_true(v.finished);
    assert_int_equal(v.verdict, FQ_VERDICT_FAIL);
    assert_string_equal(v.inspector_name, "Wang Fang");
    assert_int_equal(v.meta.revision, 2);
    free_changes(&pack);

    /* a finding the device changed is not overwritten by the office's older copy, nor by a
     * newer one while the office has not acknowledged the device's change */
    fq_finding *fs = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(w.office, FQ_ENT_FINDING, "visit_uuid", w.visit.meta.uuid,
                                   NULL, (void **)&fs, &n), FQ_OK);
    assert_true(n > 0);
    fq_finding f = fs[0];
    free(fs);
    snprintf(f.note, sizeof f.note, "office typo fix");
    assert_int_equal(fq_store_put_finding(w.office, &f), FQ_OK); /* revision 2 (a test only) */
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE visits SET finished = 0 WHERE uuid = '%s'",
             w.visit.meta.uuid);
    assert_int_equal(sqlite3_exec(fq_store_db(w.tab), sql, NULL, NULL, NULL), SQLITE_OK);
    fq_finding mine;
    assert_int_equal(fq_store_get_finding(w.tab, f.meta.uuid, &mine), FQ_OK);
    snprintf(mine.note, sizeof mine.note, "device note");
    assert_int_equal(fq_store_put_finding(w.tab, &mine), FQ_OK); /* revision 2, pending */
    snprintf(mine.note, sizeof mine.note, "device note, later");
    assert_int_equal(fq_store_put_finding(w.tab, &mine), FQ_OK); /* revision 3, pending */
    changes_after(w.office, 0, &pack);
    outcome = apply_all(w.tab, FQ_STORE_FROM_OFFICE, NULL, &pack);
    assert_int_equal(outcome & FQ_STORE_KEPT_LOCAL, 0); /* office's 2 is older than the 3 */
    assert_int_equal(fq_store_get_finding(w.tab, f.meta.uuid, &mine), FQ_OK);
    assert_string_equal(mine.note, "device note, later");
    /* the office goes past it: still the device's, until the office acknowledged its work */
    assert_int_equal(fq_store_get_finding(w.office, f.meta.uuid, &f), FQ_OK);
    snprintf(f.note, sizeof f.note, "office again");
    assert_int_equal(fq_store_put_finding(w.office, &f), FQ_OK);
    snprintf(f.note, sizeof f.note, "office once more");
    assert_int_equal(fq_store_put_finding(w.office, &f), FQ_OK); /* revision 4 */
    free_changes(&pack);
    changes_after(w.office, 0, &pack);
    outcome = apply_all(w.tab, FQ_STORE_FROM_OFFICE, NULL, &pack);
    assert_true(outcome & FQ_STORE_KEPT_LOCAL);
    assert_int_equal(fq_store_get_finding(w.tab, f.meta.uuid, &mine), FQ_OK);
    assert_string_equal(mine.note, "device note, later");
    /* acknowledged: now the office's newer row is taken */
    assert_int_equal(fq_store_begin(w.tab), FQ_OK);
    assert_int_equal(fq_store_sync_add_receipt(w.tab, "r-1", last_seq(w.tab), "office"), FQ_OK);
    assert_int_equal(fq_store_commit(w.tab), FQ_OK);
    outcome = apply_all(w.tab, FQ_STORE_FROM_OFFICE, NULL, &pack);
    assert_true(outcome & FQ_STORE_APPLIED);
    assert_int_equal(fq_store_get_finding(w.tab, f.meta.uuid, &mine), FQ_OK);
    assert_string_equal(mine.note, "office once more");
    free_changes(&pack);
    close_world(&w);
}

/* Received changes are marked once per transaction (store_state.applying, issue 18): the
 * mark ends at the commit and before any local action inside the same transaction, so the
 * device's own work is never logged as received (it would never be exported). */
static void test_applying_mark_ends_with_the_transaction(void **state)
{
    (void)state;
    world w;
    office_plans(&w, "mark");
    fq_visit plan;
    assert_int_equal(fq_store_get_visit(w.office, w.visit.meta.uuid, &plan), FQ_OK);
    int64_t office_after = last_seq(w.office);
    snprintf(plan.inspector_name, sizeof plan.inspector_name, "Wang Fang");
    assert_int_equal(fq_store_put_visit(w.office, &plan), FQ_OK);
    change_list pack;
    changes_after(w.office, office_after, &pack);
    assert_int_equal(pack.n, 1);
    int64_t tab_after = last_seq(w.tab);
    fq_store_sender office = {FQ_STORE_FROM_OFFICE, NULL, NULL};
    assert_int_equal(fq_store_begin(w.tab), FQ_OK);
    int outcome = 0;
    assert_int_equal(fq_store_apply_change(w.tab, &office, &pack.items[0].c, &outcome), FQ_OK);
    assert_true(outcome & FQ_STORE_APPLIED);
    assert_int_equal(query_i64(w.tab, "SELECT applying FROM store_state"), 1);
    fq_finding f;
    memset(&f, 0, sizeof f);
    snprintf(f.visit_uuid, sizeof f.visit_uuid, "%s", w.visit.meta.uuid);
    snprintf(f.text, sizeof f.text, "a local finding in the same transaction");
    assert_int_equal(fq_store_put_finding(w.tab, &f), FQ_OK);
    assert_int_equal(fq_store_commit(w.tab), FQ_OK);
    assert_int_equal(query_i64(w.tab, "SELECT applying FROM store_state"), 0);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT origin FROM changelog WHERE seq > %lld AND tbl = 'visits'",
             (long long)tab_after);
    assert_int_equal(query_i64(w.tab, sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT origin FROM changelog WHERE seq > %lld AND tbl = 'findings'",
             (long long)tab_after);
    assert_int_equal(query_i64(w.tab, sql), 0);
    /* a rolled-back apply leaves no mark either; the next local put is local */
    assert_int_equal(fq_store_begin(w.tab), FQ_OK);
    assert_int_equal(fq_store_apply_change(w.tab, &office, &pack.items[0].c, &outcome), FQ_OK);
    fq_store_rollback(w.tab);
    assert_int_equal(query_i64(w.tab, "SELECT applying FROM store_state"), 0);
    snprintf(f.note, sizeof f.note, "edited after a rollback");
    int64_t before = last_seq(w.tab);
    assert_int_equal(fq_store_put_finding(w.tab, &f), FQ_OK);
    snprintf(sql, sizeof sql, "SELECT origin FROM changelog WHERE seq > %lld",
             (long long)before);
    assert_int_equal(query_i64(w.tab, sql), 0);
    free_changes(&pack);
    close_world(&w);
}

/* ---- measurements (issue 20): specs are the office's, readings the visit's device's ---- */

static void test_measurement_ownership(void **state)
{
    (void)state;
    world w;
    office_plans(&w, "meas");
    int64_t office_after = last_seq(w.office);
    fq_meas_spec s;
    memset(&s, 0, sizeof s);
    snprintf(s.order_uuid, sizeof s.order_uuid, "%s", w.order.meta.uuid);
    snprintf(s.point, sizeof s.point, "A");
    snprintf(s.unit, sizeof s.unit, "cm");
    s.nominal_milli = 52000;
    s.tol_minus_milli = s.tol_plus_milli = 1000;
    s.n_units = 5;
    s.severity = FQ_SEV_MAJOR;
    fq_meas_spec_id(w.order.meta.uuid, "", "A", s.meta.uuid);
    assert_int_equal(fq_store_put_meas_spec(w.office, &s), FQ_OK);
    change_list pack;
    changes_after(w.office, office_after, &pack);
    assert_int_equal(apply_all(w.tab, FQ_STORE_FROM_OFFICE, NULL, &pack), FQ_STORE_APPLIED);
    free_changes(&pack);
    /* the tablet widens the tolerance (not its to change) and records a reading */
    int64_t after = last_seq(w.tab);
    fq_meas_spec mine;
    assert_int_equal(fq_store_get_meas_spec(w.tab, s.meta.uuid, &mine), FQ_OK);
    mine.tol_plus_milli = 5000;
    assert_int_equal(fq_store_put_meas_spec(w.tab, &mine), FQ_OK);
    fq_meas_reading r;
    memset(&r, 0, sizeof r);
    snprintf(r.visit_uuid, sizeof r.visit_uuid, "%s", w.visit.meta.uuid);
    snprintf(r.spec_uuid, sizeof r.spec_uuid, "%s", s.meta.uuid);
    r.unit_no = 1;
    r.value_milli = 54200;
    assert_int_equal(fq_store_put_meas_reading(w.tab, &r), FQ_OK);
    int outcome = tablet_to_office(&w, after);
    assert_true(outcome & FQ_STORE_REFUSED);
    assert_true(outcome & FQ_STORE_APPLIED);
    fq_meas_spec at;
    assert_int_equal(fq_store_get_meas_spec(w.office, s.meta.uuid, &at), FQ_OK);
    assert_int_equal(at.tol_plus_milli, 1000);
    fq_meas_reading atr;
    assert_int_equal(fq_store_get_meas_reading(w.office, r.meta.uuid, &atr), FQ_OK);
    assert_int_equal(atr.value_milli, 54200);
    assert_int_equal(query_i64(w.office, "SELECT count(*) FROM office_conflicts WHERE"
                                         " tbl = 'meas_specs' AND reason LIKE"
                                         " '%owned by the office%'"),
                     1);
    close_world(&w);
}

/* ---- checklist templates ---- */

static void test_templates_have_stable_ids(void **state)
{
    (void)state;
    char a[FQ_UUID_LEN], b[FQ_UUID_LEN], c[FQ_UUID_LEN];
    fq_checklist_item_id(FQ_VISIT_INLINE, "Packing", "Marks", a);
    fq_checklist_item_id(FQ_VISIT_INLINE, "Packing", "Marks", b);
    fq_checklist_item_id(FQ_VISIT_INLINE, "PackingMarks", "", c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    fq_checklist_item_id(FQ_VISIT_PRE_SHIPMENT, "Packing", "Marks", c);
    assert_string_not_equal(a, c);
    assert_int_equal(a[14], '8'); /* version 8 */

    /* two databases that load the same checkpoint give it the same id */
    fq_store *one = open_store("tpl-1.db", "tab-1");
    fq_store *two = open_store("tpl-2.db", "tab-2");
    fq_checklist_item it, it2;
    memset(&it, 0, sizeof it);
    it.visit_type = FQ_VISIT_INLINE;
    snprintf(it.section, sizeof it.section, "Packing");
    snprintf(it.text, sizeof it.text, "Marks");
    it2 = it;
    assert_int_equal(fq_store_put_checklist_item(one, &it), FQ_OK);
    assert_int_equal(fq_store_put_checklist_item(two, &it2), FQ_OK);
    assert_string_equal(it.meta.uuid, a);
    assert_string_equal(it2.meta.uuid, a);
    /* the same checkpoint again is the same item */
    fq_checklist_item again;
    memset(&again, 0, sizeof again);
    again.visit_type = FQ_VISIT_INLINE;
    snprintf(again.section, sizeof again.section, "Packing");
    snprintf(again.text, sizeof again.text, "Marks");
    int64_t seq = last_seq(one);
    assert_int_equal(fq_store_put_checklist_item(one, &again), FQ_OK);
    assert_string_equal(again.meta.uuid, a);
    assert_int_equal(last_seq(one), seq);

    /* a database holding copies under other ids (from before) gives a visit one finding each */
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO checklist_items SELECT '0000000%d-0000-4000-8000-000000000000',"
             " device_id, inspector, created_utc + %d, updated_utc, revision, visit_type,"
             " checklist, section, position, text, fail_evidence FROM checklist_items WHERE uuid = '%s'",
             1, 1, a);
    assert_int_equal(sqlite3_exec(fq_store_db(one), sql, NULL, NULL, NULL), SQLITE_OK);
    fq_order o;
    memset(&o, 0, sizeof o);
    assert_int_equal(fq_store_put_order(one, &o), FQ_OK);
    fq_visit v;
    memset(&v, 0, sizeof v);
    snprintf(v.order_uuid, sizeof v.order_uuid, "%s", o.meta.uuid);
    v.type = FQ_VISIT_INLINE;
    assert_int_equal(fq_store_create_visit(one, &v), FQ_OK);
    int64_t n_findings = 0;
    assert_int_equal(fq_store_count(one, FQ_ENT_FINDING, "visit_uuid", v.meta.uuid, &n_findings),
                     FQ_OK);
    assert_int_equal(n_findings, 1);
    fq_store_close(one);
    fq_store_close(two);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_without_change_writes_nothing),
        cmocka_unit_test(test_revision_never_overflows),
        cmocka_unit_test(test_visit_plan_and_results_have_own_revisions),
        cmocka_unit_test(test_change_log_says_base_and_columns),
        cmocka_unit_test(test_office_applies_on_the_held_revision),
        cmocka_unit_test(test_office_refuses_what_is_not_the_devices),
        cmocka_unit_test(test_office_refuses_revisions_that_do_not_follow),
        cmocka_unit_test(test_concurrent_issue_edits_conflict_and_resolve),
        cmocka_unit_test(test_job_pack_keeps_the_devices_work),
        cmocka_unit_test(test_applying_mark_ends_with_the_transaction),
        cmocka_unit_test(test_templates_have_stable_ids),
        cmocka_unit_test(test_measurement_ownership),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
