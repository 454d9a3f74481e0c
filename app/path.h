/*
 * path.h - use cases of the path (issue 3): phases, intake, participation
 * ladder, journal, volunteer-to-welfare hand-over, sheltered work, and the
 * signals that make worklists. Same conventions as app.h: the actor in
 * ctx, results as new JSON, errors in e, every read and write logged.
 */
#ifndef MEEDOEN_PATH_H
#define MEEDOEN_PATH_H

#include "app/app.h"

int app_phase_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e);
int app_phase_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e);
int app_phase_update(struct app_ctx *ctx, int64_t pid, int64_t phase_id, const json_t *in, json_t **out,
		     struct err *e);

int app_intake_get(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e);
int app_intake_record(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e);

int app_ladder_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e);
int app_ladder_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e);

int app_journal_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e);
int app_journal_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e);

int app_handover_get(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e);
int app_handover_update(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e);

int app_sheltered_get(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e);
int app_sheltered_put(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e);
int app_sheltered_board(struct app_ctx *ctx, json_t **out, struct err *e);

/* The actor's worklist (at most `limit` signals, most overdue first), and
 * the counts over every participant for those who oversee all. */
int app_signals(struct app_ctx *ctx, int limit, json_t **out, struct err *e);
int app_signals_summary(struct app_ctx *ctx, json_t **out, struct err *e);

/* Code lists of the path for GET /api/codes: phase_kinds, first_steps,
 * ladder, signal_rules, sheltered_stages, ... added to `codes`. */
void app_path_codes(json_t *codes);

#endif
