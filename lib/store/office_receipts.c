/* The office's receipts (issue 18): which receipts it wrote to each device and in which order,
 * which receipt first named each photo a device sent, and the newest receipt each device
 * (under its key) says it applied. From these a receipt names only what the device has not
 * confirmed: a photo is named again until the device applies a receipt that carried it.
 * Tables: office_log.c. The policy (what a receipt is) is the office's (office/packs.c). */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

fq_err fq_store_office_receipt_acked(fq_store *st, const char *device_id,
                                     const char *signer_key, int64_t *out_n)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT coalesce(max(receipt_n), 0) FROM"
                                      " office_receipt_acks WHERE device_id = ?"
                                      " AND signer_key = ?", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, signer_key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out_n = sqlite3_column_int64(stmt, 0);
    else
        err = fq_store_sqlite_fail(st, rc, "receipt acknowledgements");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_each_unconfirmed_photo(fq_store *st, const char *device_id,
                                              int64_t acked_n, fq_store_hash_fn fn, void *ctx)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "SELECT sha256 FROM office_photo_senders"
                                      " WHERE device_id = ? AND (named_in IS NULL"
                                      " OR named_in > ?) ORDER BY sha256", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, acked_n);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (fn(ctx, (const char *)sqlite3_column_text(stmt, 0)))
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fq_store_sqlite_fail(st, rc, "photo log");
    sqlite3_finalize(stmt);
    return err;
}

fq_err fq_store_office_add_receipt(fq_store *st, const char *bundle_id, const char *device_id,
                                   int64_t issued_utc)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    fq_err err = fq_store_prepare(st, "INSERT INTO office_receipts(bundle_id, device_id,"
                                      " issued_utc) VALUES (?,?,?)", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, bundle_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, device_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, issued_utc);
    if ((err = fq_store_step_done(st, stmt, "receipt log")))
        return err;
    /* the photos this receipt names for the first time (the caller's transaction holds the
     * write lock since it listed them: no photo arrived in between) */
    err = fq_store_prepare(st, "UPDATE office_photo_senders SET named_in = (SELECT n FROM"
                               " office_receipts WHERE bundle_id = ?1) WHERE device_id = ?2"
                               " AND named_in IS NULL", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, bundle_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, device_id, -1, SQLITE_STATIC);
    return fq_store_step_done(st, stmt, "photo log");
}

fq_err fq_store_office_ack_receipt(fq_store *st, const char *device_id, const char *signer_key,
                                   const char *receipt_id, int64_t at_utc)
{
    fq_store_clear_error(st);
    sqlite3_stmt *stmt = NULL;
    /* only a receipt written to this device counts, and only forward: a replayed or late
     * bundle naming an older receipt never moves it back */
    fq_err err = fq_store_prepare(st, "INSERT INTO office_receipt_acks(device_id, signer_key,"
                                      " receipt_n, acked_utc) SELECT ?1, ?2, n, ?4"
                                      " FROM office_receipts WHERE bundle_id = ?3"
                                      " AND device_id = ?1 ON CONFLICT (device_id, signer_key)"
                                      " DO UPDATE SET receipt_n = excluded.receipt_n,"
                                      " acked_utc = excluded.acked_utc"
                                      " WHERE excluded.receipt_n > receipt_n", &stmt);
    if (err)
        return err;
    sqlite3_bind_text(stmt, 1, device_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, signer_key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, receipt_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, at_utc);
    return fq_store_step_done(st, stmt, "receipt acknowledgement");
}
