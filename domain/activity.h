/*
 * activity.h - the register of processing activities (verwerkingsregister)
 * shipped with the program. Every processing-log entry names one of these,
 * as Logius' Logboek Dataverwerkingen asks: what is done with personal data,
 * for which purpose, on which legal ground.
 */
#ifndef MEEDOEN_ACTIVITY_H
#define MEEDOEN_ACTIVITY_H

enum activity {
	ACTIVITY_REGISTRATION,   /* registering and keeping the participant record */
	ACTIVITY_DOSSIER_READ,   /* reading a dossier for guidance */
	ACTIVITY_CASELOAD_LIST,  /* listing participants in a caseload */
	ACTIVITY_SCREENING_IMPORT,
	ACTIVITY_CONSENT,        /* recording consent */
	ACTIVITY_NETWORK,        /* assigning job coach, volunteer, ... */
	ACTIVITY_LOG_READ,       /* reading the processing log of a participant */
	ACTIVITY_PATH,           /* keeping the path: phases, intake, ladder, hand-over */
	ACTIVITY_JOURNAL,        /* contacts and notes */
	ACTIVITY_WORKLIST,       /* signals on the worklist */
	ACTIVITY_PLACEMENT,      /* placing participants with employers, work-floor attendance */
	ACTIVITY_ASSESSMENT,     /* work-floor assessments and the readiness advice */
	ACTIVITY_VISIT,          /* company visits and matching events */
	ACTIVITY_TRAINING,       /* trainings at work and certificates */
	ACTIVITY_WEEK_PLAN,      /* week planning around the classes, calendars, the week card */
	ACTIVITY_CLASS_ATTENDANCE, /* class enrolment and attendance reported by language providers */
	ACTIVITY_COUNT
};

/* An activity's URI, as the log export names it in the attribute
 * dpl.core.processing_activity_id: this prefix and the register id, e.g.
 * "urn:meedoen:verwerkingsactiviteit:mdn-002". A URN, not a web address:
 * the register ships with the program (`meedoen log activities`,
 * docs/processing-log.md), so it resolves where the program runs. The ids
 * are stable: an activity that changes meaning gets a new id. */
#define ACTIVITY_URI_PREFIX "urn:meedoen:verwerkingsactiviteit:"

struct activity_def {
	const char *id;          /* stable register id, e.g. "mdn-001" */
	const char *name;        /* Dutch name */
	const char *purpose;     /* Dutch purpose */
	const char *legal_basis;
};

const struct activity_def *activity_get(enum activity a);
/* The activity with register id `id` ("mdn-002"), or NULL. */
const struct activity_def *activity_find(const char *id);

#endif
