/* Directories: mkdir -p whose new directories survive a power cut, and directory fsync. */
#include "fsio/fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

fq_err fq_fsio_fsync_dir(const char *dir, char *err, size_t err_len)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fq_fsio_fail(err, err_len, fq_fsio_errno_err(errno), "%s: %s", dir,
                            strerror(errno));
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    /* vfat and some FUSE file systems refuse fsync on directories: nothing more to do */
    if (rc != 0 && e != EINVAL && e != ENOTSUP && e != EROFS)
        return fq_fsio_fail(err, err_len, FQ_ERR_IO, "fsync %s: %s", dir, strerror(e));
    return FQ_OK;
}

fq_err fq_fsio_fsync_parent(const char *path, char *err, size_t err_len)
{
    char dir[FQ_FSIO_PATH_LEN];
    int n = snprintf(dir, sizeof dir, "%s", path);
    if (n < 0 || (size_t)n >= sizeof dir)
        return fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "path too long: %s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    return fq_fsio_fsync_dir(dir, err, err_len);
}

fq_err fq_fsio_check_real_dir(const char *dir, char *err, size_t err_len)
{
    struct stat st;
    if (lstat(dir, &st) != 0)
        return fq_fsio_fail(err, err_len, fq_fsio_errno_err(errno), "%s: %s", dir,
                            strerror(errno));
    if (S_ISLNK(st.st_mode))
        return fq_fsio_fail(err, err_len, FQ_ERR_INVALID,
                            "%s is a symbolic link: nothing is written through it", dir);
    if (!S_ISDIR(st.st_mode))
        return fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "%s is not a folder", dir);
    return FQ_OK;
}

/* mkdir that tells whether it created the directory; an existing directory is fine. */
static fq_err make_one(const char *path, int *out_created, char *err, size_t err_len)
{
    *out_created = 0;
    if (mkdir(path, 0755) == 0) {
        *out_created = 1;
        return FQ_OK;
    }
    int e = errno;
    struct stat st;
    if (e == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return FQ_OK;
    if (e == EEXIST)
        return fq_fsio_fail(err, err_len, FQ_ERR_IO, "%s exists and is not a directory", path);
    return fq_fsio_fail(err, err_len, fq_fsio_errno_err(e), "mkdir %s: %s", path, strerror(e));
}

fq_err fq_fsio_mkdirs(const char *dir, char *err, size_t err_len)
{
    char buf[FQ_FSIO_PATH_LEN];
    int n = snprintf(buf, sizeof buf, "%s", dir);
    if (n < 0 || (size_t)n >= sizeof buf)
        return fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "path too long: %s", dir);
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = '\0';
    fq_err e = FQ_OK;
    int created = 0;
    /* each component in turn; a new directory is only durable once its parent is synced */
    for (char *p = buf + 1; !e; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        e = make_one(buf, &created, err, err_len);
        if (!e && created)
            e = fq_fsio_fsync_parent(buf, err, err_len);
        *p = saved;
        if (saved == '\0')
            break;
    }
    return e;
}
