/*
 * h_timetable.h - the handlers of the language-class side of week
 * planning (h_timetable.c): day-part times, class groups, attendance,
 * the timetable and attendance imports, the capacity overview.
 */
#ifndef MEEDOEN_H_TIMETABLE_H
#define MEEDOEN_H_TIMETABLE_H

#include "http/request.h"

int h_day_part_times_get(struct hctx *h);
int h_day_part_times_put(struct hctx *h);
int h_class_group_list(struct hctx *h);
int h_class_group_create(struct hctx *h);
int h_class_group_get(struct hctx *h);
int h_class_group_update(struct hctx *h);
int h_class_group_exception_add(struct hctx *h);
int h_class_attendance_get(struct hctx *h);
int h_class_attendance_put(struct hctx *h);
int h_capacity(struct hctx *h);

#endif
