/* Window, renderer and the kept frame texture; open/close and presenting. The frame is a
 * render-target texture at the logical size: the ui repaints only its dirty area into it,
 * and each present copies it (scaled, letterboxed) to the window. Deliberately no vsync or
 * frame pacing: we draw only when something changed. */
#include <stdio.h>
#include <string.h>

#include "platform_internal.h"

void fq_platform_set_error(fq_platform *p, const char *what)
{
    snprintf(p->errmsg, sizeof p->errmsg, "%s: %s", what, SDL_GetError());
}

const char *fq_platform_errmsg(const fq_platform *p)
{
    return p && p->errmsg[0] ? p->errmsg : "no error";
}

int64_t fq_platform_now_ms(void)
{
    return (int64_t)SDL_GetTicks64();
}

static bool driver_waits_natively(void)
{
    /* SDL 2.26 blocks in the OS only where the driver implements WaitEventTimeout; on others
     * (kmsdrm, dummy) SDL_WaitEventTimeout polls every 1 ms, so loop.c polls coarser itself. */
    const char *d = SDL_GetCurrentVideoDriver();
    return d && (!strcmp(d, "x11") || !strcmp(d, "wayland"));
}

static fq_ui_result open_video(fq_platform *p, const fq_platform_config *cfg)
{
    /* One input path: fingers. Real touches arrive as SDL_FINGER*; a mouse (desktop, Xvfb
     * tests) is turned into fingers too; touch-to-mouse duplicates are switched off. */
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "1");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fq_platform_set_error(p, "SDL_Init(video)");
        return FQ_UI_ERR_UNSUPPORTED;
    }
    /* no size asked: the panel's own (turned by the rotation), else 800x480 */
    if (p->width_px == 0 || p->height_px == 0) {
        SDL_DisplayMode dm;
        bool turned = p->rotation == 90 || p->rotation == 270;
        if (cfg->fullscreen && SDL_GetDesktopDisplayMode(0, &dm) == 0 && dm.w >= 200 &&
            dm.h >= 200) {
            p->width_px = turned ? dm.h : dm.w;
            p->height_px = turned ? dm.w : dm.h;
        } else {
            p->width_px = 800;
            p->height_px = 480;
        }
        p->win_w = turned ? p->height_px : p->width_px;
        p->win_h = turned ? p->width_px : p->height_px;
    }
    Uint32 flags = SDL_WINDOW_SHOWN | (cfg->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    p->window = SDL_CreateWindow(cfg->title ? cfg->title : "fieldqc", SDL_WINDOWPOS_CENTERED,
                                 SDL_WINDOWPOS_CENTERED, p->win_w, p->win_h, flags);
    if (!p->window) {
        fq_platform_set_error(p, "SDL_CreateWindow");
        return FQ_UI_ERR_UNSUPPORTED;
    }
    p->renderer = SDL_CreateRenderer(p->window, -1, SDL_RENDERER_TARGETTEXTURE);
    if (!p->renderer)
        p->renderer = SDL_CreateRenderer(p->window, -1, 0);
    if (!p->renderer) {
        fq_platform_set_error(p, "SDL_CreateRenderer");
        return FQ_UI_ERR_UNSUPPORTED;
    }
    SDL_RenderSetLogicalSize(p->renderer, p->win_w, p->win_h);
    if (SDL_RenderTargetSupported(p->renderer))
        p->frame = SDL_CreateTexture(p->renderer, SDL_PIXELFORMAT_ARGB8888,
                                     SDL_TEXTUREACCESS_TARGET, p->width_px, p->height_px);
    if (!p->frame && p->rotation) {
        snprintf(p->errmsg, sizeof p->errmsg,
                 "rotation needs render targets, which this renderer lacks");
        return FQ_UI_ERR_UNSUPPORTED;
    }
    /* Without a target texture every render is a full redraw straight to the window. */
    p->native_wait = driver_waits_natively();
    const char *drv = SDL_GetCurrentVideoDriver();
    p->headless = drv && (!strcmp(drv, "dummy") || !strcmp(drv, "offscreen"));
    if (cfg->fullscreen)
        SDL_ShowCursor(SDL_DISABLE); /* a kiosk is driven by fingers; no arrow on the panel */
    SDL_StartTextInput();
    return FQ_UI_OK;
}

fq_ui_result fq_platform_open(const fq_platform_config *cfg, fq_platform **out, char *errmsg,
                              size_t errmsg_len)
{
    fq_platform *p = SDL_calloc(1, sizeof *p);
    fq_ui_result rc = FQ_UI_ERR_NOMEM;
    if (!p) {
        if (errmsg_len)
            snprintf(errmsg, errmsg_len, "out of memory");
        return rc;
    }
    /* 0x0: decided in open_video, from the display */
    p->width_px = cfg->width_px > 0 && cfg->height_px > 0 ? cfg->width_px : 0;
    p->height_px = cfg->width_px > 0 && cfg->height_px > 0 ? cfg->height_px : 0;
    if (cfg->rotation != 0 && cfg->rotation != 90 && cfg->rotation != 180 &&
        cfg->rotation != 270) {
        if (errmsg_len)
            snprintf(errmsg, errmsg_len, "rotation %d: use 0, 90, 180 or 270", cfg->rotation);
        SDL_free(p);
        return FQ_UI_ERR_INVALID;
    }
    p->rotation = cfg->rotation;
    bool turned = p->rotation == 90 || p->rotation == 270;
    p->win_w = turned ? p->height_px : p->width_px;
    p->win_h = turned ? p->width_px : p->height_px;
    rc = open_video(p, cfg);
    if (rc != FQ_UI_OK)
        goto fail;
    rc = fq_platform_text_open(p, cfg);
    if (rc != FQ_UI_OK)
        goto fail;
    *out = p;
    return FQ_UI_OK;
fail:
    if (errmsg_len)
        snprintf(errmsg, errmsg_len, "%s", p->errmsg);
    fq_platform_close(p);
    return rc;
}

void fq_platform_close(fq_platform *p)
{
    if (!p)
        return;
    fq_platform_text_close(p);
    fq_platform_render_close(p);
    fq_platform_wake_close(p);
    for (int i = 0; i < MAX_IMAGES; i++)
        if (p->images[i])
            SDL_DestroyTexture(p->images[i]);
    if (p->frame)
        SDL_DestroyTexture(p->frame);
    if (p->renderer)
        SDL_DestroyRenderer(p->renderer);
    if (p->window)
        SDL_DestroyWindow(p->window);
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    SDL_Quit();
    SDL_free(p);
}

void fq_platform_size(const fq_platform *p, int *w, int *h)
{
    *w = p->width_px;
    *h = p->height_px;
}

int64_t fq_platform_last_input_ms(const fq_platform *p)
{
    return p->last_input_ms;
}

void fq_platform_set_asleep(fq_platform *p, bool asleep)
{
    p->asleep = asleep;
}

fq_ui_text_measurer fq_platform_text_measurer(fq_platform *p)
{
    fq_ui_text_measurer m = {fq_platform_text_measure_width, fq_platform_text_measure_height, p};
    return m;
}

void fq_platform_attach(fq_platform *p, fq_ui *ui)
{
    fq_ui_text_measurer m = fq_platform_text_measurer(p);
    fq_ui_set_text_measurer(ui, &m);
    fq_ui_resize(ui, p->width_px, p->height_px);
}

fq_ui_result fq_platform_render(fq_platform *p, fq_ui *ui)
{
    if (!p->frame)
        fq_ui_invalidate_all(ui); /* nothing kept between frames */
    const fq_draw_list *dl = fq_ui_render(ui);
    if (dl->n_cmds == 0)
        return FQ_UI_OK;
    if (p->frame && SDL_SetRenderTarget(p->renderer, p->frame) != 0) {
        fq_platform_set_error(p, "SDL_SetRenderTarget");
        return FQ_UI_ERR_IO;
    }
    fq_platform_render_draw_list(p, dl);
    if (p->frame) {
        SDL_SetRenderTarget(p->renderer, NULL);
        fq_platform_copy_frame(p);
    }
    SDL_RenderPresent(p->renderer);
    p->stats.frames++;
    return FQ_UI_OK;
}

void fq_platform_copy_frame(fq_platform *p)
{
    SDL_RenderSetClipRect(p->renderer, NULL);
    SDL_SetRenderDrawColor(p->renderer, 0, 0, 0, 255);
    SDL_RenderClear(p->renderer);
    if (!p->rotation) {
        SDL_RenderCopy(p->renderer, p->frame, NULL, NULL);
        return;
    }
    /* the frame's rectangle centred on the window, turned about its centre onto it */
    SDL_Rect dst = {(p->win_w - p->width_px) / 2, (p->win_h - p->height_px) / 2, p->width_px,
                    p->height_px};
    SDL_RenderCopyEx(p->renderer, p->frame, NULL, &dst, (double)p->rotation, NULL,
                     SDL_FLIP_NONE);
}

bool fq_platform_headless(const fq_platform *p)
{
    return p->headless;
}

fq_platform_stats fq_platform_get_stats(const fq_platform *p)
{
    return p->stats;
}
