/*
 * path_access.c - opening a participant for a path use case (see
 * path_internal.h).
 */
#include "app/path_internal.h"
#include "app/participant_internal.h"

/* How a refused use of a category is named in the processing log. */
static const struct {
	const char *read, *write;
	enum activity activity;
} refusals[CAT_COUNT] = {
	[CAT_IDENTITY] = { "read identity", "change identity", ACTIVITY_DOSSIER_READ },
	[CAT_CONTACT] = { "read contact", "change contact", ACTIVITY_DOSSIER_READ },
	[CAT_BSN] = { "read bsn", "change bsn", ACTIVITY_DOSSIER_READ },
	[CAT_EDUCATION_WORK] = { "read education and work", "change education and work", ACTIVITY_DOSSIER_READ },
	[CAT_CIVIC_INTEGRATION] = { "read civic integration", "change civic integration", ACTIVITY_DOSSIER_READ },
	[CAT_INCOME] = { "read income", "change income", ACTIVITY_DOSSIER_READ },
	[CAT_HEALTH] = { "read health", "change health", ACTIVITY_DOSSIER_READ },
	[CAT_PATH] = { "read path", "change path", ACTIVITY_PATH },
	[CAT_ASSESSMENTS] = { "read assessments", "change assessments", ACTIVITY_ASSESSMENT },
	[CAT_NOTES] = { "read notes", "change notes", ACTIVITY_JOURNAL },
};

int path_open(struct app_ctx *ctx, int64_t pid, enum category cat, bool write, json_t **rec, struct relation *rel,
	      struct err *e)
{
	json_t *r = NULL;
	struct relation tmp;

	if (participant_load(ctx, pid, &r, &tmp, e) != 0)
		return -1;
	bool ok = write ? access_may_write(ctx->actor.role, cat, &tmp) : access_may_read(ctx->actor.role, cat, &tmp);
	if (!ok) {
		json_decref(r);
		err_set(e, ERR_FORBIDDEN, "a %s may not %s the %s of participant %lld",
			access_role(ctx->actor.role)->label, write ? "change" : "see", access_category(cat)->label,
			(long long)pid);
		return participant_refused(ctx, pid, write ? refusals[cat].write : refusals[cat].read,
					   refusals[cat].activity, e);
	}
	if (rel)
		*rel = tmp;
	if (rec)
		*rec = r;
	else
		json_decref(r);
	return 0;
}

bool row_date(const json_t *row, const char *key, date_t *out)
{
	const char *s = json_string_value(json_object_get(row, key));
	return s && date_parse(s, out) == 0;
}
