/* The panel backlight through sysfs: <dir>/brightness (0..max_brightness) and, where the
 * driver has it, <dir>/bl_power (0 on, 4 off). The udev rule in the package gives the video
 * group write access, so the kiosk's user may dim without root. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "system/system.h"

struct fq_backlight {
    char dir[512];
    long max;
    int percent; /* last set, -1: not yet */
};

static int read_long(const char *dir, const char *name, long *out)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "re");
    if (!f)
        return -1;
    int ok = fscanf(f, "%ld", out) == 1;
    fclose(f);
    return ok ? 0 : -1;
}

/* Writes v into an existing attribute file (sysfs files are never created: a missing
 * bl_power means the driver has none). */
static fq_err write_long(const char *dir, const char *name, long v)
{
    char path[600], buf[32];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? FQ_ERR_NOTFOUND : FQ_ERR_IO;
    int n = snprintf(buf, sizeof buf, "%ld\n", v);
    bool ok = write(fd, buf, (size_t)n) == n;
    ok = (close(fd) == 0) && ok;
    return ok ? FQ_OK : FQ_ERR_IO;
}

fq_backlight *fq_backlight_open(void)
{
    char dir[512] = "";
    const char *env = getenv("FIELDQC_BACKLIGHT_DIR");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
    } else {
        DIR *d = opendir("/sys/class/backlight");
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL)
            if (e->d_name[0] != '.') {
                snprintf(dir, sizeof dir, "/sys/class/backlight/%s", e->d_name);
                break;
            }
        if (d)
            closedir(d);
    }
    long max = 0;
    if (!dir[0] || read_long(dir, "max_brightness", &max) != 0 || max <= 0)
        return NULL;
    fq_backlight *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    snprintf(b->dir, sizeof b->dir, "%s", dir);
    b->max = max;
    b->percent = -1;
    return b;
}

void fq_backlight_close(fq_backlight *b)
{
    free(b);
}

fq_err fq_backlight_set(fq_backlight *b, int percent)
{
    if (!b)
        return FQ_OK;
    if (percent < 0)
        percent = 0;
    if (percent > 100)
        percent = 100;
    if (percent == b->percent)
        return FQ_OK;
    fq_err e;
    if (percent == 0) {
        e = write_long(b->dir, "bl_power", 4);
        if (e == FQ_ERR_NOTFOUND)
            e = write_long(b->dir, "brightness", 0);
    } else {
        long v = (b->max * percent + 50) / 100;
        if (v < 1)
            v = 1;
        e = write_long(b->dir, "bl_power", 0);
        if (e == FQ_ERR_NOTFOUND)
            e = FQ_OK;
        if (!e)
            e = write_long(b->dir, "brightness", v);
    }
    if (!e)
        b->percent = percent;
    return e;
}

int fq_idle_level(int64_t idle_s, int dim_after_s, int blank_after_s)
{
    if (blank_after_s > 0 && idle_s >= blank_after_s)
        return 2;
    if (dim_after_s > 0 && idle_s >= dim_after_s)
        return 1;
    return 0;
}

int fq_idle_percent(int level, int brightness)
{
    if (level >= 2)
        return 0;
    if (level == 1)
        return brightness / 4 > 5 ? brightness / 4 : 5;
    return brightness;
}
