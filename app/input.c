/*
 * input.c - shared checks of JSON input (see input.h).
 */
#include "app/input.h"

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
