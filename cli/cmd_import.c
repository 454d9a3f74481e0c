/*
 * cmd_import.c - `meedoen import KIND FILE`: every file import. Screening
 * profiles (CSV or JSON lines, with a progress bar on stderr when it is a
 * terminal) and the CSV imports of the employer side and the language
 * providers (employers, placements, timetables, class attendance), one
 * table row each. Each reads the file, imports it through app/, prints
 * the report on stdout and each rejected row as FILE:LINE: column: reason
 * on stderr; exit status 1 when rows were rejected.
 */
#include "cli/cli.h"
#include "app/employer_import.h"
#include "cli/cmd_timetable.h"
#include "cli/options.h"
#include "app/timetable.h"
#include "base/buf.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void help_import(void)
{
	puts("usage: meedoen import screening FILE [--format csv|jsonl] [--partial] [--json]\n\n"
	     "Import reception-centre screening profiles (docs/screening-import.md). A row whose\n"
	     "external_id is known updates that participant; a new one registers a participant.\n"
	     "One bad row refuses the whole file unless --partial, which stores the good rows.\n"
	     "The format follows the file name (.csv, .jsonl or .ndjson) unless --format says.\n"
	     "Exit status 1 when rows were rejected.");
}

static void progress_bar(void *arg, long rows, size_t done, size_t total)
{
	(void)arg;
	int width = 40;
	int filled = total ? (int)((double)done / (double)total * width) : width;
	fprintf(stderr, "\r[%.*s%*s] %3d%%  %ld rows", filled, "########################################",
		width - filled, "", total ? (int)((double)done * 100.0 / (double)total) : 100, rows);
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* The whole file at path ("-": stdin); NULL with e filled. Free with free(). */
static char *file_read(const char *path, size_t *n, struct err *e)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t got;

	if (f == NULL) {
		err_set(e, ERR_NOT_FOUND, "cannot open \"%s\"", path);
		return NULL;
	}
	buf_init(&b, 0);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, got);
	if (ferror(f))
		err_set(e, ERR_BAD_REQUEST, "cannot read \"%s\"", path);
	if (f != stdin)
		fclose(f);
	char *data = e->kind == ERR_NONE ? buf_detach(&b, n) : NULL;
	if (data == NULL && e->kind == ERR_NONE)
		err_set(e, ERR_TOO_LARGE, "\"%s\" is too large", path);
	buf_release(&b);
	return data;
}

/* A report member as a number, for printing. */
static long long count_of(const json_t *report, const char *key)
{
	return (long long)json_integer_value(json_object_get(report, key));
}

/* Print an import report: the counts on stdout (groups and unchanged when
 * the import has them), each rejected row on stderr. Returns the exit
 * status the import earns: 0, or EXIT_USER when it failed or rejected
 * rows. */
static int report_print(const char *path, int ok, const json_t *report, bool json, const struct err *e)
{
	if (json && report) {
		cli_print_json(report);
	} else if (report) {
		printf("%s: %lld rows", path, count_of(report, "rows"));
		if (json_object_get(report, "groups"))
			printf(", %lld groups", count_of(report, "groups"));
		printf(", %lld created, %lld updated", count_of(report, "created"), count_of(report, "updated"));
		if (json_object_get(report, "unchanged"))
			printf(", %lld unchanged", count_of(report, "unchanged"));
		printf(", %lld rejected%s\n", count_of(report, "rejected"),
		       json_is_true(json_object_get(report, "committed")) ? "" : " - nothing was stored");
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(report, "errors"), i, x) {
			const char *field = member_text(x, "field"), *reason = member_text(x, "reason");
			fprintf(stderr, "%s:%lld: %s: %s\n", path, count_of(x, "line"), field ? field : "",
				reason ? reason : "");
		}
	}
	if (ok != 0 && e->kind != ERR_INVALID)
		cli_fail(e);
	return ok == 0 && count_of(report, "rejected") == 0 ? 0 : EXIT_USER;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "format", required_argument, NULL, 'f' },
					      { "partial", no_argument, NULL, 'p' },
					      { "json", no_argument, NULL, 'j' },
					      { NULL, 0, NULL, 0 } };
	const char *format = NULL;
	bool partial = false, json = false;
	int o;

	if (argc < 2 || strcmp(argv[1], "screening") != 0)
		return cli_usage("import", "say what to import: screening");
	optind = 0;
	while ((o = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		if (o == 'f')
			format = optarg;
		else if (o == 'p')
			partial = true;
		else if (o == 'j')
			json = true;
		else
			return cli_usage("import", "unknown option");
	}
	if (optind + 1 != argc - 1)
		return cli_usage("import", "give exactly one FILE");
	const char *path = argv[optind + 1];
	enum import_format fmt;
	if (format ? strcmp(format, "csv") == 0 : ends_with(path, ".csv"))
		fmt = IMPORT_CSV;
	else if (format ? strcmp(format, "jsonl") == 0 : (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")))
		fmt = IMPORT_JSONL;
	else
		return cli_usage("import", format ? "--format must be csv or jsonl" : "name the format with --format");

	struct err e;
	size_t n = 0;
	json_t *report = NULL;
	err_init(&e);
	char *data = file_read(path, &n, &e);
	if (data == NULL) {
		int rc = cli_fail(&e);
		err_release(&e);
		return rc;
	}
	int rc = EXIT_USER;
	if (cli_open(c) != 0)
		goto out;
	bool tty = isatty(STDERR_FILENO) && !json;
	int ok = app_import_screening(&c->ctx, fmt, data, n, partial, tty ? progress_bar : NULL, NULL, &report, &e);
	rc = report_print(path, ok, report, json, &e);
out:
	json_decref(report);
	free(data);
	err_release(&e);
	return rc;
}

/* ---- CSV imports: employers, placements, timetables, class attendance ---- */

typedef int (*import_fn)(struct app_ctx *ctx, const char *data, size_t n, bool partial, json_t **report,
			 struct err *e);

static const struct {
	const char *what;
	import_fn run;
} csv_imports[] = {
	{ "employers", app_import_employers },
	{ "placements", app_import_placements },
	{ "timetable", app_import_timetable },
	{ "class-attendance", app_import_class_attendance },
};

/* `meedoen import KIND FILE [--partial] [--json]` for a CSV import. */
static int import_csv(struct cli *c, int argc, char **argv, import_fn run)
{
	const char *path = NULL;
	bool json, partial = false;
	struct err e;
	json_t *report = NULL;
	size_t n = 0;
	int rc = EXIT_USER;

	argc = cli_take_json(argc, argv, &json);
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--partial") == 0)
			partial = true;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage("import", "unknown option \"%s\"", argv[i]);
		else if (path)
			return cli_usage("import", "give exactly one FILE");
		else
			path = argv[i];
	}
	if (path == NULL)
		return cli_usage("import", "give the FILE to import (- for stdin)");
	err_init(&e);
	char *data = file_read(path, &n, &e);
	if (data == NULL) {
		rc = cli_fail(&e);
		goto out;
	}
	if (cli_open(c) != 0)
		goto out;
	int ok = run(&c->ctx, data, n, partial, &report, &e);
	rc = report_print(path, ok, report, json, &e);
out:
	json_decref(report);
	free(data);
	err_release(&e);
	return rc;
}

int cmd_import_any(struct cli *c, int argc, char **argv)
{
	for (size_t i = 0; argc >= 2 && i < sizeof csv_imports / sizeof csv_imports[0]; i++)
		if (strcmp(argv[1], csv_imports[i].what) == 0)
			return import_csv(c, argc, argv, csv_imports[i].run);
	if (argc >= 2 && strcmp(argv[1], "screening") == 0)
		return cmd_import(c, argc, argv);
	return cli_usage("import", "say what to import: screening, employers or placements; timetable or class-attendance");
}

void help_import_any(void)
{
	help_import();
	puts("\nusage: meedoen import employers FILE [--partial] [--json]\n"
	     "meedoen import placements FILE [--partial] [--json]\n\n"
	     "Import the employer network or its placements from CSV (docs/employer-import.md).\n"
	     "Employers are matched on their name, placements on external_id: a known one is\n"
	     "updated, a new one added, and rows that change nothing are not stored again. One bad\n"
	     "row refuses the whole file unless --partial. FILE - reads stdin. Each rejected row\n"
	     "is reported on stderr as FILE:LINE: column: reason; exit status 1 when rows were\n"
	     "rejected. Account managers and project leaders (and the local operator) may import.");
	help_timetable_import();
}
