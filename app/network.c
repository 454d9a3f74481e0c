/*
 * network.c - a participant's links (caseload, guidance network,
 * placements, courses), consents, and processing log: who is connected to
 * the participant and what the participant agreed to share.
 */
#include "app/app.h"
#include "app/input.h"
#include "app/audit.h"
#include "app/participant_internal.h"

#include <string.h>

static const char *const link_kinds[] = { "registration", "job_coach", "case_manager", "volunteer", "welfare",
					   "language_buddy", "youth_consultant", "department_assistant", "language_course",
					   "placement", NULL };

/* ERR_FORBIDDEN unless the actor may take action a on participant pid (who
 * exists); a refusal is logged as `action` of `activity`. */
static int need_action(struct app_ctx *ctx, int64_t pid, enum access_action a, const struct relation *rel,
		       const char *what, const char *action, enum activity activity, struct err *e)
{
	if (!access_may(ctx->actor.role, a, rel)) {
		err_set(e, ERR_FORBIDDEN, "a %s may not %s for this participant", access_role(ctx->actor.role)->label,
			what);
		return participant_refused(ctx, pid, action, activity, e);
	}
	return 0;
}

/* ---- links ---- */

int app_link_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e)
{
	struct relation rel;
	if (participant_load(ctx, pid, NULL, &rel, e) != 0 ||
	    need_action(ctx, pid, ACT_READ_NETWORK, &rel,
			"see the guidance network", "read links", ACTIVITY_NETWORK, e) != 0)
		return -1;
	if (store_link_list(ctx->st, pid, out, e) != 0)
		return -1;
	/* who guides a participant is their personal data too */
	if (audit_log(ctx, pid, "read links", ACTIVITY_NETWORK, "ok", e) != 0) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int app_link_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "kind", "user_id", "organisation_id", NULL };
	struct relation rel;
	struct user_row u;
	struct org_row org;
	int64_t user_id = 0, org_id = 0, id;

	if (participant_load(ctx, pid, NULL, &rel, e) != 0 ||
	    need_action(ctx, pid, ACT_MANAGE_LINKS, &rel,
			"change the guidance network", "link", ACTIVITY_NETWORK, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	const char *kind = json_string_value(json_object_get(in, "kind"));
	bool known = false;
	for (const char *const *k = link_kinds; kind && *k; k++)
		known |= strcmp(*k, kind) == 0;
	if (!kind)
		err_field(e, "kind", "is required");
	else if (!known)
		err_field(e, "kind", "\"%.40s\" is not a link kind", kind);
	json_t *uid = json_object_get(in, "user_id"), *oid = json_object_get(in, "organisation_id");
	struct err tmp;
	err_init(&tmp);
	if (uid && !json_is_null(uid)) {
		if (!json_is_integer(uid))
			err_field(e, "user_id", "must be an integer");
		else if (store_user_get(ctx->st, json_integer_value(uid), &u, &tmp) != 0 || !u.active)
			err_field(e, "user_id", "user %lld does not exist or is inactive", (long long)json_integer_value(uid));
		else {
			user_id = u.id;
			org_id = u.org_id;
		}
	}
	if (oid && !json_is_null(oid)) {
		if (!json_is_integer(oid))
			err_field(e, "organisation_id", "must be an integer");
		else if (store_org_get(ctx->st, json_integer_value(oid), &org, &tmp) != 0)
			err_field(e, "organisation_id", "organisation %lld does not exist",
				  (long long)json_integer_value(oid));
		else if (user_id && org.id != org_id)
			err_field(e, "organisation_id", "user %lld works at another organisation", (long long)user_id);
		else
			org_id = org.id;
	}
	err_release(&tmp);
	if (!e->nfields && !org_id)
		err_field(e, "user_id", "give a user_id or an organisation_id");
	if (e->nfields)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (store_link_insert(ctx->st, pid, kind, user_id, org_id, ctx->today_s, &id, e) != 0 ||
	    audit_log(ctx, pid, "link", ACTIVITY_NETWORK, "ok", e) != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return store_link_get(ctx->st, pid, id, out, e);
}

int app_link_end(struct app_ctx *ctx, int64_t pid, int64_t link_id, json_t **out, struct err *e)
{
	struct relation rel;
	if (participant_load(ctx, pid, NULL, &rel, e) != 0 ||
	    need_action(ctx, pid, ACT_MANAGE_LINKS, &rel,
			"change the guidance network", "unlink", ACTIVITY_NETWORK, e) != 0)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (store_link_end(ctx->st, pid, link_id, ctx->today_s, e) != 0 ||
	    audit_log(ctx, pid, "unlink", ACTIVITY_NETWORK, "ok", e) != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return store_link_get(ctx->st, pid, link_id, out, e);
}

/* ---- consent ---- */

int app_consent_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e)
{
	struct relation rel;
	if (participant_load(ctx, pid, NULL, &rel, e) != 0 ||
	    need_action(ctx, pid, ACT_READ_NETWORK, &rel,
			"see the consents", "read consents", ACTIVITY_CONSENT, e) != 0)
		return -1;
	if (store_consent_list(ctx->st, pid, ctx->today_s, out, e) != 0)
		return -1;
	if (audit_log(ctx, pid, "read consents", ACTIVITY_CONSENT, "ok", e) != 0) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int app_consent_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "organisation_id", "category", "given_on", "expires_on", NULL };
	struct relation rel;
	struct org_row org;
	enum category cat;
	date_t given = 0, expires;
	int64_t id;

	if (participant_load(ctx, pid, NULL, &rel, e) != 0 ||
	    need_action(ctx, pid, ACT_MANAGE_CONSENT, &rel, "record consent", "consent", ACTIVITY_CONSENT, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	json_t *oid = json_object_get(in, "organisation_id");
	struct err tmp;
	err_init(&tmp);
	if (!json_is_integer(oid)) {
		err_field(e, "organisation_id", oid ? "must be an integer" : "is required");
	} else if (store_org_get(ctx->st, json_integer_value(oid), &org, &tmp) != 0) {
		err_field(e, "organisation_id", "organisation %lld does not exist", (long long)json_integer_value(oid));
	} else {
		const struct org_type_def *t = access_org_type_find(org.type);
		if (t && !t->needs_consent)
			err_field(e, "organisation_id", "%s is a %s and needs no consent", org.name, t->label);
	}
	err_release(&tmp);
	const char *c = json_string_value(json_object_get(in, "category"));
	if (!c)
		err_field(e, "category", "is required");
	else if (access_category_find(c, &cat) != 0)
		err_field(e, "category", "\"%.40s\" is not a data category", c);
	const char *g = json_string_value(json_object_get(in, "given_on"));
	if (!g)
		err_field(e, "given_on", "is required");
	else if (date_parse(g, &given) != 0)
		err_field(e, "given_on", "\"%.40s\" is not a date (YYYY-MM-DD)", g);
	else if (given > ctx->today)
		err_field(e, "given_on", "lies in the future");
	json_t *x = json_object_get(in, "expires_on");
	const char *xs = json_string_value(x);
	if (x && !json_is_null(x)) {
		if (!xs || date_parse(xs, &expires) != 0)
			err_field(e, "expires_on", "\"%.40s\" is not a date (YYYY-MM-DD)", xs ? xs : "?");
		else if (g && given && expires < given)
			err_field(e, "expires_on", "lies before given_on");
	}
	if (e->nfields)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (store_consent_insert(ctx->st, pid, org.id, c, g, xs, ctx->actor.user_id, ctx->now_s, &id, e) != 0 ||
	    audit_log(ctx, pid, "consent", ACTIVITY_CONSENT, "ok", e) != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return store_consent_get(ctx->st, pid, id, ctx->today_s, out, e);
}

int app_consent_revoke(struct app_ctx *ctx, int64_t pid, int64_t cid, json_t **out, struct err *e)
{
	struct relation rel;
	if (participant_load(ctx, pid, NULL, &rel, e) != 0 ||
	    need_action(ctx, pid, ACT_MANAGE_CONSENT, &rel,
			"revoke consent", "revoke consent", ACTIVITY_CONSENT, e) != 0)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (store_consent_revoke(ctx->st, pid, cid, ctx->now_s, e) != 0 ||
	    audit_log(ctx, pid, "revoke consent", ACTIVITY_CONSENT, "ok", e) != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return store_consent_get(ctx->st, pid, cid, ctx->today_s, out, e);
}

/* ---- processing log ---- */

int app_log_list(struct app_ctx *ctx, int64_t pid, int page, int per_page, json_t **out, struct err *e)
{
	struct relation rel;
	char pseudonym[PSEUDONYM_LEN];
	json_t *items;
	int64_t total;

	if (participant_load(ctx, pid, NULL, &rel, e) != 0 ||
	    need_action(ctx, pid, ACT_READ_PROCESSING_LOG, &rel,
			"read the processing log", "read log", ACTIVITY_LOG_READ, e) != 0)
		return -1;
	if (page < 1)
		err_field(e, "page", "must be 1 or more");
	if (per_page < 1 || per_page > 100)
		err_field(e, "per_page", "must be between 1 and 100");
	if (e->nfields)
		return -1;
	/* reading the log is itself a processing of the subject's data */
	if (audit_log(ctx, pid, "read log", ACTIVITY_LOG_READ, "ok", e) != 0)
		return -1;
	audit_pseudonym(ctx->app, pid, pseudonym);
	if (store_log_list(ctx->st, pseudonym, (page - 1) * per_page, per_page, &items, &total, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:i,s:i,s:o}", "total", (json_int_t)total, "page", page, "per_page", per_page, "items",
			 items);
	return 0;
}
