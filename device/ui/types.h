/* Small value types shared by the ui toolkit and the platform that draws it: rectangles,
 * points, colours and the result code of fallible ui/platform calls.
 * Deliberately no behaviour here; ui may not include core/, so the result codes mirror
 * core/err.h's fq_err values one for one (screens may cast between them). */
#ifndef FQ_UI_TYPES_H
#define FQ_UI_TYPES_H

#include <stdint.h>

/* Result of fallible ui/platform calls. Values equal fq_err's (core/err.h). */
typedef enum fq_ui_result {
    FQ_UI_OK = 0,
    FQ_UI_ERR_NOMEM = -1,
    FQ_UI_ERR_IO = -2,
    FQ_UI_ERR_CORRUPT = -4,
    FQ_UI_ERR_INVALID = -5,
    FQ_UI_ERR_NOTFOUND = -6,
    FQ_UI_ERR_UNSUPPORTED = -9
} fq_ui_result;

/* Axis-aligned rectangle in logical pixels; w/h <= 0 means empty. */
typedef struct fq_rect {
    int x;
    int y;
    int w;
    int h;
} fq_rect;

/* A point in logical pixels (canvas strokes are stored as these, widget-local). */
typedef struct fq_point {
    int16_t x;
    int16_t y;
} fq_point;

/* Straight (non-premultiplied) sRGB colour; a = 255 is opaque. */
typedef struct fq_color {
    uint8_t r;
    uint8_t g;
    uint8_t b;
    uint8_t a;
} fq_color;

#endif
