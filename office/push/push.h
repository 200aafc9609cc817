/* fq_office_push: `fieldqc-office push` (issue 13): a laptop forwards the bundles it imported
 * to the office server over HTTP(S) (libcurl, the only module that includes curl/curl.h),
 * its enrolments first, and brings back the server's receipt and job pack of each device
 * (<base>.relay) for `sync` to hand to the tablets. See push.c for the exactly-once rules. */
#ifndef FQ_OFFICE_PUSH_PUSH_H
#define FQ_OFFICE_PUSH_PUSH_H

/* fieldqc-office push [--db FILE] [--server URL --token T] [--cacert F] [--tries N]: the
 * first run with --server and --token sets this laptop up to forward (kept in its store);
 * later runs take them from there. Returns 0 when everything queued reached the server. */
int fq_office_cmd_push(int argc, char **argv);

#endif
