/* Core's sentences in libc's catalog, or in the one this thread was given. */
#include "core/tr.h"

#include <libintl.h>

/* per thread: the server's threads answer different languages at the same time */
static _Thread_local const fq_tr_catalog *current;

void fq_tr_use(const fq_tr_catalog *c)
{
    current = c;
}

const char *fq_tr(const char *msgid)
{
    if (current)
        return current->text(current->ctx, msgid);
    return dgettext("fieldqc", msgid);
}

const char *fq_trn(const char *one, const char *many, unsigned long n)
{
    if (current)
        return current->ntext(current->ctx, one, many, n);
    return dngettext("fieldqc", one, many, n);
}
