/* Durable writes of many files at once (a bundle's photos at the office): each file is
 * written to a temporary beside its final name at once, and at the commit every temporary
 * is made durable, renamed, and the renames made durable. When every file is on one file
 * system (a photo store: always) that is two syncfs(2) calls, as `sync` after `cp` does:
 * fsyncing each file and each directory instead is a journal commit each (a day's 200
 * photos in ~140 directories: 0.53 s against 0.08 s on ext4). syncfs also flushes what other
 * programs wrote there, so it may take longer on a busy disk, never less safely; files on
 * several file systems get one fsync each and each directory once. Writeback of each file
 * is started when it is written, so the commit mostly finds it on disk already. The
 * promise is the same as fq_fsio_write_atomic's, for the whole batch: after a successful
 * commit every file is complete and durable under its name; before it, none of them is at
 * its name (a kill leaves temporaries only, swept later). Not for files whose callers need
 * them one by one. */
#define _GNU_SOURCE /* sync_file_range */
#include "fsio/fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct pending {
    int fd;
    dev_t dev;
    char tmp[FQ_FSIO_PATH_LEN];
    char path[FQ_FSIO_PATH_LEN];
} pending;

struct fq_fsio_batch {
    pending *files;
    size_t n;
    size_t cap;
};

fq_err fq_fsio_batch_new(fq_fsio_batch **out)
{
    fq_fsio_batch *b = calloc(1, sizeof *b);
    if (!b)
        return FQ_ERR_NOMEM;
    *out = b;
    return FQ_OK;
}

size_t fq_fsio_batch_count(const fq_fsio_batch *b)
{
    return b ? b->n : 0;
}

fq_err fq_fsio_batch_add(fq_fsio_batch *b, const char *path, const void *data, size_t len,
                         char *err, size_t err_len)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        pending *grown = realloc(b->files, cap * sizeof *grown);
        if (!grown)
            return fq_fsio_fail(err, err_len, FQ_ERR_NOMEM, "out of memory");
        b->files = grown;
        b->cap = cap;
    }
    pending *p = &b->files[b->n];
    int n = snprintf(p->path, sizeof p->path, "%s", path);
    if (n < 0 || (size_t)n >= sizeof p->path)
        return fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "path too long: %s", path);
    fq_err e = fq_fsio_temp_create(path, p->tmp, sizeof p->tmp, &p->fd, err, err_len);
    if (e)
        return e;
    e = fq_fsio_write_all(p->fd, data, len, NULL);
    if (e) {
        int saved = errno;
        close(p->fd);
        unlink(p->tmp);
        return fq_fsio_fail(err, err_len, e, "writing %s: %s", path,
                            e == FQ_ERR_FULL ? "the disk is full" : strerror(saved));
    }
    fq_fsio_start_writeback(p->fd); /* the commit waits for it */
    struct stat sb;
    p->dev = fstat(p->fd, &sb) == 0 ? sb.st_dev : (dev_t)-1;
    /* closed until the commit: a batch of thousands of files holds no descriptors */
    if (close(p->fd) != 0) {
        int saved = errno;
        unlink(p->tmp);
        return fq_fsio_fail(err, err_len, fq_fsio_errno_err(saved), "writing %s: %s", path,
                            strerror(saved));
    }
    p->fd = -1;
    b->n++;
    return FQ_OK;
}

void fq_fsio_start_writeback(int fd)
{
#ifdef SYNC_FILE_RANGE_WRITE
    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
#endif
}

/* The directory part of path into dir. */
static void dir_of(const char *path, char *dir, size_t dir_len)
{
    snprintf(dir, dir_len, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(dir, dir_len, ".");
}

static void drop(fq_fsio_batch *b, size_t from)
{
    for (size_t i = from; i < b->n; i++) {
        if (b->files[i].fd >= 0)
            close(b->files[i].fd);
        unlink(b->files[i].tmp);
    }
    b->n = 0;
}

/* The file system of every file in b, opened (a directory of it), or -1 when they are on
 * several (or one could not be looked at). */
static int one_file_system(const fq_fsio_batch *b)
{
    for (size_t i = 1; i < b->n; i++)
        if (b->files[i].dev != b->files[0].dev)
            return -1;
    char dir[FQ_FSIO_PATH_LEN];
    dir_of(b->files[0].tmp, dir, sizeof dir);
    int fd = b->files[0].dev == (dev_t)-1 ? -1 : open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat sb;
    if (fd >= 0 && (fstat(fd, &sb) != 0 || sb.st_dev != b->files[0].dev)) {
        close(fd);
        fd = -1;
    }
    return fd;
}

static fq_err renames(fq_fsio_batch *b, char *err, size_t err_len)
{
    for (size_t i = 0; i < b->n; i++) {
        pending *p = &b->files[i];
        if (rename(p->tmp, p->path) != 0) {
            int saved = errno;
            drop(b, i);
            return fq_fsio_fail(err, err_len, fq_fsio_errno_err(saved), "renaming to %s: %s",
                                p->path, strerror(saved));
        }
    }
    return FQ_OK;
}

/* syncfs reports a write error of any file on the file system since fs_fd was opened (Linux
 * 5.8 and later), ours among them. */
static fq_err commit_one_fs(fq_fsio_batch *b, int fs_fd, char *err, size_t err_len)
{
    fq_err e = FQ_OK;
    if (syncfs(fs_fd) != 0) {
        int saved = errno;
        e = fq_fsio_errno_err(saved);
        fq_fsio_fail(err, err_len, e == FQ_ERR_NOTFOUND ? FQ_ERR_IO : e, "writing %s: %s",
                     b->files[0].path, e == FQ_ERR_FULL ? "the disk is full" : strerror(saved));
        drop(b, 0);
    } else if (!(e = renames(b, err, err_len)) && syncfs(fs_fd) != 0) {
        int saved = errno;
        e = fq_fsio_fail(err, err_len, fq_fsio_errno_err(saved), "syncing %s: %s",
                         b->files[0].path, strerror(saved));
    }
    close(fs_fd);
    b->n = 0;
    return e;
}

fq_err fq_fsio_batch_commit(fq_fsio_batch *b, char *err, size_t err_len)
{
    if (!b->n)
        return FQ_OK;
    int fs_fd = one_file_system(b);
    if (fs_fd >= 0)
        return commit_one_fs(b, fs_fd, err, err_len);
    fq_err e = FQ_OK;
    int saved = 0;
    size_t i = 0;
    /* every file durable before any of them takes its name */
    for (; !e && i < b->n; i++) {
        pending *p = &b->files[i];
        p->fd = open(p->tmp, O_RDONLY | O_CLOEXEC);
        if (p->fd < 0 || fsync(p->fd) != 0) {
            saved = errno;
            e = fq_fsio_errno_err(saved);
        }
        if (p->fd >= 0)
            close(p->fd);
        p->fd = -1;
    }
    if (e) {
        pending *p = &b->files[i - 1];
        fq_fsio_fail(err, err_len, e == FQ_ERR_NOTFOUND ? FQ_ERR_IO : e, "writing %s: %s",
                     p->path, e == FQ_ERR_FULL ? "the disk is full" : strerror(saved));
        drop(b, 0);
        return e;
    }
    if ((e = renames(b, err, err_len)))
        return e;
    /* each directory once (the files come in any order: a directory seen before is skipped) */
    for (i = 0; !e && i < b->n; i++) {
        char dir[FQ_FSIO_PATH_LEN], other[FQ_FSIO_PATH_LEN];
        dir_of(b->files[i].path, dir, sizeof dir);
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++) {
            dir_of(b->files[k].path, other, sizeof other);
            seen = strcmp(dir, other) == 0;
        }
        if (!seen)
            e = fq_fsio_fsync_dir(dir, err, err_len);
    }
    b->n = 0;
    return e;
}

void fq_fsio_batch_free(fq_fsio_batch *b)
{
    if (!b)
        return;
    drop(b, 0);
    free(b->files);
    free(b);
}
