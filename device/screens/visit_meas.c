/* Visit step "Measure" (issue 20): the order's points of measure x sample units as a grid of
 * numeric fields, one size of the size set at a time. Each value is judged when it is
 * committed (Enter, or leaving the cell): "ok" in green, or how far over / under the limit
 * in red; the units out of tolerance go to the AQL tally as the app decides
 * (fq_app_meas_set). Enter moves to the next unit of the point, then to the next point's
 * first empty cell, so a caliper or scale typing its reading as a keyboard (value + Enter)
 * fills a point unit after unit; a reading arriving with no cell focused goes to the next
 * empty cell (the ui's default field). A point's "Photo" opens the photos of that point (the
 * caliper reading as evidence).
 * Not here: the tolerance rule (core/meas.h), the AQL verdict (the AQL step). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "screens/screens_internal.h"

#define MAX_CELLS 512
#define CELLS_PER_ROW 5

typedef struct meas_cell meas_cell;

typedef struct meas_grid {
    fq_screens *s;
    char visit_uuid[FQ_UUID_LEN];
    meas_cell *cells[MAX_CELLS]; /* point by point, unit by unit */
    int n_cells;
    fq_widget *summary;
} meas_grid;

struct meas_cell {
    meas_grid *g;
    int idx;
    fq_meas_spec spec;
    int32_t unit_no;
    char text[32];
    char committed[32];
    fq_widget *field;
    fq_widget *status;
};

typedef struct point_ctx {
    fq_screens *s;
    char spec_uuid[FQ_UUID_LEN];
    char title[FQ_SHORT_LEN + FQ_TEXT_LEN + 8];
} point_ctx;

static void show_status(meas_cell *c, const fq_meas_judgement *j)
{
    const fq_ui_theme *th = fq_ui_theme_current(c->g->s->ui);
    char msg[48], by[24];
    if (j->status == FQ_MEAS_EMPTY) {
        fq_label_set_text(c->status, " ");
        return;
    }
    if (j->status == FQ_MEAS_IN) {
        fq_label_set_text(c->status, _("ok"));
        fq_label_set_color(c->status, th->pass);
        return;
    }
    fq_meas_format(j->outside_milli, by, sizeof by);
    snprintf(msg, sizeof msg, "%s %s", j->status == FQ_MEAS_ABOVE ? "+" : "-", by);
    fq_label_set_text(c->status, msg);
    fq_label_set_color(c->status, th->fail);
}

/* The verdict of the value just entered, also where the cell's own line is under the pad. */
static void toast_judgement(meas_cell *c, const fq_meas_judgement *j)
{
    if (j->status == FQ_MEAS_EMPTY)
        return;
    char msg[200], by[24], lim[24];
    int64_t lo, hi;
    fq_meas_limits(&c->spec, &lo, &hi);
    if (j->status == FQ_MEAS_IN) {
        snprintf(msg, sizeof msg, _("%s #%d %s: ok"), c->spec.point, (int)c->unit_no, c->text);
    } else {
        fq_meas_format(j->outside_milli, by, sizeof by);
        fq_meas_format(j->status == FQ_MEAS_ABOVE ? hi : lo, lim, sizeof lim);
        snprintf(msg, sizeof msg, _("%s #%d %s: %s %s %s, %s"), c->spec.point, (int)c->unit_no,
                 c->text, by, j->status == FQ_MEAS_ABOVE ? _("over") : _("under"), lim,
                 _(fq_severity_name(c->spec.severity)));
    }
    fq_ui_toast(c->g->s->ui, msg, j->status == FQ_MEAS_IN ? FQ_TOAST_OK : FQ_TOAST_ERROR, 2500);
}

static void show_summary(meas_grid *g)
{
    fq_app_meas_view v;
    if (fq_app_meas_read(g->s->app, g->visit_uuid, g->s->meas_size, &v) != FQ_OK)
        return;
    const fq_ui_theme *th = fq_ui_theme_current(g->s->ui);
    int32_t out = v.units_out[FQ_SEV_MINOR] + v.units_out[FQ_SEV_MAJOR] +
                  v.units_out[FQ_SEV_CRITICAL];
    char msg[200];
    if (out)
        snprintf(msg, sizeof msg, _("%d readings. Units out of tolerance: %d (critical %d, major %d, "
                 "minor %d), counted in the AQL tally"), (int)v.n_readings, (int)out,
                 (int)v.units_out[FQ_SEV_CRITICAL], (int)v.units_out[FQ_SEV_MAJOR],
                 (int)v.units_out[FQ_SEV_MINOR]);
    else
        snprintf(msg, sizeof msg, _("%d readings. All units within tolerance"), (int)v.n_readings);
    fq_label_set_text(g->summary, msg);
    fq_label_set_color(g->summary, out ? th->fail : th->pass);
    fq_app_meas_view_free(&v);
}

/* The next empty cell after idx (wrapping), or NULL when all are filled. */
static meas_cell *next_empty(meas_grid *g, int idx)
{
    for (int k = 1; k <= g->n_cells; k++) {
        meas_cell *c = g->cells[(idx + k) % g->n_cells];
        if (!c->committed[0])
            return c;
    }
    return NULL;
}

static void update_default(meas_grid *g)
{
    meas_cell *c = g->n_cells ? next_empty(g, g->n_cells - 1) : NULL;
    fq_ui_set_default_field(g->s->ui, c ? c->field : NULL);
}

/* Saves the cell when its text changed; false when the app refused it. */
static bool commit(meas_cell *c)
{
    fq_screens *s = c->g->s;
    if (!strcmp(c->text, c->committed))
        return true;
    fq_app_meas_cell stored;
    fq_meas_source src = fq_ui_field_typed(c->field) ? FQ_MEAS_SRC_GAUGE : FQ_MEAS_SRC_PAD;
    fq_err err = fq_app_meas_set(s->app, c->g->visit_uuid, c->spec.meta.uuid, c->unit_no,
                                 c->text, src, &stored);
    if (err) {
        char msg[300];
        snprintf(msg, sizeof msg, _("#%d not saved: %s"), (int)c->unit_no, fq_app_errmsg(s->app));
        fq_ui_toast(s->ui, msg, FQ_TOAST_ERROR, 3000);
        fq_label_set_text(c->status, "?");
        fq_label_set_color(c->status, fq_ui_theme_current(s->ui)->fail);
        return false;
    }
    if (stored.reading.meta.uuid[0])
        fq_meas_format(stored.reading.value_milli, c->text, sizeof c->text);
    else
        c->text[0] = '\0';
    snprintf(c->committed, sizeof c->committed, "%s", c->text);
    fq_ui_field_sync(c->field);
    show_status(c, &stored.judgement);
    toast_judgement(c, &stored.judgement);
    show_summary(c->g);
    update_default(c->g);
    return true;
}

static void on_cell(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    meas_cell *c = user;
    meas_grid *g = c->g;
    if (ev->type == FQ_UI_EV_BLUR) {
        commit(c);
    } else if (ev->type == FQ_UI_EV_SUBMIT) {
        if (!commit(c))
            return;
        /* the next unit of this point, else the next empty cell */
        meas_cell *next = NULL;
        if (c->idx + 1 < g->n_cells && c->unit_no < c->spec.n_units)
            next = g->cells[c->idx + 1];
        else
            next = next_empty(g, c->idx);
        fq_ui_focus(g->s->ui, next && next != c ? next->field : NULL);
    }
}

static void on_photo(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    point_ctx *pc = user;
    if (ev->type == FQ_UI_EV_CLICK)
        fq_screens_show_photos(pc->s, FQ_SUBJ_MEAS_POINT, pc->spec_uuid, pc->title);
}

static void on_size(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    fq_screens *s = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    s->meas_size = ev->index;
    fq_screens_rebuild_later(s, false);
}

static void point_card(fq_screens *s, meas_grid *g, fq_widget *body, const fq_app_meas_point *p,
                       bool ro)
{
    point_ctx *pc = fq_screens_alloc(s, sizeof *pc);
    pc->s = s;
    snprintf(pc->spec_uuid, sizeof pc->spec_uuid, "%s", p->spec.meta.uuid);
    snprintf(pc->title, sizeof pc->title, "%s  %s", p->spec.point, p->spec.description);
    fq_widget *card = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_widget *top = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_widget *t = fq_label_new(top, pc->title);
    fq_label_set_role(t, FQ_TEXT_STRONG);
    fq_widget_set_grow(t, 1);
    char photo[32];
    snprintf(photo, sizeof photo, p->n_photos ? _("Photo (%d)") : _("Photo"), (int)p->n_photos);
    fq_widget_set_handler(fq_button_new(top, photo, FQ_BUTTON_NORMAL), on_photo, pc);
    char spec[96], line[160], lo_s[32], hi_s[32];
    int64_t lo, hi;
    fq_meas_format_spec(&p->spec, spec, sizeof spec);
    fq_meas_limits(&p->spec, &lo, &hi);
    fq_meas_format(lo, lo_s, sizeof lo_s);
    fq_meas_format(hi, hi_s, sizeof hi_s);
    snprintf(line, sizeof line, _("%s  (%s to %s), %s if out"), spec, lo_s, hi_s,
             _(fq_severity_name(p->spec.severity)));
    fq_label_set_role(fq_label_new(card, line), FQ_TEXT_MUTED);
    fq_widget *row = NULL;
    for (int32_t u = 1; u <= p->spec.n_units && g->n_cells < MAX_CELLS; u++) {
        if ((u - 1) % CELLS_PER_ROW == 0) {
            row = fq_box_new(card, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
        }
        meas_cell *c = fq_screens_alloc(s, sizeof *c);
        c->g = g;
        c->idx = g->n_cells;
        c->spec = p->spec;
        c->unit_no = u;
        const fq_app_meas_cell *src = &p->cells[u - 1];
        if (src->reading.meta.uuid[0])
            fq_meas_format(src->reading.value_milli, c->text, sizeof c->text);
        snprintf(c->committed, sizeof c->committed, "%s", c->text);
        fq_widget *col = fq_box_new(row, FQ_BOX_COLUMN, FQ_BOX_PLAIN);
        fq_widget_set_grow(col, 1);
        fq_widget_set_gap_mm(col, 0.3f);
        char head[16];
        snprintf(head, sizeof head, "#%d", (int)u);
        fq_label_set_role(fq_label_new(col, head), FQ_TEXT_SMALL);
        c->field = fq_ui_field_new(col, c->text, sizeof c->text, FQ_UI_FIELD_DECIMAL);
        fq_ui_field_set_placeholder(c->field, p->spec.unit);
        fq_widget_set_handler(c->field, on_cell, c);
        fq_widget_set_disabled(c->field, ro);
        c->status = fq_label_new(col, " ");
        fq_label_set_role(c->status, FQ_TEXT_STRONG);
        show_status(c, &src->judgement);
        g->cells[g->n_cells++] = c;
    }
    /* a short last row keeps its cells the width of the full rows' */
    for (int32_t u = p->spec.n_units; row && u % CELLS_PER_ROW; u++)
        fq_widget_set_grow(fq_box_new(row, FQ_BOX_COLUMN, FQ_BOX_PLAIN), 1);
    if (p->stats.n) {
        char mn[32], mx[32], me[32], st[160];
        fq_meas_format(p->stats.min_milli, mn, sizeof mn);
        fq_meas_format(p->stats.max_milli, mx, sizeof mx);
        fq_meas_format(p->stats.mean_milli, me, sizeof me);
        snprintf(st, sizeof st, _("min %s  max %s  mean %s %s"), mn, mx, me, p->spec.unit);
        fq_label_set_role(fq_label_new(card, st), FQ_TEXT_SMALL);
    }
}

static void muted(fq_widget *parent, const char *text)
{
    fq_widget *l = fq_label_new(parent, text);
    fq_label_set_role(l, FQ_TEXT_MUTED);
    fq_label_set_wrap(l, 3);
}

void fq_screens_build_meas(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv)
{
    fq_app_meas_view *v = fq_screens_alloc(s, sizeof *v);
    if (fq_app_meas_read(s->app, vv->visit.meta.uuid, s->meas_size, v) != FQ_OK) {
        fq_screens_error(s, _("Cannot read the measurements"));
        return;
    }
    s->meas_size = v->size_index;
    meas_grid *g = fq_screens_alloc(s, sizeof *g);
    g->s = s;
    snprintf(g->visit_uuid, sizeof g->visit_uuid, "%s", vv->visit.meta.uuid);
    char t[80];
    if (v->n_sizes > 0 && v->sizes[v->size_index][0])
        snprintf(t, sizeof t, _("Measurements, size %s"), v->sizes[v->size_index]);
    else
        snprintf(t, sizeof t, _("Measurements"));
    fq_screens_section_title(body, t);
    if (!v->n_points) {
        muted(body, _("No measurement spec for this order: the office sends them with the job pack."));
        fq_app_meas_view_free(v);
        return;
    }
    if (v->n_sizes > 1) {
        const char *labels[FQ_APP_MEAS_SIZES_MAX];
        for (int i = 0; i < v->n_sizes; i++)
            labels[i] = v->sizes[i][0] ? v->sizes[i] : "-";
        fq_widget *row = fq_screens_labelled_row(s, body, _("Size"));
        fq_widget *ch = fq_choice_new(row, labels, v->n_sizes, FQ_CHOICE_SEGMENTED);
        fq_widget_set_grow(ch, 1);
        fq_choice_set_selected(ch, v->size_index);
        fq_widget_set_handler(ch, on_size, s);
    }
    g->summary = fq_label_new(body, " ");
    fq_label_set_role(g->summary, FQ_TEXT_STRONG);
    fq_label_set_wrap(g->summary, 2);
    if (!vv->read_only)
        muted(body, _("Tap a cell and type the value, or read a caliper: Enter moves to the next "
                    "unit."));
    for (size_t i = 0; i < v->n_points; i++)
        point_card(s, g, body, &v->points[i], vv->read_only);
    show_summary(g);
    if (!vv->read_only)
        update_default(g);
    fq_app_meas_view_free(v);
}
