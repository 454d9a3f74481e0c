/*
 * csv.h - an RFC 4180 reader over a buffer in memory: comma separated,
 * fields optionally in double quotes (a doubled quote inside is one quote,
 * newlines inside are kept), records end in LF or CRLF. Each record knows
 * the line it started on, for error reports.
 */
#ifndef MEEDOEN_CSV_H
#define MEEDOEN_CSV_H

#include <stddef.h>

struct csv_reader {
	const char *p;
	const char *end;
	long line;      /* line number of the next record */
	char **fields;  /* current record, owned by the reader */
	size_t nfields;
	size_t cap;
	char *storage;  /* unescaped text of the current record */
	size_t storage_cap;
};

/* Read from data[0..n); a leading UTF-8 byte-order mark is skipped. */
void csv_init(struct csv_reader *r, const char *data, size_t n);
void csv_release(struct csv_reader *r);

/* Read the next record into r->fields / r->nfields; *line is set to the
 * line it started on. Returns 1 for a record, 0 at the end, -1 for a
 * malformed record (an unterminated quote, text after a closing quote, or
 * a NUL byte in a field, which the reason names by its 1-based column)
 * with a reason in `why` (size bytes); reading goes on at the next line. */
int csv_next(struct csv_reader *r, long *line, char *why, size_t size);

/* A copy of the current record's fields (r->nfields of them), to keep past
 * the next csv_next(); free with csv_free_fields(). */
char **csv_copy_fields(const struct csv_reader *r);
void csv_free_fields(char **fields, size_t n);

#endif
