/*
 * err.c - error values (see err.h).
 */
#include "err.h"
#include "xmalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void err_init(struct err *e)
{
	memset(e, 0, sizeof *e);
}

void err_release(struct err *e)
{
	free(e->fields);
	err_init(e);
}

void err_clear(struct err *e)
{
	e->kind = ERR_NONE;
	e->msg[0] = '\0';
	e->nfields = 0;
	e->retry_after = 0;
}

int err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
{
	va_list ap;

	e->kind = kind;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int err_field(struct err *e, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (e->kind == ERR_NONE)
		e->kind = ERR_INVALID;
	if (e->nfields == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->fields = xrealloc(e->fields, e->cap * sizeof *e->fields);
	}
	struct field_error *f = &e->fields[e->nfields++];
	snprintf(f->field, sizeof f->field, "%s", field);
	va_start(ap, fmt);
	vsnprintf(f->reason, sizeof f->reason, fmt, ap);
	va_end(ap);
	if (e->msg[0] == '\0')
		snprintf(e->msg, sizeof e->msg, "%s: %s", f->field, f->reason);
	return -1;
}

static const struct {
	const char *name;
	int status;
} kinds[] = {
	[ERR_NONE] = { "ok", 200 },
	[ERR_BAD_REQUEST] = { "bad request", 400 },
	[ERR_UNAUTHORIZED] = { "unauthorized", 401 },
	[ERR_FORBIDDEN] = { "forbidden", 403 },
	[ERR_NOT_FOUND] = { "not found", 404 },
	[ERR_CONFLICT] = { "conflict", 409 },
	[ERR_TOO_LARGE] = { "too large", 413 },
	[ERR_UNSUPPORTED] = { "unsupported media type", 415 },
	[ERR_INVALID] = { "invalid", 422 },
	[ERR_THROTTLED] = { "too many requests", 429 },
	[ERR_INTERNAL] = { "internal error", 500 },
};

const char *err_kind_name(enum err_kind kind)
{
	return kinds[kind].name;
}

int err_http_status(enum err_kind kind)
{
	return kinds[kind].status;
}
