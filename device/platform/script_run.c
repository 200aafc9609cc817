/* Script replay: reads a script file, parses it with ui/script.c and feeds the events to the
 * ui on a virtual clock (so long presses and momentum behave the same on every machine),
 * rendering as the loop would, writing screenshots and checking expect-text lines.
 * Deliberately bypasses SDL's event queue: what is tested is the ui + drawing, not SDL. */
#include <stdio.h>
#include <stdlib.h>

#include "platform_internal.h"
#include "fsio/fsio.h"
#include "ui/script.h"

#define TICK_MS 16
#define MAX_SCRIPT_BYTES (1024 * 1024)

static fq_ui_result read_all(fq_platform *p, const char *path, char **out, size_t *out_len)
{
    unsigned char *buf = NULL;
    fq_err e = fq_fsio_read_file(path, MAX_SCRIPT_BYTES, &buf, out_len, p->errmsg,
                                 sizeof p->errmsg);
    if (e)
        return e == FQ_ERR_NOMEM ? FQ_UI_ERR_NOMEM : FQ_UI_ERR_IO;
    *out = (char *)buf;
    return FQ_UI_OK;
}

static void advance(fq_platform *p, fq_ui *ui, int64_t *clock, int64_t until)
{
    while (*clock < until) {
        int64_t step = until - *clock < TICK_MS ? until - *clock : TICK_MS;
        *clock += step;
        fq_ui_tick(ui, *clock);
    }
    if (fq_ui_needs_redraw(ui))
        fq_platform_render(p, ui);
}

static fq_ui_result run_cmd(fq_platform *p, fq_ui *ui, const fq_ui_script_cmd *c, int64_t *clock,
                            const char *shot_dir)
{
    fq_input ev[32];
    int64_t start = *clock;
    size_t n = fq_ui_script_events(c, clock, ev, sizeof ev / sizeof ev[0]);
    int64_t t = start;
    for (size_t i = 0; i < n; i++) {
        advance(p, ui, &t, ev[i].time_ms); /* timers run between events, as live */
        fq_ui_handle_input(ui, &ev[i]);
    }
    if (c->op == FQ_UI_SCRIPT_WAIT)
        *clock += c->ms;
    advance(p, ui, &t, *clock);
    if (c->op == FQ_UI_SCRIPT_SHOT) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.png", shot_dir ? shot_dir : ".", c->arg);
        return fq_platform_screenshot(p, path);
    }
    if (c->op == FQ_UI_SCRIPT_EXPECT_TEXT && !fq_ui_find_text(ui, c->arg)) {
        snprintf(p->errmsg, sizeof p->errmsg, "line %d: expected text \"%s\" not shown", c->line,
                 c->arg);
        return FQ_UI_ERR_INVALID;
    }
    return FQ_UI_OK;
}

fq_ui_result fq_platform_run_script(fq_platform *p, fq_ui *ui, const char *script_path,
                                    const char *shot_dir)
{
    char *src = NULL;
    size_t len = 0;
    fq_ui_script *script = NULL;
    fq_ui_result rc = read_all(p, script_path, &src, &len);
    if (rc != FQ_UI_OK)
        goto out;
    rc = fq_ui_script_parse(src, len, &script, p->errmsg, sizeof p->errmsg);
    if (rc != FQ_UI_OK)
        goto out;
    int64_t clock = fq_platform_now_ms();
    if (fq_ui_needs_redraw(ui))
        fq_platform_render(p, ui);
    for (size_t i = 0; i < fq_ui_script_count(script) && rc == FQ_UI_OK; i++)
        rc = run_cmd(p, ui, fq_ui_script_get(script, i), &clock, shot_dir);
out:
    fq_ui_script_free(script);
    free(src);
    return rc;
}
