/* resample.c: Lanczos-3 (or triangle) resampling of one 8-bit plane, with the EXIF orientation
 * applied while the rows are written (so no extra full-size buffer is needed to turn a photo).
 *
 * How: separable filter in single-precision float, BAND output rows at a time. The vertical
 * pass makes the band's rows from source rows; they are stored column-major (col[x][r]) so
 * that the horizontal pass is, for each output x, a sum of taps of BAND-wide vectors, and
 * the rounded band is written to dst in the orientation's order. The pixel loops are in
 * resample_kernel.h, built for 16-byte vectors (SSE2, NEON) and, on x86-64, also for
 * AVX2+FMA, picked at run time. Float because a multiply-add is one instruction on all of
 * these, while 32-bit integer multiplies are slow (AVX2) or missing (SSE2), and it needs
 * no rounding between the passes (the 14-bit fixed-point version it replaced took 2x as
 * long on a 6 MP photo, measured in bench_media, issue 4).
 * Memory besides src and dst: one band of intermediate data and the weight tables, whatever
 * the image size. Edges: taps falling outside the image are dropped and the rest
 * renormalised.
 * It does not enlarge with a better filter than Lanczos-3 and does not handle colour:
 * each plane (Y, Cb, Cr) is resampled on its own. */
#include <math.h>
#include <string.h>

#include "media/media_internal.h"

#define LANCZOS_A 3.0 /* kernel() relies on it being 3 */
#define MAX_TAPS 4096
#define BAND 16    /* output rows filtered together: two AVX2 or four SSE2/NEON vectors */
#define STRIP 256  /* columns of a band turned column-major at a time (16 KB of floats) */
#define H_CHUNK 32 /* outputs of the horizontal pass rounded to bytes at a time (2 KB) */

typedef struct axis {
    int n_out;
    int n_taps;
    int32_t *start;
    float *w;
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
    double s = sin(px / LANCZOS_A); /* sin(px) = s * (3 - 4 s^2) for A = 3: one sin per tap */
    return LANCZOS_A * s * (3.0 - 4.0 * s * s) * s / (px * px);
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
            ax->w[i] = 1.0f;
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
        /* normalised, so flat areas stay flat */
        float *w = ax->w + (size_t)i * (size_t)taps;
        for (int k = 0; k < taps; k++)
            w[k] = (float)(f[k] / sum);
        ax->start[i] = left;
    }
}

static size_t align64(size_t n)
{
    return (n + 63u) & ~(size_t)63u;
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

/* Copies n_rows rows of a tile to dst, where out points at the band's pixel (0, 0). The
 * loop order follows dst: along a row when x steps by one byte, else along a tile column. */
static void write_tile(const unsigned char *tile, int n_out, int n_rows, unsigned char *out,
                       ptrdiff_t sx, ptrdiff_t sy)
{
    if (sx == 1 || sx == -1) {
        for (int r = 0; r < n_rows; r++) {
            unsigned char *o = out + (ptrdiff_t)r * sy;
            for (int xo = 0; xo < n_out; xo++)
                o[(ptrdiff_t)xo * sx] = tile[(size_t)xo * BAND + (size_t)r];
        }
        return;
    }
    for (int xo = 0; xo < n_out; xo++) {
        unsigned char *o = out + (ptrdiff_t)xo * sx;
        const unsigned char *t = tile + (size_t)xo * BAND;
        for (int r = 0; r < n_rows; r++)
            o[(ptrdiff_t)r * sy] = t[r];
    }
}

#define KVEC_BYTES 16
#define KNAME(n) n##_base
#define KTARGET
#include "media/resample_kernel.h"
#undef KVEC_BYTES
#undef KNAME
#undef KTARGET

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AVX2_KERNEL 1
#define KVEC_BYTES 32
#define KNAME(n) n##_avx2
#define KTARGET __attribute__((target("avx2,fma")))
#include "media/resample_kernel.h"
#undef KVEC_BYTES
#undef KNAME
#undef KTARGET
#endif

typedef void (*band_fn)(const fq_plane *src, const axis *ax, const axis *ay, int y0, int n_rows,
                        float *rows, float *col, unsigned char *tile);

/* The widest kernel this CPU runs (a cached cpuid lookup, cheap per call). */
static band_fn pick_band(void)
{
#ifdef HAVE_AVX2_KERNEL
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return resample_band_avx2;
#endif
    return resample_band_base;
}

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
    size_t sz[7] = {
        align64((size_t)uw * sizeof(int32_t)),
        align64((size_t)uw * (size_t)ax.n_taps * sizeof(float)),
        align64((size_t)uh * sizeof(int32_t)),
        align64((size_t)uh * (size_t)ay.n_taps * sizeof(float)),
        align64((size_t)src->w * BAND * sizeof(float)), /* col: one band, column-major */
        align64((size_t)BAND * STRIP * sizeof(float)),  /* rows: one strip of a band */
        align64((size_t)uw * BAND),                     /* tile: one band of output bytes */
    };
    unsigned char *part[7];
    size_t total = 0;
    for (int i = 0; i < 7; i++)
        total += sz[i];
    fq_err err = fq_media_buf_reserve(scratch, total + 63u);
    if (err)
        return err;
    part[0] = scratch->p + (-(uintptr_t)scratch->p & 63u); /* malloc gives only 16 */
    for (int i = 1; i < 7; i++)
        part[i] = part[i - 1] + sz[i - 1];
    ax.start = (int32_t *)(void *)part[0];
    ax.w = (float *)(void *)part[1];
    ay.start = (int32_t *)(void *)part[2];
    ay.w = (float *)(void *)part[3];
    float *col = (float *)(void *)part[4];
    float *rows = (float *)(void *)part[5];
    unsigned char *tile = part[6];
    axis_fill(&ax, filter, src->w);
    axis_fill(&ay, filter, src->h);

    ptrdiff_t origin;
    ptrdiff_t sx;
    ptrdiff_t sy;
    orient_steps(dst, orientation, uw, uh, &origin, &sx, &sy);
    band_fn band = pick_band();
    for (int y0 = 0; y0 < uh; y0 += BAND) {
        int n_rows = uh - y0 < BAND ? uh - y0 : BAND;
        band(src, &ax, &ay, y0, n_rows, rows, col, tile);
        write_tile(tile, uw, n_rows, dst->px + origin + (ptrdiff_t)y0 * sy, sx, sy);
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
