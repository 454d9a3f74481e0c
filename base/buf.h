/*
 * buf.h - the one string builder. Appends grow the buffer up to a size
 * limit; going past the limit sets a sticky `failed` flag instead of
 * writing, so a caller checks once at the end. The content is always
 * NUL-terminated.
 */
#ifndef MEEDOEN_BUF_H
#define MEEDOEN_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t limit; /* 0 = no limit */
	bool failed;
};

/* Start an empty builder that refuses to grow past `limit` bytes. */
void buf_init(struct buf *b, size_t limit);
/* Free the contents; the struct may be reused after buf_init. */
void buf_release(struct buf *b);
/* Forget the contents but keep the memory. */
void buf_reset(struct buf *b);

void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Hand the content to the caller (free with free()); the builder is left
 * empty. Returns NULL when the builder failed. */
char *buf_detach(struct buf *b, size_t *len);

/* Copy at most size-1 bytes of s into dst and NUL-terminate. */
void str_copy(char *dst, size_t size, const char *s);

#endif
