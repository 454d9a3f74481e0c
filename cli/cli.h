/*
 * cli.h - the command-line face. main.c parses the common options and
 * walks the command table; each cmd_*.c holds one command. Commands open
 * the store, build an app context (the system actor, or --as USER) and
 * call app/, printing text or, with --json, JSON.
 *
 * Exit status: 0 success, 1 a user error (message on stderr), 2 bad usage.
 */
#ifndef MEEDOEN_CLI_H
#define MEEDOEN_CLI_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"

#define EXIT_USER 1
#define EXIT_USAGE 2

struct cli {
	const char *db_path;
	const char *key_file; /* --key-file, or NULL (app/keyring.h keyring_locate) */
	struct keyring_where keys; /* where cli_open found the keys */
	const char *as_user; /* NULL: act as the local operator */
	struct store *st;
	struct app app;
	struct app_ctx ctx;
};

/* Commands get argv[0] = the command's name, as getopt expects. */
struct command {
	const char *name;
	const char *summary;
	int (*run)(struct cli *c, int argc, char **argv);
	void (*help)(void);
};

/* Open the database, apply migrations, set up app and actor. Prints the
 * error and returns EXIT_USER on failure. */
int cli_open(struct cli *c);
void cli_close(struct cli *c);

/* Print an error value as "meedoen: message" plus one line per field;
 * returns the exit status for it. */
int cli_fail(const struct err *e);
/* Print JSON to stdout, indented. */
void cli_print_json(const json_t *j);
/* A usage error: message, then a hint to --help. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Take every "--json" out of argv (setting *json); returns the new argc. */
int cli_take_json(int argc, char **argv, bool *json);
/* True when argv holds -h or --help. */
bool cli_wants_help(int argc, char **argv);
/* Turn "field=value" arguments into a participant object (cells typed as
 * in a screening CSV); an empty value becomes null when `nulls`. */
int cli_assignments(int argc, char **argv, bool nulls, json_t **out, struct err *e);

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
/* `meedoen key rotate` (cmd_key.c). */
int cmd_key(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_participant(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_organisation(struct cli *c, int argc, char **argv);
int cmd_consent(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
/* `meedoen log PARTICIPANT` (cmd_participant.c); cmd_log (cmd_log.c)
 * hands it what is not `log verify|export|activities`. */
int cmd_log_participant(struct cli *c, int argc, char **argv);
int cmd_phase(struct cli *c, int argc, char **argv);
int cmd_signals(struct cli *c, int argc, char **argv);
int cmd_employer(struct cli *c, int argc, char **argv);
int cmd_placement(struct cli *c, int argc, char **argv);
int cmd_visit(struct cli *c, int argc, char **argv);
int cmd_assessment(struct cli *c, int argc, char **argv);
int cmd_training(struct cli *c, int argc, char **argv);
/* `meedoen plan ...` (cmd_plan.c) and `meedoen export ics|weekcard`
 * (cmd_export.c): week planning. */
int cmd_plan(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
/* `import screening` goes to cmd_import, `import employers|placements`
 * to the employer side (cmd_employer.c). */
int cmd_import_any(struct cli *c, int argc, char **argv);

void help_init(void);
void help_check(void);
void help_key(void);
void help_serve(void);
void help_demo(void);
void help_participant(void);
void help_import(void);
void help_user(void);
void help_organisation(void);
void help_consent(void);
void help_log(void);
void help_phase(void);
void help_signals(void);
void help_employer(void);
void help_placement(void);
void help_visit(void);
void help_assessment(void);
void help_training(void);
void help_plan(void);
void help_export(void);
void help_import_any(void);

#endif
