/*
 * logchain.h - the processing log's rules that need no database: the hash
 * chain that makes the log tamper-evident, its verification, the mapping of
 * the program's outcome words to the Logboek Dataverwerkingen status, and
 * the W3C traceparent header.
 *
 * The chain (docs/processing-log.md): every connection that writes the log
 * opens a segment, numbered 1, 2, ... in the order segments first write,
 * and numbers its entries 1, 2, ... (seq). An entry's hash is BLAKE2b-256
 * over a version tag, the previous entry's hash in the segment (32 zero
 * bytes for seq 1), segment, seq and every field of the entry, each field
 * length-prefixed so no two entries hash alike by moving bytes between
 * fields. store/ computes it when appending and walks the table for the
 * verifier below; this file decides.
 */
#ifndef MEEDOEN_LOGCHAIN_H
#define MEEDOEN_LOGCHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LOGCHAIN_HASH_LEN 32
#define LOGCHAIN_HEX_LEN 65 /* 64 hex digits and NUL */

/* The fields an entry's hash covers, in hash order. Integers as decimal
 * text; NULL for an absent value (SQL NULL), which hashes unlike "". */
enum logchain_field {
	LF_TRACE_ID,
	LF_SPAN_ID,
	LF_PARENT_SPAN_ID,
	LF_ACTION,
	LF_ACTIVITY,
	LF_STARTED_AT,
	LF_ENDED_AT,
	LF_STATUS,
	LF_LDV_STATUS,
	LF_SUBJECT,
	LF_SUBJECT_TYPE,
	LF_ACTOR_USER_ID,
	LF_ACTOR_NAME,
	LF_ORGANISATION_ID,
	LF_ROLE,
	LF_PURPOSE,
	LF_COUNT
};

/* The hash of the entry at (segment, seq) with the given fields, following
 * prev (the previous entry's hash; for seq 1 all zeros). */
void logchain_hash(const unsigned char prev[LOGCHAIN_HASH_LEN], int64_t segment, int64_t seq,
		   const char *const fields[LF_COUNT], unsigned char out[LOGCHAIN_HASH_LEN]);

/* The LDV status ("Unset", "Ok", "Error") for the program's outcome word:
 * "refused", "error", "failed", "denied" are Error; NULL or "" Unset; any
 * other word ("ok", "confirmed", "enrolled", ...) Ok. */
const char *logchain_ldv_status(const char *status);

/* Parse a W3C traceparent header, version 00 only, strictly:
 * "00-" 32 lowercase hex (not all zero) "-" 16 lowercase hex (not all
 * zero) "-" 2 lowercase hex, nothing more. 0 with trace and parent filled,
 * or -1 (and nothing filled) for anything else. */
int logchain_traceparent(const char *header, char trace[33], char parent[17]);

/* ---- verification ---- */

/* One stored entry as the verifier sees it. segment 0 is an entry outside
 * the chain (NULL segment: written before the chain existed, or forged). */
struct logchain_row {
	int64_t id;
	int64_t segment;
	int64_t seq;
	const char *hash; /* stored hash, hex */
	const char *fields[LF_COUNT];
};

/* A place where the chain is broken: the first in its segment. */
struct logchain_break {
	int64_t segment;
	int64_t seq;
	int64_t id;
	char what[200];
};

/* The last entry of a segment: what an operator records to anchor it. */
struct logchain_head {
	int64_t segment;
	int64_t seq;
	int64_t id;
	char hash[LOGCHAIN_HEX_LEN];
};

/* A head recorded earlier that must still be in the log. */
struct logchain_anchor {
	int64_t segment;
	int64_t seq;
	char hash[LOGCHAIN_HEX_LEN];
	bool seen;
};

struct logchain_segment; /* per-segment walking state */

struct logchain_verify {
	struct logchain_segment *segs; /* index segment - 1 */
	size_t nsegs, capsegs;
	int64_t rows;     /* entries seen */
	int64_t legacy;   /* entries before the chain, not covered */
	int64_t chained_from; /* id of the first chained entry, 0 before one */
	struct logchain_break *breaks;
	size_t nbreaks, capbreaks;
	int64_t *stray; /* segments seen out of turn, reported once each */
	size_t nstray, capstray;
	struct logchain_anchor *anchors; /* borrowed, may be NULL */
	size_t nanchors;
};

/* Start a walk; anchors (may be NULL) are checked as the walk passes them
 * and must outlive it. */
void logchain_verify_init(struct logchain_verify *v, struct logchain_anchor *anchors, size_t nanchors);
/* Feed the entries in id order, every one of them. */
void logchain_verify_row(struct logchain_verify *v, const struct logchain_row *r);
/* After the last row: anchors never passed become breaks. */
void logchain_verify_finish(struct logchain_verify *v);
/* Number of segments and the head of segment k (1-based). */
size_t logchain_verify_segments(const struct logchain_verify *v);
void logchain_verify_head(const struct logchain_verify *v, size_t k, struct logchain_head *out);
void logchain_verify_release(struct logchain_verify *v);

/* Parse one anchor line "head SEGMENT SEQ HASH" (as `meedoen log verify`
 * prints them). 0 on success, 1 for a line that is not a head line (to be
 * skipped), -1 for a malformed head line. */
int logchain_anchor_parse(const char *line, struct logchain_anchor *out);

#endif
