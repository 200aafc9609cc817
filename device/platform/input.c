/* SDL events -> fq_input. ONE pointer path: fingers (window.c sets SDL_MOUSE_TOUCH_EVENTS=1
 * so a mouse also produces fingers, and SDL_TOUCH_MOUSE_EVENTS=0 so a touch doesn't also
 * produce a mouse click: otherwise every tap would arrive twice, PLATFORM.md section 4).
 * Mouse events are ignored. The first finger is the pointer; a second one turns the touch
 * into a pinch (centre and distance ratio; what it means is ui/gesture.c's business), further
 * ones are ignored. Keyboards and USB HID barcode scanners arrive as SDL_TEXTINPUT + Enter. */
#include <math.h>
#include <string.h>

#include "platform_internal.h"

void fq_platform_window_to_frame(const fq_platform *p, int wx, int wy, int *x, int *y)
{
    /* inverse of fq_platform_copy_frame's clockwise turn */
    switch (p->rotation) {
    case 90:
        *x = wy;
        *y = p->height_px - 1 - wx;
        break;
    case 180:
        *x = p->width_px - 1 - wx;
        *y = p->height_px - 1 - wy;
        break;
    case 270:
        *x = p->width_px - 1 - wy;
        *y = wx;
        break;
    default:
        *x = wx;
        *y = wy;
        break;
    }
}

static void finger_to_logical(fq_platform *p, float nx, float ny, int *x, int *y)
{
    int ww;
    int wh;
    SDL_GetWindowSize(p->window, &ww, &wh);
    float lx;
    float ly;
    SDL_RenderWindowToLogical(p->renderer, (int)(nx * (float)ww), (int)(ny * (float)wh), &lx, &ly);
    fq_platform_window_to_frame(p, (int)lx, (int)ly, x, y);
}

static fq_key map_key(SDL_Keycode k)
{
    switch (k) {
    case SDLK_BACKSPACE:
        return FQ_KEY_BACKSPACE;
    case SDLK_DELETE:
        return FQ_KEY_DELETE;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_RETURN2:
        return FQ_KEY_ENTER;
    case SDLK_TAB:
        return FQ_KEY_TAB;
    case SDLK_ESCAPE:
        return FQ_KEY_ESCAPE;
    case SDLK_LEFT:
        return FQ_KEY_LEFT;
    case SDLK_RIGHT:
        return FQ_KEY_RIGHT;
    case SDLK_UP:
        return FQ_KEY_UP;
    case SDLK_DOWN:
        return FQ_KEY_DOWN;
    case SDLK_HOME:
        return FQ_KEY_HOME;
    case SDLK_END:
        return FQ_KEY_END;
    default:
        return FQ_KEY_NONE;
    }
}

/* PINCH from the two fingers' positions: their centre, and the change of their distance
 * since the last PINCH (1 at the first). */
static bool pinch(fq_platform *p, fq_input *out)
{
    float dx = (float)(p->f2x - p->f1x), dy = (float)(p->f2y - p->f1y);
    float dist = sqrtf(dx * dx + dy * dy);
    if (dist < 1.0f)
        dist = 1.0f;
    out->type = FQ_INPUT_PINCH;
    out->x = (p->f1x + p->f2x) / 2;
    out->y = (p->f1y + p->f2y) / 2;
    out->scale = p->pinch_dist > 0.0f ? dist / p->pinch_dist : 1.0f;
    p->pinch_dist = dist;
    return true;
}

bool fq_platform_input_translate(fq_platform *p, const SDL_Event *e, fq_input *out)
{
    memset(out, 0, sizeof *out);
    out->time_ms = fq_platform_now_ms();
    switch (e->type) {
    case SDL_FINGERDOWN:
        if (p->finger_down) {
            if (p->finger2_down)
                return false; /* a third finger: ignored */
            p->finger2_down = true;
            p->finger2 = e->tfinger.fingerId;
            finger_to_logical(p, e->tfinger.x, e->tfinger.y, &p->f2x, &p->f2y);
            p->pinch_dist = 0.0f;
            return pinch(p, out);
        }
        p->finger_down = true;
        p->finger2_down = p->pinched = false;
        p->finger = e->tfinger.fingerId;
        out->type = FQ_INPUT_POINTER_DOWN;
        finger_to_logical(p, e->tfinger.x, e->tfinger.y, &out->x, &out->y);
        p->f1x = out->x, p->f1y = out->y;
        return true;
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        if (p->finger2_down && e->tfinger.fingerId == p->finger2) {
            finger_to_logical(p, e->tfinger.x, e->tfinger.y, &p->f2x, &p->f2y);
            if (e->type == SDL_FINGERMOTION)
                return pinch(p, out);
            p->finger2_down = false;
            p->pinched = true;
            return false;
        }
        if (!p->finger_down || e->tfinger.fingerId != p->finger)
            return false;
        finger_to_logical(p, e->tfinger.x, e->tfinger.y, &p->f1x, &p->f1y);
        if (e->type == SDL_FINGERMOTION && p->finger2_down)
            return pinch(p, out);
        if (e->type == SDL_FINGERMOTION && p->pinched)
            return false;
        /* the first finger's UP ends the touch, pinch or not (the ui knows which) */
        out->type = e->type == SDL_FINGERUP ? FQ_INPUT_POINTER_UP : FQ_INPUT_POINTER_MOVE;
        if (e->type == SDL_FINGERUP)
            p->finger_down = p->finger2_down = p->pinched = false;
        out->x = p->f1x, out->y = p->f1y;
        return true;
    case SDL_TEXTINPUT:
        out->type = FQ_INPUT_TEXT;
        memcpy(out->text, e->text.text, sizeof out->text - 1);
        return true;
    case SDL_KEYDOWN:
        out->type = FQ_INPUT_KEY;
        out->key = map_key(e->key.keysym.sym);
        out->mods = (e->key.keysym.mod & KMOD_SHIFT) ? FQ_MOD_SHIFT : 0;
        return out->key != FQ_KEY_NONE;
    default:
        return false;
    }
}
