/*
 * access.h - who may read and write which data categories of a
 * participant. The whole decision is one table (access.c): for every role a
 * level per data category, for reading and for writing, plus the few
 * actions that are not about a category. DESIGN.md §2 is the source.
 *
 * A level is resolved against the actor's relation to the participant:
 * ALL needs nothing, ORG needs the participant linked to the actor's
 * organisation, OWN needs the participant on the actor's own caseload (or,
 * for organisation-scoped roles like employers, linked to their
 * organisation), CONSENT_OWN needs OWN and a valid consent of the
 * participant for the actor's organisation and that category.
 */
#ifndef MEEDOEN_ACCESS_H
#define MEEDOEN_ACCESS_H

#include <stdbool.h>

enum role {
	ROLE_DIRECTOR,
	ROLE_CASE_MANAGER,
	ROLE_YOUTH_CONSULTANT,
	ROLE_PROJECT_LEADER,
	ROLE_JOB_COACH,
	ROLE_ACCOUNT_MANAGER,
	ROLE_DEPARTMENT_ASSISTANT,
	ROLE_VOLUNTEER,
	ROLE_WELFARE,
	ROLE_LANGUAGE_PROVIDER,
	ROLE_EMPLOYER,
	ROLE_ADMIN,
	ROLE_SYSTEM, /* the local operator on the command line */
	ROLE_COUNT
};

enum category {
	CAT_IDENTITY,
	CAT_CONTACT,
	CAT_BSN,
	CAT_EDUCATION_WORK,
	CAT_CIVIC_INTEGRATION,
	CAT_INCOME,
	CAT_HEALTH,
	CAT_PATH,
	CAT_ASSESSMENTS,
	CAT_NOTES,
	CAT_COUNT
};

enum access_level {
	LVL_NONE,
	LVL_ALL,
	LVL_ORG,
	LVL_OWN,
	LVL_CONSENT_OWN,
};

/* Which journal notes a role's `notes` level covers: notes of every data
 * category the role may also read (or write), or social notes only (the
 * design's "C own (social)" for volunteers and welfare workers). */
enum journal_scope {
	JOURNAL_ALL,
	JOURNAL_SOCIAL,
};

/* A journal note's category: a data category, or NOTE_SOCIAL for notes of
 * social guidance. */
#define NOTE_SOCIAL ((int)CAT_COUNT)

enum own_scope {
	OWN_BY_USER, /* a link naming the user (caseload) */
	OWN_BY_ORG,  /* a link to the user's organisation (placement, course) */
};

/* Actions that are not reads or writes of one category. */
enum access_action {
	ACT_CREATE_PARTICIPANT,
	ACT_IMPORT_SCREENING,
	ACT_MANAGE_LINKS,
	ACT_MANAGE_CONSENT,
	ACT_READ_PROCESSING_LOG,
	ACT_MANAGE_USERS,
	ACT_READ_NETWORK, /* see who is linked to a participant and their consents */
	ACT_SIGNAL_TOTALS, /* the totals of signals over every participant */
	ACT_ALL_SIGNALS,   /* a worklist over every participant, not a caseload */
	ACT_READ_EMPLOYERS,   /* employers, their placements and trainings (G: the own employer only) */
	ACT_MANAGE_EMPLOYERS, /* employers, contacts, placements, trainings */
	ACT_MANAGE_VISITS,    /* plan company visits and matching events, invite, attendance */
	ACT_DECIDE_ADVICE,    /* confirm or override a work-floor readiness advice */
	ACT_PLACE,            /* place a participant in a placement (a phase linked to it) */
	ACT_MANAGE_TIMETABLES, /* class groups, their sessions and timetable imports (G: own provider only) */
	ACT_CONFIGURE,        /* program settings such as the clock times of the day-parts */
	ACT_COUNT
};

struct relation {
	bool own;              /* on own caseload / linked to own organisation */
	bool org;              /* linked to the actor's organisation in any way */
	unsigned consent_mask; /* bit per category with a valid consent */
};

struct role_def {
	const char *name;     /* code: "job_coach" */
	const char *label;    /* UI: "jobcoach" */
	const char *org_type; /* organisation type the role belongs to, NULL = any */
	enum own_scope own_by;
	enum journal_scope journal;
	enum access_level read[CAT_COUNT];
	enum access_level write[CAT_COUNT];
	enum access_level action[ACT_COUNT];
};

struct category_def {
	const char *name;  /* "education_work" */
	const char *label; /* "opleiding en werk" */
};

struct org_type_def {
	const char *name;  /* "social_work_company" */
	const char *label; /* "sociaal werkbedrijf" */
	bool needs_consent; /* outside the municipality and the social work company */
};

const struct role_def *access_role(enum role r);
/* Role by code; returns 0 and sets *out, or -1 for an unknown name. */
int access_role_find(const char *name, enum role *out);
const struct category_def *access_category(enum category c);
int access_category_find(const char *name, enum category *out);
const struct org_type_def *access_org_types(int *count);
const struct org_type_def *access_org_type_find(const char *name);

/* Resolve one level against a relation for category c (c is ignored for
 * levels that do not need consent). */
bool access_level_allows(enum access_level lvl, enum category c, const struct relation *rel);

/* May role r read / write category c of a participant with relation rel? */
bool access_may_read(enum role r, enum category c, const struct relation *rel);
bool access_may_write(enum role r, enum category c, const struct relation *rel);
/* Bit mask (1u << category) of readable / writable categories. */
unsigned access_readable(enum role r, const struct relation *rel);
unsigned access_writable(enum role r, const struct relation *rel);
/* May role r take action a, given the relation (NULL when the action is
 * not about one participant: then only LVL_ALL and LVL_ORG pass). */
bool access_may(enum role r, enum access_action a, const struct relation *rel);

/* A note category by code ("social" or a data category); 0 or -1. */
int access_note_category_find(const char *name, int *out);
/* May role r read / write a journal note of note category nc (a data
 * category or NOTE_SOCIAL)? Needs the `notes` level, and for a note of a
 * data category also that category's level and a journal scope of
 * JOURNAL_ALL. */
bool access_may_read_note(enum role r, int nc, const struct relation *rel);
bool access_may_write_note(enum role r, int nc, const struct relation *rel);

/* The level that decides which participants appear in a role's list:
 * the identity read level. */
enum access_level access_list_scope(enum role r);

#endif
