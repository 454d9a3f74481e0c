/*
 * h_weekcard.c - the week card over HTTP: the card's content as JSON (for
 * web/weekcard.html) and the same card as a one-page A4 PDF, shown in the
 * browser. Access, logging and the choice of language are app_week_card_get's.
 */
#include "http/h_weekcard.h"
#include "app/weekcard.h"

#include <stdio.h>
#include <stdlib.h>

/* The card's week (any day of it; 0 for this week) and language (NULL for
 * the participant's own) from the query. */
static int card_params(struct hctx *h, date_t *week, const char **lang)
{
	const char *v = query_text(h, "week");
	*week = 0;
	*lang = query_text(h, "lang");
	if (v && date_parse(v, week) != 0)
		return err_field(h->e, "week", "\"%.20s\" is not a date such as \"2025-03-10\"", v);
	return 0;
}

int h_week_card_get(struct hctx *h)
{
	date_t week;
	const char *lang;
	if (card_params(h, &week, &lang) != 0)
		return -1;
	return app_week_card_get(h->ctx, h->id[0], week, lang, &h->out, h->e);
}

int h_week_card_pdf(struct hctx *h)
{
	date_t week;
	const char *lang;
	json_t *card = NULL;
	char *pdf = NULL;
	size_t len = 0;

	if (card_params(h, &week, &lang) != 0 || app_week_card_get(h->ctx, h->id[0], week, lang, &card, h->e) != 0)
		return -1;
	int rc = weekcard_pdf(card, &pdf, &len, h->e);
	json_decref(card);
	if (rc != 0)
		return -1;
	/* inline: the browser shows the card; saving it offers this name */
	snprintf(h->filename, sizeof h->filename, "weekkaart-%lld.pdf", (long long)h->id[0]);
	h->inline_body = true;
	h->raw_out = pdf;
	h->raw_out_len = len;
	h->raw_type = "application/pdf";
	return 0;
}
