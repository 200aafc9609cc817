/* GS1 mod-10 check digits for EAN-13, UPC-A and ITF-14 (barcode.h). The length decides the
 * format; the check digit decides validity. Not here: symbology decoding, GS1 prefixes. */
#include "core/barcode.h"
#include "core/tr.h"

#include <stdio.h>
#include <string.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int fq_barcode_gs1_check_digit(const char *digits, size_t n)
{
    if (!digits || n < 1)
        return -1;
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        char c = digits[n - 1 - i];
        if (c < '0' || c > '9')
            return -1;
        sum += (c - '0') * (i % 2 == 0 ? 3 : 1);
    }
    return (10 - sum % 10) % 10;
}

const char *fq_barcode_format_name(fq_barcode_format format)
{
    switch (format) {
    case FQ_BARCODE_EAN13: return "EAN-13";
    case FQ_BARCODE_UPCA: return "UPC-A";
    case FQ_BARCODE_ITF14: return "ITF-14";
    default: return "none";
    }
}

static fq_barcode_format format_of_length(size_t n)
{
    return n == 13 ? FQ_BARCODE_EAN13 : n == 12 ? FQ_BARCODE_UPCA
                                     : n == 14 ? FQ_BARCODE_ITF14
                                               : FQ_BARCODE_NONE;
}

fq_err fq_barcode_validate(const char *text, fq_barcode_check *out)
{
    if (!text || !out)
        return FQ_ERR_INVALID;
    fq_barcode_check r;
    memset(&r, 0, sizeof r);
    while (is_space(*text))
        text++;
    size_t n = strlen(text);
    while (n > 0 && is_space(text[n - 1]))
        n--;
    for (size_t i = 0; i < n && !r.position; i++) {
        if (text[i] >= '0' && text[i] <= '9')
            r.n_digits++;
        else
            r.position = (int)i + 1;
    }
    if (n == 0) {
        r.problem = FQ_BARCODE_EMPTY;
    } else if (r.position) {
        r.problem = FQ_BARCODE_NON_DIGIT;
        r.bad_char = text[r.position - 1];
    } else if ((r.format = format_of_length(n)) == FQ_BARCODE_NONE) {
        r.problem = FQ_BARCODE_WRONG_LENGTH;
    } else {
        r.expected_digit = fq_barcode_gs1_check_digit(text, n - 1);
        r.found_digit = text[n - 1] - '0';
        if (r.expected_digit != r.found_digit)
            r.problem = FQ_BARCODE_BAD_CHECK;
    }
    fq_barcode_describe(&r, false, r.message, sizeof r.message);
    *out = r;
    return r.problem == FQ_BARCODE_OK ? FQ_OK : FQ_ERR_INVALID;
}

void fq_barcode_describe(const fq_barcode_check *r, bool drawn, char *buf, size_t len)
{
    char c = r->bad_char;
    switch (r->problem) {
    case FQ_BARCODE_EMPTY:
        snprintf(buf, len, "%s", FQ_TR_IF(drawn, "no barcode entered"));
        break;
    case FQ_BARCODE_NON_DIGIT:
        if (c > ' ' && c < 127)
            snprintf(buf, len, FQ_TR_IF(drawn, "not a digit: '%c' at position %d"), c, r->position);
        else
            snprintf(buf, len, FQ_TR_IF(drawn, "not a digit at position %d"), r->position);
        break;
    case FQ_BARCODE_WRONG_LENGTH:
        snprintf(buf, len, FQ_TR_IF(drawn, "wrong length: %d digits (EAN-13 has 13, UPC-A 12, ITF-14 14)"),
                 r->n_digits);
        break;
    case FQ_BARCODE_BAD_CHECK:
        snprintf(buf, len, FQ_TR_IF(drawn, "%s bad check digit: ends in %d, expected %d"),
                 fq_barcode_format_name(r->format), r->found_digit, r->expected_digit);
        break;
    default:
        snprintf(buf, len, FQ_TR_IF(drawn, "%s ok"), fq_barcode_format_name(r->format));
        break;
    }
}
