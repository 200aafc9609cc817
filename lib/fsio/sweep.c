/* Sweeping temporaries of killed writers. Every fsio writer names its temporary
 * ".tmp-<pid>-XXXXXX" in the final directory; a kill between create and rename leaves it
 * for good. Nothing reads such names, so they only waste the SD card or the office disk;
 * the programs sweep them when they open, once the writer is surely gone. An entry the
 * directory listing already names as a file that is not a temporary is passed without a
 * stat: the office's photo store holds a file per photo of every device and every day, and
 * it is swept at every start. */
#include "fsio/fsio.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The pid in ".tmp-<digits>-...", or 0 when the name is not one of our temporaries. */
static long tmp_pid(const char *name)
{
    size_t plen = strlen(FQ_FSIO_TMP_PREFIX);
    if (strncmp(name, FQ_FSIO_TMP_PREFIX, plen) != 0)
        return 0;
    char *end = NULL;
    errno = 0;
    long pid = strtol(name + plen, &end, 10);
    return errno == 0 && end != name + plen && *end == '-' && pid > 0 ? pid : 0;
}

static int writer_gone(long pid, const struct stat *st)
{
    if (pid == (long)getpid())
        return 0; /* ours, in flight */
    if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
        return 1;
    /* the pid may belong to an unrelated process by now: age decides */
    return time(NULL) - st->st_mtime > FQ_FSIO_STALE_S;
}

int fq_fsio_sweep_tmp(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int removed = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (de->d_type != DT_UNKNOWN && de->d_type != DT_DIR && !tmp_pid(de->d_name))
            continue;
        char path[FQ_FSIO_PATH_LEN];
        int n = snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (n < 0 || (size_t)n >= sizeof path)
            continue;
        struct stat st;
        if (lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth > 0)
                removed += fq_fsio_sweep_tmp(path, depth - 1);
            continue;
        }
        long pid = tmp_pid(de->d_name);
        if (S_ISREG(st.st_mode) && pid > 0 && writer_gone(pid, &st) && unlink(path) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}
