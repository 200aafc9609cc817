/* The event loop helper: wait for input (until the ui's next timer, or until something
 * happens when it is idle: wake.c blocks without spinning), hand every pending event to the
 * ui, tick it, repaint only if it is dirty. A step may also return without an event (a
 * timer, a watched fd, the idle cap): the caller just steps again.
 * Deliberately no frame timer: momentum asks for ticks through fq_ui_timeout_ms. */
#include "platform_internal.h"

static void deliver(fq_platform *p, fq_ui *ui, const SDL_Event *e)
{
    fq_input in;
    if (e->type == SDL_QUIT) {
        p->quit = true;
        return;
    }
    if (e->type == SDL_WINDOWEVENT || e->type == SDL_RENDER_TARGETS_RESET ||
        e->type == SDL_RENDER_DEVICE_RESET) {
        fq_ui_invalidate_all(ui); /* exposed / resized / lost the frame: repaint all */
        return;
    }
    if (!fq_platform_input_translate(p, e, &in))
        return;
    p->last_input_ms = fq_platform_now_ms();
    if (p->asleep) {
        p->asleep = false;
        /* a touch on the dark panel only wakes it (swallowed up to its finger up); typed
         * input (a scanner, a caliper) wakes it and still counts */
        if (in.type == FQ_INPUT_POINTER_DOWN || in.type == FQ_INPUT_POINTER_MOVE) {
            p->waking_touch = true;
            return;
        }
    }
    if (p->waking_touch && in.type != FQ_INPUT_TEXT && in.type != FQ_INPUT_KEY) {
        if (in.type == FQ_INPUT_POINTER_UP)
            p->waking_touch = false;
        return;
    }
    fq_ui_handle_input(ui, &in);
}

bool fq_platform_step(fq_platform *p, fq_ui *ui)
{
    if (fq_ui_needs_redraw(ui))
        fq_platform_render(p, ui);
    SDL_Event e;
    if (fq_platform_wait_event(p, &e, fq_ui_timeout_ms(ui, fq_platform_now_ms()))) {
        deliver(p, ui, &e);
        while (SDL_PollEvent(&e))
            deliver(p, ui, &e);
    }
    fq_ui_tick(ui, fq_platform_now_ms());
    if (fq_ui_needs_redraw(ui))
        fq_platform_render(p, ui);
    return !p->quit;
}
