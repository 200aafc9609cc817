/* UTC calendar arithmetic and UUID text, computed, never read from the system: the clock
 * and the random bytes come from the caller (store/platform), so core stays I/O-free. */
#ifndef FQ_CORE_CIVIL_H
#define FQ_CORE_CIVIL_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

#define FQ_DATE_LEN 11      /* "2026-11-21" + NUL */
#define FQ_DATETIME_LEN 21  /* "2026-11-21T15:04:05Z" + NUL */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
int64_t fq_days_from_civil(int64_t year, int32_t month, int32_t day);

/* UTC seconds -> "YYYY-MM-DD" in out (size >= FQ_DATE_LEN). 0 formats as "-". */
void fq_utc_format_date(int64_t utc, char *out, size_t out_len);

/* UTC seconds -> "YYYY-MM-DDTHH:MM:SSZ" in out (size >= FQ_DATETIME_LEN). 0 -> "-". */
void fq_utc_format(int64_t utc, char *out, size_t out_len);

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS][Z]" -> UTC seconds. FQ_ERR_INVALID on anything else
 * (including impossible dates such as 2026-02-30). */
fq_err fq_utc_parse(const char *s, int64_t *out);

/* Formats 16 random bytes as a version-4 UUID (sets the version and variant bits) into out
 * (size >= 37). */
void fq_uuid_format(const uint8_t random16[16], char *out, size_t out_len);

/* True when s is a lowercase 8-4-4-4-12 hex UUID. */
int fq_uuid_valid(const char *s);

#endif
