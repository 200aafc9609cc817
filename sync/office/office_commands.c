/* The table of fieldqc-office commands; main.c dispatches on it. */
#include "office/office.h"

#include <stddef.h>

const fq_office_cmd fq_office_commands[] = {
    {"demo", "--db FILE [--assets DIR] [--device ID]",
     "create a database with the demo orders, visits and checklists", fq_office_cmd_demo},
    {NULL, NULL, NULL, NULL},
};
