/* Listing a folder's files by name pattern (backups, kept N deep), moving a file aside, and
 * free space: what the device's backup policy needs from the file system. */
#include "fsio/fsio.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(((const fq_fsio_name *)a)->name, ((const fq_fsio_name *)b)->name);
}

static bool matches(const char *name, const char *prefix, const char *suffix)
{
    size_t n = strlen(name), np = strlen(prefix), ns = strlen(suffix);
    return n >= np + ns && !strncmp(name, prefix, np) && !strcmp(name + n - ns, suffix);
}

fq_err fq_fsio_list(const char *dir, const char *prefix, const char *suffix, size_t max,
                    fq_fsio_name **out, size_t *out_n, char *err, size_t err_len)
{
    DIR *d = opendir(dir);
    if (!d)
        return fq_fsio_fail(err, err_len, fq_fsio_errno_err(errno), "%s: %s", dir,
                            strerror(errno));
    fq_fsio_name *names = NULL;
    size_t n = 0, cap = 0;
    fq_err e = FQ_OK;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < max) {
        if (strlen(de->d_name) >= sizeof names->name || !matches(de->d_name, prefix, suffix))
            continue;
        char path[FQ_FSIO_PATH_LEN];
        struct stat st;
        if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >= (int)sizeof path ||
            lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (n == cap) {
            size_t new_cap = cap ? cap * 2 : 16;
            fq_fsio_name *grown = realloc(names, new_cap * sizeof *names);
            if (!grown) {
                e = fq_fsio_fail(err, err_len, FQ_ERR_NOMEM, "out of memory");
                break;
            }
            names = grown;
            cap = new_cap;
        }
        snprintf(names[n].name, sizeof names[n].name, "%s", de->d_name);
        names[n].bytes = (int64_t)st.st_size;
        names[n].mtime_utc = (int64_t)st.st_mtime;
        n++;
    }
    closedir(d);
    if (e) {
        free(names);
        return e;
    }
    if (n)
        qsort(names, n, sizeof *names, by_name);
    *out = names;
    *out_n = n;
    return FQ_OK;
}

fq_err fq_fsio_move(const char *path, const char *to, char *err, size_t err_len)
{
    if (rename(path, to) != 0)
        return fq_fsio_fail(err, err_len, fq_fsio_errno_err(errno), "moving %s to %s: %s", path,
                            to, strerror(errno));
    return fq_fsio_fsync_parent(to, err, err_len);
}
