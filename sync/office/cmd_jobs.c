/* placeholder until written */
#include "office/office.h"
#include <stdio.h>
int fq_office_cmd_jobs(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "not yet\n");
    return 1;
}
