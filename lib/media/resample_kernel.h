/* resample_kernel.h: the pixel loops of resample.c for one SIMD vector width, included once
 * per width by resample.c only (never elsewhere). Before each inclusion resample.c defines
 *   KVEC_BYTES  16 (SSE2, NEON) or 32 (AVX2)
 *   KNAME(n)    the function name suffixed for that width
 *   KTARGET     the target attribute for that width (empty for the baseline)
 * (hence no include guard). Why not plain loops and target_clones: GCC vectorises the
 * horizontal pass along the taps (gathers and permutes, 7x slower, measured), and a 32-byte
 * vector type compiled for SSE2 goes through the stack. GCC/clang vector types of the
 * native width give the intended code on every target (checked: AVX2, SSE2, NEON).
 * It does not compute weights or turn the image (resample.c does). */

/* One vector of KVEC_BYTES / 4 floats; a band column is KNV of them. */
typedef float KNAME(vec) __attribute__((vector_size(KVEC_BYTES)));
#define KNV (BAND * (int)sizeof(float) / KVEC_BYTES)

/* Vertical pass for one output row over columns [x0, x0 + n): out[x] = sum_k
 * src[first + k][x0 + x] * w[k]. A plain loop; the compiler vectorises it at the width
 * of KTARGET. */
KTARGET static inline void KNAME(filter_v)(const fq_plane *src, const float *w, int first,
                                           int n_taps, int x0, int n, float *out)
{
    const unsigned char *p = src->px + (size_t)first * (size_t)src->stride + (size_t)x0;
    for (int x = 0; x < n; x++)
        out[x] = w[0] * (float)p[x];
    for (int k = 1; k < n_taps; k++) {
        float wk = w[k];
        p += src->stride;
        for (int x = 0; x < n; x++)
            out[x] += wk * (float)p[x];
    }
}

/* Rounds n sums to bytes. A plain loop over floats in memory, so the compiler vectorises
 * it (convert, saturating packs); converting straight from the vector registers of
 * filter_h came out as one scalar conversion per byte. */
KTARGET static inline void KNAME(to_bytes)(const float *sums, int n, unsigned char *out)
{
    for (int i = 0; i < n; i++) {
        int v = (int)(sums[i] + 0.5f); /* sums stay within -200..500: no overflow */
        v = v < 0 ? 0 : v;
        out[i] = (unsigned char)(v > 255 ? 255 : v);
    }
}

/* Horizontal pass of one band: for each output x, the sum of its taps of band columns,
 * rounded into tile[x][r]. Two outputs at a time: each sum is a chain of dependent
 * multiply-adds, and two independent chains keep the FPU busy (measured: 2x). Sums go
 * through a small buffer, H_CHUNK outputs at a time, to be rounded in one loop. */
KTARGET static inline void KNAME(filter_h)(const axis *ax, const float *col, unsigned char *tile)
{
    typedef KNAME(vec) vec;
    float sums[H_CHUNK * BAND];
    int n_taps = ax->n_taps;
    for (int x0 = 0; x0 < ax->n_out; x0 += H_CHUNK) {
        int n = ax->n_out - x0 < H_CHUNK ? ax->n_out - x0 : H_CHUNK;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            int xo = x0 + i;
            const vec *c = (const vec *)(const void *)(col + (size_t)ax->start[xo] * BAND);
            const vec *d = (const vec *)(const void *)(col + (size_t)ax->start[xo + 1] * BAND);
            const float *wc = ax->w + (size_t)xo * (size_t)n_taps;
            const float *wd = wc + n_taps;
            vec a[KNV];
            vec b[KNV];
            for (int v = 0; v < KNV; v++) {
                a[v] = c[v] * wc[0];
                b[v] = d[v] * wd[0];
            }
            for (int k = 1; k < n_taps; k++)
                for (int v = 0; v < KNV; v++) {
                    a[v] += c[k * KNV + v] * wc[k];
                    b[v] += d[k * KNV + v] * wd[k];
                }
            memcpy(sums + (size_t)i * BAND, a, sizeof a);
            memcpy(sums + (size_t)(i + 1) * BAND, b, sizeof b);
        }
        if (i < n) {
            int xo = x0 + i;
            const vec *c = (const vec *)(const void *)(col + (size_t)ax->start[xo] * BAND);
            const float *wc = ax->w + (size_t)xo * (size_t)n_taps;
            vec a[KNV];
            for (int v = 0; v < KNV; v++)
                a[v] = c[v] * wc[0];
            for (int k = 1; k < n_taps; k++)
                for (int v = 0; v < KNV; v++)
                    a[v] += c[k * KNV + v] * wc[k];
            memcpy(sums + (size_t)i * BAND, a, sizeof a);
        }
        KNAME(to_bytes)(sums, n * BAND, tile + (size_t)x0 * BAND);
    }
}

/* One band: n_rows output rows from y0 into tile (column-major, BAND bytes per output x).
 * The vertical pass runs on strips of STRIP columns so that a strip's BAND rows (`rows`,
 * BAND x STRIP floats) and its part of col stay in L1 while they are turned column-major:
 * turning whole rows cost more than all the filtering (each col line was written 16 times
 * from L2). col must be 64-byte aligned and hold src->w band columns. */
KTARGET static void KNAME(resample_band)(const fq_plane *src, const axis *ax, const axis *ay,
                                         int y0, int n_rows, float *rows, float *col,
                                         unsigned char *tile)
{
    for (int x0 = 0; x0 < src->w; x0 += STRIP) {
        int n = src->w - x0 < STRIP ? src->w - x0 : STRIP;
        for (int r = 0; r < BAND; r++) {
            float *out = rows + (size_t)r * STRIP;
            if (r < n_rows)
                KNAME(filter_v)(src, ay->w + (size_t)(y0 + r) * (size_t)ay->n_taps,
                                ay->start[y0 + r], ay->n_taps, x0, n, out);
            else /* the last band's unused rows: keep them defined */
                memset(out, 0, (size_t)n * sizeof(float));
        }
        float *c = col + (size_t)x0 * BAND;
        for (int x = 0; x < n; x++)
            for (int r = 0; r < BAND; r++)
                c[(size_t)x * BAND + (size_t)r] = rows[(size_t)r * STRIP + (size_t)x];
    }
    KNAME(filter_h)(ax, col, tile);
}

#undef KNV
