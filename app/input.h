/*
 * input.h - small checks of JSON input shared by the use cases that take
 * objects other than a participant (users, organisations, links, consent).
 */
#ifndef MEEDOEN_INPUT_H
#define MEEDOEN_INPUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* A field error "unknown field" for each member of `in` not named in
 * `allowed` (NULL-terminated). */
void input_unknown_members(const json_t *in, const char *const *allowed, struct err *e);

/* Check that member `key` is a string of min..max bytes (a field error
 * otherwise); absent or null is an error only when required. */
void input_text(const json_t *in, const char *key, size_t min, size_t max, bool required, struct err *e);

#endif
