/* fieldqc-office: dispatch argv[1] to a command of fq_office_commands. */
#include <stdio.h>
#include <string.h>

#include "office/commands.h"

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
    for (const fq_office_cmd *c = fq_office_commands; c->name; c++)
        if (!strcmp(c->name, argv[1]))
            return c->run(argc - 1, argv + 1);
    fprintf(stderr, "fieldqc-office: unknown command '%s' (try --help)\n", argv[1]);
    return 2;
}
