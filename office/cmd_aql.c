/* fieldqc-office aql: prints the single sampling plan for a lot under ISO 2859-1:1999 (the
 * default) or ANSI/ASQ Z1.4-2008, readable or as TSV for scripts. Argument parsing and printing only; the engine is core/aql.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/aql.h"
#include "office/commands.h"

#define AQL_USAGE "usage: fieldqc-office aql --lot N --level I|II|III|S-1..S-4 --aql A " \
                  "[--mode normal|tightened|reduced] [--standard iso|z14] [--tsv]\n"

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "fieldqc-office aql: %s%s%s%s\n", msg, arg ? " '" : "", arg ? arg : "",
            arg ? "'" : "");
    fputs(AQL_USAGE, stderr);
    return 2;
}

static int parse_lot(const char *text, int64_t *out)
{
    char *end = NULL;
    long long v;
    if (!text || !*text || *text == '-' || *text == '+')
        return -1;
    v = strtoll(text, &end, 10);
    if (*end || v < 2)
        return -1;
    *out = (int64_t)v;
    return 0;
}

int fq_office_cmd_aql(int argc, char **argv)
{
    const char *lot_text = NULL;
    const char *level_text = NULL;
    const char *aql_text = NULL;
    const char *mode_text = "normal";
    const char *standard_text = "iso";
    fq_aql_standard standard;
    int tsv = 0;
    int64_t lot = 0;
    fq_aql_level level;
    fq_aql_mode mode;
    int32_t aql = 0;
    fq_aql_sampling s;
    char aql_buf[16];

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (!strcmp(a, "--tsv")) {
            tsv = 1;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(AQL_USAGE, stdout);
            return 0;
        }
        if (!strcmp(a, "--lot")) slot = &lot_text;
        else if (!strcmp(a, "--level")) slot = &level_text;
        else if (!strcmp(a, "--aql")) slot = &aql_text;
        else if (!strcmp(a, "--mode")) slot = &mode_text;
        else if (!strcmp(a, "--standard")) slot = &standard_text;
        else return usage_error("unknown argument", a);
        if (i + 1 >= argc)
            return usage_error("missing value after", a);
        *slot = argv[++i];
    }
    if (!lot_text || !level_text || !aql_text)
        return usage_error("--lot, --level and --aql are required", NULL);
    if (parse_lot(lot_text, &lot) != 0)
        return usage_error("--lot must be a whole number of units, at least 2, got", lot_text);
    if (fq_aql_parse_level(level_text, &level) != FQ_OK)
        return usage_error("--level must be I, II, III, S-1, S-2, S-3 or S-4, got", level_text);
    if (fq_aql_parse_aql(aql_text, &aql) != FQ_OK)
        return usage_error("--aql must be a table AQL from 0.010 to 1000 (e.g. 0.65, 2.5, 10), got",
                           aql_text);
    if (fq_aql_parse_mode(mode_text, &mode) != FQ_OK)
        return usage_error("--mode must be normal, tightened or reduced, got", mode_text);
    if (fq_aql_parse_standard(standard_text, &standard) != FQ_OK)
        return usage_error("--standard must be iso (ISO 2859-1:1999 = GB/T 2828.1-2012) or z14 "
                           "(ANSI/ASQ Z1.4-2008), got", standard_text);
    if (fq_aql_plan_for_lot(standard, lot, level, mode, aql, &s) != FQ_OK) {
        fprintf(stderr, "fieldqc-office aql: no plan for these arguments\n");
        return 1;
    }
    if (tsv) {
        printf("code_letter\tplan_letter\tsample_size\tac\tre\tfull_inspection\tstandard\n");
        printf("%c\t%c\t%lld\t%d\t%d\t%d\t%s\n", s.code_letter, s.plan_letter,
               (long long)s.sample_size, (int)s.ac, (int)s.re, s.full_inspection ? 1 : 0,
               fq_aql_standard_key(standard));
        return 0;
    }
    printf("%s single sampling, %s inspection\n", fq_aql_standard_name(standard),
           fq_aql_mode_name(mode));
    printf("  lot size          %lld\n", (long long)lot);
    printf("  inspection level  %s\n", fq_aql_level_name(level));
    printf("  AQL               %s\n", fq_aql_format_aql(aql, aql_buf, sizeof aql_buf));
    printf("  code letter       %c\n", s.code_letter);
    if (s.plan_letter != s.code_letter)
        printf("  plan used         %c (followed the arrow from %c)\n", s.plan_letter,
               s.code_letter);
    if (s.full_inspection)
        printf("  sample size       %lld: inspect the whole lot (plan sample %d >= lot size)\n",
               (long long)s.sample_size, (int)s.table_sample_size);
    else
        printf("  sample size       %lld\n", (long long)s.sample_size);
    printf("  accept (Ac)       at most %d defects\n", (int)s.ac);
    printf("  reject (Re)       %d or more defects\n", (int)s.re);
    if (s.re > s.ac + 1)
        printf("  between           %d to %d defects: accept the lot, return to normal "
               "inspection\n", (int)s.ac + 1, (int)s.re - 1);
    return 0;
}
