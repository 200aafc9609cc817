/* The table of fieldqc-office commands; main.c dispatches on it. */
#include "office/commands.h"
#ifdef FQ_HAVE_SERVE
#include "office/portal/portal.h"
#include "office/serve/serve.h"
#endif
#ifdef FQ_HAVE_PUSH
#include "office/push/push.h"
#endif

#include <stddef.h>

const fq_office_cmd fq_office_commands[] = {
    {"demo", "--db FILE [--data DIR] [--device ID] [--inspector NAME]",
     "create a database with the demo orders, visits and checklists", fq_office_cmd_demo},
    {"aql", "--lot N --level I|II|III|S-1..S-4 --aql A [--mode normal|tightened|reduced] [--tsv]",
     "print the ISO 2859-1 single sampling plan (sample size, Ac, Re) for a lot",
     fq_office_cmd_aql},
    {"import", "[--db FILE] [--device ID] BUNDLE...",
     "verify device bundles and apply them once (idempotent)", fq_office_cmd_import},
    {"sync", "[--db FILE] [--device ID] DIR",
     "round trip with an enrolled device's sync folder: pull outbox/, import, write receipt + "
     "job pack",
     fq_office_cmd_sync},
    {"enrol", "[--db FILE] [--device ID] [--fingerprint FP] [--replace] DIR",
     "trust the key of the tablet whose sync folder is DIR (compare its fingerprint first)",
     fq_office_cmd_enrol},
    {"devices", "[--db FILE]", "the office key and the enrolled devices (key, since, revoked)",
     fq_office_cmd_devices},
    {"revoke", "[--db FILE] --device ID", "refuse a device's bundles from now on (lost tablet)",
     fq_office_cmd_revoke},
    {"key", "[--db FILE] [--new]",
     "the office key's fingerprint (tablets show it); --new replaces the key", fq_office_cmd_key},
    {"jobs",
     "[--db FILE] --orders CSV --visits CSV [--milestones CSV] [--checklists DIR|TSV]\n"
     "           [--measurements CSV]",
     "load orders, milestones, visits, checklists and measurement specs from spreadsheets (CSV)",
     fq_office_cmd_jobs},
    {"conflicts", "[--db FILE] [--show open|all] [--resolve ID --keep held|incoming]",
     "list the device changes kept as conflicts or refused, and resolve one",
     fq_office_cmd_conflicts},
    {"report", "[--db FILE] --out DIR [--lang en|zh_CN] [VISIT...]",
     "static HTML reports per visit and an index of all orders (English or Chinese)",
     fq_office_cmd_report},
    {"export", "[--db FILE] --csv DIR",
     "findings, defects, counts, cartons, measurements, on-site tests, issues as CSV",
     fq_office_cmd_export},
#ifdef FQ_HAVE_SERVE
    {"serve",
     "--db DB --listen ADDR:PORT [--tls-cert F --tls-key F] [--photos DIR] "
     "[--max-body BYTES] [--timeout S] [--pool N] [--max-conn N]",
     "the office server: HTTP(S) API for bundles, records, photos, CSV (a sqlite file or "
     "postgresql://USER@HOST/DB)",
     fq_office_cmd_serve},
    {"token", "[--db DB] [--new NAME [--role laptop|read]] [--revoke ID]",
     "the server's API tokens: make one (shown once), list, revoke", fq_office_cmd_token},
    {"user",
     "[--db DB] add NAME --role coordinator|buyer|inspector [--company C] "
     "[--display D] | reset NAME | disable NAME | enable NAME | list",
     "the web portal's accounts (password from standard input, stored as argon2id)",
     fq_office_cmd_user},
#endif
#ifdef FQ_HAVE_PUSH
    {"push", "[--db FILE] [--server URL] [--token T] [--cacert F] [--tries N]",
     "forward every imported bundle to the server, bring back its receipts and job packs",
     fq_office_cmd_push},
#endif
    {NULL, NULL, NULL, NULL},
};
