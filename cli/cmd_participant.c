/*
 * cmd_participant.c - `meedoen participant add|show|edit|list`, `consent`
 * and `log`.
 */
#include "cli/cli.h"
#include "domain/participant.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void help_participant(void)
{
	puts("usage: meedoen participant add FIELD=VALUE... [--json]\n"
	     "       meedoen participant show ID [--json]\n"
	     "       meedoen participant edit ID FIELD=VALUE... [--json]   (FIELD= clears a field)\n"
	     "       meedoen participant find --bsn BSN [--json]\n"
	     "       meedoen participant list [--q NAME] [--organisation ID] [--arrival-from DATE]\n"
	     "                                [--arrival-to DATE] [--page N] [--per-page N] [--json]\n\n"
	     "Fields are those of docs/api.md, e.g. family_name=Haddad given_names=Omar\n"
	     "birth_date=1990-04-01 languages=ar;en. Lists use \";\"; diplomas and work_history\n"
	     "items use \"|\" between their parts, as in the screening CSV (docs/screening-import.md).");
}

static int parse_id(const char *cmd, const char *v, int64_t *out)
{
	char *end;
	long long n = v ? strtoll(v, &end, 10) : 0;
	if (v == NULL || *v == '\0' || *end != '\0' || n < 1)
		return cli_usage(cmd, "\"%s\" is not a participant id", v ? v : "");
	*out = n;
	return 0;
}

static void print_value(const json_t *v)
{
	if (json_is_string(v)) {
		fputs(json_string_value(v), stdout);
	} else {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		fputs(s ? s : "?", stdout);
		free(s);
	}
}

static void print_participant(const json_t *p)
{
	size_t n;
	const struct field_def *fs = participant_fields(&n);
	printf("%-22s %lld\n", "id", (long long)json_integer_value(json_object_get(p, "id")));
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(p, fs[i].name);
		if (v == NULL || json_is_null(v))
			continue;
		printf("%-22s ", fs[i].name);
		print_value(v);
		putchar('\n');
	}
	json_t *cats = json_object_get(json_object_get(p, "access"), "categories");
	printf("%-22s ", "readable categories");
	print_value(cats);
	putchar('\n');
}

static int finish(struct cli *c, int rc, json_t *out, bool json, struct err *e, void (*text)(const json_t *))
{
	(void)c;
	if (rc != 0) {
		rc = cli_fail(e);
	} else if (json) {
		cli_print_json(out);
	} else {
		text(out);
	}
	json_decref(out);
	err_release(e);
	return rc;
}

static void print_list(const json_t *page)
{
	size_t i;
	json_t *p;
	printf("%lld participants, page %lld\n", (long long)json_integer_value(json_object_get(page, "total")),
	       (long long)json_integer_value(json_object_get(page, "page")));
	json_array_foreach(json_object_get(page, "items"), i, p) {
		const char *arrival = json_string_value(json_object_get(p, "arrival_date"));
		const char *country = json_string_value(json_object_get(p, "country_of_origin"));
		printf("%7lld  %-30s %-25s %s  %-2s  %s\n", (long long)json_integer_value(json_object_get(p, "id")),
		       json_string_value(json_object_get(p, "family_name")),
		       json_string_value(json_object_get(p, "given_names")),
		       json_string_value(json_object_get(p, "birth_date")), country ? country : "",
		       arrival ? arrival : "");
	}
}

static void print_found(const json_t *found)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(found, "items"), i, p)
		printf("%lld\t%s, %s\t%s\n", (long long)json_integer_value(json_object_get(p, "id")),
		       json_string_value(json_object_get(p, "family_name")),
		       json_string_value(json_object_get(p, "given_names")),
		       json_string_value(json_object_get(p, "birth_date")));
	if (json_array_size(json_object_get(found, "items")) == 0)
		puts("no participant with that bsn");
}

/* `participant find --bsn BSN`: by the BSN's keyed lookup hash. */
static int participant_find(struct cli *c, int argc, char **argv, bool json)
{
	if (argc != 3 || strcmp(argv[1], "--bsn") != 0)
		return cli_usage("participant find", "expected --bsn BSN");
	if (cli_open(c) != 0)
		return EXIT_USER;
	json_t *out = NULL;
	struct err e;
	err_init(&e);
	int rc = app_participant_find_bsn(&c->ctx, argv[2], &out, &e);
	return finish(c, rc, out, json, &e, print_found);
}

static int participant_list(struct cli *c, int argc, char **argv, bool json)
{
	static const struct option opts[] = { { "q", required_argument, NULL, 'q' },
					      { "organisation", required_argument, NULL, 'o' },
					      { "arrival-from", required_argument, NULL, 'f' },
					      { "arrival-to", required_argument, NULL, 't' },
					      { "page", required_argument, NULL, 'p' },
					      { "per-page", required_argument, NULL, 'n' },
					      { NULL, 0, NULL, 0 } };
	struct list_params p = { .page = 1, .per_page = 25 };
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'q': p.q = optarg; break;
		case 'o': p.organisation_id = atoll(optarg); break;
		case 'f': p.arrival_from = optarg; break;
		case 't': p.arrival_to = optarg; break;
		case 'p': p.page = atoi(optarg); break;
		case 'n': p.per_page = atoi(optarg); break;
		default: return cli_usage("participant list", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("participant list", "unexpected argument \"%s\"", argv[optind]);
	if (cli_open(c) != 0)
		return EXIT_USER;
	struct err e;
	json_t *out = NULL;
	err_init(&e);
	int rc = app_participant_list(&c->ctx, &p, &out, &e);
	return finish(c, rc, out, json, &e, print_list);
}

int cmd_participant(struct cli *c, int argc, char **argv)
{
	bool json;
	int64_t id;
	struct err e;
	json_t *in = NULL, *out = NULL;
	int rc;

	if (argc < 2)
		return cli_usage("participant", "say add, show, edit or list");
	const char *action = argv[1];
	argc = cli_take_json(argc - 1, argv + 1, &json);
	argv++;
	err_init(&e);
	if (strcmp(action, "list") == 0)
		return participant_list(c, argc, argv, json);
	if (strcmp(action, "find") == 0)
		return participant_find(c, argc, argv, json);
	if (strcmp(action, "add") == 0) {
		if (argc < 2)
			return cli_usage("participant add", "give at least family_name=, given_names= and birth_date=");
		if (cli_assignments(argc - 1, argv + 1, false, &in, &e) != 0)
			return finish(c, -1, NULL, json, &e, print_participant);
		if (cli_open(c) != 0) {
			json_decref(in);
			return EXIT_USER;
		}
		rc = app_participant_create(&c->ctx, in, &out, &e);
		json_decref(in);
		return finish(c, rc, out, json, &e, print_participant);
	}
	if (strcmp(action, "show") == 0 || strcmp(action, "edit") == 0) {
		bool edit = strcmp(action, "edit") == 0;
		if (argc < 2 || parse_id(edit ? "participant edit" : "participant show", argv[1], &id) != 0)
			return argc < 2 ? cli_usage("participant", "give a participant id") : EXIT_USAGE;
		if (!edit && argc > 2)
			return cli_usage("participant show", "unexpected argument \"%s\"", argv[2]);
		if (edit && argc < 3)
			return cli_usage("participant edit", "give FIELD=VALUE to change");
		if (edit && cli_assignments(argc - 2, argv + 2, true, &in, &e) != 0)
			return finish(c, -1, NULL, json, &e, print_participant);
		if (cli_open(c) != 0) {
			json_decref(in);
			return EXIT_USER;
		}
		rc = edit ? app_participant_update(&c->ctx, id, in, &out, &e)
			  : app_participant_get(&c->ctx, id, &out, &e);
		json_decref(in);
		return finish(c, rc, out, json, &e, print_participant);
	}
	return cli_usage("participant", "unknown action \"%s\"", action);
}

/* ---- consent ---- */

void help_consent(void)
{
	puts("usage: meedoen consent add PARTICIPANT --organisation ID --category CATEGORY\n"
	     "                           --given-on DATE [--expires-on DATE] [--json]\n"
	     "       meedoen consent list PARTICIPANT [--json]\n"
	     "       meedoen consent revoke PARTICIPANT CONSENT [--json]\n\n"
	     "Categories: identity, contact, bsn, education_work, civic_integration, income,\n"
	     "health, path, assessments, notes.");
}

static void print_consents(const json_t *list)
{
	size_t i;
	json_t *c;
	json_t *items = json_object_get(list, "items");
	if (!items) {
		items = json_array();
		json_array_append(items, (json_t *)list);
	} else {
		json_incref(items);
	}
	json_array_foreach(items, i, c) {
		const char *x = json_string_value(json_object_get(c, "expires_on"));
		printf("%5lld  %-40s %-18s from %s%s%s %s\n", (long long)json_integer_value(json_object_get(c, "id")),
		       json_string_value(json_object_get(c, "organisation_name")),
		       json_string_value(json_object_get(c, "category")),
		       json_string_value(json_object_get(c, "given_on")), x ? " until " : "", x ? x : "",
		       json_is_true(json_object_get(c, "active")) ? "active" : "not active");
	}
	json_decref(items);
}

int cmd_consent(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "organisation", required_argument, NULL, 'o' },
					      { "category", required_argument, NULL, 'c' },
					      { "given-on", required_argument, NULL, 'g' },
					      { "expires-on", required_argument, NULL, 'x' },
					      { NULL, 0, NULL, 0 } };
	bool json;
	int64_t pid, cid;
	struct err e;
	json_t *out = NULL;
	int rc, o;

	if (argc < 3)
		return cli_usage("consent", "say add, list or revoke, and a participant id");
	const char *action = argv[1];
	argc = cli_take_json(argc - 1, argv + 1, &json);
	argv++;
	if (parse_id("consent", argv[1], &pid) != 0)
		return EXIT_USAGE;
	err_init(&e);
	if (strcmp(action, "list") == 0) {
		if (cli_open(c) != 0)
			return EXIT_USER;
		rc = app_consent_list(&c->ctx, pid, &out, &e);
		return finish(c, rc, out, json, &e, print_consents);
	}
	if (strcmp(action, "revoke") == 0) {
		if (argc < 3 || parse_id("consent revoke", argv[2], &cid) != 0)
			return argc < 3 ? cli_usage("consent revoke", "give the consent id") : EXIT_USAGE;
		if (cli_open(c) != 0)
			return EXIT_USER;
		rc = app_consent_revoke(&c->ctx, pid, cid, &out, &e);
		return finish(c, rc, out, json, &e, print_consents);
	}
	if (strcmp(action, "add") != 0)
		return cli_usage("consent", "unknown action \"%s\"", action);
	json_t *in = json_object();
	optind = 0;
	while ((o = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		if (o == 'o')
			json_object_set_new(in, "organisation_id", json_integer(atoll(optarg)));
		else if (o == 'c')
			json_object_set_new(in, "category", json_string(optarg));
		else if (o == 'g')
			json_object_set_new(in, "given_on", json_string(optarg));
		else if (o == 'x')
			json_object_set_new(in, "expires_on", json_string(optarg));
		else {
			json_decref(in);
			return cli_usage("consent add", "unknown option");
		}
	}
	if (cli_open(c) != 0) {
		json_decref(in);
		return EXIT_USER;
	}
	rc = app_consent_add(&c->ctx, pid, in, &out, &e);
	json_decref(in);
	return finish(c, rc, out, json, &e, print_consents);
}

/* ---- processing log ---- */

static void print_log(const json_t *page)
{
	size_t i;
	json_t *x;
	printf("%lld entries\n", (long long)json_integer_value(json_object_get(page, "total")));
	json_array_foreach(json_object_get(page, "items"), i, x)
		printf("%s  %-14s %-8s %-20s %-22s %s\n", json_string_value(json_object_get(x, "started_at")),
		       json_string_value(json_object_get(x, "action")), json_string_value(json_object_get(x, "activity")),
		       json_string_value(json_object_get(x, "actor")), json_string_value(json_object_get(x, "role")),
		       json_string_value(json_object_get(x, "status")));
}

int cmd_log_participant(struct cli *c, int argc, char **argv)
{
	bool json;
	int64_t pid;
	int page = 1;
	struct err e;
	json_t *out = NULL;

	argc = cli_take_json(argc, argv, &json);
	if (argc < 2 || parse_id("log", argv[1], &pid) != 0)
		return argc < 2 ? cli_usage("log", "give a participant id") : EXIT_USAGE;
	if (argc == 4 && strcmp(argv[2], "--page") == 0)
		page = atoi(argv[3]);
	else if (argc > 2)
		return cli_usage("log", "unexpected argument \"%s\"", argv[2]);
	if (cli_open(c) != 0)
		return EXIT_USER;
	err_init(&e);
	int rc = app_log_list(&c->ctx, pid, page, 25, &out, &e);
	return finish(c, rc, out, json, &e, print_log);
}
