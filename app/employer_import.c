/*
 * employer_import.c - the employer and placement imports (see
 * employer_import.h; the format is docs/employer-import.md). One table of
 * columns per kind of file says how each cell becomes a member of the API
 * object; each row is then checked with the API's own checks
 * (employer_check_details, employer_check_contact, placement_check_fields)
 * and stored, all inside one transaction. Error reports name the CSV
 * column, not the API member ("account_manager", not "account_manager_id").
 */
#include "app/employer_import.h"
#include "app/employer_internal.h"
#include "app/input.h"
#include "base/buf.h"
#include "base/csv.h"
#include "base/utf8.h"
#include "base/xmalloc.h"
#include "domain/codes.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* How a cell becomes a JSON member. Empty cells are left out, so a
 * re-import never clears what someone entered since. */
enum cell_type {
	CELL_TEXT, /* as written, without surrounding blanks */
	CELL_INT,  /* a whole number */
	CELL_REAL, /* a number with "." for decimals */
	CELL_BOOL, /* yes/no, true/false, 1/0, ja/nee */
	CELL_LIST, /* codes separated by ";" */
	CELL_USER, /* a username, stored as the user's id */
	CELL_ORG,  /* an organisation's name, stored as its id */
};

struct column {
	const char *name;   /* in the CSV header */
	const char *member; /* in the API object */
	enum cell_type type;
	bool required;      /* the header must have it */
};

static const struct column employer_columns[] = {
	{ "name", "name", CELL_TEXT, true },
	{ "sector", "sector", CELL_TEXT, false },
	{ "street", "street", CELL_TEXT, false },
	{ "postal_code", "postal_code", CELL_TEXT, false },
	{ "city", "city", CELL_TEXT, false },
	{ "latitude", "latitude", CELL_REAL, false },
	{ "longitude", "longitude", CELL_REAL, false },
	{ "size_class", "size_class", CELL_TEXT, false },
	{ "network_member", "network_member", CELL_BOOL, false },
	{ "account_manager", "account_manager_id", CELL_USER, false },
	{ "notes", "notes", CELL_TEXT, false },
	{ "contact_name", "contact_name", CELL_TEXT, false },
	{ "contact_job_title", "contact_job_title", CELL_TEXT, false },
	{ "contact_phone", "contact_phone", CELL_TEXT, false },
	{ "contact_email", "contact_email", CELL_TEXT, false },
	{ NULL, NULL, CELL_TEXT, false },
};

static const struct column placement_columns[] = {
	{ "external_id", "external_id", CELL_TEXT, true },
	{ "employer", "organisation_id", CELL_ORG, false },
	{ "kind", "kind", CELL_TEXT, false },
	{ "title", "title", CELL_TEXT, false },
	{ "isco_code", "isco_code", CELL_TEXT, false },
	{ "sector", "sector", CELL_TEXT, false },
	{ "location", "location", CELL_TEXT, false },
	{ "capacity", "capacity", CELL_INT, false },
	{ "start_date", "start_date", CELL_TEXT, false },
	{ "end_date", "end_date", CELL_TEXT, false },
	{ "hours_per_week", "hours_per_week", CELL_INT, false },
	{ "day_parts", "day_parts", CELL_LIST, false },
	{ "full_days", "full_days", CELL_BOOL, false },
	{ "min_cefr_speaking", "min_cefr_speaking", CELL_TEXT, false },
	{ "min_cefr_listening", "min_cefr_listening", CELL_TEXT, false },
	{ "min_isced", "min_isced", CELL_INT, false },
	{ "licences", "licences", CELL_LIST, false },
	{ "physical_load", "physical_load", CELL_TEXT, false },
	{ "safety_shoes", "safety_shoes", CELL_BOOL, false },
	{ "offers_floor_guidance", "offers_floor_guidance", CELL_BOOL, false },
	{ "offers_language_at_work", "offers_language_at_work", CELL_BOOL, false },
	{ "offers_contract", "offers_contract", CELL_BOOL, false },
	{ "supervisor", "supervisor_user_id", CELL_USER, false },
	{ "active", "active", CELL_BOOL, false },
	{ NULL, NULL, CELL_TEXT, false },
};

/* What became of one row. */
enum row_result { ROW_CREATED, ROW_UPDATED, ROW_UNCHANGED, ROW_REJECTED, ROW_FAILED };

/* One kind of file: its columns, and how one row object is checked and
 * stored. A row function gets e holding the errors of the row's cells
 * already (the bad cells left out of obj), adds what its checks find, and
 * stores only when e has no field errors at all. It returns ROW_REJECTED
 * with field errors (named by API member) or ROW_FAILED with an error that
 * stops the import. */
struct import_kind {
	const char *name; /* "employers" */
	const char *what; /* for a refusal: "a jobcoach may not ..." */
	const struct column *columns;
	enum row_result (*row)(struct app_ctx *ctx, json_t *obj, struct err *e);
};

struct import_run {
	struct app_ctx *ctx;
	const struct import_kind *kind;
	json_t *errors;
	long rows, created, updated, unchanged, rejected;
	bool refused; /* the header: the file as a whole is unusable */
	bool failed;  /* a database error: nothing is stored */
	struct err *fail_err;
};

/* ---- cells ---- */

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static const struct column *column_find(const struct column *cols, const char *name)
{
	for (const struct column *c = cols; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* The CSV column of an API member, for error reports; the member itself
 * when no column holds it ("row", or a contact_* column). */
static const char *column_of(const struct column *cols, const char *member)
{
	for (const struct column *c = cols; c->name; c++)
		if (strcmp(c->member, member) == 0)
			return c->name;
	return member;
}

/* The words a yes/no cell may hold. */
static const struct {
	const char *word;
	bool value;
} bool_words[] = {
	{ "yes", true }, { "true", true }, { "1", true }, { "ja", true },
	{ "no", false }, { "false", false }, { "0", false }, { "nee", false },
};

/* Look up a username or an organisation name: 0 and *id, -1 with a field
 * error for the column when there is none, -1 with a plain error (no
 * fields) when the database failed. */
static int cell_ref(struct app_ctx *ctx, const struct column *c, const char *cell, int64_t *id, struct err *e)
{
	struct err tmp;
	int rc;

	err_init(&tmp);
	if (c->type == CELL_USER) {
		struct user_row u;
		if ((rc = store_user_by_name(ctx->st, cell, &u, &tmp)) == 0)
			*id = u.id;
	} else {
		struct org_row o;
		if ((rc = store_org_by_name(ctx->st, cell, &o, &tmp)) == 0)
			*id = o.id;
	}
	if (rc != 0 && tmp.kind == ERR_NOT_FOUND)
		err_field(e, c->name, c->type == CELL_USER ? "no user \"%.60s\"" : "no organisation named \"%.60s\"", cell);
	else if (rc != 0)
		err_set(e, tmp.kind, "%s", tmp.msg);
	err_release(&tmp);
	return rc == 0 ? 0 : -1;
}

/* The JSON value of one non-empty cell (modified in place); NULL with an
 * error in e (a field error for the column, or a database error). */
static json_t *cell_value(struct app_ctx *ctx, const struct column *c, char *cell, struct err *e)
{
	char *end;
	int64_t id;

	switch (c->type) {
	case CELL_TEXT:
		return json_string(cell);
	case CELL_INT: {
		errno = 0;
		long long v = strtoll(cell, &end, 10);
		if (errno == 0 && end != cell && *end == '\0')
			return json_integer(v);
		err_field(e, c->name, "\"%.40s\" is not a whole number", cell);
		return NULL;
	}
	case CELL_REAL: {
		errno = 0;
		double d = strtod(cell, &end);
		if (errno == 0 && end != cell && *end == '\0' && isfinite(d))
			return json_real(d);
		err_field(e, c->name, "\"%.40s\" is not a number (use \".\" for decimals)", cell);
		return NULL;
	}
	case CELL_BOOL:
		for (size_t i = 0; i < sizeof bool_words / sizeof bool_words[0]; i++)
			if (strcasecmp(cell, bool_words[i].word) == 0)
				return json_boolean(bool_words[i].value);
		err_field(e, c->name, "\"%.40s\" is not yes or no", cell);
		return NULL;
	case CELL_LIST: {
		json_t *a = json_array();
		for (char *item = cell, *next; item; item = next) {
			next = strchr(item, ';');
			if (next)
				*next++ = '\0';
			item = trim(item);
			if (*item)
				json_array_append_new(a, json_string(item));
		}
		return a;
	}
	case CELL_USER:
	case CELL_ORG:
		return cell_ref(ctx, c, cell, &id, e) == 0 ? json_integer(id) : NULL;
	}
	return NULL;
}

/* The API object of one row under the header's columns cols[0..n):
 * 0 and *out (caller owns), with a field error (named by column) in e for
 * each cell that cannot be read and is left out; or -1 when the database
 * failed. */
static int cells_object(struct app_ctx *ctx, const struct column *const *cols, char **cells, size_t n, json_t **out,
			struct err *e)
{
	json_t *obj = json_object();

	for (size_t i = 0; i < n; i++) {
		char *cell = trim(cells[i]);
		if (*cell == '\0')
			continue;
		size_t before = e->nfields;
		json_t *v = cell_value(ctx, cols[i], cell, e);
		if (v == NULL && e->nfields == before) {
			json_decref(obj); /* the database failed */
			return -1;
		}
		if (v)
			json_object_set_new(obj, cols[i]->member, v);
	}
	*out = obj;
	return 0;
}

/* Is the value v (as the API takes it) what the store holds in stored?
 * Booleans are stored as 0/1, lists as their JSON text. */
static bool same_value(const json_t *stored, const json_t *v)
{
	if (stored == NULL || json_is_null(stored))
		return json_is_null(v);
	if (json_is_boolean(v) && json_is_integer(stored))
		return (json_integer_value(stored) != 0) == json_is_true(v);
	if ((json_is_array(v) || json_is_object(v)) && json_is_string(stored)) {
		json_t *parsed = json_loads(json_string_value(stored), 0, NULL);
		bool same = parsed && json_equal(parsed, v);
		json_decref(parsed);
		return same;
	}
	if (json_is_number(v) && json_is_number(stored))
		return json_number_value(v) == json_number_value(stored);
	return json_equal(stored, v);
}

/* True when every member of `changes` already has that value in `stored`. */
static bool same_values(const json_t *stored, const json_t *changes)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)changes, key, v)
		if (!same_value(json_object_get(stored, key), v))
			return false;
	return true;
}

/* An entry in the employer's history, by the actor. */
static int history(struct app_ctx *ctx, int64_t org_id, const char *kind, const char *text, struct err *e)
{
	return store_employer_event_insert(ctx->st, org_id, ctx->today_s, kind, text, ctx->actor.user_id,
					   ctx->actor.user_id ? ctx->actor.display_name : "systeem", ctx->now_s, e);
}

/* ---- employers ---- */

static const char *const contact_members[][2] = {
	{ "contact_name", "name" },
	{ "contact_job_title", "job_title" },
	{ "contact_phone", "phone" },
	{ "contact_email", "email" },
};

/* Move the contact_* members of obj into a contact object; NULL when the
 * row names no contact. */
static json_t *contact_take(json_t *obj)
{
	json_t *c = NULL;
	for (size_t i = 0; i < sizeof contact_members / sizeof contact_members[0]; i++) {
		json_t *v = json_object_get(obj, contact_members[i][0]);
		if (v == NULL)
			continue;
		if (c == NULL)
			c = json_object();
		json_object_set(c, contact_members[i][1], v);
		json_object_del(obj, contact_members[i][0]);
	}
	return c;
}

/* employer_check_contact, with the errors named by contact_* column. */
static void contact_check(const json_t *c, struct err *e)
{
	struct err tmp;
	struct buf field;

	err_init(&tmp);
	buf_init(&field, 64);
	employer_check_contact(c, &tmp);
	for (size_t i = 0; i < tmp.nfields; i++) {
		buf_reset(&field);
		buf_printf(&field, "contact_%s", tmp.fields[i].field);
		err_field(e, field.failed ? "contact" : field.data, "%s", tmp.fields[i].reason);
	}
	buf_release(&field);
	err_release(&tmp);
}

/* True when contacts (stored rows) has one named like c. */
static bool contact_known(const json_t *contacts, const json_t *c)
{
	size_t i;
	json_t *row;
	json_array_foreach(contacts, i, row)
		if (json_equal(json_object_get(row, "name"), json_object_get(c, "name")))
			return true;
	return false;
}

static enum row_result employer_row(struct app_ctx *ctx, json_t *obj, struct err *e)
{
	json_t *contact = contact_take(obj), *details = NULL, *existing = NULL, *contacts = NULL;
	enum row_result res = ROW_REJECTED;
	int64_t org_id = 0;
	struct org_row org;
	struct err tmp;
	struct buf text;

	err_init(&tmp);
	buf_init(&text, 0);
	size_t before = e->nfields;
	input_text(obj, "name", 2, 120, true, e);
	if (contact)
		contact_check(contact, e);
	const char *name = json_string_value(json_object_get(obj, "name"));
	if (e->nfields > before)
		name = NULL; /* check the details as those of a new employer */
	if (name && store_org_by_name(ctx->st, name, &org, &tmp) == 0) {
		if (strcmp(org.type, "employer") == 0)
			org_id = org.id;
		else
			err_field(e, "name", "\"%.60s\" is an organisation of type %s, not an employer", name, org.type);
	} else if (name && tmp.kind != ERR_NOT_FOUND) {
		goto out_failed_tmp;
	}
	/* an employer organisation may still lack its details (made by an admin) */
	err_clear(&tmp);
	if (org_id && store_employer_get(ctx->st, org_id, &existing, &tmp) != 0 && tmp.kind != ERR_NOT_FOUND)
		goto out_failed_tmp;
	details = json_copy(obj);
	json_object_del(details, "name");
	employer_check_details(ctx, details, existing == NULL, e);
	if (e->nfields)
		goto out;
	res = ROW_FAILED;
	if (existing == NULL) {
		if (!org_id && store_org_insert(ctx->st, name, "employer", &org_id, e) != 0)
			goto out;
		if (store_employer_insert(ctx->st, org_id, details, ctx->now_s, e) != 0 ||
		    (contact && store_contact_insert(ctx->st, org_id, contact, ctx->now_s, NULL, e) != 0) ||
		    history(ctx, org_id, "created", "werkgever toegevoegd (import)", e) != 0)
			goto out;
		res = ROW_CREATED;
		goto out;
	}
	bool changed = !same_values(existing, details), new_contact = false;
	if (contact) {
		if (store_contact_list(ctx->st, org_id, &contacts, e) != 0)
			goto out;
		new_contact = !contact_known(contacts, contact);
	}
	if (!changed && !new_contact) {
		res = ROW_UNCHANGED;
		goto out;
	}
	if (changed && (store_employer_update(ctx->st, org_id, details, ctx->now_s, e) != 0 ||
			history(ctx, org_id, "updated", "gegevens bijgewerkt (import)", e) != 0))
		goto out;
	if (new_contact) {
		buf_printf(&text, "contactpersoon toegevoegd: %s", json_string_value(json_object_get(contact, "name")));
		if (store_contact_insert(ctx->st, org_id, contact, ctx->now_s, NULL, e) != 0 ||
		    history(ctx, org_id, "contact", text.data, e) != 0)
			goto out;
	}
	res = ROW_UPDATED;
	goto out;
out_failed_tmp:
	err_set(e, tmp.kind, "%s", tmp.msg);
	res = ROW_FAILED;
out:
	buf_release(&text);
	err_release(&tmp);
	json_decref(contact);
	json_decref(details);
	json_decref(existing);
	json_decref(contacts);
	return res;
}

/* ---- placements ---- */

/* Store a new placement from its checked row (as app_placement_create). */
static enum row_result placement_insert(struct app_ctx *ctx, json_t *row, struct err *e)
{
	int64_t id, org = json_integer_value(json_object_get(row, "organisation_id"));
	struct buf text;
	int rc = -1;

	if (!json_object_get(row, "sector")) {
		/* the employer's sector, or "other" for the social work company's halls */
		json_t *emp = NULL;
		struct err tmp;
		err_init(&tmp);
		if (store_employer_get(ctx->st, org, &emp, &tmp) == 0)
			json_object_set(row, "sector", json_object_get(emp, "sector"));
		else
			json_object_set_new(row, "sector", json_string("other"));
		json_decref(emp);
		err_release(&tmp);
	}
	buf_init(&text, 0);
	buf_printf(&text, "plaats aangeboden (import): %s (%s, %lld plaatsen)",
		   json_string_value(json_object_get(row, "title")),
		   codes_label("placement_kind", json_string_value(json_object_get(row, "kind"))),
		   (long long)json_integer_value(json_object_get(row, "capacity")));
	if (store_placement_insert(ctx->st, row, ctx->now_s, &id, e) != 0)
		goto out;
	/* a new row is active; store "active": no as an update */
	json_t *active = json_object_get(row, "active");
	if (json_is_false(active)) {
		json_t *off = json_pack("{s:b}", "active", 0);
		int bad = store_placement_update(ctx->st, id, off, ctx->now_s, e);
		json_decref(off);
		if (bad)
			goto out;
	}
	rc = history(ctx, org, "placement", text.data, e);
out:
	buf_release(&text);
	return rc == 0 ? ROW_CREATED : ROW_FAILED;
}

static enum row_result placement_row(struct app_ctx *ctx, json_t *obj, struct err *e)
{
	json_t *old = NULL, *in = NULL, *row = json_object();
	enum row_result res = ROW_REJECTED;
	int64_t id = 0;

	size_t before = e->nfields;
	input_text(obj, "external_id", 1, 64, true, e);
	const char *ext = json_string_value(json_object_get(obj, "external_id"));
	if (e->nfields == before && store_placement_by_external_id(ctx->st, ext, &id, e) != 0) {
		res = ROW_FAILED;
		goto out;
	}
	if (id == 0) {
		placement_check_fields(ctx, obj, NULL, row, e);
		if (e->nfields == 0)
			res = placement_insert(ctx, row, e);
		goto out;
	}
	if (store_placement_get(ctx->st, id, &old, e) != 0) {
		res = ROW_FAILED;
		goto out;
	}
	in = json_copy(obj);
	json_t *org = json_object_get(in, "organisation_id");
	if (org && json_integer_value(org) != json_integer_value(json_object_get(old, "organisation_id")))
		err_field(e, "organisation_id", "placement \"%.60s\" is offered by %.60s; it cannot move to another organisation",
			  ext, json_string_value(json_object_get(old, "organisation_name")));
	json_object_del(in, "organisation_id");
	placement_check_fields(ctx, in, old, row, e);
	json_t *cap = json_object_get(in, "capacity");
	json_int_t occ = json_integer_value(json_object_get(old, "occupancy"));
	if (json_is_integer(cap) && json_integer_value(cap) < occ)
		err_field(e, "capacity", "%lld is below the %lld people placed now", (long long)json_integer_value(cap),
			  (long long)occ);
	if (e->nfields)
		goto out;
	if (same_values(old, row)) {
		res = ROW_UNCHANGED;
		goto out;
	}
	res = store_placement_update(ctx->st, id, row, ctx->now_s, e) == 0 ? ROW_UPDATED : ROW_FAILED;
out:
	json_decref(old);
	json_decref(in);
	json_decref(row);
	return res;
}

/* ---- the file ---- */

static const struct import_kind import_employers = { "employers", "import employers", employer_columns, employer_row };
static const struct import_kind import_placements = { "placements", "import placements", placement_columns,
						      placement_row };

static void reject(struct import_run *run, long line, const char *field, const char *reason)
{
	json_array_append_new(run->errors,
			      json_pack("{s:I,s:s,s:s}", "line", (json_int_t)line, "field", field, "reason", reason));
}

/* Every field error of e for this line, named by column; a column named
 * by one of the first `cells` errors (those of unreadable cells) is not
 * named again by the checks that miss its value. */
static void reject_err(struct import_run *run, long line, const struct err *e, size_t cells)
{
	if (e->nfields == 0)
		reject(run, line, "row", e->msg);
	for (size_t i = 0; i < e->nfields; i++) {
		const char *col = column_of(run->kind->columns, e->fields[i].field);
		bool again = false;
		for (size_t k = 0; k < cells && k < i; k++)
			again |= strcmp(e->fields[k].field, col) == 0;
		if (!again)
			reject(run, line, col, e->fields[i].reason);
	}
}

/* Check the header: known columns, none twice, the required ones there.
 * Fills cols[i] for header[i]. */
static int header_check(const struct column *table, char *const *header, size_t n, const struct column **cols,
			struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		cols[i] = column_find(table, header[i]);
		if (cols[i] == NULL)
			err_field(e, header[i][0] ? header[i] : "(empty column name)", "unknown column");
		for (size_t k = 0; k < i; k++)
			if (strcmp(header[i], header[k]) == 0)
				err_field(e, header[i], "column appears twice");
	}
	for (const struct column *c = table; c->name; c++) {
		bool found = false;
		for (size_t i = 0; i < n; i++)
			found |= strcmp(header[i], c->name) == 0;
		if (c->required && !found)
			err_field(e, c->name, "required column is missing");
	}
	return e->nfields ? -1 : 0;
}

static void fail(struct import_run *run, long line, const struct err *e)
{
	run->failed = true;
	err_set(run->fail_err, e->kind == ERR_NONE ? ERR_INTERNAL : e->kind, "line %ld: %s", line, e->msg);
}

/* One data row: typed, checked, stored, counted. */
static void import_row(struct import_run *run, long line, const struct column *const *cols, char **cells, size_t n)
{
	struct err e;
	json_t *obj = NULL;

	err_init(&e);
	run->rows++;
	for (size_t i = 0; i < n; i++) {
		if (!utf8_valid(cells[i], strlen(cells[i]), NULL)) {
			reject(run, line, cols[i]->name, "is not valid UTF-8");
			run->rejected++;
			goto out;
		}
	}
	if (cells_object(run->ctx, cols, cells, n, &obj, &e) != 0) {
		fail(run, line, &e);
		goto out;
	}
	size_t unreadable = e.nfields;
	switch (run->kind->row(run->ctx, obj, &e)) {
	case ROW_CREATED: run->created++; break;
	case ROW_UPDATED: run->updated++; break;
	case ROW_UNCHANGED: run->unchanged++; break;
	case ROW_REJECTED:
		reject_err(run, line, &e, unreadable);
		run->rejected++;
		break;
	case ROW_FAILED: fail(run, line, &e); break;
	}
out:
	json_decref(obj);
	err_release(&e);
}

static void import_csv(struct import_run *run, const char *data, size_t n)
{
	struct csv_reader r;
	char why[128];
	long line;
	char **header = NULL;
	const struct column **cols = NULL;
	size_t ncols = 0;
	struct err e;

	err_init(&e);
	csv_init(&r, data, n);
	int rc = csv_next(&r, &line, why, sizeof why);
	if (rc <= 0) {
		reject(run, 1, "header", rc == 0 ? "the file is empty: a header row is needed" : why);
		goto out_refused;
	}
	ncols = r.nfields;
	header = csv_copy_fields(&r);
	cols = xcalloc(ncols + 1, sizeof *cols);
	if (header_check(run->kind->columns, header, ncols, cols, &e) != 0) {
		reject_err(run, line, &e, 0);
		goto out_refused;
	}
	while (!run->failed && (rc = csv_next(&r, &line, why, sizeof why)) != 0) {
		if (rc < 0) {
			run->rows++;
			run->rejected++;
			reject(run, line, "row", why);
		} else if (r.nfields != ncols) {
			struct buf reason;
			buf_init(&reason, 200);
			buf_printf(&reason, "has %zu cells where the header has %zu columns", r.nfields, ncols);
			run->rows++;
			run->rejected++;
			reject(run, line, "row", reason.data);
			buf_release(&reason);
		} else {
			import_row(run, line, cols, r.fields, r.nfields);
		}
	}
	goto out;
out_refused:
	run->rejected++;
	run->refused = true;
out:
	if (header)
		csv_free_fields(header, ncols);
	free(cols);
	csv_release(&r);
	err_release(&e);
}

static int import_file(struct app_ctx *ctx, const struct import_kind *kind, const char *data, size_t n, bool partial,
		       json_t **report, struct err *e)
{
	struct import_run run = { .ctx = ctx, .kind = kind, .fail_err = e };

	*report = NULL;
	if (employer_need(ctx, ACT_MANAGE_EMPLOYERS, kind->what, e) != 0)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	run.errors = json_array();
	import_csv(&run, data, n);
	bool commit = !run.failed && !run.refused && (run.rejected == 0 || partial);
	if (commit && store_commit(ctx->st, e) != 0)
		commit = false, run.failed = true;
	if (!commit)
		store_rollback(ctx->st);
	*report = json_pack("{s:s,s:s,s:b,s:I,s:I,s:I,s:I,s:I,s:b,s:o}", "import", kind->name, "format", "csv",
			    "partial", partial, "rows", (json_int_t)run.rows, "created",
			    (json_int_t)(commit ? run.created : 0), "updated", (json_int_t)(commit ? run.updated : 0),
			    "unchanged", (json_int_t)(commit ? run.unchanged : 0), "rejected", (json_int_t)run.rejected,
			    "committed", commit, "errors", run.errors);
	if (run.failed)
		return -1;
	if (run.refused)
		return err_set(e, ERR_INVALID, "the file was refused: see the errors on line 1");
	if (run.rejected) {
		err_set(e, ERR_INVALID,
			partial ? "%ld of %ld rows rejected; the other rows were stored"
				: "%ld of %ld rows rejected; nothing was stored",
			run.rejected, run.rows);
		return partial ? 0 : -1;
	}
	return 0;
}

int app_import_employers(struct app_ctx *ctx, const char *data, size_t n, bool partial, json_t **report,
			 struct err *e)
{
	return import_file(ctx, &import_employers, data, n, partial, report, e);
}

int app_import_placements(struct app_ctx *ctx, const char *data, size_t n, bool partial, json_t **report,
			  struct err *e)
{
	return import_file(ctx, &import_placements, data, n, partial, report, e);
}
