/*
 * xmalloc.c - allocation that cannot return NULL. Out of memory is treated
 * as a broken invariant: we print one line and abort.
 */
#include "xmalloc.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Atomic long fail_countdown = -1;

void xmalloc_fail_after(long n)
{
	atomic_store(&fail_countdown, n);
}

static void *check(void *p, size_t n)
{
	if (atomic_load(&fail_countdown) >= 0 && atomic_fetch_sub(&fail_countdown, 1) == 0) {
		free(p);
		p = NULL;
	}
	if (p == NULL && n != 0) {
		fprintf(stderr, "meedoen: out of memory (%zu bytes)\n", n);
		abort();
	}
	return p;
}

void *xmalloc(size_t n)
{
	return check(malloc(n ? n : 1), n ? n : 1);
}

void *xcalloc(size_t count, size_t size)
{
	if (count == 0 || size == 0)
		count = size = 1;
	return check(calloc(count, size), count * size);
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL) {
		fprintf(stderr, "meedoen: out of memory (%zu bytes)\n", n);
		abort();
	}
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}
