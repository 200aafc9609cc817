/* fq_office_pg: the office store on PostgreSQL (issue 13), through libpq; the only module
 * that includes libpq-fe.h. It provides the backend table of office/ostore_backend.h: every
 * call behaves as the sqlite backend's (lib/store), its SQL generated from the column maps
 * of core/model_fields.h, its decisions made by core (ownership.h, model_fields.h, lights.h).
 *
 * Connections: a libpq URL ("postgresql://USER@HOST/DB", "postgresql:///DB?host=/run/dir").
 * The schema is created on first open (one advisory lock keeps concurrent first opens
 * apart); writers are serialized by a transaction advisory lock, like sqlite's one writer. */
#ifndef FQ_OFFICE_PG_PG_H
#define FQ_OFFICE_PG_PG_H

#include <stddef.h>

#include "core/err.h"
#include "office/ostore_backend.h"

/* The PostgreSQL backend's table (static). */
const fq_ostore_backend *fq_pg_backend(void);

/* Creates the database `name` (1-63 of [a-z0-9_]) on the server of server_url (a role that
 * may create databases), dropping an existing one first when drop_first; its URL (the
 * server URL with that database) into out. For tests, benches and setup scripts. The reason
 * of a failure into err. */
fq_err fq_pg_create_database(const char *server_url, const char *name, int drop_first,
                             char *out, size_t out_len, char *err, size_t err_len);

#endif
