/*
 * logchain.c - the processing log's hash chain, its verification, LDV
 * status words and the traceparent header (see logchain.h).
 */
#include "logchain.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char chain_tag[] = "meedoen processing log v1";

static void put_u64(crypto_generichash_state *h, uint64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	crypto_generichash_update(h, b, sizeof b);
}

static void put_field(crypto_generichash_state *h, const char *s)
{
	unsigned char b[4];
	uint32_t n = s ? (uint32_t)strlen(s) : UINT32_MAX;
	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(n >> (8 * i));
	crypto_generichash_update(h, b, sizeof b);
	if (s)
		crypto_generichash_update(h, (const unsigned char *)s, n);
}

void logchain_hash(const unsigned char prev[LOGCHAIN_HASH_LEN], int64_t segment, int64_t seq,
		   const char *const fields[LF_COUNT], unsigned char out[LOGCHAIN_HASH_LEN])
{
	crypto_generichash_state h;

	crypto_generichash_init(&h, NULL, 0, LOGCHAIN_HASH_LEN);
	crypto_generichash_update(&h, (const unsigned char *)chain_tag, sizeof chain_tag);
	crypto_generichash_update(&h, prev, LOGCHAIN_HASH_LEN);
	put_u64(&h, (uint64_t)segment);
	put_u64(&h, (uint64_t)seq);
	for (int i = 0; i < LF_COUNT; i++)
		put_field(&h, fields[i]);
	crypto_generichash_final(&h, out, LOGCHAIN_HASH_LEN);
}

/* ---- LDV status ---- */

static const char *const error_words[] = { "refused", "error", "failed", "denied", "forbidden" };

const char *logchain_ldv_status(const char *status)
{
	if (status == NULL || *status == '\0')
		return "Unset";
	for (size_t i = 0; i < sizeof error_words / sizeof error_words[0]; i++)
		if (strcmp(status, error_words[i]) == 0)
			return "Error";
	return "Ok";
}

/* ---- traceparent ---- */

/* n lowercase hex digits at s, not all zero when nonzero is set */
static bool hex_run(const char *s, size_t n, bool nonzero)
{
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
		any = any || s[i] != '0';
	}
	return any || !nonzero;
}

int logchain_traceparent(const char *header, char trace[33], char parent[17])
{
	/* 00-<32>-<16>-<2>: 2 + 1 + 32 + 1 + 16 + 1 + 2 = 55 */
	if (header == NULL || strlen(header) != 55)
		return -1;
	if (header[0] != '0' || header[1] != '0' || header[2] != '-' || header[35] != '-' || header[52] != '-')
		return -1;
	if (!hex_run(header + 3, 32, true) || !hex_run(header + 36, 16, true) || !hex_run(header + 53, 2, false))
		return -1;
	memcpy(trace, header + 3, 32);
	trace[32] = '\0';
	memcpy(parent, header + 36, 16);
	parent[16] = '\0';
	return 0;
}

/* ---- verification ---- */

struct logchain_segment {
	int64_t seq;     /* last seq seen */
	int64_t id;      /* its row id */
	unsigned char hash[LOGCHAIN_HASH_LEN]; /* its hash as recomputed */
	char stored[LOGCHAIN_HEX_LEN];          /* its hash as stored */
	bool broken;
};

void logchain_verify_init(struct logchain_verify *v, struct logchain_anchor *anchors, size_t nanchors)
{
	memset(v, 0, sizeof *v);
	v->anchors = anchors;
	v->nanchors = nanchors;
}

static void add_break(struct logchain_verify *v, int64_t segment, int64_t seq, int64_t id, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void add_break(struct logchain_verify *v, int64_t segment, int64_t seq, int64_t id, const char *fmt, ...)
{
	va_list ap;

	if (v->nbreaks == v->capbreaks) {
		v->capbreaks = v->capbreaks ? 2 * v->capbreaks : 8;
		v->breaks = xrealloc(v->breaks, v->capbreaks * sizeof *v->breaks);
	}
	struct logchain_break *b = &v->breaks[v->nbreaks++];
	b->segment = segment;
	b->seq = seq;
	b->id = id;
	va_start(ap, fmt);
	vsnprintf(b->what, sizeof b->what, fmt, ap);
	va_end(ap);
}

static void check_anchor(struct logchain_verify *v, const struct logchain_row *r)
{
	for (size_t i = 0; i < v->nanchors; i++) {
		struct logchain_anchor *a = &v->anchors[i];
		if (a->segment != r->segment || a->seq != r->seq)
			continue;
		a->seen = true;
		if (strcmp(a->hash, r->hash ? r->hash : "") != 0)
			add_break(v, r->segment, r->seq, r->id,
				  "the anchored hash %.16s... is now %.16s...: the log up to here was rewritten", a->hash,
				  r->hash ? r->hash : "(none)");
	}
}

void logchain_verify_row(struct logchain_verify *v, const struct logchain_row *r)
{
	v->rows++;
	if (r->segment <= 0) {
		if (v->chained_from == 0) {
			v->legacy++;
			return;
		}
		add_break(v, 0, r->seq, r->id, "entry outside the chain after the chain began (inserted entry)");
		return;
	}
	if (v->chained_from == 0)
		v->chained_from = r->id;
	if ((uint64_t)r->segment > v->nsegs + 1) {
		for (size_t i = 0; i < v->nstray; i++)
			if (v->stray[i] == r->segment)
				return;
		if (v->nstray == v->capstray) {
			v->capstray = v->capstray ? 2 * v->capstray : 8;
			v->stray = xrealloc(v->stray, v->capstray * sizeof *v->stray);
		}
		v->stray[v->nstray++] = r->segment;
		add_break(v, r->segment, r->seq, r->id,
			  "segment %lld appears before segment %zu (inserted entry, or a segment deleted)",
			  (long long)r->segment, v->nsegs + 1);
		return;
	}
	if ((size_t)r->segment == v->nsegs + 1) {
		if (v->nsegs == v->capsegs) {
			v->capsegs = v->capsegs ? 2 * v->capsegs : 16;
			v->segs = xrealloc(v->segs, v->capsegs * sizeof *v->segs);
		}
		memset(&v->segs[v->nsegs++], 0, sizeof *v->segs);
	}
	struct logchain_segment *s = &v->segs[r->segment - 1];
	check_anchor(v, r);
	if (s->broken)
		return;
	if (r->seq != s->seq + 1) {
		s->broken = true;
		if (r->seq > s->seq + 1)
			add_break(v, r->segment, r->seq, r->id,
				  "expected seq %lld, found %lld: an entry was deleted or entries were reordered",
				  (long long)(s->seq + 1), (long long)r->seq);
		else
			add_break(v, r->segment, r->seq, r->id,
				  "expected seq %lld, found %lld: an entry was inserted or entries were reordered",
				  (long long)(s->seq + 1), (long long)r->seq);
		return;
	}
	unsigned char h[LOGCHAIN_HASH_LEN];
	char hex[LOGCHAIN_HEX_LEN];
	logchain_hash(s->hash, r->segment, r->seq, r->fields, h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	if (r->hash == NULL || strcmp(hex, r->hash) != 0) {
		s->broken = true;
		add_break(v, r->segment, r->seq, r->id,
			  "hash does not match: this entry was edited, or one before it in the segment");
		return;
	}
	s->seq = r->seq;
	s->id = r->id;
	memcpy(s->hash, h, sizeof h);
	str_copy(s->stored, sizeof s->stored, hex);
}

void logchain_verify_finish(struct logchain_verify *v)
{
	for (size_t i = 0; i < v->nanchors; i++) {
		const struct logchain_anchor *a = &v->anchors[i];
		if (!a->seen)
			add_break(v, a->segment, a->seq, 0,
				  "the anchored entry is gone: the segment was cut short or deleted");
	}
}

size_t logchain_verify_segments(const struct logchain_verify *v)
{
	return v->nsegs;
}

void logchain_verify_head(const struct logchain_verify *v, size_t k, struct logchain_head *out)
{
	const struct logchain_segment *s = &v->segs[k - 1];
	out->segment = (int64_t)k;
	out->seq = s->seq;
	out->id = s->id;
	str_copy(out->hash, sizeof out->hash, s->stored);
}

void logchain_verify_release(struct logchain_verify *v)
{
	free(v->segs);
	free(v->breaks);
	free(v->stray);
	v->segs = NULL;
	v->breaks = NULL;
	v->stray = NULL;
	v->nsegs = v->capsegs = v->nbreaks = v->capbreaks = v->nstray = v->capstray = 0;
}

int logchain_anchor_parse(const char *line, struct logchain_anchor *out)
{
	long long seg, seq;
	char hash[LOGCHAIN_HEX_LEN + 1];
	int used = 0;

	if (strncmp(line, "head ", 5) != 0)
		return 1;
	if (sscanf(line + 5, "%lld %lld %65s%n", &seg, &seq, hash, &used) != 3 || seg < 1 || seq < 1 ||
	    strlen(hash) != 64 || !hex_run(hash, 64, false))
		return -1;
	for (const char *p = line + 5 + used; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			return -1;
	memset(out, 0, sizeof *out);
	out->segment = seg;
	out->seq = seq;
	str_copy(out->hash, sizeof out->hash, hash);
	return 0;
}
