/* Private to office/pg: the connection handle and the helpers its files share. */
#ifndef FQ_OFFICE_PG_PG_INTERNAL_H
#define FQ_OFFICE_PG_PG_INTERNAL_H

#include <libpq-fe.h>
#include <stdint.h>

#include "core/model_fields.h"
#include "core/ownership.h"
#include "office/pg/pg.h"
#include "store/store.h"

#define FQ_PG_MAX_STMTS 256
#define FQ_PG_SQL_LEN 16384

typedef struct fq_pg_stmt {
    uint64_t hash;       /* of the SQL text */
    char name[16];       /* the prepared statement's name on this connection */
} fq_pg_stmt;

typedef struct fq_pg {
    PGconn *conn;
    char errmsg[512];
    char device_id[FQ_ID_LEN];
    char inspector[FQ_ID_LEN];
    fq_store_clock_fn clock;
    void *clock_ctx;
    int tx_depth;
    int tx_failed;
    int applying;        /* fieldqc.applying is set to 1 in this transaction */
    fq_pg_stmt stmts[FQ_PG_MAX_STMTS];
    int n_stmts;
} fq_pg;

/* Up to this many parameters per statement, each a text (NULL: SQL NULL). */
#define FQ_PG_MAX_PARAMS 24

/* Records the reason on the handle and returns err. */
fq_err fq_pg_fail(fq_pg *pg, fq_err err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Runs sql (prepared once per connection, by its text) with text parameters; on success
 * *out (may be NULL: the result is cleared) gets the result (PQclear it). A failure sets the
 * reason ("what: server message") and maps the SQLSTATE to fq_err (23xxx: FQ_ERR_CONFLICT). */
fq_err fq_pg_query(fq_pg *pg, const char *what, const char *sql, int n_params,
                   const char *const *params, PGresult **out);

/* Runs one or more statements without parameters or rows. */
fq_err fq_pg_exec(fq_pg *pg, const char *what, const char *sql);

/* The first column of the first row as int64 (0 when no row) of a query. */
fq_err fq_pg_query_i64(fq_pg *pg, const char *what, const char *sql, int n_params,
                       const char *const *params, int64_t *out);

/* Decimal text of v into buf (at least 24 bytes); returns buf. */
const char *fq_pg_i64(int64_t v, char *buf);

/* Value of row r, column c as int64 (0 for NULL or not a number). */
int64_t fq_pg_get_i64(const PGresult *res, int r, int c);

/* Value of row r, column c copied into out (cut to out_len - 1; "" for NULL). */
void fq_pg_get_text(const PGresult *res, int r, int c, char *out, size_t out_len);

/* "col1, col2, ..." of e (meta then fields) with prefix, into buf. */
void fq_pg_columns(const fq_entity *e, const char *prefix, char *buf, size_t buf_len);

/* Reads row r of res from column first_col on (meta then fields, as text) into rec. */
void fq_pg_row_to_record(const fq_entity *e, const PGresult *res, int r, int first_col,
                         void *rec);

/* The values of rec (meta then fields) as texts into bufs[i] (each 24 bytes for numbers;
 * texts point into rec), pointers into vals. */
void fq_pg_record_params(const fq_entity *e, const void *rec, char (*bufs)[24],
                         const char **vals);

/* The schema (pg_schema.c): creates what is missing, under an advisory lock. */
fq_err fq_pg_schema(fq_pg *pg);

/* Transactions (pg.c). */
fq_err fq_pg_begin(void *h);
fq_err fq_pg_commit(void *h);
void fq_pg_rollback(void *h);
int64_t fq_pg_now(void *h);

/* Marks the writes of this transaction as applied from a device (the change log's origin 1)
 * or as the office's own (0). */
fq_err fq_pg_set_applying(fq_pg *pg, int applying);

/* Backend functions of the other files, by name in the table (pg.c builds it). */
fq_err fq_pg_put(void *h, fq_entity_id ent, void *rec);
fq_err fq_pg_get(void *h, fq_entity_id ent, const char *uuid, void *out);
fq_err fq_pg_list(void *h, fq_entity_id ent, const char *filter_col, const char *filter_val,
                  const char *order_col, void **out, size_t *out_n);
fq_err fq_pg_count(void *h, fq_entity_id ent, const char *filter_col, const char *filter_val,
                   int64_t *out_n);
fq_err fq_pg_page(void *h, fq_entity_id ent, const char *filter_col, const char *filter_val,
                  const char *after, size_t limit, void **out, size_t *out_n, int *out_more);
fq_err fq_pg_apply_change(void *h, const fq_store_sender *from, const fq_change *c,
                          int *out_outcome);
fq_err fq_pg_insert_json(fq_pg *pg, const fq_entity *e, const char *json);
fq_err fq_pg_order_light(void *h, const char *order_uuid, fq_light_result *out);
fq_err fq_pg_order_report(void *h, const char *order_uuid, fq_light_report *out);
fq_err fq_pg_defect_totals(void *h, const char *visit_uuid, int64_t out_by_severity[FQ_SEV_COUNT]);
fq_err fq_pg_count_open_visits(void *h, const char *device_id, int64_t *out);
fq_err fq_pg_each_device_work(void *h, const char *device_id, fq_change_fn fn, void *ctx);
fq_err fq_pg_each_flat_row(void *h, const char *name, fq_store_row_fn fn, void *ctx);
fq_err fq_pg_each_conflict(void *h, int include_resolved, fq_store_conflict_fn fn, void *ctx);
fq_err fq_pg_resolve(void *h, int64_t id, int keep_incoming, int64_t *out_revision);
fq_err fq_pg_setting_get(void *h, const char *key, char *out, size_t out_len);
fq_err fq_pg_setting_set(void *h, const char *key, const char *value);
fq_err fq_pg_setting_init(void *h, const char *key, const char *value, char *out,
                          size_t out_len);
fq_err fq_pg_find_import(void *h, const char *bundle_id, fq_store_import *out);
fq_err fq_pg_add_import(void *h, const fq_store_import *x);
fq_err fq_pg_each_range(void *h, const char *device_id, fq_store_range_fn fn, void *ctx);
fq_err fq_pg_each_signed_range(void *h, const char *device_id, const char *signer_key,
                               fq_store_range_fn fn, void *ctx);
fq_err fq_pg_add_import_signer(void *h, const char *bundle_id, const char *signer_key);
fq_err fq_pg_add_photo(void *h, const char *sha256, const char *device_id, int64_t bytes,
                       const char *bundle_id);
fq_err fq_pg_receipt_acked(void *h, const char *device_id, const char *signer_key,
                           int64_t *out_n);
fq_err fq_pg_each_unconfirmed_photo(void *h, const char *device_id, int64_t acked_n,
                                    fq_store_hash_fn fn, void *ctx);
fq_err fq_pg_add_receipt(void *h, const char *bundle_id, const char *device_id,
                         int64_t issued_utc);
fq_err fq_pg_ack_receipt(void *h, const char *device_id, const char *signer_key,
                         const char *receipt_id, int64_t at_utc);
fq_err fq_pg_enrol(void *h, const char *device_id, const char *public_key, int64_t at_utc);
fq_err fq_pg_revoke(void *h, const char *device_id, int64_t at_utc);
fq_err fq_pg_enrolment(void *h, const char *device_id, fq_store_enrolment *out);
fq_err fq_pg_each_enrolment(void *h, fq_store_enrolment_fn fn, void *ctx);
fq_err fq_pg_token_add(void *h, const fq_store_token *t);
fq_err fq_pg_token_get(void *h, const char *id, fq_store_token *out);
fq_err fq_pg_token_revoke(void *h, const char *id, int64_t at_utc);
fq_err fq_pg_each_token(void *h, fq_store_token_fn fn, void *ctx);
fq_err fq_pg_outbound_add(void *h, const fq_store_outbound *x);
fq_err fq_pg_each_outbound(void *h, fq_store_outbound_fn fn, void *ctx);
fq_err fq_pg_outbound_done(void *h, const char *bundle_id, const char *server, int64_t at_utc);
fq_err fq_pg_outbound_has(void *h, const char *bundle_id, int *out_queued);
fq_err fq_pg_count_rows(void *h, const char *table, int64_t *out_n);
/* pg_portal.c (issue 14) */
fq_err fq_pg_order_summaries(void *h, const char *const *order_uuids, size_t n, fq_order_summary *out);
fq_err fq_pg_user_put(void *h, const fq_store_user *u);
fq_err fq_pg_user_get(void *h, const char *name, fq_store_user *out);
fq_err fq_pg_each_user(void *h, fq_store_user_fn fn, void *ctx);
fq_err fq_pg_session_add(void *h, const fq_store_session *x);
fq_err fq_pg_session_get(void *h, const char *id_hash, fq_store_session *out);
fq_err fq_pg_sessions_end(void *h, const char *id_hash, const char *user, int64_t before_utc);
fq_err fq_pg_request_add(void *h, const fq_store_approval_request *r);
fq_err fq_pg_request_get(void *h, const char *id, fq_store_approval_request *out);
fq_err fq_pg_each_request(void *h, const char *order_uuid, const char *status, fq_store_request_fn fn, void *ctx);
fq_err fq_pg_request_decide(void *h, const fq_store_approval_request *r);

#endif
