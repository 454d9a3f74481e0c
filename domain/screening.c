/*
 * screening.c - CSV cells to participant objects (see screening.h).
 */
#include "screening.h"
#include "participant.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const required_columns[] = { "external_id", "family_name", "given_names", "birth_date" };

int screening_check_header(char *const *cols, size_t ncols, struct err *e)
{
	size_t before = e->nfields;

	for (size_t i = 0; i < ncols; i++) {
		if (participant_field(cols[i]) == NULL)
			err_field(e, cols[i][0] ? cols[i] : "(empty column name)", "unknown column");
		for (size_t k = 0; k < i; k++)
			if (strcmp(cols[i], cols[k]) == 0)
				err_field(e, cols[i], "column appears twice");
	}
	for (size_t r = 0; r < sizeof required_columns / sizeof required_columns[0]; r++) {
		bool found = false;
		for (size_t i = 0; i < ncols; i++)
			found |= strcmp(cols[i], required_columns[r]) == 0;
		if (!found)
			err_field(e, required_columns[r], "required column is missing");
	}
	return e->nfields != before ? -1 : 0;
}

/* A JSON integer from text, or a JSON string holding the text when it is
 * not a whole number (so the validator names the type problem). */
static json_t *int_or_text(const char *s)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno == 0 && end != s && *end == '\0')
		return json_integer(v);
	return json_string(s);
}

/* Split s (modified in place) on sep; calls back per piece. */
static size_t split(char *s, char sep, char **parts, size_t max)
{
	size_t n = 0;
	for (;;) {
		char *next = strchr(s, sep);
		if (next)
			*next = '\0';
		if (n < max)
			parts[n] = s;
		n++;
		if (!next)
			break;
		s = next + 1;
	}
	return n;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static json_t *list_cell(const struct field_def *f, char *cell, struct err *e)
{
	static const char *const diploma_keys[] = { "title", "country", "isced_level", "valuation" };
	static const char *const work_keys[] = { "isco_code", "occupation", "years" };
	const char *const *keys = f->type == FT_DIPLOMAS ? diploma_keys : work_keys;
	size_t nkeys = f->type == FT_DIPLOMAS ? 4 : 3;
	char *items[64], *parts[8];
	json_t *arr = json_array();

	size_t n = split(cell, ';', items, 64);
	if (n > 64) {
		err_field(e, f->name, "has %zu items, at most %d allowed", n, f->max);
		json_decref(arr);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		char *item = trim(items[i]);
		if (*item == '\0')
			continue;
		if (f->type == FT_CODE_LIST) {
			json_array_append_new(arr, json_string(item));
			continue;
		}
		size_t np = split(item, '|', parts, 8);
		if (np > nkeys) {
			err_field(e, f->name, "item %zu has %zu parts separated by \"|\", at most %zu allowed", i + 1, np,
				  nkeys);
			json_decref(arr);
			return NULL;
		}
		json_t *obj = json_object();
		for (size_t k = 0; k < np; k++) {
			char *p = trim(parts[k]);
			if (*p == '\0')
				continue;
			bool is_int = strcmp(keys[k], "isced_level") == 0 || strcmp(keys[k], "years") == 0;
			json_object_set_new(obj, keys[k], is_int ? int_or_text(p) : json_string(p));
		}
		json_array_append_new(arr, obj);
	}
	return arr;
}

int screening_row(char *const *cols, size_t ncols, char *const *cells, size_t ncells, json_t **out, struct err *e)
{
	if (ncells != ncols)
		return err_field(e, "row", "has %zu cells where the header has %zu columns", ncells, ncols);
	json_t *obj = json_object();
	size_t before = e->nfields;
	for (size_t i = 0; i < ncols; i++) {
		const struct field_def *f = participant_field(cols[i]);
		char *cell = trim(cells[i]);
		if (f == NULL || *cell == '\0')
			continue;
		json_t *v;
		switch (f->type) {
		case FT_INT:
			v = int_or_text(cell);
			break;
		case FT_CODE_LIST:
		case FT_DIPLOMAS:
		case FT_WORK_HISTORY:
			v = list_cell(f, cell, e);
			break;
		default:
			v = json_string(cell);
		}
		if (v)
			json_object_set_new(obj, f->name, v);
	}
	if (e->nfields != before) {
		json_decref(obj);
		return -1;
	}
	*out = obj;
	return 0;
}
