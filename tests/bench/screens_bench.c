/* Screens bench: the device app on a large database (500 orders each with milestones and a
 * visit assigned to this device, 50,000 findings, 5,000 photo records), dummy SDL driver.
 * Setup (not timed) writes the records through the store API in one transaction. Then it
 * times launch to first frame (app open, platform open, ui, Today built and rendered), a full
 * redraw of Today (500 rows; median / p90 over ITER), a rebuild of Today from the database,
 * the visit checklist (100 findings) built and drawn, and reports peak RSS (getrusage).
 * Targets: first frame <= 150 ms, redraw <= 4 ms, RSS <= 80 MB. Prints figures and marks
 * a missed target; exits 0 either way (a bench informs, it does not gate the build).
 * Usage: screens_bench [ITER] with FIELDQC_SOURCE_DIR set (assets). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/model.h"
#include "platform/platform.h"
#include "screens/bridge.h"
#include "screens/screens.h"
#include "store/store.h"
#include "ui/locate.h"

#define N_ORDERS 500
#define FINDINGS_PER_VISIT 100 /* 50,000 */
#define PHOTOS_PER_VISIT 10    /* 5,000 */
#define NOW_UTC 1795251600LL   /* 2026-11-21 09:00 UTC */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void die(const char *what, fq_err err)
{
    fprintf(stderr, "screens_bench: %s failed (%d)\n", what, (int)err);
    exit(2);
}

/* Adds the large data set beside the demo data, as records of the device `device`. */
static void populate(const char *db, const char *device, char *visit_out, size_t visit_len)
{
    fq_store *st = NULL;
    fq_err err = fq_store_open(db, &st);
    if (err)
        die("fq_store_open", err);
    if ((err = fq_store_begin(st)))
        die("begin", err);
    for (int i = 0; i < N_ORDERS && !err; i++) {
        fq_order o;
        memset(&o, 0, sizeof o);
        snprintf(o.po_number, sizeof o.po_number, "PO-B%04d", i);
        snprintf(o.buyer, sizeof o.buyer, "Bench Buyer %d", i % 7);
        snprintf(o.supplier, sizeof o.supplier, "Supplier %d", i % 31);
        snprintf(o.factory, sizeof o.factory, "Factory %d, Zone %d", i % 53, i % 5);
        snprintf(o.product, sizeof o.product, "Bench product %d, carton of 12", i);
        o.quantity = 1000 + i;
        o.ship_date_utc = NOW_UTC + (int64_t)(i % 60) * 86400;
        err = fq_store_put(st, FQ_ENT_ORDER, &o);
        for (int k = 0; k < 4 && !err; k++) {
            fq_milestone m;
            memset(&m, 0, sizeof m);
            snprintf(m.order_uuid, sizeof m.order_uuid, "%s", o.meta.uuid);
            m.kind = FQ_MS_SAMPLE_APPROVAL + k;
            m.position = 3 + k;
            snprintf(m.title, sizeof m.title, "Checkpoint %d", k);
            m.due_utc = NOW_UTC + (int64_t)((i % 9) - 4 + k * 7) * 86400;
            m.grace_days = 3;
            m.status = k == 0 ? FQ_MSS_DONE : FQ_MSS_PENDING;
            if (k == 0)
                snprintf(m.approved_by, sizeof m.approved_by, "Buyer QA");
            err = fq_store_put(st, FQ_ENT_MILESTONE, &m);
        }
        fq_visit v;
        memset(&v, 0, sizeof v);
        snprintf(v.order_uuid, sizeof v.order_uuid, "%s", o.meta.uuid);
        v.type = i % FQ_VISIT_TYPE_COUNT;
        snprintf(v.assigned_device, sizeof v.assigned_device, "%s", device);
        v.planned_utc = NOW_UTC + (int64_t)(i % 10) * 3600;
        if (!err)
            err = fq_store_put(st, FQ_ENT_VISIT, &v);
        if (!err && i == 0)
            snprintf(visit_out, visit_len, "%s", v.meta.uuid);
        for (int k = 0; k < FINDINGS_PER_VISIT && !err; k++) {
            fq_finding f;
            memset(&f, 0, sizeof f);
            snprintf(f.visit_uuid, sizeof f.visit_uuid, "%s", v.meta.uuid);
            snprintf(f.section, sizeof f.section, "Section %d", k / 10);
            snprintf(f.text, sizeof f.text, "Bench check %d: workmanship, labels, marks", k);
            f.result = k % 3;
            err = fq_store_put(st, FQ_ENT_FINDING, &f);
        }
        for (int k = 0; k < PHOTOS_PER_VISIT && !err; k++) {
            fq_photo p;
            memset(&p, 0, sizeof p);
            snprintf(p.visit_uuid, sizeof p.visit_uuid, "%s", v.meta.uuid);
            p.subject_kind = FQ_SUBJ_VISIT;
            snprintf(p.subject_uuid, sizeof p.subject_uuid, "%s", v.meta.uuid);
            for (int c = 0; c < 64; c++)
                p.sha256[c] = p.thumb_sha256[c] = "0123456789abcdef"[(i * 7 + k + c) % 16];
            p.width = 1600;
            p.height = 1200;
            p.bytes = 300000;
            err = fq_store_put(st, FQ_ENT_PHOTO, &p);
        }
    }
    if (err)
        die(fq_store_errmsg(st), err);
    if ((err = fq_store_commit(st)))
        die("commit", err);
    fq_store_close(st);
}

static void report(const char *what, double *t, int n, double target)
{
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    printf("bench screens: %-30s median %8.3f ms  p90 %8.3f ms (n=%d)%s\n", what, t[n / 2],
           t[n * 9 / 10], n, target > 0 ? (t[n / 2] <= target ? "  target met" : "  OVER TARGET")
                                         : "");
}

int main(int argc, char **argv)
{
    int iter = argc > 1 ? atoi(argv[1]) : 60;
    if (iter < 5)
        iter = 5;
    const char *src = getenv("FIELDQC_SOURCE_DIR");
    char assets[1024], fonts[1100], dir[] = "/tmp/fq-screens-bench-XXXXXX", db[1200];
    snprintf(assets, sizeof assets, "%s/assets", src ? src : ".");
    snprintf(fonts, sizeof fonts, "%s/fonts", assets);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    snprintf(db, sizeof db, "%s/bench.db", dir);

    /* setup: demo database (device id, checklists), then the large data set */
    fq_app_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.db_path = db;
    cfg.data_dir = assets;
    cfg.demo = 1;
    cfg.now_utc = NOW_UTC;
    fq_app *app = NULL;
    fq_err err = fq_app_open(&cfg, &app);
    if (err)
        die(app ? fq_app_errmsg(app) : "fq_app_open", err);
    char device[FQ_ID_LEN], visit[FQ_UUID_LEN] = "";
    snprintf(device, sizeof device, "%s", fq_app_device_id(app));
    fq_app_close(app);
    double t0 = now_ms();
    populate(db, device, visit, sizeof visit);
    printf("bench screens: setup %d orders, %d findings, %d photos in %.0f ms\n", N_ORDERS,
           N_ORDERS * FINDINGS_PER_VISIT, N_ORDERS * PHOTOS_PER_VISIT, now_ms() - t0);

    /* launch to first frame (the process start itself is not included) */
    t0 = now_ms();
    app = NULL;
    if ((err = fq_app_open(&cfg, &app)))
        die(app ? fq_app_errmsg(app) : "fq_app_open", err);
    double t_app = now_ms() - t0;
    fq_platform_config pcfg = {800, 480, false, "bench", fonts, NULL, 0};
    fq_platform *p = NULL;
    char perr[300];
    if (fq_platform_open(&pcfg, &p, perr, sizeof perr) != FQ_UI_OK) {
        fprintf(stderr, "screens_bench: %s\n", perr);
        return 2;
    }
    fq_ui_config ucfg = {800, 480, 0, FQ_THEME_LIGHT, true};
    fq_ui_text_measurer m = fq_platform_text_measurer(p);
    fq_ui *ui = fq_ui_new(&ucfg, &m);
    fq_platform_attach(p, ui);
    double t_plat = now_ms() - t0 - t_app;
    fq_screens *s = fq_screens_new(ui, app, NULL);
    double t_build = now_ms() - t0 - t_app - t_plat;
    fq_platform_render(p, ui);
    double first = now_ms() - t0;
    printf("bench screens: %-30s %8.1f ms%s\n", "launch to first frame (Today)", first,
           first <= 150 ? "  target met" : "  OVER TARGET (150 ms)");
    printf("bench screens:   app open %.1f ms, platform+ui %.1f ms, Today built %.1f ms, "
           "drawn %.1f ms\n", t_app, t_plat, t_build, first - t_app - t_plat - t_build);

    double *t = calloc((size_t)iter, sizeof *t);
    for (int i = 0; i < iter; i++) {
        double a = now_ms();
        fq_ui_invalidate_all(ui);
        fq_platform_render(p, ui);
        t[i] = now_ms() - a;
    }
    report("redraw Today (full frame)", t, iter, 4.0);
    double redraw = t[iter / 2];
    int rb = iter < 10 ? iter : 10;
    for (int i = 0; i < rb; i++) {
        double a = now_ms();
        fq_screens_refresh(s);
        fq_platform_render(p, ui);
        t[i] = now_ms() - a;
    }
    report("rebuild Today from the db", t, rb, 0);
    for (int i = 0; i < rb; i++) {
        fq_app_visit_row *rows = NULL;
        size_t nrows = 0;
        double a = now_ms();
        if ((err = fq_app_today_read(app, &rows, &nrows)))
            die(fq_app_errmsg(app), err);
        t[i] = now_ms() - a;
        free(rows);
    }
    report("  of which the query", t, rb, 0);

    /* the checklist of a visit with 100 findings: tap its row, then redraw */
    int x = 0, y = 0;
    if (fq_ui_locate_text(ui, "PO-B0000  Bench product 0, carton of 12", 0, &x, &y)) {
        double a = now_ms();
        fq_input in;
        memset(&in, 0, sizeof in);
        in.type = FQ_INPUT_POINTER_DOWN;
        in.x = x;
        in.y = y;
        in.time_ms = 10;
        fq_ui_handle_input(ui, &in);
        in.type = FQ_INPUT_POINTER_UP;
        in.time_ms = 60;
        fq_ui_handle_input(ui, &in);
        fq_screens_update(s);
        fq_platform_render(p, ui);
        printf("bench screens: %-30s %8.1f ms\n", "open visit checklist", now_ms() - a);
        for (int i = 0; i < iter; i++) {
            a = now_ms();
            fq_ui_invalidate_all(ui);
            fq_platform_render(p, ui);
            t[i] = now_ms() - a;
        }
        report("redraw checklist (full frame)", t, iter, 4.0);
    } else {
        printf("bench screens: visit row not found on Today (not scrolled into view?)\n");
    }
    free(t);

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double rss = (double)ru.ru_maxrss / 1024.0;
    printf("bench screens: %-30s %8.1f MB%s\n", "peak RSS", rss,
           rss <= 80 ? "  target met" : "  OVER TARGET (80 MB)");

    fq_screens_free(s);
    fq_ui_free(ui);
    fq_platform_close(p);
    fq_app_close(app);
    char cmd[1300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "screens_bench: could not remove %s\n", dir);
    (void)redraw;
    return 0;
}
