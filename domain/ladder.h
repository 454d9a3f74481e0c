/*
 * ladder.h - the participation ladder (participatieladder): six rungs
 * from isolated to paid work. Positions are recorded with a date; the
 * current one is the latest, derived, never stored twice.
 */
#ifndef MEEDOEN_LADDER_H
#define MEEDOEN_LADDER_H

#define LADDER_MIN 1
#define LADDER_MAX 6

/* Dutch label of rung level (1..6), or NULL outside the ladder. */
const char *ladder_label(long level);

#endif
