/* Bound fields for the screens: a labelled field editing a record's member, committed when
 * typing pauses (SETTLE), the inspector moves focus or closes the keyboard (BLUR): no save
 * button, and nothing typed is lost to a kill. Enter moves to the next field with the
 * keyboard up, so nothing moves under the next tap. Numbers are shown in display units (kg,
 * cm) and stored as integers (g, mm). A field has a key: the rebuild after its commit
 * focuses it again, and a refused value's message is shown under it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/screens_internal.h"

typedef struct bound {
    fq_screens *s;
    fq_screens_commit_fn commit;
    void *ctx;
    int64_t *value; /* number fields */
    int decimals;
    char text[32];  /* number fields: the text being edited */
    char shown[32]; /* number fields: the text as built or last committed */
} bound;

bool fq_screens_parse_scaled(const char *text, int decimals, int64_t *out)
{
    const char *p = text;
    while (*p == ' ')
        p++;
    if (!*p) {
        *out = 0;
        return true;
    }
    int neg = 0;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    int64_t whole = 0, frac = 0;
    int nd = 0, nf = 0;
    for (; *p >= '0' && *p <= '9'; p++, nd++) {
        if (whole > 100000000000LL)
            return false;
        whole = whole * 10 + (*p - '0');
    }
    if (*p == '.' || *p == ',') {
        p++;
        for (; *p >= '0' && *p <= '9'; p++, nf++) {
            if (nf >= decimals)
                return false; /* more precision than stored */
            frac = frac * 10 + (*p - '0');
        }
    }
    while (*p == ' ')
        p++;
    if (*p || (nd == 0 && nf == 0))
        return false;
    for (int i = nf; i < decimals; i++)
        frac *= 10;
    int64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    int64_t v = whole * scale + frac;
    *out = neg ? -v : v;
    return true;
}

void fq_screens_format_scaled(int64_t v, int decimals, char *buf, size_t len)
{
    if (decimals == 0) {
        snprintf(buf, len, "%lld", (long long)v);
        return;
    }
    int64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    int64_t a = v < 0 ? -v : v;
    int64_t frac = a % scale;
    int d = decimals;
    while (d > 0 && frac % 10 == 0) { /* 12.500 kg shows as 12.5 */
        frac /= 10;
        d--;
    }
    if (d == 0)
        snprintf(buf, len, "%s%lld", v < 0 ? "-" : "", (long long)(a / scale));
    else
        snprintf(buf, len, _("%s%lld.%0*lld"), v < 0 ? "-" : "", (long long)(a / scale), d,
                 (long long)frac);
}

/* Enter: the next field (its BLUR commits this one), or closing the keyboard after the last. */
static void next_field(fq_ui *ui)
{
    if (!fq_ui_focus_forward(ui))
        fq_ui_focus(ui, NULL);
}

static void on_text_field(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    bound *b = user;
    if (!b->commit)
        return;
    if (ev->type == FQ_UI_EV_BLUR || ev->type == FQ_UI_EV_SETTLE)
        b->commit(b->s, b->ctx);
    else if (ev->type == FQ_UI_EV_SUBMIT)
        next_field(b->s->ui);
}

/* Zero shows as an empty field with a grey "0" placeholder: typing on the pad then gives
 * "120", not "0120", and nobody has to delete a zero first. */
static void number_text(const bound *b, char *buf, size_t len)
{
    if (*b->value == 0)
        buf[0] = '\0';
    else
        fq_screens_format_scaled(*b->value, b->decimals, buf, len);
}

static void on_number_field(fq_widget *w, const fq_ui_event *ev, void *user)
{
    bound *b = user;
    if (ev->type == FQ_UI_EV_SUBMIT) {
        next_field(b->s->ui); /* its BLUR commits */
        return;
    }
    if (ev->type != FQ_UI_EV_BLUR && ev->type != FQ_UI_EV_SETTLE)
        return;
    int64_t v;
    char shown[32];
    number_text(b, shown, sizeof shown);
    /* untouched since it was shown: a +10 button or a scan may have changed the value under
     * it, and this stale text must not write the old value back */
    if (!strcmp(b->shown, b->text) || !strcmp(shown, b->text))
        return;
    bool ok = fq_screens_parse_scaled(b->text, b->decimals, &v) && v >= 0;
    if (ev->type == FQ_UI_EV_SETTLE) {
        /* a pause commits only what reads back the same: "12." waits for its decimals */
        char again[32];
        if (ok)
            fq_screens_format_scaled(v, b->decimals, again, sizeof again);
        if (!ok || strcmp(again, b->text + strspn(b->text, " ")) != 0 || v == *b->value)
            return;
    }
    if (!ok) {
        fq_ui_toast(b->s->ui, _("Not a valid number: not saved"), FQ_TOAST_ERROR, 3000);
        snprintf(b->text, sizeof b->text, "%s", shown);
        fq_ui_field_sync(w);
        return;
    }
    snprintf(b->shown, sizeof b->shown, "%s", b->text);
    if (v != *b->value) {
        *b->value = v;
        b->commit(b->s, b->ctx);
    }
}

/* The message of a refused value, under the field it is about. */
static void field_message(fq_screens *s, fq_widget *parent, const char *key)
{
    if (!key || !s->error_key[0] || strcmp(s->error_key, key) != 0)
        return;
    fq_widget *l = fq_label_new(parent, s->error_msg);
    fq_label_set_wrap(l, 3);
    fq_label_set_role(l, FQ_TEXT_STRONG);
    fq_label_set_color(l, fq_ui_theme_current(s->ui)->fail);
}

fq_widget *fq_screens_labelled_row(fq_screens *s, fq_widget *parent, const char *label)
{
    bool wide = fq_screens_landscape(s);
    fq_widget *row = fq_box_new(parent, wide ? FQ_BOX_ROW_DIR : FQ_BOX_COLUMN, FQ_BOX_PLAIN);
    fq_widget_set_gap_mm(row, wide ? 2 : 0.5f);
    fq_widget *l = fq_label_new(row, label);
    if (wide)
        fq_widget_set_size_mm(l, 38, 0);
    fq_label_set_role(l, FQ_TEXT_STRONG);
    return row;
}

fq_widget *fq_screens_text_field(fq_screens *s, fq_widget *parent, const char *key,
                                 const char *label, char *buf, size_t cap,
                                 const char *placeholder, fq_screens_commit_fn commit, void *ctx)
{
    bound *b = fq_screens_alloc(s, sizeof *b);
    b->s = s;
    b->commit = commit;
    b->ctx = ctx;
    fq_widget *row = label ? fq_screens_labelled_row(s, parent, label) : parent;
    fq_widget *f = fq_ui_field_new(row, buf, cap, FQ_UI_FIELD_TEXT);
    fq_widget_set_grow(f, 1);
    if (placeholder)
        fq_ui_field_set_placeholder(f, placeholder);
    fq_widget_set_handler(f, on_text_field, b);
    fq_screens_field_key(s, f, key);
    field_message(s, parent, key);
    return f;
}

fq_widget *fq_screens_note_field(fq_screens *s, fq_widget *parent, const char *key,
                                 const char *label, char *buf, size_t cap,
                                 const char *placeholder, fq_screens_commit_fn commit, void *ctx)
{
    return fq_screens_text_field(s, parent, key, label, buf, cap, placeholder, commit, ctx);
}

fq_widget *fq_screens_number_field(fq_screens *s, fq_widget *parent, const char *key,
                                   const char *label, int64_t *value, int decimals,
                                   fq_screens_commit_fn commit, void *ctx)
{
    bound *b = fq_screens_alloc(s, sizeof *b);
    b->s = s;
    b->commit = commit;
    b->ctx = ctx;
    b->value = value;
    b->decimals = decimals;
    number_text(b, b->text, sizeof b->text);
    snprintf(b->shown, sizeof b->shown, "%s", b->text);
    fq_widget *row = label ? fq_screens_labelled_row(s, parent, label) : parent;
    fq_widget *f = fq_ui_field_new(row, b->text, sizeof b->text,
                                decimals ? FQ_UI_FIELD_DECIMAL : FQ_UI_FIELD_INTEGER);
    fq_widget_set_grow(f, 1);
    fq_ui_field_set_placeholder(f, "0");
    fq_widget_set_handler(f, on_number_field, b);
    fq_screens_field_key(s, f, key);
    /* without a label the field sits in a row of a labelled row: the message goes below it */
    fq_widget *under = label ? parent : fq_widget_parent(parent);
    if (!label && fq_widget_parent(under))
        under = fq_widget_parent(under);
    field_message(s, under, key);
    return f;
}

void fq_screens_on_submit_unfocus(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)user;
    if (ev->type == FQ_UI_EV_SUBMIT)
        next_field(fq_widget_ui(w));
}
