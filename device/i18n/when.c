/* Local dates and times through the C library's zone rules (localtime_r, mktime) and the
 * drawn language's strftime formats, which the catalogs translate. */
#define _GNU_SOURCE /* tm_gmtoff */
#include "i18n/when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n/i18n.h"

static const char *date_format(void)
{
    /* TRANSLATORS: a date, strftime format (%-m, %-d: without leading zeros) */
    /* xgettext:no-c-format */
    return _("%Y-%m-%d");
}

static const char *moment_format(void)
{
    /* TRANSLATORS: a date and time, strftime format */
    /* xgettext:no-c-format */
    return _("%Y-%m-%d %H:%M");
}

static const char *short_format(void)
{
    /* TRANSLATORS: a day and time of this year, strftime format */
    /* xgettext:no-c-format */
    return _("%m-%d %H:%M");
}

/* The formats are the catalog's, checked by msgfmt and the tests, not by the compiler. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void format(const struct tm *tm, const char *fmt, char *out, size_t out_len)
{
    if (out_len == 0)
        return;
    if (strftime(out, out_len, fmt, tm) == 0)
        out[0] = '\0';
}
#pragma GCC diagnostic pop

static int local(int64_t utc, struct tm *tm)
{
    time_t t = (time_t)utc;
    return localtime_r(&t, tm) != NULL;
}

/* utc in the local zone through fmt; 0 (never) as "-" */
static void local_format(int64_t utc, const char *fmt, char *out, size_t out_len)
{
    struct tm tm;
    if (utc == 0 || !local(utc, &tm))
        snprintf(out, out_len, "-");
    else
        format(&tm, fmt, out, out_len);
}

void fq_i18n_moment(int64_t utc, char *out, size_t out_len)
{
    local_format(utc, moment_format(), out, out_len);
}

void fq_i18n_moment_short(int64_t utc, char *out, size_t out_len)
{
    local_format(utc, short_format(), out, out_len);
}

static void offset_text(long gmtoff, char *out, size_t out_len)
{
    long m = gmtoff < 0 ? -gmtoff / 60 : gmtoff / 60;
    snprintf(out, out_len, "UTC%c%02ld:%02ld", gmtoff < 0 ? '-' : '+', m / 60, m % 60);
}

void fq_i18n_moment_zone(int64_t utc, char *out, size_t out_len)
{
    struct tm tm;
    if (utc == 0 || !local(utc, &tm)) {
        snprintf(out, out_len, "-");
        return;
    }
    char when[FQ_I18N_WHEN_LEN], off[16];
    format(&tm, moment_format(), when, sizeof when);
    offset_text(tm.tm_gmtoff, off, sizeof off);
    /* the abbreviation alone is ambiguous (CST is China and Central US): the offset decides */
    snprintf(out, out_len, "%s %s (%s)", when, tm.tm_zone ? tm.tm_zone : "", off);
}

void fq_i18n_moment_date(int64_t utc, char *out, size_t out_len)
{
    local_format(utc, date_format(), out, out_len);
}

void fq_i18n_day(int64_t utc_day, char *out, size_t out_len)
{
    time_t t = (time_t)utc_day;
    struct tm tm;
    if (utc_day == 0 || !gmtime_r(&t, &tm)) {
        snprintf(out, out_len, "-");
        return;
    }
    format(&tm, date_format(), out, out_len);
}

/* "/usr/share/zoneinfo/Asia/Shanghai" -> "Asia/Shanghai" */
static const char *after_zoneinfo(const char *path)
{
    const char *z = strstr(path, "zoneinfo/");
    return z ? z + strlen("zoneinfo/") : NULL;
}

void fq_i18n_zone(char *name, size_t name_len, char *offset, size_t offset_len)
{
    const char *tz = getenv("TZ");
    const char *found = NULL;
    char link[512];
    if (tz && *tz) {
        found = tz[0] == ':' ? tz + 1 : tz;
        if (found[0] == '/' && after_zoneinfo(found))
            found = after_zoneinfo(found);
    } else {
        ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
        if (n > 0) {
            link[n] = '\0';
            found = after_zoneinfo(link);
        }
    }
    snprintf(name, name_len, "%s", found && *found ? found : "UTC");
    struct tm tm;
    if (local((int64_t)time(NULL), &tm))
        offset_text(tm.tm_gmtoff, offset, offset_len);
    else
        snprintf(offset, offset_len, "UTC");
}

void fq_i18n_local_entry(int64_t utc, char *out, size_t out_len)
{
    struct tm tm;
    if (!local(utc, &tm)) {
        snprintf(out, out_len, "-");
        return;
    }
    format(&tm, "%Y-%m-%d %H:%M", out, out_len);
}

int64_t fq_i18n_parse_local(const char *s)
{
    int y, mo, d, h, mi, end = 0;
    if (sscanf(s, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &h, &mi, &end) != 5 || s[end] != '\0')
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    /* mktime normalises 2026-02-30 into March: such a date was not a date */
    if (t == (time_t)-1 || tm.tm_year != y - 1900 || tm.tm_mon != mo - 1 || tm.tm_mday != d ||
        tm.tm_min != mi)
        return -1;
    return (int64_t)t;
}

void fq_i18n_zone_use(const char *name)
{
    /* the process zone: glibc reads /etc/localtime once, so a zone changed by timedatectl
     * reaches this run only through TZ */
    setenv("TZ", name, 1);
    tzset();
}
