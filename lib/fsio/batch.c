/* Durable writes of many files at once (a bundle's photos at the office): each file is
 * written to a temporary beside its final name at once, and at the commit every temporary
 * is fsynced, renamed, and each directory fsynced ONCE, instead of one file fsync plus one
 * directory fsync per file (on a journalling file system each of those is a journal
 * commit). Writeback of each file is started when it is written, so the fsyncs at the
 * commit mostly find it on disk already. The promise is the same as fq_fsio_write_atomic's,
 * for the whole batch: after a successful commit every file is complete and durable under
 * its name; before it, none of them is at its name (a kill leaves temporaries only, swept
 * later). Not for files whose callers need them one by one. */
#define _GNU_SOURCE /* sync_file_range */
#include "fsio/fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct pending {
    int fd;
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
#ifdef SYNC_FILE_RANGE_WRITE
    /* start the writeback now; the fsync at the commit waits for it */
    sync_file_range(p->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
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

fq_err fq_fsio_batch_commit(fq_fsio_batch *b, char *err, size_t err_len)
{
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
    for (i = 0; i < b->n; i++) {
        pending *p = &b->files[i];
        if (rename(p->tmp, p->path) != 0) {
            saved = errno;
            drop(b, i);
            return fq_fsio_fail(err, err_len, fq_fsio_errno_err(saved), "renaming to %s: %s",
                                p->path, strerror(saved));
        }
    }
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
