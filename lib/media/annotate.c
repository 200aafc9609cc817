/* annotate.c: burns arrows, circles and a caption into a copy of a stored photo. The copy
 * is a new JPEG with its own hash (and thumbnail) in the photo store; the original file is
 * only read. Marks get a dark outline so they stay visible on light and dark backgrounds.
 * It does not turn the source by EXIF (stored photos are already upright, without EXIF)
 * and does not resize it: the copy has the original's dimensions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "media/media_internal.h"

#define MAX_ANNOTS 64
#define COORD_LIMIT 100000.0f
#define CAPTION_MAX_LINES 4

static int finite_in(float v, float lo, float hi)
{
    return isfinite(v) && v >= lo && v <= hi;
}

static fq_err check_annots(fq_media *m, const fq_annot *a, size_t n)
{
    if (n > MAX_ANNOTS)
        return fq_media_fail(m, FQ_ERR_INVALID, "too many annotations (%zu, at most %d)", n,
                             MAX_ANNOTS);
    if (n > 0 && !a)
        return fq_media_fail(m, FQ_ERR_INVALID, "annotation list is NULL");
    for (size_t i = 0; i < n; i++) {
        int ok = finite_in(a[i].x0, -COORD_LIMIT, COORD_LIMIT) &&
                 finite_in(a[i].y0, -COORD_LIMIT, COORD_LIMIT) &&
                 finite_in(a[i].width_px, 0.0f, 200.0f);
        if (a[i].kind == FQ_ANNOT_ARROW || a[i].kind == FQ_ANNOT_RECT)
            ok = ok && finite_in(a[i].x1, -COORD_LIMIT, COORD_LIMIT) &&
                 finite_in(a[i].y1, -COORD_LIMIT, COORD_LIMIT);
        else if (a[i].kind == FQ_ANNOT_TEXT)
            ok = ok && memchr(a[i].text, '\0', sizeof a[i].text) && a[i].text[0];
        else if (a[i].kind == FQ_ANNOT_CIRCLE)
            ok = ok && finite_in(a[i].r, 1.0f, COORD_LIMIT);
        else
            ok = 0;
        if (!ok)
            return fq_media_fail(m, FQ_ERR_INVALID, "annotation %zu is invalid", i);
    }
    return FQ_OK;
}

/* A short label: the mark's colour on a dark box whose top-left corner is where the
 * finger put it, moved inside the photo when it would stick out. Glyphs scale with the
 * photo so the label reads at the size the inspector saw it. */
static void draw_label(fq_canvas *c, const fq_annot *a, const uint8_t rgb[3])
{
    static const uint8_t dark[3] = {0, 0, 0};
    size_t len = strnlen(a->text, sizeof a->text);
    int shorter = c->w < c->h ? c->w : c->h;
    /* 7 rows of 1/100 of the shorter side: about as tall as the tablet showed it */
    int scale = shorter / 100 > 2 ? shorter / 100 : 2;
    int pad = 2 * scale;
    int box_w = (int)len * (FQ_FONT_W + 1) * scale + 2 * pad;
    int box_h = FQ_FONT_ROWS * scale + 2 * pad;
    while (scale > 1 && box_w > c->w) {
        scale--;
        pad = 2 * scale;
        box_w = (int)len * (FQ_FONT_W + 1) * scale + 2 * pad;
        box_h = FQ_FONT_ROWS * scale + 2 * pad;
    }
    int x = (int)a->x0;
    int y = (int)a->y0;
    x = x + box_w > c->w ? c->w - box_w : x;
    y = y + box_h > c->h ? c->h - box_h : y;
    x = x < 0 ? 0 : x;
    y = y < 0 ? 0 : y;
    fq_media_draw_rect(c, x, y, x + box_w, y + box_h, dark, 190);
    fq_media_draw_text(c, x + pad, y + pad, scale, a->text, len, rgb);
}

static void draw_annot(fq_canvas *c, const fq_annot *a, float default_w)
{
    static const uint8_t outline[3] = {0, 0, 0};
    static const uint8_t red[3] = {230, 20, 20};
    const uint8_t *rgb = (a->rgb[0] | a->rgb[1] | a->rgb[2]) ? a->rgb : red;
    float w = a->width_px > 0.0f ? a->width_px : default_w;
    float ow = w + 2.0f * fmaxf(1.0f, w * 0.25f);
    for (int pass = 0; pass < 2; pass++) {
        const uint8_t *col = pass == 0 ? outline : rgb;
        float lw = pass == 0 ? ow : w;
        if (a->kind == FQ_ANNOT_CIRCLE) {
            fq_media_draw_ring(c, a->x0, a->y0, a->r, lw, col);
            continue;
        }
        if (a->kind == FQ_ANNOT_RECT) {
            fq_media_draw_segment(c, a->x0, a->y0, a->x1, a->y0, lw, col);
            fq_media_draw_segment(c, a->x1, a->y0, a->x1, a->y1, lw, col);
            fq_media_draw_segment(c, a->x1, a->y1, a->x0, a->y1, lw, col);
            fq_media_draw_segment(c, a->x0, a->y1, a->x0, a->y0, lw, col);
            continue;
        }
        if (a->kind == FQ_ANNOT_TEXT) {
            if (pass == 1)
                draw_label(c, a, rgb);
            continue;
        }
        float dx = a->x1 - a->x0;
        float dy = a->y1 - a->y0;
        float len = sqrtf(dx * dx + dy * dy);
        fq_media_draw_segment(c, a->x0, a->y0, a->x1, a->y1, lw, col);
        if (len < 1.0f)
            continue;
        float head = fminf(fmaxf(w * 4.0f, 12.0f), len * 0.6f);
        float ux = dx / len;
        float uy = dy / len;
        const float cs = 0.906f; /* cos 25 degrees */
        const float sn = 0.423f;
        for (int side = -1; side <= 1; side += 2) {
            float hx = ux * cs - (float)side * uy * sn;
            float hy = (float)side * ux * sn + uy * cs;
            fq_media_draw_segment(c, a->x1, a->y1, a->x1 - hx * head, a->y1 - hy * head, lw, col);
        }
    }
}

/* Greedy word wrap into at most CAPTION_MAX_LINES lines of `per_line` chars. Returns the
 * number of lines; *out_all tells whether the whole text fitted. */
static int wrap(const char *text, size_t len, size_t per_line, size_t starts[], size_t lens[],
                int *out_all)
{
    int n = 0;
    size_t pos = 0;
    for (;;) {
        while (pos < len && text[pos] == ' ')
            pos++;
        if (pos >= len || n == CAPTION_MAX_LINES)
            break;
        size_t take = len - pos;
        if (take > per_line) {
            take = per_line;
            for (size_t k = per_line; k > per_line / 2; k--)
                if (text[pos + k] == ' ') {
                    take = k;
                    break;
                }
        }
        starts[n] = pos;
        lens[n] = take;
        n++;
        pos += take;
    }
    *out_all = pos >= len;
    return n;
}

/* White text on a translucent dark band along the bottom edge. The glyph scale follows the
 * photo size (readable on a report page), but shrinks when the caption would not fit in
 * CAPTION_MAX_LINES lines: a narrow photo must not lose the end of its caption. */
static void draw_caption(fq_canvas *c, const char *caption)
{
    static const uint8_t dark[3] = {0, 0, 0};
    static const uint8_t white[3] = {255, 255, 255};
    size_t len = caption ? strlen(caption) : 0;
    if (len > FQ_MEDIA_CAPTION_MAX)
        len = FQ_MEDIA_CAPTION_MAX;
    if (len == 0)
        return;
    int shorter = c->w < c->h ? c->w : c->h;
    size_t starts[CAPTION_MAX_LINES];
    size_t lens[CAPTION_MAX_LINES];
    int n_lines = 0;
    int scale = shorter / 240 > 2 ? shorter / 240 : 2;
    for (; scale >= 1; scale--) {
        int room = c->w - 2 * 3 * scale; /* margin of 3 glyph pixels each side */
        if (room < (FQ_FONT_W + 1) * scale)
            continue; /* no room for a single character */
        int all = 0;
        n_lines =
            wrap(caption, len, (size_t)(room / ((FQ_FONT_W + 1) * scale)), starts, lens, &all);
        if (all || scale == 1)
            break;
    }
    if (n_lines == 0)
        return;
    int margin = 3 * scale;
    int line_h = (FQ_FONT_ROWS + 2) * scale;
    /* the last line needs room for its descenders, not for the gap to a next line */
    int box_h = (n_lines - 1) * line_h + FQ_FONT_ROWS * scale + 2 * margin;
    int top = c->h - box_h;
    fq_media_draw_rect(c, 0, top, c->w, c->h, dark, 170);
    for (int i = 0; i < n_lines; i++)
        fq_media_draw_text(c, margin, top + margin + i * line_h, scale, caption + starts[i],
                           lens[i], white);
}

static fq_err decode_rgb(fq_media *m, const unsigned char *jpeg, size_t len, int *out_w,
                         int *out_h)
{
    fq_media_header hd;
    fq_err err = fq_media_read_header(m, jpeg, len, &hd);
    if (err)
        return err;
    int w = hd.w;
    int h = hd.h;
    err = fq_media_check_cost(m, jpeg, len, (int64_t)w * h, 1);
    if (err)
        return err;
    if (fq_media_buf_reserve(&m->rgb, (size_t)w * (size_t)h * 3))
        return fq_media_fail(m, FQ_ERR_NOMEM, "out of memory for a %dx%d canvas", w, h);
    if (tjDecompress2(m->dec, jpeg, (unsigned long)len, m->rgb.p, w, 0, h, TJPF_RGB,
                      TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS) != 0)
        return fq_media_decode_failed(m, FQ_ERR_CORRUPT, "corrupt or truncated JPEG");
    *out_w = w;
    *out_h = h;
    return FQ_OK;
}

fq_err fq_media_annotate_file(fq_media *m, const char *store_dir, const char *src_path,
                              const fq_annot *annots, size_t n_annots, const char *caption,
                              fq_media_result *out)
{
    unsigned char *data = NULL;
    size_t len = 0;
    int w = 0;
    int h = 0;
    fq_media_output o;
    m->errmsg[0] = '\0';
    fq_err err = check_annots(m, annots, n_annots);
    if (err)
        goto out;
    err = fq_media_read_file(m, src_path, &data, &len);
    if (err)
        goto out;
    fq_media_report(m, 0);
    err = decode_rgb(m, data, len, &w, &h);
    if (err)
        goto out;
    fq_media_report(m, 50);
    free(data);
    data = NULL;
    fq_canvas canvas = {m->rgb.p, w, h};
    float longest = (float)(w > h ? w : h);
    for (size_t i = 0; i < n_annots; i++)
        draw_annot(&canvas, &annots[i], fmaxf(3.0f, longest / 200.0f));
    draw_caption(&canvas, caption);
    err = fq_media_image_alloc(&m->main, w, h, 3, &m->main_img);
    if (err) {
        err = fq_media_fail(m, err, "out of memory for a %dx%d image", w, h);
        goto out;
    }
    unsigned char *planes[3] = {m->main_img.planes[0].px, m->main_img.planes[1].px,
                                m->main_img.planes[2].px};
    int strides[3] = {m->main_img.planes[0].stride, m->main_img.planes[1].stride,
                      m->main_img.planes[2].stride};
    if (tjEncodeYUVPlanes(m->enc, m->rgb.p, w, 0, h, TJPF_RGB, planes, strides, TJSAMP_420,
                          0) != 0) {
        err = fq_media_fail(m, FQ_ERR_NOMEM, "colour conversion failed: %s",
                            tjGetErrorStr2(m->enc));
        goto out;
    }
    err = fq_media_encode_outputs(m, &o);
    if (err)
        goto out;
    err = fq_media_store_outputs(m, store_dir, &o, out);
    if (!err)
        fq_media_report(m, 100);
out:
    free(data);
    return err;
}
