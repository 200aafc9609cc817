/* Visit step "Photos": the visit's photos as thumbnails grouped by what they prove (the
 * checklist item, defect, carton, issue, or the visit itself), "Import" from the import
 * folder (USB stick, SD card) onto the visit or the selected subject, "Camera" through the
 * host's capture callback (a clear message when there is no camera), and a full-screen view
 * of a photo on tap. Images are decoded by the host (screens never decode); the app lists
 * the import folder and stores the photos. Not here: annotation, deleting photos, files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "screens/screens_internal.h"

#define MAX_THUMBS 48   /* images per screen are bounded by fq_screens.images */

typedef struct photos_ctx {
    fq_screens *s;
    char visit_uuid[FQ_UUID_LEN];
    int32_t kind;                   /* subject the new photos attach to */
    char subject_uuid[FQ_UUID_LEN];
    char import_dir[1024];
    fq_app_import_file *files;      /* import dialog entries (fq_screens_alloc) */
    size_t n_files;
} photos_ctx;

typedef struct thumb_ctx {
    fq_screens *s;
    fq_photo photo;
    char title[FQ_TEXT_LEN];
} thumb_ctx;

static const char *import_dir(fq_screens *s)
{
    if (s->host.import_dir && s->host.import_dir[0])
        return s->host.import_dir;
    return fq_app_import_dir(s->app);
}

/* ---- full-screen view ---- */

static void on_close_view(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)user;
    if (ev->type == FQ_UI_EV_CLICK)
        fq_modal_close(w);
}

static void on_thumb(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    thumb_ctx *tc = user;
    fq_screens *s = tc->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    char path[1200];
    int iw = 0, ih = 0, id = -1;
    if (fq_app_photo_path(s->app, &tc->photo, 0, path, sizeof path) == FQ_OK)
        id = fq_screens_load_image(s, path, &iw, &ih);
    fq_widget *panel = fq_modal_new(s->ui);
    fq_rect root = fq_widget_rect(fq_ui_root(s->ui));
    int bar = fq_ui_mm(s->ui, 26); /* title + close button rows */
    if (id > 0) {
        fq_widget *img = fq_image_new(panel, id, iw, ih);
        fq_widget_set_size_px(img, root.w * 9 / 10, root.h - bar - fq_ui_mm(s->ui, 8));
        fq_widget_set_clickable(img, true);
        fq_widget_set_handler(img, on_close_view, NULL);
    } else {
        fq_label_new(panel, "This photo cannot be shown (file missing or unreadable).");
    }
    fq_widget *row = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    char line[400];
    snprintf(line, sizeof line, "%s - %dx%d", tc->title, (int)tc->photo.width,
             (int)tc->photo.height);
    fq_widget *l = fq_label_new(row, line);
    fq_widget_set_grow(l, 1);
    fq_widget *c = fq_button_new(row, "Close", FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(c, on_close_view, NULL);
}

/* ---- import ---- */

static void attach(photos_ctx *pc, const char *path, const char *what, bool capture)
{
    fq_screens *s = pc->s;
    const char *subj = pc->kind == FQ_SUBJ_VISIT ? pc->visit_uuid : pc->subject_uuid;
    bool already = false;
    fq_err err = capture ? fq_app_photo_attach_capture(s->app, pc->visit_uuid, pc->kind, subj,
                                                       path, NULL, &already)
                         : fq_app_photo_attach_file(s->app, pc->visit_uuid, pc->kind, subj,
                                                    path, NULL, &already);
    if (!fq_screens_saved(s, err))
        return;
    char msg[400];
    snprintf(msg, sizeof msg, already ? "%s is already attached here" : "%s attached", what);
    fq_ui_toast(s->ui, msg, FQ_TOAST_OK, already ? 3500 : 2000);
}

static void on_import_file(fq_widget *w, const fq_ui_event *ev, void *user)
{
    photos_ctx *pc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    int64_t i = fq_widget_tag(w);
    if (i < 0 || (size_t)i >= pc->n_files) { /* Cancel */
        fq_modal_close(w);
        return;
    }
    char path[1400];
    snprintf(path, sizeof path, "%s/%s", pc->import_dir, pc->files[i].name);
    fq_modal_close(w);
    attach(pc, path, pc->files[i].name, false);
    fq_screens_rebuild_later(pc->s, true);
}

static void on_import(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    photos_ctx *pc = user;
    fq_screens *s = pc->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    snprintf(pc->import_dir, sizeof pc->import_dir, "%s", import_dir(s));
    if (!pc->import_dir[0]) {
        fq_ui_toast(s->ui, "No import folder: start with --import DIR (USB stick, SD card)",
                    FQ_TOAST_ERROR, 4000);
        return;
    }
    fq_app_import_file *files = NULL;
    size_t n = 0;
    if (fq_app_import_list(s->app, pc->import_dir, &files, &n) != FQ_OK) {
        char msg[1200];
        snprintf(msg, sizeof msg, "Import folder %s is not there", pc->import_dir);
        fq_ui_toast(s->ui, msg, FQ_TOAST_ERROR, 4000);
        return;
    }
    /* the dialog's buttons refer to this copy; it lives until the rebuild */
    pc->files = NULL;
    pc->n_files = 0;
    if (n) {
        pc->files = fq_screens_alloc(s, n * sizeof *files);
        memcpy(pc->files, files, n * sizeof *files);
        pc->n_files = n;
    }
    free(files);

    fq_widget *panel = fq_modal_new(s->ui);
    fq_rect root = fq_widget_rect(fq_ui_root(s->ui));
    fq_widget_set_size_px(panel, root.w * 9 / 10, root.h * 9 / 10);
    fq_label_set_role(fq_label_new(panel, "Import a photo"), FQ_TEXT_TITLE);
    fq_widget *where = fq_label_new(panel, pc->import_dir);
    fq_label_set_role(where, FQ_TEXT_SMALL);
    fq_widget *list = fq_scroll_new(panel);
    fq_widget_set_grow(list, 1);
    if (pc->n_files == 0)
        fq_label_new(list, "No JPEG files in this folder.");
    for (size_t i = 0; i < pc->n_files; i++) {
        fq_widget *b = fq_button_new(list, pc->files[i].name, FQ_BUTTON_NORMAL);
        fq_widget_set_tag(b, (int64_t)i);
        fq_widget_set_handler(b, on_import_file, pc);
    }
    fq_widget *c = fq_button_new(panel, "Cancel", FQ_BUTTON_NORMAL);
    fq_widget_set_tag(c, -1);
    fq_widget_set_handler(c, on_import_file, pc);
}

/* ---- camera ---- */

static void on_camera(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    photos_ctx *pc = user;
    fq_screens *s = pc->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    char msg[300] = "";
    if (!s->host.capture) {
        fq_ui_toast(s->ui, "No camera found: use Import", FQ_TOAST_ERROR, 4000);
        return;
    }
    char path[1100];
    if (fq_app_capture_path(s->app, path, sizeof path) != FQ_OK) {
        fq_screens_error(s, "No camera");
        return;
    }
    if (s->host.capture(s->host.user, path, msg, (int)sizeof msg) != 0) {
        char t[400];
        snprintf(t, sizeof t, "No camera found (%s)", msg[0] ? msg : "capture failed");
        fq_ui_toast(s->ui, t, FQ_TOAST_ERROR, 4000);
        return;
    }
    attach(pc, path, "Photo", true);
    fq_screens_rebuild_later(s, true);
}

/* ---- gallery ---- */

static const char *subject_title(const fq_app_photo_row *r, char *buf, size_t len)
{
    switch (r->photo.subject_kind) {
    case FQ_SUBJ_VISIT: return "Visit (general)";
    case FQ_SUBJ_FINDING: return r->subject_text[0] ? r->subject_text : "Checklist item";
    case FQ_SUBJ_DEFECT: return "Defect";
    case FQ_SUBJ_CARTON: return "Carton";
    case FQ_SUBJ_ISSUE: return "Issue";
    case FQ_SUBJ_MILESTONE: return "Milestone";
    case FQ_SUBJ_SIGNATURE: return "Signatures";
    case FQ_SUBJ_MEAS_POINT: return r->subject_text[0] ? r->subject_text : "Point of measure";
    case FQ_SUBJ_SITE_TEST: return r->subject_text[0] ? r->subject_text : "On-site test";
    default: break;
    }
    snprintf(buf, len, "Subject %d", (int)r->photo.subject_kind);
    return buf;
}

void fq_screens_build_photos(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv)
{
    photos_ctx *pc = fq_screens_alloc(s, sizeof *pc);
    pc->s = s;
    snprintf(pc->visit_uuid, sizeof pc->visit_uuid, "%s", vv->visit.meta.uuid);
    bool one = s->photo_subject_kind != FQ_SUBJ_VISIT;
    pc->kind = one ? s->photo_subject_kind : FQ_SUBJ_VISIT;
    snprintf(pc->subject_uuid, sizeof pc->subject_uuid, "%s",
             one ? s->photo_subject_uuid : vv->visit.meta.uuid);

    fq_widget *bar = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    char title[FQ_TEXT_LEN + 20];
    snprintf(title, sizeof title, "%s", one ? s->photo_subject_title : "All photos");
    fq_widget *t = fq_label_new(bar, title);
    fq_label_set_role(t, FQ_TEXT_TITLE);
    fq_widget_set_grow(t, 1);
    fq_widget *ib = fq_button_new(bar, "Import", FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(ib, on_import, pc);
    fq_widget *cb = fq_button_new(bar, "Camera", FQ_BUTTON_NORMAL);
    fq_widget_set_handler(cb, on_camera, pc);
    if (vv->read_only) {
        fq_widget_set_disabled(ib, true);
        fq_widget_set_disabled(cb, true);
    }

    fq_app_photo_row *rows = NULL;
    size_t m = 0;
    if (fq_app_photos_read(s->app, vv->visit.meta.uuid, pc->kind,
                           one ? s->photo_subject_uuid : NULL, &rows, &m) != FQ_OK) {
        fq_screens_error(s, "Cannot read photos");
        return;
    }
    if (m == 0)
        fq_label_set_wrap(fq_label_new(body, one ? "No photos of this item yet: Import or Camera."
                                                 : "No photos in this visit yet: Import or Camera, "
                                                   "or Photos on a checklist item."),
                          2);
    fq_rect root = fq_widget_rect(fq_ui_root(s->ui));
    int per_row = root.w > root.h ? 5 : 3;
    float edge_mm = root.w > root.h ? 27.0f : 26.0f;
    fq_widget *row = NULL;
    int in_row = 0, shown = 0;
    char buf[40];
    for (size_t k = 0; k < m; k++) {
        const fq_app_photo_row *r = &rows[k];
        if (r->group_first) {
            char head[FQ_TEXT_LEN + 40];
            snprintf(head, sizeof head, "%s (%d)", subject_title(r, buf, sizeof buf),
                     (int)r->group_size);
            fq_widget *hl = fq_label_new(body, head);
            fq_label_set_role(hl, FQ_TEXT_STRONG);
            row = NULL;
        }
        if (!row || in_row == per_row) {
            row = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
            in_row = 0;
        }
        thumb_ctx *tc = fq_screens_alloc(s, sizeof *tc);
        tc->s = s;
        tc->photo = r->photo;
        snprintf(tc->title, sizeof tc->title, "%s", subject_title(r, buf, sizeof buf));
        char path[1200];
        int iw = 0, ih = 0, id = -1;
        if (shown < MAX_THUMBS && fq_app_photo_path(s->app, &r->photo, 1, path, sizeof path) ==
                                      FQ_OK)
            id = fq_screens_load_image(s, path, &iw, &ih);
        fq_widget *cell;
        if (id > 0) {
            cell = fq_image_new(row, id, iw, ih);
            shown++;
        } else {
            cell = fq_box_new(row, FQ_BOX_COLUMN, FQ_BOX_CARD);
            fq_label_set_role(fq_label_new(cell, "photo"), FQ_TEXT_SMALL);
        }
        fq_widget_set_size_mm(cell, edge_mm, edge_mm * 0.75f);
        fq_widget_set_clickable(cell, true);
        fq_widget_set_handler(cell, on_thumb, tc);
        in_row++;
    }
    if (m > (size_t)shown && shown == MAX_THUMBS) {
        fq_widget *more = fq_label_new(body, "More photos than thumbnails shown: tap a grey "
                                             "tile to view it.");
        fq_label_set_role(more, FQ_TEXT_SMALL);
    }
    free(rows);
}
