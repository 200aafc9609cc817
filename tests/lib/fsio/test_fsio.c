/* fq_fsio: atomic writes appear whole or not at all (a full disk leaves no temporary and
 * keeps the old file), mkdir -p, the capped read refuses before allocating, the sweep
 * removes exactly the temporaries of dead or old writers, the photo layout refuses bad
 * hashes, uuids are version 4, streams and copies commit or leave nothing. */
#include "harness.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "fsio/fsio.h"

/* Files in dir whose name starts with ".tmp-". */
static int count_tmp(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += strncmp(e->d_name, ".tmp-", 5) == 0;
    if (d)
        closedir(d);
    return n;
}

static void test_write_atomic_creates_dirs_and_replaces(void **state)
{
    (void)state;
    char path[1200], err[256];
    snprintf(path, sizeof path, "%s/a/b/c/file.txt", fq_test_dir("atomic"));
    assert_int_equal(fq_fsio_write_atomic(path, "first", 5, NULL, err, sizeof err), FQ_OK);
    fq_test_expect_file(path, "first");
    assert_int_equal(fq_fsio_write_atomic(path, "second!", 7, NULL, err, sizeof err), FQ_OK);
    fq_test_expect_file(path, "second!");
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/a/b/c", fq_test_dir(NULL));
    assert_int_equal(count_tmp(dir), 0);
}

static int n_calls;
static ssize_t full_after_one(int fd, const void *buf, size_t len)
{
    if (n_calls++ == 0)
        return write(fd, buf, len < 3 ? len : 3);
    errno = ENOSPC;
    return -1;
}

static ssize_t no_progress(int fd, const void *buf, size_t len)
{
    (void)fd;
    (void)buf;
    (void)len;
    return 0;
}

static void test_full_disk_keeps_old_file_and_no_temp(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("full");
    char path[1200], err[256] = "";
    snprintf(path, sizeof path, "%s/photo.jpg", dir);
    assert_int_equal(fq_fsio_write_atomic(path, "old bytes", 9, NULL, err, sizeof err), FQ_OK);
    n_calls = 0;
    assert_int_equal(fq_fsio_write_atomic(path, "new bytes here", 14, full_after_one, err,
                                          sizeof err), FQ_ERR_FULL);
    assert_non_null(strstr(err, "disk is full"));
    fq_test_expect_file(path, "old bytes");
    assert_int_equal(count_tmp(dir), 0);
    /* a write that makes no progress is a full disk too, not an endless loop */
    assert_int_equal(fq_fsio_write_atomic(path, "x", 1, no_progress, err, sizeof err),
                     FQ_ERR_FULL);
    assert_int_equal(count_tmp(dir), 0);
}

static void test_mkdirs(void **state)
{
    (void)state;
    char path[1200], file[1300], err[256];
    snprintf(path, sizeof path, "%s/x/y/z/", fq_test_dir("mkdirs"));
    assert_int_equal(fq_fsio_mkdirs(path, err, sizeof err), FQ_OK);
    assert_int_equal(fq_fsio_mkdirs(path, err, sizeof err), FQ_OK); /* exists: fine */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    snprintf(file, sizeof file, "%s/plain", path);
    assert_int_equal(fq_test_write_file(file, "f", 1), 0);
    snprintf(path, sizeof path, "%s/sub", file);
    assert_int_equal(fq_fsio_mkdirs(path, err, sizeof err), FQ_ERR_IO);
    assert_non_null(strstr(err, "not a directory"));
}

/* Positional reads and writes: exact lengths at an offset, the file position untouched, a
 * file that ends early reported as truncated. */
static void test_pread_pwrite_all(void **state)
{
    (void)state;
    char path[1200];
    snprintf(path, sizeof path, "%s/pos", fq_test_dir("pos"));
    assert_int_equal(fq_test_write_file(path, "0123456789", 10), 0);
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(fq_fsio_pwrite_all(fd, "ab", 2, 4), FQ_OK);
    char buf[8] = "";
    assert_int_equal(fq_fsio_pread_all(fd, buf, 6, 2), FQ_OK);
    assert_memory_equal(buf, "23ab67", 6);
    assert_int_equal(lseek(fd, 0, SEEK_CUR), 0);
    assert_int_equal(fq_fsio_pread_all(fd, buf, 4, 8), FQ_ERR_CORRUPT);
    assert_int_equal(fq_fsio_pwrite_all(fd, "xyz", 3, 9), FQ_OK); /* grows the file */
    assert_int_equal(fq_fsio_pread_all(fd, buf, 3, 9), FQ_OK);
    assert_memory_equal(buf, "xyz", 3);
    close(fd);
    assert_int_equal(fq_fsio_pread_all(fd, buf, 1, 0), FQ_ERR_IO); /* EBADF */
}

static void test_read_file_cap_and_missing(void **state)
{
    (void)state;
    char path[1200], err[256];
    snprintf(path, sizeof path, "%s/ten", fq_test_dir("read"));
    assert_int_equal(fq_test_write_file(path, "0123456789", 10), 0);
    unsigned char *buf = NULL;
    size_t len = 0;
    assert_int_equal(fq_fsio_read_file(path, 10, &buf, &len, err, sizeof err), FQ_OK);
    assert_int_equal(len, 10);
    assert_int_equal(buf[10], 0); /* usable as a string */
    free(buf);
    buf = NULL;
    assert_int_equal(fq_fsio_read_file(path, 9, &buf, &len, err, sizeof err), FQ_ERR_INVALID);
    assert_null(buf);
    assert_non_null(strstr(err, "too large"));
    snprintf(path, sizeof path, "%s/absent", fq_test_dir(NULL));
    assert_int_equal(fq_fsio_read_file(path, 9, &buf, &len, err, sizeof err), FQ_ERR_NOTFOUND);
    assert_int_equal(fq_fsio_read_file(fq_test_dir(NULL), 1 << 20, &buf, &len, err, sizeof err),
                     FQ_ERR_IO);
    /* /proc files say size 0: read to their end, and still refused past the cap */
    assert_int_equal(fq_fsio_read_file("/proc/self/mountinfo", 4 << 20, &buf, &len, err, sizeof err),
                     FQ_OK);
    assert_true(len > 0);
    assert_int_equal(strlen((char *)buf), len);
    assert_non_null(strstr((char *)buf, " / "));
    free(buf);
    buf = NULL;
    assert_int_equal(fq_fsio_read_file("/proc/self/mountinfo", 16, &buf, &len, err, sizeof err),
                     FQ_ERR_INVALID);
    assert_null(buf);
    assert_non_null(strstr(err, "too large"));
    assert_int_equal(fq_fsio_read_file("/proc/self/mountinfo", len, &buf, &len, err, sizeof err),
                     FQ_OK);
    free(buf);
}

static void touch_aged(const char *path, int age_s)
{
    assert_int_equal(fq_test_write_file(path, "x", 1), 0);
    struct timeval tv[2];
    gettimeofday(&tv[0], NULL);
    tv[0].tv_sec -= age_s;
    tv[1] = tv[0];
    assert_int_equal(utimes(path, tv), 0);
}

static void test_sweep_rules(void **state)
{
    (void)state;
    char dir[1024], sub[1100], deep[1200], p[7][1300];
    snprintf(dir, sizeof dir, "%s", fq_test_dir("sweep"));
    snprintf(sub, sizeof sub, "%s/ab", dir);
    snprintf(deep, sizeof deep, "%s/ab/cd", dir);
    assert_int_equal(fq_fsio_mkdirs(deep, NULL, 0), FQ_OK);
    long dead = 2147483646L; /* above any pid_max: no process has it */
    snprintf(p[0], sizeof p[0], "%s/.tmp-%ld-aaaaaa", sub, dead);              /* dead: swept */
    snprintf(p[1], sizeof p[1], "%s/.tmp-%ld-bbbbbb", sub, (long)getppid());   /* old: swept */
    snprintf(p[2], sizeof p[2], "%s/.tmp-%ld-cccccc", sub, (long)getppid());   /* live: stays */
    snprintf(p[3], sizeof p[3], "%s/.tmp-%ld-dddddd", sub, (long)getpid());    /* ours: stays */
    snprintf(p[4], sizeof p[4], "%s/.tmp-notes", sub);                         /* not ours */
    snprintf(p[5], sizeof p[5], "%s/abcdef.jpg", sub);                         /* a photo */
    snprintf(p[6], sizeof p[6], "%s/.tmp-%ld-eeeeee", deep, dead);             /* too deep */
    touch_aged(p[0], 10);
    touch_aged(p[1], FQ_FSIO_STALE_S + 60);
    touch_aged(p[2], 10);
    touch_aged(p[3], FQ_FSIO_STALE_S + 60);
    touch_aged(p[4], FQ_FSIO_STALE_S + 60);
    touch_aged(p[5], FQ_FSIO_STALE_S + 60);
    touch_aged(p[6], 10);
    assert_int_equal(fq_fsio_sweep_tmp(dir, 1), 2);
    for (int i = 0; i < 7; i++)
        if ((access(p[i], F_OK) == 0) != (i >= 2))
            fail_msg("%s should %s", p[i], i >= 2 ? "stay" : "be swept");
    assert_int_equal(fq_fsio_sweep_tmp(dir, 2), 1); /* depth 2 reaches ab/cd */
    assert_int_equal(fq_fsio_sweep_tmp("/nonexistent-fieldqc-dir", 1), 0);
}

static void test_photo_path(void **state)
{
    (void)state;
    char buf[256];
    const char *sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    assert_int_equal(fq_fsio_photo_path("/p", sha, buf, sizeof buf), FQ_OK);
    assert_string_equal(buf, "/p/01/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg");
    assert_int_equal(fq_fsio_photo_path("/p", "../../etc/passwd", buf, sizeof buf), FQ_ERR_INVALID);
    assert_int_equal(fq_fsio_photo_path("/p", "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
                                        buf, sizeof buf), FQ_ERR_INVALID);
    assert_int_equal(fq_fsio_photo_path("/p", sha, buf, 20), FQ_ERR_INVALID);
    assert_int_equal(fq_fsio_photo_dir_for_db("/d/office.db", buf, sizeof buf), FQ_OK);
    assert_string_equal(buf, "/d/office.db.photos");
}

static void test_uuid(void **state)
{
    (void)state;
    char a[37], b[37];
    assert_int_equal(fq_fsio_uuid(a, sizeof a), FQ_OK);
    assert_int_equal(fq_fsio_uuid(b, sizeof b), FQ_OK);
    assert_int_equal(strlen(a), 36);
    assert_string_not_equal(a, b);
    assert_int_equal(a[14], '4'); /* version 4 */
    assert_non_null(strchr("89ab", a[19]));
    assert_int_equal(fq_fsio_uuid(a, 36), FQ_ERR_INVALID);
}

static void test_stream_commit_and_abort(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("stream");
    char path[1200], err[256];
    snprintf(path, sizeof path, "%s/report.html", dir);
    fq_fsio_stream *s = NULL;
    assert_int_equal(fq_fsio_stream_open(path, &s, err, sizeof err), FQ_OK);
    fprintf(fq_fsio_stream_file(s), "<p>%d</p>", 42);
    assert_int_not_equal(access(path, F_OK), 0); /* not there before the commit */
    assert_int_equal(fq_fsio_stream_commit(s, err, sizeof err), FQ_OK);
    fq_test_expect_file(path, "<p>42</p>");
    assert_int_equal(fq_fsio_stream_open(path, &s, err, sizeof err), FQ_OK);
    fputs("half", fq_fsio_stream_file(s));
    fq_fsio_stream_abort(s);
    fq_test_expect_file(path, "<p>42</p>");
    assert_int_equal(count_tmp(dir), 0);
    fq_fsio_stream_abort(NULL);
}

/* A batch (issue 18): nothing at its path before the commit, everything after it, in two
 * directories (one of them new); a batch freed uncommitted leaves no temporary. */
static void test_batch_commit_and_free(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("batch");
    char a[1200], b[1200], c[1200], sub[1200], err[256];
    snprintf(a, sizeof a, "%s/a.txt", dir);
    snprintf(b, sizeof b, "%s/new/b.txt", dir);
    snprintf(c, sizeof c, "%s/c.txt", dir);
    snprintf(sub, sizeof sub, "%s/new", dir);
    fq_fsio_batch *batch = NULL;
    assert_int_equal(fq_fsio_batch_new(&batch), FQ_OK);
    assert_int_equal(fq_fsio_batch_add(batch, a, "alpha", 5, err, sizeof err), FQ_OK);
    assert_int_equal(fq_fsio_batch_add(batch, b, "beta", 4, err, sizeof err), FQ_OK);
    assert_int_equal(fq_fsio_batch_count(batch), 2);
    assert_int_not_equal(access(a, F_OK), 0);
    assert_int_not_equal(access(b, F_OK), 0);
    assert_int_equal(fq_fsio_batch_commit(batch, err, sizeof err), FQ_OK);
    assert_int_equal(fq_fsio_batch_count(batch), 0);
    fq_test_expect_file(a, "alpha");
    fq_test_expect_file(b, "beta");
    assert_int_equal(count_tmp(dir), 0);
    assert_int_equal(count_tmp(sub), 0);
    /* used again, then freed without a commit: the file never appears */
    assert_int_equal(fq_fsio_batch_add(batch, c, "gamma", 5, err, sizeof err), FQ_OK);
    assert_int_equal(count_tmp(dir), 1);
    fq_fsio_batch_free(batch);
    assert_int_not_equal(access(c, F_OK), 0);
    assert_int_equal(count_tmp(dir), 0);
    fq_fsio_batch_free(NULL);
}

/* A batch over two file systems (the test folder and /dev/shm, a tmpfs) takes the path of
 * one fsync per file and directory instead of syncfs; both files appear, no temporary is
 * left. Skipped where /dev/shm is missing or on the same file system. */
static void test_batch_over_two_file_systems(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("batch2fs");
    struct stat here, shm;
    if (stat(dir, &here) != 0 || stat("/dev/shm", &shm) != 0 || here.st_dev == shm.st_dev)
        skip();
    char other[256], a[1200], b[512], err[256];
    snprintf(other, sizeof other, "/dev/shm/fq-batch-%ld", (long)getpid());
    snprintf(a, sizeof a, "%s/a.txt", dir);
    snprintf(b, sizeof b, "%s/sub/b.txt", other);
    fq_fsio_batch *batch = NULL;
    assert_int_equal(fq_fsio_batch_new(&batch), FQ_OK);
    assert_int_equal(fq_fsio_batch_add(batch, a, "alpha", 5, err, sizeof err), FQ_OK);
    assert_int_equal(fq_fsio_batch_add(batch, b, "beta", 4, err, sizeof err), FQ_OK);
    assert_int_not_equal(access(b, F_OK), 0);
    assert_int_equal(fq_fsio_batch_commit(batch, err, sizeof err), FQ_OK);
    fq_test_expect_file(a, "alpha");
    fq_test_expect_file(b, "beta");
    char sub[300];
    snprintf(sub, sizeof sub, "%s/sub", other);
    assert_int_equal(count_tmp(dir), 0);
    assert_int_equal(count_tmp(sub), 0);
    fq_fsio_batch_free(batch);
    unlink(b);
    rmdir(sub);
    rmdir(other);
}

static int64_t last_progress;
static void on_progress(void *ctx, int64_t done)
{
    (void)ctx;
    last_progress = done;
}

static void test_copy_file(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("copy");
    char src[1200], dst[1200], err[256];
    snprintf(src, sizeof src, "%s/src.bin", dir);
    snprintf(dst, sizeof dst, "%s/pull/dst.bin", dir);
    size_t len = (3u << 20) + 12345; /* more than one 1 MiB step */
    unsigned char *data = malloc(len);
    assert_non_null(data);
    for (size_t i = 0; i < len; i++)
        data[i] = (unsigned char)(i * 31u);
    assert_int_equal(fq_test_write_file(src, data, len), 0);
    assert_int_equal(fq_fsio_copy_file(src, dst, (int64_t)len, on_progress, NULL, err, sizeof err), FQ_OK);
    assert_int_equal(last_progress, (int64_t)len);
    unsigned char *got = NULL;
    size_t got_len = 0;
    assert_int_equal(fq_test_read_file(dst, &got, &got_len), 0);
    assert_int_equal(got_len, len);
    assert_memory_equal(got, data, len);
    free(got);
    free(data);
    /* a source that is gone fails cleanly and leaves the destination as it was */
    snprintf(src, sizeof src, "%s/gone.bin", dir);
    assert_int_equal(fq_fsio_copy_file(src, dst, 1 << 30, NULL, NULL, err, sizeof err), FQ_ERR_NOTFOUND);
    assert_int_equal(access(dst, F_OK), 0);
    char pull[1200];
    snprintf(pull, sizeof pull, "%s/pull", dir);
    assert_int_equal(count_tmp(pull), 0);
}

/* What a hostile USB stick plants where a bundle should be: a link (to /dev/zero, to a file
 * elsewhere), a FIFO (would block the reader for ever), a file over the cap. */
static void test_copy_refuses_links_fifos_and_oversize(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("planted");
    char src[1200], dst[1200], err[256], real[1200];
    snprintf(dst, sizeof dst, "%s/pulled.fqb", dir);
    snprintf(src, sizeof src, "%s/zero.fqb", dir);
    assert_int_equal(symlink("/dev/zero", src), 0);
    assert_int_equal(fq_fsio_copy_file(src, dst, 1 << 30, NULL, NULL, err, sizeof err),
                     FQ_ERR_INVALID);
    assert_non_null(strstr(err, "symbolic link"));
    snprintf(real, sizeof real, "%s/real.fqb", dir);
    assert_int_equal(fq_test_write_file(real, "bundle", 6), 0);
    snprintf(src, sizeof src, "%s/link.fqb", dir);
    assert_int_equal(symlink(real, src), 0);
    assert_int_equal(fq_fsio_copy_file(src, dst, 1 << 30, NULL, NULL, err, sizeof err),
                     FQ_ERR_INVALID);
    snprintf(src, sizeof src, "%s/fifo.fqb", dir);
    assert_int_equal(mkfifo(src, 0644), 0);
    assert_int_equal(fq_fsio_copy_file(src, dst, 1 << 30, NULL, NULL, err, sizeof err),
                     FQ_ERR_INVALID);
    assert_non_null(strstr(err, "not a regular file"));
    assert_int_equal(fq_fsio_copy_file(real, dst, 5, NULL, NULL, err, sizeof err),
                     FQ_ERR_INVALID);
    assert_non_null(strstr(err, "too large"));
    assert_int_not_equal(access(dst, F_OK), 0); /* nothing pulled */
    assert_int_equal(count_tmp(dir), 0);
    assert_int_equal(fq_fsio_copy_file(real, dst, 6, NULL, NULL, err, sizeof err), FQ_OK);
}

static void test_check_real_dir(void **state)
{
    (void)state;
    const char *dir = fq_test_dir("realdir");
    char sub[1200], link[1200], file[1200], err[256];
    snprintf(sub, sizeof sub, "%s/inbox", dir);
    snprintf(link, sizeof link, "%s/linked-inbox", dir);
    snprintf(file, sizeof file, "%s/plain", dir);
    assert_int_equal(fq_fsio_mkdirs(sub, NULL, 0), FQ_OK);
    assert_int_equal(symlink(sub, link), 0);
    assert_int_equal(fq_test_write_file(file, "x", 1), 0);
    assert_int_equal(fq_fsio_check_real_dir(sub, err, sizeof err), FQ_OK);
    assert_int_equal(fq_fsio_check_real_dir(link, err, sizeof err), FQ_ERR_INVALID);
    assert_non_null(strstr(err, "symbolic link"));
    assert_int_equal(fq_fsio_check_real_dir(file, err, sizeof err), FQ_ERR_INVALID);
    snprintf(file, sizeof file, "%s/absent", dir);
    assert_int_equal(fq_fsio_check_real_dir(file, err, sizeof err), FQ_ERR_NOTFOUND);
}

/* The mount holding a path: the deepest mount point that is a component prefix, escapes
 * decoded, a later mount on the same point wins; garbage is refused, not guessed. */
static void test_mount_find(void **state)
{
    (void)state;
    const char *mi =
        "22 1 179:2 / / rw,noatime shared:1 - ext4 /dev/mmcblk0p2 rw\n"
        "30 22 0:27 / /media rw shared:2 - tmpfs tmpfs rw\n"
        "41 30 8:1 / /media/fieldqc rw,nosuid master:9 - vfat /dev/sda1 rw,sync\n"
        "42 22 8:17 / /mnt/my\\040stick rw - exfat /dev/sdb1 rw\n";
    fq_fsio_mount m;
    assert_int_equal(fq_fsio_mount_find(mi, strlen(mi), "/media/fieldqc/fieldqc/outbox", &m),
                     FQ_OK);
    assert_string_equal(m.point, "/media/fieldqc");
    assert_string_equal(m.fstype, "vfat");
    assert_string_equal(m.source, "/dev/sda1");
    /* /media/fieldqc2 is not on the stick mounted at /media/fieldqc */
    assert_int_equal(fq_fsio_mount_find(mi, strlen(mi), "/media/fieldqc2", &m), FQ_OK);
    assert_string_equal(m.point, "/media");
    assert_int_equal(fq_fsio_mount_find(mi, strlen(mi), "/home/pi", &m), FQ_OK);
    assert_string_equal(m.point, "/");
    assert_string_equal(m.fstype, "ext4");
    /* "\040" is a space in a mount point */
    assert_int_equal(fq_fsio_mount_find(mi, strlen(mi), "/mnt/my stick/x", &m), FQ_OK);
    assert_string_equal(m.point, "/mnt/my stick");
    /* the stick unmounted: its folder is the SD card's again */
    const char *gone = "22 1 179:2 / / rw - ext4 /dev/mmcblk0p2 rw\n";
    assert_int_equal(fq_fsio_mount_find(gone, strlen(gone), "/media/fieldqc/fieldqc", &m),
                     FQ_OK);
    assert_string_equal(m.point, "/");
    /* stacked mounts: the later one is what a path reaches */
    const char *stack = "1 0 1:1 / / rw - ext4 a rw\n2 1 1:2 / /m rw - ext4 b rw\n"
                        "3 2 1:3 / /m rw - vfat c rw\n";
    assert_int_equal(fq_fsio_mount_find(stack, strlen(stack), "/m/x", &m), FQ_OK);
    assert_string_equal(m.source, "c");
    const char *bad = "22 1 179:2 / / rw no separator here\n";
    assert_int_equal(fq_fsio_mount_find(bad, strlen(bad), "/x", &m), FQ_ERR_CORRUPT);
    assert_int_equal(fq_fsio_mount_find("", 0, "/x", &m), FQ_ERR_NOTFOUND);
    assert_int_equal(fq_fsio_mount_find(mi, strlen(mi), "relative", &m), FQ_ERR_INVALID);
}

/* This machine's own mounts: /proc is a mount point; a missing folder below one is found by
 * its deepest existing folder; FIELDQC_MOUNTINFO replaces the kernel's table. */
static void test_mount_of_this_machine(void **state)
{
    (void)state;
    fq_fsio_mount m;
    char err[256];
    unsetenv("FIELDQC_MOUNTINFO");
    assert_int_equal(fq_fsio_mount_of("/proc/self", &m, err, sizeof err), FQ_OK);
    assert_string_equal(m.point, "/proc");
    assert_int_equal(fq_fsio_mount_of("/proc/no/such/folder", &m, err, sizeof err), FQ_OK);
    assert_string_equal(m.point, "/proc");
    char dir[] = "/tmp/fq-mounts-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[300];
    snprintf(path, sizeof path, "%s/mountinfo", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "1 0 1:1 / / rw - ext4 /dev/root rw\n2 1 8:1 / %s rw - vfat /dev/sda1 rw\n", dir);
    fclose(f);
    setenv("FIELDQC_MOUNTINFO", path, 1);
    char inside[400];
    snprintf(inside, sizeof inside, "%s/fieldqc/outbox", dir);
    assert_int_equal(fq_fsio_mount_of(inside, &m, err, sizeof err), FQ_OK);
    assert_string_equal(m.point, dir);
    assert_string_equal(m.fstype, "vfat");
    setenv("FIELDQC_MOUNTINFO", "/no/such/mountinfo", 1);
    assert_int_equal(fq_fsio_mount_of(inside, &m, err, sizeof err), FQ_ERR_NOTFOUND);
    assert_non_null(strstr(err, "/no/such/mountinfo"));
    unsetenv("FIELDQC_MOUNTINFO");
    int64_t free_bytes = -1;
    assert_int_equal(fq_fsio_free_bytes(dir, &free_bytes), FQ_OK);
    assert_true(free_bytes > 0);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_atomic_creates_dirs_and_replaces),
        cmocka_unit_test(test_full_disk_keeps_old_file_and_no_temp),
        cmocka_unit_test(test_mkdirs),
        cmocka_unit_test(test_read_file_cap_and_missing),
        cmocka_unit_test(test_pread_pwrite_all),
        cmocka_unit_test(test_sweep_rules),
        cmocka_unit_test(test_photo_path),
        cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_stream_commit_and_abort),
        cmocka_unit_test(test_batch_commit_and_free),
        cmocka_unit_test(test_batch_over_two_file_systems),
        cmocka_unit_test(test_copy_file),
        cmocka_unit_test(test_copy_refuses_links_fifos_and_oversize),
        cmocka_unit_test(test_check_real_dir),
        cmocka_unit_test(test_mount_find),
        cmocka_unit_test(test_mount_of_this_machine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
