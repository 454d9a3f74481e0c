/*
 * arena.h - a region allocator: one per request or command. Everything
 * taken from it is freed at once by arena_free(), so request handlers never
 * free piece by piece.
 */
#ifndef MEEDOEN_ARENA_H
#define MEEDOEN_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
/* Free the arena and everything allocated from it. NULL is allowed. */
void arena_free(struct arena *a);
/* Zeroed memory, aligned for any type; aborts on out-of-memory. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Bytes handed out so far (for tests and benchmarks). */
size_t arena_used(const struct arena *a);

#endif
