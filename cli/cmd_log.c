/*
 * cmd_log.c - `meedoen log`: the processing log. `log PARTICIPANT` shows
 * one participant's entries (cmd_participant.c); `log verify` checks the
 * hash chain of the whole log, `log export` writes it as Logboek
 * Dataverwerkingen JSON Lines and `log activities` lists the register of
 * processing activities the entries point into (docs/processing-log.md).
 */
#include "cli/cli.h"
#include "app/audit.h"
#include "base/xmalloc.h"
#include "domain/logchain.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void help_log(void)
{
	puts("usage: meedoen log PARTICIPANT [--page N] [--json]\n"
	     "       meedoen log verify [--anchor FILE] [--json]\n"
	     "       meedoen log export [--from DATE] [--to DATE] [--out FILE]\n"
	     "       meedoen log activities [--json]\n\n"
	     "log PARTICIPANT   the processing log of a participant, newest first: who read or\n"
	     "                  changed their data, when, for which processing activity.\n"
	     "log verify        walk the whole log and check its hash chain: any edited, deleted,\n"
	     "                  inserted or reordered entry is reported with its place (segment,\n"
	     "                  seq, row id); exit status 1 then, 0 when intact. An intact log\n"
	     "                  prints one \"head SEGMENT SEQ HASH\" line per segment: keep that\n"
	     "                  output outside this machine, and later `--anchor FILE` checks\n"
	     "                  those entries are still there unchanged.\n"
	     "log export        the entries that started on the UTC days DATE..DATE (YYYY-MM-DD,\n"
	     "                  both inclusive, either may be left out) as JSON Lines in the field\n"
	     "                  names of Logius' Logboek Dataverwerkingen; to FILE (created mode\n"
	     "                  0600) or stdout. The export is itself logged.\n"
	     "log activities    the register of processing activities, with their URIs.\n\n"
	     "verify and export: the local operator, or --as a user whose role reads anyone's log.");
}

/* ---- verify ---- */

/* Read "head SEGMENT SEQ HASH" lines from path; other lines are skipped. */
static int read_anchors(const char *path, struct logchain_anchor **out, size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[512];
	size_t cap = 0, lineno = 0;

	*out = NULL;
	*n = 0;
	if (f == NULL)
		return cli_usage("log verify", "--anchor: cannot read \"%s\": %s", path, strerror(errno));
	while (fgets(line, sizeof line, f)) {
		struct logchain_anchor a;
		lineno++;
		int rc = logchain_anchor_parse(line, &a);
		if (rc == 1)
			continue;
		if (rc != 0) {
			fclose(f);
			free(*out);
			*out = NULL;
			return cli_usage("log verify", "--anchor: \"%s\" line %zu is not \"head SEGMENT SEQ HASH\"",
					 path, lineno);
		}
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		(*out)[(*n)++] = a;
	}
	fclose(f);
	return 0;
}

static void print_verify(const json_t *r)
{
	size_t i;
	json_t *x;
	long long unchained = (long long)json_integer_value(json_object_get(r, "unchained"));

	if (json_is_true(json_object_get(r, "intact"))) {
		printf("processing log intact: %lld entries in %lld segments",
		       (long long)json_integer_value(json_object_get(r, "entries")),
		       (long long)json_integer_value(json_object_get(r, "segments")));
		if (unchained)
			printf(" (the first %lld from before the chain, not covered)", unchained);
		long long anchors = (long long)json_integer_value(json_object_get(r, "anchors_checked"));
		if (anchors)
			printf("; %lld anchored heads still there", anchors);
		printf("\n# record these heads elsewhere; `meedoen log verify --anchor FILE` checks them\n");
		json_array_foreach(json_object_get(r, "heads"), i, x)
			printf("head %lld %lld %s\n", (long long)json_integer_value(json_object_get(x, "segment")),
			       (long long)json_integer_value(json_object_get(x, "seq")),
			       json_string_value(json_object_get(x, "hash")));
		return;
	}
	printf("processing log TAMPERED: %zu broken places\n", json_array_size(json_object_get(r, "breaks")));
	json_array_foreach(json_object_get(r, "breaks"), i, x)
		printf("broken at segment %lld seq %lld (row id %lld): %s\n",
		       (long long)json_integer_value(json_object_get(x, "segment")),
		       (long long)json_integer_value(json_object_get(x, "seq")),
		       (long long)json_integer_value(json_object_get(x, "id")),
		       json_string_value(json_object_get(x, "problem")));
}

static int log_verify(struct cli *c, int argc, char **argv)
{
	bool json;
	const char *anchor_path = NULL;
	struct logchain_anchor *anchors = NULL;
	size_t nanchors = 0;
	json_t *out = NULL;
	struct err e;
	int rc;

	argc = cli_take_json(argc, argv, &json);
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--anchor") == 0 && i + 1 < argc)
			anchor_path = argv[++i];
		else
			return cli_usage("log verify", "unexpected argument \"%s\"", argv[i]);
	}
	if (anchor_path && read_anchors(anchor_path, &anchors, &nanchors) != 0)
		return EXIT_USAGE;
	if (cli_open(c) != 0) {
		free(anchors);
		return EXIT_USER;
	}
	err_init(&e);
	rc = app_log_verify(&c->ctx, anchors, nanchors, &out, &e);
	free(anchors);
	if (rc != 0) {
		rc = cli_fail(&e);
		err_release(&e);
		return rc;
	}
	if (json)
		cli_print_json(out);
	else
		print_verify(out);
	rc = json_is_true(json_object_get(out, "intact")) ? 0 : EXIT_USER;
	json_decref(out);
	err_release(&e);
	return rc;
}

/* ---- export ---- */

static int emit_line(void *arg, const char *line, struct err *e)
{
	FILE *f = arg;
	if (fputs(line, f) == EOF || fputc('\n', f) == EOF)
		return err_set(e, ERR_INTERNAL, "cannot write the export: %s", strerror(errno));
	return 0;
}

static int log_export(struct cli *c, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *path = NULL;
	FILE *f = stdout;
	int64_t records = 0;
	struct err e;

	for (int i = 2; i < argc; i++) {
		const char **slot = strcmp(argv[i], "--from") == 0 ? &from
				    : strcmp(argv[i], "--to") == 0 ? &to
				    : strcmp(argv[i], "--out") == 0 ? &path
								     : NULL;
		if (slot == NULL || i + 1 >= argc)
			return cli_usage("log export", slot ? "%s needs a value" : "unexpected argument \"%s\"",
					 argv[i]);
		*slot = argv[++i];
	}
	if (cli_open(c) != 0)
		return EXIT_USER;
	if (path) {
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
			fprintf(stderr, "meedoen: --out: cannot create \"%s\": %s\n", path, strerror(errno));
			if (fd >= 0)
				close(fd);
			return EXIT_USER;
		}
	}
	err_init(&e);
	int rc = app_log_export(&c->ctx, from, to, emit_line, f, &records, &e);
	if (f != stdout && fclose(f) != 0 && rc == 0)
		rc = err_set(&e, ERR_INTERNAL, "cannot write \"%s\": %s", path, strerror(errno));
	else if (f == stdout)
		fflush(stdout);
	if (rc != 0) {
		if (path)
			unlink(path); /* no half export left behind */
		rc = cli_fail(&e);
	} else if (path) {
		printf("%lld records written to %s\n", (long long)records, path);
	}
	err_release(&e);
	return rc;
}

/* ---- activities ---- */

static int log_activities(int argc, char **argv)
{
	bool json;
	size_t i;
	json_t *x;

	argc = cli_take_json(argc, argv, &json);
	if (argc > 2)
		return cli_usage("log activities", "unexpected argument \"%s\"", argv[2]);
	json_t *out = app_log_activities();
	if (json) {
		cli_print_json(out);
	} else {
		json_array_foreach(json_object_get(out, "items"), i, x)
			printf("%-8s %-45s %s\n         %s; %s\n", json_string_value(json_object_get(x, "id")),
			       json_string_value(json_object_get(x, "uri")), json_string_value(json_object_get(x, "name")),
			       json_string_value(json_object_get(x, "purpose")),
			       json_string_value(json_object_get(x, "legal_basis")));
	}
	json_decref(out);
	return 0;
}

int cmd_log(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "verify") == 0)
		return log_verify(c, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return log_export(c, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "activities") == 0)
		return log_activities(argc, argv);
	return cmd_log_participant(c, argc, argv);
}
