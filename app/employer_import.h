/*
 * employer_import.h - importing the employer network and its placements
 * from CSV files (docs/employer-import.md), with a row-by-row report like
 * the screening import (app.h, app_import_screening).
 *
 * Employers are matched on their name, placements on external_id: a known
 * one is updated, a new one created, and a row that would change nothing
 * counts as "unchanged" and is not stored again. Every row is checked by
 * the same functions as the API (employer.c, placement.c). The file is one
 * transaction: one bad row refuses the whole file unless `partial`, which
 * stores the good rows. Only roles that manage employers may import.
 */
#ifndef MEEDOEN_EMPLOYER_IMPORT_H
#define MEEDOEN_EMPLOYER_IMPORT_H

#include "app/app.h"

/* Import the employers CSV held in data[0..n). *report is always set
 * when the actor may import (the caller owns it): {"import","format",
 * "partial","rows","created","updated","unchanged","rejected","committed",
 * "errors":[{"line","field","reason"}]}. Returns 0 when the file was
 * accepted (with `partial`, also when some rows were rejected), -1 with
 * ERR_INVALID when rows or the header were refused (nothing stored unless
 * partial), ERR_FORBIDDEN (and no report) for a role that may not manage
 * employers, or another error (nothing stored). */
int app_import_employers(struct app_ctx *ctx, const char *data, size_t n, bool partial, json_t **report,
			 struct err *e);

/* The same for the placements CSV: rows matched on external_id, the
 * organisation named by its name in the "employer" column. */
int app_import_placements(struct app_ctx *ctx, const char *data, size_t n, bool partial, json_t **report,
			  struct err *e);

#endif
