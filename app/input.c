/*
 * input.c - shared checks of JSON input (see input.h).
 */
#include "app/input.h"
#include "domain/codes.h"

#include <string.h>

void input_unknown_members(const json_t *in, const char *const *allowed, struct err *e)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)in, key, v) {
		(void)v;
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			ok |= strcmp(*a, key) == 0;
		if (!ok)
			err_field(e, key, "unknown field");
	}
}

void input_text(const json_t *in, const char *key, size_t min, size_t max, bool required, struct err *e)
{
	json_t *v = json_object_get(in, key);
	if (v == NULL || json_is_null(v)) {
		if (required)
			err_field(e, key, "is required");
		return;
	}
	if (!json_is_string(v)) {
		err_field(e, key, "must be a string");
		return;
	}
	size_t n = json_string_length(v);
	if (n < min)
		err_field(e, key, min <= 1 ? "must not be empty" : "must be at least %zu characters", min);
	else if (n > max)
		err_field(e, key, "must be at most %zu characters", max);
}

/* 0 when absent or null (an error if required), 1 when present. */
static int present(const json_t *in, const char *key, bool required, struct err *e)
{
	json_t *v = json_object_get(in, key);
	if (v == NULL || json_is_null(v)) {
		if (required)
			err_field(e, key, "is required");
		return required ? -1 : 0;
	}
	return 1;
}

int input_date(const json_t *in, const char *key, bool required, date_t *out, struct err *e)
{
	int p = present(in, key, required, e);
	if (p <= 0)
		return p;
	const char *s = json_string_value(json_object_get(in, key));
	if (s == NULL || date_parse(s, out) != 0) {
		err_field(e, key, "\"%.40s\" is not a date (YYYY-MM-DD)", s ? s : "(not a string)");
		return -1;
	}
	return 1;
}

int input_int(const json_t *in, const char *key, bool required, long lo, long hi, long *out, struct err *e)
{
	int p = present(in, key, required, e);
	if (p <= 0)
		return p;
	json_t *v = json_object_get(in, key);
	if (!json_is_integer(v)) {
		err_field(e, key, "must be a whole number");
		return -1;
	}
	json_int_t n = json_integer_value(v);
	if (n < lo || n > hi) {
		err_field(e, key, "%lld is out of range %ld..%ld", (long long)n, lo, hi);
		return -1;
	}
	*out = (long)n;
	return 1;
}

int input_code(const json_t *in, const char *key, bool required, const char *const *codes, const char **out,
	       struct err *e)
{
	int p = present(in, key, required, e);
	if (p <= 0)
		return p;
	const char *s = json_string_value(json_object_get(in, key));
	for (const char *const *c = codes; s && *c; c++) {
		if (strcmp(*c, s) == 0) {
			*out = *c;
			return 1;
		}
	}
	err_field(e, key, "\"%.40s\" is not one of the allowed values", s ? s : "(not a string)");
	return -1;
}

int input_bool(const json_t *in, const char *key, bool required, bool *out, struct err *e)
{
	int p = present(in, key, required, e);
	if (p <= 0)
		return p;
	json_t *v = json_object_get(in, key);
	if (!json_is_boolean(v)) {
		err_field(e, key, "must be true or false");
		return -1;
	}
	*out = json_is_true(v);
	return 1;
}

int input_listed(const json_t *in, const char *key, bool required, const char *list, const char **out, struct err *e)
{
	int p = present(in, key, required, e);
	if (p <= 0)
		return p;
	const char *s = json_string_value(json_object_get(in, key));
	const struct code *c = codes_lookup(codes_find(list), s);
	if (c == NULL) {
		err_field(e, key, "\"%.40s\" is not in the list %s", s ? s : "(not a string)", list);
		return -1;
	}
	*out = c->code;
	return 1;
}

int input_real(const json_t *in, const char *key, bool required, double lo, double hi, double *out, struct err *e)
{
	int p = present(in, key, required, e);
	if (p <= 0)
		return p;
	json_t *v = json_object_get(in, key);
	if (!json_is_number(v)) {
		err_field(e, key, "must be a number");
		return -1;
	}
	double d = json_number_value(v);
	if (!(d >= lo && d <= hi)) {
		err_field(e, key, "%g is out of range %g..%g", d, lo, hi);
		return -1;
	}
	*out = d;
	return 1;
}

int input_id(const json_t *in, const char *key, bool required, int64_t *out, struct err *e)
{
	long v;
	int rc = input_int(in, key, required, 1, 1L << 50, &v, e);
	if (rc == 1)
		*out = v;
	return rc;
}

