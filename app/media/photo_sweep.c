/* Sweeping the photo store after a kill: fq_media_store_put writes "<dir>/ab/.tmp-<hash>-XXXXXX"
 * and renames it; a kill or pulled battery in between leaves the temporary for good. Nothing
 * reads those names, so they only waste the SD card; the app removes them when it opens,
 * before it writes a photo of its own. Stored photos are never touched here. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "media/media.h"

static int sweep_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int removed = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, ".tmp-", 5) != 0)
            continue;
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && unlink(path) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}

int fq_media_store_sweep(const char *store_dir)
{
    DIR *d = opendir(store_dir);
    if (!d)
        return 0;
    int removed = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        /* the two-hex-digit fan-out directories only */
        if (strlen(de->d_name) != 2 || de->d_name[0] == '.')
            continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", store_dir, de->d_name);
        removed += sweep_dir(sub);
    }
    closedir(d);
    return removed;
}
