/* Where the data folder is (checklists, demo data, fonts): $FIELDQC_DATA when set, else
 * relative to the running program (<bindir>/../share/fieldqc as installed, the build tree's
 * staged copy when run from there), so an installed or copied tree works at any prefix and
 * no build machine path is compiled in. */
#include "fsio/fsio.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FQ_DATA_RELDIR
#define FQ_DATA_RELDIR "../share/fieldqc"
#endif

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

fq_err fq_fsio_data_dir(char *out, size_t out_len, char *err, size_t err_len)
{
    const char *env = getenv("FIELDQC_DATA");
    if (env && *env) {
        if (!is_dir(env))
            return fq_fsio_fail(err, err_len, FQ_ERR_NOTFOUND,
                                "FIELDQC_DATA=%s is not a folder", env);
        int n = snprintf(out, out_len, "%s", env);
        return n < 0 || (size_t)n >= out_len
                   ? fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "FIELDQC_DATA is too long")
                   : FQ_OK;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return fq_fsio_fail(err, err_len, FQ_ERR_IO, "cannot find this program's folder: %s",
                            strerror(errno));
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    char joined[PATH_MAX + 64];
    snprintf(joined, sizeof joined, "%s/%s", exe, FQ_DATA_RELDIR);
    char real[PATH_MAX];
    if (!realpath(joined, real) || !is_dir(real))
        return fq_fsio_fail(err, err_len, FQ_ERR_NOTFOUND,
                            "no data folder at %s (install fieldqc's data, or set FIELDQC_DATA)",
                            joined);
    int m = snprintf(out, out_len, "%s", real);
    return m < 0 || (size_t)m >= out_len
               ? fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "data folder path too long")
               : FQ_OK;
}
