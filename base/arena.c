/*
 * arena.c - bump allocation over a chain of blocks. Large requests get a
 * block of their own so the common small case stays cheap.
 */
#include "arena.h"
#include "xmalloc.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 8192

struct block {
	struct block *next;
	size_t used;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct block *head;
	size_t total;
};

static struct block *block_new(size_t size)
{
	struct block *b = xmalloc(sizeof *b + size);
	b->next = NULL;
	b->used = 0;
	b->size = size;
	return b;
}

struct arena *arena_new(void)
{
	struct arena *a = xmalloc(sizeof *a);
	a->head = block_new(BLOCK_SIZE);
	a->total = 0;
	return a;
}

void arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	struct block *b = a->head;
	if (b->size - b->used < n) {
		if (n > BLOCK_SIZE / 4) {
			/* big: own block, linked after the head so the head keeps filling */
			struct block *big = block_new(n);
			big->next = b->next;
			b->next = big;
			big->used = n;
			a->total += n;
			memset(big->data, 0, n);
			return big->data;
		}
		b = block_new(BLOCK_SIZE);
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

size_t arena_used(const struct arena *a)
{
	return a->total;
}
