/* Waiting for input without spinning where SDL cannot block (kmsdrm on a Pi console, dummy):
 * SDL 2.26 implements a blocking wait only for x11 and wayland and otherwise polls every
 * millisecond. Here the loop sleeps in poll(2) on the input devices SDL itself reads
 * (/dev/input/event*: SDL's evdev backend consumes them when events are pumped; we only
 * watch for readability), so an idle kiosk wakes a few times a minute, not 100 times a second,
 * and a tap still wakes it at once. The wait is capped at RESCAN_MS to notice a touchscreen
 * plugged in later; a signal (systemd stopping the service) ends poll() with EINTR and SDL
 * turns it into SDL_QUIT. Without readable input devices (no permission: the service user
 * lacks the input group) it falls back to polling every FALLBACK_POLL_MS and says so once. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "platform_internal.h"

#define RESCAN_MS 5000
#define FALLBACK_POLL_MS 10

static void close_inputs(fq_platform *p)
{
    for (int i = 0; i < p->n_input_fds; i++)
        close(p->input_fds[i]);
    p->n_input_fds = 0;
}

static void scan_inputs(fq_platform *p)
{
    close_inputs(p);
    DIR *d = opendir("/dev/input");
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL && p->n_input_fds < FQ_PLATFORM_MAX_INPUT_FDS) {
        if (strncmp(e->d_name, "event", 5) != 0)
            continue;
        char path[300];
        snprintf(path, sizeof path, "/dev/input/%s", e->d_name);
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0)
            p->input_fds[p->n_input_fds++] = fd;
    }
    if (d)
        closedir(d);
    p->scanned_ms = fq_platform_now_ms();
}

void fq_platform_wake_close(fq_platform *p)
{
    close_inputs(p);
}

int fq_platform_watch_fd(fq_platform *p, int fd)
{
    if (p->n_extra_fds >= FQ_PLATFORM_MAX_EXTRA_FDS)
        return -1;
    p->extra_fds[p->n_extra_fds++] = fd;
    return 0;
}

/* Blocks until an SDL event is pending, a watched fd is readable, or timeout_ms passed
 * (< 0: no timeout). Returns true when an SDL event is in *e. */
bool fq_platform_wait_event(fq_platform *p, SDL_Event *e, int timeout_ms)
{
    if (p->native_wait) {
        p->stats.wakeups++;
        return timeout_ms < 0 ? SDL_WaitEvent(e) == 1 : SDL_WaitEventTimeout(e, timeout_ms) == 1;
    }
    if (SDL_PollEvent(e))
        return true;
    if (!p->input_scanned || fq_platform_now_ms() - p->scanned_ms >= RESCAN_MS) {
        scan_inputs(p);
        if (!p->input_scanned && p->n_input_fds == 0 && p->n_extra_fds == 0 && !p->headless)
            fprintf(stderr, "fieldqc: no readable input device in /dev/input (is the user in "
                            "the input group?): polling every %d ms\n", FALLBACK_POLL_MS);
        p->input_scanned = true;
    }
    struct pollfd fds[FQ_PLATFORM_MAX_INPUT_FDS + FQ_PLATFORM_MAX_EXTRA_FDS];
    nfds_t n = 0;
    for (int i = 0; i < p->n_input_fds; i++)
        fds[n++] = (struct pollfd){p->input_fds[i], POLLIN, 0};
    for (int i = 0; i < p->n_extra_fds; i++)
        fds[n++] = (struct pollfd){p->extra_fds[i], POLLIN, 0};
    int cap = n > 0 ? RESCAN_MS : FALLBACK_POLL_MS;
    int wait_ms = timeout_ms < 0 || timeout_ms > cap ? cap : timeout_ms;
    p->stats.wakeups++;
    if (n > 0)
        poll(fds, n, wait_ms); /* EINTR: a signal; SDL reports it as an event below */
    else
        SDL_Delay((Uint32)wait_ms);
    return SDL_PollEvent(e) == 1;
}
