/* Scripted input: a tiny line format that drives the ui like a finger and a keyboard, and the
 * one runner that replays it, used by the ui tests and by `fieldqc --script FILE --screenshot
 * DIR` (through fq_platform_run_script). Parsing and the meaning of every command live here;
 * what the ui cannot do itself (paint a frame, save a screenshot, let real time pass) the
 * caller supplies as fq_ui_script_host hooks. No I/O, no SDL, no clock of its own.
 *
 * Format, one command per line, '#' starts a comment, blank lines ignored:
 *   tap X Y               down + up at X,Y (50 ms apart)
 *   down X Y | move X Y | up X Y
 *   drag X0 Y0 X1 Y1 MS   down, 10 moves over MS ms, up (scrolling, sliding off)
 *   text "UTF-8"          text input; \" \\ and \n escapes
 *   key NAME              enter backspace delete tab escape left right up down home end
 *   wait MS               advance the script clock (timers: long press, momentum, toast, settle)
 *   sleep MS              let MS of real time pass, script clock unchanged (kill tests
 *                         interrupt a run here)
 *   shot NAME             save a screenshot NAME (host.shot; the platform writes NAME.png)
 *   expect-text "..."     fail unless the ui shows the text (fq_ui_find_text, substring)
 *   wait-text "..." MS    let up to MS of real time pass (50 ms steps, the script clock
 *                         moving with it) until the ui shows the text: work a worker thread
 *                         finishes (an import, the camera's first frame); fails after MS
 *   expect-no-text "..."  fail when the ui shows the text
 *   scan "CODE"           a USB barcode scanner: one text event per character 8 ms apart,
 *                         then Enter (the ui recognises it as a scan, ui.h)
 * and commands resolved against the live screen (ui/locate.h), so scripts survive layout
 * changes; "Label" matches a widget's whole text, N (default 0) picks the Nth match in tree
 * order on the top layer, and the target is scrolled into view and painted before the finger
 * lands:
 *   tap-text "Label" [N]     tap that widget (a label, button, field text or choice segment)
 *   field-after "Label" [N]  tap the first field after it (focus it)
 *   tap-image "Label" [N]    tap the first image after it (a photo thumbnail)
 *   draw-after "Label" [N]   draw a zigzag signature across the first canvas after it
 *                            (17 pointer events 16 ms apart)
 *   mark-after "Label" X0 Y0 X1 Y1 [N]  drag a finger across the first mark-up pad (else
 *                            photo viewer) after it, from X0,Y0 to X1,Y1 in percent of it
 *                            (down, 8 moves 16 ms apart, up; equal points are a tap, two
 *                            such lines a double tap; no pause after it)
 *   pinch-after "Label" X Y PCT [N]  two fingers on the first photo viewer after it, centred
 *                            at X,Y (percent of it), spreading to PCT percent of their
 *                            distance (250: zoom 2.5x; 50: half): down, 8 pinch steps 16 ms
 *                            apart, up
 *   pad "52.3\n"             type on the on-screen keyboard: taps the key of each character
 *                            (\n: its Enter key), 300 ms apart; fails when one is not shown
 * A located tap (tap-text, field-after, tap-image) is followed by 2 s of script time, a
 * person's pace: a "Saved" toast from one tap is gone before the next.
 *
 * The clock: one virtual clock in milliseconds, starting where the ui's own clock stands (its
 * last tick or input). Commands stamp their events from it and move it forward by the time
 * they take. Before each event the runner moves the clock to the event's time, ticking the ui
 * at every timer deadline fq_ui_timeout_ms reports on the way (where the live loop would
 * wake), delivers the event and ticks once more (as the loop does after input). After each
 * command the host paints the frame if the ui is dirty. The same script therefore gives the
 * same screens on every machine, however fast. */
#ifndef FQ_UI_SCRIPT_H
#define FQ_UI_SCRIPT_H

#include <stddef.h>

#include "ui/input.h"
#include "ui/types.h"
#include "ui/ui.h"

typedef enum fq_ui_script_op {
    FQ_UI_SCRIPT_TAP,
    FQ_UI_SCRIPT_DOWN,
    FQ_UI_SCRIPT_MOVE,
    FQ_UI_SCRIPT_UP,
    FQ_UI_SCRIPT_DRAG,
    FQ_UI_SCRIPT_TEXT,
    FQ_UI_SCRIPT_KEY,
    FQ_UI_SCRIPT_WAIT,
    FQ_UI_SCRIPT_SLEEP,
    FQ_UI_SCRIPT_SHOT,
    FQ_UI_SCRIPT_EXPECT_TEXT,
    FQ_UI_SCRIPT_TAP_TEXT,
    FQ_UI_SCRIPT_FIELD_AFTER,
    FQ_UI_SCRIPT_TAP_IMAGE,
    FQ_UI_SCRIPT_DRAW_AFTER,
    FQ_UI_SCRIPT_MARK_AFTER,
    FQ_UI_SCRIPT_WAIT_TEXT,
    FQ_UI_SCRIPT_SCAN,
    FQ_UI_SCRIPT_EXPECT_NO_TEXT,
    FQ_UI_SCRIPT_PAD,
    FQ_UI_SCRIPT_PINCH_AFTER
} fq_ui_script_op;

#define FQ_UI_SCRIPT_ARG_MAX 128 /* bytes of a text/shot/expect/label argument incl. nul */

typedef struct fq_ui_script_cmd {
    fq_ui_script_op op;
    int line;   /* 1-based source line, for messages */
    int x, y;   /* TAP DOWN MOVE UP, DRAG start; MARK_AFTER start, PINCH_AFTER centre in % */
    int x1, y1; /* DRAG end; MARK_AFTER end in percent; PINCH_AFTER x1: spread in percent */
    int ms;     /* WAIT, SLEEP, DRAG duration, WAIT_TEXT limit */
    int nth;    /* TAP_TEXT FIELD_AFTER TAP_IMAGE DRAW_AFTER: which match (0-based) */
    fq_key key; /* KEY */
    char arg[FQ_UI_SCRIPT_ARG_MAX]; /* TEXT, SHOT, EXPECT_TEXT, PAD, the located commands' label */
} fq_ui_script_cmd;

typedef struct fq_ui_script fq_ui_script; /* parsed script: an array of commands */

/* Parses `src` (`len` bytes). On success *out is a new script (free with fq_ui_script_free).
 * On failure returns FQ_UI_ERR_INVALID and writes "line N: reason" into errmsg (size
 * errmsg_len, may be 0). SHOT names may only hold [A-Za-z0-9_-]. */
fq_ui_result fq_ui_script_parse(const char *src, size_t len, fq_ui_script **out, char *errmsg,
                                size_t errmsg_len);
/* NULL is fine. */
void fq_ui_script_free(fq_ui_script *script);
size_t fq_ui_script_count(const fq_ui_script *script);
/* Command `idx` (borrowed; valid until fq_ui_script_free); NULL past the end. */
const fq_ui_script_cmd *fq_ui_script_get(const fq_ui_script *script, size_t idx);

/* Expands a TAP/DOWN/MOVE/UP/DRAG/TEXT/KEY command into fq_input events stamped from
 * *clock_ms (advanced by the time the command takes). Writes at most max_events into out;
 * returns the count (0 for the other commands, which need the runner). */
size_t fq_ui_script_events(const fq_ui_script_cmd *cmd, int64_t *clock_ms, fq_input *out,
                           size_t max_events);

/* What the runner needs from its caller. Every hook may be NULL (see each); `user` is passed
 * back untouched. */
typedef struct fq_ui_script_host {
    /* Paints the ui's dirty area into the frame a person would see (the platform: draw list
     * to the kept frame, present); on failure returns the error and writes a reason into msg
     * (msg_len bytes). Called only when fq_ui_needs_redraw. NULL: nothing is painted
     * (headless tests). */
    fq_ui_result (*render)(void *user, fq_ui *ui, char *msg, size_t msg_len);
    /* Saves the current frame as `name` (the shot command); on failure returns the error and
     * writes a reason into msg (msg_len bytes). NULL: a shot line fails with
     * FQ_UI_ERR_UNSUPPORTED. */
    fq_ui_result (*shot)(void *user, const char *name, char *msg, size_t msg_len);
    /* Blocks for `ms` milliseconds of real time (the sleep command). NULL: no pause. */
    void (*sleep)(void *user, int ms);
    /* Called after every input event and timer tick the runner delivers, as the live loop
     * does after each wake: the app does the work its handlers deferred (the screens'
     * rebuilds). NULL: nothing to do. */
    void (*settle)(void *user);
    void *user;
} fq_ui_script_host;

/* Replays every command of `script` against `ui` on the script clock described above,
 * through `host` (NULL: all hooks NULL). Stops at the first failing command and returns:
 * FQ_UI_ERR_INVALID when an expect-text is not shown or a located command finds nothing
 * ("line N: reason" in errmsg, errmsg_len bytes, may be 0), the render or shot hook's error
 * ("line N: " and its reason), or FQ_UI_OK. Handlers run inside this call. */
fq_ui_result fq_ui_script_run(fq_ui *ui, const fq_ui_script *script,
                              const fq_ui_script_host *host, char *errmsg, size_t errmsg_len);

#endif
