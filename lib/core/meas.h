/* Measurement rules (issue 20): units of measure, reading a typed or gauge-typed value, and
 * judging a reading against its spec's tolerance (inclusive limits, asymmetric tolerances).
 * Also what a visit's readings add to the AQL tally: each sample unit with a point out of
 * tolerance is one defective unit, of the worst severity among its points out.
 *
 * Values are int64 thousandths of the spec's unit (model.h). Pure: no I/O, no allocation. */
#ifndef FQ_CORE_MEAS_H
#define FQ_CORE_MEAS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/model.h"

#define FQ_MEAS_MSG_LEN 160

typedef enum fq_meas_dimension {
    FQ_MEAS_DIM_LENGTH = 0,
    FQ_MEAS_DIM_MASS,
    FQ_MEAS_DIM_ANGLE,
    FQ_MEAS_DIM_RATIO
} fq_meas_dimension;

/* A unit of measure: its canonical name and its size in the dimension's base unit
 * (nanometre, nanogram, millidegree, milli-percent), so conversions are exact integers. */
typedef struct fq_meas_unit {
    const char *name;      /* "mm" */
    fq_meas_dimension dim;
    int64_t base;          /* 1 unit = base base-units: mm 1000000 (nm), in 25400000 */
} fq_meas_unit;

/* The unit `text` names ("mm", "MM", "cm", "m", "in", "inch", "\"", "g", "kg", "lb", "oz",
 * "deg", "°", "%"; surrounding blanks ignored) into *out. FQ_ERR_INVALID when unknown. */
fq_err fq_meas_unit_parse(const char *text, fq_meas_unit *out);

/* value_milli in unit `from` converted to unit `to` of the same dimension, rounded to the
 * nearest thousandth (halves away from zero). FQ_ERR_INVALID for different dimensions or a
 * value out of range. */
fq_err fq_meas_convert(int64_t value_milli, const fq_meas_unit *from, const fq_meas_unit *to,
                       int64_t *out_milli);

/* A reading as a person or a gauge types it: "52.35", "-0.5", "52,35" (decimal comma),
 * optionally followed by a unit ("523.5 mm", "20.62in"): a value in another unit of the same
 * dimension is converted to `spec_unit`. More than three decimals are rounded (halves away
 * from zero). *out_milli in thousandths of spec_unit. FQ_ERR_INVALID with the reason in msg
 * (may be NULL) for anything else: empty, two points, letters, a unit of another dimension. */
fq_err fq_meas_parse(const char *text, const char *spec_unit, int64_t *out_milli, char *msg,
                     size_t msg_len);

/* Checks a spec as the office loads it: a point code, a known unit, tolerances >= 0, limits
 * in range, 1 .. FQ_MEAS_UNITS_MAX units, a severity MINOR..CRITICAL. FQ_ERR_INVALID with
 * the reason in msg (may be NULL). */
fq_err fq_meas_spec_check(const fq_meas_spec *spec, char *msg, size_t msg_len);

/* The limits of a spec, both inclusive: nominal - tol_minus and nominal + tol_plus. */
void fq_meas_limits(const fq_meas_spec *spec, int64_t *out_low, int64_t *out_high);

typedef enum fq_meas_status {
    FQ_MEAS_EMPTY = 0, /* no reading */
    FQ_MEAS_IN,        /* low <= value <= high */
    FQ_MEAS_BELOW,     /* value < low */
    FQ_MEAS_ABOVE      /* value > high */
} fq_meas_status;

typedef struct fq_meas_judgement {
    fq_meas_status status;
    int64_t deviation_milli;  /* value - nominal */
    int64_t outside_milli;    /* how far past the limit it broke (> 0), 0 when in */
} fq_meas_judgement;

/* Judges value_milli against spec. */
fq_meas_judgement fq_meas_judge(const fq_meas_spec *spec, int64_t value_milli);

/* Formats thousandths as a short decimal without trailing zeros: 52500 -> "52.5",
 * 52000 -> "52", -500 -> "-0.5". */
void fq_meas_format(int64_t value_milli, char *buf, size_t len);

/* Tolerance text: "52.5 -1 / +1.5 cm" (or "52.5 ±1 cm" when symmetric). */
void fq_meas_format_spec(const fq_meas_spec *spec, char *buf, size_t len);

/* The defective sample units a visit's readings show, per severity (index fq_severity):
 * a unit (size, unit number) with one or more points out of tolerance counts once, under
 * the worst severity of those points; readings whose spec is not in `specs` are ignored. */
void fq_meas_defectives(const fq_meas_spec *specs, size_t n_specs,
                        const fq_meas_reading *readings, size_t n_readings,
                        int32_t out_units[FQ_SEV_COUNT]);

/* Statistics of one point over its readings (values in the spec's unit). */
typedef struct fq_meas_stats {
    int32_t n;               /* readings */
    int32_t n_out;           /* readings out of tolerance */
    int64_t min_milli;       /* valid when n > 0 */
    int64_t max_milli;
    int64_t mean_milli;      /* rounded half away from zero */
} fq_meas_stats;

void fq_meas_point_stats(const fq_meas_spec *spec, const int64_t *values, size_t n,
                         fq_meas_stats *out);

#endif
