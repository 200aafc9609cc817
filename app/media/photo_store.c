/* photo_store.c: the content-addressed photo directory. A photo's file name is the SHA-256
 * of its bytes (<dir>/ab/abcdef....jpg), so the same output stored twice is one file.
 * Every file is written to a temp name in its final directory, fsynced, renamed, and the
 * directory fsynced: a pulled battery leaves the old state or the new file, never a partial
 * one. A failed write (disk full: FQ_ERR_FULL) removes its temp file.
 * It does not record anything in the database (the caller does, after this returns) and
 * never deletes stored photos (a later garbage collection may, by the database's list). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sha256.h"
#include "media/media_internal.h"

static int is_hex64(const char *s)
{
    for (int i = 0; i < 64; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return s[64] == '\0';
}

static fq_err errno_kind(int e)
{
    return (e == ENOSPC || e == EDQUOT) ? FQ_ERR_FULL : FQ_ERR_IO;
}

static fq_err errno_fail(fq_media *m, int e, const char *what, const char *path)
{
    if (e == ENOSPC || e == EDQUOT)
        return fq_media_fail(m, FQ_ERR_FULL, "storage full: cannot %s %s (%s)", what, path,
                             strerror(e));
    return fq_media_fail(m, errno_kind(e), "cannot %s %s: %s", what, path, strerror(e));
}

/* mkdir that accepts an existing directory; *out_created tells whether it is new. */
static int make_dir(const char *path, int *out_created)
{
    *out_created = 0;
    if (mkdir(path, 0755) == 0) {
        *out_created = 1;
        return 0;
    }
    struct stat st;
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    return -1;
}

static int sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    /* some file systems cannot fsync a directory; their rename is as durable as it gets */
    if (rc != 0 && (errno == EINVAL || errno == EROFS))
        rc = 0;
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

static int write_all(fq_media *m, int fd, const unsigned char *data, size_t len)
{
    fq_media_write_fn wr = m->write_fn ? m->write_fn : write;
    size_t done = 0;
    while (done < len) {
        size_t chunk = len - done > (1u << 20) ? (1u << 20) : len - done;
        ssize_t n = wr(fd, data + done, chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0) { /* a write that makes no progress: treat as full, like the kernel does */
            errno = ENOSPC;
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}

fq_err fq_media_store_path(const char *store_dir, const char *sha256, char *buf, size_t buf_len)
{
    if (!store_dir || !sha256 || !is_hex64(sha256))
        return FQ_ERR_INVALID;
    int n = snprintf(buf, buf_len, "%s/%.2s/%s.jpg", store_dir, sha256, sha256);
    if (n < 0 || (size_t)n >= buf_len)
        return FQ_ERR_INVALID;
    return FQ_OK;
}

fq_err fq_media_store_put2(fq_media *m, const char *store_dir, const unsigned char *data,
                           size_t len, char *out_sha256, int *out_created)
{
    char hash[FQ_HASH_LEN];
    char sub[3968]; /* leaves room for "/<hash>.jpg" in the 4096-byte paths */
    char final[4096];
    char tmp[4096];
    int fd = -1;
    int have_tmp = 0;
    int created = 0;
    fq_err err = FQ_OK;
    struct stat st;
    fq_core_sha256_hex(data, len, hash);
    int n = snprintf(sub, sizeof sub, "%s/%.2s", store_dir, hash);
    if (n < 0 || (size_t)n >= sizeof sub) {
        err = fq_media_fail(m, FQ_ERR_INVALID, "photo store path too long");
        goto out;
    }
    snprintf(final, sizeof final, "%s/%s.jpg", sub, hash);
    snprintf(tmp, sizeof tmp, "%s/.tmp-%.16s-XXXXXX", sub, hash);
    if (stat(final, &st) == 0 && S_ISREG(st.st_mode) && (int64_t)st.st_size == (int64_t)len)
        goto done; /* same content already stored: nothing to do */
    int new_top;
    int new_sub;
    if (make_dir(store_dir, &new_top) != 0) {
        err = errno_fail(m, errno, "create photo store", store_dir);
        goto out;
    }
    if (make_dir(sub, &new_sub) != 0) {
        err = errno_fail(m, errno, "create directory", sub);
        goto out;
    }
    if (new_sub && sync_dir(store_dir) != 0) {
        err = errno_fail(m, errno, "sync directory", store_dir);
        goto out;
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        err = errno_fail(m, errno, "create temp file in", sub);
        goto out;
    }
    have_tmp = 1;
    if (write_all(m, fd, data, len) != 0) {
        err = errno_fail(m, errno, "write photo", tmp);
        goto out;
    }
    if (fsync(fd) != 0) {
        err = errno_fail(m, errno, "flush photo", tmp);
        goto out;
    }
    int rc = close(fd);
    fd = -1;
    if (rc != 0) {
        err = errno_fail(m, errno, "close photo", tmp);
        goto out;
    }
    if (rename(tmp, final) != 0) {
        err = errno_fail(m, errno, "rename photo to", final);
        goto out;
    }
    have_tmp = 0;
    created = 1;
    if (sync_dir(sub) != 0) {
        err = errno_fail(m, errno, "sync directory", sub);
        goto out;
    }
done:
    memcpy(out_sha256, hash, FQ_HASH_LEN);
    *out_created = created;
out:
    if (fd >= 0)
        close(fd);
    if (have_tmp)
        unlink(tmp);
    if (err && created)
        unlink(final); /* not durable: do not leave it to be mistaken for a stored photo */
    return err;
}

fq_err fq_media_store_put(fq_media *m, const char *store_dir, const unsigned char *data,
                          size_t len, char *out_sha256)
{
    int created;
    return fq_media_store_put2(m, store_dir, data, len, out_sha256, &created);
}

fq_err fq_media_store_outputs(fq_media *m, const char *store_dir, const fq_media_output *o,
                              fq_media_result *out)
{
    fq_media_result r;
    int main_created = 0;
    int thumb_created = 0;
    memset(&r, 0, sizeof r);
    fq_err err = fq_media_store_put2(m, store_dir, o->jpeg, o->jpeg_len, r.sha256, &main_created);
    if (err)
        goto out;
    err = fq_media_store_put2(m, store_dir, o->thumb, o->thumb_len, r.thumb_sha256,
                              &thumb_created);
    if (err)
        goto out;
    r.width = o->width;
    r.height = o->height;
    r.bytes = (int64_t)o->jpeg_len;
    r.thumb_width = o->thumb_width;
    r.thumb_height = o->thumb_height;
    r.thumb_bytes = (int64_t)o->thumb_len;
    r.captured_utc = o->captured_utc;
    r.orientation = o->orientation;
    *out = r;
out:
    if (err && main_created) { /* all or nothing: the caller records both or neither */
        char path[4096];
        if (fq_media_store_path(store_dir, r.sha256, path, sizeof path) == FQ_OK)
            unlink(path);
    }
    return err;
}
