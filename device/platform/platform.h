/* fq_platform: the only SDL2 / SDL2_ttf user. Opens the window (kmsdrm, x11, wayland or the
 * dummy driver, chosen by SDL_VIDEODRIVER as usual), turns touch and keyboard/scanner events
 * into fq_input, measures and rasterises text (DejaVu + a CJK fallback, cached), paints the
 * ui's draw list into a kept frame (so partial redraws work), blocks when the ui is idle,
 * writes PNG screenshots and hosts the ui's script runner (painting, shots, real-time sleep).
 *
 * Typical main loop:
 *   fq_platform *p; fq_platform_open(&cfg, &p);
 *   fq_ui *ui = fq_ui_new(&ui_cfg, NULL); fq_platform_attach(p, ui);
 *   build the screen ...
 *   while (fq_platform_step(p, ui)) {}
 *   fq_ui_free(ui); fq_platform_close(p);
 *
 * Deliberately no knowledge of screens, domain records or the store. One thread. */
#ifndef FQ_PLATFORM_PLATFORM_H
#define FQ_PLATFORM_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/types.h"
#include "ui/ui.h"

typedef struct fq_platform fq_platform;

typedef struct fq_platform_config {
    int width_px;      /* logical frame: 800x480, 480x800, 720x1280 (0x0: the display's
                          when fullscreen, else 800x480) */
    int height_px;
    bool fullscreen;   /* desktop-fullscreen window (kmsdrm kiosk); the frame is scaled */
    const char *title; /* window title; NULL -> "fieldqc" */
    const char *font_dir; /* holds DejaVuSans.ttf + DejaVuSans-Bold.ttf; NULL -> $FIELDQC_FONT_DIR,
                             then ./assets/fonts, then /usr/share/fonts/truetype/dejavu */
    const char *cjk_font; /* CJK fallback font file; NULL -> $FIELDQC_CJK_FONT, then known paths
                             (wqy-microhei, wqy-zenhei, Noto CJK, Droid fallback); none = ok */
    int rotation;      /* 0, 90, 180, 270: the frame turned clockwise onto the panel (a
                          480x800 portrait UI on an 800x480 panel: 90); touches turned back */
} fq_platform_config;

/* Opens SDL video, the window, the renderer and the fonts. On success *out is the handle (free
 * with fq_platform_close). On failure returns FQ_UI_ERR_UNSUPPORTED (no video driver),
 * FQ_UI_ERR_NOTFOUND (fonts missing) or FQ_UI_ERR_IO, and writes the reason to errmsg
 * (size errmsg_len, may be 0) since there is no handle to keep it on. */
fq_ui_result fq_platform_open(const fq_platform_config *cfg, fq_platform **out, char *errmsg,
                              size_t errmsg_len);

/* Releases textures, fonts, renderer, window and SDL. NULL is fine. */
void fq_platform_close(fq_platform *p);

/* Reason of the last failure on this handle; never NULL. */
const char *fq_platform_errmsg(const fq_platform *p);

/* The text measurer backed by this platform's fonts (for fq_ui_new / fq_ui_set_...). */
fq_ui_text_measurer fq_platform_text_measurer(fq_platform *p);

/* Sets ui's text measurer to this platform's and sizes ui to the logical frame. The ui is
 * not owned; the platform keeps no pointer to it. */
void fq_platform_attach(fq_platform *p, fq_ui *ui);

/* Monotonic milliseconds (SDL_GetTicks64). */
int64_t fq_platform_now_ms(void);

/* One turn of the main loop: waits for input (blocking indefinitely when the ui has no timer
 * running, else up to fq_ui_timeout_ms), delivers all pending events, ticks the ui and
 * repaints if dirty. Returns false once the user closed the window (SDL_QUIT). */
bool fq_platform_step(fq_platform *p, fq_ui *ui);

/* Renders the ui's dirty area now and presents it. Returns FQ_UI_OK or FQ_UI_ERR_IO. */
fq_ui_result fq_platform_render(fq_platform *p, fq_ui *ui);

/* Writes the current frame as an 8-bit RGB PNG to `path` (temp file + rename). */
fq_ui_result fq_platform_screenshot(fq_platform *p, const char *path);

/* Registers an image from caller pixels (copied): RGB8 (has_alpha false) or RGBA8, rows of
 * `stride` bytes. On success *out_id is the id to give fq_image_new. */
fq_ui_result fq_platform_register_image(fq_platform *p, const uint8_t *pixels, int w, int h,
                                        int stride, bool has_alpha, int *out_id);
/* Frees an image's texture; the id may be reused. Unknown ids are ignored. */
void fq_platform_release_image(fq_platform *p, int image_id);

/* Replays an input script from `script_path` against ui with the ui's one runner
 * (ui/script.h: commands and the script clock), painting dirty frames as the loop would;
 * `shot NAME` writes shot_dir/NAME.png, creating shot_dir on the first shot (NULL -> "."),
 * and `sleep MS` pauses in real time. Returns FQ_UI_ERR_INVALID for a bad script, a failed
 * expect-text or a located command that finds nothing, FQ_UI_ERR_IO for file errors (reason,
 * with its script line, in fq_platform_errmsg). after_event (may be NULL) is called with
 * user after every event and timer tick, as the app's loop does after each step. */
fq_ui_result fq_platform_run_script(fq_platform *p, fq_ui *ui, const char *script_path,
                                    const char *shot_dir, void (*after_event)(void *user),
                                    void *user);

/* Counters for tests and the bench. */
typedef struct fq_platform_stats {
    uint64_t text_hits;       /* text runs drawn from the texture cache */
    uint64_t text_rasterised; /* text runs rendered by SDL_ttf */
    uint64_t frames;          /* presents */
    uint64_t wakeups;         /* times the loop woke from waiting (idle: a few a minute) */
    int has_cjk_font;         /* 1 when a CJK fallback font was found */
} fq_platform_stats;
fq_platform_stats fq_platform_get_stats(const fq_platform *p);

/* The logical frame's size: the asked one, or the display's when none was asked. */
void fq_platform_size(const fq_platform *p, int *w, int *h);

/* When a person last touched the screen or typed (fq_platform_now_ms clock; 0: not yet). */
int64_t fq_platform_last_input_ms(const fq_platform *p);

/* While asleep (the backlight is off) input is not given to the ui: the touch that wakes the
 * panel must not also press whatever is under the finger. The host sets it when it blanks the
 * panel; the platform clears it when that touch ends (a finger up, a key). */
void fq_platform_set_asleep(fq_platform *p, bool asleep);

/* True for SDL's dummy and offscreen drivers: nothing reaches a screen (scripts, tests). */
bool fq_platform_headless(const fq_platform *p);

/* Adds fd (kept open by the caller) to what wakes fq_platform_step where SDL cannot block
 * itself: a host's other input (a barcode reader's pipe), tests. 0, or -1 when full. */
int fq_platform_watch_fd(fq_platform *p, int fd);

/* Writes RGB8 pixels (rows of `stride` bytes) as a PNG file (zlib deflate, crc32); written to
 * path.tmp then renamed. Returns FQ_UI_OK, FQ_UI_ERR_INVALID (bad size) or FQ_UI_ERR_IO. */
fq_ui_result fq_platform_png_write_rgb(const char *path, const uint8_t *rgb, int w, int h,
                                       int stride);

#endif
