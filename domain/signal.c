/*
 * signal.c - the signal rules as a table of (code, label, actor, test).
 * Boundaries, with arrival on day 0: the intake is due on day 21; days 16
 * to 21 give "intake due", day 22 on gives "intake overdue". Repeated
 * class absence: the third most recent unexcused absence at most 28 days
 * ago (all three then lie within those 28 days); due on that day.
 */
#include "signal.h"

#include <string.h>

#define INTAKE_DAYS 21
#define INTAKE_WARN_DAYS 5
#define GUIDANCE_MONTHS 15
#define HANDOVER_WARN_DAYS 30
#define NO_CONTACT_DAYS 42
#define NO_ASSESSMENT_DAYS 56
#define INTEGRATION_WARN_MONTHS 6
#define DROPOUT_CONTACT_DAYS 28
#define HOLD_WARN_DAYS 30
#define ABSENCE_WINDOW_DAYS 28

typedef bool (*rule_test)(const struct path_facts *f, date_t today, date_t *due);

static bool intake_overdue(const struct path_facts *f, date_t today, date_t *due)
{
	*due = f->arrival + INTAKE_DAYS;
	return f->has_arrival && !f->has_intake && !f->dropped_out && today > *due;
}

static bool intake_due(const struct path_facts *f, date_t today, date_t *due)
{
	*due = f->arrival + INTAKE_DAYS;
	return f->has_arrival && !f->has_intake && !f->dropped_out && today <= *due && today >= *due - INTAKE_WARN_DAYS;
}

date_t signal_guidance_end(date_t arrival)
{
	return date_add_months(arrival, GUIDANCE_MONTHS);
}

static bool handover_due(const struct path_facts *f, date_t today, date_t *due)
{
	*due = signal_guidance_end(f->arrival);
	return f->has_arrival && f->has_volunteer && !f->handover_done && today <= *due &&
	       today >= *due - HANDOVER_WARN_DAYS;
}

static bool handover_overdue(const struct path_facts *f, date_t today, date_t *due)
{
	*due = signal_guidance_end(f->arrival);
	return f->has_arrival && f->has_volunteer && !f->handover_done && today > *due;
}

static bool no_contact(const struct path_facts *f, date_t today, date_t *due)
{
	date_t since = f->has_contact && f->last_contact > f->registered ? f->last_contact : f->registered;
	*due = since + NO_CONTACT_DAYS;
	return !f->dropped_out && today > *due;
}

static bool no_assessment(const struct path_facts *f, date_t today, date_t *due)
{
	date_t since = f->has_assessment && f->last_assessment > f->work_learning_start ? f->last_assessment
											 : f->work_learning_start;
	*due = since + NO_ASSESSMENT_DAYS;
	return f->in_work_learning && today > *due;
}

static bool phase_end_passed(const struct path_facts *f, date_t today, date_t *due)
{
	*due = f->overdue_planned_end;
	return f->has_overdue_phase && today > *due;
}

static bool integration_deadline(const struct path_facts *f, date_t today, date_t *due)
{
	*due = f->integration_deadline;
	return f->has_integration_deadline && !f->exam_done && date_add_months(today, INTEGRATION_WARN_MONTHS) >= *due;
}

static bool dropout_no_follow_up(const struct path_facts *f, date_t today, date_t *due)
{
	date_t since = f->has_contact && f->last_contact > f->dropped_out_since ? f->last_contact : f->dropped_out_since;
	*due = since + DROPOUT_CONTACT_DAYS;
	return f->dropped_out && today > *due;
}

static bool sheltered_hold_ending(const struct path_facts *f, date_t today, date_t *due)
{
	*due = f->hold_until;
	return f->has_hold && today <= *due && today >= *due - HOLD_WARN_DAYS;
}

static bool class_absence(const struct path_facts *f, date_t today, date_t *due)
{
	*due = f->third_absence;
	return f->has_third_absence && today >= *due && today - *due <= ABSENCE_WINDOW_DAYS;
}

static const struct {
	struct signal_rule_def def;
	rule_test test;
} rules[SIG_RULE_COUNT] = {
	[SIG_INTAKE_OVERDUE] = { { "intake_overdue", "intake te laat (meer dan 21 dagen na aankomst)", ROLE_JOB_COACH },
				 intake_overdue },
	[SIG_INTAKE_DUE] = { { "intake_due", "intake binnen 5 dagen", ROLE_JOB_COACH }, intake_due },
	[SIG_HANDOVER_DUE] = { { "handover_due", "overdracht aan welzijn binnen 30 dagen", ROLE_VOLUNTEER },
			       handover_due },
	[SIG_HANDOVER_OVERDUE] = { { "handover_overdue", "overdracht aan welzijn te laat (15 maanden voorbij)",
				     ROLE_VOLUNTEER },
				   handover_overdue },
	[SIG_NO_CONTACT] = { { "no_contact", "geen contact in 6 weken", ROLE_JOB_COACH }, no_contact },
	[SIG_NO_ASSESSMENT] = { { "no_assessment", "geen beoordeling in 8 weken werkleertraject",
				  ROLE_DEPARTMENT_ASSISTANT },
				no_assessment },
	[SIG_PHASE_END_PASSED] = { { "phase_end_passed", "geplande einddatum fase verstreken", ROLE_JOB_COACH },
				   phase_end_passed },
	[SIG_INTEGRATION_DEADLINE] = { { "integration_deadline", "inburgeringstermijn binnen 6 maanden, geen examen",
					 ROLE_CASE_MANAGER },
				       integration_deadline },
	[SIG_DROPOUT_NO_FOLLOW_UP] = { { "dropout_no_follow_up", "uitgevallen zonder contact in 4 weken",
					 ROLE_JOB_COACH },
				       dropout_no_follow_up },
	[SIG_SHELTERED_HOLD_ENDING] = { { "sheltered_hold_ending", "gereserveerde plek beschut werk verloopt binnen 30 dagen",
					  ROLE_YOUTH_CONSULTANT },
					sheltered_hold_ending },
	[SIG_CLASS_ABSENCE] = { { "class_absence", "herhaald afwezig bij taalles (3 keer ongeoorloofd in 28 dagen)",
				  ROLE_JOB_COACH },
				class_absence },
};

const struct signal_rule_def *signal_rule(enum signal_rule r)
{
	return &rules[r].def;
}

int signal_rule_find(const char *code, enum signal_rule *out)
{
	for (int i = 0; code && i < SIG_RULE_COUNT; i++) {
		if (strcmp(rules[i].def.code, code) == 0) {
			*out = (enum signal_rule)i;
			return 0;
		}
	}
	return -1;
}

size_t signals_evaluate(const struct path_facts *f, date_t today, struct signal *out)
{
	size_t n = 0;
	for (int i = 0; i < SIG_RULE_COUNT; i++) {
		date_t due;
		if (rules[i].test(f, today, &due)) {
			out[n].rule = (enum signal_rule)i;
			out[n].due = due;
			n++;
		}
	}
	return n;
}

bool signal_spans_cover(const char *spans, date_t today)
{
	char day[DATE_STR_LEN];
	const char *p = spans;

	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		const char *slash = memchr(p, '/', len);
		date_t start, end;
		size_t start_len = slash ? (size_t)(slash - p) : 0;
		size_t end_len = slash ? len - start_len - 1 : 0;
		if (slash && start_len < sizeof day && end_len < sizeof day) {
			memcpy(day, p, start_len);
			day[start_len] = '\0';
			bool started = date_parse(day, &start) == 0 && start <= today;
			memcpy(day, slash + 1, end_len);
			day[end_len] = '\0';
			bool open = end_len == 0 || (date_parse(day, &end) == 0 && end > today);
			if (started && open)
				return true;
		}
		p = comma ? comma + 1 : NULL;
	}
	return false;
}
