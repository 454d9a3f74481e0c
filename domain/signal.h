/*
 * signal.h - the rules that keep a path moving (DESIGN.md §3): each rule
 * has a name, a due moment and who must act, and is one row in the table
 * of signal.c. Signals are computed from facts about a participant on a
 * given day, never stored: the same facts always give the same signals.
 */
#ifndef MEEDOEN_SIGNAL_H
#define MEEDOEN_SIGNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "access.h"
#include "date.h"

enum signal_rule {
	SIG_INTAKE_OVERDUE,        /* more than 21 days after arrival without intake */
	SIG_INTAKE_DUE,            /* intake due within 5 days */
	SIG_HANDOVER_DUE,          /* volunteer's 15 months end within 30 days */
	SIG_HANDOVER_OVERDUE,      /* 15 months passed, no warm handover */
	SIG_NO_CONTACT,            /* no contact for 6 weeks */
	SIG_NO_ASSESSMENT,         /* work-learning without assessment for 8 weeks */
	SIG_PHASE_END_PASSED,      /* an open phase's planned end has passed */
	SIG_INTEGRATION_DEADLINE,  /* civic-integration deadline within 6 months, no exam */
	SIG_DROPOUT_NO_FOLLOW_UP,  /* dropped out, no contact for 4 weeks */
	SIG_SHELTERED_HOLD_ENDING, /* a held sheltered-work place ends within 30 days */
	SIG_CLASS_ABSENCE,         /* three unexcused class absences within 28 days */
	SIG_RULE_COUNT
};

struct signal_rule_def {
	const char *code;  /* "intake_overdue" */
	const char *label; /* Dutch, for the worklist */
	enum role actor;   /* who must act */
};

/* What the rules need to know about one participant. A date that is not
 * known has its `has_` flag false. */
struct path_facts {
	bool has_arrival;
	date_t arrival;
	date_t registered;         /* when the participant was registered */
	bool has_intake;           /* an intake phase or intake record exists */
	bool has_volunteer;        /* an open volunteer link */
	bool handover_done;        /* the warm handover to welfare is signed off */
	bool has_contact;
	date_t last_contact;
	bool in_work_learning;     /* an open work-learning phase */
	date_t work_learning_start;
	bool has_assessment;
	date_t last_assessment;
	bool has_overdue_phase;    /* an open phase whose planned end passed */
	date_t overdue_planned_end; /* the earliest such planned end */
	bool has_integration_deadline;
	date_t integration_deadline;
	bool exam_done;            /* passed or exempt */
	bool dropped_out;          /* the current main phase is dropped out */
	date_t dropped_out_since;
	bool has_hold;             /* a sheltered-work place held */
	date_t hold_until;
	bool has_third_absence;    /* at least three unexcused class absences */
	date_t third_absence;      /* the day of the third most recent one */
};

struct signal {
	enum signal_rule rule;
	date_t due; /* the day the action was or is due */
};

const struct signal_rule_def *signal_rule(enum signal_rule r);
int signal_rule_find(const char *code, enum signal_rule *out);

/* The signals the facts give on `today`, at most one per rule, into
 * out[SIG_RULE_COUNT]; returns how many. */
size_t signals_evaluate(const struct path_facts *f, date_t today, struct signal *out);

/* Whether one of the spans "start/end,start/end" (end empty while open;
 * the end day itself is no longer covered) covers today. A span that does
 * not parse covers nothing. */
bool signal_spans_cover(const char *spans, date_t today);

/* The day the volunteer's guidance ends: 15 months after arrival. */
date_t signal_guidance_end(date_t arrival);

#endif
