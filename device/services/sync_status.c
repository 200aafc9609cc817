/* What the Sync screen shows: pending records and photos, the last export and receipt and
 * the recent exports with whether a receipt covers them. Reads only. */
#include "sync_internal.h"

#include <stdio.h>
#include <string.h>

static fq_err recent_exports(fq_app_sync *d, fq_app_sync_state *s)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT bundle_id, file, to_seq, n_records, n_photos, bytes,"
                           " created_utc FROM sync_exports ORDER BY created_utc DESC, rowid DESC"
                           " LIMIT ?", -1, &stmt, NULL) != SQLITE_OK)
        return fq_app_sync_fail(d, FQ_ERR_IO, "exports: %s", sqlite3_errmsg(d->db));
    sqlite3_bind_int(stmt, 1, FQ_APP_SYNC_RECENT_MAX);
    while (sqlite3_step(stmt) == SQLITE_ROW && s->n_recent < FQ_APP_SYNC_RECENT_MAX) {
        fq_app_sync_export_entry *x = &s->recent[s->n_recent++];
        snprintf(x->bundle_id, sizeof x->bundle_id, "%s",
                 (const char *)sqlite3_column_text(stmt, 0));
        snprintf(x->file, sizeof x->file, "%s", (const char *)sqlite3_column_text(stmt, 1));
        x->to_seq = sqlite3_column_int64(stmt, 2);
        x->n_records = sqlite3_column_int64(stmt, 3);
        x->n_photos = sqlite3_column_int64(stmt, 4);
        x->bytes = sqlite3_column_int64(stmt, 5);
        x->created_utc = sqlite3_column_int64(stmt, 6);
        /* covered when the office holds every change up to its end; an export that carried
         * only photos is covered once those photos are acknowledged */
        x->acked = x->to_seq <= s->acked_seq && (x->n_records > 0 || s->pending_photos == 0);
    }
    sqlite3_finalize(stmt);
    return FQ_OK;
}

static fq_err last_receipt(fq_app_sync *d, fq_app_sync_state *s)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT received_utc, office FROM sync_receipts"
                           " ORDER BY received_utc DESC, rowid DESC LIMIT 1", -1, &stmt,
                           NULL) != SQLITE_OK)
        return fq_app_sync_fail(d, FQ_ERR_IO, "receipts: %s", sqlite3_errmsg(d->db));
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        s->last_receipt_utc = sqlite3_column_int64(stmt, 0);
        snprintf(s->last_receipt_office, sizeof s->last_receipt_office, "%s",
                 (const char *)sqlite3_column_text(stmt, 1));
    }
    sqlite3_finalize(stmt);
    return FQ_OK;
}

fq_err fq_app_sync_get_state(fq_app_sync *d, fq_app_sync_state *out)
{
    fq_app_sync_state s;
    memset(&s, 0, sizeof s);
    char count_sql[512];
    snprintf(count_sql, sizeof count_sql, "SELECT count(*) FROM (%s)",
             fq_app_sync_pending_photos_sql);
    fq_err e = fq_app_sync_acked_seq(d, &s.acked_seq);
    if (!e)
        e = fq_app_sync_i64(d, "SELECT count(*) FROM changelog WHERE origin = 0 AND seq > ?",
                                 1, s.acked_seq, &s.pending_records);
    if (!e)
        e = fq_app_sync_i64(d, count_sql, 0, 0, &s.pending_photos);
    if (!e)
        e = fq_app_sync_i64(d, "SELECT coalesce(max(created_utc), 0) FROM sync_exports", 0,
                                 0, &s.last_export_utc);
    if (!e)
        e = last_receipt(d, &s);
    if (!e)
        e = recent_exports(d, &s);
    if (!e)
        *out = s;
    return e;
}
