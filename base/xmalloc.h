/*
 * xmalloc.h - the one allocation wrapper. Every heap allocation in meedoen
 * goes through these; they abort on out-of-memory (an invariant, not a user
 * error). Tests can make the Nth allocation fail with xmalloc_fail_after()
 * to prove that failure paths release what they took.
 */
#ifndef MEEDOEN_XMALLOC_H
#define MEEDOEN_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Make the allocation after `n` more succeed... abort (n >= 0), or disarm
 * (n < 0). For tests only. */
void xmalloc_fail_after(long n);

#endif
