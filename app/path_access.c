/*
 * path_access.c - opening a participant for a path use case (see
 * path_internal.h).
 */
#include "app/path_internal.h"
#include "app/participant_internal.h"

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
		return err_set(e, ERR_FORBIDDEN, "a %s may not %s the %s of participant %lld",
			       access_role(ctx->actor.role)->label, write ? "change" : "see",
			       access_category(cat)->label, (long long)pid);
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
