/*
 * err.h - errors as values. A function that can fail returns -1 and fills
 * a `struct err` with a kind (which the HTTP face maps to a status code and
 * the CLI to an exit status), a message for the person who will read it,
 * and, for invalid input, one entry per field with the reason.
 */
#ifndef MEEDOEN_ERR_H
#define MEEDOEN_ERR_H

#include <stddef.h>

enum err_kind {
	ERR_NONE = 0,
	ERR_BAD_REQUEST,  /* malformed input: 400 */
	ERR_UNAUTHORIZED, /* no or expired session: 401 */
	ERR_FORBIDDEN,    /* role, relation or consent says no: 403 */
	ERR_NOT_FOUND,    /* 404 */
	ERR_CONFLICT,     /* duplicate: 409 */
	ERR_TOO_LARGE,    /* 413 */
	ERR_UNSUPPORTED,  /* content type: 415 */
	ERR_INVALID,      /* field errors: 422 */
	ERR_THROTTLED,    /* 429 */
	ERR_INTERNAL,     /* 500 */
};

struct field_error {
	char field[64];
	char reason[240];
};

struct err {
	enum err_kind kind;
	char msg[240];
	struct field_error *fields;
	size_t nfields;
	size_t cap;
	int retry_after; /* seconds, for ERR_THROTTLED */
};

void err_init(struct err *e);
void err_release(struct err *e);
/* Clear the error for reuse. */
void err_clear(struct err *e);

/* Set kind and message; returns -1 so callers can `return err_set(...)`. */
int err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Add a field error (kind becomes ERR_INVALID unless already set);
 * returns -1. */
int err_field(struct err *e, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Name of the kind for logs ("invalid", "forbidden", ...). */
const char *err_kind_name(enum err_kind kind);

/* HTTP status for a kind. */
int err_http_status(enum err_kind kind);

#endif
