/* Private state of fq_platform shared by its .c files. Never included outside device/platform. */
#ifndef FQ_PLATFORM_INTERNAL_H
#define FQ_PLATFORM_INTERNAL_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "platform/platform.h"

#define TEXT_CACHE_SLOTS 1024 /* rasterised runs kept as textures */
#define WIDTH_CACHE_SLOTS 4096
#define MAX_FONTS 24
#define MAX_CIRCLES 32
#define MAX_IMAGES 256
#define CLIP_DEPTH 16
#define FQ_PLATFORM_MAX_INPUT_FDS 16
#define FQ_PLATFORM_MAX_EXTRA_FDS 4

typedef struct font_entry {
    int size_px;
    fq_font_style style;
    TTF_Font *main;
    TTF_Font *cjk; /* NULL when no CJK font */
    int ascent;
    bool *missing_logged; /* the platform's: a glyph no font has was logged */
    bool has_replacement; /* main has U+FFFD */
} font_entry;

typedef struct text_entry {
    uint64_t hash;
    char *text;
    size_t len;
    int size_px;
    fq_font_style style;
    SDL_Texture *tex;
    int w, h;
    uint64_t last_used;
} text_entry;

typedef struct width_entry {
    uint64_t hash;
    uint32_t len;
    int16_t size_px;
    int16_t style;
    int width;
} width_entry;

typedef struct circle_entry {
    int diameter;
    SDL_Texture *tex;
} circle_entry;

struct fq_platform {
    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Texture *frame; /* kept frame: partial redraws paint into it */
    int width_px, height_px; /* the frame: what the ui draws */
    int win_w, win_h;        /* the window: the frame turned by rotation */
    int rotation;            /* 0, 90, 180, 270 clockwise */
    bool native_wait;   /* driver blocks in SDL_WaitEventTimeout without polling */
    bool headless;      /* the dummy or offscreen driver: nothing is shown */
    int input_fds[FQ_PLATFORM_MAX_INPUT_FDS]; /* wake.c: the input devices watched */
    int n_input_fds;
    int extra_fds[FQ_PLATFORM_MAX_EXTRA_FDS]; /* wake.c: other fds that wake the loop */
    int n_extra_fds;
    bool input_scanned;
    int64_t scanned_ms;
    bool quit;
    int64_t last_input_ms; /* when a person last touched or typed (dim and blank) */
    bool asleep;           /* the panel is dark: the next touch only wakes it */
    bool waking_touch;     /* that touch is still down: swallowed until its finger up */
    char errmsg[256];
    char font_regular[512], font_bold[512], font_cjk[512];
    bool missing_logged; /* text.c: a character no font can draw was logged (once) */
    font_entry fonts[MAX_FONTS];
    int n_fonts;
    text_entry *text_cache; /* TEXT_CACHE_SLOTS, open addressing by hash */
    width_entry *width_cache;
    uint64_t use_clock;
    circle_entry circles[MAX_CIRCLES];
    int n_circles;
    SDL_Texture *images[MAX_IMAGES];
    fq_rect clip_stack[CLIP_DEPTH];
    int clip_depth;
    SDL_FingerID finger;
    bool finger_down;
    SDL_FingerID finger2;  /* a second finger: the touch is a pinch (input.c) */
    bool finger2_down;
    bool pinched;          /* the second finger lifted: the first's moves are swallowed */
    int f1x, f1y, f2x, f2y; /* the two fingers, logical px */
    float pinch_dist;      /* their distance at the last PINCH */
    fq_platform_stats stats;
};

void fq_platform_set_error(fq_platform *p, const char *what);

/* text.c */
fq_ui_result fq_platform_text_open(fq_platform *p, const fq_platform_config *cfg);
void fq_platform_text_close(fq_platform *p);
int fq_platform_text_measure_width(void *user, fq_font_style style, int size_px, const char *s,
                                   size_t len);
int fq_platform_text_measure_height(void *user, fq_font_style style, int size_px);
/* Cached white texture of a run; NULL on failure. */
SDL_Texture *fq_platform_text_texture(fq_platform *p, const char *s, size_t len, int size_px,
                                      fq_font_style style, int *out_w, int *out_h);

/* render.c */
void fq_platform_render_draw_list(fq_platform *p, const fq_draw_list *dl);
void fq_platform_render_close(fq_platform *p);

/* window.c: draws the kept frame onto the current target at the window's size, turned by
 * the rotation. */
void fq_platform_copy_frame(fq_platform *p);

/* wake.c */
bool fq_platform_wait_event(fq_platform *p, SDL_Event *e, int timeout_ms);
void fq_platform_wake_close(fq_platform *p);

/* input.c */
bool fq_platform_input_translate(fq_platform *p, const SDL_Event *e, fq_input *out);
/* A point of the window's logical space (the panel) to the frame's (the ui's). */
void fq_platform_window_to_frame(const fq_platform *p, int wx, int wy, int *x, int *y);

#endif
