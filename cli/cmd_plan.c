/*
 * cmd_plan.c - week planning on the command line (docs/week-plan.md):
 * `meedoen plan show|add|edit|remove|except|enrol|free|fit` and, through
 * cmd_timetable.c, `meedoen plan capacity`.
 *
 * Each action is a table of options (cli/options.h) that fills the body
 * the HTTP API takes, and one call into app/weekplan.h. `plan show` draws
 * the week as a grid (days across, day-parts down, a short label per item)
 * with the conflicts under it. A change refused because it would add
 * conflicts prints each new conflict and how to save anyway (exit 1);
 * --override REASON saves it and records the conflicts as accepted.
 */
#include "cli/cli.h"
#include "cli/cmd_timetable.h"
#include "cli/options.h"
#include "app/weekplan.h"
#include "base/buf.h"
#include "domain/date.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared pieces ---- */

/* Take the member "week" (a date) out of a->in into *week (0: absent). */
static int week_take(json_t *in, date_t *week, struct err *e)
{
	const char *s = member_text(in, "week");
	int rc = 0;
	*week = 0;
	if (s && date_parse(s, week) != 0)
		rc = err_field(e, "week", "\"%.20s\" is not a date such as \"2025-03-10\"", s);
	json_object_del(in, "week");
	return rc;
}

/* Append s to line cut to at most width characters (UTF-8 code points,
 * so a name with accents keeps its column), then padded to width when
 * pad. */
static void text_put(struct buf *line, const char *s, int width, bool pad)
{
	int n = 0;
	for (const char *p = s; *p && n < width; n++) {
		const char *q = p + 1;
		while ((*q & 0xC0) == 0x80)
			q++;
		buf_append(line, p, (size_t)(q - p));
		p = q;
	}
	for (; pad && n < width; n++)
		buf_putc(line, ' ');
}

static void cell_put(struct buf *line, const char *s, int width)
{
	text_put(line, s, width, true);
}

/* Print a line without its trailing spaces. */
static void line_print(struct buf *line)
{
	while (line->len && line->data[line->len - 1] == ' ')
		line->data[--line->len] = '\0';
	puts(line->data ? line->data : "");
}

/* The conflicts, numbered, each with "geaccepteerd: reason" where they
 * were accepted with an override. */
static void conflicts_print(const json_t *conflicts)
{
	size_t i;
	json_t *c;

	if (json_array_size(conflicts) == 0) {
		puts("\nconflicts: none");
		return;
	}
	puts("\nconflicts:");
	json_array_foreach(conflicts, i, c) {
		const json_t *acc = json_object_get(c, "accepted");
		printf("  %zu. %s [%s]\n", i + 1, member_text(c, "message"), member_text(c, "rule"));
		if (json_is_object(acc))
			printf("     geaccepteerd: %s (%s, %s)\n", member_text(acc, "reason"),
			       member_text(acc, "user_name") ? member_text(acc, "user_name") : "?",
			       member_text(acc, "created_at") ? member_text(acc, "created_at") : "?");
	}
}

/* A refusal because of new conflicts (out holds them): the error, each
 * new conflict and the way out; EXIT_USER. Other errors: -1 as they are. */
static int refusal(const struct args *a, int rc, const json_t *out, struct err *e)
{
	const json_t *conflicts = json_object_get(out, "conflicts");
	size_t i;
	json_t *c;

	if (rc == 0 || e->kind != ERR_CONFLICT || !json_is_array(conflicts))
		return rc;
	cli_fail(e);
	json_array_foreach(conflicts, i, c)
		fprintf(stderr, "meedoen: conflict: %s\n", member_text(c, "message"));
	fprintf(stderr, "meedoen: use --override REASON to save anyway\n");
	if (a->json)
		cli_print_json(out);
	return EXIT_USER;
}

static const struct field item_columns[] = {
	{ "KEY", "key", F_TEXT, 5, NULL },
	{ "KIND", "kind_label", F_TEXT, 20, NULL },
	{ "TITLE", "title", F_TEXT, 24, NULL },
	{ "START", "start_time", F_TEXT, 5, NULL },
	{ "END", "end_time", F_TEXT, 5, NULL },
	{ "FROM", "valid_from", F_TEXT, 10, NULL },
	{ "UNTIL", "valid_until", F_TEXT, 10, NULL },
	{ "LOCATION", "location", F_TEXT, 20, NULL },
	{ "DAY-PARTS", "day_parts", F_LIST, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field entry_fields[] = {
	{ "entry", "key", F_TEXT, 0, NULL },
	{ "kind", "kind_label", F_TEXT, 0, NULL },
	{ "title", "title", F_TEXT, 0, NULL },
	{ "day-parts", "day_parts", F_LIST, 0, NULL },
	{ "weekdays", "weekdays", F_LIST, 0, NULL },
	{ "start", "start_time", F_TEXT, 0, NULL },
	{ "end", "end_time", F_TEXT, 0, NULL },
	{ "location", "location", F_TEXT, 0, NULL },
	{ "placement", "placement_title", F_TEXT, 0, NULL },
	{ "training", "training_title", F_TEXT, 0, NULL },
	{ "job coach", "coach_name", F_TEXT, 0, NULL },
	{ "from", "valid_from", F_TEXT, 0, NULL },
	{ "until", "valid_until", F_TEXT, 0, NULL },
	{ "note", "note", F_TEXT, 0, NULL },
	{ "removed", "removed_at", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static const struct field exception_columns[] = {
	{ "ID", "id", F_TEXT, 5, NULL },
	{ "FROM", "from_date", F_TEXT, 10, NULL },
	{ "TO", "to_date", F_TEXT, 10, NULL },
	{ "REASON", "reason", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

/* ---- plan show ---- */

#define GRID_HEAD 12 /* the day-part column */
#define GRID_CELL 13 /* a day's column, its last character a space */

/* Short Dutch names of the days for the grid's head, Monday first. */
static const char *const day_short[] = { "ma", "di", "wo", "do", "vr", "za", "zo" };

/* The short label of the item with key in items: "e12 title" (or the
 * kind's label when the item has no title). */
static void item_label(struct buf *b, const json_t *items, const char *key)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		if (strcmp(member_text(it, "key") ? member_text(it, "key") : "", key) != 0)
			continue;
		const char *title = member_text(it, "title");
		buf_printf(b, "%s %s", key, title && *title ? title : member_text(it, "kind_label"));
		return;
	}
	buf_puts(b, key);
}

/* The lines of one cell: its items, its cancelled items in parentheses,
 * and "! 1,2" naming the conflicts (numbered as listed) in it. */
static json_t *cell_lines(const json_t *plan, const json_t *cell)
{
	const json_t *items = json_object_get(plan, "items");
	json_t *lines = json_array(), *x;
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	json_array_foreach(json_object_get(cell, "items"), i, x) {
		buf_reset(&b);
		item_label(&b, items, json_string_value(x));
		json_array_append_new(lines, json_string(b.data));
	}
	json_array_foreach(json_object_get(cell, "cancelled"), i, x) {
		struct buf label;
		buf_init(&label, 0);
		item_label(&label, items, json_string_value(x));
		buf_reset(&b);
		buf_putc(&b, '(');
		text_put(&b, label.data, GRID_CELL - 3, false);
		buf_putc(&b, ')');
		json_array_append_new(lines, json_string(b.data));
		buf_release(&label);
	}
	buf_reset(&b);
	json_array_foreach(json_object_get(cell, "conflicts"), i, x)
		buf_printf(&b, "%s%lld", i ? "," : "! ", (long long)json_integer_value(x) + 1);
	if (b.len)
		json_array_append_new(lines, json_string(b.data));
	buf_release(&b);
	return lines;
}

/* The week as a grid: a head with the days, then per day-part as many
 * lines as its fullest cell needs (at least two: the part's name and its
 * clock times). */
static void grid_print(const json_t *plan)
{
	const json_t *cells = json_object_get(plan, "cells"), *days = json_object_get(plan, "days");
	const json_t *times = json_object_get(plan, "times");
	struct buf line;

	buf_init(&line, 0);
	cell_put(&line, "", GRID_HEAD);
	for (size_t d = 0; d < 7; d++) {
		const char *date = member_text(json_array_get(days, d), "date");
		char head[32];
		snprintf(head, sizeof head, "%s %.2s-%.2s", day_short[d], date && strlen(date) == 10 ? date + 8 : "",
			 date && strlen(date) == 10 ? date + 5 : "");
		cell_put(&line, head, GRID_CELL);
	}
	line_print(&line);
	for (size_t p = 0; p < 3; p++) {
		const json_t *t = json_array_get(times, p);
		json_t *lines[7];
		size_t height = 2;
		char clock[32];

		snprintf(clock, sizeof clock, "%s-%s", member_text(t, "start_time") ? member_text(t, "start_time") : "",
			 member_text(t, "end_time") ? member_text(t, "end_time") : "");
		for (size_t d = 0; d < 7; d++) {
			/* cells are in day-part order: bit = day * 3 + part */
			lines[d] = cell_lines(plan, json_array_get(cells, d * 3 + p));
			if (json_array_size(lines[d]) > height)
				height = json_array_size(lines[d]);
		}
		for (size_t l = 0; l < height; l++) {
			buf_reset(&line);
			cell_put(&line, l == 0 ? member_text(t, "label") ? member_text(t, "label") : "" : l == 1 ? clock : "",
				 GRID_HEAD);
			for (size_t d = 0; d < 7; d++) {
				const char *s = json_string_value(json_array_get(lines[d], l));
				cell_put(&line, s ? s : l == 0 ? "-" : "", GRID_CELL - 1);
				buf_putc(&line, ' ');
			}
			line_print(&line);
		}
		for (size_t d = 0; d < 7; d++)
			json_decref(lines[d]);
	}
	buf_release(&line);
}

/* "label: a, b, c" or "label: none". */
static void parts_print(const char *label, const json_t *parts)
{
	size_t i;
	json_t *x;
	printf("%s:", label);
	json_array_foreach(parts, i, x)
		printf("%s%s", i ? ", " : " ", json_string_value(x));
	puts(json_array_size(parts) ? "" : " none");
}

static void plan_print(const json_t *plan)
{
	const json_t *person = json_object_get(plan, "person");
	const json_t *agreed = json_object_get(person, "agreed_parts");

	printf("week plan of participant %lld, week of %s\n\n",
	       (long long)json_integer_value(json_object_get(plan, "participant_id")), member_text(plan, "week"));
	grid_print(plan);
	section_print(plan, "items", "items", item_columns);
	if (json_array_size(json_object_get(plan, "exceptions")))
		section_print(plan, "exceptions", "holidays (nothing takes place)", exception_columns);
	conflicts_print(json_object_get(plan, "conflicts"));
	printf("\nwork day-parts: %lld", (long long)json_integer_value(json_object_get(plan, "work_day_parts")));
	if (json_is_true(json_object_get(person, "in_work_learning")) && json_is_integer(agreed))
		printf(" (in work-learning, %lld agreed)", (long long)json_integer_value(agreed));
	else if (json_is_true(json_object_get(person, "in_work_learning")))
		printf(" (in work-learning)");
	putchar('\n');
	parts_print("free day-parts", json_object_get(plan, "free_day_parts"));
}

static int plan_show(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	date_t week;
	int64_t pid = member_id_take(a->in, "participant_id");
	if (week_take(a->in, &week, e) != 0)
		return -1;
	return app_week_plan_get(&c->ctx, pid, week, out, e);
}

/* ---- changes: add, edit, remove, except, enrol ---- */

/* {"entry","conflicts"}: the entry, then the plan's conflicts. */
static void change_print(const json_t *out)
{
	const json_t *entry = json_object_get(out, "entry");
	if (json_is_object(entry))
		fields_print(entry, entry_fields);
	if (json_is_object(entry) && json_array_size(json_object_get(entry, "exceptions")))
		section_print(entry, "exceptions", "exceptions", exception_columns);
	conflicts_print(json_object_get(out, "conflicts"));
}

static int plan_add(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	int64_t pid = member_id_take(a->in, "participant_id");
	int rc = app_week_plan_entry_add(&c->ctx, pid, a->in, out, e);
	return refusal(a, rc, *out, e);
}

static int plan_edit(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	int64_t id = member_id_take(a->in, "entry_id");
	int rc = app_week_plan_entry_update(&c->ctx, id, a->in, out, e);
	return refusal(a, rc, *out, e);
}

static int plan_remove(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	int64_t id = member_id_take(a->in, "entry_id");
	int rc = app_week_plan_entry_remove(&c->ctx, id, a->in, out, e);
	return refusal(a, rc, *out, e);
}

/* An exception of one entry (answers the entry) or of the whole plan
 * (answers {"exception"}). */
static void except_print(const json_t *out)
{
	const json_t *ex = json_object_get(out, "exception");
	if (json_is_object(ex)) {
		printf("holiday %lld: nothing of the plan of participant %lld takes place from %s to %s (%s)\n",
		       (long long)json_integer_value(json_object_get(ex, "id")),
		       (long long)json_integer_value(json_object_get(ex, "participant_id")), member_text(ex, "from_date"),
		       member_text(ex, "to_date") ? member_text(ex, "to_date") : member_text(ex, "from_date"),
		       member_text(ex, "reason"));
		return;
	}
	fields_print(out, entry_fields);
	section_print(out, "exceptions", "exceptions", exception_columns);
}

static int plan_except(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	int64_t entry = member_id_take(a->in, "entry_id"), pid = member_id_take(a->in, "participant_id");
	if ((entry != 0) == (pid != 0))
		return cli_usage("plan except", "give either --entry ID or --participant ID");
	return entry ? app_week_plan_entry_exception(&c->ctx, entry, a->in, out, e)
		     : app_week_plan_exception_add(&c->ctx, pid, a->in, out, e);
}

static const struct field enrolment_fields[] = {
	{ "enrolment", "id", F_TEXT, 0, NULL },
	{ "class group", "group_name", F_TEXT, 0, NULL },
	{ "class group id", "group_id", F_TEXT, 0, NULL },
	{ "provider", "organisation_name", F_TEXT, 0, NULL },
	{ "participant", "participant_id", F_TEXT, 0, NULL },
	{ "from", "start_date", F_TEXT, 0, NULL },
	{ "until", "end_date", F_TEXT, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static void enrol_print(const json_t *out)
{
	fields_print(json_object_get(out, "enrolment"), enrolment_fields);
	conflicts_print(json_object_get(out, "conflicts"));
}

static int plan_enrol(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	int64_t group = member_id_take(a->in, "group_id");
	int rc = app_class_enrol(&c->ctx, group, a->in, out, e);
	return refusal(a, rc, *out, e);
}

/* ---- matching: free, fit ---- */

static const struct field free_columns[] = {
	{ "PARTICIPANT", "participant_id", F_TEXT, 11, NULL },
	{ "NAME", "family_name", F_NAME, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static void free_print(const json_t *out)
{
	list_print(out, "participant free then", "participants free then", free_columns);
}

static int plan_free(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	json_int_t full = json_integer_value(json_object_get(a->in, "full_days"));
	struct free_query q = {
		.day_parts = member_text(a->in, "day_parts"),
		.full_days = full < -1 ? -1 : full > 8 ? 8 : (int)full, /* out of range either way: app/ says so */
		.week = member_text(a->in, "week"),
	};
	return app_week_plan_free(&c->ctx, &q, out, e);
}

static const struct field fit_columns[] = {
	{ "ID", "id", F_TEXT, 6, NULL },
	{ "ORGANISATION", "organisation_name", F_TEXT, 30, NULL },
	{ "TITLE", "title", F_TEXT, 30, NULL },
	{ "TAKEN", "occupancy", F_OF, 9, "capacity" },
	{ "FULL DAYS", "full_days", F_YESNO, 9, NULL },
	{ "DAY-PARTS", "day_parts", F_LIST, 0, NULL },
	{ NULL, NULL, F_TEXT, 0, NULL },
};

static void fit_print(const json_t *out)
{
	parts_print("free day-parts", json_object_get(out, "free_day_parts"));
	list_print(out, "placement fits", "placements fit", fit_columns);
}

static int plan_fit(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	return app_fitting_placements(&c->ctx, member_id_take(a->in, "participant_id"), member_text(a->in, "week"), out,
				      e);
}

/* ---- the tables ---- */

static const struct opt show_opts[] = {
	{ "participant", "participant_id", OPT_INT, true },
	{ "week", "week", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

/* The members of an entry that add and edit both take. */
#define ENTRY_OPTS                                                       \
	{ "day-parts", "day_parts", OPT_LIST, false },                   \
	{ "weekdays", "weekdays", OPT_LIST, false },                     \
	{ "start", "start_time", OPT_TEXT, false },                      \
	{ "end", "end_time", OPT_TEXT, false },                          \
	{ "title", "title", OPT_TEXT, false },                           \
	{ "location", "location", OPT_TEXT, false },                     \
	{ "placement", "placement_id", OPT_INT, false },                 \
	{ "training", "training_id", OPT_INT, false },                   \
	{ "coach", "coach_user_id", OPT_INT, false },                    \
	{ "from", "valid_from", OPT_TEXT, false },                       \
	{ "until", "valid_until", OPT_TEXT, false },                     \
	{ "note", "note", OPT_TEXT, false },                             \
	{ "override", "override_reason", OPT_TEXT, false }

static const struct opt add_opts[] = {
	{ "participant", "participant_id", OPT_INT, true },
	{ "kind", "kind", OPT_TEXT, true },
	ENTRY_OPTS,
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt edit_opts[] = {
	{ "entry", "entry_id", OPT_INT, true },
	{ "kind", "kind", OPT_TEXT, false },
	ENTRY_OPTS,
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt remove_opts[] = {
	{ "entry", "entry_id", OPT_INT, true },
	{ "override", "override_reason", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt except_opts[] = {
	{ "entry", "entry_id", OPT_INT, false },
	{ "participant", "participant_id", OPT_INT, false },
	{ "from", "from_date", OPT_TEXT, true },
	{ "to", "to_date", OPT_TEXT, false },
	{ "reason", "reason", OPT_TEXT, true },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt enrol_opts[] = {
	{ "group", "group_id", OPT_INT, true },
	{ "participant", "participant_id", OPT_INT, true },
	{ "from", "start_date", OPT_TEXT, false },
	{ "until", "end_date", OPT_TEXT, false },
	{ "override", "override_reason", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt free_opts[] = {
	{ "day-parts", "day_parts", OPT_TEXT, true },
	{ "full-days", "full_days", OPT_INT, false },
	{ "week", "week", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt fit_opts[] = {
	{ "participant", "participant_id", OPT_INT, true },
	{ "week", "week", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct action plan_actions[] = {
	{ "show", "--participant ID [--week DATE] [--json]", { POS_NONE, POS_NONE }, { NULL, NULL }, show_opts, false,
	  plan_show, plan_print },
	{ "add",
	  "--participant ID --kind KIND (--day-parts tue_morning,thu_morning |\n"
	  "--weekdays tue,thu --start 09:00 --end 12:00) [--title T] [--location L]\n"
	  "[--placement ID] [--training ID] [--coach USERID] [--from DATE] [--until DATE]\n"
	  "[--note N] [--override REASON] [--json-in FILE|-] [--json]",
	  { POS_NONE, POS_NONE }, { NULL, NULL }, add_opts, true, plan_add, change_print },
	{ "edit", "--entry ID [the options of add but --participant] [--json-in FILE|-] [--json]",
	  { POS_NONE, POS_NONE }, { NULL, NULL }, edit_opts, true, plan_edit, change_print },
	{ "remove", "--entry ID [--override REASON] [--json]", { POS_NONE, POS_NONE }, { NULL, NULL }, remove_opts,
	  false, plan_remove, change_print },
	{ "except", "(--entry ID | --participant ID) --from DATE [--to DATE] --reason R [--json]",
	  { POS_NONE, POS_NONE }, { NULL, NULL }, except_opts, false, plan_except, except_print },
	{ "enrol", "--group ID --participant ID [--from DATE] [--until DATE] [--override REASON] [--json]",
	  { POS_NONE, POS_NONE }, { NULL, NULL }, enrol_opts, false, plan_enrol, enrol_print },
	{ "free", "--day-parts tue_morning,thu_morning,... [--full-days N] [--week DATE] [--json]",
	  { POS_NONE, POS_NONE }, { NULL, NULL }, free_opts, false, plan_free, free_print },
	{ "fit", "--participant ID [--week DATE] [--json]", { POS_NONE, POS_NONE }, { NULL, NULL }, fit_opts, false,
	  plan_fit, fit_print },
	{ NULL, NULL, { POS_NONE, POS_NONE }, { NULL, NULL }, NULL, false, NULL, NULL },
};

static const struct cmd_group plan_group = {
	"plan", plan_actions,
	"A participant's week plan: recurring entries on day-parts (mon..sun + _morning,\n"
	"_afternoon, _evening) or on weekdays with clock times, plus the classes of the class\n"
	"groups they are enrolled in. Kinds: language_class, work, training, coach_appointment,\n"
	"buddy_meeting, other. `show` draws the week (DATE: any day of it; default this week)\n"
	"with the conflicts; in the grid \"(e3 ...)\" is cancelled that day and \"! 1\" marks\n"
	"conflict 1. A change that would add conflicts is refused (exit 1) with each new\n"
	"conflict; --override REASON saves it and records them as accepted. `except` cancels\n"
	"one entry, or the whole plan (a holiday), on those days. `free` lists the\n"
	"participants free in every given day-part (and on N full days); `fit` the placements\n"
	"that fit a participant's free day-parts. --json-in takes the body of the API\n"
	"(docs/week-plan.md)."
};

int cmd_plan(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "capacity") == 0)
		return cmd_plan_capacity(c, argc, argv);
	return cmd_group_run(&plan_group, c, argc, argv);
}

void help_plan(void)
{
	cmd_group_help(&plan_group);
	putchar('\n');
	help_plan_capacity();
}
