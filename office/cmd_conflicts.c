/* fieldqc-office conflicts [--db FILE] [--show open|all] [--resolve ID --keep held|incoming]:
 * the changes the office kept instead of applying (lib/bundle/FORMAT.md, "Ownership and
 * conflicts"). A conflict is an edit a device made while another writer changed the same
 * record; a refusal is a change the device may not make (an order, a milestone, a visit it is
 * not assigned to) or whose revision does not follow its base. Both are kept with the writer,
 * the base and the row, and listed here with both values of every column, until a person
 * decides: --keep held keeps what the office holds, --keep incoming takes the device's
 * values. The decision gets a revision above both sides' and goes to every tablet in its
 * next job pack. One entry per line starting "#ID", its values indented below. */
#include "office/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "office_internal.h"

/* A value on one line: control characters shown as spaces, long text cut. */
static void put_value(const char *v)
{
    size_t n = strlen(v);
    putchar('\'');
    for (size_t i = 0; i < n && i < 120; i++)
        putchar((unsigned char)v[i] < 0x20 ? ' ' : v[i]);
    if (n > 120)
        fputs("...", stdout);
    putchar('\'');
}

static int show(void *ctx, const fq_store_conflict *c)
{
    int *n = ctx;
    (*n)++;
    printf("#%lld %s %s %s (%s) from %s", (long long)c->id, c->kind, c->table, c->uuid,
           c->group, c->writer);
    printf(", change %lld of bundle %.8s: %s made on revision %lld, the office held %lld\n",
           (long long)c->seq, c->bundle_id, c->op == 'D' ? "delete" : "edit",
           (long long)c->base, (long long)c->held_revision);
    printf("    why: %s\n", c->reason);
    if (!c->open)
        printf("    resolved: kept %s, revision %lld\n", c->resolution,
               (long long)c->resolved_revision);
    for (int i = 0; i < c->n_columns; i++) {
        printf("    %s: office ", c->columns[i].name);
        put_value(c->columns[i].held);
        printf(" | %s ", c->writer);
        put_value(c->columns[i].incoming);
        putchar('\n');
    }
    return 0;
}

static int resolve(fq_office *o, const char *id_text, const char *keep)
{
    char *end = NULL;
    long long id = strtoll(id_text, &end, 10);
    if (!*id_text || *end || id <= 0 || !keep ||
        (strcmp(keep, "held") != 0 && strcmp(keep, "incoming") != 0)) {
        fprintf(stderr, "fieldqc-office conflicts: --resolve ID needs --keep held|incoming\n");
        return 2;
    }
    int64_t revision = 0;
    fq_err e = fq_ostore_resolve(o->db, id, !strcmp(keep, "incoming"), &revision);
    if (e) {
        fprintf(stderr, "fieldqc-office conflicts: %s\n", fq_ostore_errmsg(o->db));
        return 1;
    }
    printf("resolved #%lld: kept the %s values at revision %lld; the next job pack takes them"
           " to the tablets\n",
           id, strcmp(keep, "incoming") ? "office's" : "device's", (long long)revision);
    return 0;
}

int fq_office_cmd_conflicts(int argc, char **argv)
{
    static const char *const names[] = {"--show", "--resolve", "--keep"};
    fq_office_args args;
    int rc = fq_office_parse_args(argc, argv, names, 3, &args);
    if (rc)
        return rc;
    const char *show_what = args.opt[0] ? args.opt[0] : "open";
    if (args.n_pos || (strcmp(show_what, "open") && strcmp(show_what, "all")) ||
        (args.opt[2] && !args.opt[1])) {
        fprintf(stderr, "usage: fieldqc-office conflicts [--db FILE] [--show open|all]"
                        " [--resolve ID --keep held|incoming]\n");
        return 2;
    }
    fq_office *o = NULL;
    if (fq_office_open_with(args.db, args.photos, &o)) {
        fprintf(stderr, "fieldqc-office conflicts: %s\n", o ? o->errmsg : "out of memory");
        fq_office_close(o);
        return 1;
    }
    if (args.opt[1]) {
        rc = resolve(o, args.opt[1], args.opt[2]);
    } else {
        int n = 0;
        if (fq_ostore_each_conflict(o->db, !strcmp(show_what, "all"), show, &n)) {
            fprintf(stderr, "fieldqc-office conflicts: %s\n", fq_ostore_errmsg(o->db));
            rc = 1;
        } else if (n == 0) {
            printf("no %sconflicts or refused changes\n", strcmp(show_what, "all") ? "open " : "");
        }
    }
    fq_office_close(o);
    return rc;
}
