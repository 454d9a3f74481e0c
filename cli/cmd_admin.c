/*
 * cmd_admin.c - `meedoen init`, `demo`, `user` (with reset-2fa) and
 * `organisation` (with set --require-second-factor).
 */
#include "cli/cli.h"
#include "base/buf.h"
#include "base/clock.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void help_init(void)
{
	puts("usage: meedoen [--db PATH] init\n\n"
	     "Create the database if it does not exist and apply every migration not yet applied.\n"
	     "A new database gets a new key file (mode 0600) beside it, meedoen.db -> meedoen.key,\n"
	     "or where --key-file or MEEDOEN_KEY_FILE says; see docs/operations.md, \"Keys\".");
}

int cmd_init(struct cli *c, int argc, char **argv)
{
	int version;
	struct err e;

	if (argc > 1)
		return cli_usage("init", "unexpected argument \"%s\"", argv[1]);
	if (cli_open(c) != 0)
		return EXIT_USER;
	err_init(&e);
	if (store_schema_version(c->st, &version, &e) != 0)
		return cli_fail(&e);
	printf("database %s is at schema version %d\n", c->db_path, version);
	err_release(&e);
	return 0;
}

void help_check(void)
{
	puts("usage: meedoen [--db PATH] check [--json]\n\n"
	     "Check the database without changing it: SQLite's integrity check with meedoen's Dutch\n"
	     "collation loaded, the foreign keys of every table, that the database and its WAL and\n"
	     "shared-memory files are readable by their owner only, and the schema version.\n"
	     "Prints \"database OK\" and exits 0, or lists each problem and exits 1.");
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	bool json;
	json_t *report = NULL;
	struct err e;

	argc = cli_take_json(argc, argv, &json);
	if (argc > 1)
		return cli_usage("check", "unexpected argument \"%s\"", argv[1]);
	err_init(&e);
	if (app_check(c->db_path, &report, &e) != 0) {
		int rc = cli_fail(&e);
		err_release(&e);
		return rc;
	}
	err_release(&e);
	json_t *problems = json_object_get(report, "problems");
	bool ok = json_array_size(problems) == 0;
	if (json) {
		cli_print_json(report);
	} else {
		int version = (int)json_integer_value(json_object_get(report, "schema_version"));
		int pending = (int)json_integer_value(json_object_get(report, "pending_migrations"));
		printf("database %s: schema version %d", c->db_path, version);
		if (pending)
			printf(" (%d migration%s pending: `meedoen init` applies them)", pending, pending == 1 ? "" : "s");
		putchar('\n');
		size_t i;
		json_t *p;
		json_array_foreach(problems, i, p)
			printf("problem: %s\n", json_string_value(p));
		puts(ok ? "database OK" : "database NOT OK");
	}
	json_decref(report);
	return ok ? 0 : EXIT_USER;
}

void help_demo(void)
{
	puts("usage: meedoen [--db PATH] demo [--participants N] [--seed S] [--json]\n\n"
	     "Fill a new database with demo data: organisations of every type, a user for every\n"
	     "role (password " DEMO_PASSWORD "), and N synthetic participants (default 200) drawn\n"
	     "deterministically from seed S (default 1). Refuses a database that has users.");
}

static int parse_long(const char *cmd, const char *opt, const char *v, long lo, long hi, long *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || n < lo || n > hi)
		return cli_usage(cmd, "%s \"%s\" must be a number in %ld..%ld", opt, v, lo, hi);
	*out = n;
	return 0;
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "participants", required_argument, NULL, 'n' },
					      { "seed", required_argument, NULL, 's' },
					      { "json", no_argument, NULL, 'j' },
					      { NULL, 0, NULL, 0 } };
	long n = 200, seed = 1;
	bool json = false;
	int o;
	struct err e;
	json_t *summary = NULL;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'n' && parse_long("demo", "--participants", optarg, 0, 1000000, &n) != 0)
			return EXIT_USAGE;
		if (o == 's' && parse_long("demo", "--seed", optarg, 0, 2147483647L, &seed) != 0)
			return EXIT_USAGE;
		if (o == 'j')
			json = true;
		if (o == '?')
			return cli_usage("demo", "unknown option");
	}
	if (optind < argc)
		return cli_usage("demo", "unexpected argument \"%s\"", argv[optind]);
	if (cli_open(c) != 0)
		return EXIT_USER;
	err_init(&e);
	if (app_demo(&c->ctx, n, (uint64_t)seed, &summary, &e) != 0) {
		int rc = cli_fail(&e);
		err_release(&e);
		return rc;
	}
	if (json) {
		cli_print_json(summary);
	} else {
		printf("demo data in %s: %ld participants (seed %ld)\n\nlogins (password \"%s\" for all):\n", c->db_path, n,
		       seed, DEMO_PASSWORD);
		size_t i;
		json_t *u;
		json_array_foreach(json_object_get(summary, "users"), i, u)
			printf("  %-20s %-20s %s\n", json_string_value(json_object_get(u, "username")),
			       json_string_value(json_object_get(u, "role_label")),
			       json_string_value(json_object_get(u, "organisation")));
		json_int_t coaches = json_integer_value(json_object_get(summary, "job_coaches"));
		if (coaches > 2)
			printf("  jobcoach3 ... jobcoach%lld  %lld more job coaches, for a realistic caseload each\n",
			       (long long)coaches, (long long)coaches - 2);
		json_t *wp = json_object_get(summary, "week_plans");
		if (wp)
			printf("\nweek plans: %lld in work-learning, %lld class groups of two language providers, "
			       "%lld enrolments,\n%lld class attendance marks, %lld conflicts accepted with a reason, and %lld "
			       "people of jobcoach\nwith a conflict to resolve\n",
			       (long long)json_integer_value(json_object_get(wp, "plans")),
			       (long long)json_integer_value(json_object_get(wp, "class_groups")),
			       (long long)json_integer_value(json_object_get(wp, "enrolments")),
			       (long long)json_integer_value(json_object_get(wp, "attendance")),
			       (long long)json_integer_value(json_object_get(wp, "accepted")),
			       (long long)json_integer_value(json_object_get(wp, "open")));
	}
	json_decref(summary);
	err_release(&e);
	return 0;
}

/* ---- users ---- */

void help_user(void)
{
	puts("usage: meedoen [--db PATH] user add --username NAME --name \"DISPLAY NAME\" --role ROLE\n"
	     "                                  --organisation ID [--password-stdin]\n"
	     "       meedoen [--db PATH] user list [--json]\n"
	     "       meedoen [--db PATH] user reset-2fa USER [--json]\n\n"
	     "Roles: director, case_manager, youth_consultant, project_leader, job_coach,\n"
	     "account_manager, department_assistant, volunteer, welfare, language_provider,\n"
	     "employer, admin. The role must fit the organisation's type. The password (at least\n"
	     "10 characters) is read from the first line of standard input.\n\n"
	     "reset-2fa forgets the second factor (TOTP secret and recovery codes) of USER (a user\n"
	     "name or id) and ends their sessions, e.g. after a lost phone; if their organisation\n"
	     "requires a second factor they set it up again at their next login.");
}

static int read_password(char *out, size_t size)
{
	if (fgets(out, (int)size, stdin) == NULL)
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

static int user_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "username", required_argument, NULL, 'u' },
					      { "name", required_argument, NULL, 'n' },
					      { "role", required_argument, NULL, 'r' },
					      { "organisation", required_argument, NULL, 'o' },
					      { "password-stdin", no_argument, NULL, 'p' },
					      { "json", no_argument, NULL, 'j' },
					      { NULL, 0, NULL, 0 } };
	json_t *in = json_object(), *out = NULL;
	char password[256] = "";
	bool json = false;
	long org = 0;
	int o, rc = EXIT_USAGE;
	struct err e;

	err_init(&e);
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'u': json_object_set_new(in, "username", json_string(optarg)); break;
		case 'n': json_object_set_new(in, "display_name", json_string(optarg)); break;
		case 'r': json_object_set_new(in, "role", json_string(optarg)); break;
		case 'o':
			if (parse_long("user add", "--organisation", optarg, 1, 1L << 40, &org) != 0)
				goto out;
			json_object_set_new(in, "organisation_id", json_integer(org));
			break;
		case 'p': break;
		case 'j': json = true; break;
		default: rc = cli_usage("user add", "unknown option"); goto out;
		}
	}
	if (read_password(password, sizeof password) != 0) {
		rc = cli_usage("user add", "give the password on standard input");
		goto out;
	}
	json_object_set_new(in, "password", json_string(password));
	sodium_memzero(password, sizeof password);
	rc = EXIT_USER;
	if (cli_open(c) != 0)
		goto out;
	if (app_user_add(&c->ctx, in, &out, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	if (json)
		cli_print_json(out);
	else
		printf("user %s added (id %lld)\n", json_string_value(json_object_get(out, "username")),
		       (long long)json_integer_value(json_object_get(out, "id")));
	rc = 0;
out:
	json_t *pw = json_object_get(in, "password");
	if (pw)
		sodium_memzero((void *)json_string_value(pw), json_string_length(pw));
	json_decref(in);
	json_decref(out);
	err_release(&e);
	return rc;
}

static int list_items(struct cli *c, bool json, int (*fn)(struct app_ctx *, json_t **, struct err *),
		      void (*line)(const json_t *))
{
	json_t *out = NULL;
	struct err e;

	if (cli_open(c) != 0)
		return EXIT_USER;
	err_init(&e);
	if (fn(&c->ctx, &out, &e) != 0) {
		int rc = cli_fail(&e);
		err_release(&e);
		return rc;
	}
	if (json) {
		cli_print_json(out);
	} else {
		size_t i;
		json_t *item;
		json_array_foreach(json_object_get(out, "items"), i, item)
			line(item);
	}
	json_decref(out);
	err_release(&e);
	return 0;
}

static void user_line(const json_t *u)
{
	printf("%4lld  %-20s %-22s %-40s %s\n", (long long)json_integer_value(json_object_get(u, "id")),
	       json_string_value(json_object_get(u, "username")), json_string_value(json_object_get(u, "role")),
	       json_string_value(json_object_get(u, "organisation_name")),
	       json_is_true(json_object_get(u, "active")) ? "" : "(inactive)");
}

static bool only_json_flag(int argc, char **argv, const char *cmd, int *rc)
{
	bool json = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else
			*rc = cli_usage(cmd, "unexpected argument \"%s\"", argv[i]);
	}
	return json;
}

static int user_reset_2fa(struct cli *c, int argc, char **argv)
{
	const char *who = NULL;
	bool json = false;
	json_t *out = NULL;
	struct user_row u;
	struct err e;
	int rc = EXIT_USER;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (who == NULL && argv[i][0] != '-')
			who = argv[i];
		else
			return cli_usage("user reset-2fa", "unexpected argument \"%s\"", argv[i]);
	}
	if (who == NULL)
		return cli_usage("user reset-2fa", "name the user (user name or id)");
	if (cli_open(c) != 0)
		return EXIT_USER;
	err_init(&e);
	char *end;
	long long id = strtoll(who, &end, 10);
	if (*end != '\0' || id <= 0) {
		if (store_user_by_name(c->st, who, &u, &e) != 0) {
			err_set(&e, ERR_NOT_FOUND, "no user \"%s\"", who);
			goto out_fail;
		}
		sodium_memzero(u.password_hash, sizeof u.password_hash);
		id = u.id;
	}
	if (app_second_factor_reset(&c->ctx, id, &out, &e) != 0)
		goto out_fail;
	if (json)
		cli_print_json(out);
	else
		printf("second factor of %s reset%s; their sessions are ended\n",
		       json_string_value(json_object_get(out, "username")),
		       json_is_true(json_object_get(out, "had_second_factor")) ? "" : " (there was none)");
	rc = 0;
	goto out;
out_fail:
	rc = cli_fail(&e);
out:
	json_decref(out);
	err_release(&e);
	return rc;
}

int cmd_user(struct cli *c, int argc, char **argv)
{
	int rc = 0;
	if (argc < 2)
		return cli_usage("user", "say add, list or reset-2fa");
	if (strcmp(argv[1], "reset-2fa") == 0)
		return user_reset_2fa(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "add") == 0)
		return user_add(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0) {
		bool json = only_json_flag(argc - 1, argv + 1, "user list", &rc);
		return rc ? rc : list_items(c, json, app_user_list, user_line);
	}
	return cli_usage("user", "unknown action \"%s\"", argv[1]);
}

/* ---- organisations ---- */

void help_organisation(void)
{
	puts("usage: meedoen [--db PATH] organisation add --name NAME --type TYPE [--json]\n"
	     "       meedoen [--db PATH] organisation list [--json]\n"
	     "       meedoen [--db PATH] organisation set ID --require-second-factor yes|no [--json]\n\n"
	     "Types: municipality, social_work_company, refugee_support, welfare, language_provider,\n"
	     "employer, reception_agency, benefits_agency. --require-second-factor yes makes every\n"
	     "user of the organisation log in with a second factor (TOTP); who has none yet can\n"
	     "only set one up on their account page.");
}

static int org_set(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "require-second-factor", required_argument, NULL, 'r' },
					      { "json", no_argument, NULL, 'j' },
					      { NULL, 0, NULL, 0 } };
	json_t *in = json_object(), *out = NULL;
	bool json = false;
	long id = 0;
	int o, rc = EXIT_USAGE;
	struct err e;

	err_init(&e);
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'r') {
			if (strcmp(optarg, "yes") != 0 && strcmp(optarg, "no") != 0) {
				rc = cli_usage("organisation set", "--require-second-factor \"%s\" must be yes or no", optarg);
				goto out;
			}
			json_object_set_new(in, "require_second_factor", json_boolean(strcmp(optarg, "yes") == 0));
		} else if (o == 'j') {
			json = true;
		} else {
			rc = cli_usage("organisation set", "unknown option");
			goto out;
		}
	}
	if (optind != argc - 1) {
		rc = cli_usage("organisation set", "name one organisation by its id");
		goto out;
	}
	if (parse_long("organisation set", "ID", argv[optind], 1, 1L << 40, &id) != 0)
		goto out;
	rc = EXIT_USER;
	if (cli_open(c) != 0)
		goto out;
	if (app_org_update(&c->ctx, id, in, &out, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	if (json)
		cli_print_json(out);
	else
		printf("%s: second factor %s\n", json_string_value(json_object_get(out, "name")),
		       json_is_true(json_object_get(out, "require_second_factor")) ? "required" : "not required");
	rc = 0;
out:
	json_decref(in);
	json_decref(out);
	err_release(&e);
	return rc;
}

static void org_line(const json_t *o)
{
	printf("%4lld  %-45s %-20s%s\n", (long long)json_integer_value(json_object_get(o, "id")),
	       json_string_value(json_object_get(o, "name")), json_string_value(json_object_get(o, "type")),
	       json_is_true(json_object_get(o, "require_second_factor")) ? " second factor required" : "");
}

int cmd_organisation(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "name", required_argument, NULL, 'n' },
					      { "type", required_argument, NULL, 't' },
					      { "json", no_argument, NULL, 'j' },
					      { NULL, 0, NULL, 0 } };
	int rc = 0, o;
	if (argc < 2)
		return cli_usage("organisation", "say add, list or set");
	if (strcmp(argv[1], "set") == 0)
		return org_set(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0) {
		bool json = only_json_flag(argc - 1, argv + 1, "organisation list", &rc);
		return rc ? rc : list_items(c, json, app_org_list, org_line);
	}
	if (strcmp(argv[1], "add") != 0)
		return cli_usage("organisation", "unknown action \"%s\"", argv[1]);
	json_t *in = json_object(), *out = NULL;
	bool json = false;
	optind = 0;
	while ((o = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		if (o == 'n')
			json_object_set_new(in, "name", json_string(optarg));
		else if (o == 't')
			json_object_set_new(in, "type", json_string(optarg));
		else if (o == 'j')
			json = true;
		else {
			json_decref(in);
			return cli_usage("organisation add", "unknown option");
		}
	}
	struct err e;
	err_init(&e);
	rc = EXIT_USER;
	if (cli_open(c) == 0) {
		if (app_org_add(&c->ctx, in, &out, &e) != 0) {
			rc = cli_fail(&e);
		} else {
			if (json)
				cli_print_json(out);
			else
				org_line(out);
			rc = 0;
		}
	}
	json_decref(in);
	json_decref(out);
	err_release(&e);
	return rc;
}
