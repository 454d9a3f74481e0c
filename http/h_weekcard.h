/*
 * h_weekcard.h - the handlers of the participant's week card
 * (h_weekcard.c): its content as JSON and the same as a PDF.
 */
#ifndef MEEDOEN_H_WEEKCARD_H
#define MEEDOEN_H_WEEKCARD_H

#include "http/request.h"

/* GET /api/participants/:id/week-card?week=&lang= */
int h_week_card_get(struct hctx *h);
/* GET /api/participants/:id/week-card.pdf?week=&lang= */
int h_week_card_pdf(struct hctx *h);

#endif
