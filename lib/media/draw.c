/* draw.c: anti-aliased drawing on an RGB canvas for photo annotations: thick segments with
 * round caps, rings, translucent rectangles, and bitmap text from font5x7.c scaled up.
 * Coverage is the distance from the pixel centre to the shape's centre line compared to
 * half the line width (one pixel of soft edge), which is exact enough for marks on photos.
 * It does not fill polygons, clip to anything but the canvas, or handle colour spaces. */
#include <math.h>

#include "media/media_internal.h"

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void blend(unsigned char *p, const uint8_t rgb[3], float cover)
{
    if (cover <= 0.0f)
        return;
    if (cover > 1.0f)
        cover = 1.0f;
    for (int i = 0; i < 3; i++)
        p[i] = (unsigned char)lrintf((float)p[i] + ((float)rgb[i] - (float)p[i]) * cover);
}

/* Pixel bounding box of [x0,x1]x[y0,y1] grown by pad, clipped to the canvas; 0 if empty. */
static int bbox(const fq_canvas *c, float x0, float y0, float x1, float y1, float pad,
                int box[4])
{
    float lo_x = fminf(x0, x1) - pad;
    float hi_x = fmaxf(x0, x1) + pad;
    float lo_y = fminf(y0, y1) - pad;
    float hi_y = fmaxf(y0, y1) + pad;
    if (hi_x < 0 || hi_y < 0 || lo_x >= (float)c->w || lo_y >= (float)c->h)
        return 0;
    box[0] = clampi((int)floorf(lo_x), 0, c->w - 1);
    box[1] = clampi((int)floorf(lo_y), 0, c->h - 1);
    box[2] = clampi((int)ceilf(hi_x), 0, c->w - 1);
    box[3] = clampi((int)ceilf(hi_y), 0, c->h - 1);
    return 1;
}

void fq_media_draw_segment(fq_canvas *c, float x0, float y0, float x1, float y1, float width,
                           const uint8_t rgb[3])
{
    float hw = width * 0.5f;
    int box[4];
    if (!bbox(c, x0, y0, x1, y1, hw + 1.0f, box))
        return;
    float dx = x1 - x0;
    float dy = y1 - y0;
    float len2 = dx * dx + dy * dy;
    for (int y = box[1]; y <= box[3]; y++) {
        unsigned char *row = c->px + (size_t)y * (size_t)c->w * 3;
        for (int x = box[0]; x <= box[2]; x++) {
            float px = (float)x + 0.5f - x0;
            float py = (float)y + 0.5f - y0;
            float t = len2 > 0.0f ? (px * dx + py * dy) / len2 : 0.0f;
            t = t < 0.0f ? 0.0f : t > 1.0f ? 1.0f : t;
            float ex = px - t * dx;
            float ey = py - t * dy;
            float d = sqrtf(ex * ex + ey * ey);
            blend(row + (size_t)x * 3, rgb, hw + 0.5f - d);
        }
    }
}

void fq_media_draw_ring(fq_canvas *c, float cx, float cy, float r, float width,
                        const uint8_t rgb[3])
{
    float hw = width * 0.5f;
    int box[4];
    if (!bbox(c, cx, cy, cx, cy, r + hw + 1.0f, box))
        return;
    for (int y = box[1]; y <= box[3]; y++) {
        unsigned char *row = c->px + (size_t)y * (size_t)c->w * 3;
        for (int x = box[0]; x <= box[2]; x++) {
            float px = (float)x + 0.5f - cx;
            float py = (float)y + 0.5f - cy;
            float d = fabsf(sqrtf(px * px + py * py) - r);
            blend(row + (size_t)x * 3, rgb, hw + 0.5f - d);
        }
    }
}

void fq_media_draw_rect(fq_canvas *c, int x0, int y0, int x1, int y1, const uint8_t rgb[3],
                        int alpha)
{
    x0 = clampi(x0, 0, c->w);
    x1 = clampi(x1, 0, c->w);
    y0 = clampi(y0, 0, c->h);
    y1 = clampi(y1, 0, c->h);
    float cover = (float)alpha / 255.0f;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            blend(c->px + ((size_t)y * (size_t)c->w + (size_t)x) * 3, rgb, cover);
}

void fq_media_draw_text(fq_canvas *c, int x, int y, int scale, const char *text, size_t len,
                        const uint8_t rgb[3])
{
    for (size_t i = 0; i < len; i++) {
        const uint8_t *g = fq_media_font_glyph((unsigned char)text[i]);
        int gx = x + (int)i * (FQ_FONT_W + 1) * scale;
        for (int row = 0; row < FQ_FONT_ROWS; row++)
            for (int col = 0; col < FQ_FONT_W; col++)
                if (g[row] & (0x10 >> col))
                    fq_media_draw_rect(c, gx + col * scale, y + row * scale,
                                       gx + (col + 1) * scale, y + (row + 1) * scale, rgb, 255);
    }
}
