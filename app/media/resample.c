/* resample.c: Lanczos-3 (or triangle) resampling of one 8-bit plane, with the EXIF orientation applied
 * while the rows are written (so no extra full-size buffer is needed to turn a photo).
 *
 * How: separable filter in 14-bit fixed point, vertical pass first (into int16 with 6
 * fractional bits), 16 output rows at a time kept column-major, then the horizontal pass.
 * Both inner loops run over contiguous memory so compilers vectorise them (SSE2 / NEON)
 * without intrinsics. Memory besides src and dst: 16 rows of intermediate data and the
 * weight tables, whatever the image size. Edges: taps falling outside the
 * image are dropped and the rest renormalised.
 * It does not enlarge with a better filter than Lanczos-3 and does not handle colour:
 * each plane (Y, Cb, Cr) is resampled on its own. */
#include <math.h>
#include <string.h>

#include "media/media_internal.h"

#define LANCZOS_A 3.0
#define WEIGHT_BITS 14
#define WEIGHT_ONE (1 << WEIGHT_BITS)
#define MID_BITS 6 /* fractional bits kept between the two passes */
#define MAX_TAPS 4096
#define BAND 16 /* output rows filtered together */

typedef struct axis {
    int n_out;
    int n_taps;
    int32_t *start;
    int16_t *w;
} axis;

static double support(int filter)
{
    return filter == FQ_FILTER_TRIANGLE ? 1.0 : LANCZOS_A;
}

static double kernel(int filter, double x)
{
    if (x < 0)
        x = -x;
    if (filter == FQ_FILTER_TRIANGLE)
        return x < 1.0 ? 1.0 - x : 0.0;
    if (x < 1e-9)
        return 1.0;
    if (x >= LANCZOS_A)
        return 0.0;
    double px = M_PI * x;
    return LANCZOS_A * sin(px) * sin(px / LANCZOS_A) / (px * px);
}

static int axis_taps(int filter, int n_in, int n_out)
{
    if (n_in == n_out)
        return 1;
    double fs = (double)n_in / n_out;
    if (fs < 1.0)
        fs = 1.0;
    int taps = (int)ceil(2.0 * support(filter) * fs) + 1;
    if (taps > n_in)
        taps = n_in;
    return taps;
}

static void axis_fill(axis *ax, int filter, int n_in)
{
    int taps = ax->n_taps;
    if (taps == 1 && n_in == ax->n_out) {
        for (int i = 0; i < ax->n_out; i++) {
            ax->start[i] = i;
            ax->w[i] = WEIGHT_ONE;
        }
        return;
    }
    double scale = (double)n_in / ax->n_out;
    double fs = scale < 1.0 ? 1.0 : scale;
    double f[MAX_TAPS];
    for (int i = 0; i < ax->n_out; i++) {
        double centre = (i + 0.5) * scale;
        int left = (int)floor(centre - 0.5 - support(filter) * fs) + 1;
        if (left + taps > n_in)
            left = n_in - taps;
        if (left < 0)
            left = 0;
        double sum = 0.0;
        for (int k = 0; k < taps; k++) {
            f[k] = kernel(filter, (left + k + 0.5 - centre) / fs);
            sum += f[k];
        }
        int16_t *w = ax->w + (size_t)i * taps;
        int total = 0;
        int biggest = 0;
        for (int k = 0; k < taps; k++) {
            w[k] = (int16_t)lround(f[k] / sum * WEIGHT_ONE);
            total += w[k];
            if (w[k] > w[biggest])
                biggest = k;
        }
        /* Make the weights sum to exactly 1.0 so flat areas stay flat. */
        w[biggest] = (int16_t)(w[biggest] + (WEIGHT_ONE - total));
        ax->start[i] = left;
    }
}

static size_t align16(size_t n)
{
    return (n + 15u) & ~(size_t)15u;
}

/* Vertical pass for one output row y: acc[x] = sum_k src[first + k][x] * w_k. The inner
 * loop runs along a row, so the compiler vectorises it. */
static void filter_v(const fq_plane *src, const axis *ay, int y, int32_t *acc)
{
    const int16_t *w = ay->w + (size_t)y * (size_t)ay->n_taps;
    int first = ay->start[y];
    int n = src->w;
    for (int x = 0; x < n; x++)
        acc[x] = 1 << (WEIGHT_BITS - MID_BITS - 1);
    for (int k = 0; k < ay->n_taps; k++) {
        int32_t wk = w[k];
        if (wk == 0)
            continue;
        const unsigned char *row = src->px + (size_t)(first + k) * (size_t)src->stride;
        for (int x = 0; x < n; x++)
            acc[x] += row[x] * wk;
    }
}

static int16_t clamp16(int32_t v)
{
    return (int16_t)(v > INT16_MAX ? INT16_MAX : v < INT16_MIN ? INT16_MIN : v);
}

/* Where unrotated pixel (0,0) lands in dst and how far one step in x / y moves. */
static void orient_steps(const fq_plane *dst, int orientation, int uw, int uh,
                         ptrdiff_t *origin, ptrdiff_t *sx, ptrdiff_t *sy)
{
    ptrdiff_t s = dst->stride;
    switch (orientation) {
    case 2: *origin = uw - 1; *sx = -1; *sy = s; break;
    case 3: *origin = (ptrdiff_t)(uh - 1) * s + uw - 1; *sx = -1; *sy = -s; break;
    case 4: *origin = (ptrdiff_t)(uh - 1) * s; *sx = 1; *sy = -s; break;
    case 5: *origin = 0; *sx = s; *sy = 1; break;
    case 6: *origin = uh - 1; *sx = s; *sy = -1; break;
    case 7: *origin = (ptrdiff_t)(uw - 1) * s + uh - 1; *sx = -s; *sy = -1; break;
    case 8: *origin = (ptrdiff_t)(uw - 1) * s; *sx = -s; *sy = 1; break;
    default: *origin = 0; *sx = 1; *sy = s; break;
    }
}

/* On x86-64 with GCC the same C is also compiled for AVX2 (native 32-bit multiplies)
 * and picked at load time (clang 14 does not emit the resolver for this). Other targets
 * (NEON on aarch64) use the baseline build. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
fq_err fq_media_resample(fq_buf *scratch, const fq_plane *src, const fq_plane *dst,
                         int orientation, int filter)
{
    int transposed = orientation >= 5 && orientation <= 8;
    int uw = transposed ? dst->h : dst->w;
    int uh = transposed ? dst->w : dst->h;
    if (src->w < 1 || src->h < 1 || uw < 1 || uh < 1)
        return FQ_ERR_INVALID;
    axis ax = {uw, axis_taps(filter, src->w, uw), NULL, NULL};
    axis ay = {uh, axis_taps(filter, src->h, uh), NULL, NULL};
    if (ax.n_taps > MAX_TAPS || ay.n_taps > MAX_TAPS)
        return FQ_ERR_INVALID;
    size_t sz_xs = align16((size_t)uw * sizeof(int32_t));
    size_t sz_xw = align16((size_t)uw * (size_t)ax.n_taps * sizeof(int16_t));
    size_t sz_ys = align16((size_t)uh * sizeof(int32_t));
    size_t sz_yw = align16((size_t)uh * (size_t)ay.n_taps * sizeof(int16_t));
    size_t sz_col = align16((size_t)src->w * BAND * sizeof(int16_t));
    size_t sz_acc = align16((size_t)src->w * sizeof(int32_t));
    fq_err err = fq_media_buf_reserve(scratch, sz_xs + sz_xw + sz_ys + sz_yw + sz_col + sz_acc);
    if (err)
        return err;
    unsigned char *p = scratch->p;
    ax.start = (int32_t *)(void *)p;
    ax.w = (int16_t *)(void *)(p + sz_xs);
    ay.start = (int32_t *)(void *)(p + sz_xs + sz_xw);
    ay.w = (int16_t *)(void *)(p + sz_xs + sz_xw + sz_ys);
    int16_t *col = (int16_t *)(void *)(p + sz_xs + sz_xw + sz_ys + sz_yw);
    int32_t *acc = (int32_t *)(void *)(p + sz_xs + sz_xw + sz_ys + sz_yw + sz_col);
    axis_fill(&ax, filter, src->w);
    axis_fill(&ay, filter, src->h);

    ptrdiff_t origin;
    ptrdiff_t sx;
    ptrdiff_t sy;
    orient_steps(dst, orientation, uw, uh, &origin, &sx, &sy);
    /* Vertical first, BAND output rows at a time, stored column-major (col[x][r]) so the
     * horizontal pass also runs over contiguous data: for each output x it sums taps of
     * BAND-wide vectors. Only BAND rows of intermediate data exist at any time. */
    for (int y0 = 0; y0 < uh; y0 += BAND) {
        int n_rows = uh - y0 < BAND ? uh - y0 : BAND;
        for (int r = 0; r < BAND; r++) {
            if (r < n_rows) {
                filter_v(src, &ay, y0 + r, acc);
                for (int x = 0; x < src->w; x++)
                    col[(size_t)x * BAND + (size_t)r] = clamp16(acc[x] >> (WEIGHT_BITS - MID_BITS));
            } else {
                for (int x = 0; x < src->w; x++)
                    col[(size_t)x * BAND + (size_t)r] = 0;
            }
        }
        unsigned char *band_out = dst->px + origin + (ptrdiff_t)y0 * sy;
        for (int xo = 0; xo < uw; xo++) {
            int32_t a[BAND];
            for (int r = 0; r < BAND; r++)
                a[r] = 1 << (WEIGHT_BITS + MID_BITS - 1);
            const int16_t *c = col + (size_t)ax.start[xo] * BAND;
            const int16_t *w = ax.w + (size_t)xo * (size_t)ax.n_taps;
            for (int k = 0; k < ax.n_taps; k++) {
                int32_t wk = w[k];
                const int16_t *ck = c + (size_t)k * BAND;
                for (int r = 0; r < BAND; r++)
                    a[r] += ck[r] * wk;
            }
            unsigned char *o = band_out + (ptrdiff_t)xo * sx;
            for (int r = 0; r < n_rows; r++) {
                int32_t v = a[r] >> (WEIGHT_BITS + MID_BITS);
                o[(ptrdiff_t)r * sy] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
    }
    return FQ_OK;
}

void fq_media_fit(int w, int h, int long_edge_px, int *out_w, int *out_h)
{
    int longest = w > h ? w : h;
    if (long_edge_px <= 0 || longest <= long_edge_px) {
        *out_w = w;
        *out_h = h;
        return;
    }
    if (w >= h) {
        *out_w = long_edge_px;
        *out_h = (int)(((int64_t)h * long_edge_px * 2 + w) / ((int64_t)w * 2));
    } else {
        *out_h = long_edge_px;
        *out_w = (int)(((int64_t)w * long_edge_px * 2 + h) / ((int64_t)h * 2));
    }
    if (*out_w < 1)
        *out_w = 1;
    if (*out_h < 1)
        *out_h = 1;
}
