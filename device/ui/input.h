/* fq_input: the one input event type. The platform converts SDL events (touch or mouse,
 * keyboard, USB HID barcode scanner) into these; tests and scripts build them by hand.
 * Deliberately device-neutral: one pointer (the first finger), no hover; a second finger only
 * turns the touch into a pinch (FQ_INPUT_PINCH), for zooming a photo. */
#ifndef FQ_UI_INPUT_H
#define FQ_UI_INPUT_H

#include <stdint.h>

typedef enum fq_input_type {
    FQ_INPUT_POINTER_DOWN,
    FQ_INPUT_POINTER_MOVE, /* only meaningful between DOWN and UP (no hover) */
    FQ_INPUT_POINTER_UP,
    FQ_INPUT_TEXT, /* committed UTF-8 text (keyboard, IME, scanner) */
    /* a second finger joined the first and the two moved: x,y is their centre, scale the
     * ratio of their distance to the one at the previous PINCH (1 at the first). The first
     * finger's later moves and its UP belong to the pinch, never a tap or a pan. */
    FQ_INPUT_PINCH,
    FQ_INPUT_KEY
} fq_input_type;

typedef enum fq_key {
    FQ_KEY_NONE = 0,
    FQ_KEY_BACKSPACE,
    FQ_KEY_DELETE,
    FQ_KEY_ENTER, /* a barcode scanner ends its text with this */
    FQ_KEY_TAB,
    FQ_KEY_ESCAPE,
    FQ_KEY_LEFT,
    FQ_KEY_RIGHT,
    FQ_KEY_UP,
    FQ_KEY_DOWN,
    FQ_KEY_HOME,
    FQ_KEY_END
} fq_key;

#define FQ_INPUT_TEXT_MAX 32 /* bytes incl. nul; SDL's SDL_TEXTINPUTEVENT_TEXT_SIZE */
#define FQ_MOD_SHIFT 1u

typedef struct fq_input {
    fq_input_type type;
    int64_t time_ms; /* monotonic milliseconds */
    int x;           /* POINTER_*: logical pixels */
    int y;
    fq_key key;      /* KEY */
    unsigned mods;   /* KEY: FQ_MOD_* */
    char text[FQ_INPUT_TEXT_MAX]; /* TEXT: nul-terminated UTF-8 */
    float scale;     /* PINCH */
} fq_input;

#endif
