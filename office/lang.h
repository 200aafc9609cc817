/* fq_office_lang: the office's languages (issue 16): English (the default) and Simplified
 * Chinese for the portal and the visit report. One fq_office_lang holds one language's
 * compiled catalogs (GNU .mo files), read at start and never changed, so any number of
 * threads look words up in it at once; each request or report carries its own pointer.
 *
 * Deliberately not gettext's dgettext: gettext takes the language from the process
 * (LANGUAGE) or from a per-thread locale that must exist on the machine (zh_CN.UTF-8 from
 * the locales package, which a server may lack); the server answers two languages at the
 * same time on different threads, so the lookup takes the language as a parameter.
 *
 * Two text domains are read per language, in this order:
 *   fieldqc-office  the portal's and the report's own words (po/office/)
 *   fieldqc         the device's catalog (po/): the names core marks (defects, verdicts,
 *                   visit types, severities, AQL terms, checkpoints), so a defect is named
 *                   the same on the tablet and in the report.
 * Not here: dates and numbers (ISO dates in both languages), anything stored. */
#ifndef FQ_OFFICE_LANG_H
#define FQ_OFFICE_LANG_H

#include <stddef.h>

#include "core/err.h"
#include "core/tr.h"

typedef struct fq_office_lang fq_office_lang;

#define FQ_OFFICE_LANG_DOMAIN "fieldqc-office"

/* printf formats stay checked through a translation (as device/i18n does) */
#if defined(__GNUC__)
#define FQ_OFFICE_LANG_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#define FQ_OFFICE_LANG_FORMAT_ARG(n)
#endif

/* Marks a literal for po/office/extract.sh and translates it into language l (NULL:
 * English). */
#define L_(l, s) fq_office_lang_text((l), (s))
/* Marks a literal for extraction only (tables); translate with fq_office_lang_text. */
#define LN_(s) (s)

/* Loads language code ("en", "zh_CN") from locale_dir/<code>/LC_MESSAGES/{fieldqc-office,
 * fieldqc}.mo (locale_dir NULL: $FIELDQC_LOCALEDIR, else the share/locale beside the data
 * folder). A missing catalog (or data folder) is no error (its words stay English;
 * fq_office_lang_complete says so); a damaged one is FQ_ERR_CORRUPT, an unknown code
 * FQ_ERR_INVALID, FQ_ERR_NOMEM.
 * *out is freed with fq_office_lang_free. */
fq_err fq_office_lang_load(const char *code, const char *locale_dir, fq_office_lang **out);

/* Frees; NULL allowed. */
void fq_office_lang_free(fq_office_lang *l);

/* The translation of msgid in l: the office's catalog, then the device's, else msgid itself
 * ("" stays ""). l NULL: msgid. The result lives as long as l. msgid not NULL. */
const char *fq_office_lang_text(const fq_office_lang *l, const char *msgid)
    FQ_OFFICE_LANG_FORMAT_ARG(2);

/* Plural: one or many chosen by n as the language's catalog says (Chinese has one form). */
const char *fq_office_lang_ntext(const fq_office_lang *l, const char *one, const char *many,
                                 unsigned long n) FQ_OFFICE_LANG_FORMAT_ARG(2)
    FQ_OFFICE_LANG_FORMAT_ARG(3);

/* l as the catalog of core's sentences (a light's reasons), for fq_tr_use on the thread
 * that renders in l; NULL l: NULL (libc's catalog, English in the office). */
const fq_tr_catalog *fq_office_lang_core(const fq_office_lang *l);

/* The language's code ("en", "zh_CN"); NULL l: "en". */
const char *fq_office_lang_code(const fq_office_lang *l);

/* Its BCP 47 tag for <html lang> ("en", "zh-CN"); NULL l: "en". */
const char *fq_office_lang_tag(const fq_office_lang *l);

/* 1 when both of the language's catalogs were found (English needs none). */
int fq_office_lang_complete(const fq_office_lang *l);

/* The languages offered, their names and which codes are known: core/langs.h. */

/* The language an Accept-Language header asks for first among those offered ("zh",
 * "zh-CN", "zh-Hans"... are zh_CN; anything else, a NULL or malformed header: "en"). */
const char *fq_office_lang_from_accept(const char *accept_language);

#endif
