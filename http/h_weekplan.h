/*
 * h_weekplan.h - the handlers of a participant's week plan, class
 * enrolments, the matching queries (h_weekplan.c) and the calendars
 * (h_calendar.c).
 */
#ifndef MEEDOEN_H_WEEKPLAN_H
#define MEEDOEN_H_WEEKPLAN_H

#include "http/request.h"

int h_week_plan_get(struct hctx *h);
int h_week_plan_entry_add(struct hctx *h);
int h_week_plan_entry_update(struct hctx *h);
int h_week_plan_entry_remove(struct hctx *h);
int h_week_plan_entry_exception(struct hctx *h);
int h_week_plan_exception_add(struct hctx *h);
int h_week_plan_exception_remove(struct hctx *h);
int h_class_enrol(struct hctx *h);
int h_class_enrolment_update(struct hctx *h);
int h_week_plan_free(struct hctx *h);
int h_fitting_placements(struct hctx *h);

int h_week_plan_ics(struct hctx *h);
int h_coach_ics(struct hctx *h);
int h_calendar_token_create(struct hctx *h);
int h_calendar_token_list(struct hctx *h);
int h_calendar_token_revoke(struct hctx *h);
int h_calendar_by_token(struct hctx *h);

#endif
