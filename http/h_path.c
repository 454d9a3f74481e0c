/*
 * h_path.c - routes of the path: phases, intake, ladder, journal,
 * hand-over, sheltered work and signals. Each only translates to app/.
 */
#include "http/request.h"
#include "app/path.h"

int h_phase_list(struct hctx *h)
{
	return app_phase_list(h->ctx, h->id[0], &h->out, h->e);
}

int h_phase_add(struct hctx *h)
{
	h->status = 201;
	return app_phase_add(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_phase_update(struct hctx *h)
{
	return app_phase_update(h->ctx, h->id[0], h->id[1], h->body, &h->out, h->e);
}

int h_intake_get(struct hctx *h)
{
	return app_intake_get(h->ctx, h->id[0], &h->out, h->e);
}

int h_intake_record(struct hctx *h)
{
	h->status = 201;
	return app_intake_record(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_ladder_list(struct hctx *h)
{
	return app_ladder_list(h->ctx, h->id[0], &h->out, h->e);
}

int h_ladder_add(struct hctx *h)
{
	h->status = 201;
	return app_ladder_add(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_journal_list(struct hctx *h)
{
	return app_journal_list(h->ctx, h->id[0], &h->out, h->e);
}

int h_journal_add(struct hctx *h)
{
	h->status = 201;
	return app_journal_add(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_handover_get(struct hctx *h)
{
	return app_handover_get(h->ctx, h->id[0], &h->out, h->e);
}

int h_handover_update(struct hctx *h)
{
	return app_handover_update(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_sheltered_get(struct hctx *h)
{
	return app_sheltered_get(h->ctx, h->id[0], &h->out, h->e);
}

int h_sheltered_put(struct hctx *h)
{
	return app_sheltered_put(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_sheltered_board(struct hctx *h)
{
	return app_sheltered_board(h->ctx, &h->out, h->e);
}

int h_signals(struct hctx *h)
{
	int limit;
	if (query_int(h, "limit", 100, &limit) != 0)
		return -1;
	return app_signals(h->ctx, limit, &h->out, h->e);
}

int h_signals_summary(struct hctx *h)
{
	return app_signals_summary(h->ctx, &h->out, h->e);
}
