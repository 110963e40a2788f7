/* cli.h — the command line's verbs. Each takes the arguments after its name. */
#ifndef INSYN_CLI_H
#define INSYN_CLI_H

#include <jansson.h>

struct command {
    const char *name, *sub;
    int (*run)(int argc, char **argv);
    const char *usage, *help;
};

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_SYSTEM = 2 };

int cli_wants_help(int argc, char **argv);
/* A --name value option and where its value goes. A list ends with {NULL, NULL}. */
struct cli_option {
    const char *name; /* "--today" */
    const char **value;
};
/* Reads the options and the one database path; on a problem says it (with usage when the
 * database is missing) and returns -1. */
int cli_options(int argc, char **argv, const struct cli_option *opts, const char **db,
                const char *usage);
/* Whether --format is table, csv or json; says so when it is not. */
int cli_format_ok(const char *format);
/* Fills in the mail command and sender that neither an option nor the environment
 * (INSYN_SENDMAIL, INSYN_MAIL_FROM) gave: "/usr/sbin/sendmail -t -i" and insyn@localhost. */
void cli_mail_defaults(const char **sendmail, const char **from);
struct buf;
/* Appends j as indented JSON and a line break, and lets go of j. */
void cli_put_json(struct buf *out, json_t *j);
/* Appends s cut or padded to `width` characters (not bytes), never splitting a character: a
 * column of a table printed for a terminal. */
void cli_column(struct buf *b, const char *s, int width);

struct arena;
struct store;
struct agreement;
/* Opens the database and finds the one agreement with the case reference (of the provider with
 * org_nr, when not NULL): EXIT_OK with *st open, or another exit code after saying what is
 * wrong (a case reference shared by several agreements names each), and then nothing is open. */
int cli_agreement(const char *db, const char *case_ref, const char *org_nr, struct arena *a,
                  struct store **st, struct agreement *g);

int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_user_add(int argc, char **argv);
int cmd_token_create(int argc, char **argv);
int cmd_import_organisations(int argc, char **argv);
int cmd_import_agreements(int argc, char **argv);
int cmd_import_credit(int argc, char **argv);
int cmd_import_ivo(int argc, char **argv);
int cmd_import_placements(int argc, char **argv);
int cmd_import_assignments(int argc, char **argv);
int cmd_export_agreements(int argc, char **argv);
int cmd_audit_verify(int argc, char **argv);
int cmd_audit_head(int argc, char **argv);
int cmd_audit_mail_head(int argc, char **argv);
#define BACKUP_USAGE "backup DB FIL [--force] [--quick]"
int cmd_backup(int argc, char **argv);
#define COPY_DATA_USAGE "copy-data --from DB --to DB"
int cmd_copy_data(int argc, char **argv);
int cmd_routes(int argc, char **argv);
#define GENERATE_USAGE                                                                             \
    "generate DB [--organisations N] [--units N] [--agreements N] [--year ÅR [--signals N] "      \
    "[--placements N]]"
int cmd_generate(int argc, char **argv);
int cmd_schedule(int argc, char **argv);
int cmd_signals(int argc, char **argv);
int cmd_remind(int argc, char **argv);
int cmd_risk(int argc, char **argv);
int cmd_sample(int argc, char **argv);
int cmd_report_annual(int argc, char **argv);
int cmd_report_agreement(int argc, char **argv);
int cmd_stats_assignments(int argc, char **argv);
int cmd_stats_placements(int argc, char **argv);
int cmd_applications(int argc, char **argv);

#endif
