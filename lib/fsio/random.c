/* Random bytes and uuids from the OS (record ids, bundle ids, device ids). */
#include "fsio/fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include "core/civil.h"
#include "core/model.h"

fq_err fq_fsio_random(void *out, size_t n)
{
    unsigned char *p = out;
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(p + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got == n)
        return FQ_OK;
    /* getrandom is missing on old kernels: the device then */
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return FQ_ERR_IO;
    while (got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    return got == n ? FQ_OK : FQ_ERR_IO;
}

fq_err fq_fsio_uuid(char *out, size_t out_len)
{
    uint8_t bytes[16];
    if (out_len < FQ_UUID_LEN)
        return FQ_ERR_INVALID;
    fq_err e = fq_fsio_random(bytes, sizeof bytes);
    if (!e)
        fq_uuid_format(bytes, out, out_len);
    return e;
}
