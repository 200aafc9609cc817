/* Visit step 3, AQL sampling (ISO 2859-1): lot size, inspection level, severity of
 * inspection with the switching-rule proposal from the lot history, AQL per severity, the
 * resulting plans, sample progress, a defect tally with big +/- buttons, and the live verdict
 * with "n more defects would reject". Every change saves the plan (fq_app_save) and the tally
 * (fq_app_tally_defect); the lot result is written once the sample is complete, so later lots
 * of the same supplier and product get their switching history.
 * Not here: the tables and rules themselves (core/aql.h), photos of defects (photos tab). */
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
    fq_aql_plan plan;
    bool have_plan;       /* stored already */
    fq_aql_switch proposal;
    bool ro;
    int sev_row[FQ_AQL_SEVERITIES];   /* selected AQL choice index per severity */
    int32_t extra_aql[FQ_AQL_SEVERITIES]; /* a stored non-preset AQL, shown as a 9th segment */
    char new_desc[FQ_TEXT_LEN];       /* "add defect type" form */
    int new_sev;                      /* fq_severity */
} aql_ctx;

typedef struct tally_ctx {
    aql_ctx *ac;
    char code[FQ_SHORT_LEN];
    char description[FQ_TEXT_LEN];
    int32_t severity;
} tally_ctx;

/* Common AQLs as big segments (gloves: no typing); "Zero" is zero tolerance, "Off" not
 * inspected. A stored value outside these (from an office job pack) gets its own segment. */
static const int32_t AQL_VALUES[N_AQL_CHOICES] = {
    FQ_AQL_ZERO_TOLERANCE, 650, 1000, 1500, 2500, 4000, 6500, FQ_AQL_NOT_INSPECTED};
static const char *const AQL_LABELS[N_AQL_CHOICES] = {"Zero", "0.65", "1.0", "1.5",
                                                       "2.5",  "4.0",  "6.5", "Off"};
static const char *const SEV_NAMES[FQ_AQL_SEVERITIES] = {"Minor", "Major", "Critical"};

/* A few defect types every consumer-goods inspection meets; the inspector adds others. */
static const struct {
    const char *code;
    const char *description;
    int32_t severity;
} PRESETS[] = {
    {"WM-01", "Scratch or scuff", FQ_SEV_MINOR},
    {"WM-02", "Stain or dirt", FQ_SEV_MINOR},
    {"WM-03", "Crack or chip", FQ_SEV_MAJOR},
    {"LB-01", "Wrong or missing label", FQ_SEV_MAJOR},
    {"FN-01", "Does not function", FQ_SEV_MAJOR},
    {"SF-01", "Sharp edge or point", FQ_SEV_CRITICAL},
};
#define N_PRESETS (sizeof PRESETS / sizeof PRESETS[0])

/* Reports a commit to the host without the "Saved" toast: used for writes the inspector did
 * not make with a tap (the default plan, the lot result following the tally). */
static bool save_quiet(aql_ctx *ac)
{
    fq_screens *s = ac->s;
    if (fq_app_save(s->app, FQ_ENT_AQL_PLAN, &ac->plan) != FQ_OK) {
        scr_error(s, "AQL plan not saved");
        return false;
    }
    ac->have_plan = true;
    if (s->host.saved)
        s->host.saved(s->host.user, "aql_plans", ac->plan.meta.uuid,
                      (long long)ac->plan.meta.revision);
    return true;
}

static void save_plan(fq_screens *s, void *ctx)
{
    aql_ctx *ac = ctx;
    if (ac->plan.sampled < 0)
        ac->plan.sampled = 0;
    if (ac->plan.lot_size > 0 && ac->plan.sampled > ac->plan.lot_size)
        ac->plan.sampled = ac->plan.lot_size;
    fq_err err = fq_app_save(s->app, FQ_ENT_AQL_PLAN, &ac->plan);
    if (scr_saved(s, err, FQ_ENT_AQL_PLAN, &ac->plan.meta))
        scr_rebuild_later(s, true); /* plans and verdicts follow every input */
}

static void on_level(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    aql_ctx *ac = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    ac->plan.level = ev->index;
    save_plan(ac->s, ac);
}

static void on_mode(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    aql_ctx *ac = user;
    if (ev->type == FQ_UI_EV_CHANGE)
        ac->plan.mode = ev->index;
    else if (ev->type == FQ_UI_EV_CLICK) /* "Use tightened" */
        ac->plan.mode = ac->proposal.mode;
    else
        return;
    save_plan(ac->s, ac);
}

static void on_aql(fq_widget *w, const fq_ui_event *ev, void *user)
{
    aql_ctx *ac = user;
    if (ev->type != FQ_UI_EV_CHANGE)
        return;
    int sev = (int)(fq_widget_tag(w) / 100);
    int idx = ev->index + (int)(fq_widget_tag(w) % 100);
    if (idx < N_AQL_CHOICES)
        ac->plan.aql_milli[sev] = AQL_VALUES[idx];
    else
        ac->plan.aql_milli[sev] = ac->extra_aql[sev];
    save_plan(ac->s, ac);
}

static void on_sample_step(fq_widget *w, const fq_ui_event *ev, void *user)
{
    aql_ctx *ac = user;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    ac->plan.sampled += fq_widget_tag(w);
    save_plan(ac->s, ac);
}

static void on_tally(fq_widget *w, const fq_ui_event *ev, void *user)
{
    tally_ctx *tc = user;
    fq_screens *s = tc->ac->s;
    if (ev->type != FQ_UI_EV_CLICK)
        return;
    if (!tc->ac->have_plan && !save_quiet(tc->ac))
        return;
    fq_err err = fq_app_tally_defect(s->app, tc->ac->plan.visit_uuid, tc->code,
                                     tc->description, tc->severity, (int32_t)fq_widget_tag(w));
    if (scr_saved(s, err, FQ_ENT_DEFECT, NULL))
        scr_rebuild_later(s, true);
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
    const char *d = ac->new_desc + strspn(ac->new_desc, " ");
    if (!*d) {
        fq_ui_toast(s->ui, "Describe the defect first", FQ_TOAST_ERROR, 3000);
        return;
    }
    if (!ac->have_plan && !save_quiet(ac))
        return;
    char code[FQ_SHORT_LEN];
    snprintf(code, sizeof code, "%.*s", (int)sizeof code - 1, d); /* the text is the type */
    fq_err err = fq_app_tally_defect(s->app, ac->plan.visit_uuid, code, d, ac->new_sev, 1);
    if (scr_saved(s, err, FQ_ENT_DEFECT, NULL))
        scr_rebuild_later(s, true);
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

/* Loads the visit's plan, or makes the default one (order quantity, level II, critical
 * zero tolerance, major 2.5, minor 4.0) and stores it so the switching history, which the
 * store looks up through the plan, is known; a new plan starts at the proposed mode. */
static void load_plan(aql_ctx *ac, const visit_ctx *vc)
{
    fq_screens *s = ac->s;
    bool created = false;
    ac->have_plan = fq_app_visit_record(s->app, FQ_ENT_AQL_PLAN, vc->visit.meta.uuid,
                                        &ac->plan) == FQ_OK;
    if (!ac->have_plan) {
        memset(&ac->plan, 0, sizeof ac->plan);
        snprintf(ac->plan.visit_uuid, sizeof ac->plan.visit_uuid, "%s", vc->visit.meta.uuid);
        snprintf(ac->plan.supplier, sizeof ac->plan.supplier, "%s", vc->order.supplier);
        snprintf(ac->plan.product, sizeof ac->plan.product, "%s", vc->order.product);
        ac->plan.lot_size = vc->order.quantity;
        ac->plan.level = FQ_AQL_LEVEL_II;
        ac->plan.mode = FQ_AQL_NORMAL;
        ac->plan.aql_milli[0] = 4000;
        ac->plan.aql_milli[1] = 2500;
        ac->plan.aql_milli[2] = FQ_AQL_ZERO_TOLERANCE;
        created = !vc->ro && save_quiet(ac);
    }
    fq_aql_switch_init(&ac->proposal);
    if (ac->have_plan)
        fq_app_aql_proposal(s->app, vc->visit.meta.uuid, &ac->proposal);
    if (created && ac->proposal.mode != FQ_AQL_NORMAL && ac->proposal.mode != FQ_AQL_DISCONTINUED) {
        ac->plan.mode = ac->proposal.mode;
        save_quiet(ac);
    }
}

static void section_lot(aql_ctx *ac, fq_widget *body)
{
    fq_screens *s = ac->s;
    fq_widget *c = card(body, "Lot");
    fq_widget *f = scr_number_field(s, c, "Lot size (units)", &ac->plan.lot_size, 0, save_plan, ac);
    fq_widget_set_disabled(f, ac->ro);
    const char *levels[N_LEVELS];
    for (int i = 0; i < N_LEVELS; i++)
        levels[i] = fq_aql_level_name((fq_aql_level)i);
    fq_widget *row = scr_labelled_row(s, c, "Inspection level");
    fq_widget *lv = fq_choice_new(row, levels, N_LEVELS, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(lv, 1);
    fq_choice_set_selected(lv, ac->plan.level);
    fq_widget_set_handler(lv, on_level, ac);
    fq_widget_set_disabled(lv, ac->ro);

    static const char *const modes[3] = {"Normal", "Tightened", "Reduced"};
    row = scr_labelled_row(s, c, "Inspection");
    fq_widget *md = fq_choice_new(row, modes, 3, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(md, 1);
    fq_choice_set_selected(md, ac->plan.mode);
    fq_widget_set_handler(md, on_mode, ac);
    fq_widget_set_disabled(md, ac->ro);

    /* the switching rules' proposal and why, beside the choice */
    char msg[FQ_AQL_REASON_LEN + 120];
    int pm = ac->proposal.mode;
    snprintf(msg, sizeof msg, "Switching rules (%d earlier lot%s): %s. %s", ac->proposal.n_lots,
             ac->proposal.n_lots == 1 ? "" : "s", fq_aql_mode_name((fq_aql_mode)pm),
             ac->proposal.reason[0] ? ac->proposal.reason : "No lot history: start normal.");
    fq_widget *prow = fq_box_new(c, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_ui_light_new(prow, pm == ac->plan.mode ? FQ_UI_LIGHT_GREEN
                       : pm == FQ_AQL_DISCONTINUED || pm == FQ_AQL_TIGHTENED ? FQ_UI_LIGHT_RED
                                                                             : FQ_UI_LIGHT_YELLOW);
    fq_widget_set_grow(wrapped(prow, msg, FQ_TEXT_SMALL, 4), 1);
    if (pm != ac->plan.mode && pm != FQ_AQL_DISCONTINUED && !ac->ro) {
        char b[40];
        snprintf(b, sizeof b, "Use %s", fq_aql_mode_name((fq_aql_mode)pm));
        fq_widget *ub = fq_button_new(prow, b, FQ_BUTTON_PRIMARY);
        fq_widget_set_handler(ub, on_mode, ac);
    }
}

static void plan_text(const fq_aql_severity_result *r, int64_t lot_size, char *buf, size_t len)
{
    const fq_aql_sampling *p = &r->plan;
    if (r->aql_milli == FQ_AQL_NOT_INSPECTED) {
        snprintf(buf, len, "Not inspected");
        return;
    }
    char arrow[40] = "";
    if (p->plan_letter != p->code_letter)
        snprintf(arrow, sizeof arrow, " (arrow to plan %c)", p->plan_letter);
    if (p->full_inspection)
        snprintf(buf, len, "Code %c%s: inspect all %lld units, Ac %d Re %d", p->code_letter,
                 arrow, (long long)lot_size, (int)p->ac, (int)p->re);
    else
        snprintf(buf, len, "Code %c%s: sample %lld, Ac %d Re %d", p->code_letter, arrow,
                 (long long)p->sample_size, (int)p->ac, (int)p->re);
}

static void section_aql(aql_ctx *ac, fq_widget *body, const fq_aql_visit_result *res, bool ok)
{
    fq_screens *s = ac->s;
    fq_widget *c = card(body, "AQL and sampling plan");
    for (int i = 0; i < FQ_AQL_SEVERITIES; i++) {
        const char *labels[N_AQL_CHOICES + 1];
        int n = N_AQL_CHOICES;
        int sel = -1;
        char extra[16];
        for (int k = 0; k < N_AQL_CHOICES; k++) {
            labels[k] = AQL_LABELS[k];
            if (AQL_VALUES[k] == ac->plan.aql_milli[i])
                sel = k;
        }
        if (sel < 0) { /* a table AQL the presets do not offer */
            ac->extra_aql[i] = ac->plan.aql_milli[i];
            labels[n] = fq_aql_format_aql(ac->plan.aql_milli[i], extra, sizeof extra);
            sel = n++;
        }
        char title[40];
        snprintf(title, sizeof title, "%s AQL", SEV_NAMES[i]);
        fq_widget *row = scr_labelled_row(s, c, title);
        /* portrait: two rows of segments so "0.65" and "Zero" stay whole at 480 px */
        int per_row = scr_landscape(s) ? n : 4;
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
            snprintf(line, sizeof line, "Zero tolerance: Ac 0 Re 1 at %lld units",
                     (long long)res->largest_sample);
        fq_label_set_role(fq_label_new(c, line), FQ_TEXT_STRONG);
        if (res->sev[i].zero_tolerance)
            wrapped(c, fq_aql_zero_tolerance_text(), FQ_TEXT_SMALL, 4);
    }
}

static void section_sample(aql_ctx *ac, fq_widget *body, const fq_aql_visit_result *res, bool ok)
{
    fq_screens *s = ac->s;
    fq_widget *c = card(body, "Sample");
    char line[160];
    if (ok) {
        int64_t left = res->largest_sample - ac->plan.sampled;
        snprintf(line, sizeof line, "%lld of %lld units sampled%s", (long long)ac->plan.sampled,
                 (long long)res->largest_sample, left <= 0 ? ": sample complete" : "");
        fq_widget *l = fq_label_new(c, line);
        fq_label_set_role(l, FQ_TEXT_STRONG);
        fq_label_set_wrap(l, 2);
    }
    /* field and +1/+5/+10 side by side in both orientations (the labelled row is a column
     * in portrait) */
    fq_widget *row = fq_box_new(scr_labelled_row(s, c, "Units sampled"), FQ_BOX_ROW_DIR,
                                FQ_BOX_PLAIN);
    fq_widget *f = scr_number_field(s, row, NULL, &ac->plan.sampled, 0, save_plan, ac);
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

static void tally_row(aql_ctx *ac, fq_widget *parent, const char *code, const char *desc,
                      int32_t severity, int32_t count)
{
    tally_ctx *tc = scr_alloc(ac->s, sizeof *tc);
    tc->ac = ac;
    snprintf(tc->code, sizeof tc->code, "%s", code);
    snprintf(tc->description, sizeof tc->description, "%s", desc);
    tc->severity = severity;
    fq_widget *row = fq_box_new(parent, FQ_BOX_ROW_DIR, FQ_BOX_ROW);
    fq_widget *l = fq_label_new(row, desc[0] ? desc : code);
    fq_widget_set_grow(l, 1);
    fq_widget *minus = fq_button_new(row, "-", FQ_BUTTON_NORMAL);
    fq_widget_set_size_mm(minus, 14, 0);
    fq_widget_set_tag(minus, -1);
    fq_widget_set_handler(minus, on_tally, tc);
    fq_widget_set_disabled(minus, ac->ro || count == 0);
    char n[16];
    snprintf(n, sizeof n, "%d", (int)count);
    fq_widget *cl = fq_label_new(row, n);
    fq_label_set_role(cl, FQ_TEXT_TITLE);
    fq_label_set_align(cl, FQ_ALIGN_CENTER);
    fq_widget_set_size_mm(cl, 10, 0);
    fq_widget *plus = fq_button_new(row, "+", FQ_BUTTON_PRIMARY);
    fq_widget_set_size_mm(plus, 14, 0);
    fq_widget_set_tag(plus, 1);
    fq_widget_set_handler(plus, on_tally, tc);
    fq_widget_set_disabled(plus, ac->ro);
}

static void severity_line(aql_ctx *ac, fq_widget *parent, int i, const fq_aql_severity_result *r)
{
    const fq_ui_theme *th = fq_ui_theme_current(ac->s->ui);
    char line[200];
    fq_widget *row = fq_box_new(parent, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    fq_ui_light_state st = FQ_UI_LIGHT_GREY;
    if (r->aql_milli == FQ_AQL_NOT_INSPECTED) {
        snprintf(line, sizeof line, "%s: not inspected", SEV_NAMES[i]);
    } else if (r->outcome == FQ_AQL_OUTCOME_REJECT) {
        st = FQ_UI_LIGHT_RED;
        snprintf(line, sizeof line, "%s: %d found, Re %d: REJECT (%d over Ac)", SEV_NAMES[i],
                 (int)r->found, (int)r->plan.re, (int)r->defects_over_ac);
    } else {
        st = FQ_UI_LIGHT_GREEN;
        snprintf(line, sizeof line, "%s: %d found, Ac %d: accept; %d more would reject",
                 SEV_NAMES[i], (int)r->found, (int)r->plan.ac, (int)r->defects_until_reject);
    }
    fq_ui_light_new(row, st);
    fq_widget *l = wrapped(row, line, FQ_TEXT_STRONG, 2);
    fq_widget_set_grow(l, 1);
    if (st == FQ_UI_LIGHT_RED)
        fq_label_set_color(l, th->fail);
}

static void section_tally(aql_ctx *ac, fq_widget *body, const fq_aql_visit_result *res, bool ok,
                          const fq_defect *defs, size_t n_defs)
{
    fq_screens *s = ac->s;
    fq_widget *c = card(body, "Defects found in the sample");
    for (int i = 0; i < FQ_AQL_SEVERITIES; i++) {
        int32_t sev = i + FQ_SEV_MINOR;
        if (ok)
            severity_line(ac, c, i, &res->sev[i]);
        else
            fq_label_set_role(fq_label_new(c, SEV_NAMES[i]), FQ_TEXT_STRONG);
        /* presets first (count 0 until tallied), then the types the inspector added */
        for (size_t k = 0; k < N_PRESETS; k++) {
            if (PRESETS[k].severity != sev)
                continue;
            int32_t count = 0;
            for (size_t d = 0; d < n_defs; d++)
                if (defs[d].severity == sev && !strcmp(defs[d].code, PRESETS[k].code))
                    count = defs[d].count;
            tally_row(ac, c, PRESETS[k].code, PRESETS[k].description, sev, count);
        }
        for (size_t d = 0; d < n_defs; d++) {
            bool preset = false;
            for (size_t k = 0; k < N_PRESETS; k++)
                preset = preset || (PRESETS[k].severity == sev && !strcmp(defs[d].code, PRESETS[k].code));
            if (defs[d].severity == sev && !preset)
                tally_row(ac, c, defs[d].code, defs[d].description, sev, defs[d].count);
        }
    }
    if (ac->ro)
        return;
    fq_widget *f = scr_text_field(s, c, "Add defect type", ac->new_desc, sizeof ac->new_desc,
                                  "Describe the defect", NULL, NULL);
    fq_widget_set_handler(f, scr_on_submit_unfocus, NULL);
    fq_widget *row = fq_box_new(c, FQ_BOX_ROW_DIR, FQ_BOX_PLAIN);
    static const char *const sev3[3] = {"Minor", "Major", "Critical"};
    fq_widget *ch = fq_choice_new(row, sev3, 3, FQ_CHOICE_SEGMENTED);
    fq_widget_set_grow(ch, 2);
    fq_choice_set_selected(ch, ac->new_sev - FQ_SEV_MINOR);
    fq_widget_set_handler(ch, on_new_sev, ac);
    fq_widget *add = fq_button_new(row, "Add and count 1", FQ_BUTTON_PRIMARY);
    fq_widget_set_grow(add, 1);
    fq_widget_set_handler(add, on_add_type, ac);
}

static void section_verdict(aql_ctx *ac, fq_widget *body, const fq_aql_visit_result *res, bool ok,
                            const char *why)
{
    const fq_ui_theme *th = fq_ui_theme_current(ac->s->ui);
    fq_widget *c = fq_box_new(body, FQ_BOX_ROW_DIR, FQ_BOX_CARD);
    char line[300];
    fq_ui_light_state st = FQ_UI_LIGHT_GREY;
    if (!ok) {
        snprintf(line, sizeof line, "No verdict: %s", why);
    } else if (res->overall == FQ_AQL_OUTCOME_REJECT) {
        st = FQ_UI_LIGHT_RED;
        snprintf(line, sizeof line, "Lot REJECTED (%lld of %lld units sampled)",
                 (long long)ac->plan.sampled, (long long)res->largest_sample);
    } else if (ac->plan.sampled < res->largest_sample) {
        st = FQ_UI_LIGHT_YELLOW;
        snprintf(line, sizeof line, "Accept so far: %lld more units to sample",
                 (long long)(res->largest_sample - ac->plan.sampled));
    } else {
        st = FQ_UI_LIGHT_GREEN;
        snprintf(line, sizeof line, "Lot ACCEPTED (%lld units sampled)",
                 (long long)ac->plan.sampled);
    }
    fq_ui_light_new(c, st);
    fq_widget *l = wrapped(c, line, FQ_TEXT_TITLE, 2);
    fq_widget_set_grow(l, 1);
    if (st == FQ_UI_LIGHT_RED)
        fq_label_set_color(l, th->fail);
}

/* The lot result follows the verdict once the whole sample is drawn (a reject found early
 * is final only then too, so a recount can still change it). */
static void sync_lot_result(aql_ctx *ac, const fq_aql_visit_result *res, bool ok)
{
    int32_t want = 0;
    if (ok && res->largest_sample > 0 && ac->plan.sampled >= res->largest_sample)
        want = res->overall == FQ_AQL_OUTCOME_REJECT ? 2
             : res->overall == FQ_AQL_OUTCOME_ACCEPT ? 1 : 0;
    if (want != ac->plan.lot_result && ac->have_plan && !ac->ro) {
        ac->plan.lot_result = want;
        save_quiet(ac);
    }
}

void tab_aql(fq_screens *s, fq_widget *body, visit_ctx *vc)
{
    aql_ctx *ac = scr_alloc(s, sizeof *ac);
    ac->s = s;
    ac->ro = vc->ro;
    ac->new_sev = FQ_SEV_MAJOR;
    load_plan(ac, vc);

    int64_t totals[FQ_SEV_COUNT] = {0};
    int32_t found[FQ_AQL_SEVERITIES] = {0};
    if (fq_app_defect_totals(s->app, vc->visit.meta.uuid, totals) == FQ_OK)
        for (int i = 0; i < FQ_AQL_SEVERITIES; i++)
            found[i] = totals[i + 1] > INT32_MAX ? INT32_MAX : (int32_t)totals[i + 1];
    fq_aql_visit_result res;
    memset(&res, 0, sizeof res);
    const char *why = "";
    bool ok = false;
    if (ac->plan.lot_size < 2)
        why = "enter the lot size";
    else if (ac->plan.mode == FQ_AQL_DISCONTINUED)
        why = "inspection discontinued (ISO 2859-1 9.4)";
    else if (fq_aql_evaluate_visit(ac->plan.lot_size, (fq_aql_level)ac->plan.level,
                                   (fq_aql_mode)ac->plan.mode, ac->plan.aql_milli, found,
                                   &res) == FQ_OK)
        ok = true;
    else if (fq_aql_evaluate_visit(ac->plan.lot_size, (fq_aql_level)ac->plan.level,
                                   (fq_aql_mode)ac->plan.mode, ac->plan.aql_milli, NULL,
                                   &res) == FQ_OK)
        why = "more defects counted than units in the sample";
    else
        why = "choose an AQL for at least one severity";
    sync_lot_result(ac, &res, ok);

    void *arr = NULL;
    size_t n_defs = 0;
    if (fq_app_list(s->app, FQ_ENT_DEFECT, "visit_uuid", vc->visit.meta.uuid, NULL, &arr,
                    &n_defs) != FQ_OK)
        n_defs = 0;
    section_verdict(ac, body, &res, ok, why);
    section_lot(ac, body);
    section_aql(ac, body, &res, ok);
    section_sample(ac, body, &res, ok);
    section_tally(ac, body, &res, ok, arr, n_defs);
    section_verdict(ac, body, &res, ok, why);
    free(arr);
}
