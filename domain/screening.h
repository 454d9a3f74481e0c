/*
 * screening.h - reception-centre screening profiles as rows of a CSV file:
 * mapping a header and a row of text cells onto a participant object of
 * the API shape, which participant_validate() then checks. The format is
 * documented in docs/screening-import.md.
 *
 * Cells are text; integer fields must hold whole numbers; list fields use
 * ";" between items and, for diplomas and work history, "|" between the
 * parts of one item. Empty cells are left out, so a re-import never clears
 * what someone entered since.
 */
#ifndef MEEDOEN_SCREENING_H
#define MEEDOEN_SCREENING_H

#include <jansson.h>
#include <stddef.h>

#include "../base/err.h"

/* Check a header row: every column must be a participant field, none may
 * repeat, and external_id, family_name, given_names and birth_date must be
 * there. Returns 0 or -1 with one field error per bad column. */
int screening_check_header(char *const *cols, size_t ncols, struct err *e);

/* Build a participant object from one row under a checked header. A row
 * with another number of cells than the header, or a cell that cannot be
 * read as its field's type, gives field errors. Returns 0 and *out (caller
 * owns), or -1. */
int screening_row(char *const *cols, size_t ncols, char *const *cells, size_t ncells, json_t **out,
		  struct err *e);

#endif
