/* The evidence rules of evidence.h. Messages name the figure and what to do about it. */
#include "core/evidence.h"
#include "core/tr.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Answers that say nothing about what was done (lowercase, punctuation dropped). */
static const char *const STOCK_ANSWERS[] = {
    "ok",    "okay",  "done",       "fixed",  "solved", "resolved", "closed", "yes",
    "no",    "na",    "n a",        "none",   "noted",  "will do",  "will fix", "later",
    "tbd",   "todo",  "see above",  "same",   "checked", "ok done", "all ok", "fine",
    "good",  "passed", "no problem", "no issue", "已解决", "好", "好的", "完成", "已完成",
};

static void say(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *buf, size_t len, const char *fmt, ...)
{
    if (!buf || !len)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, len, fmt, ap);
    va_end(ap);
}

/* Letters and digits, weighted: an ASCII one 1, any other character (a lead byte of a
 * multi-byte UTF-8 sequence) 3, punctuation and spaces 0. The text, lowercased with
 * punctuation squeezed to single spaces, goes to norm. */
static int weigh(const char *text, char *norm, size_t norm_len)
{
    int weight = 0;
    size_t k = 0;
    bool space = true;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        unsigned char c = *p;
        bool word = c >= 0x80 || isalnum(c);
        if (c >= 0xC0 || (c < 0x80 && isalnum(c)))
            weight += c >= 0x80 ? 3 : 1;
        if (word) {
            if (k + 1 < norm_len)
                norm[k++] = (char)(c < 0x80 ? tolower(c) : c);
            space = false;
        } else if (!space) {
            if (k + 1 < norm_len)
                norm[k++] = ' ';
            space = true;
        }
    }
    while (k > 0 && norm[k - 1] == ' ')
        k--;
    norm[k] = '\0';
    return weight;
}

bool fq_text_has_substance(const char *text, char *why, size_t why_len)
{
    char norm[256];
    int weight = weigh(text ? text : "", norm, sizeof norm);
    for (size_t i = 0; i < sizeof STOCK_ANSWERS / sizeof STOCK_ANSWERS[0]; i++)
        if (!strcmp(norm, STOCK_ANSWERS[i])) {
            say(why, why_len, FQ_TR("\"%s\" says nothing about what was done: write what was done "
                              "and who confirmed it"), norm);
            return false;
        }
    if (weight < FQ_EVIDENCE_MIN_WEIGHT) {
        say(why, why_len, FQ_TR("too short to say what was done: write what was done and who "
                          "confirmed it (e.g. \"Line 3 re-glazed 40 units, checked by QC lead\")"));
        return false;
    }
    return true;
}

static bool blank(const char *text)
{
    return !text || !text[strspn(text, " \t\r\n")];
}

static void count_problem(fq_count_check *out, fq_count_field field, bool confirm,
                          const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void count_problem(fq_count_check *out, fq_count_field field, bool confirm,
                          const char *fmt, ...)
{
    out->ok = false;
    out->field = field;
    out->needs_confirmation = confirm;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    va_end(ap);
}

void fq_production_check(const fq_production *p, bool over_confirmed, fq_count_check *out)
{
    memset(out, 0, sizeof *out);
    out->ok = true;
    static const fq_count_field fields[4] = {FQ_COUNT_ORDERED, FQ_COUNT_COMPLETED,
                                             FQ_COUNT_PACKED, FQ_COUNT_CARTONS};
    const int64_t values[4] = {p->ordered, p->completed, p->packed, p->cartons};
    for (int i = 0; i < 4; i++)
        if (values[i] < 0) {
            count_problem(out, fields[i], false, FQ_TR("a count cannot be negative"));
            return;
        }
    if (p->packed > p->completed) {
        count_problem(out, FQ_COUNT_PACKED, false,
                      FQ_TR("%lld packed is more than the %lld completed: check both counts"),
                      (long long)p->packed, (long long)p->completed);
        return;
    }
    if (p->ordered <= 0)
        return;
    int64_t over = p->completed - p->ordered;
    fq_count_field field = FQ_COUNT_COMPLETED;
    if (over <= 0 && p->packed > p->ordered) {
        over = p->packed - p->ordered;
        field = FQ_COUNT_PACKED;
    }
    if (over <= 0)
        return;
    if (!over_confirmed)
        count_problem(out, field, true,
                      FQ_TR("%lld is more than the %lld ordered (%lld over): confirm it and say why "
                      "in the note"),
                      (long long)(field == FQ_COUNT_COMPLETED ? p->completed : p->packed),
                      (long long)p->ordered, (long long)over);
    else if (blank(p->note))
        count_problem(out, field, true,
                      FQ_TR("%lld over the order: the note must say why (spares, overproduction, "
                      "a wrong order quantity)"), (long long)over);
}

void fq_production_progress_text(const fq_production *p, char *buf, size_t len)
{
    if (!len)
        return;
    buf[0] = '\0';
    if (p->ordered <= 0)
        return;
    if (p->completed > p->ordered) {
        snprintf(buf, len, FQ_TR("%lld completed of %lld ordered: %lld over the order, %lld packed"),
                 (long long)p->completed, (long long)p->ordered,
                 (long long)(p->completed - p->ordered), (long long)p->packed);
        return;
    }
    snprintf(buf, len, FQ_TR("%lld %% complete, %lld %% packed, %lld remaining"),
             (long long)(p->completed * 100 / p->ordered),
             (long long)(p->packed * 100 / p->ordered), (long long)(p->ordered - p->completed));
}

fq_err fq_sample_check(int64_t sampled, int64_t sample_size, int64_t lot_size, char *why,
                       size_t why_len)
{
    if (sampled < 0) {
        say(why, why_len, FQ_TR("units sampled cannot be negative"));
        return FQ_ERR_INVALID;
    }
    if (sample_size > 0 && sampled > sample_size) {
        say(why, why_len, FQ_TR("the plan samples %lld units: %lld is more than the sample (a "
                          "bigger sample needs a bigger lot or another plan)"),
            (long long)sample_size, (long long)sampled);
        return FQ_ERR_INVALID;
    }
    if (sample_size <= 0 && lot_size >= 0 && sampled > lot_size) {
        say(why, why_len, FQ_TR("the lot has %lld units: %lld cannot be sampled from it"),
            (long long)lot_size, (long long)sampled);
        return FQ_ERR_INVALID;
    }
    return FQ_OK;
}

bool fq_finding_lacks_evidence(const fq_finding *f, int32_t fail_evidence, int32_t n_photos)
{
    return f->result == FQ_RESULT_FAIL && fail_evidence == FQ_FAIL_EVIDENCE_REQUIRED &&
           blank(f->note) && n_photos <= 0;
}

static void problem(fq_signoff_check *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(fq_signoff_check *out, const char *fmt, ...)
{
    if (out->n_problems >= FQ_SIGNOFF_PROBLEMS_MAX)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->problems[out->n_problems++], FQ_EVIDENCE_MSG_LEN, fmt, ap);
    va_end(ap);
}

fq_err fq_signoff_rules(const fq_signoff_facts *f, fq_signoff_check *out)
{
    memset(out, 0, sizeof *out);
    char why[FQ_EVIDENCE_MSG_LEN];
    if (f->verdict < 0 || f->verdict >= FQ_VERDICT_COUNT)
        problem(out, FQ_TR("choose a verdict"));
    if (blank(f->inspector_name))
        problem(out, FQ_TR("the inspector must be named"));
    if (!f->inspector_signed)
        problem(out, FQ_TR("the inspector must sign"));
    if (f->rep_refused) {
        if (f->rep_signed)
            problem(out, FQ_TR("the factory representative signed and refused: clear one of them"));
        else if (!fq_text_has_substance(f->refusal_reason, why, sizeof why))
            problem(out, FQ_TR("the factory representative's refusal needs its reason: %s"), why);
    } else {
        if (blank(f->rep_name))
            problem(out, FQ_TR("the factory representative must be named (or their refusal to "
                         "sign recorded with the reason)"));
        if (!f->rep_signed)
            problem(out, FQ_TR("the factory representative must sign (or their refusal to sign "
                         "be recorded with the reason)"));
    }
    if (f->verdict == FQ_VERDICT_PASS && f->n_unanswered > 0) {
        if (blank(f->override_reason))
            problem(out, FQ_TR("%d of %d checklist items are unanswered: answer them, mark them N/A, "
                         "or give the reason to pass anyway"),
                    (int)f->n_unanswered, (int)f->n_items);
        else if (!fq_text_has_substance(f->override_reason, why, sizeof why))
            problem(out, FQ_TR("the reason to pass with %d unanswered items: %s"),
                    (int)f->n_unanswered, why);
        else
            out->override_used = true;
    }
    if (f->n_lacking_evidence > 0)
        problem(out,
                FQ_TRN("%d failed item needs a note or a photo as evidence",
                       "%d failed items need a note or a photo as evidence",
                       f->n_lacking_evidence),
                (int)f->n_lacking_evidence);
    return out->n_problems ? FQ_ERR_INVALID : FQ_OK;
}
