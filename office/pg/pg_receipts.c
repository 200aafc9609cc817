/* The office's receipts on PostgreSQL (issue 18): the same tables and queries as lib/store's
 * office_receipts.c (which receipts were written to each device and in which order, the
 * receipt that first named each photo, the newest receipt each device says it applied). */
#include "pg_internal.h"

#include <stdio.h>

fq_err fq_pg_receipt_acked(void *h, const char *device_id, const char *signer_key,
                           int64_t *out_n)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    const char *p[] = {device_id, signer_key};
    return fq_pg_query_i64(pg, "receipt acknowledgements",
                           "SELECT coalesce(max(receipt_n), 0) FROM office_receipt_acks"
                           " WHERE device_id = $1 AND signer_key = $2",
                           2, p, out_n);
}

fq_err fq_pg_each_unconfirmed_photo(void *h, const char *device_id, int64_t acked_n,
                                    fq_store_hash_fn fn, void *ctx)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char b[24];
    const char *p[] = {device_id, fq_pg_i64(acked_n, b)};
    PGresult *res = NULL;
    fq_err err = fq_pg_query(pg, "photo log",
                             "SELECT sha256 FROM office_photo_senders WHERE device_id = $1"
                             " AND (named_in IS NULL OR named_in > $2::bigint) ORDER BY sha256",
                             2, p, &res);
    if (err)
        return err;
    for (int r = 0; r < PQntuples(res); r++)
        if (fn(ctx, PQgetvalue(res, r, 0)))
            break;
    PQclear(res);
    return FQ_OK;
}

fq_err fq_pg_add_receipt(void *h, const char *bundle_id, const char *device_id,
                         int64_t issued_utc)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char b[24];
    const char *p[] = {bundle_id, device_id, fq_pg_i64(issued_utc, b)};
    /* one statement: the receipt's number, and the photos it names first (the caller's
     * transaction holds the writers' lock since it listed them) */
    return fq_pg_query(pg, "receipt log",
                       "WITH r AS (INSERT INTO office_receipts(bundle_id, device_id, issued_utc)"
                       " VALUES ($1, $2, $3::bigint) RETURNING n)"
                       " UPDATE office_photo_senders SET named_in = (SELECT n FROM r)"
                       " WHERE device_id = $2 AND named_in IS NULL",
                       3, p, NULL);
}

fq_err fq_pg_ack_receipt(void *h, const char *device_id, const char *signer_key,
                         const char *receipt_id, int64_t at_utc)
{
    fq_pg *pg = h;
    pg->errmsg[0] = '\0';
    char b[24];
    const char *p[] = {device_id, signer_key, receipt_id, fq_pg_i64(at_utc, b)};
    /* only a receipt written to this device, and only forward */
    return fq_pg_query(pg, "receipt acknowledgement",
                       "INSERT INTO office_receipt_acks(device_id, signer_key, receipt_n,"
                       " acked_utc) SELECT $1, $2, n, $4::bigint FROM office_receipts"
                       " WHERE bundle_id = $3 AND device_id = $1"
                       " ON CONFLICT (device_id, signer_key) DO UPDATE SET"
                       " receipt_n = excluded.receipt_n, acked_utc = excluded.acked_utc"
                       " WHERE office_receipt_acks.receipt_n < excluded.receipt_n",
                       4, p, NULL);
}
