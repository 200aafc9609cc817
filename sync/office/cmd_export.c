/* placeholder until written */
#include "office/office.h"
#include <stdio.h>
int fq_office_cmd_export(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "not yet\n");
    return 1;
}
