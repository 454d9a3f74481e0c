/*
 * cmd_path.c - `meedoen phase list|add|end` and `meedoen signals`.
 */
#include "cli/cli.h"
#include "app/path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void help_phase(void)
{
	puts("usage: meedoen phase list PARTICIPANT [--json]\n"
	     "       meedoen phase add PARTICIPANT kind=KIND start_date=DATE [planned_end=DATE]\n"
	     "                         [previous_outcome=TEXT] [outcome=TEXT] [reason=TEXT] [--json]\n"
	     "       meedoen phase end PARTICIPANT PHASE actual_end=DATE [outcome=TEXT] [reason=TEXT] [--json]\n\n"
	     "Kinds: registration, intake, social_guidance, internal_work_learning,\n"
	     "external_work_learning, work_experience_place, language_internship, trial_placement,\n"
	     "paid_work, study, sheltered_work, career_orientation, care_activation, dropped_out.\n"
	     "A new main phase closes the open one on its start date; the transition table decides\n"
	     "which step may follow which (docs/api.md, \"The path\").");
}

void help_signals(void)
{
	puts("usage: meedoen [--as USER] signals [--user USER] [--summary] [--limit N] [--json]\n\n"
	     "The worklist: signals on the participants whose path the user may see, most overdue\n"
	     "first (--user is the same as the global --as). --summary gives the totals per rule and\n"
	     "per organisation over every participant (director, case manager, project leader).");
}

/* Plain "key=value" pairs as JSON strings (dates and texts only). */
static json_t *pairs(int argc, char **argv, const char *cmd, int *rc)
{
	json_t *o = json_object();
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (eq == NULL || eq == argv[i]) {
			*rc = cli_usage(cmd, "expected field=value, not \"%s\"", argv[i]);
			json_decref(o);
			return NULL;
		}
		*eq = '\0';
		json_object_set_new(o, argv[i], eq[1] ? json_string(eq + 1) : json_null());
		*eq = '=';
	}
	return o;
}

static long long parse_id(const char *s)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	return s && *s && *end == '\0' && v > 0 ? v : 0;
}

static void print_phases(const json_t *out)
{
	size_t i;
	json_t *p;
	json_t *items = json_object_get(out, "items");
	if (!items) { /* one phase */
		items = json_pack("[O]", out);
	} else {
		json_incref(items);
	}
	json_array_foreach(items, i, p) {
		const char *end = json_string_value(json_object_get(p, "actual_end"));
		const char *planned = json_string_value(json_object_get(p, "planned_end"));
		const char *outcome = json_string_value(json_object_get(p, "outcome"));
		printf("%5lld  %-30s %s .. %-10s %s%s%s\n", (long long)json_integer_value(json_object_get(p, "id")),
		       json_string_value(json_object_get(p, "kind_label")), json_string_value(json_object_get(p, "start_date")),
		       end ? end : "", planned && !end ? "(gepland tot " : "", planned && !end ? planned : "",
		       planned && !end ? ")" : outcome ? outcome : "");
	}
	json_decref(items);
}

int cmd_phase(struct cli *c, int argc, char **argv)
{
	bool json;
	struct err e;
	json_t *out = NULL, *in = NULL;
	int rc = EXIT_USAGE;

	argc = cli_take_json(argc, argv, &json);
	if (argc < 3)
		return cli_usage("phase", "say list, add or end, and a participant id");
	const char *action = argv[1];
	long long pid = parse_id(argv[2]);
	if (!pid)
		return cli_usage("phase", "\"%s\" is not a participant id", argv[2]);
	err_init(&e);
	if (strcmp(action, "list") == 0) {
		if (argc != 3)
			return cli_usage("phase list", "unexpected argument \"%s\"", argv[3]);
		if (cli_open(c) != 0)
			return EXIT_USER;
		rc = app_phase_list(&c->ctx, pid, &out, &e);
	} else if (strcmp(action, "add") == 0) {
		if ((in = pairs(argc - 3, argv + 3, "phase add", &rc)) == NULL)
			return rc;
		if (cli_open(c) != 0) {
			json_decref(in);
			return EXIT_USER;
		}
		rc = app_phase_add(&c->ctx, pid, in, &out, &e);
	} else if (strcmp(action, "end") == 0) {
		long long phase = argc > 3 ? parse_id(argv[3]) : 0;
		if (!phase)
			return cli_usage("phase end", "give the phase id");
		if ((in = pairs(argc - 4, argv + 4, "phase end", &rc)) == NULL)
			return rc;
		if (cli_open(c) != 0) {
			json_decref(in);
			return EXIT_USER;
		}
		rc = app_phase_update(&c->ctx, pid, phase, in, &out, &e);
	} else {
		return cli_usage("phase", "unknown action \"%s\"", action);
	}
	json_decref(in);
	if (rc != 0)
		rc = cli_fail(&e);
	else if (json)
		cli_print_json(out);
	else
		print_phases(out);
	json_decref(out);
	err_release(&e);
	return rc;
}

int cmd_signals(struct cli *c, int argc, char **argv)
{
	bool json, summary = false;
	int limit = 100;
	struct err e;
	json_t *out = NULL;

	argc = cli_take_json(argc, argv, &json);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--summary") == 0)
			summary = true;
		else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
			c->as_user = argv[++i];
		else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc)
			limit = atoi(argv[++i]);
		else
			return cli_usage("signals", "unexpected argument \"%s\"", argv[i]);
	}
	if (cli_open(c) != 0)
		return EXIT_USER;
	err_init(&e);
	int rc = summary ? app_signals_summary(&c->ctx, &out, &e) : app_signals(&c->ctx, limit, &out, &e);
	if (rc != 0) {
		rc = cli_fail(&e);
	} else if (json) {
		cli_print_json(out);
	} else if (summary) {
		size_t i;
		json_t *x;
		printf("%lld signals\n", (long long)json_integer_value(json_object_get(out, "total")));
		json_array_foreach(json_object_get(out, "by_rule"), i, x)
			printf("%7lld  %s\n", (long long)json_integer_value(json_object_get(x, "count")),
			       json_string_value(json_object_get(x, "label")));
		json_array_foreach(json_object_get(out, "by_organisation"), i, x)
			printf("%7lld  %s\n", (long long)json_integer_value(json_object_get(x, "total")),
			       json_string_value(json_object_get(x, "organisation_name")));
	} else {
		size_t i;
		json_t *x;
		printf("%lld signals\n", (long long)json_integer_value(json_object_get(out, "total")));
		json_array_foreach(json_object_get(out, "items"), i, x)
			printf("%s  %5lld d  %7lld  %-20s %-20s %s\n", json_string_value(json_object_get(x, "due")),
			       (long long)json_integer_value(json_object_get(x, "days_overdue")),
			       (long long)json_integer_value(json_object_get(x, "participant_id")),
			       json_string_value(json_object_get(x, "family_name")),
			       json_string_value(json_object_get(x, "given_names")), json_string_value(json_object_get(x, "label")));
	}
	json_decref(out);
	err_release(&e);
	return rc;
}
