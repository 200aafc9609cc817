/* For tests only: the raw sqlite handle of a store, to look at or damage the database from
 * outside (integrity checks, fault injection, fixtures). No program module includes this
 * (tests/policy/check_includes.sh refuses it): only the store writes SQL. */
#ifndef FQ_STORE_STORE_TESTING_H
#define FQ_STORE_STORE_TESTING_H

#include "store/store.h"

struct sqlite3;

/* The store's own connection; valid until fq_store_close. */
struct sqlite3 *fq_store_db(fq_store *st);

#endif
