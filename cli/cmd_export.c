/*
 * cmd_export.c - files made from the week plan, on the command line
 * (docs/week-plan.md, "Calendars" and "The week card"):
 * `meedoen export ics --participant ID | --coach USER` writes an
 * iCalendar file (RFC 5545) of a participant's plan or of a job coach's
 * appointments, `meedoen export weekcard --participant ID --out FILE.pdf`
 * the printable one-page A4 week card. Reading them is reading the plan,
 * with the access and logging of app/weekplan.h.
 */
#include "cli/cli.h"
#include "cli/options.h"
#include "app/weekcard.h"
#include "app/weekplan.h"
#include "base/buf.h"
#include "domain/date.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Write n bytes of data to path ("-" or NULL: stdout). *out becomes
 * {"file","bytes"} for a file, NULL for stdout. */
static int output_write(const char *path, const char *data, size_t n, json_t **out, struct err *e)
{
	bool std = path == NULL || strcmp(path, "-") == 0;
	FILE *f = std ? stdout : fopen(path, "wb");

	if (f == NULL)
		return err_field(e, "out", "cannot open \"%s\": %s", path, strerror(errno));
	size_t put = fwrite(data, 1, n, f);
	int closed = std ? fflush(f) : fclose(f);
	if (put != n || closed != 0)
		return err_field(e, "out", "cannot write \"%s\": %s", std ? "stdout" : path, strerror(errno));
	*out = std ? NULL : json_pack("{s:s,s:I}", "file", path, "bytes", (json_int_t)n);
	return 0;
}

/* "wrote FILE (N bytes)"; nothing when the file went to stdout. */
static void written_print(const json_t *out)
{
	if (out)
		printf("wrote %s (%lld bytes)\n", member_text(out, "file"),
		       (long long)json_integer_value(json_object_get(out, "bytes")));
}

/* The user --coach names: a user id, or a user name. */
static int coach_find(struct cli *c, const char *coach, int64_t *id, struct err *e)
{
	char *end;
	long long v = strtoll(coach, &end, 10);
	struct user_row u;

	if (*coach && *end == '\0') {
		*id = v > 0 ? v : 0;
		return *id ? 0 : err_field(e, "coach", "\"%s\" is not a user id or name", coach);
	}
	if (store_user_by_name(c->st, coach, &u, e) != 0) {
		err_clear(e);
		return err_field(e, "coach", "no user \"%.64s\"", coach);
	}
	*id = u.id;
	return 0;
}

static int export_ics(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	int64_t pid = member_id_take(a->in, "participant_id"), coach = 0;
	const char *coach_name = member_text(a->in, "coach");
	struct buf b;
	int rc;

	if ((pid != 0) == (coach_name != NULL))
		return cli_usage("export ics", "give either --participant ID or --coach USER");
	if (coach_name && coach_find(c, coach_name, &coach, e) != 0)
		return -1;
	buf_init(&b, 0);
	rc = pid ? app_week_plan_ics(&c->ctx, pid, &b, e) : app_coach_ics(&c->ctx, coach, &b, e);
	if (rc == 0)
		rc = output_write(member_text(a->in, "out"), b.data ? b.data : "", b.len, out, e);
	buf_release(&b);
	return rc;
}

static int export_weekcard(struct cli *c, struct args *a, json_t **out, struct err *e)
{
	int64_t pid = member_id_take(a->in, "participant_id");
	const char *week_s = member_text(a->in, "week");
	date_t week = 0;
	json_t *model = NULL;
	char *pdf = NULL;
	size_t len = 0;
	int rc = -1;

	if (week_s && date_parse(week_s, &week) != 0)
		return err_field(e, "week", "\"%.20s\" is not a date such as \"2025-03-10\"", week_s);
	if (app_week_card_get(&c->ctx, pid, week, member_text(a->in, "lang"), &model, e) != 0)
		goto out;
	if (weekcard_pdf(model, &pdf, &len, e) != 0)
		goto out;
	rc = output_write(member_text(a->in, "out"), pdf, len, out, e);
out:
	free(pdf);
	json_decref(model);
	return rc;
}

static const struct opt ics_opts[] = {
	{ "participant", "participant_id", OPT_INT, false },
	{ "coach", "coach", OPT_TEXT, false },
	{ "out", "out", OPT_TEXT, false },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct opt weekcard_opts[] = {
	{ "participant", "participant_id", OPT_INT, true },
	{ "lang", "lang", OPT_TEXT, false },
	{ "week", "week", OPT_TEXT, false },
	{ "out", "out", OPT_TEXT, true },
	{ NULL, NULL, OPT_TEXT, false },
};

static const struct action export_actions[] = {
	{ "ics", "--participant ID [--out FILE]\n--coach USER [--out FILE]", { POS_NONE, POS_NONE }, { NULL, NULL },
	  ics_opts, false, export_ics, written_print },
	{ "weekcard", "--participant ID [--lang CODE] [--week DATE] --out FILE.pdf", { POS_NONE, POS_NONE },
	  { NULL, NULL }, weekcard_opts, false, export_weekcard, written_print },
	{ NULL, NULL, { POS_NONE, POS_NONE }, { NULL, NULL }, NULL, false, NULL, NULL },
};

static const struct cmd_group export_group = {
	"export", export_actions,
	"`ics` writes a participant's week plan, or a job coach's appointments (USER: a user id or\n"
	"name; the coach themself or a project leader), as an iCalendar file (RFC 5545) to FILE\n"
	"or to stdout: weekly events in Europe/Amsterdam time, one per entry, weekday and\n"
	"day-part, with the exceptions left out. `weekcard` writes the participant's week card\n"
	"as a one-page A4 PDF in Dutch and the participant's own language (CODE: nl, ar, ti, fa,\n"
	"prs, so, tr, uk, en; default the first of their languages with a translation) for the\n"
	"week holding DATE (default this week). FILE - is stdout."
};

int cmd_export(struct cli *c, int argc, char **argv)
{
	return cmd_group_run(&export_group, c, argc, argv);
}

void help_export(void)
{
	cmd_group_help(&export_group);
}
