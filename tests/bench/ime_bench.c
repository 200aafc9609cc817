/* Pinyin bench (issue 16): how long the engine takes, per keystroke, to give the first
 * candidates the bar shows, against one frame (16.7 ms at 60 Hz): each spelling is typed a
 * letter at a time as the keyboard does (a new search per letter) and the first 10
 * candidates are fetched. Prints figures; asserts nothing (STYLE.md rule 30).
 * Usage: ime_bench [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ime/ime.h"

#define FRAME_MS 16.7

FQ_IME_ASAN_OPTIONS

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 20;
    static const char *const words[] = {"zhixiangposun", "gongchang", "wangfang", "jianyan",
                                        "baozhuangcailiao", "ningbomingliangjiaju", "huahen",
                                        "biaoqiancuowu", "chuhuoqianjianyan", "shuliang"};
    char dict[] = "/tmp/fq-ime-bench-XXXXXX";
    int fd = mkstemp(dict);
    if (fd < 0)
        return 1;
    fq_ime *ime = NULL;
    char err[300];
    double t0 = now_ms();
    if (!fq_ime_open(NULL, dict, &ime, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    double open_ms = now_ms() - t0;
    size_t n_words = sizeof words / sizeof words[0];
    size_t cap = (size_t)rounds * n_words * 24;
    double *t = malloc(cap * sizeof *t);
    size_t n = 0;
    char buf[FQ_IME_TEXT_MAX];
    for (int r = 0; r < rounds; r++)
        for (size_t w = 0; w < n_words; w++) {
            char spelling[FQ_IME_SPELLING_MAX + 1];
            size_t len = strlen(words[w]);
            for (size_t k = 1; k <= len && n < cap; k++) {
                memcpy(spelling, words[w], k);
                spelling[k] = '\0';
                double a = now_ms();
                size_t nc = fq_ime_search(ime, spelling);
                for (size_t i = 0; i < nc && i < 10; i++)
                    fq_ime_candidate(ime, i, buf, sizeof buf);
                t[n++] = now_ms() - a;
            }
        }
    qsort(t, n, sizeof *t, cmp);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += t[i];
    printf("pinyin (libgooglepinyin): open %.1f ms; first 10 candidates per keystroke over %zu "
           "keystrokes: mean %.3f ms, median %.3f ms, p99 %.3f ms, max %.3f ms; frame budget "
           "%.1f ms: %s\n",
           open_ms, n, sum / (double)n, t[n / 2], t[n * 99 / 100], t[n - 1], FRAME_MS,
           t[n - 1] < FRAME_MS ? "within" : "OVER");
    free(t);
    fq_ime_close(ime);
    unlink(dict);
    return 0;
}
