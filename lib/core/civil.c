/* Calendar and UUID helpers of civil.h. */
#include "core/civil.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int64_t fq_days_from_civil(int64_t y, int32_t m, int32_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int32_t *m, int32_t *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int32_t)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int32_t)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && ((a < 0) != (b < 0)));
}

void fq_utc_format_date(int64_t utc, char *out, size_t out_len)
{
    if (utc == 0) {
        snprintf(out, out_len, "-");
        return;
    }
    int64_t y;
    int32_t m, d;
    civil_from_days(floor_div(utc, 86400), &y, &m, &d);
    snprintf(out, out_len, "%04lld-%02d-%02d", (long long)y, (int)m, (int)d);
}

void fq_utc_format(int64_t utc, char *out, size_t out_len)
{
    if (utc == 0) {
        snprintf(out, out_len, "-");
        return;
    }
    int64_t days = floor_div(utc, 86400);
    int64_t secs = utc - days * 86400;
    int64_t y;
    int32_t m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, out_len, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, (int)m, (int)d,
             (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

static int days_in_month(int64_t y, int32_t m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

/* Reads exactly n digits. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

fq_err fq_utc_parse(const char *s, int64_t *out)
{
    int y, mo, d, h = 0, mi = 0, se = 0;
    const char *p = s;
    if (!s || !digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
        !digits(&p, 2, &d))
        return FQ_ERR_INVALID;
    if (*p == 'T' || *p == ' ') {
        p++;
        if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
            return FQ_ERR_INVALID;
        if (*p == ':' && (p++, !digits(&p, 2, &se)))
            return FQ_ERR_INVALID;
        if (*p == 'Z')
            p++;
    }
    if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 ||
        mi > 59 || se > 59)
        return FQ_ERR_INVALID;
    *out = fq_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
    return FQ_OK;
}

void fq_uuid_format(const uint8_t random16[16], char *out, size_t out_len)
{
    uint8_t b[16];
    memcpy(b, random16, 16);
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    snprintf(out, out_len,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
             b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
             b[15]);
}

int fq_uuid_valid(const char *s)
{
    if (!s || strlen(s) != 36)
        return 0;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !(isdigit((unsigned char)s[i]) || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    }
    return 1;
}
