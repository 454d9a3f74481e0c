/*
 * h_admin.c - organisations and users.
 */
#include "http/request.h"

int h_org_list(struct hctx *h)
{
	return app_org_list(h->ctx, &h->out, h->e);
}

int h_org_add(struct hctx *h)
{
	h->status = 201;
	return app_org_add(h->ctx, h->body, &h->out, h->e);
}

int h_user_list(struct hctx *h)
{
	return app_user_list(h->ctx, &h->out, h->e);
}

int h_user_add(struct hctx *h)
{
	h->status = 201;
	return app_user_add(h->ctx, h->body, &h->out, h->e);
}

int h_user_update(struct hctx *h)
{
	return app_user_update(h->ctx, h->id[0], h->body, &h->out, h->e);
}
