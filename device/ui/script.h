/* Scripted input: a tiny line format that drives the ui like a finger and a keyboard, used by
 * tests and by `fieldqc --script FILE --screenshot DIR`. Parsing is pure (no I/O, no SDL);
 * the platform (or a test) executes the commands against a fq_ui.
 *
 * Format, one command per line, '#' starts a comment, blank lines ignored:
 *   tap X Y            down + up at X,Y (50 ms apart)
 *   down X Y | move X Y | up X Y
 *   drag X0 Y0 X1 Y1 MS   down, 10 moves over MS ms, up (scrolling, sliding off)
 *   text "UTF-8"       text input; \" and \\ escapes
 *   key NAME           enter backspace delete tab escape left right up down home end
 *   wait MS            advance the clock (timers: long press, momentum, toast)
 *   shot NAME          save a screenshot NAME.png (platform)
 *   expect-text "..."  fail unless the ui shows the text (fq_ui_find_text)
 */
#ifndef FQ_UI_SCRIPT_H
#define FQ_UI_SCRIPT_H

#include <stddef.h>

#include "ui/input.h"
#include "ui/types.h"

typedef enum fq_ui_script_op {
    FQ_UI_SCRIPT_TAP,
    FQ_UI_SCRIPT_DOWN,
    FQ_UI_SCRIPT_MOVE,
    FQ_UI_SCRIPT_UP,
    FQ_UI_SCRIPT_DRAG,
    FQ_UI_SCRIPT_TEXT,
    FQ_UI_SCRIPT_KEY,
    FQ_UI_SCRIPT_WAIT,
    FQ_UI_SCRIPT_SHOT,
    FQ_UI_SCRIPT_EXPECT_TEXT
} fq_ui_script_op;

#define FQ_UI_SCRIPT_ARG_MAX 128 /* bytes of a text/shot/expect argument incl. nul */

typedef struct fq_ui_script_cmd {
    fq_ui_script_op op;
    int line;       /* 1-based source line, for messages */
    int x, y;       /* TAP DOWN MOVE UP, DRAG start */
    int x1, y1;     /* DRAG end */
    int ms;         /* WAIT, DRAG duration */
    fq_key key;     /* KEY */
    char arg[FQ_UI_SCRIPT_ARG_MAX]; /* TEXT, SHOT, EXPECT_TEXT */
} fq_ui_script_cmd;

typedef struct fq_ui_script fq_ui_script; /* parsed script: an array of commands */

/* Parses `src` (`len` bytes). On success *out is a new script (free with fq_ui_script_free).
 * On failure returns FQ_UI_ERR_INVALID and writes "line N: reason" into errmsg (size
 * errmsg_len, may be 0). SHOT names may only hold [A-Za-z0-9_-]. */
fq_ui_result fq_ui_script_parse(const char *src, size_t len, fq_ui_script **out, char *errmsg,
                                size_t errmsg_len);
void fq_ui_script_free(fq_ui_script *script);
size_t fq_ui_script_count(const fq_ui_script *script);
/* Command `idx` (borrowed; valid until fq_ui_script_free). */
const fq_ui_script_cmd *fq_ui_script_get(const fq_ui_script *script, size_t idx);

/* Expands a pointer/text/key command into fq_input events stamped from *clock_ms (advanced
 * as the command takes time). Writes at most max_events into out; returns the count (0 for
 * WAIT/SHOT/EXPECT, whose time the caller handles). */
size_t fq_ui_script_events(const fq_ui_script_cmd *cmd, int64_t *clock_ms, fq_input *out,
                           size_t max_events);

#endif
