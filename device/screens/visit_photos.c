/* Visit step "Photos": the visit's photos as thumbnails grouped by what they prove (the
 * checklist item, defect, carton, issue, or the visit itself), "Import" from the import
 * folder (USB stick, SD card) onto the visit or the selected subject, "Camera" through the
 * host's capture callback (a clear message when there is no camera), and a full-screen view
 * of a photo on tap (double-tap zoom, pan, swipe or Previous/Next through the photos shown)
 * with "Mark up" (arrow, circle, box, label drawn with a finger, undo; saved by the app as a
 * new photo linked to the untouched original) and "Delete" (confirmed). Import lists the
 * folder's JPEGs down its DCIM folders, newest first, several ticked at once. Images are
 * decoded by the host (screens never decode); the app lists the import folder, stores,
 * marks up and deletes. Not here: files, pixels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/names.h"
#include "screens/screens_internal.h"

#define MAX_THUMBS 48   /* images per screen are bounded by fq_screens.images */

typedef struct photos_ctx {
    fq_screens *s;
    char visit_uuid[FQ_UUID_LEN];
    int32_t kind;                   /* subject the new photos attach to */
    char subject_uuid[FQ_UUID_LEN];
    bool read_only;
    char import_dir[1024];
    fq_app_import_file *files;      /* import dialog entries (fq_screens_alloc) */
    bool *picked;                   /* which of them are ticked */
    fq_widget **file_buttons;
    size_t n_files;
    fq_widget *import_go;           /* "Import N photos" */
    fq_app_photo_row *rows;         /* photos shown, in order (fq_screens_alloc) */
    size_t n_rows;
} photos_ctx;

typedef struct thumb_ctx {
    photos_ctx *pc;
    size_t idx;
} thumb_ctx;

/* The full-screen view and its mark-up, for one photo of pc->rows. */
typedef struct view_ctx {
    photos_ctx *pc;
    size_t idx;
    fq_widget *panel;
    fq_widget *markup;
    int img_w, img_h; /* the displayed image's pixels (the marks' coordinates) */
    char label[FQ_UI_MARK_TEXT_MAX];
    int tool;
} view_ctx;

static const char *subject_title(const fq_app_photo_row *r, char *buf, size_t len);

static const char *import_dir(fq_screens *s)
{
    if (s->host.import_dir && s->host.import_dir[0])
        return s->host.import_dir;
    return fq_app_import_dir(s->app);
}

/* ---- full-screen view ---- */

static void open_view(photos_ctx *pc, size_t idx);
static void import_dialog(fq_screens *s, size_t k);

static void on_close_view(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)user;
    if (ev->type == FQ_UI_EV_CLICK)
        fq_modal_close(w);
}

static void go_to(view_ctx *vc, fq_widget *w, int step)
{
    photos_ctx *pc = vc->pc;
    if (pc->n_rows < 2)
        return;
    size_t next = (vc->idx + pc->n_rows + (size_t)(step < 0 ? pc->n_rows - 1 : 1)) % pc->n_rows;
    fq_modal_close(w);
    open_view(pc, next);
}

static void on_viewer(fq_widget *w, const fq_ui_event *ev, void *user)
{
    if (ev->type == FQ_UI_EV_CHANGE && ev->index != 0) /* a swipe; 0 is a zoom */
        go_to(user, w, ev->index);
}

static void on_step(fq_widget *w, const fq_ui_event *ev, void *user)
{
    if (ev->type == FQ_UI_EV_CLICK)
        go_to(user, w, (int)fq_widget_tag(w));
}

static void on_delete_answer(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    view_ctx *vc = user;
    fq_screens *s = vc->pc->s;
    if (ev->type != FQ_UI_EV_CLICK || ev->index != 1)
        return;
    fq_err err = fq_app_photo_delete(s->app, vc->pc->rows[vc->idx].photo.meta.uuid);
    if (err) {
        fq_screens_error(s, _("Not deleted"));
        return;
    }
    fq_modal_close(vc->panel);
    fq_ui_toast(s->ui, _("Photo deleted"), FQ_TOAST_OK, 3000);
    fq_screens_rebuild_later(s, true);
}

static void on_delete(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    view_ctx *vc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    static const char *const btns[] = {N_("Keep"), N_("Delete")};
    fq_dialog_open(vc->pc->s->ui, _("Delete this photo?"),
                   _("It leaves this visit here and at the office with the next sync. Its file "
                   "stays on this tablet until the office confirms."),
                   btns, 2, on_delete_answer, vc);
}

/* ---- mark-up ---- */

static void on_tool(fq_widget *w, const fq_ui_event *ev, void *user)
{
    view_ctx *vc = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    vc->tool = fq_choice_selected(w);
    fq_markup_set_tool(vc->markup, (fq_ui_mark_kind)vc->tool, vc->label);
}

static void on_label(fq_widget *w, const fq_ui_event *ev, void *user)
{
    view_ctx *vc = user;
    if (ev->type == FQ_UI_EV_CHANGE || ev->type == FQ_UI_EV_SUBMIT || ev->type == FQ_UI_EV_BLUR)
        fq_markup_set_tool(vc->markup, (fq_ui_mark_kind)vc->tool, vc->label);
    if (ev->type == FQ_UI_EV_SUBMIT)
        fq_screens_on_submit_unfocus(w, ev, NULL);
}

static void on_undo(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    view_ctx *vc = user;
    if (ev->type == FQ_UI_EV_CLICK && !fq_markup_undo(vc->markup))
        fq_ui_toast(vc->pc->s->ui, _("Nothing to undo"), FQ_TOAST_INFO, 1500);
}

static void on_save_markup(fq_widget *w, const fq_ui_event *ev, void *user)
{
    view_ctx *vc = user;
    fq_screens *s = vc->pc->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    size_t n = fq_markup_count(vc->markup);
    if (n == 0) {
        fq_ui_toast(s->ui, _("Draw a mark first: drag on the photo"), FQ_TOAST_ERROR, 3000);
        return;
    }
    const fq_photo *ph = &vc->pc->rows[vc->idx].photo;
    /* the pad's marks are in the displayed image's pixels; the copy is made at full size */
    float kx = vc->img_w > 0 ? (float)ph->width / (float)vc->img_w : 1.0f;
    float ky = vc->img_h > 0 ? (float)ph->height / (float)vc->img_h : 1.0f;
    fq_app_mark *marks = fq_screens_alloc(s, n * sizeof *marks);
    for (size_t i = 0; i < n; i++) {
        fq_ui_mark m;
        fq_markup_get(vc->markup, i, &m);
        marks[i].kind = m.kind;
        marks[i].x0 = m.x0 * kx;
        marks[i].y0 = m.y0 * ky;
        marks[i].x1 = m.x1 * kx;
        marks[i].y1 = m.y1 * ky;
        snprintf(marks[i].text, sizeof marks[i].text, "%s", m.text);
    }
    /* the copy is drawn and encoded on the app's worker, at the photo's full size */
    fq_app_import_job *job = NULL;
    if (s->import_job || fq_app_annotate_start(s->app, ph->meta.uuid, marks, n, &job) != FQ_OK) {
        fq_screens_error(s, _("Mark-up not saved"));
        return;
    }
    fq_modal_close(w);
    s->import_job = job;
    snprintf(s->import_what, sizeof s->import_what, _("Marked-up copy saved; the original is kept"));
    s->import_said = true;
    import_dialog(s, 1);
}

static void on_markup(fq_widget *w, const fq_ui_event *ev, void *user)
{
    view_ctx *vc = user;
    fq_screens *s = vc->pc->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    const fq_photo *ph = &vc->pc->rows[vc->idx].photo;
    char path[1200];
    int iw = 0, ih = 0, id = -1;
    if (fq_app_photo_path(s->app, ph, 0, path, sizeof path) == FQ_OK)
        id = fq_screens_load_view_image(s, path, &iw, &ih);
    if (id <= 0) {
        fq_ui_toast(s->ui, _("This photo cannot be shown (file missing or unreadable)"),
                    FQ_TOAST_ERROR, 3000);
        return;
    }
    fq_modal_close(w);
    view_ctx *mc = fq_screens_alloc(s, sizeof *mc);
    *mc = *vc;
    mc->img_w = iw;
    mc->img_h = ih;
    mc->label[0] = '\0';
    mc->tool = FQ_UI_MARK_ARROW;
    fq_widget *panel = fq_modal_new(s->ui);
    mc->panel = panel;
    fq_rect root = fq_widget_rect(fq_ui_root(s->ui));
    fq_widget_set_size_px(panel, root.w * 19 / 20, root.h * 19 / 20);
    fq_label_set_role(fq_label_new(panel, _("Mark up (the original is kept)")), FQ_TEXT_STRONG);
    mc->markup = fq_markup_new(panel, id, iw, ih);
    fq_widget_set_grow(mc->markup, 1);
    static const char *const tools[] = {N_("Arrow"), N_("Circle"), N_("Box"), N_("Label")};
    /* landscape: tools and Undo, then the label and the answers; portrait has the height
     * for a row each */
    bool wide = fq_screens_landscape(s);
    fq_widget *trow = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *tool = fq_choice_new(trow, fq_screens_tr_list(s, tools, 4), 4, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(tool, 1);
    fq_choice_set_selected(tool, 0);
    fq_widget_set_handler(tool, on_tool, mc);
    fq_widget *frow = wide ? trow : fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget_set_handler(fq_button_new(frow, _("Undo"), FQ_BUTTON_NORMAL), on_undo, mc);
    fq_widget *brow = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *f = fq_ui_field_new(wide ? brow : frow, mc->label, sizeof mc->label,
                                   FQ_UI_FIELD_TEXT);
    fq_ui_field_set_placeholder(f, _("Label text"));
    fq_widget_set_grow(f, 1);
    fq_widget_set_handler(f, on_label, mc);
    if (!wide)
        fq_widget_set_grow(fq_box_new(brow, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN), 1);
    fq_widget_set_handler(fq_button_new(brow, _("Cancel"), FQ_BUTTON_NORMAL), on_close_view, NULL);
    fq_widget_set_handler(fq_button_new(brow, _("Save copy"), FQ_BUTTON_PRIMARY), on_save_markup,
                          mc);
}

static void open_view(photos_ctx *pc, size_t idx)
{
    fq_screens *s = pc->s;
    const fq_app_photo_row *r = &pc->rows[idx];
    view_ctx *vc = fq_screens_alloc(s, sizeof *vc);
    vc->pc = pc;
    vc->idx = idx;
    char path[1200];
    int iw = 0, ih = 0, id = -1;
    if (fq_app_photo_path(s->app, &r->photo, 0, path, sizeof path) == FQ_OK)
        id = fq_screens_load_view_image(s, path, &iw, &ih);
    fq_widget *panel = fq_modal_new(s->ui);
    vc->panel = panel;
    fq_rect root = fq_widget_rect(fq_ui_root(s->ui));
    fq_widget_set_size_px(panel, root.w * 19 / 20, root.h * 19 / 20);
    char buf[40], line[400], pos[64];
    snprintf(line, sizeof line, "%s - %dx%d%s", subject_title(r, buf, sizeof buf),
             (int)r->photo.width, (int)r->photo.height,
             r->photo.annotated_from[0] ? _(" - marked-up copy") : "");
    snprintf(pos, sizeof pos, _("%zu of %zu"), idx + 1, pc->n_rows);
    fq_widget *head = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *l = fq_label_new(head, line);
    fq_label_set_role(l, FQ_TEXT_SMALL);
    fq_widget_set_grow(l, 1);
    fq_label_set_role(fq_label_new(head, pos), FQ_TEXT_STRONG);
    if (id > 0) {
        fq_widget *v = fq_viewer_new(panel, id, iw, ih);
        fq_widget_set_grow(v, 1);
            fq_widget_set_handler(v, on_viewer, vc);
    } else {
        fq_widget *msg = fq_label_new(panel, _("This photo cannot be shown (file missing or "
                                             "unreadable)."));
        fq_widget_set_grow(msg, 1);
    }
    /* portrait: Previous, Next and Close, then the changes on a row of their own */
    bool wide = fq_screens_landscape(s);
    fq_widget *row = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *row2 = wide ? row : fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *prev = fq_button_new(row, _("Previous"), FQ_BUTTON_NORMAL);
    fq_widget_set_tag(prev, -1);
    fq_widget_set_handler(prev, on_step, vc);
    fq_widget *next = fq_button_new(row, _("Next"), FQ_BUTTON_NORMAL);
    fq_widget_set_tag(next, 1);
    fq_widget_set_handler(next, on_step, vc);
    fq_widget_set_disabled(prev, pc->n_rows < 2);
    fq_widget_set_disabled(next, pc->n_rows < 2);
    fq_widget *sp = fq_box_new(row, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget_set_grow(sp, 1);
    fq_widget *mk = fq_button_new(row2, _("Mark up"), FQ_BUTTON_NORMAL);
    fq_widget_set_handler(mk, on_markup, vc);
    fq_widget *del = fq_button_new(row2, _("Delete"), FQ_BUTTON_DANGER);
    fq_widget_set_handler(del, on_delete, vc);
    bool fixed = pc->read_only || r->photo.subject_kind == FQ_SUBJ_SIGNATURE;
    fq_widget_set_disabled(mk, fixed || id <= 0);
    fq_widget_set_disabled(del, fixed);
    fq_widget *c = fq_button_new(row, _("Close"), FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(c, on_close_view, NULL);
}

static void on_thumb(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    thumb_ctx *tc = user;
    if (ev->type == FQ_UI_EV_CLICK)
        open_view(tc->pc, tc->idx);
}

/* ---- import ---- */

static bool attach(photos_ctx *pc, const char *path, const char *what, bool capture,
                   bool quiet)
{
    fq_screens *s = pc->s;
    const char *subj = pc->kind == FQ_SUBJ_VISIT ? pc->visit_uuid : pc->subject_uuid;
    bool already = false;
    fq_err err = capture ? fq_app_photo_attach_capture(s->app, pc->visit_uuid, pc->kind, subj,
                                                       path, NULL, &already)
                         : fq_app_photo_attach_file(s->app, pc->visit_uuid, pc->kind, subj,
                                                    path, NULL, &already);
    if (quiet && err == FQ_OK)
        return true;
    if (!fq_screens_saved(s, err))
        return false;
    char msg[400];
    snprintf(msg, sizeof msg, already ? _("%s is already attached here") : _("%s attached"), what);
    fq_ui_toast(s->ui, msg, FQ_TOAST_OK, already ? 3500 : 2000);
    return true;
}

static size_t n_picked(const photos_ctx *pc)
{
    size_t n = 0;
    for (size_t i = 0; i < pc->n_files; i++)
        n += pc->picked[i];
    return n;
}

static void show_picked(photos_ctx *pc)
{
    char t[64];
    size_t n = n_picked(pc);
    snprintf(t, sizeof t, _("Import %zu"), n);
    fq_button_set_text(pc->import_go, t);
    fq_widget_set_disabled(pc->import_go, n == 0);
}

static void on_pick(fq_widget *w, const fq_ui_event *ev, void *user)
{
    photos_ctx *pc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    int64_t i = fq_widget_tag(w);
    if (i < 0 || (size_t)i >= pc->n_files)
        return;
    pc->picked[i] = !pc->picked[i];
    fq_button_set_checked(pc->file_buttons[i], pc->picked[i]);
    show_picked(pc);
}

/* ---- the picker's thumbnails (made on the app's worker, THUMBS_MAX newest) ---- */

#define THUMBS_MAX 120 /* textures are a bounded resource; older files show their name */

void fq_screens_thumbs_poll(fq_screens *s)
{
    size_t idx = 0;
    uint8_t *rgb = NULL;
    int w = 0, h = 0, rc;
    for (int k = 0; k < 8 && (rc = fq_app_thumbs_take(s->thumbs, &idx, &rgb, &w, &h)) > 0; k++) {
        int id = s->host.register_rgb ? s->host.register_rgb(s->host.user, rgb, w, h) : -1;
        free(rgb);
        if (id > 0) {
            s->thumb_ids[s->n_thumb_ids++] = id;
            fq_image_set(s->thumb_images[idx], id, w, h);
            fq_widget_invalidate(s->thumb_images[idx]);
        }
    }
}

void fq_screens_thumbs_stop(fq_screens *s)
{
    fq_app_thumbs_free(s->thumbs);
    s->thumbs = NULL;
    for (size_t i = 0; i < s->n_thumb_ids; i++)
        if (s->host.free_image)
            s->host.free_image(s->host.user, s->thumb_ids[i]);
    s->n_thumb_ids = 0;
    if (!s->import_job && !s->camera_image)
        fq_ui_set_frame_interval(s->ui, 0);
}

static void on_picker_cancel(fq_widget *w, const fq_ui_event *ev, void *user)
{
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_screens_thumbs_stop(user);
    fq_modal_close(w);
}

static void on_pick_all(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    photos_ctx *pc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    bool all = n_picked(pc) < pc->n_files;
    for (size_t i = 0; i < pc->n_files; i++) {
        pc->picked[i] = all;
        fq_button_set_checked(pc->file_buttons[i], all);
    }
    show_picked(pc);
}

/* The import runs on the app's worker; this dialog shows how far it is (the ui ticks every
 * 100 ms while it is open) and can stop it. */
void fq_screens_import_poll(fq_screens *s)
{
    fq_app_import_progress p;
    if (fq_app_import_poll(s->app, s->import_job, &p) != FQ_OK)
        fq_screens_error(s, _("Not saved"));
    char t[200];
    if (!p.finished) {
        snprintf(t, sizeof t, _("Importing %lld of %lld (%d%%)"), (long long)(p.done + 1),
                 (long long)p.total, p.percent);
        fq_label_set_text(s->import_label, t);
        return;
    }
    fq_widget *panel = s->import_label;
    fq_app_import_free(s->import_job);
    s->import_job = NULL;
    s->import_label = NULL;
    bool said = s->import_said;
    s->import_said = false;
    fq_ui_set_frame_interval(s->ui, 0);
    fq_modal_close(panel);
    if (p.total == 1 && p.failed) { /* one file: the message of a single command */
        const char *why = strchr(p.first_error, ':');
        snprintf(t, sizeof t, _("Not saved: %s"), why ? why + 2 : p.first_error);
        fq_ui_toast(s->ui, t, FQ_TOAST_ERROR, 4000);
    } else if (p.total == 1 && said) { /* the job's own words */
        snprintf(t, sizeof t, "%s", s->import_what);
        fq_ui_toast(s->ui, t, FQ_TOAST_OK, 3000);
    } else if (p.total == 1) {
        snprintf(t, sizeof t, p.already ? _("%s is already attached here") : _("%s attached"),
                 s->import_what);
        fq_ui_toast(s->ui, t, FQ_TOAST_OK, p.already ? 3500 : 2500);
    } else if (p.failed) {
        char m[500];
        snprintf(m, sizeof m, _("%lld imported, %lld refused (%s)"), (long long)p.imported,
                 (long long)p.failed, p.first_error);
        fq_ui_toast(s->ui, m, FQ_TOAST_ERROR, 6000);
    } else {
        snprintf(t, sizeof t, _("%lld photos imported"), (long long)(p.imported + p.already));
        fq_ui_toast(s->ui, t, FQ_TOAST_OK, 3000);
    }
    fq_screens_rebuild_later(s, true);
}

static void on_import_stop(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type == FQ_UI_EV_CLICK && s->import_job)
        fq_app_import_cancel(s->import_job); /* the poll closes the dialog when it stopped */
}

/* The progress of the import job under way (s->import_job). */
static void import_dialog(fq_screens *s, size_t k)
{
    fq_widget *panel = fq_modal_new(s->ui);
    char t[80];
    snprintf(t, sizeof t, k == 1 ? _("Importing 1 photo") : _("Importing %zu photos"), k);
    fq_label_set_role(fq_label_new(panel, t), FQ_TEXT_STRONG);
    s->import_label = fq_label_new(panel, _("Starting..."));
    fq_widget_set_handler(fq_button_new(panel, _("Stop"), FQ_BUTTON_NORMAL), on_import_stop, s);
    fq_ui_set_frame_interval(s->ui, 100);
}

static void on_import_go(fq_widget *w, const fq_ui_event *ev, void *user)
{
    photos_ctx *pc = user;
    fq_screens *s = pc->s;
    if (ev->type != FQ_UI_EV_CLICK || s->import_job)
        return;
    size_t n = n_picked(pc);
    char **paths = fq_screens_alloc(s, (n ? n : 1) * sizeof *paths);
    size_t k = 0;
    /* oldest first, so the gallery keeps the order they were taken in */
    for (size_t i = pc->n_files; i-- > 0;) {
        if (!pc->picked[i])
            continue;
        paths[k] = fq_screens_alloc(s, 1400);
        snprintf(paths[k], 1400, "%s/%s", pc->import_dir, pc->files[i].name);
        if (k == 0)
            snprintf(s->import_what, sizeof s->import_what, "%s", pc->files[i].name);
        k++;
    }
    fq_screens_thumbs_stop(s);
    fq_modal_close(w);
    const char *subj = pc->kind == FQ_SUBJ_VISIT ? pc->visit_uuid : pc->subject_uuid;
    if (fq_app_import_start(s->app, pc->visit_uuid, pc->kind, subj, (const char *const *)paths,
                            k, &s->import_job) != FQ_OK) {
        s->import_job = NULL;
        fq_screens_error(s, _("Not imported"));
        return;
    }
    import_dialog(s, k);
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
        fq_ui_toast(s->ui, _("No import folder: plug in the USB stick or SD card (or start with "
                           "--import DIR)"),
                    FQ_TOAST_ERROR, 4000);
        return;
    }
    fq_app_import_file *files = NULL;
    size_t n = 0;
    if (fq_app_import_list(s->app, pc->import_dir, &files, &n) != FQ_OK) {
        char msg[1200];
        snprintf(msg, sizeof msg, _("Import folder %s is not there"), pc->import_dir);
        fq_ui_toast(s->ui, msg, FQ_TOAST_ERROR, 4000);
        return;
    }
    /* the dialog's buttons refer to this copy; it lives until the rebuild */
    pc->files = NULL;
    pc->n_files = 0;
    if (n) {
        pc->files = fq_screens_alloc(s, n * sizeof *files);
        memcpy(pc->files, files, n * sizeof *files);
        pc->picked = fq_screens_alloc(s, n * sizeof *pc->picked);
        pc->file_buttons = fq_screens_alloc(s, n * sizeof *pc->file_buttons);
        pc->n_files = n;
    }
    free(files);

    fq_widget *panel = fq_modal_new(s->ui);
    fq_rect root = fq_widget_rect(fq_ui_root(s->ui));
    fq_widget_set_size_px(panel, root.w * 9 / 10, root.h * 9 / 10);
    char title[80];
    snprintf(title, sizeof title, _("Import photos (%zu, newest first)"), pc->n_files);
    fq_label_set_role(fq_label_new(panel, title), FQ_TEXT_STRONG);
    fq_widget *where = fq_label_new(panel, pc->import_dir);
    fq_label_set_role(where, FQ_TEXT_SMALL);
    fq_widget *list = fq_scroll_new(panel);
    fq_widget_set_grow(list, 1);
    if (pc->n_files == 0)
        fq_label_new(list, _("No JPEG files in this folder or its folders."));
    bool wide = fq_screens_landscape(s);
    /* a grid: the thumbnail (made on the app's worker, filled in as it comes), the name to
     * tick, when it was taken and its size */
    int per_row = wide ? 3 : 2;
    fq_widget *grid_row = NULL;
    s->thumb_images = n ? fq_screens_alloc(s, n * sizeof *s->thumb_images) : NULL;
    s->thumb_ids = fq_screens_alloc(s, THUMBS_MAX * sizeof *s->thumb_ids);
    s->n_thumb_ids = 0;
    for (size_t i = 0; i < pc->n_files; i++) {
        if (i % (size_t)per_row == 0)
            grid_row = fq_box_new(list, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
        fq_widget *cell = fq_box_new(grid_row, FQ_BOX_COLUMN, FQ_BOX_CARD);
        fq_widget_set_grow(cell, 1);
        fq_widget *img = fq_image_new(cell, 0, 4, 3);
        fq_widget_set_size_mm(img, 0, 18);
        fq_widget_set_clickable(img, true);
        fq_widget_set_tag(img, (int64_t)i);
        fq_widget_set_handler(img, on_pick, pc);
        s->thumb_images[i] = img;
        const char *name = pc->files[i].name, *slash = strrchr(name, '/');
        fq_widget *b = fq_button_new(cell, slash ? slash + 1 : name, FQ_BUTTON_NORMAL);
        fq_widget_set_tag(b, (int64_t)i);
        fq_widget_set_handler(b, on_pick, pc);
        pc->file_buttons[i] = b;
        char t[FQ_I18N_WHEN_LEN + 32], shown[FQ_I18N_WHEN_LEN];
        /* when it was taken (the day and minute), its size */
        fq_i18n_moment_short(pc->files[i].mtime_utc, shown, sizeof shown);
        int64_t bytes = pc->files[i].bytes;
        if (bytes < 100000)
            snprintf(t, sizeof t, _("%s %.1f kB"), shown, (double)bytes / 1e3);
        else
            snprintf(t, sizeof t, _("%s %.1f MB"), shown, (double)bytes / 1e6);
        fq_widget *meta = fq_label_new(cell, t);
        fq_label_set_role(meta, FQ_TEXT_SMALL);
    }
    for (size_t i = pc->n_files; grid_row && i % (size_t)per_row; i++) /* keep the last row's cells */
        fq_widget_set_grow(fq_box_new(grid_row, FQ_BOX_COLUMN, FQ_BOX_PLAIN), 1);
    if (n) {
        size_t m = n < THUMBS_MAX ? n : THUMBS_MAX;
        const char **names = fq_screens_alloc(s, m * sizeof *names);
        for (size_t i = 0; i < m; i++)
            names[i] = pc->files[i].name;
        fq_screens_thumbs_stop(s);
        if (fq_app_thumbs_start(pc->import_dir, names, m, 160, &s->thumbs) == FQ_OK)
            fq_ui_set_frame_interval(s->ui, 100);
        else
            s->thumbs = NULL; /* names only: the picker still works */
    }
    fq_widget *row = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *all = fq_button_new(row, _("All"), FQ_BUTTON_NORMAL);
    fq_widget_set_handler(all, on_pick_all, pc);
    fq_widget_set_disabled(all, pc->n_files == 0);
    fq_widget *sp = fq_box_new(row, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget_set_grow(sp, 1);
    fq_widget *c = fq_button_new(row, _("Cancel"), FQ_BUTTON_NORMAL);
    fq_widget_set_handler(c, on_picker_cancel, s);
    pc->import_go = fq_button_new(row, _("Import"), FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(pc->import_go, on_import_go, pc);
    show_picked(pc);
}

/* ---- camera ---- */

/* The viewfinder: the camera's live picture (the host's worker decodes it; the ui ticks at
 * frame rate while it is open), "Take photo" attaches the newest frame to the subject the
 * inspector came from, "Close" stops the camera. */
#define MAX_CAMERAS 8

typedef struct camera_ctx {
    photos_ctx *pc;
    fq_widget *panel;
    fq_widget *name;  /* "Camera: ..." */
    char cameras[MAX_CAMERAS][256];
    int n_cameras;
    int current;      /* index into cameras, -1 when not one of them */
} camera_ctx;

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Which listed camera is in use: the one chosen here while it is listed, else the first. */
static int current_camera(camera_ctx *cc, const char *chosen)
{
    for (int i = 0; i < cc->n_cameras; i++)
        if (!strcmp(cc->cameras[i], chosen))
            return i;
    return cc->n_cameras ? 0 : -1;
}

static void camera_stop(fq_screens *s)
{
    fq_ui_set_frame_interval(s->ui, 0);
    s->camera_image = NULL;
    s->camera_status = NULL;
    if (s->host.camera_close)
        s->host.camera_close(s->host.user);
}

void fq_screens_camera_poll(fq_screens *s)
{
    int id = -1, w = 0, h = 0;
    char msg[300] = "";
    int rc = s->host.camera_poll(s->host.user, &id, &w, &h, msg, (int)sizeof msg);
    if (rc > 0) {
        fq_image_set(s->camera_image, id, w, h);
        fq_widget_invalidate(s->camera_image);
        if (s->camera_status) { /* once: the first picture came */
            fq_label_set_text(s->camera_status, _("Live: tap the picture or Take photo"));
            s->camera_status = NULL;
        }
    } else if (rc < 0) {
        fq_widget *panel = s->camera_image;
        camera_stop(s);
        fq_modal_close(panel);
        char t[400];
        snprintf(t, sizeof t, _("The camera stopped: %s"), msg[0] ? msg : _("no picture"));
        fq_ui_toast(s->ui, t, FQ_TOAST_ERROR, 5000);
    }
}

static void on_camera_close(fq_widget *w, const fq_ui_event *ev, void *user)
{
    camera_ctx *cc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    camera_stop(cc->pc->s);
    fq_modal_close(w);
}

static void on_take(fq_widget *w, const fq_ui_event *ev, void *user)
{
    camera_ctx *cc = user;
    fq_screens *s = cc->pc->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    char path[1100], msg[300] = "";
    if (fq_app_capture_path(s->app, path, sizeof path) != FQ_OK) {
        fq_screens_error(s, _("No camera"));
        return;
    }
    if (s->host.camera_take(s->host.user, path, msg, (int)sizeof msg) != 0) {
        char t[400];
        snprintf(t, sizeof t, _("No photo taken: %s"), msg);
        fq_ui_toast(s->ui, t, FQ_TOAST_ERROR, 4000);
        return;
    }
    camera_stop(s);
    fq_modal_close(w);
    /* stored on the app's worker like an import: the screen does not wait on the encoder */
    photos_ctx *pc = cc->pc;
    const char *subj = pc->kind == FQ_SUBJ_VISIT ? pc->visit_uuid : pc->subject_uuid;
    fq_app_import_job *job = NULL;
    if (s->import_job || fq_app_capture_start(s->app, pc->visit_uuid, pc->kind, subj, path,
                                              &job) != FQ_OK) {
        fq_screens_error(s, _("Photo not saved"));
        return;
    }
    s->import_job = job;
    snprintf(s->import_what, sizeof s->import_what, _("Photo"));
    import_dialog(s, 1);
}

/* The next camera this tablet has becomes the chosen one (a setting of the tablet) and the
 * viewfinder restarts on it. */
static void on_switch_camera(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    camera_ctx *cc = user;
    fq_screens *s = cc->pc->s;
    if (ev->type != FQ_UI_EV_CLICK || cc->n_cameras < 2)
        return;
    int next = (cc->current + 1) % cc->n_cameras;
    if (!fq_screens_saved(s, fq_app_set_camera_choice(s->app, cc->cameras[next])))
        return;
    cc->current = next;
    s->host.camera_close(s->host.user);
    fq_image_set(s->camera_image, 0, 16, 9);
    char msg[300] = "", t[400];
    snprintf(t, sizeof t, _("Camera: %s"), base_name(cc->cameras[next]));
    fq_label_set_text(cc->name, t);
    if (s->host.camera_open(s->host.user, msg, (int)sizeof msg) != 0) {
        fq_widget *img = s->camera_image;
        camera_stop(s);
        fq_modal_close(img);
        snprintf(t, sizeof t, _("Camera %s: %s"), base_name(cc->cameras[next]), msg);
        fq_ui_toast(s->ui, t, FQ_TOAST_ERROR, 5000);
    }
}

static void open_viewfinder(photos_ctx *pc)
{
    fq_screens *s = pc->s;
    char msg[300] = "";
    if (s->host.camera_open(s->host.user, msg, (int)sizeof msg) != 0) {
        /* the device's own words go to the log; the inspector needs what to do */
        char t[400];
        if (!msg[0] || !strncmp(msg, "no camera", 9))
            snprintf(t, sizeof t, _("No camera found: use Import"));
        else
            snprintf(t, sizeof t, _("Camera: %s"), msg);
        fq_ui_toast(s->ui, t, FQ_TOAST_ERROR, 5000);
        return;
    }
    camera_ctx *cc = fq_screens_alloc(s, sizeof *cc);
    cc->pc = pc;
    /* the tablet's cameras: the one in use, and the next one a tap away */
    cc->n_cameras = s->host.camera_list
                        ? s->host.camera_list(s->host.user, cc->cameras, MAX_CAMERAS)
                        : 0;
    cc->current = current_camera(cc, fq_app_camera_choice(s->app));
    fq_widget *panel = fq_modal_new(s->ui);
    cc->panel = panel;
    fq_rect root = fq_widget_rect(fq_ui_root(s->ui));
    fq_widget_set_size_px(panel, root.w * 19 / 20, root.h * 19 / 20);
    s->camera_status = fq_label_new(panel, _("Starting the camera..."));
    fq_label_set_role(s->camera_status, FQ_TEXT_SMALL);
    fq_widget *img = fq_image_new(panel, 0, 16, 9);
    /* the picture's own size would push the buttons off the panel: the room left */
    int below = cc->n_cameras > 1 ? 38 : 26; /* rows under the picture, in mm */
    fq_widget_set_size_px(img, root.w * 17 / 20, root.h * 19 / 20 - fq_ui_mm(s->ui, (float)below));
    fq_widget_set_clickable(img, true); /* a tap on the picture takes it, as on a phone */
    fq_widget_set_handler(img, on_take, cc);
    s->camera_image = img;
    if (cc->n_cameras > 1) {
        fq_widget *crow = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
        char t[300];
        snprintf(t, sizeof t, _("Camera: %s"), base_name(cc->cameras[cc->current]));
        cc->name = fq_label_new(crow, t);
        fq_label_set_role(cc->name, FQ_TEXT_SMALL);
        fq_widget_set_grow(cc->name, 1);
        fq_widget_set_handler(fq_button_new(crow, _("Switch camera"), FQ_BUTTON_NORMAL),
                              on_switch_camera, cc);
    }
    fq_widget *row = fq_box_new(panel, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget_set_handler(fq_button_new(row, _("Close"), FQ_BUTTON_NORMAL), on_camera_close, cc);
    fq_widget_set_grow(fq_box_new(row, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN), 1);
    fq_widget_set_handler(fq_button_new(row, _("Take photo"), FQ_BUTTON_PRIMARY), on_take, cc);
    fq_ui_set_frame_interval(s->ui, 33);
}

static void on_camera(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    photos_ctx *pc = user;
    fq_screens *s = pc->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    if (s->host.camera_open && s->host.camera_poll && s->host.camera_take &&
        s->host.camera_close) {
        open_viewfinder(pc);
        return;
    }
    char msg[300] = "";
    if (!s->host.capture) {
        fq_ui_toast(s->ui, _("No camera found: use Import"), FQ_TOAST_ERROR, 4000);
        return;
    }
    char path[1100];
    if (fq_app_capture_path(s->app, path, sizeof path) != FQ_OK) {
        fq_screens_error(s, _("No camera"));
        return;
    }
    if (s->host.capture(s->host.user, path, msg, (int)sizeof msg) != 0) {
        char t[400];
        snprintf(t, sizeof t, _("No camera found (%s)"), msg[0] ? msg : _("capture failed"));
        fq_ui_toast(s->ui, t, FQ_TOAST_ERROR, 4000);
        return;
    }
    attach(pc, path, _("Photo"), true, false);
    fq_screens_rebuild_later(s, true);
}

/* ---- gallery ---- */

static const char *subject_title(const fq_app_photo_row *r, char *buf, size_t len)
{
    switch (r->photo.subject_kind) {
    case FQ_SUBJ_VISIT: return _("Visit (general)");
    case FQ_SUBJ_FINDING: return r->subject_text[0] ? r->subject_text : _("Checklist item");
    case FQ_SUBJ_DEFECT: return _("Defect");
    case FQ_SUBJ_CARTON: return _("Carton");
    case FQ_SUBJ_ISSUE: return _("Issue");
    case FQ_SUBJ_MILESTONE: return r->subject_text[0] ? r->subject_text : _("Milestone");
    case FQ_SUBJ_SIGNATURE: return _("Signatures");
    case FQ_SUBJ_MEAS_POINT: return r->subject_text[0] ? r->subject_text : _("Point of measure");
    case FQ_SUBJ_SITE_TEST: return r->subject_text[0] ? r->subject_text : _("On-site test");
    default: break;
    }
    snprintf(buf, len, _("Subject %d"), (int)r->photo.subject_kind);
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
    snprintf(title, sizeof title, "%s", one ? s->photo_subject_title : _("All photos"));
    fq_widget *t = fq_label_new(bar, title);
    fq_label_set_role(t, FQ_TEXT_TITLE);
    fq_widget_set_grow(t, 1);
    fq_widget *ib = fq_button_new(bar, _("Import"), FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(ib, on_import, pc);
    fq_widget *cb = fq_button_new(bar, _("Camera"), FQ_BUTTON_NORMAL);
    fq_widget_set_handler(cb, on_camera, pc);
    if (vv->read_only) {
        fq_widget_set_disabled(ib, true);
        fq_widget_set_disabled(cb, true);
    }

    pc->read_only = vv->read_only;
    fq_app_photo_row *rows = NULL;
    size_t m = 0;
    if (fq_app_photos_read(s->app, vv->visit.meta.uuid, pc->kind,
                           one ? s->photo_subject_uuid : NULL, &rows, &m) != FQ_OK) {
        fq_screens_error(s, _("Cannot read photos"));
        return;
    }
    if (m) { /* the view swipes through this copy; it lives until the rebuild */
        pc->rows = fq_screens_alloc(s, m * sizeof *rows);
        memcpy(pc->rows, rows, m * sizeof *rows);
        pc->n_rows = m;
    }
    if (m == 0)
        fq_label_set_wrap(fq_label_new(body, one ? _("No photos of this item yet: Import or Camera.")
                                                 : _("No photos in this visit yet: Import or Camera, "
                                                   "or Photos on a checklist item.")),
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
        tc->pc = pc;
        tc->idx = k;
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
            fq_label_set_role(fq_label_new(cell, _("photo")), FQ_TEXT_SMALL);
        }
        fq_widget_set_size_mm(cell, edge_mm, edge_mm * 0.75f);
        fq_widget_set_clickable(cell, true);
        fq_widget_set_handler(cell, on_thumb, tc);
        in_row++;
    }
    if (m > (size_t)shown && shown == MAX_THUMBS) {
        fq_widget *more = fq_label_new(body, _("More photos than thumbnails shown: tap a grey "
                                             "tile to view it."));
        fq_label_set_role(more, FQ_TEXT_SMALL);
    }
    free(rows);
}
