/* Private to app/screens: the screens context, navigation, per-screen memory, and the small
 * widget helpers every screen uses (bound fields that commit on Enter / focus loss). */
#ifndef FQ_SCREENS_INTERNAL_H
#define FQ_SCREENS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "screens/bridge.h"
#include "screens/screens.h"

typedef enum scr_id {
    SCR_TODAY = 0,
    SCR_ORDER,
    SCR_VISIT,
    SCR_SYNC
} scr_id;

typedef enum visit_tab {
    TAB_CHECKLIST = 0,
    TAB_COUNTS,
    TAB_AQL,
    TAB_CARTONS,
    TAB_ISSUES,
    TAB_PHOTOS,
    TAB_SIGNOFF,
    TAB_COUNT
} visit_tab;

typedef struct scr_block scr_block; /* per-screen allocation, freed on rebuild */

struct fq_screens {
    fq_ui *ui;
    fq_app *app;
    fq_screens_host host;
    scr_id screen;
    int tab;
    char visit_uuid[FQ_UUID_LEN];
    char order_uuid[FQ_UUID_LEN];
    /* photos tab filter: subject of the photos shown (kind FQ_SUBJ_VISIT = all) */
    int32_t photo_subject_kind;
    char photo_subject_uuid[FQ_UUID_LEN];
    char photo_subject_title[FQ_TEXT_LEN];
    /* deferred rebuild */
    bool want_rebuild;
    bool building;
    bool keep_scroll;
    fq_widget *scroll; /* main scroll container of the screen (scroll kept on rebuild) */
    scr_block *blocks;
    int images[64];    /* platform images loaded for the current screen */
    int n_images;
};

/* ---- shell.c ---- */
void scr_go(fq_screens *s, scr_id screen);            /* switch screen now (call last) */
void scr_rebuild_later(fq_screens *s, bool keep_scroll); /* rebuild now (call last) */
void *scr_alloc(fq_screens *s, size_t size);           /* zeroed; lives until the rebuild */
bool scr_landscape(const fq_screens *s);
/* Reports a commit: toast "Saved" and the host's saved callback; or the app's error. */
bool scr_saved(fq_screens *s, fq_err err, fq_entity_id ent, const fq_meta *meta);
void scr_error(fq_screens *s, const char *what);
/* Header bar with a Back button (when back != NULL: handler to run), a title and subtitle. */
fq_widget *scr_header(fq_screens *s, const char *title, const char *subtitle, bool back);
fq_widget *scr_main_scroll(fq_screens *s, fq_widget *parent);
fq_widget *scr_section_title(fq_widget *parent, const char *text);
int scr_load_image(fq_screens *s, const char *path, int *w, int *h);
int scr_ui_light(fq_light light);

/* ---- fields.c: fields that commit on Enter / focus loss / keyboard close ---- */
typedef void (*scr_commit_fn)(fq_screens *s, void *ctx);
/* Labelled text field editing `buf` directly (a record's text member). */
fq_widget *scr_text_field(fq_screens *s, fq_widget *parent, const char *label, char *buf,
                          size_t cap, const char *placeholder, scr_commit_fn commit, void *ctx);
/* A text field that also commits when typing pauses (FQ_UI_EV_SETTLE), for notes whose
 * commit does not rebuild the screen: a typed note then survives a kill without Enter. */
fq_widget *scr_note_field(fq_screens *s, fq_widget *parent, const char *label, char *buf,
                          size_t cap, const char *placeholder, scr_commit_fn commit, void *ctx);
/* Labelled number field for *value shown with `decimals` decimals (kg for grams: 3; cm for
 * mm: 1). On commit the text is parsed; invalid text is refused with a toast. */
fq_widget *scr_number_field(fq_screens *s, fq_widget *parent, const char *label,
                            int64_t *value, int decimals, scr_commit_fn commit, void *ctx);
/* A labelled row holding any widget (`make` builds it into the row). */
fq_widget *scr_labelled_row(fq_screens *s, fq_widget *parent, const char *label);
/* Handler for a plain field: Enter closes the keyboard. */
void scr_on_submit_unfocus(fq_widget *w, const fq_ui_event *ev, void *user);
/* Parses "12.5" with up to `decimals` decimals into 12500 (decimals 3). */
bool scr_parse_scaled(const char *text, int decimals, int64_t *out);
void scr_format_scaled(int64_t v, int decimals, char *buf, size_t len);

/* ---- screens ---- */
void scr_build_today(fq_screens *s);
void scr_build_order(fq_screens *s);
void scr_build_sync(fq_screens *s);
void scr_build_visit(fq_screens *s);

/* visit tabs: build into `body` (a scroll); `v` is the visit, `ro` true when read-only */
typedef struct visit_ctx {
    fq_visit visit;
    fq_order order;
    bool ro;
} visit_ctx;
void tab_checklist(fq_screens *s, fq_widget *body, visit_ctx *vc);
void tab_counts(fq_screens *s, fq_widget *body, visit_ctx *vc);
void tab_aql(fq_screens *s, fq_widget *body, visit_ctx *vc);
void tab_cartons(fq_screens *s, fq_widget *body, visit_ctx *vc);
void tab_issues(fq_screens *s, fq_widget *body, visit_ctx *vc, bool order_only);
void tab_photos(fq_screens *s, fq_widget *body, visit_ctx *vc);
void tab_signoff(fq_screens *s, fq_widget *body, visit_ctx *vc);

/* Opens the photos tab for one subject (a finding, a carton, an issue). */
void scr_show_photos(fq_screens *s, int32_t kind, const char *uuid, const char *title);

#endif
