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
 *
 * The employer side (issue 4) is drawn here too: employers with their
 * contacts, the places they offer and the social work company's production
 * halls, as JSON objects with the members of the employer and placement
 * tables; app/demo_employers.c stores them and places people in them.
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
 * left out (about 10% have no bsn). About one adult in five has a driving
 * licence ("licences", derived from the index, not drawn), and some health
 * limits come with the neutral constraint "max_physical_load". Draws from r, so participants depend
 * on the order of calls. The caller owns the result (json_decref); NULL
 * only when jansson runs out of memory. */
json_t *demo_participant(struct demo_rng *r, long index, date_t today);

/* ---- the employer network ---- */

#define DEMO_EMPLOYERS_MAX 300

/* How many employers a demo of n participants has: about 30 at 200,
 * growing with the square root of n, never more than DEMO_EMPLOYERS_MAX. */
long demo_employer_count(long n);

/* A new JSON object for employer number `index` (0 <= index <
 * DEMO_EMPLOYERS_MAX): {"name","sector","street","postal_code","city",
 * "latitude","longitude","size_class","network_member","notes","contacts":
 * [{"name","job_title","phone","email"}]}, every value valid for the
 * employer use cases. Employer 0 is "Kwekerij De Groene Vallei" and 1
 * "Logistiek Poeldijk BV", the demo's employer organisations; names differ
 * for every index. Draws from r. The caller owns the result; NULL only
 * when jansson runs out of memory. */
json_t *demo_employer(struct demo_rng *r, long index);

/* The places employer `index` offers (`employer` is what demo_employer
 * gave for it): a new array of objects with the members of a placement
 * (docs/api.md) but organisation_id and supervisor: kind, title,
 * isco_code, sector, location, capacity, hours_per_week, day_parts (the
 * stored text: codes joined by commas), full_days, requirements and offers;
 * start_date and end_date around `today` for some. Hours always fit the
 * day-parts. Employer 0 offers one place of each kind the demo paths reach;
 * the first dozen employers go through every kind in turn. Draws from r. */
json_t *demo_offers(struct demo_rng *r, const json_t *employer, long index, date_t today);

/* How many production halls the social work company has in a demo of n
 * participants (4 at first, 10 at most), and hall number `index` as a new
 * placement object of kind internal_work_learning ("Productiehal 1 -
 * inpak", ...) whose capacity grows gently with n. No draws. */
long demo_hall_count(long n);
json_t *demo_hall(long index, long n);

#endif
