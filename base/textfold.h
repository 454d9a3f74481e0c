/*
 * textfold.h - fold text for searching: case-folded, accents removed
 * ("Özdemir" and "ozdemir" match, as do "Hélène" and "helene"). Uses ICU.
 */
#ifndef MEEDOEN_TEXTFOLD_H
#define MEEDOEN_TEXTFOLD_H

#include "buf.h"

/* Append the folded form of UTF-8 `s` to out. Returns 0, or -1 when s is
 * not valid UTF-8 (out then holds a plain copy). */
int textfold(const char *s, struct buf *out);

#endif
