/*
 * routes.c - the API route table and path matching.
 */
#include "http/routes.h"
#include "http/h_session.h"
#include "http/h_timetable.h"
#include "http/h_weekplan.h"
#include "http/h_weekcard.h"
#include "base/buf.h"

#include <stdlib.h>
#include <string.h>

static const struct route routes[] = {
	{ "GET", "/healthz", h_health, AUTH_NONE, BODY_NONE },
	{ "POST", "/api/login", h_login, AUTH_NONE, BODY_JSON },
	{ "POST", "/api/logout", h_logout, AUTH_NONE, BODY_NONE },
	{ "POST", "/api/login/totp", h_login_second_factor, AUTH_NONE, BODY_JSON },
	{ "GET", "/api/me", h_me, AUTH_SETUP, BODY_NONE },
	{ "GET", "/api/codes", h_codes, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/participants", h_participant_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/participants", h_participant_create, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/participants/:id", h_participant_get, AUTH_SESSION, BODY_NONE },
	{ "PATCH", "/api/participants/:id", h_participant_update, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/participants/:id/links", h_link_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/participants/:id/links", h_link_add, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/participants/:id/links/:id/end", h_link_end, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/participants/:id/consents", h_consent_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/participants/:id/consents", h_consent_add, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/participants/:id/consents/:id/revoke", h_consent_revoke, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/participants/:id/log", h_log_list, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/participants/:id/phases", h_phase_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/participants/:id/phases", h_phase_add, AUTH_SESSION, BODY_JSON },
	{ "PATCH", "/api/participants/:id/phases/:id", h_phase_update, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/participants/:id/intake", h_intake_get, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/participants/:id/intake", h_intake_record, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/participants/:id/ladder", h_ladder_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/participants/:id/ladder", h_ladder_add, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/participants/:id/journal", h_journal_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/participants/:id/journal", h_journal_add, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/participants/:id/handover", h_handover_get, AUTH_SESSION, BODY_NONE },
	{ "PUT", "/api/participants/:id/handover", h_handover_update, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/participants/:id/sheltered", h_sheltered_get, AUTH_SESSION, BODY_NONE },
	{ "PUT", "/api/participants/:id/sheltered", h_sheltered_put, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/sheltered", h_sheltered_board, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/signals", h_signals, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/signals/summary", h_signals_summary, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/participants/:id/assessments", h_assessment_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/participants/:id/assessments", h_assessment_add, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/participants/:id/assessments/:id/decision", h_assessment_decide, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/employers", h_employer_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/employers", h_employer_create, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/employers/:id", h_employer_get, AUTH_SESSION, BODY_NONE },
	{ "PATCH", "/api/employers/:id", h_employer_update, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/employers/:id/contacts", h_employer_contact_add, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/employers/:id/notes", h_employer_note_add, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/placements", h_placement_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/placements", h_placement_create, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/placements/:id", h_placement_get, AUTH_SESSION, BODY_NONE },
	{ "PATCH", "/api/placements/:id", h_placement_update, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/placements/:id/check/:id", h_placement_check, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/placements/:id/attendance", h_attendance_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/placements/:id/attendance", h_attendance_record, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/trainings", h_training_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/trainings", h_training_create, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/trainings/:id", h_training_get, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/trainings/:id/enrolments", h_training_enrol, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/visits", h_visit_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/visits", h_visit_create, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/visits/:id", h_visit_get, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/visits/:id/invitations", h_visit_invite, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/visits/:id/attendance", h_visit_attendance, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/visits/:id/follow-ups", h_visit_follow_up, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/import/screening", h_import_screening, AUTH_SESSION, BODY_RAW },
	{ "POST", "/api/import/employers", h_import_employers, AUTH_SESSION, BODY_RAW },
	{ "POST", "/api/import/placements", h_import_placements, AUTH_SESSION, BODY_RAW },
	{ "GET", "/api/organisations", h_org_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/organisations", h_org_add, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/users", h_user_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/users", h_user_add, AUTH_SESSION, BODY_JSON },
	{ "PATCH", "/api/users/:id", h_user_update, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/users/:id/second-factor/reset", h_user_second_factor_reset, AUTH_SESSION, BODY_NONE },
	{ "PATCH", "/api/organisations/:id", h_org_update, AUTH_SESSION, BODY_JSON },
	/* the own account's second factor: AUTH_SETUP rows that also admit a
	 * setup-only session (h_session.c) */
	{ "GET", "/api/account/second-factor", h_account_second_factor, AUTH_SETUP, BODY_NONE },
	{ "POST", "/api/account/second-factor/setup", h_account_second_factor_setup, AUTH_SETUP, BODY_NONE },
	{ "POST", "/api/account/second-factor/confirm", h_account_second_factor_confirm, AUTH_SETUP, BODY_JSON },
	{ "POST", "/api/account/second-factor/disable", h_account_second_factor_disable, AUTH_SETUP, BODY_JSON },
	{ "GET", "/api/day-part-times", h_day_part_times_get, AUTH_SESSION, BODY_NONE },
	{ "PUT", "/api/day-part-times", h_day_part_times_put, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/class-groups", h_class_group_list, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/class-groups", h_class_group_create, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/class-groups/:id", h_class_group_get, AUTH_SESSION, BODY_NONE },
	{ "PATCH", "/api/class-groups/:id", h_class_group_update, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/class-groups/:id/exceptions", h_class_group_exception_add, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/class-groups/:id/attendance", h_class_attendance_get, AUTH_SESSION, BODY_NONE },
	{ "PUT", "/api/class-groups/:id/attendance", h_class_attendance_put, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/import/timetable", h_import_timetable, AUTH_SESSION, BODY_RAW },
	{ "POST", "/api/import/class-attendance", h_import_class_attendance, AUTH_SESSION, BODY_RAW },
	{ "GET", "/api/capacity", h_capacity, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/participants/:id/week-plan", h_week_plan_get, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/participants/:id/week-plan/entries", h_week_plan_entry_add, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/participants/:id/week-plan/exceptions", h_week_plan_exception_add, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/participants/:id/week-plan.ics", h_week_plan_ics, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/participants/:id/fitting-placements", h_fitting_placements, AUTH_SESSION, BODY_NONE },
	{ "PATCH", "/api/week-plan/entries/:id", h_week_plan_entry_update, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/week-plan/entries/:id/remove", h_week_plan_entry_remove, AUTH_SESSION, BODY_JSON },
	{ "POST", "/api/week-plan/entries/:id/exceptions", h_week_plan_entry_exception, AUTH_SESSION, BODY_JSON },
	{ "DELETE", "/api/week-plan/exceptions/:id", h_week_plan_exception_remove, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/week-plan/free", h_week_plan_free, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/class-groups/:id/enrolments", h_class_enrol, AUTH_SESSION, BODY_JSON },
	{ "PATCH", "/api/class-enrolments/:id", h_class_enrolment_update, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/coaches/:id/appointments.ics", h_coach_ics, AUTH_SESSION, BODY_NONE },
	{ "POST", "/api/calendar-tokens", h_calendar_token_create, AUTH_SESSION, BODY_JSON },
	{ "GET", "/api/calendar-tokens", h_calendar_token_list, AUTH_SESSION, BODY_NONE },
	{ "DELETE", "/api/calendar-tokens/:id", h_calendar_token_revoke, AUTH_SESSION, BODY_NONE },
	{ "GET", "/calendar/:token.ics", h_calendar_by_token, AUTH_NONE, BODY_NONE },
	{ "GET", "/api/participants/:id/week-card", h_week_card_get, AUTH_SESSION, BODY_NONE },
	{ "GET", "/api/participants/:id/week-card.pdf", h_week_card_pdf, AUTH_SESSION, BODY_NONE },
};

/* Match one pattern against a path; fills id on success. */
static bool path_matches(const char *pattern, const char *path, int64_t id[2])
{
	int nid = 0;
	while (*pattern && *path) {
		if (strncmp(pattern, ":id", 3) == 0) {
			if (*path < '1' || *path > '9')
				return false;
			char *end;
			long long v = strtoll(path, &end, 10);
			if (end - path > 15 || (*end && *end != '/'))
				return false;
			id[nid++] = v;
			pattern += 3;
			path = end;
			continue;
		}
		if (strncmp(pattern, ":token", 6) == 0) {
			/* an opaque token: 16 to 128 characters of base64url or hex;
			 * the handler reads it from the path */
			size_t n = strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
			if (n < 16 || n > 128)
				return false;
			pattern += 6;
			path += n;
			continue;
		}
		if (*pattern != *path)
			return false;
		pattern++;
		path++;
	}
	return *pattern == '\0' && *path == '\0';
}

enum route_match routes_match(const char *method, const char *path, const struct route **out, int64_t id[2],
			      char *allow, size_t size)
{
	bool path_known = false;
	struct buf methods;

	buf_init(&methods, 0);
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		int64_t tmp[2] = { 0, 0 };
		if (!path_matches(routes[i].pattern, path, tmp))
			continue;
		if (strcmp(routes[i].method, method) == 0) {
			*out = &routes[i];
			id[0] = tmp[0];
			id[1] = tmp[1];
			buf_release(&methods);
			return ROUTE_FOUND;
		}
		if (methods.len)
			buf_puts(&methods, ", ");
		buf_puts(&methods, routes[i].method);
		path_known = true;
	}
	str_copy(allow, size, methods.data ? methods.data : "");
	buf_release(&methods);
	return path_known ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
