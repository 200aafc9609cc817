/* fieldqc-office user: the portal's accounts (issue 14).
 *   user [--db DB] add NAME --role coordinator|buyer|inspector [--company C] [--display D]
 *   user [--db DB] reset NAME        a new password; every session of the account ends
 *   user [--db DB] disable NAME      it can no longer log in; its sessions end
 *   user [--db DB] enable NAME
 *   user [--db DB] list
 * A buyer's --company is the buyer exactly as orders name it (orders.buyer): the orders the
 * account sees. An inspector's is their name as on visits (visits.inspector_name). The
 * password comes from standard input: asked twice without echo on a terminal, else its first
 * line (scripts: `printf '%s\n' "$PW" | fieldqc-office user add ...`). At least 10
 * characters; stored as an argon2id hash only. */
#include "portal_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/civil.h"
#include "office/commands.h"

#define MIN_PASSWORD 10
#define MAX_PASSWORD 200

static int read_line(const char *prompt, char *out, size_t out_len)
{
    int tty = isatty(0);
    struct termios old, quiet;
    if (tty) {
        fputs(prompt, stderr);
        tcgetattr(0, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(0, TCSAFLUSH, &quiet);
    }
    char *got = fgets(out, (int)out_len, stdin);
    if (tty) {
        tcsetattr(0, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!got)
        return -1;
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

/* The new password into out (asked twice on a terminal); -1 with the reason printed. */
static int new_password(const char *name, char *out, size_t out_len)
{
    char prompt[128], again[MAX_PASSWORD + 2];
    snprintf(prompt, sizeof prompt, "New password for %s: ", name);
    if (read_line(prompt, out, out_len)) {
        fprintf(stderr, "fieldqc-office user: no password given on standard input\n");
        return -1;
    }
    size_t n = strlen(out);
    if (n < MIN_PASSWORD || n > MAX_PASSWORD) {
        fprintf(stderr, "fieldqc-office user: a password has %d to %d characters\n",
                MIN_PASSWORD, MAX_PASSWORD);
        return -1;
    }
    if (isatty(0)) {
        int same = read_line("Again: ", again, sizeof again) == 0 && !strcmp(again, out);
        sodium_memzero(again, sizeof again);
        if (!same) {
            fprintf(stderr, "fieldqc-office user: the two passwords differ\n");
            return -1;
        }
    }
    return 0;
}

static int list_user(void *ctx, const fq_ostore_user *u)
{
    (void)ctx;
    char since[FQ_DATETIME_LEN];
    fq_utc_format(u->created_utc, since, sizeof since);
    printf("%-24s %-12s %-9s %-20s %-24s %s\n", u->name, u->role,
           u->disabled_utc ? "disabled" : "active", since, u->company, u->display);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: fieldqc-office user [--db DB] add NAME --role coordinator|buyer|"
                    "inspector [--company C] [--display D] | reset NAME | disable NAME | "
                    "enable NAME | list\n");
    return 2;
}

/* add or reset: the account with a new password hash. */
static int set_password(fq_ostore *s, fq_ostore_user *u)
{
    char pw[MAX_PASSWORD + 2];
    if (new_password(u->name, pw, sizeof pw))
        return 1;
    int bad = fq_portal_password_hash(pw, u->pw_hash);
    sodium_memzero(pw, sizeof pw);
    if (bad) {
        fprintf(stderr, "fieldqc-office user: out of memory hashing the password\n");
        return 1;
    }
    u->updated_utc = fq_ostore_now(s);
    if (fq_ostore_user_put(s, u) || fq_ostore_sessions_end(s, NULL, u->name, 0)) {
        fprintf(stderr, "fieldqc-office user: %s\n", fq_ostore_errmsg(s));
        return 1;
    }
    return 0;
}

static int run(fq_ostore *s, const fq_office_args *a)
{
    const char *verb = a->pos[0];
    const char *name = a->n_pos > 1 ? a->pos[1] : NULL;
    if (!strcmp(verb, "list")) {
        printf("%-24s %-12s %-9s %-20s %-24s %s\n", "account", "role", "state", "since",
               "company / name on visits", "display name");
        return fq_ostore_each_user(s, list_user, NULL) ? 1 : 0;
    }
    if (!name || a->n_pos != 2 || !fq_portal_user_name_ok(name)) {
        fprintf(stderr, "fieldqc-office user: an account name has 1-63 of a-z 0-9 . _ @ -\n");
        return 2;
    }
    fq_ostore_user u;
    fq_err found = fq_ostore_user_get(s, name, &u);
    if (!strcmp(verb, "add")) {
        const char *role = a->opt[0], *company = a->opt[1] ? a->opt[1] : "";
        if (found == FQ_OK) {
            fprintf(stderr, "fieldqc-office user: %s exists (reset its password instead)\n",
                    name);
            return 1;
        }
        if (fq_portal_role_parse(role) < 0 || (strcmp(role, "coordinator") && !*company)) {
            fprintf(stderr, "fieldqc-office user: --role coordinator, or buyer --company "
                            "BUYER (as orders name it), or inspector --company NAME (as "
                            "visits name the inspector)\n");
            return 2;
        }
        memset(&u, 0, sizeof u);
        snprintf(u.name, sizeof u.name, "%s", name);
        snprintf(u.role, sizeof u.role, "%s", role);
        snprintf(u.company, sizeof u.company, "%s", company);
        snprintf(u.display, sizeof u.display, "%s", a->opt[2] ? a->opt[2] : name);
        u.created_utc = fq_ostore_now(s);
        int rc = set_password(s, &u);
        if (!rc)
            printf("account %s (%s%s%s) added\n", name, role, *company ? ", " : "", company);
        return rc;
    }
    if (found) {
        fprintf(stderr, "fieldqc-office user: no account %s\n", name);
        return 1;
    }
    if (!strcmp(verb, "reset")) {
        int rc = set_password(s, &u);
        if (!rc)
            printf("password of %s reset; its sessions ended\n", name);
        return rc;
    }
    if (!strcmp(verb, "disable") || !strcmp(verb, "enable")) {
        u.disabled_utc = verb[0] == 'd' ? fq_ostore_now(s) : 0;
        u.updated_utc = fq_ostore_now(s);
        if (fq_ostore_user_put(s, &u) || fq_ostore_sessions_end(s, NULL, u.name, 0)) {
            fprintf(stderr, "fieldqc-office user: %s\n", fq_ostore_errmsg(s));
            return 1;
        }
        printf("%s %sd\n", name, verb);
        return 0;
    }
    return usage();
}

int fq_office_cmd_user(int argc, char **argv)
{
    static const char *const names[] = {"--role", "--company", "--display"};
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, names, 3, &args);
    if (rc)
        return rc;
    if (args.n_pos < 1)
        return usage();
    if (sodium_init() < 0) {
        fprintf(stderr, "fieldqc-office user: libsodium does not start\n");
        return 1;
    }
    fq_office *o = NULL;
    if (fq_office_open_with(args.db, args.photos, &o)) {
        fprintf(stderr, "fieldqc-office user: %s\n", fq_office_errmsg(o));
        fq_office_close(o);
        return 1;
    }
    rc = run(fq_office_store(o), &args);
    fq_office_close(o);
    return rc;
}
