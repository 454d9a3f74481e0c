/*
 * sqlite_internal.h - what the SQLite store files share: the connection
 * struct, the prepared-statement cache and small binding helpers. Not for
 * use outside store/.
 */
#ifndef MEEDOEN_SQLITE_INTERNAL_H
#define MEEDOEN_SQLITE_INTERNAL_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "base/buf.h"
#include "store/store.h"

#define STMT_CACHE_SIZE 256 /* more than the static statements in store/ (about 75 before week planning) */
#define DYNAMIC_CACHE_SIZE 32

struct store {
	sqlite3 *db;
	struct {
		const char *sql; /* key: the address of a static SQL string */
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE_SIZE];
	int ncached;
	struct {
		char *text; /* key: the SQL text of a statement built at run time */
		sqlite3_stmt *stmt;
	} dynamic[DYNAMIC_CACHE_SIZE];
	int next_dynamic; /* round-robin victim */
	int depth;        /* open transactions (0 or 1) */
	pthread_mutex_t *write_lock; /* shared by the connections of a server, or NULL */
	bool holding;     /* this connection holds write_lock */
	/* this connection's segment of the processing log's hash chain
	 * (store_log.c); segment 0: none open yet */
	struct {
		int64_t segment;
		int64_t seq;
		unsigned char hash[32];
		bool uncertain; /* a rollback since the last append: is its entry still there? */
		bool hooked;    /* rollback hook installed */
	} log_chain;
};

/* A reset, unbound statement for static SQL `sql`, prepared once per
 * connection. NULL with e filled on error. Do not finalize it. */
sqlite3_stmt *stmt_get(struct store *st, const char *sql, struct err *e);

/* A reset, unbound statement for SQL built at run time, cached by its text
 * (least recently prepared out first). Do not finalize it. */
sqlite3_stmt *stmt_get_text(struct store *st, const char *sql, struct err *e);

/* The WHERE clause (" WHERE ...") choosing the participants (alias p) a
 * query may see, and its bindings: ?1 today, ?2 user, ?3 user's
 * organisation, ?4 name pattern, ?5 organisation filter, ?6/?7 arrival. */
void participant_scope_where(const struct participant_query *q, struct buf *b);
void participant_scope_bind(sqlite3_stmt *s, const struct participant_query *q, const char *pattern);

/* Fill e from the connection's last error; ERR_CONFLICT for unique keys. */
int db_error(struct store *st, struct err *e, const char *what);

/* Bind helpers: NULL text binds SQL NULL. */
void bind_text(sqlite3_stmt *s, int i, const char *v);
void bind_int(sqlite3_stmt *s, int i, int64_t v);
/* Bind a JSON scalar: null or absent -> NULL, string, integer, boolean. */
void bind_json(sqlite3_stmt *s, int i, const json_t *v);
/* A JSON object of the row's columns, named by their result-column names. */
json_t *row_object(sqlite3_stmt *s);
/* Column as C string, "" for NULL. */
const char *col_text(sqlite3_stmt *s, int i);
/* Column as JSON: string, integer or null. */
json_t *col_json(sqlite3_stmt *s, int i);
/* Copy column text into a fixed buffer. */
void col_copy(sqlite3_stmt *s, int i, char *dst, size_t size);

/* One JSON value per result row. */
typedef json_t *(*row_fn)(sqlite3_stmt *s);

/* Step s to the end; *items is a new array of row(s) per row. */
int stmt_rows(struct store *st, sqlite3_stmt *s, row_fn row, json_t **items, struct err *e, const char *what);
/* Same, wrapped as {"items":[...]}. */
int stmt_items(struct store *st, sqlite3_stmt *s, row_fn row, json_t **out, struct err *e, const char *what);
/* Step once: 0 with *out set, 1 when there is no row, -1 on error. */
int stmt_one(struct store *st, sqlite3_stmt *s, row_fn row, json_t **out, struct err *e, const char *what);

/* Insert obj's members named by the NULL-terminated cols (absent members
 * take the column's default) into table, plus now in now_col when now_col is not NULL; *id
 * (if not NULL) is the new rowid. Names are constants of the caller. */
int store_row_insert(struct store *st, const char *table, const char *const *cols, const json_t *obj,
		     const char *now_col, const char *now, int64_t *id, struct err *e);
/* Update the members of obj named by cols (absent members stay as they
 * are) in the row whose key_col is key; ERR_NOT_FOUND when there is none. */
int store_row_update(struct store *st, const char *table, const char *const *cols, const json_t *obj,
		     const char *key_col, int64_t key, const char *now_col, const char *now, struct err *e);

/* Run a statement to completion that returns no rows. */
int stmt_exec(struct store *st, sqlite3_stmt *s, struct err *e, const char *what);

#endif
