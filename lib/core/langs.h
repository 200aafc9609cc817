/* The languages fieldqc speaks (issue 16): the device draws its screens in them and the
 * office writes its portal and reports in them. Codes as gettext names the catalogs
 * ("en", "zh_CN"), each language's name in its own words for the choice ("English",
 * "中文"). English first: the default. */
#ifndef FQ_CORE_LANGS_H
#define FQ_CORE_LANGS_H

#include <stddef.h>

/* The codes, in the order a choice lists them; *n_out gets the count. Never NULL. */
const char *const *fq_lang_codes(size_t *n_out);

/* The language's name in its own words; "English" for an unknown code or NULL. */
const char *fq_lang_own_name(const char *code);

/* The offered code equal to s (exact, case and all), else NULL: a hostile or unknown
 * string is none. s may be NULL. */
const char *fq_lang_known(const char *s);

#endif
