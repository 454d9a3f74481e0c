/*
 * ladder.c - the rungs of the participation ladder.
 */
#include "ladder.h"

#include <stddef.h>

static const char *const rungs[LADDER_MAX + 1] = {
	NULL,
	"geïsoleerd",
	"sociale contacten buitenshuis",
	"deelname georganiseerde activiteiten",
	"onbetaald werk",
	"betaald werk met ondersteuning",
	"betaald werk",
};

const char *ladder_label(long level)
{
	return level >= LADDER_MIN && level <= LADDER_MAX ? rungs[level] : NULL;
}
