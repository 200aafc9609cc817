/* No honest edit can lose (issue 11): ownership instead of last-writer-wins, revisions
 * checked against their base, conflicts kept and shown, checklist templates with stable ids.
 * Tablets are real device databases synced through their sync folders by the real
 * fieldqc-office binary (argv[1]); the office database is read through the office library.
 *
 * - the office re-running `jobs` ten times during a visit writes nothing; the sign-off reaches
 *   the office intact and no job pack reverts it on the tablet;
 * - a device bundle with a revision of INT64_MAX, a jumped revision or no base is refused
 *   (kept with its reason), and the record stays writable;
 * - two tablets closing the same issue at the same revision: a conflict listed by
 *   `fieldqc-office conflicts`, resolved there, and the resolution reaches both tablets;
 * - a tablet changing an order or a milestone is refused with the reason, the rest of its
 *   bundle applies;
 * - two tablets on the same order: every checkpoint once on new visits, at the office and on
 *   the tablets. */
#include "harness.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bundle/bundle.h"
#include "office/office.h"
#include "services/app.h"
#include "sync_fixture.h"
#include "services/sync.h"
#include "store/store.h"
#include "store/store_testing.h"

static const char *office_bin;
static char dir[1024];
static char office_db[1100];
static char out_file[1100];
static char checklists[1100];

typedef struct tablet {
    char id[32];
    char db_path[1100];
    char photo_dir[1200];
    char sync_dir[1100];
    fq_store *st;
    fq_app_sync *sync;
} tablet;

/* ---- helpers ---- */

static int office(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs `fieldqc-office <args> --db office.db`, output (both streams) into out_file. */
static int office(const char *fmt, ...)
{
    char args[4096], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "'%s' %s --db '%s' >'%s' 2>&1", office_bin, args, office_db,
             out_file);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void office_ok(const char *what, int rc)
{
    if (rc != 0) {
        char *out = fq_test_slurp(out_file);
        fail_msg("fieldqc-office %s failed (%d): %s", what, rc, out);
    }
}

static void write_file(const char *name, const char *text)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(fq_test_write_file(path, text, strlen(text)), 0);
}

static const char orders_csv[] =
    "po_number,buyer,supplier,factory,product,quantity,ship_date,kind\n"
    "PO-OWN-1,Northwind Home,Ningbo Bright,Plant 2,Ceramic mug,5000,2026-12-20,product\n";
static const char milestones_csv[] =
    "po_number,milestone,due_date,status,owner\n"
    "PO-OWN-1,sample_approval,2026-11-01,done,Anna\n"
    "PO-OWN-1,pre_shipment,2026-11-26,pending,Li Wei\n";

/* The office loads the sheets (orders, milestones, visits.csv, the asset checklists). */
static int jobs(void)
{
    return office("jobs --orders '%s/orders.csv' --milestones '%s/milestones.csv'"
                  " --visits '%s/visits.csv' --checklists '%s'", dir, dir, dir, checklists);
}

static void setup(const char *name, const char *visits_csv)
{
    snprintf(dir, sizeof dir, "%s", fq_test_dir(name));
    fx_office_path(dir, office_db, sizeof office_db);
    snprintf(out_file, sizeof out_file, "%s/out.txt", dir);
    snprintf(checklists, sizeof checklists, "%s/assets/checklists", getenv("FIELDQC_SOURCE_DIR"));
    write_file("orders.csv", orders_csv);
    write_file("milestones.csv", milestones_csv);
    write_file("visits.csv", visits_csv);
}

static fq_office *office_open(void);

/* Enrols device `id` with public key `pub` at the office (as `fieldqc-office enrol` does),
 * so what it sends is taken: these tests are about what an enrolled device may change. */
static void enrol(const char *id, const char *pub)
{
    fq_office *o = office_open();
    int changed = 0;
    if (fq_office_enrol(o, id, pub, 1, &changed))
        fail_msg("enrol %s: %s", id, fq_office_errmsg(o));
    fq_office_close(o);
}

static void tablet_open(tablet *t, const char *id)
{
    memset(t, 0, sizeof *t);
    snprintf(t->id, sizeof t->id, "%s", id);
    snprintf(t->db_path, sizeof t->db_path, "%s/%s.db", dir, id);
    snprintf(t->photo_dir, sizeof t->photo_dir, "%s.photos", t->db_path);
    snprintf(t->sync_dir, sizeof t->sync_dir, "%s/%s-sync", dir, id);
    if (fq_store_open(t->db_path, &t->st))
        fail_msg("open %s: %s", t->db_path, fq_store_errmsg(t->st));
    assert_int_equal(fq_store_set_actor(t->st, id, "Li Wei"), FQ_OK);
    if (fq_app_sync_open(t->st, t->photo_dir, t->sync_dir, &t->sync))
        fail_msg("sync %s: %s", id, fq_app_sync_errmsg(t->sync));
    fq_bundle_key key;
    char err[256];
    if (fq_app_sync_key_load(t->st, &key, err, sizeof err))
        fail_msg("key %s: %s", id, err);
    enrol(id, key.public_hex);
    fq_bundle_key_wipe(&key);
}

static void tablet_close(tablet *t)
{
    fq_app_sync_close(t->sync);
    fq_store_close(t->st);
    t->sync = NULL;
    t->st = NULL;
}

/* The tethered round trip: the tablet exports what it has, `fieldqc-office sync` pulls and
 * imports it and writes a receipt and the job pack, the tablet reads its inbox. */
static fq_app_sync_inbox_result sync_tablet(tablet *t)
{
    fq_app_sync_export_result ex;
    if (fq_app_sync_export(t->sync, &ex))
        fail_msg("export %s: %s", t->id, fq_app_sync_errmsg(t->sync));
    office_ok("sync", office("sync --device %s '%s'", t->id, t->sync_dir));
    fq_app_sync_inbox_result in;
    if (fq_app_sync_read_inbox(t->sync, &in))
        fail_msg("inbox %s: %s", t->id, fq_app_sync_errmsg(t->sync));
    assert_int_equal(in.n_rejected, 0);
    return in;
}

/* The office sends down without anything new from the tablet (its outbox left alone). */
static void send_down_only(tablet *t)
{
    office_ok("sync", office("sync --device %s '%s'", t->id, t->sync_dir));
    fq_app_sync_inbox_result in;
    if (fq_app_sync_read_inbox(t->sync, &in))
        fail_msg("inbox %s: %s", t->id, fq_app_sync_errmsg(t->sync));
    assert_int_equal(in.n_rejected, 0);
}

static fq_office *office_open(void)
{
    fq_office *o = NULL;
    if (fx_office_open(office_db, &o))
        fail_msg("office: %s", fq_office_errmsg(o));
    return o;
}

/* The one visit of `device` of type `type` in st (fails when there is not exactly one). */
/* A list from a device database (dev) or the office store (off): one of them is NULL. */
static fq_err list_of(fq_store *dev, fq_ostore *off, fq_entity_id ent, const char *col,
                      const char *val, void **out, size_t *n)
{
    return dev ? fq_store_list(dev, ent, col, val, NULL, out, n)
               : fq_ostore_list(off, ent, col, val, NULL, out, n);
}

#define visit_of(st, device, type)                                                             \
    _Generic((st), fq_store *: visit_of_dev, fq_ostore *: visit_of_office)(st, device, type)
#define distinct_items(st, type, out_n)                                                        \
    _Generic((st), fq_store *: distinct_items_dev, fq_ostore *: distinct_items_office)(st, type, \
                                                                                      out_n)

static fq_visit visit_of_any(fq_store *dev, fq_ostore *off, const char *device, int32_t type)
{
    fq_visit *vs = NULL;
    size_t n = 0;
    assert_int_equal(list_of(dev, off, FQ_ENT_VISIT, "assigned_device", device, (void **)&vs,
                             &n), FQ_OK);
    fq_visit found;
    int n_found = 0;
    for (size_t i = 0; i < n; i++)
        if (vs[i].type == type) {
            found = vs[i];
            n_found++;
        }
    free(vs);
    if (n_found != 1)
        fail_msg("%d visits of type %d for %s", n_found, (int)type, device);
    return found;
}

static fq_visit visit_of_dev(fq_store *st, const char *device, int32_t type)
{
    return visit_of_any(st, NULL, device, type);
}

static fq_visit visit_of_office(fq_ostore *st, const char *device, int32_t type)
{
    return visit_of_any(NULL, st, device, type);
}

static fq_issue only_issue(fq_store *st)
{
    fq_issue *is = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(st, FQ_ENT_ISSUE, NULL, NULL, NULL, (void **)&is, &n), FQ_OK);
    assert_int_equal(n, 1);
    fq_issue one = is[0];
    free(is);
    return one;
}

/* How many changes the office logged (it never removes one): equal before and after means
 * nothing was written. */
static int64_t last_seq_of(const char *db)
{
    fq_office *o = NULL;
    if (fx_office_open(db, &o))
        fail_msg("open %s: %s", db, fq_office_errmsg(o));
    int64_t n = fx_count(fq_office_store(o), "changelog");
    fq_office_close(o);
    return n;
}

/* ---- the office re-running jobs during a visit ---- */

static void test_rerun_jobs_keeps_the_sign_off(void **state)
{
    (void)state;
    setup("signoff", "po_number,visit_type,planned_date,device,inspector\n"
                     "PO-OWN-1,pre_shipment,2026-11-25,tab-s,Li Wei\n");
    office_ok("jobs", jobs());
    tablet t;
    tablet_open(&t, "tab-s");
    sync_tablet(&t);
    fq_visit v = visit_of(t.st, "tab-s", FQ_VISIT_PRE_SHIPMENT);

    /* the office re-runs the same sheets while the inspector works: nothing is written */
    int64_t before = last_seq_of(office_db);
    for (int i = 0; i < 5; i++)
        office_ok("jobs again", jobs());
    assert_int_equal(last_seq_of(office_db), before);

    fq_finding *fs = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(t.st, FQ_ENT_FINDING, "visit_uuid", v.meta.uuid, NULL,
                                   (void **)&fs, &n), FQ_OK);
    assert_true(n > 3);
    fs[0].result = FQ_RESULT_FAIL;
    snprintf(fs[0].note, sizeof fs[0].note, "2 mugs with glaze drips");
    assert_int_equal(fq_store_put_finding(t.st, &fs[0]), FQ_OK);
    char finding_uuid[FQ_UUID_LEN];
    snprintf(finding_uuid, sizeof finding_uuid, "%s", fs[0].meta.uuid);
    free(fs);
    assert_int_equal(fq_store_finish_visit(t.st, v.meta.uuid, FQ_VERDICT_PASS), FQ_OK);

    for (int i = 0; i < 5; i++)
        office_ok("jobs again", jobs());
    assert_int_equal(last_seq_of(office_db), before);

    /* a job pack written before the sign-off reached the office does not undo it */
    send_down_only(&t);
    fq_visit got;
    assert_int_equal(fq_store_get_visit(t.st, v.meta.uuid, &got), FQ_OK);
    assert_true(got.finished);
    assert_int_equal(got.verdict, FQ_VERDICT_PASS);

    /* the sign-off arrives at the office intact */
    sync_tablet(&t);
    fq_office *o = office_open();
    fq_visit at_office;
    assert_int_equal(fq_ostore_get_visit(fq_office_store(o), v.meta.uuid, &at_office), FQ_OK);
    assert_true(at_office.finished);
    assert_int_equal(at_office.verdict, FQ_VERDICT_PASS);
    assert_int_equal(at_office.ended_utc, got.ended_utc);
    fq_finding f;
    assert_int_equal(fq_ostore_get_finding(fq_office_store(o), finding_uuid, &f), FQ_OK);
    assert_string_equal(f.note, "2 mugs with glaze drips");
    fq_office_close(o);

    /* and the next round trip leaves the tablet's visit signed off */
    office_ok("jobs again", jobs());
    sync_tablet(&t);
    assert_int_equal(fq_store_get_visit(t.st, v.meta.uuid, &got), FQ_OK);
    assert_true(got.finished);
    assert_int_equal(got.verdict, FQ_VERDICT_PASS);
    tablet_close(&t);
}

/* ---- revisions are not taken from the wire blindly ---- */

typedef struct forged {
    const char *what;
    int64_t revision;
    const char *base_json; /* NULL: no base at all (an old or broken writer) */
} forged;

/* A change bundle "from" device `device` carrying one update of the issue: its row at
 * the given revision, with the given base. */
static void write_forged_bundle(const char *path, const char *device, int64_t seq,
                                const fq_issue *is, const forged *f, const fq_bundle_key *key)
{
    /* the row as JSON, by the store's own column names (sqlite's json_object) */
    char note[FQ_NOTE_LEN];
    snprintf(note, sizeof note, "forged: %s", f->what);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    char sql[2048];
    snprintf(sql, sizeof sql,
             "SELECT json_object('uuid', ?1, 'device_id', ?2, 'inspector', 'Mallory',"
             " 'created_utc', %lld, 'updated_utc', 1795219200, 'revision', %lld,"
             " 'order_uuid', ?3, 'visit_uuid', '', 'title', ?4, 'description', '',"
             " 'severity', %d, 'opened_utc', %lld, 'closed_utc', 1795219200,"
             " 'resolution_note', ?5)",
             (long long)is->meta.created_utc, (long long)f->revision, (int)is->severity,
             (long long)is->opened_utc);
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    sqlite3_bind_text(stmt, 1, is->meta.uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, device, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, is->order_uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, is->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, note, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    char row[4096];
    snprintf(row, sizeof row, "%s", (const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    char json[8192];
    if (f->base_json) {
        /* the change envelope of format 2: the base and the changed columns */
        row[strlen(row) - 1] = '\0';
        snprintf(json, sizeof json,
                 "%s,\"_base\":%s,\"_changed\":\"closed_utc,resolution_note\"}", row,
                 f->base_json);
    } else {
        snprintf(json, sizeof json, "%s", row);
    }
    sqlite3_close(db);

    fq_bundle_info info;
    memset(&info, 0, sizeof info);
    info.kind = FQ_BUNDLE_CHANGES;
    snprintf(info.device_id, sizeof info.device_id, "%s", device);
    snprintf(info.inspector, sizeof info.inspector, "Mallory");
    info.created_utc = 1795219200;
    info.after_seq = seq - 1;
    info.to_seq = seq;
    fq_bundle_writer *w = NULL;
    assert_int_equal(fq_bundle_writer_new(path, &info, key, &w), FQ_OK);
    fq_change c = {seq, "issues", is->meta.uuid, f->revision, 'U', 1795219200, json};
    if (fq_bundle_writer_add_record(w, &c))
        fail_msg("add: %s", fq_bundle_writer_errmsg(w));
    if (fq_bundle_writer_finish(w, NULL))
        fail_msg("finish: %s", fq_bundle_writer_errmsg(w));
    fq_bundle_writer_free(w);
}

static void test_jumped_revisions_are_refused(void **state)
{
    (void)state;
    setup("jumps", "po_number,visit_type,planned_date,device,inspector\n"
                   "PO-OWN-1,pre_shipment,2026-11-25,tab-j,Li Wei\n");
    office_ok("jobs", jobs());
    /* the office raises an issue on the order */
    fq_office *o = office_open();
    fq_ostore *ost = fq_office_store(o);
    fq_visit v = visit_of(ost, "tab-j", FQ_VISIT_PRE_SHIPMENT);
    fq_issue is;
    memset(&is, 0, sizeof is);
    snprintf(is.order_uuid, sizeof is.order_uuid, "%s", v.order_uuid);
    snprintf(is.title, sizeof is.title, "Carton artwork v3 not confirmed");
    is.severity = FQ_SEV_MAJOR;
    is.opened_utc = 1795000000;
    assert_int_equal(fq_ostore_put_issue(ost, &is), FQ_OK);
    fq_office_close(o);

    static const forged cases[] = {
        {"INT64_MAX", INT64_MAX, "{\"revision\":9223372036854775806}"},
        {"jumped", 7, "{\"revision\":6}"},
        {"revision is not base + 1", 5, "{\"revision\":1}"},
        {"no base", 2, NULL},
    };
    /* tab-x is an enrolled tablet that misbehaves: its bundles are signed, its changes are
     * what the apply rules must judge */
    char seed[FQ_BUNDLE_SEED_HEX_LEN];
    fq_bundle_key key;
    assert_int_equal(fq_bundle_key_generate(seed), FQ_OK);
    assert_int_equal(fq_bundle_key_from_seed(seed, &key), FQ_OK);
    enrol("tab-x", key.public_hex);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/forged-%zu.fqb", dir, i);
        write_forged_bundle(path, "tab-x", (int64_t)i + 1, &is, &cases[i], &key);
        office("import '%s'", path); /* refused records are reported, not an error */
        o = office_open();
        fq_issue got;
        assert_int_equal(fq_ostore_get_issue(fq_office_store(o), is.meta.uuid, &got), FQ_OK);
        if (got.meta.revision != 1 || got.resolution_note[0])
            fail_msg("%s: the office took revision %lld ('%s')", cases[i].what,
                     (long long)got.meta.revision, got.resolution_note);
        fq_office_close(o);
    }
    /* every refusal is kept with its reason and listed */
    office_ok("conflicts", office("conflicts"));
    char *out = fq_test_slurp(out_file);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char note[128];
        snprintf(note, sizeof note, "forged: %s", cases[i].what);
        if (!strstr(out, note))
            fail_msg("conflicts does not list '%s':\n%s", note, out);
    }
    assert_non_null(strstr(out, "refused"));
    assert_non_null(strstr(out, "tab-x"));
    free(out);

    /* the record is not frozen: the office and a tablet still change it */
    o = office_open();
    fq_issue got;
    assert_int_equal(fq_ostore_get_issue(fq_office_store(o), is.meta.uuid, &got), FQ_OK);
    snprintf(got.description, sizeof got.description, "artwork sent to the buyer again");
    if (fq_ostore_put_issue(fq_office_store(o), &got))
        fail_msg("office edit: %s", fq_ostore_errmsg(fq_office_store(o)));
    assert_int_equal(got.meta.revision, 2);
    fq_office_close(o);
    tablet t;
    tablet_open(&t, "tab-j");
    sync_tablet(&t);
    fq_issue mine = only_issue(t.st);
    assert_int_equal(mine.meta.revision, 2);
    mine.closed_utc = 1795300000;
    snprintf(mine.resolution_note, sizeof mine.resolution_note, "artwork v3 approved by mail");
    assert_int_equal(fq_store_put_issue(t.st, &mine), FQ_OK);
    sync_tablet(&t);
    o = office_open();
    assert_int_equal(fq_ostore_get_issue(fq_office_store(o), is.meta.uuid, &got), FQ_OK);
    assert_string_equal(got.resolution_note, "artwork v3 approved by mail");
    assert_int_equal(got.meta.revision, 3);
    fq_office_close(o);
    tablet_close(&t);
}

/* ---- two tablets, one issue ---- */

/* The id of the first open conflict on `uuid` in the output of `conflicts` ("#<id> ..."). */
static int conflict_id(const char *out, const char *uuid)
{
    const char *line = out;
    while (line && *line) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char buf[4096];
        snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), line);
        if (buf[0] == '#' && strstr(buf, uuid))
            return atoi(buf + 1);
        line = end ? end + 1 : NULL;
    }
    fail_msg("no conflict on %s in:\n%s", uuid, out);
    return -1;
}

static void test_two_tablets_one_issue(void **state)
{
    (void)state;
    setup("issue", "po_number,visit_type,planned_date,device,inspector\n"
                   "PO-OWN-1,inline,2026-11-20,tab-a,Li Wei\n"
                   "PO-OWN-1,pre_shipment,2026-11-25,tab-b,Wang Fang\n");
    office_ok("jobs", jobs());
    fq_office *o = office_open();
    fq_visit va = visit_of(fq_office_store(o), "tab-a", FQ_VISIT_INLINE);
    fq_issue is;
    memset(&is, 0, sizeof is);
    snprintf(is.order_uuid, sizeof is.order_uuid, "%s", va.order_uuid);
    snprintf(is.title, sizeof is.title, "Carton labels missing destination language");
    is.severity = FQ_SEV_MINOR;
    is.opened_utc = 1795000000;
    assert_int_equal(fq_ostore_put_issue(fq_office_store(o), &is), FQ_OK);
    fq_office_close(o);

    tablet a, b;
    tablet_open(&a, "tab-a");
    tablet_open(&b, "tab-b");
    sync_tablet(&a);
    sync_tablet(&b);
    /* both inspectors close the issue, each on revision 1 */
    fq_issue ia = only_issue(a.st), ib = only_issue(b.st);
    assert_int_equal(ia.meta.revision, 1);
    assert_int_equal(ib.meta.revision, 1);
    ia.closed_utc = 1795100000;
    snprintf(ia.resolution_note, sizeof ia.resolution_note, "A: labels reprinted in German");
    ib.closed_utc = 1795100500;
    snprintf(ib.resolution_note, sizeof ib.resolution_note, "B: supplier promised new labels");
    assert_int_equal(fq_store_put_issue(a.st, &ia), FQ_OK);
    assert_int_equal(fq_store_put_issue(b.st, &ib), FQ_OK);
    sync_tablet(&a);
    sync_tablet(&b);

    /* the office keeps A's (it came first) and B's beside it, shown to a person */
    o = office_open();
    fq_issue held;
    assert_int_equal(fq_ostore_get_issue(fq_office_store(o), is.meta.uuid, &held), FQ_OK);
    assert_string_equal(held.resolution_note, "A: labels reprinted in German");
    fq_office_close(o);
    office_ok("conflicts", office("conflicts"));
    char *out = fq_test_slurp(out_file);
    assert_non_null(strstr(out, "conflict"));
    assert_non_null(strstr(out, "tab-b"));
    assert_non_null(strstr(out, "B: supplier promised new labels"));
    assert_non_null(strstr(out, "A: labels reprinted in German"));
    int id = conflict_id(out, is.meta.uuid);
    free(out);

    /* a person decides: B's note */
    office_ok("resolve", office("conflicts --resolve %d --keep incoming", id));
    o = office_open();
    assert_int_equal(fq_ostore_get_issue(fq_office_store(o), is.meta.uuid, &held), FQ_OK);
    assert_string_equal(held.resolution_note, "B: supplier promised new labels");
    assert_true(held.meta.revision > 2); /* follows both sides' revision 2 */
    fq_office_close(o);
    office_ok("conflicts", office("conflicts"));
    out = fq_test_slurp(out_file);
    assert_null(strstr(out, is.meta.uuid));
    free(out);
    assert_int_not_equal(office("conflicts --resolve %d --keep incoming", id), 0);

    /* the resolution reaches both tablets with the next job pack */
    sync_tablet(&a);
    sync_tablet(&b);
    ia = only_issue(a.st);
    ib = only_issue(b.st);
    assert_string_equal(ia.resolution_note, "B: supplier promised new labels");
    assert_string_equal(ib.resolution_note, "B: supplier promised new labels");
    assert_int_equal(ia.meta.revision, held.meta.revision);
    assert_int_equal(ib.meta.revision, held.meta.revision);
    /* and nothing new is in conflict after another round */
    sync_tablet(&a);
    sync_tablet(&b);
    office_ok("conflicts", office("conflicts"));
    out = fq_test_slurp(out_file);
    assert_null(strstr(out, is.meta.uuid));
    free(out);
    tablet_close(&a);
    tablet_close(&b);
}

/* ---- a tablet may not change what the office owns ---- */

static void test_device_cannot_change_orders_or_milestones(void **state)
{
    (void)state;
    setup("owned", "po_number,visit_type,planned_date,device,inspector\n"
                   "PO-OWN-1,pre_shipment,2026-11-25,tab-o,Li Wei\n");
    office_ok("jobs", jobs());
    tablet t;
    tablet_open(&t, "tab-o");
    sync_tablet(&t);
    fq_visit v = visit_of(t.st, "tab-o", FQ_VISIT_PRE_SHIPMENT);
    fq_order ord;
    assert_int_equal(fq_store_get_order(t.st, v.order_uuid, &ord), FQ_OK);
    ord.quantity = 1;
    snprintf(ord.note, sizeof ord.note, "changed on the tablet");
    assert_int_equal(fq_store_put_order(t.st, &ord), FQ_OK);
    fq_milestone *ms = NULL;
    size_t n = 0;
    assert_int_equal(fq_store_list(t.st, FQ_ENT_MILESTONE, "order_uuid", v.order_uuid, NULL,
                                   (void **)&ms, &n), FQ_OK);
    assert_int_equal(n, 2);
    int32_t ms_status = ms[0].status;
    ms[0].status = FQ_MSS_BLOCKED;
    assert_int_equal(fq_store_put_milestone(t.st, &ms[0]), FQ_OK);
    char ms_uuid[FQ_UUID_LEN];
    snprintf(ms_uuid, sizeof ms_uuid, "%s", ms[0].meta.uuid);
    free(ms);
    /* ... and the tablet's own work in the same bundle */
    fq_production *p = NULL;
    assert_int_equal(fq_store_list(t.st, FQ_ENT_PRODUCTION, "visit_uuid", v.meta.uuid, NULL,
                                   (void **)&p, &n), FQ_OK);
    assert_int_equal(n, 1);
    p[0].completed = 4200;
    assert_int_equal(fq_store_put_production(t.st, &p[0]), FQ_OK);
    char p_uuid[FQ_UUID_LEN];
    snprintf(p_uuid, sizeof p_uuid, "%s", p[0].meta.uuid);
    free(p);

    fq_app_sync_export_result ex;
    assert_int_equal(fq_app_sync_export(t.sync, &ex), FQ_OK);
    office("import '%s'", ex.path);
    char *out = fq_test_slurp(out_file);
    assert_non_null(strstr(out, "refused"));
    free(out);

    fq_office *o = office_open();
    fq_order at_office;
    assert_int_equal(fq_ostore_get_order(fq_office_store(o), v.order_uuid, &at_office), FQ_OK);
    assert_int_equal(at_office.quantity, 5000);
    assert_string_equal(at_office.note, "");
    fq_milestone m;
    assert_int_equal(fq_ostore_get_milestone(fq_office_store(o), ms_uuid, &m), FQ_OK);
    assert_int_equal(m.status, ms_status);
    fq_production prod;
    assert_int_equal(fq_ostore_get_production(fq_office_store(o), p_uuid, &prod), FQ_OK);
    assert_int_equal(prod.completed, 4200); /* the rest of the bundle applied */
    fq_office_close(o);

    office_ok("conflicts", office("conflicts"));
    out = fq_test_slurp(out_file);
    assert_non_null(strstr(out, v.order_uuid));
    assert_non_null(strstr(out, ms_uuid));
    assert_non_null(strstr(out, "owned by the office"));
    free(out);

    /* the office's order goes back to the tablet once a person dismissed the refusal */
    office_ok("conflicts", office("conflicts"));
    out = fq_test_slurp(out_file);
    int id = conflict_id(out, v.order_uuid);
    free(out);
    office_ok("resolve", office("conflicts --resolve %d --keep held", id));
    sync_tablet(&t);
    assert_int_equal(fq_store_get_order(t.st, v.order_uuid, &ord), FQ_OK);
    assert_int_equal(ord.quantity, 5000);
    tablet_close(&t);
}

/* ---- checklist templates: one id per checkpoint everywhere ---- */

static size_t distinct_items_any(fq_store *dev, fq_ostore *off, int32_t type, size_t *out_n)
{
    char key[16];
    snprintf(key, sizeof key, "%d", (int)type);
    fq_checklist_item *it = NULL;
    size_t n = 0;
    assert_int_equal(list_of(dev, off, FQ_ENT_CHECKLIST_ITEM, "visit_type", key, (void **)&it,
                             &n), FQ_OK);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = !strcmp(it[i].section, it[k].section) && !strcmp(it[i].text, it[k].text);
        distinct += !seen;
    }
    free(it);
    *out_n = n;
    return distinct;
}

static size_t distinct_items_dev(fq_store *st, int32_t type, size_t *out_n)
{
    return distinct_items_any(st, NULL, type, out_n);
}

static size_t distinct_items_office(fq_ostore *st, int32_t type, size_t *out_n)
{
    return distinct_items_any(NULL, st, type, out_n);
}

/* A tablet as the app opens it (no demo): whatever it does to the database at start. */
static void app_start(tablet *t)
{
    fq_app_config cfg;
    memset(&cfg, 0, sizeof cfg);
    char data[1100];
    snprintf(data, sizeof data, "%s/assets", getenv("FIELDQC_SOURCE_DIR"));
    cfg.db_path = t->db_path;
    cfg.data_dir = data;
    cfg.sync_dir = t->sync_dir;
    cfg.device_id = t->id;
    cfg.inspector = "Li Wei";
    fq_app *app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("app %s: %s", t->id, fq_app_errmsg(app));
    fq_app_close(app);
}

static void test_two_tablets_no_duplicate_checkpoints(void **state)
{
    (void)state;
    setup("checklists", "po_number,visit_type,planned_date,device,inspector\n"
                        "PO-OWN-1,pre_shipment,2026-11-25,tab-a,Li Wei\n"
                        "PO-OWN-1,pre_shipment,2026-11-26,tab-b,Wang Fang\n");
    office_ok("jobs", jobs());
    tablet a, b;
    tablet_open(&a, "tab-a");
    tablet_open(&b, "tab-b");
    tablet_close(&a);
    tablet_close(&b);
    app_start(&a);
    app_start(&b);
    tablet_open(&a, "tab-a");
    tablet_open(&b, "tab-b");
    sync_tablet(&a);
    sync_tablet(&b);
    sync_tablet(&a);

    /* a new visit for the same order, planned after both tablets synced */
    write_file("visits.csv", "po_number,visit_type,planned_date,device,inspector\n"
                             "PO-OWN-1,pre_shipment,2026-11-25,tab-a,Li Wei\n"
                             "PO-OWN-1,pre_shipment,2026-11-26,tab-b,Wang Fang\n"
                             "PO-OWN-1,inline,2026-11-27,tab-a,Li Wei\n");
    office_ok("jobs", jobs());
    fq_office *o = office_open();
    size_t n_items = 0;
    size_t distinct = distinct_items(fq_office_store(o), FQ_VISIT_INLINE, &n_items);
    assert_true(distinct > 3);
    assert_int_equal(n_items, distinct);
    size_t pre = distinct_items(fq_office_store(o), FQ_VISIT_PRE_SHIPMENT, &n_items);
    assert_int_equal(n_items, pre);
    fq_visit nv = visit_of(fq_office_store(o), "tab-a", FQ_VISIT_INLINE);
    int64_t n_findings = 0;
    assert_int_equal(fq_ostore_count(fq_office_store(o), FQ_ENT_FINDING, "visit_uuid",
                                    nv.meta.uuid, &n_findings), FQ_OK);
    assert_int_equal(n_findings, (int64_t)distinct);
    fq_office_close(o);

    /* on the tablet, the new visit's checklist shows every checkpoint once */
    sync_tablet(&a);
    size_t n_tab = 0;
    assert_int_equal(distinct_items(a.st, FQ_VISIT_INLINE, &n_tab), distinct);
    assert_int_equal(n_tab, distinct);
    tablet_close(&a);
    tablet_close(&b);
    fq_app_config cfg;
    memset(&cfg, 0, sizeof cfg);
    char data[1100];
    snprintf(data, sizeof data, "%s/assets", getenv("FIELDQC_SOURCE_DIR"));
    cfg.db_path = a.db_path;
    cfg.data_dir = data;
    cfg.device_id = "tab-a";
    fq_app *app = NULL;
    if (fq_app_open(&cfg, &app))
        fail_msg("app: %s", fq_app_errmsg(app));
    fq_app_checklist_row *rows = NULL;
    size_t n_rows = 0;
    assert_int_equal(fq_app_checklist_read(app, nv.meta.uuid, &rows, &n_rows), FQ_OK);
    assert_int_equal(n_rows, distinct);
    for (size_t i = 0; i < n_rows; i++)
        assert_true(rows[i].finding.meta.uuid[0] != '\0'); /* each with the visit's finding */
    free(rows);
    fq_app_close(app);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_ownership FIELDQC-OFFICE\n");
        return 2;
    }
    office_bin = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rerun_jobs_keeps_the_sign_off),
        cmocka_unit_test(test_jumped_revisions_are_refused),
        cmocka_unit_test(test_two_tablets_one_issue),
        cmocka_unit_test(test_device_cannot_change_orders_or_milestones),
        cmocka_unit_test(test_two_tablets_no_duplicate_checkpoints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
