/* Visit step 3, AQL sampling under the order's standard (ISO 2859-1:1999 or ANSI/ASQ
 * Z1.4-2008, named on the step): lot size, inspection level, severity of
 * inspection with the switching-rule proposal from the lot history, AQL per severity, the
 * resulting plans, sample progress, a defect tally with big +/- buttons, and the live verdict
 * with "n more defects would reject". Shows fq_app_aql_read; every change is an AQL command
 * (fq_app_aql_set_plan, _set_sampled, fq_app_defect_tally, _add) and the app records the
 * plan with the lot result core decides. Building this step writes nothing.
 * Each defect type's row opens its photos (the Photos step for that defect).
 * Not here: the tables and rules themselves (core/aql.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/aql.h"
#include "core/names.h"
#include "screens/screens_internal.h"

#define N_AQL_CHOICES 8
#define N_LEVELS FQ_AQL_LEVEL_COUNT

typedef struct aql_ctx {
    fq_screens *s;
    char visit_uuid[FQ_UUID_LEN];
    fq_aql_plan plan;                     /* as read; the fields edit lot size and sample */
    fq_aql_switch proposal;
    bool ro;
    int32_t extra_aql[FQ_AQL_SEVERITIES]; /* a stored non-preset AQL, shown as a 9th segment */
    char new_desc[FQ_TEXT_LEN];           /* "add defect type" form */
    int new_sev;                          /* fq_severity */
} aql_ctx;

typedef struct tally_ctx {
    aql_ctx *ac;
    char code[FQ_SHORT_LEN];
    char description[FQ_TEXT_LEN];
    fq_severity severity;
} tally_ctx;

/* Common AQLs as big segments (gloves: no typing); "Zero" is zero tolerance, "Off" not
 * inspected. A stored value outside these (from an office job pack) gets its own segment. */
static const int32_t AQL_VALUES[N_AQL_CHOICES] = {
    FQ_AQL_ZERO_TOLERANCE, 650, 1000, 1500, 2500, 4000, 6500, FQ_AQL_NOT_INSPECTED};
static const char *const AQL_LABELS[N_AQL_CHOICES] = {N_("Zero"), "0.65", "1.0", "1.5",
                                                       "2.5",  "4.0",  "6.5", N_("Off")};
static const char *const SEV_NAMES[FQ_AQL_SEVERITIES] = {N_("Minor"), N_("Major"), N_("Critical")};

/* Every command rebuilds the step: plans and verdicts follow every input, and a refused
 * input shows what is stored again. */
static void done(aql_ctx *ac, fq_err err)
{
    fq_screens_saved(ac->s, err);
    fq_screens_rebuild_later(ac->s, true);
}

static fq_app_aql_settings settings_of(const fq_aql_plan *p)
{
    fq_app_aql_settings st;
    memset(&st, 0, sizeof st);
    st.lot_size = p->lot_size;
    st.level = (fq_aql_level)p->level;
    st.mode = (fq_aql_mode)p->mode;
    memcpy(st.aql_milli, p->aql_milli, sizeof st.aql_milli);
    return st;
}

static void set_plan(aql_ctx *ac, const fq_app_aql_settings *st)
{
    fq_aql_plan stored;
    fq_err err = fq_app_aql_set_plan(ac->s->app, ac->visit_uuid, st, &stored);
    if (!err)
        ac->plan = stored; /* a second tap before the rebuild starts from what is stored */
    done(ac, err);
}

static void commit_lot_size(fq_screens *s, void *ctx)
{
    (void)s;
    aql_ctx *ac = ctx;
    fq_app_aql_settings st = settings_of(&ac->plan);
    set_plan(ac, &st);
}

static void commit_sampled(fq_screens *s, void *ctx)
{
    aql_ctx *ac = ctx;
    fq_aql_plan stored;
    fq_err err = fq_app_aql_set_sampled(s->app, ac->visit_uuid, ac->plan.sampled, &stored);
    if (!err) {
        ac->plan = stored;
    } else if (err == FQ_ERR_INVALID) {
        /* beyond the plan's sample: said under the field, nothing stored */
        fq_screens_field_error(s, "aql.sampled", fq_app_errmsg(s->app));
        fq_screens_rebuild_later(s, true);
        return;
    }
    done(ac, err);
}

static void on_level(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    aql_ctx *ac = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    fq_app_aql_settings st = settings_of(&ac->plan);
    st.level = (fq_aql_level)ev->index;
    set_plan(ac, &st);
}

static void on_mode(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    aql_ctx *ac = user;
    fq_app_aql_settings st = settings_of(&ac->plan);
    if (ev->type == FQ_UI_EV_CHANGE)
        st.mode = (fq_aql_mode)ev->index;
    else if (ev->type == FQ_UI_EV_CLICK) /* "Use tightened" */
        st.mode = (fq_aql_mode)ac->proposal.mode;
    else
        return;
    set_plan(ac, &st);
}

static void on_aql(fq_widget *w, const fq_ui_event *ev, void *user)
{
    aql_ctx *ac = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    int sev = (int)(fq_widget_tag(w) / 100);
    int idx = ev->index + (int)(fq_widget_tag(w) % 100);
    fq_app_aql_settings st = settings_of(&ac->plan);
    st.aql_milli[sev] = idx < N_AQL_CHOICES ? AQL_VALUES[idx] : ac->extra_aql[sev];
    set_plan(ac, &st);
}

static void on_sample_step(fq_widget *w, const fq_ui_event *ev, void *user)
{
    aql_ctx *ac = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    ac->plan.sampled += fq_widget_tag(w);
    commit_sampled(ac->s, ac);
}

static void on_tally(fq_widget *w, const fq_ui_event *ev, void *user)
{
    tally_ctx *tc = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    done(tc->ac, fq_app_defect_tally(tc->ac->s->app, tc->ac->visit_uuid, tc->code,
                                     tc->description, tc->severity, (int32_t)fq_widget_tag(w)));
}

static void on_new_sev(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    aql_ctx *ac = user;
    if (ev->type == FQ_UI_EV_CHANGE)
        ac->new_sev = ev->index + FQ_SEV_MINOR;
}

/* "Add defect type": counts the first one at once (a type is added when one is found). */
static void on_add_type(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    aql_ctx *ac = user;
    fq_screens *s = ac->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    fq_ui_focus(s->ui, NULL);
    fq_err err = fq_app_defect_add(s->app, ac->visit_uuid, ac->new_desc,
                                   (fq_severity)ac->new_sev);
    if (err == FQ_ERR_INVALID) { /* nothing described: say so, keep the form */
        fq_screens_error(s, _("Not added"));
        return;
    }
    done(ac, err);
}

static fq_widget *card(fq_widget *body, const char *title)
{
    fq_widget *c = fq_box_new(body, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_set_role(fq_label_new(c, title), FQ_TEXT_TITLE);
    return c;
}

static fq_widget *wrapped(fq_widget *parent, const char *text, fq_text_role role, int lines)
{
    fq_widget *l = fq_label_new(parent, text);
    fq_label_set_wrap(l, lines);
    fq_label_set_role(l, role);
    return l;
}

static void section_lot(aql_ctx *ac, fq_widget *body)
{
    fq_screens *s = ac->s;
    fq_widget *c = card(body, _("Lot"));
    /* the buyer chose the standard for the order; the inspector sees which, not a choice */
    char std[120];
    snprintf(std, sizeof std, _("Standard: %s%s (the order's)"),
             _(fq_aql_standard_name((fq_aql_standard)ac->plan.standard)),
             ac->plan.standard == FQ_AQL_ISO_2859_1 ? _(" = GB/T 2828.1-2012") : "");
    fq_label_set_role(fq_label_new(c, std), FQ_TEXT_STRONG);
    fq_widget *f = fq_screens_number_field(s, c, "aql.lot", _("Lot size (units)"),
                                           &ac->plan.lot_size, 0, commit_lot_size, ac);
    fq_widget_set_disabled(f, ac->ro);
    const char *levels[N_LEVELS];
    for (int i = 0; i < N_LEVELS; i++)
        levels[i] = _(fq_aql_level_name((fq_aql_level)i));
    fq_widget *row = fq_screens_labelled_row(s, c, _("Inspection level"));
    fq_widget *lv = fq_choice_new(row, levels, N_LEVELS, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(lv, 1);
    fq_choice_set_selected(lv, ac->plan.level);
    fq_widget_set_handler(lv, on_level, ac);
    fq_widget_set_disabled(lv, ac->ro);

    static const char *const modes[3] = {N_("Normal"), N_("Tightened"), N_("Reduced")};
    row = fq_screens_labelled_row(s, c, _("Inspection"));
    fq_widget *md = fq_choice_new(row, fq_screens_tr_list(s, modes, 3), 3, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(md, 1);
    fq_choice_set_selected(md, ac->plan.mode);
    fq_widget_set_handler(md, on_mode, ac);
    fq_widget_set_disabled(md, ac->ro);

    /* the switching rules' proposal and why, beside the choice */
    char msg[FQ_AQL_REASON_LEN + 120];
    int pm = ac->proposal.mode;
    snprintf(msg, sizeof msg, _("Switching rules (%d earlier lot%s): %s. %s"), ac->proposal.n_lots,
             ac->proposal.n_lots == 1 ? "" : "s", _(fq_aql_mode_name((fq_aql_mode)pm)),
             ac->proposal.reason[0] ? ac->proposal.reason : _("No lot history: start normal."));
    fq_widget *prow = fq_box_new(c, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_ui_light_new(prow, pm == ac->plan.mode ? FQ_UI_LIGHT_GREEN
                       : pm == FQ_AQL_DISCONTINUED || pm == FQ_AQL_TIGHTENED ? FQ_UI_LIGHT_RED
                                                                             : FQ_UI_LIGHT_YELLOW);
    fq_widget_set_grow(wrapped(prow, msg, FQ_TEXT_SMALL, 4), 1);
    if (pm != ac->plan.mode && pm != FQ_AQL_DISCONTINUED && !ac->ro) {
        char b[40];
        snprintf(b, sizeof b, _("Use %s"), _(fq_aql_mode_name((fq_aql_mode)pm)));
        fq_widget *ub = fq_button_new(prow, b, FQ_BUTTON_PRIMARY);
        fq_widget_set_handler(ub, on_mode, ac);
    }
}

static void plan_text(const fq_aql_severity_result *r, int64_t lot_size, char *buf, size_t len)
{
    const fq_aql_sampling *p = &r->plan;
    if (r->aql_milli == FQ_AQL_NOT_INSPECTED) {
        snprintf(buf, len, _("Not inspected"));
        return;
    }
    char arrow[40] = "";
    if (p->plan_letter != p->code_letter)
        snprintf(arrow, sizeof arrow, _(" (arrow to plan %c)"), p->plan_letter);
    if (p->full_inspection)
        snprintf(buf, len, _("Code %c%s: inspect all %lld units, Ac %d Re %d"), p->code_letter,
                 arrow, (long long)lot_size, (int)p->ac, (int)p->re);
    else
        snprintf(buf, len, _("Code %c%s: sample %lld, Ac %d Re %d"), p->code_letter, arrow,
                 (long long)p->sample_size, (int)p->ac, (int)p->re);
}

static void section_aql(aql_ctx *ac, fq_widget *body, const fq_aql_assessment *as)
{
    fq_screens *s = ac->s;
    const fq_aql_visit_result *res = &as->result;
    bool ok = as->status == FQ_AQL_STATUS_OK;
    fq_widget *c = card(body, _("AQL and sampling plan"));
    for (int i = 0; i < FQ_AQL_SEVERITIES; i++) {
        const char *labels[N_AQL_CHOICES + 1];
        int n = N_AQL_CHOICES;
        int sel = -1;
        char extra[16];
        for (int k = 0; k < N_AQL_CHOICES; k++) {
            labels[k] = _(AQL_LABELS[k]);
            if (AQL_VALUES[k] == ac->plan.aql_milli[i])
                sel = k;
        }
        if (sel < 0) { /* a table AQL the presets do not offer */
            ac->extra_aql[i] = ac->plan.aql_milli[i];
            labels[n] = fq_aql_format_aql(ac->plan.aql_milli[i], extra, sizeof extra);
            sel = n++;
        }
        char title[40];
        snprintf(title, sizeof title, _("%s AQL"), _(SEV_NAMES[i]));
        fq_widget *row = fq_screens_labelled_row(s, c, title);
        /* portrait: two rows of segments so "0.65" and "Zero" stay whole at 480 px */
        int per_row = fq_screens_landscape(s) ? n : 4;
        for (int first = 0; first < n; first += per_row) {
            int k = n - first < per_row ? n - first : per_row;
            fq_widget *ch = fq_choice_new(row, labels + first, k, FQ_CHOICE_SEGMENTED);
            fq_widget_set_grow(ch, 1);
            fq_choice_set_selected(ch, sel >= first && sel < first + k ? sel - first : -1);
            fq_widget_set_tag(ch, i * 100 + first);
            fq_widget_set_handler(ch, on_aql, ac);
            fq_widget_set_disabled(ch, ac->ro);
        }
        if (!ok)
            continue;
        char line[200];
        plan_text(&res->sev[i], ac->plan.lot_size, line, sizeof line);
        if (res->sev[i].zero_tolerance)
            snprintf(line, sizeof line, _("Zero tolerance: Ac 0 Re 1 at %lld units"),
                     (long long)res->largest_sample);
        fq_label_set_role(fq_label_new(c, line), FQ_TEXT_STRONG);
        if (res->sev[i].zero_tolerance)
            wrapped(c, _(fq_aql_zero_tolerance_text()), FQ_TEXT_SMALL, 4);
    }
}

static void section_sample(aql_ctx *ac, fq_widget *body, const fq_aql_assessment *as)
{
    fq_screens *s = ac->s;
    fq_widget *c = card(body, _("Sample"));
    char line[160];
    if (as->status == FQ_AQL_STATUS_OK) {
        snprintf(line, sizeof line, _("%lld of %lld units sampled%s"), (long long)as->sampled,
                 (long long)as->result.largest_sample,
                 as->sample_complete ? _(": sample complete") : "");
        fq_widget *l = fq_label_new(c, line);
        fq_label_set_role(l, FQ_TEXT_STRONG);
        fq_label_set_wrap(l, 2);
    }
    /* field and +1/+5/+10 side by side in both orientations (the labelled row is a column
     * in portrait) */
    fq_widget *row = fq_box_new(fq_screens_labelled_row(s, c, _("Units sampled")), FQ_BOX_ROW_DIR,
                                FQ_BOX_PLAIN);
    fq_widget *f = fq_screens_number_field(s, row, "aql.sampled", NULL, &ac->plan.sampled, 0,
                                           commit_sampled, ac);
    fq_widget_set_disabled(f, ac->ro);
    static const int steps[3] = {1, 5, 10};
    for (int k = 0; k < 3; k++) {
        char b[8];
        snprintf(b, sizeof b, "+%d", steps[k]);
        fq_widget *btn = fq_button_new(row, b, FQ_BUTTON_NORMAL);
        fq_widget_set_size_mm(btn, 14, 0);
        fq_widget_set_tag(btn, steps[k]);
        fq_widget_set_handler(btn, on_sample_step, ac);
        fq_widget_set_disabled(btn, ac->ro);
    }
}

static void on_defect_photos(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    tally_ctx *tc = user;
    fq_screens *s = tc->ac->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    /* photos prove the defect type's record: the app makes sure there is one */
    fq_defect d;
    if (fq_app_defect_record(s->app, tc->ac->visit_uuid, tc->code, tc->description,
                             tc->severity, &d) != FQ_OK) {
        fq_screens_error(s, _("Cannot open the defect's photos"));
        return;
    }
    char title[FQ_TEXT_LEN + 16];
    snprintf(title, sizeof title, _("Defect: %s"), fq_app_defect_name(&d));
    fq_screens_show_photos(s, FQ_SUBJ_DEFECT, d.meta.uuid, title);
}

static void tally_row(aql_ctx *ac, fq_widget *parent, const fq_defect *d)
{
    tally_ctx *tc = fq_screens_alloc(ac->s, sizeof *tc);
    tc->ac = ac;
    snprintf(tc->code, sizeof tc->code, "%s", d->code);
    snprintf(tc->description, sizeof tc->description, "%s", d->description);
    tc->severity = (fq_severity)d->severity;
    fq_widget *row = fq_box_new(parent, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
    /* units out of tolerance are counted by the Measure tab, not by hand */
    bool measured = !strcmp(d->code, FQ_APP_MEAS_DEFECT_CODE);
    char text[FQ_TEXT_LEN + 40];
    snprintf(text, sizeof text, "%s%s", fq_app_defect_name(d),
             measured ? _(" (Measure tab)") : "");
    fq_widget *l = fq_label_new(row, text);
    fq_label_set_wrap(l, 2);
    fq_widget_set_grow(l, 1);
    fq_widget *minus = fq_button_new(row, "-", FQ_BUTTON_NORMAL);
    fq_widget_set_size_mm(minus, 14, 0);
    fq_widget_set_tag(minus, -1);
    fq_widget_set_handler(minus, on_tally, tc);
    fq_widget_set_disabled(minus, ac->ro || measured || d->count == 0);
    char n[16];
    snprintf(n, sizeof n, "%d", (int)d->count);
    fq_widget *cl = fq_label_new(row, n);
    fq_label_set_role(cl, FQ_TEXT_TITLE);
    fq_label_set_align(cl, FQ_ALIGN_CENTER);
    fq_widget_set_size_mm(cl, 10, 0);
    fq_widget *plus = fq_button_new(row, "+", FQ_BUTTON_PRIMARY);
    fq_widget_set_size_mm(plus, 14, 0);
    fq_widget_set_tag(plus, 1);
    fq_widget_set_handler(plus, on_tally, tc);
    fq_widget_set_disabled(plus, ac->ro || measured);
    /* a defect's photos are per type, in the tally row the inspector counts it in */
    fq_widget *ph = fq_button_new(row, _("Photos"), FQ_BUTTON_NORMAL);
    fq_widget_set_handler(ph, on_defect_photos, tc);
}

static void severity_line(aql_ctx *ac, fq_widget *parent, int i, const fq_aql_severity_result *r)
{
    const fq_ui_theme *th = fq_ui_theme_current(ac->s->ui);
    char line[200];
    fq_widget *row = fq_box_new(parent, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_ui_light_state st = FQ_UI_LIGHT_GREY;
    if (r->aql_milli == FQ_AQL_NOT_INSPECTED) {
        snprintf(line, sizeof line, _("%s: not inspected"), _(SEV_NAMES[i]));
    } else if (r->outcome == FQ_AQL_OUTCOME_REJECT) {
        st = FQ_UI_LIGHT_RED;
        snprintf(line, sizeof line, _("%s: %d found, Re %d: REJECT (%d over Ac)"), _(SEV_NAMES[i]),
                 (int)r->found, (int)r->plan.re, (int)r->defects_over_ac);
    } else if (r->reinstate_normal) {
        /* Z1.4 reduced: between Ac and Re */
        st = FQ_UI_LIGHT_YELLOW;
        snprintf(line, sizeof line, _("%s: %d found, between Ac %d and Re %d: accepted, return "
                 "to normal inspection"), _(SEV_NAMES[i]), (int)r->found, (int)r->plan.ac,
                 (int)r->plan.re);
    } else {
        st = FQ_UI_LIGHT_GREEN;
        snprintf(line, sizeof line, _("%s: %d found, Ac %d: accept; %d more would reject"),
                 _(SEV_NAMES[i]), (int)r->found, (int)r->plan.ac, (int)r->defects_until_reject);
    }
    fq_ui_light_new(row, st);
    fq_widget *l = wrapped(row, line, FQ_TEXT_STRONG, 2);
    fq_widget_set_grow(l, 1);
    if (st == FQ_UI_LIGHT_RED)
        fq_label_set_color(l, th->fail);
}

static void section_tally(aql_ctx *ac, fq_widget *body, const fq_app_aql_view *v)
{
    fq_screens *s = ac->s;
    fq_widget *c = card(body, _("Defects found in the sample"));
    for (int i = 0; i < FQ_AQL_SEVERITIES; i++) {
        int32_t sev = i + FQ_SEV_MINOR;
        if (v->assessment.status == FQ_AQL_STATUS_OK)
            severity_line(ac, c, i, &v->assessment.result.sev[i]);
        else
            fq_label_set_role(fq_label_new(c, _(SEV_NAMES[i])), FQ_TEXT_STRONG);
        for (size_t d = 0; d < v->n_tally; d++)
            if (v->tally[d].severity == sev)
                tally_row(ac, c, &v->tally[d]);
    }
    if (ac->ro)
        return;
    fq_widget *f = fq_screens_text_field(s, c, "aql.new_defect", _("Add defect type"), ac->new_desc,
                                         sizeof ac->new_desc, _("Describe the defect"), NULL, NULL);
    fq_widget_set_handler(f, fq_screens_on_submit_unfocus, NULL);
    fq_widget *row = fq_box_new(c, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    static const char *const sev3[3] = {N_("Minor"), N_("Major"), N_("Critical")};
    fq_widget *ch = fq_choice_new(row, fq_screens_tr_list(s, sev3, 3), 3, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(ch, 2);
    fq_choice_set_selected(ch, ac->new_sev - FQ_SEV_MINOR);
    fq_widget_set_handler(ch, on_new_sev, ac);
    fq_widget *add = fq_button_new(row, _("Add and count 1"), FQ_BUTTON_PRIMARY);
    fq_widget_set_grow(add, 1);
    fq_widget_set_handler(add, on_add_type, ac);
}

static const char *no_verdict_text(fq_aql_status status, int32_t standard)
{
    switch (status) {
    case FQ_AQL_STATUS_OK: break;
    case FQ_AQL_STATUS_NO_LOT_SIZE: return _("enter the lot size");
    case FQ_AQL_STATUS_DISCONTINUED:
        return standard == FQ_AQL_ANSI_Z14 ? _("inspection discontinued (ANSI/ASQ Z1.4 8.4)")
                                           : _("inspection discontinued (ISO 2859-1 9.4)");
    case FQ_AQL_STATUS_NO_AQL: return _("choose an AQL for at least one severity");
    case FQ_AQL_STATUS_TOO_MANY_DEFECTS: return _("more defects counted than units in the sample");
    }
    return "";
}

static void section_verdict(aql_ctx *ac, fq_widget *body, const fq_aql_assessment *as)
{
    const fq_ui_theme *th = fq_ui_theme_current(ac->s->ui);
    fq_widget *c = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_CARD);
    char line[300];
    fq_ui_light_state st = FQ_UI_LIGHT_GREY;
    if (as->status != FQ_AQL_STATUS_OK) {
        snprintf(line, sizeof line, _("No verdict: %s"),
                 no_verdict_text(as->status, ac->plan.standard));
    } else if (as->result.overall == FQ_AQL_OUTCOME_REJECT) {
        /* shown at once, though the lot result waits for the whole sample */
        st = FQ_UI_LIGHT_RED;
        snprintf(line, sizeof line, _("Lot REJECTED (%lld of %lld units sampled)"),
                 (long long)as->sampled, (long long)as->result.largest_sample);
    } else if (!as->sample_complete) {
        st = FQ_UI_LIGHT_YELLOW;
        snprintf(line, sizeof line, _("Accept so far: %lld more units to sample"),
                 (long long)as->to_sample);
    } else if (as->result.reinstate_normal) {
        st = FQ_UI_LIGHT_GREEN;
        snprintf(line, sizeof line, _("Lot ACCEPTED, return to normal inspection (%lld units "
                 "sampled; Z1.4: more defects than Ac, fewer than Re)"), (long long)as->sampled);
    } else {
        st = FQ_UI_LIGHT_GREEN;
        snprintf(line, sizeof line, _("Lot ACCEPTED (%lld units sampled)"), (long long)as->sampled);
    }
    fq_ui_light_new(c, st);
    fq_widget *l = wrapped(c, line, FQ_TEXT_TITLE, 2);
    fq_widget_set_grow(l, 1);
    if (st == FQ_UI_LIGHT_RED)
        fq_label_set_color(l, th->fail);
}

void fq_screens_build_aql(fq_screens *s, fq_widget *body, const fq_app_visit_view *vv)
{
    fq_app_aql_view v;
    if (fq_app_aql_read(s->app, vv->visit.meta.uuid, &v) != FQ_OK) {
        fq_screens_error(s, _("Cannot read the AQL plan"));
        return;
    }
    aql_ctx *ac = fq_screens_alloc(s, sizeof *ac);
    ac->s = s;
    ac->ro = vv->read_only;
    ac->new_sev = FQ_SEV_MAJOR;
    snprintf(ac->visit_uuid, sizeof ac->visit_uuid, "%s", vv->visit.meta.uuid);
    ac->plan = v.plan;
    ac->proposal = v.proposal;
    section_verdict(ac, body, &v.assessment);
    section_lot(ac, body);
    section_aql(ac, body, &v.assessment);
    section_sample(ac, body, &v.assessment);
    section_tally(ac, body, &v);
    section_verdict(ac, body, &v.assessment);
    fq_app_aql_view_free(&v);
}
