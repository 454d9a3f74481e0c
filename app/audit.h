/*
 * audit.h - writing the processing log (verwerkingenlogging): one entry
 * per data subject per action, after Logius' Logboek Dataverwerkingen
 * (trace and span id, action, start and end, status, processing activity,
 * pseudonymised subject id and type) plus actor, organisation, role and
 * purpose as NEN 7513 adds. A failed write fails the action. The status
 * word the callers give ("ok", "refused", ...) is kept, and mapped to the
 * LDV status (Ok / Error / Unset, domain/logchain.h) beside it; a
 * traceparent's parent span (app_ctx_traceparent) goes with every entry.
 * Entries are hash-chained as they are stored (docs/processing-log.md).
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

/* ---- the whole log (operators; docs/processing-log.md) ---- */

struct logchain_anchor;

/* Walk the whole log and check its hash chain; anchors[0..n) (heads
 * recorded earlier, may be NULL) must still be there unchanged. *out:
 * {"intact","entries","unchained","segments","anchors_checked",
 * "breaks":[{"segment","seq","id","problem"}],"heads":[{"segment","seq",
 * "id","hash"}]}. ERR_FORBIDDEN unless the actor is the local operator or
 * a role that reads anyone's log. */
int app_log_verify(struct app_ctx *ctx, struct logchain_anchor *anchors, size_t nanchors, json_t **out,
		   struct err *e);

/* Receives one JSON line (no newline) of an export; nonzero stops it. */
typedef int (*log_line_fn)(void *arg, const char *line, struct err *e);

/* Export the entries that started on the UTC days from..to (inclusive;
 * "YYYY-MM-DD", either may be NULL for no bound) as Logboek
 * Dataverwerkingen records, one JSON object per line through emit, oldest
 * first; *records counts them. Who may: as app_log_verify. The export is
 * itself logged: one entry per data subject exported. */
int app_log_export(struct app_ctx *ctx, const char *from, const char *to, log_line_fn emit, void *arg,
		   int64_t *records, struct err *e);

/* The register of processing activities: {"items":[{"id","uri","name",
 * "purpose","legal_basis"}]}. */
json_t *app_log_activities(void);

#endif
