/* The languages fieldqc speaks (langs.h): a fixed table. */
#include "core/langs.h"

#include <string.h>

static const char *const CODES[] = {"en", "zh_CN"};
static const char *const OWN_NAMES[] = {"English", "\xE4\xB8\xAD\xE6\x96\x87"}; /* 中文 */
#define N_LANGS (sizeof CODES / sizeof CODES[0])

const char *const *fq_lang_codes(size_t *n_out)
{
    *n_out = N_LANGS;
    return CODES;
}

const char *fq_lang_known(const char *s)
{
    for (size_t i = 0; s && i < N_LANGS; i++)
        if (!strcmp(s, CODES[i]))
            return CODES[i];
    return NULL;
}

const char *fq_lang_own_name(const char *code)
{
    for (size_t i = 0; code && i < N_LANGS; i++)
        if (!strcmp(code, CODES[i]))
            return OWN_NAMES[i];
    return OWN_NAMES[0];
}
