/*
 * calendar.c - week plans and job coaches' appointments as iCalendar
 * files (RFC 5545, written by domain/ical.c), and private subscription
 * tokens for calendar programs that cannot log in (see weekplan.h).
 *
 * One weekly VEVENT per entry, weekday and day-part, or per entry and
 * weekday when the entry has its own times; a class per session with the
 * session's times. UIDs are stable ("e12-tue-morning@meedoen"), so a
 * calendar program updates events instead of duplicating them.
 *
 * A token is 32 random bytes in base64url, shown once; only its BLAKE2b
 * hash is kept, and a lookup is by hash. A read through a token acts as
 * the token's maker with the maker's access at that moment; every way of
 * failing answers the same ERR_NOT_FOUND.
 */
#include "app/weekplan_internal.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/participant_internal.h"
#include "app/path_internal.h"
#include "domain/ical.h"
#include "store/store_plan.h"
#include "base/clock.h"
#include "base/xmalloc.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_BYTES 32
#define TOKEN_TEXT_LEN 48 /* base64url of 32 bytes (43) plus NUL, with room */
#define TOKEN_HASH_LEN 65
#define MAX_EXDATES 400

static const char *const categories[PLAN_KIND_COUNT] = {
	[PLAN_LANGUAGE_CLASS] = "LANGUAGE CLASS", [PLAN_WORK] = "WORK",           [PLAN_TRAINING] = "TRAINING",
	[PLAN_COACH_APPOINTMENT] = "APPOINTMENT",  [PLAN_BUDDY_MEETING] = "BUDDY", [PLAN_OTHER] = "OTHER",
};

static struct ical_utc stamp_now(void)
{
	int64_t s = clock_now_ms() / 1000;
	return (struct ical_utc){ .date = (date_t)(s / 86400), .seconds = (int)(s % 86400) };
}

/* The first day on or after `from` that is weekday d. */
static date_t first_on(date_t from, enum weekday d)
{
	int wd = date_weekday(from);
	return from + (((int)d - wd) % 7 + 7) % 7;
}

/* The days on weekday d from `first` on that exceptions for item it (or
 * for the whole plan) take out; into out[0..MAX_EXDATES). */
static size_t exdates_for(const struct plan_item *it, const struct plan_exception *ex, size_t nex, date_t first,
			  date_t *out)
{
	size_t n = 0;
	for (size_t k = 0; k < nex; k++) {
		const struct plan_exception *x = &ex[k];
		if (x->item_id != 0 && (x->item_id != it->id || x->from_timetable != it->from_timetable))
			continue;
		date_t a = x->from > first ? x->from : first;
		a = first_on(a, (enum weekday)date_weekday(first));
		for (date_t d = a; d <= x->to && n < MAX_EXDATES; d += 7)
			if (!it->has_until || d <= it->until)
				out[n++] = d;
	}
	return n;
}

/* "Werk: Productiehal Noord", or the kind's label alone. */
static void summary_of(const struct plan_item *it, const char *title, struct buf *out)
{
	const char *label = wp_kind_label(plan_kind_code(it->kind));
	buf_reset(out);
	buf_puts(out, label);
	if (title && *title && strcmp(title, label) != 0) {
		buf_puts(out, ": ");
		buf_puts(out, title);
	}
}

/* The events of one item: per weekday and day-part, per weekday (own
 * times), or per session (a class). */
static void item_events(struct buf *b, const struct wp *w, size_t i, const char *title, const char *location,
			const char *uid_prefix)
{
	const struct plan_item *it = &w->items[i];
	const json_t *row = w->rows[i];
	date_t *ex = xcalloc(MAX_EXDATES, sizeof *ex);
	struct buf summary, uid;
	struct ical_event ev = { .stamp = stamp_now(), .weekly = true, .has_until = it->has_until, .until = it->until,
				 .location = location, .category = categories[it->kind], .exdates = ex };

	buf_init(&summary, 0);
	buf_init(&uid, 0);
	summary_of(it, title, &summary);
	ev.summary = summary.data ? summary.data : "";
	if (it->from_timetable) {
		size_t k;
		json_t *x;
		json_array_foreach(json_object_get(row, "sessions"), k, x) {
			enum weekday d;
			int a, c;
			if (weekday_find(json_string_value(json_object_get(x, "weekday")), &d) != 0 ||
			    clock_parse(json_string_value(json_object_get(x, "start_time")), &a) != 0 ||
			    clock_parse(json_string_value(json_object_get(x, "end_time")), &c) != 0 || a >= c || a >= 1440)
				continue;
			ev.date = first_on(it->from, d);
			if (it->has_until && ev.date > it->until)
				continue;
			ev.start_min = a;
			ev.end_min = c;
			ev.nexdates = exdates_for(it, w->ex, w->nex, ev.date, ex);
			buf_reset(&uid);
			buf_printf(&uid, "%s-%s-s%lld@meedoen", uid_prefix, weekday_code(d),
				   (long long)json_integer_value(json_object_get(x, "id")));
			ev.uid = uid.data;
			ical_event(b, &ev);
		}
	} else {
		for (int d = 0; d < WEEKDAY_COUNT; d++) {
			daypart_set day = it->parts & daypart_day((enum weekday)d);
			if (!day)
				continue;
			ev.date = first_on(it->from, (enum weekday)d);
			if (it->has_until && ev.date > it->until)
				continue;
			ev.nexdates = exdates_for(it, w->ex, w->nex, ev.date, ex);
			if (it->start_min >= 0 && it->start_min < it->end_min && it->start_min < 1440) {
				ev.start_min = it->start_min;
				ev.end_min = it->end_min;
				buf_reset(&uid);
				buf_printf(&uid, "%s-%s@meedoen", uid_prefix, weekday_code((enum weekday)d));
				ev.uid = uid.data;
				ical_event(b, &ev);
				continue;
			}
			for (int p = 0; p < DAY_PART_COUNT; p++) {
				if (!(day & DAYPART_BIT(d, p)))
					continue;
				ev.start_min = w->times.start[p];
				ev.end_min = w->times.end[p];
				buf_reset(&uid);
				buf_printf(&uid, "%s-%s-%s@meedoen", uid_prefix, weekday_code((enum weekday)d),
					   day_part_code((enum day_part)p));
				ev.uid = uid.data;
				ical_event(b, &ev);
			}
		}
	}
	buf_release(&summary);
	buf_release(&uid);
	free(ex);
}

/* The location of item i of w: the entry's, or the class group's. */
static const char *item_location(const struct wp *w, size_t i)
{
	return json_string_value(json_object_get(w->rows[i], "location"));
}

int app_week_plan_ics(struct app_ctx *ctx, int64_t pid, struct buf *b, struct err *e)
{
	struct relation rel;
	struct wp w;
	struct buf name;
	char *family = NULL, *given = NULL;

	if (path_open(ctx, pid, CAT_PATH, false, NULL, &rel, e) != 0)
		return -1;
	if (wp_load(ctx, pid, &w, e) != 0) {
		wp_release(&w);
		return -1;
	}
	buf_init(&name, 0);
	buf_puts(&name, "Weekplanning");
	if (access_may_read(ctx->actor.role, CAT_IDENTITY, &rel) &&
	    store_participant_name(ctx->st, pid, &family, &given, e) == 0)
		buf_printf(&name, " %s %s", given ? given : "", family ? family : "");
	free(family);
	free(given);
	int rc = audit_log(ctx, pid, "read week plan calendar", ACTIVITY_WEEK_PLAN, "ok", e);
	if (rc == 0) {
		ical_begin(b, name.data);
		for (size_t i = 0; i < w.nitems; i++) {
			char prefix[WP_KEY_LEN];
			str_copy(prefix, sizeof prefix, w.keys[i]);
			item_events(b, &w, i, w.items[i].title, item_location(&w, i), prefix);
		}
		ical_end(b);
		if (b->failed)
			rc = err_set(e, ERR_INTERNAL, "the calendar could not be written");
	}
	buf_release(&name);
	wp_release(&w);
	return rc;
}

/* May the actor see coach_user_id's appointments: the coach themself or a
 * project leader. ERR_NOT_FOUND for no such job coach. */
static int coach_open(struct app_ctx *ctx, int64_t coach_user_id, struct user_row *u, struct err *e)
{
	if (store_user_get(ctx->st, coach_user_id, u, e) != 0)
		return -1;
	if (strcmp(u->role, "job_coach") != 0)
		return err_set(e, ERR_NOT_FOUND, "user %lld is not a job coach", (long long)coach_user_id);
	if (ctx->actor.user_id != coach_user_id && ctx->actor.role != ROLE_PROJECT_LEADER &&
	    ctx->actor.role != ROLE_SYSTEM)
		return err_set(e, ERR_FORBIDDEN, "only %s or a project leader may see these appointments",
			       u->display_name);
	return 0;
}

int app_coach_ics(struct app_ctx *ctx, int64_t coach_user_id, struct buf *b, struct err *e)
{
	struct user_row coach;
	json_t *rows = NULL;
	int64_t *pids = NULL;
	size_t npids = 0, i;
	json_t *row;
	int rc = -1;

	if (coach_open(ctx, coach_user_id, &coach, e) != 0 ||
	    store_plan_coach_entries(ctx->st, coach_user_id, &rows, e) != 0)
		return -1;
	pids = xcalloc(json_array_size(rows) + 1, sizeof *pids);
	struct buf name;
	buf_init(&name, 0);
	buf_printf(&name, "Afspraken %s", coach.display_name);
	ical_begin(b, name.data);
	json_array_foreach(rows, i, row) {
		int64_t pid = json_integer_value(json_object_get(row, "participant_id"));
		struct relation rel;
		struct wp w;
		char *family = NULL, *given = NULL, prefix[WP_KEY_LEN];
		struct buf title;
		bool seen = false;

		memset(&w, 0, sizeof w);
		/* the participant's exceptions apply; their plan is loaded once per entry */
		if (participant_relation(ctx, pid, &rel, e) != 0 || wp_load(ctx, pid, &w, e) != 0) {
			wp_release(&w);
			goto out;
		}
		buf_init(&title, 0);
		buf_puts(&title, json_is_string(json_object_get(row, "title")) ? json_string_value(json_object_get(row, "title"))
									     : "afspraak");
		if (access_may_read(ctx->actor.role, CAT_IDENTITY, &rel) &&
		    store_participant_name(ctx->st, pid, &family, &given, e) == 0)
			buf_printf(&title, " met %s %s", given ? given : "", family ? family : "");
		free(family);
		free(given);
		for (size_t k = 0; k < w.nitems; k++) {
			if (w.items[k].from_timetable || w.items[k].id != json_integer_value(json_object_get(row, "id")))
				continue;
			snprintf(prefix, sizeof prefix, "%s", w.keys[k]);
			item_events(b, &w, k, title.data, item_location(&w, k), prefix);
		}
		buf_release(&title);
		wp_release(&w);
		for (size_t k = 0; k < npids; k++)
			seen |= pids[k] == pid;
		if (!seen)
			pids[npids++] = pid;
	}
	ical_end(b);
	if (b->failed) {
		err_set(e, ERR_INTERNAL, "the calendar could not be written");
		goto out;
	}
	rc = audit_log_many(ctx, pids, npids, "read coach appointments calendar", ACTIVITY_WEEK_PLAN, "ok", e);
out:
	buf_release(&name);
	free(pids);
	json_decref(rows);
	return rc;
}

/* ---- tokens ---- */

static void token_hash(const char *token, char out[TOKEN_HASH_LEN])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, TOKEN_HASH_LEN, h, sizeof h);
}

/* A token row as the API shows it (never the hash). */
static json_t *token_json(const json_t *row)
{
	static const char *const copy[] = { "id", "subject", "participant_id", "coach_user_id", "created_at",
					    "revoked_at", "last_used_at", NULL };
	json_t *o = json_object();
	for (const char *const *c = copy; *c; c++) {
		json_t *v = json_object_get(row, *c);
		json_object_set(o, *c, v ? v : json_null());
	}
	return o;
}

int app_calendar_token_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "subject", "participant_id", "coach_user_id", NULL };
	static const char *const subjects[] = { "participant", "coach", NULL };
	const char *subject = NULL;
	int64_t pid = 0, coach = 0, id;
	unsigned char raw[TOKEN_BYTES];
	char token[TOKEN_TEXT_LEN], hash[TOKEN_HASH_LEN];
	json_t *row;

	if (ctx->actor.user_id == 0)
		return err_set(e, ERR_FORBIDDEN, "calendar tokens are made by users");
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	input_code(in, "subject", true, subjects, &subject, e);
	if (subject && strcmp(subject, "participant") == 0) {
		input_id(in, "participant_id", true, &pid, e);
		if (json_object_get(in, "coach_user_id"))
			err_field(e, "coach_user_id", "goes with subject \"coach\"");
	} else if (subject) {
		if (input_id(in, "coach_user_id", false, &coach, e) == 0)
			coach = ctx->actor.user_id;
		if (json_object_get(in, "participant_id"))
			err_field(e, "participant_id", "goes with subject \"participant\"");
	}
	if (e->nfields)
		return -1;
	if (pid && path_open(ctx, pid, CAT_PATH, false, NULL, NULL, e) != 0)
		return -1;
	if (coach) {
		struct user_row u;
		if (coach_open(ctx, coach, &u, e) != 0)
			return -1;
	}
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(token, sizeof token, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	token_hash(token, hash);
	int rc = store_begin(ctx->st, e);
	if (rc == 0) {
		rc = store_calendar_token_insert(ctx->st, hash, subject, pid, coach, ctx->actor.user_id, ctx->now_s, &id, e);
		if (rc == 0 && pid)
			rc = audit_log(ctx, pid, "make week plan calendar token", ACTIVITY_WEEK_PLAN, "ok", e);
		if (rc == 0)
			rc = store_commit(ctx->st, e);
		if (rc != 0)
			store_rollback(ctx->st);
	}
	if (rc == 0)
		rc = store_calendar_token_get(ctx->st, id, &row, e);
	if (rc == 0) {
		struct buf url;
		buf_init(&url, 0);
		buf_printf(&url, "/calendar/%s.ics", token);
		*out = token_json(row);
		json_object_set_new(*out, "token", json_string(token));
		json_object_set_new(*out, "url", json_string(url.data));
		buf_release(&url);
		json_decref(row);
	}
	sodium_memzero(token, sizeof token);
	return rc;
}

int app_calendar_token_list(struct app_ctx *ctx, json_t **out, struct err *e)
{
	json_t *rows, *items = json_array();
	size_t i;
	json_t *row;
	if (store_calendar_token_list(ctx->st, ctx->actor.user_id, &rows, e) != 0) {
		json_decref(items);
		return -1;
	}
	int64_t *pids = xcalloc(json_array_size(rows) + 1, sizeof *pids);
	size_t n = 0;
	json_array_foreach(rows, i, row) {
		json_int_t pid = json_integer_value(json_object_get(row, "participant_id"));
		bool seen = pid <= 0;
		for (size_t k = 0; !seen && k < n; k++)
			seen = pids[k] == pid;
		if (!seen)
			pids[n++] = pid;
		json_array_append_new(items, token_json(row));
	}
	json_decref(rows);
	/* a token names the participant whose week plan it opens */
	int rc = audit_log_many(ctx, pids, n, "list calendar tokens", ACTIVITY_WEEK_PLAN, "ok", e);
	free(pids);
	if (rc != 0) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int app_calendar_token_revoke(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	json_t *row;
	if (store_calendar_token_get(ctx->st, id, &row, e) != 0)
		return -1;
	if (json_integer_value(json_object_get(row, "user_id")) != ctx->actor.user_id || ctx->actor.user_id == 0) {
		json_decref(row);
		err_clear(e);
		return err_set(e, ERR_NOT_FOUND, "calendar token %lld not found", (long long)id);
	}
	json_decref(row);
	if (store_calendar_token_revoke(ctx->st, id, ctx->now_s, e) != 0 || store_calendar_token_get(ctx->st, id, &row, e) != 0)
		return -1;
	*out = token_json(row);
	json_decref(row);
	return 0;
}

int app_calendar_by_token(struct app_ctx *ctx, const char *token, struct buf *b, struct err *e)
{
	char hash[TOKEN_HASH_LEN];
	json_t *row = NULL;
	struct user_row maker;
	struct err inner;
	int rc = -1;

	err_init(&inner);
	token_hash(token, hash);
	if (store_calendar_token_by_hash(ctx->st, hash, &row, &inner) != 0)
		goto out;
	if (store_user_get(ctx->st, json_integer_value(json_object_get(row, "user_id")), &maker, &inner) != 0 ||
	    !maker.active)
		goto out;
	app_ctx_user(ctx, &maker);
	const char *subject = json_string_value(json_object_get(row, "subject"));
	if (subject && strcmp(subject, "participant") == 0)
		rc = app_week_plan_ics(ctx, json_integer_value(json_object_get(row, "participant_id")), b, &inner);
	else
		rc = app_coach_ics(ctx, json_integer_value(json_object_get(row, "coach_user_id")), b, &inner);
	if (rc == 0)
		rc = store_calendar_token_used(ctx->st, json_integer_value(json_object_get(row, "id")), ctx->now_s, &inner);
out:
	if (rc != 0 && inner.kind == ERR_INTERNAL)
		err_set(e, ERR_INTERNAL, "%s", inner.msg);
	else if (rc != 0)
		err_set(e, ERR_NOT_FOUND, "no such calendar");
	err_release(&inner);
	json_decref(row);
	return rc;
}
