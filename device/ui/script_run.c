/* The one script runner (script.h): replays parsed commands against a fq_ui on the script
 * clock, resolves the located commands with locate.c, and leaves painting, screenshots and
 * real-time pauses to the host's hooks. Used by fq_platform_run_script (the app's --script,
 * the ui gallery and platform tests) and headless by test_ui.
 * Deliberately no I/O, no SDL and no real clock: the host decides what a frame, a shot and a
 * pause are, so the same replay runs with or without a display. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ui/locate.h"
#include "ui/script.h"
#include "ui_internal.h"

#define PACE_MS 2000       /* after a located tap: a person's pace */
#define PAD_MS 300         /* between the keys of pad "..." */
#define STROKE_STEPS 16    /* draw-after: segments of the zigzag */
#define STROKE_STEP_MS 16  /* draw-after: time between its pointer events */
#define MAX_CMD_EVENTS 64  /* a text line of 127 bytes is at most 5 events; a drag 12 */

typedef struct runner {
    fq_ui *ui;
    fq_ui_script_host host;
    int64_t clock;
    const fq_ui_script_cmd *cmd; /* the command running, for messages */
    char *errmsg;
    size_t errmsg_len;
} runner;

static fq_ui_result fail(runner *r, fq_ui_result rc, const char *fmt, ...);
static fq_ui_result render(runner *r);
static fq_ui_result run_cmd(runner *r, const fq_ui_script_cmd *c);

fq_ui_result fq_ui_script_run(fq_ui *ui, const fq_ui_script *script,
                              const fq_ui_script_host *host, char *errmsg, size_t errmsg_len)
{
    runner r;
    memset(&r, 0, sizeof r);
    r.ui = ui;
    if (host)
        r.host = *host;
    r.clock = ui->now_ms; /* timers already running keep their deadlines */
    r.errmsg = errmsg;
    r.errmsg_len = errmsg_len;
    if (errmsg_len)
        errmsg[0] = '\0';
    fq_ui_result rc = render(&r); /* what the screen shows before the first command */
    for (size_t i = 0; i < fq_ui_script_count(script) && rc == FQ_UI_OK; i++)
        rc = run_cmd(&r, fq_ui_script_get(script, i));
    return rc;
}

/* ---------------------------------------------------------------- the clock ---------- */

static void settle(runner *r)
{
    if (r->host.settle)
        r->host.settle(r->host.user);
}

/* Moves the clock to `until`, ticking the ui at each timer deadline on the way and at
 * `until` itself, as the live loop wakes for them. */
static void advance(runner *r, int64_t until)
{
    while (r->clock < until) {
        int t = fq_ui_timeout_ms(r->ui, r->clock);
        int64_t next = t < 0 ? until : r->clock + (t > 0 ? t : 1); /* due now: 1 ms on */
        r->clock = next < until ? next : until;
        fq_ui_tick(r->ui, r->clock);
        settle(r);
    }
}

/* One event at its time: timers due before it run first, a tick follows it. */
static void deliver(runner *r, const fq_input *in)
{
    advance(r, in->time_ms);
    fq_ui_handle_input(r->ui, in);
    settle(r);
    fq_ui_tick(r->ui, r->clock);
    settle(r);
}

static fq_ui_result render(runner *r)
{
    if (!r->host.render || !fq_ui_needs_redraw(r->ui))
        return FQ_UI_OK;
    char why[256] = "";
    fq_ui_result rc = r->host.render(r->host.user, r->ui, why, sizeof why);
    return rc == FQ_UI_OK ? rc : fail(r, rc, "cannot paint the frame: %s", why);
}

/* ---------------------------------------------------------------- commands ----------- */

static void pointer(runner *r, fq_input_type type, int x, int y, int64_t time_ms)
{
    fq_input in;
    memset(&in, 0, sizeof in);
    in.type = type;
    in.x = x;
    in.y = y;
    in.time_ms = time_ms;
    deliver(r, &in);
}

/* The toolkit's own commands: their events from fq_ui_script_events, each at its time. */
static void play_events(runner *r, const fq_ui_script_cmd *c)
{
    fq_input ev[MAX_CMD_EVENTS];
    int64_t end = r->clock;
    size_t n = fq_ui_script_events(c, &end, ev, MAX_CMD_EVENTS);
    for (size_t i = 0; i < n; i++)
        deliver(r, &ev[i]);
    advance(r, end);
}

/* A finger at x,y (down, 50 ms, up, as `tap X Y`), then pace_ms before the next. */
static void tap_paced(runner *r, int x, int y, int pace_ms)
{
    fq_ui_script_cmd tap;
    memset(&tap, 0, sizeof tap);
    tap.op = FQ_UI_SCRIPT_TAP;
    tap.x = x;
    tap.y = y;
    play_events(r, &tap);
    advance(r, r->clock + pace_ms);
}

/* A signature: a zigzag across the middle eight tenths of `box`. */
static void stroke(runner *r, fq_rect box)
{
    for (int i = 0; i <= STROKE_STEPS; i++) {
        fq_input_type type = i == 0              ? FQ_INPUT_POINTER_DOWN
                             : i == STROKE_STEPS ? FQ_INPUT_POINTER_UP
                                                 : FQ_INPUT_POINTER_MOVE;
        int x = box.x + box.w / 10 + (box.w * 8 / 10) * i / STROKE_STEPS;
        int dy = i % 4 == 1 ? -box.h / 3 : i % 4 == 3 ? box.h / 3 : 0;
        pointer(r, type, x, box.y + box.h / 2 + dy, r->clock);
        advance(r, r->clock + STROKE_STEP_MS);
    }
}

/* A mark: a straight drag inside `box` between two points given in percent. */
static void mark(runner *r, fq_rect box, const fq_ui_script_cmd *c)
{
    enum { STEPS = 9 };
    for (int i = 0; i <= STEPS; i++) {
        fq_input_type type = i == 0       ? FQ_INPUT_POINTER_DOWN
                             : i == STEPS ? FQ_INPUT_POINTER_UP
                                          : FQ_INPUT_POINTER_MOVE;
        int px = c->x + (c->x1 - c->x) * i / STEPS;
        int py = c->y + (c->y1 - c->y) * i / STEPS;
        pointer(r, type, box.x + box.w * px / 100, box.y + box.h * py / 100, r->clock);
        advance(r, r->clock + STROKE_STEP_MS);
    }
}

/* Two fingers: the first goes down left of the centre, then the pair spreads (or closes) to
 * x1 percent of its distance in even steps, then lifts. */
static void pinch_steps(runner *r, fq_rect box, const fq_ui_script_cmd *c)
{
    enum { STEPS = 8 };
    int cx = box.x + box.w * c->x / 100, cy = box.y + box.h * c->y / 100;
    int x0 = cx - box.w / 10;
    pointer(r, FQ_INPUT_POINTER_DOWN, x0, cy, r->clock);
    advance(r, r->clock + STROKE_STEP_MS);
    float step = powf((float)c->x1 / 100.0f, 1.0f / (float)STEPS);
    for (int i = 0; i <= STEPS; i++) {
        fq_input in;
        memset(&in, 0, sizeof in);
        in.type = FQ_INPUT_PINCH;
        in.x = cx;
        in.y = cy;
        in.scale = i == 0 ? 1.0f : step;
        in.time_ms = r->clock;
        deliver(r, &in);
        advance(r, r->clock + STROKE_STEP_MS);
    }
    pointer(r, FQ_INPUT_POINTER_UP, x0, cy, r->clock);
    advance(r, r->clock + STROKE_STEP_MS);
}

/* tap-text, field-after, tap-image, draw-after, mark-after: find the target (scrolled into view), let the
 * host paint what a person would see, then act on it. */
static fq_ui_result run_located(runner *r, const fq_ui_script_cmd *c)
{
    fq_rect box = {0, 0, 0, 0};
    int x = 0;
    int y = 0;
    bool found = false;
    const char *what = "nothing shows \"%s\" (#%d)";
    switch (c->op) {
    case FQ_UI_SCRIPT_TAP_TEXT:
        found = fq_ui_locate_text(r->ui, c->arg, c->nth, &x, &y);
        break;
    case FQ_UI_SCRIPT_FIELD_AFTER:
        found = fq_ui_locate_field_after(r->ui, c->arg, c->nth, &x, &y);
        what = "no field after \"%s\" (#%d)";
        break;
    case FQ_UI_SCRIPT_MARK_AFTER:
        found = fq_ui_locate_after(r->ui, c->arg, c->nth, "markup", &box) ||
                fq_ui_locate_after(r->ui, c->arg, c->nth, "viewer", &box);
        what = "no mark-up pad or photo viewer after \"%s\" (#%d)";
        break;
    case FQ_UI_SCRIPT_PINCH_AFTER:
        found = fq_ui_locate_after(r->ui, c->arg, c->nth, "viewer", &box);
        what = "no photo viewer after \"%s\" (#%d)";
        break;
    case FQ_UI_SCRIPT_TAP_IMAGE:
    case FQ_UI_SCRIPT_DRAW_AFTER: {
        bool image = c->op == FQ_UI_SCRIPT_TAP_IMAGE;
        found = fq_ui_locate_after(r->ui, c->arg, c->nth, image ? "image" : "canvas", &box);
        x = box.x + box.w / 2;
        y = box.y + box.h / 2;
        what = image ? "no image after \"%s\" (#%d)" : "no canvas after \"%s\" (#%d)";
        break;
    }
    default:
        break;
    }
    if (!found)
        return fail(r, FQ_UI_ERR_INVALID, what, c->arg, c->nth);
    fq_ui_result rc = render(r); /* the scroll into view happens before the finger */
    if (rc != FQ_UI_OK)
        return rc;
    if (c->op == FQ_UI_SCRIPT_DRAW_AFTER)
        stroke(r, box);
    else if (c->op == FQ_UI_SCRIPT_MARK_AFTER)
        mark(r, box, c);
    else if (c->op == FQ_UI_SCRIPT_PINCH_AFTER)
        pinch_steps(r, box, c);
    else
        tap_paced(r, x, y, PACE_MS);
    return FQ_UI_OK;
}

/* One tap on the on-screen key (or pinyin candidate) `label`; FQ_UI_ERR_NOTFOUND when none
 * shows. */
static fq_ui_result tap_key(runner *r, const char *label)
{
    int x;
    int y;
    if (!fq_ui_locate_key(r->ui, label, &x, &y))
        return FQ_UI_ERR_NOTFOUND;
    fq_ui_result rc = render(r);
    if (rc == FQ_UI_OK)
        tap_paced(r, x, y, PAD_MS);
    return rc;
}

/* pad "...": one tap per character on the on-screen keyboard's key for it; "\n" is Enter,
 * and "{...}" one tap on a special key by what it does ({enter} {space} {bksp} {shift} {sym}
 * {abc} {ime} {hide}) or on the pinyin bar ({纸箱}: that candidate, {next} {prev}: paging). */
static fq_ui_result run_pad(runner *r, const fq_ui_script_cmd *c)
{
    for (const char *p = c->arg; *p; p++) {
        char label[64] = {*p, '\0'};
        const char *close = *p == '{' ? strchr(p + 1, '}') : NULL;
        if (*p == '\n') {
            snprintf(label, sizeof label, "{enter}");
        } else if (*p == ' ') {
            snprintf(label, sizeof label, "{space}");
        } else if (close && close > p + 1 && (size_t)(close - p) < sizeof label - 1) {
            size_t n = (size_t)(close - p) + 1;
            memcpy(label, p, n);
            label[n] = '\0';
            /* a candidate is named without its braces */
            bool special = false;
            static const char *const keys[] = {"{enter}", "{space}", "{bksp}", "{shift}",
                                               "{sym}", "{abc}", "{ime}", "{hide}",
                                               "{left}", "{right}", "{next}", "{prev}"};
            for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
                special = special || !strcmp(label, keys[k]);
            if (!special) {
                memmove(label, label + 1, n - 2);
                label[n - 2] = '\0';
            }
            p = close;
        }
        fq_ui_result rc = tap_key(r, label);
        /* a candidate on a later page of the bar: page on, as a person would (▶) */
        for (int page = 0; rc == FQ_UI_ERR_NOTFOUND && label[0] != '{' && page < 8; page++) {
            if (tap_key(r, "{next}") != FQ_UI_OK)
                break;
            rc = tap_key(r, label);
        }
        if (rc == FQ_UI_ERR_NOTFOUND)
            return fail(r, FQ_UI_ERR_INVALID, "no on-screen key \"%s\" shown", label);
        if (rc != FQ_UI_OK)
            return rc;
    }
    return FQ_UI_OK;
}

/* wait-text: real time and the script clock move together in 50 ms steps until the text
 * shows (a worker's result reaches the ui through the host's settle hook at each tick). */
static fq_ui_result wait_text(runner *r, const fq_ui_script_cmd *c)
{
    for (int waited = 0;; waited += 50) {
        fq_ui_result rc = render(r);
        if (rc != FQ_UI_OK)
            return rc;
        if (fq_ui_find_text(r->ui, c->arg))
            return FQ_UI_OK;
        if (waited >= c->ms)
            return fail(r, FQ_UI_ERR_INVALID, "\"%s\" did not show within %d ms", c->arg,
                        c->ms);
        if (r->host.sleep)
            r->host.sleep(r->host.user, 50);
        advance(r, r->clock + 50);
    }
}

static fq_ui_result run_cmd(runner *r, const fq_ui_script_cmd *c)
{
    fq_ui_result rc = FQ_UI_OK;
    r->cmd = c;
    switch (c->op) {
    case FQ_UI_SCRIPT_WAIT:
        advance(r, r->clock + c->ms);
        break;
    case FQ_UI_SCRIPT_SLEEP:
        if (r->host.sleep)
            r->host.sleep(r->host.user, c->ms);
        break;
    case FQ_UI_SCRIPT_SHOT:
    case FQ_UI_SCRIPT_EXPECT_TEXT:
    case FQ_UI_SCRIPT_EXPECT_NO_TEXT:
        break; /* after the frame is painted, below */
    case FQ_UI_SCRIPT_WAIT_TEXT:
        rc = wait_text(r, c);
        break;
    case FQ_UI_SCRIPT_TAP_TEXT:
    case FQ_UI_SCRIPT_FIELD_AFTER:
    case FQ_UI_SCRIPT_TAP_IMAGE:
    case FQ_UI_SCRIPT_DRAW_AFTER:
    case FQ_UI_SCRIPT_MARK_AFTER:
    case FQ_UI_SCRIPT_PINCH_AFTER:
        rc = run_located(r, c);
        break;
    case FQ_UI_SCRIPT_PAD:
        rc = run_pad(r, c);
        break;
    default:
        play_events(r, c);
        break;
    }
    if (rc == FQ_UI_OK)
        rc = render(r);
    if (rc == FQ_UI_OK && c->op == FQ_UI_SCRIPT_EXPECT_TEXT && !fq_ui_find_text(r->ui, c->arg))
        rc = fail(r, FQ_UI_ERR_INVALID, "expected text \"%s\" is not shown", c->arg);
    if (rc == FQ_UI_OK && c->op == FQ_UI_SCRIPT_EXPECT_NO_TEXT && fq_ui_find_text(r->ui, c->arg))
        rc = fail(r, FQ_UI_ERR_INVALID, "text \"%s\" is shown and should not be", c->arg);
    if (rc == FQ_UI_OK && c->op == FQ_UI_SCRIPT_SHOT) {
        char why[256] = "no screenshots here";
        rc = r->host.shot ? r->host.shot(r->host.user, c->arg, why, sizeof why)
                          : FQ_UI_ERR_UNSUPPORTED;
        if (rc != FQ_UI_OK)
            rc = fail(r, rc, "shot %s: %s", c->arg, why);
    }
    return rc;
}

/* Writes "line N: " and the reason into the caller's errmsg; returns rc. */
static fq_ui_result fail(runner *r, fq_ui_result rc, const char *fmt, ...)
{
    if (r->errmsg_len == 0)
        return rc;
    int n = snprintf(r->errmsg, r->errmsg_len, "line %d: ", r->cmd ? r->cmd->line : 0);
    if (n >= 0 && (size_t)n < r->errmsg_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->errmsg + n, r->errmsg_len - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return rc;
}
