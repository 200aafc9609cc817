/* media_bench.c: the photo pipeline against vipsthumbnail on the shared real photos.
 * Job: one photo -> 1600 px q80 stored JPEG + 256 px thumbnail. Per photo it prints our
 * time (median of 5, in process, including writing both files with fsync; runs alternate
 * with vips's), our peak RSS
 * (one run in a fresh child: fork + exec + wait4 ru_maxrss), output bytes, the same for
 * `vipsthumbnail` run once per size (the way an app would have to call it), the speed
 * ratio, and SSIM on luma of both 1600 px outputs against a reference resize (full decode,
 * Lanczos-3 in double precision, written here). Figures only; it asserts nothing.
 * usage: media_bench PHOTO_DIR [TMP_DIR]     (child mode: media_bench --one FILE STORE) */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <turbojpeg.h>
#include <unistd.h>

#include "media/media.h"
#include "media/media_decode.h"

#define RUNS 5

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    unsigned char *p = malloc((size_t)n + 1);
    if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return p;
}

/* Children are started by a spawner process forked at the very start, while the bench is
 * still small: Linux carries the pre-exec RSS of a forked child into its ru_maxrss, so
 * forking from the big bench process would inflate every figure. */
typedef struct spawn_req {
    int n_args;
    char args[8][1024];
} spawn_req;

typedef struct spawn_resp {
    double ms;
    long rss_kb;
    int ok;
} spawn_resp;

static int req_fd = -1;
static int resp_fd = -1;

static int io_all(int fd, void *buf, size_t len, int writing)
{
    unsigned char *p = buf;
    while (len > 0) {
        ssize_t n = writing ? write(fd, p, len) : read(fd, p, len);
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static void spawner_loop(int in, int out)
{
    spawn_req rq;
    while (io_all(in, &rq, sizeof rq, 0) == 0) {
        char *argv[9];
        for (int i = 0; i < rq.n_args && i < 8; i++)
            argv[i] = rq.args[i];
        argv[rq.n_args] = NULL;
        spawn_resp rs = {0, 0, 0};
        double t0 = now_ms();
        pid_t pid = fork();
        if (pid == 0) {
            execvp(argv[0], argv);
            _exit(127);
        }
        int status = 0;
        struct rusage ru;
        memset(&ru, 0, sizeof ru);
        if (pid > 0 && wait4(pid, &status, 0, &ru) == pid) {
            rs.ms = now_ms() - t0;
            rs.rss_kb = ru.ru_maxrss;
            rs.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        }
        if (io_all(out, &rs, sizeof rs, 1) != 0)
            break;
    }
    _exit(0);
}

static int start_spawner(void)
{
    int a[2];
    int b[2];
    if (pipe(a) != 0 || pipe(b) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(a[1]);
        close(b[0]);
        spawner_loop(a[0], b[1]);
    }
    close(a[0]);
    close(b[1]);
    req_fd = a[1];
    resp_fd = b[0];
    return 0;
}

/* Runs argv in a child; returns its wall time in ms and peak RSS in KB. */
static int run_child(char *const argv[], double *ms, long *rss_kb)
{
    static spawn_req rq;
    memset(&rq, 0, sizeof rq);
    for (rq.n_args = 0; argv[rq.n_args] && rq.n_args < 8; rq.n_args++)
        snprintf(rq.args[rq.n_args], sizeof rq.args[0], "%s", argv[rq.n_args]);
    spawn_resp rs;
    if (io_all(req_fd, &rq, sizeof rq, 1) != 0 || io_all(resp_fd, &rs, sizeof rs, 0) != 0)
        return -1;
    *ms = rs.ms;
    *rss_kb = rs.rss_kb;
    return rs.ok ? 0 : -1;
}

static void rm_store(const char *store)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", store);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot clean %s\n", store);
}

/* ---- reference resize and SSIM -------------------------------------------------------- */

static double lanczos3(double x)
{
    x = fabs(x);
    if (x < 1e-12)
        return 1.0;
    if (x >= 3.0)
        return 0.0;
    double px = M_PI * x;
    return 3.0 * sin(px) * sin(px / 3.0) / (px * px);
}

/* One axis of a separable Lanczos-3 resize in double precision; edges clamp. */
static void resize_axis(const double *src, int n_in, int stride_in, double *dst, int n_out,
                        int stride_out, int count, int count_stride_in, int count_stride_out)
{
    double scale = (double)n_in / n_out;
    double fs = scale > 1.0 ? scale : 1.0;
    for (int i = 0; i < n_out; i++) {
        double centre = (i + 0.5) * scale;
        int lo = (int)floor(centre - 3.0 * fs);
        int hi = (int)ceil(centre + 3.0 * fs);
        double wsum = 0.0;
        for (int j = lo; j <= hi; j++)
            wsum += lanczos3((j + 0.5 - centre) / fs);
        for (int c = 0; c < count; c++) {
            const double *s = src + (size_t)c * (size_t)count_stride_in;
            double acc = 0.0;
            for (int j = lo; j <= hi; j++) {
                int k = j < 0 ? 0 : j >= n_in ? n_in - 1 : j;
                acc += s[(size_t)k * (size_t)stride_in] * lanczos3((j + 0.5 - centre) / fs);
            }
            dst[(size_t)c * (size_t)count_stride_out + (size_t)i * (size_t)stride_out] = acc / wsum;
        }
    }
}

/* Full-size luma (double) -> w x h, then turned by orientation into *out (ow x oh). */
static double *reference(const double *luma, int sw, int sh, int w, int h, int orientation)
{
    double *tmp = malloc(sizeof(double) * (size_t)w * (size_t)sh);
    double *out = malloc(sizeof(double) * (size_t)w * (size_t)h);
    resize_axis(luma, sw, 1, tmp, w, 1, sh, sw, w);
    resize_axis(tmp, sh, w, out, h, w, w, 1, 1);
    free(tmp);
    if (orientation == 1)
        return out;
    int t = orientation >= 5;
    int dw = t ? h : w;
    double *rot = malloc(sizeof(double) * (size_t)w * (size_t)h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int dx = x;
            int dy = y;
            switch (orientation) {
            case 2: dx = w - 1 - x; break;
            case 3: dx = w - 1 - x; dy = h - 1 - y; break;
            case 4: dy = h - 1 - y; break;
            case 5: dx = y; dy = x; break;
            case 6: dx = h - 1 - y; dy = x; break;
            case 7: dx = h - 1 - y; dy = w - 1 - x; break;
            case 8: dx = y; dy = w - 1 - x; break;
            default: break;
            }
            rot[(size_t)dy * (size_t)dw + (size_t)dx] = out[(size_t)y * (size_t)w + (size_t)x];
        }
    free(out);
    return rot;
}

/* Mean SSIM over 8x8 windows (step 4) of an 8-bit luma image against a double reference. */
static double ssim(const unsigned char *a, const double *ref, int w, int h)
{
    const double c1 = (0.01 * 255) * (0.01 * 255);
    const double c2 = (0.03 * 255) * (0.03 * 255);
    double total = 0.0;
    long n = 0;
    for (int y = 0; y + 8 <= h; y += 4)
        for (int x = 0; x + 8 <= w; x += 4) {
            double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
            for (int j = 0; j < 8; j++)
                for (int i = 0; i < 8; i++) {
                    size_t k = (size_t)(y + j) * (size_t)w + (size_t)(x + i);
                    double va = a[k];
                    double vb = ref[k] < 0 ? 0 : ref[k] > 255 ? 255 : ref[k];
                    sa += va;
                    sb += vb;
                    saa += va * va;
                    sbb += vb * vb;
                    sab += va * vb;
                }
            double ma = sa / 64, mb = sb / 64;
            double va = saa / 64 - ma * ma, vb = sbb / 64 - mb * mb, cov = sab / 64 - ma * mb;
            total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            n++;
        }
    return n ? total / (double)n : 0.0;
}

static double ssim_of_jpeg(const unsigned char *jpeg, size_t len, const double *luma, int sw,
                           int sh, int orientation)
{
    tjhandle d = tjInitDecompress();
    int w, h, ss, cs;
    double result = -1.0;
    if (tjDecompressHeader3(d, jpeg, (unsigned long)len, &w, &h, &ss, &cs) == 0) {
        unsigned char *px = malloc((size_t)w * (size_t)h);
        if (tjDecompress2(d, jpeg, (unsigned long)len, px, w, 0, h, TJPF_GRAY, 0) == 0) {
            int t = orientation >= 5;
            double *ref = reference(luma, sw, sh, t ? h : w, t ? w : h, orientation);
            result = ssim(px, ref, w, h);
            free(ref);
        }
        free(px);
    }
    tjDestroy(d);
    return result;
}

/* Full decode of the original to luma in double precision. */
static double *full_luma(const unsigned char *jpeg, size_t len, int *w, int *h)
{
    tjhandle d = tjInitDecompress();
    int ss, cs;
    double *out = NULL;
    if (tjDecompressHeader3(d, jpeg, (unsigned long)len, w, h, &ss, &cs) == 0) {
        size_t n = (size_t)*w * (size_t)*h;
        unsigned char *rgb = malloc(n * 3);
        if (tjDecompress2(d, jpeg, (unsigned long)len, rgb, *w, 0, *h, TJPF_RGB, TJFLAG_ACCURATEDCT) == 0) {
            out = malloc(n * sizeof(double));
            for (size_t i = 0; i < n; i++)
                out[i] = 0.299 * rgb[i * 3] + 0.587 * rgb[i * 3 + 1] + 0.114 * rgb[i * 3 + 2];
        }
        free(rgb);
    }
    tjDestroy(d);
    return out;
}

/* ---- per photo ------------------------------------------------------------------------ */

static int child_one(const char *file, const char *store)
{
    fq_media *m;
    fq_media_result r;
    if (fq_media_new(&m) != FQ_OK)
        return 2;
    fq_err err = fq_media_process_file(m, store, file, &r);
    if (err)
        fprintf(stderr, "%s: %s\n", file, fq_media_errmsg(m));
    fq_media_free(m);
    return err ? 1 : 0;
}

static void bench_photo(const char *self, const char *path, const char *name, const char *tmp)
{
    char store[4096];
    snprintf(store, sizeof store, "%s/store", tmp);
    fq_media *m;
    if (fq_media_new(&m) != FQ_OK)
        return;
    char v1600[4200], v256[4200], arg1600[4300], arg256[4300];
    snprintf(v1600, sizeof v1600, "%s/v1600.jpg", tmp);
    snprintf(v256, sizeof v256, "%s/v256.jpg", tmp);
    snprintf(arg1600, sizeof arg1600, "%s[Q=80]", v1600);
    snprintf(arg256, sizeof arg256, "%s[Q=80]", v256);
    char *va[] = {"vipsthumbnail", (char *)path, "-s", "1600", "-o", arg1600, NULL};
    char *vb[] = {"vipsthumbnail", (char *)path, "-s", "256", "-o", arg256, NULL};
    /* Our runs and vips's alternate, so that both see the same load from other processes
     * on a shared machine: the ratio is then comparable between runs even when the
     * absolute times are not. */
    double t[RUNS];
    double vt[RUNS];
    long vips_rss = 0;
    int vips_ok = 1;
    fq_media_result r;
    for (int i = 0; i < RUNS; i++) {
        rm_store(store);
        double t0 = now_ms();
        if (fq_media_process_file(m, store, path, &r) != FQ_OK) {
            printf("%-40s error: %s\n", name, fq_media_errmsg(m));
            fq_media_free(m);
            return;
        }
        t[i] = now_ms() - t0;
        double ma = 0, mb = 0;
        long ra = 0, rb = 0;
        vips_ok = vips_ok && run_child(va, &ma, &ra) == 0 && run_child(vb, &mb, &rb) == 0;
        vt[i] = ma + mb;
        if (ra > vips_rss)
            vips_rss = ra;
        if (rb > vips_rss)
            vips_rss = rb;
    }
    double ours_ms = median(t, RUNS);
    double vips_ms = vips_ok ? median(vt, RUNS) : 0.0;
    rm_store(store);
    double child_ms;
    long ours_rss = 0;
    char *one[] = {(char *)self, "--one", (char *)path, store, NULL};
    run_child(one, &child_ms, &ours_rss);

    size_t in_len, our_len, v_len = 0, vt_len = 0;
    unsigned char *in = read_all(path, &in_len);
    char our_path[4096];
    fq_media_process_file(m, store, path, &r);
    fq_fsio_photo_path(store, r.sha256, our_path, sizeof our_path);
    unsigned char *ours = read_all(our_path, &our_len);
    unsigned char *vips = vips_ok ? read_all(v1600, &v_len) : NULL;
    unsigned char *vthumb = vips_ok ? read_all(v256, &vt_len) : NULL;
    int sw, sh;
    double *luma = full_luma(in, in_len, &sw, &sh);
    fq_media_exif ex;
    fq_media_parse_exif(in, in_len, &ex);
    double s_ours = luma && ours ? ssim_of_jpeg(ours, our_len, luma, sw, sh, ex.orientation) : -1;
    double s_vips = luma && vips ? ssim_of_jpeg(vips, v_len, luma, sw, sh, ex.orientation) : -1;
    /* the thumbnails too, each against the reference resize to its own size */
    char thumb_path[4096];
    size_t ot_len = 0;
    fq_fsio_photo_path(store, r.thumb_sha256, thumb_path, sizeof thumb_path);
    unsigned char *othumb = read_all(thumb_path, &ot_len);
    double t_ours = luma && othumb ? ssim_of_jpeg(othumb, ot_len, luma, sw, sh, ex.orientation) : -1;
    double t_vips = luma && vthumb ? ssim_of_jpeg(vthumb, vt_len, luma, sw, sh, ex.orientation) : -1;
    printf("%-40s %5.1f MP | ours %6.1f ms %6.1f MB %7lld+%6lld B | vips %6.1f ms %6.1f MB %7zu+%6zu B | x%4.1f | SSIM ours %.4f vips %.4f (%+.4f) | thumb SSIM ours %.4f vips %.4f (%+.4f)\n",
           name, (double)sw * sh / 1e6, ours_ms, (double)ours_rss / 1024.0, (long long)r.bytes,
           (long long)r.thumb_bytes, vips_ms, (double)vips_rss / 1024.0, v_len, vt_len,
           ours_ms > 0 ? vips_ms / ours_ms : 0.0, s_ours, s_vips, s_ours - s_vips, t_ours, t_vips,
           t_ours - t_vips);
    free(othumb);
    fflush(stdout);
    free(luma);
    free(in);
    free(ours);
    free(vips);
    free(vthumb);
    rm_store(store);
    fq_media_free(m);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- viewfinder: a recorded 1280x720 MJPEG stream through the preview path ---- */

#define PREVIEW_FRAMES 90

/* 90 frames of 1280x720 (4:2:2, q80, as UVC cameras send them) cut from a real photo, the
 * window moving a little each frame, back to back in one file. */
static int record_stream(const char *photo, const char *out_path)
{
    FILE *f = fopen(photo, "rb");
    if (!f)
        return -1;
    static unsigned char buf[32 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    tjhandle d = tjInitDecompress(), c = tjInitCompress();
    int w = 0, h = 0, ss = 0, cs = 0;
    if (tjDecompressHeader3(d, buf, (unsigned long)len, &w, &h, &ss, &cs))
        return -1;
    tjscalingfactor half = {1, 2};
    int sw = w > 2700 ? TJSCALED(w, half) : w, sh = w > 2700 ? TJSCALED(h, half) : h;
    if (sw < 1400 || sh < 800)
        return -1;
    unsigned char *rgb = malloc((size_t)sw * (size_t)sh * 3);
    if (!rgb || tjDecompress2(d, buf, (unsigned long)len, rgb, sw, 0, sh, TJPF_RGB, 0))
        return -1;
    FILE *o = fopen(out_path, "wb");
    if (!o)
        return -1;
    for (int i = 0; i < PREVIEW_FRAMES; i++) {
        const unsigned char *win = rgb + ((size_t)(i % 60) * (size_t)sw + (size_t)(i % 90)) * 3;
        unsigned char *jpeg = NULL;
        unsigned long jl = 0;
        if (tjCompress2(c, win, 1280, sw * 3, 720, TJPF_RGB, &jpeg, &jl, TJSAMP_422, 80, 0))
            return -1;
        fwrite(jpeg, 1, jl, o);
        tjFree(jpeg);
    }
    fclose(o);
    free(rgb);
    tjDestroy(d);
    tjDestroy(c);
    return 0;
}

/* frames per second of the viewfinder path (source + fq_media_preview at 800x480) and of a
 * peer in the same run: the same frames decoded at full size, as a viewfinder without DCT
 * scaling would */
static void bench_preview(const char *photo_dir, const char *tmp)
{
    char photo[4096], stream[4096], err[256];
    snprintf(photo, sizeof photo, "%s/Kleiber_by_Lukas_Baubkus.jpg", photo_dir);
    snprintf(stream, sizeof stream, "%s/camera-1280x720.mjpeg", tmp);
    if (record_stream(photo, stream) != 0) {
        printf("preview: no recorded stream (needs %s)\n", photo);
        return;
    }
    double ours[RUNS], peer[RUNS];
    unsigned char *full = malloc(1280 * 720 * 3);
    for (int r = 0; r < RUNS; r++) {
        fq_photo_source *src = NULL;
        fq_media_preview *pv = NULL;
        if (fq_photo_source_open_mjpeg(stream, 0, &src, err, sizeof err) ||
            fq_media_preview_new(&pv))
            return;
        fq_photo_frame fr;
        int n = 0;
        double t0 = now_ms();
        while (fq_photo_source_next(src, &fr) == FQ_OK) {
            const fq_media_rgb *img = NULL;
            if (fq_media_preview_decode(pv, fr.jpeg, fr.len, 800, 480, &img) == FQ_OK)
                n++;
        }
        ours[r] = n * 1000.0 / (now_ms() - t0);
        fq_media_preview_free(pv);
        fq_photo_source_close(src);
        tjhandle d = tjInitDecompress();
        if (fq_photo_source_open_mjpeg(stream, 0, &src, err, sizeof err))
            return;
        n = 0;
        t0 = now_ms();
        while (fq_photo_source_next(src, &fr) == FQ_OK)
            if (tjDecompress2(d, fr.jpeg, (unsigned long)fr.len, full, 1280, 0, 720, TJPF_RGB, 0) == 0)
                n++;
        peer[r] = n * 1000.0 / (now_ms() - t0);
        tjDestroy(d);
        fq_photo_source_close(src);
    }
    free(full);
    qsort(ours, RUNS, sizeof ours[0], cmp_double);
    qsort(peer, RUNS, sizeof peer[0], cmp_double);
    double o = ours[RUNS / 2], p = peer[RUNS / 2];
    printf("preview: recorded 1280x720 MJPEG (%d frames) -> 800x480 viewfinder: %.0f fps; "
           "peer (full-size decode) %.0f fps; ratio %.2fx; target >= 15 fps: %s\n",
           PREVIEW_FRAMES, o, p, p > 0 ? o / p : 0.0, o >= 15.0 ? "met" : "NOT MET");
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "--one"))
        return child_one(argv[2], argv[3]);
    if (argc < 2) {
        fprintf(stderr, "usage: %s PHOTO_DIR [TMP_DIR]\n", argv[0]);
        return 2;
    }
    if (start_spawner() != 0)
        return 1;
    const char *tmp = argc > 2 ? argv[2] : "/tmp/fq-media-bench";
    mkdir(tmp, 0755);
    DIR *d = opendir(argv[1]);
    if (!d) {
        fprintf(stderr, "no photos in %s: bench skipped\n", argv[1]);
        return 0;
    }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 256) {
        const char *dot = strrchr(e->d_name, '.');
        if (dot && !strcmp(dot, ".jpg"))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    char self[4096];
    ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
    if (sl <= 0)
        return 1;
    self[sl] = '\0';
    bench_preview(argv[1], tmp);
    printf("job: one decode -> 1600 px q80 + 256 px thumbnail; times are medians of %d; vips = vipsthumbnail -s 1600 + -s 256\n", RUNS);
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
        bench_photo(self, path, names[i], tmp);
        free(names[i]);
    }
    return 0;
}
