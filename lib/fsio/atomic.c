/* Durable writes: a temporary in the final directory, fsync, rename, directory fsync. */
#include "fsio/fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fq_fsio_stream {
    FILE *f;
    char tmp[FQ_FSIO_PATH_LEN];
    char final_path[FQ_FSIO_PATH_LEN];
};

fq_err fq_fsio_write_all(int fd, const void *data, size_t len, fq_fsio_write_fn wr)
{
    const unsigned char *p = data;
    if (!wr)
        wr = write;
    while (len) {
        /* 1 MiB steps: a stalled USB stick then reports progress instead of one long call */
        size_t chunk = len > (1u << 20) ? (1u << 20) : len;
        ssize_t n = wr(fd, p, chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fq_fsio_errno_err(errno);
        if (n == 0) { /* no progress: the kernel's way of saying the disk is full */
            errno = ENOSPC;
            return FQ_ERR_FULL;
        }
        p += n;
        len -= (size_t)n;
    }
    return FQ_OK;
}

fq_err fq_fsio_pwrite_all(int fd, const void *data, size_t len, int64_t off)
{
    const unsigned char *p = data;
    while (len) {
        ssize_t n = pwrite(fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fq_fsio_errno_err(errno);
        if (n == 0) {
            errno = ENOSPC;
            return FQ_ERR_FULL;
        }
        p += n;
        len -= (size_t)n;
        off += n;
    }
    return FQ_OK;
}

/* mkstemp of "<dir>/.tmp-<pid>-XXXXXX" into tmp: -1 with errno, -2 when tmp has no room. */
static int make_temp(const char *dir, char *tmp, size_t tmp_len)
{
    int n = snprintf(tmp, tmp_len, "%s/" FQ_FSIO_TMP_PREFIX "%ld-XXXXXX", dir, (long)getpid());
    return n < 0 || (size_t)n >= tmp_len ? -2 : mkstemp(tmp);
}

fq_err fq_fsio_temp_create(const char *final_path, char *tmp, size_t tmp_len, int *out_fd,
                           char *err, size_t err_len)
{
    char dir[FQ_FSIO_PATH_LEN];
    int n = snprintf(dir, sizeof dir, "%s", final_path);
    if (n < 0 || (size_t)n >= sizeof dir)
        return fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "path too long: %s", final_path);
    char *slash = strrchr(dir, '/');
    int nested = slash && slash != dir;
    if (nested)
        *slash = '\0';
    else if (slash)
        dir[1] = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    int fd = make_temp(dir, tmp, tmp_len);
    /* the directories are made only when missing: making each component of the path
     * every time was four mkdir calls for each photo of an import */
    if (fd == -1 && errno == ENOENT && nested) {
        fq_err e = fq_fsio_mkdirs(dir, err, err_len);
        if (e)
            return e;
        fd = make_temp(dir, tmp, tmp_len);
    }
    if (fd == -2)
        return fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "path too long: %s", final_path);
    if (fd < 0) {
        int e = errno;
        return fq_fsio_fail(err, err_len, fq_fsio_errno_err(e), "cannot create a file in %s: %s",
                            dir, e == ENOSPC ? "the disk is full" : strerror(e));
    }
    /* mkstemp makes 0600; photos, bundles and reports are read by other users too */
    fchmod(fd, 0644);
    *out_fd = fd;
    return FQ_OK;
}

fq_err fq_fsio_commit_temp(const char *tmp, const char *final_path, char *err, size_t err_len)
{
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    fq_err e = FQ_OK;
    int saved = 0;
    if (fd < 0 || fsync(fd) != 0) {
        saved = errno;
        e = fq_fsio_errno_err(saved);
    }
    if (fd >= 0)
        close(fd);
    if (!e && rename(tmp, final_path) != 0) {
        saved = errno;
        e = fq_fsio_errno_err(saved);
    }
    if (e) {
        unlink(tmp);
        return fq_fsio_fail(err, err_len, e == FQ_ERR_NOTFOUND ? FQ_ERR_IO : e,
                            "writing %s: %s", final_path,
                            e == FQ_ERR_FULL ? "the disk is full" : strerror(saved));
    }
    return fq_fsio_fsync_parent(final_path, err, err_len);
}

fq_err fq_fsio_commit_temp_new(const char *tmp, const char *final_path, char *err, size_t err_len)
{
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    int saved = 0;
    fq_err e = FQ_OK;
    if (fd < 0 || fsync(fd) != 0) {
        saved = errno;
        e = fq_fsio_errno_err(saved);
    }
    if (fd >= 0)
        close(fd);
    /* link() never replaces: a file another process put there first wins */
    if (!e && link(tmp, final_path) != 0) {
        saved = errno;
        if (saved == EEXIST) {
            unlink(tmp);
            return fq_fsio_fail(err, err_len, FQ_ERR_CONFLICT, "%s exists already", final_path);
        }
        /* file systems without hard links (vfat): a check, then rename */
        if (saved == EPERM || saved == EOPNOTSUPP || saved == ENOSYS) {
            struct stat st;
            saved = 0;
            if (lstat(final_path, &st) == 0) {
                unlink(tmp);
                return fq_fsio_fail(err, err_len, FQ_ERR_CONFLICT, "%s exists already",
                                    final_path);
            }
            if (rename(tmp, final_path) != 0) {
                saved = errno;
                e = fq_fsio_errno_err(saved);
            }
        } else {
            e = fq_fsio_errno_err(saved);
        }
    }
    unlink(tmp); /* after link(): the name that stays is final_path */
    if (e)
        return fq_fsio_fail(err, err_len, e == FQ_ERR_NOTFOUND ? FQ_ERR_IO : e,
                            "writing %s: %s", final_path,
                            e == FQ_ERR_FULL ? "the disk is full" : strerror(saved));
    return fq_fsio_fsync_parent(final_path, err, err_len);
}

fq_err fq_fsio_write_atomic(const char *path, const void *data, size_t len, fq_fsio_write_fn wr,
                            char *err, size_t err_len)
{
    char tmp[FQ_FSIO_PATH_LEN];
    int fd = -1;
    fq_err e = fq_fsio_temp_create(path, tmp, sizeof tmp, &fd, err, err_len);
    if (e)
        return e;
    e = fq_fsio_write_all(fd, data, len, wr);
    int saved = errno;
    if (!e && fsync(fd) != 0) {
        saved = errno;
        e = fq_fsio_errno_err(saved);
    }
    if (close(fd) != 0 && !e) {
        saved = errno;
        e = fq_fsio_errno_err(saved);
    }
    if (e) {
        unlink(tmp);
        return fq_fsio_fail(err, err_len, e == FQ_ERR_NOTFOUND ? FQ_ERR_IO : e, "writing %s: %s",
                            path, e == FQ_ERR_FULL ? "the disk is full" : strerror(saved));
    }
    if (rename(tmp, path) != 0) {
        saved = errno;
        unlink(tmp);
        return fq_fsio_fail(err, err_len, fq_fsio_errno_err(saved), "renaming to %s: %s", path,
                            strerror(saved));
    }
    return fq_fsio_fsync_parent(path, err, err_len);
}

fq_err fq_fsio_stream_open(const char *final_path, fq_fsio_stream **out, char *err,
                           size_t err_len)
{
    fq_fsio_stream *s = calloc(1, sizeof *s);
    if (!s)
        return fq_fsio_fail(err, err_len, FQ_ERR_NOMEM, "out of memory");
    int n = snprintf(s->final_path, sizeof s->final_path, "%s", final_path);
    int fd = -1;
    fq_err e = n < 0 || (size_t)n >= sizeof s->final_path
                   ? fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "path too long: %s", final_path)
                   : fq_fsio_temp_create(final_path, s->tmp, sizeof s->tmp, &fd, err, err_len);
    if (!e && !(s->f = fdopen(fd, "w"))) {
        e = fq_fsio_fail(err, err_len, FQ_ERR_NOMEM, "out of memory");
        close(fd);
        unlink(s->tmp);
    }
    if (e) {
        free(s);
        return e;
    }
    *out = s;
    return FQ_OK;
}

FILE *fq_fsio_stream_file(fq_fsio_stream *s)
{
    return s->f;
}

fq_err fq_fsio_stream_commit(fq_fsio_stream *s, char *err, size_t err_len)
{
    int bad = ferror(s->f) || fflush(s->f) != 0;
    int saved = errno;
    if (!bad && fsync(fileno(s->f)) != 0) {
        bad = 1;
        saved = errno;
    }
    if (fclose(s->f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    fq_err e = FQ_OK;
    if (bad) {
        unlink(s->tmp);
        e = fq_fsio_fail(err, err_len, saved == ENOSPC || saved == EDQUOT ? FQ_ERR_FULL : FQ_ERR_IO,
                         "writing %s: %s", s->final_path,
                         saved == ENOSPC || saved == EDQUOT ? "the disk is full"
                                                            : strerror(saved));
    } else if (rename(s->tmp, s->final_path) != 0) {
        saved = errno;
        unlink(s->tmp);
        e = fq_fsio_fail(err, err_len, fq_fsio_errno_err(saved), "renaming to %s: %s",
                         s->final_path, strerror(saved));
    } else {
        e = fq_fsio_fsync_parent(s->final_path, err, err_len);
    }
    free(s);
    return e;
}

void fq_fsio_stream_abort(fq_fsio_stream *s)
{
    if (!s)
        return;
    fclose(s->f);
    unlink(s->tmp);
    free(s);
}

/* Opens src for reading if it is a regular file of at most max_bytes, reached without a link;
 * O_NONBLOCK so a FIFO cannot block the open. */
static fq_err open_regular(const char *src, int64_t max_bytes, int *out_fd, char *err,
                           size_t err_len)
{
    int fd = open(src, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        if (e == ELOOP)
            return fq_fsio_fail(err, err_len, FQ_ERR_INVALID,
                                "%s is a symbolic link: not read", src);
        return fq_fsio_fail(err, err_len, fq_fsio_errno_err(e), "cannot read %s: %s", src,
                            strerror(e));
    }
    struct stat st;
    fq_err e = FQ_OK;
    if (fstat(fd, &st) != 0)
        e = fq_fsio_fail(err, err_len, FQ_ERR_IO, "cannot read %s: %s", src, strerror(errno));
    else if (!S_ISREG(st.st_mode))
        e = fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "%s is not a regular file: not read",
                         src);
    else if ((int64_t)st.st_size > max_bytes)
        e = fq_fsio_fail(err, err_len, FQ_ERR_INVALID,
                         "%s is too large (%lld bytes, at most %lld): not read", src,
                         (long long)st.st_size, (long long)max_bytes);
    else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
        e = fq_fsio_fail(err, err_len, FQ_ERR_IO, "cannot read %s: %s", src, strerror(errno));
    if (e) {
        close(fd);
        return e;
    }
    *out_fd = fd;
    return FQ_OK;
}

fq_err fq_fsio_copy_file(const char *src, const char *dst, int64_t max_bytes,
                         fq_fsio_progress_fn progress, void *ctx, char *err, size_t err_len)
{
    int in = -1;
    fq_err oe = open_regular(src, max_bytes, &in, err, err_len);
    if (oe)
        return oe;
    char tmp[FQ_FSIO_PATH_LEN] = "";
    int out = -1;
    unsigned char *buf = NULL;
    int64_t done = 0;
    fq_err e = fq_fsio_temp_create(dst, tmp, sizeof tmp, &out, err, err_len);
    if (e) {
        tmp[0] = '\0';
        goto out;
    }
    if (!(buf = malloc(1u << 20))) {
        e = fq_fsio_fail(err, err_len, FQ_ERR_NOMEM, "out of memory copying %s", src);
        goto out;
    }
    for (;;) {
        ssize_t n = read(in, buf, 1u << 20);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            e = fq_fsio_fail(err, err_len, FQ_ERR_IO, "read error on %s (cable pulled?): %s",
                             src, strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        if (done + n > max_bytes) { /* grew while read: a device or a hostile writer */
            e = fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "%s grew past %lld bytes: not read",
                             src, (long long)max_bytes);
            goto out;
        }
        if ((e = fq_fsio_write_all(out, buf, (size_t)n, NULL))) {
            fq_fsio_fail(err, err_len, e, "writing %s: %s", dst,
                         e == FQ_ERR_FULL ? "the disk is full" : strerror(errno));
            goto out;
        }
        done += n;
        if (progress)
            progress(ctx, done);
    }
    close(out);
    out = -1;
    e = fq_fsio_commit_temp(tmp, dst, err, err_len);
    tmp[0] = '\0';
out:
    free(buf);
    close(in);
    if (out >= 0)
        close(out);
    if (e && tmp[0])
        unlink(tmp);
    return e;
}
