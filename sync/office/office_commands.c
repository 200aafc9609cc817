/* The table of fieldqc-office commands; main.c dispatches on it. */
#include "office/office.h"

#include <stddef.h>

const fq_office_cmd fq_office_commands[] = {
    {"demo", "--db FILE [--assets DIR] [--device ID]",
     "create a database with the demo orders, visits and checklists", fq_office_cmd_demo},
    {"aql", "--lot N --level I|II|III|S-1..S-4 --aql A [--mode normal|tightened|reduced] [--tsv]",
     "print the ISO 2859-1 single sampling plan (sample size, Ac, Re) for a lot", fq_office_cmd_aql},
    {NULL, NULL, NULL, NULL},
};
