/*
 * keyring.h - the keys that protect personal data at rest, kept outside
 * the database: the data keys by id (one current, older ones while a
 * rotation is under way), the BLAKE2b key for the BSN lookup hash, and the
 * processing log's pseudonym key.
 *
 * They come from, in this order: --key-file or $MEEDOEN_KEY_FILE; a
 * systemd credential $CREDENTIALS_DIRECTORY/meedoen.key; a master key in
 * $MEEDOEN_KEY (64 hex digits or base64 of 32 bytes; the keys are derived
 * from it and cannot be rotated); else the file beside the database
 * (meedoen.db -> meedoen.key). A key file is text, mode 0600:
 *
 *     version 1
 *     data 1 <64 hex digits>
 *     current 1
 *     lookup <64 hex digits>
 *     pseudonym <64 hex digits>
 *
 * Whether a missing file may be created, and how the database is brought
 * under the keys, is decided in app/app.c (app_init); this file only
 * reads, derives, generates and writes keys.
 */
#ifndef MEEDOEN_KEYRING_H
#define MEEDOEN_KEYRING_H

#include <stdbool.h>

#include "base/err.h"
#include "base/seal.h"

#define KEYRING_PATH_MAX 4096

enum keyring_source {
	KEYRING_NONE,      /* nothing configured: in-memory keys (unit tests, :memory:) */
	KEYRING_FILE,      /* a key file (or systemd credential) */
	KEYRING_MASTER,    /* derived from $MEEDOEN_KEY */
};

/* Where the keys come from, as chosen by keyring_locate(). */
struct keyring_where {
	enum keyring_source source;
	char path[KEYRING_PATH_MAX]; /* the key file */
	bool writable;               /* false for a systemd credential */
	const char *master;          /* $MEEDOEN_KEY, borrowed */
};

struct keyring {
	struct seal_keyset data;
	unsigned char lookup[SEAL_KEY_LEN];
	unsigned char pseudonym[SEAL_KEY_LEN];
};

/* Choose the key source for the database at db_path; explicit is the
 * --key-file value or NULL. Returns -1 when a path is too long. */
int keyring_locate(const char *db_path, const char *explicit_path, struct keyring_where *w, struct err *e);

/* Read the key file at path. ERR_NOT_FOUND when it does not exist; any
 * other problem (mode open to others, a bad line) names the file and line. */
int keyring_load(const char *path, struct keyring *k, struct err *e);

/* Derive the keys from a master key given as text (hex or base64). */
int keyring_from_master(const char *text, struct keyring *k, struct err *e);

/* Fresh random keys: data key 1 (current), lookup and pseudonym. */
void keyring_generate(struct keyring *k);

/* Add a new random data key and make it current; -1 when the set is full. */
int keyring_add_data_key(struct keyring *k, struct err *e);

/* Drop every data key but the current one. */
void keyring_prune(struct keyring *k);

/* Write k to path atomically: a temporary file beside it created mode
 * 0600, written, fsync'ed, renamed over path, and the folder fsync'ed. */
int keyring_write(const struct keyring *k, const char *path, struct err *e);

/* The same for a new key file: ERR_CONFLICT when path exists by then
 * (another process created it first), never replacing it. */
int keyring_create(const struct keyring *k, const char *path, struct err *e);

/* A value that tells whether k belongs to a database (kept in its
 * settings as "key_check"): a keyed hash under the lookup key, which is
 * never rotated. Reveals nothing of the keys. */
void keyring_check_value(const struct keyring *k, char out[SEAL_HASH_LEN]);

/* The key file's lock, a file beside it (path + ".lock", mode 0600):
 * every process that uses the keys holds it shared, a rotation holds it
 * exclusive, so no server or command can go on sealing under a key that a
 * rotation removes. With *fd < 0 the lock file is opened and *fd set; with
 * an open *fd the lock held there is converted. Never waits: ERR_CONFLICT
 * when another process holds it the other way. */
int keyring_lock(const char *path, bool exclusive, int *fd, struct err *e);

void keyring_wipe(struct keyring *k);

#endif
