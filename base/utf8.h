/*
 * utf8.h - UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing
 * above U+10FFFF) for input that does not pass through the JSON parser,
 * such as CSV files.
 */
#ifndef MEEDOEN_UTF8_H
#define MEEDOEN_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is valid UTF-8. On false, *bad_offset (if not NULL)
 * is the offset of the first invalid byte. */
bool utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s);

#endif
