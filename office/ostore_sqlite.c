/* The sqlite backend of the office store: lib/store, as today. Every call forwards to the
 * fq_store function of the same job; the office's own tables are lib/store's office_*.c. */
#include "office/ostore_backend.h"

#include <stdio.h>

static fq_err sq_open(const char *db, void **out_h)
{
    fq_store *st = NULL;
    fq_err e = fq_store_open(db, &st);
    *out_h = st;
    if (e)
        return e;
    if ((e = fq_store_office_init(st)) || (e = fq_store_office_keys_init(st)) ||
        (e = fq_store_office_server_init(st)) || (e = fq_store_office_portal_init(st)))
        return e;
    /* import after import: the commits do not wait for the -wal to be copied back */
    return fq_store_checkpoint_in_background(st);
}

static void sq_close(void *h)
{
    fq_store_close(h);
}

static const char *sq_errmsg(const void *h)
{
    return fq_store_errmsg(h);
}

static void sq_set_clock(void *h, fq_store_clock_fn fn, void *ctx)
{
    fq_store_set_clock(h, fn, ctx);
}

static int64_t sq_now(void *h)
{
    return fq_store_now(h);
}

static fq_err sq_set_actor(void *h, const char *device_id, const char *inspector)
{
    return fq_store_set_actor(h, device_id, inspector);
}

static const char *sq_device_id(const void *h)
{
    return fq_store_device_id((const fq_store *)h);
}

static fq_err sq_begin(void *h)
{
    return fq_store_begin(h);
}

static fq_err sq_commit(void *h)
{
    return fq_store_commit(h);
}

static void sq_rollback(void *h)
{
    fq_store_rollback(h);
}

static fq_err sq_apply_change(void *h, const fq_store_sender *from, const fq_change *c, int *out_outcome)
{
    return fq_store_apply_change(h, from, c, out_outcome);
}

static fq_err sq_put(void *h, fq_entity_id ent, void *rec)
{
    return fq_store_put(h, ent, rec);
}

static fq_err sq_get(void *h, fq_entity_id ent, const char *uuid, void *out)
{
    return fq_store_get(h, ent, uuid, out);
}

static fq_err sq_list(void *h, fq_entity_id ent, const char *filter_col, const char *filter_val, const char *order_col, void **out, size_t *out_n)
{
    return fq_store_list(h, ent, filter_col, filter_val, order_col, out, out_n);
}

static fq_err sq_count(void *h, fq_entity_id ent, const char *filter_col, const char *filter_val, int64_t *out_n)
{
    return fq_store_count(h, ent, filter_col, filter_val, out_n);
}

static fq_err sq_create_visit(void *h, fq_visit *visit)
{
    return fq_store_create_visit(h, visit);
}

static fq_err sq_page(void *h, fq_entity_id ent, const char *filter_col, const char *filter_val, const char *after, size_t limit, void **out, size_t *out_n, int *out_more)
{
    return fq_store_page(h, ent, filter_col, filter_val, after, limit, out, out_n, out_more);
}

static fq_err sq_order_report(void *h, const char *order_uuid, fq_light_report *out)
{
    return fq_store_order_report(h, order_uuid, out);
}

static fq_err sq_order_light(void *h, const char *order_uuid, fq_light_result *out)
{
    return fq_store_order_light(h, order_uuid, out);
}

static fq_err sq_defect_totals(void *h, const char *visit_uuid, int64_t out_by_severity[FQ_SEV_COUNT])
{
    return fq_store_defect_totals(h, visit_uuid, out_by_severity);
}

static fq_err sq_setting_get(void *h, const char *key, char *out, size_t out_len)
{
    return fq_store_setting_get(h, key, out, out_len);
}

static fq_err sq_setting_set(void *h, const char *key, const char *value)
{
    return fq_store_setting_set(h, key, value);
}

static fq_err sq_setting_init(void *h, const char *key, const char *value, char *out, size_t out_len)
{
    return fq_store_setting_init(h, key, value, out, out_len);
}

static fq_err sq_find_import(void *h, const char *bundle_id, fq_store_import *out)
{
    return fq_store_office_find_import(h, bundle_id, out);
}

static fq_err sq_add_import(void *h, const fq_store_import *x)
{
    return fq_store_office_add_import(h, x);
}

static fq_err sq_each_range(void *h, const char *device_id, fq_store_range_fn fn, void *ctx)
{
    return fq_store_office_each_range(h, device_id, fn, ctx);
}

static fq_err sq_each_signed_range(void *h, const char *device_id, const char *signer_key, fq_store_range_fn fn, void *ctx)
{
    return fq_store_office_each_signed_range(h, device_id, signer_key, fn, ctx);
}

static fq_err sq_add_import_signer(void *h, const char *bundle_id, const char *signer_key)
{
    return fq_store_office_add_import_signer(h, bundle_id, signer_key);
}

static fq_err sq_add_photo(void *h, const char *sha256, const char *device_id, int64_t bytes, const char *bundle_id)
{
    return fq_store_office_add_photo(h, sha256, device_id, bytes, bundle_id);
}

static fq_err sq_receipt_acked(void *h, const char *device_id, const char *signer_key, int64_t *out_n)
{
    return fq_store_office_receipt_acked(h, device_id, signer_key, out_n);
}

static fq_err sq_each_unconfirmed_photo(void *h, const char *device_id, int64_t acked_n, fq_store_hash_fn fn, void *ctx)
{
    return fq_store_office_each_unconfirmed_photo(h, device_id, acked_n, fn, ctx);
}

static fq_err sq_add_receipt(void *h, const char *bundle_id, const char *device_id, int64_t issued_utc)
{
    return fq_store_office_add_receipt(h, bundle_id, device_id, issued_utc);
}

static fq_err sq_ack_receipt(void *h, const char *device_id, const char *signer_key, const char *receipt_id, int64_t at_utc)
{
    return fq_store_office_ack_receipt(h, device_id, signer_key, receipt_id, at_utc);
}

static fq_err sq_enrol(void *h, const char *device_id, const char *public_key, int64_t at_utc)
{
    return fq_store_office_enrol(h, device_id, public_key, at_utc);
}

static fq_err sq_revoke(void *h, const char *device_id, int64_t at_utc)
{
    return fq_store_office_revoke(h, device_id, at_utc);
}

static fq_err sq_enrolment(void *h, const char *device_id, fq_store_enrolment *out)
{
    return fq_store_office_enrolment(h, device_id, out);
}

static fq_err sq_each_enrolment(void *h, fq_store_enrolment_fn fn, void *ctx)
{
    return fq_store_office_each_enrolment(h, fn, ctx);
}

static fq_err sq_each_conflict(void *h, int include_resolved, fq_store_conflict_fn fn, void *ctx)
{
    return fq_store_office_each_conflict(h, include_resolved, fn, ctx);
}

static fq_err sq_resolve(void *h, int64_t id, int keep_incoming, int64_t *out_revision)
{
    return fq_store_office_resolve(h, id, keep_incoming, out_revision);
}

static fq_err sq_count_open_visits(void *h, const char *device_id, int64_t *out)
{
    return fq_store_count_open_visits(h, device_id, out);
}

static fq_err sq_each_device_work(void *h, const char *device_id, fq_change_fn fn, void *ctx)
{
    return fq_store_each_device_work(h, device_id, fn, ctx);
}

static fq_err sq_each_flat_row(void *h, const char *name, fq_store_row_fn fn, void *ctx)
{
    return fq_store_each_flat_row(h, name, fn, ctx);
}

static fq_err sq_token_add(void *h, const fq_ostore_token *t)
{
    return fq_store_office_token_add(h, t);
}

static fq_err sq_token_get(void *h, const char *id, fq_ostore_token *out)
{
    return fq_store_office_token_get(h, id, out);
}

static fq_err sq_token_revoke(void *h, const char *id, int64_t at_utc)
{
    return fq_store_office_token_revoke(h, id, at_utc);
}

static fq_err sq_each_token(void *h, fq_ostore_token_fn fn, void *ctx)
{
    return fq_store_office_each_token(h, fn, ctx);
}

static fq_err sq_outbound_add(void *h, const fq_ostore_outbound *x)
{
    return fq_store_office_outbound_add(h, x);
}

static fq_err sq_each_outbound(void *h, fq_ostore_outbound_fn fn, void *ctx)
{
    return fq_store_office_each_outbound(h, fn, ctx);
}

static fq_err sq_outbound_done(void *h, const char *bundle_id, const char *server, int64_t at_utc)
{
    return fq_store_office_outbound_done(h, bundle_id, server, at_utc);
}

static fq_err sq_outbound_has(void *h, const char *bundle_id, int *out_queued)
{
    return fq_store_office_outbound_has(h, bundle_id, out_queued);
}

static fq_err sq_count_rows(void *h, const char *table, int64_t *out_n)
{
    return fq_store_count_rows(h, table, out_n);
}

static fq_err sq_order_summaries(void *h, const char *const *order_uuids, size_t n, fq_order_summary *out)
{
    return fq_store_order_summaries(h, order_uuids, n, out);
}

static fq_err sq_user_put(void *h, const fq_ostore_user *u)
{
    return fq_store_office_user_put(h, u);
}

static fq_err sq_user_get(void *h, const char *name, fq_ostore_user *out)
{
    return fq_store_office_user_get(h, name, out);
}

static fq_err sq_each_user(void *h, fq_ostore_user_fn fn, void *ctx)
{
    return fq_store_office_each_user(h, fn, ctx);
}

static fq_err sq_session_add(void *h, const fq_ostore_session *x)
{
    return fq_store_office_session_add(h, x);
}

static fq_err sq_session_get(void *h, const char *id_hash, fq_ostore_session *out)
{
    return fq_store_office_session_get(h, id_hash, out);
}

static fq_err sq_sessions_end(void *h, const char *id_hash, const char *user, int64_t before_utc)
{
    return fq_store_office_sessions_end(h, id_hash, user, before_utc);
}

static fq_err sq_request_add(void *h, const fq_ostore_request *r)
{
    return fq_store_office_request_add(h, r);
}

static fq_err sq_request_get(void *h, const char *id, fq_ostore_request *out)
{
    return fq_store_office_request_get(h, id, out);
}

static fq_err sq_each_request(void *h, const char *order_uuid, const char *status, fq_ostore_request_fn fn, void *ctx)
{
    return fq_store_office_each_request(h, order_uuid, status, fn, ctx);
}

static fq_err sq_request_decide(void *h, const fq_ostore_request *r)
{
    return fq_store_office_request_decide(h, r);
}

static const fq_ostore_backend backend = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .errmsg = sq_errmsg,
    .set_clock = sq_set_clock,
    .now = sq_now,
    .set_actor = sq_set_actor,
    .device_id = sq_device_id,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .apply_change = sq_apply_change,
    .put = sq_put,
    .get = sq_get,
    .list = sq_list,
    .count = sq_count,
    .create_visit = sq_create_visit,
    .page = sq_page,
    .order_light = sq_order_light,
    .order_report = sq_order_report,
    .defect_totals = sq_defect_totals,
    .setting_get = sq_setting_get,
    .setting_set = sq_setting_set,
    .setting_init = sq_setting_init,
    .find_import = sq_find_import,
    .add_import = sq_add_import,
    .each_range = sq_each_range,
    .each_signed_range = sq_each_signed_range,
    .add_import_signer = sq_add_import_signer,
    .add_photo = sq_add_photo,
    .receipt_acked = sq_receipt_acked,
    .each_unconfirmed_photo = sq_each_unconfirmed_photo,
    .add_receipt = sq_add_receipt,
    .ack_receipt = sq_ack_receipt,
    .enrol = sq_enrol,
    .revoke = sq_revoke,
    .enrolment = sq_enrolment,
    .each_enrolment = sq_each_enrolment,
    .each_conflict = sq_each_conflict,
    .resolve = sq_resolve,
    .count_open_visits = sq_count_open_visits,
    .each_device_work = sq_each_device_work,
    .each_flat_row = sq_each_flat_row,
    .token_add = sq_token_add,
    .token_get = sq_token_get,
    .token_revoke = sq_token_revoke,
    .each_token = sq_each_token,
    .outbound_add = sq_outbound_add,
    .each_outbound = sq_each_outbound,
    .outbound_done = sq_outbound_done,
    .outbound_has = sq_outbound_has,
    .count_rows = sq_count_rows,
    .order_summaries = sq_order_summaries,
    .user_put = sq_user_put,
    .user_get = sq_user_get,
    .each_user = sq_each_user,
    .session_add = sq_session_add,
    .session_get = sq_session_get,
    .sessions_end = sq_sessions_end,
    .request_add = sq_request_add,
    .request_get = sq_request_get,
    .each_request = sq_each_request,
    .request_decide = sq_request_decide,
};

const fq_ostore_backend *fq_ostore_sqlite_backend(void)
{
    return &backend;
}
