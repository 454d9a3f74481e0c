/*
 * demo.h - a synthetic but plausible population of refugees with a
 * residence permit (statushouders) as a Westland-like municipality would
 * register them, for `meedoen demo`, benchmarks and tests.
 *
 * Everything here is pure and deterministic: a small seeded random number
 * generator (splitmix64) drives table-based draws of origin, names, ages,
 * household, education, work history, civic-integration progress, contact
 * details and benefit. The same seed and the same sequence of calls give
 * byte-identical participants on every machine. No clock, no I/O, no
 * mutable globals: the caller passes "today" and owns the generator.
 *
 * Identifiers are derived from the participant's index, not drawn, so they
 * are unique by construction: the BSN for 0 <= index < DEMO_INDEX_LIMIT and
 * the reception-centre id ("COA-" + 8 digits) for 0 <= index < 90,000,000.
 * E-mail addresses use the reserved example.org/.com/.net domains.
 */
#ifndef MEEDOEN_DEMO_H
#define MEEDOEN_DEMO_H

#include <jansson.h>
#include <stdint.h>

#include "date.h"

struct demo_rng {
	uint64_t state;
};

/* Indexes below this get distinct BSNs from demo_bsn(). */
#define DEMO_INDEX_LIMIT 9000000L

#define DEMO_BSN_LEN 10         /* nine digits plus NUL */
#define DEMO_EXTERNAL_ID_LEN 13 /* "COA-" + eight digits plus NUL */

/* Seed the generator; every seed (0 too) gives a usable stream. */
void demo_rng_init(struct demo_rng *r, uint64_t seed);

/* The next 64 random bits (splitmix64). */
uint64_t demo_rng_next(struct demo_rng *r);

/* A uniform number in [0, n) without modulo bias (Lemire's method with
 * rejection). Returns 0 when n is 0 or 1. */
uint32_t demo_rng_below(struct demo_rng *r, uint32_t n);

/* Write the nine-digit BSN of participant `index` into out. It passes the
 * 11-test, never starts with 0, and differs for every index in
 * [0, DEMO_INDEX_LIMIT); indexes outside that range wrap around. */
void demo_bsn(long index, char out[DEMO_BSN_LEN]);

/* Write the reception-centre id of participant `index`, "COA-" and eight
 * digits, into out; distinct for every index in [0, 90,000,000). */
void demo_external_id(long index, char out[DEMO_EXTERNAL_ID_LEN]);

/* A new JSON object for participant number `index` holding the fields of
 * docs/api.md except id, created_at and updated_at, every one valid by the
 * rules there (ISCED levels as integers 0..8).
 * Arrival dates fall in the two years up to `today`; no date lies after
 * `today` except integration_deadline. Optional fields without a value are
 * left out (about 10% have no bsn). Draws from r, so participants depend
 * on the order of calls. The caller owns the result (json_decref); NULL
 * only when jansson runs out of memory. */
json_t *demo_participant(struct demo_rng *r, long index, date_t today);

#endif
