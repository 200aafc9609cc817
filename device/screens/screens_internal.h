/* Private to device/screens: the screens context, navigation, per-screen memory, and the small
 * widget helpers every screen uses (bound fields that commit on Enter / focus loss). */
#ifndef FQ_SCREENS_INTERNAL_H
#define FQ_SCREENS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "i18n/i18n.h"
#include "i18n/when.h"
#include "screens/bridge.h"
#include "services/thumbs.h"
#include "screens/screens.h"

/* Elements of a fixed array (choice labels and their values). */
#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

typedef enum fq_screens_id {
    FQ_SCREENS_TODAY = 0,
    FQ_SCREENS_ORDER,
    FQ_SCREENS_VISIT,
    FQ_SCREENS_SYNC,
    FQ_SCREENS_SETTINGS,
    FQ_SCREENS_OFFICE,
    FQ_SCREENS_APPROVAL, /* record a written approval or a spec change for the order */
    FQ_SCREENS_ERROR     /* the database cannot be used: no fq_app (s->app is NULL) */
} fq_screens_id;

typedef enum fq_screens_tab {
    FQ_SCREENS_TAB_CHECKLIST = 0,
    FQ_SCREENS_TAB_COUNTS,
    FQ_SCREENS_TAB_MEAS,
    FQ_SCREENS_TAB_AQL,
    FQ_SCREENS_TAB_CARTONS,
    FQ_SCREENS_TAB_TESTS,
    FQ_SCREENS_TAB_ISSUES,
    FQ_SCREENS_TAB_PHOTOS,
    FQ_SCREENS_TAB_SIGNOFF,
    FQ_SCREENS_TAB_COUNT
} fq_screens_tab;

typedef struct fq_screens_block fq_screens_block; /* per-screen allocation, freed on rebuild */

#define FQ_SCREENS_KEY_LEN 80
#define FQ_SCREENS_MAX_KEYS 160

/* A field's stable name ("counts.packed", "carton.<uuid>.barcode") across rebuilds: the
 * focused field is focused again in the new tree, and a refused value's message is shown
 * under the field it is about. */
typedef struct fq_screens_key {
    fq_widget *field;
    char key[FQ_SCREENS_KEY_LEN];
} fq_screens_key;

/* A sign-off being collected (names, signatures drawn in the pad, refusal, override): kept
 * across rebuilds until signed or another visit is opened. */
typedef struct fq_screens_signing {
    char visit_uuid[FQ_UUID_LEN];
    int verdict_index;                 /* -1: not chosen */
    char names[2][FQ_NAME_LEN];        /* inspector, factory representative */
    unsigned char *gray[2];            /* drawn signatures (malloc'd), NULL: not signed */
    int32_t width[2], height[2];
    bool refused;                      /* the representative refuses to sign */
    char refusal_reason[FQ_TEXT_LEN];
    char override_reason[FQ_TEXT_LEN]; /* pass with unanswered items */
} fq_screens_signing;

/* An approval or spec change being recorded (FQ_SCREENS_APPROVAL). */
typedef struct fq_screens_approving {
    int kind;                          /* fq_approval_kind */
    char subject[FQ_TEXT_LEN];
    char approver[FQ_NAME_LEN];
    int role;                          /* fq_signer_role */
    char milestone_uuid[FQ_UUID_LEN];
    char note[FQ_NOTE_LEN];
    unsigned char *gray;               /* the approver's signature (malloc'd) */
    int32_t width, height;
} fq_screens_approving;

/* The error screen's state: the problem, and the way out the inspector chose. */
typedef struct fq_screens_error_state {
    fq_app_db_problem problem;
    int choice;                        /* fq_screens_error_choice */
    char backup_path[1024];
} fq_screens_error_state;

struct fq_screens {
    fq_ui *ui;
    fq_app *app;
    fq_screens_host host;
    fq_screens_id screen;
    int tab;
    char visit_uuid[FQ_UUID_LEN];
    char order_uuid[FQ_UUID_LEN];
    /* photos tab filter: subject of the photos shown (kind FQ_SUBJ_VISIT = all) */
    int32_t photo_subject_kind;
    char photo_subject_uuid[FQ_UUID_LEN];
    char photo_subject_title[FQ_TEXT_LEN];
    int meas_size;     /* measurements tab: index of the size shown */
    /* rebuild requested by a handler, done by fq_screens_update after it returned */
    bool want_rebuild;
    bool building;
    bool keep_scroll;
    fq_widget *scroll; /* main scroll container of the screen (scroll kept on rebuild) */
    fq_screens_block *blocks;
    int images[64];    /* platform images loaded for the current screen */
    int n_images;
    int view_image;    /* the one full-size photo on show (replaced by the next, freed on rebuild) */
    /* the open viewfinder: its image widget (NULL when closed), polled by fq_screens_update */
    fq_widget *camera_image;
    fq_widget *camera_status;
    /* an import under way on the app's worker: its progress dialog (NULL when none) */
    fq_app_import_job *import_job;
    fq_widget *import_label;
    char import_what[256]; /* the one file's name when one was picked */
    bool import_said;      /* import_what is the whole message of the job's end */
    /* the import picker's thumbnails, made by the app's worker while it is open */
    fq_app_thumbs *thumbs;
    fq_widget **thumb_images; /* the picker's image widget per file (fq_screens_alloc) */
    int *thumb_ids;           /* registered thumbnails, released when the picker closes */
    size_t n_thumb_ids;
    /* fields by stable key (rebuilt with the screen), the focus to restore, a message */
    fq_screens_key keys[FQ_SCREENS_MAX_KEYS];
    int n_keys;
    char refocus_key[FQ_SCREENS_KEY_LEN]; /* a handler's choice for after the rebuild */
    char error_key[FQ_SCREENS_KEY_LEN];   /* the field a refused value's message is about */
    char error_msg[512];
    fq_screens_signing signing;
    fq_screens_approving approving;
    fq_screens_error_state *error;        /* FQ_SCREENS_ERROR only */
};

/* ---- visit_photos.c ---- */
/* Shows the viewfinder's newest frame (called by fq_screens_update while it is open). */
void fq_screens_camera_poll(fq_screens *s);
/* Shows the import picker's thumbnails the worker finished. */
void fq_screens_thumbs_poll(fq_screens *s);
/* Stops the picker's thumbnails and releases their images (the picker closes). */
void fq_screens_thumbs_stop(fq_screens *s);
/* Records what the import worker finished and shows its progress; ends the dialog. */
void fq_screens_import_poll(fq_screens *s);

/* ---- shell.c ---- */

/* Handlers never rebuild: freeing the tree a handler runs in (its widget, its context) is
 * what the two calls below avoid. They only ask; fq_screens_update, which the host calls
 * after the ui returned from the event (and once no modal is open), rebuilds. The handler's
 * widgets and context stay valid until then, so anything may follow the call. */

/* Switches to `screen` (rebuilt by the next fq_screens_update). */
void fq_screens_go(fq_screens *s, fq_screens_id screen);
/* Rebuilds the current screen from the app by the next fq_screens_update, keeping the main
 * scroll position when keep_scroll. */
void fq_screens_rebuild_later(fq_screens *s, bool keep_scroll);
/* Zeroed memory that lives until the screen is rebuilt (widget handler contexts). */
void *fq_screens_alloc(fq_screens *s, size_t size);
/* Draws the screens in language `code` from now on (fq_i18n_use), with the keyboard's labels
 * and its pinyin default to match; the caller rebuilds. */
void fq_screens_use_language(fq_screens *s, const char *code);
/* The translations of n labels marked with N_ (choices, dialog buttons, tabs), in memory that
 * lives until the screen is rebuilt. */
const char *const *fq_screens_tr_list(fq_screens *s, const char *const *labels, int n);
bool fq_screens_landscape(const fq_screens *s);
/* Reports a command's outcome: toast "Saved", or "Not saved: <reason>". True on FQ_OK. */
bool fq_screens_saved(fq_screens *s, fq_err err);
/* Toast "<what>: <the app's reason>". */
void fq_screens_error(fq_screens *s, const char *what);
/* Header bar with a Back button (when back), a title and a subtitle (may be NULL). */
fq_widget *fq_screens_header(fq_screens *s, const char *title, const char *subtitle, bool back);
fq_widget *fq_screens_main_scroll(fq_screens *s, fq_widget *parent);
fq_widget *fq_screens_section_title(fq_widget *parent, const char *text);
/* A row "label ........ value" (value in bold), for figures and facts. */
void fq_screens_fact(fq_widget *parent, const char *label, const char *value);
/* Loads a photo file through the host for this screen; the image id (> 0) or -1. */
int fq_screens_load_image(fq_screens *s, const char *path, int *w, int *h);
/* Loads the one full-size photo of a view, releasing the previous one; id (> 0) or -1. */
int fq_screens_load_view_image(fq_screens *s, const char *path, int *w, int *h);
/* The toolkit's light for a traffic light. */
fq_ui_light_state fq_screens_ui_light(fq_light light);

/* ---- fields.c: fields that commit on Enter / focus loss / keyboard close / a pause ---- */
/* Every typed value is committed when typing pauses (FQ_UI_EV_SETTLE), so it survives a
 * kill without Enter; Enter moves to the next field (the keyboard stays up, nothing under
 * the finger moves) and closes the keyboard after the last. `key` (may be NULL) names the
 * field across rebuilds (fq_screens_key): a rebuild after its commit focuses it again. */
typedef void (*fq_screens_commit_fn)(fq_screens *s, void *ctx);
/* Labelled text field editing `buf` directly (label NULL: no label). */
fq_widget *fq_screens_text_field(fq_screens *s, fq_widget *parent, const char *key,
                                 const char *label, char *buf, size_t cap,
                                 const char *placeholder, fq_screens_commit_fn commit, void *ctx);
/* The same, for notes (kept as a name: the commit does not rebuild the screen). */
fq_widget *fq_screens_note_field(fq_screens *s, fq_widget *parent, const char *key,
                                 const char *label, char *buf, size_t cap,
                                 const char *placeholder, fq_screens_commit_fn commit, void *ctx);
/* Labelled number field for *value shown with `decimals` decimals (kg for grams: 3; cm for
 * mm: 1). On commit the text is parsed; invalid text is refused at the field. A pause
 * commits only text that reads back the same ("12." waits for its decimals). */
fq_widget *fq_screens_number_field(fq_screens *s, fq_widget *parent, const char *key,
                                   const char *label, int64_t *value, int decimals,
                                   fq_screens_commit_fn commit, void *ctx);
/* Names field w `key` for this build (focus restore, messages). */
void fq_screens_field_key(fq_screens *s, fq_widget *w, const char *key);
/* The key of field w ("" when none). */
const char *fq_screens_key_of(const fq_screens *s, const fq_widget *w);
/* The field named key in this build, or NULL. */
fq_widget *fq_screens_field_by_key(const fq_screens *s, const char *key);
/* A refused value: msg is shown under the field named key after the next rebuild (and a
 * toast says it at once). */
void fq_screens_field_error(fq_screens *s, const char *key, const char *msg);
/* After the next rebuild, focus the field named key (a new issue's title, ...). */
void fq_screens_refocus(fq_screens *s, const char *key);
/* A labelled row to put any widget into. */
fq_widget *fq_screens_labelled_row(fq_screens *s, fq_widget *parent, const char *label);
/* Handler for a plain field: Enter closes the keyboard. */
void fq_screens_on_submit_unfocus(fq_widget *w, const fq_ui_event *ev, void *user);
/* Parses "12.5" with up to `decimals` decimals into 12500 (decimals 3). */
bool fq_screens_parse_scaled(const char *text, int decimals, int64_t *out);
void fq_screens_format_scaled(int64_t v, int decimals, char *buf, size_t len);

/* ---- screens, each into fq_ui_root ---- */
void fq_screens_build_today(fq_screens *s);
void fq_screens_build_order(fq_screens *s);
void fq_screens_build_sync(fq_screens *s);
void fq_screens_build_visit(fq_screens *s);
void fq_screens_build_settings(fq_screens *s);
void fq_screens_build_office(fq_screens *s);

/* settings.c: the clock card (always, or only when the clock is implausible). */
void fq_screens_clock_card(fq_screens *s, fq_widget *body, bool always);
/* settings.c: one red line when the clock is implausible (tap: Settings); nothing otherwise. */
void fq_screens_clock_banner(fq_screens *s, fq_widget *parent);
/* tether.c: the sync folder's USB stick (mounted, room, Safe to remove) into its own card
 * (own_card) or into parent; nothing for a folder that is not on a stick. False when the
 * stick is missing (or the mounts cannot be read): nothing can be exported or read then. */
bool fq_screens_medium_card(fq_screens *s, fq_widget *parent, bool own_card);
void fq_screens_build_approval(fq_screens *s);
void fq_screens_build_error(fq_screens *s);

/* Opens a visit (not starting it) on its checklist, or `tab`, by the next update. */
void fq_screens_open_visit(fq_screens *s, const char *visit_uuid, const char *order_uuid,
                           int tab);

/* ---- pad.c: the signature pad, a modal so a drag in a list never draws ---- */
typedef void (*fq_screens_signed_fn)(fq_screens *s, void *ctx, unsigned char *gray, int32_t w,
                                     int32_t h);
/* Opens the pad titled `title` (with `intro` above it, may be NULL); Done calls done() with
 * the rasterised strokes (malloc'd, the callee owns them; NULL when nothing was drawn). */
void fq_screens_pad_open(fq_screens *s, const char *title, const char *intro,
                         fq_screens_signed_fn done, void *ctx);
/* Frees a collected sign-off / approval (its signatures). */
void fq_screens_signing_clear(fq_screens_signing *sg);
void fq_screens_approving_clear(fq_screens_approving *ap);

/* The visit steps, each built into `body` (the main scroll) for the visit `vv` (the visit,
 * its order, whether it is read-only; it lives until the rebuild). */
void fq_screens_build_checklist(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv);
void fq_screens_build_counts(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv);
void fq_screens_build_aql(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv);
void fq_screens_build_meas(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv);
void fq_screens_build_tests(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv);
void fq_screens_build_cartons(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv);
void fq_screens_build_issues(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv);
void fq_screens_build_photos(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv);
void fq_screens_build_signoff(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv);

/* Opens the photos step for one subject (a finding, a carton) by the next update. */
void fq_screens_show_photos(fq_screens *s, int32_t kind, const char *uuid, const char *title);

#endif
