/* Message catalogs through libc's gettext (i18n.h). The only module that touches the
 * process's message locale and LANGUAGE: gettext reads them on every lookup, so they are
 * global by nature; the UI thread is the only caller. */
#include "i18n/i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/langs.h"

static char current[FQ_I18N_LANG_LEN] = "en";
static bool opened;

const char *fq_i18n_get(const char *msgid)
{
    /* "" would give the catalog's header: a data field left empty stays empty */
    return opened && msgid[0] ? dgettext(FQ_I18N_DOMAIN, msgid) : msgid;
}

const char *fq_i18n_nget(const char *one, const char *many, unsigned long n)
{
    return opened ? dngettext(FQ_I18N_DOMAIN, one, many, n) : (n == 1 ? one : many);
}

bool fq_i18n_open(const char *locale_dir)
{
    const char *env = getenv("FIELDQC_LOCALEDIR");
    const char *dir = env && *env ? env : locale_dir;
    /* LANGUAGE is only honoured when the message locale is not "C"; C.UTF-8 is built into
     * glibc, so no locale package is needed on the Pi */
    if (!setlocale(LC_MESSAGES, "C.UTF-8"))
        return false;
    if (dir && !bindtextdomain(FQ_I18N_DOMAIN, dir))
        return false;
    bind_textdomain_codeset(FQ_I18N_DOMAIN, "UTF-8");
    opened = true;
    return fq_i18n_use(current);
}

const char *const *fq_i18n_languages(size_t *n_out)
{
    return fq_lang_codes(n_out);
}

const char *fq_i18n_language_name(const char *code)
{
    return fq_lang_own_name(code);
}

bool fq_i18n_use(const char *code)
{
    bool known = fq_lang_known(code) != NULL;
    snprintf(current, sizeof current, "%s", known ? code : "en");
    if (opened) {
        setenv("LANGUAGE", current, 1);
        /* a change of the message locale is what tells gettext that its cached lookups are
         * stale (setting the same name again is a no-op, hence the round through "C") */
        setlocale(LC_MESSAGES, "C");
        setlocale(LC_MESSAGES, "C.UTF-8");
    }
    return known;
}

const char *fq_i18n_current(void)
{
    return current;
}

bool fq_i18n_catalog_found(void)
{
    if (!strcmp(current, "en"))
        return true;
    /* the catalog's header entry: present whenever a catalog for the language was loaded */
    const char *hdr = opened ? dgettext(FQ_I18N_DOMAIN, "") : NULL;
    return opened && hdr && *hdr;
}
