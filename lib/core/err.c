/* Names for fq_err values, for messages and logs. */
#include "core/err.h"

const char *fq_err_name(fq_err err)
{
    switch (err) {
    case FQ_OK: return "ok";
    case FQ_ERR_NOMEM: return "out of memory";
    case FQ_ERR_IO: return "i/o error";
    case FQ_ERR_FULL: return "disk full";
    case FQ_ERR_CORRUPT: return "corrupt";
    case FQ_ERR_INVALID: return "invalid";
    case FQ_ERR_NOTFOUND: return "not found";
    case FQ_ERR_CONFLICT: return "conflict";
    case FQ_ERR_VERSION: return "unsupported version";
    case FQ_ERR_UNSUPPORTED: return "unsupported";
    case FQ_ERR_UNTRUSTED: return "not trusted";
    }
    return "unknown error";
}
