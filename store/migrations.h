/*
 * migrations.h - the numbered schema migrations embedded from
 * store/migrations/NNN_name.sql at build time.
 */
#ifndef MEEDOEN_MIGRATIONS_H
#define MEEDOEN_MIGRATIONS_H

struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration migrations[];
extern const int migration_count;

#endif
