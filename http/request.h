/*
 * request.h - what a route handler sees of one HTTP request and how it
 * answers: a status and a JSON body, or an error value that the server
 * turns into application/problem+json.
 */
#ifndef MEEDOEN_REQUEST_H
#define MEEDOEN_REQUEST_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdint.h>

#include "app/app.h"

struct request;

struct hctx {
	struct MHD_Connection *conn;
	struct app_ctx *ctx;      /* actor resolved when the route needs a session */
	json_t *body;             /* parsed JSON body (BODY_JSON routes) */
	const char *raw;          /* raw body (BODY_RAW routes) */
	size_t raw_len;
	int64_t id[2];            /* numeric path parameters, in order */
	const char *content_type;
	/* answer */
	int status;
	json_t *out;              /* owned; NULL for an empty body */
	/* a body that is not JSON (a calendar file, a PDF): when raw_out is
	 * set (malloc'd; the server frees it) it is sent instead of out with
	 * raw_type as its Content-Type, and as a download named filename
	 * (Content-Disposition: attachment) when that is not empty */
	char *raw_out;
	size_t raw_out_len;
	const char *raw_type;
	char filename[96];
	bool inline_body;         /* shown by the browser (inline) rather than saved */
	const char *path;         /* the request path, for routes with a text parameter */
	char set_cookie[256];
	struct err *e;
};

typedef int (*handler_fn)(struct hctx *h);

/* Query parameter or NULL. */
const char *query(struct hctx *h, const char *name);
/* Integer query parameter with a default; a field error if not a number. */
int query_int(struct hctx *h, const char *name, int def, int *out);
/* Id query parameter (0 when absent); a field error if negative or not a number. */
int query_id(struct hctx *h, const char *name, int64_t *out);
/* Query parameter, NULL when absent or empty. */
const char *query_text(struct hctx *h, const char *name);
/* Value of the session cookie, or NULL. */
const char *session_cookie(struct hctx *h);
/* The peer address as text. */
void client_address(struct hctx *h, char *out, size_t size);

/* Handlers (h_*.c). */
int h_health(struct hctx *h);
int h_login(struct hctx *h);
int h_logout(struct hctx *h);
int h_me(struct hctx *h);
int h_codes(struct hctx *h);
int h_participant_list(struct hctx *h);
int h_participant_create(struct hctx *h);
int h_participant_get(struct hctx *h);
int h_participant_update(struct hctx *h);
int h_link_list(struct hctx *h);
int h_link_add(struct hctx *h);
int h_link_end(struct hctx *h);
int h_consent_list(struct hctx *h);
int h_consent_add(struct hctx *h);
int h_consent_revoke(struct hctx *h);
int h_log_list(struct hctx *h);
int h_import_screening(struct hctx *h);
int h_import_employers(struct hctx *h);
int h_import_placements(struct hctx *h);
int h_import_timetable(struct hctx *h);
int h_import_class_attendance(struct hctx *h);
int h_org_list(struct hctx *h);
int h_org_add(struct hctx *h);
int h_user_list(struct hctx *h);
int h_user_add(struct hctx *h);
int h_user_update(struct hctx *h);
int h_phase_list(struct hctx *h);
int h_phase_add(struct hctx *h);
int h_phase_update(struct hctx *h);
int h_intake_get(struct hctx *h);
int h_intake_record(struct hctx *h);
int h_ladder_list(struct hctx *h);
int h_ladder_add(struct hctx *h);
int h_journal_list(struct hctx *h);
int h_journal_add(struct hctx *h);
int h_handover_get(struct hctx *h);
int h_handover_update(struct hctx *h);
int h_sheltered_get(struct hctx *h);
int h_sheltered_put(struct hctx *h);
int h_sheltered_board(struct hctx *h);
int h_signals(struct hctx *h);
int h_employer_list(struct hctx *h);
int h_employer_create(struct hctx *h);
int h_employer_get(struct hctx *h);
int h_employer_update(struct hctx *h);
int h_employer_contact_add(struct hctx *h);
int h_employer_note_add(struct hctx *h);
int h_placement_list(struct hctx *h);
int h_placement_create(struct hctx *h);
int h_placement_get(struct hctx *h);
int h_placement_update(struct hctx *h);
int h_placement_check(struct hctx *h);
int h_attendance_list(struct hctx *h);
int h_attendance_record(struct hctx *h);
int h_training_list(struct hctx *h);
int h_training_create(struct hctx *h);
int h_training_get(struct hctx *h);
int h_training_enrol(struct hctx *h);
int h_visit_list(struct hctx *h);
int h_visit_create(struct hctx *h);
int h_visit_get(struct hctx *h);
int h_visit_invite(struct hctx *h);
int h_visit_attendance(struct hctx *h);
int h_visit_follow_up(struct hctx *h);
int h_assessment_list(struct hctx *h);
int h_assessment_add(struct hctx *h);
int h_assessment_decide(struct hctx *h);
int h_signals_summary(struct hctx *h);

#endif
