/* Barcode check digits for carton labels: EAN-13, UPC-A (12 digits) and ITF-14 (GTIN-14),
 * all GS1 mod-10. Used when the inspector types or scans a carton's barcode, so a misread
 * or mistyped code is refused with a reason the inspector can act on.
 * What it does not do: decode images, check GS1 company prefixes or country ranges, or
 * accept EAN-8 / add-on digits. Pure and thread-safe; no allocation, no I/O. */
#ifndef FQ_CORE_BARCODE_H
#define FQ_CORE_BARCODE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

typedef enum fq_barcode_format {
    FQ_BARCODE_NONE = 0, /* no format matched (see problem) */
    FQ_BARCODE_EAN13,
    FQ_BARCODE_UPCA,
    FQ_BARCODE_ITF14
} fq_barcode_format;

typedef enum fq_barcode_problem {
    FQ_BARCODE_OK = 0,
    FQ_BARCODE_EMPTY,         /* nothing but spaces */
    FQ_BARCODE_NON_DIGIT,     /* a character other than 0-9 */
    FQ_BARCODE_WRONG_LENGTH,  /* not 12, 13 or 14 digits */
    FQ_BARCODE_BAD_CHECK      /* right length, last digit is not the GS1 check digit */
} fq_barcode_problem;

#define FQ_BARCODE_MSG_LEN 96

/* Result of one check. On BAD_CHECK, expected/found hold the check digits; on NON_DIGIT,
 * position is the 1-based character position (after leading spaces); n_digits counts the
 * digits seen. message is a short English sentence for the UI ("EAN-13 ok", "bad check
 * digit: ends in 2, expected 1"). */
typedef struct fq_barcode_check {
    fq_barcode_format format;  /* the format that matched (length decides), or NONE */
    fq_barcode_problem problem;
    int expected_digit;
    int found_digit;
    int position;
    int n_digits;
    char bad_char;             /* NON_DIGIT: the character at position */
    char message[FQ_BARCODE_MSG_LEN];
} fq_barcode_check;

/* The check's sentence into buf (len bytes): English (the message above, what records
 * keep), or drawn: in the device's language (core/tr.h). */
void fq_barcode_describe(const fq_barcode_check *r, bool drawn, char *buf, size_t len);

/* Validates `text` (leading and trailing spaces, tabs, CR and LF from a scanner are ignored).
 * Always fills *out; returns FQ_OK when the code is a valid EAN-13 / UPC-A / ITF-14 and
 * FQ_ERR_INVALID otherwise (or when text or out is NULL; then out is untouched). */
fq_err fq_barcode_validate(const char *text, fq_barcode_check *out);

/* GS1 mod-10 check digit of the first n digits of `digits` (0-9 characters, n >= 1):
 * weights 3,1,3,... from the rightmost data digit. Returns -1 for a non-digit or n < 1. */
int fq_barcode_gs1_check_digit(const char *digits, size_t n);

/* "EAN-13", "UPC-A", "ITF-14", "none". Never NULL. */
const char *fq_barcode_format_name(fq_barcode_format format);

#endif
