/* The event loop helper: wait for input (forever when the ui is idle, else until its next
 * timer), hand every pending event to the ui, tick it, repaint only if it is dirty.
 * On drivers without a native blocking wait (kmsdrm, dummy) it polls every IDLE_POLL_MS
 * instead of SDL's 1 ms spin: ~100 cheap wakeups a second, at most 10 ms added latency.
 * Deliberately no frame timer: momentum asks for ticks through fq_ui_timeout_ms. */
#include "platform_internal.h"

#define IDLE_POLL_MS 10

static bool wait_event(fq_platform *p, SDL_Event *e, int timeout_ms)
{
    if (p->native_wait)
        return timeout_ms < 0 ? SDL_WaitEvent(e) == 1 : SDL_WaitEventTimeout(e, timeout_ms) == 1;
    int64_t end = fq_platform_now_ms() + (timeout_ms < 0 ? 0 : timeout_ms);
    for (;;) {
        if (SDL_PollEvent(e))
            return true;
        int64_t left = end - fq_platform_now_ms();
        if (timeout_ms >= 0 && left <= 0)
            return false;
        SDL_Delay(timeout_ms < 0 || left > IDLE_POLL_MS ? IDLE_POLL_MS : (Uint32)left);
    }
}

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
    if (fq_platform_input_translate(p, e, &in))
        fq_ui_handle_input(ui, &in);
}

bool fq_platform_step(fq_platform *p, fq_ui *ui)
{
    if (fq_ui_needs_redraw(ui))
        fq_platform_render(p, ui);
    SDL_Event e;
    if (wait_event(p, &e, fq_ui_timeout_ms(ui, fq_platform_now_ms()))) {
        deliver(p, ui, &e);
        while (SDL_PollEvent(&e))
            deliver(p, ui, &e);
    }
    fq_ui_tick(ui, fq_platform_now_ms());
    if (fq_ui_needs_redraw(ui))
        fq_platform_render(p, ui);
    return !p->quit;
}
