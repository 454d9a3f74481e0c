/*
 * h_import_csv.c - the CSV imports: POST /api/import/employers,
 * /api/import/placements, /api/import/timetable and
 * /api/import/class-attendance. The file is the raw body (text/csv, or any
 * type with ?format=csv), ?partial=1 to store the good rows of a file with
 * bad ones. The report comes back as the answer, and also with a refusal
 * (422) as members of the problem, like the screening import.
 */
#include "http/request.h"
#include "app/employer_import.h"
#include "app/timetable.h"

#include <string.h>
#include <strings.h>

typedef int (*import_fn)(struct app_ctx *ctx, const char *data, size_t n, bool partial, json_t **report,
			 struct err *e);

/* Check the format and read ?partial=, then run the import. */
static int import_csv_body(struct hctx *h, import_fn run)
{
	const char *f = query(h, "format"), *partial = query(h, "partial"), *ct = h->content_type;

	if (f && *f && strcmp(f, "csv") != 0)
		return err_field(h->e, "format", "\"%.20s\" is not csv (the only format of this import)", f);
	if (!(f && *f) && !(ct && strncasecmp(ct, "text/csv", 8) == 0 && (ct[8] == '\0' || ct[8] == ';')))
		return err_set(h->e, ERR_UNSUPPORTED, "send the file as text/csv, or name it with ?format=csv");
	bool is_partial = partial && (strcmp(partial, "1") == 0 || strcmp(partial, "true") == 0);
	if (partial && !is_partial && strcmp(partial, "0") != 0 && strcmp(partial, "false") != 0)
		return err_field(h->e, "partial", "\"%.20s\" is not 0 or 1", partial);
	json_t *report = NULL;
	int rc = run(h->ctx, h->raw, h->raw_len, is_partial, &report, h->e);
	h->out = report; /* also sent with a refusal, as members of the problem */
	return rc;
}

int h_import_employers(struct hctx *h)
{
	return import_csv_body(h, app_import_employers);
}

int h_import_placements(struct hctx *h)
{
	return import_csv_body(h, app_import_placements);
}

int h_import_timetable(struct hctx *h)
{
	return import_csv_body(h, app_import_timetable);
}

int h_import_class_attendance(struct hctx *h)
{
	return import_csv_body(h, app_import_class_attendance);
}
