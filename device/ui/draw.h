/* The draw list: what the ui asks the platform to paint, as a flat array of commands.
 * The ui fills it in fq_ui_render(); the platform walks it once and forgets it.
 * Deliberately no rasterising here and no textures: text is a UTF-8 run with a size and a
 * style, images are integer ids the platform registered. */
#ifndef FQ_UI_DRAW_H
#define FQ_UI_DRAW_H

#include <stddef.h>

#include "ui/types.h"

typedef enum fq_draw_kind {
    FQ_DRAW_RECT,      /* filled rect, optional corner radius and border */
    FQ_DRAW_CIRCLE,    /* filled anti-aliased disc inside rect (rect is its square box), border optional */
    FQ_DRAW_LINE,      /* line from (x0,y0) to (x1,y1), thickness px, round caps */
    FQ_DRAW_TEXT,      /* one line of UTF-8 text, top-left at rect.x/rect.y (rect.w/h = measured box) */
    FQ_DRAW_IMAGE,     /* platform image `image_id` scaled into rect */
    FQ_DRAW_CLIP_PUSH, /* intersect the clip with rect until the matching CLIP_POP */
    FQ_DRAW_CLIP_POP
} fq_draw_kind;

/* Font style of a text run; the platform maps it to a face (DejaVu Sans / Bold + CJK fallback). */
typedef enum fq_font_style {
    FQ_FONT_REGULAR = 0,
    FQ_FONT_BOLD = 1
} fq_font_style;

typedef struct fq_draw_cmd {
    fq_draw_kind kind;
    fq_rect rect;
    fq_color color;        /* fill / text / line colour */
    fq_color border_color; /* RECT/CIRCLE: used when border_px > 0 */
    int radius_px;         /* RECT: corner radius */
    int border_px;         /* RECT/CIRCLE: border width drawn inside rect */
    int x0, y0, x1, y1;    /* LINE end points */
    int thickness_px;      /* LINE */
    const char *text;      /* TEXT: UTF-8, NOT nul-terminated; valid while the list is */
    size_t text_len;       /* TEXT: bytes */
    int size_px;           /* TEXT: font pixel size */
    fq_font_style style;   /* TEXT */
    int image_id;          /* IMAGE */
} fq_draw_cmd;

/* A draw list owned by the ui (fq_ui_render returns a borrowed pointer). `area` is the part
 * of the frame the commands repaint: everything outside it is unchanged since the last
 * frame, so a platform that keeps its frame may present only that rectangle. */
typedef struct fq_draw_list {
    fq_draw_cmd *cmds;
    size_t n_cmds;
    size_t cap_cmds;
    char *text_buf; /* arena for text runs (ellipsised copies etc.) */
    size_t text_len;
    size_t text_cap;
    fq_rect area;
    int full; /* 1 when area is the whole frame */
} fq_draw_list;

#endif
