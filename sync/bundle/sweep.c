/* Sweeping temporaries of killed writers. fq_bundle_write_file_atomic names its temporary
 * "<final>.tmp<pid>"; a kill between open and rename leaves it behind for good. Readers
 * never look at such names, so leaving them is safe but litters the office photo store
 * after every pulled cable; the next run removes them once the writer is surely gone. */
#include "bundle/bundle.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STALE_AFTER_S 3600

/* The pid in "NAME.tmp<digits>", or 0 when the name is not such a temporary. */
static long tmp_pid(const char *name)
{
    const char *t = strstr(name, ".tmp");
    const char *last = NULL;
    for (; t; t = strstr(t + 1, ".tmp"))
        last = t;
    if (!last || last == name || !last[4])
        return 0;
    char *end = NULL;
    long pid = strtol(last + 4, &end, 10);
    return end && *end == '\0' && pid > 0 ? pid : 0;
}

static bool writer_gone(long pid, const struct stat *st)
{
    if (pid == (long)getpid())
        return false; /* our own, in flight */
    if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
        return true;
    /* the pid may have been reused by an unrelated process: age decides then */
    return time(NULL) - st->st_mtime > STALE_AFTER_S;
}

int fq_bundle_sweep_stale_tmp(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int removed = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char path[FQ_BUNDLE_PATH_LEN + 300];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat st;
        if (lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth > 0)
                removed += fq_bundle_sweep_stale_tmp(path, depth - 1);
            continue;
        }
        long pid = tmp_pid(de->d_name);
        if (S_ISREG(st.st_mode) && pid > 0 && writer_gone(pid, &st) && unlink(path) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}
