/*
 * participant_internal.h - helpers shared by the participant use cases
 * (participant.c, network.c, import.c, demo.c). Not for the faces.
 */
#ifndef MEEDOEN_PARTICIPANT_INTERNAL_H
#define MEEDOEN_PARTICIPANT_INTERNAL_H

#include "app/app.h"
#include "domain/activity.h"

/* The actor's relation to participant pid today. */
int participant_relation(struct app_ctx *ctx, int64_t pid, struct relation *rel, struct err *e);
/* Participant pid must exist (ERR_NOT_FOUND); *rec gets the whole record
 * when rec is not NULL (caller owns) and *rel the actor's relation. */
int participant_load(struct app_ctx *ctx, int64_t pid, json_t **rec, struct relation *rel, struct err *e);
/* Log a refused attempt on participant pid, who exists (the caller loaded
 * it): one processing-log entry `action` of `activity` with status
 * "refused". e already holds the refusal and keeps it; only when the log
 * cannot be written does e become that internal error. Returns -1. */
int participant_refused(struct app_ctx *ctx, int64_t pid, const char *action, enum activity activity, struct err *e);
/* *view: rec (as stored, sealed values sealed) filtered to what the actor
 * may read, the sealed values among that opened, with the "access"
 * member. -1 when a sealed value does not open. */
int participant_view(const struct app_ctx *ctx, const json_t *rec, const struct relation *rel, json_t **view,
		     struct err *e);
/* Store a validated new record, link it to the actor's organisation (and
 * caseload), and log it as `action` of `activity`. Inside the caller's
 * transaction. */
int participant_insert_new(struct app_ctx *ctx, const json_t *rec, const char *action, enum activity activity,
			   int64_t *id, struct err *e);
/* ERR_FORBIDDEN unless the actor may write every category in a new record
 * (with the relation the record will have once created). */
int participant_check_new(struct app_ctx *ctx, const json_t *rec, struct err *e);
/* Merge validated changes into rec (as stored: sealed values are opened
 * first), check the whole record, seal, store and log. Inside the
 * caller's transaction. */
int participant_apply(struct app_ctx *ctx, int64_t id, json_t *rec, const json_t *changes, const char *action,
		      enum activity activity, struct err *e);
/* ERR_FORBIDDEN with a field error per member whose category the actor
 * may not write. */
int participant_check_writable(struct app_ctx *ctx, const json_t *changes, const struct relation *rel,
			       struct err *e);

#endif
