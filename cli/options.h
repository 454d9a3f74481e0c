/*
 * options.h - the option tables of the command line. A command is a
 * group of actions, an action a table of options; an option row names
 * the member of the API body it fills and how its value is read, so one
 * parser builds the same JSON object the HTTP API takes (docs/api.md) and
 * each action is one call into app/. `--json-in FILE|-` reads that body
 * from a file (or stdin) instead; options given beside it win. Output is
 * a table of fields or columns per kind of object, or the app's JSON with
 * --json. Exit status as in cli.h: 0, 1 for an error from app/ (the
 * message on stderr), 2 for bad usage.
 *
 * Used by cmd_employer.c (employer side) and cmd_plan.c (week planning).
 */
#ifndef MEEDOEN_CLI_OPTIONS_H
#define MEEDOEN_CLI_OPTIONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "cli/cli.h"

/* ---- options and arguments ---- */

/* How an option's value goes into the input object. */
enum opt_kind {
	OPT_TEXT,   /* --title T          "title":"T" */
	OPT_INT,    /* --capacity 5       "capacity":5 */
	OPT_REAL,   /* --latitude 52.0    "latitude":52.0 */
	OPT_EUROS,  /* --cost 12.50       "cost_cents":1250 */
	OPT_TRUE,   /* --network          "network_member":true (takes no value) */
	OPT_FALSE,  /* --no-network       "network_member":false (takes no value) */
	OPT_YESNO,  /* --network yes|no   true or false */
	OPT_LIST,   /* --licences a,b     ["a","b"]; repeatable */
	OPT_IDS,    /* --participant 3,4  [3,4]; repeatable */
	OPT_SCORES, /* --score pace=3     "scores":{"pace":3}; repeatable */
	OPT_NOTES,  /* --comment pace=T   "comments":{"pace":"T"}; repeatable */
};

struct opt {
	const char *name;   /* without the leading "--" */
	const char *member; /* of the input object */
	enum opt_kind kind;
	bool required;
};

/* What a positional argument is. */
enum pos_kind { POS_NONE, POS_ID, POS_TEXT };

/* One action's arguments once read. */
struct args {
	int64_t id[2];    /* the ids on the command line, in order */
	const char *text; /* a text argument (a note), or NULL */
	json_t *in;       /* the options (over --json-in) as an API body */
	bool json;        /* --json was given: print JSON, not text */
};

struct action {
	const char *name;
	const char *usage;        /* what follows "meedoen COMMAND ACTION" */
	enum pos_kind pos[2];     /* positional arguments, all required */
	const char *pos_what[2];  /* for messages: "employer id" */
	const struct opt *opts;   /* ends with a row whose name is NULL */
	bool json_in;             /* takes --json-in FILE|- */
	/* 0 with *out, -1 with e filled, or EXIT_USER / EXIT_USAGE when it
	 * has already said what is wrong */
	int (*run)(struct cli *c, struct args *a, json_t **out, struct err *e);
	void (*print)(const json_t *out);
};

/* One command: its actions (ending with a NULL name) and what its help
 * says after the usage lines. */
struct cmd_group {
	const char *name;
	const struct action *actions;
	const char *about;
};

/* The empty option table. */
extern const struct opt opts_none[];

/* The string member key of obj, or NULL (borrowed). */
const char *member_text(const json_t *obj, const char *key);
/* Take the integer member key out of obj (0 when absent). */
int64_t member_id_take(json_t *obj, const char *key);

/* Run `meedoen GROUP ACTION ...` (argv[0] is the group's name): find the
 * action, read its arguments, open the store, run it and print the
 * result (text, or JSON with --json). Returns the exit status. */
int cmd_group_run(const struct cmd_group *g, struct cli *c, int argc, char **argv);
/* The usage lines of every action (a usage's further lines indented under
 * its first), then the group's text. */
void cmd_group_help(const struct cmd_group *g);

/* ---- output ---- */

/* How a value is shown. */
enum fmt {
	F_TEXT,  /* strings as they are, numbers as numbers, booleans yes/no */
	F_YESNO, /* true or non-zero: yes; false or 0: no; null: - */
	F_OF,    /* "key of key2": "3 of 5" */
	F_LIST,  /* an array joined by ", " */
	F_EUROS, /* cents as euros: "12.50" */
	F_NAME,  /* "family_name, given_names", or "(hidden)" where the actor may not see it */
};

/* A field of a record (label, value) or a column of a list (label, width). */
struct field {
	const char *label;
	const char *key;
	enum fmt fmt;
	int width;
	const char *key2;
};

/* "label   value" per field that has a value. */
void fields_print(const json_t *obj, const struct field *fields);
/* A header line and one line per row, columns padded to their width. */
void rows_print(const json_t *rows, const struct field *cols, int indent);
/* "title:" and the rows of obj[key] under it, or "title: none". */
void section_print(const json_t *obj, const char *key, const char *title, const struct field *cols);
/* "N nouns" (or "1 noun") and the rows of out.items. */
void list_print(const json_t *out, const char *noun, const char *nouns, const struct field *cols);

#endif
