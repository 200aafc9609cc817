/* Text with SDL2_ttf: font discovery (DejaVu from the data folder or Debian's package; the
 * CJK fallback from $FIELDQC_CJK_FONT, else fontconfig's best font for Simplified Chinese that
 * really has the glyphs, else known Debian paths when built without fontconfig), per-codepoint
 * fallback by splitting a string into runs per font (TTF_GlyphIsProvided32), a width cache for
 * the ui's measurer and a texture cache of rasterised runs so unchanged text is never
 * re-rendered. A character no font has is drawn as U+FFFD (the replacement mark), never as
 * an empty box, and logged once to stderr with the fix. Textures are white; colour comes
 * from SDL_SetTextureColorMod at draw time, so one texture serves every colour.
 * Deliberately no shaping beyond what SDL_ttf does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform_internal.h"

#ifdef FQ_HAVE_FONTCONFIG
#include <fontconfig/fontconfig.h>
#endif

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

#ifndef FQ_HAVE_FONTCONFIG
static const char *const CJK_PATHS[] = {
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
};
#endif

static bool readable(const char *path)
{
    return path && access(path, R_OK) == 0;
}

static bool find_dejavu(fq_platform *p, const char *dir)
{
    if (!dir)
        return false;
    snprintf(p->font_regular, sizeof p->font_regular, "%s/DejaVuSans.ttf", dir);
    snprintf(p->font_bold, sizeof p->font_bold, "%s/DejaVuSans-Bold.ttf", dir);
    return readable(p->font_regular) && readable(p->font_bold);
}

#ifdef FQ_HAVE_FONTCONFIG
/* fontconfig's choice for Simplified Chinese sans, checked to cover 中 and 文 (a match can be
 * a Latin font when no CJK font is installed). Written to out; false when there is none. */
static bool fontconfig_cjk(char *out, size_t out_len)
{
    bool found = false;
    /* a configuration of our own, destroyed after the one question (nothing else in the
     * app uses fontconfig, so its global state is released too: FcFini) */
    FcConfig *config = FcInitLoadConfigAndFonts();
    FcPattern *pat = config ? FcNameParse((const FcChar8 *)"sans-serif:lang=zh-cn") : NULL;
    FcFontSet *set = NULL;
    if (!pat) {
        if (config)
            FcConfigDestroy(config);
        FcFini();
        return false;
    }
    FcConfigSubstitute(config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res = FcResultNoMatch;
    set = FcFontSort(config, pat, FcFalse, NULL, &res);
    for (int i = 0; set && !found && i < set->nfont; i++) {
        FcCharSet *cs = NULL;
        FcChar8 *file = NULL;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch ||
            FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        if (FcCharSetHasChar(cs, 0x4E2D) && FcCharSetHasChar(cs, 0x6587) &&
            readable((const char *)file)) {
            snprintf(out, out_len, "%s", (const char *)file);
            found = true;
        }
    }
    if (set)
        FcFontSetDestroy(set);
    FcPatternDestroy(pat);
    FcConfigDestroy(config);
    FcFini();
    return found;
}
#endif

static void find_cjk(fq_platform *p, const fq_platform_config *cfg)
{
    const char *env = getenv("FIELDQC_CJK_FONT");
    const char *pick = readable(cfg->cjk_font) ? cfg->cjk_font : readable(env) ? env : NULL;
    p->font_cjk[0] = '\0';
    bool none = env && !strcmp(env, "none"); /* a Pi without a CJK font, for tests */
    if (none)
        pick = NULL;
    else if (pick)
        snprintf(p->font_cjk, sizeof p->font_cjk, "%s", pick);
#ifdef FQ_HAVE_FONTCONFIG
    else if (fontconfig_cjk(p->font_cjk, sizeof p->font_cjk))
        pick = p->font_cjk;
#else
    for (size_t i = 0; !pick && !none && i < sizeof CJK_PATHS / sizeof CJK_PATHS[0]; i++)
        if (readable(CJK_PATHS[i]))
            pick = CJK_PATHS[i];
    if (pick)
        snprintf(p->font_cjk, sizeof p->font_cjk, "%s", pick);
#endif
    p->stats.has_cjk_font = pick != NULL;
    if (!pick)
        fprintf(stderr, "fieldqc: no Chinese font found (fontconfig, $FIELDQC_CJK_FONT): Chinese "
                        "text shows as " REPLACEMENT "; install fonts-noto-cjk or "
                        "fonts-wqy-microhei\n");
}

fq_ui_result fq_platform_text_open(fq_platform *p, const fq_platform_config *cfg)
{
    if (TTF_Init() != 0) {
        fq_platform_set_error(p, "TTF_Init");
        return FQ_UI_ERR_UNSUPPORTED;
    }
    if (!find_dejavu(p, cfg->font_dir) && !find_dejavu(p, getenv("FIELDQC_FONT_DIR")) &&
        !find_dejavu(p, "assets/fonts") && !find_dejavu(p, "/usr/share/fonts/truetype/dejavu")) {
        snprintf(p->errmsg, sizeof p->errmsg, "DejaVuSans.ttf not found (set FIELDQC_FONT_DIR)");
        return FQ_UI_ERR_NOTFOUND;
    }
    find_cjk(p, cfg);
    p->text_cache = SDL_calloc(TEXT_CACHE_SLOTS, sizeof *p->text_cache);
    p->width_cache = SDL_calloc(WIDTH_CACHE_SLOTS, sizeof *p->width_cache);
    if (!p->text_cache || !p->width_cache) {
        snprintf(p->errmsg, sizeof p->errmsg, "out of memory");
        return FQ_UI_ERR_NOMEM;
    }
    return FQ_UI_OK;
}

void fq_platform_text_close(fq_platform *p)
{
    if (p->text_cache) {
        for (int i = 0; i < TEXT_CACHE_SLOTS; i++) {
            if (p->text_cache[i].tex)
                SDL_DestroyTexture(p->text_cache[i].tex);
            free(p->text_cache[i].text);
        }
    }
    SDL_free(p->text_cache);
    SDL_free(p->width_cache);
    p->text_cache = NULL;
    p->width_cache = NULL;
    for (int i = 0; i < p->n_fonts; i++) {
        TTF_CloseFont(p->fonts[i].main);
        if (p->fonts[i].cjk)
            TTF_CloseFont(p->fonts[i].cjk);
    }
    p->n_fonts = 0;
    if (TTF_WasInit())
        TTF_Quit();
}

/* Fonts by (style, pixel size); opened on first use. The theme uses a handful of sizes. */
static font_entry *font_get(fq_platform *p, fq_font_style style, int size_px)
{
    for (int i = 0; i < p->n_fonts; i++)
        if (p->fonts[i].size_px == size_px && p->fonts[i].style == style)
            return &p->fonts[i];
    if (p->n_fonts == MAX_FONTS) /* evict the oldest: sizes only change with the theme */
        return &p->fonts[0];
    TTF_Font *main = TTF_OpenFont(style == FQ_FONT_BOLD ? p->font_bold : p->font_regular, size_px);
    if (!main)
        return p->n_fonts ? &p->fonts[0] : NULL;
    font_entry *f = &p->fonts[p->n_fonts++];
    f->main = main;
    f->size_px = size_px;
    f->style = style;
    f->ascent = TTF_FontAscent(main);
    f->cjk = p->font_cjk[0] ? TTF_OpenFont(p->font_cjk, size_px) : NULL;
    f->missing_logged = &p->missing_logged;
    f->has_replacement = TTF_GlyphIsProvided32(main, 0xFFFD) != 0;
    if (f->cjk && style == FQ_FONT_BOLD)
        TTF_SetFontStyle(f->cjk, TTF_STYLE_BOLD);
    return f;
}

static uint32_t decode(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = u[*i];
    size_t n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : 3;
    c &= n == 0 ? 0x7Fu : n == 1 ? 0x1Fu : n == 2 ? 0x0Fu : 0x07u;
    (*i)++;
    for (size_t k = 0; k < n && *i < len; k++, (*i)++)
        c = (c << 6) | (u[*i] & 0x3Fu);
    return c;
}

/* The font for one codepoint: DejaVu if it has the glyph, else the CJK font if it does;
 * NULL when none has it. */
static TTF_Font *font_for(const font_entry *f, uint32_t cp)
{
    if (cp < 0x80 || TTF_GlyphIsProvided32(f->main, cp))
        return f->main;
    if (f->cjk && TTF_GlyphIsProvided32(f->cjk, cp))
        return f->cjk;
    /* spacing and joining marks draw nothing anyway */
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F))
        return f->main;
    return NULL;
}

/* A character no font can draw: said once (which one, and the fix), then drawn as U+FFFD. */
static void missing_glyph(const font_entry *f, uint32_t cp, const char *s, size_t len)
{
    if (*f->missing_logged)
        return;
    *f->missing_logged = true;
    fprintf(stderr, "fieldqc: no font can draw U+%04X (in \"%.*s\"): shown as " REPLACEMENT
                    "; install fonts-noto-cjk (or the font for that script)%s\n",
            (unsigned)cp, (int)(len < 60 ? len : 60), s,
            f->cjk ? "" : "; no Chinese font was found either");
}

/* Splits s into runs of one font; calls fn for each. Returns false if fn failed. */
typedef bool (*run_fn)(void *ctx, TTF_Font *font, const char *run, size_t len);
static bool for_each_run(const font_entry *f, const char *s, size_t len, run_fn fn, void *ctx)
{
    size_t i = 0;
    size_t start = 0;
    TTF_Font *cur = NULL;
    while (i < len) {
        size_t at = i;
        uint32_t cp = decode(s, len, &i);
        TTF_Font *font = font_for(f, cp);
        if (!font) { /* the run so far, then the replacement in its place */
            missing_glyph(f, cp, s, len);
            if (cur && !fn(ctx, cur, s + start, at - start))
                return false;
            if (!(f->has_replacement ? fn(ctx, f->main, REPLACEMENT, 3) : fn(ctx, f->main, "?", 1)))
                return false;
            cur = NULL;
            start = i;
            continue;
        }
        if (cur && font != cur) {
            if (!fn(ctx, cur, s + start, at - start))
                return false;
            start = at;
        }
        cur = font;
    }
    return !cur || fn(ctx, cur, s + start, len - start);
}

typedef struct measure_ctx {
    int width;
} measure_ctx;

static bool run_width(void *ctx, TTF_Font *font, const char *run, size_t len)
{
    char buf[1024];
    len = len < sizeof buf - 1 ? len : sizeof buf - 1;
    memcpy(buf, run, len);
    buf[len] = '\0';
    int w = 0;
    int h = 0;
    if (TTF_SizeUTF8(font, buf, &w, &h) != 0)
        return false;
    ((measure_ctx *)ctx)->width += w;
    return true;
}

static uint64_t fnv1a(const char *s, size_t len, int size_px, fq_font_style style)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    h = (h ^ (uint64_t)size_px) * 1099511628211ull;
    h = (h ^ (uint64_t)style) * 1099511628211ull;
    return h ? h : 1;
}

int fq_platform_text_measure_width(void *user, fq_font_style style, int size_px, const char *s,
                                   size_t len)
{
    fq_platform *p = user;
    uint64_t h = fnv1a(s, len, size_px, style);
    width_entry *we = &p->width_cache[h % WIDTH_CACHE_SLOTS];
    if (we->hash == h && we->len == len && we->size_px == size_px && we->style == (int)style)
        return we->width;
    font_entry *f = font_get(p, style, size_px);
    measure_ctx m = {0};
    if (!f || !for_each_run(f, s, len, run_width, &m))
        return (int)len * size_px / 2;
    *we = (width_entry){h, (uint32_t)len, (int16_t)size_px, (int16_t)style, m.width};
    return m.width;
}

int fq_platform_text_measure_height(void *user, fq_font_style style, int size_px)
{
    font_entry *f = font_get(user, style, size_px);
    return f ? TTF_FontLineSkip(f->main) : size_px + size_px / 4;
}

typedef struct raster_ctx {
    const font_entry *f;
    SDL_Surface *dst;
    int x;
} raster_ctx;

static bool run_blit(void *ctx, TTF_Font *font, const char *run, size_t len)
{
    raster_ctx *rc = ctx;
    char buf[1024];
    len = len < sizeof buf - 1 ? len : sizeof buf - 1;
    memcpy(buf, run, len);
    buf[len] = '\0';
    SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, buf, white);
    if (!s)
        return false;
    /* Align baselines: fallback fonts have their own ascent. */
    SDL_Rect at = {rc->x, rc->f->ascent - TTF_FontAscent(font), s->w, s->h};
    SDL_BlitSurface(s, NULL, rc->dst, &at);
    rc->x += s->w;
    SDL_FreeSurface(s);
    return true;
}

static SDL_Texture *rasterise(fq_platform *p, const font_entry *f, const char *s, size_t len,
                              int *out_w, int *out_h)
{
    int w = fq_platform_text_measure_width(p, f->style, f->size_px, s, len);
    int h = TTF_FontLineSkip(f->main);
    if (w <= 0 || h <= 0)
        return NULL;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w + 2, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst)
        return NULL;
    /* White with zero alpha: blending white glyphs onto it leaves no dark fringes. */
    SDL_FillRect(dst, NULL, SDL_MapRGBA(dst->format, 255, 255, 255, 0));
    raster_ctx rc = {f, dst, 0};
    SDL_Texture *tex = NULL;
    if (for_each_run(f, s, len, run_blit, &rc)) {
        tex = SDL_CreateTextureFromSurface(p->renderer, dst);
        if (tex) {
            SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
            *out_w = dst->w;
            *out_h = dst->h;
        }
    }
    SDL_FreeSurface(dst);
    return tex;
}

SDL_Texture *fq_platform_text_texture(fq_platform *p, const char *s, size_t len, int size_px,
                                      fq_font_style style, int *out_w, int *out_h)
{
    uint64_t h = fnv1a(s, len, size_px, style);
    p->use_clock++;
    /* Open addressing over 8 slots; on a full probe window the least recently used goes. */
    size_t base = (size_t)(h % TEXT_CACHE_SLOTS);
    text_entry *victim = NULL;
    for (size_t k = 0; k < 8; k++) {
        text_entry *e = &p->text_cache[(base + k) % TEXT_CACHE_SLOTS];
        if (e->tex && e->hash == h && e->len == len && e->size_px == size_px &&
            e->style == style && memcmp(e->text, s, len) == 0) {
            e->last_used = p->use_clock;
            p->stats.text_hits++;
            *out_w = e->w;
            *out_h = e->h;
            return e->tex;
        }
        if (!victim || !e->tex || (victim->tex && e->last_used < victim->last_used))
            victim = e;
    }
    font_entry *f = font_get(p, style, size_px);
    if (!f)
        return NULL;
    int w = 0;
    int th = 0;
    SDL_Texture *tex = rasterise(p, f, s, len, &w, &th);
    if (!tex)
        return NULL;
    char *copy = malloc(len ? len : 1);
    if (!copy) {
        SDL_DestroyTexture(tex);
        return NULL;
    }
    memcpy(copy, s, len);
    if (victim->tex)
        SDL_DestroyTexture(victim->tex);
    free(victim->text);
    *victim = (text_entry){h, copy, len, size_px, style, tex, w, th, p->use_clock};
    p->stats.text_rasterised++;
    *out_w = w;
    *out_h = th;
    return tex;
}
