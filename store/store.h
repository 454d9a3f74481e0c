/*
 * store.h - persistence. The only place with SQL. One `struct store` is
 * one database connection (one per server worker, one per command); the
 * functions are typed per need, not an ORM. The SQLite backend lives in
 * store_sqlite.c and the store_*.c files beside it; all SQL is portable
 * and uses bound parameters, so a PostgreSQL backend can implement this
 * same header later without app/ changing.
 *
 * Every function returns 0 on success or -1 with `e` filled (ERR_NOT_FOUND,
 * ERR_CONFLICT for a broken unique key, ERR_INTERNAL for a database error).
 * JSON results are new references the caller owns.
 */
#ifndef MEEDOEN_STORE_H
#define MEEDOEN_STORE_H

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/access.h"
#include "domain/logchain.h"

struct store;

/* Open (creating if needed) the database at `path` and configure the
 * connection: WAL, foreign keys, busy timeout, Dutch collation "nl". */
int store_open(const char *path, struct store **out, struct err *e);
void store_close(struct store *st);

/* Let the connections of one process take turns at writing through `lock`
 * instead of sleeping in SQLite's busy handler: store_begin() takes it and
 * commit or rollback gives it back; a write outside a transaction holds it
 * for that statement. The lock must outlive the connection. */
void store_share_write_lock(struct store *st, pthread_mutex_t *lock);

/* Apply the migrations not yet applied; *applied counts them. */
int store_migrate(struct store *st, int *applied, struct err *e);
/* Schema version in the database (0 for an empty one). */
int store_schema_version(struct store *st, int *version, struct err *e);
/* The newest schema version this program knows. */
int store_schema_latest(void);

/* Check the database file: SQLite's integrity check (with the "nl"
 * collation loaded, so indexes on collated columns are verified too) and
 * the foreign keys of every table. *problems is a new array of strings,
 * empty when all is well. */
int store_check(struct store *st, json_t **problems, struct err *e);

int store_begin(struct store *st, struct err *e);
/* True between store_begin() and commit or rollback. */
bool store_in_transaction(const struct store *st);
int store_commit(struct store *st, struct err *e);
/* Roll back if a transaction is open; never fails. */
void store_rollback(struct store *st);

/* Settings: small key/value pairs (e.g. the pseudonym key). *value is
 * malloc'd; ERR_NOT_FOUND when absent. */
int store_setting_get(struct store *st, const char *key, char **value, struct err *e);
int store_setting_set(struct store *st, const char *key, const char *value, struct err *e);
/* Remove a setting (no error when absent). */
int store_setting_delete(struct store *st, const char *key, struct err *e);

/* ---- sealed values (store_sealed.c) ----
 *
 * Columns that hold sealed values (base/seal.h): the store keeps and
 * returns them as text, never opens them. `table`, `column` and `where`
 * are constants of app/vault.c, never input. */

struct sealed_column {
	const char *table;
	const char *column;
	const char *where; /* an extra SQL condition on the row, or NULL */
};

/* The id a new row of `table` ("participant" or "journal") will get, for
 * a value sealed before the insert; inside the caller's transaction. */
int store_next_id(struct store *st, const char *table, int64_t *id, struct err *e);
/* Up to `limit` rows of c with id > after_id, by id, whose value is not
 * NULL and does not start with `skip_prefix`: *items is a new array of
 * {"id","value"}. */
int store_sealed_batch(struct store *st, const struct sealed_column *c, const char *skip_prefix, int64_t after_id,
		       int limit, json_t **items, struct err *e);
/* Set c of row id to value. */
int store_sealed_put(struct store *st, const struct sealed_column *c, int64_t id, const char *value, struct err *e);
/* on: overwrite deleted content with zeros from now on (PRAGMA
 * secure_delete), for replacing plain values by sealed ones; off: stop,
 * and checkpoint the WAL into the database file and truncate it, so no
 * old page image survives in either. */
int store_scrub(struct store *st, bool on, struct err *e);
/* Set a participant's BSN lookup hash (NULL clears it). */
int store_participant_bsn_hash_put(struct store *st, int64_t id, const char *hash, struct err *e);
/* The participants whose BSN has lookup hash `hash`, lowest id first, at
 * most `max` of them into ids; *n how many. */
int store_participant_by_bsn_hash(struct store *st, const char *hash, int64_t *ids, size_t max, size_t *n,
				  struct err *e);

/* ---- organisations ---- */

struct org_row {
	int64_t id;
	char name[128];
	char type[32];
	bool require_second_factor; /* every user must log in with a second factor */
};

int store_org_insert(struct store *st, const char *name, const char *type, int64_t *id, struct err *e);
int store_org_get(struct store *st, int64_t id, struct org_row *out, struct err *e);
int store_org_by_name(struct store *st, const char *name, struct org_row *out, struct err *e);
/* {"items":[{"id","name","type","require_second_factor"}]} sorted by name. */
int store_org_list(struct store *st, json_t **out, struct err *e);
/* Require (or not) a second factor of the organisation's users. */
int store_org_set_second_factor(struct store *st, int64_t id, bool required, struct err *e);

/* ---- users and sessions ---- */

struct user_row {
	int64_t id;
	char username[72];
	char display_name[128];
	char role[32];
	int64_t org_id;
	char org_name[128];
	char org_type[32];
	bool active;
	char password_hash[160];
	int login_failures;      /* failed logins (password or code) since the last success */
	int64_t login_failed_at; /* time of the last failure, ms */
	bool org_requires_second_factor;
	bool second_factor;      /* a confirmed TOTP secret */
};

int store_user_insert(struct store *st, const struct user_row *u, int64_t *id, struct err *e);
int store_user_get(struct store *st, int64_t id, struct user_row *out, struct err *e);
int store_user_by_name(struct store *st, const char *username, struct user_row *out, struct err *e);
/* {"items":[user JSON as below]} sorted by user name. */
int store_user_list(struct store *st, json_t **out, struct err *e);
/* The public JSON of a user: {"id","username","display_name","role",
 * "organisation_id","organisation_name","active","second_factor",
 * "second_factor_required"} (never the hash). */
json_t *store_user_json(const struct user_row *u);
/* Change what is given: display_name / password_hash when not NULL,
 * active when >= 0. */
int store_user_update(struct store *st, int64_t id, const char *display_name, const char *password_hash,
		      int active, struct err *e);

int store_session_insert(struct store *st, const char *token_hash, int64_t user_id, int64_t now,
			 int64_t expires_at, struct err *e);
/* Find a live session: not past expires_at, last seen no longer than
 * idle_s ago, user active. Touches last_seen_at. ERR_UNAUTHORIZED if none. */
int store_session_lookup(struct store *st, const char *token_hash, int64_t now, int64_t idle_s,
			 struct user_row *user, struct err *e);
int store_session_delete(struct store *st, const char *token_hash, struct err *e);
int store_session_delete_user(struct store *st, int64_t user_id, struct err *e);

/* Failed logins per account (app_user.login_failures): count one more
 * at now_ms, or clear after a success. */
int store_login_failed(struct store *st, int64_t user_id, int64_t now_ms, struct err *e);
int store_login_reset(struct store *st, int64_t user_id, struct err *e);

/* ---- second factor ---- */

/* The user's stored (encrypted) TOTP secret, whether it is confirmed, and
 * the last time step accepted. ERR_NOT_FOUND when the user has none. */
int store_totp_get(struct store *st, int64_t user_id, char *secret, size_t size, bool *confirmed,
		   int64_t *last_step, struct err *e);
/* Store a new, unconfirmed secret, replacing any the user had (with its
 * recovery codes). */
int store_totp_put(struct store *st, int64_t user_id, const char *secret, int64_t now, struct err *e);
/* Mark the secret confirmed. */
int store_totp_confirm(struct store *st, int64_t user_id, int64_t now, struct err *e);
/* Take time step `step`: *taken false when a step as late or later was
 * accepted before (the code was used already). */
int store_totp_take_step(struct store *st, int64_t user_id, int64_t step, bool *taken, struct err *e);
/* Forget the user's secret and recovery codes. *had tells if there was one. */
int store_totp_delete(struct store *st, int64_t user_id, bool *had, struct err *e);
/* Replace the user's recovery codes by the n hashes given. */
int store_recovery_replace(struct store *st, int64_t user_id, char (*hashes)[65], size_t n, struct err *e);
/* Use the unused recovery code with this hash: *used false if none. */
int store_recovery_use(struct store *st, int64_t user_id, const char *hash, int64_t now, bool *used,
		       struct err *e);
/* How many unused recovery codes the user has. */
int store_recovery_left(struct store *st, int64_t user_id, int *left, struct err *e);

/* A pending login (password right, second factor due), one per user:
 * a new one replaces the user's previous one; expired ones are dropped. */
int store_pending_insert(struct store *st, const char *token_hash, int64_t user_id, int64_t now,
			 int64_t expires_at, struct err *e);
/* The user of a live pending login, or ERR_UNAUTHORIZED. */
int store_pending_lookup(struct store *st, const char *token_hash, int64_t now, int64_t *user_id, struct err *e);
int store_pending_delete(struct store *st, int64_t user_id, struct err *e);

/* ---- participants ---- */

/* Insert a validated record (participant.h field names); *id is the new id.
 * The record may carry "id" (the id to use, from store_next_id) and
 * "bsn_hash"; sealed fields are stored as given (app/vault.c seals them).
 * ERR_CONFLICT when external_id exists. */
int store_participant_insert(struct store *st, const json_t *rec, const char *now, int64_t *id, struct err *e);
/* Overwrite every field of participant id with `rec` (a whole record,
 * with "bsn_hash" as in store_participant_insert). */
int store_participant_update(struct store *st, int64_t id, const json_t *rec, const char *now, struct err *e);
/* The whole record, all fields (null where empty), plus id and timestamps. */
int store_participant_get(struct store *st, int64_t id, json_t **out, struct err *e);
/* *id of the participant with this external id, or 0 when there is none. */
int store_participant_by_external_id(struct store *st, const char *external_id, int64_t *id, struct err *e);

struct participant_query {
	const char *q;            /* name search, NULL for none */
	int64_t organisation_id;  /* linked to this organisation, 0 for any */
	const char *arrival_from; /* inclusive, NULL for open */
	const char *arrival_to;
	int offset;
	int limit;
	/* visibility, from access_list_scope() or the read level of a category */
	enum access_level scope;
	enum category consent_category; /* for LVL_CONSENT_OWN (CAT_IDENTITY is 0) */
	enum own_scope own_by;
	int64_t user_id;
	int64_t user_org_id;
	const char *today;
};

/* One page of participant summaries ({"id","family_name","given_names",
 * "birth_date","country_of_origin","arrival_date","target_group"}) sorted
 * by name in Dutch collation, and the total matching. */
int store_participant_list(struct store *st, const struct participant_query *q, json_t **items,
			   int64_t *total, struct err *e);

/* The actor's relation to participant pid on `today`. */
int store_participant_relation(struct store *st, int64_t pid, int64_t user_id, int64_t org_id,
			       enum own_scope own_by, const char *today, struct relation *rel, struct err *e);

/* ---- links (guidance network, placements, courses) ---- */

int store_link_insert(struct store *st, int64_t pid, const char *kind, int64_t user_id, int64_t org_id,
		      const char *start_date, int64_t *id, struct err *e);
/* {"items":[...]} links of a participant, newest first. */
int store_link_list(struct store *st, int64_t pid, json_t **out, struct err *e);
int store_link_get(struct store *st, int64_t pid, int64_t link_id, json_t **out, struct err *e);
int store_link_end(struct store *st, int64_t pid, int64_t link_id, const char *end_date, struct err *e);
/* End every open link of this kind to organisation org_id (none is not an error). */
int store_link_end_kind(struct store *st, int64_t pid, const char *kind, int64_t org_id, const char *end_date,
			struct err *e);

/* ---- consent ---- */

int store_consent_insert(struct store *st, int64_t pid, int64_t org_id, const char *category,
			 const char *given_on, const char *expires_on, int64_t recorded_by, const char *now,
			 int64_t *id, struct err *e);
/* {"items":[...]} consents of a participant; "active" computed for today. */
int store_consent_list(struct store *st, int64_t pid, const char *today, json_t **out, struct err *e);
int store_consent_get(struct store *st, int64_t pid, int64_t cid, const char *today, json_t **out,
		      struct err *e);
int store_consent_revoke(struct store *st, int64_t pid, int64_t cid, const char *now, struct err *e);

/* ---- the path (store_path.c): rows as JSON objects named by column ---- */

/* Phases oldest first: {"id","kind","start_date","planned_end","actual_end",
 * "organisation_id","organisation_name","responsible_user_id",
 * "responsible_name","placement_id","outcome","reason"}. */
int store_phase_list(struct store *st, int64_t pid, json_t **items, struct err *e);
/* Insert a phase from those members of `ph`. */
int store_phase_insert(struct store *st, int64_t pid, const json_t *ph, const char *now, int64_t *id, struct err *e);
/* Overwrite planned_end, actual_end, responsible_user_id, outcome and reason. */
int store_phase_update(struct store *st, int64_t pid, int64_t id, const json_t *ph, struct err *e);

/* The intake or *out = NULL; insert gives ERR_CONFLICT when one exists. */
int store_intake_get(struct store *st, int64_t pid, json_t **out, struct err *e);
int store_intake_insert(struct store *st, int64_t pid, const json_t *in, int64_t user_id, const char *now,
			struct err *e);

/* Ladder positions newest first: {"id","assessed_on","level","assessor","note"}. */
int store_ladder_list(struct store *st, int64_t pid, json_t **items, struct err *e);
int store_ladder_insert(struct store *st, int64_t pid, const json_t *in, int64_t user_id, const char *user_name,
			const char *now, int64_t *id, struct err *e);

/* Journal entries newest first: {"id","occurred_on","kind","category","text","author"}. */
int store_journal_list(struct store *st, int64_t pid, json_t **items, struct err *e);
int store_journal_insert(struct store *st, int64_t pid, const json_t *in, int64_t user_id, const char *user_name,
			 const char *now, int64_t *id, struct err *e);

/* The hand-over record or *out = NULL: {"welfare_user_id","welfare_name",
 * "checklist" (JSON text),"volunteer_user_id","volunteer_signed_at","welfare_signed_at"}. */
int store_handover_get(struct store *st, int64_t pid, json_t **out, struct err *e);
int store_handover_put(struct store *st, int64_t pid, const json_t *h, const char *now, struct err *e);

/* The sheltered-work record or *out = NULL; the board lists every record. */
int store_sheltered_get(struct store *st, int64_t pid, json_t **out, struct err *e);
int store_sheltered_put(struct store *st, int64_t pid, const json_t *r, const char *now, struct err *e);
int store_sheltered_board(struct store *st, json_t **items, struct err *e);

/* What the signal rules need of one participant (the row of path_facts);
 * strings are "" when unknown and valid only during the callback.
 * volunteer_spans is "start/end,start/end" over the volunteer links, with
 * an empty end while a link is open. */
struct facts_row {
	int64_t id;
	const char *arrival_date;
	const char *registered;
	bool has_intake;
	const char *last_contact;
	const char *last_assessment;
	const char *integration_deadline;
	const char *exam_status;
	const char *volunteer_spans;
	bool handover_done;
	const char *work_learning_start;
	const char *open_planned_end; /* the earliest planned end of an open phase */
	const char *dropped_out_since;
	const char *hold_until;
	int64_t organisation_id;
	const char *third_absence; /* the third most recent unexcused class absence */
};

typedef int (*facts_fn)(void *arg, const struct facts_row *row, struct err *e);

/* Call fn for every participant q's scope lets see (q's paging and name
 * filters are not used). Stops at the first callback that returns non-zero. */
int store_signal_facts(struct store *st, const struct participant_query *q, facts_fn fn, void *arg, struct err *e);

/* How many rows of the kept facts differ from the facts computed afresh
 * from the source tables; 0 unless a write bypassed the triggers. */
int store_signal_facts_check(struct store *st, int64_t *stale, struct err *e);

/* A participant's names, as strings the caller frees; ERR_NOT_FOUND when
 * there is no such participant. */
int store_participant_name(struct store *st, int64_t id, char **family_name, char **given_names, struct err *e);

/* ---- employers (issue 4) ---- */

/* Details of the employer organisation org_id; in holds the columns of
 * the employer table by name. */
int store_employer_insert(struct store *st, int64_t org_id, const json_t *in, const char *now, struct err *e);
int store_employer_update(struct store *st, int64_t org_id, const json_t *in, const char *now, struct err *e);
/* {"id","name",details...,"account_manager_name","placement_count","capacity","occupancy"}; ERR_NOT_FOUND. */
int store_employer_get(struct store *st, int64_t org_id, json_t **out, struct err *e);

struct employer_query {
	const char *sector;         /* NULL: any */
	int network_member;         /* -1 any, 0 no, 1 yes */
	int64_t account_manager_id; /* 0: any */
	int64_t organisation_id;    /* 0: any; else that employer only */
	const char *name;           /* part of the name, or NULL */
};
int store_employer_list(struct store *st, const struct employer_query *q, json_t **items, struct err *e);
int store_contact_insert(struct store *st, int64_t org_id, const json_t *in, const char *now, int64_t *id,
			 struct err *e);
int store_contact_list(struct store *st, int64_t org_id, json_t **items, struct err *e);
/* The employer's history, newest first. */
int store_employer_event_insert(struct store *st, int64_t org_id, const char *occurred_on, const char *kind,
				const char *text, int64_t user_id, const char *user_name, const char *now,
				struct err *e);
int store_employer_event_list(struct store *st, int64_t org_id, json_t **items, struct err *e);

/* ---- placements and attendance ---- */

int store_placement_insert(struct store *st, const json_t *in, const char *now, int64_t *id, struct err *e);
int store_placement_update(struct store *st, int64_t id, const json_t *in, const char *now, struct err *e);
/* The placement with its "occupancy" (open phases linked to it); ERR_NOT_FOUND. */
int store_placement_get(struct store *st, int64_t id, json_t **out, struct err *e);
/* *id = 0 when no placement has that external id. */
int store_placement_by_external_id(struct store *st, const char *external_id, int64_t *id, struct err *e);

struct placement_query {
	int64_t organisation_id;    /* 0: any */
	const char *kind, *sector;  /* NULL: any */
	bool active_only;
	int64_t supervisor_user_id; /* 0: any */
};
int store_placement_list(struct store *st, const struct placement_query *q, json_t **items, struct err *e);
/* The open phases linked to placement id: {"participant_id","phase_id","kind","start_date","planned_end"}. */
int store_placement_occupants(struct store *st, int64_t id, json_t **items, struct err *e);

/* One attendance mark per participant, placement and day (a later mark replaces it). */
int store_attendance_put(struct store *st, int64_t pid, int64_t placement_id, const char *day, const char *status,
			 const char *note, int64_t user_id, const char *now, struct err *e);
/* Marks filtered by participant and/or placement (0: any) and day range (NULL: open), newest first. */
int store_attendance_list(struct store *st, int64_t pid, int64_t placement_id, const char *from, const char *to,
			  json_t **items, struct err *e);

/* ---- trainings ---- */

int store_training_insert(struct store *st, const json_t *in, const char *now, int64_t *id, struct err *e);
/* With "company_share_cents", "enrolled" and "passed"; ERR_NOT_FOUND. */
int store_training_get(struct store *st, int64_t id, json_t **out, struct err *e);
int store_training_list(struct store *st, int64_t employer_id, json_t **items, struct err *e);
int store_enrolment_put(struct store *st, int64_t training_id, int64_t pid, const char *result,
			const char *certificate_expires, const char *now, struct err *e);
/* *out = NULL when the participant is not enrolled. */
int store_enrolment_get(struct store *st, int64_t training_id, int64_t pid, json_t **out, struct err *e);
int store_enrolment_list(struct store *st, int64_t training_id, json_t **items, struct err *e);
/* The participant's trainings with result and certificate expiry. */
int store_certificates(struct store *st, int64_t pid, json_t **items, struct err *e);

/* ---- company visits and matching events ---- */

int store_visit_insert(struct store *st, const json_t *in, const char *now, int64_t *id, struct err *e);
int store_visit_employer_add(struct store *st, int64_t visit_id, int64_t org_id, struct err *e);
/* The visit with its counts: invited, attended, interested, places_offered,
 * trial_days, placements_started; ERR_NOT_FOUND. */
int store_visit_get(struct store *st, int64_t id, json_t **out, struct err *e);
/* Visits between from and to (NULL: open), of one employer (0: any), newest first. */
int store_visit_list(struct store *st, const char *from, const char *to, int64_t employer_id, json_t **items,
		     struct err *e);
int store_visit_employers(struct store *st, int64_t visit_id, json_t **items, struct err *e);
int store_visit_participants(struct store *st, int64_t visit_id, json_t **items, struct err *e);
int store_visit_follow_ups(struct store *st, int64_t visit_id, json_t **items, struct err *e);
/* Inviting twice is not an error. */
int store_visit_invite(struct store *st, int64_t visit_id, int64_t pid, const char *now, struct err *e);
/* Set attended and/or interest (NULL: unchanged); ERR_NOT_FOUND when not invited. */
int store_visit_record(struct store *st, int64_t visit_id, int64_t pid, const json_t *attended,
		       const json_t *interest, struct err *e);
int store_visit_follow_up_put(struct store *st, int64_t visit_id, int64_t pid, int64_t org_id, const char *follow_up,
			      const char *note, const char *now, struct err *e);
int store_participant_visits(struct store *st, int64_t pid, json_t **items, struct err *e);

/* ---- work-floor assessments ---- */

int store_assessment_insert(struct store *st, int64_t pid, const json_t *in, const char *now, int64_t *id,
			    struct err *e);
int store_assessment_decide(struct store *st, int64_t pid, int64_t id, const char *decision,
			    const char *decided_advice, const char *reason, int64_t user_id, const char *now,
			    struct err *e);
/* Oldest first; scores and comments as JSON text. */
int store_assessment_list(struct store *st, int64_t pid, json_t **items, struct err *e);

/* ---- processing log ---- */

struct log_entry {
	const char *trace_id;
	const char *span_id;
	const char *parent_span_id; /* the caller's span (traceparent), or NULL */
	const char *action;   /* "read", "create", "update", "list", "import", ... */
	const char *activity; /* register id */
	const char *started_at;
	const char *ended_at;
	const char *status;     /* the program's outcome word: "ok", "refused", ... */
	const char *ldv_status; /* "Unset", "Ok" or "Error" (domain/logchain.h) */
	const char *subject_pseudonym;
	const char *subject_type;
	int64_t actor_user_id; /* 0 for the system actor */
	const char *actor_name;
	int64_t organisation_id;
	const char *role;
	const char *purpose;
};

/* Append one entry to this connection's segment of the hash chain (see
 * domain/logchain.h), opening a segment on the connection's first append
 * or after a rollback took back its last entry. Inside or outside a
 * transaction; a rollback takes the entry back and the chain with it. */
int store_log_append(struct store *st, const struct log_entry *entry, struct err *e);
/* {"items":[...]} newest first, and the total. */
int store_log_list(struct store *st, const char *pseudonym, int offset, int limit, json_t **items,
		   int64_t *total, struct err *e);

/* A stored entry as read back for verification and export: its place in
 * the chain and the hashed fields (struct logchain_row), plus the name of
 * the actor's organisation. Valid during the callback only. */
struct log_record {
	struct logchain_row row;
	const char *organisation_name; /* NULL when none */
};

/* Called per entry; a nonzero return stops the walk and is returned. */
typedef int (*log_record_fn)(void *arg, const struct log_record *r, struct err *e);

/* Every entry in id order (one consistent snapshot), or with from/to
 * (timestamps, either may be NULL) those that started in [from, to). */
int store_log_walk(struct store *st, const char *from, const char *to, log_record_fn fn, void *arg,
		   struct err *e);

#endif
