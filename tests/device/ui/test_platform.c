/* Platform tests under SDL_VIDEODRIVER=dummy: PNG writer round trip (decoded here with a
 * minimal zlib-based reader that checks CRCs and undoes the filters), the text texture cache
 * (drawing the same text again rasterises nothing), the CJK fallback (a Chinese string
 * produces ink), and script replay through the ui's runner with the platform's hooks (taps
 * and tap-text reach handlers, the shot folder is made, sleep takes real time, failures name
 * their line). */
#include "harness.h"

#include "platform_internal.h" /* fq_platform_window_to_frame */

#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "platform/platform.h"
#include "ui/ui.h"

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Reads an 8-bit RGB non-interlaced PNG; returns malloc'd RGB rows or NULL. */
static uint8_t *png_read_rgb(const char *path, int *out_w, int *out_h)
{
    unsigned char *file = NULL;
    size_t len = 0;
    if (fq_test_read_file(path, &file, &len) != 0 || len < 8 ||
        memcmp(file, "\x89PNG\r\n\x1a\n", 8) != 0) {
        free(file);
        return NULL;
    }
    uint8_t *idat = NULL;
    size_t idat_len = 0;
    int w = 0;
    int h = 0;
    size_t pos = 8;
    bool ok = true;
    while (ok && pos + 12 <= len) {
        uint32_t n = get32(file + pos);
        const uint8_t *type = file + pos + 4;
        if (pos + 12 + n > len)
            break;
        uint32_t crc = (uint32_t)crc32(crc32(0, type, 4), type + 4, n);
        ok = crc == get32(file + pos + 8 + n);
        if (!memcmp(type, "IHDR", 4)) {
            w = (int)get32(type + 4);
            h = (int)get32(type + 8);
            ok = ok && type[12] == 8 && type[13] == 2 && type[16] == 0;
        } else if (!memcmp(type, "IDAT", 4)) {
            idat = realloc(idat, idat_len + n);
            memcpy(idat + idat_len, type + 4, n);
            idat_len += n;
        }
        pos += 12 + n;
    }
    uint8_t *rgb = NULL;
    size_t row = (size_t)w * 3 + 1;
    uLongf raw_len = (uLongf)(row * (size_t)h);
    uint8_t *raw = ok && w > 0 && h > 0 ? malloc(raw_len) : NULL;
    if (raw && uncompress(raw, &raw_len, idat, (uLong)idat_len) == Z_OK &&
        raw_len == row * (size_t)h) {
        rgb = malloc((size_t)w * (size_t)h * 3);
        for (int y = 0; y < h; y++) {
            const uint8_t *src = raw + row * (size_t)y;
            uint8_t *dst = rgb + (size_t)y * (size_t)w * 3;
            const uint8_t *up = y ? dst - (size_t)w * 3 : NULL;
            for (int x = 0; x < w * 3; x++) {
                uint8_t a = x >= 3 ? dst[x - 3] : 0;
                uint8_t b = up ? up[x] : 0;
                uint8_t v = src[1 + x];
                switch (src[0]) {
                case 0: dst[x] = v; break;
                case 1: dst[x] = (uint8_t)(v + a); break;
                case 2: dst[x] = (uint8_t)(v + b); break;
                default: dst[x] = (uint8_t)(v + (a + b) / 2); break; /* not used by our writer */
                }
            }
        }
        *out_w = w;
        *out_h = h;
    }
    free(raw);
    free(idat);
    free(file);
    return rgb;
}

static void test_png_round_trip(void **state)
{
    (void)state;
    enum { W = 37, H = 23, STRIDE = W * 3 + 5 };
    uint8_t *px = calloc(STRIDE * H, 1);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W * 3; x++)
            px[y * STRIDE + x] = (uint8_t)(x * 7 + y * 13 + (x * y) % 11);
    char path[512];
    fq_test_path(path, sizeof path, "rt.png");
    assert_int_equal(fq_platform_png_write_rgb(path, px, W, H, STRIDE), FQ_UI_OK);
    int w = 0;
    int h = 0;
    uint8_t *back = png_read_rgb(path, &w, &h);
    assert_non_null(back);
    assert_int_equal(w, W);
    assert_int_equal(h, H);
    for (int y = 0; y < H; y++)
        assert_memory_equal(back + y * W * 3, px + y * STRIDE, W * 3);
    free(back);
    /* bad sizes are refused; a folder that cannot exist (a file is in its way) is an I/O
     * error */
    assert_int_equal(fq_platform_png_write_rgb(path, px, 0, H, STRIDE), FQ_UI_ERR_INVALID);
    assert_int_equal(fq_platform_png_write_rgb(path, px, W, H, W), FQ_UI_ERR_INVALID);
    char blocked[600];
    snprintf(blocked, sizeof blocked, "%s/sub/x.png", path);
    assert_int_equal(fq_platform_png_write_rgb(blocked, px, W, H, STRIDE), FQ_UI_ERR_IO);
    free(px);
}

typedef struct env {
    fq_platform *p;
    fq_ui *ui;
} env;

static int open_env_rotated(env *e, int w, int h, int rotation)
{
    fq_platform_config pc = {.width_px = w, .height_px = h, .rotation = rotation};
    char font_dir[512];
    snprintf(font_dir, sizeof font_dir, "%s/assets/fonts", getenv("FIELDQC_SOURCE_DIR") ? getenv("FIELDQC_SOURCE_DIR") : ".");
    pc.font_dir = font_dir;
    char err[256];
    if (fq_platform_open(&pc, &e->p, err, sizeof err) != FQ_UI_OK) {
        fprintf(stderr, "platform: %s\n", err);
        return -1;
    }
    fq_ui_config uc = {.width_px = w, .height_px = h, .dpi = 133.0f, .osk = true};
    e->ui = fq_ui_new(&uc, NULL);
    fq_platform_attach(e->p, e->ui);
    return 0;
}

static int open_env(env *e, int w, int h)
{
    return open_env_rotated(e, w, h, 0);
}

static void close_env(env *e)
{
    fq_ui_free(e->ui);
    fq_platform_close(e->p);
}

static void test_text_cache(void **state)
{
    (void)state;
    env e;
    assert_int_equal(open_env(&e, 800, 480), 0);
    fq_widget *root = fq_ui_root(e.ui);
    for (int i = 0; i < 5; i++)
        fq_label_new(root, "Carton drop test: 10 drops from 76 cm");
    fq_label_new(root, "Shipping marks");
    assert_int_equal(fq_platform_render(e.p, e.ui), FQ_UI_OK);
    fq_platform_stats s1 = fq_platform_get_stats(e.p);
    assert_true(s1.text_rasterised >= 2);
    /* identical texts share one texture: 6 labels, 2 distinct strings */
    assert_int_equal(s1.text_rasterised, 2);
    fq_ui_invalidate_all(e.ui);
    fq_platform_render(e.p, e.ui);
    fq_platform_stats s2 = fq_platform_get_stats(e.p);
    assert_int_equal(s2.text_rasterised, s1.text_rasterised); /* nothing re-rendered */
    assert_true(s2.text_hits >= s1.text_hits + 6);
    assert_int_equal(s2.frames, s1.frames + 1);
    /* idle: nothing dirty, render draws nothing */
    assert_false(fq_ui_needs_redraw(e.ui));
    close_env(&e);
}

static void test_cjk_fallback(void **state)
{
    (void)state;
    env e;
    assert_int_equal(open_env(&e, 480, 200), 0);
    if (!fq_platform_get_stats(e.p).has_cjk_font) {
        close_env(&e);
        skip(); /* no CJK font on this machine */
    }
    fq_widget *l = fq_label_new(fq_ui_root(e.ui), "\xE5\xAE\x81\xE6\xB3\xA2\xE7\xBA\xBA\xE7\xBB\x87\xE6\x9C\x89\xE9\x99\x90\xE5\x85\xAC\xE5\x8F\xB8");
    fq_label_set_role(l, FQ_TEXT_TITLE);
    fq_widget_set_size_px(l, 0, 60);
    fq_ui_layout(e.ui);
    fq_platform_render(e.p, e.ui);
    char path[512];
    fq_test_path(path, sizeof path, "cjk.png");
    assert_int_equal(fq_platform_screenshot(e.p, path), FQ_UI_OK);
    int w = 0;
    int h = 0;
    uint8_t *rgb = png_read_rgb(path, &w, &h);
    assert_non_null(rgb);
    fq_rect r = fq_widget_rect(l);
    int ink = 0;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w && x < w; x++)
            ink += rgb[(y * w + x) * 3] < 100;
    /* 8 glyphs of ~22 px: hundreds of dark pixels; tofu boxes would give far fewer */
    assert_true(ink > 400);
    /* the measurer sees the fallback too: about a full em per Han character */
    fq_ui_text_measurer m = fq_platform_text_measurer(e.p);
    int cw = m.width(m.user, FQ_FONT_REGULAR, 20, "\xE5\xAE\x81", 3);
    assert_true(cw >= 16);
    free(rgb);
    close_env(&e);
}

/* No font has the characters (FIELDQC_CJK_FONT=none: a Pi without a CJK font): each is drawn
 * as U+FFFD, the replacement mark, never an empty box or nothing, and stderr says it once. */
static void test_missing_glyph_replaced(void **state)
{
    (void)state;
    setenv("FIELDQC_CJK_FONT", "none", 1);
    char log[512];
    fq_test_path(log, sizeof log, "missing-glyph.log");
    fflush(stderr);
    int saved = dup(2);
    FILE *f = freopen(log, "w", stderr);
    assert_non_null(f);
    env e;
    assert_int_equal(open_env(&e, 480, 200), 0);
    assert_int_equal(fq_platform_get_stats(e.p).has_cjk_font, 0);
    fq_ui_text_measurer m = fq_platform_text_measurer(e.p);
    int two = m.width(m.user, FQ_FONT_REGULAR, 20, "\xE7\xBA\xB8\xE7\xAE\xB1", 6); /* 纸箱 */
    int mark = m.width(m.user, FQ_FONT_REGULAR, 20, "\xEF\xBF\xBD", 3);
    assert_true(mark > 0);
    assert_int_equal(two, 2 * mark);
    fq_widget *l = fq_label_new(fq_ui_root(e.ui), "A\xE7\xBA\xB8\xE7\xAE\xB1 B");
    fq_widget_set_size_px(l, 0, 60);
    fq_ui_layout(e.ui);
    assert_int_equal(fq_platform_render(e.p, e.ui), FQ_UI_OK);
    close_env(&e);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    unsetenv("FIELDQC_CJK_FONT");
    unsigned char *text = NULL;
    size_t len = 0;
    assert_int_equal(fq_test_read_file(log, &text, &len), 0);
    char *s = realloc(text, len + 1);
    assert_non_null(s);
    s[len] = '\0';
    assert_non_null(strstr(s, "no Chinese font found"));
    char *first = strstr(s, "no font can draw U+7EB8");
    assert_non_null(first);
    assert_null(strstr(first + 1, "no font can draw")); /* once, not per string or frame */
    free(s);
}

static int clicks;
static void on_click(fq_widget *w, const fq_ui_event *ev, void *user)
{
    (void)w;
    (void)user;
    if (ev->type == FQ_UI_EV_CLICK)
        clicks++;
}

static void test_script_replay(void **state)
{
    (void)state;
    env e;
    assert_int_equal(open_env(&e, 800, 480), 0);
    fq_widget *b = fq_button_new(fq_ui_root(e.ui), "Save", FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(b, on_click, NULL);
    char buf[16] = "";
    fq_ui_field_new(fq_ui_root(e.ui), buf, sizeof buf, FQ_UI_FIELD_TEXT);
    fq_ui_layout(e.ui);
    fq_rect r = fq_widget_rect(b);
    char script[512];
    char path[512];
    fq_test_path(path, sizeof path, "s.txt");
    snprintf(script, sizeof script,
             "tap %d %d\n"
             "tap 400 %d\n"
             "text \"PO-4411\"\n"
             "key enter\n"
             "expect-text \"PO-4411\"\n"
             "key escape\n"
             "tap-text \"Save\"\n"
             "sleep 20\n"
             "shot typed\n",
             r.x + 5, r.y + 5, r.y + r.h + 20);
    fq_test_write_file(path, script, strlen(script));
    char dir[600]; /* made by the first shot */
    snprintf(dir, sizeof dir, "%s/shots/new", fq_test_dir(NULL));
    int64_t t0 = fq_platform_now_ms();
    assert_int_equal(fq_platform_run_script(e.p, e.ui, path, dir, NULL, NULL), FQ_UI_OK);
    assert_true(fq_platform_now_ms() - t0 >= 20); /* sleep is real time */
    assert_int_equal(clicks, 2);
    assert_string_equal(buf, "PO-4411");
    char shot[700];
    snprintf(shot, sizeof shot, "%s/typed.png", dir);
    int w = 0;
    int h = 0;
    uint8_t *rgb = png_read_rgb(shot, &w, &h);
    assert_non_null(rgb);
    assert_int_equal(w, 800);
    free(rgb);
    snprintf(script, sizeof script, "expect-text \"nowhere\"\n");
    fq_test_write_file(path, script, strlen(script));
    assert_int_equal(fq_platform_run_script(e.p, e.ui, path, dir, NULL, NULL), FQ_UI_ERR_INVALID);
    assert_non_null(strstr(fq_platform_errmsg(e.p), "line 1"));
    snprintf(script, sizeof script, "wait 10\ntap-text \"Nowhere\"\n");
    fq_test_write_file(path, script, strlen(script));
    assert_int_equal(fq_platform_run_script(e.p, e.ui, path, dir, NULL, NULL), FQ_UI_ERR_INVALID);
    assert_string_equal(fq_platform_errmsg(e.p), "line 2: nothing shows \"Nowhere\" (#0)");
    assert_int_equal(fq_platform_run_script(e.p, e.ui, "/nonexistent.txt", dir, NULL, NULL), FQ_UI_ERR_IO);
    close_env(&e);
}

typedef struct late_write {
    int fd;
    int delay_ms;
} late_write;

static void *write_later(void *arg)
{
    late_write *lw = arg;
    struct timespec ts = {lw->delay_ms / 1000, (long)(lw->delay_ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    if (write(lw->fd, "x", 1) != 1)
        abort();
    return NULL;
}

/* An idle app sleeps where SDL cannot block (kmsdrm, dummy): one wakeup for a second of
 * waiting (the old loop woke 100 times), and input (here a watched pipe standing in for the
 * touchscreen) wakes it at once. */
static void test_idle_loop_sleeps(void **state)
{
    (void)state;
    env e;
    if (open_env(&e, 320, 240))
        skip();
    assert_true(fq_platform_headless(e.p));
    int pfd[2];
    assert_int_equal(pipe(pfd), 0);
    assert_int_equal(fq_platform_watch_fd(e.p, pfd[0]), 0);
    while (fq_ui_needs_redraw(e.ui) || fq_ui_timeout_ms(e.ui, fq_platform_now_ms()) >= 0)
        fq_platform_step(e.p, e.ui); /* settle: nothing pending, no timer */
    uint64_t before = fq_platform_get_stats(e.p).wakeups;
    late_write lw = {pfd[1], 1000};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, write_later, &lw), 0);
    int64_t start = fq_platform_now_ms();
    fq_platform_step(e.p, e.ui);
    int64_t took = fq_platform_now_ms() - start;
    pthread_join(t, NULL);
    uint64_t woke = fq_platform_get_stats(e.p).wakeups - before;
    if (woke > 2)
        fail_msg("woke %llu times in %lld ms of idle", (unsigned long long)woke, (long long)took);
    assert_true(took >= 900 && took < 3000); /* woken by the input, not by a poll tick */
    close(pfd[0]);
    close(pfd[1]);
    close_env(&e);
}

/* Draws a few labelled boxes and shoots the frame. */
static uint8_t *shoot(env *e, const char *name, int *w, int *h)
{
    fq_widget *root = fq_ui_root(e->ui);
    fq_widget_clear(root);
    fq_widget *box = fq_box_new(root, FQ_BOX_COLUMN, FQ_BOX_CARD);
    fq_label_new(box, "Top left: PO-24117");
    fq_button_new(box, "Export bundle", FQ_BUTTON_PRIMARY);
    fq_platform_render(e->p, e->ui);
    char path[512];
    fq_test_path(path, sizeof path, name);
    assert_int_equal(fq_platform_screenshot(e->p, path), FQ_UI_OK);
    return png_read_rgb(path, w, h);
}

/* A 480x800 portrait ui on an 800x480 panel (--rotate 90): the panel shows the frame turned
 * clockwise, pixel for pixel, and a touch on the panel lands where that point of the ui is. */
static void test_rotation(void **state)
{
    (void)state;
    env e;
    if (open_env_rotated(&e, 480, 800, 0))
        skip();
    int w0 = 0, h0 = 0;
    uint8_t *plain = shoot(&e, "rot0.png", &w0, &h0);
    close_env(&e);
    assert_int_equal(open_env_rotated(&e, 480, 800, 90), 0);
    int w1 = 0, h1 = 0;
    uint8_t *turned = shoot(&e, "rot90.png", &w1, &h1);
    assert_int_equal(w0, 480);
    assert_int_equal(h0, 800);
    assert_int_equal(w1, 800);
    assert_int_equal(h1, 480);
    int differ = 0;
    for (int uy = 0; uy < h0; uy++)
        for (int ux = 0; ux < w0; ux++) {
            const uint8_t *a = plain + ((size_t)uy * (size_t)w0 + (size_t)ux) * 3;
            int wx = h0 - 1 - uy, wy = ux; /* clockwise */
            const uint8_t *b = turned + ((size_t)wy * (size_t)w1 + (size_t)wx) * 3;
            differ += memcmp(a, b, 3) != 0;
        }
    if (differ > w0 * h0 / 1000) /* a resampled edge pixel here and there at most */
        fail_msg("%d of %d pixels differ from the turned frame", differ, w0 * h0);
    int ux = 0, uy = 0;
    fq_platform_window_to_frame(e.p, 790, 10, &ux, &uy); /* the panel's top right corner */
    assert_int_equal(ux, 10);
    assert_int_equal(uy, 9);
    fq_platform_window_to_frame(e.p, 0, 479, &ux, &uy); /* its bottom left */
    assert_int_equal(ux, 479);
    assert_int_equal(uy, 799);
    free(plain);
    free(turned);
    close_env(&e);
}

/* A finger tap at frame point (x, y) of a w x h unrotated frame, through SDL's queue. */
static void push_tap(int x, int y, int w, int h)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_FINGERDOWN;
    ev.tfinger.fingerId = 1;
    ev.tfinger.x = ((float)x + 0.5f) / (float)w;
    ev.tfinger.y = ((float)y + 0.5f) / (float)h;
    SDL_PushEvent(&ev);
    ev.type = SDL_FINGERUP;
    SDL_PushEvent(&ev);
}

/* The panel went dark (idle): the touch that wakes it presses nothing, the next one does;
 * typed input (a scanner) is not swallowed. */
static void test_asleep_touch_only_wakes(void **state)
{
    (void)state;
    env e;
    assert_int_equal(open_env(&e, 800, 480), 0);
    clicks = 0;
    fq_widget *b = fq_button_new(fq_ui_root(e.ui), "Save", FQ_BUTTON_PRIMARY);
    fq_widget_set_handler(b, on_click, NULL);
    fq_ui_layout(e.ui);
    fq_rect r = fq_widget_rect(b);
    int cx = r.x + r.w / 2, cy = r.y + r.h / 2;
    int64_t before = fq_platform_last_input_ms(e.p);
    push_tap(cx, cy, 800, 480);
    fq_platform_step(e.p, e.ui);
    assert_int_equal(clicks, 1);
    assert_true(fq_platform_last_input_ms(e.p) >= before);
    fq_platform_set_asleep(e.p, true);
    push_tap(cx, cy, 800, 480);
    fq_platform_step(e.p, e.ui);
    assert_int_equal(clicks, 1); /* woke the panel only */
    push_tap(cx, cy, 800, 480);
    fq_platform_step(e.p, e.ui);
    assert_int_equal(clicks, 2);
    /* a scanner's text wakes the panel and reaches the focused field */
    char buf[32] = "";
    fq_widget *f = fq_ui_field_new(fq_ui_root(e.ui), buf, sizeof buf, FQ_UI_FIELD_TEXT);
    fq_ui_layout(e.ui);
    fq_ui_focus(e.ui, f);
    fq_platform_set_asleep(e.p, true);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_TEXTINPUT;
    snprintf(ev.text.text, sizeof ev.text.text, "6901234567892");
    SDL_PushEvent(&ev);
    fq_platform_step(e.p, e.ui);
    assert_string_equal(buf, "6901234567892");
    close_env(&e);
}

static void push_finger(Uint32 type, SDL_FingerID id, int x, int y, int w, int h)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.tfinger.fingerId = id;
    ev.tfinger.x = ((float)x + 0.5f) / (float)w;
    ev.tfinger.y = ((float)y + 0.5f) / (float)h;
    SDL_PushEvent(&ev);
}

/* Two SDL fingers on the photo viewer: moving apart to twice their distance zooms it 2x;
 * a third finger and the fingers' later moves change nothing, and nothing is clicked. */
static void test_two_fingers_pinch(void **state)
{
    (void)state;
    env e;
    assert_int_equal(open_env(&e, 800, 480), 0);
    fq_widget *v = fq_viewer_new(fq_ui_root(e.ui), 1, 1600, 1200);
    fq_widget_set_grow(v, 1);
    fq_ui_layout(e.ui);
    push_finger(SDL_FINGERDOWN, 1, 300, 240, 800, 480);
    push_finger(SDL_FINGERDOWN, 2, 500, 240, 800, 480); /* 200 px apart */
    push_finger(SDL_FINGERDOWN, 3, 400, 100, 800, 480); /* ignored */
    push_finger(SDL_FINGERMOTION, 1, 250, 240, 800, 480);
    push_finger(SDL_FINGERMOTION, 2, 650, 240, 800, 480); /* 400 px apart */
    fq_platform_step(e.p, e.ui); /* takes every queued event */
    assert_true(fabsf(fq_viewer_zoom(v) - 2.0f) < 0.05f);
    push_finger(SDL_FINGERUP, 2, 650, 240, 800, 480);
    push_finger(SDL_FINGERMOTION, 1, 100, 240, 800, 480); /* no pan, no swipe */
    push_finger(SDL_FINGERUP, 1, 100, 240, 800, 480);
    push_finger(SDL_FINGERUP, 3, 400, 100, 800, 480);
    fq_platform_step(e.p, e.ui); /* takes every queued event */
    assert_true(fabsf(fq_viewer_zoom(v) - 2.0f) < 0.05f);
    close_env(&e);
}

/* No size asked: a fullscreen app takes the display's (the dummy driver's 1024x768), turned
 * by the rotation; a window keeps 800x480. */
static void test_size_from_display(void **state)
{
    (void)state;
    char font_dir[512];
    snprintf(font_dir, sizeof font_dir, "%s/assets/fonts",
             getenv("FIELDQC_SOURCE_DIR") ? getenv("FIELDQC_SOURCE_DIR") : ".");
    fq_platform_config pc = {.width_px = 0, .height_px = 0, .fullscreen = true,
                             .font_dir = font_dir};
    fq_platform *p = NULL;
    char err[256];
    assert_int_equal(fq_platform_open(&pc, &p, err, sizeof err), FQ_UI_OK);
    SDL_DisplayMode dm;
    assert_int_equal(SDL_GetDesktopDisplayMode(0, &dm), 0);
    int w = 0, h = 0;
    fq_platform_size(p, &w, &h);
    assert_int_equal(w, dm.w);
    assert_int_equal(h, dm.h);
    fq_platform_close(p);
    pc.rotation = 90;
    assert_int_equal(fq_platform_open(&pc, &p, err, sizeof err), FQ_UI_OK);
    fq_platform_size(p, &w, &h);
    assert_int_equal(w, dm.h);
    assert_int_equal(h, dm.w);
    fq_platform_close(p);
    pc.rotation = 0;
    pc.fullscreen = false;
    assert_int_equal(fq_platform_open(&pc, &p, err, sizeof err), FQ_UI_OK);
    fq_platform_size(p, &w, &h);
    assert_int_equal(w, 800);
    assert_int_equal(h, 480);
    fq_platform_close(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_round_trip),
        cmocka_unit_test(test_text_cache),
        cmocka_unit_test(test_cjk_fallback),
        cmocka_unit_test(test_missing_glyph_replaced),
        cmocka_unit_test(test_script_replay),
        cmocka_unit_test(test_idle_loop_sleeps),
        cmocka_unit_test(test_rotation),
        cmocka_unit_test(test_asleep_touch_only_wakes),
        cmocka_unit_test(test_two_fingers_pinch),
        cmocka_unit_test(test_size_from_display),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
