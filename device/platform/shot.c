/* Screenshots (read the kept frame back, write PNG) and image registration (caller pixels to
 * textures, ids for fq_image_new). Deliberately no image decoding: photos arrive as pixels
 * from media/, icons as pixels from wherever the screen loads them. */
#include <stdio.h>
#include <stdlib.h>

#include "platform_internal.h"

/* What the panel shows when the frame is turned: the frame drawn turned into a window-sized
 * target, read back (screenshots show the panel, not the ui's own orientation). */
static SDL_Texture *turned_frame(fq_platform *p)
{
    SDL_Texture *t = SDL_CreateTexture(p->renderer, SDL_PIXELFORMAT_ARGB8888,
                                       SDL_TEXTUREACCESS_TARGET, p->win_w, p->win_h);
    if (!t || SDL_SetRenderTarget(p->renderer, t) != 0) {
        if (t)
            SDL_DestroyTexture(t);
        return NULL;
    }
    /* the window's logical size applies to targets too: lay the copy out in window space */
    fq_platform_copy_frame(p);
    return t;
}

fq_ui_result fq_platform_screenshot(fq_platform *p, const char *path)
{
    int w = p->rotation ? p->win_w : p->width_px;
    int h = p->rotation ? p->win_h : p->height_px;
    SDL_Texture *turned = NULL;
    uint8_t *rgb = malloc((size_t)w * (size_t)h * 3);
    if (!rgb) {
        snprintf(p->errmsg, sizeof p->errmsg, "screenshot: out of memory");
        return FQ_UI_ERR_NOMEM;
    }
    fq_ui_result rc = FQ_UI_ERR_IO;
    if (p->rotation) {
        if (!(turned = turned_frame(p))) {
            fq_platform_set_error(p, "screenshot");
            goto out;
        }
    } else if (p->frame) {
        SDL_SetRenderTarget(p->renderer, p->frame);
    }
    if (SDL_RenderReadPixels(p->renderer, NULL, SDL_PIXELFORMAT_RGB24, rgb, w * 3) != 0) {
        fq_platform_set_error(p, "SDL_RenderReadPixels");
        goto out;
    }
    rc = fq_platform_png_write_rgb(path, rgb, w, h, w * 3);
    if (rc != FQ_UI_OK)
        snprintf(p->errmsg, sizeof p->errmsg, "cannot write %s", path);
out:
    if (p->frame || turned)
        SDL_SetRenderTarget(p->renderer, NULL);
    if (turned)
        SDL_DestroyTexture(turned);
    free(rgb);
    return rc;
}

fq_ui_result fq_platform_register_image(fq_platform *p, const uint8_t *pixels, int w, int h,
                                        int stride, bool has_alpha, int *out_id)
{
    int slot = -1;
    for (int i = 0; i < MAX_IMAGES && slot < 0; i++)
        if (!p->images[i])
            slot = i;
    if (slot < 0 || w <= 0 || h <= 0 || !pixels) {
        snprintf(p->errmsg, sizeof p->errmsg, "register_image: no slot or bad size");
        return FQ_UI_ERR_INVALID;
    }
    Uint32 fmt = has_alpha ? SDL_PIXELFORMAT_ABGR8888 : SDL_PIXELFORMAT_RGB24; /* RGBA bytes */
    SDL_Texture *t = SDL_CreateTexture(p->renderer, fmt, SDL_TEXTUREACCESS_STATIC, w, h);
    if (!t || SDL_UpdateTexture(t, NULL, pixels, stride) != 0) {
        fq_platform_set_error(p, "register_image");
        if (t)
            SDL_DestroyTexture(t);
        return FQ_UI_ERR_IO;
    }
    SDL_SetTextureBlendMode(t, has_alpha ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
    p->images[slot] = t;
    *out_id = slot + 1;
    return FQ_UI_OK;
}

void fq_platform_release_image(fq_platform *p, int image_id)
{
    if (image_id < 1 || image_id > MAX_IMAGES || !p->images[image_id - 1])
        return;
    SDL_DestroyTexture(p->images[image_id - 1]);
    p->images[image_id - 1] = NULL;
}
