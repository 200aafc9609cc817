/* Pinyin through libgooglepinyin (ime.h). The library is C++ but exports its decoder as
 * extern "C" im_* functions; its header is C++ only (namespaces, references), so the few
 * used are declared here with the same C ABI (a C++ reference parameter is a pointer). */
#include "ime/ime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FQ_GOOGLEPINYIN_DICT
#define FQ_GOOGLEPINYIN_DICT "/usr/lib/googlepinyin/data/dict_pinyin.dat"
#endif

typedef uint16_t fq_ime_char16;
bool im_open_decoder(const char *fn_sys_dict, const char *fn_usr_dict);
void im_close_decoder(void);
void im_set_max_lens(size_t max_sps_len, size_t max_hzs_len);
void im_flush_cache(void);
size_t im_search(const char *sps_buf, size_t sps_len);
void im_reset_search(void);
fq_ime_char16 *im_get_candidate(size_t cand_id, fq_ime_char16 *cand_str, size_t max_len);
size_t im_get_spl_start_pos(const uint16_t **spl_start);
size_t im_choose(size_t cand_id);
size_t im_get_fixed_len(void);

struct fq_ime {
    char spelling[FQ_IME_SPELLING_MAX + 1];
    char preedit[FQ_IME_TEXT_MAX + FQ_IME_SPELLING_MAX + 1];
    char result[FQ_IME_TEXT_MAX];
    size_t n_candidates;
};

static bool opened; /* the library's decoder is one per process */

/* UTF-16 (BMP; the dictionary holds no surrogates) to UTF-8; the first n_chars (all: SIZE_MAX). */
static void to_utf8(const fq_ime_char16 *s, size_t n_chars, char *out, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; s[i] && i < n_chars; i++) {
        unsigned c = s[i];
        char b[3];
        size_t n = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        if (n == 1) {
            b[0] = (char)c;
        } else if (n == 2) {
            b[0] = (char)(0xC0 | (c >> 6));
            b[1] = (char)(0x80 | (c & 0x3F));
        } else {
            b[0] = (char)(0xE0 | (c >> 12));
            b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            b[2] = (char)(0x80 | (c & 0x3F));
        }
        if (o + n >= len)
            break;
        memcpy(out + o, b, n);
        o += n;
    }
    if (len)
        out[o] = '\0';
}

static bool say(char *err, size_t err_len, const char *msg, const char *path)
{
    if (err_len)
        snprintf(err, err_len, "%s%s", msg, path ? path : "");
    return false;
}

bool fq_ime_open(const char *sys_dict, const char *user_dict, fq_ime **out, char *err,
                 size_t err_len)
{
    if (opened)
        return say(err, err_len, "pinyin: the engine is already open", NULL);
    const char *env = getenv("FIELDQC_PINYIN_DICT");
    const char *dict = sys_dict ? sys_dict : env && *env ? env : FQ_GOOGLEPINYIN_DICT;
    if (access(dict, R_OK) != 0)
        return say(err, err_len, "pinyin: no dictionary at ", dict);
    fq_ime *ime = calloc(1, sizeof *ime);
    if (!ime)
        return say(err, err_len, "pinyin: out of memory", NULL);
    /* the engine wants a user dictionary path; without one, a scratch file that is removed */
    if (!im_open_decoder(dict, user_dict ? user_dict : "/dev/null")) {
        free(ime);
        return say(err, err_len, "pinyin: the engine cannot open ", dict);
    }
    im_set_max_lens(FQ_IME_SPELLING_MAX, FQ_IME_TEXT_MAX / 3);
    opened = true;
    *out = ime;
    return true;
}

void fq_ime_close(fq_ime *ime)
{
    if (!ime)
        return;
    im_flush_cache();
    im_close_decoder();
    opened = false;
    free(ime);
}

/* The chosen Chinese and the letters left after it. */
static void make_preedit(fq_ime *ime)
{
    size_t fixed = im_get_fixed_len();
    const uint16_t *starts = NULL;
    size_t n_spl = im_get_spl_start_pos(&starts);
    char chosen[FQ_IME_TEXT_MAX] = "";
    size_t consumed = 0;
    if (fixed > 0 && n_spl > 0 && starts) {
        fq_ime_char16 buf[FQ_IME_TEXT_MAX / 3 + 1];
        if (im_get_candidate(0, buf, sizeof buf / sizeof buf[0]))
            to_utf8(buf, fixed, chosen, sizeof chosen);
        consumed = starts[fixed < n_spl ? fixed : n_spl];
    }
    size_t sl = strlen(ime->spelling);
    snprintf(ime->preedit, sizeof ime->preedit, "%s%s", chosen,
             ime->spelling + (consumed < sl ? consumed : sl));
}

size_t fq_ime_search(fq_ime *ime, const char *spelling)
{
    snprintf(ime->spelling, sizeof ime->spelling, "%s", spelling ? spelling : "");
    ime->result[0] = '\0';
    im_reset_search();
    ime->n_candidates = ime->spelling[0] ? im_search(ime->spelling, strlen(ime->spelling)) : 0;
    make_preedit(ime);
    return ime->n_candidates;
}

bool fq_ime_candidate(fq_ime *ime, size_t i, char *buf, size_t len)
{
    fq_ime_char16 c[FQ_IME_TEXT_MAX / 3 + 1];
    if (i >= ime->n_candidates || !im_get_candidate(i, c, sizeof c / sizeof c[0]))
        return false;
    to_utf8(c, SIZE_MAX, buf, len);
    return true;
}

size_t fq_ime_choose(fq_ime *ime, size_t i, bool *out_done)
{
    *out_done = false;
    if (i >= ime->n_candidates)
        return ime->n_candidates;
    ime->n_candidates = im_choose(i);
    const uint16_t *starts = NULL;
    size_t n_spl = im_get_spl_start_pos(&starts);
    if (im_get_fixed_len() >= n_spl) { /* every syllable is Chinese now */
        fq_ime_candidate(ime, 0, ime->result, sizeof ime->result);
        *out_done = true;
        ime->spelling[0] = '\0';
        ime->preedit[0] = '\0';
        im_reset_search();
        ime->n_candidates = 0;
        return 0;
    }
    make_preedit(ime);
    return ime->n_candidates;
}

const char *fq_ime_preedit(fq_ime *ime)
{
    return ime->preedit;
}

const char *fq_ime_result(fq_ime *ime)
{
    return ime->result;
}

void fq_ime_flush(fq_ime *ime)
{
    (void)ime;
    im_flush_cache();
}
