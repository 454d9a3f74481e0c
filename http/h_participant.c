/*
 * h_participant.c - participant routes: list, create, read, change, the
 * guidance network, consent, the processing log and the screening import.
 * Each handler only translates HTTP to an app/ call.
 */
#include "http/request.h"
#include "base/utf8.h"

#include <string.h>

int h_participant_list(struct hctx *h)
{
	struct list_params p = {
		.q = query(h, "q"),
		.arrival_from = query(h, "arrival_from"),
		.arrival_to = query(h, "arrival_to"),
	};
	if (p.arrival_from && !*p.arrival_from)
		p.arrival_from = NULL;
	if (p.arrival_to && !*p.arrival_to)
		p.arrival_to = NULL;
	if (p.q && !utf8_valid(p.q, strlen(p.q), NULL))
		return err_field(h->e, "q", "is not valid UTF-8");
	query_int(h, "page", 1, &p.page);
	query_int(h, "per_page", 25, &p.per_page);
	query_id(h, "organisation", &p.organisation_id);
	if (h->e->nfields)
		return -1;
	return app_participant_list(h->ctx, &p, &h->out, h->e);
}

int h_participant_create(struct hctx *h)
{
	h->status = 201;
	return app_participant_create(h->ctx, h->body, &h->out, h->e);
}

int h_participant_get(struct hctx *h)
{
	return app_participant_get(h->ctx, h->id[0], &h->out, h->e);
}

int h_participant_update(struct hctx *h)
{
	return app_participant_update(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_link_list(struct hctx *h)
{
	return app_link_list(h->ctx, h->id[0], &h->out, h->e);
}

int h_link_add(struct hctx *h)
{
	h->status = 201;
	return app_link_add(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_link_end(struct hctx *h)
{
	return app_link_end(h->ctx, h->id[0], h->id[1], &h->out, h->e);
}

int h_consent_list(struct hctx *h)
{
	return app_consent_list(h->ctx, h->id[0], &h->out, h->e);
}

int h_consent_add(struct hctx *h)
{
	h->status = 201;
	return app_consent_add(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_consent_revoke(struct hctx *h)
{
	return app_consent_revoke(h->ctx, h->id[0], h->id[1], &h->out, h->e);
}

int h_log_list(struct hctx *h)
{
	int page, per_page;
	query_int(h, "page", 1, &page);
	query_int(h, "per_page", 25, &per_page);
	if (h->e->nfields)
		return -1;
	return app_log_list(h->ctx, h->id[0], page, per_page, &h->out, h->e);
}

static bool ct_is(const char *ct, const char *want)
{
	size_t n = strlen(want);
	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';');
}

int h_import_screening(struct hctx *h)
{
	enum import_format fmt;
	const char *f = query(h, "format"), *partial = query(h, "partial");

	if (f && strcmp(f, "csv") == 0)
		fmt = IMPORT_CSV;
	else if (f && strcmp(f, "jsonl") == 0)
		fmt = IMPORT_JSONL;
	else if (f && *f)
		return err_field(h->e, "format", "\"%.20s\" is not csv or jsonl", f);
	else if (ct_is(h->content_type, "text/csv"))
		fmt = IMPORT_CSV;
	else if (ct_is(h->content_type, "application/x-ndjson") || ct_is(h->content_type, "application/jsonl") ||
		 ct_is(h->content_type, "application/jsonlines"))
		fmt = IMPORT_JSONL;
	else
		return err_set(h->e, ERR_UNSUPPORTED,
			       "send the file as text/csv or application/x-ndjson, or name it with ?format=");
	bool is_partial = partial && (strcmp(partial, "1") == 0 || strcmp(partial, "true") == 0);
	if (partial && !is_partial && strcmp(partial, "0") != 0 && strcmp(partial, "false") != 0)
		return err_field(h->e, "partial", "\"%.20s\" is not 0 or 1", partial);
	json_t *report = NULL;
	int rc = app_import_screening(h->ctx, fmt, h->raw, h->raw_len, is_partial, NULL, NULL, &report, h->e);
	h->out = report; /* also sent with a refusal, as "report" */
	return rc;
}
