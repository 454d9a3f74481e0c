/*
 * participant.c - registering, reading, changing and listing participants.
 * Each function resolves the actor's relation to the participant, asks the
 * access table what that allows, returns only readable categories, and
 * logs one processing-log entry per participant touched.
 */
#include "app/app.h"
#include "app/audit.h"
#include "app/participant_internal.h"
#include "app/vault.h"
#include "domain/bsn.h"
#include "domain/participant.h"
#include "base/xmalloc.h"

#include <stdlib.h>

#include <string.h>

int participant_relation(struct app_ctx *ctx, int64_t pid, struct relation *rel, struct err *e)
{
	const struct role_def *r = access_role(ctx->actor.role);
	return store_participant_relation(ctx->st, pid, ctx->actor.user_id, ctx->actor.org_id, r->own_by,
					  ctx->today_s, rel, e);
}

int participant_load(struct app_ctx *ctx, int64_t pid, json_t **rec, struct relation *rel, struct err *e)
{
	json_t *r = NULL;
	struct err missing;

	/* The relation comes first: someone who could not read the participant
	 * if it existed is told "no access" whether or not it exists, so an
	 * outsider cannot probe which ids are in use. */
	if (participant_relation(ctx, pid, rel, e) != 0)
		return -1;
	err_init(&missing);
	if (store_participant_get(ctx->st, pid, &r, &missing) != 0) {
		bool hide = missing.kind == ERR_NOT_FOUND && access_readable(ctx->actor.role, rel) == 0;
		if (hide)
			err_set(e, ERR_FORBIDDEN, "you have no access to participant %lld", (long long)pid);
		else
			err_set(e, missing.kind, "%s", missing.msg);
		err_release(&missing);
		return -1;
	}
	if (rec)
		*rec = r;
	else
		json_decref(r);
	return 0;
}

int participant_refused(struct app_ctx *ctx, int64_t pid, const char *action, enum activity activity, struct err *e)
{
	struct err le;
	err_init(&le);
	if (audit_log(ctx, pid, action, activity, "refused", &le) != 0) {
		err_clear(e);
		err_set(e, le.kind, "%s", le.msg);
	}
	err_release(&le);
	return -1;
}

/* Load pid for the actor, who must be able to read something of it; a
 * refusal of an existing participant is logged as `action`. */
static int participant_open(struct app_ctx *ctx, int64_t pid, const char *action, json_t **rec, struct relation *rel,
			    struct err *e)
{
	if (participant_load(ctx, pid, rec, rel, e) != 0)
		return -1;
	if (access_readable(ctx->actor.role, rel) == 0) {
		if (rec) {
			json_decref(*rec);
			*rec = NULL;
		}
		err_set(e, ERR_FORBIDDEN, "you have no access to participant %lld", (long long)pid);
		return participant_refused(ctx, pid, action, ACTIVITY_DOSSIER_READ, e);
	}
	return 0;
}

int participant_view(const struct app_ctx *ctx, const json_t *rec, const struct relation *rel, json_t **view,
		     struct err *e)
{
	unsigned rmask = access_readable(ctx->actor.role, rel), wmask = access_writable(ctx->actor.role, rel);
	json_t *out = participant_filter(rec, rmask);
	/* the access decision is made: open what it lets through, no more */
	if (vault_participant_open(ctx->app, out, rmask, e) != 0) {
		json_decref(out);
		return -1;
	}
	json_t *cats = json_array(), *writable = json_array();
	for (int c = 0; c < CAT_COUNT; c++) {
		if (rmask & (1u << c))
			json_array_append_new(cats, json_string(access_category((enum category)c)->name));
		if (wmask & (1u << c))
			json_array_append_new(writable, json_string(access_category((enum category)c)->name));
	}
	json_t *notes = json_array();
	for (int nc = 0; nc <= NOTE_SOCIAL; nc++)
		if (access_may_write_note(ctx->actor.role, nc, rel))
			json_array_append_new(notes, json_string(nc == NOTE_SOCIAL ? "social"
									   : access_category((enum category)nc)->name));
	json_object_set_new(out, "access", json_pack("{s:o,s:o,s:o}", "categories", cats, "writable", writable,
						     "journal_writable", notes));
	*view = out;
	return 0;
}

/* The link kind that puts a new participant on the creator's caseload. */
static const char *caseload_kind(enum role r)
{
	switch (r) {
	case ROLE_JOB_COACH: return "job_coach";
	case ROLE_CASE_MANAGER: return "case_manager";
	case ROLE_YOUTH_CONSULTANT: return "youth_consultant";
	default: return NULL;
	}
}

int participant_insert_new(struct app_ctx *ctx, const json_t *rec, const char *action, enum activity activity,
			   int64_t *id, struct err *e)
{
	int64_t link, next;

	/* sealed values name their row: choose the id first */
	if (store_next_id(ctx->st, "participant", &next, e) != 0)
		return -1;
	json_t *sealed = vault_participant_seal(ctx->app, next, rec, e);
	if (sealed == NULL)
		return -1;
	int rc = store_participant_insert(ctx->st, sealed, ctx->now_s, id, e);
	json_decref(sealed);
	if (rc != 0)
		return -1;
	if (ctx->actor.org_id) {
		if (store_link_insert(ctx->st, *id, "registration", 0, ctx->actor.org_id, ctx->today_s, &link, e) != 0)
			return -1;
		const char *kind = caseload_kind(ctx->actor.role);
		if (kind && store_link_insert(ctx->st, *id, kind, ctx->actor.user_id, ctx->actor.org_id, ctx->today_s,
					      &link, e) != 0)
			return -1;
	}
	return audit_log(ctx, *id, action, activity, "ok", e);
}

int participant_check_new(struct app_ctx *ctx, const json_t *rec, struct err *e)
{
	/* the creator gets the relation a new participant will have: their
	 * caseload (if their role keeps one) and their organisation */
	struct relation rel = { .own = caseload_kind(ctx->actor.role) != NULL || ctx->actor.role == ROLE_SYSTEM,
				.org = true };
	return participant_check_writable(ctx, rec, &rel, e);
}

int app_participant_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e)
{
	json_t *rec = NULL;
	int64_t id;

	if (!access_may(ctx->actor.role, ACT_CREATE_PARTICIPANT, NULL))
		return err_set(e, ERR_FORBIDDEN, "a %s may not register participants", access_role(ctx->actor.role)->label);
	if (participant_validate(in, VALIDATE_CREATE, ctx->today, &rec, e) != 0)
		return -1;
	if (participant_check_record(rec, ctx->today, e) != 0 || participant_check_new(ctx, rec, e) != 0)
		goto out_free;
	if (store_begin(ctx->st, e) != 0)
		goto out_free;
	if (participant_insert_new(ctx, rec, "create", ACTIVITY_REGISTRATION, &id, e) != 0 ||
	    store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		goto out_free;
	}
	json_decref(rec);
	rec = NULL;
	struct relation rel;
	if (participant_relation(ctx, id, &rel, e) != 0 || store_participant_get(ctx->st, id, &rec, e) != 0 ||
	    participant_view(ctx, rec, &rel, out, e) != 0)
		goto out_free;
	json_decref(rec);
	return 0;
out_free:
	json_decref(rec);
	return -1;
}

int app_participant_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	json_t *rec = NULL;
	struct relation rel;

	if (participant_open(ctx, id, "read", &rec, &rel, e) != 0)
		return -1;
	if (audit_log(ctx, id, "read", ACTIVITY_DOSSIER_READ, "ok", e) != 0 ||
	    participant_view(ctx, rec, &rel, out, e) != 0)
		goto out_free;
	json_decref(rec);
	return 0;
out_free:
	json_decref(rec);
	return -1;
}

/* Copy every member of `changes` onto `rec` (null values clear). */
static void merge(json_t *rec, const json_t *changes)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)changes, key, v)
		json_object_set(rec, key, v);
}

int participant_apply(struct app_ctx *ctx, int64_t id, json_t *rec, const json_t *changes, const char *action,
		      enum activity activity, struct err *e)
{
	/* the whole record is written back, so every sealed value is opened
	 * and sealed again (unchanged ones included); nothing leaves here */
	if (vault_participant_open(ctx->app, rec, ~0u, e) != 0)
		return -1;
	merge(rec, changes);
	if (participant_check_record(rec, ctx->today, e) != 0)
		return -1;
	json_t *sealed = vault_participant_seal(ctx->app, id, rec, e);
	if (sealed == NULL)
		return -1;
	int rc = store_participant_update(ctx->st, id, sealed, ctx->now_s, e);
	json_decref(sealed);
	if (rc != 0)
		return -1;
	return audit_log(ctx, id, action, activity, "ok", e);
}

int participant_check_writable(struct app_ctx *ctx, const json_t *changes, const struct relation *rel, struct err *e)
{
	unsigned need = participant_categories_of(changes), may = access_writable(ctx->actor.role, rel);
	if ((need & ~may) == 0)
		return 0;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)changes, key, v) {
		(void)v;
		const struct field_def *f = participant_field(key);
		if (f && !(may & (1u << f->cat)))
			err_field(e, key, "you may not change %s (%s) of this participant", key,
				  access_category(f->cat)->label);
	}
	e->kind = ERR_FORBIDDEN;
	return -1;
}

int app_participant_update(struct app_ctx *ctx, int64_t id, const json_t *patch, json_t **out, struct err *e)
{
	json_t *changes = NULL, *rec = NULL;
	struct relation rel;

	if (participant_open(ctx, id, "update", &rec, &rel, e) != 0)
		return -1;
	if (participant_validate(patch, VALIDATE_PATCH, ctx->today, &changes, e) != 0)
		goto out_free;
	if (participant_check_writable(ctx, changes, &rel, e) != 0)
		goto out_free;
	if (store_begin(ctx->st, e) != 0)
		goto out_free;
	if (participant_apply(ctx, id, rec, changes, "update", ACTIVITY_REGISTRATION, e) != 0 ||
	    store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		goto out_free;
	}
	json_decref(rec);
	rec = NULL;
	if (store_participant_get(ctx->st, id, &rec, e) != 0 || participant_view(ctx, rec, &rel, out, e) != 0)
		goto out_free;
	json_decref(rec);
	json_decref(changes);
	return 0;
out_free:
	json_decref(rec);
	json_decref(changes);
	return -1;
}

static int check_date_param(const char *name, const char *v, struct err *e)
{
	date_t d;
	if (v && date_parse(v, &d) != 0)
		return err_field(e, name, "\"%.40s\" is not a date (YYYY-MM-DD)", v);
	return 0;
}

int app_participant_list(struct app_ctx *ctx, const struct list_params *p, json_t **out, struct err *e)
{
	const struct role_def *r = access_role(ctx->actor.role);
	json_t *items = NULL;
	int64_t total = 0;

	if (access_list_scope(ctx->actor.role) == LVL_NONE)
		return err_set(e, ERR_FORBIDDEN, "a %s has no access to participants", r->label);
	check_date_param("arrival_from", p->arrival_from, e);
	check_date_param("arrival_to", p->arrival_to, e);
	if (p->page < 1)
		err_field(e, "page", "must be 1 or more");
	if (p->per_page < 1 || p->per_page > 100)
		err_field(e, "per_page", "must be between 1 and 100");
	if (p->q && strlen(p->q) > 100)
		err_field(e, "q", "must be at most 100 characters");
	if (e->nfields)
		return -1;
	struct participant_query q = {
		.q = p->q,
		.organisation_id = p->organisation_id,
		.arrival_from = p->arrival_from,
		.arrival_to = p->arrival_to,
		.offset = (p->page - 1) * p->per_page,
		.limit = p->per_page,
		.scope = access_list_scope(ctx->actor.role),
		.own_by = r->own_by,
		.user_id = ctx->actor.user_id,
		.user_org_id = ctx->actor.org_id,
		.today = ctx->today_s,
	};
	if (store_participant_list(ctx->st, &q, &items, &total, e) != 0)
		return -1;

	/* per row: show target_group only where path is readable; one log
	 * entry per participant listed, all or none */
	size_t i, n = json_array_size(items);
	json_t *row;
	int64_t *pids = xcalloc(n ? n : 1, sizeof *pids);
	enum access_level path = r->read[CAT_PATH];
	json_array_foreach(items, i, row) {
		int64_t pid = json_integer_value(json_object_get(row, "id"));
		struct relation rel;
		pids[i] = pid;
		/* the relation only matters when the path level depends on it */
		if (path != LVL_ALL && path != LVL_NONE && participant_relation(ctx, pid, &rel, e) != 0)
			goto out_free;
		if (path == LVL_NONE || (path != LVL_ALL && !access_may_read(ctx->actor.role, CAT_PATH, &rel)))
			json_object_del(row, "target_group");
	}
	if (audit_log_many(ctx, pids, n, "list", ACTIVITY_CASELOAD_LIST, "ok", e) != 0)
		goto out_free;
	free(pids);
	*out = json_pack("{s:I,s:i,s:i,s:o}", "total", (json_int_t)total, "page", p->page, "per_page", p->per_page,
			 "items", items);
	return 0;
out_free:
	free(pids);
	json_decref(items);
	return -1;
}

int app_participant_find_bsn(struct app_ctx *ctx, const char *bsn, json_t **out, struct err *e)
{
	int64_t ids[20];
	size_t n = 0;
	char hash[SEAL_HASH_LEN];

	if (access_role(ctx->actor.role)->read[CAT_BSN] == LVL_NONE)
		return err_set(e, ERR_FORBIDDEN, "a %s may not look participants up by bsn",
			       access_role(ctx->actor.role)->label);
	if (bsn == NULL || !bsn_well_formed(bsn))
		return err_field(e, "bsn", "bsn \"%.20s\" must be exactly 9 digits", bsn ? bsn : "");
	if (!bsn_valid(bsn))
		return err_field(e, "bsn", "bsn \"%s\" fails the 11-test", bsn);
	/* by the keyed hash: the BSN itself is sealed and cannot be searched */
	vault_bsn_hash(ctx->app, bsn, hash);
	if (store_participant_by_bsn_hash(ctx->st, hash, ids, sizeof ids / sizeof ids[0], &n, e) != 0)
		return -1;
	json_t *items = json_array();
	int64_t seen[20];
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		struct relation rel;
		json_t *rec = NULL;
		if (participant_relation(ctx, ids[i], &rel, e) != 0)
			goto fail;
		if (!access_may_read(ctx->actor.role, CAT_BSN, &rel))
			continue; /* as if not there: whoever may not read this BSN learns nothing */
		if (store_participant_get(ctx->st, ids[i], &rec, e) != 0)
			goto fail;
		json_array_append_new(items, json_pack("{s:I,s:O,s:O,s:O}", "id", (json_int_t)ids[i], "family_name",
						       json_object_get(rec, "family_name"), "given_names",
						       json_object_get(rec, "given_names"), "birth_date",
						       json_object_get(rec, "birth_date")));
		json_decref(rec);
		seen[k++] = ids[i];
	}
	if (audit_log_many(ctx, seen, k, "find by bsn", ACTIVITY_DOSSIER_READ, "ok", e) != 0)
		goto fail;
	*out = json_pack("{s:o}", "items", items);
	return 0;
fail:
	json_decref(items);
	return -1;
}
