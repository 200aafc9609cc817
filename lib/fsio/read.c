/* Reading a whole file with a size cap: the cap is checked before any allocation, so a
 * hostile or damaged file cannot make us allocate what it claims. */
#include "fsio/fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

fq_err fq_fsio_read_file(const char *path, size_t max_bytes, unsigned char **out,
                         size_t *out_len, char *err, size_t err_len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fq_fsio_fail(err, err_len, fq_fsio_errno_err(errno), "cannot read %s: %s", path,
                            strerror(errno));
    unsigned char *buf = NULL;
    fq_err e = FQ_OK;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        e = fq_fsio_fail(err, err_len, FQ_ERR_IO, "%s is not a regular file", path);
        goto out;
    }
    if (st.st_size < 0 || (uint64_t)st.st_size > (uint64_t)max_bytes) {
        e = fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "%s is too large (%lld bytes, at most %zu)",
                         path, (long long)st.st_size, max_bytes);
        goto out;
    }
    /* /proc files report size 0 and are read to their end, still within max_bytes */
    int sized = st.st_size > 0;
    size_t cap = sized ? (size_t)st.st_size : 64 * 1024, len = 0;
    if (cap > max_bytes)
        cap = max_bytes;
    if (!(buf = malloc(cap + 1))) {
        e = fq_fsio_fail(err, err_len, FQ_ERR_NOMEM, "out of memory reading %s", path);
        goto out;
    }
    for (;;) {
        if (len == cap) {
            if (sized) /* the size stat gave; bytes appended since are not ours */
                break;
            if (cap == max_bytes) {
                unsigned char probe;
                ssize_t more = read(fd, &probe, 1);
                if (more < 0 && errno == EINTR)
                    continue;
                if (more == 0)
                    break;
                e = more < 0 ? fq_fsio_fail(err, err_len, FQ_ERR_IO, "read error on %s: %s", path,
                                            strerror(errno))
                             : fq_fsio_fail(err, err_len, FQ_ERR_INVALID,
                                            "%s is too large (at most %zu bytes)", path, max_bytes);
                goto out;
            }
            size_t ncap = cap > max_bytes / 2 ? max_bytes : cap * 2;
            unsigned char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                e = fq_fsio_fail(err, err_len, FQ_ERR_NOMEM, "out of memory reading %s", path);
                goto out;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            e = fq_fsio_fail(err, err_len, FQ_ERR_IO, "read error on %s: %s", path,
                             strerror(errno));
            goto out;
        }
        if (n == 0) {
            if (sized) {
                e = fq_fsio_fail(err, err_len, FQ_ERR_IO,
                                 "read error on %s: file shrank while reading", path);
                goto out;
            }
            break;
        }
        len += (size_t)n;
    }
    buf[len] = 0;
    *out = buf;
    *out_len = len;
    buf = NULL;
out:
    free(buf);
    close(fd);
    return e;
}

fq_err fq_fsio_pread_all(int fd, void *buf, size_t len, int64_t off)
{
    unsigned char *p = buf;
    while (len) {
        ssize_t n = pread(fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fq_fsio_errno_err(errno);
        if (n == 0)
            return FQ_ERR_CORRUPT; /* the file ends before what its header promised */
        p += n;
        len -= (size_t)n;
        off += n;
    }
    return FQ_OK;
}
