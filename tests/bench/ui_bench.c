/* UI bench: a busy list screen (header, tab bar, 200 rows each with a status light, two
 * labels and a chevron, a button row) drawn with the SDL platform (dummy driver, software
 * renderer). Prints the median and p90 ms of a full redraw (warm caches), of a scroll step
 * (list viewport repaint), of a press (one row repaint), the cold first frame, and peak RSS.
 * Usage: ui_bench [W H [ITER]]  (default 800 480 60). No pass/fail: figures for notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "platform/platform.h"
#include "ui/ui.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    printf("bench ui: %-28s median %7.3f ms   p90 %7.3f ms   (n=%d)\n", what, t[n / 2],
           t[n * 9 / 10], n);
}

static fq_widget *build(fq_ui *ui)
{
    fq_widget *root = fq_ui_root(ui);
    fq_widget *hdr = fq_box_new(root, FQ_BOX_ROW_DIR, FQ_BOX_HEADER);
    fq_widget_set_grow(fq_label_new(hdr, "Orders \xC2\xB7 week 11"), 1);
    fq_ui_light_new(hdr, FQ_UI_LIGHT_YELLOW);
    const char *tabs[] = {"All", "Late", "Today", "Done"};
    fq_choice_set_selected(fq_tabbar_new(root, tabs, 4), 0);
    fq_widget *list = fq_scroll_new(root);
    fq_widget_set_grow(list, 1);
    static const char *factories[] = {"Ningbo Textiles Co., Ltd.", "\xE6\xB7\xB1\xE5\x9C\xB3\xE5\x8D\x8E\xE5\x85\xB4\xE5\x8C\x85\xE8\xA3\x85", "Dongguan Enamel Works", "Xiamen Outdoor Gear"};
    for (int i = 0; i < 200; i++) {
        char title[96];
        char sub[96];
        snprintf(title, sizeof title, "PO %d \xC2\xB7 %s", 4400 + i, factories[i % 4]);
        snprintf(sub, sizeof sub, "Milestone %d of 10 \xC2\xB7 due day %d", i % 10 + 1, i % 28 + 1);
        fq_widget *row = fq_box_new(list, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
        fq_widget_set_clickable(row, true);
        fq_ui_light_new(row, (fq_ui_light_state)(i % 4));
        fq_widget *col = fq_box_new(row, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
        fq_widget_set_gap_mm(col, 0);
        fq_widget_set_grow(col, 1);
        fq_label_set_role(fq_label_new(col, title), FQ_TEXT_STRONG);
        fq_label_set_role(fq_label_new(col, sub), FQ_TEXT_SMALL);
        fq_label_new(row, "\xE2\x80\xBA");
    }
    fq_widget *btns = fq_box_new(root, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget_set_grow(fq_button_new(btns, "Sync", FQ_BUTTON_NORMAL), 1);
    fq_widget_set_grow(fq_button_new(btns, "New visit", FQ_BUTTON_PRIMARY), 1);
    return list;
}

int main(int argc, char **argv)
{
    int w = argc > 2 ? atoi(argv[1]) : 800;
    int h = argc > 2 ? atoi(argv[2]) : 480;
    int iter = argc > 3 ? atoi(argv[3]) : 60;
    if (iter < 5 || iter > 10000)
        iter = 60;
    fq_platform_config pc = {.width_px = w, .height_px = h};
    char font_dir[1024];
    snprintf(font_dir, sizeof font_dir, "%s/assets/fonts",
             getenv("FIELDQC_SOURCE_DIR") ? getenv("FIELDQC_SOURCE_DIR") : ".");
    pc.font_dir = font_dir;
    fq_platform *p = NULL;
    char err[256];
    if (fq_platform_open(&pc, &p, err, sizeof err) != FQ_UI_OK) {
        fprintf(stderr, "ui_bench: %s\n", err);
        return 1;
    }
    fq_ui_config uc = {.width_px = w, .height_px = h, .dpi = 133.0f};
    fq_ui *ui = fq_ui_new(&uc, NULL);
    fq_platform_attach(p, ui);
    double t0 = now_ms();
    fq_widget *list = build(ui);
    double t_build = now_ms() - t0;
    t0 = now_ms();
    fq_platform_render(p, ui);
    double t_first = now_ms() - t0;
    printf("bench ui: %dx%d, 200-row list: build %.3f ms, first frame (cold caches, layout) %.3f ms\n",
           w, h, t_build, t_first);

    double *t = calloc((size_t)iter, sizeof *t);
    for (int i = 0; i < iter; i++) {
        fq_ui_invalidate_all(ui);
        t0 = now_ms();
        fq_platform_render(p, ui);
        t[i] = now_ms() - t0;
    }
    report("full redraw (warm)", t, iter);

    for (int i = 0; i < iter; i++) {
        fq_scroll_set_offset(list, (i * 37) % 4000);
        t0 = now_ms();
        fq_platform_render(p, ui);
        t[i] = now_ms() - t0;
    }
    report("scroll step (list repaint)", t, iter);

    fq_rect lr = fq_widget_rect(list);
    for (int i = 0; i < iter; i++) {
        fq_input in = {.type = i % 2 ? FQ_INPUT_POINTER_UP : FQ_INPUT_POINTER_DOWN,
                       .x = lr.x + lr.w / 2, .y = lr.y + 20, .time_ms = i * 100};
        if (in.type == FQ_INPUT_POINTER_UP)
            in.x = lr.x + lr.w + 5000; /* released off: no click, just unpress */
        fq_ui_handle_input(ui, &in);
        t0 = now_ms();
        fq_platform_render(p, ui);
        t[i] = now_ms() - t0;
    }
    report("press (one row repaint)", t, iter);

    t0 = now_ms();
    for (int i = 0; i < iter; i++) {
        fq_ui_invalidate_all(ui);
        (void)fq_ui_render(ui);
    }
    printf("bench ui: %-28s mean   %7.3f ms (draw list only, no SDL)\n", "ui render", (now_ms() - t0) / iter);

    fq_platform_stats st = fq_platform_get_stats(p);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("bench ui: text runs rasterised %llu, cache hits %llu, frames %llu\n",
           (unsigned long long)st.text_rasterised, (unsigned long long)st.text_hits,
           (unsigned long long)st.frames);
    printf("bench ui: peak RSS %ld KiB\n", ru.ru_maxrss);
    free(t);
    fq_ui_free(ui);
    fq_platform_close(p);
    return 0;
}
