/* Report and spreadsheet text hygiene (text.h). */
#include "core/text.h"

size_t fq_text_bidi_control_len(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == 0xD8 && u[1] == 0x9C) /* U+061C arabic letter mark */
        return 2;
    if (u[0] != 0xE2)
        return 0;
    if (u[1] == 0x80 && (u[2] == 0x8E || u[2] == 0x8F)) /* U+200E, U+200F */
        return 3;
    if (u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) /* U+202A..U+202E */
        return 3;
    if (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9) /* U+2066..U+2069 */
        return 3;
    return 0;
}

/* A decimal number, optionally signed, optionally with one decimal point. */
static bool is_number(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    bool digits = false, point = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits = true;
        else if (*s == '.' && !point)
            point = true;
        else
            return false;
    }
    return digits;
}

bool fq_text_is_formula(const char *cell)
{
    if (!cell)
        return false;
    switch (cell[0]) {
    case '=':
    case '@':
    case '\t':
    case '\r':
        return true;
    case '+':
    case '-':
        return !is_number(cell);
    default:
        return false;
    }
}
