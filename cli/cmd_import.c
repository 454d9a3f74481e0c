/*
 * cmd_import.c - `meedoen import screening FILE`: read the file, import it
 * through app/, print the report, and draw a progress bar on stderr when
 * it is a terminal.
 */
#include "cli/cli.h"
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

static char *read_file(const char *path, size_t *n, struct err *e)
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
	if (e->kind != ERR_NONE) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, n);
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
	char *data = read_file(path, &n, &e);
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
	if (json && report) {
		cli_print_json(report);
	} else if (report) {
		printf("%s: %lld rows, %lld created, %lld updated, %lld rejected%s\n", path,
		       (long long)json_integer_value(json_object_get(report, "rows")),
		       (long long)json_integer_value(json_object_get(report, "created")),
		       (long long)json_integer_value(json_object_get(report, "updated")),
		       (long long)json_integer_value(json_object_get(report, "rejected")),
		       json_is_true(json_object_get(report, "committed")) ? "" : " - nothing was stored");
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(report, "errors"), i, x)
			fprintf(stderr, "%s:%lld: %s: %s\n", path, (long long)json_integer_value(json_object_get(x, "line")),
				json_string_value(json_object_get(x, "field")), json_string_value(json_object_get(x, "reason")));
	}
	if (ok != 0 && e.kind != ERR_INVALID)
		cli_fail(&e);
	bool rejected = report && json_integer_value(json_object_get(report, "rejected")) > 0;
	rc = ok == 0 && !rejected ? 0 : EXIT_USER;
out:
	json_decref(report);
	free(data);
	err_release(&e);
	return rc;
}
