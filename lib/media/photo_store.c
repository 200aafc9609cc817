/* photo_store.c: the content-addressed photo directory. A photo's file name is the SHA-256
 * of its bytes (fsio's layout <dir>/ab/abcdef....jpg), so the same output stored twice is
 * one file. Files are written through fsio (temp, fsync, rename, directory fsync): a pulled
 * battery leaves the old state or the new file, never a partial one; a failed write (disk
 * full: FQ_ERR_FULL) leaves nothing.
 * It does not record anything in the database (the caller does, after this returns) and
 * never deletes stored photos (a later garbage collection may, by the database's list). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sha256.h"
#include "fsio/fsio.h"
#include "media/media_internal.h"

fq_err fq_media_store_put2(fq_media *m, const char *store_dir, const unsigned char *data,
                           size_t len, char *out_sha256, int *out_created)
{
    char hash[FQ_HASH_LEN];
    char final[FQ_FSIO_PATH_LEN];
    struct stat st;
    fq_core_sha256_hex(data, len, hash);
    if (fq_fsio_photo_path(store_dir, hash, final, sizeof final))
        return fq_media_fail(m, FQ_ERR_INVALID, "photo store path too long");
    int created = 0;
    /* content addressed: the same name and size is the same photo, already durable */
    if (!(stat(final, &st) == 0 && S_ISREG(st.st_mode) && (int64_t)st.st_size == (int64_t)len)) {
        char why[512];
        fq_err err = fq_fsio_write_atomic(final, data, len, m->write_fn, why, sizeof why);
        if (err)
            return fq_media_fail(m, err, "%s%s", err == FQ_ERR_FULL ? "storage full: " : "", why);
        created = 1;
    }
    memcpy(out_sha256, hash, FQ_HASH_LEN);
    *out_created = created;
    return FQ_OK;
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
        char path[FQ_FSIO_PATH_LEN];
        if (fq_fsio_photo_path(store_dir, r.sha256, path, sizeof path) == FQ_OK)
            unlink(path);
    }
    return err;
}
