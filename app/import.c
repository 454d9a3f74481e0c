/*
 * import.c - importing reception-centre screening profiles (CSV with a
 * header row, or JSON Lines). Rows are matched on external_id: a known id
 * updates the participant, a new one registers them, so importing the same
 * file twice changes nothing the second time (those rows count as
 * "unchanged" and are neither stored nor logged). The whole file is one
 * transaction: one bad row refuses the file unless `partial`, and the
 * report lists every rejected row with line, field and reason.
 */
#include "app/app.h"
#include "app/audit.h"
#include "app/participant_internal.h"
#include "app/vault.h"
#include "base/csv.h"
#include "base/utf8.h"
#include "domain/participant.h"
#include "domain/screening.h"

#include <string.h>

struct import_run {
	struct app_ctx *ctx;
	json_t *errors;
	long rows, created, updated, unchanged, rejected;
	bool refused; /* the file as a whole is unusable (its header) */
	bool fatal;
	struct err *fatal_err;
};

static void reject(struct import_run *run, long line, const char *field, const char *reason)
{
	json_array_append_new(run->errors, json_pack("{s:i,s:s,s:s}", "line", (int)line, "field", field, "reason", reason));
}

static void reject_err(struct import_run *run, long line, const struct err *e)
{
	if (e->nfields == 0) {
		reject(run, line, "row", e->msg);
		return;
	}
	for (size_t i = 0; i < e->nfields; i++)
		reject(run, line, e->fields[i].field, e->fields[i].reason);
}

/* True when every member of `changes` already has that value in `rec`. */
static bool same_values(const json_t *rec, const json_t *changes)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)changes, key, v) {
		json_t *old = json_object_get(rec, key);
		if (old == NULL || !json_equal(old, v))
			return false;
	}
	return true;
}

/* Validate and store one row object; `obj` is borrowed. */
static void import_row(struct import_run *run, long line, const json_t *obj)
{
	struct app_ctx *ctx = run->ctx;
	json_t *rec = NULL, *existing = NULL;
	struct err e;
	int64_t id;

	err_init(&e);
	run->rows++;
	if (participant_validate(obj, VALIDATE_CREATE, ctx->today, &rec, &e) != 0)
		goto out_reject;
	json_t *ext = json_object_get(rec, "external_id");
	if (!json_is_string(ext)) {
		err_field(&e, "external_id", "is required for an import");
		goto out_reject;
	}
	if (store_participant_by_external_id(ctx->st, json_string_value(ext), &id, &e) != 0)
		goto out_fatal;
	if (id == 0) {
		if (participant_check_record(rec, ctx->today, &e) != 0 || participant_check_new(ctx, rec, &e) != 0)
			goto out_reject;
		if (participant_insert_new(ctx, rec, "import", ACTIVITY_SCREENING_IMPORT, &id, &e) != 0)
			goto out_fatal;
		run->created++;
		goto out;
	}
	struct relation rel;
	if (participant_relation(ctx, id, &rel, &e) != 0)
		goto out_fatal;
	/* an empty cell never clears what is stored; defaults of a new record
	 * do not apply to an update */
	if (!json_object_get(obj, "target_group"))
		json_object_del(rec, "target_group");
	if (participant_check_writable(ctx, rec, &rel, &e) != 0)
		goto out_reject;
	if (store_participant_get(ctx->st, id, &existing, &e) != 0)
		goto out_fatal;
	struct err check;
	err_init(&check);
	/* compared in the open: the stored record's sealed values are opened
	 * in a copy that is only compared, never returned */
	json_t *plain = json_deep_copy(existing);
	if (vault_participant_open(ctx->app, plain, ~0u, &e) != 0) {
		json_decref(plain);
		err_release(&check);
		goto out_fatal;
	}
	json_t *merged = json_deep_copy(plain);
	json_object_update(merged, rec);
	int bad = participant_check_record(merged, ctx->today, &check);
	json_decref(merged);
	if (bad) {
		json_decref(plain);
		reject_err(run, line, &check);
		run->rejected++;
		err_release(&check);
		goto out;
	}
	err_release(&check);
	bool same = same_values(plain, rec);
	json_decref(plain);
	if (same) {
		run->unchanged++; /* nothing to store, nothing processed */
		goto out;
	}
	if (participant_apply(ctx, id, existing, rec, "import", ACTIVITY_SCREENING_IMPORT, &e) != 0)
		goto out_fatal;
	run->updated++;
	goto out;
out_reject:
	reject_err(run, line, &e);
	run->rejected++;
	goto out;
out_fatal:
	run->fatal = true;
	err_set(run->fatal_err, e.kind == ERR_NONE ? ERR_INTERNAL : e.kind, "line %ld: %s", line, e.msg);
out:
	json_decref(rec);
	json_decref(existing);
	err_release(&e);
}

static void import_csv(struct import_run *run, const char *data, size_t n, import_progress progress, void *arg)
{
	struct csv_reader r;
	char why[128];
	long line;
	char **header = NULL;
	size_t ncols = 0;
	struct err e;

	err_init(&e);
	csv_init(&r, data, n);
	int rc = csv_next(&r, &line, why, sizeof why);
	if (rc <= 0) {
		reject(run, 1, "header", rc == 0 ? "the file is empty: a header row is needed" : why);
		run->rejected++;
		run->refused = true;
		goto out;
	}
	ncols = r.nfields;
	header = csv_copy_fields(&r);
	if (screening_check_header(header, ncols, &e) != 0) {
		reject_err(run, line, &e);
		run->rejected++;
		run->refused = true;
		goto out;
	}
	while (!run->fatal && (rc = csv_next(&r, &line, why, sizeof why)) != 0) {
		if (rc < 0) {
			run->rows++;
			run->rejected++;
			reject(run, line, "row", why);
			continue;
		}
		bool utf8 = true;
		for (size_t i = 0; i < r.nfields && utf8; i++) {
			if (!utf8_valid(r.fields[i], strlen(r.fields[i]), NULL)) {
				run->rows++;
				run->rejected++;
				reject(run, line, i < ncols ? header[i] : "row", "is not valid UTF-8");
				utf8 = false;
			}
		}
		if (!utf8)
			continue;
		json_t *obj = NULL;
		err_clear(&e);
		if (screening_row(header, ncols, r.fields, r.nfields, &obj, &e) != 0) {
			run->rows++;
			run->rejected++;
			reject_err(run, line, &e);
			continue;
		}
		import_row(run, line, obj);
		json_decref(obj);
		if (progress && run->rows % 500 == 0)
			progress(arg, run->rows, (size_t)(r.p - data), n);
	}
out:
	if (header)
		csv_free_fields(header, ncols);
	csv_release(&r);
	err_release(&e);
}

static void import_jsonl(struct import_run *run, const char *data, size_t n, import_progress progress, void *arg)
{
	const char *p = data, *end = data + n;
	long line = 0;

	while (p < end && !run->fatal) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		line++;
		size_t len = (size_t)(stop - p);
		const char *text = p;
		p = nl ? nl + 1 : end;
		bool blank = true;
		for (size_t i = 0; i < len; i++)
			blank &= text[i] == ' ' || text[i] == '\t' || text[i] == '\r';
		if (blank)
			continue;
		json_error_t je;
		json_t *obj = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
		if (obj == NULL || !json_is_object(obj)) {
			char reason[200];
			snprintf(reason, sizeof reason, "%s", obj ? "must be a JSON object" : je.text);
			run->rows++;
			run->rejected++;
			reject(run, line, "line", reason);
			json_decref(obj);
			continue;
		}
		import_row(run, line, obj);
		json_decref(obj);
		if (progress && run->rows % 500 == 0)
			progress(arg, run->rows, (size_t)(p - data), n);
	}
}

int app_import_screening(struct app_ctx *ctx, enum import_format fmt, const char *data, size_t n, bool partial,
			 import_progress progress, void *progress_arg, json_t **report, struct err *e)
{
	struct import_run run = { .ctx = ctx, .errors = json_array(), .fatal_err = e };

	*report = NULL;
	if (!access_may(ctx->actor.role, ACT_IMPORT_SCREENING, NULL)) {
		json_decref(run.errors);
		return err_set(e, ERR_FORBIDDEN, "a %s may not import screening files", access_role(ctx->actor.role)->label);
	}
	if (store_begin(ctx->st, e) != 0) {
		json_decref(run.errors);
		return -1;
	}
	if (fmt == IMPORT_CSV)
		import_csv(&run, data, n, progress, progress_arg);
	else
		import_jsonl(&run, data, n, progress, progress_arg);
	if (progress)
		progress(progress_arg, run.rows, n, n);

	bool commit = !run.fatal && !run.refused && (run.rejected == 0 || partial);
	if (commit && store_commit(ctx->st, e) != 0)
		commit = false, run.fatal = true;
	if (!commit)
		store_rollback(ctx->st);
	*report = json_pack("{s:s,s:b,s:i,s:i,s:i,s:i,s:i,s:b,s:o}", "format", fmt == IMPORT_CSV ? "csv" : "jsonl",
			    "partial", partial, "rows", (int)run.rows, "created", commit ? (int)run.created : 0,
			    "updated", commit ? (int)run.updated : 0, "unchanged", commit ? (int)run.unchanged : 0,
			    "rejected", (int)run.rejected, "committed", commit, "errors", run.errors);
	if (run.fatal)
		return -1;
	if (run.refused)
		return err_set(e, ERR_INVALID, "the file was refused: see the errors on line 1");
	if (run.rejected) {
		err_set(e, ERR_INVALID, partial ? "%ld of %ld rows rejected; the other rows were stored"
						: "%ld of %ld rows rejected; nothing was stored",
			run.rejected, run.rows);
		return partial ? 0 : -1;
	}
	return 0;
}
