/* media_test_util.c: see media_test_util.h. Test-only code. */
#include "media_test_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <turbojpeg.h>

#include "harness.h"

unsigned char *tu_test_card(int w, int h)
{
    unsigned char *p = malloc((size_t)w * (size_t)h * 3);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *q = p + ((size_t)y * (size_t)w + (size_t)x) * 3;
            int in_box = x > w / 8 && x < w / 3 && y > h / 6 && y < h / 2;
            int dx = x - 3 * w / 4;
            int dy = y - 2 * h / 3;
            int in_disc = dx * dx + dy * dy < (h / 6) * (h / 6);
            q[0] = (unsigned char)(in_box ? 230 : (x * 255) / w);
            q[1] = (unsigned char)(in_disc ? 20 : (y * 255) / h);
            q[2] = (unsigned char)(((x / 16 + y / 16) & 1) ? 180 : 60);
        }
    return p;
}

unsigned char *tu_encode(const unsigned char *px, int w, int h, int subsamp, int quality,
                         int cmyk, size_t *out_len)
{
    tjhandle c = tjInitCompress();
    unsigned char *jpeg = NULL;
    unsigned long size = 0;
    unsigned char *out = NULL;
    if (tjCompress2(c, px, w, 0, h, cmyk ? TJPF_CMYK : TJPF_RGB, &jpeg, &size, subsamp, quality,
                    0) == 0) {
        out = malloc(size);
        memcpy(out, jpeg, size);
        *out_len = size;
    }
    tjFree(jpeg);
    tjDestroy(c);
    return out;
}

static unsigned char *decode(const unsigned char *jpeg, size_t len, int *w, int *h, int pf)
{
    tjhandle d = tjInitDecompress();
    int ss;
    int cs;
    unsigned char *px = NULL;
    if (tjDecompressHeader3(d, jpeg, (unsigned long)len, w, h, &ss, &cs) == 0) {
        px = malloc((size_t)*w * (size_t)*h * (size_t)tjPixelSize[pf]);
        if (tjDecompress2(d, jpeg, (unsigned long)len, px, *w, 0, *h, pf, 0) != 0) {
            free(px);
            px = NULL;
        }
    }
    tjDestroy(d);
    return px;
}

unsigned char *tu_decode_luma(const unsigned char *jpeg, size_t len, int *w, int *h)
{
    return decode(jpeg, len, w, h, TJPF_GRAY);
}

unsigned char *tu_decode_rgb(const unsigned char *jpeg, size_t len, int *w, int *h)
{
    return decode(jpeg, len, w, h, TJPF_RGB);
}

double tu_mad(const unsigned char *a, const unsigned char *b, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += abs((int)a[i] - (int)b[i]);
    return n ? sum / (double)n : 0;
}

unsigned char *tu_transform(const unsigned char *jpeg, size_t len, int op, int options,
                            int crop_w, int crop_h, size_t *out_len)
{
    tjhandle t = tjInitTransform();
    tjtransform xf;
    memset(&xf, 0, sizeof xf);
    xf.op = op;
    xf.options = options;
    if (crop_w > 0) {
        xf.options |= TJXOPT_CROP;
        xf.r.w = crop_w;
        xf.r.h = crop_h;
    }
    unsigned char *dst = NULL;
    unsigned long size = 0;
    unsigned char *out = NULL;
    if (tjTransform(t, jpeg, (unsigned long)len, 1, &dst, &size, &xf, 0) == 0) {
        out = malloc(size);
        memcpy(out, dst, size);
        *out_len = size;
    } else {
        fprintf(stderr, "tjTransform: %s\n", tjGetErrorStr2(t));
    }
    tjFree(dst);
    tjDestroy(t);
    return out;
}

int tu_set_orientation(unsigned char *j, size_t len, int orientation)
{
    size_t pos = 2;
    while (pos + 4 <= len && j[pos] == 0xFF && j[pos + 1] != 0xDA) {
        size_t seg = (size_t)j[pos + 2] << 8 | j[pos + 3];
        if (j[pos + 1] == 0xE1 && seg >= 16 && memcmp(j + pos + 4, "Exif\0\0", 6) == 0) {
            unsigned char *t = j + pos + 10;
            int be = t[0] == 'M';
            size_t ifd = be ? (size_t)t[4] << 24 | (size_t)t[5] << 16 | (size_t)t[6] << 8 | t[7]
                            : (size_t)t[7] << 24 | (size_t)t[6] << 16 | (size_t)t[5] << 8 | t[4];
            unsigned n = be ? (unsigned)(t[ifd] << 8 | t[ifd + 1]) : (unsigned)(t[ifd + 1] << 8 | t[ifd]);
            for (unsigned i = 0; i < n; i++) {
                unsigned char *e = t + ifd + 2 + i * 12;
                unsigned tag = be ? (unsigned)(e[0] << 8 | e[1]) : (unsigned)(e[1] << 8 | e[0]);
                if (tag == 0x0112) {
                    e[8] = be ? 0 : (unsigned char)orientation;
                    e[9] = be ? (unsigned char)orientation : 0;
                    return 0;
                }
            }
            return -1;
        }
        pos += 2 + seg;
    }
    return -1;
}

int tu_count_files(const char *dir, int *n_tmp)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            n += tu_count_files(path, n_tmp);
        } else {
            n++;
            if (n_tmp && !strncmp(e->d_name, ".tmp", 4))
                (*n_tmp)++;
        }
    }
    closedir(d);
    return n;
}

int tu_has_app1(const unsigned char *j, size_t len)
{
    size_t pos = 2;
    while (pos + 4 <= len && j[pos] == 0xFF && j[pos + 1] != 0xDA) {
        if (j[pos + 1] == 0xE1)
            return 1;
        pos += 2 + ((size_t)j[pos + 2] << 8 | j[pos + 3]);
    }
    return 0;
}

int tu_load_photo(const char *name, unsigned char **out, size_t *out_len)
{
    const char *path = fq_test_photo(name);
    if (!path)
        return -1;
    return fq_test_read_file(path, out, out_len);
}
