/* fq_i18n: the device's message catalogs (GNU gettext, text domain "fieldqc", .mo files in
 * <prefix>/share/locale/<lang>/LC_MESSAGES/, found relative to the program like the data
 * folder). Marks strings for extraction (_ and N_, as xgettext expects) and picks the
 * language the screens are drawn in: "en" or "zh_CN".
 *
 * The language is process-wide (gettext reads LANGUAGE and LC_MESSAGES): this module is the
 * one place that sets them, from the UI thread, and the screens rebuild after a change.
 * Deliberately not here: numbers and dates (the app keeps its own formats), plural rules
 * beyond ngettext, anything stored: records, bundles and reports keep English keys and the
 * inspector's text as typed; only what is drawn is translated. */
#ifndef FQ_I18N_I18N_H
#define FQ_I18N_I18N_H

#include <stdbool.h>
#include <stddef.h>

#define FQ_I18N_DOMAIN "fieldqc"
#define FQ_I18N_LANG_LEN 16

/* printf formats stay checked through a translation: the compiler checks the arguments
 * against the msgid (and msgfmt -c checks each translation against its msgid). */
#if defined(__GNUC__)
#define FQ_I18N_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#define FQ_I18N_FORMAT_ARG(n)
#endif

/* The translation of msgid in the current language (msgid itself when there is none, or
 * before fq_i18n_open). The result lives until the language changes. msgid not NULL. */
const char *fq_i18n_get(const char *msgid) FQ_I18N_FORMAT_ARG(1);
/* Plural form: one or many by n (ngettext). */
const char *fq_i18n_nget(const char *one, const char *many, unsigned long n)
    FQ_I18N_FORMAT_ARG(1) FQ_I18N_FORMAT_ARG(2);

/* Marks a literal for extraction and translates it where it is used. */
#define _(s) fq_i18n_get(s)
/* Marks a literal for extraction only (tables); translate with _() where it is drawn. */
#define N_(s) (s)

/* Binds the text domain to locale_dir (holding <lang>/LC_MESSAGES/fieldqc.mo; NULL:
 * $FIELDQC_LOCALEDIR, else the system's) and selects the C.UTF-8 message locale so that the
 * language of fq_i18n_use applies. Returns false when the locale cannot be set (no catalogs
 * then: English). */
bool fq_i18n_open(const char *locale_dir);

/* The languages the app offers, in the order Settings lists them: codes and their names in
 * their own language ("English", "中文"). n_out receives the count. Never NULL. */
const char *const *fq_i18n_languages(size_t *n_out);
const char *fq_i18n_language_name(const char *code);

/* Switches the drawn language to `code` ("en", "zh_CN"; "" or unknown: "en"). True when it
 * is one of fq_i18n_languages. Takes effect for the next lookup. */
bool fq_i18n_use(const char *code);
/* The current language code ("en" until fq_i18n_use). Never NULL. */
const char *fq_i18n_current(void);
/* True when the current language's catalog is loaded (a probe lookup is translated) or the
 * language is English. */
bool fq_i18n_catalog_found(void);

#endif
