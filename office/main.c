/* fieldqc-office: dispatch argv[1] to a command of fq_office_commands. */
#include <stdio.h>
#include <string.h>

#include "office/commands.h"

#ifndef FQ_VERSION
#define FQ_VERSION "unknown"
#endif

static void usage(FILE *out)
{
    fprintf(out, "usage: fieldqc-office COMMAND [ARGS]\n\ncommands:\n");
    for (const fq_office_cmd *c = fq_office_commands; c->name; c++)
        fprintf(out, "  %-8s %s\n           %s\n", c->name, c->usage, c->summary);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("fieldqc-office %s\n", FQ_VERSION);
        return 0;
    }
    for (const fq_office_cmd *c = fq_office_commands; c->name; c++) {
        if (strcmp(c->name, argv[1]) != 0)
            continue;
        for (int i = 2; i < argc; i++)
            if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
                printf("usage: fieldqc-office %s %s\n\n%s\n", c->name, c->usage, c->summary);
                return 0;
            }
        return c->run(argc - 1, argv + 1);
    }
    fprintf(stderr, "fieldqc-office: unknown command '%s' (try --help)\n", argv[1]);
    return 2;
}
