/*
 * input.h - small checks of JSON input shared by the use cases that take
 * objects other than a participant (users, organisations, links, consent).
 */
#ifndef MEEDOEN_INPUT_H
#define MEEDOEN_INPUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/date.h"

/* A field error "unknown field" for each member of `in` not named in
 * `allowed` (NULL-terminated). */
void input_unknown_members(const json_t *in, const char *const *allowed, struct err *e);

/* Check that member `key` is a string of min..max bytes (a field error
 * otherwise); absent or null is an error only when required. */
void input_text(const json_t *in, const char *key, size_t min, size_t max, bool required, struct err *e);

/* Member `key` as a date "YYYY-MM-DD": 1 and *out when present, 0 when
 * absent or null (an error if required), -1 with a field error when bad. */
int input_date(const json_t *in, const char *key, bool required, date_t *out, struct err *e);

/* Member `key` as an integer in lo..hi; same returns as input_date. */
int input_int(const json_t *in, const char *key, bool required, long lo, long hi, long *out, struct err *e);

/* Member `key` as one of the NULL-terminated codes; same returns. */
int input_code(const json_t *in, const char *key, bool required, const char *const *codes, const char **out,
	       struct err *e);

/* Member `key` as a boolean; same returns. */
int input_bool(const json_t *in, const char *key, bool required, bool *out, struct err *e);

/* Member `key` as a code of the code list `list` (domain/codes.h); *out
 * points into the list. Same returns. */
int input_listed(const json_t *in, const char *key, bool required, const char *list, const char **out, struct err *e);

/* Member `key` as a number in lo..hi; same returns. */
int input_real(const json_t *in, const char *key, bool required, double lo, double hi, double *out, struct err *e);

/* Member `key` as a positive id; same returns. */
int input_id(const json_t *in, const char *key, bool required, int64_t *out, struct err *e);

#endif
