/* fq_ime: pinyin input through Debian's libgooglepinyin (the engine of Android's and Qt's
 * virtual keyboards): a spelling in, ranked Chinese candidates out, a choice at a time until
 * the whole spelling is Chinese; the user dictionary learns what was chosen.
 *
 * Typical use (what the on-screen keyboard does, wired in main.c):
 *   fq_ime *ime; fq_ime_open(NULL, "/var/lib/fieldqc/pinyin-user.dat", &ime, err, sizeof err);
 *   size_t n = fq_ime_search(ime, "zhixiang");      candidates: 只想 指向 纸箱 ...
 *   fq_ime_candidate(ime, 2, buf, sizeof buf);      "纸箱"
 *   n = fq_ime_choose(ime, 2, &done);               done: the text is fq_ime_result
 *
 * libgooglepinyin keeps one decoder per process: one fq_ime may be open at a time, used from
 * one thread (the UI's). Deliberately no handwriting, no traditional characters, no fuzzy
 * pinyin settings. The user dictionary is the engine's own file (a learning cache, not a
 * record: losing it loses only what was learnt), written by the engine on fq_ime_flush. */
#ifndef FQ_IME_IME_H
#define FQ_IME_IME_H

#include <stdbool.h>
#include <stddef.h>

typedef struct fq_ime fq_ime;

#define FQ_IME_SPELLING_MAX 64 /* letters composed at once */
#define FQ_IME_TEXT_MAX 256    /* UTF-8 bytes of a candidate or a result */

/* Opens the engine with the system dictionary sys_dict (NULL: $FIELDQC_PINYIN_DICT, else
 * Debian's libgooglepinyin0 data file) and the user dictionary user_dict (created when
 * missing; NULL: learn nothing across runs). On success *out is the handle (free with
 * fq_ime_close); on failure false with the reason in err (err_len bytes, may be 0). */
bool fq_ime_open(const char *sys_dict, const char *user_dict, fq_ime **out, char *err,
                 size_t err_len);

/* Saves what was learnt and closes the engine. NULL is fine. */
void fq_ime_close(fq_ime *ime);

/* Starts over with spelling (lowercase a-z and ', at most FQ_IME_SPELLING_MAX; "" clears).
 * Returns the number of candidates (0: nothing matches). */
size_t fq_ime_search(fq_ime *ime, const char *spelling);

/* Candidate i of the current search as UTF-8 into buf (len bytes). False when there is none.
 * After a partial choice, candidate 0 is the whole sentence with the chosen part. */
bool fq_ime_candidate(fq_ime *ime, size_t i, char *buf, size_t len);

/* Chooses candidate i. *out_done becomes true when the whole spelling is now Chinese (the
 * text is then fq_ime_result); otherwise the candidates are those for the rest. Returns the
 * new number of candidates. */
size_t fq_ime_choose(fq_ime *ime, size_t i, bool *out_done);

/* What to show while composing: the part chosen (Chinese) followed by the letters still to
 * convert. Never NULL; valid until the next call. */
const char *fq_ime_preedit(fq_ime *ime);

/* The composed text after a choice made it done ("" otherwise). Never NULL. */
const char *fq_ime_result(fq_ime *ime);

/* Writes the user dictionary now (after a composition, so a power cut loses little). */
void fq_ime_flush(fq_ime *ime);

/* For a program that opens the engine, once at file scope: under AddressSanitizer, Debian's
 * libgooglepinyin 0.1.2 frees a new[] array with delete (SpellingTrie::build_ym_info, a plain
 * array: harmless) and ASan stops the program at start, and im_close_decoder leaves its
 * dictionaries allocated (LeakSanitizer reports them at exit). This turns that one check off
 * for the program (an ASAN_OPTIONS given still wins) and suppresses leaks inside that
 * library only; every other check stays. */
#if defined(__SANITIZE_ADDRESS__)
#define FQ_IME_ASAN_OPTIONS                                                                     \
    const char *__asan_default_options(void);                                                \
    const char *__asan_default_options(void) { return "alloc_dealloc_mismatch=0"; }        \
    const char *__lsan_default_suppressions(void);                                           \
    const char *__lsan_default_suppressions(void) { return "leak:libgooglepinyin.so\n"; }
#else
#define FQ_IME_ASAN_OPTIONS
#endif

#endif
