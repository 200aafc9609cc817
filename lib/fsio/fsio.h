/* fq_fsio: the one file-safety module (STYLE rule 19). Every file fieldqc produces (photo,
 * bundle, receipt, report, CSV, screenshot) is written through it: a temporary in the final
 * directory, flushed, fsynced, renamed over the final name, and the directory fsynced, so a
 * killed process or a pulled battery leaves the old file or the new one, never half of one.
 * Also: mkdir -p that makes new directories durable, a whole-file read with a size cap, the
 * sweep of temporaries a killed writer left, the content-addressed photo layout, random ids,
 * and errno -> fq_err.
 *
 * Temporaries are named "<dir>/.tmp-<pid>-<random>" so nothing else ever reads them and the
 * sweep can tell a dead writer's file from a live one's.
 *
 * Error reasons go into a caller's buffer (err, err_len; err may be NULL): this module has
 * no handle. libc and POSIX only; no sqlite, no SDL. Thread-safe (no shared state). */
#ifndef FQ_FSIO_FSIO_H
#define FQ_FSIO_FSIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/err.h"

#define FQ_FSIO_PATH_LEN 4096
#define FQ_FSIO_TMP_PREFIX ".tmp-"
/* A temporary older than this is swept even when its pid is alive (pids get reused). */
#define FQ_FSIO_STALE_S 3600

/* The kind of an errno value: ENOSPC/EDQUOT -> FQ_ERR_FULL, ENOENT -> FQ_ERR_NOTFOUND,
 * ENOMEM -> FQ_ERR_NOMEM, anything else FQ_ERR_IO. */
fq_err fq_fsio_errno_err(int errnum);

/* snprintf into err (may be NULL); returns e. For callers that share fsio's error style. */
fq_err fq_fsio_fail(char *err, size_t err_len, fq_err e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- directories ---- */

/* mkdir -p of dir (mode 0755). Every directory it creates is made durable (its parent is
 * fsynced). An existing directory is fine; an existing non-directory is FQ_ERR_IO. */
fq_err fq_fsio_mkdirs(const char *dir, char *err, size_t err_len);

/* fsync of the directory dir. File systems that cannot (vfat on a USB stick: EINVAL) are
 * not an error: their rename is as durable as it gets. */
fq_err fq_fsio_fsync_dir(const char *dir, char *err, size_t err_len);

/* fsync of the directory that holds path (makes a rename or create there durable). */
fq_err fq_fsio_fsync_parent(const char *path, char *err, size_t err_len);

/* ---- writing ---- */

/* The write(2) the writers use; tests install one that fails (disk full) or stalls. */
typedef ssize_t (*fq_fsio_write_fn)(int fd, const void *buf, size_t len);

/* Writes all len bytes to fd (restarting after EINTR and short writes; a write that makes
 * no progress counts as a full disk). wr NULL: write(2). errno is kept on failure. */
fq_err fq_fsio_write_all(int fd, const void *data, size_t len, fq_fsio_write_fn wr);

/* Writes all len bytes at offset off (pwrite: the file position stays), restarting after
 * EINTR and short writes; no progress counts as a full disk. errno is kept on failure. */
fq_err fq_fsio_pwrite_all(int fd, const void *data, size_t len, int64_t off);

/* Creates a new empty temporary next to final_path (its directory is created when missing)
 * and returns its name in tmp (FQ_FSIO_PATH_LEN) and an open fd (O_RDWR, close it yourself).
 * For writers that need a path, like sqlite building a bundle. */
fq_err fq_fsio_temp_create(const char *final_path, char *tmp, size_t tmp_len, int *out_fd,
                           char *err, size_t err_len);

/* Makes tmp the file final_path: fsync tmp, rename, fsync the directory. The temporary is
 * removed on failure. */
fq_err fq_fsio_commit_temp(const char *tmp, const char *final_path, char *err, size_t err_len);

/* fq_fsio_commit_temp that never replaces: FQ_ERR_CONFLICT (the temporary removed) when
 * final_path exists already, e.g. another process created it first. */
fq_err fq_fsio_commit_temp_new(const char *tmp, const char *final_path, char *err,
                               size_t err_len);

/* Writes data to path durably (temp, write, fsync, rename, directory fsync); the directory
 * is created when missing. wr NULL: write(2). */
fq_err fq_fsio_write_atomic(const char *path, const void *data, size_t len, fq_fsio_write_fn wr,
                            char *err, size_t err_len);

/* Starts writing fd's dirty pages to the disk without waiting (Linux sync_file_range), so a
 * later fsync of a large file finds most of it there already. Promises nothing. */
void fq_fsio_start_writeback(int fd);

/* Many files written durably together (batch.c): each is written to a temporary at once,
 * and fq_fsio_batch_commit makes them all durable, renames each to its path and makes the
 * renames durable (syncfs twice when all are on one file system, else an fsync per file and
 * one per directory). Until the commit none of them is at its path; after a successful commit
 * all of them are, complete and durable. A failed commit removes the temporaries not yet
 * renamed (files already renamed are complete, but their directory may not be durable). */
typedef struct fq_fsio_batch fq_fsio_batch;

/* A new empty batch; free with fq_fsio_batch_free. FQ_ERR_NOMEM. */
fq_err fq_fsio_batch_new(fq_fsio_batch **out);

/* Writes data (len bytes, borrowed) into a temporary beside path (its directory is created
 * when missing; no descriptor stays open). FQ_ERR_FULL, FQ_ERR_IO, FQ_ERR_INVALID (path too
 * long), FQ_ERR_NOMEM. */
fq_err fq_fsio_batch_add(fq_fsio_batch *b, const char *path, const void *data, size_t len,
                         char *err, size_t err_len);

/* Files added and not committed yet (0 for NULL). */
size_t fq_fsio_batch_count(const fq_fsio_batch *b);

/* Makes every added file durable at its path (see above); the batch is empty afterwards,
 * on success and on failure, and may be used again. */
fq_err fq_fsio_batch_commit(fq_fsio_batch *b, char *err, size_t err_len);

/* Removes the temporaries of files not committed and frees b; NULL allowed. */
void fq_fsio_batch_free(fq_fsio_batch *b);

/* A file written as a stream (reports, CSV, PNG) that appears at its final path only when
 * committed, complete. */
typedef struct fq_fsio_stream fq_fsio_stream;

/* Opens a temporary for final_path; write to fq_fsio_stream_file(). */
fq_err fq_fsio_stream_open(const char *final_path, fq_fsio_stream **out, char *err,
                           size_t err_len);

/* The stdio stream to write to (owned by s). */
FILE *fq_fsio_stream_file(fq_fsio_stream *s);

/* Flushes, fsyncs, closes, renames and fsyncs the directory; any earlier write error on the
 * stream fails it. Frees s either way (the temporary is removed on failure). */
fq_err fq_fsio_stream_commit(fq_fsio_stream *s, char *err, size_t err_len);

/* Drops the temporary and frees s; NULL allowed. */
void fq_fsio_stream_abort(fq_fsio_stream *s);

/* Copies src to dst durably in 1 MiB steps (dst appears complete or not at all). src must
 * be a regular file, reached without following a symbolic link and at most max_bytes long
 * (a device, FIFO or link planted on a USB stick is refused: FQ_ERR_INVALID; a file that
 * grows past the cap while read too). progress (may be NULL) is called after each step
 * with the bytes copied so far. A read error (a pulled cable) fails with the reason and
 * leaves dst as it was. */
typedef void (*fq_fsio_progress_fn)(void *ctx, int64_t bytes_done);
fq_err fq_fsio_copy_file(const char *src, const char *dst, int64_t max_bytes,
                         fq_fsio_progress_fn progress, void *ctx, char *err, size_t err_len);

/* FQ_OK when dir is a directory itself, not a symbolic link to one: where a program writes
 * into a folder others control (a USB stick), a planted link would send the file anywhere.
 * FQ_ERR_NOTFOUND when missing, FQ_ERR_INVALID for a link or a non-directory. */
fq_err fq_fsio_check_real_dir(const char *dir, char *err, size_t err_len);

/* Moves the file `path` to `to` (same file system) and makes it durable; an existing `to` is
 * replaced. FQ_ERR_NOTFOUND when path is missing. */
fq_err fq_fsio_move(const char *path, const char *to, char *err, size_t err_len);

/* ---- listing ---- */

/* Names in dir that start with prefix and end with suffix (regular files, not links), sorted
 * by name, at most max; *out malloc'd (free()), NULL when none. FQ_ERR_NOTFOUND when dir is
 * missing. Each name is at most 255 bytes. */
typedef struct fq_fsio_name {
    char name[256];
    int64_t bytes;
    int64_t mtime_utc;
} fq_fsio_name;
fq_err fq_fsio_list(const char *dir, const char *prefix, const char *suffix, size_t max,
                    fq_fsio_name **out, size_t *out_n, char *err, size_t err_len);

/* ---- mounts: is the USB stick really there? ---- */

typedef struct fq_fsio_mount {
    char point[1024];  /* where it is mounted: "/media/fieldqc" */
    char fstype[64];   /* "vfat", "ext4", ... */
    char source[256];  /* "/dev/sda1" */
} fq_fsio_mount;

/* The mount holding the absolute, resolved `path` according to `mountinfo` (the text of
 * /proc/self/mountinfo, len bytes, not NUL-terminated): the deepest mount point that is a
 * component prefix of path. FQ_ERR_NOTFOUND when none, FQ_ERR_CORRUPT for a line that is not
 * in the mountinfo format, FQ_ERR_INVALID for a relative path. */
fq_err fq_fsio_mount_find(const char *mountinfo, size_t len, const char *path,
                          fq_fsio_mount *out);

/* The mount holding `path` on this machine (its deepest existing folder, resolved), from
 * $FIELDQC_MOUNTINFO (tests) or /proc/self/mountinfo. */
fq_err fq_fsio_mount_of(const char *path, fq_fsio_mount *out, char *err, size_t err_len);

/* A fingerprint of the machine's mount table (same source as fq_fsio_mount_of): it changes
 * when a stick is mounted or unmounted. Polled by the app every few seconds. */
fq_err fq_fsio_mounts_stamp(uint64_t *out);

/* Bytes an unprivileged writer may still write on the file system holding path. */
fq_err fq_fsio_free_bytes(const char *path, int64_t *out);

/* ---- reading ---- */

/* Reads the whole regular file at path into a malloc'd buffer (*out, free() it; one byte
 * more is allocated and set to 0, so text can be used as a string). FQ_ERR_NOTFOUND when
 * absent, FQ_ERR_INVALID when larger than max_bytes (nothing read), FQ_ERR_IO otherwise.
 * Files that report size 0 (/proc) are read to their end, within max_bytes. */
fq_err fq_fsio_read_file(const char *path, size_t max_bytes, unsigned char **out,
                         size_t *out_len, char *err, size_t err_len);

/* Reads exactly len bytes at offset off (pread), restarting after EINTR and short reads.
 * FQ_ERR_CORRUPT when the file ends first (a truncated file); errno is kept otherwise. */
fq_err fq_fsio_pread_all(int fd, void *buf, size_t len, int64_t off);

/* ---- temporaries of killed writers ---- */

/* Removes the temporaries this module's writers leave when killed (".tmp-<pid>-*") in dir
 * and, for depth > 0, in its subdirectories down to that depth, once their writer is gone
 * or they are older than FQ_FSIO_STALE_S. Never touches any other name or our own pid's
 * files. Best effort: returns how many were removed; a missing dir is 0. */
int fq_fsio_sweep_tmp(const char *dir, int depth);

/* ---- content-addressed photos: <dir>/ab/<sha256>.jpg ---- */

/* "<dir>/ab/<sha>.jpg" into buf. FQ_ERR_INVALID for a hash that is not 64 lowercase hex
 * characters or a too small buffer. */
fq_err fq_fsio_photo_path(const char *dir, const char *sha256, char *buf, size_t buf_len);

/* The photo directory that belongs to a database: "<db_path>.photos". */
fq_err fq_fsio_photo_dir_for_db(const char *db_path, char *buf, size_t buf_len);

/* ---- the data folder ---- */

/* The data folder (checklists, demo data, fonts) into out: $FIELDQC_DATA when set, else
 * <the program's folder>/FQ_DATA_RELDIR ("../share/fieldqc": relocatable, no build path in
 * the binary). FQ_ERR_NOTFOUND with the reason when it is not a folder. */
fq_err fq_fsio_data_dir(char *out, size_t out_len, char *err, size_t err_len);

/* ---- random ids ---- */

/* Fills out with n bytes from the OS random source (getrandom, else /dev/urandom). */
fq_err fq_fsio_random(void *out, size_t n);

/* A new random (version 4) uuid, lowercase, 36 characters + NUL, into out (FQ_UUID_LEN). */
fq_err fq_fsio_uuid(char *out, size_t out_len);

#endif
