/*
 * csv.c - RFC 4180 reader (see csv.h). Blank lines are skipped.
 */
#include "csv.h"
#include "buf.h"
#include "xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void csv_init(struct csv_reader *r, const char *data, size_t n)
{
	memset(r, 0, sizeof *r);
	r->p = data;
	r->end = data + n;
	r->line = 1;
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
}

void csv_release(struct csv_reader *r)
{
	free(r->fields);
	free(r->storage);
	memset(r, 0, sizeof *r);
}

static void skip_to_next_line(struct csv_reader *r)
{
	while (r->p < r->end && *r->p != '\n')
		r->p++;
	if (r->p < r->end) {
		r->p++;
		r->line++;
	}
}

int csv_next(struct csv_reader *r, long *line, char *why, size_t size)
{
	/* skip blank lines */
	while (r->p < r->end && (*r->p == '\n' || (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n'))) {
		r->p += *r->p == '\r' ? 2 : 1;
		r->line++;
	}
	if (r->p >= r->end)
		return 0;
	*line = r->line;

	/* the unescaped record is never longer than its source text */
	size_t avail = (size_t)(r->end - r->p) + 1;
	if (r->storage_cap < avail) {
		r->storage = xrealloc(r->storage, avail);
		r->storage_cap = avail;
	}
	char *out = r->storage;
	size_t nul_column = 0; /* 1-based column of the first NUL byte */
	r->nfields = 0;

	for (;;) {
		if (r->nfields == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 16;
			r->fields = xrealloc(r->fields, r->cap * sizeof *r->fields);
		}
		r->fields[r->nfields++] = out;
		if (r->p < r->end && *r->p == '"') {
			long quote_line = r->line;
			r->p++;
			for (;;) {
				if (r->p >= r->end) {
					str_copy(why, size, "unterminated quoted field");
					r->line = quote_line;
					skip_to_next_line(r);
					return -1;
				}
				if (*r->p == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"') {
						*out++ = '"';
						r->p += 2;
						continue;
					}
					r->p++;
					break;
				}
				if (*r->p == '\n')
					r->line++;
				if (*r->p == '\0' && nul_column == 0)
					nul_column = r->nfields;
				*out++ = *r->p++;
			}
			if (r->p < r->end && *r->p != ',' && *r->p != '\n' &&
			    !(*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n') && !(*r->p == '\r' && r->p + 1 == r->end)) {
				str_copy(why, size, "text after a closing quote");
				skip_to_next_line(r);
				return -1;
			}
		} else {
			while (r->p < r->end && *r->p != ',' && *r->p != '\n') {
				if (*r->p == '\r' && (r->p + 1 == r->end || r->p[1] == '\n'))
					break;
				if (*r->p == '\0' && nul_column == 0)
					nul_column = r->nfields;
				*out++ = *r->p++;
			}
		}
		*out++ = '\0';
		if (r->p >= r->end)
			break;
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n') {
			r->p++;
			r->line++;
		}
		break;
	}
	if (nul_column) {
		/* C strings would cut the cell short silently: refuse the record */
		snprintf(why, size, "column %zu contains a NUL byte", nul_column);
		return -1;
	}
	return 1;
}

char **csv_copy_fields(const struct csv_reader *r)
{
	char **out = xcalloc(r->nfields + 1, sizeof *out);
	for (size_t i = 0; i < r->nfields; i++)
		out[i] = xstrdup(r->fields[i]);
	return out;
}

void csv_free_fields(char **fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(fields[i]);
	free(fields);
}
