/*
 * audit.h - writing the processing log (verwerkingenlogging): one entry
 * per data subject per action, after Logius' Logboek Dataverwerkingen
 * (trace and span id, action, start and end, status, processing activity,
 * pseudonymised subject id and type) plus actor, organisation, role and
 * purpose as NEN 7513 adds. A failed write fails the action.
 */
#ifndef MEEDOEN_AUDIT_H
#define MEEDOEN_AUDIT_H

#include "app/app.h"
#include "domain/activity.h"

#define PSEUDONYM_LEN 65

/* The subject id as it appears in the log: keyed BLAKE2b of the
 * participant id under the installation's pseudonym key, in hex. */
void audit_pseudonym(const struct app *app, int64_t pid, char out[PSEUDONYM_LEN]);

/* Append one entry for participant pid. */
int audit_log(struct app_ctx *ctx, int64_t pid, const char *action, enum activity activity, const char *status,
	      struct err *e);
/* Append one entry for each of the n participants in pids, all or none. */
int audit_log_many(struct app_ctx *ctx, const int64_t *pids, size_t n, const char *action, enum activity activity,
		   const char *status, struct err *e);

#endif
