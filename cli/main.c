/*
 * main.c - `meedoen`: common options (--db, --as, --help) and the command
 * table.
 */
#include "cli/cli.h"
#include "cli/cmd_timetable.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/xmalloc.h"
#include "domain/screening.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct command commands[] = {
	{ "init", "create or upgrade the database", cmd_init, help_init },
	{ "check", "check the database: integrity, foreign keys, file modes", cmd_check, help_check },
	{ "key", "rotate the key that seals BSNs and health data", cmd_key, help_key },
	{ "serve", "serve the web UI and the HTTP API", cmd_serve, help_serve },
	{ "demo", "fill a new database with demo data", cmd_demo, help_demo },
	{ "participant", "add, show, edit and list participants", cmd_participant, help_participant },
	{ "import", "import screening profiles, employers, placements, timetables or class attendance", cmd_import_any,
	  help_import_any },
	{ "user", "add and list users", cmd_user, help_user },
	{ "organisation", "add and list organisations", cmd_organisation, help_organisation },
	{ "consent", "record, list and revoke consent", cmd_consent, help_consent },
	{ "log", "the processing log: of a participant, verify its chain, export, activities", cmd_log, help_log },
	{ "phase", "list, add and end phases of a participant's path", cmd_phase, help_phase },
	{ "signals", "the worklist of signals, or the totals", cmd_signals, help_signals },
	{ "employer", "list, show, add and change employers, contacts and notes", cmd_employer, help_employer },
	{ "placement", "placements: list, add, check a fit, place someone, attendance", cmd_placement, help_placement },
	{ "visit", "company visits and matching events: plan, invite, attendance", cmd_visit, help_visit },
	{ "assessment", "work-floor assessments and the readiness advice", cmd_assessment, help_assessment },
	{ "training", "trainings at work, enrolment and results", cmd_training, help_training },
	{ "timetable", "language-class groups and class attendance", cmd_timetable, help_timetable },
	{ "plan", "week plans: show, add, remove, exceptions, classes, who is free, capacity", cmd_plan, help_plan },
	{ "export", "export a week plan as iCalendar or a week card as PDF", cmd_export, help_export },
};

static void usage(FILE *out)
{
	fprintf(out, "usage: meedoen [--db PATH] [--as USER] COMMAND [ARGS]\n\n"
		     "meedoen runs the work-first path for newcomers and other job seekers under the\n"
		     "Participatiewet: one shared record for municipality, social work company, volunteers,\n"
		     "language providers and employers.\n\n"
		     "options:\n"
		     "  --db PATH    SQLite database (default $MEEDOEN_DB or meedoen.db)\n"
		     "  --key-file PATH  the key file (default $MEEDOEN_KEY_FILE, a systemd credential\n"
		     "               meedoen.key, $MEEDOEN_KEY, or beside the database: meedoen.key)\n"
		     "  --as USER    act as this user, with their role and rights\n"
		     "               (default: the local operator, with every right, logged as such)\n"
		     "  -h, --help   this help; `meedoen COMMAND --help` for a command\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].summary);
}

int cli_fail(const struct err *e)
{
	if (e->nfields == 0)
		fprintf(stderr, "meedoen: %s\n", e->msg[0] ? e->msg : "failed");
	for (size_t i = 0; i < e->nfields; i++)
		fprintf(stderr, "meedoen: %s: %s\n", e->fields[i].field, e->fields[i].reason);
	return EXIT_USER;
}

void cli_print_json(const json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (s) {
		puts(s);
		free(s);
	}
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "meedoen %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nsee `meedoen %s --help`\n", cmd);
	return EXIT_USAGE;
}

int cli_take_json(int argc, char **argv, bool *json)
{
	int k = 0;
	*json = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			*json = true;
		else
			argv[k++] = argv[i];
	}
	return k;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}

int cli_assignments(int argc, char **argv, bool nulls, json_t **out, struct err *e)
{
	char **keys = xcalloc((size_t)argc + 1, sizeof *keys), **vals = xcalloc((size_t)argc + 1, sizeof *vals);
	json_t *obj = NULL;
	int rc = -1;

	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (eq == NULL || eq == argv[i]) {
			err_field(e, argv[i], "expected field=value");
			goto out;
		}
		keys[i] = xstrndup(argv[i], (size_t)(eq - argv[i]));
		vals[i] = xstrdup(eq + 1);
	}
	if (screening_row(keys, (size_t)argc, vals, (size_t)argc, &obj, e) != 0)
		goto out;
	for (int i = 0; i < argc; i++) {
		if (nulls && vals[i][0] == '\0')
			json_object_set_new(obj, keys[i], json_null());
		else if (!json_object_get(obj, keys[i]))
			json_object_set_new(obj, keys[i], json_string(vals[i])); /* unknown: let validation name it */
	}
	*out = obj;
	rc = 0;
out:
	for (int i = 0; i < argc; i++) {
		free(keys[i]);
		free(vals[i]);
	}
	free(keys);
	free(vals);
	return rc;
}

int cli_open(struct cli *c)
{
	struct err e;
	int applied;

	err_init(&e);
	if (keyring_locate(c->db_path, c->key_file, &c->keys, &e) != 0) {
		cli_fail(&e);
		err_release(&e);
		return EXIT_USER;
	}
	if (store_open(c->db_path, &c->st, &e) != 0 || store_migrate(c->st, &applied, &e) != 0 ||
	    app_init(&c->app, c->st, &c->keys, &e) != 0)
		goto out_fail;
	app_ctx_init(&c->ctx, &c->app, c->st, NULL);
	if (c->as_user) {
		struct user_row u;
		if (store_user_by_name(c->st, c->as_user, &u, &e) != 0) {
			err_clear(&e);
			err_set(&e, ERR_NOT_FOUND, "--as: no user \"%s\"", c->as_user);
			goto out_release_app;
		}
		if (!u.active) {
			err_set(&e, ERR_FORBIDDEN, "--as: user \"%s\" is deactivated", c->as_user);
			goto out_release_app;
		}
		app_ctx_user(&c->ctx, &u);
	} else {
		app_ctx_system(&c->ctx);
	}
	err_release(&e);
	return 0;
out_release_app:
	app_release(&c->app); /* wipes the keys too */
out_fail:
	cli_fail(&e);
	err_release(&e);
	keyring_wipe(&c->app.keys);
	store_close(c->st);
	c->st = NULL;
	return EXIT_USER;
}

void cli_close(struct cli *c)
{
	if (c->st) {
		app_release(&c->app);
		store_close(c->st);
		c->st = NULL;
	}
}

int main(int argc, char **argv)
{
	struct cli c = { 0 };
	int i = 1;

	c.db_path = getenv("MEEDOEN_DB") && *getenv("MEEDOEN_DB") ? getenv("MEEDOEN_DB") : "meedoen.db";
	/* dates are the municipality's: set its time zone before any thread runs */
	const char *zone = getenv("MEEDOEN_TIME_ZONE") && *getenv("MEEDOEN_TIME_ZONE") ? getenv("MEEDOEN_TIME_ZONE")
										       : CLOCK_DEFAULT_ZONE;
	if (clock_set_zone(zone) != 0) {
		fprintf(stderr, "meedoen: MEEDOEN_TIME_ZONE: \"%.60s\" is not a time zone this system knows "
				"(an IANA name such as Europe/Amsterdam; install tzdata)\n",
			zone);
		return EXIT_USAGE;
	}
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			c.db_path = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			c.db_path = argv[i] + 5;
		} else if (strcmp(argv[i], "--key-file") == 0 && i + 1 < argc) {
			c.key_file = argv[++i];
		} else if (strncmp(argv[i], "--key-file=", 11) == 0) {
			c.key_file = argv[i] + 11;
		} else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc) {
			c.as_user = argv[++i];
		} else if (strncmp(argv[i], "--as=", 5) == 0) {
			c.as_user = argv[i] + 5;
		} else {
			fprintf(stderr, "meedoen: unknown option \"%s\"\n", argv[i]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strncmp(c.db_path, "postgresql://", 13) == 0 || strncmp(c.db_path, "postgres://", 11) == 0) {
		fprintf(stderr, "meedoen: PostgreSQL is not supported yet; use a SQLite file path for --db\n");
		return EXIT_USAGE;
	}
	for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
		if (strcmp(commands[k].name, argv[i]) != 0)
			continue;
		if (cli_wants_help(argc - i - 1, argv + i + 1)) {
			commands[k].help();
			return 0;
		}
		int rc = commands[k].run(&c, argc - i, argv + i);
		cli_close(&c);
		return rc;
	}
	fprintf(stderr, "meedoen: unknown command \"%s\"\n", argv[i]);
	usage(stderr);
	return EXIT_USAGE;
}
