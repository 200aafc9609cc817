/* Which mount holds a path, from /proc/self/mountinfo: the tether's sync folder on a USB stick
 * must be on the stick. When the stick is not mounted, /media/fieldqc is a plain folder of
 * the SD card and an export there looks like success while the stick stays empty. */
#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "fsio/fsio.h"

#define MOUNTINFO_MAX (4u << 20)

/* mountinfo escapes space, tab, newline and backslash as \ooo (octal); unescapes in place. */
static void unescape(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' &&
            r[3] >= '0' && r[3] <= '7') {
            *w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
            r += 3;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

/* True when mount point `mp` holds `path` (a component prefix: /media holds /media/x, not
 * /mediax). */
static bool holds(const char *mp, const char *path)
{
    size_t n = strlen(mp);
    if (n == 1 && mp[0] == '/')
        return path[0] == '/';
    return strncmp(mp, path, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Splits the next space-separated field off *p (NUL-terminating it); NULL at the end. */
static char *field(char **p)
{
    char *s = *p;
    while (*s == ' ')
        s++;
    if (!*s)
        return NULL;
    char *e = strchr(s, ' ');
    if (e) {
        *e = '\0';
        *p = e + 1;
    } else {
        *p = s + strlen(s);
    }
    return s;
}

fq_err fq_fsio_mount_find(const char *mountinfo, size_t len, const char *path,
                          fq_fsio_mount *out)
{
    if (!mountinfo || !path || path[0] != '/' || !out)
        return FQ_ERR_INVALID;
    char *text = malloc(len + 1);
    if (!text)
        return FQ_ERR_NOMEM;
    memcpy(text, mountinfo, len);
    text[len] = '\0';
    fq_err err = FQ_ERR_NOTFOUND;
    size_t best = 0;
    char *line = text;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        /* 36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=... */
        char *p = line;
        char *f[5];
        int k = 0;
        while (k < 5 && (f[k] = field(&p)) != NULL)
            k++;
        char *fstype = NULL, *source = NULL;
        if (k == 5) {
            char *t;
            while ((t = field(&p)) != NULL && strcmp(t, "-") != 0)
                ; /* optional fields up to the separator */
            if (t) {
                fstype = field(&p);
                source = field(&p);
            }
        }
        if (!fstype || !source || f[4][0] != '/') {
            if (line[0]) {
                err = FQ_ERR_CORRUPT;
                break;
            }
        } else {
            unescape(f[4]);
            size_t n = strlen(f[4]);
            /* the deepest mount wins; a later one on the same point hides the earlier */
            if (holds(f[4], path) && n >= best) {
                best = n;
                snprintf(out->point, sizeof out->point, "%s", f[4]);
                snprintf(out->fstype, sizeof out->fstype, "%s", fstype);
                unescape(source);
                snprintf(out->source, sizeof out->source, "%s", source);
                err = FQ_OK;
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    return err;
}

/* The deepest folder of path that exists, resolved (links, "..") into out. */
static fq_err existing_ancestor(const char *path, char *out, size_t out_len)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return FQ_ERR_INVALID;
    for (;;) {
        char real[PATH_MAX];
        if (realpath(buf, real)) {
            if (snprintf(out, out_len, "%s", real) >= (int)out_len)
                return FQ_ERR_INVALID;
            return FQ_OK;
        }
        char *slash = strrchr(buf, '/');
        if (!slash)
            return FQ_ERR_NOTFOUND;
        if (slash == buf) {
            snprintf(out, out_len, "/");
            return FQ_OK;
        }
        *slash = '\0';
    }
}

fq_err fq_fsio_mount_of(const char *path, fq_fsio_mount *out, char *err, size_t err_len)
{
    if (!path || path[0] != '/')
        return fq_fsio_fail(err, err_len, FQ_ERR_INVALID, "not an absolute path: %s",
                            path ? path : "(null)");
    /* tests describe a machine's mounts with FIELDQC_MOUNTINFO */
    const char *src = getenv("FIELDQC_MOUNTINFO");
    if (!src || !*src)
        src = "/proc/self/mountinfo";
    unsigned char *text = NULL;
    size_t len = 0;
    fq_err e = fq_fsio_read_file(src, MOUNTINFO_MAX, &text, &len, err, err_len);
    if (e)
        return e;
    char real[PATH_MAX];
    e = existing_ancestor(path, real, sizeof real);
    if (!e)
        e = fq_fsio_mount_find((const char *)text, len, real, out);
    free(text);
    if (e == FQ_ERR_CORRUPT)
        return fq_fsio_fail(err, err_len, e, "%s is not in the mountinfo format", src);
    if (e)
        return fq_fsio_fail(err, err_len, e, "no mount holds %s", path);
    return FQ_OK;
}

fq_err fq_fsio_free_bytes(const char *path, int64_t *out)
{
    struct statvfs sv;
    if (statvfs(path, &sv) != 0)
        return fq_fsio_errno_err(errno);
    *out = (int64_t)sv.f_bavail * (int64_t)sv.f_frsize;
    return FQ_OK;
}

fq_err fq_fsio_mounts_stamp(uint64_t *out)
{
    const char *src = getenv("FIELDQC_MOUNTINFO");
    if (!src || !*src)
        src = "/proc/self/mountinfo";
    unsigned char *text = NULL;
    size_t len = 0;
    fq_err e = fq_fsio_read_file(src, MOUNTINFO_MAX, &text, &len, NULL, 0);
    if (e)
        return e;
    uint64_t h = 14695981039346656037ULL; /* FNV-1a: a change detector, not a defence */
    for (size_t i = 0; i < len; i++)
        h = (h ^ text[i]) * 1099511628211ULL;
    free(text);
    *out = h;
    return FQ_OK;
}
