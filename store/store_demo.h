/*
 * store_demo.h - what `meedoen demo` reads back from the store after it
 * has drawn its population: the people its week plans are made for
 * (app/demo_plan.c). Only the demo uses it. Errors as in store.h.
 */
#ifndef MEEDOEN_STORE_DEMO_H
#define MEEDOEN_STORE_DEMO_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

/* The participants with an open work-learning phase or a language course
 * at organisation course_org, by id: *items is a new array of
 * {"id","cefr_speaking","integration_duty","exam_status","days","hours",
 * "course" (0/1),"phase_kind","phase_start","placement_id","placement_title",
 * "placement_location","placement_day_parts" (stored text),"full_days",
 * "capacity","organisation_type","agreed" (intake's planned_day_parts),
 * "coach_user_id","buddy" (0/1: a language buddy),"training_id"}
 * with null for what a person lacks; "training_id" is the first training
 * still to end after today the person is enrolled in. One query. */
int store_demo_plan_people(struct store *st, const char *today, int64_t course_org, json_t **items,
			   struct err *e);

#endif
