/* Text that leaves fieldqc for other programs (a buyer's browser, a spreadsheet): what must
 * not pass through as typed. Pure functions on UTF-8; no allocation, no I/O. */
#ifndef FQ_CORE_TEXT_H
#define FQ_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* The byte length of the Unicode bidirectional control at p (embeddings and overrides
 * U+202A..U+202E, isolates U+2066..U+2069, marks U+200E, U+200F, U+061C), else 0. These
 * reorder what a reader sees ("gpj.exe" shown as "exe.jpg"), so reports drop them. */
size_t fq_text_bidi_control_len(const char *p);

/* True when a spreadsheet would run `cell` as a formula: it starts with = + - @ TAB or CR
 * and is not a plain number ("-12", "+3.5" stay numbers). Writers put a ' in front. */
bool fq_text_is_formula(const char *cell);

#endif
