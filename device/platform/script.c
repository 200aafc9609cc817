/* Script replay on the platform: reads the script file, parses it and hands it to the ui's
 * one runner (ui/script.h: the commands, the script clock) with this platform's hooks:
 * paint the dirty area into the kept frame, write `shot NAME` as shot_dir/NAME.png, pause
 * in real time for `sleep`. Used by fieldqc --script and the ui gallery/platform tests.
 * Deliberately bypasses SDL's event queue: what is tested is the ui + drawing, not SDL. */
#include <stdio.h>
#include <stdlib.h>

#include "platform_internal.h"
#include "fsio/fsio.h"
#include "ui/script.h"

#define MAX_SCRIPT_BYTES (1024 * 1024)

typedef struct replay {
    fq_platform *p;
    const char *shot_dir;
    bool made_dir;
    void (*settle)(void *user);
    void *settle_user;
} replay;

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

static fq_ui_result render(void *user, fq_ui *ui, char *msg, size_t msg_len)
{
    replay *r = user;
    fq_ui_result rc = fq_platform_render(r->p, ui);
    if (rc != FQ_UI_OK)
        snprintf(msg, msg_len, "%s", r->p->errmsg);
    return rc;
}

static fq_ui_result shot(void *user, const char *name, char *msg, size_t msg_len)
{
    replay *r = user;
    const char *dir = r->shot_dir ? r->shot_dir : ".";
    if (!r->made_dir) { /* the first shot makes the folder (fieldqc --screenshot DIR) */
        if (fq_fsio_mkdirs(dir, msg, msg_len) != FQ_OK)
            return FQ_UI_ERR_IO;
        r->made_dir = true;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    fq_ui_result rc = fq_platform_screenshot(r->p, path);
    if (rc != FQ_UI_OK)
        snprintf(msg, msg_len, "%s", r->p->errmsg);
    return rc;
}

static void pause_ms(void *user, int ms)
{
    (void)user;
    SDL_Delay((Uint32)ms);
}

static void settle(void *user)
{
    replay *r = user;
    if (r->settle)
        r->settle(r->settle_user);
}

fq_ui_result fq_platform_run_script(fq_platform *p, fq_ui *ui, const char *script_path,
                                    const char *shot_dir, void (*after_event)(void *user),
                                    void *user)
{
    char *src = NULL;
    size_t len = 0;
    fq_ui_script *script = NULL;
    replay r = {p, shot_dir, false, after_event, user};
    fq_ui_script_host host = {
        .render = render, .shot = shot, .sleep = pause_ms, .settle = settle, .user = &r};
    fq_ui_result rc = read_all(p, script_path, &src, &len);
    if (rc != FQ_UI_OK)
        goto out;
    rc = fq_ui_script_parse(src, len, &script, p->errmsg, sizeof p->errmsg);
    if (rc != FQ_UI_OK)
        goto out;
    rc = fq_ui_script_run(ui, script, &host, p->errmsg, sizeof p->errmsg);
out:
    fq_ui_script_free(script);
    free(src);
    return rc;
}
