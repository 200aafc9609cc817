/* The office's languages (lang.h): a reader of GNU .mo catalogs and lookups in them. A .mo
 * file is a header, a table of original strings sorted by byte order (msgfmt sorts them)
 * and a table of their translations: a lookup is a binary search. Every offset and length
 * is checked against the file before anything is read, so a damaged catalog is refused,
 * never followed. */
#include "office/lang.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/langs.h"
#include "fsio/fsio.h"

#define MO_MAGIC 0x950412deu
#define MO_MAX_BYTES (8u << 20)
#define N_DOMAINS 2

typedef struct mo {
    unsigned char *buf;
    size_t len;
    uint32_t n;
    uint32_t orig;  /* offset of the originals' (length, offset) table */
    uint32_t trans; /* offset of the translations' table */
    int swapped;    /* written on a machine of the other byte order */
    int one_form;   /* the header says nplurals=1 */
} mo;

struct fq_office_lang {
    const char *code;
    const char *tag;
    mo cat[N_DOMAINS];
    fq_tr_catalog core; /* this language for core's sentences (a light's reasons) */
};

/* BCP 47 tags of core/langs.h's codes, in its order */
static const char *const TAGS[] = {"en", "zh-CN"};
static const char *const DOMAINS[N_DOMAINS] = {FQ_OFFICE_LANG_DOMAIN, "fieldqc"};

static uint32_t word(const mo *m, size_t at)
{
    const unsigned char *p = m->buf + at;
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return m->swapped ? __builtin_bswap32(v) : v;
}

/* The string of entry i of table at: NULL when it leaves the file or lacks its NUL. */
static const char *entry(const mo *m, uint32_t table, uint32_t i, uint32_t *out_len)
{
    size_t at = (size_t)table + (size_t)i * 8;
    if (at + 8 > m->len)
        return NULL;
    uint32_t len = word(m, at);
    uint32_t off = word(m, at + 4);
    if ((size_t)off + len >= m->len || m->buf[(size_t)off + len] != '\0')
        return NULL;
    if (out_len)
        *out_len = len;
    return (const char *)m->buf + off;
}

static int mo_check(mo *m)
{
    if (m->len < 28)
        return -1;
    m->swapped = 0;
    if (word(m, 0) != MO_MAGIC) {
        m->swapped = 1;
        if (word(m, 0) != MO_MAGIC)
            return -1;
    }
    m->n = word(m, 8);
    m->orig = word(m, 12);
    m->trans = word(m, 16);
    for (uint32_t i = 0; i < m->n; i++)
        if (!entry(m, m->orig, i, NULL) || !entry(m, m->trans, i, NULL))
            return -1;
    /* the header is the translation of "" (sorted first) */
    const char *hdr = m->n ? entry(m, m->trans, 0, NULL) : NULL;
    const char *np = hdr ? strstr(hdr, "nplurals=") : NULL;
    m->one_form = np && np[9] == '1' && !isdigit((unsigned char)np[10]);
    return 0;
}

/* Loads one catalog; a missing file leaves m empty (English). */
static fq_err mo_load(mo *m, const char *path)
{
    memset(m, 0, sizeof *m);
    FILE *f = fopen(path, "rb");
    if (!f)
        return FQ_OK;
    fq_err e = FQ_ERR_CORRUPT;
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (size < 0 || (unsigned long)size > MO_MAX_BYTES || fseek(f, 0, SEEK_SET) != 0)
        goto out;
    m->buf = malloc((size_t)size + 1);
    if (!m->buf) {
        e = FQ_ERR_NOMEM;
        goto out;
    }
    m->len = (size_t)size;
    if (fread(m->buf, 1, m->len, f) != m->len || mo_check(m)) {
        free(m->buf);
        memset(m, 0, sizeof *m);
        goto out;
    }
    e = FQ_OK;
out:
    fclose(f);
    return e;
}

/* The index of msgid among the originals, or -1. */
static long mo_find(const mo *m, const char *msgid)
{
    uint32_t lo = 0;
    uint32_t hi = m->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = strcmp(msgid, entry(m, m->orig, mid, NULL));
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

/* The form'th translation of entry i (a plural's are NUL-separated), NULL when absent. */
static const char *mo_form(const mo *m, long i, unsigned form)
{
    uint32_t len = 0;
    const char *s = entry(m, m->trans, (uint32_t)i, &len);
    const char *end = s + len;
    while (form-- > 0 && s < end)
        s += strlen(s) + 1;
    return s < end && *s ? s : NULL;
}

static const char *lookup(const fq_office_lang *l, const char *msgid, unsigned form)
{
    for (int d = 0; l && msgid[0] && d < N_DOMAINS; d++) {
        long i = mo_find(&l->cat[d], msgid);
        const char *t = i >= 0 ? mo_form(&l->cat[d], i, l->cat[d].one_form ? 0 : form) : NULL;
        if (t)
            return t;
    }
    return NULL;
}

static const char *core_text(const void *ctx, const char *msgid)
{
    return fq_office_lang_text(ctx, msgid);
}

static const char *core_ntext(const void *ctx, const char *one, const char *many,
                              unsigned long n)
{
    return fq_office_lang_ntext(ctx, one, many, n);
}

fq_err fq_office_lang_load(const char *code, const char *locale_dir, fq_office_lang **out)
{
    const char *known = fq_lang_known(code);
    size_t n_codes = 0;
    const char *const *codes = fq_lang_codes(&n_codes);
    if (!known || n_codes > sizeof TAGS / sizeof TAGS[0])
        return FQ_ERR_INVALID;
    char dir[FQ_FSIO_PATH_LEN];
    const char *env = getenv("FIELDQC_LOCALEDIR");
    if (!locale_dir && env && *env)
        locale_dir = env;
    if (!locale_dir) {
        /* the catalogs beside the data folder: share/locale next to share/fieldqc; no data
         * folder, no catalogs: English (fq_office_lang_complete says so) */
        char data[FQ_FSIO_PATH_LEN], why[256];
        if (fq_fsio_data_dir(data, sizeof data, why, sizeof why) == FQ_OK &&
            (size_t)snprintf(dir, sizeof dir, "%s/../locale", data) < sizeof dir)
            locale_dir = dir;
    }
    fq_office_lang *l = calloc(1, sizeof *l);
    if (!l)
        return FQ_ERR_NOMEM;
    size_t idx = 0;
    for (size_t i = 0; i < n_codes; i++)
        if (known == codes[i])
            idx = i;
    l->code = codes[idx];
    l->tag = TAGS[idx];
    l->core = (fq_tr_catalog){core_text, core_ntext, l};
    fq_err e = FQ_OK;
    for (int d = 0; locale_dir && d < N_DOMAINS && !e; d++) {
        char path[FQ_FSIO_PATH_LEN + 64];
        int n =
            snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", locale_dir, l->code, DOMAINS[d]);
        e = n < 0 || (size_t)n >= sizeof path ? FQ_ERR_INVALID : mo_load(&l->cat[d], path);
    }
    if (e) {
        fq_office_lang_free(l);
        return e;
    }
    *out = l;
    return FQ_OK;
}

void fq_office_lang_free(fq_office_lang *l)
{
    if (!l)
        return;
    for (int d = 0; d < N_DOMAINS; d++)
        free(l->cat[d].buf);
    free(l);
}

const char *fq_office_lang_text(const fq_office_lang *l, const char *msgid)
{
    const char *t = lookup(l, msgid, 0);
    return t ? t : msgid;
}

const char *fq_office_lang_ntext(const fq_office_lang *l, const char *one, const char *many,
                                 unsigned long n)
{
    const char *t = lookup(l, one, n == 1 ? 0 : 1);
    return t ? t : n == 1 ? one : many;
}

const char *fq_office_lang_code(const fq_office_lang *l)
{
    return l ? l->code : "en";
}

const char *fq_office_lang_tag(const fq_office_lang *l)
{
    return l ? l->tag : TAGS[0];
}

int fq_office_lang_complete(const fq_office_lang *l)
{
    if (!l || !strcmp(l->code, "en"))
        return 1;
    return l->cat[0].n > 0 && l->cat[1].n > 0;
}

/* q of one Accept-Language entry ("zh-CN;q=0.8"): 0..1000, 1000 without a q. */
static int quality(const char *params, size_t len)
{
    const char *q = NULL;
    for (size_t i = 0; i + 2 < len; i++)
        if (params[i] == 'q' && params[i + 1] == '=') {
            q = params + i + 2;
            break;
        }
    if (!q)
        return 1000;
    if (*q == '1')
        return 1000;
    int v = 0;
    int scale = 100;
    if (*q++ != '0')
        return 0;
    if (*q == '.')
        for (q++; isdigit((unsigned char)*q) && scale > 0 && q < params + len; q++, scale /= 10)
            v += (*q - '0') * scale;
    return v;
}

const char *fq_office_lang_from_accept(const char *h)
{
    const char *best = "en";
    int best_q = 0;
    while (h && *h) {
        size_t len = strcspn(h, ",");
        while (len && (*h == ' ' || *h == '\t')) {
            h++;
            len--;
        }
        size_t tag_len = strcspn(h, ";,");
        if (tag_len > len)
            tag_len = len;
        int q = quality(h + tag_len, len - tag_len);
        const char *code = NULL;
        if (tag_len >= 2 && !strncasecmp(h, "zh", 2) && (tag_len == 2 || h[2] == '-'))
            code = "zh_CN";
        else if (tag_len >= 2 && !strncasecmp(h, "en", 2) && (tag_len == 2 || h[2] == '-'))
            code = "en";
        if (code && q > best_q) {
            best = code;
            best_q = q;
        }
        h += len;
        if (*h == ',')
            h++;
    }
    return best;
}

const fq_tr_catalog *fq_office_lang_core(const fq_office_lang *l)
{
    return l ? &l->core : NULL;
}
