/* fieldqc-office's command line: the command table main.c dispatches on. Each command is
 * one file (cmd_<name>.c) with this signature:
 * argv[0] is the command name; returns the process exit code (0 ok, 1 failure, 2 usage).
 * Commands print their own one-line errors to stderr. */
#ifndef FQ_OFFICE_COMMANDS_H
#define FQ_OFFICE_COMMANDS_H

typedef int (*fq_office_cmd_fn)(int argc, char **argv);

typedef struct fq_office_cmd {
    const char *name;
    const char *usage;   /* one line: arguments */
    const char *summary; /* one line: what it does */
    fq_office_cmd_fn run;
} fq_office_cmd;

/* The command table (office_commands.c), terminated by an entry with name NULL. */
extern const fq_office_cmd fq_office_commands[];

int fq_office_cmd_aql(int argc, char **argv);
int fq_office_cmd_demo(int argc, char **argv);
int fq_office_cmd_import(int argc, char **argv);
int fq_office_cmd_sync(int argc, char **argv);
int fq_office_cmd_jobs(int argc, char **argv);
int fq_office_cmd_report(int argc, char **argv);
int fq_office_cmd_export(int argc, char **argv);
int fq_office_cmd_enrol(int argc, char **argv);
int fq_office_cmd_devices(int argc, char **argv);
int fq_office_cmd_revoke(int argc, char **argv);
int fq_office_cmd_key(int argc, char **argv);
int fq_office_cmd_conflicts(int argc, char **argv);

/* ---- option parsing shared by the commands (office_db.c) ---- */

/* Option parsing shared by the commands: --db FILE|URL (default office.db), --photos DIR and
 * the rest. */
typedef struct fq_office_args {
    const char *db;
    const char *photos;   /* --photos DIR, NULL when not given */
    const char *opt[8];   /* values of the command's own options, by index */
    int flag[8];          /* 1 when the command's flag (an option without value) was given */
    const char *pos[256]; /* positional arguments */
    int n_pos;
} fq_office_args;

/* Parses argv[1..]: names lists the command's options ("--device", ...); returns 0, or 2
 * after printing a usage error naming the command. */
int fq_office_parse_args(int argc, char **argv, const char *const *names, int n_names,
                         fq_office_args *out);

/* fq_office_parse_args with flags too: options without a value ("--replace"), by index
 * into out->flag (at most 8). */
int fq_office_parse_args_flags(int argc, char **argv, const char *const *names, int n_names,
                               const char *const *flags, int n_flags, fq_office_args *out);

#endif
