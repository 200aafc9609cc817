/* Marks for the device's message catalogs (text domain "fieldqc", device/i18n): core keeps
 * English keys and names, and the words it builds for a person go through a catalog lookup.
 *   FQ_N_(s)   a name in a table: extracted, returned as is; the screens (and the office's
 *              pages, office/lang.h, per request) translate it.
 *   FQ_TR(s)   a sentence core formats (a light's reason, a refusal): looked up at once.
 * FQ_TR is a pure lookup in libc (dgettext); it translates only in a program that bound the
 * domain and chose a language (the device app). The office never does (its server answers
 * two languages at once), so the sentences core formats stay English there, and nothing
 * core writes into a record is translated.
 * Tests run in the C locale: English. */
#ifndef FQ_CORE_TR_H
#define FQ_CORE_TR_H

#include <libintl.h>

#define FQ_N_(s) (s)
#define FQ_TR(s) dgettext("fieldqc", s)
/* English for a record, the catalog's for the screen: one sentence serving both */
#define FQ_TR_IF(drawn, s) ((drawn) ? FQ_TR(s) : (s))
#define FQ_TRN(one, many, n) dngettext("fieldqc", one, many, (unsigned long)(n))

#endif
