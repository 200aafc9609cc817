/* source_folder.c: imports JPEG files from a folder (a DCIM folder on a USB drive or SD
 * card). Lists *.jpg / *.jpeg (any case) up to two folder levels down (DCIM/100CANON/...),
 * skips hidden files (macOS "._" companions), returns them in path order, one file in
 * memory at a time. It does not decode or validate the JPEG (the pipeline does) and does
 * not watch the folder for new files. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "media/source_internal.h"

#define MAX_DEPTH 2
#define MAX_FILES 100000
#define MAX_FILE_BYTES (64LL * 1024 * 1024) /* no camera JPEG is larger */

typedef struct folder_source {
    fq_photo_source base;
    char **paths;
    size_t n_paths;
    size_t cap_paths;
    size_t next_idx;
    unsigned char *data;
} folder_source;

static fq_err folder_next(fq_photo_source *src, fq_photo_frame *out);
static void folder_close(fq_photo_source *src);

static const fq_source_ops folder_ops = {folder_next, folder_close};

static int is_jpeg_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    return name[0] != '.' && dot && (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0);
}

static int add_path(folder_source *f, const char *path)
{
    if (f->n_paths >= MAX_FILES)
        return 0; /* a folder this large is not a camera card: import the first ones */
    if (f->n_paths == f->cap_paths) {
        size_t cap = f->cap_paths ? f->cap_paths * 2 : 64;
        char **p = realloc(f->paths, cap * sizeof *p);
        if (!p)
            return -1;
        f->paths = p;
        f->cap_paths = cap;
    }
    f->paths[f->n_paths] = strdup(path);
    if (!f->paths[f->n_paths])
        return -1;
    f->n_paths++;
    return 0;
}

/* Returns 0, -1 on allocation failure. Unreadable subfolders are skipped. */
static int scan(folder_source *f, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int rc = 0;
    struct dirent *e;
    char path[4096];
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof path)
            continue;
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH)
            rc = scan(f, path, depth + 1);
        else if (S_ISREG(st.st_mode) && is_jpeg_name(e->d_name))
            rc = add_path(f, path);
    }
    closedir(d);
    return rc;
}

static int cmp_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

fq_err fq_photo_source_open_folder(const char *dir, fq_photo_source **out, char *errbuf,
                                   size_t errbuf_len)
{
    struct stat st;
    if (!dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_NOTFOUND,
                                         "photo folder %s not found", dir ? dir : "(null)");
    folder_source *f = calloc(1, sizeof *f);
    if (!f)
        return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_NOMEM, "out of memory");
    f->base.ops = &folder_ops;
    if (scan(f, dir, 0) != 0) {
        folder_close(&f->base);
        return fq_photo_source_open_fail(errbuf, errbuf_len, FQ_ERR_NOMEM,
                                         "out of memory listing %s", dir);
    }
    if (f->n_paths > 1)
        qsort(f->paths, f->n_paths, sizeof *f->paths, cmp_paths);
    *out = &f->base;
    return FQ_OK;
}

static fq_err folder_next(fq_photo_source *src, fq_photo_frame *out)
{
    folder_source *f = (folder_source *)src;
    fq_err err = FQ_OK;
    int fd = -1;
    free(f->data);
    f->data = NULL;
    if (f->next_idx >= f->n_paths)
        return fq_photo_source_fail(src, FQ_ERR_NOTFOUND, "no more photos in the folder");
    const char *path = f->paths[f->next_idx++];
    struct stat st;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) != 0) {
        err = fq_photo_source_fail(src, FQ_ERR_IO, "cannot open %s: %s", path, strerror(errno));
        goto out;
    }
    if ((int64_t)st.st_size > MAX_FILE_BYTES) {
        err = fq_photo_source_fail(src, FQ_ERR_CORRUPT, "%s is too large to be a photo", path);
        goto out;
    }
    size_t len = (size_t)st.st_size;
    f->data = malloc(len ? len : 1);
    if (!f->data) {
        err = fq_photo_source_fail(src, FQ_ERR_NOMEM, "out of memory reading %s", path);
        goto out;
    }
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, f->data + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) { /* card pulled, or the file shrank under us */
            err = fq_photo_source_fail(src, FQ_ERR_IO, "cannot read %s: %s", path,
                                       n < 0 ? strerror(errno) : "file shrank");
            goto out;
        }
        got += (size_t)n;
    }
    memset(out, 0, sizeof *out);
    out->jpeg = f->data;
    out->len = len;
    out->taken_utc = (int64_t)st.st_mtime;
    const char *base = strrchr(path, '/');
    snprintf(out->name, sizeof out->name, "%s", base ? base + 1 : path);
out:
    if (fd >= 0)
        close(fd);
    if (err) {
        free(f->data);
        f->data = NULL;
    }
    return err;
}

static void folder_close(fq_photo_source *src)
{
    folder_source *f = (folder_source *)src;
    for (size_t i = 0; i < f->n_paths; i++)
        free(f->paths[i]);
    free(f->paths);
    free(f->data);
    free(f);
}
