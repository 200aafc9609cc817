/* Marks for the device's message catalogs (text domain "fieldqc", device/i18n): core keeps
 * English keys and names, and the words it builds for a person go through a catalog lookup.
 *   FQ_N_(s)   a name in a table: extracted, returned as is; the screens (and the office's
 *              pages, office/lang.h, per request) translate it.
 *   FQ_TR(s)   a sentence core formats (a light's reason, a refusal): looked up at once.
 * FQ_TR is a pure lookup: in libc's catalog (dgettext), which translates in a program that
 * bound the domain and chose a language (the device app), or in the catalog this thread was
 * given (fq_tr_use): the office's server answers two languages at once on its threads, so
 * each request hands core its own language. Nothing core writes into a record is
 * translated. Tests run in the C locale: English. */
#ifndef FQ_CORE_TR_H
#define FQ_CORE_TR_H

#include <libintl.h>

#define FQ_N_(s) (s)
#if defined(__GNUC__)
#define FQ_TR_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#define FQ_TR_FORMAT_ARG(n)
#endif

/* A catalog a thread hands core (the office: one per language). */
typedef struct fq_tr_catalog {
    const char *(*text)(const void *ctx, const char *msgid);
    const char *(*ntext)(const void *ctx, const char *one, const char *many, unsigned long n);
    const void *ctx;
} fq_tr_catalog;

/* From now on this thread's FQ_TR/FQ_TRN look up in c; NULL: libc's catalog again. c must
 * live while it is used. */
void fq_tr_use(const fq_tr_catalog *c);

const char *fq_tr(const char *msgid) FQ_TR_FORMAT_ARG(1);
const char *fq_trn(const char *one, const char *many, unsigned long n) FQ_TR_FORMAT_ARG(1)
    FQ_TR_FORMAT_ARG(2);

#define FQ_TR(s) fq_tr(s)
/* English for a record, the catalog's for the screen: one sentence serving both */
#define FQ_TR_IF(drawn, s) ((drawn) ? FQ_TR(s) : (s))
#define FQ_TRN(one, many, n) fq_trn(one, many, (unsigned long)(n))

#endif
