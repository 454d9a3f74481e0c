/*
 * employer_internal.h - what the employer-side use cases share with each
 * other and with the path (phases.c places participants in placements).
 */
#ifndef MEEDOEN_EMPLOYER_INTERNAL_H
#define MEEDOEN_EMPLOYER_INTERNAL_H

#include "app/employers.h"
#include "domain/activity.h"
#include "domain/placement.h"

/* Which employers the actor may read: *only = 0 for all of them, the
 * actor's organisation for an employer user; ERR_FORBIDDEN otherwise. */
int employer_scope(struct app_ctx *ctx, int64_t *only, struct err *e);
/* ERR_FORBIDDEN unless the actor may take action a (not about one participant). */
int employer_need(struct app_ctx *ctx, enum access_action a, const char *what, struct err *e);

/* Validate the details of an employer object (the members of the API body
 * but name and contacts): field errors added to e; when creating, sector
 * is required, otherwise every member is optional. The employer import
 * (employer_import.c) checks its rows with this too. */
void employer_check_details(struct app_ctx *ctx, const json_t *in, bool creating, struct err *e);
/* Validate one contact {"name","job_title"?,"phone"?,"email"?}: field
 * errors added to e. */
void employer_check_contact(const json_t *c, struct err *e);

/* Validate a placement object (old NULL: a new one, required members
 * checked; else the given members merged over the stored row `old`).
 * Field errors go to e; row (caller's object) gets the columns to store:
 * day_parts as its stored text, the rest as given. Shared by the API and
 * the placement import. */
void placement_check_fields(struct app_ctx *ctx, const json_t *in, const json_t *old, json_t *row, struct err *e);

/* A stored placement row made readable: day_parts and licences as arrays,
 * flags as booleans, labels and "free" places added. Returns row. */
json_t *placement_decorate(json_t *row);

/* The participants of a list others look at that are in the actor's scope
 * (the dossier's rule: the actor may read some category of theirs): an
 * object keyed by the id (as text) with {"family_name","given_names"} where
 * the actor may read the identity, {"hidden":true} where not. People out
 * of scope are not in it. Each person in it is logged once as `action` of
 * `activity`. */
int people_names(struct app_ctx *ctx, const int64_t *pids, size_t n, const char *action, enum activity activity,
		 json_t **out, struct err *e);

/* Keep only the rows (which have a "participant_id") of people in names,
 * adding their names; returns how many rows were left out. */
size_t people_keep_rows(json_t *rows, const json_t *names);

/* people_names over the rows' participants, then people_keep_rows: rows
 * keeps only people in scope, *others gets how many rows were left out. */
int people_name_rows(struct app_ctx *ctx, json_t *rows, const char *action, enum activity activity, size_t *others,
		     struct err *e);

/* Check placing participant pid (record rec) in placement_id for a phase
 * of kind phase_kind starting on start: the placement exists and is
 * active, the kind fits, the start lies in its period, a place is free,
 * (unless the phase has ended already: ended), and the requirements are
 * met or override (non-NULL) says why not.
 * *placement gets the placement row (caller frees). Field errors name
 * "placement_id", or each unmet requirement. */
int placing_check(struct app_ctx *ctx, int64_t pid, const json_t *rec, const char *phase_kind, date_t start,
		  bool ended, int64_t placement_id, const char *override, json_t **placement, struct err *e);
/* What placement row pl (stored or decorated: day_parts as text or a
 * list) asks, in the terms of domain/placement.h; day_parts are the ones
 * it asks of everyone placed there (placement_required_parts: none for a
 * production hall, which needs organisation_type in the row). */
void placing_requirements(const json_t *pl, struct placement_requirements *r);
/* After the phase is stored: link the participant to the placement's
 * organisation (and supervisor), so employers and department assistants
 * see their own people, and note it in the employer's history. */
int placing_start(struct app_ctx *ctx, int64_t pid, const json_t *placement, const char *start, struct err *e);
/* A phase linked to placement_id that had ended is opened again: there
 * must be a place free (ERR_CONFLICT), and the link starts again. */
int placing_reopen(struct app_ctx *ctx, int64_t pid, int64_t placement_id, const char *start, struct err *e);
/* When a phase linked to placement_id ends on `end`: end the link. */
int placing_end(struct app_ctx *ctx, int64_t pid, int64_t placement_id, const char *end, struct err *e);

#endif
