/*
 * keyring.c - loading, deriving, generating and writing the keys (see
 * keyring.h).
 */
#include "app/keyring.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define KDF_CONTEXT "meedoen_"
#define SUBKEY_LOOKUP 1001
#define SUBKEY_PSEUDONYM 1002

static int set_path(struct keyring_where *w, const char *a, const char *b, struct err *e)
{
	struct buf p;
	buf_init(&p, 0);
	buf_puts(&p, a);
	buf_puts(&p, b);
	if (p.len >= sizeof w->path) {
		buf_release(&p);
		return err_set(e, ERR_BAD_REQUEST, "key file path \"%.60s...\" is too long", a);
	}
	memcpy(w->path, p.data, p.len + 1);
	buf_release(&p);
	return 0;
}

int keyring_locate(const char *db_path, const char *explicit_path, struct keyring_where *w, struct err *e)
{
	const char *env_file = getenv("MEEDOEN_KEY_FILE"), *creds = getenv("CREDENTIALS_DIRECTORY");
	const char *master = getenv("MEEDOEN_KEY");
	struct stat sb;

	memset(w, 0, sizeof *w);
	w->source = KEYRING_FILE;
	w->writable = true;
	if (explicit_path && *explicit_path)
		return set_path(w, explicit_path, "", e);
	if (env_file && *env_file)
		return set_path(w, env_file, "", e);
	if (creds && *creds) {
		if (set_path(w, creds, "/meedoen.key", e) != 0)
			return -1;
		if (stat(w->path, &sb) == 0) {
			w->writable = false;
			return 0;
		}
	}
	if (master && *master) {
		w->source = KEYRING_MASTER;
		w->writable = false;
		w->master = master;
		w->path[0] = '\0';
		return 0;
	}
	if (db_path == NULL || strcmp(db_path, ":memory:") == 0 || *db_path == '\0') {
		w->source = KEYRING_NONE;
		w->path[0] = '\0';
		return 0;
	}
	size_t n = strlen(db_path);
	if (n > 3 && strcmp(db_path + n - 3, ".db") == 0) {
		char *stem = xstrndup(db_path, n - 3);
		int rc = set_path(w, stem, ".key", e);
		free(stem);
		return rc;
	}
	return set_path(w, db_path, ".key", e);
}

static int hex_key(const char *s, unsigned char out[SEAL_KEY_LEN])
{
	size_t len = 0;
	const char *end;
	if (strlen(s) != 2 * SEAL_KEY_LEN)
		return -1;
	if (sodium_hex2bin(out, SEAL_KEY_LEN, s, strlen(s), NULL, &len, &end) != 0 || len != SEAL_KEY_LEN || *end)
		return -1;
	return 0;
}

/* One line of a key file into k; 0 or -1 with a reason in why. */
static int parse_line(char *line, struct keyring *k, bool *have_lookup, bool *have_pseudo, const char **why)
{
	char *save = NULL;
	char *word = strtok_r(line, " \t", &save), *a = strtok_r(NULL, " \t", &save), *b = strtok_r(NULL, " \t", &save);
	char *extra = strtok_r(NULL, " \t", &save);

	if (word == NULL || *word == '#')
		return 0;
	if (extra) {
		*why = "too many words";
		return -1;
	}
	if (strcmp(word, "version") == 0) {
		if (a == NULL || strcmp(a, "1") != 0 || b) {
			*why = "only version 1 is known";
			return -1;
		}
	} else if (strcmp(word, "data") == 0) {
		char *end;
		unsigned long id = a ? strtoul(a, &end, 10) : 0;
		if (a == NULL || *end || id < 1 || id > 99999999 || b == NULL) {
			*why = "expected \"data <id> <64 hex digits>\"";
			return -1;
		}
		if (seal_keyset_find(&k->data, (unsigned)id)) {
			*why = "data key id given twice";
			return -1;
		}
		if (k->data.n >= SEAL_MAX_KEYS) {
			*why = "too many data keys";
			return -1;
		}
		struct seal_key *sk = &k->data.keys[k->data.n];
		sk->id = (unsigned)id;
		if (hex_key(b, sk->key) != 0) {
			*why = "a key must be 64 hex digits";
			return -1;
		}
		k->data.n++;
	} else if (strcmp(word, "current") == 0) {
		char *end;
		unsigned long id = a ? strtoul(a, &end, 10) : 0;
		if (a == NULL || *end || id < 1 || id > 99999999 || b) {
			*why = "expected \"current <id>\"";
			return -1;
		}
		k->data.current = (unsigned)id;
	} else if (strcmp(word, "lookup") == 0 || strcmp(word, "pseudonym") == 0) {
		bool lookup = word[0] == 'l';
		if (a == NULL || b || hex_key(a, lookup ? k->lookup : k->pseudonym) != 0) {
			*why = "a key must be 64 hex digits";
			return -1;
		}
		*(lookup ? have_lookup : have_pseudo) = true;
	} else {
		*why = "unknown line (expected version, data, current, lookup or pseudonym)";
		return -1;
	}
	return 0;
}

int keyring_load(const char *path, struct keyring *k, struct err *e)
{
	struct stat sb;
	char line[512];
	long lineno = 0;
	bool have_lookup = false, have_pseudo = false;
	const char *why = NULL;
	int rc = -1;

	memset(k, 0, sizeof *k);
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		if (errno == ENOENT)
			return err_set(e, ERR_NOT_FOUND, "key file \"%s\" does not exist", path);
		return err_set(e, ERR_INTERNAL, "key file \"%s\": %s", path, strerror(errno));
	}
	if (fstat(fileno(f), &sb) != 0 || (sb.st_mode & 077) != 0) {
		err_set(e, ERR_INTERNAL, "key file \"%s\" may be read by others (mode %03o); chmod 600 it", path,
			(unsigned)(sb.st_mode & 0777));
		goto out;
	}
	while (fgets(line, sizeof line, f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (parse_line(line, k, &have_lookup, &have_pseudo, &why) != 0) {
			err_set(e, ERR_INTERNAL, "key file \"%s\" line %ld: %s", path, lineno, why);
			goto out;
		}
	}
	if (k->data.n == 0 || !have_lookup || !have_pseudo) {
		err_set(e, ERR_INTERNAL, "key file \"%s\" lacks a %s key", path,
			k->data.n == 0 ? "data" : !have_lookup ? "lookup" : "pseudonym");
		goto out;
	}
	if (seal_keyset_find(&k->data, k->data.current) == NULL) {
		err_set(e, ERR_INTERNAL, "key file \"%s\": current data key %u is not in the file", path, k->data.current);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(line, sizeof line);
	fclose(f);
	if (rc != 0)
		keyring_wipe(k);
	return rc;
}

int keyring_from_master(const char *text, struct keyring *k, struct err *e)
{
	unsigned char master[crypto_kdf_KEYBYTES];
	size_t len = 0;
	const char *end;

	memset(k, 0, sizeof *k);
	if (!(strlen(text) == 2 * sizeof master &&
	      sodium_hex2bin(master, sizeof master, text, strlen(text), NULL, &len, &end) == 0 && !*end &&
	      len == sizeof master) &&
	    !(sodium_base642bin(master, sizeof master, text, strlen(text), NULL, &len, &end,
				sodium_base64_VARIANT_ORIGINAL) == 0 &&
	      !*end && len == sizeof master)) {
		sodium_memzero(master, sizeof master);
		return err_set(e, ERR_BAD_REQUEST, "MEEDOEN_KEY must be 32 bytes as 64 hex digits or base64");
	}
	k->data.n = 1;
	k->data.current = 1;
	k->data.keys[0].id = 1;
	crypto_kdf_derive_from_key(k->data.keys[0].key, SEAL_KEY_LEN, 1, KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(k->lookup, SEAL_KEY_LEN, SUBKEY_LOOKUP, KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(k->pseudonym, SEAL_KEY_LEN, SUBKEY_PSEUDONYM, KDF_CONTEXT, master);
	sodium_memzero(master, sizeof master);
	return 0;
}

void keyring_generate(struct keyring *k)
{
	memset(k, 0, sizeof *k);
	k->data.n = 1;
	k->data.current = 1;
	k->data.keys[0].id = 1;
	randombytes_buf(k->data.keys[0].key, SEAL_KEY_LEN);
	randombytes_buf(k->lookup, SEAL_KEY_LEN);
	randombytes_buf(k->pseudonym, SEAL_KEY_LEN);
}

int keyring_add_data_key(struct keyring *k, struct err *e)
{
	unsigned next = 0;
	if (k->data.n >= SEAL_MAX_KEYS)
		return err_set(e, ERR_CONFLICT, "the key file already holds %d data keys; finish the rotation first",
			       SEAL_MAX_KEYS);
	for (size_t i = 0; i < k->data.n; i++)
		if (k->data.keys[i].id > next)
			next = k->data.keys[i].id;
	struct seal_key *sk = &k->data.keys[k->data.n++];
	sk->id = next + 1;
	randombytes_buf(sk->key, SEAL_KEY_LEN);
	k->data.current = sk->id;
	return 0;
}

void keyring_prune(struct keyring *k)
{
	size_t j = 0;
	for (size_t i = 0; i < k->data.n; i++) {
		if (k->data.keys[i].id == k->data.current)
			k->data.keys[j++] = k->data.keys[i];
	}
	for (size_t i = j; i < SEAL_MAX_KEYS; i++)
		sodium_memzero(&k->data.keys[i], sizeof k->data.keys[i]);
	k->data.n = j;
}

static void put_key(struct buf *b, const char *head, const unsigned char key[SEAL_KEY_LEN])
{
	char hex[2 * SEAL_KEY_LEN + 1];
	sodium_bin2hex(hex, sizeof hex, key, SEAL_KEY_LEN);
	buf_printf(b, "%s %s\n", head, hex);
	sodium_memzero(hex, sizeof hex);
}

/* fsync the folder holding path, so the rename is durable. */
static void sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? (slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path))) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

static int keyring_write_how(const struct keyring *k, const char *path, bool exclusive, struct err *e)
{
	struct buf b, tmp;
	int fd = -1, rc = -1;

	buf_init(&b, 0);
	buf_init(&tmp, 0);
	buf_puts(&b, "# meedoen keys. Keep this file secret (mode 0600) and back it up apart from the\n"
		     "# database: without it the BSNs, health limits and health notes cannot be read.\n"
		     "version 1\n");
	for (size_t i = 0; i < k->data.n; i++) {
		char head[32];
		snprintf(head, sizeof head, "data %u", k->data.keys[i].id);
		put_key(&b, head, k->data.keys[i].key);
	}
	buf_printf(&b, "current %u\n", k->data.current);
	put_key(&b, "lookup", k->lookup);
	put_key(&b, "pseudonym", k->pseudonym);
	buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());

	fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		err_set(e, ERR_INTERNAL, "key file \"%s\": %s", tmp.data, strerror(errno));
		goto out;
	}
	for (size_t off = 0; off < b.len;) {
		ssize_t w = write(fd, b.data + off, b.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			err_set(e, ERR_INTERNAL, "key file \"%s\": %s", tmp.data, strerror(errno));
			goto out_unlink;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		err_set(e, ERR_INTERNAL, "key file \"%s\": %s", tmp.data, strerror(errno));
		goto out_unlink;
	}
	fd = -1;
	if (exclusive) {
		/* link() fails where rename() would replace: two processes
		 * creating keys for one new database cannot both win */
		if (link(tmp.data, path) != 0) {
			err_set(e, errno == EEXIST ? ERR_CONFLICT : ERR_INTERNAL, "key file \"%s\": %s", path,
				strerror(errno));
			goto out_unlink;
		}
		unlink(tmp.data);
	} else if (rename(tmp.data, path) != 0) {
		err_set(e, ERR_INTERNAL, "key file \"%s\": %s", path, strerror(errno));
		goto out_unlink;
	}
	sync_dir(path);
	rc = 0;
	goto out;
out_unlink:
	if (fd >= 0)
		close(fd);
	unlink(tmp.data);
out:
	sodium_memzero(b.data, b.len);
	buf_release(&b);
	buf_release(&tmp);
	return rc;
}

void keyring_check_value(const struct keyring *k, char out[SEAL_HASH_LEN])
{
	seal_hash(k->lookup, "meedoen key check", out);
}

void keyring_wipe(struct keyring *k)
{
	sodium_memzero(k, sizeof *k);
}

int keyring_write(const struct keyring *k, const char *path, struct err *e)
{
	return keyring_write_how(k, path, false, e);
}

int keyring_create(const struct keyring *k, const char *path, struct err *e)
{
	return keyring_write_how(k, path, true, e);
}

int keyring_lock(const char *path, bool exclusive, int *fd, struct err *e)
{
	char lock[KEYRING_PATH_MAX + 8];

	if (*fd < 0) {
		if (snprintf(lock, sizeof lock, "%s.lock", path) >= (int)sizeof lock)
			return err_set(e, ERR_INVALID, "key file path \"%.80s...\" is too long", path);
		*fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (*fd < 0)
			return err_set(e, ERR_INTERNAL, "cannot open the key lock \"%s\": %s", lock, strerror(errno));
	}
	if (flock(*fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0)
		return 0;
	if (errno != EWOULDBLOCK)
		return err_set(e, ERR_INTERNAL, "cannot lock the key file \"%s\": %s", path, strerror(errno));
	if (exclusive)
		return err_set(e, ERR_CONFLICT, "another meedoen process (a running server?) uses the key file \"%s\": "
						"stop it before rotating",
			       path);
	return err_set(e, ERR_CONFLICT, "a key rotation is under way on the key file \"%s\": wait for it to finish",
		       path);
}
