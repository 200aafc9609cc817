/* Names and parsing for the AQL engine: standards, level names, severity mode names and AQL
 * decimals as the tables spell them. Pure string work, no locale, no I/O. */
#include "core/aql.h"
#include "core/tr.h"

#include <stdio.h>
#include <string.h>

static const char *const level_names[FQ_AQL_LEVEL_COUNT] = {"I", "II", "III", "S-1", "S-2",
                                                            "S-3", "S-4"};
static const char *const mode_names[FQ_AQL_MODE_COUNT] = {FQ_N_("normal"), FQ_N_("tightened"), FQ_N_("reduced"),
                                                          FQ_N_("discontinued")};
/* The column headings of Tables 2-A..2-C, in column order. */
static const char *const aql_spellings[FQ_AQL_N_COLUMNS] = {
    "0.010", "0.015", "0.025", "0.040", "0.065", "0.10", "0.15", "0.25", "0.40",
    "0.65",  "1.0",   "1.5",   "2.5",   "4.0",   "6.5",  "10",   "15",   "25",
    "40",    "65",    "100",   "150",   "250",   "400",  "650",  "1000",
};

static int upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static bool same_ci(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (upper((unsigned char)*a) != upper((unsigned char)*b))
            return false;
    return *a == *b;
}

const char *fq_aql_standard_name(fq_aql_standard standard)
{
    switch (standard) {
    case FQ_AQL_ISO_2859_1: return "ISO 2859-1:1999";
    case FQ_AQL_ANSI_Z14: return "ANSI/ASQ Z1.4-2008";
    default: return "?";
    }
}

const char *fq_aql_standard_key(fq_aql_standard standard)
{
    switch (standard) {
    case FQ_AQL_ISO_2859_1: return "iso";
    case FQ_AQL_ANSI_Z14: return "z14";
    default: return "?";
    }
}

fq_err fq_aql_parse_standard(const char *text, fq_aql_standard *out)
{
    /* the names buyers write in a spec: GB/T 2828.1 is ISO 2859-1:1999 verbatim */
    static const char *const iso[] = {"iso", "iso2859", "iso2859-1", "gb", "gb2828", "gbt2828.1"};
    static const char *const z14[] = {"z14", "z1.4", "ansi", "asq", "ansi-z1.4"};
    if (!text || !out)
        return FQ_ERR_INVALID;
    for (size_t i = 0; i < sizeof iso / sizeof iso[0]; i++)
        if (same_ci(text, iso[i])) {
            *out = FQ_AQL_ISO_2859_1;
            return FQ_OK;
        }
    for (size_t i = 0; i < sizeof z14 / sizeof z14[0]; i++)
        if (same_ci(text, z14[i])) {
            *out = FQ_AQL_ANSI_Z14;
            return FQ_OK;
        }
    return FQ_ERR_INVALID;
}

const char *fq_aql_level_name(fq_aql_level level)
{
    if ((int)level < 0 || level >= FQ_AQL_LEVEL_COUNT)
        return "?";
    return level_names[level];
}

fq_err fq_aql_parse_level(const char *text, fq_aql_level *out)
{
    static const char *const short_names[4] = {"S1", "S2", "S3", "S4"};
    if (!text || !out)
        return FQ_ERR_INVALID;
    for (int i = 0; i < FQ_AQL_LEVEL_COUNT; i++) {
        bool hit = same_ci(text, level_names[i]);
        if (i >= FQ_AQL_LEVEL_S1)
            hit = hit || same_ci(text, short_names[i - FQ_AQL_LEVEL_S1]);
        if (hit) {
            *out = (fq_aql_level)i;
            return FQ_OK;
        }
    }
    return FQ_ERR_INVALID;
}

const char *fq_aql_mode_name(fq_aql_mode mode)
{
    if ((int)mode < 0 || mode >= FQ_AQL_MODE_COUNT)
        return "?";
    return mode_names[mode];
}

fq_err fq_aql_parse_mode(const char *text, fq_aql_mode *out)
{
    if (!text || !out)
        return FQ_ERR_INVALID;
    for (int i = 0; i < FQ_AQL_DISCONTINUED; i++) {
        if (same_ci(text, mode_names[i])) {
            *out = (fq_aql_mode)i;
            return FQ_OK;
        }
    }
    return FQ_ERR_INVALID;
}

fq_err fq_aql_parse_aql(const char *text, int32_t *out_milli)
{
    int64_t whole = 0;
    int64_t frac = 0;
    int n_frac = 0;
    int n_whole = 0;
    const char *p = text;
    if (!p || !out_milli)
        return FQ_ERR_INVALID;
    for (; *p >= '0' && *p <= '9'; p++, n_whole++) {
        if (n_whole >= 7)
            return FQ_ERR_INVALID;
        whole = whole * 10 + (*p - '0');
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, n_frac++) {
            if (n_frac >= 3) {
                if (*p != '0') /* 0.0100 is fine, 0.0105 is not a table value */
                    return FQ_ERR_INVALID;
                continue;
            }
            frac = frac * 10 + (*p - '0');
        }
        if (n_frac == 0)
            return FQ_ERR_INVALID;
    }
    if (*p || (n_whole == 0 && n_frac == 0))
        return FQ_ERR_INVALID;
    for (int k = n_frac < 3 ? n_frac : 3; k < 3; k++)
        frac *= 10;
    int64_t milli = whole * 1000 + frac;
    if (milli > INT32_MAX || fq_aql_column_of((int32_t)milli) < 0)
        return FQ_ERR_INVALID;
    *out_milli = (int32_t)milli;
    return FQ_OK;
}

char *fq_aql_format_aql(int32_t aql_milli, char *buf, size_t buf_len)
{
    if (!buf || buf_len == 0)
        return buf;
    int col = fq_aql_column_of(aql_milli);
    if (col >= 0)
        snprintf(buf, buf_len, "%s", aql_spellings[col]);
    else if (aql_milli < 0)
        snprintf(buf, buf_len, "%ld", (long)aql_milli);
    else
        snprintf(buf, buf_len, "%ld.%03ld", (long)(aql_milli / 1000), (long)(aql_milli % 1000));
    return buf;
}
