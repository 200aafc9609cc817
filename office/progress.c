/* The progress line of progress.h. */
#include "office/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void draw(fq_office_progress *p, int64_t t)
{
    double secs = (double)(t - p->start_ms) / 1000.0;
    if (secs <= 0)
        secs = 0.001;
    fprintf(stderr, "\r  %s: %lld/%lld %s", p->what, (long long)p->done, (long long)p->total,
            p->unit);
    if (p->total_bytes)
        fprintf(stderr, ", %.1f/%.1f MB, %.1f MB/s", (double)p->bytes / 1e6,
                (double)p->total_bytes / 1e6, (double)p->bytes / 1e6 / secs);
    fprintf(stderr, ", %.1f %s/s   ", (double)p->done / secs, p->unit);
    p->shown_ms = t;
    p->shown = 1;
}

void fq_office_progress_start(fq_office_progress *p, const char *what, const char *unit,
                              int64_t total, int64_t total_bytes)
{
    p->what = what;
    p->unit = unit;
    p->total = total;
    p->done = 0;
    p->total_bytes = total_bytes;
    p->bytes = 0;
    p->start_ms = now_ms();
    p->shown_ms = 0;
    p->shown = 0;
    p->tty = isatty(STDERR_FILENO) && total > 0;
}

void fq_office_progress_step(fq_office_progress *p, int64_t n, int64_t bytes)
{
    p->done += n;
    p->bytes += bytes;
    if (!p->tty)
        return;
    int64_t t = now_ms();
    if (t - p->shown_ms >= 100 || p->done == p->total)
        draw(p, t);
}

void fq_office_progress_end(fq_office_progress *p)
{
    if (!p->tty)
        return;
    draw(p, now_ms());
    fputc('\n', stderr);
}
