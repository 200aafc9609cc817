/* fq_office_serve: the office server (issue 13): `fieldqc-office serve`, an HTTP(S) API on
 * libmicrohttpd over the office library, and `fieldqc-office token` for its API tokens. The
 * only module that includes microhttpd.h.
 *
 * API (JSON unless said; errors {"error":{"status":N,"code":"...","message":"..."}}):
 *   GET  /api/v1/health                          no token: {"ok":true,"backend":...}
 *   POST /api/v1/bundles                          a device bundle (body: the .fqb file);
 *        verified and imported exactly like `fieldqc-office import`; the answer holds the
 *        import result, the device's receipt and its job pack (base64). Token role laptop.
 *   GET  /api/v1/<records>?limit=&after=&<col>=  orders, visits, findings, photos (and the
 *        other record tables), in uuid pages: {"items":[...],"next":uuid|null}
 *   GET  /api/v1/photos/<sha256>.jpg              a photo file
 *   GET  /api/v1/export/<table>.csv               the CSV export of one flat table
 *   GET  /api/v1/devices/<id>/receipt | /jobs     the device's receipt / job pack (.fqb)
 *   PUT  /api/v1/devices/<id>/key                 a laptop forwards an enrolment (body: the
 *        64-hex public key); only a device unknown here is enrolled (never a replacement)
 * Authentication: "Authorization: Bearer fqt_<id>_<secret>" (tokens.c: stored as a keyed
 * hash); the bundle content is trusted only by its device signature. */
#ifndef FQ_OFFICE_SERVE_SERVE_H
#define FQ_OFFICE_SERVE_SERVE_H

#include <stddef.h>

/* fieldqc-office serve --db DB --listen ADDR:PORT [--tls-cert F --tls-key F] [--photos DIR]
 * [--max-body BYTES] [--timeout S] [--pool N]; runs until SIGINT/SIGTERM. */
int fq_office_cmd_serve(int argc, char **argv);

/* fieldqc-office token --db DB [--new NAME [--role laptop|read]] [--revoke ID]. */
int fq_office_cmd_token(int argc, char **argv);

/* ---- request parsing, pure (tested and fuzzed on their own) ---- */

typedef enum fq_serve_route_kind {
    FQ_SERVE_NOT_FOUND = 0,
    FQ_SERVE_HEALTH,
    FQ_SERVE_BUNDLES,       /* /api/v1/bundles */
    FQ_SERVE_RECORDS,       /* /api/v1/<table> */
    FQ_SERVE_PHOTO,         /* /api/v1/photos/<sha>.jpg */
    FQ_SERVE_EXPORT,        /* /api/v1/export/<table>.csv */
    FQ_SERVE_RECEIPT,       /* /api/v1/devices/<id>/receipt */
    FQ_SERVE_JOBS,          /* /api/v1/devices/<id>/jobs */
    FQ_SERVE_DEVICE_KEY     /* /api/v1/devices/<id>/key */
} fq_serve_route_kind;

typedef struct fq_serve_route {
    fq_serve_route_kind kind;
    char arg[72];           /* the table, sha256 or device id of the path */
} fq_serve_route;

/* Routes a request path (without query). Every path segment is checked: a table must be a
 * record table (or a flat table for export), a sha256 64 lowercase hex, a device id 1-63 of
 * [A-Za-z0-9._-]; anything else is FQ_SERVE_NOT_FOUND. */
fq_serve_route fq_serve_route_path(const char *path);

/* Splits "Bearer fqt_<16 hex>_<64 hex>" into id and secret; 0 on success, -1 otherwise. */
int fq_serve_parse_bearer(const char *header, char id[17], char secret[65]);

/* Parses a decimal count in [min, max] (no sign, no spaces); 0 on success, -1 otherwise. */
int fq_serve_parse_count(const char *s, long long min, long long max, long long *out);

#endif
