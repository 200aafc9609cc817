/* fq_screens: the device app's screens (Today, Order, Visit with its steps, Sync) built on
 * the ui toolkit from fq_app's read models. Every user change is sent to fq_app as a typed
 * command when it is made (toggle, Enter, focus change, keyboard close): there is no save
 * button, and a killed app loses nothing that was reported saved.
 *
 * Contract with the caller (main.c or a test): create the ui and the app, call
 * fq_screens_new, feed input to fq_ui_handle_input / fq_ui_tick and call fq_screens_update
 * after each of them. Handlers never rebuild a screen themselves (that would free the widget
 * tree the handler runs in); they ask, and fq_screens_update rebuilds once the ui has
 * returned, so forgetting to call it leaves a stale screen, never a dangling widget.
 * Deliberately not here: SDL, files, SQL, domain rules (fq_app decides them). */
#ifndef FQ_SCREENS_SCREENS_H
#define FQ_SCREENS_SCREENS_H

#include <stdbool.h>

typedef struct fq_ui fq_ui;
typedef struct fq_app fq_app;
typedef struct fq_screens fq_screens;

/* What the platform offers the screens (every member may be NULL). */
typedef struct fq_screens_host {
    /* Loads a JPEG/PNG file as a drawable image: returns its id (> 0) and pixel size, or -1. */
    int (*load_image)(void *user, const char *path, int *out_w, int *out_h);
    /* Registers RGB8 pixels (rows of w*3 bytes, copied) as an image: its id (> 0) or -1
     * (import thumbnails made by the app's worker). Release with free_image. */
    int (*register_rgb)(void *user, const unsigned char *rgb, int w, int h);
    /* Releases an image id from load_image. */
    void (*free_image)(void *user, int image_id);
    /* Captures a photo from a camera into a JPEG at `path`: 0 on success, else -1 with a
     * reason in msg (e.g. "no camera"). NULL: no camera support built in. */
    int (*capture)(void *user, const char *path, char *msg, int msg_len);
    /* The viewfinder (all four or none; NULL: capture above, or no camera). camera_open
     * starts the camera's worker: 0, else -1 with the reason for the inspector in msg.
     * camera_poll registers the newest preview as an image when there is one since the last
     * poll: 1 (*image_id valid until the next poll or close), 0 nothing new, -1 the camera
     * stopped (reason in msg). camera_take writes the newest full frame as a JPEG at path:
     * 0, else -1 with the reason. camera_close stops the worker and frees its image. */
    int (*camera_open)(void *user, char *msg, int msg_len);
    int (*camera_poll)(void *user, int *image_id, int *w, int *h, char *msg, int msg_len);
    int (*camera_take)(void *user, const char *path, char *msg, int msg_len);
    void (*camera_close)(void *user);
    /* The cameras this tablet has (/dev/v4l/by-id paths) into names, at most max; returns
     * the count (0: none listed). NULL: no choice offered. */
    int (*camera_list)(void *user, char (*names)[256], int max);
    /* Folder the Photos tab imports from when set (--import, FIELDQC_IMPORT); NULL or "":
     * the app's own setting (fq_app_import_dir). Not copied: keep it alive. */
    const char *import_dir;
    /* Applies the screen settings now: brightness in percent, the idle seconds before the
     * panel dims and goes dark (0: never). NULL: nothing to apply (tests). */
    void (*apply_display)(void *user, int brightness, int dim_after_s, int blank_after_s);
    /* Ends the app so that it starts again with new display settings (the kiosk service
     * restarts it). NULL: no such button. */
    void (*restart)(void *user);
    void *user;
} fq_screens_host;

/* Builds the screen the inspector was on when the app last ran (the visit and its tab, an
 * order, Sync), else Today, into fq_ui_root(ui). `host` is copied (may be NULL). Never
 * NULL. A barcode scan anywhere reaches the screens (the Cartons tab takes it). */
fq_screens *fq_screens_new(fq_ui *ui, fq_app *app, const fq_screens_host *host);
void fq_screens_free(fq_screens *s);

/* The ways out of the error screen. */
typedef enum fq_screens_error_choice {
    FQ_SCREENS_ERROR_NONE = 0,
    FQ_SCREENS_ERROR_RETRY,      /* try to open the database again */
    FQ_SCREENS_ERROR_READ_ONLY,  /* open it read-only */
    FQ_SCREENS_ERROR_RESTORE,    /* restore the backup whose path fq_screens_error_choice gives */
    FQ_SCREENS_ERROR_START_NEW   /* keep the file aside and start a new database */
} fq_screens_error_choice;

/* The full-screen error screen shown instead of the app when the database cannot be used
 * (no fq_app needed): the problem's title, reason and advice, and its ways out (try again,
 * open read-only, a backup to restore, start new). `problem` is copied. */
typedef struct fq_app_db_problem fq_app_db_problem;
fq_screens *fq_screens_new_error(fq_ui *ui, const fq_app_db_problem *problem,
                                 const fq_screens_host *host);

/* The way out the inspector chose on the error screen (FQ_SCREENS_ERROR_NONE while none);
 * for RESTORE the backup's path goes to path (len bytes). Clears the choice. */
fq_screens_error_choice fq_screens_error_choice_take(fq_screens *s, char *path, size_t len);

/* Performs the rebuild handlers asked for since the last call (a new screen, a step, fresh
 * figures after a command); while a modal is open it waits for it to close. Returns true
 * when the tree changed. Call after every fq_ui_handle_input and fq_ui_tick, never from
 * inside a handler. */
bool fq_screens_update(fq_screens *s);

/* The machine's mounts changed (a USB stick came or went): the screens showing the stick
 * are rebuilt; as fq_screens_refresh, so not from inside a handler. */
void fq_screens_media_changed(fq_screens *s);

/* Rebuilds the current screen from the app now, keeping its scroll position (e.g. after a
 * resize or sync); as fq_screens_update, so not from inside a handler. */
void fq_screens_refresh(fq_screens *s);

#endif
