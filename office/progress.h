/* A progress line for long office work (import of many bundles, push, a report of all
 * visits): "  push: 12/40 bundles, 310.2 MB, 18.5 MB/s, 1.4 bundles/s" rewritten in place on
 * a terminal (stderr), at most ten times a second; nothing at all when stderr is not a
 * terminal (scripts, CI, logs keep their one-line results). */
#ifndef FQ_OFFICE_PROGRESS_H
#define FQ_OFFICE_PROGRESS_H

#include <stdint.h>

typedef struct fq_office_progress {
    const char *what;    /* "push", "import", "report" */
    const char *unit;    /* "bundles", "visits" */
    int64_t total;
    int64_t done;
    int64_t total_bytes; /* 0: no byte counts */
    int64_t bytes;
    int64_t start_ms;
    int64_t shown_ms;
    int tty;
    int shown;
} fq_office_progress;

/* Starts counting (total units, total_bytes may be 0); decides whether to show. */
void fq_office_progress_start(fq_office_progress *p, const char *what, const char *unit,
                              int64_t total, int64_t total_bytes);

/* n more units and bytes done; redraws the line when due. */
void fq_office_progress_step(fq_office_progress *p, int64_t n, int64_t bytes);

/* The final line (when shown) and a newline. */
void fq_office_progress_end(fq_office_progress *p);

#endif
