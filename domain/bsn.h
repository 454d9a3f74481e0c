/*
 * bsn.h - the Dutch citizen service number (burgerservicenummer): nine
 * digits that pass the 11-test (9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a
 * multiple of 11 and not zero).
 */
#ifndef MEEDOEN_BSN_H
#define MEEDOEN_BSN_H

#include <stdbool.h>

/* True when s is exactly nine digits passing the 11-test. */
bool bsn_valid(const char *s);

/* True when s is nine digits (whether or not it passes the 11-test). */
bool bsn_well_formed(const char *s);

#endif
