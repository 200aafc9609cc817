/* Painting a ui draw list with SDL_Renderer. Rounded corners and status lights come from
 * cached anti-aliased disc textures (tinted per draw), so corners and dots are smooth even
 * on the software renderer; thick lines (signatures) are stamped discs. Text comes from the
 * text cache. Deliberately no state between lists except those caches. */
#include <math.h>

#include "platform_internal.h"

static SDL_Texture *disc(fq_platform *p, int diameter)
{
    for (int i = 0; i < p->n_circles; i++)
        if (p->circles[i].diameter == diameter)
            return p->circles[i].tex;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, diameter, diameter, 32,
                                                    SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    float r = (float)diameter / 2.0f;
    Uint32 *px = s->pixels;
    for (int y = 0; y < diameter; y++) {
        for (int x = 0; x < diameter; x++) {
            /* 4x4 supersampled coverage */
            int inside = 0;
            for (int sy = 0; sy < 4; sy++)
                for (int sx = 0; sx < 4; sx++) {
                    float dx = (float)x + ((float)sx + 0.5f) / 4.0f - r;
                    float dy = (float)y + ((float)sy + 0.5f) / 4.0f - r;
                    inside += dx * dx + dy * dy <= r * r;
                }
            Uint32 a = (Uint32)(inside * 255 / 16);
            px[y * (s->pitch / 4) + x] = (a << 24) | 0xFFFFFFu;
        }
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(p->renderer, s);
    SDL_FreeSurface(s);
    if (!t)
        return NULL;
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    if (p->n_circles == MAX_CIRCLES) {
        SDL_DestroyTexture(p->circles[0].tex);
        p->circles[0] = p->circles[--p->n_circles];
    }
    p->circles[p->n_circles++] = (circle_entry){diameter, t};
    return t;
}

static void set_color(SDL_Renderer *r, fq_color c)
{
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
}

static void tint(SDL_Texture *t, fq_color c)
{
    SDL_SetTextureColorMod(t, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(t, c.a);
}

static void fill_rect(fq_platform *p, fq_rect r, fq_color c)
{
    if (r.w <= 0 || r.h <= 0 || c.a == 0)
        return;
    set_color(p->renderer, c);
    SDL_Rect sr = {r.x, r.y, r.w, r.h};
    SDL_RenderFillRect(p->renderer, &sr);
}

static void fill_round_rect(fq_platform *p, fq_rect r, int radius, fq_color c)
{
    if (r.w <= 0 || r.h <= 0 || c.a == 0)
        return;
    radius = radius * 2 > r.w ? r.w / 2 : radius;
    radius = radius * 2 > r.h ? r.h / 2 : radius;
    SDL_Texture *t = radius > 0 ? disc(p, radius * 2) : NULL;
    if (!t) {
        fill_rect(p, r, c);
        return;
    }
    tint(t, c);
    int d = radius;
    SDL_Rect src[4] = {{0, 0, d, d}, {d, 0, d, d}, {0, d, d, d}, {d, d, d, d}};
    SDL_Rect dst[4] = {{r.x, r.y, d, d},
                       {r.x + r.w - d, r.y, d, d},
                       {r.x, r.y + r.h - d, d, d},
                       {r.x + r.w - d, r.y + r.h - d, d, d}};
    for (int i = 0; i < 4; i++)
        SDL_RenderCopy(p->renderer, t, &src[i], &dst[i]);
    fill_rect(p, (fq_rect){r.x + d, r.y, r.w - 2 * d, r.h}, c);
    fill_rect(p, (fq_rect){r.x, r.y + d, d, r.h - 2 * d}, c);
    fill_rect(p, (fq_rect){r.x + r.w - d, r.y + d, d, r.h - 2 * d}, c);
}

static void draw_rect_cmd(fq_platform *p, const fq_draw_cmd *c)
{
    fq_rect r = c->rect;
    int b = c->border_px;
    if (b <= 0) {
        fill_round_rect(p, r, c->radius_px, c->color);
        return;
    }
    if (c->color.a == 0) {
        /* outline only: four edges (corners square; used for frames around joined parts) */
        fill_rect(p, (fq_rect){r.x, r.y, r.w, b}, c->border_color);
        fill_rect(p, (fq_rect){r.x, r.y + r.h - b, r.w, b}, c->border_color);
        fill_rect(p, (fq_rect){r.x, r.y + b, b, r.h - 2 * b}, c->border_color);
        fill_rect(p, (fq_rect){r.x + r.w - b, r.y + b, b, r.h - 2 * b}, c->border_color);
        return;
    }
    fill_round_rect(p, r, c->radius_px, c->border_color);
    fq_rect in = {r.x + b, r.y + b, r.w - 2 * b, r.h - 2 * b};
    fill_round_rect(p, in, c->radius_px > b ? c->radius_px - b : 0, c->color);
}

static void stamp(fq_platform *p, SDL_Texture *t, int cx, int cy, int d)
{
    SDL_Rect dst = {cx - d / 2, cy - d / 2, d, d};
    SDL_RenderCopy(p->renderer, t, NULL, &dst);
}

static void draw_line_cmd(fq_platform *p, const fq_draw_cmd *c)
{
    if (c->thickness_px <= 1) {
        set_color(p->renderer, c->color);
        SDL_RenderDrawLine(p->renderer, c->x0, c->y0, c->x1, c->y1);
        return;
    }
    SDL_Texture *t = disc(p, c->thickness_px);
    if (!t)
        return;
    tint(t, c->color);
    float dx = (float)(c->x1 - c->x0);
    float dy = (float)(c->y1 - c->y0);
    float len = sqrtf(dx * dx + dy * dy);
    float step = (float)c->thickness_px / 3.0f;
    int n = (int)(len / (step > 1.0f ? step : 1.0f)) + 1;
    for (int i = 0; i <= n; i++) {
        float f = (float)i / (float)n;
        stamp(p, t, c->x0 + (int)lroundf(dx * f), c->y0 + (int)lroundf(dy * f), c->thickness_px);
    }
}

static void draw_circle_cmd(fq_platform *p, const fq_draw_cmd *c)
{
    int d = c->rect.w < c->rect.h ? c->rect.w : c->rect.h;
    int cx = c->rect.x + c->rect.w / 2;
    int cy = c->rect.y + c->rect.h / 2;
    if (c->border_px > 0) {
        SDL_Texture *outer = disc(p, d);
        if (outer) {
            tint(outer, c->border_color);
            stamp(p, outer, cx, cy, d);
        }
        d -= 2 * c->border_px;
    }
    SDL_Texture *inner = d > 0 ? disc(p, d) : NULL;
    if (inner) {
        tint(inner, c->color);
        stamp(p, inner, cx, cy, d);
    }
}

static void draw_text_cmd(fq_platform *p, const fq_draw_cmd *c)
{
    int w;
    int h;
    SDL_Texture *t =
        fq_platform_text_texture(p, c->text, c->text_len, c->size_px, c->style, &w, &h);
    if (!t)
        return;
    tint(t, c->color);
    SDL_Rect dst = {c->rect.x, c->rect.y, w, h};
    SDL_RenderCopy(p->renderer, t, NULL, &dst);
}

static void apply_clip(fq_platform *p)
{
    if (p->clip_depth == 0) {
        SDL_RenderSetClipRect(p->renderer, NULL);
        return;
    }
    fq_rect r = p->clip_stack[p->clip_depth - 1];
    SDL_Rect sr = {r.x, r.y, r.w > 0 ? r.w : 0, r.h > 0 ? r.h : 0};
    /* An empty SDL clip rect means "no clip": keep a 1x1 offscreen one instead. */
    if (sr.w == 0 || sr.h == 0)
        sr = (SDL_Rect){-10, -10, 1, 1};
    SDL_RenderSetClipRect(p->renderer, &sr);
}

static void clip_push(fq_platform *p, fq_rect r)
{
    if (p->clip_depth > 0) {
        fq_rect top = p->clip_stack[p->clip_depth - 1];
        int x0 = r.x > top.x ? r.x : top.x;
        int y0 = r.y > top.y ? r.y : top.y;
        int x1 = r.x + r.w < top.x + top.w ? r.x + r.w : top.x + top.w;
        int y1 = r.y + r.h < top.y + top.h ? r.y + r.h : top.y + top.h;
        r = (fq_rect){x0, y0, x1 - x0, y1 - y0};
    }
    if (p->clip_depth < CLIP_DEPTH)
        p->clip_stack[p->clip_depth++] = r;
    apply_clip(p);
}

void fq_platform_render_draw_list(fq_platform *p, const fq_draw_list *dl)
{
    p->clip_depth = 0;
    apply_clip(p);
    for (size_t i = 0; i < dl->n_cmds; i++) {
        const fq_draw_cmd *c = &dl->cmds[i];
        switch (c->kind) {
        case FQ_DRAW_RECT:
            draw_rect_cmd(p, c);
            break;
        case FQ_DRAW_CIRCLE:
            draw_circle_cmd(p, c);
            break;
        case FQ_DRAW_LINE:
            draw_line_cmd(p, c);
            break;
        case FQ_DRAW_TEXT:
            draw_text_cmd(p, c);
            break;
        case FQ_DRAW_IMAGE:
            if (c->image_id > 0 && c->image_id <= MAX_IMAGES && p->images[c->image_id - 1]) {
                SDL_Rect dst = {c->rect.x, c->rect.y, c->rect.w, c->rect.h};
                SDL_RenderCopy(p->renderer, p->images[c->image_id - 1], NULL, &dst);
            }
            break;
        case FQ_DRAW_CLIP_PUSH:
            clip_push(p, c->rect);
            break;
        case FQ_DRAW_CLIP_POP:
            if (p->clip_depth > 0)
                p->clip_depth--;
            apply_clip(p);
            break;
        }
    }
    p->clip_depth = 0;
    apply_clip(p);
}

void fq_platform_render_close(fq_platform *p)
{
    for (int i = 0; i < p->n_circles; i++)
        SDL_DestroyTexture(p->circles[i].tex);
    p->n_circles = 0;
}
