/* Parser and event expansion for the scripted-input format of script.h. Pure: no I/O, no
 * clock, so tests drive it with strings; script_run.c replays what it yields.
 * Deliberately strict: an unknown command or a bad number is an error with its line number,
 * because a script that silently skips a step produces misleading screenshots. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/script.h"
#include "ui_internal.h"

struct fq_ui_script {
    fq_ui_script_cmd *cmds;
    size_t n, cap;
};

static const struct {
    const char *name;
    fq_key key;
} KEYS[] = {
    {"enter", FQ_KEY_ENTER}, {"backspace", FQ_KEY_BACKSPACE}, {"delete", FQ_KEY_DELETE},
    {"tab", FQ_KEY_TAB},     {"escape", FQ_KEY_ESCAPE},       {"left", FQ_KEY_LEFT},
    {"right", FQ_KEY_RIGHT}, {"up", FQ_KEY_UP},               {"down", FQ_KEY_DOWN},
    {"home", FQ_KEY_HOME},   {"end", FQ_KEY_END},
};

static const struct {
    const char *name;
    fq_ui_script_op op;
} LOCATED[] = {
    {"tap-text", FQ_UI_SCRIPT_TAP_TEXT},
    {"field-after", FQ_UI_SCRIPT_FIELD_AFTER},
    {"tap-image", FQ_UI_SCRIPT_TAP_IMAGE},
    {"draw-after", FQ_UI_SCRIPT_DRAW_AFTER},
};

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p;
}

static bool read_word(const char **pp, const char *end, char *out, size_t out_size)
{
    const char *p = skip_ws(*pp, end);
    size_t n = 0;
    while (p < end && !isspace((unsigned char)*p)) {
        if (n + 1 >= out_size)
            return false;
        out[n++] = *p++;
    }
    out[n] = '\0';
    *pp = p;
    return n > 0;
}

static bool read_int(const char **pp, const char *end, int *out)
{
    char word[16];
    if (!read_word(pp, end, word, sizeof word))
        return false;
    char *stop;
    long v = strtol(word, &stop, 10);
    if (*stop || v < -100000 || v > 1000000)
        return false;
    *out = (int)v;
    return true;
}

static bool read_quoted(const char **pp, const char *end, char *out, size_t out_size)
{
    const char *p = skip_ws(*pp, end);
    if (p >= end || *p != '"')
        return false;
    p++;
    size_t n = 0;
    while (p < end && *p != '"') {
        char c = *p++;
        if (c == '\\' && p < end) {
            c = *p++;
            c = c == 'n' ? '\n' : c;
        }
        if (n + 1 >= out_size)
            return false;
        out[n++] = c;
    }
    if (p >= end)
        return false;
    out[n] = '\0';
    *pp = p + 1;
    return true;
}

static bool valid_shot_name(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
            return false;
    return true;
}

/* The op of a command resolved against the live screen, or FQ_UI_SCRIPT_TAP for none. */
static fq_ui_script_op located_op(const char *name)
{
    for (size_t i = 0; i < sizeof LOCATED / sizeof LOCATED[0]; i++)
        if (!strcmp(name, LOCATED[i].name))
            return LOCATED[i].op;
    return FQ_UI_SCRIPT_TAP;
}

/* Parses one non-empty line into cmd; returns NULL or a static reason. */
static const char *parse_line(const char *p, const char *end, fq_ui_script_cmd *cmd)
{
    char op[16];
    if (!read_word(&p, end, op, sizeof op))
        return "expected a command";
    if (!strcmp(op, "tap") || !strcmp(op, "down") || !strcmp(op, "move") || !strcmp(op, "up")) {
        cmd->op = !strcmp(op, "tap")    ? FQ_UI_SCRIPT_TAP
                  : !strcmp(op, "down") ? FQ_UI_SCRIPT_DOWN
                  : !strcmp(op, "move") ? FQ_UI_SCRIPT_MOVE
                                        : FQ_UI_SCRIPT_UP;
        if (!read_int(&p, end, &cmd->x) || !read_int(&p, end, &cmd->y))
            return "expected X Y";
    } else if (!strcmp(op, "drag")) {
        cmd->op = FQ_UI_SCRIPT_DRAG;
        if (!read_int(&p, end, &cmd->x) || !read_int(&p, end, &cmd->y) ||
            !read_int(&p, end, &cmd->x1) || !read_int(&p, end, &cmd->y1) ||
            !read_int(&p, end, &cmd->ms) || cmd->ms < 0)
            return "expected X0 Y0 X1 Y1 MS";
    } else if (!strcmp(op, "text") || !strcmp(op, "expect-text") ||
               !strcmp(op, "expect-no-text") || !strcmp(op, "pad")) {
        cmd->op = !strcmp(op, "text")          ? FQ_UI_SCRIPT_TEXT
                  : !strcmp(op, "pad")         ? FQ_UI_SCRIPT_PAD
                  : !strcmp(op, "expect-text") ? FQ_UI_SCRIPT_EXPECT_TEXT
                                               : FQ_UI_SCRIPT_EXPECT_NO_TEXT;
        if (!read_quoted(&p, end, cmd->arg, sizeof cmd->arg))
            return "expected a \"quoted\" text (max 127 bytes)";
    } else if (!strcmp(op, "scan")) {
        cmd->op = FQ_UI_SCRIPT_SCAN;
        if (!read_quoted(&p, end, cmd->arg, sizeof cmd->arg) || !cmd->arg[0] ||
            strlen(cmd->arg) > 48)
            return "expected a \"quoted\" code (1..48 bytes)";
    } else if (!strcmp(op, "key")) {
        char name[16];
        cmd->op = FQ_UI_SCRIPT_KEY;
        if (!read_word(&p, end, name, sizeof name))
            return "expected a key name";
        for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++)
            if (!strcmp(name, KEYS[i].name))
                cmd->key = KEYS[i].key;
        if (cmd->key == FQ_KEY_NONE)
            return "unknown key name";
    } else if (!strcmp(op, "wait") || !strcmp(op, "sleep")) {
        cmd->op = !strcmp(op, "wait") ? FQ_UI_SCRIPT_WAIT : FQ_UI_SCRIPT_SLEEP;
        if (!read_int(&p, end, &cmd->ms) || cmd->ms < 0)
            return "expected MS >= 0";
    } else if (located_op(op) != FQ_UI_SCRIPT_TAP) {
        cmd->op = located_op(op);
        if (!read_quoted(&p, end, cmd->arg, sizeof cmd->arg))
            return "expected a \"quoted\" label (max 127 bytes)";
        const char *q = skip_ws(p, end);
        if (q < end && *q != '#' && (!read_int(&p, end, &cmd->nth) || cmd->nth < 0))
            return "expected N >= 0 after the label";
    } else if (!strcmp(op, "wait-text")) {
        cmd->op = FQ_UI_SCRIPT_WAIT_TEXT;
        if (!read_quoted(&p, end, cmd->arg, sizeof cmd->arg))
            return "expected a \"quoted\" text (max 127 bytes)";
        if (!read_int(&p, end, &cmd->ms) || cmd->ms < 0)
            return "expected MS >= 0 after the text";
    } else if (!strcmp(op, "mark-after")) {
        cmd->op = FQ_UI_SCRIPT_MARK_AFTER;
        if (!read_quoted(&p, end, cmd->arg, sizeof cmd->arg))
            return "expected a \"quoted\" label (max 127 bytes)";
        if (!read_int(&p, end, &cmd->x) || !read_int(&p, end, &cmd->y) ||
            !read_int(&p, end, &cmd->x1) || !read_int(&p, end, &cmd->y1) || cmd->x < 0 ||
            cmd->x > 100 || cmd->y < 0 || cmd->y > 100 || cmd->x1 < 0 || cmd->x1 > 100 ||
            cmd->y1 < 0 || cmd->y1 > 100)
            return "expected X0 Y0 X1 Y1 in percent (0..100)";
        const char *q = skip_ws(p, end);
        if (q < end && *q != '#' && (!read_int(&p, end, &cmd->nth) || cmd->nth < 0))
            return "expected N >= 0 after the points";
    } else if (!strcmp(op, "pinch-after")) {
        cmd->op = FQ_UI_SCRIPT_PINCH_AFTER;
        if (!read_quoted(&p, end, cmd->arg, sizeof cmd->arg))
            return "expected a \"quoted\" label (max 127 bytes)";
        if (!read_int(&p, end, &cmd->x) || !read_int(&p, end, &cmd->y) ||
            !read_int(&p, end, &cmd->x1) || cmd->x < 0 || cmd->x > 100 || cmd->y < 0 ||
            cmd->y > 100 || cmd->x1 < 10 || cmd->x1 > 1000)
            return "expected X Y in percent (0..100) and PCT (10..1000)";
        const char *q = skip_ws(p, end);
        if (q < end && *q != '#' && (!read_int(&p, end, &cmd->nth) || cmd->nth < 0))
            return "expected N >= 0 after PCT";
    } else if (!strcmp(op, "shot")) {
        cmd->op = FQ_UI_SCRIPT_SHOT;
        if (!read_word(&p, end, cmd->arg, sizeof cmd->arg) || !valid_shot_name(cmd->arg))
            return "expected a NAME of [A-Za-z0-9_-]";
    } else {
        return "unknown command";
    }
    p = skip_ws(p, end);
    if (p < end && *p != '#')
        return "trailing characters";
    return NULL;
}

fq_ui_result fq_ui_script_parse(const char *src, size_t len, fq_ui_script **out, char *errmsg,
                                size_t errmsg_len)
{
    fq_ui_script *s = fq_ui_xcalloc(1, sizeof *s);
    const char *p = src;
    const char *end = src + len;
    int line = 0;
    fq_ui_result rc = FQ_UI_OK;
    while (p < end) {
        line++;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *q = skip_ws(p, eol);
        if (q < eol && *q != '#') {
            fq_ui_script_cmd cmd;
            memset(&cmd, 0, sizeof cmd);
            cmd.line = line;
            const char *why = parse_line(q, eol, &cmd);
            if (why) {
                if (errmsg_len)
                    snprintf(errmsg, errmsg_len, "line %d: %s", line, why);
                rc = FQ_UI_ERR_INVALID;
                goto fail;
            }
            if (s->n == s->cap) {
                s->cap = s->cap ? s->cap * 2 : 32;
                s->cmds = fq_ui_xrealloc(s->cmds, s->cap, sizeof *s->cmds);
            }
            s->cmds[s->n++] = cmd;
        }
        p = eol < end ? eol + 1 : end;
    }
    *out = s;
    return FQ_UI_OK;
fail:
    fq_ui_script_free(s);
    return rc;
}

void fq_ui_script_free(fq_ui_script *script)
{
    if (!script)
        return;
    free(script->cmds);
    free(script);
}

size_t fq_ui_script_count(const fq_ui_script *script)
{
    return script->n;
}

const fq_ui_script_cmd *fq_ui_script_get(const fq_ui_script *script, size_t idx)
{
    return idx < script->n ? &script->cmds[idx] : NULL;
}

static void pointer(fq_input *ev, fq_input_type type, int x, int y, int64_t t)
{
    memset(ev, 0, sizeof *ev);
    ev->type = type;
    ev->x = x;
    ev->y = y;
    ev->time_ms = t;
}

size_t fq_ui_script_events(const fq_ui_script_cmd *cmd, int64_t *clock_ms, fq_input *out,
                           size_t max_events)
{
    size_t n = 0;
    switch (cmd->op) {
    case FQ_UI_SCRIPT_TAP:
        if (max_events < 2)
            return 0;
        pointer(&out[n++], FQ_INPUT_POINTER_DOWN, cmd->x, cmd->y, *clock_ms);
        *clock_ms += 50;
        pointer(&out[n++], FQ_INPUT_POINTER_UP, cmd->x, cmd->y, *clock_ms);
        break;
    case FQ_UI_SCRIPT_DOWN:
    case FQ_UI_SCRIPT_MOVE:
    case FQ_UI_SCRIPT_UP:
        if (max_events < 1)
            return 0;
        pointer(&out[n++],
                cmd->op == FQ_UI_SCRIPT_DOWN   ? FQ_INPUT_POINTER_DOWN
                : cmd->op == FQ_UI_SCRIPT_MOVE ? FQ_INPUT_POINTER_MOVE
                                               : FQ_INPUT_POINTER_UP,
                cmd->x, cmd->y, *clock_ms);
        break;
    case FQ_UI_SCRIPT_DRAG: {
        const int steps = 10;
        if (max_events < (size_t)steps + 2)
            return 0;
        pointer(&out[n++], FQ_INPUT_POINTER_DOWN, cmd->x, cmd->y, *clock_ms);
        for (int i = 1; i <= steps; i++) {
            int64_t t = *clock_ms + (int64_t)cmd->ms * i / steps;
            pointer(&out[n++], FQ_INPUT_POINTER_MOVE, cmd->x + (cmd->x1 - cmd->x) * i / steps,
                    cmd->y + (cmd->y1 - cmd->y) * i / steps, t);
        }
        *clock_ms += cmd->ms;
        pointer(&out[n++], FQ_INPUT_POINTER_UP, cmd->x1, cmd->y1, *clock_ms);
        break;
    }
    case FQ_UI_SCRIPT_TEXT: {
        /* Split into SDL-sized chunks at character boundaries. */
        size_t len = strlen(cmd->arg);
        size_t pos = 0;
        while (pos < len && n < max_events) {
            size_t take = fq_ui_utf8_clip(cmd->arg + pos, len - pos < FQ_INPUT_TEXT_MAX - 1
                                                              ? len - pos
                                                              : FQ_INPUT_TEXT_MAX - 1);
            memset(&out[n], 0, sizeof out[n]);
            out[n].type = FQ_INPUT_TEXT;
            out[n].time_ms = *clock_ms;
            memcpy(out[n].text, cmd->arg + pos, take);
            n++;
            pos += take;
        }
        break;
    }
    case FQ_UI_SCRIPT_SCAN: {
        /* as a scanner types: each character its own event, fast, then Enter */
        size_t len = strlen(cmd->arg);
        for (size_t pos = 0; pos < len && n + 1 < max_events;) {
            size_t next = fq_ui_utf8_next(cmd->arg, len, pos);
            memset(&out[n], 0, sizeof out[n]);
            out[n].type = FQ_INPUT_TEXT;
            out[n].time_ms = *clock_ms;
            memcpy(out[n].text, cmd->arg + pos, next - pos);
            n++;
            pos = next;
            *clock_ms += 8;
        }
        memset(&out[n], 0, sizeof out[n]);
        out[n].type = FQ_INPUT_KEY;
        out[n].key = FQ_KEY_ENTER;
        out[n].time_ms = *clock_ms;
        n++;
        break;
    }
    case FQ_UI_SCRIPT_KEY:
        if (max_events < 1)
            return 0;
        memset(&out[0], 0, sizeof out[0]);
        out[0].type = FQ_INPUT_KEY;
        out[0].key = cmd->key;
        out[0].time_ms = *clock_ms;
        n = 1;
        break;
    default: /* no events of their own: the runner does these */
        break;
    }
    return n;
}
