/* fieldqc-office jobs: coordinators keep orders in spreadsheets. Reads orders.csv,
 * visits.csv, optionally milestones.csv and the checklists (the .tsv files of assets/checklists or
 * --checklists), validates every cell first (all errors are listed with file, line and
 * column, nothing is written), then upserts into the office database in one transaction:
 * orders by PO number, milestones by PO + kind, visits by PO + type + planned date,
 * checklist items by visit type + section + text (a new one gets the stable id derived from
 * them, fq_checklist_item_id), measurement points (--measurements) by PO + size + point
 * (fq_meas_spec_id). A row that matches what the office holds writes nothing, so
 * re-running the same sheets changes nothing on the office or the tablets. The columns are in
 * lib/bundle/FORMAT.md. */
#include "office/commands.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/aql.h"
#include "core/civil.h"
#include "core/meas.h"
#include "core/model_fields.h"
#include "core/names.h"
#include "csv.h"
#include "office_internal.h"

#define MAX_ERRORS 20

typedef struct sheet {
    const char *path;
    fq_office_csv_table t;
    int n_errors;
} sheet;

static void cell_error(sheet *s, const fq_office_csv_row *r, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void cell_error(sheet *s, const fq_office_csv_row *r, int col, const char *fmt, ...)
{
    if (s->n_errors++ < MAX_ERRORS) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(stderr, "%s: line %d, column %d: ", s->path, r->line, col + 1);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
        va_end(ap);
    }
}

/* A spreadsheet larger than this is not an order list: refused before reading. */
#define FQ_OFFICE_MAX_SHEET_BYTES ((size_t)64 << 20)

static int load_sheet(sheet *s, const char *path)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    unsigned char *buf = NULL;
    size_t len = 0;
    char err[256];
    if (fq_fsio_read_file(path, FQ_OFFICE_MAX_SHEET_BYTES, &buf, &len, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    fq_err e = fq_office_csv_parse((const char *)buf, len, &s->t, err, sizeof err);
    free(buf);
    if (e) {
        fprintf(stderr, "%s: %s\n", path, e == FQ_ERR_NOMEM ? "out of memory" : err);
        return -1;
    }
    if (s->t.n_rows == 0) {
        fprintf(stderr, "%s: empty (a header row is required)\n", path);
        return -1;
    }
    return 0;
}

/* Column indexes for names; reports missing required ones (names ending in '*'). */
static int columns(sheet *s, const char *const *names, int n, int *idx)
{
    int ok = 0;
    for (int i = 0; i < n; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s", names[i]);
        size_t len = strlen(name);
        int required = len && name[len - 1] == '*';
        if (required)
            name[len - 1] = '\0';
        idx[i] = fq_office_csv_column(&s->t, name);
        if (idx[i] < 0 && required) {
            fprintf(stderr, "%s: line %d: required column '%s' is missing\n", s->path,
                    s->t.rows[0].line, name);
            ok = -1;
        }
    }
    return ok;
}

static const char *cell(const fq_office_csv_row *r, int col)
{
    return col >= 0 && col < r->n_fields ? r->fields[col] : "";
}

static int64_t parse_int(sheet *s, const fq_office_csv_row *r, int col, int64_t dflt)
{
    const char *v = cell(r, col);
    if (!*v)
        return dflt;
    char *end = NULL;
    long long n = strtoll(v, &end, 10);
    if (*end || n < 0) {
        cell_error(s, r, col, "'%s' is not a whole number >= 0", v);
        return dflt;
    }
    return (int64_t)n;
}

static int64_t parse_date(sheet *s, const fq_office_csv_row *r, int col)
{
    const char *v = cell(r, col);
    int64_t utc = 0;
    if (*v && fq_utc_parse(v, &utc))
        cell_error(s, r, col, "'%s' is not a date (use YYYY-MM-DD)", v);
    return utc;
}

static void text_into(sheet *s, const fq_office_csv_row *r, int col, char *out, size_t out_len)
{
    const char *v = cell(r, col);
    if (strlen(v) >= out_len)
        cell_error(s, r, col, "text too long: '%.40s...'", v);
    snprintf(out, out_len, "%s", v);
}

/* ---- upserts ---- */

static int find_one(fq_ostore *st, fq_entity_id ent, const char *col, const char *val, void *out,
                    size_t size, int (*match)(const void *rec, const void *ctx), const void *ctx)
{
    void *list = NULL;
    size_t n = 0;
    if (fq_ostore_list(st, ent, col, val, NULL, &list, &n))
        return 0;
    int found = 0;
    for (size_t i = 0; i < n && !found; i++) {
        const char *rec = (const char *)list + i * size;
        if (!match || match(rec, ctx)) {
            memcpy(out, rec, size);
            found = 1;
        }
    }
    free(list);
    return found;
}

static int load_orders(fq_office *o, sheet *s)
{
    static const char *const names[] = {"po_number*", "buyer", "supplier", "factory", "product",
                                        "quantity", "ship_date", "kind", "note", "aql_standard"};
    int c[10];
    if (columns(s, names, 10, c))
        return -1;
    for (size_t i = 1; i < s->t.n_rows; i++) {
        const fq_office_csv_row *r = &s->t.rows[i];
        fq_order ord;
        memset(&ord, 0, sizeof ord);
        const char *po = cell(r, c[0]);
        if (!*po) {
            cell_error(s, r, c[0], "PO number is empty%s", "");
            continue;
        }
        find_one(o->db, FQ_ENT_ORDER, "po_number", po, &ord, sizeof ord, NULL, NULL);
        text_into(s, r, c[0], ord.po_number, sizeof ord.po_number);
        text_into(s, r, c[1], ord.buyer, sizeof ord.buyer);
        text_into(s, r, c[2], ord.supplier, sizeof ord.supplier);
        text_into(s, r, c[3], ord.factory, sizeof ord.factory);
        text_into(s, r, c[4], ord.product, sizeof ord.product);
        ord.quantity = parse_int(s, r, c[5], 0);
        ord.ship_date_utc = parse_date(s, r, c[6]);
        const char *kind = cell(r, c[7]);
        if (!*kind || strcasecmp(kind, "product") == 0)
            ord.kind = FQ_ORDER_PRODUCT;
        else if (strcasecmp(kind, "packaging") == 0)
            ord.kind = FQ_ORDER_PACKAGING;
        else
            cell_error(s, r, c[7], "kind '%s' is not product or packaging", kind);
        text_into(s, r, c[8], ord.note, sizeof ord.note);
        /* the buyer's sampling standard; an empty cell keeps the order's (ISO when new) */
        const char *std_text = cell(r, c[9]);
        fq_aql_standard std;
        if (*std_text && fq_aql_parse_standard(std_text, &std) == FQ_OK)
            ord.aql_standard = std;
        else if (*std_text)
            cell_error(s, r, c[9], "aql_standard '%s' is not iso (ISO 2859-1 / GB/T 2828.1) or "
                       "z14 (ANSI/ASQ Z1.4)", std_text);
        if (!s->n_errors && fq_ostore_put(o->db, FQ_ENT_ORDER, &ord)) {
            fprintf(stderr, "%s: line %d: %s\n", s->path, r->line, fq_ostore_errmsg(o->db));
            return -1;
        }
    }
    return s->n_errors ? -1 : 0;
}

static int order_uuid_of(fq_office *o, sheet *s, const fq_office_csv_row *r, int col, char *out)
{
    fq_order ord;
    if (!find_one(o->db, FQ_ENT_ORDER, "po_number", cell(r, col), &ord, sizeof ord, NULL, NULL)) {
        cell_error(s, r, col, "unknown PO number '%s' (not in the orders sheet)", cell(r, col));
        return -1;
    }
    snprintf(out, FQ_UUID_LEN, "%s", ord.meta.uuid);
    return 0;
}

static int same_kind(const void *rec, const void *ctx)
{
    return ((const fq_milestone *)rec)->kind == *(const int32_t *)ctx;
}

static int load_milestones(fq_office *o, sheet *s)
{
    static const char *const names[] = {"po_number*", "milestone*", "due_date", "grace_days",
                                        "status", "owner", "evidence", "approved_by"};
    int c[8];
    if (columns(s, names, 8, c))
        return -1;
    for (size_t i = 1; i < s->t.n_rows; i++) {
        const fq_office_csv_row *r = &s->t.rows[i];
        char order_uuid[FQ_UUID_LEN];
        int32_t kind = 0, status = FQ_MSS_PENDING;
        if (order_uuid_of(o, s, r, c[0], order_uuid))
            continue;
        if (fq_milestone_kind_parse(cell(r, c[1]), &kind)) {
            cell_error(s, r, c[1], "unknown milestone '%s'", cell(r, c[1]));
            continue;
        }
        if (*cell(r, c[4]) && fq_milestone_status_parse(cell(r, c[4]), &status))
            cell_error(s, r, c[4], "unknown status '%s'", cell(r, c[4]));
        fq_milestone m;
        memset(&m, 0, sizeof m);
        find_one(o->db, FQ_ENT_MILESTONE, "order_uuid", order_uuid, &m, sizeof m, same_kind, &kind);
        snprintf(m.order_uuid, sizeof m.order_uuid, "%s", order_uuid);
        m.kind = kind;
        m.position = kind;
        if (!m.title[0])
            snprintf(m.title, sizeof m.title, "%s", fq_milestone_kind_name(kind));
        m.due_utc = parse_date(s, r, c[2]);
        m.grace_days = (int32_t)parse_int(s, r, c[3], 2);
        m.status = status;
        text_into(s, r, c[5], m.owner, sizeof m.owner);
        text_into(s, r, c[6], m.evidence, sizeof m.evidence);
        text_into(s, r, c[7], m.approved_by, sizeof m.approved_by);
        if (!s->n_errors && fq_ostore_put(o->db, FQ_ENT_MILESTONE, &m)) {
            fprintf(stderr, "%s: line %d: %s\n", s->path, r->line, fq_ostore_errmsg(o->db));
            return -1;
        }
    }
    return s->n_errors ? -1 : 0;
}

typedef struct visit_key {
    int32_t type;
    int64_t planned;
} visit_key;

static int same_visit(const void *rec, const void *ctx)
{
    const fq_visit *v = rec;
    const visit_key *k = ctx;
    return v->type == k->type && v->planned_utc == k->planned;
}

static int load_visits(fq_office *o, sheet *s)
{
    static const char *const names[] = {"po_number*", "visit_type*", "planned_date*", "device*",
                                        "inspector"};
    int c[5];
    if (columns(s, names, 5, c))
        return -1;
    for (size_t i = 1; i < s->t.n_rows; i++) {
        const fq_office_csv_row *r = &s->t.rows[i];
        char order_uuid[FQ_UUID_LEN];
        visit_key k = {0, 0};
        if (order_uuid_of(o, s, r, c[0], order_uuid))
            continue;
        if (fq_visit_type_parse(cell(r, c[1]), &k.type)) {
            cell_error(s, r, c[1], "unknown visit type '%s'", cell(r, c[1]));
            continue;
        }
        k.planned = parse_date(s, r, c[2]);
        if (!fq_bundle_device_id_valid(cell(r, c[3])))
            cell_error(s, r, c[3], "device id '%s' is empty or has characters other than "
                       "letters, digits, '-', '_', '.'", cell(r, c[3]));
        fq_visit v;
        memset(&v, 0, sizeof v);
        int exists = find_one(o->db, FQ_ENT_VISIT, "order_uuid", order_uuid, &v, sizeof v,
                              same_visit, &k);
        snprintf(v.order_uuid, sizeof v.order_uuid, "%s", order_uuid);
        v.type = k.type;
        v.planned_utc = k.planned;
        text_into(s, r, c[3], v.assigned_device, sizeof v.assigned_device);
        text_into(s, r, c[4], v.inspector_name, sizeof v.inspector_name);
        if (s->n_errors)
            continue;
        fq_err e = exists ? fq_ostore_put(o->db, FQ_ENT_VISIT, &v) : fq_ostore_create_visit(o->db, &v);
        if (e) {
            fprintf(stderr, "%s: line %d: %s\n", s->path, r->line, fq_ostore_errmsg(o->db));
            return -1;
        }
    }
    return s->n_errors ? -1 : 0;
}

/* A decimal in the row's unit (meas.h), into *out; reports the cell. */
static void parse_measure(sheet *s, const fq_office_csv_row *r, int col, const char *unit,
                          int64_t *out)
{
    char msg[FQ_MEAS_MSG_LEN];
    if (fq_meas_parse(cell(r, col), unit, out, msg, sizeof msg))
        cell_error(s, r, col, "'%s': %s", cell(r, col), msg);
}

/* Measurement specs (issue 20): one row per point of measure (and size), keyed by PO + size +
 * point through the stable id fq_meas_spec_id; the columns are in lib/bundle/FORMAT.md. */
static int load_measurements(fq_office *o, sheet *s, int *n_specs)
{
    static const char *const names[] = {"po_number*", "point*", "unit*", "nominal*",
                                        "tol_minus*", "tol_plus*", "size", "description",
                                        "units", "severity"};
    int c[10];
    if (columns(s, names, 10, c))
        return -1;
    for (size_t i = 1; i < s->t.n_rows; i++) {
        const fq_office_csv_row *r = &s->t.rows[i];
        char order_uuid[FQ_UUID_LEN];
        int errors_before = s->n_errors;
        if (order_uuid_of(o, s, r, c[0], order_uuid))
            continue;
        fq_meas_spec m;
        memset(&m, 0, sizeof m);
        snprintf(m.order_uuid, sizeof m.order_uuid, "%s", order_uuid);
        text_into(s, r, c[1], m.point, sizeof m.point);
        text_into(s, r, c[6], m.size, sizeof m.size);
        text_into(s, r, c[7], m.description, sizeof m.description);
        fq_meas_unit unit;
        if (fq_meas_unit_parse(cell(r, c[2]), &unit)) {
            cell_error(s, r, c[2], "unknown unit '%s' (mm, cm, m, in, g, kg, lb, oz, deg, %%)",
                       cell(r, c[2]));
            continue;
        }
        snprintf(m.unit, sizeof m.unit, "%s", unit.name);
        parse_measure(s, r, c[3], m.unit, &m.nominal_milli);
        parse_measure(s, r, c[4], m.unit, &m.tol_minus_milli);
        parse_measure(s, r, c[5], m.unit, &m.tol_plus_milli);
        m.n_units = (int32_t)parse_int(s, r, c[8], 5);
        m.severity = FQ_SEV_MAJOR;
        if (*cell(r, c[9]) && fq_severity_parse(cell(r, c[9]), &m.severity))
            cell_error(s, r, c[9], "unknown severity '%s' (minor, major, critical)",
                       cell(r, c[9]));
        m.position = (int32_t)i;
        char msg[FQ_MEAS_MSG_LEN];
        if (s->n_errors == errors_before && fq_meas_spec_check(&m, msg, sizeof msg))
            cell_error(s, r, c[1], "point '%s': %s", m.point, msg);
        if (s->n_errors)
            continue;
        fq_meas_spec_id(order_uuid, m.size, m.point, m.meta.uuid);
        fq_meas_spec held;
        if (fq_ostore_get_meas_spec(o->db, m.meta.uuid, &held) == FQ_OK)
            m.meta = held.meta; /* the same point again: an update on what the office holds */
        if (fq_ostore_put_meas_spec(o->db, &m)) {
            fprintf(stderr, "%s: line %d: %s\n", s->path, r->line, fq_ostore_errmsg(o->db));
            return -1;
        }
        (*n_specs)++;
    }
    return s->n_errors ? -1 : 0;
}

typedef struct item_key {
    int32_t type;
    const char *section, *text;
} item_key;

static int same_item(const void *rec, const void *ctx)
{
    const fq_checklist_item *c = rec;
    const item_key *k = ctx;
    return c->visit_type == k->type && !strcmp(c->section, k->section) && !strcmp(c->text, k->text);
}

/* One TSV: "visit_type<TAB>section<TAB>text", or "section<TAB>text" with the visit type taken
 * from the file name (pre_shipment.tsv); '#' lines are comments. */
static int load_checklist_file(fq_office *o, const char *path, int *n_added)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char stem[64];
    snprintf(stem, sizeof stem, "%s", base);
    char *dot = strrchr(stem, '.');
    if (dot)
        *dot = '\0';
    int32_t file_type = -1;
    if (fq_visit_type_parse(stem, &file_type))
        file_type = -1;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        return -1;
    }
    char line[2048];
    int line_no = 0, rc = 0, position = 0;
    while (fgets(line, sizeof line, f)) {
        line_no++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *f1 = line, *f2 = strchr(f1, '\t'), *f3 = NULL;
        if (f2)
            *f2++ = '\0', f3 = strchr(f2, '\t');
        if (f3)
            *f3++ = '\0';
        item_key k = {file_type, f1, f2};
        if (f3) {
            if (fq_visit_type_parse(f1, &k.type)) {
                fprintf(stderr, "%s: line %d, column 1: unknown visit type '%s'\n", path, line_no, f1);
                rc = -1;
                continue;
            }
            k.section = f2;
            k.text = f3;
        }
        if (!f2 || k.type < 0) {
            fprintf(stderr, "%s: line %d: expected visit_type<TAB>section<TAB>text\n", path, line_no);
            rc = -1;
            continue;
        }
        fq_checklist_item c;
        if (find_one(o->db, FQ_ENT_CHECKLIST_ITEM, NULL, NULL, &c, sizeof c, same_item, &k)) {
            position++;
            continue;
        }
        memset(&c, 0, sizeof c);
        c.visit_type = k.type;
        snprintf(c.checklist, sizeof c.checklist, "%s", fq_visit_type_name(k.type));
        snprintf(c.section, sizeof c.section, "%s", k.section);
        snprintf(c.text, sizeof c.text, "%s", k.text);
        c.position = position++;
        if (fq_ostore_put(o->db, FQ_ENT_CHECKLIST_ITEM, &c)) {
            fprintf(stderr, "%s: line %d: %s\n", path, line_no, fq_ostore_errmsg(o->db));
            rc = -1;
        } else {
            (*n_added)++;
        }
    }
    fclose(f);
    return rc;
}

static int load_checklists(fq_office *o, const char *where, int *n_added)
{
    DIR *d = opendir(where);
    if (!d)
        return load_checklist_file(o, where, n_added);
    int rc = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        size_t n = strlen(ent->d_name);
        if (n < 5 || strcmp(ent->d_name + n - 4, ".tsv") != 0)
            continue;
        char path[FQ_BUNDLE_PATH_LEN + 300];
        snprintf(path, sizeof path, "%s/%s", where, ent->d_name);
        if (load_checklist_file(o, path, n_added))
            rc = -1;
    }
    closedir(d);
    return rc;
}

/* The data folder's checklists; NULL (and the reason said) when there is no data folder: new
 * visits without their checklist would look done to a coordinator and be empty on site. */
static const char *default_checklists(void)
{
    static char buf[FQ_BUNDLE_PATH_LEN];
    if (fq_office_data_dir(buf, sizeof buf, "checklists"))
        return NULL;
    DIR *d = opendir(buf);
    if (!d) {
        fprintf(stderr, "fieldqc-office jobs: no checklists in %s (pass --checklists)\n", buf);
        return NULL;
    }
    closedir(d);
    return buf;
}

int fq_office_cmd_jobs(int argc, char **argv)
{
    static const char *const names[] = {"--orders", "--visits", "--milestones", "--checklists",
                                        "--measurements"};
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, names, 5, &args);
    if (rc)
        return rc;
    if (!args.opt[0] || !args.opt[1] || args.n_pos) {
        fprintf(stderr, "usage: fieldqc-office jobs [--db FILE] --orders CSV --visits CSV"
                        " [--milestones CSV] [--checklists DIR|TSV] [--measurements CSV]\n");
        return 2;
    }
    /* every way out goes through done: the sheets and the office are freed on each */
    sheet orders, visits, milestones, measurements;
    memset(&orders, 0, sizeof orders);
    memset(&visits, 0, sizeof visits);
    memset(&milestones, 0, sizeof milestones);
    memset(&measurements, 0, sizeof measurements);
    fq_office *o = NULL;
    const char *checklists = NULL;
    rc = 1;
    if (load_sheet(&orders, args.opt[0]) || load_sheet(&visits, args.opt[1]) ||
        (args.opt[2] && load_sheet(&milestones, args.opt[2])) ||
        (args.opt[4] && load_sheet(&measurements, args.opt[4])))
        goto done;
    if (fq_office_open_with(args.db, args.photos, &o)) {
        fprintf(stderr, "fieldqc-office jobs: %s\n", o ? o->errmsg : "out of memory");
        goto done;
    }
    checklists = args.opt[3] ? args.opt[3] : default_checklists();
    if (!checklists)
        goto done;
    int n_items = 0;
    int n_specs = 0;
    rc = fq_ostore_begin(o->db) ? 1 : 0;
    /* checklists first: new visits get their findings from them */
    if (!rc && checklists && load_checklists(o, checklists, &n_items))
        rc = 1;
    if (!rc && load_orders(o, &orders))
        rc = 1;
    if (!rc && args.opt[2] && load_milestones(o, &milestones))
        rc = 1;
    if (!rc && load_visits(o, &visits))
        rc = 1;
    if (!rc && args.opt[4] && load_measurements(o, &measurements, &n_specs))
        rc = 1;
    if (rc) {
        fq_ostore_rollback(o->db);
        fprintf(stderr, "fieldqc-office jobs: nothing was changed\n");
    } else if (fq_ostore_commit(o->db)) {
        fprintf(stderr, "fieldqc-office jobs: %s\n", fq_ostore_errmsg(o->db));
        rc = 1;
    } else {
        printf("jobs: %zu orders, %zu milestones, %zu visits, %d new checklist items%s",
               orders.t.n_rows - 1, milestones.t.n_rows ? milestones.t.n_rows - 1 : 0,
               visits.t.n_rows - 1, n_items, checklists ? "" : " (no checklists found)");
        if (args.opt[4])
            printf(", %d measurement points", n_specs);
        printf("\n");
    }
done:
    fq_office_csv_free(&orders.t);
    fq_office_csv_free(&visits.t);
    fq_office_csv_free(&milestones.t);
    fq_office_csv_free(&measurements.t);
    fq_office_close(o);
    return rc;
}
