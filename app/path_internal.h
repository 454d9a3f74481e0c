/*
 * path_internal.h - what the path use cases share: opening a participant
 * for one data category with the actor's rights checked.
 */
#ifndef MEEDOEN_PATH_INTERNAL_H
#define MEEDOEN_PATH_INTERNAL_H

#include "app/app.h"

/* The participant must exist (ERR_NOT_FOUND) and the actor may read (or,
 * with `write`, write) category cat of them (ERR_FORBIDDEN). *rec gets the
 * whole record when rec is not NULL (for rules, never for output); *rel
 * the relation when not NULL. */
int path_open(struct app_ctx *ctx, int64_t pid, enum category cat, bool write, json_t **rec, struct relation *rel,
	      struct err *e);

/* Date member of a JSON row as a day number; false when null or bad. */
bool row_date(const json_t *row, const char *key, date_t *out);

/* Code lists of the sheltered-work pipeline, added to `codes`. */
void sheltered_codes(json_t *codes);

#endif
