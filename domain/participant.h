/*
 * participant.h - the participant record: its fields as one table (name,
 * data category, type, limits), validation of incoming values, and the
 * filtering of a record down to the categories a reader may see.
 *
 * A record travels as a jansson object whose keys are the field names of
 * docs/api.md. The field table drives everything that walks fields: the
 * validator here, the store's columns, the CSV import and the access filter.
 */
#ifndef MEEDOEN_PARTICIPANT_H
#define MEEDOEN_PARTICIPANT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "access.h"
#include "date.h"
#include "../base/err.h"

enum field_type {
	FT_STRING,       /* one line, max chars */
	FT_TEXT,         /* free text, max chars */
	FT_DATE,         /* "YYYY-MM-DD" */
	FT_INT,          /* integer in min..max */
	FT_CODE,         /* one code from the code list `codes` */
	FT_BSN,          /* 11-test */
	FT_POSTCODE,     /* "1234 AB" */
	FT_PHONE,
	FT_EMAIL,
	FT_CODE_LIST,    /* array of codes from `codes`, at most max */
	FT_DIPLOMAS,     /* array of diploma objects, at most max */
	FT_WORK_HISTORY, /* array of work objects, at most max */
};

/* How the store keeps a field. */
enum field_storage {
	FS_TEXT,
	FS_INT,
	FS_JSON, /* JSON text of an array */
};

struct field_def {
	const char *name;
	enum category cat;
	enum field_type type;
	bool required;
	int min;
	int max; /* chars, items or value; for dates the days after today allowed (-1: any) */
	const char *codes; /* code list for FT_CODE / FT_CODE_LIST */
	const char *label; /* Dutch, for reports */
};

enum validate_mode {
	VALIDATE_CREATE, /* required fields must be present */
	VALIDATE_PATCH,  /* only the given fields; null clears an optional one */
};

/* The field table and its length. */
const struct field_def *participant_fields(size_t *count);
/* The field named `name`, or NULL. */
const struct field_def *participant_field(const char *name);
enum field_storage participant_field_storage(const struct field_def *f);
/* True for the fields stored sealed (encrypted, app/vault.h): every field
 * of the categories bsn and health. */
bool participant_field_sealed(const struct field_def *f);

/* Check every member of `in` against the field table and return, through
 * *out, a new object with normalised values (trimmed strings, upper-case
 * country codes, "1234 AB" postcodes; empty optional strings become null).
 * Unknown and read-only members are errors. In VALIDATE_CREATE missing
 * required fields are errors and target_group defaults to "newcomer".
 * `today` bounds dates that may not lie in the future. Returns 0, or -1
 * with one field error per problem in e (and *out untouched). */
int participant_validate(const json_t *in, enum validate_mode mode, date_t today, json_t **out,
			 struct err *e);

/* Rules between fields of a whole record (after a patch is merged): birth
 * before arrival and permit, children fewer than the household, ...
 * Returns 0 or -1 with field errors. */
int participant_check_record(const json_t *rec, date_t today, struct err *e);

/* Bit mask of the categories of the fields present in `in` (for checking
 * write access before a patch is applied). */
unsigned participant_categories_of(const json_t *in);

/* A new object holding only the members of `rec` whose category is in
 * `mask`, plus id and the timestamps. */
json_t *participant_filter(const json_t *rec, unsigned mask);

#endif
