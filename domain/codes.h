/*
 * codes.h - the code lists that ship with meedoen: education levels
 * (ISCED 2011), language levels (CEFR), occupations (ISCO-08 major and
 * sub-major groups), countries (ISO 3166-1 alpha-2), languages (ISO 639-1,
 * else ISO 639-3) and the program's own enumerations (sex, target group,
 * integration duty, exam status, benefit, diploma valuation).
 *
 * Each list is constant data: an array of {code, label} rows with Dutch
 * labels, sorted by code in byte order (strcmp), so a lookup is a binary
 * search. Validation in app/ asks codes_has(); GET /api/codes walks
 * codes_all(). Nothing here allocates and all pointers stay valid for the
 * life of the program. Adding a code is adding a row in codes.c, in order.
 */
#ifndef MEEDOEN_CODES_H
#define MEEDOEN_CODES_H

#include <stdbool.h>
#include <stddef.h>

struct code {
	const char *code;
	const char *label; /* in Dutch, UTF-8 */
};

struct code_list {
	const char *name;
	const struct code *items; /* sorted by code, strcmp order */
	size_t count;
};

/* The list named `name` ("isced", "cefr", "isco", "countries", "languages",
 * "sex", "target_group", "integration_duty", "exam_status", "benefit",
 * "valuation"), or NULL for an unknown or NULL name. */
const struct code_list *codes_find(const char *name);

/* The entry with exactly this code in list (case matters: countries are
 * upper case, languages lower case), or NULL when it is not there or either
 * argument is NULL. */
const struct code *codes_lookup(const struct code_list *list, const char *code);

/* True when `code` is in the list named `name`; false for an unknown list. */
bool codes_has(const char *name, const char *code);

/* The Dutch label of `code` in the list named `name`, or NULL. */
const char *codes_label(const char *name, const char *code);

/* All lists, in the order GET /api/codes shows them; *count gets how many
 * (count may be NULL). */
const struct code_list *codes_all(size_t *count);

/* ISCO-08: true when code is 1 to 4 digits, its first digit is a major
 * group and, when it has 2 or more digits, its first two digits are a known
 * sub-major group. Minor (3-digit) and unit (4-digit) groups are not
 * checked beyond that. */
bool codes_isco_valid(const char *code);

#endif
