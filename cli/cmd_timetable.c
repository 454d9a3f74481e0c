/*
 * cmd_timetable.c - class groups, class attendance and the capacity
 * grid on the command line (the timetable and attendance imports are in
 * cmd_import.c). Each
 * action is one call into app/timetable.h; output is text, or the app's
 * JSON with --json. Exit status as in cli.h.
 */
#include "cli/cmd_timetable.h"
#include "app/timetable.h"
#include "base/buf.h"
#include "domain/daypart.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A positive id from an option value; 0 when it is not one. */
static int64_t id_arg(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	return *s && *end == '\0' && v > 0 ? v : 0;
}

static const char *text(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

/* ---- timetable list | attendance ---- */

static void print_groups(const json_t *out)
{
	size_t i, k;
	json_t *g, *s;
	json_array_foreach(json_object_get(out, "items"), i, g) {
		printf("%lld  %s - %s%s%s  %s..%s  %lld ingeschreven%s\n",
		       (long long)json_integer_value(json_object_get(g, "id")), text(g, "organisation_name"), text(g, "name"),
		       *text(g, "level") ? " " : "", text(g, "level"), text(g, "start_date"), text(g, "end_date"),
		       (long long)json_integer_value(json_object_get(g, "enrolled")),
		       json_is_true(json_object_get(g, "active")) ? "" : " (niet actief)");
		json_array_foreach(json_object_get(g, "sessions"), k, s)
			printf("    %-9s %s-%s\n", text(s, "weekday_label"), text(s, "start_time"), text(s, "end_time"));
	}
}

static void print_attendance(const json_t *out)
{
	size_t i;
	json_t *x;
	printf("%s  %s\n", text(out, "group_name"), text(out, "day"));
	json_array_foreach(json_object_get(out, "items"), i, x) {
		struct buf name;
		buf_init(&name, 0);
		if (json_is_true(json_object_get(x, "hidden")))
			buf_puts(&name, "(naam afgeschermd)");
		else
			buf_printf(&name, "%s, %s", text(x, "family_name"), text(x, "given_names"));
		printf("  %6lld  %-40s %s%s%s\n", (long long)json_integer_value(json_object_get(x, "participant_id")),
		       name.data ? name.data : "",
		       json_is_true(json_object_get(x, "status_hidden")) ? "(afgeschermd)"
		       : *text(x, "status")				  ? text(x, "status")
									  : "-",
		       *text(x, "reason") ? "  " : "", text(x, "reason"));
		buf_release(&name);
	}
}

int cmd_timetable(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "organisation", required_argument, NULL, 'o' },
					      { "all", no_argument, NULL, 'a' },
					      { "group", required_argument, NULL, 'g' },
					      { "day", required_argument, NULL, 'd' },
					      { NULL, 0, NULL, 0 } };
	bool json, all = false;
	int64_t org = 0, group = 0;
	const char *day = NULL;
	int o;

	argc = cli_take_json(argc, argv, &json);
	if (argc < 2 || (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "attendance") != 0))
		return cli_usage("timetable", "say what to do: list or attendance");
	const char *action = argv[1];
	optind = 0;
	while ((o = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (o) {
		case 'o':
			if ((org = id_arg(optarg)) == 0)
				return cli_usage("timetable", "--organisation takes an organisation id");
			break;
		case 'a': all = true; break;
		case 'g':
			if ((group = id_arg(optarg)) == 0)
				return cli_usage("timetable", "--group takes a class group id");
			break;
		case 'd': day = optarg; break;
		default: return cli_usage("timetable", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage("timetable", "unexpected argument \"%s\"", argv[optind + 1]);
	if (strcmp(action, "attendance") == 0 && group == 0)
		return cli_usage("timetable", "attendance needs --group ID");
	if (cli_open(c) != 0)
		return EXIT_USER;
	struct err e;
	json_t *out = NULL;
	err_init(&e);
	int rc = strcmp(action, "list") == 0 ? app_class_group_list(&c->ctx, org, all, &out, &e)
					     : app_class_attendance_get(&c->ctx, group, day, &out, &e);
	if (rc != 0)
		rc = cli_fail(&e);
	else if (json)
		cli_print_json(out);
	else if (strcmp(action, "list") == 0)
		print_groups(out);
	else
		print_attendance(out);
	json_decref(out);
	err_release(&e);
	cli_close(c);
	return rc;
}

void help_timetable(void)
{
	puts("usage: meedoen timetable list [--organisation ID] [--all] [--json]\n"
	     "       meedoen timetable attendance --group ID [--day YYYY-MM-DD] [--json]\n\n"
	     "List the language providers' class groups with their weekly sessions (--all: the\n"
	     "inactive ones too), or the class attendance of one group on a day (default today):\n"
	     "everyone enrolled that day, names only where you may see them. A language provider\n"
	     "sees its own groups only. Import timetables with `meedoen import timetable`.");
}

void help_timetable_import(void)
{
	puts("\nusage: meedoen import timetable FILE [--partial] [--json]\n"
	     "       meedoen import class-attendance FILE [--partial] [--json]\n\n"
	     "Import language-class timetables (one row per weekly session; the rows of one provider\n"
	     "and group make one group, whose details and sessions a new import replaces) or class\n"
	     "attendance (provider,group,participant_id,day,status,reason) from CSV; see\n"
	     "docs/timetable-import.md. A group with one bad row is not imported; without --partial\n"
	     "one bad row refuses the whole file. Each rejected row is reported on stderr as\n"
	     "FILE:LINE: column: reason; exit status 1 when rows were rejected.");
}

/* ---- plan capacity ---- */

static void print_capacity(const json_t *out)
{
	static const char *const days[] = { "ma", "di", "wo", "do", "vr", "za", "zo" };
	size_t i, k;
	json_t *p, *w;
	json_array_foreach(json_object_get(out, "items"), i, p) {
		printf("%s - %s (%lld plaatsen%s)\n", text(p, "organisation_name"), text(p, "title"),
		       (long long)json_integer_value(json_object_get(p, "capacity")),
		       json_is_true(json_object_get(p, "is_hall")) ? " per dagdeel, productiehal" : "");
		json_array_foreach(json_object_get(p, "grid"), k, w) {
			printf("  week %s\n    %-12s", text(w, "week"), "");
			for (int d = 0; d < WEEKDAY_COUNT; d++)
				printf(" %4s ", days[d]);
			putchar('\n');
			for (int part = 0; part < DAY_PART_COUNT; part++) {
				printf("    %-12s", day_part_label((enum day_part)part));
				for (int d = 0; d < WEEKDAY_COUNT; d++) {
					json_int_t n = json_integer_value(json_array_get(json_object_get(w, "planned"),
											 (size_t)(d * 3 + part)));
					bool over = n > json_integer_value(json_object_get(p, "capacity"));
					printf(" %4lld%s", (long long)n, over ? "!" : "");
					if (!over)
						putchar(' ');
				}
				putchar('\n');
			}
		}
	}
	puts("(! = meer ingepland dan er plaatsen zijn)");
}

int cmd_plan_capacity(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "from", required_argument, NULL, 'f' },
					      { "weeks", required_argument, NULL, 'w' },
					      { "organisation", required_argument, NULL, 'o' },
					      { NULL, 0, NULL, 0 } };
	bool json;
	const char *from = NULL;
	int weeks = 4, o;
	int64_t org = 0;

	argc = cli_take_json(argc, argv, &json);
	if (argc < 2 || strcmp(argv[1], "capacity") != 0)
		return cli_usage("plan", "say what to show: capacity");
	optind = 0;
	while ((o = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (o) {
		case 'f': from = optarg; break;
		case 'w': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 1 || v > 12)
				return cli_usage("plan", "--weeks takes a number from 1 to 12");
			weeks = (int)v;
			break;
		}
		case 'o':
			if ((org = id_arg(optarg)) == 0)
				return cli_usage("plan", "--organisation takes an organisation id");
			break;
		default: return cli_usage("plan", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage("plan", "unexpected argument \"%s\"", argv[optind + 1]);
	if (cli_open(c) != 0)
		return EXIT_USER;
	struct err e;
	json_t *out = NULL;
	err_init(&e);
	int rc = app_capacity(&c->ctx, from, weeks, org, &out, &e);
	if (rc != 0)
		rc = cli_fail(&e);
	else if (json)
		cli_print_json(out);
	else
		print_capacity(out);
	json_decref(out);
	err_release(&e);
	cli_close(c);
	return rc;
}

void help_plan_capacity(void)
{
	puts("usage: meedoen plan capacity [--from YYYY-MM-DD] [--weeks N] [--organisation ID] [--json]\n\n"
	     "The capacity grid of the active placements: per week (N from 1 to 12, default 4, from\n"
	     "the Monday of --from, default this week) and day-part, how many participants have a work\n"
	     "entry at the placement in their week plan; ! marks a day-part above the capacity. An\n"
	     "employer sees its own placements only.");
}
