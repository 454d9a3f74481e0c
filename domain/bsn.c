/*
 * bsn.c - the 11-test for citizen service numbers.
 */
#include "bsn.h"

#include <string.h>

bool bsn_well_formed(const char *s)
{
	if (s == NULL || strlen(s) != 9)
		return false;
	for (int i = 0; i < 9; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool bsn_valid(const char *s)
{
	if (!bsn_well_formed(s))
		return false;
	int sum = 0;
	for (int i = 0; i < 8; i++)
		sum += (9 - i) * (s[i] - '0');
	sum -= s[8] - '0';
	return sum != 0 && sum % 11 == 0;
}
