/*
 * options.c - the option tables of the command line (options.h): reading
 * an action's options into the JSON body the HTTP API takes, running the
 * action and printing its result as fields, columns or JSON.
 */
#include "cli/options.h"
#include "base/buf.h"
#include "base/utf8.h"
#include "base/xmalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- options and arguments ---- */

const struct opt opts_none[] = { { NULL, NULL, OPT_TEXT, false } };

static const struct opt *opt_find(const struct opt *opts, const char *name, size_t len)
{
	for (const struct opt *o = opts; o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

/* A positive id, or 0. */
static int64_t id_parse(const char *s)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	return errno == 0 && *s && *end == '\0' && v > 0 ? v : 0;
}

/* "12", "12.5", "12.50" or "12,50" euros as cents; -1 when it is none. */
static long long euros_parse(const char *s)
{
	long long whole = 0, cents = 0;
	int digits = 0, decimals = -1;
	for (const char *p = s; *p; p++) {
		if ((*p == '.' || *p == ',') && decimals < 0 && digits > 0) {
			decimals = 0;
		} else if (*p >= '0' && *p <= '9' && decimals < 2 && digits < 12) {
			if (decimals < 0)
				whole = whole * 10 + (*p - '0'), digits++;
			else
				cents = cents * 10 + (*p - '0'), decimals++;
		} else {
			return -1;
		}
	}
	if (digits == 0 || decimals == 0)
		return -1;
	return whole * 100 + (decimals == 1 ? cents * 10 : cents);
}

/* The array member `key` of obj, made when absent. */
static json_t *member_array(json_t *obj, const char *key)
{
	json_t *a = json_object_get(obj, key);
	if (!json_is_array(a)) {
		a = json_array();
		json_object_set_new(obj, key, a);
	}
	return a;
}

static json_t *member_object(json_t *obj, const char *key)
{
	json_t *o = json_object_get(obj, key);
	if (!json_is_object(o)) {
		o = json_object();
		json_object_set_new(obj, key, o);
	}
	return o;
}

/* Put the value of option o into in; EXIT_USAGE (said) when it cannot be read. */
static int opt_apply(const char *cmd, const struct opt *o, const char *val, json_t *in)
{
	char *end;
	long long n;
	double d;

	if (!utf8_valid(val, strlen(val), NULL))
		return cli_usage(cmd, "the value of --%s is not valid UTF-8", o->name);
	switch (o->kind) {
	case OPT_TEXT:
		json_object_set_new(in, o->member, json_string(val));
		return 0;
	case OPT_INT:
		errno = 0;
		n = strtoll(val, &end, 10);
		if (errno || *val == '\0' || *end != '\0')
			return cli_usage(cmd, "--%s \"%s\" is not a whole number", o->name, val);
		json_object_set_new(in, o->member, json_integer(n));
		return 0;
	case OPT_REAL:
		errno = 0;
		d = strtod(val, &end);
		if (errno || *val == '\0' || *end != '\0')
			return cli_usage(cmd, "--%s \"%s\" is not a number", o->name, val);
		json_object_set_new(in, o->member, json_real(d));
		return 0;
	case OPT_EUROS:
		if ((n = euros_parse(val)) < 0)
			return cli_usage(cmd, "--%s \"%s\" is not an amount in euros such as 12.50", o->name, val);
		json_object_set_new(in, o->member, json_integer(n));
		return 0;
	case OPT_TRUE:
	case OPT_FALSE:
		json_object_set_new(in, o->member, json_boolean(o->kind == OPT_TRUE));
		return 0;
	case OPT_YESNO: {
		static const char *const yes[] = { "yes", "true", "1" }, *const no[] = { "no", "false", "0" };
		for (size_t i = 0; i < 3; i++) {
			if (strcasecmp(val, yes[i]) == 0 || strcasecmp(val, no[i]) == 0) {
				json_object_set_new(in, o->member, json_boolean(strcasecmp(val, yes[i]) == 0));
				return 0;
			}
		}
		return cli_usage(cmd, "--%s \"%s\" is not yes or no", o->name, val);
	}
	case OPT_LIST:
	case OPT_IDS: {
		json_t *a = member_array(in, o->member);
		const char *p = val;
		for (;;) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			char *item = xstrndup(p, len);
			int64_t id = id_parse(item);
			if (o->kind == OPT_IDS && id == 0) {
				cli_usage(cmd, "--%s \"%s\" is not a list of ids", o->name, val);
				free(item);
				return EXIT_USAGE;
			}
			if (o->kind == OPT_IDS)
				json_array_append_new(a, json_integer(id));
			else if (len)
				json_array_append_new(a, json_string(item));
			free(item);
			if (!comma)
				return 0;
			p = comma + 1;
		}
	}
	case OPT_SCORES:
	case OPT_NOTES: {
		const char *eq = strchr(val, '=');
		if (eq == NULL || eq == val)
			return cli_usage(cmd, "--%s \"%s\" must be ITEM=%s", o->name, val,
					 o->kind == OPT_SCORES ? "SCORE" : "TEXT");
		char *item = xstrndup(val, (size_t)(eq - val));
		json_t *obj = member_object(in, o->member);
		if (o->kind == OPT_NOTES) {
			json_object_set_new(obj, item, json_string(eq + 1));
		} else {
			errno = 0;
			n = strtoll(eq + 1, &end, 10);
			if (errno || eq[1] == '\0' || *end != '\0') {
				free(item);
				return cli_usage(cmd, "--%s \"%s\": the score must be a whole number", o->name, val);
			}
			json_object_set_new(obj, item, json_integer(n));
		}
		free(item);
		return 0;
	}
	}
	return 0;
}

/* Read a JSON object from path ("-": stdin) into *out; EXIT_USER (said)
 * when it cannot be read or is no object. */
static int json_in_load(const char *path, json_t **out)
{
	json_error_t je;
	json_t *j = strcmp(path, "-") == 0 ? json_loadf(stdin, JSON_REJECT_DUPLICATES, &je)
					   : json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (j == NULL && je.line > 0)
		fprintf(stderr, "meedoen: --json-in %s: line %d: %s\n", path, je.line, je.text);
	else if (j == NULL)
		fprintf(stderr, "meedoen: --json-in %s: %s\n", path, je.text);
	if (j == NULL)
		return EXIT_USER;
	if (!json_is_object(j)) {
		fprintf(stderr, "meedoen: --json-in %s: must hold one JSON object\n", path);
		json_decref(j);
		return EXIT_USER;
	}
	json_decref(*out);
	*out = j;
	return 0;
}

/* Read argv (after the action's name) into a. Returns 0, or the exit
 * status after saying what is wrong. */
static int args_parse(const char *cmd, const struct action *act, int argc, char **argv, struct args *a)
{
	json_t *base = NULL;
	int npos = 0, nids = 0, rc = EXIT_USAGE;

	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			if (npos >= 2 || act->pos[npos] == POS_NONE) {
				cli_usage(cmd, "unexpected argument \"%s\"", arg);
				goto out;
			}
			if (act->pos[npos] == POS_ID && (a->id[nids++] = id_parse(arg)) == 0) {
				cli_usage(cmd, "\"%s\" is not a%s %s", arg, strchr("aeiou", act->pos_what[npos][0]) ? "n" : "",
					  act->pos_what[npos]);
				goto out;
			}
			if (act->pos[npos] == POS_TEXT) {
				if (!utf8_valid(arg, strlen(arg), NULL)) {
					cli_usage(cmd, "the %s is not valid UTF-8", act->pos_what[npos]);
					goto out;
				}
				a->text = arg;
			}
			npos++;
			continue;
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct opt *o = opt_find(act->opts, name, len);
		bool json_in = act->json_in && len == 7 && strncmp(name, "json-in", 7) == 0;
		if (o == NULL && !json_in) {
			cli_usage(cmd, "unknown option \"--%.*s\"", (int)len, name);
			goto out;
		}
		if (o && (o->kind == OPT_TRUE || o->kind == OPT_FALSE)) {
			if (eq) {
				cli_usage(cmd, "--%s takes no value", o->name);
				goto out;
			}
			opt_apply(cmd, o, "", a->in);
			continue;
		}
		const char *val = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
		if (val == NULL) {
			cli_usage(cmd, "--%.*s needs a value", (int)len, name);
			goto out;
		}
		if (json_in) {
			if ((rc = json_in_load(val, &base)) != 0)
				goto out;
			rc = EXIT_USAGE;
		} else if (opt_apply(cmd, o, val, a->in) != 0) {
			goto out;
		}
	}
	for (int k = npos; k < 2; k++) {
		if (act->pos[k] != POS_NONE) {
			cli_usage(cmd, "give the %s", act->pos_what[k]);
			goto out;
		}
	}
	for (const struct opt *o = act->opts; o->name; o++) {
		if (o->required && !json_object_get(a->in, o->member) && !json_object_get(base, o->member)) {
			cli_usage(cmd, "--%s is required", o->name);
			goto out;
		}
	}
	if (base) {
		json_object_update(base, a->in);
		json_decref(a->in);
		a->in = base;
		base = NULL;
	}
	rc = 0;
out:
	json_decref(base);
	return rc;
}

/* The string member key of obj, or NULL. */
const char *member_text(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* Take the integer member key out of obj (0 when absent). */
int64_t member_id_take(json_t *obj, const char *key)
{
	int64_t id = json_integer_value(json_object_get(obj, key));
	json_object_del(obj, key);
	return id;
}

/* ---- output ---- */

static void value_format(struct buf *b, const json_t *obj, const struct field *f)
{
	const json_t *v = json_object_get(obj, f->key);
	size_t i;
	json_t *x;

	switch (f->fmt) {
	case F_TEXT:
		if (json_is_string(v))
			buf_puts(b, json_string_value(v));
		else if (json_is_integer(v))
			buf_printf(b, "%lld", (long long)json_integer_value(v));
		else if (json_is_real(v))
			buf_printf(b, "%g", json_real_value(v));
		else if (json_is_boolean(v))
			buf_puts(b, json_is_true(v) ? "yes" : "no");
		return;
	case F_YESNO:
		if (json_is_boolean(v) || json_is_integer(v))
			buf_puts(b, json_is_true(v) || json_integer_value(v) ? "yes" : "no");
		else
			buf_puts(b, "-");
		return;
	case F_OF:
		buf_printf(b, "%lld of %lld", (long long)json_integer_value(v),
			   (long long)json_integer_value(json_object_get(obj, f->key2)));
		return;
	case F_LIST:
		json_array_foreach(v, i, x) {
			if (i)
				buf_puts(b, ", ");
			buf_puts(b, json_is_string(x) ? json_string_value(x) : "?");
		}
		return;
	case F_EUROS:
		if (json_is_integer(v))
			buf_printf(b, "%lld.%02lld", (long long)json_integer_value(v) / 100,
				   (long long)json_integer_value(v) % 100);
		return;
	case F_NAME:
		if (json_is_true(json_object_get(obj, "hidden")))
			buf_puts(b, "(hidden)");
		else if (member_text(obj, "family_name"))
			buf_printf(b, "%s, %s", member_text(obj, "family_name"), member_text(obj, "given_names"));
		return;
	}
}

/* "label   value" per field that has a value. */
void fields_print(const json_t *obj, const struct field *fields)
{
	struct buf b;
	buf_init(&b, 0);
	for (const struct field *f = fields; f->label; f++) {
		buf_reset(&b);
		value_format(&b, obj, f);
		if (b.len)
			printf("%-22s %s\n", f->label, b.data);
	}
	buf_release(&b);
}

/* A header line and one line per row, columns padded to their width. */
void rows_print(const json_t *rows, const struct field *cols, int indent)
{
	struct buf line, cell;
	size_t i;
	json_t *row;

	buf_init(&line, 0);
	buf_init(&cell, 0);
	for (i = 0; i <= json_array_size(rows); i++) {
		row = i ? json_array_get(rows, i - 1) : NULL;
		buf_reset(&line);
		buf_printf(&line, "%*s", indent, "");
		for (const struct field *c = cols; c->label; c++) {
			buf_reset(&cell);
			if (row)
				value_format(&cell, row, c);
			else
				buf_puts(&cell, c->label);
			if (c[1].label)
				buf_printf(&line, "%-*s ", c->width, cell.data ? cell.data : "");
			else
				buf_puts(&line, cell.data ? cell.data : "");
		}
		while (line.len && line.data[line.len - 1] == ' ')
			line.data[--line.len] = '\0';
		puts(line.data);
	}
	buf_release(&line);
	buf_release(&cell);
}

/* "title:" and the rows of obj[key] under it, or "title: none". */
void section_print(const json_t *obj, const char *key, const char *title, const struct field *cols)
{
	const json_t *rows = json_object_get(obj, key);
	if (json_array_size(rows) == 0) {
		printf("\n%s: none\n", title);
		return;
	}
	printf("\n%s:\n", title);
	rows_print(rows, cols, 2);
}

/* "N nouns" (or "1 noun") and the rows of out.items. */
void list_print(const json_t *out, const char *noun, const char *nouns, const struct field *cols)
{
	const json_t *items = json_object_get(out, "items");
	printf("%zu %s\n", json_array_size(items), json_array_size(items) == 1 ? noun : nouns);
	if (json_array_size(items))
		rows_print(items, cols, 0);
}

/* The usage lines of every action (a usage's further lines indented under
 * its first), then the group's text. */
void cmd_group_help(const struct cmd_group *g)
{
	for (const struct action *a = g->actions; a->name; a++) {
		int indent = (int)(strlen("usage: meedoen ") + strlen(g->name) + strlen(a->name) + 2);
		printf("%s meedoen %s %s ", a == g->actions ? "usage:" : "      ", g->name, a->name);
		for (const char *p = a->usage, *nl; p; p = nl ? nl + 1 : NULL) {
			nl = strchr(p, '\n');
			printf("%*s%.*s\n", p == a->usage ? 0 : indent, "", nl ? (int)(nl - p) : (int)strlen(p), p);
		}
	}
	printf("\n%s\n", g->about);
}

/* Run `meedoen GROUP ACTION ...`. */
int cmd_group_run(const struct cmd_group *g, struct cli *c, int argc, char **argv)
{
	const struct action *act = NULL;
	struct args a = { { 0, 0 }, NULL, NULL, false };
	struct buf cmd;
	struct err e;
	json_t *out = NULL;
	bool json;
	int rc;

	argc = cli_take_json(argc, argv, &json);
	buf_init(&cmd, 0);
	for (const struct action *x = g->actions; x->name; x++) {
		buf_printf(&cmd, "%s%s", cmd.len ? ", " : "", x->name);
		if (argc >= 2 && strcmp(argv[1], x->name) == 0)
			act = x;
	}
	if (act == NULL) {
		rc = argc < 2 ? cli_usage(g->name, "say %s", cmd.data)
			      : cli_usage(g->name, "unknown action \"%s\"; say %s", argv[1], cmd.data);
		buf_release(&cmd);
		return rc;
	}
	buf_reset(&cmd);
	buf_printf(&cmd, "%s %s", g->name, act->name);
	a.in = json_object();
	err_init(&e);
	if ((rc = args_parse(cmd.data, act, argc - 2, argv + 2, &a)) != 0)
		goto out;
	if ((rc = cli_open(c)) != 0)
		goto out;
	a.json = json;
	rc = act->run(c, &a, &out, &e);
	if (rc == EXIT_USAGE || rc == EXIT_USER)
		goto out;
	if (rc != 0)
		rc = cli_fail(&e);
	else if (json)
		cli_print_json(out);
	else
		act->print(out);
out:
	json_decref(out);
	json_decref(a.in);
	err_release(&e);
	buf_release(&cmd);
	return rc;
}

