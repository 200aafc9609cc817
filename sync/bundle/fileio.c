/* Durable file helpers: mkdir -p, directory fsync, and the temp + fsync + rename write every
 * file we produce goes through (STYLE rule 19). POSIX only; no sqlite here. */
#include "bundle_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static fq_err errno_err(int e)
{
    return e == ENOSPC || e == EDQUOT ? FQ_ERR_FULL : e == ENOENT ? FQ_ERR_NOTFOUND : FQ_ERR_IO;
}

fq_err fq_bundle_fsync_dir_of(const char *path, char *err, size_t err_len)
{
    char dir[FQ_BUNDLE_PATH_LEN];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fq_bundle_fail(err, err_len, errno_err(errno), "%s: %s", dir, strerror(errno));
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    /* some file systems (vfat on a USB stick) refuse fsync on directories: not an error */
    if (rc != 0 && e != EINVAL && e != ENOTSUP)
        return fq_bundle_fail(err, err_len, FQ_ERR_IO, "fsync %s: %s", dir, strerror(e));
    return FQ_OK;
}

fq_err fq_bundle_mkdirs(const char *dir, char *err, size_t err_len)
{
    char buf[FQ_BUNDLE_PATH_LEN];
    int n = snprintf(buf, sizeof buf, "%s", dir);
    if (n < 0 || (size_t)n >= sizeof buf)
        return fq_bundle_fail(err, err_len, FQ_ERR_INVALID, "path too long: %s", dir);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return fq_bundle_fail(err, err_len, errno_err(errno), "mkdir %s: %s", buf,
                                  strerror(errno));
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        return fq_bundle_fail(err, err_len, errno_err(errno), "mkdir %s: %s", buf,
                              strerror(errno));
    return FQ_OK;
}

static fq_err write_all(int fd, const unsigned char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return errno_err(n < 0 ? errno : ENOSPC);
        data += n;
        len -= (size_t)n;
    }
    return FQ_OK;
}

fq_err fq_bundle_write_file_atomic(const char *path, const unsigned char *data, size_t len,
                                   char *err, size_t err_len)
{
    char dir[FQ_BUNDLE_PATH_LEN], tmp[FQ_BUNDLE_PATH_LEN + 32];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = '\0';
        fq_err e = fq_bundle_mkdirs(dir, err, err_len);
        if (e)
            return e;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return fq_bundle_fail(err, err_len, errno_err(errno), "%s: %s", tmp, strerror(errno));
    fq_err e = write_all(fd, data, len);
    if (!e && fsync(fd) != 0)
        e = FQ_ERR_IO;
    int saved = errno;
    if (close(fd) != 0 && !e)
        e = FQ_ERR_IO;
    if (!e && rename(tmp, path) != 0) {
        saved = errno;
        e = errno_err(errno);
    }
    if (e) {
        unlink(tmp);
        return fq_bundle_fail(err, err_len, e, "writing %s: %s", path,
                              e == FQ_ERR_FULL ? "the disk is full" : strerror(saved));
    }
    return fq_bundle_fsync_dir_of(path, err, err_len);
}
