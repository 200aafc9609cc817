/* The content-addressed photo layout every program shares: <dir>/ab/<sha256>.jpg, with the
 * photo directory of a database next to it ("<db>.photos"). */
#include "fsio/fsio.h"

#include <stdio.h>

#include "core/sha256.h"

fq_err fq_fsio_photo_path(const char *dir, const char *sha256, char *buf, size_t buf_len)
{
    if (!dir || !sha256 || !fq_core_sha256_hex_valid(sha256))
        return FQ_ERR_INVALID;
    int n = snprintf(buf, buf_len, "%s/%.2s/%s.jpg", dir, sha256, sha256);
    return n < 0 || (size_t)n >= buf_len ? FQ_ERR_INVALID : FQ_OK;
}

fq_err fq_fsio_photo_dir_for_db(const char *db_path, char *buf, size_t buf_len)
{
    int n = snprintf(buf, buf_len, "%s.photos", db_path);
    return n < 0 || (size_t)n >= buf_len ? FQ_ERR_INVALID : FQ_OK;
}
