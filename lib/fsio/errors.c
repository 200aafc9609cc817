/* errno -> fq_err, and the reason-into-a-buffer helper every fsio function uses. */
#include "fsio/fsio.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

fq_err fq_fsio_errno_err(int errnum)
{
    switch (errnum) {
    case ENOSPC:
    case EDQUOT:
        return FQ_ERR_FULL;
    case ENOENT:
        return FQ_ERR_NOTFOUND;
    case ENOMEM:
        return FQ_ERR_NOMEM;
    default:
        return FQ_ERR_IO;
    }
}

fq_err fq_fsio_fail(char *err, size_t err_len, fq_err e, const char *fmt, ...)
{
    if (err && err_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, err_len, fmt, ap);
        va_end(ap);
    }
    return e;
}
