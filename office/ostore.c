/* fq_ostore: picks the backend by the --db value and forwards each call to it. A URL
 * (postgresql://...) is PostgreSQL (office/pg, when this build has libpq), anything else a
 * sqlite file (lib/store). */
#include "office/ostore.h"

#include <stdlib.h>
#include <string.h>

#include "office/ostore_backend.h"
#ifdef FQ_HAVE_PG
#include "office/pg/pg.h"
#endif

struct fq_ostore {
    const fq_ostore_backend *be;
    void *h;
};

int fq_ostore_is_url(const char *db)
{
    return db && (!strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11));
}

fq_err fq_ostore_open(const char *db, fq_ostore **out)
{
    fq_ostore *s = calloc(1, sizeof *s);
    if (!s)
        return FQ_ERR_NOMEM;
    *out = s;
    if (fq_ostore_is_url(db)) {
#ifdef FQ_HAVE_PG
        s->be = fq_pg_backend();
#else
        return FQ_ERR_INVALID; /* errmsg says why (no backend) */
#endif
    } else {
        s->be = fq_ostore_sqlite_backend();
    }
    return s->be->open(db, &s->h);
}

void fq_ostore_close(fq_ostore *s)
{
    if (!s)
        return;
    if (s->be)
        s->be->close(s->h);
    free(s);
}

const char *fq_ostore_errmsg(const fq_ostore *s)
{
    if (!s)
        return "out of memory";
    if (!s->be)
        return "this fieldqc-office was built without PostgreSQL (libpq): use a database file";
    return s->h ? s->be->errmsg(s->h) : "out of memory";
}

const char *fq_ostore_backend_name(const fq_ostore *s)
{
    return s->be ? s->be->name : "none";
}

const char *const *fq_ostore_flat_tables(void)
{
    /* lib/store's list: a table added there is exported on both backends (office/pg has
     * every one of them, or the export fails naming it) */
    return fq_store_flat_tables();
}

void fq_ostore_set_clock(fq_ostore *s, fq_store_clock_fn fn, void *ctx)
{
    s->be->set_clock(s->h, fn, ctx);
}

int64_t fq_ostore_now(fq_ostore *s)
{
    return s->be->now(s->h);
}

fq_err fq_ostore_set_actor(fq_ostore *s, const char *device_id, const char *inspector)
{
    return s->be->set_actor(s->h, device_id, inspector);
}

const char *fq_ostore_device_id(const fq_ostore *s)
{
    return s->be->device_id(s->h);
}

fq_err fq_ostore_begin(fq_ostore *s)
{
    return s->be->begin(s->h);
}

fq_err fq_ostore_commit(fq_ostore *s)
{
    return s->be->commit(s->h);
}

void fq_ostore_rollback(fq_ostore *s)
{
    s->be->rollback(s->h);
}

fq_err fq_ostore_apply_change(fq_ostore *s, const fq_store_sender *from, const fq_change *c, int *out_outcome)
{
    return s->be->apply_change(s->h, from, c, out_outcome);
}

fq_err fq_ostore_put(fq_ostore *s, fq_entity_id ent, void *rec)
{
    return s->be->put(s->h, ent, rec);
}

fq_err fq_ostore_get(fq_ostore *s, fq_entity_id ent, const char *uuid, void *out)
{
    return s->be->get(s->h, ent, uuid, out);
}

fq_err fq_ostore_list(fq_ostore *s, fq_entity_id ent, const char *filter_col, const char *filter_val, const char *order_col, void **out, size_t *out_n)
{
    return s->be->list(s->h, ent, filter_col, filter_val, order_col, out, out_n);
}

fq_err fq_ostore_count(fq_ostore *s, fq_entity_id ent, const char *filter_col, const char *filter_val, int64_t *out_n)
{
    return s->be->count(s->h, ent, filter_col, filter_val, out_n);
}

fq_err fq_ostore_create_visit(fq_ostore *s, fq_visit *visit)
{
    if (!s->be->create_visit)
        return fq_ostore_generic_create_visit(s, visit);
    return s->be->create_visit(s->h, visit);
}

fq_err fq_ostore_page(fq_ostore *s, fq_entity_id ent, const char *filter_col, const char *filter_val, const char *after, size_t limit, void **out, size_t *out_n, int *out_more)
{
    return s->be->page(s->h, ent, filter_col, filter_val, after, limit, out, out_n, out_more);
}

fq_err fq_ostore_order_light(fq_ostore *s, const char *order_uuid, fq_light_result *out)
{
    return s->be->order_light(s->h, order_uuid, out);
}

fq_err fq_ostore_order_report(fq_ostore *s, const char *order_uuid, fq_light_report *out)
{
    return s->be->order_report(s->h, order_uuid, out);
}

fq_err fq_ostore_defect_totals(fq_ostore *s, const char *visit_uuid, int64_t out_by_severity[FQ_SEV_COUNT])
{
    return s->be->defect_totals(s->h, visit_uuid, out_by_severity);
}

fq_err fq_ostore_setting_get(fq_ostore *s, const char *key, char *out, size_t out_len)
{
    return s->be->setting_get(s->h, key, out, out_len);
}

fq_err fq_ostore_setting_set(fq_ostore *s, const char *key, const char *value)
{
    return s->be->setting_set(s->h, key, value);
}

fq_err fq_ostore_setting_init(fq_ostore *s, const char *key, const char *value, char *out, size_t out_len)
{
    return s->be->setting_init(s->h, key, value, out, out_len);
}

fq_err fq_ostore_find_import(fq_ostore *s, const char *bundle_id, fq_store_import *out)
{
    return s->be->find_import(s->h, bundle_id, out);
}

fq_err fq_ostore_add_import(fq_ostore *s, const fq_store_import *x)
{
    return s->be->add_import(s->h, x);
}

fq_err fq_ostore_each_range(fq_ostore *s, const char *device_id, fq_store_range_fn fn, void *ctx)
{
    return s->be->each_range(s->h, device_id, fn, ctx);
}

fq_err fq_ostore_each_signed_range(fq_ostore *s, const char *device_id, const char *signer_key, fq_store_range_fn fn, void *ctx)
{
    return s->be->each_signed_range(s->h, device_id, signer_key, fn, ctx);
}

fq_err fq_ostore_add_import_signer(fq_ostore *s, const char *bundle_id, const char *signer_key)
{
    return s->be->add_import_signer(s->h, bundle_id, signer_key);
}

fq_err fq_ostore_add_photo(fq_ostore *s, const char *sha256, const char *device_id, int64_t bytes, const char *bundle_id)
{
    return s->be->add_photo(s->h, sha256, device_id, bytes, bundle_id);
}

fq_err fq_ostore_receipt_acked(fq_ostore *s, const char *device_id, const char *signer_key, int64_t *out_n)
{
    return s->be->receipt_acked(s->h, device_id, signer_key, out_n);
}

fq_err fq_ostore_each_unconfirmed_photo(fq_ostore *s, const char *device_id, int64_t acked_n, fq_store_hash_fn fn, void *ctx)
{
    return s->be->each_unconfirmed_photo(s->h, device_id, acked_n, fn, ctx);
}

fq_err fq_ostore_add_receipt(fq_ostore *s, const char *bundle_id, const char *device_id, int64_t issued_utc)
{
    return s->be->add_receipt(s->h, bundle_id, device_id, issued_utc);
}

fq_err fq_ostore_ack_receipt(fq_ostore *s, const char *device_id, const char *signer_key, const char *receipt_id, int64_t at_utc)
{
    return s->be->ack_receipt(s->h, device_id, signer_key, receipt_id, at_utc);
}

fq_err fq_ostore_enrol(fq_ostore *s, const char *device_id, const char *public_key, int64_t at_utc)
{
    return s->be->enrol(s->h, device_id, public_key, at_utc);
}

fq_err fq_ostore_revoke(fq_ostore *s, const char *device_id, int64_t at_utc)
{
    return s->be->revoke(s->h, device_id, at_utc);
}

fq_err fq_ostore_enrolment(fq_ostore *s, const char *device_id, fq_store_enrolment *out)
{
    return s->be->enrolment(s->h, device_id, out);
}

fq_err fq_ostore_each_enrolment(fq_ostore *s, fq_store_enrolment_fn fn, void *ctx)
{
    return s->be->each_enrolment(s->h, fn, ctx);
}

fq_err fq_ostore_each_conflict(fq_ostore *s, int include_resolved, fq_store_conflict_fn fn, void *ctx)
{
    return s->be->each_conflict(s->h, include_resolved, fn, ctx);
}

fq_err fq_ostore_resolve(fq_ostore *s, int64_t id, int keep_incoming, int64_t *out_revision)
{
    return s->be->resolve(s->h, id, keep_incoming, out_revision);
}

fq_err fq_ostore_count_open_visits(fq_ostore *s, const char *device_id, int64_t *out)
{
    return s->be->count_open_visits(s->h, device_id, out);
}

fq_err fq_ostore_each_device_work(fq_ostore *s, const char *device_id, fq_change_fn fn, void *ctx)
{
    return s->be->each_device_work(s->h, device_id, fn, ctx);
}

fq_err fq_ostore_each_flat_row(fq_ostore *s, const char *name, fq_store_row_fn fn, void *ctx)
{
    return s->be->each_flat_row(s->h, name, fn, ctx);
}

fq_err fq_ostore_token_add(fq_ostore *s, const fq_ostore_token *t)
{
    return s->be->token_add(s->h, t);
}

fq_err fq_ostore_token_get(fq_ostore *s, const char *id, fq_ostore_token *out)
{
    return s->be->token_get(s->h, id, out);
}

fq_err fq_ostore_token_revoke(fq_ostore *s, const char *id, int64_t at_utc)
{
    return s->be->token_revoke(s->h, id, at_utc);
}

fq_err fq_ostore_each_token(fq_ostore *s, fq_ostore_token_fn fn, void *ctx)
{
    return s->be->each_token(s->h, fn, ctx);
}

fq_err fq_ostore_outbound_add(fq_ostore *s, const fq_ostore_outbound *x)
{
    return s->be->outbound_add(s->h, x);
}

fq_err fq_ostore_each_outbound(fq_ostore *s, fq_ostore_outbound_fn fn, void *ctx)
{
    return s->be->each_outbound(s->h, fn, ctx);
}

fq_err fq_ostore_outbound_done(fq_ostore *s, const char *bundle_id, const char *server, int64_t at_utc)
{
    return s->be->outbound_done(s->h, bundle_id, server, at_utc);
}

fq_err fq_ostore_outbound_has(fq_ostore *s, const char *bundle_id, int *out_queued)
{
    return s->be->outbound_has(s->h, bundle_id, out_queued);
}

fq_err fq_ostore_count_rows(fq_ostore *s, const char *table, int64_t *out_n)
{
    return s->be->count_rows(s->h, table, out_n);
}

fq_err fq_ostore_order_summaries(fq_ostore *s, const char *const *order_uuids, size_t n, fq_order_summary *out)
{
    return s->be->order_summaries(s->h, order_uuids, n, out);
}

fq_err fq_ostore_user_put(fq_ostore *s, const fq_ostore_user *u)
{
    return s->be->user_put(s->h, u);
}

fq_err fq_ostore_user_get(fq_ostore *s, const char *name, fq_ostore_user *out)
{
    return s->be->user_get(s->h, name, out);
}

fq_err fq_ostore_each_user(fq_ostore *s, fq_ostore_user_fn fn, void *ctx)
{
    return s->be->each_user(s->h, fn, ctx);
}

fq_err fq_ostore_session_add(fq_ostore *s, const fq_ostore_session *x)
{
    return s->be->session_add(s->h, x);
}

fq_err fq_ostore_session_get(fq_ostore *s, const char *id_hash, fq_ostore_session *out)
{
    return s->be->session_get(s->h, id_hash, out);
}

fq_err fq_ostore_sessions_end(fq_ostore *s, const char *id_hash, const char *user, int64_t before_utc)
{
    return s->be->sessions_end(s->h, id_hash, user, before_utc);
}

fq_err fq_ostore_request_add(fq_ostore *s, const fq_ostore_request *r)
{
    return s->be->request_add(s->h, r);
}

fq_err fq_ostore_request_get(fq_ostore *s, const char *id, fq_ostore_request *out)
{
    return s->be->request_get(s->h, id, out);
}

fq_err fq_ostore_each_request(fq_ostore *s, const char *order_uuid, const char *status, fq_ostore_request_fn fn, void *ctx)
{
    return s->be->each_request(s->h, order_uuid, status, fn, ctx);
}

fq_err fq_ostore_request_decide(fq_ostore *s, const fq_ostore_request *r)
{
    return s->be->request_decide(s->h, r);
}
