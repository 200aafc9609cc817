/* Measurement rules (meas.h): units, parsing a reading, tolerance judgement, the defective
 * units a visit's readings add to the AQL tally, point statistics. */
#include "core/meas.h"
#include "core/tr.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *alias;
    const char *name;
    fq_meas_dimension dim;
    int64_t base;
} UNITS[] = {
    {"mm", "mm", FQ_MEAS_DIM_LENGTH, 1000000},
    {"cm", "cm", FQ_MEAS_DIM_LENGTH, 10000000},
    {"m", "m", FQ_MEAS_DIM_LENGTH, 1000000000},
    {"in", "in", FQ_MEAS_DIM_LENGTH, 25400000},
    {"inch", "in", FQ_MEAS_DIM_LENGTH, 25400000},
    {"\"", "in", FQ_MEAS_DIM_LENGTH, 25400000},
    {"g", "g", FQ_MEAS_DIM_MASS, 1000000000},
    {"kg", "kg", FQ_MEAS_DIM_MASS, INT64_C(1000000000000)},
    {"lb", "lb", FQ_MEAS_DIM_MASS, INT64_C(453592370000)},
    {"oz", "oz", FQ_MEAS_DIM_MASS, INT64_C(28349523125)},
    {"deg", "deg", FQ_MEAS_DIM_ANGLE, 1},
    {"\xc2\xb0", "deg", FQ_MEAS_DIM_ANGLE, 1},
    {"%", "%", FQ_MEAS_DIM_RATIO, 1},
};
#define N_UNITS (sizeof UNITS / sizeof UNITS[0])

static void say(char *msg, size_t len, const char *text)
{
    if (msg && len)
        snprintf(msg, len, "%s", text);
}

fq_err fq_meas_unit_parse(const char *text, fq_meas_unit *out)
{
    if (!text)
        return FQ_ERR_INVALID;
    text += strspn(text, " \t");
    size_t len = strlen(text);
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    for (size_t i = 0; i < N_UNITS; i++) {
        if (strlen(UNITS[i].alias) == len && !strncasecmp(UNITS[i].alias, text, len)) {
            out->name = UNITS[i].name;
            out->dim = UNITS[i].dim;
            out->base = UNITS[i].base;
            return FQ_OK;
        }
    }
    return FQ_ERR_INVALID;
}

static int64_t gcd(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* num * mul / div rounded half away from zero; -1 when it does not fit. mul, div > 0. */
static int scale(int64_t num, int64_t mul, int64_t div, int64_t *out)
{
    int64_t g = gcd(mul, div);
    mul /= g;
    div /= g;
    int neg = num < 0;
    if (num == INT64_MIN)
        return -1;
    uint64_t a = (uint64_t)(neg ? -num : num);
    if (mul > 1 && a > (uint64_t)INT64_MAX / (uint64_t)mul)
        return -1;
    a *= (uint64_t)mul;
    uint64_t q = a / (uint64_t)div;
    uint64_t r = a % (uint64_t)div;
    if (r * 2 >= (uint64_t)div)
        q++;
    if (q > (uint64_t)INT64_MAX)
        return -1;
    *out = neg ? -(int64_t)q : (int64_t)q;
    return 0;
}

fq_err fq_meas_convert(int64_t value_milli, const fq_meas_unit *from, const fq_meas_unit *to,
                       int64_t *out_milli)
{
    if (from->dim != to->dim)
        return FQ_ERR_INVALID;
    int64_t v;
    if (scale(value_milli, from->base, to->base, &v))
        return FQ_ERR_INVALID;
    *out_milli = v;
    return FQ_OK;
}

/* A limit of every value a spec can hold: readings, nominals and tolerances stay far inside
 * int64 so differences never overflow. */
#define LIMIT_MILLI INT64_C(1000000000000000) /* 10^12 units */

fq_err fq_meas_parse(const char *text, const char *spec_unit, int64_t *out_milli, char *msg,
                     size_t msg_len)
{
    fq_meas_unit target;
    if (fq_meas_unit_parse(spec_unit, &target)) {
        say(msg, msg_len, FQ_TR("the spec has an unknown unit"));
        return FQ_ERR_INVALID;
    }
    const char *p = text ? text + strspn(text, " \t\r\n") : "";
    int neg = 0;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    int64_t whole = 0;
    int64_t frac = 0;  /* six decimals */
    int n_digits = 0;
    int n_dec = 0;
    int round_up = 0;
    int seen_point = 0;
    for (;; p++) {
        if (*p >= '0' && *p <= '9') {
            int d = *p - '0';
            n_digits++;
            if (!seen_point) {
                if (whole > INT64_C(1000000000000)) {
                    say(msg, msg_len, FQ_TR("the number is too large"));
                    return FQ_ERR_INVALID;
                }
                whole = whole * 10 + d;
            } else if (n_dec < 6) {
                frac = frac * 10 + d;
                n_dec++;
            } else if (n_dec++ == 6) {
                round_up = d >= 5;
            }
        } else if ((*p == '.' || *p == ',') && !seen_point) {
            seen_point = 1;
        } else {
            break;
        }
    }
    if (n_digits == 0) {
        say(msg, msg_len, FQ_TR("not a number"));
        return FQ_ERR_INVALID;
    }
    for (int k = n_dec; k < 6; k++)
        frac *= 10;
    int64_t micro = whole * 1000000 + frac + round_up;
    if (neg)
        micro = -micro;
    /* an optional unit after the number */
    fq_meas_unit from = target;
    const char *u = p + strspn(p, " \t");
    size_t ulen = strlen(u);
    while (ulen > 0 && strchr(" \t\r\n", u[ulen - 1]))
        ulen--;
    if (ulen > 0) {
        char name[16];
        if (ulen >= sizeof name) {
            say(msg, msg_len, FQ_TR("not a number"));
            return FQ_ERR_INVALID;
        }
        memcpy(name, u, ulen);
        name[ulen] = '\0';
        if (fq_meas_unit_parse(name, &from)) {
            if (msg && msg_len)
                snprintf(msg, msg_len, FQ_TR("not a number in %s"), target.name);
            return FQ_ERR_INVALID;
        }
        if (from.dim != target.dim) {
            if (msg && msg_len)
                snprintf(msg, msg_len, FQ_TR("%s is not a unit of the spec's %s"), from.name,
                         target.name);
            return FQ_ERR_INVALID;
        }
    }
    int64_t v;
    /* the limit after the conversion too: 1.2e12 cm is 1.2e13 mm, which typed in mm is
     * refused (found by fuzz_csv: a reading must read back as itself) */
    if (scale(micro, from.base, target.base * 1000, &v) || v > LIMIT_MILLI || v < -LIMIT_MILLI) {
        say(msg, msg_len, FQ_TR("the number is too large"));
        return FQ_ERR_INVALID;
    }
    *out_milli = v;
    return FQ_OK;
}

fq_err fq_meas_spec_check(const fq_meas_spec *spec, char *msg, size_t msg_len)
{
    fq_meas_unit u;
    const char *why = NULL;
    if (!spec->point[strspn(spec->point, " \t")])
        why = FQ_TR("a point of measure needs its code");
    else if (fq_meas_unit_parse(spec->unit, &u))
        why = FQ_TR("unknown unit (mm, cm, m, in, g, kg, lb, oz, deg, %)");
    else if (spec->tol_minus_milli < 0 || spec->tol_plus_milli < 0)
        why = FQ_TR("a tolerance is a distance from nominal: give it without a sign");
    else if (spec->nominal_milli > LIMIT_MILLI || spec->nominal_milli < -LIMIT_MILLI ||
             spec->tol_minus_milli > LIMIT_MILLI || spec->tol_plus_milli > LIMIT_MILLI)
        why = FQ_TR("a value out of range");
    else if (spec->n_units < 1 || spec->n_units > FQ_MEAS_UNITS_MAX)
        why = FQ_TR("units to measure must be 1 to 32");
    else if (spec->severity < FQ_SEV_MINOR || spec->severity > FQ_SEV_CRITICAL)
        why = FQ_TR("severity must be minor, major or critical");
    if (why) {
        say(msg, msg_len, why);
        return FQ_ERR_INVALID;
    }
    return FQ_OK;
}

void fq_meas_limits(const fq_meas_spec *spec, int64_t *out_low, int64_t *out_high)
{
    *out_low = spec->nominal_milli - spec->tol_minus_milli;
    *out_high = spec->nominal_milli + spec->tol_plus_milli;
}

fq_meas_judgement fq_meas_judge(const fq_meas_spec *spec, int64_t value_milli)
{
    fq_meas_judgement j;
    int64_t lo;
    int64_t hi;
    fq_meas_limits(spec, &lo, &hi);
    j.deviation_milli = value_milli - spec->nominal_milli;
    if (value_milli < lo) {
        j.status = FQ_MEAS_BELOW;
        j.outside_milli = lo - value_milli;
    } else if (value_milli > hi) {
        j.status = FQ_MEAS_ABOVE;
        j.outside_milli = value_milli - hi;
    } else {
        j.status = FQ_MEAS_IN;
        j.outside_milli = 0;
    }
    return j;
}

void fq_meas_format(int64_t value_milli, char *buf, size_t len)
{
    uint64_t a = value_milli < 0 ? (uint64_t)0 - (uint64_t)value_milli : (uint64_t)value_milli;
    char frac[8];
    snprintf(frac, sizeof frac, "%03u", (unsigned)(a % 1000));
    size_t n = 3;
    while (n > 0 && frac[n - 1] == '0')
        n--;
    frac[n] = '\0';
    snprintf(buf, len, "%s%llu%s%s", value_milli < 0 ? "-" : "", (unsigned long long)(a / 1000),
             n ? "." : "", frac);
}

void fq_meas_format_spec(const fq_meas_spec *spec, char *buf, size_t len)
{
    char nom[32], lo[32], hi[32];
    fq_meas_format(spec->nominal_milli, nom, sizeof nom);
    fq_meas_format(spec->tol_minus_milli, lo, sizeof lo);
    fq_meas_format(spec->tol_plus_milli, hi, sizeof hi);
    if (spec->tol_minus_milli == spec->tol_plus_milli)
        snprintf(buf, len, FQ_TR("%s \xc2\xb1%s %s"), nom, lo, spec->unit);
    else
        snprintf(buf, len, "%s -%s / +%s %s", nom, lo, hi, spec->unit);
}

static const fq_meas_spec *find_spec(const fq_meas_spec *specs, size_t n, const char *uuid)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(specs[i].meta.uuid, uuid))
            return &specs[i];
    return NULL;
}

/* The severity reading r adds to its unit (0: none: in tolerance, or no spec). */
static int32_t out_severity(const fq_meas_spec *specs, size_t n_specs, const fq_meas_reading *r,
                            const fq_meas_spec **out_spec)
{
    const fq_meas_spec *sp = find_spec(specs, n_specs, r->spec_uuid);
    *out_spec = sp;
    if (!sp || fq_meas_judge(sp, r->value_milli).status == FQ_MEAS_IN)
        return FQ_SEV_NONE;
    return sp->severity >= FQ_SEV_MINOR && sp->severity <= FQ_SEV_CRITICAL ? sp->severity
                                                                           : FQ_SEV_MAJOR;
}

void fq_meas_defectives(const fq_meas_spec *specs, size_t n_specs,
                        const fq_meas_reading *readings, size_t n_readings,
                        int32_t out_units[FQ_SEV_COUNT])
{
    for (int i = 0; i < FQ_SEV_COUNT; i++)
        out_units[i] = 0;
    for (size_t i = 0; i < n_readings; i++) {
        const fq_meas_spec *si;
        int32_t sev = out_severity(specs, n_specs, &readings[i], &si);
        if (sev == FQ_SEV_NONE)
            continue;
        /* counted by the first of its unit's worst readings only */
        int counted_elsewhere = 0;
        for (size_t k = 0; k < n_readings && !counted_elsewhere; k++) {
            const fq_meas_spec *sk;
            if (k == i || readings[k].unit_no != readings[i].unit_no)
                continue;
            int32_t sev_k = out_severity(specs, n_specs, &readings[k], &sk);
            if (sev_k == FQ_SEV_NONE || strcmp(sk->size, si->size))
                continue;
            counted_elsewhere = sev_k > sev || (sev_k == sev && k < i);
        }
        if (!counted_elsewhere)
            out_units[sev]++;
    }
}

void fq_meas_point_stats(const fq_meas_spec *spec, const int64_t *values, size_t n,
                         fq_meas_stats *out)
{
    memset(out, 0, sizeof *out);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t v = values[i];
        if (out->n == 0 || v < out->min_milli)
            out->min_milli = v;
        if (out->n == 0 || v > out->max_milli)
            out->max_milli = v;
        out->n++;
        sum += v; /* values are within +-10^15 and n <= a few thousand: no overflow */
        if (fq_meas_judge(spec, v).status != FQ_MEAS_IN)
            out->n_out++;
    }
    if (out->n > 0) {
        int64_t q = sum / out->n;
        int64_t r = sum % out->n;
        if (r * 2 >= out->n)
            q++;
        else if (-r * 2 >= out->n)
            q--;
        out->mean_milli = q;
    }
}
