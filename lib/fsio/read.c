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
    size_t len = (size_t)st.st_size;
    if (!(buf = malloc(len + 1))) {
        e = fq_fsio_fail(err, err_len, FQ_ERR_NOMEM, "out of memory reading %s", path);
        goto out;
    }
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            e = fq_fsio_fail(err, err_len, FQ_ERR_IO, "read error on %s: %s", path,
                             n < 0 ? strerror(errno) : "file shrank while reading");
            goto out;
        }
        got += (size_t)n;
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
