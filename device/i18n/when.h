/* fq_i18n when: dates and times as the inspector reads them. Records keep UTC seconds; what
 * is drawn is in the device's local time zone (the system's, /etc/localtime, or $TZ) and in
 * the drawn language's format ("2026-12-01 17:30" in English, "2026年12月1日 17:30" in
 * Chinese).
 *
 * Two kinds of time, never mixed up:
 *  - a moment (a sign-off, an export, a backup, the clock) is shifted into the local zone;
 *  - a day (a due date, a ship date, a planned day) is a calendar date, stored as 00:00 UTC
 *    of that day, and is drawn as that same date everywhere: shifting it would move a buyer's
 *    due date by a day west of Greenwich. */
#ifndef FQ_I18N_WHEN_H
#define FQ_I18N_WHEN_H

#include <stddef.h>
#include <stdint.h>

#define FQ_I18N_WHEN_LEN 64

/* A moment as local date and time, minutes. 0 formats as "-". */
void fq_i18n_moment(int64_t utc, char *out, size_t out_len);
/* A moment with its zone, for where the zone matters (the clock): "2026-12-01 17:30 CST
 * (UTC+08:00)". */
void fq_i18n_moment_zone(int64_t utc, char *out, size_t out_len);
/* A moment short, for a cell: the local day and minute without the year ("12-01 17:30"). */
void fq_i18n_moment_short(int64_t utc, char *out, size_t out_len);
/* A moment's local date, no time ("when it was closed"). */
void fq_i18n_moment_date(int64_t utc, char *out, size_t out_len);
/* A day (00:00 UTC of a calendar date) as that date. 0 formats as "-". */
void fq_i18n_day(int64_t utc_day, char *out, size_t out_len);

/* The device's zone: its name ("Asia/Shanghai"; "UTC" when none is set) and its offset now
 * ("UTC+08:00"). */
void fq_i18n_zone(char *name, size_t name_len, char *offset, size_t offset_len);
/* Local "YYYY-MM-DD HH:MM" (what the office types to set the clock) -> UTC seconds, with the
 * zone's rules for that date. -1 when s is not such a time. */
int64_t fq_i18n_parse_local(const char *s);

/* A moment as the office types one to set the clock: local "YYYY-MM-DD HH:MM", the same in
 * every language. */
void fq_i18n_local_entry(int64_t utc, char *out, size_t out_len);

/* After the zone changed (Settings): later formats use `name` (an IANA zone such as
 * "Asia/Shanghai"). Call from the UI thread. */
void fq_i18n_zone_use(const char *name);

#endif
