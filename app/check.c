/*
 * check.c - `meedoen check`: the operator's health check of a database
 * file. SQLite's own integrity and foreign-key checks need meedoen's "nl"
 * collation loaded (plain `sqlite3 meedoen.db 'PRAGMA integrity_check'`
 * stops at "no such collation sequence: nl"), so they run here on a
 * connection the store configured. It also checks that the database and
 * the WAL and shared-memory files beside it are readable by their owner
 * only, and how the schema compares with this program's.
 *
 * It opens the file itself and neither migrates it nor needs the keys or a
 * user: whoever can run it already holds the file. It reads no personal
 * data, so it writes no processing-log entry.
 */
#include "app/app.h"
#include "base/buf.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* A problem for each of the database's files that others than its owner
 * may read or write. */
static void check_modes(const char *path, json_t *problems)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char file[4096];
		struct stat sb;
		if (snprintf(file, sizeof file, "%s%s", path, suffixes[i]) >= (int)sizeof file)
			return;
		if (stat(file, &sb) != 0)
			continue;
		unsigned mode = (unsigned)sb.st_mode & 0777;
		if (mode & 077)
			json_array_append_new(problems,
					      json_sprintf("file mode: \"%s\" is mode %04o, so others than its owner "
							   "can read it; run chmod 600 on it",
							   file, mode));
	}
}

int app_check(const char *path, json_t **report, struct err *e)
{
	struct store *st = NULL;
	struct stat sb;
	json_t *problems = NULL;
	int version = 0, latest = store_schema_latest();

	if (stat(path, &sb) != 0)
		return err_set(e, ERR_NOT_FOUND, "no database at \"%s\": %s", path, strerror(errno));
	if (store_open(path, &st, e) != 0)
		return -1;
	if (store_schema_version(st, &version, e) != 0 || store_check(st, &problems, e) != 0) {
		store_close(st);
		return -1;
	}
	store_close(st);
	check_modes(path, problems);
	if (version > latest)
		json_array_append_new(problems, json_sprintf("schema: the database is at version %d, newer than "
							     "this program (%d): use the newer program",
							     version, latest));
	*report = json_pack("{s:s,s:i,s:i,s:i,s:b,s:o}", "database", path, "schema_version", version,
			    "schema_latest", latest, "pending_migrations", version < latest ? latest - version : 0,
			    "ok", json_array_size(problems) == 0, "problems", problems);
	return 0;
}
